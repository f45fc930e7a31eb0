"""Follow-ups resolved against the conversation (rules, and the model's condense step), and the LLM
planner with its fallbacks (JSON mode, then the rules)."""

from __future__ import annotations

from datetime import date

import pytest

from assistant import Assistant
from assistant.followup import resolve, resolve_against, stands_alone, understand, user_questions

from .conftest import llm_settings
from .fake_openai import Reply

ESTONIA = "What escalation signals involve Estonia?"
HISTORY = [
    {"role": "user", "content": ESTONIA},
    {"role": "assistant", "content": "**6 signals** from 2 articles on “escalation Estonia”. ...\n\n### Signals\n\n| ... |"},
]
PLAN = {"intent": "lookup", "kinds": [], "min_relevancy": None, "since": None, "until": None, "topics": [], "query": "", "sides": [], "aspects": []}


@pytest.mark.parametrize(
    ("follow_up", "resolved"),
    [
        ("and Finland?", "What escalation signals involve Finland?"),
        ("What about Finland?", "What escalation signals involve Finland?"),
        ("same for Latvia", "What escalation signals involve Latvia?"),
        ("and in Finland?", "What escalation signals involve Finland?"),
        ("only the technologies", "What escalation technologies involve Estonia?"),
        ("and concerns?", "What escalation concerns involve Estonia?"),
        ("just concerns since 2024", "What escalation concerns involve Estonia since 2024?"),
        ("compare that with Poland", "Compare signals on escalation Estonia with signals on escalation Poland"),
        ("compare with Poland", "Compare signals on escalation Estonia with signals on escalation Poland"),
        ("Which technologies turn seawater into drinking water?", "Which technologies turn seawater into drinking water?"),
        ("and what signals involve Poland?", "and what signals involve Poland?"),
    ],
)
def test_rule_based_resolution(follow_up, resolved):
    assert resolve_against(follow_up, ESTONIA) == resolved


LITHIUM = "What concerns are there about lithium mining?"


@pytest.mark.parametrize(
    ("previous", "follow_up", "resolved"),
    [
        # a place where the previous question named none narrows its topic instead of replacing it
        (LITHIUM, "and in Chile?", "What concerns are there about lithium mining in Chile?"),
        (LITHIUM, "what about Chile?", "What concerns are there about lithium mining in Chile?"),
        (LITHIUM, "what about cobalt?", "What concerns are there about cobalt mining?"),  # an activity's object for its object
        (LITHIUM, "and recycling?", "What concerns are there about lithium recycling?"),  # the activity for the activity
        ("Signals about AI regulation", "what about crypto?", "Signals about crypto regulation"),
        ("signals about vertical farming", "and aquaculture?", "signals about aquaculture"),  # "vertical" describes: the whole topic
        # of two one-word topics, a thing stands for the thing and an activity for the activity
        ("What concerns are there about drought in farming?", "and floods?", "What concerns are there about floods in farming?"),
        ("What concerns are there about drought in farming?", "and fishing?", "What concerns are there about drought in fishing?"),
        ("What are the risks of deep-sea mining?", "and space mining?", "What are the risks of space mining?"),
        ("signals on quantum computing", "and post-quantum cryptography?", "signals on post-quantum cryptography"),  # a thing of its own
        (LITHIUM, "in Chile?", "What concerns are there about lithium mining in Chile?"),
        ("What's happening with EV batteries?", "what about in Europe?", "What's happening with EV batteries in Europe?"),  # "EV" is no place
        ("signals about Tesla in China", "and in India?", "signals about Tesla in India"),
        # a setting alone narrows the previous topic, or stands in for its setting
        ("What concerns exist around facial recognition?", "in schools?", "What concerns exist around facial recognition in schools?"),
        ("What concerns exist around facial recognition in schools?", "and by police?", "What concerns exist around facial recognition by police?"),
        ("What behaviours are emerging around vaping?", "among teenagers?", "What behaviours are emerging around vaping among teenagers?"),
        # "only"/"just" before a setting or a place narrows the same way (it read "Japan" alone)
        ("signals about loneliness", "only in Japan", "signals about loneliness in Japan"),
        ("Why are vertical farms failing?", "any examples from Asia?", "Why are vertical farms failing in Asia?"),  # it searched "examples Asia"
        ("Why are vertical farms failing?", "are there any examples in Europe?", "Why are vertical farms failing in Europe?"),
        # the other verb of the same topic; what the definite article or "any" asks of it
        ("which countries are banning lab-grown meat?", "and approving it?", "which countries are approving lab-grown meat?"),
        ("What are the risks of deep-sea mining?", "and regulating it?", "regulating deep-sea mining"),
        ("signals about AI in hiring", "what are the biases?", "Signals on the biases of AI in hiring"),
        ("signals about AI in hiring", "any lawsuits?", "lawsuits about AI in hiring"),
        # records of a kind that stand in a relation to the previous topic: the pronoun stands for it
        ("the top concerns about deepfakes in elections", "and the technologies that detect them?", "the technologies that detect deepfakes in elections"),
        ("concerns about vaping", "what about the behaviours around it?", "the behaviours around vaping"),
        # "which ones are in X?" places the previous topic there, as "in X?" does (it searched "UK" alone)
        ("What are the behaviours linked to the cost-of-living crisis?", "which ones are in the UK?", "What are the behaviours linked to the cost-of-living crisis in the UK?"),
        ("signals about loneliness", "any of them in Japan?", "signals about loneliness in Japan"),
        # "its"/"their" asks of the previous topic; a preposition after "and" places the new one
        ("Tell me about lithium mining", "what about its environmental impact?", "The environmental impact of lithium mining"),
        ("What risks does AI pose to elections?", "and to jobs?", "What risks does AI pose to jobs?"),
        ("Tell me more about “Deepfake Technology” deepfakes", "who is working on solutions?", "who is working on solutions in “Deepfake Technology” deepfakes?"),
        ("What's the outlook for hydrogen cars?", "and for electric trucks?", "What's the outlook for electric trucks?"),  # as the topic was put
        # a request without a topic keeps the previous question's relevancy and period
        ("signals about quantum computing top-rated?", "how many are there?", "how many are there about the signals on quantum computing rated 5 or higher?"),
        ("concerns about AI since 2024", "list them", "list the concerns on AI since January 2024"),
        ("top-rated concerns about AI", "how many concerns are there?", "how many concerns are there about AI rated 5 or higher?"),
        # a question of its own about "it" asks about the topic, not for more of the same kind
        ("concerns about deepfakes in elections", "what can be done about it?", "what can be done about deepfakes in elections?"),
        ("Tell me about ocean acidification", "is it getting worse?", "is ocean acidification getting worse?"),  # "it" is the topic
        ("Tell me about ocean acidification", "what are scientists doing?", "what are scientists doing in ocean acidification?"),
        ("Summarize the corpus on wearables", "focus on health", "Summarize the corpus on wearables in health"),
        ("lithium mining", "narrow it down to Chile", "lithium mining in Chile"),
        ("Which issues are rated 5 about privacy?", "and rated 4?", "Which issues are about privacy rated 4?"),  # its own rating replaces the old
        ("signals about AI agents", "which ones are the most important?", "signals about AI agents top-rated?"),
        # the name that acts is the one swapped; a company for a company, not for a place; two capitalised words are one name
        ("What is Meta doing in VR?", "and Apple?", "What is Apple doing in VR?"),
        # "there" is the previous question's place; "vs X" compares with the previous topic
        ("Which signals are about ageing societies in Japan?", "what do we know about robots there?", "what do we know about robots in Japan?"),
        ("green hydrogen only", "vs blue hydrogen", "Compare green hydrogen with blue hydrogen"),
        # which of the previous records speak of something too: it joins the topic as a part, the setting kept
        ("Signals about remote work", "which ones are about productivity?", "Signals about remote work on productivity"),
        ("What concerns are there about facial recognition in schools?", "any of them about privacy?", "What concerns are there about facial recognition in schools on privacy?"),
        ("How many concerns mention microplastics?", "show me the ones about health", "How many concerns mention microplastics on health?"),
        ("Signals about remote work", "just those on productivity", "Signals about remote work on productivity"),
        ("How many signals mention drones?", "how many of those are about the military?", "How many signals mention drones on the military?"),
        ("Signals about drones", "how many of those are about the military?", "How many: Signals about drones on the military"),  # counted, as asked
        ("Behaviors around online dating", "any involving AI?", "Behaviors around online dating on AI"),
        ("Technologies for carbon removal", "which ones are used by airlines?", "Technologies for carbon removal on airlines"),
        ("Technologies for wildfire detection", "any used by firefighters?", "Technologies for wildfire detection on firefighters"),
        ("Technologies for energy storage", "any that use sodium?", "Technologies for energy storage on sodium"),
        ("Signals about remote work", "how does that affect cities?", "how does remote work affect cities?"),  # "that" after "does" is the topic
        ("Signals about rare earths", "any that involve China?", "Signals about rare earths on China"),
        ("Tell me about drone deliveries in cities", "any concerns about noise?", "any concerns about noise?"),  # a kind asked, not the ones concerning
        # all places again: the previous question without the ones it named
        ("What's happening with heat pumps in Germany?", "go back to all countries", "What's happening with heat pumps?"),
        ("signals on water scarcity in India, rated 4 or above", "worldwide", "signals on water scarcity, rated 4 or above"),
        ("Tesla in China", "what about everywhere else?", "Tesla"),
        ("heat pumps", "globally", "heat pumps"),  # it named none: the same question
        # a comparison's side swapped keeps the head word its other side shares; a plural side shares none
        ("Compare solar and wind power", "and nuclear?", "Compare solar and nuclear power"),
        ("Compare drones and electric vehicles", "and robots?", "Compare drones and robots"),
        ("signals about Tesla in China", "and BYD?", "signals about BYD in China"),
        ("What has Elon Musk said about AI?", "and Sam Altman?", "What has Sam Altman said about AI?"),
        ("signals about heat pumps in the UK", "what about Germany?", "signals about heat pumps in Germany"),  # not "the Germany"
        ("What are people saying about Apple Vision Pro?", "what are the alternatives?", "what are the alternatives of Apple Vision Pro?"),
        ("Summarize the corpus on wearables in health", "only concerns", "Concerns on wearables in health"),  # a briefing's records
        ("signals about loneliness", "just Japan", "signals about loneliness in Japan"),
        ("signals about loneliness in Japan", "and the UK?", "signals about loneliness in the UK"),
        ("What concerns exist around facial recognition?", "only in schools", "What concerns exist around facial recognition in schools?"),
        ("What concerns are there about AI companions?", "show me 5", "What concerns are there about AI companions top 5?"),
        # who acts, and nothing else: the previous topic's actors
        ("What's the outlook for electric aviation?", "who are the key players?", "who are the key players in electric aviation?"),
        ("What's the outlook for electric aviation?", "Which countries are leading?", "Which countries are leading in electric aviation?"),
        ("What concerns are there about lithium mining?", "what about investors?", "What concerns are there about lithium mining for investors?"),
        # an institution or a trade asks for its side of the previous topic; one stands for another ("and insurers?" after banks)
        ("Concerns about autonomous vehicles", "what about insurers?", "Concerns about autonomous vehicles for insurers"),
        # an activity after a thing is what is done with it; after an activity, a setting or a place it stands in
        ("What signals are there on electric trucks?", "what about charging?", "Signals on the charging of electric trucks"),
        ("Which technologies are there for EV batteries?", "what about recycling?", "Technologies on the recycling of EV batteries"),
        ("farming in Norway", "what about fishing?", "fishing in Norway"),
        ("drones in agriculture", "what about mining?", "drones in mining"),
        ("tourism in Barcelona", "what about housing?", "housing in Barcelona"),
        # a topic a name owns keeps its owner when another stands in for it
        ("Signals about Germany's energy transition", "what about storage?", "Signals about Germany's energy storage"),
        ("Apple's smart glasses", "what about headphones?", "Apple's headphones"),
        # the kinds a comparison is narrowed to ask nothing of its sides
        ("Compare nuclear and solar power", "only the concerns and issues", "Concerns and issues: Compare nuclear and solar power"),
        # who acts for who acts, inside a topic of several
        ("Issues on the privacy of retailers AI", "compare that with banks", "Compare issues on privacy retailers AI with issues on privacy banks AI"),
        # kinds said to go with the previous topic, in words that name nothing else
        ("What signals are there about companies moving production out of China?", "which concerns come with that?", "What concerns are there about companies moving production out of China?"),
        ("Signals on heat pumps", "which issues come up?", "issues on heat pumps"),
        ("Signals on heat pumps", "which concerns arise?", "concerns on heat pumps"),
        ("Signals on heat pumps", "which concerns come with noise?", "which concerns come with noise?"),  # a topic of its own
        # another side for a comparison's last side, not for what both are compared on
        ("Compare nuclear and wind power on cost", "compare that with solar", "Compare nuclear and solar power on cost"),
        ("Compare nuclear and wind power on cost", "and solar?", "Compare nuclear and solar power on cost"),
        ("Compare Tesla and BYD", "compare that with Toyota", "Compare Tesla and Toyota"),
        # a population stands only for a population (or who acts): the thing asked of them is swapped
        ("What are the risks of social media for children?", "compare that with video games", "Compare risks social media children with risks video games children"),
        ("What are the risks of social media for children?", "and teenagers?", "What are the risks of social media for teenagers?"),
        # ...under the previous question's rating and period
        ("Which concerns about plastic recycling are rated 5?", "compare that with glass recycling", "Compare concerns on plastic recycling with concerns on glass recycling, rated 5 or higher"),
        ("What are the concerns about GLP-1 drugs?", "and food companies?", "What are the concerns about GLP-1 drugs for food companies?"),
        ("Which banks are using generative AI?", "and insurers?", "Which insurers are using generative AI?"),
        ("Signals about alcohol among Gen Z", "and millennials?", "Signals about alcohol among millennials"),
        ("signals about 3D-printed houses", "who's investing?", "who's investing in 3D-printed houses?"),
        # what one asks of a topic, and nothing else: asked of the previous topic
        ("signals about 3D-printed houses", "what are the risks?", "what are the risks of 3D-printed houses?"),
        ("signals about 3D-printed houses", "and the opportunities?", "Signals on the opportunities of 3D-printed houses"),
        ("What concerns and issues are there about lithium mining?", "only the technologies", "What technologies are there about lithium mining?"),
        # another kind asked in a request's words is no new question ("instead" names no topic)
        ("What concerns are there about smart glasses?", "show me the behaviors instead", "What behaviors are there about smart glasses?"),
        ("What concerns are there about smart glasses?", "show the technologies", "What technologies are there about smart glasses?"),
        (
            "Compare concerns on Chile with concerns on cobalt",
            "just the technologies",
            "Compare technologies on Chile with technologies on cobalt",
        ),
        # a request without a topic of its own asks it of the previous question's records
        ("How many signals are about vertical farming?", "list them", "List the signals on vertical farming"),
        # after a count, a request to see "them" lists what was counted: the mentions, when it counted mentions
        ("How many records mention lithium?", "show them", "List the records that mention lithium"),
        ("How many signals mention Nvidia?", "which are they?", "List the signals that mention Nvidia"),
        ("What are the concerns about drones?", "list them", "list the concerns on drones"),
        ("How many records mention lithium?", "only concerns", "How many concerns mention lithium?"),  # the kind for "records"
        ("Give me articles about aquaponics", "Draft a briefing on that", "Draft a briefing on aquaponics"),
        ("What's happening with nuclear fusion startups?", "who is funding them?", "who is funding nuclear fusion startups?"),
        ("deepfakes in elections", "how many are there?", "how many are there about deepfakes in elections?"),  # what places one topic in another stays
        ("Concerns: ransomware in hospitals", "how many are there?", "how many are there about the concerns on ransomware in hospitals?"),
        ("misinformation", "on TikTok?", "misinformation on TikTok"),  # every word that places a topic narrows
        ("What are the risks of microplastics in the ocean?", "who are the key players?", "who are the key players in microplastics in the ocean?"),
        ("What concerns are there about lithium mining?", "brief me", "brief me about the concerns on lithium mining?"),
        ("Signals on heat pumps", "how many concerns are there?", "how many concerns are there about heat pumps?"),
        # a whole topic for a whole topic, not for one of its words
        (
            "What concerns are there about AI in healthcare?",
            "compare that with AI in finance",
            "Compare concerns on AI healthcare with concerns on AI finance",
        ),
        ("GPS jamming in Estonia", "what about drone incursions in Poland?", "drone incursions in Poland"),
        (
            "What is Japan doing about its shrinking, ageing population?",
            "same for South Korea",
            "What is South Korea doing about its shrinking, ageing population?",
        ),
        # after an answer that is not records, the kinds ask for records on its topic
        ("Give me articles about vertical farming", "only the concerns", "Concerns on vertical farming"),
        ("What's the outlook for small modular reactors?", "what are the concerns?", "Concerns on small modular reactors"),
        ("signals about Belarus", "top 3", "signals about Belarus top 3?"),
        # a row's name the previous question quoted stays quoted: "Technology" is no kind asked for
        (
            "Tell me more about “Deepfake Technology” deepfakes",
            "which articles say that?",
            "which articles say “Deepfake Technology” deepfakes?",
        ),
        # a comparison that named no kinds takes the kinds asked for, as any other question
        ("compare heat pumps and gas boilers", "only signals", "Signals: compare heat pumps and gas boilers"),
        ("Compare concerns on X with concerns on Y", "only signals", "Compare signals on X with signals on Y"),
    ],
)
def test_follow_ups_of_questions_without_a_name_or_with_two_kinds(previous, follow_up, resolved):
    assert resolve_against(follow_up, previous) == resolved


def test_a_chain_of_follow_ups_builds_on_each_resolved_question():
    history = [*HISTORY, {"role": "user", "content": "and Finland?"}, {"role": "assistant", "content": "..."}]
    assert resolve("only the technologies", history) == "What escalation technologies involve Finland?"


def test_history_in_gradio_parts_is_read():
    history = [{"role": "user", "content": [{"type": "text", "text": ESTONIA}]}, {"role": "assistant", "content": "x"}]
    assert user_questions(history) == [ESTONIA]
    assert resolve("and Finland?", history) == "What escalation signals involve Finland?"


def test_no_history_leaves_the_question_alone():
    assert resolve("and Finland?", None) == "and Finland?"


def test_the_comparison_follow_up_plans_both_sides(desk):
    plan = desk.plan("compare that with Poland", HISTORY)
    assert plan.intent == "compare" and plan.kinds == ["signal"]
    assert plan.sides == ["escalation Estonia", "escalation Poland"]


def test_a_comparison_after_a_question_of_every_kind_names_its_sides_by_topic(desk):
    history = [{"role": "user", "content": "What are the risks of deepfakes?"}, {"role": "assistant", "content": "…"}]
    plan = desk.plan("compare that with voice cloning", history)
    # not "records on …"; what was asked of the one side is asked of the other
    assert plan.intent == "compare" and plan.sides == ["risks deepfakes", "risks voice cloning"]


def test_estonia_then_finland_with_the_rules(desk):
    plan = desk.plan("and Finland?", HISTORY)
    assert plan.kinds == ["signal"] and plan.topics == ["escalation", "Finland"] and plan.intent == "lookup"
    assert plan.question == "and Finland?" and plan.resolved == "What escalation signals involve Finland?"
    answer = desk.ask("and Finland?", HISTORY)
    assert answer.plan["resolved"] == "What escalation signals involve Finland?"
    assert "20240619-finland-border-civil-defence" in {r.article_id for r in answer.records}
    assert {r.kind for r in answer.records} == {"signal"}


@pytest.fixture
def llm_desk(desk, openai_server):
    return Assistant(llm_settings(openai_server, index_dir=desk.settings.index_dir), index=desk.index)


def test_estonia_then_finland_with_the_model(llm_desk, openai_server):
    openai_server.script(
        Reply.text("What escalation signals involve Finland?", match="Last question:"),
        Reply.json({**PLAN, "kinds": ["signal"], "topics": ["escalation", "Finland"], "query": "escalation Finland"}, match="PlanDraft"),
    )
    plan = llm_desk.plan("and Finland?", HISTORY)
    assert plan.planner == "llm" and plan.kinds == ["signal"] and plan.topics == ["escalation", "Finland"]
    assert plan.resolved == "What escalation signals involve Finland?"
    condense, planning = openai_server.chat_requests
    assert ESTONIA in condense.text() and "Last question: and Finland?" in condense.text()
    assert "| ... |" not in condense.text()  # the assistant's tables are not sent back
    assert "Question: What escalation signals involve Finland?" in planning.text()


def test_a_failed_condense_falls_back_to_the_rules(llm_desk, openai_server):
    openai_server.script(
        Reply.empty(match="Last question:"),
        Reply.json({**PLAN, "kinds": ["signal"], "topics": ["escalation", "Finland"], "query": "escalation Finland"}, match="PlanDraft"),
    )
    plan = llm_desk.plan("and Finland?", HISTORY)
    assert plan.resolved == "What escalation signals involve Finland?" and plan.planner == "llm"


def test_no_condense_call_without_history(llm_desk, openai_server):
    openai_server.script(Reply.json({**PLAN, "kinds": ["concern"], "query": "debris"}, match="PlanDraft"))
    llm_desk.plan("concerns about orbital debris")
    assert len(openai_server.chat_requests) == 1


def test_the_model_plans_with_todays_date(llm_desk, openai_server):
    reply = {**PLAN, "intent": "list", "kinds": ["concern"], "min_relevancy": 4, "since": "2024-01-01", "until": "2024-12", "topics": ["AI"], "query": "AI"}
    openai_server.script(Reply.json(reply, match="PlanDraft"))
    plan = llm_desk.plan("high-relevancy AI concerns from last year")
    assert (plan.intent, plan.kinds, plan.min_relevancy) == ("list", ["concern"], 4)
    assert (plan.since, plan.until) == (date(2024, 1, 1), date(2024, 12, 31))
    assert f"Today is {date.today().isoformat()}" in openai_server.chat_requests[0].text()


def test_explicit_filters_override_the_models_plan(llm_desk, openai_server):
    openai_server.script(Reply.json({**PLAN, "kinds": ["concern"], "min_relevancy": 5, "query": "AI"}, match="PlanDraft"))
    plan = llm_desk.plan("AI worries", kinds=["technology"], min_relevancy=2, since="2025")
    assert (plan.kinds, plan.min_relevancy, plan.since) == (["technology"], 2, date(2025, 1, 1))


def test_the_planner_falls_back_to_json_mode(llm_desk, openai_server):
    openai_server.script(
        Reply.error(400, "response_format json_schema is not supported", match="PlanDraft"),
        Reply.json({**PLAN, "kinds": ["signal"], "query": "drones"}, match="PlanDraft"),
    )
    plan = llm_desk.plan("signals about drones")
    assert plan.planner == "llm" and plan.query == "drones"
    assert [r.json["response_format"]["type"] for r in openai_server.chat_requests] == ["json_schema", "json_object"]


@pytest.mark.parametrize(
    "reply",
    [Reply.garbage(match="PlanDraft"), Reply.json({**PLAN, "intent": "ponder"}, match="PlanDraft"), Reply.json({**PLAN, "since": "last week"}, match="PlanDraft")],
    ids=["garbage", "bad intent", "bad date"],
)
def test_the_planner_falls_back_to_the_rules(llm_desk, openai_server, reply):
    openai_server.script(reply)
    plan = llm_desk.plan(ESTONIA)
    assert plan.planner == "rules" and plan.kinds == ["signal"] and plan.query == "escalation Estonia"


def _conversation(*questions):
    return [m for q in questions for m in ({"role": "user", "content": q}, {"role": "assistant", "content": "..."})]


@pytest.mark.parametrize(
    ("earlier", "message", "question", "page", "how"),
    [
        # a question with its own topic, or about the corpus itself, stands alone
        (["How many concerns mention drones?"], "What's new since 2025?", "What's new since 2025?", 1, "new"),
        ([ESTONIA], "concerns about lithium mining", "concerns about lithium mining", 1, "new"),
        ([ESTONIA], "Which technologies turn seawater into drinking water?", "Which technologies turn seawater into drinking water?", 1, "new"),
        # elliptic messages lean on the previous question
        ([ESTONIA], "only the technologies", "What escalation technologies involve Estonia?", 1, "follow-up"),
        ([ESTONIA], "and since 2024?", "What escalation signals involve Estonia since 2024?", 1, "follow-up"),
        ([ESTONIA], "Which ones are rated 5?", "What escalation signals involve Estonia rated 5?", 1, "follow-up"),
        # "more", "next", "page 2" continue the previous answer
        (["How many concerns mention drones?"], "page 2", "How many concerns mention drones?", 2, "continue"),
        (["How many concerns mention drones?"], "ask for page 2", "How many concerns mention drones?", 2, "continue"),
        (["How many concerns mention drones?", "more"], "next", "How many concerns mention drones?", 3, "continue"),
        ([ESTONIA, "and Finland?"], "more", "What escalation signals involve Finland?", 2, "continue"),
        ([ESTONIA], "show me more please", ESTONIA, 2, "continue"),
        ([ESTONIA], "tell me more", ESTONIA, 2, "continue"),
        (["Signals on sleep tourism"], "anything similar?", "Signals on sleep tourism", 2, "continue"),  # it searched "similar"
        (["Signals on sleep tourism"], "more like that", "Signals on sleep tourism", 2, "continue"),
        # "compare the two": the last two questions' topics; a request alone asks it of the previous topic
        (["Which signals mention Nvidia?", "and AMD?"], "compare the two", "Compare signals on Nvidia with signals on AMD", 1, "follow-up"),
        (["Tell me about nuclear power", "and solar power?"], "which is growing faster?", "Compare nuclear power with solar power", 1, "follow-up"),
        # asked of a comparison, which of its sides leads is that comparison again
        (["Compare nuclear and solar power"], "which is cheaper?", "Compare nuclear and solar power", 1, "follow-up"),
        # what the two share is what a comparison says ("Shared and distinct"): it searched "groups share"
        (["Compare nuclear and solar power"], "what do they have in common?", "Compare nuclear and solar power", 1, "follow-up"),
        (["Compare remote work and return to office"], "which is growing?", "Compare remote work and return to office", 1, "follow-up"),  # which moves
        (["Tell me about nuclear power", "and solar power?"], "what do both share?", "Compare nuclear power with solar power", 1, "follow-up"),
        (["Compare nuclear and solar power"], "what are the similarities?", "Compare nuclear and solar power", 1, "follow-up"),
        (["concerns about vertical farming", "what about hydroponics?"], "how do they compare?",
         "Compare concerns on vertical farming with concerns on hydroponics", 1, "follow-up"),
        (["space debris"], "cards please", "cards about space debris?", 1, "follow-up"),
        (["What is happening with nuclear power in Japan?", "and in Germany?"], "why the difference?",
         "Compare nuclear power in Japan with nuclear power in Germany", 1, "follow-up"),
        # ... the last two topics, not a count of the last one
        (["heat pumps in Finland", "and Estonia?", "how many are there?"], "compare the two", "Compare heat pumps in Finland with heat pumps in Estonia", 1, "follow-up"),
        # a chain of such questions asks each of the topic, not of the one before ("risks" then "opportunities")
        (["signals about 3D-printed houses", "what are the risks?"], "and the opportunities?", "The opportunities of 3D-printed houses", 1, "follow-up"),
        (["signals about 3D-printed houses"], "summarize", "summarize about the signals on 3D-printed houses?", 1, "follow-up"),
        (["signals about 3D-printed houses"], "summarize November 2024", "summarize November 2024", 1, "new"),
        # a pronoun in a question of its own stands for the previous topic, without what was asked of it
        (["What are the risks of deep-sea mining?"], "who is pushing for it?", "who is pushing for deep-sea mining?", 1, "follow-up"),
        (["signals about vertical farming"], "why are they failing?", "why are vertical farming failing?", 1, "follow-up"),
        (["signals about vertical farming", "why are they failing?"], "what are the alternatives?",
         "what are the alternatives of vertical farming?", 1, "follow-up"),
        (["What's new in carbon capture?", "is it working?"], "who's funding it?", "who's funding carbon capture?", 1, "follow-up"),
        # a population for a population; what a topic is done to stays; a degree word narrows
        (["Which behaviours are changing around alcohol among Gen Z?"], "and millennials?",
         "Which behaviours are changing around alcohol among millennials?", 1, "follow-up"),
        (["signals on urban farming", "is it profitable?"], "which cities lead?", "which cities lead in urban farming?", 1, "follow-up"),
        (["Tell me about deepfake scams", "how many are there?"], "show me the worst ones",
         "Show me deepfake scams top-rated?", 1, "follow-up"),
        (["concerns about facial recognition at airports"], "what about train stations?",
         "concerns about facial recognition at train stations", 1, "follow-up"),
        (["What is Nvidia doing in robotics?", "and Tesla?"], "which is further ahead?", "Compare Nvidia robotics with Tesla robotics", 1, "follow-up"),
        (["Compare hydrogen cars with battery EVs"], "which has more concerns?", "Concerns: Compare hydrogen cars with battery EVs", 1, "follow-up"),
        (["How is AI changing journalism?"], "what do the critics say?", "what do the critics say about AI journalism?", 1, "follow-up"),
        (["What are teenagers doing with AI chatbots?"], "and older adults?", "What are older adults doing with AI chatbots?", 1, "follow-up"),
        (["Tell me about space tourism"], "what about the environmental impact?", "The environmental impact of space tourism", 1, "follow-up"),
        (["Which technologies are used to fight wildfires?"], "and floods?", "Which technologies are used to fight floods?", 1, "follow-up"),
        (["concerns about smart glasses"], "what about privacy specifically?", "Concerns on the privacy of smart glasses", 1, "follow-up"),
        (["What signals are there about delivery drones?"], "and the risks of those?", "Signals on the risks of delivery drones", 1, "follow-up"),
        (["How is AI used in fishing?"], "any concerns?", "Concerns: How is AI used in fishing?", 1, "follow-up"),
        # how much of a topic there is, asked with a predicate: the previous topic's
        (["signals about heat pumps in Germany"], "why are sales falling there?", "why are sales of heat pumps in Germany falling?", 1, "follow-up"),
        (["Tell me about lab-grown diamonds"], "why are prices falling?", "why are prices of lab-grown diamonds falling?", 1, "follow-up"),
        # a group doing something, what is done about the topic, and a chain through "any bans?": of the previous topic
        (["What do the records say about drought in Italy?"], "what are farmers doing?", "what are farmers doing about drought in Italy?", 1, "follow-up"),
        (["Tell me about the housing crisis in Australia"], "and the policies being tried?", "The policies being tried of housing crisis in Australia", 1, "follow-up"),
        (["What's happening with lab-grown meat?", "any bans?"], "where is it approved?", "where is lab-grown meat approved?", 1, "follow-up"),
        (["How many concerns mention Meta?", "list them"], "which are about privacy?", "List the concerns that mention Meta on privacy", 1, "follow-up"),
        (["generative AI in the music industry"], "and the film industry?", "generative AI in the film industry", 1, "follow-up"),
        (["AI in hiring"], "what about regulation?", "The regulation of AI in hiring", 1, "follow-up"),
        (["What is the outlook for hydrogen cars?"], "are prices coming down?", "are prices of hydrogen cars coming down?", 1, "follow-up"),
        # a population alone, asked what it thinks: of the previous topic
        (["Gen Z and alcohol"], "what do parents think?", "what do parents think about Gen Z and alcohol?", 1, "follow-up"),
        # "any in India?": the previous question there
        (["Which technologies fight antibiotic resistance?"], "any in India?", "Which technologies fight antibiotic resistance in India?", 1, "follow-up"),
        # "which industries?", "what do civil liberties groups say?", "why are so many failing?": of the previous topic
        (["signals on reshoring in the US"], "which industries?", "which industries in reshoring in the US?", 1, "follow-up"),
        (["What are the concerns about AI in courts?"], "what do civil liberties groups say?", "what do civil liberties groups say about AI in courts?", 1, "follow-up"),
        (["Tell me about vertical farming"], "why are so many failing?", "why are so many vertical farming failing?", 1, "follow-up"),
        (["What technologies detect wildfires?"], "any from Australia?", "What technologies detect wildfires from Australia?", 1, "follow-up"),
        # a pronoun leans on the previous topic, though the question has words of its own
        (["What's happening with e-scooter bans?"], "why are cities banning them?", "why are cities banning e-scooter bans?", 1, "follow-up"),
        (["when will quantum computing arrive?"], "who is leading?", "who is leading on quantum computing?", 1, "follow-up"),
        # a subject that acts is swapped without its verb, a population's object for an object
        (["How are universities responding to ChatGPT?"], "and schools?", "How are schools responding to ChatGPT?", 1, "follow-up"),
        (["why are so many people getting dogs?"], "and cats?", "why are so many people getting cats?", 1, "follow-up"),
        (["What are the concerns about smart speakers?"], "and smart TVs?", "What are the concerns about smart TVs?", 1, "follow-up"),  # an acronym's plural is no name
        (["where does most of e-waste go?"], "what about batteries?", "where does most of batteries go?", 1, "follow-up"),
        (["Tell me about smart rings"], "what are the privacy concerns?", "Concerns on the privacy of smart rings", 1, "follow-up"),
        (["How are banks using generative AI?"], "and insurers?", "How are insurers using generative AI?", 1, "follow-up"),
        # whether a name or a group takes part in the previous topic
        (["What concerns are there about smart glasses?"], "is Meta involved?", "What concerns are there about smart glasses in Meta?", 1, "follow-up"),
        (["Signals about heat pumps"], "is Germany in it?", "Signals about heat pumps in Germany", 1, "follow-up"),
        (["has rent control in Berlin worked?"], "and in Barcelona?", "has rent control in Barcelona worked?", 1, "follow-up"),
        (["Which technologies are used to monitor air quality?"], "and water quality?", "Which technologies are used to monitor water quality?", 1, "follow-up"),
        (["Which technologies help reduce food waste?"], "which are cheapest?", "Which technologies help reduce food waste: which are cheapest?", 1, "follow-up"),
        (["Technologies in precision agriculture"], "which ones are cheapest for smallholders?",
         "Technologies in precision agriculture: which ones are cheapest for smallholders?", 1, "follow-up"),
        # what opens a message and asks nothing; the first question again; what else; who meets the topic
        (["Signals about microplastics"], "okay, and in oceans?", "Signals about microplastics in oceans", 1, "follow-up"),
        (["Signals on loneliness"], "thanks. what about Japan?", "Signals on loneliness in Japan", 1, "follow-up"),
        (["Concerns about AI in finance", "drill into fraud"], "go back to the first question", "Concerns about AI in finance", 1, "follow-up"),
        (["Concerns about AI in finance"], "drill into fraud", "Concerns about AI in finance on fraud", 1, "follow-up"),
        # back to kinds asked before: the previous topic in those kinds; similar records of the kinds shown: the next page
        (["Concerns about AI", "only the technologies"], "go back to the concerns", "concerns about AI", 1, "follow-up"),
        (["Signals about lab-grown diamonds"], "similar signals?", "Signals about lab-grown diamonds", 2, "continue"),
        (["Signals about lab-grown diamonds"], "any similar concerns?", "concerns about lab-grown diamonds", 1, "follow-up"),
        (["Compare the concerns about TikTok and Instagram"], "which has more?", "Compare the concerns about TikTok and Instagram", 1, "follow-up"),
        (["The three most important signals on climate adaptation"], "why those?", "The three most important signals on climate adaptation", 1, "follow-up"),
        # a trade said as one is who acts; a request for records that act on the previous topic; a count in all
        (["How is the insurance industry responding to climate change?"], "what about banks?", "How are the banks responding to climate change?", 1, "follow-up"),
        (["What are the risks of deepfakes?"], "show me the technologies that fight them", "the technologies that fight deepfakes", 1, "follow-up"),
        (["Any signals on lab-grown diamonds?"], "how many are there in total?", "how many are there in total about the signals on lab-grown diamonds?", 1, "follow-up"),
        (["Signals about vertical farming", "who are the main players?"], "any concerns?", "Concerns on vertical farming", 1, "follow-up"),  # the topic's, not the players'
        # a shorter answer: its best five records
        (["Draft a briefing on water scarcity"], "make it shorter", "Draft a briefing on water scarcity top 5?", 1, "follow-up"),
        (["Signals on deepfakes"], "can you give me a shorter version?", "Signals on deepfakes top 5?", 1, "follow-up"),
        (["Concerns about AI in finance"], "what else?", "Concerns about AI in finance", 2, "continue"),
        (["Signals on loneliness"], "how is tech responding?", "how is tech responding to loneliness?", 1, "follow-up"),
        # each verb meets its object in its own way ("coping to" read wrong)
        (["Concerns about wildfires"], "how are insurers coping?", "how are insurers coping with wildfires?", 1, "follow-up"),
        (["Concerns about wildfires"], "how are cities preparing?", "how are cities preparing for wildfires?", 1, "follow-up"),
        (["Signals about smart homes"], "privacy angle?", "Signals on the privacy of smart homes", 1, "follow-up"),  # that side of it
        (["Signals on e-scooters"], "safety issues?", "Issues on the safety of e-scooters", 1, "follow-up"),  # a word and a kind
        (["Behaviors around meal kits"], "still popular?", "Is meal kits still popular?", 1, "follow-up"),
        (["Behaviors around meal kits", "still popular?"], "why are they declining?", "why are meal kits declining?", 1, "follow-up"),
        (["Signals about smart homes"], "the dark side?", "Signals on the risks of smart homes", 1, "follow-up"),
        (["Give me articles about ocean acidification", "any signals?"], "the most relevant one?", "Signals on ocean acidification top-rated?", 1, "follow-up"),
        (["What are the weak signals about the future of food?"], "which ones matter most?", "What are the weak signals about the future of food top-rated?", 1, "follow-up"),
        # the best of one kind of what was shown
        (["What is changing in car buying?"], "which signals are strongest?", "Signals: What is changing in car buying top-rated?", 1, "follow-up"),
        # the best few of what was counted
        (["Tell me about ransomware attacks on hospitals", "how many since 2024?"], "show me the top 3",
         "Show me ransomware attacks on hospitals since January 2024 top 3?", 1, "follow-up"),
        # a message without a topic of its own asks about the previous topic, not the whole corpus
        (
            ["Give me articles about the Great Barrier Reef"],
            "what's the outlook?",
            "what's the outlook on Great Barrier Reef?",
            1,
            "follow-up",
        ),
    ],
)
def test_conversation_rules(earlier, message, question, page, how):
    understood = understand(message, _conversation(*earlier))
    assert (understood.question, understood.page, understood.how) == (question, page, how)


def test_more_pages_a_count_in_the_answer(desk):
    first = desk.ask("How many records mention Europe?", k=5)
    second = desk.ask("more", _conversation("How many records mention Europe?"), k=5)
    assert second.plan["page"] == 2 and second.facets["page"] == 2
    assert not {r.id for r in first.records} & {r.id for r in second.records}


def test_a_continuation_past_the_last_match_says_so_rather_than_nothing_found(desk):
    history = _conversation("What escalation signals involve Estonia?", "and Finland?", "more")
    answer = desk.ask("anything similar?", history)
    assert answer.plan["page"] == 3 and not answer.records
    assert answer.markdown.startswith("No more matches on “escalation Finland”: the earlier pages showed all ")
    assert "Nothing found" not in answer.markdown


def test_a_standalone_question_after_a_count_is_not_read_as_its_follow_up(desk):
    plan = desk.plan("What's new since 2025?", _conversation("How many concerns mention drones?"))
    assert plan.resolved == "What's new since 2025?" and plan.kinds == [] and plan.intent == "trend"


def test_a_row_of_the_last_answer_is_named_by_its_place(desk):
    first = desk.ask("concerns about orbital debris")
    history = [{"role": "user", "content": "concerns about orbital debris"}, {"role": "assistant", "content": first.markdown}]
    table = first.tables[0]
    names = [row[0] for row in table.rows]
    second = desk.plan("tell me more about the second one", history)
    assert second.resolved.startswith(f"Tell me more about “{names[1]}”") and second.kinds == []
    assert desk.plan("#1", history).resolved.startswith(f"Tell me more about “{names[0]}”")
    assert desk.plan("the last one?", history).resolved.startswith(f"Tell me more about “{names[-1]}”")
    answer = desk.ask("tell me more about the second one", history)
    assert answer.records and answer.records[0].name == names[1]
    # past the rows shown, or with no table before it, the message is read as it stands
    assert desk.plan("the tenth one", [history[0], {"role": "assistant", "content": "No table here."}]).resolved == "the tenth one"


def test_a_quoted_phrase_is_a_topic_as_written():
    from assistant.plan import plan

    planned = plan("Tell me more about “Privacy Concerns” in 2025")
    assert (planned.query, planned.kinds) == ("Privacy Concerns", []) and planned.since is not None
    assert plan('compare "Remote Work Technologies" with "Smart Cities"').sides == ["Remote Work Technologies", "Smart Cities"]


def test_a_follow_up_can_leave_something_out():
    history = [{"role": "user", "content": "signals about renewable energy"}, {"role": "assistant", "content": "…"}]
    for message in ("excluding solar", "but not solar?", "without solar"):
        assert resolve(message, history) == "signals about renewable energy, excluding solar"


def _chat(*questions: str) -> list[dict]:
    return [m for q in questions for m in ({"role": "user", "content": q}, {"role": "assistant", "content": "(answer)"})]


def _likeness(close: dict[tuple[str, str], float]):
    return lambda words, topics: [close.get((words, topic), 0.1) for topic in topics]


def test_new_words_stand_for_the_previous_topic_closest_in_meaning():
    heat = _chat("What concerns are there about heat in cities?")
    near = _likeness({("wildfires", "heat"): 0.44, ("wildfires", "cities"): 0.31})
    assert understand("and wildfires?", heat, likeness=near).question == "What concerns are there about wildfires in cities?"
    assert understand("and wildfires?", heat).question == "What concerns are there about heat in wildfires?"  # the rules alone: the last
    schools = _chat("How are schools using AI?")  # an actor this close to the subject stands for it, not for the topic's actors
    assert understand("and universities?", schools, likeness=_likeness({("universities", "schools"): 0.61})).question == "How are universities using AI?"
    assert understand("and universities?", schools, likeness=_likeness({})).question != "How are universities using AI?"
    buses = _chat("Compare electric and hydrogen buses")  # a comparison's sides are alike by design: the last is swapped
    compared = understand("and diesel?", buses, likeness=_likeness({("diesel", "electric"): 0.6}))
    assert compared.question == "Compare electric and diesel buses"


def test_a_first_word_that_reads_as_describing_is_the_object_when_the_new_words_are_like_it():
    plastic = _chat("What are the concerns about plastic recycling?")
    near = _likeness({("textiles", "plastic"): 0.36, ("textiles", "recycling"): 0.33})
    assert understand("and textiles?", plastic, likeness=near).question == "What are the concerns about textiles recycling?"
    assert understand("and textiles?", plastic).question == "What are the concerns about textiles?"  # the ending alone: describing
    farming = _chat("What is the outlook for vertical farming?")
    apart = _likeness({("aquaculture", "vertical"): 0.18, ("aquaculture", "farming"): 0.48})
    assert understand("and aquaculture?", farming, likeness=apart).question == "What is the outlook for aquaculture?"


def test_one_new_thing_like_a_topics_head_stands_for_the_head_under_the_same_first_word():
    cars = _chat("What's the outlook for hydrogen cars?")
    near = _likeness({("trucks", "hydrogen cars"): 0.41, ("trucks", "hydrogen"): 0.24, ("trucks", "cars"): 0.68})
    assert understand("what about trucks?", cars, likeness=near).question == "What's the outlook for hydrogen trucks?"
    assert understand("what about trucks?", cars).question == "What's the outlook for trucks?"  # no likeness: the whole topic
    media = _chat("What concerns are there about social media?")  # not alike enough: a topic of its own
    apart = _likeness({("podcasts", "social media"): 0.40, ("podcasts", "social"): 0.26, ("podcasts", "media"): 0.48})
    assert understand("and podcasts?", media, likeness=apart).question == "What concerns are there about podcasts?"


def test_new_words_the_corpus_writes_before_the_topics_words_narrow_it_or_stand_for_its_first_words():
    said = {"offshore wind": 39, "lab-grown meat": 15, "lab-grown alternatives": 2, "sodium-ion batteries": 4, "wind power": 20}
    written = lambda phrase: said.get(phrase, 0)  # noqa: E731
    wind = _chat("Tell me about wind power")
    assert understand("what about offshore?", wind, said=written).question == "Tell me about offshore wind power"
    assert understand("what about offshore?", wind).question == "Tell me about offshore"  # without the corpus's phrases
    meat = _chat("Signals on meat alternatives")  # before the first word first
    assert understand("and lab-grown?", meat, said=written).question == "Signals on lab-grown meat alternatives"
    batteries = _chat("signals on EV batteries")
    assert understand("what about sodium-ion?", batteries, said=written).question == "signals on sodium-ion batteries"
    solar = _chat("Tell me about solar power")
    assert understand("and wind?", solar, said=written).question == "Tell me about wind power"
    media = _chat("What concerns are there about social media?")  # a phrase no record writes says nothing
    assert understand("and podcasts?", media, said=written).question == "What concerns are there about podcasts?"


def test_a_place_added_to_a_question_that_words_its_topic_otherwise_is_where_it_is_asked():
    assert understand("and in China?", _chat("Are robotaxis safe?")).question == "Are robotaxis safe in China?"


def test_a_waterway_stands_in_for_a_waterway_or_a_place():
    red_sea = _chat("Which shipping disruptions involve the Red Sea?")
    assert understand("and the Panama Canal?", red_sea).question == "Which shipping disruptions involve the Panama Canal?"
    assert understand("and Panama?", red_sea).question == "Which shipping disruptions involve Panama?"
    assert understand("and the Strait of Hormuz?", red_sea).question == "Which shipping disruptions involve the Strait of Hormuz?"


def test_which_ones_did_something_asks_it_of_the_previous_topic():
    farms = _chat("Tell me about vertical farming")
    assert understand("which ones failed?", farms).question == "Tell me about vertical farming that failed"
    assert understand("which of them have shut down?", farms).question == "Tell me about vertical farming that shut down"
    assert understand("which ones are growing fastest?", farms).question != "Tell me about vertical farming that growing fastest"


def test_a_name_heading_a_thing_is_a_topic_and_back_to_a_topic_is_its_question():
    drives = _chat("Show me concerns about gene drives", "are they rated highly?")
    assert understand("what about CRISPR babies?", _chat("Show me concerns about gene drives")).question == "Show me concerns about CRISPR babies"
    assert resolve_against("and Apple?", "What is Meta doing in VR?") == "What is Apple doing in VR?"  # a name for a name still
    chain = drives + _chat("what about CRISPR babies?")
    assert understand("go back to gene drives", chain).question == understand("are they rated highly?", _chat("Show me concerns about gene drives")).question
    assert understand("go back to the previous question", _chat("Show me concerns about gene drives", "Signals about quantum computing")).question == (
        "Show me concerns about gene drives"
    )
    assert understand("go back to quantum computing", drives).question == "quantum computing"  # never asked: a topic of its own


def test_records_of_a_kind_doing_something_to_the_previous_topic():
    privacy = _chat("What are the concerns about AI in healthcare?", "which of these are about privacy?")
    assert understand("and the technologies addressing them?", privacy).question == "the technologies addressing AI in healthcare on privacy"


def test_two_places_compared_after_a_topic_compare_it_there():
    taxes = _chat("What's the state of play on carbon taxes?")
    assert understand("how does Europe compare with the US?", taxes).question == "Compare carbon taxes in Europe and in US"
    pumps = _chat("Concerns about heat pumps in Germany")
    assert understand("compare Germany and France", pumps).question == "Concerns: Compare heat pumps in Germany and in France"


def test_how_one_named_compares_is_the_previous_topic_against_it():
    rules = _chat("Tell me about AI regulation in the EU")
    assert understand("how does the US compare?", rules).question == "Compare AI regulation EU with AI regulation US"
    assert understand("how does that compare with the US?", rules).question == "Compare AI regulation EU with AI regulation US"
    assert understand("and how do they compare to China?", rules).question == "Compare AI regulation EU with AI regulation China"
    norway = _chat("Which signals involve Norway?")
    assert understand("how does Sweden stack up?", norway).question == "Compare signals on Norway with signals on Sweden"
    assert not stands_alone("how does the US compare?")


def test_which_of_a_role_asked_without_an_object_is_asked_of_the_previous_topic():
    chips = _chat("What signals involve semiconductors and Taiwan?")
    assert understand("which companies are exposed?", chips).question == "which companies are exposed in semiconductors and Taiwan?"
    assert understand("which firms are most at risk?", chips).question == "which firms are most at risk in semiconductors and Taiwan?"


def test_kinds_asked_of_what_they_use_or_raise_are_the_previous_topics_kinds():
    alpha = _chat("Which behaviours involve Gen Alpha?")
    assert understand("what technologies do they use?", alpha).question == "Which technologies involve Gen Alpha?"
    assert understand("what technologies?", alpha).question == "Which technologies involve Gen Alpha?"  # "what" was kept
    assert understand("what concerns does it raise?", alpha).question == "Which concerns involve Gen Alpha?"


def test_one_of_the_places_a_question_asked_for_is_asked_there():
    bans = _chat("Any countries that banned deepfakes in elections?")
    assert understand("what about India?", bans).question == "Banned deepfakes in elections in India?"
    cars = _chat("Which cities are banning cars?")
    assert understand("and Paris?", cars).question == "Banning cars in Paris?"
    hydrogen = _chat("Which countries are leading on hydrogen?")
    assert understand("and in Europe?", hydrogen).question == "Which countries are leading on hydrogen in Europe?"  # a region of countries


def test_a_pronoun_ending_the_question_is_the_one_replaced_not_a_relative_that():
    deepfakes = _chat("What are the risks of deepfakes in elections?")
    assert understand("any countries that banned them?", deepfakes).question == "any countries that banned deepfakes in elections?"


def test_a_name_of_the_same_sort_takes_the_place_of_the_owner_the_question_names():
    apple = _chat("What's Apple's strategy on AI?")
    assert understand("and Google?", apple).question == "What's Google's strategy on AI?"
    china = _chat("Concerns about China's influence in Africa")
    assert understand("what about Russia?", china).question == "Concerns about Russia's influence in Africa"  # a country for a country
    assert understand("and in Latin America?", china).question == "Concerns about China's influence in Latin America"
    tesla = _chat("What is Tesla's plan for robotaxis?")
    assert understand("and Waymo?", tesla).question == "What is Waymo's plan for robotaxis?"
    gen_z = _chat("What are Gen Z's attitudes to work?")  # a group of people for a group, a plural's possessive
    assert understand("and millennials?", gen_z).question == "What are millennials' attitudes to work?"
    assert understand("compare with millennials", gen_z).question == "Compare Gen Z's attitudes work with millennials attitudes work"
    assert understand("and Apple?", gen_z).question == "What are Apple's attitudes to work?"


def test_where_someone_stands_is_asked_on_the_previous_topic_and_a_possessive_swaps_the_owner():
    military = _chat("Concerns about AI in the military")
    assert understand("what is NATO's position?", military).question == "what is NATO's position on AI in the military?"
    assert understand("what's the EU's stance on it?", military).question == "what's the EU's stance on AI in the military?"
    nato = _chat("Concerns about AI in the military", "what is NATO's position?")
    assert understand("and China's?", nato).question == "what is China's position on AI in the military?"


def test_who_acts_for_who_responds_in_the_previous_question():
    platforms = _chat("how are platforms responding to the creator economy?")
    assert understand("what about regulators?", platforms).question == "how are regulators responding to the creator economy?"
    insurers = _chat("How is the insurance industry responding to wildfires?")
    assert understand("what about banks?", insurers).question == "How are the banks responding to wildfires?"


def test_a_whole_topic_swapped_keeps_what_was_asked_of_it():
    risks = _chat("What are the risks of AI in hiring?")
    assert understand("and AI in lending?", risks).question == "What are the risks of AI in lending?"  # was "What are the AI in lending?"


def test_a_name_of_capitalised_words_carried_keeps_its_case(desk):
    history = [
        {"role": "user", "content": "What is happening with the Great Barrier Reef?"},
        {"role": "assistant", "content": "..."},
        {"role": "user", "content": "is it recovering?"},
        {"role": "assistant", "content": "..."},
    ]
    assert desk.plan("what is causing the bleaching?", history).resolved == "what is causing the bleaching in Great Barrier Reef?"


def test_what_causes_the_thing_said_with_the_is_asked_of_the_previous_topic():
    reef = _chat("What is happening with the Great Barrier Reef?")
    assert understand("what's causing the bleaching?", reef).question == "what's causing the bleaching in Great Barrier Reef?"
    fusion = _chat("What's new on fusion energy?")
    assert understand("why the delays?", fusion).question == "why the delays in fusion energy?"
    assert understand("what's driving inflation?", fusion).question == "what's driving inflation?"  # a topic of its own


def test_how_serious_are_they_is_the_same_answer_whose_ratings_say_it():
    meters = _chat("Concerns about smart meters")
    assert understand("how serious are they?", meters).question == "Concerns about smart meters"
    assert understand("how likely are these risks?", meters).question == "Concerns about smart meters"


def test_back_to_a_topic_is_its_plainest_question():
    chain = _chat("Signals about heat pumps", "Heat pumps: adoption signals and installation problems", "which ones failed?")
    assert understand("go back to heat pumps", chain).question == "Signals about heat pumps"


@pytest.mark.parametrize(
    ("earlier", "message", "question"),
    [
        # "only X" of a sort of the previous topic narrows it; a judgement does not
        (["What's new in battery technology?"], "solid-state only", "What's new in solid-state battery technology?"),
        (["What's new in battery technology?"], "just the sodium-ion ones", "What's new in sodium-ion battery technology?"),
        (["Concerns about drones"], "only military ones", "Concerns about military drones"),
        (["Concerns about drones"], "only the serious ones", "only the serious ones"),
        # a name compared after a topic is the other side; after a name, it takes its place
        (["Signals on microplastics"], "compare with PFAS", "Compare signals on microplastics with signals on PFAS"),
        (["Signals on BYD"], "compare with Tesla", "Compare signals on BYD with signals on Tesla"),
        # a kind doing something does it in the previous topic; a topic of its own stands
        (["What concerns exist about smart glasses?"], "what technologies are competing?", "what technologies are competing in smart glasses?"),
        (["What concerns exist about smart glasses?"], "what signals on farming?", "what signals on farming?"),
        # who acts on a topic of its own is a question of its own; on an aspect, of the previous topic
        (["Map the drivers behind heat pump adoption"], "Who loses out from automation?", "Who loses out from automation?"),
        (["Map the drivers behind heat pump adoption"], "who is working on solutions?", "who is working on solutions in heat pump adoption?"),
        # an aspect with the head of one the previous question asked takes its place
        (["What are the concerns around data centres and water use?"], "and energy use?", "What are the concerns around data centres and energy use?"),
        (["What is the economic impact of AI?"], "and the environmental impact?", "What is the environmental impact of AI?"),
        (["Concerns about the use of facial recognition"], "and energy use?", "Concerns on the energy use of facial recognition"),
        # the bright side of a topic is asked in every kind, not in the concerns asked before
        (["What are the main concerns about gene editing?"], "and the opportunities?", "The opportunities of gene editing"),
        (["What are the signals on gene editing?"], "and the opportunities?", "Signals on the opportunities of gene editing"),
        # how some take a topic, said with who takes it, is of the previous topic
        (["Signals on digital nomads", "which countries are courting them?"], "any backlash from locals?", "backlash from locals about digital nomads"),
        # what is compared is swapped, not what it is compared with
        (["are hydrogen cars cheaper than EVs?"], "what about trucks?", "are trucks cheaper than EVs?"),
        # the EU governs as a country does: another place takes its place
        (["How is AI regulated in the EU?"], "what about Japan?", "How is AI regulated in Japan?"),
        (["What is the EU doing about AI regulation?"], "and in Japan?", "What is Japan doing about AI regulation?"),
        # a place goes after the topic as the question says it ("safety" read from "safe")
        (["are Tesla robotaxis safe?"], "what about in China?", "are Tesla robotaxis in China safe?"),
        # what is asked of a topic comes before it, not before a setting
        (["Emerging risks in online gaming"], "and for children?", "Emerging risks in online gaming for children"),
        (["What are the risks of facial recognition in schools?"], "and by police?", "What are the risks of facial recognition by police?"),
        # "there" is the place the previous question named, gazetteer or not
        (["What is the outlook for the Arctic?"], "what about shipping there?", "What is the outlook for shipping in the Arctic?"),
        (["Which signals involve Japan?"], "what about robots there?", "Which signals involve robots in Japan?"),
        # who else is asked after who: the same question of the same topic
        (["What's happening with GLP-1 drugs?", "who benefits?"], "and the losers?", "who are the losers in GLP-1 drugs?"),
        # kinds from a trade are the previous topic's there
        (["What's happening with GLP-1 drugs?"], "any signals from the food industry?", "Signals: What's happening with GLP-1 drugs from the food industry?"),
        # what is asked of jobs ("at risk") is no setting to replace
        (["which jobs are most at risk?"], "and in developing countries?", "which jobs are most at risk in developing countries?"),
        # what is said of the subject stays when the subject is swapped
        (["Are heat pumps cheaper?"], "and solar panels?", "Are solar panels cheaper?"),
        # how people take a topic is asked of it
        (["Signals on cashless payments"], "and the backlash?", "Signals on the backlash of cashless payments"),
        # whoever responds, named by the previous question, responds to nothing more
        (["Which signals involve Japan?"], "how is Japan responding?", "how is Japan responding?"),
        # an aspect in a kind is the previous topic's, in that kind
        (["What are the weak signals around longevity medicine?"], "and the ethical concerns?", "ethical concerns about longevity medicine"),
        (["Signals on smart rings"], "what about the privacy concerns?", "privacy concerns about smart rings"),
        # one way to travel for another ("travel" is done with the word before it)
        (["Signals about the future of air travel"], "and rail?", "Signals about the future of rail travel"),
        (["Signals about the future of air travel"], "compare with rail", "Compare signals on air travel with signals on rail travel"),
        # the previous records used in a place are the previous question there
        (["Show me technologies for early wildfire detection"], "which are used in Australia?", "Show me technologies for early wildfire detection in Australia"),
    ],
)
def test_sorts_names_compared_and_kinds_doing_something(earlier, message, question):
    assert understand(message, _chat(*earlier)).question == question


def test_a_document_on_both_and_one_side_of_a_comparison():
    metals = _chat("What's happening with cobalt?", "and lithium?")
    assert understand("summarize both", metals).question == "summarize cobalt as well as lithium"
    compared = _chat("Compare the concerns about AI in healthcare and AI in finance")
    assert understand("now just finance", compared).question == "Concerns on AI in finance"
    assert understand("who are the big players?", _chat("What's happening with cobalt?")).question == "who are the big players in cobalt?"


@pytest.mark.parametrize(
    ("chain", "question"),
    [
        # a pronoun after a follow-up that asked something of the topic stands for that topic,
        # not for what the follow-up asked of it
        (["What's happening with fusion energy?", "who is funding it?", "is it getting closer?"], "is fusion energy getting closer?"),
        (["What's happening with fusion energy?", "who is funding it?", "is it getting closer?", "what are the risks?"], "what are the risks of fusion energy?"),
        (["Tell me about lab-grown meat", "who regulates it?", "how do consumers feel about it?"], "how do consumers feel about lab-grown meat?"),
        (["Concerns about deepfakes", "how are platforms responding to them?", "are they getting better?"], "are deepfakes getting better?"),
        # kinds asked of "it", and kinds alone, are asked of the topic carried
        (["Signals on quantum computing", "when will they be useful?", "what worries people about it?"], "what worries people about quantum computing?"),
        (["Signals on quantum computing", "when will they be useful?", "only the technologies"], "Technologies on quantum computing"),
        # a few words ending in what one asks of a topic are asked of the previous topic
        (["What's happening with lithium mining?", "what are the environmental impacts?"], "The environmental impacts of lithium mining"),
        # placing the carried topic carries it there
        (["What's happening with lithium mining?", "what are the environmental impacts?", "and in Chile?", "who opposes it?"], "who opposes lithium mining in Chile?"),
        # a pronoun as the subject stands for the topic, whatever else is asked
        (["Signals on heat pumps", "what does that mean for gas utilities?"], "what does heat pumps mean for gas utilities?"),
        (["Concerns about AI companions", "how does that affect teenagers?"], "how does AI companions affect teenagers?"),
        # who acts "there" acts in the topic there
        (["What's happening with robotaxis?", "what about in China?", "who are the main players there?"], "who are the main players in robotaxis in China?"),
        # a place asked after "anywhere" is where it was asked of
        (["Concerns about AI in hiring", "is it regulated anywhere?", "what about in the EU?"], "is AI in hiring regulated in the EU?"),
        # a new topic swapped in takes the carried one's place, and is carried on
        (["What's happening with fusion energy?", "who is funding it?", "and solar?"], "who is funding solar?"),
        (["What's happening with fusion energy?", "who is funding it?", "and solar?", "is it getting cheaper?"], "is solar getting cheaper?"),
        # a follow-up that places the topic sets a topic of its own
        (["What's happening with fusion energy?", "what are the risks?", "and in Japan?", "who is funding it?"], "who is funding fusion energy in Japan?"),
        # a document on "that" is on what the last answer asked of the carried topic (it was a briefing on fusion energy at large)
        (["What's happening with fusion energy?", "what are the risks?", "summarise that in a paragraph"], "summarise risks of fusion energy in a paragraph"),
        # an aspect placed is the previous topic's there, and the topic stays placed
        (["What are the adoption signals for heat pumps?", "and sales in Germany?"], "Signals on the sales of heat pumps in Germany?"),
        (["What are the adoption signals for heat pumps?", "and sales in Germany?", "what holds them back?"], "what holds heat pumps in Germany back?"),
        # whoever responds, named, responds to the previous topic (not to a topic that names them)
        (["What's going on with semiconductor export controls?", "how is China responding?"], "how is China responding to semiconductor export controls?"),
        # an aspect for a place is the carried topic's there, in place of the place it had
        (["What's going on with semiconductor export controls?", "how is China responding?", "and the Netherlands?", "what are the risks for Europe?"], "The risks of semiconductor export controls for Europe?"),
        (["What is happening with robotaxis?", "what are the risks in China?", "and the opportunities for the US?"], "The opportunities of robotaxis for the US?"),
        # kinds asked from a place are the previous topic's there, in those kinds
        (["How is climate change affecting wine regions?", "any signals from France?"], "Signals: How is climate change affecting wine regions in France?"),
        (["Robotaxis in China", "any concerns in the US?"], "Concerns: Robotaxis in the US"),
        # evidence of a thing is that thing, of the previous topic
        (["What issues surround carbon offsets?", "any evidence of fraud?"], "fraud about carbon offsets"),
    ],
)
def test_a_conversation_carries_its_topic_through_follow_ups_that_ask_something_of_it(chain, question):
    *earlier, message = chain
    understood = understand(message, _chat(*earlier))
    assert (understood.question, understood.how) == (question, "follow-up")


def test_a_place_swapped_for_the_other_countries_of_a_grouping_takes_their_place():
    chain = _chat("Which signals involve Norway?", "and the other Nordic countries?")
    assert understand("what about the Baltics?", chain).question == "Which signals involve the Baltics?"


def test_the_previous_filters_end_the_question_and_a_swap_keeps_its_verb():
    chain = _chat("What are the signals on microplastics?", "which ones are rated highest?")
    assert understand("where do they come from?", chain).question == "where do microplastics come from, rated 5 or higher?"
    chain = _chat("What are the signals on microplastics?", "which ones are rated highest?", "where do they come from?")
    assert understand("and nanoplastics?", chain).question == "where do nanoplastics come from, rated 5 or higher?"


def test_an_aspect_or_a_role_asked_there_is_asked_of_the_previous_topic_which_holds_the_place():
    solar = _chat("What about solar power in India?")
    assert understand("what are the risks there?", solar).question == "what are the risks of solar power in India?"
    assert understand("and what are the risks there?", solar).question == "what are the risks of solar power in India?"  # it lost solar
    robotaxis = _chat("robotaxis in China")
    assert understand("and who are the main players there?", robotaxis).question == "who are the main players in robotaxis in China?"
    assert understand("what do we know about robots there?", _chat("What is Japan doing on AI?")).question == "what do we know about robots in Japan?"


def test_a_place_asked_after_a_row_named_in_quotes_goes_outside_the_quotes():
    from assistant.followup import _narrow

    asked = _narrow("Tell me more about “Reliability of Quantum Computing”", "China", "in")
    assert asked == "Tell me more about “Reliability of Quantum Computing” in China"

"""Questions that place one topic in another ("ransomware in hospitals"): their parts, the words
each part is read by, and answers that show first what speaks to every part (sample index)."""

from __future__ import annotations

import pytest

from assistant.compose import parts_sentence
from assistant.models import PartsHeld
from assistant.parts import _siblings, holding_all, part_words, parts_of
from assistant.plan import plan
from assistant.retrieve import node_filter, retrieve, topic_word
from index.lexical import word_forms


def common(desk):
    return lambda phrase: topic_word(phrase, desk.index)


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        ("ransomware in hospitals", ["ransomware", "hospitals"]),
        ("technologies for farmers in extreme heat", ["farmers", "extreme heat"]),
        ("loneliness among young men", ["loneliness", "young men"]),
        ("who are the key players in ransomware?", []),  # who acts in a topic is no setting of it
        ("ransomware for investors", ["ransomware", "investors"]),  # who a topic is for is a setting of it
        ("right to repair", []),  # "to" places nothing
        ("tourism after the pandemic", ["tourism", "pandemic"]),  # a time places a topic too
        ("insurers responding to wildfires", ["insurers responding", "wildfires"]),  # what one responds to is a setting
        ("quantum computing and encryption", []),  # a list, not a setting
        ("heat pumps in Europe", []),  # the place is an entity, anchored on its own
        ("What risks are emerging from China's grip on rare earths?", ["grip", "rare earths"]),  # the name leaves the part, and so does what is asked
        ("What risks do heat waves pose to workers?", ["heat waves", "workers"]),  # what is done to a topic is a setting of it
        ("What harm do microplastics do to human health?", ["microplastics", "human health"]),
        ("drawbacks of heat pumps in old houses", ["heat pumps", "old houses"]),  # what is asked, in other words
        ("How does inflation affect food banks?", ["inflation", "food banks"]),  # what one topic does to another
        ("How is remote work changing city centres?", ["remote work", "city centres"]),
        ("What is threatening coral reefs?", []),  # a verb that says what it does is the topic
        ("What are the challenges of vertical farming?", ["challenges", "vertical farming"]),  # a facet asked of one topic
        ("What is holding air taxis back?", ["challenges", "air taxis"]),  # said as the records say it
        ("What evidence is there of a backlash against robots in schools?", ["backlash", "robots", "schools"]),  # of a topic in a setting: as before
        ("cybersecurity threats to hospitals", ["cybersecurity", "hospitals"]),  # what a threat is to is a setting (and the threat is what is asked)
        ("access to clean water in cities", ["access clean water", "cities"]),  # "access to" places nothing
        ("Which signals point to a decline in trust in science?", ["trust", "science"]),  # a direction alone is no part
        ("How are cities dealing with heat waves?", ["cities", "heat waves"]),  # what one copes with is a setting
        ("What risks do farmers face from extreme heat?", ["farmers", "extreme heat"]),  # ...and what it faces
        ("Anything on brain implants from Neuralink?", []),  # where a thing comes from places nothing
        ("What are the side effects of remote learning for children?", ["remote learning", "children"]),  # "side" is what is asked too
        ("the loneliness of young men", ["loneliness", "young men"]),  # of a population is among it
        ("the future of work", []),  # of a topic is one topic
        ("How are universities responding to chatbots?", ["universities", "chatbots"]),  # actors placed in nothing are the setting
        ("Which universities are working on fusion?", []),  # ...not asked for
        ("the key players of the creator economy", []),  # who acts in a topic, said with "of"
        ("How are airlines decarbonising?", ["airlines", "decarbonising"]),  # what actors do, in one word, is done in their setting
        ("Are people buying electric cars?", []),  # more words carry the topic on their own
        ("Are people cutting back on streaming subscriptions?", []),  # who moves what follows is no part
        ("Is trust in banks eroding?", ["trust", "banks eroding"]),  # ...but where it moves is
        ("the risks of relying on cloud providers in hospitals", ["relying cloud providers", "hospitals"]),  # what one depends on is no setting
        ("the risks of relying on China for batteries", []),  # ...and depending on a place is asked of its entity
        ("What behaviours show people turning to second-hand goods?", []),  # anyone at all is no setting
        ("Which signals show people switching to plant-based diets?", []),  # ...nor what they do to the next part
        ("What's changing in how people travel for work?", ["travel", "work"]),  # ...but what they do in it is
        ("How are young people turning to thrift stores?", ["young people", "thrift stores"]),  # a population is someone
    ],
)
def test_the_parts_of_a_question(desk, question, parts):
    assert parts_of(plan(question), desk.index, is_topic_word=common(desk)) == parts


def test_a_name_leaves_a_part_by_its_whole_alias_not_its_words(desk):
    # China's aliases hold "People's Republic of China": "young people" keeps its "people"
    from assistant.models import EntityRef

    china = EntityRef(name="China", type="country", aliases=["China", "Chinese", "People's Republic of China"])
    question = plan("loneliness among young people in China").model_copy(update={"entities": [china]})
    assert parts_of(question, desk.index, is_topic_word=common(desk)) == ["loneliness", "young people"]


def test_a_part_as_common_as_a_topic_word_counts_beside_another(desk):
    # "AI in hiring" on the full corpus: "AI" is in most records, yet hiring delimits it
    question = plan("ransomware in hospitals")
    assert parts_of(question, desk.index, is_topic_word=lambda p: p == "ransomware") == ["ransomware", "hospitals"]
    assert parts_of(question, desk.index, is_topic_word=lambda p: True) == []


def test_a_part_is_read_by_its_own_words_and_the_corpus_s(desk):
    part = part_words("hospitals", desk.index, is_topic_word=common(desk))
    assert "hospitals" in part.words
    assert part.held_by(frozenset({"hospit"}))
    assert not part.held_by(frozenset({"ransomwar"}))


def test_a_word_of_a_phrase_stands_for_it_only_when_read_as_the_phrase(desk):
    # "young" alone would take "young women" for "young men"; the phrase's words together hold it
    part = part_words("young men", desk.index, is_topic_word=common(desk))
    assert "young" not in part.words
    assert part.held_by(frozenset({"young", "men"}))
    assert not part.held_by(frozenset({"young", "women"}))


def test_a_population_s_own_word_alone_is_not_the_population_its_modifier_picks(desk):
    # "young workers": a record saying "workers" (or "employees") is about workers at large; the
    # phrase's words together still hold it
    part = part_words("young workers", desk.index, is_topic_word=common(desk))
    assert not part.held_by(frozenset({"worker"}))
    assert part.held_by(frozenset({"young", "worker"}))


def test_a_common_word_that_mostly_means_its_phrase_stands_for_it():
    # "climate" is in 2,266 records of the full corpus, "climate change" in 1,299 of them: a record
    # on "Insurance Retreat due to Climate Risks" speaks to climate change; "change" says nothing
    from assistant.parts import PHRASE_SHARE, _written_in

    class Counts:
        def phrase_records(self, phrase):
            return {"climate change": 1299}.get(phrase, 0)

        def document_frequency(self, word):
            return {"climate": 2266, "change": 20650}[word]

    assert _written_in("climate change", "climate", Counts(), PHRASE_SHARE)
    assert not _written_in("climate change", "change", Counts(), PHRASE_SHARE)


def test_a_phrase_s_head_stands_for_it_only_where_the_corpus_often_writes_them_together():
    # "labor" is child labor in 2 of 945 records of the full corpus (labor disputes, the labor
    # market), though the model reads the two as nearly one; "heat" is extreme heat in 93 of 362
    from assistant.parts import OWN_SHARE, _written_in

    class Counts:
        def phrase_records(self, phrase):
            return {"child labor": 2, "extreme heat": 93}[phrase]

        def document_frequency(self, word):
            return {"labor": 945, "heat": 362}[word]

    assert not _written_in("child labor", "labor", Counts(), OWN_SHARE)
    assert _written_in("extreme heat", "heat", Counts(), OWN_SHARE)
    assert 2 / 945 < OWN_SHARE <= 93 / 362


def test_a_hyphenated_part_is_its_words_not_its_modifier(desk):
    # "micro-mobility" is not held by "micro" of "Micro-ecosystems in Urban Spaces" (the full
    # corpus); the first stem of a hyphenated word is its modifier
    part = part_words("gig-economy", desk.index, is_topic_word=lambda phrase: False)
    assert part.phrase == frozenset({"gig", "economi"})
    assert part.held_by(frozenset({"gig", "economi"}))
    assert not part.held_by(frozenset({"economi"}))  # its head alone is the economy at large
    # ...and a hyphenated modifier's first word stays however common: "space-based solar power"
    # is not solar power at large
    part = part_words("gig-economy workers", desk.index, is_topic_word=lambda phrase: phrase in ("gig", "economy"))
    assert part.phrase == frozenset({"gig", "worker"})
    assert not part.held_by(frozenset({"worker"}))


def test_a_word_the_corpus_writes_beside_a_part_s_own_is_another_of_its_kind(desk):
    # "men and women": the model reads "women" as close to "men", but a record on women is none on
    # men; the sample's records write "data and power" three times, "Estonia and Finland" once
    assert _siblings({"power": "power", "estonia": "Estonia"}, ["data", "finland"], desk.index) == {"power"}
    assert _siblings({}, ["data"], desk.index) == set()


def test_an_article_about_a_part_carries_it_for_its_records(desk):
    # the ransomware article's title names hospitals; its record on backups does not
    ranked = retrieve(plan("immutable backups"), desk.index, desk.settings.retrieval, 5)
    backup = next(h.record for h in ranked.hits if h.record.name == "Immutable Backups")
    hospitals = part_words("hospitals", desk.index, is_topic_word=common(desk))
    assert not hospitals.held_by(desk.index.terms_of([backup.id])[backup.id])
    assert holding_all([backup.id], [hospitals], desk.index, node_filter(plan("x"))) == {backup.id}


def test_matches_on_one_part_wait_behind_more(desk):
    question = plan("AI grading by teachers")
    ranked = retrieve(question, desk.index, desk.settings.retrieval, 20)
    assert ranked.parts is not None and ranked.parts.held >= 3 and ranked.parts.alone > 0
    assert ranked.strong == ranked.parts.held == len(ranked.hits)
    parts = [part_words(p, desk.index, is_topic_word=common(desk)) for p in ranked.parts.parts]
    flt = node_filter(question)
    assert holding_all([h.record.id for h in ranked.hits], parts, desk.index, flt) == {h.record.id for h in ranked.hits}
    waiting = [h.record.id for h in ranked.more[: ranked.parts.alone]]
    assert not any(h.strong for h in ranked.more)
    assert not holding_all(waiting, parts, desk.index, flt)
    answer = desk.ask("AI grading by teachers")
    assert f"**{ranked.parts.held}** of the matches speak to every part of the question" in answer.markdown
    assert f"first the {ranked.parts.alone} that speak to part of the question only" in answer.markdown
    assert "“teachers”: teachers" in answer.markdown  # the words it was read by are shown


def test_when_few_speak_to_every_part_the_order_stays_and_the_few_are_named(desk):
    answer = desk.ask("data privacy in schools")
    assert "Only **1** of the matches speaks to every part of the question: **Children's Data Privacy**" in answer.markdown
    nothing = desk.ask("jobs in green hydrogen")
    assert nothing.markdown.startswith("**No record here speaks to every part of the question** (“jobs” and “green hydrogen”)")
    assert nothing.records  # the records on part of it are still shown
    articles = desk.ask("Give me articles about jobs in green hydrogen")
    assert "records speaks to every part of the question" in articles.markdown  # articles say it too
    few = desk.ask("Give me articles about data privacy in schools")
    assert "Only **1** of these" in few.markdown and "to every part of the question" in few.markdown


def test_other_kinds_that_speak_to_every_part_are_named(desk):
    answer = desk.ask("behaviors on data privacy in schools")
    assert answer.markdown.startswith("**No record here speaks to every part of the question**")
    assert "Records of other kinds do: **1 concern** speaks to every part (ask for “only the concerns”)" in answer.markdown
    assert "Records of other kinds" not in desk.ask("signals about jobs in green hydrogen").markdown  # none does


def test_the_sentence_escapes_what_it_quotes():
    held = PartsHeld(parts=["<b>x</b>", "y"], words=[["<img>"], ["y"]], held=0)
    assert "<img>" not in parts_sentence(held, []) and "<b>" not in parts_sentence(held, [])


def test_word_forms_name_each_stem_by_its_commonest_word():
    assert word_forms(["Patients and patients", "a patient"])["patient"] == "patients"
    assert word_forms(["hospital", "hospitals"])["hospit"] == "hospital"  # a tie: the shorter


def test_a_count_counts_what_speaks_to_every_part(desk):
    answer = desk.ask("How many records are about AI grading by teachers?")
    assert "Only what speaks to every part of the question is counted" in answer.markdown
    counted = [r for r in answer.records if r.strong]
    assert answer.facets["total"] == len(counted) and not any(r.strong for r in answer.more)


def test_nothing_is_said_when_every_match_speaks_to_every_part(desk):
    answer = desk.ask("List all records about ransomware in hospitals")
    assert "every part of the question" not in answer.markdown


def test_the_few_that_speak_to_every_part_are_shown_and_named_in_their_order(desk, monkeypatch):
    # fewer than MIN_HELD: no cut and no lead, but one beyond the first page is shown at its end
    import assistant.parts as parts_module

    question = plan("ransomware in hospitals")
    ids = [h.record.id for h in retrieve(question, desk.index, desk.settings.retrieval, 20).hits]
    assert len(ids) >= 3
    monkeypatch.setattr(parts_module, "holding_all", lambda found, *_: {found[-1]})
    flt = node_filter(question)
    ordered, alone, held = parts_module.by_parts(question, ids, desk.index, flt, is_topic_word=common(desk), shown=len(ids))
    assert ordered == ids and alone == [] and held is not None and held.ids == [ids[-1]]
    ordered, _, _ = parts_module.by_parts(question, ids, desk.index, flt, is_topic_word=common(desk), shown=2)
    assert ordered == [ids[0], ids[-1], *ids[1:-1]]


def test_a_record_holding_each_part_in_the_corpus_s_words_holds_the_wording(desk, monkeypatch):
    # "Cybersecurity in Healthcare Sector" says what "cyberattacks on hospitals" asks in none of its
    # words; the corpus's words for each part ("healthcare" for "hospitals") are its wording
    import assistant.retrieve as retrieve_module
    from assistant.parts import Part

    corpus_words = {"extortion": "ransomware", "clinics": "healthcare"}

    def part(text, index, **_):
        word = corpus_words[text]
        return Part(text, frozenset(index.terms(word)), (text, word))

    monkeypatch.setattr(retrieve_module, "part_words", part)
    question = plan("extortion in clinics")
    ids = desk.index.node_ids(node_filter(question))
    records = desk.index.records(ids)
    worded = retrieve_module.worded(question, ids, desk.index, anchored=False)
    named = {records[i].name: c for i, c in worded.items()}
    assert named["Hospitals as Prime Ransomware Targets"] == 1.0  # ransomware, healthcare providers
    assert named["The Ransomware Economy"] == desk.index.coverage(ids, question.query)[next(i for i in ids if records[i].name == "The Ransomware Economy")]
    assert named["The Ransomware Economy"] < desk.settings.retrieval.meaning_coverage  # one part only
    assert retrieve_module.worded(question, ids, desk.index, anchored=True) == desk.index.coverage(ids, question.query)  # an entity's question is read by its anchors


def test_a_name_inside_a_topic_is_a_part_of_it():
    # "Bitcoin mining": when no record names Bitcoin with mining, the name still says which
    # mining is asked about; "Amazon and drones" sets the name beside the topic
    from assistant.models import EntityRef
    from assistant.parts import name_parts

    bitcoin = EntityRef(name="Bitcoin", type="name", aliases=["Bitcoin"])
    assert name_parts(plan("What are the risks of Bitcoin mining?").model_copy(update={"entities": [bitcoin]})) == ["Bitcoin", "mining"]
    amazon = EntityRef(name="Amazon", type="name", aliases=["Amazon"])
    assert name_parts(plan("Is there anything on Amazon and drones?").model_copy(update={"entities": [amazon]})) == []
    japan = EntityRef(name="Japan", type="country", aliases=["Japan"])
    assert name_parts(plan("Japan robots").model_copy(update={"entities": [japan]})) == []  # a place is left to its anchors


def test_a_finding_word_the_corpus_writes_into_a_term_is_part_of_the_topic():
    from types import SimpleNamespace

    from assistant.parts import PHRASE_RECORDS, _unasked

    written = {"climate change": 1299, "protein effect": 0}
    index = SimpleNamespace(phrase_records=lambda phrase: written.get(phrase, 0), document_frequency=lambda phrase: 5000)
    assert _unasked(["climate", "change"], index) == ["climate", "change"]  # a topic, as the corpus writes it
    assert _unasked(["protein", "effect"], index) == ["protein"]  # the effect asked of GLP-1 on protein
    assert _unasked(["AI", "risks"], index) == ["AI"]  # the plural asks for findings
    assert _unasked(["change", "climate"], index) == ["climate"]  # a leading finding word is what is asked
    assert PHRASE_RECORDS <= written["climate change"]


def test_a_populations_topic_the_corpus_writes_as_one_term_is_one_topic():
    from assistant.parts import SAID_AS_ONE, _said_as_one
    from tests.test_terms import Written  # a stand-in index that counts phrases

    written = Written({"consumer habits": SAID_AS_ONE, "employee wellbeing": SAID_AS_ONE - 1})
    assert _said_as_one("consumers", "habits", written)  # "the habits of consumers" are consumer habits
    assert not _said_as_one("employees", "wellbeing", written)
    assert not _said_as_one("young men", "loneliness", written)  # "the loneliness of young men" is among them


def test_too_few_records_saying_a_challenge_claim_nothing(desk):
    # the sample's concerns on heat pumps (high bills in draughty homes, strain on local grids) are
    # their challenges without the word: a facet's words are no test of its absence
    answer = desk.ask("What are the challenges of heat pumps?")
    assert answer.records and "speaks to every part" not in answer.markdown


def test_a_concern_is_a_trouble_wherever_its_article(desk):
    # "What are the challenges facing small farmers?": "Farmer Exploitation" is one by what it is,
    # though its article is not about challenges; the sample's heat-pump article is not either
    answer = desk.ask("What are the challenges of heat pumps?")
    concerns = {"High Bills in Draughty Homes", "Strain on Local Grids", "Unequal Access to Grants"}
    assert {r.name for r in answer.records[:3]} == concerns


def test_a_trouble_is_said_in_any_of_its_words_or_is_one_by_kind():
    # "What are the obstacles to EV adoption?": "EV Ownership Challenges" says a trouble in
    # other words; an article on fusion's challenges does not make "Breakthrough in Energy Gain" one,
    # where a concern of it is one by what it is
    from assistant.direction import TROUBLE_NAMED as _TROUBLE_SAID
    from assistant.direction import TROUBLED

    assert _TROUBLE_SAID.search("Increased Awareness of EV Ownership Challenges")
    assert _TROUBLE_SAID.search("Vertical Farming Viability Concerns")
    assert _TROUBLE_SAID.search("Skepticism Towards EV Savings")
    assert not _TROUBLE_SAID.search("Breakthrough in Energy Gain")
    assert TROUBLED == ("concern",)

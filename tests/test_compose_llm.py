"""The LLM composer against our test server on the sample corpus: the prompt actually sent, the
streamed prose, citation cleanup, tables from records, and every fault falling back to the
extractive answer with a warning that names the cause."""

from __future__ import annotations

import pytest

from assistant import Answer, Assistant
from assistant.compose import compose_extractive
from assistant.compose_llm import stream_llm_answer
from assistant.model_text import WARN_HTML, WARN_LINKS, WARN_SOURCES, WARN_TABLE
from assistant.models import Hit, QueryPlan, Ranked
from index import Article, Record, Settings
from index.llm_client import LLMClient

from .conftest import llm_settings
from .fake_openai import Reply

ESTONIA = "What escalation signals involve Estonia?"
ESTONIA_PLAN = {"intent": "lookup", "kinds": ["signal"], "min_relevancy": None, "since": None, "until": None,
                "topics": ["escalation", "Estonia"], "query": "escalation Estonia", "sides": [], "aspects": []}
PROSE = "GPS jamming over the Baltic has become a daily occurrence [1]. Drones keep probing NATO airspace [1]."


def plan_reply(**fields) -> Reply:
    return Reply.json({**ESTONIA_PLAN, **fields}, match="PlanDraft")


def answer_reply(text: str = PROSE, **kw) -> Reply:
    return Reply.text(text, match="<sources>", **kw)


@pytest.fixture
def llm_desk(desk, openai_server):
    """The sample index (shared with the session's extractive desk) in LLM mode."""
    return Assistant(llm_settings(openai_server, index_dir=desk.settings.index_dir), index=desk.index)


def collect(events) -> tuple[list[str], Answer]:
    *deltas, answer = list(events)
    assert all(isinstance(d, str) for d in deltas) and isinstance(answer, Answer)
    return deltas, answer


def test_the_prompt_sent_holds_numbered_sources_and_the_question(llm_desk, openai_server):
    openai_server.script(plan_reply(), answer_reply())
    answer = llm_desk.ask(ESTONIA, k=6)
    sent = next(r for r in openai_server.chat_requests if "<sources>" in r.text())
    system, user = sent.json["messages"]
    assert system["role"] == "system" and "not instructions" in system["content"]
    assert f"Question: {ESTONIA}" in user["content"]
    for citation in answer.citations:
        assert f"[{citation.n}] “{citation.title}”" in user["content"]
    assert "Rise of GPS Jamming Over the Baltic" in user["content"] and "relevancy 5" in user["content"]
    assert sent.json["stream"] is True


def test_the_answer_streams_token_by_token_then_tables_from_records(llm_desk, openai_server, desk):
    openai_server.script(plan_reply(), answer_reply())
    deltas, answer = collect(llm_desk.stream(ESTONIA, k=6))
    assert deltas[:3] == ["GPS", " jamming", " over"]
    assert "".join(deltas) == answer.markdown
    assert answer.mode == "llm" and answer.raw == PROSE and answer.warnings == []
    assert answer.markdown.startswith(PROSE + "\n\n### Signals")
    assert answer.plan["planner"] == "llm"
    extractive = desk.ask(ESTONIA, k=6)
    assert answer.tables == extractive.tables and answer.citations == extractive.citations
    assert answer.markdown.endswith(extractive.markdown[extractive.markdown.index("### Signals"):])


def test_every_citation_points_at_a_retrieved_records_article(llm_desk, openai_server):
    openai_server.script(plan_reply(), answer_reply("Claims [1], [2] and [3]."))
    data = llm_desk.ask(ESTONIA, k=8).model_dump()
    article_of = {c["n"]: c["article_id"] for c in data["citations"]}
    assert set(article_of) == {r["n"] for r in data["records"]}
    assert all(article_of[r["n"]] == r["article_id"] for r in data["records"])


THREE = [Article(id=x, title=f"Article {x}") for x in "abc"]
HITS = [Hit(record=Record(article_id=a.id, kind="signal", name=f"Signal {a.id}", description="d"), article=a, score=1.0) for a in THREE]


def compose_with(client):
    plan, ranked = QueryPlan(question="q", query="q"), Ranked(hits=HITS)
    return stream_llm_answer(plan, ranked, compose_extractive(plan, ranked), client)


def test_a_citation_to_a_missing_source_is_removed_with_a_warning(openai_server):
    openai_server.script(Reply.text("Jamming is daily [1]. Drones cross borders [7]. Both matter [2, 7]."))
    client = LLMClient(llm_settings(openai_server))
    deltas, answer = collect(compose_with(client))
    assert [c.n for c in answer.citations] == [1, 2, 3]
    assert "[7]" not in "".join(deltas) and "7]" not in answer.markdown
    assert answer.markdown.startswith("Jamming is daily [1]. Drones cross borders. Both matter [2].")
    assert "[7]" in answer.raw
    assert answer.warnings == ["Removed citation [7] from the model's answer: only sources [1, 2, 3] were retrieved."]


def test_an_answer_without_citations_is_flagged(openai_server):
    openai_server.script(Reply.text("Things are happening."))
    client = LLMClient(llm_settings(openai_server))
    _, answer = collect(compose_with(client))
    assert answer.mode == "llm" and "cites no source" in answer.warnings[0]


def test_nothing_retrieved_costs_no_model_call(llm_desk, openai_server):
    openai_server.script(plan_reply(since="2031-01-01"))
    answer = llm_desk.ask("signals about drones since 2031")
    assert answer.markdown.startswith("Nothing found") and answer.citations == []
    assert not any("<sources>" in r.text() for r in openai_server.chat_requests)
    assert not any("language model" in w for w in answer.warnings)


FAULTS = {
    "429 twice": [Reply.error(429, headers={"retry-after-ms": "10"}, match="<sources>")] * 2,
    "500": [Reply.error(500, "boom", match="<sources>")],
    "timeout": [answer_reply(delay=3)],
    "stall": [answer_reply(stall_after=3)],
    "garbage": [Reply.garbage(match="<sources>")],
    "empty": [answer_reply("")],
}
CAUSES = {
    "429 twice": "rate-limited",
    "500": "server failed",
    "timeout": "stalled",
    "stall": "stalled",
    "garbage": "malformed",
    "empty": "empty",
}


@pytest.mark.parametrize("fault", FAULTS)
def test_a_fault_gives_the_extractive_answer_with_a_warning(llm_desk, openai_server, desk, fault):
    openai_server.script(plan_reply(), *FAULTS[fault])
    deltas, answer = collect(llm_desk.stream(ESTONIA, k=6))
    assert answer.mode == "extractive" and answer.raw is None
    assert answer.warnings[0].startswith("Answered without the language model:") and CAUSES[fault] in answer.warnings[0]
    assert answer.markdown == desk.ask(ESTONIA, k=6).markdown
    assert answer.tables and answer.citations


def test_an_answer_that_drips_past_its_deadline_falls_back(desk, openai_server):
    settings = llm_settings(openai_server, index_dir=desk.settings.index_dir, llm_answer_deadline=1.0)
    openai_server.script(plan_reply(), answer_reply("Drones keep coming " * 100 + "[1].", token_delay=0.05))
    answer = Assistant(settings, index=desk.index).ask(ESTONIA, k=6)
    assert answer.mode == "extractive" and answer.tables
    assert "the language model's answer took too long" in answer.warnings[0] and "SIGNAL_DESK_LLM_ANSWER_DEADLINE" in answer.warnings[0]


def test_a_stall_mid_answer_is_followed_by_the_extractive_answer(llm_desk, openai_server):
    openai_server.script(plan_reply(), answer_reply(stall_after=4))
    deltas, answer = collect(llm_desk.stream(ESTONIA, k=6))
    shown = "".join(deltas)
    assert shown.startswith("GPS jamming over the") and "\n\n---\n\n" in shown
    assert shown.split("\n\n---\n\n", 1)[1].strip() == answer.markdown.strip()
    assert "GPS jamming over the" not in answer.markdown


def test_an_unreachable_server_answers_extractively_without_retrying(desk, closed_port):
    settings = Settings(index_dir=desk.settings.index_dir, llm_model="m", openai_base_url=f"http://127.0.0.1:{closed_port}/v1")
    answer = Assistant(settings, index=desk.index).ask(ESTONIA, k=6)
    assert answer.mode == "extractive" and answer.plan["planner"] == "rules"
    assert answer.warnings[0].startswith("Answered without the language model: the language model is unreachable")
    assert "Check OPENAI_BASE_URL" in answer.warnings[0]


def test_a_fault_while_planning_spares_the_answer_the_same_fault(llm_desk, openai_server):
    openai_server.script(Reply.error(500, "planner down", match="PlanDraft"))
    answer = llm_desk.ask(ESTONIA, k=6)
    assert len(openai_server.chat_requests) == 1
    assert answer.mode == "extractive" and "HTTP 500: planner down" in answer.warnings[0]


def test_a_malformed_plan_falls_back_to_the_rules_and_the_model_still_answers(llm_desk, openai_server):
    openai_server.script(Reply.garbage(match="PlanDraft"), answer_reply())
    answer = llm_desk.ask(ESTONIA, k=6)
    assert answer.plan["planner"] == "rules" and answer.plan["kinds"] == ["signal"]
    assert answer.mode == "llm"
    [warning] = answer.warnings
    assert warning.startswith("Planned by the rules: the language model could not plan the question (the language model's reply was malformed")


def test_extractive_mode_when_no_model_is_configured(desk):
    assert desk.llm is None and desk.ask(ESTONIA).mode == "extractive"


def test_the_fallback_equals_the_extractive_composer(llm_desk, openai_server):
    openai_server.script(plan_reply(), Reply.error(500, match="<sources>"))
    plan = llm_desk.plan(ESTONIA)
    answer = llm_desk.ask(ESTONIA, k=6)
    from assistant.retrieve import retrieve

    expected = compose_extractive(plan, retrieve(plan, llm_desk.index, llm_desk.settings.retrieval, 6))
    assert answer.records == expected.records


def test_a_briefing_gets_the_models_prose_over_the_briefing_tables(llm_desk, openai_server, desk):
    openai_server.script(
        plan_reply(intent="briefing", kinds=[], topics=["Baltic airspace"], query="Baltic airspace"),
        answer_reply("Bottom line: the Baltic airspace is contested [1]."),
    )
    answer = llm_desk.ask("Brief me on Baltic airspace", k=8)
    assert answer.mode == "llm" and answer.markdown.startswith("Bottom line: the Baltic airspace is contested [1].\n\n### ")
    assert "short briefing" in openai_server.chat_requests[-1].text()
    extractive = desk.ask("Brief me on Baltic airspace", k=8)
    assert answer.tables == extractive.tables and answer.citations == extractive.citations


def test_counts_stay_extractive_without_a_model_call(llm_desk, openai_server, desk):
    openai_server.script(plan_reply(intent="count", kinds=["signal"], topics=["drones"], query="drones"))
    answer = llm_desk.ask("How many signals mention drones?")
    assert answer.mode == "extractive" and answer.warnings == desk.ask("How many signals mention drones?").warnings
    assert len(openai_server.chat_requests) == 1 and answer.facets


def test_the_models_own_tables_sources_links_and_html_do_not_reach_the_answer(llm_desk, openai_server):
    hostile = (
        "Jamming is daily [1]. See [this](http://evil.example/a) <img src=http://evil.example/i.png>.\n\n"
        "| Name | Source |\n|---|---|\n| Made up | [1] |\n\n**Sources**\n- [1] http://evil.example/s\n"
    )
    openai_server.script(plan_reply(), answer_reply(hostile))
    deltas, answer = collect(llm_desk.stream(ESTONIA, k=6))
    prose = answer.markdown.split("\n\n### ")[0]
    assert prose == "Jamming is daily [1]. See this &lt;img src=http\\://evil.example/i.png>."
    assert "Made up" not in answer.markdown and answer.raw == hostile
    assert {WARN_TABLE, WARN_SOURCES, WARN_LINKS, WARN_HTML} <= set(answer.warnings)
    assert "evil.example/a" not in "".join(deltas) and "<img" not in "".join(deltas)


def test_what_only_the_rules_read_joins_the_models_plan(llm_desk, openai_server, desk):
    # the model's plan has no ceiling on relevancy, first number or "where": the rules read them
    question = "Where are the escalation signals on Estonia rated 4 or lower? Top 3."
    openai_server.script(plan_reply(), answer_reply())
    answer = llm_desk.ask(question, k=6)
    assert answer.mode == "llm" and answer.plan["planner"] == "llm"
    assert (answer.plan["max_relevancy"], answer.plan["where"]) == (4, True)
    assert 0 < len(answer.records) <= 3 and all(r.relevancy is None or r.relevancy <= 4 for r in answer.records)
    extractive = desk.ask(question, k=6)
    where = next(p for p in extractive.markdown.split("\n\n") if p.startswith("**Where:**"))
    assert where in answer.markdown and answer.markdown.startswith(PROSE + "\n\n**Where:**")


def test_what_goes_against_a_claim_is_read_by_the_rules_and_counted_in_llm_mode(llm_desk, openai_server, desk):
    # the model's plan has no "contrary": the rules read it, and the line that counts each way follows the prose
    question = "What contradicts the idea that rider earnings are rising?"
    openai_server.script(plan_reply(kinds=[], topics=["rider earnings"], query="rider earnings"), answer_reply())
    answer = llm_desk.ask(question, k=6)
    assert answer.mode == "llm" and answer.plan["contrary"] is True
    against = next(p for p in desk.ask(question, k=6).markdown.split("\n\n") if p.startswith("**Against it:**"))
    assert against in answer.markdown and answer.markdown.startswith(PROSE + "\n\n**Against it:**")


def test_what_the_question_leaves_out_leaves_the_models_search_text_too(llm_desk, openai_server):
    # the model's plan keeps "military" in its query; the rules read that it is left out
    question = "signals about drones, excluding military ones"
    openai_server.script(plan_reply(topics=["drones", "military"], query="drones military"), answer_reply())
    answer = llm_desk.ask(question, k=6)
    assert answer.plan["planner"] == "llm" and answer.plan["excluded"] == ["military"]
    assert answer.plan["query"] == "drones" and answer.plan["topics"] == ["drones"]
    assert not any("military" in f"{r.name} {r.description}".lower() for r in answer.records)

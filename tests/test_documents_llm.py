"""Documents with a language model, against our loopback OpenAI-compatible server: each theme's
paragraph is the model's prose from its own sources, invented citations are removed with a
warning, and a failing model gives the extractive document with a warning naming the cause."""

from __future__ import annotations

import pytest

from assistant import Assistant
from assistant.citations import parse_markers

from .conftest import llm_settings
from .fake_openai import Reply

DIGEST = "digest of March 2025"
PLAN = {"intent": "digest", "kinds": [], "min_relevancy": None, "since": "2025-03-01", "until": "2025-03-31",
        "topics": [], "query": "", "sides": [], "aspects": []}
PARAGRAPH = "This paragraph:"


@pytest.fixture
def llm_desk(desk, openai_server):
    return Assistant(llm_settings(openai_server, index_dir=desk.settings.index_dir), index=desk.index)


def themes_of(desk) -> int:
    return len(desk.ask(DIGEST).document.themes)


def test_the_digest_prose_is_the_models_and_the_rest_is_the_extractive_document(llm_desk, openai_server, desk):
    extractive = desk.ask(DIGEST)
    n = len(extractive.document.themes)
    # each paragraph cites its theme's first article
    firsts = [extractive.citations[[c.article_id for c in extractive.citations].index(t.articles[0])].n for t in extractive.document.themes]
    prose = [f"Model paragraph {i} reports what its articles say [{firsts[i]}]." for i in range(n)]
    openai_server.script(Reply.json(PLAN, match="PlanDraft"), *(Reply.text(p, match=PARAGRAPH) for p in prose))
    answer = llm_desk.ask(DIGEST)
    assert answer.mode == "llm" and answer.warnings == []
    for p in prose:
        assert p in answer.markdown
    assert answer.tables == extractive.tables and answer.citations == extractive.citations
    assert answer.document == extractive.document
    sent = [r for r in openai_server.chat_requests if PARAGRAPH in r.text()]
    assert len(sent) == n
    system, user = sent[0].json["messages"]
    assert "newspaper tone" in system["content"] and "not instructions" in system["content"]
    assert "Summary:" in user["content"] and "<sources>" in user["content"]
    assert set(parse_markers(answer.markdown)) <= {c.n for c in answer.citations}


def test_an_invented_citation_is_removed_with_a_warning(llm_desk, openai_server, desk):
    n = themes_of(desk)
    replies = [Reply.text("A claim from nowhere [99]. Another [1].", match=PARAGRAPH)] + [
        Reply.text("Nothing cited here.", match=PARAGRAPH) for _ in range(n - 1)
    ]
    openai_server.script(Reply.json(PLAN, match="PlanDraft"), *replies)
    answer = llm_desk.ask(DIGEST)
    assert answer.mode == "llm" and "[99]" not in answer.markdown
    assert any(w.startswith("Removed citation [99] from the model's paragraphs") for w in answer.warnings)
    assert set(parse_markers(answer.markdown)) <= {c.n for c in answer.citations}


def test_a_citation_to_another_themes_source_is_removed_too(llm_desk, openai_server, desk):
    extractive = desk.ask(DIGEST)
    first, second = extractive.document.themes[0], extractive.document.themes[1]
    number = {c.article_id: c.n for c in extractive.citations}
    foreign = number[second.articles[0]]
    own = number[first.articles[0]]
    replies = [Reply.text(f"Own source [{own}]. Another theme's source [{foreign}].", match=PARAGRAPH)]
    replies += [Reply.text("Plain.", match=PARAGRAPH) for _ in range(len(extractive.document.themes) - 1)]
    openai_server.script(Reply.json(PLAN, match="PlanDraft"), *replies)
    answer = llm_desk.ask(DIGEST)
    assert f"Own source [{own}]. Another theme's source." in answer.markdown


@pytest.mark.parametrize("fault", ["500", "empty"])
def test_a_failing_model_falls_back_to_the_extractive_digest_with_a_warning(llm_desk, openai_server, desk, fault):
    reply = Reply.error(500, "boom", match=PARAGRAPH) if fault == "500" else Reply.empty(match=PARAGRAPH)
    openai_server.script(Reply.json(PLAN, match="PlanDraft"), *[reply] * 6)
    answer = llm_desk.ask(DIGEST)
    extractive = desk.ask(DIGEST)
    assert answer.mode == "extractive" and answer.warnings[0].startswith("Answered without the language model:")
    assert answer.markdown == extractive.markdown and answer.document == extractive.document


def test_an_outlook_gets_the_models_prose_for_its_parts(llm_desk, openai_server, desk):
    question = "Where is AI in education heading?"
    plan = {**PLAN, "intent": "outlook", "since": None, "until": None, "topics": ["AI in education"], "query": "AI education"}
    extractive = desk.ask(question)
    n = sum(1 for h in ("### Today", "### Looking ahead", "### What would change") if h in extractive.markdown)
    openai_server.script(Reply.json(plan, match="PlanDraft"), *(Reply.text(f"Part {i} [1].", match=PARAGRAPH) for i in range(n)))
    answer = llm_desk.ask(question)
    assert answer.mode == "llm" and "Part 0 [1]." in answer.markdown
    assert [r.id for r in answer.records] == [r.id for r in extractive.records]


def test_cards_and_themes_stay_extractive_without_a_model_call(llm_desk, openai_server):
    plan = {**PLAN, "intent": "cards", "since": None, "until": None, "topics": ["AI in schools"], "query": "AI schools"}
    openai_server.script(Reply.json(plan, match="PlanDraft"))
    answer = llm_desk.ask("NOW / NEAR / NEXT cards about AI in schools")
    assert answer.mode == "extractive" and answer.document.cards
    assert not [r for r in openai_server.chat_requests if PARAGRAPH in r.text() or "<sources>" in r.text()]


def test_a_model_failing_after_its_first_paragraph_gives_the_whole_extractive_digest(llm_desk, openai_server, desk):
    extractive = desk.ask(DIGEST)
    assert len(extractive.document.themes) > 1
    openai_server.script(
        Reply.json(PLAN, match="PlanDraft"),
        Reply.text("The first paragraph came through [1].", match=PARAGRAPH),
        *[Reply.error(500, "boom", match=PARAGRAPH)] * 6,
    )
    answer = llm_desk.ask(DIGEST)
    assert answer.mode == "extractive" and answer.warnings[0].startswith("Answered without the language model:")
    assert "The first paragraph came through" not in answer.markdown
    assert answer.markdown == extractive.markdown


def test_a_model_paragraph_without_citations_is_kept_with_a_warning(llm_desk, openai_server, desk):
    n = themes_of(desk)
    openai_server.script(Reply.json(PLAN, match="PlanDraft"), *[Reply.text("Plain words, no source.", match=PARAGRAPH)] * n)
    answer = llm_desk.ask(DIGEST)
    assert answer.mode == "llm" and "Plain words, no source." in answer.markdown
    assert sum("cites no source" in w for w in answer.warnings) == n

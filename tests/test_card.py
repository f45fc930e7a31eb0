"""Article cards: one source opened whole, every record by kind, the cited ones marked; an
untitled tabular article is named by its strongest records; stored text stays text."""

from __future__ import annotations

import pytest

from assistant.card import card_markdown, strongest_names
from index import QuestionError


def test_a_titled_article_with_all_its_records(desk):
    answer = desk.ask("What escalation signals involve Estonia?")
    source = answer.citations[0]
    cited = [r.id for r in answer.records if r.article_id == source.article_id]
    card = desk.article_card(source.article_id, cited)
    assert card.titled and card.name == source.title and card.url == source.url and card.page == source.page
    assert card.summary and card.keywords and card.themes
    assert {r.kind for r in card.records} == {"signal", "concern", "behavior", "technology", "issue"}
    assert card.cited == len(cited) > 0 and {r.id for r in card.records if r.cited} == set(cited)
    kinds = [r.kind for r in card.records]
    assert kinds == sorted(kinds, key=["signal", "concern", "behavior", "technology", "issue"].index)
    text = card_markdown(card)
    assert text.startswith(f"## {card.name}") and "★" in text and f"**{len(card.records)} records**" in text


def test_an_unknown_article_is_a_question_error(desk):
    with pytest.raises(QuestionError, match="No article 'nope'"):
        desk.article_card("nope")


def test_an_untitled_tabular_article_is_named_by_its_strongest_records(hostile_desk, canary):
    from eval.reliability.corpus import HOSTILE_QUESTION

    answer = hostile_desk.ask(HOSTILE_QUESTION)
    untitled = next(c for c in answer.citations if not c.title)
    card = hostile_desk.article_card(untitled.article_id)
    assert not card.titled and card.name == strongest_names(card.records) and card.name
    text = card_markdown(card)
    assert "untitled article of the tabular export" in text
    assert f"<img src=http://127.0.0.1:{canary.port}" not in text  # stored text escaped: \<img ...

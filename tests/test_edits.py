"""Edits to how a question was understood (the app's chips): each is applied after the planner and
the filters, says what it changed, and can remove what the question itself named."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from assistant.edits import PlanEdits, apply_edits
from assistant.plan import plan as rule_plan


def test_no_edit_changes_nothing():
    plan = rule_plan("concerns about space debris")
    assert apply_edits(plan, PlanEdits()) is plan


def test_dropping_the_kind_the_question_named_searches_every_kind():
    plan = apply_edits(rule_plan("concerns about space debris"), PlanEdits(drop=["kinds"]))
    assert plan.kinds == [] and plan.query == "space debris"
    assert plan.notes == ["Every record kind searched (the question asked for concern)."]


@pytest.mark.parametrize(
    ("question", "drop", "field", "note"),
    [
        ("high-relevancy signals about space debris", "min_relevancy", "min_relevancy", "Any relevancy (the question asked for ≥ 4)."),
        ("signals about drones since 2024", "since", "since", "No since date (the question said 2024-01-01)."),
        ("issues rated 3 or lower about housing", "max_relevancy", "max_relevancy", "Any relevancy up to 5 (the question asked for ≤ 3)."),
    ],
)
def test_dropping_a_filter_the_question_named(question, drop, field, note):
    plan = apply_edits(rule_plan(question), PlanEdits(drop=[drop]))
    assert getattr(plan, field) is None and note in plan.notes


def test_another_intent_and_topic():
    plan = apply_edits(rule_plan("How many concerns mention drones?"), PlanEdits(intent="list", query="drone incursions"))
    assert plan.intent == "list" and plan.query == "drone incursions" and plan.topics == ["drone incursions"]
    assert "Answered as list (the question read as count)." in plan.notes
    assert "Topic “drone incursions” searched (the question read as “drones”)." in plan.notes


def test_dropping_an_entity_unanchors_the_answer():
    before = rule_plan("What escalation signals involve Estonia?")
    assert [e.name for e in before.entities] == ["Estonia"]
    plan = apply_edits(before, PlanEdits(entities=[]))
    assert plan.entities == [] and "Not anchored on Estonia." in plan.notes
    assert "estonia" in plan.focus.lower()  # without the entity, its name is part of what to look for


def test_an_unknown_intent_or_drop_is_refused():
    with pytest.raises(ValidationError):
        PlanEdits(intent="gossip")
    with pytest.raises(ValidationError):
        PlanEdits(drop=["question"])


def test_the_desk_reruns_a_question_over_every_kind(desk):
    asked = desk.ask("concerns about space debris")
    assert {r.kind for r in asked.records} == {"concern"}
    widened = desk.ask("concerns about space debris", edits=PlanEdits(drop=["kinds"]))
    assert widened.plan["kinds"] == [] and len({r.kind for r in widened.records}) > 1
    assert widened.markdown.startswith("_Every record kind searched (the question asked for concern)._")


def test_dropping_one_of_two_parts_that_search_the_same_text_keeps_the_other_and_its_kinds():
    asked = rule_plan("What are the concerns about AI in healthcare, and which technologies could help?")
    plan = apply_edits(asked.model_copy(deep=True), PlanEdits(aspects=["technologies on AI healthcare"]))
    assert (plan.aspects, plan.query, plan.kinds) == ([], "AI healthcare", ["technology"])
    assert plan.notes == ["Searched as one question."]
    kept = apply_edits(asked.model_copy(deep=True), PlanEdits(aspects=["concerns on AI healthcare"]))
    assert kept.kinds == ["concern"]

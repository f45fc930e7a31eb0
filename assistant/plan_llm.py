"""The LLM planner: the model reads the question into a `QueryPlan` through structured output
(a JSON schema, or JSON mode when the server rejects schemas). Its reply is validated; the caller
falls back to the rule-based planner on any failure.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from pydantic import BaseModel

from index import Kind, LLMResponseError
from index.llm_client import LLMClient

from . import prompts
from .models import Intent, QueryPlan
from .plan import _entities, focus_of, parse_day


class PlanDraft(BaseModel):
    """What the model is asked to return (every field required, as strict structured output wants)."""

    intent: Intent
    kinds: list[Kind]
    min_relevancy: int | None
    since: str | None
    until: str | None
    topics: list[str]
    query: str
    sides: list[str]
    aspects: list[str]


def plan_with_llm(question: str, client: LLMClient, *, today: date, overrides: Mapping[str, str] | None = None) -> QueryPlan:
    """The model's plan for the question; `LLMError` when it cannot give a valid one."""
    messages = [
        {"role": "system", "content": prompts.PLAN_SYSTEM.render(overrides, today=today.isoformat())},
        {"role": "user", "content": prompts.PLAN_USER.render(overrides, question=question)},
    ]
    draft = client.structured(messages, PlanDraft, name="query_plan")
    topics = [" ".join(t.split()) for t in draft.topics if t.strip()]
    query = " ".join(draft.query.split()) or " ".join(topics)
    entities = _entities(question)  # the gazetteer knows the places and their aliases better
    return QueryPlan(
        question=question,
        intent=draft.intent,
        kinds=list(dict.fromkeys(draft.kinds)),
        min_relevancy=draft.min_relevancy if draft.min_relevancy in (1, 2, 3, 4, 5) else None,
        since=_day(draft.since, "since"),
        until=_day(draft.until, "until"),
        topics=topics,
        query=query,
        sides=[s for s in draft.sides if s.strip()] if draft.intent == "compare" else [],
        aspects=[a for a in draft.aspects if a.strip()] if len([a for a in draft.aspects if a.strip()]) >= 2 else [],
        entities=entities,
        focus=focus_of(query, entities),
        planner="llm",
    )


# What the model's plan does not ask for, read by the rules from the same question: a ceiling on
# relevancy ("rated 3 or lower"), a first number of records ("top 5"), whether it asks where, what
# it leaves out ("drones, excluding military ones"), and what it asks of its records (what drives
# the topic or follows from it, their rating as the order, what goes against it). Without them, a
# question asked in LLM mode lost filters it asked for in words.
RULES_READ = ("max_relevancy", "limit", "where", "excluded", "drivers", "effects", "by_rating", "contrary")


def with_rules_reading(plan: QueryPlan, rules: QueryPlan) -> QueryPlan:
    """The model's plan with what only the rules read (`RULES_READ`) taken from their plan; the
    words left out leave its search text too, as they leave the rules' ("drones military" would
    find what is then left out)."""
    update = {name: getattr(rules, name) for name in RULES_READ}
    left = {w.lower() for topic in rules.excluded for w in topic.split()}
    if left:
        kept = " ".join(w for w in plan.query.split() if w.lower() not in left)
        topics = [t for topic in plan.topics if (t := " ".join(w for w in topic.split() if w.lower() not in left))]
        if kept:
            update |= {"query": kept, "topics": topics or [kept], "focus": focus_of(kept, plan.entities)}
    return plan.model_copy(update=update)


def _day(value: str | None, name: str) -> date | None:
    if not value or not value.strip():
        return None
    try:
        return parse_day(value.strip(), end=name == "until")
    except ValueError:
        raise LLMResponseError(f"the model's plan has an unreadable {name} date {value!r}") from None

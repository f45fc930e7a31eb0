"""Edits to how a question was understood: what the reader changed in the plan (the app's chips).

Explicit filters (`kinds`, `min_relevancy`, `since`, `until`) can only narrow or replace what the
question said; an edit can also take something away that the question itself named ("concerns
about space debris" over every kind), pick another intent, search another topic, or drop an
entity or a part of the question. Edits apply after the planner and the filters, and each one
adds a note, so the answer's first line says what was changed (no silent override).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from .models import Intent, QueryPlan
from .plan import focus_of

Droppable = Literal["kinds", "min_relevancy", "max_relevancy", "since", "until"]


class PlanEdits(BaseModel):
    """What the reader changed in the plan; every field left at its default changes nothing."""

    intent: Intent | None = Field(None, description="Answer as this intent instead of the one read from the question.")
    query: str | None = Field(None, description="Search this topic instead of the one read from the question.")
    drop: list[Droppable] = Field(default_factory=list, description="Filters the question named that the reader removed.")
    entities: list[str] | None = Field(None, description="Keep only these of the question's entities (by name); [] drops them all.")
    aspects: list[str] | None = Field(None, description="Keep only these parts of a multi-part question; [] searches it whole.")

    def empty(self) -> bool:
        return self == PlanEdits()


def apply_edits(plan: QueryPlan, edits: PlanEdits) -> QueryPlan:
    """The plan with the reader's edits, each one noted."""
    if edits.empty():
        return plan
    before, plan = plan, plan.model_copy(deep=True)
    notes: list[str] = []
    if edits.intent is not None and edits.intent != plan.intent:
        notes.append(f"Answered as {edits.intent} (the question read as {plan.intent}).")
        plan.intent = edits.intent
    if "kinds" in edits.drop and plan.kinds:
        notes.append(f"Every record kind searched (the question asked for {', '.join(plan.kinds)}).")
        plan.kinds = []
    if "min_relevancy" in edits.drop and plan.min_relevancy is not None:
        notes.append(f"Any relevancy (the question asked for ≥ {plan.min_relevancy}).")
        plan.min_relevancy = None
    if "max_relevancy" in edits.drop and plan.max_relevancy is not None:
        notes.append(f"Any relevancy up to 5 (the question asked for ≤ {plan.max_relevancy}).")
        plan.max_relevancy = None
    for name in ("since", "until"):
        if name in edits.drop and getattr(plan, name) is not None:
            notes.append(f"No {name} date (the question said {getattr(plan, name).isoformat()}).")
            setattr(plan, name, None)
    query = " ".join((edits.query or "").split())
    if query and query != plan.query:
        notes.append(f"Topic “{query}” searched (the question read as “{plan.query}”)." if plan.query else f"Topic “{query}” searched.")
        plan.query, plan.topics = query, [query]
        plan.aspects = []  # the parts were read from the old topic
    if edits.entities is not None:
        kept = [e for e in plan.entities if e.name in edits.entities]
        dropped = [e.name for e in plan.entities if e not in kept]
        if dropped:
            notes.append(f"Not anchored on {', '.join(dropped)}.")
        plan.entities = kept
    if edits.aspects is not None and plan.aspects:
        # a part is named by its search text or by its label: two parts may search the same text
        # in other kinds ("concerns on AI healthcare", "technologies on AI healthcare")
        labels, wanted = plan.aspect_labels(), list(edits.aspects)
        keep = []
        for n, (aspect, label) in enumerate(zip(plan.aspects, labels, strict=True)):
            if (said := label if label in wanted else aspect if aspect in wanted else None) is not None:
                wanted.remove(said)
                keep.append(n)
        if len(keep) < len(plan.aspects):
            notes.append("Searched as one question." if len(keep) < 2 else "Only the parts kept are searched.")
            kinds = [plan.aspect_kinds[n] for n in keep] if len(plan.aspect_kinds) == len(plan.aspects) else []
            kept_aspects = [plan.aspects[n] for n in keep]
            plan.aspects, plan.aspect_kinds = (kept_aspects, kinds) if len(keep) >= 2 else ([], [])
            if len(keep) == 1 and not query:
                plan.query, plan.topics = kept_aspects[0], [kept_aspects[0]]
            if len(keep) == 1 and kinds and kinds[0]:
                plan.kinds = kinds[0]  # the part kept asked for its own kinds
    if (plan.query, plan.entities) != (before.query, before.entities):
        plan.focus = focus_of(plan.query, plan.entities)
    plan.notes = [*plan.notes, *notes]
    return plan

""""Understood as" chips: the plan of an answer as small editable pieces (intent, topic, kinds,
relevancy and its ceiling, dates, entities, parts, page), and the request that asks the question again with one
of them changed or removed. Pure: no Gradio, no index.

A request is what the desk is asked: the question, the explicit filters and the reader's edits
(`assistant.edits.PlanEdits`). A chip's change never edits the answer; it makes a new request
from the answer's standalone question (its `resolved` form, so a follow-up or a "more" reruns
what it meant), which the desk answers anew with a note saying what was changed.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from assistant.edits import PlanEdits
from index import KINDS

RELEVANCY = ["1", "2", "3", "4", "5"]


class Request(BaseModel):
    """One question as the desk is asked it: text, conversation, filters, edits and page."""

    question: str
    history: list[dict] = Field(default_factory=list, description="The conversation before it (typed questions only).")
    kinds: list[str] | None = None
    min_relevancy: int | None = None
    since: str | None = None
    until: str | None = None
    page: int = 1
    edits: PlanEdits = Field(default_factory=PlanEdits)

    def options(self) -> dict:
        """Keyword arguments of `Assistant.stream`."""
        return dict(
            history=self.history, kinds=self.kinds, min_relevancy=self.min_relevancy, since=self.since, until=self.until,
            page=self.page, edits=None if self.edits.empty() else self.edits,
        )

    def again(self, plan: dict) -> Request:
        """This request standing alone: the question as the answer resolved it, no conversation,
        at the page the answer showed."""
        question = plan.get("resolved") or plan.get("question") or self.question
        return self.model_copy(update={"question": question, "history": [], "page": int(plan.get("page") or self.page)}, deep=True)


class Chip(BaseModel):
    """One piece of the plan as the reader sees and edits it."""

    key: str = Field(description="What it stands for: intent, topic, kind:<kind>, kind+, relevancy, ceiling, since, until, entity:<name>, aspect:<n>, page.")
    group: str = Field(description="Its caption: Intent, Topic, Kind, ...")
    value: str = ""
    editor: Literal["none", "select", "text"] = "none"
    options: list[str] = Field(default_factory=list)
    removable: bool = False
    add: bool = Field(False, description="An empty slot that adds a filter (a '+ kind' menu, a '+ since' box).")


def chips(plan: dict, intents: list[str]) -> list[Chip]:
    """The chips of an answer's plan (`Answer.plan`), in reading order, with the slots that add filters."""
    out = [Chip(key="intent", group="Intent", value=plan.get("intent") or "lookup", editor="select", options=list(intents))]
    sides = plan.get("sides") or []
    if sides and plan.get("intent") == "compare":
        out.append(Chip(key="topic", group="Sides", value=" vs ".join(sides)))
    else:
        out.append(Chip(key="topic", group="Topic", value=plan.get("query") or "", editor="text"))
    kinds = list(plan.get("kinds") or [])
    out += [Chip(key=f"kind:{kind}", group="Kind", value=kind, removable=True) for kind in kinds]
    missing = [kind for kind in KINDS if kind not in kinds]
    if missing:
        out.append(Chip(key="kind+", group="Kind", editor="select", options=missing, add=True))
    relevancy = plan.get("min_relevancy")
    out.append(Chip(key="relevancy", group="Relevancy ≥", value=str(relevancy or ""), editor="select", options=RELEVANCY,
                    removable=bool(relevancy), add=not relevancy))
    if ceiling := plan.get("max_relevancy"):  # read from the question ("rated 3 or lower"): removable, not set here
        out.append(Chip(key="ceiling", group="Relevancy ≤", value=str(ceiling), removable=True))
    for name in ("since", "until"):
        value = plan.get(name) or ""
        out.append(Chip(key=name, group=name.capitalize(), value=value, editor="text", removable=bool(value), add=not value))
    out += [Chip(key=f"entity:{name}", group="Anchored on", value=name, removable=True) for name in plan.get("entities") or []]
    out += [Chip(key=f"aspect:{n}", group="Part", value=aspect, removable=True) for n, aspect in enumerate(plan.get("aspect_labels") or plan.get("aspects") or [])]
    if int(plan.get("page") or 1) > 1:
        out.append(Chip(key="page", group="Page", value=str(plan["page"]), removable=True))
    return out


def edit(request: Request, plan: dict, key: str, value: str | None) -> Request:
    """The request that asks the answer's question again with the chip `key` set to `value`
    (None: removed). Page 1 unless the page chip itself changed. `ValueError` for an unknown chip."""
    new = request.again(plan)
    edits = new.edits.model_copy(deep=True)
    new.page = 1
    text = " ".join((value or "").split())
    kinds = list(plan.get("kinds") or [])
    if key == "intent":
        edits.intent = text or None  # type: ignore[assignment]  # checked by PlanEdits below
    elif key == "topic":
        edits.query = text or None
    elif key.startswith("kind:"):
        kept = [k for k in kinds if k != key[5:]]
        new.kinds = kept or None
        _drop(edits, "kinds", not kept)
    elif key == "kind+":
        if text:
            new.kinds = [*kinds, text] if text not in kinds else kinds
            _drop(edits, "kinds", False)
    elif key == "relevancy":
        new.min_relevancy = int(text) if text else None
        _drop(edits, "min_relevancy", not text)
    elif key == "ceiling":
        _drop(edits, "max_relevancy", True)
    elif key in ("since", "until"):
        setattr(new, key, text or None)
        _drop(edits, key, not text)
    elif key.startswith("entity:"):
        edits.entities = [e for e in plan.get("entities") or [] if e != key[7:]]
    elif key.startswith("aspect:"):
        drop = int(key[7:])
        edits.aspects = [a for n, a in enumerate(plan.get("aspect_labels") or plan.get("aspects") or []) if n != drop]
    elif key == "page":
        new.page = max(1, int(text)) if text else 1
    else:
        raise ValueError(f"unknown chip {key!r}")
    new.edits = PlanEdits.model_validate(edits.model_dump())
    return new


def describe(key: str, value: str | None) -> str:
    """What a chip change did, in a few words (shown beside the rerun question)."""
    name, _, arg = key.partition(":")
    if name == "kind":
        return f"kind {arg} removed"
    if name == "kind+":
        return f"kind {value} added"
    if name == "entity":
        return f"not anchored on {arg}"
    if name == "aspect":
        return f"part {int(arg) + 1} removed"
    if name == "ceiling":
        return "relevancy ceiling removed"
    if value is None or not value.strip():
        return f"{name} removed"
    if name == "relevancy":
        return f"relevancy ≥ {value}"
    if name == "topic":
        return f"topic “{value}”"
    return f"{name} {value}"


def _drop(edits: PlanEdits, name: str, dropped: bool) -> None:
    drop = [d for d in edits.drop if d != name]
    edits.drop = [*drop, name] if dropped else drop  # type: ignore[list-item]


def next_page(request: Request, answer_plan: dict) -> Request:
    """The request for the answer's next page (the same filters and edits)."""
    new = request.again(answer_plan)
    new.page = int(answer_plan.get("page") or 1) + 1
    return new


def pages(answer_facets: dict | None, more: int, page: int) -> tuple[int, int | None]:
    """(next page, last page or None when unknown) when the answer has a next page, else (0, None)."""
    facets = answer_facets or {}
    total, size = facets.get("total"), facets.get("page_size")
    if isinstance(total, int) and isinstance(size, int) and size > 0:
        last = max(1, -(-total // size))
        return (page + 1, last) if page < last else (0, None)
    if more:
        return page + 1, None
    return 0, None

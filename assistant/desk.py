"""`Assistant`: open an index once, ask many questions. Plan, retrieve, compose, timed."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date

from index import Settings
from index.search import SearchIndex

from .aggregate import facets, how_counted, match_all, page_of
from .briefing import compose_briefing, gather
from .compare import compose_comparison, gather_sides
from .compose import compose_exhaustive, compose_extractive
from .models import Answer, QueryPlan
from .plan import plan as rule_plan
from .retrieve import retrieve
from .timeline import compose_trend

History = list[dict] | None  # role/content messages, oldest first


class Assistant:
    """Signal Desk's question answering over one index; the CLI, app, eval and tests share it."""

    def __init__(self, settings: Settings, *, index: SearchIndex | None = None):
        self.settings = settings
        self._index = index

    @property
    def index(self) -> SearchIndex:
        if self._index is None:
            self._index = SearchIndex(self.settings)
        return self._index

    def plan(
        self,
        question: str,
        history: History = None,
        *,
        kinds: list[str] | None = None,
        min_relevancy: int | None = None,
        since: date | str | None = None,
        until: date | str | None = None,
    ) -> QueryPlan:
        """The planner's reading of the question; explicit filters override what it inferred."""
        plan = rule_plan(question)
        if kinds:
            plan.kinds = list(kinds)
        if min_relevancy is not None:
            plan.min_relevancy = min_relevancy
        if since is not None:
            plan.since = parse_day(since, end=False)
        if until is not None:
            plan.until = parse_day(until, end=True)
        return plan

    def ask(
        self,
        question: str,
        history: History = None,
        k: int | None = None,
        kinds: list[str] | None = None,
        min_relevancy: int | None = None,
        since: date | str | None = None,
        until: date | str | None = None,
        page: int = 1,
        clusters: bool = True,
    ) -> Answer:
        """Answer one question with cited records and tables."""
        answer: Answer | None = None
        for event in self.stream(question, history, k, kinds, min_relevancy, since, until, page, clusters):
            if isinstance(event, Answer):
                answer = event
        assert answer is not None
        return answer

    def stream(
        self,
        question: str,
        history: History = None,
        k: int | None = None,
        kinds: list[str] | None = None,
        min_relevancy: int | None = None,
        since: date | str | None = None,
        until: date | str | None = None,
        page: int = 1,
        clusters: bool = True,
    ) -> Iterator[str | Answer]:
        """Text deltas of the answer as it is written, then the final `Answer`."""
        started = time.perf_counter()
        plan = self.plan(question, history, kinds=kinds, min_relevancy=min_relevancy, since=since, until=until)
        planned = time.perf_counter()
        answer, retrieval = self._compose(plan, k or self.settings.retrieval.k, page, clusters)
        for piece in answer.markdown.split("\n\n"):
            yield piece + "\n\n"
        done = time.perf_counter()
        answer.timings_ms = {
            "plan": _ms(planned - started),
            **{f"retrieve.{key}": value for key, value in retrieval.items()},
            "answer": _ms(done - planned),
            "total": _ms(done - started),
        }
        yield answer

    def _compose(self, plan: QueryPlan, size: int, page: int, clusters: bool) -> tuple[Answer, dict[str, float]]:
        """The answer the plan's intent calls for, and the retrieval timings behind it."""
        index, settings = self.index, self.settings.retrieval
        if plan.intent in ("list", "count", "trend"):
            matched = match_all(plan, index, settings)
            how = how_counted(plan, matched, settings)
            if plan.intent == "trend":
                return compose_trend(plan, matched, index, how=how, number=page, size=size, clusters=clusters), {}
            ranked = page_of(matched, index, page, size, plan)
            answer = compose_exhaustive(
                plan, ranked, how=how, facets=facets(matched, index), number=page, size=size, clusters=clusters
            )
            return answer, ranked.timings_ms
        if plan.intent == "compare" and len(plan.sides) >= 2:
            placed, ranked = gather_sides(plan, index, settings, size)
            return compose_comparison(plan, placed, ranked), ranked.timings_ms
        if plan.intent == "briefing":
            sections, ranked = gather(plan, index, settings, size)
            return compose_briefing(plan, sections, ranked, clusters=clusters), ranked.timings_ms
        ranked = retrieve(plan, index, settings, size)
        return compose_extractive(plan, ranked, clusters=clusters), ranked.timings_ms


def parse_day(value: date | str, *, end: bool) -> date:
    """A date from `2025-03-14`, `2025-03` or `2025` (the first or last day of that span)."""
    if isinstance(value, date):
        return value
    import calendar

    parts = [int(p) for p in str(value).strip().split("-")]
    if len(parts) == 1:
        return date(parts[0], 12, 31) if end else date(parts[0], 1, 1)
    if len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        return date(parts[0], parts[1], last if end else 1)
    return date(parts[0], parts[1], parts[2])


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)

"""`Assistant`: open an index once, ask many questions. Resolve follow-ups, plan, retrieve,
compose, timed.

With `SIGNAL_DESK_LLM_MODEL` set, the language model condenses follow-ups, plans, and writes the
prose of lookups, comparisons and briefings (lists, counts and trends stay extractive: their
answers are exact counts over the whole matched set). Every model step falls back (to the rules,
to the extractive answer) when it fails, and after a fault that would only repeat (unreachable,
timeout, rate limit, HTTP error) the model is not called again for the same question.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from index import LLMError, LLMResponseError, Settings
from index.llm_client import LLMClient
from index.search import SearchIndex

from . import prompts
from .aggregate import facets, how_counted, match_all, page_of
from .briefing import compose_briefing, gather
from .compare import compose_comparison, gather_sides
from .compose import compose_exhaustive, compose_extractive
from .compose_llm import extractive_stream, fault_warning, stream_llm_answer
from .followup import History, condense, resolve, user_questions
from .inputs import check_request
from .models import Answer, QueryPlan, Ranked
from .passages import retrieve_passages
from .plan import parse_day
from .plan import plan as rule_plan
from .plan_llm import plan_with_llm
from .retrieve import retrieve
from .timeline import compose_trend

__all__ = ["Assistant", "History", "parse_day"]


@dataclass
class _Turn:
    """What one question learned about the model on the way: a fault not worth repeating."""

    fault: LLMError | None = None
    notes: list[str] = field(default_factory=list)  # model steps that fell back to the rules, for the warnings

    def failed(self, exc: LLMError) -> None:
        if not isinstance(exc, LLMResponseError):  # a malformed reply says nothing about the next call
            self.fault = self.fault or exc


class Assistant:
    """Signal Desk's question answering over one index; the CLI, app, eval and tests share it."""

    def __init__(self, settings: Settings, *, index: SearchIndex | None = None, llm: LLMClient | None = None):
        prompts.check(settings.prompts)
        self.settings = settings
        self._index = index
        self.llm = llm if llm is not None else LLMClient.from_settings(settings)

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
        return self._plan(question, history, _Turn(), kinds=kinds, min_relevancy=min_relevancy, since=since, until=until)

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
        """Text deltas of the answer as it is written, then the final `Answer`; `QuestionError` for a
        question with nothing to look for, or a `k` or page out of range."""
        check_request(question, history, k=k, page=page, kinds=kinds, min_relevancy=min_relevancy, since=since, until=until)
        started = time.perf_counter()
        turn = _Turn()
        plan = self._plan(question, history, turn, kinds=kinds, min_relevancy=min_relevancy, since=since, until=until)
        planned = time.perf_counter()
        extractive, ranked, retrieval = self._compose(plan, k or self.settings.retrieval.k, page, clusters)
        composed = time.perf_counter()

        answer: Answer | None = None
        for event in self._write(plan, ranked, extractive, turn):
            if isinstance(event, Answer):
                answer = event
            else:
                yield event
        assert answer is not None
        answer.warnings += [note for note in turn.notes if note not in answer.warnings]
        done = time.perf_counter()
        answer.timings_ms = {
            "plan": _ms(planned - started),
            **{f"retrieve.{key}": value for key, value in retrieval.items()},
            "answer": _ms(done - planned),
            **({"llm": _ms(done - composed)} if answer.mode == "llm" else {}),
            "total": _ms(done - started),
        }
        yield answer

    def _write(self, plan: QueryPlan, ranked: Ranked | None, extractive: Answer, turn: _Turn) -> Iterator[str | Answer]:
        """The model's prose over the extractive answer's evidence, or the extractive answer."""
        if self.llm is None or ranked is None:
            yield from extractive_stream(extractive)
        elif turn.fault is not None:
            if extractive.citations:  # nothing found needs no model: no warning either
                extractive.warnings.insert(0, fault_warning(turn.fault))
            yield from extractive_stream(extractive)
        else:
            yield from stream_llm_answer(plan, ranked, extractive, self.llm, self.settings.prompts)

    def _compose(
        self, plan: QueryPlan, size: int, page: int, clusters: bool
    ) -> tuple[Answer, Ranked | None, dict[str, float]]:
        """The extractive answer the plan's intent calls for, the ranked records a model may write
        about (None for lists, counts and trends, which stay extractive), and retrieval timings."""
        index, settings = self.index, self.settings.retrieval
        if plan.intent in ("list", "count", "trend"):
            matched = match_all(plan, index, settings)
            how = how_counted(plan, matched, settings)
            if plan.intent == "trend":
                return compose_trend(plan, matched, index, how=how, number=page, size=size, clusters=clusters), None, {}
            ranked = page_of(matched, index, page, size, plan)
            answer = compose_exhaustive(
                plan, ranked, how=how, facets=facets(matched, index), number=page, size=size, clusters=clusters
            )
            return answer, None, ranked.timings_ms
        if plan.intent == "compare" and len(plan.sides) >= 2:
            placed, ranked = gather_sides(plan, index, settings, size)
            return compose_comparison(plan, placed, ranked), ranked, ranked.timings_ms
        if plan.intent == "briefing":
            sections, ranked = gather(plan, index, settings, size)
            return compose_briefing(plan, sections, ranked, clusters=clusters), ranked, ranked.timings_ms
        ranked = retrieve(plan, index, settings, size)
        ranked.passages = retrieve_passages(plan, index, settings, ranked)
        return compose_extractive(plan, ranked, clusters=clusters), ranked, ranked.timings_ms

    def _plan(self, question: str, history: History, turn: _Turn, **filters) -> QueryPlan:
        resolved = self._resolve(question, history, turn)
        plan: QueryPlan | None = None
        if self.llm is not None and turn.fault is None:
            try:
                plan = plan_with_llm(resolved, self.llm, today=date.today(), overrides=self.settings.prompts)
            except LLMError as exc:  # the rules plan instead
                turn.failed(exc)
                turn.notes.append(f"Planned by the rules: the language model could not plan the question ({exc.cause}: {exc}).")
        if plan is None:
            plan = rule_plan(resolved)
        plan.question, plan.resolved = question, resolved
        if filters.get("kinds"):
            plan.kinds = list(filters["kinds"])
        if filters.get("min_relevancy") is not None:
            plan.min_relevancy = filters["min_relevancy"]
        if filters.get("since") is not None:
            plan.since = parse_day(filters["since"], end=False)
        if filters.get("until") is not None:
            plan.until = parse_day(filters["until"], end=True)
        return plan

    def _resolve(self, question: str, history: History, turn: _Turn) -> str:
        """The question made standalone: by the model when configured, else (or on failure) by the rules."""
        if not user_questions(history):
            return question
        if self.llm is not None:
            try:
                return condense(question, history, self.llm, self.settings.prompts)
            except LLMError as exc:
                turn.failed(exc)
                turn.notes.append(f"Follow-up resolved by the rules: the language model could not rewrite it ({exc.cause}: {exc}).")
        return resolve(question, history)


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)

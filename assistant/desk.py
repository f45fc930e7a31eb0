"""`Assistant`: open an index once, ask many questions. Resolve follow-ups, plan, retrieve,
compose, timed. With `SIGNAL_DESK_LLM_MODEL` set the language model condenses follow-ups, plans
and writes the prose; every one of those steps falls back (rules, extractive answer) when it fails,
and after a fault that would only repeat (unreachable, timeout, rate limit, HTTP error) the model
is not called again for the same question.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from index import LLMError, LLMResponseError, Settings
from index.llm_client import LLMClient
from index.search import SearchIndex

from . import prompts
from .compose import compose_extractive
from .compose_llm import extractive_stream, fault_warning, stream_llm_answer
from .followup import History, condense, resolve, user_questions
from .models import Answer, QueryPlan
from .passages import retrieve_passages
from .plan import parse_day
from .plan import plan as rule_plan
from .plan_llm import plan_with_llm
from .retrieve import retrieve

__all__ = ["Assistant", "History", "parse_day"]


@dataclass
class _Turn:
    """What one question learned about the model on the way: a fault not worth repeating."""

    fault: LLMError | None = None

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
    ) -> Answer:
        """Answer one question with cited records and tables."""
        answer: Answer | None = None
        for event in self.stream(question, history, k, kinds, min_relevancy, since, until):
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
    ) -> Iterator[str | Answer]:
        """Text deltas of the answer as it is written, then the final `Answer`."""
        started = time.perf_counter()
        turn = _Turn()
        plan = self._plan(question, history, turn, kinds=kinds, min_relevancy=min_relevancy, since=since, until=until)
        planned = time.perf_counter()
        ranked = retrieve(plan, self.index, self.settings.retrieval, k or self.settings.retrieval.k)
        ranked.passages = retrieve_passages(plan, self.index, self.settings.retrieval, ranked)
        retrieved = time.perf_counter()

        answer: Answer | None = None
        for event in self._compose(plan, ranked, turn):
            if isinstance(event, Answer):
                answer = event
            else:
                yield event
        assert answer is not None
        done = time.perf_counter()
        answer.timings_ms = {
            "plan": _ms(planned - started),
            "retrieve": _ms(retrieved - planned),
            **{f"retrieve.{key}": value for key, value in ranked.timings_ms.items()},
            "compose": _ms(done - retrieved),
            "total": _ms(done - started),
        }
        yield answer

    def _compose(self, plan, ranked, turn: _Turn) -> Iterator[str | Answer]:
        if self.llm is None:
            yield from extractive_stream(compose_extractive(plan, ranked))
        elif turn.fault is not None:
            answer = compose_extractive(plan, ranked)
            if ranked.hits or ranked.passages:  # nothing found needs no model: no warning either
                answer.warnings.insert(0, fault_warning(turn.fault))
            yield from extractive_stream(answer)
        else:
            yield from stream_llm_answer(plan, ranked, self.llm, self.settings.prompts)

    def _plan(self, question: str, history: History, turn: _Turn, **filters) -> QueryPlan:
        resolved = self._resolve(question, history, turn)
        plan: QueryPlan | None = None
        if self.llm is not None and turn.fault is None:
            try:
                plan = plan_with_llm(resolved, self.llm, today=date.today(), overrides=self.settings.prompts)
            except LLMError as exc:  # the rules plan instead
                turn.failed(exc)
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
        return resolve(question, history)


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)

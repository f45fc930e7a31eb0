"""`Assistant`: open an index once, ask many questions. Resolve follow-ups, plan, retrieve,
compose, timed.

With `SIGNAL_DESK_LLM_MODEL` set, the language model condenses follow-ups, plans, and writes the
prose of lookups, comparisons and briefings, and the paragraphs of digests, topic pages and
outlooks (lists, counts and trends stay extractive: their answers are exact counts over the whole
matched set; so do cards and themes, which quote records). Every model step falls back (to the rules,
to the extractive answer) when it fails, and after a fault that would only repeat (unreachable,
timeout, rate limit, HTTP error) the model is not called again for the same question.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import partial

from index import LLMError, LLMResponseError, Settings
from index.llm_client import LLMClient
from index.search import SearchIndex

from . import prompts
from .card import ArticleCard, article_card
from .compare import with_complement
from .compose_llm import extractive_stream, fault_warning, stream_llm_answer
from .document_llm import stream_document
from .edits import PlanEdits, apply_edits
from .elsewhere import without_restated
from .entities import gazetteer, named_around, opening_name, sentence_cased, written_as_name
from .followup import History, Resolution, condense, names_a_row, stands_alone, understand, user_questions
from .inputs import check_request
from .intents import Context, answer
from .likeness import likeness
from .markup import escape_text
from .models import Answer, QueryPlan, Ranked
from .plan import focus_of, parse_day
from .plan import plan as rule_plan
from .plan_llm import plan_with_llm, with_rules_reading
from .retrieve import ANCHOR_SHARE, anchoring
from .slots import Part
from .spelling import respelled
from .subjects import without_verb
from .terms import as_terms
from .what_it_is import without_what_it_is

__all__ = ["Assistant", "History", "PlanEdits", "parse_day"]


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

    def warm_up(self) -> None:
        """Load what the first question would otherwise wait for: the embedding model and the
        gazetteer of places (0.6 s of reading data files). For a server, in the background."""
        self.index.embed_query("warm up")
        gazetteer()

    def plan(
        self,
        question: str,
        history: History = None,
        *,
        kinds: list[str] | None = None,
        min_relevancy: int | None = None,
        since: date | str | None = None,
        until: date | str | None = None,
        page: int = 1,
        edits: PlanEdits | None = None,
    ) -> QueryPlan:
        """The planner's reading of the question; explicit filters override what it inferred, and
        `edits` change or remove what the question itself said."""
        return self._plan(
            question, history, _Turn(), edits, kinds=kinds, min_relevancy=min_relevancy, since=since, until=until, page=page
        )

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
        edits: PlanEdits | None = None,
    ) -> Answer:
        """Answer one question with cited records and tables."""
        answer: Answer | None = None
        for event in self.stream(question, history, k, kinds, min_relevancy, since, until, page, clusters, edits):
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
        edits: PlanEdits | None = None,
    ) -> Iterator[str | Answer]:
        """Text deltas of the answer as it is written, then the final `Answer`; `QuestionError` for a
        question with nothing to look for, or a `k` or page out of range. `edits` (the app's chips)
        change how the question was understood."""
        check_request(question, history, k=k, page=page, kinds=kinds, min_relevancy=min_relevancy, since=since, until=until)
        started = time.perf_counter()
        turn = _Turn()
        plan = self._plan(question, history, turn, edits, kinds=kinds, min_relevancy=min_relevancy, since=since, until=until, page=page)
        planned = time.perf_counter()
        size = k or self.settings.retrieval.k
        context = Context(plan, self.index, self.settings.retrieval, min(size, plan.limit) if plan.limit else size, clusters)
        with self.index.pinned():  # one generation of the index for the whole answer
            outcome, plan, handler = answer(context)
        extractive = outcome.answer
        extractive.understood = plan.understood()
        ranked = outcome.ranked if handler.model_writes else None
        composed = time.perf_counter()

        final: Answer | None = None
        lead = _notes_line(plan)
        if lead:
            yield lead
        parts = outcome.parts if handler.model_writes else None
        for event in self._write(plan, ranked, extractive, turn, parts):
            if isinstance(event, Answer):
                final = event
            else:
                yield event
        assert final is not None
        if lead:
            final.markdown = lead + final.markdown
        final.warnings += [note for note in turn.notes if note not in final.warnings]
        done = time.perf_counter()
        final.timings_ms = {
            "plan": _ms(planned - started),
            **{f"retrieve.{key}": value for key, value in outcome.timings.items()},
            "answer": _ms(done - planned),
            **({"llm": _ms(done - composed)} if final.mode == "llm" else {}),
            "total": _ms(done - started),
        }
        yield final

    def _write(
        self, plan: QueryPlan, ranked: Ranked | None, extractive: Answer, turn: _Turn, parts: list[Part] | None = None
    ) -> Iterator[str | Answer]:
        """The model's prose over the extractive answer's evidence (a document's: its paragraphs),
        or the extractive answer."""
        if self.llm is None or (ranked is None and parts is None):
            yield from extractive_stream(extractive)
        elif turn.fault is not None:
            if extractive.citations:  # nothing found needs no model: no warning either
                extractive.warnings.insert(0, fault_warning(turn.fault))
            yield from extractive_stream(extractive)
        elif parts is not None:
            yield from stream_document(plan, parts, extractive, self.llm, self.settings.prompts)
        else:
            assert ranked is not None
            yield from stream_llm_answer(plan, ranked, extractive, self.llm, self.settings.prompts)

    def article_card(self, article_id: str, cited: list[str] | tuple[str, ...] = ()) -> ArticleCard:
        """One article with all its records by kind, those in `cited` (record ids) marked."""
        return article_card(self.index, article_id, cited)

    def _plan(self, question: str, history: History, turn: _Turn, edits: PlanEdits | None = None, **filters) -> QueryPlan:
        resolution = self._resolve(question, history, turn)
        resolved = resolution.question
        plan: QueryPlan | None = None
        if self.llm is not None and turn.fault is None:
            try:
                plan = with_rules_reading(plan_with_llm(resolved, self.llm, today=date.today(), overrides=self.settings.prompts), rule_plan(resolved))
            except LLMError as exc:  # the rules plan instead
                turn.failed(exc)
                turn.notes.append(f"Planned by the rules: the language model could not plan the question ({exc.cause}: {exc}).")
        if plan is None:
            plan = rule_plan(resolved)
        plan.question, plan.resolved = question, resolved
        names = [e.name for e in plan.entities]
        if plan.query and (spelled := respelled(plan.query, self.index, names)) != plan.query:  # "heatpumps": "heat pumps"
            plan.query = spelled
            plan.resolved = respelled(resolved, self.index, names)  # where the topics are found again ("labour shortages in care homes")
            plan.topics = [respelled(t, self.index, names) for t in plan.topics]
            plan.aspects = [respelled(a, self.index, names) for a in plan.aspects]
            plan.sides = [respelled(side, self.index, names) for side in plan.sides]
        if plan.intent == "compare":  # "Compare attitudes to nuclear power in Germany and France": the places are the sides
            plan.sides = with_complement(plan.sides, resolved, self.index)
        plan = without_verb(plan, self.index)  # "does generative AI offer to ...": the verb is no topic
        earlier = user_questions(history) if resolution.how == "follow-up" else []
        plan = as_terms(plan, self.index, earlier)  # "the future of work" is a field; "the future of retail" is retail
        plan = without_restated(plan, self.index)  # "urban farming in cities": the topic says where
        most = int(ANCHOR_SHARE * len(self.index))  # a name in more records than this anchors nothing
        if opening := opening_name(resolved, plan.entities, self.index, most=most):
            # "Tesla in China": the corpus writes Tesla as a name; "Vision Pro" holds the "Pro" found alone
            within = [e for e in plan.entities if re.search(r"(?<![\w-])" + re.escape(e.name) + r"(?![\w-])", opening.name)]
            plan.entities = [opening, *(e for e in plan.entities if e not in within)]
        if earlier:
            plan.entities = sentence_cased(plan.entities, earlier, self.index, most)
        plan.entities = named_around(resolved, plan.entities, self.index, most=most)  # the South China Sea
        plan.entities = anchoring(plan.entities, self.index)
        plan.focus = focus_of(plan.query, plan.entities)
        plan.focus = without_what_it_is(plan, self.index)  # "GLP-1 drugs": the drugs are what GLP-1 is
        plan.page = max(1, filters.get("page") or 1) if resolution.how != "continue" else resolution.page
        plan = _with_filters(plan, filters)
        return apply_edits(plan, edits) if edits is not None else plan

    def _resolve(self, question: str, history: History, turn: _Turn) -> Resolution:
        """The question made standalone, with its page: continuations and standalone questions by
        the rules; elliptic follow-ups by the model when configured, else (or on failure) by the rules."""
        if not user_questions(history):
            return Resolution(question)
        most = int(ANCHOR_SHARE * len(self.index))
        resolution = understand(
            question, history, likeness=partial(likeness, index=self.index), named=lambda word: written_as_name(word, self.index, most), said=self.index.phrase_records
        )
        if resolution.how == "continue" or stands_alone(question) or self.llm is None or names_a_row(question):
            return resolution
        try:
            rewritten = condense(question, history, self.llm, self.settings.prompts)
        except LLMError as exc:
            turn.failed(exc)
            turn.notes.append(f"Follow-up resolved by the rules: the language model could not rewrite it ({exc.cause}: {exc}).")
            return resolution
        return Resolution(rewritten, 1, "new" if rewritten == question else "follow-up")


def _with_filters(plan: QueryPlan, filters: dict) -> QueryPlan:
    """Explicit filters (CLI flags, the app's Filters panel) override what the planner read; where
    they disagree with the question, a note says which was used."""
    notes = list(plan.notes)
    if filters.get("kinds"):
        wanted = list(filters["kinds"])
        if plan.kinds and set(plan.kinds) != set(wanted):
            notes.append(f"Filters: kinds {', '.join(wanted)} used; the question asked for {', '.join(plan.kinds)}.")
        plan.kinds = wanted
    if filters.get("min_relevancy") is not None:
        if plan.min_relevancy is not None and plan.min_relevancy != filters["min_relevancy"]:
            notes.append(f"Filters: relevancy ≥ {filters['min_relevancy']} used; the question asked for ≥ {plan.min_relevancy}.")
        plan.min_relevancy = filters["min_relevancy"]
    for name in ("since", "until"):
        if filters.get(name) is not None:
            value = parse_day(filters[name], end=name == "until")
            if getattr(plan, name) is not None and getattr(plan, name) != value:
                notes.append(f"Filters: {name} {value.isoformat()} used; the question said {getattr(plan, name).isoformat()}.")
            setattr(plan, name, value)
    plan.notes = notes
    if not plan.focus:
        plan.focus = focus_of(plan.query, plan.entities)
    return plan


def _notes_line(plan: QueryPlan) -> str:
    """The answer's first line when the reader must know something first (a degraded intent,
    filters that overrode the question)."""
    return ("_" + " ".join(escape_text(note) for note in plan.notes) + "_\n\n") if plan.notes else ""


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)

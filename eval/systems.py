"""The systems under test, each answering a question with a ranked list of records: the real
pipeline (`signal-desk`) and three baselines over the same index and embedding model."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from assistant import Answer, Assistant
from index import NodeFilter
from index.search import SearchIndex

from .naive import NaiveIndex
from .questions import Question

NAMES = ("naive", "bm25", "dense", "signal-desk")
DIAGNOSTIC = ("dense-filtered",)  # not run by default: it reads the answer's constraints off the gold


@dataclass(frozen=True)
class Found:
    """One retrieved record, as scoring needs it."""

    id: str
    article_id: str
    kind: str
    name: str
    relevancy: int | None = None


@dataclass
class Retrieved:
    """What a system returns for one question: ranked records, how many of them it shows (the
    rest wait behind "more"; None: all), and the answer if it makes one."""

    records: list[Found] = field(default_factory=list)
    answer: Answer | None = None
    shown: int | None = None
    weak_shown: int = 0

    @property
    def rows_shown(self) -> int:
        return len(self.records) if self.shown is None else self.shown


def conversation(question: Question) -> str:
    """What a plain retriever embeds for a question asked in a conversation: the user's messages,
    oldest first (it has no notion of follow-ups)."""
    return " ".join([*question.history, question.question])


def history_messages(question: Question) -> list[dict]:
    """The question's conversation as chat messages (the app's own format)."""
    out: list[dict] = []
    for asked in question.history:
        out += [{"role": "user", "content": asked}, {"role": "assistant", "content": "(answer)"}]
    return out


class System(Protocol):
    name: str

    def retrieve(self, question: Question, k: int) -> Retrieved: ...


def _found(index: SearchIndex, ids: list[str]) -> list[Found]:
    records = index.records(ids)
    return [Found(i, r.article_id, r.kind, r.name, r.relevancy) for i in ids if (r := records.get(i))]


class Bm25System:
    """BM25 over record texts with the question as asked; no filters."""

    name = "bm25"

    def __init__(self, index: SearchIndex):
        self.index = index

    def retrieve(self, question: Question, k: int) -> Retrieved:
        hits = self.index.lexical(conversation(question), k, NodeFilter())
        return Retrieved(_found(self.index, [i for i, _ in hits]))


class DenseSystem:
    """Cosine over record vectors with the question as asked; no filters."""

    name = "dense"

    def __init__(self, index: SearchIndex):
        self.index = index

    def retrieve(self, question: Question, k: int) -> Retrieved:
        hits = self.index.dense(self.index.embed_query(conversation(question)), k, NodeFilter())
        return Retrieved(_found(self.index, [i for i, _ in hits]))


class DenseFilteredSystem(DenseSystem):
    """Dense over records under the question's own kinds and relevancy (a perfect planner's filters)."""

    name = "dense-filtered"

    def retrieve(self, question: Question, k: int) -> Retrieved:
        flt = NodeFilter(kinds=tuple(question.kinds) if question.kinds else None, min_relevancy=question.min_relevancy)
        hits = self.index.dense(self.index.embed_query(conversation(question)), k, flt)
        return Retrieved(_found(self.index, [i for i, _ in hits]))


class NaiveSystem:
    """Chunks of the articles' markdown, dense top-k; a chunk yields the records it names."""

    name = "naive"

    def __init__(self, index: SearchIndex, naive: NaiveIndex):
        self.index = index
        self.naive = naive

    def retrieve(self, question: Question, k: int) -> Retrieved:
        ids = self.naive.search(self.index.embed_query(conversation(question)), k)
        return Retrieved(_found(self.index, ids))


class SignalDeskSystem:
    """The real pipeline: plan, hybrid retrieval, extractive answer (filters inferred from the question)."""

    name = "signal-desk"

    def __init__(self, desk: Assistant):
        self.desk = desk

    def retrieve(self, question: Question, k: int) -> Retrieved:
        answer = self.desk.ask(question.question, history=history_messages(question) or None, k=k)
        ranked = [*answer.records, *answer.more]
        found = [Found(r.id, r.article_id, r.kind, r.name, r.relevancy) for r in ranked]
        weak = sum(1 for r in answer.records if not r.strong)
        return Retrieved(found, answer, shown=len(answer.records), weak_shown=weak)


def make_systems(names: list[str], desk: Assistant, naive: Callable[[], NaiveIndex]) -> list[System]:
    """The named systems over the desk's index; the naive index is built (or loaded) only if asked for."""
    index = desk.index
    makers: dict[str, Callable[[], System]] = {
        "naive": lambda: NaiveSystem(index, naive()),
        "bm25": lambda: Bm25System(index),
        "dense": lambda: DenseSystem(index),
        "dense-filtered": lambda: DenseFilteredSystem(index),
        "signal-desk": lambda: SignalDeskSystem(desk),
    }
    unknown = [n for n in names if n not in makers]
    if unknown:
        raise ValueError(f"unknown system(s): {', '.join(unknown)} (choose from {', '.join(NAMES + DIAGNOSTIC)})")
    return [makers[n]() for n in names]

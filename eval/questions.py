"""Question files (the format of `../shared/eval/dev_questions.jsonl`): one JSON object per line."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from .metrics import RecordKey, record_key


class GoldRecord(BaseModel):
    """A record a good answer must retrieve, identified by (src, kind, name)."""

    model_config = ConfigDict(extra="allow")

    src: str = Field(description="Article id of the record.")
    kind: str
    name: str
    side: str | None = Field(None, description="Comparison questions: which side (A or B) it belongs to.")
    aspect: str | None = Field(None, description="Multi-part questions: which part (A or B) it answers.")

    @property
    def part(self) -> str | None:
        return self.side or self.aspect

    @property
    def key(self) -> RecordKey:
        return record_key(self.src, self.kind, self.name)


class Question(BaseModel):
    """One evaluation question with its constraints and gold records."""

    model_config = ConfigDict(extra="allow")

    id: str
    question: str
    type: str = "lookup"
    style: str | None = Field(None, description="How the question is worded (our own set): terse, analyst, request, ...")
    split: str | None = Field(None, description="tune or test (our own set): tune on the first, report the second.")
    history: list[str] = Field(default_factory=list, description="Earlier user messages of the conversation, oldest first.")
    kinds: list[str] | None = None
    min_relevancy: int | None = None
    gold: list[GoldRecord]
    acceptable: list[GoldRecord] = Field(default_factory=list, description="Related records a reader would not object to.")
    gold_articles: list[str] = Field(default_factory=list)
    expected_count: int | None = Field(None, description="Count questions: how many records match (the gold, exhaustively).")

    @property
    def group(self) -> str:
        """What reports break results down by: the style where the set has one, else the type."""
        return self.style or self.type

    @property
    def negative(self) -> bool:
        """The corpus holds nothing that answers it."""
        return not self.gold

    @property
    def gold_keys(self) -> set[RecordKey]:
        return {g.key for g in self.gold}

    @property
    def acceptable_keys(self) -> set[RecordKey]:
        return {g.key for g in self.acceptable}

    @property
    def articles(self) -> set[str]:
        return set(self.gold_articles) or {g.src for g in self.gold}


def assign_splits(questions: list[dict]) -> list[dict]:
    """Half of each style to tuning, half to test, decided by a hash of the id (not by anyone
    looking at results): within a style, questions sorted by sha256(id) alternate tune, test."""
    import hashlib

    by_style: dict[str, list[dict]] = {}
    for question in questions:
        by_style.setdefault(question.get("style") or question.get("type") or "", []).append(question)
    for group in by_style.values():
        for number, question in enumerate(sorted(group, key=lambda q: hashlib.sha256(q["id"].encode()).hexdigest())):
            question["split"] = "tune" if number % 2 == 0 else "test"
    return questions


def load_questions(path: Path, limit: int | None = None, split: str | None = None) -> list[Question]:
    """The questions of a JSONL file, in file order (of one split only, and the first `limit` only, if given)."""
    questions: list[Question] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            questions.append(Question.model_validate(json.loads(line)))
        except ValueError as exc:
            raise ValueError(f"{path}:{number}: not a question: {exc}") from None
    if split:
        questions = [q for q in questions if q.split == split]
    return questions[:limit] if limit else questions

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

    @property
    def key(self) -> RecordKey:
        return record_key(self.src, self.kind, self.name)


class Question(BaseModel):
    """One evaluation question with its constraints and gold records."""

    model_config = ConfigDict(extra="allow")

    id: str
    question: str
    type: str = "lookup"
    kinds: list[str] | None = None
    min_relevancy: int | None = None
    gold: list[GoldRecord]
    gold_articles: list[str] = Field(default_factory=list)

    @property
    def gold_keys(self) -> set[RecordKey]:
        return {g.key for g in self.gold}

    @property
    def articles(self) -> set[str]:
        return set(self.gold_articles) or {g.src for g in self.gold}


def load_questions(path: Path, limit: int | None = None) -> list[Question]:
    """The questions of a JSONL file, in file order (the first `limit` only, if given)."""
    questions: list[Question] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            questions.append(Question.model_validate(json.loads(line)))
        except ValueError as exc:
            raise ValueError(f"{path}:{number}: not a question: {exc}") from None
    return questions[:limit] if limit else questions

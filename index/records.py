"""Typed records, the shared vocabulary: `Article`, `Record` and their stable ids."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Literal, get_args

from pydantic import BaseModel, Field, computed_field

Kind = Literal["signal", "concern", "behavior", "technology", "issue"]
KINDS: tuple[Kind, ...] = get_args(Kind)
PLURALS: dict[str, str] = {
    "signal": "signals",
    "concern": "concerns",
    "behavior": "behaviors",
    "technology": "technologies",
    "issue": "issues",
    "article": "articles",
}


def stable_id(*parts: str, size: int = 32) -> str:
    """A hex digest of the parts, whitespace-normalised, so re-reading the same data gives the same id."""
    text = "\x1f".join(" ".join(p.split()) for p in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:size]


class Article(BaseModel):
    """One curated article: where it came from and what the curator said about it."""

    id: str = Field(description="File stem, tables `src`, or a hash of the canonical URL.")
    title: str | None = Field(None, description="Article title.")
    url: str | None = Field(None, description="The external article.")
    page: str | None = Field(None, description="Curation page id, e.g. `20251012d`.")
    page_url: str | None = Field(None, description="Link to the curation page.")
    date: dt.date | None = Field(None, description="From the page id, or the article's own date.")
    category: str | None = None
    type: str | None = None
    keywords: list[str] = Field(default_factory=list)
    themes: list[str] = Field(default_factory=list)
    summary: str | None = None
    body: str | None = Field(None, description="Full text (raw web articles only).")
    related: list[str] = Field(default_factory=list, description="Article ids from a `Closest` list.")
    source: str | None = Field(None, description="File path or URL it was read from.")

    def merged(self, other: Article) -> Article:
        """This article with the gaps filled from `other` (same id, another source)."""
        mine = self.model_dump()
        for key, value in other.model_dump().items():
            if mine.get(key) in (None, "", []) and value not in (None, "", []):
                mine[key] = value
        return Article(**mine)


class Record(BaseModel):
    """One row of a signal document table: a signal, concern, behavior, technology or issue."""

    article_id: str
    kind: Kind
    name: str
    description: str = ""
    change: str | None = Field(None, description="Signals: what changes, from what to what.")
    horizon: str | None = Field(None, description="Signals: the 10-year outlook.")
    driving_force: str | None = Field(None, description="Signals: what drives the change.")
    relevancy: int | None = Field(None, ge=1, le=5)
    extracted: bool = Field(False, description="Machine-extracted from a raw article by an LLM.")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def id(self) -> str:
        return stable_id(self.article_id, self.kind, self.name, self.description)

    def fields(self, separator: str = " ") -> str:
        """The record's own words: its name, description, change, 10-year and driving force."""
        return separator.join(p for p in (self.name, self.description, self.change, self.horizon, self.driving_force) if p)


class ReadItem(BaseModel):
    """What a reader yields for one article: the article and its records (possibly none)."""

    article: Article
    records: list[Record] = Field(default_factory=list)
    problems: list[str] = Field(default_factory=list, description="Parts that could not be read.")
    notes: list[str] = Field(
        default_factory=list, description="Values read with a change (coerced to text, rounded) or dropped, and why."
    )

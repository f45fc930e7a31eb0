"""A notebook: whole answers and single records pinned from answers, in the reader's order,
compiled into one report whose sources are renumbered 1..n across all its entries.

Each answer numbers its own sources from 1, so two answers both cite a `[1]`; the report gives
every article one number, in order of first appearance, rewrites the markers, and ends with one
source list. Pure functions over `Answer`s: the app keeps the notebook, `export.py` writes it.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from .citations import MARKER, cite, parse_markers
from .compose import citation_line
from .markup import escape_text
from .models import Answer, AnswerRecord, Citation

# The source list every composer ends an answer with (compose.sources_markdown).
_SOURCES = re.compile(r"\n*\*\*Sources\*\*\n\n(?:- \*\*\[\d+\]\*\*[^\n]*(?:\n|$))+\s*$")
CSV_COLUMNS = ["Entry", "Question", "Kind", "Name", "Description", "Relevancy", "Source", "Title", "URL", "Curation page", "Date"]


class NoteItem(BaseModel):
    """One notebook entry: a whole answer, or one record pinned from an answer (with its source)."""

    kind: Literal["answer", "record"]
    question: str = Field(description="The question of the answer it comes from.")
    answer: Answer | None = None
    record: AnswerRecord | None = None
    citation: Citation | None = Field(None, description="The pinned record's source, as its answer numbered it.")

    @property
    def title(self) -> str:
        if self.kind == "record" and self.record is not None:
            return f"{self.record.kind}: {self.record.name}"
        return self.question


class Report(BaseModel):
    """A compiled notebook: one Markdown document, its sources numbered 1..n, its records renumbered."""

    title: str
    markdown: str
    citations: list[Citation] = Field(default_factory=list)
    rows: list[list[str]] = Field(default_factory=list, description="One row per record (CSV_COLUMNS), stored values raw.")


def pin_answer(answer: Answer) -> NoteItem:
    return NoteItem(kind="answer", question=answer.question, answer=answer.model_copy(deep=True))


def pin_record(answer: Answer, record_id: str) -> NoteItem:
    """The record of `answer` with this id (shown or on its next page) as an entry; KeyError if absent."""
    record = next((r for r in [*answer.records, *answer.more] if r.id == record_id), None)
    if record is None:
        raise KeyError(record_id)
    citation = next((c for c in answer.citations if c.article_id == record.article_id), None)
    if citation is None:  # a record of the next page: its source is not numbered yet
        citation = Citation(n=0, article_id=record.article_id)
    return NoteItem(kind="record", question=answer.question, record=record.model_copy(), citation=citation)


def move(items: list[NoteItem], index: int, offset: int) -> list[NoteItem]:
    """The entries with the one at `index` moved by `offset` places (clamped to the ends)."""
    if not 0 <= index < len(items):
        return list(items)
    out = list(items)
    item = out.pop(index)
    out.insert(max(0, min(len(out), index + offset)), item)
    return out


def strip_sources(markdown: str) -> str:
    """Markdown without the source list a composer ends it with."""
    return _SOURCES.sub("", markdown).rstrip()


class _Numbering:
    """Report-wide source numbers: one per article, in order of first appearance."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}
        self.citations: list[Citation] = []

    def of(self, citation: Citation) -> int:
        if citation.article_id not in self.numbers:
            self.numbers[citation.article_id] = len(self.numbers) + 1
            self.citations.append(citation.model_copy(update={"n": self.numbers[citation.article_id]}))
        return self.numbers[citation.article_id]

    def rewrite(self, text: str, local: dict[int, Citation]) -> str:
        """`text` with its markers (numbered by its own answer) renumbered for the report."""

        def renumber(match: re.Match[str]) -> str:
            numbers = [self.of(local[n]) for n in parse_markers(match.group(0)) if n in local]
            return cite(*numbers) if numbers else ""

        return MARKER.sub(renumber, text)


def compile_notebook(items: list[NoteItem], *, title: str | None = None, today: date | None = None) -> Report:
    """The entries as one report: a section per entry in order, one source list numbered 1..n."""
    stamp = (today or date.today()).isoformat()
    title = title or (f"Signal Desk notebook: {items[0].title}" if items else "Signal Desk notebook")
    numbering = _Numbering()
    sections: list[str] = []
    rows: list[list[str]] = []
    for number, item in enumerate(items, start=1):
        if item.answer is not None and item.kind == "answer":
            answer = item.answer
            local = {c.n: c for c in answer.citations}
            body = numbering.rewrite(strip_sources(answer.markdown), local)  # the report has one source list for all
            for citation in answer.citations:  # sources the text does not mention (a table's) still get a number
                numbering.of(citation)
            warnings = "".join(f"\n\n> ⚠️ {escape_text(w)}" for w in answer.warnings)
            sections.append(f"## {number}. {escape_text(answer.question)}{warnings}\n\n{body}")
            by_article = {c.article_id: c for c in answer.citations}
            rows += [_row(number, item.question, r, by_article.get(r.article_id), numbering) for r in answer.records]
        elif item.record is not None:
            record, citation = item.record, item.citation or Citation(n=0, article_id=item.record.article_id)
            n = numbering.of(citation)
            rated = f", relevancy {record.relevancy}/5" if record.relevancy else ""
            description = f"\n\n{escape_text(record.description)} {cite(n)}" if record.description else f" {cite(n)}"
            sections.append(
                f"## {number}. {escape_text(record.name)}\n\n_A {escape_text(record.kind)}{rated}, pinned from the answer to "
                f"“{escape_text(item.question)}”._{description}"
            )
            rows.append(_row(number, item.question, record, citation, numbering))
    sources = "\n".join(["## Sources", "", *(f"- {citation_line(c)}" for c in numbering.citations)]) if numbering.citations else ""
    header = f"# {escape_text(title)}\n\n_Signal Desk, {stamp}: {len(items)} entr{'y' if len(items) == 1 else 'ies'}; tables quote stored records; sources numbered across the report._"
    markdown = "\n\n".join(part for part in [header, *sections, sources] if part) + "\n"
    return Report(title=title, markdown=markdown, citations=numbering.citations, rows=rows)


def _row(entry: int, question: str, record: AnswerRecord, citation: Citation | None, numbering: _Numbering) -> list[str]:
    n = numbering.of(citation) if citation is not None else 0
    c = numbering.citations[n - 1] if n else Citation(n=0, article_id=record.article_id)
    return [
        str(entry), question, record.kind, record.name, record.description, str(record.relevancy or ""),
        f"[{n}]" if n else "", c.title or "", c.url or "", c.page or "", c.date or "",
    ]

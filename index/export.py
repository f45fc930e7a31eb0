"""Export an article and its records as a signal document in the current markdown layout (the
layout `readers/markdown.py` reads back), e.g. for articles that only exist as table rows."""

from __future__ import annotations

from collections.abc import Iterable

from .records import KINDS, PLURALS, Article, Record

SIGNAL_COLUMNS = ("name", "description", "change", "10-year", "driving-force", "relevancy")
SIGNAL_FIELDS = ("name", "description", "change", "horizon", "driving_force", "relevancy")
OTHER_FIELDS = ("name", "description", "relevancy")


def article_markdown(article: Article, records: Iterable[Record]) -> str:
    """The signal document of an article: title, link, keywords, themes, summary, one table per kind."""
    parts: list[str] = []
    if article.title:
        page = f", (from page [{article.page}]({article.page_url or ''}).)" if article.page else ""
        parts.append(f"# __{_cell(article.title)}__{page}")
    if article.url:
        parts.append(f"__[External link]({article.url})__")
    for heading, items in (("Keywords", article.keywords), ("Themes", article.themes)):
        if items:
            parts.append(f"## {heading}\n\n" + "\n".join(f"* {_cell(i)}" for i in items))
    other = [f"* {label}: {value}" for label, value in (("Category", article.category), ("Type", article.type)) if value]
    if other:
        parts.append("## Other\n\n" + "\n".join(other))
    if article.summary:
        parts.append(f"## Summary\n\n{_cell(article.summary)}")
    by_kind: dict[str, list[Record]] = {}
    for record in records:
        by_kind.setdefault(record.kind, []).append(record)
    for kind in KINDS:
        if by_kind.get(kind):
            parts.append(f"## {PLURALS[kind].capitalize()}\n\n" + _table(kind, by_kind[kind]))
    return "\n\n".join(parts) + "\n"


def _table(kind: str, records: list[Record]) -> str:
    fields: tuple[str, ...] = SIGNAL_FIELDS if kind == "signal" else OTHER_FIELDS
    columns: tuple[str, ...] = SIGNAL_COLUMNS if kind == "signal" else OTHER_FIELDS
    if kind != "signal" and all(r.relevancy is None for r in records):
        # The current layout rates only signals; a relevancy column of blanks would be noise.
        fields, columns = fields[:-1], columns[:-1]
    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join(":--" for _ in columns) + "|"]
    for record in records:
        values = [getattr(record, f) for f in fields]
        lines.append("| " + " | ".join(_cell("" if v is None else str(v)) for v in values) + " |")
    return "\n".join(lines)


def _cell(text: str) -> str:
    """One line of text safe inside a table cell or a bullet (pipes escaped, whitespace collapsed)."""
    return " ".join(text.split()).replace("\\", "\\\\").replace("|", "\\|")

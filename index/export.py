"""An article and its records written back as a signal document in the current markdown layout
(relevancy on every table), so a web article the model extracted can be reviewed, edited and
re-ingested like a curated one. A web article has no curation page; its publication date stands
in as the page id so the date survives the round trip.
"""

from __future__ import annotations

from pathlib import Path

from .errors import StoreError
from .records import PLURALS, Article, Record

SIGNAL_HEADER = ["name", "description", "change", "10-year", "driving-force", "relevancy"]
OTHER_HEADER = ["name", "description", "relevancy"]


def to_markdown(article: Article, records: list[Record]) -> str:
    """The signal document of an article; `read_markdown` reads it back to the same records."""
    title = _inline(article.title or article.url or article.id)
    page = article.page or (article.date.strftime("%Y%m%d") if article.date else None)
    link = article.page_url or article.url or ""
    head = f"# __{title}__" + (f", (from page [{page}]({link}).)" if page else "")
    parts = [head]
    if article.url:
        parts.append(f"__[External link]({article.url})__")
    if article.keywords:
        parts.append("## Keywords\n\n" + _bullets(article.keywords))
    if article.themes:
        parts.append("## Themes\n\n" + _bullets(article.themes))
    other = [f"Category: {article.category}"] if article.category else []
    other += [f"Type: {article.type}"] if article.type else []
    if any(r.extracted for r in records):
        other.append("Records: machine-extracted by a language model")
    if other:
        parts.append("## Other\n\n" + _bullets(other))
    if article.summary:
        parts.append("## Summary\n\n" + _inline(article.summary))
    for kind in ("signal", "concern", "behavior", "technology", "issue"):
        rows = [r for r in records if r.kind == kind]
        if rows:
            parts.append(f"## {PLURALS[kind].capitalize()}\n\n" + _table(kind, rows))
    return "\n\n".join(parts) + "\n"


def export_markdown(article: Article, records: list[Record], directory: Path) -> Path:
    """Write `<article id>.md` (the file stem is the article id, so re-ingesting merges) and return it.
    An id that is not a plain file name (a tabular export's `src` may say `../../x`) is refused."""
    path = export_path(article.id, directory)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        path.write_text(to_markdown(article, records), encoding="utf-8")
    except OSError as exc:
        raise StoreError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path


def export_path(article_id: str, directory: Path) -> Path:
    """`directory/<article_id>.md`, or a `StoreError` when the id would name a file anywhere else."""
    name = f"{article_id}.md"
    path = directory / name
    plain = article_id.strip() not in ("", ".", "..") and not any(c in article_id for c in "/\\\0")
    if not plain or path.resolve().parent != directory.resolve():
        raise StoreError(f"the article id {article_id!r} is not a plain file name; not exported (it would leave {directory})")
    return path


def _table(kind: str, records: list[Record]) -> str:
    header = SIGNAL_HEADER if kind == "signal" else OTHER_HEADER
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(":--" if h != "relevancy" else "--:" for h in header) + "|"]
    for r in records:
        relevancy = str(r.relevancy) if r.relevancy is not None else ""
        cells = [r.name, r.description]
        if kind == "signal":
            cells += [r.change or "", r.horizon or "", r.driving_force or ""]
        lines.append("| " + " | ".join(_cell(c) for c in [*cells, relevancy]) + " |")
    return "\n".join(lines)


def _cell(text: str) -> str:
    return _inline(text).replace("|", "\\|")


def _inline(text: str) -> str:
    """One line, markdown's special characters escaped so the reader gets the text back verbatim."""
    return "".join("\\" + c if c in _SPECIAL else c for c in " ".join(str(text).split()))


_SPECIAL = set("\\`*_[]<>#")


def _bullets(items: list[str]) -> str:
    return "\n".join(f"* {_inline(i)}" for i in items)

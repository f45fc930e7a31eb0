"""Signal markdown documents, current and older layouts, parsed with markdown-it-py.

Layouts seen in the corpus (see docs/corpus-format.md):
- current: title, External link, Keywords, Themes, Other, Summary, Signals (with relevancy),
  Concerns, Behaviors, Technologies, Issues (name | description);
- relevancy everywhere: as current, the four name/description tables carry `relevancy` too;
- 2022-era: `from ([page](url).)` title, Summary first, `Signal | Change | 10y horizon |
  Driving force` (no description, no relevancy), a `Closest` list of related article ids;
- hybrid: old title form with a float page id, Keywords/Themes exploded into one character per
  bullet, Other, Summary and Signals with relevancy.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from ..errors import SourceError
from ..records import Article, Kind, ReadItem, Record
from .text import RECORD_COLUMNS, column_key, decode_text, page_date, read_relevancy, shown

_MD = MarkdownIt("commonmark").enable("table")

SECTION_KINDS: dict[str, Kind] = {
    "signals": "signal",
    "concerns": "concern",
    "behaviors": "behavior",
    "behaviours": "behavior",
    "technologies": "technology",
    "issues": "issue",
}

# Table header -> Record field: the shared column vocabulary, plus `Title` of some hand-made tables.
COLUMNS: dict[str, str] = {**RECORD_COLUMNS, "title": "name"}

_HEX_ID = re.compile(r"^[0-9a-f]{32}$")


@dataclass
class _Section:
    name: str
    blocks: list[SyntaxTreeNode] = field(default_factory=list)


def read_markdown(path: Path, *, today: date | None = None) -> ReadItem:
    """Read one signal document; raises `SourceError` when it is not one."""
    text = decode_text(path.read_bytes())
    return parse_markdown(text, article_id=path.stem, source=str(path), today=today)


def parse_markdown(text: str, *, article_id: str, source: str | None = None, today: date | None = None) -> ReadItem:
    """Parse signal markdown text into an article, its records and the problems met on the way."""
    root = SyntaxTreeNode(_MD.parse(text))
    title_node, preamble, sections = _split_sections(root)
    problems: list[str] = []
    notes: list[str] = []

    article = Article(id=article_id, source=source)
    if title_node is not None:
        _read_title(title_node, article, today)
    for block in preamble:
        url = _external_link(block)
        if url:
            article.url = url

    records: list[Record] = []
    known = False
    for section in sections:
        key = section.name.lower()
        if key in SECTION_KINDS:
            known = True
            records.extend(_read_table_section(section, SECTION_KINDS[key], article_id, problems, notes))
        elif key == "keywords":
            known = True
            article.keywords = _bullets_or_exploded(section)
        elif key == "themes":
            known = True
            article.themes = _bullets_or_exploded(section)
        elif key == "other":
            known = True
            for item in _bullets(section):
                label, _, value = item.partition(":")
                if label.strip().lower() in ("category", "type") and value.strip():
                    setattr(article, label.strip().lower(), value.strip())
        elif key == "summary":
            known = True
            article.summary = " ".join(_plain(b) for b in section.blocks if b.type == "paragraph").strip() or None
        elif key == "closest":
            known = True
            article.related = _related_ids(section, article_id)

    if not known:
        raise SourceError("not a signal document: none of the sections Summary, Keywords, Signals, Concerns, ...")
    if not records and not article.summary:
        reason = "; ".join(problems) or "no records and no summary"
        raise SourceError(f"nothing to index: {reason}")
    return ReadItem(article=article, records=records, problems=problems, notes=notes)


def _split_sections(root: SyntaxTreeNode) -> tuple[SyntaxTreeNode | None, list[SyntaxTreeNode], list[_Section]]:
    title: SyntaxTreeNode | None = None
    preamble: list[SyntaxTreeNode] = []
    sections: list[_Section] = []
    for node in root.children:
        if node.type == "heading" and node.tag == "h1" and title is None and not sections:
            title = node
        elif node.type == "heading" and node.tag in ("h2", "h3"):
            sections.append(_Section(_plain(node).strip().rstrip(":")))
        elif sections:
            sections[-1].blocks.append(node)
        else:
            preamble.append(node)
    return title, preamble, sections


def _plain(node: SyntaxTreeNode) -> str:
    """The visible text of a node, markup removed."""
    parts: list[str] = []
    for token in _inline_tokens(node):
        if token.type in ("text", "code_inline", "html_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def _inline_tokens(node: SyntaxTreeNode) -> Iterator:
    for child in node.walk():
        if child.type == "inline" and child.token is not None:
            yield from child.token.children or []


def _read_title(node: SyntaxTreeNode, article: Article, today: date | None) -> None:
    strong: list[str] = []
    depth = 0
    page = page_url = None
    in_link = False
    for token in _inline_tokens(node):
        if token.type == "strong_open":
            depth += 1
        elif token.type == "strong_close":
            depth -= 1
        elif token.type == "link_open":
            in_link, page_url = True, token.attrs.get("href")
        elif token.type == "link_close":
            in_link = False
        elif token.type in ("text", "code_inline"):
            if depth:
                strong.append(token.content)
            elif in_link and page is None:
                page = token.content.strip()
    title = "".join(strong).strip()
    if not title:  # a title line without the __bold__ convention: drop the "from (page)" tail
        title = re.split(r",?\s*\(?from\b", _plain(node), maxsplit=1)[0].strip(" _*")
    article.title = title or None
    if page:
        article.page = page
        article.page_url = str(page_url) if page_url else None
        article.date = page_date(page, today=today)


def _external_link(node: SyntaxTreeNode) -> str | None:
    href = None
    for token in _inline_tokens(node):
        if token.type == "link_open":
            href = token.attrs.get("href")
        elif token.type == "text" and href and "external link" in token.content.lower():
            return str(href)
    return None


def _bullets(section: _Section) -> list[str]:
    items: list[str] = []
    for block in section.blocks:
        if block.type == "bullet_list":
            items.extend(_plain(item) for item in block.children)
    return items


def _bullets_or_exploded(section: _Section) -> list[str]:
    """Bullet items; a list exploded into one character per bullet (hybrid layout) is joined back."""
    items = _bullets(section)
    if len(items) > 3 and all(len(i.strip()) <= 1 for i in items):
        joined = "".join(i if i.strip() else " " for i in items)
        return [part.strip() for part in joined.split(",") if part.strip()]
    return [i.strip() for i in items if i.strip()]


def _related_ids(section: _Section, own_id: str) -> list[str]:
    ids: list[str] = []
    for token in (t for b in section.blocks for t in _inline_tokens(b)):
        if token.type == "link_open":
            href = str(token.attrs.get("href", "")).strip().rsplit("/", 1)[-1].removesuffix(".md")
            if href and href != own_id and href not in ids and (_HEX_ID.match(href) or "/" not in href):
                ids.append(href)
    return ids


def _read_table_section(
    section: _Section, kind: Kind, article_id: str, problems: list[str], notes: list[str]
) -> list[Record]:
    tables = [b for b in section.blocks if b.type == "table"]
    if not tables:
        if any(_plain(b).strip() for b in section.blocks):
            problems.append(f"{section.name}: the table could not be parsed (header and alignment rows disagree?)")
        return []
    records: list[Record] = []
    for table in tables:
        header, rows = _table_rows(table)
        fields = [COLUMNS.get(column_key(h), "") for h in header]
        if "name" not in fields:
            problems.append(f"{section.name}: no name column in header {header}")
            continue
        for n, cells in enumerate(rows, start=1):
            values = {f: c.strip() for f, c in zip(fields, cells, strict=False) if f and c.strip()}
            if not values.get("name"):
                if any(c.strip() for c in cells):
                    problems.append(f"{section.name}: row {n} has no name")
                continue
            raw = values.pop("relevancy", None)
            relevancy, note = read_relevancy(raw)
            if note:
                notes.append(f"{section.name} row {n}: relevancy {shown(raw)}: {note}")
            records.append(Record(article_id=article_id, kind=kind, relevancy=relevancy, **values))
    return records


def _table_rows(table: SyntaxTreeNode) -> tuple[list[str], list[list[str]]]:
    header: list[str] = []
    rows: list[list[str]] = []
    for part in table.children:
        for row in part.children:
            cells = [_plain(cell) for cell in row.children]
            if part.type == "thead":
                header = cells
            else:
                rows.append(cells)
    return header, rows

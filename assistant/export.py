"""Export an answer (a briefing, a comparison, any answer) or a notebook to Markdown, DOCX or CSV; a
document (digest, topic page, outlook) also to HTML, and foresight cards to a printable HTML sheet
and PNG images.

The DOCX is built from the answer's Markdown with markdown-it: headings, paragraphs with bold,
italics and links, bullet lists and tables all carry over, and the `[n]` citation markers keep
pointing at the numbered Sources list at the end, footnote style. The CSV holds one row per
record, with the stored values and the record's source. The HTML page is the same Markdown
rendered by markdown-it with raw HTML off (stored text is escaped where it is composed, so it
shows as text); the card sheet is built from the cards' fields, each HTML-escaped.
"""

from __future__ import annotations

import csv
import html
import io
import re
import unicodedata
from datetime import date
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from .markup import escape_text
from .models import Answer
from .notebook import CSV_COLUMNS, NoteItem, Report, compile_notebook

_MD = MarkdownIt("commonmark").enable("table")
_PAGE = MarkdownIt("commonmark", {"html": False}).enable("table")  # raw HTML in the Markdown stays text


def to_markdown(answer: Answer, *, today: date | None = None) -> str:
    """A standalone Markdown document: title, provenance line, the answer as the chat shows it."""
    stamp = (today or date.today()).isoformat()
    header = f"# {escape_text(answer.question)}\n\n_Signal Desk, {stamp}, {answer.mode} answer; tables quote stored records._"
    warnings = "".join(f"\n\n> {escape_text(w)}" for w in answer.warnings)
    return f"{header}{warnings}\n\n{answer.markdown.strip()}\n"


PAGES = ("digest", "topic_page", "outlook", "cards")


def formats_for(answer: Answer) -> list[str]:
    """The export formats that fit this answer, as suffixes without the dot (what the app offers
    under it): md, docx and csv always; html for a page (digest, topic page, outlook, cards); png
    for cards (one image each)."""
    kind = answer.document.kind if answer.document else None
    return ["md", "docx", "csv"] + (["html"] if kind in PAGES else []) + (["png"] if kind == "cards" else [])


def write(answer: Answer, path: Path) -> Path:
    """Write the answer to `path` as .md, .docx, .csv or (pages only) .html, by its suffix."""
    suffix = path.suffix.lower()
    if suffix in (".md", ".markdown"):
        path.write_text(to_markdown(answer), encoding="utf-8")
    elif suffix == ".docx":
        to_docx(answer).save(str(path))
    elif suffix == ".csv":
        path.write_text(to_csv(answer), encoding="utf-8", newline="")
    elif suffix in (".html", ".htm") and "html" in formats_for(answer):
        path.write_text(to_html(answer), encoding="utf-8")
    else:
        offered = " or ".join(f".{s}" for s in formats_for(answer) if s != "png")
        raise ValueError(f"cannot export this answer to {suffix or 'a file without suffix'}: use {offered}")
    return path


def write_cards_png(answer: Answer, folder: Path, *, stem: str = "card") -> list[Path]:
    """Each card of the answer as a PNG image in `folder` (`card-01-now.png`, ...); [] without cards."""
    from .card_render import card_png

    cards = answer.document.cards if answer.document else []
    paths = []
    for number, card in enumerate(cards, 1):
        path = folder / f"{stem}-{number:02d}-{card.horizon.lower()}.png"
        path.write_bytes(card_png(card))
        paths.append(path)
    return paths


def to_html(answer: Answer, *, today: date | None = None) -> str:
    """A standalone HTML page: the card sheet for cards, else the document's Markdown rendered."""
    if answer.document and answer.document.kind == "cards":
        from .card_render import cards_html

        return cards_html(answer)
    body = _PAGE.render(to_markdown(answer, today=today))
    title = html.escape(answer.document.title if answer.document else answer.question)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
body {{ font-family: Georgia, "DejaVu Serif", serif; max-width: 52em; margin: 2em auto; padding: 0 1em; line-height: 1.5; color: #1d1d1f; }}
table {{ border-collapse: collapse; font-family: Arial, "DejaVu Sans", sans-serif; font-size: 0.85em; margin: 0.5em 0 1em; }}
th, td {{ border: 1px solid #bbb; padding: 0.3em 0.5em; vertical-align: top; text-align: left; }}
blockquote {{ color: #8a5a00; border-left: 3px solid #d9a400; margin-left: 0; padding-left: 1em; }}
</style>
</head>
<body>
{body}
</body>
</html>
"""


def write_notebook(items: list[NoteItem], path: Path, *, today: date | None = None) -> Report:
    """Write the notebook as one report to `path` (.md, .docx or .csv), sources renumbered 1..n."""
    report = compile_notebook(items, today=today)
    suffix = path.suffix.lower()
    if suffix in (".md", ".markdown"):
        path.write_text(report.markdown, encoding="utf-8")
    elif suffix == ".docx":
        docx_of(report.markdown).save(str(path))
    elif suffix == ".csv":
        path.write_text(_csv([CSV_COLUMNS, *report.rows]), encoding="utf-8", newline="")
    else:
        raise ValueError(f"cannot export to {suffix or 'a file without suffix'}: use .md, .docx or .csv")
    return report


def to_csv(answer: Answer) -> str:
    """The answer's records, one row each: the stored values and the record's numbered source."""
    sources = {c.article_id: c for c in answer.citations}
    rows = [["n", "Kind", "Name", "Description", "Relevancy", "Match", "Title", "URL", "Curation page", "Date"]]
    for r in answer.records:
        c = sources.get(r.article_id)
        rows.append([
            str(r.n or ""), r.kind, r.name, r.description, str(r.relevancy or ""), "strong" if r.strong else "weaker",
            (c.title or "") if c else "", (c.url or "") if c else "", (c.page or "") if c else "", (c.date or "") if c else "",
        ])
    return _csv(rows)


def _csv(rows: list[list[str]]) -> str:
    """CSV text, every cell `spreadsheet_safe`."""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return out.getvalue()


def spreadsheet_safe(cell: object) -> object:
    """A CSV cell as written: text a spreadsheet would run as a formula (=, +, -, @) is prefixed with '."""
    return f"'{cell}" if isinstance(cell, str) and cell[:1] in ("=", "+", "-", "@") else cell


def file_name(title: str, suffix: str, *, today: date | None = None, fallback: str = "signal-desk-answer") -> str:
    """A download name from a question and the date: `concerns-about-space-debris-2025-06-01.docx`
    (ASCII letters, digits and dashes only; at most 60 characters of the title)."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:60].strip("-") or fallback
    return f"{slug}-{(today or date.today()).isoformat()}.{suffix.lstrip('.')}"


def to_docx(answer: Answer, *, today: date | None = None):
    """A python-docx Document of the answer."""
    return docx_of(to_markdown(answer, today=today))


def docx_of(markdown: str):
    """A python-docx Document of a Markdown text (headings, paragraphs, lists, tables, links)."""
    from docx import Document

    document = Document()
    root = SyntaxTreeNode(_MD.parse(markdown))
    for node in root.children:
        _block(document, node)
    return document


def _block(document, node: SyntaxTreeNode) -> None:
    if node.type == "heading":
        level = int(node.tag[1])
        heading = document.add_heading(level=min(level, 4) if level > 1 else 0)
        _inline(heading, node)
    elif node.type == "paragraph":
        _inline(document.add_paragraph(), node)
    elif node.type == "blockquote":
        for child in node.children:
            paragraph = document.add_paragraph(style="Intense Quote")
            _inline(paragraph, child)
    elif node.type in ("bullet_list", "ordered_list"):
        style = "List Bullet" if node.type == "bullet_list" else "List Number"
        for item in node.children:
            for child in item.children:
                _inline(document.add_paragraph(style=style), child)
    elif node.type == "table":
        _table(document, node)
    elif node.type in ("fence", "code_block"):
        document.add_paragraph(node.content)


def _inline(paragraph, node: SyntaxTreeNode) -> None:
    """Runs for the inline content of `node`: bold, italics, code, and links as text plus URL."""
    bold = italic = False
    href = None
    for child in node.walk():
        if child.type != "inline" or child.token is None:
            continue
        for token in child.token.children or []:
            if token.type == "strong_open":
                bold = True
            elif token.type == "strong_close":
                bold = False
            elif token.type == "em_open":
                italic = True
            elif token.type == "em_close":
                italic = False
            elif token.type == "link_open":
                href = token.attrs.get("href")
            elif token.type == "link_close":
                if href:
                    paragraph.add_run(f" ({href})").italic = True
                href = None
            elif token.type in ("text", "code_inline"):
                run = paragraph.add_run(token.content)
                run.bold, run.italic = bold, italic
            elif token.type in ("softbreak", "hardbreak"):
                paragraph.add_run(" ")


def _table(document, node: SyntaxTreeNode) -> None:
    rows = [row for part in node.children for row in part.children]
    if not rows:
        return
    width = max(len(row.children) for row in rows)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, (row, table_row) in enumerate(zip(rows, table.rows, strict=True)):
        cells = table_row.cells  # per row: table.cell(r, c) walks the whole table each time (quadratic)
        for c, cell in enumerate(row.children):
            paragraph = cells[c].paragraphs[0]
            _inline(paragraph, cell)
            if r == 0:
                for run in paragraph.runs:
                    run.bold = True

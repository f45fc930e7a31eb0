"""Export an answer (a briefing, a comparison, any answer) or a notebook to Markdown, DOCX or CSV.

The DOCX is built from the answer's Markdown with markdown-it: headings, paragraphs with bold,
italics and links, bullet lists and tables all carry over, and the `[n]` citation markers keep
pointing at the numbered Sources list at the end, footnote style. The CSV holds one row per
record, with the stored values and the record's source.
"""

from __future__ import annotations

import csv
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


def to_markdown(answer: Answer, *, today: date | None = None) -> str:
    """A standalone Markdown document: title, provenance line, the answer as the chat shows it."""
    stamp = (today or date.today()).isoformat()
    header = f"# {escape_text(answer.question)}\n\n_Signal Desk, {stamp}, {answer.mode} answer; tables quote stored records._"
    warnings = "".join(f"\n\n> {escape_text(w)}" for w in answer.warnings)
    return f"{header}{warnings}\n\n{answer.markdown.strip()}\n"


def formats_for(answer: Answer) -> list[str]:
    """The export formats that fit this answer, as suffixes without the dot (what the app offers
    under it): Markdown, DOCX and CSV for every answer today; a kind of answer with formats of its
    own (a page, cards) adds them here."""
    return ["md", "docx", "csv"]


def write(answer: Answer, path: Path) -> Path:
    """Write the answer to `path` as .md, .docx or .csv (by its suffix)."""
    suffix = path.suffix.lower()
    if suffix in (".md", ".markdown"):
        path.write_text(to_markdown(answer), encoding="utf-8")
    elif suffix == ".docx":
        to_docx(answer).save(str(path))
    elif suffix == ".csv":
        path.write_text(to_csv(answer), encoding="utf-8", newline="")
    else:
        raise ValueError(f"cannot export to {suffix or 'a file without suffix'}: use .md, .docx or .csv")
    return path


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
    """CSV text; a cell that a spreadsheet would run as a formula (=, +, -, @) is prefixed with '."""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([f"'{cell}" if cell[:1] in ("=", "+", "-", "@") else cell for cell in row])
    return out.getvalue()


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

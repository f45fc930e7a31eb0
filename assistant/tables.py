"""Tables built from stored records, never from model text: one per kind, a Source column in each.
The same record repeated verbatim across articles becomes one row citing every copy. `Table.rows`
hold the stored values; `markdown_table` escapes them as it writes the Markdown (text is text),
all but the citation markers it adds itself."""

from __future__ import annotations

import re
from collections.abc import Iterable

from index.records import PLURALS

from .citations import cite
from .markup import escape_text
from .models import Hit, Table

SIGNAL_COLUMNS = ["Name", "Description", "Change", "10-year", "Driving force", "Relevancy", "Source"]
OTHER_COLUMNS = ["Name", "Description", "Relevancy", "Source"]


def kind_tables(
    hits: Iterable[Hit], numbers: dict[str, int], kind_order: Iterable[str] = (), *, clusters: bool = True
) -> list[Table]:
    """One table per kind present, in the asked order and then by best rank. With `clusters`,
    records of one near-duplicate cluster share a row (citing every one of them) that says how
    many articles carry it; without, every record is its own row."""
    rows: dict[tuple[str, bool], dict[tuple, tuple[Hit, list[int]]]] = {}
    for hit in hits:
        record = hit.record
        if not clusters:
            key: tuple = (record.id,)
        elif hit.corroboration:
            key = ("cluster", hit.corroboration.cluster)
        else:
            key = (record.name.strip().lower(), record.description.strip().lower())
        group = rows.setdefault((record.kind, hit.strong), {})
        if key in group:
            group[key][1].append(numbers[record.article_id])
        else:
            group[key] = (hit, [numbers[record.article_id]])
    asked = list(kind_order)
    kinds = list(dict.fromkeys(kind for kind, _ in rows))
    kinds = [k for k in asked if k in kinds] + [k for k in kinds if k not in asked]
    order = [(kind, strong) for strong in (True, False) for kind in kinds if (kind, strong) in rows]
    return [_table(kind, list(rows[(kind, strong)].values()), weaker=not strong) for kind, strong in order]


def _table(kind: str, entries: list[tuple[Hit, list[int]]], *, weaker: bool = False) -> Table:
    columns = list(SIGNAL_COLUMNS if kind == "signal" else OTHER_COLUMNS)
    seen_in = any(hit.corroboration for hit, _ in entries)
    if seen_in:
        columns.insert(-1, "Seen in")
    body: list[list[str]] = []
    for hit, numbers in entries:
        r = hit.record
        relevancy = str(r.relevancy) if r.relevancy is not None else ""
        row = [r.name, r.description]
        if kind == "signal":
            row += [r.change or "", r.horizon or "", r.driving_force or ""]
        row.append(relevancy)
        if seen_in:
            row.append(hit.corroboration.label() if hit.corroboration else "")
        row.append(cite(*numbers))
        body.append(row)
    title = PLURALS[kind].capitalize() + (" (weaker matches)" if weaker else "")
    return Table(title=title, columns=columns, rows=body, computed=["Seen in"] if seen_in else [])


_CITED = re.compile(r"(.*?) ?(\[\d+(?:, \d+)*\])")  # a side-by-side cell: "name [1, 2]"


def markdown_table(table: Table) -> str:
    """The table as GFM Markdown, every stored value escaped; the Source column of a records table
    and the trailing marker of a side-by-side cell are our own citations, written as they are."""

    def cell(text: str, column: str) -> str:
        if table.source == "records" and column == "Source":
            return text
        if table.source == "cells" and (cited := _CITED.fullmatch(text)):
            return f"{escape_text(cited.group(1))} {cited.group(2)}"
        return escape_text(text)

    lines = [
        "| " + " | ".join(escape_text(c) for c in table.columns) + " |",
        "|" + "|".join(":--" if c not in ("Relevancy", "Source") else "--:" for c in table.columns) + "|",
    ]
    lines += ["| " + " | ".join(cell(c, column) for c, column in zip(row, table.columns, strict=False)) + " |" for row in table.rows]
    return "\n".join(lines)


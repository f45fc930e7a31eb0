"""The Explore tab's data: the index at a glance as small tables for Gradio's native plots, and a
records browser (search, kinds, relevancy, order) with CSV export. Reads through `SearchIndex` only."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from assistant.export import spreadsheet_safe
from index import KINDS, NodeFilter, QuestionError
from index.inventory import Inventory
from index.search import SearchIndex

BROWSER_COLUMNS = ["Kind", "Name", "Description", "Relevancy", "Date", "Source"]
SHOWN = 300  # rows the browser shows at once (the CSV holds every match)
MAX_CSV = 200_000


def overview(inventory: Inventory) -> dict[str, pd.DataFrame]:
    """One frame per chart or table of the overview."""
    kinds = pd.DataFrame({"Kind": list(inventory.by_kind), "Records": list(inventory.by_kind.values())})
    levels = ["1", "2", "3", "4", "5", "unrated"]
    relevancy = pd.DataFrame({"Relevancy": levels, "Records": [sum(by.get(level, 0) for by in inventory.relevancy.values()) for level in levels]})
    months = pd.DataFrame({"Month": list(inventory.per_month), "Articles": list(inventory.per_month.values())})
    themes = pd.DataFrame(inventory.themes, columns=["Theme", "Articles"])
    keywords = pd.DataFrame(inventory.keywords, columns=["Keyword", "Articles"])
    clusters = pd.DataFrame(
        [[c.name, c.kind, c.records, c.articles] for c in inventory.clusters], columns=["Record said by several articles", "Kind", "Records", "Articles"]
    )
    return {"kinds": kinds, "relevancy": relevancy, "months": months, "themes": themes, "keywords": keywords, "clusters": clusters}


def matching(index: SearchIndex, text: str, kinds: list[str] | None, min_relevancy: int | None, newest: bool = False) -> list[str]:
    """Ids of the records that pass the browser's filters, in its order; `QuestionError` for a search too short."""
    chosen = tuple(k for k in (kinds or []) if k in KINDS) or None
    flt = NodeFilter(kinds=chosen, min_relevancy=min_relevancy or None)
    ids = index.browse(flt, newest=newest)
    words = " ".join((text or "").split())
    if words:
        if len(words) < 3:
            raise QuestionError("Search for at least 3 characters (or leave the box empty to browse every record).")
        found = index.mentions([words], flt)
        ids = [i for i in ids if i in found]
    return ids


def rows(index: SearchIndex, ids: list[str]) -> list[list]:
    """Browser rows for these records (stored values, raw: the Dataframe shows text as text)."""
    records = index.records(ids)
    articles = index.articles(sorted({r.article_id for r in records.values()}))
    out = []
    for record_id in ids:
        r = records.get(record_id)
        if r is None:
            continue
        a = articles[r.article_id]
        source = a.title or f"untitled article {r.article_id[:8]}"
        out.append([r.kind, r.name, r.description, r.relevancy or "", a.date.isoformat() if a.date else "", source])
    return out


def write_csv(index: SearchIndex, ids: list[str], path: Path) -> Path:
    """Every matching record as CSV (in chunks: the whole corpus is ~100k records)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(BROWSER_COLUMNS)
        for start in range(0, min(len(ids), MAX_CSV), 5_000):
            for row in rows(index, ids[start : start + 5_000]):
                writer.writerow([spreadsheet_safe(c) for c in row])
    return path

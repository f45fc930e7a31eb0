"""Tabular exports: parquet, CSV, JSON and JSONL; one file per kind, or one combined JSON keyed by kind.

Typed formats (parquet, JSON) are checked cell by cell: text columns take text, and numbers or
dates as their text; anything else (lists, objects, booleans, bytes) is dropped. Relevancy takes
1-5 (rounded when fractional). Every value changed or dropped is named in the item's notes,
grouped by column and kind of change, with its rows.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from pathlib import Path
from typing import Any

from ..errors import SourceError
from ..records import Article, Kind, ReadItem, Record
from .text import RECORD_COLUMNS, column_key, decode_text, read_relevancy, shown

TABLE_SUFFIXES = {".parquet", ".csv", ".json", ".jsonl", ".ndjson"}

# File stems and JSON keys (lower-cased) naming a kind, as the author's exports spell them.
KIND_NAMES: dict[str, Kind] = {
    "signal": "signal",
    "signals": "signal",
    "seed": "signal",
    "seeds": "signal",
    "concern": "concern",
    "concerns": "concern",
    "behav": "behavior",
    "behavior": "behavior",
    "behaviors": "behavior",
    "behaviour": "behavior",
    "behaviours": "behavior",
    "tech": "technology",
    "technology": "technology",
    "technologies": "technology",
    "issue": "issue",
    "issues": "issue",
}

# Column -> Record field: the shared column vocabulary, plus the export's article id and kind.
COLUMNS: dict[str, str] = {**RECORD_COLUMNS, "src": "article_id", "articleid": "article_id", "kind": "kind"}


def kind_of_name(name: str) -> Kind | None:
    """The kind a file stem or JSON key names (`signals`, `behav`, `tech_2024`...), if any."""
    key = name.lower()
    if key in KIND_NAMES:
        return KIND_NAMES[key]
    head = re.split(r"[^a-z]", key, maxsplit=1)[0]
    return KIND_NAMES.get(head)


def read_table_file(path: Path) -> list[ReadItem]:
    """Read a tabular export into one item per article; raises `SourceError` when it cannot."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        rows_by_kind = {kind_of_name(path.stem): _parquet_rows(path)}
    elif suffix == ".csv":
        rows_by_kind = {kind_of_name(path.stem): _csv_rows(path)}
    elif suffix in (".jsonl", ".ndjson"):
        rows_by_kind = {kind_of_name(path.stem): _jsonl_rows(path)}
    elif suffix == ".json":
        rows_by_kind = _json_rows(path)
    else:
        raise SourceError(f"not a tabular export ({suffix})")
    return _items(rows_by_kind, source=str(path))


def _parquet_rows(path: Path) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq  # the heavy import only when a parquet file is read

    try:
        return pq.read_table(path).to_pylist()
    except Exception as exc:  # pyarrow raises several unrelated types for a bad file
        raise SourceError(f"unreadable parquet: {exc}") from None


def _csv_rows(path: Path) -> list[dict[str, Any]]:
    import csv
    import io

    text = decode_text(path.read_bytes())
    try:
        return list(csv.DictReader(io.StringIO(text)))
    except csv.Error as exc:
        raise SourceError(f"malformed CSV: {exc}") from None


def _jsonl_rows(path: Path) -> list[dict[str, Any]]:
    rows = []
    for n, line in enumerate(decode_text(path.read_bytes()).splitlines(), start=1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise SourceError(f"malformed JSON on line {n}: {exc.msg}") from None
            except RecursionError:
                raise SourceError(f"JSON on line {n} is nested too deeply to be a table") from None
    return rows


def _json_rows(path: Path) -> dict[Kind | None, list[dict[str, Any]]]:
    try:
        data = json.loads(decode_text(path.read_bytes()))
    except json.JSONDecodeError as exc:
        raise SourceError(f"malformed JSON at line {exc.lineno}: {exc.msg}") from None
    except RecursionError:
        raise SourceError("the JSON is nested too deeply to be a table") from None
    if isinstance(data, list):
        return {kind_of_name(path.stem): data}
    if not isinstance(data, dict):
        raise SourceError("JSON is neither a list of rows nor an object keyed by kind")
    kinds = {key: kind_of_name(key) for key in data}
    if not any(kinds.values()):
        # A single table in pandas' column or split orientation.
        return {kind_of_name(path.stem): _frame_rows(data)}
    unknown = [k for k, v in kinds.items() if v is None]
    if unknown:
        raise SourceError(f"JSON keys {unknown} name no record kind")
    out: dict[Kind | None, list[dict[str, Any]]] = {}
    for key, value in data.items():
        out.setdefault(kinds[key], []).extend(_frame_rows(value))
    return out


def _frame_rows(value: Any) -> list[dict[str, Any]]:
    """Rows from a list of objects, or a pandas-style `split`/`columns` orientation."""
    if isinstance(value, list):
        return value
    if isinstance(value, dict) and "columns" in value and "data" in value:
        return [dict(zip(value["columns"], row, strict=False)) for row in value["data"]]
    if isinstance(value, dict) and all(isinstance(v, dict) for v in value.values()):
        index = list(next(iter(value.values()), {}).keys())
        return [{col: value[col].get(i) for col in value} for i in index]
    raise SourceError("a table in the JSON is neither a list of rows nor a pandas-style table")


class _Notes:
    """Changed or dropped values, grouped by (column, what happened): rows and a first example."""

    def __init__(self) -> None:
        self.groups: dict[tuple[str, str], tuple[list[int], object]] = {}

    def add(self, column: str, row: int, what: str, value: object) -> None:
        rows, _ = self.groups.setdefault((column, what), ([], value))
        rows.append(row)

    def lines(self, limit: int = 8) -> list[str]:
        out = []
        for (column, what), (rows, example) in self.groups.items():
            listed = ", ".join(str(r) for r in rows[:limit]) + (f" and {len(rows) - limit:,} more" if len(rows) > limit else "")
            value = f"value {shown(example)}" if len(rows) == 1 else f"first value {shown(example)}"
            out.append(f"column {column!r}, row{'s' if len(rows) > 1 else ''} {listed}: {what} ({value})")
        return out


def _items(rows_by_kind: dict[Kind | None, list[dict[str, Any]]], source: str) -> list[ReadItem]:
    by_article: dict[str, list[Record]] = {}
    notes = _Notes()
    for file_kind, rows in rows_by_kind.items():
        for n, row in enumerate(rows, start=1):
            if not isinstance(row, dict):
                raise SourceError(f"row {n} is not an object")
            values, raw_relevancy = _normalise(row, n, notes)
            if "article_id" not in values:
                raise SourceError(f"row {n} has no `src` (article id) column")
            kind = kind_of_name(str(values.pop("kind", "") or "")) or file_kind
            if kind is None:
                raise SourceError("cannot tell the record kind: name the file for its kind (signals.parquet...) or add a `kind` column")
            if not values.get("name"):
                continue  # a blank row in an export carries nothing (a dropped name is in the notes)
            relevancy, note = read_relevancy(raw_relevancy[1]) if raw_relevancy else (None, None)
            if note and raw_relevancy:
                notes.add(raw_relevancy[0], n, note, raw_relevancy[1])
            record = Record(kind=kind, relevancy=relevancy, **values)
            by_article.setdefault(record.article_id, []).append(record)
    if not by_article:
        raise SourceError("no rows with a name")
    items = [ReadItem(article=Article(id=aid, source=source), records=recs) for aid, recs in by_article.items()]
    items[0].notes = notes.lines()  # notes are about the file; the first item carries them
    return items


def _normalise(row: dict[str, Any], n: int, notes: _Notes) -> tuple[dict[str, str], tuple[str, Any] | None]:
    """The row's text fields by Record field, and its relevancy as (column, raw value) if any."""
    values: dict[str, str] = {}
    relevancy: tuple[str, Any] | None = None
    for column, value in row.items():
        field = COLUMNS.get(column_key(column))
        if field is None or _blank(value):
            continue
        if field == "relevancy":
            relevancy = (str(column), value)
            continue
        text, what = _as_text(value)
        if what and text is None and field == "name":
            what = what.replace("left empty", "the row is skipped")
        if what:
            notes.add(str(column), n, what, value)
        if text is not None:
            values[field] = " ".join(text.split())
    return values, relevancy


def _as_text(value: Any) -> tuple[str | None, str | None]:
    """A cell of a text column as text, and a note when it was not text: numbers and dates become
    their text, anything else is dropped."""
    if isinstance(value, str):
        return value, None
    if isinstance(value, bool):
        return None, "a boolean, not text; left empty"
    if isinstance(value, int) or (isinstance(value, float) and math.isfinite(value)):
        text = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
        return text, "a number; kept as text"
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat(), "a date; kept as text"
    kinds: dict[type, str] = {list: "a list", tuple: "a list", dict: "an object", bytes: "bytes"}
    kind = kinds.get(type(value), type(value).__name__)
    return None, f"{kind}, not text; left empty"


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value) or (isinstance(value, str) and not value.strip())

"""Tabular exports: parquet, CSV, JSON and JSONL; one file per kind, or one combined JSON keyed by kind."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ..errors import SourceError
from ..records import Article, Kind, ReadItem, Record
from .text import RECORD_COLUMNS, column_key, decode_text, parse_relevancy

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
    return rows


def _json_rows(path: Path) -> dict[Kind | None, list[dict[str, Any]]]:
    try:
        data = json.loads(decode_text(path.read_bytes()))
    except json.JSONDecodeError as exc:
        raise SourceError(f"malformed JSON at line {exc.lineno}: {exc.msg}") from None
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


def _items(rows_by_kind: dict[Kind | None, list[dict[str, Any]]], source: str) -> list[ReadItem]:
    by_article: dict[str, list[Record]] = {}
    for file_kind, rows in rows_by_kind.items():
        for n, row in enumerate(rows, start=1):
            if not isinstance(row, dict):
                raise SourceError(f"row {n} is not an object")
            values = _normalise(row)
            if "article_id" not in values:
                raise SourceError(f"row {n} has no `src` (article id) column")
            kind = kind_of_name(str(values.pop("kind", "") or "")) or file_kind
            if kind is None:
                raise SourceError("cannot tell the record kind: name the file for its kind (signals.parquet...) or add a `kind` column")
            if not values.get("name"):
                continue  # a blank row in an export carries nothing
            relevancy = parse_relevancy(values.pop("relevancy", None))
            record = Record(kind=kind, relevancy=relevancy, **values)
            by_article.setdefault(record.article_id, []).append(record)
    if not by_article:
        raise SourceError("no rows with a name")
    return [ReadItem(article=Article(id=aid, source=source), records=recs) for aid, recs in by_article.items()]


def _normalise(row: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for column, value in row.items():
        field = COLUMNS.get(column_key(column))
        if field is None or _blank(value):
            continue
        values[field] = value if field == "relevancy" else " ".join(str(value).split())
    return values


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value) or (isinstance(value, str) and not value.strip())


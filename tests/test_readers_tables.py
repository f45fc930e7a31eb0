"""Tabular exports: CSV, parquet, JSON (combined and per kind) and JSONL give the same records."""

from __future__ import annotations

import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from index.errors import SourceError
from index.readers import read_source
from index.readers.tables import kind_of_name

from .conftest import FIXTURES

CSV = FIXTURES / "tables" / "csv"


def records_of(*paths):
    return sorted(
        (r.article_id, r.kind, r.name, r.description, r.relevancy, r.change)
        for p in paths
        for item in read_source(str(p))
        for r in item.records
    )


def test_csv_per_kind_files():
    records = records_of(*sorted(CSV.glob("*.csv")))
    assert len(records) == 15
    assert {r[1] for r in records} == {"signal", "concern", "behavior", "technology", "issue"}


def test_combined_json_matches_the_csv_files():
    assert records_of(FIXTURES / "tables" / "combined.json") == records_of(*sorted(CSV.glob("*.csv")))


def test_jsonl_matches_csv():
    assert records_of(FIXTURES / "tables" / "jsonl" / "concerns.jsonl") == records_of(CSV / "concerns.csv")


def test_parquet_matches_csv(tmp_path):
    for csv in CSV.glob("*.csv"):
        pq.write_table(pacsv.read_csv(csv), tmp_path / f"{csv.stem}.parquet")
    assert records_of(*sorted(tmp_path.glob("*.parquet"))) == records_of(*sorted(CSV.glob("*.csv")))


def test_blank_cells_become_none_and_float_relevancy_an_int():
    by_name = {r[2]: r for r in records_of(CSV / "signals.csv", CSV / "concerns.csv")}
    assert by_name["Driverless Trucks on Highways"][4] is None
    assert by_name["Desalination as Core Water Supply"][4] == 5
    assert by_name["Health Effects of Microplastics"][3] == ""


def test_one_item_per_article_carrying_only_the_id():
    items = read_source(str(CSV / "signals.csv"))
    assert len(items) == 3
    assert all(item.article.title is None and len(item.article.id) == 32 for item in items)


@pytest.mark.parametrize(
    ("name", "kind"),
    [("signals", "signal"), ("seeds", "signal"), ("behav", "behavior"), ("tech", "technology"), ("concerns_2024", "concern"), ("notes", None)],
)
def test_kind_from_file_name(name, kind):
    assert kind_of_name(name) == kind


@pytest.mark.parametrize(
    ("name", "reason"), [("bad_tables.csv", "no `src`"), ("truncated.json", "malformed JSON")]
)
def test_broken_exports_fail_with_a_reason(name, reason):
    with pytest.raises(SourceError, match=reason):
        read_source(str(FIXTURES / "broken" / name))


def test_pandas_column_orientation_is_accepted(tmp_path):
    path = tmp_path / "issues.json"
    path.write_text('{"name": {"0": "A", "1": "B"}, "description": {"0": "a", "1": "b"}, "src": {"0": "x", "1": "y"}}')
    assert [(r[0], r[2]) for r in records_of(path)] == [("x", "A"), ("y", "B")]


def test_wrong_types_in_a_parquet_export_are_coerced_or_dropped_with_a_note(tmp_path):
    import pyarrow as pa

    path = tmp_path / "signals.parquet"
    table = pa.table(
        {
            "src": ["a1", "a1", "a2", "a2"],
            "name": ["Good", "Listed", "Rated high", "Rounded"],
            "description": [None, None, "plain", "plain"],
            "change": [[1, 2], None, None, None],
            "relevancy": [9.5, 3.0, 5.0, 4.4],
        }
    )
    pq.write_table(table, path)
    items = read_source(str(path))
    records = {r.name: r for item in items for r in item.records}
    assert records["Good"].relevancy is None and records["Good"].change is None  # not "[1, 2]"
    assert records["Listed"].relevancy == 3 and records["Rounded"].relevancy == 4
    notes = [note for item in items for note in item.notes]
    assert "column 'change', row 1: a list, not text; left empty (value [1, 2])" in notes
    assert "column 'relevancy', row 1: not 1-5; left empty (value 9.5)" in notes
    assert "column 'relevancy', row 4: rounded to 4 (value 4.4)" in notes
    assert len(notes) == 3


def test_typed_json_cells_numbers_become_text_and_objects_are_dropped(tmp_path):
    path = tmp_path / "concerns.json"
    path.write_text(
        '[{"src": 12, "name": "Numbered", "description": {"x": 1}, "relevancy": "high"},'
        ' {"src": 12, "name": true, "description": "d"}, {"src": 13, "name": "Fine", "relevancy": 2}]'
    )
    items = read_source(str(path))
    assert sorted(r.name for item in items for r in item.records) == ["Fine", "Numbered"]
    assert {item.article.id for item in items} == {"12", "13"}
    notes = items[0].notes
    assert "column 'src', rows 1, 2, 3: a number; kept as text (first value 12)" in notes
    assert "column 'description', row 1: an object, not text; left empty (value {'x': 1})" in notes
    assert "column 'relevancy', row 1: not a number; left empty (value 'high')" in notes
    assert "column 'name', row 2: a boolean, not text; the row is skipped (value True)" in notes


def test_clean_exports_have_no_notes():
    assert [n for p in sorted(CSV.glob("*.csv")) for item in read_source(str(p)) for n in item.notes] == []


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.md"
    with path.open("wb") as out:
        out.truncate(50 * 1024 * 1024)  # 50 MB, sparse: nothing is written
    with pytest.raises(SourceError, match=r"52,428,800 bytes, over the limit of 20,000,000 \(SIGNAL_DESK_MAX_FILE_BYTES\)"):
        read_source(str(path), max_file_bytes=20_000_000)

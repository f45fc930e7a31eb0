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

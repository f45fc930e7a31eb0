"""Record ids are stable; articles merge across sources; small parsing helpers."""

from __future__ import annotations

from datetime import date

import pytest

from index import Article, Record
from index.errors import SourceError
from index.readers.text import decode_text, page_date, parse_relevancy


def test_record_id_is_stable_and_ignores_padding():
    a = Record(article_id="x", kind="signal", name="A  name", description="desc ")
    b = Record(article_id="x", kind="signal", name="A name", description="desc", relevancy=3)
    assert a.id == b.id and len(a.id) == 32


@pytest.mark.parametrize("change", [{"article_id": "y"}, {"kind": "concern"}, {"name": "B"}, {"description": "other"}])
def test_record_id_changes_with_identity_fields(change):
    base = {"article_id": "x", "kind": "signal", "name": "A", "description": "d"}
    assert Record(**base).id != Record(**{**base, **change}).id


def test_article_merge_fills_gaps_only():
    doc = Article(id="a", title="T", keywords=["k"])
    table = Article(id="a", url="https://u", title="Other")
    merged = doc.merged(table)
    assert (merged.title, merged.url, merged.keywords) == ("T", "https://u", ["k"])


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("20251012d", date(2025, 10, 12)),
        ("20220711", date(2022, 7, 11)),
        ("4320.0", None),
        ("20290911", None),
        ("20251332", None),
        ("19991231", None),
    ],
)
def test_page_date(page, expected):
    assert page_date(page, today=date(2026, 11, 25)) == expected


@pytest.mark.parametrize(("value", "expected"), [("5", 5), (4.0, 4), (" 3 ", 3), (float("nan"), None), ("", None), ("high", None), (9, None), (None, None)])
def test_parse_relevancy(value, expected):
    assert parse_relevancy(value) == expected


def test_decode_text_strips_a_bom_and_refuses_binary():
    assert decode_text("\ufeffhello".encode()) == "hello"
    with pytest.raises(SourceError):
        decode_text(b"\x00\x01\x02abc")

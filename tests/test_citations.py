"""Citation markers: parsing, validation against the retrieved set, numbering by first appearance."""

from __future__ import annotations

from assistant.citations import cite, drop_invalid, number_sources, parse_markers
from assistant.models import Hit
from index import Article, Record


def test_single_marker():
    assert parse_markers("Tensions rise [1].") == [1]


def test_list_marker():
    assert parse_markers("See [1, 3].") == [1, 3]


def test_list_marker_without_spaces():
    assert parse_markers("See [2,4,5].") == [2, 4, 5]


def test_adjacent_markers():
    assert parse_markers("A [1][2] B") == [1, 2]


def test_range_marker():
    assert parse_markers("Claims [2-4].") == [2, 3, 4]


def test_en_dash_range():
    assert parse_markers("Claims [2–3].") == [2, 3]


def test_markdown_links_are_not_markers():
    assert parse_markers("[1](https://x.org) and [a] text") == []


def test_no_markers():
    assert parse_markers("Nothing cited here.") == []


def test_invalid_marker_is_removed_and_reported():
    text, removed = drop_invalid("Claim [7].", {1, 2, 3})
    assert (text, removed) == ("Claim.", [7])


def test_mixed_marker_keeps_the_valid_numbers():
    assert drop_invalid("Claim [1, 7].", {1})[0] == "Claim [1]."


def test_valid_markers_survive_untouched():
    assert drop_invalid("A [1] and B [2].", {1, 2}) == ("A [1] and B [2].", [])


def test_cite_sorts_and_dedupes():
    assert cite(3, 1, 3) == "[1, 3]"


def hit(article_id, name):
    return Hit(record=Record(article_id=article_id, kind="signal", name=name), article=Article(id=article_id), score=1.0)


def test_sources_are_numbered_by_first_appearance():
    numbers, citations = number_sources([hit("b", "x"), hit("a", "y"), hit("b", "z")])
    assert numbers == {"b": 1, "a": 2}
    assert [c.n for c in citations] == [1, 2]

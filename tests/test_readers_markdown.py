"""Signal markdown in every layout, read from our own fixtures; broken files fail with a reason."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from index.errors import SourceError
from index.readers import read_source
from index.readers.markdown import parse_markdown, read_markdown

from .conftest import FIXTURES

TODAY = date(2026, 11, 25)

LAYOUTS = [
    # file, page, date, kinds per count, has relevancy on signals, keywords start
    ("current.md", "20250301a", date(2025, 3, 1), {"signal": 3, "concern": 2, "behavior": 2, "technology": 2, "issue": 2}),
    ("current_relevancy_everywhere.md", None, None, {"signal": 2, "concern": 2, "behavior": 2, "technology": 2, "issue": 2}),
    ("old_2022.md", "20220620", date(2022, 6, 20), {"signal": 3}),
    ("hybrid.md", "1234.0", None, {"signal": 3}),
    ("future_page.md", "20990101", None, {"signal": 2}),
    ("missing_sections.md", None, None, {"signal": 3}),
]


@pytest.mark.parametrize(("name", "page", "day", "counts"), LAYOUTS, ids=[row[0] for row in LAYOUTS])
def test_every_layout_reads_its_rows(name, page, day, counts):
    item = read_markdown(FIXTURES / name, today=TODAY)
    assert dict(Counter(r.kind for r in item.records)) == counts
    assert item.article.id == name.removesuffix(".md")
    assert item.article.title
    assert item.problems == []
    if page:
        assert item.article.page == page
        assert item.article.date == day


def test_current_layout_fields():
    item = read_markdown(FIXTURES / "current.md", today=TODAY)
    article = item.article
    assert article.url == "https://www.example-news.org/europe/2025/03/zurich-airport-drone-sightings"
    assert article.page_url == "https://signal-desk.example/p/20250301a"
    assert article.category == "politics" and article.type == "news"
    assert "Zürich" in article.keywords
    assert article.themes == ["airspace security", "aviation", "drones"]
    assert article.summary.startswith("Flights at Zürich Airport")


def test_cells_keep_escaped_pipes_quotes_and_symbols():
    records = read_markdown(FIXTURES / "current.md", today=TODAY).records
    first = records[0]
    assert first.name == "“Precautionary Pauses” at Major Airports"
    assert "“sighting | confirmed | cleared”" in first.description
    assert first.relevancy == 5
    assert first.driving_force == "Cheap drones that are hard to detect and attribute."
    assert any("€1.8 million" in r.description for r in records)


def test_ragged_row_keeps_its_name():
    behaviors = [r for r in read_markdown(FIXTURES / "current.md").records if r.kind == "behavior"]
    assert [b.name for b in behaviors] == ["Café Owners Filming Sightings", "Passengers Rebooking via Basel"]
    assert behaviors[1].description == ""


def test_relevancy_everywhere_layout_reads_relevancy_on_every_kind():
    records = read_markdown(FIXTURES / "current_relevancy_everywhere.md").records
    assert all(r.relevancy is not None for r in records)


def test_old_layout_maps_its_columns():
    item = read_markdown(FIXTURES / "old_2022.md", today=TODAY)
    signal = item.records[0]
    assert signal.name == "Prices that change during the day"
    assert signal.description == ""
    assert signal.change == "From fixed shelf prices to automatic markdowns"
    assert signal.horizon == "Dynamic pricing standard in grocery stores"
    assert signal.driving_force == "Cheap electronic shelf labels"
    assert signal.relevancy is None


def test_closest_list_gives_related_ids_without_the_article_itself():
    item = read_markdown(FIXTURES / "old_2022.md")
    assert item.article.related == ["0d6568a5f3e182c6a12db54eae60115b", "919905e68d3028b10e2875ce5dc8040b"]


def test_exploded_keywords_are_joined_back():
    item = read_markdown(FIXTURES / "hybrid.md")
    assert item.article.keywords[:2] == ["streetlights", "LED"]
    assert all(len(k) > 1 for k in item.article.keywords + item.article.themes)


def test_float_and_future_page_ids_are_no_date():
    assert read_markdown(FIXTURES / "hybrid.md", today=TODAY).article.date is None
    assert read_markdown(FIXTURES / "future_page.md", today=TODAY).article.date is None


def test_a_table_without_final_newline_and_stray_spaces_parses():
    text = "# __T__, (from page [20240101](https://x/p/20240101).)\n\n## Signals\n\n|  name |description|relevancy|\n|---|---|---:|\n|  A  |  B  | 4.0 |"
    (record,) = parse_markdown(text, article_id="t").records
    assert (record.name, record.description, record.relevancy) == ("A", "B", 4)


def test_broken_table_is_read_in_part_with_the_problem_named():
    item = read_markdown(FIXTURES / "broken" / "broken_table.md")
    assert [r.kind for r in item.records] == ["concern", "concern"]
    assert item.problems and "Signals" in item.problems[0]


BROKEN = [
    ("empty.md", "empty file"),
    ("binary.md", "binary"),
    ("bad_encoding.md", "not UTF-8"),
    ("no_structure.md", "not a signal document"),
]


@pytest.mark.parametrize(("name", "reason"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_files_fail_with_a_reason(name, reason):
    with pytest.raises(SourceError, match=reason):
        read_source(str(FIXTURES / "broken" / name))


def test_unknown_suffix_is_refused():
    with pytest.raises(SourceError, match="unsupported file type"):
        read_source(str(FIXTURES / "README.md").replace(".md", ".txt"))


def test_a_relevancy_out_of_range_is_left_empty_with_a_note(tmp_path):
    text = (FIXTURES / "current.md").read_text()
    header, _, rest = text.partition("## Signals")
    table = [line for line in rest.splitlines() if line.startswith("|")]
    row = table[2].rsplit("|", 2)[0] + "| 9.5 |"
    path = tmp_path / "odd.md"
    path.write_text(header + "## Signals\n\n" + "\n".join([table[0], table[1], row]) + "\n")
    [item] = read_source(str(path))
    assert item.records[0].relevancy is None
    assert item.notes == ["Signals row 1: relevancy '9.5': not 1-5; left empty"]

"""Exports (Markdown round-trips through a parser, DOCX opens and holds the tables) and time
questions (records per month, newest first, undated ones counted apart)."""

from __future__ import annotations

from datetime import date

import docx
import pytest
from markdown_it import MarkdownIt

from assistant import __main__ as ask_cli
from assistant.export import to_markdown, write


@pytest.fixture(scope="module")
def briefing(desk):
    return desk.ask("Draft a briefing on H5N1 bird flu in dairy cattle")


def test_markdown_export_round_trips_through_a_parser(briefing):
    text = to_markdown(briefing, today=date(2026, 1, 2))
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    assert sum(t.type == "table_open" for t in tokens) == len(briefing.tables)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[0] == briefing.question and "Bottom line up front" in headings
    assert "_Signal Desk, 2026-01-02, extractive answer" in text


def test_docx_export_opens_and_holds_tables_and_numbered_sources(briefing, tmp_path):
    path = write(briefing, tmp_path / "briefing.docx")
    document = docx.Document(str(path))
    assert len(document.tables) == len(briefing.tables)
    first = briefing.tables[0]
    assert [c.text for c in document.tables[0].rows[0].cells] == first.columns
    assert [c.text for c in document.tables[0].rows[1].cells] == first.rows[0]
    text = "\n".join(p.text for p in document.paragraphs)
    for citation in briefing.citations:
        assert f"[{citation.n}]" in text
    assert "Sources" in text


def test_cli_export_flag(sample_index, tmp_path, capsys, monkeypatch, embedder):
    monkeypatch.setattr("index.search.load_embedder", lambda settings: embedder)
    target = tmp_path / "answer.md"
    code = ask_cli.main(["ask", "coral reef restoration", "--index", str(sample_index), "--export", str(target)])
    assert code == 0 and target.read_text(encoding="utf-8").startswith("# coral reef restoration")
    assert ask_cli.main(["ask", "x", "--index", str(sample_index), "--export", str(tmp_path / "a.pdf")]) == 2


def test_whats_new_gives_a_monthly_series_and_newest_records_first(desk):
    answer = desk.ask("What's new since 2025?")
    assert answer.plan["intent"] == "trend"
    months = answer.facets["month"]
    assert list(months) == sorted(months) and sum(months.values()) == answer.facets["total"]
    assert answer.tables[0].title == "Records per month"
    dates = [c.date for c in answer.citations]
    assert dates and min(dates) >= "2025-01-01"
    assert answer.citations[0].date == max(dates)  # newest first


def test_how_has_a_topic_grown_counts_undated_records_apart(desk):
    answer = desk.ask("How has concern about drones grown over time?")
    assert answer.plan["intent"] == "trend"
    assert "Records per month" in answer.markdown

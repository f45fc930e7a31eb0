"""The notebook: answers and pinned records compiled into one report whose sources are numbered
1..n across entries, exported as Markdown, Word and CSV, with download names from the question."""

from __future__ import annotations

import csv
import re
from datetime import date

import pytest

from assistant.citations import parse_markers
from assistant.export import file_name, write, write_notebook
from assistant.models import Answer, AnswerRecord, Citation
from assistant.notebook import compile_notebook, move, pin_answer, pin_record, strip_sources

DAY = date(2025, 6, 1)


def answer(question: str, articles: list[str], body: str) -> Answer:
    citations = [Citation(n=n, article_id=a, title=f"Title {a}", url=f"https://example.org/{a}") for n, a in enumerate(articles, 1)]
    records = [
        AnswerRecord(n=n, id=f"r-{a}", article_id=a, kind="signal", name=f"Record of {a}", description="=cmd|' /C calc'!A0", score=1.0)
        for n, a in enumerate(articles, 1)
    ]
    sources = "\n".join(["**Sources**", "", *(f"- **[{c.n}]** [Title {c.article_id}]({c.url})" for c in citations)])
    return Answer(question=question, markdown=f"{body}\n\n{sources}", citations=citations, records=records)


FIRST = answer("What about drones?", ["a", "b"], "Drones [1] and jamming [2]; both [1, 2]. Stored \\[1\\] stays.")
SECOND = answer("And debris?", ["c", "a"], "Debris [1], drones again [2].")


def test_sources_are_renumbered_across_answers():
    report = compile_notebook([pin_answer(FIRST), pin_answer(SECOND)], today=DAY)
    assert [c.article_id for c in report.citations] == ["a", "b", "c"] and [c.n for c in report.citations] == [1, 2, 3]
    assert "Drones [1] and jamming [2]; both [1, 2]." in report.markdown
    assert "Debris [3], drones again [1]." in report.markdown  # the second answer's [1] is article c, its [2] article a
    assert "Stored \\[1\\] stays." in report.markdown  # escaped stored text is not a marker
    assert report.markdown.count("**Sources**") == 0 and report.markdown.count("## Sources") == 1
    used = set(parse_markers(report.markdown.split("## Sources")[0]))
    assert used == {1, 2, 3}


def test_a_pinned_record_cites_its_article_in_the_report_numbering():
    items = [pin_answer(SECOND), pin_record(FIRST, "r-b")]
    report = compile_notebook(items, today=DAY)
    assert "## 2. Record of b" in report.markdown and "[3]" in report.markdown.split("## 2.")[1]
    assert [row[6] for row in report.rows] == ["[1]", "[2]", "[3]"]


def test_entries_move_and_stay_in_bounds():
    items = [pin_answer(FIRST), pin_answer(SECOND), pin_record(FIRST, "r-a")]
    assert [i.question for i in move(items, 2, -1)] == ["What about drones?", "What about drones?", "And debris?"]
    assert move(items, 0, -1) == items and move(items, 9, 1) == items


def test_strip_sources_leaves_the_body():
    assert strip_sources(FIRST.markdown) == "Drones [1] and jamming [2]; both [1, 2]. Stored \\[1\\] stays."


def test_the_notebook_exports_to_word_with_sources_1_to_n(tmp_path):
    from docx import Document

    path = tmp_path / "notebook.docx"
    write_notebook([pin_answer(FIRST), pin_answer(SECOND)], path, today=DAY)
    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    body, sources = text.split("Sources", 1)
    assert set(parse_markers(body)) == {1, 2, 3}
    assert re.findall(r"\[(\d)\] Title", sources) == ["1", "2", "3"]


def test_csv_exports_neutralise_formulas(tmp_path):
    path = write(FIRST, tmp_path / "a.csv")
    rows = list(csv.reader(path.open(encoding="utf-8")))
    assert rows[0][:4] == ["n", "Kind", "Name", "Description"] and rows[1][3] == "'=cmd|' /C calc'!A0"
    report = tmp_path / "n.csv"
    write_notebook([pin_answer(FIRST)], report, today=DAY)
    assert list(csv.reader(report.open(encoding="utf-8")))[0][:3] == ["Entry", "Question", "Kind"]


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Concerns about space debris?", "concerns-about-space-debris-2025-06-01.docx"),
        ("../../etc/passwd", "etc-passwd-2025-06-01.docx"),
        ("Émissions — réduction", "emissions-reduction-2025-06-01.docx"),
        ("???", "signal-desk-answer-2025-06-01.docx"),
    ],
)
def test_download_names_come_from_the_question_and_date(title, name):
    assert file_name(title, "docx", today=DAY) == name

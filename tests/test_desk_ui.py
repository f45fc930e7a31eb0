"""The app's pure parts, without Gradio: chips and the requests they make, HTML rendering (text
is text, citations become card links), upload names and limits, the first screen's examples."""

from __future__ import annotations

import pytest

from assistant.intents import REGISTRY
from assistant.models import Answer, AnswerRecord, Citation
from assistant.plan import plan as rule_plan
from desk_ui.chips import Request, chips, describe, edit, next_page, pages
from desk_ui.files import check_upload, safe_name, store_upload
from desk_ui.layout import EXAMPLES
from desk_ui.render import card_html, markdown_html, source_name, sources_html, turn_html
from desk_ui.session import Session

PLAN = rule_plan("concerns about space debris").public() | {"question": "concerns about space debris"}
INTENTS = list(REGISTRY)


def test_chips_show_the_plan_and_the_filters_one_can_add():
    keys = {c.key: c for c in chips(PLAN, INTENTS)}
    assert keys["intent"].value == "lookup" and keys["intent"].options == INTENTS
    assert keys["topic"].value == "space debris" and keys["kind:concern"].removable
    assert keys["kind+"].add and "concern" not in keys["kind+"].options
    assert keys["relevancy"].add and keys["since"].add and keys["until"].add and "page" not in keys


def test_a_ceiling_read_from_the_question_is_a_chip_one_can_remove():
    assert "ceiling" not in {c.key for c in chips(PLAN, INTENTS)}
    ceiling = next(c for c in chips(PLAN | {"max_relevancy": 3}, INTENTS) if c.key == "ceiling")
    assert (ceiling.group, ceiling.value, ceiling.removable) == ("Relevancy ≤", "3", True)
    new = edit(Request(question="issues rated 3 or lower about housing"), PLAN | {"max_relevancy": 3}, "ceiling", None)
    assert new.edits.drop == ["max_relevancy"] and describe("ceiling", None) == "relevancy ceiling removed"


def test_removing_the_only_kind_the_question_named_drops_it():
    new = edit(Request(question="concerns about space debris"), PLAN, "kind:concern", None)
    assert new.kinds is None and new.edits.drop == ["kinds"] and new.page == 1


def test_adding_a_kind_and_a_filter_are_explicit_filters():
    new = edit(Request(question="q"), PLAN, "kind+", "signal")
    assert new.kinds == ["concern", "signal"] and new.edits.drop == []
    new = edit(new, PLAN | {"kinds": ["concern", "signal"]}, "relevancy", "4")
    assert new.min_relevancy == 4 and new.kinds == ["concern", "signal"]
    assert edit(new, PLAN, "since", "2024").since == "2024"


def test_a_rerun_asks_the_resolved_question_without_the_conversation():
    typed = Request(question="and Finland?", history=[{"role": "user", "content": "What escalation signals involve Estonia?"}])
    plan = rule_plan("What escalation signals involve Finland?").public() | {"resolved": "What escalation signals involve Finland?"}
    new = edit(typed, plan, "entity:Finland", None)
    assert new.question == "What escalation signals involve Finland?" and new.history == [] and new.edits.entities == []


def test_unknown_chips_and_bad_values_are_errors():
    with pytest.raises(ValueError):
        edit(Request(question="q"), PLAN, "mood", "happy")
    with pytest.raises(ValueError):
        edit(Request(question="q"), PLAN, "relevancy", "lots")


def test_paging():
    assert pages({"total": 74, "page_size": 20}, 20, 1) == (2, 4)
    assert pages({"total": 74, "page_size": 20}, 0, 4) == (0, None)
    assert pages(None, 3, 1) == (2, None) and pages(None, 0, 1) == (0, None)
    assert next_page(Request(question="more", history=[{"role": "user", "content": "x"}]), PLAN | {"page": 2}).page == 3


HOSTILE = "<img src=http://127.0.0.1:9/x> [click](http://127.0.0.1:9/y) ${alert(1)} {{value}}"


def hostile_answer() -> Answer:
    from assistant.markup import escape_text

    citation = Citation(n=1, article_id="t1")  # untitled: named by its record
    record = AnswerRecord(n=1, id="r1", article_id="t1", kind="signal", name=HOSTILE, description="d", score=1.0, relevancy=5)
    markdown = f"**1 signal**: {escape_text(HOSTILE)} [1].\n\n| Name | Relevancy | Source |\n|:--|--:|--:|\n| {escape_text(HOSTILE)} | 5 | [1] |\n\n**Sources**\n\n- **[1]** x"
    return Answer(question=HOSTILE, markdown=markdown, citations=[citation], records=[record], plan=PLAN)


def test_answers_render_stored_text_as_text_and_citations_as_card_links():
    html = markdown_html(hostile_answer().markdown.split("**Sources**")[0], "sd-src-0")
    assert "<img" not in html and "&lt;img src=http://127.0.0.1:9/x&gt;" in html
    assert 'href="http://127.0.0.1:9/y"' not in html and "[click](http://127.0.0.1:9/y)" in html
    assert html.count('data-act="cite" data-n="1"') == 2 and 'class="sd-col-relevancy sd-num"' in html


def test_a_turn_has_one_source_list_and_names_untitled_sources():
    session = Session()
    turn = session.add(HOSTILE, Request(question=HOSTILE))
    turn.answer = hostile_answer()
    html, copied = turn_html(turn, INTENTS).split('<textarea class="sd-md" hidden readonly>')
    assert html.count("sd-sources-title") == 1 and "**Sources**" not in html  # the Markdown's own list is not shown
    assert "**Sources**" in copied and "<img" not in copied  # Copy takes the whole Markdown, HTML-escaped in the page
    assert source_name(turn.answer, "t1", None).startswith("Untitled article: “<img")
    assert "<img" not in html
    assert "&lt;img" in sources_html(turn.answer, "sd-src-0")
    assert 'data-key="kind:concern"' in html and 'data-act="more"' not in html


def test_downloads_offered_are_the_answers_formats(monkeypatch):
    """The buttons under an answer come from `assistant.export.formats_for`: a kind of answer
    with formats of its own (an HTML page, PNG cards) gets them without a change here."""
    import desk_ui.render

    session = Session()
    turn = session.add(HOSTILE, Request(question=HOSTILE))
    turn.answer = hostile_answer()
    html = turn_html(turn, INTENTS)
    assert [f for f in ("md", "docx", "csv", "html") if f'data-act="export" data-value="{f}"' in html] == ["md", "docx", "csv"]
    monkeypatch.setattr(desk_ui.render, "formats_for", lambda answer: ["md", "html", "xyz"])
    html = turn_html(turn, INTENTS)
    assert 'data-value="html">HTML page</button>' in html and 'data-value="xyz">XYZ</button>' in html
    assert 'data-value="csv"' not in html


def test_a_card_escapes_everything():
    from assistant.card import ArticleCard, CardRecord

    card = ArticleCard(article_id="a", name=HOSTILE, titled=False, url="javascript:alert(1)",
                       records=[CardRecord(id="r", kind="signal", name=HOSTILE, cited=True)])
    html = card_html(card)
    assert "<img" not in html and "javascript:" not in html and "★" in html and "sd-cited" in html


@pytest.mark.parametrize(
    ("name", "safe"),
    [("../../etc/x.md", "x.md"), ("..\\..\\win.CSV", "win.csv"), ("  .hidden.md", "hidden.md"), ("résumé 2025.html", "resume-2025.html"),
     ("...", "upload"), ("/", "upload")],
)
def test_upload_names_are_sanitised(name, safe):
    assert safe_name(name) == safe


def test_uploads_land_inside_the_index_folder(tmp_path):
    source = tmp_path / "in.md"
    source.write_text("# x")
    stored = store_upload(source, "../../etc/x.md", tmp_path / "index")
    assert stored == (tmp_path / "index" / "uploads" / "x.md").resolve() and stored.read_text() == "# x"
    assert not (tmp_path / "etc").exists()


def test_uploads_are_limited_in_type_and_size():
    assert check_upload("notes.md", 10, 100) is None
    assert "not a file the desk reads (.exe)" in check_upload("tool.exe", 10, 100)
    assert "over the limit of 100" in check_upload("big.csv", 101, 100)
    assert "empty" in check_upload("empty.json", 0, 100)


def test_each_example_reads_as_its_intent():
    for intent, question in EXAMPLES.items():
        assert rule_plan(question).intent == intent, question

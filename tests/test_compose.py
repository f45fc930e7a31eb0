"""The extractive composer, on hand-made hits: synthesis, tables, sources, nothing-found."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date

from markdown_it import MarkdownIt

from assistant.compose import compose_extractive
from assistant.models import Hit, QueryPlan, Ranked
from index import Article, Record

A = Article(id="a", title="Baltic jamming", url="https://news.example/a", page="20250314b", page_url="https://p/20250314b", date=date(2025, 3, 14))
B = Article(id="b", title=None)


def hit(article, kind, name, description="d", relevancy=4, **extra):
    record = Record(article_id=article.id, kind=kind, name=name, description=description, relevancy=relevancy, **extra)
    return Hit(record=record, article=article, score=1.0)


HITS = [
    hit(A, "signal", "GPS Jamming", "Interference | daily", 5, change="From rare to daily", horizon="Backup navigation", driving_force="Hybrid pressure"),
    hit(A, "concern", "Aviation Safety", "Risk of errors", 4),
    hit(B, "signal", "Drone Probes", "Small drones cross borders", 5),
    hit(B, "concern", "Aviation Safety", "Risk of errors", 4),
]
PLAN = QueryPlan(question="What escalation signals involve Estonia?", query="escalation Estonia", kinds=["signal"])


def test_tables_per_kind_with_a_source_column():
    answer = compose_extractive(PLAN, Ranked(hits=HITS, matched=4))
    assert [t.title for t in answer.tables] == ["Signals", "Concerns"]
    signals = answer.tables[0]
    assert signals.columns[-1] == "Source" and signals.columns[2:5] == ["Change", "10-year", "Driving force"]
    assert signals.rows[0] == ["GPS Jamming", "Interference | daily", "From rare to daily", "Backup navigation", "Hybrid pressure", "5", "[1]"]


def test_a_record_repeated_verbatim_across_articles_is_one_row_citing_both():
    concerns = compose_extractive(PLAN, Ranked(hits=HITS, matched=4)).tables[1]
    assert concerns.rows == [["Aviation Safety", "Risk of errors", "4", "[1, 2]"]]


def test_every_table_cell_comes_from_a_record():
    answer = compose_extractive(PLAN, Ranked(hits=HITS, matched=4))
    fields = {str(v) for h in HITS for v in h.record.model_dump().values() if v is not None}
    for table in answer.tables:
        for row in table.rows:
            assert all(cell in fields or cell == "" or cell.startswith("[") for cell in row)


def test_synthesis_cites_and_names_the_top_record():
    markdown = compose_extractive(PLAN, Ranked(hits=HITS, matched=4)).markdown
    first = markdown.split("\n\n")[0]
    assert "**GPS Jamming**" in first and "[1]" in first
    assert first.count(". ") <= 4


def test_citations_and_records_agree():
    answer = compose_extractive(PLAN, Ranked(hits=HITS, matched=4))
    assert [(c.n, c.article_id) for c in answer.citations] == [(1, "a"), (2, "b")]
    assert [r.n for r in answer.records] == [1, 1, 2, 2]
    assert answer.citations[0].url == "https://news.example/a" and answer.citations[0].date == "2025-03-14"


def test_sources_list_links_article_and_curation_page():
    markdown = compose_extractive(PLAN, Ranked(hits=HITS, matched=4)).markdown
    assert "[Baltic jamming](https://news.example/a)" in markdown
    assert "[20250314b](https://p/20250314b)" in markdown


def test_markdown_tables_parse_with_escaped_pipes():
    markdown = compose_extractive(PLAN, Ranked(hits=HITS, matched=4)).markdown
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    cells = [t.content for t in tokens if t.type == "inline"]
    assert "Interference | daily" in cells


def test_nothing_found_cites_nothing():
    answer = compose_extractive(PLAN.model_copy(update={"since": date(2030, 1, 1)}), Ranked(hits=[], matched=0))
    assert answer.markdown.startswith("Nothing found")
    assert answer.citations == [] and answer.records == [] and answer.tables == []


def test_nothing_under_the_filters_says_what_matches_without_them():
    plan = PLAN.model_copy(update={"since": date(2030, 1, 1)})
    answer = compose_extractive(plan, Ranked(hits=[], matched=0, unfiltered={"technology": 2}))
    assert "Without those filters, **2 technologies** match “escalation Estonia”" in answer.markdown
    assert answer.citations == [] and "Try widening" not in answer.markdown
    assert "Try widening the filters" in compose_extractive(plan, Ranked(hits=[], matched=0)).markdown


def test_weaker_matches_of_the_kind_asked_say_which_other_kinds_have_strong_ones():
    weaker = [h.model_copy(update={"strong": False}) for h in HITS if h.record.kind == "signal"]
    ranked = Ranked(hits=weaker, matched=2, elsewhere={"technology": 5, "issue": 1})
    markdown = compose_extractive(PLAN, ranked).markdown
    assert markdown.startswith("**No signal clears this question's evidence bar** on “escalation Estonia”")  # not "2 signals on ..."
    assert "shown as **weaker matches**. Records of other kinds do: **6 records (5 technologies, 1 issue)**" in markdown
    assert "“only the technologies”" in markdown
    assert "other kinds" not in compose_extractive(PLAN, Ranked(hits=weaker, matched=2)).markdown
    one = compose_extractive(PLAN, Ranked(hits=weaker, matched=2, elsewhere={"issue": 1})).markdown
    assert "Records of other kinds do: **1 issue** clears it (ask for “only the issues”)" in one  # not "1 issue clear it"


def test_few_strong_matches_of_the_kind_asked_say_how_many_of_other_kinds_clear_the_bar(desk):
    # "Which signals concern water rights disputes between countries?": one signal, where concerns
    # say more; the answer says how many, and the records admitted through other kinds' articles
    # say it once (their own opening)
    markdown = desk.ask("concerns about heat pumps").markdown
    assert markdown.startswith(
        "**1 concern** from 1 article on “heat pumps”. Records of other kinds clear it too: "
        "**6 records (2 technologies, 2 signals, 2 behaviors)** (ask for “only the technologies”)."
    )
    assert "clear it too" not in desk.ask("signals about heat pumps").markdown  # three signals: not few
    through = desk.ask("issues about heat pumps").markdown
    assert through.startswith("**No issue clears the bar on “heat pumps” on its own**") and "clear it too" not in through
    assert "clear it too" not in desk.ask("concerns about heat pumps in Finland").markdown  # an entity's anchors decide


def test_the_kind_asked_is_answered_by_the_articles_whose_other_records_clear_the_bar():
    # "What are people worried about with self-driving cars?": no concern clears the bar, the
    # technologies of four articles on autonomous vehicles do, and those articles' concerns answer
    from assistant.lookup import through_articles

    plan = PLAN.model_copy(update={"query": "self-driving cars", "kinds": ["concern"]})
    weaker = [h.model_copy(update={"strong": False}) for h in (hit(A, "concern", "Vandalism of Robotaxis"), hit(B, "concern", "Aviation Safety"))]
    about = [hit(A, "technology", "Self-Driving Cars"), hit(A, "technology", "Robotaxis")]
    ranked = through_articles(Ranked(hits=weaker[:1], more=weaker[1:], matched=2, elsewhere={"technology": 2}), about, 20)
    assert [(h.record.name, h.strong) for h in ranked.hits] == [("Vandalism of Robotaxis", True)]
    assert [h.record.name for h in ranked.more] == ["Aviation Safety"]  # not of those articles: it waits
    assert ranked.strong == 1 and ranked.through_articles == 1
    markdown = compose_extractive(plan, ranked).markdown
    assert markdown.startswith("**No concern clears the bar on “self-driving cars” on its own**; **2 technologies** of other kinds do")
    assert "and the one here comes from an article of theirs." in markdown  # not "the 1 here come"
    assert through_articles(Ranked(hits=weaker[1:]), about, 20).through_articles == 0  # nothing of theirs: unchanged
    second = hit(A, "concern", "Liability in Crashes").model_copy(update={"strong": False})
    capped = through_articles(Ranked(hits=weaker[:1], more=[*weaker[1:], second]), about, 1)  # a page of one
    assert [h.record.name for h in capped.hits] == ["Vandalism of Robotaxis"]
    assert [h.record.name for h in capped.more] == ["Liability in Crashes", "Aviation Safety"]


def test_a_later_page_of_weaker_matches_says_so_first():
    # "more" after four strong technologies on water purification: the next twenty are weaker, and
    # the first words say so, not "20 technologies on water purification"
    weaker = [h.model_copy(update={"strong": False}) for h in HITS if h.record.kind == "signal"]
    page_two = PLAN.model_copy(update={"page": 2})
    markdown = compose_extractive(page_two, Ranked(hits=weaker, matched=9, total=9, strong=3, offset=3)).markdown
    assert markdown.startswith("**2 weaker matches** (2 signals) from 2 articles on “escalation Estonia”. The closest of them is")
    strong = compose_extractive(page_two, Ranked(hits=HITS, matched=9, total=9, strong=9, offset=3)).markdown
    assert strong.startswith("**4 records (2 signals, 2 concerns)**")


def test_a_count_with_nothing_of_the_kinds_asked_says_what_other_kinds_hold():
    from assistant.compose import compose_exhaustive

    weaker = [h.model_copy(update={"strong": False}) for h in HITS if h.record.kind == "signal"]
    page = Ranked(hits=weaker, matched=0)
    markdown = compose_exhaustive(PLAN, page, how="", facets={}, number=1, size=20, elsewhere={"technology": 9, "issue": 2}).markdown
    assert "Records of other kinds do: **11 records (9 technologies, 2 issues)** would be counted" in markdown


def test_an_answer_with_no_tied_row_says_where_the_tied_records_wait():
    from assistant.models import EntityRef

    plan = PLAN.model_copy(update={"entities": [EntityRef(name="Estonia", type="country")], "focus": "escalation"})
    untied = [h.model_copy(update={"anchor": None}) for h in HITS]
    waiting = [h.model_copy(update={"anchor": "direct", "strong": False}) for h in HITS[:1]]
    markdown = compose_extractive(plan, Ranked(hits=untied, matched=4, more=waiting)).markdown
    assert markdown.startswith("No record shown here mentions Estonia or comes from an article about it: those that do are weaker matches")
    alone = compose_extractive(plan, Ranked(hits=untied, matched=4)).markdown
    assert alone.startswith("No record here mentions Estonia or comes from an article about it; these are related context on “escalation”.")


def test_a_comparisons_shared_and_distinct_terms_are_the_same_from_one_process_to_the_next() -> None:
    # terms counted alike came out in a set's order, which Python's hash seed changes between processes
    code = (
        "from types import SimpleNamespace as N\n"
        "from assistant.compare import shared_and_distinct\n"
        "def hit(name, description, keywords):\n"
        "    return N(record=N(name=name, description=description), article=N(themes=[], keywords=keywords))\n"
        "a = [hit('Grid batteries', 'storage pumped hydro flywheels', ['energy', 'storage'])]\n"
        "b = [hit('Grid wind', 'turbines offshore cables kites', ['energy', 'wind'])]\n"
        "print(shared_and_distinct([a, b], ['A', 'B']))\n"
    )
    runs = {
        subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True, text=True, check=True).stdout
        for seed in ("1", "2", "3")
    }
    assert len(runs) == 1, runs

"""Analyst documents on our sample corpus: period digests (coverage checked, undated articles
counted), topic pages, outlooks (resting on the lookup's records), foresight cards (HTML sheet,
PNG images, QR codes), corpus themes; text shown as text; the exports each answer offers."""

from __future__ import annotations

import re
from datetime import date

import pytest

from assistant.citations import parse_markers
from assistant.export import formats_for, to_html, write, write_cards_png
from assistant.intents import REGISTRY, Context
from index import NodeFilter

MARCH = {
    "20250305a-ai-grading-teachers",
    "20250311c-baltic-undersea-cables",
    "20250314b-baltic-gps-jamming",
    "20250320-ai-traffic-signals-cities",
    "20250327b-flood-insurance-retreat",
}


def cited_resolve(answer) -> bool:
    numbers = {c.n for c in answer.citations}
    return bool(numbers) and set(parse_markers(answer.markdown)) <= numbers


def stored_rows_match(answer, desk) -> bool:
    """Every records table's cells (the Source and computed columns aside) are fields of one stored record."""
    records = desk.index.records([r.id for r in answer.records])
    values = [{str(v) for v in r.model_dump().values() if v not in (None, "")} for r in records.values()]
    for table in answer.tables:
        if table.source != "records":
            continue
        keep = [i for i, c in enumerate(table.columns) if c not in table.computed and c not in ("Source", "Kind")]
        for row in table.rows:
            cells = [row[i] for i in keep if row[i]]
            if not any(all(c in fields for c in cells) for fields in values):
                return False
    return True


@pytest.fixture(scope="module")
def march(desk):
    return desk.ask("digest of March 2025")


def test_a_month_digest_covers_every_article_of_the_month_in_themes(march, desk):
    assert march.plan["intent"] == "digest"
    document = march.document
    assert document and document.kind == "digest" and (document.since, document.until) == (date(2025, 3, 1), date(2025, 3, 31))
    covered = [a for t in document.themes for a in t.articles]
    assert sorted(covered) == sorted(MARCH)  # each article under exactly one theme
    assert 1 <= len(document.themes) <= 7 and all(t.label and t.terms for t in document.themes)
    assert document.articles == 5 and "**5 articles** curated in March 2025" in march.markdown
    assert "every article appears under one theme" in march.markdown
    assert document.undated == 1 and "1 article of the index carries no curation date" in march.markdown
    assert "silhouette" in document.quality


def test_a_digest_cites_only_its_sources_and_its_tables_quote_records(march, desk):
    assert cited_resolve(march)
    assert {c.article_id for c in march.citations} == MARCH
    assert march.records and stored_rows_match(march, desk)
    for theme in march.document.themes:
        assert f"Theme {march.document.themes.index(theme) + 1}: {theme.label}" in march.markdown


def test_every_sentence_of_a_digest_paragraph_ends_with_a_citation(march):
    paragraphs = [b for b in march.markdown.split("\n\n") if b.startswith("“") or b.startswith("Article ")]
    assert paragraphs
    for paragraph in paragraphs:
        for sentence in re.split(r"(?<=\]\.)\s+", paragraph):
            assert re.search(r"\[\d+(?:, \d+)*\]\.$", sentence), sentence


def test_a_week_a_quarter_and_a_year(desk):
    week = desk.ask("what was curated the week of 2025-03-09")
    assert {a for t in week.document.themes for a in t.articles} == {"20250311c-baltic-undersea-cables", "20250314b-baltic-gps-jamming"}
    quarter = desk.ask("digest of Q1 2025")
    assert quarter.document.articles == 6 and "Q1 2025" in quarter.markdown
    year = desk.ask("Summarize what was curated in 2025")
    dated = desk.index.article_dates(date(2025, 1, 1), date(2025, 12, 31))
    assert year.plan["intent"] == "digest" and year.document.articles == len(dated) >= 8
    assert len({d.month for d in dated.values()}) >= 4 and len(year.document.themes) <= 7


def test_a_period_without_dated_articles_degrades_and_says_why(desk):
    answer = desk.ask("digest of February 2021")
    assert answer.plan["intent"] == "lookup"
    assert answer.markdown.startswith("_No digest: no article is dated in February 2021.")
    assert "carry none (the tabular export carries no curation date" in answer.markdown
    later = desk.ask("digest since 2031")  # an open end is not closed at the corpus's last date
    assert later.markdown.startswith("_No digest: no article is dated since 2031-01-01.")


def test_a_topic_narrows_a_digest_to_its_articles(desk):
    answer = desk.ask("digest of AI in schools in 2025")
    articles = {a for t in answer.document.themes for a in t.articles}
    assert "20250305a-ai-grading-teachers" in articles and "20250314b-baltic-gps-jamming" not in articles


def test_a_topic_page_has_the_digest_then_ten_records_per_kind_then_the_articles(desk):
    answer = desk.ask("topic page on AI in schools")
    assert answer.plan["intent"] == "topic_page" and answer.document.kind == "topic_page"
    md = answer.markdown
    order = [md.index(h) for h in ("### Digest", "### Signals", "### Concerns", "### Behaviours", "### Issues", "### Technologies", "### Articles")]
    assert order == sorted(order)
    for kind in ("signal", "concern", "behavior", "issue", "technology"):
        assert sum(1 for r in answer.records if r.kind == kind) <= 10
    signals = next(t for t in answer.tables if t.title == "Signals")
    assert signals.columns[:5] == ["Name", "Description", "Change", "10-year", "Driving force"]
    assert "20250902c-ai-tutors-schools" in {c.article_id for c in answer.citations}
    assert cited_resolve(answer) and stored_rows_match(answer, desk)


def test_an_outlook_rests_on_the_lookups_records(desk):
    question = "Where is AI in education heading?"
    answer = desk.ask(question)
    assert answer.plan["intent"] == "outlook"
    plan = desk.plan(question).model_copy(update={"intent": "lookup"})
    lookup = REGISTRY["lookup"].run(Context(plan, desk.index, desk.settings.retrieval, desk.settings.retrieval.k)).answer
    ids = [r.id for r in answer.records]
    assert ids[: len(lookup.records)] == [r.id for r in lookup.records]
    assert [r.id for r in answer.more] == [r.id for r in lookup.more]
    md = answer.markdown
    assert md.index("### Today: the main shifts") < md.index("### Looking ahead: ten years out") < md.index("### What would change the picture")
    assert "supported by" in md and "driving force:" in md
    assert cited_resolve(answer) and stored_rows_match(answer, desk)
    # "more" is the next page of those records, not a second outlook that finds no strong match
    history = [{"role": "user", "content": question}, {"role": "assistant", "content": md}]
    more = desk.ask("more", history)
    assert more.plan["intent"] == "lookup" and "No outlook" not in more.markdown
    assert [r.id for r in more.records][: len(answer.more)] == [r.id for r in answer.more]


def test_an_outlook_says_how_much_of_it_is_about_the_place_asked(desk):
    # as a lookup's first lines and a briefing's bottom line do: here every record comes from the
    # Baltic cables article, which names Estonia, while none names it itself
    answer = desk.ask("What is the outlook for undersea cables around Estonia?")
    assert answer.plan["intent"] == "outlook"
    lead = answer.markdown.split("### Today")[0]
    assert f"**0** of these mention Estonia directly, {len(answer.records)} come from articles that do." in lead


def test_cards_say_how_much_of_them_is_about_the_place_asked(desk):
    answer = desk.ask("Make cards about drones in Estonia")
    lead = answer.markdown.split("### NOW")[0]
    assert "of these mention Estonia directly" in lead and "come from articles that do." in lead


def test_an_outlook_of_signals_only_says_it_left_out_concerns(desk):
    answer = desk.ask("Where is AI in education heading? Signals only.")
    assert answer.plan["intent"] == "outlook" and {r.kind for r in answer.records} == {"signal"}
    assert "_No concern or issue bears on this (the question asked for signals only)._" in answer.markdown


@pytest.fixture(scope="module")
def deck(desk):
    return desk.ask("NOW / NEAR / NEXT cards about AI in schools")


def test_cards_quote_their_records_and_label_horizons_by_the_rule(deck, desk):
    assert deck.plan["intent"] == "cards"
    cards = deck.document.cards
    assert cards and {c.horizon for c in cards} == {"NOW", "NEAR", "NEXT"}
    records = desk.index.records([i for c in cards for i in c.records])
    for card in cards:
        lead = records[card.records[0]]
        assert card.title == lead.name
        fields = [lead.description, lead.change, lead.horizon, lead.driving_force]
        for sentence in re.split(r"(?<=[.!?])\s+(?:Change: |Driving force: )?", card.text):
            assert any(sentence.rstrip(".") in (f or "") for f in fields) or any(
                sentence.rstrip(".") in (records[i].description or "") for i in card.records
            ), sentence
        expected = {"behavior": "NOW", "technology": "NOW", "concern": "NEAR", "issue": "NEAR"}.get(lead.kind)
        assert card.horizon == expected or lead.kind == "signal" and card.horizon in ("NEAR", "NEXT")
        assert card.url and card.url.startswith("https://") and card.n in {c.n for c in deck.citations}
    assert [c.horizon for c in cards] == sorted((c.horizon for c in cards), key=["NOW", "NEAR", "NEXT"].index)
    # the deck rests on the lookup's records
    assert {i for c in cards for i in c.records} <= {r.id for r in deck.records}


def test_cards_export_as_a_printable_sheet_and_png_images(deck, tmp_path):
    from PIL import Image

    assert formats_for(deck) == ["md", "docx", "csv", "html", "png"]
    sheet = write(deck, tmp_path / "cards.html").read_text(encoding="utf-8")
    assert sheet.count('class="card"') == len(deck.document.cards) and sheet.count("<svg") == len(deck.document.cards)
    assert "Horizon rule:" in sheet
    paths = write_cards_png(deck, tmp_path)
    assert len(paths) == len(deck.document.cards)
    with Image.open(paths[0]) as image:
        assert image.format == "PNG" and image.size == (900, 560)


def test_pages_export_to_html_and_docx_and_other_answers_do_not_offer_html(march, desk, tmp_path):
    page = to_html(march)
    assert page.startswith("<!doctype html>") and "<h2>Digest: March 2025</h2>" in page and "<table>" in page
    assert write(march, tmp_path / "digest.docx").stat().st_size > 0
    lookup = desk.ask("coral reefs")
    assert formats_for(lookup) == ["md", "docx", "csv"]
    with pytest.raises(ValueError, match="use .md or .docx"):
        write(lookup, tmp_path / "x.html")


def test_themes_of_a_year_and_which_are_growing(desk):
    year = desk.ask("what were the big themes of 2025?")
    assert year.plan["intent"] == "themes" and 1 <= len(year.document.themes) <= 7
    assert sum(year.facets["themes"].values()) == year.document.articles == len(desk.index.article_dates(date(2025, 1, 1), date(2025, 12, 31)))
    assert year.tables[0].columns == ["Theme", "Articles", "Dated articles per quarter", "Growth"]
    growing = desk.ask("which themes are growing?")
    assert growing.document.articles == len(desk.index.article_ids())
    assert "Growing:" in growing.markdown or "No theme has more dated articles" in growing.markdown
    assert cited_resolve(growing)
    topical = desk.ask("which themes are growing in the Baltic?")
    assert topical.plan["intent"] == "themes" and topical.markdown.startswith("## Themes of the whole corpus on “Baltic”")
    assert topical.document.articles < len(desk.index.article_ids())


def test_stored_text_stays_text_in_documents_and_their_html(hostile_desk, tmp_path):
    answer = hostile_desk.ask("digest of March 2025")
    assert answer.plan["intent"] == "digest" and answer.document.articles == 1
    assert "<img" not in answer.markdown.replace("\\<img", "")
    page = to_html(answer)
    assert "<img" not in page and "&lt;img" in page
    cards = hostile_desk.ask("NOW / NEAR / NEXT cards about zeppelin mooring masts")
    if cards.document:  # a deck: every stored text HTML-escaped on the sheet
        sheet = to_html(cards)
        assert "<img" not in sheet and "<a href" not in sheet


def test_vectors_and_dates_come_through_the_read_seam(desk):
    ids = desk.index.record_ids_of_articles(["20250320-ai-traffic-signals-cities"], NodeFilter())
    found, vectors = desk.index.vectors_of([*ids, "no-such-node"])
    assert found == ids and vectors.shape[0] == len(ids)
    dates = desk.index.article_dates(date(2025, 3, 1), date(2025, 3, 31))
    assert set(dates) == MARCH and dates["20250320-ai-traffic-signals-cities"] == date(2025, 3, 20)


def test_a_document_without_strong_records_of_the_kinds_asked_says_which_kinds_lack_them():
    from assistant.models import QueryPlan

    assert QueryPlan(question="q", query="x", kinds=["concern"]).nothing_of() == "no concern in the index"
    assert QueryPlan(question="q", query="x").nothing_of() == "nothing in the index"  # no record of any kind

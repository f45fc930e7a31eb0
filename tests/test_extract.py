"""LLM extraction at ingest, against our test server: a valid extraction gives records in all five
kinds (marked machine-extracted, searchable, cited); a malformed one is retried once, then
reported while the article stays indexed as passages; the article exports back to signal markdown."""

from __future__ import annotations

import json

from assistant import Assistant
from index import Article, Record, ingest
from index.__main__ import main as index_main
from index.catalog import Catalog
from index.export import to_markdown
from index.readers.markdown import parse_markdown, read_markdown
from index.records import stable_id
from index.search import SearchIndex

from .conftest import FIXTURES, llm_settings
from .fake_openai import Reply

ARTICLE_ID = stable_id("https://www.example-news.org/local/2025/02/riverton-heat-pump-subsidy-pilot")
EXTRACTION = {
    "summary": "Riverton will pay up to 70% of heat pump costs for 400 older terraced homes in a two-year pilot.",
    "keywords": ["heat pumps", "subsidy", "terraced homes", "retrofit"],
    "themes": ["energy transition", "housing"],
    "signals": [
        {"name": "Cities Subsidising Heat Pumps", "description": "A city council covers most of the cost of heat pumps in old homes.",
         "relevancy": 4, "change": "From national grants to city-run retrofit schemes.", "ten_year": "Cities may run street-by-street heating upgrades.",
         "driving_force": "Local climate targets and high heating bills."},
    ],
    "concerns": [{"name": "Too Few Qualified Installers", "description": "Contractors warn the city lacks trained heat pump engineers.", "relevancy": 4}],
    "behaviors": [{"name": "Street-by-Street Retrofits", "description": "Households are selected by street so whole terraces are done together.", "relevancy": 3}],
    "technologies": [{"name": "Air-Source Heat Pumps", "description": "Electric heat pumps replacing gas heating in solid-walled houses.", "relevancy": 9}],
    "issues": [{"name": "Renters Left Out", "description": "The first phase is limited to owner-occupiers.", "relevancy": 3}],
}


def extraction_reply() -> Reply:
    return Reply.json(EXTRACTION, match="signal_extraction")


def run(index_dir, server, embedder, *sources):
    return ingest([str(s) for s in sources or [FIXTURES / "article.html"]], llm_settings(server, index_dir=index_dir), embedder=embedder)


def test_a_valid_extraction_gives_records_in_all_five_kinds(tmp_path, openai_server, embedder):
    openai_server.script(extraction_reply())
    report = run(tmp_path / "idx", openai_server, embedder)
    assert report.ok and report.notes == []
    assert report.by_kind == {"signal": 1, "concern": 1, "behavior": 1, "technology": 1, "issue": 1}
    assert report.extracted == 5 and report.passages.added == 5 and report.summaries.added == 1

    sent = openai_server.chat_requests[0]
    assert sent.json["response_format"]["json_schema"]["name"] == "signal_extraction"
    assert "<article>\nRiverton pilots heat-pump subsidies" in sent.text() and "not instructions" in sent.text()

    catalog = Catalog(tmp_path / "idx")
    records = [Record.model_validate_json(d) for d in catalog.record_json(catalog.owned_record_ids([ARTICLE_ID])).values()]
    assert {r.kind for r in records} == {"signal", "concern", "behavior", "technology", "issue"}
    assert all(r.extracted for r in records)
    assert next(r for r in records if r.kind == "technology").relevancy is None  # 9 is not a relevancy
    article = catalog.articles([ARTICLE_ID])[ARTICLE_ID]
    assert article.summary.startswith("Riverton will pay") and article.themes == ["energy transition", "housing"]


def test_extracted_records_are_searchable_and_cited(tmp_path, openai_server, embedder):
    openai_server.script(extraction_reply())
    run(tmp_path / "idx", openai_server, embedder)
    settings = llm_settings(openai_server, index_dir=tmp_path / "idx")
    desk = Assistant(settings, index=SearchIndex(settings, embedder=embedder))
    openai_server.script(
        Reply.garbage(match="PlanDraft"),  # the rules plan
        Reply.text("Riverton is paying for heat pumps [1], but installers are scarce [1].", match="<sources>"),
    )
    answer = desk.ask("concerns about heat pump installers")
    assert answer.mode == "llm", answer.warnings
    assert [w.split(":")[0] for w in answer.warnings] == ["Planned by the rules"]  # the garbage plan, said
    assert [r.name for r in answer.records] == ["Too Few Qualified Installers"]
    assert answer.citations[0].article_id == ARTICLE_ID and answer.records[0].n == answer.citations[0].n == 1
    assert "Too Few Qualified Installers" in openai_server.chat_requests[-1].text()


def test_a_malformed_extraction_is_retried_once(tmp_path, openai_server, embedder):
    openai_server.script(Reply.json({"summary": "no lists"}, match="signal_extraction"), extraction_reply())
    report = run(tmp_path / "idx", openai_server, embedder)
    assert report.ok and report.extracted == 5 and len(openai_server.chat_requests) == 2


def test_a_malformed_extraction_twice_is_reported_and_the_passages_stay(tmp_path, openai_server, embedder):
    openai_server.script(Reply.garbage(match="signal_extraction"), Reply.json({"summary": 3}, match="signal_extraction"))
    report = run(tmp_path / "idx", openai_server, embedder)
    assert not report.ok and len(openai_server.chat_requests) == 2
    [failure] = report.failures
    assert failure.source.endswith("article.html")
    assert failure.reason.startswith("signals not extracted (the article is indexed as passages): ")
    assert "not a valid Extraction" in failure.reason
    assert report.records.read == 0 and report.passages.added == 5 and report.articles == 1


def test_an_unreachable_model_is_reported_and_the_passages_stay(tmp_path, closed_port, embedder):
    from index import Settings

    settings = Settings(index_dir=tmp_path / "idx", llm_model="m", openai_base_url=f"http://127.0.0.1:{closed_port}/v1")
    report = ingest([str(FIXTURES / "article.html")], settings, embedder=embedder)
    assert "refused the connection" in report.failures[0].reason and report.passages.added == 5


def test_re_ingesting_reuses_the_extraction(tmp_path, openai_server, embedder):
    openai_server.script(extraction_reply())
    run(tmp_path / "idx", openai_server, embedder)
    again = run(tmp_path / "idx", openai_server, embedder)
    assert len(openai_server.chat_requests) == 1
    assert again.records.unchanged == 5 and again.embedded == 0 and again.extracted == 5


def test_an_extracted_article_exports_to_markdown_that_reads_back(tmp_path, openai_server, embedder, capsys):
    openai_server.script(extraction_reply())
    run(tmp_path / "idx", openai_server, embedder)
    assert index_main(["export", "--index", str(tmp_path / "idx"), "--out", str(tmp_path / "out")]) == 0
    path = tmp_path / "out" / f"{ARTICLE_ID}.md"
    assert capsys.readouterr().out.strip() == str(path)

    item = read_markdown(path)
    catalog = Catalog(tmp_path / "idx")
    stored = {Record.model_validate_json(d).id for d in catalog.record_json(catalog.owned_record_ids([ARTICLE_ID])).values()}
    assert {r.id for r in item.records} == stored  # same article id, same records
    assert item.article.title == "Riverton pilots heat-pump subsidies for older terraced homes"
    assert str(item.article.date) == "2025-02-18" and item.article.url.startswith("https://www.example-news.org/")
    assert item.article.keywords == EXTRACTION["keywords"] and item.article.summary == EXTRACTION["summary"]
    assert "machine-extracted" in path.read_text()


def test_export_round_trips_awkward_text():
    article = Article(id="x", title="Pipes | stars * and _under_ [brackets]", category="tech", summary="A <b>bold</b> claim.")
    records = [
        Record(article_id="x", kind="signal", name="A | B", description="Uses *stars* and `ticks`", change="x \\ y", horizon="#1", driving_force="", relevancy=5),
        Record(article_id="x", kind="issue", name="Only name", relevancy=None),
    ]
    item = parse_markdown(to_markdown(article, records), article_id="x")
    assert [(r.name, r.description, r.change, r.horizon, r.relevancy) for r in item.records] == [
        ("A | B", "Uses *stars* and `ticks`", "x \\ y", "#1", 5),
        ("Only name", "", None, None, None),
    ]
    assert item.article.title == article.title and item.article.category == "tech" and item.article.summary == article.summary
    assert item.problems == []


def test_export_of_an_unknown_article_says_so(tmp_path, openai_server, embedder, capsys):
    openai_server.script(extraction_reply())
    run(tmp_path / "idx", openai_server, embedder)
    assert index_main(["export", "missing", "--index", str(tmp_path / "idx")]) == 1
    assert "no such article" in capsys.readouterr().err


def test_the_report_json_keeps_the_design_keys(tmp_path, openai_server, embedder):
    openai_server.script(extraction_reply())
    data = json.loads(run(tmp_path / "idx", openai_server, embedder).model_dump_json())
    assert set(data) >= {"articles", "records", "by_kind", "failures", "seconds", "passages", "extracted", "notes"}

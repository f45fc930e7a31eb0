"""Web articles without a model: trafilatura reads the saved page, the text is indexed as sentence
passages (never records), and answers quote and cite the passages that match."""

from __future__ import annotations

from datetime import date

import pytest

from assistant import Assistant
from index import Settings, ingest
from index.fetch import FetchPolicy
from index.nodes import passages, sentences
from index.readers import read_source
from index.readers.web import canonical_url
from index.records import stable_id
from index.search import SearchIndex

from .conftest import FIXTURES

CANONICAL = "https://www.example-news.org/local/2025/02/riverton-heat-pump-subsidy-pilot"


def test_a_saved_page_becomes_an_article_with_its_text():
    [item] = read_source(str(FIXTURES / "article.html"))
    article = item.article
    assert article.title == "Riverton pilots heat-pump subsidies for older terraced homes"
    assert article.date == date(2025, 2, 18) and article.url == CANONICAL
    assert article.id == stable_id(CANONICAL)
    assert "Councillor Ade Okafor" in article.body and "fixed-price installation" in article.body
    for noise in ("not suitable", "renters are always left until last", "cookies", "Related stories", "Subscribe"):
        assert noise not in article.body  # comments, banners, navigation and asides are left out
    assert item.records == []


def test_the_same_article_by_url_has_the_same_id(html_server):
    [by_url] = read_source(html_server.url("/article.html"), FetchPolicy(timeout=5, allow_private=True))
    [by_file] = read_source(str(FIXTURES / "article.html"))
    assert by_url.article.id == by_file.article.id
    assert by_url.article.source == html_server.url("/article.html")


def test_a_page_without_a_canonical_link_is_named_by_its_address(html_server):
    html_server.page("/plain.html", "<html><head><title>Plain</title></head><body><article><p>" + "A sentence about tides. " * 20 + "</p></article></body></html>")
    [item] = read_source(html_server.url("/plain.html?utm_source=x#top"), FetchPolicy(timeout=5, allow_private=True))
    assert item.article.url == html_server.url("/plain.html")


def test_a_page_without_text_is_a_source_error(tmp_path):
    from index.errors import SourceError

    page = tmp_path / "empty.html"
    page.write_text("<html><body><nav>Home</nav></body></html>")
    with pytest.raises(SourceError, match="no article text"):
        read_source(str(page))


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("HTTPS://Example.ORG:443/a/b?utm_source=x&id=3#frag", "https://example.org/a/b?id=3"),
        ("http://example.org", "http://example.org/"),
        ("http://example.org:8080/x?fbclid=1", "http://example.org:8080/x"),
    ],
)
def test_canonical_urls(url, canonical):
    assert canonical_url(url) == canonical


def test_sentences_and_passages():
    assert sentences('He said "Go." Then he left. The U.S. rate is 3.5 percent. Next (maybe).') == [
        'He said "Go."', "Then he left.", "The U.S. rate is 3.5 percent.", "Next (maybe).",
    ]
    body = "Title line\n" + " ".join(f"Sentence number {i} is here." for i in range(60))
    cut = passages(body, size=200)
    assert cut[0].startswith("Title line Sentence number 0")
    assert all(len(p) <= 230 for p in cut) and all(p.endswith(".") for p in cut)
    assert " ".join(cut).split() == body.split()


@pytest.fixture(scope="module")
def web_index(tmp_path_factory, embedder):
    index_dir = tmp_path_factory.mktemp("web-index")
    report = ingest([str(FIXTURES / "article.html"), str(FIXTURES / "current.md")], Settings(index_dir=index_dir), embedder=embedder)
    settings = Settings(index_dir=index_dir)
    return report, Assistant(settings, index=SearchIndex(settings, embedder=embedder))


def test_without_a_model_the_page_is_indexed_as_passages_and_the_report_says_so(web_index):
    report, _ = web_index
    assert report.ok and report.articles == 2
    assert report.passages.added == 5 and report.extracted == 0
    assert report.notes == [
        "no signals were extracted from 1 web article(s), which are searchable as passages only: set SIGNAL_DESK_LLM_MODEL to extract them"
    ]


def test_passages_are_searchable_quoted_and_cited(web_index):
    _, desk = web_index
    answer = desk.ask("Riverton heat pump subsidy pilot for terraced homes")
    assert answer.passages and {p.article_id for p in answer.passages} == {stable_id(CANONICAL)}
    web = next(c for c in answer.citations if c.article_id == stable_id(CANONICAL))
    assert web.url == CANONICAL and web.date == "2025-02-18"
    assert "### From web articles" in answer.markdown and f"[{web.n}]" in answer.markdown
    assert all(p.n == web.n for p in answer.passages)
    assert "Riverton City Council has launched" in answer.markdown


def test_passages_never_become_records(web_index):
    _, desk = web_index
    answer = desk.ask("Riverton heat pump subsidy pilot for terraced homes")
    passage_ids = {p.id for p in answer.passages}
    assert not passage_ids & {r.id for r in answer.records}
    assert all(r.article_id != stable_id(CANONICAL) for r in answer.records)
    asked_for_kinds = desk.ask("technologies for Riverton heat pump subsidies")
    assert asked_for_kinds.passages == []


def test_a_question_only_passages_answer_says_so(web_index):
    _, desk = web_index
    answer = desk.ask("Riverton terraced homes heat pump pilot Eastfield Millbrook")
    if not answer.records:
        assert answer.markdown.startswith("No stored records match")
    assert answer.passages

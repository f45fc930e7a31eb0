"""The Gradio app, served for real on 127.0.0.1 and driven through gradio_client: the public API
(`/chat`, `/card`) and every handler of the page (ask, chips, paging, cards, row actions, the
notebook, explore, ingest), each on the client's own session."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from .conftest import FIXTURES

gradio_client = pytest.importorskip("gradio_client")

ESTONIA = "What escalation signals involve Estonia?"
# The page handlers' outputs, in order (desk_ui/layout.py: `names`; the session state, the tabs
# and the drawer are not part of the API).
OUT = ["conversation", "answer", "evidence_title", "evidence", "timeline", "notebook", "entry", "card", "downloads", "question", "row"]


def page(values) -> dict:
    return dict(zip(OUT, values, strict=True))


def path_of(output) -> str:
    """A file output's local path (a visible-making update carries it as its value)."""
    return str(output["value"] if isinstance(output, dict) else output)


def entries(notebook_html: str) -> int:
    return notebook_html.split("</ol>", 1)[0].count("<li>")


def act(client, op: str, turn: int, **data) -> dict:
    return page(client.predict(json.dumps({"op": op, "turn": turn, **data}), api_name="/act"))


def launch(desk):
    import app

    demo = app.build_app(desk)
    demo.queue().launch(server_name="127.0.0.1", server_port=None, prevent_thread_lock=True, quiet=True)
    return demo


@pytest.fixture(scope="module")
def served(desk):
    demo = launch(desk)
    yield demo.local_url
    demo.close()


@pytest.fixture
def client(served):
    return gradio_client.Client(served, verbose=False)


# the public API


def test_chat_needs_only_the_question(client):
    text, answer = client.predict(ESTONIA, api_name="/chat")
    assert "Rise of GPS Jamming Over the Baltic" in text
    assert answer["understood"] == "lookup · topic “escalation Estonia” · anchored on Estonia · kinds signal"
    assert "Drone Incursions Into NATO Airspace" in [r["name"] for r in answer["records"]]
    assert "example-news.org" in text  # the sources, with their own URLs


def test_chat_filters_edits_and_pages(client):
    _, answer = client.predict("coral reef restoration", kinds=["technology"], api_name="/chat")
    assert answer["records"] and {r["kind"] for r in answer["records"]} == {"technology"}
    _, widened = client.predict("concerns about space debris", edits={"drop": ["kinds"]}, api_name="/chat")
    assert widened["plan"]["kinds"] == [] and len({r["kind"] for r in widened["records"]}) > 1
    _, second = client.predict("How many signals are there?", page=2, api_name="/chat")
    assert second["facets"]["page"] == 2 and "Showing 21–40 of 90" in second["markdown"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"since": "soon"}, "Since 'soon' is not a date"), ({"edits": {"drop": ["mood"]}}, "drop"), ({"page": 0}, "pages are numbered from 1")],
)
def test_bad_inputs_are_a_message_not_a_crash(client, kwargs, message):
    text, answer = client.predict("coral reefs", **kwargs, api_name="/chat")
    assert text.startswith("⚠️") and message in answer["error"]


def test_a_time_question_has_its_months(client):
    _, answer = client.predict("What is new since 2025?", api_name="/chat")
    assert "Records per month" in answer["markdown"] and "2025-01" in answer["facets"]["month"]


def test_card_api(client):
    _, answer = client.predict(ESTONIA, api_name="/chat")
    source = answer["citations"][0]
    text, card = client.predict(source["article_id"], [answer["records"][0]["id"]], api_name="/card")
    assert card["name"] == source["title"] and text.startswith(f"## {source['title']}")
    assert sum(r["cited"] for r in card["records"]) == 1 and len(card["records"]) > 10
    text, card = client.predict("no-such-article", api_name="/card")
    assert text.startswith("⚠️") and "No article" in card["error"]


# the page, one session per client


def test_ask_then_remove_the_kind_chip_reruns_over_every_kind(client):
    first = page(client.predict("concerns about space debris", api_name="/ask"))
    assert first["answer"]["plan"]["kinds"] == ["concern"] and 'data-key="kind:concern"' in first["conversation"]
    rerun = act(client, "drop", 0, key="kind:concern")
    assert rerun["answer"]["plan"]["kinds"] == [] and len({r["kind"] for r in rerun["answer"]["records"]}) > 1
    assert rerun["answer"]["plan"]["notes"] == ["Every record kind searched (the question asked for concern)."]
    assert rerun["conversation"].count('class="sd-turn"') == 2 and "kind concern removed" in rerun["conversation"]
    changed = act(client, "set", 1, key="intent", value="count")
    assert changed["answer"]["plan"]["intent"] == "count" and changed["answer"]["plan"]["kinds"] == []


def test_more_shows_page_2_of_a_count(client):
    first = page(client.predict("How many signals are there?", api_name="/ask"))
    assert first["answer"]["facets"]["page"] == 1 and "More: page 2 of 5" in first["conversation"]
    second = act(client, "more", 0)
    assert second["answer"]["facets"]["page"] == 2 and "Showing 21–40 of 90 (page 2 of 5)" in second["answer"]["markdown"]
    assert {r["id"] for r in second["answer"]["records"]}.isdisjoint(r["id"] for r in first["answer"]["records"])
    typed = page(client.predict("more", api_name="/ask"))  # typing it continues the conversation the same way
    assert typed["answer"]["facets"]["page"] == 3


def test_a_citation_opens_the_article_card(client):
    first = page(client.predict(ESTONIA, api_name="/ask"))
    assert 'class="sd-cite" href="#sd-src-0-1" data-act="cite" data-n="1"' in first["conversation"]
    opened = act(client, "cite", 0, n=1)
    title = first["answer"]["citations"][0]["title"]
    assert f"<h2 class=\"sd-card-title\">{title}</h2>" in opened["card"]  # (the drawer opens in the page: tests/test_browser.py)
    cited = sum(1 for r in first["answer"]["records"] if r["article_id"] == first["answer"]["citations"][0]["article_id"])
    assert opened["card"].count('class="sd-cited"') == cited


def test_row_actions_and_a_notebook_of_two_answers_exports_renumbered(client, tmp_path):
    from docx import Document

    from assistant.citations import parse_markers

    page(client.predict(ESTONIA, api_name="/ask"))
    act(client, "pin", 0)
    second = page(client.predict("concerns about space debris", api_name="/ask"))
    pinned = act(client, "pin", 1)
    assert entries(pinned["notebook"]) == 2 and "Preview the report" in pinned["notebook"]
    shown = second["evidence"]["data"]
    assert len(shown) == len(second["answer"]["records"])
    hidden = page(client.predict(0, api_name="/hide_row"))
    assert len(hidden["evidence"]["data"]) == len(shown) - 1 and "1 hidden as irrelevant" in hidden["evidence_title"]
    rows = page(client.predict(0, api_name="/pin_row"))
    assert entries(rows["notebook"]) == 3
    removed = page(client.predict(2, api_name="/notebook_remove"))
    assert entries(removed["notebook"]) == 2
    path = path_of(client.predict("docx", api_name="/notebook_export"))
    assert path.endswith(".docx") and "notebook-what-escalation-signals-involve-estonia" in path
    text = "\n".join(p.text for p in Document(path).paragraphs)
    body, sources = text.split("\nSources\n", 1)
    numbers = sorted(set(parse_markers(body)))
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 3  # Estonia cites 2 articles, debris 1 more
    assert [int(n) for n in __import__("re").findall(r"^\[(\d+)\]", sources, flags=__import__("re").M)] == numbers
    md = path_of(client.predict("md", api_name="/notebook_export"))
    assert md.endswith(".md") and open(md, encoding="utf-8").read().count("## Sources") == 1


def test_an_answer_downloads_under_its_question(client):
    page(client.predict("concerns about space debris", api_name="/ask"))
    for fmt in ("md", "docx", "csv"):
        got = act(client, "export", 0, value=fmt)
        name = path_of(got["downloads"]).rsplit("/", 1)[-1]
        assert name.startswith("concerns-about-space-debris-20") and name.endswith(f".{fmt}")


def test_new_chat_keeps_the_notebook(client):
    page(client.predict("concerns about space debris", api_name="/ask"))
    act(client, "pin", 0)
    fresh = page(client.predict(api_name="/new_chat"))
    assert "sd-welcome" in fresh["conversation"]
    assert path_of(client.predict("md", api_name="/notebook_export")).endswith(".md")  # the pinned answer is still there


def test_explore_overview_and_records_browser(client):
    text, kinds, relevancy, months, themes, keywords, clusters = client.predict(api_name="/overview")
    assert "24 articles · 367 records" in text
    assert {row[0]: row[1] for row in kinds["data"]} == {"signal": 90, "concern": 75, "behavior": 68, "technology": 68, "issue": 66}
    assert themes["data"][0][0] in ("artificial intelligence", "climate", "consumer behaviour")
    count, table = client.predict("drone", ["concern"], 0, "relevancy", api_name="/browse")
    assert count.startswith("**") and table["data"] and {row[0] for row in table["data"]} == {"concern"}
    assert all("drone" in (row[1] + row[2]).lower() for row in table["data"])
    path = path_of(client.predict("drone", ["concern"], 0, "relevancy", api_name="/browse_csv"))
    assert open(path, encoding="utf-8").read().count("\n") == len(table["data"]) + 1
    with pytest.raises(Exception, match="at least 3 characters"):
        client.predict("dr", [], 0, "relevancy", api_name="/browse")


# ingest: a copy of the sample index, with a small upload limit


@pytest.fixture(scope="module")
def writable(tmp_path_factory, sample_index, embedder):
    from assistant import Assistant
    from index import Settings
    from index.search import SearchIndex

    copy = tmp_path_factory.mktemp("ingest-index") / "index"
    shutil.copytree(sample_index, copy)
    settings = Settings(index_dir=copy, max_file_bytes=50_000)
    demo = launch(Assistant(settings, index=SearchIndex(settings, embedder=embedder)))
    yield demo.local_url, copy
    demo.close()


def upload(url: str, name: str, content: bytes) -> dict:
    """Upload as a browser would, under any file name (gradio_client sends only the local name)."""
    import httpx

    [path] = httpx.post(f"{url.rstrip('/')}/gradio_api/upload", files={"files": (name, content, "text/markdown")}).json()
    return {"path": path, "meta": {"_type": "gradio.FileData"}, "orig_name": name}


def test_an_upload_is_stored_inside_the_index_and_answerable_at_once(writable):
    url, index_dir = writable
    client = gradio_client.Client(url, verbose=False)
    _, before = client.predict("drone sightings at Zürich Airport", api_name="/chat")
    assert "Drone Sightings Halt Flights at Zürich Airport" not in [c["title"] for c in before["citations"]]
    report, *_ = client.predict([upload(url, "../../etc/x.md", (FIXTURES / "current.md").read_bytes())], "", api_name="/ingest")
    assert "**Ingested**: 1 articles" in report and "Everything was read" in report
    assert (index_dir / "uploads" / "x.md").is_file() and not (index_dir.parent / "etc").exists()
    _, after = client.predict("drone sightings at Zürich Airport", api_name="/chat")
    assert after["citations"][0]["title"] == "Drone Sightings Halt Flights at Zürich Airport as Europe Tightens Airspace Rules"


def test_oversized_and_unsupported_uploads_are_refused_with_a_message(writable):
    url, index_dir = writable
    client = gradio_client.Client(url, verbose=False)
    files = [upload(url, "big.md", b"# x\n" + b"y" * 60_000), upload(url, "tool.exe", b"MZ")]
    report, *_ = client.predict(files, "file:///etc/passwd", api_name="/ingest")
    assert "big.md: 60,004 bytes, over the limit of 50,000" in report and "tool.exe: not a file the desk reads (.exe)" in report
    assert "file:///etc/passwd: not an http(s) URL" in report
    assert not (index_dir / "uploads" / "big.md").exists() and not (index_dir / "uploads" / "tool.exe").exists()


def test_gradio_queue_statistics_are_bounded_unless_set(monkeypatch):
    """Gradio's defaults (10,000 events, a pandas summary after each) cost CPU per question under
    load; the app bounds them, and a value set in the environment wins."""
    from desk_ui.layout import quiet_queue_statistics

    monkeypatch.delenv("GRADIO_ANALYTICS_MAX_EVENTS", raising=False)
    monkeypatch.setenv("GRADIO_ANALYTICS_CACHE_FREQUENCY", "7")
    quiet_queue_statistics()
    assert os.environ["GRADIO_ANALYTICS_MAX_EVENTS"] == "1000"
    assert os.environ["GRADIO_ANALYTICS_CACHE_FREQUENCY"] == "7"

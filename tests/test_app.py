"""The Gradio app, served for real on 127.0.0.1 and driven through gradio_client."""

from __future__ import annotations

import pytest

gradio_client = pytest.importorskip("gradio_client")


@pytest.fixture(scope="module")
def served(desk):
    import app

    demo = app.build_app(desk)
    demo.queue().launch(server_name="127.0.0.1", server_port=None, prevent_thread_lock=True, quiet=True)
    yield demo.local_url
    demo.close()


def test_chat_answers_with_records_and_sources(served):
    client = gradio_client.Client(served, verbose=False)
    text, records, sources, files, _ = client.predict(
        "What escalation signals involve Estonia?", [], 0, "", "", api_name="/chat"
    )
    assert [f.rsplit(".", 1)[-1] for f in files] == ["md"]
    both = client.predict(api_name="/export")  # the Word file on request, for the session's last answer
    assert sorted(f.rsplit(".", 1)[-1] for f in both) == ["docx", "md"]
    assert "Rise of GPS Jamming Over the Baltic" in text
    names = [row[2] for row in records]
    assert "Drone Incursions Into NATO Airspace" in names
    assert "example-news.org" in sources


def test_filters_from_the_ui_apply(served):
    client = gradio_client.Client(served, verbose=False)
    _, records, *_ = client.predict("coral reef restoration", ["technology"], 0, "", "", api_name="/chat")
    assert records and {row[1] for row in records} == {"technology"}


def test_bad_date_in_the_ui_is_a_message_not_a_crash(served):
    client = gradio_client.Client(served, verbose=False)
    text, *_ = client.predict("coral reefs", [], 0, "soon", "", api_name="/chat")
    assert text.startswith("⚠️")


def test_a_time_question_fills_the_timeline(served):
    client = gradio_client.Client(served, verbose=False)
    text, _, _, _, plot = client.predict("What is new since 2025?", [], 0, "", "", api_name="/chat")
    assert "Records per month" in text
    assert plot["visible"] is True and "2025-01" in str(plot["value"])

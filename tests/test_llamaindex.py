"""Signal Desk's retrieval as a LlamaIndex retriever, under a real RetrieverQueryEngine whose LLM
talks to our loopback OpenAI-compatible server through the real `openai` client."""

from __future__ import annotations

import pytest

from .conftest import llm_settings
from .fake_openai import Reply

pytest.importorskip("llama_index.core")

QUESTION = "What escalation signals involve Estonia?"


def test_the_retriever_returns_the_answers_records_with_their_fields(desk):
    from assistant.llamaindex import SignalDeskRetriever

    nodes = SignalDeskRetriever(desk, k=6).retrieve(QUESTION)
    answer = desk.ask(QUESTION, k=6)
    assert [n.node.node_id for n in nodes] == [r.id for r in answer.records]
    first = nodes[0].node.metadata
    assert first["name"] == "Rise of GPS Jamming Over the Baltic" and first["kind"] == "signal"
    assert first["relevancy"] == 5 and first["page"] == "20250314b" and first["url"].startswith("https://")
    assert nodes[0].score >= nodes[-1].score
    assert "Satellite navigation interference" in nodes[0].node.get_content()


def test_the_retrievers_filters_apply(desk):
    from assistant.llamaindex import SignalDeskRetriever

    nodes = SignalDeskRetriever(desk, k=10, kinds=["technology"]).retrieve("coral reef restoration")
    assert nodes and {n.node.metadata["kind"] for n in nodes} == {"technology"}


def test_a_retriever_query_engine_answers_over_signal_desk(desk, openai_server):
    from llama_index.core.query_engine import RetrieverQueryEngine

    from assistant.llamaindex import SignalDeskLLM, SignalDeskRetriever

    openai_server.script(Reply.text("GPS jamming and drone incursions over the Baltic."))
    engine = RetrieverQueryEngine.from_args(SignalDeskRetriever(desk, k=5), llm=SignalDeskLLM(llm_settings(openai_server)))
    response = engine.query(QUESTION)
    assert str(response) == "GPS jamming and drone incursions over the Baltic."
    assert response.source_nodes[0].node.metadata["name"] == "Rise of GPS Jamming Over the Baltic"
    prompt = openai_server.chat_requests[-1].text()
    assert "Rise of GPS Jamming Over the Baltic" in prompt and QUESTION in prompt
    assert "kind: signal" in prompt and "record_id" not in prompt  # the fields meant for the model, not the ids


def test_the_llm_streams_through_the_same_client(openai_server):
    from assistant.llamaindex import SignalDeskLLM

    openai_server.script(Reply.text("one two three"))
    chunks = list(SignalDeskLLM(llm_settings(openai_server)).stream_complete("say it"))
    assert chunks[-1].text == "one two three" and len(chunks) > 1

"""The LLM client end to end: the real `openai` SDK against our test server on 127.0.0.1, every
fault mapped to one error of our family with a message the user can act on."""

from __future__ import annotations

import time

import pytest
from pydantic import BaseModel

from index import (
    ConfigError,
    LLMDeadlineError,
    LLMEmptyReplyError,
    LLMRateLimitError,
    LLMRequestError,
    LLMResponseError,
    LLMServerError,
    LLMStalledError,
    LLMTimeoutError,
    LLMUnavailableError,
    Settings,
)
from index.llm_client import LLMClient, retry_after, strict_schema

from .conftest import llm_settings
from .fake_openai import Reply

ASK = [{"role": "user", "content": "hello"}]


@pytest.fixture
def client(openai_server):
    return LLMClient(llm_settings(openai_server))


class Pair(BaseModel):
    a: int
    b: str | None = None


def test_complete_returns_the_reply_and_sends_the_model(client, openai_server):
    openai_server.script(Reply.text("Hi there."))
    assert client.complete(ASK) == "Hi there."
    sent = openai_server.chat_requests[0]
    assert sent.json["model"] == "test-chat" and sent.json["messages"] == ASK


def test_stream_yields_the_tokens_in_order(client, openai_server):
    openai_server.script(Reply.text("One two three."))
    assert list(client.stream(ASK)) == ["One", " two", " three."]
    assert openai_server.chat_requests[0].json["stream"] is True


def test_a_429_is_retried_once_after_its_retry_after(client, openai_server):
    openai_server.script(Reply.error(429, headers={"Retry-After": "1"}), Reply.text("ok"))
    started = time.monotonic()
    assert client.complete(ASK) == "ok"
    assert time.monotonic() - started >= 0.95 and len(openai_server.chat_requests) == 2


def test_a_second_429_is_a_rate_limit_error(client, openai_server):
    openai_server.script(*[Reply.error(429, headers={"retry-after-ms": "50"})] * 2)
    with pytest.raises(LLMRateLimitError, match="429"):
        client.complete(ASK)
    assert len(openai_server.chat_requests) == 2


def test_a_429_asking_too_long_a_wait_fails_at_once(client, openai_server):
    openai_server.script(Reply.error(429, headers={"Retry-After": "3600"}))
    with pytest.raises(LLMRateLimitError, match="SIGNAL_DESK_LLM_RETRY_AFTER_MAX"):
        client.complete(ASK)
    assert len(openai_server.chat_requests) == 1


@pytest.mark.parametrize("stream", [False, True])
def test_a_5xx_is_a_server_error(client, openai_server, stream):
    openai_server.script(Reply.error(503, "overloaded"))
    with pytest.raises(LLMServerError, match="HTTP 503: overloaded"):
        list(client.stream(ASK)) if stream else client.complete(ASK)


@pytest.mark.parametrize("stream", [False, True])
def test_a_refused_connection_says_check_openai_base_url(closed_port, stream):
    client = LLMClient(Settings(llm_model="m", openai_base_url=f"http://127.0.0.1:{closed_port}/v1"))
    with pytest.raises(LLMUnavailableError, match=rf"Check OPENAI_BASE_URL; the server at http://127.0.0.1:{closed_port}/v1 refused"):
        list(client.stream(ASK)) if stream else client.complete(ASK)


def test_a_slow_server_times_out(openai_server):
    client = LLMClient(llm_settings(openai_server, llm_timeout=0.3))
    openai_server.script(Reply.text("late", delay=3))
    started = time.monotonic()
    with pytest.raises(LLMTimeoutError, match="SIGNAL_DESK_LLM_TIMEOUT"):
        client.complete(ASK)
    assert time.monotonic() - started < 2


def test_a_stream_that_stops_sending_is_stalled(client, openai_server):
    openai_server.script(Reply.stall("one two three four", after=2))
    received = []
    with pytest.raises(LLMStalledError, match="no token for 0.5 s"):
        for token in client.stream(ASK):
            received.append(token)
    assert received == ["one", " two"]


def test_a_stream_that_never_starts_is_stalled(client, openai_server):
    openai_server.script(Reply.text("late", delay=3))
    with pytest.raises(LLMStalledError):
        list(client.stream(ASK))


def test_a_stream_that_drips_is_abandoned_at_its_deadline(openai_server):
    """A token every 0.1 s never stalls (0.5 s stall timeout), but the whole answer may take 1 s only."""
    client = LLMClient(llm_settings(openai_server, llm_answer_deadline=1.0))
    openai_server.script(Reply.text("word " * 200, token_delay=0.1))
    received = []
    started = time.monotonic()
    with pytest.raises(LLMDeadlineError, match="still writing the answer after 1 s; .* SIGNAL_DESK_LLM_ANSWER_DEADLINE"):
        for token in client.stream(ASK):
            received.append(token)
    assert time.monotonic() - started < 1.6
    assert 3 <= len(received) < 20


@pytest.mark.parametrize("stream", [False, True])
def test_garbage_is_a_malformed_reply(client, openai_server, stream):
    openai_server.script(Reply.garbage())
    with pytest.raises(LLMResponseError, match="malformed"):
        list(client.stream(ASK)) if stream else client.complete(ASK)


@pytest.mark.parametrize("stream", [False, True])
def test_an_empty_reply_is_an_error(client, openai_server, stream):
    openai_server.script(Reply.empty())
    with pytest.raises(LLMEmptyReplyError):
        list(client.stream(ASK)) if stream else client.complete(ASK)


def test_an_unknown_model_names_the_setting(client, openai_server):
    openai_server.script(Reply.error(404, "model not found"))
    with pytest.raises(LLMRequestError, match="SIGNAL_DESK_LLM_MODEL"):
        client.complete(ASK)


def test_a_rejected_key_names_the_setting(client, openai_server):
    openai_server.script(Reply.error(401, "bad key"))
    with pytest.raises(LLMRequestError, match="OPENAI_API_KEY"):
        client.complete(ASK)


def test_structured_output_sends_a_strict_json_schema(client, openai_server):
    openai_server.script(Reply.json({"a": 1, "b": None}))
    assert client.structured(ASK, Pair, name="pair") == Pair(a=1)
    fmt = openai_server.chat_requests[0].json["response_format"]
    assert fmt["type"] == "json_schema" and fmt["json_schema"]["strict"] is True
    schema = fmt["json_schema"]["schema"]
    assert schema["required"] == ["a", "b"] and schema["additionalProperties"] is False


def test_structured_output_falls_back_to_json_mode_when_the_schema_is_rejected(client, openai_server):
    openai_server.script(Reply.error(400, "response_format json_schema is not supported"), Reply.json({"a": 2, "b": "x"}))
    assert client.structured(ASK, Pair, name="pair") == Pair(a=2, b="x")
    second = openai_server.chat_requests[1].json
    assert second["response_format"] == {"type": "json_object"}
    assert "JSON schema" in second["messages"][-1]["content"] and '"a"' in second["messages"][-1]["content"]
    openai_server.script(Reply.json({"a": 3, "b": None}))
    client.structured(ASK, Pair, name="pair")  # remembered: no second rejected attempt
    assert openai_server.chat_requests[2].json["response_format"] == {"type": "json_object"}


def test_structured_output_reads_tool_call_arguments(client, openai_server):
    openai_server.script(Reply.tool_call("pair", {"a": 5, "b": "y"}))
    assert client.structured(ASK, Pair, name="pair") == Pair(a=5, b="y")


def test_structured_output_that_fails_validation_is_malformed(client, openai_server):
    openai_server.script(Reply.json({"a": "many"}))
    with pytest.raises(LLMResponseError, match="not a valid Pair"):
        client.structured(ASK, Pair, name="pair")


def test_structured_output_tolerates_a_code_fence(client, openai_server):
    openai_server.script(Reply.text('```json\n{"a": 7, "b": null}\n```'))
    assert client.structured(ASK, Pair, name="pair").a == 7


def test_a_model_on_openai_without_a_key_is_a_config_error():
    with pytest.raises(ConfigError, match="OPENAI_API_KEY"):
        LLMClient(Settings(llm_model="gpt-4o-mini"))


def test_a_local_server_needs_no_key(openai_server):
    openai_server.script(Reply.text("ok"))
    LLMClient(Settings(llm_model="llama3", openai_base_url=openai_server.base_url)).complete(ASK)
    headers = {k.lower(): v for k, v in openai_server.chat_requests[0].headers.items()}
    assert headers["authorization"] == "Bearer unused"


def test_the_test_server_lists_its_models(openai_server):
    from openai import OpenAI

    models = OpenAI(base_url=openai_server.base_url, api_key="x", max_retries=0).models.list()
    assert [m.id for m in models] == ["test-chat", "test-embed"]


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [({"retry-after": "3"}, 3.0), ({"retry-after-ms": "250"}, 0.25), ({"retry-after": "0.5"}, 0.5), ({}, 1.0), ({"retry-after": "soon"}, 1.0)],
)
def test_retry_after_headers(headers, seconds):
    assert retry_after(headers) == seconds


def test_strict_schema_closes_nested_objects():
    class Outer(BaseModel):
        items: list[Pair]

    schema = strict_schema(Outer)
    assert schema["$defs"]["Pair"]["additionalProperties"] is False
    assert schema["$defs"]["Pair"]["required"] == ["a", "b"]
    assert "default" not in schema["$defs"]["Pair"]["properties"]["b"]

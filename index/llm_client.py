"""The one place that talks to an OpenAI-compatible server (OpenAI, Ollama, vLLM, llama.cpp, ...).

It builds the `openai` client from `Settings` (no SDK retries: we honour a 429's Retry-After once
ourselves), maps every SDK exception to our `LLMError` family, detects stalled streams, bounds a
streamed answer's total time (a model that drips tokens is abandoned at its deadline), and asks
for structured output (a JSON schema, or JSON mode when the server rejects schemas).

It lives in `index/` because ingest extracts records with it; `assistant/` reuses it (the
dependency rule is shells -> assistant -> index, never the other way).
"""

from __future__ import annotations

import base64
import email.utils
import json
import re
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import numpy as np
from pydantic import BaseModel, ValidationError

from .errors import (
    ConfigError,
    LLMDeadlineError,
    LLMEmptyReplyError,
    LLMError,
    LLMRateLimitError,
    LLMRequestError,
    LLMResponseError,
    LLMServerError,
    LLMStalledError,
    LLMTimeoutError,
    LLMUnavailableError,
)
from .settings import Settings
from .templates import Prompt

OPENAI_BASE_URL = "https://api.openai.com/v1"
CONNECT_TIMEOUT = 10.0
Message = dict[str, Any]
M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")

JSON_MODE = Prompt(
    "json_mode",
    "Reply with one JSON object and nothing else (no prose, no code fences). It must match this JSON schema:\n{schema}",
)


class LLMClient:
    """Chat, streamed chat, structured output and embeddings against one OpenAI-compatible server."""

    def __init__(self, settings: Settings, *, model: str | None = None):
        from openai import OpenAI, Timeout

        self.model = model or settings.llm_model
        self.base_url = (settings.openai_base_url or OPENAI_BASE_URL).rstrip("/")
        key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else ""
        if not key:
            if not settings.openai_base_url:
                raise ConfigError(
                    "a language or embedding model on OpenAI needs OPENAI_API_KEY; for a local server "
                    "(Ollama, vLLM, llama.cpp) set OPENAI_BASE_URL instead"
                )
            key = "unused"  # local servers ignore the key, but the SDK insists on one
        self.timeout = settings.llm_timeout
        self.stall_timeout = settings.llm_stall_timeout
        self.answer_deadline = settings.llm_answer_deadline
        self.retry_after_max = settings.llm_retry_after_max
        self.prompts = settings.prompts
        self._timeout = Timeout(settings.llm_timeout, connect=min(CONNECT_TIMEOUT, settings.llm_timeout))
        self._stream_timeout = Timeout(settings.llm_stall_timeout, connect=min(CONNECT_TIMEOUT, settings.llm_timeout))
        self._client = OpenAI(api_key=key, base_url=self.base_url, timeout=self._timeout, max_retries=0)
        self.json_schema_ok = True  # until the server rejects a JSON-schema response format

    @classmethod
    def from_settings(cls, settings: Settings) -> LLMClient | None:
        """The chat client the settings configure, or None in extractive mode."""
        return cls(settings) if settings.llm_model else None

    # chat
    def complete(self, messages: list[Message], *, response_format: dict | None = None) -> str:
        """The reply's text (or its first tool call's arguments); an empty reply is an error."""
        extra = {"response_format": response_format} if response_format else {}
        completion = self._call(
            lambda: self._client.chat.completions.create(model=self._chat_model(), messages=messages, **extra)  # type: ignore[call-overload]
        )
        choices = getattr(completion, "choices", None)
        if not choices:
            raise LLMResponseError(f"the server at {self.base_url} sent a reply without choices: {_short(completion)}")
        message = choices[0].message
        text = message.content or ""
        if not text.strip() and message.tool_calls:
            text = message.tool_calls[0].function.arguments or ""
        if not text.strip():
            raise LLMEmptyReplyError(f"the server at {self.base_url} sent an empty reply")
        return text

    def stream(self, messages: list[Message]) -> Iterator[str]:
        """Text deltas as the model writes them; no token for `stall_timeout` seconds is an error, and
        so is an answer still streaming after `answer_deadline` seconds (checked at every chunk)."""
        started = time.monotonic()
        stream: Any = self._call(
            lambda: self._client.chat.completions.create(
                model=self._chat_model(), messages=messages, stream=True, timeout=self._stream_timeout  # type: ignore[arg-type]
            ),
            streaming=True,
        )
        wrote = False
        last = time.monotonic()
        try:
            for chunk in stream:
                delta = chunk.choices[0].delta.content if chunk.choices and chunk.choices[0].delta else None
                now = time.monotonic()
                if now - started > self.answer_deadline:
                    raise LLMDeadlineError(
                        f"the server at {self.base_url} was still writing the answer after {self.answer_deadline:g} s; "
                        "check it or raise SIGNAL_DESK_LLM_ANSWER_DEADLINE"
                    )
                if delta:
                    wrote, last = True, now
                    yield delta
                elif now - last > self.stall_timeout:  # keep-alive chunks without text do not count
                    raise LLMStalledError(self._stalled())
        except LLMError:
            raise
        except Exception as exc:
            if not _is_sdk_fault(exc):
                raise
            raise self._translate(exc, streaming=True) from None
        finally:
            stream.close()
        if not wrote:
            raise LLMEmptyReplyError(f"the server at {self.base_url} streamed an empty answer")

    def structured(self, messages: list[Message], schema: type[M], *, name: str) -> M:
        """A reply validated as `schema`: JSON-schema output, or JSON mode once the server rejects that."""
        if self.json_schema_ok:
            fmt = {"type": "json_schema", "json_schema": {"name": name, "schema": strict_schema(schema), "strict": True}}
            try:
                return parse_reply(self.complete(messages, response_format=fmt), schema)
            except LLMRequestError as exc:
                if exc.status not in (400, 422):  # 401/404 are about the key or model, not the format
                    raise
                self.json_schema_ok = False
        hint = {"role": "system", "content": JSON_MODE.render(self.prompts, schema=json.dumps(schema.model_json_schema()))}
        return parse_reply(self.complete([*messages, hint], response_format={"type": "json_object"}), schema)

    # embeddings
    def embed(self, texts: list[str], model: str) -> np.ndarray:
        """One float32 row per text. The SDK asks for base64 and decodes it; a server that ignores
        that sends floats, and a raw base64 string is decoded here."""
        response = self._call(lambda: self._client.embeddings.create(model=model, input=texts))
        data = sorted(getattr(response, "data", None) or [], key=lambda d: d.index)
        if len(data) != len(texts):
            raise LLMResponseError(f"the embedding server at {self.base_url} returned {len(data)} vectors for {len(texts)} texts")
        rows = []
        for item in data:
            vector = item.embedding
            if isinstance(vector, str):
                vector = np.frombuffer(base64.b64decode(vector), dtype=np.float32)
            rows.append(np.asarray(vector, dtype=np.float32))
        if len({len(r) for r in rows}) > 1:
            raise LLMResponseError(f"the embedding server at {self.base_url} returned vectors of different lengths")
        return np.vstack(rows)

    # faults
    def _chat_model(self) -> str:
        if not self.model:
            raise ConfigError("no chat model configured: set SIGNAL_DESK_LLM_MODEL")
        return self.model

    def _call(self, call: Callable[[], T], *, streaming: bool = False) -> T:
        """Run one SDK call; a 429 is retried once after its Retry-After, every fault becomes an LLMError."""
        from openai import RateLimitError

        for attempt in (1, 2):
            try:
                return call()
            except RateLimitError as exc:
                wait = retry_after(exc.response.headers)
                if attempt == 2 or wait > self.retry_after_max:
                    raise self._translate(exc, waited=attempt == 2) from None
                time.sleep(wait)
            except Exception as exc:
                if not _is_sdk_fault(exc):
                    raise
                raise self._translate(exc, streaming=streaming) from None
        raise AssertionError("unreachable")

    def _translate(self, exc: Exception, *, streaming: bool = False, waited: bool = False) -> LLMError:
        """The one mapping from SDK exceptions to ours, with a message the user can act on."""
        import openai

        where = f"the server at {self.base_url}"
        if isinstance(exc, openai.APITimeoutError):
            if streaming and not _is_connect_timeout(exc):
                return LLMStalledError(self._stalled())
            return LLMTimeoutError(
                f"{where} did not answer within {self.timeout:g} s; check it or raise SIGNAL_DESK_LLM_TIMEOUT"
            )
        if isinstance(exc, openai.APIConnectionError):
            if _caused_by(exc, ConnectionRefusedError):
                return LLMUnavailableError(f"Check OPENAI_BASE_URL; {where} refused the connection")
            return LLMUnavailableError(f"Check OPENAI_BASE_URL; cannot reach {where} ({_root_cause(exc)})")
        if isinstance(exc, openai.RateLimitError):
            how = "again after waiting as asked" if waited else "and asks for a longer wait than SIGNAL_DESK_LLM_RETRY_AFTER_MAX"
            return LLMRateLimitError(f"{where} is rate-limiting requests (429) {how}; try again later")
        if isinstance(exc, openai.APIStatusError):
            status, detail = exc.status_code, _error_detail(exc)
            if status >= 500:
                return LLMServerError(f"{where} failed with HTTP {status}: {detail}")
            if status in (401, 403):
                return LLMRequestError(f"{where} rejected the API key (HTTP {status}); check OPENAI_API_KEY", status)
            if status == 404:
                return LLMRequestError(
                    f"{where} does not know the model {self.model!r} or the endpoint (HTTP 404); check SIGNAL_DESK_LLM_MODEL "
                    "and OPENAI_BASE_URL (it usually ends in /v1)",
                    status,
                )
            return LLMRequestError(f"{where} rejected the request (HTTP {status}): {detail}", status)
        if isinstance(exc, openai.APIResponseValidationError | ValueError):
            return LLMResponseError(f"{where} sent a malformed reply ({_short(exc)})")
        if isinstance(exc, openai.APIError):  # an error event inside a stream
            return LLMServerError(f"{where} reported an error: {exc.message}")
        return LLMError(f"{where} failed: {_short(exc)}")

    def _stalled(self) -> str:
        return (
            f"the server at {self.base_url} sent no token for {self.stall_timeout:g} s; check it or raise "
            "SIGNAL_DESK_LLM_STALL_TIMEOUT"
        )


def retry_after(headers: Any) -> float:
    """Seconds a 429 asks us to wait (`retry-after-ms`, `retry-after` in seconds or as a date); 1 if unsaid."""
    if value := headers.get("retry-after-ms"):
        try:
            return max(0.0, float(value) / 1000)
        except ValueError:
            pass
    if value := headers.get("retry-after"):
        try:
            return max(0.0, float(value))
        except ValueError:
            try:
                return max(0.0, email.utils.parsedate_to_datetime(value).timestamp() - time.time())
            except (TypeError, ValueError):
                pass
    return 1.0


def strict_schema(model: type[BaseModel]) -> dict:
    """The model's JSON schema as strict structured output wants it: every object closed, every
    property required (optional ones are nullable), no defaults."""
    schema = model.model_json_schema()

    def fix(node: Any) -> None:
        if isinstance(node, list):
            for child in node:
                fix(child)
            return
        if not isinstance(node, dict):
            return
        node.pop("default", None)
        if node.get("type") == "object" and isinstance(node.get("properties"), dict):
            node["additionalProperties"] = False
            node["required"] = list(node["properties"])
            for child in node["properties"].values():
                fix(child)
        for key in ("items", "anyOf", "allOf"):
            if key in node:
                fix(node[key])
        for child in node.get("$defs", {}).values():
            fix(child)

    fix(schema)
    return schema


_FENCE = re.compile(r"^\s*```(?:json)?\s*(.*?)\s*```\s*$", re.S)


def parse_reply(text: str, schema: type[M]) -> M:
    """The reply as a validated `schema` instance (code fences tolerated), or `LLMResponseError`."""
    if match := _FENCE.match(text):
        text = match.group(1)
    try:
        return schema.model_validate_json(text)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "the reply"
        raise LLMResponseError(f"the model's reply is not a valid {schema.__name__} ({where}: {first['msg']})") from None


def _is_sdk_fault(exc: Exception) -> bool:
    import openai

    return isinstance(exc, openai.OpenAIError | ValueError)


def _is_connect_timeout(exc: BaseException) -> bool:
    return any(type(e).__name__ == "ConnectTimeout" for e in _chain(exc))


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    return any(isinstance(e, kind) or kind.__name__ in str(e) for e in _chain(exc))


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _root_cause(exc: BaseException) -> str:
    *_, last = _chain(exc)
    return _short(last)


def _error_detail(exc: Any) -> str:
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        inner = body.get("error")
        message = inner.get("message") if isinstance(inner, dict) else body.get("message")
        if message:
            return _short(message)
    return _short(getattr(exc, "message", exc))


def _short(value: object, limit: int = 200) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"

"""Our OpenAI-compatible test double: a real HTTP server on 127.0.0.1 (stdlib ThreadingHTTPServer in
a thread) that the real `openai` client talks to. Scripted chat replies are queued (optionally
matched on a substring of the request), every request is logged, embeddings are computed
deterministically (float or base64), and faults are scripted like replies: 429 with Retry-After,
5xx, a stalled stream, a slow answer, garbage, an empty reply.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import numpy as np

EMBED_DIM = 128


@dataclass
class Reply:
    """One scripted answer to a chat completion request."""

    content: str = ""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: str | None = None  # raw body instead of a completion (errors, garbage)
    stream_body: str | None = None  # raw SSE text instead of chunks (garbage frames)
    tool: tuple[str, str] | None = None  # (function name, JSON arguments)
    delay: float = 0.0  # seconds before anything is sent
    token_delay: float = 0.0  # seconds between streamed tokens
    stall_after: int | None = None  # stream this many tokens, then go silent
    match: str | None = None  # only for requests whose body contains this text

    # constructors
    @classmethod
    def text(cls, content: str, **kw: Any) -> Reply:
        return cls(content=content, **kw)

    @classmethod
    def json(cls, obj: Any, **kw: Any) -> Reply:
        return cls(content=json.dumps(obj), **kw)

    @classmethod
    def tool_call(cls, name: str, arguments: Any, **kw: Any) -> Reply:
        return cls(tool=(name, json.dumps(arguments)), **kw)

    @classmethod
    def error(cls, status: int, message: str = "scripted failure", headers: dict | None = None, **kw: Any) -> Reply:
        body = json.dumps({"error": {"message": message, "type": "test_error", "code": None}})
        return cls(status=status, body=body, headers=headers or {}, **kw)

    @classmethod
    def garbage(cls, **kw: Any) -> Reply:
        return cls(body='{"id": "x", "choices": [ this is not JSON', stream_body="data: {not json at all\n\n", **kw)

    @classmethod
    def empty(cls, **kw: Any) -> Reply:
        return cls(content="", **kw)

    @classmethod
    def stall(cls, content: str, after: int, **kw: Any) -> Reply:
        return cls(content=content, stall_after=after, **kw)


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    json: Any

    def text(self) -> str:
        """Every message content of a chat request, joined (for asserting on the prompt sent)."""
        messages = (self.json or {}).get("messages", [])
        return "\n".join(str(m.get("content", "")) for m in messages)


class FakeOpenAI:
    """Start with `FakeOpenAI().start()`; `base_url` is what OPENAI_BASE_URL should say."""

    def __init__(self, models: tuple[str, ...] = ("test-chat", "test-embed")):
        self.models = models
        self.replies: list[Reply] = []
        self.requests: list[Request] = []
        self.embedding_format: str | None = None  # force "float" or "base64" whatever the client asks
        self.release = threading.Event()  # set on stop, so stalled handlers return
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    # lifecycle
    def start(self) -> FakeOpenAI:
        handler = type("Handler", (_Handler,), {"fake": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def stop(self) -> None:
        self.release.set()
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    @property
    def base_url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_port}/v1"

    # scripting
    def script(self, *replies: Reply) -> None:
        with self._lock:
            self.replies.extend(replies)

    def take(self, body: str) -> Reply | None:
        with self._lock:
            for i, reply in enumerate(self.replies):
                if reply.match is None or reply.match in body:
                    return self.replies.pop(i)
        return None

    @property
    def chat_requests(self) -> list[Request]:
        return [r for r in self.requests if r.path.endswith("/chat/completions")]


def fake_embedding(text: str) -> np.ndarray:
    """A deterministic bag-of-words vector: texts that share words are similar."""
    vector = np.zeros(EMBED_DIM, dtype=np.float32)
    for word in re.findall(r"[a-z0-9]+", text.lower()):
        digest = hashlib.sha256(word[:6].encode()).digest()
        vector[int.from_bytes(digest[:4], "little") % EMBED_DIM] += 1.0
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector + 1.0 / np.sqrt(EMBED_DIM)


class _Handler(BaseHTTPRequestHandler):
    fake: FakeOpenAI

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def _body(self) -> tuple[str, Any]:
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8")
        try:
            data = json.loads(raw) if raw else None
        except ValueError:
            data = None
        self.fake.requests.append(Request(self.command, self.path, dict(self.headers), data))
        return raw, data

    def _send(self, status: int, body: str, content_type: str = "application/json", headers: dict | None = None) -> None:
        payload = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(payload)

    def do_GET(self) -> None:
        self.fake.requests.append(Request("GET", self.path, dict(self.headers), None))
        if self.path.rstrip("/") == "/v1/models":
            data = [{"id": m, "object": "model", "created": 0, "owned_by": "test"} for m in self.fake.models]
            self._send(200, json.dumps({"object": "list", "data": data}))
        else:
            self._send(404, json.dumps({"error": {"message": f"no route {self.path}"}}))

    def do_POST(self) -> None:
        raw, data = self._body()
        try:
            if self.path == "/v1/chat/completions":
                self._chat(raw, data or {})
            elif self.path == "/v1/embeddings":
                self._embeddings(data or {})
            else:
                self._send(404, json.dumps({"error": {"message": f"no route {self.path}"}}))
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test); nothing to answer

    def _embeddings(self, data: dict) -> None:
        texts = data.get("input")
        texts = [texts] if isinstance(texts, str) else list(texts or [])
        fmt = self.fake.embedding_format or data.get("encoding_format") or "float"
        rows = []
        for i, text in enumerate(texts):
            vector = fake_embedding(text)
            value = base64.b64encode(vector.tobytes()).decode() if fmt == "base64" else vector.tolist()
            rows.append({"object": "embedding", "index": i, "embedding": value})
        usage = {"prompt_tokens": len(texts), "total_tokens": len(texts)}
        self._send(200, json.dumps({"object": "list", "data": rows, "model": data.get("model"), "usage": usage}))

    def _chat(self, raw: str, data: dict) -> None:
        reply = self.fake.take(raw)
        if reply is None:
            self._send(500, json.dumps({"error": {"message": "test server: no scripted reply for this request"}}))
            return
        if reply.delay:
            self.fake.release.wait(reply.delay)
        if reply.status != 200 or (reply.body is not None and not data.get("stream")):
            self._send(reply.status, reply.body or "", headers=reply.headers)
            return
        model = data.get("model", "test-chat")
        if data.get("stream"):
            self._stream(reply, model)
        else:
            message: dict[str, Any] = {"role": "assistant", "content": reply.content}
            if reply.tool:
                message = {
                    "role": "assistant",
                    "content": None,
                    "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": reply.tool[0], "arguments": reply.tool[1]}}],
                }
            completion = {
                "id": "chatcmpl-test",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": model,
                "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
            }
            self._send(200, json.dumps(completion))

    def _stream(self, reply: Reply, model: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()  # HTTP/1.0: the body ends when the connection closes

        def frame(payload: str) -> None:
            self.wfile.write(payload.encode("utf-8"))
            self.wfile.flush()

        if reply.stream_body is not None:
            frame(reply.stream_body)
            return

        def chunk(delta: dict, finish: str | None = None) -> str:
            body = {
                "id": "chatcmpl-test",
                "object": "chat.completion.chunk",
                "created": 0,
                "model": model,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
            }
            return f"data: {json.dumps(body)}\n\n"

        frame(chunk({"role": "assistant", "content": ""}))
        for n, token in enumerate(tokens(reply.content)):
            if reply.stall_after is not None and n == reply.stall_after:
                self.fake.release.wait(30)  # silent until the client gives up or the server stops
                return
            if reply.token_delay:
                time.sleep(reply.token_delay)
            frame(chunk({"content": token}))
        frame(chunk({}, "stop"))
        frame("data: [DONE]\n\n")


def tokens(text: str) -> list[str]:
    """The text cut into word-sized tokens that join back to it exactly."""
    return re.findall(r"\s*\S+|\s+", text)

"""A tiny local web server for URL ingest tests: routes map paths to (status, headers, body),
served by a stdlib ThreadingHTTPServer on 127.0.0.1 in a thread; trickle routes send their
response a byte at a time (the body, or the whole response from the status line on)."""

from __future__ import annotations

import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class HtmlServer:
    def __init__(self, host: str = "127.0.0.1"):
        self.host = host
        self.routes: dict[str, tuple[int, dict[str, str], bytes]] = {}
        self.hits: list[str] = []
        self.trickles: dict[str, tuple[bytes, float, bool]] = {}
        self.stopped = threading.Event()  # ends trickles when the server stops
        self._server: ThreadingHTTPServer | None = None

    def start(self) -> HtmlServer:
        handler = type("Handler", (_Handler,), {"site": self})
        self._server = ThreadingHTTPServer((self.host, 0), handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def stop(self) -> None:
        self.stopped.set()
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    @property
    def port(self) -> int:
        assert self._server is not None
        return self._server.server_port

    def url(self, path: str, host: str | None = None) -> str:
        return f"http://{host or self.host}:{self.port}{path}"

    def page(self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8", *,
             status: int = 200, length: bool = True) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        headers = {"Content-Type": content_type}
        if length:
            headers["Content-Length"] = str(len(data))
        self.routes[path] = (status, headers, data)

    def trickle(self, path: str, body: bytes | str, *, every: float = 1.0, headers_too: bool = False) -> None:
        """Serve an HTML page one byte every `every` seconds: the body only (headers at once), or with
        `headers_too` the whole response from its status line on."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.trickles[path] = (data, every, headers_too)

    def redirect(self, path: str, location: str, status: int = 302) -> None:
        self.routes[path] = (status, {"Location": location, "Content-Length": "0"}, b"")


class _Handler(BaseHTTPRequestHandler):
    site: HtmlServer

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self.site.hits.append(self.path)
        path = urllib.parse.urlsplit(self.path).path
        if path in self.site.trickles:
            self._trickle(*self.site.trickles[path])
            return
        status, headers, body = self.site.routes.get(path, (404, {"Content-Type": "text/plain"}, b"not found"))
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _trickle(self, body: bytes, every: float, headers_too: bool) -> None:
        head = f"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nContent-Length: {len(body)}\r\n\r\n".encode()
        if not headers_too:
            self.wfile.write(head)
            self.wfile.flush()
        for byte in (head + body if headers_too else body):
            if self.site.stopped.wait(every):
                return
            try:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                return  # the client gave up

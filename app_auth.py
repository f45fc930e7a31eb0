"""The app's login, failing closed: `SIGNAL_DESK_AUTH` is read strictly (anything but `user:password`
or a readable file of such lines stops the app), and failed logins are throttled per client address.

Gradio's `auth` callable sees only the user name and password, not who is asking, so the throttle
is an ASGI middleware around Gradio's own `POST /login`: it sees the client address and the
answer (400 for wrong credentials, 200 for a login). Behind a reverse proxy every client has the
proxy's address, and the throttle then applies to all of them together (the safe direction).
"""

from __future__ import annotations

import ipaddress
import json
import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

from index import ConfigError

FORMAT = "set it to user:password, or to the path of a file with one user:password per line"


def parse_auth(spec: str | None) -> list[tuple[str, str]] | None:
    """The (user, password) pairs `SIGNAL_DESK_AUTH` names, None when it is unset, or a
    `ConfigError` for anything malformed (the app must not start without the login it was given)."""
    if spec is None:
        return None
    if not spec.strip():
        raise ConfigError(f"SIGNAL_DESK_AUTH is set but empty; {FORMAT}, or unset it")
    path = Path(spec).expanduser()
    if path.is_file():
        return _read_file(path)
    if ":" not in spec:
        what = "a directory" if path.is_dir() else "neither user:password nor an existing file"
        raise ConfigError(f"SIGNAL_DESK_AUTH={spec!r} is {what}; {FORMAT}")
    user, password = _pair(spec)
    if not user or not password:
        raise ConfigError(f"SIGNAL_DESK_AUTH has an empty user name or password; {FORMAT}")
    return [(user, password)]


def _read_file(path: Path) -> list[tuple[str, str]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the SIGNAL_DESK_AUTH file {path}: {exc}") from None
    pairs: list[tuple[str, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        user, password = _pair(line.rstrip("\r\n"))
        if not user or not password:  # the line is not echoed: it may hold a password
            raise ConfigError(f"{path}, line {number}: expected user:password with neither empty")
        if any(user == known for known, _ in pairs):
            raise ConfigError(f"{path}, line {number}: the user {user!r} is listed twice")
        pairs.append((user, password))
    if not pairs:
        raise ConfigError(f"the SIGNAL_DESK_AUTH file {path} holds no user:password line")
    return pairs


def _pair(text: str) -> tuple[str, str]:
    user, _, password = text.partition(":")
    return user.strip(), password


def is_loopback(host: str) -> bool:
    """Whether binding to `host` keeps the app on this machine."""
    if host.strip().lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a name: assume it is reachable from elsewhere


class LoginThrottle:
    """ASGI middleware: after `limit` failed logins from one client address within `window`
    seconds, further logins from that address are answered 429 (with Retry-After) until the
    oldest failure is `window` seconds old. A successful login clears the address's record."""

    def __init__(self, app: Any, *, limit: int = 5, window: float = 60.0, clock: Callable[[], float] = time.monotonic,
                 max_clients: int = 10_000):
        self.app = app
        self.limit, self.window, self.clock, self.max_clients = limit, window, clock, max_clients
        self.failures: OrderedDict[str, deque[float]] = OrderedDict()
        self.refused = 0  # logins answered 429, for tests and the reliability suite
        self._lock = threading.Lock()

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope.get("type") != "http" or scope.get("method") != "POST" or not scope.get("path", "").rstrip("/").endswith("/login"):
            await self.app(scope, receive, send)
            return
        client = str((scope.get("client") or ("unknown",))[0])
        wait = self.wait(client)
        if wait > 0:
            self.refused += 1
            await _refuse(send, wait)
            return
        status: dict[str, int] = {}

        async def watch(message: dict) -> None:
            if message.get("type") == "http.response.start":
                status["code"] = int(message.get("status", 0))
            await send(message)

        await self.app(scope, receive, watch)
        if status.get("code") == 400:
            self.failed(client)
        elif status.get("code") == 200:
            with self._lock:
                self.failures.pop(client, None)

    def wait(self, client: str) -> float:
        """Seconds until `client` may try again (0: now)."""
        now = self.clock()
        with self._lock:
            times = self.failures.get(client)
            if not times:
                return 0.0
            while times and now - times[0] >= self.window:
                times.popleft()
            if len(times) < self.limit:
                return 0.0
            return self.window - (now - times[0])

    def failed(self, client: str) -> None:
        with self._lock:
            times = self.failures.setdefault(client, deque())
            self.failures.move_to_end(client)
            times.append(self.clock())
            while len(times) > self.limit:
                times.popleft()
            while len(self.failures) > self.max_clients:  # bounded memory, the stalest forgotten first
                self.failures.popitem(last=False)


async def _refuse(send: Callable, wait: float) -> None:
    seconds = max(1, math.ceil(wait))
    body = json.dumps({"detail": f"Too many failed logins from this address; try again in {seconds} s."}).encode()
    headers = [(b"content-type", b"application/json"), (b"retry-after", str(seconds).encode()),
               (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 429, "headers": headers})
    await send({"type": "http.response.body", "body": body})

"""Fetching web pages for URL ingest, carefully: http(s) only, a timeout per connect and read, a
total deadline per URL, a size limit, HTML content types only, redirects followed by hand up to a
limit, and every hop's address checked: private, loopback and link-local addresses are refused
unless the settings allow them. The address is checked twice per hop, when the name resolves and
on the connected socket, so a name that resolves differently the second time (DNS rebinding) is
caught too.

The deadline is wall-clock: a watchdog shuts the connection's socket when it passes, so a server
that trickles its headers or body a byte at a time (each read well inside the read timeout) is
abandoned all the same.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
import urllib.parse
from dataclasses import dataclass
from typing import Any

from .errors import SourceError
from .settings import Settings

HTML_TYPES = {"text/html", "application/xhtml+xml"}
USER_AGENT = "SignalDesk/0.1 (+URL ingest)"
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class FetchPolicy:
    """How far URL ingest may go; built from `Settings`."""

    timeout: float = 20.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    allow_private: bool = False
    deadline: float = 60.0  # seconds for the whole fetch, every hop included

    @classmethod
    def from_settings(cls, settings: Settings) -> FetchPolicy:
        return cls(
            settings.url_timeout,
            settings.url_max_bytes,
            settings.url_max_redirects,
            settings.allow_private_urls,
            settings.url_deadline,
        )

    def allowed(self, address: IPAddress) -> bool:
        """Public addresses only, unless private ones are allowed."""
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped
        return self.allow_private or (address.is_global and not address.is_multicast)


@dataclass(frozen=True)
class Page:
    url: str  # after redirects
    content: bytes
    content_type: str


def fetch(url: str, policy: FetchPolicy) -> Page:
    """The HTML page at `url`, or a `SourceError` saying why not."""
    import httpx

    headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"}
    deadline = Deadline(policy.deadline)
    # trust_env=False: no proxy from the environment (settings are the only configuration, and a
    # proxy would hide the address we check).
    try:
        with httpx.Client(timeout=policy.timeout, follow_redirects=False, headers=headers, trust_env=False) as client:
            current = url
            for _ in range(policy.max_redirects + 1):
                check_url(current, policy)
                deadline.check(url)
                timeout = min(policy.timeout, max(0.001, deadline.remaining()))
                try:
                    with client.stream("GET", current, timeout=timeout, extensions={"trace": deadline.trace}) as response:
                        _check_peer(response, current, policy)
                        if response.is_redirect:
                            location = response.headers.get("location")
                            if not location:
                                raise SourceError(f"{current} redirects without saying where (no Location header)")
                            current = str(response.url.join(location))
                            continue
                        page = _read(response, current, policy, deadline)
                        deadline.check(url)  # a socket shut mid-body can look like a body that simply ended
                        return page
                except httpx.TimeoutException:
                    deadline.check(url)
                    raise SourceError(f"{current} did not answer within {policy.timeout:g} s (SIGNAL_DESK_URL_TIMEOUT)") from None
                except httpx.HTTPError as exc:
                    deadline.check(url)
                    raise SourceError(f"cannot fetch {current}: {exc or type(exc).__name__}") from None
    finally:
        deadline.cancel()
    raise SourceError(f"{url} redirects more than {policy.max_redirects} times (SIGNAL_DESK_URL_MAX_REDIRECTS)")


class Deadline:
    """The wall-clock bound of one fetch: a watchdog timer shuts every socket the fetch opened
    (seen through httpcore's `trace` extension) when the time is up, which ends any blocked read."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[Any] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def remaining(self) -> float:
        return self.end - time.monotonic()

    def check(self, url: str) -> None:
        """A `SourceError` once the deadline has passed."""
        if self.expired or self.remaining() <= 0:
            raise SourceError(
                f"{url} took more than {self.seconds:g} s in all and was abandoned (SIGNAL_DESK_URL_DEADLINE)"
            )

    def trace(self, event: str, info: dict[str, Any]) -> None:
        """httpcore's trace hook: remember the socket of every connection (plain, then TLS)."""
        if event not in ("connection.connect_tcp.complete", "connection.start_tls.complete"):
            return
        stream = info.get("return_value")
        sock = stream.get_extra_info("socket") if stream is not None else None
        if sock is None:
            return
        with self._lock:
            self._sockets.append(sock)
            expired = self.expired
        if expired:
            _shut(sock)

    def cancel(self) -> None:
        self._timer.cancel()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shut(sock)


def _shut(sock: Any) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed


def check_url(url: str, policy: FetchPolicy) -> None:
    """Refuse what is not http(s), and hosts that resolve to an address the policy refuses."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise SourceError(f"only http and https URLs can be ingested, not {parts.scheme or 'a relative URL'}: {url}")
    host = parts.hostname
    if not host:
        raise SourceError(f"no host in the URL {url}")
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, ValueError) as exc:
        raise SourceError(f"cannot resolve the host of {url}: {exc}") from None
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if not policy.allowed(address):
            raise SourceError(_refusal(url, host, address))


def _check_peer(response, url: str, policy: FetchPolicy) -> None:
    stream = response.extensions.get("network_stream")
    peer = stream.get_extra_info("server_addr") if stream is not None else None
    if peer:
        address = ipaddress.ip_address(str(peer[0]).split("%")[0])
        if not policy.allowed(address):
            raise SourceError(_refusal(url, urllib.parse.urlsplit(url).hostname or "", address))


def _refusal(url: str, host: str, address: IPAddress) -> str:
    shown = address
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped  # ::ffff:127.0.0.1 is loopback, whatever the IPv6 ranges say
    kind = (
        "an unspecified"
        if address.is_unspecified
        else "a loopback"
        if address.is_loopback
        else "a link-local"
        if address.is_link_local
        else "a private"
        if address.is_private
        else "a non-public"
    )
    what = f"{host} resolves to {shown}, {kind} address" if host.strip("[]") != str(shown) else f"{shown} is {kind} address"
    return f"refused {url}: {what}; set SIGNAL_DESK_ALLOW_PRIVATE_URLS=true to allow it"


def _read(response, url: str, policy: FetchPolicy, deadline: Deadline) -> Page:
    if response.status_code != 200:
        raise SourceError(f"{url} answered HTTP {response.status_code}")
    content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type not in HTML_TYPES:
        raise SourceError(f"{url} is {content_type or 'of no declared type'}, not an HTML page")
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > policy.max_bytes:
        raise SourceError(_too_large(url, policy))
    body = bytearray()
    for chunk in response.iter_bytes():
        deadline.check(url)
        body += chunk
        if len(body) > policy.max_bytes:
            raise SourceError(_too_large(url, policy))
    return Page(url=str(response.url), content=bytes(body), content_type=content_type)


def _too_large(url: str, policy: FetchPolicy) -> str:
    return f"{url} is larger than {policy.max_bytes:,} bytes (SIGNAL_DESK_URL_MAX_BYTES)"

"""Fetching web pages for URL ingest, carefully: http(s) only, a timeout per request, a size limit,
HTML content types only, redirects followed by hand up to a limit, and every hop's address
checked: private, loopback and link-local addresses are refused unless the settings allow them.
The address is checked twice per hop, when the name resolves and on the connected socket, so a
name that resolves differently the second time (DNS rebinding) is caught too.
"""

from __future__ import annotations

import ipaddress
import socket
import urllib.parse
from dataclasses import dataclass

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

    @classmethod
    def from_settings(cls, settings: Settings) -> FetchPolicy:
        return cls(settings.url_timeout, settings.url_max_bytes, settings.url_max_redirects, settings.allow_private_urls)

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
    # trust_env=False: no proxy from the environment (settings are the only configuration, and a
    # proxy would hide the address we check).
    with httpx.Client(timeout=policy.timeout, follow_redirects=False, headers=headers, trust_env=False) as client:
        current = url
        for _ in range(policy.max_redirects + 1):
            check_url(current, policy)
            try:
                with client.stream("GET", current) as response:
                    _check_peer(response, current, policy)
                    if response.is_redirect:
                        location = response.headers.get("location")
                        if not location:
                            raise SourceError(f"{current} redirects without saying where (no Location header)")
                        current = str(response.url.join(location))
                        continue
                    return _read(response, current, policy)
            except httpx.TimeoutException:
                raise SourceError(f"{current} did not answer within {policy.timeout:g} s (SIGNAL_DESK_URL_TIMEOUT)") from None
            except httpx.HTTPError as exc:
                raise SourceError(f"cannot fetch {current}: {exc or type(exc).__name__}") from None
    raise SourceError(f"{url} redirects more than {policy.max_redirects} times (SIGNAL_DESK_URL_MAX_REDIRECTS)")


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
    kind = (
        "a loopback"
        if address.is_loopback
        else "a link-local"
        if address.is_link_local
        else "a private"
        if address.is_private
        else "a non-public"
    )
    what = f"{host} resolves to {address}, {kind} address" if host.strip("[]") != str(address) else f"{address} is {kind} address"
    return f"refused {url}: {what}; set SIGNAL_DESK_ALLOW_PRIVATE_URLS=true to allow it"


def _read(response, url: str, policy: FetchPolicy) -> Page:
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
        body += chunk
        if len(body) > policy.max_bytes:
            raise SourceError(_too_large(url, policy))
    return Page(url=str(response.url), content=bytes(body), content_type=content_type)


def _too_large(url: str, policy: FetchPolicy) -> str:
    return f"{url} is larger than {policy.max_bytes:,} bytes (SIGNAL_DESK_URL_MAX_BYTES)"

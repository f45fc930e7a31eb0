"""Suite `ssrf-slow`: URL ingest pointed at addresses it must not reach and at servers that misbehave.
The promise: private, loopback, link-local and otherwise non-public addresses are refused before any
request (every spelling of them, every redirect hop), only http(s) is fetched, and a slow server is
abandoned at the read timeout or the total deadline (a trickle of one byte per second included),
each with a one-line reason; nothing else (size, type, status, loops) gets through either."""

from __future__ import annotations

import time
from typing import Any

from index import Settings, ingest
from index.errors import SourceError
from index.fetch import FetchPolicy, fetch

from ..report import ROOT
from . import Env, Suite, SuiteResult, expect

ARTICLE = (ROOT / "tests" / "fixtures" / "article.html").read_bytes()


class OnlyFirstLoopback(FetchPolicy):
    """127.0.0.1 alone counts as allowed, so a redirect to another loopback address shows the per-hop check."""

    def allowed(self, address: Any) -> bool:
        return str(address) == "127.0.0.1"


def run(env: Env) -> SuiteResult:
    from tests.html_server import HtmlServer

    suite = Suite("ssrf-slow", env.log)
    site = HtmlServer().start()
    try:
        port = site.port
        site.page("/article.html", ARTICLE)
        site.redirect("/to-other-loopback", f"http://127.0.0.2:{port}/article.html")
        site.redirect("/loop", "/loop")
        site.routes["/no-location"] = (302, {"Content-Length": "0"}, b"")
        site.page("/big.html", b"<p>" + b"x" * 6_000_000 + b"</p>")
        site.page("/big-streamed.html", b"<p>" + b"x" * 6_000_000 + b"</p>", length=False)
        site.page("/photo.png", b"\x89PNG....", content_type="image/png")
        site.trickle("/trickle-body.html", ARTICLE, every=1.0)
        site.trickle("/trickle-headers.html", ARTICLE, every=1.0, headers_too=True)
        site.trickle("/silent.html", ARTICLE, every=30.0, headers_too=True)

        default = FetchPolicy(timeout=5, deadline=10)
        refused = [
            ("loopback by address", f"http://127.0.0.1:{port}/article.html", "a loopback address"),
            ("loopback by name", f"http://localhost:{port}/article.html", "a loopback address"),
            ("loopback, IPv6", f"http://[::1]:{port}/article.html", "a loopback address"),
            ("loopback, IPv4-mapped IPv6", f"http://[::ffff:127.0.0.1]:{port}/article.html", "loopback"),
            ("loopback, decimal", f"http://2130706433:{port}/article.html", "a loopback address"),
            ("loopback, hex", f"http://0x7f.0.0.1:{port}/article.html", "a loopback address"),
            ("loopback, short form", f"http://127.1:{port}/article.html", "a loopback address"),
            ("loopback with credentials", f"http://user:pass@127.0.0.1:{port}/article.html", "a loopback address"),
            ("all interfaces", f"http://0.0.0.0:{port}/article.html", "an unspecified address"),
            ("private 10/8", "http://10.0.0.1/x.html", "a private address"),
            ("private 192.168/16", "http://192.168.1.1/x.html", "a private address"),
            ("cloud metadata (link-local)", "http://169.254.169.254/latest/meta-data/", "a link-local address"),
            ("carrier-grade NAT", "http://100.64.0.1/x.html", "refused"),
            ("IPv6 unique local", "http://[fd00::1]/x.html", "refused"),
            ("file scheme", "file:///etc/passwd", "only http and https"),
            ("ftp scheme", "ftp://127.0.0.1/x", "only http and https"),
            ("gopher scheme", f"gopher://127.0.0.1:{port}/_x", "only http and https"),
            ("javascript scheme", "javascript:alert(1)", "only http and https"),
            ("data scheme", "data:text/html,<p>x</p>", "only http and https"),
            ("no host", "http:///x.html", "no host"),
        ]
        for name, url, part in refused:
            suite.case(f"refused: {name}", lambda u=url, p=part: _refused(u, default, p, site), 5.0)

        local = FetchPolicy(timeout=5, deadline=10, allow_private=True)
        bounded = [
            ("redirect to another loopback address", "/to-other-loopback", OnlyFirstLoopback(timeout=5), "127.0.0.2 is a loopback address", 5.0),
            ("redirect loop", "/loop", FetchPolicy(timeout=5, max_redirects=3, allow_private=True), "redirects more than 3 times", 5.0),
            ("redirect without Location", "/no-location", local, "no Location header", 5.0),
            ("6 MB page", "/big.html", local, "larger than 5,000,000 bytes", 10.0),
            ("6 MB page, no length given", "/big-streamed.html", local, "larger than 5,000,000 bytes", 10.0),
            ("an image, not a page", "/photo.png", local, "not an HTML page", 5.0),
            ("404", "/missing.html", local, "answered HTTP 404", 5.0),
            ("body at 1 byte/s, deadline 3 s", "/trickle-body.html", FetchPolicy(timeout=5, deadline=3, allow_private=True),
             "took more than 3 s in all and was abandoned (SIGNAL_DESK_URL_DEADLINE)", 5.0),
            ("headers at 1 byte/s, deadline 3 s", "/trickle-headers.html", FetchPolicy(timeout=5, deadline=3, allow_private=True),
             "(SIGNAL_DESK_URL_DEADLINE)", 5.0),
            ("no first byte, read timeout 1 s", "/silent.html", FetchPolicy(timeout=1, deadline=10, allow_private=True),
             "did not answer within 1 s (SIGNAL_DESK_URL_TIMEOUT)", 4.0),
        ]
        for name, path, policy, part, budget in bounded:
            url = site.url(path)
            suite.case(name, lambda u=url, p=policy, m=part: _refused(u, p, m, None), budget)
        suite.case("nothing listening", lambda: _refused(_closed_url(), local, "cannot fetch", None), 5.0)
        suite.case("a page inside its bounds is read", lambda: _read(site.url("/article.html"), local), 10.0)
        suite.case("ingest of a 1 byte/s URL (SIGNAL_DESK_URL_DEADLINE=2)", lambda: _ingest_trickle(env, site), 8.0)
        suite.case("ingest of a loopback URL by default", lambda: _ingest_refused(env, site), 8.0)
    finally:
        site.stop()
    return suite.done()


def _refused(url: str, policy: FetchPolicy, part: str, site: Any) -> str:
    before = len(site.hits) if site else 0
    started = time.perf_counter()
    try:
        fetch(url, policy)
    except SourceError as exc:
        expect(part in str(exc), f"the reason lacks {part!r}: {exc}")
        if site is not None:
            expect(len(site.hits) == before, f"a request reached the server: {site.hits[before:]}")
        return f"{exc} ({time.perf_counter() - started:.1f} s)"
    raise AssertionError("fetched")


def _read(url: str, policy: FetchPolicy) -> str:
    page = fetch(url, policy)
    expect(b"Riverton" in page.content, "not the article")
    return f"{len(page.content):,} bytes"


def _closed_url() -> str:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}/x.html"


def _ingest_trickle(env: Env, site: Any) -> str:
    settings = Settings(index_dir=env.workdir / "url-index", allow_private_urls=True, url_deadline=2.0)
    started = time.perf_counter()
    report = ingest([site.url("/trickle-body.html")], settings, embedder=env.model())
    took = time.perf_counter() - started
    [failure] = report.failures
    expect("SIGNAL_DESK_URL_DEADLINE" in failure.reason, failure.reason)
    return f"{failure.reason} (ingest took {took:.1f} s)"


def _ingest_refused(env: Env, site: Any) -> str:
    before = len(site.hits)
    report = ingest([site.url("/article.html")], Settings(index_dir=env.workdir / "url-index"), embedder=env.model())
    [failure] = report.failures
    expect("SIGNAL_DESK_ALLOW_PRIVATE_URLS" in failure.reason and len(site.hits) == before, failure.reason)
    return failure.reason

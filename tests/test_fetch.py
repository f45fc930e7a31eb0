"""URL ingest fetching against a local web server: private addresses refused unless allowed (on
every redirect hop), redirect and size limits, content types, and the ingest CLI's messages."""

from __future__ import annotations

import ipaddress
import json

import pytest

import ingest as ingest_cli
from index.errors import SourceError
from index.fetch import FetchPolicy, fetch

ALLOW = FetchPolicy(timeout=5, allow_private=True)


class OnlyLocalhost(FetchPolicy):
    """Allows 127.0.0.1 alone, so a redirect to another loopback address shows the per-hop check."""

    def allowed(self, address):
        return str(address) == "127.0.0.1"


@pytest.fixture
def use_session_model(monkeypatch, embedder):
    monkeypatch.setattr("index.pipeline.load_embedder", lambda settings: embedder)


def test_a_loopback_url_is_refused_by_default(html_server, tmp_path, capsys, use_session_model):
    url = html_server.url("/article.html")
    code = ingest_cli.main([url, "--index", str(tmp_path / "idx")])
    out = capsys.readouterr().out
    assert code == 1
    assert f"refused {url}: 127.0.0.1 is a loopback address; set SIGNAL_DESK_ALLOW_PRIVATE_URLS=true" in out
    assert html_server.hits == []  # refused before any request


def test_a_loopback_url_is_read_with_the_allow_flag(html_server, tmp_path, capsys, monkeypatch, use_session_model):
    monkeypatch.setenv("SIGNAL_DESK_ALLOW_PRIVATE_URLS", "true")
    code = ingest_cli.main([html_server.url("/article.html"), "--index", str(tmp_path / "idx"), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and report["failures"] == []
    assert report["articles"] == 1 and report["passages"]["added"] == 5
    assert "no signals were extracted" in report["notes"][0]


def test_every_redirect_hop_is_checked(html_server):
    html_server.redirect("/hop", html_server.url("/article.html", host="127.0.0.2"))
    policy = OnlyLocalhost(timeout=5)
    with pytest.raises(SourceError, match=r"refused http://127.0.0.2:\d+/article.html: 127.0.0.2 is a loopback address"):
        fetch(html_server.url("/hop"), policy)
    assert html_server.hits == ["/hop"]


def test_redirects_are_followed(html_server):
    html_server.redirect("/old", "/article.html", status=301)
    page = fetch(html_server.url("/old"), ALLOW)
    assert page.url == html_server.url("/article.html") and b"Riverton" in page.content


def test_too_many_redirects(html_server):
    html_server.redirect("/loop", "/loop")
    with pytest.raises(SourceError, match="redirects more than 2 times"):
        fetch(html_server.url("/loop"), FetchPolicy(timeout=5, max_redirects=2, allow_private=True))
    assert len(html_server.hits) == 3


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "streamed"])
def test_a_page_over_the_size_limit_is_refused(html_server, declared):
    html_server.page("/big.html", "<p>" + "x" * 5000 + "</p>", length=declared)
    with pytest.raises(SourceError, match="larger than 1,000 bytes"):
        fetch(html_server.url("/big.html"), FetchPolicy(timeout=5, max_bytes=1000, allow_private=True))


def test_only_html_is_fetched(html_server):
    html_server.page("/photo.png", b"\x89PNG....", content_type="image/png")
    with pytest.raises(SourceError, match="is image/png, not an HTML page"):
        fetch(html_server.url("/photo.png"), ALLOW)


def test_an_http_error_is_reported(html_server):
    with pytest.raises(SourceError, match="answered HTTP 404"):
        fetch(html_server.url("/missing.html"), ALLOW)


def test_a_server_that_is_not_there(closed_port):
    with pytest.raises(SourceError, match="cannot fetch"):
        fetch(f"http://127.0.0.1:{closed_port}/x.html", ALLOW)


def test_only_http_and_https(tmp_path):
    with pytest.raises(SourceError, match="only http and https"):
        fetch("ftp://example.org/x.html", ALLOW)


@pytest.mark.parametrize(
    ("address", "allowed"),
    [
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("192.168.0.10", False),
        ("172.16.5.4", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),
        ("::1", False),
        ("fe80::1", False),
        ("fd00::1", False),
        ("::ffff:127.0.0.1", False),
        ("224.0.0.1", False),
        ("93.184.216.34", True),
        ("2606:4700::1111", True),
    ],
)
def test_which_addresses_are_public(address, allowed):
    assert FetchPolicy().allowed(ipaddress.ip_address(address)) is allowed
    assert FetchPolicy(allow_private=True).allowed(ipaddress.ip_address(address)) is True


@pytest.mark.parametrize("headers_too", [False, True], ids=["body", "headers"])
def test_a_url_that_trickles_is_abandoned_at_its_deadline(html_server, headers_too):
    """One byte every 0.2 s keeps each read far inside the 5 s read timeout; the 1 s deadline still ends it."""
    import time

    html_server.trickle("/slow.html", "<p>" + "x" * 500 + "</p>", every=0.2, headers_too=headers_too)
    started = time.monotonic()
    with pytest.raises(SourceError, match=r"took more than 1 s in all and was abandoned \(SIGNAL_DESK_URL_DEADLINE\)"):
        fetch(html_server.url("/slow.html"), FetchPolicy(timeout=5, deadline=1.0, allow_private=True))
    assert time.monotonic() - started < 2.5


def test_the_deadline_covers_every_redirect_hop(html_server):
    html_server.redirect("/hop", "/slow.html")
    html_server.trickle("/slow.html", "<p>" + "x" * 500 + "</p>", every=0.2)
    with pytest.raises(SourceError, match="SIGNAL_DESK_URL_DEADLINE"):
        fetch(html_server.url("/hop"), FetchPolicy(timeout=5, deadline=1.0, allow_private=True))


def test_a_page_inside_its_deadline_is_read(html_server):
    page = fetch(html_server.url("/article.html"), FetchPolicy(timeout=5, deadline=5.0, allow_private=True))
    assert b"Riverton" in page.content

"""Web articles: saved `.html` files and `http(s)://` URLs. trafilatura extracts the title, date,
canonical URL and main text (no comments, no navigation); the article id is a stable hash of the
canonical URL, so the same article fetched twice or saved to a file is one article. The text is
kept as `Article.body` and indexed as passages; records come later, from LLM extraction.
"""

from __future__ import annotations

import urllib.parse
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import SourceError
from ..fetch import FetchPolicy, fetch
from ..records import Article, ReadItem, stable_id

HTML_SUFFIXES = {".html", ".htm"}
TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")
MIN_WORDS = 20  # less is a navigation page, a paywall or an error page, not an article


def read_html_file(path: Path) -> ReadItem:
    data = path.read_bytes()
    if not data.strip():
        raise SourceError("empty file")
    return parse_html(data, source=str(path), fallback_url=path.resolve().as_uri())


def read_url(url: str, policy: FetchPolicy) -> ReadItem:
    page = fetch(url, policy)
    return parse_html(page.content, source=url, fallback_url=page.url)


def parse_html(html: bytes | str, *, source: str, fallback_url: str) -> ReadItem:
    """The article a web page holds, or a `SourceError` when it holds no readable text."""
    import trafilatura

    doc: Any = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=True)
    text = (doc.text or "").strip() if doc is not None else ""
    if doc is None or len(text.split()) < MIN_WORDS:
        raise SourceError(f"no article text found in the page (fewer than {MIN_WORDS} words of main text)")
    declared = doc.url if doc.url and doc.url.lower().startswith(("http://", "https://")) else None
    url = canonical_url(declared or fallback_url)
    article = Article(
        id=stable_id(url),
        title=(doc.title or "").strip() or None,
        url=url if url.startswith("http") else None,
        date=_date(doc.date),
        category=(doc.categories or [None])[0],
        type=doc.pagetype if doc.pagetype in ("article", "news") else None,
        body=text,
        source=source,
    )
    return ReadItem(article=article)


def canonical_url(url: str) -> str:
    """The URL without fragment, default port and tracking parameters; scheme and host lower-cased."""
    parts = urllib.parse.urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port is None or (scheme, port) in (("http", 80), ("https", 443)) else f"{host}:{port}"
    query = urllib.parse.urlencode(
        [(k, v) for k, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True) if not k.lower().startswith(TRACKING)]
    )
    return urllib.parse.urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None

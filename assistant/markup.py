"""Text is text: stored text (record fields, titles, summaries, passages, the user's own words)
written into an answer's Markdown so that every renderer shows it as the characters it is.

The chat renders Markdown *with* HTML, bare URLs become links and `![..](..)` fetches images, so
one helper escapes what Markdown or HTML would act on: backslash-escapes for the Markdown and
HTML punctuation, entities and a block marker at the start, and a backslash that breaks the
autolinks of bare URLs (`http\\://`), `www\\.` names and e-mail addresses (`\\@`). CommonMark
renders every such escape as the plain character, so the reader sees the stored text unchanged;
the stored values themselves (`Table.rows`, `Answer.records`) stay raw. Links appear only where we
make them: a source's own `http(s)` URL, through `link`.
"""

from __future__ import annotations

import re
import urllib.parse

_PUNCTUATION = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#\d+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")
_SCHEME = re.compile(r"(?i)\b(https?|ftp)(:)(?=//)")
_WWW = re.compile(r"(?i)\b(www)(\.)")
_AT = re.compile(r"(?<=[\w.+-])@(?=[\w-])")
_BLOCK_START = re.compile(r"^(\d*)(#{1,6}|[=+\-.)])(?=\s|$)")  # a heading, list item or setext line, were it alone
_URL_SAFE = "/:?#[]@!$&*+,;=%-._~"  # kept as they are in a link target; anything else is percent-encoded


def escape_text(text: object) -> str:
    """Stored text as Markdown that renders as exactly that text, on one line."""
    flat = " ".join(str(text).split())
    flat = _PUNCTUATION.sub(r"\\\1", flat)
    flat = _ENTITY.sub(r"\\&", flat)
    flat = _SCHEME.sub(r"\1\\\2", flat)
    flat = _WWW.sub(r"\1\\\2", flat)
    flat = _AT.sub(r"\\@", flat)
    return _BLOCK_START.sub(r"\1\\\2", flat)


def safe_url(url: str | None) -> str | None:
    """The URL as a Markdown link target when it is an absolute http(s) URL, else None (no link)."""
    if not url:
        return None
    url = url.strip()
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        return None
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    # Characters that could end the link target or open markup (parentheses, quotes, <>) are percent-encoded.
    return urllib.parse.quote(url, safe=_URL_SAFE)


def link(label: object, url: str | None) -> str:
    """`[label](url)` for an http(s) URL, else the label alone; the label is escaped either way."""
    target = safe_url(url)
    return f"[{escape_text(label)}]({target})" if target else escape_text(label)

"""Records and articles to index nodes: the text that is embedded and searched, and the metadata
that filters. One node per record; one per article summary (kind `article`); sentence-split
passages of a raw web article's text (kind `passage`).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from .records import Article, Record, stable_id

# Bump when the node text format changes: it is part of the collection name, so vectors never mix.
NODE_FORMAT = "3"  # 3: records embed "Kind: name. description" only
ARTICLE_KIND = "article"
PASSAGE_KIND = "passage"
PASSAGE_CHARS = 700  # a passage holds whole sentences up to about this many characters


@dataclass(frozen=True)
class NodeSpec:
    """What the index should hold for one record or article summary."""

    id: str
    article_id: str
    kind: str
    text: str  # what BM25 searches and the catalog keeps: the record with its context line
    metadata: dict[str, Any]
    embed: str = ""  # what is embedded, when it differs from `text`

    @property
    def embed_text(self) -> str:
        return self.embed or self.text

    @property
    def text_hash(self) -> str:
        """Hash of the embedded text: the embedding cache key, and what forces a re-embedding."""
        return content_hash(self.embed_text)

    @property
    def meta_hash(self) -> str:
        """Hash of everything else stored with the node: a change rewrites it without embedding."""
        return content_hash(self.text + json.dumps(self.metadata, sort_keys=True, ensure_ascii=False))


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def article_node_id(article_id: str) -> str:
    return stable_id(article_id, ARTICLE_KIND)


def date_int(article: Article) -> int | None:
    return int(article.date.strftime("%Y%m%d")) if article.date else None


def header(kind: str, article: Article) -> str:
    """The context line a record is stored and searched with: its kind, the article title and date."""
    parts = [kind.capitalize()]
    if article.title:
        parts.append(f"from “{article.title}”")
    if article.date:
        parts.append(f"({article.date.isoformat()})")
    return " ".join(parts)


def record_embed_text(record: Record) -> str:
    """What a record is embedded as. Measured on the dev questions (docs/tuning.md): the kind and
    the record's own name and description match questions better than the full row with its
    change, 10-year and driving-force columns (dense recall@20 on signal questions 0.615 against
    0.580), and embed three times faster."""
    return f"{record.kind.capitalize()}: {record.name}. {record.description}".strip()


def record_text(record: Record, article: Article) -> str:
    lines = [header(record.kind, article), f"{record.name}. {record.description}".strip().rstrip(".") + "."]
    if record.change:
        lines.append(f"Change: {record.change}")
    if record.horizon:
        lines.append(f"10-year: {record.horizon}")
    if record.driving_force:
        lines.append(f"Driving force: {record.driving_force}")
    return "\n".join(lines)


def article_text(article: Article) -> str:
    lines = [header(ARTICLE_KIND, article)]
    if article.summary:
        lines.append(article.summary)
    if article.keywords:
        lines.append("Keywords: " + ", ".join(article.keywords))
    if article.themes:
        lines.append("Themes: " + ", ".join(article.themes))
    return "\n".join(lines)


def metadata(kind: str, name: str, relevancy: int | None, article: Article) -> dict[str, Any]:
    """Flat metadata for filtering; absent values are left out (Chroma filters skip them)."""
    meta: dict[str, Any] = {"article_id": article.id, "kind": kind, "name": name}
    optional = {
        "relevancy": relevancy,
        "date": date_int(article),
        "category": article.category,
        "title": article.title,
        "url": article.url,
        "page": article.page,
        "keywords": "; ".join(article.keywords) or None,
        "themes": "; ".join(article.themes) or None,
    }
    meta.update({k: v for k, v in optional.items() if v is not None})
    return meta


def record_node(record: Record, article: Article) -> NodeSpec:
    return NodeSpec(
        id=record.id,
        article_id=record.article_id,
        kind=record.kind,
        text=record_text(record, article),
        metadata=metadata(record.kind, record.name, record.relevancy, article),
        embed=record_embed_text(record),
    )


def article_node(article: Article) -> NodeSpec | None:
    """The summary node of an article, or None when there is nothing to say beyond its records."""
    if not article.summary and not article.keywords:
        return None
    return NodeSpec(
        id=article_node_id(article.id),
        article_id=article.id,
        kind=ARTICLE_KIND,
        text=article_text(article),
        metadata=metadata(ARTICLE_KIND, article.title or article.id, None, article),
    )


_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph (a plain rule: end punctuation, space, capital or digit)."""
    parts, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        parts.append(text[start : match.start() + len(match.group(0).rstrip())].strip())
        start = match.end()
    parts.append(text[start:].strip())
    return [p for p in parts if p]


def passages(body: str, size: int = PASSAGE_CHARS) -> list[str]:
    """The body cut into passages of whole sentences; a passage ends at a paragraph once it holds a
    third of `size`, so short lines (title, standfirst) join the paragraph that follows them."""
    out: list[str] = []
    current: list[str] = []
    length = 0
    for paragraph in (p.strip() for p in body.splitlines()):
        if not paragraph:
            continue
        for sentence in sentences(paragraph):
            if current and length + len(sentence) > size:
                out.append(" ".join(current))
                current, length = [], 0
            current.append(sentence)
            length += len(sentence) + 1
        if length >= size // 3:
            out.append(" ".join(current))
            current, length = [], 0
    if current:
        out.append(" ".join(current))
    return out


def passage_nodes(article: Article) -> list[NodeSpec]:
    """One node per passage of a raw article's body (none for curated articles)."""
    if not article.body:
        return []
    meta = metadata(PASSAGE_KIND, article.title or article.id, None, article)
    nodes = []
    for n, text in enumerate(passages(article.body)):
        nodes.append(
            NodeSpec(
                id=stable_id(article.id, PASSAGE_KIND, str(n), text),
                article_id=article.id,
                kind=PASSAGE_KIND,
                text=header(PASSAGE_KIND, article) + "\n" + text,
                metadata={**meta, "position": n},
            )
        )
    return nodes

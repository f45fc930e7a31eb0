"""The naive baseline's index: what a standard LlamaIndex recipe makes of the corpus. Each article
rendered as its signal document, split by `SentenceSplitter` into ~1,000-character chunks,
embedded with the index's own model; searched by exact cosine in numpy, without filters.

Built once and cached beside the index (`eval-naive/`: vectors.npy, chunks.jsonl, meta.json); the
cache is reused while the index generation, model and splitter are the same.
"""

from __future__ import annotations

import json
import random
import shutil
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index import NodeFilter
from index.export import to_markdown as article_markdown
from index.records import Article, Record
from index.search import SearchIndex

FORMAT = 1
# LlamaIndex's default splitter sizes (1024/200), counted in characters as the recipe asks.
SPLITTER = {"chunk_size": 1000, "chunk_overlap": 200, "unit": "characters"}
BATCH = 64


@dataclass
class NaiveIndex:
    """Chunk vectors and, per chunk, its article and the records it names (in order of appearance)."""

    vectors: np.ndarray
    articles: list[str]
    records: list[list[str]]
    meta: dict

    def search(self, vector: np.ndarray, k: int) -> list[str]:
        """The first k distinct record ids named by the chunks, best chunk first."""
        scores = self.vectors @ vector.astype(np.float32)
        found: dict[str, None] = {}
        for row in np.argsort(-scores, kind="stable"):
            for record_id in self.records[row]:
                found.setdefault(record_id)
            if len(found) >= k:
                break
        return list(found)[:k]


def fingerprint(index: SearchIndex, sample: int | None) -> dict:
    """What the cache depends on: the index generation, the model, the splitter, the sample."""
    return {"format": FORMAT, "index": index.describe(), "splitter": SPLITTER, "sample": sample}


def load_or_build(index: SearchIndex, cache: Path, *, sample: int | None = None, progress: bool = True) -> NaiveIndex:
    """The cached naive index when it matches this index, else a fresh build written to `cache`."""
    wanted = fingerprint(index, sample)
    meta_path = cache / "meta.json"
    if meta_path.exists():
        meta = json.loads(meta_path.read_text())
        if meta.get("fingerprint") == wanted:
            return _load(cache, meta)
    return build(index, cache, sample=sample, progress=progress)


def build(index: SearchIndex, cache: Path, *, sample: int | None = None, progress: bool = True) -> NaiveIndex:
    """Render, split, embed and cache every article (or a seeded sample of `sample` articles)."""
    started = time.perf_counter()
    grouped = _records_by_article(index)
    articles = index.articles(index.article_ids())
    ids = sorted(set(articles) | set(grouped))
    if sample is not None and sample < len(ids):
        ids = sorted(random.Random(0).sample(ids, sample))
    chunks = list(chunk_documents((articles.get(i) or Article(id=i), grouped.get(i, [])) for i in ids))
    split_seconds = time.perf_counter() - started

    texts = [text for _, text, _ in chunks]
    vectors = np.zeros((len(texts), 0), dtype=np.float32)
    if texts:
        from tqdm import tqdm

        parts = []
        with tqdm(total=len(texts), unit="chunk", desc="naive index", disable=not progress) as bar:
            for start in range(0, len(texts), BATCH):
                parts.append(index.embedder.embed(texts[start : start + BATCH]))
                bar.update(len(parts[-1]))
        vectors = np.vstack(parts).astype(np.float32)

    meta = {
        "fingerprint": fingerprint(index, sample),
        "articles": len(ids),
        "articles_in_index": len(set(articles) | set(grouped)),
        "chunks": len(chunks),
        "mean_chunk_chars": round(float(np.mean([len(t) for t in texts])), 1) if texts else 0.0,
        "split_seconds": round(split_seconds, 1),
        "build_seconds": round(time.perf_counter() - started, 1),
    }
    tmp = cache.with_name(cache.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    np.save(tmp / "vectors.npy", vectors)
    with (tmp / "chunks.jsonl").open("w", encoding="utf-8") as out:
        for article_id, text, record_ids in chunks:
            out.write(json.dumps({"article_id": article_id, "records": record_ids, "text": text}, ensure_ascii=False) + "\n")
    (tmp / "meta.json").write_text(json.dumps(meta, indent=2))
    # Written aside and swapped in whole, so an interrupted build never leaves a half cache.
    shutil.rmtree(cache, ignore_errors=True)
    tmp.rename(cache)
    return NaiveIndex(vectors, [c[0] for c in chunks], [c[2] for c in chunks], meta)


def chunk_documents(items: Iterable[tuple[Article, list[Record]]]) -> Iterable[tuple[str, str, list[str]]]:
    """(article id, chunk text, ids of the article's records named in the chunk) for every chunk."""
    from llama_index.core import Document
    from llama_index.core.node_parser import SentenceSplitter

    # tokenizer=list counts characters; it also keeps the splitter off tiktoken, which downloads.
    splitter = SentenceSplitter(chunk_size=SPLITTER["chunk_size"], chunk_overlap=SPLITTER["chunk_overlap"], tokenizer=list)
    for article, records in items:
        document = Document(text=article_markdown(article, records))
        for node in splitter.get_nodes_from_documents([document]):
            yield article.id, node.get_content(), named_records(node.get_content(), records)


def named_records(text: str, records: list[Record]) -> list[str]:
    """Ids of the records whose names appear in the text (case-insensitive), by first appearance."""
    lowered = text.lower()
    found = [(lowered.find(r.name.strip().lower()), r.id) for r in records if r.name.strip()]
    return list(dict.fromkeys(record_id for position, record_id in sorted(found) if position >= 0))


def _records_by_article(index: SearchIndex) -> dict[str, list[Record]]:
    """Every stored record, grouped by article, by record id."""
    ids = index.node_ids(NodeFilter())
    grouped: dict[str, list[Record]] = {}
    for start in range(0, len(ids), 5000):
        for record in index.records(ids[start : start + 5000]).values():
            grouped.setdefault(record.article_id, []).append(record)
    return grouped


def _load(cache: Path, meta: dict) -> NaiveIndex:
    articles: list[str] = []
    records: list[list[str]] = []
    with (cache / "chunks.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            chunk = json.loads(line)
            articles.append(chunk["article_id"])
            records.append(chunk["records"])
    return NaiveIndex(np.load(cache / "vectors.npy"), articles, records, meta)

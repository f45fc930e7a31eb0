"""The read side of the index, opened once and queried many times: dense and BM25 candidates
under one filter, and the stored records and articles behind them. `assistant/` reads the index
only through this class.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from .catalog import Catalog
from .embeddings import Embedder, load_embedder
from .errors import ModelMismatchError, StoreError
from .records import Article, Record
from .settings import Settings
from .snapshot import NodeFilter, Snapshot

if TYPE_CHECKING:
    from .vectors import VectorStore


class SearchIndex:
    """Dense (Chroma) and lexical (BM25) search over an index directory, plus record lookup."""

    def __init__(self, settings: Settings, *, embedder: Embedder | None = None):
        self.settings = settings
        index_dir = Path(settings.index_dir)
        self.catalog = Catalog(index_dir, create=False)
        self.embedder = embedder or load_embedder(settings)
        built_with = self.catalog.get_meta("embed_model")
        if built_with and built_with != self.embedder.model_id:
            raise ModelMismatchError(
                f"the index {index_dir} was built with {built_with!r} but {self.embedder.model_id!r} is configured"
            )
        snapshot = Snapshot.open(index_dir)
        if snapshot is None:
            raise StoreError(f"the index at {index_dir} is empty or unfinished: run ingest.py on it")
        self.snapshot = snapshot
        self._vectors: VectorStore | None = None
        self._records: dict[str, Record] = {}
        self._articles: dict[str, Article] = {}
        self._last_query: tuple[str, np.ndarray] | None = None

    @property
    def vectors(self):
        if self._vectors is None:
            from .vectors import VectorStore

            self._vectors = VectorStore(self.settings, self.embedder.model_id)
        return self._vectors

    def __len__(self) -> int:
        return len(self.snapshot)

    def embed_query(self, text: str) -> np.ndarray:
        """The query's vector; the last one is kept, since records and passages search the same text."""
        last = self._last_query  # one read: another thread may replace it meanwhile
        if last is None or last[0] != text:
            last = self._last_query = (text, self.embedder.embed([text])[0])
        return last[1]

    def mask(self, flt: NodeFilter) -> np.ndarray:
        return self.snapshot.mask(flt)

    def count(self, flt: NodeFilter) -> int:
        return int(self.snapshot.mask(flt).sum())

    def dense(self, vector: np.ndarray, n: int, flt: NodeFilter) -> list[tuple[str, float]]:
        """Top-n node ids by cosine similarity among the nodes the filter admits.

        Measured at 100k nodes (docs/benchmarks.md): Chroma's own filtered query 96 ms at the
        median, HNSW over-fetched then filtered 13 ms, an exact numpy scan of the admitted rows
        4 ms. So `auto` scans exactly up to `exact_max_rows` admitted nodes and only beyond asks
        HNSW for more than it needs and filters the answer (falling back to the exact scan if too
        few survive)."""
        mask = self.snapshot.mask(flt)
        admitted = int(mask.sum())
        if admitted == 0:
            return []
        strategy = self.settings.retrieval.dense_strategy
        if self.snapshot.vectors is None:
            strategy = "chroma-filter"  # a snapshot without vectors (written by an older version)
        elif strategy == "auto":
            strategy = "exact" if admitted <= self.settings.retrieval.exact_max_rows else "hnsw"
        if strategy == "exact":
            return self.snapshot.exact(vector, n, mask)
        if strategy == "hnsw":
            fetch = min(len(mask), int(n * len(mask) / admitted * 1.5) + 10)
            row_of = self.snapshot.row_of
            kept = [(i, s) for i, s in self.vectors.nearest(vector.tolist(), fetch) if i in row_of and mask[row_of[i]]]
            if len(kept) >= min(n, admitted):
                return kept[:n]
            return self.snapshot.exact(vector, n, mask)
        return self.vectors.query(vector.tolist(), n, flt)

    def lexical(self, query: str, n: int, flt: NodeFilter, extra: tuple[str, ...] = ()) -> list[tuple[str, float]]:
        """Top-n node ids by BM25 among the nodes the filter admits (with `extra` expansion terms)."""
        return self.snapshot.lexical(query, n, self.snapshot.mask(flt), extra)

    def coverage(self, node_ids: list[str], query: str) -> dict[str, float]:
        """How much of the query's specific wording each record's own fields hold: the share of
        the query terms' inverse document frequency that the record contains (a word the corpus
        never uses weighs most, and no record holds it)."""
        terms = list(dict.fromkeys(self.snapshot.terms(query)))
        if not terms or not node_ids:
            return {}
        total = len(self.snapshot) + 1
        weight = {t: math.log(total / (self.snapshot.document_frequency(t) + 1)) for t in terms}
        mass = sum(weight.values()) or 1.0
        records = self.records(node_ids)
        ids = [i for i in node_ids if i in records]
        texts = [" ".join(filter(None, (r.name, r.description, r.change, r.horizon, r.driving_force))) for r in (records[i] for i in ids)]
        out = {}
        for node_id, tokens in zip(ids, self.snapshot.terms_of(texts), strict=True):
            present = set(tokens)
            out[node_id] = sum(w for t, w in weight.items() if t in present) / mass
        return out

    def related_terms(self, node_ids: list[str], query: str, limit: int, *, min_nodes: int = 2, max_share: float = 0.01) -> tuple[str, ...]:
        """Query expansion from corpus statistics: stemmed terms that several of these nodes share
        (at least `min_nodes`), that the query lacks, and that are rare in the corpus (in at most
        `max_share` of the nodes), most shared first."""
        records = self.records(node_ids)
        own = set(self.snapshot.terms(query))
        counts: dict[str, int] = {}
        for record in records.values():
            for term in set(self.snapshot.terms(f"{record.name} {record.description}")):
                if term not in own and len(term) > 2:
                    counts[term] = counts.get(term, 0) + 1
        ceiling = max_share * len(self.snapshot)
        chosen = [
            (n, -df, t) for t, n in counts.items() if n >= min_nodes and 0 < (df := self.snapshot.document_frequency(t)) <= ceiling
        ]
        return tuple(t for _, _, t in sorted(chosen, reverse=True)[:limit])

    def similarities(self, vector: np.ndarray, flt: NodeFilter) -> tuple[np.ndarray, np.ndarray]:
        """(node ids, cosines) of every node the filter admits: exact, for exhaustive questions."""
        rows = np.flatnonzero(self.snapshot.mask(flt))
        if self.snapshot.vectors is None or len(rows) == 0:
            return self.snapshot.ids[rows], np.zeros(len(rows), dtype=np.float32)
        return self.snapshot.ids[rows], self.snapshot.vectors[rows] @ vector

    def mentions(self, phrases: list[str], flt: NodeFilter) -> set[str]:
        """Ids of admitted records whose stored fields contain one of the phrases (any case)."""
        phrases = [p.strip().lower() for p in phrases if len(p.strip()) >= 3]
        if not phrases:
            return set()
        admitted = set(self.snapshot.ids[self.snapshot.mask(flt)].tolist())
        found = self.catalog.records_mentioning(phrases)
        return found & admitted

    def mentioning(self, phrases: list[str], pattern: re.Pattern[str], flt: NodeFilter) -> set[str]:
        """Ids of admitted records whose own fields match `pattern` (found by `phrases` first)."""
        phrases = [p.strip().lower() for p in phrases if len(p.strip()) >= 2]
        if not phrases:
            return set()
        found = self.catalog.records_mentioning(phrases, pattern)
        mask = self.snapshot.mask(flt)
        row_of = self.snapshot.row_of
        return {i for i in found if i in row_of and mask[row_of[i]]}

    def articles_mentioning(self, phrases: list[str], pattern: re.Pattern[str]) -> set[str]:
        """Ids of articles whose title, summary, keywords or themes match `pattern`."""
        phrases = [p.strip().lower() for p in phrases if len(p.strip()) >= 2]
        return self.catalog.articles_mentioning(phrases, pattern) if phrases else set()

    def background(self, vector: np.ndarray, flt: NodeFilter) -> tuple[float, float]:
        """Mean and spread of the cosines of every admitted node to `vector`: what the question
        scores against records that are, almost all of them, unrelated to it."""
        _, cosines = self.similarities(vector, flt)
        if len(cosines) < 2:
            return 0.0, 1.0
        return float(cosines.mean()), float(cosines.std()) or 1.0

    def article_similarities(self, vector: np.ndarray, flt: NodeFilter) -> tuple[list[str], np.ndarray]:
        """(article ids, cosines) of every article with a record the filter admits, each article
        embedded as the normalised mean of its records' vectors: what the article as a whole is about."""
        ids, centroids = self._article_centroids()
        admitted = set(self.snapshot.article_ids[self.snapshot.mask(flt)].tolist())
        keep = np.array([a in admitted for a in ids], dtype=bool)
        return [a for a, ok in zip(ids, keep.tolist(), strict=True) if ok], centroids[keep] @ vector

    def _article_centroids(self) -> tuple[list[str], np.ndarray]:
        cached = getattr(self, "_centroids", None)
        if cached is not None and cached[0] is self.snapshot:
            return cached[1], cached[2]
        snap = self.snapshot
        rows = np.flatnonzero(snap.mask(NodeFilter()))  # record nodes only
        if snap.vectors is None or len(rows) == 0:
            return [], np.zeros((0, 1), dtype=np.float32)
        order = rows[np.argsort(snap.article_ids[rows], kind="stable")]
        articles = snap.article_ids[order]
        starts = np.flatnonzero(np.r_[True, articles[1:] != articles[:-1]])
        sums = np.add.reduceat(snap.vectors[order], starts, axis=0)
        centroids = sums / np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-9)
        ids = [str(a) for a in articles[starts]]
        self._centroids = (snap, ids, centroids.astype(np.float32))
        return ids, self._centroids[2]

    def similarity_to(self, node_ids: list[str], vector: np.ndarray) -> dict[str, float]:
        """Cosine of each node to `vector`, from the snapshot's vectors, in one product."""
        if self.snapshot.vectors is None or not node_ids:
            return {}
        rows = [self.snapshot.row_of[i] for i in node_ids]
        return dict(zip(node_ids, (self.snapshot.vectors[rows] @ vector).tolist(), strict=True))

    def vector_of(self, node_id: str) -> np.ndarray:
        """The stored vector of one node (from the snapshot)."""
        if self.snapshot.vectors is None:
            raise StoreError("this index has no vectors in its snapshot: run ingest.py on it once more")
        return self.snapshot.vectors[self.snapshot.row_of[node_id]]

    def article_of_node(self, node_id: str) -> str | None:
        row = self.snapshot.row_of.get(node_id)
        return None if row is None else str(self.snapshot.article_ids[row])

    def record_ids_of_articles(self, article_ids: list[str], flt: NodeFilter) -> list[str]:
        """Record node ids of these articles that satisfy the filter, in index order."""
        mask = self.snapshot.mask(flt) & np.isin(self.snapshot.article_ids, article_ids)
        return [str(i) for i in self.snapshot.ids[mask]]

    def clusters(self, record_ids: list[str]) -> dict[str, tuple[str, list[Article]]]:
        """Record id -> (its cluster, the articles of every member) for records in a cluster."""
        labels = self.catalog.clusters_of(record_ids)
        members = self.catalog.cluster_members(set(labels.values()))
        articles = self.articles(sorted({a for m in members.values() for _, a in m}))
        return {
            record_id: (label, [articles[a] for a in sorted({a for _, a in members.get(label, [])})])
            for record_id, label in labels.items()
        }

    def records(self, ids: list[str]) -> dict[str, Record]:
        """The stored records with these ids (cached; unknown ids are left out)."""
        missing = [i for i in ids if i not in self._records]
        for record_id, data in self.catalog.record_json(missing).items():
            self._records[record_id] = Record.model_validate_json(data)
        return {i: self._records[i] for i in ids if i in self._records}

    def passage_texts(self, ids: list[str]) -> dict[str, str]:
        """The text of passage nodes (without their context line)."""
        return {i: text.split("\n", 1)[-1] for i, text in self.catalog.node_texts(ids).items()}

    def articles(self, ids: list[str]) -> dict[str, Article]:
        missing = [i for i in set(ids) if i not in self._articles]
        self._articles.update(self.catalog.articles(missing))
        return {i: self._articles.get(i) or Article(id=i) for i in ids}

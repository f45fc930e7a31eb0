"""The search snapshot: BM25 over every node plus the node columns used for filtering, built at
ingest time from the catalog and persisted beside Chroma (never rebuilt per query).

A snapshot is a directory `snapshot-<n>/` named by `snapshot.json`; a new one is written whole
and then the pointer is swapped atomically, so an interrupted ingest leaves the old one readable.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from .nodes import ARTICLE_KIND, PASSAGE_KIND
from .records import KINDS

KIND_CODES: dict[str, int] = {kind: i for i, kind in enumerate((*KINDS, ARTICLE_KIND, PASSAGE_KIND))}
POINTER = "snapshot.json"
FORMAT = 2  # 2: vectors.npy beside BM25 and the columns


@dataclass(frozen=True)
class NodeFilter:
    """Metadata constraints shared by every retriever; None means unconstrained."""

    kinds: tuple[str, ...] | None = None  # None: the five record kinds (never article summaries or passages)
    min_relevancy: int | None = None
    since: date | None = None
    until: date | None = None
    article_ids: frozenset[str] | None = None

    def wanted_kinds(self) -> tuple[str, ...]:
        return self.kinds if self.kinds else KINDS


def _tokenize(texts: list[str], *, ids: bool):
    import bm25s
    import Stemmer

    return bm25s.tokenize(
        texts, stopwords="en", stemmer=Stemmer.Stemmer("english"), return_ids=ids, show_progress=False
    )


class Snapshot:
    """Node columns (ids, kinds, relevancy, dates, articles) and the BM25 index, aligned by row."""

    def __init__(self, directory: Path):
        import bm25s

        columns = np.load(directory / "columns.npz", allow_pickle=False)
        self.ids: np.ndarray = columns["ids"]
        self.article_ids: np.ndarray = columns["article_ids"]
        self.kinds: np.ndarray = columns["kinds"]
        self.relevancy: np.ndarray = columns["relevancy"]
        self.dates: np.ndarray = columns["dates"]
        self.row_of = {node_id: row for row, node_id in enumerate(self.ids.tolist())}
        self._masks: dict[NodeFilter, np.ndarray] = {}
        self.bm25 = bm25s.BM25.load(str(directory / "bm25")) if (directory / "bm25").exists() else None
        vectors = directory / "vectors.npy"
        self.vectors: np.ndarray | None = np.load(vectors) if vectors.exists() else None

    def __len__(self) -> int:
        return len(self.ids)

    @staticmethod
    def is_current(index_dir: Path) -> bool:
        """A snapshot exists and has the present format (an older one is rebuilt by the next ingest)."""
        pointer = index_dir / POINTER
        return pointer.exists() and json.loads(pointer.read_text()).get("format") == FORMAT

    @classmethod
    def open(cls, index_dir: Path) -> Snapshot | None:
        pointer = index_dir / POINTER
        if not pointer.exists():
            return None
        return cls(index_dir / json.loads(pointer.read_text())["current"])

    def mask(self, flt: NodeFilter) -> np.ndarray:
        """Boolean mask of the rows that satisfy the filter (cached: a question asks for the same
        filter several times; the arrays never change once loaded)."""
        cached = self._masks.get(flt)
        if cached is None:
            cached = self._masks[flt] = self._mask(flt)
            cached.flags.writeable = False
            if len(self._masks) > 64:
                self._masks.pop(next(iter(self._masks)))
        return cached

    def _mask(self, flt: NodeFilter) -> np.ndarray:
        wanted = np.zeros(256, dtype=bool)  # a lookup table beats np.isin on a 100k int8 column
        wanted[[KIND_CODES[k] for k in flt.wanted_kinds() if k in KIND_CODES]] = True
        mask = wanted[self.kinds.astype(np.uint8)]
        if flt.min_relevancy is not None:
            mask &= self.relevancy >= flt.min_relevancy
        if flt.since is not None:
            mask &= self.dates >= int(flt.since.strftime("%Y%m%d"))
        if flt.until is not None:
            mask &= (self.dates > 0) & (self.dates <= int(flt.until.strftime("%Y%m%d")))
        if flt.article_ids is not None:
            mask &= np.isin(self.article_ids, list(flt.article_ids))
        return mask

    def exact(self, vector: np.ndarray, n: int, mask: np.ndarray) -> list[tuple[str, float]]:
        """Top-n node ids by cosine among the masked rows, by brute force (exact)."""
        assert self.vectors is not None
        rows = np.flatnonzero(mask)
        if len(rows) == 0:
            return []
        # A narrow filter gathers its rows first; a broad one scores everything and masks.
        if len(rows) * 3 < len(mask):
            scores = self.vectors[rows] @ vector
        else:
            scores = (self.vectors @ vector)[rows]
        n = min(n, len(rows))
        top = np.argpartition(-scores, n - 1)[:n]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(str(self.ids[rows[i]]), float(scores[i])) for i in top]

    def terms(self, text: str) -> list[str]:
        """The text as BM25 sees it: stemmed tokens without stopwords (unknown words included)."""
        return list(_tokenize([text], ids=False)[0])

    def terms_of(self, texts: list[str]) -> list[list[str]]:
        """Several texts as BM25 sees them, in one call."""
        return [list(tokens) for tokens in _tokenize(texts, ids=False)] if texts else []

    def document_frequency(self, term: str) -> int:
        """How many nodes contain the (stemmed) term."""
        if self.bm25 is None or term not in self.bm25.vocab_dict:
            return 0
        indptr = self.bm25.scores["indptr"]
        t = self.bm25.vocab_dict[term]
        return int(indptr[t + 1] - indptr[t]) if t + 1 < len(indptr) else 0

    def lexical(self, query: str, n: int, mask: np.ndarray, extra: tuple[str, ...] = ()) -> list[tuple[str, float]]:
        """Top-n node ids by BM25 among the masked rows (rows with a zero score are left out);
        `extra` stemmed terms (query expansion) are searched with the query's own."""
        if self.bm25 is None or not mask.any():
            return []
        tokens = [t for t in [*_tokenize([query], ids=False)[0], *extra] if t in self.bm25.vocab_dict]
        if not tokens:
            return []
        scores = self.bm25.get_scores(tokens) * mask
        n = min(n, int(np.count_nonzero(scores)))
        if n == 0:
            return []
        top = np.argpartition(-scores, n - 1)[:n]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(str(self.ids[i]), float(scores[i])) for i in top]


def write_snapshot(index_dir: Path, rows: list[tuple[str, str, str, dict, np.ndarray | None]]) -> None:
    """Build and persist a new snapshot from (id, kind, text, metadata, vector) rows, then switch to it."""
    import bm25s

    pointer = index_dir / POINTER
    current = json.loads(pointer.read_text())["current"] if pointer.exists() else None
    number = int(current.rsplit("-", 1)[1]) + 1 if current else 1
    name = f"snapshot-{number}"
    target = index_dir / name
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)

    np.savez(
        target / "columns.npz",
        ids=np.array([r[0] for r in rows], dtype=str),
        article_ids=np.array([r[3]["article_id"] for r in rows], dtype=str),
        kinds=np.array([KIND_CODES[r[1]] for r in rows], dtype=np.int8),
        relevancy=np.array([r[3].get("relevancy") or 0 for r in rows], dtype=np.int8),
        dates=np.array([r[3].get("date") or 0 for r in rows], dtype=np.int32),
    )
    if rows and all(r[4] is not None for r in rows):
        np.save(target / "vectors.npy", np.vstack([r[4] for r in rows if r[4] is not None]).astype(np.float32))
    if rows:
        retriever = bm25s.BM25()
        retriever.index(_tokenize([r[2] for r in rows], ids=True), show_progress=False)
        retriever.save(str(target / "bm25"))

    tmp = index_dir / (POINTER + ".tmp")
    tmp.write_text(json.dumps({"current": name, "nodes": len(rows), "format": FORMAT}))
    os.replace(tmp, pointer)
    for old in index_dir.glob("snapshot-*"):
        if old.name != name:
            shutil.rmtree(old, ignore_errors=True)

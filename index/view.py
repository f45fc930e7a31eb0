"""A reader's view of one generation: the segments it lists, their rows side by side, and which
rows are live. Immutable once opened (its mask cache aside), so any number of threads may use it.

Every ranking here is a function of the live nodes alone, never of how they are laid out in
segments: scores are computed row by row (element-wise, or an einsum whose per-row sum does not
depend on the other rows; a BLAS product does, by a few ulps, so it only pre-selects
candidates), BM25 uses the generation's statistics, and ties are broken by node id. That is what
makes an index kept up to date by appended segments answer exactly like one built from scratch.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path

import numpy as np

from .filters import KIND_CODES, NodeFilter
from .generations import FOLDER, Manifest
from .lexical import idf, term_scores, tokenize
from .segments import Segment

MARGIN = 1e-5  # BLAS and einsum cosines differ by ~1e-7: candidates within this of the cut are rescored
MASKS = 64


class View:
    """Live rows of one generation, with filtering, exact dense scans and BM25."""

    def __init__(self, manifest: Manifest, segments: list[Segment]):
        self.generation = manifest.generation
        self.chroma = manifest.chroma
        self.segments = segments
        self.offsets = np.cumsum([0] + [len(s) for s in segments])
        self.ids = np.concatenate([s.ids for s in segments]) if segments else np.array([], dtype=str)
        self.article_ids = np.concatenate([s.article_ids for s in segments]) if segments else np.array([], dtype=str)
        self.kinds = np.concatenate([s.kinds for s in segments]) if segments else np.array([], dtype=np.int8)
        self.relevancy = np.concatenate([s.relevancy for s in segments]) if segments else np.array([], dtype=np.int8)
        self.dates = np.concatenate([s.dates for s in segments]) if segments else np.array([], dtype=np.int32)
        self.live = np.ones(len(self.ids), dtype=bool)
        for offset, ref in zip(self.offsets, manifest.segments, strict=False):
            if ref.dead:
                self.live[offset + np.asarray(ref.dead, dtype=np.int64)] = False
        self.live.flags.writeable = False
        self.nodes = int(self.live.sum())
        lengths = sum(int(s.postings.lengths[self._live_of(i)].sum()) for i, s in enumerate(segments))
        self.avgdl = np.float32(lengths / self.nodes) if self.nodes else np.float32(1)
        self.has_vectors = all(s.vectors is not None for s in segments if len(s))
        self._masks: OrderedDict[NodeFilter, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    @classmethod
    def open(cls, index_dir: Path, manifest: Manifest, cache: dict[str, Segment]) -> View:
        """The generation's view; segments already in `cache` (by name) are reused, not reloaded."""
        segments = []
        for ref in manifest.segments:
            segment = cache.get(ref.name)
            if segment is None:
                segment = Segment(index_dir / FOLDER / ref.name)
            segments.append(segment)
        return cls(manifest, segments)

    def __len__(self) -> int:
        return self.nodes

    def _live_of(self, s: int) -> np.ndarray:
        return self.live[self.offsets[s] : self.offsets[s + 1]]

    # rows
    def find(self, node_id: str) -> int | None:
        """The live row of a node (its newest version), or None."""
        for s in range(len(self.segments) - 1, -1, -1):
            local = self.segments[s].row_of.get(node_id)
            if local is not None and self.live[self.offsets[s] + local]:
                return int(self.offsets[s] + local)
        return None

    def vectors_at(self, rows: list[int] | np.ndarray) -> np.ndarray:
        """The vectors of these rows, in order."""
        rows = np.asarray(rows, dtype=np.int64)
        out = np.empty((len(rows), self._dim()), dtype=np.float32)
        which = np.searchsorted(self.offsets, rows, side="right") - 1
        for s in np.unique(which):
            picked = which == s
            vectors = self.segments[s].vectors
            assert vectors is not None
            out[picked] = vectors[rows[picked] - self.offsets[s]]
        return out

    def _dim(self) -> int:
        for segment in self.segments:
            if segment.vectors is not None and len(segment):
                return int(segment.vectors.shape[1])
        return 0

    def cosines(self, rows: list[int] | np.ndarray, vector: np.ndarray) -> np.ndarray:
        """Cosine of each row's vector to `vector`, computed per row (layout-independent)."""
        if len(rows) == 0:
            return np.zeros(0, dtype=np.float32)
        return np.einsum("ij,j->i", self.vectors_at(rows), vector.astype(np.float32, copy=False))

    # filters
    def mask(self, flt: NodeFilter) -> np.ndarray:
        """Live rows that satisfy the filter (cached per view: a question asks for the same filter often)."""
        with self._lock:
            cached = self._masks.get(flt)
            if cached is not None:
                self._masks.move_to_end(flt)
                return cached
        computed = self._mask(flt)
        computed.flags.writeable = False
        with self._lock:
            self._masks[flt] = computed
            while len(self._masks) > MASKS:
                self._masks.popitem(last=False)
        return computed

    def _mask(self, flt: NodeFilter) -> np.ndarray:
        wanted = np.zeros(256, dtype=bool)  # a lookup table beats np.isin on a 100k int8 column
        wanted[[KIND_CODES[k] for k in flt.wanted_kinds() if k in KIND_CODES]] = True
        mask = wanted[self.kinds.astype(np.uint8)] & self.live
        if flt.min_relevancy is not None:
            mask &= self.relevancy >= flt.min_relevancy
        if flt.max_relevancy is not None:
            mask &= (self.relevancy >= 1) & (self.relevancy <= flt.max_relevancy)  # an unrated record is no low-rated one
        if flt.since is not None:
            mask &= self.dates >= int(flt.since.strftime("%Y%m%d"))
        if flt.until is not None:
            mask &= (self.dates > 0) & (self.dates <= int(flt.until.strftime("%Y%m%d")))
        if flt.article_ids is not None:
            mask &= np.isin(self.article_ids, list(flt.article_ids))
        return mask

    # rankings
    def _top(self, rows: np.ndarray, scores: np.ndarray, n: int) -> list[tuple[str, float]]:
        """The n best (row, score) by score, ties by node id."""
        ranked = sorted(zip(self.ids[rows].tolist(), scores.tolist(), strict=True), key=lambda p: (-p[1], p[0]))
        return [(i, float(s)) for i, s in ranked[:n]]

    def exact(self, vector: np.ndarray, n: int, mask: np.ndarray) -> list[tuple[str, float]]:
        """Top-n node ids by cosine among the masked rows, exact; BLAS pre-selects per segment and
        the candidates near the cut are rescored per row."""
        if n <= 0:
            return []
        vector = vector.astype(np.float32, copy=False)
        candidates: list[np.ndarray] = []
        for s, segment in enumerate(self.segments):
            local_mask = mask[self.offsets[s] : self.offsets[s + 1]]
            rows = np.flatnonzero(local_mask)
            if len(rows) == 0 or segment.vectors is None:
                continue
            if len(rows) * 3 < len(local_mask):  # narrow filter: gather first; broad: score all, then pick
                rough = segment.vectors[rows] @ vector
            else:
                rough = (segment.vectors @ vector)[rows]
            if len(rows) > n:
                cut = np.partition(rough, len(rough) - n)[len(rough) - n]
                rows = rows[rough >= cut - MARGIN]
            candidates.append(rows + self.offsets[s])
        if not candidates:
            return []
        rows = np.concatenate(candidates)
        return self._top(rows, self.cosines(rows, vector), n)

    def similarities(self, vector: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(ids, cosines) of every masked row, each cosine computed per row."""
        rows = np.flatnonzero(mask)
        if len(rows) == 0 or not self.has_vectors:
            return self.ids[rows], np.zeros(len(rows), dtype=np.float32)
        vector = vector.astype(np.float32, copy=False)
        parts = []
        for s, segment in enumerate(self.segments):
            local = rows[(rows >= self.offsets[s]) & (rows < self.offsets[s + 1])] - self.offsets[s]
            if len(local) == 0 or segment.vectors is None:
                continue
            if len(local) * 3 < len(segment):
                parts.append(np.einsum("ij,j->i", segment.vectors[local], vector))
            else:
                parts.append(np.einsum("ij,j->i", segment.vectors, vector)[local])
        return self.ids[rows], np.concatenate(parts)

    def document_frequency(self, term: str) -> int:
        """Live nodes holding the (stemmed) term."""
        found = [(s, p) for s, segment in enumerate(self.segments) if (p := segment.postings.postings(term)) is not None]
        return sum(int(self._live_of(s)[rows].sum()) for s, (rows, _) in found)

    def holding(self, terms: list[str]) -> list[str]:
        """Ids of live nodes holding every one of the (stemmed) terms."""
        ids: list[str] = []
        for s, segment in enumerate(self.segments):
            rows = None
            for term in terms:
                found = segment.postings.postings(term)
                if found is None:
                    rows = None
                    break
                rows = found[0] if rows is None else np.intersect1d(rows, found[0], assume_unique=True)
            if rows is not None and len(rows):
                rows = rows[self._live_of(s)[rows]]
                ids += self.ids[rows + self.offsets[s]].tolist()
        return ids

    def lexical(self, query: str, n: int, mask: np.ndarray, extra: tuple[str, ...] = ()) -> list[tuple[str, float]]:
        """Top-n node ids by BM25 among the masked rows (rows scoring zero are left out). Document
        frequencies, their count and mean length are the generation's live ones; `extra` stemmed
        terms are scored with the query's own."""
        if n <= 0 or not self.nodes or not mask.any():
            return []
        terms = [*tokenize([query])[0], *extra]
        scores = [np.zeros(len(s), dtype=np.float32) for s in self.segments]
        for term in terms:  # in query order, repeats included (as bm25s scored them)
            found = [(s, p) for s, segment in enumerate(self.segments) if (p := segment.postings.postings(term)) is not None]
            df = sum(int(self._live_of(s)[rows].sum()) for s, (rows, _) in found)
            if df == 0:
                continue
            weight = idf(df, self.nodes)
            for s, (rows, tfs) in found:
                lengths = self.segments[s].postings.lengths[rows]
                scores[s][rows] += term_scores(weight, tfs, lengths, self.avgdl)
        candidates, values = [], []
        for s, segment_scores in enumerate(scores):
            segment_scores = segment_scores * mask[self.offsets[s] : self.offsets[s + 1]]
            rows = np.flatnonzero(segment_scores)
            if len(rows) > n:
                cut = np.partition(segment_scores[rows], len(rows) - n)[len(rows) - n]
                rows = rows[segment_scores[rows] >= cut]
            candidates.append(rows + self.offsets[s])
            values.append(segment_scores[rows])
        if not candidates:
            return []
        return self._top(np.concatenate(candidates), np.concatenate(values), n)

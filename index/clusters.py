"""Near-duplicate clusters: the same signal said by several articles ("Generative AI" in 160 of
them) grouped by embedding similarity plus name overlap, within one kind.

A *pair* qualifies when two records of one kind share a name word that at most `MAX_POSTING`
names of that kind contain, sit in articles of different origins (a copy of an article under
another id is no corroboration), have a cosine of at least `PAIR_COSINE` and names sharing at
least `NAME_JACCARD` of their words. Pairs merge best first (ties by id), and two clusters merge
only while their centroids stay within `CENTROID_COSINE`, which stops a chain of near-neighbours
from drifting into a grab-bag. A cluster spans at least two origins; its label is its smallest
member id.

The clusters are a function of the records alone: merging happens inside one connected component
of the pair graph, in a canonical order, with cosines computed per pair (never by a BLAS product,
whose last bits depend on the matrix around the row). So an ingest keeps them current by
recomputing only the components its changed records touch — before and after the change — and
ends with exactly what clustering everything from scratch gives. The catalog keeps the name
words, the qualifying pairs and each article's origin for that.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

VERSION = "2"  # bump when the method changes: indexes recluster on their next ingest
PAIR_COSINE = 0.8
NAME_JACCARD = 0.4
CENTROID_COSINE = 0.85
MAX_POSTING = 2000  # a word in more names than this ("AI") is no evidence of sameness
ORIGIN_MIN_NAMES = 3  # only a substantial identical record set betrays a copy
STOPWORDS = set("the of and in for to a an on with by as from at its into new via".split())
MARGIN = 1e-4  # BLAS pre-selection slack before the per-pair cosine decides


def name_tokens(name: str) -> frozenset[str]:
    """Content words of a record name, crudely singularised ("Risks" and "Risk" agree)."""
    words = re.findall(r"[a-z0-9]+", name.lower())
    return frozenset(w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words if w not in STOPWORDS and len(w) > 2)


def pair_cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Row-wise dot products, each computed on its own (the same bits whatever else is in the batch)."""
    return np.einsum("ij,ij->i", a, b)


def _cosine(a: np.ndarray, b: np.ndarray) -> float:
    dot = float(np.einsum("i,i->", a, b))
    return dot / (float(np.sqrt(np.einsum("i,i->", a, a))) * float(np.sqrt(np.einsum("i,i->", b, b))))


def jaccard(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    return len(a & b) / max(1, len(a | b))


@dataclass
class Rows:
    """Records of one kind in memory: what the pure functions below cluster."""

    ids: list[str]
    articles: list[str]  # the article's *origin*: copies of one article under two ids count once
    names: list[str]
    vectors: np.ndarray  # unit-norm, aligned with ids


def candidate_pairs(rows: Rows, new: list[int] | None = None) -> list[tuple[int, int, float]]:
    """(i, j, cosine) pairs that qualify, i < j, with i or j in `new` (default: every row)."""
    tokens = [name_tokens(n) for n in rows.names]
    postings: dict[str, list[int]] = defaultdict(list)
    for row, words in enumerate(tokens):
        for word in words:
            postings[word].append(row)
    wanted = set(range(len(rows.ids))) if new is None else set(new)
    seen: set[tuple[int, int]] = set()
    for members in postings.values():
        if not 2 <= len(members) <= MAX_POSTING:
            continue
        block = np.asarray(members)
        rough = rows.vectors[block] @ rows.vectors[block].T
        for a, b in zip(*np.nonzero(np.triu(rough >= PAIR_COSINE - MARGIN, 1)), strict=True):
            i, j = int(block[a]), int(block[b])
            if (i in wanted or j in wanted) and rows.articles[i] != rows.articles[j]:
                seen.add((min(i, j), max(i, j)))
    ordered = sorted(p for p in seen if jaccard(tokens[p[0]], tokens[p[1]]) >= NAME_JACCARD)
    if not ordered:
        return []
    first, second = np.array([p[0] for p in ordered]), np.array([p[1] for p in ordered])
    cosines = pair_cosines(rows.vectors[first], rows.vectors[second])
    return [(i, j, float(c)) for (i, j), c in zip(ordered, cosines.tolist(), strict=True) if c >= PAIR_COSINE]


def merge(rows: Rows, pairs: list[tuple[int, int, float]]) -> dict[int, str]:
    """Cluster label per row (rows in no cluster are absent)."""
    labels = merge_ids(
        [(rows.ids[i], rows.ids[j], c) for i, j, c in pairs],
        {rows.ids[r]: rows.vectors[r] for p in pairs for r in p[:2]},
        {rows.ids[r]: rows.articles[r] for p in pairs for r in p[:2]},
    )
    position = {node_id: row for row, node_id in enumerate(rows.ids)}
    return {position[i]: label for i, label in labels.items()}


def merge_ids(
    pairs: Iterable[tuple[str, str, float]], vectors: dict[str, np.ndarray], origins: dict[str, str]
) -> dict[str, str]:
    """Record id -> cluster label, from qualifying pairs merged best first (ties by ids) under the
    centroid check. The result for one connected component depends on that component alone."""
    parent: dict[str, str] = {}
    total: dict[str, np.ndarray] = {}

    def find(x: str) -> str:
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(x, x) != root:
            parent[x], x = root, parent.get(x, x)
        return root

    ordered = sorted(pairs, key=lambda p: (-p[2], p[0], p[1]))
    for a, b, _ in ordered:
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        ca, cb = total.get(ra, vectors[ra]), total.get(rb, vectors[rb])
        if _cosine(ca, cb) < CENTROID_COSINE:
            continue
        parent[ra] = rb
        total[rb] = ca + cb
    groups: dict[str, list[str]] = defaultdict(list)
    for record_id in {r for p in ordered for r in p[:2]}:
        groups[find(record_id)].append(record_id)
    labels: dict[str, str] = {}
    for members in groups.values():
        if len({origins[m] for m in members}) < 2:
            continue  # a cluster is corroboration across articles
        labels.update(dict.fromkeys(members, min(members)))
    return labels


def article_key(names: list[str]) -> str | None:
    """What two copies of one article share: their sorted record names (None: too few to tell)."""
    if len(names) < ORIGIN_MIN_NAMES:
        return None
    return hashlib.sha256("\x1f".join(sorted(names)).encode("utf-8")).hexdigest()[:32]


def origins_of(keys: dict[str, str | None]) -> dict[str, str]:
    """Article id -> its origin: the smallest article id sharing its key (itself without a key)."""
    first: dict[str, str] = {}
    for article_id in sorted(keys):
        key = keys[article_id]
        if key is not None:
            first.setdefault(key, article_id)
    return {a: first[k] if k is not None else a for a, k in keys.items()}

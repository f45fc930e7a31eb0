"""Near-duplicate clusters: the same signal said by several articles ("Generative AI" in 160 of
them) grouped by embedding similarity plus name overlap, within one kind.

Candidates come from shared name words (a posting list per word, so no all-pairs product); a
pair qualifies when the records sit in different articles, their cosine reaches `PAIR_COSINE`
and their names share at least `NAME_JACCARD` of their words. Pairs merge best first, and two
clusters merge only while their centroids stay within `CENTROID_COSINE`, which stops a chain of
near-neighbours from drifting into a grab-bag. Kept current incrementally: an ingest clusters
only the records it added or changed against everything else, and dissolves what it removed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

VERSION = "1"  # bump when the method changes: indexes recluster on their next ingest
PAIR_COSINE = 0.8
NAME_JACCARD = 0.4
CENTROID_COSINE = 0.85
MAX_POSTING = 2000  # a word in more names than this ("AI") is no evidence of sameness
STOPWORDS = set("the of and in for to a an on with by as from at its into new via".split())


def name_tokens(name: str) -> frozenset[str]:
    """Content words of a record name, crudely singularised ("Risks" and "Risk" agree)."""
    words = re.findall(r"[a-z0-9]+", name.lower())
    return frozenset(w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words if w not in STOPWORDS and len(w) > 2)


@dataclass
class Rows:
    """The snapshot's view the clustering needs, for one kind."""

    ids: list[str]
    articles: list[str]  # the article's *origin*: copies of one article under two ids count once
    names: list[str]
    vectors: np.ndarray  # unit-norm, aligned with ids


def candidate_pairs(rows: Rows, new: list[int]) -> list[tuple[int, int, float]]:
    """(i, j, cosine) pairs that qualify, with i in `new` and j anywhere in the kind."""
    tokens = [name_tokens(n) for n in rows.names]
    postings: dict[str, list[int]] = defaultdict(list)
    for row, words in enumerate(tokens):
        for word in words:
            postings[word].append(row)
    pairs: dict[tuple[int, int], float] = {}

    def consider(i: int, j: int, cos: float) -> None:
        if cos < PAIR_COSINE or rows.articles[i] == rows.articles[j]:
            return
        if len(tokens[i] & tokens[j]) / max(1, len(tokens[i] | tokens[j])) >= NAME_JACCARD:
            pairs[(min(i, j), max(i, j))] = cos

    if len(new) == len(rows.ids):  # a full build: one small matrix product per shared word
        for members in postings.values():
            if 2 <= len(members) <= MAX_POSTING:
                block = np.asarray(members)
                upper = np.triu(rows.vectors[block] @ rows.vectors[block].T, 1)
                for a, b in zip(*np.nonzero(upper >= PAIR_COSINE), strict=True):
                    consider(int(block[a]), int(block[b]), float(upper[a, b]))
        return sorted(((i, j, c) for (i, j), c in pairs.items()), key=lambda p: -p[2])
    for i in new:
        sharing = {j for w in tokens[i] if len(postings[w]) <= MAX_POSTING for j in postings[w] if j != i}
        others = [j for j in sharing if rows.articles[j] != rows.articles[i]]
        if others:
            for j, cos in zip(others, (rows.vectors[others] @ rows.vectors[i]).tolist(), strict=True):
                consider(i, j, cos)
    return sorted(((i, j, c) for (i, j), c in pairs.items()), key=lambda p: -p[2])


def merge(rows: Rows, pairs: list[tuple[int, int, float]], existing: dict[int, str]) -> dict[int, str]:
    """Cluster label per row (rows in no cluster are absent), starting from `existing` labels."""
    parent: dict[int, int] = {}
    total: dict[int, np.ndarray] = {}

    def find(x: int) -> int:
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(x, x) != root:
            parent[x], x = root, parent.get(x, x)
        return root

    by_label: dict[str, list[int]] = defaultdict(list)
    for row, label in existing.items():
        by_label[label].append(row)
    for members in by_label.values():
        for row in members[1:]:
            parent[row] = members[0]
        total[members[0]] = rows.vectors[members].sum(axis=0)

    for i, j, _ in pairs:
        a, b = find(i), find(j)
        if a == b:
            continue
        ca, cb = total.get(a, rows.vectors[a]), total.get(b, rows.vectors[b])
        if float(ca @ cb) / (np.linalg.norm(ca) * np.linalg.norm(cb)) < CENTROID_COSINE:
            continue
        parent[a] = b
        total[b] = ca + cb

    groups: dict[int, list[int]] = defaultdict(list)
    for row in set(parent) | {r for p in pairs for r in p[:2]} | set(existing):
        groups[find(row)].append(row)
    labels: dict[int, str] = {}
    for members in groups.values():
        if len({rows.articles[m] for m in members}) < 2:
            continue  # a cluster is corroboration across articles
        label = min(rows.ids[m] for m in members)  # stable: the smallest member id names it
        labels.update(dict.fromkeys(members, label))
    return labels


def update(catalog, snapshot, changed: set[str]) -> int:
    """Bring the stored clusters up to date after an ingest; returns how many clusters exist.

    Records in `changed` are clustered afresh against all others; ids no longer in the snapshot
    (removed records) simply leave their clusters. With no clusters stored yet, every record
    counts as changed."""
    from .records import KINDS
    from .snapshot import KIND_CODES

    if snapshot is None or snapshot.vectors is None:
        return 0
    names = catalog.record_names()
    origin = article_origins(catalog)
    stored = catalog.cluster_labels()
    full = not stored
    labels: dict[str, str] = {}
    for kind in KINDS:
        selected = np.flatnonzero(snapshot.kinds == KIND_CODES[kind])
        rows = Rows(
            ids=[str(i) for i in snapshot.ids[selected]],
            articles=[origin.get(str(a), str(a)) for a in snapshot.article_ids[selected]],
            names=[names.get(str(i), "") for i in snapshot.ids[selected]],
            vectors=snapshot.vectors[selected],
        )
        position = {node_id: row for row, node_id in enumerate(rows.ids)}
        new = list(range(len(rows.ids))) if full else [position[i] for i in changed if i in position]
        existing = {position[i]: label for i, label in stored.items() if i in position and i not in changed}
        merged = merge(rows, candidate_pairs(rows, new), existing)
        labels.update({rows.ids[row]: label for row, label in merged.items()})
    catalog.replace_clusters(labels)
    return len(set(labels.values()))


def article_origins(catalog) -> dict[str, str]:
    """Article id -> the id standing for every copy of that article: some articles sit in the
    tables twice under different ids with the very same records, which is no corroboration."""
    names: dict[str, list[str]] = defaultdict(list)
    for article_id, name in catalog.db.execute("SELECT article_id, lower(json_extract(data, '$.name')) FROM records"):
        names[article_id].append(name or "")
    first: dict[tuple[str, ...], str] = {}
    origin: dict[str, str] = {}
    for article_id in sorted(names):
        key = tuple(sorted(names[article_id]))
        # Only a substantial identical record set betrays a copy; two tiny articles may agree by chance.
        origin[article_id] = first.setdefault(key, article_id) if len(key) >= 3 else article_id
    return origin

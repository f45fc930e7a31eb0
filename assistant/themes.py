"""Theme discovery: items (articles, or record texts) grouped by the index's own embeddings with
scikit-learn, at most seven groups, each labelled by its most distinctive terms (class-based
TF-IDF: the terms frequent in this group and rare in the others).

The number of groups is the one with the best silhouette (cosine) from 2 to 7 (fewer for few
items), so it is read off the data; agglomerative clustering (average linkage, cosine) is
deterministic, and above `LARGE` items k-means with a fixed seed takes over (the whole corpus).
Every item lands in exactly one group, which is what lets a digest check its coverage.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

MAX_THEMES = 7
LARGE = 1500  # items above which k-means replaces agglomerative clustering (memory grows as n²)
SILHOUETTE_SAMPLE = 2000
LABEL_TERMS = 3
LABEL_ITEMS = 300  # items of a group whose texts label it (a sample, in order, for the whole corpus)

# Words every foresight record uses; they describe no theme.
DOMAIN_STOP = frozenset(
    """
    signal signals concern concerns behavior behaviors behaviour behaviours technology technologies issue issues
    article articles new may might could would use used using growing increasing increased rise rising shift shifts
    change changes changing towards toward rather instead like also many more most less year years ten decade
    people way ways make makes making based within across including include includes
    """.split()
)


@dataclass(frozen=True)
class Grouping:
    """The group of each item (0 = the largest group), each group's distinctive terms, and the
    silhouette of the grouping (None when it has fewer than two groups or three items)."""

    labels: list[int]
    terms: list[list[str]]
    silhouette: float | None

    @property
    def count(self) -> int:
        return len(self.terms)

    def members(self, group: int) -> list[int]:
        return [i for i, g in enumerate(self.labels) if g == group]


def group(vectors: np.ndarray, texts: Sequence[str], *, max_themes: int = MAX_THEMES) -> Grouping:
    """Items grouped into at most `max_themes` themes by their vectors, labelled from their texts."""
    n = len(texts)
    if n == 0:
        return Grouping([], [], None)
    labels, score = _cluster(normalised(vectors), max(1, min(max_themes, MAX_THEMES)))
    labels = _by_size(labels)
    k = max(labels) + 1
    members: list[list[int]] = [[] for _ in range(k)]
    for i, g in enumerate(labels):
        members[g].append(i)
    classes = [" ".join(texts[i] for i in m[:LABEL_ITEMS]) for m in members]
    return Grouping(labels, distinctive_terms(classes), score)


def normalised(vectors: np.ndarray) -> np.ndarray:
    """Each row scaled to unit length (a zero row stays zero)."""
    vectors = np.asarray(vectors, dtype=np.float64)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)


def _cluster(vectors: np.ndarray, max_k: int) -> tuple[list[int], float | None]:
    """The labels of the best grouping by silhouette (cosine) among 2..max_k groups."""
    from sklearn.metrics import silhouette_score

    n = len(vectors)
    if n == 1 or max_k == 1:
        return [0] * n, None
    if n == 2:  # no silhouette for two items: apart unless they say much the same
        return ([0, 0] if float(vectors[0] @ vectors[1]) >= 0.6 else [0, 1]), None
    best: tuple[float, list[int]] | None = None
    for k in range(2, min(max_k, n - 1) + 1):
        labels = _fit(vectors, k)
        if len(set(labels)) < 2:
            continue
        sample = SILHOUETTE_SAMPLE if n > SILHOUETTE_SAMPLE else None
        score = float(silhouette_score(vectors, labels, metric="cosine", sample_size=sample, random_state=0))
        if best is None or score > best[0] + 1e-9:
            best = (score, labels)
    if best is None:
        return [0] * n, None
    return best[1], round(best[0], 4)


def _fit(vectors: np.ndarray, k: int) -> list[int]:
    if len(vectors) > LARGE:
        from sklearn.cluster import KMeans

        return KMeans(n_clusters=k, n_init=2, random_state=0).fit_predict(vectors).tolist()
    from sklearn.cluster import AgglomerativeClustering

    return AgglomerativeClustering(n_clusters=k, metric="cosine", linkage="average").fit_predict(vectors).tolist()


def _by_size(labels: list[int]) -> list[int]:
    """Labels renumbered so that group 0 is the largest (ties: the one whose first item comes first)."""
    sizes: dict[int, int] = {}
    first: dict[int, int] = {}
    for i, g in enumerate(labels):
        sizes[g] = sizes.get(g, 0) + 1
        first.setdefault(g, i)
    order = sorted(sizes, key=lambda g: (-sizes[g], first[g]))
    renumber = {g: i for i, g in enumerate(order)}
    return [renumber[g] for g in labels]


def distinctive_terms(classes: Sequence[str], top: int = LABEL_TERMS) -> list[list[str]]:
    """Class-based TF-IDF (as BERTopic computes it): each class's term frequencies, normalised by
    its length, weighted by log(1 + average class length / the term's frequency over all classes).
    Unigrams and bigrams; a term whose words another chosen term already holds is skipped."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

    if not any(c.strip() for c in classes):
        return [[] for _ in classes]
    vectorizer = CountVectorizer(
        stop_words=sorted(ENGLISH_STOP_WORDS | DOMAIN_STOP),
        ngram_range=(1, 2),
        token_pattern=r"(?u)\b[^\W\d_][\w-]*[^\W_]\b",
        lowercase=True,
    )
    try:
        counts = vectorizer.fit_transform(classes).toarray().astype(np.float64)
    except ValueError:  # nothing but stop words
        return [[] for _ in classes]
    vocabulary = vectorizer.get_feature_names_out()
    per_class = counts.sum(axis=1, keepdims=True)
    tf = counts / np.where(per_class == 0, 1.0, per_class)
    average = counts.sum() / max(1, len(classes))
    idf = np.log(1 + average / np.maximum(counts.sum(axis=0), 1e-9))
    scores = tf * idf
    out = []
    for row in scores:
        chosen: list[str] = []
        words: set[str] = set()
        for j in np.lexsort((vocabulary, -row)):
            if row[j] <= 0 or len(chosen) >= top:
                break
            term = str(vocabulary[j])
            parts = set(term.split())
            if parts <= words or any(term in c or c in term for c in chosen):
                continue
            chosen.append(term)
            words |= parts
        out.append(chosen)
    return out


def label_of(terms: Sequence[str]) -> str:
    return " · ".join(terms) if terms else "unlabelled"


def quarter_of(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def quarters(days: Sequence[date | None]) -> dict[str, int]:
    """Dated items per quarter, oldest first."""
    counts: dict[str, int] = {}
    for day in sorted(d for d in days if d):
        counts[quarter_of(day)] = counts.get(quarter_of(day), 0) + 1
    return counts


def growth(per_quarter: dict[str, int], span: Sequence[str]) -> float:
    """How much a theme grew over the quarters of `span` (oldest first): the log ratio of its
    articles in the later half to the earlier half (+1 smoothing); 0 with fewer than two quarters."""
    if len(span) < 2:
        return 0.0
    half = len(span) // 2
    early = sum(per_quarter.get(q, 0) for q in span[:half])
    late = sum(per_quarter.get(q, 0) for q in span[half:])
    return math.log((late + 1) / (early + 1))


def mean_vectors(parts_of_item: Sequence[Sequence[Sequence[str]]], found: list[str], vectors: np.ndarray) -> tuple[list[int], np.ndarray]:
    """One vector per item: each of its parts (e.g. its summary; its records) is the mean of its
    nodes' normalised vectors, and the item is the mean of its parts, so a summary weighs as much
    as all the records together. Items without any vector are left out (their indices are not in
    the first list)."""
    row = {node: i for i, node in enumerate(found)}
    unit = normalised(vectors) if len(found) else vectors
    kept: list[int] = []
    out: list[np.ndarray] = []
    for item, parts in enumerate(parts_of_item):
        means = [unit[rows].mean(axis=0) for ids in parts if (rows := [row[i] for i in ids if i in row])]
        if means:
            kept.append(item)
            out.append(np.mean(means, axis=0))
    return kept, (np.vstack(out) if out else np.zeros((0, 0)))

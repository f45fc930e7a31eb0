"""Rank fusion, diversification, and sharing k rows out between rankings: pure functions over
ranked lists."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


def weighted_rrf(rankings: Sequence[Sequence[K]], weights: Sequence[float], k: int = 60) -> dict[K, float]:
    """Reciprocal rank fusion with a weight per ranking: sum of w / (k + rank), ranks from 1."""
    if len(rankings) != len(weights):
        raise ValueError("one weight per ranking")
    scores: dict[K, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
    return scores


def diversify(items: Sequence[T], group: Callable[[T], Hashable], per_group: int) -> list[T]:
    """Keep the order, but let no group place more than `per_group` items before every other group
    has had its turn; the overflow follows, still in order. Nothing is dropped."""
    seen: Counter[Hashable] = Counter()
    first: list[T] = []
    rest: list[T] = []
    for item in items:
        key = group(item)
        seen[key] += 1
        (first if seen[key] <= per_group else rest).append(item)
    return first + rest


def alternate(lists: Sequence[Sequence[T]], key: Callable[[T], K], seen: set[K] | None = None) -> list[T]:
    """One item of each list in turn (the first of each, then the second of each, ...), skipping
    any whose key is in `seen` or came earlier; `seen` gains the keys taken."""
    seen = set() if seen is None else seen
    out: list[T] = []
    for row in range(max((len(items) for items in lists), default=0)):
        for items in lists:
            if row < len(items) and (name := key(items[row])) not in seen:
                seen.add(name)
                out.append(items[row])
    return out


def share_out(available: Sequence[int], wanted: Sequence[int], k: int) -> list[int]:
    """Rows each of several rankings shows: what it wants of k, and what a ranking with fewer
    rows than that leaves to the others, one row at a time to each that has more."""
    out = [min(a, w) for a, w in zip(available, wanted, strict=True)]
    while sum(out) < k and any(o < a for o, a in zip(out, available, strict=True)):
        for n, a in enumerate(available):
            if out[n] < a and sum(out) < k:
                out[n] += 1
    return out

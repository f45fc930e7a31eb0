"""Scoring functions: pure, over ranked record keys and the answer's evidence."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence

RecordKey = tuple[str, str, str]  # (article id, kind, name stripped and lower-cased)

_CITATION_CELL = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")


def record_key(article_id: str, kind: str, name: str) -> RecordKey:
    """How a retrieved record is matched to gold: article id, kind, and the name compared loosely."""
    return article_id.strip(), kind.strip().lower(), name.strip().lower()


GOLD_CAP = 20  # recall@20 can find at most 20: a larger gold set (counts) is scored as if it held 20


def recall_at_k(ranked: Sequence[RecordKey], gold: set[RecordKey], k: int) -> float:
    """Share of the gold records among the first k retrieved (of at most `GOLD_CAP` gold records:
    the dev set never has more, and for our count questions 20 found out of 35 is all recall@20 can
    show)."""
    if not gold:
        raise ValueError("a question without gold records cannot be scored")
    return len(set(ranked[:k]) & gold) / min(len(gold), GOLD_CAP)


def precision(ranked: Sequence[RecordKey], gold: set[RecordKey]) -> float:
    """Share of the retrieved records that are gold (0 when nothing was retrieved)."""
    return sum(key in gold for key in ranked) / len(ranked) if ranked else 0.0


def ndcg_at_k(ranked: Sequence[RecordKey], gold: set[RecordKey], k: int = 10) -> float:
    """Normalised discounted cumulative gain with binary relevance; a repeated key gains once."""
    if not gold:
        raise ValueError("a question without gold records cannot be scored")
    seen: set[RecordKey] = set()
    dcg = 0.0
    for rank, key in enumerate(ranked[:k]):
        if key in gold and key not in seen:
            dcg += 1.0 / math.log2(rank + 2)
        seen.add(key)
    ideal = sum(1.0 / math.log2(rank + 2) for rank in range(min(len(gold), k)))
    return dcg / ideal


def reciprocal_rank(ranked: Sequence[RecordKey], gold: set[RecordKey]) -> float:
    """1/rank of the first gold record (0 when none was retrieved); its mean is the MRR."""
    return next((1.0 / rank for rank, key in enumerate(ranked, start=1) if key in gold), 0.0)


def article_recall_at_k(articles: Iterable[str], gold: set[str], k: int = 10) -> float:
    """Share of the gold articles among the first k distinct articles retrieved."""
    if not gold:
        raise ValueError("a question without gold articles cannot be scored")
    first = list(dict.fromkeys(articles))[:k]
    return len(set(first) & gold) / len(gold)


def filter_exact(records: Iterable[tuple[str, int | None]], kinds: Sequence[str] | None, min_relevancy: int | None) -> bool:
    """Every (kind, relevancy) satisfies the question's kinds and relevancy threshold."""
    for kind, relevancy in records:
        if kinds and kind not in kinds:
            return False
        if min_relevancy is not None and (relevancy is None or relevancy < min_relevancy):
            return False
    return True


def citations_valid(markers: Iterable[int], citations: Mapping[int, str], retrieved_articles: set[str]) -> bool:
    """Every [n] in the text names a citation whose article is among the retrieved records'."""
    return all(n in citations and citations[n] in retrieved_articles for n in markers)


def cells_faithful(rows: Iterable[Sequence[str]], records: Iterable[Mapping[str, object]], citations: set[int]) -> bool:
    """Side-by-side tables: every non-empty cell is a stored record's name followed by a citation
    marker that resolves."""
    names = {str(record.get("name")) for record in records}
    for row in rows:
        for cell in row:
            if not cell.strip():
                continue
            found = re.fullmatch(r"(.+?) \[(\d+(?:, \d+)*)\]", cell.strip())
            if not found or found.group(1) not in names:
                return False
            if not {int(n) for n in found.group(2).split(", ")} <= citations:
                return False
    return True


def articles_faithful(
    columns: Sequence[str], rows: Iterable[Sequence[str]], records: Iterable[Mapping[str, object]], citations: set[int]
) -> bool:
    """Articles tables: the record names a row gives (an untitled article's name, its key records)
    are stored records' names, and its citation resolves."""
    names = {str(record.get("name")) for record in records}
    where = {c: i for i, c in enumerate(columns)}
    for row in rows:
        given = row[where["Key records"]].split(" · ") if row[where["Key records"]] else []
        if row[where["Article"]].startswith("Untitled: "):
            given += row[where["Article"]].removeprefix("Untitled: ").split(" · ")
        if not set(given) <= names:
            return False
        marker = _CITATION_CELL.fullmatch(row[where["Source"]].strip())
        if not marker or not {int(n) for n in re.split(r"\s*,\s*", marker.group(1))} <= citations:
            return False
    return True


def table_faithful(rows: Iterable[Sequence[str]], records: Iterable[Mapping[str, object]], citations: set[int]) -> bool:
    """Every table row is one stored record: each cell equals a field of that record, is empty, or
    is a citation cell whose numbers all resolve."""
    values = [{str(v) for v in record.values() if v not in (None, "")} for record in records]
    for row in rows:
        cells = []
        for cell in row:
            marker = _CITATION_CELL.fullmatch(cell.strip())
            if marker:
                if not {int(n) for n in re.split(r"\s*,\s*", marker.group(1))} <= citations:
                    return False
            elif cell.strip():
                cells.append(cell)
        if not any(all(c in fields for c in cells) for fields in values):
            return False
    return True


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0-100, linear interpolation), or None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)

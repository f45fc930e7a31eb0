"""What an index holds, at a glance: articles and records by kind, relevancy, dates, themes and
keywords, and the largest near-duplicate clusters (`SearchIndex.inventory()`; the app's Explore tab)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import numpy as np
from pydantic import BaseModel, Field

from .catalog import Catalog
from .filters import KIND_CODES
from .records import KINDS
from .view import View


class ClusterSummary(BaseModel):
    """One near-duplicate cluster: a record several articles state in near-identical words."""

    cluster: str
    kind: str
    name: str = Field(description="The name of one of its records (the most common).")
    records: int
    articles: int


class Inventory(BaseModel):
    """Counts over one generation of the index."""

    generation: int
    articles: int = Field(description="Articles with at least one record or node in this generation.")
    dated_articles: int
    titled_articles: int
    records: int
    by_kind: dict[str, int] = Field(description="Records per kind, in the corpus's kind order.")
    relevancy: dict[str, dict[str, int]] = Field(description="Kind -> relevancy ('1'..'5', 'unrated') -> records.")
    first: dt.date | None = Field(None, description="Earliest curation date of a dated article.")
    last: dt.date | None = None
    per_month: dict[str, int] = Field(default_factory=dict, description="Dated articles per month (YYYY-MM), oldest first.")
    themes: list[tuple[str, int]] = Field(default_factory=list, description="Most common article themes, with article counts.")
    keywords: list[tuple[str, int]] = Field(default_factory=list, description="Most common article keywords, with article counts.")
    clusters: list[ClusterSummary] = Field(default_factory=list, description="The largest near-duplicate clusters, largest first.")
    cluster_count: int = 0


def take_inventory(view: View, catalog: Catalog, *, top: int = 15) -> Inventory:
    """The inventory of `view` (article fields and clusters read from the catalog)."""
    record_codes = np.array([KIND_CODES[k] for k in KINDS], dtype=np.int8)
    is_record = np.isin(view.kinds, record_codes) & view.live
    kinds = view.kinds[is_record]
    relevancy = view.relevancy[is_record]
    by_kind = {kind: int((kinds == KIND_CODES[kind]).sum()) for kind in KINDS}
    rated: dict[str, dict[str, int]] = {}
    for kind in KINDS:
        values = relevancy[kinds == KIND_CODES[kind]]
        counts = {str(level): int((values == level).sum()) for level in range(1, 6)}
        counts["unrated"] = int(((values < 1) | (values > 5)).sum())
        rated[kind] = counts
    article_ids = sorted(set(view.article_ids[view.live].tolist()))
    articles = catalog.articles(article_ids)
    dates = sorted(a.date for a in articles.values() if a.date)
    months = Counter(d.strftime("%Y-%m") for d in dates)
    themes = Counter(t.strip() for a in articles.values() for t in dict.fromkeys(a.themes) if t.strip())
    keywords = Counter(k.strip().lower() for a in articles.values() for k in dict.fromkeys(a.keywords) if k.strip())
    live_records = set(view.ids[is_record].tolist())
    labels = {r: c for r, c in catalog.cluster_labels().items() if r in live_records}
    members: dict[str, list[str]] = {}
    for record_id, label in labels.items():
        members.setdefault(label, []).append(record_id)
    largest = sorted(members.items(), key=lambda item: (-len(item[1]), item[0]))[:top]
    facts = catalog.record_facts([r for _, ids in largest for r in ids])
    clusters = []
    for label, ids in largest:
        found = [facts[i] for i in ids if i in facts]
        if not found:
            continue
        name = Counter(name for _, _, name in found).most_common(1)[0][0]
        clusters.append(
            ClusterSummary(cluster=label, kind=found[0][0], name=name, records=len(ids), articles=len({a for _, a, _ in found}))
        )
    return Inventory(
        generation=view.generation,
        articles=len(article_ids),
        dated_articles=sum(1 for a in articles.values() if a.date),
        titled_articles=sum(1 for a in articles.values() if a.title),
        records=int(is_record.sum()),
        by_kind=by_kind,
        relevancy=rated,
        first=dates[0] if dates else None,
        last=dates[-1] if dates else None,
        per_month=dict(sorted(months.items())),
        themes=themes.most_common(top),
        keywords=keywords.most_common(top),
        clusters=clusters,
        cluster_count=len(members),
    )

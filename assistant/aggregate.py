"""Exhaustive questions ("list all ...", "how many ..."): every record that matches, not the top k.

The matched set is delimited in three stated ways, under the question's filters:
1. *mentions*: the record's own words contain a topic phrase (case-insensitive, exact);
2. *close in meaning*: cosine to the topic at least `count_similarity` (exact scan, every record);
3. *in context*: records of articles that are about the topic (an article with a mention or a
   close match among its records or summary) whose cosine is at least `context_similarity`.
Facet counts (kind, category, primary theme, year) are over the whole set and each adds up to it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from index import KINDS, RetrievalSettings
from index.nodes import ARTICLE_KIND
from index.search import SearchIndex
from index.snapshot import KIND_CODES, NodeFilter

from .markup import escape_text
from .models import Hit, QueryPlan, Ranked
from .retrieve import browse, filter_notes, node_filter, with_corroboration

UNKNOWN = "(none)"


@dataclass
class MatchedSet:
    """Every matching record id, best first, and how each got in."""

    ids: list[str]
    similarity: dict[str, float]
    reasons: Counter[str] = field(default_factory=Counter)


def phrases_of(plan: QueryPlan) -> list[str]:
    """Topic phrases to look for verbatim, with the plural/singular variant of the last word."""
    out: list[str] = []
    for topic in plan.topics:
        phrase = " ".join(topic.split()).lower()
        if len(phrase) < 3:
            continue
        out.append(phrase)
        if phrase.endswith("ies"):
            out.append(phrase[:-3] + "y")
        elif phrase.endswith("s") and not phrase.endswith(("ss", "is", "us")) and len(phrase) > 4:
            out.append(phrase[:-1])
    return list(dict.fromkeys(out))


def match_all(plan: QueryPlan, index: SearchIndex, settings: RetrievalSettings) -> MatchedSet:
    flt = node_filter(plan)
    if not plan.query.strip():
        ids, _ = browse(index, flt)
        return MatchedSet(ids, dict.fromkeys(ids, 0.0), Counter({"filters": len(ids)}))

    # One pass over every node of the period (records and summaries): the question's own filter
    # is a subset of it, and the articles "about" the topic come from all of it.
    everything = NodeFilter(kinds=(*KINDS, ARTICLE_KIND), since=plan.since, until=plan.until)
    phrases = phrases_of(plan)
    mentioned = index.mentions(phrases, everything)
    all_ids, all_cos = index.similarities(index.embed_query(plan.query), everything)
    admitted = set(index.snapshot.ids[index.mask(flt)].tolist())
    similarity = {i: c for i, c in zip(all_ids.tolist(), all_cos.tolist(), strict=True) if i in admitted}
    mentions = mentioned & admitted
    close = {i for i, s in similarity.items() if s >= settings.count_similarity}

    about = {index.article_of_node(i) for i in mentioned}
    about |= {index.article_of_node(str(i)) for i in all_ids[all_cos >= settings.count_similarity]}
    context = {i for i, s in similarity.items() if s >= settings.context_similarity and index.article_of_node(i) in about}

    reasons: Counter[str] = Counter()
    for i in mentions | close | context:
        reasons["mention" if i in mentions else "similar" if i in close else "context"] += 1
    chosen = sorted(mentions | close | context, key=lambda i: (-similarity.get(i, 0.0), i))
    return MatchedSet(chosen, similarity, reasons)


def facets(matched: MatchedSet, index: SearchIndex) -> dict[str, dict[str, int]]:
    """Counts by kind, category, primary theme and year; each facet sums to the set's size."""
    snap = index.snapshot
    articles = index.articles([a for a in {index.article_of_node(i) for i in matched.ids} if a])
    names = {code: kind for kind, code in KIND_CODES.items()}
    out: dict[str, Counter[str]] = {"kind": Counter(), "category": Counter(), "theme": Counter(), "year": Counter()}
    for node_id in matched.ids:
        article = articles.get(index.article_of_node(node_id) or "")
        out["kind"][names[int(snap.kinds[snap.row_of[node_id]])]] += 1
        out["category"][(article.category if article and article.category else UNKNOWN)] += 1
        out["theme"][(article.themes[0] if article and article.themes else UNKNOWN)] += 1
        out["year"][(str(article.date.year) if article and article.date else UNKNOWN)] += 1
    return {name: dict(counter.most_common()) for name, counter in out.items()}


def page_of(matched: MatchedSet, index: SearchIndex, page: int, size: int, plan: QueryPlan) -> Ranked:
    """One page of the matched set as ranked hits (what tables and citations are built from)."""
    chosen = matched.ids[(page - 1) * size : page * size]
    records = index.records(chosen)
    articles = index.articles([r.article_id for r in records.values()])
    hits = [
        Hit(record=records[i], article=articles[records[i].article_id], score=round(matched.similarity.get(i, 0.0), 6))
        for i in chosen
        if i in records
    ]
    return Ranked(hits=with_corroboration(hits, index), matched=len(matched.ids), notes=filter_notes(node_filter(plan), index))


def how_counted(plan: QueryPlan, matched: MatchedSet, settings: RetrievalSettings) -> str:
    """One sentence saying how the set was delimited."""
    if not plan.query.strip():
        return "every record that satisfies the filters"
    parts = []
    if matched.reasons["mention"]:
        parts.append(f"{matched.reasons['mention']} mention {_quoted(phrases_of(plan))}")
    if matched.reasons["similar"]:
        parts.append(f"{matched.reasons['similar']} more are close in meaning (similarity ≥ {settings.count_similarity:.2f})")
    if matched.reasons["context"]:
        parts.append(
            f"{matched.reasons['context']} more belong to articles about it and are related "
            f"(similarity ≥ {settings.context_similarity:.2f})"
        )
    return "; ".join(parts) if parts else "nothing mentions the topic or comes close to it"


def _quoted(phrases: list[str]) -> str:
    return " or ".join(f"“{escape_text(p)}”" for p in phrases[:4])

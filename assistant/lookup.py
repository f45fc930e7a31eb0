"""Lookups: the records that answer a question, and for a question that joins several parts
("X, and where Y", "X and its effect on Y"), each part retrieved on its own so that no part
crowds out another; the answer then covers every part and says how many records each has."""

from __future__ import annotations

from index import RetrievalSettings
from index.search import SearchIndex

from .fusion import alternate, share_out
from .models import Hit, QueryPlan, Ranked
from .passages import retrieve_passages
from .plan import entities_in, focus_of
from .retrieve import retrieve


def gather_lookup(plan: QueryPlan, index: SearchIndex, settings: RetrievalSettings, k: int) -> Ranked:
    """The ranked records of a lookup (every part of a multi-part question), and web passages."""
    ranked = gather_aspects(plan, index, settings, k) if len(plan.aspects) >= 2 else retrieve(plan, index, settings, k)
    ranked.passages = retrieve_passages(plan, index, settings, ranked)
    return ranked


def gather_aspects(plan: QueryPlan, index: SearchIndex, settings: RetrievalSettings, k: int) -> Ranked:
    """Each part searched apart under the same filters (in the kinds it names, if it names any),
    its share of k taken (a part with fewer strong matches than its share leaves the rest of k to
    the others), the hits of all parts interleaved (so the first rows cover every part) and tagged
    with their part. After the first page the parts' remaining rows are interleaved the same way,
    k to a page."""
    share = max(1, k // len(plan.aspects))
    page = max(1, plan.page)
    depth = k * (page + 1)  # each part's ranking, deep enough for this page and the next
    parts: list[Ranked] = []
    for n, aspect in enumerate(plan.aspects):
        entities = entities_in(aspect, plan.entities)
        kinds = plan.aspect_kinds[n] if n < len(plan.aspect_kinds) and plan.aspect_kinds[n] else plan.kinds
        update = {"query": aspect, "topics": [aspect], "aspects": [], "aspect_kinds": [], "kinds": kinds}
        sub = plan.model_copy(update={**update, "entities": entities, "focus": focus_of(aspect, entities)})
        parts.append(retrieve(sub, index, settings, depth, page=1))
    firsts = share_out([min(len(r.hits), r.strong or len(r.hits), k) for r in parts], [share] * len(parts), k)
    rankings = [[_tag(h, n) for h in [*r.hits, *r.more]] for n, r in enumerate(parts)]
    seen: set[str] = set()
    first = alternate([ranking[:n] for ranking, n in zip(rankings, firsts, strict=True)], lambda h: h.record.id, seen)
    rest = alternate([ranking[n:] for ranking, n in zip(rankings, firsts, strict=True)], lambda h: h.record.id, seen)
    if page == 1:
        hits, more, offset = first, rest[:k], 0
    else:
        start = (page - 2) * k
        hits, more, offset = rest[start : start + k], rest[start + k : start + 2 * k], len(first) + start
    notes = list(dict.fromkeys(n for r in parts for n in r.notes))
    timings = {f"{key}.{n}": value for n, r in enumerate(parts) for key, value in r.timings_ms.items()}
    return Ranked(
        hits=hits,
        more=more,
        matched=max(r.matched for r in parts),
        total=sum(r.total for r in parts),
        strong=sum(r.strong for r in parts),
        offset=offset,
        notes=notes,
        timings_ms=timings,
    )


def aspect_counts(plan: QueryPlan, ranked: Ranked) -> list[tuple[str, int, int]]:
    """(part, strong matches shown, weaker ones waiting) for each part of the question."""
    out = []
    for number, aspect in enumerate(plan.aspect_labels()):
        shown = sum(1 for h in ranked.hits if h.aspect == number)
        waiting = sum(1 for h in ranked.more if h.aspect == number)
        out.append((aspect, shown, waiting))
    return out


def _tag(hit: Hit, number: int) -> Hit:
    hit.aspect = number
    return hit


def through_articles(ranked: Ranked, about: list[Hit], k: int) -> Ranked:
    """A lookup in kinds none of whose records clears the bar, though records of other kinds do
    (`about`): the asked kind's matches from the articles of those records are about the topic in
    context, and answer it ("What are people worried about with self-driving cars?": no concern
    says "self-driving cars" or stands as close to it as a technology record does, but the concerns
    of the articles on autonomous vehicles are theirs). They are shown as strong, the rest wait
    behind "more" (after those beyond the first `k`), and the answer says how they were admitted
    (`Ranked.through_articles`)."""
    articles = {h.record.article_id for h in about}
    pool = [*ranked.hits, *ranked.more]
    inside = [h.model_copy(update={"strong": True}) for h in pool if h.record.article_id in articles]
    if not inside:
        return ranked
    rest = inside[k:] + [h for h in pool if h.record.article_id not in articles]
    inside = inside[:k]
    held = len({h.record.article_id for h in inside})
    return ranked.model_copy(update={"hits": inside, "more": rest, "strong": len(inside), "through_articles": held})


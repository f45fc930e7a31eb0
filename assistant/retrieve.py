"""Hybrid retrieval: dense and BM25 candidates under the same filters, fused with weighted RRF
(dense-leaning), lifted by article-summary matches, diversified across articles.
"""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import date

import numpy as np

from index import NodeFilter, RetrievalSettings
from index.search import SearchIndex

from .fusion import diversify, weighted_rrf
from .models import Corroboration, Hit, QueryPlan, Ranked

FEEDBACK_POOL = 5  # the feedback query re-ranks this many times `candidates` of the first pass


def node_filter(plan: QueryPlan) -> NodeFilter:
    return NodeFilter(
        kinds=tuple(plan.kinds) or None, min_relevancy=plan.min_relevancy, since=plan.since, until=plan.until
    )


def retrieve(plan: QueryPlan, index: SearchIndex, settings: RetrievalSettings, k: int) -> Ranked:
    """The k best records for the plan; nothing when the filters admit nothing."""
    timings: dict[str, float] = {}
    flt = node_filter(plan)
    matched = index.count(flt)
    notes = filter_notes(flt, index)
    if matched == 0:
        return Ranked(matched=0, notes=notes, timings_ms=timings)

    dense_scores: dict[str, float] = {}
    lexical_scores: dict[str, float] = {}
    if plan.query.strip():
        started = time.perf_counter()
        question = index.embed_query(plan.query)
        timings["embed"] = _ms(started)
        started = time.perf_counter()
        if settings.feedback_weight:
            # Pseudo-relevance feedback: the best few records pull the question towards how the
            # corpus words the topic (terse rows rarely echo the question's own words). The
            # expanded query re-scores a deep pool of the first pass rather than the whole index:
            # the same candidates at a third of the cost.
            pool = index.dense(question, settings.candidates * FEEDBACK_POOL, flt)
            if pool:
                top = np.mean([index.vector_of(i) for i, _ in pool[: settings.feedback_depth]], axis=0)
                expanded = question + settings.feedback_weight * top
                rescored = index.similarity_to([i for i, _ in pool], expanded / np.linalg.norm(expanded))
                dense = sorted(rescored.items(), key=lambda item: -item[1])[: settings.candidates]
            else:
                dense = []
        else:
            dense = index.dense(question, settings.candidates, flt)
        timings["dense"] = _ms(started)
        started = time.perf_counter()
        lexical = index.lexical(plan.query, settings.candidates, flt)
        timings["lexical"] = _ms(started)
        lexical_scores = dict(lexical)
        weights = (settings.dense_weight, 1.0 - settings.dense_weight)
        fused = weighted_rrf([[i for i, _ in dense], [i for i, _ in lexical]], weights, settings.rrf_k)
        article_similarity: dict[str, float] = {}
        if settings.article_boost and settings.articles:
            started = time.perf_counter()
            best = max((float(index.vector_of(i) @ question) for i, _ in dense[:20]), default=0.0)
            article_similarity = _lift_by_articles(fused, plan, question, best, index, settings, flt)
            timings["articles"] = _ms(started)
        # Evidence is judged against the question itself, not the feedback-expanded query.
        dense_scores = index.similarity_to(list(fused), question)
        order = sorted(fused, key=lambda i: -fused[i])
        if plan.intent == "lookup":
            order = _relevant(order, index, dense_scores, lexical_scores, article_similarity, settings)
    else:
        order, fused = browse(index, flt)

    order = order[: max(k * 50, 1000)]  # diversification needs a margin, not the whole index
    article_of = {i: index.article_of_node(i) for i in order}
    order = diversify(order, lambda i: article_of[i], settings.per_article)[:k]
    records = index.records(order)
    articles = index.articles([r.article_id for r in records.values()])
    hits = [
        Hit(
            record=records[i],
            article=articles[records[i].article_id],
            score=round(float(fused[i]), 6),
            dense=dense_scores.get(i),
            lexical=lexical_scores.get(i),
        )
        for i in order
        if i in records
    ]
    return Ranked(hits=with_corroboration(hits, index), matched=matched, notes=notes, timings_ms=timings)


def with_corroboration(hits: list[Hit], index: SearchIndex) -> list[Hit]:
    """Attach to each hit its near-duplicate cluster: how many articles carry it, and when."""
    clusters = index.clusters([h.record.id for h in hits])
    for hit in hits:
        if hit.record.id in clusters:
            label, articles = clusters[hit.record.id]
            dates = sorted(a.date for a in articles if a.date)
            hit.corroboration = Corroboration(
                cluster=label, articles=len(articles), first=dates[0] if dates else None, last=dates[-1] if dates else None
            )
    return hits


def filter_notes(flt: NodeFilter, index: SearchIndex) -> list[str]:
    """Say how many records a relevancy or date filter leaves out only because they lack the field."""
    notes = []
    if flt.min_relevancy is not None:
        unrated = index.count(replace(flt, min_relevancy=None)) - index.count(replace(flt, min_relevancy=1))
        if unrated:
            notes.append(
                f"The relevancy filter (≥ {flt.min_relevancy}) leaves out {unrated:,} records that carry no "
                "relevancy rating (older layouts rate only signals, if anything)."
            )
    if flt.since is not None or flt.until is not None:
        undated = index.count(replace(flt, since=None, until=None)) - index.count(replace(flt, since=date.min, until=None))
        if undated:
            notes.append(
                f"The date filter leaves out {undated:,} records whose articles carry no date "
                "(tabular exports have none; some page ids are not dates)."
            )
    return notes


def _lift_by_articles(
    fused: dict,
    plan: QueryPlan,
    vector: np.ndarray,
    best_record: float,
    index: SearchIndex,
    settings: RetrievalSettings,
    flt: NodeFilter,
) -> dict[str, float]:
    """Records of articles whose summary matches the question rise with them; such records join
    the candidates even when neither retriever found them on their own (an article about Estonia
    lends its signals the context their terse rows lack). Only summaries that pass the same
    similarity floors as records take part: an unrelated summary must not lift its records into
    every answer. Returns each lifting article's cosine."""
    article_filter = NodeFilter(kinds=("article",), since=plan.since, until=plan.until)
    floor = max(settings.min_similarity, settings.relative_similarity * best_record)
    dense = [(i, s) for i, s in index.dense(vector, settings.articles, article_filter) if s >= floor]
    if not dense:
        return {}
    passing = {i for i, _ in dense}
    lexical = [(i, s) for i, s in index.lexical(plan.query, settings.articles, article_filter) if i in passing]
    weights = (settings.dense_weight, 1.0 - settings.dense_weight)
    lifted = weighted_rrf([[i for i, _ in dense], [i for i, _ in lexical]], weights, settings.rrf_k)
    by_article = {index.article_of_node(i): s for i, s in lifted.items()}
    for record_id in index.record_ids_of_articles([a for a in by_article if a], flt):
        fused.setdefault(record_id, 0.0)
    for record_id in fused:
        fused[record_id] += settings.article_boost * by_article.get(index.article_of_node(record_id), 0.0)
    return {a: s for i, s in dense if (a := index.article_of_node(i))}


def _relevant(
    order: list[str],
    index: SearchIndex,
    dense: dict[str, float],
    lexical: dict[str, float],
    articles: dict[str, float],
    settings: RetrievalSettings,
) -> list[str]:
    """Candidates with real evidence: similar enough themselves or through their article's
    summary (absolute floor, and relative to the best), or a strong BM25 match. A question the
    index cannot answer then gets 'nothing found' instead of the least bad records."""

    if articles:
        similarity = {i: max(dense.get(i, -1.0), articles.get(index.article_of_node(i) or "", -1.0)) for i in order}
    else:
        similarity = {i: dense.get(i, -1.0) for i in order}
    best = max(similarity.values(), default=-1.0)
    floor = max(settings.min_similarity, settings.relative_similarity * best)
    best_lexical = max(lexical.values(), default=0.0)
    strong = 0.5 * best_lexical if best_lexical else float("inf")
    return [i for i in order if similarity[i] >= floor or lexical.get(i, 0.0) >= strong]


def browse(index: SearchIndex, flt: NodeFilter) -> tuple[list[str], dict[str, float]]:
    """No topic to search: the filtered records, most relevant and most recent first."""
    ids = index.browse(flt)
    return ids, {i: 0.0 for i in ids}


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 2)

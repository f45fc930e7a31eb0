"""Passages of raw web articles for a question: dense and BM25 over passage nodes only, fused like
records, kept only when they are real evidence. Passages are never records: they do not fill the
tables or `Answer.records`; answers quote them (extractive) or show them to the model as excerpts
of their article (llm). A question that asks for record kinds or a relevancy asks for records, so
it gets no passages.
"""

from __future__ import annotations

from collections import Counter

from index import NodeFilter, RetrievalSettings
from index.nodes import PASSAGE_KIND
from index.search import SearchIndex

from .fusion import weighted_rrf
from .models import PassageHit, QueryPlan, Ranked

PASSAGES = 4  # quoted per answer
PER_ARTICLE = 2


def retrieve_passages(plan: QueryPlan, index: SearchIndex, settings: RetrievalSettings, ranked: Ranked) -> list[PassageHit]:
    """The best few passages for the plan's topic, as similar as the records found (or better)."""
    if not plan.query.strip() or plan.kinds or plan.min_relevancy is not None:
        return []
    flt = NodeFilter(kinds=(PASSAGE_KIND,), since=plan.since, until=plan.until)
    if index.count(flt) == 0:
        return []
    vector = index.embed_query(plan.query)
    dense = dict(index.dense(vector, settings.articles, flt))
    lexical = index.lexical(plan.query, settings.articles, flt)
    weights = (settings.dense_weight, 1.0 - settings.dense_weight)
    fused = {str(i): s for i, s in weighted_rrf([list(dense), [i for i, _ in lexical]], weights, settings.rrf_k).items()}

    best = max([*dense.values(), *(h.dense for h in ranked.hits if h.dense is not None)], default=-1.0)
    floor = max(settings.min_similarity, settings.relative_similarity * best)
    order = [i for i in sorted(fused, key=lambda i: -fused[i]) if dense.get(i, -1.0) >= floor]
    article_of = {i: index.article_of_node(i) or "" for i in order}
    taken: Counter[str] = Counter()
    kept = []
    for i in order:  # a few passages from each of a few articles, best first
        taken[article_of[i]] += 1
        if taken[article_of[i]] <= PER_ARTICLE:
            kept.append(i)
    order = kept[:PASSAGES]
    texts = index.passage_texts(order)
    articles = index.articles([article_of[i] for i in order])
    return [
        PassageHit(id=i, article=articles[article_of[i]], text=texts[i], score=round(float(fused[i]), 6), dense=dense.get(i))
        for i in order
        if i in texts
    ]

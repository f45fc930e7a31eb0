"""The document intents: period digest, topic page, outlook, foresight cards and corpus themes.
Each gathers its evidence through the index's read seam, composes an extractive document (every
sentence from stored fields, cited) and returns its parts, so a language model can rewrite the
paragraphs marked as slots (assistant/document_llm.py). A document whose data is missing raises
`Degrade` with the reason, and the desk answers as a lookup.
"""

from __future__ import annotations

import re
from datetime import date

from index import Article, NodeFilter, RetrievalSettings
from index.search import SearchIndex

from .briefing import gather
from .cards import compose_cards, gather_cards
from .compose import answer_records, nothing_found
from .degrade import Degrade
from .digest import (
    UNDATED_WHY,
    compose_digest,
    during,
    latest_month,
    period_label,
    themed_articles,
    undated_count,
)
from .lookup import gather_lookup
from .markup import escape_text
from .models import Answer, QueryPlan, Ranked
from .outlook import compose_outlook, supplement
from .retrieve import retrieve
from .slots import Part, extractive_markdown
from .themes_answer import compose_themes
from .topic_page import compose_topic_page

TOPIC_K = 52  # a topic page asks the briefing's gathering for enough records to fill ten per kind
TOPIC_ARTICLES_K = 60  # records searched to find which articles of a period a topic touches

Result = tuple[Answer, list[Part] | None, Ranked | None]


def _record_filter(plan: QueryPlan) -> NodeFilter:
    return NodeFilter(kinds=tuple(plan.kinds) or None, min_relevancy=plan.min_relevancy, max_relevancy=plan.max_relevancy)


def _topic_articles(plan: QueryPlan, index: SearchIndex, settings: RetrievalSettings) -> set[str]:
    ranked = retrieve(plan.model_copy(update={"intent": "lookup", "page": 1}), index, settings, TOPIC_ARTICLES_K)
    return {h.article.id for h in ranked.hits if h.strong}


def digest(plan: QueryPlan, index: SearchIndex, settings: RetrievalSettings, size: int, *, clusters: bool = True) -> Result:
    """Every article curated in the period (the latest month with dated articles when none is
    named), in themes; with a topic, the period's articles that bear on it."""
    everything = index.article_dates()
    undated = undated_count(index, everything)
    since, until = plan.since, plan.until
    named = since is not None or until is not None
    if not named:
        latest = latest_month(everything)
        if latest is None:
            raise Degrade(
                f"No digest: none of the {undated:,} articles in the index carries a curation date ({UNDATED_WHY}), "
                "so here is a search instead."
            )
        since, until = latest
    label = period_label(since, until)  # an open end reads "since 2026-11-24", not up to the corpus's last date
    if since is None:
        since = min(everything.values(), default=date.min)
    if until is None:
        until = max(everything.values(), default=date.max)
    in_period = {a: d for a, d in everything.items() if since <= d <= until}  # the same snapshot as `everything`
    if not in_period:
        span = ""
        if everything:
            span = f", from {min(everything.values()).isoformat()} to {max(everything.values()).isoformat()}"
        raise Degrade(
            f"No digest: no article is dated {during(label)}. {len(everything):,} articles carry a curation date{span}; "
            f"{undated:,} carry none ({UNDATED_WHY}). Here is a search instead."
        )
    ids = sorted(in_period, key=lambda a: (in_period[a], a))
    if plan.about:
        topical = _topic_articles(plan.model_copy(update={"since": since, "until": until}), index, settings)
        kept = [a for a in ids if a in topical]
        if not kept:
            raise Degrade(
                f"No digest: none of the {len(ids)} articles curated {during(label)} clearly bears on “{plan.about}”, "
                "so here is a search instead."
            )
        ids = kept
    stored = index.articles(ids)
    articles = [stored[a] for a in ids]
    themed = themed_articles(articles, index, _record_filter(plan))
    answer, parts = compose_digest(plan, articles, themed, label=label, since=since, until=until, undated=undated)
    if not named:
        parts.insert(1, f"_No period named: this is the latest month with dated articles, {label}._")
    if plan.about:
        parts.insert(1, f"_Only the articles of {label} that bear on “{escape_text(plan.about)}”._")
    answer.markdown = extractive_markdown(parts)
    return answer, parts, None


def topic_page(plan: QueryPlan, index: SearchIndex, settings: RetrievalSettings, size: int, *, clusters: bool = True) -> Result:
    """The briefing's gathering with room for ten records of each kind, a digest of the articles
    they come from, the tables, the articles."""
    if not plan.about:
        raise Degrade("No topic page: the question names no topic, so here is a search instead.")
    sections, ranked = gather(plan, index, settings, max(size, TOPIC_K))
    strong = [h for h in ranked.hits if h.strong]
    if not ranked.hits:
        return nothing_found(plan, ranked.notes), None, ranked
    if not strong:
        raise Degrade(f"No topic page: {plan.nothing_of()} clearly bears on “{plan.about}”, so here are the closest weaker matches.")
    ids = list(dict.fromkeys(h.article.id for h in strong))
    stored = index.articles(ids)
    themed = themed_articles([stored[a] for a in ids], index, _record_filter(plan))
    answer, parts = compose_topic_page(plan, strong, themed, ranked, clusters=clusters)
    return answer, parts, ranked


def outlook(plan: QueryPlan, index: SearchIndex, settings: RetrievalSettings, size: int, *, clusters: bool = True) -> Result:
    """Where a topic is heading, from the records a lookup finds (the same records, the same
    "more"): today's shifts, the ten-year view, what would change the picture."""
    ranked = gather_lookup(plan.model_copy(update={"intent": "lookup"}), index, settings, size)
    if not ranked.hits:
        return nothing_found(plan, ranked.notes), None, ranked
    if not any(h.strong for h in ranked.hits):
        raise Degrade(f"No outlook: {plan.nothing_of()} clearly bears on “{plan.about or plan.question}”, so here are the closest weaker matches.")
    extra = supplement(plan, ranked, index, settings)
    answer, parts = compose_outlook(plan, ranked, extra, index, clusters=clusters)
    return answer, parts, ranked


def cards(plan: QueryPlan, index: SearchIndex, settings: RetrievalSettings, size: int, *, clusters: bool = True) -> Result:
    """One card per distinct record of the topic (a lookup's records), labelled NOW / NEAR / NEXT."""
    if not plan.about:
        raise Degrade("No cards: the question names no topic, so here is a search instead.")
    ranked = gather_cards(plan, index, settings, size)
    if not ranked.hits:
        return nothing_found(plan, ranked.notes), None, ranked
    if not any(h.strong for h in ranked.hits):
        raise Degrade(f"No cards: {plan.nothing_of()} clearly bears on “{plan.about}”, so here are the closest weaker matches.")
    answer = compose_cards(plan, ranked.hits, index, ranked)
    answer.more = answer_records(ranked.more, {c.article_id: c.n for c in answer.citations}, plan)
    return answer, None, ranked


def themes(plan: QueryPlan, index: SearchIndex, settings: RetrievalSettings, size: int, *, clusters: bool = True) -> Result:
    """The themes of a period (or of the whole corpus): size, growth per quarter, example records."""
    if plan.since or plan.until:
        dated = index.article_dates(plan.since, plan.until)
        ids = sorted(dated)
        label = period_label(plan.since, plan.until)
        if not ids:
            everything = index.article_dates()
            raise Degrade(
                f"No themes: no article is dated {during(label)} ({len(everything):,} carry a curation date, "
                f"{undated_count(index, everything):,} carry none: {UNDATED_WHY}). Here is a search instead."
            )
    else:
        ids = index.article_ids()
        label = "the whole corpus"
    if plan.about:
        topical = _topic_articles(plan, index, settings)
        ids = [a for a in ids if a in topical]
        if not ids:
            raise Degrade(f"No themes: nothing {during(label)} clearly bears on “{plan.about}”, so here is a search instead.")
        label = f"{label} on “{escape_text(plan.about)}”"  # "Themes of the whole corpus on “AI”"
    stored = index.articles(ids)
    articles: list[Article] = [stored[a] for a in ids]
    themed = themed_articles(articles, index, _record_filter(plan), key=3)
    growing = bool(re.search(r"\b(?:grow|growing|grew|rising|rise|emerg\w*|gain\w*|fastest)\b", plan.question, re.I))
    return compose_themes(plan, articles, themed, label=label, by_growth=growing), None, None

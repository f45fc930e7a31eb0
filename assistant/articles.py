"""The articles intent ("give me articles about X"): articles, not records. Each article found is
one row: its title (an untitled article of the tabular export is named by its strongest records),
date, summary and how many of its records match, with its best records named and cited.

Articles are ranked by the evidence of their records (the strongest record's margin over the
question's background, plus a little for each further strong record) and by their own summary
where they have one."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from index import RetrievalSettings
from index.search import SearchIndex

from .citations import cite, number_sources
from .compose import (
    answer_records,
    assemble,
    clause,
    describe_filters,
    nothing_found,
    parts_reading,
    past_the_end,
    sources_markdown,
)
from .markup import escape_text
from .models import Hit, QueryPlan, Ranked, Table
from .parts import MIN_HELD
from .retrieve import retrieve
from .tables import markdown_table

ARTICLES_PER_PAGE = 10
NAMES = 3  # record names shown per article
SEPARATOR = " · "


@dataclass
class FoundArticles:
    """The articles of one page, best first, each with its matching records; and all of them as a ranking."""

    articles: list[tuple[str, list[Hit]]] = field(default_factory=list)
    total: int = 0
    ranked: Ranked = field(default_factory=Ranked)
    size: int = ARTICLES_PER_PAGE  # articles to a page


def gather_articles(plan: QueryPlan, index: SearchIndex, settings: RetrievalSettings, k: int) -> FoundArticles:
    """Articles whose records answer the question, best first, one page of them."""
    pool = retrieve(plan.model_copy(update={"page": 1}), index, settings, max(200, k * 10))
    hits = [*pool.hits, *pool.more]
    by_article: dict[str, list[Hit]] = defaultdict(list)
    for hit in hits:
        by_article[hit.record.article_id].append(hit)
    strong_articles = [a for a, found in by_article.items() if any(h.strong for h in found)]
    ranked_articles = sorted(strong_articles or list(by_article)[:3], key=lambda a: -_weight(by_article[a]))
    size = min(ARTICLES_PER_PAGE, max(1, k // 2))
    start = (plan.page - 1) * size
    page = ranked_articles[start : start + size]
    following = ranked_articles[start + size : start + 2 * size]
    # the answer rests on the strong matches of the articles shown; their weaker records and the
    # next articles' records are what "more" adds
    shown = [h for a in page for h in by_article[a] if h.strong] or [h for a in page for h in by_article[a]][:3]
    taken = {h.record.id for h in shown}
    more = [h for a in [*page, *following] for h in by_article[a] if h.record.id not in taken]
    ranked = pool.model_copy(update={"hits": shown, "more": more})
    return FoundArticles([(a, by_article[a]) for a in page], len(ranked_articles), ranked, size)


def _naming(plan: QueryPlan, found: FoundArticles) -> str:
    """How many of the articles shown name the question's entities (in a record, or the article
    itself): an article on the topic alone is not about the place asked for."""
    together = found.ranked.placed == "together"
    names = (" and " if together else " or ").join(escape_text(e.name) for e in plan.entities) + (" together" if together else "")
    naming = sum(1 for _, hits in found.articles if any(h.anchor in ("direct", "article") for h in hits))
    shown = len(found.articles)
    topic = f"“{escape_text(plan.focus)}”"
    if shown == 1:
        return f"It names {names}." if naming else f"It does not name {names}" + (f": it is the article on {topic}." if plan.focus else ".")
    if naming == 0:
        return f"None of these {shown} articles names {names}" + (f": they are the articles on {topic}." if plan.focus else ".")
    if naming == shown:
        return f"{'Both' if shown == 2 else f'All {shown}'} name {names}."
    return f"**{naming}** of these {shown} articles name{'s' if naming == 1 else ''} {names}; the others are related context."


def _parts(found: FoundArticles) -> str:
    """How many of the articles shown speak to every part of a question that places one topic in
    another ("microplastics in food"): an article on microplastics alone is not about them in food.
    "" when every record shown does (the others wait behind "more") or the question has one part."""
    held = found.ranked.parts
    if held is None or held.held >= MIN_HELD:
        return ""
    speaking = sum(1 for _, hits in found.articles if any(h.record.id in held.ids for h in hits))
    shown = len(found.articles)
    if speaking == 0:
        text = f"None of {'this article' if shown == 1 else f'these {shown} articles'}' records speaks to every part of the question; each speaks to part of it."
    else:
        text = f"Only **{speaking}** of these {shown} articles {'has a record that speaks' if speaking == 1 else 'have records that speak'} to every part of the question; the others speak to part of it."
    return text + " " + parts_reading(held)


def _weight(hits: list[Hit]) -> float:
    """An article's evidence: its best record, then its further strong ones (diminishing)."""
    scores = sorted((h.dense or 0.0 for h in hits), reverse=True)
    strong = sum(1 for h in hits if h.strong)
    return scores[0] + 0.02 * min(strong, 10) + 0.01 * sum(scores[1:4])


def compose_articles(plan: QueryPlan, found: FoundArticles):
    """The answer: a sentence on what was found, the articles table, their key records, sources."""
    ranked = found.ranked
    if not found.articles:
        if found.total and plan.page > 1:  # "more" after the last article: say so, not "nothing found"
            return past_the_end(plan, found.total, plan.page, found.size, ranked.notes, unit="article")
        return nothing_found(plan, ranked.notes)
    numbers, citations = number_sources([hits[0] for _, hits in found.articles])
    rows = []
    for article_id, hits in found.articles:
        article = hits[0].article
        names = list(dict.fromkeys(h.record.name for h in hits))[:NAMES]
        title = article.title or "Untitled: " + SEPARATOR.join(names)
        matching = sum(1 for h in hits if h.strong)
        summary = clause(article.summary) + "." if article.summary else ""
        rows.append(
            [
                title,
                article.date.isoformat() if article.date else "",
                summary,
                str(matching),
                SEPARATOR.join(names),
                cite(numbers[article_id]),
            ]
        )
    table = Table(
        title="Articles",
        columns=["Article", "Date", "Summary", "Matching records", "Key records", "Source"],
        rows=rows,
        source="articles",
        computed=["Matching records"],
    )
    about = f" on “{escape_text(plan.query)}”" if plan.query else ""
    filters = describe_filters(plan.model_copy(update={"query": ""}))
    first = (plan.page - 1) * ARTICLES_PER_PAGE + 1
    records = sum(int(r[3]) for r in rows)
    lead = (
        f"**{found.total} article{'s' if found.total != 1 else ''}**{about}"
        + (f" ({filters})" if filters else "")
        + f"; {len(rows)} shown here{f' from number {first}' if first > 1 else ''}, with {records} matching record{'' if records == 1 else 's'}."
    )
    best = found.articles[0][1][0]
    named = f"“{escape_text(best.article.title)}”" if best.article.title else f"an untitled article led by **{escape_text(best.record.name)}**"
    lead += f" The strongest is {named} {cite(numbers[best.record.article_id])}."
    if records == 0:
        lead += " None of their records clears this question's evidence bar: these are **weaker matches**."
    if plan.entities:
        lead += " " + _naming(plan, found)
    if reading := _parts(found):
        lead += " " + reading
    if found.total > len(rows) + (plan.page - 1) * ARTICLES_PER_PAGE:
        lead += " Ask for “more” for the next articles."
    parts = [lead, f"### {table.title}\n\n{markdown_table(table)}", sources_markdown(citations)]
    answer = assemble(plan, parts, ranked, numbers, citations, [table])
    answer.more = answer_records(ranked.more, numbers, plan)
    return answer

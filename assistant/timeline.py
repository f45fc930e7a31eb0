"""Time: how a topic's records spread over the months, what is newest, and what is emerging.

Works on the whole matched set of an exhaustive question (see aggregate.py). Only dated records
take part (tabular exports carry no dates); the answer says how many were left out.
Emergence of a group (a near-duplicate cluster, else the article's first theme) compares its
monthly rate in the latest `RECENT_MONTHS` with its own rate before.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from index.search import SearchIndex

from .aggregate import MatchedSet, page_of
from .citations import cite, number_sources
from .compose import assemble, nothing_found, pages_of, past_the_end, sources_markdown
from .markup import escape_text
from .models import Answer, QueryPlan, Table
from .tables import kind_tables, markdown_table

RECENT_MONTHS = 6


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def months_between(first: date, last: date) -> int:
    return (last.year - first.year) * 12 + last.month - first.month + 1


def dated(matched: MatchedSet, index: SearchIndex) -> tuple[list[tuple[str, str, date]], int]:
    """(record id, article id, date) of the dated records, newest first, and how many had no date."""
    articles = index.articles([a for a in {index.article_of_node(i) for i in matched.ids} if a])
    out, undated = [], 0
    for record_id in matched.ids:
        article = articles.get(index.article_of_node(record_id) or "")
        if article and article.date:
            out.append((record_id, article.id, article.date))
        else:
            undated += 1
    return sorted(out, key=lambda r: (r[2], r[0]), reverse=True), undated


def monthly_table(rows: list[tuple[str, str, date]]) -> Table:
    """Records and articles per month, every month from the first to the last (zeros included)."""
    records: Counter[str] = Counter()
    articles: dict[str, set[str]] = defaultdict(set)
    for _, article_id, day in rows:
        records[month_of(day)] += 1
        articles[month_of(day)].add(article_id)
    first, last = rows[-1][2], rows[0][2]
    months = []
    year, month = first.year, first.month
    for _ in range(months_between(first, last)):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    body = [[m, str(records[m]), str(len(articles[m]))] for m in months]
    return Table(title="Records per month", columns=["Month", "Records", "Articles"], rows=body, source="derived")


def emergence_table(rows: list[tuple[str, str, date]], index: SearchIndex, top: int = 8) -> Table | None:
    """Groups whose recent monthly rate of articles most exceeds their own earlier rate (two
    recent articles at least: one article is an anecdote, not a trend)."""
    if not rows:
        return None
    clusters = index.cluster_labels([r[0] for r in rows])
    records = index.records([r[0] for r in rows])
    articles = index.articles(list({r[1] for r in rows}))
    groups: dict[str, dict[str, date]] = defaultdict(dict)  # group -> article -> date (articles, not rows, count)
    names: dict[str, str] = {}
    for record_id, article_id, day in rows:
        if record_id in clusters:
            key = f"cluster:{clusters[record_id]}"
            names.setdefault(key, records[record_id].name)
        else:
            themes = articles[article_id].themes
            key = f"theme:{themes[0] if themes else '(no theme)'}"
            names.setdefault(key, themes[0] if themes else "(no theme)")
        groups[key][article_id] = day
    latest = rows[0][2]
    first = rows[-1][2]
    history = max(1, months_between(first, latest) - RECENT_MONTHS)
    scored = []
    for key, by_article in groups.items():
        days = list(by_article.values())
        recent = sum(1 for d in days if months_between(d, latest) <= RECENT_MONTHS)
        before = len(days) - recent
        if recent < 2:
            continue
        score = (recent / RECENT_MONTHS) / ((before + 1) / history)
        scored.append((score, names[key], recent, before))
    if not scored:
        return None
    scored.sort(key=lambda s: (-s[0], s[1]))
    body = [[name, str(recent), str(before), f"{score:.1f}"] for score, name, recent, before in scored[:top]]
    columns = ["Group", f"Articles, last {RECENT_MONTHS} months", "Articles before", "Emergence"]
    return Table(title=f"Emerging (up to {month_of(latest)})", columns=columns, rows=body, source="derived")


def compose_trend(
    plan: QueryPlan,
    matched: MatchedSet,
    index: SearchIndex,
    *,
    how: str,
    number: int,
    size: int,
    clusters: bool = True,
) -> Answer:
    """A time answer: records per month, what is emerging, and the newest records (paged)."""
    rows, undated = dated(matched, index)
    if not rows:
        answer = nothing_found(plan)
        if matched.ids:
            answer.markdown = (
                f"None of the {len(matched.ids):,} matching records carries a date, so there is no timeline "
                "(tabular exports have no dates; documents carry their curation date)."
            )
        return answer
    if number > pages_of(len(rows), size):
        return past_the_end(plan, len(rows), number, size)
    newest_first = MatchedSet([r[0] for r in rows], matched.similarity, matched.reasons)
    page = page_of(newest_first, index, number, size, plan)
    numbers, citations = number_sources(page.hits)
    months = monthly_table(rows)
    busiest = max(months.rows, key=lambda r: int(r[1]))
    newest = page.hits[0] if number == 1 and page.hits else None
    about = f" on “{escape_text(plan.query)}”" if plan.query else ""
    articles = len({r[1] for r in rows})
    lead = (
        f"**{len(rows):,} dated record{'s' if len(rows) != 1 else ''}**{about} from {articles} article{'s' if articles != 1 else ''}, "
        f"{rows[-1][2].isoformat()} to {rows[0][2].isoformat()}: {how}."
    )
    if undated:
        lead += f" {undated:,} more match but carry no date."
    lead += f" The busiest month was {busiest[0]} ({busiest[1]} records)."
    if newest:
        lead += f" Newest: **{escape_text(newest.record.name)}** ({newest.article.date}) {cite(numbers[newest.record.article_id])}."
    tables = [months]
    emerging = emergence_table(rows, index)
    if emerging:
        tables.append(emerging)
    parts = [lead] + [f"### {t.title}\n\n{markdown_table(t)}" for t in tables]
    shown = kind_tables(page.hits, numbers, plan.kinds, clusters=clusters)
    first, last = (number - 1) * size + 1, (number - 1) * size + len(page.hits)
    parts.append(f"Newest records, {first}–{last} of {len(rows):,} (page {number} of {pages_of(len(rows), size)}):")
    parts += [f"### {t.title}\n\n{markdown_table(t)}" for t in shown]
    parts.append(sources_markdown(citations))
    month = {r[0]: int(r[1]) for r in months.rows}
    facets = {"total": len(rows), "undated": undated, "page": number, "page_size": size, "month": month}
    return assemble(plan, parts, page, numbers, citations, tables + shown, facets=facets)

"""Period digests: every article curated in a period (curation date from the page id), grouped
into at most seven themes found from the articles' records and summaries, each theme with an
extractive paragraph quoting the articles' summaries and strongest records (`[n]` citations),
its key records and its articles. Coverage is checked: every article of the period appears under
exactly one theme, and the digest says how many articles it covers and how many undated ones no
period can hold. The topic page reuses the themed part (`themed_articles`, `theme_parts`).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from index import Article, NodeFilter, Record
from index.nodes import article_node_id
from index.search import SearchIndex

from .citations import cite, number_articles
from .compose import answer_records, clause, join_and, sources_markdown
from .markup import escape_text, link
from .models import Answer, Document, Hit, QueryPlan, Table, Theme
from .slots import Part, Slot, extractive_markdown
from .tables import markdown_table
from .themes import group, label_of, mean_vectors, normalised, quarters

KIND_ORDER = {"signal": 0, "concern": 1, "technology": 2, "behavior": 3, "issue": 4}
KEY_RECORDS = 5  # per theme
NAMED_ARTICLES = 4  # articles a theme's paragraph quotes; the others are named at its end
UNDATED_WHY = "the tabular export carries no curation date, nor does a page id that is not a date"


@dataclass
class ArticleTheme:
    """One theme of articles: its terms, its articles (by date) and its key records (best first)."""

    terms: list[str]
    articles: list[Article]
    key: list[Hit] = field(default_factory=list)
    best: dict[str, Hit] = field(default_factory=dict)  # article id -> its strongest record (quoted when it has no summary)

    @property
    def label(self) -> str:
        return label_of(self.terms)


@dataclass
class Themed:
    themes: list[ArticleTheme]
    silhouette: float | None

    @property
    def articles(self) -> list[Article]:
        """Every article, theme by theme (the order the document shows and numbers them)."""
        return [a for t in self.themes for a in t.articles]


# --- periods -----------------------------------------------------------------------------------
def period_label(since: date | None, until: date | None) -> str:
    """'March 2025', 'Q1 2025', '2025', 'the week of 2024-11-17', or 'from … to …'."""
    if since and until:
        last = calendar.monthrange(until.year, until.month)[1]
        if since.day == 1 and until.day == last and since.year == until.year:
            if since.month == until.month:
                return f"{calendar.month_name[since.month]} {since.year}"
            if since.month == 1 and until.month == 12:
                return str(since.year)
            if until.month - since.month == 2 and since.month % 3 == 1:
                return f"Q{(since.month - 1) // 3 + 1} {since.year}"
        if (until - since).days == 6:
            return f"the week of {since.isoformat()}"
        if since == until:
            return since.isoformat()
        return f"{since.isoformat()} to {until.isoformat()}"
    if since:
        return f"since {since.isoformat()}"
    if until:
        return f"until {until.isoformat()}"
    return "the whole corpus"


def during(label: str) -> str:
    """'in March 2025', 'since 2026-11-24' (a period label after a verb)."""
    return label if label.startswith(("since ", "until ")) else f"in {label}"


def latest_month(dates: dict[str, date]) -> tuple[date, date] | None:
    """The month of the most recent curation date."""
    if not dates:
        return None
    newest = max(dates.values())
    return date(newest.year, newest.month, 1), date(newest.year, newest.month, calendar.monthrange(newest.year, newest.month)[1])


def undated_count(index: SearchIndex, dated: dict[str, date]) -> int:
    return max(0, len(index.article_ids()) - len(dated))


# --- themes of articles ------------------------------------------------------------------------
def themed_articles(
    articles: list[Article], index: SearchIndex, flt: NodeFilter, *, max_themes: int = 7, key: int = KEY_RECORDS
) -> Themed:
    """The articles grouped into themes by the mean of their summary's and records' stored vectors,
    labelled by class-based TF-IDF over their titles, summaries, keywords and records."""
    ids = [a.id for a in articles]
    record_ids = index.record_ids_of_articles(ids, flt) if ids else []
    records: dict[str, list[Record]] = {a: [] for a in ids}
    ids_of: dict[str, list[str]] = {a: [] for a in ids}  # each record's id, in the order of `records` (an id is a hash: computed once)
    for rid, record in index.records(record_ids).items():
        records.setdefault(record.article_id, []).append(record)
        ids_of.setdefault(record.article_id, []).append(rid)
    texts = [article_text(a, records[a.id]) for a in articles]
    nodes = [[[article_node_id(a.id)], ids_of[a.id]] for a in articles]
    found, vectors = index.vectors_of([n for item in nodes for part in item for n in part])
    kept, means = mean_vectors(nodes, found, vectors)
    have = set(kept)
    missing = [i for i in range(len(articles)) if i not in have]
    if missing:  # an article with no stored vector at all: its own text, embedded as a query is
        extra = index.embed_texts([texts[i] for i in missing])
        means = np.vstack([means, extra]) if len(kept) else extra
        kept = kept + missing
    order = np.argsort(kept, kind="stable")
    means = means[order]
    grouping = group(means, texts, max_themes=max_themes)
    row = {node: i for i, node in enumerate(found)}
    unit = normalised(vectors) if len(found) else vectors
    themes = []
    for g in range(grouping.count):
        members = [articles[i] for i in grouping.members(g)]
        members.sort(key=lambda a: (a.date or date.max, a.id))
        centre = means[grouping.members(g)].mean(axis=0)
        best = {a.id: Hit(record=r, article=a, score=0.0) for a in members if (r := strongest(records.get(a.id, [])))}
        themes.append(ArticleTheme(grouping.terms[g], members, key_records(members, records, ids_of, row, unit, centre, key), best))
    return Themed(themes, grouping.silhouette)


def article_text(article: Article, records: list[Record]) -> str:
    """What a theme's label is computed from: the article's title, summary, keywords, themes and records."""
    parts = [article.title or "", article.summary or "", " ".join(article.keywords or []), " ".join(article.themes or [])]
    parts += [f"{r.name}. {r.description}" for r in records]
    return " ".join(p for p in parts if p)


def strongest(records: list[Record]) -> Record | None:
    """The most relevant record, signals before other kinds, then in stored order."""
    return min(records, key=lambda r: (-(r.relevancy or 0), KIND_ORDER.get(r.kind, 9)), default=None)


def key_records(
    articles: list[Article],
    records: dict[str, list[Record]],
    ids_of: dict[str, list[str]],
    row: dict[str, int],
    unit: np.ndarray,
    centre: np.ndarray,
    n: int,
) -> list[Hit]:
    """The theme's strongest records: most relevant first, then signals before other kinds, then
    closest to the theme; at most two per article while others remain."""
    by_id = {a.id: a for a in articles}
    scored = []
    for article in articles:
        for rid, record in zip(ids_of.get(article.id, []), records.get(article.id, []), strict=True):
            closeness = float(unit[row[rid]] @ centre) if rid in row and len(unit) else 0.0
            scored.append((-(record.relevancy or 0), KIND_ORDER.get(record.kind, 9), -closeness, rid, record, closeness))
    scored.sort(key=lambda t: t[:4])
    chosen: list[Hit] = []
    taken: set[str] = set()
    per_article: dict[str, int] = {}
    for rank in (2, None):
        for *_, rid, record, closeness in scored:
            if len(chosen) >= n:
                break
            if rid in taken or (rank is not None and per_article.get(record.article_id, 0) >= rank):
                continue
            taken.add(rid)
            per_article[record.article_id] = per_article.get(record.article_id, 0) + 1
            chosen.append(Hit(record=record, article=by_id[record.article_id], score=round(closeness, 4)))
    return chosen


# --- composing ---------------------------------------------------------------------------------
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"'(])")


def first_sentence(text: str) -> str:
    return _SENTENCE.split(" ".join(text.split()), maxsplit=1)[0] if text else ""


def title_of(article: Article) -> str:
    return f"“{escape_text(article.title)}”" if article.title else f"Article {escape_text(article.id[:8])}…"


def theme_paragraph(theme: ArticleTheme, numbers: dict[str, int]) -> str:
    """Sentences from stored fields only: each quoted article's summary opening (or its strongest
    record), then the theme's strongest record, then the other articles by title; all cited."""
    sentences = []
    said: set[str] = set()
    for article in theme.articles[:NAMED_ARTICLES]:
        when = f" ({article.date.isoformat()})" if article.date else ""
        opening = first_sentence(article.summary or "")
        if opening:
            sentences.append(f"{title_of(article)}{when}: {clause(opening)} {cite(numbers[article.id])}.")
        else:
            best = next((h for h in theme.key if h.record.article_id == article.id), None) or theme.best.get(article.id)
            if best is None:
                sentences.append(f"{title_of(article)}{when} {cite(numbers[article.id])}.")
                continue
            said.add(best.record.id)
            sentences.append(_record_sentence(best, numbers, lead=f"{title_of(article)}{when} records"))
    strongest = next((h for h in theme.key if h.record.id not in said), None)
    if strongest is not None:
        sentences.append(_record_sentence(strongest, numbers, lead="The strongest record is"))
    rest = theme.articles[NAMED_ARTICLES:]
    if rest:
        named = join_and([f"{title_of(a)} {cite(numbers[a.id])}" for a in rest])
        sentences.append(f"Also in this theme: {named}.")
    return " ".join(sentences)


def _record_sentence(hit: Hit, numbers: dict[str, int], *, lead: str) -> str:
    r = hit.record
    rated = f" (relevancy {r.relevancy})" if r.relevancy else ""
    text = f": {clause(r.description)}" if r.description else ""
    return f"{lead} **{escape_text(r.name)}**{rated}{text} {cite(numbers[r.article_id])}."


def key_table(hits: list[Hit], numbers: dict[str, int]) -> Table:
    """The key records as one table (kind, name, description, relevancy, source): stored values."""
    rows = [
        [h.record.kind, h.record.name, h.record.description, str(h.record.relevancy or ""), cite(numbers[h.record.article_id])]
        for h in hits
    ]
    return Table(title="Key records", columns=["Kind", "Name", "Description", "Relevancy", "Source"], rows=rows)


def article_lines(articles: list[Article], numbers: dict[str, int]) -> str:
    lines = []
    for article in articles:
        label = article.title or f"Article {article.id}"
        when = f" · {article.date.isoformat()}" if article.date else ""
        lines.append(f"- **[{numbers[article.id]}]** {link(label, article.url or article.page_url)}{when}")
    return "\n".join(lines)


def theme_parts(themed: Themed, numbers: dict[str, int], *, level: str = "###") -> tuple[list[Part], list[Table]]:
    """Per theme: a heading with its label and size, its paragraph (a slot a model may rewrite),
    its key records as a table, its articles."""
    parts: list[Part] = []
    tables: list[Table] = []
    for i, theme in enumerate(themed.themes, 1):
        size = f"{len(theme.articles)} article{'s' if len(theme.articles) != 1 else ''}"
        parts.append(f"{level} Theme {i}: {escape_text(theme.label)} ({size})")
        parts.append(Slot(theme_paragraph(theme, numbers), theme.label, list(theme.articles), list(theme.key)))
        if theme.key:
            table = key_table(theme.key, numbers)
            table.title = f"Key records: {theme.label}"
            tables.append(table)
            parts.append("**Key records**\n\n" + markdown_table(table))
        parts.append("**Articles**\n\n" + article_lines(theme.articles, numbers))
    return parts, tables


def to_theme(theme: ArticleTheme) -> Theme:
    return Theme(
        label=theme.label,
        terms=theme.terms,
        articles=[a.id for a in theme.articles],
        records=[h.record.id for h in theme.key],
        size=len(theme.articles),
        quarters=quarters([a.date for a in theme.articles]),
    )


def coverage_sentence(count: int, label: str, themed: Themed, first: date | None, last: date | None, undated: int) -> str:
    span = f" ({first.isoformat()} to {last.isoformat()})" if first and last and first != last else ""
    themes = len(themed.themes)
    lead = (
        f"**{count} article{'s' if count != 1 else ''}** curated in {escape_text(label)}{span}, in **{themes} "
        f"theme{'s' if themes != 1 else ''}** found from their records and summaries; every article appears under one theme."
    )
    if undated:
        lead += (
            f" {undated:,} article{'s' if undated != 1 else ''} of the index carr{'ies' if undated == 1 else 'y'} no curation date "
            f"({UNDATED_WHY}) and {'is' if undated == 1 else 'are'} left out of every period."
        )
    return lead


def compose_digest(
    plan: QueryPlan, articles: list[Article], themed: Themed, *, label: str, since: date | None, until: date | None, undated: int
) -> tuple[Answer, list[Part]]:
    """The extractive digest and its parts (slots a model may rewrite)."""
    covered = themed.articles
    numbers, citations = number_articles(covered)
    missing = {a.id for a in articles} - {a.id for a in covered}
    dates = sorted(a.date for a in articles if a.date)
    parts: list[Part] = [
        f"## Digest: {escape_text(label)}",
        coverage_sentence(len(covered), label, themed, dates[0] if dates else None, dates[-1] if dates else None, undated),
    ]
    body, tables = theme_parts(themed, numbers)
    parts += body
    parts.append(sources_markdown(citations))
    hits = [h for t in themed.themes for h in t.key]
    answer = Answer(
        question=plan.question,
        plan=plan.public(),
        markdown=extractive_markdown(parts),
        citations=citations,
        records=answer_records(hits, numbers),
        tables=tables,
        document=Document(
            kind="digest",
            title=f"Digest: {label}",
            since=since,
            until=until,
            articles=len(covered),
            undated=undated,
            themes=[to_theme(t) for t in themed.themes],
            quality=quality(themed, len(covered)),
        ),
    )
    if missing:  # cannot happen by construction; said rather than hidden if it ever does
        answer.warnings.append(f"Coverage check failed: {len(missing)} article(s) of the period are under no theme.")
    return answer, parts


def quality(themed: Themed, items: int) -> dict[str, float]:
    """How well the themes fit (a document's `quality`): the theme count, the items, the silhouette when there is one."""
    out = {"themes": float(len(themed.themes)), "items": float(items)}
    if themed.silhouette is not None:
        out["silhouette"] = themed.silhouette
    return out

"""An article card: one source opened whole (title, dates, links, summary, keywords, themes and
every record it holds, by kind), with the records an answer cited marked.

Most of the real corpus is a tabular export whose articles have no title, date or summary; such an
article is named by its strongest records, so a card never reads "Article 97d9a79d…".
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, Field

from index import KINDS, NodeFilter, QuestionError
from index.records import PLURALS
from index.search import SearchIndex

from .markup import escape_text, link

NAMED_BY = 2  # an untitled article is named by this many of its strongest records
_KIND_ORDER: dict[str, int] = {kind: n for n, kind in enumerate(KINDS)}  # unknown kinds sort last


class CardRecord(BaseModel):
    """One stored record of the article, as the card lists it (the stored values, raw)."""

    id: str
    kind: str
    name: str
    description: str = ""
    change: str | None = None
    horizon: str | None = None
    driving_force: str | None = None
    relevancy: int | None = None
    cited: bool = Field(False, description="The answer the card was opened from cites this record.")


class ArticleCard(BaseModel):
    """One article with all its records; `records` are ordered by kind, then relevancy, then name."""

    article_id: str
    name: str = Field(description="The title, or for an untitled (tabular) article the names of its strongest records.")
    titled: bool = Field(description="Whether `name` is the article's own title.")
    url: str | None = None
    page: str | None = None
    page_url: str | None = None
    date: str | None = None
    category: str | None = None
    type: str | None = None
    summary: str | None = None
    keywords: list[str] = Field(default_factory=list)
    themes: list[str] = Field(default_factory=list)
    records: list[CardRecord] = Field(default_factory=list)

    @property
    def cited(self) -> int:
        return sum(1 for r in self.records if r.cited)

    def by_kind(self) -> dict[str, list[CardRecord]]:
        """The records grouped by kind, in the corpus's kind order."""
        groups: dict[str, list[CardRecord]] = {}
        for record in self.records:
            groups.setdefault(record.kind, []).append(record)
        return groups


def article_card(index: SearchIndex, article_id: str, cited: Iterable[str] = ()) -> ArticleCard:
    """The card of one stored article; `QuestionError` when the index has no such article."""
    wanted = set(cited)
    with index.pinned():
        article = index.articles([article_id])[article_id]
        stored = index.records(index.record_ids_of_articles([article_id], NodeFilter()))
    known = article.model_dump(exclude={"id"}, exclude_defaults=True)
    if not stored and not known:
        raise QuestionError(f"No article {article_id!r} in the index (it may have been removed by an ingest).")
    records = sorted(
        (
            CardRecord(
                id=record_id, kind=r.kind, name=r.name, description=r.description, change=r.change, horizon=r.horizon,
                driving_force=r.driving_force, relevancy=r.relevancy, cited=record_id in wanted,
            )
            for record_id, r in stored.items()
        ),
        key=lambda r: (_KIND_ORDER.get(r.kind, len(KINDS)), -(r.relevancy or 0), r.name.lower(), r.id),
    )
    return ArticleCard(
        article_id=article_id,
        name=article.title or strongest_names(records) or f"Article {article_id[:8]}…",
        titled=bool(article.title),
        url=article.url,
        page=article.page,
        page_url=article.page_url,
        date=article.date.isoformat() if article.date else None,
        category=article.category,
        type=article.type,
        summary=article.summary,
        keywords=list(article.keywords),
        themes=list(article.themes),
        records=records,
    )


def strongest_names(records: list[CardRecord], n: int = NAMED_BY) -> str:
    """The names of the strongest records (highest relevancy; signals first on a tie), joined."""
    best = sorted(records, key=lambda r: (-(r.relevancy or 0), _KIND_ORDER.get(r.kind, len(KINDS)), r.name.lower()))
    names = list(dict.fromkeys(r.name.strip() for r in best if r.name.strip()))[:n]
    return " · ".join(names)


def card_markdown(card: ArticleCard) -> str:
    """The card as Markdown (every stored value escaped: text is text); cited records in bold with ★."""
    lines = [f"## {escape_text(card.name)}"]
    if not card.titled:
        lines.append("_An untitled article of the tabular export, named by its strongest records._")
    facts = []
    if card.date:
        facts.append(f"curated {escape_text(card.date)}")
    if card.page:
        facts.append("curation page " + link(card.page, card.page_url))
    if card.url:
        facts.append(link("original article", card.url))
    if card.category:
        facts.append(f"category {escape_text(card.category)}")
    if facts:
        lines.append(" · ".join(facts))
    if card.summary:
        lines.append(escape_text(card.summary))
    if card.keywords:
        lines.append("**Keywords**: " + ", ".join(escape_text(k) for k in card.keywords))
    if card.themes:
        lines.append("**Themes**: " + ", ".join(escape_text(t) for t in card.themes))
    cited = f", {card.cited} cited by the answer (★)" if card.cited else ""
    lines.append(f"**{len(card.records)} records**{cited}")
    for kind, records in card.by_kind().items():
        rows = [f"### {PLURALS.get(kind, kind).capitalize()} ({len(records)})"]
        for r in records:
            mark = "★ " if r.cited else ""
            name = f"**{mark}{escape_text(r.name)}**" if r.cited else escape_text(r.name)
            rated = f" ({r.relevancy}/5)" if r.relevancy else ""
            rows.append(f"- {name}{rated}" + (f": {escape_text(r.description)}" if r.description else ""))
        lines.append("\n".join(rows))
    return "\n\n".join(lines) + "\n"

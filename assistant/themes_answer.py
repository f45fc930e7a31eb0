"""The themes of a period or of the whole corpus: the theme discovery of a digest, shown as a
table (articles, dated articles per quarter, growth) with example records per theme; the app
draws the articles per theme (`Answer.facets["themes"]`)."""

from __future__ import annotations

from index import Article

from .citations import cite, number_sources
from .compose import answer_records, sources_markdown
from .digest import Themed, quality, to_theme
from .markup import escape_text
from .models import Answer, Document, QueryPlan, Table
from .tables import markdown_table
from .themes import growth, quarter_of


def quarter_span(articles: list[Article]) -> list[str]:
    """Every quarter from the oldest to the newest dated article."""
    dates = sorted(a.date for a in articles if a.date)
    if not dates:
        return []
    out = []
    year, q = dates[0].year, (dates[0].month - 1) // 3 + 1
    last = quarter_of(dates[-1])
    while True:
        out.append(f"{year}-Q{q}")
        if out[-1] == last:
            return out
        year, q = (year + 1, 1) if q == 4 else (year, q + 1)


def compose_themes(plan: QueryPlan, articles: list[Article], themed: Themed, *, label: str, by_growth: bool) -> Answer:
    themes = [to_theme(t) for t in themed.themes]
    span = quarter_span(articles)
    rates = [growth(t.quarters, span) for t in themes]
    order = list(range(len(themes)))
    if by_growth:
        order.sort(key=lambda i: (-rates[i], -themes[i].size, i))
    numbers, citations = number_sources([h for i in order for h in themed.themes[i].key])
    dated = sum(1 for a in articles if a.date)
    score = f" (silhouette {themed.silhouette:.2f})" if themed.silhouette is not None else ""
    lead = (
        f"**{len(themes)} theme{'s' if len(themes) != 1 else ''}** in {len(articles):,} articles of {escape_text(label)}, "
        f"found by clustering their records and summaries{score}; every article is in one theme. "
    )
    if span:
        lead += (
            f"{dated:,} of the articles carry a curation date, {span[0]} to {span[-1]}: growth compares the later half of "
            "those quarters with the earlier half (the log of the ratio of their articles, each plus one: 0 is flat, "
            "+0.69 doubled, −0.69 halved)."
        )
    else:
        lead += "None of the articles carries a curation date, so no growth can be measured."
    rows = []
    for i in order:
        t = themes[i]
        per_quarter = ", ".join(f"{q} {n}" for q, n in t.quarters.items())
        rows.append([t.label, str(t.size), per_quarter, f"{rates[i]:+.2f}" if span else ""])
    table = Table(title="Themes", columns=["Theme", "Articles", "Dated articles per quarter", "Growth"], rows=rows, source="derived")
    parts = [f"## Themes of {escape_text(label)}", lead, markdown_table(table)]
    if by_growth and span:
        growing = [themes[i].label for i in order if rates[i] > 0]
        parts.append(
            ("Growing: " + "; ".join(f"**{escape_text(g)}**" for g in growing) + ".") if growing else "No theme has more dated articles in the later quarters than in the earlier ones."
        )
    hits = []
    for rank, i in enumerate(order, 1):
        theme = themed.themes[i]
        examples = "\n".join(
            f"- **{escape_text(h.record.name)}** ({h.record.kind}): {escape_text(h.record.description)} {cite(numbers[h.record.article_id])}"
            for h in theme.key
        )
        parts.append(f"### {rank}. {escape_text(themes[i].label)} ({themes[i].size} articles)\n\n{examples or '_No records._'}")
        hits += theme.key
    parts.append(sources_markdown(citations))
    return Answer(
        question=plan.question,
        plan=plan.public(),
        markdown="\n\n".join(parts),
        citations=citations,
        records=answer_records(hits, numbers, plan),
        tables=[table],
        facets={"themes": {themes[i].label: themes[i].size for i in order}},
        document=Document(
            kind="themes",
            title=f"Themes of {label}",
            since=plan.since,
            until=plan.until,
            articles=len(articles),
            themes=[themes[i] for i in order],
            quality=quality(themed, len(articles)),
        ),
    )

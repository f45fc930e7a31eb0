"""Topic pages: the briefing's publishable sibling. A short digest of the topic's articles (in
themes, as a period digest), then the ten strongest records of each kind (signals with their
change, 10-year and driving-force columns), then the linked articles and the sources."""

from __future__ import annotations

from index.records import PLURALS

from .citations import number_articles
from .compose import answer_records, describe_period, join_and, sources_markdown
from .digest import KEY_RECORDS, Themed, article_lines, quality, theme_parts, to_theme
from .markup import escape_text
from .models import Answer, Document, Hit, QueryPlan, Ranked, Table
from .slots import Part, extractive_markdown
from .tables import kind_tables, markdown_table

SECTIONS = [("Signals", "signal"), ("Concerns", "concern"), ("Behaviours", "behavior"), ("Issues", "issue"), ("Technologies", "technology")]
PER_KIND = 10


def compose_topic_page(plan: QueryPlan, strong: list[Hit], themed: Themed, ranked: Ranked, *, clusters: bool = True) -> tuple[Answer, list[Part]]:
    """The extractive topic page and its parts (the digest's paragraphs are slots)."""
    about = plan.about
    for theme in themed.themes:  # a theme's key records are the topic's own records from its articles
        ids = {a.id for a in theme.articles}
        theme.key = [h for h in strong if h.article.id in ids][:KEY_RECORDS]
        theme.best = {}
        for hit in strong:  # an article's strongest record on the topic (hits are best first)
            if hit.article.id in ids:
                theme.best.setdefault(hit.article.id, hit)
    articles = themed.articles
    numbers, citations = number_articles(articles)
    shown: list[Hit] = []
    blocks: list[Part] = []
    tables: list[Table] = []
    for heading, kind in SECTIONS:
        blocks.append(f"### {heading}")
        if plan.kinds and kind not in plan.kinds:
            blocks.append(f"_Not included: the question asked for {join_and([PLURALS[k] for k in plan.kinds])} only._")
            continue
        hits = [h for h in strong if h.record.kind == kind][:PER_KIND]
        if not hits:
            blocks.append("_Nothing in the index bears on this._")
            continue
        shown += hits
        for table in kind_tables(hits, numbers, [kind], clusters=clusters):
            tables.append(table)
            blocks.append(markdown_table(table))
    dates = sorted(a.date for a in articles if a.date)
    span = f", {describe_period(dates[0], dates[-1])}" if dates else ""
    lead = (
        f"**{len(shown)} record{'s' if len(shown) != 1 else ''}** from {len(articles)} article{'s' if len(articles) != 1 else ''}"
        f"{span} bear on “{escape_text(about)}”. First a digest of those articles in {len(themed.themes)} "
        f"theme{'s' if len(themed.themes) != 1 else ''}, then the strongest records of each kind (ten at most), then the articles."
    )
    digest_parts, key_tables = theme_parts(themed, numbers, level="####")
    parts: list[Part] = [f"## Topic page: {escape_text(about)}", lead, "### Digest", *digest_parts, *blocks]
    parts += ["### Articles", article_lines(articles, numbers), sources_markdown(citations)]
    left = [h for h in strong if h not in shown]
    answer = Answer(
        question=plan.question,
        plan=plan.public(),
        markdown=extractive_markdown(parts),
        citations=citations,
        records=answer_records(shown, numbers, plan),
        more=answer_records([*left, *ranked.more], numbers, plan),
        tables=[*key_tables, *tables],
        warnings=list(ranked.notes),
        document=Document(
            kind="topic_page",
            title=f"Topic page: {about}",
            articles=len(articles),
            themes=[to_theme(t) for t in themed.themes],
            quality=quality(themed, len(articles)),
        ),
    )
    return answer, parts

"""Outlooks: where a topic is heading, from the records a lookup finds for it (the same records,
best first, and the same "more"). *Today*: the signals' `change` column grouped into the main
shifts (the theme machinery of assistant/themes.py over those texts), each with how many
articles support it; *looking ahead*: their `10-year` column grouped the same way, with the
driving forces of the same records; *what would change the picture*: the topic's concerns and
issues. Every line quotes stored fields and cites its article."""

from __future__ import annotations

from collections.abc import Callable

from index import RetrievalSettings
from index.records import PLURALS, Record
from index.search import SearchIndex

from .citations import cite, number_sources
from .compose import answer_records, clause, describe_period, evidence_markdown, grounding, join_and
from .markup import escape_text
from .models import Answer, Document, Hit, QueryPlan, Ranked, Theme
from .retrieve import retrieve
from .slots import Part, Slot, extractive_markdown
from .tables import kind_tables
from .themes import group, label_of

SUPPLEMENT = 6  # records retrieved for a part of the outlook the lookup's records leave empty
MAX_SHIFTS = 4
RISKS = 6


def supplement(plan: QueryPlan, ranked: Ranked, index: SearchIndex, settings: RetrievalSettings) -> list[Hit]:
    """When the lookup's records hold no signal (or no concern or issue), a few strong ones of
    those kinds, so each part of the outlook has evidence; only kinds the question allows."""
    have = {h.record.kind for h in ranked.hits if h.strong}
    seen = {h.record.id for h in ranked.hits}
    extra: list[Hit] = []
    for kinds in (["signal"], ["concern", "issue"]):
        wanted = [k for k in kinds if not plan.kinds or k in plan.kinds]
        if not wanted or have & set(wanted):
            continue
        extra += strongest(plan, wanted, index, settings, besides=seen)
    return extra


def strongest(plan: QueryPlan, kinds: list[str], index: SearchIndex, settings: RetrievalSettings, *, besides: set[str]) -> list[Hit]:
    """The topic's strong matches of these kinds (`SUPPLEMENT` at most), as a lookup of them finds
    them, but those `besides`: what a part of a document would otherwise leave without evidence."""
    sub = plan.model_copy(update={"kinds": kinds, "intent": "lookup", "aspects": [], "aspect_kinds": [], "page": 1, "limit": None})
    return [h for h in retrieve(sub, index, settings, SUPPLEMENT).hits if h.strong and h.record.id not in besides]


def group_hits(hits: list[Hit], text: Callable[[Record], str | None], index: SearchIndex) -> list[tuple[list[str], list[Hit]]]:
    """The hits grouped by the meaning of one of their columns (embedded with the index's model),
    largest group first."""
    hits = [h for h in hits if (text(h.record) or "").strip()]
    if not hits:
        return []
    texts = [" ".join((text(h.record) or "").split()) for h in hits]
    vectors = index.embed_texts(texts)
    grouping = group(vectors, texts, max_themes=MAX_SHIFTS)
    return [(grouping.terms[g], [hits[i] for i in grouping.members(g)]) for g in range(grouping.count)]


def _support(hits: list[Hit]) -> str:
    articles = len({h.record.article_id for h in hits})
    return f"{articles} article{'s' if articles != 1 else ''}"


def shifts_text(groups: list[tuple[list[str], list[Hit]]], numbers: dict[str, int], *, ahead: bool) -> str:
    """One bullet per group: its label, how many articles support it, its records' own words."""
    lines = []
    for terms, hits in groups:
        quotes = []
        for h in hits:
            r = h.record
            said = clause((r.horizon if ahead else r.change) or "")
            force = f" (driving force: {clause(r.driving_force)})" if ahead and r.driving_force else ""
            quotes.append(f"**{escape_text(r.name)}**: {said}{force} {cite(numbers[r.article_id])}")
        lines.append(f"- **{escape_text(label_of(terms))}**, supported by {_support(hits)}: " + "; ".join(quotes) + ".")
    return "\n".join(lines)


def risks_text(risks: list[Hit], numbers: dict[str, int]) -> str:
    lines = []
    for h in risks[:RISKS]:
        r = h.record
        detail = f": {clause(r.description)}" if r.description else ""
        lines.append(f"- **{escape_text(r.name)}** ({r.kind}){detail} {cite(numbers[r.article_id])}.")
    return "\n".join(lines)


def compose_outlook(
    plan: QueryPlan, ranked: Ranked, extra: list[Hit], index: SearchIndex, *, clusters: bool = True
) -> tuple[Answer, list[Part]]:
    """The extractive outlook and its parts (today, looking ahead and what would change the picture are slots)."""
    about = plan.about or plan.question
    hits = [*ranked.hits, *extra]
    strong = [h for h in hits if h.strong]
    numbers, citations = number_sources([*hits, *ranked.passages])
    signals = [h for h in strong if h.record.kind == "signal"]
    risks = [h for h in strong if h.record.kind in ("concern", "issue")]
    today = group_hits(signals, lambda r: r.change, index)
    ahead = group_hits(signals, lambda r: r.horizon, index)
    articles = {h.record.article_id for h in strong}
    dates = sorted(h.article.date for h in strong if h.article.date)
    span = f", {describe_period(dates[0], dates[-1])}" if dates else ""
    lead = (
        f"Where “{escape_text(about)}” is heading, from **{len(strong)} record{'s' if len(strong) != 1 else ''}** of "
        f"{len(articles)} article{'s' if len(articles) != 1 else ''}{span}: first today's shifts (the signals' change column), "
        "then ten years out (their 10-year and driving-force columns), then the concerns and issues that would change the picture."
    )
    lead = " ".join([lead, *grounding(plan, strong, ranked)])
    asked = join_and([PLURALS[k] for k in plan.kinds]) if plan.kinds else ""
    parts: list[Part] = [f"## Outlook: {escape_text(about)}", lead, "### Today: the main shifts"]
    if today:
        parts.append(Slot(shifts_text(today, numbers, ahead=False), f"today's shifts in {about}", _articles(signals), signals))
    else:
        parts.append("_No signal with a change column bears on this" + (f" (the question asked for {asked} only)._" if asked else "._"))
    parts.append("### Looking ahead: ten years out")
    if ahead:
        parts.append(Slot(shifts_text(ahead, numbers, ahead=True), f"{about} ten years out", _articles(signals), signals))
    else:
        parts.append("_No signal with a 10-year column bears on this._")
    parts.append("### What would change the picture")
    if risks:
        parts.append(Slot(risks_text(risks, numbers), f"what could change the picture for {about}", _articles(risks), risks[:RISKS]))
    else:
        parts.append("_No concern or issue bears on this" + (f" (the question asked for {asked} only)._" if asked else "._"))
    tables = kind_tables(hits, numbers, plan.kinds, clusters=clusters)
    parts.append(evidence_markdown(tables, ranked.passages, numbers, citations))
    answer = Answer(
        question=plan.question,
        plan=plan.public(),
        markdown=extractive_markdown(parts),
        citations=citations,
        records=answer_records(hits, numbers, plan),
        more=answer_records(ranked.more, numbers, plan),
        tables=tables,
        warnings=list(ranked.notes),
        document=Document(
            kind="outlook",
            title=f"Outlook: {about}",
            articles=len(articles),
            themes=[_theme(t, h) for t, h in today] + [_theme(t, h) for t, h in ahead],
        ),
    )
    return answer, parts


def _articles(hits: list[Hit]):
    return list({h.article.id: h.article for h in hits}.values())


def _theme(terms: list[str], hits: list[Hit]) -> Theme:
    return Theme(
        label=label_of(terms),
        terms=terms,
        articles=list(dict.fromkeys(h.record.article_id for h in hits)),
        records=[h.record.id for h in hits],
        size=len({h.record.article_id for h in hits}),
    )

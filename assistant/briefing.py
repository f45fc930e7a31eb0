"""Briefings: bottom line up front, key signals, concerns and issues, technologies, behaviours,
10-year implications, open questions and sources, each section assembled from the records a
retrieval for that section found (so a briefing is not just the top k of one search)."""

from __future__ import annotations

from collections import Counter

from index import RetrievalSettings
from index.records import PLURALS
from index.search import SearchIndex

from .citations import cite, number_sources
from .compose import (
    answer_records,
    assemble,
    clause,
    describe_period,
    grounding,
    join_and,
    nothing_found,
    sources_markdown,
)
from .fusion import alternate
from .lookup import gather_aspects
from .markup import escape_text
from .models import Answer, Hit, PartsHeld, QueryPlan, Ranked
from .retrieve import retrieve
from .tables import kind_tables, markdown_table

# (heading, kinds, records to retrieve for the section)
SECTIONS: list[tuple[str, tuple[str, ...], int]] = [
    ("Key signals", ("signal",), 8),
    ("Concerns and issues", ("concern", "issue"), 8),
    ("Technologies", ("technology",), 5),
    ("Behaviours", ("behavior",), 5),
]


def gather(plan: QueryPlan, index: SearchIndex, settings: RetrievalSettings, k: int) -> tuple[dict[str, list[Hit]], Ranked]:
    """Hits per section (only the kinds the question allows), and all of them as one ranking."""
    allowed = set(plan.kinds) if plan.kinds else None
    shares = {h: size for h, kinds, size in SECTIONS if allowed is None or set(kinds) & allowed}
    scale = k / max(1, sum(shares.values()))  # the k records are shared out between the sections asked for
    sections: dict[str, list[Hit]] = {}
    seen: set[str] = set()
    notes: list[str] = []
    mores: list[list[Hit]] = []
    matched = 0
    read: PartsHeld | None = None  # how the question's parts were read, the same in every section
    holding: set[str] = set()  # records shown that speak to every part
    placed = ""
    for heading, kinds, size in SECTIONS:
        wanted = [kind for kind in kinds if allowed is None or kind in allowed]
        if not wanted:
            continue
        asked = plan.model_copy(update={"kinds": wanted, "intent": "lookup", "aspect_kinds": []})
        share = max(1, round(size * scale))
        # a briefing on two things ("summarize cobalt as well as lithium") searches each in every section
        ranked = gather_aspects(asked, index, settings, share) if len(plan.aspects) >= 2 else retrieve(asked, index, settings, share)
        notes += [n for n in ranked.notes if n not in notes]
        matched += ranked.matched
        sections[heading] = [h for h in ranked.hits if h.record.id not in seen]
        seen |= {h.record.id for h in ranked.hits}
        mores.append(ranked.more)
        shown = {h.record.id for h in sections[heading]}
        # a section cut to what speaks to every part shows only such records; one with too few
        # names them; one without a reading has every match speaking to every part
        read = read or ranked.parts
        holding |= shown & set(ranked.parts.ids) if ranked.parts and not ranked.parts.alone else shown
        placed = placed or ranked.placed
    hits = [h for section in sections.values() for h in section]
    # the sections' weaker matches alternate, so that "more" goes on with every section, not one then the next
    more = alternate(mores, lambda h: h.record.id, set(seen))
    parts = read.model_copy(update={"held": len(holding), "alone": 0, "ids": sorted(holding)}) if read else None
    return sections, Ranked(
        hits=hits, more=more, matched=matched, total=len(hits) + len(more), strong=len(hits), notes=notes, parts=parts, placed=placed
    )


def compose_briefing(plan: QueryPlan, sections: dict[str, list[Hit]], ranked: Ranked, *, clusters: bool = True) -> Answer:
    """The extractive briefing: every section present, every sentence quoting stored records."""
    if not ranked.hits:
        return nothing_found(plan, ranked.notes)
    numbers, citations = number_sources(ranked.hits)
    parts = [f"## Briefing: {escape_text(plan.query or plan.question)}", "### Bottom line up front", bluf(plan, sections, numbers, ranked)]
    tables = []
    for heading, kinds, _ in SECTIONS:
        parts.append(f"### {heading}")
        hits = sections.get(heading)
        if hits is None:
            asked = " and ".join(PLURALS[k] for k in plan.kinds)
            parts.append(f"_Not included: the question asked for {asked} only._")
            continue
        if not hits:
            parts.append("_Nothing in the index bears on this._")
            continue
        for table in kind_tables(hits, numbers, kinds, clusters=clusters):
            tables.append(table)
            parts.append((f"**{table.title}**\n\n" if len(kinds) > 1 else "") + markdown_table(table))
    parts += ["### 10-year implications", implications(sections.get("Key signals") or [], numbers)]
    parts += ["### Open questions", open_questions(sections.get("Concerns and issues") or [], numbers)]
    parts.append(sources_markdown(citations))
    answer = assemble(plan, parts, ranked, numbers, citations, tables)
    answer.more = answer_records(ranked.more, numbers, plan)
    return answer


def bluf(plan: QueryPlan, sections: dict[str, list[Hit]], numbers: dict[str, int], ranked: Ranked) -> str:
    hits = [h for section in sections.values() for h in section]
    kinds = Counter(h.record.kind for h in hits)
    articles = {h.record.article_id for h in hits}
    dates = sorted(h.article.date for h in hits if h.article.date)
    span = f", {describe_period(dates[0], dates[-1])}" if dates else ""
    counted = join_and([f"{n} {PLURALS[k] if n > 1 else k}" for k, n in kinds.most_common()])
    sentences = [f"{counted} from {len(articles)} article{'s' if len(articles) > 1 else ''}{span} bear on “{escape_text(plan.query)}”."]
    sentences += grounding(plan, hits, ranked)
    for heading, label in (("Key signals", "The strongest signal"), ("Concerns and issues", "The main {kind}")):
        best = _strongest(sections.get(heading) or [])
        if best:
            r = best.record
            label = label.format(kind=r.kind)  # an issue is named an issue, not a concern
            rated = f" (relevancy {r.relevancy})" if r.relevancy else ""
            text = f": {clause(r.description)}" if r.description else ""
            sentences.append(f"{label} is **{escape_text(r.name)}**{rated}{text} {cite(numbers[r.article_id])}.")
    return " ".join(sentences)


def _strongest(hits: list[Hit]) -> Hit | None:
    """The best-ranked among the most relevant (relevancy first, retrieval rank second)."""
    if not hits:
        return None
    top = max((h.record.relevancy or 0) for h in hits[:5])
    return next(h for h in hits if (h.record.relevancy or 0) == top)


def implications(signals: list[Hit], numbers: dict[str, int]) -> str:
    lines = []
    for hit in signals:
        r = hit.record
        if not r.horizon:
            continue
        force = f" Driven by: {clause(r.driving_force)}." if r.driving_force else ""
        lines.append(f"- **{escape_text(r.name)}**: {clause(r.horizon)}.{force} {cite(numbers[r.article_id])}")
    return "\n".join(lines[:6]) or "_The signals found carry no 10-year outlook._"


def open_questions(risks: list[Hit], numbers: dict[str, int]) -> str:
    """The sharpest concerns and issues, put as what a reader must still find out."""
    lines = []
    for hit in risks[:5]:
        r = hit.record
        detail = f" ({clause(r.description)})" if r.description else ""
        if r.kind == "issue":
            lines.append(f"- What would resolve **{escape_text(r.name)}**?{detail} {cite(numbers[r.article_id])}")
        else:
            lines.append(f"- How likely is **{escape_text(r.name)}**, and who would act on it?{detail} {cite(numbers[r.article_id])}")
    return "\n".join(lines) or "_No concerns or issues were found to question._"

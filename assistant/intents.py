"""The intents, as a registry: one handler per intent, each gathering its evidence and composing
its extractive answer, with one return shape.

A handler whose data is missing (a timeline over undated records, a comparison without a second
side) raises `Degrade` with the reason; the desk then answers as a lookup and puts the reason in
the answer's first line, so an intent never hides records that match. Adding an intent is one
handler here (and its words in `plan.py`); the desk, the CLI and the app need no change.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from index import RetrievalSettings
from index.records import KINDS
from index.search import SearchIndex

from . import documents
from .aggregate import facets, how_counted, match_all, page_of, recurring
from .articles import compose_articles, gather_articles
from .briefing import compose_briefing, gather
from .compare import compose_comparison, gather_sides, with_heads, with_places
from .compose import compose_exhaustive, compose_extractive, describe_period
from .degrade import Degrade
from .digest import UNDATED_WHY, undated_count
from .drivers import with_forces
from .lookup import gather_lookup, through_articles
from .models import Answer, Intent, QueryPlan, Ranked
from .parts import MIN_HELD
from .plan import SHARE, share_of_topic
from .retrieve import node_filter
from .slots import Part
from .timeline import compose_trend, dated


@dataclass(frozen=True)
class Context:
    """What every handler gets: the plan, the index, the retrieval settings and the answer's shape."""

    plan: QueryPlan
    index: SearchIndex
    settings: RetrievalSettings
    size: int
    clusters: bool = True


@dataclass
class Outcome:
    """What every handler returns: the extractive answer, the ranked evidence a language model may
    write its prose from (None: the answer stays extractive), and retrieval timings."""

    answer: Answer
    ranked: Ranked | None = None
    timings: dict[str, float] = field(default_factory=dict)
    parts: list[Part] | None = None  # documents: Markdown blocks and the paragraphs a model may rewrite


@dataclass(frozen=True)
class Handler:
    """One intent: what it answers (for docs and the model's planning prompt), whether a language
    model writes its prose, and the function that gathers and composes."""

    name: Intent
    summary: str
    model_writes: bool
    run: Callable[[Context], Outcome]


def _document(run: Callable[..., tuple[Answer, list[Part] | None, Ranked | None]]) -> Callable[[Context], Outcome]:
    """A document handler (assistant/documents.py) as a registry handler."""

    def handler(ctx: Context) -> Outcome:
        answer, parts, ranked = run(ctx.plan, ctx.index, ctx.settings, ctx.size, clusters=ctx.clusters)
        return Outcome(answer, ranked, ranked.timings_ms if ranked else {}, parts)

    return handler


ELSEWHERE_POOL = 200  # strong matches of other kinds counted when the kinds asked for have none
THROUGH_RECORDS = 2  # ...and at least this many of them for their articles to be about the topic (`through_articles`)
FEW_OF_KIND = 2  # strong matches of the kinds asked so few that more of other kinds are worth naming


def _undated_instead(ctx: Context, prefix: str = "", found: int = 0) -> None:
    """The tabular export carries no dates: a period then hides every record it cannot date. When
    the undated articles hold strong matches, and the period's own are none (`found`) or fewer
    than those it hides ("What changed in AI regulation since 2024?": one concern, where hundreds
    of undated records speak to it), a lookup answers with both and says why (for a lookup, a
    list, a count, articles or a timeline alike)."""
    plan = ctx.plan
    if not plan.query or not (plan.since or plan.until) or plan.undated_span is not None:
        return
    wider = {"since": None, "until": None, "undated_span": (plan.since, plan.until)}
    every = gather_lookup(plan.model_copy(update=wider), ctx.index, ctx.settings, ctx.size).strong
    if every > 2 * found:
        articles, undated = len(ctx.index.article_ids()), undated_count(ctx.index, ctx.index.article_dates())
        period = describe_period(plan.since, plan.until)
        opening = (
            f"{prefix}{'no' if prefix else 'No'} record {period} clearly matches “{plan.about}”"
            if not found
            else f"{prefix}{'only' if prefix else 'Only'} {found:,} record{'s' if found > 1 else ''} {period} clearly match{'' if found > 1 else 'es'} “{plan.about}”"
        )
        among = "among those" if not found else "among those as well as the dated ones"
        raise Degrade(
            f"{opening}, but {undated:,} of the index's {articles:,} articles carr{'ies' if undated == 1 else 'y'} no date ({UNDATED_WHY}): "
            f"here are the matches {among}, whose date is unknown (the articles dated outside the period are left out).",
            update=wider,
        )


def _lookup(ctx: Context) -> Outcome:
    plan = ctx.plan
    ranked = gather_lookup(plan, ctx.index, ctx.settings, ctx.size)
    _undated_instead(ctx, found=ranked.strong)
    few = 0 < ranked.strong <= FEW_OF_KIND and plan.page == 1 and not plan.entities
    every_kind: Ranked | None = None  # the same question over every kind, gathered once when asked for

    def over_every_kind() -> Ranked:
        nonlocal every_kind
        every_kind = every_kind or gather_lookup(plan.model_copy(update={"kinds": []}), ctx.index, ctx.settings, ELSEWHERE_POOL)
        return every_kind

    if (not ranked.strong or few) and plan.query and plan.kinds and ranked.hits:
        # a kind the question names may have nothing, or next to nothing, where other kinds have
        # more ("signals about Neuralink": the corpus names it in technologies; "signals on water
        # rights disputes between countries": one signal, five concerns): say so, rather than let
        # the kind hide them
        others = [h for h in over_every_kind().hits if h.strong and h.record.kind not in plan.kinds]
        elsewhere = Counter(h.record.kind for h in others)
        if not ranked.strong or len(others) >= max(THROUGH_RECORDS + 1, 2 * ranked.strong):
            ranked = ranked.model_copy(update={"elsewhere": dict(elsewhere.most_common())})
        if not ranked.strong and plan.page == 1 and not plan.entities and len(others) >= THROUGH_RECORDS:
            ranked = through_articles(ranked, others, ctx.size)  # the concerns of the articles on self-driving cars
    if ranked.parts and not ranked.parts.held and plan.kinds and plan.page == 1 and not ranked.elsewhere:
        # none of the kinds asked speaks to every part, where other kinds may ("signals about
        # loneliness in the workplace": none, but two concerns do): say so, rather than let the kind hide them
        ranked = ranked.model_copy(update={"parts": ranked.parts.model_copy(update={"elsewhere": _whole_elsewhere(plan, over_every_kind())})})
    if not ranked.hits and plan.query and plan.page == 1 and plan.filtered:
        # nothing under the filters ("and direct air capture?" after signals from 2024): say what
        # matches without them, rather than let the filters hide it
        unfiltered = Counter(h.record.kind for h in gather_lookup(plan.unfiltered(), ctx.index, ctx.settings, ELSEWHERE_POOL).hits if h.strong)
        ranked = ranked.model_copy(update={"unfiltered": dict(unfiltered.most_common())})
    if (plan.drivers or plan.effects) and plan.page == 1 and ranked.strong:  # "Why are birth rates falling?": the forces its signals name
        ranked = with_forces(plan, ranked, ctx.index, ctx.settings)
    return Outcome(compose_extractive(plan, ranked, clusters=ctx.clusters), ranked, ranked.timings_ms)


def _whole_elsewhere(plan: QueryPlan, every_kind: Ranked) -> dict[str, int]:
    """Of the question's strong matches over every kind (`every_kind`), those of the kinds it did
    not ask for that speak to every part of it, by kind (most first)."""
    held = every_kind.parts
    if held is None or not held.held:
        return {}  # nothing read of its parts is nothing said of them
    few = set(held.ids) if held.held < MIN_HELD else None  # else every strong match speaks to every part
    kinds = Counter(h.record.kind for h in every_kind.hits if h.strong and h.record.kind not in plan.kinds and (few is None or h.record.id in few))
    return dict(kinds.most_common())


def _articles(ctx: Context) -> Outcome:
    found = gather_articles(ctx.plan, ctx.index, ctx.settings, ctx.size)
    if not any(h.strong for h in found.ranked.hits):
        _undated_instead(ctx)  # "articles about bird flu from 2024": the period hides them
    return Outcome(compose_articles(ctx.plan, found), found.ranked, found.ranked.timings_ms)


def _exhaustive(ctx: Context) -> Outcome:
    plan, index, settings = ctx.plan, ctx.index, ctx.settings
    matched = match_all(plan, index, settings)
    if not matched.ids:
        _undated_instead(ctx)  # "list the concerns on deepfakes since 2024": the period hides them
    page = page_of(matched, index, plan.page, ctx.size, plan)
    elsewhere: dict[str, int] = {}
    if not matched.ids and plan.kinds and plan.query:  # "How many signals mention Neuralink?": its technologies do
        every_kind = match_all(plan.model_copy(update={"kinds": []}), index, settings)
        elsewhere = dict(Counter(k for k in index.kinds_of(every_kind.ids).values() if k not in plan.kinds).most_common())
    answer = compose_exhaustive(
        plan,
        page,
        how=how_counted(plan, matched, settings),
        facets=facets(matched, index),
        articles=len({index.article_of_node(i) for i in matched.ids}),
        elsewhere=elsewhere,
        number=plan.page,
        size=ctx.size,
        clusters=ctx.clusters,
        **_share(plan, matched.ids, index, settings),
    )
    return Outcome(answer, None, page.timings_ms)


def _share(plan: QueryPlan, members: list[str], index: SearchIndex, settings: RetrievalSettings) -> dict:
    """What a count is a share of, when the question asks for one: the records of its kinds and
    filters in the index, or those on the topic it takes the share of ("What share of the concerns
    about drones are about privacy?": of the concerns on drones, how many are counted here)."""
    question = plan.resolved or plan.question
    if not SHARE.search(question):
        return {}
    if (topic := share_of_topic(question)) and topic.lower() != plan.query.lower():
        of = match_all(plan.model_copy(update={"query": topic, "topics": [topic], "focus": topic, "entities": [], "aspects": []}), index, settings)
        return {"whole": len(of.ids), "whole_topic": topic, "within": len(set(members) & set(of.ids))}
    return {"whole": index.count(replace(node_filter(plan), kinds=tuple(plan.kinds or KINDS)))}


def _recurring(ctx: Context) -> Outcome:
    plan, index, settings = ctx.plan, ctx.index, ctx.settings
    matched = match_all(plan, index, settings)
    statements = recurring(matched, index)
    if not statements.ids:
        found = f"none of the {len(matched.ids):,} matching records is" if matched.ids else "no record matching it is"
        raise Degrade(f"Nothing recurs: {found} stated by more than one article, so here are the best matches instead.")
    page = page_of(statements, index, plan.page, ctx.size, plan)
    about = f" of the {len(matched.ids):,} records on “{plan.query}”" if plan.query else ""
    how = f"the statements{about} that two or more articles make (near-duplicate records), the most often stated first"
    kinds = dict(Counter(index.kinds_of(statements.ids).values()).most_common())
    answer = compose_exhaustive(plan, page, how=how, facets={"kind": kinds}, number=plan.page, size=ctx.size, clusters=ctx.clusters)
    return Outcome(answer, None, page.timings_ms)


def _trend(ctx: Context) -> Outcome:
    plan, index, settings = ctx.plan, ctx.index, ctx.settings
    matched = match_all(plan, index, settings)
    rows, undated = dated(matched, index)
    if not rows and not undated:
        # the period hides every match ("what's new since 2025 on quantum computing", on an export
        # without dates): the undated matches, saying why, rather than "nothing found"
        _undated_instead(ctx, prefix="No timeline: ")
    if len(rows) < undated:  # no dated record, or so few that a timeline would hide most of what matches
        few = f"none of the {undated:,} matching records carries" if not rows else (
            f"only {len(rows):,} of the {len(rows) + undated:,} matching records carr{'ies' if len(rows) == 1 else 'y'}"
        )
        raise Degrade(
            f"No timeline: {few} a date (the tabular export has none; documents carry their curation date), "
            "so here are the best matches instead."
        )
    how = how_counted(plan, matched, settings)
    return Outcome(compose_trend(plan, matched, index, how=how, number=plan.page, size=ctx.size, clusters=ctx.clusters))


def _compare(ctx: Context) -> Outcome:
    plan = ctx.plan
    if len(plan.sides) < 2:
        raise Degrade("Not a comparison I could split into two sides, so this is a search on the whole question.")
    plan = plan.model_copy(update={"sides": with_heads(with_places(plan.sides, plan.entities), ctx.index)})
    placed, ranked = gather_sides(plan, ctx.index, ctx.settings, ctx.size)
    empty = [side for side, hits in zip(plan.sides, placed, strict=True) if not any(h.strong for h in hits)]
    if empty and any(ranked.hits):
        raise Degrade(
            f"No comparison: {plan.nothing_of()} clearly speaks to “{empty[0]}”, so here is what each side has on its own.",
            parts=list(plan.sides),
        )
    return Outcome(compose_comparison(plan, placed, ranked, clusters=ctx.clusters), ranked, ranked.timings_ms)


def _briefing(ctx: Context) -> Outcome:
    sections, ranked = gather(ctx.plan, ctx.index, ctx.settings, ctx.size)
    if ranked.hits and not any(h.strong for h in ranked.hits):
        raise Degrade(f"No briefing: {ctx.plan.nothing_of()} clearly bears on “{ctx.plan.query}”, so here are the closest weaker matches.")
    return Outcome(compose_briefing(ctx.plan, sections, ranked, clusters=ctx.clusters), ranked, ranked.timings_ms)


REGISTRY: dict[str, Handler] = {
    h.name: h
    for h in (
        Handler("lookup", "records about something, strongest evidence first", True, _lookup),
        Handler("articles", "the articles about something: title, date, summary, how many of their records match", True, _articles),
        Handler("list", "every record matching the topic and filters, paged", False, _exhaustive),
        Handler("count", "how many records match the topic and filters, with facets", False, _exhaustive),
        Handler("recurring", "what the corpus states most often: near-duplicate records by how many articles state them", False, _recurring),
        Handler("trend", "how a topic spread over time (dated records only), what is newest and emerging", False, _trend),
        Handler("compare", "two things side by side", True, _compare),
        Handler("briefing", "a memo: bottom line, key signals, concerns, technologies, behaviours, outlook", True, _briefing),
        Handler("digest", "a digest of what was curated in a period: every article, grouped into themes found from the data", True, _document(documents.digest)),
        Handler("topic_page", "a topic page: a digest of the topic's articles, its strongest records of each kind, its articles", True, _document(documents.topic_page)),
        Handler("outlook", "where a topic is heading: today's shifts, the 10-year view and its driving forces, what would change the picture", True, _document(documents.outlook)),
        Handler("cards", "NOW / NEAR / NEXT foresight cards, one per distinct signal of a topic, with a QR code to the source", False, _document(documents.cards)),
        Handler("themes", "the themes of a period or of the whole corpus: their size, growth per quarter and example records", False, _document(documents.themes)),
    )
}


_PAGED_BY_LOOKUP = ("briefing", "topic_page", "outlook", "cards")  # documents whose "more" is their lookup's next page


def answer(ctx: Context) -> tuple[Outcome, QueryPlan, Handler]:
    """Run the plan's handler; a handler that lacks its data hands over to the lookup, and the
    plan it returns carries the reason among its notes. The lookup may hand over once more, to
    itself under wider filters (a period that hides every undated match)."""
    plan, handler = ctx.plan, REGISTRY[ctx.plan.intent]
    if plan.page > 1 and handler.name in _PAGED_BY_LOOKUP:
        # "more" after an outlook or a briefing: the next page of the records it drew on, not a
        # second document that finds no strong match among them and says nothing bears on the topic
        plan, handler = plan.model_copy(update={"intent": "lookup"}), REGISTRY["lookup"]
    for _ in range(2):
        try:
            return handler.run(Context(plan, ctx.index, ctx.settings, ctx.size, ctx.clusters)), plan, handler
        except Degrade as degraded:
            update = {"intent": "lookup", "notes": [*plan.notes, degraded.reason], **degraded.update}
            if len(degraded.parts) >= 2:
                update["aspects"] = degraded.parts
            plan, handler = plan.model_copy(update=update), REGISTRY["lookup"]
    return handler.run(Context(plan, ctx.index, ctx.settings, ctx.size, ctx.clusters)), plan, handler

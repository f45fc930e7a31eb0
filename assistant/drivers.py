"""What drives a topic, and what it leads to. A question that asks why ("Why are birth rates
falling?", "What's driving the vinyl revival?", "the root causes of burnout") is answered with the
records, as any lookup, and with the driving forces its signals name (the Signals table's
driving-force column), grouped by meaning as an outlook groups the signals' changes, each group
with how many signals and articles name it. One that asks what the topic leads to ("the knock-on
effects of the ageing population", "What does an aging population mean for healthcare?") is
answered the same way from the signals' 10-year column. The columns are stored text, quoted and
cited; nothing is inferred.

A signal's driving force is what drives that signal, and its 10-year outlook is that signal's, so
only the signals named for the topic (a name the model reads as close to it as `NAME_COSINE`) say
what drives the topic or what it leads to: "Increased Demand for Cosmetic Procedures", of an
article on weight-loss drugs, names the drugs as its force; it is something the boom drives, not a
driver of it.

When the records shown hold fewer than `MIN_FORCES` such signals (a topic whose strongest records
are concerns), the topic's strongest signals are added to them, as an outlook adds them to a part
it would leave empty; none is added when the question asks for other kinds or a number of records."""

from __future__ import annotations

from index import RetrievalSettings
from index.records import Record
from index.search import SearchIndex

from .models import Hit, QueryPlan, Ranked
from .outlook import group_hits, strongest
from .plan import FRAMING

MIN_FORCES = 3  # signals named for the topic with the column asked among the records shown, below which its strongest signals are added (`outlook.strongest`)
MIN_GROUPED = 6  # forces grouped by meaning from this many; fewer are listed one by one (four split in two pairs under labels like "advanced")
NAME_COSINE = 0.4  # a signal's name this close to the topic is named for it ("Japan's Fertility Crisis" 0.40 to falling birth rates; "Food Industry Adaptation" 0.13 to weight-loss drugs)


def with_forces(plan: QueryPlan, ranked: Ranked, index: SearchIndex, settings: RetrievalSettings) -> Ranked:
    """The ranked records with the column asked (`QueryPlan.asked_column`) of their strong signals named for the
    topic grouped (`Ranked.forces`), and the topic's strongest signals added when the records hold too few."""
    hits = list(ranked.hits)

    def said(record: Record) -> str | None:
        return getattr(record, plan.asked_column())

    def forced_of(found: list[Hit]) -> list[Hit]:
        return _named_for(plan, [h for h in found if h.strong and h.record.kind == "signal" and (said(h.record) or "").strip()], index)

    forced = forced_of(hits)
    if len(forced) < MIN_FORCES and (not plan.kinds or "signal" in plan.kinds) and plan.query.strip() and not plan.limit:  # "top 3" shows three
        added = forced_of(strongest(plan, ["signal"], index, settings, besides={h.record.id for h in hits}))
        hits, forced = hits + added, forced + added
    if len(forced) < MIN_GROUPED:  # too few to group by meaning: each is its own line
        return _updated(ranked, hits, [([], [h.record.id for h in forced])] if forced else [])
    groups = group_hits(forced, said, index)
    # a group's label says what drives the topic (or follows), not the topic ("birth") nor a word of the sentence ("leading to")
    asked = set(index.terms(plan.query))
    groups = [([t for t in terms if not set(index.terms(t)) & asked and not set(t.lower().split()) & FRAMING] or terms, members) for terms, members in groups]
    return _updated(ranked, hits, [(terms, [h.record.id for h in members]) for terms, members in groups])


def _updated(ranked: Ranked, hits: list[Hit], forces: list[tuple[list[str], list[str]]]) -> Ranked:
    return ranked.model_copy(update={"hits": hits, "strong": ranked.strong + len(hits) - len(ranked.hits), "forces": forces})


def _named_for(plan: QueryPlan, hits: list[Hit], index: SearchIndex) -> list[Hit]:
    """The signals whose names the model reads as close to the topic as `NAME_COSINE`."""
    if not hits:
        return []
    closeness = index.embed_texts([h.record.name for h in hits]) @ index.embed_query(plan.query)
    return [h for h, c in zip(hits, closeness.tolist(), strict=True) if c >= NAME_COSINE]

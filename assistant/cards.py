"""Foresight cards: one card per distinct signal, behaviour or technology of a topic, every word
from stored fields, each with its source, year and a QR code to the source (assistant/card_render.py
draws them).

Distinct: records of one near-duplicate cluster share a card, and so do records of the same kind
whose stored vectors are nearly the same (cosine ≥ `SAME`). The horizon rule:
- **NOW**: behaviours and technologies: practices and tools already observed;
- **NEAR**: signals: the card quotes the signal and the change its record says is under way; and
  the concerns and issues that change raises (when the question asks for them, or for all kinds);
- **NEXT**: the 10-year implications: the signals' 10-year columns grouped by meaning (the theme
  machinery), one card per group, quoting the strongest signal's 10-year column and driving force.
"""

from __future__ import annotations

import numpy as np

from index import Record, RetrievalSettings
from index.search import SearchIndex

from .citations import number_sources
from .compose import answer_records, grounding, sources_markdown
from .lookup import gather_lookup
from .markup import escape_text, safe_url
from .models import Answer, Card, Document, Hit, QueryPlan, Ranked
from .outlook import group_hits
from .themes import normalised

SAME = 0.85  # records of one kind at least this close in meaning share a card
MAX_NEXT = 3
RULE = (
    "NOW = behaviours and technologies already observed; NEAR = signals, with the change under way, and the "
    "concerns and issues it raises; "
    "NEXT = the 10-year implications (the signals' 10-year columns grouped by meaning, one card per group)."
)
ORDER = {"NOW": 0, "NEAR": 1, "NEXT": 2}
HORIZON_OF = {"behavior": "NOW", "technology": "NOW", "signal": "NEAR", "concern": "NEAR", "issue": "NEAR"}


def gather_cards(plan: QueryPlan, index: SearchIndex, settings: RetrievalSettings, size: int) -> Ranked:
    """The records a lookup of the topic finds (the same records, the same "more")."""
    return gather_lookup(plan.model_copy(update={"intent": "lookup"}), index, settings, size)


def distinct(hits: list[Hit], index: SearchIndex) -> list[list[Hit]]:
    """The hits in groups of one distinct record each (best first): near-duplicate clusters, then
    records of one horizon with the same name, or of one kind nearly the same in meaning."""
    groups: list[list[Hit]] = []
    cluster_of: dict[str, int] = {}
    for hit in hits:
        cluster = hit.corroboration.cluster if hit.corroboration else None
        if cluster and cluster in cluster_of:
            groups[cluster_of[cluster]].append(hit)
            continue
        if cluster:
            cluster_of[cluster] = len(groups)
        groups.append([hit])
    found, vectors = index.vectors_of([g[0].record.id for g in groups])
    if len(found) < 2:
        return groups
    unit = normalised(vectors)
    row = {node: i for i, node in enumerate(found)}
    merged: list[list[Hit]] = []
    for g in groups:
        lead = g[0].record
        home = next((m for m in merged if _same(lead, m[0].record, row, unit)), None)
        if home is None:
            merged.append(list(g))
        else:
            home.extend(g)
    return merged


def _same(a: Record, b: Record, row: dict[str, int], unit: np.ndarray) -> bool:
    """One card's worth: the same horizon and the same name, or the same kind and nearly the same meaning."""
    if HORIZON_OF[a.kind] != HORIZON_OF[b.kind]:
        return False
    if " ".join(a.name.lower().split()) == " ".join(b.name.lower().split()):
        return True
    return a.kind == b.kind and a.id in row and b.id in row and float(unit[row[a.id]] @ unit[row[b.id]]) >= SAME


def sentence(text: str | None) -> str:
    """A stored field as one sentence (whitespace folded, a final period when it has none)."""
    flat = " ".join((text or "").split())
    return flat if not flat or flat[-1] in ".!?…" else flat + "."


def make_card(horizon: str, hits: list[Hit], text: str, numbers: dict[str, int]) -> Card:
    lead = hits[0]
    article = lead.article
    seen = max([len({h.record.article_id for h in hits})] + [h.corroboration.articles for h in hits if h.corroboration])
    return Card(
        horizon=horizon,  # type: ignore[arg-type]
        title=lead.record.name,
        text=text,
        kind=lead.record.kind,
        n=numbers[lead.record.article_id],
        source=article.title or f"Article {article.id}",
        year=article.date.year if article.date else None,
        url=article.url if safe_url(article.url) else article.page_url if safe_url(article.page_url) else None,
        records=[h.record.id for h in hits],
        seen_in=seen,
    )


def build_cards(hits: list[Hit], index: SearchIndex, numbers: dict[str, int]) -> list[Card]:
    """The deck: a NOW or NEAR card per distinct record, NEXT cards per group of 10-year columns."""
    deck: list[Card] = []
    groups = distinct(hits, index)
    for g in groups:
        r = g[0].record
        if r.kind == "signal":
            text = " ".join(s for s in (sentence(r.description), f"Change: {sentence(r.change)}" if r.change else "") if s)
            deck.append(make_card("NEAR", g, text, numbers))
        elif r.kind in ("concern", "issue"):
            texts = list(dict.fromkeys(sentence(h.record.description) for h in g if h.record.description))[:2]
            deck.append(make_card("NEAR", g, " ".join(texts) or sentence(r.name), numbers))
        else:
            texts = list(dict.fromkeys(sentence(h.record.description) for h in g if h.record.description))[:3]
            deck.append(make_card("NOW", g, " ".join(texts) or sentence(r.name), numbers))
    leads = [g[0] for g in groups if g[0].record.kind == "signal"]
    for _, members in group_hits(leads, lambda rec: rec.horizon, index)[:MAX_NEXT]:
        best = members[0]
        r = best.record
        text = sentence(r.horizon) + (f" Driving force: {sentence(r.driving_force)}" if r.driving_force else "")
        deck.append(make_card("NEXT", [best], text, numbers))
    deck.sort(key=lambda c: ORDER[c.horizon])
    return deck


def compose_cards(plan: QueryPlan, hits: list[Hit], index: SearchIndex, ranked: Ranked | None = None) -> Answer:
    """The deck as an answer: the rule, how much of it is about what was asked (with the lookup's
    `ranked`), the cards by horizon (Markdown), the sources; its records are the lookup's (every
    one is on a card, alone or with its near-duplicates)."""
    about = plan.about
    numbers, citations = number_sources(hits)
    deck = build_cards([h for h in hits if h.strong], index, numbers)
    quoted = {i for c in deck for i in c.records}
    shown = [h for h in hits if h.record.id in quoted]
    articles = len({h.record.article_id for h in shown})
    parts = [
        f"## Foresight cards: {escape_text(about)}",
        f"**{len(deck)} card{'s' if len(deck) != 1 else ''}** from {len(shown)} records of {articles} "
        f"article{'s' if articles != 1 else ''}, one per distinct record. Horizon rule: {escape_text(RULE)} "
        "Export as HTML for a printable sheet, or as PNG images."
        + "".join(" " + sentence for sentence in (grounding(plan, shown, ranked) if ranked else [])),
    ]
    for horizon in ("NOW", "NEAR", "NEXT"):
        chosen = [c for c in deck if c.horizon == horizon]
        if not chosen:
            continue
        parts.append(f"### {horizon}")
        parts.append("\n".join(card_line(c) for c in chosen))
    parts.append(sources_markdown(citations))
    return Answer(
        question=plan.question,
        plan=plan.public(),
        markdown="\n\n".join(parts),
        citations=citations,
        records=answer_records(shown, numbers, plan),
        document=Document(kind="cards", title=f"Foresight cards: {about}", articles=articles, cards=deck),
    )


def card_line(card: Card) -> str:
    year = f", {card.year}" if card.year else ""
    seen = f" · seen in {card.seen_in} articles" if card.seen_in > 1 else ""
    return f"- **{escape_text(card.title)}**: {escape_text(card.text)} [{card.n}] · {escape_text(card.source)}{year}{seen}"

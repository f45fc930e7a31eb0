"""Hybrid retrieval: dense and BM25 candidates under the same filters, fused with weighted RRF
(dense-leaning), lifted by article-summary matches, anchored on the question's entities, cut at
the question's own evidence bar, diversified across articles and paged.

The evidence bar is per question. Almost every record of the corpus is unrelated to any one
question, so the cosines of all admitted records to the question are its background; a record
is a *strong* match when its cosine stands `strong_z` spreads above that background's mean (a
margin, not an absolute cosine, so it holds for broad and narrow questions alike), and a
*weaker* one down to `weak_z`. Strong matches are shown; weaker ones wait one "more" away, and
are labelled when shown.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date

import numpy as np

from index import NodeFilter, RetrievalSettings
from index.search import SearchIndex

from .compounds import other_compounds
from .countering import countering_first
from .direction import (
    DOWN,
    FRICTION,
    asked_downsides,
    contrary_asked,
    downsides,
    downsides_first,
    either_of,
    governed,
    is_direction,
    moving_words,
    names_topic_moving,
    opposed,
    upsides_only,
    whether_asked,
)
from .elsewhere import elsewhere
from .entities import (
    Entity,
    coordinated,
    last_name,
    names_pattern,
    places_named,
    written_as_name,
    written_in_lower_case,
)
from .exclusions import left_out, left_out_note
from .fusion import diversify, weighted_rrf
from .models import Corroboration, EntityRef, Hit, PartsHeld, QueryPlan, Ranked
from .parts import by_parts, name_parts, part_words, parts_of, written_together
from .plan import is_actor, is_kind_word
from .rerank import WHOLE_WORDING, floor_strong, order_weaker
from .terms import field_term

_ONE_WORD = re.compile(r"[^\W_]+")
MIN_BACKGROUND = 100  # fewer admitted records than this do not make a background...
PRIOR_BACKGROUND = (0.07, 0.085)  # ...so all-MiniLM-L6-v2's typical one is used (mean over 10 questions on the full corpus)
EXPANSION_DEPTH = 5  # the best fused records whose shared terms expand the lexical query
FEEDBACK_POOL = 5  # the feedback query re-ranks this many times `candidates` of the first pass
WEAK_SHOWN = 3  # with no strong match, at most this many weaker ones are shown (labelled)
ANCHOR_POOL = 2000  # most records mentioning an entity that join the candidates
ANCHOR_SHARE = 0.02  # a "name" mentioned by more of the records than this is a topic word, not an anchor
TIER = {"direct": 3, "article": 2, "related": 1}
ABOUT_RECORDS = 2  # records of an article that must name an entity for the article to be about it
ANCHOR_EASE = 1.0  # a record naming the question's entity needs this much less margin (the name is evidence)
WORDING_COSINE = 0.4  # part of the wording of a question of several is its evidence only this close to it: "smoking"
# holds "smoke" and "health", 0.61 of "wildfire smoke and health", at a cosine of 0.36 (tobacco bans)
WHOLE_COSINE = 0.5  # a record saying every word of a question of several needs only this cosine with `weak_z` of
# margin: "Privacy Concerns with AI Toys" stands 0.51 from "AI toys", below generic AI concerns (0.54)
COVERAGE_POOL = 400  # candidates (by margin) whose wording is compared with the question's
SAYING_POOL = 200  # the records that say the word a question asks of its entity most (BM25), to calibrate "close to it" by
UNREAD_DEPTH = 10  # nearest records (dense) and best records (BM25) compared to tell whether the model reads the question
SPECIFIC_SHARE = 0.5  # words no record uses holding this share of a topic's wording are what it is about (`_unsaid`)
MOST_SPECIFIC = 0.6  # a word holding this share of a topic's wording is what the topic is about (`most_specific`): of two, the
# rarer by half again ("crypto" of "regulating crypto", 0.64; not "rejecting" of "rejecting smartphones", 0.51)
TERM_DEPTH = 200  # BM25's best for a field's term, among which the records that write it are found
MIN_SAYING = 3  # fewer records saying it cannot calibrate "close to it"; three can ("overtourism")
SAYING_PERCENTILE = 10  # a tied record as close to the word as nine in ten of them speaks of it
UNNAMED_RECORDS = 200  # tied records read again without the entity's name when the name reads as the word asked of it
CORE_RECORDS = 2  # strong matches that make an article about the question (its other records rise with it)
CORE_ARTICLES = 10  # at most this many such articles lift their records


def node_filter(plan: QueryPlan) -> NodeFilter:
    return NodeFilter(
        kinds=tuple(plan.kinds) or None,
        min_relevancy=plan.min_relevancy,
        max_relevancy=plan.max_relevancy,
        since=plan.since,
        until=plan.until,
    )


@dataclass
class Scored:
    """Every candidate of one question with its evidence, best first."""

    order: list[str]
    fused: dict[str, float]
    dense: dict[str, float] = field(default_factory=dict)  # cosine to the question itself
    lexical: dict[str, float] = field(default_factory=dict)
    z: dict[str, float] = field(default_factory=dict)  # margin over the question's background, in spreads
    anchor: dict[str, str] = field(default_factory=dict)  # direct / article / related
    placed: str = ""  # the question places its entities in one another: "together" (direct and article records are tied
    # to all of them) or "apart" (nothing is, so they are tied to one); or "unmet": nothing tied to its entity speaks of
    # the one thing it asks of it (`_spoken_of`)
    strict: bool = False  # only records tied to the question's entity can be strong matches
    entity_only: bool = False  # strict, and nothing else in the question delimits what is asked ("GLP-1 signals")
    coverage: dict[str, float] = field(default_factory=dict)  # share of the question's specific wording held
    summaries: dict[str, float] = field(default_factory=dict)  # article id -> its summary's cosine to the question
    best: float = 0.0  # the best margin among records with evidence
    best_partial: bool = False  # ...and that record holds part of the question's wording only (`_holds_all`)
    best_anchored: float = 0.0  # the best margin among records tied to the question's entity
    best_focus: float = 0.0  # the best margin over the focus's background among the tied records (with `anchor_z` of their own)
    article_of: dict[str, str] = field(default_factory=dict)  # node id -> article id
    focus_z: dict[str, float] | None = None  # anchored record -> its margin over the background of the question minus its entity
    speaks: set[str] | None = None  # the tied records that speak of the one word asked of the entity (`_speaking`); None: no test
    one_word: float = 0.0  # the largest share of the question's wording one of its several terms holds: wording evidence holds more
    one_term: bool = False  # the question's wording is one term, no topic word, that the model misreads: saying it is evidence (`_says_it`)
    as_written: set[str] = field(default_factory=set)  # records as close to what the corpus means by words the model cannot read as those that say them (`as_written`)
    said: set[str] = field(default_factory=set)  # records that say every word of the question as written, not only its stems (`_said`)
    phrased: set[str] = field(default_factory=set)  # ...of them, those that say its words as one phrase, in its order (`_said`)
    focus_said: set[str] | None = None  # records holding a word of the question's topic without the entity's names; None: no entity
    named_one: set[str] = field(default_factory=set)  # records named for the question's one word, `weak_z` above its background (`_named_for`)
    opposed: set[str] = field(default_factory=set)  # records whose names move what is asked the other way (`direction.opposed`)
    moves: set[str] = field(default_factory=set)  # records named for the topic moving as asked: either way, the way asked, or against it (`_moves`)
    held: set[str] = field(default_factory=set)  # ...against it: those of `moves` named for what holds it back, after those named for its moving
    elsewhere: set[str] = field(default_factory=set)  # records naming another setting for the topic than the one asked (`elsewhere`), or another compound of its modifier (`other_compounds`)
    unsaid: bool = False  # most of the topic is words no record uses: the model's reading of the rest is no evidence unless sure (`_unsaid`)
    head_only: set[str] = field(default_factory=set)  # records holding a two-word term's head without its modifier: their meaning must be sure (`head_only_records`)
    term_alone: set[str] = field(default_factory=set)  # records holding one term of a question the corpus says whole, and reading as that term alone (`term_alone_records`)
    timings: dict[str, float] = field(default_factory=dict)


def retrieve(plan: QueryPlan, index: SearchIndex, settings: RetrievalSettings, k: int, *, page: int | None = None) -> Ranked:
    """The page of best records for the plan (strong matches first; weaker ones after them, one
    page on), and the next page as `more`; nothing when the filters admit nothing."""
    page = page or plan.page
    if plan.entities:
        plan = plan.model_copy(update={"entities": anchoring(plan.entities, index)})
    flt = node_filter(plan)
    if plan.undated_span is not None:
        flt = replace(flt, article_ids=undated_or_within(index, *plan.undated_span))
    matched = index.count(flt)
    notes = filter_notes(flt, index)
    if matched == 0:
        return Ranked(matched=0, notes=notes)
    if not plan.query.strip():
        order, _ = browse(index, flt)
        scored = Scored(order=order, fused=dict.fromkeys(order, 0.0))
        strong = len(order)
    else:
        scored = score(plan, index, settings, flt)
        if plan.excluded:  # "but not cheating": what speaks to it is not shown
            out = left_out(plan, scored.order, index)
            evident = sum(1 for i in out if is_strong(i, scored, settings) or scored.z.get(i, -99.0) >= settings.weak_z)
            notes = [*notes, left_out_note(evident, plan)]
            if out:
                scored.order = [i for i in scored.order if i not in out]
        strong = sum(1 for i in scored.order if is_strong(i, scored, settings))
    weak_floor = [i for i in scored.order[strong:] if scored.z.get(i, settings.weak_z) >= settings.weak_z]
    strong_ids = scored.order[:strong]
    held = None
    # "Bitcoin mining" with no record naming Bitcoin with mining: the name still says which mining
    # (`name_parts`), and what speaks to both parts is the evidence; the fitted floor, which judges
    # the records against the best match on mining alone, took three of the four records on crypto
    # mining away, so it does not judge them
    texts = name_parts(plan) if plan.query.strip() and scored.placed == "unmet" and not scored.strict else []

    def parts_first(strong_ids: list[str], weak_floor: list[str]) -> tuple[list[str], list[str], PartsHeld | None]:
        started = time.perf_counter()
        strong_ids, alone, held = by_parts(plan, strong_ids, index, flt, is_topic_word=lambda phrase: topic_word(phrase, index), shown=k, texts=texts or None)
        scored.timings["parts"] = _ms(started)
        return strong_ids, alone + weak_floor, held

    if texts and strong_ids:
        strong_ids, weak_floor, held = parts_first(strong_ids, weak_floor)
    if settings.learned_order and plan.query.strip() and not (texts and held and held.held == len(strong_ids)):
        strong_ids, demoted = floor_strong(strong_ids, weak_floor, scored, settings, index)
        weak_floor = order_weaker(strong_ids, demoted + weak_floor, scored, settings, index)
    if plan.query.strip() and not scored.strict and strong_ids and not texts:
        strong_ids, weak_floor, held = parts_first(strong_ids, weak_floor)
    strong = len(strong_ids)
    # a record placing the topic in another setting is the last of the weaker matches too: what
    # speaks of the circular economy at large comes before "Circular Economy in Construction"
    weak_floor = [i for i in weak_floor if i not in scored.elsewhere] + [i for i in weak_floor if i in scored.elsewhere]
    strong_ids = downsides_first(plan.topics, strong_ids, index)
    strong_ids = countering_first(plan.resolved or plan.question, plan.topics, strong_ids, index)
    if scored.phrased:
        # a record strong only for saying the question's words as one phrase ("Quasicrystals
        # Applications ... in carbon capture") comes after those strong on their own: it fills a
        # narrow answer (ultra-processed foods) and waits behind a full page
        unphrased = replace(scored, phrased=set())
        late = {i for i in strong_ids if i in scored.phrased and not is_strong(i, unphrased, settings)}
    else:
        late = set()
    ranked_strong = _diversified([i for i in strong_ids if i not in late], index, settings) + _diversified([i for i in strong_ids if i in late], index, settings)
    if plan.where:
        ranked_strong = places_first(ranked_strong, index)
    ranked_ids = ranked_strong + _diversified(weak_floor, index, settings)
    total = len(ranked_ids)

    first = min(strong, k) if strong else min(WEAK_SHOWN, total)
    start = 0 if page == 1 else first + (page - 2) * k
    size = first if page == 1 else k
    shown, following = ranked_ids[start : start + size], ranked_ids[start + size : start + size + k]
    hits = _hits(shown, scored, index, strong_ids=set(strong_ids))
    more = _hits(following, scored, index, strong_ids=set(strong_ids))
    return Ranked(
        hits=with_corroboration(hits, index),
        more=more,
        matched=matched,
        total=total,
        strong=strong,
        offset=start,
        notes=notes,
        parts=held,
        placed=scored.placed,
        timings_ms=scored.timings,
    )


PLACES_POOL = 100  # strong matches read for the places they name, when a question asks where


def places_first(ids: list[str], index: SearchIndex) -> list[str]:
    """For a question that asks where ("Which countries are investing in semiconductor
    manufacturing?"): of the first `PLACES_POOL` strong matches, those that name a place (as the
    answer's line on places reads them: `compose.places_line`) first, so the places are among what
    is shown; the order otherwise kept, and nothing left out."""
    pool = ids[:PLACES_POOL]
    records = index.records(pool)
    named = {i for i in pool if i in records and places_named(records[i].fields())}
    return [i for i in ids if i in named] + [i for i in ids if i not in named]


def undated_or_within(index: SearchIndex, since: date | None, until: date | None) -> frozenset[str]:
    """The articles that carry no date or are dated within since..until."""
    dated, within = index.article_dates(), index.article_dates(since, until)
    return frozenset(a for a in index.article_ids() if a not in dated or a in within)


def is_strong(node_id: str, scored: Scored, settings: RetrievalSettings) -> bool:
    """Strong evidence: the record stands `strong_z` spreads above the question's background (or
    less when it is as close as `sure_cosine` or holds both its meaning and its wording:
    `clears_margin`), it carries the question's meaning (a cosine of `meaning_cosine`) or its
    wording (a share `meaning_coverage` of the question's specific terms: the model alone matches
    on word pieces, "overtourism" on "Overemphasis", and a question on something the corpus never
    mentions has only such matches), and it has at least `relative_z` of the best such match's
    margin (a narrow topic inside a broad one: stablecoins among cryptocurrencies). A record tied
    to the question's entity needs `ANCHOR_EASE` less margin but must stand `weak_z` above the
    background of the question without the entity's name (naming Gen Z is no evidence of news
    consumption); when the question is about little more than its entity, only such records
    qualify (margin `anchor_z`): an escalation elsewhere is not one in Estonia. Among them, those
    with `relative_z` of the best tied margin, and those that carry the question's one remaining
    word as well (its own margin, `scored.focus_z`): naming Estonia lifts a record's margin
    whatever it is about. Either way, when the question asks one word of its entity, only the tied
    records that speak of it (`_speaking`: they say it or stand as close to it as the records that
    do) qualify, a word too common to delimit by its margin too ("What is Japan doing about AI?"),
    unless it names a kind of record ("risks"). When nothing but the entity is asked about ("GLP-1 signals"), every
    record that names it with `anchor_z` of margin qualifies, whatever else it is about ("a surge
    in cosmetic surgery among GLP-1 users"), and with any margin when the model cannot read the name."""
    if node_id in scored.opposed:
        return False  # "Rising EV Sales" is no evidence of a slowdown in EV sales
    if node_id in scored.moves:
        return True  # "Are EV sales slowing down?": "Declining EV Sales Forecast" answers it
    if node_id in scored.elsewhere:
        return False  # "Microplastics in Retinas" is no evidence of microplastics in drinking water
    z = scored.z.get(node_id, -99.0)
    anchored = scored.anchor.get(node_id) in ("direct", "article")
    if scored.entity_only and scored.anchor.get(node_id) == "direct" and (scored.speaks is None or node_id in scored.speaks):
        # naming the entity is the evidence asked for, with `anchor_z` of margin ("New York City",
        # not the New York Times); or whatever the margin when the model cannot read the name at
        # all (nothing tied to it stands even `weak_z` above the background: "the WHO" embeds as "who")
        if z >= settings.anchor_z or scored.best_anchored < settings.weak_z:
            return True
    if scored.strict:
        if not anchored or z < settings.anchor_z:
            return False
        if _names_all(node_id, scored, settings):
            return True  # it names the entity and says the rest ("Baidu competes with Waymo and Tesla in the robotaxi space")
        if scored.speaks is not None and node_id not in scored.speaks:
            return False  # naming Tesla lifts the Cybertruck's margin over "Tesla robotics"; it says nothing of robots
        if z >= settings.relative_z * scored.best_anchored:
            return True
        # the entity's name lifts the margin of every record naming it, so a record tied to the
        # entity through its article also qualifies by what the question asks of the entity
        # ("escalation"), judged against that word alone
        focus = -99.0 if scored.focus_z is None else scored.focus_z.get(node_id, -99.0)
        if focus < settings.weak_z or focus < settings.relative_z * scored.best_focus:
            return False
        # one word embeds loosely: a record that does not say it needs the margin any tied record
        # needs (camel embryo transfer, of an article on the Gulf, stood 2.2 spreads from "shipping")
        # (saying it is saying a word of the rest of the question: every word of the entity's name is
        # no such word, "International Collaboration in AI Hardware Research" between Saudi Arabia
        # and Singapore says nothing of Saudi megaprojects)
        said = scored.coverage.get(node_id, 0.0) > 0.0 if scored.focus_said is None else node_id in scored.focus_said
        return focus >= settings.strong_z - ANCHOR_EASE or said
    if node_id in scored.as_written and not scored.anchor:
        return True  # as close to what the corpus means by the words as the records that say them
    return _evidence(node_id, scored, settings) and (
        z >= settings.relative_z * scored.best
        or _near_best_focus(node_id, scored, settings)
        or _says_it(node_id, scored, settings)
        or _names_all(node_id, scored, settings)
        or _holds_all(node_id, scored)
        or node_id in scored.named_one
    )


def _set_best(scored: Scored, ids: list[str], settings: RetrievalSettings) -> None:
    """The best margin among these records with evidence (`Scored.best`), and whether the record
    that has it holds part of the question's wording only (`Scored.best_partial`)."""
    with_evidence = [i for i in ids if _evidence(i, scored, settings)]
    best = max(with_evidence, key=lambda i: scored.z[i], default=None)
    scored.best = scored.z[best] if best is not None else 0.0
    scored.best_partial = best is not None and scored.coverage.get(best, 0.0) < WHOLE_WORDING


def _holds_all(node_id: str, scored: Scored) -> bool:
    """Whether the record's name or description says every word of a question of several (no one
    of them holds its wording alone; `scored.said`): the best match's margin is no bar to it when
    that match holds part of the wording only ("Social Media Influenced Resale", driving secondhand
    and vintage clothing, stood 5.6 spreads above the background of "secondhand clothing"; the
    best, 8.0, was a record on clothing design). Where the best match holds all of it too, its
    margin is the bar ("remote work": records saying "remote" and "work" apart wait behind those
    on remote work), unless the record says them as one phrase (`scored.phrased`: "Dietary
    Changes", away from ultra-processed foods, stood 6.8 spreads above the background of
    "ultra-processed foods", just short of its share of the best's 9.7; such a record comes after
    those strong on their own, `retrieve`). Words scattered over a signal's other fields are not
    said so ("Pressure on Restaurants" holds "inflation", "food" and "banks" of "inflation food
    banks")."""
    return (scored.best_partial or node_id in scored.phrased) and 0.0 < scored.one_word < WHOLE_WORDING and node_id in scored.said


def _near_best_focus(node_id: str, scored: Scored, settings: RetrievalSettings) -> bool:
    """Whether a record tied to the entity has `relative_z` of the best tied margin over what is
    asked of the entity alone (`scored.focus_z`): naming the entity lifts a record's margin, so the
    best match is one that names it, and a record of its article that does not stands below its
    share of that margin, though it is as close to what is asked ("Meta smart glasses": "Integration
    of AI in Smart Glasses", of the article on Meta's glasses, 7.4 spreads against the best 10.7;
    8.0 from "smart glasses" alone against the best 8.5)."""
    if scored.anchor.get(node_id) not in ("direct", "article") or scored.focus_z is None:
        return False
    focus = scored.focus_z.get(node_id, -99.0)
    return focus >= settings.weak_z and focus >= settings.relative_z * scored.best_focus


def _says_it(node_id: str, scored: Scored, settings: RetrievalSettings) -> bool:
    """Whether the record says the question's one term, one the model reads as something else
    ("overtourism", "rewilding": `_misread`), and stands `weak_z` above its background: the wording
    is the evidence. The model splits such a word into pieces ("over" + "tourism" lands on
    "Overemphasis on ..."), so a record that says it can stand below the margin and the best
    match's share of it."""
    return scored.one_term and scored.coverage.get(node_id, 0.0) >= settings.meaning_coverage and scored.z.get(node_id, -99.0) >= settings.weak_z


def _names_all(node_id: str, scored: Scored, settings: RetrievalSettings) -> bool:
    """Whether the record names the question's entity and says every word of a question of
    several, `weak_z` above its background: the one record on food security in West Africa's cocoa
    farming communities stood 3.5 spreads above the background of "food security in Africa",
    below the share of the best match's margin (a record on food security at large), and its
    closeness to "food security" alone was 1.7 (it speaks of cocoa yields). Its words are the
    evidence asked for."""
    return (
        scored.anchor.get(node_id) == "direct"
        and 0.0 < scored.one_word < WHOLE_WORDING
        and scored.coverage.get(node_id, 0.0) >= WHOLE_WORDING
        and scored.z.get(node_id, -99.0) >= settings.weak_z
    )


def _says_all(node_id: str, scored: Scored, settings: RetrievalSettings) -> bool:
    """Whether the record says every word of a question of several (no one of them holds its
    wording alone), `weak_z` above its background and nearly as close as the meaning bar
    (`WHOLE_COSINE`): "Privacy Concerns with AI Toys" stands 0.51 from "AI toys", below records on
    AI misuse at large (0.54), which say half of it."""
    return (
        0.0 < scored.one_word < WHOLE_WORDING
        and node_id in scored.said
        and scored.dense.get(node_id, -1.0) >= WHOLE_COSINE
        and scored.z.get(node_id, -99.0) >= settings.weak_z
    )


def _said(query: str, ids: list[str], index: SearchIndex) -> tuple[set[str], set[str]]:
    """Of these records (holding every term of the question), those whose name or description
    says each of its words as written, give or take a plural (as a name is mentioned:
    `entities.names_pattern`): the terms are stems, and "accountability" shares one with
    "accountants"; and, of them, those that say the words as one phrase, in the question's order
    ("shifting public diets away from ultra-processed foods")."""
    words = [w[:-1] if len(w) > 3 and w.lower().endswith("s") else w for w in re.findall(r"[\w-]{2,}", query)]
    patterns = [p for w in words if (p := names_pattern([w])) is not None]
    if not ids or not patterns:
        return set(), set()
    phrase = re.compile(r"(?<![\w-])" + r"[\s-]+".join(re.escape(w) + r"(?:s|es)?" for w in words) + r"(?![\w-])", re.I)
    texts = {i: f"{r.name} {r.description or ''}" for i, r in index.records(ids).items()}
    said = {i for i, text in texts.items() if all(p.search(text) for p in patterns)}
    return said, {i for i in said if phrase.search(texts[i])}


def _unsaid(focus: str, index: SearchIndex) -> bool:
    """Whether words no record uses hold most of the topic's wording (`SPECIFIC_SHARE`): what
    "retailers shoplifting" asks is shoplifting, which the corpus never mentions; "sand mafia" in a
    question on illegal sand mining is a small part of it."""
    shares = index.term_shares(focus)
    unused = {term for word in focus.split() if index.document_frequency(word) == 0 and not _form_of(word, index) for term in index.terms(word)}
    return len(shares) > 1 and sum(shares.get(term, 0.0) for term in unused) >= SPECIFIC_SHARE


_DEGREES = (("iest", "y"), ("ier", "y"), ("est", ""), ("er", ""))  # the endings the lexical stemmer keeps ("cheapest")


def _form_of(word: str, index: SearchIndex) -> bool:
    """Whether the word is a degree of one the corpus uses ("cheapest", "safer"): the corpus knows
    the thing, the question asks how much of it. (`document_frequency` reads a word through the
    lexical index's stemmer, so plurals and -ing or -ed forms are already the corpus's words.)"""
    lower = word.lower()
    bases = [lower[: -len(end)] + add for end, add in _DEGREES if lower.endswith(end) and len(lower) > len(end) + 2]
    return any(index.document_frequency(base) > 0 for base in bases)


def _one_term(plan: QueryPlan, anchor: dict[str, str], index: SearchIndex) -> bool:
    """Whether the question's wording is one word of one term, no topic word (`delimits`), and no
    entity's: "e-bikes" is not, as its term is "bike" alone, which a record on cycling holds."""
    return not anchor and bool(_ONE_WORD.fullmatch(plan.query.strip())) and len(index.term_shares(plan.query)) == 1 and delimits(plan.query, index)


def _evidence(node_id: str, scored: Scored, settings: RetrievalSettings) -> bool:
    """Margin and meaning, before the comparison with the best match."""
    anchored = scored.anchor.get(node_id) in ("direct", "article")
    z = scored.z.get(node_id, -99.0)
    cosine, coverage = scored.dense.get(node_id, -1.0), scored.coverage.get(node_id, 0.0)
    if (
        not clears_margin(z, cosine, coverage, settings, ease=ANCHOR_EASE if anchored else 0.0)
        and not _says_it(node_id, scored, settings)
        and not _says_all(node_id, scored, settings)
        and node_id not in scored.named_one
    ):
        return False
    if anchored and scored.focus_z is not None and scored.focus_z.get(node_id, -99.0) < settings.weak_z and not _names_all(node_id, scored, settings):
        return False  # it names the entity but is no evidence for the rest of the question
    if anchored and scored.speaks is not None and node_id not in scored.speaks:
        # it names the entity but not what is asked of it: the name lends it no evidence, so the
        # topic alone must clear the bar
        if scored.focus_z is None or scored.focus_z.get(node_id, -99.0) < settings.strong_z:
            return False
    if node_id in scored.term_alone:
        return False  # "Data Centers" says nothing of cooling them, which records do say
    sure = scored.unsaid or node_id in scored.head_only  # another kind of the term's head: its meaning must be sure
    if carries_meaning(scored.dense.get(node_id, -1.0), scored.coverage.get(node_id, 0.0), settings, one_word=scored.one_word, sure=sure):
        return True
    # a terse row of an article whose summary says what the question asks carries it in context
    return scored.summaries.get(scored.article_of.get(node_id, ""), -1.0) >= meaning_bar(settings, sure=scored.unsaid)


def clears_margin(z: float, cosine: float, coverage: float, settings: RetrievalSettings, *, ease: float = 0.0) -> bool:
    """The record stands `strong_z` spreads (less `ease`) above the question's background; or it
    stands `weak_z` above it and is as close to the question as `sure_cosine`, or carries both its
    meaning and its wording (`meaning_cosine` and `meaning_coverage`). On a topic that runs
    through the corpus ("AI in education", "concerns about AI") the background is wide, and even a
    record that says exactly what is asked stands only two to four spreads above it."""
    if z >= settings.strong_z - ease:
        return True
    return z >= settings.weak_z and (
        cosine >= settings.sure_cosine or (cosine >= settings.meaning_cosine and coverage >= settings.meaning_coverage)
    )


def carries_meaning(cosine: float, coverage: float, settings: RetrievalSettings, *, one_word: float = 0.0, sure: bool = False) -> bool:
    """The record says what the question asks: in meaning (cosine) or in its specific words
    (coverage), more of them than any one word of several holds (`one_word`): "unicorn" is not
    the wording of "unicorn farming", however rare a word it is. Part of a question's wording
    also needs `WORDING_COSINE` of meaning: tobacco records hold "smoke" and "health" of "wildfire
    smoke and health"; a record saying all of it ("bike lanes", "ghost towns"), or the one word
    asked ("chocolate" in a cocoa record), needs none. When most of the question's wording is words
    no record uses (`sure`, `_unsaid`), meaning alone must be as close as `sure_cosine`: "retailers
    shoplifting" stands 0.55 from a record on retailers taking back old electronics."""
    if cosine >= meaning_bar(settings, sure=sure):
        return True
    worded = coverage >= settings.meaning_coverage and coverage > one_word + 1e-9
    return worded and (cosine >= WORDING_COSINE or one_word == 0.0 or coverage >= WHOLE_WORDING)


def meaning_bar(settings: RetrievalSettings, *, sure: bool = False) -> float:
    """The cosine at which a record carries the question's meaning by itself: `meaning_cosine`, or
    `sure_cosine` when most of the question is words no record uses (`_unsaid`)."""
    return settings.sure_cosine if sure else settings.meaning_cosine


def _diversified(ids: list[str], index: SearchIndex, settings: RetrievalSettings) -> list[str]:
    ids = ids[: max(2000, len(ids))]
    article_of = {i: index.article_of_node(i) for i in ids}
    ids = diversify(ids, lambda i: article_of[i], settings.per_article)
    # "What are the wild cards around AI?": twenty articles' "Artificial Intelligence (AI)" filled
    # the page, shown as one row; a statement's near-duplicates beyond a few wait behind the rest
    cluster = index.cluster_labels(ids)
    return diversify(ids, lambda i: cluster.get(i, i), settings.per_cluster)


def _hits(ids: list[str], scored: Scored, index: SearchIndex, *, strong_ids: set[str]) -> list[Hit]:
    records = index.records(ids)
    articles = index.articles([r.article_id for r in records.values()])
    return [
        Hit(
            record=records[i],
            article=articles[records[i].article_id],
            score=round(float(scored.fused.get(i, 0.0)), 6),
            dense=scored.dense.get(i),
            lexical=scored.lexical.get(i),
            strong=i in strong_ids,
            anchor=scored.anchor.get(i),  # type: ignore[arg-type]
        )
        for i in ids
        if i in records
    ]


def score(plan: QueryPlan, index: SearchIndex, settings: RetrievalSettings, flt: NodeFilter) -> Scored:
    """Dense (with pseudo-relevance feedback) and BM25 candidates fused, lifted by article
    summaries and entity anchors; each with its cosine to the question and its margin over the
    question's background. Ordered: entity anchors first (direct mentions, then their articles,
    then neighbours and region), strong evidence before weak, fused score within."""
    timings: dict[str, float] = {}
    started = time.perf_counter()
    question = index.embed_query(plan.query)
    # an acronym's other form, as the corpus defines it: BM25 finds the records that say "UBI"
    # for "universal basic income", and where the model cannot read the acronym as its phrase,
    # the question in the other form is a second wording, a record's evidence the better of the two
    other_form, other = index.spelled(plan.query)
    wordings = [question] + ([index.embed_query(other)] if other else [])
    timings["embed"] = _ms(started)

    started = time.perf_counter()
    dense = _dense(question, index, settings, flt)
    if other:
        dense = _either(dense, _dense(wordings[1], index, settings, flt), settings.candidates)
    timings["dense"] = _ms(started)
    started = time.perf_counter()
    lexical = index.lexical(plan.query, settings.candidates, flt, other_form)
    weights = (settings.dense_weight, 1.0 - settings.dense_weight)
    unread, meaning = as_written(plan, dense, lexical, index, settings, other_form=other_form, everywhere=lexical if flt == NodeFilter() else None, skip=bool(other))
    if unread:
        weights = weights[::-1]  # the model cannot read the question's words: BM25 leads the fusion
    written: set[str] = set()
    if meaning is not None:
        # those as close to what the corpus means by the words as the records that say them are
        # strong matches; where the model cannot read the words at all, the records nearest to that
        # meaning rank first among the model's ("overtourism": tourism pressure, not "Overemphasis
        # on ..."), and where it reads them, its own neighbours keep their places
        by_meaning = index.dense(meaning.vector, settings.candidates, flt)  # its own cosines: no feedback
        written = {i for i, c in by_meaning if meaning.holds(c)}
        if meaning.writing and meaning.coherent:
            written |= meaning.writing & index.admitted(flt)
        dense = _either(dense, by_meaning if unread else [(i, c) for i, c in by_meaning if i in written], settings.candidates)
    fused = weighted_rrf([[i for i, _ in dense], [i for i, _ in lexical]], weights, settings.rrf_k)
    if settings.expansion_terms:
        # Query expansion from corpus statistics: rare terms the best few records share (how
        # the corpus words the topic: "self-driving cars" -> autonomous, vehicle, driver).
        top = sorted(fused, key=lambda i: -fused[i])[:EXPANSION_DEPTH]
        extra = index.related_terms(top, plan.query, settings.expansion_terms)
        if extra:
            lexical = index.lexical(plan.query, settings.candidates, flt, other_form + extra)
            fused = weighted_rrf([[i for i, _ in dense], [i for i, _ in lexical]], weights, settings.rrf_k)
    timings["lexical"] = _ms(started)

    article_similarity: dict[str, float] = {}
    if settings.article_boost and settings.articles:
        started = time.perf_counter()
        best = max((float(index.vector_of(i) @ question) for i, _ in dense[:20]), default=0.0)
        article_similarity = _lift_by_articles(fused, plan, question, best, index, settings, flt)
        timings["articles"] = _ms(started)

    started = time.perf_counter()
    anchor, placed, each = _anchors(plan.entities, index, flt, fused, plan.resolved or plan.question)
    timings["anchors"] = _ms(started)

    # Evidence is judged against the question itself (in either wording), not the feedback-expanded query.
    grounds = [(vector, *background(index, vector, flt)) for vector in wordings]
    lexical_scores = dict(lexical)
    z = _margins(list(fused), grounds, article_similarity, index)
    if settings.article_boost:
        started = time.perf_counter()
        _lift_by_records(fused, z, lexical_scores, plan.query, index, settings, flt)
        z.update(_margins([i for i in fused if i not in z], grounds, article_similarity, index))
        timings["article_evidence"] = _ms(started)
    cosine = index.similarity_to(list(fused), question)
    if other:
        reworded = index.similarity_to(list(cosine), wordings[1])
        cosine = {i: max(c, reworded.get(i, c)) for i, c in cosine.items()}

    focus_z = None
    asks = delimits(plan.focus, index)
    # one word asked of the entity, unless it names a kind ("risks": every concern is about one)
    word_asked = len(plan.focus.split()) == 1 and (asks or not is_kind_word(plan.focus))
    if anchor and (asks or word_asked):
        # The name is evidence of the entity, not of the topic: "how Gen Z consumes news" needs
        # records about news consumption, whatever else they say about Gen Z; and "Japan AI"
        # records on AI, though the word is too common to delimit anything by its margin.
        started = time.perf_counter()
        focus = index.embed_query(plan.focus)
        focus_mean, focus_spread = background(index, focus, flt)
        tied = [i for i in fused if anchor.get(i) in ("direct", "article")]
        closeness, unnamed = _closeness(focus, (focus_mean, focus_spread), tied, plan.entities, index, settings)
        focus_z = {i: (c - focus_mean) / focus_spread for i, c in closeness.items()}
        timings["focus"] = _ms(started)
    anchored = [z[i] for i in fused if anchor.get(i) in ("direct", "article")]
    strict = is_strict(bool(anchor), plan.focus, asks, max(anchored, default=0.0), settings)
    speaks = speaking = None
    if focus_z and word_asked and (asks or strict):
        # only the entity's records that speak of the word asked: as close to it as the records
        # that say it most (a word as common as "AI" or "energy" too)
        speaks = _speaking(plan.focus, focus, anchor, index, floor=focus_mean + settings.weak_z * focus_spread, closeness=closeness if unnamed else None)
        if speaks is not None and not speaks:
            # no tied record says it or stands as close: those of an article about the entity that
            # says it speak of it in context ("Escalation From Airspace Incidents", a concern of the
            # article on GPS jamming over Estonia, when signals are asked for); Canada's sharks do not
            articles = _spoken_of(plan.focus, anchor, index)
            speaks = {i for i in anchor if anchor[i] in ("direct", "article") and index.article_of_node(i) in articles}
            if not placed and not speaks:
                strict, placed = False, "unmet"  # the EU is never named with microplastics: judge its records as any other
    elif focus_z and asks and not word_asked and (word := most_specific(plan.focus, index)):
        # a topic of several words asked of the entity: its tied records must speak of its most
        # specific word too, or carry the topic on their own ("How is the EU regulating crypto?":
        # the EU's cybersecurity legislation is close to "regulating", and MiniLM reads "crypto"
        # near "cyber", but it says nothing of crypto)
        speaking = _speaking(word, index.embed_query(word), anchor, index)
    if not asks and placed != "unmet":
        focus_z = None  # a common word's own margin admits nothing: "AI" is close to half the corpus
    # records tied to the entity first, then the rest by evidence: in a strict question only they
    # can be strong; in another, those of them that carry the rest of the question come first
    # ("What is Google doing with AI agents?": Google's agents before agents in general)
    order = sorted(fused, key=lambda i: (-TIER.get(anchor.get(i, ""), 0) if anchor.get(i) != "related" else 0, -fused[i]))
    if len(each) > 1 and not placed:
        order = _taking_turns(order, anchor, each)
    focused = [focus_z[i] for i in focus_z if z[i] >= settings.anchor_z] if focus_z else []
    scored = Scored(
        order=order,
        fused=fused,
        dense=cosine,
        lexical=lexical_scores,
        z=z,
        coverage=worded(plan, sorted(fused, key=lambda i: -z.get(i, -99.0))[:COVERAGE_POOL], index, anchored=bool(anchor)),
        one_word=wording_share(plan, index),
        one_term=_one_term(plan, anchor, index) and _misread(plan.query, dense, index, settings),
        anchor=anchor,
        placed=placed,
        strict=strict,
        entity_only=strict and not asks,
        best_anchored=max(anchored, default=0.0),
        best_focus=max(focused, default=0.0),
        summaries=article_similarity,
        focus_z=focus_z,
        speaks=speaking if speaks is None else speaks,
        article_of={i: index.article_of_node(i) or "" for i in fused} if article_similarity else {},
        as_written=written,
        unsaid=not other and (_unsaid(plan.focus, index) or _read_otherwise(plan.focus, dense, index)),
        timings=timings,
    )
    near = [i for i in fused if z.get(i, -99.0) >= settings.weak_z]
    scored.named_one = _named_for(plan, near, index)
    if not plan.entities:
        scored.head_only = head_only_records(plan.query, near, index, question) | modifier_only_records(plan.query, near, index)
    if scored.one_term:  # the term said inside another's hyphenated word is not said ("tight-knit" for "knitting")
        holding = [i for i, c in scored.coverage.items() if c > 0.0]
        apart = set(_written_apart(plan.query, holding, index))
        scored.coverage.update({i: 0.0 for i in holding if i not in apart})
    # the wording of the question's topic without the entity's names, read once for both uses below
    on_focus = index.coverage(list(scored.coverage), plan.focus) if plan.focus and plan.entities else {}
    if plan.focus and plan.entities:
        scored.focus_said = {i for i, c in on_focus.items() if c > 0.0}
    # a record that names the entity holds its name: its wording is read on the rest of the
    # question ("Japan's Fertility Crisis" says nothing of "East" or "Asia")
    scored.coverage.update({i: max(c, on_focus.get(i, 0.0)) for i, c in scored.coverage.items() if anchor.get(i) == "direct"})
    if 0.0 < scored.one_word < WHOLE_WORDING:  # only a question of several words can be said whole (`_says_all`)
        # read only the records the rules could admit: every term held, above `weak_z`
        could = [i for i, c in scored.coverage.items() if c >= WHOLE_WORDING and scored.z.get(i, -99.0) >= settings.weak_z]
        scored.said, scored.phrased = _said(plan.query, could, index)
        if not plan.entities:
            scored.term_alone = term_alone_records(plan.query, scored.coverage, scored.dense, scored.z, scored.one_word, index, settings)
    scored.opposed = opposed(plan.query, plan.resolved or plan.question, plan.entity_names, list(fused), index, contrary=plan.contrary)
    if "concern" not in plan.kinds:  # asked for by name, a concern is what is asked
        scored.opposed |= upsides_only(plan.resolved or plan.question, list(fused), index)
    scored.moves, scored.held = _moves(plan, list(fused), z, index, settings)
    if not plan.entities:  # a place named so is the entity anchors' to judge
        scored.elsewhere = elsewhere(plan.resolved or plan.question, plan.topics, list(fused), index)
    scored.elsewhere |= other_compounds(plan.topics, list(fused), index)
    _set_best(scored, list(fused), settings)
    if _topic_apart(plan, scored, settings):
        # Nothing tied to the entity carries the topic asked of it in the question's wording ("remote
        # work in Asia": "Asia" is half of what the records are measured against, and no record on
        # remote work says it). The meaning is then read from the topic alone, so the records on
        # remote work show, those tied to Asia first, the rest labelled as related context.
        started = time.perf_counter()
        alone = index.similarity_to(list(cosine), index.embed_query(plan.focus))
        scored.dense = {i: max(c, alone.get(i, c)) for i, c in cosine.items()}
        scored.coverage = {i: max(c, on_focus.get(i, c)) for i, c in scored.coverage.items()}
        scored.one_word = min(scored.one_word, one_word_share(plan.focus, index))
        _set_best(scored, list(fused), settings)
        if not any(is_strong(i, scored, settings) for i, tier in anchor.items() if tier in ("direct", "article")) and not _named_with(
            plan.focus, anchor, index
        ):
            scored.placed = "unmet"  # the answer says no record names Brazil with AI regulation
        timings["topic"] = _ms(started)
    # stable: strong first, order kept; those strong by what the corpus means by the words alone
    # after those with the question's own evidence ("Synthetic Drugs Dominance" is close to what the
    # records saying "pharma" are about, not the closest match for a pharma client)
    own = replace(scored, as_written=set()) if written else scored
    scored.order = sorted(
        order, key=lambda i: (not is_strong(i, scored, settings), i not in scored.moves, i in scored.held, i in written and not is_strong(i, own, settings))
    )
    if scored.placed == "unmet" and all(e.type != "name" for e in plan.entities):
        return _on_focus_alone(plan, scored, index, settings, flt)
    return scored


def _moves(plan: QueryPlan, ids: list[str], z: dict[str, float], index: SearchIndex, settings: RetrievalSettings) -> tuple[set[str], set[str]]:
    """For a question whether a thing moves ("Are EV sales slowing down?"), the records whose name
    says the topic moves, either way (`direction.names_topic_moving`), `weak_z` above the question's
    background: "Declining EV Sales Forecast" and "Rising EV Sales" answer it, whichever way, where
    records on EV sales that say neither ("Electric Vehicle Delivery Fleet") do not, nor those whose
    name moves something else ("Increased Demand for Electricity", of an article on EV demand). They
    are strong matches and come first; the answer says how many point each way. A question that
    says which way it moves is answered by those named for its moving that way; one that asks what
    goes against it (`QueryPlan.contrary`) by those named for its moving against what is said of
    it, and, against the thing or asked whether it falls, by those named for what holds it back
    (`direction.FRICTION`: the second set, which comes after the first)."""
    names = plan.entity_names
    question = plan.resolved or plan.question
    way = None  # either way, for a question whether it moves
    whether = None if plan.contrary else whether_asked(question, plan.query, names)
    if plan.contrary:
        # what goes against it ("counter-signals to the return-to-office trend"): the records named
        # for its moving against what is said of it ("Office Utilization Decline")
        against = contrary_asked(question, plan.query, names)
        if against is None:
            return set(), set()
        way = against[0]
    elif whether is None:
        # a question that says which way it moves ("Signals on the decline of the office") is answered
        # by the records named for its moving that way ("Office Utilization Decline"), where the topic
        # alone is one word the model reads loosely (Office apps)
        asked = governed(plan.query, question, names)
        if asked is None:
            return set(), set()
        way = asked[0]
    # the words a name must hold to be named for the thing (`direction.moving_words`)
    words = moving_words(question, plan.query, is_actor)
    either = [frozenset(index.terms(" ".join(pair))) for pair in either_of(question, words)]  # "bees or pollinators": one of them
    stems = frozenset(index.terms(" ".join(words))).difference(*either)
    if not stems and not either:
        return set(), set()

    def named(name: str) -> bool:
        terms = frozenset(index.terms(name))
        return stems <= terms and all(terms & pair for pair in either)

    near = {i: r for i, r in index.records([i for i in ids if z.get(i, -99.0) >= settings.weak_z]).items() if named(r.name)}
    moves = {i for i, r in near.items() if names_topic_moving(r.name, plan.query) and (way is None or way.search(r.name))}
    # ...and, against a thing or asked whether it falls, what holds it back ("Remote Work
    # Difficulties", "Cultural Barriers to AI Adoption"; "Dating App Fatigue" for "Is online dating declining?")
    falls = way is DOWN if plan.contrary else whether is not None and whether[0] is DOWN
    held = {i for i, r in near.items() if i not in moves and FRICTION.search(r.name)} if falls else set()
    return moves | held, held


def _on_focus_alone(plan: QueryPlan, scored: Scored, index: SearchIndex, settings: RetrievalSettings, flt: NodeFilter) -> Scored:
    """The answer to a question whose entity nothing tied to it speaks of the topic asked: the
    matches on the topic alone, as the answer's first words say. Searched with the entity's name,
    the topic's records came after those near the name ("carbon capture in Norway": emissions
    from Arctic ecosystems first). Its records are judged as any other (a tie to the place would
    lend them the ease of a tied record, which is what the topic alone does not give). Places only: a
    name is often part of the topic ("a backlash against ESG investing" is not one on investing).
    When nothing clears the bar either way, the question's own weaker rows stay: those near the
    entity hint best (Japan's convenience-store robots, for its staff shortages). When only the
    question with the place's name has strong matches, they are not shown as such: "concerns
    about electric scooters in Berlin" has none on electric scooters, and says so."""
    alone = score(plan.model_copy(update={"query": plan.focus, "entities": []}), index, settings, flt)
    if not any(is_strong(i, s, settings) for s in (alone, scored) for i in s.order[:1]):
        return scored  # nothing clears the bar either way: the weaker rows nearest the entity hint best
    alone.placed = "unmet"
    alone.timings = {**scored.timings, **{f"focus {name}": ms for name, ms in alone.timings.items()}}
    return alone


def worded(plan: QueryPlan, ids: list[str], index: SearchIndex, *, anchored: bool) -> dict[str, float]:
    """The share of the question's wording each record holds (`SearchIndex.coverage`); for a
    question that places one topic in another, a record that holds each part in the corpus's own
    words for it (`parts.part_words`: "healthcare" for "hospitals", "cybersecurity" for
    "cyberattacks") holds all of it: "Cybersecurity in Healthcare Sector" says what "cyberattacks
    on hospitals" asks, in none of its words. A question with an entity is read by its anchors."""
    coverage = index.coverage(ids, plan.query)
    if (asked := asked_downsides(plan.topics)) is not None and (down := downsides(plan.topics, ids, index)):
        # "the downsides of carbon credits": a concern holds the downside by what it is (as a
        # concern holds the challenges a question places a topic in, `parts.holding_all`), so its
        # wording is that of the rest: "Carbon Credit Market Volatility" says all that is asked
        rest = " ".join(w for w in plan.query.split() if w.lower() not in asked.lower().split())
        for i, c in index.coverage(list(down), rest).items():
            coverage[i] = max(coverage.get(i, 0.0), c)
    if not anchored and (reversed_ := _reversed(plan.query, plan.resolved or plan.question, [i for i, c in coverage.items() if c >= WHOLE_WORDING], index)):
        held = max(index.term_shares(plan.query).values(), default=0.0)
        coverage.update(dict.fromkeys(reversed_, held))
    texts = [] if anchored else parts_of(plan, index, is_topic_word=lambda phrase: topic_word(phrase, index))
    if not texts:
        return coverage
    parts = [part_words(t, index, is_topic_word=lambda phrase: topic_word(phrase, index)) for t in texts]
    terms = index.terms_of(ids)
    return {i: 1.0 if all(p.held_by(terms.get(i, frozenset())) for p in parts) else c for i, c in coverage.items()}


SAID_WHOLE = 3  # records saying every word of a question for one term of it alone to be no evidence (`term_alone_records`)


def term_alone_records(
    query: str,
    coverage: dict[str, float],
    dense: dict[str, float],
    z: dict[str, float],
    one_word: float,
    index: SearchIndex,
    settings: RetrievalSettings,
) -> set[str]:
    """When `SAID_WHOLE` records or more, close to the question, hold every word of it, the records
    that hold only its heaviest term (`heaviest_term`) and stand as close to that term alone as to
    the question: they speak of the term, not of what is asked of it. "What technologies are being
    used to cool data centres?": "Data Centers" and "AI Data Centers" stand 0.66 and 0.61 from the
    question, closer than cooling systems, while four records on cooling them say every word."""
    share, term = heaviest_term(query, index)
    if not term or abs(share - one_word) > 1e-9 or _inside_term(term, query, index):
        return set()
    rest = [w for w in query.split() if not set(index.terms(w)) <= set(index.terms(term))]
    if all(map(is_direction, rest)):
        return set()  # which way the term moves is read from the records' words (`direction`): "falling birth rates"
    whole = [i for i, c in coverage.items() if c >= WHOLE_WORDING and dense.get(i, -1.0) >= WORDING_COSINE and z.get(i, -99.0) >= settings.weak_z]
    if len(whole) < SAID_WHOLE:
        return set()
    stems = set(index.terms(term))
    holding = [i for i, c in coverage.items() if 0.0 < c <= share + 1e-9]
    holding = [i for i, terms in index.terms_of(holding).items() if stems <= terms]
    if not holding:
        return set()
    to_term = index.similarity_to(holding, index.embed_query(term))
    return {i for i in holding if to_term[i] >= dense.get(i, -1.0)}


def _inside_term(word: str, query: str, index: SearchIndex) -> bool:
    """Whether a word of the question is one of two that the corpus writes together in
    `TWO_WORD_TERM` records or more: the records holding "fusion" of "nuclear fusion" speak of that
    term (`head_only_records` judges them)."""
    words = query.split()
    return any(
        index.phrase_records(f"{first} {second}") >= TWO_WORD_TERM for first, second in zip(words, words[1:], strict=False) if word in (first, second)
    )


def _reversed(query: str, question: str, ids: list[str], index: SearchIndex) -> set[str]:
    """Of the records holding both words of a two-word topic the question writes as one phrase,
    those that write them the other way round and never as asked: "travel time" is no "time travel",
    a "house boat" no "boat house". The words are then no evidence of the topic; meaning still may
    be. (Words the question writes apart are no phrase: "right to repair" is said as "repair rights".)"""
    words = query.split()
    if len(words) != 2 or not all(w.isalpha() for w in words) or words[0].lower() == words[1].lower() or not ids:
        return set()
    first, second = (re.escape(w.lower()) for w in words)
    # as written, give or take a plural: "thawing permafrost" is "permafrost thaw" in other words
    forward = re.compile(rf"\b{first}(?:s|es)?[\s-]+{second}", re.I)
    if not forward.search(question):
        return set()
    backward = re.compile(rf"\b{second}(?:s|es)?[\s-]+{first}(?:s|es)?\b", re.I)
    texts = {i: f"{r.name}. {r.description or ''}" for i, r in index.records(ids).items()}
    return {i for i, text in texts.items() if backward.search(text) and not forward.search(text)}


def wording_share(plan: QueryPlan, index: SearchIndex) -> float:
    """`one_word_share` of the question's search text; a phrase is one term of it unless the
    question places one topic in another ("facial recognition in schools"): then a record that
    speaks to one part is shown as such, and the answer says that none speaks to both (`parts`)."""
    placed = bool(parts_of(plan, index, is_topic_word=lambda phrase: topic_word(phrase, index)))
    return one_word_share(plan.query, index, phrases=not placed)


def one_word_share(query: str, index: SearchIndex, *, phrases: bool = True) -> float:
    """The largest share of the question's wording one of its terms holds, when it has several;
    two neighbouring words the corpus writes together (`parts.written_together`) are one term: "young
    people" is one thing of "young people bank", however common each of its words."""
    return heaviest_term(query, index, phrases=phrases)[0]


def heaviest_term(query: str, index: SearchIndex, *, phrases: bool = True) -> tuple[float, str]:
    """`one_word_share` and the term that holds it, as the question writes it ("data centers" of
    "cool data centers"); (0.0, "") for a question of one term."""
    shares = index.term_shares(query)
    if len(shares) < 2:
        return 0.0, ""
    words = query.split()
    top = max(shares, key=lambda t: shares[t])
    best, term = shares[top], next((w for w in words if top in index.terms(w)), "")
    if not phrases:
        return best, term
    for first, second in zip(words, words[1:], strict=False):
        stems = [*index.terms(first), *index.terms(second)]
        if len(stems) != 2 or len(set(stems)) != 2 or not set(stems) <= set(shares):
            continue
        share = shares[stems[0]] + shares[stems[1]]
        if best < share < 1.0 - 1e-9 and written_together(f"{first} {second}", index):
            best, term = share, f"{first} {second}"
    return best, term


def most_specific(phrase: str, index: SearchIndex) -> str | None:
    """The word of a phrase of several that holds at least `MOST_SPECIFIC` of its wording (so much
    rarer in the corpus than the rest: "crypto" of "regulating crypto", 0.64), or None: of "grip
    rare earths" no word holds so much ("grip" 0.40), and the rarest is not what it is about."""
    share, word = heaviest_term(phrase, index, phrases=False)
    return word if share >= MOST_SPECIFIC and word else None


def _named_with(focus: str, anchor: dict[str, str], index: SearchIndex) -> bool:
    """Whether a record tied to the entity, or another record of an article that names it, holds
    every word of the topic, or such an article's title, summary or keywords say the topic: then
    the answer cannot say that nothing names the two together, strong match or not."""
    stems = frozenset(index.terms(focus))
    tied = [i for i, tier in anchor.items() if tier in ("direct", "article")]
    articles = sorted({a for i in tied if (a := index.article_of_node(i))})
    held = index.terms_of([*tied, *index.record_ids_of_articles(articles, NodeFilter())])
    if not stems or any(stems <= terms for terms in held.values()):
        return True
    phrase = " ".join(focus.lower().split())
    return bool(set(articles) & index.articles_mentioning([phrase], re.compile(re.escape(phrase), re.IGNORECASE)))


def _topic_apart(plan: QueryPlan, scored: Scored, settings: RetrievalSettings) -> bool:
    """Whether the question asks a topic of several words of an entity the corpus names, and no
    record tied to the entity (naming it, or from an article that does) is a strong match."""
    if not plan.entities or plan.focus.lower() == plan.query.lower():
        return False
    if len(plan.focus.split()) < 2 and scored.placed != "unmet":
        return False
    tied = [i for i, tier in scored.anchor.items() if tier in ("direct", "article")]
    return bool(tied) and not any(is_strong(i, scored, settings) for i in tied)


def is_strict(anchored: bool, focus: str, asks: bool, best_anchored: float, settings: RetrievalSettings) -> bool:
    """Whether the question is about its entity (only records tied to it can be strong matches):
    it names one and asks at most one word of it ("What escalation signals involve Estonia?").
    Not when it asks something and nothing tied to the entity is strong evidence for the
    question ("concerns about American farmers": the corpus's records on the United States are
    about trade, and its records on farmers name no country); then the question is judged as any
    other, where a record naming the entity must still carry the rest of the question."""
    if not anchored or len(focus.split()) > 1:
        return False
    return not asks or best_anchored >= settings.strong_z


def _speaking(
    focus: str, vector: np.ndarray, anchor: dict[str, str], index: SearchIndex, *, floor: float = -1.0, closeness: dict[str, float] | None = None
) -> set[str] | None:
    """The records tied to the entity that speak of the one word the question asks of it: they say
    it, or stand as close to it as nine in ten of the records that say it most do (India's RISC-V
    chips, for "semiconductors"; a word many records say in passing would set no bar). Neither
    margin can tell: the entity's name lifts every record naming it over the whole question (the Cybertruck over "Tesla
    robotics"), and one word embeds loosely (space debris stands four spreads above the background
    of "microplastics", yet further from it than nine in ten of the records that say microplastics).
    When fewer than `MIN_SAYING` records say it there is no closeness to calibrate by: a name
    (written with a capital, as the question asks it) is spoken of only by the tied records that
    say it (two records say "Olympics", and Paris's records on its metro and climate pledges do not
    speak of the Paris Olympics); another word is left to the margins (None: "escalation" is
    spoken of in other words), unless no record says it at all ("quidditch in Japan": none).
    Closeness also needs `floor` (for a word asked alone, its `weak_z` over its background): "therapy" is said in
    passing by so many records that nine in ten of the 200 that say it most stand only 0.14 from it,
    as close as "ChatGPT Game". `closeness` is the tied records' cosine to the word when they were
    read without the entity's name (`_closeness`); with it, closeness over `floor` tells even where
    too few records say the word to calibrate by."""
    saying = [i for i, _ in index.lexical(focus, SAYING_POOL, NodeFilter())]
    stems = frozenset(index.terms(focus))
    if not stems:
        return None
    tied = [i for i, tier in anchor.items() if tier in ("direct", "article")]
    says = {i for i, terms in index.terms_of(tied).items() if stems <= terms}
    if len(saying) < MIN_SAYING:
        if closeness is not None:  # read without the entity's name, closeness tells ("Amazon rainforest": one record says it)
            return says | {i for i in tied if closeness.get(i, -1.0) >= floor}
        named = focus[:1].isupper()
        return says if named or not any(stems <= terms for terms in index.terms_of(saying).values()) else None
    bar = float(np.percentile(list(index.similarity_to(saying, vector).values()), SAYING_PERCENTILE))
    close = closeness if closeness is not None else index.similarity_to(tied, vector)
    return says | {i for i in tied if close.get(i, -1.0) >= max(bar, floor)}


def _closeness(
    vector: np.ndarray, ground: tuple[float, float], tied: list[str], entities: list[EntityRef], index: SearchIndex, settings: RetrievalSettings
) -> tuple[dict[str, float], bool]:
    """Each tied record's cosine to the word asked of the entity, and whether the records were
    read again. The name lends its closeness to every record that says it; when the name the
    question asks about would alone be a strong match for the word with room to spare (`strong_z`
    and the `ANCHOR_EASE` a tied record is given: MiniLM reads "Meta" as "metaverse", "Amazon" as
    "rainforest", at 9.1 and 5.6 spreads; "Germany" stands 3.1 from "hydrogen", "Tesla" 1.4 from
    "robotics"), that closeness is the name's, not the record's. The records that name it are
    read again with its mentions (any of its aliases) masked: the first `UNNAMED_RECORDS` of them;
    the rest stand at the background, no closer than any record; a record tied through its article
    does not say the name. Meta's records on Llama and content moderation then stand 0-3 spreads
    from "metaverse", its record on a digital wallet in the metaverse 5.2."""
    close = index.similarity_to(tied, vector)
    mean, spread = ground
    names = [alias for e in entities for alias in dict.fromkeys([e.name, *e.aliases]) if alias]
    pattern = names_pattern(names)
    if pattern is None or not tied:
        return close, False
    # the name as the question asks it (one vector, kept with the questions'), not each of its
    # aliases: a region's hundred names and demonyms cost 150 ms a question to embed
    lent = max(float(index.embed_query(e.name) @ vector) for e in entities)
    if (lent - mean) / spread < settings.strong_z + ANCHOR_EASE:
        return close, False
    records = index.records(tied)
    texts = {i: f"{r.name}. {r.description or ''}" for i, r in records.items()}
    named = [i for i in tied if i in texts and pattern.search(texts[i])]
    if named[:UNNAMED_RECORDS]:
        masked = index.embed_texts([pattern.sub("it", texts[i]) for i in named[:UNNAMED_RECORDS]]) @ vector
        # the name lends closeness, it takes none away: read without it, a record is no closer
        # ("Germany outlaws combustion fuel cars" without "Germany" reads nearer "coal")
        close.update({i: min(close[i], c) for i, c in zip(named, masked.tolist(), strict=False)})
    close.update(dict.fromkeys(named[UNNAMED_RECORDS:], mean))
    return close, True


def _spoken_of(focus: str, anchor: dict[str, str], index: SearchIndex) -> set[str]:
    """The articles about the entity that say the one thing the question asks of it, in their
    title, summary, keywords or any of their records: when no record tied to the entity speaks
    of it (`_speaking`), the corpus still speaks of the two together through them."""
    stems = frozenset(index.terms(focus))
    articles = {a for i, tier in anchor.items() if tier == "article" and (a := index.article_of_node(i))}
    words = [w for w in dict.fromkeys([focus.lower(), *sorted(stems)]) if len(w) >= 3]
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + ")", re.IGNORECASE)
    spoken = articles & index.articles_mentioning(words, pattern)
    others = index.record_ids_of_articles(sorted(articles - spoken), NodeFilter())
    return spoken | {a for i, terms in index.terms_of(others).items() if stems <= terms and (a := index.article_of_node(i))}


def background(index: SearchIndex, vector: np.ndarray, flt: NodeFilter) -> tuple[float, float]:
    """The question's background (mean and spread of its cosines to the admitted records); with
    too few records to estimate one, the model's typical background instead."""
    if index.count(flt) < MIN_BACKGROUND:
        return PRIOR_BACKGROUND
    return index.background(vector, flt)


def _margins(
    ids: list[str], grounds: list[tuple[np.ndarray, float, float]], article_similarity: dict[str, float], index: SearchIndex
) -> dict[str, float]:
    """Each record's margin over the question's background, in spreads, the better of the
    question's wordings (vector, background mean, spread); its article summary's cosine counts
    when higher: the summary gives terse rows their context."""
    out: dict[str, float] = {}
    for question, mean, spread in grounds:
        for i, c in index.similarity_to(ids, question).items():
            lifted = article_similarity.get(index.article_of_node(i) or "")
            out[i] = max(out.get(i, -99.0), ((max(c, lifted) if lifted is not None else c) - mean) / spread)
    return out


def _unread(query: str, dense: list[tuple[str, float]], lexical: list[tuple[str, float]], index: SearchIndex, settings: RetrievalSettings) -> bool:
    """Whether the model cannot read the question's words: at most one of its `UNREAD_DEPTH`
    nearest records holds any of them, while `MIN_SAYING` or more of BM25's best hold them
    ("rewilding" embeds near imagination exercises)."""
    nearest = [i for i, _ in dense[:UNREAD_DEPTH]]
    best = [i for i, _ in lexical[:UNREAD_DEPTH]]
    if not nearest or not best:
        return False
    held = index.coverage(nearest + best, query)
    holding = sum(1 for i in nearest if held.get(i, 0.0) > 0)
    return holding <= 1 and sum(1 for i in best if held.get(i, 0.0) >= settings.meaning_coverage) >= MIN_SAYING


@dataclass(frozen=True)
class Meaning:
    """What the corpus means by words of a question (`as_written`): the mean of the records that
    say them, and the cosine to it of the least of those (`bar`)."""

    vector: np.ndarray
    bar: float
    coherent: bool  # the records that say the words speak of one thing (`bar` of `meaning_cosine` or more)
    writing: frozenset[str] = frozenset()  # a field's term: the records that write it, each of which speaks of the field

    def holds(self, cosine: float) -> bool:
        """Whether a record this close to the meaning is as close as the records that say the words."""
        return self.coherent and cosine >= self.bar


def as_written(
    plan: QueryPlan,
    dense: list[tuple[str, float]],
    lexical: list[tuple[str, float]],
    index: SearchIndex,
    settings: RetrievalSettings,
    *,
    other_form: tuple[str, ...] = (),
    everywhere: list[tuple[str, float]] | None = None,
    skip: bool = False,
) -> tuple[bool, Meaning | None]:
    """Whether the model cannot read the question's words (`_unread`), and what the corpus means
    by them, or None. The records that say every one of them define them, read over the whole
    corpus whatever kinds or period are asked for (two concerns say "superbugs", six records of
    every kind): the best `UNREAD_DEPTH` when the model cannot read them ("overtourism" is written
    beside tourism pressure and crowds, not "Overemphasis on ..."); all of them when the question
    is one rare word that `UNREAD_DEPTH` records or fewer say ("superbugs" is written beside
    antibiotic resistance, which the model sets 0.2 from it; a common word's best records are a
    sample of one article's usage: "insurance" would be California's insurance pools).
    `MIN_SAYING` records at least; a record holding only "scene" of "tech scene" defines nothing.
    `dense` and `lexical`: the question's nearest and BM25's best under its filter; `everywhere`:
    BM25's best `2 * UNREAD_DEPTH` or more over the whole corpus when at hand (searched with
    `other_form` otherwise, and only when the words are to be defined). `skip`: the question has
    another wording already (an acronym's)."""
    unread = _unread(plan.query, dense, lexical, index, settings)
    rare = not plan.entities and bool(_ONE_WORD.fullmatch(plan.query.strip())) and len(index.term_shares(plan.query)) == 1
    term = None if plan.entities else field_term(plan.query)
    if skip or not (unread or rare or term):
        return unread, None
    if term is not None and not (unread or rare):
        # a field the corpus names by a term ("the future of work", in 37 records): the records that
        # write it define it, and those as close to them speak of the field in other words (work-life
        # balance, AI and jobs) though they do not hold "future"
        # (read once and kept by the index: a scan of the corpus for the phrase takes a tenth of a second)
        written_so = re.compile(r"(?<![\w-])" + r"\s+".join(map(re.escape, term.split())) + r"(?![\w-])", re.I)
        writing = index.mentioning([term], written_so, NodeFilter())
        saying = [i for i, _ in index.lexical(term, TERM_DEPTH, NodeFilter()) if i in writing][:UNREAD_DEPTH]
        if len(saying) < MIN_SAYING:
            return unread, None
        return unread, replace(_meaning_of(saying, index, settings), writing=frozenset(writing))
    if everywhere is None:
        everywhere = index.lexical(plan.query, 2 * UNREAD_DEPTH, NodeFilter(), other_form)
    best = [i for i, _ in everywhere[: 2 * UNREAD_DEPTH]]
    held = index.coverage(best, plan.query)
    saying = _written_apart(plan.query, [i for i in best if held.get(i, 0.0) >= WHOLE_WORDING], index)
    if unread:
        saying = saying[:UNREAD_DEPTH]
    if not MIN_SAYING <= len(saying) <= UNREAD_DEPTH:
        return unread, None
    return unread, _meaning_of(saying, index, settings)


TWO_WORD_TERM = 3  # records that write two words together for them to be a term of the corpus (`head_only_records`)
HEAD_AS_TERM = 0.8  # a head the model reads this close to its term stands for it ("fusion" for "nuclear fusion", 0.84)
TERM_MARGIN = 0.08  # a record this much closer to the term than to its head alone speaks of the term in other words
BOUND_SHARE = 0.5  # a head the corpus writes this often in one two-word term is bound to it (`modifier_only_records`)


def head_only_records(query: str, ids: list[str], index: SearchIndex, term: np.ndarray) -> set[str]:
    """For a question that is one two-word term of the corpus ("sustainable fashion", written
    together in `TWO_WORD_TERM` records or more), the records that hold its head without its
    modifier and stand as close to the head alone as to the term: they speak of another kind of
    the head ("Rise of Anti-Surveillance Fashion", 0.60 from "sustainable fashion" and 0.62 from
    "fashion"; "Waste Reduction Innovations" for food waste), so their meaning counts only when
    sure (`sure_cosine`: "Closed-Loop Fashion Design" stands 0.70 from the term). A record closer
    to the term by `TERM_MARGIN` says it in other words ("Environmental Impact of Deep-Sea Mining"
    for seabed mining: 0.65 against 0.40 from "mining"; "Self-Driving Cars" for driverless cars).
    Nothing when the model reads the head alone as the term ("unions" for "labor unions"). A record
    holding the modifier alone is left to the other evidence ("Electric Air Taxis" for air travel).
    `term` is the question's vector."""
    words = query.split()
    if len(words) != 2 or not ids:
        return set()
    modifier, head = (index.terms(w) for w in words)
    if len(modifier) != 1 or len(head) != 1 or modifier == head or index.phrase_records(query) < TWO_WORD_TERM:
        return set()
    holding = [i for i, terms in index.terms_of(ids).items() if head[0] in terms and modifier[0] not in terms]
    alone = index.embed_query(words[1])
    if not holding or float(alone @ term) >= HEAD_AS_TERM:
        return set()
    to_term, to_head = index.similarity_to(holding, term), index.similarity_to(holding, alone)
    return {i for i in holding if to_term[i] - to_head[i] < TERM_MARGIN}


def modifier_only_records(query: str, ids: list[str], index: SearchIndex) -> set[str]:
    """For each two words of the question that the corpus writes as one term binding its head
    (`BOUND_SHARE` of the records holding the head write the term: 16 of the 23 holding "pump" say
    "heat pumps"), the records that hold the modifier without the head and stand closer to the
    modifier alone than to the term by `TERM_MARGIN`: "Health Risks from Heat" (0.56 from "risks of
    heat pumps"; 0.50 from "heat", 0.37 from "heat pumps") speaks of heat, not of heat pumps, so
    its meaning counts only when sure (`sure_cosine`). One as close to both speaks of the term at
    large ("Rising Affordability of Solar Technologies": 0.59 from "solar", 0.57 from "solar
    panels"). A head the corpus writes in many terms ("apps" of "dating apps", "crisis" of "housing
    crisis") binds nothing: "AI Dating Copilots" is about dating apps; nor does a modifier the
    corpus writes mostly in the term ("Coral Larvae Navigation via Sound" is about coral reefs)."""
    words = re.findall(r"[^\W_]+(?:-[^\W_]+)*", query)
    found: set[str] = set()
    for first, second in zip(words, words[1:], strict=False):
        modifier, head = index.terms(first), index.terms(second)
        if len(modifier) != 1 or len(head) != 1 or modifier == head:
            continue
        other = second[:-1] if second.lower().endswith("s") else second + "s"
        written = index.phrase_records(f"{first} {second}") + index.phrase_records(f"{first} {other}")
        if written < TWO_WORD_TERM or written < BOUND_SHARE * index.document_frequency(second) or written >= BOUND_SHARE * index.document_frequency(first):
            continue  # no term; a head written in many; or a modifier written mostly in it ("coral" of "coral reefs")
        holding = [i for i, terms in index.terms_of(ids).items() if modifier[0] in terms and head[0] not in terms]
        if not holding:
            continue
        term, alone = index.embed_query(f"{first} {second}"), index.embed_query(first)
        to_term, to_modifier = index.similarity_to(holding, term), index.similarity_to(holding, alone)
        found |= {i for i in holding if to_modifier[i] - to_term[i] >= TERM_MARGIN}
    return found


def _named_for(plan: QueryPlan, ids: list[str], index: SearchIndex) -> set[str]:
    """For a question about one word that delimits (not a topic word, no entity: "What are the
    concerns about robots?"), the records whose name says it: the model reads a concern on
    "Autonomous Control of Robots" 0.53 from "robots", 3.8 spreads above a background that every
    record on technology shares, and the name is the evidence."""
    word = plan.query.strip()
    if plan.entities or not _ONE_WORD.fullmatch(word) or topic_word(word, index):
        return set()
    stems = set(index.terms(word))
    if not stems:
        return set()
    return {i for i, r in index.records(ids).items() if stems <= set(index.terms(_outside_compounds(r.name, word)))}


def _written_apart(query: str, ids: list[str], index: SearchIndex) -> list[str]:
    """Of these records (holding every term of the query), those that hold them outside a
    hyphenated word the query does not write: "tight-knit communities" hold "knit" of "knitting",
    and five such records made communities what the corpus means by knitting."""
    terms = set(index.terms(query))
    return [i for i, r in index.records(ids).items() if terms <= set(index.terms(_outside_compounds(r.fields(), query)))]


_COMPOUND = re.compile(r"\w+(?:-\w+)+")


def _outside_compounds(text: str, query: str) -> str:
    """The text without the hyphenated words the query does not write ("tight-knit"; the query's
    own "e-commerce" stays)."""
    own = {w.lower() for w in _COMPOUND.findall(query)}
    return _COMPOUND.sub(lambda m: m.group(0) if m.group(0).lower() in own else " ", text)


def _meaning_of(saying: list[str], index: SearchIndex, settings: RetrievalSettings) -> Meaning:
    """The mean of the records that say the words, and the cosine to it of the least of them."""
    vectors = np.stack([index.vector_of(i) for i in saying])
    centre = vectors.mean(axis=0)
    centre = np.asarray(centre / np.linalg.norm(centre), dtype=np.float32)
    bar = float((vectors @ centre).min())
    return Meaning(centre, bar, bar >= settings.meaning_cosine)


def _misread(query: str, dense: list[tuple[str, float]], index: SearchIndex, settings: RetrievalSettings) -> bool:
    """Whether the model reads the question as something else: fewer than half of its
    `UNREAD_DEPTH` nearest records hold its wording ("rewilding": one of ten; "coffee": ten)."""
    nearest = [i for i, _ in dense[:UNREAD_DEPTH]]
    held = index.coverage(nearest, query)
    return 2 * sum(1 for i in nearest if held.get(i, 0.0) >= settings.meaning_coverage) < len(nearest)


def _read_otherwise(query: str, dense: list[tuple[str, float]], index: SearchIndex) -> bool:
    """Whether the model reads a word of the question that the corpus barely uses (fewer than
    `MIN_SAYING` nodes) as something else: none of its `UNREAD_DEPTH` nearest records holds a word
    of the question ("agri-tech", "agri" in one node, stood 0.61 from "Artificial General
    Intelligence (AGI)", and ten such records were its nearest). Its reading is then no evidence
    unless sure, as of words no record uses (`_unsaid`). A reading of common words in other words
    is the corpus's ("the clutter of junk in orbit": "Increasing Space Debris")."""
    nearest = [i for i, _ in dense[:UNREAD_DEPTH]]
    if len(nearest) < UNREAD_DEPTH or not any(0 < index.document_frequency(word) < MIN_SAYING for word in index.terms(query)):
        return False
    return not any(index.coverage(nearest, query).values())


def _either(first: list[tuple[str, float]], second: list[tuple[str, float]], n: int) -> list[tuple[str, float]]:
    """Two dense rankings as one: each record at its better cosine, the best `n`."""
    best = dict(first)
    for i, c in second:
        best[i] = max(c, best.get(i, -1.0))
    return sorted(best.items(), key=lambda item: -item[1])[:n]


def _lift_by_records(
    fused: dict[str, float],
    z: dict[str, float],
    lexical: dict[str, float],
    query: str,
    index: SearchIndex,
    settings: RetrievalSettings,
    flt: NodeFilter,
) -> None:
    """Article-level evidence from the records themselves: an article with several strong
    matches (margin and words in common) is about the question, so its other records (terse rows
    that do not repeat the topic's words) join the candidates, and all of them rise with the
    article's rank, as records rise with a matching article summary. Words in common: the record
    is among BM25's best (with the query's expansion terms), or holds a word of the question
    itself; on a topic of common words ("privacy and security risks") BM25's best are only the
    records that say them most often."""
    margins = {i: margin for i, margin in z.items() if margin >= settings.strong_z}
    wording = index.coverage(list(margins), query)
    strength: dict[str, list[float]] = {}
    for i, margin in margins.items():
        if lexical.get(i) or wording.get(i):
            strength.setdefault(index.article_of_node(i) or "", []).append(margin)
    core = sorted(
        (a for a, margins in strength.items() if a and len(margins) >= CORE_RECORDS),
        key=lambda a: -sum(sorted(strength[a], reverse=True)[:CORE_RECORDS]),
    )[:CORE_ARTICLES]
    for rank, article_id in enumerate(core, start=1):
        lift = settings.article_boost / (settings.rrf_k + rank)
        for record_id in index.record_ids_of_articles([article_id], flt):
            fused[record_id] = fused.get(record_id, 0.0) + lift


def meaning_of(plan: QueryPlan, index: SearchIndex, settings: RetrievalSettings, flt: NodeFilter) -> Meaning | None:
    """What the corpus means by the question's words, as a lookup reads it (`as_written`), for
    answers that judge records by other means (counts)."""
    other_form, other = index.spelled(plan.query)
    dense = _dense(index.embed_query(plan.query), index, settings, flt)
    lexical = index.lexical(plan.query, UNREAD_DEPTH, flt, other_form)
    return as_written(plan, dense, lexical, index, settings, other_form=other_form, skip=bool(other))[1]


def _dense(question: np.ndarray, index: SearchIndex, settings: RetrievalSettings, flt: NodeFilter) -> list[tuple[str, float]]:
    if not settings.feedback_weight:
        return index.dense(question, settings.candidates, flt)
    # Pseudo-relevance feedback: the best few records pull the question towards how the corpus
    # words the topic (terse rows rarely echo the question's own words). The expanded query
    # re-scores a deep pool of the first pass rather than the whole index.
    pool = index.dense(question, settings.candidates * FEEDBACK_POOL, flt)
    if not pool:
        return []
    top = np.mean([index.vector_of(i) for i, _ in pool[: settings.feedback_depth]], axis=0)
    expanded = question + settings.feedback_weight * top
    rescored = index.similarity_to([i for i, _ in pool], expanded / np.linalg.norm(expanded))
    return sorted(rescored.items(), key=lambda item: -item[1])[: settings.candidates]


def anchoring(entities: list[EntityRef], index: SearchIndex) -> list[EntityRef]:
    """The entities that can anchor an answer: a name that most records mention ("AI") is a topic
    word, not an anchor, and so is an acronym the corpus defines as a thing, not a name ("EV":
    electric vehicles; `_term`). A name is also mentioned by the other forms the corpus writes it
    in (`_other_forms`)."""
    out = []
    most = int(ANCHOR_SHARE * len(index))  # records a name may be in and still be one thing
    for entity in entities:
        if entity.type != "name":
            out.append(entity)
            continue
        pairs = _defined(entity.name, index)
        if topic_word(entity.name, index) or _term(entity.name, pairs, index, most):
            continue
        extra = _other_forms(entity.name, pairs, index, most)
        out.append(entity.model_copy(update={"aliases": list(dict.fromkeys([*entity.aliases, *extra]))}))
    return out


def _defined(name: str, index: SearchIndex) -> list[tuple[str, str]]:
    """The (acronym, phrase) pairs the corpus defines that the name is one form of ("SMRs": SMR,
    small modular reactors), not those of a name holding one ("Tesla AI")."""
    single = _singular(name.lower())
    return [(a, p) for a, p, _ in index.acronyms_in(name).pairs if single in (a.lower(), _singular(p))]


def _term(name: str, pairs: list[tuple[str, str]], index: SearchIndex, most: int) -> bool:
    """Whether a name is an acronym the corpus defines as a phrase it writes in lower case: a kind
    of thing ("EV": electric vehicles, "UBI", "VR"), which records say in their own words, not one
    body ("ICC": the International Criminal Court). Anchored on the acronym, "a slowdown in EV
    adoption" was answered by the records that write "EV", and then without EV at all."""
    phrases = [p for a, p in pairs if a.lower() == _singular(name.lower())]
    return bool(phrases) and all(written_in_lower_case(p, index, most) for p in phrases)


def _other_forms(name: str, pairs: list[tuple[str, str]], index: SearchIndex, most: int) -> list[str]:
    """The other ways the corpus writes a name: the other form of an acronym or phrase it is
    (`_defined`: "SMRs": "small modular reactors"); else its singular where the corpus writes that
    as a name ("Olympic" for the Olympics, "Houthi"); else a person's last name written alone
    ("Trump")."""
    if pairs:
        return [form for pair in pairs for form in pair]
    if re.search(r"[a-z]s$", name) and written_as_name(_singular(name), index, most, least=2):
        return [_singular(name)]
    last = last_name(name, index, most)
    return [last] if last else []


def _singular(name: str) -> str:
    """A name without its plural or possessive ending ("SMRs", "BCI's")."""
    return re.sub(r"(?:['’]s|s)$", "", name)


def delimits(focus: str, index: SearchIndex) -> bool:
    """Whether the question asks something of its entity beyond naming it: the rest of its words
    ("escalation", "deepfakes in elections"), unless that is one word as common as a topic word
    ("risks": every concern is about a risk)."""
    words = focus.split()
    return len(words) > 1 or (len(words) == 1 and not topic_word(focus, index))


def topic_word(phrase: str, index: SearchIndex) -> bool:
    """Whether more of the records hold the phrase than `ANCHOR_SHARE` (at least 200): then it
    names a topic, not one thing ("AI"), and delimits nothing ("risks")."""
    return index.document_frequency(phrase) > max(200, ANCHOR_SHARE * len(index))


def _anchors(
    entities: list[EntityRef], index: SearchIndex, flt: NodeFilter, fused: dict[str, float], question: str
) -> tuple[dict[str, str], str, list[set[str]]]:
    """Each candidate's tie to the question's entities: the record mentions one (direct), its
    article does in its title, summary, keywords or another record (article), or it mentions a
    neighbour or the region (related). Records that mention an entity join the candidates. When
    the question places its entities in one another ("China in the Arctic") and some records are
    tied to all of them, only those are tied to the question; the records tied to one of them are
    related context. Entities joined as a list ("the Houthis and the Red Sea") ask about either.
    Also says how a question that places its entities was read: "together" (records tied to all
    of them lead), "apart" (nothing ties them together, so records tied to either do), or "";
    and the records tied to each entity, in the question's order."""
    if not entities:
        return {}, "", []
    tiers: dict[str, str] = {}
    each: list[set[str]] = []  # the records tied to each entity
    everything = replace(flt, kinds=None, min_relevancy=None)
    for entity in entities:
        found = Entity.of(entity)
        direct = found.mentioned(index, flt)
        if len(direct) > ANCHOR_POOL:
            direct = set(sorted(direct)[:ANCHOR_POOL]) | (direct & set(fused))
        tied = set(direct)
        for i in sorted(direct):  # the same order in every process (a set's order follows the hash seed)
            tiers[i] = "direct"
            fused.setdefault(i, 0.0)
        about = _articles_about(entity, index, everything)
        if len(about) <= ANCHOR_POOL:
            for i in index.record_ids_of_articles(sorted(about), flt):
                tiers.setdefault(i, "article")
                fused.setdefault(i, 0.0)
                tied.add(i)
        each.append(tied)
    ties = Counter(i for tied in each for i in tied)  # how many of the entities each record is tied to
    # tied to all of them within one article that names them together (in its title, summary or
    # keywords, or in one record): an article on Chinese science fiction that also covers
    # Afrofuturism says nothing of China in Africa
    together = placed_together(entities, index, question)
    joined = {i for i in tiers if ties[i] == len(entities) and (index.article_of_node(i) or "") in (together or ())}
    if joined:
        tiers = {i: tier if i in joined else "related" for i, tier in tiers.items()}
    placed = "" if together is None else "together" if joined else "apart"
    patterns = [p for e in entities if (p := Entity.of(e).related_pattern()) is not None]
    if patterns:
        rest = [i for i in fused if i not in tiers]
        for record_id, record in index.records(rest).items():
            text = f"{record.name} {record.description}"
            if any(p.search(text) for p in patterns):
                tiers[record_id] = "related"
    return tiers, placed, each


def _taking_turns(order: list[str], anchor: dict[str, str], each: list[set[str]]) -> list[str]:
    """Entities asked about as a list ("OpenAI and Microsoft", "the Houthis and the Red Sea")
    take turns among the records tied to them: within a tier, records tied to more of them
    first, then the best of each entity's, the second best of each, and so on; one entity's
    twenty records no longer hide the other's. Other records keep their place after them."""
    held = Counter(i for tied in each for i in tied if anchor.get(i) in ("direct", "article"))
    turn: dict[str, int] = {}
    for tied in each:
        seen: Counter[str] = Counter()
        for i in order:
            if i in tied and held[i] == 1:
                turn[i] = seen[anchor[i]]
                seen[anchor[i]] += 1
    position = {i: n for n, i in enumerate(order)}
    return sorted(order, key=lambda i: (-TIER.get(anchor.get(i, ""), 0) if held[i] else 0, -held[i], turn.get(i, 0), position[i]))


def placed_together(entities: list[EntityRef], index: SearchIndex, question: str) -> set[str] | None:
    """When the question places its entities in one another ("China in Africa", not "the Houthis
    and the Red Sea"): the articles that name all of them in one place (their title, summary or
    keywords, or one of their records). None when it names fewer than two or lists them."""
    if len(entities) < 2 or coordinated(question, [tuple(e.aliases) for e in entities]):
        return None
    found = [Entity.of(e) for e in entities]
    everything = NodeFilter()
    in_articles = set.intersection(*(f.mentioned_in_articles(index) for f in found))
    in_records = set.intersection(*(f.mentioned(index, everything) for f in found))
    return in_articles | {index.article_of_node(i) or "" for i in in_records}


def tied_to(entities: list[EntityRef], index: SearchIndex, flt: NodeFilter) -> set[str]:
    """The admitted records tied to one of the entities: they name it, or their article is about
    it (a lookup's "direct" and "article" ties)."""
    everything = replace(flt, kinds=None, min_relevancy=None)
    tied: set[str] = set()
    for entity in entities:
        tied |= Entity.of(entity).mentioned(index, flt)
        tied.update(index.record_ids_of_articles(sorted(_articles_about(entity, index, everything)), flt))
    return tied


def _articles_about(entity: EntityRef, index: SearchIndex, everything: NodeFilter) -> set[str]:
    """Articles about the entity: their title, summary or keywords name it, or at least
    `ABOUT_RECORDS` of their records do (one passing mention in an article about something else
    does not make its other records about the entity)."""
    found = Entity.of(entity)
    counts = Counter(index.article_of_node(i) for i in found.mentioned(index, everything))
    about = {a for a, n in counts.items() if a and n >= ABOUT_RECORDS}
    return about | found.mentioned_in_articles(index)


def with_corroboration(hits: list[Hit], index: SearchIndex) -> list[Hit]:
    """Attach to each hit its near-duplicate cluster: how many articles carry it, and when."""
    clusters = index.clusters([h.record.id for h in hits])
    for hit in hits:
        if hit.record.id in clusters:
            label, articles = clusters[hit.record.id]
            dates = sorted(a.date for a in articles if a.date)
            hit.corroboration = Corroboration(
                cluster=label, articles=len(articles), first=dates[0] if dates else None, last=dates[-1] if dates else None
            )
    return hits


def filter_notes(flt: NodeFilter, index: SearchIndex) -> list[str]:
    """Say how many records a relevancy or date filter leaves out only because they lack the field."""
    notes = []
    if flt.min_relevancy is not None:
        unrated = index.count(replace(flt, min_relevancy=None)) - index.count(replace(flt, min_relevancy=1))
        if unrated:
            notes.append(
                f"The relevancy filter (≥ {flt.min_relevancy}) leaves out {unrated:,} records that carry no "
                "relevancy rating (older layouts rate only signals, if anything)."
            )
    if flt.since is not None or flt.until is not None:
        undated = index.count(replace(flt, since=None, until=None)) - index.count(replace(flt, since=date.min, until=None))
        if undated:
            notes.append(
                f"The date filter leaves out {undated:,} records whose articles carry no date "
                "(tabular exports have none; some page ids are not dates)."
            )
    return notes


def _lift_by_articles(
    fused: dict,
    plan: QueryPlan,
    vector: np.ndarray,
    best_record: float,
    index: SearchIndex,
    settings: RetrievalSettings,
    flt: NodeFilter,
) -> dict[str, float]:
    """Records of articles whose summary matches the question rise with them; such records join
    the candidates even when neither retriever found them on their own (an article about Estonia
    lends its signals the context their terse rows lack). Only summaries that pass the same
    similarity floors as records take part: an unrelated summary must not lift its records into
    every answer. Returns each lifting article's cosine."""
    article_filter = NodeFilter(kinds=("article",), since=plan.since, until=plan.until)
    floor = max(settings.min_similarity, settings.relative_similarity * best_record)
    dense = [(i, s) for i, s in index.dense(vector, settings.articles, article_filter) if s >= floor]
    if not dense:
        return {}
    passing = {i for i, _ in dense}
    lexical = [(i, s) for i, s in index.lexical(plan.query, settings.articles, article_filter) if i in passing]
    weights = (settings.dense_weight, 1.0 - settings.dense_weight)
    lifted = weighted_rrf([[i for i, _ in dense], [i for i, _ in lexical]], weights, settings.rrf_k)
    by_article = {index.article_of_node(i): s for i, s in lifted.items()}
    for record_id in index.record_ids_of_articles([a for a in by_article if a], flt):
        fused.setdefault(record_id, 0.0)
    for record_id in fused:
        fused[record_id] += settings.article_boost * by_article.get(index.article_of_node(record_id), 0.0)
    return {a: s for i, s in dense if (a := index.article_of_node(i))}


def browse(index: SearchIndex, flt: NodeFilter) -> tuple[list[str], dict[str, float]]:
    """No topic to search: the filtered records, most relevant and most recent first."""
    ids = index.browse(flt)
    return ids, {i: 0.0 for i in ids}


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 2)

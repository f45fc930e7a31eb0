"""Exhaustive questions ("list all ...", "how many ..."): every record that matches, not the top k.

The matched set is delimited in three stated ways, under the question's filters:
1. *mentions*: the record's own words contain a topic phrase (case-insensitive, exact), or name
   one of the question's entities (or its aliases);
2. *close in meaning*: the record clears the same evidence bar as a lookup's strong matches (a
   margin of `strong_z` spreads over the question's background, or less for a record as close as
   `sure_cosine` or holding its meaning and wording: `retrieve.clears_margin`), measured against
   the question and against the question pulled towards how the corpus words it (the centroid of its best few
   records: "self-driving cars" then also reaches "robotaxis" and "autonomous vehicles");
3. *in context*: records of articles that are about the topic (an article with a mention, or
   two close matches among its records) with the same margin, which need not carry the
   question's words or meaning themselves (terse rows of an article about the topic).
When the question asks something of a place or a name ("water scarcity in India"), a record that
neither names it nor comes from an article about it is not counted, however close in meaning: a
note says how many such records there are, and they lead the weaker matches (a lookup labels them
related context).
Facet counts (kind, category, primary theme, year) are over the whole set and each adds up to it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from index import KINDS, NodeFilter, RetrievalSettings
from index.nodes import ARTICLE_KIND
from index.search import SearchIndex

from .elsewhere import elsewhere
from .entities import Entity
from .exclusions import left_out, left_out_note
from .markup import escape_text
from .models import EntityRef, Hit, PartsHeld, QueryPlan, Ranked
from .parts import by_parts
from .plan import asks_mentions, is_kind_word
from .rerank import WHOLE_WORDING, logits
from .retrieve import (
    ABOUT_RECORDS,
    MIN_BACKGROUND,
    PRIOR_BACKGROUND,
    WEAK_SHOWN,
    Scored,
    anchoring,
    browse,
    carries_meaning,
    clears_margin,
    delimits,
    filter_notes,
    head_only_records,
    is_strong,
    meaning_of,
    modifier_only_records,
    node_filter,
    placed_together,
    score,
    term_alone_records,
    tied_to,
    topic_word,
    with_corroboration,
    worded,
    wording_share,
)

UNKNOWN = "(none)"
MATCH_POOL = 3000  # the records with the largest margins that are checked for meaning
WEAKER = 200  # closest records outside the set, offered as weaker matches after it
EXPANDED_DISCOUNT = 0.1  # cosine to the feedback-expanded query counts this much less as meaning


@dataclass
class MatchedSet:
    """Every matching record id, best first, and how each got in."""

    ids: list[str]
    similarity: dict[str, float]
    reasons: Counter[str] = field(default_factory=Counter)
    weaker: list[str] = field(default_factory=list)  # not in the set, but close: best first, what "more" ends with
    parts: PartsHeld | None = None  # a question that places one topic in another: what speaks to every part
    joint: bool = False  # it places its entities in one another: a mention counts within an article naming all of them
    notes: list[str] = field(default_factory=list)  # what the reader must know: what was left out, as asked
    others: list[str] = field(default_factory=list)  # the other form of an acronym or phrase, looked for as mentions too
    unsaid: int = 0  # asked for mentions: how many more are close in meaning or of its articles (they lead the weaker matches)


def phrases_of(plan: QueryPlan) -> list[str]:
    """Topic phrases to look for verbatim, with the plural/singular variant of the last word."""
    # an acronym keeps its case, as the answer quotes it ("SMRs", not "smrs"); the lookup is in any case
    phrases = [" ".join(w if re.fullmatch(r"[A-Z]{2,}s?", w) else w.lower() for w in topic.split()) for topic in plan.topics]
    return list(dict.fromkeys(form for phrase in phrases if len(phrase) >= 3 for form in _with_singular(phrase)))


def _either(plan: QueryPlan) -> bool:
    """Whether the question offers its two topics as one or the other ("wildfires or forest fires",
    "drones or UAVs"): each is a phrase whose mentions count, as one topic's do. No entity's name
    is one of them (an entity counts by its own mentions)."""
    if len(plan.topics) != 2 or plan.entities:
        return False
    one, other = (re.escape(t) for t in plan.topics)
    return re.search(rf"(?<![\w-]){one}\s*,?\s+or\s+{other}(?![\w-])", plan.resolved or plan.question, re.I) is not None


def _with_singular(phrase: str) -> list[str]:
    """The phrase, and its last word in the singular when it reads as a plural."""
    if phrase.endswith("ies"):
        return [phrase, phrase[:-3] + "y"]
    if phrase.endswith("s") and not phrase.endswith(("ss", "is", "us")) and len(phrase) > 4:
        return [phrase, phrase[:-1]]
    return [phrase]


def match_all(plan: QueryPlan, index: SearchIndex, settings: RetrievalSettings) -> MatchedSet:
    flt = node_filter(plan)
    if not plan.query.strip():
        ids, _ = browse(index, flt)
        return MatchedSet(ids, dict.fromkeys(ids, 0.0), Counter({"filters": len(ids)}))

    # One pass over every node of the period (records and summaries): the question's own filter
    # is a subset of it, and the articles "about" the topic come from all of it.
    everything = NodeFilter(kinds=(*KINDS, ARTICLE_KIND), since=plan.since, until=plan.until)
    # A topic named in one phrase ("ransomware", "space debris") is counted by its mentions too; a
    # topic described in a sentence ("transplanting pig organs into people") is not: its fragments
    # ("people") mention nothing in particular.
    entities = anchoring(plan.entities, index)  # "AI" is a topic, not a name
    # a topic that is an entity's name is counted by the entity's mentions ("Mexico": not "New Mexico")
    one_phrase = len(plan.topics) == 1 and not any(plan.topics[0].lower() in {a.lower() for a in e.aliases} for e in entities) or _either(plan)
    phrases = phrases_of(plan) if one_phrase else []
    cased = [a.removesuffix("s") for a in acronyms_of(plan)] if one_phrase else []  # "EVs": "EV" (or "EVs")
    # the other form, as the corpus defines it: "UBI" for "universal basic income", and back; in
    # the topic's own words ("AI tutors": "artificial intelligence tutors", not "artificial intelligence")
    pairs = index.acronyms_in(plan.query).pairs if one_phrase else ()
    others = [o for acronym, phrase, says in pairs if (o := _in_other_form(plan.topics[0], acronym, phrase, says))]
    # ...and two words the corpus also writes run together: "heat waves" by "heatwaves" (`spelling.respelled`
    # read the question's "heatwaves" apart, as most records write it)
    others += list(dict.fromkeys(j for p in phrases if re.fullmatch(r"[a-z]{3,} [a-z]{3,}", p) and index.document_frequency(j := p.replace(" ", ""))))
    phrases += [form for o in others if not o.isupper() for form in _with_singular(o)]
    cased += [o for o in others if o.isupper()]
    pattern = mention_pattern(phrases, cased)
    mentioned = index.mentioning(phrases, pattern, everything, cased) if phrases or cased else set()
    vector = index.embed_query(plan.query)
    all_ids, all_cos = index.similarities(vector, everything)
    admitted_ids = index.admitted(flt)
    admitted = np.fromiter((i in admitted_ids for i in all_ids.tolist()), dtype=bool, count=len(all_ids))
    together = placed_together(entities, index, plan.resolved or plan.question)
    named = _named(plan, entities, index, settings, everything, admitted, together) - mentioned  # naming the entity alone
    mentioned |= named
    z = _margin(all_cos, admitted)
    one_word = wording_share(plan, index)  # wording evidence is more than one word of several
    expanded = _expanded(vector, all_ids, all_cos, admitted, index, settings, plan.query, one_word)
    meaning_cos = all_cos
    if expanded is not None:
        expanded_cos = index.similarities(expanded, everything)[1]
        z = np.maximum(z, _margin(expanded_cos, admitted))
        # the expanded query sits among its own top records, so its cosines run high
        meaning_cos = np.maximum(all_cos, expanded_cos - EXPANDED_DISCOUNT)
    ids = all_ids.tolist()
    similarity = {i: c for i, c, ok in zip(ids, all_cos.tolist(), admitted.tolist(), strict=True) if ok}
    margin = dict(zip(ids, z.tolist(), strict=True))

    # The same evidence as a lookup's strong matches, margin and meaning (cosine or wording), but
    # no comparison with the best match: a count takes every record that is about the topic.
    top = [r for r in np.argsort(-z)[:MATCH_POOL] if z[r] >= settings.weak_z]
    coverage = worded(plan, [ids[r] for r in top if z[r] >= settings.strong_z or all_cos[r] >= settings.meaning_cosine], index, anchored=bool(entities))
    pool = [(ids[r], r) for r in top if clears_margin(float(z[r]), float(all_cos[r]), coverage.get(ids[r], 0.0), settings)]
    # as close to what the corpus means by the words as the records that say them, as a lookup
    # reads it ("superbugs": antibiotic resistance)
    meaning = None if entities else meaning_of(plan, index, settings, flt)
    written = index.similarities(meaning.vector, everything)[1].tolist() if meaning is not None and meaning.coherent else None

    # another kind of a term's head ("Rise of Anti-Surveillance Fashion" for sustainable fashion), or
    # a bound term's modifier alone ("Health Risks from Heat" for heat pumps), is close only when
    # sure, as in a lookup (`retrieve.head_only_records`, `retrieve.modifier_only_records`)
    pooled = [i for i, _ in pool]
    head_only = set() if entities else head_only_records(plan.query, pooled, index, vector) | modifier_only_records(plan.query, pooled, index)
    # ...and a record reading as one term of a question the corpus says whole is no evidence
    # ("Data Centers" for cooling them: `retrieve.term_alone_records`)
    one_term_only = (
        set()
        if entities or not 0.0 < one_word < WHOLE_WORDING
        else term_alone_records(plan.query, coverage, {i: float(all_cos[r]) for i, r in pool}, {i: float(z[r]) for i, r in pool}, one_word, index, settings)
    )

    def close_among(allowed: set[str] | dict[str, float]) -> set[str]:
        found = {
            i
            for i, r in pool
            if i in allowed
            and i not in one_term_only
            and carries_meaning(float(meaning_cos[r]), coverage.get(i, 0.0), settings, one_word=one_word, sure=i in head_only)
        }
        if meaning is not None and written is not None:
            found |= {i for i, c in zip(ids, written, strict=True) if i in allowed and meaning.holds(c)}
        return found

    close = close_among(similarity)
    # when no record of the kinds asked is close in meaning, those of other kinds say which articles
    # are about the topic (as a lookup's `through_articles`): "How many concerns about self-driving
    # cars?" counts the concerns of the articles whose technologies say "autonomous vehicles" (the
    # period's records, not the articles' summaries)
    close_any = close or close_among(index.admitted(NodeFilter(kinds=KINDS, since=plan.since, until=plan.until)))
    mentions = {i for i in mentioned if i in similarity}

    # an article is about the topic when its title, summary or keywords mention it or `ABOUT_RECORDS` of its records
    # do: one passing mention ("lithium-ion" in an article on nuclear batteries) does not make its
    # other records about it (the lookup's rule for an entity's articles)
    mentions_in = Counter(index.article_of_node(i) for i in mentioned)
    about = {a for a, n in mentions_in.items() if n >= ABOUT_RECORDS}
    if phrases or cased:
        about |= index.articles_mentioning(phrases, pattern, cased)
    strong_articles = Counter(index.article_of_node(i) for i in close_any)
    through = {a for a, n in strong_articles.items() if n >= 2} - about
    about |= through
    context = {i for i in similarity if margin[i] >= settings.strong_z and index.article_of_node(i) in about} - close - mentions

    members = mentions | close | context
    notes = []
    if not close and plan.kinds and (through := through & {index.article_of_node(i) for i in context}):
        saying = sum(1 for i in close_any if index.article_of_node(i) in through)
        notes.append(
            f"No {' or '.join(plan.kinds)} is close in meaning to “{escape_text(plan.query)}” on its own; {saying:,} records of other kinds "
            f"are, and the {len(through):,} article{'' if len(through) == 1 else 's'} they come from {'is' if len(through) == 1 else 'are'} about it."
        )
    untied: list[str] = []
    via_article: set[str] = set()  # counted as records of an article about the entity
    anchored = plan.model_copy(update={"entities": entities})
    scored = score(anchored, index, settings, flt) if entities and plan.focus.strip() else None
    if scored is not None:
        # "water scarcity in India": a record on water scarcity that neither names India nor comes
        # from an article about it is not counted (a lookup labels it related context)
        names = " or ".join(escape_text(e.name) for e in entities)
        out = members - tied_to(entities, index, everything)
        untied = sorted(out, key=lambda i: (i not in close, -margin.get(i, 0.0), i))
        members, mentions, close, context = members - out, mentions - out, close - out, context - out
        if scored.placed == "unmet":
            # "cities and extreme heat in India": no record or article ties India to the topic
            # (the lookup's reading), so a record naming India on monsoons is no match either
            untied = sorted(members, key=lambda i: (i not in close, -margin.get(i, 0.0), i)) + untied
            members, mentions, close, context = set(), set(), set(), set()
            notes.append(
                f"{plan.none_of()} names {names} with “{escape_text(plan.focus)}”: nothing is counted, and the "
                + (f"{len(out):,} record{'' if len(out) == 1 else 's'}" if out else "records")
                + f" on “{escape_text(plan.focus)}” lead the weaker matches."
            )
        elif out:
            notes.append(
                f"Not counted: {len(out):,} record{'' if len(out) == 1 else 's'} on “{escape_text(plan.focus)}” that name no {names} "
                "and come from no article about it; they lead the weaker matches."
            )
        if not scored.strict and scored.placed != "unmet":
            # "How many issues relate to water scarcity in Africa?": a record naming Africa counts
            # when the lookup would show it, not for standing two spreads above the background of
            # "water scarcity" (manufacturing limits in Africa, textile waste)
            # (close in meaning or not, when it does not speak of what is asked of the place:
            # the border plans of the Baltic states are no border closures)
            speaks = scored.speaks
            off = {
                i for i in members & named if (i not in close or speaks is not None and i not in speaks) and not is_strong(i, scored, settings)
            }
            untied = sorted(off, key=lambda i: -margin.get(i, 0.0)) + untied
            members, mentions, close, context = members - off, mentions - off, close - off, context - off
        if scored.strict:
            # "How many escalation signals involve Estonia?": a question about its entity counts
            # what its lookup shows, the tied records that speak to what is asked of it
            # (`is_strong`), not a record naming Estonia on energy security
            strong = {i for i in scored.order if is_strong(i, scored, settings)}
            untied = sorted(members - strong, key=lambda i: (i not in close, -margin.get(i, 0.0), i)) + untied
            members = strong
            mentions = {i for i in strong if scored.anchor.get(i) == "direct"}
            close, context = set(), strong - mentions
            via_article = context
    beside: list[str] = []
    unsaid = 0
    if mentions and asks_mentions(plan.resolved or plan.question):
        # "How many records mention lithium?": the records that say it; those close to it in
        # meaning or from its articles lead the weaker matches, outside the count
        beside = sorted(members - mentions, key=lambda i: (i not in close, -margin.get(i, 0.0), i))
        members, unsaid = set(mentions), len(beside)
    # "Microplastics in Retinas" is no record on microplastics in food (`elsewhere`): it is not
    # counted, and comes last among the weaker matches, as in a lookup
    placed = elsewhere(plan.resolved or plan.question, plan.topics, sorted(members), index)
    members -= placed
    reasons = _reasons(members, mentions, close, via_article)
    chosen = sorted(members, key=lambda i: (i not in close and i not in mentions, -margin.get(i, 0.0), i))
    beside = [i for i in untied + beside if i not in placed]
    taken = set(chosen) | set(beside)
    weaker = beside + [ids[r] for r in np.argsort(-z)[:WEAKER] if z[r] >= settings.weak_z and ids[r] in similarity and ids[r] not in taken | placed]
    if settings.learned_order:
        chosen, weaker = _in_learned_order(plan, index, settings, chosen, weaker, scored)
    # "ransomware in hospitals": what is about ransomware alone follows, outside the count
    chosen, alone, held = by_parts(anchored, chosen, index, flt, is_topic_word=lambda phrase: topic_word(phrase, index))
    if alone:
        reasons, weaker = _reasons(set(chosen), mentions, close, via_article), alone + weaker
    weaker += sorted(placed, key=lambda i: (-margin.get(i, 0.0), i))
    if plan.excluded:  # "drones, excluding military ones": what speaks to it is not counted
        out = left_out(plan, chosen + weaker, index)
        notes.append(left_out_note(sum(1 for i in chosen if i in out), plan))
        if out:
            chosen, weaker = [i for i in chosen if i not in out], [i for i in weaker if i not in out]
            reasons = _reasons(set(chosen), mentions, close, via_article)
    return MatchedSet(chosen, similarity, reasons, weaker, held, joint=bool(together), notes=notes, others=others, unsaid=unsaid)


def _in_other_form(topic: str, acronym: str, phrase: str, says: bool) -> str:
    """The topic with the acronym it says written out, or the phrase it says as the acronym:
    "UBI pilots" is "universal basic income pilots", "small modular reactors" is "SMR"; "" when
    the topic does not hold it as written."""
    if says:
        found = re.search(r"(?<![\w-])" + re.escape(acronym) + r"s?(?![\w-])", topic)
        other = phrase
    else:
        found = re.search(r"(?<![\w-])" + r"[\s-]+".join(map(re.escape, phrase.split())) + r"s?(?![\w-])", topic, re.I)
        other = acronym
    if found is None:
        return ""
    return (topic[: found.start()] + other + topic[found.end() :]).strip()


def acronyms_of(plan: QueryPlan) -> list[str]:
    """Topics written as a two-letter acronym ("AI", "5G", "EVs"): too short to look up in any
    case, they are mentioned in capitals, with or without a plural (longer ones, "NATO", "CO2",
    are looked up as any phrase)."""
    return [t.strip() for t in plan.topics if re.fullmatch(r"(?=\w*[A-Z])[A-Z0-9]{2}s?", t.strip())]


def mention_pattern(phrases: list[str], cased: list[str] | None = None) -> re.Pattern[str]:
    """The phrases as whole words, in any case, with a plural or possessive ending ("war" is not
    in "software" or "awareness", "water" not in "watermarking"); the first word of a hyphenated
    compound ("lithium-ion", "AI-driven"), never a later one ("art" is not in "state-of-the-art");
    never a field's name or
    the record's kind in its stored fields ("change", "technology"). `cased` acronyms (singular:
    "EV" also matches "EVs") only in capitals ("AI", not "ai")."""
    words = [f"(?i:{re.escape(p)})" for p in sorted(phrases, key=len, reverse=True)]
    words += [re.escape(c) for c in cased or []]
    return re.compile(rf"(?<![\w-])(?<!\"kind\":\")(?:{'|'.join(words) or '(?!)'})(?:s|es|'s|’s)?(?!\w)(?!\":)")


def _reasons(ids: set[str], mentions: set[str], close: set[str], via_article: set[str]) -> Counter[str]:
    """How each record got into the set: a mention first, then closeness, then an article about
    the question's entity, else an article about its topic."""
    return Counter(
        "mention" if i in mentions else "similar" if i in close else "article" if i in via_article else "context" for i in ids
    )


def _named(
    plan: QueryPlan,
    entities: list[EntityRef],
    index: SearchIndex,
    settings: RetrievalSettings,
    everything: NodeFilter,
    admitted: np.ndarray,
    together: set[str] | None,
) -> set[str]:
    """Records that name one of the question's entities (when it places them in one another:
    within an article that names all of them, `together`). When the question asks something of
    the entity ("deepfakes in elections in India"), only those that also stand `weak_z` above the
    background of the rest of the question: naming India is no evidence of deepfakes (the
    lookup's rule for a record tied to the entity); a word as common as a topic word ("AI in
    China") delimits by being said, unless it names a kind of record ("risks")."""
    named: set[str] = set()
    for entity in entities:
        named |= Entity(entity.name, entity.type, tuple(entity.aliases)).mentioned(index, everything)
    if together:  # "China in Africa": what names one of them in an article that names both
        named = {i for i in named if index.article_of_node(i) in together}
    if not named or not plan.focus.strip() or is_kind_word(plan.focus):
        return named  # "How many concerns mention China?", "... risks in China?": every record naming it
    if not delimits(plan.focus, index):
        # a word as common as a topic word, asked of the entity ("AI in China"): the records that say it
        cased = [plan.focus] if plan.focus.isupper() else []
        phrases = [] if cased else [plan.focus]
        return named & index.mentioning(phrases, mention_pattern(phrases, cased), everything, cased)
    ids, cosines = index.similarities(index.embed_query(plan.focus), everything)
    margin = _margin(cosines, admitted)
    return {i for i, z in zip(ids.tolist(), margin.tolist(), strict=True) if i in named and z >= settings.weak_z}


def _in_learned_order(
    plan: QueryPlan, index: SearchIndex, settings: RetrievalSettings, chosen: list[str], weaker: list[str], scored: Scored | None = None
) -> tuple[list[str], list[str]]:
    """The set, then its weaker neighbours, each in the order the lookup's fitted model gives
    them (assistant/rerank.py, over the lookup's own scoring of the question, `scored` when it is
    at hand): the set is what is counted, the order is which of it the first page lists."""
    scored = scored or score(plan, index, settings, node_filter(plan))
    strong = {i for i in scored.order if is_strong(i, scored, settings)}
    everything = [*chosen, *weaker]
    logit = logits(everything, strong, scored, settings, index)
    if logit is None:
        return chosen, weaker
    value = dict(zip(everything, logit.tolist(), strict=True))
    return (
        sorted(chosen, key=lambda i: -value[i]),
        sorted(weaker, key=lambda i: -value[i]),
    )


def _margin(cosines: np.ndarray, admitted: np.ndarray) -> np.ndarray:
    """Each cosine's margin over the background of the admitted records, in spreads."""
    background = cosines[admitted] if admitted.any() else cosines
    if len(background) < MIN_BACKGROUND:
        mean, spread = PRIOR_BACKGROUND
        return (cosines - mean) / spread
    spread = float(background.std()) or 1.0
    return (cosines - float(background.mean())) / spread


def _expanded(
    vector: np.ndarray,
    ids: np.ndarray,
    cosines: np.ndarray,
    admitted: np.ndarray,
    index: SearchIndex,
    settings: RetrievalSettings,
    query: str,
    one_word: float,
) -> np.ndarray | None:
    """The question pulled towards its best few admitted records (pseudo-relevance feedback),
    when those records carry its meaning: feedback from records that do not would only pull it
    towards whatever the corpus has nearby."""
    if not settings.feedback_weight or not admitted.any():
        return None
    rows = np.flatnonzero(admitted)
    top = rows[np.argsort(-cosines[rows])[: settings.feedback_depth]]
    coverage = index.coverage([str(ids[r]) for r in top], query)
    if not any(carries_meaning(float(cosines[r]), coverage.get(str(ids[r]), 0.0), settings, one_word=one_word) for r in top):
        return None
    centroid = np.mean([index.vector_of(str(ids[r])) for r in top], axis=0)
    expanded = vector + settings.feedback_weight * centroid
    return expanded / np.linalg.norm(expanded)


def facets(matched: MatchedSet, index: SearchIndex) -> dict[str, dict[str, int]]:
    """Counts by kind, category, primary theme and year; each facet sums to the set's size."""
    articles = index.articles([a for a in {index.article_of_node(i) for i in matched.ids} if a])
    kinds = index.kinds_of(matched.ids)
    out: dict[str, Counter[str]] = {"kind": Counter(), "category": Counter(), "theme": Counter(), "year": Counter()}
    for node_id in matched.ids:
        article = articles.get(index.article_of_node(node_id) or "")
        out["kind"][kinds.get(node_id, UNKNOWN)] += 1
        out["category"][(article.category if article and article.category else UNKNOWN)] += 1
        out["theme"][(article.themes[0] if article and article.themes else UNKNOWN)] += 1
        out["year"][(str(article.date.year) if article and article.date else UNKNOWN)] += 1
    return {name: dict(counter.most_common()) for name, counter in out.items()}


def recurring(matched: MatchedSet, index: SearchIndex) -> MatchedSet:
    """The statements of the set that recur across articles, most often stated first: one record
    per near-duplicate cluster (its best-ranked member in the set) whose members in the set come
    from two or more articles, ordered by how many articles state it in the set (then by the set's
    own order). A statement many articles make about something else recurs on the topic only as
    often as the set holds it: "Rise of Digital Twins" is common, but one of its members names
    energy, in its driving force."""
    labels = index.cluster_labels(matched.ids)
    first: dict[str, str] = {}
    articles: dict[str, set[str]] = {}
    for node_id in matched.ids:
        if (label := labels.get(node_id)) is not None:
            first.setdefault(label, node_id)
            articles.setdefault(label, set()).add(index.article_of_node(node_id) or "")
    stated = {rid: len(articles[label]) for label, rid in first.items()}
    rank = {rid: n for n, rid in enumerate(first.values())}
    ids = sorted((rid for rid, n in stated.items() if n >= 2), key=lambda rid: (-stated[rid], rank[rid]))
    return MatchedSet(ids, {i: matched.similarity.get(i, 0.0) for i in ids})


def page_of(matched: MatchedSet, index: SearchIndex, page: int, size: int, plan: QueryPlan) -> Ranked:
    """One page of the matched set as ranked hits (what tables and citations are built from), and
    the next page as `more`. After the set come its weaker neighbours (labelled weaker), one
    "more" away as a lookup's are: a count of four Ozempic signals lists those four, not sixteen
    records on deodorants after them. A set with no member at all shows the closest few of them."""
    ranking = [*matched.ids, *matched.weaker]
    first = min(size, len(matched.ids)) if matched.ids else min(WEAK_SHOWN, len(matched.weaker))
    start = 0 if page == 1 else first + (page - 2) * size
    step = first if page == 1 else size
    members = set(matched.ids)
    return Ranked(
        hits=_hits(ranking[start : start + step], matched, members, index),
        more=_hits(ranking[start + step : start + step + size], matched, members, index),
        matched=len(matched.ids),
        total=len(ranking),
        strong=len(matched.ids),
        offset=start,
        notes=filter_notes(node_filter(plan), index) + matched.notes,
        parts=matched.parts,
    )


def _hits(chosen: list[str], matched: MatchedSet, members: set[str], index: SearchIndex) -> list[Hit]:
    records = index.records(chosen)
    articles = index.articles([r.article_id for r in records.values()])
    hits = [
        Hit(
            record=records[i],
            article=articles[records[i].article_id],
            score=round(matched.similarity.get(i, 0.0), 6),
            strong=i in members,
        )
        for i in chosen
        if i in records
    ]
    return with_corroboration(hits, index)


def how_counted(plan: QueryPlan, matched: MatchedSet, settings: RetrievalSettings) -> str:
    """One sentence saying how the set was delimited."""
    if not plan.query.strip():
        return "every record that satisfies the filters"
    parts = []
    if matched.reasons["mention"]:
        named = [*(phrases_of(plan)[:4] + acronyms_of(plan) + matched.others if len(plan.topics) == 1 or _either(plan) else []), *(e.name for e in plan.entities)]
        unique = list({name.lower(): name for name in named}.values())  # the entity's "Estonia" over "estonia"
        within = " within an article that names each of them" if matched.joint else ""
        n = matched.reasons["mention"]
        regions = sum(e.type == "region" for e in plan.entities)  # a region is mentioned by its countries' names too
        countries = f" or one of {'its' if regions == 1 and len(plan.entities) == 1 else 'their'} countries" if regions else ""
        parts.append(f"{n:,} mention{'s' if n == 1 else ''} {_quoted(unique)}{countries}{within}")
    if n := matched.reasons["similar"]:
        parts.append(f"{n:,}{' more' if parts else ''} {'is' if n == 1 else 'are'} close in meaning")
    if n := matched.reasons["article"]:
        names = _quoted(list(dict.fromkeys(e.name for e in plan.entities)))
        parts.append(f"{n:,}{' more' if parts else ''} come{'s' if n == 1 else ''} from articles about {names}")
    if n := matched.reasons["context"]:
        parts.append(
            f"{n:,}{' more' if parts else ''} {'belongs' if n == 1 else 'belong'} to articles about it and {'is' if n == 1 else 'are'} related"
        )
    if matched.unsaid > 0 and parts:  # the mentions asked for; never hidden: those that say it otherwise ("robotaxis")
        n = matched.unsaid
        parts.append(f"{n:,} more, close in meaning or from articles about it, {'leads' if n == 1 else 'lead'} the weaker matches")
    return "; ".join(parts) if parts else "nothing mentions the topic or comes close to it"


def _quoted(phrases: list[str]) -> str:
    return " or ".join(f"“{escape_text(p)}”" for p in phrases[:5])

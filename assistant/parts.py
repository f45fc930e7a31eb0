"""A question that places one topic in another ("ransomware in healthcare", "microplastics in the
ocean", "technologies for farmers in extreme heat"): its parts, the words the corpus uses for
each, and which records speak to every part.

A bi-encoder scores a record on ransomware alone almost as high as one on ransomware in hospitals,
so such a question's strong matches are mostly about one part. Whether a record speaks to a part
is read from its words: the part's own words, or the words that set the records closest to the
part apart from the corpus and that the model reads as close to it ("healthcare": medical, not
"access"). A record speaks to a part when it holds one of those words, or its article does (in
its title, keywords or summary, or in two records that say every part: a record of an article
about ransomware in hospitals need not say "hospital" again), or when it is close in meaning to
the part itself (a compound's words are no test of it: "extreme heat" speaks to "heat stress"). The words
are shown with the answer, so what it claims can be checked.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from weakref import WeakKeyDictionary

from index import NodeFilter
from index.search import SearchIndex

from .direction import is_direction, troubles, without_direction
from .entities import names_pattern
from .models import PartsHeld, QueryPlan
from .plan import ANYONE, BESET, EFFECTING, FINDING, INSTITUTIONS, PLACING, POPULATION, ROLE, is_actor

_RESPONDING = re.compile(r"^\s+to\s+(?:the\s+)?$", re.I)  # "insurers responding to wildfires", "cities adapting to heat" (not "right to repair")
_COPING = re.compile(r"^\s+(?:\w+ing)\s+with\s+(?:the\s+|their\s+|its\s+)?$", re.I)  # "cities dealing with heat waves", "schools coping with AI" (not "together with")
_ACTOR = re.compile(rf"(?:{INSTITUTIONS.pattern}|{POPULATION.pattern})\s+", re.I)  # who acts, then what they do ("airlines decarbonizing")
# what a topic faces or suffers from is a setting of it: "the risks shipping faces from climate change"
_SUFFERING = re.compile(r"^\s+(?:(?:is|are|was|were|will|could|might|may)\s+)?(?:" + BESET + r"|suffer(?:s|ed|ing)?|at\s+risk)\s+from\s+(?:the\s+)?$", re.I)
_OF_WHOM = re.compile(r"^\s+of\s+(?:the\s+|today's\s+)?$", re.I)  # "the loneliness of young men": of a population, among it
# what a threat is to is a setting: "cybersecurity threats to hospitals" (not "access to", "right to"); only the findings
# that are done to something, not all of `FINDING` ("counter-trends to AI adoption" is one topic)
_DIRECTED = re.compile(r"\b(?:threats?|risks?|dangers?|attacks?|harms?|damage|pressures?|vulnerabilit(?:y|ies))$", re.I)
_DONE_TO = re.compile(r"^\s+(?:[\w'-]+\s+)+to\s+(?:the\s+|our\s+|their\s+)?$", re.I)  # words the planner dropped, then "to": "heat waves pose to workers", "remote work does to city centres"
_EFFECTING = re.compile(r"^\s+(?:(?:is|are|was|were|has|have|been|be|will|could|might|may|can|do|does)\s+)*(?:" + EFFECTING + r")\s+(?:the\s+|our\s+|their\s+|its\s+)?$", re.I)  # "climate change (is) affecting wine"
_FINDING = re.compile(FINDING, re.I)  # what is asked of the parts ("the risks heat waves pose to workers") is none of them
# ...and what is asked in two words, neither of them a part's ("side" of "side effects")
_FOUND_AS_ONE = re.compile(r"\b(?:side|knock[\s-]on|second[\s-]order|unintended|unforeseen|unexpected)[\s-]+(?:effects?|consequences?|impacts?)\b", re.I)
_ANYONE = re.compile(ANYONE, re.I)  # anyone at all, who acts in no setting of their own ("people | turning to ...")
# depending on a thing is no setting of it: "the risks of relying | on | rare earths" asks of the
# dependence on rare earths, which the records write in many words (dependency, reliance, "Dependence
# on Rare Earth Materials"), none of them the verb's
_DEPENDING = re.compile(r"(?:over-?)?(?:relying|reliance|reliant|depending|dependence|dependency|dependent|counting)", re.I)
_ON = re.compile(r"^\s+(?:up)?on\s+(?:the\s+|a\s+|an\s+)?$", re.I)
_PLACING = re.compile(r"\b(?:" + PLACING + r"|after|before|during|amid|amidst|following)\b", re.I)  # a word between two topics that places the second around the first (in a setting or a time)
# the facets of a topic a record must speak to when asked of it (not the kinds of record: every concern is a risk);
# the troubles among them are often said in other words (a concern is a challenge by what it is)
_TROUBLE = re.compile(r"challenges|problems|obstacles|barriers|hurdles|bottlenecks", re.I)
_FACET = re.compile(
    _TROUBLE.pattern + r"|costs|prices|pricing|pushback|backlash|criticism|resistance|opposition"
    r"|regulation|regulations|rules|laws|legislation|funding|investment|adoption",
    re.I,
)
NEIGHBOURS = 60  # the records closest to a part alone, whose shared words are the corpus's for it
MIN_NODES = 5  # of them at least this many hold a word...
MIN_LIFT = 5.0  # ...and it is this many times commoner among them than in the corpus...
MIN_COSINE = 0.6  # ...and the model reads it as close to the part ("medical" to "healthcare"; "areas" is not "cities")
HEAD_COSINE = 0.85  # a population's word that the model reads as the part ("farmers" for "small farmers") stands for it
OWN_COSINE = 0.7  # a word of a phrase stands for it alone when the model reads it as the phrase ("heat", not "extreme")
OWN_SHARE = 0.1  # ...and the corpus writes the phrase in this share of the records holding the word (`_written_in`)
ABOUT_RECORDS = 2  # records of an article that say every part for the article to be about the whole question
MIN_LETTERS = 3  # a shorter word ("qr") is a word piece the model matched, not the corpus's word for a part
SHOWN_WORDS = 4  # words named in the answer for a part
PART_Z = 4.0  # a record this many spreads above a part's background speaks to it in other words ("extreme heat" for "heat stress")
PART_LENT = 1.0  # ...and this many above where another part of the question stands in it ("drones" stands 3.9 above "airports")
SIBLING_RECORDS = 3  # records that write a word beside a part's own ("men and women") for it to be another of its kind
MIN_HELD = 3  # strong matches that must speak to every part before the others wait behind "more"
SAID_AS_ONE = 3  # records that write a population's topic with the population first, for "the X of them" to be one topic
PHRASE_RECORDS = 20  # two words written together in this many records are one term (`written_together`)
PHRASE_SHARE = 0.5  # ...or in this share of the records that hold the rarer of them


@dataclass(frozen=True)
class Part:
    text: str
    terms: frozenset[str]  # stemmed; a record holding one speaks to the part
    words: tuple[str, ...]  # as the records write them, closest to the part first
    phrase: frozenset[str] = frozenset()  # a phrase's own stems: a record holding all of them speaks to it

    def held_by(self, terms: frozenset[str]) -> bool:
        return bool(terms & self.terms) or bool(self.phrase) and self.phrase <= terms


def parts_of(plan: QueryPlan, index: SearchIndex, *, is_topic_word: Callable[[str], bool], facets: bool = True) -> list[str]:
    """The question's topic phrases joined into parts, split where the question's own words
    between two of them place one in the other: "ransomware | in | healthcare" is two parts, and
    so is what a topic does to another ("heat waves | pose to | workers"); "right | to | repair"
    and "quantum computing | and | encryption" are one. What the question asks to find ("the
    risks", "what harm") is no part's word. A part that is only an
    entity's name is left out, and so are the names in a part (entities have their own anchors).
    Fewer than two parts, or only parts as common as a topic word ("AI in health"): none. One
    such part beside another is kept: "AI in hiring" is about hiring, not AI and jobs at large."""
    text, at = (plan.resolved or plan.question).lower(), 0
    joined: list[str] = []
    acting_in = True  # the first topic is a role placed in the next ("players in quantum computing")
    # one facet asked of one topic ("What are the challenges of heat pumps?", "and regulation?", "What's
    # holding air taxis back?"): a record on heat pumps at large says nothing of their challenges
    facet = plan.topics[0] if facets and len(plan.topics) > 1 and not plan.entities and _FACET.fullmatch(plan.topics[0]) else None
    for topic in plan.topics[1:] if facet else plan.topics:
        found = text.find(topic.lower(), at)
        if found < 0:
            return []
        between = text[at:found]
        if joined and _ON.search(between) and _DEPENDING.fullmatch(joined[-1].split()[-1]):
            joined[-1] += " " + topic
        elif (
            joined
            and not _PLACING.search(between)
            and not _DONE_TO.search(between)
            and not _EFFECTING.search(between)
            and not (_RESPONDING.search(between) and (joined[-1].endswith("ing") or _DIRECTED.search(joined[-1])))
            and not _COPING.search(between)
            and not _SUFFERING.search(between)
            and not (_OF_WHOM.search(between) and (POPULATION.fullmatch(topic) or INSTITUTIONS.fullmatch(topic)) and not _said_as_one(topic, joined[-1], index))
        ):
            joined[-1] += " " + topic
        else:
            if len(joined) == 1:
                acting_in = bool(_PLACING.search(between) or _OF_WHOM.search(between))
            joined.append(topic)
        at = found + len(topic)
    if len(joined) == 1 and (actor := _ACTOR.match(joined[0])) and re.fullmatch(r"\w+ing", joined[0][actor.end() :].strip(), re.I):
        # what institutions or a population do, in one verb, is done in their setting: "How are
        # airlines decarbonising?" asks for aviation's decarbonisation, not shipping's (more words
        # carry the topic on their own: "people buying EVs", "insurers pricing climate risk")
        joined = [actor.group(0).strip(), joined[0][actor.end() :].strip()]
    # the names themselves, not their words: "People's Republic of China" leaves "young people" whole
    names = names_pattern(plan.entity_names)
    unnamed = [" ".join(_unasked(_FOUND_AS_ONE.sub(" ", names.sub(" ", p) if names else p).split(), index)) for p in joined]
    # anyone at all is no setting, and neither is what they are doing to the next part: "people |
    # turning to second-hand goods", "people switching | to plant-based diets" ("people travel | for work": travel)
    unnamed = [_not_anyone(p) if n < len(unnamed) - 1 else p for n, p in enumerate(unnamed)]
    # "players in X" asks who acts in X; "X for brands" asks for the side of X that brands are on
    # a direction alone ("a decline in trust in science") says which way a part moves, not what it is (`direction`)
    # ("universities responding to generative AI": the actors are the setting, as insurers are)
    # ...and so does who moves something the question names after them ("people cutting back | on meat";
    # not "trust | in banks eroding")
    parts = [
        p
        for n, p in enumerate(unnamed)
        if p
        and not (n == 0 and acting_in and all(ROLE.fullmatch(w) for w in p.split()))
        and not all(map(is_direction, p.split()))
        and not _DEPENDING.fullmatch(p)  # "relying on China | for batteries": what is asked of the entity
        and not (n < len(unnamed) - 1 and without_direction(p) != p and all(is_actor(w) for w in without_direction(p).split()))
    ]
    if facet:  # ...and of a topic in a setting, the facet is read with its topic ("backlash against AI | in schools")
        return [facet, parts[0]] if len(parts) == 1 else parts_of(plan, index, is_topic_word=is_topic_word, facets=False)
    if len(parts) < 2 or all(is_topic_word(p) for p in parts):
        return []
    return parts


def _not_anyone(part: str) -> str:
    """A part without anyone at all acting in it, and without what they do to the next part."""
    words = part.split()
    if not words or not _ANYONE.fullmatch(words[0]):
        return part
    return "" if len(words) < 3 and re.fullmatch(r"\w+ing", words[-1]) else " ".join(words[1:])


def _said_as_one(whom: str, what: str, index: SearchIndex) -> bool:
    """Whether the corpus writes a population's topic as one term, the population first ("the
    habits of consumers" are consumer habits, in 35 records; "the wellbeing of employees" employee
    wellbeing, in 10): then it is one topic, not a topic among a population ("the loneliness of
    young men", which no record writes as "young men loneliness")."""
    one = re.sub(r"(?<=[^s])s$", "", whom)
    return index.phrase_records(f"{one} {what}") >= SAID_AS_ONE


def _unasked(words: list[str], index: SearchIndex) -> list[str]:
    """A part's words without what the question asks to find ("the risks", "what harm"); a word
    of that kind in the singular after a word of the part that the corpus writes with it as one
    term (`written_together`) names the part's thing: "climate change" is a topic, where "AI
    risks" asks for risks and "protein effect" (GLP-1's, on protein) for an effect."""

    def names_a_thing(n: int, word: str) -> bool:
        before = words[n - 1] if n else ""
        return bool(before) and not word.lower().endswith("s") and not _FINDING.fullmatch(before) and written_together(f"{before} {word}", index)

    return [w for n, w in enumerate(words) if not _FINDING.fullmatch(w) or names_a_thing(n, w)]


def written_together(phrase: str, index: SearchIndex) -> bool:
    """Whether the corpus writes the two words as one term: in `PHRASE_RECORDS` records ("young
    people"), or in most of the few that hold its rarer word ("basket weaving", 4 of 7)."""
    written = index.phrase_records(phrase)
    return written >= PHRASE_RECORDS or written >= max(2, PHRASE_SHARE * index.document_frequency(phrase))


def name_parts(plan: QueryPlan) -> list[str]:
    """A name the question writes inside a topic of its own ("Bitcoin mining", "Tesla robotaxis")
    and the rest of that topic, as two parts: when nothing tied to the name speaks of the topic
    (no record names Bitcoin with mining), the name still says which mining is asked about, in the
    corpus's words for it (cryptocurrency, crypto), and a record on mining metals is about part of
    the question only. A name beside the topic ("Amazon and drones") is no part of it: none."""
    for entity in plan.entities:
        if entity.type != "name" or (pattern := names_pattern([entity.name, *entity.aliases])) is None:
            continue
        if any(pattern.search(topic) and pattern.sub(" ", topic).split() for topic in plan.topics):
            rest = " ".join(w for w in plan.focus.split() if not _FINDING.fullmatch(w))
            return [entity.name, rest] if rest else []
    return []


_cache: WeakKeyDictionary[SearchIndex, dict[tuple[int, str], Part]] = WeakKeyDictionary()


def part_words(part: str, index: SearchIndex, *, is_topic_word: Callable[[str], bool]) -> Part:
    """The words that show a record speaks to the part (kept per index generation): the corpus's
    words for it, and its own. Of a phrase's own words, only those the model reads as the phrase
    itself ("heat" for "extreme heat", not "young" for "young men": "young women" is not it); a
    record holding all of them (but the commonest: "use" in "use of facial recognition") holds the
    phrase. Another word as common as a topic word ("health" for "healthcare") delimits nothing and
    is left out."""
    kept = _cache.setdefault(index, {})
    key = (index.generation, part.lower())
    if (found := kept.get(key)) is not None:
        return found
    vector = index.embed_query(part)
    nearest = [i for i, _ in index.dense(vector, NEIGHBOURS, NodeFilter())]
    candidates = index.characteristic_terms(nearest, min_nodes=MIN_NODES, min_lift=MIN_LIFT)
    # a hyphenated word is its words ("micro-mobility": micro, mobility): its first stem is a
    # modifier, which alone says another compound ("Micro-ecosystems in Urban Spaces")
    own = {stems[0]: w for w in re.split(r"[\s-]+", part.lower()) if (stems := index.terms(w))}
    forms = {**candidates, **own}
    stems = sorted(forms)
    embedded = index.embed_texts([forms[s] for s in stems])
    cosines = dict(zip(stems, (embedded @ vector).tolist(), strict=True))
    bar = {s: (OWN_COSINE if s in own and len(own) > 1 else MIN_COSINE) for s in stems}
    single = {s for s in own if len(own) == 1}  # a one-word part's own word stands for it, however common ("AI")
    terms = single | {
        s
        for s in stems
        if cosines[s] >= bar[s]
        and len(forms[s]) >= MIN_LETTERS
        and forms[s].isalpha()
        and (not is_topic_word(forms[s]) or s in own and _written_in(part, forms[s], index, PHRASE_SHARE))
    }
    terms -= _siblings({s: forms[s] for s in terms if s not in own}, list(own.values()), index)
    # the head of a phrase whose word before it says which of it the part is, when the corpus
    # seldom writes them together (`_written_in`, `OWN_SHARE`): "labor" is not child labor
    *before, head = list(own.values()) or [""]
    head_stem = list(own)[-1] if own else ""
    if (
        head_stem in terms
        and cosines[head_stem] < HEAD_COSINE
        and any(not is_topic_word(w) for w in before)
        and not _written_in(part, head, index, OWN_SHARE)
    ):
        terms.discard(head_stem)
    if before and POPULATION.fullmatch(head) and not any(POPULATION.fullmatch(w) for w in before):
        # "young workers": the word before the population says which of it the part is; workers at
        # large, or employees, closer to workers than to young workers, are not it (records on
        # remote work all speak of them; "youth" is), unless the model reads the part as the
        # population itself ("small farmers" stands 0.89 from "farmers", "young workers" 0.73
        # from "workers"): then the word before it says little, and farmers at large are theirs
        head_vector = index.embed_query(head)
        if float(head_vector @ vector) < HEAD_COSINE:
            to_head = dict(zip(stems, (embedded @ head_vector).tolist(), strict=True))
            terms = {s for s in terms if forms[s] != head and to_head[s] < cosines[s]}
    # the phrase's distinctive words together: "use of facial recognition" is held by "facial recognition"
    # (a hyphenated modifier's first word says which of the rest is asked, however common it is:
    # "space-based solar power" is not solar power at large)
    modifiers = {stems[0] for token in part.lower().split() if "-" in token.strip("-") and (stems := index.terms(token.split("-")[0]))}
    distinctive = ({s for s, w in own.items() if not is_topic_word(w) or s in modifiers} or set(own)) if len(own) > 1 else set()
    phrase = " ".join(w for s, w in own.items() if s in distinctive)
    words = tuple(dict.fromkeys([*([phrase] if phrase else []), *(forms[s] for s in sorted(terms, key=lambda s: -cosines[s]))]))
    found = Part(part, frozenset(terms), words, frozenset(distinctive))
    if len(kept) > 256:
        kept.clear()
    kept[key] = found
    return found


def _written_in(phrase: str, word: str, index: SearchIndex, share: float) -> bool:
    """Whether the corpus writes the phrase in this share of the records that hold one of its
    words. Most of them (`PHRASE_SHARE`): the word says the phrase however common it is ("climate"
    is climate change in 1,299 of its 2,266 records, and "Insurance Retreat due to Climate Risks"
    speaks to climate change). A tenth (`OWN_SHARE`): a phrase's head may stand for it alone
    (unless the model reads the head as the phrase itself, `HEAD_COSINE`: "graduates" for "young
    graduates"): "heat" is extreme heat in a quarter of its records; "labor" is child labor in 2 of
    945 (labor disputes, the labor market), though the model reads the two as nearly one (0.80).
    Of a phrase's head only; the word before a topic word says it ("centers" for "data centers")."""
    return index.phrase_records(phrase) >= share * index.document_frequency(word)


def _siblings(candidates: dict[str, str], own: list[str], index: SearchIndex) -> set[str]:
    """The candidate words (stem: form) that the corpus writes beside one of the part's own words
    as another of its kind ("men and women", "solar and wind", "children and teens", in
    `SIBLING_RECORDS` records or more): the model reads them as close to the part, but a record
    on women is no record on men."""
    if not candidates or not own:
        return set()

    def joined(word: str) -> tuple[str, ...]:
        return tuple(f"{a} {conj} {b}" for o in own for a, b in ((o, word), (word, o)) for conj in ("and", "or"))

    phrases = {s: joined(w.lower()) for s, w in candidates.items()}
    found = index.mentions([p for group in phrases.values() for p in group], NodeFilter())
    if not found:
        return set()
    texts = [r.fields().lower() for r in index.records(sorted(found)).values()]
    return {s for s, group in phrases.items() if sum(1 for t in texts if any(p in t for p in group)) >= SIBLING_RECORDS}


def holding_all(ids: list[str], parts: list[Part], index: SearchIndex, flt: NodeFilter) -> set[str]:
    """Of these records, those that speak to every part: by their own words; or in other words,
    when the record stands `PART_Z` spreads above the part's own background (a compound's words
    are no test of it: "extreme heat" speaks to "heat stress"); or through their article, when its
    title, keywords or summary hold the part's words, or the article speaks to the whole question
    (the myopia article's rows on glasses that do not say "children" again)."""
    if not ids:
        return set()
    everything = replace(flt, kinds=None, min_relevancy=None)
    article = {i: index.article_of_node(i) or "" for i in ids}
    siblings: dict[str, list[str]] = {}
    for i in index.record_ids_of_articles(sorted(set(article.values())), everything):
        siblings.setdefault(index.article_of_node(i) or "", []).append(i)
    terms = index.terms_of(ids + [i for group in siblings.values() for i in group])
    articles = index.articles(sorted(siblings))
    described = {a: frozenset(index.terms(" ".join([x.title or "", x.summary or "", *x.keywords]))) for a, x in articles.items()}
    held = set(ids)
    close: dict[str, set[str]] = {}
    vectors = {part.text: index.embed_query(part.text) for part in parts}
    for part in parts:
        vector = vectors[part.text]
        mean, spread = index.background(vector, everything)
        # a record on drones stands four spreads above "airports"' background because drones do:
        # closeness to a part counts above what another part alone is given
        lent = max(((float(vectors[other.text] @ vector) - mean) / spread for other in parts if other is not part), default=-99.0)
        bar = max(PART_Z, lent + PART_LENT)
        close[part.text] = {i for i, c in index.similarity_to(ids, vector).items() if (c - mean) / spread >= bar}
    # an article that speaks to the whole question: its title, keywords or summary, or two of its
    # records, say every part (a record of an article on ransomware in hospitals need not say
    # "hospital" again; one on ransomware that names hospitals once is no such article)
    whole = {a for a, words in described.items() if all(p.held_by(words) for p in parts)}
    for a, group in siblings.items():
        if sum(1 for i in group if all(p.held_by(terms.get(i, frozenset())) for p in parts)) >= ABOUT_RECORDS:
            whole.add(a)
    # troubles by what they are (a concern) or by their name, in any word for one ("EV Ownership
    # Challenges" for obstacles)
    troubled = troubles(ids, index) if any(_TROUBLE.fullmatch(p.text) for p in parts) else set()
    for part in parts:
        about = whole | {a for a, words in described.items() if part.held_by(words)}
        # a trouble is said by the record itself, or it is one by what it is, wherever its article
        # ("Breakthrough in Energy Gain", of an article on fusion's engineering challenges, is none of
        # them; "Public Charging Dependence", a concern, is, and so is "Farmer Exploitation", of an
        # article on AI in farming)
        trouble = bool(_TROUBLE.fullmatch(part.text))
        held = {
            i
            for i in held
            if i in close[part.text]
            or part.held_by(terms.get(i, frozenset()))
            or article[i] in about and not trouble
            or trouble and i in troubled
        }
    return held


def by_parts(
    plan: QueryPlan,
    ids: list[str],
    index: SearchIndex,
    flt: NodeFilter,
    *,
    is_topic_word: Callable[[str], bool],
    shown: int | None = None,
    texts: list[str] | None = None,
) -> tuple[list[str], list[str], PartsHeld | None]:
    """For a question that places one topic in another, (the matches that speak to every part,
    the others, what was read): when at least `MIN_HELD` of the matches speak to every part, the
    others (ransomware, but not in hospitals) go after them, among the weaker matches of a lookup
    and outside a count. With fewer, the reading is no basis for a cut (the part may say how, not
    where: "crops grown indoors in stacked layers"): every match stays in its order, and the answer
    names the few; one that would fall beyond the first `shown` is shown at the end of them (the
    one record on falling birth rates and schools was 40th of 41). Nor is it a basis for leading
    with them: the one record of "stacked layers" farms insects. (ids, [], None) when the question
    has one part, a part no word stands for, or every match speaks to every part. `texts` are the
    parts when the caller read them otherwise (`name_parts`)."""
    texts = texts or parts_of(plan, index, is_topic_word=is_topic_word)
    if not texts or not ids:
        return ids, [], None
    parts = [part_words(t, index, is_topic_word=is_topic_word) for t in texts]
    if not all(p.words for p in parts):
        return ids, [], None  # nothing to read the records by
    held_ids = holding_all(ids, parts, index, flt)
    if len(held_ids) == len(ids):
        return ids, [], None  # every match speaks to every part: nothing to say
    both = [i for i in ids if i in held_ids]
    if len(both) < MIN_HELD and _TROUBLE.fullmatch(texts[0]):
        # a facet's words are no test of its absence: a concern about heat pumps' high bills in draughty
        # homes is one of their challenges without saying so, so too few holding it claims nothing
        return ids, [], None
    held = PartsHeld(parts=texts, words=[list(p.words) for p in parts], held=len(both))
    if len(both) >= MIN_HELD:
        alone = [i for i in ids if i not in held_ids]
        return both, alone, held.model_copy(update={"alone": len(alone)})
    if shown and (late := [i for i in both if ids.index(i) >= shown]):  # at the end of the first page, so the answer can name them
        rest = [i for i in ids if i not in late]
        ids = rest[: shown - len(late)] + late + rest[shown - len(late) :]
    return ids, [], held.model_copy(update={"ids": both})

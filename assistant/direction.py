"""Which way a question asks a thing to move ("a slowdown in EV sales", "falling birth rates"),
and the records whose names say it moves the other way ("Rising EV Sales"). Such a record is
about the thing asked, so the model and the words place it near the question, but it is evidence
against what is asked, not for it."""

from __future__ import annotations

import re
from collections.abc import Callable

from index.search import SearchIndex

# the trade's words for a direction, as a curated list (nouns, verbs and their -ing forms)
_UP = (
    r"ris(?:e|es|ing)|grow(?:s|ing|th)|surg(?:e|es|ed|ing)|increas(?:e|es|ed|ing)|boom(?:s|ing)?|soar(?:s|ed|ing)?"
    r"|rebound(?:s|ed|ing)?|spik(?:e|es|ed|ing)|climb(?:s|ed|ing)?|accelerat(?:e|es|ed|ing|ion)|resurgen(?:ce|t)|uptick|rapid|faster|boost(?:s|ed)?"
    r"|gaining\s+(?:momentum|steam|ground|traction)|return|comeback|revival|recover(?:s|ed|ing|y)?|renaissance|advanc(?:e|es|ed|ing|ement|ements)|explosion|explosive|prolifer(?:ate|ates|ated|ating|ation)|expan(?:d|ds|ded|ding|sion)"
    r"|tak(?:es|ing)\s+off|pick(?:s|ed|ing)\s+up|catch(?:es|ing)\s+on|(?:com(?:es|ing)|bounc(?:es|ed|ing))\s+back|on\s+(?:the|its|their)\s+way\s+up"
    r"|more\s+(?:popular|common|widespread|in\s+demand)|gaining\s+(?:popularity|favou?r)|go(?:es|ing)\s+mainstream"
    r"|becom(?:e|es|ing)\s+(?:popular|common|mainstream)|popular\s+again"
)
_DOWN = (
    r"declin(?:e|es|ed|ing)|fall(?:s|ing)?|drop(?:ped|ping)|slow(?:s|ed|er|ing|down|downs)?|slump(?:s|ed|ing)?"
    r"|shrink(?:s|ing|age)?|decreas(?:e|es|ed|ing)|wan(?:es|ed|ing)|collaps(?:e|es|ed|ing)|downturn|contraction"
    r"|losing\s+(?:momentum|steam|ground|traction)|crash(?:es|ed|ing)?|sell-?offs?|plung(?:e|es|ed|ing)|dwindl(?:e|es|ed|ing)|stall(?:ed|ing)|stagnat(?:es|ed|ing|ion)|weakening|plateau(?:s|ed|ing)?"
    r"|giv(?:e|es|ing)\s+up(?:\s+on)?|abandon(?:s|ed|ing)?|ditch(?:es|ed|ing)|turn(?:s|ed|ing)?\s+away\s+from|los(?:e|es|ing)\s+interest\s+in"
    r"|cool(?:s|ed|ing)\s+(?:off|down)|soften(?:s|ed|ing)|falter(?:s|ed|ing)|sputter(?:s|ed|ing)|slid(?:e|es|ing)|tumbl(?:e|es|ed|ing)"
    # ...and a thing going away, or made less of: "cash disappearing", "people cutting back on alcohol"
    r"|disappear(?:s|ed|ing|ance)?|vanish(?:es|ed|ing)?|d(?:ie|ies|ied|ying)\s+(?:out|off)|dying|fad(?:e|es|ed|ing)"
    r"|burn(?:s|ed|ing|t)\s+out|fizzl(?:e|es|ed|ing)(?:\s+out)?|deflat(?:e|es|ed|ing)|run(?:s|ning)?\s+out\s+of\s+(?:steam|gas)|ran\s+out\s+of\s+(?:steam|gas)"
    r"|reduc(?:e|es|ed|ing|tions?)|cut(?:s|ting)?\s+(?:back|down)(?:\s+on)?"
    r"|on\s+(?:the|its|their)\s+way\s+out|on\s+the\s+wane|past\s+(?:its|their)\s+peak|erod(?:e|es|ed|ing)|erosion|deteriorat(?:e|es|ed|ing|ion)"
    # ...and less liked, or left: "Are e-bikes becoming less popular?", "Are people leaving social media?"
    r"|less\s+(?:popular|common|widespread|in\s+demand)|losing\s+(?:popularity|favou?r|appeal)|leaving|quitting|exodus"  # not "Paid Leave Expansion"
)
CHANGE = rf"{_UP}|{_DOWN}"  # a direction either way, as a pattern to build others on (`plan`'s nouns of change)
UP = re.compile(rf"\b(?:{_UP})\b", re.I)
DOWN = re.compile(rf"\b(?:{_DOWN})\b", re.I)
# ...and, of a question, a word that says it only where it ends one ("Is the housing market
# cooling?"): a record's "Liquid Cooling", like "cooling technologies", moves nothing
_ASKED_DOWN = re.compile(rf"\b(?:{_DOWN}|(?:cooling|dead|over)(?=\s*[?.!]*\s*$))\b", re.I)
_CHAIN = r"(?:in|of|for)"  # words inside one phrase: "trust in news media", "the demand for coffee"
_BETWEEN = (
    r"(?:among|and|or|to|from|with|across|by|since|as|at|on|about|over|amid|after|before|during|while|because|that|than"
    # ...and a verb that acts on what follows: "Rising Costs Impacting Vinyl Sales" moves the costs
    r"|(?:affect|impact|chang|transform|reshap|disrupt|alter|driv|caus|fuel|boost|hurt|threaten|hitt|push|forc|prompt|lead|spurr|squeez|hamper|hinder|limit|slow)ing)"
)
_PHRASE_AFTER = re.compile(
    rf"\s+(?:{_CHAIN}\s+)?(?P<phrase>[\w'’-]+(?:\s+(?!{_BETWEEN}\b)[\w'’-]+)*?)(?=\s+{_BETWEEN}\b|\s*[?.!,;:]|\s*$)",
    re.I,
)
_FILLER = re.compile(r"(?:in|of|for|the|a|an|is|are|was|were|be|been|being|has|have|had|still|now|already|keep|keeps|its|their)", re.I)


# a question whether a thing moves so ("Is remote work declining?", "Are lithium prices falling?")
# is answered by the records saying it moves either way
# as is one whether the records show it so ("Any evidence that remote work is declining?", "Is there
# evidence of a slowdown in EV sales?", "Do we see signs that ...")
# (what the records would show, as asked of them: shared with the planner, which drops it from the topic)
SHOWN_IN = r"(?:(?:is|are)\s+there\s+|do\s+(?:we|you)\s+(?:see|have|find)\s+)"
EVIDENCE = r"(?:any\s+|some\s+|much\s+)?(?:evidence|signs?|indications?|proof|hints?)\b(?!-)"
_WHETHER = re.compile(
    r"^\W*(?:(?:and|so|but)\s+)?(?:(?:is|are|was|were|has|have|had|does|do|did|will|would|could|can)\b(?!\s+(?:there|any|you|we)\b)"
    r"|" + SHOWN_IN + r"?" + EVIDENCE
    + r"|(?:what|where)(?:'s|’s|\s+is)\s+(?:the\s+)?" + EVIDENCE + r"|what\s+" + EVIDENCE + r"\s+(?:is|are)\s+there\b)",
    re.I,
)


def is_direction(word: str) -> bool:
    """Whether the word says which way something moves, and nothing else ("decline", "rising")."""
    return bool(UP.fullmatch(word) or DOWN.fullmatch(word))


def _moved(text: str, said: re.Match[str], allowed: Callable[[str], bool], *, measured: bool = False) -> str | None:
    """The head word of what the direction word `said` moves in `text`: the last word, before
    "in", "of" or "for", of the phrase after it ("Increased Trust Issues with Media": issues; "a
    slowdown in EV sales": sales), or of the phrase before it when nothing follows ("Insect
    population explosion": population). Only words `allowed`, never a direction word itself.
    `measured`: of a head that measures a thing, the thing ("a slowdown in EV adoption": EV)."""
    heads = _heads_moved(text, said, allowed)
    if measured:
        heads = heads[-1:]
    return heads[0] if heads else None


def _heads_moved(text: str, said: re.Match[str], allowed: Callable[[str], bool]) -> list[str]:
    """The head word of what `said` moves in `text` (`_moved`), then, while it measures a thing,
    the thing it measures: "Declining EV Sales Forecast" moves a forecast, of EV sales, of EVs."""

    def heads(phrase: str) -> list[str]:
        pieces = re.split(rf"\s+{_CHAIN}\s+", phrase, maxsplit=1, flags=re.I)
        plain = [re.sub(r"['’]s$", "", w) for w in pieces[0].split()]
        kept = [w for w in plain if allowed(w) and not _FILLER.fullmatch(w) and not is_direction(w)]
        found = kept[-1:]
        while len(kept) > 1 and is_measure(kept[-1]):  # "EV Sales Forecast": EV
            kept.pop()
            found.append(kept[-1])
        last = next((w for w in reversed(plain) if not _FILLER.fullmatch(w)), "")
        if len(pieces) > 1 and (not kept or is_measure(kept[-1])) and is_measure(last):
            found += heads(pieces[1])  # a measure of what follows: "interest in the metaverse" is the metaverse's
        return found

    after = _PHRASE_AFTER.match(text, said.end())
    found = heads(after.group("phrase")) if after else []
    return found or heads(re.split(rf"\b{_BETWEEN}\b|[?.!,;:]", text[: said.start()], flags=re.I)[-1])


def governed(query: str, question: str, names: list[str]) -> tuple[re.Pattern[str], str] | None:
    """The direction the search text asks for (the pattern of its words) and the head word of what
    the question says moves, or the thing that head measures (`_moved`: "a slowdown in EV sales":
    EV; "declining bee populations": bee; "a slowdown in the AI boom": AI; "trust in news media
    declining": trust). A name's words are none, and only the search text's words count. The direction is the
    search text's, or the question's when the planner left it out ("the decline of insect
    populations" searches "insect populations"). None when neither holds a direction word, or one
    holds words of both, and for a question whether it moves so: records saying it moves the other
    way answer that too."""
    if _WHETHER.match(question):
        return None
    up, down = UP.search(query), DOWN.search(query)
    if not up and not down:  # the planner leaves "the decline of" out of the topic; the question still asks it
        up, down = UP.search(question), _ASKED_DOWN.search(question)
    if bool(up) == bool(down):
        return None
    asked = UP if up else DOWN
    said = UP.search(question) if up else _ASKED_DOWN.search(question)
    word = _asked_head(question, said, query, names, measured=True) if said is not None else None
    return (asked, word) if word else None


def _asked_head(question: str, said: re.Match[str], query: str, names: list[str], *, measured: bool = False) -> str | None:
    """The head word of what the direction word `said` moves in the question (`_moved`), among the
    search text's words that are no name's."""
    named = {w.lower() for name in names for w in name.split()}
    searched = {w.lower() for w in re.findall(r"[\w-]+", query)} - named
    return _moved(question, said, lambda w: w.lower() in searched, measured=measured)


# what measures a thing, so that it moves with it: "Declining EV Sales Forecast" says EV sales fall
# (and how much it is used or taken up: "Office Utilization Decline" says offices decline, "Declining Interest in NFTs" NFTs)
_MEASURE = re.compile(
    r"forecasts?|outlooks?|projections?|expectations?|estimates?|figures|numbers|levels?|rates?|shares?|volumes?"
    r"|sales|revenues?|valuations?|utili[sz]ation|usage|consumption|demand|occupancy|uptake|adoption|attendance|popularity|interest"
    r"|engagement|participation|membership|ridership|enrol(?:l)?ments?"  # "The Decline of Social Media Engagement"
    # ...and how many there are of a living thing: "Decline of Wild Bee Species" says bees decline
    r"|populations?|species|stocks?|colon(?:y|ies)",
    re.I,
)


def moving_words(question: str, query: str, is_actor: Callable[[str], bool]) -> list[str]:
    """The words of the search text a record's name must hold to be named for the thing that moves:
    what measures it need not be named ("Are remote work levels falling?": remote work), nor which
    way it moves ("birth rates falling": "Declining Birth Rates"), nor who does it to what the
    question names after them (`is_actor`: "people cutting back on alcohol": "Reduced Alcohol
    Consumption"; "companies reducing plastic waste": "Plastic Waste Reduction"; not "labor unions
    making a comeback", not "Are cities shrinking?"). Retrieval promotes the records so named and
    the answer's line counts them, by the same words."""
    said = UP.search(question) or DOWN.search(question)
    doers: set[str] = set()
    if said is not None:
        searched = {w.lower() for w in query.split()}
        before = {w.lower() for w in re.findall(r"[\w'’-]+", question[: said.start()])} & searched
        after = {w.lower() for w in re.findall(r"[\w'’-]+", question[said.end() :])} & searched
        doers = {w for w in before if is_actor(w)} if after else set()
    return [w for w in without_direction(query).split() if not is_measure(w) and w.lower() not in doers]


def either_of(question: str, words: list[str]) -> list[set[str]]:
    """The words (of `moving_words`) the question offers as alternatives or lists, in pairs ("the
    decline of bees or pollinators", "of bees and pollinators"): a name holding one of a pair is
    named for the thing ("Decline of Wild Bee Species"; it held neither "and" word alone)."""
    asked = {w.lower() for w in words}
    pairs = (m.groups() for m in re.finditer(r"([\w'’-]+)\s+(?:or|and)\s+([\w'’-]+)", question))
    return [{a.lower(), b.lower()} for a, b in pairs if a.lower() in asked and b.lower() in asked]


def without_direction(text: str) -> str:
    """The text without its words of direction ("people cutting back on alcohol": "people alcohol")."""
    return " ".join(DOWN.sub(" ", UP.sub(" ", text)).split())


def is_measure(word: str) -> bool:
    """Whether the word measures a thing rather than names it ("levels", "forecast", "rates")."""
    return _MEASURE.fullmatch(word) is not None


def names_topic_moving(name: str, topic: str) -> bool:
    """Whether a record's name says the topic moves, either way: what a direction word in it moves
    (`_moved`) is one of the topic's words or a measure of it ("Rising EV Sales", "Declining EV
    Sales Forecast", "Gig Economy Expansion"), not another thing said with the topic ("Rise of
    e-bikes in gig economy", "Rise of Gig Economy Protests")."""
    words = {w.lower().removesuffix("s") for w in re.findall(r"[\w-]+", topic)}
    for said in (*UP.finditer(name), *DOWN.finditer(name)):
        head = _moved(name, said, lambda w: True)
        if head is not None and (head.lower().removesuffix("s") in words or _MEASURE.fullmatch(head)):
            return True
    return False


def _same_word(word: str) -> re.Pattern[str]:
    """The head word, singular or plural ("sales": "sale", "sales")."""
    stem = word[:-1] if len(word) > 3 and word.lower().endswith("s") else word
    return re.compile(rf"{re.escape(stem)}(?:s|es)?", re.I)


def _names_moving(name: str, way: re.Pattern[str], same: re.Pattern[str]) -> bool:
    """Whether a record's name says the thing (`same`, its head word), or a measure of it, moves
    `way` ("Declining EV Sales Forecast" says EV sales fall)."""
    return any(same.fullmatch(moved) for said in way.finditer(name) for moved in _heads_moved(name, said, lambda w: True))


def opposed(query: str, question: str, names: list[str], ids: list[str], index: SearchIndex, *, contrary: bool = False) -> set[str]:
    """Of these records, those whose name says the thing the question moves moves the other way
    (the same head word, or thing measured: `_moved`), and that say nothing of the asked direction
    in name or description: "Rising EV Sales" for a slowdown in EV sales or in EV adoption; not
    "Rising Interest Rates" for falling birth rates; not "Growth in Hybrid Sales" when
    it adds that EV sales slow, not "Rising Bee Deaths" for declining bee populations, not
    "Increased Trust Issues with Media" for falling trust in the media (it moves the issues). Of a
    question that asks what goes against a claim (`contrary`), the records that say what it claims
    ("Rising EV Sales" against the idea that EV adoption is accelerating)."""
    found = contrary_asked(question, query, names) if contrary else governed(query, question, names)
    if not found or not ids or (word := found[1]) is None:
        return set()
    asked = found[0]
    other, same = DOWN if asked is UP else UP, _same_word(word)
    return {i for i, r in index.records(ids).items() if _names_moving(r.name, other, same) and not asked.search(f"{r.name} {r.description or ''}")}


# the good side of a thing, asked alone: "and the benefits?", "What are the upsides of remote work?"
_UPSIDES = re.compile(r"\b(?:benefits?|upsides?|advantages?|pros|positives?|opportunit(?:y|ies)|gains?|good\s+news|bright\s+side)\b", re.I)
_DOWNSIDES = re.compile(r"\b(?:risks?|downsides?|disadvantages?|cons|negatives?|drawbacks?|dangers?|threats?|harms?|concerns?|worries|problems?|challenges?|costs?|pitfalls?)\b", re.I)


def upsides_only(question: str, ids: list[str], index: SearchIndex) -> set[str]:
    """For a question that asks only for a thing's good side ("and the benefits?" after its risks),
    the concerns among these records: a concern is what worries, and "Unintended Consequences of
    Neural Implants" is no benefit of brain implants, however close it stands. Nothing when the
    question asks both sides ("risks and opportunities")."""
    if not _UPSIDES.search(question) or _DOWNSIDES.search(question):
        return set()
    return {i for i, kind in index.kinds_of(ids).items() if kind == "concern"}


# the downsides asked of a topic, as its first topic ("What are the risks of AI in diagnostics?"), and
# a record named for one ("AI Misdiagnosis"; what manages a risk is none: "Risk Management Focus",
# "Smart Home Automation for Safety")
_ASKED_DOWNSIDES = re.compile(
    r"risks|dangers|threats|downsides|drawbacks|pitfalls|harms|perils|unintended\s+consequences|side[\s-]effects|negative\s+(?:effects|impacts|consequences)", re.I
)
_DOWNSIDE_NAMED = re.compile(
    r"\b(?:risks?(?!\s+(?:management|assessment|mitigation|reduction|modell?ing|scoring|analysis|analytics))|dangers?|dangerous|threats?|harms?"
    r"|harmful|vulnerabilit(?:y|ies)|misuse|abuse|exploitation|unintended|interference"
    r"|disinformation|misinformation|manipulat\w*|fraud|scams?|attacks?|bias(?:es|ed)?|discriminat\w*|erosion|loss(?:es)?|displacement"
    r"|addiction|breach(?:es)?|leaks?)\b",
    re.I,
)


def downsides_first(topics: list[str], ids: list[str], index: SearchIndex) -> list[str]:
    """For a question that asks a topic's downsides (its first topic: "risks", "dangers"), these
    records with those that are one first: a concern by its kind, another record by its name
    ("AI Misdiagnosis", not "AI Diagnostic Tools", which is the topic at large, nor "AI in
    Healthcare" four times); the order otherwise kept, and nothing left out."""
    down = downsides(topics, ids, index)
    return [i for i in ids if i in down] + [i for i in ids if i not in down] if down else ids


def asked_downsides(topics: list[str]) -> str | None:
    """The downside a question asks of its topic, as it words it ("risks", "drawbacks"): its first
    topic, followed by what it is asked of; None otherwise."""
    return topics[0] if len(topics) >= 2 and _ASKED_DOWNSIDES.fullmatch(topics[0]) else None


TROUBLED = ("concern",)  # the kind of record that is a trouble by what it is


def troubles(ids: list[str], index: SearchIndex, *, named: re.Pattern[str] | None = None) -> set[str]:
    """Of these records, the troubles: a concern by its kind, another record by its name, in any
    word for a trouble ("EV Ownership Challenges"), or in those of `named` too."""
    return {
        i for i, r in index.records(ids).items() if r.kind in TROUBLED or TROUBLE_NAMED.search(r.name) or named is not None and named.search(r.name)
    }


def downsides(topics: list[str], ids: list[str], index: SearchIndex) -> set[str]:
    """Of these records, those that are a downside, for a question that asks a topic's downsides
    (`asked_downsides`): the troubles, and the records named for a downside ("AI Misdiagnosis");
    none for any other question."""
    if asked_downsides(topics) is None:
        return set()
    return troubles(ids, index, named=_DOWNSIDE_NAMED)


def whether_asked(question: str, query: str, names: list[str]) -> tuple[re.Pattern[str], str] | None:
    """For a question whether a thing moves so ("Is the gig economy shrinking?", "Are lithium
    prices falling?"), the direction asked and the head word of what moves ("economy"); None for
    any other question. Such a question is answered by the records saying it moves either way
    (`governed` leaves it alone), and how many say each is worth saying (`moving`)."""
    if not _WHETHER.match(question):
        return None
    up, down = UP.search(question), _ASKED_DOWN.search(question)
    if up and down:
        # either way, as the question offers both ("Is the gig economy growing or shrinking?"): the
        # way it names first
        first, second = sorted((up, down), key=lambda m: m.start())
        if not _EITHER_WAY.fullmatch(question[first.end() : second.start()]):
            return None
        up, down = (up, None) if first is up else (None, down)
    said = up or down
    word = _asked_head(question, said, query, names) if said is not None else None
    return (UP if up else DOWN, word) if word else None


_EITHER_WAY = re.compile(r"\s*,?\s+or\s+(?:is\s+it\s+|are\s+they\s+)?", re.I)


# the claim a question goes against, as it names it: "the idea that", "the narrative of" (`plan` drops it)
CLAIM = re.compile(r"\b(?:the|this|that)\s+(?:idea|view|claim|notion|narrative|assumption|thesis|belief|consensus)(?:\s+(?:that|of|about|on))?\b", re.I)
# ...and a claim that a thing holds, which goes up as far as going against it is concerned
_HOLDS = re.compile(r"\bhere\s+to\s+stay\b|\bthe\s+new\s+normal\b|\b(?:inevitable|unstoppable)\b", re.I)


def contrary_asked(question: str, query: str, names: list[str]) -> tuple[re.Pattern[str], str | None] | None:
    """For a question that asks what goes against its topic or a claim about it (the plan's
    `contrary`), the direction that goes against it and the head word of what moves (or of the
    thing a measure measures; None when no word of the search text is one): against a claim that
    the thing moves one way ("the idea that EV adoption is accelerating"), the other way; against
    the thing itself ("counter-trends to AI adoption", "the AI bubble"), or a claim that it holds
    ("the idea that remote work is here to stay"), down, and the head is the search text's own
    ("AI"). None when the question says both ways, or names a claim that says neither ("the idea
    that remote work hurts productivity": what goes against it is no way of remote work's)."""
    up, down = UP.search(question) or _HOLDS.search(question), _ASKED_DOWN.search(question)
    if up and down:
        return None
    said = up or down
    if said is not None:
        head = _asked_head(question, said, query, names, measured=True)
        if head is not None or not _HOLDS.fullmatch(said.group(0)):
            return (UP if down else DOWN), head
    elif CLAIM.search(question):
        return None
    named = {w.lower() for name in names for w in name.split()}
    kept = [w for w in re.findall(r"[\w'’-]+", query) if w.lower() not in named and not _FILLER.fullmatch(w) and not is_direction(w)]
    while len(kept) > 1 and is_measure(kept[-1]):
        kept.pop()
    return DOWN, (kept[-1] if kept else None)


# what holds a thing back, as the trade names it: a record named for the thing and one of these
# goes against it as surely as one named for its fall ("Remote Work Difficulties", "Resistance to
# Return-to-Office Policies", "Cultural Barriers to AI Adoption")
FRICTION = re.compile(
    r"\b(?:difficult(?:y|ies)|challenges|barriers?|obstacles?|hurdles?|resistance|backlash|push-?back|scepticism|skepticism|sceptic(?:s|al)?"
    r"|skeptic(?:s|al)?|doubts?|limits|limited|limitations?|failures?|failing|fatigue|revers(?:al|als|ed|ing)|rejection|rejecting|opposition"
    r"|disillusion(?:ment)?|hesitan(?:cy|ce)|reluctance|retreat|u-?turn|bans?|banned|banning|restrictions?|crackdowns?|curbs?|detox"
    r"|overestimat(?:e|es|ed|ion)|paradox(?:es)?|overhyped|disappoint(?:s|ing|ment))\b",
    re.I,
)
# ...and a name that says a trouble in any word for one ("Increased Awareness of EV Ownership
# Challenges", "Vertical Farming Viability Concerns"): what holds a thing back, or a problem it has
TROUBLE_NAMED = re.compile(
    r"\b(?:concerns?|problems?|struggl(?:e|es|ing)|setbacks?|delays?|shortages?|bottlenecks?|constraints?|gaps?)\b|" + FRICTION.pattern, re.I
)


def held_back(word: str, topic: str, names: dict[str, str]) -> list[str]:
    """Of these records (id -> name), those named for the thing (`word`, with another word of the
    `topic` when it has one, as `moving` reads them; a measure need not be named: "Consumer
    Hesitance Towards EVs" holds back EV sales) and for what holds it back (`FRICTION`)."""
    same = None if is_measure(word) else re.compile(r"(?<![\w-])" + _same_word(word).pattern + r"(?![\w-])", re.I)
    also = _also_of(word, topic)
    return [i for i, name in names.items() if (same is None or same.search(name)) and (also is None or also.search(name)) and FRICTION.search(name)]


def _also_of(word: str, topic: str) -> re.Pattern[str] | None:
    """Another word of the topic than its head `word`, one of which a name must hold to be about
    it ("gig" for "economy" of the gig economy); a measure of it need not be named."""
    others = [w for w in re.findall(r"[\w-]+", topic) if w.lower() != word.lower() and not _FILLER.fullmatch(w) and not is_measure(w)]
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in others) + r")(?:s|es)?(?![\w-])", re.I) if others else None


def moving(word: str, topic: str, names: dict[str, str]) -> tuple[list[str], list[str]]:
    """Of these records (id -> name), those whose name says the thing (`word`, its head word, with
    another word of the `topic` when it has one) goes up, and those whose name says it goes down:
    "Rise of Gig Economy", "Gig Economy Expansion" for the gig economy; not "Growth in Hybrid
    Vehicle Sales" for EV sales; a measure of it need not be named ("Declining EV Sales Forecast"
    for EV adoption). A name that says both is neither."""
    same, also = _same_word(word), _also_of(word, topic)

    def says(name: str, way: re.Pattern[str]) -> bool:
        return (also is None or also.search(name) is not None) and _names_moving(name, way, same)

    up = [i for i, name in names.items() if says(name, UP) and not says(name, DOWN)]
    down = [i for i, name in names.items() if says(name, DOWN) and not says(name, UP)]
    return up, down

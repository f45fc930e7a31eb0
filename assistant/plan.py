"""The rule-based planner: intent, record kinds, relevancy, dates and the search text of a question.

Pure functions over the text; `today` is a parameter so relative dates are testable.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from .models import Intent, QueryPlan

# Kind words; a word glued to a hyphen ("technology-based", "risk-free") is a modifier, not a kind.
_NOT_HYPHENATED = r"(?<![-\w])(?:{})(?![-\w])"
KIND_PATTERNS: dict[str, str] = {
    "signal": r"signals?|trends?",
    "concern": r"concerns?|risks?|worries|worry|fears?|dangers?|could go wrong",
    "behavior": r"behaviou?rs?|habits?|practices",
    "technology": r"technolog(?:y|ies)|tech(?:s)?",
    "issue": r"issues?",
}
KIND_RES = {kind: re.compile(_NOT_HYPHENATED.format(p), re.I) for kind, p in KIND_PATTERNS.items()}

INTENT_PATTERNS: list[tuple[Intent, re.Pattern[str]]] = [
    ("briefing", re.compile(r"\bbrief(?:ing)?s?\b|\bmemo\b|\bsitrep\b|\bdraft (?:a|an|me)\b", re.I)),
    ("compare", re.compile(r"\bcompar(?:e|es|ed|ing|ison)\b|\bvs\.?\b|\bversus\b|\bdiffer(?:s|ence|ences)?\b|\bcontrast\b", re.I)),
    ("count", re.compile(r"\bhow many\b|\bcount\b|\bnumber of\b", re.I)),
    (
        "trend",
        re.compile(
            r"\bhow (?:has|have|did|is|are)\b.*\b(?:gr[eo]wn?|grow(?:ing)?|chang(?:e|ed|ing)|evolv(?:e|ed|ing)|develop(?:ed|ing)?|ris(?:e|en|ing)|shift(?:ed|ing)?)\b"
            r"|\bover time\b|\btimeline\b|\bby month\b|\bper month\b|\bwhat'?s new\b|\bwhat is new\b|\bemerging\b",
            re.I,
        ),
    ),
    ("list", re.compile(r"^\s*(?:list|enumerate|show me all|show all)\b|\ball (?:the )?(?:signals|concerns|behaviou?rs|technologies|issues)\b|\bevery\b", re.I)),
]

_REL = r"(?:relevan(?:cy|ce)|rated|rating|score[d]?|priority)"
RELEVANCY_PATTERNS: list[tuple[re.Pattern[str], int | None]] = [
    (re.compile(_REL + r"\s*(?:of\s*|score\s*)?(?:>=|≥|=>|at least|of at least|above|over|>)\s*([1-5])", re.I), None),
    (re.compile(_REL + r"[\s-]*(?:of\s*|is\s*|=\s*)?([1-5])(?:\s*/\s*5|\s*out of 5)?\b", re.I), None),
    (re.compile(r"\b([1-5])\s*(?:/\s*5|out of 5)\b", re.I), None),
    (re.compile(r"\b(?:top|highest|best)[\s-]rated\b|\bcritical\b|\bmaximum relevan", re.I), 5),
    (re.compile(r"\bhigh(?:ly)?[\s-]*(?:relevan(?:cy|ce|t)|priority|impact)\b|\bimportant\b", re.I), 4),
]

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTH = r"(?:(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+)?"
_YEAR = r"((?:19|20)\d{2})"

# Words that frame a question rather than name its topic; stripped from the search text.
FRAMING = set(
    """
    a an the and or of on in at to for from with by about into over as is are was were be been being do does did
    what which who whom whose where when why how whats what's there here any some all every each this that these
    those it its we our us i me my you your they them their show tell list give find get please just only also
    corpus database index records record say says said mention mentions mentioning involve involves involving
    describe describes describing cover covers covering relate relates related relating regarding concerning
    have has had can could would should will may might must let lets let's draft brief briefing briefings memo write
    compare compared comparing comparison versus vs differ differs difference how many count number much
    relevant relevancy relevance rated rating score high highly top highest critical important
    kind kinds type types sort sorts like citing cite cited hold holds contain contains exist exists
    new latest recent recently happening going anything everything
    """.split()
)
_KIND_WORDS = re.compile(
    r"(?<![-\w])(?:signals?|concerns?|behaviou?rs?|technolog(?:y|ies)|issues?|trends?|risks?|could go wrong|go wrong)(?![-\w])",
    re.I,
)


def plan(question: str, *, today: date | None = None) -> QueryPlan:
    """A `QueryPlan` read off the question's words (no model involved)."""
    today = today or date.today()
    text = " ".join(question.split())
    since, until, date_spans = _dates(text, today)
    relevancy, rel_spans = _relevancy(text)
    intent = _intent(text)
    kinds = [kind for kind, rx in KIND_RES.items() if rx.search(text)]
    if kinds == ["signal"] and re.search(r"\btrends?\b", text, re.I) and not re.search(r"\bsignals?\b", text, re.I):
        kinds = []  # "trends" alone is a topic word more often than a request for signals only
    query, topics = _search_text(text, date_spans + rel_spans)
    return QueryPlan(
        question=question,
        intent=intent,
        kinds=kinds,
        min_relevancy=relevancy,
        since=since,
        until=until,
        topics=topics,
        query=query,
        sides=_sides(text) if intent == "compare" else [],
    )


def _intent(text: str) -> Intent:
    for intent, rx in INTENT_PATTERNS:
        if rx.search(text):
            return intent
    return "lookup"


def _relevancy(text: str) -> tuple[int | None, list[tuple[int, int]]]:
    """The first relevancy phrase sets the threshold; every one of them is stripped from the search."""
    value: int | None = None
    spans: list[tuple[int, int]] = []
    for rx, fixed in RELEVANCY_PATTERNS:
        for match in rx.finditer(text):
            if value is None:
                value = fixed if fixed is not None else int(match.group(1))
            spans.append(match.span())
    return value, spans


def _dates(text: str, today: date) -> tuple[date | None, date | None, list[tuple[int, int]]]:
    """(since, until, spans) from phrases like 'since 2024', 'in March 2025', 'between 2023 and 2024'."""
    rx_range = re.compile(r"\b(?:between|from)\s+" + _MONTH + _YEAR + r"\s+(?:and|to|until|-)\s+" + _MONTH + _YEAR, re.I)
    if m := rx_range.search(text):
        start = _first_day(m.group(1), m.group(2))
        end = _last_day(m.group(3), m.group(4))
        return start, end, [m.span()]
    rx_since = re.compile(r"\b(since|after|from|starting|as of)\s+" + _MONTH + _YEAR, re.I)
    rx_until = re.compile(r"\b(before|until|up to|prior to|by)\s+" + _MONTH + _YEAR, re.I)
    rx_in = re.compile(r"\b(?:in|during|throughout|of)\s+" + _MONTH + _YEAR + r"\b", re.I)
    since = until = None
    spans: list[tuple[int, int]] = []
    if m := rx_since.search(text):
        word, month, year = m.group(1).lower(), m.group(2), m.group(3)
        if word == "after":
            since = _last_day(month, year) + timedelta(days=1)
        else:
            since = _first_day(month, year)
        spans.append(m.span())
    if m := rx_until.search(text):
        word, month, year = m.group(1).lower(), m.group(2), m.group(3)
        until = _first_day(month, year) - timedelta(days=1) if word in ("before", "prior to") else _last_day(month, year)
        spans.append(m.span())
    if since is None and until is None and (m := rx_in.search(text)):
        since, until = _first_day(m.group(1), m.group(2)), _last_day(m.group(1), m.group(2))
        spans.append(m.span())
    if since is None and until is None:
        since, until, span = _relative(text, today)
        spans += span
    return since, until, spans


def _relative(text: str, today: date) -> tuple[date | None, date | None, list[tuple[int, int]]]:
    if m := re.search(r"\bthis year\b", text, re.I):
        return date(today.year, 1, 1), None, [m.span()]
    if m := re.search(r"\blast year\b", text, re.I):
        return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31), [m.span()]
    if m := re.search(r"\b(?:in the |over the )?(?:past|last)\s+(\d+|two|three|six|twelve)?\s*(month|year|week)s?\b", text, re.I):
        words = {"two": 2, "three": 3, "six": 6, "twelve": 12}
        amount = int(words.get((m.group(1) or "1").lower(), m.group(1) or 1))
        days = {"week": 7, "month": 31, "year": 366}[m.group(2).lower()] * amount
        return today - timedelta(days=days), None, [m.span()]
    return None, None, []


def _first_day(month: str | None, year: str) -> date:
    return date(int(year), MONTHS[month.lower()] if month else 1, 1)


def _last_day(month: str | None, year: str) -> date:
    number = MONTHS[month.lower()] if month else 12
    return date(int(year), number, calendar.monthrange(int(year), number)[1])


_TREND_WORDS = re.compile(
    r"\b(?:over time|timeline|by month|per month|gr[eo]wn?|evolved|changed|shifted|emerging|what'?s new)\b", re.I
)


def _search_text(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[str]]:
    """The question without its framing words, filters and kind words; and its topic phrases."""
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + " , " + text[end:]
    text = _KIND_WORDS.sub(" , ", text)
    text = _TREND_WORDS.sub(" , ", text)
    topics: list[str] = []
    current: list[str] = []
    for token in re.findall(r"[\w][\w'’.&/+-]*[\w+]|[\w]|[,;:?!()]", text):
        word = token.strip(".")
        acronym = len(word) > 1 and word.isupper()  # "US", "EU", "AI" are topics, "us" is not
        if (word.lower() in FRAMING and not acronym) or not re.search(r"\w", word) or re.fullmatch(r"\d{1,2}", word):
            if current:
                topics.append(" ".join(current))
                current = []
            continue
        current.append(word)
    if current:
        topics.append(" ".join(current))
    return " ".join(topics), topics


def _sides(text: str) -> list[str]:
    """The two things a comparison compares, when the sentence says them plainly."""
    body = re.sub(r"[?.!]+$", "", text)
    kind = r"(?:signals?|concerns?|behaviou?rs?|technolog(?:y|ies)|issues?)"
    shared = re.search(
        r"^(?:compare\s+)?(?:the\s+)?(.+?)\s+" + kind + r"\s+(in|for|from|between|across)\s+(?:the\s+)?(.+?)\s+"
        r"(?:and|vs\.?|versus|with)\s+(?:the\s+|those\s+(?:in|of)\s+(?:the\s+)?)?(.+)$",
        body,
        re.I,
    )
    if shared and not re.search(r"\b(?:how|what|which)\b", shared.group(1), re.I):
        # "AI-regulation signals in the EU and the US": the topic goes to both sides.
        topic, preposition = shared.group(1).strip(), shared.group(2).lower()
        preposition = "in" if preposition in ("between", "across") else preposition
        return [f"{topic} {preposition} {shared.group(i).strip()}" for i in (3, 4)]
    patterns = [
        r"\b(?:how\s+)?(?:do|does)\s+(.+?)\s+(?:compare|contrast)\s+(?:with|to|against)\s+(.+)",
        r"\bcompare\s+(?:the\s+)?(.+?)\s+(?:with|and|to|against|versus|vs\.?)\s+(.+)",
        r"\bhow\s+(?:do|does)\s+(.+?)\s+differ\s+from\s+(.+)",
        r"(.+?)\s+(?:vs\.?|versus)\s+(.+)",
    ]
    for pattern in patterns:
        if m := re.search(pattern, body, re.I):
            sides = [_side_topic(m.group(1)), _side_topic(m.group(2))]
            if all(sides):
                return sides
    return []


def _side_topic(text: str) -> str:
    """A side as the user worded it, minus the leading "(the) signals about" / "those on"."""
    text = re.sub(
        r"^(?:the\s+)?(?:signals?|concerns?|behaviou?rs?|technolog(?:y|ies)|issues?)\s+(?:on|about|around|of|for)\s+",
        "",
        text.strip(),
        flags=re.I,
    )
    text = re.sub(r"^(?:those|ones)\s+(?:on|about|around|of|for)\s+", "", text, flags=re.I)
    text = re.sub(r"^(?:the|how)\s+", "", text, flags=re.I).strip(" ,;:")
    return text if _search_text(text, [])[0] else ""


def parse_day(value: date | str, *, end: bool) -> date:
    """A date from `2025-03-14`, `2025-03` or `2025` (the first or last day of that span)."""
    if isinstance(value, date):
        return value
    parts = [int(p) for p in str(value).strip().split("-")]
    if len(parts) == 1:
        return date(parts[0], 12, 31) if end else date(parts[0], 1, 1)
    if len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        return date(parts[0], parts[1], last if end else 1)
    return date(parts[0], parts[1], parts[2])

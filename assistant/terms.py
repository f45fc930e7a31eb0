"""A frame of the trade that the corpus writes as a term of its own: "the future of X" asks about
X ("the future of retail" is retail), unless the records write "future of X" as a name for a field
("the future of work", in 37 records of the full corpus; "future of retail" in none). The planner
drops the frame by its words; the corpus says when to keep it. So with a small word inside a
compound the corpus hyphenates: "the right to repair" is one term ("Right-to-Repair"), not "right"
and "repair".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .models import QueryPlan

if TYPE_CHECKING:
    from index.search import SearchIndex

_FUTURE_OF = re.compile(r"\bfuture\s+of\s+(?P<topic>[\w-]+)\b", re.I)
TERM_RECORDS = 10  # records that must write "future of X" for it to be a term, not a frame


def as_terms(plan: QueryPlan, index: SearchIndex, earlier: Sequence[str] = ()) -> QueryPlan:
    """The plan with "future of X" back in its topic where the corpus writes it as a term (the
    plan itself when there is none); a follow-up's `earlier` questions say it too ("now make
    cards" after a briefing on the future of work)."""
    text = " ".join([plan.resolved or plan.question, *earlier])
    topics, query = list(plan.topics), plan.query
    for match in _FUTURE_OF.finditer(text):
        word, term = match.group("topic"), f"future of {match.group('topic')}"
        at = next((n for n, t in enumerate(topics) if re.search(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", t)), None)
        if at is None or term.lower() in query.lower() or index.phrase_records(term) < TERM_RECORDS:
            continue
        topics[at] = re.sub(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", term, topics[at], count=1)
        query = re.sub(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", term, query, count=1)
    topics, query = _joined(plan.resolved or plan.question, topics, query, index)
    if query == plan.query:
        return plan
    return plan.model_copy(update={"topics": topics, "query": query})


# two words joined by a small word in the question ("the right to repair", "the cost of living")
_JOINED = re.compile(r"(?<![\w-])(?=([\w-]+)\s+(of|to|from|for|in|on|at|by|with|and)\s+([\w-]+)(?![\w-]))", re.I)
COMPOUND_RECORDS = 2  # records that must write the three words as one hyphenated word for the small word to stay


def _joined(text: str, topics: list[str], query: str, index: SearchIndex) -> tuple[list[str], str]:
    """The search text with a small word back between two of its words where the question says
    them so and the corpus writes them as one compound word ("right repair": "right to repair",
    written "Right-to-Repair" in 14 records; "cost living": "cost of living", "cost-of-living"),
    and the topics the small word had split joined again. Written apart only, the words are a
    phrase, not a term: "the impact of AI" (317 records) asks the impact of AI, "AI in
    healthcare" is AI in a setting."""
    for match in _JOINED.finditer(text):
        first, small, last = match.groups()
        # (the words as the search text writes them; across two topics, the mark between them)
        apart = re.compile(rf"(?<![\w-])({re.escape(first)})\s+(?:¦\s+)?({re.escape(last)})(?![\w-])", re.I)
        if not apart.search(query) or index.phrase_records(f"{first}-{small}-{last}") < COMPOUND_RECORDS:
            continue
        query = apart.sub(rf"\1 {small} \2", query, count=1)
        topics = [t.strip() for t in apart.sub(rf"\1 {small} \2", " ¦ ".join(topics), count=1).split("¦")]
    return topics, query


def field_term(query: str) -> str | None:
    """The corpus term a plan's search text holds ("future of work"), which `as_terms` put there,
    or None."""
    match = _FUTURE_OF.search(query)
    return match.group(0) if match else None

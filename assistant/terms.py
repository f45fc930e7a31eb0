"""A frame of the trade that the corpus writes as a term of its own: "the future of X" asks about
X ("the future of retail" is retail), unless the records write "future of X" as a name for a field
("the future of work", in 37 records of the full corpus; "future of retail" in none). The planner
drops the frame by its words; the corpus says when to keep it.
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
    if query == plan.query:
        return plan
    return plan.model_copy(update={"topics": topics, "query": query})


def field_term(query: str) -> str | None:
    """The corpus term a plan's search text holds ("future of work"), which `as_terms` put there,
    or None."""
    match = _FUTURE_OF.search(query)
    return match.group(0) if match else None

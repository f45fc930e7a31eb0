"""The verb of a question asked with "do", "does", "will" or "can" is no part of its subject:
"What opportunities does generative AI offer to small businesses?" asks about generative AI and
small businesses, not "generative AI offer".

The planner keeps every word that frames nothing, and a verb after the question's subject is such
a word, so it joined the subject's topic: it was searched for, and the topic it joined could not
be placed in the next one ("offer to" places small businesses around generative AI). After such
an auxiliary the subject comes first and its bare verb last; the last word of the subject's topic
is read as that verb when the corpus never writes it after the word before it ("AI offer",
"media contribute", "automation mean"), where a subject's own words are written together ("heat
pumps", "remote work"). An inflected word or a noun by its ending ("makers", "shipping", "used",
"production") is no bare verb.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from index.filters import NodeFilter

from .models import QueryPlan

if TYPE_CHECKING:
    from index.search import SearchIndex

_AUXILIARY = re.compile(
    r"^\s*(?:what|how|why|where|which|who|when)\b(?:\s+[\w'-]+){0,3}?\s+(?:do|does|did|will|would|can|could|might|may|should)\s+"
    r"(?:the\s+|a\s+|an\s+|our\s+|their\s+)?",
    re.I,
)
_INFLECTED = re.compile(r"(?:s|ed|ing|ion|ment|ness|ity|ist)$", re.I)
WRITTEN_TOGETHER = 2  # records that write the two words side by side for them to be one subject


def without_verb(plan: QueryPlan, index: SearchIndex) -> QueryPlan:
    """The plan with the bare verb after its subject dropped from its topics and query (the plan
    itself when there is none)."""
    text = plan.resolved or plan.question
    opening = _AUXILIARY.match(text)
    if opening is None or not plan.topics:
        return plan
    subject = next((t for t in plan.topics if text.lower().startswith(t.lower(), opening.end())), None)
    words = subject.split() if subject else []
    if len(words) < 2 or _INFLECTED.search(words[-1]) or not words[-1].isalpha() or words[-1].isupper():
        return plan
    pair = f"{words[-2]} {words[-1]}"
    pattern = re.compile(r"(?<![\w-])" + re.escape(pair) + r"(?![\w-])", re.I)
    if len(index.mentioning([pair], pattern, NodeFilter())) >= WRITTEN_TOGETHER:
        return plan
    assert subject is not None
    shorter = " ".join(words[:-1])
    topics = [shorter if t == subject else t for t in plan.topics]
    query = re.sub(r"(?<![\w-])" + re.escape(subject) + r"(?![\w-])", shorter, plan.query, count=1)
    return plan.model_copy(update={"topics": topics, "query": query})

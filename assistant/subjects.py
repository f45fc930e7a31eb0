"""The verb of a question asked with "do", "does", "will" or "can" is no part of its subject:
"What opportunities does generative AI offer to small businesses?" asks about generative AI and
small businesses, not "generative AI offer".

The planner keeps every word that frames nothing, and a verb after the question's subject is such
a word, so it joined the subject's topic: it was searched for, and the topic it joined could not
be placed in the next one ("offer to" places small businesses around generative AI). After such
an auxiliary the subject comes first and its bare verb after it; the last word of the subject's
topic is read as that verb when a preposition follows it, the corpus never writes it after the
word before it ("AI offer", "debris mean"), where a subject's own words are written together
("heat pumps", "remote work"), and writes it as a verb ("offered", "offering"). An inflected word,
or a noun by its ending ("makers", "shipping", "production"), is no bare verb. A verb with an
object stays: "How do teenagers use AI chatbots?" asks about their use, and without "use" the
answer turned to chatbots at large.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from index.filters import NodeFilter

from .models import QueryPlan
from .plan import EFFECTING, FRAMING

if TYPE_CHECKING:
    from index.search import SearchIndex

_AUXILIARY = re.compile(
    r"^\s*(?:what|how|why|where|which|who|when)\b(?:\s+[\w'-]+){0,3}?\s+(?:do|does|did|will|would|can|could|might|may|should)\s+"
    r"(?:the\s+|a\s+|an\s+|our\s+|their\s+)?",
    re.I,
)
_PREPOSITION = re.compile(r"\s+(?:for|to|in|on|with|from|at|by|against|into|about)\b", re.I)
_EFFECTING = re.compile(EFFECTING, re.I)  # a bare one ("change", not "changes": `_bare_verb`), after "will" or "does"
_INFLECTED = re.compile(r"(?:s|ed|ing|ion|ment|ness|ity|ist)$", re.I)
WRITTEN_TOGETHER = 2  # records that write the two words side by side for them to be one subject
SAMPLED = 100  # the records BM25 ranks best for the words, where that is read


def without_verb(plan: QueryPlan, index: SearchIndex) -> QueryPlan:
    """The plan with the bare verb after its subject dropped from its topics and query (the plan
    itself when there is none)."""
    text = plan.resolved or plan.question
    opening = _AUXILIARY.match(text)
    if opening is None or not plan.topics:
        return plan
    # the first topic, after nothing but framing words ("What does the rise of AI agents mean for ...")
    found = sorted((at, t) for t in plan.topics if (at := text.lower().find(t.lower(), opening.end())) >= 0)
    at, subject = found[0] if found else (-1, None)
    if subject is not None and not all(w in FRAMING for w in text[opening.end() : at].lower().split()):
        subject = None
    words = subject.split() if subject else []
    # the verb ends the subject's topic and a preposition follows it ("generative AI offer to",
    # "a carbon border tax mean for"); a verb with an object says what is asked ("teenagers use AI chatbots")
    following = text[at + len(subject) :] if subject else ""
    if subject is not None and (apart := _effecting_apart(words, index)):
        # "How will AI change journalism?": what one does to the other, as "changing" says it
        topics = [t for topic in plan.topics for t in (apart if topic == subject else [topic])]
        query = re.sub(r"(?<![\w-])" + re.escape(subject) + r"(?![\w-])", " ".join(apart), plan.query, count=1)
        return plan.model_copy(update={"topics": topics, "query": query})
    if len(words) < 2 or not _PREPOSITION.match(following) or not _bare_verb(words[-2], words[-1], index):
        return plan
    assert subject is not None
    before = " ".join(words[:-1])
    topics = [before if t == subject else t for t in plan.topics]
    query = re.sub(r"(?<![\w-])" + re.escape(subject) + r"(?![\w-])", before, plan.query, count=1)
    return plan.model_copy(update={"topics": topics, "query": query})


def _effecting_apart(words: list[str], index: SearchIndex) -> list[str] | None:
    """The subject's topic cut at a bare verb that says only that one thing does something to
    another, with words on both sides ("AI change journalism": AI, journalism), or None. "climate
    change" is written together, so "Will climate change affect wine?" is cut at "affect"."""
    for n in range(1, len(words) - 1):
        if _EFFECTING.fullmatch(words[n]) and _bare_verb(words[n - 1], words[n], index):
            return [" ".join(words[:n]), " ".join(words[n + 1 :])]
    return None


def _bare_verb(previous: str, word: str, index: SearchIndex) -> bool:
    """Whether the word after `previous` in a subject is a bare verb: a word that is no inflected
    form, that the corpus writes as a verb ("offered", "offering"), and never after `previous`. Read
    from the records BM25 ranks best for the words (`SAMPLED`): a scan of every record for each
    form took a second a question."""
    if _INFLECTED.search(word) or not word.isalpha() or word.isupper():
        return False

    def written(query: str, pattern: str) -> int:
        found = re.compile(r"(?<![\w-])(?:" + pattern + r")(?![\w-])", re.I)
        ids = [i for i, _ in index.lexical(query, SAMPLED, NodeFilter())]
        return sum(1 for r in index.records(ids).values() if found.search(r.fields()))

    w = re.escape(word)
    if written(f"{previous} {word}", re.escape(previous) + r"\s+" + w) >= WRITTEN_TOGETHER:
        return False
    stem = re.escape(word[:-1] if word.endswith("e") else word)
    return written(word, stem + r"(?:ed|ing)") > 0  # a noun has its plural too, a verb its past and participle

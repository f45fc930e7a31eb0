"""A frame the corpus writes as a term of its own (assistant/terms.py), on a stand-in index."""

from __future__ import annotations

from datetime import date

from assistant.plan import plan
from assistant.terms import COMPOUND_RECORDS, TERM_RECORDS, as_terms


class Written:
    """Answers `phrase_records` as an index would: how many records write each phrase."""

    def __init__(self, counts: dict[str, int]):
        self.counts = counts

    def phrase_records(self, phrase: str) -> int:
        return self.counts.get(phrase.lower(), 0)


def test_the_future_of_a_field_the_corpus_names_stays_a_term():
    workshop = plan("I'm preparing a workshop on the future of work, what should I know?", today=date(2026, 12, 2))
    assert workshop.query == "work"  # the planner drops the frame by its words
    kept = as_terms(workshop, Written({"future of work": TERM_RECORDS}))
    assert (kept.query, kept.topics) == ("future of work", ["future of work"])
    retail = plan("What is the future of retail?", today=date(2026, 12, 2))
    assert as_terms(retail, Written({"future of retail": TERM_RECORDS - 1})) is retail  # "the future of retail" is retail


def test_a_follow_up_keeps_the_term_its_conversation_said():
    # "now make cards" after a briefing on the future of work is resolved as "make cards about work"
    cards = plan("now make cards about work?", today=date(2026, 12, 2))
    written = Written({"future of work": TERM_RECORDS})
    assert as_terms(cards, written) is cards
    assert as_terms(cards, written, ["Draft a briefing on the future of work"]).query == "future of work"


def test_a_compound_the_corpus_hyphenates_keeps_its_small_word():
    # "right repair", "cost living": the planner drops "to" and "of" and splits the topic in two
    repair = plan("Which weak signals point to a shift in favour of the right to repair?", today=date(2026, 12, 2))
    assert repair.topics == ["right", "repair"]
    kept = as_terms(repair, Written({"right-to-repair": COMPOUND_RECORDS}))
    assert (kept.query, kept.topics) == ("right to repair", ["right to repair"])
    living = plan("How many signals are about the cost of living?", today=date(2026, 12, 2))
    assert as_terms(living, Written({"cost-of-living": COMPOUND_RECORDS})).topics == ["cost of living"]
    # written apart only, the words are a phrase of a topic: "the impact of AI" is not a term
    impact = plan("What is the impact of AI on jobs?", today=date(2026, 12, 2))
    assert as_terms(impact, Written({"impact of ai": 317, "impact-of-ai": COMPOUND_RECORDS - 1})) is impact

"""Acronyms as the corpus defines them, and what they add to a question."""

from __future__ import annotations

from index.acronyms import defined, reworded, spell

TEXTS = [
    "Signal Basic income pilots. Cities test a universal basic income (UBI) for artists.",
    "Concern Funding. Who pays for universal basic income (UBI) once the pilots end?",
    "Technology Brain-Computer Interfaces (BCIs). Implants that read neural signals.",
    "Issue Implant safety. Brain-computer interfaces (BCI) need new medical rules.",
    "Signal Reactors. Small modular reactors (SMRs) for data centres.",  # defined once only
    "Signal Cars. Electric vehicles (EV) sell well.",  # two letters: defined too rarely
    "Signal Cars again. Electric vehicles (EV) sell even better.",
    "Behavior Plain brackets. Drivers (mostly young) switch lanes.",
]


def test_the_corpus_defines_an_acronym_when_it_spells_it_out_often_enough():
    table = defined(TEXTS)
    assert table == {"UBI": "universal basic income", "BCI": "brain computer interfaces"}


def test_a_question_gains_the_other_form_of_what_it_says():
    table = defined(TEXTS)
    spelled = spell("universal basic income pilots", table)
    assert spelled.terms == ("ubi",) and spelled.pairs == (("UBI", "universal basic income", False),)
    spelled = spell("BCIs privacy", table)  # in capitals, plural too
    assert spelled.terms == ("brain", "comput", "interfac") and spelled.pairs == (("BCI", "brain computer interfaces", True),)
    assert spell("ubi in lower case is a word", table).terms == ()
    assert spell("basic income", table).terms == ()  # part of the phrase is not the phrase


def test_a_question_reworded_in_the_other_forms():
    pairs = [("UBI", "universal basic income", False), ("BCI", "brain computer interfaces", True)]
    assert reworded("Universal Basic Income and BCIs", pairs) == "UBI and brain computer interfaces"
    assert reworded("brain-computer interface rules", [("BCI", "brain computer interfaces", False)]) == "BCI rules"

"""The rule-based planner: kinds, relevancy, dates, intent and the search text."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.plan import plan

TODAY = date(2026, 11, 25)


def p(question):
    return plan(question, today=TODAY)


@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        ("What escalation signals involve Estonia?", ["signal"]),
        ("concerns about orbital debris", ["concern"]),
        ("Only behaviours, please: how are gangs operating?", ["behavior"]),
        ("Which technologies turn seawater into drinking water?", ["technology"]),
        ("What issues does remote work raise?", ["issue"]),
        ("Draft a briefing citing the signals and concerns", ["signal", "concern"]),
        ("what could go wrong with gene editing", ["concern"]),
        ("technology-based remedies for loneliness", []),
        ("What's happening with heat pumps?", []),
    ],
)
def test_kinds(question, kinds):
    assert p(question).kinds == kinds


@pytest.mark.parametrize(
    ("question", "relevancy"),
    [
        ("high-relevancy concerns about space debris", 4),
        ("signals with relevancy >= 3 on AI", 3),
        ("relevancy ≥ 4 concerns", 4),
        ("How many relevancy-5 concerns are there?", 5),
        ("concerns rated 5 about e-waste", 5),
        ("critical issues in shipping", 5),
        ("top-rated signals about psychedelics", 5),
        ("signals about psychedelics", None),
    ],
)
def test_relevancy(question, relevancy):
    assert p(question).min_relevancy == relevancy


@pytest.mark.parametrize(
    ("question", "since", "until"),
    [
        ("signals since 2024 about AI", date(2024, 1, 1), None),
        ("what is new since March 2025?", date(2025, 3, 1), None),
        ("concerns in 2025", date(2025, 1, 1), date(2025, 12, 31)),
        ("issues in June 2024", date(2024, 6, 1), date(2024, 6, 30)),
        ("signals between 2023 and 2024", date(2023, 1, 1), date(2024, 12, 31)),
        ("signals before 2023", None, date(2022, 12, 31)),
        ("signals after 2023", date(2024, 1, 1), None),
        ("signals from last year", date(2025, 1, 1), date(2025, 12, 31)),
        ("signals about drones", None, None),
    ],
)
def test_dates(question, since, until):
    planned = p(question)
    assert (planned.since, planned.until) == (since, until)


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("What escalation signals involve Estonia?", "lookup"),
        ("List the technologies for recycling batteries", "list"),
        ("how many concerns mention ransomware?", "count"),
        ("brief me on youth military programs", "briefing"),
        ("Draft a briefing on H5N1", "briefing"),
        ("compare AI regulation in the EU and the US", "compare"),
        ("AI tutors vs students cheating", "compare"),
    ],
)
def test_intent(question, intent):
    assert p(question).intent == intent


@pytest.mark.parametrize(
    ("question", "query"),
    [
        ("What escalation signals involve Estonia?", "escalation Estonia"),
        ("How many relevancy-5 concerns are there about space debris, and what are they?", "space debris"),
        ("What does the US say about us?", "US"),
        ("issues in 2025 with relevancy >= 4", ""),
    ],
)
def test_search_text_drops_framing_words_and_filters(question, query):
    assert p(question).query == query


@pytest.mark.parametrize(
    ("question", "sides"),
    [
        ("AI tutors vs students cheating", ["AI tutors", "students cheating"]),
        ("How do signals about tariffs compare with signals about reshoring?", ["tariffs", "reshoring"]),
        ("compare AI-regulation signals in the EU and the US", ["AI-regulation in EU", "AI-regulation in US"]),
        (
            "How do signals about AI tutors compare with signals about students using AI to cheat?",
            ["AI tutors", "students using AI to cheat"],
        ),
    ],
)
def test_comparison_sides(question, sides):
    assert p(question).sides == sides

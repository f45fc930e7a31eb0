"""What a question must be before any work is done: words to look for, a `k` and a page in range,
filters that mean something.

One check, called first by `Assistant.stream`, raising `QuestionError` with a message the user can
act on. A question with words but nothing to look for ("what is it?": no topic, kind, relevancy or
date, no filter and no earlier question to follow up) is refused too, rather than answered with
arbitrary records. `parse_filters` is the same check for filters alone (the app's Filters panel).
"""

from __future__ import annotations

import re
from datetime import date

from index import KINDS, QuestionError
from index.settings import MAX_K

from .followup import History, user_questions
from .plan import parse_day
from .plan import plan as rule_plan

MAX_QUESTION_CHARS = 4_000
EXAMPLE = "“signals about drones”, “how many concerns mention ransomware?”"
__all__ = ["MAX_K", "MAX_QUESTION_CHARS", "check_request", "parse_filters"]


def check_request(
    question: str,
    history: History = None,
    *,
    k: int | None = None,
    page: int = 1,
    kinds: list[str] | None = None,
    min_relevancy: int | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
) -> None:
    """Refuse an empty, content-free or over-long question, a `k` or page out of range, and
    filters that mean nothing (a question without a topic still asks something when filtered)."""
    filters = parse_filters(kinds, min_relevancy, since, until)
    if k is not None and not 1 <= k <= MAX_K:
        raise QuestionError(f"k must be 1-{MAX_K} records, not {k}")
    if page < 1:
        raise QuestionError(f"pages are numbered from 1, not {page}")
    text = " ".join(str(question or "").split())
    if not text:
        raise QuestionError(f"Ask a question: the text is empty. For example {EXAMPLE}.")
    if len(text) > MAX_QUESTION_CHARS:
        raise QuestionError(f"The question is {len(text):,} characters long; ask in at most {MAX_QUESTION_CHARS:,}.")
    if not re.search(r"[^\W_]", text):
        raise QuestionError(f"The question has no words to look for. Ask about something, for example {EXAMPLE}.")
    if any(value is not None for value in filters.values()) or user_questions(history):
        return  # explicit filters say what to look for; a follow-up ("and Finland?", "more") takes its content from the conversation
    plan = rule_plan(text)
    if plan.intent == "lookup" and not plan.query.strip() and not (plan.kinds or plan.min_relevancy or plan.since or plan.until):
        raise QuestionError(
            f"The question names no topic, record kind, relevancy or date to look for. Ask about something, for example {EXAMPLE}."
        )


def parse_filters(kinds, min_relevancy, since, until) -> dict:
    """Explicit filters as `Assistant` options (kinds or None, relevancy 1-5 or None for 0/empty,
    dates), or a `QuestionError` naming the bad value in words."""
    if isinstance(kinds, str):
        kinds = [kinds]
    if kinds is not None and not isinstance(kinds, (list, tuple, set)):
        raise QuestionError(f"Kinds must be a list of record kinds ({', '.join(KINDS)}), not {str(kinds)!r}.")
    chosen = [str(k) for k in (kinds or [])]
    if unknown := [k for k in chosen if k not in KINDS]:
        raise QuestionError(f"Unknown record kind {unknown[0]!r}: choose from {', '.join(KINDS)}.")
    try:
        relevancy = int(float(min_relevancy or 0))
        exact = float(min_relevancy or 0) == relevancy
    except (TypeError, ValueError, OverflowError):
        relevancy, exact = -1, False
    if not exact or not 0 <= relevancy <= 5:
        raise QuestionError(f"Min relevancy must be a whole number from 1 to 5 (0 or empty: any), not {str(min_relevancy)!r}.")
    days: dict[str, date | None] = {}
    for name, value, end in (("Since", since, False), ("Until", until, True)):
        text = value if isinstance(value, date) else str(value or "").strip()
        try:
            days[name] = parse_day(text, end=end) if text else None
        except (ValueError, OverflowError):
            raise QuestionError(f"{name} {text!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD, for example 2024 or 2025-06.") from None
    if days["Since"] and days["Until"] and days["Since"] > days["Until"]:
        raise QuestionError(f"Since ({days['Since']}) is after Until ({days['Until']}): no article could match.")
    return dict(kinds=chosen or None, min_relevancy=relevancy or None, since=days["Since"], until=days["Until"])

"""What a question must be before any work is done: words to look for, a `k` and a page in range.

One check, called first by `Assistant.stream`, raising `QuestionError` with a message the user can
act on. A question with words but nothing to look for ("what is it?": no topic, kind, relevancy or
date, and no earlier question to follow up) is refused too, rather than answered with arbitrary
records.
"""

from __future__ import annotations

import re

from index import QuestionError
from index.settings import MAX_K

from .followup import History, user_questions
from .plan import plan as rule_plan

MAX_QUESTION_CHARS = 4_000
EXAMPLE = "“signals about drones”, “how many concerns mention ransomware?”"
__all__ = ["MAX_K", "MAX_QUESTION_CHARS", "check_request"]


def check_request(
    question: str, history: History = None, *, k: int | None = None, page: int = 1, filtered: bool = False
) -> None:
    """Refuse an empty, content-free or over-long question, and a `k` or page out of range
    (`filtered`: explicit filters came with it, so a question without a topic still asks something)."""
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
    if filtered or user_questions(history):
        return  # explicit filters say what to look for; a follow-up ("and Finland?", "more") takes its content from the conversation
    plan = rule_plan(text)
    if plan.intent == "lookup" and not plan.query.strip() and not (plan.kinds or plan.min_relevancy or plan.since or plan.until):
        raise QuestionError(
            f"The question names no topic, record kind, relevancy or date to look for. Ask about something, for example {EXAMPLE}."
        )

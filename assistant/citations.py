"""Citation numbers: sources numbered by first appearance, `[n]` markers parsed back and checked
against the retrieved set (markers that point nowhere are removed and reported), also while the
text is still streaming."""

from __future__ import annotations

import re
from collections.abc import Iterable

from index import Article

from .models import Citation, Hit, PassageHit

# [3], [3, 4], [3,4,5], [3-5], [3–5]; not [x], not links like [text](url).
MARKER = re.compile(r"\[(\d+(?:\s*(?:,|-|–)\s*\d+)*)\](?!\()")


def number_sources(hits: Iterable[Hit | PassageHit]) -> tuple[dict[str, int], list[Citation]]:
    """Citation number per article id, in order of first appearance, and the citation list."""
    return number_articles(hit.article for hit in hits)


def number_articles(articles: Iterable[Article]) -> tuple[dict[str, int], list[Citation]]:
    """Citation number per article id, in order of first appearance, and the citation list."""
    numbers: dict[str, int] = {}
    citations: list[Citation] = []
    for article in articles:
        if article.id not in numbers:
            numbers[article.id] = len(numbers) + 1
            citations.append(citation(numbers[article.id], article))
    return numbers, citations


def citation(n: int, article: Article) -> Citation:
    return Citation(
        n=n,
        article_id=article.id,
        title=article.title,
        url=article.url,
        page=article.page,
        page_url=article.page_url,
        date=article.date.isoformat() if article.date else None,
    )


def cite(*numbers: int) -> str:
    return "[" + ", ".join(str(n) for n in sorted(set(numbers))) + "]"


def parse_markers(text: str) -> list[int]:
    """Every citation number the text uses, in order of appearance (ranges expanded)."""
    found: list[int] = []
    for match in MARKER.finditer(text):
        found.extend(_numbers(match.group(1)))
    return found


def _numbers(body: str) -> list[int]:
    numbers: list[int] = []
    for part in re.split(r"\s*,\s*", body):
        bounds = re.split(r"\s*[-–]\s*", part)
        if len(bounds) == 2 and int(bounds[0]) <= int(bounds[1]) and int(bounds[1]) - int(bounds[0]) < 50:
            numbers.extend(range(int(bounds[0]), int(bounds[1]) + 1))
        else:
            numbers.extend(int(b) for b in bounds)
    return numbers


def drop_invalid(text: str, valid: set[int]) -> tuple[str, list[int]]:
    """The text with markers reduced to valid numbers (a marker left empty disappears), and the
    numbers that were removed."""
    removed: list[int] = []

    def keep(match: re.Match[str]) -> str:
        numbers = _numbers(match.group(1))
        good = [n for n in numbers if n in valid]
        removed.extend(n for n in numbers if n not in valid)
        return cite(*good) if good else ""

    cleaned = MARKER.sub(keep, text)
    cleaned = re.sub(r"[ \t]+([.,;:!?])", r"\1", cleaned)  # "claim [7]." -> "claim."
    return re.sub(r"[ \t]{2,}", " ", cleaned), removed


# An unfinished marker at the end of streamed text ("[", "[1,", "[2-"), or a finished one that the
# next character could still turn into a link ("[1]" then "(").
_OPEN_TAIL = re.compile(r"\[[\d\s,\-–]*\]?$")


class StreamingCitations:
    """Checks markers while text streams: `feed` each delta and show what it returns. Text is held
    back only while a marker at its end is unfinished, so `[7]` never appears when 7 is not a source."""

    def __init__(self, valid: set[int]):
        self.valid = valid
        self.raw = ""  # everything the model wrote
        self.shown = ""  # the cleaned text handed out so far

    def feed(self, delta: str) -> str:
        self.raw += delta
        match = _OPEN_TAIL.search(self.raw)
        return self._advance(self.raw[: match.start()] if match else self.raw)

    def flush(self) -> str:
        return self._advance(self.raw)

    def cleaned(self) -> tuple[str, list[int]]:
        """The whole text with invalid markers removed, and the numbers removed."""
        text, removed = drop_invalid(self.raw, self.valid)
        return text.strip(), removed

    def _advance(self, prefix: str) -> str:
        target = drop_invalid(prefix, self.valid)[0].strip()
        if not target.startswith(self.shown):  # a cleanup reached back into shown text; the final answer is right
            return ""
        out, self.shown = target[len(self.shown) :], target
        return out

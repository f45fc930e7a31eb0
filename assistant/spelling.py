"""A question's run-together words in the corpus's own spelling: "heatpumps" is "heat pumps".

An analyst typing fast writes "heatpumps" or "datacentres"; no record holds the word, and the
model splits it into pieces it reads poorly, so the question found three weaker matches and no
answer. A word the corpus never uses is read as two words when the corpus writes them side by
side often enough; nothing else is changed (a misspelling within a word is left to the model).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from index.filters import NodeFilter

if TYPE_CHECKING:
    from index.search import SearchIndex

MIN_LETTERS = 7  # a shorter word is rarely two run together ("sumo", "krill")
MIN_PART = 3  # each half has at least this many letters
MIN_PART_NODES = 5  # ...and is a word at least this many nodes hold
MIN_PHRASE_RECORDS = 2  # the two words side by side in at least this many records


def spelled_apart(word: str, index: SearchIndex) -> str | None:
    """The two words the corpus writes for a run-together one, or None when the corpus knows the
    word, or writes no split of it side by side at least `MIN_PHRASE_RECORDS` times (the split
    it writes most often wins)."""
    if len(word) < MIN_LETTERS or not word.isalpha() or index.document_frequency(word) > 0:
        return None
    best, most = None, MIN_PHRASE_RECORDS - 1
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        left, right = word[:cut], word[cut:]
        if min(index.document_frequency(left), index.document_frequency(right)) < MIN_PART_NODES:
            continue
        pattern = re.compile(rf"(?<![\w-]){re.escape(left)}[\s-]{re.escape(right)}(?!\w)", re.I)
        found = len(index.mentioning([f"{left} {right}", f"{left}-{right}"], pattern, NodeFilter()))
        if found > most:
            best, most = f"{left} {right}", found
    return best


def respelled(text: str, index: SearchIndex) -> str:
    """The text with its run-together words written apart, as the corpus writes them."""
    return re.sub(r"[A-Za-z]+", lambda m: spelled_apart(m.group(0), index) or m.group(0), text)

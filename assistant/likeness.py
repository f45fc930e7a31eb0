"""How close in meaning the index's embedding model reads words to other words: the follow-ups'
test of a new word against the last topics, a comparison's sides, and a setting against another."""

from __future__ import annotations

from index.search import SearchIndex


def likeness(words: str, topics: list[str], index: SearchIndex) -> list[float]:
    """How close in meaning the words are to each topic, as the index's embedding model reads them
    (the cosine of unit vectors): "fission" to "fusion" 0.51, "migration" to "change" 0.34."""
    vector = index.embed_query(words)
    return [float(index.embed_query(topic) @ vector) for topic in topics]

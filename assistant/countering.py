"""Means against a thing: a question that asks what fights, detects or counters its topic
("Which technologies fight deepfakes?", "technologies to detect deepfakes") is answered first by
the records named for a means against it ("Deepfake Detection Technologies", "Anti-Drone
Systems"), not by the thing itself ("Deepfake Technology", "Audio Deepfakes"), which the model and
the words place just as near."""

from __future__ import annotations

import re

from index.search import SearchIndex

from .direction import TROUBLED

# the question asks for what acts against its topic, in the words people use for it (a use or a
# means "against" it: "protests against lithium mining" ask for the protests)
_ASKED = re.compile(
    r"\b(?:fight(?:s|ing)?|combat(?:s|ting|ing)?|counter(?:s|ing|ed)?|tackl(?:e|es|ing)|detect(?:s|ing)?|spot(?:s|ting)?"
    r"|prevent(?:s|ing)?|stop(?:s|ping)?|block(?:s|ing)?|mitigat(?:e|es|ing)|curb(?:s|ing)?|(?:clamp|crack)(?:s|ing)?\s+down\s+on"
    r"|(?:defen[cd]|protect|guard)(?:s|ing)?(?:\s+\w+)?\s+against"
    r"|(?:used|deployed|tools?|technolog(?:y|ies)|tech|systems?|measures?|solutions?|defen[cs]es?|safeguards?)\s+against)\s+",
    re.I,
)
# a record named for a means against something
_NAMED = re.compile(
    r"\b(?:detect\w*|counter(?!feit)\w*|anti\b|anti-\w+|defen[cs]\w*|protect\w*|prevent\w*|mitigat\w*|combat\w*|fight\w*|block\w*"
    r"|verif\w*|authenticat\w*|watermark\w*|forensic\w*|identif\w*|screen\w*|filter\w*|moderat\w*|safeguard\w*|shield\w*"
    r"|monitor\w*|remediat\w*|removal|clean[\s-]?up|suppress\w*|tackl\w*|intercept\w*|jamm\w*)",
    re.I,
)


def asks_countering(question: str, topics: list[str]) -> bool:
    """Whether the question asks what acts against its topic: a word for it right before the topic
    ("fight deepfakes", "the technologies that fight them", resolved to deepfakes)."""
    topic = topics[-1] if topics else ""
    if _ASKED.match(topic + " "):
        return True  # the planner kept the word: "detect deepfakes", "counter drones"
    if not topic:
        return False
    at = re.search(r"(?<![\w-])" + re.escape(topic.split()[0]), question, re.I)
    return at is not None and any(m.end() <= at.start() and re.fullmatch(r"\s*(?:the\s+)?", question[m.end() : at.start()], re.I) for m in _ASKED.finditer(question))


def countering_first(question: str, topics: list[str], ids: list[str], index: SearchIndex) -> list[str]:
    """These records with those named for a means against the topic first, for a question that asks
    for such means (`asks_countering`); the order otherwise kept, and nothing left out."""
    if not ids or not asks_countering(question, topics):
        return ids
    # the topic's own words are no means against it: "GPS Jamming Transmitters" for fighting GPS
    # jamming (the word that asks for the means is none of them: "counter drones")
    own = {t for topic in topics for t in index.terms(_ASKED.sub("", topic + " ", count=1) if _ASKED.match(topic + " ") else topic)}
    # (a concern is a trouble, not a means: "Underfunded Security")
    named = {
        i for i, r in index.records(ids).items() if r.kind not in TROUBLED and any(not set(index.terms(m.group())) & own for m in _NAMED.finditer(r.name))
    }
    return [i for i in ids if i in named] + [i for i in ids if i not in named]

"""Records that write a compound of the question with another head: "Micro-ecosystems in Urban
Spaces" for micro-apartments or micro-mobility. The model reads a hyphenated
word in word pieces, so a record sharing its modifier ("micro-") stands close to the question
(0.59 from "micro-apartments", as close as a record on the thing itself would), though it speaks
of another thing. A record that writes the compound as asked, or holds its head anywhere, is left
to the other evidence."""

from __future__ import annotations

import re

from index.search import SearchIndex

# a topic ending on a hyphenated word: its modifier and head ("micro-apartments"); one before a noun
# modifies it ("brain-computer interfaces": a brain-machine interface is one)
_HYPHENATED = re.compile(r"(?<![\w-])([A-Za-z]{2,}(?:-[A-Za-z]{2,})*)-([A-Za-z]{2,})$")


def other_compounds(topics: list[str], ids: list[str], index: SearchIndex) -> set[str]:
    """Of these records, those that write the modifier of a topic's last, hyphenated word before
    another word, hyphenated ("micro-ecosystems"), and neither write the compound as asked (with a
    hyphen, a space or none: "micromobility") nor hold its head."""
    compounds = [(found[1], found[2]) for topic in topics if (found := _HYPHENATED.search(topic.strip())) and index.terms(found[2])]
    if not compounds or not ids:
        return set()
    records = index.records(ids)
    words = index.terms_of(list(records))
    out: set[str] = set()
    for modifier, head in compounds:
        glued = re.compile(r"(?<![\w-])" + re.escape(modifier) + r"-(?P<other>[A-Za-z]+)", re.I)
        written = re.compile(r"(?<![\w-])" + re.escape(modifier) + r"[\s-]?" + re.escape(head[:-1] if head.lower().endswith("s") else head), re.I)
        heads = set(index.terms(head))
        for node_id, record in records.items():
            text = f"{record.name} {record.description or ''}"
            if node_id in out or heads & words.get(node_id, frozenset()) or written.search(text):
                continue
            if any(set(index.terms(m.group("other"))) - heads for m in glued.finditer(text)):
                out.add(node_id)
    return out

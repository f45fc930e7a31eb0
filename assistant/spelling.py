"""A question's words in the corpus's own spelling: "heatpumps" is "heat pumps", "second-hand"
is "secondhand", and "data centres" is "data centers" in a corpus that writes it so.

An analyst typing fast writes "heatpumps" or "datacentres"; no record holds the word, and the
model splits it into pieces it reads poorly, so the question found three weaker matches and no
answer. A word the corpus never uses is read as two words when the corpus writes them side by
side often enough; a hyphenated pair is read as one word when the corpus writes it so far more
often (the lexical index holds "second" and "hand", and the records say "secondhand"). A word in
one of English's two spellings (British "centre", "defence", "programme", "organisation";
American "center", "defense"...) is read in the other when the corpus writes that one far more
often: the stemmer keeps them apart, so BM25 and the wording bar missed most records. A word the corpus never uses with two letters swapped, or a letter doubled
or not, is read as the word the corpus writes (`spelled_right`); other slips are left to the model.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from string import ascii_lowercase
from typing import TYPE_CHECKING

from index.filters import NodeFilter

if TYPE_CHECKING:
    from index.search import SearchIndex

MIN_LETTERS = 7  # a shorter word is rarely two run together ("sumo", "krill")
MIN_PART = 3  # each half has at least this many letters
MIN_PART_NODES = 5  # ...and is a word at least this many nodes hold
MIN_PHRASE_RECORDS = 2  # the two words side by side in at least this many records
# the regular differences between British and American spelling, each way
SPELLINGS = [
    (r"our(s|ed|ing|ful|ite|ites|able|al)?$", r"or\1"),  # behaviour, labour, favourite
    (r"(?<=[^aeiou])or(s|ed|ing|ful|ite|ites|able|al)?$", r"our\1"),
    (r"(?<=[bcdfgkptv])re(s|d)?$", r"er\1"),  # centre, fibre, metre (not "acre" or "genre"'s kind)
    (r"(?<=[bcdfgkptv])er(s|ed)?$", r"re\1"),
    (r"is(e|es|ed|ing|ation|ations|er|ers)$", r"iz\1"),  # organisation, digitised
    (r"iz(e|es|ed|ing|ation|ations|er|ers)$", r"is\1"),
    (r"ys(e|es|ed|ing)$", r"yz\1"),  # analyse
    (r"yz(e|es|ed|ing)$", r"ys\1"),
    (r"ence(s)?$", r"ense\1"),  # defence, licence
    (r"ense(s)?$", r"ence\1"),
    (r"ogue(s)?$", r"og\1"),  # catalogue
    (r"mme(s)?$", r"m\1"),  # programme
    (r"(?<=\w)[ao]e(?=\w)", "e"),  # paediatric, oestrogen
]
MIN_RIGHT_LETTERS = 6  # a shorter word is too often another word a slip away
MIN_RIGHT_NODES = 20  # the word a slip undone gives is written by at least this many nodes...
RIGHT_RATIO = 3  # ...and this many times as many as any other it could be
VARIANT_RATIO = 3  # the other spelling is written this many times as often...
MIN_VARIANT_NODES = 5  # ...and by at least this many nodes
MIN_VARIANT_LETTERS = 5  # a shorter word has no other spelling ("fibre" has; "does" is a stop word the index does not count)


def spelled_apart(word: str, index: SearchIndex) -> str | None:
    """The two words the corpus writes for a run-together one, or None when the corpus writes no
    split of it side by side at least `MIN_PHRASE_RECORDS` times (the split it writes most often
    wins); for a word the corpus knows, only a split it writes `VARIANT_RATIO` times as often
    ("heatwaves" in 10 nodes, "heat waves" in 51; not "cyberattacks", as common as "cyber attacks")."""
    if len(word) < MIN_LETTERS or not word.isalpha():
        return None
    own = index.document_frequency(word)
    best, most = None, MIN_PHRASE_RECORDS - 1 if not own else max(MIN_VARIANT_NODES - 1, VARIANT_RATIO * own - 1)
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        left, said = word[:cut], word[cut:]
        if min(index.document_frequency(left), index.document_frequency(said)) < max(MIN_PART_NODES, VARIANT_RATIO * own):
            continue  # each half is in every node that writes the two side by side
        if own:  # its singular or plural either way ("heatwave": "heat wave" and "heat waves"), read from the lexical index
            one = re.sub(r"(?<=[^s])s$", "", said)
            found = sum(index.phrase_records(f"{left} {form}") for form in dict.fromkeys((one, f"{one}s")))
        else:
            pattern = re.compile(rf"(?<![\w-]){re.escape(left)}[\s-]{re.escape(said)}(?!\w)", re.I)
            found = len(index.mentioning([f"{left} {said}", f"{left}-{said}"], pattern, NodeFilter()))
        if found > most:
            best, most = f"{left} {said}", found
    return best


def spelled_as_corpus(word: str, index: SearchIndex) -> str | None:
    """The word in English's other spelling when the corpus writes that one `VARIANT_RATIO` times
    as often (and in `MIN_VARIANT_NODES` nodes); None otherwise."""
    lower = word.lower()
    if len(lower) < MIN_VARIANT_LETTERS:  # "does" is no "des": the index counts no stop word
        return None
    own = index.document_frequency(lower)
    best, most = None, max(MIN_VARIANT_NODES - 1, VARIANT_RATIO * own - 1)
    for pattern, replacement in SPELLINGS:
        other = re.sub(pattern, replacement, lower)
        if other != lower and (found := index.document_frequency(other)) > most:
            best, most = other, found
    if best is None:
        return None
    return best.capitalize() if word[:1].isupper() and word[1:].islower() else best


def spelled_right(word: str, index: SearchIndex) -> str | None:
    """The word with a slip of the keyboard undone, when the corpus never uses it and writes one
    such neighbour in `MIN_RIGHT_NODES` nodes (`RIGHT_RATIO` times as many as any other): two
    letters swapped ("anxeity": anxiety), a letter doubled or not ("ocurred": occurred), or one
    left out or typed too many within the word ("recogntion": recognition; the first letter is
    kept). Nothing else: a letter for another makes real words of words the corpus lacks ("krill": drill)."""
    lower = word.lower()
    if len(lower) < MIN_RIGHT_LETTERS or not lower.isalpha() or index.document_frequency(lower) > 0:
        return None
    swapped = {lower[:n] + lower[n + 1] + lower[n] + lower[n + 2 :] for n in range(len(lower) - 1) if lower[n] != lower[n + 1]}
    # a letter left out or one too many ("recogntion", "goverment", "pandemmic" is a doubling)
    dropped = {lower[:n] + letter + lower[n:] for n in range(1, len(lower)) for letter in ascii_lowercase}
    extra = {lower[:n] + lower[n + 1 :] for n in range(1, len(lower))}
    doubled = {lower[: n + 1] + lower[n] + lower[n + 1 :] for n in range(len(lower))}
    # the stem's count is no word's ("recognation" stems as "recognize" does): of the candidates
    # the lexical index holds, those records write as they are, the most written first
    held = {c: nodes for c in swapped | dropped | extra | doubled if c != lower and (nodes := index.document_frequency(c))}
    found = sorted(((written, c) for c in held if (written := index.phrase_records(c))), reverse=True)
    if not found or held[found[0][1]] < MIN_RIGHT_NODES or (len(found) > 1 and found[0][0] < RIGHT_RATIO * found[1][0]):
        return None
    best = found[0][1]
    return best.capitalize() if word[:1].isupper() else best


def spelled_together(first: str, second: str, index: SearchIndex) -> str | None:
    """The one word the corpus writes for a hyphenated pair ("second-hand": "secondhand"), when it
    writes that word `VARIANT_RATIO` times as often as the pair, hyphenated or apart, and in
    `MIN_VARIANT_NODES` nodes ("secondhand": 33 nodes, "second-hand" or "second hand": 10
    records); None otherwise ("e-commerce" and "well-being" are written so; "coworking", in 17
    nodes against 6 records, would lose those 6 from the wording)."""
    joined = f"{first}{second}".lower()
    if not joined.isalpha() or (found := index.document_frequency(joined)) < MIN_VARIANT_NODES:
        return None
    pattern = re.compile(rf"(?<![\w-]){re.escape(first)}[\s-]{re.escape(second)}(?![\w-])", re.I)
    if found < VARIANT_RATIO * len(index.mentioning([f"{first}-{second}", f"{first} {second}"], pattern, NodeFilter())):
        return None
    return joined.capitalize() if first[:1].isupper() else joined


def respelled(text: str, index: SearchIndex, names: Iterable[str] = ()) -> str:
    """The text with its run-together words written apart, its hyphenated pairs written as the one
    word the corpus writes for them, and each word in the spelling the corpus writes far more
    often, as the corpus writes them; a capitalised word within the text, or a word of one of
    `names`, is a name's, and keeps its own spelling ("Centre for Net Zero"; "Boeing" is not
    "being")."""
    own = {w.lower() for name in names for w in re.findall(r"[A-Za-z]+", name)}

    def one(match: re.Match[str]) -> str:
        word = match.group(0)
        named = word[:1].isupper() and bool(text[: match.start()].strip()) or word.lower() in own
        if named:
            return spelled_apart(word, index) or word
        return spelled_apart(word, index) or spelled_as_corpus(word, index) or spelled_right(word, index) or word

    apart = re.sub(r"[A-Za-z]+", one, text)

    def together(match: re.Match[str]) -> str:
        first, second = match.group(1), match.group(2)
        if first[:1].isupper() and bool(apart[: match.start()].strip()) or {first.lower(), second.lower()} & own:
            return match.group(0)  # a name's ("Coca-Cola")
        return spelled_together(first, second, index) or match.group(0)

    return re.sub(r"(?<![\w-])([A-Za-z]+)-([A-Za-z]+)(?![\w-])", together, apart)

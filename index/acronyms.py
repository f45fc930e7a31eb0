"""Acronyms as the corpus defines them ("universal basic income (UBI)", "Brain-Computer
Interfaces (BCIs)"), so that a question saying one form also finds the records that say only the
other: records write "UBI experiments" without spelling it out, and the embedding model does not
know the letters stand for it. Corpus statistics, not a hand-written list: a pair counts when the
corpus writes it at least `MIN_SEEN` times, and an acronym of two letters (easily some other
word's or two other phrases') when it does so `MIN_SEEN_SHORT` times."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .lexical import tokenize

DEFINED = re.compile(r"((?:[A-Za-z][\w'’]*[\s-]+){1,7}[A-Za-z][\w'’]*)\s*\(([A-Z][A-Za-z]{1,6}?)s?\)")
SMALL_WORDS = frozenset({"of", "and", "the", "for", "to", "in", "on", "a", "as"})  # not in an acronym's letters
MIN_SEEN = 2
MIN_SEEN_SHORT = 5
MAX_EXTRA_WORDS = 3  # small words a phrase may hold beyond its acronym's letters


def defined(texts: Iterable[str]) -> dict[str, str]:
    """Each acronym the texts define (in capitals, without a plural "s") with its phrase (lower
    case, as the texts write it most often)."""
    pairs: Counter[tuple[str, str]] = Counter()
    for text in texts:
        for match in DEFINED.finditer(text):
            letters = "".join(c for c in match.group(2) if c.isupper())
            if len(letters) < 2:
                continue
            words = re.split(r"[\s-]+", match.group(1))
            for size in range(len(letters), min(len(words), len(letters) + MAX_EXTRA_WORDS) + 1):
                tail = words[-size:]
                if "".join(w[0].upper() for w in tail if w.lower() not in SMALL_WORDS) == letters:
                    pairs[match.group(2).upper(), " ".join(tail).lower()] += 1
                    break
    table: dict[str, str] = {}
    for (acronym, phrase), seen in sorted(pairs.items(), key=lambda item: (-item[1], item[0])):
        if seen >= (MIN_SEEN_SHORT if len(acronym) == 2 else MIN_SEEN):
            table.setdefault(acronym, phrase)
    return table


@dataclass(frozen=True)
class Spelled:
    """What a query gains from the corpus's acronyms: stemmed terms for BM25 (the other form of
    each it holds), and each (acronym, phrase) pair it holds, with which form it says."""

    terms: tuple[str, ...] = ()
    pairs: tuple[tuple[str, str, bool], ...] = ()  # (acronym, phrase, the query says the acronym)


def spell(query: str, table: dict[str, str], *, rare: Callable[[str], bool] | None = None) -> Spelled:
    """The other form of each acronym or defined phrase the query holds: "UBI" (in capitals, or
    "UBIs") adds "universal basic income"; "universal basic income" adds "UBI". With `rare`
    (whether an acronym's stem is rare enough in the corpus to stand for its phrase alone), the
    head of a phrase of three words or more, its last two or more, adds the acronym too: a
    universal basic income is a basic income, and live facial recognition ("LFR cameras") is
    facial recognition; a word of the phrase alone is not ("income"), nor an acronym that is a
    common word ("LAW" for "lethal autonomous weapons": every record on law)."""
    own = tokenize([query])[0]
    stems = set(own)
    terms: list[str] = []
    pairs: list[tuple[str, str, bool]] = []
    said = {re.sub(r"s$", "", w) for w in re.findall(r"\b[A-Z][A-Za-z]*[A-Z]s?\b", query)}
    for acronym, phrase in table.items():
        phrase_stems = tokenize([phrase])[0]
        if acronym in said:
            new = [t for t in phrase_stems if t not in stems]
            if new:
                terms += new
                pairs.append((acronym, phrase, True))
        elif phrase_stems and (holds(own, phrase_stems) or (rare is not None and _holds_head(own, phrase_stems) and rare(acronym))):
            terms += [t for t in tokenize([" ".join(forms(acronym))])[0] if t not in stems]
            pairs.append((acronym, phrase, False))
    return Spelled(tuple(dict.fromkeys(terms)), tuple(pairs))


def _holds_head(words: list[str], phrase: list[str]) -> bool:
    """The phrase's head (its last two stems or more, not all of them) stands among the query's."""
    return any(holds(words, phrase[-size:]) for size in range(2, len(phrase)))


def forms(acronym: str, phrase: str | None = None) -> tuple[str, ...]:
    """The acronym as records write it, in the singular and the plural (the stemmer keeps "BCIs"
    as "bcis", which "bci" does not match); given its phrase, the plural only when the phrase is
    one ("BCIs" for "brain computer interfaces", no "AIs" for "artificial intelligence")."""
    return (acronym, f"{acronym}s") if phrase is None or phrase.endswith("s") else (acronym,)


def reworded(query: str, pairs: Iterable[tuple[str, str, bool]]) -> str:
    """The query in the other form of each pair: "SMRs data centres" -> "small modular reactors
    data centres", "universal basic income" -> "UBI"."""
    for acronym, phrase, says_acronym in pairs:
        words = phrase.split()
        spelled = r"[\s-]+".join(re.escape(w) for w in [*words[:-1], re.sub(r"s$", "", words[-1])]) + r"s?"
        if says_acronym:
            query = re.sub(rf"\b{re.escape(acronym)}s?\b", phrase, query)
        else:
            query = re.sub(rf"\b{spelled}\b", acronym, query, flags=re.I)
    return query


def holds(words: list[str], phrase: list[str]) -> bool:
    """The phrase's stems stand one after another among the query's."""
    return any(words[i : i + len(phrase)] == phrase for i in range(len(words) - len(phrase) + 1))

"""BM25 that can be split into segments: each segment keeps raw term frequencies and document
lengths, and a query is scored with the statistics of the whole generation (live documents, their
document frequencies and mean length). A generation made of a base and small appended segments
therefore scores every document exactly as one index built from scratch would.

The scoring is bm25s's default ("lucene": idf = ln(1 + (N - df + 0.5) / (df + 0.5)), tf / (tf +
k1 (1 - b + b dl / avgdl))), and the tokenizer is bm25s's (scikit-learn's token pattern, its 33
English stopwords, the Snowball English stemmer), rewritten here so that the score of a document
depends on nothing but its own row and the generation's statistics: no float sum over a segment.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

import numpy as np

K1 = np.float32(1.5)
B = np.float32(0.75)
TOKEN = re.compile(r"(?u)\b\w\w+\b")
# bm25s.stopwords.STOPWORDS_EN (what `stopwords="en"` meant before this module)
STOPWORDS = frozenset(
    "a an and are as at be but by for if in into is it no not of on or such that the their then there these they "
    "this to was will with".split()
)
_local = threading.local()  # a Snowball stemmer keeps state: one per thread


def _stemmer():
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        import Stemmer

        stemmer = _local.stemmer = Stemmer.Stemmer("english")
    return stemmer


def tokenize(texts: list[str]) -> list[list[str]]:
    """Lower-cased words of two characters or more, stopwords out, stemmed."""
    split = [[w for w in TOKEN.findall(text.lower()) if w not in STOPWORDS] for text in texts]
    unique = sorted({w for words in split for w in words})
    stems = dict(zip(unique, _stemmer().stemWords(unique), strict=True))
    return [[stems[w] for w in words] for words in split]


def word_forms(texts: list[str]) -> dict[str, str]:
    """Each stem of these texts with the word that says it most often in them ("patients" for
    "patient" when the texts say the plural more often); ties go to the shorter word."""
    counts: dict[tuple[str, str], int] = {}
    for text in texts:
        words = [w for w in TOKEN.findall(text.lower()) if w not in STOPWORDS]
        for word, stem in zip(words, tokenize([" ".join(words)])[0], strict=True):
            counts[stem, word] = counts.get((stem, word), 0) + 1
    best: dict[str, str] = {}
    for stem, word in sorted(counts, key=lambda key: (-counts[key], len(key[1]), key[1])):
        best.setdefault(stem, word)
    return best


class Postings:
    """One segment's inverted index: for each term, the rows holding it and how often."""

    FILE = "terms.npz"

    def __init__(self, terms: np.ndarray, indptr: np.ndarray, rows: np.ndarray, tfs: np.ndarray, lengths: np.ndarray):
        self.terms = terms  # sorted term strings
        self.indptr = indptr  # term i's postings are rows[indptr[i]:indptr[i + 1]]
        self.rows = rows
        self.tfs = tfs
        self.lengths = lengths  # tokens per row
        self.term_of = {str(t): i for i, t in enumerate(terms.tolist())}

    @classmethod
    def build(cls, texts: list[str]) -> Postings:
        docs = tokenize(texts)
        lengths = np.array([len(d) for d in docs], dtype=np.int32)
        vocab = sorted({t for d in docs for t in d})
        term_id = {t: i for i, t in enumerate(vocab)}
        flat_terms = np.fromiter((term_id[t] for d in docs for t in d), dtype=np.int64, count=int(lengths.sum()))
        flat_rows = np.repeat(np.arange(len(docs), dtype=np.int64), lengths)
        keys, counts = np.unique(flat_terms * max(1, len(docs)) + flat_rows, return_counts=True)
        term_of_key, rows = np.divmod(keys, max(1, len(docs)))
        indptr = np.zeros(len(vocab) + 1, dtype=np.int64)
        np.cumsum(np.bincount(term_of_key, minlength=len(vocab)), out=indptr[1:])
        return cls(np.array(vocab, dtype=str), indptr, rows.astype(np.int32), counts.astype(np.float32), lengths)

    def save(self, directory: Path) -> None:
        with open(directory / self.FILE, "wb") as out:
            np.savez(out, terms=self.terms, indptr=self.indptr, rows=self.rows, tfs=self.tfs, lengths=self.lengths)

    @classmethod
    def load(cls, directory: Path) -> Postings:
        with np.load(directory / cls.FILE, allow_pickle=False) as data:
            return cls(data["terms"], data["indptr"], data["rows"], data["tfs"], data["lengths"])

    def postings(self, term: str) -> tuple[np.ndarray, np.ndarray] | None:
        i = self.term_of.get(term)
        if i is None:
            return None
        start, end = int(self.indptr[i]), int(self.indptr[i + 1])
        return self.rows[start:end], self.tfs[start:end]


def idf(df: int, n: int) -> np.float32:
    return np.float32(np.log(1.0 + (n - df + 0.5) / (df + 0.5)))


def term_scores(weight: np.float32, tfs: np.ndarray, lengths: np.ndarray, avgdl: np.float32) -> np.ndarray:
    """BM25 contribution of one term to each of its postings (element-wise, so layout-independent)."""
    norm = K1 * ((np.float32(1) - B) + B * lengths.astype(np.float32) / avgdl)
    return weight * tfs / (norm + tfs)

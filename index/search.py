"""The read side of the index, opened once and queried many times, from many threads: dense and
BM25 candidates under one filter, browsing, facets, and the stored records, articles and clusters
behind them. `assistant/` and `eval/` read the index only through this class; the snapshot,
its segments and the catalog stay private to `index/`.

It answers from one generation at a time and notices a newer one (a cheap `stat` of the pointer,
at most every `REFRESH_SECONDS`); the newer one is opened in a background thread and swapped in
whole, so answering never pauses. `pinned()` keeps one thread on one generation for the span of
an answer, so ids from one call are valid in the next.
"""

from __future__ import annotations

import re
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

import numpy as np

from .acronyms import Spelled, defined, forms, holds, reworded, spell
from .catalog import Catalog
from .embeddings import Embedder, load_embedder
from .errors import ModelMismatchError, StoreError
from .filters import KIND_NAMES, NodeFilter
from .generations import pointer_stamp, read_manifest
from .inventory import Inventory, take_inventory
from .lexical import idf, tokenize, word_forms
from .records import Article, Record
from .segments import Segment
from .settings import Settings
from .view import View

if TYPE_CHECKING:
    from .vectors import VectorStore

REFRESH_SECONDS = 1.0
RECORDS_CACHED = 20_000
ARTICLES_CACHED = 5_000
QUERIES_CACHED = 256
MENTIONS_CACHED = 256  # (phrases, pattern) -> (the segments looked at, ids of the records that mention them)
COMMON_HEAD = 0.02  # a compound's head in more of the records than this ("based", "driving") holds it only where written with its modifiers
_HYPHENATED = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+")  # "self-driving", "brain-computer"
OPEN_TRIES = 5
READ_COSINE = 0.6  # an acronym this close to its phrase is read as it by the embedding model
RARE_ACRONYM = 0.005  # an acronym held by more of the corpus's records is a word of its own ("law": 1 in 60)

K = TypeVar("K")
V = TypeVar("V")


class LRU(Generic[K, V]):
    """A small thread-safe least-recently-used cache (bounded: memory stays flat)."""

    def __init__(self, size: int):
        self.size = size
        self._data: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        with self._lock:
            value = self._data.get(key)
            if value is not None:
                self._data.move_to_end(key)
            return value

    def put(self, key: K, value: V) -> None:
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()

    def __len__(self) -> int:
        return len(self._data)


class SearchIndex:
    """Dense and lexical search over an index directory, plus record, article and cluster lookup."""

    def __init__(self, settings: Settings, *, embedder: Embedder | None = None):
        self.settings = settings
        self.index_dir = Path(settings.index_dir)
        self._catalog = Catalog(self.index_dir, create=False, readonly=True)
        self.embedder = embedder or load_embedder(settings)
        built_with = self._catalog.get_meta("embed_model")
        if built_with and built_with != self.embedder.model_id:
            raise ModelMismatchError(
                f"the index {self.index_dir} was built with {built_with!r} but {self.embedder.model_id!r} is configured"
            )
        self._lock = threading.Lock()
        self._segments: dict[str, Segment] = {}
        self._pins = threading.local()
        self._loading: threading.Thread | None = None
        self._watcher: threading.Thread | None = None
        self._closed = threading.Event()
        self._records: LRU[str, Record] = LRU(RECORDS_CACHED)
        self._articles: LRU[str, Article] = LRU(ARTICLES_CACHED)
        self._queries: LRU[str, np.ndarray] = LRU(QUERIES_CACHED)
        self._mentions: LRU[tuple, tuple[tuple[str, ...], frozenset[str]]] = LRU(MENTIONS_CACHED)
        self._terms: LRU[str, frozenset[str]] = LRU(RECORDS_CACHED)
        self._phrases: LRU[tuple[int, str], int] = LRU(MENTIONS_CACHED)
        self._vectors: VectorStore | None = None
        self._inventory: tuple[tuple[int, int], Inventory] | None = None
        self._acronyms: tuple[int, dict[str, str]] | None = None
        self._checked = time.monotonic()
        self._stamp = pointer_stamp(self.index_dir)
        self._view = self._open()

    # generations
    def _open(self) -> View:
        """The current generation's view (retried: an ingest may switch generations meanwhile)."""
        for attempt in range(OPEN_TRIES):
            stamp = pointer_stamp(self.index_dir)
            manifest = read_manifest(self.index_dir)
            if manifest is None:
                raise StoreError(f"the index at {self.index_dir} is empty or unfinished: run ingest.py on it")
            try:
                view = View.open(self.index_dir, manifest, self._segments)
            except (FileNotFoundError, ValueError, OSError):
                if attempt == OPEN_TRIES - 1:
                    raise StoreError(f"cannot open the snapshot of {self.index_dir}: run ingest.py on it once more") from None
                time.sleep(0.05)
                continue
            self._segments = {s.name: s for s in view.segments}  # older segments are let go
            self._stamp = stamp
            return view
        raise AssertionError("unreachable")

    @property
    def generation(self) -> int:
        """The generation this index answers from now."""
        return self._current().generation

    def refresh(self) -> bool:
        """Open the newest generation now, in this thread; True when it changed."""
        with self._lock:
            before = self._view.generation
            view = self._open()
            self._install(view)
        return view.generation != before

    def _install(self, view: View) -> None:
        if view.generation > self._view.generation:  # never back: a slow loader may finish after a newer one
            self._view = view
            self._records.clear()  # record and article fields may have changed with it
            self._articles.clear()
            self._terms.clear()

    def _current(self) -> View:
        now = time.monotonic()
        if now - self._checked >= REFRESH_SECONDS:
            self._checked = now
            self._notice()
        pinned = getattr(self._pins, "view", None)
        return pinned if pinned is not None else self._view

    def _notice(self) -> None:
        """Start loading a newer generation in the background if the pointer changed."""
        if pointer_stamp(self.index_dir) == self._stamp:
            return
        with self._lock:
            if self._loading is not None and self._loading.is_alive():
                return
            self._loading = threading.Thread(target=self._load_in_background, name="signal-desk-refresh", daemon=True)
            self._loading.start()

    def _load_in_background(self) -> None:
        try:
            view = self._open()
        except StoreError:
            return  # the next notice tries again; answers go on from the current view
        with self._lock:
            self._install(view)

    def watch(self, every: float = REFRESH_SECONDS) -> None:
        """Check for new generations every `every` seconds even while nobody asks (for servers)."""
        if self._watcher is not None:
            return

        def loop() -> None:
            while not self._closed.wait(every):
                self._notice()

        self._watcher = threading.Thread(target=loop, name="signal-desk-watch", daemon=True)
        self._watcher.start()

    def close(self) -> None:
        self._closed.set()
        self._catalog.close()

    @contextmanager
    def pinned(self) -> Iterator[None]:
        """Every call from this thread inside the block reads the same generation."""
        if getattr(self._pins, "view", None) is not None:
            yield
            return
        self._pins.view = self._current()
        try:
            yield
        finally:
            self._pins.view = None

    @property
    def vectors(self):
        """Chroma (only where the index keeps it: see index/vectors.py)."""
        with self._lock:
            if self._vectors is None:
                from .vectors import VectorStore

                self._vectors = VectorStore(self.settings, self.embedder.model_id)
            return self._vectors

    def __len__(self) -> int:
        return len(self._current())

    # queries
    def embed_query(self, text: str) -> np.ndarray:
        """The query's vector (recent ones are kept: records, summaries and passages search the same text)."""
        vector = self._queries.get(text)
        if vector is None:
            vector = self.embedder.embed([text])[0]
            vector.flags.writeable = False
            self._queries.put(text, vector)
        return vector

    def embed_texts(self, texts: list[str]) -> np.ndarray:
        """Several texts' vectors in one call to the model, one row each (not kept with the
        questions' vectors: they are columns to group, not questions)."""
        return self.embedder.embed(texts)

    def clear_query_cache(self) -> None:
        """Forget the kept query vectors (a benchmark timing fresh questions)."""
        self._queries.clear()

    def mask(self, flt: NodeFilter) -> np.ndarray:
        """Boolean mask over the current generation's rows (aligned with nothing public: prefer
        `count`, `admitted` and `browse`)."""
        return self._current().mask(flt)

    def count(self, flt: NodeFilter) -> int:
        return int(self._current().mask(flt).sum())

    def admitted(self, flt: NodeFilter) -> set[str]:
        """Ids of every node the filter admits."""
        view = self._current()
        return set(view.ids[view.mask(flt)].tolist())

    def node_ids(self, flt: NodeFilter) -> list[str]:
        """Ids of every node the filter admits, sorted."""
        return sorted(self.admitted(flt))

    def browse(self, flt: NodeFilter, *, newest: bool = False) -> list[str]:
        """Every admitted node, most relevant first, then most recent, then by id (`newest`: most
        recent first, then most relevant)."""
        view = self._current()
        rows = np.flatnonzero(view.mask(flt))
        dates, relevancy = -view.dates[rows], -view.relevancy[rows].astype(np.int32)
        keys = (view.ids[rows], relevancy, dates) if newest else (view.ids[rows], dates, relevancy)
        return view.ids[rows[np.lexsort(keys)]].tolist()

    def kinds_of(self, node_ids: list[str]) -> dict[str, str]:
        """The kind of each node (unknown ids are left out)."""
        view = self._current()
        found = {i: view.find(i) for i in node_ids}
        return {i: KIND_NAMES[int(view.kinds[r])] for i, r in found.items() if r is not None}

    def dense(self, vector: np.ndarray, n: int, flt: NodeFilter) -> list[tuple[str, float]]:
        """Top-n node ids by cosine similarity among the nodes the filter admits (ties by id).

        Measured at 100k nodes (docs/benchmarks.md): Chroma's own filtered query 96 ms at the
        median, HNSW over-fetched then filtered 13 ms, an exact numpy scan of the admitted rows
        4 ms. So `auto` scans exactly up to `exact_max_rows` admitted nodes and only beyond asks
        HNSW for more than it needs and filters the answer (falling back to the exact scan if too
        few survive). HNSW and Chroma's filter need an index that keeps Chroma (index/vectors.py);
        without it, every strategy scans exactly."""
        view = self._current()
        mask = view.mask(flt)
        admitted = int(mask.sum())
        if admitted == 0:
            return []
        strategy = self.settings.retrieval.dense_strategy
        if strategy == "auto":
            strategy = "exact" if admitted <= self.settings.retrieval.exact_max_rows else "hnsw"
        if not view.has_vectors:
            strategy = "chroma-filter"  # a generation without vectors cannot be scanned
        elif strategy != "exact" and not view.chroma:
            strategy = "exact"
        if strategy == "exact":
            return view.exact(vector, n, mask)
        if strategy == "hnsw":
            fetch = min(len(mask), int(n * len(mask) / admitted * 1.5) + 10)
            kept = []
            for node_id, score in self.vectors.nearest(vector.tolist(), fetch):
                row = view.find(node_id)
                if row is not None and mask[row]:
                    kept.append((node_id, score))
            if len(kept) >= min(n, admitted):
                return kept[:n]
            return view.exact(vector, n, mask)
        return self.vectors.query(vector.tolist(), n, flt)

    def exact(self, vector: np.ndarray, n: int, flt: NodeFilter) -> list[tuple[str, float]]:
        """Top-n by an exact scan whatever the strategy (the benchmark's floor)."""
        view = self._current()
        return view.exact(vector, n, view.mask(flt))

    def lexical(self, query: str, n: int, flt: NodeFilter, extra: tuple[str, ...] = ()) -> list[tuple[str, float]]:
        """Top-n node ids by BM25 among the nodes the filter admits (ties by id); `extra` stemmed
        terms (query expansion) are searched with the query's own."""
        view = self._current()
        return view.lexical(query, n, view.mask(flt), extra)

    def similarities(self, vector: np.ndarray, flt: NodeFilter) -> tuple[np.ndarray, np.ndarray]:
        """(node ids, cosines) of every node the filter admits: exact, for exhaustive questions."""
        view = self._current()
        return view.similarities(vector, view.mask(flt))

    def mentions(self, phrases: list[str], flt: NodeFilter) -> set[str]:
        """Ids of admitted records whose stored fields contain one of the phrases (any case)."""
        phrases = [p.strip().lower() for p in phrases if len(p.strip()) >= 3]
        if not phrases:
            return set()
        return self._catalog.records_mentioning(phrases) & self.admitted(flt)

    def mentioning(self, phrases: list[str], pattern: re.Pattern[str], flt: NodeFilter, cased: Iterable[str] = ()) -> set[str]:
        """Ids of admitted records whose own fields match `pattern`, found first by `phrases` (any
        case) or `cased` (in their case: an acronym the pattern only matches in capitals). Kept,
        and brought up to a new generation by its new segments alone: one question asks for the
        same entity several times (each aspect, each side, its articles), colleagues ask about the
        same places, and a scan of the full corpus takes 0.1-1.5 s."""
        phrases, cased = _lookup_phrases(phrases), _lookup_phrases(cased)
        if not phrases and not cased:
            return set()
        view = self._current()
        key = ("records", tuple(phrases), tuple(cased), pattern.pattern, pattern.flags)
        layout = tuple(s.name for s in view.segments)
        kept = self._mentions.get(key)
        if kept is not None and kept[0] != layout:
            kept = self._carry_over(kept, view, phrases, pattern, cased)
        if kept is None:
            kept = (layout, frozenset(self._catalog.records_mentioning(phrases, pattern, cased)))
        self._mentions.put(key, kept)
        return self.admitted(flt) & kept[1]

    def _carry_over(
        self, kept: tuple[tuple[str, ...], frozenset[str]], view: View, phrases: list[str], pattern: re.Pattern[str], cased: list[str]
    ) -> tuple[tuple[str, ...], frozenset[str]] | None:
        """A lookup made on an earlier generation, brought up to this one by looking again only at
        the records of the segments added since (new or updated records; removed ones are not
        admitted any more). None when segments were compacted away: look it up anew."""
        before = set(kept[0])
        if not before <= {s.name for s in view.segments}:
            return None
        changed = {node_id for s in view.segments if s.name not in before for node_id in s.ids.tolist()}
        found = self._catalog.records_mentioning(phrases, pattern, cased, within=changed) if changed else set()
        return tuple(s.name for s in view.segments), frozenset((kept[1] - changed) | found)

    def articles_mentioning(self, phrases: list[str], pattern: re.Pattern[str], cased: Iterable[str] = ()) -> set[str]:
        """Ids of articles whose title, summary, keywords or themes match `pattern` (found first as
        in `mentioning`; kept until the generation changes, then looked up anew: articles are few)."""
        phrases, cased = _lookup_phrases(phrases), _lookup_phrases(cased)
        if not phrases and not cased:
            return set()
        key = ("articles", tuple(phrases), tuple(cased), pattern.pattern, pattern.flags)
        layout = tuple(s.name for s in self._current().segments)
        kept = self._mentions.get(key)
        if kept is None or kept[0] != layout:
            kept = (layout, frozenset(self._catalog.articles_mentioning(phrases, pattern, cased)))
            self._mentions.put(key, kept)
        return set(kept[1])

    def background(self, vector: np.ndarray, flt: NodeFilter) -> tuple[float, float]:
        """Mean and spread of the cosines of every admitted node to `vector`: what the question
        scores against records that are, almost all of them, unrelated to it."""
        _, cosines = self.similarities(vector, flt)
        if len(cosines) < 2:
            return 0.0, 1.0
        return float(cosines.mean()), float(cosines.std()) or 1.0

    def document_frequency(self, phrase: str) -> int:
        """How many nodes hold every word of the phrase, at most (the rarest word's count: cheap,
        from the lexical index)."""
        view = self._current()
        terms = tokenize([phrase])[0]
        return min((view.document_frequency(t) for t in terms), default=0)

    def phrase_records(self, phrase: str) -> int:
        """How many records write the phrase, its words in order (any case): those holding all its
        words by the lexical index, then read. Kept per generation."""
        view = self._current()
        key = (view.generation, " ".join(phrase.lower().split()))
        kept = self._phrases.get(key)
        if kept is None:
            terms = list(dict.fromkeys(tokenize([phrase])[0]))
            holding = view.holding(terms) if terms else []
            pattern = re.compile(r"(?<![\w-])" + r"\s+".join(map(re.escape, phrase.split())) + r"(?![\w-])", re.IGNORECASE)
            kept = len(self._catalog.records_mentioning([phrase], pattern, within=holding)) if holding else 0
            self._phrases.put(key, kept)
        return kept

    def coverage(self, node_ids: list[str], query: str) -> dict[str, float]:
        """How much of the query's specific wording each record's own fields hold: the share of
        the query terms' inverse document frequency that the record contains (a word the corpus
        never uses weighs most, and no record holds it). An acronym's other form holds it, and a
        hyphenated word's modifiers count only with its head."""
        view = self._current()
        shares = self.term_shares(query)
        if not shares or not node_ids:
            return {}
        # a record that says an acronym's other form holds what the query says ("BCIs" for
        # "brain-computer interfaces", and the phrase for "BCI")
        pairs = [
            (says_acronym, frozenset(tokenize([" ".join(forms(acronym))])[0]), frozenset(tokenize([phrase])[0]))
            for acronym, phrase, says_acronym in self.acronyms_in(query).pairs
        ]
        # a hyphenated word's modifiers are held only with its head (English compounds end in
        # theirs): "self-defense ... in cars" holds no "self" of "self-driving cars", "autonomous
        # driving" holds its "driving"
        # and, when the head is a word as common as "based" or "driving" (`COMMON_HEAD`), only where
        # the record writes them together ("plant-based", "plant based"): a record on plant
        # neurobiology "based on" recordings holds neither of "plant-based food"; one on
        # "repair legislation" and a consumer's right still holds both of "right-to-repair"
        compounds = [
            (stems[-1], frozenset(stems[:-1]), re.compile(r"\b" + r"[\s-]?".join(map(re.escape, word.split("-"))), re.IGNORECASE))
            for word in _HYPHENATED.findall(query)
            if len(stems := [t for t in tokenize([word])[0] if t in shares]) > 1
        ]
        common = {head for head, _, _ in compounds if view.document_frequency(head) > COMMON_HEAD * len(view)}
        words_of = self.terms_of(node_ids)
        apart = {i for i, present in words_of.items() for head, modifiers, _ in compounds if head in common and head in present and modifiers <= present}
        texts = {i: r.fields() for i, r in self.records(sorted(apart)).items()} if apart else {}
        held = {}
        for node_id, present in words_of.items():
            for says_acronym, short, long in pairs:
                if long <= present if says_acronym else bool(short & present):
                    present = present | (short if says_acronym else long)
            for head, modifiers, written in compounds:
                if head not in present or (node_id in texts and not written.search(texts[node_id])):
                    present = present - modifiers
            held[node_id] = sum(share for t, share in shares.items() if t in present)
        return held

    def term_shares(self, query: str) -> dict[str, float]:
        """Each of the query's terms (stemmed) with its share of the query's specific wording, as
        `coverage` weighs it."""
        view = self._current()
        terms = list(dict.fromkeys(tokenize([query])[0]))
        weight = {t: float(idf(view.document_frequency(t), len(view))) for t in terms}
        mass = sum(weight.values()) or 1.0
        return {t: w / mass for t, w in weight.items()}

    def terms_of(self, node_ids: list[str]) -> dict[str, frozenset[str]]:
        """The stemmed words of each record's own fields (kept like the records: a question's
        candidates are scored against each of its parts, and the next question meets many again)."""
        out = {i: terms for i in node_ids if (terms := self._terms.get(i)) is not None}
        missing = [i for i in node_ids if i not in out]
        if missing:
            records = self.records(missing)
            found = [i for i in missing if i in records]
            texts = [records[i].fields() for i in found]
            for node_id, tokens in zip(found, tokenize(texts), strict=True):
                out[node_id] = frozenset(tokens)
                self._terms.put(node_id, out[node_id])
        return out

    def acronyms_in(self, query: str) -> Spelled:
        """The acronyms and the phrases they stand for that the query holds, as the corpus defines
        them ("universal basic income (UBI)"), and the other form of each as stemmed terms."""
        view = self._current()
        if self._acronyms is None or self._acronyms[0] != view.generation:
            self._acronyms = (view.generation, defined(self._catalog.node_texts_holding("(")))
        # an acronym as rare as the records that could define it, not a word ("law")
        return spell(query, self._acronyms[1], rare=lambda acronym: all(view.document_frequency(t) <= RARE_ACRONYM * len(view) for t in tokenize([acronym])[0]))

    def spelled(self, query: str) -> tuple[tuple[str, ...], str]:
        """What the corpus's acronyms add to a query: the other form of each acronym or defined
        phrase it holds, as stemmed terms for BM25; and the query in those other forms, for the
        embedding, where the model does not read an acronym as its phrase ("UBI" stands 0.21 from
        "universal basic income"; "AI" 0.79 from "artificial intelligence"), else ""."""
        spelled = self.acronyms_in(query)
        # the plural too when the phrase is one: "BCI" stands 0.64 from "brain computer interfaces", "BCIs" 0.44;
        # a phrase the query holds only the head of has no wording to put the acronym in
        said = tokenize([query])[0]
        unread = [
            p
            for p in spelled.pairs
            if (p[2] or holds(said, tokenize([p[1]])[0])) and min(float(self.embed_query(a) @ self.embed_query(p[1])) for a in forms(p[0], p[1])) < READ_COSINE
        ]
        return spelled.terms, reworded(query, unread) if unread else ""

    def related_terms(self, node_ids: list[str], query: str, limit: int, *, min_nodes: int = 2, max_share: float = 0.01) -> tuple[str, ...]:
        """Query expansion from corpus statistics: stemmed terms that several of these nodes share
        (at least `min_nodes`), that the query lacks, and that are rare in the corpus (in at most
        `max_share` of the nodes), most shared first."""
        view = self._current()
        records = self.records(node_ids)
        own = set(tokenize([query])[0])
        counts: dict[str, int] = {}
        for tokens in tokenize([f"{r.name} {r.description}" for r in records.values()]):
            for term in set(tokens):
                if term not in own and len(term) > 2:
                    counts[term] = counts.get(term, 0) + 1
        ceiling = max_share * len(view)
        chosen = [(n, -df, t) for t, n in counts.items() if n >= min_nodes and 0 < (df := view.document_frequency(t)) <= ceiling]
        return tuple(t for _, _, t in sorted(chosen, reverse=True)[:limit])

    @staticmethod
    def terms(text: str) -> list[str]:
        """The text's words as the lexical index reads them: lower-cased, stopwords out, stemmed."""
        return tokenize([text])[0]

    def characteristic_terms(self, node_ids: list[str], *, min_nodes: int, min_lift: float) -> dict[str, str]:
        """Stemmed terms that set these records apart from the corpus: held by at least
        `min_nodes` of them and `min_lift` times as common among them as among all records, each
        with the word the records write it as (their names and descriptions)."""
        view = self._current()
        held = self.terms_of(node_ids)
        if not held:
            return {}
        counts: dict[str, int] = {}
        for terms in held.values():
            for term in terms:
                counts[term] = counts.get(term, 0) + 1
        share = {t: n / len(held) for t, n in counts.items() if n >= min_nodes}
        chosen = {t for t, s in share.items() if (df := view.document_frequency(t)) and s / (df / len(view)) >= min_lift}
        records = self.records(list(held))
        forms = word_forms([f"{r.name} {r.description}" for r in records.values()])
        return {t: forms[t] for t in chosen if t in forms}

    def similarity_to(self, node_ids: list[str], vector: np.ndarray) -> dict[str, float]:
        """Cosine of each node to `vector` (nodes not in the generation are left out)."""
        view = self._current()
        if not view.has_vectors or not node_ids:
            return {}
        found = [(i, r) for i in node_ids if (r := view.find(i)) is not None]
        scores = view.cosines([r for _, r in found], vector)
        return dict(zip([i for i, _ in found], scores.tolist(), strict=True))

    def vector_of(self, node_id: str) -> np.ndarray:
        """The stored vector of one node."""
        view = self._current()
        row = view.find(node_id)
        if row is None:
            raise StoreError(f"no node {node_id} in generation {view.generation} of {self.index_dir}")
        if not view.has_vectors:
            raise StoreError("this index has no vectors in its snapshot: run ingest.py on it once more")
        return view.vectors_at([row])[0]

    def vectors_of(self, node_ids: list[str]) -> tuple[list[str], np.ndarray]:
        """(the ids found, their stored vectors in that order): nodes not in the generation, or an
        index without vectors, are left out."""
        view = self._current()
        if not view.has_vectors or not node_ids:
            return [], np.zeros((0, 0), dtype=np.float32)
        found = [(i, r) for i in node_ids if (r := view.find(i)) is not None]
        return [i for i, _ in found], view.vectors_at([r for _, r in found])

    def article_dates(self, since: date | None = None, until: date | None = None) -> dict[str, date]:
        """Article id -> curation date of every dated article (within since..until, inclusive, when
        given); articles without a date are not in it."""
        view = self._current()
        mask = view.live & (view.dates > 0)
        if since is not None:
            mask &= view.dates >= int(since.strftime("%Y%m%d"))
        if until is not None:
            mask &= view.dates <= int(until.strftime("%Y%m%d"))
        ids, first = np.unique(view.article_ids[mask], return_index=True)
        stamps = view.dates[mask][first]
        return {str(a): date(int(d) // 10000, int(d) // 100 % 100, int(d) % 100) for a, d in zip(ids, stamps, strict=True)}

    def article_of_node(self, node_id: str) -> str | None:
        view = self._current()
        row = view.find(node_id)
        return None if row is None else str(view.article_ids[row])

    def record_ids_of_articles(self, article_ids: list[str], flt: NodeFilter) -> list[str]:
        """Record node ids of these articles that satisfy the filter, sorted by id."""
        view = self._current()
        mask = view.mask(flt) & np.isin(view.article_ids, article_ids)
        return sorted(view.ids[mask].tolist())

    # stored records, articles, clusters
    def cluster_labels(self, record_ids: list[str]) -> dict[str, str]:
        """Record id -> its near-duplicate cluster, for records in one."""
        return self._catalog.clusters_of(record_ids)

    def clusters(self, record_ids: list[str]) -> dict[str, tuple[str, list[Article]]]:
        """Record id -> (its cluster, the articles of every member) for records in a cluster."""
        labels = self._catalog.clusters_of(record_ids)
        members = self._catalog.cluster_members(set(labels.values()))
        articles = self.articles(sorted({a for m in members.values() for _, a in m}))
        return {
            record_id: (label, [articles[a] for a in sorted({a for _, a in members.get(label, [])})])
            for record_id, label in labels.items()
        }

    def records(self, ids: list[str]) -> dict[str, Record]:
        """The stored records with these ids (unknown ids are left out)."""
        found: dict[str, Record] = {}
        missing = []
        for i in ids:
            record = self._records.get(i)
            if record is None:
                missing.append(i)
            else:
                found[i] = record
        for record_id, data in self._catalog.record_json(missing).items():
            record = Record.model_validate_json(data)
            self._records.put(record_id, record)
            found[record_id] = record
        return {i: found[i] for i in ids if i in found}

    def passage_texts(self, ids: list[str]) -> dict[str, str]:
        """The text of passage nodes (without their context line)."""
        return {i: text.split("\n", 1)[-1] for i, text in self._catalog.node_texts(ids).items()}

    def articles(self, ids: list[str]) -> dict[str, Article]:
        """The stored articles (an id the catalog lacks gets a bare `Article(id=...)`)."""
        found: dict[str, Article] = {}
        missing = []
        for i in set(ids):
            article = self._articles.get(i)
            if article is None:
                missing.append(i)
            else:
                found[i] = article
        for article_id, article in self._catalog.articles(missing).items():
            self._articles.put(article_id, article)
            found[article_id] = article
        return {i: found.get(i) or Article(id=i) for i in ids}

    def article_ids(self) -> list[str]:
        """Every stored article id, sorted."""
        return self._catalog.article_ids()

    def describe(self) -> dict:
        """What identifies what this index answers from (for caches and reports)."""
        view = self._current()
        return {"generation": view.generation, "nodes": view.nodes, "model": self.embedder.model_id}

    def inventory(self, top: int = 15) -> Inventory:
        """What the current generation holds at a glance: counts by kind and relevancy, dates,
        themes, keywords, the largest near-duplicate clusters (computed once per generation)."""
        view = self._current()
        key = (view.generation, top)
        cached = self._inventory
        if cached is not None and cached[0] == key:
            return cached[1]
        inventory = take_inventory(view, self._catalog, top=top)
        self._inventory = (key, inventory)
        return inventory


def _lookup_phrases(phrases: Iterable[str]) -> list[str]:
    """The phrases to look up: stripped, two characters or more, each once, in a stable order (a cache key)."""
    return sorted({p.strip() for p in phrases if len(p.strip()) >= 2})

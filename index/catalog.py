"""The catalog: an SQLite file holding what is indexed (articles, nodes, which source gave which
record), the embedding and extraction caches, the near-duplicate clusters and the backlog an
interrupted ingest left. It is the store of record: the search snapshot and Chroma are indexes
over it, rebuilt from it whenever needed. Every SQL statement of the project lives here, behind a
named operation.

The writer (the ingest holding the index lock) uses one connection and explicit transactions;
readers open it read-only with one connection per thread (SQLite in WAL mode lets them read while
the writer writes).
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .errors import StoreError
from .records import Article, Record

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (id TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS article_sources (
    article_id TEXT NOT NULL, source TEXT NOT NULL, data TEXT NOT NULL,
    PRIMARY KEY (article_id, source));
CREATE INDEX IF NOT EXISTS article_sources_source ON article_sources(source);
CREATE TABLE IF NOT EXISTS records (
    id TEXT PRIMARY KEY, article_id TEXT NOT NULL, data TEXT NOT NULL, search TEXT NOT NULL DEFAULT '');
CREATE INDEX IF NOT EXISTS records_article ON records(article_id);
CREATE TABLE IF NOT EXISTS owners (source TEXT NOT NULL, record_id TEXT NOT NULL, PRIMARY KEY (source, record_id));
CREATE INDEX IF NOT EXISTS owners_record ON owners(record_id);
CREATE TABLE IF NOT EXISTS nodes (
    id TEXT PRIMARY KEY, article_id TEXT NOT NULL, kind TEXT NOT NULL,
    text_hash TEXT NOT NULL, meta_hash TEXT NOT NULL, text TEXT NOT NULL, metadata TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS nodes_article ON nodes(article_id);
CREATE TABLE IF NOT EXISTS clusters (record_id TEXT PRIMARY KEY, cluster TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS clusters_cluster ON clusters(cluster);
CREATE TABLE IF NOT EXISTS cluster_words (
    kind TEXT NOT NULL, word TEXT NOT NULL, record_id TEXT NOT NULL, PRIMARY KEY (kind, word, record_id));
CREATE INDEX IF NOT EXISTS cluster_words_record ON cluster_words(record_id);
CREATE TABLE IF NOT EXISTS cluster_pairs (a TEXT NOT NULL, b TEXT NOT NULL, cosine REAL NOT NULL, PRIMARY KEY (a, b));
CREATE INDEX IF NOT EXISTS cluster_pairs_b ON cluster_pairs(b);
CREATE TABLE IF NOT EXISTS article_keys (article_id TEXT PRIMARY KEY, key TEXT, origin TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS article_keys_key ON article_keys(key);
CREATE TABLE IF NOT EXISTS backlog (stage TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (stage, id));
CREATE TABLE IF NOT EXISTS sources (source TEXT PRIMARY KEY, read_at REAL NOT NULL, items INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS embeddings (
    model TEXT NOT NULL, text_hash TEXT NOT NULL, vector BLOB NOT NULL, PRIMARY KEY (model, text_hash));
CREATE TABLE IF NOT EXISTS extractions (
    model TEXT NOT NULL, prompt_hash TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (model, prompt_hash));
"""
STAGES = ("reconcile", "publish", "cluster", "origin")


@dataclass
class Backlog:
    """What is left to do after the catalog's records changed: the whole recovery state of an
    interrupted ingest. Each set is filled in the same transaction as the change that causes it
    and emptied in the same transaction as the work that settles it, so a rerun finishes the job."""

    reconcile: set[str] = field(default_factory=set)  # articles whose nodes must be matched to their records
    publish: set[str] = field(default_factory=set)  # nodes written or deleted since the current generation
    cluster: set[str] = field(default_factory=set)  # records to re-cluster (added, changed, removed)
    origin: set[str] = field(default_factory=set)  # articles whose copy-detection key may have changed

    def __bool__(self) -> bool:
        return bool(self.reconcile or self.publish or self.cluster or self.origin)


class Catalog:
    """Typed access to the catalog database."""

    FILE = "catalog.sqlite"

    def __init__(self, index_dir: Path, *, create: bool = True, readonly: bool = False):
        self.path = index_dir / self.FILE
        self.readonly = readonly
        if index_dir.exists() and not index_dir.is_dir():
            raise StoreError(f"{index_dir} is a file, not an index directory: pass --index a directory")
        if not self.path.exists() and (not create or readonly):
            raise StoreError(f"no index at {index_dir} (run ingest.py first, or pass --index)")
        self._local = threading.local()
        self._lock = threading.Lock()
        self._connections: dict[threading.Thread, sqlite3.Connection] = {}
        if readonly:
            self.db  # noqa: B018  fail now if the file is unreadable
            return
        try:
            index_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the index directory {index_dir}: {exc.strerror or exc}") from None
        try:
            self.db.executescript(SCHEMA)
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open the catalog {self.path}: {exc}") from None

    @property
    def db(self) -> sqlite3.Connection:
        """The connection of this thread (a reader's threads each get their own; the writer has one)."""
        connection = getattr(self._local, "db", None)
        if connection is None:
            if not self.readonly and self._connections:
                return next(iter(self._connections.values()))
            try:
                connection = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30)
                connection.execute("PRAGMA journal_mode=WAL" if not self.readonly else "PRAGMA query_only=1")
                connection.execute("PRAGMA synchronous=NORMAL")
            except sqlite3.DatabaseError as exc:
                raise StoreError(f"cannot open the catalog {self.path}: {exc}") from None
            self._local.db = connection
            with self._lock:
                for thread in [t for t in self._connections if not t.is_alive()]:  # threads come and go in pools
                    self._connections.pop(thread).close()
                self._connections[threading.current_thread()] = connection
        return connection

    def _migrate(self) -> None:
        """Bring a catalog written by an earlier version up to this schema."""
        columns = {row[1] for row in self.db.execute("PRAGMA table_info(records)")}
        if "search" not in columns:
            self.db.execute("ALTER TABLE records ADD COLUMN search TEXT NOT NULL DEFAULT ''")
            rows = self.db.execute("SELECT id, data FROM records").fetchall()
            with self.transaction() as db:
                db.executemany(
                    "UPDATE records SET search = ? WHERE id = ?",
                    [(search_text(Record.model_validate_json(data)), rid) for rid, data in rows],
                )
        old = {k: self.get_meta(k) for k in ("pending", "clusters_pending", "derived_stale")}
        if any(v is not None for v in old.values()):  # version 1's recovery state: JSON sets in meta
            with self.transaction():
                self.add_backlog("reconcile", json.loads(old["pending"] or "[]"))
                self.add_backlog("cluster", json.loads(old["clusters_pending"] or "[]"))
                self.db.execute("DELETE FROM meta WHERE key IN ('pending', 'clusters_pending', 'derived_stale')")

    def close(self) -> None:
        with self._lock:
            for connection in self._connections.values():
                connection.close()
            self._connections.clear()
        self._local = threading.local()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    # meta
    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    # the backlog (what an interrupted run left to do)
    def backlog(self) -> Backlog:
        found = Backlog()
        for stage, item in self.db.execute("SELECT stage, id FROM backlog"):
            getattr(found, stage).add(item)
        return found

    def add_backlog(self, stage: str, ids: Iterable[str]) -> None:
        assert stage in STAGES
        self.db.executemany("INSERT OR IGNORE INTO backlog VALUES (?, ?)", [(stage, i) for i in ids])

    def clear_backlog(self, stage: str, ids: Iterable[str] | None = None) -> None:
        assert stage in STAGES
        if ids is None:
            self.db.execute("DELETE FROM backlog WHERE stage = ?", (stage,))
        else:
            self.db.executemany("DELETE FROM backlog WHERE stage = ? AND id = ?", [(stage, i) for i in ids])

    # sources: what each source gave
    def article_ids_of_source(self, source: str) -> set[str]:
        rows = self.db.execute("SELECT article_id FROM article_sources WHERE source = ?", (source,))
        return {r[0] for r in rows}

    def record_ids_of_source(self, source: str) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT record_id FROM owners WHERE source = ?", (source,))}

    def set_source_records(self, source: str, records: dict[str, Record]) -> None:
        """The records `source` now gives: owners it no longer gives go, the records are stored."""
        dropped = self.record_ids_of_source(source) - records.keys()
        self.db.executemany("DELETE FROM owners WHERE source = ? AND record_id = ?", [(source, i) for i in dropped])
        self.db.executemany("INSERT OR IGNORE INTO owners VALUES (?, ?)", [(source, i) for i in records])
        self.put_records(records.values())

    def set_source_articles(self, source: str, articles: dict[str, Article]) -> None:
        """The article fields `source` now gives (the merged article is `merge_article`'s job)."""
        dropped = self.article_ids_of_source(source) - articles.keys()
        self.db.executemany("DELETE FROM article_sources WHERE source = ? AND article_id = ?", [(source, a) for a in dropped])
        self.db.executemany(
            "INSERT OR REPLACE INTO article_sources VALUES (?, ?, ?)",
            [(a.id, source, a.model_dump_json()) for a in articles.values()],
        )

    def source_articles(self, article_id: str) -> list[Article]:
        rows = self.db.execute("SELECT data FROM article_sources WHERE article_id = ?", (article_id,))
        return [Article.model_validate_json(r[0]) for r in rows]

    def mark_source(self, source: str, items: int) -> None:
        self.db.execute("INSERT OR REPLACE INTO sources VALUES (?, ?, ?)", (source, time.time(), items))

    # articles
    def article_ids(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT id FROM articles ORDER BY id")]

    def articles(self, ids: Iterable[str] | None = None) -> dict[str, Article]:
        if ids is None:
            rows = self.db.execute("SELECT id, data FROM articles").fetchall()
        else:
            rows = self._select_in("SELECT id, data FROM articles WHERE id IN ({})", list(ids))
        return {r[0]: Article.model_validate_json(r[1]) for r in rows}

    def put_article(self, article_id: str, article: Article | None) -> None:
        """Store the merged article, or remove it when no source gives it any more."""
        if article is None:
            self.db.execute("DELETE FROM articles WHERE id = ?", (article_id,))
        else:
            self.db.execute("INSERT OR REPLACE INTO articles VALUES (?, ?)", (article_id, article.model_dump_json()))

    # records and their owners
    def owned_record_ids(self, article_ids: Iterable[str]) -> set[str]:
        rows = self._select_in(
            "SELECT DISTINCT r.id FROM records r JOIN owners o ON o.record_id = r.id WHERE r.article_id IN ({})",
            list(article_ids),
        )
        return {r[0] for r in rows}

    def drop_unowned_records(self, article_id: str) -> None:
        """Records of the article that no source gives any more."""
        self.db.execute("DELETE FROM records WHERE article_id = ? AND id NOT IN (SELECT record_id FROM owners)", (article_id,))

    def records_mentioning(
        self, phrases: list[str], pattern: re.Pattern[str] | None = None, cased: Iterable[str] = (), within: Iterable[str] | None = None
    ) -> set[str]:
        """Ids of records whose name, description or signal fields contain a phrase (case-insensitive)
        or one of the `cased` phrases in that case ("US", not every "us" in "business"); with
        `pattern`, only those whose stored fields (in their own case) the pattern also matches;
        with `within`, only among these records."""
        where, values = _contains("search", "data", phrases, list(cased))
        if not where:
            return set()
        if within is None:
            rows: Iterable[tuple] = self.db.execute(f"SELECT id, data FROM records WHERE {where}", values)
        else:
            rows = self._select_in(f"SELECT id, data FROM records WHERE ({where}) AND id IN ({{}})", sorted(within), prefix=values)
        return {r[0] for r in rows if pattern is None or pattern.search(r[1])}

    def articles_mentioning(self, phrases: list[str], pattern: re.Pattern[str], cased: Iterable[str] = ()) -> set[str]:
        """Ids of articles whose title, summary, keywords or themes match the pattern (found first
        by `phrases` in any case or `cased` in theirs, as in `records_mentioning`)."""
        fields = "(coalesce(json_extract(data, '$.title'), '') || ' ' || coalesce(json_extract(data, '$.summary'), '') || ' ' || coalesce(json_extract(data, '$.keywords'), '') || ' ' || coalesce(json_extract(data, '$.themes'), ''))"
        where, values = _contains(f"lower({fields})", fields, phrases, list(cased))
        if not where:
            return set()
        rows = self.db.execute(f"SELECT id, {fields} FROM articles WHERE {where}", values)
        return {r[0] for r in rows if pattern.search(r[1])}

    def put_records(self, records: Iterable[Record]) -> None:
        self.db.executemany(
            "INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?)",
            [(r.id, r.article_id, r.model_dump_json(exclude={"id"}), search_text(r)) for r in records],
        )

    def record_json(self, ids: Iterable[str]) -> dict[str, str]:
        return dict(self._select_in("SELECT id, data FROM records WHERE id IN ({})", list(ids)))

    def record_facts(self, ids: Iterable[str] | None = None) -> dict[str, tuple[str, str, str]]:
        """Record id -> (kind, article id, name), for all records or these."""
        sql = "SELECT id, json_extract(data, '$.kind'), article_id, json_extract(data, '$.name') FROM records"
        rows = self.db.execute(sql).fetchall() if ids is None else self._select_in(sql + " WHERE id IN ({})", list(ids))
        return {r[0]: (r[1], r[2], r[3] or "") for r in rows}

    def record_names_by_article(self, article_ids: Iterable[str] | None = None) -> dict[str, list[str]]:
        """Article id -> the lower-cased names of its records (every article, or these)."""
        sql = "SELECT article_id, lower(json_extract(data, '$.name')) FROM records"
        if article_ids is None:
            rows = self.db.execute(sql).fetchall()
        else:
            rows = self._select_in(sql + " WHERE article_id IN ({})", list(article_ids))
        out: dict[str, list[str]] = {}
        for article_id, name in rows:
            out.setdefault(article_id, []).append(name or "")
        return out

    def record_vectors(self, model: str, ids: list[str]) -> dict[str, np.ndarray]:
        """The cached vectors of these record nodes."""
        rows = self._select_in(
            "SELECT n.id, e.vector FROM nodes n JOIN embeddings e ON e.model = ? AND e.text_hash = n.text_hash "
            "WHERE n.id IN ({})",
            ids,
            prefix=[model],
        )
        return {i: np.frombuffer(v, dtype=np.float32) for i, v in rows}

    # near-duplicate clusters (index/clusters.py): labels, and what keeps them incremental
    def cluster_count(self) -> int:
        return int(self.db.execute("SELECT COUNT(DISTINCT cluster) FROM clusters").fetchone()[0])

    def cluster_labels(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT record_id, cluster FROM clusters"))

    def replace_clusters(self, labels: dict[str, str]) -> None:
        """Every label at once (the caller's transaction, or its own)."""
        self.db.execute("DELETE FROM clusters")
        self.db.executemany("INSERT INTO clusters VALUES (?, ?)", labels.items())

    def relabel(self, record_ids: Iterable[str], labels: dict[str, str]) -> None:
        """These records' labels are replaced by `labels` (records absent from it are in no cluster)."""
        self.db.executemany("DELETE FROM clusters WHERE record_id = ?", [(i,) for i in record_ids])
        self.db.executemany("INSERT OR REPLACE INTO clusters VALUES (?, ?)", labels.items())

    def clusters_of(self, record_ids: Iterable[str]) -> dict[str, str]:
        return dict(self._select_in("SELECT record_id, cluster FROM clusters WHERE record_id IN ({})", list(record_ids)))

    def cluster_members(self, clusters: Iterable[str]) -> dict[str, list[tuple[str, str]]]:
        """Cluster label -> [(record id, article id)] of its members."""
        rows = self._select_in(
            "SELECT c.cluster, c.record_id, r.article_id FROM clusters c JOIN records r ON r.id = c.record_id "
            "WHERE c.cluster IN ({})",
            list(clusters),
        )
        out: dict[str, list[tuple[str, str]]] = {}
        for label, record_id, article_id in rows:
            out.setdefault(label, []).append((record_id, article_id))
        return out

    def clear_cluster_state(self) -> None:
        """No labels, words, pairs or article keys: the next clustering starts from nothing."""
        for table in ("clusters", "cluster_words", "cluster_pairs", "article_keys"):
            self.db.execute(f"DELETE FROM {table}")

    def cluster_words(self, record_ids: Iterable[str]) -> dict[str, set[tuple[str, str]]]:
        """Record id -> its stored (kind, word) pairs."""
        out: dict[str, set[tuple[str, str]]] = {}
        sql = "SELECT record_id, kind, word FROM cluster_words WHERE record_id IN ({})"
        for record_id, kind, word in self._select_in(sql, list(record_ids)):
            out.setdefault(record_id, set()).add((kind, word))
        return out

    def set_cluster_words(self, record_ids: Iterable[str], words: dict[str, tuple[str, frozenset[str]]]) -> None:
        """Replace these records' name words by `words` (record id -> (kind, words))."""
        self.db.executemany("DELETE FROM cluster_words WHERE record_id = ?", [(i,) for i in record_ids])
        self.db.executemany(
            "INSERT OR IGNORE INTO cluster_words VALUES (?, ?, ?)",
            [(kind, w, record_id) for record_id, (kind, ws) in words.items() for w in ws],
        )

    def word_counts(self, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], int]:
        """(kind, word) -> how many records of that kind have the word in their name."""
        return {
            key: int(self.db.execute("SELECT COUNT(*) FROM cluster_words WHERE kind = ? AND word = ?", key).fetchone()[0])
            for key in set(keys)
        }

    def records_with_word(self, kind: str, word: str) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT record_id FROM cluster_words WHERE kind = ? AND word = ?", (kind, word))]

    def cluster_pairs(self, record_ids: Iterable[str]) -> list[tuple[str, str, float]]:
        """Qualifying pairs (a < b, cosine) that touch any of these records."""
        ids = list(record_ids)
        found = set(self._select_in("SELECT a, b, cosine FROM cluster_pairs WHERE a IN ({})", ids))
        found |= set(self._select_in("SELECT a, b, cosine FROM cluster_pairs WHERE b IN ({})", ids))
        return sorted(found)

    def set_cluster_pairs(self, record_ids: Iterable[str], pairs: Iterable[tuple[str, str, float]]) -> None:
        """Pairs touching these records are replaced by `pairs`."""
        ids = [(i,) for i in record_ids]
        self.db.executemany("DELETE FROM cluster_pairs WHERE a = ?", ids)
        self.db.executemany("DELETE FROM cluster_pairs WHERE b = ?", ids)
        self.db.executemany("INSERT OR REPLACE INTO cluster_pairs VALUES (?, ?, ?)", pairs)

    def article_keys(self, article_ids: Iterable[str]) -> dict[str, tuple[str | None, str]]:
        """Article id -> (copy-detection key, origin) as stored."""
        rows = self._select_in("SELECT article_id, key, origin FROM article_keys WHERE article_id IN ({})", list(article_ids))
        return {r[0]: (r[1], r[2]) for r in rows}

    def articles_with_keys(self, keys: Iterable[str]) -> dict[str, str]:
        """Article id -> key, for every article whose key is one of these."""
        return dict(self._select_in("SELECT article_id, key FROM article_keys WHERE key IN ({})", list(keys)))

    def set_article_keys(self, drop: Iterable[str], rows: dict[str, tuple[str | None, str]]) -> None:
        self.db.executemany("DELETE FROM article_keys WHERE article_id = ?", [(a,) for a in drop])
        self.db.executemany("INSERT OR REPLACE INTO article_keys VALUES (?, ?, ?)", [(a, k, o) for a, (k, o) in rows.items()])

    def origins(self, article_ids: Iterable[str]) -> dict[str, str]:
        return dict(self._select_in("SELECT article_id, origin FROM article_keys WHERE article_id IN ({})", list(article_ids)))

    # nodes (what the snapshot and Chroma index)
    def node_states(self, article_ids: Iterable[str]) -> dict[str, tuple[str, str, str]]:
        """Indexed nodes of these articles: id -> (kind, text hash, metadata hash)."""
        rows = self._select_in("SELECT id, kind, text_hash, meta_hash FROM nodes WHERE article_id IN ({})", list(article_ids))
        return {r[0]: (r[1], r[2], r[3]) for r in rows}

    def node_texts(self, ids: Iterable[str]) -> dict[str, str]:
        return dict(self._select_in("SELECT id, text FROM nodes WHERE id IN ({})", list(ids)))

    def node_texts_holding(self, marker: str) -> list[str]:
        """The text of every node that holds `marker` (in its case)."""
        return [r[0] for r in self.db.execute("SELECT text FROM nodes WHERE instr(text, ?) > 0", (marker,))]

    def node_count(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM nodes").fetchone()[0])

    def node_ids(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT id FROM nodes ORDER BY id")]

    def put_nodes(self, rows: Iterable[tuple[str, str, str, str, str, str, str]]) -> None:
        """(id, article id, kind, text hash, metadata hash, text, metadata JSON) rows."""
        self.db.executemany("INSERT OR REPLACE INTO nodes VALUES (?, ?, ?, ?, ?, ?, ?)", rows)

    def delete_nodes(self, ids: Iterable[str]) -> None:
        self.db.executemany("DELETE FROM nodes WHERE id = ?", [(i,) for i in ids])

    def clear_nodes(self) -> None:
        self.db.execute("DELETE FROM nodes")

    _NODE_ROWS = (
        "SELECT n.id, n.kind, n.text, n.metadata, e.vector FROM nodes n "
        "LEFT JOIN embeddings e ON e.model = ? AND e.text_hash = n.text_hash"
    )

    def iter_nodes(self, model: str, ids: Iterable[str] | None = None) -> Iterator[tuple[str, str, str, dict, np.ndarray | None]]:
        """Every node (or these) as (id, kind, text, metadata, cached vector or None)."""
        if ids is None:
            rows: Iterable[tuple] = self.db.execute(self._NODE_ROWS, (model,))
        else:
            rows = self._select_in(self._NODE_ROWS + " WHERE n.id IN ({})", list(ids), prefix=[model])
        for row in rows:
            vector = np.frombuffer(row[4], dtype=np.float32) if row[4] is not None else None
            yield row[0], row[1], row[2], json.loads(row[3]), vector

    def node_digest(self) -> list[tuple[str, str, str, str, str]]:
        """(id, kind, text hash, metadata hash, article id) of every node, by id (for fingerprints)."""
        return self.db.execute("SELECT id, kind, text_hash, meta_hash, article_id FROM nodes ORDER BY id").fetchall()

    def table_rows(self, table: str) -> list[tuple]:
        """Every row of a content table, sorted (for fingerprints)."""
        assert table in ("articles", "records", "owners", "article_sources", "clusters", "cluster_pairs")
        return sorted(self.db.execute(f"SELECT * FROM {table}").fetchall())

    # embedding cache
    def cached_vectors(self, model: str, text_hashes: list[str]) -> dict[str, np.ndarray]:
        rows = self._select_in(
            "SELECT text_hash, vector FROM embeddings WHERE model = ? AND text_hash IN ({})", text_hashes, prefix=[model]
        )
        return {h: np.frombuffer(v, dtype=np.float32) for h, v in rows}

    def cache_vectors(self, model: str, vectors: dict[str, np.ndarray]) -> None:
        self.db.executemany(
            "INSERT OR REPLACE INTO embeddings VALUES (?, ?, ?)",
            [(model, h, np.asarray(v, dtype=np.float32).tobytes()) for h, v in vectors.items()],
        )

    # LLM extraction cache
    def get_extraction(self, model: str, prompt_hash: str) -> str | None:
        row = self.db.execute(
            "SELECT data FROM extractions WHERE model = ? AND prompt_hash = ?", (model, prompt_hash)
        ).fetchone()
        return row[0] if row else None

    def put_extraction(self, model: str, prompt_hash: str, data: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO extractions VALUES (?, ?, ?)", (model, prompt_hash, data))

    def _select_in(self, sql: str, values: list, prefix: list | None = None, chunk: int = 900) -> list[tuple]:
        out: list[tuple] = []
        for start in range(0, len(values), chunk):
            part = values[start : start + chunk]
            query = sql.format(",".join("?" * len(part)))
            out.extend(self.db.execute(query, [*(prefix or []), *part]).fetchall())
        return out


def _contains(lowered: str, cased_in: str, phrases: list[str], cased: list[str]) -> tuple[str, list[str]]:
    """SQL that holds when the lower-cased text `lowered` contains one of the phrases (any case) or
    `cased_in` contains one of the `cased` ones as written; and its values ('' when there are none)."""
    tests = [f"instr({lowered}, ?) > 0"] * len(phrases) + [f"instr({cased_in}, ?) > 0"] * len(cased)
    return " OR ".join(tests), [p.lower() for p in phrases] + cased


def search_text(record: Record) -> str:
    """The record's own words, lower-cased, for exact 'mentions' matching."""
    return record.fields(" | ").lower()

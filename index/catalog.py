"""The catalog: an SQLite file holding what is indexed (articles, nodes, which source gave which
record), the embedding cache and the LLM extraction cache. It is the source of truth for
idempotent upserts and for the faithful record fields every answer shows; Chroma and BM25 are
indexes over it.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
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
CREATE TABLE IF NOT EXISTS sources (source TEXT PRIMARY KEY, read_at REAL NOT NULL, items INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS embeddings (
    model TEXT NOT NULL, text_hash TEXT NOT NULL, vector BLOB NOT NULL, PRIMARY KEY (model, text_hash));
CREATE TABLE IF NOT EXISTS extractions (
    model TEXT NOT NULL, prompt_hash TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (model, prompt_hash));
"""


class Catalog:
    """Thin typed access to the catalog database; one connection, explicit transactions."""

    FILE = "catalog.sqlite"

    def __init__(self, index_dir: Path, *, create: bool = True):
        path = index_dir / self.FILE
        if index_dir.exists() and not index_dir.is_dir():
            raise StoreError(f"{index_dir} is a file, not an index directory: pass --index a directory")
        if not path.exists() and not create:
            raise StoreError(f"no index at {index_dir} (run ingest.py first, or pass --index)")
        try:
            index_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the index directory {index_dir}: {exc.strerror or exc}") from None
        try:
            self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(SCHEMA)
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open the catalog {path}: {exc}") from None

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

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # meta
    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    # articles
    def article_ids_of_source(self, source: str) -> set[str]:
        rows = self.db.execute("SELECT article_id FROM article_sources WHERE source = ?", (source,))
        return {r[0] for r in rows}

    def source_articles(self, article_id: str) -> list[Article]:
        rows = self.db.execute("SELECT data FROM article_sources WHERE article_id = ?", (article_id,))
        return [Article.model_validate_json(r[0]) for r in rows]

    def articles(self, ids: Iterable[str] | None = None) -> dict[str, Article]:
        if ids is None:
            rows = self.db.execute("SELECT id, data FROM articles").fetchall()
        else:
            rows = self._select_in("SELECT id, data FROM articles WHERE id IN ({})", list(ids))
        return {r[0]: Article.model_validate_json(r[1]) for r in rows}

    # records and their owners
    def record_ids_of_source(self, source: str) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT record_id FROM owners WHERE source = ?", (source,))}

    def owned_record_ids(self, article_ids: Iterable[str]) -> set[str]:
        rows = self._select_in(
            "SELECT DISTINCT r.id FROM records r JOIN owners o ON o.record_id = r.id WHERE r.article_id IN ({})",
            list(article_ids),
        )
        return {r[0] for r in rows}

    def records_mentioning(self, phrases: list[str]) -> set[str]:
        """Ids of records whose name, description or signal fields contain a phrase (case-insensitive)."""
        where = " OR ".join("instr(search, ?) > 0" for _ in phrases)
        return {r[0] for r in self.db.execute(f"SELECT id FROM records WHERE {where}", [p.lower() for p in phrases])}

    def put_records(self, records: Iterable[Record]) -> None:
        self.db.executemany(
            "INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?)",
            [(r.id, r.article_id, r.model_dump_json(exclude={"id"}), search_text(r)) for r in records],
        )

    def record_json(self, ids: Iterable[str]) -> dict[str, str]:
        return dict(self._select_in("SELECT id, data FROM records WHERE id IN ({})", list(ids)))

    def record_names(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT id, json_extract(data, '$.name') FROM records"))

    # near-duplicate clusters (index/clusters.py)
    def cluster_count(self) -> int:
        return int(self.db.execute("SELECT COUNT(DISTINCT cluster) FROM clusters").fetchone()[0])

    def cluster_labels(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT record_id, cluster FROM clusters"))

    def replace_clusters(self, labels: dict[str, str]) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM clusters")
            db.executemany("INSERT INTO clusters VALUES (?, ?)", labels.items())

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

    # nodes (what Chroma and BM25 hold)
    def node_states(self, article_ids: Iterable[str]) -> dict[str, tuple[str, str, str]]:
        """Indexed nodes of these articles: id -> (kind, text hash, metadata hash)."""
        rows = self._select_in("SELECT id, kind, text_hash, meta_hash FROM nodes WHERE article_id IN ({})", list(article_ids))
        return {r[0]: (r[1], r[2], r[3]) for r in rows}

    def node_texts(self, ids: Iterable[str]) -> dict[str, str]:
        return dict(self._select_in("SELECT id, text FROM nodes WHERE id IN ({})", list(ids)))

    def node_count(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM nodes").fetchone()[0])

    def iter_nodes(self, model: str) -> Iterator[tuple[str, str, str, dict, np.ndarray | None]]:
        """Every node as (id, kind, text, metadata, cached vector or None), in a stable order."""
        rows = self.db.execute(
            "SELECT n.id, n.kind, n.text, n.metadata, e.vector FROM nodes n "
            "LEFT JOIN embeddings e ON e.model = ? AND e.text_hash = n.text_hash ORDER BY n.rowid",
            (model,),
        )
        for row in rows:
            vector = np.frombuffer(row[4], dtype=np.float32) if row[4] is not None else None
            yield row[0], row[1], row[2], json.loads(row[3]), vector

    # sources
    def mark_source(self, source: str, items: int) -> None:
        self.db.execute("INSERT OR REPLACE INTO sources VALUES (?, ?, ?)", (source, time.time(), items))

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


def search_text(record: Record) -> str:
    """The record's own words, lower-cased, for exact 'mentions' matching."""
    parts = (record.name, record.description, record.change, record.horizon, record.driving_force)
    return " | ".join(p for p in parts if p).lower()

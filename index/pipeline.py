"""`ingest(sources, settings)`: read sources, stage their records in the catalog, bring Chroma and
the BM25 snapshot up to date. Idempotent, per source, and safe to interrupt.

1. read: each source becomes `ReadItem`s or a reported failure (the rest goes on); a raw web
   article gets its records from LLM extraction when a model is configured (a failed extraction
   is reported and the article is still indexed as passages);
2. stage (one transaction): which source owns which record, per-source article fields, merged
   articles; the touched articles are remembered as *pending* until step 3 finishes;
3. reconcile: the nodes the pending articles should have against the nodes indexed; only new or
   changed texts are embedded (cache by model and text hash), stale nodes are deleted;
4. snapshot: BM25 and filter columns rebuilt when anything changed.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable

import numpy as np
from pydantic import BaseModel, Field

from . import clusters
from .catalog import Catalog
from .embeddings import Embedder, load_embedder
from .errors import LLMError, ModelMismatchError, SourceError
from .extract import Extractor
from .fetch import FetchPolicy
from .nodes import ARTICLE_KIND, NODE_FORMAT, PASSAGE_KIND, NodeSpec, article_node, passage_nodes, record_node
from .readers import read_source
from .records import KINDS, Article, ReadItem, Record
from .settings import Settings
from .snapshot import Snapshot, write_snapshot
from .sources import expand

Progress = Callable[[str, int, int], None]  # (stage, done, total)


class Stopwatch:
    """Seconds spent per stage of a run, for the report (where the time goes)."""

    def __init__(self, into: dict[str, float]):
        self.into = into

    def __call__(self, stage: str):
        from contextlib import contextmanager

        @contextmanager
        def timed():
            started = time.perf_counter()
            try:
                yield
            finally:
                self.into[stage] = round(self.into.get(stage, 0.0) + time.perf_counter() - started, 3)

        return timed()
BATCH = 512  # nodes per embed-and-write step: one transaction, length-sorted inside


class Failure(BaseModel):
    source: str
    reason: str


class RecordCounts(BaseModel):
    read: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0


class IngestReport(BaseModel):
    """What one ingest run did (DESIGN §5); `--json` prints it."""

    articles: int = Field(0, description="Articles read in this run.")
    records: RecordCounts = Field(default_factory=RecordCounts)
    by_kind: dict[str, int] = Field(default_factory=lambda: {str(kind): 0 for kind in KINDS})
    failures: list[Failure] = Field(default_factory=list)
    seconds: float = 0.0
    summaries: RecordCounts = Field(default_factory=RecordCounts, description="Article summary nodes.")
    passages: RecordCounts = Field(default_factory=RecordCounts, description="Passage nodes of raw web articles.")
    extracted: int = Field(0, description="Records extracted from web articles by the language model in this run.")
    notes: list[str] = Field(default_factory=list, description="What the reader should know that is not a failure.")
    embedded: int = Field(0, description="Texts embedded in this run (the rest came from the cache).")
    ignored: list[str] = Field(default_factory=list, description="Files in directories deliberately not read.")
    index_dir: str = ""
    total_nodes: int = Field(0, description="Nodes in the index after the run.")
    clusters: int = Field(0, description="Near-duplicate clusters (records said by several articles).")
    timings_s: dict[str, float] = Field(default_factory=dict, description="Seconds per stage: where the time went.")

    @property
    def ok(self) -> bool:
        return not self.failures


def ingest(
    sources: Iterable[str],
    settings: Settings,
    *,
    on_progress: Progress | None = None,
    embedder: Embedder | None = None,
    extractor: Extractor | None = None,
) -> IngestReport:
    """Index the named files, directories, globs and URLs into `settings.index_dir`.

    Web articles get records from `extractor` (default: the configured language model, if any)."""
    started = time.perf_counter()
    progress = on_progress or (lambda stage, done, total: None)
    report = IngestReport(index_dir=str(settings.index_dir))
    expanded = expand(list(sources))
    report.failures += [Failure(source=s, reason=r) for s, r in expanded.missing]
    report.ignored = expanded.ignored

    embedder = embedder or load_embedder(settings)
    catalog = Catalog(settings.index_dir)
    try:
        _check_model(catalog, embedder.model_id)
        _upgrade_format(catalog, report)
        clock = Stopwatch(report.timings_s)
        reading = _Reading(settings, catalog, report, extractor)
        with clock("read"):
            read = reading.all(expanded.sources, progress)
        with clock("stage"):
            pending = _stage(catalog, read)
        _reconcile(catalog, settings, embedder, pending, read, report, progress, clock)
        report.total_nodes = catalog.node_count()
    finally:
        catalog.close()
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def _upgrade_format(catalog: Catalog, report: IngestReport) -> None:
    """An index written with another node format is rebuilt whole (new vectors go to a new
    collection); what it holds is kept in the catalog and re-indexed from there."""
    found = catalog.get_meta("node_format")
    if found == NODE_FORMAT:
        return
    with catalog.transaction() as db:
        if found is not None or catalog.node_count():
            report.notes.append(f"index format {found or '1'} upgraded to {NODE_FORMAT}: every node is written again")
            pending = {r[0] for r in db.execute("SELECT id FROM articles")}
            pending |= set(json.loads(catalog.get_meta("pending") or "[]"))
            catalog.set_meta("pending", json.dumps(sorted(pending)))
            db.execute("DELETE FROM nodes")
        catalog.set_meta("node_format", NODE_FORMAT)


def _check_model(catalog: Catalog, model_id: str) -> None:
    built_with = catalog.get_meta("embed_model")
    if built_with and built_with != model_id:
        raise ModelMismatchError(
            f"this index was built with the embedding model {built_with!r}, not {model_id!r}; "
            "vectors of different models cannot be mixed: use another --index or set SIGNAL_DESK_EMBED_MODEL back"
        )
    if not built_with:
        catalog.set_meta("embed_model", model_id)


class _Reading:
    """Step 1: sources to `ReadItem`s; raw web articles through LLM extraction when configured."""

    NO_MODEL = "no signals were extracted from {n} web article(s), which are searchable as passages only: set SIGNAL_DESK_LLM_MODEL to extract them"

    def __init__(self, settings: Settings, catalog: Catalog, report: IngestReport, extractor: Extractor | None):
        self.settings, self.catalog, self.report = settings, catalog, report
        self.policy = FetchPolicy.from_settings(settings)
        self._extractor = extractor
        self.unextracted = 0

    def extractor(self) -> Extractor | None:
        if self._extractor is None and self.settings.llm_model:
            self._extractor = Extractor.from_settings(self.settings)  # built on first need: a key is needed only now
        return self._extractor

    def all(self, sources: list[str], progress: Progress) -> dict[str, list[ReadItem]]:
        report = self.report
        read: dict[str, list[ReadItem]] = {}
        articles: set[str] = set()
        for done, source in enumerate(sources, start=1):
            try:
                items = read_source(source, self.policy, max_file_bytes=self.settings.max_file_bytes)
            except SourceError as exc:
                report.failures.append(Failure(source=source, reason=str(exc)))
                continue
            finally:
                progress("read", done, len(sources))
            read[source] = [self.extract(source, item) for item in items]
            for item in read[source]:
                articles.add(item.article.id)
                if item.problems:
                    report.failures.append(Failure(source=source, reason="partly read: " + "; ".join(item.problems)))
                report.notes += [f"{source}: {note}" for note in item.notes]
                for record in item.records:
                    report.by_kind[record.kind] += 1
        report.articles = len(articles)
        report.records.read = sum(report.by_kind.values())
        if self.unextracted:
            report.notes.append(self.NO_MODEL.format(n=self.unextracted))
        return read

    def extract(self, source: str, item: ReadItem) -> ReadItem:
        if not item.article.body or item.records:
            return item
        extractor = self.extractor()
        if extractor is None:
            self.unextracted += 1
            return item
        try:
            article, records = extractor.extract(item.article, self.catalog)
        except LLMError as exc:
            self.report.failures.append(
                Failure(source=source, reason=f"signals not extracted (the article is indexed as passages): {exc}")
            )
            return item
        self.report.extracted += len(records)
        return item.model_copy(update={"article": article, "records": records})


def _stage(catalog: Catalog, read: dict[str, list[ReadItem]]) -> set[str]:
    """Record what each source now holds; returns the articles whose nodes must be reconciled."""
    pending = set(json.loads(catalog.get_meta("pending") or "[]"))
    with catalog.transaction() as db:
        for source, items in read.items():
            records = {r.id: r for item in items for r in item.records}
            articles: dict[str, Article] = {}
            for item in items:
                known = articles.get(item.article.id)
                articles[item.article.id] = known.merged(item.article) if known else item.article
            old_records = catalog.record_ids_of_source(source)
            old_articles = catalog.article_ids_of_source(source)

            db.executemany("DELETE FROM owners WHERE source = ? AND record_id = ?", [(source, i) for i in old_records - records.keys()])
            db.executemany("INSERT OR IGNORE INTO owners VALUES (?, ?)", [(source, i) for i in records])
            catalog.put_records(records.values())
            db.executemany(
                "DELETE FROM article_sources WHERE source = ? AND article_id = ?",
                [(source, a) for a in old_articles - articles.keys()],
            )
            db.executemany(
                "INSERT OR REPLACE INTO article_sources VALUES (?, ?, ?)",
                [(a.id, source, a.model_dump_json()) for a in articles.values()],
            )
            catalog.mark_source(source, len(items))
            pending |= old_articles | articles.keys()

        for article_id in pending:
            db.execute(
                "DELETE FROM records WHERE article_id = ? AND id NOT IN (SELECT record_id FROM owners)", (article_id,)
            )
            merged = _merge(catalog.source_articles(article_id))
            if merged is None:
                db.execute("DELETE FROM articles WHERE id = ?", (article_id,))
            else:
                db.execute("INSERT OR REPLACE INTO articles VALUES (?, ?)", (article_id, merged.model_dump_json()))
        catalog.set_meta("pending", json.dumps(sorted(pending)))
    return pending


def _merge(versions: list[Article]) -> Article | None:
    """One article from what its sources say; documents with a title speak first."""
    if not versions:
        return None
    versions.sort(key=lambda a: (a.title is None, a.source or ""))
    merged = versions[0]
    for other in versions[1:]:
        merged = merged.merged(other)
    return merged


def _desired_nodes(catalog: Catalog, article_ids: set[str]) -> dict[str, NodeSpec]:
    articles = catalog.articles(article_ids)
    specs: dict[str, NodeSpec] = {}
    owned = catalog.owned_record_ids(article_ids)
    for data in catalog.record_json(owned).values():
        record = Record.model_validate_json(data)
        article = articles.get(record.article_id) or Article(id=record.article_id)
        spec = record_node(record, article)
        specs[spec.id] = spec
    for article in articles.values():
        node = article_node(article)
        if node is not None:
            specs[node.id] = node
        specs.update((passage.id, passage) for passage in passage_nodes(article))
    return specs


def _reconcile(
    catalog: Catalog,
    settings: Settings,
    embedder: Embedder,
    pending: set[str],
    read: dict[str, list[ReadItem]],
    report: IngestReport,
    progress: Progress,
    clock: Stopwatch,
) -> None:
    with clock("plan"):
        desired = _desired_nodes(catalog, pending)
        existing = catalog.node_states(pending)
    read_ids = {r.id for items in read.values() for item in items for r in item.records}

    def counts(kind: str) -> RecordCounts:
        return {ARTICLE_KIND: report.summaries, PASSAGE_KIND: report.passages}.get(kind, report.records)

    stale = [i for i in existing if i not in desired]
    to_write: list[NodeSpec] = []
    for spec in desired.values():
        if spec.kind in (ARTICLE_KIND, PASSAGE_KIND):
            counts(spec.kind).read += 1  # (records count what the readers gave, in _Reading)
        before = existing.get(spec.id)
        if before is None:
            counts(spec.kind).added += 1
            to_write.append(spec)
        elif before[1:] != (spec.text_hash, spec.meta_hash):
            counts(spec.kind).updated += 1
            to_write.append(spec)
        elif spec.kind in (ARTICLE_KIND, PASSAGE_KIND) or spec.id in read_ids:
            counts(spec.kind).unchanged += 1
    for node_id in stale:
        counts(existing[node_id][0]).removed += 1

    if stale or to_write:
        from .vectors import VectorStore  # Chroma is opened only when something changes

        vectors = VectorStore(settings, embedder.model_id)
        if stale:
            vectors.delete(stale)
            with catalog.transaction() as db:
                db.executemany("DELETE FROM nodes WHERE id = ?", [(i,) for i in stale])
        _write(catalog, vectors, embedder, to_write, report, progress, clock)
        vectors.drop_stale_collections()

    with catalog.transaction():
        catalog.set_meta("pending", "[]")
        if stale or to_write:
            # Until the snapshot and clusters are rebuilt, a rerun must rebuild them (even if nothing
            # else changed), and the records to re-cluster must survive an interruption.
            catalog.set_meta("derived_stale", "1")
            waiting = set(json.loads(catalog.get_meta("clusters_pending") or "[]"))
            waiting |= {s.id for s in to_write if s.kind not in (ARTICLE_KIND, PASSAGE_KIND)} | set(stale)  # removed ones leave their clusters
            catalog.set_meta("clusters_pending", json.dumps(sorted(waiting)))
    rebuild = catalog.get_meta("derived_stale") == "1" or not Snapshot.is_current(settings.index_dir)
    if rebuild:
        progress("bm25", 0, 1)
        with clock("snapshot"):
            write_snapshot(settings.index_dir, list(catalog.iter_nodes(embedder.model_id)))
        progress("bm25", 1, 1)
    if rebuild or catalog.get_meta("clusters") != clusters.VERSION:
        progress("clusters", 0, 1)
        if catalog.get_meta("clusters") != clusters.VERSION:
            catalog.replace_clusters({})  # none yet, an interrupted update or a new method: cluster everything
        waiting = set(json.loads(catalog.get_meta("clusters_pending") or "[]"))
        with clock("clusters"):
            clusters.update(catalog, Snapshot.open(settings.index_dir), waiting)
        with catalog.transaction():
            catalog.set_meta("clusters", clusters.VERSION)
            catalog.set_meta("clusters_pending", "[]")
        progress("clusters", 1, 1)
    catalog.set_meta("derived_stale", "0")
    report.clusters = catalog.cluster_count()


def _write(
    catalog: Catalog,
    vectors,
    embedder: Embedder,
    specs: list[NodeSpec],
    report: IngestReport,
    progress: Progress,
    clock: Stopwatch,
) -> None:
    """Embed what the cache lacks and write every node, batch by batch. The model embeds batch
    i+1 in a worker thread (onnxruntime and torch release the GIL) while this thread writes batch
    i to Chroma and the catalog, so the writes hide behind the embedding."""
    from concurrent.futures import ThreadPoolExecutor

    model = embedder.model_id
    # Similar lengths side by side: the model's batches then carry almost no padding.
    specs = sorted(specs, key=lambda s: len(s.embed_text))
    batches = [specs[start : start + BATCH] for start in range(0, len(specs), BATCH)]
    progress("embed", 0, len(specs))

    def embed(missing: list[NodeSpec]) -> dict[str, np.ndarray]:
        if not missing:
            return {}
        with clock("embed (worker thread)"):
            return dict(zip([s.text_hash for s in missing], embedder.embed([s.embed_text for s in missing]), strict=True))

    def submit(pool: ThreadPoolExecutor, batch: list[NodeSpec]):
        cached = catalog.cached_vectors(model, [s.text_hash for s in batch])  # the catalog stays on this thread
        missing = list({s.text_hash: s for s in batch if s.text_hash not in cached}.values())
        return cached, pool.submit(embed, missing)

    done = 0
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = submit(pool, batches[0]) if batches else None
        for number, batch in enumerate(batches):
            assert pending is not None
            cached, future = pending
            with clock("waiting for embeddings"):
                fresh = future.result()
            pending = submit(pool, batches[number + 1]) if number + 1 < len(batches) else None
            report.embedded += len(fresh)
            found = {**cached, **fresh}
            with clock("write chroma"):
                vectors.upsert(batch, [found[s.text_hash].tolist() for s in batch])
            with clock("write catalog"), catalog.transaction() as db:
                catalog.cache_vectors(model, fresh)
                db.executemany(
                    "INSERT OR REPLACE INTO nodes VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [
                        (s.id, s.article_id, s.kind, s.text_hash, s.meta_hash, s.text, json.dumps(s.metadata, ensure_ascii=False))
                        for s in batch
                    ],
                )
            done += len(batch)
            progress("embed", done, len(specs))

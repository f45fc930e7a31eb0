"""`ingest(sources, settings)`: read sources, stage their records in the catalog, bring the
search snapshot (and Chroma, where it serves) up to date. Idempotent, per source, and safe to
kill at any moment: one writer at a time (the index lock), and every step records what it leaves
to do in the catalog's backlog in the same transaction as its change.

1. read (reading.py): each source becomes `ReadItem`s or a reported failure;
2. stage (one transaction): which source owns which record, per-source article fields, merged
   articles; the touched articles join the backlog to reconcile;
3. reconcile: the nodes those articles should have against the nodes indexed; only new or changed
   texts are embedded (cache by model and text hash), stale nodes are deleted; each write queues
   its nodes for publication and its records for clustering;
4. Chroma: kept in step only where it serves (vectors.py), filled from the catalog when it starts to;
5. publish: the queued nodes become the next generation of the snapshot (a small appended
   segment, or a compacted base), switched atomically; readers pick it up;
6. cluster: near-duplicate clusters recomputed around the queued records (cluster_update.py).
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterable

import numpy as np

from . import clusters
from .catalog import Catalog
from .cluster_update import recluster_all, recluster_changed
from .embeddings import Embedder, load_embedder
from .errors import ModelMismatchError, StoreError
from .extract import Extractor
from .generations import Publisher
from .lock import IndexLock
from .nodes import ARTICLE_KIND, NODE_FORMAT, PASSAGE_KIND, NodeSpec, article_node, passage_nodes, record_node
from .reading import Reading
from .records import Article, ReadItem, Record
from .report import Failure, IngestReport, RecordCounts, Stopwatch
from .settings import Settings
from .sources import expand
from .vectors import chroma_location, chroma_wanted

__all__ = ["Failure", "IngestReport", "RecordCounts", "ingest", "rebuild"]

Progress = Callable[[str, int, int], None]  # (stage, done, total)
BATCH = 512  # nodes per embed-and-write step: one transaction, length-sorted inside
CHROMA_BATCH = 2000  # nodes per write when Chroma is filled from the catalog
NOT_RECORDS = (ARTICLE_KIND, PASSAGE_KIND)


def ingest(
    sources: Iterable[str],
    settings: Settings,
    *,
    on_progress: Progress | None = None,
    embedder: Embedder | None = None,
    extractor: Extractor | None = None,
    wait: bool | float = False,
) -> IngestReport:
    """Index the named files, directories, globs and URLs into `settings.index_dir`.

    Web articles get records from `extractor` (default: the configured language model, if any).
    Another ingest into the same index raises `IndexBusyError`, unless `wait` (True, or seconds)."""
    started = time.perf_counter()
    progress = on_progress or (lambda stage, done, total: None)
    report = IngestReport(index_dir=str(settings.index_dir))
    clock = Stopwatch(report.timings_s)
    expanded = expand(list(sources))
    report.failures += [Failure(source=s, reason=r) for s, r in expanded.missing]
    report.ignored = expanded.ignored

    def waiting(holder: str) -> None:
        report.notes.append(f"waited for another ingest to finish ({holder})")
        progress("lock", 0, 1)

    lock = IndexLock(settings.index_dir, wait=wait, on_wait=waiting)
    with clock("lock"):
        lock.acquire()
    try:
        embedder = embedder or load_embedder(settings)
        catalog = Catalog(settings.index_dir)
        try:
            _check_model(catalog, embedder.model_id)
            _upgrade_format(catalog, report)
            with clock("read"):
                read = Reading(settings, catalog, report, extractor).all(expanded.sources, progress)
            with clock("stage"):
                _stage(catalog, read)
            _reconcile(catalog, settings, embedder, read, report, progress, clock)
            with clock("chroma"):
                _settle_chroma(catalog, settings, embedder.model_id, report, progress)
            with clock("publish"):
                _publish(catalog, settings, embedder.model_id, report, progress)
            with clock("clusters"):
                _cluster(catalog, embedder.model_id, progress)
            report.total_nodes = catalog.node_count()
            report.clusters = catalog.cluster_count()
        finally:
            catalog.close()
    finally:
        lock.release()
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def _upgrade_format(catalog: Catalog, report: IngestReport) -> None:
    """An index written with another node format is rebuilt whole (new vectors go to a new
    collection); what it holds is kept in the catalog and re-indexed from there."""
    found = catalog.get_meta("node_format")
    if found == NODE_FORMAT:
        return
    with catalog.transaction():
        if found is not None or catalog.node_count():
            report.notes.append(f"index format {found or '1'} upgraded to {NODE_FORMAT}: every node is written again")
            catalog.add_backlog("reconcile", catalog.article_ids())
            catalog.add_backlog("publish", catalog.node_ids())
            catalog.clear_nodes()
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


def _stage(catalog: Catalog, read: dict[str, list[ReadItem]]) -> None:
    """Record what each source now holds; the articles it touched join the backlog."""
    with catalog.transaction():
        touched: set[str] = set()
        for source, items in read.items():
            articles: dict[str, Article] = {}
            for item in items:
                known = articles.get(item.article.id)
                articles[item.article.id] = known.merged(item.article) if known else item.article
            touched |= catalog.article_ids_of_source(source) | articles.keys()
            catalog.set_source_records(source, {r.id: r for item in items for r in item.records})
            catalog.set_source_articles(source, articles)
            catalog.mark_source(source, len(items))
        for article_id in sorted(touched):
            catalog.drop_unowned_records(article_id)
            catalog.put_article(article_id, _merge(catalog.source_articles(article_id)))
        catalog.add_backlog("reconcile", touched)
        catalog.add_backlog("origin", touched)


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
    read: dict[str, list[ReadItem]],
    report: IngestReport,
    progress: Progress,
    clock: Stopwatch,
) -> None:
    """The backlog's articles get exactly the nodes their records and summaries call for."""
    with clock("plan"):
        pending = catalog.backlog().reconcile
        desired = _desired_nodes(catalog, pending)
        existing = catalog.node_states(pending)
    read_ids = {r.id for items in read.values() for item in items for r in item.records}

    def counts(kind: str) -> RecordCounts:
        return {ARTICLE_KIND: report.summaries, PASSAGE_KIND: report.passages}.get(kind, report.records)

    stale = sorted(i for i in existing if i not in desired)
    to_write: list[NodeSpec] = []
    for spec in desired.values():
        if spec.kind in NOT_RECORDS:
            counts(spec.kind).read += 1  # (records count what the readers gave, in Reading)
        before = existing.get(spec.id)
        if before is None:
            counts(spec.kind).added += 1
            to_write.append(spec)
        elif before[1:] != (spec.text_hash, spec.meta_hash):
            counts(spec.kind).updated += 1
            to_write.append(spec)
        elif spec.kind in NOT_RECORDS or spec.id in read_ids:
            counts(spec.kind).unchanged += 1
    for node_id in stale:
        counts(existing[node_id][0]).removed += 1

    vectors = _live_chroma(catalog, settings, embedder.model_id) if (stale or to_write) else None
    if stale:
        if vectors is not None:
            vectors.delete(stale)  # before the catalog forgets them: a rerun would delete them again
        with catalog.transaction():
            catalog.delete_nodes(stale)
            catalog.add_backlog("publish", stale)
            catalog.add_backlog("cluster", [i for i in stale if existing[i][0] not in NOT_RECORDS])
    _write(catalog, vectors, embedder, to_write, report, progress, clock)
    with catalog.transaction():
        catalog.clear_backlog("reconcile")


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
    i to the catalog (and Chroma, where kept), so the writes hide behind the embedding."""
    from concurrent.futures import ThreadPoolExecutor

    model = embedder.model_id
    # Similar lengths side by side: the model's batches then carry almost no padding.
    specs = sorted(specs, key=lambda s: (len(s.embed_text), s.id))
    batches = [specs[start : start + BATCH] for start in range(0, len(specs), BATCH)]
    progress("embed", 0, len(specs))

    def embed(missing: list[NodeSpec]) -> dict[str, np.ndarray]:
        if not missing:
            return {}
        with clock("embed (worker thread)"):
            return dict(zip([s.text_hash for s in missing], embedder.embed([s.embed_text for s in missing]), strict=True))

    def lookup(batch: list[NodeSpec]) -> tuple[dict[str, np.ndarray], list[NodeSpec]]:
        cached = catalog.cached_vectors(model, [s.text_hash for s in batch])  # the catalog stays on this thread
        return cached, list({s.text_hash: s for s in batch if s.text_hash not in cached}.values())

    done = 0
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = None
        if batches:
            cached, missing = lookup(batches[0])
            load = getattr(embedder, "load", None)
            if missing and load is not None:
                with clock("load model"):  # apart from the embedding, so its cost is visible
                    load()
            pending = cached, pool.submit(embed, missing)
        for number, batch in enumerate(batches):
            assert pending is not None
            cached, future = pending
            with clock("waiting for embeddings"):
                fresh = future.result()
            if number + 1 < len(batches):
                next_cached, next_missing = lookup(batches[number + 1])
                pending = next_cached, pool.submit(embed, next_missing)
            report.embedded += len(fresh)
            found = {**cached, **fresh}
            if vectors is not None:
                with clock("write chroma"):
                    vectors.upsert(batch, [found[s.text_hash].tolist() for s in batch])
            with clock("write catalog"), catalog.transaction():
                catalog.cache_vectors(model, fresh)
                catalog.put_nodes(
                    (s.id, s.article_id, s.kind, s.text_hash, s.meta_hash, s.text, _json(s.metadata)) for s in batch
                )
                catalog.add_backlog("publish", [s.id for s in batch])
                catalog.add_backlog("cluster", [s.id for s in batch if s.kind not in NOT_RECORDS])
            done += len(batch)
            progress("embed", done, len(specs))


def _json(metadata: dict) -> str:
    import json

    return json.dumps(metadata, ensure_ascii=False)


def _live_chroma(catalog: Catalog, settings: Settings, model: str):
    """The Chroma collection to write alongside the catalog, when this index keeps one in step;
    a new index that should keep one starts it now (there is nothing to fill it with yet)."""
    if not chroma_wanted(settings, catalog.node_count()):
        return None
    from .vectors import VectorStore

    location = chroma_location(settings)
    if catalog.get_meta("chroma") != location:
        if catalog.node_count():
            return None  # it will be filled from the catalog after this run's writes (_settle_chroma)
        with catalog.transaction():
            catalog.set_meta("chroma", location)
    return VectorStore(settings, model)


def _settle_chroma(catalog: Catalog, settings: Settings, model: str, report: IngestReport, progress: Progress) -> None:
    """Chroma starts being kept (filled from the catalog) or stops (an embedded copy is removed)."""
    location = chroma_location(settings)
    kept = catalog.get_meta("chroma")
    if chroma_wanted(settings, catalog.node_count()):
        from .vectors import VectorStore

        vectors = VectorStore(settings, model)
        if kept != location:
            ids = catalog.node_ids()
            progress("chroma", 0, len(ids))
            if vectors.own_directory:
                vectors.reset()
            for start in range(0, len(ids), CHROMA_BATCH):
                vectors.write_rows(list(catalog.iter_nodes(model, ids[start : start + CHROMA_BATCH])))
                progress("chroma", min(start + CHROMA_BATCH, len(ids)), len(ids))
            with catalog.transaction():
                catalog.set_meta("chroma", location)
            report.notes.append(f"Chroma ({location}) filled from the catalog: {len(ids)} nodes")
        vectors.drop_stale_collections()
    else:
        if kept:
            with catalog.transaction():
                catalog.set_meta("chroma", "")
        if settings.chroma_dir.exists():  # ours (an earlier version wrote it on every ingest), and stale from now on
            shutil.rmtree(settings.chroma_dir, ignore_errors=True)
            report.notes.append(
                "the embedded Chroma copy of this index was removed: exact scans serve an index of this size, "
                "and Chroma is filled again from the catalog if the index outgrows them (SIGNAL_DESK_CHROMA_WRITE=always keeps it)"
            )


def _publish(catalog: Catalog, settings: Settings, model: str, report: IngestReport, progress: Progress) -> None:
    """The nodes written or deleted since the current generation become the next one."""
    changed = catalog.backlog().publish
    publisher = Publisher(settings.index_dir)
    current = publisher.current()
    chroma = catalog.get_meta("chroma") == chroma_location(settings)
    if current is not None and not changed and current.chroma == chroma:
        report.generation = current.generation
        return
    progress("snapshot", 0, 1)
    published = None
    if current is not None and not publisher.needs_compaction(current, len(changed)):
        try:
            published = publisher.append(current, changed, list(catalog.iter_nodes(model, sorted(changed))), chroma=chroma)
        except (OSError, ValueError, KeyError) as exc:  # a damaged segment: rebuild whole
            report.notes.append(f"the snapshot was rebuilt whole ({exc})")
    if published is None:
        published = publisher.full(list(catalog.iter_nodes(model)), chroma=chroma)
    with catalog.transaction():
        catalog.clear_backlog("publish")
    report.generation, report.compacted = published.generation, published.compacted
    progress("snapshot", 1, 1)


def _cluster(catalog: Catalog, model: str, progress: Progress) -> None:
    """Clusters recomputed around the backlog's records (everything after a method change)."""
    backlog = catalog.backlog()
    full = catalog.get_meta("clusters") != clusters.VERSION
    if not full and not backlog.cluster and not backlog.origin:
        return
    progress("clusters", 0, 1)
    with catalog.transaction():
        if full:
            recluster_all(catalog, model)
        else:
            recluster_changed(catalog, model, backlog.cluster, backlog.origin)
        catalog.set_meta("clusters", clusters.VERSION)
        catalog.clear_backlog("cluster")
        catalog.clear_backlog("origin")
    progress("clusters", 1, 1)


def rebuild(settings: Settings, *, wait: bool | float = False) -> IngestReport:
    """The snapshot and the clusters written again whole from the catalog, as a first build writes
    them (after restoring a catalog, or to check that an index kept up to date by appended segments
    and incremental clustering equals one built from scratch)."""
    started = time.perf_counter()
    report = IngestReport(index_dir=str(settings.index_dir))
    clock = Stopwatch(report.timings_s)
    with IndexLock(settings.index_dir, wait=wait):
        catalog = Catalog(settings.index_dir, create=False)
        try:
            if catalog.backlog():
                raise StoreError(f"an ingest into {settings.index_dir} was interrupted: run it again before rebuilding")
            model = catalog.get_meta("embed_model") or ""
            publisher = Publisher(settings.index_dir)
            with clock("publish"):
                published = publisher.full(list(catalog.iter_nodes(model)), chroma=catalog.get_meta("chroma") == chroma_location(settings))
            with clock("clusters"), catalog.transaction():
                recluster_all(catalog, model)
                catalog.set_meta("clusters", clusters.VERSION)
            report.generation, report.compacted = published.generation, True
            report.total_nodes = catalog.node_count()
            report.clusters = catalog.cluster_count()
        finally:
            catalog.close()
    report.seconds = round(time.perf_counter() - started, 3)
    return report

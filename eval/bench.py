"""`python -m eval bench`: the full-scale benchmark, every number measured in one run.

1. ingest the tables (and any article files) from scratch: wall time, records/s, peak RSS,
   size on disk; the bare model's throughput on a sample of the same texts in the same run;
2. ingest again, unchanged;
3. the standard LlamaIndex recipe on a sample of the same articles (markdown documents,
   SentenceSplitter, VectorStoreIndex over Chroma, metadata embedded as LlamaIndex does by default);
4. questions (the dev questions plus variants with filters): p50/p95 of retrieval and of the
   whole extractive answer, and the exact-search floor (query embedding + numpy masked top-k);
5. the app's cold start, to its first HTTP 200.
"""

from __future__ import annotations

import json
import random
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index import NodeFilter, Settings, ingest
from index.embeddings import load_embedder
from index.search import SearchIndex

from .questions import Question

TARGETS = {
    "ingest_s": 360,
    "throughput_vs_bare": 0.8,
    "reingest_s": 30,
    "retrieval_p50_ms": 30,
    "retrieval_p95_ms": 60,
    "vs_floor": 2.0,
    "cold_start_s": 10,
    "peak_rss_gb": 2.5,
}
FILTER_VARIANTS: list[dict[str, Any]] = [
    {},
    {"kinds": ["signal"]},
    {"kinds": ["behavior"], "min_relevancy": 4},
    {"kinds": ["concern", "issue"]},
    {"min_relevancy": 4},
    {"kinds": ["technology"], "min_relevancy": 5},
    {"since": "2024-01-01"},
]


@dataclass
class Bench:
    """Every measurement of one bench run (JSON-ready)."""

    corpus: dict[str, Any] = field(default_factory=dict)
    ingest: dict[str, Any] = field(default_factory=dict)
    reingest: dict[str, Any] = field(default_factory=dict)
    bare_model: dict[str, Any] = field(default_factory=dict)
    llamaindex: dict[str, Any] = field(default_factory=dict)
    questions: dict[str, Any] = field(default_factory=dict)
    app: dict[str, Any] = field(default_factory=dict)
    targets: dict[str, Any] = field(default_factory=dict)


def run_bench(
    sources: list[str],
    index_dir: Path,
    questions: list[Question],
    *,
    n_questions: int = 200,
    llamaindex_sample: int = 200,
    bare_sample: int = 5000,
    log=print,
) -> Bench:
    bench = Bench(corpus={"sources": sources})
    if index_dir.exists():
        shutil.rmtree(index_dir)
    settings = Settings(index_dir=index_dir)

    log("ingest from scratch ...")
    started = time.perf_counter()
    report = ingest(sources, settings)
    wall = time.perf_counter() - started
    bench.ingest = {
        "wall_s": round(wall, 1),
        "records": report.records.read,
        "nodes": report.total_nodes,
        "embedded": report.embedded,
        "records_per_s": round(report.records.read / wall, 1),
        "embedded_per_s": round(report.embedded / wall, 1),
        "peak_rss_gb": round(_peak_rss_gb(), 2),
        "disk_mb": round(_du(index_dir) / 1e6, 1),
        "clusters": report.clusters,
        "failures": len(report.failures),
    }
    log(json.dumps(bench.ingest))

    log("bare model on a sample of the same texts ...")
    index = SearchIndex(settings)
    embed_texts = _embed_texts(index, bare_sample)
    embedder = load_embedder(settings)
    embedder.embed(embed_texts[:32])
    started = time.perf_counter()
    embedder.embed(embed_texts)
    bare = len(embed_texts) / (time.perf_counter() - started)
    bench.bare_model = {
        "texts": len(embed_texts),
        "texts_per_s": round(bare, 1),
        "ingest_vs_bare": round(bench.ingest["embedded_per_s"] / bare, 2),
        "note": "bare = embedder.embed on a random sample of the embedded node texts, in this process",
    }
    log(json.dumps(bench.bare_model))

    log("ingest again, nothing changed ...")
    started = time.perf_counter()
    again = ingest(sources, settings)
    bench.reingest = {
        "wall_s": round(time.perf_counter() - started, 1),
        "unchanged": again.records.unchanged,
        "embedded": again.embedded,
    }
    log(json.dumps(bench.reingest))

    log(f"LlamaIndex recipe on {llamaindex_sample} articles ...")
    bench.llamaindex = _llamaindex_rate(index, llamaindex_sample)
    log(json.dumps(bench.llamaindex))

    log(f"{n_questions} questions ...")
    bench.questions = _question_latencies(settings, index, questions, n_questions)
    log(json.dumps({k: v for k, v in bench.questions.items() if k != "per_strategy"}))

    log("app cold start ...")
    bench.app = _cold_start(index_dir)
    log(json.dumps(bench.app))
    bench.targets = _targets(bench)
    return bench


def _embed_texts(index: SearchIndex, n: int) -> list[str]:
    """The texts the pipeline embedded (record embed text), sampled."""
    from index.nodes import record_embed_text

    ids = index.node_ids(NodeFilter())
    chosen = random.Random(3).sample(ids, min(n, len(ids)))
    return [record_embed_text(r) for r in index.records(chosen).values()]


def _llamaindex_rate(index: SearchIndex, sample: int) -> dict[str, Any]:
    """The standard LlamaIndex recipe over the same articles, rendered as signal documents:
    SentenceSplitter chunks, HuggingFaceEmbedding of the same model, VectorStoreIndex in Chroma."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from llama_index.core import Document, StorageContext, VectorStoreIndex
    from llama_index.core.node_parser import SentenceSplitter
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding
    from llama_index.vector_stores.chroma import ChromaVectorStore

    from index.embeddings import local_model_dir
    from index.export import to_markdown

    ids = index.article_ids()
    chosen = random.Random(7).sample(ids, min(sample, len(ids)))
    articles = index.articles(chosen)
    documents = []
    records = 0
    for article_id in chosen:
        recs = list(index.records(index.record_ids_of_articles([article_id], NodeFilter())).values())
        records += len(recs)
        documents.append(Document(text=to_markdown(articles[article_id], recs), metadata={"article_id": article_id}))
    with tempfile.TemporaryDirectory() as tmp:
        client = chromadb.PersistentClient(path=tmp, settings=ChromaSettings(anonymized_telemetry=False))
        store = ChromaVectorStore(chroma_collection=client.get_or_create_collection("naive", embedding_function=None))
        embed = HuggingFaceEmbedding(model_name=str(local_model_dir()), device="cpu")
        embed.get_text_embedding("warm up")
        started = time.perf_counter()
        built = VectorStoreIndex.from_documents(  # noqa: F841 (built for its side effect: the store fills)
            documents,
            storage_context=StorageContext.from_defaults(vector_store=store),
            embed_model=embed,
            transformations=[SentenceSplitter(chunk_size=256, chunk_overlap=20)],
        )
        wall = time.perf_counter() - started
        del built
        chunks = store.client.count()
    return {
        "articles": len(documents),
        "records": records,
        "chunks": chunks,
        "wall_s": round(wall, 1),
        "records_per_s": round(records / wall, 1),
        "chunks_per_s": round(chunks / wall, 1),
        "note": "a seeded sample of articles; ~1,000-character chunks (256 tokens), metadata embedded as the recipe does",
    }


def _variants(questions: list[Question], n: int) -> list[tuple[str, dict[str, Any]]]:
    out: list[tuple[str, dict[str, Any]]] = []
    for variant in FILTER_VARIANTS:
        for q in questions:
            out.append((q.question, variant))
    return out[:n]


def _question_latencies(settings: Settings, index: SearchIndex, questions: list[Question], n: int) -> dict[str, Any]:
    from assistant import Assistant
    from assistant.retrieve import node_filter, retrieve

    desk = Assistant(settings, index=index)
    asked = _variants(questions, n)
    desk.ask(asked[0][0])  # warm: model loaded, Chroma opened
    retrieval, answer, floor, embed = [], [], [], []
    for question, options in asked:
        plan = desk.plan(question, **options)
        started = time.perf_counter()
        retrieve(plan, index, settings.retrieval, 20)
        retrieval.append((time.perf_counter() - started) * 1000)
        index.clear_query_cache()  # the answer embeds its question itself, as a fresh one would
        started = time.perf_counter()
        desk.ask(question, **options)
        answer.append((time.perf_counter() - started) * 1000)
        if plan.query:
            started = time.perf_counter()
            vector = index.embedder.embed([plan.query])[0]  # not index.embed_query: it keeps the last vector
            embed.append((time.perf_counter() - started) * 1000)
            index.exact(vector, 20, node_filter(plan))
            floor.append((time.perf_counter() - started) * 1000)
    strategies = {}
    # Chroma is kept only where it serves (not at this size): fill it from the catalog for the comparison.
    ingest([], settings.model_copy(update={"chroma_write": "always"}))
    index.refresh()
    vectors = [index.embed_query(desk.plan(q).query or q) for q, _ in asked[:60]]
    for strategy in ("exact", "hnsw", "chroma-filter"):
        index.settings = settings.model_copy(update={"retrieval": settings.retrieval.model_copy(update={"dense_strategy": strategy})})
        times = []
        for (question, options), vector in zip(asked[:60], vectors, strict=True):
            flt = node_filter(desk.plan(question, **options))
            started = time.perf_counter()
            index.dense(vector, 200, flt)
            times.append((time.perf_counter() - started) * 1000)
        strategies[strategy] = _percentiles(times)
    index.settings = settings
    return {
        "asked": len(asked),
        "retrieval_ms": _percentiles(retrieval),
        "answer_ms": _percentiles(answer),
        "query_embedding_ms": _percentiles(embed),
        "exact_floor_ms": _percentiles(floor),
        "per_strategy": {"dense_top200_ms": strategies},
        "note": "dev questions, then again with kind/relevancy/date filters; floor = query embedding + numpy exact masked top-20",
    }


def _percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    ordered = sorted(values)
    return {
        "p50": round(statistics.median(ordered), 1),
        "p95": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 1),
        "mean": round(statistics.fmean(ordered), 1),
    }


def _cold_start(index_dir: Path) -> dict[str, Any]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "app.py", "--index", str(index_dir), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=Path(__file__).resolve().parents[1],
    )
    try:
        deadline = started + 120
        while time.perf_counter() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
                return {"cold_start_s": round(time.perf_counter() - started, 2)}
            except OSError:
                time.sleep(0.1)
        return {"cold_start_s": None, "note": "no answer within 120 s"}
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _targets(bench: Bench) -> dict[str, Any]:
    q = bench.questions
    checks = {
        "ingest ≤ 6 min": bench.ingest["wall_s"] <= TARGETS["ingest_s"],
        "≥ 80% of bare model throughput": bench.bare_model["ingest_vs_bare"] >= TARGETS["throughput_vs_bare"],
        "unchanged re-ingest ≤ 30 s": bench.reingest["wall_s"] <= TARGETS["reingest_s"],
        "retrieval p50 ≤ 30 ms": q["retrieval_ms"]["p50"] <= TARGETS["retrieval_p50_ms"],
        "retrieval p95 ≤ 60 ms": q["retrieval_ms"]["p95"] <= TARGETS["retrieval_p95_ms"],
        "retrieval within 2x of the exact floor (p50)": q["retrieval_ms"]["p50"] <= TARGETS["vs_floor"] * q["exact_floor_ms"]["p50"],
        "app cold start ≤ 10 s": (bench.app.get("cold_start_s") or 1e9) <= TARGETS["cold_start_s"],
        "peak RSS ≤ 2.5 GB": bench.ingest["peak_rss_gb"] <= TARGETS["peak_rss_gb"],
    }
    return {name: bool(ok) for name, ok in checks.items()}


def _peak_rss_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6  # KB on Linux


def _du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def markdown(bench: Bench, command: str) -> str:
    """The bench as a Markdown section for docs/benchmarks.md."""
    i, r, b, li, q = bench.ingest, bench.reingest, bench.bare_model, bench.llamaindex, bench.questions
    lines = [
        f"    {command}",
        "",
        "| measure | value | target |",
        "|---|---|---|",
        f"| ingest from scratch | {i['wall_s']} s, {i['records']:,} records ({i['records_per_s']} records/s, {i['embedded']:,} embedded) | ≤ 360 s |",
        f"| bare model on {b['texts']:,} of the same texts | {b['texts_per_s']} texts/s; ingest reaches {b['ingest_vs_bare']:.0%} of it | ≥ 80% |",
        f"| unchanged re-ingest | {r['wall_s']} s ({r['unchanged']:,} unchanged, {r['embedded']} embedded) | ≤ 30 s |",
        f"| LlamaIndex recipe, {li['articles']} articles | {li['records_per_s']} records/s ({li['chunks']} chunks, {li['wall_s']} s) | — |",
        f"| peak RSS (ingest process) | {i['peak_rss_gb']} GB | ≤ 2.5 GB |",
        f"| index on disk | {i['disk_mb']} MB | — |",
        f"| retrieval, {q['asked']} questions | p50 {q['retrieval_ms']['p50']} ms, p95 {q['retrieval_ms']['p95']} ms | ≤ 30 / 60 ms |",
        f"| exact floor (query embedding + numpy masked top-20) | p50 {q['exact_floor_ms']['p50']} ms, p95 {q['exact_floor_ms']['p95']} ms | retrieval within 2x |",
        f"| query embedding alone | p50 {q['query_embedding_ms']['p50']} ms | — |",
        f"| whole extractive answer | p50 {q['answer_ms']['p50']} ms, p95 {q['answer_ms']['p95']} ms | — |",
        f"| app cold start (to first HTTP 200) | {bench.app.get('cold_start_s')} s | ≤ 10 s |",
        "",
        "Dense top-200 alone, by strategy (60 of the questions): "
        + "; ".join(f"{k} p50 {v['p50']} ms, p95 {v['p95']} ms" for k, v in q["per_strategy"]["dense_top200_ms"].items()),
        "",
        "Targets: " + ", ".join(f"{name} {'met' if ok else 'MISSED'}" for name, ok in bench.targets.items()),
    ]
    return "\n".join(lines)


"""Ask every question of every system, score each answer, and summarise per system and type."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from statistics import fmean

from assistant.citations import parse_markers
from index.records import Record

from . import metrics as m
from .questions import Question
from .systems import Retrieved, System

KS = (5, 10, 20)
QUALITY = [f"recall@{k}" for k in KS] + ["ndcg@10", "mrr", "article_recall@10", "precision", "precision_shown", "rows_shown"]
CHECKS = ["filter_exact", "citations_valid", "tables_faithful", "empty", "negative_ok", "count_ratio"]
NEGATIVE_ROWS = 3  # a question the corpus cannot answer may show at most this many rows, all weaker

Stored = Callable[[list[str]], dict[str, Record]]


def score(question: Question, retrieved: Retrieved, stored: Stored) -> dict:
    """Every metric of one system's answer to one question (None where it does not apply: answer
    checks without an answer, recall on a question the corpus cannot answer)."""
    keys = [m.record_key(r.article_id, r.kind, r.name) for r in retrieved.records]
    gold = question.gold_keys
    shown = keys[: retrieved.rows_shown]
    scores: dict = {"rows_shown": float(len(shown))}
    if question.negative:
        for name in [f"recall@{k}" for k in KS] + ["ndcg@10", "mrr", "article_recall@10", "precision", "precision_shown"]:
            scores[name] = None
        scores["empty"] = None
        scores["negative_ok"] = len(shown) == 0 or (len(shown) <= NEGATIVE_ROWS and retrieved.weak_shown == len(shown))
    else:
        scores.update({f"recall@{k}": m.recall_at_k(keys, gold, k) for k in KS})
        scores["ndcg@10"] = m.ndcg_at_k(keys, gold, 10)
        scores["mrr"] = m.reciprocal_rank(keys, gold)
        scores["article_recall@10"] = m.article_recall_at_k([r.article_id for r in retrieved.records], question.articles, 10)
        scores["precision"] = m.precision(keys, gold)
        scores["precision_shown"] = m.precision(shown, gold | question.acceptable_keys) if shown else None
        scores["empty"] = not shown
        scores["negative_ok"] = None
    scores["count_ratio"] = None
    if question.expected_count and retrieved.answer is not None and retrieved.answer.facets:
        scores["count_ratio"] = round(retrieved.answer.facets.get("total", 0) / question.expected_count, 3)
    scores["filter_exact"] = m.filter_exact(((r.kind, r.relevancy) for r in retrieved.records), question.kinds, question.min_relevancy)
    sides = sorted({g.part for g in question.gold if g.part})
    if sides and not question.negative:  # comparisons: is each side found, or does one crowd out the other?
        scores["side_recall@20"] = {s: m.recall_at_k(keys, {g.key for g in question.gold if g.part == s}, 20) for s in sides}
    scores["citations_valid"] = scores["tables_faithful"] = None
    answer = retrieved.answer
    if answer is not None:
        citations = {c.n: c.article_id for c in answer.citations}
        retrieved_articles = {r.article_id for r in answer.records}
        scores["citations_valid"] = m.citations_valid(parse_markers(answer.markdown), citations, retrieved_articles)
        # the stored records the answer carries: shown, and the weaker ones behind "more" (an
        # untitled article is named by its strongest records, which need not be shown rows)
        records = [r.model_dump() for r in stored([r.id for r in [*answer.records, *answer.more]]).values()]
        scores["tables_faithful"] = all(_faithful(table, records, set(citations)) for table in answer.tables)
    return scores


def _faithful(table, records: list[dict], citations: set[int]) -> bool:
    """Record tables quote stored fields (computed columns such as 'Seen in' aside); side-by-side
    tables quote record names; derived tables (counts, spans) hold no record text to check."""
    if table.source == "derived":
        return True
    if table.source == "articles":
        return m.articles_faithful(table.columns, table.rows, records, citations)
    if table.source == "cells":
        return m.cells_faithful(table.rows, records, citations)
    keep = [i for i, column in enumerate(table.columns) if column not in table.computed]
    return m.table_faithful(([row[i] for i in keep] for row in table.rows), records, citations)


def evaluate(question: Question, system: System, k: int, stored: Stored) -> dict:
    """One row of results.jsonl: the question, the system, its scores, latency and what it returned."""
    started = time.perf_counter()
    retrieved = system.retrieve(question, k)
    latency = (time.perf_counter() - started) * 1000
    gold = question.gold_keys
    keys = [m.record_key(r.article_id, r.kind, r.name) for r in retrieved.records]
    row = {
        "question": question.id,
        "type": question.group,
        "system": system.name,
        "latency_ms": round(latency, 1),
        "metrics": score(question, retrieved, stored),
        "retrieved": [[r.article_id, r.kind, r.name, key in gold] for r, key in zip(retrieved.records, keys, strict=True)],
        "missed": sorted(gold - set(keys)),
    }
    if retrieved.answer is not None:
        row["plan"] = retrieved.answer.plan
        row["warnings"] = retrieved.answer.warnings
    return row


def run(questions: list[Question], systems: list[System], k: int, stored: Stored, progress: Callable[[str], None] | None = None) -> list[dict]:
    """Rows for every (question, system), question by question."""
    rows = []
    for number, question in enumerate(questions, start=1):
        for system in systems:
            rows.append(evaluate(question, system, k, stored))
        if progress:
            progress(f"{number}/{len(questions)} {question.id}")
    return rows


def aggregate(rows: Iterable[dict]) -> dict:
    """Means of the quality metrics, shares of the checks passed (None when not applicable),
    latency percentiles and the question count."""
    rows = list(rows)
    out: dict = {"questions": len(rows)}
    for name in QUALITY:
        values = [r["metrics"][name] for r in rows if r["metrics"].get(name) is not None]
        out[name] = round(fmean(values), 4) if values else None
    for name in CHECKS:
        applicable = [r["metrics"][name] for r in rows if r["metrics"].get(name) is not None]
        out[name] = round(fmean(float(v) for v in applicable), 4) if applicable else None
    latencies = [r["latency_ms"] for r in rows]
    out["latency_p50_ms"] = _round(m.percentile(latencies, 50))
    out["latency_p95_ms"] = _round(m.percentile(latencies, 95))
    return out


def summarise(rows: list[dict], systems: list[str]) -> dict:
    """Per system overall, and per question type per system."""
    types = list(dict.fromkeys(r["type"] for r in rows))
    summary = {
        "systems": {s: aggregate(r for r in rows if r["system"] == s) for s in systems},
        "by_type": {t: {s: aggregate(r for r in rows if r["system"] == s and r["type"] == t) for s in systems} for t in types},
    }
    sided = [r for r in rows if "side_recall@20" in r["metrics"]]
    names = sorted({side for r in sided for side in r["metrics"]["side_recall@20"]})
    if sided:
        summary["sides"] = {
            s: {n: round(fmean(v[n] for r in sided if r["system"] == s and n in (v := r["metrics"]["side_recall@20"])), 4) for n in names}
            for s in systems
        }
    return summary


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)

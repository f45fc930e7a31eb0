"""Retrieval settings varied one knob at a time, signal-desk only, in one process: each variant is
scored like `eval run` and reported per question type. Query embeddings and dense/BM25 results
are remembered across variants, so a variant costs fusion and composition only."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from assistant import Assistant
from index import Settings
from index.search import SearchIndex

from .overrides import apply_overrides, parse_override
from .questions import Question
from .report import cell
from .runner import Stored, aggregate, run
from .systems import SignalDeskSystem

PER_QUESTION = ("recall@20", "ndcg@10", "precision_shown", "rows_shown", "negative_ok")

# The knobs of issue 5 item 3, around the defaults; "off" is 0 for the similarity floors and the
# article lift, and a per-article cap no article reaches for diversification.
DEFAULT_VARY = [
    "retrieval.dense_weight=0.5,0.9,1.0",
    "retrieval.rrf_k=10,30,120",
    "retrieval.candidates=50,100,400",
    "retrieval.article_boost=0,1.0",
    "retrieval.articles=5,50",
    "retrieval.per_article=3,10,1000",
    "retrieval.min_similarity=0",
    "retrieval.relative_similarity=0,0.7",
]
DEFAULT_VARIANTS = ["retrieval.min_similarity=0 retrieval.relative_similarity=0"]


class MemoIndex:
    """A SearchIndex that remembers query embeddings and dense/lexical results (same answers, paid once)."""

    def __init__(self, index: SearchIndex):
        self._index = index
        self._memo: dict[tuple, object] = {}

    def __getattr__(self, name: str):
        return getattr(self._index, name)

    def __len__(self) -> int:
        return len(self._index)

    def _remember(self, key: tuple, compute: Callable[[], object]):
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def embed_query(self, text: str):
        return self._remember(("embed", text), lambda: self._index.embed_query(text))

    def dense(self, vector, n, flt):
        return list(self._remember(("dense", vector.tobytes(), n, flt), lambda: self._index.dense(vector, n, flt)))

    def lexical(self, query, n, flt, extra=()):
        return list(self._remember(("lexical", query, n, flt, tuple(extra)), lambda: self._index.lexical(query, n, flt, extra)))

    def background(self, vector, flt):
        return self._remember(("background", vector.tobytes(), flt), lambda: self._index.background(vector, flt))

    def mentioning(self, phrases, pattern, flt, cased=()):
        key = ("mentioning", tuple(phrases), tuple(cased), pattern.pattern, flt)
        return set(self._remember(key, lambda: self._index.mentioning(phrases, pattern, flt, cased)))  # type: ignore[arg-type]


def variants(vary: list[str], combined: list[str]) -> list[list[str]]:
    """Override lists: one per value of each `KEY=V1,V2` in `vary`, one per space-separated `combined` entry."""
    out: list[list[str]] = []
    for text in vary:
        key, sep, values = text.partition("=")
        if not sep or not key.strip() or not values.strip():
            raise ValueError(f"not a knob to vary: {text!r} (use KEY=V1,V2, e.g. retrieval.rrf_k=10,60)")
        out += [[f"{key.strip()}={value.strip()}"] for value in values.split(",") if value.strip()]
    for entry in combined:
        for text in entry.split():
            parse_override(text)  # fail early on a malformed one
        out.append(entry.split())
    return out


def sweep(
    questions: list[Question],
    base: Settings,
    index: SearchIndex,
    overrides: list[list[str]],
    k: int,
    stored: Stored,
    progress: Callable[[str], None] | None = None,
    base_label: str = "defaults",
) -> list[dict]:
    """The base settings and every variant of them, each scored overall and per question type."""
    memo = MemoIndex(index)
    results = []
    for variant in [[], *overrides]:
        settings = apply_overrides(base, variant)
        desk = Assistant(settings, index=memo)  # type: ignore[arg-type]  # duck-typed SearchIndex
        rows = run(questions, [SignalDeskSystem(desk)], k, stored)
        types = list(dict.fromkeys(r["type"] for r in rows))
        results.append(
            {
                "variant": " ".join(variant) or base_label,
                "overrides": variant,
                "retrieval": settings.retrieval.model_dump(),
                "all": aggregate(rows),
                "by_type": {t: aggregate(r for r in rows if r["type"] == t) for t in types},
                "per_question": {r["question"]: {m: r["metrics"][m] for m in PER_QUESTION} for r in rows},
            }
        )
        if progress:
            progress(results[-1]["variant"])
    return results


def sweep_table(results: list[dict], metric: str) -> str:
    """Variants (rows) by question type (columns) for one metric, with the overall change from the
    defaults and how many questions it helped or hurt (a small mean change made of one question is noise)."""
    types = list(results[0]["by_type"])
    base = results[0]
    header = "| variant | all | Δ all | questions +/− | " + " | ".join(f"{t} ({base['by_type'][t]['questions']})" for t in types) + " |"
    lines = [header, "|:--" + "|--:" * (len(types) + 3) + "|"]
    for result in results:
        value = result["all"][metric]
        delta = changed = ""
        if result is not base and value is not None and base["all"][metric] is not None:
            delta = f"{value - base['all'][metric]:+.3f}"
            pairs = [(result["per_question"][q][metric], b[metric]) for q, b in base["per_question"].items()]
            diffs = [v - w for v, w in pairs if v is not None and w is not None]
            changed = f"+{sum(d > 1e-9 for d in diffs)}/−{sum(d < -1e-9 for d in diffs)}"
        lines.append(
            f"| {result['variant']} | {cell(metric, value)} | {delta} | {changed} | "
            + " | ".join(cell(metric, result["by_type"][t][metric]) for t in types)
            + " |"
        )
    return "\n".join(lines)


def write_sweep(out: Path, config: dict, results: list[dict]) -> str:
    """sweep.json, sweep.md and config.json into `out`; returns the Markdown."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "config.json").write_text(json.dumps(config, indent=2, ensure_ascii=False) + "\n")
    (out / "sweep.json").write_text(json.dumps(results, indent=2) + "\n")
    text = "\n".join(
        [
            f"# Sweep: {Path(config['questions']['path']).name}, signal-desk, k = {config['k']}",
            "",
            f"    {config['command']}",
            "",
            "## Record recall@20",
            "",
            sweep_table(results, "recall@20"),
            "",
            "## Precision of the rows shown (gold or acceptable)",
            "",
            sweep_table(results, "precision_shown"),
            "",
            "## Rows shown",
            "",
            sweep_table(results, "rows_shown"),
            "",
            "## Negatives answered with nothing or at most 3 weaker rows",
            "",
            sweep_table(results, "negative_ok"),
            "",
            "## nDCG@10",
            "",
            sweep_table(results, "ndcg@10"),
            "",
        ]
    )
    (out / "sweep.md").write_text(text)
    return text

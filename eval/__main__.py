"""`python -m eval run|sweep`: score Signal Desk and its baselines on a question file; `bench` and
`reliability` have their own arguments (`python -m eval bench --help`, `python -m eval reliability --help`)."""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from datetime import datetime
from pathlib import Path

from index import NodeFilter, Settings, SignalDeskError
from index.search import SearchIndex

from . import naive as naive_index
from .overrides import apply_overrides
from .questions import load_questions
from .report import ROOT, git_state, machine, settings_json, style_table, system_table, write_run
from .runner import run, summarise
from .sweep import DEFAULT_VARIANTS, DEFAULT_VARY, sweep, variants, write_sweep
from .systems import DIAGNOSTIC, NAMES, make_systems

RESULTS = ROOT / "eval" / "results"
EXAMPLES = """examples:
  python -m eval run --questions ../shared/eval/dev_questions.jsonl --index /tmp/sd-eval
  python -m eval run --questions eval/questions/sample.jsonl --systems bm25,signal-desk --set retrieval.dense_weight=0.9
  python -m eval sweep --questions ../shared/eval/dev_questions.jsonl --index /tmp/sd-eval --vary retrieval.rrf_k=10,60
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m eval",
        description="Score Signal Desk and its baselines against hand-labelled gold records.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)
    run_cmd = commands.add_parser("run", help="ask every question of every system, score, write a report")
    sweep_cmd = commands.add_parser("sweep", help="vary retrieval settings (signal-desk only), report per question type")
    for cmd in (run_cmd, sweep_cmd):
        cmd.add_argument("--questions", type=Path, required=True, help="question file (JSONL, the dev_questions format)")
        cmd.add_argument("--index", type=Path, help="index directory (default: $SIGNAL_DESK_INDEX or .signal-desk)")
        cmd.add_argument("--out", type=Path, help="output directory (default: eval/results/<timestamp>-<questions stem>/)")
        cmd.add_argument("--k", type=int, default=20, help="records each system returns (default 20)")
        cmd.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE", help="settings override, e.g. retrieval.dense_weight=0.6 (repeatable)")
        cmd.add_argument("--limit", type=int, help="only the first N questions")
        cmd.add_argument("--split", choices=["tune", "test"], help="only the questions of this split (our own question set)")
        cmd.add_argument("--quiet", action="store_true", help="no progress output")
    run_cmd.add_argument(
        "--systems",
        default=",".join(NAMES),
        help=f"comma-separated, from {', '.join(NAMES)} (default: these) and the diagnostic {', '.join(DIAGNOSTIC)}",
    )
    run_cmd.add_argument("--naive-cache", type=Path, help="where the naive baseline's chunk index is cached (default: <index>/eval-naive)")
    run_cmd.add_argument("--naive-sample", type=int, metavar="N", help="build the naive index from a seeded sample of N articles")
    sweep_cmd.add_argument("--vary", action="append", default=[], metavar="KEY=V1,V2", help="one variant per value (repeatable)")
    sweep_cmd.add_argument("--variant", action="append", default=[], metavar="'KEY=V KEY=V'", help="one variant of several overrides (repeatable)")
    return parser


def main(argv: list[str] | None = None, *, index: SearchIndex | None = None) -> int:
    """Run the command; `index` lets a caller (the tests) reuse an open index."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["bench"]:
        return bench_main(argv[1:])
    if argv[:1] == ["reliability"]:
        from .reliability.cli import main as reliability_main

        return reliability_main(argv[1:])
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        base = Settings(index_dir=args.index) if args.index else Settings()
        settings = apply_overrides(base, args.overrides)
        questions = load_questions(args.questions, args.limit, args.split)
        plan = variants(args.vary, args.variant) if args.command == "sweep" else []
        if args.command == "sweep" and not plan:
            plan = variants(DEFAULT_VARY, DEFAULT_VARIANTS)
    except (ValueError, OSError) as exc:
        parser.error(str(exc))
    try:
        index = SearchIndex(settings) if index is None else index
        config = run_config(args, argv, settings, index, len(questions))
        if args.command == "sweep":
            return do_sweep(args, config, questions, settings, index, plan)
        return do_run(args, config, questions, settings, index, parser)
    except SignalDeskError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def bench_main(argv: list[str]) -> int:
    """`python -m eval bench`: the full-scale benchmark (see eval/bench.py)."""
    from .bench import markdown, run_bench

    parser = argparse.ArgumentParser(
        prog="python -m eval bench",
        description="Ingest from scratch and again, time the LlamaIndex recipe, 200 questions and the app's cold start.",
    )
    parser.add_argument("--tables", type=Path, help="the tabular export folder (../shared/corpus/tables)")
    parser.add_argument("--articles", type=Path, help="article documents to ingest with them")
    parser.add_argument("--questions", type=Path, default=ROOT.parent / "shared" / "eval" / "dev_questions.jsonl", help="questions whose variants are timed")
    parser.add_argument("--index", type=Path, default=Path("/tmp/signal-desk-bench"), help="scratch index directory (wiped first)")
    parser.add_argument("--out", type=Path, help="output directory (default: eval/results/<timestamp>-bench/)")
    parser.add_argument("--n-questions", type=int, default=200)
    parser.add_argument("--llamaindex-sample", type=int, default=200, help="articles the LlamaIndex recipe indexes")
    parser.add_argument("--bare-sample", type=int, default=5000, help="texts the bare model embeds for the throughput comparison")
    args = parser.parse_args(argv)
    sources = [str(p) for p in (args.tables, args.articles) if p]
    if not sources:
        parser.error("give --tables, --articles or both")
    bench = run_bench(
        sources, args.index, load_questions(args.questions, None), n_questions=args.n_questions,
        llamaindex_sample=args.llamaindex_sample, bare_sample=args.bare_sample, log=_progress,
    )
    out = args.out or RESULTS / f"{datetime.now():%Y%m%d-%H%M%S}-bench"
    out.mkdir(parents=True, exist_ok=True)
    from dataclasses import asdict

    (out / "bench.json").write_text(json.dumps({**asdict(bench), "machine": machine(), "git": git_state()}, indent=2))
    text = markdown(bench, "python -m eval bench " + shlex.join(argv))
    (out / "bench.md").write_text(text + "\n")
    print(text)
    return 0


def do_run(args, config: dict, questions, settings: Settings, index: SearchIndex, parser) -> int:
    from assistant import Assistant

    names = [n.strip() for n in args.systems.split(",") if n.strip()]
    cache = args.naive_cache or Path(settings.index_dir) / "eval-naive"
    built: dict = {}

    def naive():
        cached = (cache / "meta.json").exists()
        built["index"] = naive_index.load_or_build(index, cache, sample=args.naive_sample, progress=not args.quiet)
        built["cached"] = cached and built["index"].meta["fingerprint"] == naive_index.fingerprint(index, args.naive_sample)
        return built["index"]

    try:
        systems = make_systems(names, Assistant(settings, index=index), naive)
    except ValueError as exc:
        parser.error(str(exc))
    if "index" in built:
        config["naive"] = built["index"].meta
        config["naive_cached"] = built["cached"]
    if "signal-desk" in names:
        index.embed_query("warm up")  # load the model before the clock starts
    rows = run(questions, systems, args.k, index.records, progress=None if args.quiet else _progress)
    summary = summarise(rows, names)
    out = args.out or RESULTS / f"{datetime.now():%Y%m%d-%H%M%S}-{args.questions.stem}"
    write_run(out, config, summary, rows)
    print(system_table(summary))
    if "signal-desk" in names:
        print("\n" + style_table(summary))
    print(f"\nreport: {out / 'report.md'}")
    return 0


def do_sweep(args, config: dict, questions, settings: Settings, index: SearchIndex, plan: list[list[str]]) -> int:
    config["variants"] = [" ".join(v) for v in plan]
    index.embed_query("warm up")
    label = "base: " + " ".join(args.overrides) if args.overrides else "defaults"
    results = sweep(questions, settings, index, plan, args.k, index.records, progress=None if args.quiet else _progress, base_label=label)
    out = args.out or RESULTS / f"{datetime.now():%Y%m%d-%H%M%S}-sweep-{args.questions.stem}"
    print(write_sweep(out, config, results))
    print(f"sweep: {out / 'sweep.md'}")
    return 0


def run_config(args, argv: list[str], settings: Settings, index: SearchIndex, questions: int) -> dict:
    """config.json: what was run, on what, with which settings and code."""
    import hashlib

    return {
        "command": "python -m eval " + shlex.join(argv),
        "started": f"{datetime.now():%Y-%m-%d %H:%M:%S}",
        "questions": {"path": str(args.questions), "count": questions, "sha256": hashlib.sha256(args.questions.read_bytes()).hexdigest()},
        "systems": [n.strip() for n in args.systems.split(",")] if args.command == "run" else ["signal-desk"],
        "k": args.k,
        "index": {
            "dir": str(settings.index_dir),
            "nodes": len(index),
            "records": index.count(NodeFilter()),
            "model": index.embedder.model_id,
        },
        "overrides": args.overrides,
        "settings": settings_json(settings),
        "git": git_state(),
        "machine": machine(),
    }


def _progress(message: str) -> None:
    print(f"  {message}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())

"""Index signal documents, tabular exports and web articles into a Signal Desk index.

Exit codes: 0 every source was read; 1 some failed (the rest is indexed); 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pydantic import ValidationError

from index import IngestReport, Settings, SignalDeskError, ingest

EXAMPLES = """examples:
  python ingest.py examples/corpus
  python ingest.py ../shared/corpus/articles ../shared/corpus/tables --index sd-demo
  python ingest.py "notes/**/*.md" exports/signals.parquet --json
  python ingest.py https://www.example.org/news/article saved-page.html

Sources: signal markdown (.md, every layout), tabular exports (.parquet, .csv, .json, .jsonl;
one file per kind named for it, or one JSON keyed by kind), web articles (.html files and
http(s) URLs: indexed as passages; with SIGNAL_DESK_LLM_MODEL set, their signals, concerns,
behaviors, technologies and issues are extracted by the model). Directories are read
recursively; a file over SIGNAL_DESK_MAX_FILE_BYTES (20 MB) is skipped. URLs resolving to private,
loopback or link-local addresses are refused unless SIGNAL_DESK_ALLOW_PRIVATE_URLS=true, and a URL
still downloading after SIGNAL_DESK_URL_DEADLINE seconds is abandoned. Re-running is cheap:
unchanged records are not embedded again, and records a re-read source no longer holds are
removed (only that source's).

One ingest writes to an index at a time: another one fails at once naming the holder's pid, or
waits for it with --wait. A running app picks up what an ingest added within seconds, without a
restart. An ingest killed at any moment leaves the last published state answering; running the
same command again finishes the job.
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python ingest.py",
        description="Read signal sources into typed records and upsert them into the index (Chroma + BM25).",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("sources", nargs="+", metavar="SOURCE", help="files, directories, globs or URLs")
    parser.add_argument("--index", type=Path, help="index directory (default: $SIGNAL_DESK_INDEX or .signal-desk)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON on stdout")
    parser.add_argument("--quiet", action="store_true", help="no progress bars")
    parser.add_argument("--wait", action="store_true", help="if another ingest is writing to the index, wait for it instead of failing")
    return parser


class Bars:
    """tqdm bars for the stages the core reports (read, embed, bm25), on stderr."""

    LABELS = {
        "lock": "waiting for another ingest",
        "read": "reading",
        "embed": "embedding",
        "chroma": "filling Chroma",
        "snapshot": "publishing the snapshot",
        "clusters": "clustering",
    }
    UNITS = {"read": "file", "embed": "rec", "chroma": "node"}

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.bars: dict = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage == "lock":  # said even without bars: the run seems to hang otherwise
            print("another ingest is writing to this index; waiting for it (--wait) ...", file=sys.stderr, flush=True)
            return
        if not self.enabled:
            return
        from tqdm import tqdm

        bar = self.bars.get(stage)
        if bar is None:
            bar = self.bars[stage] = tqdm(
                total=total, desc=self.LABELS.get(stage, stage), unit=self.UNITS.get(stage, "step"), file=sys.stderr, leave=True
            )
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    def close(self) -> None:
        for bar in self.bars.values():
            bar.close()


def summary(report: IngestReport) -> str:
    r = report.records
    kinds = ", ".join(f"{n} {k}" for k, n in report.by_kind.items() if n)
    extracted = f", {report.extracted} extracted by the language model" if report.extracted else ""
    lines = [
        f"{report.articles} articles, {r.read} records read ({kinds or 'none'}{extracted}) in {report.seconds:.1f}s",
        f"records: {r.added} added, {r.updated} updated, {r.unchanged} unchanged, {r.removed} removed; "
        f"{report.embedded} texts embedded; {report.total_nodes} nodes, {report.clusters} near-duplicate clusters in {report.index_dir}",
    ]
    p = report.passages
    if p.added or p.updated or p.unchanged or p.removed:
        lines.append(f"web-article passages: {p.added} added, {p.updated} updated, {p.unchanged} unchanged, {p.removed} removed")
    lines += [f"note: {note}" for note in report.notes]
    if report.failures:
        lines.append(f"{len(report.failures)} skipped or partly read:")
        lines += [f"  {f.source}: {f.reason}" for f in report.failures]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    bars = Bars(enabled=not args.quiet and sys.stderr.isatty())
    try:
        settings = Settings(index_dir=args.index) if args.index else Settings()
        report = ingest(args.sources, settings, on_progress=bars, wait=args.wait)
    except ValidationError as exc:
        print(f"error: invalid settings: {exc.errors()[0]['msg']} ({exc.errors()[0]['loc']})", file=sys.stderr)
        return 2
    except SignalDeskError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted: what was written is kept; run the same command again to finish", file=sys.stderr)
        return 130
    finally:
        bars.close()
    if args.json:
        print(report.model_dump_json(indent=2))
    else:
        print(summary(report))
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""Crash test: kill -9 ingests at random moments, first builds and updates alike, and check that
afterwards (1) the index opens and answers from its last good generation and (2) running the same
ingest again ends identical to a clean build: same records, articles, owners, nodes, clusters and
searchable rows (`python -m index fingerprint`), and the same ranked answers.

    python scripts/kill_test.py --tables ../shared/corpus/tables --work /tmp/sd-kills --kills 24

Sources: a seeded subset of the tabular export plus the sample corpus (state 1); the update
(state 2) rewrites those tables with rows dropped and relevancies changed, adds more articles'
tables, edits two documents and adds two. Bounded: a fixed number of kills, a timeout on every
ingest. Writes only under --work.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

QUESTIONS = [
    "What escalation signals involve Estonia?",
    "concerns about artificial intelligence in schools",
    "high-relevancy technologies about energy",
    "How many concerns mention climate?",
]
TIMEOUT = 900


class Corpus:
    """The two states of the sources, written in place under one path (owners are keyed by path)."""

    def __init__(self, work: Path, tables: Path, articles: int, seed: int):
        from subset import write_subset

        self.src = work / "src"
        self.states = work / "states"
        one, two = self.states / "1", self.states / "2"
        if not (two / "done").exists():
            shutil.rmtree(self.states, ignore_errors=True)
            write_subset(tables, one / "tables", articles, seed=seed)
            shutil.copytree(ROOT / "examples" / "corpus", one / "docs", ignore=shutil.ignore_patterns("README.md"))
            shutil.copytree(one, two)
            write_subset(tables, two / "more", max(1, articles // 2), seed=seed, skip=articles)
            self._change_tables(two / "tables", random.Random(seed))
            self._change_docs(two / "docs")
            (two / "done").write_text("")

    @staticmethod
    def _change_tables(folder: Path, rng: random.Random) -> None:
        import pandas as pd

        for path in sorted(folder.glob("*.parquet")):
            frame = pd.read_parquet(path)
            keep = [rng.random() > 0.1 for _ in range(len(frame))]
            frame = frame[keep].copy()
            if "relevancy" in frame.columns:
                flip = [rng.random() < 0.1 for _ in range(len(frame))]
                frame.loc[flip, "relevancy"] = frame.loc[flip, "relevancy"].map(lambda r: (int(r) % 5) + 1 if r == r and r is not None else 3)
            frame.to_parquet(path, index=False)

    @staticmethod
    def _change_docs(folder: Path) -> None:
        baltic = folder / "20250314b-baltic-gps-jamming.md"
        baltic.write_text(baltic.read_text(encoding="utf-8").replace("daily occurrence", "weekly occurrence"), encoding="utf-8")
        heat = folder / "20231128-heat-pumps-gas-boilers.md"
        lines = heat.read_text(encoding="utf-8").splitlines()
        alignment = next(i for i, line in enumerate(lines) if line.startswith("|") and set(line) <= set("|-: "))
        heat.write_text("\n".join(lines[: alignment + 1] + lines[alignment + 2 :]) + "\n", encoding="utf-8")  # its first row
        shutil.copy(folder / "20240402a-h5n1-dairy-cattle.md", folder / "copy-of-h5n1.md")
        source = (folder / "20250930d-ransomware-hospitals.md").read_text(encoding="utf-8")
        (folder / "20260101-ransomware-schools.md").write_text(source.replace("Hospitals", "Schools").replace("hospital", "school"), encoding="utf-8")

    def use(self, state: int) -> list[str]:
        shutil.rmtree(self.src, ignore_errors=True)
        shutil.copytree(self.states / str(state), self.src, ignore=shutil.ignore_patterns("done"))
        return [str(p) for p in sorted(self.src.iterdir())]


def run_ingest(sources: list[str], index: Path, *, kill_after: float | None = None) -> tuple[float, int | None]:
    """Run ingest.py in a process; kill it -9 after `kill_after` seconds. Returns (seconds, exit code or None if killed)."""
    started = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "ingest.py", *sources, "--index", str(index), "--quiet"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        proc.wait(timeout=kill_after if kill_after is not None else TIMEOUT)
        return time.monotonic() - started, proc.returncode
    except subprocess.TimeoutExpired:
        if kill_after is None:
            proc.kill()
            raise
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        return time.monotonic() - started, None


class Checker:
    def __init__(self):
        from index import Settings
        from index.embeddings import load_embedder

        self.embedder = load_embedder(Settings())
        self.embedder.embed(["warm up"])

    def fingerprint(self, index: Path) -> dict:
        from index.fingerprint import fingerprint

        return fingerprint(index)

    def answers(self, index: Path) -> list:
        from assistant import Assistant
        from index import Settings
        from index.search import SearchIndex

        settings = Settings(index_dir=index)
        desk = Assistant(settings, index=SearchIndex(settings, embedder=self.embedder))
        out = []
        for question in QUESTIONS:
            answer = desk.ask(question)
            out.append([question, [(r.id, r.score) for r in answer.records], answer.markdown])
        desk.index.close()
        return out

    def readable(self, index: Path) -> tuple[str, int | None]:
        """'answers' (with the generation), 'empty' (killed before any generation: a clear error), or the failure."""
        from index import SignalDeskError

        try:
            answers = self.answers(index)
        except SignalDeskError as exc:
            return ("empty" if "empty or unfinished" in str(exc) or "no index at" in str(exc) else f"error: {exc}"), None
        except Exception as exc:  # anything else is a failure of the test
            return f"crash: {type(exc).__name__}: {exc}", None
        from index.generations import read_manifest

        manifest = read_manifest(index)
        return ("answers" if answers else "no answers"), manifest.generation if manifest else None


CONTENT = ("articles", "records", "owners", "clusters", "nodes", "snapshot", "cluster_count", "snapshot_nodes")


def same(a: dict, b: dict) -> bool:
    return all(a[k] == b[k] for k in CONTENT)


def stage_of(fingerprint: dict | None) -> str:
    """Where the killed run was, from what it left in the backlog."""
    if fingerprint is None:
        return "before the first generation"
    left = {k for k, v in fingerprint["backlog"].items() if v}
    if "reconcile" in left:
        return "staged, nodes being written"
    if "publish" in left:
        return "nodes written, generation not yet published"
    if "cluster" in left or "origin" in left:
        return "published, clusters not yet updated"
    return "finished or not yet started writing"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python scripts/kill_test.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--tables", type=Path, required=True, help="the tabular export (../shared/corpus/tables)")
    parser.add_argument("--work", type=Path, required=True, help="scratch folder (sources and indexes are written here)")
    parser.add_argument("--kills", type=int, default=24, help="kill -9 runs, half first builds and half updates")
    parser.add_argument("--articles", type=int, default=30, help="articles of the tables in state 1")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, help="write the results as JSON here too")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    corpus = Corpus(args.work, args.tables, args.articles, args.seed)
    check = Checker()

    clean = {}
    durations = {}
    for state in (1, 2):
        sources = corpus.use(state)
        target = args.work / f"clean-{state}"
        if not (target / "built").exists():  # the sources never change: a clean build is made once
            shutil.rmtree(target, ignore_errors=True)
            seconds, code = run_ingest(sources, target)
            assert code == 0, f"clean build of state {state} failed ({code})"
            (target / "built").write_text(str(seconds))
        durations[state] = float((target / "built").read_text())
        clean[state] = (check.fingerprint(target), check.answers(target))
        print(json.dumps({"clean": state, "seconds": round(durations[state], 1), **{k: clean[state][0][k] for k in ("records_count", "nodes_count", "cluster_count")}}), flush=True)
    update_alone, _ = run_ingest(corpus.use(2), _copy(args.work / "clean-1", args.work / "update-timing"))
    shutil.rmtree(args.work / "update-timing", ignore_errors=True)

    results = []
    for number in range(args.kills):
        kind = "first build" if number % 2 == 0 else "update"
        state = 1 if kind == "first build" else 2
        span = durations[1] if kind == "first build" else update_alone
        after = round(span * (0.05 + 1.0 * (number // 2 + rng.random()) / (args.kills // 2 + 1)), 2)  # spread over the run
        target = args.work / f"kill-{number:02d}"
        sources = corpus.use(state)
        for _ in range(6):  # the machine's speed varies: a run that finished before its kill is tried sooner
            shutil.rmtree(target, ignore_errors=True)
            if kind == "update":
                _copy(args.work / "clean-1", target)
                (target / "built").unlink()
            _, code = run_ingest(sources, target, kill_after=after)
            killed = code is None
            if killed:
                break
            after = round(after * 0.6, 2)
        try:
            left = check.fingerprint(target)
        except Exception:
            left = None
        status, generation = check.readable(target)
        last_good = None
        if left is not None and kind == "update":
            last_good = {clean[1][0]["snapshot"]: "old", clean[2][0]["snapshot"]: "new"}.get(left["snapshot"], "intermediate")
        rerun_s, rerun_code = run_ingest(sources, target)
        final = check.fingerprint(target)
        identical = same(final, clean[state][0])
        answers_identical = check.answers(target) == clean[state][1]
        row = {
            "kill": number, "kind": kind, "after_s": after, "killed": killed, "stage": stage_of(left) if killed else "not killed (finished first)",
            "readable": status, "generation": generation, "state_after_kill": last_good, "rerun_s": round(rerun_s, 1),
            "rerun_exit": rerun_code, "identical": identical, "answers_identical": answers_identical,
        }
        results.append(row)
        print(json.dumps(row), flush=True)
        shutil.rmtree(target, ignore_errors=True)

    summary = summarise(results, durations, update_alone)
    print(markdown(summary, results, "python scripts/kill_test.py " + " ".join(argv if argv is not None else sys.argv[1:])))
    if args.out:
        args.out.write_text(json.dumps({"summary": summary, "runs": results}, indent=2) + "\n")
    return 0 if summary["all_identical"] and summary["all_readable"] else 1


def _copy(source: Path, target: Path) -> Path:
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)
    return target


def summarise(results: list[dict], durations: dict, update_alone: float) -> dict:
    killed = [r for r in results if r["killed"]]
    return {
        "runs": len(results),
        "killed": len(killed),
        "first_build_kills": sum(r["kind"] == "first build" for r in killed),
        "update_kills": sum(r["kind"] == "update" for r in killed),
        "readable_or_empty": sum(r["readable"] in ("answers", "empty") for r in results),
        "answering_after_kill": sum(r["readable"] == "answers" for r in results),
        "empty_first_builds": sum(r["readable"] == "empty" for r in results),
        "identical_after_rerun": sum(r["identical"] and r["answers_identical"] for r in results),
        "all_readable": all(r["readable"] in ("answers", "empty") and (r["kind"] == "first build" or r["readable"] == "answers") for r in results),
        "all_identical": all(r["identical"] and r["answers_identical"] for r in results),
        "stages": {s: sum(r["stage"] == s for r in results) for s in sorted({r["stage"] for r in results})},
        "clean_build_s": {"state 1": round(durations[1], 1), "state 2": round(durations[2], 1), "update alone": round(update_alone, 1)},
    }


def markdown(summary: dict, results: list[dict], command: str) -> str:
    lines = [
        f"    {command}",
        "",
        "| measure | value |",
        "|---|---|",
        f"| kill -9 runs | {summary['runs']} ({summary['killed']} killed: {summary['first_build_kills']} first builds, {summary['update_kills']} updates) |",
        f"| index readable afterwards | {summary['readable_or_empty']} of {summary['runs']} ({summary['answering_after_kill']} answered; {summary['empty_first_builds']} first builds killed before their first generation said so) |",
        f"| rerun identical to a clean build (fingerprint and answers) | {summary['identical_after_rerun']} of {summary['runs']} |",
        f"| uninterrupted: first build / full update / update alone | {summary['clean_build_s']['state 1']} s / {summary['clean_build_s']['state 2']} s / {summary['clean_build_s']['update alone']} s |",
        "",
        "Where the killed runs were (from the backlog they left): "
        + "; ".join(f"{stage}: {n}" for stage, n in summary["stages"].items()),
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())

"""Does an index kept up to date by appended segments and incremental clustering answer exactly
like one built from scratch? Copy it, rebuild the copy's snapshot and clusters whole from its
catalog (`python -m index rebuild`: what a first build writes), then compare the two: fingerprints
(records, nodes, clusters, searchable rows) and the ranked records and text of every answer to the
dev questions, each with filter variants.

    python scripts/equivalence.py --index /work/FULL-11 --work /tmp/sd-equivalence

(The tests check the same against true clean builds on small corpora: tests/test_live_index.py;
the crash test against clean builds of its sources: scripts/kill_test.py.)
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from load import questions  # noqa: E402


def answers(index_dir: Path, embedder) -> list:
    from assistant import Assistant
    from index import Settings
    from index.search import SearchIndex

    settings = Settings(index_dir=index_dir)
    desk = Assistant(settings, index=SearchIndex(settings, embedder=embedder))
    out = []
    for question, kinds, relevancy, since, until in questions():
        answer = desk.ask(question, kinds=kinds or None, min_relevancy=relevancy or None, since=since or None, until=until or None)
        out.append({"question": question, "filters": [kinds, relevancy, since], "records": [(r.id, r.score) for r in answer.records], "markdown": answer.markdown})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python scripts/equivalence.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--work", type=Path, required=True, help="scratch folder for the rebuilt copy")
    args = parser.parse_args(argv)
    from index import Settings
    from index.embeddings import load_embedder
    from index.fingerprint import fingerprint
    from index.generations import read_manifest

    copy = args.work / "rebuilt"
    shutil.rmtree(copy, ignore_errors=True)
    args.work.mkdir(parents=True, exist_ok=True)
    shutil.copytree(args.index, copy)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "index", "rebuild", "--index", str(copy)], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    rebuild_s = time.perf_counter() - started
    live, rebuilt = fingerprint(args.index), fingerprint(copy)
    embedder = load_embedder(Settings())
    a, b = answers(args.index, embedder), answers(copy, embedder)
    differing = [x["question"] for x, y in zip(a, b, strict=True) if x != y]
    manifest = read_manifest(args.index)
    result = {
        "index": str(args.index),
        "segments": len(manifest.segments) if manifest else 0,
        "dead_rows": sum(len(s.dead) for s in manifest.segments) if manifest else 0,
        "nodes": live["snapshot_nodes"],
        "clusters": live["cluster_count"],
        "fingerprints_equal": {k: live[k] == rebuilt[k] for k in live if k != "backlog"},
        "answers_compared": len(a),
        "answers_differing": len(differing),
        "first_differing": differing[:5],
        "rebuild_s": round(rebuild_s, 1),
    }
    print(json.dumps(result, indent=2))
    return 0 if all(result["fingerprints_equal"].values()) and not differing else 1


if __name__ == "__main__":
    sys.exit(main())

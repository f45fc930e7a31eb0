"""Retrieval and whole-answer latency of one index, in process: the dev questions with filter
variants (as scripts/load.py asks them), each question's vector embedded fresh.

    python scripts/retrieval_latency.py --index /work/FULL-11 [--n 150]

Run it with another checkout's interpreter and code to compare versions on the same machine:
    PYTHONPATH=/path/to/other/checkout /path/to/other/.venv/bin/python scripts/retrieval_latency.py --index ...
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(1, str(Path(__file__).resolve().parent))

from load import percentiles, questions  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python scripts/retrieval_latency.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--n", type=int, default=150)
    args = parser.parse_args(argv)
    from assistant import Assistant
    from assistant.retrieve import retrieve
    from index import Settings

    settings = Settings(index_dir=args.index)
    desk = Assistant(settings)
    index = desk.index
    items = questions()[: args.n]
    desk.ask(items[0][0])  # warm: the model loaded, the snapshot read

    def forget() -> None:  # the next question embeds its own vector, as a fresh one would
        if hasattr(index, "clear_query_cache"):
            index.clear_query_cache()
        else:
            index._last_query = None

    retrieval, answers = [], []
    for question, kinds, relevancy, since, until in items:
        options = dict(kinds=kinds or None, min_relevancy=relevancy or None, since=since or None, until=until or None)
        plan = desk.plan(question, **options)
        forget()
        started = time.perf_counter()
        retrieve(plan, index, settings.retrieval, 20)
        retrieval.append((time.perf_counter() - started) * 1000)
        forget()
        started = time.perf_counter()
        desk.ask(question, **options)
        answers.append((time.perf_counter() - started) * 1000)
    print(json.dumps({"index": str(args.index), "questions": len(items), "retrieval_ms": percentiles(retrieval), "answer_ms": percentiles(answers)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

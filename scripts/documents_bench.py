"""Time the analyst documents on an index and print their themes for reading by hand.

    python scripts/documents_bench.py --index /work/FULL --month "digest of July 2022" --runs 5
    python scripts/documents_bench.py --index .signal-desk --themes-only "digest of March 2025"

For each question: the first answer (the index open, the embedding model loaded and scikit-learn imported,
each timed apart) and the median of the next runs (extractive, no model), in seconds; then every theme each document found, with its
silhouette, size, label and its first articles and key records, to be read and judged by hand
(docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from assistant import Assistant
from index import Settings

DEFAULT = [
    "digest of July 2022",
    "what were the big themes of 2025?",
    "which themes are growing?",
    "topic page on drones",
    "Where are humanoid robots heading?",
    "NOW / NEAR / NEXT cards about drones",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("questions", nargs="*", default=DEFAULT)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--themes-only", action="store_true", help="one run each, print the themes")
    args = parser.parse_args()
    desk = Assistant(Settings(index_dir=args.index))
    started = time.perf_counter()
    desk.index.describe()  # opening the index (its current generation) is not the document's time
    desk.index.embed_query("warm up")  # nor is loading the embedding model
    print(f"index opened and model loaded in {time.perf_counter() - started:.2f} s")
    started = time.perf_counter()
    import sklearn.cluster  # noqa: F401  # nor is importing scikit-learn, once per process (the themes' first call)
    import sklearn.feature_extraction.text  # noqa: F401
    import sklearn.metrics  # noqa: F401

    print(f"scikit-learn imported in {time.perf_counter() - started:.2f} s")
    for question in args.questions:
        started = time.perf_counter()
        answer = desk.ask(question)
        first = time.perf_counter() - started
        runs = []
        for _ in range(0 if args.themes_only else args.runs):
            started = time.perf_counter()
            desk.ask(question)
            runs.append(time.perf_counter() - started)
        median = f", median of {len(runs)} more {statistics.median(runs):.3f} s" if runs else ""
        document = answer.document
        kind = document.kind if document else answer.plan["intent"]
        print(f"{question!r}: {kind}, first {first:.3f} s{median}; {document.articles if document else 0} articles")
        if not document:
            continue
        if document.quality:
            print("  quality: " + ", ".join(f"{k} {v:g}" for k, v in document.quality.items()))
        records = desk.index.records([r for t in document.themes for r in t.records])
        articles = desk.index.articles([a for t in document.themes for a in t.articles[:3]])
        for theme in document.themes:
            print(f"  - {theme.label} ({theme.size})")
            for article_id in theme.articles[:3]:
                article = articles[article_id]
                print(f"      article: {article.title or article_id}")
            for record_id in theme.records[:3]:
                if record_id in records:
                    print(f"      record: {records[record_id].kind}: {records[record_id].name}")


if __name__ == "__main__":
    main()

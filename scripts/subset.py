"""Write a subset of the tabular export: every row of N articles (a seeded sample of `src` ids),
one parquet file per kind, for load and crash tests on an index of a chosen size.

    python scripts/subset.py ../shared/corpus/tables /tmp/sd-subset --articles 125
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path


def write_subset(tables: Path, out: Path, articles: int, *, seed: int = 11, skip: int = 0) -> int:
    """Rows of `articles` articles (after skipping `skip` of the seeded order) into `out`; returns the row count."""
    import pandas as pd

    frames = {path.name: pd.read_parquet(path) for path in sorted(tables.glob("*.parquet"))}
    ids = sorted(set().union(*(set(frame["src"]) for frame in frames.values())))
    random.Random(seed).shuffle(ids)
    chosen = set(ids[skip : skip + articles])
    out.mkdir(parents=True, exist_ok=True)
    rows = 0
    for name, frame in frames.items():
        part = frame[frame["src"].isin(chosen)]
        part.to_parquet(out / name, index=False)
        rows += len(part)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python scripts/subset.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("tables", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    print(f"{write_subset(args.tables, args.out, args.articles, seed=args.seed)} rows written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""What keeping Chroma in step costs an ingest of one article: open the index's embedded Chroma,
upsert 16 vectors, delete them again (on a copy: it writes).

    python scripts/chroma_cost.py --index /work/FULL-copy
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python scripts/chroma_cost.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, required=True, help="an index directory with an embedded chroma/ (a copy)")
    args = parser.parse_args(argv)
    import numpy as np

    from index import Settings
    from index.nodes import NodeSpec
    from index.vectors import VectorStore

    started = time.perf_counter()
    store = VectorStore(Settings(index_dir=args.index), "local:all-MiniLM-L6-v2")
    opened = time.perf_counter()
    count = store.count()
    specs = [
        NodeSpec(id=f"probe-{i}", article_id="probe", kind="signal", text="x", metadata={"article_id": "probe", "kind": "signal", "name": "x"})
        for i in range(16)
    ]
    vectors = np.random.default_rng(0).standard_normal((16, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    before = time.perf_counter()
    store.upsert(specs, vectors.tolist())
    written = time.perf_counter()
    store.delete([s.id for s in specs])
    print(f"open {opened - started:.2f} s ({count} vectors), upsert 16 {written - before:.2f} s, delete 16 {time.perf_counter() - written:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

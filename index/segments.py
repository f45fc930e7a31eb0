"""A segment: an immutable slice of the search snapshot. Its rows are nodes (sorted by id), with
the filter columns, the vectors and the BM25 postings of those nodes. A generation is a list of
segments plus the rows of each that later segments replaced or that were removed (tombstones).

A segment is written into a temporary directory, flushed to disk and renamed into place, so a
directory named `seg-*` is always complete; readers open the vectors memory-mapped, so several
processes reading one index share those pages.
"""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path

import numpy as np

from .filters import KIND_CODES
from .lexical import Postings

NodeRow = tuple[str, str, str, dict, "np.ndarray | None"]  # (id, kind, text, metadata, vector)


class Segment:
    """One segment, opened read-only; shared by every generation that lists it."""

    def __init__(self, directory: Path):
        self.name = directory.name
        with np.load(directory / "columns.npz", allow_pickle=False) as columns:
            self.ids: np.ndarray = columns["ids"]
            self.article_ids: np.ndarray = columns["article_ids"]
            self.kinds: np.ndarray = columns["kinds"]
            self.relevancy: np.ndarray = columns["relevancy"]
            self.dates: np.ndarray = columns["dates"]
        vectors = directory / "vectors.npy"
        self.vectors: np.ndarray | None = np.load(vectors, mmap_mode="r") if vectors.exists() else None
        self.postings = Postings.load(directory)
        self.row_of: dict[str, int] = {node_id: row for row, node_id in enumerate(self.ids.tolist())}

    def __len__(self) -> int:
        return len(self.ids)


def write_segment(folder: Path, rows: list[NodeRow], prefix: str) -> str:
    """Write the rows (any order: they are sorted by id here) as a new segment; returns its name."""
    rows = sorted(rows, key=lambda r: r[0])
    name = f"{prefix}-{secrets.token_hex(4)}"
    tmp = folder / (name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    with open(tmp / "columns.npz", "wb") as out:
        np.savez(
            out,
            ids=np.array([r[0] for r in rows], dtype=str),
            article_ids=np.array([r[3]["article_id"] for r in rows], dtype=str),
            kinds=np.array([KIND_CODES[r[1]] for r in rows], dtype=np.int8),
            relevancy=np.array([r[3].get("relevancy") or 0 for r in rows], dtype=np.int8),
            dates=np.array([r[3].get("date") or 0 for r in rows], dtype=np.int32),
        )
    if rows and all(r[4] is not None for r in rows):
        np.save(tmp / "vectors.npy", np.vstack([r[4] for r in rows if r[4] is not None]).astype(np.float32))
    Postings.build([r[2] for r in rows]).save(tmp)
    for path in tmp.iterdir():
        _fsync(path)
    tmp.rename(folder / name)
    _fsync(folder)
    return name


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)

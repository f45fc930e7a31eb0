"""Generations of the search snapshot: which segments make up the index now, and which of their
rows are dead. Written by the one ingest holding the index lock, read by any number of readers.

`snapshot.json` in the index directory is the pointer *and* the manifest of the current
generation; it is replaced atomically (written aside, flushed, renamed), so a reader sees the old
generation or the new one, never a mix, and a killed ingest leaves the last good one in place.

An ingest that changed a few nodes appends one small segment holding their new versions and marks
their old rows dead; once the appended segments and dead rows exceed `COMPACT_SHARE` of the base
(or there are `MAX_SEGMENTS` segments), the next ingest compacts: one new base built from the
catalog, which is exactly what a first build makes.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .errors import StoreError
from .segments import NodeRow, write_segment

FORMAT = 3  # 3: generations of segments (2: one snapshot directory; 1: BM25 only)
POINTER = "snapshot.json"
FOLDER = "snapshot"
COMPACT_SHARE = 0.10  # appended rows + dead rows beyond this share of the base: compact
MAX_SEGMENTS = 12


@dataclass(frozen=True)
class SegmentRef:
    name: str
    rows: int
    dead: tuple[int, ...] = ()


@dataclass(frozen=True)
class Manifest:
    """One generation: its number, its segments (base first) and whether Chroma mirrors it."""

    generation: int
    segments: tuple[SegmentRef, ...] = field(default_factory=tuple)
    chroma: bool = False

    @property
    def nodes(self) -> int:
        return sum(s.rows - len(s.dead) for s in self.segments)

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": FORMAT,
                "generation": self.generation,
                "nodes": self.nodes,
                "chroma": self.chroma,
                "segments": [{"name": s.name, "rows": s.rows, "dead": list(s.dead)} for s in self.segments],
            }
        )


class OldFormat(StoreError):
    """Raised when the snapshot was written by an earlier version (the next ingest rebuilds it)."""


def read_manifest(index_dir: Path) -> Manifest | None:
    """The current generation, or None when none was ever published."""
    try:
        data = json.loads((index_dir / POINTER).read_text())
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise StoreError(f"cannot read {index_dir / POINTER}: {exc}") from None
    if data.get("format") != FORMAT:
        raise OldFormat(f"the index at {index_dir} was written by an earlier version of Signal Desk: run ingest.py on it once more")
    segments = tuple(SegmentRef(s["name"], int(s["rows"]), tuple(s["dead"])) for s in data["segments"])
    return Manifest(int(data["generation"]), segments, bool(data.get("chroma")))


def pointer_stamp(index_dir: Path) -> tuple[int, int, int] | None:
    """A cheap fingerprint of the pointer file (changes whenever a generation is published)."""
    try:
        stat = (index_dir / POINTER).stat()
    except FileNotFoundError:
        return None
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


@dataclass
class Published:
    generation: int
    appended: int  # rows written in this generation's new segment (all rows when compacted)
    dead: int  # rows marked dead in this generation
    compacted: bool


class Publisher:
    """Writes the next generation from the catalog (the writer's side; the caller holds the lock)."""

    def __init__(self, index_dir: Path):
        self.index_dir = index_dir
        self.folder = index_dir / FOLDER

    def current(self) -> Manifest | None:
        try:
            return read_manifest(self.index_dir)
        except OldFormat:
            return None

    def full(self, rows: list[NodeRow], *, chroma: bool) -> Published:
        """A new base from every node: a first build, a compaction, or an upgrade."""
        current = self.current()
        number = current.generation + 1 if current else 1
        self.folder.mkdir(parents=True, exist_ok=True)
        name = write_segment(self.folder, rows, f"seg-{number}")
        self._switch(Manifest(number, (SegmentRef(name, len(rows)),), chroma), current)
        return Published(number, len(rows), 0, True)

    def needs_compaction(self, current: Manifest, changed: int) -> bool:
        base, *appended = current.segments
        extra = sum(s.rows for s in appended) + sum(len(s.dead) for s in current.segments) + 2 * changed
        return len(current.segments) >= MAX_SEGMENTS or extra > COMPACT_SHARE * max(1, base.rows)

    def append(self, current: Manifest, changed: set[str], rows: list[NodeRow], *, chroma: bool) -> Published:
        """The current generation with the changed nodes' old rows dead and their new rows appended."""
        wanted = np.array(sorted(changed), dtype=str)
        segments: list[SegmentRef] = []
        killed = 0
        for ref in current.segments:
            with np.load(self.folder / ref.name / "columns.npz", allow_pickle=False) as columns:
                ids = columns["ids"]  # sorted by id when written
            at = np.searchsorted(ids, wanted)
            inside = at < len(ids)
            hit = at[inside][ids[at[inside]] == wanted[inside]]
            dead = set(ref.dead)
            fresh = {int(r) for r in hit} - dead
            killed += len(fresh)
            segments.append(SegmentRef(ref.name, ref.rows, tuple(sorted(dead | fresh))))
        number = current.generation + 1
        if rows:
            segments.append(SegmentRef(write_segment(self.folder, rows, f"seg-{number}"), len(rows)))
        self._switch(Manifest(number, tuple(s for s in segments if s.rows > len(s.dead) or s is segments[0]), chroma), current)
        return Published(number, len(rows), killed, False)

    def _switch(self, manifest: Manifest, previous: Manifest | None) -> None:
        """Make `manifest` current (atomically), then remove what neither it nor the previous one uses:
        a reader still opening the previous generation finds its segments; older ones are gone."""
        tmp = self.index_dir / (POINTER + ".tmp")
        with open(tmp, "w") as out:
            out.write(manifest.to_json())
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, self.index_dir / POINTER)
        fd = os.open(self.index_dir, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        keep = {s.name for s in manifest.segments} | {s.name for s in (previous.segments if previous else ())}
        for path in self.folder.iterdir():
            if path.name not in keep:
                shutil.rmtree(path, ignore_errors=True)
        for old in self.index_dir.glob("snapshot-*"):  # format 2's single snapshot directories
            shutil.rmtree(old, ignore_errors=True)

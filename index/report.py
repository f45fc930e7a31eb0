"""What an ingest run reports (DESIGN §5: `ingest.py --json` prints an `IngestReport`)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from pydantic import BaseModel, Field

from .records import KINDS


class Failure(BaseModel):
    source: str
    reason: str


class RecordCounts(BaseModel):
    read: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0


class IngestReport(BaseModel):
    """What one ingest run did (DESIGN §5); `--json` prints it."""

    articles: int = Field(0, description="Articles read in this run.")
    records: RecordCounts = Field(default_factory=RecordCounts)
    by_kind: dict[str, int] = Field(default_factory=lambda: {str(kind): 0 for kind in KINDS})
    failures: list[Failure] = Field(default_factory=list)
    seconds: float = 0.0
    summaries: RecordCounts = Field(default_factory=RecordCounts, description="Article summary nodes.")
    passages: RecordCounts = Field(default_factory=RecordCounts, description="Passage nodes of raw web articles.")
    extracted: int = Field(0, description="Records extracted from web articles by the language model in this run.")
    notes: list[str] = Field(default_factory=list, description="What the reader should know that is not a failure.")
    embedded: int = Field(0, description="Texts embedded in this run (the rest came from the cache).")
    ignored: list[str] = Field(default_factory=list, description="Files in directories deliberately not read.")
    index_dir: str = ""
    total_nodes: int = Field(0, description="Nodes in the index after the run.")
    clusters: int = Field(0, description="Near-duplicate clusters (records said by several articles).")
    generation: int = Field(0, description="The snapshot generation readers answer from after the run.")
    compacted: bool = Field(False, description="Whether this run wrote a whole new base segment (first build or compaction).")
    timings_s: dict[str, float] = Field(default_factory=dict, description="Seconds per stage: where the time went.")

    @property
    def ok(self) -> bool:
        return not self.failures


class Stopwatch:
    """Seconds spent per stage of a run, for the report (where the time goes)."""

    def __init__(self, into: dict[str, float]):
        self.into = into

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.into[stage] = round(self.into.get(stage, 0.0) + time.perf_counter() - started, 3)

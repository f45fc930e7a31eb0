"""Reliability suites: Signal Desk tried with bad and hostile inputs, as a new user and as an
attacker would, each input under a time bound. `python -m eval reliability SUITE|all` runs them
and prints, per suite, the inputs tried, the failures (an input not handled as promised: a crash,
a wrong or missing message, a fetch that should not happen, a bound exceeded) and the seconds.

Suites: `bad-files`, `bad-questions`, `llm-faults`, `auth-xss` (its browser part runs where
Chromium is installed) and `ssrf-slow`. tests/test_reliability.py runs every deterministic part
in CI. The suites use the test doubles of tests/ (the OpenAI-compatible server, the web server).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SUITES = ("bad-files", "bad-questions", "llm-faults", "auth-xss", "ssrf-slow")


@dataclass
class Case:
    name: str
    ok: bool
    detail: str
    seconds: float


@dataclass
class SuiteResult:
    suite: str
    cases: list[Case] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # parts not run, and why
    seconds: float = 0.0

    @property
    def failures(self) -> list[Case]:
        return [c for c in self.cases if not c.ok]

    def line(self) -> str:
        skipped = f"; skipped: {'; '.join(self.skipped)}" if self.skipped else ""
        return f"{self.suite}: {len(self.cases)} inputs tried, {len(self.failures)} failures, {self.seconds:.1f} s{skipped}"


class Outcome(Exception):
    """Raised inside a case to fail it with a reason (the harness records it; nothing crashes)."""


def expect(condition: object, detail: str) -> None:
    if not condition:
        raise Outcome(detail)


class Suite:
    """Collects the cases of one suite: `suite.case(name, fn, budget)` runs `fn` (which returns a
    short description of what happened, or raises), timing it against `budget` seconds."""

    def __init__(self, name: str, log: Callable[[str], None] | None = None):
        self.result = SuiteResult(name)
        self.started = time.perf_counter()
        self.log = log or (lambda line: None)

    def case(self, name: str, fn: Callable[[], str], budget: float) -> None:
        started = time.perf_counter()
        try:
            detail, ok = fn(), True
        except Outcome as exc:
            detail, ok = str(exc), False
        except Exception as exc:  # a crash is what the suite looks for: recorded as a failure, not raised
            detail, ok = f"crashed: {type(exc).__name__}: {exc}", False
        took = time.perf_counter() - started
        if took > budget:
            detail, ok = f"{detail} (took {took:.1f} s, over its {budget:g} s bound)", False
        self.result.cases.append(Case(name, ok, " ".join(str(detail).split())[:300], round(took, 3)))
        self.log(f"  {'ok  ' if ok else 'FAIL'} {name} ({took:.2f} s): {detail}"[:240])

    def skip(self, reason: str) -> None:
        self.result.skipped.append(reason)

    def done(self) -> SuiteResult:
        self.result.seconds = round(time.perf_counter() - self.started, 1)
        return self.result


@dataclass
class Env:
    """What the suites share: a scratch folder, the embedding model, a sample index and an index of
    hostile records aimed at a canary web server (built on first use when not given)."""

    workdir: Path
    embedder: Any = None
    sample_index: Path | None = None
    hostile_index: Path | None = None
    canary: Any = None  # tests.html_server.HtmlServer, counting any request made to it
    browser: bool = True
    log: Callable[[str], None] = field(default=lambda line: None)
    _owned: list[Any] = field(default_factory=list)

    def model(self):
        if self.embedder is None:
            from index import Settings
            from index.embeddings import load_embedder

            self.embedder = load_embedder(Settings())
        return self.embedder

    def sample(self) -> Path:
        if self.sample_index is None:
            from index import Settings, ingest

            from ..report import ROOT

            self.sample_index = self.workdir / "sample-index"
            ingest([str(ROOT / "examples" / "corpus")], Settings(index_dir=self.sample_index), embedder=self.model())
        return self.sample_index

    def canary_site(self):
        if self.canary is None:
            from tests.html_server import HtmlServer

            self.canary = HtmlServer().start()
            self._owned.append(self.canary)
        return self.canary

    def hostile(self) -> Path:
        if self.hostile_index is None:
            from index import Settings, ingest

            from .corpus import write_hostile_corpus

            source = write_hostile_corpus(self.workdir / "hostile-src", self.canary_site().port)
            self.hostile_index = self.workdir / "hostile-index"
            ingest([str(source)], Settings(index_dir=self.hostile_index), embedder=self.model())
        return self.hostile_index

    def close(self) -> None:
        for thing in self._owned:
            thing.stop()


def run_suite(name: str, env: Env) -> SuiteResult:
    from . import files, llm, questions, urls, web

    runner = {"bad-files": files.run, "bad-questions": questions.run, "llm-faults": llm.run, "auth-xss": web.run, "ssrf-slow": urls.run}
    return runner[name](env)

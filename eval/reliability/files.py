"""Suite `bad-files`: each bad source is ingested beside a good signal document into one index. The
promise: the run never crashes, the bad source is skipped with a reason (or read, with a note for
every value changed or dropped), the good document's records are all still indexed, and every
input is dealt with inside its time bound."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

from index import NodeFilter, Settings, ingest
from index.search import SearchIndex

from ..report import ROOT
from . import Env, Suite, SuiteResult, expect

GOOD = ROOT / "tests" / "fixtures" / "current.md"
GOOD_RECORDS = 11
FIXTURE = ROOT / "tests" / "fixtures"
BUDGET = 30.0

# (name, make the source in a folder -> what to pass to ingest, expected: ("refused", reason part) |
# ("read", note part or "") | ("either", "") for inputs where skipping and reading are both fine)
Maker = Callable[[Path], str]


def _write(name: str, content: str | bytes) -> Maker:
    def make(folder: Path) -> str:
        path = folder / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        return str(path)

    return make


def _sparse(name: str, size: int) -> Maker:
    def make(folder: Path) -> str:
        path = folder / name
        with path.open("wb") as out:
            out.truncate(size)  # nothing is written: the size alone is the test
        return str(path)

    return make


def _good_with(extra: str) -> str:
    return GOOD.read_text(encoding="utf-8") + "\n\n" + extra


def _parquet(name: str, columns: dict) -> Maker:
    def make(folder: Path) -> str:
        import pyarrow as pa
        import pyarrow.parquet as pq

        path = folder / name
        pq.write_table(pa.table(columns), path)
        return str(path)

    return make


def _copy(fixture: str) -> Maker:
    def make(folder: Path) -> str:
        target = folder / Path(fixture).name
        shutil.copy(FIXTURE / fixture, target)
        return str(target)

    return make


def _directory(make_inside: Callable[[Path], None]) -> Maker:
    def make(folder: Path) -> str:
        target = folder / "dir"
        target.mkdir()
        make_inside(target)
        return str(target)

    return make


def _loop(target: Path) -> None:
    shutil.copy(GOOD, target / "inside.md")
    (target / "self").symlink_to(target, target_is_directory=True)


HEADER_ONLY_TABLE = "| name | description |\n|:--|:--|\n"
CASES: list[tuple[str, Maker, tuple[str, str]]] = [
    ("markdown of 50 MB (default limit 20 MB)", _sparse("huge.md", 50 * 1024 * 1024), ("refused", "SIGNAL_DESK_MAX_FILE_BYTES")),
    ("CSV of 25 MB", _sparse("signals.csv", 25 * 1024 * 1024), ("refused", "SIGNAL_DESK_MAX_FILE_BYTES")),
    ("empty markdown", _write("empty.md", ""), ("refused", "empty file")),
    ("whitespace-only markdown", _write("blank.md", " \n\t\n"), ("refused", "empty file")),
    ("PNG renamed .md", _write("image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)), ("refused", "binary file")),
    ("Latin-1 markdown", _write("latin1.md", "# __Caf\xe9__\n\n## Summary\n\nCaf\xe9 cr\xe8me.".encode("latin-1")), ("refused", "not UTF-8")),
    ("markdown with no structure", _copy("broken/no_structure.md"), ("refused", "not a signal document")),
    ("markdown with a broken table", _copy("broken/broken_table.md"), ("refused", "partly read")),
    ("sections but nothing to index", _write("hollow.md", "# __Hollow__\n\n## Signals\n\n" + HEADER_ONLY_TABLE), ("refused", "nothing to index")),
    ("relevancy 9.5 in a document", _write("odd.md", GOOD.read_text().replace("|           5 |", "|         9.5 |", 1)), ("read", "not 1-5")),
    ("HTML and links in cells", _write("html.md", GOOD.read_text().replace("Cheap drones", "<img src=http://127.0.0.1:9/x> [a](http://x)", 1)), ("read", "")),
    ("100,000 open brackets", _write("brackets.md", _good_with("[" * 100_000)), ("read", "")),
    ("150,000 emphasis markers", _write("emphasis.md", _good_with("*a_" * 50_000)), ("read", "")),
    ("2,000 nested list levels", _write("nested.md", _good_with("".join("  " * i + "- x\n" for i in range(2000)))), ("read", "")),
    ("50,000 nested quotes", _write("quotes.md", _good_with(">" * 50_000 + " x")), ("read", "")),
    ("a line of a million words", _write("longline.md", _good_with("word " * 1_000_000)), ("read", "")),
    ("a table row of 20,000 cells", _write("wide.md", _good_with("| " + " | ".join(["x"] * 20_000) + " |")), ("read", "")),
    ("BOM and CRLF line ends", _write("crlf.md", "\ufeff" + GOOD.read_text().replace("\n", "\r\n")), ("read", "")),
    ("zero-width and right-to-left marks", _write("marks.md", GOOD.read_text().replace("Cheap", "\u202eCheap\u200b", 1)), ("read", "")),
    ("CSV without a src column", _copy("broken/bad_tables.csv"), ("refused", "no `src`")),
    ("CSV with a header only", _write("concerns.csv", "src,name,description\n"), ("refused", "no rows with a name")),
    ("CSV with ragged rows", _write("issues.csv", "src,name,description\na1,One\na1,Two,d,extra,more\n"), ("read", "")),
    ("CSV with an unclosed quote", _write("behaviors.csv", 'src,name,description\na1,"One,d\na2,Two,d\n'), ("either", "")),
    ("truncated JSON", _copy("broken/truncated.json"), ("refused", "malformed JSON")),
    ("JSON that is a number", _write("signals.json", "42"), ("refused", "neither a list of rows nor an object")),
    ("JSON keyed by no kind", _write("export.json", '{"rumours": [], "gossip": []}'), ("either", "")),
    ("JSON rows that are strings", _write("technologies.json", '["a", "b"]'), ("refused", "row 1 is not an object")),
    ("JSON nested 100,000 deep", _write("issues.json", "[" * 100_000 + "]" * 100_000), ("refused", "nested too deeply")),
    ("JSONL with a bad line", _write("concerns.jsonl", '{"src": "a", "name": "x"}\n{oops\n'), ("refused", "malformed JSON on line 2")),
    ("JSONL nested 100,000 deep", _write("signals.jsonl", "[" * 100_000 + "]" * 100_000), ("refused", "nested too deeply")),
    ("parquet with wrong types", _parquet("signals.parquet", {"src": ["p1", "p1"], "name": ["A", "B"], "change": [[1, 2], None],
                                                              "relevancy": [9.5, 4.4]}), ("read", "a list, not text")),
    ("parquet with numbers for text", _parquet("concerns.parquet", {"src": [1, 2], "name": [10, 20]}), ("read", "a number; kept as text")),
    ("parquet of random bytes", _write("issues.parquet", b"PAR1" + bytes(range(256)) * 8), ("refused", "unreadable parquet")),
    ("parquet with no rows", _parquet("behaviors.parquet", {"src": [], "name": []}), ("refused", "no rows with a name")),
    ("HTML page without text", _write("empty.html", "<html><body><p>Hi</p></body></html>"), ("refused", "no article text")),
    ("HTML tag soup of 3 MB", _write("soup.html", "<div>" * 300_000 + "x" + "</div>" * 300_000), ("refused", "no article text")),
    ("a .txt file named directly", _write("notes.txt", "just text"), ("refused", "unsupported file type")),
    ("a path that does not exist", lambda folder: str(folder / "missing.md"), ("refused", "no such file or directory")),
    ("a glob that matches nothing", lambda folder: str(folder / "*.nothing"), ("refused", "matches no files")),
    ("a folder with no readable files", _directory(lambda d: (d / "a.txt").write_text("x")), ("refused", "no readable files")),
    ("a folder that links to itself", _directory(_loop), ("read", "")),
]


def run(env: Env) -> SuiteResult:
    suite = Suite("bad-files", env.log)
    index_dir = env.workdir / "bad-files-index"
    settings = Settings(index_dir=index_dir)
    good = env.workdir / "good" / "current.md"
    good.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(GOOD, good)
    for number, (name, make, expected) in enumerate(CASES):
        folder = env.workdir / f"bad-{number:02d}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        suite.case(name, lambda make=make, expected=expected, folder=folder: _one(make(folder), expected, good, settings, env), BUDGET)
    suite.case("every bad source in one folder", lambda: _all_at_once(env, good, settings), 4 * BUDGET)
    return suite.done()


def _one(source: str, expected: tuple[str, str], good: Path, settings: Settings, env: Env) -> str:
    report = ingest([str(good), source], settings, embedder=env.model())
    failures = {f.source: f.reason for f in report.failures}
    reason = next((r for s, r in failures.items() if s != str(good.resolve())), None)
    what, part = expected
    if what == "refused":
        expect(reason and part in reason, f"expected a failure saying {part!r}, got {reason!r}")
    elif what == "read":
        expect(reason is None, f"expected it read, got the failure {reason!r}")
        expect(not part or any(part in note for note in report.notes), f"expected a note saying {part!r}, got {report.notes}")
    _good_still_indexed(settings.index_dir, env)
    return f"skipped: {reason}" if reason else ("read" + (f"; {len(report.notes)} note(s)" if report.notes else ""))


def _all_at_once(env: Env, good: Path, settings: Settings) -> str:
    folder = env.workdir / "all-bad"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    shutil.copy(good, folder / "current.md")
    for number, (_, make, expected) in enumerate(CASES):
        if expected[0] != "refused" or "no such file" in expected[1] or "matches no files" in expected[1]:
            continue
        sub = folder / f"{number:02d}"
        sub.mkdir()
        make(sub)
    report = ingest([str(folder)], settings, embedder=env.model())
    _good_still_indexed(settings.index_dir, env)
    expect(report.failures, "expected failures")
    return f"{len(report.failures)} sources skipped with a reason, the good one indexed: " + json.dumps(report.records.model_dump())


def _good_still_indexed(index_dir: Path, env: Env) -> None:
    index = SearchIndex(Settings(index_dir=index_dir), embedder=env.model())
    try:
        owned = index.record_ids_of_articles(["current"], NodeFilter())
    finally:
        index.close()
    expect(len(owned) == GOOD_RECORDS, f"the good document has {len(owned)} records indexed, not {GOOD_RECORDS}")

"""The live index: updates appended as segments (or compacted) answer exactly like a clean build;
one writer at a time; readers pick up new generations; interrupted updates finish on a rerun."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import pytest

from index import IndexBusyError, NodeFilter, Settings, ingest
from index import generations as generations_module
from index.fingerprint import fingerprint
from index.generations import read_manifest
from index.lock import IndexLock
from index.search import SearchIndex

from .conftest import FIXTURES, SAMPLE

SHARED_ROW = "| Generative AI Reshapes Search | Chatbots answer questions that search engines used to. |"
QUESTIONS = ["drones over the Baltic", "heat pumps replacing gas boilers", "generative AI search", "ransomware hospitals"]
FILTERS = [NodeFilter(), NodeFilter(kinds=("concern",)), NodeFilter(kinds=("signal",), min_relevancy=4), NodeFilter(kinds=("article",))]


def small_article(n: int, title: str, extra: str = "") -> str:
    return (
        f"# __{title}__, (from page [2025010{n}](https://p/2025010{n}).)\n\n## Summary\n\nAbout {title}.\n\n"
        f"## Signals\n\n| name | description |\n|---|---|\n{SHARED_ROW}\n{extra}"
    )


@pytest.fixture
def corpus(tmp_path) -> Path:
    """The sample corpus, the fixture tables and three articles sharing one signal (a cluster)."""
    src = tmp_path / "src"
    shutil.copytree(SAMPLE, src)
    (src / "README.md").unlink()
    shutil.copytree(FIXTURES / "tables" / "csv", src / "tables")
    for n, title in enumerate(["Search", "Browsers", "Media"], 1):
        (src / f"gen{n}.md").write_text(small_article(n, title, f"| {title} Shift | Something about {title}. |\n"), encoding="utf-8")
    return src


def update_sources(src: Path) -> list[Path]:
    """Changes of every kind: a record changed, one dropped, an article added, a copy of an
    article (other origin rules), a cluster member gone, table rows dropped; returns the changed files."""
    baltic = src / "20250314b-baltic-gps-jamming.md"
    text = baltic.read_text(encoding="utf-8")
    lines = text.splitlines()
    dropped = next(i for i, line in enumerate(lines) if line.startswith("| ") and "Drone" in line)
    del lines[dropped]
    baltic.write_text("\n".join(lines).replace("daily occurrence", "weekly occurrence") + "\n", encoding="utf-8")
    (src / "gen2.md").write_text(small_article(2, "Browsers", "| Tabs Vanish | Browsers change. |\n").replace(SHARED_ROW + "\n", ""), encoding="utf-8")
    (src / "gen4.md").write_text(small_article(4, "Radio"), encoding="utf-8")
    shutil.copy(src / "20231128-heat-pumps-gas-boilers.md", src / "copy-of-heat-pumps.md")
    concerns = src / "tables" / "concerns.csv"
    rows = concerns.read_text(encoding="utf-8").splitlines()
    concerns.write_text("\n".join(rows[:-1]) + "\n", encoding="utf-8")
    return [baltic, src / "gen2.md", src / "gen4.md", src / "copy-of-heat-pumps.md", concerns]


def answers(index_dir: Path, embedder) -> dict:
    """Everything a question can see, computed on one index."""
    from assistant import Assistant

    index = SearchIndex(Settings(index_dir=index_dir), embedder=embedder)
    desk = Assistant(Settings(index_dir=index_dir), index=index)
    out: dict = {}
    for q in QUESTIONS:
        vector = index.embed_query(q)
        for f in FILTERS:
            out[("dense", q, f)] = index.dense(vector, 30, f)
            out[("lexical", q, f)] = index.lexical(q, 30, f)
            ids, scores = index.similarities(vector, f)
            out[("similarities", q, f)] = sorted(zip(ids.tolist(), scores.tolist(), strict=True))
        out[("answer", q)] = [(r.id, r.score) for r in desk.ask(q).records]
        out[("count", q)] = desk.ask(f"how many records mention {q}?").markdown
    for f in FILTERS:
        out[("browse", f)] = index.browse(f)
    return out


def test_updates_appended_as_segments_answer_like_a_clean_build(corpus, tmp_path, embedder, monkeypatch):
    monkeypatch.setattr(generations_module, "COMPACT_SHARE", 10.0)  # never compact: test the segments
    live = tmp_path / "live"
    ingest([str(corpus)], Settings(index_dir=live), embedder=embedder)
    changed = update_sources(corpus)
    for path in changed:  # one ingest per change: several segments and tombstones
        report = ingest([str(path)], Settings(index_dir=live), embedder=embedder)
        assert not report.compacted
    manifest = read_manifest(live)
    assert manifest is not None and len(manifest.segments) > 3 and any(s.dead for s in manifest.segments)

    clean = tmp_path / "clean"
    ingest([str(corpus)], Settings(index_dir=clean), embedder=embedder)
    assert fingerprint(live) == fingerprint(clean)
    assert fingerprint(live)["cluster_count"] >= 1
    assert answers(live, embedder) == answers(clean, embedder)


def test_compaction_writes_one_base_equal_to_a_clean_build(corpus, tmp_path, embedder, monkeypatch):
    live = tmp_path / "live"
    ingest([str(corpus)], Settings(index_dir=live), embedder=embedder)
    monkeypatch.setattr(generations_module, "COMPACT_SHARE", 10.0)
    ingest([str(p) for p in update_sources(corpus)[:2]], Settings(index_dir=live), embedder=embedder)
    monkeypatch.setattr(generations_module, "COMPACT_SHARE", 0.0)
    report = ingest([str(corpus / "gen4.md")], Settings(index_dir=live), embedder=embedder)
    assert report.compacted and len(read_manifest(live).segments) == 1
    ingest([str(corpus)], Settings(index_dir=live), embedder=embedder)  # the rest, whichever way
    clean = tmp_path / "clean"
    ingest([str(corpus)], Settings(index_dir=clean), embedder=embedder)
    assert fingerprint(live) == fingerprint(clean)


def test_a_second_writer_is_refused_with_the_holders_pid(tmp_path):
    with IndexLock(tmp_path):
        with pytest.raises(IndexBusyError, match=f"pid {os.getpid()}.*--wait"):
            IndexLock(tmp_path).acquire()
        started = time.monotonic()
        with pytest.raises(IndexBusyError, match="still held"):
            IndexLock(tmp_path, wait=0.3).acquire()
        assert time.monotonic() - started >= 0.3
    IndexLock(tmp_path).acquire().release()  # free again


def test_an_ingest_that_may_wait_runs_once_the_lock_is_released(tmp_path, embedder):
    index_dir = tmp_path / "idx"
    held = IndexLock(index_dir).acquire()
    reports = []
    worker = threading.Thread(
        target=lambda: reports.append(ingest([str(FIXTURES / "current.md")], Settings(index_dir=index_dir), embedder=embedder, wait=True))
    )
    worker.start()
    time.sleep(0.8)
    assert worker.is_alive() and not reports
    held.release()
    worker.join(timeout=60)
    assert reports and reports[0].records.added == 11
    assert any("waited for another ingest" in note for note in reports[0].notes)


def test_ingest_cli_names_the_lock_holder(tmp_path, capsys):
    import ingest as ingest_cli

    with IndexLock(tmp_path / "idx"):
        code = ingest_cli.main([str(FIXTURES / "current.md"), "--index", str(tmp_path / "idx")])
    assert code == 1
    assert f"another ingest (pid {os.getpid()}" in capsys.readouterr().err


def test_a_running_reader_picks_up_a_new_generation(tmp_path, embedder, monkeypatch):
    index_dir = tmp_path / "idx"
    settings = Settings(index_dir=index_dir)
    ingest([str(FIXTURES / "current.md")], settings, embedder=embedder)
    index = SearchIndex(settings, embedder=embedder)
    first = index.generation
    assert not index.lexical("heat pumps gas boilers", 5, NodeFilter())

    monkeypatch.setattr("index.search.REFRESH_SECONDS", 0.0)
    with index.pinned():  # an answer in progress keeps its generation
        ingest([str(SAMPLE / "20231128-heat-pumps-gas-boilers.md")], settings, embedder=embedder)
        deadline = time.monotonic() + 5
        while index._view.generation == first and time.monotonic() < deadline:
            index.count(NodeFilter())  # a question notices the new pointer; it loads in the background
            time.sleep(0.05)
        assert index._view.generation > first  # loaded ...
        assert not index.lexical("heat pumps gas boilers", 5, NodeFilter())  # ... but not inside the pin
    assert index.generation > first
    assert index.lexical("heat pumps gas boilers", 5, NodeFilter())


def test_an_explicit_refresh_and_the_watcher(tmp_path, embedder):
    index_dir = tmp_path / "idx"
    settings = Settings(index_dir=index_dir)
    ingest([str(FIXTURES / "current.md")], settings, embedder=embedder)
    index = SearchIndex(settings, embedder=embedder)
    assert index.refresh() is False
    ingest([str(FIXTURES / "old_2022.md")], settings, embedder=embedder)
    assert index.refresh() is True and index.count(NodeFilter()) > 11

    index.watch(every=0.05)
    before = index._view.generation
    ingest([str(FIXTURES / "hybrid.md")], settings, embedder=embedder)
    deadline = time.monotonic() + 5
    while index._view.generation == before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert index._view.generation > before  # nobody asked: the watcher loaded it
    index.close()


class Boom(Exception):
    pass


@pytest.mark.parametrize("where", ["switch", "cluster", "embed"])
def test_an_update_interrupted_anywhere_leaves_the_last_generation_and_a_rerun_matches_a_clean_build(
    where, corpus, tmp_path, embedder, monkeypatch
):
    monkeypatch.setattr(generations_module, "COMPACT_SHARE", 10.0)
    live = tmp_path / "live"
    ingest([str(corpus)], Settings(index_dir=live), embedder=embedder)
    before = fingerprint(live)
    changed = [str(p) for p in update_sources(corpus)]

    def boom(*args, **kwargs):
        raise Boom

    class Dying:
        model_id = embedder.model_id

        def embed(self, texts):
            raise Boom

    target = {"switch": "index.generations.Publisher._switch", "cluster": "index.pipeline.recluster_changed"}.get(where)
    with monkeypatch.context() as patch:
        if target:
            patch.setattr(target, boom)
        with pytest.raises(Boom):
            ingest(changed, Settings(index_dir=live), embedder=Dying() if where == "embed" else embedder)
    readable = SearchIndex(Settings(index_dir=live), embedder=embedder)
    assert readable.generation == read_manifest(live).generation
    if where != "cluster":  # clustering comes after the new generation is published
        assert fingerprint(live)["snapshot"] == before["snapshot"]  # the last good generation answers

    ingest(changed, Settings(index_dir=live), embedder=embedder)
    clean = tmp_path / "clean"
    ingest([str(corpus)], Settings(index_dir=clean), embedder=embedder)
    assert fingerprint(live) == fingerprint(clean)


def test_fingerprint_and_rebuild_from_the_command_line(tmp_path, embedder, capsys):
    import json

    from index.__main__ import main as index_main

    index_dir = tmp_path / "idx"
    ingest([str(FIXTURES / "current.md"), str(FIXTURES / "old_2022.md")], Settings(index_dir=index_dir), embedder=embedder)
    assert index_main(["fingerprint", "--index", str(index_dir)]) == 0
    before = json.loads(capsys.readouterr().out)
    assert before["records_count"] == 14 and before["backlog"] == {"reconcile": 0, "publish": 0, "cluster": 0, "origin": 0}
    assert index_main(["rebuild", "--index", str(index_dir)]) == 0
    capsys.readouterr()
    assert fingerprint(index_dir) == before
    assert read_manifest(index_dir).generation == 2


def test_an_index_of_the_previous_snapshot_format_asks_for_an_ingest(tmp_path, embedder):
    index_dir = tmp_path / "idx"
    ingest([str(FIXTURES / "current.md")], Settings(index_dir=index_dir), embedder=embedder)
    (index_dir / "snapshot.json").write_text('{"current": "snapshot-1", "nodes": 11, "format": 2}')
    from index import StoreError

    with pytest.raises(StoreError, match="earlier version.*run ingest.py"):
        SearchIndex(Settings(index_dir=index_dir), embedder=embedder)
    report = ingest([str(FIXTURES / "current.md")], Settings(index_dir=index_dir), embedder=embedder)
    assert report.compacted and SearchIndex(Settings(index_dir=index_dir), embedder=embedder).count(NodeFilter()) == 11


def test_chroma_is_written_only_where_it_serves_and_filled_from_the_catalog(tmp_path, embedder):
    index_dir = tmp_path / "idx"
    ingest([str(FIXTURES / "current.md")], Settings(index_dir=index_dir), embedder=embedder)
    assert not (index_dir / "chroma").exists()  # exact scans serve a small index
    kept = Settings(index_dir=index_dir, chroma_write="always")
    report = ingest([str(FIXTURES / "old_2022.md")], kept, embedder=embedder)
    assert any("filled from the catalog" in note for note in report.notes)
    index = SearchIndex(kept, embedder=embedder)
    assert index.vectors.count() == report.total_nodes and read_manifest(index_dir).chroma
    again = ingest([str(FIXTURES / "hybrid.md")], kept, embedder=embedder)  # kept in step from now on
    assert again.total_nodes > report.total_nodes
    assert SearchIndex(kept, embedder=embedder).vectors.count() == again.total_nodes


def test_entity_mentions_carried_to_a_new_generation_equal_a_fresh_lookup(corpus, tmp_path, embedder, monkeypatch):
    """A reader keeps which records mention an entity; after updates (a record that named it
    dropped, records that name it added) it looks again only at the new segments, and answers
    what a reader opened afresh finds. After a compaction it looks up anew."""
    from assistant.entities import find_entities

    monkeypatch.setattr(generations_module, "COMPACT_SHARE", 10.0)
    live = tmp_path / "live"
    ingest([str(corpus)], Settings(index_dir=live), embedder=embedder)
    reader = SearchIndex(Settings(index_dir=live), embedder=embedder)
    entities = [find_entities(q)[0] for q in ("What is NATO doing?", "Anything on Estonia?", "What does the US plan?")]
    everything = NodeFilter(kinds=None)
    before = [e.mentioned(reader, everything) for e in entities]
    assert all(before[:2])

    changed = update_sources(corpus)  # the Baltic article loses a drone record that named NATO's jets
    (corpus / "gen5.md").write_text(
        small_article(5, "Grids", "| Estonian Grid Drill | NATO and the US test Estonia's power grid. |\n"), encoding="utf-8"
    )
    for path in [*changed, corpus / "gen5.md"]:
        ingest([str(path)], Settings(index_dir=live), embedder=embedder)
    reader.refresh()
    looked_within: list = []
    lookup = reader._catalog.records_mentioning
    monkeypatch.setattr(reader._catalog, "records_mentioning", lambda *a, **k: looked_within.append(k.get("within")) or lookup(*a, **k))
    carried = [e.mentioned(reader, everything) for e in entities]
    assert len(looked_within) == 3 and all(w is not None and 0 < len(w) < 60 for w in looked_within)  # only the new segments
    fresh = SearchIndex(Settings(index_dir=live), embedder=embedder)
    assert carried == [e.mentioned(fresh, everything) for e in entities]
    assert carried != before

    monkeypatch.setattr(generations_module, "COMPACT_SHARE", 0.0)
    (corpus / "gen5.md").write_text(small_article(5, "Grids", "| Latvian Grid Drill | Latvia tests its grid. |\n"), encoding="utf-8")
    assert ingest([str(corpus / "gen5.md")], Settings(index_dir=live), embedder=embedder).compacted
    reader.refresh()
    fresh = SearchIndex(Settings(index_dir=live), embedder=embedder)
    assert [e.mentioned(reader, everything) for e in entities] == [e.mentioned(fresh, everything) for e in entities]

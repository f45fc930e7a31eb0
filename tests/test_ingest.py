"""Ingest into a real embedded Chroma + BM25 index: counts, idempotency, per-source removal,
merging an article read from two sources, model refusal, bad inputs and interrupted runs."""

from __future__ import annotations

import shutil

import pytest

from index import ModelMismatchError, NodeFilter, Settings, ingest
from index.catalog import Catalog
from index.search import SearchIndex

from .conftest import FIXTURES, SAMPLE

HEX = "2a238ee5e2f6ea7406bef55897e0797b"  # an article of tests/fixtures/tables


@pytest.fixture
def src(tmp_path):
    folder = tmp_path / "src"
    folder.mkdir()
    for name in ("current.md", "old_2022.md", "hybrid.md"):
        shutil.copy(FIXTURES / name, folder / name)
    shutil.copytree(FIXTURES / "tables" / "csv", folder / "tables")
    return folder


def run(paths, index_dir, embedder):
    return ingest([str(p) for p in paths], Settings(index_dir=index_dir), embedder=embedder)


def test_first_run_adds_everything_and_second_embeds_nothing(src, tmp_path, embedder):
    first = run([src], tmp_path / "idx", embedder)
    assert first.ok and first.articles == 6
    assert first.records.read == 11 + 3 + 3 + 15
    assert first.records.added == first.records.read and first.embedded > 0
    assert first.by_kind == {"signal": 13, "concern": 5, "behavior": 5, "technology": 4, "issue": 5}

    second = run([src], tmp_path / "idx", embedder)
    assert second.records.model_dump() == {"read": 32, "added": 0, "updated": 0, "unchanged": 32, "removed": 0}
    assert second.embedded == 0 and second.summaries.added == 0
    assert second.total_nodes == first.total_nodes


def test_a_reread_file_loses_only_the_records_it_dropped(src, tmp_path, embedder):
    doc = src / "current.md"
    run([src], tmp_path / "idx", embedder)
    doc.write_text(doc.read_text(encoding="utf-8").replace("| Attribution Gaps ", "| Attribution Gap "), encoding="utf-8")
    text = doc.read_text(encoding="utf-8")
    doc.write_text("\n".join(line for line in text.splitlines() if not line.startswith("| Remote ID Receivers")), encoding="utf-8")

    report = run([doc], tmp_path / "idx", embedder)
    assert (report.records.added, report.records.removed, report.records.unchanged) == (1, 2, 9)
    assert report.embedded == 1


def test_an_article_in_a_document_and_the_tables_keeps_both_sources_records(src, tmp_path, embedder):
    shutil.copy(FIXTURES / "current.md", src / f"{HEX}.md")
    index_dir = tmp_path / "idx"
    run([src / "tables"], index_dir, embedder)
    both = run([src / f"{HEX}.md"], index_dir, embedder)
    assert both.records.updated == 6  # the six table rows now carry the document's title in their header

    (src / f"{HEX}.md").write_text("# __Gone__\n\n## Summary\n\nOnly a summary now.\n", encoding="utf-8")
    report = run([src / f"{HEX}.md"], index_dir, embedder)
    assert report.records.removed == 11
    catalog = Catalog(index_dir)
    left = catalog.owned_record_ids([HEX])
    assert len(left) == 6  # the six rows the tables hold for this article stay
    article = catalog.articles([HEX])[HEX]
    assert article.title == "Gone"


def test_relevancy_change_updates_metadata_without_embedding(src, tmp_path, embedder):
    doc = src / "current.md"
    run([doc], tmp_path / "idx", embedder)
    text = doc.read_text(encoding="utf-8")
    doc.write_text(text.replace("|           4 |", "|           3 |", 1), encoding="utf-8")
    report = run([doc], tmp_path / "idx", embedder)
    assert report.records.updated == 1 and report.embedded == 0


def test_an_index_refuses_another_embedding_model(src, tmp_path, embedder):
    run([src / "current.md"], tmp_path / "idx", embedder)
    catalog = Catalog(tmp_path / "idx")
    catalog.set_meta("embed_model", "openai:text-embedding-3-small")
    catalog.close()
    with pytest.raises(ModelMismatchError, match="cannot be mixed"):
        run([src / "current.md"], tmp_path / "idx", embedder)


def test_bad_files_are_reported_and_the_rest_is_indexed(tmp_path, embedder):
    folder = tmp_path / "mixed"
    shutil.copytree(FIXTURES / "broken", folder)
    shutil.copy(FIXTURES / "current.md", folder / "good.md")
    report = run([folder, tmp_path / "missing.md"], tmp_path / "idx", embedder)
    reasons = {f.source.rsplit("/", 1)[-1]: f.reason for f in report.failures}
    assert set(reasons) == {"bad_encoding.md", "bad_tables.csv", "binary.md", "broken_table.md", "empty.md", "no_structure.md", "truncated.json", "missing.md"}
    assert reasons["broken_table.md"].startswith("partly read")
    assert reasons["missing.md"] == "no such file or directory"
    assert report.by_kind["signal"] == 3 and not report.ok
    index = SearchIndex(Settings(index_dir=tmp_path / "idx"), embedder=embedder)
    assert index.count(NodeFilter(kinds=("concern",))) == 2 + 2  # good.md and the readable part of broken_table.md


class Interrupting:
    """An embedder that dies on its second batch, like a Ctrl-C in the middle of a run."""

    def __init__(self, inner):
        self.inner, self.model_id, self.calls = inner, inner.model_id, 0

    def embed(self, texts):
        self.calls += 1
        if self.calls == 2:
            raise KeyboardInterrupt
        return self.inner.embed(texts)


def test_an_interrupted_run_leaves_a_readable_index_and_a_rerun_finishes(src, tmp_path, embedder, monkeypatch):
    monkeypatch.setattr("index.pipeline.BATCH", 100)  # several write steps in the sample corpus
    index_dir = tmp_path / "idx"
    run([src / "current.md"], index_dir, embedder)
    with pytest.raises(KeyboardInterrupt):
        ingest([str(SAMPLE)], Settings(index_dir=index_dir), embedder=Interrupting(embedder))

    readable = SearchIndex(Settings(index_dir=index_dir), embedder=embedder)
    assert readable.count(NodeFilter()) == 11  # the last complete snapshot

    rerun = run([SAMPLE], index_dir, embedder)
    assert rerun.records.added + rerun.records.unchanged == rerun.records.read
    assert rerun.embedded < rerun.records.read  # the first batch came from the cache
    fresh = run([SAMPLE, src / "current.md"], tmp_path / "fresh", embedder)
    assert rerun.total_nodes == fresh.total_nodes


def test_an_index_of_an_older_node_format_is_rebuilt_whole(src, tmp_path, embedder):
    settings = Settings(index_dir=tmp_path / "idx", chroma_write="always")
    ingest([str(src)], settings, embedder=embedder)
    catalog = Catalog(settings.index_dir)
    catalog.set_meta("node_format", "2")
    catalog.close()
    report = ingest([str(src / "current.md")], settings, embedder=embedder)  # one file re-read: every article rebuilt anyway
    assert any("upgraded" in note for note in report.notes)
    assert report.records.added == 32 and report.embedded == 0  # the cache still holds every vector
    index = SearchIndex(settings, embedder=embedder)
    assert index.vectors.count() == report.total_nodes == len(index)


def test_a_file_over_the_default_size_limit_is_skipped_and_notes_reach_the_report(tmp_path, embedder):
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(FIXTURES / "current.md", folder / "good.md")
    with (folder / "huge.md").open("wb") as out:
        out.truncate(50 * 1024 * 1024)
    pq.write_table(pa.table({"src": ["t1"], "name": ["Odd"], "relevancy": [9.5]}), folder / "concerns.parquet")
    report = run([folder], tmp_path / "idx", embedder)
    [failure] = report.failures
    assert failure.source.endswith("huge.md") and "over the limit of 20,000,000 (SIGNAL_DESK_MAX_FILE_BYTES)" in failure.reason
    assert any(n.endswith("concerns.parquet: column 'relevancy', row 1: not 1-5; left empty (value 9.5)") for n in report.notes)
    assert report.by_kind["concern"] == 3  # good.md's two and the parquet's one

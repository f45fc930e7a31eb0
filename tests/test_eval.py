"""The eval harness end to end on our sample corpus (so it cannot rot), and its small parts."""

from __future__ import annotations

import json

import pytest

from eval.__main__ import main
from eval.naive import named_records
from eval.overrides import apply_overrides
from eval.sweep import variants
from index import Record, Settings

from .conftest import ROOT

QUESTIONS = ROOT / "eval" / "questions" / "sample.jsonl"


@pytest.fixture(scope="module")
def open_index(sample_index, embedder):
    from index.search import SearchIndex

    return SearchIndex(Settings(index_dir=sample_index), embedder=embedder)


def test_eval_run_scores_every_system_on_two_questions(open_index, sample_index, tmp_path, capsys):
    out, cache = tmp_path / "out", tmp_path / "naive"
    common = ["run", "--questions", str(QUESTIONS), "--index", str(sample_index), "--limit", "2", "--naive-cache", str(cache), "--quiet"]
    assert main([*common, "--out", str(out)], index=open_index) == 0

    assert {p.name for p in out.iterdir()} == {"config.json", "summary.json", "results.jsonl", "report.md", "recall_at_k.png"}
    rows = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert [(r["question"], r["system"]) for r in rows] == [
        (q, s) for q in ("s01", "s02") for s in ("naive", "bm25", "dense", "signal-desk")
    ]
    summary = json.loads((out / "summary.json").read_text())
    desk = summary["systems"]["signal-desk"]
    assert desk["questions"] == 2 and desk["filter_exact"] == desk["citations_valid"] == desk["tables_faithful"] == 1.0
    assert desk["recall@20"] >= 0.8 and 0 < desk["latency_p50_ms"] <= desk["latency_p95_ms"]
    assert summary["systems"]["bm25"]["citations_valid"] is None
    assert set(summary["by_type"]) == {"lookup", "kind_filtered"}
    config = json.loads((out / "config.json").read_text())
    assert config["index"]["model"] == "local:all-MiniLM-L6-v2" and config["git"]["commit"]
    assert config["naive"]["chunks"] > 20 and config["naive_cached"] is False
    printed = capsys.readouterr().out
    assert "| signal-desk |" in printed and "report.md" in printed
    assert "| signal-desk |" in (out / "report.md").read_text()

    # A second run reuses the naive index; the diagnostic system applies the question's own filters.
    assert main([*common, "--out", str(tmp_path / "again"), "--systems", "naive,dense-filtered"], index=open_index) == 0
    assert json.loads((tmp_path / "again" / "config.json").read_text())["naive_cached"] is True
    again = json.loads((tmp_path / "again" / "summary.json").read_text())["systems"]
    assert again["dense-filtered"]["filter_exact"] == 1.0 and again["naive"]["filter_exact"] < 1.0


def test_eval_sweep_reports_each_variant_per_type(open_index, sample_index, tmp_path):
    out = tmp_path / "sweep"
    argv = ["sweep", "--questions", str(QUESTIONS), "--index", str(sample_index), "--out", str(out), "--limit", "2", "--quiet",
            "--vary", "retrieval.dense_weight=1.0", "--variant", "retrieval.min_similarity=0 retrieval.relative_similarity=0"]
    assert main(argv, index=open_index) == 0
    results = json.loads((out / "sweep.json").read_text())
    assert [r["variant"] for r in results] == ["defaults", "retrieval.dense_weight=1.0", "retrieval.min_similarity=0 retrieval.relative_similarity=0"]
    assert results[1]["retrieval"]["dense_weight"] == 1.0 and set(results[0]["by_type"]) == {"lookup", "kind_filtered"}
    assert "| defaults |" in (out / "sweep.md").read_text()


def test_overrides_change_one_setting_and_reject_misspelt_ones():
    settings = apply_overrides(Settings(index_dir="x"), ["retrieval.dense_weight=0.6", "retrieval.per_article=3"])
    assert settings.retrieval.dense_weight == 0.6 and settings.retrieval.per_article == 3 and str(settings.index_dir) == "x"
    for bad in ("retrieval.dense_wieght=0.6", "retrieval.dense_weight=2", "nonsense", "retrival.k=3"):
        with pytest.raises(ValueError):
            apply_overrides(Settings(), [bad])


def test_sweep_variants_one_per_value_or_combined():
    assert variants(["retrieval.rrf_k=10,30"], ["retrieval.min_similarity=0 retrieval.relative_similarity=0"]) == [
        ["retrieval.rrf_k=10"],
        ["retrieval.rrf_k=30"],
        ["retrieval.min_similarity=0", "retrieval.relative_similarity=0"],
    ]
    with pytest.raises(ValueError):
        variants(["retrieval.rrf_k"], [])


def test_a_chunk_names_its_records_in_order_of_appearance():
    records = [Record(article_id="a", kind="signal", name=n) for n in ("Drone Incursions", "GPS Jamming", "Absent")]
    text = "| gps jamming | jammed |\n| Drone Incursions | drones | and GPS Jamming again"
    assert named_records(text, records) == [records[1].id, records[0].id]


def test_a_bad_question_file_is_a_usage_error(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n')
    with pytest.raises(SystemExit) as exit_info:
        main(["run", "--questions", str(bad), "--index", str(tmp_path)])
    assert exit_info.value.code == 2 and "bad.jsonl:1" in capsys.readouterr().err


def test_own_question_format_scores_styles_follow_ups_and_negatives(open_index, sample_index, tmp_path):
    """Our own set's format: styles, splits, a conversation, acceptable records, a negative."""
    questions = tmp_path / "own.jsonl"
    rows = [
        {"id": "t1", "style": "entity", "split": "test", "question": "What escalation signals involve Estonia?", "kinds": ["signal"],
         "gold": [{"src": "20250314b-baltic-gps-jamming", "kind": "signal", "name": "Rise of GPS Jamming Over the Baltic"}],
         "acceptable": [{"src": "20250314b-baltic-gps-jamming", "kind": "signal", "name": "Drone Incursions Into NATO Airspace"}]},
        {"id": "t2", "style": "followup", "split": "test", "history": ["What escalation signals involve Estonia?"],
         "question": "and Finland?", "kinds": ["signal"],
         "gold": [{"src": "20240619-finland-border-civil-defence", "kind": "signal", "name": "Closed Borders as Standing Policy"}]},
        {"id": "t3", "style": "negative", "split": "test", "question": "curling championship results", "gold": []},
        {"id": "t4", "style": "negative", "split": "tune", "question": "not in this split", "gold": []},
    ]
    questions.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    out = tmp_path / "out"
    argv = ["run", "--questions", str(questions), "--index", str(sample_index), "--split", "test", "--out", str(out),
            "--systems", "dense-filtered,signal-desk", "--quiet"]
    assert main(argv, index=open_index) == 0
    summary = json.loads((out / "summary.json").read_text())
    assert set(summary["by_type"]) == {"entity", "followup", "negative"}
    desk = summary["by_type"]["followup"]["signal-desk"]
    assert desk["recall@20"] == 1.0  # "and Finland?" was resolved against the conversation
    negative = summary["by_type"]["negative"]["signal-desk"]
    assert negative["recall@20"] is None and negative["negative_ok"] == 1.0
    assert summary["systems"]["signal-desk"]["precision_shown"] is not None
    assert "dense-filtered R@20" in (out / "report.md").read_text()


def test_bench_smoke_runs_on_the_sample_corpus(tmp_path):
    """`python -m eval bench` from a clean install, in miniature (CI runs it on every change)."""
    out = tmp_path / "bench"
    argv = ["bench", "--articles", str(ROOT / "examples" / "corpus"), "--index", str(tmp_path / "index"), "--out", str(out),
            "--questions", str(QUESTIONS), "--n-questions", "4", "--llamaindex-sample", "3", "--bare-sample", "64"]
    assert main(argv) == 0
    bench = json.loads((out / "bench.json").read_text())
    assert bench["ingest"]["records"] > 250 and bench["llamaindex"]["chunks"] > 0
    assert bench["questions"]["asked"] == 4 and bench["app"]["cold_start_s"]

"""The shells in-process: ingest.py and `python -m assistant` (arguments, output, exit codes)."""

from __future__ import annotations

import json
import shutil

import pytest

import ingest as ingest_cli
from assistant import __main__ as ask_cli

from .conftest import FIXTURES


@pytest.fixture
def use_session_model(monkeypatch, embedder):
    """The shells build their own embedder; hand them the session's loaded one."""
    monkeypatch.setattr("index.pipeline.load_embedder", lambda settings: embedder)
    monkeypatch.setattr("index.search.load_embedder", lambda settings: embedder)


def test_ingest_json_report_and_exit_code_0(tmp_path, capsys, use_session_model):
    code = ingest_cli.main([str(FIXTURES / "current.md"), "--index", str(tmp_path / "idx"), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0
    assert set(report) >= {"articles", "records", "by_kind", "failures", "seconds"}
    assert report["records"]["added"] == 11 and report["failures"] == []


def test_ingest_exit_code_1_when_a_source_fails(tmp_path, capsys, use_session_model):
    folder = tmp_path / "src"
    folder.mkdir()
    shutil.copy(FIXTURES / "current.md", folder)
    shutil.copy(FIXTURES / "broken" / "empty.md", folder)
    code = ingest_cli.main([str(folder), "--index", str(tmp_path / "idx")])
    out = capsys.readouterr().out
    assert code == 1
    assert "1 skipped or partly read" in out and "empty.md: empty file" in out


def test_ingest_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as exc:
        ingest_cli.main([])
    assert exc.value.code == 2


def test_ingest_help_names_the_formats(capsys):
    with pytest.raises(SystemExit):
        ingest_cli.main(["--help"])
    assert ".parquet" in capsys.readouterr().out


def test_ask_markdown_and_json(sample_index, capsys, use_session_model):
    assert ask_cli.main(["ask", "What escalation signals involve Estonia?", "--index", str(sample_index)]) == 0
    out = capsys.readouterr().out
    assert "Rise of GPS Jamming Over the Baltic" in out and "**Sources**" in out

    assert ask_cli.main(["ask", "coral reefs", "--index", str(sample_index), "--json", "--k", "3", "--kind", "technology"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert len(answer["records"]) <= 3 and {r["kind"] for r in answer["records"]} == {"technology"}


def test_ask_on_a_missing_index_says_so_in_one_line(tmp_path, capsys):
    assert ask_cli.main(["ask", "anything", "--index", str(tmp_path / "nowhere")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: no index at") and err.count("\n") == 1


def test_ask_rejects_a_bad_date(capsys):
    with pytest.raises(SystemExit) as exc:
        ask_cli.main(["ask", "x", "--since", "last tuesday"])
    assert exc.value.code == 2 and "not a date" in capsys.readouterr().err

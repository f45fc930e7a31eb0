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
    assert ask_cli.main(["ask", "drones", "--index", str(tmp_path / "nowhere")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: no index at") and err.count("\n") == 1


def test_ask_rejects_a_bad_date(capsys):
    with pytest.raises(SystemExit) as exc:
        ask_cli.main(["ask", "x", "--since", "last tuesday"])
    assert exc.value.code == 2 and "not a date" in capsys.readouterr().err


@pytest.mark.parametrize(("flag", "value", "message"), [("--k", "-1", "out of range: use 1-500"), ("--k", "0", "use 1-500"),
                                                        ("--k", "501", "use 1-500"), ("--page", "0", "use 1 or more"),
                                                        ("--page", "-3", "use 1 or more"), ("--k", "ten", "not a whole number")])
def test_ask_validates_k_and_page(capsys, flag, value, message):
    with pytest.raises(SystemExit) as exc:
        ask_cli.main(["ask", "drones", flag, value])
    assert exc.value.code == 2 and message in capsys.readouterr().err


def test_a_page_past_the_end_says_which_pages_exist(sample_index, capsys, use_session_model):
    assert ask_cli.main(["ask", "list all signals", "--index", str(sample_index), "--k", "20", "--page", "99999"]) == 0
    assert capsys.readouterr().out.startswith("Page 99999 is past the end: 90 records match, on 5 pages of 20. Ask for page 1 to 5.")
    assert ask_cli.main(["ask", "list all signals", "--index", str(sample_index), "--k", "20", "--page", "5"]) == 0
    assert "Showing 81–90 of 90 (page 5 of 5)." in capsys.readouterr().out


@pytest.mark.parametrize("question", ["", "   ", "?!", "...", "what is it?"])
def test_ask_refuses_a_question_with_nothing_to_look_for(sample_index, capsys, use_session_model, question):
    assert ask_cli.main(["ask", question, "--index", str(sample_index)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1 and "for example" in err.lower()


def test_ask_export_into_a_missing_folder_is_a_message(sample_index, tmp_path, capsys, use_session_model):
    target = tmp_path / "missing" / "answer.md"
    assert ask_cli.main(["ask", "drones", "--index", str(sample_index), "--export", str(target)]) == 2
    err = capsys.readouterr().err
    assert err == f"error: cannot export to {target}: the folder {target.parent} does not exist\n"


def test_ask_writes_a_digest_docx_and_card_pngs_into_a_new_folder(sample_index, tmp_path, capsys, use_session_model):
    import docx

    target = tmp_path / "digest.docx"
    assert ask_cli.main(["ask", "digest of March 2025", "--index", str(sample_index), "--export", str(target)]) == 0
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert "Digest: March 2025" in text and "every article appears under one theme" in text
    cards = tmp_path / "cards"
    question = "NOW / NEAR / NEXT cards about AI in schools"
    assert ask_cli.main(["ask", question, "--index", str(sample_index), "--k", "6", "--cards-png", str(cards)]) == 0
    assert sorted(p.suffix for p in cards.iterdir()) and {p.suffix for p in cards.iterdir()} == {".png"}
    capsys.readouterr()
    nowhere = tmp_path / "missing" / "cards"
    assert ask_cli.main(["ask", question, "--index", str(sample_index), "--cards-png", str(nowhere)]) == 2
    assert capsys.readouterr().err == f"error: cannot write cards into {nowhere}: the folder {nowhere.parent} does not exist\n"


def test_index_pointing_at_a_file_is_a_message(tmp_path, capsys, use_session_model):
    file = tmp_path / "not-a-dir"
    file.write_text("x")
    assert ask_cli.main(["ask", "drones", "--index", str(file)]) == 1
    assert capsys.readouterr().err == f"error: {file} is a file, not an index directory: pass --index a directory\n"
    assert ingest_cli.main([str(FIXTURES / "current.md"), "--index", str(file)]) == 1
    assert capsys.readouterr().err == f"error: {file} is a file, not an index directory: pass --index a directory\n"


def test_the_python_api_refuses_bad_filters_in_words(desk):
    from index import QuestionError

    with pytest.raises(QuestionError, match="Since 'soon' is not a date"):
        desk.ask("drones", since="soon")
    with pytest.raises(QuestionError, match="Min relevancy must be a whole number from 1 to 5"):
        desk.ask("drones", min_relevancy=9)
    with pytest.raises(QuestionError, match="k must be 1-500"):
        desk.ask("drones", k=0)
    assert desk.ask("what is it?", kinds=["signal"], k=3).records  # a filter is something to look for

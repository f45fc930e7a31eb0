"""An article exported as a signal document reads back as the same article and records."""

from __future__ import annotations

import pytest

from index.export import to_markdown as article_markdown
from index.readers.markdown import parse_markdown, read_markdown
from index.records import Article, Record

from .conftest import SAMPLE

DOCUMENTS = sorted(p for p in SAMPLE.glob("*.md") if p.name != "README.md")


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.stem for p in DOCUMENTS])
def test_export_reads_back_the_same(path):
    item = read_markdown(path)
    back = parse_markdown(article_markdown(item.article, item.records), article_id=item.article.id, source=item.article.source)
    assert back.article.model_dump(exclude={"related"}) == item.article.model_dump(exclude={"related"})
    assert [r.model_dump() for r in back.records] == [r.model_dump() for r in item.records]


def test_a_table_row_article_exports_its_records_with_pipes_escaped():
    article = Article(id="0123456789abcdef0123456789abcdef")
    records = [
        Record(article_id=article.id, kind="concern", name="Cost | Risk", description="Prices  rise\nsharply.", relevancy=4),
        Record(article_id=article.id, kind="signal", name="Cheap Drones", description="Drones get cheaper.", relevancy=5),
    ]
    text = article_markdown(article, records)
    assert text.index("## Signals") < text.index("## Concerns") and "Cost \\| Risk" in text
    back = parse_markdown(text, article_id=article.id)
    assert {(r.kind, r.name, r.description, r.relevancy) for r in back.records} == {
        ("concern", "Cost | Risk", "Prices rise sharply.", 4),
        ("signal", "Cheap Drones", "Drones get cheaper.", 5),
    }


@pytest.mark.parametrize("bad", ["../../x", "..", "a/b", "/etc/passwd", "a\\b", ""])
def test_an_article_id_that_is_not_a_file_name_is_not_exported(tmp_path, bad):
    from index.errors import StoreError
    from index.export import export_markdown

    out = tmp_path / "deep" / "out"
    with pytest.raises(StoreError, match="not a plain file name"):
        export_markdown(Article(id=bad), [], out)
    assert not any(tmp_path.rglob("*.md"))


def test_index_export_confines_ids_to_out(tmp_path, embedder, capsys):
    from index import Settings, ingest
    from index import __main__ as index_cli

    csv = tmp_path / "concerns.csv"
    csv.write_text("src,name,description\n../../escaped,Name,Desc\nplain1,Other,Desc\n")
    assert ingest([str(csv)], Settings(index_dir=tmp_path / "idx"), embedder=embedder).ok
    out = tmp_path / "a" / "b" / "out"
    code = index_cli.main(["export", "../../escaped", "plain1", "--index", str(tmp_path / "idx"), "--out", str(out)])
    assert code == 1
    assert "the article id '../../escaped' is not a plain file name" in capsys.readouterr().err
    assert (out / "plain1.md").is_file() and sorted(p.name for p in tmp_path.rglob("*.md")) == ["plain1.md"]

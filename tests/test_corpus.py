"""Optional checks over the real corpus in ../shared (skipped when it is absent)."""

from __future__ import annotations

import importlib.util
from collections import Counter

import pytest

from assistant import Assistant
from index import Settings, ingest
from index.readers import read_source
from index.search import SearchIndex

pytestmark = pytest.mark.corpus


def count_rows(shared_corpus):
    path = shared_corpus.parent / "checks" / "count_rows.py"
    if not path.exists():
        pytest.skip("../shared/checks/count_rows.py is absent")
    spec = importlib.util.spec_from_file_location("count_rows", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.count


def test_every_real_article_reads_and_matches_an_independent_row_count(shared_corpus):
    count = count_rows(shared_corpus)
    for path in sorted((shared_corpus / "articles").glob("*.md")):
        if path.name == "SOURCES.md":
            continue
        (item,) = read_source(str(path))
        got = dict(Counter(r.kind for r in item.records))
        assert got == count(path.read_text(encoding="utf-8")), path.name
        assert item.problems == [] and item.article.title


@pytest.mark.slow
def test_estonia_question_on_the_seed_article(shared_corpus, tmp_path, embedder):
    seed = shared_corpus / "articles" / "20251012d-putin-military-recruitment.md"
    settings = Settings(index_dir=tmp_path / "idx")
    assert ingest([str(seed)], settings, embedder=embedder).ok
    answer = Assistant(settings, index=SearchIndex(settings, embedder=embedder)).ask("What escalation signals involve Estonia?")
    names = {r.name for r in answer.records}
    assert {"Escalation of NATO-Russia Tensions", "Direct Confrontation Warnings"} <= names
    assert "mirror.co.uk" in answer.citations[0].url and "[1]" in answer.markdown

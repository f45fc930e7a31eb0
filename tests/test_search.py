"""The read side: dense strategies agree, exact scans respect filters, embedders agree."""

from __future__ import annotations

import numpy as np
import pytest

from index import NodeFilter, RetrievalSettings, Settings
from index.search import SearchIndex


@pytest.fixture(scope="module")
def search(tmp_path_factory, embedder):
    """The sample corpus in an index that keeps Chroma, so every strategy has something to search."""
    from index import ingest

    from .conftest import SAMPLE

    settings = Settings(index_dir=tmp_path_factory.mktemp("chroma-kept"), chroma_write="always")
    ingest([str(SAMPLE)], settings, embedder=embedder)
    return SearchIndex(settings, embedder=embedder)


def with_strategy(index: SearchIndex, strategy: str) -> SearchIndex:
    index.settings = index.settings.model_copy(update={"retrieval": RetrievalSettings(dense_strategy=strategy)})
    return index


@pytest.mark.parametrize(
    "flt", [NodeFilter(), NodeFilter(kinds=("concern",)), NodeFilter(kinds=("signal",), min_relevancy=5), NodeFilter(max_relevancy=3)]
)
def test_dense_strategies_return_the_same_top_records(search, flt):
    vector = search.embed_query("satellite navigation jamming over the Baltic")
    results = {s: with_strategy(search, s).dense(vector, 5, flt) for s in ("exact", "hnsw", "chroma-filter")}
    ids = {s: [i for i, _ in r] for s, r in results.items()}
    assert ids["exact"] == ids["hnsw"] == ids["chroma-filter"]
    assert np.allclose([s for _, s in results["exact"]], [s for _, s in results["chroma-filter"]], atol=1e-4)


def test_exact_scan_honours_the_filter(search):
    with_strategy(search, "exact")
    vector = search.embed_query("drones")
    hits = search.dense(vector, 50, NodeFilter(kinds=("technology",)))
    assert hits and set(search.kinds_of([i for i, _ in hits]).values()) == {"technology"}


def test_a_ceiling_on_relevancy_admits_only_rated_records_at_or_below_it(search):
    with_strategy(search, "exact")
    hits = search.dense(search.embed_query("heat pumps"), 50, NodeFilter(max_relevancy=3))
    ratings = {r.relevancy for r in search.records([i for i, _ in hits]).values()}
    assert hits and ratings and all(r is not None and r <= 3 for r in ratings)


def test_a_filter_admitting_nothing_returns_nothing(search):
    from datetime import date

    assert search.dense(search.embed_query("x"), 5, NodeFilter(since=date(2040, 1, 1))) == []


@pytest.mark.slow
def test_onnx_backends_agree_with_torch(embedder, tmp_path):
    from index.embeddings import TorchEmbedder, load_embedder

    texts = ["Rise of GPS jamming over the Baltic.", "Heat pumps outsell gas boilers", "x"]
    reference = TorchEmbedder().embed(texts)
    assert (embedder.embed(texts) * reference).sum(axis=1).min() > 0.9999
    int8 = load_embedder(Settings(embed_backend="onnx-int8"))
    assert int8.model_id.endswith(":int8")
    assert (int8.embed(texts) * reference).sum(axis=1).min() > 0.97


@pytest.mark.parametrize("question", ["What does the US plan?", "Which EU rules matter?", "What is NATO doing?", "Anything on Estonia?"])
def test_entity_mentions_match_a_scan_of_every_record(search, question):
    """The SQL prefilter (an acronym looked up in its capitals, other aliases in any case) and the
    per-generation memo change nothing: the same records as the entity's pattern over them all."""
    from assistant.entities import find_entities

    entity = find_entities(question)[0]
    everything = NodeFilter(kinds=None)
    ids = sorted(search.admitted(everything))
    fields = lambda r: " ".join(filter(None, (r.name, r.description, r.change, r.horizon, r.driving_force)))  # noqa: E731
    scanned = {i for i, r in search.records(ids).items() if entity.pattern().search(fields(r))}
    assert entity.mentioned(search, everything) == scanned
    assert entity.mentioned(search, everything) == scanned  # from the memo the second time
    assert scanned or question.startswith("Anything")


def test_a_phrase_is_counted_where_its_words_are_written_in_order(search) -> None:
    index = search
    records = index.records(index.node_ids(NodeFilter(kinds=("signal",))))
    name = next(r.name for r in records.values() if len(r.name.split()) >= 2 and all(w.isalpha() for w in r.name.split()[:2]))
    first, second = name.split()[:2]
    assert index.phrase_records(f"{first} {second}") >= 1
    assert index.phrase_records(f"{first.upper()}  {second.lower()}") == index.phrase_records(f"{first} {second}")  # any case
    assert index.phrase_records("zzqx unheard") == 0

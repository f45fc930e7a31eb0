"""OpenAI-compatible embeddings against our test server: base64 (what the SDK asks for) and float
replies, unit vectors, a whole ingest-and-ask on them, and the index refusing to mix models."""

from __future__ import annotations

import numpy as np
import pytest

from assistant import Assistant
from index import EmbeddingError, ModelMismatchError, Settings, ingest
from index.embeddings import OpenAIEmbedder, load_embedder
from index.search import SearchIndex

from .conftest import FIXTURES
from .fake_openai import fake_embedding


def embed_settings(server, **extra) -> Settings:
    return Settings(embed_model="test-embed", openai_base_url=server.base_url, **extra)


def test_the_settings_choose_the_openai_embedder(openai_server):
    embedder = load_embedder(embed_settings(openai_server))
    assert isinstance(embedder, OpenAIEmbedder) and embedder.model_id == "openai:test-embed"


@pytest.mark.parametrize("served", ["base64", "float"])
def test_vectors_arrive_base64_or_float(openai_server, served):
    openai_server.embedding_format = served  # "float": a server that ignores the SDK's base64 request
    vectors = load_embedder(embed_settings(openai_server)).embed(["drone sightings at airports", "coral reefs"])
    assert openai_server.requests[-1].json["encoding_format"] == "base64"
    assert vectors.dtype == np.float32 and vectors.shape == (2, 128)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0)
    assert np.allclose(vectors[0], fake_embedding("drone sightings at airports"), atol=1e-6)


def test_texts_are_sent_in_batches(openai_server):
    load_embedder(embed_settings(openai_server, embed_batch_size=2)).embed(["a", "b", "c"])
    assert [r.json["input"] for r in openai_server.requests] == [["a", "b"], ["c"]]


def test_an_embedding_fault_is_an_embedding_error(closed_port):
    embedder = load_embedder(Settings(embed_model="e", openai_base_url=f"http://127.0.0.1:{closed_port}/v1"))
    with pytest.raises(EmbeddingError, match="embedding with 'e' failed: Check OPENAI_BASE_URL"):
        embedder.embed(["x"])


def test_ingest_and_ask_with_openai_embeddings(tmp_path, openai_server):
    settings = embed_settings(openai_server, index_dir=tmp_path / "idx")
    report = ingest([str(FIXTURES / "current.md")], settings)
    assert report.ok and report.embedded == 12
    answer = Assistant(settings).ask("counter-drone radar near runways", k=3)
    assert answer.records[0].name == "Counter-Drone Radar"
    assert SearchIndex(settings).embedder.model_id == "openai:test-embed"


def test_an_index_refuses_to_mix_models(tmp_path, openai_server, embedder):
    ingest([str(FIXTURES / "current.md")], Settings(index_dir=tmp_path / "idx"), embedder=embedder)
    with pytest.raises(ModelMismatchError, match="'local:all-MiniLM-L6-v2', not 'openai:test-embed'"):
        ingest([str(FIXTURES / "hybrid.md")], embed_settings(openai_server, index_dir=tmp_path / "idx"))
    with pytest.raises(ModelMismatchError):
        SearchIndex(embed_settings(openai_server, index_dir=tmp_path / "idx"))
    assert not any(r.path.endswith("/embeddings") for r in openai_server.requests)

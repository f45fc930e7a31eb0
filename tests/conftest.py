"""Shared fixtures: a clean environment, our fixture files, one embedding model per session, and
real indexes (embedded Chroma under a temporary directory) built from our own sample corpus."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SAMPLE = ROOT / "examples" / "corpus"
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    """Nothing from the developer's environment leaks into a test."""
    for name in list(os.environ):
        if name.startswith(("OPENAI_", "SIGNAL_DESK_")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("GRADIO_ANALYTICS_ENABLED", "False")


@pytest.fixture(scope="session")
def embedder():
    """The real bundled MiniLM (default backend), loaded once for the whole session."""
    from index import Settings
    from index.embeddings import load_embedder

    model = load_embedder(Settings())
    model.embed(["warm up"])
    return model


@pytest.fixture(scope="session")
def sample_index(tmp_path_factory, embedder) -> Path:
    """Our sample corpus ingested once into a real Chroma + BM25 index (read-only for tests)."""
    from index import Settings, ingest

    index_dir = tmp_path_factory.mktemp("sample-index")
    report = ingest([str(SAMPLE)], Settings(index_dir=index_dir), embedder=embedder)
    assert report.ok, report.failures
    return index_dir


@pytest.fixture(scope="session")
def desk(sample_index, embedder):
    from assistant import Assistant
    from index import Settings
    from index.search import SearchIndex

    settings = Settings(index_dir=sample_index)
    return Assistant(settings, index=SearchIndex(settings, embedder=embedder))


@pytest.fixture
def workdir(tmp_path) -> Path:
    """A scratch copy of the fixture files a test may change."""
    target = tmp_path / "src"
    shutil.copytree(FIXTURES, target)
    return target


@pytest.fixture
def shared_corpus() -> Path:
    corpus = SHARED / "corpus"
    if not (corpus / "articles").is_dir():
        pytest.skip("../shared/corpus is absent")
    return corpus


@pytest.fixture
def openai_server():
    """Our OpenAI-compatible test server on 127.0.0.1 (tests/fake_openai.py), fresh per test."""
    from .fake_openai import FakeOpenAI

    server = FakeOpenAI().start()
    yield server
    server.stop()


@pytest.fixture
def html_server():
    """A local web server for URL ingest (tests/html_server.py), serving our saved article page."""
    from .html_server import HtmlServer

    site = HtmlServer().start()
    site.page("/article.html", (FIXTURES / "article.html").read_bytes())
    yield site
    site.stop()


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens (connections are refused)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def llm_settings(server, **extra):
    """Settings for the LLM mode against the test server (short timeouts keep fault tests fast)."""
    from index import Settings

    values = dict(
        llm_model="test-chat", openai_base_url=server.base_url, llm_timeout=2.0, llm_stall_timeout=0.5, llm_retry_after_max=2.0
    )
    return Settings(**{**values, **extra})


# A corpus whose stored text attacks the viewer (eval/reliability/corpus.py), aimed at a canary.


@pytest.fixture(scope="session")
def canary():
    """A web server that must never be asked for anything: hostile records point at it."""
    from .html_server import HtmlServer

    site = HtmlServer().start()
    yield site
    site.stop()


@pytest.fixture(scope="session")
def hostile_index(tmp_path_factory, embedder, canary) -> Path:
    """An index of hostile records (a tabular export and a signal document) aimed at the canary."""
    from eval.reliability.corpus import write_hostile_corpus
    from index import Settings, ingest

    source = write_hostile_corpus(tmp_path_factory.mktemp("hostile-src"), canary.port)
    index_dir = tmp_path_factory.mktemp("hostile-index")
    report = ingest([str(source)], Settings(index_dir=index_dir), embedder=embedder)
    assert report.ok, report.failures
    return index_dir


@pytest.fixture(scope="session")
def hostile_desk(hostile_index, embedder):
    from assistant import Assistant
    from eval.reliability.corpus import hostile_settings
    from index.search import SearchIndex

    settings = hostile_settings(hostile_index)
    return Assistant(settings, index=SearchIndex(settings, embedder=embedder))

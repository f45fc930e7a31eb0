"""Server mode: the same ingest and questions against a real `chroma run` on 127.0.0.1."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from assistant import Assistant
from index import Settings, ingest
from index.search import SearchIndex

from .conftest import FIXTURES

pytestmark = [pytest.mark.server, pytest.mark.slow]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    chroma = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    if not Path(chroma).exists():
        pytest.skip("the `chroma` command is not installed")
    port = free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    proc = subprocess.Popen(
        [chroma, "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("chroma run did not answer within 30 s")
    yield port
    proc.terminate()
    proc.wait(timeout=10)


def test_ingest_and_ask_through_a_chroma_server(chroma_server, tmp_path, embedder):
    settings = Settings(index_dir=tmp_path / "idx", chroma_host="127.0.0.1", chroma_port=chroma_server)
    report = ingest([str(FIXTURES / "current.md")], settings, embedder=embedder)
    assert report.ok and report.records.added == 11
    assert not (tmp_path / "idx" / "chroma").exists()  # the vectors live on the server

    again = ingest([str(FIXTURES / "current.md")], settings, embedder=embedder)
    assert again.records.unchanged == 11 and again.embedded == 0

    desk = Assistant(settings, index=SearchIndex(settings, embedder=embedder))
    answer = desk.ask("Which concerns mention airspace violations?")
    assert answer.records[0].name == "Repeated Airspace Violations"
    assert answer.citations[0].page == "20250301a"

"""The README's first command: `make app` runs `python app.py --index .signal-desk --port 7860`
on the sample corpus. Here the same command line, as its own process, on the sample index: the
page answers HTTP 200 and `/chat` answers with the question alone (no since/until passed)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import pytest

from .conftest import ROOT

gradio_client = pytest.importorskip("gradio_client")
pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_app_py_opens_the_desk_on_the_sample_corpus(sample_index, tmp_path):
    import httpx

    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SIGNAL_DESK_"))}
    env |= {"HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False", "TMPDIR": str(tmp_path)}
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "app.py"), "--index", str(sample_index), "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            try:
                if httpx.get(url, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "app.py did not answer within 120 s"
            time.sleep(0.5)
        page = httpx.get(url, timeout=10)
        assert page.status_code == 200 and "Signal Desk" in page.text
        client = gradio_client.Client(url, verbose=False)
        markdown, answer = client.predict("concerns about space debris", api_name="/chat")
        assert answer["plan"]["kinds"] == ["concern"] and answer["citations"]
        assert answer["citations"][0]["title"] == "Near-Misses in Low Earth Orbit Renew Warnings About Space Debris"
        assert markdown.startswith("**") and "[1]" in markdown
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    assert not list(tmp_path.glob("signal-desk-exports-*")), "the downloads folder outlived the app"

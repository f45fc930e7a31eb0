"""The app fails closed and shows text as text: a malformed login refuses to start, an exposed app
without one is warned about, failed logins are throttled per client, bad filter values get a
readable message, hostile records reach the chat API escaped, and SIGTERM removes the exports."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

import app
from app_auth import LoginThrottle, is_loopback, parse_auth
from assistant.inputs import parse_filters
from eval.reliability.corpus import HOSTILE_QUESTION
from index import ConfigError, QuestionError

from .conftest import ROOT

gradio_client = pytest.importorskip("gradio_client")


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("alice", "is neither user:password nor an existing file"),
        ("/no/such/file", "is neither user:password nor an existing file"),
        ("", "is set but empty"),
        ("   ", "is set but empty"),
        ("alice:", "empty user name or password"),
        (":secret", "empty user name or password"),
    ],
)
def test_a_malformed_login_is_a_config_error(spec, message):
    with pytest.raises(ConfigError, match=message):
        parse_auth(spec)


def test_a_login_file_is_read_strictly(tmp_path):
    good = tmp_path / "users"
    good.write_text("# team\nalice:one\n\nbob: two words\n")
    assert parse_auth(str(good)) == [("alice", "one"), ("bob", " two words")]
    for text, message in [("alice:one\nbob\n", "line 2: expected user:password"), ("a:1\na:2\n", "listed twice"), ("# only\n", "no user:password")]:
        bad = tmp_path / "bad"
        bad.write_text(text)
        with pytest.raises(ConfigError, match=message):
            parse_auth(str(bad))
    with pytest.raises(ConfigError, match="is a directory"):
        parse_auth(str(tmp_path))


def test_unset_means_no_login_and_a_pair_is_one_user():
    assert parse_auth(None) is None
    assert parse_auth("alice:s3cr:et") == [("alice", "s3cr:et")]


@pytest.mark.parametrize(("host", "loopback"), [("127.0.0.1", True), ("::1", True), ("localhost", True), ("127.0.0.2", True),
                                                ("0.0.0.0", False), ("::", False), ("192.168.1.4", False), ("my-host", False)])
def test_which_binds_stay_on_the_machine(host, loopback):
    assert is_loopback(host) is loopback


def test_the_app_refuses_to_start_with_a_malformed_login(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SIGNAL_DESK_", "OPENAI_"))}
    for spec in ("alice", str(tmp_path / "missing-file")):
        done = subprocess.run(
            [sys.executable, str(ROOT / "app.py"), "--index", str(tmp_path)], env={**env, "SIGNAL_DESK_AUTH": spec},
            capture_output=True, text=True, timeout=120,
        )
        assert done.returncode == 2, done.stderr
        assert done.stderr.startswith("error: SIGNAL_DESK_AUTH=") and "Traceback" not in done.stderr


class Launched:
    """Stands in for the Gradio app in `app.main`: records the launch arguments."""

    def __init__(self):
        self.options: dict = {}

    def queue(self, **options):
        self.queue_options = options
        return self

    def launch(self, **options):
        self.options = options


@pytest.fixture
def fake_launch(monkeypatch, embedder):
    launched = Launched()
    monkeypatch.setattr(app, "build_app", lambda desk: launched)
    monkeypatch.setattr("index.search.load_embedder", lambda settings: embedder)
    monkeypatch.setattr(app.signal, "signal", lambda *a: None)  # leave the test process's handlers alone
    return launched


def test_an_exposed_app_without_login_is_warned_about(fake_launch, sample_index, capsys):
    assert app.main(["--index", str(sample_index), "--host", "0.0.0.0"]) == 0
    assert "warning: serving on 0.0.0.0 without a login" in capsys.readouterr().err
    assert "auth" not in fake_launch.options


def test_a_login_comes_with_the_throttle(fake_launch, sample_index, capsys, monkeypatch):
    monkeypatch.setenv("SIGNAL_DESK_AUTH", "alice:secret")
    assert app.main(["--index", str(sample_index), "--host", "0.0.0.0"]) == 0
    assert "warning" not in capsys.readouterr().err
    assert fake_launch.options["auth"] == [("alice", "secret")]
    [middleware] = fake_launch.options["app_kwargs"]["middleware"]
    assert middleware.cls is LoginThrottle


def test_the_throttle_counts_failures_per_client_in_a_window():
    now = [0.0]
    throttle = LoginThrottle(None, limit=3, window=60, clock=lambda: now[0])
    for _ in range(3):
        assert throttle.wait("10.0.0.1") == 0
        throttle.failed("10.0.0.1")
    assert throttle.wait("10.0.0.1") == 60 and throttle.wait("10.0.0.2") == 0
    now[0] = 59.5
    assert throttle.wait("10.0.0.1") == 0.5
    now[0] = 60.0
    assert throttle.wait("10.0.0.1") == 0


@pytest.fixture(scope="module")
def served_with_login(desk):
    demo = app.build_app(desk)
    demo.queue().launch(
        server_name="127.0.0.1", server_port=None, prevent_thread_lock=True, quiet=True, **app.launch_options([("alice", "secret")])
    )
    yield demo.local_url.rstrip("/")
    demo.close()


def login(url: str, password: str, source: str = "127.0.0.1") -> int:
    import httpx

    transport = httpx.HTTPTransport(local_address=source)
    with httpx.Client(transport=transport, timeout=10) as client:
        return client.post(f"{url}/login", data={"username": "alice", "password": password}).status_code


def test_the_api_needs_the_login(served_with_login):  # (before the throttle test: it locks 127.0.0.1 out)
    with pytest.raises(Exception, match="(?i)login|auth|401|unauthori"):
        gradio_client.Client(served_with_login, verbose=False).predict("drones", api_name="/chat")
    client = gradio_client.Client(served_with_login, auth=("alice", "secret"), verbose=False)
    text, _ = client.predict("What escalation signals involve Estonia?", api_name="/chat")
    assert "Rise of GPS Jamming Over the Baltic" in text


def test_failed_logins_are_throttled_per_client(served_with_login):
    statuses = [login(served_with_login, f"wrong{n}") for n in range(7)]
    assert statuses == [400] * 5 + [429] * 2
    assert login(served_with_login, "secret") == 429  # even the right password waits
    assert login(served_with_login, "wrong", source="127.0.0.2") == 400  # another client is not held up
    assert login(served_with_login, "secret", source="127.0.0.2") == 200


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        (([], 0, "soon", ""), "Since 'soon' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"),
        (([], 0, "", "2025-13"), "Until '2025-13' is not a date"),
        (([], 0, "2026", "2024"), "Since (2026-01-01) is after Until (2024-12-31)"),
        (([], "lots", "", ""), "Min relevancy must be a whole number from 1 to 5 (0 or empty: any), not 'lots'"),
        (([], 9, "", ""), "Min relevancy must be a whole number from 1 to 5 (0 or empty: any), not '9'"),
        (([], 2.5, "", ""), "Min relevancy must be a whole number"),
        ((["rumour"], 0, "", ""), "Unknown record kind 'rumour'"),
        ((4, 0, "", ""), "Kinds must be a list of record kinds"),
    ],
)
def test_bad_filter_values_get_a_readable_message(filters, message):
    with pytest.raises(QuestionError) as exc:
        parse_filters(*filters)
    assert str(exc.value).startswith(message)


def test_good_filter_values_become_options():
    options = parse_filters(["signal"], "4", " 2024 ", "2025-06")
    assert options["kinds"] == ["signal"] and options["min_relevancy"] == 4
    assert str(options["since"]) == "2024-01-01" and str(options["until"]) == "2025-06-30"
    assert parse_filters([], 0, "", "") == dict(kinds=None, min_relevancy=None, since=None, until=None)


@pytest.fixture(scope="module")
def served_hostile(hostile_desk):
    demo = app.build_app(hostile_desk)
    demo.queue().launch(server_name="127.0.0.1", server_port=None, prevent_thread_lock=True, quiet=True)
    yield demo.local_url
    demo.close()


def test_hostile_records_reach_the_chat_api_as_escaped_text(served_hostile, canary):
    client = gradio_client.Client(served_hostile, verbose=False)
    text, answer = client.predict(HOSTILE_QUESTION, api_name="/chat")
    port = canary.port
    assert f"\\<img src=http\\://127.0.0.1:{port}/name-img\\>" in text
    assert f"\\[click\\](http\\://127.0.0.1:{port}/md-link)" in text and f"!\\[i\\](http\\://127.0.0.1:{port}/md-img)" in text
    assert "<img" not in text.replace("\\<img", "")
    targets = re.findall(r"(?<!\\)\]\((http[^)]*)\)", text)  # links (an escaped "\\]" is none): the sources' own URLs
    assert set(targets) == {f"http://127.0.0.1:{port}/article", f"http://127.0.0.1:{port}/page"}
    names = [r["name"] for r in answer["records"]]  # the Answer holds the stored values; the page shows them as text
    assert f"Zeppelin mooring masts return <img src=http://127.0.0.1:{port}/name-img>" in names
    assert f"[Zeppelin airships come back](http://127.0.0.1:{port}/article)" in text  # a source's own URL is a link
    assert canary.hits == []

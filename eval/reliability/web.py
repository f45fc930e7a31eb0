"""Suite `auth-xss`: the app as an attacker meets it. The promise: a malformed or missing login
setting stops the app (exit 2); failed logins are throttled per client (200 wrong passwords reach
the password check 5 times); the API needs the login; hostile records reach the chat API as
escaped text with no link but the sources'; SIGTERM leaves no export behind; and in headless
Chromium (where installed) showing a hostile answer makes no request to the address it names."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from typing import Any

from index import ConfigError, Settings
from index.search import SearchIndex

from ..report import ROOT
from . import Env, Suite, SuiteResult, expect
from .corpus import HOSTILE_QUESTION, hostile_settings

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
MALFORMED = ["alice", "", "   ", "/no/such/file", "alice:", ":secret", "{dir}", "{file:bob}", "{file:}", "{file:a:1\na:2}"]
WRONG_PASSWORDS = 200


def run(env: Env) -> SuiteResult:
    import app
    from app_auth import parse_auth
    from assistant import Assistant

    suite = Suite("auth-xss", env.log)
    for spec in MALFORMED:
        suite.case(f"SIGNAL_DESK_AUTH={spec!r} is refused", lambda s=spec: _refused(parse_auth, _spec(s, env)), 1.0)
    for spec in ("alice", str(env.workdir / "missing-auth-file")):
        suite.case(f"app.py with SIGNAL_DESK_AUTH={spec!r} does not start", lambda s=spec: _does_not_start(s, env), 60.0)

    sample = SearchIndex(Settings(index_dir=env.sample()), embedder=env.model())
    guarded = app.build_app(Assistant(sample.settings, index=sample))
    guarded.queue().launch(server_name="127.0.0.1", server_port=None, prevent_thread_lock=True, quiet=True,
                           **app.launch_options([("alice", "secret")]))
    try:
        url = guarded.local_url.rstrip("/")
        suite.case("the chat API needs the login", lambda: _api_needs_login(url), 60.0)
        suite.case(f"{WRONG_PASSWORDS} wrong passwords from one client", lambda: _throttled(url), 60.0)
        suite.case("another client is not held up", lambda: _other_client(url), 10.0)
    finally:
        guarded.close()

    hostile = SearchIndex(hostile_settings(env.hostile()), embedder=env.model())
    canary = env.canary_site()
    open_app = app.build_app(Assistant(hostile.settings, index=hostile))
    open_app.queue().launch(server_name="127.0.0.1", server_port=None, prevent_thread_lock=True, quiet=True)
    try:
        suite.case("hostile records through the chat API", lambda: _escaped_in_api(open_app.local_url, canary), 60.0)
        if not env.browser:
            suite.skip("browser part not asked for")
        elif CHROMIUM is None:
            suite.skip("browser part: Chromium is not installed (apt-get install chromium)")
        else:
            suite.case("hostile records shown in Chromium", lambda: _in_chromium(open_app.local_url, canary, env), 120.0)
    finally:
        open_app.close()
    suite.case("SIGTERM removes the exports", lambda: _sigterm(env), 120.0)
    return suite.done()


def _spec(spec: str, env: Env) -> str:
    if spec == "{dir}":
        return str(env.workdir)
    if spec.startswith("{file:"):
        path = env.workdir / f"auth-{abs(hash(spec))}"
        path.write_text(spec[6:-1])
        return str(path)
    return spec


def _refused(parse, spec: str) -> str:
    try:
        parse(spec)
    except ConfigError as exc:
        return str(exc)
    raise AssertionError("accepted")


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SIGNAL_DESK_", "OPENAI_"))}
    return {**env, "HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False", **extra}


def _does_not_start(spec: str, env: Env) -> str:
    done = subprocess.run([sys.executable, str(ROOT / "app.py"), "--index", str(env.sample())], env=_clean_env(SIGNAL_DESK_AUTH=spec),
                          capture_output=True, text=True, timeout=60)
    expect(done.returncode == 2, f"exit {done.returncode}")
    expect(done.stderr.startswith("error: SIGNAL_DESK_AUTH") and "Traceback" not in done.stderr, done.stderr[:200])
    return f"exit 2: {done.stderr.strip()[:120]}"


def _client(source: str = "127.0.0.1"):
    import httpx

    return httpx.Client(transport=httpx.HTTPTransport(local_address=source), timeout=10)


def _post_login(client, url: str, password: str) -> int:
    return client.post(f"{url}/login", data={"username": "alice", "password": password}).status_code


def _api_needs_login(url: str) -> str:
    import httpx
    from gradio_client import Client

    info = httpx.get(f"{url}/gradio_api/info", timeout=10)
    expect(info.status_code == 401, f"the API answered {info.status_code} without a login")
    text, _ = Client(url, auth=("alice", "secret"), verbose=False).predict("drones near airports", api_name="/chat")
    expect(text and not text.startswith("⚠️"), f"no answer with the login: {text[:80]!r}")
    return "401 without the login; answers with it"


def _throttled(url: str) -> str:
    started = time.perf_counter()
    with _client() as client:
        statuses = [_post_login(client, url, f"wrong-{n}") for n in range(WRONG_PASSWORDS)]
        checked, refused = statuses.count(400), statuses.count(429)
        expect(checked == 5 and refused == WRONG_PASSWORDS - 5, f"{checked} checked, {refused} refused")
        expect(_post_login(client, url, "secret") == 429, "the right password got in during the lock-out")
    return f"{checked} reached the password check, {refused} were refused (429) in {time.perf_counter() - started:.1f} s"


def _other_client(url: str) -> str:
    with _client("127.0.0.2") as client:
        expect(_post_login(client, url, "wrong") == 400, "127.0.0.2 was throttled too")
        expect(_post_login(client, url, "secret") == 200, "127.0.0.2 could not log in")
    return "127.0.0.2 still logs in"


def _escaped_in_api(url: str, canary: Any) -> str:
    from gradio_client import Client

    before = len(canary.hits)
    text, _ = Client(url, verbose=False).predict(HOSTILE_QUESTION, api_name="/chat")
    port = canary.port
    expect(f"\\<img src=http\\://127.0.0.1:{port}/name-img\\>" in text, "the record's <img> is not escaped text")
    expect(not re.findall(r"(?<!\\)<[A-Za-z/!]", text), "raw HTML in the chat text")
    links = set(re.findall(r"(?<!\\)\]\((http[^)]*)\)", text))
    expect(links <= {f"http://127.0.0.1:{port}/article", f"http://127.0.0.1:{port}/page"}, f"links: {sorted(links)}")
    expect(len(canary.hits) == before, f"the canary was asked for {canary.hits[before:]}")
    return f"escaped; links only the source's own ({len(links)})"


def _in_chromium(url: str, canary: Any, env: Env) -> str:
    from playwright.sync_api import sync_playwright

    port, before = canary.port, len(canary.hits)
    requested: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.on("request", lambda request: requested.append(request.url))
        page.goto(url)
        box = page.locator("#sd-question textarea")
        box.fill(HOSTILE_QUESTION)
        box.press("Enter")
        page.get_by_text(f"<img src=http://127.0.0.1:{port}/name-img>").first.wait_for(timeout=60_000)
        page.wait_for_timeout(1500)
        page.screenshot(path=str(env.workdir / "hostile-answer.png"), full_page=True)
        images = page.eval_on_selector_all("img", "els => els.map(e => e.src)")
        links = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        browser.close()
    to_canary = [u for u in requested if f":{port}/" in u] + canary.hits[before:]
    expect(not to_canary, f"requests to the canary: {to_canary[:3]}")
    expect(not [s for s in images if f":{port}/" in s], "an image points at the canary")
    ours = {u for u in links if f":{port}/" in u}
    expect(ours <= {f"http://127.0.0.1:{port}/article", f"http://127.0.0.1:{port}/page"}, f"links: {sorted(ours)}")
    return f"0 requests to port {port} among {len(requested)} the page made; links only the source's own"


def _sigterm(env: Env) -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    tmp = env.workdir / "sigterm-tmp"
    tmp.mkdir(exist_ok=True)
    process = subprocess.Popen([sys.executable, str(ROOT / "app.py"), "--index", str(env.sample()), "--port", str(port)],
                               env=_clean_env(TMPDIR=str(tmp)), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).close()
                break
            except OSError:
                expect(process.poll() is None, f"the app exited with {process.returncode}")
                time.sleep(0.5)
        folders = list(tmp.glob("signal-desk-exports-*"))
        expect(len(folders) == 1, f"{len(folders)} export folders")
        (folders[0] / "answer").mkdir()
        (folders[0] / "answer" / "signal-desk-answer.md").write_text("an exported answer")
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=30)
        expect(not folders[0].exists(), "the exports folder is still there")
        return f"exit {code} (SIGTERM), exports folder removed"
    finally:
        if process.poll() is None:
            process.kill()

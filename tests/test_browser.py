"""The chat in a real headless Chromium: ask, see the streamed answer and the evidence table."""

from __future__ import annotations

import shutil

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="module")
def page_url(desk):
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    pytest.importorskip("playwright")
    import app

    demo = app.build_app(desk)
    demo.queue().launch(server_name="127.0.0.1", server_port=None, prevent_thread_lock=True, quiet=True)
    yield demo.local_url
    demo.close()


def test_ask_in_the_browser_and_screenshot(page_url, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(page_url)
        box = page.locator("#sd-question textarea")
        box.fill("What escalation signals involve Estonia?")
        box.press("Enter")
        page.get_by_text("Rise of GPS Jamming Over the Baltic").first.wait_for(timeout=60_000)
        page.get_by_text("Drone Incursions Into NATO Airspace").first.wait_for(timeout=30_000)
        page.wait_for_timeout(500)
        shot = tmp_path / "chat.png"
        page.screenshot(path=str(shot), full_page=True)
        body = page.inner_text("body")
        browser.close()
    assert shot.stat().st_size > 20_000
    assert "Records the answer rests on" in body
    assert "GPS Jamming and Drone Incursions Strain Baltic Airspace" in body  # the sources panel


@pytest.fixture(scope="module")
def hostile_page_url(hostile_desk):
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    pytest.importorskip("playwright")
    import app

    demo = app.build_app(hostile_desk)
    demo.queue().launch(server_name="127.0.0.1", server_port=None, prevent_thread_lock=True, quiet=True)
    yield demo.local_url
    demo.close()


def test_hostile_records_make_no_request_and_show_as_text(hostile_page_url, canary, tmp_path):
    """Records holding <img src=http://127.0.0.1:PORT/...>, markdown images and links, bare
    addresses: shown in the chat, the evidence table and the sources, they fetch nothing from the
    canary, and the only links are the source's own URLs."""
    from playwright.sync_api import sync_playwright

    from eval.reliability.corpus import HOSTILE_QUESTION

    port = canary.port
    requested: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.on("request", lambda request: requested.append(request.url))
        page.goto(hostile_page_url)
        box = page.locator("#sd-question textarea")
        box.fill(HOSTILE_QUESTION)
        box.press("Enter")
        page.get_by_text("Sources", exact=True).first.wait_for(timeout=60_000)
        page.get_by_text(f"<img src=http://127.0.0.1:{port}/name-img>").first.wait_for(timeout=30_000)
        page.wait_for_timeout(1500)  # time for any image to be fetched, were it an image
        page.screenshot(path=str(tmp_path / "hostile.png"), full_page=True)
        images = page.eval_on_selector_all("img", "els => els.map(e => e.src)")
        links = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        body = page.inner_text("body")
        browser.close()
    assert canary.hits == [] and not [url for url in requested if f":{port}/" in url]
    assert not [src for src in images if f":{port}/" in src]
    assert {url for url in links if f":{port}/" in url} == {f"http://127.0.0.1:{port}/article", f"http://127.0.0.1:{port}/page"}
    assert f"[click](http://127.0.0.1:{port}/md-link)" in body and f"![i](http://127.0.0.1:{port}/md-img)" in body
    assert "www.example.com" in body and "*not bold*" in body

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

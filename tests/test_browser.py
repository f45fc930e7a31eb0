"""The desk in a real headless Chromium: ask, open a citation's card, remove a chip, pin a row,
export the notebook; every tab photographed at 1400x1000 and 1024x768 (into a temporary folder;
the README's screenshots come from scripts/screenshots.py, run here too); and layout facts measured in the DOM: no table cell
narrower than its longest word, the answer's first line in view once it is written, no two
boxes of the page overlapping. Plus the hostile corpus: stored text that attacks the viewer
fetches nothing and shows as text."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "screenshots.py"


def _screenshots():
    """scripts/screenshots.py (the README's screenshots) as a module: its layout checks are these tests' too."""
    spec = importlib.util.spec_from_file_location("screenshots_script", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


shots_script = _screenshots()
CHROMIUM = shots_script.chromium()
FLAGS = shots_script.CHROMIUM_FLAGS
SIZES = shots_script.SIZES
DONE = shots_script.DONE
NARROW_CELLS = shots_script.NARROW_CELLS


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


def ask(page, question: str) -> None:
    before = page.locator(DONE).count()
    box = page.locator("#sd-question textarea")
    box.fill(question)
    box.press("Enter")
    page.locator(DONE).nth(before).wait_for(timeout=60_000)
    page.wait_for_timeout(400)


def check_layout(page) -> None:
    """No table cell narrower than its longest word, the answer's first line in view, no overlapping boxes."""
    assert shots_script.layout_problems(page) == []


def test_the_desk_in_the_browser(page_url, tmp_path):
    from playwright.sync_api import sync_playwright

    shots = tmp_path
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport=SIZES["1400"], accept_downloads=True)
        page.goto(page_url)
        page.locator(".sd-welcome").wait_for(timeout=30_000)
        assert "24 articles · 367 records" in page.inner_text("#sd-header")
        assert page.locator(".sd-intent").count() >= 7 and page.locator("#sd-send").is_visible()
        page.screenshot(path=str(shots / "ask-first-screen-1400.png"))

        # an example chip asks; the answer is a wide signal table that must stay readable
        page.locator("button.sd-example", has_text="What escalation signals involve Estonia?").click()
        page.locator(DONE).first.wait_for(timeout=60_000)
        page.wait_for_timeout(400)
        check_layout(page)
        page.screenshot(path=str(shots / "ask-answer-1400.png"))

        # [1] opens the cited article's card in the drawer
        page.locator(".sd-turn:last-child .sd-answer a.sd-cite").first.click()
        card = page.locator("#sd-card .sd-card-title")
        card.wait_for(timeout=30_000)
        assert card.inner_text() == "GPS Jamming and Drone Incursions Strain Baltic Airspace as NATO Scrambles Jets"
        assert page.locator("#sd-card tr.sd-cited").count() >= 1
        page.wait_for_timeout(300)
        assert page.evaluate(NARROW_CELLS, ".sd-card td, .sd-card th") == []
        page.screenshot(path=str(shots / "card-1400.png"))
        page.locator("#sd-drawer button.toggle-button").click()  # close the drawer
        page.locator("#sd-drawer:not(.open)").wait_for(state="attached", timeout=10_000)
        page.wait_for_timeout(400)

        # removing the kind chip asks again over every kind
        ask(page, "concerns about space debris")
        assert page.locator(".sd-turn:last-child [data-chip='kind:concern']").count() == 1
        page.locator(".sd-turn:last-child button.sd-x[data-key='kind:concern']").click()
        page.locator(DONE).nth(2).wait_for(timeout=60_000)
        page.wait_for_timeout(400)
        last = page.locator(".sd-turn:last-child")
        assert "kind concern removed" in last.locator(".sd-q").inner_text()
        assert last.locator("[data-chip^='kind:']").count() == 0
        assert "Every record kind searched" in last.locator(".sd-answer").inner_text()
        check_layout(page)

        # pin the answer, then a row of its evidence, and export the notebook
        last.locator("button[data-act='pin']").click()
        last.locator("button[data-act='evidence']").click()
        page.locator("#sd-evidence").wait_for(timeout=10_000)
        page.locator("#sd-evidence [role=row][aria-rowindex='2'] [role=gridcell]").nth(2).click()
        page.wait_for_timeout(300)
        assert page.locator("#sd-row input").input_value() == "0"
        page.locator("#sd-pin-row").click()
        page.wait_for_timeout(500)
        page.screenshot(path=str(shots / "evidence-1400.png"))
        page.get_by_role("tab", name="Notebook").click()
        page.locator("#sd-notebook li").nth(1).wait_for(timeout=10_000)
        with page.expect_download(timeout=30_000) as got:
            page.locator("#sd-export-notebook").click()
            page.locator("#sd-notebook-file a[download]").first.wait_for(timeout=30_000)
            page.locator("#sd-notebook-file a[download]").first.click()
        assert got.value.suggested_filename.startswith("notebook-concerns-about-space-debris") and got.value.suggested_filename.endswith(".docx")
        page.screenshot(path=str(shots / "notebook-1400.png"))

        page.get_by_role("tab", name="Explore").click()
        page.locator("#sd-browser").wait_for(timeout=10_000)
        page.get_by_role("button", name="Show", exact=True).click()
        page.get_by_text("367 records").first.wait_for(timeout=20_000)
        page.wait_for_timeout(1500)  # the plots draw
        page.screenshot(path=str(shots / "explore-1400.png"))
        page.get_by_role("tab", name="Ingest").click()
        page.locator("#sd-ingest").wait_for(timeout=10_000)
        page.screenshot(path=str(shots / "ingest-1400.png"))

        # the same page at 1024x768: the answers re-flow and must stay readable
        page.set_viewport_size(SIZES["1024"])
        page.get_by_role("tab", name="Ask").click()
        page.wait_for_timeout(300)
        ask(page, "What escalation signals involve Estonia?")
        check_layout(page)
        page.screenshot(path=str(shots / "ask-answer-1024.png"))
        page.locator(".sd-turn:last-child .sd-answer a.sd-cite").first.click()
        page.locator("#sd-card .sd-card-title").wait_for(timeout=30_000)
        page.locator("#sd-drawer.open").wait_for(state="attached", timeout=10_000)  # the drawer is open (the card may be one shown before)
        page.wait_for_timeout(600)  # its slide-in ends
        assert page.evaluate(NARROW_CELLS, ".sd-card td, .sd-card th") == []
        page.screenshot(path=str(shots / "card-1024.png"))
        page.locator("#sd-drawer button.toggle-button").click()
        page.locator("#sd-drawer:not(.open)").wait_for(state="attached", timeout=10_000)
        for tab in ("Evidence", "Notebook", "Explore", "Ingest"):
            page.get_by_role("tab", name=tab).click()
            page.wait_for_timeout(1200 if tab == "Explore" else 400)
            page.screenshot(path=str(shots / f"{tab.lower()}-1024.png"))
        page.get_by_role("tab", name="Ask").click()
        page.locator("#sd-new").click()
        page.locator(".sd-welcome").wait_for(timeout=10_000)
        page.screenshot(path=str(shots / "ask-first-screen-1024.png"))
        browser.close()
    for shot in shots.glob("*.png"):
        assert 20_000 < shot.stat().st_size < 400_000, shot


def test_the_readme_screenshots_and_their_layout(page_url, tmp_path):
    """scripts/screenshots.py against the running desk: an answer with a signal table, its card,
    the Evidence tab and Explore at both sizes, the layout checked on each (it raises otherwise)."""
    written = shots_script.capture(page_url, tmp_path)
    assert sorted(p.name for p in written) == sorted(f"{tab}-{size}.png" for tab in ("answer", "card", "evidence", "explore") for size in SIZES)
    for shot in written:
        assert 20_000 < shot.stat().st_size < 600_000, shot


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
    addresses: shown in the answer, its sources and the article card, they fetch nothing from
    the canary, and the only links are the source's own URLs."""
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
        for n in range(page.locator(".sd-sources li").count()):  # every source's card, one after the other
            page.locator(".sd-sources li").nth(n).locator("button.sd-linkish").click()
            page.wait_for_timeout(700)
        page.locator("#sd-card .sd-card").wait_for(timeout=30_000)
        page.wait_for_timeout(1500)  # time for any image to be fetched, were it an image
        page.screenshot(path=str(tmp_path / "hostile.png"), full_page=True)
        images = page.eval_on_selector_all("img", "els => els.map(e => e.src)")
        links = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        body = page.inner_text("body")
        card = page.inner_text("#sd-card")
        browser.close()
    assert canary.hits == [] and not [url for url in requested if f":{port}/" in url]
    assert not [src for src in images if f":{port}/" in src]
    assert {url for url in links if f":{port}/" in url} == {f"http://127.0.0.1:{port}/article", f"http://127.0.0.1:{port}/page"}
    assert f"[click](http://127.0.0.1:{port}/md-link)" in body and f"![i](http://127.0.0.1:{port}/md-img)" in body
    assert "www.example.com" in body and "*not bold*" in body
    assert f"<img src=http://127.0.0.1:{port}/name-img>" in card

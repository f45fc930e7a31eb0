"""The README's screenshots, regenerated: the desk in headless Chromium at 1400x1000 and
1024x768, each size showing an answer with a signal table, its article card, the Evidence tab
and Explore (8 PNGs). The page's layout is checked while it is photographed (no table cell
narrower than its longest word, the answer's first line in view, no overlapping boxes); a
failure stops the run.

    python scripts/screenshots.py                      # the sample index (.signal-desk, built by `make app`)
    python scripts/screenshots.py --index DIR --out docs/screenshots
    python scripts/screenshots.py --url http://127.0.0.1:7860/   # a desk already running

Needs Chromium (`apt-get install chromium`) and playwright (the dev extras). Without --url the
app is started in this process on 127.0.0.1 (a free port) and stopped at the end; an index
that does not exist yet is built from examples/corpus first.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHROMIUM_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
SIZES = {"1400": {"width": 1400, "height": 1000}, "1024": {"width": 1024, "height": 768}}
QUESTION = "What escalation signals involve Estonia?"  # a lookup answered with a signal table, citing titled articles
DONE = ".sd-turn[data-key$='-done']"

# Cells whose content box is narrower than their longest word, measured with the cell's own font
# (a hyphenated compound may wrap after its hyphens; tokens over 30 characters, which the page
# lets break anywhere, do not count).
NARROW_CELLS = """(selector) => {
  const probe = document.createElement('span');
  probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap;padding:0;border:0;';
  document.body.appendChild(probe);
  const out = [];
  for (const cell of document.querySelectorAll(selector)) {
    if (!cell.offsetParent) continue;
    const style = getComputedStyle(cell);
    probe.style.font = style.font; probe.style.letterSpacing = style.letterSpacing;
    const inner = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    for (const word of cell.innerText.split(/\\s+|(?<=-)/)) {
      if (!word || word.length > 30) continue;
      probe.textContent = word;
      if (probe.getBoundingClientRect().width > inner + 1) { out.push([word, Math.round(inner)]); break; }
    }
  }
  probe.remove();
  return out;
}"""

# Pairs of the page's boxes that overlap (each box visible).
OVERLAPS = """(selectors) => {
  const boxes = [];
  for (const selector of selectors) {
    for (const el of document.querySelectorAll(selector)) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.height > 0 && el.offsetParent) boxes.push([selector, r]);
    }
  }
  const out = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const [a, r] = boxes[i], [b, s] = boxes[j];
    const x = Math.min(r.right, s.right) - Math.max(r.left, s.left), y = Math.min(r.bottom, s.bottom) - Math.max(r.top, s.top);
    if (x > 1 && y > 1) out.push([a, b]);
  }
  return out;
}"""
PAGE_BOXES = ["#sd-header", "#sd-conv", "#sd-input-row", "[role=tablist]"]
TURN_BOXES = [".sd-turn:last-child .sd-q", ".sd-turn:last-child .sd-chips", ".sd-turn:last-child .sd-answer > *",
              ".sd-turn:last-child .sd-sources", ".sd-turn:last-child .sd-tools"]
CHIP_BOXES = [".sd-turn:last-child .sd-chip"]

# The last answer's first line: inside the conversation's visible box and the window.
FIRST_LINE_IN_VIEW = """() => {
  const turn = [...document.querySelectorAll('.sd-turn')].pop();
  const first = turn.querySelector('.sd-answer > *');
  const box = document.getElementById('sd-conv').getBoundingClientRect();
  const r = first.getBoundingClientRect();
  const line = parseFloat(getComputedStyle(first).lineHeight) || 20;
  return r.top >= box.top - 1 && r.top + line <= Math.min(box.bottom, window.innerHeight) + 1;
}"""


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def layout_problems(page) -> list[str]:
    """What is wrong with the layout on screen now (empty: nothing)."""
    problems = []
    narrow = page.evaluate(NARROW_CELLS, ".sd-answer td, .sd-answer th, .sd-card td, .sd-card th")
    if narrow:
        problems.append(f"cells narrower than a word: {narrow[:5]}")
    if page.locator(".sd-turn").count() and not page.evaluate(FIRST_LINE_IN_VIEW):
        problems.append("the answer's first line is not in view")
    for boxes in (PAGE_BOXES, TURN_BOXES, CHIP_BOXES):
        if overlapping := page.evaluate(OVERLAPS, boxes):
            problems.append(f"overlapping boxes: {overlapping[:5]}")
    return problems


def capture(url: str, out: Path, question: str = QUESTION) -> list[Path]:
    """Photograph the desk at `url` into `out` at both sizes; the PNGs written. Raises
    AssertionError naming the problem when the layout is broken."""
    from playwright.sync_api import sync_playwright

    executable = chromium()
    if executable is None:
        raise RuntimeError("Chromium is not installed (apt-get install chromium)")
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def shot(page, name: str, full_page: bool = False) -> None:
        path = out / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        written.append(path)

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        try:
            for size, viewport in SIZES.items():
                page = browser.new_page(viewport=viewport)
                page.goto(url)
                page.locator(".sd-welcome").wait_for(timeout=30_000)
                box = page.locator("#sd-question textarea")
                box.fill(question)
                box.press("Enter")
                page.locator(DONE).first.wait_for(timeout=90_000)
                page.wait_for_timeout(500)
                problems = layout_problems(page)
                assert not problems, f"{size}: {problems}"
                shot(page, f"answer-{size}")

                page.locator(".sd-turn:last-child .sd-answer a.sd-cite").first.click()
                page.locator("#sd-card .sd-card-title").wait_for(timeout=30_000)
                page.locator("#sd-drawer.open").wait_for(state="attached", timeout=10_000)  # the drawer is open (the card may be one shown before)
                page.wait_for_timeout(600)  # its slide-in ends
                narrow = page.evaluate(NARROW_CELLS, ".sd-card td, .sd-card th")
                assert not narrow, f"{size}: card cells narrower than a word: {narrow[:5]}"
                shot(page, f"card-{size}")
                page.locator("#sd-drawer button.toggle-button").click()
                page.locator("#sd-drawer:not(.open)").wait_for(state="attached", timeout=10_000)
                page.wait_for_timeout(400)

                page.get_by_role("tab", name="Evidence").click()
                page.locator("#sd-evidence [role=gridcell]").first.wait_for(timeout=10_000)
                page.wait_for_timeout(500)
                shot(page, f"evidence-{size}")

                page.get_by_role("tab", name="Explore").click()
                page.locator("#sd-browser").wait_for(timeout=10_000)
                page.get_by_role("button", name="Show", exact=True).click()
                page.get_by_text(re.compile(r"\d records? match")).first.wait_for(timeout=30_000)
                page.wait_for_timeout(1500)  # the plots draw
                page.evaluate("window.scrollTo(0, 0)")
                shot(page, f"explore-{size}", full_page=True)  # the overview, the plots and the records browser
                page.close()
        finally:
            browser.close()
    return written


def serve(index_dir: Path):
    """The desk on `index_dir`, launched in this process on 127.0.0.1 (the index is built from
    the sample corpus first when it does not exist)."""
    import atexit

    from assistant import Assistant
    from desk_ui import build_app, remove_exports
    from index import Settings, ingest

    atexit.register(remove_exports)  # the downloads folder desk_ui made on import (app.py does the same)

    settings = Settings(index_dir=index_dir)
    if not index_dir.exists():
        print(f"building the sample index in {index_dir} ...", file=sys.stderr)
        report = ingest([str(ROOT / "examples" / "corpus")], settings)
        if not report.ok:
            raise SystemExit(f"the sample corpus did not index: {report.failures}")
    demo = build_app(Assistant(settings))
    demo.queue().launch(server_name="127.0.0.1", server_port=None, prevent_thread_lock=True, quiet=True)
    return demo


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python scripts/screenshots.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, default=ROOT / ".signal-desk", help="index to open (default .signal-desk)")
    parser.add_argument("--url", help="photograph a desk already running here instead")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots", help="folder for the PNGs (default docs/screenshots)")
    parser.add_argument("--question", default=QUESTION, help=f"the question photographed (default {QUESTION!r})")
    args = parser.parse_args(argv)
    if chromium() is None:
        print("error: Chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 2
    demo = None if args.url else serve(args.index)
    try:
        for path in capture(args.url or demo.local_url, args.out, args.question):
            print(path)
    except AssertionError as exc:
        print(f"error: the layout is broken: {exc}", file=sys.stderr)
        return 1
    finally:
        if demo is not None:
            demo.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

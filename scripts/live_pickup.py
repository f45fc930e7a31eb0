"""How soon a running app answers with an article an ingest just added, and whether answering
paused meanwhile: start `app.py` on an index (127.0.0.1), ask a question the article answers
(its curation page must not be cited yet), ingest the article with `ingest.py --json` while a
second client keeps asking other questions, then ask again until the answer cites the article.

    python scripts/live_pickup.py --index /work/FULL-11 --article examples/corpus/20250314b-baltic-gps-jamming.md \\
        --question "GPS jamming and drone incursions over the Baltic" --page 20250314b

Bounded: the run gives up after --deadline seconds; the app is stopped at the end.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from load import free_port, percentiles, questions  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python scripts/live_pickup.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--article", type=Path, required=True, help="the article file to ingest")
    parser.add_argument("--question", required=True, help="a question the article answers")
    parser.add_argument("--page", required=True, help="the article's curation page id, as its citation shows it")
    parser.add_argument("--deadline", type=float, default=300.0)
    args = parser.parse_args(argv)
    from gradio_client import Client

    port = free_port()
    app = subprocess.Popen([sys.executable, "app.py", "--index", str(args.index), "--port", str(port)], cwd=ROOT,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    started = time.monotonic()
    try:
        url = f"http://127.0.0.1:{port}/"
        while True:
            try:
                client = Client(url, verbose=False)
                break
            except Exception:  # not up yet
                if app.poll() is not None or time.monotonic() - started > 120:
                    print("error: the app did not start", file=sys.stderr)
                    return 1
                time.sleep(0.5)

        def cites(c) -> bool:
            _, answer = c.predict(question=args.question, api_name="/chat")
            return args.page in json.dumps(answer.get("citations", []))

        if cites(client):
            print(f"error: the answer already cites {args.page}: pick an article the index lacks", file=sys.stderr)
            return 1

        # A colleague keeps asking other questions all along: answering must not pause.
        background: list[tuple[float, float]] = []  # (when asked, seconds taken)
        stop = threading.Event()

        def colleague() -> None:
            other = Client(url, verbose=False)
            items = questions()
            n = 0
            while not stop.is_set():
                asked = time.monotonic()
                question, kinds, min_relevancy, since, until = items[n % len(items)]
                other.predict(question=question, kinds=kinds, min_relevancy=min_relevancy, since=since, until=until, api_name="/chat")
                background.append((asked, time.monotonic() - asked))
                n += 1

        worker = threading.Thread(target=colleague, daemon=True)
        worker.start()
        time.sleep(3)
        ingest_started = time.monotonic()
        done = subprocess.run([sys.executable, "ingest.py", str(args.article), "--index", str(args.index), "--json"],
                              cwd=ROOT, capture_output=True, text=True, timeout=args.deadline)
        ingest_ended = time.monotonic()
        report = json.loads(done.stdout)
        while not cites(client):
            if time.monotonic() - started > args.deadline:
                print("error: the article never appeared in the answer", file=sys.stderr)
                return 1
            time.sleep(0.2)
        seen = time.monotonic()
        time.sleep(2)
        stop.set()
        worker.join(timeout=60)
        before = [s for t, s in background if t < ingest_started]
        during = [s for t, s in background if ingest_started <= t <= seen]
        result = {
            "ingest_seconds_reported": report["seconds"],
            "ingest_timings_s": report["timings_s"],
            "ingest_process_s": round(ingest_ended - ingest_started, 2),
            "answered_after_ingest_ended_s": round(seen - ingest_ended, 2),
            "answered_after_ingest_started_s": round(seen - ingest_started, 2),
            "other_questions_before_s": percentiles(before),
            "other_questions_during_s": {**percentiles(during), "max": round(max(during), 3) if during else None, "count": len(during)},
        }
        print(json.dumps(result, indent=2))
        return 0
    finally:
        app.terminate()
        try:
            app.wait(timeout=15)
        except subprocess.TimeoutExpired:
            app.kill()


if __name__ == "__main__":
    sys.exit(main())

"""A bounded load test of the running app: start `app.py` on an index (127.0.0.1 only), then N
clients ask questions at once, round after round; report latency percentiles, questions per
second, errors, the app process's memory after each round, and the CPU seconds per question
spent by the app and by this load generator (both share the machine's cores).

    python scripts/load.py --index /tmp/sd-load --clients 20 --rounds 3 --per-round 200

Clients (`--client`): `http` (default) asks `/chat` over Gradio's documented HTTP API (POST
`/gradio_api/call/chat`, then read the event stream), as a browser or `curl` would, so the
generator takes little of the cores the app needs; `gradio` uses one `gradio_client.Client`
session per client, which costs the generator more CPU than the app (measured: 146 ms against
100 ms per question).

Every request has a timeout and the run a deadline; the app is stopped at the end. The questions
are the dev questions (../shared/eval/dev_questions.jsonl, else eval/questions/sample.jsonl) with
filter variants, as a colleague would ask them.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import resource
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = [ROOT.parent / "shared" / "eval" / "dev_questions.jsonl", ROOT / "eval" / "questions" / "sample.jsonl"]
VARIANTS = [([], 0, "", ""), (["signal"], 0, "", ""), (["concern", "issue"], 0, "", ""), ([], 4, "", ""), ([], 0, "2024", "")]


def questions() -> list[tuple]:
    path = next(p for p in QUESTIONS if p.exists())
    asked = [json.loads(line)["question"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(q, *variant) for variant in VARIANTS for q in asked]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    if not ordered:
        return {}
    return {
        "p50": round(statistics.median(ordered), 3),
        "p95": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 3),
        "mean": round(statistics.fmean(ordered), 3),
    }


def cpu_seconds(pid: int | None = None) -> float:
    """User plus system CPU seconds of a process (this one when `pid` is None), threads included."""
    if pid is None:
        used = resource.getrusage(resource.RUSAGE_SELF)
        return used.ru_utime + used.ru_stime
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Load:
    """Colleagues with a browser tab each, asking `/chat` with the question and its filters."""

    def __init__(self, url: str, timeout: float, clients: int, kind: str = "http"):
        self.url = url
        self.app_pid: int | None = None
        self.timeout = timeout
        self.kind = kind
        self.sessions: queue.Queue = queue.Queue()
        if kind == "gradio":
            from gradio_client import Client

            for _ in range(clients):
                self.sessions.put(Client(url, verbose=False))
        else:
            for _ in range(clients):
                self.sessions.put(uuid.uuid4().hex)  # a session of its own, as a browser tab has

    def ask(self, item: tuple) -> float:
        return self._ask_gradio(item) if self.kind == "gradio" else self._ask_http(item)

    def _ask_gradio(self, item: tuple) -> float:
        client = self.sessions.get()
        try:
            started = time.perf_counter()
            question, kinds, min_relevancy, since, until = item
            client.submit(question=question, kinds=kinds, min_relevancy=min_relevancy, since=since, until=until, api_name="/chat").result(timeout=self.timeout)
            return time.perf_counter() - started
        finally:
            self.sessions.put(client)

    def _ask_http(self, item: tuple) -> float:
        """POST the inputs in `/chat`'s order (question, history, kinds, min_relevancy, since,
        until, page, edits), then read the event stream to its `complete` event."""
        session = self.sessions.get()
        try:
            return self._ask_http_in(session, item)
        finally:
            self.sessions.put(session)

    def _ask_http_in(self, session: str, item: tuple) -> float:
        question, kinds, min_relevancy, since, until = item
        inputs = [question, [], kinds, min_relevancy, since, until, 1, None]
        body = json.dumps({"data": inputs, "session_hash": session}).encode()
        started = time.perf_counter()
        call = urllib.request.Request(f"{self.url}gradio_api/call/chat", data=body, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(call, timeout=self.timeout) as response:
            event_id = json.load(response)["event_id"]
        event = ""
        with urllib.request.urlopen(f"{self.url}gradio_api/call/chat/{event_id}", timeout=self.timeout) as stream:
            for line in stream:
                if line.startswith(b"event:"):
                    event = line[6:].strip().decode()
                elif line.startswith(b"data:") and event in ("complete", "error"):
                    if event == "error":
                        raise RuntimeError(f"the app answered with an error event: {line[5:].strip()[:120]!r}")
                    if json.loads(line[5:])[1].get("error"):
                        raise RuntimeError(f"the app refused the question: {json.loads(line[5:])[1]['error']}")
                    return time.perf_counter() - started
        raise RuntimeError("the event stream ended without a complete event")

    def round(self, items: list[tuple], clients: int) -> dict:
        latencies: list[float] = []
        errors: list[str] = []

        def one(item: tuple) -> None:
            try:
                latencies.append(self.ask(item))
            except Exception as exc:  # counted and reported, the round goes on
                errors.append(f"{type(exc).__name__}: {exc}"[:200])

        app_before, mine_before = cpu_seconds(self.app_pid), cpu_seconds()
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=clients) as pool:
            list(pool.map(one, items))
        wall = time.perf_counter() - started
        return {
            "questions": len(items),
            "clients": clients,
            "wall_s": round(wall, 1),
            "questions_per_s": round(len(latencies) / wall, 2),
            "latency_s": percentiles(latencies),
            "errors": len(errors),
            "first_errors": errors[:3],
            "cpu_ms_per_question": {
                "app": round(1000 * (cpu_seconds(self.app_pid) - app_before) / len(items)),
                "generator": round(1000 * (cpu_seconds() - mine_before) / len(items)),
            },
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python scripts/load.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, required=True, help="index directory the app serves")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--per-round", type=int, default=200, help="questions per round")
    parser.add_argument("--single", type=int, default=20, help="questions asked by one client first (the baseline)")
    parser.add_argument("--concurrency", type=int, help="SIGNAL_DESK_APP_CONCURRENCY for the app (default: the app's)")
    parser.add_argument("--client", choices=["http", "gradio"], default="http", help="how clients ask (see above; default http)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds one question may take")
    parser.add_argument("--deadline", type=float, default=1800.0, help="seconds the whole run may take")
    parser.add_argument("--out", type=Path, help="write the figures as JSON here too")
    parser.add_argument("--code", type=Path, default=ROOT, help="checkout whose app.py to run (to compare versions)")
    parser.add_argument("--python", default=sys.executable, help="interpreter to run it with")
    args = parser.parse_args(argv)

    port = free_port()
    env = {**os.environ, "GRADIO_ANALYTICS_ENABLED": "False", "HF_HUB_OFFLINE": "1"}
    if args.concurrency:
        env["SIGNAL_DESK_APP_CONCURRENCY"] = str(args.concurrency)
    app = subprocess.Popen(
        [args.python, "app.py", "--index", str(args.index), "--port", str(port)],
        cwd=args.code, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    started = time.monotonic()
    try:
        url = f"http://127.0.0.1:{port}/"
        while True:
            try:
                urllib.request.urlopen(url, timeout=1)
                break
            except OSError:
                if app.poll() is not None or time.monotonic() - started > 120:
                    print(f"error: the app did not start: {app.stderr.read() if app.stderr else ''}", file=sys.stderr)
                    return 1
                time.sleep(0.2)
        load = Load(url, args.timeout, args.clients, args.client)
        load.app_pid = app.pid
        items = questions()
        report: dict = {"command": "python scripts/load.py " + " ".join(argv if argv is not None else sys.argv[1:]),
                        "index": str(args.index), "concurrency": args.concurrency or "app default", "client": args.client, "rounds": []}
        single = load.round(items[: args.single], 1)
        report["single_client"] = single
        report["rss_mb_after_warmup"] = rss_mb(app.pid)
        print(json.dumps({"single_client": single, "rss_mb": report["rss_mb_after_warmup"]}), flush=True)
        for number in range(args.rounds):
            if time.monotonic() - started > args.deadline:
                report["stopped"] = "deadline reached"
                break
            offset = number * args.per_round
            chosen = [items[(offset + i) % len(items)] for i in range(args.per_round)]
            result = load.round(chosen, args.clients)
            result["rss_mb"] = rss_mb(app.pid)
            report["rounds"].append(result)
            print(json.dumps(result), flush=True)
        print(markdown(report))
        if args.out:
            args.out.write_text(json.dumps(report, indent=2) + "\n")
        return 0
    finally:
        app.terminate()
        try:
            app.wait(timeout=15)
        except subprocess.TimeoutExpired:
            app.kill()


def cpu(result: dict) -> str:
    used = result["cpu_ms_per_question"]
    return f"{used['app']}, {used['generator']}"


def markdown(report: dict) -> str:
    single = report["single_client"]
    lines = [
        f"    {report['command']}",
        "",
        "| run | questions | q/s | p50 s | p95 s | errors | app RSS after, MB | CPU ms/question: app, generator |",
        "|---|--:|--:|--:|--:|--:|--:|--:|",
        f"| 1 client | {single['questions']} | {single['questions_per_s']} | {single['latency_s'].get('p50')} | "
        f"{single['latency_s'].get('p95')} | {single['errors']} | {report['rss_mb_after_warmup']} | {cpu(single)} |",
    ]
    for n, r in enumerate(report["rounds"], 1):
        lines.append(
            f"| round {n}, {r['clients']} clients | {r['questions']} | {r['questions_per_s']} | {r['latency_s'].get('p50')} | "
            f"{r['latency_s'].get('p95')} | {r['errors']} | {r['rss_mb']} | {cpu(r)} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())

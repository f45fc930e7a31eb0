"""Signal Desk: a Gradio app over one index, an analyst's desk. Ask in the conversation; each
answer shows how it was understood (chips to change), cites its sources (click [n] for the
article card) and can be paged, pinned to a notebook and exported; the Evidence, Notebook,
Explore and Ingest tabs sit beside it. The UI lives in `desk_ui/`; run `python app.py --help`.

Secure by default: it binds to 127.0.0.1, refuses to start when SIGNAL_DESK_AUTH is malformed,
warns when it is exposed without a login, throttles failed logins per client (app_auth.py), shows
stored and model text as text (the answers' Markdown is escaped where it is composed and rendered
with raw HTML off; everything else is HTML-escaped), keeps uploads inside the index directory under
sanitised names, and removes its downloads at exit, SIGTERM included."""

from __future__ import annotations

import argparse
import atexit
import os
import signal
import sys
import threading
from pathlib import Path

from pydantic import ValidationError

from app_auth import LoginThrottle, is_loopback, parse_auth
from assistant import Assistant
from desk_ui import EXPORTS, build_app, remove_exports
from index import ConfigError, Settings, SignalDeskError

__all__ = ["EXPORTS", "build_app", "launch_options", "main"]

atexit.register(remove_exports)


def _exit_on_signal(signum: int, frame) -> None:
    """SIGTERM (or SIGHUP) skips atexit: remove the exports, then die of the signal as usual."""
    remove_exports()
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python app.py", description="Open the Signal Desk chat in the browser.")
    parser.add_argument("--index", type=Path, help="index directory (default: $SIGNAL_DESK_INDEX or .signal-desk)")
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to bind (default 127.0.0.1; 0.0.0.0 exposes it: set SIGNAL_DESK_AUTH first)"
    )
    parser.add_argument("--port", type=int, default=7860, help="port (default 7860)")
    return parser


def launch_options(auth: list[tuple[str, str]] | None) -> dict:
    """`launch()` arguments for the login: Gradio's own check, wrapped in the per-client throttle."""
    if auth is None:
        return {}
    from starlette.middleware import Middleware

    return {"auth": auth, "app_kwargs": {"middleware": [Middleware(LoginThrottle)]}}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings(index_dir=args.index) if args.index else Settings()
        auth = parse_auth(settings.auth)  # before anything else: a login that cannot be read stops the app
    except ValidationError as exc:
        print(f"error: invalid settings: {exc.errors()[0]['msg']}", file=sys.stderr)
        return 2
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        desk = Assistant(settings)
        desk.index  # fail now, not at the first question, when the index is missing  # noqa: B018
    except SignalDeskError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if auth is None and not is_loopback(args.host):
        print(
            f"warning: serving on {args.host} without a login: anyone who can reach this address can use the app; "
            "set SIGNAL_DESK_AUTH=user:password (or a file of such lines)",
            file=sys.stderr,
        )
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _exit_on_signal)
    # Load the embedding model and the gazetteer while the page opens, so the first question does not wait.
    threading.Thread(target=desk.warm_up, daemon=True).start()
    desk.index.watch()  # what an ingest adds is answerable within seconds, without a restart
    app = build_app(desk)
    concurrency = settings.app_concurrency or 2 * (os.cpu_count() or 1)  # answering is mostly numpy and SQLite
    app.queue(default_concurrency_limit=concurrency).launch(
        server_name=args.host, server_port=args.port, max_file_size=settings.max_file_bytes, **launch_options(auth)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

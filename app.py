"""Signal Desk chat: a Gradio app over one index. The answer streams into the chat; the records it
rests on and its sources sit beside it. Run `python app.py --help`.

Secure by default: it binds to 127.0.0.1, refuses to start when SIGNAL_DESK_AUTH is malformed,
warns when it is exposed without a login, throttles failed logins per client (app_auth.py), shows
stored and model text as text (the answers' Markdown is escaped where it is composed; the
Dataframe shows plain text), and removes its answer exports at exit, SIGTERM included."""

from __future__ import annotations

import argparse
import atexit
import os
import shutil
import signal
import sys
import tempfile
import threading
from pathlib import Path

import gradio as gr
from pydantic import ValidationError

from app_auth import LoginThrottle, is_loopback, parse_auth
from assistant import Answer, Assistant
from assistant.compose import citation_line
from assistant.inputs import parse_filters
from assistant.markup import escape_text
from index import KINDS, ConfigError, Settings, SignalDeskError

RECORD_COLUMNS = ["[n]", "Kind", "Name", "Description", "Relevancy"]
EXAMPLES = [
    "What escalation signals involve Estonia?",
    "How many concerns mention drones?",
    "Draft a briefing on H5N1 bird flu in dairy cattle",
    "Compare AI tutors with students using AI to cheat",
    "What's new since 2025?",
    "high-relevancy signals about space debris",
]
CSS = """
.sd-side { min-width: 320px; }
.sd-side table { font-size: 0.85em; }
"""


def record_rows(answer: Answer) -> list[list]:
    return [[f"[{r.n}]", r.kind, r.name, r.description, r.relevancy or ""] for r in answer.records]


def sources_markdown(answer: Answer) -> str:
    if not answer.citations:
        return "_No sources: nothing was retrieved._"
    return "\n\n".join(citation_line(c) for c in answer.citations)


EXPORTS = Path(tempfile.mkdtemp(prefix="signal-desk-exports-"))  # one folder per app process


def remove_exports() -> None:
    shutil.rmtree(EXPORTS, ignore_errors=True)


atexit.register(remove_exports)


def _exit_on_signal(signum: int, frame) -> None:
    """SIGTERM (or SIGHUP) skips atexit: remove the exports, then die of the signal as usual."""
    remove_exports()
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


def exports(answer: Answer, suffixes: tuple[str, ...] | None = None) -> list[str]:
    """The answer's files for the download box: the formats that make sense for it
    (`assistant.export.formats_for`: Markdown, DOCX, an HTML page for documents, PNG cards)."""
    from assistant.export import formats_for, write, write_cards_png

    wanted = [s for s in formats_for(answer) if suffixes is None or s in suffixes]
    folder = Path(tempfile.mkdtemp(dir=EXPORTS))  # one per answer: downloads keep readable names
    files = [str(write(answer, folder / f"signal-desk-answer.{suffix}")) for suffix in wanted if suffix != "png"]
    return files + ([str(p) for p in write_cards_png(answer, folder)] if "png" in wanted else [])


def word_export(answer: Answer | None) -> list[str] | None:
    """Every file for the last answer, Word included, on request: a Word file costs several times
    the answer itself (python-docx), so it is not written for every answer."""
    return exports(answer) if answer is not None else None


def timeline(answer: Answer):
    """A bar chart of records per month when the answer carries a time series, or of articles per
    theme for the themes of a period or of the corpus."""
    import pandas as pd

    themes = (answer.facets or {}).get("themes")
    if themes:
        frame = pd.DataFrame({"Month": list(themes), "Records": list(themes.values())})  # the plot's columns: theme, articles
        return gr.update(value=frame, visible=True, label="Articles per theme")
    months = (answer.facets or {}).get("month")
    if not months:
        return gr.update(visible=False)
    frame = pd.DataFrame({"Month": list(months), "Records": list(months.values())})
    return gr.update(value=frame, visible=True, label="Records per month")


def with_warnings(answer: Answer) -> str:
    """The answer as the chat shows it: its Markdown, then its warnings (escaped: they may quote a server)."""
    if not answer.warnings:
        return answer.markdown
    return answer.markdown + "\n\n" + "\n".join(f"> ⚠️ {escape_text(w)}" for w in answer.warnings)


def build_app(desk: Assistant) -> gr.Blocks:
    """The chat UI around one `Assistant`; all answering happens in the core."""

    def respond(message: str, history: list[dict], kinds: list[str], min_relevancy: int, since: str, until: str):
        text = ""
        streamed = desk.llm is not None  # a model's tokens stream; an extractive answer is whole at once
        try:
            options = parse_filters(kinds, min_relevancy, since, until)  # readable messages for bad values
            for event in desk.stream(message, history=history, **options):
                if isinstance(event, str):
                    text += event
                    if streamed:
                        yield text, gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
                else:
                    yield with_warnings(event), record_rows(event), sources_markdown(event), exports(event, ("md", "html", "png")), timeline(event), event
        except (SignalDeskError, ValueError) as exc:
            yield f"⚠️ {escape_text(exc)}", [], "", None, gr.update(visible=False), None

    with gr.Blocks(title="Signal Desk", fill_height=True, fill_width=True) as app:
        gr.Markdown("## Signal Desk\nAsk the signals corpus. Answers cite their sources; tables come from the stored records.")
        with gr.Row(equal_height=False):
            with gr.Column(scale=3):
                with gr.Accordion("Filters (override what the question says)", open=False):
                    with gr.Row():
                        kinds = gr.CheckboxGroup(list(KINDS), label="Kinds")
                        min_relevancy = gr.Dropdown([0, 1, 2, 3, 4, 5], value=0, label="Min relevancy (0 = any)")
                    with gr.Row():
                        since = gr.Textbox(label="Since (YYYY[-MM[-DD]])", placeholder="2024")
                        until = gr.Textbox(label="Until", placeholder="2025-06")
                with gr.Column(elem_classes="sd-side", render=False) as side:
                    plot = gr.BarPlot(x="Month", y="Records", label="Records per month", visible=False)
                    # A Dataframe shows its cells as plain text: the stored values go in raw.
                    records = gr.Dataframe(headers=RECORD_COLUMNS, label="Records the answer rests on", wrap=True, interactive=False)
                    sources = gr.Markdown("_Sources appear here._", label="Sources", latex_delimiters=[])
                    downloads = gr.File(label="Export this answer", file_count="multiple", interactive=False)
                    as_word = gr.Button("Also as a Word file", size="sm")
                    last = gr.State(None)
                question = gr.Textbox(placeholder="Ask about the signals…", elem_id="sd-question", show_label=False, render=False)
                gr.ChatInterface(
                    respond,
                    additional_inputs=[kinds, min_relevancy, since, until],
                    additional_outputs=[records, sources, downloads, plot, last],
                    chatbot=gr.Chatbot(label="Signal Desk", height=560, latex_delimiters=[]),
                    textbox=question,
                    api_name="chat",
                )
                gr.Examples(EXAMPLES, inputs=[question], label="Try")
            with gr.Column(scale=2, elem_classes="sd-side"):
                gr.Markdown("### Evidence")
                side.render()
        as_word.click(word_export, inputs=[last], outputs=[downloads], api_name="export")
    return app


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
    # Load the embedding model while the page opens, so the first question does not wait for it.
    threading.Thread(target=lambda: desk.index.embed_query("warm up"), daemon=True).start()
    desk.index.watch()  # what an ingest adds is answerable within seconds, without a restart
    app = build_app(desk)
    concurrency = settings.app_concurrency or 2 * (os.cpu_count() or 1)  # answering is mostly numpy and SQLite
    app.queue(default_concurrency_limit=concurrency).launch(
        server_name=args.host, server_port=args.port, css=CSS, theme=gr.themes.Soft(), **launch_options(auth)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The desk's Gradio app: Ask (the conversation, full width), Evidence, Notebook, Explore and
Ingest tabs, and a drawer for article cards. Every handler is a few lines over the core
(`Assistant`, `SearchIndex`) and the pure modules beside this one (chips, render, files,
explore, ingest); each has an `api_name`, so `gradio_client` drives the same code the page does.

The public API (README): `/chat` (one question, every input but the question optional, the
Answer as JSON) and `/card` (an article card). The page's own events (`/ask`, `/act`, the row,
notebook, explore and ingest actions) act on the caller's session.
"""

# No `from __future__ import annotations` here: gr.api reads the public endpoints' signatures
# at run time (a string annotation would give /chat one output instead of two).
import asyncio
import contextlib
import json
import os
import time
from collections.abc import Iterator
from html import escape
from pathlib import Path
from typing import Any

import gradio as gr
import pandas as pd

from assistant import Answer, Assistant
from assistant.card import card_markdown
from assistant.edits import PlanEdits
from assistant.inputs import parse_filters
from assistant.intents import REGISTRY
from assistant.markup import escape_text
from assistant.notebook import move, pin_answer, pin_record
from index import KINDS, SignalDeskError
from index.inventory import Inventory
from index.readers import READABLE_SUFFIXES

from . import explore as explore_data
from .chips import Request, describe, edit, next_page
from .files import EXPORTS, FORMATS, export_answer, export_notebook, new_folder
from .ingest import run_ingest
from .render import card_html, conversation_html, notebook_html, source_name, summary_line, welcome_html
from .session import Session
from .style import CONVERSATION_JS, CSS, HEAD

# One example per intent; the first screen offers them as buttons that ask (a test checks that
# the rules read each one as its intent). Intents without an example still get their card.
EXAMPLES = {
    "lookup": "What escalation signals involve Estonia?",
    "count": "How many concerns mention drones?",
    "briefing": "Draft a briefing on H5N1 bird flu in dairy cattle",
    "compare": "Compare AI tutors with students using AI to cheat",
    "trend": "What's new since 2025?",
    "list": "List all technologies about heat pumps",
    "articles": "Which articles cover electronic warfare?",
}
EVIDENCE_COLUMNS = ["[n]", "Kind", "Name", "Description", "Relevancy", "Match", "Source"]
STREAM_EVERY = 0.1  # seconds between renders of a streaming answer


class DeskBlocks(gr.Blocks):
    """The app's Blocks: launched with the desk's CSS and theme unless the caller says otherwise
    (tests and the reliability suite call `launch()` themselves)."""

    def launch(self, *args: Any, **kwargs: Any):  # type: ignore[override]
        kwargs.setdefault("css", CSS)
        kwargs.setdefault("head", HEAD)
        kwargs.setdefault("theme", gr.themes.Soft())
        kwargs.setdefault("allowed_paths", [str(EXPORTS)])
        return super().launch(*args, **kwargs)

    def close(self, verbose: bool = True) -> None:
        """Gradio sets the server's asyncio stop event from the calling thread while the server's
        loop may be adding a waiter to it (every streaming request does): "deque mutated during
        iteration". Set it on its own loop first; Gradio's close then finds it set."""
        event = getattr(getattr(self, "app", None), "stop_event", None)
        loop = getattr(event, "_loop", None)
        if isinstance(event, asyncio.Event) and isinstance(loop, asyncio.AbstractEventLoop) and loop.is_running() and not event.is_set():

            async def stop() -> None:
                event.set()

            with contextlib.suppress(Exception):  # a loop stopping meanwhile: Gradio's own set() follows
                asyncio.run_coroutine_threadsafe(stop(), loop).result(timeout=5)
        super().close(verbose)


def with_warnings(answer: Answer) -> str:
    """The answer's Markdown, then its warnings (escaped: they may quote a server)."""
    if not answer.warnings:
        return answer.markdown
    return answer.markdown + "\n\n" + "\n".join(f"> ⚠️ {escape_text(w)}" for w in answer.warnings)


def quiet_queue_statistics() -> None:
    """Gradio's queue keeps statistics of its last 10,000 events for its monitoring page (which
    this app does not offer) and by default rebuilds a pandas table of all of them after every
    event: under load that grew to a tenth of the app's CPU per question and to tens of MB.
    Keep the last 1,000 and summarise them every 100 events (read when the queue is made; a
    value set in the environment wins)."""
    os.environ.setdefault("GRADIO_ANALYTICS_MAX_EVENTS", "1000")
    os.environ.setdefault("GRADIO_ANALYTICS_CACHE_FREQUENCY", "100")


def build_app(desk: Assistant) -> gr.Blocks:
    """The desk around one `Assistant`; all answering happens in the core."""
    quiet_queue_statistics()
    intents = {name: handler.summary for name, handler in REGISTRY.items()}
    intent_names = list(intents)
    examples = {name: q for name, q in EXAMPLES.items() if name in intents}

    def inventory() -> Inventory | None:
        try:
            return desk.index.inventory()
        except SignalDeskError:
            return None

    def header() -> str:
        found = inventory()
        line = summary_line(found) if found else "the index cannot be read"
        return f'<div class="sd-head"><span class="sd-title">Signal Desk</span><span class="sd-summary">{escape(line)}</span></div>'

    def conv(session: Session) -> str:
        return conversation_html(session, intent_names, welcome_html(inventory(), intents, examples) if not session.turns else "")

    with DeskBlocks(title="Signal Desk", fill_width=True) as app:
        session = gr.State(Session())
        top = gr.HTML(elem_id="sd-header")
        with gr.Sidebar(label="Source", open=False, position="right", width="min(560px, 45vw)", elem_id="sd-drawer") as drawer:
            card = gr.HTML('<div class="sd-muted">Click a [n] in an answer, or a source, to open its article here.</div>', elem_id="sd-card")
        with gr.Tabs(selected="ask") as tabs:
            with gr.Tab("Ask", id="ask"):
                conversation = gr.HTML(elem_id="sd-conv", js_on_load=CONVERSATION_JS, apply_default_css=False)
                with gr.Row(elem_id="sd-input-row", equal_height=True):
                    question = gr.Textbox(
                        placeholder="Ask about the signals… (Enter sends)", elem_id="sd-question", show_label=False, scale=8, lines=1, max_lines=5
                    )
                    send = gr.Button("Send", variant="primary", scale=1, min_width=110, elem_id="sd-send")
                    new_chat = gr.Button("New chat", scale=1, min_width=120, elem_id="sd-new")
                downloads = gr.File(label="Download", visible=False, interactive=False, elem_id="sd-downloads")
                op = gr.Textbox(visible="hidden", elem_id="sd-op")
                answer_json = gr.JSON(visible="hidden")
            with gr.Tab("Evidence", id="evidence"):
                evidence_title = gr.Markdown("_Ask a question: the records its answer rests on appear here._")
                evidence = gr.Dataframe(
                    headers=EVIDENCE_COLUMNS, interactive=False, wrap=True, elem_id="sd-evidence", max_height=620, elem_classes="sd-df",
                    column_widths=["5%", "10%", "18%", "33%", "10%", "8%", "16%"],  # shares of the width: the table fills it at every size
                )
                with gr.Row(elem_id="sd-row-actions"):
                    row = gr.Number(label="Selected row (click one)", precision=0, minimum=0, value=None, elem_id="sd-row", scale=1, min_width=150)
                    pin_row = gr.Button("Pin row to notebook", size="sm", scale=1, elem_id="sd-pin-row")
                    hide_row = gr.Button("Hide as irrelevant", size="sm", scale=1, elem_id="sd-hide-row")
                    like_row = gr.Button("More like this", size="sm", scale=1, elem_id="sd-like-row")
                    unhide = gr.Button("Show hidden rows", size="sm", scale=1, elem_id="sd-unhide")
                timeline = gr.BarPlot(x="Month", y="Records", label="Records per month", visible=False, x_label_angle=-45, y_lim=[0, None])
            with gr.Tab("Notebook", id="notebook"):
                notebook_view = gr.HTML(notebook_html([]), elem_id="sd-notebook")
                with gr.Row():
                    entry = gr.Dropdown(choices=[], label="Entry", type="value", scale=3, elem_id="sd-entry")
                    with gr.Column(scale=2, min_width=200):
                        with gr.Row():
                            up = gr.Button("Move up", size="sm", min_width=80)
                            down = gr.Button("Move down", size="sm", min_width=80)
                            remove = gr.Button("Remove", size="sm", min_width=80)
                with gr.Row():
                    fmt = gr.Radio([(label, key) for key, label in FORMATS.items()], value="docx", label="Format", scale=3)
                    with gr.Column(scale=2, min_width=200):
                        export = gr.Button("Export the notebook", variant="primary", size="sm", elem_id="sd-export-notebook")
                        clear = gr.Button("Empty the notebook", size="sm")
                notebook_file = gr.File(label="Notebook report", interactive=False, visible=False, elem_id="sd-notebook-file")
            with gr.Tab("Explore", id="explore") as explore_tab:
                overview_text = gr.Markdown("_Open this tab to see what the index holds._")
                with gr.Row():
                    kinds_plot = gr.BarPlot(
                        x="Kind", y="Records", label="Records by kind", height=300, y_lim=[0, None], sort=list(KINDS), x_label_angle=-30, min_width=280
                    )
                    relevancy_plot = gr.BarPlot(x="Relevancy", y="Records", label="Records by relevancy", height=300, y_lim=[0, None], min_width=280)
                months_plot = gr.BarPlot(x="Month", y="Articles", label="Dated articles per month", height=260, x_label_angle=-45, y_lim=[0, None])
                with gr.Row():
                    themes = gr.Dataframe(headers=["Theme", "Articles"], label="Top themes", interactive=False, max_height=320, wrap=True, elem_classes="sd-df", column_widths=["65%", "35%"])
                    keywords = gr.Dataframe(headers=["Keyword", "Articles"], label="Top keywords", interactive=False, max_height=320, wrap=True, elem_classes="sd-df", column_widths=["65%", "35%"])
                clusters = gr.Dataframe(  # its own row: a kind ("technology") never breaks mid-word at 1024 px
                    headers=["Record said by several articles", "Kind", "Records", "Articles"], label="Largest near-duplicate clusters",
                    interactive=False, max_height=320, wrap=True, column_widths=["58%", "16%", "13%", "13%"], elem_classes="sd-df",
                )
                gr.Markdown("### Records")
                with gr.Row(equal_height=False, elem_id="sd-browse-row"):
                    search = gr.Textbox(label="Search names and descriptions", placeholder="drones", scale=3)
                    browse_kinds = gr.CheckboxGroup(list(KINDS), label="Kinds", scale=3)
                    browse_relevancy = gr.Dropdown([0, 1, 2, 3, 4, 5], value=0, label="Min relevancy (0: any)", scale=1)
                    order = gr.Radio(["relevancy", "newest"], value="relevancy", label="Order", scale=1)
                    browse_go = gr.Button("Show", variant="primary", scale=1, size="sm", min_width=90)
                browse_count = gr.Markdown()
                browser = gr.Dataframe(
                    headers=explore_data.BROWSER_COLUMNS, interactive=False, wrap=True, max_height=560, elem_id="sd-browser", elem_classes="sd-df",
                    column_widths=["10%", "19%", "34%", "10%", "11%", "16%"],
                )
                browse_csv = gr.Button("Export these records as CSV", size="sm")
                browse_file = gr.File(label="Records CSV", interactive=False, visible=False)
            with gr.Tab("Ingest", id="ingest"):
                gr.Markdown(
                    f"Add files ({', '.join(sorted(READABLE_SUFFIXES))}; at most {desk.settings.max_file_bytes:,} bytes each) or web "
                    "pages. Uploads are kept in the index's `uploads/` folder; what they add is answerable as soon as the ingest ends."
                )
                # No file_types: Gradio would refuse the whole batch for one wrong file; run_ingest refuses it alone, saying why.
                upload = gr.File(label="Files", file_count="multiple", type="filepath", elem_id="sd-upload")
                urls = gr.Textbox(label="URLs, one per line", lines=3, placeholder="https://example.org/article")
                ingest_go = gr.Button("Ingest", variant="primary", elem_id="sd-ingest")
                ingest_report = gr.Markdown(elem_id="sd-ingest-report")

        outputs = [conversation, session, answer_json, evidence_title, evidence, timeline, notebook_view, entry, card, drawer, downloads, tabs, question, row]
        names = ["conversation", "session", "answer_json", "evidence_title", "evidence", "timeline", "notebook_view", "entry", "card", "drawer",
                 "downloads", "tabs", "question", "row"]

        def emit(**values: Any) -> tuple:
            unknown = set(values) - set(names)
            assert not unknown, unknown
            return tuple(values.get(name, gr.skip()) for name in names)

        def evidence_view(state: Session) -> dict:
            turn = state.focused()
            if turn is None or turn.answer is None:
                state.evidence = []
                return dict(evidence_title="_Ask a question: the records its answer rests on appear here._", evidence=[], timeline=gr.update(visible=False))
            answer = turn.answer
            shown = [r for r in answer.records if r.id not in state.hidden]
            state.evidence = [r.id for r in shown]
            titles = {c.article_id: c.title for c in answer.citations}
            rows = [
                [f"[{r.n}]" if r.n else "", r.kind, r.name, r.description, r.relevancy or "", "strong" if r.strong else "weaker",
                 source_name(answer, r.article_id, titles.get(r.article_id))]
                for r in shown
            ]
            hidden = len(answer.records) - len(shown)
            title = f"**Evidence for** “{escape_text(answer.question)}”: {len(shown)} records" + (f" ({hidden} hidden as irrelevant)" if hidden else "")
            facets = answer.facets or {}
            # themes of a period or of the corpus (articles per theme), else records per month; one plot, its columns Month and Records
            series, label = (facets["themes"], "Articles per theme") if facets.get("themes") else (facets.get("month"), "Records per month")
            if series:
                frame = pd.DataFrame({"Month": list(series), "Records": list(series.values())})
                plot = gr.update(value=frame, visible=True, label=label)
            else:
                plot = gr.update(visible=False)
            return dict(evidence_title=title, evidence=rows, timeline=plot, row=None)

        def notebook_outputs(state: Session) -> dict:
            choices = [(f"{n + 1}. {item.title[:80]}", n) for n, item in enumerate(state.notebook)]
            return dict(notebook_view=notebook_html(state.notebook), entry=gr.update(choices=choices, value=None))

        def run(state: Session, shown: str, request: Request, changed: str | None = None, **extra: Any) -> Iterator[tuple]:
            """Answer a request as a new turn, streaming into the conversation."""
            turn = state.add(shown, request, changed)
            yield emit(conversation=conv(state), session=state, tabs=gr.Tabs(selected="ask"), **extra)
            rendered = time.monotonic()
            try:
                for event in desk.stream(request.question, **request.options()):
                    if isinstance(event, Answer):
                        turn.answer = event
                    elif desk.llm is not None:  # a model's tokens stream; an extractive answer comes whole
                        turn.partial += event
                        if time.monotonic() - rendered >= STREAM_EVERY:
                            rendered = time.monotonic()
                            yield emit(conversation=conv(state))
            except (SignalDeskError, ValueError) as exc:
                turn.error = str(exc)
            answered = turn.answer.model_dump(mode="json") if turn.answer else {"error": turn.error}
            yield emit(conversation=conv(state), session=state, answer_json=answered, **evidence_view(state))

        def ask(text: str, state: Session):
            text = (text or "").strip()
            if not text:
                yield emit()
                return
            yield from run(state, text, Request(question=text, history=state.history()), question="")

        def act(payload: str, state: Session):
            """One click in the conversation: {op, turn, key, value, n} (see style.CONVERSATION_JS)."""
            try:
                action = json.loads(payload or "{}")
                name, value = str(action.get("op", "")), str(action.get("value", "") or "")
                if name == "ask":
                    yield from run(state, value, Request(question=value, history=state.history()))
                    return
                turn = state.turn(int(action.get("turn", -1)))
            except (ValueError, LookupError, TypeError) as exc:
                gr.Warning(str(exc))
                yield emit()
                return
            if name == "retry":
                yield from run(state, turn.shown, turn.request, "asked again")
                return
            answer = turn.answer
            if answer is None:
                yield emit()
                return
            key = str(action.get("key", ""))
            if name in ("drop", "set"):
                try:
                    request = edit(turn.request, answer.plan, key, None if name == "drop" else value)
                except ValueError as exc:
                    gr.Warning(f"Cannot change that: {exc}")
                    yield emit()
                    return
                yield from run(state, request.question, request, describe(key, None if name == "drop" else value))
            elif name == "more":
                request = next_page(turn.request, answer.plan)
                yield from run(state, request.question, request, f"page {request.page}")
            elif name == "cite":
                n = int(action.get("n", 0) or 0)
                citation = next((c for c in answer.citations if c.n == n), None)
                if citation is None:
                    yield emit()
                    return
                cited = [r.id for r in answer.records if r.article_id == citation.article_id]  # the rows shown, not the next page
                try:
                    yield emit(card=card_html(desk.article_card(citation.article_id, cited)), drawer=gr.Sidebar(open=True))
                except SignalDeskError as exc:
                    yield emit(card=f'<div class="sd-error">⚠️ {escape(str(exc))}</div>', drawer=gr.Sidebar(open=True))
            elif name == "pin":
                state.notebook.append(pin_answer(answer))
                gr.Info(f"Pinned to the notebook ({len(state.notebook)} entries).", duration=2)
                yield emit(session=state, **notebook_outputs(state))
            elif name == "evidence":
                state.focus = turn.id
                yield emit(session=state, tabs=gr.Tabs(selected="evidence"), **evidence_view(state))
            elif name == "export":
                try:
                    path = export_answer(answer, value or "md")
                except ValueError as exc:
                    gr.Warning(str(exc))
                    yield emit()
                    return
                yield emit(downloads=gr.File(value=str(path), visible=True))
            else:
                yield emit()

        def picked(number: float | None, state: Session) -> tuple[str, Answer]:
            turn = state.focused()
            if turn is None or turn.answer is None or number is None or not 0 <= int(number) < len(state.evidence):
                raise gr.Error("Click a row of the Evidence table first.")
            return state.evidence[int(number)], turn.answer

        def pin_a_row(number: float | None, state: Session):
            record_id, answer = picked(number, state)
            state.notebook.append(pin_record(answer, record_id))
            gr.Info(f"Pinned to the notebook ({len(state.notebook)} entries).", duration=2)
            return emit(session=state, **notebook_outputs(state))

        def hide_a_row(number: float | None, state: Session):
            record_id, _ = picked(number, state)
            state.hidden.append(record_id)
            return emit(session=state, **evidence_view(state))

        def like_a_row(number: float | None, state: Session):
            record_id, answer = picked(number, state)
            record = next(r for r in answer.records if r.id == record_id)
            yield from run(state, f"More like “{record.name}”", Request(question=record.name), "more like this")

        def show_hidden(state: Session):
            state.hidden = []
            return emit(session=state, **evidence_view(state))

        def start_over(state: Session):
            fresh = Session(notebook=state.notebook, next_id=state.next_id)  # the notebook outlives the conversation
            return emit(conversation=conv(fresh), session=fresh, answer_json={}, downloads=gr.update(value=None, visible=False), **evidence_view(fresh))

        def shift(entry_number: int | None, offset: int, state: Session):
            if entry_number is None:
                raise gr.Error("Choose an entry first.")
            index = int(entry_number)
            state.notebook = move(state.notebook, index, offset) if offset else [e for n, e in enumerate(state.notebook) if n != index]
            out = notebook_outputs(state)
            new_index = max(0, min(len(state.notebook) - 1, index + offset)) if offset and state.notebook else None
            out["entry"] = gr.update(choices=out["entry"]["choices"], value=new_index)
            return emit(session=state, **out)

        def empty_notebook(state: Session):
            state.notebook = []
            return emit(session=state, **notebook_outputs(state))

        def export_the_notebook(kind: str, state: Session):
            try:
                return gr.File(value=str(export_notebook(state.notebook, kind or "docx")), visible=True)
            except ValueError as exc:
                raise gr.Error(str(exc)) from None

        def overview():
            found = inventory()
            if found is None:
                raise gr.Error("The index cannot be read.")
            frames = explore_data.overview(found)
            text = (
                f"**{escape_text(summary_line(found))}**. {found.titled_articles:,} articles carry a title, summary and themes; "
                f"{found.cluster_count:,} near-duplicate clusters; generation {found.generation}."
            )
            months = gr.update(value=frames["months"], visible=not frames["months"].empty)
            label = "Largest near-duplicate clusters" + (" (none in this index)" if frames["clusters"].empty else "")
            return text, frames["kinds"], frames["relevancy"], months, frames["themes"], frames["keywords"], gr.update(value=frames["clusters"], label=label)

        def matched(text: str, kinds: list[str], relevancy: int | str | None, ordering: str) -> list[str]:
            try:
                return explore_data.matching(desk.index, text, kinds, int(relevancy or 0), newest=ordering == "newest")
            except SignalDeskError as exc:
                raise gr.Error(str(exc)) from None

        def browse(text: str, kinds: list[str], relevancy: int | str | None, ordering: str):
            ids = matched(text, kinds, relevancy, ordering)
            shown = explore_data.rows(desk.index, ids[: explore_data.SHOWN])
            more = f"; the first {len(shown):,} are shown (the CSV holds them all)" if len(ids) > len(shown) else ""
            return f"**{len(ids):,} records** match{more}.", shown

        def browse_export(text: str, kinds: list[str], relevancy: int | str | None, ordering: str):
            ids = matched(text, kinds, relevancy, ordering)
            return gr.File(value=str(explore_data.write_csv(desk.index, ids, new_folder() / "signal-desk-records.csv")), visible=True)

        def ingest(files: list[str] | None, pasted: str, progress=gr.Progress()):  # noqa: B008 (Gradio injects it)
            uploads = [(Path(f), Path(f).name) for f in files or []]

            def report(stage: str, done: int, total: int) -> None:
                progress((done, max(total, 1)), desc=f"ingest: {stage}")

            text = run_ingest(desk, uploads, pasted, report)
            return text, header(), gr.update(value=None)

        # public API: stateless, every input but the question optional
        def chat(  # type: ignore[misc]
            question: str,
            history: list[dict] | None = None,
            kinds: list[str] | None = None,
            min_relevancy: int = 0,
            since: str = "",
            until: str = "",
            page: int = 1,
            edits: dict | None = None,
        ) -> tuple[str, dict]:  # a generator; gr.api reads its two outputs from this hint
            """Ask one question. Yields the answer's Markdown as it is written, then the Markdown
            (with its warnings) and the whole Answer as JSON; a bad input gives ('⚠️ message', {'error': message})."""
            text = ""
            try:
                options = parse_filters(kinds, min_relevancy, since, until)
                changes = PlanEdits.model_validate(edits) if edits else None
                for event in desk.stream(question, history=history or [], page=page, edits=changes, **options):
                    if isinstance(event, Answer):
                        yield with_warnings(event), event.model_dump(mode="json")
                    elif desk.llm is not None:
                        text += event
                        yield text, {}
            except (SignalDeskError, ValueError) as exc:
                yield f"⚠️ {escape_text(exc)}", {"error": str(exc)}

        def article(article_id: str, cited: list[str] | None = None) -> tuple[str, dict]:
            """One article's card: its Markdown (title, links, summary, keywords, themes, every record
            by kind, the cited ones marked) and the card as JSON."""
            try:
                found = desk.article_card(article_id, cited or [])
            except SignalDeskError as exc:
                return f"⚠️ {escape_text(exc)}", {"error": str(exc)}
            return card_markdown(found), found.model_dump(mode="json")

        def clicked(event: gr.EventData) -> str:
            return json.dumps(event._data or {})

        def selected_row(event: gr.SelectData) -> int:
            return int(event.index[0])

        gr.api(chat, api_name="chat")
        gr.api(article, api_name="card")

        app.load(lambda state: (header(), conv(state)), [session], [top, conversation], api_visibility="private")
        send_events: dict[str, Any] = dict(fn=ask, inputs=[question, session], outputs=outputs)
        question.submit(**send_events, api_name="ask_enter", api_visibility="private")
        send.click(**send_events, api_name="ask")
        conversation.act(clicked, None, op, api_visibility="private").then(act, [op, session], outputs, api_name="act")  # type: ignore[attr-defined]
        new_chat.click(start_over, [session], outputs, api_name="new_chat")
        evidence.select(selected_row, None, row, api_visibility="private")
        pin_row.click(pin_a_row, [row, session], outputs, api_name="pin_row")
        hide_row.click(hide_a_row, [row, session], outputs, api_name="hide_row")
        like_row.click(like_a_row, [row, session], outputs, api_name="like_row")
        unhide.click(show_hidden, [session], outputs, api_name="show_hidden")
        up.click(lambda n, s: shift(n, -1, s), [entry, session], outputs, api_name="notebook_up")
        down.click(lambda n, s: shift(n, 1, s), [entry, session], outputs, api_name="notebook_down")
        remove.click(lambda n, s: shift(n, 0, s), [entry, session], outputs, api_name="notebook_remove")
        clear.click(empty_notebook, [session], outputs, api_name="notebook_clear")
        export.click(export_the_notebook, [fmt, session], notebook_file, api_name="notebook_export")
        explore_tab.select(overview, None, [overview_text, kinds_plot, relevancy_plot, months_plot, themes, keywords, clusters], api_name="overview")
        browse_inputs = [search, browse_kinds, browse_relevancy, order]
        browse_go.click(browse, browse_inputs, [browse_count, browser], api_name="browse")
        search.submit(browse, browse_inputs, [browse_count, browser], api_visibility="private")
        browse_csv.click(browse_export, browse_inputs, browse_file, api_name="browse_csv")
        ingest_go.click(ingest, [upload, urls], [ingest_report, top, upload], api_name="ingest")
    return app

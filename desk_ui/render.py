"""The desk's HTML: answers, chips, sources, article cards, the notebook and the first screen.
Pure functions from the core's typed objects to HTML strings; no Gradio.

Text is text: the answers' Markdown is already escaped where it was composed (assistant/markup.py),
and it is rendered here by markdown-it with raw HTML and images off; everything else (titles,
record fields, the user's question) goes through `html.escape`. The only links are the ones made
here: a source's own http(s) URL (`markup.safe_url`) and the in-page `[n]` citation links, which
the page's script turns into "open the article card".
"""

from __future__ import annotations

import re
from html import escape

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml

from assistant import Answer
from assistant.card import ArticleCard
from assistant.citations import MARKER, parse_markers
from assistant.export import formats_for
from assistant.markup import safe_url
from assistant.notebook import NoteItem, compile_notebook, strip_sources
from index.inventory import Inventory
from index.records import PLURALS

from .chips import Chip, chips, pages
from .files import label as format_label
from .session import Session, Turn

# A citation marker the composer wrote (never one inside escaped stored text: that reads `\[1\]`).
_MARKER = re.compile(r"(?<!\\)" + MARKER.pattern)
_LONG = re.compile(r"\S{30,}")  # a token this long (a URL, an id) may break anywhere; words never do
NUMERIC = {"relevancy", "source", "seen in", "records", "articles", "n", "count", "share", "matches", "year", "month"}

_MD = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table").disable("image")


def _text(self, tokens, idx, options, env) -> str:
    return _LONG.sub(lambda m: f'<span class="sd-long">{m.group(0)}</span>', escapeHtml(tokens[idx].content))


def _link_open(self, tokens, idx, options, env) -> str:
    href = tokens[idx].attrGet("href") or ""
    if isinstance(href, str) and href.startswith("#sd-cite-"):
        n = int(href.rsplit("-", 1)[1])
        return f'<a class="sd-cite" href="#{escape(env.get("anchor", "sd-src"))}-{n}" data-act="cite" data-n="{n}">'
    url = safe_url(href if isinstance(href, str) else None)
    if url is None:
        return '<a class="sd-nolink">'
    return f'<a href="{escape(url)}" target="_blank" rel="noopener noreferrer">'


def _table_open(self, tokens, idx, options, env) -> str:
    return '<div class="sd-tablewrap"><table>'


def _table_close(self, tokens, idx, options, env) -> str:
    return "</table></div>"


_MD.add_render_rule("text", _text)
_MD.add_render_rule("link_open", _link_open)
_MD.add_render_rule("table_open", _table_open)
_MD.add_render_rule("table_close", _table_close)


def _classify_cells(tokens) -> None:
    """Class every table cell by its column's header: `sd-col-<name>`, and `sd-num` for the
    narrow columns (numbers, citations) that must not wrap."""
    headers: list[str] = []
    column = 0
    for n, token in enumerate(tokens):
        if token.type == "table_open":
            headers = []
        elif token.type == "tr_open":
            column = 0
        elif token.type in ("th_open", "td_open"):
            if token.type == "th_open":
                inline = tokens[n + 1]
                headers.append("".join(c.content for c in (inline.children or []) if c.type == "text").strip().lower())
            name = headers[column] if column < len(headers) else ""
            classes = [f"sd-col-{re.sub(r'[^a-z0-9]+', '-', name).strip('-') or 'x'}"]
            if name in NUMERIC:
                classes.append("sd-num")
            token.attrSet("class", " ".join(classes))
            column += 1


def markdown_html(markdown: str, anchor: str = "sd-src") -> str:
    """An answer's (escaped) Markdown as HTML, its `[n]` markers links to `#<anchor>-<n>`."""

    def linked(match: re.Match[str]) -> str:
        return "\\[" + ", ".join(f"[{n}](#sd-cite-{n})" for n in parse_markers(match.group(0))) + "\\]"

    tokens = _MD.parse(_MARKER.sub(linked, markdown), {"anchor": anchor})
    _classify_cells(tokens)
    return _MD.renderer.render(tokens, _MD.options, {"anchor": anchor})


def source_name(answer: Answer, article_id: str, title: str | None) -> str:
    """A source's name: its title, or for an untitled (tabular) article the strongest record the answer cites from it."""
    if title:
        return title
    own = [r for r in [*answer.records, *answer.more] if r.article_id == article_id]
    if own:
        best = max(own, key=lambda r: (r.relevancy or 0, r.strong))
        return f"Untitled article: “{best.name}”"
    return f"Article {article_id[:8]}…"


def sources_html(answer: Answer, anchor: str) -> str:
    """The answer's one source list: each source opens its card; its own URL and curation page are links."""
    if not answer.citations:
        return ""
    items = []
    for c in answer.citations:
        parts = [
            f'<a class="sd-cite" href="#{anchor}-{c.n}" data-act="cite" data-n="{c.n}">[{c.n}]</a> '
            f'<button class="sd-linkish" data-act="cite" data-n="{c.n}" title="Open the article card">'
            f"{escape(source_name(answer, c.article_id, c.title))}</button>"
        ]
        if url := safe_url(c.url):
            parts.append(f'<a href="{escape(url)}" target="_blank" rel="noopener noreferrer">original ↗</a>')
        if c.page:
            page = escape(c.page)
            target = safe_url(c.page_url)
            parts.append(
                f'curation page <a href="{escape(target)}" target="_blank" rel="noopener noreferrer">{page}</a>' if target else f"curation page {page}"
            )
        if c.date:
            parts.append(escape(c.date))
        items.append(f'<li id="{anchor}-{c.n}">' + " · ".join(parts) + "</li>")
    return f'<div class="sd-sources"><div class="sd-sources-title">Sources</div><ul>{"".join(items)}</ul></div>'


def chip_html(chip: Chip) -> str:
    key = escape(chip.key)
    group = f'<span class="sd-chip-group">{escape(chip.group)}</span>'
    if chip.editor == "select":
        first = f'<option value="">+ {escape(chip.group.lower().rstrip(" ≥"))}</option>' if chip.add else ""
        options = "".join(
            f'<option value="{escape(o)}"{" selected" if o == chip.value else ""}>{escape(o)}</option>' for o in chip.options
        )
        label = "" if chip.add else group
        body = f'{label}<select data-act="set" data-key="{key}" aria-label="{escape(chip.group)}">{first}{options}</select>'
    elif chip.editor == "text":
        placeholder = "YYYY-MM" if chip.key in ("since", "until") else "topic words"
        size = max(7, min(40, len(chip.value) + 1))
        label = f'<span class="sd-chip-group">+ {escape(chip.group.lower())}</span>' if chip.add else group
        body = (
            f'{label}<input type="text" data-act="set" data-key="{key}" value="{escape(chip.value)}" size="{size}" '
            f'placeholder="{placeholder}" aria-label="{escape(chip.group)}">'
        )
    else:
        body = f'{group}<span class="sd-chip-value">{escape(chip.value)}</span>'
    remove = f'<button class="sd-x" data-act="drop" data-key="{key}" title="Remove and ask again" aria-label="Remove {escape(chip.group)} {escape(chip.value)}">×</button>' if chip.removable else ""
    css = "sd-chip sd-chip-add" if chip.add else "sd-chip"
    return f'<span class="{css}" data-chip="{key}">{body}{remove}</span>'


def chips_html(plan: dict, intents: list[str]) -> str:
    pieces = "".join(chip_html(c) for c in chips(plan, intents))
    return f'<div class="sd-chips" role="group" aria-label="Understood as"><span class="sd-chips-label">Understood as</span>{pieces}</div>'


def tools_html(answer: Answer) -> str:
    page = int(answer.plan.get("page") or 1)
    following, last = pages(answer.facets, len(answer.more), page)
    buttons = []
    if following:
        of = f" of {last}" if last else ""
        buttons.append(f'<button class="sd-primary" data-act="more">More: page {following}{of}</button>')
    buttons += [
        '<button data-act="retry" title="Ask the same question again">Retry</button>',
        '<button data-act="copy" title="Copy the answer as Markdown">Copy</button>',
        '<button data-act="pin" title="Add the whole answer to the notebook">Pin answer</button>',
        '<button data-act="evidence" title="The records it rests on, with row actions">Evidence</button>',
        '<span class="sd-tools-sep">Download</span>',
    ]
    buttons += [f'<button data-act="export" data-value="{escape(fmt)}">{escape(format_label(fmt))}</button>' for fmt in formats_for(answer)]
    return f'<div class="sd-tools">{"".join(buttons)}</div>'


def turn_html(turn: Turn, intents: list[str]) -> str:
    """One question and its answer: chips, the answer, its sources, warnings and tools."""
    anchor = f"sd-src-{turn.id}"
    changed = f' <span class="sd-badge">{escape(turn.changed)}</span>' if turn.changed else ""
    head = f'<div class="sd-q"><span class="sd-q-text">{escape(turn.shown)}</span>{changed}</div>'
    state = "done" if turn.done else "busy"
    if turn.error is not None:
        body = f'<div class="sd-error">⚠️ {escape(turn.error)}</div><div class="sd-tools"><button data-act="retry">Retry</button></div>'
    elif turn.answer is None:
        body = '<div class="sd-busy">Answering…</div>' + (
            f'<div class="sd-answer">{markdown_html(strip_sources(turn.partial), anchor)}</div>' if turn.partial else ""
        )
    else:
        answer = turn.answer
        warnings = "".join(f'<div class="sd-warning">⚠️ {escape(w)}</div>' for w in answer.warnings)
        body = (
            chips_html(answer.plan, intents)
            + f'<div class="sd-answer">{markdown_html(strip_sources(answer.markdown), anchor)}</div>'
            + warnings
            + sources_html(answer, anchor)
            + tools_html(answer)
            + f'<textarea class="sd-md" hidden readonly>{escape(answer.markdown)}</textarea>'
        )
    return f'<section class="sd-turn" data-turn="{turn.id}" data-key="{turn.id}-{state}">{head}{body}</section>'


def conversation_html(session: Session, intents: list[str], welcome: str) -> str:
    """The whole conversation (finished turns rendered once and kept), or the first screen."""
    if not session.turns:
        return f'<div class="sd-conv sd-empty">{welcome}</div>'
    parts = []
    for turn in session.turns:
        if turn.done and turn.html is None:
            turn.html = turn_html(turn, intents)
        parts.append(turn.html if turn.html is not None else turn_html(turn, intents))
    return f'<div class="sd-conv">{"".join(parts)}</div>'


def summary_line(inventory: Inventory) -> str:
    """'20 articles · 302 records (74 signals, …) · curated 2022-09 to 2026-07' as plain text."""
    kinds = ", ".join(f"{n:,} {PLURALS[k] if n != 1 else k}" for k, n in inventory.by_kind.items() if n)
    line = f"{inventory.articles:,} articles · {inventory.records:,} records ({kinds})"
    if inventory.first and inventory.last:
        dated = "" if inventory.dated_articles == inventory.articles else f" ({inventory.dated_articles:,} dated)"
        line += f" · curated {inventory.first.strftime('%Y-%m')} to {inventory.last.strftime('%Y-%m')}{dated}"
    else:
        line += " · no dated articles"
    return line


def welcome_html(inventory: Inventory | None, intents: dict[str, str], examples: dict[str, str]) -> str:
    """The first screen: what is in the index, example questions that ask, what each intent answers."""
    summary = "" if inventory else '<p class="sd-error">The index cannot be read.</p>'
    buttons = "".join(f'<button class="sd-example" data-act="ask" data-value="{escape(q)}">{escape(q)}</button>' for q in examples.values())
    cards = []
    for name, summary_text in intents.items():
        example = examples.get(name)
        ask = f'<button class="sd-linkish" data-act="ask" data-value="{escape(example)}">“{escape(example)}”</button>' if example else ""
        cards.append(f'<div class="sd-intent"><div class="sd-intent-name">{escape(name)}</div><div>{escape(summary_text)}</div>{ask}</div>')
    return (
        '<div class="sd-welcome"><h2>Ask the signals corpus</h2>'
        + summary
        + '<p>Answers cite their sources: click a <span class="sd-cite-sample">[1]</span> to open the article with all its records. '
        "Above each answer, the way the question was understood appears as chips; change or remove one to ask again.</p>"
        + f'<div class="sd-examples"><span class="sd-examples-label">Try</span>{buttons}</div>'
        + '<h3>What you can ask</h3><div class="sd-intents">' + "".join(cards) + "</div></div>"
    )


def card_html(card: ArticleCard) -> str:
    """An article card: what the curator said about it and every record it holds, cited ones marked ★."""
    head = f'<h2 class="sd-card-title">{escape(card.name)}</h2>'
    if not card.titled:
        head += '<p class="sd-muted">An untitled article of the tabular export, named by its strongest records.</p>'
    facts = []
    if card.date:
        facts.append(f"curated {escape(card.date)}")
    if card.page:
        target = safe_url(card.page_url)
        page = escape(card.page)
        facts.append(f'curation page <a href="{escape(target)}" target="_blank" rel="noopener noreferrer">{page}</a>' if target else f"curation page {page}")
    if url := safe_url(card.url):
        facts.append(f'<a href="{escape(url)}" target="_blank" rel="noopener noreferrer">original article ↗</a>')
    if card.category:
        facts.append(f"category {escape(card.category)}")
    parts = [head]
    if facts:
        parts.append(f'<p class="sd-meta">{" · ".join(facts)}</p>')
    if card.summary:
        parts.append(f'<p class="sd-summary-text">{escape(card.summary)}</p>')
    for label, values in (("Keywords", card.keywords), ("Themes", card.themes)):
        if values:
            parts.append(f'<p><b>{label}</b> ' + "".join(f'<span class="sd-tag">{escape(v)}</span>' for v in values) + "</p>")
    cited = f", <b>{card.cited}</b> cited by the answer (★, highlighted)" if card.cited else ""
    parts.append(f'<p class="sd-card-count"><b>{len(card.records)}</b> records{cited}</p>')
    for kind, records in card.by_kind().items():
        rows = []
        for r in records:
            details = [(label, value) for label, value in (("Change", r.change), ("10 years", r.horizon), ("Driving force", r.driving_force)) if value]
            extra = "".join(f'<div class="sd-detail"><b>{label}</b>: {escape(value or "")}</div>' for label, value in details)
            star = "★ " if r.cited else ""
            rows.append(
                f'<tr class="{"sd-cited" if r.cited else ""}"><td class="sd-col-name">{star}{escape(r.name)}</td>'
                f'<td class="sd-col-description">{escape(r.description)}{extra}</td><td class="sd-num">{r.relevancy or ""}</td></tr>'
            )
        parts.append(
            f'<h3>{escape(PLURALS.get(kind, kind).capitalize())} ({len(records)})</h3>'
            '<div class="sd-tablewrap"><table><thead><tr><th class="sd-col-name">Name</th><th class="sd-col-description">Description</th>'
            f'<th class="sd-num">Relevancy</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
        )
    return f'<article class="sd-card" data-article="{escape(card.article_id)}">{"".join(parts)}</article>'


def notebook_html(items: list[NoteItem]) -> str:
    """The notebook's entries in order, and a preview of the report they make (sources renumbered)."""
    if not items:
        return '<div class="sd-muted">The notebook is empty: pin a whole answer (“Pin answer” under it) or rows of the Evidence tab.</div>'
    rows = []
    for item in items:
        if item.kind == "answer" and item.answer is not None:
            a = item.answer
            counts = f"{_plural(len(a.records), 'record')}, {_plural(len(a.citations), 'source')}"
            what = f"<b>Answer</b>: {escape(a.question)} <span class='sd-muted'>({counts})</span>"
        else:
            r = item.record
            assert r is not None
            what = f"<b>{escape(r.kind.capitalize())}</b>: {escape(r.name)} <span class='sd-muted'>(from “{escape(item.question)}”)</span>"
        rows.append(f"<li>{what}</li>")
    report = compile_notebook(items)
    preview = (
        '<details class="sd-report"><summary>Preview the report (one source list, numbered 1..n)</summary>'
        f'<div class="sd-answer">{markdown_html(report.markdown, "sd-report-src")}</div></details>'
    )
    return f'<ol class="sd-notebook">{"".join(rows)}</ol>{preview}'


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"

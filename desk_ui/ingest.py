"""The Ingest tab's work: check and store uploads, check pasted URLs, run one ingest under the
index's lock, and make what it added answerable at once (the desk's index is refreshed)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from assistant import Assistant
from assistant.markup import escape_text, safe_url
from index import IndexBusyError, IngestReport, ingest

from .files import check_upload, store_upload

MAX_URLS = 20


def run_ingest(
    desk: Assistant, uploads: list[tuple[Path, str]], urls: str, progress: Callable[[str, int, int], None] | None = None
) -> str:
    """Ingest the uploads ((stored temporary file, name as uploaded)) and URLs (one per line);
    the report as Markdown (what was refused, what was read, what failed)."""
    refused: list[str] = []
    sources: list[str] = []
    limit = desk.settings.max_file_bytes
    for path, name in uploads:
        why = check_upload(name, path.stat().st_size, limit)
        if why:
            refused.append(why)
        else:
            sources.append(str(store_upload(path, name, Path(desk.settings.index_dir))))
    lines = [line.strip() for line in (urls or "").splitlines() if line.strip()]
    if len(lines) > MAX_URLS:
        refused.append(f"{len(lines)} URLs pasted; at most {MAX_URLS} are read at once (the first {MAX_URLS} were kept)")
        lines = lines[:MAX_URLS]
    for line in lines:
        if safe_url(line) is None:
            refused.append(f"{line}: not an http(s) URL")
        else:
            sources.append(line)
    if not sources:
        return _refusals(refused) or "Nothing to ingest: upload a file or paste a URL."
    try:
        report = ingest(sources, desk.settings, on_progress=progress, embedder=desk.index.embedder, wait=False)
    except IndexBusyError as exc:
        return _refusals(refused) + f"**Another ingest is running on this index**; try again when it has finished ({escape_text(exc)})."
    desk.index.refresh()  # the new generation is answered from at once, not at the next watch tick
    return _refusals(refused) + report_markdown(report)


def _refusals(refused: list[str]) -> str:
    if not refused:
        return ""
    return "**Refused**:\n\n" + "\n".join(f"- {escape_text(r)}" for r in refused) + "\n\n"


def report_markdown(report: IngestReport) -> str:
    """An ingest report as the tab shows it (paths and reasons escaped: they may name anything)."""
    r = report.records
    kinds = ", ".join(f"{n} {k}" for k, n in report.by_kind.items() if n) or "none"
    lines = [
        f"**Ingested**: {report.articles} articles, {r.read} records read ({kinds}) in {report.seconds:.1f} s.",
        f"Records: {r.added} added, {r.updated} updated, {r.unchanged} unchanged, {r.removed} removed; "
        f"{report.embedded} texts embedded; the index now holds {report.total_nodes:,} nodes (generation {report.generation}).",
    ]
    if report.extracted:
        lines.append(f"{report.extracted} records extracted from web articles by the language model.")
    lines += [f"Note: {escape_text(note)}" for note in report.notes]
    if report.failures:
        lines.append(f"**{len(report.failures)} skipped or partly read**:")
        lines += [f"- {escape_text(f.source)}: {escape_text(f.reason)}" for f in report.failures]
    else:
        lines.append("Everything was read. Ask about it now: the new records are answered from at once.")
    return "\n\n".join(lines)

"""Readers, one per format; `read_source` picks one by the file suffix (or URL)."""

from __future__ import annotations

from pathlib import Path

from ..errors import SourceError
from ..fetch import FetchPolicy
from ..records import ReadItem
from .markdown import read_markdown
from .tables import TABLE_SUFFIXES, read_table_file
from .web import HTML_SUFFIXES, read_html_file, read_url

MARKDOWN_SUFFIXES = {".md", ".markdown"}
READABLE_SUFFIXES = MARKDOWN_SUFFIXES | TABLE_SUFFIXES | HTML_SUFFIXES


def read_source(source: str, policy: FetchPolicy | None = None, *, max_file_bytes: int | None = None) -> list[ReadItem]:
    """The articles and records of one source, or a `SourceError` with the reason. A local file
    larger than `max_file_bytes` is refused before it is read."""
    if source.lower().startswith(("http://", "https://")):
        return [read_url(source, policy or FetchPolicy())]
    path = Path(source)
    suffix = path.suffix.lower()
    try:
        if max_file_bytes is not None and suffix in READABLE_SUFFIXES and (size := path.stat().st_size) > max_file_bytes:
            raise SourceError(
                f"the file is {size:,} bytes, over the limit of {max_file_bytes:,} (SIGNAL_DESK_MAX_FILE_BYTES); "
                "split it or raise the limit"
            )
        if suffix in MARKDOWN_SUFFIXES:
            return [read_markdown(path)]
        if suffix in TABLE_SUFFIXES:
            return read_table_file(path)
        if suffix in HTML_SUFFIXES:
            return [read_html_file(path)]
    except OSError as exc:
        raise SourceError(f"cannot read the file: {exc.strerror or exc}") from None
    raise SourceError(
        f"unsupported file type {suffix or '(none)'}: expected .md, .parquet, .csv, .json, .jsonl or .html"
    )


__all__ = ["READABLE_SUFFIXES", "read_source"]

"""What the user named, expanded into sources: files, directories (recursive), globs and URLs."""

from __future__ import annotations

import glob
from dataclasses import dataclass
from pathlib import Path

from .readers import READABLE_SUFFIXES

# Project documentation that sits beside signal documents; skipped in directory walks only.
DOC_FILES = {"readme.md", "sources.md", "changelog.md", "license.md", "contributing.md", "index.md"}


@dataclass(frozen=True)
class Expanded:
    sources: list[str]  # paths (resolved) and URLs, in a stable order, no repeats
    missing: list[tuple[str, str]]  # (what the user wrote, why nothing came of it)
    ignored: list[str]  # files seen in directory walks and deliberately not read


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def expand(args: list[str]) -> Expanded:
    sources: list[str] = []
    missing: list[tuple[str, str]] = []
    ignored: list[str] = []

    def add(item: str) -> None:
        if item not in sources:
            sources.append(item)

    for arg in args:
        if is_url(arg):
            add(arg)
            continue
        path = Path(arg).expanduser()
        if path.is_dir():
            found = _walk(path, ignored)
            if not found:
                missing.append((arg, "no readable files in this directory"))
            for item in found:
                add(item)
        elif path.is_file():
            add(str(path.resolve()))
        elif glob.has_magic(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            files = [m for m in matches if Path(m).is_file()]
            if not files:
                missing.append((arg, "the pattern matches no files"))
            for match in files:
                add(str(Path(match).resolve()))
        else:
            missing.append((arg, "no such file or directory"))
    return Expanded(sources, missing, ignored)


def _walk(directory: Path, ignored: list[str]) -> list[str]:
    found: list[str] = []
    for path in sorted(directory.rglob("*")):
        if not path.is_file() or any(part.startswith(".") for part in path.relative_to(directory).parts):
            continue
        if path.name.lower() in DOC_FILES or path.suffix.lower() not in READABLE_SUFFIXES:
            ignored.append(str(path))
            continue
        found.append(str(path.resolve()))
    return found

"""Files the desk writes and reads: downloads (one folder per app process, removed at exit, named
after the question and the date) and uploads (kept under `<index>/uploads/` with sanitised names)."""

from __future__ import annotations

import re
import shutil
import tempfile
import unicodedata
import zipfile
from datetime import date
from pathlib import Path, PurePosixPath

from assistant import Answer
from assistant.export import file_name, formats_for, write, write_cards_png, write_notebook
from assistant.notebook import NoteItem
from index.readers import READABLE_SUFFIXES

EXPORTS = Path(tempfile.mkdtemp(prefix="signal-desk-exports-"))  # one folder per app process
FORMATS = {"md": "Markdown", "docx": "Word", "csv": "CSV"}  # the notebook's formats, and labels of the answers' ones
LABELS = {**FORMATS, "html": "HTML page", "png": "PNG cards (zip)"}


def label(fmt: str) -> str:
    """A download button's label for a format (a format not named here: its suffix)."""
    return LABELS.get(fmt, fmt.upper())
UPLOADS = "uploads"
MAX_NAME = 80


def remove_exports() -> None:
    shutil.rmtree(EXPORTS, ignore_errors=True)


def new_folder() -> Path:
    """A fresh folder for one download under the process's exports folder."""
    EXPORTS.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(dir=EXPORTS))  # one per download: two answers to one question keep their names


def export_answer(answer: Answer, fmt: str, *, today: date | None = None) -> Path:
    """The answer as a file of one of its formats (`assistant.export.formats_for`: Markdown, Word,
    CSV, ...) named after its question and the date."""
    offered = formats_for(answer)
    if fmt not in offered:
        raise ValueError(f"cannot export this answer as {fmt!r}: choose {', '.join(offered)}")
    if fmt == "png":  # one image per card, downloaded together as a zip
        folder = new_folder()
        images = write_cards_png(answer, folder)
        path = folder / file_name(answer.question, "zip", today=today)
        with zipfile.ZipFile(path, "w") as bundle:
            for image in images:
                bundle.write(image, image.name)
        return path
    return write(answer, new_folder() / file_name(answer.question, fmt, today=today))


def export_notebook(items: list[NoteItem], fmt: str, *, today: date | None = None) -> Path:
    """The notebook as one report (sources renumbered 1..n), named after its first entry and the date."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: choose md, docx or csv")
    if not items:
        raise ValueError("the notebook is empty: pin an answer or a row first")
    path = new_folder() / file_name(f"notebook {items[0].title}", fmt, today=today, fallback="signal-desk-notebook")
    write_notebook(items, path, today=today)
    return path


def safe_name(name: str) -> str:
    """An uploaded file's name reduced to its last part, in letters, digits, dot, dash and
    underscore: `../../etc/x.md` becomes `x.md`, and nothing can point outside the folder."""
    last = PurePosixPath(name.replace("\\", "/")).name
    ascii_name = unicodedata.normalize("NFKD", last).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_name).strip("-.") or "upload"
    stem, dot, suffix = cleaned.rpartition(".")
    if not dot:
        stem, suffix = cleaned, ""
    stem = stem[: MAX_NAME - len(suffix) - 1].strip("-.") or "upload"
    return f"{stem}.{suffix.lower()}" if suffix else stem


def check_upload(name: str, size: int, limit: int) -> str | None:
    """Why this upload is refused (unsupported type, too large, empty), or None."""
    suffix = Path(safe_name(name)).suffix.lower()
    if suffix not in READABLE_SUFFIXES:
        kinds = ", ".join(sorted(READABLE_SUFFIXES))
        return f"{name}: not a file the desk reads ({suffix or 'no extension'}); upload {kinds}"
    if size > limit:
        return f"{name}: {size:,} bytes, over the limit of {limit:,} (SIGNAL_DESK_MAX_FILE_BYTES)"
    if size == 0:
        return f"{name}: the file is empty"
    return None


def store_upload(source: Path, name: str, index_dir: Path) -> Path:
    """Copy an uploaded file into `<index>/uploads/` under its sanitised name (a file of the
    same name is replaced: uploading it again updates what it holds)."""
    folder = (index_dir / UPLOADS).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    target = (folder / safe_name(name)).resolve()
    if target.parent != folder:  # safe_name makes this impossible; checked anyway (fail closed)
        raise ValueError(f"refused upload name {name!r}")
    shutil.copyfile(source, target)
    return target

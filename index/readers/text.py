"""Small parsing helpers shared by the readers: bytes to text, page ids to dates, relevancy."""

from __future__ import annotations

import math
import re
from datetime import date

from ..errors import SourceError

_PAGE = re.compile(r"^(\d{4})(\d{2})(\d{2})[a-z]?$", re.IGNORECASE)
EARLIEST = date(2000, 1, 1)


# Column headers as the corpus spells them (lower-cased, non-alphanumerics removed) -> Record field.
RECORD_COLUMNS: dict[str, str] = {
    "name": "name",
    "signal": "name",
    "description": "description",
    "change": "change",
    "10year": "horizon",
    "10yhorizon": "horizon",
    "10yearhorizon": "horizon",
    "horizon": "horizon",
    "drivingforce": "driving_force",
    "relevancy": "relevancy",
    "relevance": "relevancy",
}


def column_key(header: object) -> str:
    """A column header reduced to its letters and digits: `10-year`, `10y horizon` -> `10year`, `10yhorizon`."""
    return re.sub(r"[^a-z0-9]", "", str(header).lower())


def decode_text(data: bytes) -> str:
    """UTF-8 text of a file, or a `SourceError` saying why it is not text."""
    if not data.strip():
        raise SourceError("empty file")
    if b"\x00" in data[:8192]:
        raise SourceError("binary file (NUL bytes), not UTF-8 text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(f"not UTF-8 text (invalid byte at offset {exc.start})") from None


def page_date(page: str, *, today: date | None = None) -> date | None:
    """The date a page id such as `20251012d` carries, or None when it is not a plausible date."""
    match = _PAGE.match(page.strip())
    if not match:
        return None
    try:
        day = date(*(int(g) for g in match.groups()))
    except ValueError:
        return None
    return day if EARLIEST <= day <= (today or date.today()) else None


def parse_relevancy(value: object) -> int | None:
    """An int 1-5 from '5', '4.0', 4.0 or similar; None for blanks, NaN and anything else."""
    return read_relevancy(value)[0]


def read_relevancy(value: object) -> tuple[int | None, str | None]:
    """The relevancy (an int 1-5, or None) and, when the value had to be rounded or was dropped, a
    short note saying which ("rounded to 4", "not 1-5; left empty"); blanks and NaN are simply empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None, "not a number; left empty"
    try:
        number = float(str(value).strip())
    except ValueError:
        return None, "not a number; left empty"
    if math.isnan(number):
        return None, None
    rounded = int(round(number)) if math.isfinite(number) else 0
    if not 1 <= rounded <= 5:
        return None, "not 1-5; left empty"
    return rounded, (f"rounded to {rounded}" if rounded != number else None)


def shown(value: object, limit: int = 40) -> str:
    """A value as a note quotes it: repr, cut short."""
    text = repr(value.strip() if isinstance(value, str) else value)
    return text if len(text) <= limit else text[: limit - 1] + "…"

"""The model writes prose, nothing else. Its own tables and source lists are taken out (the answer's
tables and sources come from the stored records), its links and images become their text, raw
HTML is escaped and bare web addresses stop being links; each kind of change adds one warning.
`[n]` citation markers that point at no retrieved source are removed too (assistant/citations.py).

The cleanup works line by line, each line knowing only the state the lines before it left (in a
source list, in a table) and the line after it (is this a table's header row?). `ModelProse` does
the same while the text streams, so a long answer costs linear time, and what the chat shows
mid-stream is already clean: text is held back only while a link, address or table at its end is
unfinished.
"""

from __future__ import annotations

import copy
import re

from .citations import _OPEN_TAIL, drop_invalid

WARN_TABLE = "Removed a table the model wrote: the tables below are built from the stored records."
WARN_SOURCES = "Removed a list of sources the model wrote: the sources below come from the index."
WARN_LINKS = "Removed links or images the model added: only the sources below link out."
WARN_HTML = "The model wrote HTML; it is shown as text."

_SOURCES_HEADING = re.compile(
    r"^\s*(?:#{1,6}\s*)?(?:\*\*|__)?\s*(?:sources|references|citations|bibliography|works cited|further reading)"
    r"\s*:?\s*(?:\*\*|__)?\s*:?\s*$",
    re.I,
)
_SOURCES_INLINE = re.compile(r"^\s*(?:\*\*|__)?(?:sources|references)(?:\*\*|__)?\s*:(?:\*\*|__)?\s+\S", re.I)
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)]?|\[\d*\]?)(?:\s|$)")  # ("-" alone: an item being written)
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$|^\s*\|\s*:?-+:?\s*\|\s*$")
_IMAGE = re.compile(r"!\[([^\]\n]*)\]\((?:[^()\n]|\([^()\n]*\))*\)|!\[([^\]\n]*)\]\[[^\]\n]*\]")
_LINK = re.compile(r"\[([^\]\n]+)\]\((?:[^()\n]|\([^()\n]*\))*\)|\[([^\]\n]+)\]\[[^\]\n]*\]")
_LINK_DEFINITION = re.compile(r"^\s{0,3}\[[^\]\n]+\]:\s*\S")
_TAG = re.compile(r"<\s*/?\s*[A-Za-z!?]")
_SCHEME = re.compile(r"(?i)\b(https?|ftp)(:)(?=//)")
_WWW = re.compile(r"(?i)\b(www)(\.)(?=\w)")
_AT = re.compile(r"(?<=[\w.+-])@(?=[\w-])")
_CITATION_LABEL = re.compile(r"\d+(?:\s*(?:,|-|–)\s*\d+)*")

# Held back while streaming: an unfinished link or image, a web address or e-mail address that is
# still being written (its escape depends on what follows), a run of table rows.
_OPEN_LINK = re.compile(r"!?\[[^\]\n]*(?:\]\((?:[^()\n]|\([^()\n]*\))*)?\]?$")
_OPEN_ADDRESS = re.compile(r"(?i)\b(?:h(?:t(?:t(?:ps?)?)?)?:?/?|f(?:t(?:p)?)?:?/?|w{1,3}\.?)$|(?<=[\w.+-])@$")
_TABLE_TAIL = re.compile(r"(?:^[ \t]*\|[^\n]*(?:\n|$))+\Z", re.M)
SHORT_TAIL = 500  # characters of unsettled text cleaned again at every delta; a longer line, at every sixteenth it grows


class ProseCleaner:
    """Cleans model text one line at a time, keeping what a line means for the next ones; with
    `valid` citation numbers it also drops markers that point elsewhere (collected in `removed`)."""

    def __init__(self, valid: set[int] | None = None):
        self.valid = valid
        self.removed: list[int] = []
        self.in_sources = self.in_table = False
        self.blank = True  # the last line kept was blank, or none was kept yet: no blank line follows it
        self.started = False  # a line was kept
        self.cut_sources = self.cut_table = self.linked = self.html = False

    def line(self, line: str, following: str | None) -> str | None:
        """The line cleaned, or None when it is dropped; `following` is the next line (None: none yet)."""
        if self.in_sources:
            if not line.strip() or _LIST_ITEM.match(line) or line.startswith(("  ", "\t")):
                return None
            self.in_sources = False
        if _SOURCES_HEADING.match(line):
            self.in_sources = self.cut_sources = True
            return None
        if _SOURCES_INLINE.match(line):
            self.cut_sources = True
            return None
        if self.in_table:
            if "|" in line and line.strip():
                return None
            self.in_table = False
        if "|" in line and following is not None and _TABLE_RULE.match(following):
            self.in_table = self.cut_table = True
            return None
        if not line.strip():
            if self.blank:
                return None
            self.blank = True
            return ""
        if _LINK_DEFINITION.match(line):
            self.linked = True
            return None
        if self.blank and not self.started:
            line = line.lstrip()  # the text starts at its first character
        self.blank, self.started = False, True
        return self._inline(line)

    def _inline(self, line: str) -> str:
        def label(match: re.Match[str]) -> str:
            self.linked = True
            words = match.group(1) if match.group(1) is not None else match.group(2) or ""
            return f"[{words}]" if _CITATION_LABEL.fullmatch(words.strip()) else words  # a linked "[1]" stays a marker

        line = _IMAGE.sub(label, line)
        line = _LINK.sub(label, line)
        line, addresses = _SCHEME.subn(r"\1\\\2", line)
        line, names = _WWW.subn(r"\1\\\2", line)
        line, mails = _AT.subn(r"\\@", line)
        self.linked = self.linked or bool(addresses or names or mails)
        if _TAG.search(line):
            self.html = True
        line = line.replace("<", "&lt;")  # an entity, not a backslash: the model's own backslashes cannot undo it
        if self.valid is not None:
            line, removed = drop_invalid(line, self.valid)
            self.removed += removed
        return line

    def fork(self) -> ProseCleaner:
        """A copy to clean a tentative tail with (its removals are not kept)."""
        twin = copy.copy(self)
        twin.removed = []
        return twin

    def warnings(self) -> list[str]:
        found = [(self.cut_table, WARN_TABLE), (self.cut_sources, WARN_SOURCES), (self.linked, WARN_LINKS), (self.html, WARN_HTML)]
        return [warning for happened, warning in found if happened]


def clean_prose(text: str, valid: set[int] | None = None) -> tuple[str, list[str]]:
    """The model's text as prose only, and a warning per kind of thing taken out or escaped."""
    cleaner = ProseCleaner(valid)
    return _clean_lines(cleaner, text.split("\n"), final=True).rstrip(), cleaner.warnings()


def _clean_lines(cleaner: ProseCleaner, lines: list[str], *, final: bool) -> str:
    kept = []
    for number, line in enumerate(lines):
        following = lines[number + 1] if number + 1 < len(lines) else ("" if final else None)
        if (cleaned := cleaner.line(line, following)) is not None:
            kept.append(cleaned)
    return "\n".join(kept)


class ModelProse:
    """Streams the model's prose cleaned and its citation markers checked: `feed` each delta and
    show what it returns, `flush` at the end; `cleaned()` gives the final text and the numbers
    removed, `warnings` what the cleanup did. A line is settled once the line after it is complete;
    only the unsettled tail is cleaned again at a delta, so a long answer costs linear time."""

    def __init__(self, valid: set[int]):
        self.valid = valid
        self.warnings: list[str] = []
        self._pieces: list[str] = []  # every delta (appending to one long string would cost quadratic time)
        self._tail: list[str] = []  # the deltas not settled yet
        self._tail_length = 0
        self._cleaner = ProseCleaner(valid)  # the state the settled lines left ...
        self._settled_text = ""  # ... and what they became
        self._cleaned_tail = 0  # the tail's length when it was last cleaned
        self._checked = 0  # what was shown is _settled_text[:_checked] + _shown_tail
        self._shown_tail = ""

    @property
    def raw(self) -> str:
        """Everything the model wrote."""
        return "".join(self._pieces)

    @property
    def shown(self) -> str:
        """The cleaned text handed out so far."""
        return self._settled_text[: self._checked] + self._shown_tail

    def feed(self, delta: str) -> str:
        self._pieces.append(delta)
        self._tail.append(delta)
        self._tail_length += len(delta)
        if "\n" in delta:
            self._settle()
        if self._tail_length > SHORT_TAIL and self._tail_length - self._cleaned_tail < self._tail_length // 16:
            return ""  # a very long line is cleaned again each time it grows by a sixteenth: linear, not quadratic
        tail = self._tail_text()
        self._cleaned_tail = len(tail)
        cut = len(tail)
        for pattern in (_OPEN_TAIL, _OPEN_LINK, _OPEN_ADDRESS, _TABLE_TAIL):
            if match := pattern.search(tail, max(0, len(tail) - SHORT_TAIL)):
                cut = min(cut, match.start())
        last = tail.rfind("\n") + 1
        if _could_be_sources_heading(tail[last:]):
            cut = min(cut, last)
        return self._advance(tail[:cut], final=False)

    def flush(self) -> str:
        return self._advance(self._tail_text(), final=True)

    def cleaned(self) -> tuple[str, list[int]]:
        cleaner = ProseCleaner(self.valid)
        text = _clean_lines(cleaner, self.raw.split("\n"), final=True).rstrip()
        self.warnings = cleaner.warnings()
        return text, cleaner.removed

    def _tail_text(self) -> str:
        if len(self._tail) > 1:
            self._tail = ["".join(self._tail)]
        return self._tail[0] if self._tail else ""

    def _settle(self) -> None:
        """Clean for good every line whose next line is complete."""
        lines = self._tail_text().split("\n")
        ready = len(lines) - 2  # the last part is unfinished; the one before it still lacks a finished follower
        if ready <= 0:
            return
        for number in range(ready):
            cleaned = self._cleaner.line(lines[number], lines[number + 1])
            if cleaned is not None:
                self._settled_text += ("\n" if self._settled_text else "") + cleaned
        rest = "\n".join(lines[ready:])
        self._tail, self._tail_length, self._cleaned_tail = [rest], len(rest), 0

    def _advance(self, tail: str, *, final: bool) -> str:
        """Hand out what the cleaned text gained, comparing only what is not settled yet."""
        rest = _clean_lines(self._cleaner.fork(), tail.split("\n"), final=final) if tail else ""
        settled, start = self._settled_text, self._checked
        joined = settled[start:] + ("\n" + rest if settled and rest else rest)  # the target from `start` on
        part = joined.rstrip()
        if not part.startswith(self._shown_tail):  # a cleanup reached back into shown text; the final answer is right
            return ""
        out = part[len(self._shown_tail) :]
        self._checked = min(len(settled), start + len(part))
        self._shown_tail = part[self._checked - start :]
        return out


def _could_be_sources_heading(line: str) -> bool:
    """An unfinished line that may still turn out to be a "Sources" heading: held back."""
    if not line.strip():
        return False
    words = re.sub(r"^\s*(?:#{1,6}\s*)?(?:\*\*|__)?\s*", "", line).lower().rstrip(":*_ ")
    names = ("sources", "references", "citations", "bibliography", "works cited", "further reading")
    return not words or any(name.startswith(words) for name in names)

"""The model writes prose, nothing else. Its own tables and source lists are taken out (the answer's
tables and sources come from the stored records), its links and images become their text, raw
HTML is escaped and bare web addresses stop being links; each kind of change adds one warning.
`[n]` citation markers are checked by assistant/citations.py, after this cleanup.

`ModelProse` does the same while the text streams: text is held back only while a link, tag or
table at its end is unfinished, so what the chat shows mid-stream is already clean.
"""

from __future__ import annotations

import re

from .citations import _OPEN_TAIL, StreamingCitations, drop_invalid

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
_LINK_DEFINITION = re.compile(r"^\s{0,3}\[[^\]\n]+\]:\s*\S.*$", re.M)
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
_LAST_LINE = re.compile(r"[^\n]*\Z")


def clean_prose(text: str) -> tuple[str, list[str]]:
    """The model's text as prose only, and a warning per kind of thing taken out or escaped."""
    warnings: list[str] = []
    lines = text.split("\n")
    lines, cut_sources = _drop_sources(lines)
    lines, cut_tables = _drop_tables(lines)
    if cut_tables:
        warnings.append(WARN_TABLE)
    if cut_sources:
        warnings.append(WARN_SOURCES)
    text = "\n".join(lines)

    linked = False

    def label(match: re.Match[str]) -> str:
        nonlocal linked
        linked = True
        words = match.group(1) if match.group(1) is not None else match.group(2) or ""
        return f"[{words}]" if _CITATION_LABEL.fullmatch(words.strip()) else words  # a linked "[1]" stays a marker

    text = _IMAGE.sub(label, text)
    text = _LINK.sub(label, text)
    text, definitions = _LINK_DEFINITION.subn("", text)
    text, addresses = _SCHEME.subn(r"\1\\\2", text)
    text, names = _WWW.subn(r"\1\\\2", text)
    text = _AT.sub(r"\\@", text)
    if linked or definitions or addresses or names:
        warnings.append(WARN_LINKS)
    if _TAG.search(text):
        warnings.append(WARN_HTML)
    text = text.replace("<", "&lt;")  # an entity, not a backslash: the model's own backslashes cannot undo it
    return re.sub(r"\n{3,}", "\n\n", text).strip(), warnings


def _drop_sources(lines: list[str]) -> tuple[list[str], bool]:
    """Lines without a "Sources" heading and the list under it, or a "Sources: ..." line."""
    out: list[str] = []
    cut = False
    skipping = False
    for line in lines:
        if _SOURCES_HEADING.match(line):
            skipping = cut = True
            continue
        if skipping:
            if not line.strip() or _LIST_ITEM.match(line) or line.startswith(("  ", "\t")):
                continue
            skipping = False
        if _SOURCES_INLINE.match(line):
            cut = True
            continue
        out.append(line)
    return out, cut


def _drop_tables(lines: list[str]) -> tuple[list[str], bool]:
    """Lines without GFM tables (a header row, a rule row, the rows below)."""
    out: list[str] = []
    cut = False
    index = 0
    while index < len(lines):
        line = lines[index]
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if "|" in line and _TABLE_RULE.match(following):
            cut = True
            index += 2
            while index < len(lines) and "|" in lines[index] and lines[index].strip():
                index += 1
            continue
        out.append(line)
        index += 1
    return out, cut


class ModelProse(StreamingCitations):
    """Streams the model's prose cleaned (`clean_prose`) with citation markers checked; `cleaned()`
    gives the final text, and `warnings` what the cleanup did."""

    def __init__(self, valid: set[int]):
        super().__init__(valid)
        self.warnings: list[str] = []

    def feed(self, delta: str) -> str:
        self.raw += delta
        cut = len(self.raw)
        for tail in (_OPEN_TAIL, _OPEN_LINK, _OPEN_ADDRESS, _TABLE_TAIL):
            if match := tail.search(self.raw):
                cut = min(cut, match.start())
        last = _LAST_LINE.search(self.raw)
        if last and _could_be_sources_heading(last.group(0)):
            cut = min(cut, last.start())
        return self._advance(self.raw[:cut])

    def cleaned(self) -> tuple[str, list[int]]:
        prose, self.warnings = clean_prose(self.raw)
        text, removed = drop_invalid(prose, self.valid)
        return text.strip(), removed

    def _advance(self, prefix: str) -> str:
        target = drop_invalid(clean_prose(prefix)[0], self.valid)[0].strip()
        if not target.startswith(self.shown):  # a cleanup reached back into shown text; the final answer is right
            return ""
        out, self.shown = target[len(self.shown) :], target
        return out


def _could_be_sources_heading(line: str) -> bool:
    """An unfinished line that may still turn out to be a "Sources" heading: held back."""
    if not line.strip():
        return False
    words = re.sub(r"^\s*(?:#{1,6}\s*)?(?:\*\*|__)?\s*", "", line).lower().rstrip(":*_ ")
    names = ("sources", "references", "citations", "bibliography", "works cited", "further reading")
    return not words or any(name.startswith(words) for name in names)

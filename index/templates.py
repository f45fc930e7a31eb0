"""Prompt templates as named data: `{field}` placeholders, overridable by name from `Settings.prompts`."""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .errors import ConfigError


@dataclass(frozen=True)
class Prompt:
    """A named prompt template; literal braces are written `{{` and `}}`."""

    name: str
    text: str

    @property
    def fields(self) -> frozenset[str]:
        return template_fields(self.text)

    def render(self, overrides: Mapping[str, str] | None = None, /, **values: object) -> str:
        """The template (or its override) with every field filled; a missing or unknown field is a bug."""
        text = (overrides or {}).get(self.name, self.text)
        wanted = template_fields(text)
        if wanted != values.keys():
            raise ValueError(f"prompt {self.name!r} takes {sorted(wanted)}, got {sorted(values)}")
        return text.format_map(values)


def template_fields(text: str) -> frozenset[str]:
    try:
        return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)
    except ValueError as exc:  # an unmatched brace
        raise ConfigError(f"a prompt template is malformed ({exc}); write literal braces as {{{{ and }}}}") from None


def check_overrides(overrides: Mapping[str, str], prompts: Iterable[Prompt], *, complete: bool = True) -> None:
    """Raise `ConfigError` unless every override names a known prompt and uses exactly its fields.

    With `complete=False` names this caller does not know are left for another caller to check."""
    known = {p.name: p for p in prompts}
    for name, text in overrides.items():
        prompt = known.get(name)
        if prompt is None:
            if complete:
                raise ConfigError(f"SIGNAL_DESK_PROMPTS names an unknown prompt {name!r}; known: {', '.join(sorted(known))}")
            continue
        fields = template_fields(text)
        if fields != prompt.fields:
            want = ", ".join("{" + f + "}" for f in sorted(prompt.fields)) or "no fields"
            raise ConfigError(f"the prompt override {name!r} must use exactly {want}; it uses {', '.join(sorted(fields)) or 'none'}")

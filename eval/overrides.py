"""`--set retrieval.dense_weight=0.6`: settings overrides for one run, validated like the environment."""

from __future__ import annotations

import json

from index import Settings


def parse_override(text: str) -> tuple[list[str], object]:
    """('retrieval.dense_weight=0.6') -> (['retrieval', 'dense_weight'], 0.6); values are JSON or plain text."""
    key, sep, raw = text.partition("=")
    if not sep or not key.strip():
        raise ValueError(f"not an override: {text!r} (use KEY=VALUE, e.g. retrieval.dense_weight=0.6)")
    try:
        value = json.loads(raw)
    except ValueError:
        value = raw
    return key.strip().split("."), value


def apply_overrides(settings: Settings, overrides: list[str]) -> Settings:
    """A copy of the settings with the overrides applied; a misspelt key or bad value raises ValueError."""
    data = settings.model_dump()
    for text in overrides:
        path, value = parse_override(text)
        node = data
        for part in path[:-1]:
            if not isinstance(node.get(part), dict):
                raise ValueError(f"unknown setting group {part!r} in {text!r}")
            node = node[part]
        if path[-1] not in node:
            raise ValueError(f"unknown setting {'.'.join(path)!r} in {text!r}")
        node[path[-1]] = value
    return Settings.model_validate(data)

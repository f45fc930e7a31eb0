"""`Degrade`: what a handler raises when its intent lacks its data (assistant/intents.py)."""

from __future__ import annotations


class Degrade(Exception):
    """Raised by a handler whose intent lacks its data; the question is answered as a lookup
    (with `parts`, a lookup of each part on its own: a comparison whose one side has no evidence
    still shows the other side's; with `update`, under other filters)."""

    def __init__(self, reason: str, parts: list[str] | None = None, update: dict | None = None):
        super().__init__(reason)
        self.reason = reason
        self.parts = parts or []
        self.update = update or {}  # what else of the plan the lookup answers differently (its filters)

"""`Degrade`: what a handler raises when its intent lacks its data (assistant/intents.py)."""

from __future__ import annotations


class Degrade(Exception):
    """Raised by a handler whose intent lacks its data; the question is answered as a lookup."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason

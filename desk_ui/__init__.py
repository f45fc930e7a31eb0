"""Signal Desk's web app (Gradio): the conversation with chips, sources and cards, evidence, a
notebook, an overview of the index and ingest. `app.py` launches it; nothing here answers
questions (that is `assistant/`) or reads storage (the index is read through `SearchIndex`)."""

from .files import EXPORTS, remove_exports
from .layout import DeskBlocks, build_app

__all__ = ["EXPORTS", "DeskBlocks", "build_app", "remove_exports"]

"""The paragraphs of a document a language model may rewrite: each `Slot` holds the extractive
paragraph (what the document says without a model) and the sources it may be written from. A
document is a list of Markdown blocks and slots; without a model the slots read as their
extractive text (assistant/document_llm.py streams the model's version)."""

from __future__ import annotations

from dataclasses import dataclass, field

from index import Article

from .models import Hit


@dataclass
class Slot:
    """One paragraph: its extractive text, what it is about, and the articles and records (with
    their citation numbers in the document) that the model may use for it."""

    text: str
    topic: str
    articles: list[Article] = field(default_factory=list)
    hits: list[Hit] = field(default_factory=list)


Part = str | Slot


def extractive_markdown(parts: list[Part]) -> str:
    """The document as Markdown, every slot as its extractive paragraph."""
    return "\n\n".join(p.text if isinstance(p, Slot) else p for p in parts if (p.text if isinstance(p, Slot) else p))

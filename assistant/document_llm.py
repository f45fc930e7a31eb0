"""A document's paragraphs written by the language model: each slot (a digest's theme, a part of
an outlook) goes to the model with its own sources (the articles' summaries and records, numbered
as the document numbers them); the prose streams back through the same cleanup and streaming
citation check as an answer's (assistant/model_text.py), so a marker that points at none of the
slot's sources is removed and reported. The headings, tables, article lists and sources around the
slots stay the extractive document's. Any model fault gives the whole extractive document, with a
warning naming the cause.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from index import Article, LLMError
from index.llm_client import LLMClient

from . import prompts
from .citations import cite
from .compose_llm import extractive_stream, fault_warning, one_line, record_line
from .model_text import ModelProse
from .models import Answer, Hit, QueryPlan
from .slots import Part, Slot

_FENCE = re.compile(r"</?\s*sources\s*>", re.I)


def stream_document(
    plan: QueryPlan, parts: list[Part], extractive: Answer, client: LLMClient, overrides: Mapping[str, str] | None = None
) -> Iterator[str | Answer]:
    """Text deltas of the document as the model writes its paragraphs, then the final `Answer`
    (mode "llm"); or, on any fault, the extractive document with a warning."""
    if not any(isinstance(p, Slot) for p in parts) or not extractive.citations:
        yield from extractive_stream(extractive)
        return
    numbers = {c.article_id: c.n for c in extractive.citations}
    blocks: list[str] = []
    raw: list[str] = []
    warnings: list[str] = []
    removed: list[int] = []
    uncited: list[str] = []
    try:
        for part in parts:
            if isinstance(part, str):
                blocks.append(part)
                yield part + "\n\n"
                continue
            valid = {numbers[a.id] for a in part.articles if a.id in numbers} | {
                numbers[h.record.article_id] for h in part.hits if h.record.article_id in numbers
            }
            markers = ModelProse(valid)
            for delta in client.stream(document_messages(plan, part, numbers, overrides)):
                if shown := markers.feed(delta):
                    yield shown
            if rest := markers.flush():
                yield rest
            prose, dropped = markers.cleaned()
            if not prose.startswith(markers.shown):  # a cleanup reached back into streamed text
                yield "\n\n---\n\n" + prose
            yield "\n\n"
            if not prose.strip():
                prose = part.text
                warnings.append(f"The model wrote nothing for “{part.topic}”; its extractive paragraph is shown.")
            elif not re.search(r"\[\d", prose):
                uncited.append(part.topic)
            blocks.append(prose)
            raw.append(markers.raw)
            warnings += [w for w in markers.warnings if w not in warnings]
            removed += dropped
    except LLMError as exc:
        fallback = extractive.model_copy(deep=True)
        fallback.warnings.insert(0, fault_warning(exc))
        yield "\n\n---\n\n"  # what streamed so far stays on a terminal; the document below replaces it
        yield from extractive_stream(fallback)
        return
    answer = extractive.model_copy(deep=True, update={"mode": "llm", "raw": "\n\n".join(raw), "markdown": "\n\n".join(b for b in blocks if b)})
    answer.warnings += warnings
    if removed:
        answer.warnings.append(
            f"Removed citation{'s' if len(set(removed)) > 1 else ''} {cite(*removed)} from the model's paragraphs: "
            "each paragraph may cite only the sources it was given."
        )
    for topic in uncited:
        answer.warnings.append(f"The model's paragraph on “{topic}” cites no source; check it against the records.")
    yield answer


def document_messages(plan: QueryPlan, slot: Slot, numbers: dict[str, int], overrides: Mapping[str, str] | None = None) -> list[dict]:
    """The system and user messages for one paragraph."""
    guidance = prompts.GUIDANCE.get(plan.intent, prompts.GUIDANCE["digest"])
    user = prompts.DOCUMENT_USER.render(
        overrides,
        sources=slot_sources(slot.articles, slot.hits, numbers),
        document=f"{plan.intent.replace('_', ' ')} — {plan.resolved or plan.question}",
        topic=slot.topic,
        guidance=guidance.render(overrides),
    )
    return [{"role": "system", "content": prompts.DOCUMENT_SYSTEM.render(overrides)}, {"role": "user", "content": user}]


def slot_sources(articles: list[Article], hits: list[Hit], numbers: dict[str, int]) -> str:
    """One numbered entry per article: title, date, summary, and the slot's records of it."""
    entries = []
    by_id = {a.id: a for a in articles}
    for hit in hits:
        by_id.setdefault(hit.record.article_id, hit.article)
    for article_id in sorted((a for a in by_id if a in numbers), key=lambda a: numbers[a]):
        article = by_id[article_id]
        head = f"[{numbers[article_id]}] " + (f"“{article.title}”" if article.title else f"Article {article.id}")
        if article.date:
            head += f", {article.date.isoformat()}"
        lines = [head]
        if article.summary:
            lines.append(f"Summary: {one_line(article.summary)}")
        records = [h for h in hits if h.record.article_id == article_id]
        if records:
            lines.append("Records:")
        lines += [record_line(hit) for hit in records]
        entries.append("\n".join(lines))
    return _FENCE.sub("(sources)", "\n\n".join(entries))  # the data cannot close its own fence


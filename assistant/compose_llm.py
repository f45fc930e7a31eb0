"""The LLM composer: the retrieved records (grouped by article, numbered as the extractive answer
numbers them) and passages go to the model as fenced data; its prose streams back token by token,
kept to prose (its own tables, source lists, links, images and HTML taken out or escaped:
assistant/model_text.py) with citation markers checked on the fly; the tables, quoted passages and
source list of the extractive answer follow the prose, so they come from the records, never from
model text.
Nothing retrieved means no model call. Any model fault gives the extractive answer with a
warning naming the cause.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from index import LLMError
from index.llm_client import LLMClient

from . import prompts
from .citations import cite
from .compose import evidence_markdown, read_lines
from .model_text import ModelProse
from .models import Answer, Hit, PassageHit, QueryPlan, Ranked

_FENCE = re.compile(r"</?\s*sources\s*>", re.I)


def stream_llm_answer(
    plan: QueryPlan, ranked: Ranked, extractive: Answer, client: LLMClient, overrides: Mapping[str, str] | None = None
) -> Iterator[str | Answer]:
    """Text deltas as the model writes, then the final `Answer`: mode "llm", with the extractive
    answer's evidence (citations, records, tables, sources) after the model's prose; or, on any
    fault, the extractive answer itself with a warning."""
    if not extractive.citations:  # nothing retrieved: nothing for a model to say
        yield from extractive_stream(extractive)
        return
    numbers = {c.article_id: c.n for c in extractive.citations}
    messages = answer_messages(plan, ranked, numbers, overrides)
    markers = ModelProse(set(numbers.values()))
    try:
        for delta in client.stream(messages):
            if shown := markers.feed(delta):
                yield shown
        if rest := markers.flush():
            yield rest
    except LLMError as exc:
        fallback = extractive.model_copy(deep=True)
        fallback.warnings.insert(0, fault_warning(exc))
        if markers.shown:
            yield "\n\n---\n\n"  # what streamed so far stays on a terminal; the answer below replaces it
        yield from extractive_stream(fallback)
        return

    prose, removed = markers.cleaned()
    if not prose.startswith(markers.shown):  # a cleanup reached back into streamed text: show the clean prose
        yield "\n\n---\n\n" + prose
    tail = evidence_markdown(extractive.tables, ranked.passages, numbers, extractive.citations)
    tail = "\n\n".join([*read_lines(plan, ranked, numbers), tail])  # what the records say of what is asked, as the extractive answer says it
    yield "\n\n" + tail
    answer = extractive.model_copy(deep=True, update={"mode": "llm", "raw": markers.raw, "markdown": prose + "\n\n" + tail})
    answer.warnings += markers.warnings
    if removed:
        answer.warnings.append(
            f"Removed citation{'s' if len(set(removed)) > 1 else ''} {cite(*removed)} from the model's answer: "
            f"only sources {cite(*numbers.values())} were retrieved."
        )
    elif not re.search(r"\[\d", prose):
        answer.warnings.append("The model's answer cites no source; check it against the records below.")
    yield answer


def extractive_stream(answer: Answer) -> Iterator[str | Answer]:
    """An extractive answer streamed a paragraph at a time, then itself."""
    for piece in answer.markdown.split("\n\n"):
        yield piece + "\n\n"
    yield answer


def fault_warning(exc: LLMError) -> str:
    return f"Answered without the language model: {exc.cause} ({exc})."


def answer_messages(
    plan: QueryPlan, ranked: Ranked, numbers: dict[str, int], overrides: Mapping[str, str] | None = None
) -> list[dict]:
    """The system and user messages of the answer prompt."""
    guidance = prompts.GUIDANCE.get(plan.intent, prompts.GUIDANCE["lookup"])
    user = prompts.ANSWER_USER.render(
        overrides,
        sources=sources_block(ranked.hits, ranked.passages, numbers),
        question=plan.resolved or plan.question,
        guidance=guidance.render(overrides),
    )
    return [{"role": "system", "content": prompts.ANSWER_SYSTEM.render(overrides)}, {"role": "user", "content": user}]


def sources_block(hits: list[Hit], passages: list[PassageHit], numbers: dict[str, int]) -> str:
    """One numbered entry per article: title, date, link; its records (kind, relevancy, fields); excerpts."""
    by_article: dict[str, tuple[object, list[Hit], list[PassageHit]]] = {}
    for hit in hits:
        if hit.article.id in numbers:
            by_article.setdefault(hit.article.id, (hit.article, [], []))[1].append(hit)
    for passage in passages:
        if passage.article.id in numbers:
            by_article.setdefault(passage.article.id, (passage.article, [], []))[2].append(passage)
    entries = []
    for article_id in sorted(by_article, key=lambda a: numbers[a]):
        article, records, excerpts = by_article[article_id]
        entries.append(_entry(numbers[article_id], article, records, excerpts))
    return _FENCE.sub("(sources)", "\n\n".join(entries))  # the data cannot close its own fence


def _entry(n: int, article, hits: list[Hit], passages: list[PassageHit]) -> str:
    head = f"[{n}] " + (f"“{article.title}”" if article.title else f"Article {article.id}")
    if article.date:
        head += f", {article.date.isoformat()}"
    if article.url:
        head += f", {article.url}"
    lines = [head]
    if hits:
        lines.append("Records:")
    lines += [record_line(hit) for hit in hits]
    if passages:
        lines.append("Excerpts:")
        lines += [f"> {one_line(p.text)}" for p in passages]
    return "\n".join(lines)


def record_line(hit: Hit) -> str:
    """One record in a source block for the model: kind, rating, name, description, signal fields."""
    r = hit.record
    rated = f", relevancy {r.relevancy}" if r.relevancy else ""
    text = f"- {r.kind}{rated}: {one_line(r.name)}"
    if r.description:
        text += f". {one_line(r.description)}"
    for label, value in (("Change", r.change), ("10-year", r.horizon), ("Driving force", r.driving_force)):
        if value:
            text += f" {label}: {one_line(value)}"
    return text


def one_line(text: str) -> str:
    return " ".join(text.split())

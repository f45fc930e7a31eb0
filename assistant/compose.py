"""The extractive composer: a short synthesis written from the records themselves, one table per
kind, quoted web-article passages and a numbered source list. No model involved; every sentence
quotes stored fields. The evidence part (tables, passages, sources) is shared with the LLM composer."""

from __future__ import annotations

from collections import Counter

from index.records import PLURALS

from .citations import cite, number_sources
from .models import Answer, AnswerPassage, AnswerRecord, Citation, Hit, PassageHit, QueryPlan, Ranked, Table
from .tables import kind_tables, markdown_table


def compose_extractive(plan: QueryPlan, ranked: Ranked) -> Answer:
    """An answer assembled from the ranked records (or a plain 'nothing found')."""
    if not ranked.hits and not ranked.passages:
        answer = nothing_found(plan)
        answer.warnings = list(ranked.notes)
        return answer
    answer = evidence(plan, ranked)
    lead = synthesis(plan, ranked.hits, _numbers(answer)) if ranked.hits else passages_lead(plan, ranked.passages)
    answer.markdown = lead + "\n\n" + answer.markdown
    return answer


def evidence(plan: QueryPlan, ranked: Ranked) -> Answer:
    """An answer holding only the evidence: numbered sources, tables from the records, quoted
    passages; its markdown is the evidence part that follows the prose (tables, passages, sources)."""
    numbers, citations = number_sources([*ranked.hits, *ranked.passages])
    tables = kind_tables(ranked.hits, numbers, plan.kinds)
    return Answer(
        question=plan.question,
        plan=plan.public(),
        markdown=evidence_markdown(tables, ranked.passages, numbers, citations),
        citations=citations,
        records=answer_records(ranked.hits, numbers),
        tables=tables,
        passages=[
            AnswerPassage(n=numbers[p.article.id], id=p.id, article_id=p.article.id, text=p.text, score=p.score)
            for p in ranked.passages
        ],
        warnings=list(ranked.notes),
    )


def evidence_markdown(tables: list[Table], passages: list[PassageHit], numbers: dict[str, int], citations: list[Citation]) -> str:
    parts = [f"### {t.title}\n\n{markdown_table(t)}" for t in tables]
    if passages:
        quotes = [f"> {' '.join(p.text.split())} {cite(numbers[p.article.id])}" for p in passages]
        parts.append("### From web articles\n\n" + "\n\n".join(quotes))
    parts.append(sources_markdown(citations))
    return "\n\n".join(parts)


def passages_lead(plan: QueryPlan, passages: list[PassageHit]) -> str:
    """The opening sentence when only web-article passages (no records) match."""
    about = f" on “{plan.query}”" if plan.query else ""
    articles = len({p.article.id for p in passages})
    return (
        f"No stored records match{about}, but **{len(passages)} passage{'s' if len(passages) > 1 else ''}** of "
        f"{articles} web article{'s' if articles > 1 else ''} do (quoted below)."
    )


def _numbers(answer: Answer) -> dict[str, int]:
    return {c.article_id: c.n for c in answer.citations}


def nothing_found(plan: QueryPlan) -> Answer:
    text = "Nothing found: no stored record matches " + (describe_filters(plan) or "this question") + "."
    if plan.kinds or plan.min_relevancy or plan.since or plan.until:
        text += " Try widening the filters."
    return Answer(question=plan.question, plan=plan.public(), markdown=text)


def answer_records(hits: list[Hit], numbers: dict[str, int]) -> list[AnswerRecord]:
    return [
        AnswerRecord(
            n=numbers[h.record.article_id],
            id=h.record.id,
            article_id=h.record.article_id,
            kind=h.record.kind,
            name=h.record.name,
            description=h.record.description,
            relevancy=h.record.relevancy,
            score=h.score,
        )
        for h in hits
    ]


def count_phrase(kinds: Counter[str]) -> str:
    """'5 signals' or '12 records (5 signals, 4 concerns, 3 issues)'."""
    total = sum(kinds.values())

    def one(kind: str, n: int) -> str:
        return f"{n} {kind if n == 1 else PLURALS[kind]}"

    if len(kinds) == 1:
        kind, n = next(iter(kinds.items()))
        return one(kind, n)
    detail = ", ".join(one(k, n) for k, n in kinds.most_common())
    return f"{total} records ({detail})"


def describe_filters(plan: QueryPlan) -> str:
    parts = []
    if plan.kinds:
        parts.append("kind " + " or ".join(plan.kinds))
    if plan.min_relevancy:
        parts.append(f"relevancy ≥ {plan.min_relevancy}")
    if plan.since:
        parts.append(f"dated from {plan.since.isoformat()}")
    if plan.until:
        parts.append(f"dated until {plan.until.isoformat()}")
    if plan.query:
        parts.append(f"the topic “{plan.query}”")
    return ", ".join(parts)


def synthesis(plan: QueryPlan, hits: list[Hit], numbers: dict[str, int]) -> str:
    """Two to four sentences from the records: what, how many, which articles, strongest relevancy."""
    articles = Counter(h.record.article_id for h in hits)
    about = f" on “{plan.query}”" if plan.query else ""
    filters = [f"rated {plan.min_relevancy} or higher"] if plan.min_relevancy else []
    if plan.since or plan.until:
        filters.append("dated " + " to ".join(d.isoformat() for d in (plan.since, plan.until) if d))
    scope = (" (" + ", ".join(filters) + ")") if filters else ""
    n_articles = f"{len(articles)} article" + ("s" if len(articles) > 1 else "")
    sentences = [f"**{count_phrase(Counter(h.record.kind for h in hits))}** from {n_articles}{about}{scope}."]

    top = hits[0].record
    sentences.append(f"The closest match is **{top.name}**" + (f": {_clause(top.description)}" if top.description else "") + f" {cite(numbers[top.article_id])}.")

    rated = [h.record.relevancy for h in hits if h.record.relevancy]
    if rated:
        best = max(rated)
        strongest = [h.record for h in hits if h.record.relevancy == best and h.record.id != top.id][:3]
        if strongest:
            names = _join([f"**{r.name}** {cite(numbers[r.article_id])}" for r in strongest])
            sentences.append(f"Rated highest ({best}/5): {names}.")

    lead, lead_count = articles.most_common(1)[0]
    lead_hit = next(h for h in hits if h.record.article_id == lead)
    if len(articles) > 1 and lead_count * 2 >= len(hits):
        sentences.append(f"{lead_count} of them come from {_title(lead_hit)} {cite(numbers[lead])}.")
    elif len(articles) > 1:
        leaders = [a for a, _ in articles.most_common(2)]
        titled = [_title(next(h for h in hits if h.record.article_id == a)) + " " + cite(numbers[a]) for a in leaders]
        sentences.append(f"The most represented sources are {_join(titled)}.")
    signal = next((h.record for h in hits if h.record.kind == "signal" and h.record.horizon), None)
    if signal and len(sentences) < 4:
        sentences.append(f"Ten years out, **{signal.name}** points to this: {_clause(signal.horizon or '')} {cite(numbers[signal.article_id])}.")
    return " ".join(sentences[:4])


def sources_markdown(citations: list[Citation]) -> str:
    lines = ["**Sources**", ""]
    for c in citations:
        title = c.title or f"Article {c.article_id[:8]}… (tabular export, no title)"
        line = f"- **[{c.n}]** " + (f"[{title}]({c.url})" if c.url else title)
        if c.page:
            line += " · curation page " + (f"[{c.page}]({c.page_url})" if c.page_url else c.page)
        if c.date:
            line += f" · {c.date}"
        lines.append(line)
    return "\n".join(lines)


def _title(hit: Hit) -> str:
    return f"“{hit.article.title}”" if hit.article.title else f"article {hit.article.id[:8]}…"


def _clause(text: str) -> str:
    return " ".join(text.split()).rstrip(".")


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]

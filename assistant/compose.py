"""The extractive composer: a short synthesis written from the records themselves, one table per
kind, quoted web-article passages and a numbered source list. No model involved; every sentence
quotes stored fields, escaped as Markdown (assistant/markup.py), so stored text shows as text. The
evidence part (tables, passages, sources) also follows the LLM's prose."""

from __future__ import annotations

from collections import Counter
from datetime import date

from index.records import PLURALS

from .citations import cite, number_sources
from .direction import DOWN, UP, contrary_asked, held_back, moving, moving_words, whether_asked
from .entities import places_named
from .markup import escape_text, link
from .models import Answer, AnswerPassage, AnswerRecord, Citation, Hit, PartsHeld, PassageHit, QueryPlan, Ranked, Table
from .parts import SHOWN_WORDS
from .plan import ARTICLE_COUNT, is_actor
from .tables import kind_tables, markdown_table


def by_rating(hits: list[Hit]) -> list[Hit]:
    """The strong matches ranked by their relevancy rating, highest first (unrated last, ties in
    their order of match), then the weaker ones in theirs: the order asked for by "rank by relevancy"."""
    strong = [h for h in hits if h.strong]
    return sorted(strong, key=lambda h: -(h.record.relevancy or 0)) + [h for h in hits if not h.strong]


def compose_extractive(plan: QueryPlan, ranked: Ranked, *, clusters: bool = True) -> Answer:
    """An answer assembled from the ranked records (or a plain 'nothing found')."""
    if not ranked.hits and not ranked.passages:
        if plan.page > 1 and ranked.total:
            return no_more(plan, ranked.total, ranked.notes)
        return nothing_found(plan, ranked.notes, unfiltered=ranked.unfiltered)
    numbers, citations = number_sources([*ranked.hits, *ranked.passages])
    if len(plan.aspects) >= 2 and ranked.hits:
        sections = [(f"Part {n + 1}: {escape_text(aspect)}", [h for h in ranked.hits if h.aspect == n]) for n, aspect in enumerate(plan.aspect_labels())]
    else:
        sections = [("", ranked.hits)]
    tables, blocks = [], []
    for heading, hits in sections:
        found = kind_tables(by_rating(hits) if plan.by_rating else hits, numbers, plan.kinds, clusters=clusters)
        tables += found
        if heading:
            blocks.append(f"### {heading}\n\n" + ("\n\n".join(f"**{t.title}**\n\n{markdown_table(t)}" for t in found) or "_Nothing in the index bears on this part._"))
        else:
            blocks += [f"### {t.title}\n\n{markdown_table(t)}" for t in found]
    # the first words say that nothing shown is tied to the question's entity, then what there is
    untied = bool(plan.entities and ranked.hits and plan.page == 1) and (
        ranked.placed == "unmet" or not any(h.anchor in ("direct", "article") for h in ranked.hits)
    )
    if untied and plan.focus.strip():  # and then what there is on the topic
        waiting = any(h.anchor in ("direct", "article") for h in ranked.more)
        opening = entity_sentence(plan, ranked.hits, ranked.placed) if ranked.placed == "unmet" else untied_sentence(plan, waiting)
        lead = opening + " " + synthesis(plan.model_copy(update={"query": plan.focus}), ranked.hits, numbers, ranked.elsewhere)
    else:
        # records admitted through the articles of other kinds say those kinds' count already
        elsewhere = None if ranked.through_articles else ranked.elsewhere
        lead = synthesis(plan, ranked.hits, numbers, elsewhere) if ranked.hits else passages_lead(plan, ranked.passages)
        if untied:  # "What are people saying about Temu?": a name nothing writes; the closest by meaning are no answer
            lead = f"{plan.none_of()} names {' or '.join(escape_text(e.name) for e in plan.entities)}. " + lead
    placed_apart = ranked.placed == "apart" and bool(ranked.hits) and plan.page == 1 and not untied
    if placed_apart:  # "Starlink in Africa": that nothing names the two together comes first
        together = " and ".join(escape_text(e.name) for e in plan.entities)
        lead = f"**No record or article names {together} together**; each record here is tied to one of them. " + lead
    if ranked.through_articles and ranked.hits:  # what admitted them comes first
        lead = through_articles_sentence(plan, ranked) + " " + lead
    apart = bool(ranked.parts and ranked.parts.held == 0 and ranked.hits and plan.page == 1)
    if apart and ranked.parts:  # "microplastics in the brain": that no record speaks to both comes first
        parts = " and ".join(f"“{escape_text(p)}”" for p in ranked.parts.parts)
        other = ranked.parts.elsewhere
        said = elsewhere_sentence(other, "speaks to every part" if sum(other.values()) == 1 else "speak to every part") + " " if other else ""
        lead = f"**No record here speaks to every part of the question** ({parts}); each speaks to part of it. {said}" + lead
    coverage = coverage_line(plan, ranked, entities=not untied, every_part=not apart, apart_said=placed_apart)
    if coverage:
        lead += "\n\n" + coverage
    lead += "".join("\n\n" + line for line in read_lines(plan, ranked, numbers))
    evidence = evidence_markdown([], ranked.passages, numbers, citations)
    return Answer(
        question=plan.question,
        plan=plan.public(),
        markdown="\n\n".join([lead, *blocks, evidence]),
        citations=citations,
        records=answer_records(ranked.hits, numbers, plan),
        more=answer_records(ranked.more, numbers, plan),
        tables=tables,
        passages=[
            AnswerPassage(n=numbers[p.article.id], id=p.id, article_id=p.article.id, text=p.text, score=p.score)
            for p in ranked.passages
        ],
        warnings=list(ranked.notes),
    )


def evidence_markdown(
    tables: list[Table], passages: list[PassageHit], numbers: dict[str, int], citations: list[Citation]
) -> str:
    """What follows the prose: the tables, the quoted web-article passages, the sources."""
    parts = [f"### {t.title}\n\n{markdown_table(t)}" for t in tables]
    if passages:
        quotes = [f"> {escape_text(p.text)} {cite(numbers[p.article.id])}" for p in passages]
        parts.append("### From web articles\n\n" + "\n\n".join(quotes))
    parts.append(sources_markdown(citations))
    return "\n\n".join(parts)


def passages_lead(plan: QueryPlan, passages: list[PassageHit]) -> str:
    """The opening sentence when only web-article passages (no records) match."""
    about = f" on “{escape_text(plan.query)}”" if plan.query else ""
    articles = len({p.article.id for p in passages})
    return (
        f"No stored records match{about}, but **{len(passages)} passage{'s' if len(passages) > 1 else ''}** of "
        f"{articles} web article{'s' if articles > 1 else ''} do (quoted below)."
    )


def compose_exhaustive(
    plan: QueryPlan,
    page: Ranked,
    *,
    how: str,
    facets: dict[str, dict[str, int]],
    number: int,
    size: int,
    clusters: bool = True,
    articles: int | None = None,
    elsewhere: dict[str, int] | None = None,
    whole: int | None = None,
    whole_topic: str = "",
    within: int = 0,
) -> Answer:
    """A list or count over the whole matched set: the count (and how many articles hold it:
    first when the question counts articles; with `whole`, the records of those kinds and filters
    in the index, as a share of them; with `whole_topic` too, the records on that topic, `within`
    of which are counted here) and how it was delimited, facets, and one page of records as
    tables."""
    total = page.matched
    if not page.hits:
        if total and number > pages_of(total, size):
            return past_the_end(plan, total, number, size, page.notes)
        return nothing_found(plan, page.notes)
    numbers, citations = number_sources(page.hits)
    kinds = Counter({k: n for k, n in facets.get("kind", {}).items()})
    about = f" on “{escape_text(plan.query)}”" if plan.query else ""
    filters = describe_filters(plan.model_copy(update={"query": ""}))
    members = [h for h in page.hits if h.strong]
    first, last = page.offset + 1, page.offset + len(members)
    if total == 0:
        lead = (
            f"**No record** clearly matches{about}" + (f" ({filters})" if filters else "")
            + f"; the {len(page.hits)} closest are shown as **weaker matches**, not counted."
            + (" " + elsewhere_sentence(elsewhere, "would be counted") if elsewhere else "")
        )
        parts = [lead]
    else:
        held = f"{articles:,} article" + ("s" if articles != 1 else "") if articles else ""
        if held and ARTICLE_COUNT.search(plan.resolved or plan.question):
            lead = f"**{held}** hold{'s' if articles == 1 else ''} the {count_phrase(kinds)}{about}"
        else:
            lead = f"**{count_phrase(kinds)}**" + (f" from {held}" if held else "") + about
        lead += (f" ({filters})" if filters else "") + f": {how}."
        plural = join_and([PLURALS[k] for k in plan.kinds]) if plan.kinds else "records"
        if whole and whole_topic:
            lead += (
                f" Of the {whole:,} {plural} on “{escape_text(whole_topic)}”, **{within:,}** ({_percent(within, whole)}) are among them"
                + (f"; the other {total - within:,} {'is' if total - within == 1 else 'are'} not counted on “{escape_text(whole_topic)}”." if total > within else ".")
            )
        elif whole:
            others = describe_filters(plan.model_copy(update={"query": "", "kinds": []}))
            lead += f" That is {_percent(total, whole)} of the index's {whole:,} {plural}" + (f" ({others})" if others else "") + "."
        if first == 1 and last == total:
            paging = "All are listed below."
            if page.more:
                n = page.total - total
                paging += f" {n:,} weaker match{'es' if n != 1 else ''}, outside the count, {'is' if n == 1 else 'are'} one “more” away."
        elif members:
            paging = f"Showing {first}–{last} of {total:,} (page {number} of {pages_of(total, size)})" + ("; ask for “more” for the rest." if last < total else ".")
        else:
            paging = "Below: weaker matches outside the count."
        if len(members) < len(page.hits):
            n = len(page.hits) - len(members)
            paging += f" {n} weaker match{'es' if n != 1 else ''}, outside the count, follow{'s' if n == 1 else ''}."
        held_parts = f" {parts_sentence(page.parts, page.hits, counted=True)}" if page.parts and number == 1 else ""
        parts = [lead + " " + paging + held_parts, facets_markdown(facets)]
    tables = kind_tables(page.hits, numbers, plan.kinds, clusters=clusters)
    parts += [f"### {t.title}\n\n{markdown_table(t)}" for t in tables]
    parts.append(sources_markdown(citations))
    answer = assemble(plan, parts, page, numbers, citations, tables, facets={"total": total, "page": number, "page_size": size, **facets})
    answer.more = answer_records(page.more, numbers, plan)
    return answer


def facets_markdown(facets: dict[str, dict[str, int]], top: int = 6) -> str:
    """One line per facet: the largest values with their counts."""
    lines = []
    for name, counts in facets.items():
        if not counts or set(counts) == {"(none)"}:
            continue  # a facet the data does not carry (tables have no themes or dates)
        shown = list(counts.items())[:top]
        rest = sum(counts.values()) - sum(n for _, n in shown)
        text = ", ".join(f"{escape_text(value)} {n:,}" for value, n in shown) + (f", others {rest:,}" if rest else "")
        lines.append(f"- **By {name}**: {text}")
    return "\n".join(lines)


def nothing_found(plan: QueryPlan, notes: list[str] | None = None, *, unfiltered: dict[str, int] | None = None) -> Answer:
    """'Nothing found', saying under which filters, and what clears the question's bar without them
    (`unfiltered`, by kind); it cites nothing (and costs no model call)."""
    text = "Nothing found: no stored record matches " + (describe_filters(plan) or "this question") + "."
    if unfiltered:
        text += f" Without those filters, **{count_phrase(Counter(unfiltered))}** match “{escape_text(plan.query)}”: ask again without them."
    elif plan.filtered:
        text += " Try widening the filters."
    return _notice(plan, text, notes)


def no_more(plan: QueryPlan, shown: int, notes: list[str] | None = None) -> Answer:
    """A continuation past the last match ("more" once more, "anything similar?"): the earlier
    pages showed every record with evidence for the question; not 'nothing found'."""
    topic = f" on “{escape_text(plan.query)}”" if plan.query else ""
    text = (
        f"No more matches{topic}: the earlier pages showed all {shown:,} record{'s' if shown != 1 else ''} with any evidence for the "
        "question. Ask a new question, or widen the filters."
    )
    return _notice(plan, text, notes)


def _notice(plan: QueryPlan, text: str, notes: list[str] | None) -> Answer:
    """An answer that is only a sentence about the question (nothing found, no more, past the end):
    it cites nothing and costs no model call."""
    return Answer(question=plan.question, plan=plan.public(), markdown=text, warnings=list(notes or []))


def pages_of(total: int, size: int) -> int:
    return max(1, -(-total // size))


def past_the_end(plan: QueryPlan, total: int, number: int, size: int, notes: list[str] | None = None, *, unit: str = "record") -> Answer:
    """A page beyond the last one: how many records match and which pages exist (not 'nothing found')."""
    pages = pages_of(total, size)
    text = (
        f"Page {number} is past the end: {total:,} {unit}{'s' if total != 1 else ''} match, on "
        f"{pages} page{'s' if pages > 1 else ''} of {size}. Ask for page {'1' if pages == 1 else f'1 to {pages}'}."
    )
    return _notice(plan, text, notes)


def assemble(
    plan: QueryPlan,
    parts: list[str],
    ranked: Ranked,
    numbers: dict[str, int],
    citations: list[Citation],
    tables: list,
    **extra,
) -> Answer:
    """The Answer every composer returns: its Markdown parts joined, its evidence attached."""
    return Answer(
        question=plan.question,
        plan=plan.public(),
        markdown="\n\n".join(parts),
        citations=citations,
        records=answer_records(ranked.hits, numbers),
        tables=tables,
        warnings=list(ranked.notes),
        **extra,
    )


def citation_line(c: Citation) -> str:
    """One source: its title linked to the article's own http(s) URL, curation page, date."""
    title = c.title or f"Article {c.article_id[:8]}… (tabular export, no title)"
    line = f"**[{c.n}]** " + link(title, c.url)
    if c.page:
        line += " · curation page " + link(c.page, c.page_url)
    if c.date:
        line += f" · {escape_text(c.date)}"
    return line


SHOWN_PLACES = 8  # places named in a "where" answer's line, most named first


def places_line(hits: list[Hit], numbers: dict[str, int]) -> str:
    """For a question that asks where: the places the records shown name (countries, regions,
    states and large cities, by the gazetteer that anchors questions), how many records name each
    and where, and how many name none. The records say it, so the line can be checked against
    them; nothing is inferred from an article's origin."""
    strong = [h for h in hits if h.strong] or hits
    named: dict[str, list[Hit]] = {}
    for hit in strong:
        for place in places_named(hit.record.fields()):
            named.setdefault(place, []).append(hit)
    if not named:
        return "**Where:** the record shown names no place." if len(strong) == 1 else f"**Where:** none of the {len(strong)} records shown names a place."
    ranked = sorted(named.items(), key=lambda item: (-len(item[1]), item[0]))
    shown = [
        f"{escape_text(place)} ({len(found)}) {cite(*sorted({numbers[h.record.article_id] for h in found}))}" for place, found in ranked[:SHOWN_PLACES]
    ]
    others = f" and {len(ranked) - SHOWN_PLACES} more" if len(ranked) > SHOWN_PLACES else ""
    unnamed = sum(1 for h in strong if not any(h in found for found in named.values()))
    rest = f"; {unnamed} of the {len(strong)} name none" if unnamed else ""
    return f"**Where:** the records shown name {', '.join(shown)}{others}{rest}."


def read_lines(plan: QueryPlan, ranked: Ranked, numbers: dict[str, int]) -> list[str]:
    """What the question asks of its records beyond the records, read from them and said after the
    lead (or after a model's prose): the places they name, the driving forces or 10-year outlooks
    of the signals, the order of the tables when asked by rating, which way their names say the
    thing moves or what goes against it."""
    lines = [places_line(ranked.hits, numbers) if plan.where else "", forces_text(plan, ranked, numbers)]
    if plan.by_rating and any(h.strong for h in ranked.hits):
        lines.append("As asked, each table ranks its records by relevancy, highest first (unrated records last, weaker matches after them).")
    if plan.page == 1:
        lines.append(direction_line(plan, ranked.hits, numbers))
    return [line for line in lines if line]


SHOWN_FORCES = 4  # signals quoted for each group of driving forces


def forces_text(plan: QueryPlan, ranked: Ranked, numbers: dict[str, int]) -> str:
    """For a question that asks what drives its topic (or what it leads to): the driving forces
    (or 10-year outlooks) the signals shown name, grouped by meaning (`drivers.with_forces`), each
    group with how many signals and articles name it and a few of them quoted (too few to group
    are listed one by one); or that none of the records shown carries one. "" for any other
    question, and when nothing clears the bar. The text is the signals' stored column, so each
    line can be checked against them."""
    if not (plan.drivers or plan.effects) or plan.page != 1 or not any(h.strong for h in ranked.hits):
        return ""  # nothing clears the bar: the lead says so, and weaker rows drive nothing asked
    about = f"“{escape_text(plan.query)}”"
    heading, what, col, gives = (
        ("What drives it", "driving forces", "driving-force", "names a driving force")
        if plan.drivers
        else ("What it leads to", "10-year outlooks", "10-year", "gives a 10-year outlook")
    )
    if not ranked.forces:
        return f"**{heading}:** none of the records shown is a signal about {about} that {gives} (the Signals table's {col} column)."
    by_id = {h.record.id: h for h in ranked.hits}
    groups = [(terms, [by_id[i] for i in ids if i in by_id]) for terms, ids in ranked.forces]
    named = sum(len(hits) for _, hits in groups)
    grouped = any(terms for terms, _ in groups)
    lines = [
        f"### {heading}\n\nThe {what} named by the **{named} signal{'s' if named != 1 else ''}** shown that {'are' if named != 1 else 'is'} about {about} "
        f"(each signal's own {col} column){', grouped by meaning' if grouped else ''}:"
    ]

    def quoted(hit: Hit) -> str:
        return f"**{escape_text(hit.record.name)}**: {clause(getattr(hit.record, plan.asked_column()) or '')} {cite(numbers[hit.record.article_id])}"

    for terms, hits in groups:
        if not terms:
            lines += [f"- {quoted(h)}." for h in hits]
            continue
        articles = len({h.record.article_id for h in hits})
        others = f"; and {len(hits) - SHOWN_FORCES} more" if len(hits) > SHOWN_FORCES else ""
        lines.append(
            f"- **{' · '.join(escape_text(t) for t in terms)}**, named by {len(hits)} signal{'s' if len(hits) != 1 else ''} "
            f"from {articles} article{'s' if articles != 1 else ''}: " + "; ".join(quoted(h) for h in hits[:SHOWN_FORCES]) + others + "."
        )
    return "\n".join(lines)


SHOWN_MOVING = 3  # records named for each direction


def direction_line(plan: QueryPlan, hits: list[Hit], numbers: dict[str, int]) -> str:
    """For a question whether a thing moves so ("Is the gig economy shrinking?"): how many of the
    records shown say, by their names, that it goes up, how many that it goes down, and, asked
    whether it falls, how many are named for what holds it back, a few of each named; when no name
    says either, that none does. "" for any other question. The names say it, so the
    line can be checked against the rows; nothing is read into a description. For a question that
    asks what goes against its topic ("What contradicts the idea that EV adoption is accelerating?"),
    the records named for the way against it come first in the line."""
    names = plan.entity_names
    question = plan.resolved or plan.question
    asked = contrary_asked(question, plan.query, names) if plan.contrary else whether_asked(question, plan.query, names)
    strong = [h for h in hits if h.strong]
    if asked is None or asked[1] is None or not strong:
        return ""
    named = {h.record.id: h.record.name for h in strong}
    topic = " ".join(moving_words(question, plan.query, is_actor))  # the words retrieval read the names by
    up, down = moving(asked[1], topic, named)
    # against a thing, or asked whether it falls, what holds it back says so too ("Remote Work Difficulties")
    held = [i for i in held_back(asked[1], topic, named) if i not in up and i not in down] if asked[0] is DOWN else []
    shown = "the record shown" if len(strong) == 1 else f"the {len(strong)} records shown"
    if not up and not down and not held:
        # asked whether it moves, the answer says that none of its records says so either way
        if plan.contrary:  # "any counter-signals?": that none of them goes against it
            if len(strong) == 1:
                return "**Against it:** the record shown is named neither for a fall nor for what holds it back."
            return f"**Against it:** none of {shown} is named for a fall or for what holds it back."
        if len(strong) == 1:
            return "**Which way:** the record shown is named for neither a rise nor a fall."
        return f"**Which way:** none of {shown} is named for a rise or a fall."
    by_id = {h.record.id: h for h in strong}

    def said(ids: list[str], way: str) -> str:
        if not ids:
            return f"none is named for {way}"
        names: dict[str, list[int]] = {}
        for i in ids:
            names.setdefault(by_id[i].record.name, []).append(numbers[by_id[i].record.article_id])
        named = ", ".join(f"**{escape_text(name)}** {cite(*sorted(set(ns)))}" for name, ns in list(names.items())[:SHOWN_MOVING])
        more = f" and {len(names) - SHOWN_MOVING} more" if len(names) > SHOWN_MOVING else ""
        return f"{len(ids)} {'is' if len(ids) == 1 else 'are'} named for {way} ({named}{more})"

    first, second = (said(up, "a rise"), said(down, "a fall")) if asked[0] is UP else (said(down, "a fall"), said(up, "a rise"))
    if held:
        first += "; " + said(held, "what holds it back")
    return f"**{'Against it' if plan.contrary else 'Which way'}:** of {shown}, {first}; {second}."


def coverage_line(plan: QueryPlan, ranked: Ranked, *, entities: bool = True, every_part: bool = True, apart_said: bool = False) -> str:
    """How much evidence there is: how many of the records shown mention the question's entities
    directly and how many speak to every part of a question that places one topic in another
    (unless the lead said it: `entities`, `every_part`, `apart_said` that nothing names the
    entities together; how the parts were read is said either way),
    how many each part of a multi-part question has, and what 'more' would show."""
    hits = ranked.hits
    sentences = []
    if plan.page > 1 and hits:
        first = _shown_before(plan, ranked) + 1
        weaker = sum(1 for h in hits if not h.strong)
        label = "weaker matches" if weaker == len(hits) else "matches"
        sentences.append(f"More {label}: {first}–{first + len(hits) - 1} of {ranked.total}" + (f" ({weaker} weaker)." if 0 < weaker < len(hits) else "."))
        if ranked.parts and ranked.parts.alone and first <= ranked.parts.held + ranked.parts.alone:
            sentences.append(f"Matches {ranked.parts.held + 1}–{ranked.parts.held + ranked.parts.alone} clear the bar but speak to part of the question only.")
    if plan.entities and hits and entities:
        sentences.append(entity_sentence(plan, hits, "" if apart_said else ranked.placed))
    if ranked.parts and hits and plan.page == 1:
        sentences.append(parts_sentence(ranked.parts, hits) if every_part else parts_reading(ranked.parts))
    if len(plan.aspects) >= 2:
        parts = []
        for number, aspect in enumerate(plan.aspect_labels()):
            shown = sum(1 for h in hits if h.aspect == number)
            parts.append(f"“{escape_text(aspect)}” {shown} record{'s' if shown != 1 else ''}")
        sentences.append(f"The question has {len(plan.aspects)} parts, each searched on its own: " + ", ".join(parts) + ".")
    if ranked.more:
        waiting = ranked.total - _shown_before(plan, ranked) - len(hits)
        weaker = all(not h.strong for h in ranked.more)
        partial = ranked.parts.alone if ranked.parts and plan.page == 1 else 0
        if partial:
            sentences.append(
                f"{waiting} more matches are one “more” away: first the {partial} that speak to part of the question only"
                + (", then weaker ones." if waiting > partial else ".")
            )
        else:
            sentences.append(
                f"{waiting} more {'weaker ' if weaker else ''}match{'es' if waiting != 1 else ''} "
                f"{'are' if waiting != 1 else 'is'} one “more” away."
            )
    return " ".join(sentences)


def ties(hits: list[Hit]) -> tuple[int, int, int]:
    """How many hits name the question's entity, come from an article that does, or neither."""
    direct = sum(1 for h in hits if h.anchor == "direct")
    article = sum(1 for h in hits if h.anchor == "article")
    return direct, article, len(hits) - direct - article


def untied_sentence(plan: QueryPlan, waiting: bool = False) -> str:
    """The first words of an answer none of whose records is tied to the question's entities; and
    when records tied to them wait among the weaker matches, that they do ("What are the risks of
    ChatGPT at work?": ChatGPT's records on risks say nothing of work)."""
    names = " or ".join(escape_text(e.name) for e in plan.entities)
    if waiting:
        return (
            f"No record shown here mentions {names} or comes from an article about it: those that do are weaker matches for "
            f"“{escape_text(plan.focus)}” and lead what “more” shows. These are related context on “{escape_text(plan.focus)}”."
        )
    return f"No record here mentions {names} or comes from an article about it; these are related context on “{escape_text(plan.focus)}”."


def entity_sentence(plan: QueryPlan, hits: list[Hit], placed: str) -> str:
    """How many of these records are about the question's entities: mention them directly, come
    from an article that does, or are related context only."""
    if placed == "together":
        names = " and ".join(escape_text(e.name) for e in plan.entities)
        tied = sum(1 for h in hits if h.anchor in ("direct", "article"))
        rest = len(hits) - tied
        text = f"**{tied}** of these {'is' if tied == 1 else 'are'} about {names} together (the record or its article names each of them)"
        if rest:
            text += f"; the other {'one is' if rest == 1 else f'{rest} are'} related context (one of them, neighbours or region), not about {names} together"
        return text + "."
    if placed == "unmet":
        names = " or ".join(escape_text(e.name) for e in plan.entities)
        direct = sum(1 for h in hits if h.anchor == "direct")
        text = f"{plan.none_of()} names {names} with “{escape_text(plan.focus)}”, so these are the matches on “{escape_text(plan.focus)}”"
        if direct:
            text += f"; **{direct}** of them mention{'s' if direct == 1 else ''} {names} directly"
        return text + "."
    names = " or ".join(escape_text(e.name) for e in plan.entities)
    direct, article, rest = ties(hits)
    text = f"**{direct}** of these mention{'s' if direct == 1 else ''} {names} directly"
    if placed == "apart":
        together = " and ".join(escape_text(e.name) for e in plan.entities)
        text = f"No record or article names {together} together; " + text
    if article:
        text += f", {article} come{'s' if article == 1 else ''} from {'an article that does' if article == 1 else 'articles that do'}"
    if rest == 1:
        text += f"; the other one is related context (neighbours, region or topic), not about {names} itself"
    elif rest:
        text += f"; the other {rest} are related context (neighbours, region or topic), not about {names} itself"
    return text + "."


def grounding(plan: QueryPlan, hits: list[Hit], ranked: Ranked) -> list[str]:
    """How much of a document's evidence is about what was asked: the place or organisation
    named, and every part of a topic placed in another (a briefing's bottom line, an outlook's lead)."""
    sentences = []
    if plan.entities and hits:
        sentences.append(entity_sentence(plan, hits, ranked.placed))
    held = ranked.parts
    if held and held.held < len(hits):
        if held.held == 0:
            sentences.append("**None** of these speaks to every part of the question; each speaks to part of it. " + parts_reading(held))
        else:
            verb = "speaks" if held.held == 1 else "speak"
            sentences.append(f"Only **{held.held}** of these {verb} to every part of the question; the others speak to part of it. " + parts_reading(held))
    return sentences


def parts_sentence(held: PartsHeld, hits: list[Hit], *, counted: bool = False) -> str:
    """How many matches speak to every part of a question that places one topic in another, and
    by which words that was read (so the reader can check it). A count says that only those are
    counted."""
    how = " " + parts_reading(held)
    if held.alone and counted:
        return (
            f"Only what speaks to every part of the question is counted: {held.alone} more records speak to part of it only "
            "and follow among the weaker matches." + how
        )
    if held.alone:
        return f"**{held.held}** of the matches speak to every part of the question." + how
    if held.held == 0:
        return "**None** of these speaks to every part of the question; each speaks to part of it." + how
    names = [f"**{escape_text(h.record.name)}**" for h in hits if h.record.id in held.ids]
    which = f": {' and '.join(names)}" if names else ""
    verb = "speaks" if held.held == 1 else "speak"
    return f"Only **{held.held}** of the matches {verb} to every part of the question{which}; the others speak to part of it." + how


def parts_reading(held: PartsHeld) -> str:
    """By which words a record was read as speaking to each part (so the reader can check it)."""
    words = "; ".join(f"“{escape_text(part)}”: {', '.join(escape_text(w) for w in ws[:SHOWN_WORDS])}" for part, ws in zip(held.parts, held.words, strict=True))
    return f"Read from the words of each record or its article, or from a record close in meaning to a part ({words})."


def _shown_before(plan: QueryPlan, ranked: Ranked) -> int:
    """How many records the earlier pages of this answer showed."""
    return ranked.offset


def answer_records(hits: list[Hit], numbers: dict[str, int], plan: QueryPlan | None = None) -> list[AnswerRecord]:
    """The records an answer rests on, as `Answer.records` shows them (`n` 0: not cited here)."""
    aspects = plan.aspect_labels() if plan else []
    return [
        AnswerRecord(
            n=numbers.get(h.record.article_id, 0),
            id=h.record.id,
            article_id=h.record.article_id,
            kind=h.record.kind,
            name=h.record.name,
            description=h.record.description,
            relevancy=h.record.relevancy,
            score=h.score,
            strong=h.strong,
            anchor=h.anchor,
            aspect=aspects[h.aspect] if h.aspect is not None and h.aspect < len(aspects) else None,
        )
        for h in hits
    ]


def through_articles_sentence(plan: QueryPlan, ranked: Ranked) -> str:
    """How the records of a lookup were admitted when none of the kinds asked for clears the bar on
    its own (`lookup.through_articles`)."""
    unit = plan.kinds[0] if len(plan.kinds) == 1 else "record"
    shown = len(ranked.hits)
    articles = ranked.through_articles
    return (
        f"**No {unit} clears the bar on “{escape_text(plan.query)}” on its own**; **{count_phrase(Counter(ranked.elsewhere))}** "
        f"of other kinds do, and {'the one here comes' if shown == 1 else f'the {shown} here come'} from {'an article' if articles == 1 else f'{articles} articles'} of theirs."
    )


def elsewhere_sentence(elsewhere: dict[str, int], verb: str | None = None, *, more: bool = False) -> str:
    """What the kinds the question did not ask for hold, when those it asked for hold nothing (or,
    `more`, next to nothing: `intents.FEW_OF_KIND`); `verb` is what they do, by default that
    they clear the bar ("1 signal clears it", "3 concerns clear it")."""
    most = next(iter(elsewhere))
    verb = verb or ("clears it" if sum(elsewhere.values()) == 1 else "clear it")
    ask = f"(ask for “only the {PLURALS[most]}”)"
    if more:
        return f"Records of other kinds clear it too: **{count_phrase(Counter(elsewhere))}** {ask}."
    return f"Records of other kinds do: **{count_phrase(Counter(elsewhere))}** {verb} {ask}."


def _percent(part: int, whole: int) -> str:
    share = 100 * part / whole
    return f"{share:.0f}%" if share >= 10 or share == 0 else f"{share:.1f}%"


def count_phrase(kinds: Counter[str]) -> str:
    """'5 signals' or '12 records (5 signals, 4 concerns, 3 issues)'."""
    total = sum(kinds.values())

    def one(kind: str, n: int) -> str:
        return f"{n:,} {kind if n == 1 else PLURALS[kind]}"

    if len(kinds) == 1:
        kind, n = next(iter(kinds.items()))
        return one(kind, n)
    detail = ", ".join(one(k, n) for k, n in kinds.most_common())
    return f"{total:,} records ({detail})"


def describe_filters(plan: QueryPlan) -> str:
    parts = []
    if plan.kinds:
        parts.append("kind " + " or ".join(plan.kinds))
    parts += plan.relevancy_words()
    if plan.since:
        parts.append(f"dated from {plan.since.isoformat()}")
    if plan.until:
        parts.append(f"dated until {plan.until.isoformat()}")
    if plan.query:
        parts.append(f"the topic “{escape_text(plan.query)}”")
    return ", ".join(parts)


def describe_period(since: date | None, until: date | None) -> str:
    """'dated 2024-01-01 to 2024-12-31', 'dated from 2024-01-01', and 'dated 2024-04-02' for one day
    only (an open end must not read as one day)."""
    if since and until:
        return f"dated {since.isoformat()}" if since == until else f"dated {since.isoformat()} to {until.isoformat()}"
    return f"dated from {since.isoformat()}" if since else f"dated until {until.isoformat()}" if until else ""


def filters_said(plan: QueryPlan) -> list[str]:
    """The question's relevancy and period in words ("rated 4 or higher", "dated from 2024-01-01")."""
    filters = [f"rated {plan.min_relevancy}" + (" or higher" if plan.min_relevancy < 5 else "")] if plan.min_relevancy else []
    if plan.min_relevancy and plan.min_relevancy == plan.max_relevancy:
        filters = [f"rated {plan.min_relevancy}"]  # "rated exactly 4"
    elif plan.max_relevancy:
        filters.append(f"rated {plan.max_relevancy}" + (" or lower" if plan.max_relevancy > 1 else ""))
    if plan.since or plan.until:
        filters.append(describe_period(plan.since, plan.until))
    return filters


def synthesis(plan: QueryPlan, hits: list[Hit], numbers: dict[str, int], elsewhere: dict[str, int] | None = None) -> str:
    """Two to four sentences from the records: what, how many, which articles, strongest
    relevancy, corroboration across articles, ten-year outlook. With only weaker matches, the
    first says so (and which other kinds, `elsewhere`, hold strong ones)."""
    articles = Counter(h.record.article_id for h in hits)
    about = f" on “{escape_text(plan.query)}”" if plan.query else ""
    filters = filters_said(plan)
    scope = (" (" + ", ".join(filters) + ")") if filters else ""
    n_articles = f"{len(articles)} article" + ("s" if len(articles) > 1 else "")
    weaker_page = plan.page > 1 and not any(h.strong for h in hits)
    if weaker_page:  # a later page of weaker matches says so first, not "20 technologies on water purification"
        sentences = [f"**{len(hits):,} weaker match{'es' if len(hits) != 1 else ''}** ({count_phrase(Counter(h.record.kind for h in hits))}) from {n_articles}{about}{scope}."]
    elif any(h.strong for h in hits) or plan.page > 1:
        sentences = [f"**{count_phrase(Counter(h.record.kind for h in hits))}** from {n_articles}{about}{scope}."]
        if elsewhere:  # one signal where five concerns clear the bar
            sentences.append(elsewhere_sentence(elsewhere, more=True))
    else:  # the first words say there is no evidence, not "3 signals on Finland's military buildup"
        unit = plan.kinds[0] if len(plan.kinds) == 1 else "record"
        sentences = [
            f"**No {unit} clears this question's evidence bar**{about}{scope}; the {len(hits)} closest, from {n_articles}, "
            "are shown as **weaker matches**."
        ]
        if elsewhere:
            sentences.append(elsewhere_sentence(elsewhere))

    top = hits[0].record
    seen = f" (said by {hits[0].corroboration.label()})" if hits[0].corroboration else ""
    sentences.append(
        f"The closest {'of them' if weaker_page else 'match'} is **{escape_text(top.name)}**{seen}"
        + (f": {clause(top.description)}" if top.description else "")
        + f" {cite(numbers[top.article_id])}."
    )
    said = {_key(hits[0])}

    rated = [h.record.relevancy for h in hits if h.record.relevancy]
    if rated:
        best = max(rated)
        strongest = _distinct([h for h in hits if h.record.relevancy == best], said)[:3]
        if strongest:
            names = join_and([f"**{escape_text(h.record.name)}** {cite(numbers[h.record.article_id])}" for h in strongest])
            sentences.append(f"Rated highest ({best}/5): {names}.")

    corroborated = max((h for h in hits if h.corroboration), key=lambda h: h.corroboration.articles, default=None)  # type: ignore[union-attr]
    if corroborated and corroborated.corroboration and _key(corroborated) not in said:
        sentences.append(
            f"The most corroborated is **{escape_text(corroborated.record.name)}**, said by {corroborated.corroboration.label()} "
            f"{cite(numbers[corroborated.record.article_id])}."
        )
    lead, lead_count = articles.most_common(1)[0]
    if len(articles) > 1 and lead_count > 1 and len(sentences) < 4:
        lead_hit = next(h for h in hits if h.record.article_id == lead)
        sentences.append(f"{lead_count} of them come from {_title(lead_hit)} {cite(numbers[lead])}.")
    signal = next((h.record for h in hits if h.record.kind == "signal" and h.record.horizon), None)
    if signal and len(sentences) < 4:
        sentences.append(
            f"Ten years out, **{escape_text(signal.name)}** points to this: {clause(signal.horizon or '')} {cite(numbers[signal.article_id])}."
        )
    return " ".join(sentences[:4])


def _key(hit: Hit) -> tuple:
    if hit.corroboration:
        return ("cluster", hit.corroboration.cluster)
    return (hit.record.kind, hit.record.name.strip().lower())


def _distinct(hits: list[Hit], said: set[tuple]) -> list[Hit]:
    """Hits whose record was not mentioned yet (same cluster or same name counts as said)."""
    out = []
    for hit in hits:
        if _key(hit) not in said:
            said.add(_key(hit))
            out.append(hit)
    return out


def sources_markdown(citations: list[Citation]) -> str:
    return "\n".join(["**Sources**", "", *(f"- {citation_line(c)}" for c in citations)])


def _title(hit: Hit) -> str:
    return f"“{escape_text(hit.article.title)}”" if hit.article.title else f"article {escape_text(hit.article.id[:8])}…"


def clause(text: str) -> str:
    """A stored sentence as a clause of ours: one line, no final period, escaped (text is text)."""
    return escape_text(" ".join(text.split()).rstrip("."))


def join_and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]

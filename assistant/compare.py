"""Comparisons ("compare X and Y", "X vs Y"): each side retrieved on its own under the same
filters, every record kept only on the side it is closer to, then shown side by side with what
the sides share, what only one has, and how their relevancy and dates spread."""

from __future__ import annotations

import re
from collections import Counter
from statistics import mean

from index import NodeFilter, RetrievalSettings
from index.records import PLURALS
from index.search import SearchIndex

from .aggregate import mention_pattern
from .citations import cite, number_sources
from .compose import answer_records, assemble, filters_said, join_and, nothing_found, sources_markdown, ties
from .entities import POLITY, cities_of, names_pattern
from .fusion import alternate, diversify
from .likeness import likeness
from .markup import escape_text
from .models import Answer, EntityRef, Hit, QueryPlan, Ranked, Table
from .plan import PLACING, entities_in, focus_of
from .retrieve import retrieve
from .tables import markdown_table

WORD = re.compile(r"[a-z][a-z-]{3,}")
COMMON = set(
    """
    about their there these those which while with from into over more less than that this have been will would could
    increasing increased growing rising potential impact impacts future new shift change changes trend trends towards
    toward among across within using based through become becoming greater need needs role risk risks concern concerns
    """.split()
)


OWNING_RECORDS = 2  # records of an article that name one side's place, twice as many as the other's, for it to be that side's
HEAD_RECORDS = 3  # records that must say a first side with the second side's head word for it to take that word
SIBLING_COSINE = 0.45  # a second side this close to the first side's head is of its sort, and may take its modifier (`likeness`)
COMPLEMENT_SHARE = 0.15  # of the records saying a word, the share that write "to" or "towards" after it, for it to take one
# "Compare attitudes to nuclear power in Germany and France": what is compared, then two short places
_COMPLEMENT = re.compile(
    r"^\s*compare\s+(?:the\s+)?(?P<topic>(?P<head>[\w-]+)\s+(?:to|towards?)\s+.+?)\s+(?P<at>in|for|across|between|among)\s+"
    r"(?P<one>(?:the\s+)?[\w.'-]+(?:\s+[\w.'-]+){0,2}?)\s+(?:and|vs\.?|versus)\s+(?:(?P=at)\s+)?(?P<two>(?:the\s+)?[\w.'-]+(?:\s+[\w.'-]+){0,2})\s*[?.!]*\s*$",
    re.I,
)


def with_heads(sides: list[str], index: SearchIndex) -> list[str]:
    """A one-word side that leaves its head to the other side takes it, when the corpus says them
    together: "remote and hybrid work" compares remote work with hybrid work, "nuclear power vs
    solar" nuclear power with solar power, "sodium-ion batteries vs lithium" with lithium-ion
    batteries (the other side's form, when the corpus says that more); "private and public space
    companies" private space companies with public ones. A second side that leaves its modifier to
    the first takes that: "nuclear fusion and fission" compares nuclear fusion with nuclear
    fission. "drones and electric vehicles" stays as it is (no record says "drones vehicles")."""
    if len(sides) != 2:
        return sides
    out = list(sides)
    for one, other in ((0, 1), (1, 0)):
        words = sides[other].split()
        if len(sides[one].split()) != 1 or len(words) < 2:
            continue
        word, first = sides[one], words[0]
        # the word the side stands in for: of "public space companies", "public" for "private"
        # (the model reads them as alike), of "offshore wind power", "wind" for "solar"
        at = 0 if len(words) == 2 else (alike := likeness(word, words[:-1], index)).index(max(alike))
        forms = {" ".join([word, *words[at + 1 :]]): f"{word} {words[at + 1]}"}  # (said by the corpus with the word after it)
        if "-" in first:  # "sodium-ion": "lithium-ion"
            forms[" ".join([word + first[first.index("-") :], *words[1:]])] = ""
        if one == 1 and len(words) == 2 and likeness(word, words[-1:], index)[0] >= SIBLING_COSINE:  # "nuclear fusion and fission": "nuclear fission"
            forms[f"{first} {word}"] = ""
        said = {form: len(index.mentions([evidence or form], NodeFilter())) for form, evidence in forms.items()}
        best = max(forms, key=lambda form: said[form])
        if said[best] >= HEAD_RECORDS:
            out[one] = best
    return out


def with_complement(sides: list[str], question: str, index: SearchIndex) -> list[str]:
    """The places as the sides when what is compared takes "to" as its complement: "Compare attitudes
    to nuclear power in Germany and France" compares attitudes to nuclear power in Germany with
    those in France, not attitudes with nuclear power (the corpus writes "attitudes towards" in
    most records that say "attitudes"); "Compare solar to wind in Spain and Germany" compares solar
    with wind (no record writes "solar to")."""
    match = _COMPLEMENT.match(question)
    if match is None:
        return sides
    head = match.group("head")
    said = index.document_frequency(head)
    followed = sum(index.phrase_records(f"{head} {word}") for word in ("to", "towards", "toward"))
    if not said or followed < COMPLEMENT_SHARE * said:
        return sides
    at = "in" if match.group("at").lower() in ("across", "between") else match.group("at").lower()  # "among" stays: a population
    return [f"{match.group('topic')} {at} {match.group(side)}" for side in ("one", "two")]


def with_places(sides: list[str], entities: list[EntityRef]) -> list[str]:
    """A side that is only a place asks the other side's topic of that place: "robotaxis in China
    and the US" compares robotaxis in China with robotaxis in the US, not with all that the corpus
    says of the US; a union of countries stands as a place ("crypto regulation in the US and the
    EU"). Only a place for a place ("robotaxis in China and Waymo" stays as it is)."""
    if len(sides) != 2:
        return sides
    out = list(sides)
    for one, other in ((0, 1), (1, 0)):
        own = entities_in(sides[one], entities)
        if not own or any(e.type == "name" and not POLITY.fullmatch(e.name) for e in own):
            continue
        if re.sub(r"\b(?:the|a|an)\b", " ", focus_of(sides[one], own), flags=re.I).strip():
            continue  # the side asks something of its own
        # the other side's place: the name its topic is placed in ("robotaxis in China", "AI rules in the EU")
        aliases = sorted({a for e in entities_in(sides[other], entities) for a in e.aliases if a}, key=len, reverse=True)
        where = re.search(r"\b(?:" + PLACING + r")\s+(?:the\s+)?(" + "|".join(re.escape(a) for a in aliases) + r")(?![\w-])", sides[other], re.I) if aliases else None
        if where is None:  # a place the question did not capitalise: "robotaxis in china vs the us"
            where = re.search(r"\b(?:in|across|within|inside|throughout)\s+(?:the\s+)?([a-z][\w-]*)\s*$", sides[other])
        if where is None and aliases:  # the place said last, bare: "EV adoption Europe vs US"
            bare = re.search(r"\s(?:the\s+)?(" + "|".join(re.escape(a) for a in aliases) + r")\s*$", sides[other], re.I)
            if bare is not None and sides[other][: bare.start()].strip():
                topic = sides[other][: bare.start()].strip()
                out[other], out[one] = f"{topic} in {bare.group(1)}", f"{topic} in {sides[one]}"
            continue
        if where is None or not sides[other][: where.start()].strip():
            continue
        before = re.sub(r"\bthe\s+$", "", sides[other][: where.start(1)], flags=re.I)  # "in the UK" takes "Germany" as asked
        place = f"the {sides[one]}" if POLITY.fullmatch(sides[one]) and sides[one] != "ASEAN" and not sides[one].lower().startswith("the ") else sides[one]
        out[one] = before + place + sides[other][where.end(1) :]
    return out


def _apart(plan: QueryPlan, side: str) -> list[EntityRef]:
    """The entities that set this side apart from the others: "AI" in "AI regulation in the EU"
    and in the US tells neither side's records from the other's."""
    others = [e for other in plan.sides if other != side for e in entities_in(other, plan.entities)]
    return [e for e in entities_in(side, plan.entities) if e not in others]


def _owners(texts: dict[str, list[str]], patterns: list[re.Pattern[str] | None]) -> dict[str, int]:
    """The side whose place each article (with its records' texts) is about: at least
    `OWNING_RECORDS` of its records name that place (or a city or state of it), twice as many as
    name the other's (an article on Wuhan's robotaxis that mentions the US in passing is China's;
    one on Baltic cables between Finland and Estonia is neither's)."""
    if len(patterns) != 2 or not all(patterns):
        return {}
    owners = {}
    for article, records in texts.items():
        said = [sum(1 for t in records if p and p.search(t)) for p in patterns]
        for side in (0, 1):
            if said[side] >= OWNING_RECORDS and said[side] >= 2 * said[1 - side]:
                owners[article] = side
    return owners


def _tied_to(hits: list[Hit], pattern: re.Pattern[str] | None, texts: dict[str, list[str]], index: SearchIndex) -> list[Hit]:
    """The side's hits, each tied to the side's own place or organisation: it names it (direct),
    another record of its article does (article, from the articles' record `texts`), or neither
    (no tie). Without one, as they were."""
    if pattern is None:
        return hits
    naming: dict[str, bool] = {}
    for article_id, article in index.articles(sorted({h.record.article_id for h in hits})).items():
        said = " ".join([article.title or "", article.summary or "", *article.keywords])
        naming[article_id] = bool(pattern.search(said)) or any(pattern.search(t) for t in texts.get(article_id, []))
    return [
        h.model_copy(update={"anchor": "direct" if pattern.search(h.record.fields()) else "article" if naming.get(h.record.article_id) else None})
        for h in hits
    ]


def _the_other(n: int) -> str:
    return "the other one is" if n == 1 else f"the other {n} are"


def _names(entities: list[EntityRef], *, cities: bool = False) -> re.Pattern[str] | None:
    """The entities' names as their mentions are matched (a short acronym such as "US" in capitals); with
    `cities`, a country's large cities and states too."""
    return names_pattern(a for e in entities for a in (*e.aliases, *(cities_of(e.name) if cities and e.type == "country" else ())))


def _wordings(sides: list[str]) -> list[tuple[re.Pattern[str], re.Pattern[str] | None]]:
    """Each side as a record's words mention it ("fast fashion", "Fast Fashion's":
    `aggregate.mention_pattern`), and the words that set it apart from the other sides ("fast"; None
    when it has none)."""
    words = [re.findall(r"[\w'’]+", side.lower()) for side in sides]
    out = []
    for n, own in enumerate(words):
        others = {w for m, ws in enumerate(words) if m != n for w in ws}
        apart = [w for w in own if w not in others]
        out.append((mention_pattern([" ".join(own)]), mention_pattern(apart) if apart else None))
    return out


def _statement(hit: Hit) -> str:
    """What a record states, as a side's table groups it: its name, in any case."""
    return hit.record.name.strip().lower()


def _room(hits: list[Hit], rows: int, per_statement: int) -> tuple[list[Hit], list[Hit]]:
    """The first hits that fill `rows`, a statement's copies beyond `per_statement` taking no room,
    and the rest."""
    said: Counter[str] = Counter()
    filled = 0
    for n, hit in enumerate(hits):
        if filled >= rows:
            return hits[:n], hits[n:]
        said[_statement(hit)] += 1
        filled += said[_statement(hit)] <= per_statement
    return hits, []


def _in_repeats_room(side: list[Hit], waiting: set[str], rows: int, per_statement: int) -> list[Hit]:
    """The side's hits with only as many of its `waiting` ones (strong matches beyond the room its
    search read) as its rows would otherwise give to a statement said again: they stand in for the
    repeats, never for a row the side has no match for."""
    read = diversify([h for h in side if h.record.id not in waiting], _statement, per_statement)[:rows]
    said: Counter[str] = Counter(_statement(h) for h in read)
    repeats = sum(n - per_statement for n in said.values() if n > per_statement)
    kept = set([h.record.id for h in side if h.record.id in waiting][:repeats])
    return [h for h in side if h.record.id not in waiting or h.record.id in kept]


def gather_sides(plan: QueryPlan, index: SearchIndex, settings: RetrievalSettings, k: int) -> tuple[list[list[Hit]], Ranked]:
    """Hits per side: a record tied to one side's place or organisation on that side, any other
    on the side whose question it is closer to."""
    per_side = max(1, k // len(plan.sides))
    sides: list[Ranked] = []
    waiting: list[list[Hit]] = []  # a side's strong matches beyond its room: they take a statement's repeat's place
    # twice the side's rows are read, so that a statement said again under one name ("Nuclear
    # Power Renaissance" by four articles, as a signal, an issue, a behavior and a technology, one
    # cell of the side's tables) leaves room for the side's other statements; only that room
    for side in plan.sides:  # each side anchored by its own entities only ("China" against "India")
        entities = entities_in(side, plan.entities)
        update = {"query": side, "topics": [side], "intent": "lookup", "entities": entities, "focus": focus_of(side, entities)}
        ranked = retrieve(plan.model_copy(update=update), index, settings, 2 * per_side)
        read, unread = _room(ranked.hits, per_side, settings.per_cluster)
        sides.append(ranked.model_copy(update={"hits": read, "more": [*unread, *ranked.more]}))
        waiting.append([h for h in unread if h.strong])
    vectors = [index.embed_query(side) for side in plan.sides]
    # a record tied to one side's place or organisation stands on that side, however close its
    # words are to the other's question: it names the place (or a city or state of that country:
    # Wuhan's robotaxis are China's), its article is about the place, or only that side's search
    # found it tied to its entity (naming it, or from an article that does)
    tied = [{h.record.id for h in [*r.hits, *r.more] if h.anchor in ("direct", "article")} for r in sides]
    patterns = [_names(_apart(plan, side)) for side in plan.sides]
    within = [_names(_apart(plan, side), cities=True) for side in plan.sides]
    # the records of every article found, read once for who owns an article and what it names
    articles = sorted({h.record.article_id for r in sides for h in r.hits})
    records = index.records(index.record_ids_of_articles(articles, NodeFilter())).values()
    texts: dict[str, list[str]] = {}
    for record in records:
        texts.setdefault(record.article_id, []).append(record.fields())
    owner = _owners(texts, within)
    wordings = _wordings(plan.sides)
    placed: list[list[Hit]] = [[] for _ in plan.sides]
    taken: set[str] = set()
    for number, ranked in enumerate(sides):
        for hit in [*ranked.hits, *waiting[number]]:
            if hit.record.id in taken:
                continue
            named = [n for n, p in enumerate(within) if p and p.search(hit.record.fields())]
            if len(named) == 1:
                owners = named  # it names one side's place itself ("State-Level AI Laws in the US")
            elif hit.record.article_id in owner:
                owners = [owner[hit.record.article_id]]  # its article is about one side's place
            else:
                owners = [n for n, ids in enumerate(tied) if hit.record.id in ids]
            if len(owners) != 1:
                # it is named for one side as the question words it, and for nothing that sets the
                # other apart ("Fast Fashion Waste" stands closer to sustainable fashion than to
                # fast fashion, in the model's reading; "Transition from Gas Heating to Electric
                # Heat Pumps" is both sides'); a description says more than its record is about
                # ("AI in Creative Fields" augments human creativity)
                owners = [n for n, (said, _) in enumerate(wordings) if said.search(hit.record.name) and not any(
                    other.search(hit.record.name) for m, (_, other) in enumerate(wordings) if m != n and other is not None
                )]
            if len(owners) == 1:
                placed[owners[0]].append(hit)  # on its place's side, whichever side's search found it
                taken.add(hit.record.id)
                continue
            closeness = [float(index.vector_of(hit.record.id) @ v) for v in vectors]
            if max(range(len(closeness)), key=closeness.__getitem__) != number:
                continue  # closer to the other side: it would stand on the wrong one
            placed[number].append(hit)
            taken.add(hit.record.id)
    placed = [_tied_to(side, pattern, texts, index) for side, pattern in zip(placed, patterns, strict=True)]
    placed = [_in_repeats_room(side, {h.record.id for h in wait}, per_side, settings.per_cluster) for side, wait in zip(placed, waiting, strict=True)]
    ordered = [diversify(side, _statement, settings.per_cluster) for side in placed]
    placed, left = [side[:per_side] for side in ordered], [side[per_side:] for side in ordered]
    taken -= {h.record.id for side in left for h in side}
    notes = list(dict.fromkeys(n for r in sides for n in r.notes))
    hits = [h for side in placed for h in side]
    # the sides' weaker matches alternate, so that "more" goes on with both sides, not one then the
    # other; a side's strong matches beyond its rows come first
    more = alternate([[*rest, *r.more] for rest, r in zip(left, sides, strict=True)], lambda h: h.record.id, set(taken))
    return placed, Ranked(hits=hits, more=more, matched=sum(r.matched for r in sides), notes=notes)


def compose_comparison(plan: QueryPlan, placed: list[list[Hit]], ranked: Ranked, *, clusters: bool = True) -> Answer:
    if not ranked.hits:
        return nothing_found(plan, ranked.notes)
    numbers, citations = number_sources(ranked.hits)
    labels = [f"A: {s}" for s in plan.sides[:1]] + [f"B: {s}" for s in plan.sides[1:2]]
    parts = [f"## Comparison: {escape_text(plan.sides[0])} vs {escape_text(plan.sides[1])}", overview(plan, placed, numbers)]
    tables = side_by_side(placed, labels, numbers, plan.kinds, clusters=clusters)
    tables.append(spread(placed, labels))
    for table in tables:
        parts += [f"### {table.title}", markdown_table(table)]
    parts += ["### Shared and distinct", shared_and_distinct(placed, labels)]
    parts.append(sources_markdown(citations))
    answer = assemble(plan, parts, ranked, numbers, citations, tables)
    answer.more = answer_records(ranked.more, numbers, plan)
    side_of = {h.record.id: label for label, hits in zip(labels, placed, strict=True) for h in hits}
    for record in answer.records:
        record.side = side_of.get(record.id)
    return answer


def overview(plan: QueryPlan, placed: list[list[Hit]], numbers: dict[str, int]) -> str:
    # the filters both sides are read under come first ("compare that with AI in advertising" after those rated 5)
    sentences = [f"Only records {join_and(filters)} are compared."] if (filters := filters_said(plan)) else []
    for side, hits in zip(plan.sides, placed, strict=True):
        if not hits:
            sentences.append(f"Nothing in the index speaks to “{escape_text(side)}”.")
            continue
        kinds = Counter(h.record.kind for h in hits)
        counted = join_and([f"{n} {PLURALS[k] if n > 1 else k}" for k, n in kinds.most_common()])
        top = hits[0].record
        articles = len({h.record.article_id for h in hits})
        sentences.append(
            f"On “{escape_text(side)}”: {counted} from {articles} article{'s' if articles > 1 else ''}, led by "
            f"**{escape_text(top.name)}** {cite(numbers[top.article_id])}."
        )
        if named := _apart(plan, side):
            # how much of the side is about its own place, as a lookup says it ("robotaxis in the US")
            names = " or ".join(escape_text(e.name) for e in named)
            direct, article, rest = ties(hits)
            # the placing words the entity's name leaves at either end ("Gulf states on energy": the records on "energy")
            topic = re.sub(r"^(?:(?:" + PLACING + r"|the)\s+)+|(?:\s+(?:" + PLACING + r"|the))+\s*$", "", focus_of(side, named), flags=re.I)
            if direct + article == 0:
                sentences.append(f"None of them names {names}, nor comes from an article that does: they are the records on “{escape_text(topic)}”.")
            elif rest or article:
                sentences.append(
                    f"**{direct}** of them name{'s' if direct == 1 else ''} {names}"
                    + (f", {article} come{'s' if article == 1 else ''} from {'an article that does' if article == 1 else 'articles that do'}" if article else "")
                    + (f"; {_the_other(rest)} related context" if rest else "")
                    + "."
                )
    return " ".join(sentences)


def side_by_side(
    placed: list[list[Hit]], labels: list[str], numbers: dict[str, int], kind_order: list[str], *, clusters: bool = True
) -> list[Table]:
    """One table per kind, a column per side, records paired by rank; near-duplicates of one
    cluster (or the same name said again) share a cell citing every copy."""
    kinds = list(dict.fromkeys([*kind_order, *(h.record.kind for side in placed for h in side)]))
    tables = []
    for kind in kinds:
        columns = [_cells([h for h in side if h.record.kind == kind], numbers, clusters) for side in placed]
        depth = max(len(c) for c in columns)
        if depth == 0:
            continue
        rows = [[c[i] if i < len(c) else "" for c in columns] for i in range(depth)]
        tables.append(Table(title=f"{PLURALS[kind].capitalize()} side by side", columns=labels, rows=rows, source="cells"))
    return tables


def _cells(hits: list[Hit], numbers: dict[str, int], clusters: bool) -> list[str]:
    """A cell per statement: a near-duplicate cluster's members, and records of the same name
    (in a cluster or not: "Nuclear Power Renaissance" twice in one column), share one."""
    groups: dict[tuple, tuple[str, list[int]]] = {}
    joined: dict[str, tuple] = {}  # cluster -> the cell its members share
    for hit in hits:
        if not clusters:
            key: tuple = (hit.record.id,)
        else:
            cluster = hit.corroboration.cluster if hit.corroboration else None
            key = joined.get(cluster, ("name", _statement(hit))) if cluster else ("name", _statement(hit))
            if cluster:
                joined.setdefault(cluster, key)
        name, cited = groups.setdefault(key, (hit.record.name, []))
        if numbers[hit.record.article_id] not in cited:
            cited.append(numbers[hit.record.article_id])
    return [f"{name} {cite(*cited)}" for name, cited in groups.values()]


def spread(placed: list[list[Hit]], labels: list[str]) -> Table:
    rows = [["Records"], ["Articles"], ["Mean relevancy"], ["Relevancy 5 / 4 / 3 or less"], ["Dates"]]
    for hits in placed:
        rated = [h.record.relevancy for h in hits if h.record.relevancy]
        dates = sorted(h.article.date for h in hits if h.article.date)
        rows[0].append(str(len(hits)))
        rows[1].append(str(len({h.record.article_id for h in hits})))
        rows[2].append(f"{mean(rated):.1f}" if rated else "")
        rows[3].append(" / ".join(str(sum(1 for r in rated if test(r))) for test in (lambda r: r == 5, lambda r: r == 4, lambda r: r <= 3)))
        rows[4].append(f"{dates[0].isoformat()} to {dates[-1].isoformat()}" if dates else "undated")
    return Table(title="Relevancy and date spread", columns=["", *labels], rows=rows, source="derived")


def shared_and_distinct(placed: list[list[Hit]], labels: list[str]) -> str:
    """Themes and keywords of each side's articles, and the words of its records: in common, or not."""

    def terms(hits: list[Hit]) -> Counter[str]:
        counts: Counter[str] = Counter()
        for h in hits:
            # in a set's order, terms counted alike came out in another order from one process to the next
            counts.update(sorted({t.lower() for t in [*h.article.themes, *h.article.keywords]}))
            counts.update(sorted(set(WORD.findall(f"{h.record.name} {h.record.description}".lower())) - COMMON))
        return counts

    a, b = (terms(side) for side in placed[:2])
    shared = [t for t, _ in (a & b).most_common(8)]
    only_a = [t for t, _ in a.most_common(40) if t not in b][:8]
    only_b = [t for t, _ in b.most_common(40) if t not in a][:8]
    def terms_text(found: list[str]) -> str:
        return ", ".join(escape_text(t) for t in found)

    lines = [f"- **Both**: {terms_text(shared) if shared else 'no common themes or terms'}"]
    lines.append(f"- **Only {escape_text(labels[0])}**: {terms_text(only_a) or '—'}")
    lines.append(f"- **Only {escape_text(labels[1])}**: {terms_text(only_b) or '—'}")
    return "\n".join(lines)

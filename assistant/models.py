"""The question side's vocabulary: `QueryPlan`, ranked records, and the `Answer` (DESIGN §5) that
carries its own evidence; the CLI prints it, the app renders it, eval scores it.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from index import Article, Record
from index.records import KINDS, PLURALS

Intent = Literal[
    "lookup", "articles", "list", "count", "recurring", "compare", "briefing", "trend", "digest", "topic_page", "outlook", "cards", "themes"
]


class EntityRef(BaseModel):
    """A place, organisation, person or product the question names, and the words that mention it."""

    name: str
    type: Literal["country", "city", "state", "region", "name"] = "name"
    aliases: list[str] = Field(default_factory=list, description="Words that count as a mention (names, demonyms, capitals).")
    related: list[str] = Field(default_factory=list, description="Words of its related context (neighbours, region).")


class QueryPlan(BaseModel):
    """What a question asks for: intent, record kinds, filters and the topic to search."""

    question: str = Field(description="The question as asked.")
    resolved: str | None = Field(None, description="The question rewritten with its context (follow-ups).")
    intent: Intent = "lookup"
    kinds: list[str] = Field(default_factory=list, description="Record kinds asked for; empty means all.")
    min_relevancy: int | None = Field(None, ge=1, le=5)
    max_relevancy: int | None = Field(None, ge=1, le=5, description="At most this rating ('rated 3 or lower', 'low-relevancy').")
    since: date | None = None
    until: date | None = None
    topics: list[str] = Field(default_factory=list, description="Entities and topics, as searched.")
    query: str = Field("", description="The text retrieval searches for (question words stripped).")
    sides: list[str] = Field(default_factory=list, description="The two sides of a comparison.")
    aspects: list[str] = Field(default_factory=list, description="Distinct parts of a question that joins several (each searched apart).")
    aspect_kinds: list[list[str]] = Field(
        default_factory=list, description="The record kinds each part names itself ([]: the question's kinds)."
    )
    entities: list[EntityRef] = Field(default_factory=list, description="Places and names that anchor the answer.")
    focus: str = Field("", description="The search text without the entities' names (what the answer must be about).")
    excluded: list[str] = Field(
        default_factory=list, description="Topics the question leaves out ('excluding solar'): records that speak to them are not shown."
    )
    undated_span: tuple[date | None, date | None] | None = Field(
        None,
        description="A period the dated records alone answer nothing for: the lookup then takes the records whose "
        "article carries no date as well, and leaves out only those dated outside it.",
    )
    page: int = Field(1, ge=1, description="Which page of the answer (a 'more' continues the previous question).")
    limit: int | None = Field(None, ge=1, le=99, description="At most this many records first ('top 5 signals'); the rest one 'more' away.")
    where: bool = Field(False, description="The question asks where ('Where are 3D-printed houses built?'): the answer names the places its records name.")
    by_rating: bool = Field(False, description="The question asks its records ranked by their relevancy rating ('Rank the concerns about AI by relevancy').")
    effects: bool = Field(
        False, description="The question asks what its topic leads to ('What are the knock-on effects of the ageing population?'): the answer groups the 10-year outlooks its signals give."
    )
    drivers: bool = Field(
        False, description="The question asks what drives its topic ('Why are birth rates falling?', 'What's driving the vinyl revival?'): the answer groups the driving forces its signals name."
    )
    contrary: bool = Field(
        False,
        description="The question asks what goes against its topic or a claim about it ('Any counter-signals to the return-to-office trend?', "
        "'What contradicts the idea that EV adoption is accelerating?'): records named for it moving the other way come first.",
    )
    notes: list[str] = Field(
        default_factory=list, description="What the reader must know first: an intent that degraded, filters that overrode the question."
    )
    planner: Literal["rules", "llm"] = Field("rules", description="Who read the question: the rules or the language model.")

    @property
    def filtered(self) -> bool:
        """Whether kinds, ratings or a period narrow what is searched."""
        return bool(self.kinds or self.min_relevancy or self.max_relevancy or self.since or self.until)

    def unfiltered(self) -> QueryPlan:
        """The same question without what `filtered` reads (kinds, ratings, period)."""
        return self.model_copy(update={"kinds": [], "since": None, "until": None, "min_relevancy": None, "max_relevancy": None, "undated_span": None})

    @property
    def entity_names(self) -> list[str]:
        """Every name the question's entities go by: their names and aliases."""
        return [a for e in self.entities for a in (e.name, *e.aliases)]

    @property
    def about(self) -> str:
        """What a document is about: the search text, else the entities' names ("" when neither)."""
        return self.query or " ".join(e.name for e in self.entities)

    def public(self) -> dict:
        """The plan as `Answer.plan` shows it (DESIGN §5)."""
        return {
            "intent": self.intent,
            "kinds": self.kinds,
            "min_relevancy": self.min_relevancy,
            "max_relevancy": self.max_relevancy,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "topics": self.topics,
            "resolved": self.resolved,
            "query": self.query,
            "sides": self.sides,
            "aspects": self.aspects,
            "aspect_labels": self.aspect_labels(),
            "entities": [e.name for e in self.entities],
            "excluded": self.excluded,
            "page": self.page,
            "where": self.where,
            "drivers": self.drivers,
            "effects": self.effects,
            "by_rating": self.by_rating,
            "contrary": self.contrary,
            "notes": self.notes,
            "planner": self.planner,
        }

    def asked_column(self) -> str:
        """The signals' column a question of what drives its topic (or what it leads to) reads:
        "driving_force", or "horizon" (the 10-year outlook)."""
        return "horizon" if self.effects and not self.drivers else "driving_force"

    def aspect_labels(self) -> list[str]:
        """Each part as the answer names it: its search text, and the kinds it asks for when two
        parts search the same text ("concerns on AI healthcare", "technologies on AI healthcare")."""
        if len(set(self.aspects)) == len(self.aspects) or len(self.aspect_kinds) != len(self.aspects):
            return list(self.aspects)
        return [
            f"{' and '.join(PLURALS[k] for k in kinds)} on {aspect}" if kinds and set(kinds) < set(KINDS) else aspect
            for aspect, kinds in zip(self.aspects, self.aspect_kinds, strict=True)
        ]

    def relevancy_words(self) -> list[str]:
        """The relevancy filters as a reading says them: "relevancy 4" for exactly 4 ("rated
        exactly 4"), else a floor and a ceiling ("relevancy ≥ 4", "relevancy ≤ 3")."""
        if self.min_relevancy and self.min_relevancy == self.max_relevancy:
            return [f"relevancy {self.min_relevancy}"]
        return [*([f"relevancy ≥ {self.min_relevancy}"] if self.min_relevancy else []), *([f"relevancy ≤ {self.max_relevancy}"] if self.max_relevancy else [])]

    def none_of(self) -> str:
        """Who names nothing asked, as an answer says it: "No record or article", or of the kinds
        asked for, "No signal or its article" (records of other kinds may name it)."""
        return f"No {' or '.join(self.kinds)} or its article" if self.kinds else "No record or article"

    def nothing_of(self) -> str:
        """What in the index has no strong match, as a document that lacks its data says it:
        "nothing in the index", or of the kinds asked for, "no concern in the index" (records of
        other kinds may bear on it: the lookup it hands over to says how many)."""
        return f"no {' or '.join(self.kinds)} in the index" if self.kinds else "nothing in the index"

    def understood(self) -> str:
        """One line saying how the question was read: intent, topic, filters, entities, aspects."""
        parts: list[str] = [self.intent]
        if self.aspects:
            parts.append("parts " + " · ".join(f"“{a}”" for a in self.aspect_labels()))
        elif self.sides:
            parts.append(" vs ".join(f"“{s}”" for s in self.sides))
        elif self.query:
            parts.append(f"topic “{self.query}”")
        if self.entities:
            parts.append("anchored on " + ", ".join(e.name for e in self.entities))
        if self.kinds:
            parts.append("kinds " + ", ".join(self.kinds))
        parts += self.relevancy_words()
        if self.since or self.until:
            parts.append("dated " + " to ".join(d.isoformat() if d else "…" for d in (self.since, self.until)))
        if self.where:
            parts.append("asks where")
        if self.drivers:
            parts.append("asks what drives it")
        if self.effects:
            parts.append("asks what it leads to")
        if self.by_rating:
            parts.append("ranked by relevancy")
        if self.contrary:
            parts.append("asks what goes against it")
        if self.excluded:
            parts.append("leaving out " + ", ".join(f"“{x}”" for x in self.excluded))
        if self.page > 1:
            parts.append(f"page {self.page}")
        return " · ".join(parts)


class Corroboration(BaseModel):
    """The near-duplicate cluster a record belongs to: how many articles say the same thing, when."""

    cluster: str
    articles: int
    first: date | None = None
    last: date | None = None

    def label(self) -> str:
        span = ""
        if self.first and self.last:
            span = f", {self.first.year}" if self.first.year == self.last.year else f", {self.first.year}–{self.last.year}"
        return f"{self.articles} articles{span}"


class Hit(BaseModel):
    """A retrieved record with its article and fused score."""

    record: Record
    article: Article
    score: float
    dense: float | None = None
    lexical: float | None = None
    corroboration: Corroboration | None = None
    strong: bool = Field(True, description="Its evidence clears the question's bar; a weaker match otherwise.")
    anchor: Literal["direct", "article", "related"] | None = Field(
        None, description="Entity questions: the record mentions the entity, its article does, or its neighbours/region do."
    )
    aspect: int | None = Field(None, description="Multi-part questions: the part (0-based) the record answers.")


class PassageHit(BaseModel):
    """A retrieved passage of a raw web article's text."""

    id: str
    article: Article
    text: str
    score: float
    dense: float | None = None


class PartsHeld(BaseModel):
    """A question that places one topic in another ("ransomware in healthcare"): its parts, the
    words that show a record speaks to each, and how many strong matches speak to every part."""

    parts: list[str]
    words: list[list[str]] = Field(description="Per part: its own words, then the corpus's words for it.")
    held: int = Field(description="Strong matches (or their articles) that hold words of every part.")
    alone: int = Field(0, description="Strong matches on some parts only, moved behind 'more'.")
    ids: list[str] = Field(default_factory=list, description="When too few speak to every part to reorder by it: those few.")
    elsewhere: dict[str, int] = Field(
        default_factory=dict, description="When none of the kinds asked for speaks to every part: the strong matches of other kinds that do, by kind."
    )


class Ranked(BaseModel):
    """What retrieval hands the composer: ranked hits, best first (and passages of web articles)."""

    hits: list[Hit] = Field(default_factory=list)
    passages: list[PassageHit] = Field(default_factory=list, description="Web-article passages close to the question.")
    matched: int = Field(0, description="Records that satisfy the filters (before ranking).")
    more: list[Hit] = Field(default_factory=list, description="The next, weaker matches: what 'more' shows.")
    total: int = Field(0, description="Records with any evidence for the question (strong and weaker).")
    strong: int = Field(0, description="How many of them clear the question's bar.")
    offset: int = Field(0, description="How many records the earlier pages showed.")
    notes: list[str] = Field(default_factory=list, description="What the filters left out, for the reader.")
    elsewhere: dict[str, int] = Field(
        default_factory=dict, description="With no strong match of the kinds asked for: the strong matches of other kinds, by kind."
    )
    unfiltered: dict[str, int] = Field(
        default_factory=dict, description="With nothing under the filters: the strong matches without them (kinds, period, ratings), by kind."
    )
    parts: PartsHeld | None = Field(None, description="Questions that place one topic in another: which matches speak to every part.")
    through_articles: int = Field(
        0,
        description="With no strong match of the kinds asked for, the hits are those kinds' records of the articles whose "
        "records of other kinds clear the bar: how many such articles (`lookup.through_articles`).",
    )
    forces: list[tuple[list[str], list[str]]] = Field(
        default_factory=list,
        description="A question that asks what drives its topic (or what it leads to): the driving forces (or 10-year outlooks) of the signals shown, grouped by meaning (each group's terms and record ids), largest first.",
    )
    placed: Literal["", "together", "apart", "unmet"] = Field(
        "",
        description="The question places its entities in one another: records tied to all of them lead (together), "
        "or nothing ties them together and records tied to one of them answer (apart); or it asks one thing of its "
        "entity that no record or article tied to it speaks of, and the matches on that thing answer (unmet).",
    )
    timings_ms: dict[str, float] = Field(default_factory=dict)


class Citation(BaseModel):
    n: int
    article_id: str
    title: str | None = None
    url: str | None = None
    page: str | None = None
    page_url: str | None = None
    date: str | None = None


class AnswerRecord(BaseModel):
    n: int = Field(description="Citation number of the record's article.")
    id: str
    article_id: str
    kind: str
    name: str
    description: str
    relevancy: int | None = None
    score: float
    side: str | None = Field(None, description="Comparisons: the side the record stands on.")
    strong: bool = Field(True, description="False for a weaker match (shown only on request, and labelled).")
    anchor: str | None = Field(None, description="Entity questions: direct, article or related.")
    aspect: str | None = Field(None, description="Multi-part questions: the part the record answers.")


class AnswerPassage(BaseModel):
    n: int = Field(description="Citation number of the passage's article.")
    id: str
    article_id: str
    text: str
    score: float


class Table(BaseModel):
    """A table of an answer, built from stored records, never from model text."""

    title: str
    columns: list[str]
    rows: list[list[str]]
    source: Literal["records", "cells", "derived", "articles"] = Field(
        "records",
        description="records: each row quotes one stored record; cells: each cell quotes one record's name and "
        "its citation (side-by-side tables); derived: counts and spans computed from the records; articles: each "
        "row quotes one stored article (title, date, summary) and names of its records.",
    )
    computed: list[str] = Field(
        default_factory=list, description="Columns of a records table computed from the records (e.g. 'Seen in')."
    )


class Theme(BaseModel):
    """A theme found in the data (assistant/themes.py): a group of articles, or of record texts,
    labelled by its most distinctive terms."""

    label: str = Field(description="Its most distinctive terms (class-based TF-IDF), joined.")
    terms: list[str] = Field(default_factory=list)
    articles: list[str] = Field(default_factory=list, description="Ids of its articles, in the order shown.")
    records: list[str] = Field(default_factory=list, description="Ids of the records it quotes, best first.")
    size: int = Field(0, description="How many articles (or record texts) it groups.")
    quarters: dict[str, int] = Field(default_factory=dict, description="Dated articles per quarter ('2025-Q1': 3).")


class Card(BaseModel):
    """One foresight card, every word from stored fields (assistant/cards.py)."""

    horizon: Literal["NOW", "NEAR", "NEXT"]
    title: str
    text: str = Field(description="One to three sentences from its records, as stored.")
    kind: str
    n: int = Field(description="Citation number of its source article.")
    source: str = Field(description="The source article's title (or its id when it has none).")
    year: int | None = None
    url: str | None = Field(None, description="The source's own http(s) URL (or its curation page): the QR code's target.")
    records: list[str] = Field(default_factory=list, description="Ids of the records it quotes.")
    seen_in: int = Field(1, description="How many articles carry the record (near-duplicate clusters).")


class Document(BaseModel):
    """What a document answer (digest, topic page, outlook, cards, themes) is made of, beside its
    Markdown: the exports (HTML, PNG cards) and the app read it."""

    kind: Literal["digest", "topic_page", "outlook", "cards", "themes"]
    title: str
    since: date | None = None
    until: date | None = None
    articles: int = Field(0, description="Articles the document covers.")
    undated: int = Field(0, description="Articles left out because they carry no curation date (period documents).")
    themes: list[Theme] = Field(default_factory=list)
    cards: list[Card] = Field(default_factory=list)
    quality: dict[str, float] = Field(default_factory=dict, description="Theme quality: silhouette (cosine), themes, items.")


class Answer(BaseModel):
    """One answer with its evidence: citations, ranked records, tables, plan and timings."""

    question: str
    mode: Literal["extractive", "llm"] = "extractive"
    plan: dict = Field(default_factory=dict)
    markdown: str = ""
    citations: list[Citation] = Field(default_factory=list)
    records: list[AnswerRecord] = Field(default_factory=list)
    more: list[AnswerRecord] = Field(
        default_factory=list, description="The next, weaker matches, best first: what asking for 'more' shows."
    )
    understood: str = Field("", description="How the question was read, in one line (intent, topic, filters).")
    tables: list[Table] = Field(default_factory=list)
    passages: list[AnswerPassage] = Field(default_factory=list, description="Web-article passages the answer quotes.")
    raw: str | None = Field(None, description="The model's text before citation cleanup (llm mode only).")
    facets: dict | None = None
    warnings: list[str] = Field(default_factory=list)
    timings_ms: dict[str, float] = Field(default_factory=dict)
    document: Document | None = Field(None, description="Documents (digest, topic page, outlook, cards, themes): their parts.")

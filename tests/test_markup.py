"""Text is text: stored text written into an answer's Markdown renders as exactly that text (no HTML,
no images, no links), while the stored values (Table.rows, Answer.records) stay raw."""

from __future__ import annotations

from datetime import date

import pytest
from markdown_it import MarkdownIt

from assistant.briefing import compose_briefing
from assistant.compare import compose_comparison
from assistant.compose import citation_line, compose_extractive
from assistant.markup import escape_text, link, safe_url
from assistant.models import Citation, Hit, QueryPlan, Ranked
from index import Article, Record

HOSTILE = "<img src=http://127.0.0.1:9/x> [click](http://evil.example) ![i](http://evil.example/i.png) *b* | a@b.example"
RENDER = MarkdownIt("commonmark", {"html": True}).enable("table")


def plain(markdown: str) -> str:
    """What a reader sees: the rendered HTML's text (entities decoded)."""
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", "", RENDER.render(markdown))).strip()


@pytest.mark.parametrize(
    "text",
    [HOSTILE, "R&D &amp; more", "# not a heading", "1. not a list", "- nor this", "snake_case and 2*3*4", "back\\slash",
     "`code`", "~~strike~~", "<!-- comment -->", "&#60;script&#62;", "Costs < 5% > 2%", "plain words, (parens)!"],
)
def test_escaped_text_renders_as_the_same_text(text):
    rendered = RENDER.render(escape_text(text))
    assert "<img" not in rendered and "<a " not in rendered and "<script" not in rendered and "<h1" not in rendered
    assert plain(escape_text(text)) == text


def test_escaping_puts_text_on_one_line():
    assert escape_text("two\nlines\n\n| x |") == "two lines \\| x \\|"


def test_bare_addresses_are_broken_for_autolinkers():
    assert escape_text("see https://a.example, www.b.example and c@d.example") == (
        "see https\\://a.example, www\\.b.example and c\\@d.example"
    )


@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("https://news.example/a(b)?q=1&r=2", "https://news.example/a%28b%29?q=1&r=2"),
        ("http://news.example/it's", "http://news.example/it%27s"),
        ("javascript:alert(1)", None),
        ("data:text/html,<b>x</b>", None),
        ("file:///etc/passwd", None),
        ("//news.example/a", None),
        ("https://news.example/a b", None),
        ("", None),
        (None, None),
    ],
)
def test_only_http_urls_become_link_targets(url, target):
    assert safe_url(url) == target


def test_a_link_escapes_its_label_and_an_unsafe_url_gives_the_label_alone():
    assert link("A [b] <c>", "https://x.example/") == "[A \\[b\\] \\<c\\>](https://x.example/)"
    assert link("A", "javascript:alert(1)") == "A"


def test_a_citation_line_links_only_http_urls():
    c = Citation(n=1, article_id="a", title="<b>T</b>", url="javascript:alert(1)", page="p1", page_url="https://p.example/p1")
    assert citation_line(c) == "**[1]** \\<b\\>T\\</b\\> · curation page [p1](https://p.example/p1)"


A = Article(id="a", title="Title <img src=http://127.0.0.1:9/t>", url="https://news.example/a", date=date(2025, 3, 14))


def hostile_hits() -> list[Hit]:
    records = [
        Record(article_id="a", kind="signal", name=HOSTILE, description=HOSTILE, horizon=HOSTILE, driving_force=HOSTILE, relevancy=5),
        Record(article_id="a", kind="concern", name="Plain concern", description=HOSTILE, relevancy=4),
    ]
    return [Hit(record=r, article=A, score=1.0) for r in records]


def rendered_links_and_images(markdown: str) -> tuple[list[str], int]:
    import re

    html = RENDER.render(markdown)
    return re.findall(r'<a href="([^"]+)"', html), html.count("<img")


@pytest.mark.parametrize("intent", ["lookup", "briefing", "compare"])
def test_hostile_records_render_as_text_in_every_composer(intent):
    hits = hostile_hits()
    plan = QueryPlan(question=HOSTILE, query=HOSTILE, intent=intent, sides=[HOSTILE, "other"] if intent == "compare" else [])
    ranked = Ranked(hits=hits, matched=2)
    if intent == "lookup":
        answer = compose_extractive(plan, ranked)
    elif intent == "briefing":
        answer = compose_briefing(plan, {"Key signals": hits[:1], "Concerns and issues": hits[1:]}, ranked)
    else:
        answer = compose_comparison(plan, [hits[:1], hits[1:]], ranked)
    links, images = rendered_links_and_images(answer.markdown)
    assert images == 0 and links == ["https://news.example/a"]
    assert answer.records[0].name == HOSTILE  # the stored value stays raw
    assert any(HOSTILE in cell for table in answer.tables for row in table.rows for cell in row)


def test_a_comparison_cell_holds_one_statement_said_again_in_or_out_of_a_cluster():
    # "Nuclear Power Renaissance" as a signal of three articles, two of them clustered: one cell citing all three
    from assistant.compare import side_by_side
    from assistant.models import Corroboration

    def hit(article: str, name: str, cluster: str | None) -> Hit:
        record = Record(article_id=article, kind="signal", name=name, description="d")
        found = Corroboration(cluster=cluster, articles=2) if cluster else None
        return Hit(record=record, article=Article(id=article), score=1.0, corroboration=found)

    side = [hit("a1", "Nuclear Power Renaissance", "c1"), hit("a2", "Nuclear Power Renaissance", "c1"), hit("a3", "Nuclear power renaissance", None)]
    side.append(hit("a4", "Revival of Nuclear", "c1"))  # a member of the cluster under another name joins its cell
    tables = side_by_side([side, []], ["A", "B"], {"a1": 1, "a2": 2, "a3": 3, "a4": 4}, ["signal"])
    assert [row[0] for row in tables[0].rows] == ["Nuclear Power Renaissance [1, 2, 3, 4]"]


def test_a_where_answer_names_the_places_its_records_name_and_how_many_name_none():
    from assistant.compose import places_line

    def hit(article: str, name: str, description: str) -> Hit:
        return Hit(record=Record(article_id=article, kind="signal", name=name, description=description), article=Article(id=article), score=1.0)

    hits = [
        hit("a1", "Printed Homes in Texas", "Crews print walls near Austin."),
        hit("a2", "Printed Schools", "A school printed in Kenya, another in Texas."),
        hit("a3", "Printer Costs", "Costs fall."),
    ]
    line = places_line(hits, {"a1": 1, "a2": 2, "a3": 3})
    assert line.startswith("**Where:** the records shown name Texas (2) [1, 2], ")
    assert "Austin (1) [1]" in line and "Kenya (1) [2]" in line and line.endswith("; 1 of the 3 name none.")
    assert places_line(hits[1:], {"a2": 2, "a3": 3}).endswith("; 1 of the 2 name none.")
    assert places_line(hits[2:], {"a3": 3}) == "**Where:** the record shown names no place."


def test_a_why_answer_quotes_the_driving_forces_its_signals_name_as_text():
    from assistant.compose import forces_text
    from assistant.models import QueryPlan, Ranked

    def hit(article: str, name: str, force: str | None, kind: str = "signal") -> Hit:
        return Hit(record=Record(article_id=article, kind=kind, name=name, description="d", driving_force=force), article=Article(id=article), score=1.0)

    hits = [hit("a1", "Vinyl Revival", "Nostalgia <img src=x> and touch."), hit("a2", "Vinyl Fans", "Superfans.")]
    asked = QueryPlan(question="Why is vinyl back?", intent="lookup", query="vinyl", topics=["vinyl"], drivers=True)
    grouped = Ranked(hits=hits, forces=[(["nostalgia"], ["a1-id-missing"]), (["fans", "ownership"], [hits[1].record.id])])
    text = forces_text(asked, grouped, {"a1": 1, "a2": 2})
    assert text.startswith(
        "### What drives it\n\nThe driving forces named by the **1 signal** shown that is about “vinyl” (each signal's own driving-force column), grouped by meaning:"
    )
    assert "- **fans · ownership**, named by 1 signal from 1 article: **Vinyl Fans**: Superfans [2]." in text
    listed = forces_text(asked, Ranked(hits=hits, forces=[([], [h.record.id for h in hits])]), {"a1": 1, "a2": 2})
    assert f"- **Vinyl Revival**: {escape_text('Nostalgia <img src=x> and touch')} [1]." in listed  # record text is text
    assert "<img" not in MarkdownIt("commonmark", {"html": True}).render(listed)
    assert forces_text(asked, Ranked(hits=[hit("a1", "Vinyl Worries", None, "concern")]), {"a1": 1}).startswith("**What drives it:** none of the records shown is a signal about “vinyl” that names a driving force")
    assert forces_text(asked.model_copy(update={"drivers": False}), grouped, {"a1": 1, "a2": 2}) == ""
    ahead = asked.model_copy(update={"drivers": False, "effects": True})
    hits[1].record.horizon = "Fans own <b>more</b> vinyl."
    assert forces_text(ahead, grouped, {"a1": 1, "a2": 2}).startswith("### What it leads to\n\nThe 10-year outlooks named by the **1 signal**")
    assert escape_text("Fans own <b>more</b> vinyl") in forces_text(ahead, grouped, {"a1": 1, "a2": 2})
    weaker = [h.model_copy(update={"strong": False}) for h in hits]
    assert forces_text(asked, Ranked(hits=weaker), {"a1": 1, "a2": 2}) == ""  # nothing clears the bar: the lead says so


def test_records_ranked_by_relevancy_as_asked_rank_the_strong_by_their_rating():
    asked = QueryPlan(question="Rank the concerns about AI by relevancy", intent="lookup", query="AI", topics=["AI"], kinds=["concern"], by_rating=True)

    def hit(name: str, relevancy: int | None, strong: bool = True) -> Hit:
        return Hit(record=Record(article_id="a1", kind="concern", name=name, description="d", relevancy=relevancy), article=Article(id="a1"), score=1.0, strong=strong)

    hits = [hit("Closest", 3), hit("Unrated", None), hit("Top", 5), hit("Weaker", 5, strong=False)]
    answer = compose_extractive(asked, Ranked(hits=hits, strong=3, total=4))
    assert [row[0] for row in answer.tables[0].rows][:3] == ["Top", "Closest", "Unrated"]
    assert "each table ranks its records by relevancy, highest first" in answer.markdown
    assert "The closest match is **Closest**" in answer.markdown  # the lead still says which matches best

"""The intent registry and what each intent answers on our sample corpus: articles, multi-part
questions, entity anchors, weaker matches behind "more", degraded intents, filters that overrode
the question."""

from __future__ import annotations

from typing import get_args

import pytest

from assistant.intents import REGISTRY
from assistant.models import Intent


def test_every_intent_has_one_handler():
    assert set(REGISTRY) == set(get_args(Intent))
    assert all(h.summary and h.name == name for name, h in REGISTRY.items())


def test_a_timeline_over_undated_records_degrades_to_a_lookup_and_says_why_first(desk):
    answer = desk.ask("How have night trains changed over time?")
    assert answer.plan["intent"] == "lookup" and answer.records
    assert answer.markdown.startswith("_No timeline: none of the")
    assert "Revival of Sleeper Trains" in {r.name for r in answer.records}


def test_a_timeline_over_a_few_dated_records_among_many_undated_ones_degrades_too(desk):
    answer = desk.ask("How have trains changed over time?")  # 1 of 6 records is dated
    assert answer.plan["intent"] == "lookup" and len(answer.records) > 1
    assert answer.markdown.startswith("_No timeline: only 1 of the 6 matching records carries a date")
    assert desk.ask("How has AI changed over time?").plan["intent"] == "trend"  # every match is dated


def test_articles_intent_answers_with_articles(desk):
    answer = desk.ask("Give me articles about heat pumps")
    assert answer.plan["intent"] == "articles" and answer.plan["query"] == "heat pumps"
    table = answer.tables[0]
    assert table.title == "Articles" and table.source == "articles"
    assert table.rows[0][0] == "Heat Pump Sales Overtake Gas Boilers in Several European Markets"
    assert table.columns == ["Article", "Date", "Summary", "Matching records", "Key records", "Source"]
    assert {r.article_id for r in answer.records} >= {"20231128-heat-pumps-gas-boilers"}


def test_articles_on_a_place_say_how_many_name_it(desk):
    def first(question):
        return desk.ask(question).markdown.split("\n")[0]

    # the article on GPS jamming names Finland, but none of its records speaks of cables
    assert first("Give me articles about cables near Finland").startswith("**1 article** on “cables Finland”")
    assert first("Give me articles about cables near Finland").endswith("It names Finland.")
    assert "It does not name Lithuania: it is the article on “jamming”." in first("Give me articles about jamming in Lithuania")
    sweden = first("Give me articles about military service in Sweden")  # its records on military service are the evidence
    assert sweden.startswith("**1 article** on “military service Sweden”; 1 shown here, with 3 matching records.")
    assert sweden.endswith("It names Sweden.")


def test_more_after_the_last_article_says_so(desk):
    answer = desk.ask("Give me articles about heat pumps", page=5)
    assert answer.markdown.startswith("Page 5 is past the end:") and " article" in answer.markdown


def test_a_two_part_question_covers_each_part_and_counts_them(desk):
    answer = desk.ask("ransomware attacks on hospitals, and what is being done about orbital debris")
    assert answer.plan["aspects"] == ["ransomware attacks hospitals", "orbital debris"]
    parts = {r.aspect for r in answer.records}
    assert parts == set(answer.plan["aspects"])
    assert "### Part 1: ransomware attacks hospitals" in answer.markdown and "### Part 2: orbital debris" in answer.markdown
    assert "The question has 2 parts" in answer.markdown


def test_each_part_of_a_two_part_question_keeps_the_kinds_it_names(desk):
    answer = desk.ask("What concerns are there about ransomware on hospitals, and which technologies track orbital debris?")
    assert answer.plan["aspects"] == ["ransomware hospitals", "track orbital debris"]
    kinds = {aspect: {r.kind for r in answer.records if r.aspect == aspect} for aspect in answer.plan["aspects"]}
    assert kinds == {"ransomware hospitals": {"concern"}, "track orbital debris": {"technology"}}


def test_entity_questions_rank_direct_mentions_first_and_say_how_many(desk):
    answer = desk.ask("What escalation signals involve Estonia?")
    assert answer.records[0].anchor == "direct"
    direct = sum(1 for r in answer.records if r.anchor == "direct")
    assert f"**{direct}** of these mention{'s' if direct == 1 else ''} Estonia directly" in answer.markdown


def test_an_entity_question_that_asks_more_shows_the_strong_matches_tied_to_the_entity_first(desk):
    # "border security in Finland" asks two words of Finland: not strict, yet what names Finland
    # (or comes from an article about it) and carries the rest comes first
    tier = {"direct": 0, "article": 1}
    answer = desk.ask("border security in Finland")
    ranks = [tier.get(r.anchor or "", 2) for r in answer.records if r.strong]
    assert ranks and ranks == sorted(ranks)


def test_with_several_entities_the_records_tied_to_all_of_them_are_the_anchors(desk):
    answer = desk.ask("What is the EU doing about the US on AI rules?")
    assert len(desk.plan("What is the EU doing about the US on AI rules?").entities) > 1
    tied = [r for r in [*answer.records, *answer.more] if r.anchor in ("direct", "article")]
    assert tied and {r.article_id for r in tied} == {"20240807a-eu-us-ai-regulation"}
    others = [r for r in answer.more if r.article_id != "20240807a-eu-us-ai-regulation"]
    assert all(r.anchor in ("related", None) for r in others)  # an AI article without the EU and the US is context


def test_weaker_matches_wait_behind_more_and_are_labelled_when_shown(desk):
    first = desk.ask("What escalation signals involve Estonia?", k=10)
    assert first.records and all(r.strong for r in first.records)
    if first.more:
        assert "one “more” away" in first.markdown
        second = desk.ask("more", [{"role": "user", "content": "What escalation signals involve Estonia?"}, {"role": "assistant", "content": "..."}], k=10)
        assert [r.id for r in second.records][: len(first.more)] == [r.id for r in first.more][: len(second.records)]
        assert "More " in second.markdown


def test_a_count_lists_what_it_counts_and_its_weaker_matches_wait_behind_more(desk):
    answer = desk.ask("How many signals mention heat pumps?", k=20)
    assert answer.plan["intent"] == "count" and answer.records and all(r.strong for r in answer.records)
    assert answer.more and not any(r.strong for r in answer.more)
    assert f"{len(answer.records)} signals" in answer.markdown and "outside the count, are one “more” away" in answer.markdown


def test_a_count_about_an_entity_counts_what_its_lookup_shows(desk):
    lookup = desk.ask("What escalation signals involve Estonia?", k=20)
    count = desk.ask("How many escalation signals involve Estonia?", k=20)
    assert count.plan["intent"] == "count" and lookup.plan["intent"] == "lookup"
    shown = {r.id for r in lookup.records if r.strong}
    assert len(shown) > 2 and {r.id for r in count.records if r.strong} == shown
    assert "more come from articles about “Estonia”" in count.markdown


def test_nothing_tying_a_place_to_the_topic_is_said_first_and_counts_nothing(desk):
    lookup = desk.ask("What signals are there about heat pumps in Estonia?")
    assert lookup.markdown.startswith("No signal or its article names Estonia with “heat pumps”, so these are the matches on “heat pumps”.")
    assert "Heat Pumps Outselling Boilers" in {r.name for r in lookup.records}
    count = desk.ask("How many signals about heat pumps in Estonia?")
    assert count.plan["intent"] == "count" and not any(r.strong for r in count.records)
    assert any(w.startswith("No signal or its article names Estonia with “heat pumps”: nothing is counted") for w in count.warnings)


def test_a_word_no_record_says_asked_of_a_place_is_not_answered_by_the_places_records(desk):
    answer = desk.ask("signals about rewilding in Estonia")  # no record says "rewilding"
    assert len(answer.records) <= 3 and not any(r.strong for r in answer.records)
    assert answer.markdown.startswith("No signal or its article names Estonia with “rewilding”")  # signals were asked for


def test_a_question_the_corpus_cannot_answer_shows_at_most_three_weaker_rows(desk):
    answer = desk.ask("curling championship results")
    assert len(answer.records) <= 3 and not any(r.strong for r in answer.records)


def test_filters_that_overrule_the_question_are_named_in_the_first_line(desk):
    answer = desk.ask("concerns about orbital debris", kinds=["technology"])
    assert answer.plan["kinds"] == ["technology"]
    assert answer.markdown.startswith("_Filters: kinds technology used; the question asked for concern._")


def test_the_answer_says_how_it_understood_the_question(desk):
    answer = desk.ask("high-relevancy signals about ransomware since 2024")
    assert answer.understood == "lookup · topic “ransomware” · kinds signal · relevancy ≥ 4 · dated 2024-01-01 to …"


def test_a_part_with_few_matches_leaves_its_share_to_the_others():
    from assistant.fusion import share_out

    assert share_out([3, 40], [10, 10], 20) == [3, 17]  # the second part shows what the first leaves
    assert share_out([40, 40], [10, 10], 20) == [10, 10]
    assert share_out([2, 1], [10, 10], 20) == [2, 1]
    assert share_out([30, 30, 30], [6, 6, 6], 20) == [7, 7, 6]


def test_the_pages_of_a_two_part_question_go_on_without_repeating(desk):
    question = "ransomware attacks on hospitals, and what is being done about orbital debris"
    first = desk.ask(question, k=4)
    pages = [first] + [desk.ask(question, k=4, page=p) for p in (2, 3)]
    ids = [r.id for answer in pages for r in answer.records]
    assert len(ids) == len(set(ids)) and len(pages[1].records) > 0
    assert [r.id for r in pages[1].records] == [r.id for r in first.more][: len(pages[1].records)]


def test_a_comparison_with_one_empty_side_still_shows_the_other_sides_evidence(desk):
    answer = desk.ask("Compare coral reef restoration with chocolate")
    assert answer.plan["intent"] == "lookup" and answer.plan["aspects"] == ["coral reef restoration", "chocolate"]
    assert answer.markdown.startswith("_No comparison: nothing in the index clearly speaks to “chocolate”")
    reefs = [r for r in answer.records if r.aspect == "coral reef restoration"]
    chocolate = [r for r in answer.records if r.aspect == "chocolate"]
    assert len(reefs) >= 5 and all(r.strong for r in reefs)
    assert len(chocolate) <= 3 and not any(r.strong for r in chocolate)
    # of the kinds asked, it says which kind has nothing: the index may hold other kinds on it
    kinds = desk.ask("Compare the technologies for coral reef restoration with chocolate")
    assert kinds.markdown.startswith("_No comparison: no technology in the index clearly speaks to “chocolate”")


def test_a_period_that_hides_undated_matches_shows_them_and_says_why_first(desk):
    # the night-trains article carries no date: "since 2025" alone would find nothing
    answer = desk.ask("signals about night trains since 2025")
    assert answer.markdown.startswith("_No record dated from 2025-01-01 clearly matches “night trains”")
    assert "Revival of Sleeper Trains" in {r.name for r in answer.records}
    assert answer.plan["since"] is None
    dated = desk.index.article_dates()
    assert all(r.article_id not in dated or dated[r.article_id].year >= 2025 for r in answer.records)


def test_a_timeline_over_a_period_that_hides_undated_matches_shows_them_too(desk):
    # a question worded as a trend ("what's new since ...") falls back the same way, not to "nothing found"
    answer = desk.ask("What's new since 2025 on night trains?")
    assert answer.markdown.startswith("_No timeline: no record dated from 2025-01-01 clearly matches “night trains”")
    assert "Revival of Sleeper Trains" in {r.name for r in answer.records}
    dated = desk.ask("How has talk about heat pumps changed since 2031?")  # a period with nothing, dated or not
    assert dated.markdown.startswith("Nothing found")


@pytest.mark.parametrize("question", ["List the signals on night trains since 2025", "Give me articles about night trains since 2025"])
def test_a_list_or_articles_over_a_period_that_hides_undated_matches_show_them_too(desk, question):
    # not "nothing found", nor the few dated articles with no matching record
    answer = desk.ask(question)
    assert answer.markdown.startswith("_No record dated from 2025-01-01 clearly matches “night trains”")
    assert "Revival of Sleeper Trains" in {r.name for r in answer.records}


def test_a_period_whose_few_matches_hide_more_undated_ones_shows_both_and_says_why_first(desk):
    # "What changed in AI regulation since 2024?" on the full corpus: one dated concern, hundreds
    # of undated records. On the sample, the night-trains article is the only undated one.
    from assistant.degrade import Degrade
    from assistant.intents import Context, _undated_instead

    plan = desk.plan("signals about European transport since 2025")
    context = Context(plan, desk.index, desk.settings.retrieval, 20)
    with pytest.raises(Degrade) as raised:
        _undated_instead(context, found=1)  # one dated signal, five undated ones
    assert raised.value.reason.startswith("Only 1 record dated from 2025-01-01 clearly matches “European transport”")
    assert raised.value.update["since"] is None
    _undated_instead(context, found=3)  # as many dated as the period hides: the period's own answer stands


def test_a_period_never_lets_in_articles_dated_outside_it(desk):
    # white roofs are an article of 2022-09-15: outside the period (were it let in, it would answer)
    answer = desk.ask("signals about painting roofs white since 2025")
    assert "carry no date" not in answer.markdown
    assert "57de917da3b1b1e79c5e4fa9fd9b335d" not in {r.article_id for r in answer.records}


def test_each_side_of_a_comparison_is_anchored_by_its_own_entity(desk, monkeypatch):
    # both sides anchored by both names would keep only what names China *and* India
    import assistant.compare as compare

    asked = []
    real = compare.retrieve
    monkeypatch.setattr(compare, "retrieve", lambda plan, *args, **kw: asked.append(plan) or real(plan, *args, **kw))
    compare.gather_sides(desk.plan("Compare signals on Finland with signals on Estonia"), desk.index, desk.settings.retrieval, 10)
    assert [[e.name for e in plan.entities] for plan in asked] == [["Finland"], ["Estonia"]]


def test_a_statement_said_again_under_one_name_leaves_room_for_a_sides_other_statements(desk, monkeypatch):
    # "Nuclear Power Renaissance" by four articles and in four kinds filled nine of a side's ten
    # rows, and the side's tables showed it as one cell
    import assistant.compare as compare

    real = compare.retrieve

    def renamed(record):  # the same record (its id and vector) under another name
        class Said(type(record)):
            id = property(lambda self: record.id)

        return Said(**{**record.model_dump(exclude={"id"}), "name": "One Statement"})

    fetched = []

    def said_again(plan, *args, **kw):
        ranked = real(plan, *args, **kw)
        hits = [h.model_copy(update={"record": renamed(h.record)}) for h in ranked.hits[:3]] + ranked.hits[3:]
        fetched.append(hits)
        return ranked.model_copy(update={"hits": hits})

    monkeypatch.setattr(compare, "retrieve", said_again)
    settings = desk.settings.retrieval.model_copy(update={"per_cluster": 1})
    placed, ranked = compare.gather_sides(desk.plan("compare heat pumps and gas boilers"), desk.index, settings, 6)
    heat_pumps = [h.record.name for h in placed[0]]
    # the statement once, then the side's other records, and the statement again only when none waits
    assert heat_pumps[:2] == ["One Statement", "All-Electric Homes"] and len(heat_pumps) == 3
    side = {h.record.id for h in fetched[0][3:]}
    assert not [h for h in ranked.more if h.record.id in side]
    assert [h.record.name for h in ranked.more[:1]] == ["One Statement"]  # the rest of the statement is one "more" away
    assert not {h.record.id for h in ranked.hits} & {h.record.id for h in ranked.more}


def test_a_side_that_is_only_a_place_asks_the_other_sides_topic_of_it(desk):
    from assistant.compare import with_places

    def sides(question):
        plan = desk.plan(question)
        return with_places(plan.sides, plan.entities)

    assert sides("compare drones in Estonia and Finland") == ["drones in Estonia", "drones in Finland"]
    assert sides("compare heat pumps in the UK and Germany") == ["heat pumps in the UK", "heat pumps in Germany"]
    assert sides("compare drones in Estonia and NATO") == ["drones in Estonia", "NATO"]  # an organisation is no place for drones
    assert sides("Compare drones in Estonia and the EU") == ["drones in Estonia", "drones in the EU"]  # a union of countries is
    assert sides("compare Finland and Estonia") == ["Finland", "Estonia"]
    assert sides("drones Estonia vs Finland") == ["drones in Estonia", "drones in Finland"]  # the place said last, bare


def test_a_record_that_names_one_sides_place_stands_on_that_side(desk):
    import re

    from assistant.compare import gather_sides

    placed, _ = gather_sides(desk.plan("Compare signals on Finland with signals on Estonia"), desk.index, desk.settings.retrieval, 20)
    for number, (mine, other) in enumerate([("Finland", "Estonia"), ("Estonia", "Finland")]):
        for hit in placed[number]:
            text = f"{hit.record.name} {hit.record.description}"
            assert not (re.search(other, text) and not re.search(mine, text)), (number, hit.record.name)
    # the articles about one side's place go with it: the Finnish border article's records all stand on Finland's side
    assert {h.record.name for h in placed[0]} >= {"Closed Borders as Standing Policy", "Whole-of-Society Preparedness"}
    # and each side says how much of it names its place, as a lookup does
    answer = desk.ask("Compare signals on Finland with signals on Estonia").markdown
    assert "**4** of them name Finland, 1 comes from an article that does." in answer
    assert "**2** of them name Estonia, 3 come from articles that do." in answer


def test_a_record_named_for_one_side_stands_on_it_however_close_the_model_reads_it_to_the_other(desk, monkeypatch):
    # "Environmental Impact of Fast Fashion" stood closer to sustainable fashion than to fast
    # fashion, so neither side kept it, and the comparison said nothing speaks to fast fashion
    from assistant.compare import gather_sides

    plan = desk.plan("compare heat pumps and gas boilers")
    placed, _ = gather_sides(plan, desk.index, desk.settings.retrieval, 10)
    named = next(h.record for h in placed[0] if "heat pump" in h.record.name.lower() and "gas" not in h.record.name.lower())
    other = desk.index.embed_query("gas boilers")
    real = desk.index.vector_of
    monkeypatch.setattr(desk.index, "vector_of", lambda node_id: other if node_id == named.id else real(node_id))
    placed, _ = gather_sides(plan, desk.index, desk.settings.retrieval, 10)
    assert named.id in {h.record.id for h in placed[0]}


def test_a_one_word_first_side_takes_the_second_sides_head_when_the_corpus_says_them_together(desk):
    from assistant.compare import with_heads

    assert with_heads(["night", "sleeper trains"], desk.index) == ["night trains", "sleeper trains"]  # "night trains": 4 records
    assert with_heads(["drones", "electric vehicles"], desk.index) == ["drones", "electric vehicles"]  # no record says "drones vehicles"
    answer = desk.ask("Compare night and sleeper trains")
    assert answer.markdown.startswith("## Comparison: night trains vs sleeper trains")
    # a one-word second side too, in the first side's form when the corpus says that one
    assert with_heads(["sleeper trains", "night"], desk.index) == ["sleeper trains", "night trains"]
    assert with_heads(["ground-based radio", "satellite"], desk.index) == ["ground-based radio", "satellite"]  # said by none


class _Said:
    """Answers `mentions` and `embed_query` as an index would, for a few phrases and words."""

    def __init__(self, said: dict[str, int], vectors: dict[str, list[float]]):
        self.said, self.vectors = said, vectors

    def mentions(self, phrases, flt):
        return set(range(self.said.get(phrases[0], 0)))

    def embed_query(self, text):
        import numpy as np

        vector = np.array(self.vectors.get(text, [0.0, 0.0, 1.0]))
        return vector / np.linalg.norm(vector)


def test_a_one_word_second_side_takes_the_first_sides_modifier_when_it_is_of_the_same_sort():
    from assistant.compare import HEAD_RECORDS, with_heads

    # "Compare the concerns about nuclear fusion and fission" compared nuclear fusion with any fission
    index = _Said({"nuclear fission": HEAD_RECORDS, "climate migration": 11}, {"fusion": [1.0, 0.2, 0.0], "fission": [1.0, 0.0, 0.0], "change": [0.0, 1.0, 0.0], "migration": [1.0, 0.0, 0.0]})
    assert with_heads(["nuclear fusion", "fission"], index) == ["nuclear fusion", "nuclear fission"]
    # "climate change and migration": migration is no sort of change, though the corpus says "climate migration"
    assert with_heads(["climate change", "migration"], index) == ["climate change", "migration"]



def test_places_are_the_sides_when_what_is_compared_takes_to_as_its_complement(desk):
    from assistant.compare import with_complement

    # the corpus writes "access to" in most records that say "access": the places are compared
    question = "Compare access to testing in Finland and Estonia"
    assert with_complement(["access in Finland and Estonia", "testing in Finland and Estonia"], question, desk.index) == [
        "access to testing in Finland",
        "access to testing in Estonia",
    ]
    # ...and so are populations ("among")
    assert with_complement(["a", "b"], "Compare access to testing among students and teachers", desk.index) == [
        "access to testing among students",
        "access to testing among teachers",
    ]
    # ...the place's word said again before the second is no part of it
    assert with_complement(["a", "b"], "Compare access to testing in Finland and in Estonia", desk.index)[1] == "access to testing in Estonia"
    # no record writes "drones to": drones are compared with sleeper trains, in both places
    sides = ["drones in Finland and Estonia", "sleeper trains in Finland and Estonia"]
    assert with_complement(sides, "Compare drones to sleeper trains in Finland and Estonia", desk.index) == sides
    assert with_complement(["access", "testing"], "Compare access to testing", desk.index) == ["access", "testing"]

BATTERIES = """# __Cheaper Batteries Without Lithium__, (from page [20260302a](https://signal-desk.example/p/20260302a).)

## Summary

Sodium-ion batteries start to compete with lithium-ion batteries in stationary storage.

## Signals

| name | description | change | 10-year | driving-force | relevancy |
|:--|:--|:--|:--|:--|--:|
| Sodium-Ion Storage | Utilities order sodium-ion batteries for grid storage. | From lithium-ion batteries to sodium. | Cheaper storage. | Cost. | 4 |
| Lithium-Ion Prices Fall | Lithium-ion batteries keep getting cheaper. | From scarce to plentiful. | Cheaper cars. | Scale. | 4 |
| Lithium-Ion Recycling | Old lithium-ion batteries are recycled for their metals. | From waste to feedstock. | Closed loops. | Rules. | 3 |
"""


def test_a_one_word_side_takes_the_other_sides_form_when_the_corpus_says_that_one(tmp_path, embedder):
    from assistant.compare import with_heads
    from index import Settings, ingest
    from index.search import SearchIndex

    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "20260302a-batteries.md").write_text(BATTERIES, encoding="utf-8")
    settings = Settings(index_dir=tmp_path / "index")
    assert ingest([str(tmp_path / "corpus")], settings, embedder=embedder).ok
    index = SearchIndex(settings, embedder=embedder)
    # "lithium batteries" is said by no record, "lithium-ion batteries" by three
    assert with_heads(["sodium-ion batteries", "lithium"], index) == ["sodium-ion batteries", "lithium-ion batteries"]


HEADSETS = """# __Headsets Find a Use at Work__, (from page [20260410a](https://signal-desk.example/p/20260410a).)

## Summary

Mixed-reality headsets move from games to training, and the vision of a headset in every office returns.

## Signals

| name | description | change | 10-year | driving-force | relevancy |
|:--|:--|:--|:--|:--|--:|
| Headsets in Training | Airlines train crews on the Lumen Pro and record each session. | From simulators to headsets. | Cheaper training. | Cost. | 4 |
| Lighter Headsets | Lumen Pro weighs less than last year's model. | From heavy to light. | All-day wear. | Materials. | 3 |
| A Vision of Shared Rooms | Designers share a vision of rooms where remote colleagues appear as avatars. | From calls to rooms. | Fewer flights. | Remote work. | 3 |
| Headset Sport | Broadcasters test headset coverage of the Winter Olympic races, and of Olympic skiing. | From screens to headsets. | New rights deals. | Sport. | 3 |
| Headsets for Surgeons | Surgeon Dana Okafor trains residents in a headset; her team says Okafor cut training time by half. | From theatres to headsets. | Remote surgery. | Skills. | 4 |
| A Founder's Bet | Investors back Okafor, who plans a headset clinic, while critics doubt Okafor can scale it. | From pilots to clinics. | Clinics in headsets. | Capital. | 3 |
| Shipping Headsets | Crews on the Red Sea route and in the North Sea use headsets to inspect hulls. | From divers to headsets. | Safer inspections. | Cost. | 3 |
"""


def test_names_as_the_corpus_writes_them(tmp_path, embedder):
    # "Lumen Pro" opens the question: "Lumen" could be any opening word, and the planner found
    # "Pro" alone; the corpus writes "Lumen Pro" with its capitals, so the name is the phrase.
    # And "the Olympics" is mentioned by the corpus's "Olympic", which it writes as a name.
    import shutil
    from pathlib import Path

    from assistant import Assistant
    from assistant.entities import last_name
    from index import Settings, ingest
    from index.search import SearchIndex

    shutil.copytree(Path(__file__).parent.parent / "examples" / "corpus", tmp_path / "corpus")  # names must be rare among many records
    (tmp_path / "corpus" / "20260410a-headsets.md").write_text(HEADSETS, encoding="utf-8")
    settings = Settings(index_dir=tmp_path / "index")
    assert ingest([str(tmp_path / "corpus")], settings, embedder=embedder).ok
    desk = Assistant(settings, index=SearchIndex(settings, embedder=embedder))
    assert [e.name for e in desk.plan("Lumen Pro headsets").entities] == ["Lumen Pro"]
    assert [e.name for e in desk.plan("Vision headsets").entities] == []  # "vision" is a word the corpus writes lower-case
    olympics = desk.plan("What about the Olympics?").entities
    assert [e.name for e in olympics] == ["Olympics"] and "Olympic" in olympics[0].aliases
    # a person's last name alone mentions them ("Okafor"); a word many names end in does not ("Sea")
    okafor = desk.plan("What has Dana Okafor said about headsets?").entities
    assert [e.name for e in okafor] == ["Dana Okafor"] and "Okafor" in okafor[0].aliases
    assert "Sea" not in [a for e in desk.plan("What about the Red Sea?").entities for a in e.aliases]
    assert last_name("Red Sea", desk.index, 20) is None and last_name("Dana Okafor", desk.index, 20) == "Okafor"


def test_a_comparison_says_the_filters_both_sides_are_read_under(desk):
    rated = desk.ask("Compare night and sleeper trains, rated 4 or higher")
    assert "Only records rated 4 or higher are compared." in rated.markdown
    assert "are compared." not in desk.ask("Compare night and sleeper trains").markdown

"""Lists and counts over the whole filtered set: delimitation, paging, facets that add up."""

from __future__ import annotations

import re

import pytest

from assistant.aggregate import acronyms_of, match_all, mention_pattern, phrases_of
from assistant.models import QueryPlan
from assistant.plan import share_of_topic
from assistant.retrieve import node_filter, tied_to
from index import NodeFilter


def test_phrases_include_a_singular_variant_but_leave_latin_plurals_alone():
    assert phrases_of(QueryPlan(question="", topics=["drones"])) == ["drones", "drone"]
    assert phrases_of(QueryPlan(question="", topics=["space debris"])) == ["space debris"]
    assert phrases_of(QueryPlan(question="", topics=["batteries"])) == ["batteries", "battery"]


def test_a_mention_is_a_whole_word():
    war = mention_pattern(["war"])
    assert war.search("The war in Ukraine") and war.search("trade wars") and war.search("War's end")
    assert not mention_pattern(["art"]).search("state-of-the-art sensors")  # a compound's later word is not the word
    assert mention_pattern(["lithium"]).search("lithium-ion cells") and mention_pattern([], ["AI"]).search("AI-driven tools")
    assert not war.search("software") and not war.search("awareness") and not war.search("towards")
    water = mention_pattern(["water"])
    assert water.search("Water utilities") and not water.search("AI content watermarking")
    stored = '{"kind":"technology","name":"Biotechnology Labs","change":"A shift"}'  # a field's name or the kind is no mention
    assert not mention_pattern(["change"]).search(stored) and not mention_pattern(["technology"]).search(stored)
    assert acronyms_of(QueryPlan(question="", topics=["EVs"])) == ["EVs"] and acronyms_of(QueryPlan(question="", topics=["5G"])) == ["5G"]
    assert acronyms_of(QueryPlan(question="", topics=["NATO"])) == [] and acronyms_of(QueryPlan(question="", topics=["ai"])) == []
    assert mention_pattern([], ["EV"]).search("EV charging") and mention_pattern([], ["EV"]).search("cheaper EVs")
    ai = mention_pattern([], ["AI"])
    assert ai.search("AI tutors") and ai.search("the AIs we build") and not ai.search("ai") and not ai.search("said")


def test_an_article_with_one_passing_mention_is_not_about_the_topic(desk):
    # the flood insurance article says "water" once: its records on flood defences are not about water
    matched = match_all(desk.plan("How many records mention water?"), desk.index, desk.settings.retrieval)
    names = {r.name for r in desk.index.records(matched.ids).values()}
    assert "Electrolysers" in names and "Climate Adaptation Funding" not in names
    assert "AI Content Watermarking" not in names


def test_a_count_of_mentions_says_how_many_more_speak_of_it_otherwise(desk):
    asked = match_all(desk.plan("How many records mention insurance?"), desk.index, desk.settings.retrieval)
    about = match_all(desk.plan("How many records are about insurance?"), desk.index, desk.settings.retrieval)
    assert asked.unsaid == len(set(about.ids) - set(asked.ids)) > 0  # they lead the weaker matches
    assert set(about.ids) - set(asked.ids) <= set(asked.weaker)
    answer = desk.ask("How many records mention insurance?")
    assert f"{asked.unsaid} more, close in meaning or from articles about it, lead" in answer.markdown


def test_another_kind_of_a_terms_head_is_counted_only_when_sure_as_a_lookup_shows_it(desk, monkeypatch):
    # "How many behaviors are about sustainable fashion?" counted 27, ten of them fashion of other
    # kinds, where the lookup showed 8: a count reads the records by the lookup's rule
    import assistant.aggregate as aggregate

    plan = desk.plan("How many records are about coral restoration?")
    before = match_all(plan, desk.index, desk.settings.retrieval)
    asked: list[str] = []

    def every(query, ids, index, term):
        asked.append(query)
        return set(ids)

    monkeypatch.setattr(aggregate, "head_only_records", every)
    after = match_all(plan, desk.index, desk.settings.retrieval)
    assert asked == ["coral restoration"]
    assert after.reasons["similar"] < before.reasons["similar"] and set(after.ids) <= set(before.ids)


def test_a_record_placing_the_topic_in_another_setting_is_not_counted_and_comes_last(desk, monkeypatch):
    # "How many signals are about microplastics in food?" counted "Microplastics in Retinas", which
    # a lookup shows as no strong match (`elsewhere`): a count reads the records by the lookup's rule
    import assistant.aggregate as aggregate

    plan = desk.plan("How many records are about coral restoration?")
    before = match_all(plan, desk.index, desk.settings.retrieval)
    placed = set(before.ids[:2])
    monkeypatch.setattr(aggregate, "elsewhere", lambda question, topics, ids, index: placed & set(ids))
    after = match_all(plan, desk.index, desk.settings.retrieval)
    assert set(after.ids) == set(before.ids) - placed
    assert set(after.weaker[-len(placed) :]) == placed and len(set(after.weaker)) == len(after.weaker)


def test_count_is_mentions_plus_close_matches_and_every_mention_is_in(desk):
    plan = desk.plan("how many concerns are there about debris?")
    matched = match_all(plan, desk.index, desk.settings.retrieval)
    mentions = desk.index.mentions(["debris"], node_filter(plan))
    assert mentions and mentions <= set(matched.ids)
    assert sum(matched.reasons.values()) == len(matched.ids)
    answer = desk.ask("how many concerns are there about debris?")
    assert answer.facets["total"] == len(matched.ids)
    assert f"**{len(matched.ids)} concerns**" in answer.markdown
    assert "mention “debris”" in answer.markdown  # says how it counted
    # a region is mentioned by its countries' names too, and the answer says so
    baltic = desk.ask("How many records mention the Baltic states?")
    assert "mention “Baltic states”" in baltic.markdown and "or one of its countries" in baltic.markdown
    assert any("Estonia" in f"{r.name} {r.description}" and "Baltic" not in f"{r.name} {r.description}" for r in baltic.records)


def test_a_count_in_a_kind_none_of_whose_records_is_close_counts_those_of_the_articles_other_kinds_place_on_it(desk):
    # no signal is close to "cheating with chatbots", but two records of other kinds of the
    # article on students cheating with AI are: its signal counts, and a note says why
    question = "How many signals about cheating with chatbots?"
    matched = match_all(desk.plan(question), desk.index, desk.settings.retrieval)
    records = desk.index.records(matched.ids)
    assert [r.name for r in records.values()] == ["Surge in AI-Assisted Cheating"]
    assert matched.notes == [
        "No signal is close in meaning to “cheating chatbots” on its own; 2 records of other kinds are, "
        "and the 1 article they come from is about it."
    ]
    # an article already about it by its mentions ("undersea cables") needs no such note
    assert not match_all(desk.plan("How many behaviors about undersea cables?"), desk.index, desk.settings.retrieval).notes


def test_a_count_says_how_many_articles_hold_its_records_and_leads_with_them_when_asked(desk):
    plan = desk.plan("how many records are there about debris?")
    matched = match_all(plan, desk.index, desk.settings.retrieval)
    articles = len({desk.index.article_of_node(i) for i in matched.ids})
    held = f"{articles} article" + ("s" if articles != 1 else "")
    assert f"** from {held} on “debris”" in desk.ask("how many records are there about debris?").markdown
    assert desk.ask("How many articles cover debris?").markdown.startswith(f"**{held}** hold")


def test_facets_add_up_to_the_total(desk):
    answer = desk.ask("list all signals about Europe")
    facets = answer.facets
    for name in ("kind", "category", "theme", "year"):
        assert sum(facets[name].values()) == facets["total"], name


def test_pages_partition_the_set(desk):
    question = "list all technologies"
    first = desk.ask(question, k=5)
    second = desk.ask(question, k=5, page=2)
    total = first.facets["total"]
    assert total > 10 and len(first.records) == 5 and len(second.records) == 5
    assert not {r.id for r in first.records} & {r.id for r in second.records}
    assert f"Showing 1–5 of {total}" in first.markdown and f"Showing 6–10 of {total}" in second.markdown
    assert {r.kind for r in first.records + second.records} == {"technology"}


def test_a_count_with_no_match_says_nothing_found(desk):
    answer = desk.ask("how many signals mention zeppelins since 2030?")
    assert answer.markdown.startswith("Nothing found") and answer.citations == []


def test_a_count_that_asks_something_of_an_entity_counts_only_its_mentions_on_that(desk):
    # "Finland" alone: every record that names it; "undersea cables ... Finland": not the border
    # towns and GPS beacons that name Finland too
    named = desk.index.records(match_all(desk.plan("How many records mention Finland?"), desk.index, desk.settings.retrieval).ids)
    assert {r.article_id for r in named.values()} >= {"20240619-finland-border-civil-defence", "20250314b-baltic-gps-jamming"}
    plan = desk.plan("How many records about undersea cables mention Finland?")
    matched = match_all(plan, desk.index, desk.settings.retrieval)
    assert matched.reasons["mention"] >= 1
    assert {r.article_id for r in desk.index.records(matched.ids).values()} == {"20250311c-baltic-undersea-cables"}


def test_a_share_asked_for_is_the_count_over_the_records_of_those_kinds(desk):
    # "what share of": the count, and what part it is of every record of those kinds (and filters)
    answer = desk.ask("What share of the signals are about drones?")
    assert answer.plan["intent"] == "count" and answer.plan["query"] == "drones"
    signals = desk.index.count(NodeFilter(kinds=("signal",)))
    counted = answer.facets["total"]
    assert f"That is {100 * counted / signals:.1f}% of the index's {signals:,} signals." in answer.markdown
    assert "That is" not in desk.ask("How many signals are about drones?").markdown  # a count asks no share


def test_a_share_of_the_records_on_one_topic_is_taken_of_those_records(desk):
    # "What share of the concerns about drones are about privacy?": of the concerns on drones, not of every concern
    answer = desk.ask("What share of the records about drones are about airspace?")
    assert answer.plan["intent"] == "count" and answer.plan["query"] == "drones airspace"
    on_drones = match_all(desk.plan("How many records are about drones?"), desk.index, desk.settings.retrieval)
    counted = match_all(desk.plan(answer.question), desk.index, desk.settings.retrieval)
    within = len(set(counted.ids) & set(on_drones.ids))
    assert on_drones.ids and within
    assert f"Of the {len(on_drones.ids):,} records on “drones”, **{within:,}** (" in answer.markdown
    assert "of the index's" not in answer.markdown


@pytest.mark.parametrize(
    ("question", "whole"),
    [
        ("What share of the concerns about drones are about privacy?", "drones"),
        ("What proportion of signals on AI are about jobs?", "AI"),
        ("What share of the concerns are about climate?", ""),  # of every concern
        ("How much of the corpus is about lithium?", ""),
    ],
)
def test_the_topic_a_share_is_taken_of(question, whole):
    assert share_of_topic(question) == whole


def test_a_count_of_a_topic_in_a_place_leaves_out_what_is_tied_to_no_such_place(desk):
    # "heat pumps in Finland": records on heat pumps that neither name Finland nor come from an
    # article about it are not counted; a note says how many, and they lead the weaker matches
    # (here no record or article ties Finland to heat pumps at all, so nothing is counted)
    plan = desk.plan("How many records are about heat pumps in Finland?")
    matched = match_all(plan, desk.index, desk.settings.retrieval)
    tied = tied_to(plan.entities, desk.index, node_filter(plan))
    assert set(matched.ids) <= tied
    assert matched.notes and "No record or article names Finland with “heat pumps”: nothing is counted" in matched.notes[0]
    unplaced = int(re.search(r"(\d+) records? on", matched.notes[0]).group(1))
    assert unplaced > 0 and not set(matched.weaker[:unplaced]) & tied
    answer = desk.ask("How many records are about heat pumps in Finland?")
    assert "nothing is counted, and the 4 records on “heat pumps”" in " ".join(answer.warnings)
    assert not desk.ask("How many records are about drones in Estonia?").warnings  # what names Estonia is counted


def test_a_word_as_common_as_a_topic_asked_of_an_entity_delimits_by_being_said(desk, monkeypatch):
    # "AI in China" on the full corpus: "AI" is in most records and delimits nothing by its margin,
    # so the records that name China count only when they say it (not China's every concern)
    import assistant.aggregate as aggregate

    monkeypatch.setattr(aggregate, "delimits", lambda focus, index: False)
    plan = desk.plan("How many records about undersea cables mention Finland?")
    counted = desk.index.records(match_all(plan, desk.index, desk.settings.retrieval).ids)
    assert counted and all("cable" in r.fields().lower() for r in counted.values())
    everything = desk.plan("How many records mention Finland?")
    assert len(match_all(everything, desk.index, desk.settings.retrieval).ids) > len(counted)


def test_a_record_counted_for_naming_the_place_is_one_the_lookup_would_show(desk):
    # "How many issues relate to water scarcity in Africa?" counted records naming Africa on
    # manufacturing and textile waste: naming the place, they stood two spreads above the background
    # of "water scarcity". Such a record now counts only when the lookup judges it a strong match.
    from assistant.retrieve import anchoring, is_strong, score

    counted = {}
    for question in ("How many records are about drone attacks in Estonia?", "How many records are about border closures in Estonia?"):
        plan = desk.plan(question)
        matched = match_all(plan, desk.index, desk.settings.retrieval)
        anchored = plan.model_copy(update={"entities": anchoring(plan.entities, desk.index)})
        scored = score(anchored, desk.index, desk.settings.retrieval, node_filter(anchored))
        naming = [i for i, r in desk.index.records(matched.ids).items() if "estonia" in r.fields().lower()]
        assert all(is_strong(i, scored, desk.settings.retrieval) for i in naming)
        counted[question] = {desk.index.records([i])[i].name for i in naming}
    assert counted["How many records are about drone attacks in Estonia?"]
    # the Baltic states' border plans name Estonia and speak of borders, not of closing them (the
    # topic's most specific word): the lookup does not show them as a strong match, so neither
    # does the count count them
    assert "Baltic States Aligning Border Plans" not in counted["How many records are about border closures in Estonia?"]


def test_topics_offered_as_one_or_the_other_count_by_their_mentions():
    from assistant.aggregate import _either
    from assistant.plan import plan

    assert _either(plan("How many issues mention wildfires or forest fires?"))
    assert _either(plan("How many records mention drones or UAVs?"))
    assert not _either(plan("How many records mention drones and farming?"))  # both at once: one topic
    assert not _either(plan("How many signals mention AI or robots in healthcare?"))  # three words of a topic

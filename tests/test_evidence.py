"""The evidence rule of a strong match, on hand-made scores (no index, no model)."""

from __future__ import annotations

from typing import cast

import pytest

from assistant.parts import PHRASE_RECORDS
from assistant.retrieve import (
    MOST_SPECIFIC,
    Scored,
    _diversified,
    _spoken_of,
    _taking_turns,
    is_strict,
    is_strong,
    most_specific,
    node_filter,
    one_word_share,
    worded,
)
from index import NodeFilter, RetrievalSettings
from index.search import SearchIndex

SETTINGS = RetrievalSettings()


def scored(**changes: object) -> Scored:
    base = Scored(
        order=["a", "b"],
        fused={"a": 1.0, "b": 0.9},
        dense={"a": 0.7, "b": 0.7},
        z={"a": 6.0, "b": 6.0},
        anchor={"a": "direct", "b": "direct"},
        best=6.0,
    )
    for name, value in changes.items():
        setattr(base, name, value)
    return base


def test_a_record_naming_the_entity_needs_evidence_for_the_rest_of_the_question() -> None:
    # "how Gen Z consumes news": both records name Gen Z; only "a" is about news consumption
    evidence = scored(focus_z={"a": SETTINGS.weak_z + 1.0, "b": SETTINGS.weak_z - 1.0})
    assert is_strong("a", evidence, SETTINGS)
    assert not is_strong("b", evidence, SETTINGS)


def test_a_record_naming_the_entity_and_saying_every_word_is_the_evidence() -> None:
    # "food security in Africa": the record on food security in West Africa's cocoa farming stands
    # 3.5 spreads above the background, below 0.7 of the best match's margin (food security at
    # large), and 1.7 from "food security" alone; it says every word of the question
    cocoa = scored(
        z={"a": 7.8, "b": 3.5}, best=7.8, dense={"a": 0.7, "b": 0.37}, anchor={"b": "direct"},
        focus_z={"b": 1.7}, coverage={"a": 0.51, "b": 1.0}, one_word=0.51,
    )
    assert is_strong("b", cocoa, SETTINGS)
    assert not is_strong("b", scored(**{**cocoa.__dict__, "coverage": {"b": 0.51}}), SETTINGS)  # the entity's word alone
    assert not is_strong("b", scored(**{**cocoa.__dict__, "anchor": {}}), SETTINGS)  # no name: the margin decides
    assert not is_strong("b", scored(**{**cocoa.__dict__, "z": {"a": 7.8, "b": 1.5}}), SETTINGS)  # below `weak_z`


def test_in_a_question_about_its_entity_a_record_naming_it_and_saying_the_rest_is_evidence() -> None:
    # "Tesla and robotaxis": Baidu competing with Waymo and Tesla in the robotaxi space stands 4.1
    # spreads above the background, below 0.7 of the best tied margin (Autopilot, 8.1)
    tesla = scored(
        z={"a": 8.07, "b": 4.13}, best=8.07, best_anchored=8.07, dense={"a": 0.59, "b": 0.36}, strict=True,
        coverage={"a": 0.48, "b": 1.0}, one_word=0.52, focus_z={"a": 1.0, "b": 1.0}, best_focus=6.0,
    )
    assert is_strong("b", tesla, SETTINGS)
    assert not is_strong("b", scored(**{**tesla.__dict__, "coverage": {"a": 0.48, "b": 0.48}}), SETTINGS)  # Tesla alone


def test_a_record_saying_every_word_is_not_held_to_the_margin_of_a_match_on_one_of_them() -> None:
    # "secondhand clothing": the best match (8.0 spreads) is a record on clothing design; one on
    # social media driving secondhand and vintage clothing stands 5.6, below 0.7 of that
    resale = scored(
        z={"a": 8.0, "b": 5.56}, best=8.0, dense={"a": 0.58, "b": 0.41}, anchor={},
        coverage={"a": 0.46, "b": 1.0}, one_word=0.54, said={"b"}, best_partial=True,
    )
    assert is_strong("b", resale, SETTINGS)
    assert not is_strong("b", scored(**{**resale.__dict__, "best_partial": False}), SETTINGS)  # the best says it all too
    assert not is_strong("b", scored(**{**resale.__dict__, "coverage": {"a": 0.46, "b": 0.54}, "said": set()}), SETTINGS)  # one word of two
    # every word held, but scattered over a signal's other fields: not said so
    assert not is_strong("b", scored(**{**resale.__dict__, "said": set()}), SETTINGS)
    assert not is_strong("b", scored(**{**resale.__dict__, "z": {"a": 8.0, "b": 1.5}}), SETTINGS)  # no margin at all


def test_a_record_saying_every_word_of_several_needs_less_margin_when_nearly_as_close_as_the_meaning_bar() -> None:
    # "AI toys": "Privacy Concerns with AI Toys" stands 2.6 spreads above the background and 0.51
    # from the question, below the meaning bar; records on AI misuse at large stand 0.54
    toys = scored(anchor={}, z={"a": 2.8, "b": 2.6}, best=0.0, dense={"a": 0.54, "b": 0.51}, coverage={"a": 0.17, "b": 1.0}, one_word=0.83, said={"b"})
    assert is_strong("b", toys, SETTINGS)
    assert not is_strong("b", scored(**{**toys.__dict__, "said": set()}), SETTINGS)  # its stems only: "accountability" for "accountants"
    assert not is_strong("a", toys, SETTINGS)  # half the wording, below the margin
    assert not is_strong("b", scored(**{**toys.__dict__, "dense": {"a": 0.54, "b": 0.45}}), SETTINGS)  # too far in meaning
    assert not is_strong("b", scored(**{**toys.__dict__, "one_word": 1.0}), SETTINGS)  # one word asked: its records say all of it
    assert not is_strong("b", scored(**{**toys.__dict__, "z": {"a": 2.8, "b": 1.5}}), SETTINGS)  # below `weak_z`


def test_part_of_the_wording_far_from_the_meaning_is_no_evidence() -> None:
    # "wildfire smoke and health": a record on smoking holds "smoke" and "health", 0.61 of the
    # wording, at a cosine of 0.36; all of a question's words, or its one word, need no such closeness
    smoking = scored(anchor={}, dense={"a": 0.7, "b": 0.36}, coverage={"a": 1.0, "b": 0.61}, one_word=0.39)
    assert not is_strong("b", smoking, SETTINGS)
    assert is_strong("b", scored(**{**smoking.__dict__, "dense": {"a": 0.7, "b": 0.42}}), SETTINGS)
    assert is_strong("b", scored(**{**smoking.__dict__, "coverage": {"a": 1.0, "b": 1.0}}), SETTINGS)  # "bike lanes" said
    assert is_strong("b", scored(**{**smoking.__dict__, "one_word": 0.0}), SETTINGS)  # one word asked


def test_meaning_alone_must_be_sure_when_most_of_the_topic_is_words_no_record_uses() -> None:
    # "retailers shoplifting": no record says "shoplifting"; one on retailers taking back old
    # electronics stands 0.55 from the question, as the model reads "retailers"
    retail = scored(anchor={}, dense={"a": 0.7, "b": 0.55}, coverage={"a": 0.31, "b": 0.31}, one_word=0.69)
    assert is_strong("b", retail, SETTINGS)
    assert not is_strong("b", scored(**{**retail.__dict__, "unsaid": True}), SETTINGS)
    assert is_strong("a", scored(**{**retail.__dict__, "unsaid": True}), SETTINGS)  # as close as `sure_cosine`


def test_a_record_holding_a_terms_head_without_its_modifier_carries_its_meaning_only_when_sure() -> None:
    # "sustainable fashion": "Rise of Anti-Surveillance Fashion" stands 0.59 from it, as the model
    # reads "fashion"; "Closed-Loop Fashion Design" 0.70
    fashion = scored(anchor={}, dense={"a": 0.7, "b": 0.59}, coverage={"a": 0.64, "b": 0.64}, one_word=0.64)
    assert is_strong("b", fashion, SETTINGS)
    head_only = scored(**{**fashion.__dict__, "head_only": {"a", "b"}})
    assert not is_strong("b", head_only, SETTINGS) and is_strong("a", head_only, SETTINGS)


def test_the_records_holding_a_terms_head_without_its_modifier(desk) -> None:
    from assistant.retrieve import TWO_WORD_TERM, head_only_records

    index = desk.index
    assert index.phrase_records("undersea cables") >= TWO_WORD_TERM
    ids = list(index.records(index.mentions(["cable"], NodeFilter())))
    found = head_only_records("undersea cables", ids, index, index.embed_query("undersea cables"))
    terms = index.terms_of(ids)
    assert found and all("cabl" in terms[i] and "undersea" not in terms[i] for i in found)
    assert any("undersea" in terms[i] for i in ids if i not in found)  # one that says both is no such record
    assert head_only_records("cables", ids, index, index.embed_query("cables")) == head_only_records("delivery riders", ids, index, index.embed_query("delivery riders")) == set()  # one word; no term of the corpus


def test_the_records_holding_a_bound_terms_modifier_without_its_head(desk) -> None:
    # "What are the risks of heat pumps?" showed "Health Risks from Heat": most records holding
    # "pump" say "heat pumps", so "heat" alone is another thing (cooler roofs, here)
    from assistant.retrieve import modifier_only_records

    index = desk.index
    ids = index.node_ids(NodeFilter())
    found = modifier_only_records("risks of heat pumps", ids, index)
    terms = index.terms_of(sorted(found))
    assert found and all("heat" in terms[i] and "pump" not in terms[i] for i in found)
    assert found == modifier_only_records("heat pumps", ids, index)
    assert modifier_only_records("undersea cables", ids, index) == set()  # "cables" is not bound to it


def test_unsaid_words_must_hold_most_of_the_wording() -> None:
    from types import SimpleNamespace

    from assistant.retrieve import _unsaid

    frequency = {"retailers": 900, "shoplifting": 0, "sand": 40, "mining": 300, "mafia": 0, "illegal": 200}
    shares = {"retailers shoplifting": {"retail": 0.31, "shoplift": 0.69}, "illegal sand mining mafia": {"illeg": 0.21, "sand": 0.23, "mine": 0.18, "mafia": 0.38}}
    stems = {"retailers": "retail", "shoplifting": "shoplift", "illegal": "illeg", "mining": "mine"}
    index = SimpleNamespace(
        term_shares=lambda focus: shares[focus], document_frequency=lambda word: frequency.get(word, 0), terms=lambda word: [stems.get(word, word)]
    )
    assert _unsaid("retailers shoplifting", cast(SearchIndex, index))
    assert not _unsaid("illegal sand mining mafia", cast(SearchIndex, index))  # the sand mafia is a small part of it
    frequency.update({"energy": 2000, "storage": 300, "cheap": 40, "cheapest": 0})
    shares["energy storage cheapest"] = {"energi": 0.1, "storag": 0.3, "cheapest": 0.6}
    assert not _unsaid("energy storage cheapest", cast(SearchIndex, index))  # a degree of a word the corpus uses


def test_a_record_says_the_words_as_written_not_only_their_stems() -> None:
    from types import SimpleNamespace

    from assistant.retrieve import _said

    texts = {"toys": ("Privacy Concerns with AI Toys", "A toy that records"), "audits": ("Algorithmic Accountability", "AI audits")}
    index = SimpleNamespace(records=lambda ids: {i: SimpleNamespace(name=texts[i][0], description=texts[i][1]) for i in ids})
    assert _said("AI toys", ["toys", "audits"], cast(SearchIndex, index))[0] == {"toys"}
    assert _said("AI accountants", ["toys", "audits"], cast(SearchIndex, index))[0] == set()  # "accountability" shares the stem


def test_without_a_focus_to_check_the_name_and_the_meaning_decide() -> None:
    assert is_strong("b", scored(), SETTINGS)


def test_meaning_is_still_required() -> None:
    assert not is_strong("b", scored(dense={"a": 0.7, "b": 0.2}), SETTINGS)


def test_wording_evidence_is_more_than_one_word_of_several() -> None:
    # "unicorn farming": "unicorn" is the rarer word, 0.62 of the wording, and a record on unicorn
    # startups holds it alone; not the question's wording, however rare the word
    startups = scored(anchor={}, dense={"a": 0.7, "b": 0.45}, coverage={"a": 1.0, "b": 0.62}, one_word=0.62)
    assert not is_strong("b", startups, SETTINGS)
    assert is_strong("b", scored(anchor={}, dense={"a": 0.7, "b": 0.45}, coverage={"a": 1.0, "b": 0.64}, one_word=0.45), SETTINGS)
    assert is_strong("b", scored(anchor={}, dense={"a": 0.7, "b": 0.45}, coverage={"a": 1.0, "b": 0.62}), SETTINGS)  # one word asked


def test_a_strict_question_also_takes_tied_records_that_carry_its_one_word() -> None:
    # "escalation signals involve Estonia": "a" names Estonia (its margin is lifted by the name),
    # "b" and "c" come from an article about it; "b" is about escalation, "c" is not
    evidence = scored(
        order=["a", "b", "c"],
        z={"a": 6.0, "b": 3.5, "c": 3.5},
        anchor={"a": "direct", "b": "article", "c": "article"},
        strict=True,
        best_anchored=6.0,
        focus_z={"a": 0.5, "b": 3.3, "c": 0.4},
        best_focus=3.3,
    )
    assert [i for i in evidence.order if is_strong(i, evidence, SETTINGS)] == ["a", "b"]
    assert not is_strong("b", scored(strict=True, z={"a": 6.0, "b": 3.5}, best_anchored=6.0), SETTINGS)  # no focus: the margin decides


def test_a_tied_record_that_does_not_say_the_one_word_needs_a_tied_records_margin_for_it() -> None:
    # "Persian Gulf shipping": nothing tied to the Gulf states speaks of shipping; "b" (camel
    # embryo transfer, of an article on the Gulf) stands 2.2 spreads from "shipping" and does not
    # say it, "c" says it at the same margin, "d" does not say it but stands 3.3 spreads from it
    evidence = scored(
        order=["a", "b", "c", "d"],
        z={"a": 7.0, "b": 2.4, "c": 2.4, "d": 2.4},
        anchor={"a": "direct", "b": "article", "c": "article", "d": "article"},
        strict=True,
        best_anchored=7.0,
        coverage={"c": 0.3},
        focus_z={"a": 1.9, "b": 2.2, "c": 2.2, "d": 3.3},
        best_focus=2.9,
    )
    assert [i for i in evidence.order if is_strong(i, evidence, SETTINGS)] == ["a", "c", "d"]


def test_a_tied_record_as_close_to_what_is_asked_of_the_entity_as_the_best_is_strong() -> None:
    # "Meta smart glasses": "a" names Meta (its margin lifted by the name), "b" comes from the
    # article on Meta's glasses and is as close to "smart glasses" alone; "c" is from that article
    # too, about neither; "d" is tied to nothing
    evidence = scored(
        order=["a", "b", "c", "d"],
        z={"a": 9.3, "b": 5.4, "c": 5.0, "d": 5.4},
        best=9.3,
        dense={"a": 0.78, "b": 0.6, "c": 0.6, "d": 0.6},
        anchor={"a": "direct", "b": "article", "c": "article"},
        focus_z={"a": 6.2, "b": 5.5, "c": 2.5},
        best_focus=6.2,
    )
    assert [i for i in evidence.order if is_strong(i, evidence, SETTINGS)] == ["a", "b"]


def test_a_two_word_topic_written_the_other_way_round_is_not_its_wording() -> None:
    from types import SimpleNamespace

    from assistant.retrieve import _reversed

    texts = {
        "ikea": ("Time as Currency Concept", "IKEA lets customers spend their travel time as currency."),
        "diaries": ("Time-Travel Diaries", "Journals written as time travel to one's future self."),
        "both": ("Commutes", "Travel time shrinks; time travel stays fiction."),
        "thaw": ("Permafrost Thawing", "Thawing permafrost releases carbon."),
    }

    class Records:
        def records(self, ids: list[str]) -> dict[str, SimpleNamespace]:
            return {i: SimpleNamespace(name=texts[i][0], description=texts[i][1]) for i in ids}

    index = cast(SearchIndex, Records())
    assert _reversed("time travel", "Any signals about time travel?", list(texts), index) == {"ikea"}
    assert _reversed("right repair", "the right to repair", ["ikea"], index) == set()  # written apart: no phrase
    assert _reversed("permafrost thaw", "permafrost thaw", ["thaw"], index) == set()  # a participle before its noun says it too


def test_a_strict_question_takes_only_tied_records_that_speak_of_its_one_word() -> None:
    # "What is Tesla doing in robotics?": both name Tesla, which lifts their margins alike; only
    # "a" (the Optimus robot) speaks of robots, "b" (the Cybertruck) does not
    evidence = scored(strict=True, best_anchored=6.0, speaks={"a"})
    assert [i for i in evidence.order if is_strong(i, evidence, SETTINGS)] == ["a"]
    evidence.speaks = None  # too few records say the word to tell: the margin decides
    assert [i for i in evidence.order if is_strong(i, evidence, SETTINGS)] == ["a", "b"]


def test_a_question_about_nothing_but_its_entity_takes_every_record_that_names_it() -> None:
    # "GLP-1 signals": "b" names GLP-1 but is about cosmetic surgery, far below the best margin;
    # "c" comes from an article about GLP-1 without naming it, and the margin still decides there
    evidence = scored(
        order=["a", "b", "c", "d"],
        z={"a": 9.0, "b": 5.0, "c": 5.0, "d": 1.0},
        anchor={"a": "direct", "b": "direct", "c": "article", "d": "direct"},
        strict=True,
        entity_only=True,
        best_anchored=9.0,
    )
    assert [i for i in evidence.order if is_strong(i, evidence, SETTINGS)] == ["a", "b"]  # "d": no margin at all
    evidence.entity_only = False  # "escalation signals involve ...": the rest of the question delimits
    assert [i for i in evidence.order if is_strong(i, evidence, SETTINGS)] == ["a"]


def test_a_common_word_asked_of_an_entity_still_takes_only_its_records_that_speak_of_it() -> None:
    # "What is Japan doing about AI?": "AI" is too common to delimit by its margin, so any record
    # naming Japan would do; "b" (a matchmaking subsidy) names Japan but does not speak of AI
    evidence = scored(
        order=["a", "b"],
        z={"a": 9.0, "b": 8.0},
        strict=True,
        entity_only=True,
        best_anchored=9.0,
        speaks={"a"},
    )
    assert [i for i in evidence.order if is_strong(i, evidence, SETTINGS)] == ["a"]


def test_a_tied_record_that_does_not_speak_of_the_topic_s_specific_word_needs_the_topic_alone() -> None:
    # "How is the EU regulating crypto?": both records name the EU; "b" (cybersecurity legislation)
    # is close to "regulating" and no word of it is crypto, so only its margin on the topic alone,
    # without the name's lift, could make it strong evidence
    evidence = scored(speaks={"a"}, focus_z={"a": SETTINGS.weak_z + 1.0, "b": SETTINGS.weak_z + 1.0})
    assert is_strong("a", evidence, SETTINGS)
    assert not is_strong("b", evidence, SETTINGS)
    evidence.focus_z = {"a": SETTINGS.weak_z + 1.0, "b": SETTINGS.strong_z}
    assert is_strong("b", evidence, SETTINGS)


def test_a_topic_s_most_specific_word_holds_most_of_its_wording(desk) -> None:
    index = desk.index
    shares = index.term_shares("regulating crypto")
    word = most_specific("regulating crypto", index)
    assert word is not None and shares[index.terms(word)[0]] >= MOST_SPECIFIC
    assert most_specific("crypto", index) is None  # one word: nothing to single out
    assert most_specific("the the", index) is None


def test_a_kind_word_asks_nothing_of_its_entity() -> None:
    from assistant.plan import is_kind_word

    # "What risks does Starlink pose? Just the concerns.": every concern about Starlink is a risk
    assert is_kind_word("risks") and is_kind_word("Trends") and not is_kind_word("energy")


def test_a_name_the_model_cannot_read_is_answered_by_the_records_that_name_it() -> None:
    # "signals involving the WHO": the model embeds "who"; nothing tied to the WHO stands above the background
    evidence = scored(
        order=["a", "b", "c"],
        z={"a": 0.7, "b": -0.3, "c": 0.5},
        anchor={"a": "direct", "b": "direct", "c": "article"},
        strict=True,
        entity_only=True,
        best_anchored=0.7,
    )
    assert [i for i in evidence.order if is_strong(i, evidence, SETTINGS)] == ["a", "b"]


def test_a_record_this_close_to_the_question_needs_only_the_weak_margin() -> None:
    # "AI in education": the background of an AI question is wide, so "AI in Education" (cosine
    # 0.75) stands only 3.5 spreads above it; a record as far above it but less close does not count
    evidence = scored(dense={"a": 0.75, "b": 0.6}, z={"a": 3.5, "b": 3.5}, anchor={}, best=3.5)
    assert is_strong("a", evidence, SETTINGS)
    assert not is_strong("b", evidence, SETTINGS)
    assert not is_strong("a", scored(dense={"a": 0.75}, z={"a": SETTINGS.weak_z - 0.5}, anchor={}, best=3.5), SETTINGS)
    # ... or one that carries the question's wording as well as its meaning ("concerns about AI":
    # "Over-reliance on AI", cosine 0.57, stands 2.4 spreads above the background of "AI")
    both = scored(dense={"a": 0.57, "b": 0.57}, coverage={"a": 1.0, "b": 0.2}, z={"a": 2.4, "b": 2.4}, anchor={}, best=2.4)
    assert is_strong("a", both, SETTINGS)
    assert not is_strong("b", both, SETTINGS)


def test_a_question_is_about_its_entity_only_when_something_tied_to_it_is_strong_evidence() -> None:
    strong = SETTINGS.strong_z
    assert is_strict(True, "escalation", True, strong + 1.6, SETTINGS)  # Estonia: its energy-security signal stands 5.6
    assert not is_strict(True, "farmers", True, strong - 0.1, SETTINGS)  # "American farmers": no US record is about farmers
    assert is_strict(True, "", False, 0.0, SETTINGS)  # "GLP-1 signals": nothing else is asked
    assert not is_strict(True, "deepfakes elections", True, strong + 3, SETTINGS)  # more than one word is asked
    assert not is_strict(False, "escalation", True, strong + 3, SETTINGS)  # no entity


def test_an_article_is_about_the_question_by_its_records_words_not_their_bm25_rank(desk) -> None:
    from assistant.retrieve import _lift_by_records
    from index import NodeFilter

    index, settings = desk.index, desk.settings.retrieval
    article = "20250930d-ransomware-hospitals"
    ids = index.record_ids_of_articles([article], NodeFilter())
    saying = [i for i, r in index.records(ids).items() if "ransomware" in f"{r.name} {r.description}".lower()][:2]
    assert len(saying) == 2
    z = dict.fromkeys(saying, settings.strong_z + 1)

    def lifted(query: str, lexical: dict[str, float]) -> set[str]:
        fused = dict.fromkeys(saying, 0.01)
        _lift_by_records(fused, z, lexical, query, index, settings, NodeFilter())
        return set(fused)

    # two strong matches that say the question's word make the article core, although neither
    # is among BM25's best: its other records join the candidates
    assert lifted("ransomware attacks", {}) == set(ids)
    assert lifted("orbital debris", {}) == set(saying)  # strong, but sharing no word with the question
    assert lifted("orbital debris", dict.fromkeys(saying, 1.0)) == set(ids)  # among BM25's best (expansion terms)


def test_entities_asked_as_a_list_take_turns_among_their_records() -> None:
    # "OpenAI and Microsoft": the record naming both, then the best of each, then the second best of each
    order = ["o1", "o2", "o3", "both", "m1", "m2", "x"]
    anchor = {"o1": "direct", "o2": "direct", "o3": "direct", "both": "direct", "m1": "direct", "m2": "article"}
    each = [{"o1", "o2", "o3", "both"}, {"both", "m1", "m2"}]
    assert _taking_turns(order, anchor, each) == ["both", "o1", "m1", "o2", "o3", "m2", "x"]


def test_a_statements_near_duplicates_beyond_a_few_wait_behind_other_records() -> None:
    # twenty articles' "Artificial Intelligence (AI)" are one row in the answer's table: they must
    # not fill its page
    class Index:
        def article_of_node(self, i: str) -> str:
            return f"article-{i}"

        def cluster_labels(self, ids: list[str]) -> dict[str, str]:
            return {i: "ai" for i in ids if i.startswith("ai")}

    ids = [f"ai{n}" for n in range(6)] + ["x", "y"]
    settings = RetrievalSettings(per_cluster=3)
    assert _diversified(ids, Index(), settings) == ["ai0", "ai1", "ai2", "x", "y", "ai3", "ai4", "ai5"]  # type: ignore[arg-type]


def test_an_article_about_the_entity_that_says_the_word_speaks_of_it_through_its_records(desk) -> None:
    # "What escalation signals involve Estonia?": no signal of the article on GPS jamming over
    # Estonia says escalation, its concern "Escalation From Airspace Incidents" does
    from index import NodeFilter

    index = desk.index
    article = "20250314b-baltic-gps-jamming"
    signals = index.record_ids_of_articles([article], NodeFilter(kinds=("signal",)))
    anchor = dict.fromkeys(signals, "article")
    assert _spoken_of("escalation", anchor, index) == {article}
    assert _spoken_of("vaccines", anchor, index) == set()
    assert _spoken_of("escalation", dict.fromkeys(signals, "direct"), index) == set()  # only articles about the entity


def test_a_record_saying_a_misread_word_asked_alone_is_evidence() -> None:
    # "rewilding": the model reads it as something else, so a record on rewilding urban spaces
    # stands 2.9 spreads above the background, below the margin and 70% of the best match's
    said = scored(anchor={}, dense={"a": 0.55, "b": 0.27}, z={"a": 6.6, "b": 2.9}, coverage={"a": 1.0, "b": 1.0}, best=6.6, one_term=True)
    assert is_strong("b", said, SETTINGS)
    assert not is_strong("b", scored(**{**said.__dict__, "one_term": False}), SETTINGS)  # a word the model reads: the margin decides
    assert not is_strong("b", scored(**{**said.__dict__, "coverage": {"a": 1.0, "b": 0.0}}), SETTINGS)  # it does not say it
    assert not is_strong("b", scored(**{**said.__dict__, "z": {"a": 6.6, "b": SETTINGS.weak_z - 0.1}}), SETTINGS)  # no evidence at all


def test_a_word_is_misread_when_most_of_the_models_nearest_records_do_not_say_it() -> None:
    from assistant.retrieve import _misread

    class Wording:
        def __init__(self, held: dict[str, float]) -> None:
            self.held = held

        def coverage(self, ids: list[str], query: str) -> dict[str, float]:
            return {i: self.held.get(i, 0.0) for i in ids}

    dense = [(f"d{n}", 0.5) for n in range(10)]
    assert _misread("overtourism", dense, Wording({"d0": 1.0}), SETTINGS)  # type: ignore[arg-type]
    assert not _misread("coffee", dense, Wording({f"d{n}": 1.0 for n in range(5)}), SETTINGS)  # type: ignore[arg-type]


def test_a_question_of_one_word_is_one_term_unless_its_word_drops_a_part(desk) -> None:
    from assistant.retrieve import _one_term

    assert _one_term(desk.plan("rewilding"), {}, desk.index)
    assert not _one_term(desk.plan("e-bikes"), {}, desk.index)  # its term is "bike", which a record on cycling holds
    assert not _one_term(desk.plan("heat pumps"), {}, desk.index)
    assert not _one_term(desk.plan("rewilding"), {"x": "direct"}, desk.index)  # an entity's question is judged by its tied records


def test_bm25_leads_when_the_model_cannot_read_the_questions_words() -> None:
    from assistant.retrieve import _unread

    class Wording:  # the share of the question's wording each record holds
        def __init__(self, held: dict[str, float]) -> None:
            self.held = held

        def coverage(self, ids: list[str], query: str) -> dict[str, float]:
            return {i: self.held.get(i, 0.0) for i in ids}

    # "rewilding": one of the model's ten nearest says it (the rest are imagination exercises), BM25's best five do
    dense = [(f"d{n}", 0.5) for n in range(10)]
    lexical = [(f"l{n}", 5.0) for n in range(5)]
    saying = {"d0": 1.0, **{f"l{n}": 1.0 for n in range(5)}}
    assert _unread("rewilding", dense, lexical, Wording(saying), SETTINGS)  # type: ignore[arg-type]
    read = {**saying, "d1": 1.0, "d2": 0.5}  # the model's neighbours say it too: it reads the word
    assert not _unread("rewilding", dense, lexical, Wording(read), SETTINGS)  # type: ignore[arg-type]
    few = {"d0": 1.0, "l0": 1.0, "l1": 1.0}  # too few records say it to tell
    assert not _unread("rewilding", dense, lexical, Wording(few), SETTINGS)  # type: ignore[arg-type]


def test_a_hyphenated_word_s_modifier_is_held_only_with_its_head(desk):
    # "self-defense ... in cars" holds no "self" of "self-driving cars"; "autonomous driving" holds its head
    found = [i for i, _ in desk.index.lexical("heat pumps", 5, NodeFilter())]
    held = {i for i, terms in desk.index.terms_of(found).items() if {"heat", "pump"} <= terms}
    assert held
    assert all(c == 0.0 for c in desk.index.coverage(sorted(held), "heat-zebra").values())  # "heat" modifies a head it lacks
    assert all(c > 0.0 for c in desk.index.coverage(sorted(held), "zebra-heat").values())  # "heat" is the head
    assert all(c > 0.0 for c in desk.index.coverage(sorted(held), "heat zebra").values())  # no compound, each word counts
    # a head as common as "based" (here "new": one record in nine) holds its modifiers only where written beside them:
    # "Most new heating installations" holds no "heat-new", as plant neurobiology "based on" recordings holds no "plant-based"
    outselling = [i for i, r in desk.index.records(sorted(held)).items() if r.name == "Heat Pumps Outselling Boilers"]
    assert desk.index.coverage(outselling, "heat-new zebra")[outselling[0]] < desk.index.coverage(outselling, "heat new zebra")[outselling[0]]
    shares = desk.index.term_shares("heat zebra")  # the shares the coverage adds up
    assert set(shares) == {"heat", "zebra"} and abs(sum(shares.values()) - 1.0) < 1e-9 and shares["zebra"] > shares["heat"]


class _Written:
    """An index as far as `one_word_share` reads it: term shares, stems, and the records that
    write a phrase."""

    def __init__(self, shares: dict[str, float], phrases: dict[str, int]):
        self.shares, self.phrases = shares, phrases

    def term_shares(self, query: str) -> dict[str, float]:
        return self.shares

    def terms(self, word: str) -> list[str]:
        return [word.lower()] if word.lower() in self.shares else []

    def phrase_records(self, phrase: str) -> int:
        return self.phrases.get(phrase, 0)

    def document_frequency(self, phrase: str) -> int:
        return 1000


def _written(shares: dict[str, float], phrases: dict[str, int]) -> SearchIndex:
    return cast("SearchIndex", _Written(shares, phrases))


def test_two_words_the_corpus_writes_together_are_one_word_of_several() -> None:
    # "How do young people bank?": a record on young people's drug trade holds "young" and "people",
    # 0.61 of the wording, and not what is asked of them
    shares = {"young": 0.32, "people": 0.29, "bank": 0.39}
    assert one_word_share("young people bank", _written(shares, {"young people": PHRASE_RECORDS})) == pytest.approx(0.61)
    assert one_word_share("young people bank", _written(shares, {"young people": PHRASE_RECORDS - 1})) == pytest.approx(0.39)
    # or in most of the few records that hold its rarer word ("basket weaving": 4 of 7)
    rare = _Written({"underwater": 0.27, "basket": 0.36, "weaving": 0.37}, {"basket weaving": 4})
    rare.document_frequency = lambda phrase: 7  # type: ignore[method-assign]
    assert one_word_share("underwater basket weaving", cast("SearchIndex", rare)) == pytest.approx(0.73)
    # a phrase that is the whole question is not one of several
    assert one_word_share("young people", _written({"young": 0.5, "people": 0.5}, {"young people": 99})) == pytest.approx(0.5)


def test_a_question_that_places_one_topic_in_another_keeps_its_phrases_apart(desk) -> None:
    # "facial recognition in schools": a record on facial recognition speaks to one part, and the
    # answer says none speaks to both (the parts reading), so the phrase is not one term of several
    from assistant.parts import parts_of
    from assistant.retrieve import topic_word, wording_share

    placed = desk.plan("What concerns are there about drone incursions in airports?")
    assert parts_of(placed, desk.index, is_topic_word=lambda phrase: topic_word(phrase, desk.index))
    assert wording_share(placed, desk.index) == one_word_share(placed.query, desk.index, phrases=False)
    rare = _Written({"underwater": 0.27, "basket": 0.36, "weaving": 0.37}, {"basket weaving": 4})
    rare.document_frequency = lambda phrase: 7  # type: ignore[method-assign]
    assert one_word_share("underwater basket weaving", cast("SearchIndex", rare), phrases=False) == pytest.approx(0.37)


def test_a_word_too_few_records_say_is_spoken_of_only_by_the_records_that_say_it(desk) -> None:
    # "Is there anything about the Paris Olympics?": two records say "Olympics"; Paris's records on
    # its metro and its climate pledges, however close to the question, do not speak of that name
    from assistant.retrieve import MIN_SAYING, _speaking

    index = desk.index
    records = index.records(index.node_ids(NodeFilter()))
    rare = None
    for node_id, record in records.items():
        for word in record.name.split():
            if word.isalpha() and len(word) > 5 and 0 < len(index.lexical(word, 10, NodeFilter())) < MIN_SAYING:
                rare = (node_id, word)
                break
        if rare:
            break
    assert rare is not None
    node_id, word = rare
    other = next(i for i, r in records.items() if word.lower() not in r.fields().lower())
    anchor = {node_id: "direct", other: "direct"}
    name = word[:1].upper() + word[1:]
    assert _speaking(name, index.embed_query(name), anchor, index) == {node_id}
    # a word that is no name may be spoken of in other words: the margins decide ("escalation")
    assert _speaking(word.lower(), index.embed_query(word.lower()), anchor, index) is None
    assert _speaking("zzqxunheard", index.embed_query("zzqxunheard"), anchor, index) == set()  # a word no record says


def test_a_name_that_reads_as_the_word_asked_lends_it_no_closeness(desk):
    # MiniLM reads "Meta" as "metaverse" (9.1 spreads over its background on the full corpus):
    # every record naming Meta stood close to "metaverse", its records on Llama too. When the name
    # alone stands `strong_z` above the word's background, the records that name it are read with
    # its mentions masked; a record tied through its article (it does not say the name) keeps its
    # closeness. The sample has no such name, so the bar is lowered to take that path.
    from assistant.models import EntityRef
    from assistant.retrieve import _closeness

    index = desk.index
    estonia = EntityRef(name="Estonia", type="country", aliases=["Estonia", "Estonian"])
    records = index.records(index.node_ids(NodeFilter(kinds=("signal",))))
    naming = next(i for i, r in records.items() if "Estonia" in f"{r.name}. {r.description}")
    silent = next(i for i, r in records.items() if "Estonia" not in r.fields())
    word = index.embed_query("border")
    ground = index.background(word, NodeFilter())
    stored = index.similarity_to([naming, silent], word)
    kept, unnamed = _closeness(word, ground, [naming, silent], [estonia], index, SETTINGS)
    assert (kept, unnamed) == (stored, False)  # "Estonia" does not read as "border"
    close, unnamed = _closeness(word, ground, [naming, silent], [estonia], index, SETTINGS.model_copy(update={"strong_z": -100.0}))
    record = records[naming]
    masked = f"{record.name}. {record.description}".replace("Estonia", "it")
    assert unnamed and close[naming] == pytest.approx(min(stored[naming], float(index.embed_texts([masked])[0] @ word)), abs=1e-5)  # never closer
    assert close[silent] == stored[silent]


class _Saying:
    """A stand-in for the index's wording and vectors: `saying` records hold every word of the
    question, at the given vectors; `others` hold none."""

    def __init__(self, saying: dict[str, list[float]], others: dict[str, list[float]]) -> None:
        self.saying, self.vectors = saying, {**saying, **others}

    def coverage(self, ids: list[str], query: str) -> dict[str, float]:
        return {i: 1.0 if i in self.saying else 0.0 for i in ids}

    def vector_of(self, node_id: str) -> object:
        import numpy as np

        vector = np.asarray(self.vectors[node_id], dtype=np.float32)
        return vector / np.linalg.norm(vector)

    def term_shares(self, query: str) -> dict[str, float]:
        return dict.fromkeys(query.split(), 1.0 / len(query.split()))

    def terms(self, text: str) -> list[str]:
        return ["said"]  # every record that holds the words says them apart from another's hyphenated word

    def records(self, ids: list[str]) -> dict[str, object]:
        from types import SimpleNamespace

        return {i: SimpleNamespace(fields=lambda: "") for i in ids}


def _plan(query: str, **changes: object):  # type: ignore[no-untyped-def]
    from assistant.plan import QueryPlan

    return QueryPlan(question=query, query=query, focus=query, **changes)


def test_a_rare_word_means_what_the_records_that_say_it_are_about() -> None:
    from assistant.retrieve import as_written

    # "superbugs": four records say it, all near antibiotic resistance; the model's nearest are they
    saying = {f"s{n}": [1.0, 0.3 * n, 0.0] for n in range(4)}
    index = _Saying(saying, {"o": [0.0, 0.0, 1.0]})
    dense = [(i, 0.5) for i in saying]
    everywhere = [(i, 5.0) for i in saying]
    unread, meaning = as_written(_plan("superbugs"), dense, [], index, SETTINGS, everywhere=everywhere)  # type: ignore[arg-type]
    assert not unread and meaning is not None
    import numpy as np

    least = min(float(index.vector_of(i) @ meaning.vector) for i in saying)  # type: ignore[operator]
    assert meaning.bar == pytest.approx(least) and meaning.coherent
    assert meaning.holds(least) and not meaning.holds(least - 0.01)
    assert float(np.linalg.norm(meaning.vector)) == pytest.approx(1.0)
    # a word more records say than the depth: its best are a sample of one article's usage ("insurance")
    many = {f"s{n}": [1.0, 0.1 * n, 0.0] for n in range(12)}
    crowd = _Saying(many, {})
    assert as_written(_plan("insurance"), dense, [], crowd, SETTINGS, everywhere=[(i, 5.0) for i in many])[1] is None  # type: ignore[arg-type]
    # too few records say it; an entity's question; a question of several words the model reads;
    # a question with another wording (an acronym's)
    assert as_written(_plan("superbugs"), dense, [], index, SETTINGS, everywhere=everywhere[:2])[1] is None  # type: ignore[arg-type]
    assert as_written(_plan("superbugs", entities=[_entity()]), dense, [], index, SETTINGS, everywhere=everywhere)[1] is None  # type: ignore[arg-type]
    assert as_written(_plan("heat stress"), dense, [], index, SETTINGS, everywhere=everywhere)[1] is None  # type: ignore[arg-type]
    assert as_written(_plan("superbugs"), dense, [], index, SETTINGS, everywhere=everywhere, skip=True)[1] is None  # type: ignore[arg-type]


def test_words_the_model_cannot_read_mean_what_the_best_records_that_say_them_are_about() -> None:
    from assistant.retrieve import UNREAD_DEPTH, as_written

    # "overtourism in cities": the model's nearest say none of it; BM25's best fifteen say all of it
    saying = {f"s{n}": [1.0, 0.05 * n, 0.0] for n in range(15)}
    index = _Saying(saying, {f"d{n}": [0.0, 1.0, 0.0] for n in range(10)})
    dense = [(f"d{n}", 0.5) for n in range(10)]
    best = [(i, 5.0) for i in saying]
    unread, meaning = as_written(_plan("overtourism cities"), dense, best[:UNREAD_DEPTH], index, SETTINGS, everywhere=best)  # type: ignore[arg-type]
    assert unread and meaning is not None
    defining = [f"s{n}" for n in range(UNREAD_DEPTH)]  # the best of them define it
    assert meaning.bar == pytest.approx(min(float(index.vector_of(i) @ meaning.vector) for i in defining))  # type: ignore[operator]


def test_records_that_say_a_word_in_many_senses_define_nothing_to_hold() -> None:
    import numpy as np

    from assistant.retrieve import Meaning

    scattered = Meaning(np.zeros(3, dtype=np.float32), SETTINGS.meaning_cosine - 0.1, coherent=False)
    assert not scattered.holds(0.99)


def test_a_record_as_close_to_what_the_corpus_means_as_the_records_that_say_it_is_strong() -> None:
    # "Antibiotic Resistance" stands 0.25 from "superbugs" (2.9 spreads), below every bar; it is as
    # close to what the records saying "superbugs" are about as the least of them
    close = scored(anchor={}, dense={"a": 0.6, "b": 0.25}, z={"a": 10.0, "b": 2.9}, coverage={"a": 1.0, "b": 0.0}, best=10.0)
    assert not is_strong("b", close, SETTINGS)
    assert is_strong("b", scored(**{**close.__dict__, "as_written": {"b"}}), SETTINGS)
    # a question with an entity is judged by its tied records
    assert not is_strong("b", scored(**{**close.__dict__, "as_written": {"b"}, "anchor": {"a": "direct"}}), SETTINGS)


def _entity():  # type: ignore[no-untyped-def]
    from assistant.models import EntityRef

    return EntityRef(name="India", type="country", aliases=["India", "Indian"])


def test_a_record_that_says_the_asked_thing_moves_the_other_way_is_no_evidence_for_it() -> None:
    from types import SimpleNamespace

    from assistant.direction import governed, opposed

    texts = {
        "rising": ("Rising EV Sales", "Sales of electric vehicles have surged."),
        "cut": ("Decrease in EV Sales Forecast", "Toyota cuts its EV sales forecast."),
        "hybrid": ("Growth in Hybrid Sales", "Hybrids gain as EV sales slow."),  # it says the slowdown too
        "deaths": ("Rising Bee Deaths", "More colonies die each winter."),  # it moves deaths, not populations
        "issues": ("Increased Trust Issues with Media", "Audiences doubt what they read."),  # it moves the issues
    }

    class Records:
        def records(self, ids: list[str]) -> dict[str, SimpleNamespace]:
            return {i: SimpleNamespace(name=texts[i][0], description=texts[i][1]) for i in ids}

    index = cast(SearchIndex, Records())
    assert opposed("slowdown EV sales", "Signals of a slowdown in EV sales", ["EV"], list(texts), index) == {"rising"}
    assert opposed("declining bee populations", "declining bee populations", [], ["deaths"], index) == set()
    assert opposed("falling trust media", "Signals of falling trust in the media", [], ["issues"], index) == set()
    assert opposed("EV sales", "EV sales", ["EV"], list(texts), index) == set()  # no direction asked
    # a measure of the thing moves with it: rising EV sales are no slowdown in EV adoption, rising
    # interest rates say nothing of birth rates
    assert opposed("slowdown EV adoption", "Which signals point to a slowdown in EV adoption?", [], list(texts), index) == {"rising"}
    texts["rates"] = ("Rising Interest Rates", "Central banks raise rates.")
    assert opposed("falling birth rates", "Signals of falling birth rates", [], ["rates"], index) == set()
    for question, moved in [
        ("Signals about meat consumption falling", "meat"),  # what the consumption measures
        ("Which behaviors show people cutting back on alcohol?", "alcohol"),  # a thing made less of
        ("Signals on bees disappearing", "bees"),
        ("Are there signals of declining trust in institutions?", "trust"),
        ("What do the signals say about China's economy slowing?", "economy"),
        ("Pull up everything on the slump in the diamond market.", "market"),
        ("Signals that trust in news media is declining", "trust"),  # "Increased Distrust in News Media" says it declines
        ("What signals suggest the crypto market is recovering?", "market"),
        ("What do we have on plant-based meat losing momentum?", "meat"),
        # ...and the idioms of a thing running down
        ("What signals are there about the creator economy burning out?", "economy"),
        ("Signals that the NFT hype is fizzling out", "hype"),
    ]:
        assert (found := governed(question, question, ["China"])) is not None and found[1] == moved
    question = "Which signals show EVs gaining ground in Europe?"
    assert (found := governed("EVs gaining ground Europe", question, ["Europe"])) is not None and found[1] == "EVs"  # the place is no thing moved
    assert governed("rise and fall of empires", "rise and fall of empires", []) is None  # both ways: none asked
    assert governed("remote work declining", "Is remote work declining?", []) is None  # either way answers whether


def test_a_record_naming_the_entity_holds_its_name_and_is_worded_on_the_rest_of_the_question(desk) -> None:
    from assistant.retrieve import anchoring, node_filter, score

    plan = desk.plan("border contingency plans in Northern Europe")
    plan = plan.model_copy(update={"entities": anchoring(plan.entities, desk.index)})
    scored = score(plan, desk.index, desk.settings.retrieval, node_filter(plan))
    named = [i for i in scored.coverage if scored.anchor.get(i) == "direct"]
    assert named, "the sample names Estonia and Finland with border plans"
    topic = desk.index.coverage(named, plan.focus)  # "Estonia ... border contingency plans": no "Northern" nor "Europe"
    assert all(scored.coverage[i] >= topic.get(i, 0.0) for i in named)
    assert any(scored.coverage[i] > c for i, c in desk.index.coverage(named, plan.query).items())


def test_a_question_whether_a_thing_moves_is_told_which_way_the_records_names_say_it_goes() -> None:
    from assistant.direction import DOWN, UP, moving, whether_asked

    asked = whether_asked("Is the gig economy shrinking?", "gig economy", [])
    assert asked is not None and asked[0] is DOWN and asked[1] == "economy"
    assert whether_asked("Signals of the gig economy shrinking", "gig economy", []) is None  # asked as a premise, not whether
    # offered either way, it is asked whether it moves, the way named first leading
    asked = whether_asked("Is the gig economy growing or shrinking?", "gig economy", [])
    assert asked is not None and asked[0] is UP and asked[1] == "economy"
    assert (whether_asked("Is remote work declining, or is it growing?", "remote work", []) or (None,))[0] is DOWN
    assert whether_asked("Is AI adoption rising and trust falling?", "AI adoption trust", []) is None  # two things, each one way
    # whether the records show it so is asked the same way
    assert (whether_asked("Any evidence that remote work is declining?", "remote work", []) or (None, None))[1] == "work"
    assert (whether_asked("Is there evidence of rising food prices?", "food prices", []) or (None, None))[1] == "prices"
    assert (whether_asked("What's the evidence that EV sales are slowing?", "EV sales", []) or (None, None))[1] == "sales"
    assert (whether_asked("What evidence is there that remote work is declining?", "remote work", []) or (None, None))[1] == "work"
    # a market cools where the question ends on it; cooling technologies move nothing
    asked = whether_asked("Is the housing market cooling?", "housing market", [])
    assert asked is not None and asked[0] is DOWN and asked[1] == "market"
    assert whether_asked("Are cooling technologies improving?", "cooling improving", []) is None
    assert not DOWN.search("Liquid Cooling")
    assert (whether_asked("Are consumers giving up on plant-based meat?", "consumers plant-based meat", []) or (None, None))[1] == "meat"
    assert (whether_asked("Is knitting becoming popular again?", "knitting", []) or (None,))[0] is UP
    asked = whether_asked("Are heat pumps catching on?", "heat pumps", [])
    assert asked is not None and asked[0] is UP and asked[1] == "pumps"
    names = {
        "a": "Rise of Gig Economy",
        "b": "Gig Economy Expansion",
        "c": "Potential Exit from Gig Economy",  # no direction word
        "d": "Decline of the Gig Economy",
        "e": "Growth in Hybrid Vehicle Sales",
    }
    assert moving("economy", "gig economy", names) == (["a", "b"], ["d"])
    assert moving("sales", "EV sales", {"e": names["e"], "f": "Rising EV Sales"}) == (["f"], [])  # hybrid sales are not EV sales
    # a thing going away, made less of, or said to be dead, moves down; so does how many there are of it
    assert (whether_asked("Is the metaverse dead?", "metaverse", []) or (None, None))[1] == "metaverse"
    assert (whether_asked("Are people cutting back on meat?", "people meat", []) or (None, None))[1] == "meat"
    assert (whether_asked("Is fast fashion on the way out?", "fast fashion", []) or (None, None))[1] == "fashion"
    assert all(DOWN.search(n) for n in ("Disappearing Glaciers", "Reduced Alcohol Consumption", "Plastic Waste Reduction"))
    assert not DOWN.search("Dead Zones in the Baltic")  # dead only where a question ends on it
    assert moving("bees", "bees", {"s": "Decline of Wild Bee Species", "d": "Rising Bee Deaths"}) == ([], ["s"])
    # words offered as alternatives: a name holding one of them is named for the thing
    from assistant.direction import either_of

    assert either_of("Any signals on the decline of bees or pollinators?", ["bees", "pollinators"]) == [{"bees", "pollinators"}]
    # ...or as a list: "the decline of bees and pollinators" is answered by "Decline of Wild Bee Species"
    assert either_of("the decline of bees and pollinators", ["bees", "pollinators"]) == [{"bees", "pollinators"}]
    assert either_of("the decline of bee populations", ["bee"]) == []
    assert moving("vinyl", "vinyl", {"c": "Rising Costs Impacting Vinyl Sales", "v": "Rising Vinyl Sales"}) == (["v"], [])  # the costs rise
    # less liked, or left, is down; more liked is up; how many take part measures a thing
    assert (whether_asked("Are e-bikes becoming less popular?", "e-bikes", []) or (None, None))[0] is DOWN
    assert (whether_asked("Are people leaving social media?", "people leaving social media", []) or (None, None))[1] == "media"
    assert (whether_asked("Is vinyl going mainstream?", "vinyl", []) or (None, None))[0] is UP
    assert moving("media", "social media", {"e": "The Decline of Social Media Engagement"}) == ([], ["e"])
    assert moving("leave", "paid leave", {"a": "Paid Leave Expansion", "b": "Declining Paid Leave"}) == (["a"], ["b"])  # leave is no leaving
    # a measure of what follows it: "interest in the metaverse" is the metaverse's
    assert (whether_asked("Is interest in the metaverse fading?", "metaverse", []) or (None, None))[1] == "metaverse"
    # a forecast of the sales moves with them; a market share is no sales
    forecasts = {"f": "Declining EV Sales Forecast", "m": "Decline in EV Market Share", "r": "Rising EV Sales"}
    assert moving("sales", "EV sales", forecasts) == (["r"], ["f"])


def test_what_goes_against_a_topic_is_its_moving_the_other_way_from_what_is_said_of_it() -> None:
    from types import SimpleNamespace

    from assistant.direction import DOWN, UP, contrary_asked, held_back, moving, opposed

    asked = contrary_asked("What contradicts the idea that EV adoption is accelerating?", "EV adoption", [])
    assert asked is not None and asked[0] is DOWN and asked[1] == "EV"  # against a rise, a fall; of EVs, however measured
    asked = contrary_asked("Counter-signals to the decline of cash", "cash", [])
    assert asked is not None and asked[0] is UP and asked[1] == "cash"
    asked = contrary_asked("Any counter-trends to AI adoption?", "AI adoption", [])
    assert asked is not None and asked[0] is DOWN and asked[1] == "AI"  # against the thing itself: down
    assert contrary_asked("What goes against the rise and fall of empires?", "empires", []) is None
    # a claim that a thing holds is gone against by its falling; one that says no way cannot be read so
    asked = contrary_asked("Which signals challenge the idea that remote work is here to stay?", "remote work", [])
    assert asked is not None and asked[0] is DOWN and asked[1] == "work"
    assert contrary_asked("What contradicts the idea that remote work hurts productivity?", "remote work hurts productivity", []) is None
    asked = contrary_asked("What contradicts the idea that AI will boost productivity?", "AI boost productivity", [])
    assert asked is not None and asked[0] is DOWN and asked[1] == "productivity"  # a boost is a rise
    assert held_back("productivity", "AI productivity", {"p": "AI Productivity Paradox", "o": "Potential Overestimation of AI Productivity Gains"}) == ["p", "o"]
    names = {"f": "Declining EV Sales Forecast", "r": "Rising EV Sales", "h": "Growth in Hybrid Vehicle Sales"}
    assert moving("EV", "EV adoption", names) == (["r"], ["f"])

    class Records:
        def records(self, ids: list[str]) -> dict[str, SimpleNamespace]:
            return {i: SimpleNamespace(name=names[i], description="") for i in ids}

    index = cast(SearchIndex, Records())
    question = "What contradicts the idea that EV adoption is accelerating?"
    assert opposed("EV adoption", question, [], list(names), index, contrary=True) == {"r"}  # what the claim says
    # what holds it back goes against it too, when it is named for the thing
    held = {"d": "Remote Work Difficulties", "b": "Cultural Barriers to AI Adoption", "o": "Office Challenges", "n": "Remote Work Normalization"}
    assert held_back("work", "remote work", held) == ["d"]
    assert held_back("AI", "AI adoption", held) == ["b"]  # the measure need not be named
    assert UP.search("Rising EV Sales")


def test_a_record_named_for_the_topic_moving_either_way_answers_whether_it_moves() -> None:
    from assistant.direction import is_measure, names_topic_moving

    assert names_topic_moving("Rising EV Sales", "EV sales")
    assert names_topic_moving("Declining EV Sales Forecast", "EV sales")  # a measure of the sales
    assert names_topic_moving("Gig Economy Expansion", "gig economy")
    assert not names_topic_moving("Rise of e-bikes in gig economy", "gig economy")  # the e-bikes rise
    assert not names_topic_moving("Rise of Gig Economy Protests", "gig economy")
    assert not names_topic_moving("Electric Vehicle Delivery Fleet", "EV sales")  # no direction
    assert names_topic_moving("Increase in Remote Work", "remote work levels")  # "levels" measure it
    assert is_measure("levels") and not is_measure("work")
    assert names_topic_moving("Office Utilization Decline", "office")  # how much it is used moves with it
    assert names_topic_moving("Declining Interest in NFTs", "NFTs")
    assert is_measure("adoption") and is_measure("utilisation")
    assert names_topic_moving("Creator Economy Valuation Surge", "creator economy")  # what it is worth moves with it


def test_a_record_named_for_the_topic_moving_the_way_asked_answers_the_question(desk) -> None:
    # "the rise of GPS jamming" says which way it moves; the record named for that comes first
    answer = desk.ask("Signals on the rise of GPS jamming")
    assert answer.records[0].name == "Rise of GPS Jamming Over the Baltic" and answer.records[0].strong


def test_the_answer_says_which_way_the_records_shown_say_it_moves(desk) -> None:
    answer = desk.ask("Is GPS jamming increasing?")
    line = next(line for line in answer.markdown.split("\n") if line.startswith("**Which way:**"))
    assert "1 is named for a rise (**Rise of GPS Jamming Over the Baltic** [" in line and "none is named for a fall" in line
    assert "Which way" not in desk.ask("Signals about GPS jamming").markdown  # asked of nothing's direction: no line


def test_asked_whether_a_thing_moves_the_answer_says_when_no_record_is_named_for_it() -> None:
    from assistant.compose import direction_line
    from assistant.models import Article, Hit, QueryPlan, Record

    def hit(name: str) -> Hit:
        return Hit(record=Record(article_id="a1", kind="signal", name=name), article=Article(id="a1"), score=1.0)

    plan = QueryPlan(question="Is online dating declining?", query="online dating")
    hits = [hit("Impact of Online Dating on Mental Health"), hit("Dating Apps")]
    assert direction_line(plan, hits, {"a1": 1}) == "**Which way:** none of the 2 records shown is named for a rise or a fall."
    # ...and what holds it back says it falls
    line = direction_line(plan, [*hits, hit("Online Dating Fatigue")], {"a1": 1})
    assert "1 is named for what holds it back (**Online Dating Fatigue** [1])" in line
    assert direction_line(plan.model_copy(update={"question": "Online dating signals"}), hits, {"a1": 1}) == ""
    # asked what goes against it, that none does
    against = plan.model_copy(update={"question": "Any counter-signals to online dating?", "contrary": True})
    assert direction_line(against, hits, {"a1": 1}) == "**Against it:** none of the 2 records shown is named for a fall or for what holds it back."
    assert direction_line(plan, hits[:1], {"a1": 1}) == "**Which way:** the record shown is named for neither a rise nor a fall."
    # the line reads the names by the words retrieval promoted them by: who cuts back need not be named
    meat = QueryPlan(question="Are people cutting back on meat?", query="people meat")
    line = direction_line(meat, [hit("Decline in Meat Consumption"), hit("Dating Apps")], {"a1": 1})
    assert "1 is named for a fall (**Decline in Meat Consumption** [1])" in line
    # ...nor the measure asked of it: hesitance towards EVs holds EV sales back
    ev = QueryPlan(question="Are EV sales slowing down?", query="EV sales")
    assert "1 is named for what holds it back" in direction_line(ev, [hit("Consumer Hesitance Towards EVs"), hit("Dating Apps")], {"a1": 1})
    # a viral challenge holds nothing back
    assert "holds it back" not in direction_line(plan, [*hits, hit("Online Dating Challenge Culture")], {"a1": 1})


def test_a_record_that_places_the_topic_in_another_setting_is_no_evidence_for_the_asked_one() -> None:
    from types import SimpleNamespace

    import numpy as np

    from assistant.elsewhere import asked_setting, elsewhere

    texts = {
        "retinas": ("Microplastics in Retinas", "Particles were found in human eyes."),
        "food": ("Microplastics in Seafood", "Shellfish carry particles."),  # the setting in other words: near in meaning
        "said": ("Microplastics in Organs", "Eaten with food, particles reach the organs."),  # it says the asked setting
        "shift": ("Shifts in Packaging Design", "Brands drop plastic wrap."),  # it places no word of the topic
        "plain": ("Microplastic Pollution", "Particles everywhere."),
    }
    axes = {"food": [1.0, 0.0], "Seafood": [0.8, 0.6], "Retinas": [0.0, 1.0], "Organs": [0.1, 0.99]}

    class Index:
        def records(self, ids: list[str]) -> dict[str, SimpleNamespace]:
            return {i: SimpleNamespace(name=texts[i][0], description=texts[i][1]) for i in ids}

        def terms(self, text: str) -> list[str]:
            return [w.lower().rstrip("s") for w in text.split()]

        def coverage(self, ids: list[str], query: str) -> dict[str, float]:
            return {i: float(query.lower() in " ".join(texts[i]).lower()) for i in ids}

        def embed_query(self, text: str) -> np.ndarray:
            return np.asarray(axes[text], dtype=np.float32)

    index = cast(SearchIndex, Index())
    question = "Signals on microplastics in food"
    assert asked_setting(question, ["microplastics", "food"]) == "food"
    assert asked_setting("microplastics and food", ["microplastics", "food"]) is None  # two topics, no setting
    assert asked_setting("deepfakes in India", ["deepfakes", "India"]) is None  # a name is the anchors' to judge
    assert elsewhere(question, ["microplastics", "food"], list(texts), index) == {"retinas"}
    assert elsewhere("Signals on microplastics", ["microplastics"], list(texts), index) == set()


def test_a_nearer_setting_is_another_one_when_the_corpus_seldom_writes_the_two_together() -> None:
    """ "Circular Economy in Construction" stands 0.38 from "fashion": near in meaning, yet 1 of the
    186 articles that write "construction" writes "fashion"; "imaging" stands 0.32 from
    "healthcare" and a quarter of its articles write both."""
    from types import SimpleNamespace

    import numpy as np

    from assistant.elsewhere import JOINED_ARTICLES, elsewhere

    names = {"build": "Circular Economy in Construction", "shops": "Circular Economy in Retail", "rare": "Circular Economy in Mining"}
    near = [0.38, float(np.sqrt(1 - 0.38**2))]
    axes = {"fashion": [1.0, 0.0], "Construction": near, "Retail": near, "Mining": near}
    # the articles (their records) that write each word: retail's share fashion, construction's seldom do
    articles = {
        "construction": {f"c{n}" for n in range(40)},
        "retail": {f"r{n}" for n in range(40)},
        "mining": {f"m{n}" for n in range(JOINED_ARTICLES - 1)},  # too few to tell
        "fashion": {"c0", *{f"r{n}" for n in range(10)}, "f1"},
    }

    class Index:
        def records(self, ids: list[str]) -> dict[str, SimpleNamespace]:
            return {i: SimpleNamespace(name=names[i], description="") for i in ids}

        def terms(self, text: str) -> list[str]:
            return [w.lower() for w in text.split()]

        def coverage(self, ids: list[str], query: str) -> dict[str, float]:
            return dict.fromkeys(ids, 0.0)

        def embed_query(self, text: str) -> np.ndarray:
            return np.asarray(axes[text], dtype=np.float32)

        def mentions(self, phrases: list[str], flt: object) -> set[str]:
            return {a for p in phrases for a in articles.get(p.lower(), set())}

        def article_of_node(self, node_id: str) -> str:
            return node_id

    index = cast(SearchIndex, Index())
    assert elsewhere("circular economy in fashion", ["circular economy", "fashion"], list(names), index) == {"build"}


def test_a_record_writing_the_modifier_with_another_head_is_no_evidence_of_the_compound() -> None:
    from types import SimpleNamespace

    from assistant.compounds import other_compounds

    texts = {
        "other": ("Micro-ecosystems in Urban Spaces", "Small businesses cooperate."),  # another compound of "micro"
        "asked": ("Micro-apartment Boom", "Micro-ecosystems of tiny homes."),  # it writes the compound asked
        "glued": ("Microapartments", "Small flats, and micro-ecosystems."),  # as one word
        "head": ("Micro-units", "Small apartments in micro-towers."),  # it holds the head
        "plain": ("Tiny Homes", "Small living spaces."),  # no modifier at all: left to the other evidence
    }

    class Index:
        def records(self, ids: list[str]) -> dict[str, SimpleNamespace]:
            return {i: SimpleNamespace(name=texts[i][0], description=texts[i][1]) for i in ids}

        def terms(self, text: str) -> list[str]:
            return [w.lower().rstrip("s") for w in text.replace("-", " ").split()]

        def terms_of(self, ids: list[str]) -> dict[str, frozenset[str]]:
            return {i: frozenset(self.terms(" ".join(texts[i]).replace(",", "").replace(".", ""))) for i in ids}

    index = cast(SearchIndex, Index())
    assert other_compounds(["micro-apartments"], list(texts), index) == {"other"}
    assert other_compounds(["micro-apartment boom", "cities"], list(texts), index) == set()  # a modifying compound
    assert other_compounds(["tiny homes"], list(texts), index) == set()


def test_a_question_asking_only_the_good_side_shows_no_concern_as_evidence(desk) -> None:
    from assistant.direction import upsides_only

    ids = [i for i in desk.index.node_ids(NodeFilter())][:200]
    kinds = desk.index.kinds_of(ids)
    concerns = {i for i, kind in kinds.items() if kind == "concern"}
    assert concerns and upsides_only("What are the benefits of heat pumps?", ids, desk.index) == concerns
    assert upsides_only("and the upsides?", ids, desk.index) == concerns
    assert upsides_only("What are the risks and opportunities of heat pumps?", ids, desk.index) == set()  # both sides
    assert upsides_only("What are the risks of heat pumps?", ids, desk.index) == set()
    answer = desk.ask("What are the benefits of heat pumps?")
    assert answer.records and not any(r.strong and r.kind == "concern" for r in answer.records)


FARMING = """# __Farms Hand the Field to Machines__, (from page [20260501a](https://signal-desk.example/p/20260501a).)

## Summary

Robots, sensors and vertical farms reshape the future of farming.

## Signals

| name | description | change | 10-year | driving-force | relevancy |
|:--|:--|:--|:--|:--|--:|
| Robot Harvesters | Robot harvesters pick fruit, a glimpse of the future of farming. | From seasonal pickers to machines. | Fewer farm hands. | Labour costs. | 4 |
| Sensor Fields | Soil sensors decide when to water, and the future of farming is measured. | From rules of thumb to data. | Precise inputs. | Drought. | 4 |
| Vertical Farms Near Cities | Vertical farms bring the future of farming into city warehouses. | From fields to shelves. | Local greens. | Transport costs. | 3 |
| Farmers Share Tractors | Farmers share tractors through an app. | From owning to renting. | Cheaper machines. | Prices. | 3 |
| Opera Tickets Sell Out | The opera season sells out in a day. | From empty halls to queues. | Full seasons. | Demand. | 2 |
"""


def test_the_records_that_write_a_fields_term_define_it_and_are_strong(tmp_path, embedder) -> None:
    from assistant.models import QueryPlan
    from assistant.retrieve import node_filter, score
    from assistant.terms import field_term
    from index import Settings, ingest

    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "20260501a-farming.md").write_text(FARMING, encoding="utf-8")
    settings = Settings(index_dir=tmp_path / "index")
    assert ingest([str(tmp_path / "corpus")], settings, embedder=embedder).ok
    index = SearchIndex(settings, embedder=embedder)
    assert field_term("future of farming") == "future of farming" and field_term("farming robots") is None
    plan = QueryPlan(question="Signals about the future of farming", query="future of farming", kinds=["signal"])
    scored = score(plan, index, settings.retrieval, node_filter(plan))
    names = {r.name for i, r in index.records(sorted(scored.as_written)).items()}
    assert {"Robot Harvesters", "Sensor Fields", "Vertical Farms Near Cities"} <= names  # they write the term
    assert "Opera Tickets Sell Out" not in names


def test_what_goes_against_a_claim_leads_with_the_records_named_for_its_moving_the_other_way(desk) -> None:
    answer = desk.ask("What contradicts the idea that rider earnings are rising?")
    assert "asks what goes against it" in answer.understood
    assert answer.records and answer.records[0].name == "Falling Rider Earnings" and answer.records[0].strong
    assert "**Against it:** of the record shown, 1 is named for a fall (**Falling Rider Earnings**" in answer.markdown


class _Read:
    """What `_read_otherwise` reads of an index: how many nodes use each word, and which of the
    nearest records hold a word of the question."""

    def __init__(self, frequency: dict[str, int], holding: set[str]):
        self.frequency, self.holding = frequency, holding

    def terms(self, text: str) -> list[str]:
        return text.lower().replace("-", " ").split()

    def document_frequency(self, word: str) -> int:
        return self.frequency.get(word, 0)

    def coverage(self, ids: list[str], query: str) -> dict[str, float]:
        return {i: 1.0 if i in self.holding else 0.0 for i in ids}


def test_a_word_the_corpus_barely_uses_read_as_something_else_is_no_evidence() -> None:
    from assistant.retrieve import _read_otherwise

    nearest = [(f"agi{n}", 0.6) for n in range(10)]  # "Artificial General Intelligence (AGI)", ten times
    assert _read_otherwise("agri-tech", nearest, _Read({"agri": 1, "tech": 2329}, set()))
    assert not _read_otherwise("agri-tech", nearest, _Read({"agri": 1, "tech": 2329}, {"agi3"}))  # one holds a word of it
    # common words read in the corpus's other words are its reading ("Increasing Space Debris")
    assert not _read_otherwise("clutter junk orbit", nearest, _Read({"clutter": 23, "junk": 16, "orbit": 75}, set()))


def test_a_record_saying_the_question_s_words_as_one_phrase_is_told_apart() -> None:
    # "Dietary Changes" says "ultra-processed foods" in its description: it is not held to the best
    # match's margin (`_holds_all`); a record saying "remote" and "work" apart still is
    from types import SimpleNamespace

    from assistant.retrieve import _said

    records = {
        "a": SimpleNamespace(name="Dietary Changes", description="Shifting public diets away from ultra-processed foods."),
        "b": SimpleNamespace(name="Ultra-Processed Reading", description="Reading habits turn fast; foods are not read."),
        "c": SimpleNamespace(name="Nutrition", description="Fresh food."),
    }
    index = SimpleNamespace(records=lambda ids: {i: records[i] for i in ids})
    said, phrased = _said("ultra-processed foods", list(records), index)  # type: ignore[arg-type]
    assert said == {"a", "b"}
    assert phrased == {"a"}


def test_a_word_said_inside_another_s_hyphenated_word_is_not_said() -> None:
    # "tight-knit communities" hold the stem of "knitting": five such records made communities what
    # the corpus means by knitting; the query's own hyphenated words still count ("e-commerce")
    from types import SimpleNamespace

    from assistant.retrieve import _written_apart
    from index.search import SearchIndex

    def record(name, description):
        return SimpleNamespace(fields=lambda: f"{name} {description}")

    records = {
        "a": record("Transformation through Knitting and Weaving", "Reworking existing systems."),
        "b": record("Community and Belonging", "Fighters form a close-knit community."),
        "c": record("E-commerce Returns", "Online shops."),
    }
    index = SimpleNamespace(terms=SearchIndex.terms, records=lambda ids: {i: records[i] for i in ids})
    assert _written_apart("knitting", ["a", "b"], index) == ["a"]  # type: ignore[arg-type]
    assert _written_apart("e-commerce", ["c"], index) == ["c"]  # type: ignore[arg-type]


def test_a_record_named_for_the_one_word_asked_is_evidence() -> None:
    # "What are the concerns about robots?": "Autonomous Control of Robots" stood 0.53 from "robots",
    # 3.8 spreads above a background every record on technology shares; its name is the evidence.
    # Not for a topic word, nor for a word inside another's hyphenated one
    from types import SimpleNamespace

    from assistant.retrieve import _named_for
    from index.search import SearchIndex

    records = {
        "a": SimpleNamespace(name="Autonomous Control of Robots"),
        "b": SimpleNamespace(name="Robot-assisted Surgery Costs"),
        "c": SimpleNamespace(name="Job Displacement"),
    }

    class Index(SimpleNamespace):
        def __len__(self) -> int:
            return 97_000  # "robots" is in 900 records: no topic word

    index = Index(terms=SearchIndex.terms, records=lambda ids: {i: records[i] for i in ids}, document_frequency=lambda phrase: 900)
    plan = SimpleNamespace(query="robots", entities=[])
    assert _named_for(plan, list(records), index) == {"a"}  # type: ignore[arg-type]
    assert _named_for(SimpleNamespace(query="robots", entities=["x"]), list(records), index) == set()  # type: ignore[arg-type]


def test_a_record_tied_to_the_entity_says_what_is_asked_of_it_only_in_the_rest_of_the_question() -> None:
    # "Signals about Saudi Arabia's megaprojects": a record on AI research between Saudi Arabia and
    # Singapore holds the entity's name (0.62 of the wording) but no word of "megaprojects"
    from assistant.retrieve import Scored, is_strong

    def scored(focus_said: set[str]) -> Scored:
        return Scored(
            order=["a"],
            fused={"a": 1.0},
            dense={"a": 0.30},
            z={"a": 3.31},
            anchor={"a": "direct"},
            strict=True,
            coverage={"a": 0.62},
            best_anchored=7.64,
            best_focus=2.13,
            focus_z={"a": 2.13},
            speaks={"a"},
            focus_said=focus_said,
        )

    assert not is_strong("a", scored(set()), SETTINGS)
    assert is_strong("a", scored({"a"}), SETTINGS)  # one that says "megaprojects" would be


def test_the_downsides_asked_of_a_topic_come_first_by_kind_or_name():
    # "What are the risks of AI in healthcare diagnostics?": "AI Diagnostic Tools" is the topic at
    # large and waits behind "AI Misdiagnosis" and the concerns; the order is otherwise kept
    from types import SimpleNamespace

    from assistant.direction import downsides_first

    records = {
        "tools": SimpleNamespace(kind="technology", name="AI Diagnostic Tools"),
        "mis": SimpleNamespace(kind="issue", name="AI Misdiagnosis Risks"),
        "trust": SimpleNamespace(kind="concern", name="Trust in AI by Patients and Clinicians"),
        "sign": SimpleNamespace(kind="signal", name="Election Interference via AI"),
    }
    index = SimpleNamespace(records=lambda ids: {i: records[i] for i in ids})
    ids = ["tools", "mis", "trust", "sign"]
    asked = ["risks", "AI", "healthcare diagnostics"]
    assert downsides_first(asked, ids, index) == ["mis", "trust", "sign", "tools"]  # type: ignore[arg-type]
    assert downsides_first(["AI", "healthcare"], ids, index) == ids  # type: ignore[arg-type]
    # unintended consequences are downsides too ("What are the unintended consequences of EVs?")
    assert downsides_first(["unintended consequences", "AI"], ids, index) == ["mis", "trust", "sign", "tools"]  # type: ignore[arg-type]
    # what manages a risk is none
    records["mgmt"] = SimpleNamespace(kind="signal", name="Risk Management Focus")
    assert downsides_first(asked, ["mgmt", "mis"], index) == ["mis", "mgmt"]  # type: ignore[arg-type]


def test_a_downside_asked_of_a_topic_is_held_by_a_concern_that_says_the_topic(desk):
    # "What are the downsides of heat pumps?": no record says "downsides", and the concern on high
    # bills in draughty homes fell short of the wording asked; it holds the downside by its kind
    # (a signal by its name: "Installer Skills Shortage"), so it needs only the topic's words
    plan = desk.plan("What are the downsides of heat pumps?")
    ids = [i for i, r in desk.index.records(list(desk.index.admitted(node_filter(plan)))).items() if r.name in {"High Bills in Draughty Homes", "Air-Source Heat Pumps"}]
    names = {i: desk.index.records([i])[i].name for i in ids}
    coverage = worded(plan, ids, desk.index, anchored=False)
    plain = desk.index.coverage(ids, plan.query)
    bills = next(i for i in ids if names[i] == "High Bills in Draughty Homes")
    pumps = next(i for i in ids if names[i] == "Air-Source Heat Pumps")
    assert coverage[bills] > plain[bills] and coverage[pumps] == plain[pumps]  # a technology is no downside
    strong = [r.name for r in desk.ask("What are the downsides of heat pumps?").records if r.strong]
    assert strong[0] == "High Bills in Draughty Homes" and "Installer Skills Shortage" in strong


def test_a_question_for_means_against_its_topic_leads_with_the_records_named_for_one(desk):
    # "Which technologies fight deepfakes?" led with "Deepfake Technology": the thing itself
    from assistant.countering import asks_countering

    assert asks_countering("Which technologies fight deepfakes?", ["deepfakes"])
    assert asks_countering("the technologies that fight deepfakes", ["deepfakes"])  # a follow-up, resolved
    assert asks_countering("technologies to detect deepfakes", ["detect deepfakes"])  # the planner kept the word
    assert not asks_countering("protests against lithium mining", ["lithium mining"])  # the protests are asked
    assert not asks_countering("Which technologies deepfakes rely on", ["deepfakes"])
    strong = [r.name for r in desk.ask("How are countries tackling space debris?").records if r.strong]
    assert strong[0] == "Commercial Debris Removal" and "Kessler Syndrome" in strong  # first, and nothing left out
    detect = [r.name for r in desk.ask("tools to detect AI cheating").records]
    assert detect.index("AI Text Detectors") < detect.index("Surge in AI-Assisted Cheating")
    # the topic's own words are no means: fighting GPS jamming does not lead with jamming transmitters
    from types import SimpleNamespace

    from assistant.countering import countering_first

    records = {"tx": SimpleNamespace(kind="technology", name="GPS Jamming Transmitters"), "rx": SimpleNamespace(kind="technology", name="Anti-Jam Receivers")}
    index = SimpleNamespace(records=lambda ids: {i: records[i] for i in ids}, terms=SearchIndex.terms)
    assert countering_first("Which technologies fight GPS jamming?", ["GPS jamming"], ["tx", "rx"], index) == ["rx", "tx"]  # type: ignore[arg-type]
    assert countering_first("Which technologies counter drones?", ["counter drones"], ["tx", "rx"], index) == ["tx", "rx"]  # type: ignore[arg-type]
    assert desk.ask("What fights ransomware?").records[0].name != "Underfunded Security"  # a concern is no means


def test_a_question_that_asks_where_shows_first_the_strong_matches_that_name_a_place() -> None:
    from types import SimpleNamespace

    from assistant.retrieve import places_first

    texts = {"a": "Offshore Wind Farms. Turbines at sea.", "b": "Offshore Wind in Norway. Floating turbines.", "c": "Wind Costs. Cheaper each year."}

    class Index:
        def records(self, ids: list[str]) -> dict[str, SimpleNamespace]:
            return {i: SimpleNamespace(fields=lambda i=i: texts[i]) for i in ids}

    # the order otherwise kept, and nothing left out
    assert places_first(["a", "b", "c"], cast(SearchIndex, Index())) == ["b", "a", "c"]


def test_a_setting_that_restates_a_word_of_the_topic_leaves_the_search() -> None:
    from types import SimpleNamespace

    import numpy as np

    from assistant.elsewhere import without_restated
    from assistant.models import QueryPlan

    # "cities" reads as "urban" (0.81 in the full corpus's model); "hospitals" only near "medical" (0.67)
    axes = {"cities": [1.0, 0.0], "urban": [0.81, 0.59], "farming": [0.0, 1.0], "hospitals": [0.67, 0.74], "medical": [1.0, 0.0], "devices": [0.0, 1.0]}
    index = cast(SearchIndex, SimpleNamespace(embed_query=lambda text: np.asarray(axes[text], dtype=np.float32)))
    farming = QueryPlan(question="urban farming in cities", topics=["urban farming", "cities"], query="urban farming cities")
    plain = without_restated(farming, index)
    assert (plain.topics, plain.query) == (["urban farming"], "urban farming")
    devices = QueryPlan(question="medical devices in hospitals", topics=["medical devices", "hospitals"], query="medical devices hospitals")
    assert without_restated(devices, index) == devices


def test_a_record_reading_as_one_term_of_a_question_the_corpus_says_whole_is_no_evidence() -> None:
    # "cool data centres": "Data Centers" stands 0.66 from the question, closer than the cooling
    # systems that say every word of it
    plain = scored(anchor={}, dense={"a": 0.6, "b": 0.66}, coverage={"a": 1.0, "b": 0.55}, one_word=0.55)
    assert is_strong("b", plain, SETTINGS)
    alone = scored(**{**plain.__dict__, "term_alone": {"b"}})
    assert not is_strong("b", alone, SETTINGS) and is_strong("a", alone, SETTINGS)


def test_the_records_reading_as_the_heaviest_term_alone(desk) -> None:
    from assistant.retrieve import heaviest_term, score, term_alone_records

    index, settings = desk.index, desk.settings.retrieval
    assert heaviest_term("green hydrogen", index)[1] == "hydrogen"
    assert heaviest_term("hydrogen", index) == (0.0, "")
    plan = desk.plan("green hydrogen")
    found = score(plan, index, settings, node_filter(plan)).term_alone
    terms = index.terms_of(sorted(found))
    assert found and all("hydrogen" in terms[i] and "green" not in terms[i] for i in found)
    # scores of another question (its heaviest term holds another share) mark nothing
    debris = desk.plan("orbital debris")
    scores = score(debris, index, settings, node_filter(debris))
    assert term_alone_records("green hydrogen", scores.coverage, scores.dense, scores.z, scores.one_word, index, settings) == set()

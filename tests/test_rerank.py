"""The fitted model: it orders the weaker matches, it can take strong matches away from the shown
rows but never add one, its weights fit its features, and records tied to the entity stay first
when the question is about little more than the entity."""

from __future__ import annotations

import numpy as np
import pytest

from assistant import rerank, rerank_weights
from assistant.retrieve import Scored, node_filter, retrieve, score
from index import RetrievalSettings

SETTINGS = RetrievalSettings()
OFF = SETTINGS.model_copy(update={"learned_order": False})
ORDER_ONLY = SETTINGS.model_copy(update={"fit_floor": None})


def test_the_weights_were_fitted_on_these_features() -> None:
    # a change to FEATURES without a refit (scripts/fit_rerank.py) would silently fall back
    assert tuple(rerank_weights.FEATURES) == rerank.FEATURES
    for values in (rerank_weights.MEAN, rerank_weights.SCALE, rerank_weights.WEIGHTS):
        assert len(values) == len(rerank.FEATURES)
    assert all(s > 0 for s in rerank_weights.SCALE)


@pytest.mark.parametrize("question", ["coral reef restoration", "drones over the Baltic", "what concerns exist about heat stress?"])
def test_without_a_floor_it_orders_the_weaker_matches_and_nothing_else(desk, question) -> None:
    plan = desk.plan(question)
    learned = retrieve(plan, desk.index, ORDER_ONLY, 6)
    fused = retrieve(plan, desk.index, OFF, 6)
    assert (learned.strong, learned.total, len(learned.hits)) == (fused.strong, fused.total, len(fused.hits))
    strong = lambda ranked: [h.record.id for h in ranked.hits if h.strong]  # noqa: E731
    assert strong(learned) == strong(fused)  # the strong matches shown, in their order
    assert sorted(_every(plan, desk, ORDER_ONLY)) == sorted(_every(plan, desk, OFF))


@pytest.mark.parametrize("question", ["coral reef restoration", "drones over the Baltic", "what concerns exist about heat stress?"])
def test_the_floor_only_takes_strong_matches_away(desk, question, monkeypatch) -> None:
    monkeypatch.setattr(rerank, "FLOOR_MIN_RECORDS", 0)  # the sample is far smaller than the fit's corpus
    plan = desk.plan(question)
    floored = retrieve(plan, desk.index, SETTINGS, 50)
    fused = retrieve(plan, desk.index, OFF, 50)
    strong = lambda ranked: {h.record.id for h in ranked.hits + ranked.more if h.strong}  # noqa: E731
    assert strong(floored) <= strong(fused) and floored.strong <= fused.strong
    assert floored.total == fused.total  # what is demoted waits among the weaker matches
    assert sorted(_every(plan, desk, SETTINGS)) == sorted(_every(plan, desk, OFF))


def test_the_floor_prunes_the_strong_matches_but_never_empties_them(desk, monkeypatch) -> None:
    monkeypatch.setattr(rerank, "FLOOR_MIN_RECORDS", 0)
    plan = desk.plan("coral reef restoration")
    scored = score(plan, desk.index, SETTINGS, node_filter(plan))
    strong, weaker = scored.order[:4], scored.order[4:10]
    logit = rerank.logits([*strong, *weaker], set(strong), scored, SETTINGS, desk.index)
    assert logit is not None
    lowest, second = sorted(float(v) for v in logit[:4])[:2]
    assert lowest < second
    between = (lowest + second) / 2  # above the lowest of them, below the rest
    kept, demoted = rerank.floor_strong(strong, weaker, scored, SETTINGS.model_copy(update={"fit_floor": between}), desk.index)
    assert len(kept) == 3 and len(demoted) == 1
    high = SETTINGS.model_copy(update={"fit_floor": 99.0})
    assert rerank.floor_strong(strong, weaker, scored, high, desk.index) == (strong, [])  # the bar's rows stay
    everything = retrieve(plan, desk.index, high, 6)
    assert everything.strong == retrieve(plan, desk.index, OFF, 6).strong > 0


def test_a_strong_match_holding_every_word_of_a_question_of_several_keeps_its_place(desk, monkeypatch) -> None:
    # "plant-based food": the fit put "Increased focus on vegan and plant-based options" below its
    # floor; a record that holds the whole wording of such a question is the evidence the bar asked for
    monkeypatch.setattr(rerank, "FLOOR_MIN_RECORDS", 0)
    plan = desk.plan("coral reef restoration")
    scored = score(plan, desk.index, SETTINGS, node_filter(plan))
    strong, weaker = scored.order[:4], scored.order[4:10]
    monkeypatch.setattr(rerank, "logits", lambda ids, *_: np.array([1.0] + [-5.0] * (len(ids) - 1)))  # the fit rates the first alone
    whole = Scored(**{**scored.__dict__, "coverage": {strong[3]: 1.0, strong[2]: 0.9}, "one_word": 0.4})
    assert rerank.floor_strong(strong, weaker, whole, SETTINGS, desk.index) == ([strong[0], strong[3]], [strong[1], strong[2]])
    one_word = Scored(**{**whole.__dict__, "one_word": 0.0})  # one word asked: every record saying it holds all of it
    assert rerank.floor_strong(strong, weaker, one_word, SETTINGS, desk.index) == ([strong[0]], strong[1:])
    # "superbugs": "Antibiotic Resistance" is as close to what the records saying it are about as
    # the least of them; the fit reads its cosine to the question itself (0.25)
    written = Scored(**{**one_word.__dict__, "as_written": {strong[2]}})
    assert rerank.floor_strong(strong, weaker, written, SETTINGS, desk.index) == ([strong[0], strong[2]], [strong[1], strong[3]])


def test_a_small_index_keeps_the_evidence_bar_alone(desk) -> None:
    plan = desk.plan("coral reef restoration")
    scored = score(plan, desk.index, SETTINGS, node_filter(plan))
    high = SETTINGS.model_copy(update={"fit_floor": 99.0})
    assert len(desk.index) < rerank.FLOOR_MIN_RECORDS
    assert rerank.floor_strong(scored.order[:4], scored.order[4:10], scored, high, desk.index) == (scored.order[:4], [])


def test_a_strict_question_keeps_its_strong_matches(desk, monkeypatch) -> None:
    monkeypatch.setattr(rerank, "FLOOR_MIN_RECORDS", 0)
    plan = desk.plan("coral reef restoration")
    scored = score(plan, desk.index, SETTINGS, node_filter(plan))
    strong = scored.order[:4]
    logit = rerank.logits([*strong, *scored.order[4:10]], set(strong), scored, SETTINGS, desk.index)
    assert logit is not None
    lowest, second = sorted(float(v) for v in logit[:4])[:2]
    between = SETTINGS.model_copy(update={"fit_floor": (lowest + second) / 2})
    kept, _ = rerank.floor_strong(strong, scored.order[4:10], scored, between, desk.index)
    assert len(kept) == 3  # without the exemption the floor takes one away
    strict = Scored(**{**scored.__dict__, "strict": True, "anchor": dict.fromkeys(strong, "direct")})
    assert rerank.floor_strong(strong, scored.order[4:10], strict, between, desk.index) == (strong, [])
def _every(plan, desk, settings: RetrievalSettings) -> list[str]:
    """Every record the answer offers, page after page."""
    out: list[str] = []
    for page in range(1, 200):
        hits = retrieve(plan, desk.index, settings, 6, page=page).hits
        if not hits:
            return out
        out += [h.record.id for h in hits]
    raise AssertionError("paging did not end")


def test_features_are_finite_and_one_row_per_candidate(desk) -> None:
    plan = desk.plan("coral reef restoration")
    scored = score(plan, desk.index, SETTINGS, node_filter(plan))
    ids = scored.order[:30]
    x = rerank.features(ids, scored, SETTINGS, desk.index, set(ids[:3]))
    assert x.shape == (len(ids), len(rerank.FEATURES))
    assert np.isfinite(x).all()


def test_records_tied_to_the_entity_stay_first_in_a_strict_question(desk) -> None:
    plan = desk.plan("coral reef restoration")
    scored = score(plan, desk.index, SETTINGS, node_filter(plan))
    weaker = scored.order[1:9]
    tied = set(weaker[-3:])  # the fused order's last three name the entity
    strict = Scored(**{**scored.__dict__, "strict": True, "anchor": dict.fromkeys(tied, "direct")})
    ordered = rerank.order_weaker(scored.order[:1], weaker, strict, SETTINGS, desk.index)
    assert set(ordered[:3]) == tied and sorted(ordered) == sorted(weaker)
    loose = Scored(**{**strict.__dict__, "strict": False})
    assert sorted(rerank.order_weaker(scored.order[:1], weaker, loose, SETTINGS, desk.index)) == sorted(weaker)


def test_a_tied_record_that_does_not_speak_of_the_word_asked_waits_with_the_rest() -> None:
    # "overtourism in Europe": "a" (Europe's energy crisis) names Europe but says nothing of
    # overtourism; "b" comes from an article about Europe and speaks of it
    scored = Scored(order=["a", "b", "c"], fused={}, anchor={"a": "direct", "b": "article"}, strict=True, speaks={"b"})
    assert [rerank.tied(scored, i) for i in scored.order] == [0, 2, 0]
    scored.speaks = None  # too few records say the word to tell: no test
    assert [rerank.tied(scored, i) for i in scored.order] == [3, 2, 0]


def test_weights_fitted_on_other_features_leave_the_fused_order(desk, monkeypatch) -> None:
    plan = desk.plan("coral reef restoration")
    scored = score(plan, desk.index, SETTINGS, node_filter(plan))
    monkeypatch.setattr(rerank_weights, "FEATURES", ("z",))
    weaker = scored.order[1:9]
    assert rerank.order_weaker(scored.order[:1], weaker, scored, SETTINGS, desk.index) == weaker


@pytest.mark.parametrize("question", ["How many records mention drones?", "How many concerns are about coral reefs?"])
def test_a_count_counts_the_same_set_in_either_order(desk, question) -> None:
    from assistant.aggregate import match_all

    plan = desk.plan(question)
    learned, fused = match_all(plan, desk.index, SETTINGS), match_all(plan, desk.index, OFF)
    assert sorted(learned.ids) == sorted(fused.ids) and sorted(learned.weaker) == sorted(fused.weaker)
    assert learned.reasons == fused.reasons


def test_the_evidence_of_equal_margin_is_taken_in_candidate_order():
    from assistant.rerank import EVIDENCE, evidence_of

    ids = [f"r{n:02d}" for n in range(EVIDENCE + 5)]
    z = dict.fromkeys(ids, 5.0) | {"r14": 9.0}
    assert evidence_of(ids, set(reversed(ids)), z) == ["r14", *ids[: EVIDENCE - 1]]
    assert evidence_of(ids, set(), z) == ["r14", *ids[: EVIDENCE - 1]]  # none strong: the candidates

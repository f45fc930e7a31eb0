"""The fitted order of the weaker matches: it only orders (the strong matches, and which records
are weaker ones, stay the evidence bar's), its weights fit its features, and records tied to the
entity stay first when the question is about little more than the entity."""

from __future__ import annotations

import numpy as np
import pytest

from assistant import rerank, rerank_weights
from assistant.retrieve import Scored, node_filter, retrieve, score
from index import RetrievalSettings

SETTINGS = RetrievalSettings()
OFF = SETTINGS.model_copy(update={"learned_order": False})


def test_the_weights_were_fitted_on_these_features() -> None:
    # a change to FEATURES without a refit (scripts/fit_rerank.py) would silently fall back
    assert tuple(rerank_weights.FEATURES) == rerank.FEATURES
    for values in (rerank_weights.MEAN, rerank_weights.SCALE, rerank_weights.WEIGHTS):
        assert len(values) == len(rerank.FEATURES)
    assert all(s > 0 for s in rerank_weights.SCALE)


@pytest.mark.parametrize("question", ["coral reef restoration", "drones over the Baltic", "what concerns exist about heat stress?"])
def test_it_orders_the_weaker_matches_and_nothing_else(desk, question) -> None:
    plan = desk.plan(question)
    learned = retrieve(plan, desk.index, SETTINGS, 6)
    fused = retrieve(plan, desk.index, OFF, 6)
    assert (learned.strong, learned.total, len(learned.hits)) == (fused.strong, fused.total, len(fused.hits))
    strong = lambda ranked: [h.record.id for h in ranked.hits if h.strong]  # noqa: E731
    assert strong(learned) == strong(fused)  # the strong matches shown, in their order
    assert sorted(_every(plan, desk, SETTINGS)) == sorted(_every(plan, desk, OFF))


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

"""Weighted reciprocal rank fusion and article diversification."""

from __future__ import annotations

import pytest

from assistant.fusion import alternate, diversify, weighted_rrf


def test_rrf_sums_weighted_reciprocal_ranks():
    scores = weighted_rrf([["a", "b"], ["b", "c"]], [0.75, 0.25], k=60)
    assert scores["b"] == pytest.approx(0.75 / 62 + 0.25 / 61)
    assert scores["a"] == pytest.approx(0.75 / 61)


def test_dense_leaning_weights_keep_the_dense_order_on_disagreement():
    scores = weighted_rrf([["a", "b"], ["b", "a"]], [0.75, 0.25])
    assert max(scores, key=scores.get) == "a"


def test_an_item_in_both_lists_beats_one_in_a_single_list():
    scores = weighted_rrf([["a", "b"], ["b"]], [0.5, 0.5])
    assert max(scores, key=scores.get) == "b"


def test_rrf_needs_one_weight_per_ranking():
    with pytest.raises(ValueError):
        weighted_rrf([["a"]], [0.5, 0.5])


def test_diversify_gives_other_groups_a_turn_without_dropping_anything():
    items = ["a1", "a2", "a3", "b1", "a4", "c1"]
    out = diversify(items, lambda s: s[0], per_group=2)
    assert out == ["a1", "a2", "b1", "c1", "a3", "a4"]
    assert sorted(out) == sorted(items)


def test_diversify_keeps_order_when_groups_are_small():
    items = ["a1", "b1", "a2"]
    assert diversify(items, lambda s: s[0], per_group=2) == items


def test_alternate_takes_one_of_each_list_in_turn_and_skips_what_was_taken():
    seen = {"x"}
    assert alternate([["a", "x", "b", "c"], ["a", "d"], []], lambda s: s, seen) == ["a", "d", "b", "c"]
    assert seen == {"x", "a", "d", "b", "c"}
    assert alternate([], str) == []

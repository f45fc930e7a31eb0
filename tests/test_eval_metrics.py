"""The eval metrics: pure functions over ranked record keys, checked on hand-worked cases."""

from __future__ import annotations

import math

import pytest

from eval import metrics as m

A, B, C, D, X, Y = (m.record_key("art", "signal", name) for name in "abcdxy")


def test_record_key_matches_names_loosely_but_not_kinds_or_articles():
    assert m.record_key("a1", "signal", "  Generative AI ") == m.record_key("a1", "signal", "generative ai")
    assert m.record_key("a1", "signal", "Generative AI") != m.record_key("a2", "signal", "Generative AI")
    assert m.record_key("a1", "signal", "Generative AI") != m.record_key("a1", "technology", "Generative AI")


@pytest.mark.parametrize(
    ("ranked", "k", "expected"),
    [
        ([A, X, B, Y], 1, 1 / 4),
        ([A, X, B, Y], 3, 2 / 4),
        ([X, Y], 20, 0.0),
        ([A, B, C, D], 20, 1.0),
        ([A, A, A], 20, 1 / 4),  # a repeated record counts once
        ([], 5, 0.0),
    ],
)
def test_recall_at_k(ranked, k, expected):
    assert m.recall_at_k(ranked, {A, B, C, D}, k) == pytest.approx(expected)


def test_recall_needs_gold():
    with pytest.raises(ValueError):
        m.recall_at_k([A], set(), 5)


def test_ndcg_is_one_for_a_perfect_ranking_and_discounts_late_hits():
    assert m.ndcg_at_k([A, B], {A, B}, 10) == pytest.approx(1.0)
    # one gold of two, at rank 2: (1/log2 3) / (1 + 1/log2 3)
    assert m.ndcg_at_k([X, A], {A, B}, 10) == pytest.approx((1 / math.log2(3)) / (1 + 1 / math.log2(3)))
    assert m.ndcg_at_k([X, Y], {A}, 10) == 0.0


def test_ndcg_ideal_is_capped_at_k_and_repeats_gain_once():
    assert m.ndcg_at_k([A, B], {A, B, C, D}, 2) == pytest.approx(1.0)
    assert m.ndcg_at_k([A, A], {A, B}, 10) == pytest.approx(1 / (1 + 1 / math.log2(3)))


@pytest.mark.parametrize(("ranked", "expected"), [([A, B], 1.0), ([X, Y, A], 1 / 3), ([X, Y], 0.0), ([], 0.0)])
def test_reciprocal_rank(ranked, expected):
    assert m.reciprocal_rank(ranked, {A, B}) == pytest.approx(expected)


def test_article_recall_counts_distinct_articles_in_order():
    articles = ["a1", "a1", "a2", "a3", "a4"]
    assert m.article_recall_at_k(articles, {"a1", "a4"}, 3) == 0.5  # first 3 distinct: a1, a2, a3
    assert m.article_recall_at_k(articles, {"a1", "a4"}, 10) == 1.0


def test_precision():
    assert m.precision([A, X, B, Y], {A, B}) == 0.5
    assert m.precision([], {A}) == 0.0


@pytest.mark.parametrize(
    ("records", "kinds", "min_relevancy", "exact"),
    [
        ([("signal", 5), ("signal", None)], ["signal"], None, True),
        ([("signal", 5), ("concern", 5)], ["signal"], None, False),
        ([("concern", 5), ("concern", 4)], ["concern"], 5, False),
        ([("concern", None)], None, 3, False),  # unrated records do not meet a threshold
        ([("issue", 1)], None, None, True),
        ([], ["signal"], 5, True),
    ],
)
def test_filter_exact(records, kinds, min_relevancy, exact):
    assert m.filter_exact(records, kinds, min_relevancy) is exact


def test_citations_valid_only_when_every_marker_points_at_a_retrieved_article():
    citations = {1: "a1", 2: "a2"}
    assert m.citations_valid([1, 2, 1], citations, {"a1", "a2"})
    assert m.citations_valid([], citations, set())
    assert not m.citations_valid([3], citations, {"a1", "a2"})  # no such citation
    assert not m.citations_valid([2], citations, {"a1"})  # cites an article nothing was retrieved from


def test_table_faithful_rows_must_each_be_one_stored_record():
    stored = [{"name": "Drone Incursions", "description": "Drones crossed.", "relevancy": 5, "change": None}]
    assert m.table_faithful([["Drone Incursions", "Drones crossed.", "", "5", "[1]"]], stored, {1})
    assert m.table_faithful([["Drone Incursions", "Drones crossed.", "[1, 2]"]], stored, {1, 2})
    assert not m.table_faithful([["Drone Incursions", "Drones crossed every night.", "[1]"]], stored, {1})
    assert not m.table_faithful([["Drone Incursions", "[3]"]], stored, {1})
    other = [*stored, {"name": "GPS Jamming", "description": "Jammed."}]
    assert not m.table_faithful([["Drone Incursions", "Jammed."]], other, {1})  # fields of two records mixed


def test_percentile_interpolates():
    assert m.percentile([10, 20, 30, 40], 50) == 25
    assert m.percentile([5], 95) == 5
    assert m.percentile([], 50) is None


def test_side_by_side_cells_quote_record_names_and_valid_citations():
    from eval.metrics import cells_faithful

    records = [{"name": "AI Tutors"}, {"name": "Cheating Surge"}]
    assert cells_faithful([["AI Tutors [1]", "Cheating Surge [2, 3]"], ["", ""]], records, {1, 2, 3})
    assert not cells_faithful([["AI Tutors [4]", ""]], records, {1, 2, 3})
    assert not cells_faithful([["Invented Name [1]", ""]], records, {1})

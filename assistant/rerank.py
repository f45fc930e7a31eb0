"""A learned judgement of a question's candidates: one logistic model over the evidence retrieval
already computes (margin, cosine, wording, BM25, fused rank, ties to the question's entity, how
many strong matches the record's article has and closeness to them), fitted on the tuning half
of our own question set (`scripts/fit_rerank.py`) and reported on the test half. It orders the weaker matches (behind
"more"), and a strong match must also reach its floor (`retrieval.fit_floor`): the evidence bar
proposes what is shown, the model can only take rows away from it (never all of them), never add any."""

from __future__ import annotations

import math
from collections import defaultdict
from typing import TYPE_CHECKING

import numpy as np

from . import rerank_weights as weights

if TYPE_CHECKING:
    from index import RetrievalSettings
    from index.search import SearchIndex

    from .retrieve import Scored

FEATURES = (
    "z",  # margin over the question's background, in spreads
    "cosine",  # cosine to the question
    "coverage",  # share of the question's specific wording the record holds
    "lexical",  # BM25 score over the question's best BM25 score
    "fused_rank",  # log(1 + rank) in the fused (dense + BM25 + article lift) order
    "article_strong",  # log(1 + strong matches of the record's article)
    "article_best",  # the best margin among the record's article's candidates
    "strong",  # 1 for a strong match
    "direct",  # 1 when the record names the question's entity
    "tied",  # 1 when its article is about the entity
    "z_gap",  # the question's best margin minus this record's
    "cosine_gap",  # the best cosine minus this record's
    "rank_in_article",  # log(1 + rank among its article's candidates, by fused score)
    "centroid",  # cosine to the centroid of the strong matches (the best few by margin when none)
    "nearest",  # the highest cosine to any of those records (itself excluded)
    "article_share",  # share of the article's candidates that are strong matches
)
CLIP = 3.0  # standardised features are clipped here: a value the fit rarely saw (an article summary's
# cosine: most of the full corpus's articles have none) must not outweigh every other feature
FLOOR_MIN_RECORDS = 20_000  # the model was fitted on the full corpus (97,781 records): its margins, ranks
# and article shares mean the same only on an index of that breadth; on our 322-record sample it
# demoted half of the H5N1 briefing's evidence, so a smaller index keeps the evidence bar alone
EVIDENCE = 10  # the strong matches (best by margin) whose centroid and neighbours are features


def evidence_of(ids: list[str], strong: set[str], z: dict[str, float]) -> list[str]:
    """The `EVIDENCE` strong matches of best margin (the candidates when none is strong), records of
    equal margin in candidate order: a set's order depends on the hash seed, and taking ties from it
    changed the next page of "Which concerns mention NATO?" from one process to the next."""
    return sorted([i for i in ids if i in strong] or ids, key=lambda i: -z.get(i, 0.0))[:EVIDENCE]


def features(ids: list[str], scored: Scored, settings: RetrievalSettings, index: SearchIndex, strong: set[str]) -> np.ndarray:
    """One row of `FEATURES` per id."""
    fused_order = sorted(scored.fused, key=lambda i: -scored.fused[i])
    fused_rank = {i: r for r, i in enumerate(fused_order)}
    article = {i: scored.article_of.get(i) or index.article_of_node(i) or "" for i in ids}
    by_article: dict[str, list[str]] = defaultdict(list)
    for i in ids:
        by_article[article[i]].append(i)
    rank_in_article: dict[str, int] = {}
    article_strong: dict[str, int] = {}
    article_best: dict[str, float] = {}
    for a, members in by_article.items():
        for r, i in enumerate(sorted(members, key=lambda i: fused_rank.get(i, 10**6))):
            rank_in_article[i] = r
        article_strong[a] = sum(1 for i in members if i in strong)
        article_best[a] = max(scored.z.get(i, 0.0) for i in members)
    best_lex = max(scored.lexical.values(), default=0.0) or 1.0
    best_cos = max((scored.dense.get(i, 0.0) for i in ids), default=0.0)
    evidence = evidence_of(ids, strong, scored.z)
    have, vectors = index.vectors_of(ids)
    position = {i: n for n, i in enumerate(have)}
    evidence_rows = vectors[[position[i] for i in evidence if i in position]]
    centroid = evidence_rows.mean(axis=0) if len(evidence_rows) else np.zeros(vectors.shape[1])
    centroid /= np.linalg.norm(centroid) or 1.0
    to_centroid = vectors @ centroid
    to_evidence = vectors @ evidence_rows.T if len(evidence_rows) else np.zeros((len(have), 1))
    to_evidence = np.where(to_evidence > 0.9999, -1.0, to_evidence)  # a record is not its own neighbour
    nearest = to_evidence.max(axis=1) if to_evidence.size else np.zeros(len(have))
    best_z = scored.best or max((scored.z.get(i, 0.0) for i in ids), default=0.0)
    rows = []
    for i in ids:
        a = article[i]
        z = scored.z.get(i, 0.0)
        cos = scored.dense.get(i, 0.0)
        rows.append(
            (
                z,
                cos,
                scored.coverage.get(i, 0.0),
                scored.lexical.get(i, 0.0) / best_lex,
                math.log1p(fused_rank.get(i, len(fused_rank))),
                math.log1p(article_strong[a]),
                article_best[a],
                1.0 if i in strong else 0.0,
                1.0 if scored.anchor.get(i) == "direct" else 0.0,
                1.0 if scored.anchor.get(i) == "article" else 0.0,
                best_z - z,
                best_cos - cos,
                math.log1p(rank_in_article[i]),
                float(to_centroid[position[i]]) if i in position else 0.0,
                float(nearest[position[i]]) if i in position else 0.0,
                article_strong[a] / len(by_article[a]),
            )
        )
    return np.array(rows, dtype=np.float64).reshape(len(ids), len(FEATURES))


WHOLE_WORDING = 0.999  # a strong match holding every word of a question of several keeps its place whatever the fit says


def floor_strong(strong: list[str], weaker: list[str], scored: Scored, settings: RetrievalSettings, index: SearchIndex) -> tuple[list[str], list[str]]:
    """(the strong matches the model also rates at least `fit_floor`, that hold every word of a
    question of several (`WHOLE_WORDING`) or stand as close to what the corpus means by its words as
    the records that say them (`scored.as_written`), the ones it demotes to the weaker matches); when it rates
    none of them that high, all stay. A question about little more
    than its entity (`scored.strict`) keeps its strong matches whatever the model says: being tied
    to the entity is the evidence it asks for, and the model, fitted mostly on topics, would judge
    those records by the topic word alone. So does an index much smaller than the one the model
    was fitted on (`FLOOR_MIN_RECORDS`)."""
    if settings.fit_floor is None or not strong or scored.strict or len(index) < FLOOR_MIN_RECORDS:
        return strong, []
    logit = logits([*strong, *weaker], set(strong), scored, settings, index)
    if logit is None:
        return strong, []
    rated = [i for i, value in zip(strong, logit[: len(strong)].tolist(), strict=True) if value >= settings.fit_floor]
    if not rated:
        # the model may prune what the bar admits, not empty it: the rows shown instead would be
        # ones the bar rejected, ranked by the same features ("four-day week pilots": the bar's two
        # four-day-week records gave way to three about airline pilots)
        return strong, []
    # a record holding every word of a question of several is the evidence the bar asked for
    # ("Increased focus on vegan and plant-based options", below the floor for "plant-based food"),
    # as is one as close to what the corpus means by them as the records that say them (the
    # model's features read the question's own cosine: "Antibiotic Resistance" stands 0.25 from "superbugs")
    # and so is a record named for what holds the thing back when what goes against it is asked
    # (`Scored.held`: "Public Smartphone Ban" against smartphones, which the model reads as a ban)
    keep = set(rated) | {i for i in strong if scored.one_word and scored.coverage.get(i, 0.0) >= WHOLE_WORDING} | (set(strong) & (scored.as_written | scored.held))
    return [i for i in strong if i in keep], [i for i in strong if i not in keep]


def order_weaker(strong: list[str], weaker: list[str], scored: Scored, settings: RetrievalSettings, index: SearchIndex) -> list[str]:
    """The weaker matches in the fitted order (best first; ties keep the fused order); unchanged
    when the weights were fitted on other features than these (refit with scripts/fit_rerank.py).
    When the question is about little more than its entity (`scored.strict`), records tied to the
    entity stay ahead of the rest, as they do among the strong matches; the fit orders each tier.
    Records that say the asked thing moves the other way (`Scored.opposed`) come last."""
    if len(weaker) < 2:
        return weaker
    logit = logits([*strong, *weaker], set(strong), scored, settings, index)
    if logit is None:
        return weaker
    logit = logit[len(strong) :]
    tier = [tied(scored, i) for i in weaker] if scored.strict else [0] * len(weaker)
    # a record that says what is asked moves the other way ("Rising EV Sales" for a slowdown) waits last
    return [weaker[n] for n in sorted(range(len(weaker)), key=lambda n: (weaker[n] in scored.opposed, -tier[n], -logit[n]))]


def logits(ids: list[str], strong: set[str], scored: Scored, settings: RetrievalSettings, index: SearchIndex) -> np.ndarray | None:
    """The fitted model's log-odds that each record answers the question (None when the weights
    were fitted on other features than these)."""
    if tuple(weights.FEATURES) != FEATURES:
        return None
    x = features(ids, scored, settings, index, strong)
    standard = np.clip((x - np.array(weights.MEAN)) / np.array(weights.SCALE), -CLIP, CLIP)
    return np.asarray(standard @ np.array(weights.WEIGHTS) + weights.BIAS)


def tied(scored: Scored, node_id: str) -> int:
    """3 for a record naming the entity, 2 for one whose article is about it, 0 otherwise, and 0
    for a tied record that does not speak of the one word asked of the entity (`scored.speaks`):
    Europe's energy crisis is no weaker match for "overtourism in Europe" before the rest."""
    if scored.speaks is not None and node_id in scored.anchor and node_id not in scored.speaks:
        return 0
    return {"direct": 3, "article": 2}.get(scored.anchor.get(node_id, ""), 0)

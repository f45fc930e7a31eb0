"""Keeping the near-duplicate clusters of the catalog current (the method is in clusters.py).

A full run clusters every record. An incremental run takes the records an ingest changed (added,
changed, removed) and the articles whose records changed, and:
1. recomputes those articles' copy-detection keys and origins; an article whose origin changed has
   all its records re-paired (their pairs with copies of it appear or vanish);
2. replaces the changed records' name words; a word whose count crosses `MAX_POSTING` re-pairs
   every record holding it;
3. notes the old connected components around those records, replaces their pairs, and reclusters
   the new components around them (plus whatever the old components held).
Both end with the same labels, pairs, words and origins; the caller runs either in one
transaction, so an interruption leaves the previous state whole.
"""

from __future__ import annotations

import numpy as np

from . import clusters as method
from .catalog import Catalog


def recluster_all(catalog: Catalog, model: str) -> int:
    """Every record clustered from nothing; returns the number of clusters."""
    catalog.clear_cluster_state()
    facts = catalog.record_facts()
    names = catalog.record_names_by_article()
    keys = {a: method.article_key(n) for a, n in names.items()}
    origins = method.origins_of(keys)
    catalog.set_article_keys([], {a: (keys[a], origins[a]) for a in keys})
    vectors = catalog.record_vectors(model, sorted(facts))
    words = {r: (kind, method.name_tokens(name)) for r, (kind, _, name) in facts.items() if r in vectors}
    catalog.set_cluster_words([], words)

    pairs: list[tuple[str, str, float]] = []
    for kind in sorted({k for k, _ in words.values()}):
        ids = sorted(r for r, (k, _) in words.items() if k == kind)
        rows = method.Rows(
            ids=ids,
            articles=[origins.get(facts[r][1], facts[r][1]) for r in ids],
            names=[facts[r][2] for r in ids],
            vectors=np.vstack([vectors[r] for r in ids]) if ids else np.zeros((0, 0), dtype=np.float32),
        )
        pairs += [(ids[i], ids[j], c) for i, j, c in method.candidate_pairs(rows)]
    catalog.set_cluster_pairs([], pairs)
    member_origin = {r: origins.get(facts[r][1], facts[r][1]) for p in pairs for r in p[:2]}
    labels = method.merge_ids(pairs, {r: vectors[r] for r in member_origin}, member_origin)
    catalog.replace_clusters(labels)
    return len(set(labels.values()))


def recluster_changed(catalog: Catalog, model: str, records: set[str], articles: set[str]) -> int:
    """Recluster around the records and articles an ingest changed; returns the number of clusters."""
    repair = set(records) | _update_origins(catalog, articles | _articles_of(catalog, records))
    repair |= _update_words(catalog, model, repair)
    before, _ = _component(catalog, repair)
    facts = catalog.record_facts(repair)
    catalog.set_cluster_pairs(repair, _pairs_of(catalog, model, facts))
    after, pairs = _component(catalog, (repair | before) & set(catalog.record_facts(repair | before)))
    members = {r for p in pairs for r in p[:2]}
    member_facts = catalog.record_facts(members)
    origins = catalog.origins({f[1] for f in member_facts.values()})
    labels = method.merge_ids(
        pairs,
        catalog.record_vectors(model, sorted(members)),
        {r: origins.get(f[1], f[1]) for r, f in member_facts.items()},
    )
    catalog.relabel(before | after | repair, labels)
    return catalog.cluster_count()


def _articles_of(catalog: Catalog, records: set[str]) -> set[str]:
    return {f[1] for f in catalog.record_facts(records).values()}


def _update_origins(catalog: Catalog, touched: set[str]) -> set[str]:
    """Recompute the keys of the touched articles and the origins of every article sharing an old
    or new key with them; returns the records of articles whose origin changed."""
    if not touched:
        return set()
    stored = catalog.article_keys(touched)
    names = catalog.record_names_by_article(touched)
    new_keys = {a: method.article_key(names[a]) for a in touched if a in names}
    affected_keys = {k for k, _ in stored.values() if k} | {k for k in new_keys.values() if k}
    keys: dict[str, str | None] = {a: k for a, k in catalog.articles_with_keys(affected_keys).items() if a not in touched}
    keys.update(new_keys)
    before = {**catalog.origins(keys), **{a: o for a, (_, o) in stored.items()}}
    origins = method.origins_of(keys)
    catalog.set_article_keys(touched, {a: (keys[a], origins[a]) for a in keys})
    moved = {a for a in keys if before.get(a) != origins[a]}
    return catalog.owned_record_ids(moved)


def _update_words(catalog: Catalog, model: str, records: set[str]) -> set[str]:
    """Store the name words of the records (those with a vector: the others cannot cluster);
    returns every record holding a word whose count crossed `MAX_POSTING` (its pairs with all of
    them appear or vanish)."""
    old = catalog.cluster_words(records)
    facts = catalog.record_facts(records)
    clusterable = catalog.record_vectors(model, sorted(facts))
    new = {r: (kind, method.name_tokens(name)) for r, (kind, _, name) in facts.items() if r in clusterable}
    keys = {key for ws in old.values() for key in ws} | {(kind, w) for kind, ws in new.values() for w in ws}
    counted = catalog.word_counts(keys)
    catalog.set_cluster_words(records, new)
    recounted = catalog.word_counts(keys)
    crossed = [key for key in keys if (counted[key] <= method.MAX_POSTING) != (recounted[key] <= method.MAX_POSTING)]
    return {r for kind, word in crossed for r in catalog.records_with_word(kind, word)}


def _component(catalog: Catalog, start: set[str]) -> tuple[set[str], list[tuple[str, str, float]]]:
    """Every record connected to `start` by stored pairs (`start` included), and those pairs."""
    seen, frontier = set(start), set(start)
    pairs: set[tuple[str, str, float]] = set()
    while frontier:
        found = catalog.cluster_pairs(frontier)
        pairs.update(found)
        frontier = {r for a, b, _ in found for r in (a, b)} - seen
        seen |= frontier
    return seen, sorted(pairs)


def _pairs_of(catalog: Catalog, model: str, facts: dict[str, tuple[str, str, str]]) -> list[tuple[str, str, float]]:
    """The qualifying pairs of these (existing) records with any record, as stored (a < b).
    Candidates share a name word; the name overlap is checked on the stored words first, so only
    the few that pass have their articles and vectors read."""
    if not facts:
        return []
    words = {r: (kind, method.name_tokens(name)) for r, (kind, _, name) in facts.items()}
    counts = catalog.word_counts({(kind, w) for kind, ws in words.values() for w in ws})
    holders: dict[tuple[str, str], list[str]] = {}
    candidates: dict[str, set[str]] = {}
    for record_id, (kind, ws) in words.items():
        found: set[str] = set()
        for w in ws:
            if counts[(kind, w)] <= method.MAX_POSTING:
                if (kind, w) not in holders:
                    holders[(kind, w)] = catalog.records_with_word(kind, w)
                found.update(holders[(kind, w)])
        found.discard(record_id)
        candidates[record_id] = found
    stored = catalog.cluster_words({c for found in candidates.values() for c in found})
    tokens = {r: frozenset(w for _, w in ws) for r, ws in stored.items()}
    tokens.update({r: ws for r, (_, ws) in words.items()})
    close = {
        record_id: {c for c in found if c in tokens and method.jaccard(tokens[record_id], tokens[c]) >= method.NAME_JACCARD}
        for record_id, found in candidates.items()
    }
    everyone = set(facts) | {c for found in close.values() for c in found}
    all_facts = {**catalog.record_facts(everyone - set(facts)), **facts}
    origins = catalog.origins({f[1] for f in all_facts.values()})
    origin = {r: origins.get(f[1], f[1]) for r, f in all_facts.items()}
    vectors = catalog.record_vectors(model, sorted(everyone))
    pairs: set[tuple[str, str]] = set()
    for record_id, found in close.items():
        if record_id not in vectors:
            continue
        for other in found:
            if other in vectors and origin.get(other) != origin[record_id]:
                pairs.add((min(record_id, other), max(record_id, other)))
    ordered = sorted(pairs)
    if not ordered:
        return []
    cosines = method.pair_cosines(np.vstack([vectors[a] for a, _ in ordered]), np.vstack([vectors[b] for _, b in ordered]))
    return [(a, b, float(c)) for (a, b), c in zip(ordered, cosines.tolist(), strict=True) if c >= method.PAIR_COSINE]

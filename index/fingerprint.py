"""A digest of what an index holds, to tell whether two indexes are the same: the catalog's
records, articles, owners, nodes and clusters, and the live rows of the current snapshot
generation (columns and vectors), each hashed in a canonical order. Caches (embeddings,
extractions), read times and how the snapshot is split into segments are left out: an index
brought up to date by appended segments must equal one built from scratch.

`python -m index fingerprint --index DIR` prints it as JSON.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np

from .catalog import Catalog
from .errors import StoreError
from .generations import read_manifest
from .view import View


def _digest(rows) -> str:
    h = hashlib.sha256()
    for item in rows:
        h.update(json.dumps(item, ensure_ascii=False, default=str).encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()[:16]


def fingerprint(index_dir: Path) -> dict[str, object]:
    """Digests (and counts) of the index's content; equal dicts mean equal indexes."""
    catalog = Catalog(index_dir, create=False, readonly=True)
    try:
        out: dict[str, object] = {}
        for table in ("articles", "records", "owners", "clusters"):
            content = catalog.table_rows(table)
            out[table] = _digest(content)
            out[f"{table}_count"] = len(content)
        nodes = catalog.node_digest()
        out["nodes"], out["nodes_count"] = _digest(nodes), len(nodes)
        out["cluster_count"] = catalog.cluster_count()
        backlog = catalog.backlog()
        out["backlog"] = {stage: len(getattr(backlog, stage)) for stage in ("reconcile", "publish", "cluster", "origin")}
    finally:
        catalog.close()
    manifest = read_manifest(index_dir)
    if manifest is None:
        raise StoreError(f"no generation published in {index_dir}")
    view = View.open(index_dir, manifest, {})
    live = np.flatnonzero(view.live)
    rows = live[np.argsort(view.ids[live], kind="stable")]
    h = hashlib.sha256()
    h.update(_digest([view.ids[rows].tolist(), view.article_ids[rows].tolist()]).encode())  # widths vary by segment
    for column in (view.kinds, view.relevancy, view.dates):
        h.update(np.ascontiguousarray(column[rows]).tobytes())
    if view.has_vectors and len(rows):
        h.update(np.ascontiguousarray(view.vectors_at(rows)).tobytes())
    out["snapshot"] = h.hexdigest()[:16]
    out["snapshot_nodes"] = view.nodes
    return out

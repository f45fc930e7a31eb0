"""Chroma through `llama-index-vector-stores-chroma`, embedded in the index directory or on a
Chroma server. The only module that talks to Chroma.

Chroma's role: an index over the catalog, written only where it serves. The catalog holds every
vector (the embedding cache) and the snapshot's segments hold them for exact scans, which answer
while a filter admits at most `retrieval.exact_max_rows` nodes. So Chroma is kept only on a Chroma
server (`SIGNAL_DESK_CHROMA_HOST`), when the index outgrows the exact-scan limit, when a dense
strategy that needs it is configured, or when `SIGNAL_DESK_CHROMA_WRITE=always`; when it starts
to be needed it is filled from the catalog.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from .errors import StoreError
from .filters import NodeFilter
from .nodes import NODE_FORMAT, NodeSpec, content_hash
from .settings import Settings

if TYPE_CHECKING:
    from llama_index.core.vector_stores.types import MetadataFilters


def chroma_location(settings: Settings) -> str:
    """Where this index's Chroma lives: `embedded` or the server's `host:port`."""
    return f"{settings.chroma_host}:{settings.chroma_port}" if settings.chroma_host else "embedded"


def chroma_wanted(settings: Settings, nodes: int) -> bool:
    """Whether an index of this many nodes should keep Chroma (see the module docstring)."""
    return (
        bool(settings.chroma_host)
        or settings.chroma_write == "always"
        or settings.retrieval.dense_strategy in ("hnsw", "chroma-filter")
        or nodes > settings.retrieval.exact_max_rows
    )


def collection_name(model_id: str) -> str:
    """Named from what shapes the vectors, so a model or node-format change never mixes them."""
    return "sd-" + content_hash(f"{model_id}|{NODE_FORMAT}")[:16]


def metadata_filters(flt: NodeFilter) -> MetadataFilters:
    """The filter in LlamaIndex's vocabulary (the Chroma store turns it into a `where`)."""
    from llama_index.core.vector_stores.types import FilterOperator, MetadataFilter, MetadataFilters

    filters = [MetadataFilter(key="kind", operator=FilterOperator.IN, value=list(flt.wanted_kinds()))]
    if flt.min_relevancy is not None:
        filters.append(MetadataFilter(key="relevancy", operator=FilterOperator.GTE, value=flt.min_relevancy))
    if flt.max_relevancy is not None:
        filters.append(MetadataFilter(key="relevancy", operator=FilterOperator.GTE, value=1))
        filters.append(MetadataFilter(key="relevancy", operator=FilterOperator.LTE, value=flt.max_relevancy))
    if flt.since is not None:
        filters.append(MetadataFilter(key="date", operator=FilterOperator.GTE, value=int(flt.since.strftime("%Y%m%d"))))
    if flt.until is not None:
        filters.append(MetadataFilter(key="date", operator=FilterOperator.LTE, value=int(flt.until.strftime("%Y%m%d"))))
    if flt.article_ids is not None:
        filters.append(MetadataFilter(key="article_id", operator=FilterOperator.IN, value=sorted(flt.article_ids)))
    return MetadataFilters(filters=filters)


class VectorStore:
    """Vectors and metadata of every node in one Chroma collection."""

    def __init__(self, settings: Settings, model_id: str):
        import chromadb
        from chromadb.config import Settings as ChromaSettings
        from llama_index.vector_stores.chroma import ChromaVectorStore

        chroma_settings = ChromaSettings(anonymized_telemetry=False)
        try:
            if settings.chroma_host:
                client = chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings)
            else:
                client = chromadb.PersistentClient(path=str(settings.chroma_dir), settings=chroma_settings)
            self.collection = _collection(client, model_id)
        except Exception as exc:  # chromadb raises many unrelated types (connection, Rust bindings)
            where = f"the Chroma server at {settings.chroma_host}:{settings.chroma_port}" if settings.chroma_host else str(settings.chroma_dir)
            raise StoreError(f"cannot open Chroma at {where}: {exc}") from None
        self.store = ChromaVectorStore(chroma_collection=self.collection)
        self.client = client
        self.model_id = model_id
        self.own_directory = not settings.chroma_host

    def reset(self) -> None:
        """Empty this index's collection (before it is filled again from the catalog)."""
        self.client.delete_collection(self.collection.name)
        self.collection = _collection(self.client, self.model_id)
        from llama_index.vector_stores.chroma import ChromaVectorStore

        self.store = ChromaVectorStore(chroma_collection=self.collection)

    def drop_stale_collections(self) -> None:
        """In our own directory, collections of earlier models or node formats are dead weight
        once this one is written (a shared Chroma server is left alone)."""
        if self.own_directory:
            for old in self.client.list_collections():
                if old.name.startswith("sd-") and old.name != self.collection.name:
                    self.client.delete_collection(old.name)

    def count(self) -> int:
        return int(self.collection.count())

    def upsert(self, specs: list[NodeSpec], vectors: list[list[float]]) -> None:
        """Write nodes with their vectors, replacing any earlier version of the same ids.

        Written with Chroma's own upsert, in the flat metadata LlamaIndex's ChromaVectorStore
        reads back (its legacy node format), because building a LlamaIndex node per record and
        serialising it whole into the metadata (`store.add`) cost more CPU than Chroma's write
        itself (~30 s of a 100k-record ingest on 2 cores). The text stays in the catalog and BM25,
        not in Chroma's documents: their full-text index made every write a third dearer."""
        self.collection.upsert(
            ids=[spec.id for spec in specs],
            embeddings=np.asarray(vectors, dtype=np.float32),
            metadatas=[{**spec.metadata, "document_id": spec.article_id} for spec in specs],
        )

    def write_rows(self, rows: list) -> None:
        """Write (id, kind, text, metadata, vector) rows as the catalog holds them (a refill)."""
        self.collection.upsert(
            ids=[r[0] for r in rows],
            embeddings=np.asarray([r[4] for r in rows], dtype=np.float32),
            metadatas=[{**r[3], "document_id": r[3]["article_id"]} for r in rows],
        )

    def delete(self, ids: list[str]) -> None:
        for start in range(0, len(ids), 5000):
            self.store.delete_nodes(node_ids=ids[start : start + 5000])

    def nearest(self, vector: list[float], n: int) -> list[tuple[str, float]]:
        """Top-n node ids by cosine over the whole collection (HNSW, no filter): the fast path.
        Asks Chroma for ids and distances only; rebuilding LlamaIndex nodes would cost more than the search."""
        result = self.collection.query(query_embeddings=np.asarray([vector], dtype=np.float32), n_results=n, include=["distances"])
        distances = result["distances"] or [[]]
        return [(i, 1.0 - d) for i, d in zip(result["ids"][0], distances[0], strict=True)]

    def query(self, vector: list[float], n: int, flt: NodeFilter) -> list[tuple[str, float]]:
        """Top-n node ids by cosine similarity among the nodes the filter admits."""
        from llama_index.core.vector_stores.types import VectorStoreQuery

        query = VectorStoreQuery(query_embedding=vector, similarity_top_k=n, filters=metadata_filters(flt))
        result = self.store.query(query)
        # The store reports exp(-cosine distance); turn it back into a cosine similarity.
        return [(i, 1.0 + math.log(s)) for i, s in zip(result.ids or [], result.similarities or [], strict=False)]


def _collection(client, model_id: str):
    # embedding_function=None: Chroma's default one downloads a model; we always pass vectors.
    return client.get_or_create_collection(
        collection_name(model_id),
        embedding_function=None,
        # ef_construction 32 instead of 100: writes 20% cheaper, HNSW recall@20 0.98 against
        # exact (measured at 40k vectors); answers use exact scans below 300k nodes anyway.
        configuration={"hnsw": {"space": "cosine", "ef_search": 100, "ef_construction": 32}},
        metadata={"model": model_id, "node_format": NODE_FORMAT},
    )

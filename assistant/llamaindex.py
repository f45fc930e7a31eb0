"""Signal Desk's retrieval inside LlamaIndex: `SignalDeskRetriever` is a LlamaIndex
`BaseRetriever` over the same hybrid retrieval the answers use (plan, dense + BM25 under the
question's filters, fusion, article lift, relevance floor, diversification), returning one
`NodeWithScore` per record with the record's fields as metadata. Put it under your own query or
chat engine:

    from llama_index.core.query_engine import RetrieverQueryEngine
    from assistant import Assistant
    from assistant.llamaindex import SignalDeskLLM, SignalDeskRetriever
    from index import Settings

    desk = Assistant(Settings(index_dir=".signal-desk"))
    engine = RetrieverQueryEngine.from_args(SignalDeskRetriever(desk, k=10), llm=SignalDeskLLM(desk.settings))
    print(engine.query("What escalation signals involve Estonia?"))

`SignalDeskLLM` is the chat model Signal Desk is configured with (`SIGNAL_DESK_LLM_MODEL`,
`OPENAI_BASE_URL`, ...) as a LlamaIndex LLM, through Signal Desk's own `openai` client; any other
LlamaIndex LLM works as well (llama-index-llms-openai pins `openai<3`, so it is not a dependency
of Signal Desk: install it in your own environment if you want it).
"""

from __future__ import annotations

from collections.abc import Generator
from datetime import date
from typing import Any

from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.base.llms.types import CompletionResponse, CompletionResponseGen, LLMMetadata
from llama_index.core.llms.callbacks import llm_completion_callback
from llama_index.core.llms.custom import CustomLLM
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode
from pydantic import PrivateAttr

from index import ConfigError, Settings
from index.llm_client import LLMClient

from .desk import Assistant
from .models import Hit
from .retrieve import retrieve

# Shown to the model in each node's header; the rest of the metadata is for the caller.
LLM_KEYS = ("kind", "title", "date", "relevancy")


class SignalDeskRetriever(BaseRetriever):
    """Signal Desk's hybrid retrieval as a LlamaIndex retriever (one node per record)."""

    def __init__(
        self,
        desk: Assistant,
        *,
        k: int | None = None,
        kinds: list[str] | None = None,
        min_relevancy: int | None = None,
        since: date | str | None = None,
        until: date | str | None = None,
        **kwargs: Any,
    ):
        super().__init__(**kwargs)
        self.desk = desk
        self.k = k or desk.settings.retrieval.k
        self.kinds, self.min_relevancy, self.since, self.until = kinds, min_relevancy, since, until

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        plan = self.desk.plan(
            query_bundle.query_str, kinds=self.kinds, min_relevancy=self.min_relevancy, since=self.since, until=self.until
        )
        index = self.desk.index
        with index.pinned():
            ranked = retrieve(plan, index, self.desk.settings.retrieval, self.k)
        return [NodeWithScore(node=record_node(hit), score=hit.score) for hit in ranked.hits]


def record_node(hit: Hit) -> TextNode:
    """A record as a LlamaIndex node: its words as text, its fields (and its article's) as metadata."""
    record, article = hit.record, hit.article
    lines = [f"{record.name}. {record.description}".strip()]
    if record.change:
        lines.append(f"Change: {record.change}")
    if record.horizon:
        lines.append(f"10-year: {record.horizon}")
    if record.driving_force:
        lines.append(f"Driving force: {record.driving_force}")
    metadata: dict[str, Any] = {
        "record_id": record.id,
        "article_id": record.article_id,
        "kind": record.kind,
        "name": record.name,
        "description": record.description,
        "change": record.change,
        "horizon": record.horizon,
        "driving_force": record.driving_force,
        "relevancy": record.relevancy,
        "title": article.title,
        "url": article.url,
        "page": article.page,
        "date": article.date.isoformat() if article.date else None,
        "category": article.category,
        "dense": hit.dense,
        "lexical": hit.lexical,
        "seen_in_articles": hit.corroboration.articles if hit.corroboration else 1,
    }
    metadata = {key: value for key, value in metadata.items() if value is not None}
    return TextNode(
        id_=record.id,
        text="\n".join(lines),
        metadata=metadata,
        excluded_llm_metadata_keys=[key for key in metadata if key not in LLM_KEYS],
        excluded_embed_metadata_keys=list(metadata),
    )


class SignalDeskLLM(CustomLLM):
    """The chat model Signal Desk is configured with, as a LlamaIndex LLM."""

    context_window: int = 16_000
    num_output: int = 1_024
    _client: LLMClient = PrivateAttr()
    _model: str = PrivateAttr()

    def __init__(self, settings: Settings, **kwargs: Any):
        super().__init__(**kwargs)
        client = LLMClient.from_settings(settings)
        if client is None:
            raise ConfigError("SignalDeskLLM needs a chat model: set SIGNAL_DESK_LLM_MODEL (and OPENAI_BASE_URL for a local server)")
        self._client = client
        self._model = settings.llm_model or ""

    @property
    def metadata(self) -> LLMMetadata:
        return LLMMetadata(context_window=self.context_window, num_output=self.num_output, model_name=self._model)

    @llm_completion_callback()
    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        return CompletionResponse(text=self._client.complete([{"role": "user", "content": prompt}]))

    @llm_completion_callback()
    def stream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponseGen:
        def deltas() -> Generator[CompletionResponse, None, None]:
            text = ""
            for delta in self._client.stream([{"role": "user", "content": prompt}]):
                text += delta
                yield CompletionResponse(text=text, delta=delta)

        return deltas()

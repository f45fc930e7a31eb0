"""Signal Desk's index: records in, searchable nodes out. Knows documents and storage, not questions."""

from .errors import (
    ConfigError,
    EmbeddingError,
    IndexBusyError,
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
from .filters import NodeFilter
from .pipeline import Failure, IngestReport, RecordCounts, ingest
from .records import KINDS, Article, Kind, Record
from .settings import RetrievalSettings, Settings

__all__ = [
    "KINDS",
    "Article",
    "ConfigError",
    "EmbeddingError",
    "Failure",
    "IndexBusyError",
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
    "NodeFilter",
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

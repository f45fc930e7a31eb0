"""The error family of Signal Desk; shells translate these into one-line messages.

    SignalDeskError
    ├── ConfigError            settings that are valid alone but unusable together
    ├── QuestionError          a question (or its k, page) that cannot be answered as asked
    ├── SourceError            a source (file, URL) cannot be read
    ├── StoreError             the index cannot be opened or used
    │   ├── ModelMismatchError
    │   └── IndexBusyError     another ingest holds the index lock
    ├── EmbeddingError         the embedding model cannot be loaded or fails
    └── LLMError               the language model fails; answers fall back to extractive
        ├── LLMUnavailableError, LLMTimeoutError (LLMStalledError, LLMDeadlineError), LLMRateLimitError,
        ├── LLMServerError, LLMRequestError
        └── LLMResponseError (LLMEmptyReplyError)
"""

from __future__ import annotations


class SignalDeskError(Exception):
    """Base of every error Signal Desk raises on purpose; `str()` is a message for the user."""


class ConfigError(SignalDeskError):
    """Raised when settings are valid one by one but unusable together (a model without a key, a bad prompt override)."""


class QuestionError(SignalDeskError):
    """Raised when a question is empty or content-free, or asks for a `k` or page out of range."""


class SourceError(SignalDeskError):
    """Raised when a source (file, URL) cannot be read as signals; the ingest run skips and reports it."""


class StoreError(SignalDeskError):
    """Raised when the index directory cannot be opened or used as asked."""


class ModelMismatchError(StoreError):
    """Raised when an index built with one embedding model is opened with another."""


class IndexBusyError(StoreError):
    """Raised when another ingest holds the index's lock (and the caller would not wait)."""


class EmbeddingError(SignalDeskError):
    """Raised when the embedding model cannot be loaded or fails to embed."""


class LLMError(SignalDeskError):
    """Raised when the configured language model fails (connection, timeout, HTTP error, garbage)."""

    cause = "the language model failed"  # a short phrase for warnings: "… (cause); answered extractively"


class LLMUnavailableError(LLMError):
    """Raised when the language-model server cannot be reached (refused, unknown host, reset)."""

    cause = "the language model is unreachable"


class LLMTimeoutError(LLMError):
    """Raised when the language-model server does not answer within `SIGNAL_DESK_LLM_TIMEOUT`."""

    cause = "the language model timed out"


class LLMStalledError(LLMTimeoutError):
    """Raised when a streamed answer sends no token for `SIGNAL_DESK_LLM_STALL_TIMEOUT` seconds."""

    cause = "the language model's answer stalled"


class LLMDeadlineError(LLMTimeoutError):
    """Raised when a streamed answer is still coming after `SIGNAL_DESK_LLM_ANSWER_DEADLINE` seconds."""

    cause = "the language model's answer took too long"


class LLMRateLimitError(LLMError):
    """Raised when the server answers 429 again after its Retry-After was honoured once (or asks too long a wait)."""

    cause = "the language model is rate-limited"


class LLMServerError(LLMError):
    """Raised when the language-model server answers with a 5xx status."""

    cause = "the language-model server failed"


class LLMRequestError(LLMError):
    """Raised when the server rejects the request with a 4xx status (API key, model name, unsupported option)."""

    cause = "the language-model server rejected the request"

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status


class LLMResponseError(LLMError):
    """Raised when the model's reply is malformed: not JSON, the wrong shape, or failing validation."""

    cause = "the language model's reply was malformed"


class LLMEmptyReplyError(LLMResponseError):
    """Raised when the model's reply has no content."""

    cause = "the language model's reply was empty"

"""The error family of Signal Desk; shells translate these into one-line messages."""

from __future__ import annotations


class SignalDeskError(Exception):
    """Base of every error Signal Desk raises on purpose; `str()` is a message for the user."""


class SourceError(SignalDeskError):
    """Raised when a source (file, URL) cannot be read as signals; the ingest run skips and reports it."""


class StoreError(SignalDeskError):
    """Raised when the index directory cannot be opened or used as asked."""


class ModelMismatchError(StoreError):
    """Raised when an index built with one embedding model is opened with another."""


class EmbeddingError(SignalDeskError):
    """Raised when the embedding model cannot be loaded or fails to embed."""


class LLMError(SignalDeskError):
    """Raised when the configured language model fails (connection, timeout, HTTP error, garbage)."""

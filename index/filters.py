"""The metadata filter every retriever shares, and the kind codes the filter columns use."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .nodes import ARTICLE_KIND, PASSAGE_KIND
from .records import KINDS

KIND_CODES: dict[str, int] = {kind: i for i, kind in enumerate((*KINDS, ARTICLE_KIND, PASSAGE_KIND))}
KIND_NAMES: dict[int, str] = {code: kind for kind, code in KIND_CODES.items()}


@dataclass(frozen=True)
class NodeFilter:
    """Metadata constraints shared by every retriever; None means unconstrained."""

    kinds: tuple[str, ...] | None = None  # None: the five record kinds (never article summaries or passages)
    min_relevancy: int | None = None
    max_relevancy: int | None = None  # "rated 3 or lower"
    since: date | None = None
    until: date | None = None
    article_ids: frozenset[str] | None = None

    def wanted_kinds(self) -> tuple[str, ...]:
        return self.kinds if self.kinds else KINDS

"""Step 1 of an ingest: sources to `ReadItem`s, or reported failures (the rest goes on); a raw web
article gets its records from LLM extraction when a model is configured (a failed extraction is
reported and the article is still indexed as passages)."""

from __future__ import annotations

from collections.abc import Callable

from .catalog import Catalog
from .errors import LLMError, SourceError
from .extract import Extractor
from .fetch import FetchPolicy
from .readers import read_source
from .records import ReadItem
from .report import Failure, IngestReport
from .settings import Settings

Progress = Callable[[str, int, int], None]  # (stage, done, total)


class Reading:
    """Step 1: sources to `ReadItem`s; raw web articles through LLM extraction when configured."""

    NO_MODEL = "no signals were extracted from {n} web article(s), which are searchable as passages only: set SIGNAL_DESK_LLM_MODEL to extract them"

    def __init__(self, settings: Settings, catalog: Catalog, report: IngestReport, extractor: Extractor | None):
        self.settings, self.catalog, self.report = settings, catalog, report
        self.policy = FetchPolicy.from_settings(settings)
        self._extractor = extractor
        self.unextracted = 0

    def extractor(self) -> Extractor | None:
        if self._extractor is None and self.settings.llm_model:
            self._extractor = Extractor.from_settings(self.settings)  # built on first need: a key is needed only now
        return self._extractor

    def all(self, sources: list[str], progress: Progress) -> dict[str, list[ReadItem]]:
        report = self.report
        read: dict[str, list[ReadItem]] = {}
        articles: set[str] = set()
        for done, source in enumerate(sources, start=1):
            try:
                items = read_source(source, self.policy, max_file_bytes=self.settings.max_file_bytes)
            except SourceError as exc:
                report.failures.append(Failure(source=source, reason=str(exc)))
                continue
            finally:
                progress("read", done, len(sources))
            read[source] = [self.extract(source, item) for item in items]
            for item in read[source]:
                articles.add(item.article.id)
                if item.problems:
                    report.failures.append(Failure(source=source, reason="partly read: " + "; ".join(item.problems)))
                report.notes += [f"{source}: {note}" for note in item.notes]
                for record in item.records:
                    report.by_kind[record.kind] += 1
        report.articles = len(articles)
        report.records.read = sum(report.by_kind.values())
        if self.unextracted:
            report.notes.append(self.NO_MODEL.format(n=self.unextracted))
        return read

    def extract(self, source: str, item: ReadItem) -> ReadItem:
        if not item.article.body or item.records:
            return item
        extractor = self.extractor()
        if extractor is None:
            self.unextracted += 1
            return item
        try:
            article, records = extractor.extract(item.article, self.catalog)
        except LLMError as exc:
            self.report.failures.append(
                Failure(source=source, reason=f"signals not extracted (the article is indexed as passages): {exc}")
            )
            return item
        self.report.extracted += len(records)
        return item.model_copy(update={"article": article, "records": records})

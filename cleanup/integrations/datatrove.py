"""datatrove steps: drop documents that cleanup finds broken, and apply its safe fixes.

- :class:`CleanupFilter` drops a document whose score exceeds ``max_score``, or
  that has findings in one of ``drop_categories``; dropped documents go to the
  ``exclusion_writer`` with the reason in ``metadata["filter_reason"]``
  (``cleanup_score`` or ``cleanup_<category>``).
- :class:`CleanupFormatter` applies the safe fixes (unsafe ones too with
  ``unsafe=True``) and records what it applied in ``metadata["cleanup"]``.

Both build one ``Checker`` per worker, on first use, so they run unchanged under
the local, Slurm and Ray executors. A document's source text (for translation
checks) is read from ``metadata[source_key]``, its language from
``metadata[source_lang_key]`` (``ja`` or ``ja-en``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.filters.base_filter import BaseFilter
from datatrove.pipeline.formatters.base import BaseFormatter
from datatrove.pipeline.writers.disk_base import DiskWriter

from cleanup.checker import Checker
from cleanup.document import Document as Text
from cleanup.model import Category, Config, Severity
from cleanup.reports import fix_json
from cleanup.scoring import score_document

__all__ = ["CleanupFilter", "CleanupFormatter"]

_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class _Source:
    """The shared parts: configuration, one lazily built Checker, the source fields."""

    config: Config
    source_key: str | None
    source_lang_key: str | None
    _checker: Checker | None

    @property
    def checker(self) -> Checker:
        if self._checker is None:
            self._checker = Checker(self.config)
        return self._checker

    def source_of(self, doc: Document) -> tuple[str | None, str | None]:
        source = doc.metadata.get(self.source_key) if self.source_key else None
        lang = doc.metadata.get(self.source_lang_key) if self.source_lang_key else None
        return (
            source if isinstance(source, str) and source else None,
            lang.split("-", 1)[0].lower() if isinstance(lang, str) and lang else None,
        )

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_checker": None}  # workers build their own

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)


class CleanupFilter(_Source, BaseFilter):  # type: ignore[misc]
    """Keep documents cleanup finds sound; drop the rest with the reason.

    ``max_score``: drop when ``cleanup.score`` is above it (None: never by score).
    ``drop_categories``: drop when a finding of one of these categories has at least
    ``min_severity``. The score, when computed, is kept in ``metadata["cleanup_score"]``.
    """

    name = "🧹 cleanup filter"

    def __init__(
        self,
        *,
        max_score: float | None = 0.5,
        drop_categories: Iterable[str] = (),
        min_severity: str = "warning",
        config: Config | None = None,
        source_key: str | None = None,
        source_lang_key: str | None = None,
        exclusion_writer: DiskWriter | None = None,
    ) -> None:
        super().__init__(exclusion_writer=exclusion_writer)
        self.max_score = max_score
        self.drop_categories = tuple(Category(c).value for c in drop_categories)
        self.min_rank = _RANK[Severity(min_severity)]
        selected = config or Config()
        self.config = selected
        self.source_key, self.source_lang_key = source_key, source_lang_key
        self._checker = None

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        source, lang = self.source_of(doc)
        checked = Text(doc.text, source=source, source_lang=lang, abbreviations=self.config.abbreviations)
        findings = None
        if self.drop_categories:
            findings = self.checker.check_document(checked)
            found = {f.category.value for f in findings if _RANK[f.severity] >= self.min_rank}
            for category in self.drop_categories:
                if category in found:
                    return False, f"cleanup_{category}"
        if self.max_score is not None:
            value = score_document(checked, findings, checker=self.checker)
            doc.metadata["cleanup_score"] = value
            if value > self.max_score:
                return False, "cleanup_score"
        return True


class CleanupFormatter(_Source, BaseFormatter):  # type: ignore[misc]
    """Apply cleanup's safe fixes (``unsafe=True``: unsafe ones too); record them in ``metadata["cleanup"]``."""

    name = "🧹 cleanup fixes"

    def __init__(
        self,
        *,
        unsafe: bool = False,
        config: Config | None = None,
        source_key: str | None = None,
        source_lang_key: str | None = None,
    ) -> None:
        super().__init__()
        self.unsafe = unsafe
        self.config = config or Config()
        self.source_key, self.source_lang_key = source_key, source_lang_key
        self._checker = None

    def format(self, text: str) -> str:
        return self.checker.fix(text, unsafe=self.unsafe).text

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        for doc in data:
            self.stat_update("total")
            source, lang = self.source_of(doc)
            with self.track_time():
                result = self.checker.fix(doc.text, unsafe=self.unsafe, source=source, source_lang=lang)
            if result.text != doc.text:
                self.stat_update("changed")
            doc.metadata["cleanup"] = fix_json(result)
            doc.text = result.text
            yield doc

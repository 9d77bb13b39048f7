"""The seam for a grammar backend (LanguageTool)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from cleanup.document import Document
from cleanup.model import Config, Finding

__all__ = ["GrammarBackend", "load_backend"]


class GrammarBackend(Protocol):
    """Checks a document's prose and merges its findings with the built-in ones."""

    def check(self, doc: Document) -> list[Finding]: ...

    def merge(self, builtin: Sequence[Finding], grammar: Sequence[Finding]) -> list[Finding]: ...


def load_backend(config: Config) -> GrammarBackend | None:
    """The configured backend, or None (with one notice on stderr) when it cannot run."""
    import sys

    try:
        from cleanup.languagetool import backend_from_config
    except ImportError as e:  # a broken install: say so once, keep the built-in rules
        print(f"cleanup: grammar checking is off: LanguageTool support cannot load ({e})", file=sys.stderr)
        return None
    return backend_from_config(config)

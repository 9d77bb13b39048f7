"""cleanup: find and repair what scraping and machine translation break in articles.

>>> import cleanup
>>> [f.name for f in cleanup.check("It ended.Then it began.")]
['missing-space-after-sentence']
>>> cleanup.fix("It ended.Then it began.").text
'It ended. Then it began.'
"""

from __future__ import annotations

from cleanup.checker import Checker
from cleanup.document import Document, Markup
from cleanup.fixer import ConvergenceError
from cleanup.model import (
    Applicability,
    Category,
    Config,
    Edit,
    Finding,
    Fix,
    FixAvailability,
    FixResult,
    RuleSpec,
    Severity,
)
from cleanup.scoring import document_score, score, sentence_score, sentence_scores

__all__ = [
    "Applicability",
    "Category",
    "Checker",
    "Config",
    "ConvergenceError",
    "Document",
    "Edit",
    "Finding",
    "Fix",
    "FixAvailability",
    "FixResult",
    "Markup",
    "RuleSpec",
    "Severity",
    "check",
    "document_score",
    "fix",
    "score",
    "sentence_score",
    "sentence_scores",
]

__version__ = "0.1.0"


def check(
    text: str,
    *,
    config: Config | None = None,
    markup: Markup = "text",
    source: str | None = None,
    source_lang: str | None = None,
) -> list[Finding]:
    """Findings for one text, sorted by position; ``source`` is the text it was translated from."""
    return Checker(config).check(text, markup=markup, source=source, source_lang=source_lang)


def fix(
    text: str,
    *,
    unsafe: bool = False,
    config: Config | None = None,
    markup: Markup = "text",
    source: str | None = None,
    source_lang: str | None = None,
) -> FixResult:
    """Apply safe fixes (unsafe ones too with ``unsafe=True``) until nothing changes."""
    return Checker(config).fix(text, unsafe=unsafe, markup=markup, source=source, source_lang=source_lang)

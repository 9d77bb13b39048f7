"""Helpers for rule doctests and tests: run one rule on a text."""

from __future__ import annotations

from collections.abc import Mapping

from cleanup.checker import Checker
from cleanup.document import Markup
from cleanup.model import Config, Finding

__all__ = ["findings", "fixed", "flagged"]


def findings(
    code: str,
    text: str,
    markup: Markup = "text",
    *,
    source: str | None = None,
    source_lang: str | None = None,
    options: Mapping[str, object] | None = None,
) -> list[Finding]:
    """The findings of the rule ``code`` alone on ``text`` (translated from ``source``, when given)."""
    config = Config(select=(code,), options={code: options} if options else {})
    return Checker(config).check(text, markup=markup, source=source, source_lang=source_lang)


def flagged(
    code: str, text: str, markup: Markup = "text", *, source: str | None = None, source_lang: str | None = None
) -> list[str]:
    """The flagged substrings of the rule ``code`` on ``text``.

    >>> flagged("SP001", "in Ukraine.Biden said")
    ['.']
    """
    return [text[f.start : f.end] for f in findings(code, text, markup, source=source, source_lang=source_lang)]


def fixed(
    code: str,
    text: str,
    markup: Markup = "text",
    *,
    source: str | None = None,
    source_lang: str | None = None,
    options: Mapping[str, object] | None = None,
) -> str:
    """``text`` after the rule ``code``'s fixes, unsafe ones included, to a fixed point.

    >>> fixed("SP001", "in Ukraine.Biden said")
    'in Ukraine. Biden said'
    """
    checker = Checker(Config(select=(code,), unsafe_fixes=True, options={code: options} if options else {}))
    return checker.fix(text, markup=markup, source=source, source_lang=source_lang).text

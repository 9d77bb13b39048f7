"""Helpers for rule doctests and tests: run one rule on a text."""

from __future__ import annotations

from collections.abc import Mapping

from cleanup.checker import Checker
from cleanup.document import Markup
from cleanup.model import Config, Finding

__all__ = ["findings", "fixed", "flagged"]


def findings(
    code: str, text: str, markup: Markup = "text", options: Mapping[str, object] | None = None
) -> list[Finding]:
    """The findings of the rule ``code`` alone on ``text`` (with the rule's ``options``)."""
    return Checker(Config(select=(code,), options={code: options or {}})).check(text, markup=markup)


def flagged(code: str, text: str, markup: Markup = "text") -> list[str]:
    """The flagged substrings of the rule ``code`` on ``text``.

    >>> flagged("SP001", "in Ukraine.Biden said")
    ['.']
    """
    return [text[f.start : f.end] for f in findings(code, text, markup)]


def fixed(code: str, text: str, markup: Markup = "text", options: Mapping[str, object] | None = None) -> str:
    """``text`` after the rule ``code``'s fixes, unsafe ones included, to a fixed point.

    >>> fixed("SP001", "in Ukraine.Biden said")
    'in Ukraine. Biden said'
    """
    config = Config(select=(code,), unsafe_fixes=True, options={code: options or {}})
    return Checker(config).fix(text, markup=markup).text

"""Runs of capitalised words (``Joe Biden``, ``Said In``) and how often the document capitalises each word."""

from __future__ import annotations

from collections import Counter

import regex

from cleanup.document import Document

__all__ = ["capital_counts", "capital_runs"]

# A whole word with a capital first letter and the rest lower case.
_CAPITALISED = (
    r"\p{Lu}(?<![\p{L}\p{M}]\p{Lu}|[\p{L}\p{M}]['’\-]\p{Lu})"  # starts a word
    r"\p{Ll}*+(?:['’\-]\p{Ll}++)*+(?![\p{L}\p{M}]|['’\-]\p{L})"  # and ends it
)
# Capitalised words separated only by spaces (or blanked markup): "Joe Biden", "Said In", "The".
_CAPITAL_RUN = regex.compile(rf"{_CAPITALISED}(?:[ \t]{{1,400}}+{_CAPITALISED})*+")


def capital_runs(doc: Document) -> list[tuple[int, str]]:
    """``(offset, text)`` of every run of capitalised words, in text order.

    >>> capital_runs(Document("Joe Biden Said In April that the iPhone sold."))
    [(0, 'Joe Biden Said In April')]
    """
    return doc.memo(_capital_runs)


def _capital_runs(doc: Document) -> list[tuple[int, str]]:
    return [(m.start(), m[0]) for m in _CAPITAL_RUN.finditer(doc.masked)]


def capital_counts(doc: Document) -> Counter[str]:
    """How often the document writes each capitalised word.

    >>> capital_counts(Document("Ecobee said. Then Ecobee left."))["Ecobee"]
    2
    """
    return doc.memo(_capital_counts)


def _capital_counts(doc: Document) -> Counter[str]:
    return Counter(" ".join([r for _, r in capital_runs(doc)]).split())

"""The document's own conventions: what it does consistently is its house style, not a defect.

A rule compares a suspicious spot with the rest of the same document before it fires: straight
or curly quotation marks, an ellipsis written without spaces throughout (``crisis...only``), a
brand the document always writes in lower case (``ecobee``). Titles of works and headlines in
title case are in :mod:`cleanup.analysis.capitals`.
"""

from __future__ import annotations

import re
from collections import Counter

from cleanup.analysis.capitals import capital_counts
from cleanup.analysis.lexicon import zipf
from cleanup.analysis.quotations import quotations
from cleanup.caching import cached_property
from cleanup.document import Document

__all__ = ["Conventions", "always_lowercase", "conventions"]

_GLUED_ELLIPSIS = re.compile(r"(?<=[^\W\d_])(?:…|\.\.\.)(?=[^\W_])")
_ELLIPSIS = re.compile(r"…|\.\.\.")


class Conventions:
    """The house style a document follows; each convention is measured on first use."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc

    @cached_property
    def quote_style(self) -> str | None:
        """The style of at least 80% of its double quotation marks (curly, straight, …), or None."""
        marks = quotations(self.doc).marks
        if not marks:
            return None
        top, n = Counter(m.style for m in marks).most_common(1)[0]
        return top if n >= 0.8 * len(marks) else None

    @cached_property
    def punctuation_outside(self) -> bool:
        """Full stops and commas stand after closing marks more often than before them (British style)."""
        text = self.doc.masked
        closing = [m for m in quotations(self.doc).marks if not m.opening]
        inside = sum(text[m.start - 1 : m.start] in (".", ",") for m in closing)
        return sum(text[m.end : m.end + 1] in (".", ",") for m in closing) > inside

    @cached_property
    def unspaced_ellipsis(self) -> bool:
        """At least two ellipses glued to the words on both sides, and most of its ellipses so."""
        text = self.doc.masked
        glued = len(_GLUED_ELLIPSIS.findall(text))
        return glued >= 2 and 2 * glued > len(_ELLIPSIS.findall(text))

    @cached_property
    def lenticular_brackets(self) -> bool:
        """Lenticular brackets (``【Official】``) used in matched pairs, at least twice."""
        text = self.doc.masked
        opened = text.count("【")
        return opened >= 2 and text.count("】") == opened


def conventions(doc: Document) -> Conventions:
    """The document's conventions, each measured once.

    >>> c = conventions(Document('It was "crucial". He paused...then left. They waited...and waited.'))
    >>> c.quote_style, c.punctuation_outside, c.unspaced_ellipsis, c.lenticular_brackets
    ('straight', True, True, False)
    """
    return doc.memo(Conventions)


def always_lowercase(doc: Document, word: str) -> bool:
    """True for a rare word the document never capitalises: a lower-case brand (``ecobee``, ``my6sense``).

    >>> doc = Document("ecobee redesigned its thermostat. ecobee said so.")
    >>> always_lowercase(doc, "ecobee"), always_lowercase(doc, "war")
    (True, False)
    """
    if not word[:1].islower():
        return False
    if zipf(word) >= 2.5 and not any(c.isdigit() for c in word):
        return False
    return capital_counts(doc)[word[:1].upper() + word[1:]] == 0

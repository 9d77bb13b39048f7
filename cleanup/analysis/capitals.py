"""Capitalised words: runs (``Ana Morales``, ``Said In``), how often the document capitalises each
word, titles of works and headlines in title case, and capitalised function words between
lower-case words (``fraud A long record``)."""

from __future__ import annotations

import bisect
import re
from collections import Counter

import regex

from cleanup.analysis.lexicon import lexicon
from cleanup.analysis.tokens import WORD, Tokens
from cleanup.document import Document

__all__ = [
    "capital_counts",
    "capital_runs",
    "in_title",
    "stray_capitals",
    "title_case_sentence",
    "title_spans",
]

# A whole word with a capital first letter and the rest lower case.
_CAPITALISED = (
    r"\p{Lu}(?<![\p{L}\p{M}]\p{Lu}|[\p{L}\p{M}]['’\-]\p{Lu})"  # starts a word
    r"\p{Ll}*+(?:['’\-]\p{Ll}++)*+(?![\p{L}\p{M}]|['’\-]\p{L})"  # and ends it
)
# Capitalised words separated only by spaces (or blanked markup): "Ana Morales", "Said In", "The".
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


_TITLE_WORDS = frozenset(
    ["a", "an", "the", "of", "and", "or", "nor", "but", "in", "on", "at", "to", "for", "with", "from", "by", "as",
     "into", "about", "over", "under", "upon", "without", "is", "are", "be", "it", "its", "my", "his", "her", "our"]
)  # fmt: skip
_CAP = r"[^\W\d_a-z][\w'’-]*"
_SMALL = "|".join(sorted(_TITLE_WORDS, key=len, reverse=True))
# Capitalised words with the small words of titles between them: "Not the End of the World".
_TITLE = re.compile(rf"(?<![\w'’-]){_CAP}(?:(?: (?:{_SMALL}))* {_CAP})+")


def title_spans(doc: Document, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of each title of a work in title case in ``[start, end)``: capitalised words
    joined by the small words titles keep in lower case, with at least one such small word.

    >>> doc = Document("Her memoir Not the End of the World sold; the film, Beyond the Sea, is new. 3.4% In the US.")
    >>> [doc.text[a:b] for a, b in title_spans(doc)]
    ['Not the End of the World', 'Beyond the Sea']
    """
    text = doc.masked
    return [
        m.span() for m in _TITLE.finditer(text, start, len(text) if end is None else end) if _is_title(m[0].split(" "))
    ]


def _is_title(words: list[str]) -> bool:
    """A small word inside, and at least two words in title case (an acronym is not: ``In the US``)."""
    titled = sum(1 for w in words if w[:1].isupper() and not w.isupper())
    return titled >= 2 and any(w[:1].islower() for w in words) and not words[-1].isupper()


_REACH = 200  # characters: no title of a work is longer


def in_title(doc: Document, offset: int) -> bool:
    """True when ``offset`` lies in a title of a work in title case, or in a headline-style sentence.

    Only the text around ``offset`` is read, and only when a rule asks.
    """
    block = doc.block_at(offset)
    lo, hi = (block.start, block.end) if block else (0, len(doc.text))
    if any(a <= offset < b for a, b in title_spans(doc, max(lo, offset - _REACH), min(hi, offset + _REACH))):
        return True
    k = bisect.bisect_right(doc.sentence_starts, offset) - 1
    return k >= 0 and title_case_sentence(doc, k)


def title_case_sentence(doc: Document, k: int) -> bool:
    """True for sentence ``k`` written in title case, as headlines and product names are: at least
    four words that are not small title words, all capitalised (one may not be, in eight or more).

    >>> doc = Document("Stainless Hose Clamps, Silver. Delegates of the International Rowing Federation arrived.")
    >>> title_case_sentence(doc, 0), title_case_sentence(doc, 1)
    (True, False)
    """
    known = doc.memo(_title_case_known)
    if k not in known:
        s = doc.sentences[k]
        big = [w for w in WORD.findall(doc.masked, s.start, s.end) if w.lower() not in _TITLE_WORDS and w[0].isalpha()]
        lower = sum(not w[0].isupper() for w in big)
        known[k] = len(big) >= 4 and (lower == 0 or (lower == 1 and len(big) >= 8))
    return known[k]


def _title_case_known(doc: Document) -> dict[int, bool]:
    return {}  # filled sentence by sentence: most sentences are never asked about


def stray_capitals(toks: Tokens, words: range) -> list[int]:
    """Indices among ``words`` of capitalised function words between two lower-case words.

    >>> from cleanup.analysis.tokens import tokens
    >>> t = tokens(Document("crimes A long list, an adaptation of Into the Woods"))
    >>> stray_capitals(t, range(len(t)))
    [1]
    """
    lex = lexicon()
    texts, text = toks.texts, toks.doc.masked
    out = []
    for i in range(words.start + 1, words.stop - 1):
        word = texts[i]
        if not word[:1].isupper() or word.lower() not in lex.stray_capitals or (len(word) > 1 and word.isupper()):
            continue
        gap = text[toks.ends[i - 1] : toks.starts[i]]
        if not (texts[i - 1][:1].islower() and texts[i + 1][:1].islower() and not gap.strip()):
            continue
        if not in_title(toks.doc, toks.starts[i]):  # "an adaptation of Into the Woods at Night"
            out.append(i)
    return out

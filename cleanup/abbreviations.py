"""Abbreviations that end in a period without ending a sentence.

The lists are data (``rules/data/abbreviations.toml``): titles (``Dr.``), other abbreviations
(``Inc.``, ``e.g.``) and units of measure (``tsp.``, ``oz.``, ``cu. ft.``), plus a user's own
(``abbreviations`` in ``[tool.cleanup]``). A document also teaches its own: a short word the
document writes with a period before a lower-case word at least twice, and never before a
capital, is one of its abbreviations (``all ID. models`` … ``the ID. family``).
Sentence segmentation and protected spans read the same lists.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

import regex

from cleanup.datafiles import load_toml

__all__ = ["Abbreviations", "abbreviations", "is_abbreviation_before", "learned_abbreviations"]


@dataclass(frozen=True, slots=True)
class Abbreviations:
    """Lower-case abbreviations without their final period."""

    titles: frozenset[str]
    words: frozenset[str]  # titles included
    units: frozenset[str]


def _split(key: str) -> frozenset[str]:
    value = load_toml("abbreviations.toml")[key]
    assert isinstance(value, str)
    return frozenset(value.split())


@cache
def abbreviations(extra: tuple[str, ...] = ()) -> Abbreviations:
    """The shipped lists, plus ``extra`` (a user's own, with or without the final period).

    >>> a = abbreviations(("Bldg.",))
    >>> "dr" in a.titles, "bldg" in a.words, "tsp" in a.units
    (True, True, True)
    """
    titles = _split("titles")
    user = frozenset(w.lower().rstrip(".") for w in extra if w.strip(". "))
    return Abbreviations(titles, titles | _split("abbreviations") | user, _split("units"))


_LONGEST = 24  # no abbreviation or dotted acronym is longer; a longer word never is one
_NUMBER_BEFORE = re.compile(r"\d[\d.,/ ]*$")
# Read backwards from the end position (``(?r)``): the letters and periods, or the letters, before it.
_LETTERS_AND_DOTS_BEFORE = regex.compile(r"(?r)[\p{L}.]*+")
_LETTERS_BEFORE = regex.compile(r"(?r)\p{L}*+")


def is_abbreviation_before(
    text: str, dot: int, known: Abbreviations | None = None, learned: frozenset[str] = frozenset()
) -> bool:
    """True when the period at ``text[dot]`` closes an abbreviation, an initial or a unit.

    >>> is_abbreviation_before("see Dr. Smith", 6)
    True
    >>> is_abbreviation_before("in the U.S. Army", 10)
    True
    >>> is_abbreviation_before("in Ukraine. Biden", 10)
    False
    >>> t = "Add 1 tsp. olive oil and 21.7 cu. ft. of space. Stir 4 oz. Then serve."
    >>> [t[i - 3 : i + 1].strip() for i, c in enumerate(t) if c == "." and is_abbreviation_before(t, i)]
    ['tsp.', 'cu.', 'ft.']
    """
    known = known or abbreviations()
    floor = max(0, dot - _LONGEST)  # bounded: a run of "ab.Cd" repeated costs O(1) per dot
    start = _LETTERS_AND_DOTS_BEFORE.match(text, floor, dot).start()  # type: ignore[union-attr]
    word = text[start:dot].lower()
    if not word or (start == floor and start > 0 and (text[start - 1].isalpha() or text[start - 1] == ".")):
        return False
    if word in known.words or word in learned:
        return True
    if len(word) == 1 and text[start].isupper():
        return True  # an initial: "J. Smith"
    parts = word.split(".")
    if known.units.issuperset(parts):
        return _unit(text, start, dot, known)
    # dotted acronyms such as "U.S" or "a.m" (the final dot is ``dot``)
    return len(parts) >= 2 and all(len(p) == 1 for p in parts)


def _unit(text: str, start: int, dot: int, known: Abbreviations) -> bool:
    """A unit after a number (or after another unit) with no capital after it."""
    after = dot + 1
    while after < len(text) and text[after] in " \t":
        after += 1
    if after < len(text) and text[after].isupper():
        return False
    before = text[max(0, start - 12) : start]
    if _NUMBER_BEFORE.search(before):
        return True
    previous = before.rstrip(" ").rstrip(".").rsplit(" ", 1)[-1].lower()
    return previous in known.units and before.rstrip(" ").endswith(".")


_PERIOD_THEN = re.compile(r"\. +(?=[^\W\d_])")


def learned_abbreviations(text: str, known: Abbreviations | None = None) -> frozenset[str]:
    """Short words the text writes with a period before a lower-case word at least twice, never
    before a capital, that are not common lower-case words (``ID.``, ``Bldg.``).

    >>> sorted(learned_abbreviations("All ID. models and the ID. family. He left. then he left. then"))
    ['id']
    """
    known = known or abbreviations()
    lower: Counter[str] = Counter()
    upper: Counter[str] = Counter()
    for m in _PERIOD_THEN.finditer(text):  # a literal ". " anchors the scan; the word is read back
        at = m.start()
        start = _LETTERS_BEFORE.match(text, max(0, at - 6), at).start()  # type: ignore[union-attr]
        if start == at or at - start > 5 or (start > 0 and text[start - 1].isalpha()):
            continue
        (upper if text[m.end()].isupper() else lower)[text[start:at]] += 1
    return frozenset(
        w.lower()
        for w, n in lower.items()
        if n >= 2 and not upper[w] and not w.islower() and w.lower() not in known.words
    )

"""Word classes from a lexicon: can this word be a verb, a noun, an adjective?

The classes come from lemminflect's lookup table (the SPECIALIST lexicon, shipped in its wheel:
nothing is downloaded). A word form maps to the universal parts of speech it has a lemma for:
``stalled`` is a verb only, ``talks`` a noun or a verb, ``recession`` a noun only, ``sharp`` an
adjective, an adverb or a noun. Only the table is read, never the package's guessing model for
unknown words, so a word the lexicon does not know has no class (``frozenset()``), and without
the package every answer is ``None``.

    >>> classes("stalled") in (frozenset({"VERB"}), None)
    True
    >>> classes("Recession") in (frozenset({"NOUN"}), None)
    True
"""

from __future__ import annotations

import importlib.util
from functools import cache, lru_cache
from typing import Protocol

__all__ = ["available", "classes", "only"]


class _Lemmatizer(Protocol):
    def getAllLemmas(self, word: str, upos: str | None = None) -> dict[str, tuple[str, ...]]: ...  # noqa: N802


def available() -> bool:
    """True when lemminflect is installed (checked without importing it)."""
    return importlib.util.find_spec("lemminflect") is not None


@cache
def _lemmatizer() -> _Lemmatizer | None:
    if not available():
        return None
    try:
        from lemminflect import Lemmatizer  # type: ignore[import-untyped]
    except ImportError:
        return None
    lemmatizer: _Lemmatizer = Lemmatizer()
    return lemmatizer


@lru_cache(maxsize=65536)
def classes(word: str) -> frozenset[str] | None:
    """The universal parts of speech the lexicon lists for ``word`` in lower case (``VERB``,
    ``NOUN``, ``ADJ``, ``ADV``, ``AUX``, ``PROPN``); empty when it does not know the word,
    ``None`` without lemminflect.

    >>> classes("talks") in (frozenset({"NOUN", "VERB"}), None), classes("Zzqx") in (frozenset(), None)
    (True, True)
    """
    lemmatizer = _lemmatizer()
    if lemmatizer is None:
        return None
    try:
        return frozenset(lemmatizer.getAllLemmas(word.lower()))
    except Exception:  # a malformed word never stops a check
        return frozenset()


def only(word: str, *kinds: str) -> bool:
    """True when the lexicon knows ``word`` and lists it under ``kinds`` and no other class.

    >>> only("stalled", "VERB") in (True, False), only("talks", "VERB")
    (True, False)
    """
    found = classes(word)
    return bool(found) and found is not None and found <= set(kinds)

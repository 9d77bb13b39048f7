"""Word classes from a lexicon: can this word be a verb, a noun, an adjective?

The classes come from lemminflect's lookup table (the SPECIALIST lexicon, shipped in its wheel:
nothing is downloaded). A word form maps to the universal parts of speech it has a lemma for:
``stalled`` is a verb only, ``talks`` a noun or a verb, ``recession`` a noun only, ``sharp`` an
adjective, an adverb or a noun. Only the table is read, never the package's guessing model for
unknown words, so a word the lexicon does not know has no class (``frozenset()``), and without
the package every answer is ``None``. The table is read from the installed package's files, without
importing it (which would load numpy for the model this module never uses).

    >>> classes("stalled") in (frozenset({"VERB"}), None)
    True
    >>> classes("Recession") in (frozenset({"NOUN"}), None)
    True
"""

from __future__ import annotations

import gzip
import importlib.util
from bisect import bisect_left
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

__all__ = ["available", "classes", "only"]


_KNOWN = frozenset(["ADJ", "ADV", "AUX", "NOUN", "VERB"])


def available() -> bool:
    """True when lemminflect is installed (checked without importing it)."""
    return importlib.util.find_spec("lemminflect") is not None


class _Table(NamedTuple):
    """lemminflect's lookup table as its sorted lines (``form,upos,lemma``), searched by
    bisection for the words asked for, and its few overrides as a dict (form -> `` NOUN VERB``)."""

    lines: list[str]
    overrides: dict[str, str]


@cache
def _table() -> _Table | None:
    """lemminflect's lookup table and its overrides, read straight from the installed package
    (≈15 ms: the lines are only split and sorted, never parsed; a word's lines are parsed when a
    rule asks for that word). Importing lemminflect itself would also load numpy for its
    guessing model, which is never used here.
    """
    spec = importlib.util.find_spec("lemminflect")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "resources"
    try:
        lines = gzip.decompress((folder / "lemma_lu.csv.gz").read_bytes()).decode("utf-8").splitlines()
        extra = (folder / "lemma_overrides.csv").read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    lines.sort()  # nearly sorted already: linear; the lines of one form are then contiguous
    overrides: dict[str, str] = {}
    for line in extra:
        form, upos, _ = line.split(",", 2) if line.count(",") >= 2 else ("#", "", "")
        if form[:1] != "#":
            overrides[form] = f"{overrides.get(form, '')} {upos.upper()}"  # "stalled" -> " VERB"
    return _Table(lines, overrides)


@lru_cache(maxsize=65536)
def classes(word: str) -> frozenset[str] | None:
    """The universal parts of speech the lexicon lists for ``word`` in lower case (``VERB``,
    ``NOUN``, ``ADJ``, ``ADV``, ``AUX``); empty when it does not know the word, ``None`` without
    lemminflect.

    >>> classes("talks") in (frozenset({"NOUN", "VERB"}), None), classes("Zzqx") in (frozenset(), None)
    (True, True)
    """
    table = _table()
    if table is None:
        return None
    form = word.lower()
    found = table.overrides.get(form, "")
    if form[:1] != "#" and "," not in form:  # no line holds such a form (a comment, or a field)
        lines, prefix = table.lines, form + ","
        i = bisect_left(lines, prefix)
        while i < len(lines) and lines[i].startswith(prefix):
            fields = lines[i].split(",", 2)
            if len(fields) == 3:
                found += f" {fields[1].upper()}"
            i += 1
    return frozenset(found.split()) & _KNOWN


def only(word: str, *kinds: str) -> bool:
    """True when the lexicon knows ``word`` and lists it under ``kinds`` and no other class.

    >>> only("stalled", "VERB") in (True, False), only("talks", "VERB")
    (True, False)
    """
    found = classes(word)
    return bool(found) and found is not None and found <= set(kinds)

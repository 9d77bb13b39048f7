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
from functools import cache, lru_cache
from pathlib import Path

__all__ = ["available", "classes", "only"]


_KNOWN = frozenset(["ADJ", "ADV", "AUX", "NOUN", "VERB"])


def available() -> bool:
    """True when lemminflect is installed (checked without importing it)."""
    return importlib.util.find_spec("lemminflect") is not None


@cache
def _table() -> dict[str, str] | None:
    """Word form -> its parts of speech (a string: `` NOUN VERB``), from lemminflect's lookup table
    and its overrides.

    The two files are read straight from the installed package (≈0.1 s); importing lemminflect
    itself would also load numpy for its guessing model, which is never used here.
    """
    spec = importlib.util.find_spec("lemminflect")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "resources"
    found: dict[str, str] = {}
    try:
        with gzip.open(folder / "lemma_lu.csv.gz", "rt", encoding="utf-8") as f:
            lines = f.read().splitlines()
        lines += (folder / "lemma_overrides.csv").read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    get = found.get
    for line in lines:
        form, upos, _ = line.split(",", 2) if line.count(",") >= 2 else ("#", "", "")
        if form[:1] != "#":
            found[form] = f"{get(form, '')} {upos.upper()}"  # "stalled" -> " VERB"
    return found


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
    return frozenset(table.get(word.lower(), "").split()) & _KNOWN


def only(word: str, *kinds: str) -> bool:
    """True when the lexicon knows ``word`` and lists it under ``kinds`` and no other class.

    >>> only("stalled", "VERB") in (True, False), only("talks", "VERB")
    (True, False)
    """
    found = classes(word)
    return bool(found) and found is not None and found <= set(kinds)

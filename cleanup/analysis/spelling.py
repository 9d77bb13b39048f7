"""A spelling lexicon: hunspell's en_US dictionary, read with spylls, when it is installed.

The dictionary tells a word that English writes in lower case (``amnesty``) from one it only
writes capitalised (``Colombia``) and from one it does not know at all (``Velmora``, ``Velbora``).
It comes from the system (Debian's ``hunspell-en-us``, or the folder named by the
``CLEANUP_HUNSPELL`` environment variable, holding ``en_US.dic`` and ``en_US.aff``). Without it every
answer is ``None`` and the rules fall back on word frequency alone; ``status()`` says which.

    >>> status().startswith(("hunspell en_US", "no hunspell"))
    True
"""

from __future__ import annotations

import importlib.util
import os
from functools import cache, lru_cache
from pathlib import Path
from typing import Protocol

__all__ = ["available", "knows", "lowercase_word", "name_entry", "status", "stem_flags"]

_FOLDERS = ("/usr/share/hunspell", "/usr/share/myspell", "/usr/share/myspell/dicts")


class _Lookup(Protocol):
    def lookup(self, word: str) -> bool: ...


def _path() -> Path | None:
    folders = [os.environ["CLEANUP_HUNSPELL"]] if os.environ.get("CLEANUP_HUNSPELL") else list(_FOLDERS)
    for folder in folders:
        base = Path(folder) / "en_US"
        if base.with_suffix(".dic").is_file() and base.with_suffix(".aff").is_file():
            return base
    return None


@cache
def _dictionary() -> _Lookup | None:
    base = _path()
    if base is None:
        return None
    try:
        from spylls.hunspell import Dictionary
    except ImportError:
        return None
    dictionary: _Lookup = Dictionary.from_files(str(base))
    return dictionary


def available() -> bool:
    """True when the dictionary is installed and spylls can read it (checked without loading it)."""
    return _path() is not None and importlib.util.find_spec("spylls") is not None


def status() -> str:
    """One line saying where the lexicon comes from, or why there is none."""
    base = _path()
    if base is None:
        return "no hunspell en_US dictionary (install hunspell-en-us): names are judged by word frequency alone"
    if not available():
        return "no spylls to read the hunspell dictionary: names are judged by word frequency alone"
    return f"hunspell en_US from {base.parent}"


@lru_cache(maxsize=65536)
def knows(word: str) -> bool | None:
    """True when the dictionary accepts ``word`` as written (``None`` without a dictionary).

    >>> knows("acquired") in (True, None), knows("Velbora") in (False, None)
    (True, True)
    """
    dictionary = _dictionary()
    if dictionary is None:
        return None
    try:
        return bool(dictionary.lookup(word))
    except Exception:  # a malformed word never stops a check
        return False


def lowercase_word(word: str) -> bool | None:
    """True when English writes ``word`` in lower case: a common word, not only a name.

    >>> lowercase_word("Amnesty") in (True, None), lowercase_word("Colombia") in (False, None)
    (True, True)
    """
    return knows(word.lower())


def name_entry(word: str) -> bool | None:
    """True when the dictionary lists ``word`` (or its stem without a plural ``s``) with a capital:
    a name or brand that is also a common word (``Apple``, ``Senate``), as against a word English
    writes only in lower case (``historic``, ``jar``). ``None`` without a dictionary.

    >>> name_entry("Apples") in (True, None), name_entry("Historic") in (False, None)
    (True, True)
    """
    stems = _name_stems()
    if stems is None:
        return None
    low = word.lower()
    return low in stems or (low.endswith("s") and low[:-1] in stems)


@cache
def _name_stems() -> frozenset[str] | None:
    """The lower-case forms of the dictionary's capitalised stems (read once, ≈20 ms)."""
    dictionary = _dictionary()
    words = getattr(getattr(dictionary, "dic", None), "words", None)
    if words is None:
        return None
    return frozenset(w.stem.lower() for w in words if w.stem[:1].isupper())


@lru_cache(maxsize=65536)
def stem_flags(word: str) -> frozenset[str] | None:
    """The affix flags of the dictionary's lower-case entry for ``word`` (``None`` when it lists no
    such stem, or without a dictionary). In en_US, ``M`` (possessive) marks a noun, ``D`` and ``G``
    (-ed, -ing) a verb, and no flag at all mostly an adjective or adverb.

    >>> stem_flags("jar") in ({"S", "M"}, None), stem_flags("historic") in (frozenset(), None)
    (True, True)
    """
    dictionary = _dictionary()
    dic = getattr(dictionary, "dic", None)
    if dic is None:
        return None
    entries = [w for w in dic.homonyms(word.lower()) if w.stem.islower()]
    return frozenset().union(*(w.flags for w in entries)) if entries else None

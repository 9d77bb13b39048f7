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
from collections import defaultdict
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Protocol, TypeGuard

from cleanup.caching import bulk_build, file_key, read_cache, write_cache

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
        import spylls.hunspell  # noqa: F401 - only to know it is there
    except ImportError:
        return None
    with bulk_build():
        return _load(base)


def _load(base: Path) -> _Lookup:
    """The dictionary at ``base``, from the cache when a valid one is there (≈30 ms), else read by
    spylls (≈0.3 s) and cached. Both answer alike: the cache holds the entries exactly as spylls
    read them, and spylls's own lookup runs over them."""
    from spylls.hunspell import readers
    from spylls.hunspell.data.aff import RepPattern
    from spylls.hunspell.readers.file_reader import FileReader

    aff, context = readers.read_aff(FileReader(str(base) + ".aff"))  # small (≈3 ms): always read
    key = _cache_key(base)
    cached = read_cache(key) if key else None
    if not _valid(cached):
        rep = len(aff.REP)
        dic = readers.read_dic(FileReader(str(base) + ".dic", encoding=context.encoding), aff=aff, context=context)
        cached = _compact(dic, [(p.pattern, p.replacement) for p in aff.REP[rep:]])
        if key:
            write_cache(key, cached)
        return _Hunspell(aff, dic, cached["names"])
    aff.REP.extend(RepPattern(fro, to) for fro, to in cached["rep"])  # what reading the .dic adds
    return _Hunspell(aff, _cached_dic_class()(cached), cached["names"])


def _cache_key(base: Path) -> str | None:
    import spylls.hunspell.readers.dic as reader  # a new spylls (its reader) is a new key

    try:
        return file_key("hunspell", base.with_suffix(".dic"), base.with_suffix(".aff"), str(reader.__file__))
    except OSError:
        return None


def _valid(cached: object) -> TypeGuard[dict[str, Any]]:
    return isinstance(cached, dict) and set(cached) == {"words", "extra", "index", "lower", "names", "rep"}


def _compact(dic: Any, rep: list[tuple[str, str]]) -> dict[str, Any]:
    """spylls's ``Dic`` as plain data, quick to read: each entry once, as one string (stem, flags,
    capitalisation), its rare data tags apart, and the two indexes as entry numbers."""
    number = {id(w): n for n, w in enumerate(dic.words)}

    def numbers(words: list[Any]) -> int | tuple[int, ...]:
        return number[id(words[0])] if len(words) == 1 else tuple(map(number.__getitem__, map(id, words)))

    return {
        "words": [_SEP.join([w.stem, _FLAG_SEP.join(sorted(w.flags)), str(w.captype.value)]) for w in dic.words],
        "extra": {
            n: (dict(w.data), isinstance(w.data, defaultdict), list(w.alt_spellings))
            for n, w in enumerate(dic.words)
            if w.data or w.alt_spellings or not isinstance(w.data, dict)
        },
        "index": {stem: numbers(ws) for stem, ws in dic.index.items()},
        "lower": {stem: numbers(ws) for stem, ws in dic.lowercase_index.items()},
        "names": sorted({w.stem.lower() for w in dic.words if w.stem[:1].isupper()}),
        "rep": rep,
    }


_SEP, _FLAG_SEP = "\x00", "\x01"


class _Hunspell:
    """spylls's ``Dictionary`` without its suggester (never used here; it lists every entry)."""

    def __init__(self, aff: Any, dic: Any, names: list[str]) -> None:
        from spylls.hunspell.algo.lookup import Lookup

        self.aff, self.dic, self.names = aff, dic, frozenset(names)
        self.lookuper = Lookup(aff, dic)

    def lookup(self, word: str) -> bool:
        return bool(self.lookuper(word))


@cache
def _cached_dic_class() -> type:
    from spylls.hunspell.algo.capitalization import Type as CapType
    from spylls.hunspell.data.dic import Dic, Word

    class CachedDic(Dic):  # type: ignore[misc]
        """spylls's ``Dic`` built from the cache: an entry becomes a ``Word`` when a lookup first
        asks for its stem (as the reader builds it: one object shared by both indexes)."""

        def __init__(self, cached: dict[str, Any]) -> None:
            self._cached = cached
            self._made: dict[int, Word] = {}

        def _word(self, n: int) -> Word:
            word = self._made.get(n)
            if word is None:
                stem, flags, captype = self._cached["words"][n].split(_SEP)
                data, default, alt = self._cached["extra"].get(n, ({}, False, []))
                tags = defaultdict(list, data) if default else data  # as the reader left it
                word = self._made[n] = Word(stem=stem, flags=set(flags.split(_FLAG_SEP)) if flags else set(),
                                            data=tags, alt_spellings=alt, captype=CapType(int(captype)))  # fmt: skip
            return word

        def homonyms(self, stem: str, *, ignorecase: bool = False) -> list[Word]:
            numbers = self._cached["lower" if ignorecase else "index"].get(stem, ())
            return [self._word(numbers)] if isinstance(numbers, int) else [self._word(n) for n in numbers]

        @property
        def words(self) -> list[Word]:
            return [self._word(n) for n in range(len(self._cached["words"]))]

    return CachedDic


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
    """The lower-case forms of the dictionary's capitalised stems (built with the dictionary)."""
    dictionary = _dictionary()
    return dictionary.names if isinstance(dictionary, _Hunspell) else None


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

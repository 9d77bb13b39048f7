"""The hunspell dictionary cached on disk: the same answers as spylls, never required, safe to lose."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup import caching
from cleanup.analysis import spelling

from . import requires

# An invented dictionary: a noun with a plural, a verb with -ed and -ing, a name, a prefix.
AFF = """SET UTF-8
ICONV 1
ICONV ’ '
PFX A Y 1
PFX A 0 re .
SFX S Y 2
SFX S 0 s [^sy]
SFX S y ies y
SFX D Y 1
SFX D 0 ed [^e]
SFX G Y 1
SFX G 0 ing [^e]
"""
DIC = """5
plonk/SDG
brindy/S
Zarvel/S
tomble/A
McFrob
"""


def _clear() -> None:
    spelling._dictionary.cache_clear()
    spelling._name_stems.cache_clear()
    spelling.knows.cache_clear()
    spelling.stem_flags.cache_clear()


@pytest.fixture
def small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The invented dictionary in ``tmp_path/dict``, the cache in ``tmp_path/cache``."""
    folder = tmp_path / "dict"
    folder.mkdir()
    (folder / "en_US.aff").write_text(AFF, encoding="utf-8")
    (folder / "en_US.dic").write_text(DIC, encoding="utf-8")
    monkeypatch.setenv("CLEANUP_HUNSPELL", str(folder))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    _clear()
    yield folder
    _clear()


def _cache_files(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "cache" / "cleanup"
    return sorted(folder.iterdir()) if folder.exists() else []


WORDS = ["plonk", "plonks", "plonked", "plonking", "brindies", "brindys", "Zarvel", "zarvel", "Zarvels",
         "retomble", "tombles", "PLONKED", "Plonk", "McFrob", "MCFROB", "mcfrob", "plonk-brindy", "12.5",
         "plonk’s", "nope", ""]  # fmt: skip


def _answers() -> list[Any]:
    _clear()
    return [(spelling.knows(w), spelling.name_entry(w), spelling.stem_flags(w)) for w in WORDS]


def _reference() -> list[Any]:
    """spylls's own answers, read from the files without any cache."""
    from spylls.hunspell import Dictionary

    base = spelling._path()
    assert base is not None
    d = Dictionary.from_files(str(base))
    names = {w.stem.lower() for w in d.dic.words if w.stem[:1].isupper()}
    out = []
    for w in WORDS:
        low = w.lower()
        entries = [x for x in d.dic.homonyms(low) if x.stem.islower()]
        out.append((bool(d.lookup(w)), low in names or (low.endswith("s") and low[:-1] in names),
                    frozenset().union(*(x.flags for x in entries)) if entries else None))  # fmt: skip
    return out


def test_cold_and_warm_cache_answer_as_spylls(small: Path, tmp_path: Path) -> None:
    cold = _answers()
    assert len(_cache_files(tmp_path)) == 1  # written on the first load
    assert type(spelling._dictionary().dic).__name__ == "Dic"  # type: ignore[union-attr]
    warm = _answers()
    assert type(spelling._dictionary().dic).__name__ == "CachedDic"  # type: ignore[union-attr]
    assert cold == warm == _reference()
    assert warm[0][0] is True and warm[-2][0] is False


@pytest.mark.parametrize("garbage", [b"", b"not marshal at all", b"\xfb\x00\x01", "truncated"])
def test_a_corrupt_cache_file_is_ignored_and_replaced(small: Path, tmp_path: Path, garbage: bytes | str) -> None:
    expected = _answers()
    (path,) = _cache_files(tmp_path)
    good = path.read_bytes()
    path.write_bytes(good[: len(good) // 2] if garbage == "truncated" else garbage)  # type: ignore[operator]
    assert _answers() == expected
    assert path.read_bytes() == good  # rebuilt and written again
    assert _answers() == expected


def test_an_unreadable_cache_and_an_unwritable_folder_are_ignored(
    small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _answers()
    (path,) = _cache_files(tmp_path)
    path.unlink()
    path.mkdir()  # a folder where the file should be: neither readable nor replaceable
    assert _answers() == expected
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # the cache folder cannot even be made
    assert _answers() == expected


def test_the_key_changes_with_the_dictionary(small: Path, tmp_path: Path) -> None:
    assert _answers()[WORDS.index("nope")][0] is False
    (first,) = _cache_files(tmp_path)
    with (small / "en_US.dic").open("a", encoding="utf-8") as f:
        f.write("nope\n")
    answers = _answers()
    assert answers[WORDS.index("nope")][0] is True  # not the stale cache
    assert answers == _reference()
    assert first in _cache_files(tmp_path) and len(_cache_files(tmp_path)) == 2


def test_the_key_changes_when_a_file_is_touched(tmp_path: Path) -> None:
    f = tmp_path / "a.dic"
    f.write_text("same")
    before = caching.file_key("hunspell", f)
    os.utime(f, ns=(1, 1))
    assert caching.file_key("hunspell", f) != before


def test_write_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert caching.write_cache("k.marshal", {"a": 1})
    assert caching.read_cache("k.marshal") == {"a": 1}

    def broken(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(caching.os, "replace", broken)
    assert not caching.write_cache("k.marshal", {"a": 2})
    assert caching.read_cache("k.marshal") == {"a": 1}  # the old file, whole
    assert [p.name for p in (tmp_path / "cleanup").iterdir()] == ["k.marshal"]  # no temporary file left


def test_random_words_are_judged_as_spylls_judges_them(small: Path, tmp_path: Path) -> None:
    from spylls.hunspell import Dictionary

    reference = Dictionary.from_files(str(small / "en_US"))
    _answers()  # write the cache
    _clear()
    cached = spelling._dictionary()
    assert cached is not None and type(cached.dic).__name__ == "CachedDic"  # type: ignore[attr-defined]

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet="plonkbrindyZarveltmsedigRAcMF-’'.12", max_size=14))
    def same(word: str) -> None:
        assert cached.lookup(word) == bool(reference.lookup(word))

    same()


def test_the_cached_entries_are_spylls_entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every entry of the installed en_US, by both indexes, exactly as spylls reads it."""
    requires.dictionary()
    from spylls.hunspell import Dictionary

    base = spelling._path()
    assert base is not None
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    reference = Dictionary.from_files(str(base))
    spelling._load(base)  # writes the cache
    cached = spelling._load(base)
    dic = cached.dic  # type: ignore[attr-defined]
    assert type(dic).__name__ == "CachedDic"
    for index, ignorecase in ((reference.dic.index, False), (reference.dic.lowercase_index, True)):
        for stem, words in index.items():
            got = dic.homonyms(stem, ignorecase=ignorecase)
            assert got == words and [type(w.data) for w in got] == [type(w.data) for w in words], stem
    assert dic.homonyms("Velbora") == [] and dic.words == reference.dic.words
    assert [(p.pattern, p.replacement) for p in cached.aff.REP] == [  # type: ignore[attr-defined]
        (p.pattern, p.replacement) for p in reference.aff.REP
    ]


def test_no_home_folder_means_no_cache(small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def nowhere() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(caching, "cache_dir", nowhere)
    assert caching.read_cache("k.marshal") is None and not caching.write_cache("k.marshal", 1)
    assert _answers() == _reference()

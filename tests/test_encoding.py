"""The EN rules beyond their corpus cases: ftfy config, minimal edits, safety, speed, no crashes."""

from __future__ import annotations

import time

import ftfy
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup import Checker, Config
from cleanup.model import Applicability
from cleanup.rules.encoding import _SUSPECT, FTFY_CONFIG
from cleanup.testing import findings, fixed


def test_ftfy_config_leaves_correct_text_alone() -> None:
    assert not FTFY_CONFIG.uncurl_quotes
    assert not FTFY_CONFIG.fix_character_width
    assert not FTFY_CONFIG.fix_line_breaks
    assert FTFY_CONFIG.normalization is None
    text = "“Quoted” ‘text’ — ＡＢＣ ﬁ e\u0301\r\nnext\rline"
    assert ftfy.fix_and_explain(text, FTFY_CONFIG).text == text


def test_edit_covers_only_the_changed_characters() -> None:
    text = "A long clean sentence about the café, then donâ€™t stop."
    [found] = findings("EN001", text)
    assert text[found.start : found.end] == "â€™"
    assert found.fix is not None
    assert [(e.start, e.end, e.replacement) for e in found.fix.edits] == [(found.start, found.end, "’")]
    assert found.message.endswith("(ftfy: apply decode_inconsistent_utf8)")
    [whole] = findings("EN001", "donâ€™t")
    assert whole.message.endswith("(ftfy: encode sloppy-windows-1252; decode utf-8)")


def test_two_regions_two_findings() -> None:
    text = "Ã©t\u00e9 and then a long stretch of ordinary words and Ã¨"
    assert [text[f.start : f.end] for f in findings("EN001", text)] == ["Ã©", "Ã¨"]


def test_mojibake_fix_is_unsafe_unless_no_letter_changes() -> None:
    [letters] = findings("EN001", "The cafÃ© opened.")
    [quotes] = findings("EN001", "She said \x93no\x94.")
    assert letters.fix is not None and letters.fix.applicability is Applicability.UNSAFE
    assert quotes.fix is not None and quotes.fix.applicability is Applicability.SAFE
    assert Checker(Config(select=("EN",))).fix("The cafÃ© opened.").text == "The cafÃ© opened."


def test_line_endings_are_kept_byte_for_byte() -> None:
    text = "cafÃ©\r\nsecond line\rthird wonâ€™t\n"
    assert fixed("EN001", text) == "café\r\nsecond line\rthird won’t\n"


def test_markdown_markup_is_not_touched() -> None:
    text = "The [cafÃ©](https://example.com/caf%C3%A9) wonâ€™t open.\n"
    assert fixed("EN001", text, markup="markdown") == "The [café](https://example.com/caf%C3%A9) won’t open.\n"


def test_homoglyph_fix_is_unsafe_and_keeps_length() -> None:
    text = "Ukr\u0430ine"
    [found] = findings("EN004", text)
    assert found.fix is not None and found.fix.applicability is Applicability.UNSAFE
    assert "CYRILLIC SMALL LETTER A" in found.message
    assert Checker(Config(select=("EN004",))).fix(text).text == text
    assert fixed("EN004", text) == "Ukraine"


def test_bom_at_start_is_not_flagged_but_inside_is() -> None:
    assert not findings("EN003", "\ufeffStart of file.")
    assert fixed("EN003", "One.\n\ufeffTwo.") == "One.\nTwo."


def test_suspect_filter_admits_every_ftfy_trigger() -> None:
    # Every character in ftfy's badness regex that is not ASCII must reach ftfy.
    for bad in ("Ã©", "â€™", "√©", "Ð¿Ñ€", "\x93", "┬┐"):
        assert _SUSPECT.search(bad), bad


def test_clean_text_is_fast() -> None:
    text = ("He said “it’s over” — and left… " * 40 + "\n\n") * 400
    checker = Checker(Config(select=("EN",)))
    start = time.perf_counter()
    assert not checker.check(text)
    assert len(text) / (time.perf_counter() - start) > 5e6


_ALPHABET = "aéÃ©â€™\x93\x00\x0b\u200b\u00ad\ufeff\u0430\u03bf\ufffd \n\r.Ukr"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(_ALPHABET), max_size=40))
def test_rules_never_raise_and_fix_converges(text: str) -> None:
    checker = Checker(Config(select=("EN",), unsafe_fixes=True))
    for f in checker.check(text):
        assert 0 <= f.start <= f.end <= len(text)
    once = checker.fix(text).text
    assert checker.fix(once).text == once

"""Behaviour of the quotes rules on whole paragraphs and documents."""

from __future__ import annotations

from pathlib import Path

from cleanup.checker import Checker
from cleanup.model import Applicability, Category, Config
from cleanup.testing import findings, fixed, flagged

SEED = Path(__file__).resolve().parent.parent / "corpus" / "articles" / "seed.txt"


def test_orphan_after_glued_closing_mark_starts_at_the_glued_word() -> None:
    text = "“We will do it.”Kill them all and hide them. Then look me in the eye.”"
    (f,) = findings("QT001", text)
    assert text[f.start :].startswith("Kill them")
    assert f.fix is not None and f.fix.applicability is Applicability.DISPLAY_ONLY


def test_orphan_straight_mark() -> None:
    assert flagged("QT001", 'We left," he said.') == ['We left,"']


def test_continued_quotation_convention() -> None:
    text = "“We stay,” he said. “We will not leave.\n\n“We will rebuild.”"
    assert flagged("QT002", text) == []
    assert flagged("QT002", "“We will not leave.\n\nHe left.") == ["“"]


def test_markdown_code_is_not_quoted_text() -> None:
    assert flagged("QT002", 'Run `echo "hi` now.\n', markup="markdown") == []


def test_mixed_styles_option_and_straight_throughout() -> None:
    text = '“One,” “two,” “three,” “four” and "five".'
    assert flagged("QT004", text) == ['"', '"']
    off = Checker(Config(select=("QT004",), options={"QT004": {"style": "off"}})).check(text)
    assert off == []
    straight = Checker(Config(select=("QT004",), options={"QT004": {"style": "straight"}}))
    assert len(straight.check(text)) == 8
    assert flagged("QT004", '"One," "two" and "three".') == []


def test_rendered_twice_is_mt_category() -> None:
    text = "He was told to “kill everyone we see” there.\n\n- He had orders to “kill everyone we saw.”"
    (f,) = findings("QT006", text)
    assert f.category is Category.MT and text[f.start : f.end] == "“kill everyone we saw.”"


def test_padded_and_glued_fixes_are_safe() -> None:
    assert fixed("QT007", "it was “ a crime ” then") == "it was “a crime” then"
    assert fixed("QT008", "he said,“No.”") == "he said, “No.”"


def test_seed_article_quotes() -> None:
    text = SEED.read_text(encoding="utf-8")
    found = Checker(Config(select=("QT",))).check(text)
    rules = [f.rule for f in found]
    assert rules.count("QT001") == 2 and "QT005" in rules and "QT006" in rules
    shown = {text[f.start : f.end] for f in found}
    assert "replied:" in shown and "We ordered them,”" in shown
    assert any(s.startswith("Kill passing civilians") for s in shown)

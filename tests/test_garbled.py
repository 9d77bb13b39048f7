"""The garbled family: one-word sentences, dangling words, verbless fragments, stray capitals."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleanup import check
from cleanup.analysis.lexicon import has_finite_verb, lexicon
from cleanup.testing import flagged

SEED = Path(__file__).resolve().parent.parent / "corpus" / "articles" / "seed.txt"


def test_seed_told_and_be() -> None:
    text = SEED.read_text(encoding="utf-8")
    assert "Told." in flagged("GB001", text)
    assert "be" in flagged("GB002", text)


def test_seed_clean_lines_are_silent() -> None:
    text = SEED.read_text(encoding="utf-8")
    clean = "The killing of civilians is a war crime under the Rome Statute of the International Criminal Court."
    start = text.index(clean)
    hits = [f for f in check(text) if f.rule[:2] in ("MT", "GB") and start <= f.start < start + len(clean)]
    assert hits == []


@pytest.mark.parametrize(
    ("sentence", "verb"),
    [
        ("The talks resumed on Monday.", True),
        ("She says it works.", True),
        ("It isn’t over.", True),
        ("war crimes under international law.", False),
        ("head of a human rights organization.", False),
    ],
)
def test_has_finite_verb(sentence: str, verb: bool) -> None:
    assert has_finite_verb(sentence) is verb


def test_lexicon_is_lowercase_and_loaded_once() -> None:
    lex = lexicon()
    assert lex is lexicon()
    assert all(w == w.lower() for w in lex.auxiliaries | lex.function_words)


def test_staccato_paragraph_is_left_alone() -> None:
    assert flagged("GB001", "We’re on it. Now. Told. Everyone knows the drill by now.") == []


def test_verbless_fragment_needs_a_second_signal() -> None:
    assert flagged("GB003", "The vote was close. A victory for the reformers in the capital.") == []


def test_dangling_word_ignores_list_items_and_headings() -> None:
    assert flagged("GB002", "- The ceasefire held. Aid arrived at dawn. be\n- Another item.") == []

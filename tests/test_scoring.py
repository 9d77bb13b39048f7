"""The garbledness score: bounded, zero on edited prose, higher on garbled text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.document import Document
from cleanup.scoring import RULE_WEIGHTS, document_score, sentence_score, sentence_scores

CLEAN = "The central bank raised interest rates on Thursday. Officials said inflation had slowed."
GARBLED = (
    "The commander ordered the men taken into the forest and shot. Told. "
    "They hid the bodies afterwards. war crimes under international law. be"
)


def test_clean_prose_scores_zero() -> None:
    assert document_score(CLEAN) == 0.0


def test_garbled_scores_higher_than_clean() -> None:
    assert document_score(GARBLED) > document_score(CLEAN) + 0.2


def test_one_score_per_sentence() -> None:
    doc = Document(GARBLED)
    scores = sentence_scores(doc)
    assert [s for s, _ in scores] == doc.sentences
    assert max(score for _, score in scores) >= 0.8


def test_repetition_raises_the_sentence_score() -> None:
    assert sentence_score("The the bed was comfortable.") > sentence_score("The bed was comfortable.")


def test_weights_are_probabilities() -> None:
    assert all(0.0 <= w <= 1.0 for w in RULE_WEIGHTS.values())


def test_empty_text() -> None:
    assert document_score("") == 0.0


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=200))
def test_scores_stay_in_unit_interval(text: str) -> None:
    assert 0.0 <= document_score(text) <= 1.0
    assert all(0.0 <= score <= 1.0 for _, score in sentence_scores(Document(text)))

"""The garbledness score: bounded, zero on edited prose, higher on garbled text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.document import Document
from cleanup.rules import REGISTRY
from cleanup.scoring import RULE_WEIGHTS, document_score, features, score, sentence_score, sentence_scores

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


# -- the quality score -------------------------------------------------------------------------

MT = "There are 250000 species-at least as many as we know. It was a important find, it said siences."


def test_quality_score_is_zero_on_edited_prose() -> None:
    assert score(CLEAN) == 0.0


def test_quality_score_ranks_broken_translation_first() -> None:
    ranked = sorted([CLEAN, MT, GARBLED], key=score, reverse=True)
    assert ranked[-1] == CLEAN
    assert score(MT) > 0.3


def test_every_rule_family_has_a_weight() -> None:
    families = {code[:2] for code in REGISTRY}
    assert families <= set(RULE_WEIGHTS), families - set(RULE_WEIGHTS)


def test_a_source_only_adds_evidence() -> None:
    source = "Sunt 250000 de specii, iar 1200 au fost găsite anul trecut în pădurile din nord."
    without = features(Document(MT))
    with_source = features(Document(MT, source=source, source_lang="ro"))
    assert with_source["source_numbers"] == 0.5  # 1200 is missing from the translation
    assert with_source["findings"] >= without["findings"]  # accuracy rules run against the source
    bilingual = ("source_numbers", "too_short", "bilingual", "findings")
    assert {k: v for k, v in with_source.items() if k not in bilingual} == {
        k: v for k, v in without.items() if k not in bilingual
    }
    assert score(MT, source=source, source_lang="ro") >= score(MT)


@settings(max_examples=30, deadline=None)
@given(st.text(max_size=200), st.one_of(st.none(), st.text(max_size=100)))
def test_quality_score_stays_in_unit_interval(text: str, source: str | None) -> None:
    assert 0.0 <= score(text, source=source) <= 1.0

"""The garbledness score: bounded, zero on edited prose, higher on garbled text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.checker import Checker
from cleanup.document import Document
from cleanup.model import Config, Severity
from cleanup.rules import REGISTRY
from cleanup.scoring import (
    RULE_WEIGHTS,
    document_score,
    features,
    score,
    score_document,
    sentence_score,
    sentence_scores,
    weighs_findings_of,
)

CLEAN = "The central bank raised interest rates on Thursday. Officials said inflation had slowed."
GARBLED = (
    "The captain had the crates loaded onto the barge and sealed. Told. "
    "They moved the cargo before dawn. smuggling charges under maritime law. be"
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

MT = (
    "Divers logged 420000 corals-at most as many as they mapped. "
    "It was a unusual dive, the crew wrote in a short statment."
)


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
    source = "Scafandrii au numărat 420000 de corali, iar 1200 au fost fotografiați anul trecut în recifele din sud."
    without = features(Document(MT))
    with_source = features(Document(MT, source=source, source_lang="ro"))
    assert with_source["source_numbers"] == 0.5  # 1200 is missing from the translation
    assert with_source["findings"] >= without["findings"]  # accuracy rules run against the source
    bilingual = (
        *("source_numbers", "too_short", "length_gap", "repeats", "word_repeats", "sentence_gap", "findings"),
        *("lowered_names", "no_transliteration", "capitals_lost", "no_names", "article_excess"),
    )
    assert {k: v for k, v in with_source.items() if k not in bilingual} == {
        k: v for k, v in without.items() if k not in bilingual
    }
    assert score(MT, source=source, source_lang="ro") >= score(MT)


def test_source_evidence_ranks_unsupported_translations_first() -> None:
    source = "Am Dienstag traf sich Vogelsang in Wadersloh mit dem Bürgermeister. Sie sprachen über die neue Brücke."
    faithful = "On Tuesday, Vogelsang met the mayor in Wadersloh. They talked about the new bridge."
    repeated = "On Tuesday, Vogelsang met the mayor, the mayor, the mayor, the mayor in Wadersloh. They talked."
    dropped = "On Tuesday, Vogelsang met the mayor in Wadersloh."
    lines = [features(Document(t, source=source, source_lang="de")) for t in (faithful, repeated, dropped)]
    assert lines[0]["repeats"] == lines[0]["sentence_gap"] == 0.0
    assert lines[1]["repeats"] > 0 and lines[2]["sentence_gap"] == 1.0
    scores = [score(t, source=source, source_lang="de") for t in (faithful, repeated, dropped)]
    assert scores[0] < min(scores[1:])


def test_a_doubled_word_the_source_does_not_double_raises_the_score() -> None:
    source = "Die Lampe ist handlich und auffällig in Farbe und Form."
    faithful = "The lamp is handy and striking in colour and shape."
    doubled = "The lamp is handy and striking in colour and colour."
    lines = [features(Document(t, source=source, source_lang="de")) for t in (faithful, doubled)]
    assert lines[0]["word_repeats"] == 0.0 and lines[1]["word_repeats"] == 1.0
    assert lines[1]["repeats"] == 0.0  # one word twice is no repeated phrase
    assert score(faithful, source=source, source_lang="de") < score(doubled, source=source, source_lang="de")


def test_word_repeats_the_source_has_too_are_no_evidence() -> None:
    # the source repeats its word in other cases (the first four letters shared): so may the translation
    source = "Die Brücken wurden repariert, Brücke um Brücke."
    doc = Document("The bridges were repaired, bridge after bridge.", source=source, source_lang="de")
    assert features(doc)["word_repeats"] == 0.0
    doc = Document(
        "The bridges were repaired, bridge after bridge.", source="Die Brücken wurden repariert.", source_lang="de"
    )
    assert features(doc)["word_repeats"] == 1.0


def test_a_loop_counts_a_few_repeats_at_most() -> None:
    source = "Das Museum zeigte das Frühwerk des Malers."
    loop = "The museum showed the early work of the painter painter painter painter painter painter painter painter."
    assert features(Document(loop, source=source, source_lang="de"))["word_repeats"] == 5.0


def test_word_repeats_against_a_source_without_spaces() -> None:
    source = "会议在周二结束，会议没有达成协议。"
    doc = Document("The meeting ended on Tuesday; the meeting reached no agreement.", source=source, source_lang="zh")
    assert features(doc)["word_repeats"] == 0.0  # 会议 comes twice in the source too
    doc = Document(
        "The meeting ended on Tuesday; the meeting reached no agreement.",
        source="周二结束，没有达成协议。",
        source_lang="zh",
    )
    assert features(doc)["word_repeats"] == 1.0


@settings(max_examples=30, deadline=None)
@given(st.text(max_size=200), st.one_of(st.none(), st.text(max_size=100)))
def test_quality_score_stays_in_unit_interval(text: str, source: str | None) -> None:
    assert 0.0 <= score(text, source=source) <= 1.0


SCORED = [
    (CLEAN, None, None),
    (GARBLED, None, None),
    ("Divers logged 420000 corals-at most. Told. it a unusual the the dive. See Fig. 3 here.", None, None),
    ("The talks ended.", "Переговоры закончились. Стороны разошлись без соглашения.", "ru"),
    ("In 2019 the plant made 3,400 cars.", "Im Jahr 2019 baute das Werk 3.400 Autos.", "de"),
]


def _checked_score(checker: Checker, text: str, source: str | None, lang: str | None) -> float:
    doc = Document(text, source=source, source_lang=lang, abbreviations=checker.config.abbreviations)
    return score_document(doc, checker.check_document(doc), checker=checker)


def test_score_of_a_checked_document_is_the_score_of_its_text() -> None:
    checkers = [
        Checker(),  # its findings are reused
        Checker(Config(select=("SP", "MT"))),  # other findings: the score runs its own rules
        Checker(Config(severity={"SP001": Severity.INFO})),
        Checker(Config(abbreviations=("Fig",))),  # another reading of the text
    ]
    assert [weighs_findings_of(c) for c in checkers] == [True, False, False, True]
    for text, source, lang in SCORED:
        expected = score(text, source=source, source_lang=lang)
        assert expected == score_document(Document(text, source=source, source_lang=lang))
        for checker in checkers:
            assert _checked_score(checker, text, source, lang) == expected, (text, checker.config)


@settings(max_examples=30, deadline=None)
@given(st.text(max_size=200), st.one_of(st.none(), st.text(max_size=100)))
def test_score_document_agrees_with_score(text: str, source: str | None) -> None:
    assert _checked_score(Checker(), text, source, None) == score(text, source=source)


def test_sources_whose_words_wordfreq_cannot_tokenise_are_scored() -> None:
    # wordfreq tokenises Japanese, Chinese and Korean with optional packages: the score reads its tables
    for source, lang in (
        ("ミラは言った Velmora。 Velmora は 北 の 町 です。", "ja"),
        ("米拉 说 Velmora 是 北方 的 小镇。", "zh"),
        ("미라는 말했다 Velmora 는 북쪽 마을 이다.", "ko"),
    ):
        for text in ("Mira said so.", "Mira said so, so, so, so."):
            assert 0.0 <= score(text, source=source, source_lang=lang) <= 1.0
            assert 0.0 <= document_score(text, source=source, source_lang=lang) <= 1.0

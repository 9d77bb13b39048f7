"""The quality score's evidence about a source's names and articles (invented sentences)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.analysis.bilingual import analyse, spelled_in_latin
from cleanup.document import Document
from cleanup.scoring import features, score

RU = "Вчера они покинули долину Велмора."
NAMES = ("lowered_names", "no_transliteration", "capitals_lost", "no_names", "article_excess")


def _f(text: str, source: str, lang: str) -> dict[str, float]:
    return features(Document(text, source=source, source_lang=lang))


def test_transliteration_spells_any_script_in_latin_letters() -> None:
    assert spelled_in_latin("Велмора") == "velmora"
    assert spelled_in_latin("Ülo") == "ulo"


def test_a_name_left_in_lower_case_is_evidence() -> None:
    lowered = _f("Yesterday they left the velmora valley.", RU, "ru")
    named = _f("Yesterday they left the Velmora valley.", RU, "ru")
    assert lowered["lowered_names"] > 0 == named["lowered_names"]
    assert score("Yesterday they left the velmora valley.", source=RU, source_lang="ru") > score(
        "Yesterday they left the Velmora valley.", source=RU, source_lang="ru"
    )


def test_no_name_carried_over_from_another_script() -> None:
    assert _f("Yesterday they left the green valley.", RU, "ru")["no_transliteration"] == 1.0
    assert _f("Yesterday they left the Velmora valley.", RU, "ru")["no_transliteration"] == 0.0
    # a Latin-script source: its names are compared as they are written, not by this feature
    assert _f("Yesterday they left.", "Ieri au plecat.", "ro")["no_transliteration"] == 0.0


def test_capitals_the_source_has_and_the_translation_lacks() -> None:
    source = "Ieri, Marinescu a vizitat orașul."
    assert _f("Yesterday, the mayor visited the town.", source, "ro")["capitals_lost"] == 1.0
    assert _f("Yesterday, Marinescu visited the town.", source, "ro")["capitals_lost"] == 0.0
    # German capitalises every noun: its capitals are not names
    assert (
        _f("Yesterday the mayor visited the town.", "Gestern besuchte der Bürgermeister die Stadt.", "de")[
            "capitals_lost"
        ]
        == 0.0
    )


def test_no_name_at_all_where_an_uncased_source_may_have_one() -> None:
    source = "सोमबार राम बजार गए।"
    assert _f("On that day the man went to the market.", source, "ne")["no_names"] == 1.0
    assert _f("On Monday, Ram went to the market.", source, "ne")["no_names"] == 0.0
    # a cased source without an inner capital names no one the translation must write
    assert _f("Yesterday they left.", "Ieri au plecat acasă.", "ro")["no_names"] == 0.0


def test_articles_only_count_against_a_source_without_them() -> None:
    text = "The man saw the dog in the park by the river."
    assert _f(text, "Человек увидел собаку в парке у реки.", "ru")["article_excess"] > 0
    assert _f(text, "Omul a văzut câinele în parc lângă râu.", "ro")["article_excess"] == 0.0
    assert _f("A man saw a dog near a river.", "Человек увидел собаку у реки.", "ru")["article_excess"] == 0.0


def test_without_a_source_the_name_features_are_zero() -> None:
    f = features(Document("Yesterday they left the velmora valley."))
    assert all(f[k] == 0.0 for k in NAMES)


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcXYZ ,.Вв\n")), max_size=60))
def test_name_evidence_is_never_negative(text: str) -> None:
    f = _f(text, RU, "ru")
    assert all(f[k] >= 0.0 for k in NAMES)
    pair = analyse(Document(text, source=RU, source_lang="ru"))
    assert pair is not None and min(pair.rare_words) >= 0


def test_a_faithful_short_translation_of_a_source_without_names_shows_no_name_evidence() -> None:
    f = _f("The rain stopped. The roads dried.", "Дождь закончился. Дороги высохли.", "ru")
    assert f["article_excess"] == 0.0  # two articles in six words: within what a short text may write
    assert f["no_transliteration"] == 0.0  # the source names no one

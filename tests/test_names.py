"""The names model (cleanup.analysis.names) and the spelling lexicon behind it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cleanup.analysis import names as names_module
from cleanup.analysis import spelling
from cleanup.analysis.names import common_word, names
from cleanup.document import Document
from cleanup.testing import findings

from . import requires


def test_forms_of_each_occurrence() -> None:
    text = "Navalny Returns\n\nAides said Navalny’s team met [Navalny](https://example.org) and “Navalny” too."
    model = names(Document(text, markup="markdown"))
    heading, possessive, anchored, quoted = model.occurrences["Navalny"]
    assert heading.heading and not heading.quoted
    assert possessive.possessive and text[possessive.start : possessive.end] == "Navalny"
    assert anchored.anchored and not anchored.possessive
    assert quoted.quoted
    assert model.mid_count("Navalny") == 2  # a quotation's first word is not running text


def test_neighbours_and_lowercase_counts() -> None:
    model = names(Document("Then Sergei Lavrov spoke. Later lavrov left, see lavrov.com for more."))
    (occurrence,) = model.occurrences["Lavrov"]
    assert occurrence.before == "Sergei" and occurrence.after == ""
    assert model.lower_count("lavrov") == 1  # the domain is protected, not a word of the prose


def test_sentence_starts_and_list_markers_are_not_running_text() -> None:
    model = names(Document("Inspect the valve. (1) Inspect the pipes. Then we inspect them again."))
    assert model.mid_count("Inspect") == 0


def test_the_dictionary_tells_names_from_words() -> None:
    requires.dictionary()
    assert spelling.knows("acquired") and not spelling.knows("Vornitsa")
    assert common_word("Amnesty") and not common_word("Garrett") and not common_word("Drevany")


def test_the_dictionary_tells_name_entries_and_word_classes() -> None:
    requires.dictionary()
    assert spelling.name_entry("Apple") and spelling.name_entry("Senates")  # a name that is also a word
    assert spelling.name_entry("Historic") is False and spelling.name_entry("Tray") is False
    noun, verb, adjective = (spelling.stem_flags(w) for w in ("tray", "introduce", "historic"))
    assert noun is not None and "M" in noun
    assert verb is not None and {"D", "G"} <= verb and "M" not in verb
    assert adjective == frozenset() and spelling.stem_flags("Drevany") is None


@pytest.fixture
def no_dictionary(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("CLEANUP_HUNSPELL", "/nonexistent")
    caches = (spelling._dictionary, spelling.knows, spelling._name_stems, spelling.stem_flags, names_module.common_word)
    for cached in caches:
        cached.cache_clear()
    yield
    monkeypatch.delenv("CLEANUP_HUNSPELL")
    for cached in caches:
        cached.cache_clear()


@pytest.mark.usefixtures("no_dictionary")
def test_without_a_dictionary_names_fall_back_on_frequency() -> None:
    assert not spelling.available() and spelling.knows("house") is None
    assert "no hunspell" in spelling.status()
    assert common_word("House") and not common_word("Drevany")
    text = "Coach Anna Kowalczyk praised the defence. Asked about it, kowalczyk said the striker would rest."
    assert [text[f.start : f.end] for f in findings("LK004", text)] == ["kowalczyk"]
    assert spelling.name_entry("Apple") is None and spelling.stem_flags("tray") is None
    assert findings("LK001", "You could simply use a Pear corer to core the pears.") == []  # no lexicon, no evidence


def _model_summary(text: str) -> tuple[object, ...]:
    model = names(Document(text))
    occurrences = {
        w: [(o.start, o.end, o.possessive, o.before, o.after) for o in model.occurrences[w]] for w in model.occurrences
    }
    return list(model.occurrences), occurrences, dict(model.lower.counts), {w: model.lower[w] for w in model.lower}


def test_the_model_is_the_same_for_new_forms_seen_forms_and_after_the_forms_are_forgotten(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "Tomar Velk met Orsa’s aide. Then orsa left, and Velk stayed; Velk’s car, www.orsa.com, Tomar."
    monkeypatch.setattr(names_module, "_forms", ({}, {}))
    first = _model_summary(text)  # every form new
    assert _model_summary(text) == first  # every form seen
    assert list(first[0]) == ["Tomar", "Velk", "Orsa", "Then"] and first[1]["Velk"][2][2]
    monkeypatch.setattr(names_module, "_SEARCHED", 1)  # one index of every word after the first word asked
    assert _model_summary(text) == first
    monkeypatch.setattr(names_module, "_FORMS_KEPT", 3)  # forgotten at every new document
    assert _model_summary(text + " Extra")[:2] == _model_summary(text + " Extra")[:2]
    assert _model_summary(text) == first
    assert "orsa" in first[2] and "www" not in first[2]

"""The house quotation style, the LanguageTool precision floor, and the fluency rules on whole texts."""

from __future__ import annotations

import re

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

import cleanup
from cleanup.config import ConfigError, parse_config
from cleanup.datafiles import load_toml
from cleanup.languagetool.backend import (
    LanguageToolBackend,
    below_precision,
    category_precision,
    rule_precision,
    unmeasured_below,
)
from cleanup.testing import flagged

from . import requires


def test_quote_style_configures_qt009() -> None:
    config = parse_config({"quote-style": "straight"})
    assert cleanup.fix("“We will return,” she said.", config=config).text == '"We will return," she said.'


def test_quote_style_is_off_by_default() -> None:
    assert not [f for f in cleanup.check('He said "yes" and “no.”') if f.rule == "QT009"]


@pytest.mark.parametrize("value", ["fancy", True, 1])
def test_quote_style_rejects_unknown_values(value: object) -> None:
    with pytest.raises(ConfigError, match="quote-style"):
        parse_config({"quote-style": value})


@pytest.mark.parametrize("value", [1.5, -0.1, "0.6", True])
def test_min_precision_must_be_a_share(value: object) -> None:
    with pytest.raises(ConfigError, match="min-precision"):
        parse_config({"languagetool": {"min-precision": value}})


def test_min_precision_reaches_the_backend_settings() -> None:
    assert parse_config({"languagetool": {"min-precision": 0.6}}).languagetool["min_precision"] == 0.6


def test_a_higher_floor_turns_off_more_rules() -> None:
    low, high = set(below_precision(0.3)), set(below_precision(0.9))
    assert low < high
    assert not below_precision(0.0)


def test_a_rule_seen_once_is_drawn_toward_its_category() -> None:
    rows = load_toml("languagetool_precision.toml")["rule"]
    assert isinstance(rows, list)
    table = {str(r["id"]): r for r in rows}
    precision, prior = rule_precision(), category_precision()
    for rule, row in table.items():
        n = int(row["matches"])
        if n == 0:
            assert precision[rule] == 0.0
        elif "category" in row:
            raw = int(row["on_span"]) / n
            low, high = sorted((raw, prior[str(row["category"])]))
            assert low - 1e-9 <= precision[rule] <= high + 1e-9
    # a rule is muted only when its own share and the drawn share are both below the floor
    muted = set(below_precision(0.5))
    assert all(precision[r] < 0.5 and float(table[r]["precision"]) < 0.5 for r in muted)


def test_unmeasured_rules_of_a_weak_category_are_muted() -> None:
    weak = unmeasured_below(0.5)
    assert weak and "GRAMMAR" not in weak
    backend = LanguageToolBackend("http://localhost:1", unmeasured_off=weak)
    unseen = {"rule": {"id": "A_RULE_NEVER_MEASURED", "category": {"id": weak[0]}}}
    assert backend._muted(unseen)
    assert not backend._muted({"rule": {"id": "A_RULE_NEVER_MEASURED", "category": {"id": "GRAMMAR"}}})
    # a measured rule of the weak category is judged by its own precision, not muted here
    measured = next(r for r in rule_precision() if r in backend.measured)
    assert not backend._muted({"rule": {"id": measured, "category": {"id": weak[0]}}})
    # a user who enables the rule gets it back
    again = LanguageToolBackend("http://localhost:1", enabled_rules=("A_RULE_NEVER_MEASURED",), unmeasured_off=weak)
    assert not again._muted(unseen)


def test_fluency_rules_fix_a_machine_translated_paragraph() -> None:
    text = "Divers logged 420000 corals-at most as many as they mapped. It was a unusual dive."
    fixed = cleanup.fix(text, unsafe=True).text
    assert fixed == "Divers logged 420,000 corals — at most as many as they mapped. It was an unusual dive."
    assert cleanup.fix(fixed, unsafe=True).text == fixed


def test_two_slips_that_include_the_first_letter_are_no_misspelling() -> None:
    # A coinage two edits from a very common word, whose first letter it does not share.
    assert [f.rule for f in cleanup.check("He won the eatership at the county fair.")] == []
    assert [f.rule for f in cleanup.check("The imformation was late.")] == ["FL004"]


def test_a_paragraph_opening_lowercase_i_gets_one_finding() -> None:
    # FL007 owns the pronoun; FL006 (a paragraph's first word) leaves it alone.
    text = "The tour closed early.\n\ni believe the crowd enjoyed it, and so did we."
    assert [(f.rule, text[f.start : f.end]) for f in cleanup.check(text)] == [("FL007", "i")]


def test_short_misspellings_must_be_near_a_function_word() -> None:
    from cleanup.rules.fluency import correction

    requires.dictionary()
    assert correction("whcih") == "which"
    assert correction("oher") == "other"  # the nearest word with the same first letter, not ``her``
    assert correction("gonna") is None and correction("thru") is None  # slang the web knows well


def test_doubled_last_letter_and_words_written_solid() -> None:
    from cleanup.rules.fluency import correction

    requires.dictionary()
    assert correction("wonderfull") == "wonderful"
    assert correction("lockdowns") is None  # an inflection still is no misspelling
    assert correction("inmany") == "in many"
    assert correction("todays") is None  # a possessive without its apostrophe, not ``to days``
    assert correction("theorised") is None  # British spelling


def test_verb_form_after_auxiliary() -> None:
    text = "Voters are make their choice; she didn't went; we would like go; it will goes."
    assert [text[f.start : f.end] for f in cleanup.check(text) if f.rule == "FL008"] == [
        "are make",
        "didn't went",
        "would like go",
        "it will goes",
    ]
    # A pseudo-cleft takes the base form after ``do``; ``the will`` is a noun.
    clean = "What the board did was become a lender. His will gives the farm away."
    assert [f.rule for f in cleanup.check(clean) if f.rule == "FL008"] == []


def test_plural_after_singular_determiner_and_needless_preposition() -> None:
    fixed = cleanup.fix("Every students discussed about others problems.", unsafe=True).text
    assert fixed == "Every student discussed other problems."
    assert [f.rule for f in cleanup.check("Each of the students discussed the problems of others.")] == []


def test_a_segment_in_lower_case_that_opens_with_i() -> None:
    assert [f.rule for f in cleanup.check("i hope the ferry runs on time.")] == ["FL006"]


# The FL008 first scan, grouped by first letter, finds what the plain alternation finds.
_AUXILIARY_PLAIN = re.compile(
    r"\b(?:(?:i|you|he|she|it|we|they|who) (?:will|can|must)|am|are|is|was|were|be|been|will|can|must|would|could"
    r"|should|shall|cannot|did|does|to|want|wants|wanted|wanting|order|able|(?:did|does|do|would|could|should|wo|ca)n['’]t)"
    r"(?: not| like)? ([a-z]+)"
)
_AUXILIARY_PIECES = (
    "i", "you", "he", "she", "it", "we", "they", "who", "will", "can", "must", "am", "are", "is", "was", "were", "be",
    "been", "would", "could", "should", "shall", "cannot", "did", "does", "do", "to", "want", "wants", "wanted",
    "order", "able", "wo", "ca", "n't", "n’t", "not", "like", "go", "x", "é", "3", "_",
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(_AUXILIARY_PIECES), st.sampled_from(["", " ", "  ", "'", "-", "\n"])), max_size=10
    )
)
def test_auxiliary_scan_is_the_plain_alternation(pieces: list[tuple[str, str]]) -> None:
    from cleanup.rules.fluency import _AUXILIARY

    text = "".join(a + b for a, b in pieces)

    def found(p: re.Pattern[str]) -> list[tuple[tuple[int, int], str]]:
        return [(m.span(), m[1]) for m in p.finditer(text)]

    assert found(_AUXILIARY) == found(_AUXILIARY_PLAIN)


_LITERAL_PIECES = ("many", "several", "various", "numerous", "multiple", "few", "a few", "one of", "one", "of",
                   "every", "each", "another", "much", "others", "other", "germany", "x", "é", " ", "\n", "\t", "\xa0",
                   ".")  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_LITERAL_PIECES), max_size=12))
def test_literal_hits_are_the_alternation_scan(pieces: list[str]) -> None:
    from cleanup.rules.fluency import _QUANTIFIERS, _SINGULAR_DETERMINERS, _literal_hits

    text = "".join(pieces)
    for literals in (_QUANTIFIERS, _SINGULAR_DETERMINERS):
        scan = re.compile("|".join(rf"{re.escape(literal)}\s" for literal in literals))
        assert _literal_hits(text, literals) == [(m.start(), m[0][:-1]) for m in scan.finditer(text)]


_PREPOSITION_PIECES = ("discuss", "discussed", "mention", "mentions", "emphasise", "emphasizing", "affect", "about",
                       "on", "upon", "can", "to", " ", "  ", "\n", "\u2003", "x", ".", "-")  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PREPOSITION_PIECES), max_size=10))
def test_needless_preposition_shape_is_in_every_match(pieces: list[str]) -> None:
    from cleanup.rules.fluency import _NEEDLESS_PREPOSITION, _NEEDLESS_SHAPE, _NEEDLESS_VERBS

    text = "".join(pieces)
    for m in _NEEDLESS_PREPOSITION.finditer(text):
        verb = next(m.start(g) for g in (1, 3, 5) if m[g] is not None)
        assert text.startswith(_NEEDLESS_VERBS, verb) and _NEEDLESS_SHAPE.match(text, verb)


_ARTICLE_PIECES = ("a", "an", "A", "apple", "university", "hour", "house", "book", "Élan", "ẖat", "İris", "one", "an",
                   "x", " ", "  ", "\n", "-", ".", "’", "5", "Ukrainian", "is")  # fmt: skip
_ARTICLE_ANY = regex.compile(r"(?<![\p{L}\p{N}'’.-])(a|an)\s++([\p{L}][\p{L}'’]*+)(?![\p{N}]|-\p{Lu})")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_ARTICLE_PIECES), max_size=10))
def test_article_scan_skips_only_what_fl001_never_flags(pieces: list[str]) -> None:
    import cleanup.rules.fluency as fluency

    text = "".join(pieces)
    ours = flagged("FL001", text)
    saved = fluency._ARTICLE
    try:
        fluency._ARTICLE = _ARTICLE_ANY  # every a/an before a word
        assert flagged("FL001", text) == ours
    finally:
        fluency._ARTICLE = saved


def test_lowercase_proper_words_are_capitalised_only_where_the_document_uses_capitals() -> None:
    text = "In june the students spoke german and ate mexican food, far from the internet."
    assert [text[f.start : f.end] for f in cleanup.check(text) if f.rule == "FL011"] == ["june", "german", "mexican"]
    assert cleanup.fix(text, unsafe=True).text.startswith("In June the students spoke German and ate Mexican")
    assert flagged("FL011", text.lower()) == []  # a text in lower case by choice
    assert flagged("FL011", "A plate of fine china and a turkey for the march.") == []

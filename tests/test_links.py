"""Behaviour of the links rules: capitals, fragments, duplicated heads, lowercased names."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.analysis import pos
from cleanup.checker import Checker
from cleanup.document import Document
from cleanup.model import Applicability, Config
from cleanup.rules.links import _capitalised_by_choice, _plain_continuation
from cleanup.testing import findings, fixed, flagged

from . import requires

SEED = Path(__file__).resolve().parent.parent / "corpus" / "articles" / "seed.txt"


def test_capital_in_markdown_anchor_is_a_safe_fix() -> None:
    text = "The council accused the firm of [A series of violations](https://x.org/r) at the plant.\n"
    (f,) = findings("LK001", text, markup="markdown")
    assert text[f.start : f.end] == "A"
    assert f.fix is not None and f.fix.applicability is Applicability.SAFE
    safe = Checker(Config(select=("LK001",))).fix(text, markup="markdown").text
    assert "of [a series of violations](https://x.org/r)" in safe


def test_capital_without_anchor_is_unsafe() -> None:
    (f,) = findings("LK001", "The council accused the firm of violations A series of them.")
    assert f.fix is not None and f.fix.applicability is Applicability.UNSAFE
    assert Checker(Config(select=("LK001",))).fix("the firm said To them.").text == "the firm said To them."


def test_capital_in_html_anchor() -> None:
    text = "<p>Officials Said <a href='/x'>In April</a> that it ended.</p>"
    (f,) = findings("LK001", text, markup="html")
    assert text[f.start : f.end] == "Said <a href='/x'>In"
    assert fixed("LK001", text, markup="html") == "<p>Officials said <a href='/x'>in April</a> that it ended.</p>"


def test_names_titles_and_structure_stay_silent() -> None:
    quiet = [
        "A Times report was cited by The New York Times and President Joe Biden at the White House.",
        "The killing is a crime under the Rome Statute of the International Criminal Court.",
        "In the U.S. The debate went on; troops left in March and Manchester United won.",
        "Nations Acquired\n\n- item Said In April",  # heading and list item
    ]
    for text in quiet:
        assert flagged("LK001", text) == [], text


def test_document_casing_elsewhere_marks_a_name() -> None:
    assert flagged("LK001", "The firm Acquired it. Shares of Acquired rose.") == []


def test_fragment_fix_is_display_only() -> None:
    text = "He hid their whereabouts. war crimes under international law."
    (f,) = findings("LK002", text)
    assert f.fix is not None and f.fix.applicability is Applicability.DISPLAY_ONLY
    assert fixed("LK002", text) == text


def test_fragment_not_after_colon_or_in_lists() -> None:
    assert flagged("LK002", "Here is the list:\n\n- war crimes.\n- other crimes.") == []
    assert flagged("LK002", "The rule: civilians are protected. Always.") == []


def test_lowercased_name_needs_the_document_spelling() -> None:
    assert flagged("LK004", "They read it. new york times verified it.") == []
    assert fixed("LK004", "The New York Times got it. new york times verified it.").endswith(
        "New York Times verified it."
    )


def test_seed_article_links() -> None:
    text = SEED.read_text(encoding="utf-8")
    got = {text[f.start : f.end] for f in Checker(Config(select=("LK",))).check(text)}
    for expected in ("Acquired", "Said In", "A", "To", "new york times", "war crimes under international law.",
                     "head of a human rights organization."):  # fmt: skip
        assert expected in got
    out = Checker(Config(unsafe_fixes=True)).fix(text).text
    for expected in ("New York Times acquired", "Biden said in April", "investigation to human rights",
                     "accused Russia of a long list of war crimes"):  # fmt: skip
        assert expected in out


def _needs_dictionary() -> None:
    requires.dictionary()


def test_capitals_where_sentences_and_list_items_start_say_nothing() -> None:
    doc = Document("2. Trim your costs\n\nTrim what you can. Most firms Trim staff first. Ask Dana Trim.")
    assert _capitalised_by_choice(doc, "Trim") == 2  # "firms Trim", "Dana Trim"; not the heading, not the opener


def test_verb_before_object_and_its_near_misses() -> None:
    _needs_dictionary()
    assert fixed("LK001", "Prices rose, Cut your spending now.") == "Prices rose, cut your spending now."
    assert flagged("LK001", "The case went to Arbitration the next spring.") == []  # after a preposition: a noun
    assert flagged("LK001", "She starred in Catch Me If You Can last year.") == []  # a title goes on


def test_lower_case_phrase_elsewhere() -> None:
    _needs_dictionary()
    text = "Most of us put off cutting back. He began Cutting back in May."
    assert fixed("LK001", text) == "Most of us put off cutting back. He began cutting back in May."
    assert flagged("LK001", "He began Cutting back in May.") == []  # no lower-case evidence


def test_word_classes_from_the_lexicon() -> None:
    assert pos.available()
    assert pos.classes("Stalled") == frozenset({"VERB"}) and pos.only("stalled", "VERB")
    assert pos.classes("talks") == frozenset({"NOUN", "VERB"}) and not pos.only("talks", "VERB")
    assert pos.only("recession", "NOUN") and not pos.only("Velbora", "NOUN")  # unknown: no class
    assert pos.classes("Velbora") == frozenset()


def test_a_verb_capitalised_in_a_title_elsewhere_is_not_counted_as_a_name() -> None:
    doc = Document("Read Plan, Save, Retire weekly. Most savers Retire late. Few of us Retire early.")
    assert _capitalised_by_choice(doc, "Retire") == 3
    assert _capitalised_by_choice(doc, "Retire", alone=True) == 2  # the blog title's word is left out


def test_plain_continuation_stops_where_capitals_resume() -> None:
    text = "She lost by nine. It was Gone with the Wind. They met by the Old Bridge."
    assert _plain_continuation(text, text.index("lost") + 4) == "by"
    assert _plain_continuation(text, text.index("Gone") + 4) is None  # "with the Wind"
    assert _plain_continuation(text, text.index("met") + 3) is None  # "by the Old"


def test_parts_of_speech_evidence_and_near_misses() -> None:
    _needs_dictionary()
    assert (
        fixed("LK001", "Her rival, Mark Ellison, Lost by nine points.")
        == "Her rival, Mark Ellison, lost by nine points."
    )
    assert (
        fixed("LK001", "The talks Stalled over the border question.") == "The talks stalled over the border question."
    )
    assert fixed("LK001", "Analysts saw a sharp Decline in exports.") == "Analysts saw a sharp decline in exports."
    assert fixed("LK001", "They studied the Outcome of the ballot.") == "They studied the outcome of the ballot."
    assert flagged("LK001", "The film Frozen in 2013 was a hit.") == []  # a title after "film"
    assert flagged("LK001", "They met the Duke of York.") == []  # the capitals resume after "of"
    assert flagged("LK001", "The new Cabinet will meet.") == []  # an institution
    assert flagged("LK001", "The new Labour leader spoke.") == []  # a noun before a noun may start a name


def test_names_in_run_split_at_possessive_and_leading_function_word() -> None:
    from cleanup.rules.links import _names_in_run

    assert _names_in_run("Halvard Aerospace’s Nova Talon") == [
        ("Halvard Aerospace", ["Halvard", "Aerospace"]),
        ("Nova Talon", ["Nova", "Talon"]),
    ]
    assert _names_in_run("On Kelvaro Station") == [("Kelvaro Station", ["Kelvaro", "Station"])]
    assert _names_in_run("Life On Kelvaro") == [("Life On Kelvaro", ["Life", "On", "Kelvaro"])]
    assert _names_in_run("Guns N' Roses") == [("Guns N' Roses", ["Guns", "N'", "Roses"])]


def test_lowercased_name_keeps_its_possessive_ending() -> None:
    text = "Voters in North Carolina went early. Most of north carolina’s towns followed. North Carolina won."
    (f,) = findings("LK004", text)
    assert text[f.start : f.end] == "north carolina"
    assert "Most of North Carolina’s towns" in fixed("LK004", text)


def test_long_name_with_lowercased_last_word_not_a_title_case_heading() -> None:
    heading = "Harbin Regional Securities\n\nA note from Harbin Regional securities said so."
    assert flagged("LK004", heading) == []
    prose = "Harbin Regional Securities expects growth.\n\nA note from Harbin Regional securities said so."
    assert flagged("LK004", prose) != []


def test_plain_noun_after_determiner_without_lowercase_evidence() -> None:
    requires.lexicon()
    requires.dictionary()
    assert fixed("LK001", "Some fear the Economy could slow.") == "Some fear the economy could slow."
    assert fixed("LK001", "She left a Recipe for the pie.") == "She left a recipe for the pie."
    assert fixed("LK001", "Voters worried about the Weather.") == "Voters worried about the weather."
    assert flagged("LK001", "Shareholders said the Company will pay.") == []  # a defined term
    assert flagged("LK001", "Fans hope the Giants will win.") == []  # a plural: a team
    assert flagged("LK001", "The Hill has asked twice.") == []  # the sentence's first words
    assert flagged("LK001", "He spoke at a Rally in Ohio.") == []  # the capitals resume
    assert flagged("LK001", "Viewers watch the Match! channel.") == []  # not a full stop
    assert flagged("LK001", "The Economy grew. Later the Economy could slow.") == []  # capitalised by choice


def test_article_after_opening_preposition() -> None:
    assert fixed("LK001", "During The second round, the rain stopped.") == "During the second round, the rain stopped."
    assert flagged("LK001", "In The Hague, judges met.") == []  # a name goes on in capitals
    assert flagged("LK001", "In The of it.") == []  # a function word after the article


def test_quantifier_between_lower_case_words() -> None:
    assert fixed("LK001", "Turnout may be Much lower.") == "Turnout may be much lower."
    assert fixed("LK001", "She asked for Three cups of tea.") == "She asked for three cups of tea."
    assert flagged("LK001", "Leaders of the Group of Seven nations met.") == []  # a capital over "of"
    assert flagged("LK001", "Fans of Three Dog Night sang.") == []  # the capitals go on
    assert flagged("LK001", "Seats for Three and more.") == []  # a list after it


def test_verb_after_infinitive_to() -> None:
    requires.lexicon()
    requires.dictionary()
    assert fixed("LK001", "They never intended to Cause delays.") == "They never intended to cause delays."
    assert flagged("LK001", "The lawyer went to Court on Monday.") == []  # "to" as a preposition
    assert flagged("LK001", "Staff hope to Work Wonders Ltd soon.") == []  # a name: the capitals go on


_SUBJECTS = ["the price", "a delay", "the new rule", "the harbour board", "our plan"]
_MODAL_WORDS = ["Can", "Will", "Should", "Must", "Could", "Would", "Might"]
_VERBS = ["be", "have", "hurt", "raise", "change", "help"]


@given(
    subject=st.sampled_from(_SUBJECTS),
    modal=st.sampled_from(_MODAL_WORDS),
    verb=st.sampled_from(_VERBS),
)
@settings(max_examples=40, deadline=None)
def test_modal_capitalised_before_its_verb_is_lowercased_and_nothing_else(subject: str, modal: str, verb: str) -> None:
    requires.lexicon()
    _needs_dictionary()
    text = f"Growers said that {subject} {modal} {verb} the smaller farms this year."
    assert flagged("LK001", text) == [modal]
    assert fixed("LK001", text) == text.replace(f" {modal} ", f" {modal.lower()} ")


def test_grammar_slots_after_be_prepositions_and_names() -> None:
    requires.lexicon()
    _needs_dictionary()
    assert flagged("LK001", "Growers said it is Possible to plant twice.") == ["Possible"]
    assert flagged("LK001", "She was Chief of staff for a year.") == []  # an office word after "be"
    assert flagged("LK001", "The plan was to push Norway Into signing the accord.") == ["Into"]
    assert flagged("LK001", "The fans of Rise Against cheered all night.") == []  # a band's name
    assert flagged("LK001", "The glue is suitable Even for wet wood.") == ["Even"]
    assert flagged("LK001", "She read the novel Never Let Me Go on the train.") == []

"""BP001 beyond its corpus cases: options, fix safety, the seed article, speed on long lines."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from cleanup import Checker, Config
from cleanup.model import Applicability
from cleanup.rules.boilerplate import builtin_patterns
from cleanup.testing import findings, fixed

SEED = Path(__file__).resolve().parent.parent / "corpus" / "articles" / "seed.txt"


def _checker(**options: object) -> Checker:
    return Checker(Config(select=("BP001",), unsafe_fixes=True, options={"BP001": options}))


def test_seed_last_line_found_and_removed() -> None:
    text = SEED.read_text(encoding="utf-8")
    found = findings("BP001", text)
    assert [text[f.start : f.end] for f in found] == ["Read the original article at business insider"]
    assert found[0].fix is not None and found[0].fix.applicability is Applicability.SAFE
    result = Checker(Config(select=("BP001",))).fix(text)  # safe fixes only
    assert "Read the original article" not in result.text
    assert result.text == text[: text.rindex("Read the original")].rstrip()


def test_user_patterns_add_to_builtin() -> None:
    text = "Body text here.\n\nMore from our partners\n\nRead the original article at Reuters"
    assert not [f for f in findings("BP001", text) if "partners" in text[f.start : f.end]]
    result = _checker(patterns=["more from our partners"]).fix(text)
    assert result.text == "Body text here."


def test_builtin_can_be_switched_off() -> None:
    text = "Body text here.\n\nRead the original article at Reuters"
    assert not _checker(builtin=False).check(text)


def test_bad_user_pattern_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="BP001"):
        _checker(patterns=["(unclosed"]).check("Body.")
    with pytest.raises(ValueError, match="list"):
        _checker(patterns="just a string").check("Body.")


def test_middle_is_unsafe_edges_are_safe() -> None:
    text = "Follow us on Twitter\n\nFirst part.\n\nRead more: another story\n\nLast part.\n\nSubscribe now"
    kinds = {text[f.start : f.end]: f.fix.applicability for f in findings("BP001", text) if f.fix}
    assert kinds == {
        "Follow us on Twitter": Applicability.SAFE,
        "Read more: another story": Applicability.UNSAFE,
        "Subscribe now": Applicability.SAFE,
    }
    assert Checker(Config(select=("BP001",))).fix(text).text == "First part.\n\nRead more: another story\n\nLast part."
    assert fixed("BP001", text) == "First part.\n\nLast part."


def test_paragraph_structure_is_kept() -> None:
    text = "A one.\nRead more: x\n\nB two.\n\nClick here to subscribe\n\nC three.\n"
    assert fixed("BP001", text) == "A one.\n\nB two.\n\nC three.\n"


def test_every_reported_line_is_removed_in_markdown() -> None:
    """The removal spans the blank lines between blocks, which are not prose in Markdown."""
    text = (
        "Story continues below\n\nThe [talks](https://example.org) resume.\n\n"
        "Click here to read more.\n\nEnd.\n\nShare this article\n"
    )
    checker = Checker(Config(select=("BP001",), unsafe_fixes=True))
    assert len(checker.check(text, markup="markdown")) == 3
    assert checker.fix(text, markup="markdown").text == "The [talks](https://example.org) resume.\n\nEnd.\n"


def test_every_builtin_pattern_matches_a_line() -> None:
    examples = {
        "read-original": "Read the full story at The Guardian",
        "read-more": "READ MORE: Kyiv braces for winter",
        "originally-appeared": "This story was first published on Example News.",
        "continue-reading": "Continue reading the main story",
        "click-here": "Click here for more",
        "follow-us": "Join us on Facebook",
        "follow-outlet": "Follow Example News on Twitter",
        "share-article": "Share this article",
        "share-buttons": "Share | Tweet | Email",
        "newsletter": "Subscribe to our daily briefing",
        "inbox": "Get the best stories delivered to your inbox.",
        "subscribe-alone": "Subscribe today!",
        "app-prompt": "Download the Example News app",
        "join-channel": "Join our Telegram channel for updates",
        "bbc-image-furniture": "Image caption The bridge after the blast",
        "photo-agency-credit": "Photo: John Smith/Getty Images",
        "agency-credit-alone": "AFP via Getty Images",
        "advertisement": "Advertisement",
        "want-more": "Looking for the latest? Subscribe to our evening briefing.",
    }
    assert set(examples) == {p.name for p in builtin_patterns()}
    for name, line in examples.items():
        found = findings("BP001", f"Body.\n\n{line}")
        assert [f.message for f in found] == [f"Boilerplate line ({name}) at the end of the article"], line


def test_long_lines_are_cheap() -> None:
    text = ("Follow us on " + "word " * 20000 + "\n") * 5
    start = time.perf_counter()
    assert not findings("BP001", text)
    assert time.perf_counter() - start < 1.0


def test_markdown_link_line_is_flagged() -> None:
    text = "Body text.\n\nRead the original article at [Business Insider](https://example.com/a)\n"
    found = findings("BP001", text, markup="markdown")
    assert len(found) == 1

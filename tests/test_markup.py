"""Markdown alignment: every inline token is found in the source, so no paragraph drops out of prose."""

from __future__ import annotations

import pytest

from cleanup import Checker, Config
from cleanup.document import Document

SP001 = Checker(Config(select=("SP001",)))


def prose(text: str) -> str:
    doc = Document(text, markup="markdown")
    return "".join(text[s.start : s.end] for s in doc.prose)


@pytest.mark.parametrize(
    "src",
    [
        "AT&amp;T said it ended.Then it began.",  # named entity
        "Prices rose 5&#37; and it ended.Then it began.",  # numeric entity
        r"It was \*no\* joke, it ended.Then it began.",  # backslash escapes
        "It <b>ended</b> here, it ended.Then it began.",  # inline HTML
        "See <https://example.org/a.b> where it ended.Then it began.",  # autolink
        "An image ![a chart](chart.png) showed it ended.Then it began.",  # image
        "Read [the *full* report](https://x.org/r) &mdash; it ended.Then it began.",  # link and entity
    ],
)
def test_paragraph_with_any_inline_token_is_still_checked(src: str) -> None:
    found = SP001.check(src, markup="markdown")
    assert [src[f.start : f.end] for f in found] == ["."]
    assert found[0].start == src.index("ended.Then") + len("ended")
    fixed = SP001.fix(src, markup="markdown").text
    assert "ended. Then" in fixed and fixed.replace("ended. Then", "ended.Then") == src


def test_markup_characters_are_not_prose() -> None:
    src = r"AT&amp;T, \*no\*, <b>bold</b>, <https://x.org>, ![alt](i.png) and `code`."
    text = prose(src)
    assert "&amp;" not in text and "\\" not in text and "<b>" not in text
    assert "https://x.org" not in text and "i.png" not in text and "code" not in text
    assert "*no*" in text and "bold" in text and "AT" in text


def test_escaped_character_inside_a_link_anchor_is_anchor_text() -> None:
    src = r"See [\*the\* report](https://x.org/r) now."
    doc = Document(src, markup="markdown")
    assert [src[a.start : a.end] for a in doc.link_anchors] == [r"*the\* report"]

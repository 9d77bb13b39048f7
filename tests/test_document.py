"""The document model: prose, blocks, sentences, protected spans and link anchors."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup import Document
from cleanup.document import _BOUNDARY, _GLUED_CANDIDATE, _boundaries


def texts(doc: Document, spans: object) -> list[str]:
    return [doc.text[s.start : s.end] for s in spans]  # type: ignore[attr-defined]


def test_plain_text_blocks_and_sentences() -> None:
    doc = Document("Old mill in Velmora, Norway\n\n  • First item here.\n\n  • Second item.\n\nHe left. She stayed.")
    assert [b.kind for b in doc.blocks] == ["heading", "list_item", "list_item", "paragraph"]
    assert texts(doc, doc.sentences)[-2:] == ["He left.", "She stayed."]


def test_sentences_respect_abbreviations_and_numbers() -> None:
    doc = Document("Dr. Smith paid $3.5 million in the U.S. on Jan. 5 at 10 a.m. local time. Then he left.")
    assert texts(doc, doc.sentences) == [
        "Dr. Smith paid $3.5 million in the U.S. on Jan. 5 at 10 a.m. local time.", "Then he left."]  # fmt: skip


def test_glued_sentences_split() -> None:
    doc = Document("It began in Ukraine.Biden said so.")
    assert texts(doc, doc.sentences) == ["It began in Ukraine.", "Biden said so."]


def test_protected_spans() -> None:
    doc = Document("See https://nytimes.com/x?a=1, mail a@b.org or www.bbc.co.uk; 4,000 people, U.S. data.")
    assert texts(doc, doc.protected) == ["https://nytimes.com/x?a=1", "a@b.org", "www.bbc.co.uk", "4,000", "U.S."]


def test_markdown_prose_excludes_markup() -> None:
    src = (
        "---\ntitle: A page.With glue\n---\n# Heading\n\n"
        "See [the report](https://x.org/a.B) and `a.B` code.\n\n```\nfenced.Code\n```\n\n<div>html.Block</div>\n"
    )
    doc = Document(src, markup="markdown")
    prose = "".join(texts(doc, doc.prose))
    for markup in ("title:", "https://x.org", "a.B", "fenced.Code", "html.Block"):
        assert markup not in prose
    assert texts(doc, doc.link_anchors) == ["the report"]
    assert [b.kind for b in doc.blocks] == ["heading", "paragraph"]
    assert len(doc.masked) == len(src)


def test_markdown_lists_quotes_and_nested_anchor() -> None:
    src = "- one [*linked* text](u) here\n- two\n\n> quoted line\n"
    doc = Document(src, markup="markdown")
    assert [b.kind for b in doc.blocks] == ["list_item", "list_item", "quote"]
    assert texts(doc, doc.link_anchors) == ["linked* text"]  # first to last prose character of the anchor
    assert doc.masked.startswith("  one   linked  text     here\n")


def test_html_prose() -> None:
    src = "<html><head><title>T.x</title><style>p.a{}</style></head><body><p>See <a href='u'>this</a> now.</p>"
    src += "<script>var a='Ukraine.Biden'</script><li>item</li></body></html>"
    doc = Document(src, markup="html")
    assert texts(doc, doc.blocks) == ["See <a href='u'>this</a> now.", "item"]
    assert texts(doc, doc.link_anchors) == ["this"]
    assert "Ukraine.Biden" not in "".join(texts(doc, doc.prose))


def test_positions_with_crlf() -> None:
    doc = Document("ab\r\ncd\ref\ngh")
    assert [doc.position(i) for i in (0, 4, 7, 10)] == [(1, 1), (2, 1), (3, 1), (4, 1)]


_BOUNDARY_ALPHABET = "aZé É1 9.!?…”’\"')]\n\t\u00a0\u2009\x1cǅⒶ²ⅫΣσ٣"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_BOUNDARY_ALPHABET, max_size=40), st.integers(0, 40), st.integers(0, 40))
def test_boundary_scans_equal_the_single_pattern(text: str, a: int, b: int) -> None:
    """The two ``re`` scans (spaced ends, pre-scanned glued ends) find what ``_BOUNDARY`` finds."""
    start, end = min(a, b, len(text)), min(max(a, b), len(text))
    single = [(m.start("end"), m.end("end"), m.end()) for m in _BOUNDARY.finditer(text, start, end)]
    assert _boundaries(text, start, end, [c.start() for c in _GLUED_CANDIDATE.finditer(text)]) == single


def test_boundary_scans_on_glued_and_spaced_ends() -> None:
    text = "In 2024.The end... Then “Yes.” He left!Now Ünter.Élan 3.5 U.S.Army ok.” Ça"
    single = [(m.start("end"), m.end("end"), m.end()) for m in _BOUNDARY.finditer(text)]
    assert _boundaries(text, 0, len(text), [c.start() for c in _GLUED_CANDIDATE.finditer(text)]) == single
    assert [text[a:b] for a, b, _ in single] == [".", "...", ".”", "!", ".", ".”"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aZé É1 9.!?)”\nǅⒶΣσ", max_size=30))
def test_sp001_candidates_hold_every_glued_end(text: str) -> None:
    """SP001 tries its pattern only where the stdlib pre-scan points: no match is missed."""
    from cleanup.rules.spacing import _GLUED, _GLUED_CANDIDATE

    whole = [m.span(1) for m in _GLUED.finditer(text)]
    tried = [m.span(1) for c in _GLUED_CANDIDATE.finditer(text) if (m := _GLUED.match(text, c.start()))]
    assert tried == whole

"""Quotes rules: quotation marks that translation and scraping left broken or inconsistent.

All rules read the shared parse of the document's double quotation marks
(:mod:`cleanup.analysis.quotations`).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator
from functools import cache

import regex
from rapidfuzz import fuzz

from cleanup.analysis.conventions import conventions
from cleanup.analysis.quotations import CLOSING_OF, OPENING_OF, quotations
from cleanup.datafiles import load_toml
from cleanup.document import Document
from cleanup.model import Category, Edit, Finding, Fix, FixAvailability, RuleSpec, Severity
from cleanup.registry import rule

__all__ = [
    "colon_without_quotation",
    "glued_opening_quote",
    "house_quote_style",
    "mixed_quote_styles",
    "nested_same_quotes",
    "orphan_closing_quote",
    "padded_quote_marks",
    "quotation_rendered_twice",
    "unclosed_quote",
]

_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’\-]*+")
_NOT_WORD = regex.compile(r"[^\p{L}\p{N}]++")
_WINDOW = 64
_LONGEST_QUOTE = 1000  # characters: QT006 compares quotations up to this long
_RELATIVE = frozenset({"what", "how", "why", "which"})


@cache
def _speech_verbs() -> frozenset[str]:
    verbs = load_toml("quotes_words.toml")["speech_verbs"]
    assert isinstance(verbs, list)
    return frozenset(verbs)


def _next_block_opens_quote(doc: Document, index: int, skip_headings: bool = False) -> bool:
    """True when the next block (past up to three embed lines and captions) opens with a mark."""
    for nxt in doc.blocks[index + 1 : index + 5]:
        first = doc.masked[nxt.start : nxt.start + 1]
        if first and first in "“\"„«‘'`":
            return True
        if not (skip_headings and nxt.kind == "heading"):
            return False
    return False


def _sentence_start(doc: Document, offset: int) -> int:
    starts = doc.sentence_starts
    i = bisect.bisect_right(starts, offset) - 1
    return starts[i] if i >= 0 else 0


@rule(code="QT001", name="orphan-closing-quote", category=Category.QUOTES,
      severity=Severity.WARNING, fix=FixAvailability.ALWAYS)  # fmt: skip
def orphan_closing_quote(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag a closing quotation mark with no opening mark before it in its paragraph.

    Why: translation drops or moves an opening mark (``do.”Kill … eye.”``), or splits one
    quotation in two (``they saw.” We ordered them,” said Sergei``).
    The finding runs from where the opening mark most likely belongs to the orphan mark: just
    after a closing mark glued to the next word, else the start of the orphan's sentence.
    Fix (display only): insert the opening mark there.

    >>> [(f.fix.title, f.fix.edits[0].start) for f in findings("QT001", "We ordered them,” said Sergei.")]
    [("Insert '“' before 'We'", 0)]
    >>> fixed("QT001", "“We ordered them,” said Sergei. “Go.”")
    '“We ordered them,” said Sergei. “Go.”'
    """
    p = quotations(doc)
    if not p.orphans:
        return
    text = doc.masked
    previous = sorted(m.end for m in p.marks)
    for mark, index in p.orphans:
        block = doc.blocks[index]
        k = bisect.bisect_left(previous, mark.start) - 1
        lo = previous[k] if k >= 0 and previous[k] > block.start else block.start
        glued = lo > block.start and text[lo : lo + 1].isalpha()
        while lo < mark.start and text[lo].isspace():
            lo += 1
        guess = lo if glued else max(lo, _sentence_start(doc, mark.start))
        guess = min(guess, mark.start)
        opening = OPENING_OF[mark.style]
        where = text[guess : guess + 20].split(" ")[0]
        message = f"Closing quotation mark with no opening; it most likely opens before {where!r}"
        fix = Fix.display_only(f"Insert {opening!r} before {where!r}", Edit.insert(guess, opening))
        yield spec.finding(guess, mark.end, message, fix=fix)


@rule(code="QT002", name="unclosed-quote", category=Category.QUOTES,
      severity=Severity.WARNING, fix=FixAvailability.ALWAYS)  # fmt: skip
def unclosed_quote(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag an opening quotation mark that is not closed within its paragraph.

    Why: the closing mark was dropped in translation or when the text was cut.
    News style leaves a quotation open at the end of a paragraph when the speaker continues
    and the next paragraph opens with a mark; that stays silent.
    Fix (display only): close the quotation at the end of the paragraph.

    >>> flagged("QT002", "He said, “We will stay here.\\n\\nThen he left.")
    ['“']
    >>> flagged("QT002", "He said, “We will stay here.\\n\\n“And fight,” he said.")
    []
    """
    p = quotations(doc)
    for mark, index in p.unclosed:
        if _next_block_opens_quote(doc, index, skip_headings=True):
            continue
        block = doc.blocks[index]
        closing = CLOSING_OF[mark.style]
        yield spec.finding(mark.start, mark.end, "Quotation opened here is never closed in its paragraph",
                           fix=Fix.display_only(f"Insert {closing!r} at the end of the paragraph",
                                                Edit.insert(block.end, closing)))  # fmt: skip


@rule(code="QT003", name="nested-same-quotes", category=Category.QUOTES,
      severity=Severity.WARNING, fix=FixAvailability.ALWAYS)  # fmt: skip
def nested_same_quotes(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag a quotation inside a quotation that uses the same marks: ``“He said “no” to me.”``.

    Why: the inner quotation takes single marks; with the same marks a reader cannot tell
    where either quotation ends.
    Fix (unsafe): make the inner pair single marks.

    >>> fixed("QT003", "“He told me “no” twice,” she said.")
    '“He told me ‘no’ twice,” she said.'
    >>> fixed("QT003", "“He told me ‘no’ twice,” she said.")
    '“He told me ‘no’ twice,” she said.'
    """
    for opened, closed in quotations(doc).nested:
        single = ("‘", "’") if opened.style == "curly" else ("'", "'")
        if opened.style not in ("curly", "straight"):
            continue
        yield spec.finding(opened.start, closed.end, "Quotation nested in a quotation with the same marks",
                           fix=Fix.unsafe("Use single marks for the inner quotation",
                                          Edit.replace(opened.start, opened.end, single[0]),
                                          Edit.replace(closed.start, closed.end, single[1])))  # fmt: skip


@rule(code="QT004", name="mixed-quote-styles", category=Category.QUOTES,
      severity=Severity.INFO, fix=FixAvailability.SOMETIMES)  # fmt: skip
def mixed_quote_styles(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag a quotation mark in a style other than the document's dominant one.

    Why: pasted or translated passages bring their own marks (straight ``"`` among curly ones).
    Advisory (info): the text still reads correctly; edited news mixes styles too.
    Option ``style``: ``auto`` (default: the dominant style, when at least 80% of the marks
    use it), ``curly``, ``straight`` or ``off``. A file with straight quotes throughout is
    consistent and stays silent.
    Fix (safe): the dominant style's mark, where the mark's role is clear.

    >>> fixed("QT004", "“One,” “two,” “three” and \\"four\\" and “five.”")
    '“One,” “two,” “three” and “four” and “five.”'
    >>> fixed("QT004", '"One," "two," "three" and "four."')
    '"One," "two," "three" and "four."'
    """
    style = str(spec.option("style", "auto"))
    if style == "off":
        return
    marks = quotations(doc).marks
    if len({m.style for m in marks}) < 2:
        return
    if style == "auto":
        dominant = conventions(doc).quote_style
        if dominant is None:
            return
        style = dominant
    for m in marks:
        if m.style == style or style not in OPENING_OF:
            continue
        new = OPENING_OF[style] if m.opening else CLOSING_OF[style]
        fix = Fix.safe(f"Replace with {new!r}", Edit.replace(m.start, m.end, new)) if m.sure else None
        yield spec.finding(m.start, m.end, f"Quotation mark {doc.text[m.start:m.end]!r} differs from the document's "
                           f"{style} marks", fix=fix)  # fmt: skip


@rule(code="QT005", name="colon-without-quotation", category=Category.QUOTES,
      severity=Severity.WARNING, fix=FixAvailability.NEVER)  # fmt: skip
def colon_without_quotation(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag a paragraph that ends ``he replied:`` when no quotation follows.

    Why: the quoted paragraph was dropped in scraping or translation, or was moved.
    Silent when the next paragraph opens with a quotation mark, or is a list item or a
    block quotation, and at the very end of a text (an excerpt or a single segment).
    Fix: none; the missing words cannot be guessed.

    >>> flagged("QT005", "When she asked, he replied:\\n\\nThe war went on.")
    ['replied:']
    >>> flagged("QT005", "Asked why, he replied:\\n\\n“Because we had to.”")
    []
    """
    text = doc.masked
    verbs = _speech_verbs()
    blocks = doc.blocks
    for index, block in enumerate(blocks):
        if block.kind not in ("paragraph", "quote") or text[block.end - 1] != ":":
            continue
        if index + 1 == len(blocks):
            continue  # the text ends here: a cut-off excerpt or a single segment, not a lost quotation
        if blocks[index + 1].kind in ("list_item", "quote", "table") or _next_block_opens_quote(doc, index):
            continue
        tail = _WORD.findall(text, max(block.start, block.end - 80), block.end)[-7:]
        at_verb = next((k for k in range(len(tail) - 1, max(len(tail) - 5, -1), -1) if tail[k].lower() in verbs), None)
        if at_verb is None or any(w.lower() in _RELATIVE for w in tail[max(0, at_verb - 3) : at_verb]):
            continue  # "what PFF said about him:" introduces an embed, not a quotation
        if any(w.lower() in ("about", "of") for w in tail[at_verb + 1 :]):
            continue
        verb = tail[at_verb]
        at = text.rindex(verb, block.start, block.end)
        yield spec.finding(at, block.end, f"{text[at : block.end]!r} introduces a quotation that never comes")


# A quotation of ASCII and common non-ASCII punctuation (most of them) has its words in
# ``[a-z0-9]`` once lower-cased, whatever the Unicode version: stdlib ``re`` finds them fast.
_NOT_PLAIN = re.compile("[^\x00-\x7f‘’“”–—…\u00a0]")
_PLAIN_WORD = re.compile("[a-z0-9]+")


def _normal(s: str) -> str:
    """The words of ``s``, case-folded, joined by single spaces.

    >>> _normal("“We’re  here,” she said—Ça va?"), _normal("It’s 2 o’clock…")
    ('we re here she said ça va', 'it s 2 o clock')
    """
    if _NOT_PLAIN.search(s) is None:
        return " ".join(_PLAIN_WORD.findall(s.lower()))
    return _NOT_WORD.sub(" ", s.casefold()).strip()


def _plural_only(a: str, b: str) -> bool:
    """The quotations differ only by plural endings: a term quoted in the singular and the plural
    (``“near-miss event”`` … ``“near-miss events”``) is one rendering."""
    wa, wb = a.split(), b.split()
    return len(wa) == len(wb) and all(
        x == y or x + "s" == y or y + "s" == x or x + "es" == y or y + "es" == x for x, y in zip(wa, wb, strict=True)
    )


@rule(code="QT006", name="quotation-rendered-twice", category=Category.MT,
      severity=Severity.WARNING, fix=FixAvailability.NEVER)  # fmt: skip
def quotation_rendered_twice(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag the same quotation rendered two ways: ``“kill everyone we see”`` … ``“kill everyone we saw.”``.

    Why: each occurrence of a quotation was translated on its own, so the quoted words differ.
    Quotations of three or more words (and at most 1,000 characters) are compared (rapidfuzz
    ratio of 85 or more, after case and punctuation are set aside); partial quotations of a
    longer one are not flagged.
    Fix: none; which rendering is right needs the source.

    >>> flagged("QT006", "He was told to “kill everyone we see” there. Orders were to “kill everyone we saw.”")
    ['“kill everyone we saw.”']
    >>> flagged("QT006", "He was told to “kill everyone we see” there. Orders were to “kill everyone.”")
    []
    >>> flagged("QT006", "a “near-miss event” here and three “near-miss events” there")
    []
    """
    quotes: list[tuple[str, int, int]] = []
    for opened, closed in quotations(doc).pairs:
        if closed.start - opened.end > _LONGEST_QUOTE:
            continue  # bounds the work: nested pairs would otherwise slice the text once per level
        norm = _normal(doc.masked[opened.end : closed.start])
        if norm.count(" ") >= 2:
            quotes.append((norm, opened.start, closed.end))
    if len(quotes) < 2:
        return
    # compare quotations of similar length only (within 20%), at most _WINDOW neighbours each
    order = sorted(range(len(quotes)), key=lambda k: (len(quotes[k][0]), quotes[k][1]))
    earlier: dict[int, int] = {}
    for pos, j in enumerate(order):
        b = quotes[j][0]
        for i in order[max(0, pos - _WINDOW) : pos]:
            a = quotes[i][0]
            if len(a) < 0.8 * len(b) or a == b:
                continue
            first, later = (i, j) if quotes[i][1] < quotes[j][1] else (j, i)
            if later in earlier or fuzz.ratio(a, b, score_cutoff=85) == 0 or _plural_only(a, b):
                continue
            earlier[later] = first
    for later, first in sorted(earlier.items()):
        shown = doc.text[quotes[first][1] : quotes[first][2]]
        yield spec.finding(quotes[later][1], quotes[later][2], f"The same quotation appears earlier as {shown}")


@rule(code="QT007", name="padded-quote-marks", category=Category.QUOTES,
      severity=Severity.INFO, fix=FixAvailability.ALWAYS)  # fmt: skip
def padded_quote_marks(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag spaces inside curly quotation marks: ``“ text ”``.

    Why: tokenised translation output was detokenised without joining the marks.
    Guillemets stay alone (French style spaces them); straight marks are too ambiguous.
    Advisory (info): cosmetic; the quotation still reads correctly.
    Fix (safe): delete the spaces.

    >>> fixed("QT007", "he called it “ a crime ” in April")
    'he called it “a crime” in April'
    >>> fixed("QT007", "he called it “a crime” in April and « un crime »")
    'he called it “a crime” in April and « un crime »'
    """
    text = doc.masked
    for opened, closed in quotations(doc).pairs:
        if opened.style != "curly" or closed.style != "curly":
            continue
        a = opened.end
        while a < closed.start and text[a] in " \t":
            a += 1
        b = closed.start
        while b > a and text[b - 1] in " \t":
            b -= 1
        edits = [e for e in (Edit.delete(opened.end, a), Edit.delete(b, closed.start)) if e.end > e.start]
        if edits and b > a:
            yield spec.finding(opened.start, closed.end, "Spaces inside the quotation marks",
                               fix=Fix.safe("Delete the spaces", *edits))  # fmt: skip


@rule(code="QT008", name="glued-opening-quote", category=Category.QUOTES,
      severity=Severity.WARNING, fix=FixAvailability.ALWAYS)  # fmt: skip
def glued_opening_quote(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag an opening curly mark glued to the word before it: ``he said,“We``.

    Why: the space before a quotation was lost when it was pasted back after translation.
    Fix (safe): insert a space before the mark.

    >>> fixed("QT008", "he said,“We stay.”")
    'he said, “We stay.”'
    >>> fixed("QT008", "he said, “We stay.” (“Go”)")
    'he said, “We stay.” (“Go”)'
    """
    text = doc.masked
    for m in quotations(doc).marks:
        if m.style != "curly" or not m.opening or m.start == 0:
            continue
        before = text[m.start - 1]
        if (before.isalnum() or before in ".,;:!?") and text[m.end : m.end + 1].isalnum():
            yield spec.finding(m.start, m.end, "Opening quotation mark glued to the word before it",
                               fix=Fix.safe("Insert a space", Edit.insert(m.start, " ")))  # fmt: skip


_HOUSE_STYLES = ("curly", "straight")


@rule(code="QT009", name="house-quote-style", category=Category.QUOTES,
      severity=Severity.WARNING, fix=FixAvailability.SOMETIMES)  # fmt: skip
def house_quote_style(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag a double quotation mark that breaks the house style: ``"`` where the house uses ``“ ”``.

    Why: a style guide fixes one kind of mark, and translated or pasted passages bring the other.
    Off unless configured, since both styles are correct English: ``quote-style = "curly"``,
    ``"straight"`` or ``"auto"`` (the document's majority; a tie says nothing) in ``[tool.cleanup]``,
    or the option ``style`` of this rule.
    Fix (safe): the house style's mark, where the mark's role (opening or closing) is clear.

    >>> from cleanup import Checker, Config
    >>> checker = Checker(Config(select=("QT009",), options={"QT009": {"style": "curly"}}))
    >>> checker.fix('He said "yes" and “no.”').text
    'He said “yes” and “no.”'
    >>> flagged("QT009", 'He said "yes" and “no.”')  # not configured: silent
    []
    """
    style = str(spec.option("style", "off"))
    if style == "off":
        return
    marks = [m for m in quotations(doc).marks if m.style in _HOUSE_STYLES]
    if style not in (*_HOUSE_STYLES, "auto"):
        raise ValueError(f"QT009: style must be curly, straight, auto or off, not {style!r}")
    if style == "auto":
        ranked = Counter(m.style for m in marks).most_common()
        if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
            return
        style = ranked[0][0]
    for m in marks:
        if m.style == style:
            continue
        new = OPENING_OF[style] if m.opening else CLOSING_OF[style]
        fix = Fix.safe(f"Replace with {new!r}", Edit.replace(m.start, m.end, new)) if m.sure else None
        yield spec.finding(m.start, m.end, f"{doc.text[m.start:m.end]!r} breaks the house style ({style} quotation "
                           "marks)", fix=fix)  # fmt: skip

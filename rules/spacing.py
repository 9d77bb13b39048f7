"""Spacing rules: whitespace missing or doubled around sentence punctuation."""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

from cleanup.analysis.lexicon import mark_as_word, zipf
from cleanup.document import Document
from cleanup.markup import WHITE_SPACE
from cleanup.model import Category, Edit, Finding, Fix, FixAvailability, RuleSpec, Severity
from cleanup.registry import rule

__all__ = ["doubled_space", "missing_space_after_quote", "missing_space_after_sentence", "space_before_punctuation"]

_GLUED = regex.compile(r"(?<=\p{Ll}\p{Ll}|\d{4}|\))([.!?])(?=\p{Lu}\p{Ll})")
# Where ``_GLUED`` can match: a mark before A-Z or any non-ASCII character (a superset of
# ``\p{Lu}``), found by stdlib ``re``; ``_GLUED`` is tried only there.
_GLUED_CANDIDATE = re.compile(r"[.!?](?=[A-Z\x80-\U0010ffff])")
_GLUED_QUOTE = regex.compile(r"(?<=[\p{L}\d.!?,;…])([.!?,]?”)(?=[\p{L}\d])")
# A mark after a blank, anchored on the mark (far rarer than a blank); the run of blanks is
# extended leftwards in code. Stdlib re: literal classes, fast.
_SPACE_BEFORE = re.compile(f'[,.;:!?](?<=[ \\t][,.;:!?])(?=[{WHITE_SPACE}”’"]|$)')
_DOUBLED = re.compile(r"  ++")
_WORD_ZIPF = 2.5  # below this, a capitalised form is no common English word: "Medialogia", "Spravka"


@rule(code="SP001", name="missing-space-after-sentence", category=Category.SPACING,
      severity=Severity.WARNING, fix=FixAvailability.ALWAYS)  # fmt: skip
def missing_space_after_sentence(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag sentence punctuation glued to the next sentence, as in ``Ukraine.Biden``.

    Why: a dropped line break, or a caption merged into its photo credit.
    Fix (safe): insert one space after the mark; no letter changes.

    >>> fixed("SP001", "in Ukraine.Biden said, on September 17, 2022.Evgeny Maloletka/AP")
    'in Ukraine. Biden said, on September 17, 2022. Evgeny Maloletka/AP'
    >>> fixed("SP001", "see nytimes.com or Booking.com on U.S.Army policy, 3.5 times")
    'see nytimes.com or Booking.com on U.S.Army policy, 3.5 times'
    >>> fixed("SP001", "data from Medialogia.Spravka show it")  # a brand: neither part an English word
    'data from Medialogia.Spravka show it'
    """
    text = doc.masked
    for c in _GLUED_CANDIDATE.finditer(text):
        m = _GLUED.match(text, c.start())
        if m is None:
            continue
        at = m.start(1)
        if doc.is_protected(at) or (m[1] == "." and doc.is_abbreviation(at)):
            continue
        if _inside_token(text, at) or (m[1] == "." and _dotted_name(_dotted_form(text, at))):
            continue
        yield spec.finding(at, m.end(1), f"No space after {m[1]!r} before the next sentence",
                           fix=Fix.safe("Insert a space", Edit.insert(m.end(1), " ")))  # fmt: skip


def _dotted_form(text: str, at: int) -> str:
    """The letters either side of the period at ``at``: ``Medialogia.Spravka``."""
    start = at
    while start > max(0, at - 64) and text[start - 1].isalpha():
        start -= 1
    end = at + 1
    while end < min(len(text), at + 65) and text[end].isalpha():
        end += 1
    return text[start:end]


def _dotted_name(form: str) -> bool:
    """True for a brand written with an inner period, as in ``Medialogia.Spravka``, not two glued sentences:
    neither part is a word of English (a glued sentence ends on a word and starts on a word or a
    known name)."""
    before, _, after = form.partition(".")
    return before[:1].isupper() and max(zipf(before.lower()), zipf(after.lower())) < _WORD_ZIPF


def _inside_token(text: str, at: int) -> bool:
    """True for identifiers like ``Booking.com`` or ``file.Name``: a capital run before the dot."""
    start, floor = at, max(0, at - 64)  # bounded, so a line without spaces costs O(1) per dot
    while start > floor and not text[start - 1].isspace():
        start -= 1
    word = text[start:at]
    return any(c.isupper() for c in word[1:]) and word[:1] not in "(“\"‘'"


@rule(code="SP002", name="missing-space-after-quote", category=Category.SPACING,
      severity=Severity.WARNING, fix=FixAvailability.ALWAYS)  # fmt: skip
def missing_space_after_quote(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag a closing quotation mark glued to the next word, as in ``do.”Kill``.

    Why: the space was lost when a quotation was pasted back after translation.
    Fix (safe): insert one space after the mark.

    >>> fixed("SP002", "what we do.”Kill them")
    'what we do.” Kill them'
    >>> fixed("SP002", "he said “no,” and left; funding were ”dwindling” (a misused opening mark)")
    'he said “no,” and left; funding were ”dwindling” (a misused opening mark)'
    """
    for m in _GLUED_QUOTE.finditer(doc.masked):
        yield spec.finding(m.start(1), m.end(1), "Closing quotation mark glued to the next word",
                           fix=Fix.safe("Insert a space", Edit.insert(m.end(1), " ")))  # fmt: skip


@rule(code="SP003", name="space-before-punctuation", category=Category.SPACING,
      severity=Severity.WARNING, fix=FixAvailability.ALWAYS)  # fmt: skip
def space_before_punctuation(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag whitespace before ``, . ; : ! ?``, as in ``the war , he said``.

    Why: tokenised machine-translation output is detokenised badly.
    Fix (safe): delete the whitespace.

    >>> fixed("SP003", "the war , he said . Then : nothing !")
    'the war, he said. Then: nothing!'
    >>> fixed("SP003", "ratio of 3 : 1 is .5 and ... trailing ellipsis")
    'ratio of 3 : 1 is .5 and ... trailing ellipsis'
    """
    text = doc.masked
    for m in _SPACE_BEFORE.finditer(text):
        mark = m.start()
        start = mark - 1
        while start > 0 and text[start - 1] in " \t":
            start -= 1
        if start == 0 or not (text[start - 1].isalnum() or text[start - 1] in ")”’"):
            continue
        if mark_as_word(text, mark):
            continue  # the mark stands for a noun: "Too many ? in this drama"
        if not doc.in_prose(start, mark + 1):
            continue  # the blank is markup: "[the report](https://…)." has no space before its period
        if text[mark] == ":" and (text[start - 1].isdigit() or text[mark + 1 : mark + 3].strip()[:1].isdigit()):
            continue  # a ratio, a time or a label: "3 : 1", "VIP : 60,000"
        fix = Fix.safe("Delete the space", Edit.delete(start, mark))
        yield spec.finding(start, mark + 1, f"Space before {text[mark]!r}", fix=fix)


@rule(code="SP004", name="doubled-space", category=Category.SPACING,
      severity=Severity.INFO, fix=FixAvailability.ALWAYS)  # fmt: skip
def doubled_space(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag two or three spaces between words inside a sentence.

    Why: a word was dropped or a link removed, leaving its spaces behind.
    Two spaces after a sentence end are a typing convention and stay.
    Fix (safe): replace the run with one space.

    >>> fixed("SP004", "the  war in  Ukraine")
    'the war in Ukraine'
    >>> fixed("SP004", "It ended.  Then it began.")
    'It ended.  Then it began.'
    """
    text = doc.masked
    for m in _DOUBLED.finditer(text):
        start, end = m.span()
        if end - start > 3 or start == 0 or end == len(text):
            continue
        if not (text[start - 1].isalnum() or text[start - 1] in ",;") or not text[end].isalnum():
            continue
        if not doc.in_prose(start - 1, end + 1):
            continue  # markup between the words, blanked: "an *em* word", "[a](b)  c"
        fix = Fix.safe("Replace with one space", Edit.replace(start, end, " "))
        yield spec.finding(start, end, "Doubled space inside a sentence", fix=fix)

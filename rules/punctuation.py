"""Punctuation rules: doubled or glued marks left by translation and scraping."""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

from cleanup.analysis.conventions import conventions
from cleanup.document import Document
from cleanup.markup import WHITE_SPACE
from cleanup.model import Category, Edit, Finding, Fix, FixAvailability, RuleSpec, Severity
from cleanup.registry import rule

__all__ = ["doubled_comma", "doubled_period", "glued_ellipsis", "space_inside_brackets"]

_DOUBLED_PERIOD = regex.compile(r"(?<=[\p{L}\d”’\"])\.\.(?![./\\])")
_GLUED_ELLIPSIS = regex.compile(r"(?<=\p{L})(?:…|\.\.\.)(\.?)(?=\p{L})")
# A doubled comma or semicolon after a character that is no white space (stdlib re, anchored on the mark).
_DOUBLED_COMMA = re.compile(f"([,;])(?<=[^{WHITE_SPACE}][,;])\\1++")
# A bracket with the character on its inner side (and, for an opening one, the one before it).
_BRACKET = re.compile(r"[(\[\])]")
_PAIRS = {")": "(", "]": "["}


@rule(code="PU001", name="doubled-period", category=Category.PUNCTUATION,
      severity=Severity.WARNING, fix=FixAvailability.ALWAYS)  # fmt: skip
def doubled_period(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag two periods where one belongs, as in ``position..that’s``.

    Why: a sentence end and a fragment's period merged in translation.
    An ellipsis (three or more) is not flagged.
    Fix (safe): keep one period, and a space before a following word. Before a
    lower-case word the two periods are mid-sentence, not a sentence end: they
    become an ellipsis in the document's style (``…`` or ``...``), so the fix
    never starts a sentence in lower case.

    >>> fixed("PU001", "our position..that’s what. He left..")
    'our position... that’s what. He left.'
    >>> fixed("PU001", "Wait... what? See ../docs or www.x.com.")
    'Wait... what? See ../docs or www.x.com.'
    """
    text = doc.masked
    ellipsis: str | None = None
    for m in _DOUBLED_PERIOD.finditer(text):
        if doc.is_protected(m.start()):
            continue
        follow = text[m.end() : m.end() + 1]
        after = text[m.end() : m.end() + 2].lstrip(" ")[:1]
        space = " " if follow.isalpha() else ""
        if after.islower():
            if ellipsis is None:  # the document's own style, looked up once
                ellipsis = "…" if "…" in text and "..." not in text else "..."
            title, replacement = "Replace with an ellipsis", ellipsis + space
        else:
            title, replacement = "Replace with one period", "." + space
        fix = Fix.safe(title, Edit.replace(m.start(), m.end(), replacement))
        yield spec.finding(m.start(), m.end(), "Doubled period", fix=fix)


@rule(code="PU002", name="glued-ellipsis", category=Category.PUNCTUATION,
      severity=Severity.WARNING, fix=FixAvailability.ALWAYS)  # fmt: skip
def glued_ellipsis(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag an ellipsis (with or without a period) glued to the next word: ``forest….I’ve``.

    Why: the space after a trailing-off sentence was lost in translation. A document that
    writes its ellipses unspaced throughout (``crisis...only``) follows a house style: silent.
    Fix (safe): insert a space after the marks.

    >>> fixed("PU002", "into the forest….I’ve already")
    'into the forest…. I’ve already'
    >>> fixed("PU002", "our position…. So it was decided, and “…and then”")
    'our position…. So it was decided, and “…and then”'
    >>> flagged("PU002", "They promised a plan...then a review...then nothing.")
    []
    """
    text = doc.masked
    if "…" not in text and "..." not in text:
        return  # no ellipsis at all: decided by two C-level substring searches
    for m in _GLUED_ELLIPSIS.finditer(text):
        if conventions(doc).unspaced_ellipsis:
            return  # the document's house style: "a crisis...only to be", "wait...and wait"
        yield spec.finding(m.start(), m.end(), "Ellipsis glued to the next word",
                           fix=Fix.safe("Insert a space", Edit.insert(m.end(), " ")))  # fmt: skip


@rule(code="PU003", name="doubled-comma", category=Category.PUNCTUATION,
      severity=Severity.WARNING, fix=FixAvailability.ALWAYS)  # fmt: skip
def doubled_comma(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag a comma or semicolon typed twice, as in ``Kyiv,, Ukraine``.

    Why: two fragments joined by the translator each kept their mark.
    Fix (safe): keep one mark.

    >>> fixed("PU003", "in Kyiv,, Ukraine;; then")
    'in Kyiv, Ukraine; then'
    >>> fixed("PU003", "in Kyiv, Ukraine; then")
    'in Kyiv, Ukraine; then'
    """
    for m in _DOUBLED_COMMA.finditer(doc.masked):
        yield spec.finding(m.start(), m.end(), f"Doubled {m[1]!r}",
                           fix=Fix.safe(f"Keep one {m[1]!r}", Edit.replace(m.start(), m.end(), m[1])))  # fmt: skip


@rule(code="PU004", name="space-inside-brackets", category=Category.PUNCTUATION,
      severity=Severity.INFO, fix=FixAvailability.ALWAYS)  # fmt: skip
def space_inside_brackets(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag a space inside one side of a pair of brackets: ``( National Office)``, ``[ source: AP]``.

    Why: machine translation tokenises around brackets and leaves a space when it joins the
    words again; edited English does not write a pair spaced on one side only. A pair spaced on
    both sides (``( Photo: AP )``) may be a house style and is left alone, as are empty brackets
    (a Markdown task box ``[ ]``) and an emoticon (``:( but``). A suggestion, like a doubled
    space (SP004): raters of MT mark it, but it is cosmetic.
    Fix (safe): remove the space.

    >>> fixed("PU004", "The school ( the Academy) opened. [Editor: Li ] [ AP ]")
    'The school (the Academy) opened. [Editor: Li] [ AP ]'
    >>> flagged("PU004", "A list: [ ] milk, (see below), [1], f(x) and :( sad.")
    []
    """
    text = doc.masked
    if "( " not in text and "[ " not in text and " )" not in text and " ]" not in text:
        return  # no spaced bracket at all: four C-level substring searches
    open_at: list[int] = []
    for m in _BRACKET.finditer(text):
        at = m.start()
        if text[at] in "([":
            open_at.append(at)
            continue
        if not open_at or text[open_at[-1]] != _PAIRS[text[at]]:
            open_at.clear()  # unbalanced: judge nothing across it
            continue
        start = open_at.pop()
        inside = text[start + 1 : at]
        if not inside.strip() or "\n" in inside or (start and text[start - 1] in ":;="):
            continue  # empty, across a line, or an emoticon
        lead, trail = len(inside) - len(inside.lstrip(" \t")), len(inside) - len(inside.rstrip(" \t"))
        if bool(lead) == bool(trail) or doc.is_protected(start):
            continue  # both sides alike: written so on purpose
        a, b = (start + 1, start + 1 + lead) if lead else (at - trail, at)
        fix = Fix.safe("Remove the space", Edit.replace(a, b, ""))
        yield spec.finding(start if lead else a, b if lead else at + 1, "Space inside a bracket", fix=fix)

"""Boilerplate rules: syndication, share and credit lines scraped along with the article.

The patterns are data (``rules/data/boilerplate.toml``), matched against whole
short lines; users add their own with the ``patterns`` option of BP001.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from cleanup.datafiles import load_toml
from cleanup.document import Document
from cleanup.model import Category, Edit, Finding, Fix, FixAvailability, RuleSpec, Severity
from cleanup.registry import rule
from cleanup.spans import Span

__all__ = ["Pattern", "boilerplate_line", "builtin_patterns", "compile_patterns"]

# What may surround the matched words on the line: bullets, brackets, dashes and closing marks.
_LEAD = r"[\s*_#>•·▪–—\-(\[|]*+"
_TRAIL = r"[\s.!:;…»›>)\]|*_]*+"
_MAX_CHARS = 300
_LINE_CONTENT = re.compile(r"[^\r\n]++")  # a line without its line break, when not empty


@dataclass(frozen=True, slots=True)
class Pattern:
    """A named boilerplate pattern (a regular expression for the words of a whole line)."""

    name: str
    source: str


@dataclass(frozen=True, slots=True)
class _Matcher:
    """All patterns in one alternation, tried with one ``fullmatch`` per short line."""

    names: tuple[str, ...]
    compiled: regex.Pattern[str]

    def match(self, line: str) -> str | None:
        m = self.compiled.fullmatch(line)
        return self.names[int(m.lastgroup[1:])] if m and m.lastgroup else None


def _check(p: Pattern) -> Pattern:
    try:
        regex.compile(p.source, regex.IGNORECASE | regex.V0)
    except regex.error as exc:
        raise ValueError(f"BP001: bad pattern {p.name!r}: {exc}") from exc
    return p


@lru_cache(maxsize=64)
def _matcher(patterns: tuple[Pattern, ...]) -> _Matcher:
    body = "|".join(f"(?P<p{i}>{p.source})" for i, p in enumerate(patterns))
    return _Matcher(tuple(p.name for p in patterns), regex.compile(f"{_LEAD}(?:{body}){_TRAIL}", regex.IGNORECASE))


@cache
def _data() -> tuple[int, tuple[Pattern, ...]]:
    data = load_toml("boilerplate.toml")
    entries, max_words = data["pattern"], data["max_words"]
    assert isinstance(entries, list) and isinstance(max_words, int)
    return max_words, tuple(_check(Pattern(p["name"], p["regex"])) for p in entries)


def builtin_patterns() -> tuple[Pattern, ...]:
    """The patterns shipped in ``rules/data/boilerplate.toml``.

    >>> "read-original" in [p.name for p in builtin_patterns()]
    True
    """
    return _data()[1]


def compile_patterns(sources: Sequence[str]) -> tuple[Pattern, ...]:
    """User patterns (regular expressions) from the ``patterns`` option, checked.

    >>> [p.name for p in compile_patterns(["more from our partners"])]
    ['user:more from our partners']
    """
    return tuple(_check(Pattern(f"user:{s}", s)) for s in sources)


def _configured(spec: RuleSpec) -> _Matcher:
    option = spec.option("patterns", [])
    if isinstance(option, str) or not isinstance(option, Sequence):
        raise ValueError("BP001: the 'patterns' option must be a list of regular expressions")
    return _matcher_for(bool(spec.option("builtin", True)), tuple(str(s) for s in option))


@lru_cache(maxsize=64)
def _matcher_for(builtin: bool, user: tuple[str, ...]) -> _Matcher:
    return _matcher((builtin_patterns() if builtin else ()) + compile_patterns(user))


@rule(code="BP001", name="boilerplate-line", category=Category.BOILERPLATE,
      severity=Severity.WARNING, fix=FixAvailability.ALWAYS)  # fmt: skip
def boilerplate_line(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag a whole line of boilerplate: ``Read the original article at …``, ``Follow us on …``.

    Why: aggregators and scrapers append syndication notes, share prompts,
    newsletter prompts and image credits that are not part of the article.
    Only short lines (at most 25 words) that match a pattern from end to end
    are flagged, so prose that mentions following or subscribing is left alone.
    Options: ``patterns`` (a list of regular expressions, added to the built-in
    ones) and ``builtin`` (false to use only your own).
    Fix: remove the line with its line break (and the blank lines of its
    paragraph break). Safe at the start or end of the article, where only
    boilerplate lies between the line and the edge; unsafe in the middle.

    >>> fixed("BP001", "Kyiv was shelled again.\\n\\nRead the original article at business insider")
    'Kyiv was shelled again.'
    >>> fixed("BP001", "Read the report. Supporters follow us on Twitter, she said.\\nSubscribe to our values.")
    'Read the report. Supporters follow us on Twitter, she said.\\nSubscribe to our values.'
    """
    text = doc.masked
    max_words = _data()[0]
    matcher = _configured(spec)
    # the lines that hold more than white space, as strings first: their spans only when one is a hit
    lines = [line for line in _LINE_CONTENT.findall(text) if not line.isspace()]
    hits: dict[int, str] = {}
    for k, line in enumerate(lines):
        if len(line) > _MAX_CHARS or len(line.split()) > max_words:
            continue
        name = matcher.match(line)
        if name is not None:
            hits[k] = name
    if not hits:
        return
    content = [Span(*m.span()) for m in _LINE_CONTENT.finditer(text) if not m[0].isspace()]
    for k, name in hits.items():
        span = content[k]
        at_start = all(i in hits for i in range(k))
        at_end = all(i in hits for i in range(k + 1, len(content)))
        edit = _removal(doc, content, k)
        title = "Remove the line"
        fix = Fix.safe(title, edit) if at_start or at_end else Fix.unsafe(title, edit)
        start, end = _trimmed(text, span)
        where = "at the start" if at_start else "at the end" if at_end else "in the middle"
        yield spec.finding(start, end, f"Boilerplate line ({name}) {where} of the article", fix=fix)


def _trimmed(text: str, span: Span) -> tuple[int, int]:
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _removal(doc: Document, content: list[Span], k: int) -> Edit:
    """The edit removing content line ``k`` so that the paragraphs around it stay as they were.

    Inside a paragraph (or at its end) the line goes with the line break before it;
    at a paragraph's start it goes with its own line break and the blank lines after.
    """
    span = content[k]
    line_no = doc.position(span.start)[0] - 1
    previous = content[k - 1] if k > 0 else None
    joined_to_previous = previous is not None and doc.position(previous.start)[0] - 1 == line_no - 1
    if joined_to_previous and previous is not None:
        return Edit.delete(previous.end, span.end)
    if k + 1 < len(content):
        return Edit.delete(span.start, content[k + 1].start)
    if previous is not None:
        return Edit.delete(previous.end, span.end)
    return Edit.delete(span.start, span.end)

"""The document model: source text plus the views rules read.

A :class:`Document` is built once per text and shared by every rule. It
records which characters are prose (Markdown and HTML markup are not), the
blocks (paragraphs, headings, list items) and sentences with their offsets,
protected spans (URLs, e-mail addresses, numbers, abbreviations) and, where
the markup says so, the boundaries of link anchor text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from itertools import starmap
from typing import Literal, TypeVar

import regex

from cleanup.abbreviations import Abbreviations, is_abbreviation_before, learned_abbreviations
from cleanup.abbreviations import abbreviations as abbreviation_lists
from cleanup.caching import cached_property
from cleanup.markup import WHITE_SPACE, parse_html, parse_markdown, parse_text
from cleanup.protect import protected_spans
from cleanup.spans import Block, Sentence, Span

__all__ = ["Block", "Document", "Markup", "Sentence", "Span"]

T = TypeVar("T")

Markup = Literal["text", "markdown", "html"]


# A sentence ends at . ! ? or … (plus closing quotes and brackets) followed by
# whitespace, or glued directly to a capitalised word ("Ukraine.Biden"). A match starts
# only at the first mark of a run, so a long run of dots is scanned once, not once per dot.
_BOUNDARY = regex.compile(
    r"""
      (?<![.!?…])(?P<end>[.!?…]++[”’"')\]]*+)(?P<gap>\s++)
    | (?<=\p{L}{2}|\d{4})(?P<end>[.!?][”’"]?+)(?P<gap>)(?=\p{Lu}\p{Ll})
    """,
    regex.VERBOSE,
)
# ``_BOUNDARY`` in two scans that find the same matches (the two alternatives never overlap):
# the first alternative in stdlib ``re`` (literal classes only, several times faster), and
# the glued one, rare, tried by ``_GLUED`` only where a cheap ``re`` pre-scan finds a mark
# after a letter or digit and before a capital (A-Z or any non-ASCII character, a superset
# of ``\p{Lu}`` whatever the Unicode version of ``regex``).
_SPACED = re.compile(f"([.!?…](?<![.!?…]{{2}})[.!?…]*+[”’\"')\\]]*+)([{WHITE_SPACE}]++)")
_GLUED_CANDIDATE = re.compile(
    r"[.!?](?<=[^\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f][.!?])(?=[”’\"]?+[^\x00-\x40\x5b-\x7f])"
)
_GLUED = regex.compile(r"(?<=\p{L}{2}|\d{4})[.!?][”’\"]?+(?=\p{Lu}\p{Ll})")

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class Document:
    """Source text plus the shared views rules read. Rules never change it.

    >>> doc = Document("He left.  She stayed in the U.S. for 3.5 years.")
    >>> [doc.text[s.start:s.end] for s in doc.sentences]
    ['He left.', 'She stayed in the U.S. for 3.5 years.']
    >>> doc.position(10)
    (1, 11)
    >>> doc.is_protected(doc.text.index("3.5") + 1)
    True
    """

    def __init__(
        self,
        text: str,
        path: str | None = None,
        markup: Markup = "text",
        *,
        source: str | None = None,
        source_lang: str | None = None,
        abbreviations: Sequence[str] = (),
    ) -> None:
        self.text = text
        self.path = path
        self.markup: Markup = markup
        self.source = source
        """The text this one was translated from, when the user has it (read by source-aware rules)."""
        self.source_lang = source_lang
        """The source's language code (``ja``), or None when unknown."""
        self.user_abbreviations = tuple(abbreviations)
        """The user's own abbreviations (``abbreviations`` in ``[tool.cleanup]``)."""
        self._memo: dict[Callable[[Document], object], object] = {}

    def __repr__(self) -> str:
        return f"Document(path={self.path!r}, markup={self.markup!r}, chars={len(self.text)})"

    def memo(self, analysis: Callable[[Document], T]) -> T:
        """``analysis(self)``, computed once per document and keyed by the function itself.

        Shared analyses (``cleanup.analysis``) are module-level functions, so every rule that
        asks for one gets the same result.

        >>> def count(d: Document) -> int:
        ...     return len(d.text.split())
        >>> doc = Document("One two.")
        >>> doc.memo(count), doc.memo(count) is doc.memo(count)
        (2, True)
        """
        try:
            return self._memo[analysis]  # type: ignore[return-value]
        except KeyError:
            value = self._memo[analysis] = analysis(self)
            return value

    # -- lines -------------------------------------------------------------
    @cached_property
    def _line_breaks(self) -> list[tuple[int, int]]:
        return [m.span() for m in _LINE_BREAK.finditer(self.text)]

    @cached_property
    def line_starts(self) -> list[int]:
        return [0, *(end for _, end in self._line_breaks)]

    @cached_property
    def lines(self) -> list[Span]:
        """Each line's span, line ending excluded."""
        ends = [start for start, _ in self._line_breaks]
        ends.append(len(self.text))
        return list(map(Span, self.line_starts, ends))

    def line(self, index: int) -> Span:
        """Line ``index``'s span, line ending excluded (``lines[index]``, without building every line).

        >>> doc = Document("one\\r\\ntwo\\nthree")
        >>> [doc.line(i) == doc.lines[i] for i in range(3)]
        [True, True, True]
        """
        breaks = self._line_breaks
        return Span(self.line_starts[index], breaks[index][0] if index < len(breaks) else len(self.text))

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a ``str`` offset."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    # -- markup ------------------------------------------------------------
    @cached_property
    def _parsed(self) -> tuple[list[Span], list[Block], list[Span]]:
        if self.markup == "markdown":
            return parse_markdown(self.text)
        if self.markup == "html":
            return parse_html(self.text)
        return parse_text(self.text)

    @cached_property
    def prose(self) -> list[Span]:
        """Sorted, disjoint spans of prose; everything else is markup."""
        return self._parsed[0]

    @cached_property
    def blocks(self) -> list[Block]:
        """Paragraphs, headings, list items, quotes and table cells, in order."""
        return self._parsed[1]

    @property
    def paragraphs(self) -> list[Block]:
        return self.blocks

    @cached_property
    def link_anchors(self) -> list[Span]:
        """Spans of link anchor text, where the markup records them."""
        return self._parsed[2]

    @cached_property
    def masked(self) -> str:
        """The text with every non-prose character replaced by a space (newlines kept).

        Same length as ``text``, so offsets carry over unchanged.
        """
        if self.markup == "text":
            return self.text
        out: list[str] = []
        last = 0
        for span in self.prose:
            out.append(_blank(self.text[last : span.start]))
            out.append(self.text[span.start : span.end])
            last = span.end
        out.append(_blank(self.text[last:]))
        return "".join(out)

    @cached_property
    def _prose_starts(self) -> list[int]:
        return [s.start for s in self.prose]

    def in_prose(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` lies inside one prose span."""
        if self.markup == "text":
            return True
        i = bisect.bisect_right(self._prose_starts, start) - 1
        if i < 0:
            return False
        span = self.prose[i]
        return span.start <= start and end <= span.end

    # -- abbreviations ------------------------------------------------------
    @cached_property
    def abbreviations(self) -> Abbreviations:
        """The abbreviation lists this document is read with: the shipped ones and the user's."""
        return abbreviation_lists(self.user_abbreviations)

    @cached_property
    def learned_abbreviations(self) -> frozenset[str]:
        """Abbreviations the document teaches by its own use (``all ID. models``, ``the ID. family``)."""
        return learned_abbreviations(self.masked, self.abbreviations)

    def is_abbreviation(self, dot: int) -> bool:
        """True when the period at ``dot`` closes an abbreviation, an initial or a unit, not a sentence.

        >>> doc = Document("Add 1 tsp. olive oil. Stir.", abbreviations=["stir"])
        >>> [doc.is_abbreviation(i) for i, c in enumerate(doc.text) if c == "."]
        [True, False, True]
        """
        return is_abbreviation_before(self.masked, dot, self.abbreviations, self.learned_abbreviations)

    # -- protected spans ---------------------------------------------------
    @cached_property
    def protected(self) -> list[Span]:
        """URLs, e-mail addresses, domains, handles, numbers and abbreviations."""
        return list(starmap(Span, protected_spans(self.masked, self.abbreviations, self.learned_abbreviations)))

    @cached_property
    def _protected_starts(self) -> list[int]:
        return [s.start for s in self.protected]

    def protected_at(self, offset: int) -> Span | None:
        """The protected span containing ``offset``, if any."""
        i = bisect.bisect_right(self._protected_starts, offset) - 1
        if i >= 0 and self.protected[i].start <= offset < self.protected[i].end:
            return self.protected[i]
        return None

    def is_protected(self, offset: int) -> bool:
        return self.protected_at(offset) is not None

    def touches_protected(self, start: int, end: int) -> bool:
        """True when an edit of ``[start, end)`` would change a protected span's inside."""
        i = bisect.bisect_right(self._protected_starts, max(start, end - 1)) - 1
        while i >= 0 and self.protected[i].end > start:
            span = self.protected[i]
            if start == end:
                if span.start < start < span.end:
                    return True
            elif span.start < end and start < span.end:
                return True
            i -= 1
        return False

    # -- sentences ---------------------------------------------------------
    @cached_property
    def sentences(self) -> list[Sentence]:
        """Sentences of every block, split at sentence punctuation.

        Abbreviations, initials, numbers and URLs do not end a sentence.
        """
        out: list[Sentence] = []
        masked = self.masked
        known: Abbreviations | None = None
        glued = [c.start() for c in _GLUED_CANDIDATE.finditer(masked)]  # where a glued end may lie: rare
        for index, block in enumerate(self.blocks):
            start = _skip_space(masked, block.start, block.end)
            for end_mark, end, gap_end in _boundaries(masked, block.start, block.end, glued):
                if masked[end_mark] == ".":
                    if known is None:  # read only once a period ends a sentence candidate
                        known, learned = self.abbreviations, self.learned_abbreviations
                        protected, protected_starts = self.protected, self._protected_starts
                    i = bisect.bisect_right(protected_starts, end_mark) - 1
                    if (
                        (i >= 0 and end_mark < protected[i].end)
                        or is_abbreviation_before(masked, end_mark, known, learned)
                    ) and masked.count("\n", end, gap_end) < 2:  # an abbreviation before a blank line ends one
                        continue
                if end > start:
                    out.append(Sentence(start, end, index))
                start = gap_end
            end = _trim_end(masked, start, block.end)
            if end > start:
                out.append(Sentence(start, end, index))
        return out

    def sentences_in(self, block: int) -> Sequence[Sentence]:
        """The sentences of one block."""
        bounds = self._sentence_bounds
        return self.sentences[bounds[block] : bounds[block + 1]] if 0 <= block < len(bounds) - 1 else []

    @cached_property
    def _sentence_bounds(self) -> list[int]:
        """Index of the first sentence of each block (and, last, the number of sentences)."""
        blocks = self._sentence_blocks
        return [bisect.bisect_left(blocks, b) for b in range(len(self.blocks) + 1)]

    @cached_property
    def sentence_starts(self) -> list[int]:
        """The start offset of each sentence, for bisecting."""
        return [s.start for s in self.sentences]

    @cached_property
    def _sentence_blocks(self) -> list[int]:
        return [s.block for s in self.sentences]

    def block_at(self, offset: int) -> Block | None:
        i = bisect.bisect_right(self._block_starts, offset) - 1
        if i >= 0 and self.blocks[i].start <= offset < self.blocks[i].end:
            return self.blocks[i]
        return None

    @cached_property
    def _block_starts(self) -> list[int]:
        return [b.start for b in self.blocks]


def _blank(s: str) -> str:
    return "".join(c if c in "\r\n" else " " for c in s) if s else s


def _skip_space(s: str, i: int, end: int) -> int:
    while i < end and s[i].isspace():
        i += 1
    return i


def _trim_end(s: str, start: int, end: int) -> int:
    while end > start and s[end - 1].isspace():
        end -= 1
    return end


def _boundaries(text: str, start: int, end: int, glued: list[int]) -> list[tuple[int, int, int]]:
    """``(end mark, end of the end, end of the gap after it)`` of each match of ``_BOUNDARY`` in
    ``text[start:end]``, in order; ``glued`` holds the sorted offsets of ``text`` where a glued end
    may lie (the matches of ``_GLUED_CANDIDATE`` over the whole text, a superset of those inside
    ``text[start:end]``).

    >>> t = "It ended.Then... it began?! Yes.” No"
    >>> glued = [c.start() for c in _GLUED_CANDIDATE.finditer(t)]
    >>> [t[a:b] + "|" + t[b:c] for a, b, c in _boundaries(t, 0, len(t), glued)]
    ['.|', '...| ', '?!| ', '.”| ']
    >>> _boundaries(t, 0, len(t), glued) == [(m.start("end"), m.end("end"), m.end())
    ...                                      for m in _BOUNDARY.finditer(t)]
    True
    """
    found = [(m.start(), m.end(1), m.end()) for m in _SPACED.finditer(text, start, end)]
    if glued:
        extra = [
            (m.start(), m.end(), m.end())
            for at in glued[bisect.bisect_left(glued, start) : bisect.bisect_left(glued, end)]
            if (m := _GLUED.match(text, at, end))
        ]
        if extra:
            found = sorted(found + extra)
    return found

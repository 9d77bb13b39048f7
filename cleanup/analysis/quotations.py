"""The quotation parse: every double quotation mark, paired per block.

Curly ``“ ”``, straight ``"``, low-9 ``„ “``, guillemets ``« »`` and doubled single marks
(``’’``). Straight marks are opening or closing by what surrounds them. Single marks are left
alone: ``’`` is also the apostrophe.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from cleanup.document import Document

__all__ = ["CLOSING_OF", "OPENING_OF", "Mark", "Parse", "is_quoted", "quotation_spans", "quotations"]

# A double mark, or a doubled single one: ``‘‘|’’|``|''|[“”„«»"]``, written to start with one class
# (stdlib ``re`` scans a leading class of literals three times faster than an alternation).
_MARK = re.compile(r"[‘’`'“”„«»\"](?:(?<=[“”„«»\"])|(?<=‘)‘|(?<=’)’|(?<=`)`|(?<=')')")
_STRAIGHT_OPEN_BEFORE = frozenset(" \t\n([{—–-/")
_CLOSE_AFTER = frozenset(" \t\n.,;:!?)]}—–-…")
OPENING_OF = {"curly": "“", "straight": '"', "guillemet": "«", "low9": "„"}
CLOSING_OF = {"curly": "”", "straight": '"', "guillemet": "»", "low9": "“"}


@dataclass(frozen=True, slots=True)
class Mark:
    """One double quotation mark: where, which style, opening or closing."""

    start: int
    end: int
    style: str  # curly, straight, guillemet, low9
    opening: bool
    sure: bool  # False for a straight mark whose role was guessed from the marks before it


@dataclass(slots=True)
class Parse:
    """Quotation marks of the whole document, paired per block."""

    marks: list[Mark] = field(default_factory=list)
    pairs: list[tuple[Mark, Mark]] = field(default_factory=list)
    orphans: list[tuple[Mark, int]] = field(default_factory=list)  # (closing mark, block index)
    unclosed: list[tuple[Mark, int]] = field(default_factory=list)
    nested: list[tuple[Mark, Mark]] = field(default_factory=list)


def _classify(
    text: str, m: re.Match[str], lo: int, hi: int, straight_open: bool, low9_open: bool, guillemets: bool
) -> Mark | None:
    s, start, end = m.group(), m.start(), m.end()
    before = text[start - 1] if start > lo else "\n"
    after = text[end] if end < hi else "\n"
    if s in ("“", "‘‘"):
        if low9_open:
            return Mark(start, end, "low9", False, True)
        return Mark(start, end, "curly", True, True)
    if s in ("”", "’’"):
        if before in " \t\n" and after.isalpha():
            return Mark(start, end, "curly", True, False)  # a closing mark typed for an opening one
        return Mark(start, end, "curly", False, True)
    if s == "„":
        return Mark(start, end, "low9", True, True)
    if s in ("«", "»"):
        if not guillemets:
            return None  # a lone » is an arrow ("Read more »"), not a quotation mark
        return Mark(start, end, "guillemet", s == "«", True)
    # straight: ", `` or ''
    if s == "``":
        return Mark(start, end, "straight", True, True)
    if before.isdigit() and not after.isalpha():
        return None  # inches: 5'10"
    open_ctx = before in _STRAIGHT_OPEN_BEFORE or before in "“‘'"
    close_ctx = after in _CLOSE_AFTER or after in "”’'"
    if open_ctx and not close_ctx:
        return Mark(start, end, "straight", True, True)
    if close_ctx and not open_ctx:
        return Mark(start, end, "straight", False, True)
    return Mark(start, end, "straight", not straight_open, False)


def quotations(doc: Document) -> Parse:
    """The document's quotation parse, computed once.

    >>> p = quotations(Document('He said “yes” and "no". Then ”.'))
    >>> [(m.style, m.opening) for m in p.marks]
    [('curly', True), ('curly', False), ('straight', True), ('straight', False), ('curly', False)]
    >>> len(p.pairs), len(p.orphans)
    (2, 1)

    A quotation may run over paragraphs without reopening; it closes in a later one:

    >>> p = quotations(Document("He said: “We stay.\\n\\nWe fight,” he said."))
    >>> len(p.pairs), p.unclosed, p.orphans
    (1, [], [])
    """
    return doc.memo(_scan)


def _scan(doc: Document) -> Parse:
    text = doc.masked
    out = Parse()
    blocks = doc.blocks
    starts = [b.start for b in blocks]
    guillemets = "«" in text
    by_block: dict[int, list[re.Match[str]]] = {}
    for m in _MARK.finditer(text):
        i = bisect.bisect_right(starts, m.start()) - 1
        if i >= 0 and m.start() < blocks[i].end:
            by_block.setdefault(i, []).append(m)
    depth: dict[int, int] = {}  # how many quotations a block leaves open
    first: dict[int, Mark] = {}  # the first mark of each block
    for index, found in by_block.items():
        block = blocks[index]
        stack: list[Mark] = []
        straight = 0  # straight marks on the stack, counted (not searched: 10,000 open marks stay linear)
        inner: list[tuple[Mark, Mark]] = []
        for m in found:
            low9_open = bool(stack) and stack[-1].style == "low9"
            mark = _classify(text, m, block.start, block.end, straight > 0, low9_open, guillemets)
            if mark is None:
                continue
            out.marks.append(mark)
            first.setdefault(index, mark)
            if mark.opening:
                stack.append(mark)
                straight += mark.style == "straight"
            elif not stack:
                out.orphans.append((mark, index))
            else:
                opened = stack.pop()
                straight -= opened.style == "straight"
                out.pairs.append((opened, mark))
                if stack and stack[-1].style == opened.style == mark.style:
                    inner.append((opened, mark))
                elif not stack and inner:
                    out.nested.extend(p for p in inner if p[0].start > opened.start)
                    inner = []
        if stack:
            out.unclosed.append((stack[0], index))
            depth[index] = len(stack)
    _join_across_paragraphs(out, depth, first, len(blocks))
    return out


_ACROSS = 5  # paragraphs a quotation may run on without a mark before it closes


def _join_across_paragraphs(out: Parse, depth: dict[int, int], first: dict[int, Mark], n_blocks: int) -> None:
    """Pair a quotation left open at the end of a paragraph with a closing mark that comes first in
    one of the next paragraphs, when the paragraphs between hold no mark: one quotation that runs
    over several paragraphs without reopening (a house style, and how segmented text reads)."""
    orphan_at = {index: mark for mark, index in out.orphans if first[index] is mark}
    joined: set[int] = set()
    for mark, index in out.unclosed:
        if depth[index] != 1:
            continue
        for j in range(index + 1, min(index + 1 + _ACROSS, n_blocks)):
            if j in orphan_at and orphan_at[j].style == mark.style:
                out.pairs.append((mark, orphan_at[j]))
                joined.update((mark.start, orphan_at[j].start))
                break
            if j in first:
                break
    if joined:
        out.unclosed = [(m, i) for m, i in out.unclosed if m.start not in joined]
        out.orphans = [(m, i) for m, i in out.orphans if m.start not in joined]
        out.pairs.sort(key=lambda p: p[0].start)


def quotation_spans(doc: Document) -> list[tuple[int, int]]:
    """Sorted, disjoint ``(start, end)`` of quoted text: each outermost pair, and an unclosed
    quotation up to the end of its block.

    >>> doc = Document('“One,” he said. “Two')
    >>> [doc.text[a:b] for a, b in quotation_spans(doc)]
    ['“One,”', '“Two']
    """
    return doc.memo(_quotation_spans)


def _quotation_spans(doc: Document) -> list[tuple[int, int]]:
    p = quotations(doc)
    spans = [(a.start, b.end) for a, b in p.pairs]
    spans += [(m.start, doc.blocks[i].end) for m, i in p.unclosed]
    spans.sort()
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and a < out[-1][1]:
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out


def is_quoted(doc: Document, offset: int) -> bool:
    """True when ``offset`` lies inside a quotation.

    >>> doc = Document('He said “we left” and left.')
    >>> is_quoted(doc, doc.text.index("we")), is_quoted(doc, doc.text.index("and"))
    (True, False)
    """
    spans = quotation_spans(doc)
    i = bisect.bisect_right(spans, (offset, len(doc.text) + 1)) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]

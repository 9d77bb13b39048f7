"""The words of the prose: one word pattern for every rule, with offsets, sentence and flags."""

from __future__ import annotations

import bisect
import re
from itertools import accumulate, repeat

from cleanup.caching import cached_property
from cleanup.document import Document

__all__ = ["WORD", "Tokens", "tokens"]

#: A word: letters and digits, with inner apostrophes and hyphens (``isn’t``, ``well-known``,
#: ``3rd-party``, ``my6sense’s``). Stdlib ``re``: several times faster than ``regex`` here.
WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
# The same pattern, possessive (no backtracking can make a word longer or shorter): a faster split.
_SPLIT = re.compile(r"([^\W_]++(?:['’-][^\W_]++)*+)")


class Tokens:
    """The words of a document's prose in text order, as parallel lists.

    >>> toks = tokens(Document("A well-known 3rd-party tool. “It isn’t,” he said."))
    >>> toks.texts
    ['A', 'well-known', '3rd-party', 'tool', 'It', 'isn’t', 'he', 'said']
    >>> [toks.sentence_of(i) for i in range(len(toks))]
    [0, 0, 0, 0, 1, 1, 1, 1]
    >>> toks.quoted[4], toks.quoted[6], toks.is_sentence_start(4)
    (True, False, True)
    """

    __slots__ = ("__dict__", "doc", "ends", "starts", "texts")

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        # One C-level split: gaps and words alternate, so running lengths give every offset.
        parts = _SPLIT.split(doc.masked)
        offsets = list(accumulate(map(len, parts), initial=0))
        n = len(parts) // 2
        self.starts: list[int] = offsets[1::2][:n]
        self.ends: list[int] = offsets[2::2][:n]
        self.texts: list[str] = parts[1::2]

    def __len__(self) -> int:
        return len(self.starts)

    def span(self, i: int) -> tuple[int, int]:
        return self.starts[i], self.ends[i]

    def between(self, start: int, end: int) -> range:
        """Indices of the words that start in ``[start, end)``."""
        return range(bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end))

    def at(self, offset: int) -> int | None:
        """Index of the word containing ``offset``, or None."""
        i = bisect.bisect_right(self.starts, offset) - 1
        return i if i >= 0 and offset < self.ends[i] else None

    @cached_property
    def lower(self) -> list[str]:
        """Each word in lower case (``’`` kept)."""
        return list(map(str.lower, self.texts))

    @cached_property
    def written(self) -> frozenset[str]:
        """The document's vocabulary as written: each word once."""
        return frozenset(self.texts)

    @cached_property
    def written_text(self) -> str:
        """:attr:`written` joined by spaces, for one C-level search of the vocabulary as written."""
        return " ".join(self.written)

    @cached_property
    def distinct(self) -> frozenset[str]:
        """The document's vocabulary: each word once, in lower case, with the parts of hyphenated words."""
        words = set(self.lower)
        words.update(part for w in [w for w in words if "-" in w] for part in w.split("-"))
        return frozenset(words)

    @cached_property
    def distinct_text(self) -> str:
        """:attr:`distinct` joined by spaces, for one C-level search of the whole vocabulary."""
        return " ".join(self.distinct)

    # -- sentences -------------------------------------------------------------------------
    @cached_property
    def sentence_ranges(self) -> list[range]:
        """The word indices of each sentence of ``doc.sentences``."""
        sentences, starts = self.doc.sentences, self.starts
        first = map(bisect.bisect_left, repeat(starts), [s.start for s in sentences])
        stop = map(bisect.bisect_left, repeat(starts), [s.end for s in sentences])
        return list(map(range, first, stop))  # ``between`` of each sentence, the loop in C

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [r.start for r in self.sentence_ranges]

    def sentence_of(self, i: int) -> int:
        """Index of the sentence holding word ``i`` (-1 before the first)."""
        return bisect.bisect_right(self._sentence_starts, i) - 1

    def is_sentence_start(self, i: int) -> bool:
        """True when word ``i`` is the first word of its sentence."""
        k = self.sentence_of(i)
        return k >= 0 and self.sentence_ranges[k].start == i

    def previous(self, i: int) -> int | None:
        """The word before ``i`` in the same sentence."""
        return i - 1 if i > 0 and not self.is_sentence_start(i) else None

    def following(self, i: int) -> int | None:
        """The word after ``i`` in the same sentence."""
        return i + 1 if i + 1 < len(self) and not self.is_sentence_start(i + 1) else None

    def capitalised(self, i: int) -> bool:
        """The word starts with a capital letter."""
        return self.texts[i][:1].isupper()

    # -- flags -----------------------------------------------------------------------------
    @cached_property
    def quoted(self) -> list[bool]:
        """Whether each word stands inside a quotation (see :mod:`cleanup.analysis.quotations`)."""
        from cleanup.analysis.quotations import quotation_spans

        return _inside(self.starts, quotation_spans(self.doc))

    @cached_property
    def anchored(self) -> list[bool]:
        """Whether each word stands inside link anchor text."""
        return _inside(self.starts, [(a.start, a.end) for a in self.doc.link_anchors])

    @cached_property
    def protected(self) -> list[bool]:
        """Whether each word starts inside a protected span (URL, e-mail, number, abbreviation)."""
        return _inside(self.starts, [(p.start, p.end) for p in self.doc.protected])


def _inside(starts: list[int], spans: list[tuple[int, int]]) -> list[bool]:
    """For each offset of ``starts`` (sorted), whether it lies in one of the sorted ``spans``."""
    out = [False] * len(starts)
    for a, b in spans:
        i, j = bisect.bisect_left(starts, a), bisect.bisect_left(starts, b)
        if j > i:
            out[i:j] = [True] * (j - i)
    return out


def tokens(doc: Document) -> Tokens:
    """The document's words, computed once per document."""
    return doc.memo(Tokens)

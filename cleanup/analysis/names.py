"""The names of one document: every capitalised word, where and how the document writes it.

One pass over the document's words records each word written capitalised (``Sergei``,
``Biden’s``) with the form of each occurrence (first word of a sentence, possessive, in a link
anchor, in a quotation, in a heading or headline, its capitalised neighbours) and how often the
document writes each word in lower case. Rules read it to decide whether a word is a name:
a word the document or the language writes in lower case is not one; a rare capitalised word
the document also writes lowercased once is a name that lost its capital.

    >>> doc = Document("Sergei Ivanov spoke. Then sergei left, said Ivanov’s aide.")
    >>> model = names(doc)
    >>> model.mid_count("Ivanov"), model.lower_count("sergei"), model.occurrences["Ivanov"][1].possessive
    (2, 1, True)
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, repeat
from operator import is_
from typing import NamedTuple, cast

import regex

from cleanup.analysis import spelling
from cleanup.analysis.lexicon import zipf
from cleanup.analysis.tokens import tokens
from cleanup.document import Document

__all__ = ["LowerWords", "NameOccurrence", "Names", "common_word", "lowercase_in_dictionary", "names", "unknown_word"]

_POSSESSIVE = ("’s", "'s", "’", "'")
_LIST_MARKER = regex.compile(r"(?:^|\s)\(?[\dA-Za-z]{1,2}\)$")  # "(1)", "a)" before an item
_OPENERS = frozenset(".!?:;“‘\"'([{—–-•*#>\n")
_RARE = 3.0  # Zipf frequency below which a word no dictionary knows is taken for a name


class NameOccurrence(NamedTuple):
    """One capitalised occurrence of a word (``start``/``end`` cover the word without ``’s``).

    A named tuple: a document has thousands, and a tuple is built several times faster than a
    frozen dataclass."""

    start: int
    end: int
    first: bool  # the first word of its sentence, or after a colon, an opening mark or a line break
    possessive: bool
    anchored: bool  # inside a link anchor the markup records
    quoted: bool  # inside a quotation
    heading: bool  # in a heading, a headline or a caption-like line without sentence punctuation
    before: str  # the capitalised word just before it ("" when none)
    after: str  # the capitalised word just after it ("" when none)


@dataclass(frozen=True, slots=True)
class Names:
    """Capitalised words with their occurrences, and the document's lower-case word counts."""

    occurrences: Mapping[str, tuple[NameOccurrence, ...]]
    lower: LowerWords  # lower-case word -> where the document writes it

    def mid_count(self, word: str) -> int:
        """Capitalised occurrences of ``word`` in running text: not sentence-first, not in a heading."""
        return sum(not o.first and not o.heading for o in self.occurrences.get(word, ()))

    def lower_count(self, word: str) -> int:
        """How often the document writes ``word`` in lower case."""
        return self.lower.count(word)

    def running_count(self, word: str) -> int:
        """Capitalised occurrences in running text, outside quotations and title-case runs (a
        capitalised common word beside it: ``Garden Growth Planner``)."""
        return sum(
            not (o.first or o.heading or o.quoted or common_word(o.before) or common_word(o.after))
            for o in self.occurrences.get(word, ())
        )

    def is_name(self, word: str) -> bool:
        """A capitalised word the document writes in running text and never in lower case, and
        that English does not write in lower case either (by the dictionary, or by frequency).

        >>> model = names(Document("We met Noem and Noem spoke. The house voted."))
        >>> model.is_name("Noem"), model.is_name("The")
        (True, False)
        """
        return self.mid_count(word) > 0 and self.lower_count(word.lower()) == 0 and not common_word(word)


class LowerWords(Mapping[str, tuple[int, ...]]):
    """Each lower-case word of the prose with where the document writes it: counted in one pass,
    the offsets of a word looked up when asked (most callers only count).

    >>> lower = names(Document("The cat saw the other cat. See www.cat.com.")).lower
    >>> lower["cat"], lower.count("cat"), lower.count("dog"), "dog" in lower
    ((4, 22), 2, 0, False)
    """

    def __init__(self, words: list[str | None], starts: list[int]) -> None:
        self._words, self._starts = words, starts  # the lower-case word of each token, or None or ""
        counts: Counter[str | None] = Counter(words)  # counted in C, then the gaps dropped
        counts.pop(None, None)
        counts.pop("", None)  # a form that is no lower-case word
        self._counts = cast("Counter[str]", counts)
        self._offsets: dict[str, tuple[int, ...]] = {}

    def count(self, word: str) -> int:
        """How often the document writes ``word`` (0 when never)."""
        return self._counts.get(word, 0)

    @property
    def counts(self) -> Mapping[str, int]:
        """Each word the document writes with how often (for callers that count many words)."""
        return self._counts

    def get(self, word: str, default: object = None) -> tuple[int, ...] | None:  # type: ignore[override]
        return self[word] if word in self._counts else default  # type: ignore[return-value]

    def __contains__(self, word: object) -> bool:
        return word in self._counts

    def __getitem__(self, word: str) -> tuple[int, ...]:
        n = self._counts.get(word, 0)
        if not n:
            raise KeyError(word)
        offsets = self._offsets.get(word)
        if offsets is None:
            found, i = [], -1
            for _ in range(n):
                i = self._words.index(word, i + 1)
                found.append(self._starts[i])
            offsets = self._offsets[word] = tuple(found)
        return offsets

    def __iter__(self) -> Iterator[str]:
        return iter(self._counts)

    def __len__(self) -> int:
        return len(self._counts)


def lowercase_in_dictionary(word: str) -> bool:
    """True when the dictionary has ``word`` in lower case (without one: when it is frequent).
    Stricter than :func:`common_word`: a frequent word no dictionary knows (``Bloomberg``) is not.

    >>> lowercase_in_dictionary("Lifter"), lowercase_in_dictionary("Bloomberg")
    (True, False)
    """
    known = spelling.lowercase_word(word)
    return zipf(word) >= 3.5 if known is None else known


def unknown_word(word: str) -> bool:
    """True when the dictionary knows ``word`` neither capitalised nor in lower case (False
    without a dictionary).

    >>> unknown_word("Corbyn") in (True, False), unknown_word("house")
    (True, False)
    """
    return spelling.knows(word.lower()) is False and spelling.knows(word[:1].upper() + word[1:].lower()) is False


@lru_cache(maxsize=65536)
def common_word(word: str) -> bool:
    """True when English writes ``word`` in lower case: the dictionary knows it lowercased, or
    (without a dictionary) it is frequent.

    >>> common_word("House"), common_word("Velmora")
    (True, False)
    """
    if not word:
        return False
    frequency = zipf(word)
    if frequency < 2.0:
        return False  # false whatever the dictionary says (no lookup): rare and no word, or a rare word
    known = spelling.lowercase_word(word)
    if known is None:
        return frequency >= _RARE
    if known:
        return frequency >= 2.0  # a rare dictionary word is as often a surname (Fleck, Lopes)
    if spelling.knows(word[:1].upper() + word[1:].lower()):
        return False  # the dictionary knows it only as a name: Colombia, Herbert
    return frequency >= _RARE  # unknown both ways: a new word (roadmap) when frequent, else a name


def names(doc: Document) -> Names:
    """The document's names model, computed once per document."""
    return doc.memo(_scan)


def _scan(doc: Document) -> Names:
    global _forms
    toks = tokens(doc)
    texts = toks.texts
    capital_of, lower_of = _forms  # this call's maps, even if another thread starts afresh
    lowered = list(map(lower_of.get, texts))  # "" for a form seen before that is no lower-case word
    if None in lowered:  # forms never seen: classified once, for this and every later document
        unseen = list(compress(range(len(lowered)), map(is_, lowered, repeat(None))))
        new = set(map(texts.__getitem__, unseen))
        if len(lower_of) + len(new) > _FORMS_KEPT:
            capital_of, lower_of = _forms = ({}, {})
            new = set(texts)
        for t in new:
            capital, lower = _kind(t)
            if capital is not None:
                capital_of[t] = capital
            lower_of[t] = lower or ""  # after ``capital_of``: a form in ``lower_of`` is in both maps
        for i in unseen:
            lowered[i] = lower_of[texts[i]]
    for i in compress(range(len(lowered)), toks.protected):
        lowered[i] = None  # a word of a protected span (a domain, an abbreviation) is not prose
    capitals = list(map(capital_of.get, texts))
    return Names(_Occurrences(doc, capitals), LowerWords(lowered, toks.starts))


class _Occurrences(Mapping[str, tuple[NameOccurrence, ...]]):
    """Each capitalised word's occurrences, built the first time a rule asks for that word (most
    words are never asked for: every rule first narrows its candidates by other tests)."""

    def __init__(self, doc: Document, capitals: list[str | None]) -> None:
        self._doc, self._capitals = doc, capitals
        # the capitalised tokens alone (the words, their indices), and each word once, in text order
        self._indices = list(compress(range(len(capitals)), capitals))
        self._words = cast("list[str]", list(filter(None, capitals)))
        self._where = dict.fromkeys(self._words)
        self._index: dict[str, list[int]] | None = None  # word -> its token indices, once many are asked
        self._built: dict[str, tuple[NameOccurrence, ...]] = {}
        self._context: tuple[set[int], list[int], list[int]] | None = None

    def __getitem__(self, word: str) -> tuple[NameOccurrence, ...]:
        built = self._built.get(word)
        if built is None:
            if word not in self._where:
                raise KeyError(word)
            built = self._built[word] = self._build(word, self._indices_of(word))
        return built

    def _indices_of(self, word: str) -> list[int]:
        """The indices of ``word``'s tokens: searched in C among the capitalised tokens for the first
        few words asked for, then from one index of every word (linear however many are asked)."""
        if self._index is None and len(self._built) < _SEARCHED:
            indices, i, words = [], -1, self._words
            for _ in range(words.count(word)):
                i = words.index(word, i + 1)
                indices.append(self._indices[i])
            return indices
        if self._index is None:
            self._index = {}
            for i, w in zip(self._indices, self._words, strict=True):
                found = self._index.get(w)
                if found is None:
                    self._index[w] = [i]
                else:
                    found.append(i)
        return self._index[word]

    def get(self, word: str, default: object = None) -> tuple[NameOccurrence, ...] | None:  # type: ignore[override]
        return self[word] if word in self._where else default  # type: ignore[return-value]

    def __contains__(self, word: object) -> bool:
        return word in self._where

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)

    def _build(self, word: str, indices: list[int]) -> tuple[NameOccurrence, ...]:
        doc, capitals = self._doc, self._capitals
        toks = tokens(doc)
        text, starts, ends = doc.masked, toks.starts, toks.ends
        if self._context is None:
            headings = _heading_blocks(doc)
            spans = sorted((b.start, b.end) for b in doc.blocks if b.start in headings)
            self._context = (
                {r.start for r in toks.sentence_ranges if r},
                [a for a, _ in spans],
                [b for _, b in spans],
            )
        sentence_starts, heading_starts, heading_ends = self._context
        last = len(capitals) - 1
        anchored, quoted = toks.anchored, toks.quoted
        out = []
        for i in indices:
            start, end = starts[i], ends[i]
            # a capitalised neighbour with only a space or two between
            before = (
                capitals[i - 1]
                if i and 0 < start - ends[i - 1] <= 2 and not text[ends[i - 1] : start].strip(" \t")
                else None
            )
            after = (
                capitals[i + 1]
                if i < last and 0 < starts[i + 1] - end <= 2 and not text[end : starts[i + 1]].strip(" \t")
                else None
            )
            k = bisect_right(heading_starts, start) - 1
            out.append(
                _occurrence(
                    NameOccurrence,
                    (
                        start,
                        start + len(word),
                        i in sentence_starts or _after_opener(text, start),
                        len(word) < end - start,
                        anchored[i],
                        quoted[i],
                        k >= 0 and start < heading_ends[k],
                        before or "",
                        after or "",
                    ),
                )
            )
        return tuple(out)


_SEARCHED = 8  # words whose tokens are searched for one by one before one index of every word is built
_occurrence = tuple.__new__  # a named tuple from a plain one, without the generated ``__new__``


# Each word form classified once (words repeat within and across documents), kept as two maps a
# document's tokens are looked up in at C speed: form -> capitalised word, form -> lower-case word
# ("" when it is none: every form seen is a key of the second map).
_forms: tuple[dict[str, str], dict[str, str]] = ({}, {})  # capitalised, lower-case
_FORMS_KEPT = 200_000  # forgotten all at once beyond this many forms


def _kind(token: str) -> tuple[str | None, str | None]:
    """The capitalised word of ``token`` without a possessive ending (``Biden’s`` -> ``Biden``),
    else its lower-case word, else neither."""
    bare = _without_possessive(token)
    if len(bare) >= 2 and bare[0].isupper() and bare[1:].isalpha() and bare[1:].islower():
        return bare, None
    return None, bare if bare.islower() and bare.isalpha() else None


def _without_possessive(token: str) -> str:
    if not token.endswith(_POSSESSIVE):
        return token
    for ending in _POSSESSIVE:
        if token.endswith(ending) and len(token) > len(ending) + 1:
            return token[: -len(ending)]
    return token


def _after_opener(text: str, start: int) -> bool:
    """A capital is expected here: after a full stop, a colon, an opening quotation mark or bracket."""
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in _OPENERS or _LIST_MARKER.search(text, max(0, i - 5), i + 1) is not None


def _heading_blocks(doc: Document) -> set[int]:
    """Starts of headings, and of short blocks without sentence punctuation (headlines, captions)."""
    text = doc.masked
    out = set()
    for block in doc.blocks:
        body = text[block.start : block.end].strip()
        if block.kind == "heading" or (body and len(body) <= 150 and body[-1] not in '.!?:;”’"…)'):
            out.add(block.start)
    return out

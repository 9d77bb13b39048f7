"""A translation and its source, aligned: the shared analysis of every source-aware rule.

The source is split into paragraphs (the same markup as the translation) and sentences (CJK
sentence marks included). Paragraphs are paired one to one where the counts match; otherwise,
and inside each pair of paragraphs, sentences are aligned by length (Gale and Church's
dynamic programme), with the length ratio calibrated per language pair on human translations
(``rules/data/length_ratios.toml``, written by ``benchmarks/calibrate_lengths.py``).

>>> from cleanup.document import Document
>>> doc = Document("The war began. Then it ended.", source="Der Krieg begann. Dann endete er.")
>>> p = analyse(doc)
>>> p.lang, [(p.source[b.src_start:b.src_end], doc.text[b.tgt_start:b.tgt_end]) for b in p.sentences]
('de', [('Der Krieg begann.', 'The war began.'), ('Dann endete er.', 'Then it ended.')])
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from itertools import pairwise

import regex

from cleanup.analysis.language import SCRIPT_OF, detect_language, lang_code, script
from cleanup.analysis.lexicon import zipf
from cleanup.analysis.numbers import Number, numbers
from cleanup.datafiles import load_toml
from cleanup.document import Document

__all__ = ["Bead", "Calibration", "Pair", "analyse", "calibration", "source_sentences"]

TARGET_LANG = "en"


def _source_abbreviations() -> str:
    """Abbreviations that a capitalised word may follow (``прим. АПН``, ``Nr. 5``), as alternatives.

    They are data: the ``[source]`` table of ``rules/data/abbreviations.toml``, one list per language.
    """
    table = load_toml("abbreviations.toml")["source"]
    assert isinstance(table, dict)
    words = sorted({w for value in table.values() for w in str(value).split()}, key=lambda w: (-len(w), w))
    return "|".join(regex.escape(w) for w in words)


# Sentence ends in any of the supported scripts: . ! ? … and the full-width CJK marks, not after a
# figure, an initial or an abbreviation (an acronym, ``BBC.``, ends one), before a capital, a figure
# or a symbol that opens words (an emoji, a hashtag); a
# stop with no space after it between a lower-case word and a capitalised one (``лікарню.Тож``),
# and a headline's end before a separator (``verkauft? : Die``, which ends the first sentence),
# and an ASCII ``?``/``!``/``.`` between CJK characters (``吗?他们``).
_SOURCE_BOUNDARY = regex.compile(
    (
        r"(?:(?<!\d|\b\p{L}|\b(?:{abbr}))[.!?…]++[”’“‘\"'»›」』)）\]]*+(?:\s++[:|\-–—](?=\s))?+"
        r"(?=\s++(?:[\p{Lu}\p{Lo}\"“„«「(\d]|[\p{So}#@•][\p{So}\p{M}]*+\s*+\p{L}))"
        r"|(?<=\p{Ll}\p{Ll})[.!?]++(?=\p{Lu}\p{Ll})"
        r"|(?<=[\p{Han}\p{Hiragana}\p{Katakana}ー])[!?]++(?=[\p{Han}\p{Hiragana}\p{Katakana}「『“])"
        r"|[。！？]++[”’\"'»」』)）\]]*+)"
    ).replace("{abbr}", _source_abbreviations())
)
# Gale and Church's prior probabilities of bead shapes, as costs (-log p).
_SHAPES = {(1, 1): 0.89, (1, 0): 0.0099, (0, 1): 0.0099, (2, 1): 0.089, (1, 2): 0.089, (2, 2): 0.011}
_SHAPE_COST = {k: -math.log(v) for k, v in _SHAPES.items()}


@dataclass(frozen=True, slots=True)
class Calibration:
    """Target characters per source character (``ratio``) and the variance per character (``s2``).

    ``z_low``/``z_high`` bound the length deviation of nearly all human translations.
    """

    ratio: float
    s2: float
    z_low: float = -4.0
    z_high: float = 4.0

    def z(self, source_len: int, target_len: int) -> float:
        """How far a target length is from what the source length predicts, in deviations."""
        expected = self.ratio * source_len
        return (target_len - expected) / math.sqrt(max(source_len, 1) * self.s2 * self.ratio)


@cache
def _calibrations() -> dict[str, Calibration]:
    data = load_toml("length_ratios.toml")
    return {k: Calibration(**v) for k, v in data.items() if isinstance(v, dict)}


def calibration(lang: str | None) -> Calibration:
    """The calibration for ``lang``→English, or the default for the source's script."""
    table = _calibrations()
    pair = f"{lang}-{TARGET_LANG}"
    if pair in table:
        return table[pair]
    family = "han" if SCRIPT_OF.get(lang or "") == "Han" else "other"
    default = table[f"default-{family}"]
    if lang == TARGET_LANG:  # an English "source": an edit of the same text, one character for one
        return Calibration(1.0, default.s2, default.z_low, default.z_high)
    return default


@dataclass(frozen=True, slots=True)
class Bead:
    """Aligned source and target stretches: ``n_src`` sentences against ``n_tgt`` (either may be 0)."""

    src_start: int
    src_end: int
    tgt_start: int
    tgt_end: int
    n_src: int
    n_tgt: int


def source_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]`` in any script.

    >>> t = "地域の皆さま。非常に反省している！ Am 3. März kam er. Dann ging er."
    >>> [t[a:b] for a, b in source_sentences(t)]
    ['地域の皆さま。', '非常に反省している！', 'Am 3. März kam er.', 'Dann ging er.']
    >>> t = "Er ging.Er kam nie. 好吗?不好. Nr. 5 kam. Gut! ☘️ Mehr dazu. Was nun? •"
    >>> [t[a:b] for a, b in source_sentences(t)]
    ['Er ging.', 'Er kam nie.', '好吗?', '不好.', 'Nr. 5 kam.', 'Gut!', '☘️ Mehr dazu.', 'Was nun? •']
    """
    end = len(text) if end is None else end
    out: list[tuple[int, int]] = []
    pos = start
    for m in _SOURCE_BOUNDARY.finditer(text, start, end):
        a, b = _strip(text, pos, m.end())
        if b > a:
            out.append((a, b))
        pos = m.end()
    a, b = _strip(text, pos, end)
    if b > a:
        out.append((a, b))
    return out


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


_ANCHOR = regex.compile(r"\d[\d.,\u00a0\u202f']*\d|\d|\p{Lu}[\p{Latin}\d]{2,}")
# A sentence left out (or added) costs its prior and at most this for its length: the full length
# cost would make a long omission look cheaper as a bad merge of its neighbours.
_GAP_LENGTH_COST = 2.0
_ANCHOR_WEIGHT = 1.5  # cost of an anchor on one side of a bead and not on the other
# gap placements whose alignments cost at most this more than the best are as likely: the finding spans them all
_GAP_TIE = 1.0


def anchors(text: str, spans: list[tuple[int, int]], other: str) -> list[frozenset[str]]:
    """Per span, the figures and capitalised Latin-script words that ``other`` also writes.

    Figures are compared by their digits (``120.000`` = ``120,000``); a word is an anchor only
    where both texts have it (a name, a brand), so German nouns and English sentence starts
    that the other side lacks carry no weight.

    >>> [sorted(a) for a in anchors("Am Freitag 120.000 in Lyon. Heute nicht.", [(0, 27), (28, 40)],
    ...                             "On Friday 120,000 in Lyon.")]
    [['120000', 'Lyon'], []]
    """

    def tokens(t: str) -> list[str]:
        out = []
        for m in _ANCHOR.finditer(t):
            tok = m[0]
            out.append(regex.sub(r"\D", "", tok) if tok[0].isdigit() else tok)
        return out

    shared = set(tokens(other))
    return [frozenset(t for t in tokens(text[a:b]) if t in shared) for a, b in spans]


def align(
    src: list[tuple[int, int]],
    tgt: list[tuple[int, int]],
    cal: Calibration,
    src_anchors: list[frozenset[str]] | None = None,
    tgt_anchors: list[frozenset[str]] | None = None,
) -> list[Bead]:
    """Gale-Church alignment of two lists of sentence spans by their lengths and anchors.

    With ``src_anchors``/``tgt_anchors`` (see :func:`anchors`), each figure or name on one side
    of a bead and not on the other adds to its cost: sentences of similar length are told apart
    by what they mention.
    """
    return _solve(src, tgt, cal, src_anchors, tgt_anchors)[0]


def _solve(
    src: list[tuple[int, int]],
    tgt: list[tuple[int, int]],
    cal: Calibration,
    src_anchors: list[frozenset[str]] | None = None,
    tgt_anchors: list[frozenset[str]] | None = None,
) -> tuple[list[Bead], float]:
    """:func:`align`'s beads and their total cost."""
    n, m = len(src), len(tgt)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    # the anchors of the last 0, 1 or 2 sentences before each position, as a bead would take them
    src_len, tgt_len = _prefix_lengths(src), _prefix_lengths(tgt)
    src_runs = _runs(src_anchors, n)
    tgt_runs = _runs(tgt_anchors, m)
    for i in range(n + 1):
        for j in range(m + 1):
            if i == j == 0:
                continue
            for (di, dj), prior in _SHAPE_COST.items():
                if di > i or dj > j or cost[i - di][j - dj] == inf:
                    continue
                ls = src_len[i] - src_len[i - di]
                lt = tgt_len[j] - tgt_len[j - dj]
                length = cal.z(ls, lt) ** 2 / 2
                c = cost[i - di][j - dj] + prior + (length if di and dj else min(length, _GAP_LENGTH_COST))
                if src_runs is not None and tgt_runs is not None:
                    sa, ta = src_runs[di][i], tgt_runs[dj][j]
                    if sa or ta:
                        c += _ANCHOR_WEIGHT * len(sa ^ ta)
                if c < cost[i][j]:
                    cost[i][j], back[i][j] = c, (di, dj)
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        di, dj = back[i][j]
        s = src[i - di : i]
        t = tgt[j - dj : j]
        s_at = s[0][0] if s else (src[i][0] if i < n else (src[-1][1] if src else 0))
        t_at = t[0][0] if t else (tgt[j][0] if j < m else (tgt[-1][1] if tgt else 0))
        beads.append(Bead(s_at, s[-1][1] if s else s_at, t_at, t[-1][1] if t else t_at, di, dj))
        i, j = i - di, j - dj
    beads.reverse()
    return beads, cost[n][m]


def _crossed_gaps(beads: list[Bead]) -> list[Bead]:
    """``beads`` with a sentence left out next to one added (1-0 beside 0-1) joined into one 1-1 bead.

    Two gaps side by side are one pair of sentences whose lengths differ more than the aligner
    pays for a pair (a proverb given in words twice as long), not an omission and an addition.

    >>> _crossed_gaps([Bead(0, 0, 0, 70, 0, 1), Bead(0, 27, 70, 70, 1, 0)])
    [Bead(src_start=0, src_end=27, tgt_start=0, tgt_end=70, n_src=1, n_tgt=1)]
    """
    out: list[Bead] = []
    for b in beads:
        last = out[-1] if out else None
        if last is not None and {(last.n_src, last.n_tgt), (b.n_src, b.n_tgt)} == {(1, 0), (0, 1)}:
            src = last if last.n_src else b
            tgt = last if last.n_tgt else b
            out[-1] = Bead(src.src_start, src.src_end, tgt.tgt_start, tgt.tgt_end, 1, 1)
        else:
            out.append(b)
    return out


def _either_side(beads: list[Bead], gap: tuple[int, int]) -> tuple[int, int] | None:
    """The target span from the bead before the source span ``gap`` (left out of ``beads``) to the one after it."""
    before = [b for b in beads if b.n_tgt and b.src_end <= gap[0]]
    after = [b for b in beads if b.n_tgt and b.src_start >= gap[1]]
    start = before[-1].tgt_start if before else (after[0].tgt_start if after else None)
    end = after[0].tgt_end if after else (before[-1].tgt_end if before else None)
    return None if start is None or end is None else (start, end)


def _prefix_lengths(spans: list[tuple[int, int]]) -> list[int]:
    out = [0]
    for a, b in spans:
        out.append(out[-1] + b - a)
    return out


def _runs(anchors: list[frozenset[str]] | None, n: int) -> list[list[frozenset[str]]] | None:
    """``runs[d][i]``: the anchors of sentences ``i - d`` to ``i`` (d = 0, 1, 2)."""
    if anchors is None:
        return None
    empty: frozenset[str] = frozenset()
    one = [empty] + [anchors[i - 1] for i in range(1, n + 1)]
    two = [empty] + [anchors[i - 2] | anchors[i - 1] if i >= 2 else anchors[0] for i in range(1, n + 1)]
    return [[empty] * (n + 1), one, two]


class Pair:
    """A document's text and its source, with the alignments and facts rules share."""

    def __init__(self, doc: Document) -> None:
        assert doc.source is not None
        self.doc = doc
        self.source: str = doc.source
        self.source_doc = Document(self.source, markup=doc.markup)

    @cached_property
    def lang(self) -> str | None:
        """The source's language: as given, else detected; None when undecidable."""
        given = lang_code(self.doc.source_lang)
        if given:
            return given
        sample = self.source_doc.masked[:3000]
        if not sample.strip():
            return None
        return detect_language(sample)[0]

    @cached_property
    def source_script(self) -> str | None:
        return script(self.source_doc.masked[:5000])

    @cached_property
    def calibration(self) -> Calibration:
        return calibration(self.lang)

    @cached_property
    def source_sentences(self) -> list[tuple[int, int]]:
        masked = self.source_doc.masked
        return [s for b in self.source_doc.blocks for s in source_sentences(masked, b.start, b.end)]

    @cached_property
    def paragraphs(self) -> list[Bead] | None:
        """Paragraphs paired one to one, or None when the counts differ."""
        src, tgt = self.source_doc.blocks, self.doc.blocks
        if len(src) != len(tgt) or not src:
            return None
        return [Bead(s.start, s.end, t.start, t.end, 1, 1) for s, t in zip(src, tgt, strict=True)]

    @cached_property
    def sentences(self) -> list[Bead]:
        """Sentences aligned inside paired paragraphs, or over the whole text."""
        masked = self.source_doc.masked
        tgt_all = [(s.start, s.end) for s in self.doc.sentences]
        if self.paragraphs is None:
            return self._align(self.source_sentences, tgt_all)
        out: list[Bead] = []
        for p in self.paragraphs:
            src = source_sentences(masked, p.src_start, p.src_end)
            tgt = [s for s in tgt_all if p.tgt_start <= s[0] < p.tgt_end]
            out.extend(self._align(src, tgt))
        return out

    def _align(self, src: list[tuple[int, int]], tgt: list[tuple[int, int]]) -> list[Bead]:
        if len(src) <= 1 and len(tgt) <= 1:
            return _crossed_gaps(align(src, tgt, self.calibration))
        masked, target = self.source_doc.masked, self.doc.masked
        src_text = " ".join(masked[a:b] for a, b in src)
        tgt_text = " ".join(target[a:b] for a, b in tgt)
        return _crossed_gaps(
            align(src, tgt, self.calibration, anchors(masked, src, tgt_text), anchors(target, tgt, src_text))
        )

    def left_out(self, k: int) -> tuple[int, int] | None:
        """Where the source sentence that the shorter bead ``k`` of :attr:`sentences` lost most likely was.

        A bead that merges source sentences into a shorter translation has lost one of them, but
        the aligner may have shifted its neighbours by one to make the merge: the bead and its
        neighbours (two beads either side) are aligned again with each source sentence in turn left
        out, and the cheapest such alignments place the gap: where several cost nearly the same (short
        sentences of like length), each is as likely. Returns the target span from the sentence before
        the first such gap to the one after the last (a gap has no span of its own), or None.
        """
        beads = self.sentences
        unit = self.unit_at(beads[k].tgt_start) if self.paragraphs is not None else None
        window = [
            b for b in beads[max(k - 2, 0) : k + 3]
            if unit is None or (unit.src_start <= b.src_start and b.src_end <= unit.src_end)
        ]  # fmt: skip
        masked, target = self.source_doc.masked, self.doc.masked
        src = source_sentences(masked, window[0].src_start, window[-1].src_end)
        tgt = [(s.start, s.end) for s in self.doc.sentences if window[0].tgt_start <= s.start < window[-1].tgt_end]
        if len(src) < 2 or not tgt:
            return None
        tgt_text = " ".join(target[a:b] for a, b in tgt)
        src_text = " ".join(masked[a:b] for a, b in src)
        src_anchors, tgt_anchors = anchors(masked, src, tgt_text), anchors(target, tgt, src_text)
        tries = []
        for i in range(len(src)):
            rest = src[:i] + src[i + 1 :]
            beads_i, cost = _solve(rest, tgt, self.calibration, src_anchors[:i] + src_anchors[i + 1 :], tgt_anchors)
            tries.append((cost, i, beads_i))
        best = min(c for c, _, _ in tries)
        spans = [
            span for cost, i, realigned in tries
            if cost <= best + _GAP_TIE and (span := _either_side(realigned, src[i])) is not None
        ]  # fmt: skip
        return (min(a for a, _ in spans), max(b for _, b in spans)) if spans else None

    @cached_property
    def units(self) -> list[Bead]:
        """The coarsest reliable pairing: paragraphs where they pair up, else aligned sentences."""
        return self.paragraphs if self.paragraphs is not None else self.sentences

    def unit_at(self, tgt_offset: int) -> Bead | None:
        """The unit whose target side contains ``tgt_offset``."""
        for u in self.units:
            if u.tgt_start <= tgt_offset < max(u.tgt_end, u.tgt_start + 1):
                return u
        return None

    @cached_property
    def source_numbers(self) -> list[Number]:
        return numbers(self.source_doc.masked, self.lang or "")

    @cached_property
    def target_numbers(self) -> list[Number]:
        return numbers(self.doc.masked, TARGET_LANG)

    @cached_property
    def length_z(self) -> float:
        """How far the whole translation's length is from what the source's predicts, in deviations."""
        return self.calibration.z(len(self.source_doc.masked.strip()), len(self.doc.masked.strip()))

    @cached_property
    def repetition_excess(self) -> int:
        """How many more times the translation repeats a phrase (2 to 4 words) than the source repeats any.

        Word n-grams for both sides; for CJK sources, character n-grams stand in for words.
        """
        han = self.source_script == "Han"
        src = [c for c in self.source_doc.masked if c.isalnum()] if han else _words(self.source_doc.masked)
        tgt = _words(self.doc.masked)
        return max((_top_count(tgt, n) - _top_count(src, n * (2 if han else 1)) for n in (2, 3, 4)), default=0)

    @cached_property
    def word_repeats(self) -> int:
        """How many more content words the translation repeats within a few words than the source does.

        A repeat is a word that comes again within the next eight words (a loop, ``the painter painter
        painter``; a doubled word, ``in design and design`` for ``in Design und Form``). Content words
        have three letters or more and are not among their language's most common words. In the
        source, words that share their first four letters count as one (inflected forms of one
        word), and a source written without spaces (Chinese, Japanese, Thai) compares its
        two-character runs within sixteen.

        >>> from cleanup.document import Document
        >>> doc = Document("Prices of bread and bread rose.", source="Die Preise für Brot und Mehl stiegen.")
        >>> analyse(doc).word_repeats
        1
        >>> doc = Document("Step by step, the river rose.", source="Schritt für Schritt stieg der Fluss.")
        >>> analyse(doc).word_repeats
        0
        """
        tgt = _near_repeats(
            [w if len(w) >= 3 and not _function_word(w, TARGET_LANG) else "" for w in _words(self.doc.masked)]
        )
        if self.source_script in _UNSPACED:
            chars = [c for c in self.source_doc.masked if c.isalpha()]
            src = _near_repeats([a + b for a, b in pairwise(chars)], 2 * _NEAR)
        else:
            lang = self.lang or ""
            words = _words(self.source_doc.masked)
            src = _near_repeats([w[:4] if len(w) >= 3 and not _function_word(w, lang) else "" for w in words])
        return max(0, tgt - src)

    @cached_property
    def copied_share(self) -> float:
        """The share of the translation's words written as in the source (near 1: left untranslated)."""
        tgt = _words(self.doc.masked)
        if not tgt:
            return 0.0
        src = set(_words(self.source_doc.masked))
        return sum(1 for w in tgt if w in src) / len(tgt)

    @cached_property
    def sentence_gap(self) -> int:
        """The difference between the source's and the translation's sentence counts."""
        return abs(len(self.source_sentences) - len(self.doc.sentences))

    @cached_property
    def unmatched_names(self) -> int:
        """Name-like words on one side that the other side does not write (``Näfels`` → ``nails``)."""
        src_words = set(_words(self.source_doc.masked, lower=False))
        tgt_words = set(_words(self.doc.masked, lower=False))
        return len(_names(tgt_words - src_words, (TARGET_LANG,))) + len(
            _names(src_words - tgt_words, (TARGET_LANG, self.lang or TARGET_LANG))
        )

    @cached_property
    def _source_spellings(self) -> list[str]:
        """The source's words of three letters or more, in Latin letters (:func:`spelled_in_latin`)."""
        return [spelled_in_latin(w) for w in _words(self.source_doc.masked) if len(w) >= 3]

    def _in_source(self, word: str) -> bool:
        """Whether ``word`` is written, or transliterated, like some source word (a name carried over)."""
        from rapidfuzz import fuzz, process

        spellings = self._source_spellings
        return (
            bool(spellings)
            and process.extractOne(spelled_in_latin(word), spellings, scorer=fuzz.ratio, score_cutoff=_SPELLING_MATCH)
            is not None
        )

    @cached_property
    def rare_words(self) -> tuple[int, int, int]:
        """The translation's words that English rarely writes (names, terms, garble), by what the source says.

        Returns (lower-case ones spelled like a source word: a name the translation left in lower
        case, ``the tirah valley``; ones spelled like no source word: neither a name carried over
        nor an English word the source predicts; ones spelled like a source word, in any case).

        >>> from cleanup.document import Document
        >>> analyse(Document("They left the velmora valley.", source="Они покинули долину Велмора.")).rare_words
        (1, 0, 1)
        """
        lowered = unmatched = matched = 0
        for w in _words(self.doc.masked, lower=False):
            if len(w) < 3 or zipf(w) >= _RARE_ZIPF:
                continue
            if self._in_source(w):
                matched += 1
                lowered += w.islower()
            else:
                unmatched += 1
        return lowered, unmatched, matched

    @cached_property
    def capitals_lost(self) -> int:
        """How many fewer capitalised words after a sentence's first the translation writes than its source.

        Names keep their capital in English; a source in a script without case (Devanagari,
        Sinhala, Han) counts none, and one in a language that capitalises its nouns (German) is not
        compared.
        """
        if (self.lang or "") in _NOUN_CAPITALS:
            return 0
        return max(0, _inner_capitals(self.source_doc.masked) - _inner_capitals(self.doc.masked))

    @cached_property
    def names_expected(self) -> bool:
        """Whether the source likely names someone or something: a script without case (its names
        cannot be seen), or a capitalised word after a sentence's first."""
        if (self.lang or "") in _NOUN_CAPITALS:
            return False
        cased = self.source_script in _CASED_SCRIPTS
        return not cased or _inner_capitals(self.source_doc.masked) > 0

    @cached_property
    def names_written(self) -> int:
        """The translation's capitalised words after a sentence's first (names, mostly)."""
        return _inner_capitals(self.doc.masked)

    @cached_property
    def article_share(self) -> float | None:
        """The share of ``the`` among the translation's words when the source's language writes no
        articles (machine translation adds them where English would not); None otherwise."""
        if (self.lang or "") not in _ARTICLELESS:
            return None
        words = _words(self.doc.masked)
        return sum(w == "the" for w in words) / len(words) if words else None


_WORD = regex.compile(r"\p{L}[\p{L}\p{M}\d]*+(?:['’-][\p{L}\d]++)*+")
_NAME = regex.compile(r"\p{Latin}(?:\p{Ll}+\p{Lu}|\p{Ll}*[\p{Ll}\d]+)[\p{Latin}\d]*+")


def _words(text: str, lower: bool = True) -> list[str]:
    return [w.lower() if lower else w for w in _WORD.findall(text)]


def _top_count(tokens: list[str], n: int) -> int:
    grams = Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    return max(grams.values(), default=0)


_UNSPACED = frozenset({"Han", "Thai"})  # scripts written without spaces between words (kana counts as Han)
_FUNCTION_ZIPF = 5.5  # words this common are function words (English: the, of, and, will, …)
_NEAR = 8  # words: a repeat this close is a loop or a doubled word, rarely a writer's choice


def _near_repeats(keys: list[str], window: int = _NEAR) -> int:
    """How many of ``keys`` (empty: not counted) come again within the next ``window`` keys."""
    return sum(1 for i, k in enumerate(keys) if k and k in keys[i + 1 : i + 1 + window])


@lru_cache(maxsize=65536)
def _function_word(word: str, lang: str) -> bool:
    """A word among the most common of its language (a short word where wordfreq has no list)."""
    value = _zipf_in(word, lang)
    return len(word) < 4 if value is None else value >= _FUNCTION_ZIPF


def _zipf_in(word: str, lang: str) -> float | None:
    """The Zipf frequency of ``word`` in ``lang`` (0 when unlisted); None where wordfreq has no list.

    Read from wordfreq's table, not through ``zipf_frequency``: that tokenises every call, and its
    tokenisers for Chinese, Japanese and Korean are optional packages (an import error here).

    >>> _zipf_in("und", "de") > 6 > _zipf_in("Brücke", "de") > 0, _zipf_in("会議", "ja") > 0, _zipf_in("sõna", "xx")
    (True, True, None)
    """
    if lang == TARGET_LANG:
        return zipf(word)
    if lang not in _wordfreq_languages():
        return None
    from wordfreq import get_frequency_dict

    freq = get_frequency_dict(lang).get(word.lower())
    return math.log10(freq) + 9 if freq else 0.0


@cache
def _wordfreq_languages() -> frozenset[str]:
    """The languages wordfreq has a list for (it looks them up on disk at every call)."""
    from wordfreq import available_languages

    return frozenset(available_languages())


def _names(words: set[str], langs: tuple[str, ...]) -> list[str]:
    """Capitalised Latin-script words that no dictionary of ``langs`` knows well: names."""
    known = [lang for lang in langs if lang in _wordfreq_languages()]  # wordfreq has no Estonian list
    return [
        w
        for w in words
        if len(w) >= 4 and w[0].isupper() and _NAME.fullmatch(w)
        and all((_zipf_in(w, lang) or 0.0) < 3.0 for lang in known)
    ]  # fmt: skip


_RARE_ZIPF = 3.0  # English words rarer than this are names, terms or garble
_SPELLING_MATCH = 70  # rapidfuzz ratio: a transliteration as close as this spells the same name
_NOUN_CAPITALS = frozenset({"de", "lb"})  # languages that capitalise every noun, not only names
_CASED_SCRIPTS = frozenset({"Latin", "Cyrillic", "Greek", "Armenian"})
# Languages whose grammar has no articles (general knowledge; Romanian, Bulgarian and the Nordic
# languages write a definite suffix, and are left out).
_ARTICLELESS = frozenset({
    "ru", "uk", "be", "pl", "cs", "sk", "sl", "hr", "sr", "bs", "lt", "lv", "et", "fi", "tr", "kk",
    "uz", "ja", "zh", "ko", "hi", "ne", "si", "ta", "te", "bn", "mr", "gu", "pa", "ur", "fa", "th", "vi",
})  # fmt: skip
_SENTENCE_START = regex.compile(r"(?:^|[.!?:;\"“«„(]\s*+|\n)(?=\p{L})")


def _inner_capitals(text: str) -> int:
    """Capitalised words that do not open a sentence, a quotation or a line."""
    starts = {m.end() for m in _SENTENCE_START.finditer(text)}
    return sum(1 for m in _WORD.finditer(text) if m.group()[0].isupper() and m.start() not in starts)


@lru_cache(maxsize=65536)
def spelled_in_latin(word: str) -> str:
    """``word`` in lower-case Latin letters, transliterated from any script (anyascii's tables).

    >>> spelled_in_latin("Велмора"), spelled_in_latin("Ülo")
    ('velmora', 'ulo')
    """
    from anyascii import anyascii

    return anyascii(word).lower().replace("'", "")


def analyse(doc: Document) -> Pair | None:
    """The shared bilingual analysis of ``doc``; None when it has no source."""
    if doc.source is None:
        return None
    return doc.memo(Pair)

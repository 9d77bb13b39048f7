"""Accuracy rules: a translation checked against its source.

Every rule here reads the shared bilingual analysis (``cleanup.analysis.bilingual``: the
source split and aligned with the translation by paragraph or sentence) and is silent when
the document has no source. With one, whole classes of errors become certain instead of
guessed: a number that changed, a name the source spells otherwise, a link or quotation that
moved or vanished, a sentence dropped or left untranslated, a phrase repeated in a loop.
"""

from __future__ import annotations

import dataclasses
import math
import tomllib
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path

import regex
from rapidfuzz.distance import OSA, Levenshtein
from wordfreq import zipf_frequency

from cleanup.analysis.bilingual import TARGET_LANG, Bead, Calibration, Pair, analyse, source_sentences
from cleanup.analysis.language import SCRIPT_OF, detect_language, script, script_share
from cleanup.analysis.numbers import Number, is_month, same_value
from cleanup.document import Document
from cleanup.model import Category, Edit, Finding, Fix, FixAvailability, RuleSpec, Severity
from cleanup.registry import rule

__all__ = [
    "identifier_mismatch",
    "length_mismatch",
    "link_displaced",
    "name_misspelled",
    "number_mismatch",
    "punctuation_parity",
    "quotation_dropped",
    "repeated_phrase_loop",
    "terminology",
    "untranslated_sentence",
]

_LATIN_TOKEN = regex.compile(r"(?<![\p{Latin}\d])\p{Latin}[\p{Latin}\d]*+(?:[-'’][\p{Latin}\d]++)*+(?![\p{Latin}\d])")
_IDENTIFIER = regex.compile(
    r"(?:https?://|www\.)[^\s<>()\[\]\"“”«»「」]+[^\s<>()\[\]\"“”«»「」.,;:!?。、]"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?<![\w@#])[@#](?=[\p{L}_\d]*\p{L})[\p{L}_\d]{2,}"  # #12 is a number, not a tag
)
_POSSESSIVE = regex.compile(r"['’]s?$")
_WORDS = regex.compile(r"[\p{L}\p{M}\d]+(?:['’-][\p{L}\p{M}\d]+)*")
_LETTER = regex.compile(r"\p{L}")
_DOUBLE_QUOTES = '“”"«»„'
_SOURCE_QUOTES = '「」『』“”"„«»‹›״'
_CLOSERS = "”’\"'»」』)）]"


def _numbers_in(numbers: list[Number], start: int, end: int) -> list[Number]:
    return [n for n in numbers if start <= n.start < end]


def _sentence_of(pair: Pair, src_offset: int) -> Bead | None:
    for b in pair.sentences:
        if b.src_start <= src_offset < max(b.src_end, b.src_start + 1):
            return b
    return None


@rule(code="AC001", name="number-mismatch", category=Category.ACCURACY, severity=Severity.ERROR)
def number_mismatch(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag a number of the source that the translation changed or dropped.

    Numbers are compared by value across locale formats (``1.000,5``, ``1 000``), percentages,
    ordinals, number words, months and CJK numerals and units (``3万`` = 30,000, ``2割`` = 20%).

    Each finding has an evidence class (:data:`EVIDENCE`): a figure in place of the source's that is
    its conversion (another unit or scale, the 12-hour clock: ``2.5キロ``/``2,500 meters``) is INFO,
    the rest keep the rule's severity (precision per class: ``benchmarks/evidence.py``).

    Why: a changed figure is the costliest error a translation can make, and no reader of the
    translation alone can see it.
    Fix: none; the right figure depends on the sentence.

    >>> from cleanup.testing import flagged
    >>> flagged("AC001", "About 3,000 people were evacuated.", source="約3万人が避難した。")
    ['3,000']
    >>> flagged("AC001", "About 30,000 people were evacuated.", source="約3万人が避難した。")
    []
    """
    yield from _graded(spec, _number_evidence(doc, spec))


def _number_evidence(doc: Document, spec: RuleSpec) -> Iterator[tuple[Finding, str]]:
    """AC001's findings, each with its evidence class (:data:`EVIDENCE`)."""
    pair = analyse(doc)
    if pair is None:
        return
    for unit in pair.units:
        # a list item's number (``5. ``) lies before its block: it is counted with the block
        src_start, tgt_start = _with_marker(pair.source, unit.src_start), _with_marker(doc.text, unit.tgt_start)
        # a list marker (``3、`` / ``01 ``) the translation leaves out is layout, not a dropped number
        unmarked = doc.text[tgt_start : unit.tgt_end].lstrip(" \t\"“‘'(*#-").upper()[:1].isalpha()
        src = [n for n in _numbers_in(pair.source_numbers, src_start, unit.src_end)
               if not (unmarked and _list_number(pair.source, n, src_start))
               and not _code_of_source(pair.source, n, doc.text)]  # fmt: skip
        if all(n.spelled and any(is_month(v) for v in n.values) for n in src):
            continue  # months alone: a translation may give them as words
        tgt = [
            t for t in _numbers_in(pair.target_numbers, tgt_start, unit.tgt_end)
            if not _code_of_source(doc.text, t, pair.source)
        ]  # fmt: skip
        tgt = _as_written(src, tgt, pair.source, doc.text, tgt_start, unit.tgt_end)
        source = pair.source
        figures = frozenset(
            n.start for n in src if _JOINED.match(source, n.end) or _JOINED_BEFORE.search(source, 0, n.start)
        )
        src_of, weak = _match_numbers(src, tgt, figures)
        tgt_digits = _digits(doc.text[unit.tgt_start : unit.tgt_end])
        dates = _dates_as_weekdays(pair, unit, doc.text, src, src_of)
        missing = [
            n
            for i, n in enumerate(src)
            if i not in src_of and not n.spelled and not _IDIOMATIC_ONE.match(pair.source, n.start)
            and not _digits_in(pair.source[n.start : n.end], tgt_digits, 6) and i not in dates
        ]  # fmt: skip
        src_digits = _digits(pair.source[unit.src_start : unit.src_end])
        matched = set(src_of.values())
        extra = [
            t
            for i, t in enumerate(tgt)
            if i not in matched and not t.spelled and doc.text[t.start].isdigit()
            and not _digits_in(doc.text[t.start : t.end], src_digits)
        ]  # fmt: skip
        # a figure the source writes in digits but may leave to words (1/4 финала, 20世纪90年代) that the
        # translation gives otherwise, beside a figure the source lacks, was changed (not so a word: 二人,
        # 正月十五, a month, or an era year glossing the Western one)
        # and so was a date given as its weekday, where a figure the source lacks follows the weekday
        # (Friday the 12th for 10日; not COVID-19 elsewhere in the sentence)
        dated = any(_WEEKDAY.search(doc.text, max(unit.tgt_start, t.start - 20), t.start) for t in extra)
        lost = [
            n for i, n in enumerate(src)
            if i not in src_of and ((n.spelled and _in_figures(source, n)) or (dated and i in dates))
        ]  # fmt: skip
        if extra and (missing or weak or lost):
            wanted = ", ".join(pair.source[n.start : n.end] for n in (missing or weak or lost))
            for t in extra:
                written = doc.text[t.start : t.end]
                kind = (
                    "changed-for-word" if not missing
                    else "changed" if any(_near(n, t, source[n.start : n.end], written) for n in missing)
                    else "changed-converted" if any(_converted(n, t, _on_clock(source, n)) for n in missing)
                    else "changed-far"
                )  # fmt: skip
                yield spec.finding(t.start, t.end, f"{written!r} is not in the source (it has {wanted})"), kind
            continue
        words = [
            t for i, t in enumerate(tgt)
            if i not in matched and t.spelled and not _month_only(t)
            and doc.text[t.start : t.end].lower() not in _ARTICLES
        ]  # fmt: skip
        kept = [tgt[j].values for j in matched]
        for n in missing:
            bead = _sentence_of(pair, n.start)
            if bead is not None and bead.tgt_end > bead.tgt_start:
                start, end = bead.tgt_start, bead.tgt_end
            else:
                start, end = unit.tgt_start, unit.tgt_end
            kind = _dropped_kind(pair.source, n, [t for t in words if start <= t.start < end])
            if any(same_value(n.values, k, either_way=False) for k in kept):
                kind = "dropped-repeated"  # the source repeats the figure; the translation gives it once
            yield (
                spec.finding(start, end, f"The source's number {pair.source[n.start : n.end]!r} is missing here"),
                kind,
            )


# Evidence classes of the graded rules, and why the uncertain ones are so. A finding of an uncertain
# class is reported at INFO severity, its reason added to the message; the precision of every class,
# measured on the tune half (``benchmarks/evidence.py``), is in ``benchmarks/README.md``.
EVIDENCE: Mapping[str, str] = {
    # AC001
    "changed": "",
    "changed-far": "",
    "changed-converted": "the translation's figure is the source's in another unit or scale (converted)",
    "changed-for-word": "",
    # AC005
    "lone-mark": "",
    "among-quotations": "",
    # AC003
    "differs": "",
    "replaced": "no identifier of the source is like it: the translator may have given another on purpose",
    # AC002
    "near": "",
    "english-form": "the translation's spelling is the one English writers use",
    # AC001
    "dropped-repeated": "the source repeats the figure, which the translation gives once",
    "dropped": "",
    "dropped-worded": "the translation has a number word here that may render it",
    "dropped-date": "translators leave out a date's day or year that the context gives",
    "dropped-bracket": "translators leave out a bracketed aside (a date, an age, a gloss)",
    "dropped-small": "a one or a two may be an article or a word (a, both, a pair)",
}
UNCERTAIN: frozenset[str] = frozenset({"changed-converted"})
# the graded rules: code -> their findings with evidence classes
GRADED: dict[str, Callable[[Document, RuleSpec], Iterator[tuple[Finding, str]]]] = {}


def _graded(spec: RuleSpec, found: Iterator[tuple[Finding, str]]) -> Iterator[Finding]:
    """The findings, those of an uncertain evidence class at INFO severity with the reason in the message."""
    for f, kind in found:
        if kind in UNCERTAIN:
            why = EVIDENCE[kind]
            yield dataclasses.replace(f, severity=Severity.INFO, message=f"{f.message} (uncertain: {why})")
        else:
            yield f


_ENGLISH_FORM = 1.5  # Zipf frequency in English of a spelling that English writers use (an exonym)


def _name_kind(token: str, name: str) -> str:
    """``english-form`` where the translation's spelling is a word of English and the source's is less
    so (``Transylvania`` for ``Transilvania``), ``near`` otherwise."""
    mine, theirs = zipf_frequency(token.lower(), TARGET_LANG), zipf_frequency(name.lower(), TARGET_LANG)
    return "english-form" if mine >= _ENGLISH_FORM and mine > theirs and not token.isupper() else "near"


_ARTICLES = frozenset({"a", "an"})


def _near(source: Number, target: Number, source_text: str, target_text: str) -> bool:
    """True when two figures differ by one digit edit, as written or by value (a typo-like change:
    ``155``/``115``, ``1990``/``1990.3``, ``3万``/``31,000``), not a conversion (``15時``/``3``)."""
    written = [_digits(source_text), _digits(target_text)]
    pairs = [written] + [
        [_value_digits(x), _value_digits(y)] for x in source.values for y in target.values if x > 0 < y
    ]
    return any(Levenshtein.distance(a, b, score_cutoff=1) <= 1 for a, b in pairs)


# a figure scaled by a word or unit the source writes otherwise (मिलियन, lakh, 万 in a compound), or
# converted between units (60 minutes, 12 months, 24 hours, 7 days) or to the 12-hour clock
_FACTORS = (10.0, 100.0, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e12, 60.0, 24.0, 12.0, 7.0, 3600.0, 365.0)


_CLOCK = regex.compile(r"\s?[時时点點](?!間)")


def _on_clock(source: str, n: Number) -> bool:
    """True for an hour of the clock (``15時``, ``15点``), not a span of hours (``24時間``)."""
    end = n.end - 1 if source[n.end - 1 : n.end] in "時时点點" else n.end
    return _CLOCK.match(source, end) is not None


def _converted(source: Number, target: Number, clock: bool = False) -> bool:
    """True when a target figure is a source figure times or divided by a scale or unit factor, or its
    hour on the 12-hour clock (``15時``/``3``): a conversion or a scale, not a typo-like change.

    >>> _converted(Number(0, 3, frozenset({493.0})), Number(0, 3, frozenset({493e6})))
    True
    >>> _converted(Number(0, 3, frozenset({155.0})), Number(0, 3, frozenset({115.0})))
    False
    """
    for x in source.values:
        for y in target.values:
            if x <= 0 or y <= 0:
                continue
            if any(math.isclose(x * f, y) or math.isclose(y * f, x) for f in _FACTORS):
                return True
            if clock and x.is_integer() and 13 <= x <= 24 and math.isclose(x - 12, y):
                return True
    return False


def _value_digits(x: float) -> str:
    return f"{x:.10g}".replace(".", "")


def _month_only(n: Number) -> bool:
    return all(is_month(v) for v in n.values)


# a figure of a date: before 日/号/月/年 (10日, 2023年) or after 月 (3月10), or a year on its own
_DATE_AFTER = regex.compile(r"\s?[日号號月年]")
_DATE_BEFORE = regex.compile(r"[月]\s?$")
_YEAR = regex.compile(r"(?:19|20)\d\d")
_BRACKETS = {"(": ")", "（": "）", "[": "]", "【": "】"}


def _dropped_kind(source: str, n: Number, words: list[Number]) -> str:
    """The evidence class of a source figure the translation lacks, with ``words`` its unmatched number words."""
    text = source[n.start : n.end]
    if words:
        return "dropped-worded"
    if (
        _DATE_AFTER.match(source, n.end) or _DATE_BEFORE.search(source, max(0, n.start - 2), n.start)
        or _YEAR.fullmatch(text)
    ):  # fmt: skip
        return "dropped-date"
    line_start = source.rfind("\n", 0, n.start) + 1
    before = source[line_start : n.start]
    if any(before.count(o) > before.count(c) for o, c in _BRACKETS.items()):
        return "dropped-bracket"
    if n.values <= {1.0, 2.0}:
        return "dropped-small"
    return "dropped"


def _match_numbers(
    src: list[Number], tgt: list[Number], figures: frozenset[int] = frozenset()
) -> tuple[dict[int, int], list[Number]]:
    """Pair source numbers with target numbers of the same value: ``{source index: target index}``.

    Digits pair with digits first and words with words (``два``/``two``, ``марта``/``March``); then
    a source figure may pair with a spelled target number (``22`` → ``Twenty-two``). The second list
    holds the source figures so paired with a spelled count: weaker evidence, which a figure of the
    translation that the source lacks outweighs (``Flamengo (3:3)`` for ``(3:2)`` while ``two``
    stands in for the ``2``). A source figure that starts at an offset in ``figures`` (a part of
    a score, range or fraction: ``4-1``, ``1/4``, ``1:1``) pairs with figures only.
    """
    src_of: dict[int, int] = {}
    weak: list[Number] = []
    for s_spelled, t_spelled in ((False, False), (True, True), (False, True), (True, False)):
        for i, n in enumerate(src):
            if i in src_of or n.spelled is not s_spelled:
                continue
            taken = set(src_of.values())
            if t_spelled and not s_spelled and n.start in figures and not any(is_month(v) for v in n.values):
                continue
            k = next(
                (j for j, t in enumerate(tgt)
                 if j not in taken and t.spelled is t_spelled and same_value(n.values, t.values, either_way=False)),
                None,
            )  # fmt: skip
            if k is not None:
                src_of[i] = k
                if t_spelled and not s_spelled and not all(is_month(v) for v in tgt[k].values):
                    weak.append(n)
    return src_of, weak


_WEEKDAY = regex.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b")
_SOURCE_WEEKDAY = regex.compile(r"[月火水木金土日]曜|星期|礼拜|禮拜|[周週][一二三四五六日]|[(（][月火水木金土日][)）]")
_DAY = regex.compile(r"[日号號]")


# 周五（2月10日）, 金曜日（10日）: a date in brackets after its weekday; 10日（金）: before it
_BESIDE_WEEKDAY = regex.compile(
    r"(?:[周週][一二三四五六日天]|星期[一二三四五六日天]|[月火水木金土日]曜日?)\s?[(（][\d月]*$"
)
_WEEKDAY_AFTER = regex.compile(r"(?:月\d{1,2})?[日号號]?\s?[(（](?:[月火水木金土日]|[周週][一二三四五六日])[)）]")


def _dates_as_weekdays(pair: Pair, unit: Bead, target: str, src: list[Number], src_of: dict[int, int]) -> set[int]:
    """Indices of the unmatched source figures of a date that the translation may give as its weekday.

    News translators from Japanese and Chinese give the weekday of a date in the current week
    (``7日``, "on Tuesday", where the source names no weekday) and leave out a date the source
    gives beside its weekday (``周五（2月10日）``, ``10日（金）``: "on Friday").
    """
    if pair.lang not in {"ja", "zh"} or not _WEEKDAY.search(target, unit.tgt_start, unit.tgt_end):
        return set()
    source = pair.source
    named = bool(_SOURCE_WEEKDAY.search(source, unit.src_start, unit.src_end))
    out = set()
    for i, n in enumerate(src):
        if i in src_of:
            continue
        beside = _BESIDE_WEEKDAY.search(source, max(0, n.start - 12), n.start) or _WEEKDAY_AFTER.match(source, n.end)
        alone = not named and _DAY.match(source, n.end) and source[max(0, n.start - 1) : n.start] not in {"月", "/"}
        if beside or alone:
            out.add(i)
    return out


def _as_written(src: list[Number], tgt: list[Number], source: str, target: str, start: int, end: int) -> list[Number]:
    """``tgt`` with a figure written in ``target[start:end]`` exactly as a source figure (``14.000``
    kept from Romanian, ``18 000``) read as that figure: it was copied, not changed."""
    written: dict[str, frozenset[float]] = {}
    for n in src:
        text = source[n.start : n.end]
        if len(_digits(text)) >= 4 and regex.fullmatch(r"\d[\d.,\u00a0\u202f' ]*\d", text):
            written[text] = written.get(text, frozenset()) | n.values
    copies: list[Number] = []
    for text, values in written.items():
        for m in regex.finditer(rf"(?<![\d.,]){regex.escape(text)}(?![\d]|[.,]\d)", target[start:end]):
            copies.append(Number(start + m.start(), start + m.end(), values))
    if not copies:
        return tgt
    inside = [t for t in tgt if not any(c.start <= t.start < c.end for c in copies)]
    return sorted(inside + copies, key=lambda n: n.start)


_FIGURE = regex.compile(r"\d")
_ERA = regex.compile(r"令和|平成|昭和|大正|明治")


def _in_figures(source: str, n: Number) -> bool:
    """True for a number the source writes in digits, not a month, nor an era year (a gloss)."""
    text = source[n.start : n.end]
    return bool(_FIGURE.search(text)) and not _ERA.match(text) and not any(is_month(v) for v in n.values)


_MARKER = regex.compile(r"[ \t]*\d{1,3}[.)][ \t]+$")


def _with_marker(text: str, start: int) -> int:
    """``start``, or the start of its line where a numbered list marker (``5. ``) stands before it."""
    line = text.rfind("\n", 0, start) + 1
    return line if _MARKER.match(text, line, start) else start


# a figure joined to another by a range, score or fraction sign: 4-1, 1/4, 1:1
_JOINED = regex.compile(r"\s?[-–/:]\s?\d")
_JOINED_BEFORE = regex.compile(r"\d\s?[-–/:]\s?$")
# "1件でも1人でも多く": as many as possible, no figure to keep
_IDIOMATIC_ONE = regex.compile(r"[1１一]\p{Han}?(?:でも|も)")
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


# ``1. ``, ``2) ``, ``3、``, before CJK text ``1.`` and a bare ``01 `` or ``04``, and a zero-padded
# ``06 `` before any word; a bare ``11 февраля`` is a date, ``04月`` a month
_CJK_TEXT = r"[\p{Han}\p{Hiragana}\p{Katakana}]"
_LIST_NUMBER = regex.compile(
    rf"\d{{1,2}}(?:[.)]\s|[、，,．）)](?!\d)|[.\s](?={_CJK_TEXT}))"
    rf"|0\d(?:\s(?=\p{{L}})|(?![年月日時时点點号號分秒个個]){_CJK_TEXT})"
)


def _list_number(source: str, n: Number, unit_start: int) -> bool:
    """True for a number that opens its paragraph as a list or section marker (``01 佩戴耳机``, ``3、表``)."""
    return source[unit_start : n.start].strip() == "" and bool(_LIST_NUMBER.match(source, n.start))


_CODE = regex.compile(r"\p{Latin}[\p{Latin}\d]*\d[\p{Latin}\d]*")  # SSC5, A320 (183cm is a measure)


def _code_of_source(text: str, number: Number, source: str) -> bool:
    """True for digits inside a code that ``source`` (the other side) writes as is (``SSC5``, ``A320``).

    Such a code is compared as a token (by AC002), not as a number.
    """
    a, b = number.start, number.end
    while a > 0 and (text[a - 1].isalnum() and text[a - 1].isascii()):
        a -= 1
    while b < len(text) and (text[b].isalnum() and text[b].isascii()):
        b += 1
    token = text[a:b]
    return _CODE.fullmatch(token) is not None and bool(
        regex.search(rf"(?<![\p{{Latin}}\d]){regex.escape(token)}(?![\p{{Latin}}\d])", source)
    )


def _digits(text: str) -> str:
    return "".join(c for c in text.translate(_FULL_WIDTH_DIGITS) if c.isdigit())


def _digits_in(number: str, digits: str, least: int = 3) -> bool:
    """True when a long number's digits appear as written on the other side (phone numbers, codes)."""
    own = _digits(number)
    return len(own) >= least and own in digits


def _latin_tokens(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _LATIN_TOKEN.finditer(text)]


def _is_name_like(token: str, shortest: int = 4) -> bool:
    return len(token) >= shortest and any(c.isupper() for c in token)


@rule(
    code="AC002",
    name="name-misspelled",
    category=Category.ACCURACY,
    severity=Severity.ERROR,
    fix=FixAvailability.ALWAYS,
)
def name_misspelled(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag a name, brand or code that the source writes otherwise in Latin script (``Vekmar`` for ``Velmar``).

    Why: names, tickers and model numbers pass through translation unchanged; a near miss of
    one the source writes in Latin script is a mangled name, not a translation.
    Fix (unsafe): the source's spelling.

    >>> from cleanup.testing import fixed
    >>> fixed("AC002", "New museum in Vekmar, Ukraine", source="Новий музей у Velmar, Україна")
    'New museum in Velmar, Ukraine'
    >>> fixed("AC002", "The Kremlin's spokesman spoke.", source="Der Sprecher des Kremls sprach.")
    "The Kremlin's spokesman spoke."
    """
    yield from _graded(spec, _name_evidence(doc, spec))


def _name_evidence(doc: Document, spec: RuleSpec) -> Iterator[tuple[Finding, str]]:
    """AC002's findings, each with its evidence class (:data:`EVIDENCE`)."""
    pair = analyse(doc)
    if pair is None:
        return
    masked = pair.source_doc.masked
    # d’Ampezzo and d'Ampezzo are one spelling: apostrophes are compared as straight ones
    source_tokens = {_POSSESSIVE.sub("", masked[a:b]).replace("’", "'") for a, b in _latin_tokens(masked)}
    source_tokens |= {part for t in source_tokens if "-" in t for part in t.split("-")}  # Amazon-Shop
    # In a Latin-script source, capitalised words are also nouns and cognates (Präsident/President);
    # in any other script, a Latin-script word was written so on purpose and comes through as is.
    latin_source = pair.source_script == "Latin"
    # Cyrillic г is spelled g (Russian style) or h (Ukrainian style) in Latin script, by the Cyrillic
    # text itself and by the German press, which spells Slavic names from their Ukrainian form
    slavic = pair.source_script == "Cyrillic" or pair.lang == "de"
    shortest = 4 if latin_source else 3
    names = {t for t in source_tokens if _is_name_like(t, shortest)}
    if not names:
        return
    lowered = {t.lower() for t in source_tokens} | {t.lower().replace("-", "") for t in source_tokens}  # WiFi
    target = doc.masked
    for a, b in _latin_tokens(target):
        token = _POSSESSIVE.sub("", target[a:b])
        b = a + len(token)
        straight = token.replace("’", "'")
        if (
            not _is_name_like(token, shortest) or straight in source_tokens
            or straight.lower() in lowered or straight.lower().replace("-", "") in lowered
        ):  # fmt: skip
            continue
        if latin_source and zipf_frequency(token.lower(), TARGET_LANG) >= 3.0:
            continue
        limit = 1 if len(token) < 7 else 2
        near = [
            n
            for n in names
            if OSA.distance(token, n, score_cutoff=limit) <= limit
            and not (n.startswith(token) or token.startswith(n))
            and n[0].lower() == token[0].lower()
        ]
        if (
            len(near) == 1 and not _same_letters(token, near[0])
            and not (slavic and _g_for_h(token, near[0]))
            and not (pair.lang == "de" and _slavic(token) == _slavic(near[0]))
        ):  # fmt: skip
            name = near[0]
            yield (
                spec.finding(
                    a, b, f"{token!r} is not in the source, which writes {name!r}",
                    fix=Fix.unsafe(f"Write {name!r}", Edit.replace(a, b, name)),
                ),
                _name_kind(token, name),
            )  # fmt: skip


_DIGRAPHS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
# German transliterations of Slavic names and their English ones (Poltawa/Poltava, Lwiw/Lviv,
# Tkatschenko/Tkachenko, Jurij/Yuriy), read alike
_GERMAN_TRANSLIT = (("schtsch", "shch"), ("tsch", "ch"), ("sch", "sh"), ("kh", "ch"), ("w", "v"), ("j", "y"))


def _same_letters(a: str, b: str) -> bool:
    """True when two spellings differ only in diacritics (``Gerardmer``/``Gérardmer``, ``Mueller``/``Müller``).

    >>> _same_letters("Gerardmer", "Gérardmer"), _same_letters("Mueller", "Müller"), _same_letters("Vekmar", "Velmar")
    (True, True, False)
    """

    def bare(s: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).casefold()

    return (
        bare(a) == bare(b)
        or bare(a.translate(_DIGRAPHS)) == bare(b.translate(_DIGRAPHS))
        or (_transliterated(bare(a)) == _transliterated(bare(b)))
    )


def _g_for_h(a: str, b: str) -> bool:
    """True when two spellings differ in one letter alone, a ``g`` for an ``h`` (not of ``ch``/``kh``/``sh``/``zh``).

    >>> _g_for_h("Ukrenerho", "Ukrenergo"), _g_for_h("Lihgt", "Light"), _g_for_h("Zgytomyr", "Zhytomyr")
    (True, False, False)
    """
    a, b = a.casefold(), b.casefold()
    if len(a) != len(b):
        return False
    diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return (
        len(diffs) == 1
        and {a[diffs[0]], b[diffs[0]]} == {"g", "h"}
        and (diffs[0] == 0 or a[diffs[0] - 1] not in "cksz")
    )


# Spellings of one Slavic name in German, English (BGN, Ukrainian national) and older styles:
# Odessa/Odesa, Donezk/Donetsk, Awdijiwka/Avdiivka, Dmitri/Dmitry, Juri/Yurii, Resnikow/Reznikov,
# Timoschenko/Tymoshenko (the second zh → sh undoes the zh that s → z made of an sh)
_SLAVIC_STEPS = (
    ("schtsch", "shch"), ("tsch", "ch"), ("sch", "sh"), ("zh", "sh"), ("kh", "ch"), ("w", "v"), ("j", "y"),
    ("ts", "z"), ("s", "z"), ("zh", "sh"), ("yi", "i"), ("iy", "i"), ("ii", "i"), ("yy", "i"),
    ("ia", "ya"), ("iu", "yu"), ("ie", "ye"), ("zz", "z"), ("y", "i"),
)  # fmt: skip


def _slavic(word: str) -> str:
    """A Slavic name, or a German place name, reduced to what its German and English spellings share.

    >>> [_slavic(a) == _slavic(b) for a, b in [("Odessa", "Odesa"), ("Donezk", "Donetsk"),
    ...  ("Awdijiwka", "Avdiivka"), ("Dmitri", "Dmitry"), ("Jurij", "Yurii"), ("Resnikow", "Reznikov")]]
    [True, True, True, True, True, True]
    >>> _slavic("Poltama") == _slavic("Poltava"), _slavic("Kyiv") == _slavic("Kyev")
    (False, False)
    """
    w = "".join(c for c in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(c))
    w = w[:-3] + "ia" if w.endswith("ien") else w  # German -ien is English -ia (Sardinien, Andalusien)
    for old, new in _SLAVIC_STEPS:
        w = w.replace(old, new)
    return w


def _transliterated(word: str) -> str:
    """``word`` with German and English transliterations of Slavic names read alike.

    >>> _transliterated("charkiw"), _transliterated("kharkiv"), _transliterated("tschernihiw")
    ('charkiv', 'charkiv', 'chernihiv')
    """
    for german, english in _GERMAN_TRANSLIT:
        word = word.replace(german, english)
    return word


def _identifiers(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m[0]) for m in _IDENTIFIER.finditer(text)]


@rule(code="AC003", name="identifier-mismatch", category=Category.ACCURACY, severity=Severity.ERROR)
def identifier_mismatch(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag a URL, e-mail address, @handle or #tag that is not written as in the source.

    Why: identifiers are never translated; one changed character sends the reader elsewhere.
    Fix: none (identifiers are protected text); the message names the source's spelling.

    >>> from cleanup.testing import flagged
    >>> flagged("AC003", "Write to press@exampel.org.", source="Schreiben Sie an press@example.org.")
    ['press@exampel.org']
    >>> flagged("AC003", "Follow @nytimes for more.", source="Folgen Sie @nytimes für mehr.")
    []
    >>> flagged("AC003", "They wrote #to_Kyiv on it.", source="Вони написали #на_Київ.")  # a tag in words
    []
    """
    yield from _graded(spec, _identifier_evidence(doc, spec))


def _identifier_evidence(doc: Document, spec: RuleSpec) -> Iterator[tuple[Finding, str]]:
    """AC003's findings, each with its evidence class (:data:`EVIDENCE`)."""
    pair = analyse(doc)
    if pair is None:
        return
    source = {s for _, _, s in _identifiers(pair.source_doc.text)}
    target = _identifiers(doc.text)
    written = {_same_address(t) for _, _, t in target}
    unmatched = [s for s in source if _same_address(s) not in written]
    # a #tag in another script than Latin is a word of the source language: it gets translated
    translated_tags = any(s.startswith("#") and script(s) not in {None, "Latin"} for s in unmatched)
    addresses = {_same_address(s) for s in source}
    for a, b, ident in target:
        if _same_address(ident) in addresses or (translated_tags and ident.startswith("#")):
            continue
        if any(_localised(s, ident, pair.lang) for s in unmatched):
            continue  # the English page of the source's link (/de/ → /en/)
        close = [s for s in unmatched if Levenshtein.normalized_similarity(s, ident) >= 0.7]
        if not close and ident.startswith("#"):
            continue  # a tag made of words (#Rentenreform) may be translated (#PensionReform)
        if len(close) == 1:
            yield spec.finding(a, b, f"{ident!r} differs from the source's {close[0]!r}"), "differs"
        elif not unmatched or close:
            continue
        else:
            yield spec.finding(a, b, f"{ident!r} is not in the source"), "replaced"


_SCHEME = regex.compile(r"^(?:https?://)?(?:www\.)?")


def _same_address(ident: str) -> str:
    """An identifier as compared: a URL without its scheme, ``www.`` and final ``/``; the rest in lower case.

    >>> _same_address("https://www.Example.org/"), _same_address("Press@Example.org")
    ('Example.org', 'press@example.org')
    """
    if "@" in ident or ident.startswith("#"):
        return ident.casefold()  # addresses, handles and tags ignore case (#MeToo is #metoo)
    return _SCHEME.sub("", ident).rstrip("/")


def _localised(source: str, target: str, lang: str | None) -> bool:
    """True when two URLs differ only in a language code, the source's in one and English in the other.

    >>> _localised("https://ex.de/de/hilfe", "https://ex.de/en/hilfe", "de")
    True
    >>> _localised("https://ex.de/de/hilfe", "https://ex.de/fr/hilfe", "de")
    False
    """
    if not lang or "/" not in source or source == target:
        return False
    code = _language_code(lang)
    return code.sub("~", _same_address(source)) == code.sub("~", _same_address(target))


@lru_cache(maxsize=16)
def _language_code(lang: str) -> regex.Pattern[str]:
    """``lang`` or ``en`` as a segment of a URL (``/de/``, ``-en``, ``lang=de-DE``)."""
    return regex.compile(rf"(?<=[/._=-])(?:{regex.escape(lang)}|en)(?:[-_]\p{{L}}{{2}})?(?=[/._?&=#-]|$)", regex.I)


def _sentence_containing(doc: Document, offset: int) -> tuple[int, int] | None:
    for s in doc.sentences:
        if s.start <= offset < s.end:
            return s.start, s.end
    return None


def _words(text: str, start: int, end: int) -> int:
    return len(_WORDS.findall(text, start, end))


@rule(code="AC004", name="link-displaced", category=Category.ACCURACY, severity=Severity.ERROR)
def link_displaced(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag link text moved to a sentence start or torn loose, where the source has it inside its sentence.

    Also flags a paragraph with fewer or more links than the source's.

    Why: machine translation of a web page translates each anchor on its own and pastes it back at
    a sentence boundary: ``…whereabouts. [war crimes under international law](…).``
    Fix: none; the anchor belongs around the words that translate the source's anchor.

    >>> from cleanup.testing import flagged
    >>> flagged("AC004", "He hid their graves. [war crimes](https://x.org) under law.",
    ...         "markdown", source="Er versteckte ihre Gräber, [Kriegsverbrechen](https://x.org) nach Recht.")
    ['war crimes']
    >>> flagged("AC004", "He hid [their graves](https://x.org), a war crime.",
    ...         "markdown", source="Er versteckte [ihre Gräber](https://x.org), ein Kriegsverbrechen.")
    []
    """
    pair = analyse(doc)
    if pair is None or doc.markup == "text":
        return
    src_doc, source = pair.source_doc, pair.source_doc.masked
    src_anchors, tgt_anchors = src_doc.link_anchors, doc.link_anchors
    for unit in pair.units:
        s_in = [a for a in src_anchors if unit.src_start <= a.start < unit.src_end]
        t_in = [a for a in tgt_anchors if unit.tgt_start <= a.start < unit.tgt_end]
        if len(s_in) != len(t_in):
            if pair.paragraphs is not None:
                yield spec.finding(
                    unit.tgt_start, unit.tgt_end, f"{len(t_in)} links here, {len(s_in)} in the source's paragraph"
                )
            continue
        for s, t in zip(s_in, t_in, strict=True):
            t_sentence = _sentence_containing(doc, t.start)
            s_sentence = [b for b in src_doc.sentences if b.start <= s.start < b.end]
            if t_sentence is None:
                continue
            first = doc.masked[t.start : t.end].lstrip()[:1]
            at_start = doc.masked[t_sentence[0] : t.start].strip(" \t\"“'‘(*_") == ""
            src_at_start = bool(s_sentence) and source[s_sentence[0].start : s.start].strip(" \t\"“'‘(「*_") == ""
            rest = _words(doc.masked, *t_sentence) - _words(doc.masked, t.start, t.end)
            src_rest = (
                (_words(source, s_sentence[0].start, s_sentence[0].end) - _words(source, s.start, s.end))
                if s_sentence
                else 0
            )
            previous = t_sentence[0] > unit.tgt_start
            if src_at_start or not at_start or not previous:
                continue
            if first.islower() or (rest <= 1 < src_rest):
                yield spec.finding(
                    t.start, t.end, "Link text starts its own sentence here; in the source it sits inside a sentence"
                )


_PARTNER = {"“": "”", "«": "»", "„": "“", "「": "」", "『": "』", "‹": "›"}
_STRAIGHT = '"״'
# A Hebrew gershayim marks an acronym (ארה"ב, מנכ"ל, שב"חים): a few letters follow it, not a word.
# A straight mark inside a word stands for an apostrophe (Ukrainian інтерв"ю), not a quotation.
_INNER_APOSTROPHE = regex.compile(r'(?<=\p{L})"(?=\p{Ll})')
_INCH = regex.compile(r'(?<=\d)"(?!\p{L})')
_GERSHAYIM = regex.compile(r'(?<=\p{Hebrew})["״](?=\p{Hebrew}{1,3}(?!\p{Hebrew}))')


def _straight_role(text: str, i: int) -> str:
    """``open``, ``close`` or ``either`` for a straight quotation mark, from the spacing around it.

    A mark between a space and a stop (``a legitimate UFO ".``) closes, with a space typed before it.

    >>> _straight_role('say "yes"', 4), _straight_role('say "yes"', 8), _straight_role('a UFO ".', 6)
    ('open', 'close', 'close')
    """
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isspace() and after in ".,;:!?)]}…":
        return "close"
    if (before.isspace() or before in "([{—–-/:") and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or after in ".,;:!?)]}—–-…"):
        return "close"
    return "either"


def _unpaired_quotes(text: str, start: int, end: int) -> list[int]:
    """Offsets of the quotation marks in ``text[start:end]`` without a partner.

    ``„…“`` (German), ``“…”``, ``«…»``, ``「…」``, ``『…』`` and straight ``"…"`` pair up (a straight
    mark's side is read from its spacing, and so is a curly one typed the wrong way round: ``”…”``);
    a Hebrew gershayim (``ארה"ב``) is no quotation mark.

    >>> _unpaired_quotes("”Yes,” he said. “No“ and “maybe”.", 0, 33), _unpaired_quotes("“Yes, he said.", 0, 14)
    ([], [0])
    """
    stack: list[int] = []
    stray: list[int] = []
    for i in range(start, end):
        c = text[i]
        if c in _STRAIGHT:
            if _GERSHAYIM.match(text, i) or _INNER_APOSTROPHE.match(text, i):
                continue
            if c == '"' and _INCH.match(text, i) and not (stack and text[stack[-1]] in _STRAIGHT + "“"):
                continue  # 55" (inches) after a figure, with no quotation open
            role = _straight_role(text, i)
            top = text[stack[-1]] if stack else ""
            if role == "close" or (role == "either" and top and top in _STRAIGHT + "“"):
                if top and top in _STRAIGHT + "“":  # "…" and a mixed “…" are whole quotations
                    stack.pop()
                else:
                    stray.append(i)
            else:
                stack.append(i)
        elif stack and (c == _PARTNER.get(text[stack[-1]]) or (c == "”" and text[stack[-1]] in _STRAIGHT + "”")):
            stack.pop()
        elif c == "“" and stack and text[stack[-1]] in "“”" and _straight_role(text, i) == "close":
            stack.pop()  # “…“: a closing mark typed the wrong way round
        elif c in _PARTNER:
            stack.append(i)
        elif c == "”" and _straight_role(text, i) == "open":
            stack.append(i)  # ”…”: an opening mark typed the wrong way round
        elif c in "”»」』›":
            stray.append(i)
    return sorted(stray + stack)


def _side(text: str, i: int, start: int = 0, end: int | None = None) -> str:
    """``open``, ``close`` or ``either`` for the quotation mark at ``text[i]``.

    A closing mark that opens its paragraph ``[start, end)``, or an opening mark that ends it,
    was typed the wrong way round: it may be either.
    """
    c = text[i]
    if c in _STRAIGHT:
        return _straight_role(text, i)
    side = "open" if c in _PARTNER else "close"
    end = len(text) if end is None else end
    if (side == "close" and not text[start:i].strip()) or (side == "open" and not text[i + 1 : end].strip()):
        return "either"
    return side


def _follows(source: list[str], target: list[str]) -> bool:
    """True when the target's lone marks are, in order, lone marks of the source too (same sides).

    >>> _follows(["open"], ["open"]), _follows(["open"], ["close"]), _follows(["open", "close"], ["close"])
    (True, False, True)
    """
    k = 0
    for side in target:
        while k < len(source) and "either" not in (side, source[k]) and source[k] != side:
            k += 1
        if k == len(source):
            return False
        k += 1
    return True


@rule(code="AC005", name="quotation-dropped", category=Category.ACCURACY, severity=Severity.WARNING)
def quotation_dropped(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag a quotation mark left without its partner where the source's quotations are whole.

    A quotation the source leaves open (it goes on in the next paragraph) may stay open in the
    translation; a mark without a partner that the source's lone marks do not account for, in
    order and side, is still a finding.

    Why: the source's quotations (``「」『』“” „“ «» ""``) are quotations in the translation; a
    mark dropped in translation leaves the reader unable to tell who said what.
    Fix: none; the missing mark's place is a matter of the sentence.

    >>> from cleanup.testing import flagged
    >>> flagged("AC005", 'He said "we are sorry. Then he left.', source="「申し訳ない」と話した。彼は去った。")
    ['"we are sorry.']
    >>> flagged("AC005", 'He said "we are sorry." Then he left.', source="「申し訳ない」と話した。彼は去った。")
    []
    >>> flagged("AC005", 'He added: we will stay."', source='Er fügte hinzu: "Wir bleiben.')  # open, not closed
    ['He added: we will stay."']
    >>> flagged("AC005", 'He added: "We will stay.', source='Er fügte hinzu: "Wir bleiben.')
    []
    """
    yield from _graded(spec, _quotation_evidence(doc, spec))


def _quotation_evidence(doc: Document, spec: RuleSpec) -> Iterator[tuple[Finding, str]]:
    """AC005's findings, each with its evidence class (:data:`EVIDENCE`)."""
    pair = analyse(doc)
    if pair is None:
        return
    source = pair.source_doc.masked
    for unit in pair.units:
        marks = sum(1 for c in source[unit.src_start : unit.src_end] if c in _SOURCE_QUOTES)
        if not marks:
            continue
        lone = _unpaired_quotes(doc.masked, unit.tgt_start, unit.tgt_end)
        if not lone:
            continue
        # a quotation the source leaves open (it goes on in the next paragraph) may stay open here
        src_lone = [
            _side(source, i, unit.src_start, unit.src_end)
            for i in _unpaired_quotes(source, unit.src_start, unit.src_end)
        ]
        if _follows(src_lone, [_side(doc.masked, i) for i in lone]):
            continue
        first, last = lone[0], lone[-1]
        opening = doc.text[last] in "“«„" or (doc.text[last] == '"' and _straight_role(doc.text, last) == "open")
        if opening:
            start, end = first, (_sentence_containing(doc, last) or (unit.tgt_start, unit.tgt_end))[1]
        else:
            start, end = (_sentence_containing(doc, first) or (unit.tgt_start, unit.tgt_end))[0], last + 1
        marks = sum(1 for c in doc.masked[unit.tgt_start : unit.tgt_end] if c in _SOURCE_QUOTES)
        kind = "lone-mark" if marks == len(lone) else "among-quotations"
        yield spec.finding(start, end, "A quotation mark here has no partner; the source's quotation is whole"), kind


@rule(code="AC006", name="untranslated-sentence", category=Category.ACCURACY, severity=Severity.ERROR)
def untranslated_sentence(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag a sentence of the translation that is still in the source language or script.

    Why: machine translation passes through what it cannot parse, and a pipeline that joins
    segments can keep a source segment by mistake.
    Fix: none.

    >>> from cleanup.testing import flagged
    >>> flagged("AC006", "The talks ended. Переговоры продолжатся в понедельник.",
    ...         source="Переговоры закончились. Переговоры продолжатся в понедельник.")
    ['Переговоры продолжатся в понедельник.']
    >>> flagged("AC006", "The talks ended on Monday in Kyiv.", source="Переговоры закончились в понедельник в Киеве.")
    []
    """
    pair = analyse(doc)
    if pair is None or pair.lang == TARGET_LANG:
        return
    src_script = SCRIPT_OF.get(pair.lang or "", "Latin") if pair.lang else pair.source_script
    if src_script and src_script != "Latin":
        least = 5 if src_script == "Han" else 12
        for m in _script_run(src_script).finditer(doc.masked):
            letters = script_share(m[0])[src_script]
            if letters >= least and (src_script == "Han" or len(_WORDS.findall(m[0])) >= 2):
                yield spec.finding(m.start(), m.end(), f"Text left in the source's script ({src_script})")
        return
    if not pair.lang:
        return
    for s in doc.sentences:
        text = doc.masked[s.start : s.end]
        if len(_WORDS.findall(text)) < 3 or sum(script_share(text).values()) < 12:
            continue
        lang, prob = detect_language(text, (pair.lang, TARGET_LANG))
        if lang == pair.lang and prob >= 0.995:
            yield spec.finding(s.start, s.end, f"This sentence is in the source language ({pair.lang})")


@lru_cache(maxsize=16)
def _script_run(name: str) -> regex.Pattern[str]:
    """A stretch of text in one script: its letters with the spaces, digits and punctuation between them."""
    inner = r"\p{Han}\p{Hiragana}\p{Katakana}ー" if name == "Han" else rf"\p{{{name}}}"
    letter = f"[{inner}]"
    return regex.compile(rf"{letter}(?:[{inner}\p{{P}}\s\d]*{letter})?[。！？.!?」』”\"]*+")


@rule(code="AC007", name="length-mismatch", category=Category.ACCURACY, severity=Severity.WARNING)
def length_mismatch(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag a stretch of the translation far shorter or longer than its source (omission or addition).

    Lengths are compared on aligned sentences with the ratio of the language pair, calibrated on
    professional translations (``rules/data/length_ratios.toml``); a source sentence left with no
    counterpart is an omission, and so is one source sentence given as several shorter ones
    (translators who split a sentence seldom write less), or a source sentence of many clauses
    (commas) given as a short one with far fewer.

    Why: a dropped sentence or clause reads fluently; only the source shows it is missing.
    Fix: none.

    >>> from cleanup.testing import flagged
    >>> src = ("Die Fischer sind verärgert. "
    ...        "Tausende Boote sollen am Montag im Hafen bleiben, aus Protest gegen die neuen Fangquoten.")
    >>> flagged("AC007", "The fishermen are angry.", source=src, source_lang="de")
    ['The fishermen are angry.']
    >>> flagged("AC007", "The fishermen are angry. Thousands of boats are to stay in port on Monday "
    ...         "in protest against the new catch quotas.", source=src, source_lang="de")
    []
    >>> src = "这家餐厅的菜很新鲜，服务员也很热情，价格比附近的几家都便宜，停车也很方便，下次还会带家人一起来。"
    >>> flagged("AC007", "The food here is very fresh. The waiters are friendly.", source=src, source_lang="zh")
    ['The food here is very fresh. The waiters are friendly.']
    >>> flagged("AC007", "The food here is very fresh, and the waiters are friendly. Prices are lower than "
    ...         "nearby and parking is easy. Next time I will bring my family.", source=src, source_lang="zh")
    []
    """
    pair = analyse(doc)
    if pair is None:
        return
    cal = pair.calibration
    margin = float(spec.option("margin", 1.25))  # type: ignore[arg-type]
    # a short sentence: none of a tune-half reference is shorter than this times the calibrated extreme
    short_margin = float(spec.option("short_margin", 1.1))  # type: ignore[arg-type]
    merged_short = _MERGED_AND_SHORT_ZH if pair.lang == "zh" else _MERGED_AND_SHORT
    beads = pair.sentences
    units = pair.paragraphs if pair.paragraphs is not None else beads[:1]
    openings = {u.src_start for u in units}
    for k, b in enumerate(beads):
        ls, lt = b.src_end - b.src_start, b.tgt_end - b.tgt_start
        if b.src_start in openings and (lost := _dateline_lost(pair, beads, k)) is not None:
            yield spec.finding(
                lost[0], lost[1], f"The source opens with {lost[2]!r} (a dateline or heading): not translated"
            )
            continue
        if b.n_tgt == 0:
            if ls * cal.ratio < 20:  # a word or two ("Ja.", "P.S.") may go into a neighbour
                continue
            # where the gap falls between sentences of similar length is uncertain: the finding
            # spans the translated sentences either side of it
            before = next((x for x in beads[k - 1 :: -1] if x.n_tgt), None) if k else None
            after = next((x for x in beads[k + 1 :] if x.n_tgt), None)
            if before is not None or after is not None:
                yield spec.finding(
                    (before or after).tgt_start, (after or before).tgt_end,  # type: ignore[union-attr]
                    f"The source has a sentence here with no translation: {pair.source[b.src_start:b.src_end][:60]!r}",
                )  # fmt: skip
            continue
        z = cal.z(ls, lt)
        # target sentences with no source of their own beside the bead may be a piece of its translation
        t0, t1 = _with_unmatched_beside(pair, k)
        z_short = cal.z(ls, lt + (t1 - t0) - (b.tgt_end - b.tgt_start))
        fewer = len(_SOURCE_CLAUSE.findall(pair.source, b.src_start, b.src_end)) - len(
            _TARGET_CLAUSE.findall(doc.masked, t0, t1)
        )
        if (
            b.n_src and ls * cal.ratio >= 20 and _LETTER.search(pair.source, b.src_start, b.src_end)
            and not _LETTER.search(doc.masked, b.tgt_start, b.tgt_end)
        ):  # fmt: skip
            # only symbols (a bullet, a number) where the source has a sentence: its words are left out
            yield spec.finding(
                b.tgt_start, b.tgt_end,
                f"The source has a sentence here with no translation: {pair.source[b.src_start:b.src_end][:60]!r}",
            )  # fmt: skip
        elif b.n_src and z_short < cal.z_low * short_margin and ls * cal.ratio >= 40:
            # judged with the unmatched sentences beside it: the gap may be anywhere in that stretch
            yield spec.finding(t0, t1, "Much shorter than its source: something is left out")
        elif b.n_tgt > b.n_src and z_short < _SPLIT_AND_SHORT and ls * cal.ratio >= 40:
            # translators split long sentences, and a split one comes out longer, seldom shorter:
            # split and short means a piece of it is missing
            yield spec.finding(
                t0, t1,
                f"One source sentence given as {b.n_tgt}, and they are shorter: something is left out",
            )  # fmt: skip
        elif (
            b.n_src == 1 and fewer >= _FEWER_CLAUSES and z_short < cal.z_low * _CLAUSES_AND_SHORT
            and ls * cal.ratio >= 40
        ):  # fmt: skip
            # a long sentence of many clauses given as a short one of few: some clauses are left out
            yield spec.finding(
                t0, t1,
                f"The source sentence has {fewer} more clause breaks than its translation, which is shorter: "
                "something is left out",
            )  # fmt: skip
        elif (
            b.n_src > b.n_tgt
            and (z < merged_short or (z < 0 and _asks_less(pair, b)))
            and len(_LOOSE_END.findall(doc.masked, b.tgt_start, b.tgt_end)) + 1 < b.n_src
        ):  # fmt: skip
            # translators merge sentences, but seldom into a shorter one, or one that asks or exclaims
            # less: merged and short means one is missing; where it was is found by aligning the
            # neighbourhood again without each in turn
            start, end = pair.left_out(k) or (b.tgt_start, b.tgt_end)
            yield spec.finding(
                start, end,
                f"{b.n_src} source sentences here, {b.n_tgt} in the translation, and it is shorter: one is left out",
            )  # fmt: skip
        elif (b.n_src == 0 or z > cal.z_high * margin) and lt >= 40 and not _fits_a_neighbour(beads, k, margin, cal):
            yield spec.finding(b.tgt_start, b.tgt_end, "Much longer than its source: something is added")


_DATELINE_WORDS = 2  # a dateline or heading: "Kiew.", "Bad Ems."
_OPENING_WORDS = 3  # a translation that keeps it opens with a sentence this short
_SPACED_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’-]*")
_UNSPACED_LETTER = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}]")


def _dateline_lost(pair: Pair, beads: list[Bead], k: int) -> tuple[int, int, str] | None:
    """The opening target sentence and the dateline, where bead ``k`` opens its unit with one the translation lacks.

    A unit that opens with a sentence of a word or two (``Kiew.``, a dateline or heading) in a script
    written with spaces keeps it in translation as a sentence as short; the aligner joins one that
    was left out to the long sentence after it (or leaves it alone, too short to matter), so the
    length model does not see it.
    """
    b = beads[k]
    masked = pair.source_doc.masked
    src = source_sentences(masked, b.src_start, b.src_end)
    if not src or (b.n_tgt and len(src) < 2) or (not b.n_tgt and k + 1 >= len(beads)):
        return None
    first = masked[src[0][0] : src[0][1]]
    words = _SPACED_WORD.findall(first)
    if not words or len(words) > _DATELINE_WORDS or _UNSPACED_LETTER.search(first) or first[-1] not in ".:":
        return None
    at = b.tgt_start if b.n_tgt else beads[k + 1].tgt_start
    opening = next((s for s in pair.doc.sentences if s.start >= at), None)
    if opening is None or len(_SPACED_WORD.findall(pair.doc.masked, opening.start, opening.end)) <= _OPENING_WORDS:
        return None
    return opening.start, opening.end, first


# deviations: sentences merged into a translation this much shorter have lost one; translators seldom
# merge sentences. Chinese writers end sentences with 。 where English joins them with a comma, so a
# merge of Chinese sentences is common and must be shorter still.
_MERGED_AND_SHORT = -0.5
_MERGED_AND_SHORT_ZH = -1.0
_ASKED = regex.compile(r"[?？!！]++")


def _asks_less(pair: Pair, b: Bead) -> bool:
    """True when bead ``b``'s translation has fewer question or exclamation marks (runs) than its source."""
    source, target = pair.source_doc.masked, pair.doc.masked
    return len(_ASKED.findall(source, b.src_start, b.src_end)) > len(_ASKED.findall(target, b.tgt_start, b.tgt_end))


# a stop before a capital: a sentence end, or an abbreviation or a Roman numeral that may be one
# (``etc. My``, ``War I. It``); a translation of merged source sentences with as many is not merged,
# only split otherwise
_LOOSE_END = regex.compile(r"(?<=\p{Ll}{2}|\d|\b[IVX]{1,4})[.!?…]++[\"”’)\]]*+\s++(?=[\"“(\[]?\p{Lu})")
_SPLIT_AND_SHORT = -2.0  # deviations: on the tune half's references no split sentence is this short


def _with_unmatched_beside(pair: Pair, k: int) -> tuple[int, int]:
    """Bead ``k``'s target span with the beads without a source right before and after it, in its unit."""
    beads, unit = pair.sentences, pair.unit_at(pair.sentences[k].tgt_start)
    start, end = beads[k].tgt_start, beads[k].tgt_end
    for step in (-1, 1):
        j = k + step
        while (
            0 <= j < len(beads) and not beads[j].n_src and beads[j].n_tgt and pair.unit_at(beads[j].tgt_start) is unit
        ):
            start, end = min(start, beads[j].tgt_start), max(end, beads[j].tgt_end)
            j += step
    return start, end


# clause marks; a comma or colon before a digit is a number's (1,5 km; 10:30)
_SOURCE_CLAUSE = regex.compile(r"[，；：]|[,;:](?!\d)")
_TARGET_CLAUSE = regex.compile(r"[,;:](?!\d)|[.!?…](?=\s)")
_FEWER_CLAUSES = 4  # clause marks fewer than the source's: no reference of the tune half has this many
_CLAUSES_AND_SHORT = 0.5  # of the calibrated extreme: short enough, with that many fewer clauses


def _fits_a_neighbour(beads: list[Bead], k: int, margin: float, cal: Calibration) -> bool:
    """True when an unmatched target sentence, joined to a neighbour, fits that neighbour's source.

    The two sides split sentences differently (``officials. city hall Confirmed``; one long
    Chinese sentence of commas given as four English ones): a run of sentences with no source of
    their own is then a piece of its neighbour's translation, not an addition.
    """
    if beads[k].n_src:
        return False
    first = last = k
    while first > 0 and not beads[first - 1].n_src:
        first -= 1
    while last + 1 < len(beads) and not beads[last + 1].n_src:
        last += 1
    run = sum(b.tgt_end - b.tgt_start for b in beads[first : last + 1])
    for j in (first - 1, last + 1):
        if 0 <= j < len(beads):
            n = beads[j]
            z = cal.z(n.src_end - n.src_start, n.tgt_end - n.tgt_start + run)
            if cal.z_low * margin <= z <= cal.z_high * margin:
                return True
    return False


def _tokens(text: str, han: bool) -> list[str]:
    if han:
        return [c for c in text if c.isalnum()]
    return [w.lower() for w in _WORDS.findall(text)]


def _tandem(tokens: list[str], copies: int) -> Iterator[tuple[int, int, int]]:
    """``(start, n, count)`` of runs of an ``n``-token unit repeated ``count >= copies`` times back to back."""
    i = 0
    while i < len(tokens):
        best = None
        for n in range(1, 9):
            count = 1
            while tokens[i + count * n : i + (count + 1) * n] == tokens[i : i + n] and i + (count + 1) * n <= len(
                tokens
            ):
                count += 1
            if count >= copies and (best is None or count * n > best[2] * best[1]):
                best = (i, n, count)
        if best:
            yield best
            i += best[1] * best[2]
        else:
            i += 1


@rule(code="AC008", name="repeated-phrase-loop", category=Category.ACCURACY, severity=Severity.ERROR)
def repeated_phrase_loop(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag a word or phrase repeated three or more times in a row where the source has no such loop.

    Why: oscillatory hallucination, the decoder caught in a loop (``the war, the war, the war``).
    Fix: none; what the loop replaced is lost.

    >>> from cleanup.testing import flagged
    >>> flagged("AC008", "He said the war the war the war the war is over.", source="Er sagte, der Krieg sei vorbei.")
    ['the war the war the war the war']
    >>> flagged("AC008", "Ha ha ha, he laughed.", source="Ha ha ha, lachte er.")
    []
    """
    pair = analyse(doc)
    if pair is None:
        return
    source = pair.source_doc.masked
    han = (pair.source_script or "") == "Han"
    src_tokens = _tokens(source, han)
    src_max = max((c for _, _, c in _tandem(src_tokens, 2)), default=1)
    spans = [m.span() for m in _WORDS.finditer(doc.masked)]
    words = [doc.masked[a:b].lower() for a, b in spans]
    for i, n, count in _tandem(words, max(3, src_max + 1)):
        if n == 1 and count < 4 and not words[i].isalpha():
            continue
        start, end = spans[i][0], spans[i + n * count - 1][1]
        yield spec.finding(
            start, end, f"{' '.join(words[i : i + n])!r} repeated {count} times; the source has no such loop"
        )


@lru_cache(maxsize=16)
def _glossary_file(path: str) -> Mapping[str, object]:
    return tomllib.loads(Path(path).read_text(encoding="utf-8"))


def _terms(spec: RuleSpec, lang: str | None) -> dict[str, str]:
    """The glossary for ``lang``→English: inline ``terms`` and the ``glossary`` file, per pair or flat."""
    out: dict[str, str] = {}
    tables: list[Mapping[str, object]] = []
    path = spec.option("glossary", None)
    if isinstance(path, str):
        tables.append(_glossary_file(path))
    inline = spec.option("terms", None)
    if isinstance(inline, Mapping):
        tables.append(inline)
    for table in tables:
        for key, value in table.items():
            if isinstance(value, str):
                out[key] = value
            elif isinstance(value, Mapping) and lang and key.split("-")[0].lower() == lang:
                out.update({k: v for k, v in value.items() if isinstance(v, str)})
    return out


@rule(code="AC009", name="terminology", category=Category.ACCURACY, severity=Severity.WARNING)
def terminology(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag a glossary term of the source translated otherwise than the glossary requires.

    Options: ``terms`` (a table ``"source term" = "required target term"``, or one such table per
    language pair such as ``[…terms.ja-en]``) and ``glossary`` (the path of a TOML file of the same
    shape).

    Why: a house glossary fixes how names of bodies, products and laws are translated.
    Fix: none; the term's inflection depends on the sentence.

    >>> from cleanup.testing import findings
    >>> from cleanup import Checker, Config
    >>> checker = Checker(Config(select=("AC009",), options={"AC009": {"terms": {"Bundestag": "Bundestag"}}}))
    >>> [f.message for f in checker.check("Parliament voted.", source="Der Bundestag stimmte ab.")]
    ["The source's 'Bundestag' must be translated 'Bundestag'"]
    >>> checker.check("The Bundestag voted.", source="Der Bundestag stimmte ab.")
    []
    """
    pair = analyse(doc)
    if pair is None:
        return
    terms = _terms(spec, pair.lang)
    if not terms:
        return
    source, target = pair.source_doc.masked, doc.masked
    for unit in pair.units:
        src = source[unit.src_start : unit.src_end].casefold()
        tgt = target[unit.tgt_start : unit.tgt_end].casefold()
        for term, wanted in terms.items():
            if term.casefold() in src and wanted.casefold() not in tgt and unit.tgt_end > unit.tgt_start:
                yield spec.finding(unit.tgt_start, unit.tgt_end, f"The source's {term!r} must be translated {wanted!r}")


def _final_mark(text: str, start: int, end: int) -> str:
    while end > start and (text[end - 1] in _CLOSERS or text[end - 1].isspace()):
        end -= 1
    return text[end - 1] if end > start else ""


@rule(
    code="AC010",
    name="punctuation-parity",
    category=Category.ACCURACY,
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
)
def punctuation_parity(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag a question translated without its question mark, or a sentence left without its final stop.

    Why: a question that became a statement changes what the text says; a sentence with no
    final mark where the source has one was cut or glued.
    Fix (safe): a full stop where the source ends with one and the sentence ends a paragraph.

    >>> from cleanup.testing import fixed, flagged
    >>> flagged("AC010", "Who will pay for the war.", source="Wer zahlt für den Krieg?")
    ['.']
    >>> fixed("AC010", "The talks ended\\n\\nBoth sides left.", source="Die Gespräche endeten.\\n\\nBeide gingen.")
    'The talks ended.\\n\\nBoth sides left.'
    >>> flagged("AC010", "Who will pay for the war?", source="Wer zahlt für den Krieg?")
    []
    """
    pair = analyse(doc)
    if pair is None:
        return
    source, target = pair.source_doc.masked, doc.masked
    block_ends = {b.end for b in doc.blocks}
    unstopped: list[int] = []  # paragraph ends without the source's stop
    stopped = 0  # paragraph ends with the source's stop kept
    for b in pair.sentences:
        if b.n_src != 1 or b.n_tgt != 1:
            continue
        s_mark = _final_mark(source, b.src_start, b.src_end)
        t_mark = _final_mark(target, b.tgt_start, b.tgt_end)
        if (
            s_mark and s_mark in "?？" and not _QUESTION_MARK.search(target, b.tgt_start, b.tgt_end)
            and not _rhetorical(source, b.src_start, b.src_end)
            and not _INDIRECT_QUESTION.search(target, b.tgt_start, b.tgt_end) and t_mark != "!"
        ):  # fmt: skip
            end = b.tgt_end
            yield spec.finding(end - 1, end, "The source asks a question; the translation does not")
        elif s_mark and s_mark in ".。!！" and _ends_block(target, b.tgt_end, block_ends):
            if t_mark.isalnum() and not (pair.lang == "ja" and _noun_ending(source, b.src_start, b.src_end)):
                unstopped.append(b.tgt_end)
            elif t_mark in ".!?":
                stopped += 1
    # A paragraph left without its final stop is a style where every paragraph is so (headlines,
    # captions, list items, chat): it is flagged where the translation keeps the stops elsewhere.
    if stopped:
        for at in unstopped:
            yield spec.finding(
                at - 1, at, "The source ends this sentence with a stop; the translation has none",
                fix=Fix.safe("Add a full stop", Edit.insert(at, ".")),
            )  # fmt: skip


# Questions a translation may give as statements: Japanese wondering (〜かな？, 〜だろうか？), tag and
# rhetorical questions (〜じゃないですか？, 〜よね？, 难道…吗？, 岂…？, 何必…？, …吧？), invitations
# (〜しませんか？, "Let's …"), and a headline's topic question (〜とは？, 〜の理由は？: "the reason for …").
# A translation may also make one indirect ("I wonder whether", "asked why").
_RHETORICAL = regex.compile(
    r"(?:かな|かなぁ|かしら|だろうか|でしょうか|のでは|ではないか|じゃないか|じゃない|じゃないですか|ではないですか"
    r"|ではないでしょうか|とは|って|ませんか|ないか|でしょう|だろう|よね|ね|っけ|吧|は)[？?]$"
    r"|^.{0,20}(?:难道|難道|岂|豈|何必|何尝|何嘗)|不是[^，,。？?]{0,40}[吗嗎][？?]$"
)
_QUESTION_MARK = regex.compile(r"[?？⁇⁈]")
_INDIRECT_QUESTION = regex.compile(
    r"\b(?:wonder(?:ed|ing|s)?|whether|ask(?:ed|s|ing)?\s(?:\w+\s)?(?:if|why|what|how|who|when|where))\b", regex.I
)


def _rhetorical(source: str, start: int, end: int) -> bool:
    """True for a source question that translators may give as a statement (rhetorical, wondering)."""
    text = source[start:end].rstrip().rstrip(_CLOSERS)
    return bool(_RHETORICAL.search(text))


# Japanese headlines and ad copy end on a noun and still take a 。 (体言止め: 申し込める保険。);
# an English headline takes no stop. A sentence ends on a verb, adjective or copula, in kana.
_NOUN_END = regex.compile(r"[\p{Han}\p{Katakana}ー\p{Latin}\d][」』）)]*[。.]\s*$")


def _noun_ending(source: str, start: int, end: int) -> bool:
    """True for a Japanese sentence that ends on a noun before its 。 (a headline, not a clause)."""
    return bool(_NOUN_END.search(source, start, end))


def _ends_block(text: str, end: int, block_ends: set[int]) -> bool:
    return end in block_ends or text[end:].strip() == "" or text[end : end + 2] in {"\n\n", "\r\n"}


GRADED.update(
    {"AC001": _number_evidence, "AC002": _name_evidence, "AC003": _identifier_evidence, "AC005": _quotation_evidence}
)

"""Numbers in any of the source languages, normalised to values that can be compared.

A number is found with its span and the set of values it may stand for: ``1.000`` is a
thousand in German and one in English, ``3万`` is 30,000, ``2割`` is 20 (per cent, two in ten,
or a batting average of .200), ``第3`` and ``3rd`` and ``third`` are 3, ``twenty-two`` is 22 and
``3 p.m.`` is also 15. A month is a value of its own (:func:`month`): ``March``, ``März``,
``марта`` and ``3月`` are the month 3, never the count 3, so ``June 9`` for ``6 червня`` is a
changed day, not a day written as a month. Numbers spelled in words (and the source's month
names) are ``spelled``: weaker evidence than digits.
Comparing the value sets of a source and its translation tells a changed or dropped number from
a reformatted one.

>>> [sorted(n.values) for n in numbers("Über 1.000,5 Euro und 7 %", "de")]
[[1000.5], [7.0]]
>>> [sorted(n.values) for n in numbers("約1.2億円、3万人、2割", "ja")]
[[120000000.0], [30000.0], [0.2, 2.0, 20.0]]
>>> [sorted(n.values) for n in numbers("1.2 billion yen, 30,000 people, one fifth", "en")]
[[1200000000.0], [30000.0], [1.0], [0.2, 5.0, 20.0]]
>>> [(n.values == {month(6)}, n.spelled) for n in numbers("6 червня", "uk")]
[(False, False), (True, True)]
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex

__all__ = ["Number", "is_month", "month", "numbers", "same_value"]


@dataclass(frozen=True, slots=True)
class Number:
    """A number at ``[start, end)`` and the values it may stand for."""

    start: int
    end: int
    values: frozenset[float]
    spelled: bool = False  # written in words (``twelve``, ``March``), not in digits


_MONTH = -100_000.0  # months live apart from counts and from clock times (-1 - minutes)


def duration(value: float, unit: str) -> float:
    """The encoded value of a duration converted to ``unit`` (``minute`` … ``year``), apart from counts.

    >>> duration(1, "minute") == duration(1.0, "minute"), duration(1, "minute") == 1.0
    (True, False)
    """
    return -1e6 * _DURATION_UNITS[unit] - value


def month(m: int) -> float:
    """The value of the month ``m`` (1-12): a month matches a month, never the count ``m``."""
    return _MONTH - m


def is_month(value: float) -> bool:
    return _MONTH - 12 <= value <= _MONTH - 1


_CJK_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
               "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
_CJK_SMALL = {"十": 10, "百": 100, "千": 1000}
_CJK_LARGE = {"万": 1e4, "萬": 1e4, "億": 1e8, "亿": 1e8, "兆": 1e12}
_SCALES = {
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "mln": 1e6, "bn": 1e9,
    "tausend": 1e3, "mio": 1e6, "millionen": 1e6, "mrd": 1e9, "milliarde": 1e9, "milliarden": 1e9,
    "тыс": 1e3, "тис": 1e3, "тысяч": 1e3, "тысячи": 1e3, "тисяч": 1e3, "тисячі": 1e3, "млн": 1e6, "млрд": 1e9,
    "миллиона": 1e6, "миллионов": 1e6, "мільйонів": 1e6, "мільйона": 1e6, "миллиардов": 1e9,
    "мільярдів": 1e9, "אלף": 1e3, "מיליון": 1e6, "מיליארד": 1e9,
    "mii": 1e3, "milion": 1e6, "milioane": 1e6, "miliard": 1e9, "miliarde": 1e9,  # Romanian
    "tuhat": 1e3, "tuhande": 1e3, "miljon": 1e6, "miljonit": 1e6, "miljard": 1e9, "miljardit": 1e9,  # Estonian
}  # fmt: skip
_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "thousand": 1000, "million": 1e6, "billion": 1e9, "dozen": 12, "dozens": 12,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
    "thousandth": 1000, "every": 1, "each": 1, "per": 1, "twice": 2, "double": 2, "once": 1, "single": 1,
    "half": 0.5, "quarter": 0.25, "a": 1, "an": 1, "both": 2, "pair": 2, "couple": 2, "triple": 3,
    "noon": 12, "midnight": 0, "decade": 10, "decades": 10,
    "century": 100, "hundreds": 100, "thousands": 1000, "millions": 1e6, "percent": 100,
    "twofold": 2, "threefold": 3, "fourfold": 4, "fivefold": 5, "tenfold": 10, "doubled": 2, "tripled": 3,
    "quadrupled": 4, "halved": 2, "centenary": 100, "centennial": 100, "teens": 10, "teenage": 10,
    "teenager": 10, "teenagers": 10, "alone": 1, "solo": 1,
}  # fmt: skip
# the decades of a life or a century: "in his fifties" (五十代), "the eighties" (八十年代, 1980s)
_DECADES = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
            "eighties": 80, "nineties": 90}  # fmt: skip
# idioms that stand for a figure: 30分 is "half an hour", 24時間営業 is open "around the clock"
_PHRASES = regex.compile(
    r"\b(?:half[ \u00a0]an[ \u00a0]hour|(?:a)?round[- \u00a0]the[- \u00a0]clock"
    r"|(?:all[ \u00a0])?year[- \u00a0]round)\b",
    regex.I,
)
_EN_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
# Month names of the source languages (stems, case endings left open), as month values.
_SOURCE_MONTHS = {
    "de": r"jan(?:uar|ner)|jänner|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember",
    "ru": r"январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр",
    "uk": r"січ(?:ень|н)|лют(?:ий|ого|ому)|берез(?:ень|н)|квіт(?:ень|н)|трав(?:ень|н)|черв(?:ень|н)"
    r"|лип(?:ень|н)|серп(?:ень|н)|верес(?:ень|н)|жовт(?:ень|н)|листопад|груд(?:ень|н)",
    "he": r"[בלמהו]?(?:ינואר|פברואר|מרץ|מרס|אפריל|מאי|יוני|יולי|אוגוסט|ספטמבר|אוקטובר|נובמבר|דצמבר)",
}
_SOURCE_MONTH_ORDER = {
    "de": ("jan", "feb", "mär", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "dez"),
    "ru": ("янв", "фев", "мар", "апр", "ма", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"),
    "uk": ("січ", "лют", "бер", "кві", "тра", "чер", "лип", "сер", "вер", "жов", "лис", "гру"),
    "he": ("ינו", "פבר", "מר", "אפר", "מאי", "יונ", "יול", "אוג", "ספט", "אוק", "נוב", "דצמ"),
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
         "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
         "ninth": 9}  # fmt: skip
_COMPOUND = regex.compile(
    r"\b(?P<tens>" + "|".join(_TENS) + r")[-\u2010 ](?P<ones>" + "|".join(_ONES) + r")\b", regex.I
)
_PHRASE_VALUES = {"hour": 30.0, "clock": 24.0, "round": 365.0}  # by the phrase's last word
_FRACTIONS = {"half": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5, "tenth": 10}

_COMMA_DECIMAL = frozenset({"de", "ru", "uk", "fr", "es", "it", "pl", "cs", "nl", "pt", "tr", "ro", "et"})
_ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925, "大正": 1911, "明治": 1867}

# Digits with thousands separators (, . space, narrow/no-break spaces, apostrophe) and a decimal part.
_NUMBER = (
    r"(?<![{letters}\d,])(?<![^\p{{L}}]\.)(?P<num>\d{{1,3}}(?:(?P<sep>[{seps}])\d{{3}})(?:(?P=sep)\d{{3}})*+(?:[.,]\d++)?+(?!\d)"
    r"|\d++(?:[.,]\d++)?+)"
    r"(?P<cjk>\s?[十百千]?(?:[万萬][億亿]|[万萬億亿兆])|[十百千])?"
    r"(?P<wari>割|成(?![为為功立员員就绩績]))?"
)
# Digits glued after letters are part of a code (A320, Су35, СУ35), not a number, in a source in
# Latin, Cyrillic or Greek script; CJK text glues Latin words to its counts (TOP5, No1, チーム8), and
# so does an English translation (Team8, FY2013): there they are read. (Inserted as is: single braces.)
_CODE_LETTERS = r"\p{Latin}\p{Cyrillic}\p{Greek}"
_DIGITS = regex.compile(_NUMBER.format(seps=",.\u00a0\u202f'’", letters=_CODE_LETTERS))
_DIGITS_SPACED = regex.compile(_NUMBER.format(seps=",.\u00a0\u202f'’ ", letters=_CODE_LETTERS))  # 1 000
_DIGITS_CJK = regex.compile(_NUMBER.format(seps=",.\u00a0\u202f'’", letters=r"\p{Cyrillic}\p{Greek}"))
_DIGITS_TARGET = regex.compile(_NUMBER.format(seps=",.\u00a0\u202f'’", letters=""))  # Team8, No.8058
_CJK_LANGS = frozenset({"ja", "zh", "ko"})
_TIME = regex.compile(r"(?<![\d.,:])(?P<h>[01]?\d|2\d)[:.](?P<m>[0-5]\d)(?!\d|[.,:]\d)")
_AM_PM = regex.compile(r"[ \u00a0]?(?:(?P<pm>[pP])|[aA])\.?[ \u00a0]?[mM]\b\.?")
_SEVERAL = frozenset("数幾几何")  # 数千万, 何千万: "tens of millions", no figure
# (the full-width comma "，" stays: it separates clauses, never digits)
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
# A CJK numeral counts where it has two characters or more, or a counter after it (三人, 五日):
# one alone is mostly part of a name (九州 Kyushu, 三重 Mie).
_CJK_NUMERAL = regex.compile(
    r"[〇零一二两兩三四五六七八九十百千万萬億亿兆]{2,12}+"
    r"|[〇零二两兩三四五六七八九十百千万萬億亿兆](?=[人日月年件回名歳岁个個つ本台枚倍割成度分時时号位次家所隻頭头匹元円%％])"
)
# after a numeral standing alone: a counter makes 千万 a figure (千万人), else it is an adverb (千万别买)
_COUNTER = regex.compile(r"[人件个個台本枚元円吨噸辆輛户戸册冊美ドル]")
_NEVER_AGAIN = regex.compile(r"[二2]度と")  # "never again", no count
_TENTHS = regex.compile(r"割|成(?![为為功立员員就绩績])")
_CJK_TIME = regex.compile(r"(?P<h>\d{1,2})[時时点點](?:(?P<m>\d{1,2})分|半)?")
# 三分之二 = 2/3
_CJK_FRACTION = regex.compile(r"(?P<den>[一二三四五六七八九十百\d]+)分[之の](?P<num>[一二三四五六七八九十\d]+)")
_HAN = regex.compile(r"\p{Han}")
_CJK_RANGE = regex.compile(r"[一二两兩三四五六七八九]{2}")  # 一两天, 三四百: "a day or two", "three or four hundred"
_ENGLISH_WORD = regex.compile(r"\b\p{L}+\b")
_SCALE_AFTER = regex.compile(r"[ \u00a0]?(?:de[ \u00a0])?(?P<scale>\p{L}+)\.?")  # Romanian 470 de milioane
# 令和5年 (2023); 明治23（1890）年 and 1903（明治36）年 give the Western year beside the era's
_ERA_YEAR = regex.compile(
    r"(?P<era>令和|平成|昭和|大正|明治)(?P<n>\d{1,2}|元|[一二三四五六七八九十]{1,3})(?=年|[()（）])(?P<decade>年代)?"
)
_WESTERN_BESIDE = regex.compile(r"[(（]\d{4}[)）]")
_WESTERN_BEFORE = regex.compile(r"\d{4}[(（]$")
# 75万7千 (757,000), 723万1000 (7,231,000), 1億2000万 (120,000,000): a figure with a unit, then a smaller one
_CJK_COMPOUND = regex.compile(
    r"(?<![\d.,])(?P<a>\d++)(?P<ua>[億亿兆])(?P<b>\d++)(?P<ub>[千万萬億亿])"
    r"|(?<![\d.,])(?P<a>\d++)(?P<ua>[万萬])(?P<b>\d++)(?:(?P<ub>[千百十])|(?![\d.,年月日時时点點号號分秒]))"
)
# 1827～91年: the second year of a range written with its last two digits
_YEAR_RANGE = regex.compile(r"(?<![\d.,])(?P<first>1[5-9]\d\d|20\d\d)\s?[-–～〜~]\s?(?P<n>\d\d)(?![\d.,]|[-–/～〜]\d)")
# Roman numerals of two letters or more (World War II, XXI століття), up to 39
_ROMAN = regex.compile(r"(?<![\p{L}\d])(?=[IVX]{2})X{0,3}(?:IX|IV|V?I{0,3})(?![\p{L}\d])")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
_SHORT_YEAR = regex.compile(r"(?<!\d)\d{2}年")  # 20年 = 2020, 82年生まれ = 1982
_CJK_MONTH = regex.compile(r"月(?![间間])")
_MONTH_DAY = regex.compile(r"(?<![\d/.·・])(?P<m>1[0-2]|0?[1-9])[/·・](?P<d>[12]\d|3[01]|0?[1-9])(?![\d/·・])")
# between the two figures of a range: 50 bis 150 Tausend, 50 до 150 тысяч, 50 ל־150 אלף, 5〜10万
_RANGE = regex.compile(r"\s*(?:[-–—~～〜]|bis|до|to|und|и|і|або|или|ל[־-]?|עד|至|到)\s*")
# 3月 and 3 月 are March; 3月間 (and 3个月 / 3ヶ月, with a counter between) are spans of months
_CJK_MONTH_AFTER = regex.compile(r" ?月(?![间間])")
# A numeric date: 10.02.2023, and in a comma-decimal language also 10.02. (day, month, year);
# an ISO date 2023-02-11 (also with / or .)
_NUMERIC_DATE = regex.compile(
    r"(?<![\d.,])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)?\d\d)?(?![\d,]|\.\d)"
    r"|(?<![\d.,/-])(?P<y>(?:19|20)\d\d)(?P<sep>[-/.])(?P<m>[01]?\d)(?P=sep)(?P<d>[0-3]?\d)(?![\d,]|\.\d)"
)
# 15/2/2023 (day, month, year) in the sources that write dates day first
_SLASH_DATE = regex.compile(r"(?<![\d.,/])(?P<d>[0-3]?\d)/(?P<m>[01]?\d)/(?P<y>(?:19|20)?\d\d)(?![\d/])")
# 1米8 (1.8 m tall), 3块5 (3.5 yuan): the figure after the unit is its tenths
_UNIT_TENTHS = regex.compile(r"(?<![\d.,])(?P<a>\d{1,3})[米块塊](?P<b>\d)(?![\d.,])")
# 3.11 (the 2011 earthquake), 5.20: a month and day written with a dot in Japanese and Chinese, where
# no unit or scale follows (3.11倍 and 3.11% are decimals)
_DOT_DATE = regex.compile(
    r"(?<![\d.,])(?P<m>1[0-2]|[1-9])\.(?P<d>[12]\d|3[01]|[1-9])"
    r"(?![\d]|[.,]\d|\s?[%％倍万萬億亿兆元円ドル美米度℃个個台人件回次号號kKmMgG点點])"
)
# a batting average: .325 (also in a Japanese source, 打率.325), or 3割2分5厘: three digits after the point
_AVERAGE = regex.compile(r"(?<![\p{L}\d.,])\.(?P<d>\d{3})(?!\d|[.,]\d)")
_WARI_BU = regex.compile(r"(?<![\d.])(?P<w>\d)割(?P<b>\d)分(?:(?P<r>\d)厘)?")
# units a translator converts (60秒, "a minute"; 24時間, "a day"; 12か月, "a year"; 1ダース, "a dozen"):
# the figure after a unit, and the factor that gives it in the next larger unit
# A converted duration is a value of its own (:func:`duration`), matched only by a translation's
# duration in that unit ("a minute", "two hours"), never by a bare "a" or "two".
_UNIT_CONVERSIONS = (
    (regex.compile(r"\s?秒(?!速)"), 1 / 60, "minute"),
    (regex.compile(r"\s?分(?:間|钟|鐘)?(?![之の\d])"), 1 / 60, "hour"),
    (regex.compile(r"\s?(?:時間|个?小时|個?小時)"), 1 / 24, "day"),
    (regex.compile(r"\s?(?:日間|天)"), 1 / 7, "week"),
    (regex.compile(r"\s?(?:週間|个?星期|個?星期|周(?![年岁歲])|週(?!年))"), 1.0, "week"),  # 2週間: "a fortnight"
    (regex.compile(r"\s?(?:か月|ヶ月|カ月|ヵ月|ケ月|个月|個月)"), 1 / 12, "year"),
    (regex.compile(r"\s?ダース"), 12.0, None),  # 1ダース: "a dozen" (12)
)
_DURATION_UNITS = {"minute": 1, "hour": 2, "day": 3, "week": 4, "year": 5}
_DURATION = regex.compile(
    r"\b(?:(?P<fortnight>(?:a|one)[ \u00a0]fortnight)"
    r"|(?:(?P<half>half[ \u00a0-]an?)|(?P<one>an?|one)|(?P<num>\d+(?:\.\d+)?)"
    r"|(?P<count>(?:twenty|thirty|forty|fifty|sixty)(?:[-\u2010 ](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))"
    r"[ \u00a0-](?P<unit>minute|hour|day|week|year)s?)\b",
    regex.I,
)
_SCALE_PREFIXES = (
    ("тысяч", 1e3), ("тисяч", 1e3), ("тыс", 1e3), ("миллиард", 1e9), ("мільярд", 1e9),
    ("миллион", 1e6), ("мільйон", 1e6), ("milliard", 1e9), ("million", 1e6), ("tausend", 1e3),
    ("milioan", 1e6), ("miliard", 1e9), ("miljon", 1e6), ("miljard", 1e9), ("tuhan", 1e3),  # ro, et (inflected)
)  # fmt: skip


def _cjk_value(s: str) -> float | None:
    """The value of a CJK numeral: ``三万五千`` = 35000, ``二十`` = 20.

    >>> _cjk_value("三万五千"), _cjk_value("二十"), _cjk_value("百"), _cjk_value("三万亿")
    (35000.0, 20.0, 100.0, 3000000000000.0)
    """
    total, section, digit, previous = 0.0, 0.0, None, ""
    for ch in s:
        if ch in _CJK_DIGITS:
            digit = float(_CJK_DIGITS[ch]) if digit is None else digit * 10 + _CJK_DIGITS[ch]
        elif ch in _CJK_SMALL:
            section += (1.0 if digit is None else digit) * _CJK_SMALL[ch]
            digit = None
        elif ch in _CJK_LARGE and total and not section and digit is None and previous in _CJK_LARGE:
            total *= _CJK_LARGE[ch]  # 万亿 is a trillion (10^4 x 10^8)
        elif ch in _CJK_LARGE:
            total += (section + (digit or 0.0) or 1.0) * _CJK_LARGE[ch]
            section, digit = 0.0, None
        previous = ch
    value = total + section + (digit or 0.0)
    return value if any(c not in "一" for c in s) or len(s) == 1 else None


def _digit_values(raw: str, lang: str) -> set[float]:
    """The values a digit string may have, its separators read by the language's conventions.

    >>> _digit_values("1.000,5", "de"), _digit_values("1,000", "en"), _digit_values("1,5", "ru")
    ({1000.5}, {1000.0}, {1.5})
    """
    seps = [c for c in raw if not c.isdigit()]
    if not seps:
        return {float(raw)}
    last = seps[-1]
    if len(set(seps)) > 1:  # 1.000,5 / 1,000.5 / 1 000,5: the last one is the decimal mark
        integer, frac = raw.rsplit(last, 1)
        return {float(regex.sub(r"\D", "", integer) + "." + frac)}
    if last not in ".," or len(seps) > 1:
        return {float(regex.sub(r"\D", "", raw))}
    integer, frac = raw.split(last)
    if len(frac) != 3 or integer == "0":
        return {float(integer + "." + frac)}
    comma_decimal = lang in _COMMA_DECIMAL
    return {float(integer + frac)} if (last == ",") != comma_decimal else {float(integer + "." + frac)}


def _scale(word: str) -> float | None:
    """The factor of a scale word after a number: ``million``, ``тысячам``, ``Mrd``."""
    w = word.lower()
    if w in _SCALES:
        return _SCALES[w]
    return next((f for prefix, f in _SCALE_PREFIXES if w.startswith(prefix)), None)


def _time(m: regex.Match[str], text: str, lang: str) -> frozenset[float]:
    """A clock time as minutes after midnight, encoded negative (``-1 - minutes``) to stay apart from counts."""
    h, minute = int(m["h"]), int(m["m"])
    values = {h, h - 24} if h >= 24 else {h}  # 25:30, Japanese TV's night, is 1:30 a.m.
    ampm = _AM_PM.match(text, m.end()) if lang == "en" else None
    if ampm:
        values = {h % 12 + (12 if ampm["pm"] else 0)}
    elif lang == "en" and h <= 12:
        values |= {h + 12}
    return frozenset(-1.0 - (v * 60 + minute) for v in values)


def numbers(text: str, lang: str = "en") -> list[Number]:
    """Every number of ``text`` (written in ``lang``) with the values it may stand for.

    Clock times (``21:40``, ``9:40 p.m.``, ``22.00``) are also read as times of day.
    """
    text = text.translate(_FULL_WIDTH)
    out: list[Number] = []
    taken: list[tuple[int, int]] = []
    for m in _TIME.finditer(text):
        if "." in m[0] and lang not in _COMMA_DECIMAL and not (lang == "en" and _AM_PM.match(text, m.end())):
            continue  # 10.30 is a decimal in English, 10.30pm (British) a time
        times = _time(m, text, lang) | ({float(m[0])} if "." in m[0] else set())
        out.append(Number(m.start(), m.end(), times))
        taken.append(m.span())
    if lang in {"ja", "zh"}:
        for m in _CJK_FRACTION.finditer(text):  # 三分之二, 3分の2
            den, num = _cjk_value(m["den"]) or float(m["den"]), _cjk_value(m["num"]) or float(m["num"])
            out.append(Number(m.start(), m.end(), frozenset({den, num, num / den, 100 * num / den})))
            taken.append(m.span())
        for m in _CJK_TIME.finditer(text):
            h, minute = int(m["h"]), int(m["m"] or (30 if m[0].endswith("半") else 0))
            clock = {h, h + 12} if h <= 12 else {h}  # 下午3点 is 3 p.m.
            span = {duration(h / 24, "day")} if not m["m"] and text.startswith("間", m.end()) else set()  # 24時間
            values = {float(h)} | span | {-1.0 - (c * 60 + minute) for c in clock}
            out.append(Number(m.start(), m.end(), frozenset(values)))
            taken.append(m.span())
    for m in _YEAR_RANGE.finditer(text):
        first, n = m["first"], int(m["n"])
        century = int(first[:2]) + (n < int(first[2:]))  # 1827～91, 1998-02
        out.append(Number(m.start("n"), m.end("n"), frozenset({float(n), float(century * 100 + n)})))
        taken.append(m.span("n"))
    for m in _ERA_YEAR.finditer(text):
        n = 1 if m["n"] == "元" else int(m["n"]) if m["n"].isdigit() else int(_cjk_value(m["n"]) or 0)
        year = _ERAS[m["era"]] + n
        # beside the Western year, the era's year is a gloss of it: not needed in the translation
        gloss = bool(_WESTERN_BESIDE.match(text, m.end()) or _WESTERN_BEFORE.search(text, 0, m.start()))
        values = {float(year), float(n)}
        if m["decade"]:  # 昭和50年代 (1975-84): "the late 1970s", "the 1980s"
            values |= {float(year // 10 * 10), float(year // 10 * 10 + 10)}
        out.append(Number(m.start(), m.end(), frozenset(values), spelled=gloss))
        taken.append(m.span())
    if lang == "ja":
        for m in _SHORT_YEAR.finditer(text):
            if _inside(m.start(), taken):
                continue
            n = int(m[0][:2])
            out.append(Number(m.start(), m.end(), frozenset({float(n), 1900.0 + n, 2000.0 + n})))
            taken.append(m.span())
    if lang in {"ja", "zh"}:
        for m in _CJK_COMPOUND.finditer(text):
            if _inside(m.start(), taken) or (m.start() and text[m.start() - 1] in _SEVERAL):
                continue
            unit_b = _cjk_value(m["ub"]) if m["ub"] else 1.0
            value = int(m["a"]) * (_cjk_value(m["ua"]) or 1.0) + int(m["b"]) * (unit_b or 1.0)
            out.append(Number(m.start(), m.end(), frozenset({value})))
            taken.append(m.span())
    slashed = _SLASH_DATE.finditer(text) if lang not in _CJK_LANGS else ()
    for m in [*_NUMERIC_DATE.finditer(text), *slashed]:
        d, mo = int(m["d"]), int(m["m"])
        if not (1 <= d <= 31 and 1 <= mo <= 12) or _inside(m.start(), taken):
            continue
        if not m["y"] and lang not in _COMMA_DECIMAL:  # 10.02 is a decimal in English
            continue
        parts = [(m.start("d"), m.end("d"), {float(d)}), (m.start("m"), m.end("m"), {float(mo), month(mo)})]
        if m["y"]:
            y = float(m["y"])
            parts.append((m.start("y"), m.end("y"), {y, 1900 + y, 2000 + y} if len(m["y"]) == 2 else {y}))
        out.extend(Number(a, b, frozenset(v)) for a, b, v in sorted(parts))
        taken.append(m.span())
    if lang == "zh":
        for m in _UNIT_TENTHS.finditer(text):
            if not _inside(m.start(), taken):
                out.append(Number(m.start(), m.end(), frozenset({int(m["a"]) + int(m["b"]) / 10})))
                taken.append(m.span())
    if lang in _SOURCE_MONTHS:
        out.extend(_source_months(text, lang))
    digits = (
        _DIGITS_TARGET if lang == "en" else _DIGITS_SPACED if lang in _COMMA_DECIMAL
        else _DIGITS_CJK if lang in _CJK_LANGS else _DIGITS
    )  # fmt: skip
    for m in _AVERAGE.finditer(text):  # .325: also 32.5 (per cent), as 3割2分5厘 reads
        if not _inside(m.start(), taken):
            d = int(m["d"])
            out.append(Number(m.start(), m.end(), frozenset({d / 1000, d / 10, float(d)})))
            taken.append(m.span())
    if lang in {"ja", "zh"}:
        for m in _WARI_BU.finditer(text):
            if not _inside(m.start(), taken):
                share = int(m["w"]) / 10 + int(m["b"]) / 100 + int(m["r"] or 0) / 1000
                out.append(Number(m.start(), m.end(), frozenset({round(share, 3), round(share * 100, 1)})))
                taken.append(m.span())
        for m in _DOT_DATE.finditer(text):  # 3.11: March 11, or the decimal 3.11
            if not _inside(m.start(), taken):
                mo, d = int(m["m"]), int(m["d"])
                out.append(Number(m.start("m"), m.end("m"), frozenset({float(m[0]), month(mo)})))
                # the day is weak evidence: where the figure is a decimal, the translation has no day
                out.append(Number(m.start("d"), m.end("d"), frozenset({float(d)}), spelled=True))
                taken.append(m.span())
        for m in _MONTH_DAY.finditer(text):  # 7/10(日): July 10
            if not _inside(m.start(), taken):
                out.append(Number(m.start("m"), m.end("m"), frozenset({float(m["m"]), month(int(m["m"]))})))
                out.append(Number(m.start("d"), m.end("d"), frozenset({float(m["d"])})))
                taken.append(m.span())
    previous: tuple[int, bool] | None = None  # the last figure: its index in ``out``, whether it had a scale
    for m in digits.finditer(text):
        if _inside(m.start(), taken) or (m.start() and text[m.start() - 1] in _SEVERAL):
            continue
        if lang == "ja" and _NEVER_AGAIN.match(text, m.start()):
            continue
        factor = None
        values = _digit_values(m["num"], lang)
        if lang != "en" and len(m["num"]) == 2 and m["num"].isdigit():
            values |= {1900.0 + int(m["num"]), 2000.0 + int(m["num"])}  # в 86-м, 20年: a year in short
        end = m.end()
        if m["cjk"]:
            unit = math.prod(_CJK_SMALL.get(c) or _CJK_LARGE[c] for c in m["cjk"].strip())  # 千万, 万亿
            # 2千 is 2,000, but in 3千米 (3 km) the 千 belongs to the unit: keep both readings
            plain = values if m["cjk"] in "十百千" and _HAN.match(text, m.end()) else set()
            values = {v * unit for v in values} | plain
            factor = unit if unit >= 1e3 else None
        elif m["wari"]:
            values = {v * 10 for v in values} | values | {v / 10 for v in values}  # 7割: 70%, "seven in ten", .700
        elif lang in {"ja", "zh"} and text.startswith("倍", end):
            # 增长1.5倍: "up 150%"; 2倍に: "doubled", "up 100%"; 增长2倍: "tripled"
            values |= {(v - 1) * 100 for v in values}
            if lang == "zh":  # 增长N倍 reads as "up N times" as well as "N times as much"
                values |= {v * 100 for v in values} | {v + 1 for v in values}
        elif lang == "zh" and text.startswith("折", end):
            values |= {round((10 - v) * 10, 6) for v in values if v < 10} | {v * 10 for v in values}  # 8折: 20% off
        elif lang in {"ja", "zh"} and (conversion := _converted(text, end)):
            factor_to, unit_to = conversion  # 60秒: "a minute"
            values |= {duration(round(v * factor_to, 6), unit_to) if unit_to else v * factor_to for v in values}
        elif lang in {"ja", "zh"} and _CJK_MONTH_AFTER.match(text, end):
            values |= {month(int(v)) for v in values if v.is_integer() and 1 <= v <= 12}
        else:
            scale = _SCALE_AFTER.match(text, m.end())
            factor = _scale(scale["scale"]) if scale else None
            if scale and factor:
                # a source's figure may come back without its scale word
                values = {v * factor for v in values} | (values if lang != "en" else set())
                end = scale.end()
            elif lang == "en" and (ampm := _AM_PM.match(text, m.end())):
                hours = {v % 12 + (12 if ampm["pm"] else 0) for v in values if v <= 12 and v.is_integer()}
                values |= hours | {-1.0 - h * 60 for h in hours}  # 3 p.m. is also the clock time 15:00
        if factor and previous and not previous[1] and _RANGE.fullmatch(text, out[previous[0]].end, m.start()):
            # 50 to 150 thousand: the first figure shares the scale of the second
            first = out[previous[0]]
            out[previous[0]] = Number(first.start, first.end, first.values | {v * factor for v in first.values})
        previous = (len(out), bool(factor))
        out.append(Number(m.start(), end, frozenset(values)))
        taken.append((m.start(), end))
    if lang in {"ja", "zh"}:
        out = [_month_range(text, n) for n in out]
        out = [_fiscal_year(text, n) for n in out]
        for m in _CJK_NUMERAL.finditer(text):
            cjk_value = _cjk_value(m[0])
            several = m.start() and text[m.start() - 1] in _SEVERAL
            # 万一: "in case", a word, not 10,001; 千万 and 万万 alone are adverbs ("by all means", "never")
            lone = m[0] in {"一", "千", "万", "百", "十", "万一"} or not m[0].strip("〇零")
            adverb = (m[0] in {"千万", "万万", "千千万万"} and not _COUNTER.match(text, m.end())) or (
                _NEVER_AGAIN.match(text, m.start())
            )
            vague = several or _CJK_RANGE.search(m[0]) or adverb
            if cjk_value is not None and not lone and not _inside(m.start(), taken) and not vague:
                months = {month(int(cjk_value))} if 1 <= cjk_value <= 12 and _CJK_MONTH.match(text, m.end()) else set()
                tenths = {cjk_value * 10} if _TENTHS.match(text, m.end()) else set()  # 九成 = 90%, nine in ten
                out.append(Number(m.start(), m.end(), frozenset({cjk_value} | months | tenths)))
    if lang == "en":
        out.extend(n for n in _english_words(text) if not _inside(n.start, taken))
        out.extend(_durations(text))
    if lang not in {"ja", "zh"}:
        out.extend(_roman(text))
    out.sort(key=lambda n: n.start)
    return _optional(text, lang, _and_a_half(text, lang, out))


# Figures a translator may leave out or write in words, by source language: the century before its
# decade (20世纪90年代, "the 1990s"), shopping days (双十一, "Singles' Day"), the date of a Japanese
# photo caption (＝9日、奄美市), the rounds of a cup (1/4 финала, "the quarterfinals").
_CENTURY_BEFORE_DECADE = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})世[纪紀](?=(?:\d{2}|[一二三四五六七八九十]{1,3})年代)"
_OPTIONAL = {
    # lunar dates given as their festival (正月十五, "the Lantern Festival"), the October holiday (十一)
    "zh": regex.compile(
        _CENTURY_BEFORE_DECADE + r"|双(?:十[一二]|1[12])|十一(?=假期|黄金周|長假|长假|期间)"
        r"|(?:农历|農曆|阴历|陰曆)[一二三四五六七八九十正腊臘冬月初廿]+|(?:正|腊|臘|冬)月(?:初|廿)?[一二三四五六七八九十]+"
        # 两人 / 两位: "the pair", "both", "they"; 这两年 / 近两年: "in recent years"
        r"|(?<![\d一二三四五六七八九十百千万])[两兩](?=人|位)|(?<=[这這近])[两兩](?=年)"
    ),
    "ja": regex.compile(
        _CENTURY_BEFORE_DECADE + r"|＝\d{1,2}日"
        # a photo caption's date, before the agency's credit: 9日、…（共同）
        r"|(?m:^)\d{1,2}(?=日(?:午前|午後|朝|夜)?、[^\n]*[（(](?:共同|時事|ロイター|AP|AFP|EPA|新華社)[)）]\s*$)"
        r"|(?<!\d)1番(?![目線地号台])"  # 1番 (好き): "the most", "favourite"
        r"|(?<=\d年\s?)[1-3](?=\s?月期)"  # the month that closes a fiscal year (2023年3月期, "fiscal 2022")
        r"|(?<![\d一二三四五六七八九十百千万])二(?=人)"  # 二人 (futari): "the couple", "both", "they"
        r"|(?<!\d)1(?=[都府]\d県)"  # 1都3県: "Tokyo and the three neighbouring prefectures"
    ),
    "ru": regex.compile(r"1/(?:2|4|8|16|32)[ \u00a0]?финал", regex.I),
    "uk": regex.compile(r"1/(?:2|4|8|16|32)[ \u00a0]?фінал", regex.I),
}


# 3年半, 3个半小时, 2時間半, 3 וחצי, 3 с половиной, 3 and a half: the figure and a half
_AND_A_HALF = {
    "ja": regex.compile(r"(?:[年月日天周週時时間间個个小点點]|か月|ヶ月|カ月|キロ){0,3}半(?!ば)"),
    "he": regex.compile(r"\s?וחצי"),
    "ru": regex.compile(r"(?:\s\p{L}+)?\s(?:с половиной|с половинкой)", regex.I),
    "uk": regex.compile(r"(?:\s\p{L}+)?\s(?:з половиною|з половиной)", regex.I),
    "en": regex.compile(r"\s(?:and\s)?a\shalf\b", regex.I),
}
_AND_A_HALF["zh"] = _AND_A_HALF["ja"]


def _and_a_half(text: str, lang: str, found: list[Number]) -> list[Number]:
    """``found`` with a figure followed by "and a half" also read as that figure plus one half."""
    pattern = _AND_A_HALF.get(lang)
    if pattern is None:
        return found
    return [
        Number(n.start, n.end, n.values | {v + 0.5 for v in n.values if v >= 0 and v.is_integer()}, n.spelled)
        if pattern.match(text, n.end) else n
        for n in found
    ]  # fmt: skip


def _optional(text: str, lang: str, found: list[Number]) -> list[Number]:
    """``found`` with the numbers inside an :data:`_OPTIONAL` context marked spelled (weak evidence)."""
    pattern = _OPTIONAL.get(lang)
    if pattern is None:
        return found
    spans = [m.span() for m in pattern.finditer(text)]
    if not spans:
        return found
    # a cup's 1/8 финала is its round of 16: the round's share also names the teams left in it
    teams = lang in {"ru", "uk"}
    return [
        Number(n.start, n.end, n.values | ({2 * v for v in n.values} if teams else set()), spelled=True)
        if _inside(n.start, spans) else n
        for n in found
    ]  # fmt: skip


# 2023年3月期: the Japanese fiscal year ending in March 2023, also called fiscal 2022
_FISCAL_YEAR_TO_MARCH = regex.compile(r"年\s?[1-3]\s?月期")
# 1-2月, 1—11月, 1至11月, 1～3月期: the first figure of a range of months is a month too
_MONTH_RANGE_AFTER = regex.compile(r"\s*+[-–—~～〜至到]\s*+(?:1[0-2]|0?[1-9])\s?月")


def _converted(text: str, end: int) -> tuple[float, str | None] | None:
    """The factor to the next larger unit and its name, where a unit a translator converts follows a
    figure ending at ``end``.

    >>> _converted("12か月", 2), _converted("1ダース", 1), _converted("3割", 1)
    ((0.08333333333333333, 'year'), (12.0, None), None)
    """
    return next(((factor, unit) for pattern, factor, unit in _UNIT_CONVERSIONS if pattern.match(text, end)), None)


def _durations(text: str) -> Iterator[Number]:
    """English durations ("a minute", "two hours", "half a year") as spelled :func:`duration` values."""
    for m in _DURATION.finditer(text):
        if m["fortnight"]:
            value, unit = 2.0, "week"
        else:
            unit = m["unit"].lower()
            if m["num"]:
                value = float(m["num"])
            else:
                value = 0.5 if m["half"] else 1.0 if m["one"] else _spelled_count(m["count"])
        if _AND_A_HALF["en"].match(text, m.end()):  # a year and a half
            value += 0.5
        yield Number(m.start(), m.end(), frozenset({duration(value, unit)}), spelled=True)


def _fiscal_year(text: str, n: Number) -> Number:
    if not _FISCAL_YEAR_TO_MARCH.match(text, n.end):
        return n
    return Number(n.start, n.end, n.values | {v - 1 for v in n.values if v >= 1900})


def _month_range(text: str, n: Number) -> Number:
    if not _MONTH_RANGE_AFTER.match(text, n.end):
        return n
    return Number(n.start, n.end, n.values | {month(int(v)) for v in n.values if v.is_integer() and 1 <= v <= 12})


def _roman(text: str) -> Iterator[Number]:
    """Roman numerals of two letters or more as spelled numbers (``World War II``, ``XXI століття``).

    >>> [sorted(n.values) for n in _roman("World War II, the XXI century, IVF, XIV")]
    [[2.0], [21.0], [14.0]]
    """
    for m in _ROMAN.finditer(text):
        if not m[0]:
            continue
        values = [_ROMAN_VALUES[c] for c in m[0]]
        total = sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
        yield Number(m.start(), m.end(), frozenset({float(total)}), spelled=True)


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= offset < b for a, b in spans)


_COUNT_WORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\u2010 ](?:one|two|three|four|five|six|seven"
    r"|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen)"
)
# "twenty thousand", "a quarter of a million", "half a billion", "two hundred"
_SPELLED_SCALE = regex.compile(
    rf"\b(?:(?P<count>{_COUNT_WORD})[ \u00a0]|(?:an?|one)[ \u00a0])?"
    r"(?:(?P<part>half|quarter|third)[ \u00a0](?:of[ \u00a0])?an?[ \u00a0])?"
    r"(?:(?P<hundred>hundred)[ \u00a0](?=thousand|million|billion|trillion))?"
    r"(?P<scale>hundred|thousand|million|billion|trillion|decades?|dozens?)\b",
    regex.I,
)
_FRACTION_OF = {"half": 0.5, "quarter": 0.25, "third": 1 / 3}
_SCALE_WORDS = {"hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
                "decade": 10.0, "decades": 10.0, "dozen": 12.0, "dozens": 12.0}  # fmt: skip


def _spelled_count(words: str) -> float:
    """``twenty-two`` = 22, ``seven`` = 7."""
    total = 0.0
    for w in regex.split(r"[-\u2010 ]", words.lower()):
        total += _TENS.get(w, 0) or _WORDS.get(w, 0)
    return total


def _source_months(text: str, lang: str) -> Iterator[Number]:
    """The month names of a source language as spelled month values (``марта``, ``באוגוסט``)."""
    pattern = _source_month_pattern(lang)
    order = _SOURCE_MONTH_ORDER[lang]
    for m in pattern.finditer(text):
        word = m[0].lower().lstrip("בלמהו") if lang == "he" and len(m[0]) > 3 else m[0].lower()
        k = next((i for i, stem in enumerate(order) if word.startswith(stem)), None)
        if lang == "he" and k is None:
            word = m[0]
            k = next((i for i, stem in enumerate(order) if word.startswith(stem)), None)
        if k is not None:
            yield Number(m.start(), m.end(), frozenset({month(k + 1)}), spelled=True)


@lru_cache(maxsize=8)
def _source_month_pattern(lang: str) -> regex.Pattern[str]:
    return regex.compile(rf"(?<!\p{{L}})(?:{_SOURCE_MONTHS[lang]})\p{{L}}*", regex.I)


def _english_words(text: str) -> Iterator[Number]:
    """Number words, ordinals, fractions, months and ``per cent`` of English text as spelled numbers.

    >>> [(text[n.start:n.end], sorted(n.values)) for text in ["Twenty-two of them, in May"]
    ...  for n in _english_words(text)]
    [('Twenty-two', [22.0]), ('May', [-100005.0])]
    >>> [sorted(n.values) for n in _english_words("a quarter of a million, twenty thousand, two decades")]
    [[250000.0], [20000.0], [20.0]]
    """
    compounds: list[tuple[int, int, float]] = [
        (m.start(), m.end(), _TENS[m["tens"].lower()] + _ONES[m["ones"].lower()]) for m in _COMPOUND.finditer(text)
    ]
    for m in _SPELLED_SCALE.finditer(text):
        count = _spelled_count(m["count"]) if m["count"] else 1.0
        part = _FRACTION_OF[m["part"].lower()] if m["part"] else 1.0
        compounds = [c for c in compounds if not m.start() <= c[0] < m.end()]
        hundred = 100.0 if m["hundred"] else 1.0  # a hundred million
        compounds.append((m.start(), m.end(), count * part * hundred * _SCALE_WORDS[m["scale"].lower()]))
    for m in _PHRASES.finditer(text):
        compounds.append((m.start(), m.end(), _PHRASE_VALUES[regex.split(r"[- \u00a0]", m[0])[-1].lower()]))
    for a, b, v in compounds:
        yield Number(a, b, frozenset({float(v)}), spelled=True)
    for m in _ENGLISH_WORD.finditer(text):
        if _inside(m.start(), [(a, b) for a, b, _ in compounds]):
            continue
        word = m[0].lower()
        if word in _DECADES:
            n = float(_DECADES[word])
            yield Number(m.start(), m.end(), frozenset({n, 1900.0 + n}), spelled=True)
        elif word in ("noon", "midnight"):
            h = 12 if word == "noon" else 0
            yield Number(m.start(), m.end(), frozenset({float(h), -1.0 - h * 60}), spelled=True)
        elif word in _EN_MONTHS and (len(word) > 3 or m[0][0].isupper()) and (word != "may" or _month_may(text, m)):
            yield Number(m.start(), m.end(), frozenset({month(_EN_MONTHS[word])}), spelled=True)
        elif word in _WORDS or word in _FRACTIONS:
            values = {float(_WORDS.get(word, _FRACTIONS.get(word, 0)))}
            if word in _FRACTIONS:
                values |= {1 / _FRACTIONS[word], 100 / _FRACTIONS[word]}
            yield Number(m.start(), m.end(), frozenset(values), spelled=True)


# "May" opens a sentence (or a quotation) as the modal verb ("May I help?"): there it is the month
# only with a day or a year after it ("May 5 was cold", "May 2023 saw…")
_SENTENCE_OPENING = regex.compile(r"(?:^|[.!?:;]\s*+|\n)[\s\"'“‘«(\[]*+$")
_DAY_OR_YEAR_AFTER = regex.compile(r"[ \u00a0]\d{1,4}(?!\d)")


def _month_may(text: str, m: regex.Match[str]) -> bool:
    """True when the word ``may`` is the month: capitalised, and mid-sentence or before a day or year.

    >>> [bool(list(_english_words(t))) for t in ["May I help?", "He said: “May we?”", "in May", "May 5 was cold"]]
    [False, False, True, True]
    """
    if not m[0][0].isupper():
        return False
    return not _SENTENCE_OPENING.search(text, 0, m.start()) or bool(_DAY_OR_YEAR_AFTER.match(text, m.end()))


def same_value(a: Iterable[float], b: Iterable[float], either_way: bool = True) -> bool:
    """True when some value of ``a`` equals one of ``b``, or is the other rounded (``1.2 million``).

    With ``either_way`` False only ``b`` may be the rounded one: a translation may round its
    source's figure, but ``506 thousand`` for a source's ``500 thousand`` is a changed figure.

    >>> same_value({1234567.0}, {1.2e6}), same_value({30000.0}, {30000.0}), same_value({1200.0}, {1230.0})
    (True, True, False)
    >>> same_value({5e5}, {506e3}), same_value({5e5}, {506e3}, either_way=False)
    (True, False)
    """
    for x in a:
        for y in b:
            if x == y or _rounded(x, y) or (either_way and _rounded(y, x)):
                return True
    return False


def _significant(x: float) -> int:
    digits = f"{abs(x):.10g}".replace(".", "").lstrip("0").rstrip("0")
    return max(len(digits), 1)


def _rounded(exact: float, rough: float) -> bool:
    """True when ``rough`` is ``exact`` rounded to ``rough``'s significant digits (and is coarser)."""
    n = _significant(rough)
    if abs(exact - rough) > 0.05 * abs(exact):
        return False
    if not exact or n >= _significant(exact) or abs(rough) < 1e5:
        return math.isclose(round(exact), rough) and not exact.is_integer() and rough.is_integer()
    scale = 10 ** (math.floor(math.log10(abs(exact))) - n + 1)
    return math.isclose(round(exact / scale) * scale, rough, rel_tol=1e-9)

"""Which script and which language a stretch of text is written in.

Scripts are counted from Unicode properties; languages come from py3langid, whose model ships
inside its wheel (nothing is downloaded). ``lang_code`` reads ``ja``, ``ja-en`` or ``ja_JP``.

>>> script("Бои под Изюмом"), script("「地域の皆さま」"), script("Kyiv, 2022")
('Cyrillic', 'Han', 'Latin')
>>> lang_code("ja-en"), lang_code("de_DE"), lang_code("")
('ja', 'de', None)
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Any

import regex

__all__ = ["SCRIPT_OF", "detect_language", "lang_code", "script", "script_share"]

# The script a language is written in, where it is not Latin.
SCRIPT_OF = {
    "ja": "Han", "zh": "Han", "ko": "Hangul", "ru": "Cyrillic", "uk": "Cyrillic", "bg": "Cyrillic",
    "sr": "Cyrillic", "be": "Cyrillic", "kk": "Cyrillic", "mk": "Cyrillic", "he": "Hebrew",
    "yi": "Hebrew", "ar": "Arabic", "fa": "Arabic", "ur": "Arabic", "el": "Greek", "th": "Thai",
    "hi": "Devanagari", "ne": "Devanagari", "mr": "Devanagari", "si": "Sinhala", "ka": "Georgian",
    "hy": "Armenian", "ta": "Tamil", "bn": "Bengali",
}  # fmt: skip
_SCRIPTS = ("Latin", "Cyrillic", "Han", "Hangul", "Hebrew", "Arabic", "Greek", "Thai", "Devanagari",
            "Sinhala", "Georgian", "Armenian", "Tamil", "Bengali")  # fmt: skip
_LETTER = regex.compile("|".join(f"(?P<{s}>\\p{{{s}}}+)" for s in _SCRIPTS) + r"|(?P<Kana>[\p{Hiragana}\p{Katakana}]+)")
_CODE = regex.compile(r"[A-Za-z]{2,3}")


def script_share(text: str) -> Counter[str]:
    """Letters of ``text`` per script (kana counted as ``Han``: Japanese)."""
    counts: Counter[str] = Counter()
    for m in _LETTER.finditer(text):
        name = m.lastgroup or ""
        counts["Han" if name == "Kana" else name] += len(m[0])
    return counts


def script(text: str) -> str | None:
    """The script most letters of ``text`` are written in; None without letters."""
    counts = script_share(text)
    return counts.most_common(1)[0][0] if counts else None


def lang_code(code: str | None) -> str | None:
    """The language part of a code or pair: ``ja-en`` → ``ja``; None for an empty code."""
    if not code:
        return None
    m = _CODE.match(code.strip())
    return m[0].lower() if m else None


@lru_cache(maxsize=32)
def _identifier(candidates: tuple[str, ...]) -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    if candidates:
        identifier.set_languages(list(candidates))
    return identifier


def detect_language(text: str, candidates: tuple[str, ...] = ()) -> tuple[str, float]:
    """The language of ``text`` (among ``candidates`` when given) and its probability.

    >>> detect_language("Am Montag wollen die Bauern erneut vor dem Rathaus protestieren.", ("de", "en"))[0]
    'de'
    """

    lang, prob = _identifier(tuple(sorted(candidates))).classify(text)
    return str(lang), float(prob)

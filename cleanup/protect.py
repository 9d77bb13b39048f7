"""Protected spans: URLs, e-mail addresses, domains, handles, numbers and abbreviations.

Fixes never edit inside them. Each kind has its own cheap pattern anchored on
a rare character (``://``, ``@``, a top-level domain, a digit), so finding
them costs a few milliseconds per megabyte.
"""

from __future__ import annotations

import regex

from cleanup.abbreviations import Abbreviations, abbreviations, is_abbreviation_before

__all__ = ["protected_spans"]

_URL = regex.compile(r"(?:https?://|ftp://|www\.)[^\s<>\"“”‘’()\[\]]*(?<![.,;:!?'’])")
_AT = regex.compile(r"@")


def _may_hold_url(text: str) -> bool:
    return "://" in text or "www." in text


_TLD = regex.compile(
    r"(?<=[\w-])\.(?:com|org|net|gov|edu|io|co|uk|ru|ua|de|fr|info|news|tv|me|ai|us|eu|int|mil|ly|gl|ca|au|in|cn|jp)\b"
)
_PATH = regex.compile(r"/[^\s<>\"“”()\[\]]*(?<![.,;:!?'’])")
_NUMBER = regex.compile(r"\d++(?:[.,:/]\d++)++")
_DOTTED = regex.compile(r"\b(?:\p{L}\.){2,}+")
# A period after a whole word of one to eight letters (the word is read by the lookbehind, so the
# scan is anchored on the literal period).
_WORD_DOT = regex.compile(r"(?<=(?<!\p{L})(\p{L}{1,8}))\.")
_LOCAL = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._+-")
_HOST = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_")


def protected_spans(
    text: str, known: Abbreviations | None = None, learned: frozenset[str] = frozenset()
) -> list[tuple[int, int]]:
    """Sorted, merged ``(start, end)`` spans of text that fixes must not edit.

    ``known`` are the abbreviation lists (the shipped ones by default), ``learned`` the
    document's own (:func:`cleanup.abbreviations.learned_abbreviations`).

    >>> t = "Mail a.b@x.org, see nytimes.com/a/b. Dr. Li paid 4,000 at 3.5% in the U.S. via @AP."
    >>> [t[a:b] for a, b in protected_spans(t)]
    ['a.b@x.org', 'nytimes.com/a/b', 'Dr.', '4,000', '3.5', 'U.S.', '@AP']
    >>> t = "Add 1 tsp. olive oil."
    >>> [t[a:b] for a, b in protected_spans(t)]
    ['tsp.']
    """
    known = known or abbreviations()
    # every URL holds "://" or "www.": a C-level substring test skips the scan in most texts
    spans: list[tuple[int, int]] = [m.span() for m in _URL.finditer(text)] if _may_hold_url(text) else []
    for m in _AT.finditer(text):
        start, end = m.start(), m.end()
        while start > 0 and text[start - 1] in _LOCAL:
            start -= 1
        while end < len(text) and text[end] in _HOST:
            end += 1
        while end > m.end() and text[end - 1] in ".-":
            end -= 1
        if start < m.start() and "." in text[m.end() : end]:
            spans.append((start, end))  # an e-mail address
        elif (start == m.start() or not text[start - 1 : start].isalnum()) and end > m.end():
            spans.append((m.start(), end))  # a handle
    # Each character is scanned a bounded number of times, even in "a.co.a.co.a.co…" or "x.com/x.com/…":
    # a backward scan that reaches the previous domain takes its start, and a domain inside the
    # previous domain's path is already covered.
    prev_start, prev_end, covered = 0, -1, 0
    for m in _TLD.finditer(text):
        start, end = m.start(), m.end()
        if start < covered:
            continue
        while start > 0 and (text[start - 1] in _HOST):
            if start == prev_end:
                start = prev_start
                break
            start -= 1
        path = _PATH.match(text, end)
        prev_start, prev_end = start, end
        covered = path.end() if path else end
        spans.append((start, covered))
    spans += [m.span() for m in _NUMBER.finditer(text)]
    spans += [m.span() for m in _DOTTED.finditer(text)]
    for dot in _WORD_DOT.finditer(text):
        at = dot.start()
        word = dot[1].lower()
        unit = word in known.units and is_abbreviation_before(text, at, known, learned)
        if unit or word in known.words or word in learned:
            spans.append((dot.start(1), at + 1))
    return _merge(spans)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans.sort()
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and start < out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out

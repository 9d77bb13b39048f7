"""Encoding rules: mojibake, control characters, invisible characters and homoglyphs.

Every rule here scans ``doc.masked`` and has a fast path for the common case of
clean text: a pure-ASCII line never reaches ftfy, and the character rules first
look for any candidate character in the whole text with one small regex.
"""

from __future__ import annotations

import bisect
import difflib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator

import ftfy
import regex
from ftfy.badness import is_bad

from cleanup.document import Document
from cleanup.model import Category, Edit, Finding, Fix, FixAvailability, RuleSpec, Severity
from cleanup.registry import rule

__all__ = [
    "FTFY_CONFIG",
    "control_character",
    "homoglyph",
    "invisible_character",
    "mojibake",
    "replacement_character",
]

#: ftfy's repair, narrowed to decoding mistakes. Everything that restyles correct
#: text is off: curly quotes and full-width forms stay, line endings stay byte for
#: byte, ligatures and Unicode normalization stay, HTML entities are the markup
#: layer's business, and control characters are EN002's (which deletes them).
FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=True,
    remove_control_chars=False,
    normalization=None,
    explain=True,
)

# A line made of ASCII and these characters (the non-ASCII of most English news) is never
# ``is_bad``: checked exhaustively over every window of up to four characters, the longest
# pattern ftfy's badness regex has. Only a line with some other character goes to ftfy.
_BENIGN = "\u2018\u2019\u201c\u201d\u2010-\u2015\u2026\u00a0\u2022\u00b7\u2009\u200a\u202f\u200b\u2032\u2033"
_SUSPECT = re.compile(f"[^\\x00-\\x7f{_BENIGN}]")  # stdlib re: three times faster on a plain class
# Besides ``is_bad`` text, ftfy (configured as above) only changes C1 controls and surrogates.
_C1_OR_SURROGATE = regex.compile(r"[\x80-\x9f\ud800-\udfff]")
# Changed regions closer than this are one finding: a mojibake run split by an unchanged byte.
_MERGE_GAP = 3


@rule(code="EN001", name="mojibake", category=Category.ENCODING,
      severity=Severity.WARNING, fix=FixAvailability.ALWAYS)  # fmt: skip
def mojibake(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag mojibake, UTF-8 read in the wrong encoding, as in ``cafÃ©`` or ``donâ€™t``.

    Why: a scraper or a translation pipeline decoded UTF-8 as Windows-1252 or
    Latin-1. ftfy repairs it line by line; its explanation is in the message.
    Curly quotes, full-width forms, ligatures and line endings are left alone.
    Fix (unsafe): the repaired characters; it changes letters, and ftfy's
    heuristics have rare false positives (a real ``Â`` before a no-break space).
    A repair that changes no letter or digit (C1 controls as Windows-1252
    quotes) is safe.

    >>> fixed("EN001", "The cafÃ© said it wonâ€™t reopen.")
    'The café said it won’t reopen.'
    >>> fixed("EN001", "The café said “it won’t reopen” — ＡＢＣ ﬁne.")
    'The café said “it won’t reopen” — ＡＢＣ ﬁne.'
    """
    text = doc.masked
    if text.isascii() or not _SUSPECT.search(text):
        return
    suspect_lines = sorted({bisect.bisect_right(doc.line_starts, m.start()) - 1 for m in _SUSPECT.finditer(text)})
    for span in map(doc.line, suspect_lines):
        line = text[span.start : span.end]
        if not (_C1_OR_SURROGATE.search(line) or is_bad(line)):
            continue
        repaired, steps = ftfy.fix_and_explain(line, FTFY_CONFIG)
        if repaired == line:
            continue
        how = "; ".join(f"{s.action} {s.parameter}" for s in steps or ())
        for a, b, new in _changed_regions(line, repaired):
            old = line[a:b]
            start, end = span.start + a, span.start + b
            edit = Edit.replace(start, end, new)
            title = f"Replace with {new!r}" if new else "Delete"
            fix = Fix.safe(title, edit) if _same_letters(old, new) else Fix.unsafe(title, edit)
            yield spec.finding(start, end, f"Mojibake {old!r} for {new!r} (ftfy: {how})", fix=fix)


def _changed_regions(old: str, new: str) -> list[tuple[int, int, str]]:
    """The regions of ``old`` that differ from ``new``: ``(start, end, replacement)``.

    >>> _changed_regions("cafÃ© and Ã¨", "café and è")
    [(3, 5, 'é'), (10, 12, 'è')]
    """
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    regions: list[list[int]] = []  # [old_start, old_end, new_start, new_end]
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if regions and i1 - regions[-1][1] < _MERGE_GAP:
            regions[-1][1], regions[-1][3] = i2, j2
        else:
            regions.append([i1, i2, j1, j2])
    return [(i1, i2, new[j1:j2]) for i1, i2, j1, j2 in regions]


def _same_letters(old: str, new: str) -> bool:
    """True when both strings hold the same case-folded letters and digits."""

    def key(s: str) -> Counter[str]:
        return Counter(c for c in s.casefold() if c.isalnum())

    return key(old) == key(new)


# C0 controls other than tab, LF and CR; DEL; the C1 controls Windows-1252 leaves
# undefined (the others are EN001's: ftfy reads them as Windows-1252 punctuation);
# and whole ANSI terminal escape sequences.
# A terminal escape sequence is one finding: CSI (``ESC [ … final``) or OSC (``ESC ] …`` ended by BEL
# or ``ESC \``, at most 256 characters, one line), or else a run of control characters.
_CONTROL = regex.compile(
    r"\x1b\[[0-9;?]*+[ -/]*+[@-~]|\x1b\][^\x07\x1b\n]{0,256}+(?:\x07|\x1b\\)"
    r"|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x81\x8d\x8f\x90\x9d]++"
)
_CONTROL_GATE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x81\x8d\x8f\x90\x9d]")
_SPACE_LIKE = frozenset("\x0b\x0c\x1c\x1d\x1e\x1f")


@rule(code="EN002", name="control-character", category=Category.ENCODING,
      severity=Severity.WARNING, fix=FixAvailability.SOMETIMES)  # fmt: skip
def control_character(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag control characters in prose: NUL, ESC sequences, vertical tab, stray C1 codes.

    Why: binary debris from a scraper, a terminal or a word processor; invisible
    in most viewers, they break search, tokenizers and databases. Tab, line feed
    and carriage return are not flagged; C1 codes that Windows-1252 defines are
    mojibake (EN001).
    Fix (safe): delete them, or put a space where a space-like control (vertical
    tab, form feed) was the only thing between two words. A terminal escape
    sequence (CSI, or OSC such as a window title) is deleted whole, in one edit;
    that is unsafe when it holds digits or letters. A C1 code right after a Latin-1
    letter may be half of a mojibake pair and gets no fix.

    >>> fixed("EN002", "Kyiv\\x00 said\\x0bthat \\x1b[1mtoday\\x1b[0m.")
    'Kyiv said that today.'
    >>> fixed("EN002", "He said \\x1b]0;PWNED\\x07 hi.")
    'He said  hi.'
    >>> fixed("EN002", "Kyiv\\tsaid\\r\\nthat today.")
    'Kyiv\\tsaid\\r\\nthat today.'
    """
    text = doc.masked
    if not _CONTROL_GATE.search(text):
        return
    for m in _CONTROL.finditer(text):
        start, end = m.span()
        run = m[0]
        names = ", ".join(sorted({_char_name(c) for c in run if c != "[" and not c.isprintable()}))
        if run.startswith(("\x1b[", "\x1b]")):
            edit = Edit.delete(start, end)
            title = "Delete the terminal escape sequence"
            has_text = any(c.isalnum() for c in run[2:-1])  # deleting digits or letters is not safe
            fix = Fix.unsafe(title, edit) if has_text else Fix.safe(title, edit)
            yield spec.finding(start, end, f"Terminal escape sequence {run!r}", fix=fix)
            continue
        before, after = text[start - 1 : start], text[end : end + 1]
        if "\x80" <= run[0] <= "\x9f" and "\u00c0" <= before <= "\u00ff":
            yield spec.finding(start, end, f"Control character ({names}), maybe half of a mojibake pair")
            continue
        glue = bool(before) and bool(after) and not before.isspace() and not after.isspace()
        if glue and any(c in _SPACE_LIKE for c in run):
            fix = Fix.safe("Replace with a space", Edit.replace(start, end, " "))
        else:
            fix = Fix.safe("Delete", Edit.delete(start, end))
        yield spec.finding(start, end, f"Control character ({names})", fix=fix)


def _char_name(c: str) -> str:
    return f"U+{ord(c):04X} {unicodedata.name(c, '')}".rstrip()


_INVISIBLE_CHARS = "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"
# ``[…]++`` spelled ``[…][…]*+``: stdlib ``re`` scans for a leading class of characters beyond
# Latin-1 three times faster when it is not repeated.
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}][{_INVISIBLE_CHARS}]*+")
# Scripts that separate words with spaces: there a zero-width character inside a
# word is debris. Thai, Khmer, Arabic, Indic scripts and emoji use them on purpose.
_SPACED_SCRIPT = regex.compile(r"[\p{Latin}\p{Greek}\p{Cyrillic}\p{Nd}]")


@rule(code="EN003", name="invisible-character", category=Category.ENCODING,
      severity=Severity.WARNING, fix=FixAvailability.ALWAYS)  # fmt: skip
def invisible_character(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag zero-width characters and soft hyphens inside a Latin, Greek or Cyrillic word.

    Why: ``Ukr\\u200baine`` looks like ``Ukraine`` but no search, spell checker
    or tokenizer treats it so; HTML soft hyphens and zero-width spaces survive
    scraping. A byte order mark (U+FEFF) anywhere after the first character is
    flagged too. Zero-width joiners in emoji and in scripts that need them
    (Arabic, Indic, Thai) are left alone, and so is one between two words.
    Fix (safe): delete the characters; no letter changes.

    >>> fixed("EN003", "Ukr\\u200baine and con\\u00adtinue\\ufeff.")
    'Ukraine and continue.'
    >>> fixed("EN003", "A flag 🏳️\\u200d🌈, US \\u00adforces, \\u200b, and می\\u200cخواهم.")
    'A flag 🏳️\\u200d🌈, US \\xadforces, \\u200b, and می\\u200cخواهم.'
    """
    text = doc.masked
    if text.isascii() or not any(c in text for c in _INVISIBLE_CHARS):  # eight C-level searches
        return
    for m in _INVISIBLE.finditer(text):
        start, end = m.span()
        before, after = text[start - 1 : start], text[end : end + 1]
        in_word = bool(_SPACED_SCRIPT.match(before)) and bool(_SPACED_SCRIPT.match(after))
        stray_bom = "\ufeff" in m[0] and start > 0
        if not (in_word or stray_bom):
            continue
        names = ", ".join(sorted({_char_name(c) for c in m[0]}))
        where = "inside a word" if in_word else "inside the text"
        yield spec.finding(start, end, f"Invisible character {where} ({names})",
                           fix=Fix.safe("Delete", Edit.delete(start, end)))  # fmt: skip


# Cyrillic and Greek letters drawn like a Latin letter, with that letter.
_HOMOGLYPHS = {
    **dict(zip("аеорсухіјѕԁԛԝӏ", "aeopcyxijsdqwl", strict=True)),
    **dict(zip("АВЕКМНОРСТХУІЈЅ", "ABEKMHOPCTXYIJS", strict=True)),
    **dict(zip("οινκ", "oivk", strict=True)),
    **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABEZHIKMNOPTYX", strict=True)),
}
_LOOKALIKE = re.compile(f"[{''.join(_HOMOGLYPHS)}]")
_GREEK_OR_CYRILLIC = regex.compile(r"[\p{Greek}\p{Cyrillic}]")
_LETTER = regex.compile(r"[\p{L}\p{M}]")
_LATIN = regex.compile(r"\p{Latin}")


@rule(code="EN004", name="homoglyph", category=Category.ENCODING,
      severity=Severity.WARNING, fix=FixAvailability.ALWAYS)  # fmt: skip
def homoglyph(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag Cyrillic or Greek look-alike letters inside a Latin word, as in ``Ukrаine``.

    Why: the word looks right but is a different string: search, spell checking,
    named-entity matching and deduplication all miss it. It comes from keyboard
    layout switching, OCR, or deliberate spoofing. A word counts when most of its
    letters are Latin, every non-Latin letter has a Latin twin (``а`` → ``a``)
    and some letter is lower case: ``μm``, a Greek word, or a logo in capitals
    such as ``SENSЕ`` (ftfy's negative case) stays alone.
    Fix (unsafe): replace the look-alikes with the Latin letters. The word looks
    the same afterwards, but its letters change, and a mixed-script name or a
    deliberately spoofed string may be quoted on purpose.

    >>> fixed("EN004", "Ukrаine and Rоmania")   # Cyrillic а, о
    'Ukraine and Romania'
    >>> fixed("EN004", "Россия, ΑΘΗΝΑ, SENSЕ, 5 μm, α-synuclein")
    'Россия, ΑΘΗΝΑ, SENSЕ, 5 μm, α-synuclein'
    """
    text = doc.masked
    if text.isascii() or not any(c in text for c in _HOMOGLYPHS):
        return
    done = 0
    for hit in _LOOKALIKE.finditer(text):
        if hit.start() < done:
            continue  # inside a word already judged
        start = hit.start()
        while start > 0 and _LETTER.match(text[start - 1]):
            start -= 1
        end = hit.start() + 1
        while end < len(text) and _LETTER.match(text[end]):
            end += 1
        done = end
        word = text[start:end]
        foreign = [i for i, c in enumerate(word) if _GREEK_OR_CYRILLIC.match(c)]
        latin = len(_LATIN.findall(word))
        if word.isupper() or latin <= len(foreign) or any(word[i] not in _HOMOGLYPHS for i in foreign):
            continue
        edits = [Edit.replace(start + i, start + i + 1, _HOMOGLYPHS[word[i]]) for i in foreign]
        shown = ", ".join(f"{word[i]!r} ({_char_name(word[i])})" for i in foreign)
        yield spec.finding(start, end, f"Look-alike letters in the Latin word {word!r}: {shown}",
                           fix=Fix.unsafe("Replace with Latin letters", *edits))  # fmt: skip


_REPLACEMENT = regex.compile(r"\ufffd++")


@rule(code="EN005", name="replacement-character", category=Category.ENCODING,
      severity=Severity.WARNING, fix=FixAvailability.NEVER)  # fmt: skip
def replacement_character(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag U+FFFD replacement characters: ``Zelensk� said``.

    Why: a decoder met bytes it could not read and threw the character away;
    the original cannot be recovered from the text.
    Fix: none; restore the character from the source.

    >>> flagged("EN005", "Zelensk\\ufffd said")
    ['\\ufffd']
    >>> flagged("EN005", "Zelensky said ? and ¿")
    []
    """
    text = doc.masked
    if text.isascii() or "\ufffd" not in text:
        return
    for m in _REPLACEMENT.finditer(text):
        plural = "s" if m.end() - m.start() > 1 else ""
        yield spec.finding(m.start(), m.end(), f"Replacement character{plural}: the original was lost in decoding")

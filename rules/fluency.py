"""Fluency of machine-translated English: what raters of real MT mark and edited news avoids.

Learned from the error spans that professional raters marked in machine translation (WMT
zh→en MQM, MLQE-PE), kept only where edited English news and human translations stay silent:
``a``/``an`` before the wrong sound, a hyphen standing for a dash between a word and a function
word (``tulips-at least``), a large count written without thousands separators (``480000
visitors``), a word no dictionary knows near a common one (``techologies``), a singular noun after
a plural quantifier (``many person``), a paragraph that starts in lower case (``well this was``),
the pronoun ``I`` in lower case, a verb in the wrong form after an auxiliary (``are make``,
``didn't went``, ``want sell``) and a plural noun after a singular determiner (``every weeks``), a preposition after
a verb that takes an object directly (``discuss about``) and a language, people, country or day name in lower
case (``italian food``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache

import regex
from wordfreq import get_frequency_list

from cleanup.analysis import spelling
from cleanup.analysis.lexicon import zipf
from cleanup.analysis.tokens import tokens
from cleanup.datafiles import load_toml
from cleanup.document import Document
from cleanup.model import Category, Edit, Finding, Fix, FixAvailability, RuleSpec, Severity
from cleanup.registry import rule

__all__ = [
    "article_sound",
    "hyphen_for_dash",
    "lowercase_paragraph_start",
    "lowercase_pronoun_i",
    "misspelled_word",
    "plural_after_singular_determiner",
    "singular_after_plural_quantifier",
    "ungrouped_number",
    "verb_form_after_auxiliary",
    "verb_with_needless_preposition",
]

# -- FL001 -------------------------------------------------------------------------------------

# ``a`` only before a word that may start with a vowel sound: the letters a e i o u h, or one beyond
# ASCII (its case fold may start with one). A skipped ``a``'s word holds no other match.
_ARTICLE = regex.compile(
    r"(?<![\p{L}\p{N}'’.-])(a(?=\s++[aeiouhAEIOUH\P{ASCII}])|an)\s++([\p{L}][\p{L}'’]*+)(?![\p{N}]|-\p{Lu})"
)
# Words spelled with a vowel that start with a consonant sound (``a university``, ``a one-off``).
_YOU = regex.compile(r"(?:uni(?:qu|t|on|form|lat|fi|vers|son|sex|cam|cyc|corn|code|lingual)"
                     r"|use|usu|usa|uti|ute|ure|uri|uro|ura|uto|uvu|ubiq|uga|ukule|eu|ewe|one\b|once)")  # fmt: skip
# Spelling cannot tell these: ``a/an Ukrainian``, ``a/an Uzbek`` are both written.
_UNSURE = regex.compile(r"(?:uk|uz|ur[aeiou]|i['’])")
# Words spelled with a consonant that start with a vowel sound: a silent h (``an hour``).
_SILENT_H = regex.compile(r"(?:hour|honest|honou?r|heir)")
# After these, ``a`` is not the article (``Plan A is``, ``a is``): the next word starts no noun phrase.
_NOT_A_NOUN_PHRASE = frozenset({
    "is", "are", "was", "were", "am", "and", "or", "of", "in", "on", "at", "as", "if", "it", "its", "into",
    "onto", "out", "off", "up", "us", "our", "even", "ever", "each", "either", "else", "instead", "upon",
    "unless", "until", "over", "only", "all", "also", "any", "about", "after", "again", "against",
})  # fmt: skip


def _vowel_sound(word: str) -> bool | None:
    """Whether ``word`` starts with a vowel sound; None when spelling cannot tell."""
    w = word.casefold()
    if _UNSURE.match(w):
        return None
    if w[0] in "aeiou":
        return not _YOU.match(w)
    if w[0] == "h":
        return True if _SILENT_H.match(w) else None
    return False


@rule(code="FL001", name="article-sound", category=Category.MT,
      severity=Severity.WARNING, fix=FixAvailability.ALWAYS)  # fmt: skip
def article_sound(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag ``a`` before a vowel sound and ``an`` before a consonant sound: ``a apparatus``.

    Why: languages without articles (Chinese, Russian) leave the choice to the translation
    system, which sometimes gets the sound wrong. What the spelling cannot tell is left alone:
    ``a/an`` before ``h`` (``an historic`` is a house style), acronyms, digits and capitals
    inside names.
    Fix (unsafe): the other article; it changes a word.

    >>> fixed("FL001", "It was a important step and an useful one, an hour later.")
    'It was an important step and a useful one, an hour later.'
    >>> flagged("FL001", "A university, a one-off, an NGO, an historic day, Plan A is ready.")
    []
    """
    text = doc.masked
    for m in _ARTICLE.finditer(text):
        article, word = m[1], m[2]
        if word.casefold() in _NOT_A_NOUN_PHRASE or word.isupper() or len(word) < 2:
            continue
        vowel = _vowel_sound(word)
        if vowel is None or vowel == (article == "an"):
            continue
        if word[0].isupper() and m.start() > 0 and _capitalised_before(text, m.start()):
            continue  # inside a name or a title in another language (Ponte a Moriano)
        other = "a" if article == "an" else "an"
        fix = Fix.unsafe(f"Replace with {other!r}", Edit.replace(m.start(1), m.end(1), other))
        yield spec.finding(m.start(1), m.end(2), f"{article!r} before {word!r}: use {other!r}", fix=fix)


_WORD_BEFORE = regex.compile(r"([\p{L}]+)\s+$")


def _capitalised_before(text: str, at: int) -> bool:
    m = _WORD_BEFORE.search(text, max(0, at - 40), at)
    return m is not None and m[1][0].isupper()


# -- FL002 -------------------------------------------------------------------------------------

# Function words that no compound joins with a hyphen after a word of three letters or more.
_AFTER_HYPHEN = "this|these|it|we|they|he|she|is|are|was|were|a|an|the|at|of"
_HYPHEN_DASH = regex.compile(rf"(?<![\p{{L}}\p{{N}}'’-])(\p{{L}}{{3,}}+)-({_AFTER_HYPHEN})(?![\p{{L}}\p{{N}}-])")


_HYPHEN_FUNCTION_WORD = re.compile(rf"-(?:{_AFTER_HYPHEN})\b")


@rule(code="FL002", name="hyphen-for-dash", category=Category.MT,
      severity=Severity.WARNING, fix=FixAvailability.ALWAYS)  # fmt: skip
def hyphen_for_dash(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag a hyphen that joins a word to a following function word: ``tulips-at least``.

    Why: the translation system wrote a source dash as a hyphen with no spaces, gluing two
    clauses into a word no compound has (``Lisbon-a lovely``, ``harvest-this was``).
    Chains such as ``one-of-a-kind`` and ``Mar-a-Lago`` are compounds and left alone.
    Fix (unsafe): a spaced em dash; the hyphen may also stand for something else.

    >>> fixed("FL002", "The market sold 40,000 tulips-at least as many as last spring.")
    'The market sold 40,000 tulips — at least as many as last spring.'
    >>> flagged("FL002", "A one-of-a-kind, state-of-the-art drive-in at Mar-a-Lago, USB-A ports.")
    []
    """
    text = doc.masked
    for hit in _HYPHEN_FUNCTION_WORD.finditer(text):  # a cheap scan for the hyphen first
        start = hit.start()
        while start > 0 and text[start - 1].isalpha():
            start -= 1
        m = _HYPHEN_DASH.match(text, start)
        if m is None:
            continue
        hyphen = m.end(1)
        fix = Fix.unsafe("Replace the hyphen with a dash", Edit.replace(hyphen, hyphen + 1, " — "))
        yield spec.finding(m.start(), m.end(), f"Hyphen joins {m[1]!r} to {m[2]!r}: a dash?", fix=fix)


# -- FL003 -------------------------------------------------------------------------------------

_BARE_NUMBER = regex.compile(r"(?<![\p{L}\p{N}.,/#:$€£¥+_-])([1-9]\d{4,8})(?![\p{L}\p{N}_]|[.,:/-]\d)\s++(\p{Ll}{3,})")
# A number after these words names something (page 12345, Flight 10234) rather than counting it.
_IDENTIFIER_NOUNS = frozenset({
    "page", "pages", "no", "number", "code", "zip", "postcode", "flight", "room", "route", "case", "file",
    "model", "patent", "serial", "account", "id", "item", "ticket", "version", "issue", "volume", "vol",
    "line", "bus", "train", "post", "box", "suite", "unit", "lot", "block", "article", "section", "chapter",
    "tel", "phone", "fax", "ext", "station", "call", "order", "reference", "ref",
})  # fmt: skip
_WORD_OR_CODE_BEFORE = regex.compile(r"(\S+)\s+$")


@rule(code="FL003", name="ungrouped-number", category=Category.MT,
      severity=Severity.WARNING, fix=FixAvailability.ALWAYS)  # fmt: skip
def ungrouped_number(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag a count of five or more digits with no thousands separator: ``480000 visitors``.

    Why: Chinese writes large counts without separators and translation systems copy the
    digits; English news groups them (``250,000``) or spells them (``250 000`` in SI style).
    Only counts are flagged: a number followed by a lower-case word, not after a code, a
    capitalised label or a word that makes it a name (``Flight 10234``, ``GB/T 20480``, ``page``).
    Fix (unsafe): commas between groups of three digits.

    >>> fixed("FL003", "The fair drew 480000 visitors and 37000 exhibitors.")
    'The fair drew 480,000 visitors and 37,000 exhibitors.'
    >>> flagged("FL003", "See GB/T 20480 code, page 10234 onwards, 1,250 people, 250 000 species, 12345.")
    []
    """
    text = doc.masked
    for m in _BARE_NUMBER.finditer(text):
        before = _WORD_OR_CODE_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if before:
            word = before[1].strip("([“\"'‘").rstrip(".")
            label = word[:1].isupper() and not _sentence_start(text, before.start(1))  # About 25000 people
            code = any(c.isalnum() for c in word) and not word.isalpha()  # GB/T, 2019, No.5
            if word and (word.casefold() in _IDENTIFIER_NOUNS or code or label):
                continue
        digits = m[1]
        grouped = f"{int(digits):,}"
        fix = Fix.unsafe(f"Replace with {grouped!r}", Edit.replace(m.start(1), m.end(1), grouped))
        yield spec.finding(m.start(1), m.end(1), f"{digits} has no thousands separator", fix=fix)


def _sentence_start(text: str, at: int) -> bool:
    i = at - 1
    while i >= 0 and text[i] in " \t\"“‘'(":
        i -= 1
    return i < 0 or text[i] in ".!?\n"


# -- FL004 -------------------------------------------------------------------------------------

_LOWER_WORD = regex.compile(r"(?<![\p{L}\p{N}'’@#/.\-_])(\p{Ll}{4,15})(?![\p{L}\p{N}'’@/\-_]|\.\p{L})")
_ASCII_LOWER_WORD = re.compile(r"(?<![\w'’@#/.\-])([a-z]{4,15})(?![\w'’@/\-]|\.\w)")
_VOCABULARY_WORD = re.compile(r"(?<![^ ])[a-z]{4,15}(?![^ ])")  # a word of the space-joined vocabulary
_ALPHABET = "abcdefghijklmnopqrstuvwxyz"
_COMMON = 3.5  # the Zipf frequency of a word common enough that a near miss of it is a typo
_VERY_COMMON = 4.0  # a word common enough that a miss of it by two letters is a typo too
_RARE = 3.2  # below this a word the spelling dictionary rejects may be a misspelling the web repeats
_RARER_BY = 2.5  # ... when its common neighbour is this much more frequent (Zipf: 10**2.5 times)
_FUNCTION_WORD = 6.0  # a rare word of four or five letters counts only near a word this frequent (``whcih``)
# ``reshoring``, ``unfollowed`` written solid are coinages, not misspellings of ``restoring``.
_PREFIXES = ("de", "re", "un", "non", "pre", "co", "over", "under", "mis", "dis")


def _one_edit(word: str) -> set[str]:
    """Words one deletion, transposition, replacement or insertion away (Norvig's ``edits1``)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return (
        {a + b[1:] for a, b in splits if b}
        | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
        | {a + c + b[1:] for a, b in splits if b for c in _ALPHABET}
        | {a + c + b for a, b in splits for c in _ALPHABET}
    )


@lru_cache(maxsize=1)
def _common_words() -> dict[str, float]:
    """The Zipf frequency of every word at least ``_COMMON``: wordfreq's frequency buckets, bucket
    ``i`` holding Zipf ``9 - i/100``, read down to that frequency (a lookup per candidate is slow
    and would flood the ``zipf`` cache)."""
    buckets = get_frequency_list("en")[: int((9 - _COMMON) * 100) + 2]
    return {w: f for bucket in buckets for w in bucket if (f := zipf(w)) >= _COMMON}


@lru_cache(maxsize=1)
def _missing_one_letter() -> dict[str, tuple[str, float]]:
    """Every very common word of six letters or more with one letter dropped, mapped to the word
    (the most frequent one where two share a deletion): with ``_one_edit`` of a candidate it
    finds the words two edits away, built once on the first unknown long word."""
    out: dict[str, tuple[str, float]] = {}
    for w, f in _common_words().items():
        if f >= _VERY_COMMON and len(w) >= 6:
            for i in range(len(w)):
                d = w[:i] + w[i + 1 :]
                if f > out.get(d, ("", 0.0))[1]:
                    out[d] = (w, f)
    return out


def _nearest(word: str, floor: float, same_start: bool = False) -> str | None:
    """The most frequent common word one edit from ``word`` with a Zipf frequency at least ``floor``
    (with ``same_start``, only words with the same first letter)."""
    best, best_zipf = None, floor
    common = _common_words()
    for candidate in sorted(_one_edit(word)):
        f = common.get(candidate, 0.0)
        if f >= best_zipf and candidate != word and (not same_start or candidate[:1] == word[0]):
            best, best_zipf = candidate, f
    return best


def _two_edits(word: str) -> str | None:
    """The most frequent very common word two edits from ``word``, one of them a dropped letter,
    with the same first letter (two slips that include the first letter make another word:
    ``actorly`` is no ``factory``)."""
    best, best_zipf = None, _VERY_COMMON
    index = _missing_one_letter()
    for candidate in sorted(_one_edit(word)):
        hit = index.get(candidate)
        if hit is not None and hit[1] > best_zipf and hit[0] != word and hit[0][0] == word[0]:
            best, best_zipf = hit
    return best


_BRITISH = re.compile(r"(is)(e|es|ed|ing|ation|ations)$|(our)(s|ed|ing|ite|ites|able|y)?$|(tre)(s)?$")


def _british(word: str) -> bool:
    """A British spelling (``theorise``, ``savoury``, ``centre``) of a word the US dictionary knows.

    >>> _british("theorised"), _british("theorize")
    (True, False)
    """
    m = _BRITISH.search(word)
    if m is None:
        return False
    stem = word[: m.start()]
    us = stem + ("iz" + m[2] if m[1] else "or" + (m[4] or "") if m[3] else "ter" + (m[6] or ""))
    return spelling.knows(us) is True or zipf(us) >= 2.0


# Short words that learners write solid with the next one (``inmany``, ``alot``, ``ofcourse``).
_GLUED_FIRST = ("a", "in", "on", "at", "of", "to", "for", "by", "as", "the", "is")


def _joined(word: str) -> str | None:
    """``word`` as a short function word and a frequent word written solid: ``inorder`` is ``in order``."""
    if word.endswith("s") and zipf(word[:-1]) >= _COMMON:
        return None  # a possessive without its apostrophe (``todays``), not two words
    for first in _GLUED_FIRST:
        rest = word[len(first) :]
        if word.startswith(first) and len(rest) >= 3 and zipf(rest) >= _VERY_FREQUENT:
            return f"{first} {rest}"
    return None


@lru_cache(maxsize=65536)
def correction(word: str) -> str | None:
    """The common word that ``word`` misspells, when ``word`` is not English and near a common word.

    Not English: no frequency in wordfreq, or a rare one (``neccessary``: the web repeats common
    misspellings) that the spelling dictionary rejects too. Near: one edit from a common word, or
    (an unknown word of seven letters or more) two edits from a very common one.

    >>> correction("techologies"), correction("technologies"), correction("xqzvv")
    ('technologies', None, None)
    >>> correction("imformation")
    'information'
    """
    if not word.isascii():
        return None
    frequency = zipf(word)
    if frequency < _RARE and (joined := _joined(word)) and spelling.knows(word) is False:
        return joined
    if frequency == 0.0:
        better = _nearest(word, _COMMON)
        if better is None and len(word) >= 7:
            better = _two_edits(word)
        return better
    if frequency >= _RARE or spelling.knows(word) is not False:
        return None
    if len(word) < 6:  # short rare words are often slang or abbreviations: only a slip of a function word
        return _nearest(word, max(frequency + _RARER_BY, _FUNCTION_WORD), same_start=True)
    if any(word.startswith(p) and zipf(word[len(p) :]) >= 2.0 for p in _PREFIXES) or _british(word):
        return None
    better = _nearest(word, frequency + _RARER_BY)
    if better is None or better[0] != word[0] or better.startswith(word):
        return None  # a near word with another first letter, or a word cut short
    if word.startswith(better) and word != better + better[-1]:
        return None  # an inflection (``lockdowns``); a doubled last letter is a slip (``wonderfull``)
    return better


@rule(code="FL004", name="misspelled-word", category=Category.GARBLED,
      severity=Severity.WARNING, fix=FixAvailability.ALWAYS)  # fmt: skip
def misspelled_word(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag a lower-case word that is not English and is near a common word: ``techologies``.

    Why: learner English and weak translation systems misspell (``knowlege``, ``medecines``,
    ``imformation``); edited news has almost none. Not English: no frequency in wordfreq, or a
    rare one that the hunspell dictionary rejects (the web repeats common misspellings, as in
    ``neccessary``). Near: one edit from a common word, or two from a very common one for a long
    unknown word. A capitalised word counts only at the start of a sentence, six letters or
    more, near a very frequent word (``Governmnet``, ``Becasue``), and when the document never
    writes it capitalised mid-sentence (a name). Words with digits, hyphens or apostrophes,
    rare words a dictionary knows, inflections (``lockdowns``), prefixed coinages
    (``reshoring``), unknown words with no common neighbour (a term) and a word alone in
    quotation marks (a term mentioned: ``the method called "tileing"``) are left alone.
    Fix (display-only): the most frequent near word, a guess.

    >>> findings("FL004", "We could not live without sciense and techologies.")[1].fix.title
    "Replace with 'technologies'"
    >>> flagged("FL004", "Governmnet aid came. The mouthparts of pollinators, Tecnologia SA and iPhones.")
    ['Governmnet']
    >>> flagged("FL004", "Governmnet spoke. Then Governmnet left.")  # written so mid-sentence: a name
    []
    >>> flagged("FL004", 'Moles dig, and gardeners call the trapping "moling." Trappers go moling at dawn.')
    ['moling']
    """
    text = doc.masked
    # Most documents have no misspelling: judge each distinct word once, then find the bad ones.
    # Only ASCII words can be judged (``correction``). Every word the scan of the text below finds
    # is a whole word of the shared tokens, so the document's vocabulary is judged first (a scan
    # of a third of the text), and the text is scanned only when some word of it is bad.
    vocabulary = _VOCABULARY_WORD.findall(tokens(doc).written_text)
    bad: dict[str, str] = {}
    if any(map(correction, vocabulary)):  # in C: a cache hit per word once the words are known
        bad = {w: better for w in set(_ASCII_LOWER_WORD.findall(text)) if (better := correction(w))}
    spans = [(m.start(), m.end(), m[1], bad[m[1]]) for m in _LOWER_WORD.finditer(text) if m[1] in bad] if bad else []
    spans += _capitalised_at_sentence_start(text)
    for start, end, word, better in sorted(spans):
        if doc.is_protected(start) or _quoted_term(text, start, end):
            continue
        fix = Fix.display_only(f"Replace with {better!r}", Edit.replace(start, end, better))
        yield spec.finding(start, end, f"{word!r} is not a word: {better!r}?", fix=fix)


_OPENING_QUOTES = "\"“‘'"
_CLOSING_QUOTES = "\"”’'"


def _quoted_term(text: str, start: int, end: int) -> bool:
    """The word stands alone in quotation marks (``"tilling,"``): a term mentioned, not a slip.

    >>> _quoted_term('the term "tilling," a method', 10, 17), _quoted_term('the term tilling', 9, 16)
    (True, False)
    """
    after = end + (end < len(text) and text[end] in ",.")
    return start > 0 and text[start - 1] in _OPENING_QUOTES and after < len(text) and text[after] in _CLOSING_QUOTES


# A capitalised word after a sentence end and any quotation marks (the start of the text is tried apart).
_SENTENCE_START_WORD = re.compile(r"[.!?\n][ \t\"“‘'(]*([A-Z][a-z]{5,14})(?![\w'’@/\-]|\.\w)")
_TEXT_START_WORD = re.compile(r"[ \t\"“‘'(]*([A-Z][a-z]{5,14})(?![\w'’@/\-]|\.\w)")
_VERY_FREQUENT = 5.0  # a capitalised misspelling must be near a word this frequent, unlike a name


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


@lru_cache(maxsize=1)
def _very_frequent_index() -> frozenset[str]:
    """The words of Zipf ``_VERY_FREQUENT`` or more and their one-letter deletions: a word one edit
    from one of them shares a string with it after at most one deletion each (a cheap first test)."""
    words = [w for w, f in _common_words().items() if f >= _VERY_FREQUENT]
    return frozenset(words).union(*map(_deletions, words))


def _capitalised_at_sentence_start(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, word, correction) of capitalised misspellings that start a sentence."""
    found = []
    index = _very_frequent_index()
    first = _TEXT_START_WORD.match(text)
    for m in (*([first] if first else []), *_SENTENCE_START_WORD.finditer(text)):
        lower = m[1].lower()
        if lower in index or index.isdisjoint(_deletions(lower)):
            continue  # a frequent word itself, or nowhere near one: no edit makes it one
        better = correction(lower)
        if better is not None and zipf(better) >= _VERY_FREQUENT:
            found.append((m.start(1), m.end(1), m[1], better[0].upper() + better[1:]))
    starts = Counter(f[2] for f in found)
    # A word the document also capitalises mid-sentence is a name.
    return [
        f
        for f in found
        if len(regex.findall(rf"(?<![\p{{L}}\p{{N}}]){f[2]}(?![\p{{L}}\p{{N}}])", text)) == starts[f[2]]
    ]


def _lower_masked(doc: Document) -> str:
    """``doc.masked`` in lower case, offset for offset (shared by FL005, FL008 and FL009 through ``doc.memo``)."""
    text = doc.masked
    lower = text.lower()
    if len(lower) != len(text):  # a letter whose lower case is longer (İ): offsets would shift
        lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return lower


# -- FL005 -------------------------------------------------------------------------------------


@cache
def _words(key: str) -> frozenset[str]:
    """A word list of ``rules/data/fluency_words.toml``."""
    value = load_toml("fluency_words.toml")[key]
    assert isinstance(value, str)
    return frozenset(value.split())


_PLURALS = {"person": "people", "child": "children", "woman": "women"}
_AGREEMENT = regex.compile(
    r"(?<![\p{L}\p{N}'’-])((?i:many|several|various|numerous|multiple|few|a\s+few"
    r"|one\s+of\s+(?:the|my|his|her|our|their|its|these|those|your)))\s+(\p{Ll}+)"
    r"(?=[.,;:!?)]|\s+(?:and|or|but|in|of|to|that|who|which|are|were|have|had|do|did|can|could|will|would"
    r"|should|is|was|from|with|at|on|for|by|as|the|a|an|this|these|there|because|when|if)(?![\p{L}\p{N}'’-]))"
)


# Scanned in the lower-cased text, each followed by white space; ``a few`` is found by ``few``.
_QUANTIFIERS = ("many", "several", "various", "numerous", "multiple", "few", "one of")


def _literal_hits(text: str, literals: tuple[str, ...]) -> list[tuple[int, str]]:
    """``(start, literal)`` of each literal followed by white space, in order of ``start``: what
    a ``re.finditer`` of the literals, each before a white-space character, finds when no literal
    ends another one (matches cannot overlap), by ``str.find``, several times faster than that scan.

    >>> _literal_hits("many  one of\tthe few.", ("many", "one of", "few"))
    [(0, 'many'), (6, 'one of')]
    """
    hits = []
    for literal in literals:
        n, at = len(literal), text.find(literal)
        while at >= 0:
            if text[at + n : at + n + 1].isspace():
                hits.append((at, literal))
            at = text.find(literal, at + 1)
    hits.sort()
    return hits


@rule(code="FL005", name="singular-after-plural-quantifier", category=Category.MT,
      severity=Severity.WARNING, fix=FixAvailability.ALWAYS)  # fmt: skip
def singular_after_plural_quantifier(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag a singular count noun after a word that asks for a plural: ``many person``, ``one of the reason``.

    Why: Chinese and many learners' languages do not mark number on the noun, and the
    translation keeps the singular (``several year``). After ``a lot of`` the singular is often
    a mass use (``a lot of opportunity``), so that is left alone. Only nouns that are
    countable and seldom verbs are judged, and only when the noun ends its phrase (a comma, a
    full stop or a function word follows), so noun compounds (``many student loans``) and
    verbs (``many say that``) are left alone; ``these kind of`` is informal English, not an error.
    Fix (unsafe): the plural.

    >>> fixed("FL005", "We met many person at the fair, and one of the reason was music.")
    'We met many people at the fair, and one of the reasons was music.'
    >>> flagged("FL005", "Many say that several student loans and a lot of opportunity went to one of the family.")
    []
    """
    text, nouns = doc.masked, _words("count_nouns")
    lower = doc.memo(_lower_masked)
    for at, quantifier in _literal_hits(lower, _QUANTIFIERS):  # a cheap scan for the quantifier first
        start = at - 2 if lower.startswith("a ", at - 2) and quantifier == "few" else at
        m = _AGREEMENT.match(text, start)
        if m is None:
            continue
        noun = m[2]
        if noun not in nouns:
            continue
        plural = _PLURALS.get(noun) or (
            noun[:-1] + "ies" if noun.endswith("y") and noun[-2] not in "aeiou" else noun + "s"
        )
        fix = Fix.unsafe(f"Replace with {plural!r}", Edit.replace(m.start(2), m.end(2), plural))
        yield spec.finding(m.start(), m.end(), f"{m[1]!r} asks for a plural: {plural!r}", fix=fix)


# -- FL006 -------------------------------------------------------------------------------------

_FIRST_WORD = regex.compile(r"\p{Ll}+(?=[ ,])")
_PROSE = ("paragraph", "quote")


@rule(code="FL006", name="lowercase-paragraph-start", category=Category.MT,
      severity=Severity.WARNING, fix=FixAvailability.ALWAYS)  # fmt: skip
def lowercase_paragraph_start(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag a paragraph that starts with a lower-case function word: ``so this plan is easy.``

    Why: learners and translation systems (a segment translated alone) drop the capital of a
    first word. A document whose paragraphs start in lower case more than once follows a
    convention (a transcript, a list), so the rule stays silent there; so it does after a
    paragraph that ends without a full stop (a sentence broken over two lines), on names
    (``iPhone``, ``eBay``), and on articles, prepositions and possessives: a segment cut from
    the middle of a sentence starts with them (``the Romans built …``). LK002 judges a
    lower-case sentence inside a paragraph. The pronoun ``i`` is FL007's, except in a text
    with no capital at all, where FL007 stays silent.
    Fix (unsafe): capitalise the word.

    >>> fixed("FL006", "so this plan is very important.")
    'So this plan is very important.'
    >>> flagged("FL006", "eBay sells. iPhones sell.\\n\\nand a first line\\nbroken\\n\\nbut kept as lines.")
    []
    >>> flagged("FL006", "i hope so."), flagged("FL006", "i hope so, Anna.")  # the second is FL007's
    (['i'], [])
    """
    text = doc.masked
    lower = [b for b in doc.blocks if b.kind in _PROSE and text[b.start : b.start + 1].islower()]
    if len(lower) != 1:
        return
    block = lower[0]
    m = _FIRST_WORD.match(text, block.start)
    if m is None or doc.is_protected(block.start):
        return
    # ``i`` is FL007's, except in a text without a capital, where FL007 stays silent.
    if m[0] not in _words("paragraph_starters") and (m[0] != "i" or any(c.isupper() for c in text)):
        return
    before = text[: block.start].rstrip()
    if before and before[-1] not in '.!?"”’':
        return
    capital = text[block.start].upper()
    fix = Fix.unsafe(f"Capitalise {m[0]!r}", Edit.replace(block.start, block.start + 1, capital))
    yield spec.finding(m.start(), m.end(), f"Paragraph starts in lower case: {m[0]!r}", fix=fix)


# -- FL007 -------------------------------------------------------------------------------------

_LOWER_I = re.compile(
    r"(?<![\w(.'’-])i(?=\s+(?:am|was|have|had|think|thought|do|did|will|would|can|could|should|want|wanted|like"
    r"|love|know|knew|believe|agree|disagree|feel|felt|hope|went|saw|got|must|also|really|just|don't|didn't"
    r"|can't|won't|never|always)\b|['’](?:m|ve|ll|d)\b)"
)


_BARE_I = re.compile(r"i(?=[\s'’])")


@rule(code="FL007", name="lowercase-pronoun-i", category=Category.MT,
      severity=Severity.WARNING, fix=FixAvailability.ALWAYS)  # fmt: skip
def lowercase_pronoun_i(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag the pronoun ``I`` written in lower case: ``i think``, ``i'm``.

    Why: learners and some translation systems write it as in their own language; edited
    English never does. Only an ``i`` before a verb or a contraction counts (not a variable,
    a list label ``(i)`` or ``i.e.``), and a document written all in lower case is a style.
    Fix (unsafe): capital ``I``.

    >>> fixed("FL007", "Yesterday i went home, and i'm tired.")
    "Yesterday I went home, and I'm tired."
    >>> flagged("FL007", "See (i) the list, i.e. this; for i in range(3) we run.")
    []
    >>> flagged("FL007", "yesterday i went home, all in lower case.")
    []
    """
    text = doc.masked
    if "i" not in text or not any(c.isupper() for c in text):
        return
    for hit in _BARE_I.finditer(text):  # a cheap scan for a lone ``i`` first
        m = _LOWER_I.match(text, hit.start())
        if m is None or doc.is_protected(m.start()):
            continue
        yield spec.finding(m.start(), m.end(), "The pronoun 'I' in lower case",
                           fix=Fix.unsafe("Capitalise 'I'", Edit.replace(m.start(), m.end(), "I")))  # fmt: skip


# -- FL008 -------------------------------------------------------------------------------------

_AFTER_BE = regex.compile(r"(?<![\p{L}\p{N}'’-])(?i:am|are|is|was|were|be|been)\s++(\p{Ll}+)(?![\p{L}\p{N}'’-])")
_AFTER_MODAL = regex.compile(
    r"(?<![\p{L}\p{N}'’-])((?:(?i:i|you|he|she|it|we|they|who)\s+(?:will|can|must))|(?i:would|could|should"
    r"|shall|cannot|can't|can’t|won't|won’t|wouldn't|wouldn’t|couldn't|couldn’t|shouldn't|shouldn’t|did|does"
    r"|didn't|didn’t|doesn't|doesn’t|don't|don’t|to)(?:\s+not)?)\s++(\p{Ll}+)(?![\p{L}\p{N}'’-])"
)
_WANT = regex.compile(
    r"(?<![\p{L}\p{N}'’-])((?i:want|wants|wanted|wanting|would\s+like|in\s+order|able))\s++(\p{Ll}+)"
    r"(?![\p{L}\p{N}'’-])"
)
_DO_BEFORE = regex.compile(r"(?<![\p{L}'’])(?i:do|does|did|doing|done)(?![\p{L}'’])[^.!?;:]*$")
# A cheap first scan: a form of ``be``, a modal (after its pronoun), ``do``, ``to``, ``want``,
# ``order`` or ``able``, and the word after it (in the lower-cased text, words apart by one space).
_AUXILIARY_WORDS = (
    *(f"{p} (?:will|can|must)" for p in ("i", "you", "he", "she", "it", "we", "they", "who")),
    "am", "are", "is", "was", "were", "be", "been", "will", "can", "must", "would", "could", "should", "shall",
    "cannot", "did", "does", "to", "want", "wants", "wanted", "wanting", "order", "able",
    *(f"{p}n['’]t" for p in ("did", "does", "do", "would", "could", "should", "wo", "ca")),
)  # fmt: skip


def _by_first_letter(alternatives: Iterable[str]) -> str:
    """``a|b|…`` grouped by first letter, in their order within each letter (``i(?: …|s)|w(?:as|…)``):
    the same first match, with one test per letter at each word start instead of one per word."""
    groups: dict[str, list[str]] = {}
    for alternative in alternatives:
        groups.setdefault(alternative[0], []).append(alternative[1:])
    return "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())


_AUXILIARY = re.compile(rf"\b(?:{_by_first_letter(_AUXILIARY_WORDS)})(?: not| like)? ([a-z]+)")


def _verb_slips(text: str, lower: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, message) of each verb in the wrong form after an auxiliary (``lower``: ``text`` in lower case,
    offset for offset)."""
    base, finite = _words("base_verbs"), _words("finite_forms")
    for hit in _AUXILIARY.finditer(lower):
        if hit[1] not in base and hit[1] not in finite:
            continue  # most words after ``to`` or ``is`` are neither: skip the exact patterns
        at = hit.start()
        m = _AFTER_BE.match(text, at)
        if m is not None and m[1] in base and m[1] not in ("be", "have", "do", "go"):
            # ``All they did was make …``: a pseudo-cleft takes the base form after ``do``.
            if not (m[0][:2].lower() in ("is", "wa", "be") and _DO_BEFORE.search(text, max(0, at - 120), at)):
                yield m.start(), m.end(), f"{m[1]!r} after a form of 'be': a participle or 'to'?"
            continue
        m = _AFTER_MODAL.match(text, at)
        if m is not None and m[2] in finite:
            yield m.start(), m.end(), f"{m[2]!r} after {m[1].split()[-1]!r}: the base form?"
            continue
        m = _WANT.match(text, at)
        if m is not None and m[2] in base:
            yield m.start(), m.end(), f"{m[2]!r} after {m[1]!r} without 'to'"


@rule(code="FL008", name="verb-form-after-auxiliary", category=Category.MT,
      severity=Severity.WARNING, fix=FixAvailability.NEVER)  # fmt: skip
def verb_form_after_auxiliary(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag a verb in a form its auxiliary does not take: ``are make``, ``didn't went``, ``want sell``.

    Why: learners and translation systems from languages that do not inflect verbs (Chinese)
    leave a base form after ``be``, an inflected form after a modal, ``do`` or ``to``, or drop
    the ``to`` after ``want``, ``in order`` and ``able``. Only verbs that are never nouns or
    adjectives count (``is help``, ``is need`` and ``the will says`` are English), a modal only
    after a pronoun when it can be a noun (``will``, ``can``, ``must``), and ``is make`` after a
    ``do`` in the same sentence is a pseudo-cleft (``all they did was make noise``).
    No fix: the intended form (``are making``, ``make``, ``to make``) is a guess.

    >>> flagged("FL008", "Ads are make products look better, he didn't went, and we want sell it.")
    ['are make', "didn't went", 'want sell']
    >>> flagged("FL008", "All they did was make noise; his will says so; it is help we need; to be able to go.")
    []
    """
    text = doc.masked
    for start, end, message in _verb_slips(text, doc.memo(_lower_masked)):
        if not doc.is_protected(start):
            yield spec.finding(start, end, message)


# -- FL009 -------------------------------------------------------------------------------------

_SINGULAR_DETERMINER = regex.compile(
    r"(?<![\p{L}\p{N}'’-])((?i:every|each|another|much|others))\s++(\p{Ll}+)(?![\p{L}\p{N}'’-])"
)
_SINGULAR_DETERMINERS = ("every", "each", "another", "much", "others")  # the first scan, in lower case


@cache
def _plural_nouns() -> dict[str, str]:
    """The plural of each countable noun of ``count_nouns``, mapped to its singular."""
    out = {}
    for noun in _words("count_nouns"):
        plural = _PLURALS.get(noun) or (
            noun[:-1] + "ies" if noun.endswith("y") and noun[-2] not in "aeiou" else noun + "s"
        )
        out[plural] = noun
    return out


@rule(code="FL009", name="plural-after-singular-determiner", category=Category.MT,
      severity=Severity.WARNING, fix=FixAvailability.ALWAYS)  # fmt: skip
def plural_after_singular_determiner(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag a plural count noun after a word that asks for a singular: ``every weeks``, ``others countries``.

    Why: languages that do not mark number on the noun (Chinese) leave the choice to the
    translation, which adds a plural after ``every``, ``each``, ``another`` or ``much``, or
    writes the pronoun ``others`` for the determiner ``other``. Only countable nouns that are
    seldom verbs are judged; a number between (``another two years``), ``each other`` and a
    possessive (``others' rights``) are left alone.
    Fix (unsafe): the singular (``every day``), or ``other`` for ``others``.

    >>> fixed("FL009", "We meet every weeks, and others countries do too.")
    'We meet every week, and other countries do too.'
    >>> flagged("FL009", "Every day, another two years, each other's books, much more, others' homes.")
    []
    """
    text, plurals = doc.masked, _plural_nouns()
    lower = doc.memo(_lower_masked)
    for at, _ in _literal_hits(lower, _SINGULAR_DETERMINERS):
        m = _SINGULAR_DETERMINER.match(text, at)
        if m is None or m[2] not in plurals or doc.is_protected(m.start()):
            continue
        if m[1].lower() == "others":
            fix = Fix.unsafe("Replace with 'other'", Edit.replace(m.start(1), m.end(1), m[1][:-1]))
            yield spec.finding(m.start(), m.end(), f"'others' before a noun: 'other {m[2]}'", fix=fix)
        else:
            singular = plurals[m[2]]
            fix = Fix.unsafe(f"Replace with {singular!r}", Edit.replace(m.start(2), m.end(2), singular))
            yield spec.finding(m.start(), m.end(), f"{m[1]!r} asks for a singular: {singular!r}", fix=fix)


# -- FL010 -------------------------------------------------------------------------------------

_NEEDLESS_PREPOSITION = regex.compile(
    r"(?<![\p{L}\p{N}'’-])(?:(discuss(?:es|ed|ing)?|mention(?:s|ed|ing))\s+(about)"
    r"|(emphasi[sz](?:e|es|ed|ing))\s+(on|upon)"
    r"|(?:(?i:can|could|will|would|may|might|must|should|to|not|does|do|did|that|which|who|they|we|it)\s+)(affect)\s+(on))"
    r"(?![\p{L}\p{N}'’-])"
)
_NEEDLESS_PREPOSITION_SCAN = ("discuss", "mention", "emphasi", "affect on")  # one of them is in every match
# What every match holds at its verb, found where one of ``_NEEDLESS_VERBS`` is (stdlib ``re``: ``\W`` takes any
# white space of ``regex``).
_NEEDLESS_VERBS = ("discuss", "mention", "emphasi", "affect")
_NEEDLESS_SHAPE = re.compile(r"(?:discuss|mention)\w{0,3}\W+about|emphasi[sz]\w{0,3}\W+(?:on|upon)|affect\W+on")


def _occurrences(text: str, literal: str) -> Iterator[int]:
    """Where ``literal`` starts in ``text``, overlaps included, by ``str.find``."""
    at = text.find(literal)
    while at >= 0:
        yield at
        at = text.find(literal, at + 1)


@rule(code="FL010", name="verb-with-needless-preposition", category=Category.MT,
      severity=Severity.WARNING, fix=FixAvailability.ALWAYS)  # fmt: skip
def verb_with_needless_preposition(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag a preposition after a verb that takes its object directly: ``discuss about``, ``emphasize on``.

    Why: the noun takes the preposition (``a discussion about``, ``emphasis on``, ``an effect
    on``) and learners and translation systems carry it over to the verb. Only the verb forms
    count: ``a mention about`` and ``the emphasis on`` are English, and ``affect on`` only after a
    modal, ``to`` or a subject pronoun, where ``affect`` is the verb.
    Fix (unsafe): delete the preposition.

    >>> fixed("FL010", "We discussed about the plan, which can affect on prices.")
    'We discussed the plan, which can affect prices.'
    >>> flagged("FL010", "A discussion about it, no mention about it, the emphasis on speed and an effect on prices.")
    []
    """
    text = doc.masked
    if not any(literal in text for literal in _NEEDLESS_PREPOSITION_SCAN):
        return
    if not any(_NEEDLESS_SHAPE.match(text, at) for verb in _NEEDLESS_VERBS for at in _occurrences(text, verb)):
        return  # ``discuss`` or ``mention`` is common in news, a preposition right after it is not
    for m in _NEEDLESS_PREPOSITION.finditer(text):
        group = next(g for g in (1, 3, 5) if m[g] is not None)
        if doc.is_protected(m.start(group)):
            continue
        verb, prep = m.start(group), m.end(group + 1)
        fix = Fix.unsafe(f"Delete {m[group + 1]!r}", Edit.delete(m.end(group), prep))
        yield spec.finding(verb, prep, f"{m[group]!r} takes its object without {m[group + 1]!r}", fix=fix)


# -- FL011 -------------------------------------------------------------------------------------


@cache
def _proper_word() -> re.Pattern[str]:
    """One of FL011's words in lower case, not inside a web address, a handle or a file name."""
    alternation = "|".join(sorted(_words("proper_words"), key=lambda w: (-len(w), w)))
    return re.compile(rf"(?<![\w@#/.\-])({alternation})(?![\w@/\-]|\.\w)")


@cache
def _proper_words() -> frozenset[str]:
    return frozenset(_words("proper_words"))


_JOINERS = re.compile("[ '’-]")


@rule(code="FL011", name="lowercase-proper-word", category=Category.MT,
      severity=Severity.WARNING, fix=FixAvailability.ALWAYS)  # fmt: skip
def lowercase_proper_word(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag a language, people, country, religion, weekday or month written in lower case: ``italian food``.

    Why: learners and translation systems from languages that write these in lower case carry the
    habit over; edited English always capitalises them. Words that are also common words (``china``,
    ``turkey``, ``may``, ``polish``) are not in the list, nor is ``internet``. A document with no
    capital at all is written in lower case by choice, and so are web addresses and handles; a name
    the document writes in lower case twice (``russia``, ``russian``) is the writer's choice too.
    Fix (unsafe): capitalise the word.

    >>> fixed("FL011", "We ate italian food on sunday.")
    'We ate Italian food on Sunday.'
    >>> flagged("FL011", "Fine china, a roast turkey, the may pole; see www.english.com or @english.")
    []
    >>> flagged("FL011", "we ate italian food, all in lower case.")
    []
    >>> flagged("FL011", "The ministry said russia and its russian allies would answer.")
    []
    """
    text = doc.masked
    if not any(c.isupper() for c in text):
        return
    # A hit is a run of letters between non-word characters: one part (between apostrophes and
    # hyphens) of a word of the shared tokens. Most documents have none: decided on the vocabulary.
    if _proper_words().isdisjoint(_JOINERS.split(tokens(doc).written_text)):
        return
    hits = [m for m in _proper_word().finditer(text) if not doc.is_protected(m.start())]
    stems = Counter(m[1][:5] for m in hits)
    for m in hits:
        if stems[m[1][:5]] > 1:
            continue  # written in lower case twice (``russia``, ``russian``): the writer's choice
        capital = m[1][0].upper() + m[1][1:]
        fix = Fix.unsafe(f"Capitalise {m[1]!r}", Edit.replace(m.start(), m.end(), capital))
        yield spec.finding(m.start(), m.end(), f"{capital} is written with a capital", fix=fix)

"""Word frequency (wordfreq) and the small lexicons: finite verbs, function words, stray capitals.

The lexicon is ``rules/data/garbled_words.toml``: it only has to tell whether a sentence can
hold a finite verb, so it needs no tagger and no download.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import regex
from wordfreq import get_frequency_dict, zipf_frequency

from cleanup.analysis.tokens import WORD
from cleanup.caching import bulk_build
from cleanup.datafiles import load_toml

__all__ = ["Lexicon", "any_finite", "has_finite_verb", "lexicon", "mark_as_word", "zipf"]


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """The word's Zipf frequency in English (0 for unknown words), cached.

    A word of ASCII letters is one token of wordfreq's English tokenizer, so its value is read
    from the frequency table directly, rounded as ``zipf_frequency`` rounds it (that function
    tokenises every call, which cost a third of ``check``'s time on news).

    >>> zipf("Australia") > 4 > zipf("Velmora")
    True
    """
    if word.isascii() and word.isalpha():
        freq = _frequencies().get(word.lower())
        return 0.0 if freq is None else zipf_of(freq)
    return zipf_frequency(word, "en")


@lru_cache(maxsize=4096)
def zipf_of(freq: float) -> float:
    """The Zipf value of a frequency in wordfreq's table (of one bucket: there are about 800)."""
    freq = max(1.0 / (1.0 / freq), 1e-9)  # wordfreq's combination of one token, its floor
    return round(math.log(round(freq, math.floor(-math.log(freq, 10)) + 3), 10) + 9, 2)


@cache
def _frequencies() -> dict[str, float]:
    with bulk_build():
        return get_frequency_dict("en", "best")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The word lists of ``rules/data/garbled_words.toml``, lower-case."""

    auxiliaries: frozenset[str]
    irregular_past: frozenset[str]
    verb_forms: frozenset[str]
    function_words: frozenset[str]
    one_word_ok: frozenset[str]
    stray_capitals: frozenset[str]


def _inflect(verb: str) -> set[str]:
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        third = verb + "es"
    elif verb.endswith("y") and verb[-2:-1] not in "aeiou":
        third = verb[:-1] + "ies"
    else:
        third = verb + "s"
    return {verb, third}


@cache
def lexicon() -> Lexicon:
    """The shipped lexicon, loaded once.

    >>> lex = lexicon()
    >>> "told" in lex.irregular_past, "says" in lex.verb_forms, "the" in lex.function_words
    (True, True, True)
    """
    data = load_toml("garbled_words.toml")

    def words(key: str) -> frozenset[str]:
        value = data[key]
        assert isinstance(value, str)
        return frozenset(w.replace("’", "'") for w in value.split())

    forms = {form for verb in words("common_verbs") for form in _inflect(verb)}
    return Lexicon(words("auxiliaries"), words("irregular_past"), frozenset(forms), words("function_words"),
                   words("one_word_ok"), words("stray_capitals"))  # fmt: skip


_PREPOSITIONS = frozenset(
    ["in", "on", "at", "by", "during", "against", "under", "over", "from", "into", "near", "for", "across",
     "since", "after", "before"]
)  # fmt: skip
_PRONOUNS = frozenset(
    ["i", "you", "he", "she", "it", "we", "they", "who", "which", "that", "there", "this", "these", "those", "what"]
)
_CONTRACTIONS = frozenset({"s", "re", "m", "ve", "d", "ll", "t"})


def _is_finite(words: Sequence[str], i: int, lex: Lexicon, capitalised: bool) -> bool:
    w = words[i]
    if w in lex.auxiliaries or w in lex.irregular_past or w in lex.verb_forms:
        return True
    if "'" in w:
        return w.split("'", 1)[1] in _CONTRACTIONS
    if len(w) >= 5 and w.endswith("ed") and not capitalised:  # "United Nations" is a name
        # "bribes offered in Spain": a participle after a plural noun, before a preposition.
        before = words[i - 1] if i > 0 else ""
        after = words[i + 1] if i + 1 < len(words) else ""
        # Early in the sentence the plural is the subject and the -ed word its verb ("The talks resumed on").
        reduced = i >= 3 and before.endswith("s") and before not in _PRONOUNS and after in _PREPOSITIONS
        return not reduced
    return False


def any_finite(words: Sequence[str]) -> bool:
    """True when some word of ``words`` (as written) can be a finite verb.

    >>> any_finite(["The", "army", "left"]), any_finite(["war", "crimes", "under", "law"])
    (True, False)
    """
    lex = lexicon()
    lower = [w.lower().replace("’", "'") for w in words]
    return any(_is_finite(lower, i, lex, words[i][:1].isupper()) for i in range(len(lower)))


def has_finite_verb(sentence: str) -> bool:
    """True when some word of ``sentence`` can be a finite verb, by the shipped lexicon.

    >>> has_finite_verb("The army said it had left."), has_finite_verb("heavy losses under the new budget.")
    (True, False)
    >>> has_finite_verb("European Union inquiry To procurement failures and bribes offered in Spain.")
    False
    """
    return any_finite(WORD.findall(sentence))


_DETERMINERS = frozenset(
    ["a", "an", "the", "many", "few", "several", "some", "any", "no", "more", "most", "much", "this", "that",
     "these", "those", "every", "each", "his", "her", "their", "its", "our", "your", "my"]
)  # fmt: skip
_WORD_BEFORE = regex.compile(r"(\p{L}+)[ \t]+$")


def mark_as_word(text: str, at: int) -> bool:
    """True when the ``?`` or ``!`` at ``at`` stands for a noun, not a sentence end: ``Too many ? in``.

    The mark is spaced on both sides, follows a determiner or quantifier that wants a noun, and the
    word after it is lower-case, so the sentence runs on through it.

    >>> mark_as_word("Too many ? in this recipe.", 9), mark_as_word("what now ? he asked", 9)
    (True, False)
    """
    if text[at : at + 1] not in ("?", "!") or text[at + 1 : at + 2] not in (" ", "\t"):
        return False
    before = _WORD_BEFORE.search(text, max(0, at - 32), at)
    after = text[at + 1 : at + 3].lstrip()
    return before is not None and before[1].lower() in _DETERMINERS and after[:1].islower()

"""Garbled sentences: dangling words, one-word sentences, verbless fragments, stray capitals.

Part-of-speech information comes from a small lexicon of our own
(``rules/data/garbled_words.toml``): it only has to tell whether a sentence can
hold a finite verb, so it needs no tagger and no download.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import regex

from cleanup.abbreviations import is_abbreviation_before
from cleanup.document import Document, Sentence
from cleanup.model import Category, Edit, Finding, Fix, FixAvailability, RuleSpec, Severity
from cleanup.registry import RuleStatus, rule

__all__ = [
    "Lexicon",
    "dangling_word",
    "has_finite_verb",
    "lexicon",
    "one_word_sentence",
    "stray_capital",
    "tokens",
    "verbless_fragment",
]

_TOKEN = regex.compile(r"[\p{L}\p{M}\d]++(?:['’][\p{L}]++)*+")
_TERMINAL = frozenset(".!?…:;”’\"')]")
_PREPOSITIONS = frozenset(
    [
        "in",
        "on",
        "at",
        "by",
        "during",
        "against",
        "under",
        "over",
        "from",
        "into",
        "near",
        "for",
        "across",
        "since",
        "after",
        "before",
    ]
)
_PRONOUNS = frozenset(
    ["i", "you", "he", "she", "it", "we", "they", "who", "which", "that", "there", "this", "these", "those", "what"]
)


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
    data = tomllib.loads((Path(__file__).parent / "data" / "garbled_words.toml").read_text(encoding="utf-8"))

    def words(key: str) -> frozenset[str]:
        return frozenset(w.replace("’", "'") for w in data[key].split())

    forms = {form for verb in words("common_verbs") for form in _inflect(verb)}
    return Lexicon(words("auxiliaries"), words("irregular_past"), frozenset(forms), words("function_words"),
                   words("one_word_ok"), words("stray_capitals"))  # fmt: skip


def tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of each word of ``text[start:end]`` (letters, digits, inner apostrophes).

    >>> [(a, b) for a, b in tokens("He isn’t here.")]
    [(0, 2), (3, 8), (9, 13)]
    """
    return [m.span() for m in _TOKEN.finditer(text, start, len(text) if end is None else end)]


def _is_finite(words: Sequence[str], i: int, lex: Lexicon, capitalised: bool = False) -> bool:
    w = words[i]
    if w in lex.auxiliaries or w in lex.irregular_past or w in lex.verb_forms:
        return True
    if "'" in w:
        return w.split("'", 1)[1] in {"s", "re", "m", "ve", "d", "ll", "t"}
    if len(w) >= 5 and w.endswith("ed") and not capitalised:  # "United Nations" is a name
        # "crimes committed in Ukraine": a participle after a plural noun, before a preposition.
        before = words[i - 1] if i > 0 else ""
        after = words[i + 1] if i + 1 < len(words) else ""
        # Early in the sentence the plural is the subject and the -ed word its verb ("The talks resumed on").
        reduced = i >= 3 and before.endswith("s") and before not in _PRONOUNS and after in _PREPOSITIONS
        return not reduced
    return False


def has_finite_verb(sentence: str) -> bool:
    """True when some word of ``sentence`` can be a finite verb, by the shipped lexicon.

    >>> has_finite_verb("The army said it had left."), has_finite_verb("war crimes under international law.")
    (True, False)
    >>> has_finite_verb("United Nations investigation To human rights violations and crimes committed in Ukraine.")
    False
    """
    lex = lexicon()
    return _any_finite(sentence, tokens(sentence), lex)


def _any_finite(text: str, toks: Sequence[tuple[int, int]], lex: Lexicon) -> bool:
    words = [text[a:b].lower().replace("’", "'") for a, b in toks]
    return any(_is_finite(words, i, lex, text[toks[i][0]].isupper()) for i in range(len(words)))


def _open_quote_before(text: str, block_start: int, at: int) -> bool:
    before = text[block_start:at]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


_SHORT = 60  # characters: no sentence of two words or fewer is longer in prose


def _prose_blocks(doc: Document) -> Iterator[tuple[int, Sequence[Sentence]]]:
    for index, block in enumerate(doc.blocks):
        if block.kind == "paragraph":
            sents = doc.sentences_in(index)
            if len(sents) >= 2:
                yield index, sents


@rule(code="GB001", name="one-word-sentence", category=Category.GARBLED,
      severity=Severity.WARNING, fix=FixAvailability.ALWAYS)  # fmt: skip
def one_word_sentence(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag a sentence of one function word or bare verb form, as in ``… and executed. Told.``

    Why: a translation system split a clause off its sentence and left a
    stray word behind. One-word sentences that edited prose uses (``Yes.``,
    ``Done.``, ``Why?``) and anything inside a quotation are left alone.
    Fix (display only): delete the word; what it belonged to is a guess.

    >>> flagged("GB001", "He ordered the civilians executed. Told. The order was never written down.")
    ['Told.']
    >>> flagged("GB001", "Did they agree? Yes. Agreed. “Told. Told!” he said. Silence.")
    []
    """
    text, lex = doc.masked, lexicon()
    for index, sents in _prose_blocks(doc):
        block = doc.blocks[index]
        # Only short sentences can have one or two words: measure before tokenising.
        short = [s.end - s.start <= _SHORT and len(tokens(text, s.start, s.end)) <= 2 for s in sents]
        if sum(short) > 1:
            continue  # staccato style ("on. it.") is deliberate
        for k, s in enumerate(sents):
            if not short[k]:
                continue
            toks = tokens(text, s.start, s.end)
            if len(toks) != 1 or text[s.end - 1] != "." or toks[0][1] != s.end - 1:
                continue
            word = text[toks[0][0] : toks[0][1]].lower()
            verb_form = word in lex.irregular_past or (word.endswith("ed") and len(word) >= 5)
            if not (verb_form or word in lex.function_words) or word in lex.one_word_ok:
                continue
            if _open_quote_before(text, block.start, s.start):
                continue
            delete_from = sents[k - 1].end if k else s.start
            delete_to = s.end if k else sents[k + 1].start
            fix = Fix.display_only("Delete the stray word", Edit.delete(delete_from, delete_to))
            yield spec.finding(s.start, s.end, f"One-word sentence {text[s.start : s.end]!r}", fix=fix)


@rule(code="GB002", name="dangling-word", category=Category.GARBLED,
      severity=Severity.WARNING, fix=FixAvailability.ALWAYS)  # fmt: skip
def dangling_word(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag one or two lower-case words left after a sentence: ``armed conflict. be``.

    Why: the end of a sentence split off in translation, or a word of the next
    paragraph glued on by the scraper. Flagged: an unpunctuated tail of at most
    two words after a paragraph's last finished sentence; and one or two words
    between two sentences that neither end the first nor start the second
    (``defeat. be And that is…``): function words alone before a capitalised
    function word or a name (``be``, ``was`` cannot open a sentence before one),
    content words only before a capitalised function word (``The``, ``He``).
    Fix (unsafe): delete the words.

    >>> fixed("GB002", "Such attacks are a serious violation of the law in armed conflict. be")
    'Such attacks are a serious violation of the law in armed conflict.'
    >>> fixed("GB002", "Voters handed Trump a clear defeat. be And that is more than a blow.")
    'Voters handed Trump a clear defeat. And that is more than a blow.'
    >>> flagged("GB002", "It is a violation of the law. See p. 12 and 13 more. the Guardian reported it.")
    []
    """
    text, lex = doc.masked, lexicon()
    for index, sents in _prose_blocks(doc):
        last, previous = sents[-1], sents[-2]
        tail = text[last.start : last.end]
        toks = tokens(text, last.start, last.end)
        if (
            1 <= len(toks) <= 2
            and tail[-1] not in _TERMINAL
            and tail[0].islower()
            and text[previous.end - 1] in '.!?…”’"'
            and toks[-1][1] == last.end
            and all(text[a:b].isalpha() for a, b in toks)
        ):
            fix = Fix.unsafe("Delete the dangling words", Edit.delete(previous.end, last.end))
            words = "words" if len(toks) > 1 else "word"
            yield spec.finding(last.start, last.end, f"Dangling {words} {tail!r} after the last sentence", fix=fix)
        block_start = doc.blocks[index].start
        for k in range(1, len(sents)):
            found = _dangling_between(text, sents[k - 1], sents[k], lex)
            if found is None or _open_quote_before(text, block_start, sents[k].start):
                continue
            end, next_word = found
            words = text[sents[k].start : end]
            # before a line break the words go with the space before them; else with the one after
            edit = (
                Edit.delete(sents[k - 1].end, end)
                if "\n" in text[end:next_word]
                else Edit.delete(sents[k].start, next_word)
            )
            fix = Fix.unsafe("Delete the dangling words", edit)
            message = f"Dangling {'words' if ' ' in words else 'word'} {words!r} between two sentences"
            yield spec.finding(sents[k].start, end, message, fix=fix)


# Function words that cannot open a sentence before a name ("be Biden"), unlike "the", "of", "said".
_NOT_BEFORE_NAME = frozenset(["be", "is", "are", "was", "were", "been", "has", "have", "had", "do", "does", "did"])


def _dangling_between(text: str, before: Sentence, s: Sentence, lex: Lexicon) -> tuple[int, int] | None:
    """``(end of the dangling words, start of the next sentence)`` when ``s`` opens with them."""
    if not text[s.start].islower() or text[before.end - 1] not in ".!?" or text[before.end - 2 : before.end] == "..":
        return None
    if text[before.end - 1] == "." and is_abbreviation_before(text, before.end - 1):
        return None
    toks = tokens(text, s.start, min(s.end, s.start + 80))
    for n in (1, 2):
        if len(toks) < n + 1 or any(text[toks[i][1] : toks[i + 1][0]] != " " for i in range(n - 1)):
            return None
        words = [text[a:b] for a, b in toks[:n]]
        if not all(w.isalpha() and w.islower() for w in words):
            return None
        gap, nxt = text[toks[n - 1][1] : toks[n][0]], text[toks[n][0] : toks[n][1]]
        if "\n" in gap and gap.strip() == "":
            return toks[n - 1][1], toks[n][0]  # the rest of the line: as at a paragraph's end
        if gap != " " or len(toks) < n + 3:
            return None
        if not (nxt[:1].isupper() and (len(nxt) == 1 or nxt[1:].islower()) and nxt.isalpha()):
            continue
        closed = nxt.lower() in lex.function_words or nxt.lower() in _PRONOUNS
        if all(w in lex.function_words for w in words):
            strong = closed or words[-1] in _NOT_BEFORE_NAME
        else:  # content words: only when they echo a word of the sentence before or after them
            content = [w for w in words if w not in lex.function_words]
            around = {w.lower() for w in _WORDS.findall(text, before.start, before.end)}
            around.update(w.lower() for w in _WORDS.findall(text, toks[n][0], s.end))
            strong = nxt != "I" and (closed or all(w in around for w in content))
        return (toks[n - 1][1], toks[n][0]) if strong else None
    return None


_WORDS = regex.compile(r"\p{L}++")


# A short capitalised word after a word and whitespace: the shape every stray capital has
# (the stray-capital function words are at most five letters).
_MAYBE_STRAY = re.compile(r"\w\s+[A-Z][a-z]{0,4}\b")


def _stray_capitals(text: str, toks: Sequence[tuple[int, int]], lex: Lexicon) -> list[int]:
    """Indices of capitalised function words between two lower-case words."""
    out = []
    for i in range(1, len(toks) - 1):
        a, b = toks[i]
        word = text[a:b]
        if not word[:1].isupper() or word.lower() not in lex.stray_capitals or (len(word) > 1 and word.isupper()):
            continue
        prev_word, next_word = text[toks[i - 1][0] : toks[i - 1][1]], text[toks[i + 1][0] : toks[i + 1][1]]
        gap = text[toks[i - 1][1] : a]
        if prev_word[:1].islower() and next_word[:1].islower() and gap.strip() == "":
            out.append(i)
    return out


@rule(code="GB003", name="verbless-fragment", category=Category.GARBLED,
      severity=Severity.WARNING, fix=FixAvailability.NEVER)  # fmt: skip
def verbless_fragment(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag a fragment without a verb presented as a sentence: ``… whereabouts. war crimes under the law.``

    Why: a translation system cut a sentence in two, or lost its verb. A
    missing verb alone is common in edited news (``Not any more.``), so the
    fragment must also start in lower case or carry a capitalised function
    word mid-sentence (``investigation To human rights``).
    No fix: the missing words are unknown.

    >>> flagged("GB003", "They hid the bodies. war crimes under international law.")
    ['war crimes under international law.']
    >>> flagged("GB003", "They hid the bodies. Not any more. the iPhone maker said so.")
    []
    """
    text, lex = doc.masked, lexicon()
    for _, sents in _prose_blocks(doc):
        for k, s in enumerate(sents):
            if text[s.end - 1] != ".":
                continue
            if not text[s.start].islower() and not _MAYBE_STRAY.search(text, s.start, s.end):
                continue  # neither signal is possible: skip the tokenising
            toks = tokens(text, s.start, s.end)
            if len(toks) < 3:
                continue
            first = text[toks[0][0] : toks[0][1]]
            # A lower-case start after an ellipsis or colon continues the sentence before.
            after_stop = k > 0 and text[sents[k - 1].end - 1] in ".!?" and text[sents[k - 1].end - 2] != "."
            lower_start = toks[0][0] == s.start and first.isalpha() and first.islower() and after_stop
            if not lower_start and not _stray_capitals(text, toks, lex):
                continue
            if _any_finite(text, toks, lex):
                continue
            yield spec.finding(s.start, s.end, "Fragment without a verb presented as a sentence")


@rule(code="GB004", name="stray-capital", category=Category.GARBLED,
      severity=Severity.WARNING, fix=FixAvailability.ALWAYS, status=RuleStatus.REMOVED)  # fmt: skip
def stray_capital(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag a capitalised function word between lower-case words, as in ``crimes A long list``.

    Removed: LK001 (capitalised-mid-sentence) reports the same words; the code stays retired.

    Why: a join of two translated segments, each starting with a capital.
    Titles of works keep the next word capitalised (``called To Be Loved``) and
    are left alone.
    Fix (display only): lower-case the word; the sentence around it is still garbled.

    >>> flagged("GB004", "The UN accused Russia of crimes A long list of war crimes.")
    ['A']
    >>> flagged("GB004", "She sang a song called To Be Loved at Plan A events.")
    []
    """
    text, lex = doc.masked, lexicon()
    for s in doc.sentences:
        toks = tokens(text, s.start, s.end)
        for i in _stray_capitals(text, toks, lex):
            a, b = toks[i]
            word = text[a:b]
            fix = Fix.display_only("Lower-case the word", Edit.replace(a, b, word.lower()))
            yield spec.finding(a, b, f"Capitalised {word!r} in the middle of a sentence", fix=fix)

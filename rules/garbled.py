"""Garbled sentences: dangling words, one-word sentences, verbless fragments, stray capitals.

Words, the quotation parse and the small lexicon that tells whether a sentence can hold a
finite verb are shared analyses (:mod:`cleanup.analysis`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from cleanup.analysis.lexicon import any_finite, lexicon, stray_capitals
from cleanup.analysis.quotations import is_quoted
from cleanup.analysis.tokens import tokens
from cleanup.document import Document
from cleanup.model import Category, Edit, Finding, Fix, FixAvailability, RuleSpec, Severity
from cleanup.registry import RuleStatus, rule
from cleanup.spans import Sentence

__all__ = ["dangling_word", "one_word_sentence", "stray_capital", "verbless_fragment"]

_TERMINAL = frozenset(".!?…:;”’\"')]")


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
    text, lex, toks = doc.masked, lexicon(), tokens(doc)
    for _, sents in _prose_blocks(doc):
        # Only short sentences can have one or two words: measure before counting.
        short = [s.end - s.start <= _SHORT and len(toks.between(s.start, s.end)) <= 2 for s in sents]
        if sum(short) > 1:
            continue  # staccato style ("on. it.") is deliberate
        for k, s in enumerate(sents):
            if not short[k]:
                continue
            words = toks.between(s.start, s.end)
            if len(words) != 1 or text[s.end - 1] != "." or toks.ends[words[0]] != s.end - 1:
                continue
            word = toks.lower[words[0]]
            verb_form = word in lex.irregular_past or (word.endswith("ed") and len(word) >= 5)
            if not (verb_form or word in lex.function_words) or word in lex.one_word_ok:
                continue
            if is_quoted(doc, s.start):
                continue
            delete_from = sents[k - 1].end if k else s.start
            delete_to = s.end if k else sents[k + 1].start
            fix = Fix.display_only("Delete the stray word", Edit.delete(delete_from, delete_to))
            yield spec.finding(s.start, s.end, f"One-word sentence {text[s.start : s.end]!r}", fix=fix)


@rule(code="GB002", name="dangling-word", category=Category.GARBLED,
      severity=Severity.WARNING, fix=FixAvailability.ALWAYS)  # fmt: skip
def dangling_word(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag one or two lower-case words left after a paragraph's last sentence: ``armed conflict. be``.

    Why: the end of a sentence split off in translation, or a word of the next
    paragraph glued on by the scraper. Only an unpunctuated tail of at most
    two words after a finished sentence is flagged.
    Fix (display only): delete the tail.

    >>> flagged("GB002", "Such attacks are a serious violation of the law in armed conflict. be")
    ['be']
    >>> flagged("GB002", "It is a violation of the law. See p. 12 and 13 more")
    []
    """
    text, toks = doc.masked, tokens(doc)
    for _, sents in _prose_blocks(doc):
        last, previous = sents[-1], sents[-2]
        tail = text[last.start : last.end]
        words = toks.between(last.start, last.end)
        if not 1 <= len(words) <= 2 or tail[-1] in _TERMINAL or not tail[0].islower():
            continue
        if text[previous.end - 1] not in '.!?…”’"' or toks.ends[words[-1]] != last.end:
            continue
        if not all(toks.texts[i].isalpha() for i in words):
            continue
        fix = Fix.display_only("Delete the dangling words", Edit.delete(previous.end, last.end))
        what = "words" if len(words) > 1 else "word"
        yield spec.finding(last.start, last.end, f"Dangling {what} {tail!r} after the last sentence", fix=fix)


# A short capitalised word after a word and whitespace: the shape every stray capital has
# (the stray-capital function words are at most five letters).
_MAYBE_STRAY = re.compile(r"\w\s+[A-Z][a-z]{0,4}\b")


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
    text, toks = doc.masked, tokens(doc)
    for _, sents in _prose_blocks(doc):
        for k, s in enumerate(sents):
            if text[s.end - 1] != ".":
                continue
            if not text[s.start].islower() and not _MAYBE_STRAY.search(text, s.start, s.end):
                continue  # neither signal is possible: skip the word-level tests
            words = toks.between(s.start, s.end)
            if len(words) < 3:
                continue
            first = toks.texts[words[0]]
            # A lower-case start after an ellipsis or colon continues the sentence before.
            after_stop = k > 0 and text[sents[k - 1].end - 1] in ".!?" and text[sents[k - 1].end - 2] != "."
            lower_start = toks.starts[words[0]] == s.start and first.isalpha() and first.islower() and after_stop
            if not lower_start and not stray_capitals(toks, words):
                continue
            if any_finite(toks.texts[words.start : words.stop]):
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
    toks = tokens(doc)
    for words in toks.sentence_ranges:
        for i in stray_capitals(toks, words):
            a, b = toks.span(i)
            word = toks.texts[i]
            fix = Fix.display_only("Lower-case the word", Edit.replace(a, b, word.lower()))
            yield spec.finding(a, b, f"Capitalised {word!r} in the middle of a sentence", fix=fix)

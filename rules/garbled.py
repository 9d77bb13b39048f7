"""Garbled sentences: dangling words, one-word sentences, verbless fragments, stray capitals.

Words, the quotation parse and the small lexicon that tells whether a sentence can hold a
finite verb are shared analyses (:mod:`cleanup.analysis`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from cleanup.abbreviations import is_abbreviation_before
from cleanup.analysis.capitals import stray_capitals
from cleanup.analysis.lexicon import any_finite, lexicon, mark_as_word
from cleanup.analysis.quotations import is_quoted
from cleanup.analysis.tokens import tokens
from cleanup.document import Document
from cleanup.model import Category, Edit, Finding, Fix, FixAvailability, RuleSpec, Severity
from cleanup.registry import RuleStatus, rule
from cleanup.spans import Sentence

__all__ = ["dangling_word", "one_word_sentence", "stray_capital", "verbless_fragment"]

_TERMINAL = frozenset(".!?…:;”’\"')]")


_SHORT = 60  # characters: no sentence of two words or fewer is longer in prose


def _prose_blocks(doc: Document) -> list[tuple[int, Sequence[Sentence]]]:
    """The paragraphs of two sentences or more, with their sentences (computed once per document)."""
    return doc.memo(_paragraphs_of_sentences)


def _paragraphs_of_sentences(doc: Document) -> list[tuple[int, Sequence[Sentence]]]:
    out = []
    for index, block in enumerate(doc.blocks):
        if block.kind == "paragraph":
            sents = doc.sentences_in(index)
            if len(sents) >= 2:
                out.append((index, sents))
    return out


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
    """Flag one or two lower-case words left after a sentence: ``armed conflict. be``.

    Why: the end of a sentence split off in translation, or a word of the next
    paragraph glued on by the scraper. Flagged: an unpunctuated tail of at most
    two words after a paragraph's (or a line's) last finished sentence; and one or two
    words between two sentences that neither end the first nor start the second
    (``defeat. be And that is…``): function words alone before a capitalised
    function word or a name (``be``, ``was`` cannot open a sentence before one),
    content words only before a capitalised function word (``The``, ``He``) or
    when they echo a word of the sentence around them.
    Fix (unsafe): delete the words.

    >>> fixed("GB002", "Such attacks are a serious violation of the law in armed conflict. be")
    'Such attacks are a serious violation of the law in armed conflict.'
    >>> fixed("GB002", "Voters handed Trump a clear defeat. be And that is more than a blow.")
    'Voters handed Trump a clear defeat. And that is more than a blow.'
    >>> flagged("GB002", "It is a violation of the law. See p. 12 and 13 more. the Guardian reported it.")
    []
    """
    text, toks = doc.masked, tokens(doc)
    for _, sents in _prose_blocks(doc):
        last, previous = sents[-1], sents[-2]
        tail = text[last.start : last.end]
        words = toks.between(last.start, last.end)
        if (
            1 <= len(words) <= 2
            and tail[-1] not in _TERMINAL
            and tail[0].islower()
            and text[previous.end - 1] in '.!?…”’"'
            and toks.ends[words[-1]] == last.end
            and all(toks.texts[i].isalpha() for i in words)
        ):
            fix = Fix.unsafe("Delete the dangling words", Edit.delete(previous.end, last.end))
            what = "words" if len(words) > 1 else "word"
            yield spec.finding(last.start, last.end, f"Dangling {what} {tail!r} after the last sentence", fix=fix)
        for k in range(1, len(sents)):
            found = _dangling_between(doc, sents[k - 1], sents[k])
            if found is None or is_quoted(doc, sents[k].start):
                continue
            end, next_word = found
            shown = text[sents[k].start : end]
            # before a line break the words go with the space before them; else with the one after
            if "\n" in text[end:next_word]:
                edit = Edit.delete(sents[k - 1].end, end)
            else:
                edit = Edit.delete(sents[k].start, next_word)
            message = f"Dangling {'words' if ' ' in shown else 'word'} {shown!r} between two sentences"
            yield spec.finding(sents[k].start, end, message, fix=Fix.unsafe("Delete the dangling words", edit))


# Function words that cannot open a sentence before a name ("be Biden"), unlike "the", "of", "said".
_NOT_BEFORE_NAME = frozenset(["be", "is", "are", "was", "were", "been", "has", "have", "had", "do", "does", "did"])
_PRONOUNS = frozenset(["i", "you", "he", "she", "it", "we", "they", "there", "this", "these", "those", "what"])


def _dangling_between(doc: Document, before: Sentence, s: Sentence) -> tuple[int, int] | None:
    """``(end of the dangling words, start of the next sentence)`` when ``s`` opens with them."""
    text, toks, lex = doc.masked, tokens(doc), lexicon()
    if not text[s.start].islower() or text[before.end - 1] not in ".!?" or text[before.end - 2 : before.end] == "..":
        return None
    if text[before.end - 1] == "." and is_abbreviation_before(text, before.end - 1):
        return None
    idx = toks.between(s.start, s.end)
    for n in (1, 2):
        if len(idx) < n + 1 or any(text[toks.ends[idx[i]] : toks.starts[idx[i + 1]]] != " " for i in range(n - 1)):
            return None
        words = [toks.texts[idx[i]] for i in range(n)]
        if not all(w.isalpha() and w.islower() for w in words):
            return None
        end, start = toks.ends[idx[n - 1]], toks.starts[idx[n]]
        gap, nxt = text[end:start], toks.texts[idx[n]]
        if "\n" in gap and gap.strip() == "":
            return end, start  # the rest of the line: as at a paragraph's end
        if gap != " " or len(idx) < n + 3:
            return None
        if not (nxt[:1].isupper() and (len(nxt) == 1 or nxt[1:].islower()) and nxt.isalpha()):
            continue
        closed = nxt.lower() in lex.function_words or nxt.lower() in _PRONOUNS
        if all(w in lex.function_words for w in words):
            strong = closed or words[-1] in _NOT_BEFORE_NAME
        else:  # content words: only when they echo a word of the sentence before or after them
            around = {toks.lower[i] for i in toks.between(before.start, before.end)}
            around.update(toks.lower[i] for i in idx[n:])
            strong = nxt != "I" and (closed or all(w in around for w in words if w not in lex.function_words))
        return (end, start) if strong else None
    return None


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
            # So does one after a "?" standing for a noun ("Too many ? in this drama.").
            stop = sents[k - 1].end - 1 if k > 0 else 0
            after_stop = k > 0 and text[stop] in ".!?" and text[stop - 1] != "." and not mark_as_word(text, stop)
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

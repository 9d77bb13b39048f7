"""Links rules: hyperlink text translated apart from its sentence and pasted back.

Machine translation of a web page often translates each link anchor on its own. The anchor
comes back capitalised in the middle of a sentence (``Biden Said In April``), torn loose as a
lowercase fragment after the sentence it belonged to (``…whereabouts. war crimes under
international law.``), beside a duplicate of the word it replaced (``of crimes A long list of
war crimes``), or as a lowercased name (``new york times``). Where the markup records link
anchors (Markdown, HTML), an anchor that starts at the flagged word is strong evidence.
"""

from __future__ import annotations

import bisect
import tomllib
import weakref
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import regex
from wordfreq import zipf_frequency

from cleanup.document import Document
from cleanup.model import Category, Edit, Finding, Fix, FixAvailability, RuleSpec, Severity
from cleanup.registry import rule

__all__ = [
    "capitalised_mid_sentence",
    "duplicated_anchor_head",
    "lowercase_sentence_start",
    "lowercased_proper_name",
]

_WORD = regex.compile(r"\p{L}[\p{L}\p{M}]*+(?:['’\-]\p{L}[\p{L}\p{M}]*+)*+")
_OPENERS = frozenset("“\"‘'«„([{:;—–-/)")
_PROSE_KINDS = frozenset({"paragraph", "quote"})
_SENTENCE_ENDS = frozenset(".")


@dataclass(frozen=True, slots=True)
class _Words:
    function: frozenset[str]
    name_openers: frozenset[str]
    verbs: frozenset[str]
    always_capitalised: frozenset[str]
    particles: frozenset[str]
    title_words: frozenset[str]
    name_endings: frozenset[str]


@cache
def _words() -> _Words:
    data = tomllib.loads((Path(__file__).parent / "data" / "links_words.toml").read_text(encoding="utf-8"))
    return _Words(
        frozenset(data["function_words"]),
        frozenset(data["name_openers"]),
        frozenset(data["verbs"]),
        frozenset(data["always_capitalised"]),
        frozenset(data["name_particles"]),
        frozenset(data["common_title_words"]),
        frozenset(data["name_endings"]),
    )


@lru_cache(maxsize=65536)
def _zipf(word: str) -> float:
    return zipf_frequency(word, "en")


@dataclass(slots=True)
class _Tokens:
    """Every word of the masked text, with offsets, and how each spelling is used."""

    words: list[str]
    starts: list[int]
    ends: list[int]
    counts: Counter[str]


# Per-document memo of the shared scans, so that the rules of this family scan each text once.
# Keyed weakly by the Document (rules never change it); results are immutable in use.
_MEMO: weakref.WeakKeyDictionary[Document, dict[str, object]] = weakref.WeakKeyDictionary()


def _memo(doc: Document) -> dict[str, object]:
    found = _MEMO.get(doc)
    if found is None:
        found = _MEMO[doc] = {}
    return found


def _tokens(doc: Document) -> _Tokens:
    memo = _memo(doc)
    if "tokens" not in memo:
        memo["tokens"] = _scan_tokens(doc)
    return memo["tokens"]  # type: ignore[return-value]


def _scan_tokens(doc: Document) -> _Tokens:
    spans = [m.span() for m in _WORD.finditer(doc.masked)]
    text = doc.masked
    words = [text[a:b] for a, b in spans]
    return _Tokens(words, [a for a, _ in spans], [b for _, b in spans], Counter(words))


def _first_words(doc: Document) -> set[int]:
    """Offsets of the first word of every sentence (after any opening punctuation)."""
    text = doc.masked
    out = set()
    for s in doc.sentences:
        i = s.start
        while i < s.end and not text[i].isalnum():
            i += 1
        out.add(i)
    return out


def _adjacent(text: str, end: int, start: int) -> bool:
    """True when only spaces (or blanked inline markup) separate two words on one line."""
    return 0 < start - end <= 400 and text[end:start].strip(" \t") == ""


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def _verified_suffix(w: str) -> bool:
    """An ``-ed`` verb or ``-ly`` adverb whose stem is itself a frequent word (``acquired``)."""
    if len(w) < 6:
        return False
    stems: tuple[str, ...]
    if w.endswith("ed"):
        stems = (w[:-2], w[:-1], w[:-3] if len(w) > 6 and w[-3] == w[-4] else "", w[:-3] + "y" if w[-3] == "i" else "")
        return any(len(s) >= 4 and _zipf(s) >= 3.0 for s in stems if s)
    if w.endswith("ly") and not w.endswith("ley"):
        stems = (w[:-2], w[:-4] if w.endswith("ally") else "")
        return any(len(s) >= 4 and _zipf(s) >= 3.5 for s in stems if s)
    if w.endswith("ing") and w[-4] != w[-5]:  # not "Manning", "Channing"
        stems = (w[:-3], w[:-3] + "e")
        return any(len(s) >= 4 and _zipf(s) >= 3.5 for s in stems)
    return False


def _capital_hits(doc: Document) -> list[tuple[int, int]]:
    """``(token index, offset)`` of each capitalised word that is not a name."""
    memo = _memo(doc)
    if "hits" not in memo:
        memo["hits"] = _scan_capital_hits(doc)
    return memo["hits"]  # type: ignore[return-value]


def _scan_capital_hits(doc: Document) -> list[tuple[int, int]]:
    words = _words()
    toks = _tokens(doc)
    text = doc.masked
    firsts = _first_words(doc)
    flagged: set[int] = set()
    hits: list[tuple[int, int]] = []
    n = len(toks.words)
    anchors = {a.start: a.end for a in doc.link_anchors}
    capitalised = [i for i, w in enumerate(toks.words) if w[:1].isupper()]
    for i in capitalised:
        word = toks.words[i]
        start = toks.starts[i]
        if start in firsts or word == "I":
            continue
        if len(word) > 1 and not (word[1:].isalpha() and word[1:].islower()):
            continue  # acronym, CamelCase, hyphenated or possessive compound
        block = doc.block_at(start)
        if block is None or block.kind not in _PROSE_KINDS:
            continue
        j = start - 1
        while j >= block.start and text[j] in " \t":
            j -= 1
        if j < block.start or text[j] in _OPENERS or text[j] in ".!?…”’\"\n" or text[j].isdigit():
            continue  # first word of a quotation, after a colon, dash, abbreviation or number
        lower = word.lower()
        prev_cap = i > 0 and _adjacent(text, toks.ends[i - 1], start) and _is_cap(toks.words[i - 1])
        prev_cap = prev_cap and (i - 1) not in flagged
        next_cap = i + 1 < n and _adjacent(text, toks.ends[i], toks.starts[i + 1]) and _is_cap(toks.words[i + 1])
        if lower in words.function:
            if prev_cap or (next_cap and lower in words.name_openers):
                continue  # inside a title or a name: "The Times", "Takin’ It To the Streets"
            follow = text[toks.ends[i] : toks.ends[i] + 2]
            if follow[:1] != " " or not follow[1:].isalpha():
                continue  # "Group A,", "Sonya A. Zoghlin", "A/B", "Liu He,"
            if next_cap and (i - 1) not in flagged:
                continue  # "damn If I can’t"
            if i > 0 and toks.starts[i - 1] in firsts and _adjacent(text, toks.ends[i - 1], start):
                continue  # a label run into its sentence: "Summary A good system"
        else:
            verb = lower in words.verbs
            if (next_cap and not verb) or lower in words.always_capitalised or _zipf(lower) < 3.2:
                continue
            if toks.counts[word] > 1:
                continue  # the document spells it capitalised elsewhere
            if prev_cap:
                if not verb:
                    continue  # the end of a name: "White House", "Manchester United"
            else:
                evidence = verb or _verified_suffix(lower) or _linked_common_word(i, lower, anchors, toks)
                if not evidence or lower in words.name_endings:
                    continue
        flagged.add(i)
        hits.append((i, start))
    return hits


def _linked_common_word(i: int, lower: str, anchors: dict[int, int], toks: _Tokens) -> bool:
    """The markup says a link of several words starts here (``[Jar lifter](…)``), the anchor goes
    on in lower case, and the document writes the word in lower case elsewhere. A one-word anchor
    (``[Science](…)``, a journal) is too often a name."""
    end = anchors.get(toks.starts[i])
    return (
        end is not None
        and toks.counts[lower] > 0
        and i + 1 < len(toks.words)
        and toks.ends[i + 1] <= end
        and toks.words[i + 1].islower()
    )


def _runs(doc: Document, toks: _Tokens, hits: list[tuple[int, int]]) -> list[list[int]]:
    """Group flagged words separated only by spaces: ``Said In``."""
    runs: list[list[int]] = []
    for i, _ in hits:
        if runs and runs[-1][-1] == i - 1 and _adjacent(doc.masked, toks.ends[i - 1], toks.starts[i]):
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _anchor_starts(doc: Document) -> set[int]:
    return {a.start for a in doc.link_anchors}


@rule(code="LK001", name="capitalised-mid-sentence", category=Category.LINKS,
      severity=Severity.WARNING, fix=FixAvailability.ALWAYS)  # fmt: skip
def capitalised_mid_sentence(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag a common word capitalised in the middle of a sentence, as in ``Biden Said In April``.

    Why: a link anchor translated on its own comes back with a capital where it is pasted in.
    Names and titles stay silent: a word the document capitalises elsewhere, the parts of a
    capitalised run (``the White House``, ``The Times``), acronyms, months, the first word of a
    sentence, a quotation, or after a colon, and headings and list items. Only closed-class
    words, frequent verbs and verified ``-ed``/``-ly`` forms are flagged.
    Fix (unsafe): lowercase the word; safe when the markup says a link anchor starts there.

    >>> fixed("LK001", "Biden Said In April that the United Nations investigation To human rights.")
    'Biden said in April that the United Nations investigation to human rights.'
    >>> fixed("LK001", "According to The Times, President Joe Biden met the White House press.")
    'According to The Times, President Joe Biden met the White House press.'
    """
    toks = _tokens(doc)
    hits = _capital_hits(doc)
    anchors = _anchor_starts(doc) if doc.link_anchors else set()
    text = doc.text
    for run in _runs(doc, toks, hits):
        start, end = toks.starts[run[0]], toks.ends[run[-1]]
        edits = [Edit.replace(toks.starts[i], toks.starts[i] + 1, text[toks.starts[i]].lower()) for i in run]
        shown = text[start:end]
        if start in anchors:
            fix = Fix.safe("Lowercase the link text", *edits)
            message = f"Link text {shown!r} starts with a capital in the middle of a sentence"
        else:
            fix = Fix.unsafe("Lowercase the word" if len(run) == 1 else "Lowercase the words", *edits)
            message = f"{shown!r} is capitalised in the middle of a sentence (pasted-in link text?)"
        yield spec.finding(start, end, message, fix=fix)


def _same_head(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return a == b or a.rstrip("s") == b.rstrip("s")


@rule(code="LK003", name="duplicated-anchor-head", category=Category.LINKS,
      severity=Severity.WARNING, fix=FixAvailability.ALWAYS)  # fmt: skip
def duplicated_anchor_head(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag a word repeated just before a pasted-in anchor: ``of crimes A long list of war crimes``.

    Why: the translator inserted the anchor's head noun in front of it, and the anchor still
    contains it. The capital on the anchor's first word marks where the anchor starts.
    Fix (unsafe): delete the duplicated word and lowercase the anchor's first word.

    >>> fixed("LK003", "UN previously accused Russia of crimes A long list of war crimes in Ukraine.")
    'UN previously accused Russia of a long list of war crimes in Ukraine.'
    >>> fixed("LK003", "He was accused of crimes. A long list of war crimes followed.")
    'He was accused of crimes. A long list of war crimes followed.'
    """
    toks = _tokens(doc)
    text = doc.masked
    words = _words()
    sentence_ends = [s.end for s in doc.sentences]

    for i, start in _capital_hits(doc):
        if i == 0 or not _adjacent(text, toks.ends[i - 1], start):
            continue
        head = toks.words[i - 1]
        if not head.islower() or head in words.function or len(head) < 3:
            continue
        k = bisect.bisect_right(sentence_ends, start)
        limit = sentence_ends[k] if k < len(sentence_ends) else len(text)
        for j in range(i + 1, min(i + 9, len(toks.words))):
            if toks.starts[j] >= limit:
                break
            if _same_head(toks.words[j], head):
                first = toks.words[i]
                fix = Fix.unsafe(
                    f"Delete {head!r} before the link text",
                    Edit.delete(toks.starts[i - 1], start),
                    Edit.replace(start, start + 1, first[0].lower()),
                )
                message = f"{head!r} repeats the head of the pasted-in text that follows"
                yield spec.finding(toks.starts[i - 1], toks.ends[i], message, fix=fix)
                break


def _name_runs(doc: Document, toks: _Tokens) -> dict[tuple[str, ...], str]:
    """Capitalised runs of two or more words (``New York Times``), keyed by their lowercase words.

    A leading article is dropped. Runs made only of office and title words are left out.
    """
    text = doc.masked
    words = _words()
    out: dict[tuple[str, ...], Counter[str]] = {}
    run: list[int] = []
    for i in [i for i, w in enumerate(toks.words) if w[:1].isupper() and w[1:].islower()]:
        if run and (i != run[-1] + 1 or not _adjacent(text, toks.ends[run[-1]], toks.starts[i])):
            _add_run(out, run, toks, text, words)
            run = []
        run.append(i)
    _add_run(out, run, toks, text, words)
    return {key: spellings.most_common(1)[0][0] for key, spellings in out.items()}


def _add_run(out: dict[tuple[str, ...], Counter[str]], run: list[int], toks: _Tokens, text: str, words: _Words) -> None:
    if run and toks.words[run[0]].lower() in words.name_openers:
        run = run[1:]
    if len(run) < 2:
        return
    key = tuple(toks.words[i].lower() for i in run)
    if all(w in words.title_words for w in key):
        return
    out.setdefault(key, Counter())[text[toks.starts[run[0]] : toks.ends[run[-1]]]] += 1


def _lowercased_names(doc: Document, toks: _Tokens) -> Iterator[tuple[int, int, str]]:
    """``(start, end, spelling)`` of each lowercase run the document spells capitalised elsewhere."""
    names = _name_runs(doc, toks)
    if not names:
        return
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for key in names:
        by_first.setdefault(key[0], []).append(key)
    text = doc.masked
    words = toks.words
    lower_counts = toks.counts  # for a lower-case word, its count is its lower-case count
    evidence: set[int] | None = None
    for i in [i for i, w in enumerate(words) if w in by_first]:
        if not words[i].islower():
            continue
        for key in sorted(by_first[words[i]], key=len, reverse=True):
            j = i + len(key)
            if j > len(words) or tuple(words[i:j]) != key:
                continue
            if not all(_adjacent(text, toks.ends[k], toks.starts[k + 1]) for k in range(i, j - 1)):
                continue
            # one of its words is never written in lower case anywhere else in the document
            if not any(lower_counts[k] <= 1 for k in key if k not in _words().title_words):
                continue
            if len(key) < 3:  # two words need a second sign: a sentence start, an anchor, a stray capital
                if evidence is None:
                    evidence = _first_words(doc) | _anchor_starts(doc)
                    evidence |= {toks.ends[k - 1] for k, _ in _capital_hits(doc) if k > 0}
                if toks.starts[i] not in evidence and toks.ends[j - 1] not in evidence:
                    continue
            yield toks.starts[i], toks.ends[j - 1], names[key]
            break


@rule(code="LK004", name="lowercased-proper-name", category=Category.LINKS,
      severity=Severity.WARNING, fix=FixAvailability.ALWAYS)  # fmt: skip
def lowercased_proper_name(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag a name in lower case that the document capitalises elsewhere: ``new york times``.

    Why: an anchor translated on its own loses the capitals of the name it contains.
    Runs of office words (``the prime minister``) are left alone: house styles lowercase them.
    Fix (unsafe): use the document's own spelling.

    >>> fixed("LK004", "The New York Times got it. new york times verified it.")
    'The New York Times got it. New York Times verified it.'
    >>> fixed("LK004", "Prime Minister Boris Johnson spoke. The prime minister left.")
    'Prime Minister Boris Johnson spoke. The prime minister left.'
    """
    toks = _tokens(doc)
    for start, end, spelling in _lowercased_names(doc, toks):
        yield spec.finding(start, end, f"{doc.text[start:end]!r} is spelt {spelling!r} elsewhere in the document",
                           fix=Fix.unsafe(f"Write {spelling!r}", Edit.replace(start, end, spelling)))  # fmt: skip


@rule(code="LK002", name="lowercase-sentence-start", category=Category.LINKS,
      severity=Severity.WARNING, fix=FixAvailability.ALWAYS)  # fmt: skip
def lowercase_sentence_start(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag a sentence that starts in lower case after a full stop: ``…whereabouts. war crimes…``.

    Why: link text translated apart from its sentence is pasted back after it, as a fragment.
    Silent on ``e.g.``, ``iPhone``, ``eBay``, ``p.m.``, name particles (``de Blasio``), URLs,
    after a question or a closing quotation mark, in headings and list items, and on the first
    sentence of a block (a line after a colon).
    Fix (display only): join it to the previous sentence; capitalising it is the other choice.

    >>> flagged("LK002", "He hid their whereabouts. war crimes under international law.")
    ['war crimes under international law.']
    >>> flagged("LK002", "“Why?” he asked. Buy an iPhone. iPhones sell. e.g. this. At 5 p.m. on Monday.")
    []
    """
    text = doc.masked
    words = _words()
    names: set[int] | None = None
    prev = None
    for s in doc.sentences:
        before, prev = prev, s
        if before is None or before.block != s.block or doc.blocks[s.block].kind not in _PROSE_KINDS:
            continue
        if not text[s.start].islower() or text[before.end - 1] not in _SENTENCE_ENDS:
            continue
        if text[before.end - 2 : before.end - 1] == ".":
            continue  # an ellipsis written as dots
        m = _WORD.match(text, s.start)
        if m is None:
            continue
        word = m.group()
        after = text[m.end() : m.end() + 1]
        if not word.islower() or after in (".", "@") or doc.is_protected(s.start) or text[s.start - 1] not in " \t\n":
            continue
        if word in words.particles:
            nxt = _WORD.match(text, m.end() + 1) if after in " -" else None
            if after == "-" or (nxt and _is_cap(nxt.group())):
                continue
        if names is None:
            names = {start for start, _, _ in _lowercased_names(doc, _tokens(doc))}
        if s.start in names:
            continue  # a lowercased name: LK004 restores it
        n_words = len(_WORD.findall(text, s.start, s.end))
        what = "fragment" if n_words <= 8 else "sentence"
        fix = Fix.display_only("Join it to the previous sentence", Edit.replace(before.end - 1, s.start, " "))
        yield spec.finding(s.start, s.end, f"Lowercase {what} after a full stop: link text torn from the "
                           "previous sentence? Join it or capitalise it", fix=fix)  # fmt: skip

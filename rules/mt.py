"""Machine-translation artefacts: one name spelled two ways, stutters, untranslated text, calques.

Word lists live in data: ``rules/data/calques.toml`` (vale's ``substitution``
kind, extended by the ``substitutions`` option of MT007) and
``rules/data/mt_terms.toml`` (vale's ``consistency`` kind).
"""

from __future__ import annotations

import dataclasses
import math
import operator
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import compress, count, islice, product

import regex
from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import extract

from cleanup.analysis import spelling
from cleanup.analysis.conventions import conventions
from cleanup.analysis.lexicon import zipf
from cleanup.analysis.names import common_word
from cleanup.analysis.names import names as names_model
from cleanup.analysis.tokens import WORD, Tokens, tokens
from cleanup.datafiles import load_toml
from cleanup.document import Document
from cleanup.model import Category, Edit, Finding, Fix, FixAvailability, RuleSpec, Severity
from cleanup.registry import rule

__all__ = [
    "Substitution",
    "builtin_substitutions",
    "calque",
    "fullwidth_punctuation",
    "inconsistent_term",
    "name_spelled_two_ways",
    "repeated_phrase",
    "repeated_word",
    "stuttered_word",
    "transliteration_key",
    "untranslated_fragment",
]

# -- MT001 -------------------------------------------------------------------------------------

_NAME = regex.compile(r"(?<![\p{L}\p{M}\d'’-])\p{Lu}\p{Ll}{3,}+(?![\p{L}\p{M}\d]|['’-]\p{Ll}{2})")
_FOLDS = (("ks", "x"), ("kh", "h"), ("y", "i"), ("z", "s"), ("j", "i"))
_DOUBLE = regex.compile(r"(\p{L})\1++")
_COMMON = 4.0  # both spellings this common: two different names (Philip and Phillip stay flagged)
_RARE = 3.0  # neither spelling this common: a one-letter change is a variant (Velbora, Velmora)


@lru_cache(maxsize=16384)
@lru_cache(maxsize=65536)
def transliteration_key(word: str) -> str:
    """The word folded over transliteration variants: y/i, ks/x, z/s, doubled letters.

    >>> transliteration_key("Sergey") == transliteration_key("Sergei")
    True
    >>> transliteration_key("Aleksander") == transliteration_key("Alexander")
    True
    >>> transliteration_key("Mark") == transliteration_key("Mary")
    False
    """
    key = word.lower()
    for a, b in _FOLDS:
        key = key.replace(a, b)
    return _DOUBLE.sub(r"\1", key)


def _dropped_vowel(a: str, b: str) -> bool:
    """True when the keys differ by one vowel, not the first letter (``Zelenskiy``/``Zelensky``)."""
    if abs(len(a) - len(b)) != 1:
        return False
    short, long_ = sorted((a, b), key=len)
    return any(long_[i] in "aeiou" and long_[:i] + long_[i + 1 :] == short for i in range(1, len(long_)))


def _derivative(la: str, lb: str) -> bool:
    """One lower-case word extends the other (``russian``, ``kurds``), unless by doubling its last
    letter (``zelenskyy``: a transliteration)."""
    short, long_ = sorted((la, lb), key=len)
    if long_ == short + short[-1:]:
        return False
    return long_.startswith(short) or la.rstrip("s") == lb.rstrip("s")


def _variants(a: str, b: str) -> bool:
    """True when capitalised words ``a`` and ``b`` look like one name spelled two ways."""
    la, lb = a.lower(), b.lower()
    if _derivative(la, lb):
        return False  # Russia/Russian, Kurd/Kurds: one word and its derivative
    fa, fb = zipf(a), zipf(b)
    ka, kb = transliteration_key(a), transliteration_key(b)
    if ka == kb:
        return min(fa, fb) < _COMMON
    if _dropped_vowel(ka, kb):  # Aden/Aiden, Jong/Jeong are different names unless both are rare
        return max(fa, fb) < _RARE
    if len(a) != len(b) or len(a) < 5 or max(fa, fb) >= _RARE:
        return False
    diff = [i for i, (x, y) in enumerate(zip(la, lb, strict=True)) if x != y]
    # One consonant misread inside the word (Velbora/Velmora); a changed ending is grammar (Pirana/Pirani).
    return len(diff) == 1 and 0 < diff[0] < len(la) - 1 and not {la[diff[0]], lb[diff[0]]} & set("aeiouy")


def _known(word: str) -> bool | None:
    """True for a spelling the dictionary or usage knows, False for one neither knows, None between
    (or without a dictionary)."""
    in_dictionary = spelling.knows(word)
    if in_dictionary is None:
        return None
    if in_dictionary or zipf(word) >= 2.0:
        return True
    return False if zipf(word) < 1.5 else None


def _one_person(a: str, b: str) -> bool:
    """Beside the same given name or surname, one letter apart, not two names both known:
    ``Tobas``/``Tomas Lindqvist`` (``Mark``/``Mary Smith`` are two people), unless one drops a
    letter of the other and usage knows it far less (``Patrik``/``Patrick Okafor``).
    """
    la, lb = a.lower(), b.lower()
    if la[0] != lb[0] or _derivative(la, lb) or Levenshtein.distance(la, lb) != 1:
        return False
    return _rarer_drop(a, b) or not (_known(a) and _known(b))


def _rarer_drop(a: str, b: str, counts: Mapping[str, int] | None = None) -> bool:
    """One spelling drops a letter of the other, both of four letters or more, and usage knows it
    far less (0.8 Zipf): ``Patrik``/``Patrick``, ``Brun``/``Braun``; the rarer written once and the
    other at least twice (with one each, no majority says which is the slip)."""
    la, lb = a.lower(), b.lower()
    if len(la) == len(lb) or min(len(la), len(lb)) < 4 or la[0] != lb[0] or _derivative(la, lb):
        return False
    if Levenshtein.distance(la, lb) != 1 or abs(zipf(a) - zipf(b)) < 0.8:
        return False
    rarer, usual = (a, b) if zipf(a) < zipf(b) else (b, a)
    if len(rarer) > len(usual):
        return False  # a letter added is another name as often: "Charlize" beside "Charlie"
    return counts is None or (counts[rarer] == 1 and counts[usual] >= 2)


def _misspelt_name(a: str, b: str, counts: Mapping[str, int] | None = None) -> bool:
    """One spelling no dictionary knows, one letter away from one it knows: ``Giulani``/``Giuliani``,
    ``Numann``/``Neumann``, and not written more often than it (``counts``). Two unknown names are
    never paired here."""
    la, lb = a.lower(), b.lower()
    if la[0] != lb[0] or _derivative(la, lb):
        return False
    if Levenshtein.distance(la, lb) != 1:
        return False
    known = _known(a), _known(b)
    if counts is not None and counts[a if known[1] else b] > counts[b if known[1] else a]:
        return False  # the unknown spelling is the document's usual one: another name ("Parik" ×2, "Paris")
    if set(known) == {True, None} and min(len(la), len(lb)) >= 4:
        # a spelling usage barely knows, written once, of a known one the document writes three
        # times or more: "Orian" ×1 beside "Orion" ×5 (two rare names stay apart: "Haase", "Hase")
        rare, usual = (a, b) if known[1] else (b, a)
        if common_word(usual):
            return False  # a word, not a name: "Star" ×4, "Stav" ×1 are two
        return counts is None or (counts[rare] == 1 and counts[usual] >= 3 and zipf(rare) < 2.0)
    return set(known) == {True, False}


def _slip(a: str, b: str, counts: Mapping[str, int] | None) -> bool:
    """One spelling is no word at all (no dictionary, no usage: Zipf 0), one letter from a name the
    dictionary or usage knows well or the document writes more often: ``Nicoas`` beside
    ``Nicolas``, whoever stands beside each (a given name shared by two people)."""
    if not _misspelt_name(a, b, counts) or (zipf(a) > 0 and zipf(b) > 0):
        return False
    word, best = (a, b) if zipf(a) == 0 else (b, a)
    well_known = zipf(best) >= 3.0 and not common_word(best)  # a known name, not a word
    return counts is None or (counts[word] == 1 and (counts[best] >= 2 or well_known))


def _unknown_double(a: str, b: str) -> bool:
    """A letter doubled or undoubled in a spelling neither the dictionary nor usage knows, of one
    they know: a slip even beside another given name (``Teodor Marinnescu``, ``Anca Marinescu``)."""
    if transliteration_key(a) != transliteration_key(b) or abs(len(a) - len(b)) != 1:
        return False
    return {_known(a), _known(b)} == {True, False}


def _final_letter_tie(a: str, b: str, counts: Mapping[str, int]) -> bool:
    """Two spellings that differ only in the last letter, written equally often: with no majority
    spelling this is as often two names (``Tamar``, ``Tamas``) as one misspelt."""
    return counts[a] == counts[b] and len(a) == len(b) and a[:-1] == b[:-1]


def _dropped_letter(a: str, b: str, counts: Mapping[str, int] | None) -> bool:
    """Two spellings no dictionary knows, one with an inner letter dropped, the longer or the
    shorter written at least three times and the other once: ``Belvardo`` ×6, ``Bevardo`` ×1
    (``None`` counts: the first pass, which keeps every pair that may qualify)."""
    la, lb = a.lower(), b.lower()
    if abs(len(la) - len(lb)) != 1 or la[0] != lb[0] or la[-1] != lb[-1] or min(len(la), len(lb)) < 5:
        return False
    short, long_ = sorted((la, lb), key=len)
    if not any(long_[:i] + long_[i + 1 :] == short for i in range(1, len(long_) - 1)):
        return False
    if _known(a) is not False or _known(b) is not False:
        return False
    return counts is None or (min(counts[a], counts[b]) == 1 and max(counts[a], counts[b]) >= 3)


@dataclass(frozen=True, slots=True)
class _Occurrences:
    """Where each capitalised word occurs outside quotations, and its capitalised neighbours."""

    spans: dict[str, list[tuple[int, int]]]
    neighbours: dict[str, set[str]]
    quoted: frozenset[int] = frozenset()  # starts of the occurrences inside quotations


def _occurrences(doc: Document) -> _Occurrences:
    """Occurrences of the capitalised words of four letters or more that have a look-alike in the
    document, read from the names model. Quoted speech keeps its source's spelling: it is never
    flagged, but a quotation's spelling counts towards the one the document uses."""
    model = names_model(doc)
    candidates = _loose_candidates([w for w in model.occurrences if len(w) >= 4])
    spans: dict[str, list[tuple[int, int]]] = {}
    neighbours: dict[str, set[str]] = {}
    for word in sorted(candidates):
        found = model.occurrences[word]
        spans[word] = [(o.start, o.end) for o in sorted(found, key=lambda o: o.quoted)]
        # the names beside it (a given name, a surname), not capitalised common words
        neighbours[word] = {n for o in found for n in (o.before, o.after) if n and not common_word(n)}
    quoted = frozenset(o.start for w in candidates for o in model.occurrences[w] if o.quoted)
    return _Occurrences(spans, neighbours, quoted)


def _loose_candidates(words: list[str]) -> set[str]:
    """The words of some pair that may be one name, before counts and neighbours are known: the
    words of ``_name_groups(…, loose=True)``'s groups, without its counts and union-find (the
    first pass reads every capitalised word of the document).

    >>> sorted(_loose_candidates(["Sergei", "Sergey", "Moscow", "Mark", "Mary"]))
    ['Sergei', 'Sergey']
    """
    buckets: defaultdict[str, list[str]] = defaultdict(list)
    for word in words:
        buckets[transliteration_key(word)[0]].append(word)
    joined: set[str] = set()
    for bucket in buckets.values():
        if len(bucket) < 2:
            continue
        bucket.sort()
        keys = list(map(transliteration_key, bucket))
        for i in range(len(keys) - 1):
            for _, _, j in extract(keys[i], keys[i + 1 :], scorer=Levenshtein.distance, score_cutoff=2, limit=None):
                a, b = bucket[i], bucket[i + 1 + j]
                if _loose_pair(a, b):
                    joined.update((a, b))
    return joined


@lru_cache(maxsize=65536)
def _loose_pair(a: str, b: str) -> bool:
    """``_name_groups``'s test of a pair in its loose pass (no neighbours, no counts): a function
    of the two words alone, so kept across documents."""
    return (
        _variants(a, b)
        or _misspelt_name(a, b, None)
        or _dropped_letter(a, b, None)
        or _one_person(a, b)
        or _rarer_drop(a, b, None)
    )


def _name_groups(occ: _Occurrences, loose: bool = False) -> list[tuple[str, ...]]:
    """Groups of capitalised words that look like one name, most used first.

    Candidates are bucketed by the first letter of their folded key and compared
    only within a bucket, with a distance cut-off, so the cost stays near linear.
    Two first names with different surnames (``Tomas Lehtonen``, ``Toomas
    Vaaranen``) are two people; beside the same one they are one person spelled two
    ways. ``loose`` (the first pass, before neighbours are known) keeps every pair that
    may be one person.
    """
    counts = {w: len(v) for w, v in occ.spans.items()}
    buckets: defaultdict[str, list[str]] = defaultdict(list)
    for word in counts:
        buckets[transliteration_key(word)[0]].append(word)
    parent = {w: w for w in counts}

    def root(w: str) -> str:
        while parent[w] != w:
            w = parent[w]
        return w

    joined: set[str] = set()  # the words of some pair: only their groups hold two words or more
    no_neighbours: set[str] = set()
    for words in buckets.values():
        if len(words) < 2:
            continue
        words.sort()
        keys = [transliteration_key(w) for w in words]
        for i, key in enumerate(keys):
            near = extract(key, keys[i + 1 :], scorer=Levenshtein.distance, score_cutoff=2, limit=None)
            for _, _, j in near:
                a, b = words[i], words[i + 1 + j]
                na, nb = occ.neighbours.get(a, no_neighbours), occ.neighbours.get(b, no_neighbours)
                tally = None if loose else counts
                if na and nb and not na & nb and not _unknown_double(a, b) and not _slip(a, b, tally):
                    continue  # two people: different given names or surnames beside them
                if not loose and _final_letter_tie(a, b, counts):
                    continue
                if (
                    _variants(a, b)
                    or _misspelt_name(a, b, tally)
                    or _dropped_letter(a, b, tally)
                    or ((loose or na & nb) and _one_person(a, b))
                    or (not (na and nb) and _rarer_drop(a, b, tally))
                ):
                    parent[root(b)] = root(a)
                    joined.update((a, b))
    groups: defaultdict[str, list[str]] = defaultdict(list)
    for w in filter(joined.__contains__, counts):
        groups[root(w)].append(w)
    return [tuple(sorted(g, key=lambda w: (-counts[w], -zipf(w), w))) for g in groups.values() if len(g) > 1]


@rule(code="MT001", name="name-spelled-two-ways", category=Category.MT,
      severity=Severity.WARNING, fix=FixAvailability.SOMETIMES)  # fmt: skip
def name_spelled_two_ways(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag a name spelled two ways in one document, as in ``Sergey`` … ``Sergei``.

    Why: translation systems transliterate a name afresh in each sentence (y/i,
    ks/x, z/s, doubled letters, a dropped vowel) or misread one letter
    (``Velbora`` for ``Velmora``). Names that merely look alike are left alone when
    both are common words or names (``Mark``/``Mary``, ``Austria``/``Australia``).
    Fix (unsafe): use the spelling the document uses most. On a tie both are flagged
    and the spelling of the body text (rather than a heading or caption line), or the
    one met first, is offered as a display-only suggestion, in one direction only.

    >>> fixed("MT001", "Sergei called. Later Sergey said no. Sergei left.")
    'Sergei called. Later Sergei said no. Sergei left.'
    >>> flagged("MT001", "Mark met Mary in Austria, then flew to Australia.")
    []
    """
    occ = _occurrences(doc)
    groups = _name_groups(occ)
    counts = {w: len(v) for w, v in occ.spans.items()}
    where = occ.spans
    for group in groups:
        best = group[0]
        tied = counts[group[1]] == counts[best]
        spellings = ", ".join(f"{w!r} ×{counts[w]}" for w in group)
        if tied and (decided := _best_known(w for w in group if counts[w] == counts[best]) or _only_known(group)):
            best, tied = decided, False  # the only spelling a dictionary or usage knows
            group = (best, *[w for w in group if w != best])
        if tied:
            best = min(group, key=lambda w: (not _in_body(doc, where[w]), where[w][0][0]))
        for word in group if tied else group[1:]:
            slip = not tied and word != best and _plain_misspelling(word, best, counts)
            for start, end in where[word]:
                if start in occ.quoted and not slip:
                    continue
                fix = None
                if word != best:
                    edit = Edit.replace(start, end, best)
                    title = f"Spell it {best!r}"
                    fix = Fix.display_only(title, edit) if tied else Fix.unsafe(title, edit)
                yield spec.finding(start, end, f"One name spelled two ways: {spellings}", fix=fix)


def _plain_misspelling(word: str, best: str, counts: Mapping[str, int]) -> bool:
    """A spelling no dictionary or usage knows, written once, of a name the document writes at
    least twice the known way: a slip even inside a quotation (``Dakotta`` … ``Dakota`` ×4)."""
    if counts[word] != 1 or _known(word) is not False or not _known(best):
        return False
    return counts[best] >= 2 or (zipf(word) == 0 and zipf(best) >= 3.0 and not common_word(best))  # "Donnald"


def _only_known(group: Sequence[str]) -> str | None:
    """The one spelling the dictionary or usage knows when neither knows any of the others
    (``Tomas`` over ``Tobas``)."""
    known = [w for w in group if _known(w)]
    return known[0] if len(known) == 1 and all(_known(w) is False for w in group if w != known[0]) else None


def _best_known(spellings: Iterable[str]) -> str | None:
    """The one spelling of a tie that the dictionary knows, or that usage knows far better than
    the others (``Khachanov`` over ``Khacvanov``; of two the dictionary knows, by 1.25 Zipf:
    ``Morrison`` over ``Morison``); None when that does not decide."""
    ranked = sorted(spellings, key=lambda w: (bool(spelling.knows(w)), zipf(w)), reverse=True)
    top, rest = ranked[0], ranked[1:]
    if spelling.knows(top) and all(spelling.knows(w) and zipf(top) >= zipf(w) + 1.25 for w in rest):
        return top  # all known, one far better: "Morrison" over "Morison"
    if any(spelling.knows(w) for w in rest) or spelling.knows(top) is None:
        return None
    return top if spelling.knows(top) or all(zipf(top) >= zipf(w) + 1.0 for w in rest) else None


def _in_body(doc: Document, spans: Sequence[tuple[int, int]]) -> bool:
    """Some occurrence stands in a paragraph (headings and captions are translated with less context)."""
    return any((b := doc.block_at(start)) is not None and b.kind == "paragraph" for start, _ in spans)


# -- MT002 / MT003 / MT004: repetition ------------------------------------------------------------

_SEP_WORD = regex.compile(r"[ \t]++")
_DOUBLED_WORD = regex.compile(
    r"(?<![\p{L}\p{M}\d'’-])(\p{L}++)[ \t]++(\1)(?![\p{L}\p{M}\d]|['’-]\p{L})", regex.IGNORECASE
)
# Cheap gates (stdlib ``re`` is several times faster on these): a document without any
# candidate skips the exact, slower pattern altogether.
_MAYBE_STUTTER = re.compile(r"\b(?=[\w-]{6})([^\W\d_]{2,8}?)-?\1-?\1", re.IGNORECASE)  # six characters at least
_SEP_PHRASE = regex.compile(r"(?:[ \t]*+[,;.!?])?+[ \t]++|[ \t]++(?:and|or)[ \t]++")
_SEP_INNER = regex.compile(r"[ \t]++|['’-]")
# Doubled words that English grammar allows ("had had", "that that") or that are idioms and names.
_GRAMMATICAL_DOUBLES = frozenset(
    [
        "had",
        "that",
        "is",
        "do",
        "bye",
        "no",
        "yes",
        "ha",
        "haha",
        "so",
        "very",
        "really",
        "far",
        "more",
        "bang",
        "go",
        "well",
        "now",
        "knock",
        "tut",
        "chop",
        "yadda",
        "blah",
        "wait",
        "night",
        "boo",
        "pooh",
        "choo",
        "tom",
        "hip",
        "sing",
        "mau",
        "walla",
        "bora",
        "baden",
        "ylang",
    ]
)


@rule(code="MT002", name="repeated-word", category=Category.MT,
      severity=Severity.WARNING, fix=FixAvailability.ALWAYS)  # fmt: skip
def repeated_word(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag a word typed twice in a row, as in ``and and`` or ``The the``.

    Why: a stutter of the translation system or a join of two fragments.
    Grammatical doubles (``had had``, ``that that``), names (``Duran Duran``),
    numbers, and words with markup between them (``and `ls` and``) are left alone.
    Fix (unsafe): delete the second word; it changes the words of the text.

    >>> fixed("MT002", "The the soldiers and and their commander left.")
    'The soldiers and their commander left.'
    >>> flagged("MT002", "She had had enough, and said that that was it. Duran Duran played.")
    []
    >>> flagged("MT002", "Then the storm came. Boom boom boom boom. Nobody slept.")  # a sound written out
    []
    """
    text, lower = doc.masked, tokens(doc).lower
    if not any(map(operator.eq, lower, islice(lower, 1, None))):
        return  # no word follows itself: decided on the shared words, without a backreference scan
    for m in _doubled_words(text, tokens(doc)):
        a0, a1 = m.span(1)
        b0, b1 = m.span(2)
        word = m[1].casefold()
        if word in _GRAMMATICAL_DOUBLES or text[b0].isupper() or doc.is_protected(a0):
            continue
        if not doc.in_prose(a1, b0):  # markup between them (a code span, a tag): not adjacent
            continue
        if _sound_sentence(text, tokens(doc), a0):
            continue
        yield spec.finding(a0, b1, f"Word repeated: {text[b0:b1]!r}",
                           fix=Fix.unsafe("Delete the repeated word", Edit.delete(a1, b1)))  # fmt: skip


def _doubled_words(text: str, toks: Tokens) -> Iterator[regex.Match[str]]:
    """The matches of ``_DOUBLED_WORD`` in ``text``, as ``finditer`` over the whole text finds them.

    A match lies inside one line, so only the lines holding a candidate are scanned: a word whose
    next word, up to an apostrophe or hyphen, is the same in lower case. That holds for every
    match when the text has only ASCII, Latin-1 letters and common punctuation (where the shared
    words and the pattern agree on letters and on case); any other text is scanned whole.
    """
    if _BEYOND_LATIN_1.search(text):
        yield from _DOUBLED_WORD.finditer(text)
        return
    lower = toks.lower
    heads = _AFTER_JOINER.sub("", " ".join(lower)).split(" ")  # each word up to an apostrophe or hyphen
    done = -1
    for i in compress(count(), map(operator.eq, lower, islice(heads, 1, None))):
        at = toks.starts[i]
        if at < done:
            continue  # its line is scanned already
        start = text.rfind("\n", 0, at) + 1
        done = text.find("\n", at)
        if done < 0:
            done = len(text)
        yield from _DOUBLED_WORD.finditer(text, start, done)


# Characters beyond which the shared words and ``_DOUBLED_WORD`` may disagree: anything but ASCII,
# Latin-1 (without µ and the digits ² ³ ¹ ¼ ½ ¾), general punctuation and currency signs.
_BEYOND_LATIN_1 = re.compile("[^\x00-\xb1\xb4\xb6-\xb8\xba\xbb\xbf-\xff\u2000-\u206f\u20a0-\u20cf]")
_AFTER_JOINER = re.compile(r"['’-][^ ]*+")


@rule(code="MT003", name="repeated-phrase", category=Category.MT,
      severity=Severity.WARNING, fix=FixAvailability.ALWAYS)  # fmt: skip
def repeated_phrase(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag a phrase of two to twelve words said twice in a row, as in ``Lakeside Mill, Lakeside Mill``.

    Why: a hallucinating translation system loops over a phrase or a clause.
    A sentence said twice in a row is reported as advisory (info): it may be deliberate.
    Fix (unsafe): delete the repeats, keeping the first; display only across sentences.

    >>> fixed("MT003", "It stands near Lakeside Mill, Lakeside Mill, Lakeside Mill and the weir.")
    'It stands near Lakeside Mill and the weir.'
    >>> flagged("MT003", "Step by step, day by day, they rebuilt the town.")
    []
    """
    text, shared = doc.masked, tokens(doc)
    for block in range(len(doc.blocks)):
        sents = doc.sentences_in(block)
        if not sents:
            continue
        span = shared.between(sents[0].start, sents[-1].end)
        words = shared.lower[span.start : span.stop]
        if len(set(zip(words, islice(words, 1, None), strict=False))) == len(words) - 1:
            continue  # no two words follow each other twice, so nothing repeats: decided in C
        if not any(_repeats_at(words, i) for i in _repeat_candidates(words)):
            continue  # no word sequence repeats: the common case, decided on words alone
        toks = [(shared.starts[k], shared.ends[k], shared.lower[k]) for k in span]
        after = 0
        for i in _repeat_candidates(words):
            if i < after:
                continue
            hit = _phrase_repeat(text, toks, words, i)
            if hit is None or _sound_sentence(text, shared, toks[i][0]):
                continue
            n, reps = hit
            first_end = toks[i + n - 1][1]
            last_end = toks[i + n * reps - 1][1]
            phrase = text[toks[i][0] : first_end]
            edit = Edit.delete(first_end, last_end)
            # A whole sentence said twice may be a quotation read back: suggest only.
            across = any(c in text[first_end:last_end] for c in ".!?")
            fix = Fix.display_only("Delete the repeats", edit) if across else Fix.unsafe("Delete the repeats", edit)
            found = spec.finding(toks[i][0], last_end, f"Phrase repeated {reps} times: {phrase!r}", fix=fix)
            yield dataclasses.replace(found, severity=Severity.INFO) if across else found
            after = i + n * reps


def _sound_sentence(text: str, toks: Tokens, start: int) -> bool:
    """The word at ``start`` belongs to a run of three to 32 of one word that is a whole sentence:
    a sound or a chant written out (``Clatter clatter clatter.``), not a stutter inside one."""
    k = toks.at(start)
    if k is None:
        return False
    word, lower = toks.lower[k], toks.lower

    def joined(i: int) -> bool:  # word i and word i + 1 are the same, with only spaces or a comma between
        return lower[i + 1] == word and not text[toks.ends[i] : toks.starts[i + 1]].strip(" ,")

    first = last = k
    while first > 0 and k - first < _SOUND_RUN and joined(first - 1):
        first -= 1
    while last + 1 < len(lower) and last - k < _SOUND_RUN and joined(last):
        last += 1
    if not 2 <= last - first < _SOUND_RUN:
        return False  # a pair is a stutter, a long run a loop
    before = text[max(0, toks.starts[first] - 8) : toks.starts[first]].rstrip(" \t")
    after = text[toks.ends[last] : toks.ends[last] + 8].lstrip(" \t")
    return (not before or before[-1] in ".!?…\n") and (not after or after[0] in ".!?…\n")


_SOUND_RUN = 32


def _repeats_at(words: list[str], i: int) -> bool:
    """Some phrase of one to twelve words starting at ``i`` comes again right after itself."""
    top = min(12, (len(words) - i) // 2)
    return any(words[i + n] == words[i] and words[i : i + n] == words[i + n : i + 2 * n] for n in range(1, top + 1))


def _repeat_candidates(words: list[str]) -> list[int]:
    """Token indexes where a repeat can start: the next word is the same, or the bigram
    starting here comes again within twelve words. One pass; most tokens are ruled out."""
    out: list[int] = []
    nearest: dict[tuple[str, str], int] = {}
    for i in range(len(words) - 2, -1, -1):
        bigram = (words[i], words[i + 1])
        j = nearest.get(bigram)
        if words[i] == words[i + 1] or (j is not None and j - i <= 12):
            out.append(i)
        nearest[bigram] = i
    out.reverse()
    return out


def _phrase_repeat(text: str, toks: list[tuple[int, int, str]], words: list[str], i: int) -> tuple[int, int] | None:
    """``(phrase length, repetitions)`` of the longest phrase starting at token ``i`` that repeats.

    Two phrases separated only by spaces repeat; after a comma a short phrase must
    come three times (``the price, the price of bread`` is rhetoric); across a sentence
    end only a phrase of four words or more (``Bond ladders. Bond ladders are``).
    Phrases with numbers (``7-5, 7-5``) and names said twice (``Virginia Beach,
    Virginia Beach``) are left alone.
    """
    first = words[i]
    top = min(12, (len(words) - i) // 2)
    # the first word that is not a word of letters, and the first gap that is not a plain space,
    # found once per start (checking each phrase length again made a run of repeats slow)
    bad_word = next((k for k in range(i, i + top) if not words[k].replace("-", "").isalpha()), i + top)
    bad_gap = next((k for k in range(i, i + top - 1) if not _SEP_INNER.fullmatch(text, toks[k][1], toks[k + 1][0])),
                   i + top)  # fmt: skip
    for n in [d for d in range(top, 0, -1) if words[i + d] == first]:
        if words[i : i + n] != words[i + n : i + 2 * n]:
            continue
        if bad_word < i + n:
            continue
        if bad_gap < i + n - 1:
            continue
        seps = []
        reps = 1
        while words[i : i + n] == words[i + reps * n : i + (reps + 1) * n]:
            sep = _SEP_PHRASE.fullmatch(text, toks[i + reps * n - 1][1], toks[i + reps * n][0])
            if sep is None:
                break
            seps.append(sep[0])
            reps += 1
        if reps < (4 if n == 1 else 2):
            continue  # a single word needs four: "harbour, harbour, harbour, harbour"
        if any(c in sep for sep in seps for c in ".!?") and n < 4:
            continue
        if any(sep.strip() in ("and", "or") for sep in seps) and n < 4 and reps == 2:
            continue  # "more and more", "again and again"
        if reps == 2 and any("," in sep or ";" in sep for sep in seps) and n <= 3:
            continue
        names = all(text[toks[k][0]].isupper() for k in range(i, i + n))
        if names and reps == 2:
            continue
        if n <= 3 and reps == 2 and (words[i + n - 1] in _CONNECTIVES or words[i] in _CONNECTIVES):
            continue
        return n, reps
    return None


# "by and by", "again and again", "more or less" idioms end phrases in a connective or preposition.
_CONNECTIVES = frozenset(["and", "or", "by", "to", "after", "for", "over", "of", "in", "on"])

_STUTTER = regex.compile(r"(?<![\p{L}\d])(\p{L}{2,8}?)(?:-?+\1){2,}+", regex.IGNORECASE)


@rule(code="MT004", name="stuttered-word", category=Category.MT,
      severity=Severity.WARNING, fix=FixAvailability.NEVER)  # fmt: skip
def stuttered_word(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag a piece of a word repeated three times or more, as in ``DMC-DMC-DMC`` or ``sub-sub-sub-scription``.

    Why: a looping translation system repeats a subword unit.
    Two repeats (``Baden-Baden``, ``bye-bye``) are left alone. No fix: which
    part is the word is a guess.

    >>> flagged("MT004", "The Lumora XPR-XPR-XPR-XPR was sold out.")
    ['XPR-XPR-XPR-XPR']
    >>> flagged("MT004", "They went to Baden-Baden and said bye-bye. Tom-tom drums.")
    []
    """
    if not _MAYBE_STUTTER.search(tokens(doc).distinct_text):
        return  # a stutter lies inside one word: the vocabulary, each word once, is enough to rule it out
    for m in _STUTTER.finditer(doc.masked):
        if doc.is_protected(m.start()):
            continue
        yield spec.finding(m.start(), m.end(), f"Word piece {m[1]!r} repeated")


# -- MT005 / MT006: untranslated text -------------------------------------------------------------

_FOREIGN = regex.compile(
    r"(?:[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]++|[\p{Cyrillic}\p{Greek}\p{Arabic}\p{Hebrew}\p{Thai}]{2,}+)"
    r"(?:[\s\p{P}\d]{0,3}+(?:[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Cyrillic}\p{Greek}\p{Arabic}\p{Hebrew}\p{Thai}]++))*+"
)
_LATIN = regex.compile(r"\p{Latin}")
# Anything outside Latin, combining marks, Latin Extended Additional, punctuation, currency and
# arrows; every character _FOREIGN can match lies outside these ranges.
_BEYOND_LATIN = re.compile("[^\x00-\u036f\u1e00-\u1eff\u2000-\u206f\u20a0-\u20cf\u2190-\u21ff]")
_SCRIPT_LETTER = regex.compile(r"[\p{L}--\p{Latin}]", regex.V1)


def _mostly_latin(text: str, start: int, end: int) -> bool:
    latin = len(_LATIN.findall(text, start, end))
    return latin >= 20 and latin >= 2 * len(_SCRIPT_LETTER.findall(text, start, end))


def _glossed(text: str, start: int, end: int) -> bool:
    """True for a gloss: the run fills brackets or quotes, as in ``Xi Jinping (习近平)``."""
    before = text[max(0, start - 2) : start].rstrip()
    after = text[end : end + 2].lstrip()
    return (before[-1:], after[:1]) in {("(", ")"), ("“", "”"), ('"', '"'), ("‘", "’"), ("«", "»"), ("[", "]")}


def _emoticon(text: str, start: int, end: int) -> bool:
    """One character of a kaomoji, as in ``( ^o^)ノ``: a bracket or caret right beside it."""
    return end - start == 1 and (text[start - 1 : start] in (")", "^") or text[end : end + 1] in ("(", "^"))


@rule(code="MT005", name="untranslated-fragment", category=Category.MT,
      severity=Severity.WARNING, fix=FixAvailability.NEVER)  # fmt: skip
def untranslated_fragment(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag a run of Chinese, Japanese, Korean, Cyrillic, Greek or Arabic script inside English prose.

    Why: the translation system copied a fragment of the source it did not
    translate. A run that fills brackets or quotes is a gloss
    (``Xi Jinping (习近平)``) and is left alone, as is a paragraph that is
    mostly in another script. No fix: the translation is missing.

    >>> flagged("MT005", "The minister said that 改革 would continue in the coming years.")
    ['改革']
    >>> flagged("MT005", "President Xi Jinping (习近平) spoke to reporters in Beijing on Monday.")
    []
    """
    text = doc.masked
    if not _BEYOND_LATIN.search(text):
        return  # no character of another script at all: the common case, found by one fast scan
    latin_blocks: dict[int, bool] = {}  # each block is measured once
    for m in _FOREIGN.finditer(text):
        block = doc.block_at(m.start())
        if block is None or _glossed(text, m.start(), m.end()) or _emoticon(text, m.start(), m.end()):
            continue
        if block.start not in latin_blocks:
            latin_blocks[block.start] = _mostly_latin(text, block.start, block.end)
        if not latin_blocks[block.start]:
            continue
        yield spec.finding(m.start(), m.end(), f"Untranslated text: {m[0]!r}")


_FULLWIDTH = {
    "，": ",", "、": ",", "。": ".", "：": ":", "；": ";", "！": "!", "？": "?",
    "（": "(", "）": ")", "［": "[", "］": "]", "【": "[", "】": "]", "％": "%",
}  # fmt: skip
_FULLWIDTH_RUN = re.compile("[" + "".join(_FULLWIDTH) + "]")  # stdlib re: a literal class, scanned fast
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")


@rule(code="MT006", name="fullwidth-punctuation", category=Category.MT,
      severity=Severity.WARNING, fix=FixAvailability.ALWAYS)  # fmt: skip
def fullwidth_punctuation(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag full-width punctuation from a Chinese or Japanese source in English text: ``Beijing，China``.

    Why: the translation system kept the source's punctuation. A mark next to
    Chinese or Japanese characters belongs to them and is left alone, as are lenticular
    brackets (``【Official】``) that a document uses in pairs throughout, as its style.
    Fix (safe): the ASCII mark, with a space after it before a word (and
    before an opening bracket after a word); no letter changes.

    >>> fixed("MT006", "In Beijing，officials said（on Monday）that prices rose。")
    'In Beijing, officials said (on Monday) that prices rose.'
    >>> fixed("MT006", "The sign read 北京，中国 in red.")
    'The sign read 北京，中国 in red.'
    """
    text = doc.masked
    for m in _FULLWIDTH_RUN.finditer(text):
        i = m.start()
        if m[0] in "【】" and conventions(doc).lenticular_brackets:
            continue  # the document's own style: "【Official】", "【Sapporo, Kyodo】"
        before, after = text[i - 1 : i], text[i + 1 : i + 2]
        if _CJK.match(before) or _CJK.match(after):
            continue
        ascii_mark = _FULLWIDTH[m[0]]
        replacement = ascii_mark
        if ascii_mark in "([" and before and (before.isalnum() or before in ",.;:!?"):
            replacement = " " + ascii_mark
        elif ascii_mark not in "([%" and (
            after.isalpha() or (after.isdigit() and ascii_mark != ":") or (after and after in "([")
        ):
            replacement = ascii_mark + " "
        fix = Fix.safe(f"Replace with {ascii_mark!r}", Edit.replace(i, i + 1, replacement))
        yield spec.finding(i, i + 1, f"Full-width {m[0]!r} in English text", fix=fix)


# -- MT007: calques (substitution data) ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Substitution:
    """A vale-style ``substitution``: a regular expression, its replacement template and a reason."""

    name: str
    pattern: str
    replacement: str
    message: str = ""


@cache
def builtin_substitutions() -> tuple[Substitution, ...]:
    """The calques shipped in ``rules/data/calques.toml``.

    >>> any(s.name == "discuss-about" for s in builtin_substitutions())
    True
    """
    entries = load_toml("calques.toml")["substitution"]
    assert isinstance(entries, list)
    return tuple(_checked(Substitution(s["name"], s["regex"], s["replacement"], s.get("message", ""))) for s in entries)


def _checked(s: Substitution) -> Substitution:
    try:
        regex.compile(s.pattern)
    except regex.error as exc:
        raise ValueError(f"MT007: bad pattern {s.name!r}: {exc}") from exc
    return s


def _user_substitutions(option: object) -> tuple[Substitution, ...]:
    """Entries of the ``substitutions`` option: a table ``{pattern = replacement}`` or a list of tables."""
    if isinstance(option, Mapping):
        return tuple(_checked(Substitution(f"user:{k}", str(k), str(v))) for k, v in option.items())
    if isinstance(option, Sequence) and not isinstance(option, str):
        out = []
        for entry in option:
            if not isinstance(entry, Mapping) or "regex" not in entry or "replacement" not in entry:
                raise ValueError("MT007: each substitution needs 'regex' and 'replacement'")
            name = str(entry.get("name", f"user:{entry['regex']}"))
            out.append(_checked(Substitution(name, str(entry["regex"]), str(entry["replacement"]),
                                             str(entry.get("message", "")))))  # fmt: skip
        return tuple(out)
    raise ValueError("MT007: the 'substitutions' option must be a table or a list of tables")


@rule(code="MT007", name="calque", category=Category.MT,
      severity=Severity.WARNING, fix=FixAvailability.ALWAYS)  # fmt: skip
def calque(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag a literal calque of the source language, as in ``discuss about`` or ``since many years``.

    Why: word-for-word translation keeps the source's prepositions and idioms.
    The list is data (``rules/data/calques.toml``); add your own with the
    ``substitutions`` option (``{"regex" = "replacement"}`` or a list of tables
    with ``regex``, ``replacement`` and ``message``; ``\\1`` refers to a group of
    the entry's own pattern); ``builtin = false`` drops the shipped list.
    Fix (unsafe): the idiomatic English; it changes words.

    >>> fixed("MT007", "The ministers discussed about the budget since many years.")
    'The ministers discussed the budget for many years.'
    >>> flagged("MT007", "They discussed it at length, and have lived here since 1990.")
    []
    """
    subs = (builtin_substitutions() if spec.option("builtin", True) else ()) + _user_substitutions(
        spec.option("substitutions", {})
    )
    if not subs:
        return
    text = doc.masked
    for m, sub in _calque_matches(text, tokens(doc), subs):
        inner = _compiled(sub.pattern).fullmatch(m[0])
        replacement = inner.expand(sub.replacement) if inner else sub.replacement
        if m[0][:1].isupper():
            replacement = replacement[:1].upper() + replacement[1:]
        message = sub.message or f"Literal calque: {m[0]!r}"
        fix = Fix.unsafe(f"Replace with {replacement!r}", Edit.replace(m.start(), m.end(), replacement))
        yield spec.finding(m.start(), m.end(), message, fix=fix)


def _calque_matches(
    text: str, toks: Tokens, subs: tuple[Substitution, ...]
) -> list[tuple[regex.Match[str], Substitution]]:
    """Matches of the substitutions, as one alternation of them all would find them (leftmost,
    then first listed, no overlaps). Only entries whose every word slot has a word of the
    document run: most documents hold no calque's words at all. An entry of letters and groups
    only (``(advice|equipment)s``) matches inside one word, so it runs only when the vocabulary
    holds a match."""
    found: list[tuple[int, int, regex.Match[str]]] = []
    words = toks.distinct
    for i, sub in enumerate(subs):
        slots = _slots(sub.pattern)
        if slots is None:
            if _IN_ONE_WORD.fullmatch(sub.pattern) and not _in_vocabulary(sub.pattern, toks.distinct_text):
                continue
        elif not all(slot & words for slot in slots):
            continue
        found.extend((m.start(), i, m) for m in _bounded(sub.pattern).finditer(text))
    found.sort(key=lambda f: (f[0], f[1]))
    out: list[tuple[regex.Match[str], Substitution]] = []
    end = -1
    for start, i, m in found:
        if start >= end:
            out.append((m, subs[i]))
            end = m.end()
    return out


_IN_ONE_WORD = regex.compile(r"[\p{L}()|]++")  # a pattern of letters and groups of them
_SLOT = regex.compile(r"\(([\p{L} |]+)\)|(\p{L}+)|( )|(.)")


@lru_cache(maxsize=1024)
def _slots(pattern: str) -> tuple[frozenset[str], ...] | None:
    """The words a pattern needs, slot by slot: ``(discuss|discussed) about`` needs one of
    ``discuss``/``discussed``, and ``about``. None when the pattern is more than words and groups
    of words separated by spaces.

    >>> _slots("(discuss|discussed) about") == (frozenset({"discuss", "discussed"}), frozenset({"about"}))
    True
    >>> _slots("(information|advice)s") is None
    True
    """
    slots: list[frozenset[str]] = []
    previous_space = True
    for m in _SLOT.finditer(pattern):
        if m[4] is not None or (not previous_space and m[3] is None):
            return None
        if m[1] is not None:
            slots.append(frozenset(alt.split(" ")[0].lower() for alt in m[1].split("|")))
        elif m[2] is not None:
            slots.append(frozenset([m[2].lower()]))
        previous_space = m[3] is not None
    return tuple(slots)


# The characters beyond ASCII that an ASCII letter matches regardless of case (``regex``): İ ı ſ K.
_FOLDS_TO_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")
_WORD_PIECE = regex.compile(r"\(([A-Za-z|]++)\)|([A-Za-z]++)")


@lru_cache(maxsize=1024)
def _spellings(pattern: str) -> tuple[str, ...] | None:
    """Every string that a pattern of ASCII letters and groups of them matches, in lower case;
    None for any other pattern, or one of more than 64 spellings.

    >>> _spellings("(advice|TV)s"), _spellings("advices|tvs"), _spellings("(a|b)(c|(d))")
    (('advices', 'tvs'), None, None)
    """
    pieces: list[list[str]] = []
    at = 0
    for m in _WORD_PIECE.finditer(pattern):
        if m.start() != at:
            return None
        pieces.append(m[1].split("|") if m[1] is not None else [m[2]])
        at = m.end()
    if at != len(pattern) or math.prod(map(len, pieces)) > 64:
        return None
    return tuple("".join(p).lower() for p in product(*pieces))


def _in_vocabulary(pattern: str, vocabulary: str) -> bool:
    """``_compiled(pattern).search(vocabulary)`` for the lower-case ``vocabulary``: by substring
    tests when the pattern is ASCII letters and groups of them and no letter beyond ASCII that
    matches one of them regardless of case is there (``ſ``), else by the search."""
    spellings = _spellings(pattern)
    if spellings is None or any(c in vocabulary for c in _FOLDS_TO_ASCII):
        return _compiled(pattern).search(vocabulary) is not None
    return any(spelling in vocabulary for spelling in spellings)


@lru_cache(maxsize=1024)
def _bounded(pattern: str) -> regex.Pattern[str]:
    return regex.compile(rf"(?<![\p{{L}}\d])(?:{pattern})(?![\p{{L}}\d])", regex.IGNORECASE)


@lru_cache(maxsize=1024)
def _compiled(pattern: str) -> regex.Pattern[str]:
    return regex.compile(pattern, regex.IGNORECASE)


# -- MT008: inconsistent terminology --------------------------------------------------------------


@cache
def _term_sets() -> tuple[tuple[str, ...], ...]:
    groups = load_toml("mt_terms.toml")["consistency"]
    assert isinstance(groups, list)
    return tuple(tuple(group) for group in groups)


@lru_cache(maxsize=8)
def _term_matcher(groups: tuple[tuple[str, ...], ...]) -> tuple[re.Pattern[str], dict[str, int], frozenset[str]]:
    """The pattern of all terms, each term's group, and the first word of every term (lower case)."""
    index = {term.casefold(): i for i, group in enumerate(groups) for term in group}
    alternatives = "|".join(re.escape(t) for t in sorted(index, key=len, reverse=True))
    firsts = frozenset(w[0].lower() for t in index if (w := WORD.findall(t)))
    # stdlib ``re``: several times faster than ``regex`` on a long case-insensitive alternation
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?!\w|-[^\W\d_])", re.IGNORECASE), index, firsts


def _stem(word: str) -> str:
    """The word without a possessive or contracted ending: ``Kyiv’s`` → ``Kyiv``."""
    return word.replace("’", "'").split("'", 1)[0]


def _term_hits(
    text: str, toks: Tokens, matcher: re.Pattern[str], firsts: frozenset[str], stems: Iterable[str]
) -> list[re.Match[str]]:
    """Matches of the term pattern, tried only where the shared words hold a term's first word.

    ``stems``: the words of the document that hold an apostrophe, cut at it (any case)."""
    lower = toks.lower
    present = firsts.intersection(toks.distinct)  # a set: the smaller side is walked (hyphen parts find nothing)
    if any(stem.lower() in firsts for stem in stems):
        return list(matcher.finditer(text))  # a possessive ("Kyiv’s"): scan the text
    hits: list[re.Match[str]] = []
    for first in present:
        k = -1
        while True:
            try:
                k = lower.index(first, k + 1)  # a C-level search through the words
            except ValueError:
                break
            m = matcher.match(text, toks.starts[k])
            if m is not None:
                hits.append(m)
    hits.sort(key=lambda m: m.start())
    out: list[re.Match[str]] = []
    for m in hits:  # as finditer: no overlaps
        if not out or m.start() >= out[-1].end():
            out.append(m)
    return out


# Lower-case English words, hyphenated or not (stdlib ``re``: this runs over every word).
_SPELLING = re.compile(r"(?<![\w-])[a-z]{2,}(?:-[a-z]{2,})*(?![\w-])")


_KEYED_ENDINGS = ("ise", "ised", "ises", "ising", "isation", "isations", "our", "ours", "oured", "ouring",
                  "ourite", "ourites", "ourable")  # fmt: skip
# In words joined by spaces: a hyphen, an apostrophe, or one of ``_KEYED_ENDINGS`` that ends a word.
_MARKED = re.compile(r"[-'’]|is(?:e[ds]?|ing|ations?)(?![^ ])|our(?:s|ed|ing|ites?|able)?(?![^ ])")


def _marked_words(joined: str) -> set[str]:
    """The words with a hyphen or an apostrophe or that end in one of ``_KEYED_ENDINGS``: found
    by one C-level scan of the words joined by spaces (no word holds a space), then cut out hit by hit."""
    out = set()
    m = _MARKED.search(joined)
    while m is not None:  # each word once, however many hyphens it holds
        at = m.start()
        end = joined.find(" ", at)
        end = end if end >= 0 else len(joined)
        out.add(joined[joined.rfind(" ", 0, at) + 1 : end])
        m = _MARKED.search(joined, end)
    return out


@lru_cache(maxsize=65536)
def _spelling_key(word: str) -> str:
    """British/American and hyphenation variants fold together: ``co-operation``/``cooperation``."""
    if "-" not in word and (len(word) < 6 or not word.endswith(_KEYED_ENDINGS)):  # "our" is not "or"
        return word
    key = word.replace("-", "")
    key = regex.sub(r"is(e|ed|es|ing|ation|ations)$", r"iz\1", key)
    return regex.sub(r"our(s|ed|ing|ite|ites|able)?$", r"or\1", key)


@rule(code="MT008", name="inconsistent-term", category=Category.MT,
      severity=Severity.INFO, fix=FixAvailability.SOMETIMES)  # fmt: skip
def inconsistent_term(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag one term rendered two ways in a document: ``Kyiv`` and ``Kiev``, ``cooperation`` and ``co-operation``.

    Why: sentences translated one at a time render a source term afresh each
    time. The term sets are data (``rules/data/mt_terms.toml``, vale's
    ``consistency`` kind); hyphenation and -ise/-ize or -our/-or spellings of
    one word are compared too. Advisory (info): either spelling may be right.
    Fix (display only): the rendering the document uses most.

    >>> [f.message for f in findings("MT008", "Kyiv was quiet. Later Kyiv and Kiev were shelled.")]
    ["'Kiev' and 'Kyiv' in one document; 'Kyiv' is used 2 times"]
    >>> flagged("MT008", "Kyiv was quiet. Later Kyiv was shelled.")
    []
    """
    text, toks = doc.masked, tokens(doc)
    matcher, index, firsts = _term_matcher(_term_sets())
    seen: defaultdict[tuple[str, object], list[tuple[int, int, str]]] = defaultdict(list)
    distinct = toks.written
    marked = _marked_words(toks.written_text)  # every word below with a hyphen, apostrophe or keyed ending
    stems = {_stem(w) for w in marked if "'" in w or "’" in w}
    for m in _term_hits(text, toks, matcher, firsts, stems):
        seen[("term", index[m[0].casefold()])].append((m.start(), m.end(), m[0]))
    # Spelling variants, on the shared words: a possessive is read without its "'s".
    words = {w for w in marked | stems if "-" in w or w.endswith(_KEYED_ENDINGS)}
    words = {w for w in words if _SPELLING.fullmatch(w)}
    keys = {w: k for w in words if (k := _spelling_key(w)) != w}
    variants: defaultdict[str, set[str]] = defaultdict(set)
    for word, key in keys.items():
        variants[key].add(word)
    everywhere = distinct | stems
    wanted = {w for key, forms in variants.items() for w in (forms | {key}) if len(forms) > 1 or key in everywhere}
    if wanted:
        for at, surface in zip(toks.starts, toks.texts, strict=True):
            stem = _stem(surface)
            if stem in wanted:
                seen[("spelling", keys.get(stem, stem))].append((at, at + len(stem), stem))
    for hits in seen.values():
        forms = Counter(h[2].casefold() for h in hits)
        if len(forms) < 2:
            continue
        best = max(forms, key=lambda f: (forms[f], f))
        best_surface = next(h[2] for h in hits if h[2].casefold() == best)
        names = " and ".join(sorted({repr(h[2]) for h in hits}))
        for start, end, surface in hits:
            if surface.casefold() == best:
                continue
            fix = Fix.display_only(f"Use {best_surface!r}", Edit.replace(start, end, best_surface))
            yield spec.finding(start, end, f"{names} in one document; {best_surface!r} is used {forms[best]} times",
                               fix=fix)  # fmt: skip

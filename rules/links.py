"""Links rules: hyperlink text translated apart from its sentence and pasted back.

Machine translation of a web page often translates each link anchor on its own. The anchor
comes back capitalised in the middle of a sentence (``Morales Said In March``), torn loose as a
lowercase fragment after the sentence it belonged to (``…the archive. pension files under
the old statute.``), beside a duplicate of the word it replaced (``of fraud A long record of
tax fraud``), or as a lowercased name (``new york times``). Where the markup records link
anchors (Markdown, HTML), an anchor that starts at the flagged word is strong evidence.

Speed: the shared runs of capitalised words (:mod:`cleanup.analysis.capitals`) give the few
candidates every check looks at; the results are shared by the family through ``Document.memo``.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from cleanup.analysis.capitals import capital_counts, capital_runs, in_title, title_case_sentence, title_spans
from cleanup.analysis.conventions import always_lowercase
from cleanup.analysis.lexicon import any_finite, lexicon, zipf
from cleanup.analysis.names import NameOccurrence, common_word, lowercase_in_dictionary, unknown_word
from cleanup.analysis.names import names as names_model
from cleanup.analysis.pos import classes, only
from cleanup.analysis.spelling import knows, name_entry, stem_flags
from cleanup.analysis.tokens import tokens
from cleanup.datafiles import load_toml
from cleanup.document import Document
from cleanup.model import Category, Edit, Finding, Fix, FixAvailability, RuleSpec, Severity
from cleanup.registry import rule
from cleanup.spans import Block

__all__ = [
    "capitalised_mid_sentence",
    "duplicated_anchor_head",
    "lowercase_sentence_start",
    "lowercased_proper_name",
]

_WORD = regex.compile(r"\p{L}[\p{L}\p{M}]*+(?:['’\-]\p{L}[\p{L}\p{M}]*+)*+")
_NOT_SPACE = regex.compile(r"[^ \t]++")
_LONG_WORDS = regex.compile(r"[^ \t]{2,}+(?:[ \t]++[^ \t]{2,}+)*+")  # words of a run, single capitals left out
_WORD_CHAR = regex.compile(r"[\p{L}\p{M}]")
_POSSESSIVE_END = regex.compile(r"(?:(?<=\p{L})['’]s|(?<=s)['’])(?:[ \t]++|$)")  # the end of an owner's name in a run
_OPENERS = frozenset("“\"‘'«„([{:;—–-/)״】=|")
_PROSE_KINDS = frozenset({"paragraph", "quote"})
_SENTENCE_ENDS = frozenset(".")
_SUFFIXES = ("ed", "ly", "ing")
# Characters after which a capital says nothing: a sentence, a quotation, a bracket or a line starts.
_POSITION_CAPITALS = frozenset(".!?:;“‘\"'([{—–-•*#>\n")
_LIST_LABEL = regex.compile(r"(?:^|\s)\(?[\dA-Za-z]{1,2}\)$")  # "(1)", "a)" before an item
# Small words that join the capitalised words of a title: "Strategy for Improving the Schools".
_TITLE_JOINERS = frozenset(["of", "for", "and", "or", "the", "a", "an", "to", "in", "on", "at", "with", "from", "by"])
_SEPARATORS = "'’-"
_POSSESSIVES = ("'s", "’s")  # a possessive ending inside a word (a bare apostrophe ends the word)
_COMMON_NAME = 4.0  # Zipf: a name that is also a word (Amnesty, Falcon) is rarer than this
_USAGE_NAME = 2.5  # Zipf: a word no dictionary lists but usage knows this well is a name (Alibaba)


@dataclass(frozen=True, slots=True)
class _Words:
    function: frozenset[str]
    name_openers: frozenset[str]
    verbs: frozenset[str]
    always_capitalised: frozenset[str]
    particles: frozenset[str]
    title_words: frozenset[str]
    name_endings: frozenset[str]
    institutions: frozenset[str]
    work_nouns: frozenset[str]
    styled_nouns: frozenset[str]
    quantifiers: frozenset[str]
    infinitive_heads: frozenset[str]
    adverbs: frozenset[str]
    outlets: frozenset[str]
    capitalised: frozenset[str]  # function words and verbs with a capital: "In", "Said"
    slots: dict[str, str]  # lower-case word -> what may follow it (:func:`_slot`)


@cache
def _words() -> _Words:
    data = load_toml("links_words.toml")

    def words(key: str) -> list[str]:
        value = data[key]
        assert isinstance(value, list)
        return [str(w) for w in value]

    closed = [*words("function_words"), *words("verbs")]
    return _Words(
        frozenset(words("function_words")),
        frozenset(words("name_openers")),
        frozenset(words("verbs")),
        frozenset(words("always_capitalised")),
        frozenset(words("name_particles")),
        frozenset(words("common_title_words")),
        frozenset(words("name_endings")),
        frozenset(words("institutions")),
        frozenset(words("work_nouns")),
        frozenset(words("styled_nouns")),
        frozenset(words("quantifiers")),
        frozenset(words("infinitive_heads")),
        frozenset(words("adverbs")),
        frozenset(words("outlets")),
        frozenset(w[:1].upper() + w[1:] for w in closed),
        {
            **dict.fromkeys(words("verb_slots"), "verb"),
            **dict.fromkeys(words("modal_slots"), "modal"),
            **dict.fromkeys(words("modifier_slots"), "modifier"),
            **dict.fromkeys(words("determiner_slots"), "determiner"),
        },
    )


def _anchor_starts(doc: Document) -> dict[int, int]:
    """``start -> end`` of each link anchor the markup records."""
    return doc.memo(_anchor_map)


def _anchor_map(doc: Document) -> dict[int, int]:
    return {a.start: a.end for a in doc.link_anchors}


def _is_first_word(doc: Document, offset: int) -> bool:
    """True when ``offset`` is where the first word of a sentence starts (after opening punctuation)."""
    starts = doc.sentence_starts
    i = bisect.bisect_right(starts, offset) - 1
    if i < 0:
        return False
    text, k, end = doc.masked, starts[i], doc.sentences[i].end
    while k < end and not text[k].isalnum():
        k += 1
    return k == offset


def _is_word_char(text: str, i: int) -> bool:
    return 0 <= i < len(text) and _letter(text[i])


@lru_cache(maxsize=4096)
def _letter(c: str) -> bool:
    """A letter or a mark (the pattern reads one character: each is judged once)."""
    return _WORD_CHAR.match(c) is not None


def _word_start(text: str, end: int) -> int:
    """Start of the word that ends at ``end`` (``end`` itself when no word does)."""
    i = end
    while i > 0:
        c = text[i - 1]
        if _is_word_char(text, i - 1) or (c in _SEPARATORS and _is_word_char(text, i - 2) and text[i].isalpha()):
            i -= 1
        else:
            break
    while i < end and not text[i].isalpha():
        i += 1  # marks before the first letter belong to no word
    return i


def _starts_word(text: str, start: int) -> bool:
    """True when a word starting at ``start`` does not continue one before it."""
    joined = text[start - 1 : start] in ("'", "’", "-") and _is_word_char(text, start - 2)
    return not (_is_word_char(text, start - 1) or joined)


def _is_whole_word(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is a whole word, not part of a longer one."""
    after = _is_word_char(text, end) or (text[end : end + 1] in ("'", "’", "-") and text[end + 1 : end + 2].isalpha())
    return _starts_word(text, start) and not after


def _lower_count(doc: Document, word: str) -> int:
    """How many times the document writes ``word`` (lower case) as a whole word."""
    return doc.memo(_word_counts).get(word, 0)


def _word_counts(doc: Document) -> dict[str, int]:
    """Every whole word of the document, counted in one scan (a search per word was quadratic)."""
    counts: dict[str, int] = {}
    for w in _WORD.findall(doc.masked):
        counts[w] = counts.get(w, 0) + 1
    return counts


def _adjacent(text: str, end: int, start: int) -> bool:
    """True when only spaces (or blanked inline markup) separate two words on one line."""
    return 0 < start - end <= 400 and text[end:start].strip(" \t") == ""


def _previous_word(text: str, start: int) -> tuple[int, int] | None:
    """``(start, end)`` of the word just before ``start`` when only spaces separate them."""
    j = start
    while j > 0 and text[j - 1] in " \t":
        j -= 1
    if j == start or start - j > 400 or not _is_word_char(text, j - 1):
        return None
    a = _word_start(text, j)
    return (a, j) if a < j else None


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


@lru_cache(maxsize=65536)
def _verified_suffix(w: str) -> bool:
    """An ``-ed`` verb or ``-ly`` adverb whose stem is itself a frequent word (``acquired``), or an
    adverb the dictionary derives from its stem (``newly``)."""
    if len(w) < 5:
        return False
    stems: tuple[str, ...]
    if w.endswith("ed") and len(w) >= 6:
        stems = (w[:-2], w[:-1], w[:-3] if len(w) > 6 and w[-3] == w[-4] else "", w[:-3] + "y" if w[-3] == "i" else "")
        return any(len(s) >= 4 and zipf(s) >= 3.0 for s in stems if s)
    if w.endswith("ly") and not w.endswith("ley"):
        stems = (w[:-2], w[:-4] if w.endswith("ally") else "")
        flags = stem_flags(w[:-2])  # the dictionary derives the adverb: "new" -> "newly"
        return any(len(s) >= 4 and zipf(s) >= 3.5 for s in stems if s) or (flags is not None and "Y" in flags)
    if w.endswith("ing") and len(w) >= 6 and w[-4] != w[-5]:  # not "Manning", "Channing"
        stems = (w[:-3], w[:-3] + "e")
        return any(len(s) >= 4 and zipf(s) >= 3.5 for s in stems)
    return False


# -- LK001: capitalised words that are not names ----------------------------------------------
def _slot(text: str, start: int) -> str | None:
    """What the lower-case word just before ``start`` (one space between) wants after it, when the
    sentence goes on in lower case there: ``"determiner"`` (``a``, ``the``), ``"modal"`` (``can``,
    ``might``: a verb), ``"verb"`` (``to``, ``was``, ``they``) or ``"modifier"`` (``still``, an
    ``-ly`` adverb: a verb or an adjective)."""
    if text[start - 1 : start] != " ":
        return None
    lo = max(0, start - 19)  # room for a word of 16 letters or more and what precedes it
    seg = text[lo : start - 1]
    k = max(seg.rfind(" "), seg.rfind("\t"), seg.rfind("\n"))
    before = seg[k + 1 :]
    if len(before) > 16 or (k < 0 and lo > 0) or (before and not before.isalpha()):
        return None  # a word joined to another ("it's", "co-op") is none
    kind = _words().slots.get(before)
    if kind is None and before[:1].isupper() and k >= 0:  # the sentence's first word: "Many Early retirees"
        kind = _words().slots.get(before.lower()) if before[1:].islower() and _sentence_opens(seg, k) else None
    if kind is None and len(before) >= 5 and before.endswith("ly") and before.islower():
        return "modifier" if _verified_suffix(before) else None
    return kind


def _sentence_opens(seg: str, k: int) -> bool:
    """The word after ``seg[k]`` (a space or a line break) opens a sentence: a line break, or a
    full stop, question or exclamation mark before the space."""
    if seg[k] == "\n":
        return True
    before = seg[:k].rstrip(" \t")
    return before[-1:] in (".", "?", "!", "\n") and not before.endswith(("Mr.", "Ms.", "Dr.", "St."))


# Words that start a verb's object or its complement: "Resent the", "Wade into".
_OBJECT_STARTS = frozenset(
    ["the", "a", "an", "another", "his", "her", "their", "its", "our", "your", "my", "this", "these", "those", "them",
     "him", "us", "me", "it", "into", "onto", "out", "up", "off", "down", "over", "away", "back"]
)  # fmt: skip


_SUBJECT_PRONOUNS = frozenset(["they", "we", "you", "They", "We", "You"])
_OBJECT_PRONOUNS = frozenset(["him", "them", "us", "me"])
_PERSONAL_SUBJECTS = frozenset(["he", "she", "they", "we", "who"])


def _word_before(text: str, start: int) -> str:
    """The word just before ``start`` (spaces between), or ``""``."""
    prev = _previous_word(text, start)
    return text[prev[0] : prev[1]] if prev is not None else ""


# Pronouns that stand as a verb's object: "will Help you", "can always Find something".
_PRONOUN_OBJECTS = frozenset(
    ["you", "yourself", "yourselves", "themselves", "himself", "herself", "itself", "ourselves", "myself",
     "something", "anything", "everything", "nothing", "someone", "anyone", "everyone"]
)  # fmt: skip


@lru_cache(maxsize=65536)
def _ing_form_known(lower: str) -> bool:
    """The dictionary knows the word's ``-ing`` form: it is a verb (``resent`` -> ``resenting``)."""
    if len(lower) < 3:
        return False
    forms = (lower + "ing", lower[:-1] + "ing" if lower.endswith("e") else "", lower + lower[-1] + "ing")
    return any(form and knows(form) for form in forms)


def _verb_form(lower: str) -> bool:
    """An inflected verb form: a past form, a verified ``-ed`` form, or the ``-s`` form of a stem
    the dictionary lists as a verb and not as a noun (``believes``)."""
    if lower in lexicon().irregular_past or lower in _words().verbs or _verified_suffix(lower):
        return True
    return _verb_s_form(lower)


@lru_cache(maxsize=65536)
def _verb_s_form(lower: str) -> bool:
    """The ``-s`` form of a stem the dictionary lists as a verb and not as a noun (``believes``)."""
    flags = stem_flags(lower[:-1]) if len(lower) >= 5 and lower.endswith("s") else None
    return flags is not None and bool(flags & {"D", "G"}) and "M" not in flags


def _grammar_break(doc: Document, start: int, word: str) -> bool:
    """A word English writes only in lower case (the dictionary has no capitalised entry for it),
    capitalised right after a slot word (:func:`_slot`) and followed by a lower-case word.

    After a modal it must be a verb by the dictionary (``might Leave some``); after ``to``, an
    auxiliary or a subject pronoun a verb and no noun, or an inflected form (``aimed to Introduce
    carbon``, ``was Arrested in``; not ``told People magazine``); after an adverb also an
    adjective (``highly Critical reports``). After a determiner the next word carries the phrase on
    (not a verb: ``the Guardian said``) and the word is an adjective by the dictionary (``the
    Coastal survey``) or a noun the document writes in lower case (``a Kettle descaler`` … ``kettles``),
    never an office word (``the State pension``: house styles capitalise it).
    """
    text, words, lex = doc.masked, _words(), lexicon()
    kind = _slot(text, start)
    if kind is None or len(word) < 3:
        return False
    end = start + len(word)
    following = _WORD.match(text, end + 1) if text[end : end + 1] == " " else None
    if following is None or not following[0].islower():
        return False
    lower = word.lower()
    if lower in words.particles or lower in words.name_endings or lower in words.always_capitalised:
        return False
    if kind == "verb" and _word_before(text, start) in _SUBJECT_PRONOUNS and _plain_continuation(text, end) is not None:
        found = classes(lower)
        if found and "VERB" in found and following[0] not in lex.auxiliaries:
            return True  # after its subject a word that can be a verb is one: "we See risks"
    if kind == "modal" and following[0] in _OBJECT_STARTS | _PRONOUN_OBJECTS:
        found = classes(lower)
        if found and "VERB" in found and _plain_continuation(text, end) is not None:
            return True  # a verb before its object after a modal: "will Help you", "can Pace yourself"
    infinitive = kind == "verb" and only(lower, "VERB") and _infinitive(text, start)
    if (
        infinitive
        and lowercase_in_dictionary(word)
        and following[0] not in lex.auxiliaries
        and _plain_continuation(text, end)
    ):
        return True  # a verb only, where an infinitive must stand: "decided to Begin paying"
    if name_entry(word) is not False or not lowercase_in_dictionary(word):
        return False  # a name or brand that is also a word (Apple, Target), or no dictionary
    flags = stem_flags(lower)
    if kind != "determiner":
        if _verb_form(lower):
            return True
        if kind == "verb" and following[0] in _OBJECT_STARTS and _ing_form_known(lower):
            return True  # a verb before its object: "you Resent the", "to Wade into"
        if only(lower, "VERB") and _plain_continuation(text, end) is not None:
            return True  # the lexicon lists the word as a verb only: "currently Sits in"
        found = classes(lower)
        participle = lower.endswith(("ed", "en")) or lower in lex.irregular_past
        after_perfect = _word_before(text, start) in ("has", "have", "had") and participle
        if after_perfect and found and "VERB" in found and _plain_continuation(text, end):
            return True  # a participle after "have": "have Fallen since"
        if (
            kind != "modal"
            and only(lower, "ADJ")
            and lower not in words.institutions
            and _plain_continuation(text, end)
        ):
            return True  # an adjective only: "It is Larger than", "still Possible that"
        if found and "VERB" in found and _infinitive(text, start) and _plain_continuation(text, end) is not None:
            return following[0] not in lex.auxiliaries  # "plan to Raise rents" (not "went to Court")
        if flags is None or ("M" in flags and kind != "modal"):
            return False
        return bool(flags & {"D", "G"}) or (kind == "modifier" and not flags & {"M", "D", "G"})
    nxt = following[0]
    if lower in words.title_words:
        return False
    model = names_model(doc)
    if nxt in lex.auxiliaries and model.lower_count(lower) > 0 and flags is not None:
        return _capitalised_by_choice(doc, word) <= 1  # "the Harvest could fail" … "the harvest"
    plain = _word_before(text, start).islower() and _plain_noun(doc, word)  # not "The Hill has" opening a sentence
    if nxt in lex.auxiliaries and plain and _plain_continuation(text, end) is not None:
        return True  # a noun no style capitalises, before its verb: "the Economy could tank"
    if nxt == "of" and _noun_before_of(doc, start, word):
        return True  # "the Outcome of the vote"
    if nxt in words.function and nxt not in words.name_openers and model.lower_count(lower) > 0:
        found = classes(lower)
        if found and "NOUN" in found and found <= {"NOUN", "VERB"} and _common_capital(word):
            # a noun the document writes in lower case, before a preposition or a conjunction and
            # lower-case words: "the Discount in several stores" … "the discount"
            return _plain_continuation(text, end) is not None and _capitalised_by_choice(doc, word) <= 1
    if nxt in words.function and nxt not in words.name_openers and nxt not in ("and", "or", "nor") and plain:
        # "a Recipe for the" (not "a Rally in Ohio"; not a list: "the Gloria and the Creed")
        return _plain_continuation(text, end) is not None
    if nxt in words.function or nxt in lex.auxiliaries:
        return False
    if nxt in lex.irregular_past or nxt in lex.verb_forms or nxt.endswith("ed"):
        return False  # the capitalised word is the subject: "the Guardian reported"
    if flags is not None and not flags & {"M", "D", "G"}:
        return True  # an adjective
    theirs = classes(nxt)
    if (
        only(lower, "ADJ")
        and lower not in words.institutions
        and theirs
        and "NOUN" in theirs
        and _plain_continuation(text, end)
    ):
        return True  # an adjective only by the lexicon, before a noun: "a Large amount", "the Latest figures"
    return model.lower_count(lower) + model.lower_count(lower + "s") > 0


def _infinitive(text: str, start: int) -> bool:
    """``to`` stands just before ``start`` after a word that takes an infinitive (``intend to``,
    ``able to``, ``have to``): the word at ``start`` is a verb then, not a noun (``went to Court``)."""
    prev = _previous_word(text, start)
    if prev is None or text[prev[0] : prev[1]] != "to":
        return False
    head = _previous_word(text, prev[0])
    return head is not None and text[head[0] : head[1]] in _words().infinitive_heads


def _plain_noun(doc: Document, word: str) -> bool:
    """A singular noun the lexicon lists (a verb or an adjective too or not), frequent, that English writes in lower
    case (:func:`_common_capital`) and that the document capitalises nowhere else where no position
    asks for it, even if it never writes it in lower case: ``the Economy``, ``a Recipe``. Not a
    plural (teams: ``the Giants will``), nor a noun house styles or names capitalise alone
    (institutions, offices, defined terms, places and outlets: ``the Company will``, ``the Hill
    has``, ``the Gulf could``)."""
    lower = word.lower()
    found = classes(lower)
    if len(word) < 4 or not word[1:].islower() or not found or "NOUN" not in found:
        return False
    if lower.endswith("s") or lower in _words().styled_nouns or lower in _words().work_nouns or zipf(lower) < 3.5:
        return False
    return _common_capital(word) and _capitalised_by_choice(doc, word) <= 1


def _quantifier_between_lower(doc: Document, start: int, word: str, prev: tuple[int, int] | None) -> bool:
    """A quantifier or a number word capitalised between two lower-case words, with no capital
    before it over a function word and none resuming after it: ``asked for Three cups of``, ``may
    be Much higher``, ``on Both counts`` (not ``the Group of Seven nations``, ``Three Dog Night``)."""
    text = doc.masked
    if word.lower() not in _words().quantifiers or not word[1:].islower() or prev is None:
        return False
    if not text[prev[0] : prev[1]].islower() or _capital_before(text, start):
        return False
    nxt = _plain_continuation(text, start + len(word))
    return nxt is not None and nxt not in ("and", "or", "nor")


def _noun_ends_sentence(doc: Document, start: int, word: str) -> bool:
    """A noun no style capitalises (:func:`_plain_noun`) after ``a``, ``an`` or ``the`` in lower
    case, ending its sentence: ``concerns about the Economy.`` (not ``the Hill.``, ``the Giants.``)."""
    text = doc.masked
    end = start + len(word)
    if _word_before(text, start) not in ("a", "an", "the") or _slot(text, start) != "determiner":
        return False
    stop = text[end : end + 2]
    if stop[:1] != "." or stop[1:] not in ("", " ", "\n", "\t"):
        return False  # not "!": names carry one ("the Match! channel")
    return _plain_noun(doc, word)


def _no_title(doc: Document, start: int, word: str) -> bool:
    """Capitals that look like a title of a work but are none: an inflected verb or an adjective
    between two lower-case words (``Syria and Blocked the crossing``, ``was Arrested in April``,
    ``the harbour board as the Coastal survey``)."""
    text, lower = doc.masked, word.lower()
    if lower in _words().function:
        return False  # "Her memoir Not the End of the World"
    prev = _previous_word(text, start)
    if prev is None or not text[prev[0]].islower():
        return False
    end = start + len(word)
    following = _WORD.match(text, end + 1) if text[end : end + 1] == " " else None
    if following is None or not following[0].islower():
        return _verb_before_name(doc, start, word)  # the capitals go on: a title may, unless a verb's object
    if (
        capital_counts(doc)[word] > 1  # capitalised elsewhere too (where sentences start)
        and text[prev[0] : prev[1]] in _TITLE_JOINERS
        and _capital_before(text, start)
        and _capital_after(text, end)
    ):
        return False  # capitals on both sides, over small words: "Strategy for Improving the Schools"
    flags = stem_flags(lower)
    if _verb_form(lower) or (flags is not None and "M" not in flags):
        return True  # a verb or an adjective, no noun
    # An adjective before the noun it qualifies, in lower case: "for the First time in the final".
    mine, theirs = classes(lower), classes(following[0])
    return bool(mine and "ADJ" in mine and theirs and theirs <= {"NOUN", "VERB"} and "NOUN" in theirs)


def _verb_before_name(doc: Document, start: int, word: str) -> bool:
    """A regular ``-ed`` verb English writes only in lower case, after a lower-case word and before
    a name the document writes on its own: the name is the verb's object (``and Praised Okafor``;
    not ``the Advanced Micro Devices``, whose next word is no name of its own)."""
    text, lower = doc.masked, word.lower()
    if not (lower.endswith("ed") and _verified_suffix(lower)) or lower in _words().name_endings:
        return False
    prev = _previous_word(text, start)
    if prev is None or not text[prev[0]].islower() or text[prev[0] : prev[1]] in _words().slots:
        return False  # "the Advanced …", "a Licensed …": a determiner starts a name
    end = start + len(word)
    nxt = _WORD.match(text, end + 1) if text[end : end + 1] == " " else None
    if nxt is None or name_entry(word) is not False:
        return False
    return names_model(doc).is_name(nxt[0]) and not _capital_after(text, nxt.end())


def _title_only_by_first_word(doc: Document, start: int) -> bool:
    """The only title-like capitals around ``start`` are the sentence's own first word and this
    word (``In the First article``): a sentence's first capital is no sign of a title."""
    block = doc.block_at(start)
    lo, hi = (block.start, block.end) if block else (0, len(doc.text))
    spans = [(a, b) for a, b in title_spans(doc, max(lo, start - 200), min(hi, start + 200)) if a <= start < b]
    words = [_WORD.findall(doc.masked, a, b) for a, b in spans]
    return bool(spans) and all(
        _is_first_word(doc, a) and sum(w[:1].isupper() for w in ws) == 2
        for (a, _), ws in zip(spans, words, strict=True)
    )


def _adjective_ends_span(doc: Document, start: int) -> bool:
    """The title-like capitals from ``start`` are this word, small words and an adjective that
    qualifies the lower-case noun after it (``exports By the Dutch ministry``): no title ends
    on an adjective before its noun (``Beyond the Sea`` ends on one)."""
    block = doc.block_at(start)
    lo, hi = (block.start, block.end) if block else (0, len(doc.text))
    text = doc.masked
    spans = [(a, b) for a, b in title_spans(doc, max(lo, start - 200), min(hi, start + 200)) if a <= start < b]
    if len(spans) != 1 or spans[0][0] != start:
        return False
    words = _WORD.findall(text, *spans[0])
    if sum(w[:1].isupper() for w in words) != 2:
        return False
    last = words[-1]
    found = classes(last)
    nxt = _WORD.match(text, spans[0][1] + 1) if text[spans[0][1] : spans[0][1] + 1] == " " else None
    if nxt is None or not nxt[0].islower() or nxt[0] in _words().function:
        return False
    # an adjective, or a word of a people, which the dictionary only writes capitalised ("Chinese")
    people = last.endswith(("ese", "ish", "ian", "can", "ic")) and knows(last) and not lowercase_in_dictionary(last)
    if not (people or (found and "ADJ" in found)):
        return False
    theirs = classes(nxt[0])
    return bool(theirs) and theirs is not None and "NOUN" in theirs and "ADJ" not in theirs


def _date_after(doc: Document, start: int, word: str) -> bool:
    """The title-like capitals start at ``start`` and go on only over small words to a day or a
    month: ``stepping Down in March`` is no title (``Seven Days in May`` starts before the word)."""
    block = doc.block_at(start)
    lo, hi = (block.start, block.end) if block else (0, len(doc.text))
    spans = [(a, b) for a, b in title_spans(doc, max(lo, start - 200), min(hi, start + 200)) if a <= start < b]
    if not spans or any(a != start for a, _ in spans):
        return False
    words = _words()
    rest = [w for _, b in spans for w in _WORD.findall(doc.masked, start + len(word), b)]
    dates = [w for w in rest if w.lower() in words.always_capitalised]
    return bool(dates) and all(w.lower() in words.always_capitalised or w in words.function for w in rest)


def _verb_before_date(doc: Document, start: int, word: str) -> bool:
    """An inflected form the lexicon lists as a verb only, after a capitalised word and followed in
    the capitals only by small words and days or months: the clause's verb and its date, no title
    (``the County of Kent Announced Friday``, ``Kim Reported on Tuesday``)."""
    lower = word.lower()
    if not only(lower, "VERB") or not (lower.endswith(("ed", "s")) or lower in lexicon().irregular_past):
        return False
    prev = _previous_word(doc.masked, start)
    if prev is None or not _is_cap(doc.masked[prev[0] : prev[1]]):
        return False
    block = doc.block_at(start)
    lo, hi = (block.start, block.end) if block else (0, len(doc.text))
    spans = [(a, b) for a, b in title_spans(doc, max(lo, start - 200), min(hi, start + 200)) if a <= start < b]
    words, after = _words(), start + len(word)
    rest = [w for a, b in spans for w in _WORD.findall(doc.masked, after, b)]
    dates = [w for w in rest if w.lower() in words.always_capitalised]
    return bool(dates) and all(w.lower() in words.always_capitalised or w in words.function for w in rest)


def _candidates(doc: Document) -> list[tuple[int, str]]:
    """``(offset, word)`` of each capitalised word that could be flagged, in text order.

    Only closed-class words, verbs, verified ``-ed``/``-ly``/``-ing`` forms and the first word
    of a link anchor can be; every other capitalised word is skipped unread.
    """
    anchors = _anchor_starts(doc)
    lower = names_model(doc).lower.counts
    text = doc.masked
    out: list[tuple[int, str]] = []
    for start, run in capital_runs(doc):
        if " " in run or "\t" in run:
            if anchors or any(map(_may_flag_in_run, run.split())):
                out.extend((start + m.start(), m[0]) for m in _NOT_SPACE.finditer(run)
                           if _may_flag_in_run(m[0]) or start + m.start() in anchors)  # fmt: skip
            else:
                out.extend(_verb_after_opening_noun(doc, start, run))
            out.extend(_noun_after_opening_article(doc, start, run, lower))
        elif (
            _may_flag(run)
            or start in anchors
            or run.lower() in lower
            or run.lower() in _words().quantifiers
            or run.lower() in _MODALS
            or run.lower() in _words().adverbs
            or _slot(text, start)
            or _object_follows(text, start + len(run))
            or _word_class_candidate(text, start, run)
        ):
            out.append((start, run))
    return out


def _verb_after_opening_noun(doc: Document, start: int, run: str) -> list[tuple[int, str]]:
    """The second word of a capitalised run, a verb only by the lexicon, after a common noun that
    opens the sentence: ``Investors Expect a cut`` (:func:`_opening_common_noun`)."""
    first, _, rest = run.partition(" ")
    second = rest.split(" ", 1)[0]
    if not second or not only(second, "VERB") or not _opening_common_noun(doc, first, start):
        return []
    return [(start + len(first) + 1, second)]


def _noun_after_opening_article(doc: Document, start: int, run: str, lower: Mapping[str, int]) -> list[tuple[int, str]]:
    """The second word of a two-word capitalised run that opens a sentence with ``The``, when the
    document writes that word in lower case too (``The Trek will`` … ``the trek``)."""
    first, _, second = run.partition(" ")
    if first != "The" or not second or " " in second or second.lower() not in lower:
        return []
    return [(start + 4, second)]


def _opening_article_noun(doc: Document, at: int, start: int, word: str) -> bool:
    """``The`` opens the sentence at ``at`` and ``word`` after it is a frequent singular noun that
    no style capitalises (:func:`_plain_noun`), that the document writes in lower case, and that
    is the subject of a finite verb in lower case: ``The Session lasts`` … ``each session``.
    Newspapers named by a common noun stay (``The Times reported`` … ``at times``)."""
    text, lower = doc.masked, word.lower()
    if text[at:start] != "The " or not _is_first_word(doc, at) or lower in _words().outlets:
        return False
    if names_model(doc).lower_count(lower) == 0 or not _plain_noun(doc, word):
        return False
    nxt = _plain_continuation(text, start + len(word))
    lex = lexicon()
    if nxt is None or nxt in lex.function_words:
        return False
    finite = nxt in lex.auxiliaries or nxt in lex.irregular_past or nxt in lex.verb_forms or nxt.endswith("ed")
    return finite or _verb_s_any(nxt)


def _word_class_candidate(text: str, start: int, word: str) -> bool:
    """After a lower-case word or a comma, a word the lexicon lists as a verb only, an adjective
    only, or a noun (:func:`_verb_after_subject`, :func:`_noun_after_adjective`, :func:`_grammar_break`)."""
    if text[start - 1 : start] not in (" ", "\t"):
        return False
    before = text[max(0, start - 8) : start].rstrip(" \t")[-1:]
    if not (before.islower() or before == ","):
        return False
    found = classes(word)
    if word.lower() in _PARTICLES:
        return True
    if not found:
        return False
    return only(word, "VERB") or only(word, "ADJ") or ("NOUN" in found and found <= {"NOUN", "VERB"})


@lru_cache(maxsize=65536)
def _may_flag(word: str) -> bool:
    """A closed-class word, a verb, a verified ``-ed``/``-ly``/``-ing`` form or the ``-s`` form of a
    verb-only stem, capitalised."""
    lower = word.lower()
    return word in _words().capitalised or (len(word) >= 5 and (_verified_suffix(lower) or _verb_s_any(lower)))


def _may_flag_in_run(word: str) -> bool:
    """Inside a capitalised run, a word :func:`_may_flag` takes, or a modal (``Dakota Can lead``)."""
    return _may_flag(word) or word.lower() in _MODALS


@lru_cache(maxsize=65536)
def _verb_s_any(lower: str) -> bool:
    """The ``-s`` form of a stem the dictionary lists as a verb, a noun too or not (``shares``)."""
    flags = stem_flags(lower[:-1]) if len(lower) >= 5 and lower.endswith("s") and not lower.endswith("ss") else None
    return flags is not None and bool(flags & {"D", "G"})


def _capital_hits(doc: Document) -> list[tuple[int, int]]:
    """``(start, end)`` of each capitalised word that is not a name, in text order."""
    return doc.memo(_scan_capital_hits)


def _scan_capital_hits(doc: Document) -> list[tuple[int, int]]:
    text = doc.masked
    hits: list[tuple[int, int]] = []
    flagged: set[int] = set()
    for start, word in _candidates(doc):
        if word == "I" or (len(word) > 1 and not (word[1:].isalpha() and word[1:].islower())):
            continue  # hyphenated or possessive compound
        if _is_first_word(doc, start):
            continue
        block = doc.block_at(start)
        if block is None or block.kind not in _PROSE_KINDS:
            continue
        j = start - 1
        while j >= block.start and text[j] in " \t":
            j -= 1
        if j < block.start or _is_opener(text[j]) or text[j] in '.!?…”’"\n' or text[j].isdigit():
            continue  # first word of a quotation, after a colon, dash, abbreviation or number
        if not _is_hit(doc, start, word, flagged, hits[-1] if hits else None):
            continue
        # Read last, for the few hits: "1, The fee …", "for Not the End of the World", "(Boy, Unfinished)".
        label_or_title = _after_label(text, block.start, start) or _in_bracketed_title(text, block, start)
        if (
            _no_title(doc, start, word)
            or _title_only_by_first_word(doc, start)
            or _adjective_ends_span(doc, start)
            or _verb_before_date(doc, start, word)
            or _date_after(doc, start, word)
        ):
            titled = title_case_sentence(doc, _sentence_index(doc, start))
        else:
            titled = in_title(doc, start)
        if not (label_or_title or titled):
            flagged.add(start)
            hits.append((start, start + len(word)))
    return hits


def _after_label(text: str, block_start: int, start: int) -> bool:
    """Only a list label stands between the block's start and ``start``: ``1,``, ``3)``, ``•``, or a
    bracketed label such as ``[Comfort]`` or ``【Official】``."""
    before = text[block_start:start].rstrip()
    if start - block_start <= 8 and not any(c.isalpha() for c in before):
        return True
    return bool(before) and before[0] in "[【(" and before[-1] in "]】)" and len(before) <= 40


def _is_opener(c: str) -> bool:
    """Punctuation or a symbol after which a capital starts a new unit (``▼ This``, ``= The``)."""
    return c in _OPENERS or unicodedata.category(c)[0] == "S"


def _in_bracketed_title(text: str, block: Block, start: int) -> bool:
    """Inside brackets that hold only capitalised words: a title such as ``(Girl, Interrupted)``."""
    opened = text.rfind("(", max(block.start, start - 80), start)
    closed = text.find(")", start, min(block.end, start + 80))
    if opened < 0 or closed < 0 or ")" in text[opened:start]:
        return False
    words = _WORD.findall(text, opened, closed)
    return len(words) >= 2 and all(w[:1].isupper() for w in words)


def _is_hit(doc: Document, start: int, word: str, flagged: set[int], last: tuple[int, int] | None) -> bool:
    """The word-level tests of LK001 for a capitalised word in the middle of a sentence."""
    words = _words()
    text = doc.masked
    end = start + len(word)
    lower = word.lower()
    prev = _previous_word(text, start)
    prev_cap = prev is not None and _is_cap(text[prev[0] : prev[1]]) and prev[0] not in flagged
    nxt = end
    while nxt < len(text) and text[nxt] in " \t":
        nxt += 1
    next_cap = 0 < nxt - end <= 400 and text[nxt : nxt + 1].isupper() and _is_word_char(text, nxt)
    if prev_cap and prev is not None and _opening_verb(doc, text[prev[0] : prev[1]], prev[0]):
        prev_cap = False  # the sentence's first word, a verb: "Got An important item", no title
    elif prev_cap and prev is not None and _opening_slot_word(doc, text[prev[0] : prev[1]], prev[0]):
        prev_cap = False  # the sentence's first word, a determiner or a pronoun: "Many Early retirees"
    elif prev_cap and prev is not None and _opening_article_noun(doc, prev[0], start, word):
        return True  # "The Session lasts" … "each session": a subject noun the document writes small
    elif prev_cap and prev is not None and _article_after_opening(doc, prev[0], text[prev[0] : prev[1]], start, word):
        return True  # "During The later hearing": the sentence's first word, a preposition
    elif (
        prev_cap
        and prev is not None
        and _opening_common_noun(doc, text[prev[0] : prev[1]], prev[0])
        and _verb_after_subject(doc, start, word, prev)
    ):
        return not _capitalised_elsewhere(doc, word)  # "Lawmakers Approved the budget"
    if _auxiliary_after_subject(doc, start, word, prev) or (prev_cap and _modal_before_verb(doc, start, word, prev)):
        return not _capitalised_elsewhere(doc, word)  # "Ukraine Has signed", "We Are talking", "This Can be"
    if lower in words.function:
        if _anchor_goes_on_lowercase(doc, start, end) and not prev_cap:
            return True  # the markup says a link starts here and runs on in lower case
        if next_cap and not prev_cap and prev is not None and _article_written_lowercase(doc, start, word):
            return True  # "in The Liberal mayor’s" … "the Liberal candidate" elsewhere
        if next_cap and not prev_cap and prev is not None and _article_before_people(doc, start, word, prev):
            return True  # "of The American people": no name goes on in lower case after "The"
        if prev_cap and prev is not None and _preposition_after_name(doc, start, word, prev):
            return True  # "coerce Ukraine Into investigating": the capitals stop at the name
        if prev_cap or (next_cap and lower in words.name_openers):
            return False  # inside a title or a name: "The Times", "Walkin’ On the Harbour Wall"
        follow = text[end : end + 2]
        if follow[:1] == " " and follow[1:] in _AMOUNT_STARTS and len(word) >= 3 and prev is not None:
            return text[prev[0]].islower()  # "more Than 400", "for Every 2 hours"
        if follow[:1] != " " or not follow[1:].isalpha():
            return False  # "Group A,", "Petra A. Lindqvist", "A/B", "Liu He,"
        if next_cap and not _follows(text, last, start):
            return False  # "blast If I know"
        # a label: "Summary A good system"
        return prev is None or not _is_first_word(doc, prev[0]) or _opening_verb(doc, text[prev[0] : prev[1]], prev[0])
    verb = lower in words.verbs or (next_cap and _verb_before_name(doc, start, word))
    rare = zipf(lower) < 3.2 and not (lower.endswith("ly") and _verified_suffix(lower))  # "Inappropriately"
    rare = rare and not _lexicon_word(word)  # "Corroborated by"
    if (next_cap and not verb) or lower in words.always_capitalised or rare:
        return False
    if _capitalised_elsewhere(doc, word):
        return False
    if prev_cap:
        # The end of a name: "White House", "Ashford United"; a verb form ends one too when
        # a verb follows, whose subject the name is: "Anna Heard joins as".
        if verb:
            return not _verb_follows(text, end)
        # The clause's verb inside the capitals, after its subject: "the Taliban Swapped two".
        subject = text[prev[0] : prev[1]] if prev is not None else ""
        if not _clause_verb(text, start, word) or _verb_follows(text, end):
            return False
        return not common_word(subject) or _named_in_document(doc, subject)
    evidence = (
        verb
        or _verified_suffix(lower)
        or _linked_common_word(doc, start, end, lower)
        or _written_lowercase(doc, start, word, prev, next_cap)
        or _grammar_break(doc, start, word)
        or _phrase_written_lowercase(doc, start, word, prev)
        or _verb_before_object(doc, start, word, prev)
        or _verb_after_subject(doc, start, word, prev)
        or _particle_after_verb(doc, start, word, prev)
        or _noun_after_adjective(doc, start, word, prev)
        or (prev is not None and text[prev[0]].islower() and _noun_before_of(doc, start, word))
        or _noun_ends_sentence(doc, start, word)
        or _quantifier_between_lower(doc, start, word, prev)
        or _owned_noun_written_lowercase(doc, start, word, prev)
        or _complement_after_copula(doc, start, word, prev)
        or _modal_before_verb(doc, start, word, prev)
        or _adjective_after_preposition(doc, start, word, prev)
        or _verb_before_complement(doc, start, word, prev)
        or _adverb_between_lower(doc, start, word, prev)
    )
    return evidence and lower not in words.name_endings


_COPULAS = frozenset(["is", "are", "was", "were", "be", "been", "being", "am", "not"])
_COMPLEMENT_STARTS = frozenset(["to", "that", "than", "for", "of", "enough", "about", "with", "in", "at", "on"])


def _complement_after_copula(doc: Document, start: int, word: str, prev: tuple[int, int] | None) -> bool:
    """An adjective or an adverb capitalised right after a form of ``be``, with the sentence going
    on in lower case: ``it is Possible to``, ``they were Never willing``, ``is Somewhat better``.
    A word the lexicon lists as an adjective or an adverb only counts before any lower-case word;
    one that is a noun too (``possible``) only before a word that starts its complement (``to``,
    ``that``, ``than``). Offices and styled nouns stay (``was Chief of staff``: a house style)."""
    text, lower, words = doc.masked, word.lower(), _words()
    if prev is None or text[prev[0] : prev[1]] not in _COPULAS or len(word) < 4 or not word[1:].islower():
        return False
    mine = classes(lower)
    if not mine or not mine & {"ADJ", "ADV"} or "VERB" in mine:
        return False
    if lower in words.styled_nouns or lower in words.title_words or lower in words.institutions:
        return False
    nxt = _plain_continuation(text, start + len(word))
    if nxt is None or nxt in ("and", "or", "nor"):
        return False
    if not mine <= {"ADJ", "ADV"} and nxt not in _COMPLEMENT_STARTS:
        return False
    return _common_capital(word) and _capitalised_by_choice(doc, word) <= 1


_PREPOSITIONS = frozenset(
    ["of", "in", "on", "at", "for", "with", "from", "by", "about", "into", "onto", "over", "under", "against",
     "among", "between", "through", "during", "without", "within", "despite", "toward", "towards", "like"]
)  # fmt: skip


def _adjective_after_preposition(doc: Document, start: int, word: str, prev: tuple[int, int] | None) -> bool:
    """An adjective only by the lexicon, capitalised right after a preposition and before the
    lower-case noun it qualifies: ``a list of Dangerous substances``, ``by Prohibitive measures``
    (a name or a title goes on in capitals: ``in Cold Blood``; peoples and places are capitalised
    in the dictionary: ``from Western Europe``)."""
    text, lower = doc.masked, word.lower()
    if prev is None or text[prev[0] : prev[1]] not in _PREPOSITIONS or len(word) < 4 or not word[1:].islower():
        return False
    if not only(lower, "ADJ") or lower in _words().institutions or lower in _words().title_words:
        return False
    nxt = _plain_continuation(text, start + len(word))
    theirs = classes(nxt) if nxt is not None else None
    if nxt is None or not theirs or "NOUN" not in theirs or nxt in _words().function:
        return False
    return _common_capital(word) and _capitalised_by_choice(doc, word) <= 1


def _modal_after_name(doc: Document, start: int, word: str, prev: tuple[int, int]) -> bool:
    """A modal capitalised after a capitalised subject (a name, or a pronoun that opens the
    sentence) and before a bare verb in lower case: ``Dakota Can lead``, ``This Can be``. A name
    ``Will`` is followed by an inflected verb (``Anna Will said``) and a title by capitals
    (``Heaven Can Wait``)."""
    text = doc.masked
    if text[prev[1] : start].strip(" \t"):
        return False
    before = text[prev[0] : prev[1]]
    if _is_first_word(doc, prev[0]):
        if before.lower() not in _OPENING_SUBJECTS:
            return False
    elif _capital_before(text, prev[0]) and _word_before(text, prev[0]).lower() in _words().function:
        return False  # the end of a title: "Catch Me If You Can last year"
    if not before[1:].islower() and not before.isupper():
        return False
    nxt = _plain_continuation(text, start + len(word))
    if nxt is None:
        return False
    if nxt in ("be", "have", "not", "never", "also", "still", "now", "soon"):
        return True
    found = classes(nxt)
    return found is not None and "VERB" in found and not nxt.endswith(("ed", "ing")) and _bare_verb(nxt)


def _bare_verb(lower: str) -> bool:
    """Not an inflected form (``said``, ``takes``): a past form that is also the base form counts
    (``hurt``, ``cut``: the dictionary has their ``-s`` form)."""
    if lower.endswith(("ed", "ing")) or _verb_s_any(lower):
        return False
    past = lower in lexicon().irregular_past or lower in _words().verbs
    return not past or _verb_s_any(lower + "s")


def _article_before_people(doc: Document, start: int, word: str, prev: tuple[int, int]) -> bool:
    """``The`` capitalised after a lower-case word, before a word of a people (``American``,
    ``Chinese``) or an adjective only (``Democratic``) that qualifies the lower-case noun after it:
    ``of The American people``. A name that starts with ``The`` goes on in capitals (``The Irish
    Times``) or is a noun (``The Guardian newspaper``)."""
    text = doc.masked
    if word != "The" or not text[prev[0]].islower() or text[prev[1] : start].strip(" \t"):
        return False
    adj = _WORD.match(text, start + 4) if text[start + 3 : start + 4] == " " else None
    if adj is None or not adj[0][1:].islower() or len(adj[0]) < 4:
        return False
    last = adj[0]
    people = last.endswith(("ese", "ish", "ian", "an", "ic")) and knows(last) and not lowercase_in_dictionary(last)
    if not (people or only(last.lower(), "ADJ")):
        return False
    nxt = _plain_continuation(text, adj.end())
    theirs = classes(nxt) if nxt is not None else None
    if nxt is None or theirs is None or "NOUN" not in theirs or nxt in _words().function:
        return False
    return nxt not in _words().work_nouns and nxt not in lexicon().auxiliaries


_COMPLEMENT_OPENERS = _OBJECT_STARTS | {"that", "to", "by", "about"}


def _verb_before_complement(doc: Document, start: int, word: str, prev: tuple[int, int] | None) -> bool:
    """A word that can be a verb, capitalised after a lower-case noun, its subject, and before a
    word that opens its object or complement (``the ranking Shows that``, ``his daughter Loves to``,
    ``doctors Tell about``, ``a talk Led by``): an ``-s``, past or ``-ed`` form after any noun, a
    base form after a plural one. Not after a word that names a work (``the band Rise Against``)."""
    text, lower = doc.masked, word.lower()
    if prev is None or len(word) < 3 or not word[1:].islower() or text[prev[1] : start].strip(" \t"):
        return False
    before = text[prev[0] : prev[1]]
    found, mine = classes(before), classes(lower)
    if not before.islower() or not found or "NOUN" not in found or not mine or "VERB" not in mine:
        return False
    if before in _words().function or before in _words().work_nouns or before in lexicon().auxiliaries:
        return False
    if before in _words().slots or before.endswith("ly"):
        return False
    nxt = _plain_continuation(text, start + len(word))
    if nxt not in _COMPLEMENT_OPENERS:
        return False
    past = lower in lexicon().irregular_past or lower.endswith("ed")
    plural = before.endswith("s") and not before.endswith("ss")
    if not (past or _verb_s_any(lower) or (plural and _bare_verb(lower))):
        return False
    return _common_capital(word) and _capitalised_by_choice(doc, word) <= 1


_AMOUNT_STARTS = frozenset("0123456789$£€")


def _preposition_after_name(doc: Document, start: int, word: str, prev: tuple[int, int]) -> bool:
    """A preposition of three letters or more capitalised right after a capitalised word that does
    not open the sentence, with the sentence going on in lower case and no capital after it over
    two words: ``coerce Ukraine Into investigating``, ``Minjeong From the group said``. A title
    goes on in capitals (``Walkin’ On the Harbour Wall``)."""
    text, lower = doc.masked, word.lower()
    if lower not in _PREPOSITIONS or lower == "of" or len(word) < 3 or text[prev[1] : start].strip(" \t"):
        return False
    name = text[prev[0] : prev[1]]
    if _is_first_word(doc, prev[0]) or name.lower() in _words().function or lowercase_in_dictionary(name):
        return False  # a common word ends a band's or a film's name: "Rise Against", "Take That"
    nxt = _plain_continuation(text, start + len(word))
    if nxt is None:
        return False
    after = _SPACED_WORD.match(text, start + len(word))
    second = _SPACED_WORD.match(text, after.end()) if after is not None else None
    return second is None or not _is_cap(second[1])


def _adverb_between_lower(doc: Document, start: int, word: str, prev: tuple[int, int] | None) -> bool:
    """An adverb that starts no name (``even``, ``later``, ``instead``), capitalised after a
    lower-case word (a comma between or not), with the sentence going on in lower case or with an
    amount: ``and Even children``, ``two days Later, it docked``, ``suitable Even for``. Titles that
    start with one go on in capitals (``Still Alice``)."""
    text, lower = doc.masked, word.lower()
    if lower not in _words().adverbs or prev is None or not word[1:].islower() or not text[prev[0]].islower():
        return False
    end = start + len(word)
    follow = text[end : end + 2]
    if follow[:1] in (",", ".", ";") or (follow[:1] == " " and follow[1:] in _AMOUNT_STARTS):
        return not _capital_before(text, start)
    return _plain_continuation(text, end) is not None


_FINITE_AUXILIARIES = frozenset(["is", "are", "was", "were", "has", "have", "had", "does", "did"])
_OPENING_SUBJECTS = frozenset(["we", "they", "you", "it", "there", "he", "she", "this", "that", "i"])


def _auxiliary_after_subject(doc: Document, start: int, word: str, prev: tuple[int, int] | None) -> bool:
    """A finite auxiliary capitalised after its subject, a name or a pronoun that opens the
    sentence, before a participle, an ``-ing`` form, ``been`` or ``not`` with the sentence going on
    in lower case: ``Ukraine Has signed``, ``We Are talking``, ``the talks Were held``. A title
    goes on in capitals (``Paris Has Fallen``)."""
    text, lower = doc.masked, word.lower()
    if lower not in _FINITE_AUXILIARIES or prev is None or not word[1:].islower():
        return False
    if text[prev[1] : start].strip(" \t"):
        return False  # "Ukraine, Has …": a comma between
    before = text[prev[0] : prev[1]]
    if before[:1].isupper() and _is_first_word(doc, prev[0]):
        if before.lower() not in _OPENING_SUBJECTS:
            return False  # a label or a heading word: "Summary Is …"
    elif not before[:1].isupper():
        found = classes(before)
        if not found or "NOUN" not in found or before in _words().function or before in _words().work_nouns:
            return False
    nxt = _plain_continuation(text, start + len(word))
    if nxt is None:
        return False
    if nxt in ("been", "not", "being", "never", "already", "also", "still"):
        return True
    participle = nxt in lexicon().irregular_past or nxt.endswith("ed") or nxt.endswith("ing")
    theirs = classes(nxt)
    return participle and theirs is not None and "VERB" in theirs


_MODALS = frozenset(["can", "could", "will", "would", "shall", "should", "must", "might", "cannot"])
_AFTER_MODAL = frozenset(["be", "have", "not", "never", "also", "still", "only", "now", "soon", "likely"])


def _modal_before_verb(doc: Document, start: int, word: str, prev: tuple[int, int] | None) -> bool:
    """A modal capitalised after a lower-case word and before its verb, with the sentence going on
    in lower case: ``it Can be hard``, ``the price Will be lower``, ``you Should take``. After a
    conjunction or a comma a name may stand there (``Anna and Will take``): only ``be``, ``have``
    or an adverb then. ``May`` is a month and stays."""
    text, lower = doc.masked, word.lower()
    if lower not in _MODALS or prev is None or not word[1:].islower():
        return False
    before = text[prev[0] : prev[1]]
    if before[:1].isupper():
        return _modal_after_name(doc, start, word, prev)
    if not before.islower():
        return False
    nxt = _plain_continuation(text, start + len(word))
    if nxt is None:
        return False
    if nxt in _AFTER_MODAL and before not in _PREPOSITIONS:
        return True  # "and Will be fully", "the price Will be"
    if before in _words().function and before not in _words().slots:
        return False
    if before in ("and", "or", "but", "nor") or text[prev[1] : start].strip(" \t"):
        return False
    found = classes(nxt)
    return found is not None and "VERB" in found and not nxt.endswith(("ed", "ing")) and _bare_verb(nxt)


_OWNERS = frozenset(["a", "an", "their", "our", "your", "his", "her", "its", "my"])


def _owned_noun_written_lowercase(doc: Document, start: int, word: str, prev: tuple[int, int] | None) -> bool:
    """A common noun capitalised right after ``a``/``an`` or a possessive (``their Hatred``, ``a
    Nation,``) that the document writes in lower case elsewhere and nowhere else capitalised by
    choice: a name seldom follows those (``the`` may: ``the Court``)."""
    text, words = doc.masked, _words()
    if prev is None or text[prev[0] : prev[1]] not in _OWNERS or len(word) < 3:
        return False
    lower = word.lower()
    if lower in words.title_words or lower in words.institutions or lower in words.always_capitalised:
        return False
    if names_model(doc).lower_count(lower) == 0 or name_entry(word) is not False or not lowercase_in_dictionary(word):
        return False
    return _capitalised_by_choice(doc, word) <= 1


def _capitalised_elsewhere(doc: Document, word: str) -> bool:
    """The document spells ``word`` capitalised elsewhere too, where no position explains it."""
    if capital_counts(doc)[word] <= 1:
        return False
    known = doc.memo(_by_choice_counts)
    n = known.get(word)
    if n is None:
        alone = only(word, "VERB")  # a verb capitalised in a title says nothing: "Think, Save, Retire"
        n = known[word] = _capitalised_by_choice(doc, word, alone=alone)
    return n > 1


def _by_choice_counts(doc: Document) -> dict[str, int]:
    return {}  # filled word by word: only the candidates' words are counted


def _object_follows(text: str, end: int) -> str | None:
    """The word after ``end`` (one space between) when it starts a verb's object (``the``, ``his``)."""
    if text[end : end + 1] != " ":
        return None
    nxt = _WORD.match(text, end + 1)
    return nxt[0] if nxt is not None and nxt[0] in _OBJECT_STARTS else None


def _verb_before_object(doc: Document, start: int, word: str, prev: tuple[int, int] | None) -> bool:
    """A verb English writes only in lower case, capitalised after a lower-case content word (its
    subject) or a comma, before the start of its object: ``talks Hit another snag``, ``cut costs,
    Raise your savings``. After a function word it would be a noun (``at Work the next day``)."""
    text, words = doc.masked, _words()
    lower = word.lower()
    end = start + len(word)
    if len(word) < 3 or _object_follows(text, end) is None or _capital_after(text, end):
        return False  # the capitals go on after the small word: a title ("Catch Me If You Can")
    if prev is not None:
        before = text[prev[0] : prev[1]]
        if not before.islower() or before in words.function or before in words.slots or before in lexicon().auxiliaries:
            return False
    elif text[:start].rstrip(" \t")[-1:] != ",":
        return False
    if lower in words.always_capitalised or lower in words.particles or lower in words.name_endings:
        return False
    if name_entry(word) is not False or not lowercase_in_dictionary(word) or _capitalised_by_choice(doc, word) > 1:
        return False
    return _verb_form(lower) or _ing_form_known(lower)


def _common_capital(word: str) -> bool:
    """A word English writes in lower case and names do not start with: no capitalised dictionary
    entry, no particle, name ending, institution or always-capitalised word."""
    lower, words = word.lower(), _words()
    if lower in words.always_capitalised or lower in words.particles or lower in words.name_endings:
        return False
    if lower in words.title_words or lower in words.institutions:
        return False
    return name_entry(word) is False and bool(lowercase_in_dictionary(word))


_SPACED_WORD = regex.compile(r"[ \t]++(\p{L}[\p{L}\p{M}]*+(?:['’\-]\p{L}[\p{L}\p{M}]*+)*+)")


def _plain_continuation(text: str, end: int) -> str | None:
    """The lower-case word after ``end`` (spaces between: blanked markup too) when the capitals do
    not resume after it or after one or two more function words (``Lost by five``; not ``Gone with
    the Wind``)."""
    following = _SPACED_WORD.match(text, end, min(len(text), end + 400))
    if following is None or not following[1].islower():
        return None
    k, function = following.end(), _words().function
    word = following[1]
    for _ in range(2):
        if word not in function:
            break
        nxt = _SPACED_WORD.match(text, k, min(len(text), k + 400))
        if nxt is None:
            break
        if _is_cap(nxt[1]) and nxt[1].lower() not in _words().always_capitalised:
            return None  # the capitals resume (not a date: "since May")
        word, k = nxt[1], nxt.end()
    return following[1]


def _verb_after_subject(doc: Document, start: int, word: str, prev: tuple[int, int] | None) -> bool:
    """A verb capitalised where the grammar wants one, with the sentence going on in lower case and
    no other verb after it. An inflected form the lexicon lists as a verb only (``stalled``,
    ``lost``, ``announces``) after a lower-case noun, its subject, or after a comma: ``the talks
    Stalled again``, ``Hood, Lost by five``; any verb-only form after a plural noun (``the cases
    Appear to``), an object pronoun (``see him Become the``) or ``and`` between lower-case words
    (``and Moved on``); a word that can be a verb after a subject pronoun (``who Kill``, ``he
    Considers``). A film or book title goes on in capitals (``Gone with the Wind``), stands after a
    word such as ``film`` (``the film Frozen in 2013``) or before a verb (``Unforgiven was``)."""
    text, lower = doc.masked, word.lower()
    mine = classes(lower)
    if len(word) < 3 or not mine or "VERB" not in mine:
        return False
    nxt = _plain_continuation(text, start + len(word))
    if nxt is None or nxt in ("and", "or", "nor") or nxt in lexicon().auxiliaries or any_finite([nxt]):
        return False
    before = text[prev[0] : prev[1]] if prev is not None else ""
    verb_only = only(lower, "VERB")
    if before in _PERSONAL_SUBJECTS:  # "who Kill protesters", "he Considers"
        agrees = before not in ("he", "she") or verb_only or _verb_s_any(lower) or lower.endswith("ed")
        return mine <= {"VERB", "NOUN"} and agrees and _common_capital(word)
    if len(word) < 4 or not mine <= {"VERB", "ADJ"}:
        return False
    if before in _OBJECT_PRONOUNS:  # "see him Become the"
        return verb_only and _common_capital(word)
    if before in ("and", "or", "but") and prev is not None:  # "mastered the list and Moved on"
        earlier = _previous_word(text, prev[0])
        return verb_only and earlier is not None and text[earlier[0]].islower() and _common_capital(word)
    past = lower in lexicon().irregular_past or lower.endswith("ed")  # the lexicon lists it as a verb
    inflected = past or (verb_only and _verb_s_form(lower))
    if prev is not None:
        found = classes(before)
        opening = not before.islower() and _opening_common_noun(doc, before, prev[0])
        if not (before.islower() or opening) or before in _words().function or before in lexicon().auxiliaries:
            return False
        if before in _words().work_nouns:
            return False  # a title after "the film", "the album": "the film Frozen in 2013"
        if not found or "NOUN" not in found:
            return False
        plural = before.endswith("s") and not before.endswith("ss")
        if not (inflected or (verb_only and plural)):
            return False  # a base form after a noun may be a name's part: "the band Rise Against"
    elif text[:start].rstrip(" \t")[-1:] != "," or not inflected:
        return False
    return _common_capital(word)


@lru_cache(maxsize=65536)
def _lexicon_word(word: str) -> bool:
    """A rare word the lexicon lists as a verb only and the dictionary has no name for: rarity is
    no sign of a name then (``Corroborated``)."""
    if not only(word, "VERB") or name_entry(word) is not False:
        return False  # a rare noun or adjective is often a brand or comes from a name ("the Euclidean proofs")
    return bool(lowercase_in_dictionary(word))


def _noun_before_of(doc: Document, start: int, word: str) -> bool:
    """A noun the lexicon lists (a verb too or not), capitalised after a determiner and before
    ``of`` with the sentence going on in lower case: ``the Outcome of the vote``. Names of this
    shape go on in capitals (``the Bank of England``, ``the Lord of the Rings``)."""
    found = classes(word)
    if len(word) < 4 or not found or "NOUN" not in found or not found <= {"NOUN", "VERB"}:
        return False
    text = doc.masked
    if _plain_continuation(text, start + len(word)) != "of":
        return False
    stop = regex.compile(r"[.!?;:\n]").search(text, start + len(word), min(len(text), start + len(word) + 60))
    after = _WORD.finditer(text, start + len(word), stop.start() if stop else min(len(text), start + len(word) + 60))
    return not any(_is_cap(m[0]) for _, m in zip(range(4), after, strict=False)) and _common_capital(word)


_PARTICLES = frozenset(["out", "down", "off", "away", "back", "aside"])  # not "up": a film after "watched"


def _particle_after_verb(doc: Document, start: int, word: str, prev: tuple[int, int] | None) -> bool:
    """The particle of a phrasal verb, capitalised right after the verb, with the sentence going on
    in lower case: ``find Out about``, ``stepping Down in March``, ``pointed Out that`` (not ``with Down
    syndrome``: no verb before it)."""
    text, lower = doc.masked, word.lower()
    if lower not in _PARTICLES or prev is None:
        return False
    before = text[prev[0] : prev[1]]
    found = classes(before)
    if not before.islower() or before in _words().function or not found or "VERB" not in found:
        return False
    return _plain_continuation(text, start + len(word)) is not None


def _noun_after_adjective(doc: Document, start: int, word: str, prev: tuple[int, int] | None) -> bool:
    """A noun capitalised after a lower-case adjective, before a function word or an auxiliary:
    ``a possible Recession would``, ``a sharp Decline in``. Office and institution words stay
    (``the new Government will``: house styles capitalise them), and so does a noun before another
    noun (``the new Labour leader``)."""
    text, lower = doc.masked, word.lower()
    if prev is None or len(word) < 4:
        return False
    before = text[prev[0] : prev[1]]
    found, mine = classes(before), classes(lower)
    if not before.islower() or before in _words().function or not found or "VERB" in found:
        return False
    if not mine or "NOUN" not in mine or not mine <= ({"NOUN", "VERB"} if "ADJ" in found else {"NOUN"}):
        return False  # after a noun, a noun only: "the impeachment Hearings as"
    nxt = _plain_continuation(text, start + len(word))
    if nxt is None or not (nxt in _words().function or nxt in lexicon().auxiliaries):
        return False
    return _common_capital(word)


def _named_in_document(doc: Document, word: str) -> bool:
    """The document writes ``word`` capitalised at least twice where no position asks for it, once
    at least on its own (no capitalised word beside it), and never in lower case: a name even if
    English has the word (``Trump``, ``Hood``; not ``Lantern`` of ``The Lantern Awakened``)."""
    bare = word[:-2] if word.endswith(("’s", "'s")) else word
    model = names_model(doc)
    found = model.occurrences.get(bare, ())
    alone = any(not (o.first or o.before or o.after) for o in found)
    return alone and sum(not o.first for o in found) >= 2 and model.lower_count(bare.lower()) == 0


def _phrase_written_lowercase(doc: Document, start: int, word: str, prev: tuple[int, int] | None) -> bool:
    """A verb form and the lower-case word after it stand elsewhere in the document, both in lower
    case, and the capital is written nowhere else where no position asks for it: ``start by
    Cutting back`` … ``cutting back``, ``and Pay down your`` … ``pay down``. After a lower-case
    word or a comma; a noun or an adjective stays (``Labour party`` … ``labour party``: names
    start with those)."""
    text = doc.masked
    if prev is not None and not text[prev[0]].islower():
        return False
    if prev is None and text[:start].rstrip(" \t")[-1:] != ",":
        return False
    end = start + len(word)
    following = _WORD.match(text, end + 1) if text[end : end + 1] == " " else None
    if following is None or not following[0].islower() or len(word) < 3:
        return False
    if _capitalised_by_choice(doc, word) > 1 or name_entry(word) is not False or not lowercase_in_dictionary(word):
        return False
    lower = word.lower()
    if not (_verb_form(lower) or _ing_form_known(lower) or (lower.endswith("ing") and knows(lower))):
        return False  # a verb, not a noun or an adjective: those start names ("Labour party")
    phrase = f"{lower} {following[0]}"
    at = text.find(phrase)
    while at >= 0:
        if _is_whole_word(text, at, at + len(phrase)):
            return True
        at = text.find(phrase, at + 1)
    return False


def _capitalised_by_choice(doc: Document, word: str, *, alone: bool = False) -> int:
    """How often the document capitalises ``word`` where no position asks for a capital: not the
    first word of a sentence, a heading, a list item or a quotation (``1. Live below your means``,
    ``Early retirement is …`` say nothing of ``live`` and ``early``; ``"The First Israeli Ninja"``
    does). With ``alone``, only where no capitalised word stands beside it (over a comma): a
    title's words (``Think, Save, Retire``) are not counted."""
    text, n, size = doc.masked, 0, len(word)
    at = text.find(word)
    while at >= 0:
        end = at + size
        c = text[end : end + 1]
        possessive = c in "’'" and text[end + 1 : end + 2] in ("s", "") and not _is_word_char(text, end + 2)
        whole = c == "" or possessive or not (_letter(c) or c in "-’'")
        if whole and _starts_word(text, at):
            j = at - 1
            while j >= 0 and text[j] in " \t":
                j -= 1
            if j >= 0 and text[j] not in _POSITION_CAPITALS and not _LIST_LABEL.search(text, max(0, j - 5), j + 1):
                n += not alone or not _beside_capital(text, at, end)
        at = text.find(word, at + 1)
    return n


def _beside_capital(text: str, start: int, end: int) -> bool:
    """A capitalised word stands just before ``start`` or just after ``end`` (over a comma)."""
    before = regex.search(r"(\p{L}+)[,]?[ \t]+$", text[max(0, start - 40) : start])
    after = regex.match(r"[,]?[ \t]+(\p{L}+)", text[end : end + 40])
    return any(m is not None and m[1][:1].isupper() for m in (before, after))


def _opening_slot_word(doc: Document, word: str, start: int) -> bool:
    """``word`` at ``start`` is the first word of its sentence and a slot word (:func:`_slot`) that
    starts no name: ``Many``, ``Several``, ``They`` (not ``The``, ``A``: ``The Times``)."""
    lower = word.lower()
    if lower in _words().name_openers or lower not in _words().slots:
        return False
    return _is_first_word(doc, start)


def _article_after_opening(doc: Document, at: int, first: str, start: int, word: str) -> bool:
    """``The`` or ``A`` after the sentence's first word, a preposition or a conjunction, with the
    sentence going on in lower case after it: ``During The later hearing``, ``In The end``. A
    title or a name goes on in capitals (``In The Hague``, ``During The Troubles``)."""
    if word not in ("The", "A", "An") or not first[1:].islower():
        return False
    lower = first.lower()
    if lower not in _words().function or lower in _words().name_openers or lower in _words().slots:
        return False  # "This The", "They The": no preposition
    end = start + len(word)
    following = _WORD.match(doc.masked, end + 1) if doc.masked[end : end + 1] == " " else None
    if following is None or not following[0].islower() or following[0] in _words().function:
        return False
    return _plain_continuation(doc.masked, end) is not None and _is_first_word(doc, at)


def _opening_common_noun(doc: Document, word: str, start: int) -> bool:
    """``word`` at ``start`` is the first word of its sentence and a noun the lexicon lists and the
    dictionary writes in lower case only (``Lawmakers``, ``Investors``; not ``Apple``)."""
    found = classes(word)
    if not found or "NOUN" not in found or not found <= {"NOUN", "VERB"} or not word[1:].islower():
        return False
    return _is_first_word(doc, start) and _common_capital(word)


def _opening_verb(doc: Document, word: str, start: int) -> bool:
    """``word`` at ``start`` is the first word of its sentence and an inflected verb (``Got``)."""
    return _is_first_word(doc, start) and len(word) >= 3 and _verb_form(word.lower())


def _clause_verb(text: str, start: int, word: str) -> bool:
    """A regular ``-ed`` verb or the ``-s`` form of a verb-only stem, that English writes only in
    lower case, with a lower-case word after it: the verb of the clause, not the end of a name
    (``Ashford United``, ``Molly Learned``, ``Lowe’s Reports``: a noun too, stay silent). The
    caller asks that the word before it be a name, not a common word (``Harbor Tents``)."""
    lower = word.lower()
    end = start + len(word)
    if lower in lexicon().irregular_past and only(lower, "VERB") and name_entry(word) is False:
        return _object_follows(text, end) is not None and not _capital_after(text, end)  # "Noem Told the"
    if lower in _words().name_endings or lower in lexicon().irregular_past:
        return False
    following = _WORD.match(text, end + 1) if text[end : end + 1] == " " else None
    if following is None or not following[0].islower() or following[0] in ("and", "or", "nor", "but"):
        return False  # a list of names or products: "Harbor Tents and"
    if name_entry(word) is not False:
        return False
    if lower.endswith("ed"):
        return _verified_suffix(lower)
    # a noun too only before its object: "Okafor Shares the prize" (not "Harbor Tents on sale")
    return _verb_s_form(lower) or (_verb_s_any(lower) and following[0] in _OBJECT_STARTS)


def _article_written_lowercase(doc: Document, start: int, word: str) -> bool:
    """``The`` or ``A`` before a capitalised word, after a lower-case word, where the document
    writes the article in lower case before that same word elsewhere in running text and the
    capitalised article nowhere else in running text, and the capitals stop after that word: no
    name starts with the article (``The Times`` does, and so do titles: ``The Lantern Awakens``)."""
    text = doc.masked
    prev = _previous_word(text, start)
    if word not in ("The", "A", "An") or prev is None or not text[prev[0]].islower():
        return False
    end = start + len(word)
    nxt = _WORD.match(text, end + 1) if text[end : end + 1] == " " else None
    if nxt is None or len(nxt[0]) < 3 or _capital_after(text, nxt.end()):
        return False  # a longer run of capitals is a title: "playing The Lantern Awakens"
    lowered, capitalised = f" {word.lower()} {nxt[0]}", f"{word} {nxt[0]}"
    at, others = text.find(capitalised), False
    while at >= 0 and not others:
        others = at != start and not _is_first_word(doc, at)
        at = text.find(capitalised, at + 1)
    return not others and lowered in text


def _verb_follows(text: str, end: int) -> bool:
    """The word after ``end`` is a lower-case finite verb: ``said``, ``has``, ``transforms``."""
    following = _WORD.match(text, end + 1) if text[end : end + 1] == " " else None
    if following is None or not following[0].islower():
        return False
    w = following[0]
    third_person = len(w) >= 5 and w.endswith("s") and not w.endswith("ss") and zipf(w[:-1]) >= 3.5
    return any_finite([w]) or third_person


def _written_lowercase(doc: Document, start: int, word: str, prev: tuple[int, int] | None, next_cap: bool) -> bool:
    """A common word capitalised once, between two lower-case words, that the document writes
    in lower case elsewhere: ``find a State slogan`` … ``the state``."""
    text, words = doc.masked, _words()
    lower = word.lower()
    if prev is None or next_cap or not text[prev[0]].islower() or len(word) < 3 or lower in words.title_words:
        return False
    end = start + len(word)
    following = _WORD.match(text, end + 1) if text[end : end + 1] == " " else None
    if following is None or not following[0].islower() or following[0] in words.function:
        return False  # the anchor goes on in lower case: "a State slogan", "a Kettle descaler which"
    if lower in words.particles:
        return False  # "according to Van der Meulen"
    if text[prev[0] : prev[1]] in words.function and _capital_before(text, prev[0]):
        return False  # a title or a name across a function word: "Rope and Anchor", "School of Forestry"
    if following[0] in words.function and _capital_after(text, following.end()):
        return False  # "Owl on the Roof", "Plant a Dream"
    return names_model(doc).lower_count(lower) > 0 and lowercase_in_dictionary(word)


def _capital_before(text: str, start: int) -> bool:
    """The word before ``start`` (over spaces, and one more function word) is capitalised."""
    prev = _previous_word(text, start)
    if prev is not None and text[prev[0] : prev[1]] in _words().function:
        prev = _previous_word(text, prev[0])
    return prev is not None and _is_cap(text[prev[0] : prev[1]])


def _capital_after(text: str, end: int) -> bool:
    """The next word after ``end`` (over one more function word) is capitalised."""
    nxt = _WORD.match(text, end + 1) if text[end : end + 1] == " " else None
    if nxt is not None and nxt[0] in _words().function:
        nxt = _WORD.match(text, nxt.end() + 1) if text[nxt.end() : nxt.end() + 1] == " " else None
    return nxt is not None and _is_cap(nxt[0])


def _follows(text: str, last: tuple[int, int] | None, start: int) -> bool:
    """True when the previous word in the text is the last flagged one."""
    return last is not None and not any(c.isalpha() for c in text[last[1] : start])


def _linked_common_word(doc: Document, start: int, end: int, lower: str) -> bool:
    """The markup says a link of several words starts here (``[Kettle descaler](…)``), the anchor goes
    on in lower case, and the document or the language writes the word in lower case. A one-word
    anchor (``[Science](…)``, a journal) is too often a name."""
    anchor_end = _anchor_starts(doc).get(start)
    if anchor_end is None:
        return False
    nxt = _WORD.search(doc.masked, end)
    if nxt is None or nxt.end() > anchor_end or not nxt[0].islower() or not doc.masked[end : nxt.start()].isspace():
        return False
    if nxt[0] in _words().function and _capital_after(doc.masked, nxt.end()):
        return False  # a title: "[Physician on FIRE](…)"
    return _lower_count(doc, lower) > 0 or lowercase_in_dictionary(lower)


def _anchor_goes_on_lowercase(doc: Document, start: int, end: int) -> bool:
    """A link anchor starts at ``start`` and a later word of it is in lower case."""
    anchor_end = _anchor_starts(doc).get(start)
    if anchor_end is None:
        return False
    return any(m[0].islower() for m in _WORD.finditer(doc.masked, end, anchor_end))


def _runs(text: str, hits: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Group flagged words separated only by spaces: ``Said In``."""
    runs: list[list[tuple[int, int]]] = []
    for hit in hits:
        if runs and _adjacent(text, runs[-1][-1][1], hit[0]):
            runs[-1].append(hit)
        else:
            runs.append([hit])
    return runs


@rule(code="LK001", name="capitalised-mid-sentence", category=Category.LINKS,
      severity=Severity.WARNING, fix=FixAvailability.ALWAYS)  # fmt: skip
def capitalised_mid_sentence(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag a common word capitalised in the middle of a sentence, as in ``Morales Said In March``.

    Why: a link anchor translated on its own comes back with a capital where it is pasted in.
    Names and titles stay silent: a word the document capitalises elsewhere, the parts of a
    capitalised run (``the White House``, ``The Times``), acronyms, months, the first word of a
    sentence, a quotation, or after a colon, and headings and list items. Flagged: closed-class
    words, frequent verbs and verified ``-ed``/``-ly`` forms, a word the document writes in lower
    case, and, with the hunspell dictionary, a word English writes only in lower case where the
    grammar wants one (``aimed to Introduce``, ``the Coastal survey``, ``highly Critical``), and,
    with the parts of speech of lemminflect's lexicon (:mod:`cleanup.analysis.pos`), a verb after its
    subject, a comma, a pronoun or ``and`` (``the talks Stalled again``, ``Hood, Lost by five``), a
    noun after an adjective or before ``of`` (``a sharp Decline in``, ``the Outcome of the vote``),
    an adjective only before its noun (``a Large number``), a frequent singular noun after ``the``
    or ``a`` before a verb, a preposition or the full stop even where the document never writes it
    in lower case (``the Economy could tank``, ``a Recipe for``, ``about the Economy.``; not
    ``the Company will``, ``the Hill has``, ``the Giants will``). Titles after ``film`` or ``book``,
    institutions, offices, regions and newspapers stay (``the film Frozen``, ``the new Cabinet``).
    Fix (unsafe): lowercase the word; safe when the markup says a link anchor starts there.

    >>> fixed("LK001", "Morales Said In March that the regional audit To public contracts.")
    'Morales said in March that the regional audit to public contracts.'
    >>> fixed("LK001", "According to The Times, President Joe Biden met the White House press.")
    'According to The Times, President Joe Biden met the White House press.'
    >>> from cleanup.analysis.spelling import available  # the parts-of-speech tests need the dictionary too
    >>> got = fixed("LK001", "The talks Stalled after a sharp Decline in trade.")
    >>> got == "The talks stalled after a sharp decline in trade." or not available()
    True
    >>> flagged("LK001", "The film Frozen in 2013 was seen by the new Cabinet.")
    []
    >>> got = fixed("LK001", "Some fear the Economy could slow. The Company will pay.")
    >>> got == "Some fear the economy could slow. The Company will pay." or not available()
    True
    """
    anchors = _anchor_starts(doc)
    text = doc.text
    for run in _runs(doc.masked, _capital_hits(doc)):
        start, end = run[0][0], run[-1][1]
        edits = [Edit.replace(a, a + 1, text[a].lower()) for a, _ in run]
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
    """Flag a word repeated just before a pasted-in anchor: ``of fraud A long record of tax fraud``.

    Why: the translator inserted the anchor's head noun in front of it, and the anchor still
    contains it. The capital on the anchor's first word marks where the anchor starts.
    Fix (unsafe): delete the duplicated word and lowercase the anchor's first word.

    >>> fixed("LK003", "The court previously accused the firm of fraud A long record of tax fraud in Spain.")
    'The court previously accused the firm of a long record of tax fraud in Spain.'
    >>> fixed("LK003", "It was accused of fraud. A long record of tax fraud followed.")
    'It was accused of fraud. A long record of tax fraud followed.'
    """
    hits = _capital_hits(doc)
    if not hits:
        return
    text = doc.masked
    words = _words()
    sentence_ends = [s.end for s in doc.sentences]
    for start, end in hits:
        prev = _previous_word(text, start)
        if prev is None:
            continue
        head = text[prev[0] : prev[1]]
        if not head.islower() or head in words.function or len(head) < 3:
            continue
        k = bisect.bisect_right(sentence_ends, start)
        limit = sentence_ends[k] if k < len(sentence_ends) else len(text)
        following = _WORD.finditer(text, end)
        for _, m in zip(range(8), following, strict=False):
            if m.start() >= limit:
                break
            if _same_head(m[0], head):
                fix = Fix.unsafe(
                    f"Delete {head!r} before the link text",
                    Edit.delete(prev[0], start),
                    Edit.replace(start, start + 1, text[start].lower()),
                )
                message = f"{head!r} repeats the head of the pasted-in text that follows"
                yield spec.finding(prev[0], end, message, fix=fix)
                break


# -- LK004: names written in lower case ---------------------------------------------------------
def _name_runs(doc: Document) -> dict[tuple[str, ...], str]:
    """Capitalised runs of two or more words (``New York Times``), keyed by their lowercase words.

    A leading article is dropped. Runs made only of office and title words are left out.
    """
    return {key: spelling for key, (spelling, _) in doc.memo(_scan_name_runs).items()}


def _scan_name_runs(doc: Document) -> dict[tuple[str, ...], tuple[str, list[int]]]:
    """Each name's most used spelling and where it is written."""
    words = _words()
    out: dict[tuple[str, ...], dict[str, int]] = {}
    where: dict[tuple[str, ...], list[int]] = {}
    for start, run in capital_runs(doc):
        if " " not in run and "\t" not in run:
            continue
        for spelling, name in _names_in_run(run):
            key = tuple(map(str.lower, name))
            if not words.title_words.issuperset(key):
                spellings = out.setdefault(key, {})
                spellings[spelling] = spellings.get(spelling, 0) + 1
                where.setdefault(key, []).append(start)
    return {key: (max(spellings, key=spellings.__getitem__), where[key]) for key, spellings in out.items()}


def _outside_headlines(doc: Document, key: tuple[str, ...]) -> bool:
    """The name is capitalised somewhere other than a headline or product name in title case."""
    _, starts = doc.memo(_scan_name_runs)[key]
    return any(not title_case_sentence(doc, _sentence_index(doc, start)) for start in starts)


def _capitals_flagged(doc: Document, key: tuple[str, ...]) -> bool:
    """Every capitalised writing of the name starts with a capital LK001 flags (``and Slammed
    Varnell``): a pasted-in capital, no evidence for one elsewhere (the two fixes would undo each other)."""
    _, starts = doc.memo(_scan_name_runs)[key]
    hits = {a for a, _ in _capital_hits(doc)}
    return all(start in hits for start in starts)


def _run_in_running_text(doc: Document, spelled: list[str]) -> bool:
    """The name's first two words are written capitalised together in running text: not as the
    first words of a sentence or after an opening mark (``As Iran``, ``“Their American``), not in a
    quotation (a title cited), a headline or a product list (``Fast Setup Manual``)."""
    first, second = spelled[0], spelled[1]
    return any(
        o.after == second and not (o.first or o.heading or o.quoted)
        for o in names_model(doc).occurrences.get(first, ())
    )


def _sentence_index(doc: Document, offset: int) -> int:
    return bisect.bisect_right(doc.sentence_starts, offset) - 1


def _names_in_run(run: str) -> list[tuple[str, list[str]]]:
    """``(spelling, words)`` of the names of two or more words in a run of capitalised words.

    A single capital splits the run (``Franklin D Roosevelt``); a leading article is dropped.
    """
    groups = [run] if min(map(len, run.split())) > 1 else _LONG_WORDS.findall(run)
    function = _words().function
    out = []
    for group in groups:
        for owned in _POSSESSIVE_END.split(group):  # "Blue Origin’s New Glenn": two names
            parts = owned.split()
            while parts and parts[0].lower() in function:  # "The", a title's "On": not part of the name
                owned, parts = owned[len(parts[0]) :].lstrip(" \t"), parts[1:]
            if len(parts) >= 2:
                out.append((owned, parts))
    return out


def _lowercased_names(doc: Document) -> list[tuple[int, int, str]]:
    """``(start, end, spelling)`` of each lowercase name the document spells capitalised elsewhere:
    runs of words (``new york times``), then single names (``noem``) outside them."""
    return doc.memo(_scan_all_lowercased)


def _scan_all_lowercased(doc: Document) -> list[tuple[int, int, str]]:
    runs = _scan_lowercased_names(doc)
    runs += [hit for hit in _lowercased_name_ends(doc) if not any(a < hit[1] and hit[0] < b for a, b, _ in runs)]
    taken = [(a, b) for a, b, _ in runs]
    singles: list[tuple[int, int, str]] = []
    for hit in _lowercased_single_names(doc):
        if any(a < hit[1] and hit[0] < b for a, b in taken):
            continue
        hit = _whole_name(doc, hit)
        if hit[1] - hit[0] > len(hit[2].split()[0]):
            taken.append((hit[0], hit[1]))
            singles = [h for h in singles if not (hit[0] <= h[0] < hit[1])]
        singles.append(hit)
    return sorted(runs + singles)


def _whole_name(doc: Document, hit: tuple[int, int, str]) -> tuple[int, int, str]:
    """The lowercased word widened to the longer name it starts when the rest of that name kept
    its last capital (``korean central press Bureau`` … ``Korean Central Press Bureau``): the fix
    writes the document's spelling of the whole name."""
    start, _, word = hit
    text = doc.masked
    low = word.lower()
    for key, spelling in sorted(_name_runs(doc).items(), key=lambda kv: -len(kv[0])):
        if key[0] != low or len(key) > _LONGEST_NAME:
            continue
        spelled = spelling.split()
        end = _match_words(text, start, key, spelled)
        if end < 0:
            continue
        written = text[start:end].split()
        if len(written) == len(spelled) and written[-1] == spelled[-1] and written != spelled:
            return start, end, spelling  # lowercased between the capitals of one name: no house style
    return hit


def _lowercased_single_names(doc: Document) -> Iterator[tuple[int, int, str]]:
    """A word the document writes once in lower case and elsewhere capitalised in running text,
    that is a name by the names model (English does not write it in lower case)."""
    model = names_model(doc)
    words = _words()
    text = doc.masked
    lower = model.lower
    count = lower.counts.get
    for word in model.occurrences:
        if len(word) < 3 or count(low := word.lower(), 0) != 1:
            continue
        spots, occurrences = lower[low], model.occurrences[word]
        mid_heading = [_sentence_case_heading(doc, o) for o in occurrences]
        if all(o.heading and not mid for o, mid in zip(occurrences, mid_heading, strict=True)) and (
            common_word(word) or not _name_beside(doc, word, spots[0])
        ):
            continue  # a title's capitals are no evidence, unless only a name explains the word
        if all(
            o.first or (o.heading and not mid) for o, mid in zip(occurrences, mid_heading, strict=True)
        ) and not _name_beside(doc, word, spots[0]):
            continue  # capitalised only where a sentence starts: "Ferritin, which …" … "of ferritin that"
        if common_word(word) and not _name_though_common(doc, word, spots[0]):
            continue  # a word English writes in lower case, unless the document makes it a name
        if low in words.particles or low in words.function or low in words.verbs or low in words.title_words:
            continue
        at = spots[0]
        if (
            doc.is_protected(at)
            or text[at - 1 : at] in ("@", "#", "/", ".", "_", "-")
            or not (
                any(not o.quoted or _alone_unknown(word, o) for o in occurrences)
                or (not common_word(word) and unknown_word(word) and _name_beside(doc, word, at))
            )
        ):
            continue
        yield at, at + len(low), word


def _sentence_case_heading(doc: Document, o: NameOccurrence) -> bool:
    """A capital inside a heading written in sentence case, not its first word: only a name
    explains it (``Girl missing in Velmora``; not ``Stainless Hose Clamps``)."""
    return o.heading and not o.first and not title_case_sentence(doc, _sentence_index(doc, o.start))


def _alone_unknown(word: str, o: NameOccurrence) -> bool:
    """A capital in a quotation that only a name explains: a word no dictionary knows, in mid-sentence,
    no capitalised word beside it (``“the talks with Velmora”``; a title cited has capitals around)."""
    return not (o.first or o.heading or o.before or o.after) and unknown_word(word)


def _name_beside(doc: Document, word: str, at: int) -> bool:
    """Evidence for a name the document capitalises only at sentence starts: the dictionary lists
    it with a capital (``Colombia``, ``Dublin``), usage knows it well though no dictionary lists it
    (``Alibaba``; not a rare technical term such as ``ferritin``), or where it is lowercased a capitalised word
    stands right beside it, a given name or a surname (``Dario lindqvist``, ``tobias Okafor``), or no
    dictionary knows it and the document writes it capitalised beside another name."""
    if name_entry(word) or (unknown_word(word) and zipf(word.lower()) >= _USAGE_NAME):
        return True  # the language's own capital, or a name usage knows that no dictionary lists
    if unknown_word(word) and any(
        (o.before and not common_word(o.before)) or (o.after and not common_word(o.after))
        for o in names_model(doc).occurrences.get(word, ())
    ):
        return True  # no dictionary knows it, and the document writes it beside another name: "Viktoriya Ostrova"
    text = doc.masked
    prev = _previous_word(text, at)
    end = at + len(word)
    nxt = _WORD.match(text, end + 1) if text[end : end + 1] == " " else None
    return (prev is not None and _is_cap(text[prev[0] : prev[1]])) or (nxt is not None and _is_cap(nxt[0]))


def _name_though_common(doc: Document, word: str, at: int) -> bool:
    """A word English also writes in lower case that the document makes a name: capitalised twice
    in running text (and rare, or unknown as a word); or once on its own in running text (not in
    a run of capitals), when the dictionary lists it with a capital and the document writes it
    capitalised more often than not (``Medicare`` ×2, ``medicare`` ×1; not ``our Fatherland`` …
    ``a distant fatherland``), or lowercased after the given name the document writes with it
    (``Maria lopes`` … ``Maria Lopes``) or before the surname (``rosa Okafor`` … ``Rosa Okafor``)."""
    model, low = names_model(doc), word.lower()
    frequency = zipf(low)
    if model.running_count(word) >= 2 and (
        unknown_word(word) or (frequency < _COMMON_NAME and not low.endswith(("ing", "ed", "ly")))
    ):
        return True
    occurrences = model.occurrences.get(word, ())
    running = [o for o in occurrences if not (o.first or o.heading or o.quoted)]
    prev = _previous_word(doc.masked, at)
    given = doc.masked[prev[0] : prev[1]] if prev else ""
    if unknown_word(word) and (_given_name(given) or any(_given_name(o.before) for o in running)):
        return True  # no dictionary knows it, a surname after a given name: "Rafael okoro", "Rafael Okoro" … "okoro"
    if prev is not None and _surname_after_given(doc, word, at, given, occurrences):
        return True  # "Carla truss" … "Carla Truss said", or "Truss added" after a name no dictionary writes small
    if not running or low.endswith(("ing", "ed", "ly")):
        return False
    if (
        given
        and _is_cap(given)
        and (not common_word(given) or unknown_word(word))
        and any(o.before == given for o in running)
    ):
        return True  # a given name and its surname, written as a unit elsewhere ("Tel Aviv" … "Tel aviv")
    end = at + len(word)
    nxt = _WORD.match(doc.masked, end + 1) if doc.masked[end : end + 1] == " " else None
    surname = regex.sub(r"['’]s?$", "", nxt[0]) if nxt else ""
    if surname and _is_cap(surname) and not common_word(surname) and any(o.after == surname for o in running):
        return True  # the given name lowercased before the surname: "rosa Okafor’s" … "Rosa Okafor"
    if not any(not (o.before or o.after) for o in running):
        return False  # only in runs of capitals (a product, a title) or at sentence starts
    return frequency < _COMMON_NAME and bool(name_entry(word)) and len(occurrences) >= 2


def _surname_after_given(
    doc: Document, word: str, at: int, given: str, occurrences: tuple[NameOccurrence, ...]
) -> bool:
    """A common word lowercased right after a capitalised name, that the document capitalises
    elsewhere: after the same name in running text (``Anna rose`` … ``said Anna Rose``), or, when
    the name before it is a name by the dictionary or no dictionary knows it (``Liz``, ``Elon``),
    anywhere, even where a sentence starts (``Elon musk`` … ``Musk said``), unless the word is a
    verb form there (``Anna rose to speak``)."""
    text, low = doc.masked, word.lower()
    if not given or not given[:1].isupper() or not given[1:].islower() or len(given) < 2:
        return False
    if text[at - len(given) - 1 : at] != given + " " or given.lower() in _words().function:
        return False
    words = _words()
    if low in words.styled_nouns or low in words.title_words or low in words.institutions or low in words.work_nouns:
        return False  # "the Biden administration": house styles differ on office and body words
    if lowercase_in_dictionary(given) and not name_entry(given):
        return False  # "Rose petals", "Bright sunshine": the word before is a common word
    if low.endswith(("ed", "ing", "ly")):
        return False  # a verb or an adverb after its subject: "Hood Tweeted" is LK001's
    flagged = {a for a, _ in _capital_hits(doc)}
    if any(
        o.before == given and not (o.first or o.heading or o.quoted) and o.start not in flagged for o in occurrences
    ):
        return True
    if not (name_entry(given) or unknown_word(given)) or _verb_form(low):
        return False
    if zipf(low) >= _COMMON_NAME or given.endswith(("s", "an", "ese", "ish")):
        return False  # a frequent word, or after a team or a people: "the Commodores coach", "a Russian opera"
    found = classes(low)
    if found is None or "NOUN" not in found or (low.endswith("s") and not low.endswith("ss")):
        return False
    end = at + len(word)
    return text[end : end + 1] in (",", ".", " ", "’", "'", ";", ":") and len(occurrences) >= 1


_LONGEST_NAME = 8  # words: "Bank of the Republic of the Coastal Provinces" is long for a name


def _lowercased_name_ends(doc: Document) -> Iterator[tuple[int, int, str]]:
    """A name of three words or more whose first words kept their capitals and the last lost them
    (``Harbin Regional investors`` … ``Harbin Regional Investors``), office words aside."""
    names = _name_runs(doc)
    heads: dict[tuple[str, ...], list[tuple[str, ...]]] = {}  # the first words as spelled -> names
    for key, spelling in names.items():
        spelled = tuple(spelling.split())
        if len(spelled) > _LONGEST_NAME:
            continue  # a run of capitals longer than any name (a title-case page): no name, and linear
        for n in range(2, len(spelled)):
            heads.setdefault(spelled[:n], []).append(key)
    if not heads:
        return
    text, title_words, model = doc.masked, _words().title_words, names_model(doc)
    longest = max(map(len, heads))
    for start, run in capital_runs(doc):
        written = run.split()
        for n in range(min(len(written), longest), 1, -1):
            for key in heads.get(tuple(written[-n:]), ()):
                rest = key[n:]
                if title_words.intersection(rest):
                    continue  # "the Harbin Regional council": house styles lowercase office words
                at = start + len(run)
                end = _match_words(text, at + 1, rest) if text[at : at + 1] in (" ", "\t") else -1
                if end < 0 or not _outside_headlines(doc, key) or _capitals_flagged(doc, key):
                    continue
                full = names[key].split()
                if not any(o.before == full[-2] and not o.heading for o in model.occurrences.get(full[-1], ())):
                    continue  # capitalised in full only in a heading or a headline: a title's capitals
                first = start + len(run) - len(" ".join(written[-n:]))
                if text[first:at] != " ".join(written[-n:]):
                    continue  # spaced otherwise than one space: left alone
                yield first, end, names[key]
                break
            else:
                continue
            break


def _given_name(word: str) -> bool:
    """The dictionary lists ``word`` only with a capital (``Rafael``, ``Maria``; not ``Apple``)."""
    return len(word) > 2 and knows(word.lower()) is False and bool(knows(word))


def _scan_lowercased_names(doc: Document) -> list[tuple[int, int, str]]:
    title_words = _words().title_words
    names = _name_runs(doc)
    if not names:
        return []
    text = doc.masked
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for key in sorted(names, key=len, reverse=True):
        by_first.setdefault(key[0], []).append(key)
    found: list[tuple[int, int, str]] = []
    for start in sorted(_name_starts(doc, names)):
        first = _WORD.match(text, start)
        for key in by_first.get(first[0] if first else "", []):
            end = _match_words(text, start, key, names[key].split())
            if end < 0:
                continue
            if text[start:end] != text[start:end].lower():
                written = text[start:end].split()
                lowered = [w for w in written if w.islower()]
                n = len(lowered)  # the first words lost their capitals, the rest kept theirs
                only_first = 0 < n < len(written) and written[:n] == lowered and written[n:] == names[key].split()[n:]
                if (
                    only_first
                    and not title_words.intersection(lowered)
                    and _run_in_running_text(doc, names[key].split())
                    and not _capitals_flagged(doc, key)
                ):
                    found.append((start, end, names[key]))  # the first word lost its capital, the rest kept theirs
                    break
                continue  # "president Joe Biden": house styles lowercase office words
            # one of its words is never written in lower case anywhere else in the document
            both_ways = _written_both_ways(text, names[key]) or _broken_once(doc, names[key])
            if (
                not both_ways
                and not any(_lower_count(doc, k) <= 1 for k in key if k not in title_words)
                and not _acronym_written(doc, key)
            ):
                continue
            if len(key) < 3 and not (
                both_ways
                or _name_evidence(doc, start, end)
                or _has_name_word(names[key])
                or _word_named_alone(doc, names[key])
                or (_part_of_longer_name(doc, key) and _between_capitals(text, start, end))
                or _after_name_of(doc, start)
            ):
                continue  # two words need a second sign: a sentence start, an anchor, a stray capital, a name
            if not _outside_headlines(doc, key):
                continue  # "Stainless Hose Clamps, Silver": a product name capitalises common words
            found.append((start, end, names[key]))
            break
    return found


def _acronym_written(doc: Document, key: tuple[str, ...]) -> bool:
    """The document writes the initials of the name's words as an acronym (``Deep Ocean Probe``
    … ``DOP``): a name of common words, not a phrase."""
    initials = "".join(w[0] for w in key if w not in _words().function).upper()
    pattern = rf"(?<![\p{{L}}\p{{N}}]){initials}(?![\p{{L}}\p{{N}}])"
    return len(initials) >= 2 and regex.search(pattern, doc.text) is not None


def _after_name_of(doc: Document, start: int) -> bool:
    """The words stand after ``of`` that follows two capitalised words in running text, a name
    nesting another (``the Eastern Court of novara province`` beside ``Novara Province``)."""
    text = doc.masked
    prev = _previous_word(text, start)
    if prev is None or text[prev[0] : prev[1]] != "of" or prev[1] + 1 != start:
        return False
    head = _previous_word(text, prev[0])
    first = _previous_word(text, head[0]) if head is not None and head[1] + 1 == prev[0] else None
    return (
        head is not None
        and first is not None
        and first[1] + 1 == head[0]
        and _is_cap(text[head[0] : head[1]])
        and _is_cap(text[first[0] : first[1]])
        and not _is_first_word(doc, first[0])
    )


def _has_name_word(spelling: str) -> bool:
    """Some word of the run is a name that English does not write in lower case (``South Dakota``)."""
    return any(len(w) > 2 and not common_word(w) for w in spelling.split())


def _between_capitals(text: str, start: int, end: int) -> bool:
    """Capitalised words on both sides, over one small word each: ``Rock and … of Fame``."""
    return _capital_before(text, start) and _capital_after(text, end)


def _part_of_longer_name(doc: Document, key: tuple[str, ...]) -> bool:
    """The document writes the name capitalised inside a longer name, capitals on both sides
    (``Jazz and Blues Museum of Oslo``): lowercased inside the same capitals it lost them."""
    text, spelling = doc.masked, _name_runs(doc)[key]
    _, starts = doc.memo(_scan_name_runs)[key]
    for run_start in starts:
        at = text.find(spelling, run_start, run_start + 400)
        if at >= 0 and _between_capitals(text, at, at + len(spelling)):
            return True
    return False


def _word_named_alone(doc: Document, spelling: str) -> bool:
    """The document writes a word of the name capitalised on its own in running text, as a name
    (``Amnesty International`` … ``said Amnesty``; ``President Okafor`` … ``Okafor said``), office
    and institution words aside."""
    model = names_model(doc)
    return any(
        not (o.first or o.heading or o.quoted or o.before or o.after)
        for word in spelling.split()
        if len(word) > 2 and word.lower() not in _words().title_words
        for o in model.occurrences.get(word, ())
    )


def _written_both_ways(text: str, spelling: str) -> bool:
    """The document writes the run capitalised at least twice and once in lower case: its own
    convention, broken once (``the White House`` … ``white house involvement``)."""
    return text.count(spelling) >= 2 and text.count(spelling.lower()) == 1


def _broken_once(doc: Document, spelling: str) -> bool:
    """The document writes the run once in lower case, not after ``a``, and otherwise capitalised
    in running text after a lower-case word, as a whole run (not part of a longer name, not the
    title of a work), not in a quotation or a heading (``said the White House`` … ``white house
    aides``)."""
    text = doc.masked
    low = spelling.lower()
    if text.count(low) != 1 or spelling not in text:
        return False
    lowered = _previous_word(text, text.index(low))
    if lowered is not None and text[lowered[0] : lowered[1]].lower() in ("a", "an"):
        return False  # "a quiet garden": a common phrase
    words, work_nouns = spelling.split(), _words().work_nouns
    for o in names_model(doc).occurrences.get(words[0], ()):
        if o.after != words[1] or o.first or o.heading or o.quoted or o.before:
            continue
        if not text.startswith(spelling, o.start):
            continue
        prev = _previous_word(text, o.start)
        if prev is not None and text[prev[0]].isupper() and text[prev[0] : prev[1]] != "The":
            continue  # after another capital ("A New Haven man"): as weak as a sentence start
        if (prev is None or text[prev[0] : prev[1]] not in work_nouns) and not _longer_name_around(
            text, o.start, o.start + len(spelling)
        ):
            return True  # not the title of a work ("the sculpture Quiet Garden") nor part of a longer name
    return False


def _longer_name_around(text: str, start: int, end: int) -> bool:
    """A capitalised word or an acronym stands before or after ``[start, end)``, over small title
    words (``Small and Medium Firms``, ``NATO Defense Ministers``, ``the Plan for the …``);
    after it, ``and`` or ``or`` joins a list of names, not one name."""
    joiners = _TITLE_JOINERS
    prev = _previous_word(text, start)
    while prev is not None and text[prev[0] : prev[1]].lower() in joiners:
        prev = _previous_word(text, prev[0])
    if prev is not None and text[prev[0]].isupper():
        return True
    at = end
    while True:
        nxt = _SPACED_WORD.match(text, at)
        if nxt is None:
            return False
        if nxt[1].lower() not in joiners or nxt[1] in ("and", "or"):  # "Velmora Rail and Tarn Air": a list
            return nxt[1][0].isupper() and at != end
        at = nxt.end()


def _name_starts(doc: Document, names: dict[tuple[str, ...], str]) -> set[int]:
    """Where a lowercased name may start: every place that gives a two-word name its second sign,
    and each place the first word of a longer name is written in lower case (one scan for all names)."""
    text = doc.masked
    lower = names_model(doc).lower
    lowered = [key for key in names if lower.count(key[0])]  # the first word is written in lower case somewhere
    firsts: set[str] = set()
    for key in lowered:
        if key[0] not in firsts and (  # a first word already in is not tested again
            len(key) >= 3
            or _written_both_ways(text, names[key])
            or _broken_once(doc, names[key])
            or _has_name_word(names[key])
            or _word_named_alone(doc, names[key])
            or _part_of_longer_name(doc, key)
        ):
            firsts.add(key[0])
    out = {at for first in firsts for at in lower[first]}
    pairs: dict[str, set[str]] = {}  # second word -> first words: a name's first word lowercased before the rest
    for key in lowered:
        pairs.setdefault(key[1], set()).add(key[0])
    for start, run in capital_runs(doc) if pairs else ():  # "falcon Heavy"
        end = run.find(" ")
        heads = pairs.get(run[: end if end > 0 else len(run)].lower())
        if not heads:
            continue
        prev = _previous_word(text, start)
        if prev is not None and text[prev[0] : prev[1]] in heads:
            out.add(prev[0])
    if any(len(key) == 2 for key in names):
        out.update(at for key in lowered if len(key) == 2 for at in lower[key[0]] if _after_name_of(doc, at))
        out.update(_lowercase_sentence_starts(doc))
        out.update(_anchor_starts(doc))
        ends = list(_anchor_starts(doc))
        ends += [_previous_word_end(text, start) for start, _ in _capital_hits(doc)]
        out.update(_two_words_before(text, end) for end in ends)
    return out


def _lowercase_sentence_starts(doc: Document) -> Iterator[int]:
    text = doc.masked
    for s in doc.sentences:
        k = s.start
        while k < s.end and not text[k].isalnum():
            k += 1
        if k < s.end and text[k].islower():
            yield k


def _previous_word_end(text: str, start: int) -> int:
    """End of the last word before ``start``, whatever separates them."""
    j = start
    while j > 0 and not _is_word_char(text, j - 1):
        j -= 1
    return j


def _two_words_before(text: str, end: int) -> int:
    """Start of the word before the word ending at ``end`` (``end`` when there is none)."""
    last = _word_start(text, end)
    prev = _previous_word(text, last) if last < end else None
    return prev[0] if prev else end


def _match_words(text: str, start: int, key: tuple[str, ...], spelled: list[str] | None = None) -> int:
    """End of the words of ``key`` written from ``start``, separated only by spaces; -1 if not there.
    After the first word, a word may also be written as in ``spelled`` (``falcon Heavy``)."""
    if not _starts_word(text, start):
        return -1  # inside a longer word
    at = start
    for i, word in enumerate(key):
        if i:
            gap = at
            while at < len(text) and text[at] in " \t":
                at += 1
            if not 0 < at - gap <= 400:
                return -1
        m = _WORD.match(text, at)
        if m is None:
            return -1
        written = m[0]
        if i == len(key) - 1 and written.endswith(_POSSESSIVES) and not word.endswith(_POSSESSIVES):
            written = written[: -2 if written[-1] == "s" else -1]  # "south dakota’s": the name, then its ending
        if written != word and not (i and spelled and len(spelled) == len(key) and written == spelled[i]):
            return -1
        at = m.start() + len(written)
    return at


def _name_evidence(doc: Document, start: int, end: int) -> bool:
    """A sentence or an anchor starts at ``start``, or a flagged capital is the next word after ``end``."""
    if _is_first_word(doc, start) or start in _anchor_starts(doc) or end in _anchor_starts(doc):
        return True
    nxt = _WORD.search(doc.masked, end)
    return nxt is not None and any(a == nxt.start() for a, _ in _capital_hits(doc))


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
    >>> fixed("LK004", "Harbin Regional Securities rose. Analysts at Harbin Regional securities’ desk agreed.")
    'Harbin Regional Securities rose. Analysts at Harbin Regional Securities’ desk agreed.'
    >>> fixed("LK004", "The Harbin Regional Council met. Later the Harbin Regional council voted.")
    'The Harbin Regional Council met. Later the Harbin Regional council voted.'
    """
    for start, end, spelling in _lowercased_names(doc):
        yield spec.finding(start, end, f"{doc.text[start:end]!r} is spelt {spelling!r} elsewhere in the document",
                           fix=Fix.unsafe(f"Write {spelling!r}", Edit.replace(start, end, spelling)))  # fmt: skip


@rule(code="LK002", name="lowercase-sentence-start", category=Category.LINKS,
      severity=Severity.WARNING, fix=FixAvailability.ALWAYS)  # fmt: skip
def lowercase_sentence_start(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag a sentence that starts in lower case after a full stop: ``…the archive. pension files…``.

    Why: link text translated apart from its sentence is pasted back after it, as a fragment.
    Silent on ``e.g.``, ``iPhone``, ``eBay``, ``p.m.``, name particles (``de Blasio``), URLs,
    after a question or a closing quotation mark, in headings and list items, and on the first
    sentence of a block (a line after a colon).
    Fix (display only): join it to the previous sentence; capitalising it is the other choice.

    >>> flagged("LK002", "The clerks sealed the archive. pension files under the old statute.")
    ['pension files under the old statute.']
    >>> flagged("LK002", "“Why?” he asked. Buy an iPhone. iPhones sell. e.g. this. At 5 p.m. on Monday.")
    []
    """
    text, toks = doc.masked, tokens(doc)
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
        first = toks.at(s.start)
        if first is not None and always_lowercase(doc, toks.texts[first]):
            continue  # a brand the document always writes in lower case: "ecobee said"
        if names is None:
            names = {start for start, _, _ in _lowercased_names(doc)}
        if s.start in names:
            continue  # a lowercased name: LK004 restores it
        n_words = len(_WORD.findall(text, s.start, s.end))
        what = "fragment" if n_words <= 8 else "sentence"
        fix = Fix.display_only("Join it to the previous sentence", Edit.replace(before.end - 1, s.start, " "))
        yield spec.finding(s.start, s.end, f"Lowercase {what} after a full stop: link text torn from the "
                           "previous sentence? Join it or capitalise it", fix=fix)  # fmt: skip

"""The garbledness score: how likely a sentence or a document is broken machine translation.

A score is a float in ``[0, 1]`` that pipelines can threshold (0 reads as edited
prose, 1 as word salad). A sentence's score combines independent signals as
``1 - Π(1 - weight)``: the findings of the ``mt`` and ``garbled`` rules inside
it, a lower-case start after a finished sentence, no finite verb, capitalised
function words mid-sentence, and the share of words no dictionary knows. A
document's score is the mean of its sentence scores weighted by length.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from functools import lru_cache

from cleanup.analysis.capitals import stray_capitals
from cleanup.analysis.lexicon import any_finite, zipf
from cleanup.analysis.tokens import tokens
from cleanup.checker import Checker
from cleanup.document import Document, Markup, Sentence
from cleanup.model import Config, Finding

__all__ = ["RULE_WEIGHTS", "document_score", "sentence_score", "sentence_scores"]

# How strongly one finding of a rule says "garbled"; advisory rules weigh little.
RULE_WEIGHTS: Mapping[str, float] = {
    "GB001": 0.8, "GB002": 0.8, "GB003": 0.7, "LK001": 0.5,
    "MT001": 0.2, "MT002": 0.5, "MT003": 0.7, "MT004": 0.7,
    "MT005": 0.6, "MT006": 0.2, "MT007": 0.3, "MT008": 0.05,
    # accuracy: found only against a source, and certain when found
    "AC001": 0.7, "AC002": 0.5, "AC003": 0.7, "AC004": 0.5, "AC005": 0.3,
    "AC006": 0.9, "AC007": 0.6, "AC008": 0.9, "AC009": 0.3, "AC010": 0.3,
}  # fmt: skip
_LOWER_START = 0.25
_NO_VERB = 0.2
_STRAY_CAPITAL = 0.3
_UNKNOWN_WORDS = 0.6  # times the share of lower-case words with no dictionary frequency


@lru_cache(maxsize=1)
def _checker() -> Checker:
    return Checker(Config(select=("MT0", "GB0", "LK001", "AC")))


def _combine(weights: list[float]) -> float:
    keep = 1.0
    for w in weights:
        keep *= 1.0 - min(max(w, 0.0), 1.0)
    return round(1.0 - keep, 4)


def _signals(doc: Document, k: int, findings: list[Finding]) -> list[float]:
    sentence = doc.sentences[k]
    text, toks = doc.masked, tokens(doc)
    words = toks.sentence_ranges[k]
    weights = [RULE_WEIGHTS.get(f.rule, 0.0) for f in findings]
    if not words:
        return weights
    first = toks.texts[words.start]
    previous = doc.sentences[k - 1] if k else None
    if (
        previous is not None
        and previous.block == sentence.block
        and toks.starts[words.start] == sentence.start
        and first.isalpha()
        and first.islower()
        and text[previous.end - 1] in ".!?"
    ):
        weights.append(_LOWER_START)
    texts = toks.texts[words.start : words.stop]
    if len(texts) >= 3 and not any_finite(texts):
        weights.append(_NO_VERB)
    if stray_capitals(toks, words):
        weights.append(_STRAY_CAPITAL)
    lower = [w for w in texts if w[:1].islower() and w.isalpha()]
    if lower:
        unknown = sum(1 for w in lower if zipf(w) == 0.0)
        weights.append(_UNKNOWN_WORDS * unknown / len(lower))
    return weights


def sentence_scores(doc: Document) -> list[tuple[Sentence, float]]:
    """Each sentence of ``doc`` with its garbledness score in ``[0, 1]``.

    >>> doc = Document("The army left the city on Monday. Told. war crimes under international law.")
    >>> [(doc.text[s.start:s.end], score) for s, score in sentence_scores(doc)]  # doctest: +NORMALIZE_WHITESPACE
    [('The army left the city on Monday.', 0.0), ('Told.', 0.8),
     ('war crimes under international law.', 0.82)]
    """
    found = _checker().check_document(doc)
    starts = [s.start for s in doc.sentences]
    by_sentence: list[list[Finding]] = [[] for _ in starts]
    for f in found:
        k = bisect.bisect_right(starts, f.start) - 1
        if k >= 0 and f.start < doc.sentences[k].end:
            by_sentence[k].append(f)
    return [(s, _combine(_signals(doc, k, by_sentence[k]))) for k, s in enumerate(doc.sentences)]


def sentence_score(sentence: str) -> float:
    """The garbledness score of one sentence on its own.

    >>> sentence_score("The talks ended without an agreement on Friday.")
    0.0
    >>> sentence_score("The the talks ended ended without an agreement.") > 0.5
    True
    """
    scores = sentence_scores(Document(sentence))
    return max((score for _, score in scores), default=0.0)


def document_score(
    text: str, *, markup: Markup = "text", source: str | None = None, source_lang: str | None = None
) -> float:
    """The garbledness score of a whole text: its sentence scores averaged, weighted by length.

    >>> document_score("The army left the city on Monday. Officials said the talks would resume.")
    0.0
    >>> document_score("The commander ordered the men taken into the forest and shot. Told. "
    ...                "They hid the bodies afterwards. war crimes under international law.")
    0.2477

    With a ``source``, accuracy findings (``AC``) count for the whole text, not only their sentence:
    one dropped or untranslated sentence makes the translation broken.

    >>> document_score("The talks ended on Monday. The talks ended on Monday.", source="Die Gespräche endeten.") > 0.5
    True
    """
    doc = Document(text, markup=markup, source=source, source_lang=source_lang)
    total = weighted = 0.0
    for s, score in sentence_scores(doc):
        length = s.end - s.start
        total += length
        weighted += length * score
    mean = weighted / total if total else 0.0
    if source is None:
        return round(mean, 4)
    accuracy = [RULE_WEIGHTS.get(f.rule, 0.0) for f in _checker().check_document(doc) if f.rule.startswith("AC")]
    return _combine([mean, *accuracy, *_bilingual_signals(doc)])


def _bilingual_signals(doc: Document) -> list[float]:
    """Graded evidence against the source below the rules' thresholds: length, repeats, names."""
    from cleanup.analysis.bilingual import analyse

    pair = analyse(doc)
    if pair is None:
        return []
    return [
        min(0.5, max(0.0, abs(pair.length_z) - 1.0) * 0.12),
        min(0.6, max(0, pair.repetition_excess) * 0.2),
        min(0.4, pair.unmatched_names * 0.1),
        max(0.0, pair.copied_share - 0.5),
        min(0.4, pair.sentence_gap * 0.15),
    ]

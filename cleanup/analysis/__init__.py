"""Shared analyses of a document, computed once and cached on it (``Document.memo``).

Every rule family and the score read these instead of scanning the text on their own:

- :mod:`~cleanup.analysis.tokens`: the words, with offsets, sentence, capitalisation and
  whether each stands inside a quotation, a link anchor or a protected span;
- :mod:`~cleanup.analysis.quotations`: the quotation-mark parse;
- :mod:`~cleanup.analysis.capitals`: runs of capitalised words and their counts;
- :mod:`~cleanup.analysis.lexicon`: word frequency (wordfreq) and the small lexicons;
- :mod:`~cleanup.analysis.names`: every capitalised word, its forms and how often the document
  writes it in lower case (read by LK004 and MT001);
- :mod:`~cleanup.analysis.spelling`: hunspell's en_US dictionary, when installed;
- :mod:`~cleanup.analysis.conventions`: the house style the document itself follows;
- :mod:`~cleanup.analysis.bilingual`: a translation aligned with its source (with
  :mod:`~cleanup.analysis.numbers` and :mod:`~cleanup.analysis.language`), for the accuracy rules.

An analysis is a module-level function ``f(doc) -> value`` memoised with ``doc.memo(f)``;
it reads the document and other analyses, never a rule module.
"""

from __future__ import annotations

from cleanup.analysis.capitals import (
    capital_counts,
    capital_runs,
    in_title,
    stray_capitals,
    title_case_sentence,
    title_spans,
)
from cleanup.analysis.conventions import Conventions, always_lowercase, conventions
from cleanup.analysis.lexicon import Lexicon, any_finite, has_finite_verb, lexicon, zipf
from cleanup.analysis.quotations import Mark, Parse, is_quoted, quotation_spans, quotations
from cleanup.analysis.tokens import WORD, Tokens, tokens

__all__ = [
    "WORD",
    "Conventions",
    "Lexicon",
    "Mark",
    "Parse",
    "Tokens",
    "always_lowercase",
    "any_finite",
    "capital_counts",
    "capital_runs",
    "conventions",
    "has_finite_verb",
    "in_title",
    "is_quoted",
    "lexicon",
    "quotation_spans",
    "quotations",
    "stray_capitals",
    "title_case_sentence",
    "title_spans",
    "tokens",
    "zipf",
]

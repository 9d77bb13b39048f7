"""Every rule's corpus cases: positives are flagged and fixed as written, negatives stay silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleanup.corpus import Case, read_cases
from cleanup.registry import RuleStatus
from cleanup.rules import REGISTRY
from cleanup.testing import findings, fixed

from . import requires

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "rules"


def _cases() -> list[tuple[str, Case]]:
    return [(p.stem, c) for p in sorted(CORPUS.glob("*.txt")) for c in read_cases(p)]


@pytest.mark.parametrize(("code", "case"), _cases(), ids=lambda x: x if isinstance(x, str) else x.title[:40])
def test_case(code: str, case: Case) -> None:
    assert code in REGISTRY, f"corpus file for unknown rule {code}"
    if case.needs_dictionary:
        requires.dictionary()
    given = {"source": case.source, "source_lang": case.source_lang, "options": case.options}
    found = findings(code, case.input, case.markup, **given)
    if case.positive:
        assert found, f"{code} did not flag: {case.title}"
    else:
        assert not found, f"{code} flagged a negative case: {[case.input[f.start : f.end] for f in found]}"
    assert fixed(code, case.input, case.markup, **given) == case.expected


def test_every_rule_has_cases() -> None:
    counts = {code: [0, 0] for code, r in REGISTRY.items() if r.status is RuleStatus.ACTIVE}
    for code, case in _cases():
        counts.setdefault(code, [0, 0])[0 if case.positive else 1] += 1
    thin = {code: c for code, c in counts.items() if c[0] < 2 or c[1] < 2}
    assert not thin, f"rules with fewer than 2 positive and 2 negative cases: {thin}"

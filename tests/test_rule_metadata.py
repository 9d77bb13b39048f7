"""Declared metadata matches behaviour: ALWAYS rules fix, NEVER rules don't, fixes have titles."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cleanup.corpus import read_cases
from cleanup.model import FixAvailability
from cleanup.registry import Rule, RuleStatus
from cleanup.rules import REGISTRY
from cleanup.testing import findings

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "rules"
ACTIVE = [r for r in REGISTRY.values() if r.status is RuleStatus.ACTIVE]


@pytest.mark.parametrize("rule", ACTIVE, ids=lambda r: r.code)
def test_fix_availability_is_honest(rule: Rule) -> None:
    cases = [c for c in read_cases(CORPUS / f"{rule.code}.txt") if c.positive]
    found = [
        f
        for c in cases
        for f in findings(rule.code, c.input, c.markup, source=c.source, source_lang=c.source_lang, options=c.options)
    ]
    assert found
    if rule.spec.fix is FixAvailability.ALWAYS:
        assert all(f.fix is not None for f in found)
    elif rule.spec.fix is FixAvailability.NEVER:
        assert all(f.fix is None for f in found)
    for f in found:
        assert (f.rule, f.name, f.category) == (rule.code, rule.spec.name, rule.spec.category)
        assert f.message and (f.fix is None or f.fix.title)


def test_codes_and_names_are_well_formed() -> None:
    for code, r in REGISTRY.items():
        assert re.fullmatch(r"[A-Z]{2}\d{3}", code) and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", r.spec.name)
        assert r.spec.summary and "Why" in r.doc, f"{code}: docstring needs a summary line and a Why"

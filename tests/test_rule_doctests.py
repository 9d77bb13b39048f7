"""Every rule's docstring examples run as doctests (doctest's finder does not look inside Rule objects)."""

from __future__ import annotations

import doctest
import sys

import pytest

from cleanup.registry import Rule, RuleStatus
from cleanup.rules import REGISTRY
from cleanup.testing import findings, fixed, flagged

ACTIVE = [r for r in REGISTRY.values() if r.status is RuleStatus.ACTIVE]


@pytest.mark.parametrize("rule", ACTIVE, ids=lambda r: r.code)
def test_rule_doctest(rule: Rule) -> None:
    module = sys.modules[rule.fn.__module__]
    globs = {**vars(module), "fixed": fixed, "flagged": flagged, "findings": findings}
    tests = doctest.DocTestFinder().find(rule.fn, rule.code, globs=globs)
    examples = sum(len(t.examples) for t in tests)
    assert examples >= 2, f"{rule.code} needs a doctest hit and a near-miss"
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    report: list[str] = []
    for test in tests:
        runner.run(test, out=report.append)
    assert runner.failures == 0, "".join(report)

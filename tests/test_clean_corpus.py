"""Clean professional prose: no rule may report a warning or an error, and fixing changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleanup import Checker, Config, Severity
from cleanup.corpus import read_cases
from cleanup.files import markup_for
from cleanup.testing import findings, fixed

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
CLEAN = sorted((CORPUS / "clean").iterdir())


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_clean_prose_is_silent(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    checker = Checker(Config())
    found = [f for f in checker.check(text, markup=markup_for(path.name)) if f.severity is not Severity.INFO]
    assert not found, [(f.rule, text[max(0, f.start - 30) : f.end + 30]) for f in found]
    assert checker.fix(text, unsafe=True, markup=markup_for(path.name)).text == text


KNOWN = [(p.stem, c) for p in sorted((CORPUS / "known_failures").glob("*.txt")) for c in read_cases(p)]


@pytest.mark.parametrize(("code", "case"), KNOWN, ids=lambda x: x if isinstance(x, str) else x.title[:40])
@pytest.mark.xfail(strict=True, reason="a known miss; a surprise pass means the rule improved: move the case")
def test_known_failures(code: str, case: object) -> None:
    from cleanup.corpus import Case

    assert isinstance(case, Case)
    assert bool(findings(code, case.input)) == case.positive
    assert fixed(code, case.input) == case.expected

"""The library API: check, fix, Checker (picklable, reusable), parallel helpers."""

from __future__ import annotations

import pickle

import pytest

import cleanup
from cleanup import Applicability, Config, Edit, Finding, Fix
from cleanup.fixer import MAX_PASSES, ConvergenceError, apply_fixes, fix_to_fixed_point
from cleanup.model import Category, Severity
from cleanup.parallel import check_texts, fix_texts

GLUED = "It began in Ukraine.Biden said so..and left."


def test_check_and_fix() -> None:
    assert {f.rule for f in cleanup.check(GLUED)} >= {"SP001", "PU001"}
    result = cleanup.fix(GLUED)
    assert result.text == "It began in Ukraine. Biden said so... and left."  # PU001: ".." before a lower-case word
    assert {f.rule for f in result.applied} >= {"SP001", "PU001"}
    assert all(f.rule not in ("SP001", "PU001") for f in result.remaining)


def test_markdown_markup_is_not_touched() -> None:
    src = "See [a link](https://x.org/Ukraine.Biden) and `code.Here` in Ukraine.Biden said."
    result = cleanup.fix(src, markup="markdown")
    assert result.text == src.replace("Ukraine.Biden said", "Ukraine. Biden said")


def test_checker_pickles_and_is_reusable() -> None:
    checker = cleanup.Checker(Config(select=("SP",)))
    clone = pickle.loads(pickle.dumps(checker))
    assert [f.rule for f in clone.check(GLUED)] == [f.rule for f in checker.check(GLUED)] == ["SP001"]
    assert clone.check("Fine.") == []


def test_parallel_matches_serial() -> None:
    texts = [GLUED, "Clean text here.", "A , B"] * 5
    serial = [cleanup.check(t) for t in texts]
    assert list(check_texts(texts, jobs=2)) == serial
    assert [r.text for r in fix_texts(texts, jobs=2)] == [cleanup.fix(t).text for t in texts]


def _finding(start: int, end: int, replacement: str, rule: str = "X001") -> Finding:
    fix = Fix.safe("Replace", Edit.replace(start, end, replacement))
    return Finding(rule, "x", Category.SPACING, Severity.WARNING, start, end, "m", fix)


def test_apply_fixes_defers_overlaps_and_is_order_free() -> None:
    text = "abcdef"
    fs = [_finding(0, 2, "X"), _finding(1, 3, "Y"), _finding(4, 5, "Z")]
    one = apply_fixes(text, fs, Applicability.SAFE)
    assert one.text == "XcdZf" and [f.fix.edits[0].start for f in one.remaining] == [1]  # type: ignore[union-attr]
    assert apply_fixes(text, list(reversed(fs)), Applicability.SAFE).text == one.text


def test_unsafe_fixes_need_the_floor() -> None:
    f = Finding("X001", "x", Category.MT, Severity.WARNING, 0, 3, "m", Fix.unsafe("Swap", Edit.replace(0, 3, "Bob")))
    assert apply_fixes("Tom is", [f], Applicability.SAFE).text == "Tom is"
    assert apply_fixes("Tom is", [f], Applicability.UNSAFE).text == "Bob is"


def test_non_convergence_names_the_rules() -> None:
    def flip(text: str) -> list[Finding]:  # a rule at war with itself
        return [_finding(0, 1, "b" if text[0] == "a" else "a", "ZZ001")]

    with pytest.raises(ConvergenceError) as e:
        fix_to_fixed_point("a", flip, Applicability.SAFE)
    assert e.value.rules == ("ZZ001",) and str(MAX_PASSES) in str(e.value)


def test_fix_rejects_overlapping_edits() -> None:
    with pytest.raises(ValueError, match="overlapping"):
        Fix.safe("x", Edit(0, 3, "a"), Edit(2, 4, "b"))

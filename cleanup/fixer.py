"""Applying fixes without conflicts, to a fixed point."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from cleanup.model import Applicability, Edit, Finding, FixResult

__all__ = ["MAX_PASSES", "ConvergenceError", "apply_fixes", "fix_to_fixed_point", "propose", "summarize"]

MAX_PASSES = 10


class ConvergenceError(RuntimeError):
    """Fixing did not reach a fixed point within ``MAX_PASSES``; names the rules involved."""

    def __init__(self, rules: Sequence[str]) -> None:
        self.rules = tuple(sorted(set(rules)))
        super().__init__(f"fixes did not converge after {MAX_PASSES} passes (rules: {', '.join(self.rules)})")


def apply_fixes(text: str, findings: Sequence[Finding], floor: Applicability) -> FixResult:
    """Apply the non-overlapping fixes at or above ``floor`` in one pass.

    A fix that overlaps one already taken waits for the next pass. The same
    edit proposed by two rules is applied once. The result does not depend on
    the order of ``findings``.

    >>> from cleanup.model import Category, Fix, Severity
    >>> f = Finding("SP001", "x", Category.SPACING, Severity.WARNING, 7, 8, "m",
    ...             Fix.safe("Insert space", Edit.insert(8, " ")))
    >>> apply_fixes("Ukraine.Biden", [f], Applicability.SAFE).text
    'Ukraine. Biden'
    """
    todo = sorted(
        (f for f in findings if f.fix is not None and f.fix.applies(floor)),
        key=lambda f: (f.fix.start, f.fix.end, f.rule, f.fix.edits) if f.fix else (0, 0, f.rule, ()),
    )
    out: list[str] = []
    last_end: int | None = None
    seen: set[Edit] = set()
    applied: list[Finding] = []
    remaining: list[Finding] = []
    for f in todo:
        assert f.fix is not None
        edits = [e for e in f.fix.edits if e not in seen and text[e.start : e.end] != e.replacement]
        if not edits:
            continue
        if edits[-1].end > len(text) or (last_end is not None and _overlaps(edits[0], last_end)):
            remaining.append(f)
            continue
        for e in edits:
            out += [text[last_end or 0 : e.start], e.replacement]
            last_end = e.end
        seen.update(edits)
        applied.append(f)
    return FixResult("".join(out) + text[last_end or 0 :], tuple(applied), tuple(remaining), 1)


def _overlaps(edit: Edit, last_end: int) -> bool:
    # An insertion exactly at the previous edit's end would make the order of the two ambiguous.
    return edit.start < last_end or edit.start == last_end


def fix_to_fixed_point(text: str, check: Callable[[str], list[Finding]], floor: Applicability) -> FixResult:
    """Check, apply, and repeat until nothing applies; report findings on the final text.

    Raises :class:`ConvergenceError` after ``MAX_PASSES`` passes that still change the text.
    """
    applied: list[Finding] = []
    passes = 0
    findings = check(text)
    while True:
        result = apply_fixes(text, findings, floor)
        if not result.applied or result.text == text:
            break
        passes += 1
        if passes > MAX_PASSES:
            raise ConvergenceError([f.rule for f in result.applied])
        applied.extend(result.applied)
        text = result.text
        findings = check(text)
    return FixResult(text, tuple(applied), tuple(findings), passes)


def propose(text: str, check: Callable[[str], list[Finding]]) -> FixResult:
    """Every proposed correction, as the diff reporter shows it: safe and unsafe fixes to a
    fixed point, then the display-only suggestions applied once on top.

    Suggestions are guesses that may disagree with one another, so they are never iterated.
    """
    result = fix_to_fixed_point(text, check, Applicability.UNSAFE)
    shown = apply_fixes(result.text, result.remaining, Applicability.DISPLAY_ONLY)
    return FixResult(shown.text, result.applied + shown.applied, shown.remaining, result.passes + 1)


def summarize(result: FixResult, floor: Applicability) -> str:
    """One line: what was fixed by rule, what needs ``--unsafe-fixes``, what remains.

    >>> summarize(FixResult("", (), (), 0), Applicability.SAFE)
    'Fixed 0'
    """
    counts = Counter(f.rule for f in result.applied)
    parts = [f"Fixed {sum(counts.values())}"]
    if counts:
        parts[0] += ": " + " ".join(f"{code}×{n}" if n > 1 else code for code, n in sorted(counts.items()))
    need_unsafe = sum(
        1
        for f in result.remaining
        if f.fix and f.fix.applicability == Applicability.UNSAFE and floor > Applicability.UNSAFE
    )
    if need_unsafe:
        parts.append(f"{need_unsafe} need --unsafe-fixes")
    rest = len(result.remaining) - need_unsafe
    if rest:
        parts.append(f"{rest} remain")
    return "; ".join(parts)

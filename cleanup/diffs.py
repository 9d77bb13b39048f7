"""The diff reporter: proposed corrections as word-level, unified or JSON diffs (HTML: :mod:`cleanup.review`).

Changes are found by diffing lines, then words within changed lines, so the
cost stays linear in practice even for huge files; each change is annotated
with the rules (and reasons) whose fixes touch it.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import regex

from cleanup.model import Finding
from cleanup.terminal import escape_controls

__all__ = ["DIFF_FORMATS", "Change", "changes", "render_json", "render_terminal", "render_unified"]

DIFF_FORMATS = ("terminal", "unified", "html", "json")
_TOKEN = regex.compile(r"\w+|\s+|[^\w\s]")
_CONTEXT = 40


@dataclass(frozen=True, slots=True)
class Change:
    """A replaced range of the original text, and the findings that explain it."""

    start: int
    end: int
    original: str
    replacement: str
    reasons: tuple[Finding, ...]


def changes(original: str, final: str, findings: Sequence[Finding]) -> list[Change]:
    """Word-level changes from ``original`` to ``final``, each with the findings whose fixes touch it.

    >>> [(c.original, c.replacement) for c in changes("in Ukraine.Biden said", "in Ukraine. Biden said", [])]
    [('', ' ')]
    """
    a_lines = original.splitlines(keepends=True)
    b_lines = final.splitlines(keepends=True)
    a_starts = _starts(a_lines)
    out: list[Change] = []
    matcher = difflib.SequenceMatcher(None, a_lines, b_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        a_text, b_text = "".join(a_lines[i1:i2]), "".join(b_lines[j1:j2])
        base = a_starts[i1]
        for start, end, replacement in _word_changes(a_text, b_text):
            s, e = base + start, base + end
            out.append(Change(s, e, original[s:e], replacement, _reasons(findings, s, e)))
    return out


def _starts(lines: Sequence[str]) -> list[int]:
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line)
    starts.append(pos)
    return starts


def _word_changes(a: str, b: str) -> Iterator[tuple[int, int, str]]:
    ta, tb = _TOKEN.findall(a), _TOKEN.findall(b)
    offsets = _starts(ta)
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ta, tb, autojunk=False).get_opcodes():
        if tag != "equal":
            yield offsets[i1], offsets[i2], "".join(tb[j1:j2])


def _reasons(findings: Sequence[Finding], start: int, end: int) -> tuple[Finding, ...]:
    out = []
    for f in findings:
        if f.fix is None:
            continue
        for e in f.fix.edits:
            if e.start <= end and start <= e.end:
                out.append(f)
                break
    return tuple(out)


def _label(f: Finding) -> str:
    code = f"{f.rule}:{f.name}" if f.rule == "LT" else f"{f.rule} {f.name}"
    safety = f.fix.applicability.name.lower().replace("_", "-") if f.fix else "no fix"
    title = f" → {f.fix.title}" if f.fix else ""
    return f"{code}: {f.message}{title} ({safety})"


def render_terminal(path: str, original: str, found: Sequence[Change], color: bool) -> str:
    """Each change in context, deletions and insertions marked, with its rule and reason."""
    red, green, dim, bold, reset = ("\x1b[31;9m", "\x1b[32m", "\x1b[2m", "\x1b[1m", "\x1b[0m") if color else ("",) * 5
    out: list[str] = []
    for c in found:
        line = original.count("\n", 0, c.start) + 1
        before = escape_controls(original[max(0, c.start - _CONTEXT) : c.start].rsplit("\n", 1)[-1])
        after = escape_controls(original[c.end : c.end + _CONTEXT].split("\n", 1)[0])
        deleted = f"{red}[-{escape_controls(c.original)}-]{reset}" if c.original else ""
        inserted = f"{green}{{+{escape_controls(c.replacement)}+}}{reset}" if c.replacement else ""
        where = escape_controls(path)
        out.append(f"{bold}{where}:{line}:{reset} {dim}…{reset}{before}{deleted}{inserted}{after}{dim}…{reset}")
        for f in c.reasons or ():
            out.append(f"    {dim}↳{reset} {escape_controls(_label(f))}")
        if not c.reasons:
            out.append(f"    {dim}↳ follow-up of an earlier fix{reset}")
    return "\n".join(out) + ("\n" if out else "")


def render_unified(path: str, original: str, final: str) -> str:
    """A unified diff of the whole file (``a/path`` → ``b/path``)."""
    return "".join(
        difflib.unified_diff(
            original.splitlines(keepends=True), final.splitlines(keepends=True), _side("a", path), _side("b", path)
        )
    )


def render_json(files: Sequence[tuple[str, Sequence[Change]]]) -> str:
    """``{"version": 1, "files": [{"path", "changes": [...]}]}``."""
    return (
        json.dumps(
            {
                "version": 1,
                "files": [
                    {
                        "path": path,
                        "changes": [
                            {
                                "start": c.start,
                                "end": c.end,
                                "original": c.original,
                                "replacement": c.replacement,
                                "reasons": [
                                    {
                                        "rule": f.rule,
                                        "name": f.name,
                                        "message": f.message,
                                        "fix": f.fix.title if f.fix else None,
                                        "applicability": f.fix.applicability.name.lower().replace("_", "-")
                                        if f.fix
                                        else None,
                                    }
                                    for f in c.reasons
                                ],
                            }
                            for c in found
                        ],
                    }
                    for path, found in files
                ],
            },
            ensure_ascii=False,
            indent=1,
        )
        + "\n"
    )


def _side(prefix: str, path: str) -> str:
    return path if path.startswith("/") else f"{prefix}/{path}"

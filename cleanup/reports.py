"""Finding reports: text, JSON (the versioned contract), GitHub annotations and SARIF."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cleanup.document import Document
from cleanup.model import Finding, FixResult, Severity
from cleanup.terminal import escape_controls

__all__ = ["FORMATS", "FileReport", "finding_json", "fix_json", "render", "report_json"]

FORMATS = ("text", "json", "github", "sarif")
JSON_VERSION = 1


@dataclass(frozen=True, slots=True)
class FileReport:
    """One file's findings and the document they index."""

    path: str
    doc: Document
    findings: Sequence[Finding]


def finding_json(f: Finding, doc: Document) -> dict[str, object]:
    """One finding in the JSON contract (offsets are ``str`` indices; line/column 1-based)."""
    line, column = doc.position(f.start)
    end_line, end_column = doc.position(f.end)
    fix = None
    if f.fix is not None:
        fix = {
            "title": f.fix.title,
            "applicability": f.fix.applicability.name.lower().replace("_", "-"),
            "edits": [{"start": e.start, "end": e.end, "replacement": e.replacement} for e in f.fix.edits],
        }
    return {
        "rule": f.rule,
        "name": f.name,
        "category": f.category.value,
        "severity": f.severity.value,
        "start": f.start,
        "end": f.end,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "message": f.message,
        "fix": fix,
    }


def fix_json(result: FixResult) -> dict[str, object]:
    """What a fix applied, for a record's metadata: ``{"applied": [...], "remaining": N}``.

    Applied fixes are listed without offsets (later passes move them); ``remaining``
    counts the findings left on the fixed text.

    >>> from cleanup import fix
    >>> fix_json(fix("It ended.Then it began."))["applied"][0]["rule"]
    'SP001'
    """
    return {
        "applied": [
            {"rule": f.rule, "name": f.name, "category": f.category.value, "message": f.message,
             "title": f.fix.title if f.fix else None}
            for f in result.applied
        ],
        "remaining": len(result.remaining),
    }  # fmt: skip


def report_json(reports: Sequence[FileReport], extra: Mapping[str, object] | None = None) -> str:
    """The ``check --format json`` document: ``{"version": 1, "files": [...], "summary": {...}}``."""
    by_category: Counter[str] = Counter(f.category.value for r in reports for f in r.findings)
    out = {
        "version": JSON_VERSION,
        "files": [{"path": r.path, "findings": [finding_json(f, r.doc) for f in r.findings]} for r in reports],
        "summary": {
            "files": len(reports),
            "findings": sum(len(r.findings) for r in reports),
            "by_category": dict(sorted(by_category.items())),
            **(extra or {}),
        },
    }
    return json.dumps(out, ensure_ascii=False, indent=1)


_COLORS = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def render_text(reports: Sequence[FileReport], color: bool) -> str:
    """``path:line:col: CODE severity message [fix]``, one line per finding, with the flagged text."""
    lines: list[str] = []
    for r in reports:
        for f in r.findings:
            line, col = r.doc.position(f.start)
            snippet = _snippet(r.doc.text[f.start : f.end])
            fix = f" [{f.fix.applicability.name.lower().replace('_', '-')} fix: {f.fix.title}]" if f.fix else ""
            code = f"{f.rule}:{f.name}" if f.rule == "LT" else f.rule
            path, message, fix = escape_controls(r.path), escape_controls(f.message), escape_controls(fix)
            if color:
                lines.append(
                    f"{_BOLD}{path}:{line}:{col}:{_RESET} {_COLORS[f.severity]}{code}{_RESET} "
                    f"{message} {_DIM}«{snippet}»{fix}{_RESET}"
                )
            else:
                lines.append(f"{path}:{line}:{col}: {code} {message} «{snippet}»{fix}")
    return "\n".join(lines) + ("\n" if lines else "")


def _snippet(s: str, limit: int = 60) -> str:
    s = s if len(s) <= limit else s[: limit - 1] + "…"
    return escape_controls(s.replace("\n", "\\n").replace("\t", "\\t"))


def render_github(reports: Sequence[FileReport]) -> str:
    """GitHub Actions workflow commands, one annotation per finding."""
    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    out = []
    for r in reports:
        for f in r.findings:
            line, col = r.doc.position(f.start)
            end_line, end_col = r.doc.position(f.end)
            msg = _gh_escape(escape_controls(f.message), data=True)
            out.append(
                f"::{level[f.severity]} file={_gh_escape(r.path)},line={line},col={col},endLine={end_line},"
                f"endColumn={end_col},title={_gh_escape(f.rule + ' ' + f.name)}::{msg}"
            )
    return "\n".join(out) + ("\n" if out else "")


def _gh_escape(s: str, data: bool = False) -> str:
    s = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return s if data else s.replace(":", "%3A").replace(",", "%2C")


def render_sarif(reports: Sequence[FileReport]) -> str:
    """SARIF 2.1.0 with one run, the rules that fired, and their results."""
    from cleanup import __version__

    rules: dict[str, dict[str, object]] = {}
    results = []
    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    for r in reports:
        for f in r.findings:
            rid = f"{f.rule}:{f.name}" if f.rule == "LT" else f.rule
            rules.setdefault(rid, {"id": rid, "name": f.name, "properties": {"category": f.category.value}})
            line, col = r.doc.position(f.start)
            end_line, end_col = r.doc.position(f.end)
            results.append({
                "ruleId": rid,
                "level": level[f.severity],
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": r.path},
                    "region": {"startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col,
                               "charOffset": f.start, "charLength": f.end - f.start},
                }}],
            })  # fmt: skip
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "cleanup", "version": __version__,
                                "rules": sorted(rules.values(), key=lambda x: str(x["id"]))}},
            "results": results,
        }],
    }  # fmt: skip
    return json.dumps(sarif, ensure_ascii=False, indent=1) + "\n"


def render(fmt: str, reports: Sequence[FileReport], color: bool = False) -> str:
    """Render ``reports`` in one of :data:`FORMATS`."""
    if fmt == "json":
        return report_json(reports) + "\n"
    if fmt == "github":
        return render_github(reports)
    if fmt == "sarif":
        return render_sarif(reports)
    return render_text(reports, color)

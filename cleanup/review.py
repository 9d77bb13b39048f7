"""The review page: every proposed correction, to accept or reject in the browser.

How the page's edits are computed, so that its result equals ``cleanup fix``:

1. Three texts are fixed from the original: ``safe`` (what ``cleanup fix`` writes),
   ``unsafe`` (``cleanup fix --unsafe-fixes``) and ``shown`` (what ``cleanup diff``
   shows: the unsafe text plus the display-only suggestions, :func:`cleanup.fixer.propose`).
2. Each is diffed word by word against the original (:func:`cleanup.diffs.changes`); the
   changed ranges of all three are merged where they overlap or touch. A merged range is a
   :class:`Change`, and inside it each text has one replacement.
3. A change's :class:`Step` s go from the original to the safe, then the unsafe, then the
   shown replacement, one step per level that alters it. Steps form a chain: taking a step
   takes the ones before it.

So taking every safe step gives exactly the safe text, every safe and unsafe step the
unsafe text, and every step the shown text; any other choice is the original with the
chosen replacements, each inside its own range of the original.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources

from cleanup.diffs import changes as word_changes
from cleanup.fixer import fix_to_fixed_point, propose
from cleanup.model import Applicability, Finding

__all__ = ["Article", "Change", "Step", "build_article", "corrected", "render_page", "review_article"]

_LEVELS = (Applicability.SAFE, Applicability.UNSAFE, Applicability.DISPLAY_ONLY)
_SAFETY = {a: a.name.lower().replace("_", "-") for a in Applicability}


@dataclass(frozen=True, slots=True)
class Step:
    """One level's replacement of a change's range, and the findings (indices) that propose it."""

    safety: Applicability
    text: str
    reasons: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Change:
    """A range of the original and the chain of replacements proposed for it."""

    start: int
    end: int
    original: str
    steps: tuple[Step, ...]


@dataclass(frozen=True, slots=True)
class Article:
    """One file under review: its text, the findings on it, and the changes proposed."""

    path: str
    text: str
    findings: tuple[Finding, ...]
    changes: tuple[Change, ...]

    @property
    def notes(self) -> tuple[int, ...]:
        """Findings that explain no change: no fix, or a fix that is not shown."""
        used = {i for c in self.changes for s in c.steps for i in s.reasons}
        return tuple(i for i in range(len(self.findings)) if i not in used)


def review_article(path: str, text: str, check: Callable[[str], list[Finding]], safe_only: bool = False) -> Article:
    """Check and fix ``text`` at every level and build its :class:`Article` (``safe_only``: safe fixes only)."""
    cache: dict[str, list[Finding]] = {}

    def cached(t: str) -> list[Finding]:
        if t not in cache:
            cache[t] = check(t)
        return cache[t]

    safe = fix_to_fixed_point(text, cached, Applicability.SAFE).text
    if safe_only:
        return build_article(path, text, cached(text), {Applicability.SAFE: safe})
    unsafe = fix_to_fixed_point(text, cached, Applicability.UNSAFE).text
    shown = propose(text, cached).text
    levels = {Applicability.SAFE: safe, Applicability.UNSAFE: unsafe, Applicability.DISPLAY_ONLY: shown}
    return build_article(path, text, cached(text), levels)


def build_article(path: str, text: str, findings: Sequence[Finding], levels: Mapping[Applicability, str]) -> Article:
    """The changes from ``text`` to each level's fixed text (see the module docstring).

    >>> a = build_article("a.txt", "in Ukraine.Biden Said", [], {Applicability.SAFE: "in Ukraine. Biden Said",
    ...     Applicability.UNSAFE: "in Ukraine. Biden said"})
    >>> [(c.original, [(s.safety.name, s.text) for s in c.steps]) for c in a.changes]
    [('', [('SAFE', ' ')]), ('Said', [('UNSAFE', 'said')])]
    """
    spans = {level: [(c.start, c.end, c.replacement) for c in word_changes(text, final, [])] for level, final in
             levels.items()}  # fmt: skip
    merged: list[list[int]] = []
    for start, end, _ in sorted(s for found in spans.values() for s in found):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out = []
    for start, end in merged:
        before = text[start:end]
        steps = []
        for level in _LEVELS:
            if level not in spans:
                continue
            after = _replace_within(text, start, end, spans[level])
            if after != before:
                reasons = _reasons(findings, start, end, level)
                steps.append(Step(level, after, reasons))
                before = after
        if steps:
            out.append(Change(start, end, text[start:end], tuple(steps)))
    return Article(path, text, tuple(findings), tuple(out))


def _replace_within(text: str, start: int, end: int, spans: Sequence[tuple[int, int, str]]) -> str:
    parts, last = [], start
    for s, e, replacement in spans:
        if start <= s and e <= end:
            parts += [text[last:s], replacement]
            last = e
    return "".join(parts) + text[last:end]


def _reasons(findings: Sequence[Finding], start: int, end: int, level: Applicability) -> tuple[int, ...]:
    return tuple(
        i
        for i, f in enumerate(findings)
        if f.fix is not None
        and f.fix.applicability == level
        and any(e.start <= end and start <= e.end for e in f.fix.edits)
    )


def corrected(article: Article, taken: Callable[[Change], int]) -> str:
    """The text with, for each change, its first ``taken(change)`` steps applied.

    >>> a = build_article("a", "x.Y Z", [], {Applicability.SAFE: "x. Y Z", Applicability.UNSAFE: "x. y Z"})
    >>> corrected(a, lambda c: len(c.steps)), corrected(a, lambda c: 0)
    ('x. y Z', 'x.Y Z')
    """
    parts, last = [], 0
    for c in article.changes:
        n = taken(c)
        if n:
            parts += [article.text[last : c.start], c.steps[n - 1].text]
            last = c.end
    return "".join(parts) + article.text[last:]


def accepted_at(floor: Applicability) -> Callable[[Change], int]:
    """Take every step at or above ``floor`` (steps go from safe to display-only)."""
    return lambda c: sum(1 for s in c.steps if s.safety >= floor)


# -- the page ------------------------------------------------------------------------------


def render_page(articles: Sequence[Article]) -> str:
    """The self-contained review page: data as JSON, the page's own script and style, a CSP."""
    static = resources.files("cleanup") / "static"
    template = (static / "review.html").read_text(encoding="utf-8")
    script = (static / "review.js").read_text(encoding="utf-8")
    style = (static / "review.css").read_text(encoding="utf-8")
    csp = (
        f"default-src 'none'; script-src '{_hash(script)}'; style-src '{_hash(style)}'; "
        "img-src 'none'; connect-src 'none'; font-src 'none'; form-action 'none'; base-uri 'none'"
    )
    parts = {"CSP": csp, "STYLE": style, "DATA": script_json(page_data(articles)), "SCRIPT": script}
    return re.sub(r"@(CSP|STYLE|DATA|SCRIPT)@", lambda m: parts[m[1]], template)  # one pass: data stays data


def _hash(source: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii")


def script_json(data: object) -> str:
    r"""JSON that is safe inside ``<script>``: no ``<``, ``>``, ``&`` or line separators appear raw.

    >>> script_json({"t": "</script><b>&\u2028"})
    '{"t":"\\u003c/script\\u003e\\u003cb\\u003e\\u0026\\u2028"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                         ("\u2029", "\\u2029")):  # fmt: skip
        text = text.replace(raw, escaped)
    return text


def page_data(articles: Sequence[Article]) -> dict[str, object]:
    """What the page's script reads. Offsets are UTF-16 code units, as JavaScript strings count."""
    from cleanup.catalogue import describe, entries

    codes = sorted({f.rule for a in articles for f in a.findings})
    rules = {}
    for code in codes:
        found = [e for e in entries(code) if e.rule.code == code]
        if found:
            s = found[0].rule.spec
            rules[code] = {"name": s.name, "category": s.category.value, "summary": s.summary,
                           "doc": describe(found, full=True)}  # fmt: skip
    return {"version": 1, "rules": rules, "articles": [_article_json(a) for a in articles]}


def _article_json(a: Article) -> dict[str, object]:
    at = _utf16(a.text)
    return {
        "path": a.path,
        "text": a.text,
        "findings": [
            {
                "rule": f.rule,
                "name": f.name,
                "category": f.category.value,
                "severity": f.severity.value,
                "start": at(f.start),
                "end": at(f.end),
                "message": f.message,
                "fix": f.fix.title if f.fix else None,
                "safety": _SAFETY[f.fix.applicability] if f.fix else None,
            }
            for f in a.findings
        ],
        "changes": [
            {
                "start": at(c.start),
                "end": at(c.end),
                "steps": [{"safety": _SAFETY[s.safety], "text": s.text, "reasons": list(s.reasons)} for s in c.steps],
            }
            for c in a.changes
        ],
        "notes": list(a.notes),
    }


def _utf16(text: str) -> Callable[[int], int]:
    """Maps a ``str`` index of ``text`` to its UTF-16 index."""
    if not text or max(text) < "\U00010000":
        return lambda i: i
    units, n = [0], 0
    for ch in text:
        n += 2 if ch >= "\U00010000" else 1
        units.append(n)
    return units.__getitem__

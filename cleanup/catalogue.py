"""The rule catalogue behind ``cleanup rules``: what each rule flags, why, and its fix."""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from cleanup.document import Document
from cleanup.model import Category, Finding, FixAvailability, RuleSpec
from cleanup.registry import Rule, RuleStatus, matches_selector, rule

__all__ = ["Entry", "describe", "entries"]


@dataclass(frozen=True, slots=True)
class Entry:
    """One rule as the catalogue shows it."""

    rule: Rule

    @property
    def applicability(self) -> str:
        """The fix's safety as the rule's docstring states it (``safe``, ``unsafe``, ``display-only``)."""
        found = re.findall(r"^\s*Fix \(([a-z ,]+)\)", self.rule.doc, re.MULTILINE)
        return found[0].replace("display only", "display-only") if found else ""

    def as_json(self) -> dict[str, object]:
        s = self.rule.spec
        return {
            "rule": s.code,
            "name": s.name,
            "category": s.category.value,
            "severity": s.severity.value,
            "fix": s.fix.value,
            "applicability": self.applicability,
            "status": self.rule.status.value,
            "summary": s.summary,
            "doc": inspect.cleandoc(self.rule.doc),
        }


def entries(selector: str | None = None) -> list[Entry]:
    """Rules matching ``selector`` (all when None), retired ones included.

    >>> [e.rule.code for e in entries("sp001")], [e.rule.code for e in entries("LT")]
    (['SP001'], ['LT'])
    """
    from cleanup.rules import REGISTRY

    rules = [*REGISTRY.values(), languagetool]
    return [Entry(r) for r in rules if selector is None or matches_selector(r.spec, selector)]


@rule(code="LT", name="languagetool", category=Category.GRAMMAR, fix=FixAvailability.SOMETIMES)
def languagetool(doc: Document, spec: RuleSpec) -> Iterator[Finding]:
    """Flag what a local LanguageTool server reports: grammar, agreement, usage.

    Not a built-in rule: findings come from LanguageTool when a server runs
    (``cleanup languagetool install|start``), with ``"rule": "LT"`` and the
    LanguageTool rule id as ``name``. Rules that are noise on news are disabled
    in ``rules/data/languagetool.toml``; grammar rules about register stay silent
    inside quotations.

    Why: machine translation breaks agreement and articles in ways patterns miss.
    Fix (unsafe): LanguageTool's replacement when it offers one (display-only when several).
    """
    return iter(())


def describe(found: list[Entry], full: bool = False) -> str:
    """A table of rules, or each rule's whole documentation when ``full``."""
    if not full:
        rows = [
            f"{e.rule.code:7} {e.rule.spec.name:34} {e.rule.spec.category.value:12} {e.rule.spec.severity.value:8} "
            f"fix:{_fix(e):24} {e.rule.spec.summary}" + (" [removed]" if e.rule.status is RuleStatus.REMOVED else "")
            for e in found
        ]
        return "\n".join(rows)
    blocks = []
    for e in found:
        s = e.rule.spec
        head = f"{s.code} {s.name}\n  category: {s.category.value}  severity: {s.severity.value}  fix: {_fix(e)}"
        blocks.append(head + "\n\n" + _indent(inspect.cleandoc(e.rule.doc)))
    return "\n\n".join(blocks)


def _fix(e: Entry) -> str:
    """``always (safe)``: whether a fix comes, and how safe it is."""
    value = e.rule.spec.fix.value
    return f"{value} ({e.applicability})" if e.applicability and value != "never" else value


def _indent(text: str) -> str:
    return "\n".join("  " + line if line else "" for line in text.splitlines())

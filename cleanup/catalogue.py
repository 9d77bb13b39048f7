"""The rule catalogue behind ``cleanup rules``: what each rule flags, why, and its fix."""

from __future__ import annotations

import inspect
from dataclasses import dataclass

from cleanup.registry import Rule, RuleStatus, matches_selector

__all__ = ["Entry", "describe", "entries"]


@dataclass(frozen=True, slots=True)
class Entry:
    """One rule as the catalogue shows it."""

    rule: Rule

    def as_json(self) -> dict[str, object]:
        s = self.rule.spec
        return {
            "rule": s.code,
            "name": s.name,
            "category": s.category.value,
            "severity": s.severity.value,
            "fix": s.fix.value,
            "status": self.rule.status.value,
            "summary": s.summary,
            "doc": inspect.cleandoc(self.rule.doc),
        }


def entries(selector: str | None = None) -> list[Entry]:
    """Rules matching ``selector`` (all when None), retired ones included.

    >>> [e.rule.code for e in entries("SP001")]
    ['SP001']
    """
    from cleanup.rules import REGISTRY

    return [Entry(r) for r in REGISTRY.values() if selector is None or matches_selector(r.spec, selector)]


def describe(found: list[Entry], full: bool = False) -> str:
    """A table of rules, or each rule's whole documentation when ``full``."""
    if not full:
        rows = [
            f"{e.rule.code:7} {e.rule.spec.name:34} {e.rule.spec.category.value:12} {e.rule.spec.severity.value:8} "
            f"fix:{e.rule.spec.fix.value:10} {e.rule.spec.summary}"
            + (" [removed]" if e.rule.status is RuleStatus.REMOVED else "")
            for e in found
        ]
        return "\n".join(rows)
    blocks = []
    for e in found:
        s = e.rule.spec
        head = f"{s.code} {s.name}\n  category: {s.category.value}  severity: {s.severity.value}  fix: {s.fix.value}"
        blocks.append(head + "\n\n" + _indent(inspect.cleandoc(e.rule.doc)))
    return "\n\n".join(blocks)


def _indent(text: str) -> str:
    return "\n".join("  " + line if line else "" for line in text.splitlines())

"""Rule registration and selection.

``@rule`` is pure: it wraps a generator function into a :class:`Rule` and has
no global side effect. ``build_registry`` imports the listed rule modules and
collects their rules by code.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum

from cleanup.document import Document
from cleanup.model import Category, Finding, FixAvailability, RuleSpec, Severity

__all__ = ["Rule", "RuleFunction", "RuleStatus", "build_registry", "matches_selector", "rule"]

RuleFunction = Callable[[Document, RuleSpec], Iterator[Finding]]


class RuleStatus(StrEnum):
    """A retired code stays in the registry as ``removed`` and is never reused."""

    ACTIVE = "active"
    REMOVED = "removed"


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule: its spec and the generator that yields its findings."""

    spec: RuleSpec
    fn: RuleFunction
    status: RuleStatus = RuleStatus.ACTIVE

    @property
    def code(self) -> str:
        return self.spec.code

    @property
    def doc(self) -> str:
        return self.fn.__doc__ or ""

    def __call__(self, doc: Document, spec: RuleSpec | None = None) -> Iterator[Finding]:
        return self.fn(doc, spec or self.spec)


def rule(
    *,
    code: str,
    name: str,
    category: Category,
    severity: Severity = Severity.WARNING,
    fix: FixAvailability = FixAvailability.NEVER,
    status: RuleStatus = RuleStatus.ACTIVE,
) -> Callable[[RuleFunction], Rule]:
    """Declare a rule. The summary is the first line of the function's docstring."""

    def wrap(fn: RuleFunction) -> Rule:
        summary = (fn.__doc__ or "").strip().splitlines()[0] if fn.__doc__ else name
        return Rule(RuleSpec(code, name, category, severity, fix, summary), fn, status)

    return wrap


def build_registry(modules: Iterable[str], package: str = "cleanup.rules") -> dict[str, Rule]:
    """Import each module of ``package`` and collect its rules, sorted by code.

    A duplicate code or name raises at import.
    """
    found: dict[str, Rule] = {}
    names: dict[str, str] = {}
    for module_name in modules:
        module = importlib.import_module(f"{package}.{module_name}")
        for value in vars(module).values():
            if not isinstance(value, Rule):
                continue
            spec = value.spec
            if spec.code in found and found[spec.code] is not value:
                raise ValueError(f"duplicate rule code {spec.code}")
            if names.get(spec.name, spec.code) != spec.code:
                raise ValueError(f"duplicate rule name {spec.name}")
            found[spec.code] = value
            names[spec.name] = spec.code
    return dict(sorted(found.items()))


def matches_selector(spec: RuleSpec, selector: str) -> bool:
    """True when ``selector`` names the rule: ALL, its code, a code prefix, its name or category.

    >>> spec = RuleSpec("SP001", "missing-space-after-sentence", Category.SPACING,
    ...                 Severity.WARNING, FixAvailability.ALWAYS, "")
    >>> [matches_selector(spec, s) for s in ("ALL", "SP", "SP001", "sp001", "spacing", "QT")]
    [True, True, True, True, True, False]
    """
    s = selector.strip()
    if s.upper() == "ALL":
        return True
    if s.lower() == spec.category.value or s.lower() == spec.name or s.upper() == spec.code:
        return True
    return spec.code.upper().startswith(s.upper()) and s[:1].isalpha() and s[:1].isupper()


def select(registry: Mapping[str, Rule], select: Iterable[str], ignore: Iterable[str]) -> list[Rule]:
    """The active rules picked by ``select`` and not by ``ignore``."""
    sel, ign = tuple(select), tuple(ignore)
    return [
        r
        for r in registry.values()
        if r.status is RuleStatus.ACTIVE
        and any(matches_selector(r.spec, s) for s in sel)
        and not any(matches_selector(r.spec, s) for s in ign)
    ]

"""The data model: findings, edits, fixes, rule specs and configuration.

Every offset is a half-open ``[start, end)`` range of ``str`` indices into the
whole document text. Line and column appear only at output time.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum
from itertools import pairwise

__all__ = [
    "Applicability",
    "Category",
    "Config",
    "Edit",
    "Finding",
    "Fix",
    "FixAvailability",
    "FixResult",
    "RuleSpec",
    "Severity",
]


class Category(StrEnum):
    """The fixed vocabulary of defect families."""

    MT = "mt"
    QUOTES = "quotes"
    LINKS = "links"
    GARBLED = "garbled"
    GRAMMAR = "grammar"
    SPACING = "spacing"
    PUNCTUATION = "punctuation"
    BOILERPLATE = "boilerplate"
    ENCODING = "encoding"
    ACCURACY = "accuracy"


class Severity(StrEnum):
    """How bad a finding is; ``info`` is advisory and never claims a defect."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Applicability(IntEnum):
    """How safe a fix is. ``fix.applies(floor)`` means ``>= floor``."""

    DISPLAY_ONLY = 0
    UNSAFE = 1
    SAFE = 2


class FixAvailability(StrEnum):
    """Whether a rule offers fixes: never, for some findings, or always."""

    NEVER = "never"
    SOMETIMES = "sometimes"
    ALWAYS = "always"


@dataclass(frozen=True, slots=True, order=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement``.

    >>> Edit.insert(3, " ")
    Edit(start=3, end=3, replacement=' ')
    >>> Edit.delete(2, 4).replacement
    ''
    """

    start: int
    end: int
    replacement: str

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad edit range [{self.start}, {self.end})")

    @classmethod
    def insert(cls, at: int, text: str) -> Edit:
        return cls(at, at, text)

    @classmethod
    def delete(cls, start: int, end: int) -> Edit:
        return cls(start, end, "")

    @classmethod
    def replace(cls, start: int, end: int, text: str) -> Edit:
        return cls(start, end, text)


@dataclass(frozen=True, slots=True)
class Fix:
    """A set of edits applied whole or not at all.

    >>> f = Fix.safe("Insert space", Edit.insert(5, " "))
    >>> f.applies(Applicability.UNSAFE), f.applies(Applicability.SAFE)
    (True, True)
    >>> Fix.unsafe("x", Edit(0, 2, "a"), Edit(1, 3, "b"))
    Traceback (most recent call last):
    ...
    ValueError: overlapping edits in fix 'x'
    """

    title: str
    edits: tuple[Edit, ...]
    applicability: Applicability

    def __post_init__(self) -> None:
        if not self.edits:
            raise ValueError(f"fix {self.title!r} has no edits")
        ordered = tuple(sorted(self.edits))
        for a, b in pairwise(ordered):
            if b.start < a.end or (a.start == a.end == b.start == b.end):
                raise ValueError(f"overlapping edits in fix {self.title!r}")
        object.__setattr__(self, "edits", ordered)

    @property
    def start(self) -> int:
        return self.edits[0].start

    @property
    def end(self) -> int:
        return max(e.end for e in self.edits)

    def applies(self, floor: Applicability) -> bool:
        return self.applicability >= floor

    @classmethod
    def safe(cls, title: str, *edits: Edit) -> Fix:
        return cls(title, edits, Applicability.SAFE)

    @classmethod
    def unsafe(cls, title: str, *edits: Edit) -> Fix:
        return cls(title, edits, Applicability.UNSAFE)

    @classmethod
    def display_only(cls, title: str, *edits: Edit) -> Fix:
        return cls(title, edits, Applicability.DISPLAY_ONLY)


@dataclass(frozen=True, slots=True)
class Finding:
    """One defect: where it is, what is wrong, and optionally how to fix it.

    ``rule`` is the stable code (``SP001``); ``name`` its kebab name. For
    LanguageTool findings ``rule`` is ``LT`` and ``name`` the LanguageTool rule id.
    """

    rule: str
    name: str
    category: Category
    severity: Severity
    start: int
    end: int
    message: str
    fix: Fix | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad finding range [{self.start}, {self.end})")

    def shifted(self, delta: int) -> Finding:
        """The same finding with every offset moved by ``delta``."""
        fix = self.fix
        if fix is not None:
            moved = tuple(Edit(e.start + delta, e.end + delta, e.replacement) for e in fix.edits)
            fix = Fix(fix.title, moved, fix.applicability)
        return dataclasses.replace(self, start=self.start + delta, end=self.end + delta, fix=fix)


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """A rule's identity and defaults. ``options`` carries per-rule configuration."""

    code: str
    name: str
    category: Category
    severity: Severity
    fix: FixAvailability
    summary: str
    options: Mapping[str, object] = field(default_factory=dict, compare=False)

    def finding(self, start: int, end: int, message: str, fix: Fix | None = None) -> Finding:
        """A finding of this rule, with code, name, category and severity filled in."""
        return Finding(self.code, self.name, self.category, self.severity, start, end, message, fix)

    def option(self, key: str, default: object) -> object:
        return self.options.get(key, default)


@dataclass(frozen=True, slots=True)
class Config:
    """What to run and how. Build variants with ``dataclasses.replace``.

    ``select``/``ignore`` hold codes, code prefixes, kebab names or categories.
    """

    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    unsafe_fixes: bool = False
    options: Mapping[str, Mapping[str, object]] = field(default_factory=dict)
    severity: Mapping[str, Severity] = field(default_factory=dict)
    languagetool: Mapping[str, object] = field(default_factory=dict)
    use_languagetool: bool = False
    exclude: tuple[str, ...] = ()
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    abbreviations: tuple[str, ...] = ()
    """The user's own abbreviations that end in a period without ending a sentence (``Bldg.``)."""


@dataclass(frozen=True, slots=True)
class FixResult:
    """The fixed text, the findings whose fixes were applied, and what remains."""

    text: str
    applied: tuple[Finding, ...]
    remaining: tuple[Finding, ...]
    passes: int

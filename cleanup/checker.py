"""The Checker: rules prepared once, then many texts checked or fixed."""

from __future__ import annotations

import dataclasses
import fnmatch
from collections.abc import Iterable, Mapping, Sequence
from operator import attrgetter
from typing import TYPE_CHECKING

from cleanup.document import Document, Markup
from cleanup.fixer import fix_to_fixed_point
from cleanup.model import Applicability, Config, Edit, Finding, FixResult
from cleanup.registry import Rule, select

if TYPE_CHECKING:
    from cleanup.grammar import GrammarBackend

__all__ = ["Checker"]


class Checker:
    """Holds the selected rules (and the grammar backend, if any) for many texts.

    Picklable and free of global state: an ingest pipeline builds one per worker.

    >>> checker = Checker()
    >>> [f.rule for f in checker.check("It ended.Then it began.")]
    ['SP001']
    >>> checker.fix("It ended.Then it began.").text
    'It ended. Then it began.'

    ``registry`` runs another rule set (``code -> Rule``, as ``build_registry`` returns):

    >>> from cleanup.rules import REGISTRY
    >>> [f.rule for f in Checker(registry={"SP001": REGISTRY["SP001"]}).check("In Kyiv.Then it began..")]
    ['SP001']
    """

    def __init__(self, config: Config | None = None, registry: Mapping[str, Rule] | None = None) -> None:
        if registry is None:
            from cleanup.rules import REGISTRY

            registry = REGISTRY
        self.config = config or Config()
        self.registry: Mapping[str, Rule] = registry
        """The rule set this checker draws from: the built-in rules unless another is given."""
        self.rules: tuple[Rule, ...] = tuple(
            _configured(r, self.config) for r in select(registry, self.config.select, self.config.ignore)
        )
        _check_options(self.rules)
        self._grammar: GrammarBackend | None = None
        self._grammar_loaded = False

    def __getstate__(self) -> dict[str, object]:
        from cleanup.rules import REGISTRY

        # The built-in registry is rebuilt on import; another one travels with the checker.
        return {"config": self.config, "registry": None if self.registry is REGISTRY else dict(self.registry)}

    def __setstate__(self, state: dict[str, object]) -> None:
        config, registry = state["config"], state.get("registry")
        assert isinstance(config, Config)
        assert registry is None or isinstance(registry, dict)
        self.__init__(config, registry)  # type: ignore[misc]

    # -- grammar backend -------------------------------------------------------
    @property
    def grammar(self) -> GrammarBackend | None:
        """The grammar backend (LanguageTool), started on first use; None when off."""
        if not self._grammar_loaded:
            self._grammar_loaded = True
            if self.config.use_languagetool and _grammar_selected(self.config):
                from cleanup.grammar import load_backend

                self._grammar = load_backend(self.config)
        return self._grammar

    # -- checking ----------------------------------------------------------------
    def rules_for(self, path: str | None) -> Sequence[Rule]:
        """The rules that apply to ``path``, after ``per-file-ignores``."""
        if not path or not self.config.per_file_ignores:
            return self.rules
        ignored: list[str] = []
        for pattern, selectors in self.config.per_file_ignores.items():
            if fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(path.rsplit("/", 1)[-1], pattern):
                ignored.extend(selectors)
        if not ignored:
            return self.rules
        from cleanup.registry import matches_selector

        return [r for r in self.rules if not any(matches_selector(r.spec, s) for s in ignored)]

    def check_document(self, doc: Document) -> list[Finding]:
        """All findings for one document, sorted by position then rule."""
        found: list[Finding] = []
        extend = found.extend
        for r in self.rules_for(doc.path):
            extend(r.fn(doc, r.spec))
        findings = _admissible(doc, found)
        grammar = self.grammar
        if grammar is not None:
            findings = grammar.merge(findings, _admissible(doc, list(grammar.check(doc))))
        findings.sort(key=_ORDER)
        return findings

    def check(
        self,
        text: str,
        *,
        path: str | None = None,
        markup: Markup = "text",
        source: str | None = None,
        source_lang: str | None = None,
    ) -> list[Finding]:
        """Check one text; ``source`` is the text it was translated from, when known."""
        doc = Document(
            text, path, markup, source=source, source_lang=source_lang, abbreviations=self.config.abbreviations
        )
        return self.check_document(doc)

    def fix(
        self,
        text: str,
        *,
        unsafe: bool | None = None,
        path: str | None = None,
        markup: Markup = "text",
        source: str | None = None,
        source_lang: str | None = None,
    ) -> FixResult:
        """Apply fixes to a fixed point; ``remaining`` are findings on the final text."""
        floor = Applicability.UNSAFE if (self.config.unsafe_fixes if unsafe is None else unsafe) else Applicability.SAFE

        def check(t: str) -> list[Finding]:
            return self.check(t, path=path, markup=markup, source=source, source_lang=source_lang)

        return fix_to_fixed_point(text, check, floor)


def _grammar_selected(config: Config) -> bool:
    """LanguageTool runs unless selection leaves out code ``LT`` and category ``grammar``."""
    names = ("LT", "grammar")
    return any(s in ("ALL", *names) for s in config.select) and not any(s in names for s in config.ignore)


def _configured(r: Rule, config: Config) -> Rule:
    """The rule with its configured options and severity."""
    options = config.options.get(r.code) or config.options.get(r.spec.name)
    severity = config.severity.get(r.code) or config.severity.get(r.spec.name)
    if not options and not severity:
        return r
    spec = dataclasses.replace(r.spec, options=dict(options or {}), severity=severity or r.spec.severity)
    return dataclasses.replace(r, spec=spec)


def _check_options(rules: Iterable[Rule]) -> None:
    """Run each rule that has options once on an empty text: a bad option is a ``ConfigError`` now,
    not an internal error per file later.

    >>> Checker(Config(options={"BP001": {"patterns": ["(unclosed"]}}))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    cleanup.config.ConfigError: [tool.cleanup.options.BP001] patterns: bad pattern 'user:(unclosed': missing )...
    """
    from cleanup.config import ConfigError

    empty = Document("")
    for r in rules:
        if not r.spec.options:
            continue
        try:
            list(r(empty, r.spec))
        except (ValueError, TypeError) as e:
            message = str(e).removeprefix(f"{r.code}: ")
            keys = ", ".join(r.spec.options)
            raise ConfigError(f"[tool.cleanup.options.{r.code}] {keys}: {message}") from None


_ORDER = attrgetter("start", "end", "rule", "name", "message")
"""The order of findings: by position, then rule."""


def _admissible(doc: Document, findings: list[Finding]) -> list[Finding]:
    """Keep findings on prose whose edits stay in prose and leave protected spans whole.

    A finding whose fix would break that keeps its message and loses its fix.
    """
    n = len(doc.text)
    plain = doc.markup == "text"  # all prose: only the length and the protected spans can refuse
    out: list[Finding] = []
    for f in findings:
        if f.end > n:
            continue
        if not plain and (
            not doc.in_prose(f.start, max(f.start, f.end))
            and not (doc.in_prose(f.start, f.start) and doc.in_prose(max(f.start, f.end - 1), f.end))
        ):
            continue
        if f.fix is not None and any(
            e.end > n or not _edits_prose(doc, e) or doc.touches_protected(e.start, e.end) for e in f.fix.edits
        ):
            f = dataclasses.replace(f, fix=None)
        out.append(f)
    return out


def _edits_prose(doc: Document, e: Edit) -> bool:
    """The edit stays inside one prose span, or deletes only prose and the blank lines between
    blocks (a whole boilerplate line with its paragraph break)."""
    if doc.in_prose(e.start, e.end):
        return True
    text, n = doc.text, len(doc.text)
    whole_lines = (e.start == 0 or "\n" in text[e.start - 1 : e.start + 1]) and (
        e.end == n or "\n" in text[e.end - 1 : e.end + 1]
    )
    return (
        e.replacement == ""
        and whole_lines
        and not text[e.start : e.end].isspace()
        and all(text[i].isspace() or doc.in_prose(i, i + 1) for i in range(e.start, e.end))
    )

"""LanguageTool as a grammar backend: prose in, findings with ``str`` offsets out."""

from __future__ import annotations

import dataclasses
import sys
import time
from bisect import bisect_right
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cleanup.datafiles import load_toml
from cleanup.document import Document
from cleanup.languagetool.wire import one_line
from cleanup.model import Category, Edit, Finding, Fix, Severity

__all__ = [
    "LanguageToolBackend",
    "LanguageToolUnavailable",
    "below_precision",
    "category_precision",
    "default_disabled_categories",
    "default_disabled_rules",
    "measured_rules",
    "pooled_precision",
    "rule_precision",
    "unmeasured_below",
    "utf16_to_str",
    "without_unproven",
]

BATCH_CHARS = 20_000
TIMEOUT = 30
MAX_FAILURES = 3  # after this many failed documents (a timeout is a failure) a process stops asking
PRIOR_WEIGHT = 3.0  # a rule's measured precision is drawn toward its category's by this many matches' worth
# A rule the precision table never measured speaks only in a document where LanguageTool's warnings
# come at least this often per sentence (one in ten).
UNPROVEN_DENSITY = 0.1


class LanguageToolUnavailable(Exception):  # noqa: N818 - the name says what callers catch
    """LanguageTool was required and cannot be had, or did not work; the message says why."""


def utf16_to_str(text: str) -> list[int] | None:
    """A map from UTF-16 code-unit offsets to ``str`` offsets, or None when they coincide.

    >>> m = utf16_to_str("a😀b")
    >>> [m[i] for i in (0, 1, 3, 4)]
    [0, 1, 2, 3]
    >>> utf16_to_str("plain ascii") is None
    True
    """
    if all(ord(c) < 0x10000 for c in text):
        return None
    out: list[int] = []
    for i, c in enumerate(text):
        out.append(i)
        if ord(c) >= 0x10000:
            out.append(i)  # the low surrogate maps to the same character
    out.append(len(text))
    return out


def _noise() -> list[dict[str, str]]:
    disabled = load_toml("languagetool.toml").get("disabled", [])
    assert isinstance(disabled, list)
    return list(disabled)


def default_disabled_rules() -> tuple[str, ...]:
    """LanguageTool rule ids that are noise on professional news (``rules/data/languagetool.toml``).

    An id ending in ``*`` stands for every rule whose id starts with the rest; one starting with ``*``,
    every rule whose id ends with the rest.
    """
    return tuple(entry["id"] for entry in _noise() if "id" in entry)


def default_disabled_categories() -> tuple[str, ...]:
    """LanguageTool categories that are noise on professional news (same file)."""
    return tuple(entry["category"] for entry in _noise() if "category" in entry)


Table = Sequence[Mapping[str, Any]]  # rows of ``languagetool_precision.toml`` (``id``, ``category``, counts)


def _precision_table(table: Table | None = None) -> Table:
    """The given rows, or the shipped table's (a cross-validation passes rows measured on part of the data)."""
    if table is not None:
        return table
    rows = load_toml("languagetool_precision.toml").get("rule", [])
    assert isinstance(rows, list)
    return rows


def _pooled(table: Table | None = None) -> tuple[dict[str, int], dict[str, int]]:
    """Matches and matches on a span per category, over every rule in the table."""
    matches: dict[str, int] = {}
    on_span: dict[str, int] = {}
    for r in _precision_table(table):
        category = str(r.get("category", ""))
        matches[category] = matches.get(category, 0) + int(r["matches"])
        on_span[category] = on_span.get(category, 0) + int(r["on_span"])
    return matches, on_span


def pooled_precision(table: Table | None = None) -> float:
    """The share of every measured match that fell on a span.

    >>> 0.5 < pooled_precision() < 0.9
    True
    """
    matches, on_span = _pooled(table)
    return sum(on_span.values()) / max(1, sum(matches.values()))


def category_precision(table: Table | None = None) -> dict[str, float]:
    """Each LanguageTool category's pooled precision in the table, drawn toward ``pooled_precision``
    by ``PRIOR_WEIGHT`` matches' worth (a category seen three times is not yet known).

    >>> 0.0 < category_precision()["GRAMMAR"] <= 1.0
    True
    """
    matches, on_span = _pooled(table)
    prior = pooled_precision(table)
    return {c: (on_span[c] + PRIOR_WEIGHT * prior) / (n + PRIOR_WEIGHT) for c, n in matches.items() if c}


def rule_precision(table: Table | None = None) -> dict[str, float]:
    """Each measured rule's precision, drawn toward its category's by ``PRIOR_WEIGHT`` matches' worth:
    one match on a span and one off is evidence, but not yet a precision of 0.5. A rule that never
    matched the MT or learner data but fired on clean news gets 0.

    >>> precision = rule_precision()
    >>> precision["I_LOWERCASE"] > 0.8 > precision["MISSING_COMMA_AFTER_INTRODUCTORY_PHRASE"]
    True
    """
    prior, pooled = category_precision(table), pooled_precision(table)
    out: dict[str, float] = {}
    for r in _precision_table(table):
        n, hit = int(r["matches"]), int(r["on_span"])
        p = prior.get(str(r.get("category", "")), pooled)
        out[str(r["id"])] = (hit + PRIOR_WEIGHT * p) / (n + PRIOR_WEIGHT) if n else 0.0
    return out


def below_precision(floor: float, table: Table | None = None) -> tuple[str, ...]:
    """LanguageTool rule ids below ``floor`` (``rules/data/languagetool_precision.toml``): both the share
    of their matches on a span and that share drawn toward their category's (``rule_precision``) are
    under it. Rules never measured are judged by their category (``unmeasured_below``).

    >>> "MISSING_COMMA_AFTER_INTRODUCTORY_PHRASE" in below_precision(0.6)
    True
    >>> below_precision(0.0)
    ()
    """
    measured = {str(r["id"]): float(r["precision"]) for r in _precision_table(table)}
    return tuple(rule for rule, p in rule_precision(table).items() if p < floor and measured[rule] < floor)


def unmeasured_below(floor: float, table: Table | None = None) -> tuple[str, ...]:
    """Categories whose pooled precision is below ``floor``: a rule of one of them that the table
    never measured is muted (LanguageTool has thousands of rules; the dev data meets a few hundred).

    >>> "PUNCTUATION" in unmeasured_below(0.5), "GRAMMAR" in unmeasured_below(0.5)
    (True, False)
    >>> unmeasured_below(0.0)
    ()
    """
    return tuple(c for c, p in category_precision(table).items() if p < floor)


def measured_rules(table: Table | None = None) -> frozenset[str]:
    """The rule ids in the precision table."""
    return frozenset(str(r["id"]) for r in _precision_table(table))


def without_unproven(
    findings: Sequence[Finding],
    sentences: int,
    measured: Collection[str],
    enabled: Collection[str] = (),
    density: float = UNPROVEN_DENSITY,
) -> list[Finding]:
    """The findings, less those of rules the precision table never measured (and no user enabled),
    unless the document draws at least ``density`` warnings per sentence.

    A rule never seen on the calibration data is unproven: in a document full of errors it is one more
    witness, in edited prose the likeliest false alarm. On clean news held out from the calibration,
    most of LanguageTool's warnings come from such rules, one or two in an article.

    >>> def lt(name): return Finding("LT", name, Category.GRAMMAR, Severity.WARNING, 0, 1, name)
    >>> [f.name for f in without_unproven([lt("NEW_RULE"), lt("OLD_RULE")], 30, {"OLD_RULE"})]
    ['OLD_RULE']
    >>> [f.name for f in without_unproven([lt("NEW_RULE"), lt("OLD_RULE")] * 2, 30, {"OLD_RULE"})]
    ['NEW_RULE', 'OLD_RULE', 'NEW_RULE', 'OLD_RULE']
    >>> [f.name for f in without_unproven([lt("NEW_RULE")], 1, {"OLD_RULE"})]  # one sentence, one warning
    ['NEW_RULE']
    """
    warnings = sum(1 for f in findings if f.severity is not Severity.INFO)
    if warnings >= density * sentences:
        return list(findings)
    return [f for f in findings if f.name in measured or f.name in enabled]


@dataclass(frozen=True, slots=True)
class _Segment:
    """A block of the document inside one request: where it starts in each."""

    request_start: int
    doc_start: int
    length: int


class LanguageToolBackend:
    """Checks prose with a LanguageTool server through language-tool-python.

    The client sends the request (its ``_query_server``: timeout, one retry), but the raw
    JSON matches are mapped here: the library's ``Match`` shifts offsets by counting astral
    characters before a UTF-16 offset as if it were a ``str`` offset, leaves the length in
    UTF-16 units, and caches the text in a class attribute shared by all threads.

    Holds only its settings when pickled; each process connects on first use.
    """

    def __init__(
        self,
        url: str,
        language: str = "en-US",
        disabled_rules: Sequence[str] = (),
        enabled_rules: Sequence[str] = (),
        disabled_categories: Sequence[str] = (),
        enabled_categories: Sequence[str] = (),
        unmeasured_off: Sequence[str] = (),
        timeout: float = TIMEOUT,
        required: bool = False,
        deadline: float | None = None,
        unproven_density: float = 0.0,
    ) -> None:
        self.url = url
        # an unmeasured rule's findings need this many warnings per sentence in the document (0: no such test)
        self.unproven_density = unproven_density
        self.required = required  # a failure raises LanguageToolUnavailable instead of a warning
        self.deadline = deadline  # wall-clock time (time.time) after which no request is sent
        self.language = language
        self.disabled_rules = tuple(r for r in disabled_rules if "*" not in r)
        self.disabled_prefixes = tuple(r[:-1] for r in disabled_rules if r.endswith("*"))
        self.disabled_suffixes = tuple(r[1:] for r in disabled_rules if r.startswith("*") and not r.endswith("*"))
        self.enabled_rules = tuple(enabled_rules)
        self.disabled_categories = tuple(disabled_categories)
        self.enabled_categories = tuple(enabled_categories)
        # categories whose rules are muted unless the precision table measured them (``unmeasured_below``)
        self.unmeasured_off = tuple(unmeasured_off)
        self.measured = measured_rules()
        self.timeout = timeout
        self._client: Any = None
        self._failures = 0
        self._over_budget = False

    def __getstate__(self) -> dict[str, object]:
        return {k: v for k, v in vars(self).items() if k not in ("_client", "_failures", "_over_budget")}

    def __setstate__(self, state: dict[str, object]) -> None:
        vars(self).update(state)
        self._client = None
        self._failures = 0
        self._over_budget = False

    # -- the server ------------------------------------------------------------
    def connect(self) -> Any:
        """The language-tool-python client, created on first use (asks the server for its languages)."""
        if self._client is None:
            import language_tool_python

            client = language_tool_python.LanguageTool(self.language, remote_server=self.url)
            client._TIMEOUT = self.timeout  # type: ignore[assignment]  # the library's default is 300 s
            client.disabled_rules = set(self.disabled_rules)
            client.enabled_rules = set(self.enabled_rules)
            client.disabled_categories = set(self.disabled_categories)
            client.enabled_categories = set(self.enabled_categories)
            self._client = client
        return self._client

    def _matches(self, text: str) -> list[dict[str, Any]]:
        """Raw matches for one request (bounded by the timeout and the run's deadline)."""
        from cleanup.languagetool.wire import LanguageToolError, request_json

        client = self.connect()
        timeout = self.timeout
        if self.deadline is not None:
            timeout = max(0.1, min(timeout, self.deadline - time.time()))
        params = {k: str(v) for k, v in client._create_params(text).items()}
        response = request_json(f"{self.url}/v2/check", params, timeout=timeout)
        matches = response.get("matches") if isinstance(response, dict) else None
        if not isinstance(matches, list) or not all(_well_formed(m) for m in matches):
            raise LanguageToolError(f"{self.url}/v2/check answered JSON that is not LanguageTool's list of matches")
        return matches

    # -- checking --------------------------------------------------------------
    def check(self, doc: Document) -> list[Finding]:
        """Findings for the document's prose; a failing server gives a warning and no findings
        (``LanguageToolUnavailable`` when LanguageTool is required)."""
        if self._failures >= MAX_FAILURES:
            return self._unavailable(f"LanguageTool failed {MAX_FAILURES} times and was dropped for this run")
        if self.deadline is not None and time.time() >= self.deadline:
            if not self._over_budget:
                self._over_budget = True
                if not self.required:
                    print("cleanup: warning: the time budget for grammar checking is spent; the remaining files "
                          "get built-in rules only ([tool.cleanup.languagetool] budget)", file=sys.stderr)  # fmt: skip
            return self._unavailable("the time budget for grammar checking is spent")
        findings: list[Finding] = []
        try:
            for text, segments in _batches(doc):
                findings.extend(self._findings(doc, text, segments))
            if self.unproven_density:
                findings = without_unproven(
                    findings, len(doc.sentences), self.measured, self.enabled_rules, self.unproven_density
                )
        except Exception as e:  # a server fault must never end the run: report it once
            self._failures += 1
            reason = one_line(e)
            if self.required:
                raise LanguageToolUnavailable(f"LanguageTool is required but failed: {reason}") from None
            if self._failures == 1:
                print(f"cleanup: warning: LanguageTool failed ({reason}); grammar findings are missing",
                      file=sys.stderr)  # fmt: skip
            elif self._failures == MAX_FAILURES:
                print(f"cleanup: warning: LanguageTool failed {MAX_FAILURES} times; grammar checking is off "
                      "for the rest of this run", file=sys.stderr)  # fmt: skip
            return []
        return findings

    def _unavailable(self, reason: str) -> list[Finding]:
        if self.required:
            raise LanguageToolUnavailable(f"LanguageTool is required but {reason}")
        return []

    def _findings(self, doc: Document, text: str, segments: list[_Segment]) -> Iterator[Finding]:
        starts = [s.request_start for s in segments]
        to_str = utf16_to_str(text)
        for m in self._matches(text):
            begin, length = int(m["offset"]), int(m["length"])
            start, end = (to_str[begin], to_str[begin + length]) if to_str else (begin, begin + length)
            seg = segments[bisect_right(starts, start) - 1]
            if end > seg.request_start + seg.length:
                continue  # runs across two blocks: an artefact of batching
            doc_start = seg.doc_start + start - seg.request_start
            doc_end = doc_start + end - start
            if self.keeps(m, doc, doc_start, doc_end) and doc.in_prose(doc_start, doc_end):
                yield _finding(m, doc_start, doc_end)  # (blanked markup is not the writer's whitespace)

    def keeps(self, match: Mapping[str, Any], doc: Document, start: int, end: int) -> bool:
        """Whether the noise filter keeps a raw match on ``doc.text[start:end]`` (the server has already
        dropped the disabled rules and categories): not muted, not a known false alarm of its rule.

        >>> b = LanguageToolBackend("http://localhost:1", unmeasured_off=("PUNCTUATION",))
        >>> b.keeps({"rule": {"id": "NO_SUCH_RULE", "category": {"id": "PUNCTUATION"}}}, Document("A b."), 0, 1)
        False
        """
        return not (
            self._muted(match)
            or _singular_in_s(match)
            or _kind_of(match)
            or (_register(match) and _quoted(doc, start, end))
        )

    def _muted(self, match: Mapping[str, Any]) -> bool:
        """A match of a rule family disabled by prefix or suffix (``EN_COMPOUNDS_*``, ``*_COMPOUNDS``: the
        server only takes exact ids), or of a rule
        the precision table never measured, in a category below the floor (``unmeasured_off``).

        >>> b = LanguageToolBackend("http://localhost:1", unmeasured_off=("PUNCTUATION",))
        >>> b._muted({"rule": {"id": "NO_SUCH_RULE", "category": {"id": "PUNCTUATION"}}})
        True
        >>> b._muted({"rule": {"id": "NO_SUCH_RULE", "category": {"id": "GRAMMAR"}}})
        False
        >>> b = LanguageToolBackend("http://localhost:1", disabled_rules=("EN_COMPOUNDS_*", "*_COMPOUNDS"))
        >>> [b._muted({"rule": {"id": i}}) for i in ("HEAD_COMPOUNDS", "EN_COMPOUNDS_TOP_NOTCH", "COMPOUNDS_X")]
        [True, True, False]
        """
        rule = match.get("rule") or {}
        rule_id = str(rule.get("id", ""))
        if rule_id in self.enabled_rules:
            return False
        if rule_id.startswith(self.disabled_prefixes) or rule_id.endswith(self.disabled_suffixes):
            return True
        category = str((rule.get("category") or {}).get("id", ""))
        return category in self.unmeasured_off and rule_id not in self.measured

    def merge(self, builtin: Sequence[Finding], grammar: Sequence[Finding]) -> list[Finding]:
        """One finding per defect: a grammar finding that a built-in finding (or its fix) touches
        is dropped, and the built-in finding's message says that LanguageTool agrees.

        Touching counts: LanguageTool's ``SENTENCE_WHITESPACE`` on ``Biden`` and our
        ``SP001`` on the ``.`` before it report one defect.
        """
        regions = sorted(
            {(f.start, f.end, i) for i, f in enumerate(builtin)}
            | {(e.start, e.end, i) for i, f in enumerate(builtin) if f.fix for e in f.fix.edits}
        )
        starts = [s for s, _, _ in regions]
        longest = max((e - s for s, e, _ in regions), default=0)
        agreed: dict[int, list[str]] = {}
        kept = []
        for g in grammar:
            lo = bisect_right(starts, g.start - longest - 1)
            hi = bisect_right(starts, g.end)
            touched = [i for s, e, i in regions[lo:hi] if s <= g.end and g.start <= e]
            if touched:
                for i in touched:
                    agreed.setdefault(i, []).append(g.name)
            else:
                kept.append(g)
        out = [
            dataclasses.replace(f, message=f"{f.message} [LanguageTool agrees: {', '.join(sorted(set(agreed[i])))}]")
            if i in agreed else f
            for i, f in enumerate(builtin)
        ]  # fmt: skip
        return [*out, *kept]


# Inside a quotation the words are the speaker's: rules about register, style and colloquial forms
# (``gotta``, ``all of the``, ``wanna``) stay silent there.
_REGISTER_ISSUES = frozenset({"style", "register"})
_REGISTER_CATEGORIES = frozenset({"STYLE", "REDUNDANCY", "COLLOQUIALISMS", "PLAIN_ENGLISH", "CASUAL"})
# Nouns singular in their -s form (``a doubles``, ``a singles title``, ``an innings``): A_NNS is wrong on them.
_SINGULAR_IN_S = frozenset({"doubles", "singles", "innings", "headquarters", "crossroads", "barracks", "series",
                            "species", "means", "gallows", "whereabouts"})  # fmt: skip


def _register(m: Mapping[str, Any]) -> bool:
    rule = m.get("rule") or {}
    return rule.get("issueType") in _REGISTER_ISSUES or (rule.get("category") or {}).get("id") in _REGISTER_CATEGORIES


def _quoted(doc: Document, start: int, end: int) -> bool:
    """The span lies inside a quotation (the shared quotation parse)."""
    from cleanup.analysis.quotations import quotation_spans

    spans = quotation_spans(doc)
    i = bisect_right(spans, (start, len(doc.text) + 1)) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


def _singular_in_s(m: Mapping[str, Any]) -> bool:
    if (m.get("rule") or {}).get("id") != "A_NNS":
        return False
    context = m.get("context") or {}
    text, offset, length = str(context.get("text", "")), context.get("offset", 0), context.get("length", 0)
    flagged = text[offset : offset + length] if isinstance(offset, int) and isinstance(length, int) else ""
    return flagged.rsplit(" ", 1)[-1].lower() in _SINGULAR_IN_S


def _kind_of(m: Mapping[str, Any]) -> bool:
    """THIS_NNS on ``these kind of`` / ``those sort of``: informal, but common in edited prose
    (twice in the dev clean news), so no error.

    >>> rule = {"id": "THIS_NNS"}
    >>> _kind_of({"rule": rule, "context": {"text": "I like these sort of games.", "offset": 7, "length": 10}})
    True
    >>> _kind_of({"rule": rule, "context": {"text": "I like these game.", "offset": 7, "length": 10}})
    False
    """
    if (m.get("rule") or {}).get("id") != "THIS_NNS":
        return False
    context = m.get("context") or {}
    text, offset, length = str(context.get("text", "")), context.get("offset", 0), context.get("length", 0)
    if not (isinstance(offset, int) and isinstance(length, int)):
        return False
    flagged, after = text[offset : offset + length], text[offset + length :]
    return flagged.rsplit(" ", 1)[-1].lower() in ("kind", "sort", "type") and after.lstrip().lower().startswith("of ")


def _well_formed(m: object) -> bool:
    return isinstance(m, dict) and isinstance(m.get("offset"), int) and isinstance(m.get("length"), int)


def _batches(doc: Document) -> Iterator[tuple[str, list[_Segment]]]:
    """Requests of whole blocks (prose only, markup blanked), about ``BATCH_CHARS`` each."""
    parts: list[str] = []
    segments: list[_Segment] = []
    size = 0
    for block in doc.blocks:
        chunk = doc.masked[block.start : block.end]
        if parts and size + len(chunk) > BATCH_CHARS:
            yield "".join(parts), segments
            parts, segments, size = [], [], 0
        if parts:
            parts.append("\n\n")
            size += 2
        segments.append(_Segment(size, block.start, len(chunk)))
        parts.append(chunk)
        size += len(chunk)
    if parts:
        yield "".join(parts), segments


def _finding(m: Mapping[str, Any], start: int, end: int) -> Finding:
    rule = m.get("rule") or {}
    rule_id = str(rule.get("id", "UNKNOWN"))
    category = str((rule.get("category") or {}).get("id", ""))
    replacements = [r["value"] for r in m.get("replacements") or [] if isinstance(r, dict) and "value" in r]
    fix = None
    if replacements:
        edit = Edit.replace(start, end, replacements[0])
        title = f"Replace with {replacements[0]!r}"
        fix = Fix.unsafe(title, edit) if len(replacements) == 1 else Fix.display_only(title, edit)
    severity = Severity.INFO if category in ("STYLE", "TYPOGRAPHY", "REDUNDANCY", "PLAIN_ENGLISH") else Severity.WARNING
    return Finding("LT", rule_id, Category.GRAMMAR, severity, start, end, str(m.get("message", rule_id)), fix)

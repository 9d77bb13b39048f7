"""Reading the annotated corpus: dot-block rule cases (markdown-it-py fixture style).

A block is a title line, then ``.``, the input lines, ``.``, the expected text
after ``fix --unsafe-fixes``, ``.``. Input equal to expected is a negative
case (the rule must stay silent), unless the title starts with ``flag:``: a
positive case whose finding carries no applicable fix. ``[markdown]`` or
``[html]`` in the title reads the input as that markup. ``[source]`` or ``[source=ja]`` in the
title adds a first section, the source the input was translated from (and its language):
title, ``.``, source, ``.``, input, ``.``, expected, ``.``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from cleanup.document import Markup

__all__ = ["Case", "parse_cases", "read_cases"]

_SOURCE_TAG = re.compile(r"\[source(?:=([a-z]{2,3}))?\]")
_TERMS_TAG = re.compile(r"\[terms: ([^\]]+)\]")


_OPTION = re.compile(r"\[([\w-]+)=([^\]]*)\]")


@dataclass(frozen=True, slots=True)
class Case:
    """One corpus case."""

    title: str
    input: str
    expected: str
    line: int
    source: str | None = None

    @property
    def source_lang(self) -> str | None:
        """The language named by ``[source=xx]`` in the title, if any."""
        m = _SOURCE_TAG.search(self.title)
        return m[1] if m and m[1] else None

    @property
    def positive(self) -> bool:
        return self.input != self.expected or self.title.startswith("flag:")

    @property
    def needs_dictionary(self) -> bool:
        """``[dictionary]`` in the title: the case is decided by the hunspell en_US dictionary.

        >>> Case("a misspelt surname [dictionary]", "", "", 1).needs_dictionary
        True
        """
        return "[dictionary]" in self.title

    @property
    def markup(self) -> Markup:
        """``markdown`` or ``html`` when the title says ``[markdown]`` or ``[html]``; else ``text``."""
        for markup in ("markdown", "html"):
            if f"[{markup}]" in self.title:
                return markup
        return "text"

    @property
    def options(self) -> dict[str, object]:
        """Rule options from the title: ``[key=value]`` (``[style=curly]``; ``[source=xx]`` is the
        source's language, not an option) and ``[terms: a = b; c = d]`` (a glossary).

        >>> Case("straight mark [style=curly] [source=ja]", "", "", 1).options
        {'style': 'curly'}
        """
        out: dict[str, object] = {m[1]: m[2] for m in _OPTION.finditer(self.title) if m[1] != "source"}
        m = _TERMS_TAG.search(self.title)
        if m:
            pairs = (item.split("=", 1) for item in m[1].split(";") if "=" in item)
            out["terms"] = {k.strip(): v.strip() for k, v in pairs}
        return out


def parse_cases(source: str) -> list[Case]:
    """Parse dot-blocks.

    >>> cases = parse_cases("glued\\n.\\na.B\\n.\\na. B\\n.\\n\\nclean\\n.\\nok\\n.\\nok\\n.\\n")
    >>> [(c.title, c.positive) for c in cases]
    [('glued', True), ('clean', False)]
    >>> parse_cases("kept [source=de]\\n.\\nJa.\\n.\\nYes.\\n.\\nYes.\\n.\\n")[0].source
    'Ja.'
    """
    lines = source.split("\n")
    cases: list[Case] = []
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        title, start = lines[i], i + 1
        if i + 1 >= len(lines) or lines[i + 1] != ".":
            raise ValueError(f"line {i + 2}: expected '.' after the title {title!r}")
        parts: list[list[str]] = [[], [], []] if _SOURCE_TAG.search(title) else [[], []]
        i += 2
        for part in parts:
            while i < len(lines) and lines[i] != ".":
                part.append(lines[i])
                i += 1
            if i >= len(lines):
                raise ValueError(f"line {start}: unterminated case {title!r}")
            i += 1
        texts = ["\n".join(p) for p in parts]
        given = texts.pop(0) if len(texts) == 3 else None
        cases.append(Case(title, texts[0], texts[1], start, given))
    return cases


def read_cases(path: Path) -> list[Case]:
    return parse_cases(path.read_text(encoding="utf-8"))

"""Reading the annotated corpus: dot-block rule cases (markdown-it-py fixture style).

A block is a title line, then ``.``, the input lines, ``.``, the expected text
after ``fix --unsafe-fixes``, ``.``. Input equal to expected is a negative
case (the rule must stay silent), unless the title starts with ``flag:``: a
positive case whose finding carries no applicable fix. ``[markdown]`` or
``[html]`` in the title reads the input as that markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from cleanup.document import Markup

__all__ = ["Case", "parse_cases", "read_cases"]


_OPTION = re.compile(r"\[([\w-]+)=([^\]]*)\]")


@dataclass(frozen=True, slots=True)
class Case:
    """One corpus case."""

    title: str
    input: str
    expected: str
    line: int

    @property
    def positive(self) -> bool:
        return self.input != self.expected or self.title.startswith("flag:")

    @property
    def markup(self) -> Markup:
        """``markdown`` or ``html`` when the title says ``[markdown]`` or ``[html]``; else ``text``."""
        for markup in ("markdown", "html"):
            if f"[{markup}]" in self.title:
                return markup
        return "text"

    @property
    def options(self) -> dict[str, object]:
        """The rule's options named in the title as ``[key=value]`` (``[style=curly]``).

        >>> Case("straight mark [style=curly]", "", "", 1).options
        {'style': 'curly'}
        """
        return {m[1]: m[2] for m in _OPTION.finditer(self.title)}


def parse_cases(source: str) -> list[Case]:
    """Parse dot-blocks.

    >>> cases = parse_cases("glued\\n.\\na.B\\n.\\na. B\\n.\\n\\nclean\\n.\\nok\\n.\\nok\\n.\\n")
    >>> [(c.title, c.positive) for c in cases]
    [('glued', True), ('clean', False)]
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
        parts: list[list[str]] = [[], []]
        i += 2
        for part in parts:
            while i < len(lines) and lines[i] != ".":
                part.append(lines[i])
                i += 1
            if i >= len(lines):
                raise ValueError(f"line {start}: unterminated case {title!r}")
            i += 1
        cases.append(Case(title, "\n".join(parts[0]), "\n".join(parts[1]), start))
    return cases


def read_cases(path: Path) -> list[Case]:
    return parse_cases(path.read_text(encoding="utf-8"))

"""The README's examples, as written, for the tests that run them."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def example(name: str) -> str:
    """The first ```python block after ``<!-- example: NAME -->`` in the README."""
    text = README.read_text(encoding="utf-8")
    m = re.search(rf"<!-- example: {re.escape(name)} -->\s*```python\n(.*?)```", text, re.DOTALL)
    assert m, f"README has no example {name!r}"
    return m.group(1)

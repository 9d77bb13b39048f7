"""Text shown on a terminal: control characters of an article are escaped, never sent raw.

An article may hold ``ESC [2J`` (clear the screen) or an OSC title sequence;
printed raw, it acts on the reader's terminal. Reports show it as ``\\x1b[2J``.
"""

from __future__ import annotations

import re

__all__ = ["escape_controls"]

# C0 controls except tab and line feed, DEL, C1 controls, and the line and paragraph separators
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def escape_controls(s: str) -> str:
    """``s`` with control characters written as Python escapes; tab and line feed stay.

    >>> escape_controls("Hi \\x1b]0;PWNED\\x07 there\\r\\n")
    'Hi \\\\x1b]0;PWNED\\\\x07 there\\\\r\\n'
    """
    return _CONTROLS.sub(_escape, s)


def _escape(m: re.Match[str]) -> str:
    c = m[0]
    return "\\r" if c == "\r" else f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"

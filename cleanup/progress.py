"""A progress bar on stderr for long runs, shown only on a terminal (tqdm).

It appears after a short delay, so quick runs print nothing, and never when
stderr is a file or a pipe, or with ``-q``.
"""

from __future__ import annotations

import sys
from typing import TextIO

from tqdm import tqdm

__all__ = ["Progress"]

_DELAY = 0.5  # seconds before the bar appears
_INTERVAL = 0.1  # seconds between redraws at most


class Progress:
    """Counts files, or bytes and records, with rate and time left.

    ``unit="file"`` counts files; ``unit="B"`` counts bytes of input and shows
    the records done and their rate beside the bar.

    >>> p = Progress(total=3, unit="file", quiet=True)
    >>> p.update(1); p.close(); p.enabled
    False
    """

    def __init__(
        self, *, total: float | None, unit: str, quiet: bool = False, stream: TextIO | None = None, desc: str = ""
    ) -> None:
        stream = stream or sys.stderr
        self.enabled = not quiet and bool(getattr(stream, "isatty", lambda: False)())
        self.records = 0
        self._bar = tqdm(
            total=total,
            unit=unit,
            unit_scale=unit == "B",
            unit_divisor=1024 if unit == "B" else 1000,
            desc=desc or None,
            file=stream,
            disable=not self.enabled,
            delay=_DELAY,
            mininterval=_INTERVAL,
            dynamic_ncols=True,
            leave=False,
        )

    def update(self, n: float, records: int = 0) -> None:
        """Advance by ``n`` units (and ``records`` records, shown with their rate)."""
        if not self.enabled:
            return
        if records:
            self.records += records
            elapsed = self._bar.format_dict.get("elapsed") or 0.0
            rate = f", {self.records / elapsed:,.0f} records/s" if elapsed > 0 else ""
            self._bar.set_postfix_str(f"{self.records:,} records{rate}", refresh=False)
        self._bar.update(n)

    def close(self) -> None:
        self._bar.close()

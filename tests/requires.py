"""Optional lexicons of the tests: skipped where missing locally, a failure in CI (``CI`` set)."""

from __future__ import annotations

import os

import pytest

from cleanup.analysis import pos, spelling


def _missing(what: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing: .ci/run installs it")
    pytest.skip(f"needs {what}")


def dictionary() -> None:
    """hunspell's en_US dictionary (``apt-get install hunspell-en-us``)."""
    if not spelling.available():
        _missing("hunspell en_US (apt-get install hunspell-en-us)")


def lexicon() -> None:
    """lemminflect's part-of-speech lexicon (a dependency of the package)."""
    if not pos.available():
        _missing("lemminflect's lexicon")

"""Doctest namespace: rule docstrings call ``fixed`` and ``flagged``."""

from __future__ import annotations

import pytest

from cleanup.testing import findings, fixed, flagged


@pytest.fixture(autouse=True)
def _doctest_helpers(doctest_namespace: dict[str, object]) -> None:
    doctest_namespace["fixed"] = fixed
    doctest_namespace["flagged"] = flagged
    doctest_namespace["findings"] = findings


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite corpus/articles/*.expected")

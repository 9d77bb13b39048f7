"""Doctest namespace: rule docstrings call ``fixed`` and ``flagged``."""

from __future__ import annotations

import pytest

from cleanup.testing import fixed, flagged


@pytest.fixture(autouse=True)
def _doctest_helpers(doctest_namespace: dict[str, object]) -> None:
    doctest_namespace["fixed"] = fixed
    doctest_namespace["flagged"] = flagged


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite corpus/articles/*.expected")

"""One loader for the data files shipped in ``rules/data/`` (installed as ``cleanup/rules/data``)."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.util import find_spec
from pathlib import Path

__all__ = ["data_path", "load_toml"]


@cache
def _data_dir() -> Path:
    # find_spec locates the package without importing it (importing it builds the registry).
    spec = find_spec("cleanup.rules")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("cleanup.rules is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def data_path(name: str) -> Path:
    """The path of data file ``name`` (``calques.toml``)."""
    return _data_dir() / name


@cache
def load_toml(name: str) -> dict[str, object]:
    """Data file ``name``, parsed once per process.

    >>> "substitution" in load_toml("calques.toml")
    True
    """
    return tomllib.loads(data_path(name).read_text(encoding="utf-8"))

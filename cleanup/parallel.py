"""Checking and fixing many texts in parallel, one prepared Checker per worker.

For a distributed engine (Spark, Dask, Ray), do the same per partition:
build one ``Checker`` (it pickles as its configuration) and map it over the
partition's texts; see the README.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

from cleanup.checker import Checker
from cleanup.document import Markup
from cleanup.model import Config, Finding, FixResult

__all__ = ["check_texts", "fix_texts"]

_CHECKER: Checker | None = None


def _init(config: Config) -> None:
    global _CHECKER  # one Checker per worker process, built once
    _CHECKER = Checker(config)


def _check(item: tuple[str, Markup]) -> list[Finding]:
    assert _CHECKER is not None
    return _CHECKER.check(item[0], markup=item[1])


def _fix(item: tuple[str, Markup, bool]) -> FixResult:
    assert _CHECKER is not None
    return _CHECKER.fix(item[0], markup=item[1], unsafe=item[2])


def check_texts(
    texts: Iterable[str], *, config: Config | None = None, jobs: int = 0, markup: Markup = "text", chunksize: int = 16
) -> Iterator[list[Finding]]:
    """Findings for each text, in input order, computed by ``jobs`` processes (0: one per core).

    >>> [len(f) for f in check_texts(["It ended.Then it began.", "Fine."], jobs=1)]
    [1, 0]
    """
    config = config or Config()
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1:
        checker = Checker(config)
        for text in texts:
            yield checker.check(text, markup=markup)
        return
    with ProcessPoolExecutor(jobs, initializer=_init, initargs=(config,)) as pool:
        yield from pool.map(_check, ((t, markup) for t in texts), chunksize=chunksize)


def fix_texts(
    texts: Iterable[str],
    *,
    config: Config | None = None,
    unsafe: bool = False,
    jobs: int = 0,
    markup: Markup = "text",
    chunksize: int = 16,
) -> Iterator[FixResult]:
    """Fix each text, in input order, with ``jobs`` processes (0: one per core).

    >>> [r.text for r in fix_texts(["It ended.Then it began."], jobs=1)]
    ['It ended. Then it began.']
    """
    config = config or Config()
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1:
        checker = Checker(config)
        for text in texts:
            yield checker.fix(text, markup=markup, unsafe=unsafe)
        return
    with ProcessPoolExecutor(jobs, initializer=_init, initargs=(config,)) as pool:
        yield from pool.map(_fix, ((t, markup, unsafe) for t in texts), chunksize=chunksize)

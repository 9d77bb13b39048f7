"""``cached_property`` without the lock of Python 3.11's, and a small on-disk cache of built data
(a leaf module: it imports nothing of the engine).

Python 3.11's :func:`functools.cached_property` takes a lock on every first access (3.12 dropped
it); a document reads about twenty such views once each, so the lock is pure cost. This one is the
same non-data descriptor: the value lands in the instance's ``__dict__``, where later reads find it
without calling the descriptor at all.

>>> class Counted:
...     calls = 0
...     @cached_property
...     def value(self) -> int:
...         Counted.calls += 1
...         return 42
>>> c = Counted()
>>> c.value, c.value, Counted.calls
(42, 42, 1)
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

__all__ = ["bulk_build", "cache_dir", "cached_property", "file_key", "read_cache", "write_cache"]

T = TypeVar("T")

if TYPE_CHECKING or sys.version_info >= (3, 12):
    from functools import cached_property
else:

    class cached_property(Generic[T]):  # noqa: N801 - the stdlib's name
        """A lock-free :func:`functools.cached_property` (as Python 3.12 has it)."""

        def __init__(self, func: Callable[[Any], T]) -> None:
            self.func = func
            self.attrname: str | None = None
            self.__doc__ = func.__doc__
            self.__module__ = func.__module__

        def __set_name__(self, owner: type, name: str) -> None:
            if self.attrname is None:
                self.attrname = name
            elif name != self.attrname:
                raise TypeError(f"cached_property named both {self.attrname!r} and {name!r}")

        def __get__(self, instance: object, owner: type | None = None) -> Any:
            if instance is None:
                return self
            if self.attrname is None:
                raise TypeError("Cannot use cached_property instance without calling __set_name__ on it.")
            value = instance.__dict__[self.attrname] = self.func(instance)
            return value


# -- built data cached on disk ------------------------------------------------------------------
#
# A process builds some tables from installed files on first use (the hunspell dictionary, the word
# frequencies): up to a second of start-up for every CLI call, hook run and worker. The built form
# is kept in the user's cache folder as a marshal file, named by a key made of the source files'
# path, size and modification time (and the Python version), so a changed source is a new file.
# The cache is never required: an unreadable, corrupt or stale file is ignored and the table is
# built as before; a folder that cannot be written is skipped silently.

_FORMAT = 1  # bump when the layout of any cached value changes


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/cleanup``, or ``~/.cache/cleanup``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "cleanup"


def file_key(name: str, *paths: Path | str, extra: str = "") -> str:
    """A file name for the cache of ``name`` built from ``paths``: it changes when any of them is
    replaced, resized or touched, with ``extra`` (a version), or with the Python version.

    >>> import pathlib, tempfile
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "words.txt"
    >>> _ = f.write_text("a")
    >>> before = file_key("words", f)
    >>> _ = f.write_text("ab")
    >>> before != file_key("words", f), before.startswith("words-")
    (True, True)
    """
    parts = [str(_FORMAT), sys.version, str(marshal.version), extra]
    for path in paths:
        stat = Path(path).stat()
        parts += [str(Path(path).resolve()), str(stat.st_size), str(stat.st_mtime_ns)]
    return f"{name}-{hashlib.sha1(chr(0).join(parts).encode()).hexdigest()[:20]}.marshal"


def read_cache(key: str) -> Any:
    """The value cached under ``key``, or ``None`` when there is none or it cannot be read."""
    try:
        data = (cache_dir() / key).read_bytes()
        return marshal.loads(data)
    except Exception:  # missing, unreadable, truncated or from another Python: build it again
        return None


def write_cache(key: str, value: Any) -> bool:
    """Cache ``value`` (marshal-able) under ``key``, atomically: a reader sees the old file or the
    whole new one, never a part. False when the folder cannot be written."""
    try:
        folder = cache_dir()  # no home folder at all: no cache either
        data = marshal.dumps(value)
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{key}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            Path(tmp).replace(folder / key)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except Exception:  # a read-only home, a full disk: run without the cache
        return False
    return True


@contextmanager
def bulk_build() -> Iterator[None]:
    """Build a large, long-lived table without the cyclic garbage collector, which would otherwise
    walk the growing table again and again (more than half of loading the hunspell dictionary);
    the objects built are then moved out of its sight (``gc.freeze``): they live until exit."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.freeze()

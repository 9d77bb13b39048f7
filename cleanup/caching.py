"""``cached_property`` without the lock of Python 3.11's (a leaf module: it imports nothing of the engine).

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

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

__all__ = ["cached_property"]

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

"""Span types: half-open ranges of the document text. A leaf module: it imports nothing of the engine."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Block", "Sentence", "Span"]


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open ``[start, end)`` range of the document text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph-level unit. ``kind`` is paragraph, heading, list_item, quote or table."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence inside block number ``block``."""

    start: int
    end: int
    block: int

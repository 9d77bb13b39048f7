"""The rule families, one module each, installed as ``cleanup.rules``."""

from __future__ import annotations

from collections.abc import Mapping

from cleanup.registry import Rule, build_registry

__all__ = ["MODULES", "REGISTRY"]

MODULES = (
    "spacing", "punctuation", "quotes", "links", "mt", "garbled", "boilerplate", "encoding", "accuracy", "fluency",
)  # fmt: skip

REGISTRY: Mapping[str, Rule] = build_registry(MODULES)

"""Configuration: ``[tool.cleanup]`` in ``pyproject.toml`` or a ``cleanup.toml``.

Found upward from each file; the nearest file with a cleanup section wins.
An unknown key is an error, never silence.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

from cleanup.model import Category, Config, Severity

__all__ = ["ConfigError", "check_selectors", "clear_caches", "find_config", "load_config", "parse_config"]

_KEYS = frozenset(
    {"select", "ignore", "extend-select", "unsafe-fixes", "exclude", "per-file-ignores", "severity", "options",
     "languagetool", "abbreviations", "quote-style"}
)  # fmt: skip
QUOTE_STYLES = ("curly", "straight", "auto")
_LT_KEYS = frozenset(
    {"enabled", "url", "autostart", "language", "enabled-rules", "disabled-rules", "enabled-categories",
     "disabled-categories", "timeout", "required", "budget", "min-precision"}
)  # fmt: skip


class ConfigError(ValueError):
    """A configuration file that cannot be used; the message names the file and key."""


def parse_config(table: Mapping[str, object], source: str = "<config>", base: Config | None = None) -> Config:
    """Build a :class:`Config` from a ``[tool.cleanup]`` table.

    >>> parse_config({"select": ["SP", "quotes"], "severity": {"SP004": "warning"}}).select
    ('SP', 'quotes')
    >>> parse_config({"selct": ["SP"]}, "pyproject.toml")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    cleanup.config.ConfigError: pyproject.toml: unknown key 'selct' in [tool.cleanup] (known: abbreviations, ...)
    """
    base = base or Config()
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise ConfigError(f"{source}: unknown key {unknown[0]!r} in [tool.cleanup] (known: {', '.join(sorted(_KEYS))})")

    def strings(key: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{source}: {key} must be a list of strings")
        if key not in ("exclude", "abbreviations"):
            check_selectors(value, f"{source}: {key}")
        return tuple(value)

    select = strings("select") if "select" in table else base.select
    select = select + strings("extend-select")
    severity = dict(base.severity)
    for code, level in _table(table, "severity", source).items():
        try:
            severity[code] = Severity(str(level))
        except ValueError:
            raise ConfigError(f"{source}: severity of {code}: {level!r} is not error, warning or info") from None
    options = {k: dict(_table({"x": v}, "x", source)) for k, v in _table(table, "options", source).items()}
    if "quote-style" in table:  # the house style, read by QT009 (its own option wins)
        style = table["quote-style"]
        if style not in QUOTE_STYLES:
            raise ConfigError(f"{source}: quote-style must be one of {', '.join(QUOTE_STYLES)}, not {style!r}")
        options["QT009"] = {"style": style, **options.get("QT009", {})}
    per_file = {}
    for pattern, selectors in _table(table, "per-file-ignores", source).items():
        if not isinstance(selectors, list) or not all(isinstance(s, str) for s in selectors):
            raise ConfigError(f"{source}: per-file-ignores[{pattern!r}] must be a list of strings")
        per_file[pattern] = tuple(selectors)
    lt = _table(table, "languagetool", source)
    bad = sorted(set(lt) - _LT_KEYS)
    if bad:
        raise ConfigError(f"{source}: unknown key {bad[0]!r} in [tool.cleanup.languagetool]")
    floor = lt.get("min-precision", 0.0)
    if isinstance(floor, bool) or not isinstance(floor, int | float) or not 0.0 <= floor <= 1.0:
        raise ConfigError(f"{source}: languagetool.min-precision must be a number from 0 to 1")
    unsafe = table.get("unsafe-fixes", base.unsafe_fixes)
    if not isinstance(unsafe, bool):
        raise ConfigError(f"{source}: unsafe-fixes must be true or false")
    return Config(
        select=select,
        ignore=strings("ignore") if "ignore" in table else base.ignore,
        unsafe_fixes=unsafe,
        options={**base.options, **options},
        severity=severity,
        languagetool={**base.languagetool, **{k.replace("-", "_"): v for k, v in lt.items()}},
        use_languagetool=bool(lt.get("enabled", base.use_languagetool)),
        exclude=strings("exclude") if "exclude" in table else base.exclude,
        per_file_ignores={**base.per_file_ignores, **per_file},
        abbreviations=tuple(sorted({*base.abbreviations, *strings("abbreviations")})),
    )


def check_selectors(selectors: Iterable[str], where: str) -> None:
    """Raise ``ConfigError`` for a selector that names no rule, code prefix, name or category.

    >>> check_selectors(["SP", "quotes", "missing-space-after-sentence", "ALL", "LT"], "--select")
    >>> check_selectors(["ZZ9"], "--select")
    Traceback (most recent call last):
    ...
    cleanup.config.ConfigError: --select: 'ZZ9' names no rule, prefix or category
    """
    from cleanup.registry import matches_selector
    from cleanup.rules import REGISTRY

    known = ("LT", *(c.value for c in Category))
    for selector in selectors:
        if selector not in known and not any(matches_selector(r.spec, selector) for r in REGISTRY.values()):
            raise ConfigError(f"{where}: {selector!r} names no rule, prefix or category")


def _table(table: Mapping[str, object], key: str, source: str) -> Mapping[str, object]:
    value = table.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{source}: {key} must be a table")
    return value


def find_config(start: Path) -> Path | None:
    """The nearest ``cleanup.toml``, or ``pyproject.toml`` with ``[tool.cleanup]``, at or above ``start``."""
    return _find(start.resolve() if start.is_dir() else start.resolve().parent)


@lru_cache(maxsize=256)
def _find(directory: Path) -> Path | None:
    for d in (directory, *directory.parents):
        candidate = d / "cleanup.toml"
        if candidate.is_file():
            return candidate
        pyproject = d / "pyproject.toml"
        if pyproject.is_file():
            tool = _read(pyproject).get("tool")
            if isinstance(tool, dict) and "cleanup" in tool:
                return pyproject
    return None


@lru_cache(maxsize=64)
def _read(path: Path) -> dict[str, object]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(f"{path}: {e}") from None


def load_config(path: Path, base: Config | None = None) -> Config:
    """Read a ``cleanup.toml`` (top-level keys) or a ``pyproject.toml`` (``[tool.cleanup]``)."""
    data = _read(path)
    tool = data.get("tool")
    if path.name == "pyproject.toml":
        table = tool.get("cleanup", {}) if isinstance(tool, dict) else {}
    else:
        table = tool.get("cleanup", data) if isinstance(tool, dict) else data
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.cleanup] must be a table")
    return parse_config(table, str(path), base)


def clear_caches() -> None:
    """Forget found and parsed configuration files (each CLI run starts afresh)."""
    _find.cache_clear()
    _read.cache_clear()

"""LanguageTool, the grammar backend: server management and the checker that talks to it.

Without Java, an installed server or a reachable URL, grammar checking is off
and the built-in rules still run: one line on stderr says so.
"""

from __future__ import annotations

import atexit
import dataclasses
import os
import sys
import time

from cleanup.languagetool import server
from cleanup.languagetool.backend import (
    UNPROVEN_DENSITY,
    LanguageToolBackend,
    LanguageToolUnavailable,
    below_precision,
    default_disabled_categories,
    default_disabled_rules,
    unmeasured_below,
)
from cleanup.languagetool.server import ServerError, installed, problem, running, start, stop
from cleanup.languagetool.wire import one_line
from cleanup.model import Config

__all__ = [
    "REQUIRE_ENV",
    "URL_ENV",
    "LanguageToolBackend",
    "LanguageToolUnavailable",
    "ServerError",
    "backend_from_config",
    "prepare",
    "resolve_url",
    "server",
]

URL_ENV = "CLEANUP_LANGUAGETOOL_URL"
BUDGET = 600.0  # seconds of grammar checking per command-line run (``budget``; 0: no limit)
MIN_PRECISION = 0.5  # the default floor on a rule's measured precision (``min-precision``)
REQUIRE_ENV = "CLEANUP_REQUIRE_LANGUAGETOOL"
_noticed: set[str] = set()


def _strings(value: object) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list | tuple) else ()


def resolve_url(config: Config) -> str:
    """The URL of a server to use: configured, from the environment, running, or started now.

    A server started here is stopped when this process exits. Raises ``ServerError``.
    """
    lt = config.languagetool
    url = lt.get("url") or os.environ.get(URL_ENV)
    if url:
        url = str(url).rstrip("/")
        why = problem(url, timeout=5.0)
        if why is not None:
            raise ServerError(f"no usable LanguageTool server at {url}: {why}")
        return url
    info = running()
    if info is not None:
        return info.url
    if not lt.get("autostart", True):
        raise ServerError("no LanguageTool server is running and autostart is off")
    if not installed():
        raise ServerError("LanguageTool is not installed; run `cleanup languagetool install`")
    info = start()
    atexit.register(stop)
    return info.url


def _required(config: Config) -> bool:
    return bool(config.languagetool.get("required")) or os.environ.get(REQUIRE_ENV, "") not in ("", "0")


def _off(reason: str) -> None:
    if reason not in _noticed:
        _noticed.add(reason)
        hint = "" if "`cleanup languagetool" in reason else "; run `cleanup languagetool install` and `start`"
        print(f"cleanup: grammar checking is off: {reason}{hint} (or pass --no-languagetool)", file=sys.stderr)


def prepare(config: Config) -> Config:
    """Resolve the server once (before worker processes start), so every worker shares one JVM.

    Returns the configuration with the server's URL, or with LanguageTool off after one notice.
    """
    if not config.use_languagetool:
        return config
    try:
        url = resolve_url(config)
    except Exception as e:
        if _required(config):
            raise LanguageToolUnavailable(f"LanguageTool is required but unavailable: {one_line(e)}") from None
        _off(one_line(e))
        return dataclasses.replace(config, use_languagetool=False)
    lt = {**config.languagetool, "url": url}
    budget = float(str(lt.get("budget", BUDGET)))
    if budget > 0 and "deadline" not in lt:
        lt["deadline"] = time.time() + budget  # wall clock: the same for every worker of this run
    return dataclasses.replace(config, languagetool=lt)


def backend_from_config(config: Config) -> LanguageToolBackend | None:
    """A connected backend, or None with one notice on stderr (``LanguageToolUnavailable`` when required)."""
    lt = config.languagetool
    enabled = _strings(lt.get("enabled_rules"))
    enabled_categories = _strings(lt.get("enabled_categories"))
    floor = float(str(lt.get("min_precision", MIN_PRECISION)))
    noise = (*default_disabled_rules(), *below_precision(floor))
    defaults = tuple(r for r in noise if r not in enabled)  # a user may turn one back on
    default_categories = tuple(c for c in default_disabled_categories() if c not in enabled_categories)
    try:
        backend = LanguageToolBackend(
            resolve_url(config),
            language=str(lt.get("language", "en-US")),
            disabled_rules=(*defaults, *_strings(lt.get("disabled_rules"))),
            enabled_rules=enabled,
            disabled_categories=(*default_categories, *_strings(lt.get("disabled_categories"))),
            enabled_categories=enabled_categories,
            unmeasured_off=tuple(c for c in unmeasured_below(floor) if c not in enabled_categories),
            timeout=float(str(lt.get("timeout", 30))),
            required=_required(config),
            deadline=float(str(lt["deadline"])) if lt.get("deadline") else None,
            unproven_density=UNPROVEN_DENSITY,
        )
        backend.connect()
    except Exception as e:  # no Java, no server, a server that does not answer
        reason = one_line(e)
        if _required(config):
            raise LanguageToolUnavailable(f"LanguageTool is required but unavailable: {reason}") from None
        _off(reason)
        return None
    return backend

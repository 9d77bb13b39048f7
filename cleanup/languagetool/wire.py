"""HTTP with the LanguageTool server: one bounded request, and one line saying what went wrong.

A failure names what the server did (no connection, no answer in time, the HTTP
status and content type, an answer that is not LanguageTool's JSON); the server's
bytes are never echoed.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

__all__ = ["LanguageToolError", "one_line", "request_json"]


class LanguageToolError(Exception):
    """A request to the server failed; the message says how, in one line."""


def request_json(url: str, data: dict[str, str] | None = None, timeout: float = 30.0, retries: int = 1) -> Any:
    """GET (or POST ``data``) and decode the JSON answer; raises ``LanguageToolError``.

    A refused or reset connection is retried ``retries`` times; a timeout is not (a
    server that did not answer in time will not answer the retry either).

    >>> request_json("http://127.0.0.1:9/v2/languages", timeout=1, retries=0)
    Traceback (most recent call last):
    ...
    cleanup.languagetool.wire.LanguageToolError: cannot connect to http://127.0.0.1:9/v2/languages (Connection refused)
    """
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    for attempt in range(retries + 1):
        started = time.monotonic()
        try:
            with urllib.request.urlopen(urllib.request.Request(url, data=body), timeout=timeout) as r:
                raw, ctype, status = r.read(), r.headers.get("Content-Type", "no content type"), r.status
            break
        except urllib.error.HTTPError as e:
            ctype = e.headers.get("Content-Type", "no content type") if e.headers else "no content type"
            raise LanguageToolError(f"{url} answered HTTP {e.code} {e.reason} ({ctype})") from None
        except TimeoutError:
            raise LanguageToolError(f"{url} gave no answer within {timeout:.3g} s") from None
        except (urllib.error.URLError, ConnectionError, OSError) as e:
            reason = getattr(e, "reason", e)
            if isinstance(reason, TimeoutError):
                raise LanguageToolError(f"{url} gave no answer within {timeout:.3g} s") from None
            if attempt == retries or time.monotonic() - started >= timeout:
                why = getattr(reason, "strerror", None) or type(reason).__name__
                raise LanguageToolError(f"cannot connect to {url} ({why})") from None
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise LanguageToolError(
            f"{url} answered HTTP {status} with {len(raw)} bytes of {ctype} that are not JSON"
        ) from None


def one_line(e: BaseException) -> str:
    """An exception as one short printable line.

    >>> one_line(ValueError("bad\\x1b[2J\\nsecond line"))
    'bad\\\\x1b[2J'
    """
    from cleanup.terminal import escape_controls

    text = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
    return escape_controls(text)[:300]

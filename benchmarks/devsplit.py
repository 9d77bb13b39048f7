"""The dev data split into a tuning half and a checking half, the same for every benchmark.

Rules are tuned on one half of ``../shared/dev`` and judged on the other. A row's half is decided
by a stable hash of its document key, so rows of one document stay together:

- ``clean_news`` / ``news_html_links``: the article ``id`` (the two files share ids);
- ``wmt23_xxen``: the language pair and a block of 50 consecutive lines (one lp's lines run in
  document order, with no document id);
- ``wmt_mqm_zhen``: ``doc``; ``mlqe_pe_xxen``, ``hallucinations_deen``, ``jfleg``, ``ftfy_cases``: ``id``.

    >>> half("abc") in ("tune", "check")
    True
    >>> key("wmt23_xxen", {"lp": "de-en", "line": 120}) == key("wmt23_xxen", {"lp": "de-en", "line": 149})
    True
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Literal

DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "dev"
Half = Literal["tune", "check", "all"]


def key(dataset: str, row: Mapping[str, Any]) -> str:
    """The document key of ``row`` in ``dataset`` (a file name without ``.jsonl``)."""
    if dataset == "wmt23_xxen":
        return f"{row['lp']}:{int(row['line']) // 50}"
    if dataset == "wmt_mqm_zhen":
        return str(row["doc"])
    return str(row["id"])


def half(doc_key: str) -> Literal["tune", "check"]:
    """``tune`` or ``check``, by a stable hash of the document key."""
    return "tune" if zlib.crc32(doc_key.encode()) % 2 == 0 else "check"


def rows(dataset: str, which: Half = "all", dev: Path = DEV) -> Iterator[dict[str, Any]]:
    """The rows of ``dev/<dataset>.jsonl`` in ``which`` half (``all``: every row), in file order."""
    with (dev / f"{dataset}.jsonl").open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if which == "all" or half(key(dataset, row)) == which:
                yield row


if __name__ == "__main__":
    for path in sorted(DEV.glob("*.jsonl")):
        name = path.stem
        n = {h: sum(1 for _ in rows(name, h)) for h in ("tune", "check")}
        print(f"{name:22} tune {n['tune']:6,}  check {n['check']:6,}")

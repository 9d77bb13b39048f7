"""Does the cached hunspell dictionary answer exactly as spylls reading the files? Every word form of the dev texts.

    python benchmarks/spelling_identical.py [--dev ../shared/dev]

Collects every distinct word (the shared ``WORD`` pattern, and each text split on white space, so
forms with dots, digits and quotation marks are tried too) of every dev data set, then compares
``knows``, ``name_entry`` and ``stem_flags`` as ``cleanup.analysis.spelling`` answers them from its
cache (written first, in a temporary folder) with spylls's ``Dictionary.from_files``. Prints only
counts; exit 1 when any answer differs.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEV = HERE.parent.parent / "shared" / "dev"


def words(dev: Path) -> set[str]:
    from cleanup.analysis.tokens import WORD

    found: set[str] = set()

    def add(value: object) -> None:
        if isinstance(value, str):
            found.update(WORD.findall(value))
            found.update(value.split())
        elif isinstance(value, dict):
            for v in value.values():
                add(v)
        elif isinstance(value, list):
            for v in value:
                add(v)

    for path in sorted(dev.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").split("\n"):  # not splitlines: U+2028 is text
            if line.strip():
                add(json.loads(line))
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dev", type=Path, default=DEV)
    ap.add_argument("--longest", type=int, default=40, help="skip longer forms (unspaced Chinese runs: slow in spylls)")
    args = ap.parse_args()
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp()
    from spylls.hunspell import Dictionary

    from cleanup.analysis import spelling

    base = spelling._path()
    if base is None:
        sys.exit("no hunspell en_US dictionary")
    spelling._dictionary()  # reads the files and writes the cache
    spelling._dictionary.cache_clear()
    cached = spelling._dictionary()
    assert type(cached.dic).__name__ == "CachedDic", "the cache was not used"  # type: ignore[union-attr]
    reference = Dictionary.from_files(str(base))
    names = {w.stem.lower() for w in reference.dic.words if w.stem[:1].isupper()}
    forms = sorted(w for w in words(args.dev) if len(w) <= args.longest)
    differ = 0
    for w in forms:
        low = w.lower()
        entries = [x for x in reference.dic.homonyms(low) if x.stem.islower()]
        try:
            known = bool(reference.lookup(w))
        except Exception:  # as ``knows`` answers a word spylls cannot take
            known = False
        expected = (
            known,
            low in names or (low.endswith("s") and low[:-1] in names),
            frozenset().union(*(x.flags for x in entries)) if entries else None,
        )
        got = (spelling.knows(w), spelling.name_entry(w), spelling.stem_flags(w))
        differ += got != expected
    print(f"{len(forms)} word forms of at most {args.longest} characters, {differ} differ")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()

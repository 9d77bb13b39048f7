"""Coverage-guided fuzzing of ``check`` and ``fix`` with atheris (issue 6).

Each input is raw bytes, as a file would be: decoded like the CLI decodes a
file (BOM set aside, invalid UTF-8 or binary rejected), checked under one of
the three markups, fixed at both floors, and the properties asserted:

* no exception from any rule or the engine;
* offsets within the text, a fix's edits sorted and disjoint;
* fixing is idempotent;
* a BOM and every CRLF survive a fix (bytes outside the edits identical);
* replaying the applied edits of one pass gives that pass's text.

Run for a fixed budget (CI)::

    benchmarks/fuzz.sh 60          # or: python tests/fuzz_check.py -max_total_time=60 -max_len=4096

``check_one`` is importable without atheris; tests/test_properties.py replays
the seed corpus and every recorded crash through it on each test run.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Sequence

__all__ = ["check_one", "main"]

_MARKUPS = ("text", "markdown", "html")


def _assert_offsets(text: str, findings: Sequence[object]) -> None:
    n = len(text)
    for f in findings:
        assert 0 <= f.start <= f.end <= n, f  # type: ignore[attr-defined]
        fix = f.fix  # type: ignore[attr-defined]
        if fix is not None:
            edits = fix.edits
            assert edits and all(0 <= e.start <= e.end <= n for e in edits), f
            assert all(a.end <= b.start for a, b in itertools.pairwise(edits)), f


def check_one(data: bytes) -> None:
    """Run every property on one input; raise AssertionError (or the bug's exception) on failure."""
    from cleanup import Applicability, Checker
    from cleanup.files import InputError, decode
    from cleanup.fixer import apply_fixes

    if not data:
        data = b" "
    markup = _MARKUPS[data[0] % 3]
    crlf = bool(data[0] & 4)
    body = data[1:]
    if crlf:
        body = body.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    try:
        source = decode(body, "fuzz.txt")
    except InputError:
        return  # binary or not UTF-8: the CLI reports it and moves on
    text = source.text
    checker = _checker(Checker)
    findings = checker.check(text, markup=markup)  # type: ignore[arg-type]
    _assert_offsets(text, findings)

    for unsafe in (False, True):
        once = checker.fix(text, unsafe=unsafe, markup=markup)  # type: ignore[arg-type]
        _assert_offsets(once.text, once.remaining)
        twice = checker.fix(once.text, unsafe=unsafe, markup=markup)  # type: ignore[arg-type]
        assert twice.text == once.text, ("not idempotent", text, once.text, twice.text)
        out = source.encode(once.text)
        assert out.startswith(b"\xef\xbb\xbf") == source.bom
        if crlf and "\r\n" not in "".join(e.replacement for f in once.applied if f.fix for e in f.fix.edits):
            assert out.replace(b"\r\n", b"").count(b"\n") <= body.replace(b"\r\n", b"").count(b"\n"), "LF added"

    floor = Applicability.SAFE
    result = apply_fixes(text, findings, floor)
    edits = sorted({e for f in result.applied if f.fix for e in f.fix.edits if text[e.start : e.end] != e.replacement})
    pieces, last = [], 0
    for e in edits:
        assert e.start >= last, ("overlapping edits in one pass", edits)
        pieces += [text[last : e.start], e.replacement]
        last = e.end
    assert "".join(pieces) + text[last:] == result.text, "replayed edits differ from the pass's text"


_CHECKER: list[object] = []


def _checker(cls: type) -> object:
    if not _CHECKER:
        _CHECKER.append(cls())
    return _CHECKER[0]


def main(argv: list[str] | None = None) -> None:
    """The atheris entry point; libFuzzer flags (``-max_total_time=60``) pass through."""
    import atheris

    with atheris.instrument_imports(include=["cleanup", "regex", "markdown_it"]):
        import cleanup
        import cleanup.checker
        import cleanup.rules  # noqa: F401

    atheris.Setup(sys.argv if argv is None else argv, check_one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()

"""Adversarial inputs for every rule: time must grow linearly with the input.

Each rule runs alone (``Config(select=(code,))``) on texts built to make
regular expressions backtrack and scanning loops revisit characters: long runs
of spaces, dots, quotes, capitals, mixed scripts, ``a.`` repeated, deep
Markdown nesting, long lines without spaces, and the shapes of issue 14: one
huge paragraph of news prose, many normal paragraphs, thousands of unclosed or
nested ``“``. For each (rule, input, markup) it measures the check time at
``n`` and ``16n`` characters and the time of a plain ``regex`` scan over the
same text, and at ``8n``. A linear rule has ``t(16n) / t(n)`` near 16 (``n log n``
about 20; caches make small inputs look cheaper, up to about 60) and
``t(16n) / t(8n)`` near 2; a quadratic one 256 and 4. The run fails (exit 1) when
a case grows more than ``LIMIT`` times overall and more than 2.8 times on the last
doubling, so the check is relative, not a wall-clock limit.

    python benchmarks/adversarial.py                 # every rule, n = 20,000 → 320,000
    python benchmarks/adversarial.py --n 5000 SP001  # one rule
    python benchmarks/adversarial.py --mb 1 20       # the issue-14 shapes with all rules, 1 MB → 20 MB
    python benchmarks/adversarial.py --line-mb 50    # also time a 50 MB single line (all rules)

Why the engine does not run patterns under ``regex``'s ``timeout``: a timeout
makes findings depend on machine load (goldens and idempotence would flake),
and every engine pattern is linear by construction, which this benchmark and
tests/test_adversarial.py check. Quantifiers that could be re-entered are
possessive (``++``, ``*+``), lookbehinds are bounded, a sentence boundary
starts only at the first mark of a run (``(?<![.!?…])``), and the Python loops
that scan backwards from a match (abbreviations, tokens, domains) are bounded
or resume from the previous match, so each character is visited O(1) times.
Found and fixed this way (quadratic before): runs of dots (Document.sentences),
``ab.Cd`` repeated (abbreviations, SP001), ``a.co.`` and ``x.com/`` repeated
(protected domains).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import regex

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cleanup import Checker, Config
from cleanup.document import Markup
from cleanup.rules import REGISTRY

__all__ = ["FACTOR", "INPUTS", "LIMIT", "SHAPES", "Timing", "measure", "scaling"]

FACTOR = 16  # the large input is FACTOR times the small one
LIMIT = 32.0  # t(16n) / t(n) above this is superlinear (linear 16, n log n ~20, quadratic 256)
NOISE = 0.1  # seconds: below this at 16n, growth is timer noise (a quadratic rule is far above it)
_SEED = (Path(__file__).resolve().parent.parent / "corpus" / "articles" / "seed.txt").read_text(encoding="utf-8")
_ONE_PARAGRAPH = " ".join(_SEED.split()) + " "


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda n: (unit * (n // len(unit) + 1))[:n]


def _nested(n: int) -> str:
    k = n // 5
    return ("“a " * k + "b”" * k)[:n]


#: name -> (builder of an n-character text, markups to run it under)
INPUTS: dict[str, tuple[Callable[[int], str], tuple[Markup, ...]]] = {
    "spaces": (lambda n: "a" + " " * (n - 2) + "b", ("text", "markdown")),
    "spaces-then-comma": (lambda n: "word" + " " * (n - 6) + ",x", ("text",)),
    "dots": (lambda n: "a" + "." * (n - 1), ("text", "markdown")),
    "dots-then-word": (lambda n: "." * (n - 1) + "x", ("text",)),
    "a-dot": (_repeat("a."), ("text", "markdown")),
    "ab-dot-Cd": (_repeat("ab.Cd"), ("text", "markdown")),
    "glued-sentences": (_repeat("in Ukraine.Biden said"), ("text",)),
    "ellipsis-word": (_repeat("word….I"), ("text",)),
    "curly-quotes": (_repeat("“”‘’"), ("text", "markdown")),
    "straight-quotes": (_repeat("\"'"), ("text", "markdown")),
    "quote-word": (_repeat("do.”Kill "), ("text",)),
    "capitals": (_repeat("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), ("text",)),
    "capital-words": (_repeat("The New York Times Said "), ("text",)),
    "mixed-scripts": (_repeat("Kyiv Київ Kиїв 北京 Ωmega "), ("text",)),
    "commas": (_repeat(",;"), ("text",)),
    "no-spaces-letters": (_repeat("abcdefghij"), ("text",)),
    "domains": (_repeat("a.co."), ("text",)),
    "paths": (_repeat("x.com/"), ("text",)),
    "emails": (_repeat("a.b@c."), ("text",)),
    "urls": (_repeat("http://"), ("text",)),
    "numbers": (_repeat("4,000.5"), ("text",)),
    "newlines": (_repeat("\n"), ("text", "markdown")),
    "crlf-blank": (_repeat("\r\n \r\n"), ("text", "markdown")),
    "bullets": (_repeat("- a\n"), ("text", "markdown")),
    "brackets": (_repeat("[["), ("markdown", "html")),
    "link-open": (_repeat("[a]("), ("markdown",)),
    "escaped": (_repeat("\\*a "), ("markdown",)),
    "emphasis": (_repeat("**"), ("markdown",)),
    "underscores": (_repeat("_a"), ("markdown",)),
    "backticks": (_repeat("`a"), ("markdown",)),
    "angles": (_repeat("<<"), ("markdown", "html")),
    "tags": (_repeat("<b>a"), ("markdown", "html")),
    "entities": (_repeat("&amp;x"), ("markdown", "html")),
    "comment-open": (lambda n: "<!--" + "-" * (n - 4), ("html", "markdown")),
    "blockquote-nesting": (lambda n: ">" * (n - 2) + " a", ("markdown",)),
    "list-nesting": (_repeat("- "), ("markdown",)),
    "front-matter": (lambda n: "---\n" + "a: b\n" * (n // 5), ("markdown",)),
    "named-entities": (_repeat("&copy;a "), ("markdown", "html")),
    "autolinks": (_repeat("<x@y.z> "), ("markdown",)),
    "hard-breaks": (_repeat("a\\\nb "), ("markdown",)),
    # issue 14: the shapes that were superlinear
    "prose-paragraph": (_repeat(_ONE_PARAGRAPH), ("text",)),
    "prose-paragraphs": (_repeat(_SEED + "\n"), ("text", "markdown")),
    "unclosed-quotes": (_repeat("“a "), ("text",)),
    "nested-quotes": (_nested, ("text",)),
    "open-quotes": (_repeat("“"), ("text",)),
}
#: the issue-14 shapes, measured with every rule at megabyte sizes (``--mb``)
SHAPES = ("prose-paragraph", "prose-paragraphs", "unclosed-quotes", "nested-quotes", "open-quotes")

_PLAIN = regex.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True)
class Timing:
    rule: str
    input: str
    markup: str
    n: int
    t_n: float
    t_big: float  # at factor × n
    scan_big: float
    factor: int = FACTOR
    t_half: float = 0.0  # at factor × n / 2: the last doubling is robust to small-size effects

    @property
    def growth(self) -> float:
        return self.t_big / max(self.t_n, 1e-9)

    @property
    def per_scan(self) -> float:
        """Cost of the rule as a multiple of a plain regex scan of the same text."""
        return self.t_big / max(self.scan_big, 1e-9)

    @property
    def last_doubling(self) -> float:
        """``t(16n) / t(8n)``: 2 for a linear rule, 4 for a quadratic one."""
        return self.t_big / max(self.t_half, 1e-9) if self.t_half else 2.0

    @property
    def superlinear(self) -> bool:
        """Grows faster than ``n log n``: over ``LIMIT`` from n to 16n *and* over ×2.8 on the last
        doubling (caches and the allocator make small inputs look cheap), beyond timer noise."""
        return self.growth > LIMIT * self.factor / FACTOR and self.last_doubling > 2.8 and self.t_big > NOISE


def _best(fn: Callable[[], object], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def measure(checker: Checker, text: str, markup: Markup, repeats: int = 3) -> float:
    """Best-of-``repeats`` seconds to check ``text`` (a fresh Document each time)."""
    return _best(lambda: checker.check(text, markup=markup), repeats)


def scan_time(text: str, repeats: int = 3) -> float:
    """Seconds for a plain regex tokenising scan: the floor any rule is compared with."""
    return _best(lambda: sum(1 for _ in _PLAIN.finditer(text)), repeats)


def scaling(code: str, name: str, markup: Markup, n: int, repeats: int = 3, factor: int = FACTOR) -> Timing:
    build, _ = INPUTS[name]
    checker = Checker(Config(select=(code,)))
    if factor > 4:  # load data files and caches before timing (the 4n test keeps its historical bound)
        checker.check(build(100), markup=markup)
    small, large = build(n), build(factor * n)
    half = measure(checker, build(factor * n // 2), markup, 2) if factor > 4 else 0.0
    return Timing(code, name, markup, n, measure(checker, small, markup, repeats),
                  measure(checker, large, markup, 2 if factor > 4 else repeats), scan_time(large, 1),
                  factor, half)  # fmt: skip


def cases(codes: list[str] | None = None) -> list[tuple[str, str, Markup]]:
    selected = codes or sorted(REGISTRY)
    return [(code, name, m) for code in selected for name, (_, markups) in INPUTS.items() for m in markups]


def single_line(megabytes: int) -> None:
    """Time ``check`` and ``fix`` of one line of ``megabytes`` MB with every rule."""
    unit = "The war began in Ukraine.Biden said 4,000 people fled at 3.5 a.m. to the U.S. capital; "
    text = (unit * (megabytes * 1_000_000 // len(unit) + 1))[: megabytes * 1_000_000]
    checker = Checker()
    t0 = time.perf_counter()
    found = checker.check(text)
    t1 = time.perf_counter()
    result = checker.fix(text)
    t2 = time.perf_counter()
    print(f"{megabytes} MB single line: check {t1 - t0:.1f} s ({len(found)} findings, "
          f"{megabytes / (t1 - t0):.2f} MB/s), fix {t2 - t1:.1f} s ({len(result.applied)} fixes)")  # fmt: skip


def megabytes(small: int, large: int, names: tuple[str, ...] = SHAPES) -> list[Timing]:
    """Every issue-14 shape with all rules, at ``small``, ``large / 2`` and ``large`` MB: growth and MB/s."""
    out = []
    checker = Checker()
    for name in names:
        build, markups = INPUTS[name]
        markup = markups[0]
        checker.check(build(1000), markup=markup)
        times = []
        for mb in (small, large / 2, large):
            text = build(int(mb * 1_000_000))
            times.append(measure(checker, text, markup, repeats=1))
            print(f"  {name:18} {mb:4g} MB: {times[-1]:7.1f} s ({mb / times[-1]:.2f} MB/s)", flush=True)
            del text
        t = Timing("ALL", name, markup, small * 1_000_000, times[0], times[2], 0.0, large // small, times[1])
        flag = "  <-- superlinear" if t.superlinear else ""
        print(f"  {name:18} growth ×{t.growth:.1f} for ×{t.factor}, last doubling ×{t.last_doubling:.2f}{flag}")
        out.append(t)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("codes", nargs="*", help="rule codes (default: all)")
    parser.add_argument("--n", type=int, default=20_000, help="smaller size in characters (default 20,000)")
    parser.add_argument("--inputs", help="comma-separated input names (default: all)")
    parser.add_argument("--mb", type=int, nargs=2, metavar=("SMALL", "LARGE"),
                        help="only the issue-14 shapes with all rules, at SMALL and LARGE megabytes")  # fmt: skip
    parser.add_argument("--line-mb", type=int, default=0, help="also time a single line of this many MB")
    args = parser.parse_args(argv)
    if args.mb:
        names = tuple(args.inputs.split(",")) if args.inputs else SHAPES
        slow = [t for t in megabytes(*args.mb, names) if t.superlinear]
        return 1 if slow else 0
    worst: list[Timing] = []
    wanted = set(args.inputs.split(",")) if args.inputs else None
    print(f"{'rule':7} {'input':20} {'markup':9} {'t(n) ms':>9} {'t(16n) ms':>10} {'growth':>7} {'×last':>6} "
          f"{'×scan':>7}")  # fmt: skip
    for code, name, markup in cases(args.codes):
        if wanted and name not in wanted:
            continue
        t = scaling(code, name, markup, args.n)
        if t.superlinear:  # a busy machine: confirm on a second, more careful look
            t = scaling(code, name, markup, args.n, repeats=5)
        flag = "  <-- superlinear" if t.superlinear else ""
        print(f"{code:7} {name:20} {markup:9} {t.t_n * 1e3:9.2f} {t.t_big * 1e3:10.2f} {t.growth:7.1f} "
              f"{t.last_doubling:6.1f} {t.per_scan:7.0f}{flag}", flush=True)  # fmt: skip
        worst.append(t)
    worst.sort(key=lambda t: -t.growth)
    print("\nlargest growth:", ", ".join(f"{t.rule}/{t.input}/{t.markup} ×{t.growth:.1f}" for t in worst[:5]))
    if args.line_mb:
        single_line(args.line_mb)
    slow = [t for t in worst if t.superlinear]
    if slow:
        print("superlinear:", ", ".join(f"{t.rule}/{t.input}/{t.markup}" for t in slow))
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())

"""Bounded time (issue 6): every rule, alone, grows linearly on adversarial inputs.

A relative check, not a wall-clock limit: the time at 4n characters is compared
with the time at n (linear gives about 4, quadratic about 16) and with a plain
``regex`` scan of the same text, in CPU time of this process (other load on the machine does
not count). A case over the bound is measured again, more carefully, before it fails.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from cleanup.rules import REGISTRY

_PATH = Path(__file__).resolve().parent.parent / "benchmarks" / "adversarial.py"
_spec = importlib.util.spec_from_file_location("adversarial", _PATH)
assert _spec is not None and _spec.loader is not None
adversarial = importlib.util.module_from_spec(_spec)
sys.modules["adversarial"] = adversarial
_spec.loader.exec_module(adversarial)

N = 1000  # characters at the smaller size; 4n = 4,000
GROWTH = 12.0  # t(4n) < GROWTH * t(n) + SLACK; linear is ~4, quadratic ~16
SLACK = 0.003  # seconds: per-call overhead that does not scale
PER_SCAN = 5000.0  # a rule may cost this many plain regex scans of the same text, no more


def _too_slow(t: adversarial.Timing) -> bool:
    return t.t_big > GROWTH * t.t_n + SLACK or t.t_big > PER_SCAN * t.scan_big + SLACK


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_rule_time_grows_linearly_on_adversarial_inputs(code: str) -> None:
    slow = []
    for rule_code, name, markup in adversarial.cases([code]):
        t = adversarial.scaling(rule_code, name, markup, N, repeats=2, factor=4)
        if _too_slow(t):
            t = adversarial.scaling(rule_code, name, markup, N, repeats=7, factor=4)  # confirm on a second look
            if _too_slow(t):
                slow.append(f"{name}/{markup}: t(n)={t.t_n * 1e3:.1f} ms, t(4n)={t.t_big * 1e3:.1f} ms, "
                            f"×{t.per_scan:.0f} scan")  # fmt: skip
    assert not slow, f"{code} is superlinear or slow on: " + "; ".join(slow)


def test_a_long_run_of_capital_words_stays_linear_for_lowercased_names() -> None:
    # One title-case run of thousands of words is no name: LK004 once built every prefix of it.
    t = adversarial.scaling("LK004", "capital-words", "text", 5000, repeats=2, factor=4)
    if _too_slow(t):
        t = adversarial.scaling("LK004", "capital-words", "text", 5000, repeats=7, factor=4)
    assert not _too_slow(t), f"t(n)={t.t_n * 1e3:.1f} ms, t(4n)={t.t_big * 1e3:.1f} ms"


def test_the_check_catches_a_quadratic_rule() -> None:
    """The bound is not vacuous: a deliberately quadratic scan fails it."""
    import time

    def quadratic(text: str) -> int:
        return sum(text.count("a", i) for i in range(0, len(text), 2))  # O(n²)

    def best(text: str) -> float:
        out = float("inf")
        for _ in range(5):  # best of five: a busy machine inflates single runs
            t0 = time.process_time()
            quadratic(text)
            out = min(out, time.process_time() - t0)
        return out

    small, large = "ab" * 8000, "ab" * 32000  # large enough that per-call overhead is noise
    t = adversarial.Timing("QQ", "ab", "text", len(small), best(small), best(large), adversarial.scan_time(large), 4)
    assert _too_slow(t), t


def test_every_input_builds_the_requested_size() -> None:
    for name, (build, markups) in adversarial.INPUTS.items():
        assert len(build(N)) in (N, N - 1, N + 1) or name == "front-matter", name
        assert markups


def test_the_benchmark_check_flags_quadratic_growth_from_n_to_16n() -> None:
    """benchmarks/adversarial.py fails its own run on growth worse than n log n (arithmetic, no timing)."""
    t = adversarial.Timing
    quadratic = t("QQ", "x", "text", 1000, 0.01, 2.56, 0.01, 16, 0.64)  # ×256 overall, ×4 on the last doubling
    linear = t("QQ", "x", "text", 1000, 0.01, 0.16, 0.01, 16, 0.08)
    cache_effect = t("QQ", "x", "text", 1000, 0.002, 0.12, 0.01, 16, 0.058)  # ×60 overall, ×2.07 last doubling
    noise = t("QQ", "x", "text", 1000, 0.0001, 0.05, 0.01, 16, 0.01)
    assert quadratic.superlinear and not linear.superlinear and not cache_effect.superlinear
    assert not noise.superlinear

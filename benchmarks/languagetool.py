"""LanguageTool: startup, throughput, memory, and what it finds on real text.

    python benchmarks/languagetool.py [--dev ../shared/dev] [--wmt-rows 300] [--restart]

Needs the server (`bash scripts/languagetool.sh`). Reports: startup time (with --restart),
sentences per second with and without LanguageTool on clean news, the JVM's resident memory,
which LanguageTool rules fire on clean news (warnings per 1,000 sentences before and after the
default noise filter in rules/data/languagetool.toml), and LanguageTool's hits on the Fluency
error spans that raters marked in WMT zh→en machine translation.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from cleanup import Checker, Config, Document, Severity
from cleanup.languagetool import backend_from_config, server
from cleanup.languagetool.backend import LanguageToolBackend

HERE = Path(__file__).resolve().parent


def rows(path: Path, sample: int | None = None) -> list[dict[str, object]]:
    """The file's records, or ``sample`` of them spread evenly over it (every system, many documents)."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if sample and sample < len(lines):
        lines = lines[:: len(lines) // sample][:sample]
    return [json.loads(line) for line in lines]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dev", type=Path, default=HERE.parent.parent / "shared" / "dev")
    ap.add_argument("--wmt-rows", type=int, default=300)
    ap.add_argument("--restart", action="store_true", help="stop and start the server to time its startup")
    args = ap.parse_args()

    if args.restart:
        server.stop()
        t0 = time.perf_counter()
        server.start()
        answered = time.perf_counter() - t0
        started = server.running()
        assert started is not None
        LanguageToolBackend(started.url).check(Document("The rules load on the first check."))
        print(f"startup: {answered:.1f} s until /v2/languages answers, {time.perf_counter() - t0:.1f} s "
              f"until the first check returns; JVM resident memory then: {rss_mb(started.pid):.0f} MB")  # fmt: skip
    info = server.running()
    assert info is not None, "start the server first: bash scripts/languagetool.sh"

    news = [str(r["text"]) for r in rows(args.dev / "clean_news.jsonl")]
    sentences = sum(len(Document(t).sentences) for t in news)
    plain = Checker(Config())
    with_lt = Checker(Config(use_languagetool=True, languagetool={"url": info.url, "required": True}))
    with_lt.check("Warm up the server.")
    for name, checker in (("built-in rules", plain), ("with LanguageTool", with_lt)):
        t0 = time.perf_counter()
        for t in news:
            checker.check(t)
        dt = time.perf_counter() - t0
        print(f"{name}: {sentences / dt:,.0f} sentences/s ({sentences} sentences, {dt:.2f} s)")
    print(f"JVM resident memory after the run: {rss_mb(info.pid):.0f} MB")

    def warnings_by_rule(backend: LanguageToolBackend) -> Counter[str]:
        return Counter(f.name for t in news for f in backend.check(Document(t)) if f.severity is not Severity.INFO)

    filtered = backend_from_config(Config(use_languagetool=True, languagetool={"url": info.url, "required": True}))
    assert isinstance(filtered, LanguageToolBackend)
    fired = warnings_by_rule(LanguageToolBackend(info.url))  # no noise filter
    kept = warnings_by_rule(filtered)
    before, after = sum(fired.values()), sum(kept.values())
    print(f"clean news, LanguageTool warnings per 1,000 sentences: {1000 * before / sentences:.1f} before the "
          f"noise filter ({before}), {1000 * after / sentences:.1f} after ({after})")  # fmt: skip
    for rule, n in fired.most_common(30):
        print(f"  {rule:40} {n:4}{'' if rule in kept else '  (filtered)'}")

    wmt = rows(args.dev / "wmt_mqm_zhen.jsonl", args.wmt_rows)
    for label, backend in (("no filter", LanguageToolBackend(info.url)), ("noise filter", filtered)):
        hit = spans = warnings = on_span = 0
        categories: Counter[str] = Counter()
        for r in wmt:
            mt = str(r["mt"])
            marked = r.get("errors")
            errors = (
                [e for e in marked if isinstance(e, dict) and e.get("side") == "target"]
                if isinstance(marked, list)
                else []
            )
            fluency = [e for e in errors if str(e.get("category", "")).startswith("Fluency")]
            found = [f for f in backend.check(Document(mt)) if f.severity is not Severity.INFO]
            spans += len(fluency)
            for e in fluency:
                if any(f.start < int(e["end"]) and int(e["start"]) < f.end for f in found):
                    hit += 1
                    categories[str(e["category"])] += 1
            warnings += len(found)
            on_span += sum(1 for f in found if any(f.start < int(e["end"]) and int(e["start"]) < f.end for e in errors))
        share = 100 * hit / max(1, spans)
        print(f"wmt zh→en, {len(wmt)} rows, {label}: {hit}/{spans} Fluency spans hit ({share:.1f}%); "
              f"{on_span}/{warnings} warnings on a rater-marked span")  # fmt: skip
        for cat, n in categories.most_common():
            print(f"  {cat:35} {n}")


if __name__ == "__main__":
    main()

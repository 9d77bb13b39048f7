"""Throughput of ``check`` on professional news, in MB/s.

    python benchmarks/throughput.py [--data ../shared/dev/clean_news.jsonl] [--mb 20] [--jobs 1]

The articles are repeated until the corpus holds at least ``--mb`` megabytes
(UTF-8). With ``--jobs 1`` the figure is per core; with more, it measures
scaling through :func:`cleanup.parallel.check_texts`.
"""

from __future__ import annotations

import argparse
import json
import time
import tracemalloc
from collections import Counter
from pathlib import Path

from cleanup import Checker, Config
from cleanup.parallel import check_texts

HERE = Path(__file__).resolve().parent


def load(path: Path, megabytes: float) -> list[str]:
    base = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts: list[str] = []
    size = 0
    while size < megabytes * 1e6:
        for t in base:
            texts.append(t)
            size += len(t.encode("utf-8"))
    return texts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=HERE.parent.parent / "shared" / "dev" / "clean_news.jsonl")
    ap.add_argument("--mb", type=float, default=20.0)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--select", default="ALL", help="comma-separated selectors")
    ap.add_argument("--per-rule", action="store_true",
                    help="also the CPU time of each rule alone, of the document and the shared analyses")  # fmt: skip
    args = ap.parse_args()
    texts = load(args.data, args.mb)
    size = sum(len(t.encode("utf-8")) for t in texts)
    config = Config(select=tuple(args.select.split(",")))
    start, cpu = time.perf_counter(), time.process_time()
    findings = 0
    for found in check_texts(texts, config=config, jobs=args.jobs):
        findings += len(found)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    # CPU seconds of this process are the per-core figure on a shared machine (jobs=1 only).
    per_core = f", CPU {cpu:.2f} s = {size / 1e6 / cpu:.2f} MB/s per core" if args.jobs == 1 else ""
    print(f"{size / 1e6:.1f} MB, {len(texts)} articles, {findings} findings, jobs={args.jobs}: "
          f"{elapsed:.2f} s = {size / 1e6 / elapsed:.2f} MB/s{per_core}")  # fmt: skip
    if args.per_rule:
        checker = Checker(config)
        sample = texts[: max(1, len(texts) // max(1, int(args.mb)))]  # about 1 MB
        sample_mb = sum(len(t.encode("utf-8")) for t in sample) / 1e6
        cost: Counter[str] = Counter()
        from cleanup.analysis import capital_counts, quotations, tokens
        from cleanup.document import Document

        for t in sample:
            doc = Document(t)
            t0 = time.process_time()
            _ = doc.sentences, doc.protected
            cost["(document)"] += time.process_time() - t0
            t0 = time.process_time()
            _ = tokens(doc).lower, quotations(doc), capital_counts(doc)
            cost["(analysis)"] += time.process_time() - t0
            for r in checker.rules:
                t0 = time.process_time()
                list(r(doc, r.spec))
                cost[r.code] += time.process_time() - t0
        for code, seconds in cost.most_common():
            print(f"  {code:12} {seconds / sample_mb * 1000:8.1f} ms/MB")
    tracemalloc.start()
    Checker(config).check(max(texts, key=len))
    peak = tracemalloc.get_traced_memory()[1]
    print(f"peak traced memory checking the longest article ({len(max(texts, key=len))} chars): {peak / 1e6:.1f} MB")


if __name__ == "__main__":
    main()

"""Throughput of ``check`` on professional news, in MB/s.

    python benchmarks/throughput.py [--data ../shared/dev/clean_news.jsonl] [--mb 20] [--jobs 1]
    python benchmarks/throughput.py --mb 5 --against 7c409e9    # before and after, in one run
    python benchmarks/throughput.py --mb 5 --jsonl               # check --jsonl: findings and score per record

The articles are repeated until the corpus holds at least ``--mb`` megabytes
(UTF-8). With ``--jobs 1`` the figure is per core (the CPU seconds of the process, which a
shared machine does not inflate as much as the wall clock); with more, it measures scaling
through :func:`cleanup.parallel.check_texts`. ``--against REF`` also measures git revision
REF of this repository, extracted to a temporary folder, in alternating rounds. ``--jsonl``
measures what ``cleanup check --jsonl`` does per record (parse, findings, score, output line)
in this process, with one job.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import defaultdict
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
    ap.add_argument("--against", metavar="REF", help="also measure git revision REF, alternating rounds")
    ap.add_argument("--jsonl", action="store_true", help="measure check --jsonl per record (findings and score)")
    ap.add_argument("--rounds", type=int, default=2, help="rounds of each tree with --against (default 2)")
    args = ap.parse_args()
    texts = load(args.data, args.mb)
    size = sum(len(t.encode("utf-8")) for t in texts)
    config = Config(select=tuple(args.select.split(",")))
    if args.against:
        compare(args, args.against)
        return
    if args.jsonl:
        measure_jsonl(texts, size, config)
        return
    measure(texts, size, config, args.jobs)
    if args.per_rule:
        per_rule(texts, config, args.mb)
    tracemalloc.start()
    Checker(config).check(max(texts, key=len))
    peak = tracemalloc.get_traced_memory()[1]
    print(f"peak traced memory checking the longest article ({len(max(texts, key=len))} chars): {peak / 1e6:.1f} MB")


def measure(texts: list[str], size: int, config: Config, jobs: int) -> float:
    """Check every text; print and return MB/s (per core: CPU time, with one job)."""
    start, cpu = time.perf_counter(), time.process_time()
    findings = 0
    for found in check_texts(texts, config=config, jobs=jobs):
        findings += len(found)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    per_core = f", CPU {cpu:.2f} s = {size / 1e6 / cpu:.2f} MB/s per core" if jobs == 1 else ""
    print(f"{size / 1e6:.1f} MB, {len(texts)} articles, {findings} findings, jobs={jobs}: "
          f"{elapsed:.2f} s = {size / 1e6 / elapsed:.2f} MB/s{per_core}", flush=True)  # fmt: skip
    return size / 1e6 / (cpu if jobs == 1 else elapsed)


def measure_jsonl(texts: list[str], size: int, config: Config) -> float:
    """``check --jsonl`` record by record in this process; print and return MB/s per core (CPU time)."""
    from cleanup.jsonl import Job, process_line

    job, checker = Job("check", config=config), Checker(config)
    lines = [json.dumps({"id": n, "text": t}, ensure_ascii=False).encode() for n, t in enumerate(texts)]
    start, cpu = time.perf_counter(), time.process_time()
    findings = sum(process_line(checker, job, n, raw).findings for n, raw in enumerate(lines, start=1))
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    mb = size / 1e6
    print(f"check --jsonl {mb:.1f} MB, {len(texts)} records, {findings} findings: {elapsed:.2f} s, "
          f"CPU {cpu:.2f} s = {cpu / mb:.2f} CPU s/MB = {mb / cpu:.2f} MB/s per core", flush=True)  # fmt: skip
    return size / 1e6 / cpu


def compare(args: argparse.Namespace, ref: str) -> None:
    """This tree and git revision ``ref``, measured in alternating rounds of one run."""
    root = HERE.parent
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", str(root), "archive", ref], check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        (Path(tmp) / "cleanup" / "rules").symlink_to(Path(tmp) / "rules")  # as the package-dir mapping installs it
        env = {**os.environ, "PYTHONPATH": tmp}
        command = [sys.executable, str(Path(__file__).resolve()), "--data", str(args.data), "--mb", str(args.mb),
                   "--select", args.select, *(["--jsonl"] if args.jsonl else [])]  # fmt: skip
        for _ in range(args.rounds):
            print(f"{ref}: ", end="", flush=True)
            out = subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout
            print(out.splitlines()[0], flush=True)
            print("this tree: ", end="", flush=True)
            out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
            print(out.splitlines()[0], flush=True)


def per_rule(texts: list[str], config: Config, megabytes: float) -> None:
    """CPU time of the document, the shared analyses and each rule alone, in ms per MB."""
    from cleanup.analysis import capital_counts, quotations, tokens
    from cleanup.document import Document

    checker = Checker(config)
    sample = texts[: max(1, len(texts) // max(1, int(megabytes)))]  # about 1 MB
    sample_mb = sum(len(t.encode("utf-8")) for t in sample) / 1e6
    cost: defaultdict[str, float] = defaultdict(float)
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
    for code, seconds in sorted(cost.items(), key=lambda kv: -kv[1]):
        print(f"  {code:12} {seconds / sample_mb * 1000:8.1f} ms/MB")


if __name__ == "__main__":
    main()

"""JSON Lines at scale: throughput, scaling, memory, document length, and peers on the same text.

    python benchmarks/pipelines.py [--dev ../shared/dev] [--mb 2] [--jobs 1,2] [--base-mb 0.15]
                                   [--peer-docs 40] [--languagetool URL]

Every run goes through the command line (``cleanup check|fix --jsonl``, built-in rules,
``--no-languagetool``) under ``/usr/bin/time`` for wall time, CPU time (user + system, workers
included) and peak memory. On a shared machine wall time measures the neighbours; MB per CPU-second
is the per-core figure that holds:

1. **throughput**: MB/s and documents/s (and per core) of ``check`` and ``fix`` on clean news
   from each half of the dev split (``tune``, ``check``), repeated to ``--mb`` megabytes, for each
   ``--jobs`` value; the cost of starting (a run on one record) is measured and subtracted;
2. **memory**: peak RSS of ``check --jobs 2`` on 1x, 10x and 100x ``--base-mb`` (flat is the goal);
3. **length**: seconds per MB for documents of about 1k, 4k, 16k and 64k characters, the same
   volume each (constant means time is linear in length);
4. **peers**: the same ``--peer-docs`` articles through ``cleanup`` (in process), proselint
   (if installed) and LanguageTool (the server at ``--languagetool`` or
   ``$CLEANUP_LANGUAGETOOL_URL``), in one run so the ratios hold on a busy machine.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from devsplit import DEV, rows

from cleanup import Checker, Config
from cleanup.jsonl import Fields, Job, process_line

TIME = "/usr/bin/time"


def articles(dev: Path, which: str) -> list[str]:
    return [r["text"] for r in rows("clean_news", which, dev) if r.get("text")]  # type: ignore[arg-type]


def write_corpus(path: Path, texts: list[str], megabytes: float) -> tuple[int, int]:
    """Write ``texts``, repeated, until ``megabytes``; returns (documents, bytes of text)."""
    n = size = 0
    with path.open("w", encoding="utf-8") as out:
        while size < megabytes * 1e6:
            for t in texts:
                out.write(json.dumps({"id": n, "text": t}, ensure_ascii=False) + "\n")
                n += 1
                size += len(t.encode("utf-8"))
                if size >= megabytes * 1e6:
                    break
    return n, size


def timed_cli(*args: str, cwd: Path) -> tuple[float, float, float]:
    """Run ``cleanup ARGS`` under /usr/bin/time; returns (wall seconds, CPU seconds, peak RSS in MB)."""
    cmd = [TIME, "-f", "@@ %e %U %S %M", sys.executable, "-m", "cleanup.cli", *args, "--no-languagetool", "-q"]
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr}")
    line = next(ln for ln in proc.stderr.splitlines() if ln.startswith("@@ "))
    _, seconds, user, system, kb = line.split()
    return float(seconds), float(user) + float(system), int(kb) / 1024


def throughput(dev: Path, tmp: Path, megabytes: float, jobs: list[int]) -> None:
    print(f"\n## Throughput ({megabytes:g} MB of clean news per half, built-in rules, start-up subtracted)\n")
    print("| half | command | jobs | docs | wall s | CPU s | MB/s (wall) | MB per CPU-s | docs per CPU-s | peak MB |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for which in ("tune", "check"):
        src = tmp / f"{which}.jsonl"
        docs, size = write_corpus(src, articles(dev, which), megabytes)
        one = tmp / "one.jsonl"
        write_corpus(one, articles(dev, which)[:1], 1e-9)
        for mode in ("check", "fix"):
            for j in jobs:
                out = ["--format", "jsonl"] if mode == "check" else ["-o", str(tmp / "fixed.jsonl")]
                wall0, cpu0, _ = timed_cli(mode, "--jsonl", str(one), *out, "-j", str(j), cwd=tmp)
                wall, cpu, rss = timed_cli(mode, "--jsonl", str(src), *out, "-j", str(j), cwd=tmp)
                wall, cpu, mb = max(wall - wall0, 0.01), max(cpu - cpu0, 0.01), size / 1e6
                print(f"| {which} | {mode} | {j} | {docs:,} | {wall:.1f} | {cpu:.1f} | {mb / wall:.2f} "
                      f"| {mb / cpu:.2f} | {docs / cpu:.0f} | {rss:.0f} |", flush=True)  # fmt: skip
        src.unlink()


def memory(dev: Path, tmp: Path, base: float) -> None:
    print(f"\n## Peak memory against input size (check --jobs 2, base {base:g} MB, check half)\n")
    print("| input | docs | MB of text | wall s | CPU s | peak RSS MB |")
    print("|---|---|---|---|---|---|")
    texts = articles(dev, "check")
    for factor in (1, 10, 100):
        src = tmp / "memory.jsonl"
        docs, size = write_corpus(src, texts, base * factor)
        wall, cpu, rss = timed_cli("check", "--jsonl", str(src), "--format", "jsonl", "-j", "2", cwd=tmp)
        print(f"| {factor}x | {docs:,} | {size / 1e6:.1f} | {wall:.1f} | {cpu:.1f} | {rss:.0f} |", flush=True)
        src.unlink()


def by_length(dev: Path, volume: float) -> None:
    print(f"\n## Time against document length (about {volume:g} MB each, one process, tune half)\n")
    print("| characters per document | docs | CPU seconds per MB | CPU ms per document |")
    print("|---|---|---|---|")
    stream = "\n\n".join(articles(dev, "tune"))
    checker, job = Checker(Config()), Job("check", Fields())
    for length in (1_000, 4_000, 16_000, 64_000):
        docs = [stream[i : i + length] for i in range(0, min(len(stream), int(volume * 1e6)), length)]
        docs = [d for d in docs if len(d) == length]
        lines = [json.dumps({"id": i, "text": d}).encode() for i, d in enumerate(docs)]
        size = sum(len(d.encode("utf-8")) for d in docs)
        start = time.process_time()
        for i, raw in enumerate(lines):
            process_line(checker, job, i + 1, raw)
        seconds = time.process_time() - start
        print(f"| {length:,} | {len(docs)} | {seconds / (size / 1e6):.2f} | {1000 * seconds / len(docs):.1f} |",
              flush=True)  # fmt: skip


def peers(dev: Path, n: int, url: str | None) -> None:
    texts = articles(dev, "check")[:n]
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"\n## Peers on the same {len(texts)} articles ({size:.2f} MB, check half, one process)\n")
    print("| tool | wall s | MB/s (wall) | this process's CPU s | cleanup is × faster (wall) |")
    print("|---|---|---|---|---|")
    checker, job = Checker(Config()), Job("check", Fields())
    lines = [json.dumps({"id": i, "text": t}).encode() for i, t in enumerate(texts)]
    ours, cpu = _time(lambda: [process_line(checker, job, i, raw) for i, raw in enumerate(lines)])
    print(f"| cleanup check (findings and score) | {ours:.2f} | {size / ours:.3f} | {cpu:.2f} | 1 |", flush=True)
    for name, run in _peer_runners(url):
        seconds, cpu = _time(lambda run=run: [run(t) for t in texts])  # type: ignore[misc]
        print(f"| {name} | {seconds:.2f} | {size / seconds:.3f} | {cpu:.2f} | {seconds / ours:.1f} |", flush=True)


def _time(fn: Callable[[], Iterable[object]]) -> tuple[float, float]:
    """Wall and CPU seconds of ``fn()``."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def _peer_runners(url: str | None) -> list[tuple[str, Callable[[str], object]]]:
    runners: list[tuple[str, Callable[[str], object]]] = []
    try:
        from proselint import tools
        from proselint.checks import __register__
        from proselint.registry import CheckRegistry

        CheckRegistry().register_many(__register__)
        runners.append(("proselint (all checks)", lambda t: tools.LintFile("<doc>", t).lint()))
    except ImportError:
        print("(proselint is not installed: pip install proselint)", file=sys.stderr)
    if url:
        import language_tool_python

        lt = language_tool_python.LanguageTool("en-US", remote_server=url)
        lt.check("Warm up.")
        runners.append(("LanguageTool (server, en-US)", lt.check))
    else:
        print("(no LanguageTool URL: --languagetool or CLEANUP_LANGUAGETOOL_URL)", file=sys.stderr)
    return runners


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dev", type=Path, default=DEV)
    ap.add_argument("--mb", type=float, default=2.0, help="megabytes of text per throughput run")
    ap.add_argument("--jobs", default="1,2", help="comma-separated --jobs values")
    ap.add_argument("--base-mb", type=float, default=0.15, help="the 1x input of the memory runs")
    ap.add_argument("--length-mb", type=float, default=0.5, help="volume per document length")
    ap.add_argument("--peer-docs", type=int, default=40)
    ap.add_argument("--languagetool", default=os.environ.get("CLEANUP_LANGUAGETOOL_URL"))
    ap.add_argument("--only", default="throughput,memory,length,peers")
    args = ap.parse_args()
    if not shutil.which(TIME):
        raise SystemExit(f"{TIME} is needed (Debian: apt-get install time)")
    print(f"{os.cpu_count()} cores; Python {sys.version.split()[0]}")
    only = set(args.only.split(","))
    with tempfile.TemporaryDirectory() as tmp:
        if "throughput" in only:
            throughput(args.dev, Path(tmp), args.mb, [int(j) for j in args.jobs.split(",")])
        if "memory" in only:
            memory(args.dev, Path(tmp), args.base_mb)
    if "length" in only:
        by_length(args.dev, args.length_mb)
    if "peers" in only:
        peers(args.dev, args.peer_docs, args.languagetool)


if __name__ == "__main__":
    main()

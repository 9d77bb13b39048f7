"""Measure the ``mt`` and ``garbled`` families on the development data.

    python benchmarks/mt_garbled.py [DEV_DIR] [--show N]

DEV_DIR defaults to ``../shared/dev`` (relative to the repository root). Reports:

- clean_news.jsonl: warnings per 1,000 sentences (every warning is a likely false positive);
- wmt_mqm_zhen.jsonl: which rater-marked error categories the findings hit, and precision
  (the share of warnings overlapping any rater-marked target span);
- mlqe_pe_xxen.jsonl: the share of segments flagged, machine output (``mt``) against its
  human post-edit (``pe``);
- hallucinations_deen.jsonl: recall on segments labelled as repetitions, and the flag rate
  on segments without any label.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from cleanup import Checker, Config, Finding, Severity
from cleanup.document import Document

FAMILIES = ("MT", "GB")
REPETITION = ("MT002", "MT003", "MT004")


def _rows(path: Path) -> Iterator[dict[str, object]]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def _warnings(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is not Severity.INFO and f.rule.startswith(FAMILIES)]


def clean_news(checker: Checker, path: Path, show: int) -> None:
    sentences, warnings, infos = 0, [], 0
    for row in _rows(path):
        text = str(row["text"])
        doc = Document(text)
        sentences += len(doc.sentences)
        found = checker.check_document(doc)
        infos += len(found) - len(_warnings(found))
        warnings += [(f, text) for f in _warnings(found)]
    per_k = 1000 * len(warnings) / max(sentences, 1)
    print(f"clean_news: {sentences} sentences, {len(warnings)} warnings ({per_k:.2f} per 1,000), {infos} info")
    print("  by rule:", dict(Counter(f.rule for f, _ in warnings)))
    for f, text in warnings[:show]:
        print(f"  {f.rule} {text[max(0, f.start - 50) : f.end + 50]!r}")


def wmt(checker: Checker, path: Path, show: int) -> None:
    hits: Counter[str] = Counter()
    by_rule: Counter[str] = Counter()
    on_span: Counter[str] = Counter()
    misses = []
    segments = flagged = 0
    for row in _rows(path):
        text = str(row["mt"])
        segments += 1
        spans = [e for e in row["errors"] if e["side"] == "target"]  # type: ignore[union-attr]
        found = _warnings(checker.check(text))
        flagged += bool(found)
        for f in found:
            by_rule[f.rule] += 1
            covering = [e for e in spans if e["start"] < max(f.end, f.start + 1) and f.start < e["end"]]
            if covering:
                on_span[f.rule] += 1
                for category in {e["category"] for e in covering}:
                    hits[category] += 1
            else:
                misses.append((f, text))
    total = sum(by_rule.values())
    print(f"wmt_mqm_zhen: {segments} segments, {flagged} flagged, {total} warnings, "
          f"precision {sum(on_span.values()) / max(total, 1):.2f}")  # fmt: skip
    for code in sorted(by_rule):
        print(f"  {code}: {by_rule[code]} warnings, {on_span[code]} on a rater span")
    print("  rater categories hit:", dict(hits.most_common()))
    for f, text in misses[:show]:
        print(f"  miss {f.rule} {text[max(0, f.start - 50) : f.end + 50]!r}")


def mlqe(checker: Checker, path: Path, show: int) -> None:
    n = mt_flagged = pe_flagged = 0
    rules_mt: Counter[str] = Counter()
    rules_pe: Counter[str] = Counter()
    examples = []
    for row in _rows(path):
        n += 1
        mt = _warnings(checker.check(str(row["mt"])))
        pe = _warnings(checker.check(str(row["pe"])))
        mt_flagged += bool(mt)
        pe_flagged += bool(pe)
        rules_mt.update(f.rule for f in mt)
        rules_pe.update(f.rule for f in pe)
        examples += [(f, str(row["pe"])) for f in pe]
    print(f"mlqe_pe_xxen: {n} segments, flagged mt {100 * mt_flagged / n:.2f}% vs pe {100 * pe_flagged / n:.2f}%")
    print("  mt by rule:", dict(rules_mt), " pe by rule:", dict(rules_pe))
    for f, text in examples[:show]:
        print(f"  pe {f.rule} {text[max(0, f.start - 50) : f.end + 50]!r}")


def hallucinations(checker: Checker, path: Path, show: int) -> None:
    labelled = found = unlabelled = false_flags = 0
    missed = []
    for row in _rows(path):
        text = str(row["mt"])
        codes = {f.rule for f in _warnings(checker.check(text))}
        labels = row["labels"]
        assert isinstance(labels, dict)
        if labels["repetitions"]:
            labelled += 1
            if codes & set(REPETITION):
                found += 1
            else:
                missed.append(text)
        elif not row["any"]:
            unlabelled += 1
            false_flags += bool(codes)
    print(f"hallucinations_deen: repetition recall {found}/{labelled} = {found / max(labelled, 1):.2f}; "
          f"flagged {false_flags}/{unlabelled} segments without any label")  # fmt: skip
    for text in missed[:show]:
        print(f"  missed {text[:120]!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dev", nargs="?", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "dev"))
    parser.add_argument("--show", type=int, default=10, help="examples to print per data set")
    args = parser.parse_args(argv)
    dev = Path(args.dev)
    checker = Checker(Config(select=FAMILIES))
    clean_news(checker, dev / "clean_news.jsonl", args.show)
    wmt(checker, dev / "wmt_mqm_zhen.jsonl", args.show)
    mlqe(checker, dev / "mlqe_pe_xxen.jsonl", args.show)
    hallucinations(checker, dev / "hallucinations_deen.jsonl", args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())

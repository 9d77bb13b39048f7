"""The boilerplate and encoding families on the development data.

    python benchmarks/boilerplate_encoding.py [DEV_DIR] [--show] [--mb 5]

DEV_DIR (default ``../shared/dev``) holds:

* ``ftfy_cases.jsonl``: ftfy's own test cases. Every ``expect: pass`` case with
  mojibake must come out of ``fix --unsafe-fixes`` with EN001 as its
  ``fixed_encoding``; every case that needs no repair must stay silent and
  untouched. ``expect: fail`` cases (ftfy's known failures) are counted apart.
  With all EN rules, the output may also equal ftfy's ``fixed_text`` (which
  deletes control characters, as EN002 does).
* ``clean_news.jsonl``: professionally edited news. Warnings per 1,000 sentences
  for BP and EN (the target is 0; the issue allows 1 for four families together).
  ``--show`` prints every warning with its context.

It also times the two families alone on the clean news, repeated to ``--mb`` MB.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from cleanup import Checker, Config
from cleanup.document import Document

HERE = Path(__file__).resolve().parent
FAMILIES = ("BP", "EN")


def read_jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


def ftfy_cases(path: Path, show: bool) -> None:
    mojibake = Checker(Config(select=("EN001",), unsafe_fixes=True))
    family = Checker(Config(select=("EN",), unsafe_fixes=True))
    tally: Counter[str] = Counter()
    for row in read_jsonl(path):
        original, want, text_fix = str(row["original"]), str(row["fixed_encoding"]), str(row["fixed_text"])
        group = "known" if row["expect"] != "pass" else "repair" if want != original else "negative"
        got = mojibake.fix(original).text
        ok = got == want and bool(mojibake.check(original)) == (want != original)
        tally[f"{group} {ok}"] += 1
        if group == "known":
            tally[f"known changed {got != original}"] += 1
        whole = family.fix(original).text
        tally[f"family {group} {whole in (want, text_fix)}"] += 1
        if show and group != "known" and not (ok and whole in (want, text_fix)):
            print(f"  {group}: {original!r}\n    EN001 {got!r}\n    EN    {whole!r}\n    want  {want!r}")
    n = {g: tally[f"{g} True"] + tally[f"{g} False"] for g in ("repair", "negative", "known")}
    print(
        f"ftfy_cases, EN001 vs fixed_encoding: repaired {tally['repair True']}/{n['repair']} expect-pass mojibake; "
        f"{tally['negative True']}/{n['negative']} clean cases silent and untouched; "
        f"ftfy's known failures: {tally['known changed True']}/{n['known']} changed (ftfy gets these wrong too)"
    )
    print(f"ftfy_cases, all EN rules vs fixed_encoding or ftfy's fixed_text: "
          f"{tally['family repair True']}/{n['repair']} repaired, "
          f"{tally['family negative True']}/{n['negative']} clean")  # fmt: skip


def clean_news(path: Path, show: bool, megabytes: float) -> None:
    texts = [str(row["text"]) for row in read_jsonl(path)]
    checker = Checker(Config(select=FAMILIES))
    sentences = 0
    per_rule: Counter[str] = Counter()
    for text in texts:
        doc = Document(text)
        sentences += len(doc.sentences)
        for f in checker.check_document(doc):
            if f.severity.value == "info":
                continue
            per_rule[f.rule] += 1
            if show:
                print(f"  {f.rule} {f.message}: {text[max(0, f.start - 40) : f.end + 40]!r}")
    warnings = sum(per_rule.values())
    print(f"clean_news: {warnings} warnings in {sentences} sentences = {1000 * warnings / sentences:.2f} per 1,000 "
          f"{dict(sorted(per_rule.items()))}")  # fmt: skip

    corpus: list[str] = []
    size = 0
    while size < megabytes * 1e6:
        corpus.extend(texts)
        size += sum(len(t.encode("utf-8")) for t in texts)
    start = time.perf_counter()
    for text in corpus:
        checker.check(text)
    seconds = time.perf_counter() - start
    print(f"speed: {size / 1e6 / seconds:.1f} MB/s for {'+'.join(FAMILIES)} alone ({size / 1e6:.1f} MB, one core)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dev", nargs="?", type=Path, default=HERE.parent.parent / "shared" / "dev")
    ap.add_argument("--show", action="store_true", help="print every miss and every warning")
    ap.add_argument("--mb", type=float, default=5.0, help="megabytes of clean news to time")
    args = ap.parse_args()
    ftfy_cases(args.dev / "ftfy_cases.jsonl", args.show)
    clean_news(args.dev / "clean_news.jsonl", args.show, args.mb)


if __name__ == "__main__":
    main()

"""False alarms: warnings per 1,000 sentences on professional English the rules should leave alone.

    python benchmarks/false_alarms.py [--half tune|check|both] [--dev ../shared/dev] [--quiet]

Two sets: the clean news bodies (``clean_news``) and the professional human translations into
English of WMT23 (``refs`` of ``wmt23_xxen``; the lines of one document block, one paragraph
each; a warning counts when the block raises it both alone and with its neighbouring blocks
around it). Every warning is listed with its context, so each can be judged a real defect of
the source or a false alarm. Built-in rules only (no LanguageTool).
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

import devsplit
from devsplit import DEV, Half, key, rows

from cleanup import Checker, Config
from cleanup.document import Document
from cleanup.model import Severity

Text = tuple[str, str, tuple[int, int]]  # id, text, the span whose warnings and sentences count


def clean_news(half: Half, dev: Path) -> Iterator[Text]:
    for row in rows("clean_news", half, dev):
        yield f"clean_news:{row['id']}", row["text"], (0, len(row["text"]))


def references(half: Half, dev: Path) -> Iterator[Text]:
    """One text per document block: its reference lines (the first reference), one paragraph each.

    A 50-line block can cut a document, and a quotation, in two, and can hold the ends of two
    documents. So that a warning never exists only because of where the blocks are cut, each block
    is checked alone and with the neighbouring blocks of its language pair around it (whichever
    half they are in); a warning counts when it stands in both, and only the block's own
    sentences count.
    """
    blocks: defaultdict[str, list[str]] = defaultdict(list)
    for row in rows("wmt23_xxen", "all", dev):
        ref = next(iter(row["refs"].values()), "")
        if ref.strip():
            blocks[key("wmt23_xxen", row)].append(ref.strip())
    for name, lines in blocks.items():
        if half != "all" and devsplit.half(name) != half:
            continue
        lp, n = name.rsplit(":", 1)
        before = "\n\n".join(blocks.get(f"{lp}:{int(n) - 1}", []))
        after = "\n\n".join(blocks.get(f"{lp}:{int(n) + 1}", []))
        own = "\n\n".join(lines)
        lo = len(before) + 2 if before else 0
        text = "\n\n".join(part for part in (before, own, after) if part)
        yield f"wmt23:{name}", text, (lo, lo + len(own))


def measure(name: str, texts: list[Text], checker: Checker, quiet: bool) -> None:
    sentences = 0
    per_rule: Counter[str] = Counter()
    listed: list[str] = []
    for doc_id, text, (lo, hi) in texts:
        doc = Document(text)
        sentences += sum(lo <= s.start < hi for s in doc.sentences)
        alone = {(f.rule, f.start + lo, f.end + lo) for f in checker.check_document(Document(text[lo:hi]))}
        for f in checker.check_document(doc):
            if f.severity is Severity.INFO or not lo <= f.start < hi or (f.rule, f.start, f.end) not in alone:
                continue  # outside the block, or only there because of a cut or of a neighbouring document
            per_rule[f.rule] += 1
            line = text[max(lo, f.start - 50) : min(hi, f.end + 50)].replace("\n", " ¶ ")
            listed.append(f"    {f.rule} {doc_id}: {f.message}\n        …{line}…")
    total = sum(per_rule.values())
    rate = 1000 * total / max(sentences, 1)
    rules = ", ".join(f"{r} {n}" for r, n in sorted(per_rule.items()))
    print(f"  {name}: {len(texts)} texts, {sentences} sentences, {total} warnings = {rate:.2f} per 1,000 ({rules})")
    if not quiet:
        print("\n".join(listed))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--half", choices=("tune", "check", "both"), default="both")
    ap.add_argument("--dev", type=Path, default=DEV)
    ap.add_argument("--select", default="ALL", help="comma-separated selectors")
    ap.add_argument("--quiet", action="store_true", help="figures only, no list of warnings")
    args = ap.parse_args()
    checker = Checker(Config(select=tuple(args.select.split(","))))
    halves: list[Half] = ["tune", "check"] if args.half == "both" else [args.half]
    for half in halves:
        print(f"{half} half:")
        measure("clean news", list(clean_news(half, args.dev)), checker, args.quiet)
        measure("WMT23 human references", list(references(half, args.dev)), checker, args.quiet)


if __name__ == "__main__":
    main()

"""Precision of each evidence class of the graded accuracy rules (``EVIDENCE`` in ``rules/accuracy.py``).

    python benchmarks/evidence.py [--dev ../shared/dev] [--half tune|check] [--limit N]

Judged findings, per class:
- ``wmt_mqm_zhen``: machine translation with rater-marked spans; a finding on a marked Accuracy
  span is right, any other wrong;
- the professional references of ``wmt23_xxen`` and the human post-edits of ``mlqe_pe_xxen``
  (mostly correct translations): every finding is wrong.
Precision = right / (right + wrong). Beside it, the damaged references of ``bilingual.py``: the
findings of the class on a damaged span (``hits``), and the damages found by that class alone
(``only``: what making the class INFO would cost the damage recall). Classes in ``UNCERTAIN``
are reported at INFO severity. Prints a Markdown table; only aggregate counts.
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from pathlib import Path

from bilingual import _overlaps, damaged
from devsplit import DEV, rows

from cleanup.document import Document
from cleanup.rules import REGISTRY
from cleanup.rules.accuracy import GRADED, UNCERTAIN

SYSTEMS = ("GPT4-5shot", "ONLINE-B", "ONLINE-W", "NLLB_Greedy")  # strong and weak


def graded(text: str, source: str, lang: str) -> list[tuple[str, str, int, int]]:
    """``(rule, class, start, end)`` of every graded finding of ``text`` against ``source``."""
    doc = Document(text, source=source, source_lang=lang)
    return [(code, kind, f.start, f.end) for code, fn in GRADED.items() for f, kind in fn(doc, REGISTRY[code].spec)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=DEV)
    parser.add_argument("--half", choices=("tune", "check"), default="tune")
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    right: Counter[tuple[str, str]] = Counter()
    wrong: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    hits: Counter[tuple[str, str]] = Counter()
    right_mt: Counter[tuple[str, str]] = Counter()
    only: Counter[tuple[str, str]] = Counter()
    for n, r in enumerate(rows("wmt_mqm_zhen", args.half, args.dev)):
        if args.limit and n >= args.limit:
            break
        marked = [e for e in r["errors"] if e["side"] == "target" and str(e["category"]).startswith("Accuracy")]
        for code, kind, a, b in graded(r["mt"], r["src"], "zh"):
            if any(_overlaps(a, b, e["start"], e["end"]) for e in marked):
                right[code, kind] += 1
            else:
                wrong["MQM"][code, kind] += 1
    for n, r in enumerate(rows("mlqe_pe_xxen", args.half, args.dev)):
        if args.limit and n >= args.limit:
            break
        for code, kind, _, _ in graded(r["pe"], r["src"], r["lp"][:2]):
            wrong["post-edits"][code, kind] += 1
    for kind_of_record, lang, src, tgt, a, b in damaged(args.dev, args.half, args.limit, ["https://example.org/x"]):
        found = graded(tgt, src, lang)
        if kind_of_record == "undamaged":
            for code, kind, _, _ in found:
                wrong["references"][code, kind] += 1
            continue
        on = {(code, kind) for code, kind, s, e in found if _overlaps(s, e, a, b)}
        hits.update(on)
        if len(on) == 1:
            only.update(on)
    # machine translations of the same segments, judged against the professional reference: a finding
    # is right where the reference has none of that rule (it kept what the machine lost), else wrong
    for n, r in enumerate(rows("wmt23_xxen", args.half, args.dev)):
        if args.limit and n >= args.limit:
            break
        ref = next(iter(r["refs"].values()), "")
        if not r["src"].strip() or not ref.strip():
            continue
        lang = r["lp"][:2]
        ref_rules = {code for code, *_ in graded(ref, r["src"], lang)}
        for system in SYSTEMS:
            hyp = r["hyps"].get(system)
            if not hyp:
                continue
            for code, kind, _, _ in graded(hyp, r["src"], lang):
                if code in ref_rules:
                    wrong["MT vs reference"][code, kind] += 1
                else:
                    right_mt[code, kind] += 1
    classes = sorted({k for c in (right, hits, *wrong.values()) for k in c})
    pools = ("MQM", "references", "post-edits")
    print(f"\n## {args.half} half: evidence classes of the graded rules")
    head = "| rule | class | severity | right (MQM) | wrong: " + " | ".join(pools)
    print(head + " | precision | MT right / wrong vs reference | damage hits | only |")
    print("|---" * (8 + len(pools)) + "|")
    for key in classes:
        bad = sum(wrong[p][key] for p in pools)
        judged = right[key] + bad
        prec = f"{100 * right[key] / judged:.0f}%" if judged else "–"
        sev = "info" if key[1] in UNCERTAIN else "as the rule"
        cols = " | ".join(str(wrong[p][key]) for p in pools)
        mt = f"{right_mt[key]} / {wrong['MT vs reference'][key]}"
        print(f"| {key[0]} | {key[1]} | {sev} | {right[key]} | {cols} | {prec} | {mt} | {hits[key]} | {only[key]} |")


if __name__ == "__main__":
    main()

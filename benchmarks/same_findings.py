"""Do two trees find the same? Findings (JSON contract), fixes and scores over the dev texts.

    python benchmarks/same_findings.py --against main        # this tree vs git revision main
    python benchmarks/same_findings.py --dump out.jsonl      # this tree only

For speed work: an optimisation must leave every finding as it was. The texts are the clean news
(plain text and the Markdown of ``news_html_links``), the WMT23 references (one text per document
block, as ``false_alarms.py`` builds them), the first ``--rows`` rows of MLQE-PE and WMT MQM
(with their source), the hallucination rows (with source) and the JFLEG learner sentences.
For each text it records the findings of all built-in rules, ``cleanup.score`` and the text
``fix`` returns. Differences are printed per text; exit 1 when there are any.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from devsplit import DEV, key, rows  # noqa: E402

Item = tuple[str, str, str, str | None, str | None]  # id, text, markup, source, source lang


def texts(dev: Path, limit: int) -> Iterator[Item]:
    """Every text to compare, with a stable id."""
    for row in rows("clean_news", dev=dev):
        yield f"news:{row['id']}", row["text"], "text", None, None
    for row in rows("news_html_links", dev=dev):
        yield f"links:{row['id']}", row["text"], "markdown", None, None
    blocks: defaultdict[str, list[str]] = defaultdict(list)
    for row in rows("wmt23_xxen", dev=dev):
        ref = next(iter(row["refs"].values()), "")
        if ref.strip():
            blocks[key("wmt23_xxen", row)].append(ref.strip())
    for name, lines in blocks.items():
        yield f"wmt23:{name}", "\n\n".join(lines), "text", None, None
    for dataset in ("mlqe_pe_xxen", "wmt_mqm_zhen", "hallucinations_deen"):
        for n, row in enumerate(rows(dataset, dev=dev)):
            if n >= limit:
                break
            lang = str(row.get("lp", "zh-en" if dataset == "wmt_mqm_zhen" else "de-en")).split("-")[0]
            yield f"{dataset}:{n}", row["mt"], "text", row["src"], lang
    for n, row in enumerate(rows("jfleg", dev=dev)):
        yield f"jfleg:{n}", row["source"], "text", None, None


def dump(dev: Path, limit: int, out: Path) -> None:
    """Write one line per text: id, findings, score and fixed text (hashed)."""
    import cleanup
    from cleanup import Checker, score
    from cleanup.document import Document
    from cleanup.reports import finding_json

    print(f"checking with {Path(cleanup.__file__).parent}", file=sys.stderr)
    checker = Checker()
    with out.open("w", encoding="utf-8") as f:
        for ident, text, markup, source, lang in texts(dev, limit):
            doc = Document(text, None, markup, source=source, source_lang=lang)  # type: ignore[arg-type]
            found = [finding_json(x, doc) for x in checker.check_document(doc)]
            fixed = checker.fix(text, markup=markup, source=source, source_lang=lang).text  # type: ignore[arg-type]
            record = {
                "id": ident,
                "findings": found,
                "score": score(text, markup=markup, source=source, source_lang=lang),  # type: ignore[arg-type]
                "fixed": hashlib.sha1(fixed.encode()).hexdigest(),
            }
            f.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")


def compare(a: Path, b: Path) -> int:
    """Print the texts whose records differ; return how many."""
    left = {r["id"]: r for r in map(json.loads, a.read_text(encoding="utf-8").splitlines())}
    right = {r["id"]: r for r in map(json.loads, b.read_text(encoding="utf-8").splitlines())}
    differ = 0
    for ident in sorted(left.keys() | right.keys()):
        x, y = left.get(ident), right.get(ident)
        if x == y:
            continue
        differ += 1
        print(f"{ident}:")
        for field in ("findings", "score", "fixed"):
            if (x or {}).get(field) != (y or {}).get(field):
                before, after = json.dumps((x or {}).get(field)), json.dumps((y or {}).get(field))
                print(f"  {field}: {before[:400]}\n   -> {after[:400]}")
    print(f"{len(right)} texts, {differ} differ")
    return differ


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dev", type=Path, default=DEV)
    ap.add_argument("--rows", type=int, default=1000, help="rows of each bilingual data set (default 1000)")
    ap.add_argument("--dump", type=Path, help="write this tree's records here and stop")
    ap.add_argument("--against", metavar="REF", help="git revision to compare this tree with")
    args = ap.parse_args()
    if args.dump:
        dump(args.dev, args.rows, args.dump)
        return
    if not args.against:
        ap.error("give --against REF or --dump FILE")
    root = HERE.parent
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "tree"
        base.mkdir()
        archive = subprocess.run(["git", "-C", str(root), "archive", args.against], check=True, capture_output=True)
        subprocess.run(["tar", "-x", "-C", str(base)], input=archive.stdout, check=True)
        (base / "cleanup" / "rules").symlink_to(base / "rules")  # as the package-dir mapping installs it
        command = [sys.executable, str(Path(__file__).resolve()), "--dev", str(args.dev), "--rows", str(args.rows)]
        theirs, ours = Path(tmp) / "theirs.jsonl", Path(tmp) / "ours.jsonl"
        env = {**os.environ, "PYTHONPATH": str(base)}
        subprocess.run([*command, "--dump", str(theirs)], env=env, check=True)
        subprocess.run([*command, "--dump", str(ours)], check=True)
        sys.exit(1 if compare(theirs, ours) else 0)


if __name__ == "__main__":
    main()

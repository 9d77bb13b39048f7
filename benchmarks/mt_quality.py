"""Real machine translation: what raters mark, what each tool finds, and how the score ranks.

    python benchmarks/mt_quality.py [--dev ../shared/dev] [--half tune|check|both] [--no-languagetool]
                                    [--no-peers] [--only mqm,mlqe,jfleg,news]

``--no-peers`` leaves out LanguageTool's defaults, proselint and the quote-style variants (the
cleanup rows only), ``--only`` runs some of the four measures: for quick runs while iterating.

Each peer runs in the same pass over the same rows (dev halves from ``devsplit``):

- WMT zh→en MQM: each system's translation of each document is checked as one document; recall
  is the share of rater-marked Fluency spans (by category) that a warning overlaps, precision the
  share of warnings on any rater-marked target span. Peers: the built-in rules (with the house
  ``quote-style`` off, ``curly`` and ``straight``), the built-in rules with LanguageTool (the noise
  filter and the precision floor), LanguageTool with its own defaults, and proselint.
- MLQE-PE: the AUROC of ``cleanup.score`` at telling MT with HTER >= 0.3 from its post-edit,
  without and with the source, and the share of each flagged by a warning.
- JFLEG: garbled learner sentences flagged against their first fluent correction; and the share of
  first corrections flagged on words that every other correction keeps (the rest of the flags are on
  a learner's error that the first corrector left in, which the other correctors changed).
- Clean news: warnings per 1,000 sentences.

LanguageTool needs ``CLEANUP_LANGUAGETOOL_URL`` (or a running server); proselint is optional
(``pip install proselint``).
"""

from __future__ import annotations

import argparse
import bisect
import os
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import devsplit
from score_calibration import auroc

from cleanup import Checker, Config, Document, Severity, score
from cleanup.languagetool import backend_from_config
from cleanup.languagetool.backend import LanguageToolBackend

Span = tuple[int, int]
Tool = Callable[[str], list[Span]]
FLUENCY = ("Fluency/Grammar", "Fluency/Punctuation", "Fluency/Spelling")


def cleanup_tool(config: Config) -> Tool:
    checker = Checker(config)

    def run(text: str) -> list[Span]:
        return [(f.start, f.end) for f in checker.check(text) if f.severity is not Severity.INFO]

    return run


def languagetool_defaults(url: str) -> Tool:
    backend = LanguageToolBackend(url)
    return lambda text: [(f.start, f.end) for f in backend.check(Document(text)) if f.severity is not Severity.INFO]


def proselint_tool() -> Tool | None:
    try:
        from proselint import checks
        from proselint.registry import CheckRegistry
        from proselint.tools import LintFile
    except ImportError:
        return None
    CheckRegistry().register_many(checks.__register__)

    def run(text: str) -> list[Span]:
        if not text.strip():
            return []
        return [(r.check_result.span[0] - 1, r.check_result.span[1] - 1) for r in LintFile("<text>", text).lint()]

    return run


def mqm_documents(dev: Path, half: devsplit.Half) -> list[list[dict[str, object]]]:
    documents: dict[tuple[str, str], list[dict[str, object]]] = {}
    for r in devsplit.rows("wmt_mqm_zhen", half, dev):
        documents.setdefault((str(r["system"]), str(r["doc"])), []).append(r)
    return list(documents.values())


def mqm(tools: dict[str, Tool], documents: list[list[dict[str, object]]]) -> None:
    spans_by_cat: Counter[str] = Counter()
    for segments in documents:
        for r in segments:
            spans_by_cat.update(str(e["category"]) for e in r["errors"] if e["side"] == "target")  # type: ignore[attr-defined]
    fluency_total = sum(v for k, v in spans_by_cat.items() if k.startswith("Fluency"))
    print(f"  {len(documents)} documents, {fluency_total} Fluency spans "
          + ", ".join(f"{c.split('/')[1]} {spans_by_cat[c]}" for c in FLUENCY))  # fmt: skip
    print(f"  {'tool':38} {'recall':>7} {'prec.':>6} {'warn.':>6}  " + "  ".join(c.split("/")[1][:5] for c in FLUENCY))
    for name, tool in tools.items():
        hit: Counter[str] = Counter()
        warnings = on_span = 0
        for segments in documents:
            texts = [str(r["mt"]).replace("\n", " ") for r in segments]
            starts, pos = [], 0
            for t in texts:
                starts.append(pos)
                pos += len(t) + 2
            found = tool("\n\n".join(texts))
            for k, (r, t) in enumerate(zip(segments, texts, strict=True)):
                errors = [e for e in r["errors"] if e["side"] == "target"]  # type: ignore[attr-defined]
                mine = [(a - starts[k], b - starts[k]) for a, b in found if starts[k] <= a < starts[k] + len(t) + 1]
                warnings += len(mine)
                covered: set[int] = set()
                for a, b in mine:
                    hits = [i for i, e in enumerate(errors) if e["start"] < max(b, a + 1) and a < e["end"]]
                    on_span += bool(hits)
                    covered.update(hits)
                categories = (str(errors[i]["category"]) for i in covered)
                hit.update(c for c in categories if c.startswith("Fluency"))
        recall = 100 * sum(hit.values()) / max(1, fluency_total)
        precision = 100 * on_span / max(1, warnings)
        per_cat = "  ".join(f"{100 * hit[c] / max(1, spans_by_cat[c]):4.1f}%" for c in FLUENCY)
        print(f"  {name:38} {recall:6.1f}% {precision:5.0f}% {warnings:6}  {per_cat}")


def batched(backend: LanguageToolBackend, texts: list[str], per_request: int = 50) -> list[list[Span]]:
    """LanguageTool's warnings for each text; texts go out joined as paragraphs, a few dozen a request."""
    out: list[list[Span]] = []
    for i in range(0, len(texts), per_request):
        chunk = [t.replace("\n", " ") for t in texts[i : i + per_request]]
        starts, pos = [], 0
        for t in chunk:
            starts.append(pos)
            pos += len(t) + 2
        per: list[list[Span]] = [[] for _ in chunk]
        for f in backend.check(Document("\n\n".join(chunk))):
            if f.severity is Severity.INFO:
                continue
            k = bisect.bisect_right(starts, f.start) - 1
            per[k].append((f.start - starts[k], f.end - starts[k]))
        out.extend(per)
    return out


def flag_rates(builtin: Tool, lt: LanguageToolBackend | None, texts: list[str]) -> dict[str, float]:
    """The share of texts with a warning: built-in rules alone, and with LanguageTool's (batched) warnings."""
    own = [bool(builtin(t)) for t in texts]
    rates = {"cleanup, built-in rules": 100 * sum(own) / max(1, len(texts))}
    if lt is not None:
        both = [a or bool(b) for a, b in zip(own, batched(lt, texts), strict=True)]
        rates["cleanup + LanguageTool"] = 100 * sum(both) / max(1, len(texts))
    return rates


def mlqe(dev: Path, half: devsplit.Half, builtin: Tool, lt: LanguageToolBackend | None) -> None:
    rows = [r for r in devsplit.rows("mlqe_pe_xxen", half, dev) if float(r["hter"]) >= 0.3]
    for with_source in (False, True):
        bad, good = [], []
        for r in rows:
            source = str(r["src"]) if with_source else None
            lang = str(r["id"]).split("-", 1)[0]
            bad.append(score(str(r["mt"]), source=source, source_lang=lang))
            good.append(score(str(r["pe"]), source=source, source_lang=lang))
        print(f"  score AUROC {'with' if with_source else 'without'} the source: {auroc(bad, good):.3f} "
              f"({len(rows)} MT outputs with HTER >= 0.3 and their post-edits)")  # fmt: skip
    mt = flag_rates(builtin, lt, [str(r["mt"]) for r in rows])
    pe = flag_rates(builtin, lt, [str(r["pe"]) for r in rows])
    for name in mt:
        print(f"  {name:38} flags MT {mt[name]:5.1f}% vs post-edits {pe[name]:5.1f}%")


def kept_by_others(text: str, spans: list[Span], others: list[str]) -> bool:
    """Some flagged stretch of ``text`` that every other correction also writes: a false alarm on words
    that all the correctors judged fine (a flag on words another corrector changed is a learner's error
    left in this correction).

    >>> kept_by_others("He use it.", [(3, 6)], ["He uses it.", "He used it."])
    False
    >>> kept_by_others("A term disking.", [(7, 14)], ["The term disking.", "A word disking."])
    True
    """
    for a, b in spans:
        flagged = text[a:b].strip()
        if flagged and all(re.search(rf"(?<!\w){re.escape(flagged)}(?!\w)", o) for o in others):
            return True
    return False


def jfleg(dev: Path, half: devsplit.Half, builtin: Tool, lt: LanguageToolBackend | None) -> None:
    rows = list(devsplit.rows("jfleg", half, dev))
    garbled = flag_rates(builtin, lt, [str(r["source"]) for r in rows])
    fluent_texts = [str(r["refs"][0]) for r in rows]
    fluent = flag_rates(builtin, lt, fluent_texts)
    own = [builtin(t) for t in fluent_texts]
    spans = {"cleanup, built-in rules": own}
    if lt is not None:
        spans["cleanup + LanguageTool"] = [a + b for a, b in zip(own, batched(lt, fluent_texts), strict=True)]
    for name in garbled:
        kept = sum(
            kept_by_others(t, found, [str(o) for o in r["refs"][1:]])
            for t, found, r in zip(fluent_texts, spans[name], rows, strict=True)
        )
        print(f"  {name:38} garbled flagged {garbled[name]:5.1f}%, fluent {fluent[name]:5.1f}% ({len(rows)} "
              f"sentences); fluent flagged on words every other correction keeps "
              f"{100 * kept / max(1, len(rows)):4.1f}%")  # fmt: skip


def clean_news(dev: Path, half: devsplit.Half, tools: dict[str, Tool]) -> None:
    texts = [str(r["text"]) for r in devsplit.rows("clean_news", half, dev)]
    sentences = sum(len(Document(t).sentences) for t in texts)
    for name, tool in tools.items():
        n = sum(len(tool(t)) for t in texts)
        print(f"  {name:38} {1000 * n / max(1, sentences):6.2f} warnings per 1,000 sentences ({n} in {sentences})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dev", type=Path, default=devsplit.DEV)
    ap.add_argument("--half", choices=("tune", "check", "both"), default="both")
    ap.add_argument("--no-languagetool", action="store_true")
    ap.add_argument("--no-peers", action="store_true", help="only the cleanup rows: no peers, no quote-style variants")
    ap.add_argument("--only", default="mqm,mlqe,jfleg,news", help="comma-separated: mqm, mlqe, jfleg, news")
    args = ap.parse_args(argv)
    only = set(args.only.split(","))
    url = None if args.no_languagetool else os.environ.get("CLEANUP_LANGUAGETOOL_URL")
    builtin = {"cleanup, built-in rules": cleanup_tool(Config())}
    tools: dict[str, Tool] = dict(builtin)
    if not args.no_peers:
        tools['cleanup, quote-style = "curly"'] = cleanup_tool(Config(options={"QT009": {"style": "curly"}}))
        tools['cleanup, quote-style = "straight"'] = cleanup_tool(Config(options={"QT009": {"style": "straight"}}))
    with_lt: dict[str, Tool] = {}
    lt_backend = None
    if url:
        lt = {"url": url, "required": True}
        lt_backend = backend_from_config(Config(use_languagetool=True, languagetool=lt))
        with_lt = {"cleanup + LanguageTool": cleanup_tool(Config(use_languagetool=True, languagetool=lt))}
        tools.update(with_lt)
        if not args.no_peers:
            tools['cleanup + LanguageTool, quote-style = "curly"'] = cleanup_tool(
                Config(use_languagetool=True, languagetool=lt, options={"QT009": {"style": "curly"}})
            )
            tools["LanguageTool, its own defaults"] = languagetool_defaults(url)
    prose = None if args.no_peers else proselint_tool()
    if prose:
        tools["proselint"] = prose
    halves: tuple[devsplit.Half, ...] = ("tune", "check") if args.half == "both" else (args.half,)
    for half in halves:
        print(f"== {half} half")
        if "mqm" in only:
            print("WMT zh→en MQM: Fluency recall / precision")
            mqm(tools, mqm_documents(args.dev, half))
        if "mlqe" in only:
            print("MLQE-PE")
            mlqe(args.dev, half, builtin["cleanup, built-in rules"], lt_backend)
        if "jfleg" in only:
            print("JFLEG")
            jfleg(args.dev, half, builtin["cleanup, built-in rules"], lt_backend)
        if "news" in only:
            print("clean news")
            clean_news(args.dev, half, {**builtin, **with_lt})
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Measure the accuracy family (``AC``, a translation checked against its source) and its peers.

    python benchmarks/bilingual.py [--dev ../shared/dev] [--half tune|check|both] [--limit N]
                                   [--no-peers] [--no-auroc] [--show TYPE[,TYPE…]|all] [--seed N] [--join N]

(a) Damaged translations, built (seeded, deterministic) from the professional reference of each
    ``wmt23_xxen`` segment: a number changed or dropped, a Latin-script name of the source mangled,
    a sentence dropped (one with a word: a bullet or a "♪" alone is none), a sentence left in the
    source language, a phrase repeated (three extra copies), a URL changed (a real URL from
    ``news_html_links`` added to both sides, then one character changed in the translation), a
    quotation mark dropped. A damage counts as found when
    an ``AC`` finding overlaps the damaged span (for a drop: the sentence it was dropped from, or
    the sentences either side of a dropped sentence). The undamaged references give the false
    alarms: the share with any ``AC`` warning or error.
(b) ``hallucinations_deen``: the AUROC of the record score (``cleanup.score`` with the source) per
    label, and their mean.
Peers, on the same records, every finding spanning the whole record: the top-n-gram-count
baseline (always run: ``top_ngram_flags`` and ``top_ngram_rank``), OpusFilter's model-free
filters and bicleaner-hardrules (language identification, LM and porn filters off), when installed.
Figures are printed for the tune half and the check half separately.
"""

from __future__ import annotations

import argparse
import random
import sys
import types
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import regex
from devsplit import DEV, key, rows

import cleanup
from cleanup import Checker, Config, Severity
from cleanup.analysis.bilingual import source_sentences
from cleanup.document import Document

SEED = 20231
Damage = tuple[str, str, int, int]  # source, damaged target, span start, span end
_NUM = regex.compile(r"(?<![\p{L}\d.,])\d+(?:[.,]\d+)*(?![\p{L}\d])")
_LATIN = regex.compile(r"(?<![\p{L}\d])\p{Lu}\p{Latin}{3,}(?![\p{L}\d])")
_WORD = regex.compile(r"\p{L}+")


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in Document(text).sentences]


def number_changed(src: str, ref: str, rng: random.Random) -> Damage | None:
    cands = [m for m in _NUM.finditer(ref) if m[0] in src or regex.sub(r"\D", "", m[0]) in src]
    if not cands:
        return None
    m = rng.choice(cands)
    digits = [i for i, c in enumerate(m[0]) if c.isdigit()]
    i = rng.choice(digits)
    new = m[0][:i] + str((int(m[0][i]) + rng.randint(1, 8)) % 10) + m[0][i + 1 :]
    if new[0] == "0" and len(new) > 1:
        new = "1" + new[1:]
    return src, ref[: m.start()] + new + ref[m.end() :], m.start(), m.start() + len(new)


def number_dropped(src: str, ref: str, rng: random.Random) -> Damage | None:
    cands = [m for m in _NUM.finditer(ref) if m[0] in src or regex.sub(r"\D", "", m[0]) in src]
    if not cands:
        return None
    m = rng.choice(cands)
    end = m.end() + (1 if ref[m.end() : m.end() + 1] == " " else 0)
    text = ref[: m.start()] + ref[end:]
    return src, text, *_around(text, m.start())


def _around(text: str, at: int) -> tuple[int, int]:
    """The sentence containing ``at`` (or the two either side of it)."""
    spans = _sentences(text) or [(0, len(text))]
    before = [s for s in spans if s[0] <= at]
    after = [s for s in spans if s[1] >= at]
    return (before[-1][0] if before else 0), (after[0][1] if after else len(text))


def name_mangled(src: str, ref: str, rng: random.Random) -> Damage | None:
    cands = [m for m in _LATIN.finditer(ref) if regex.search(rf"(?<!\p{{L}}){regex.escape(m[0])}(?!\p{{L}})", src)]
    if not cands:
        return None
    m = rng.choice(cands)
    word = m[0]
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("swap", "sub", "drop"))
    if kind == "swap" and word[i] != word[i + 1]:
        new = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    elif kind == "drop":
        new = word[:i] + word[i + 1 :]
    else:
        new = word[:i] + rng.choice([c for c in "aeioudtnrsl" if c != word[i]]) + word[i + 1 :]
    return src, ref[: m.start()] + new + ref[m.end() :], m.start(), m.start() + len(new)


def sentence_dropped(src: str, ref: str, rng: random.Random) -> Damage | None:
    spans = _sentences(ref)
    if len(spans) < 2:
        return None
    # a "sentence" of symbols alone (a bullet "•", a "♪" after the last stop) is no sentence to drop
    words = [i for i, (a, b) in enumerate(spans) if _WORD.search(ref, a, b)]
    if not words:
        return None
    k = words[rng.randrange(len(words))]
    a, b = spans[k]
    b = spans[k + 1][0] if k + 1 < len(spans) else b
    a = a if k + 1 < len(spans) else spans[k - 1][1]
    text = ref[:a] + ref[b:]
    return src, text, *_either_side(text, a)


def _either_side(text: str, at: int) -> tuple[int, int]:
    """From the sentence that ends at or before the gap ``at`` to the one that starts at or after it."""
    spans = _sentences(text) or [(0, len(text))]
    before = [s for s in spans if s[1] <= at]
    after = [s for s in spans if s[0] >= at]
    return (before[-1][0] if before else 0), (after[0][1] if after else len(text))


def untranslated(src: str, ref: str, rng: random.Random) -> Damage | None:
    spans, src_spans = _sentences(ref), source_sentences(src)
    if len(spans) < 2 or len(spans) != len(src_spans):
        return None
    k = rng.randrange(len(spans))
    (a, b), (sa, sb) = spans[k], src_spans[k]
    return src, ref[:a] + src[sa:sb] + ref[b:], a, a + sb - sa


def phrase_repeated(src: str, ref: str, rng: random.Random) -> Damage | None:
    words = list(_WORD.finditer(ref))
    if len(words) < 4:
        return None
    n = rng.randint(1, 3)
    i = rng.randrange(len(words) - n + 1)
    a, b = words[i].start(), words[i + n - 1].end()
    phrase = ref[a:b]
    text = ref[:b] + f" {phrase}" * 3 + ref[b:]
    return src, text, a, b + 3 * (len(phrase) + 1)


def url_changed(src: str, ref: str, rng: random.Random, urls: list[str]) -> Damage | None:
    url = rng.choice(urls)
    i = rng.randrange(8, len(url))
    new = url[:i] + rng.choice([c for c in "abcdefghkmnprstuxz" if c != url[i]]) + url[i + 1 :]
    src2 = f"{src} ({url})"
    text = f"{ref} ({new})"
    return src2, text, len(ref) + 2, len(text) - 1


_PAIRS = (("“", "”"), ('"', '"'))


def quote_dropped(src: str, ref: str, rng: random.Random) -> Damage | None:
    if not any(c in src for c in '「」『』“”„«»"'):
        return None
    for o, c in _PAIRS:
        a = ref.find(o)
        b = ref.find(c, a + 1) if a >= 0 else -1
        if a >= 0 and b > a:
            if rng.random() < 0.5:
                return src, ref[:a] + ref[a + 1 :], a, b - 1
            return src, ref[:b] + ref[b + 1 :], a, b
    return None


DAMAGES: dict[str, Callable[..., Damage | None]] = {
    "number changed": number_changed,
    "number dropped": number_dropped,
    "name mangled": name_mangled,
    "sentence dropped": sentence_dropped,
    "untranslated": untranslated,
    "phrase repeated": phrase_repeated,
    "URL changed": url_changed,
    "quotation dropped": quote_dropped,
}


# -- peers ---------------------------------------------------------------------------------------
def opusfilter_peer() -> Callable[[str, str, str], int] | None:
    """The number of OpusFilter's model-free filters that reject a pair, or None if not installed."""
    try:
        from opusfilter import filters as f
    except ImportError as e:
        print(f"OpusFilter: not installed ({e})", file=sys.stderr)
        return None
    common = [
        f.LengthFilter(unit="char", min_length=1, max_length=1000),
        f.LongWordFilter(threshold=40),
        f.HtmlTagFilter(),
        f.TerminalPunctuationFilter(threshold=-2),
        f.NonZeroNumeralsFilter(threshold=0.5),
        f.RepetitionFilter(threshold=2),
    ]
    ratio = {
        "han": f.LengthRatioFilter(threshold=6, unit="char"),
        "other": f.LengthRatioFilter(threshold=3, unit="char"),
    }
    scripts = {"ja": None, "zh": None, "ru": "Cyrillic", "uk": "Cyrillic", "he": "Hebrew", "de": "Latin"}
    charscore = {
        lang: f.CharacterScoreFilter(scripts=[s, "Latin"], thresholds=[0.8, 0.8]) for lang, s in scripts.items() if s
    }

    def failures(src: str, tgt: str, lang: str) -> int:
        chosen = [*common, ratio["han" if lang in {"ja", "zh"} else "other"]]
        if lang in charscore:
            chosen.append(charscore[lang])
        n = 0
        for flt in chosen:
            score = next(iter(flt.score([(src, tgt)])))
            n += not flt.accept(score)
        return n

    return failures


def bicleaner_peer(number_and_script: bool = False) -> Callable[[str, str, str], int] | None:
    """How many bicleaner-hardrules rules reject a pair (language id, LM and porn filters off), or None.

    ``number_and_script`` also turns on its (default off) number and script consistency rules.
    """
    # Its LM filter (off here) imports kenlm at load time; kenlm does not build on this machine, and with
    # the filter off it is never called, so an empty module stands in for it.
    sys.modules.setdefault("kenlm", types.ModuleType("kenlm"))
    try:
        from hardrules.hardrules import Hardrules
    except Exception as e:
        print(f"bicleaner-hardrules: not importable ({type(e).__name__}: {e})", file=sys.stderr)
        return None
    config = {"no_wrong_language": False, "no_porn": False, "lm_filter": False}
    if number_and_script:
        config |= {"no_number_inconsistencies": True, "no_script_inconsistencies": True}
    cache: dict[str, Any] = {}

    def failures(src: str, tgt: str, lang: str) -> int:
        if lang not in cache:
            args = argparse.Namespace(
                source_lang=lang, target_lang="en", disable_lang_ident=True, disable_minimal_length=False,
                disable_porn_removal=True, disable_lm_filter=True, lm_threshold=0.5, run_all_rules=True,
                rules_config=config,
            )  # fmt: skip
            cache[lang] = Hardrules(args)
        result = cache[lang].wrong_tu(src, tgt)
        return len(result) if result else 0

    return failures


_TOKEN = regex.compile(r"\w+")


def _top_ngram(text: str, sizes: tuple[int, ...]) -> int:
    """How often the most frequent word n-gram of ``text`` (lower-cased, n in ``sizes``) comes."""
    toks = _TOKEN.findall(text.lower())
    return max(
        (max(Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1)).values(), default=0) for n in sizes),
        default=0,
    )


def top_ngram_flags(src: str, tgt: str, lang: str) -> int:
    """The top-n-gram-count baseline of oscillatory hallucination (after Raunak et al., 2021) as a
    filter: 1 when a word 2- to 4-gram comes three times or more in the translation (a word alone
    comes that often in any long text), else 0."""
    return int(_top_ngram(tgt, (2, 3, 4)) >= 3)


def top_ngram_rank(src: str, tgt: str, lang: str) -> int:
    """The same baseline as a ranking: the count of the translation's most frequent word 1- to
    4-gram (of the variants tried on the tune half, counts of 1-4-grams, 2-4-grams or 4-grams, with
    or without the source's top count subtracted, this one ranks repetitions best)."""
    return _top_ngram(tgt, (1, 2, 3, 4))


# -- measuring -----------------------------------------------------------------------------------
def _overlaps(start: int, end: int, a: int, b: int) -> bool:
    return (start < b and end > a) if end > start else a <= start <= b


def _auroc(scores: list[float], labels: list[bool]) -> float:
    pos = [s for s, y in zip(scores, labels, strict=True) if y]
    neg = [s for s, y in zip(scores, labels, strict=True) if not y]
    if not pos or not neg:
        return float("nan")
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def damaged(
    dev: Path, half: str, limit: int | None, urls: list[str], seed: int = SEED, join: int = 1
) -> Iterator[tuple[str, str, str, str, int, int]]:
    """``(type, lang, source, target, start, end)``; type ``undamaged`` with an empty span for the references.

    ``seed`` picks the damage of each record (another seed: other numbers, names and sentences);
    ``join`` > 1 makes each record of that many consecutive segments of one document.
    """
    for n, row in enumerate(_joined(rows("wmt23_xxen", half, dev), join)):  # type: ignore[arg-type]
        if limit and n >= limit:
            return
        src, ref, lang = row["src"], next(iter(row["refs"].values())), row["lp"][:2]
        if not src.strip() or not ref.strip():
            continue
        yield "undamaged", lang, src, ref, 0, 0
        for name, make in DAMAGES.items():
            rng = random.Random(zlib.crc32(f"{seed}:{row['id']}:{name}".encode()))
            out = make(src, ref, rng, urls) if name == "URL changed" else make(src, ref, rng)
            if out is not None:
                yield name, lang, *out


def _joined(segments: Iterator[dict[str, Any]], join: int) -> Iterator[dict[str, Any]]:
    """Runs of ``join`` consecutive segments of one document (language pair and block of 50 lines)
    as one record: sources joined with a space (none for Chinese and Japanese), references with one."""
    if join <= 1:
        yield from segments
        return
    run: list[dict[str, Any]] = []
    for row in [*segments, None]:
        if run and (row is None or len(run) == join or key("wmt23_xxen", row) != key("wmt23_xxen", run[0])):
            if len(run) == join:
                sep = "" if run[0]["lp"][:2] in {"ja", "zh"} else " "
                yield {
                    "id": run[0]["id"], "lp": run[0]["lp"],
                    "src": sep.join(r["src"].strip() for r in run),
                    "refs": {"ref": " ".join(next(iter(r["refs"].values())).strip() for r in run)},
                }  # fmt: skip
            run = []
        if row is not None:
            run.append(row)


def _show(what: str, found: list[tuple[str, str]], src: str, tgt: str) -> None:
    print(f"--- {what} found {found}\n  SRC {src[:300]}\n  TGT {tgt[:300]}")


def run(
    dev: Path,
    half: str,
    limit: int | None,
    show: set[str],
    with_peers: bool = True,
    with_auroc: bool = True,
    seed: int = SEED,
    join: int = 1,
) -> dict[str, dict[str, str]]:
    checker = Checker(Config(select=("AC",)))
    peers: dict[str, Callable[[str, str, str], int] | None] = {"cleanup (AC)": None}
    peers["top-n-gram-count baseline"] = top_ngram_flags
    rankers = {"top-n-gram-count baseline": top_ngram_rank}  # a peer's AUROC score: else its rejections
    if with_peers:
        peers |= {
            "bicleaner-hardrules": bicleaner_peer(),
            "bicleaner-hardrules + number and script rules": bicleaner_peer(number_and_script=True),
            "OpusFilter, model-free": opusfilter_peer(),
        }
    peers = {k: v for k, v in peers.items() if k == "cleanup (AC)" or v is not None}
    urls = sorted(
        {
            link["href"]
            for r in rows("news_html_links", "all", dev)
            for link in r["links"]
            if link["href"].startswith("http")
        }
    )
    hits: dict[str, Counter[str]] = defaultdict(Counter)
    totals: Counter[str] = Counter()
    by_rule: Counter[str] = Counter()
    by_lang: dict[str, Counter[str]] = defaultdict(Counter)
    for kind, lang, src, tgt, a, b in damaged(dev, half, limit, urls, seed, join):
        totals[kind] += 1
        found = checker.check(tgt, source=src, source_lang=lang)
        serious = [f for f in found if f.severity is not Severity.INFO]
        if kind == "undamaged":
            hits["cleanup (AC)"][kind] += bool(serious)
            by_lang[lang]["references"] += 0
            by_rule.update({f.rule for f in serious})
            by_lang[lang].update({f.rule for f in serious} | {"references"})
            if serious and ("undamaged" in show or "all" in show):
                _show(f"undamaged: {lang}", [(f.rule, tgt[f.start : f.end][:80]) for f in serious], src, tgt)
        else:
            ok = any(_overlaps(f.start, f.end, a, b) for f in serious)
            hits["cleanup (AC)"][kind] += ok
            if not ok and (kind in show or "all" in show):
                _show(
                    f"{kind}: {lang} span {tgt[a:b]!r}",
                    [(f.rule, tgt[f.start : f.end][:40]) for f in serious],
                    src,
                    tgt,
                )
        for name, peer in peers.items():
            if peer is not None:
                hits[name][kind] += peer(src, tgt, lang) > 0
    # hallucination labels
    auroc: dict[str, dict[str, float]] = {}
    records = list(rows("hallucinations_deen", half, dev)) if with_auroc else []  # type: ignore[arg-type]
    labels = sorted({k for r in records for k in r["labels"]}) or ["repetitions"]
    scores: dict[str, list[float]] = defaultdict(list)
    for r in records:
        scores["cleanup (AC)"].append(cleanup.score(r["mt"], source=r["src"], source_lang="de"))
        for name, peer in peers.items():
            if peer is not None:
                scores[name].append(float(rankers.get(name, peer)(r["src"], r["mt"], "de")))
    for name in peers:
        auroc[name] = {lab: _auroc(scores[name], [r["labels"][lab] > 0 for r in records]) for lab in labels if records}
        auroc[name] = auroc[name] or {"repetitions": float("nan")}
    table: dict[str, dict[str, str]] = {}
    for name in peers:
        row = {k: f"{100 * hits[name][k] / totals[k]:.0f}%" for k in DAMAGES if totals[k]}
        row["undamaged flagged"] = f"{100 * hits[name]['undamaged'] / totals['undamaged']:.1f}%"
        mean = sum(auroc[name].values()) / len(labels)
        row["AUROC mean (repetitions)"] = f"{mean:.2f} ({auroc[name]['repetitions']:.2f})"
        table[name] = row
    counts = ", ".join(f"{k} {totals[k]}" for k in DAMAGES)
    print(
        f"\n## {half} half: {totals['undamaged']} references; damaged: {counts}; {len(records)} hallucination records"
    )
    cols = list(next(iter(table.values())))
    print("| tool | " + " | ".join(cols) + " |")
    print("|---" * (len(cols) + 1) + "|")
    for name, row in table.items():
        print(f"| {name} | " + " | ".join(row[c] for c in cols) + " |")
    print("AUROC per label (cleanup):", {k: round(v, 3) for k, v in auroc["cleanup (AC)"].items()})
    print("undamaged references flagged, by rule:", dict(by_rule.most_common()))
    print(
        "  by source language (references: all undamaged):",
        {k: dict(v.most_common()) for k, v in sorted(by_lang.items())},
    )
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=DEV)
    parser.add_argument("--half", choices=("tune", "check", "both"), default="both")
    parser.add_argument("--limit", type=int, default=None, help="rows of wmt23_xxen per half (default all)")
    parser.add_argument(
        "--show", default="", help="print misses of damage types (comma-separated), 'undamaged' false alarms, or 'all'"
    )
    parser.add_argument(
        "--no-peers",
        action="store_true",
        help="leave out the installed peers (slow); the top-n-gram baseline still runs",
    )
    parser.add_argument("--no-auroc", action="store_true", help="skip the hallucination AUROC")
    parser.add_argument(
        "--join", type=int, default=1, help="join N consecutive segments of a document into one record (default 1)"
    )
    parser.add_argument(
        "--seed", type=int, default=SEED, help=f"seed of the damages (default {SEED}; others give other cases)"
    )
    args = parser.parse_args()
    show = {s.strip() for s in args.show.split(",") if s.strip()}
    for half in ("tune", "check") if args.half == "both" else (args.half,):
        run(args.dev, half, args.limit, show, not args.no_peers, not args.no_auroc, args.seed, args.join)


if __name__ == "__main__":
    main()

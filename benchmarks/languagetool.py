"""LanguageTool: startup, throughput, memory, and what it finds on real text.

    python benchmarks/languagetool.py [--dev ../shared/dev] [--wmt-rows 300] [--restart]
    python benchmarks/languagetool.py --calibrate [--wmt-rows 600]

Needs the server (`bash scripts/languagetool.sh`). Reports: startup time (with --restart),
sentences per second with and without LanguageTool on clean news, the JVM's resident memory,
which LanguageTool rules fire on clean news (warnings per 1,000 sentences before and after the
default noise filter in rules/data/languagetool.toml), and LanguageTool's hits on the Fluency
error spans that raters marked in WMT zh→en machine translation.

``--calibrate`` regenerates ``rules/data/languagetool_precision.toml`` instead: for every
LanguageTool rule (the noise filter off), how many of its matches fall on a span that raters marked
in the tune half of ``wmt_mqm_zhen`` or on words that a corrector changed in the tune half of
``jfleg`` (learner English; its precision, pooled over both) and how often it fires on the tune
half of the clean news. ``[tool.cleanup.languagetool] min-precision`` turns off the rules below a floor:
a rule's share of matches on a span is drawn toward its category's by three matches' worth, and a rule
is off when both are below the floor; a rule the table never measured is off when its category's
pooled share is below it (``cleanup.languagetool.backend.below_precision``, ``unmeasured_below``).
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import random
import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import devsplit

from cleanup import Checker, Config, Document, Finding, Severity
from cleanup.datafiles import load_toml
from cleanup.languagetool import MIN_PRECISION, backend_from_config, server
from cleanup.languagetool import backend as backend_module
from cleanup.languagetool.backend import UNPROVEN_DENSITY, LanguageToolBackend

HERE = Path(__file__).resolve().parent
TABLE = HERE.parent / "rules" / "data" / "languagetool_precision.toml"
SEGMENTS_PER_REQUEST = 60  # MQM segments joined into one document: one request to the shared server


def rows(path: Path, sample: int | None = None) -> list[dict[str, object]]:
    """The file's records, or ``sample`` of them spread evenly over it (every system, many documents)."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if sample and sample < len(lines):
        lines = lines[:: len(lines) // sample][:sample]
    return [json.loads(line) for line in lines]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dev", type=Path, default=HERE.parent.parent / "shared" / "dev")
    ap.add_argument("--wmt-rows", type=int, default=300)
    ap.add_argument("--restart", action="store_true", help="stop and start the server to time its startup")
    ap.add_argument("--calibrate", action="store_true", help=f"regenerate {TABLE.relative_to(HERE.parent)}")
    ap.add_argument("--cross-validate", action="store_true", help="JFLEG flag rates on learner sentences held out")
    ap.add_argument("--seeds", type=int, default=10, help="random splits for --cross-validate")
    ap.add_argument("--min-precision", type=float, default=MIN_PRECISION, help="the floor for --cross-validate")
    ap.add_argument("--unproven-density", type=float, default=UNPROVEN_DENSITY, help="for --cross-validate; 0: off")
    args = ap.parse_args()
    if args.calibrate:
        calibrate(args.dev, args.wmt_rows)
        return
    if args.cross_validate:
        cross_validate(args.dev, args.wmt_rows, args.seeds, args.min_precision, args.unproven_density)
        return

    if args.restart:
        server.stop()
        t0 = time.perf_counter()
        server.start()
        answered = time.perf_counter() - t0
        started = server.running()
        assert started is not None
        LanguageToolBackend(started.url).check(Document("The rules load on the first check."))
        print(f"startup: {answered:.1f} s until /v2/languages answers, {time.perf_counter() - t0:.1f} s "
              f"until the first check returns; JVM resident memory then: {rss_mb(started.pid):.0f} MB")  # fmt: skip
    info = server.running()
    assert info is not None, "start the server first: bash scripts/languagetool.sh"

    news = [str(r["text"]) for r in rows(args.dev / "clean_news.jsonl")]
    sentences = sum(len(Document(t).sentences) for t in news)
    plain = Checker(Config())
    with_lt = Checker(Config(use_languagetool=True, languagetool={"url": info.url, "required": True}))
    with_lt.check("Warm up the server.")
    for name, checker in (("built-in rules", plain), ("with LanguageTool", with_lt)):
        t0 = time.perf_counter()
        for t in news:
            checker.check(t)
        dt = time.perf_counter() - t0
        print(f"{name}: {sentences / dt:,.0f} sentences/s ({sentences} sentences, {dt:.2f} s)")
    print(f"JVM resident memory after the run: {rss_mb(info.pid):.0f} MB")

    def warnings_by_rule(backend: LanguageToolBackend) -> Counter[str]:
        return Counter(f.name for t in news for f in backend.check(Document(t)) if f.severity is not Severity.INFO)

    filtered = backend_from_config(Config(use_languagetool=True, languagetool={"url": info.url, "required": True}))
    assert isinstance(filtered, LanguageToolBackend)
    fired = warnings_by_rule(LanguageToolBackend(info.url))  # no noise filter
    kept = warnings_by_rule(filtered)
    before, after = sum(fired.values()), sum(kept.values())
    print(f"clean news, LanguageTool warnings per 1,000 sentences: {1000 * before / sentences:.1f} before the "
          f"noise filter ({before}), {1000 * after / sentences:.1f} after ({after})")  # fmt: skip
    for rule, n in fired.most_common(30):
        print(f"  {rule:40} {n:4}{'' if rule in kept else '  (filtered)'}")

    wmt = rows(args.dev / "wmt_mqm_zhen.jsonl", args.wmt_rows)
    for label, backend in (("no filter", LanguageToolBackend(info.url)), ("noise filter", filtered)):
        hit = spans = warnings = on_span = 0
        categories: Counter[str] = Counter()
        for r in wmt:
            mt = str(r["mt"])
            marked = r.get("errors")
            errors = (
                [e for e in marked if isinstance(e, dict) and e.get("side") == "target"]
                if isinstance(marked, list)
                else []
            )
            fluency = [e for e in errors if str(e.get("category", "")).startswith("Fluency")]
            found = [f for f in backend.check(Document(mt)) if f.severity is not Severity.INFO]
            spans += len(fluency)
            for e in fluency:
                if any(f.start < int(e["end"]) and int(e["start"]) < f.end for f in found):
                    hit += 1
                    categories[str(e["category"])] += 1
            warnings += len(found)
            on_span += sum(1 for f in found if any(f.start < int(e["end"]) and int(e["start"]) < f.end for e in errors))
        share = 100 * hit / max(1, spans)
        print(f"wmt zh→en, {len(wmt)} rows, {label}: {hit}/{spans} Fluency spans hit ({share:.1f}%); "
              f"{on_span}/{warnings} warnings on a rater-marked span")  # fmt: skip
        for cat, n in categories.most_common():
            print(f"  {cat:35} {n}")


def _spread(items: list[dict[str, object]], n: int) -> list[dict[str, object]]:
    return items[:: max(1, len(items) // n)][:n] if n < len(items) else items


Match = tuple[dict[str, Any], int, int]  # a raw LanguageTool match and its span in its own text


def _raw_matches(backend: LanguageToolBackend, texts: list[str]) -> list[list[Match]]:
    """Every raw match per text, with its span in that text; texts go out joined as paragraphs."""
    out: list[list[Match]] = []
    for i in range(0, len(texts), SEGMENTS_PER_REQUEST):
        chunk = [t.replace("\n", " ") for t in texts[i : i + SEGMENTS_PER_REQUEST]]
        starts, pos = [], 0
        for t in chunk:
            starts.append(pos)
            pos += len(t) + 2
        joined = "\n\n".join(chunk)
        per: list[list[Match]] = [[] for _ in chunk]
        for m in backend._matches(joined):
            begin, end = int(m["offset"]), int(m["offset"]) + int(m["length"])
            k = max(j for j, s in enumerate(starts) if s <= begin)
            if end > starts[k] + len(chunk[k]):
                continue
            per[k].append((m, begin - starts[k], end - starts[k]))
        out.extend(per)
    return out


def _rule(m: dict[str, Any]) -> tuple[str, str]:
    """A match's rule id and category."""
    rule = m.get("rule") or {}
    return str(rule.get("id", "")), str((rule.get("category") or {}).get("id", ""))


_TOKEN = re.compile(r"\w+|[^\w\s]")


def changed_spans(source: str, corrections: list[str], agree: int = 3) -> list[tuple[int, int]]:
    """Character spans of ``source`` that at least ``agree`` of the corrections change: replaced or
    deleted tokens, and the tokens on both sides of an insertion.

    >>> changed_spans("He go home", ["He goes home", "He went home", "He goes home"])
    [(3, 5)]
    >>> changed_spans("Also he went", ["Also, he went", "Also he went", "Also he went"])
    []
    """
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(source)]
    words = [source[a:b] for a, b in tokens]
    votes: Counter[tuple[int, int]] = Counter()
    for correction in corrections:
        spans: set[tuple[int, int]] = set()
        opcodes = difflib.SequenceMatcher(None, words, _TOKEN.findall(correction), autojunk=False).get_opcodes()
        for tag, i1, i2, _, _ in opcodes:
            if tag in ("replace", "delete"):
                spans.update(tokens[i1:i2])
            elif tag == "insert":
                spans.update(tokens[max(0, i1 - 1) : i1 + 1])
        votes.update(spans)
    return sorted(span for span, n in votes.items() if n >= agree)


@dataclass(frozen=True, slots=True)
class Learner:
    """One JFLEG sentence: its corrections, and the raw matches on it and on its first correction."""

    source: str
    refs: list[str]
    on_source: list[Match]
    on_fluent: list[Match]


@dataclass(frozen=True, slots=True)
class Measured:
    """Raw matches on the tune half: rater-marked MT segments, learner sentences, clean news."""

    mqm: list[tuple[dict[str, Any], list[Match]]]
    learners: list[Learner]
    news: list[tuple[str, list[tuple[str, list[Match]]]]]  # each article, its paragraphs and their matches
    news_sentences: int

    def clean(self, articles: list[int] | None = None) -> Counter[str]:
        """Matches per rule in the clean news (the given articles, or all)."""
        chosen = range(len(self.news)) if articles is None else articles
        return Counter(_rule(m)[0] for a in chosen for _, found in self.news[a][1] for m, _, _ in found)


def measure(dev: Path, wmt_rows: int) -> Measured:
    """Every LanguageTool rule's raw matches (the noise filter off) on the tune half."""
    info = server.running()
    url = os.environ.get("CLEANUP_LANGUAGETOOL_URL") or (info.url if info else None)
    assert url, "start the server first (bash scripts/languagetool.sh) or set CLEANUP_LANGUAGETOOL_URL"
    backend = LanguageToolBackend(url)  # no noise filter: every rule is measured
    wmt = _spread(list(devsplit.rows("wmt_mqm_zhen", "tune", dev)), wmt_rows)
    documents: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in wmt:  # one system's translation of one document: its segments in order, as paragraphs
        documents.setdefault((str(r["system"]), str(r["doc"])), []).append(r)
    mqm = [
        (row, found)
        for segments in documents.values()
        for row, found in zip(segments, _raw_matches(backend, [str(r["mt"]) for r in segments]), strict=True)
    ]
    rows_ = list(devsplit.rows("jfleg", "tune", dev))
    sources = [str(r["source"]) for r in rows_]
    refs = [[str(c) for c in r["refs"]] for r in rows_]
    learners = [
        Learner(source, corrections, on_source, on_fluent)
        for source, corrections, on_source, on_fluent in zip(
            sources, refs, _raw_matches(backend, sources), _raw_matches(backend, [c[0] for c in refs]), strict=True
        )
    ]
    news = [str(r["text"]) for r in devsplit.rows("clean_news", "tune", dev)]
    paragraphs = [p for text in news for p in text.split("\n") if p.strip()]
    found = iter(_raw_matches(backend, paragraphs))
    articles = [(text, [(p, next(found)) for p in text.split("\n") if p.strip()]) for text in news]
    return Measured(mqm, learners, articles, sum(len(Document(t).sentences) for t in news))


def table(measured: Measured, learners: list[Learner], articles: list[int] | None = None) -> list[dict[str, Any]]:
    """The precision table's rows from the MQM segments, the given learner sentences and the clean news.

    A match on a learner sentence is on a span when three of its four corrections change those words;
    a match on its first correction counts against the rule.
    """
    fires: Counter[tuple[str, str]] = Counter()
    on_span: Counter[tuple[str, str]] = Counter()
    for segment, found in measured.mqm:
        errors = [e for e in segment["errors"] if isinstance(e, dict) and e["side"] == "target"]
        for m, start, end in found:
            fires[_rule(m)] += 1
            on_span[_rule(m)] += any(int(e["start"]) < max(end, start + 1) and start < int(e["end"]) for e in errors)
    learner_fires: Counter[tuple[str, str]] = Counter()
    learner_on_span: Counter[tuple[str, str]] = Counter()
    for sentence in learners:
        changed = changed_spans(sentence.source, sentence.refs)
        for m, start, end in sentence.on_source:
            learner_fires[_rule(m)] += 1
            learner_on_span[_rule(m)] += any(a < max(end, start + 1) and start < b for a, b in changed)
        learner_fires.update(_rule(m) for m, _, _ in sentence.on_fluent)  # a fluent correction: off every span
    clean = measured.clean(articles)
    ids = sorted({r for r, _ in fires} | {r for r, _ in learner_fires} | set(clean))
    category_of = {r: c for r, c in (*learner_fires, *fires)}

    def total(counter: Counter[tuple[str, str]], rule_id: str) -> int:
        return sum(v for (r, _), v in counter.items() if r == rule_id)

    out: list[dict[str, Any]] = []
    for rule_id in ids:
        mt, mt_hit = total(fires, rule_id), total(on_span, rule_id)
        learner, learner_hit = total(learner_fires, rule_id), total(learner_on_span, rule_id)
        n, hit = mt + learner, mt_hit + learner_hit
        row: dict[str, Any] = {"id": rule_id}
        if rule_id in category_of:
            row["category"] = category_of[rule_id]
        row |= {"mt_matches": mt, "mt_on_span": mt_hit, "learner_matches": learner, "learner_on_span": learner_hit,
                "matches": n, "on_span": hit, "precision": round(hit / n, 3) if n else 0.0,
                "clean_news": clean[rule_id]}  # fmt: skip
        out.append(row)
    return out


def calibrate(dev: Path, wmt_rows: int) -> None:
    """Measure every LanguageTool rule on the tune half and write the precision table."""
    measured = measure(dev, wmt_rows)
    rows_ = table(measured, measured.learners)
    segments, learners, sentences = len(measured.mqm), len(measured.learners), measured.news_sentences
    lines = [
        "# LanguageTool rules measured on dev data. Generated by `python benchmarks/languagetool.py --calibrate`;",
        "# do not edit by hand. `mt_matches`: matches in machine-translated WMT zh→en segments (tune half,",
        f"# {segments} segments), `mt_on_span`: those on a span that raters marked; `learner_matches`: matches",
        f"# in learner English and in its first fluent correction (JFLEG tune half, {learners} sentences each),",
        "# `learner_on_span`: those on learner words that three of the four corrections change; `clean_news`:",
        f"# matches in professionally edited news (tune half, {sentences} sentences). `matches` = mt_matches +",
        "# learner_matches, `on_span` = mt_on_span + learner_on_span, `precision` = on_span / matches.",
        "# [tool.cleanup.languagetool] min-precision = 0.6 turns off every rule measured (>= 3 matches, or",
        "# firing on clean news) below the floor.",
        "",
    ]
    for row in rows_:
        lines.append("[[rule]]")
        for key, value in row.items():
            lines.append(f'{key} = "{value}"' if isinstance(value, str) else
                         f"{key} = {value:.3f}" if key == "precision" else f"{key} = {value}")  # fmt: skip
        lines.append("")
    TABLE.write_text("\n".join(lines), encoding="utf-8")
    print(
        f"wrote {TABLE}: {len(rows_)} rules; {len(measured.mqm)} MQM segments, {len(measured.learners)} learner "
        f"sentences, {measured.news_sentences} clean-news sentences"
    )
    by_category: Counter[str] = Counter()
    hit_category: Counter[str] = Counter()
    mt_rows = sorted(rows_, key=lambda r: -int(r["mt_matches"]))
    for r in rows_:
        by_category[str(r.get("category", ""))] += int(r["mt_matches"])
        hit_category[str(r.get("category", ""))] += int(r["mt_on_span"])
    for c, v in by_category.most_common():
        if v:
            print(f"  {c:24} {v:5} matches, precision {hit_category[c] / v:.2f}")
    for r in mt_rows[:40]:
        if r["mt_matches"]:
            print(f"  {r['id']:40} {r['mt_matches']:5} precision {r['mt_on_span'] / r['mt_matches']:.2f}  "
                  f"clean {r['clean_news']}")  # fmt: skip
    load_toml.cache_clear()  # the table just written
    floor = MIN_PRECISION
    print(f"at the default floor {floor}: categories whose unmeasured rules are muted: "
          + ", ".join(f"{c} {p:.2f}" for c, p in sorted(backend_module.category_precision().items())
                      if p < floor))  # fmt: skip
    print("rules muted (their share on a span and that share drawn toward their category's both below): "
          + ", ".join(sorted(backend_module.below_precision(floor))))  # fmt: skip


def held_out_filter(
    rows_: list[dict[str, Any]], floor: float, url: str, density: float = UNPROVEN_DENSITY
) -> LanguageToolBackend:
    """The noise filter as ``backend_from_config`` builds it, from a table measured on part of the data."""
    backend = LanguageToolBackend(
        url,
        disabled_rules=(*backend_module.default_disabled_rules(), *backend_module.below_precision(floor, rows_)),
        disabled_categories=backend_module.default_disabled_categories(),
        unmeasured_off=backend_module.unmeasured_below(floor, rows_),
    )
    backend.measured = backend_module.measured_rules(rows_)
    backend.unproven_density = density
    return backend


def _lt_warnings(backend: LanguageToolBackend, text: str, found: list[Match]) -> list[Finding]:
    """The warnings the filter makes of raw matches in ``text`` (the server-side part included)."""
    doc = Document(text)
    out = []
    for m, start, end in found:
        rule_id, category = _rule(m)
        if rule_id in backend.disabled_rules or category in backend.disabled_categories:
            continue
        finding = backend_module._finding(m, start, end)
        if backend.keeps(m, doc, start, end) and finding.severity is not Severity.INFO:
            out.append(finding)
    return out


def _flagged(backend: LanguageToolBackend, texts: list[str], found: list[list[Match]]) -> list[bool]:
    """Whether each text gets a LanguageTool warning when the texts go out 50 to a document, as
    ``mt_quality.py`` sends them (the density test for unmeasured rules counts the whole document)."""
    out: list[bool] = []
    for i in range(0, len(texts), 50):
        per = [_lt_warnings(backend, t, f) for t, f in zip(texts[i : i + 50], found[i : i + 50], strict=True)]
        sentences = len(Document("\n\n".join(texts[i : i + 50])).sentences)
        kept = {id(f) for f in backend_module.without_unproven(
            [f for fs in per for f in fs], sentences, backend.measured, density=backend.unproven_density
        )}  # fmt: skip
        out.extend(any(id(f) in kept for f in fs) for fs in per)
    return out


def cross_validate(dev: Path, wmt_rows: int, seeds: int, floor: float, density: float) -> None:
    """The JFLEG flag rates on learner sentences the calibration never saw: the tune half's learner
    sentences split in two at random, the table measured on one part (with all the MQM segments),
    the rates taken on the other; averaged over both parts and ``seeds`` splits. Against the rates
    on the sentences calibrated on, it says how far the precision table is fitted to its own data.
    The same for LanguageTool's warnings on clean news, its articles split in two (the table's
    ``clean_news`` counts from one part); there only LanguageTool's own warnings count.
    """
    measured = measure(dev, wmt_rows)
    url = os.environ.get("CLEANUP_LANGUAGETOOL_URL") or server.running().url  # type: ignore[union-attr]
    checker = Checker(Config())
    learners = measured.learners
    sources, fluent = [x.source for x in learners], [x.refs[0] for x in learners]
    builtin = [(bool(_warnings(checker, x.source)), bool(_warnings(checker, x.refs[0]))) for x in learners]
    results: dict[str, list[tuple[float, float]]] = {"calibrated on": [], "held out": []}
    for seed in range(seeds):
        order = list(range(len(learners)))
        random.Random(seed).shuffle(order)
        half = len(order) // 2
        for fit, held in ((order[:half], order[half:]), (order[half:], order[:half])):
            lt = held_out_filter(table(measured, [learners[i] for i in fit]), floor, url, density)
            garbled = _flagged(lt, sources, [x.on_source for x in learners])
            flagged = _flagged(lt, fluent, [x.on_fluent for x in learners])
            for name, part in (("calibrated on", fit), ("held out", held)):
                g = sum(builtin[i][0] or garbled[i] for i in part)
                f = sum(builtin[i][1] or flagged[i] for i in part)
                results[name].append((100 * g / len(part), 100 * f / len(part)))
    print(f"JFLEG tune half, cleanup + LanguageTool at min-precision {floor}, unmeasured rules' density test "
          f"{density}, {seeds} random splits in two:")  # fmt: skip
    for name, rates in results.items():
        garbled_rate = sum(r[0] for r in rates) / len(rates)
        fluent_rate = sum(r[1] for r in rates) / len(rates)
        print(f"  {name:14} garbled flagged {garbled_rate:5.1f}%, fluent {fluent_rate:5.1f}%")
    per_1000: dict[str, list[float]] = {"calibrated on": [], "held out": []}
    for seed in range(seeds):
        order = list(range(len(measured.news)))
        random.Random(seed).shuffle(order)
        half = len(order) // 2
        for fit, held in ((order[:half], order[half:]), (order[half:], order[:half])):
            lt = held_out_filter(table(measured, learners, fit), floor, url, density)
            for name, part in (("calibrated on", fit), ("held out", held)):
                warnings = sentences = 0
                for a in part:
                    text, paragraphs = measured.news[a]
                    n = len(Document(text).sentences)
                    found = [f for p, matches in paragraphs for f in _lt_warnings(lt, p, matches)]
                    warnings += len(backend_module.without_unproven(found, n, lt.measured, density=lt.unproven_density))
                    sentences += n
                per_1000[name].append(1000 * warnings / max(1, sentences))
    print("clean news, tune half, split by article the same way: LanguageTool warnings per 1,000 sentences")
    for name, shares in per_1000.items():
        print(f"  {name:14} {sum(shares) / len(shares):6.2f}")


def _warnings(checker: Checker, text: str) -> list[object]:
    return [f for f in checker.check(text) if f.severity is not Severity.INFO]


if __name__ == "__main__":
    main()

"""Measure the links and quotes families: false alarms on clean news, recall on corruptions.

    python benchmarks/links_quotes.py [CLEAN_NEWS.jsonl] [NEWS_HTML_LINKS.jsonl] [--show]

(a) Warnings (and errors) per 1,000 sentences of LK* and QT* on professionally edited news.
(b) Recall per corruption type, built (seeded, deterministic) from the real link positions:
    cap_link       capitalise a link's first word in the middle of a sentence
    link_fragment  move a link's text out of its sentence, after it, as a lowercase fragment
    drop_open      drop the opening mark of a quotation
    drop_close     drop the closing mark of a quotation (not at a paragraph end whose next
                   paragraph opens with a mark: news style allows that, so it is undetectable)
    glue_close     glue a closing mark to the next word (found by SP002 in the spacing family)
    glue_open      glue an opening mark to the word before it
A corruption counts as found when a finding of the family overlaps the corrupted span.
(c) The same articles as Markdown, links written ``[anchor](url)``: LK001 warnings on them as they
    are, and recall when the first word of a multi-word anchor in mid-sentence is capitalised
    (the markup is evidence there).
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

import regex

from cleanup.checker import Checker
from cleanup.document import Document
from cleanup.model import Config, Severity

HERE = Path(__file__).resolve().parent
DEV = HERE.parent.parent / "shared" / "dev"
SEED = 20240611
PER_DOC = 6  # corruptions per type and document, at most
FAMILIES = ("LK", "QT")


def _rows(path: Path) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def clean_news(path: Path, show: bool) -> None:
    checker = Checker(Config(select=FAMILIES))
    sentences = warnings = chars = 0
    per_rule: Counter[str] = Counter()
    elapsed = 0.0
    for row in _rows(path):
        text = str(row["text"])
        doc = Document(text)
        sentences += len(doc.sentences)
        chars += len(text)
        t0 = time.perf_counter()
        found = checker.check_document(doc)
        elapsed += time.perf_counter() - t0
        for f in found:
            if f.severity is Severity.INFO:
                continue
            warnings += 1
            per_rule[f.rule] += 1
            if show:
                print(f"  {f.rule} …{text[max(0, f.start - 60) : f.start]!r} >>{text[f.start : f.end]!r}<<")
    rate = 1000 * warnings / max(sentences, 1)
    print(f"clean news: {warnings} warnings in {sentences} sentences = {rate:.2f} per 1,000 {dict(per_rule)}")
    print(f"time (LK+QT, documents pre-parsed excluded): {elapsed / (chars / 1e6):.3f} s per MB")


_SENTENCE_END = regex.compile(r"[.!?][”\"]?(?=\s|$)")
_QUOTE = regex.compile(r"“[^“”\n]{3,300}”")


Cases = dict[str, list[tuple[str, int, int]]]


def _corruptions(text: str, links: list[dict[str, object]], rng: random.Random) -> Cases:
    """For each type, a list of (corrupted text, span start, span end)."""
    out: dict[str, list[tuple[str, int, int]]] = {}
    for link in rng.sample(links, len(links)):
        start, end = int(link["start"]), int(link["end"])  # type: ignore[call-overload]
        anchor = text[start:end]
        before = text[:start].rstrip()
        mid = bool(before) and before[-1] not in ".!?:“\"‘'(—–\n" and text[start - 1 : start] == " "
        if mid and anchor[:1].islower() and anchor[:1].isalpha() and len(out.get("cap_link", [])) < PER_DOC:
            capitalised = text[:start] + anchor[0].upper() + text[start + 1 :]
            out.setdefault("cap_link", []).append((capitalised, start, start + 1))
        nxt = _SENTENCE_END.search(text, end)
        if (mid and anchor[:1].islower() and " " in anchor and nxt and "\n" not in text[end : nxt.end()]
                and text[nxt.start()] == "." and len(out.get("link_fragment", [])) < PER_DOC):  # fmt: skip
            sentence_end = nxt.end()
            glue = text[start - 1 : start]
            moved = text[: start - 1] + text[end:sentence_end] + " " + anchor.rstrip(".") + "."
            at = len(text[: start - 1] + text[end:sentence_end]) + 1
            if glue == " " and text[end : end + 1] in " ,.;":
                out.setdefault("link_fragment", []).append((moved + text[sentence_end:], at, at + len(anchor)))
    quotes = list(_QUOTE.finditer(text))
    for m in rng.sample(quotes, len(quotes))[:PER_DOC]:
        a, b = m.start(), m.end() - 1
        out.setdefault("drop_open", []).append((text[:a] + text[a + 1 :], a, b))
        para_end = text.find("\n", b)
        next_opens = para_end >= 0 and text[para_end:].lstrip()[:1] == "“"
        if not (next_opens and "“" not in text[b:para_end]):
            out.setdefault("drop_close", []).append((text[:b] + text[b + 1 :], a, b))
        if text[b + 1 : b + 2] == " " and text[b + 2 : b + 3].isalpha():
            out.setdefault("glue_close", []).append((text[: b + 1] + text[b + 2 :], b, b + 1))
        if text[a - 1 : a] == " " and text[a - 2 : a - 1].isalpha():
            out.setdefault("glue_open", []).append((text[: a - 1] + text[a:], a - 2, a))
    return out


def recall(path: Path) -> None:
    rng = random.Random(SEED)
    families = {
        "cap_link": ("LK",), "link_fragment": ("LK",), "drop_open": ("QT",), "drop_close": ("QT",),
        "glue_close": ("QT", "SP002"), "glue_open": ("QT",),
    }  # fmt: skip
    checkers = {sel: Checker(Config(select=sel)) for sel in set(families.values())}
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    for row in _rows(path):
        text = str(row["text"])
        links = list(row.get("links") or [])  # type: ignore[call-overload]
        for kind, cases in sorted(_corruptions(text, links, rng).items()):
            for corrupted, a, b in cases:
                totals[kind] += 1
                found = checkers[families[kind]].check(corrupted)
                if any(f.start <= max(b, a + 1) and f.end >= a for f in found):
                    hits[kind] += 1
    for kind in families:
        n = totals[kind]
        share = 100 * hits[kind] / max(n, 1)
        print(f"recall {kind:14} {hits[kind]:4}/{n:<4} = {share:5.1f}%  ({'+'.join(families[kind])})")


def _markdown(text: str, links: list[dict[str, object]], capitalise: int | None = None) -> tuple[str, int]:
    """The article as Markdown; returns the text and where the anchor of link ``capitalise`` starts."""
    out: list[str] = []
    last = at = 0
    for i, link in enumerate(sorted(links, key=lambda k: int(str(k["start"])))):
        start, end = int(str(link["start"])), int(str(link["end"]))
        if start < last:
            continue
        anchor = text[start:end]
        if i == capitalise:
            anchor = anchor[:1].upper() + anchor[1:]
            at = len("".join(out)) + len(text[last:start]) + 1
        out += [text[last:start], f"[{anchor}](https://example.org/{i})"]
        last = end
    out.append(text[last:])
    return "".join(out), at


def markdown_links(path: Path) -> None:
    checker = Checker(Config(select=("LK001",)))
    warnings = sentences = hits = total = 0
    for row in _rows(path):
        text = str(row["text"])
        links = sorted(row.get("links") or [], key=lambda k: int(k["start"]))  # type: ignore[call-overload]
        md, _ = _markdown(text, links)
        sentences += len(Document(md, markup="markdown").sentences)
        warnings += len(checker.check(md, markup="markdown"))
        for i, link in enumerate(links):
            anchor, before = text[link["start"] : link["end"]], text[: link["start"]].rstrip()
            if anchor[:1].islower() and " " in anchor and before and (before[-1].isalpha() or before[-1] == ","):
                total += 1
                corrupted, at = _markdown(text, links, capitalise=i)
                hits += any(f.start == at for f in checker.check(corrupted, markup="markdown"))
    print(f"markdown: {warnings} LK001 warnings in {sentences} sentences of the articles as they are")
    print(f"recall cap_link in Markdown (multi-word anchors) {hits}/{total} = {100 * hits / max(total, 1):.1f}%")


def main(argv: list[str]) -> int:
    show = "--show" in argv
    args = [a for a in argv if a != "--show"]
    clean = Path(args[0]) if args else DEV / "clean_news.jsonl"
    linked = Path(args[1]) if len(args) > 1 else DEV / "news_html_links.jsonl"
    clean_news(clean, show)
    recall(linked)
    markdown_links(linked)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

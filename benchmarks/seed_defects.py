"""The seed article's defects rebuilt on articles the rules never saw: found and restored per kind.

    python benchmarks/seed_defects.py [--half tune|check|both] [--format text|markdown|both] [--show KIND]
        [--per-doc N] [--seed S] [--kind KIND] [--source news|wmt]

Each article of ``news_html_links.jsonl`` (the same bodies as ``clean_news.jsonl``) is damaged
with a fixed seed, at most ``PER_DOC`` times per kind, one defect per damaged copy. ``--per-doc``
damages more positions per article (``0``: every one the kind finds) and ``--seed`` draws others:
more cases to study on the tune half than the default's few dozen (the default numbers are the
ones reported). ``--source wmt`` damages other articles instead: the professional English
references of ``wmt23_xxen.jsonl``, each block of 50 lines of one language pair (the split's
document key) joined as paragraphs, without links (for ``lower_name``, ``two_names``, ``dangling``
and ``cap_word``; more documents to study, and their undamaged warnings).

    cap_link     capital at the start of a link's text in the middle of a sentence (real link positions)
    lower_name   a name the article capitalises elsewhere written in lower case (one word or a run)
    two_names    one occurrence of a name spelled another way: a transliteration variant
                 (ey/ei, y/yy, ks/x, kh/h, a doubled or undoubled letter) or one letter changed or dropped
    dangling     a word or two (a function word, or words of the paragraph) after the end of a sentence,
                 at the end of a paragraph or between two sentences
    boilerplate  a syndication or page-furniture line at the start, the end or between paragraphs
    cap_word     (only with ``--kind cap_word``) a capital at the start of any lower-case word of three
                 letters or more in the middle of a sentence: link text may start anywhere, so this
                 tests the grammar evidence on many more positions than the articles' few links

``found``: a finding of the kind's rules overlaps the damaged span. ``restored``: ``fix
--unsafe-fixes`` turns the damaged article into exactly what it makes of the undamaged one.
``warnings``: warning and error findings per 1,000 sentences on the undamaged articles, for all
rules and for the rules of these kinds. Every figure is given for the tune half and the check half
(``benchmarks/devsplit.py``), on the articles as plain text and as Markdown (links written
``[anchor](url)``, so the link anchor is known).
"""

from __future__ import annotations

import argparse
import random
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

import regex
from devsplit import key, rows
from wordfreq import zipf_frequency

from cleanup.checker import Checker
from cleanup.document import Document, Markup
from cleanup.model import Config, Finding, Severity

SEED = 20261202
PER_DOC = 2
KINDS: dict[str, tuple[str, ...]] = {
    "cap_link": ("LK001", "LK003"),
    "lower_name": ("LK004",),
    "two_names": ("MT001",),
    "dangling": ("GB002",),
    "boilerplate": ("BP001",),
}
OURS = frozenset(code for codes in KINDS.values() for code in codes)
EXTRA_KINDS: dict[str, tuple[str, ...]] = {"cap_word": ("LK001", "LK003")}  # built only when asked for

_CAP_WORD = regex.compile(r"(?<![\p{L}\p{M}'’\-.@#/])\p{Lu}\p{Ll}++(?![\p{L}\p{M}]|['’\-.@]\p{L})")
_CAP_RUN = regex.compile(rf"{_CAP_WORD.pattern}(?: {_CAP_WORD.pattern}){{1,2}}")
_LOWER_WORD = regex.compile(r"(?<![\p{L}\p{M}'’\-])\p{Ll}{4,}+(?![\p{L}\p{M}'’\-])")
_BETWEEN = regex.compile(r"(?<=\p{Ll}{2}\.) (?=\p{Lu}\p{Ll})")
_VOWELS = "aeiouy"
_CONSONANTS = "bcdfghklmnprstvz"
FUNCTION_WORDS = ("be", "the", "of", "to", "and", "a", "in", "that", "is", "for", "with", "was", "by", "on", "as")
OUTLETS = ("business insider", "Yahoo News", "The Independent", "Reuters", "CNN", "the Daily Beast", "NPR", "Fox News")
BOILERPLATE = (
    "Read the original article at {outlet}",
    "Read the original article on {outlet}.",
    "This article originally appeared on {outlet}.",
    "This story was first published by {outlet}.",
    "Story continues below",
    "Story continues below advertisement",
    "Continue reading the main story",
    "Click here to sign up for our newsletter.",
    "Click here to read more.",
    "Follow {outlet} on Facebook, Twitter and Instagram.",
    "Follow us on Twitter and Instagram.",
    "Sign up for the {outlet} newsletter.",
    "Get the latest headlines delivered to your inbox.",
    "Download the {outlet} app.",
    "Share this article",
    "Advertisement",
    "Click here to read the full story.",
    "Want more news like this? Sign up for our daily newsletter.",
    "Want more stories like this? Subscribe to our newsletter.",
    "Join our WhatsApp channel for the latest updates.",
)


@dataclass(frozen=True, slots=True)
class Case:
    kind: str
    text: str
    start: int
    end: int


def _zipf(word: str) -> float:
    return zipf_frequency(word, "en")


def _mid_sentence(text: str, start: int) -> bool:
    """Only spaces after a lower-case letter or a comma come before ``start``."""
    before = text[:start]
    stripped = before.rstrip(" ")
    return len(stripped) < len(before) and bool(stripped) and (stripped[-1].islower() or stripped[-1] == ",")


def _whole_lower(text: str, word: str) -> bool:
    return regex.search(rf"(?<![\p{{L}}\p{{M}}]){regex.escape(word.lower())}(?![\p{{L}}\p{{M}}])", text) is not None


def cap_link(text: str, anchors: list[tuple[int, int]], rng: random.Random) -> Iterator[Case]:
    for start, end in rng.sample(anchors, len(anchors)):
        before = start - 1 if text[start - 1 : start] == "[" else start  # a Markdown link
        first = regex.match(r"\p{Ll}++(?=[ ,;]|$)", text[start:end])  # a word, not a domain or iPhone
        if first and _mid_sentence(text, before) and end - start > 1:
            yield Case("cap_link", text[:start] + text[start].upper() + text[start + 1 :], start, start + 1)


_ANY_LOWER = regex.compile(r"(?<![\p{L}\p{M}'’\-.@#/_])\p{Ll}{3,}+(?=[ ,;.])")


def cap_word(text: str, rng: random.Random) -> Iterator[Case]:
    spots = [m.start() for m in _ANY_LOWER.finditer(text) if _mid_sentence(text, m.start())]
    for start in rng.sample(spots, len(spots)):
        yield Case("cap_word", text[:start] + text[start].upper() + text[start + 1 :], start, start + 1)


def _names(text: str) -> tuple[list[str], list[str]]:
    """Single capitalised words and runs of two or three that the article writes at least twice,
    never in lower case, at least once in the middle of a sentence."""
    words = Counter(m[0] for m in _CAP_WORD.finditer(text))
    runs = Counter(m[0] for m in _CAP_RUN.finditer(text) if m[0].split()[0] not in ("The", "A", "An"))
    mid = {m[0] for m in _CAP_WORD.finditer(text) if _mid_sentence(text, m.start())}
    singles = [w for w, n in words.items() if n >= 2 and len(w) >= 3 and w in mid and not _whole_lower(text, w)]
    multi = [r for r, n in runs.items() if n >= 2 and all(w in singles or len(w) > 2 for w in r.split())]
    return sorted(singles), sorted(r for r in multi if not _whole_lower(text, r))


def lower_name(text: str, rng: random.Random) -> Iterator[Case]:
    singles, multi = _names(text)
    pool = [w for w in singles if _zipf(w) < 4.0] + multi
    for name in rng.sample(pool, len(pool)):
        spots = [
            m.start() for m in regex.finditer(rf"(?<![\p{{L}}\p{{M}}]){regex.escape(name)}(?![\p{{L}}\p{{M}}])", text)
        ]
        spots = [s for s in spots if _mid_sentence(text, s)]
        if spots:
            at = rng.choice(spots)
            yield Case("lower_name", text[:at] + name.lower() + text[at + len(name) :], at, at + len(name))


def variant(word: str, rng: random.Random) -> str | None:
    """Another spelling of ``word``: a transliteration variant, or one letter changed or dropped."""
    how = rng.choice(("translit", "translit", "changed", "dropped"))
    low = word
    if how == "translit":
        options = []
        for a, b in (
            ("ey", "ei"),
            ("ei", "ey"),
            ("ks", "x"),
            ("x", "ks"),
            ("kh", "h"),
            ("iy", "y"),
            ("ya", "ia"),
            ("yu", "iu"),
        ):
            if a in low[1:]:
                i = low.index(a, 1)
                options.append(low[:i] + b + low[i + len(a) :])
        if low.endswith("y"):
            options.append(low + "y")
        for i in range(1, len(low) - 1):
            if low[i] == low[i + 1]:
                options.append(low[:i] + low[i + 1 :])
            elif low[i] in "lnst" and low[i - 1] in _VOWELS and low[i + 1] in _VOWELS:
                options.append(low[: i + 1] + low[i:])
        return rng.choice(options) if options else None
    inner = range(1, len(low) - 1)
    if how == "changed":
        spots = [i for i in inner if low[i] in _CONSONANTS]
        if not spots:
            return None
        i = rng.choice(spots)
        return low[:i] + rng.choice([c for c in _CONSONANTS if c != low[i]]) + low[i + 1 :]
    i = rng.choice(list(inner))
    return low[:i] + low[i + 1 :]


def two_names(text: str, rng: random.Random) -> Iterator[Case]:
    singles, _ = _names(text)
    pool = [w for w in singles if len(w) >= 4 and _zipf(w) < 5.0]
    present = {m[0] for m in _CAP_WORD.finditer(text)}
    for name in rng.sample(pool, len(pool)):
        other = variant(name, rng)
        if other is None or other in present or _zipf(other) >= 3.0 or len(other) < 3:
            continue
        spots = [
            m.start() for m in regex.finditer(rf"(?<![\p{{L}}\p{{M}}]){regex.escape(name)}(?![\p{{L}}\p{{M}}])", text)
        ]
        at = rng.choice(spots)
        yield Case("two_names", text[:at] + other + text[at + len(name) :], at, at + len(other))


def _prose_lines(text: str) -> list[tuple[int, int]]:
    out, at = [], 0
    for line in text.split("\n"):
        if (
            len(line.split()) >= 12
            and line.rstrip().endswith(".")
            and not line.lstrip().startswith(("#", "-", "*", ">"))
        ):
            out.append((at, at + len(line.rstrip())))
        at += len(line) + 1
    return out


def dangling(text: str, rng: random.Random) -> Iterator[Case]:
    lines = _prose_lines(text)
    for start, end in rng.sample(lines, len(lines)):
        line = text[start:end]
        words = [m[0] for m in _LOWER_WORD.finditer(line)]
        what = rng.choice(("function", "function", "content", "pair"))
        if what == "function" or not words:
            added = rng.choice(FUNCTION_WORDS)
        elif what == "content":
            added = rng.choice(words)
        else:
            i = rng.randrange(len(words))
            added = " ".join(words[i : i + 2])
        gaps = [m.start() for m in _BETWEEN.finditer(line)]
        at = end if not gaps or rng.random() < 0.5 else start + rng.choice(gaps)
        yield Case("dangling", text[:at] + " " + added + text[at:], at + 1, at + 1 + len(added))


def boilerplate(text: str, rng: random.Random, per_doc: int = PER_DOC) -> Iterator[Case]:
    breaks = [m.start() for m in regex.finditer(r"\n\n", text)]
    for _ in range(per_doc or 2 * PER_DOC):
        line = rng.choice(BOILERPLATE).format(outlet=rng.choice(OUTLETS))
        where = rng.random()
        if where < 0.5 or not breaks:
            body = text.rstrip("\n")
            yield Case("boilerplate", f"{body}\n\n{line}", len(body) + 2, len(body) + 2 + len(line))
        elif where < 0.65:
            yield Case("boilerplate", f"{line}\n\n{text}", 0, len(line))
        else:
            at = rng.choice(breaks)
            yield Case("boilerplate", f"{text[:at]}\n\n{line}{text[at:]}", at + 2, at + 2 + len(line))


def cases(
    text: str, anchors: list[tuple[int, int]], rng: random.Random, per_doc: int = PER_DOC, only: str | None = None
) -> Iterator[Case]:
    """At most ``per_doc`` cases per kind (``0``: all), of every kind or of ``only``."""
    if only == "cap_word":
        made = cap_word(text, rng)
        yield from (made if per_doc == 0 else islice(made, per_doc))
        return
    for kind, made in (
        ("cap_link", cap_link(text, anchors, rng)),
        ("lower_name", lower_name(text, rng)),
        ("two_names", two_names(text, rng)),
        ("dangling", dangling(text, rng)),
        ("boilerplate", boilerplate(text, rng, per_doc)),
    ):
        if only is not None and kind != only:
            continue
        yield from (made if per_doc == 0 else islice(made, per_doc))


def markdown(text: str, links: list[dict[str, object]]) -> tuple[str, list[tuple[int, int]]]:
    """The article as Markdown, and where each anchor's text now stands."""
    out: list[str] = []
    anchors: list[tuple[int, int]] = []
    last = length = 0
    for i, link in enumerate(sorted(links, key=lambda k: int(str(k["start"])))):
        start, end = int(str(link["start"])), int(str(link["end"]))
        if start < last or "[" in text[start:end] or "]" in text[start:end]:
            continue
        length += len(text[last:start]) + 1
        anchors.append((length, length + end - start))
        piece = f"[{text[start:end]}](https://example.org/{i})"
        out += [text[last:start], piece]
        length += len(piece) - 1
        last = end
    out.append(text[last:])
    return "".join(out), anchors


def _loud(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is not Severity.INFO]


def articles(source: str, half: str) -> Iterator[dict[str, object]]:
    """The rows to damage: the news articles, or the WMT references joined by document key."""
    if source == "news":
        yield from rows("news_html_links", half)  # type: ignore[arg-type]
        return
    docs: dict[str, list[str]] = {}
    for row in rows("wmt23_xxen", half):  # type: ignore[arg-type]
        refs = [str(v) for v in dict(row["refs"]).values()]
        if refs and refs[0].strip():
            docs.setdefault(key("wmt23_xxen", row), []).append(refs[0].strip())
    for doc_key, lines in docs.items():
        yield {"id": doc_key, "text": "\n\n".join(lines), "links": []}


def run(
    half: str,
    markup: Markup,
    show: str | None,
    per_doc: int = PER_DOC,
    seed: int = SEED,
    only: str | None = None,
    source: str = "news",
) -> None:
    checker = Checker(Config(unsafe_fixes=True))
    found: Counter[str] = Counter()
    restored: Counter[str] = Counter()
    total: Counter[str] = Counter()
    sentences = 0
    noise: Counter[str] = Counter()
    for row in articles(source, half):
        text, links = str(row["text"]), list(row.get("links") or [])
        if markup == "markdown":
            text, anchors = markdown(text, links)
        else:
            anchors = [(int(k["start"]), int(k["end"])) for k in links]
        sentences += len(Document(text, markup=markup).sentences)
        for f in _loud(checker.check(text, markup=markup)):
            noise[f.rule] += 1
            if show == "clean" and f.rule in OURS:
                print(
                    f"  clean {f.rule} {text[max(0, f.start - 50) : f.start]!r} >>{text[f.start : f.end]!r}<< "
                    f"{f.message}"
                )
        want = checker.fix(text, markup=markup).text
        rng = random.Random(seed ^ zlib.crc32(str(row["id"]).encode()))
        for case in cases(text, anchors, rng, per_doc, only):
            total[case.kind] += 1
            codes = {**KINDS, **EXTRA_KINDS}[case.kind]
            hit = any(
                f.rule in codes and f.start < max(case.end, case.start + 1) and f.end > case.start
                for f in checker.check(case.text, markup=markup)
            )
            got = checker.fix(case.text, markup=markup).text
            found[case.kind] += hit
            restored[case.kind] += got == want
            if show == case.kind and not (hit and got == want):
                what = "missed" if not hit else "not restored"
                print(
                    f"  {what}: …{case.text[max(0, case.start - 70) : case.start]!r} "
                    f">>{case.text[case.start : case.end]!r}<< "
                    f"{case.text[case.end : case.end + 40]!r}…"
                )
    print(f"## {half} half, {markup}" + ("" if source == "news" else f", {source}"))
    print(f"{'kind':12} {'cases':>5} {'found':>13} {'restored':>13}")
    for kind in KINDS if only is None else (only,):
        n = total[kind]
        print(
            f"{kind:12} {n:5} {found[kind]:5} {100 * found[kind] / max(n, 1):5.1f}% "
            f"{restored[kind]:5} {100 * restored[kind] / max(n, 1):5.1f}%"
        )
    ours = sum(v for k, v in noise.items() if k in OURS)
    everything = sum(noise.values())
    print(
        f"undamaged: {sentences} sentences; warnings per 1,000: these kinds' rules {1000 * ours / sentences:.2f} "
        f"{dict(sorted((k, v) for k, v in noise.items() if k in OURS))}; all rules {1000 * everything / sentences:.2f}"
    )
    print()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--half", choices=("tune", "check", "both"), default="both")
    ap.add_argument("--format", choices=("text", "markdown", "both"), default="both")
    ap.add_argument(
        "--show", choices=(*KINDS, *EXTRA_KINDS, "clean"), help="print the misses of one kind, or the clean warnings"
    )
    ap.add_argument("--per-doc", type=int, default=PER_DOC, help="cases per kind and article (0: every position)")
    ap.add_argument("--seed", type=int, default=SEED, help="another draw of positions and damage")
    ap.add_argument("--kind", choices=(*KINDS, *EXTRA_KINDS), help="build the cases of this kind only")
    ap.add_argument("--source", choices=("news", "wmt"), default="news", help="the articles to damage")
    args = ap.parse_args()
    for half in ("tune", "check") if args.half == "both" else (args.half,):
        for markup in ("text", "markdown") if args.format == "both" else (args.format,):
            run(half, markup, args.show, args.per_doc, args.seed, args.kind, args.source)


if __name__ == "__main__":
    main()

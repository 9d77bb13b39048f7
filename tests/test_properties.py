"""Hypothesis properties over every registered rule together (issue 6, STYLE.md §5).

1. no exception; ``0 <= start <= end <= len(text)``; a fix's edits are sorted and disjoint;
2. fixing is idempotent at both floors;
3. fixing clean prose (``article_like()``) changes nothing;
4. CRLF and a BOM survive a fix byte for byte outside the edits;
5. a SAFE fix changes only its own span, and keeps letters (case-folded), digits and protected spans;
6. shuffling the findings before ``apply_fixes`` gives the same text;
7. replaying ``result.applied`` of one pass on the input gives ``result.text``.
"""

from __future__ import annotations

import itertools
import os
import random
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup import Applicability, Checker, Finding
from cleanup.document import Document, Markup
from cleanup.files import decode
from cleanup.fixer import apply_fixes
from cleanup.model import Edit

CHECKER = Checker()  # every registered rule, default configuration (no LanguageTool)
FLOORS = (Applicability.SAFE, Applicability.UNSAFE)
# 200 examples per property keep CI bounded; CLEANUP_PROPERTY_EXAMPLES=5000 for a deeper local run.
EXAMPLES = int(os.environ.get("CLEANUP_PROPERTY_EXAMPLES", "200"))
PROPERTY = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Well-formed news sentences: curly quotes, numbers, abbreviations, names. Fixing them is a no-op.
CLEAN_SENTENCES = (
    "The government said on Tuesday that 4,000 people had been evacuated from the city.",
    "Prices rose 3.5 percent in March, the fastest pace since 1991.",
    "Dr. Maria Lopez, who leads the clinic, said the first patients arrived at 6 a.m. on Sunday.",
    "“We have nothing left,” said Olena Petrenko, 62, standing outside her damaged home.",
    "The U.S. Embassy in Kyiv urged Americans to leave the country immediately.",
    "Officials in Washington declined to comment on the report.",
    "The company, based in Stockholm, employs about 12,500 people worldwide.",
    "“It is too early to say,” she added, “but the signs are encouraging.”",
    "Mr. Johnson resigned in July after a series of scandals.",
    "The vote, which passed 52 to 48, was largely along party lines.",
    "Rescue workers pulled three survivors from the rubble late on Friday.",
    "The central bank kept its main rate at 4.25 percent, as analysts had expected.",
    "According to the United Nations, more than 8 million refugees have fled the country.",
    "He was born in 1956 in a small village near the border.",
    "The report, published by the World Bank, estimated the damage at $411 billion.",
    "Talks resumed in Geneva on Monday, but no agreement was reached.",
    "She said the decision was “deeply disappointing” and vowed to appeal.",
    "The storm made landfall at about 2 p.m., bringing winds of 120 miles per hour.",
    "Schools will reopen next week, the mayor’s office said in a statement.",
    "Why did the negotiations fail?",
    "The museum’s collection includes more than 300 paintings from the 19th century.",
    "In a speech to Parliament, the prime minister defended the plan.",
    "Some residents have returned; others say they never will.",
    "The study followed 1,200 patients for five years.",
    "Sen. Elizabeth Warren criticized the proposal in a letter to regulators.",
)
PARAGRAPH_BREAKS = ("\n\n", "\n\n\n")


@st.composite
def article_like(draw: st.DrawFn) -> str:
    """Paragraphs of clean sentences, separated by blank lines."""
    paragraphs = draw(
        st.lists(st.lists(st.sampled_from(CLEAN_SENTENCES), min_size=1, max_size=5), min_size=1, max_size=5)
    )
    sep = draw(st.sampled_from(PARAGRAPH_BREAKS))
    return sep.join(" ".join(p) for p in paragraphs) + draw(st.sampled_from(("", "\n")))


# Fragments that provoke rules: glued sentences, doubled marks, quotes, ellipses, Markdown.
TOKENS = (
    "Ukraine", ".", "Biden", "..", "...", "…", ",", ",,", ";", ":", "!", "?", " ", "  ", "   ", "\n", "\n\n",
    "“", "”", "‘", "’", '"', "'", "(", ")", "[", "]", "*", "`", "<b>", "</b>", "#", "-", "4,000", "3.5",
    "U.S.", "Dr.", "a.m.", "e.g.", "nytimes.com", "https://x.org/a.b", "a@b.org", "@AP", "2022", "the",
    "war", "Then", "I’ve", "new york times", "New York Times", "said", "link", "Kyiv", "é", "Ж", "数", "\t",
    "[the report](https://x.org)", "\u00a0", "\u200b", "\x00",
)  # fmt: skip
# Damage that scraping and translation do to clean prose: (old, new) replacements at one place.
DAMAGE = (
    (". ", "."), (". ", ".. "), (". ", "…."), (", ", " , "), (", ", ",, "), (" ", "  "), ("” ", "”"),
    (". ", ".\n"), ("\n\n", "\n"), (" ", ""), ("“", '"'), ("”", '"'), ("’", "'"), (" the ", " The "),
    ("a", "а"), ("e", "é"), (". ", ". . "), (" ", "\u00a0"), ("s", "s\u200b"), ("”", "“"),
)  # fmt: skip


@st.composite
def damaged_article(draw: st.DrawFn) -> str:
    """``article_like()`` text with a few defects applied at random places."""
    text = draw(article_like())
    for _ in range(draw(st.integers(1, 6))):
        old, new = draw(st.sampled_from(DAMAGE))
        places = [i for i in range(len(text)) if text.startswith(old, i)]
        if places:
            i = draw(st.sampled_from(places))
            text = text[:i] + new + text[i + len(old) :]
    return text


noisy = st.one_of(
    damaged_article(),
    st.lists(st.sampled_from(TOKENS), max_size=40).map("".join),
    st.text(max_size=80),
    st.builds(lambda a, b: a + b, article_like(), st.lists(st.sampled_from(TOKENS), max_size=15).map("".join)),
)
markups: st.SearchStrategy[Markup] = st.sampled_from(("text", "markdown", "html"))


def check_offsets(text: str, findings: Sequence[Finding]) -> None:
    n = len(text)
    for f in findings:
        assert 0 <= f.start <= f.end <= n, f
        if f.fix is not None:
            edits = f.fix.edits
            assert edits, f
            assert all(0 <= e.start <= e.end <= n for e in edits), f
            assert list(edits) == sorted(edits), f
            assert all(a.end <= b.start for a, b in itertools.pairwise(edits)), f


def replay(text: str, applied: Sequence[Finding]) -> tuple[str, list[tuple[int, int]]]:
    """Apply the edits of one pass; also return the kept (unedited) spans of ``text``."""
    edits = sorted({e for f in applied if f.fix for e in f.fix.edits if text[e.start : e.end] != e.replacement})
    out: list[str] = []
    kept: list[tuple[int, int]] = []
    last = 0
    for e in edits:
        assert e.start >= last, f"overlapping edits applied in one pass: {edits}"
        out += [text[last : e.start], e.replacement]
        kept.append((last, e.start))
        last = e.end
    kept.append((last, len(text)))
    return "".join(out) + text[last:], kept


@PROPERTY
@given(noisy, markups)
def test_no_exception_offsets_in_range(text: str, markup: Markup) -> None:
    check_offsets(text, CHECKER.check(text, markup=markup))


SOURCES = st.one_of(
    noisy,
    st.sampled_from(
        ["約3万人が避難した。", "Переговоры закончились. Стороны разошлись.", "Die Zahl stieg auf 1,5.", ""]
    ),
)


@PROPERTY
@given(noisy, SOURCES, markups, st.sampled_from(FLOORS))
def test_with_a_source_offsets_in_range_and_fix_idempotent(
    text: str, source: str, markup: Markup, floor: Applicability
) -> None:
    """The accuracy rules (which only run with a source) keep the same guarantees."""
    check_offsets(text, CHECKER.check(text, markup=markup, source=source))
    unsafe = floor == Applicability.UNSAFE
    once = CHECKER.fix(text, unsafe=unsafe, markup=markup, source=source)
    twice = CHECKER.fix(once.text, unsafe=unsafe, markup=markup, source=source)
    assert twice.text == once.text


@PROPERTY
@given(noisy, markups, st.sampled_from(FLOORS))
def test_fix_is_idempotent(text: str, markup: Markup, floor: Applicability) -> None:
    once = CHECKER.fix(text, unsafe=floor == Applicability.UNSAFE, markup=markup)
    check_offsets(once.text, once.remaining)
    twice = CHECKER.fix(once.text, unsafe=floor == Applicability.UNSAFE, markup=markup)
    assert twice.text == once.text
    assert not twice.applied


@PROPERTY
@given(noisy, markups)
def test_every_proposal_terminates_and_is_well_formed(text: str, markup: Markup) -> None:
    """What ``cleanup diff`` shows: suggestions on top of the fixed point never loop or raise."""
    from cleanup.diffs import changes
    from cleanup.fixer import propose

    result = propose(text, lambda t: CHECKER.check(t, markup=markup))
    for c in changes(text, result.text, CHECKER.check(text, markup=markup)):
        assert 0 <= c.start <= c.end <= len(text) and text[c.start : c.end] == c.original


@PROPERTY
@given(article_like(), markups)
def test_clean_text_is_unchanged(text: str, markup: Markup) -> None:
    assert CHECKER.fix(text, unsafe=True, markup=markup).text == text
    flagged = [f for f in CHECKER.check(text, markup=markup) if f.severity != "info"]
    assert not flagged, [(f.rule, text[f.start : f.end]) for f in flagged]


@PROPERTY
@given(noisy, st.booleans())
def test_crlf_and_bom_survive_byte_for_byte_outside_the_edits(text: str, bom: bool) -> None:
    crlf = text.replace("\r", "").replace("\n", "\r\n")
    data = (b"\xef\xbb\xbf" if bom else b"") + crlf.encode("utf-8", "surrogatepass")
    try:
        source = decode(data, "p.txt")
    except Exception:  # binary (NULs) or surrogates: not a text file, nothing to fix
        return
    current = source.text
    for _ in range(12):  # pass by pass, so each pass's edits are known
        result = apply_fixes(current, CHECKER.check(current), Applicability.SAFE)
        if not result.applied:
            break
        _, kept = replay(current, result.applied)
        new_bytes = source.encode(result.text)
        assert new_bytes.startswith(b"\xef\xbb\xbf") == bom
        position = 0
        for start, end in kept:  # every unedited segment appears, in order, with its bytes intact
            segment = current[start:end].encode("utf-8")
            found = result.text.encode("utf-8").find(segment, position)
            assert found >= 0, (current[start:end], result.text)
            position = found + len(segment)
        current = result.text
    final = CHECKER.fix(source.text).text
    assert final == current
    out = source.encode(final)
    assert out.startswith(b"\xef\xbb\xbf") == bom
    assert out.replace(b"\r\n", b"").count(b"\n") == 0  # no line ending was turned into a bare LF


def _letters(s: str) -> Counter[str]:
    return Counter(c for c in s.casefold() if c.isalnum())


@PROPERTY
@given(noisy, markups)
def test_each_safe_fix_changes_only_its_own_span(text: str, markup: Markup) -> None:
    doc = Document(text, None, markup)
    protected = [text[s.start : s.end] for s in doc.protected]
    for f in CHECKER.check(text, markup=markup):
        if f.fix is None or f.fix.applicability != Applicability.SAFE:
            continue
        result = apply_fixes(text, [f], Applicability.SAFE)
        if not result.applied:
            continue
        start, end = f.fix.start, f.fix.end
        tail = len(text) - end
        assert result.text[:start] == text[:start], f
        assert result.text[len(result.text) - tail :] == text[end:], f
        assert _letters(result.text) == _letters(text), f"{f.rule} changed letters or digits: {text!r}"
        for p in protected:
            assert p in result.text, f"{f.rule} broke the protected span {p!r}"


@PROPERTY
@given(noisy, markups, st.sampled_from(FLOORS), st.randoms(use_true_random=False))
def test_shuffled_findings_give_the_same_text(
    text: str, markup: Markup, floor: Applicability, rnd: random.Random
) -> None:
    findings = CHECKER.check(text, markup=markup)
    expected = apply_fixes(text, findings, floor)
    shuffled = list(findings)
    rnd.shuffle(shuffled)
    got = apply_fixes(text, shuffled, floor)
    assert got.text == expected.text
    assert sorted(f.rule for f in got.applied) == sorted(f.rule for f in expected.applied)


@PROPERTY
@given(noisy, markups, st.sampled_from(FLOORS))
def test_replaying_applied_edits_gives_the_result(text: str, markup: Markup, floor: Applicability) -> None:
    result = apply_fixes(text, CHECKER.check(text, markup=markup), floor)
    assert replay(text, result.applied)[0] == result.text


def test_replay_helper_detects_a_mismatch() -> None:
    """The helper itself can fail: a hand-made overlap is caught."""
    from cleanup.model import Category, Fix, Severity

    def finding(edit: Edit) -> Finding:
        return Finding("SP001", "x", Category.SPACING, Severity.WARNING, edit.start, edit.end, "m", Fix.safe("t", edit))

    try:
        replay("abcdef", [finding(Edit(1, 3, "X")), finding(Edit(2, 4, "Y"))])
    except AssertionError:
        return
    raise AssertionError("replay accepted overlapping edits")


def _fuzz_inputs() -> list[Path]:
    root = Path(__file__).resolve().parent.parent
    seeds = sorted((root / "corpus").rglob("*.txt")) + sorted((root / "corpus").rglob("*.md"))
    crashes = sorted((root / "tests" / "fuzz_crashes").glob("*")) if (root / "tests" / "fuzz_crashes").is_dir() else []
    return seeds + [p for p in crashes if p.is_file()]


def test_fuzz_harness_replays_seeds_and_recorded_crashes() -> None:
    """The atheris harness's properties hold on the seed corpus and on every crash it ever found."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("fuzz_check", Path(__file__).with_name("fuzz_check.py"))
    assert spec is not None and spec.loader is not None
    fuzz = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fuzz)
    inputs = _fuzz_inputs()
    assert inputs
    for path in inputs:
        data = path.read_bytes()
        for first in (0, 1, 2, 4, 5, 6):  # each markup, with and without CRLF
            fuzz.check_one(bytes([first]) + data)


@PROPERTY
@given(noisy, markups)
def test_review_page_choices_reproduce_fix(text: str, markup: Markup) -> None:
    """The review page's edits: taking every step at or above a level gives that level's ``cleanup fix``,
    and any choice changes the text only inside the chosen changes' ranges."""
    from cleanup.fixer import propose
    from cleanup.review import accepted_at, corrected, review_article

    def check(t: str) -> list[Finding]:
        return CHECKER.check(t, markup=markup)

    article = review_article("p.txt", text, check)
    assert corrected(article, accepted_at(Applicability.SAFE)) == CHECKER.fix(text, markup=markup).text
    assert corrected(article, accepted_at(Applicability.UNSAFE)) == CHECKER.fix(text, unsafe=True, markup=markup).text
    assert corrected(article, accepted_at(Applicability.DISPLAY_ONLY)) == propose(text, check).text
    assert corrected(article, lambda c: 0) == text
    last = 0
    for c in article.changes:
        assert last <= c.start <= c.end <= len(text) and c.original == text[c.start : c.end]
        assert [s.safety for s in c.steps] == sorted((s.safety for s in c.steps), reverse=True)
        assert all(a.text != b.text for a, b in itertools.pairwise(c.steps)) and c.steps[0].text != c.original
        last = c.end if c.end > c.start else c.end + 1  # no two changes start at one insertion point

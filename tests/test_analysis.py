"""The shared analysis layer: one word pattern, caching by analysis, conventions, abbreviations, imports."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup import Checker, Config
from cleanup.analysis import WORD, conventions, quotations, tokens
from cleanup.config import parse_config
from cleanup.document import Document

from . import requires

ROOT = Path(__file__).resolve().parent.parent


def test_one_word_pattern_for_every_family() -> None:
    toks = tokens(Document("A well-known 3rd-party tool isn’t my6sense’s."))
    assert toks.texts == ["A", "well-known", "3rd-party", "tool", "isn’t", "my6sense’s"]
    assert [(toks.starts[i], toks.ends[i]) for i in range(2)] == [(0, 1), (2, 12)]


def test_memo_is_keyed_by_the_analysis_function() -> None:
    doc = Document("He said “yes”.")
    assert tokens(doc) is tokens(doc) and quotations(doc) is quotations(doc)
    calls: list[int] = []

    def count(d: Document) -> int:
        calls.append(1)
        return len(d.text)

    assert doc.memo(count) == doc.memo(count) == 14 and len(calls) == 1


def test_word_flags_come_from_the_shared_parses() -> None:
    doc = Document("See [the report](https://x.org) where he said “we left” at 3.5 p.m.", markup="markdown")
    toks = tokens(doc)
    flags = {toks.texts[i]: (toks.quoted[i], toks.anchored[i], toks.protected[i]) for i in range(len(toks))}
    assert flags["report"] == (False, True, False)
    assert flags["we"] == (True, False, False)
    assert flags["3"] == (False, False, True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('It was "crucial". "Mr Glazer\'s bid," he said, "is not the end".', ("straight", True, False)),
        ("“We will,” he said. “Soon.” It ended...then began...again.", ("curly", False, True)),
        ("It ended... Then it began… again.", (None, False, False)),
    ],
)
def test_conventions_are_learned_from_the_document(text: str, expected: tuple[object, ...]) -> None:
    c = conventions(Document(text))
    assert (c.quote_style, c.punctuation_outside, c.unspaced_ellipsis) == expected


def test_abbreviations_are_data_for_segmentation_and_protection() -> None:
    doc = Document("Add 1 tsp. olive oil and 4 oz. cooked chicken. Then stir for 2 min. Serve.")
    assert [doc.text[s.start : s.end] for s in doc.sentences] == [
        "Add 1 tsp. olive oil and 4 oz. cooked chicken.",
        "Then stir for 2 min.",
        "Serve.",
    ]
    assert doc.is_protected(doc.text.index("tsp.")) and not doc.is_protected(doc.text.index("min."))


def test_a_document_teaches_its_own_abbreviations() -> None:
    doc = Document("All ID. models get the update. The ID. family grows. He left. then he came.")
    assert "id" in doc.learned_abbreviations
    assert len(doc.sentences) == 4  # "left. then" still ends a sentence: "left" is a common word


def test_user_abbreviations_from_the_configuration() -> None:
    config = parse_config({"abbreviations": ["Bldg."]})
    assert config.abbreviations == ("Bldg.",)
    text = "The office moved to Bldg. seven on the campus. It opened in May."
    assert [f.rule for f in Checker(config).check(text)] == []
    assert "LK002" in [f.rule for f in Checker(Config()).check(text)]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


def test_no_rule_imports_another_rule_and_the_engine_imports_no_rule() -> None:
    for path in sorted((ROOT / "rules").glob("*.py")):
        others = {m for m in _imports(path) if m.startswith("cleanup.rules.")}
        assert not others, f"{path.name} imports {others}"
    for path in sorted((ROOT / "cleanup" / "analysis").glob("*.py")):
        assert not {m for m in _imports(path) if m.startswith("cleanup.rules")}, path.name
    assert _imports(ROOT / "cleanup" / "spans.py") <= {"__future__", "dataclasses"}


@pytest.mark.parametrize(
    "module", ["cleanup.spans", "cleanup.document", "cleanup.analysis", "cleanup.checker", "cleanup.scoring"]
)
def test_each_core_module_imports_on_its_own(module: str) -> None:
    subprocess.run([sys.executable, "-c", f"import {module}"], check=True, cwd=ROOT)


def test_shipped_data_files_have_one_loader() -> None:
    readers = []
    for path in sorted([*(ROOT / "cleanup").rglob("*.py"), *(ROOT / "rules").glob("*.py")]):
        source = path.read_text(encoding="utf-8")
        if path.name != "datafiles.py" and ('"data"' in source or 'files("cleanup.rules")' in source):
            readers.append(path.name)
    assert not readers, f"read rules/data through cleanup.datafiles.load_toml: {readers}"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab É1_'’- .\n²ǅ\u0301", max_size=30))
def test_token_split_finds_the_words_of_the_word_pattern(text: str) -> None:
    """The possessive split pattern and ``WORD`` find the same words, and the lower case is per word."""
    toks = tokens(Document(text))
    assert toks.texts == WORD.findall(text)
    assert [text[a:b] for a, b in zip(toks.starts, toks.ends, strict=True)] == toks.texts
    assert toks.lower == [w.lower() for w in toks.texts]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="a ‘’`'“”„«»\"", max_size=20))
def test_quotation_mark_scan_equals_the_alternation(text: str) -> None:
    """The class-first pattern of quotation marks finds what the plain alternation finds."""
    from cleanup.analysis.quotations import _MARK

    plain = re.compile(r"‘‘|’’|``|''|[“”„«»\"]")
    assert [m.span() for m in _MARK.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aZ9 .,’‘“”–—…\u00a0\t\nÉß²\u0301-'", max_size=30))
def test_qt006_plain_normal_form_equals_the_unicode_one(text: str) -> None:
    """QT006's fast path for plain quotations gives what the ``regex`` case-folding path gives."""
    from cleanup.rules.quotes import _NOT_WORD, _normal

    assert _normal(text) == _NOT_WORD.sub(" ", text.casefold()).strip()


def _reference_pos_table() -> dict[str, str] | None:
    """lemminflect's table parsed line by line into a dict, as ``pos`` once did (the reference
    for the bisection over its sorted lines)."""
    import gzip
    import importlib.util

    spec = importlib.util.find_spec("lemminflect")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "resources"
    with gzip.open(folder / "lemma_lu.csv.gz", "rt", encoding="utf-8") as f:
        lines = f.read().splitlines()
    lines += (folder / "lemma_overrides.csv").read_text(encoding="utf-8").splitlines()
    found: dict[str, str] = {}
    for line in lines:
        form, upos, _ = line.split(",", 2) if line.count(",") >= 2 else ("#", "", "")
        if form[:1] != "#":
            found[form] = f"{found.get(form, '')} {upos.upper()}"
    return found


def test_pos_classes_equal_the_whole_table_parsed() -> None:
    from cleanup.analysis import pos

    table = _reference_pos_table()
    if table is None:
        requires.lexicon()
    assert table is not None, "lemminflect's lexicon reads, but its package does not import"
    known = frozenset(["ADJ", "ADV", "AUX", "NOUN", "VERB"])
    odd = ["", "#", "#x", "a,b", "Talks", "STALLED", "zzqx", "all", "another", "de,", "’s", "'d", "talk,"]
    for word in [*table, *odd, *(w.title() for w in list(table)[::50])]:
        expected = frozenset(table.get(word.lower(), "").split()) & known
        assert pos.classes(word) == expected, word
    assert pos.classes("stalled") == {"VERB"} and pos.classes("talks") == {"NOUN", "VERB"}

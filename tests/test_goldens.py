"""Golden snapshots of whole articles: the exact ``check`` output, then the unified diff of
``fix --unsafe-fixes``. Regenerate with ``pytest --update-goldens`` and review the diff."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleanup import Checker, Config, Document
from cleanup.diffs import render_unified
from cleanup.files import markup_for
from cleanup.reports import FileReport, render

ARTICLES = Path(__file__).resolve().parent.parent / "corpus" / "articles"


def snapshot(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    markup = markup_for(path.name)
    checker = Checker(Config())
    findings = checker.check(text, path=path.name, markup=markup)
    report = render("text", [FileReport(path.name, Document(text), findings)])
    fixed = checker.fix(text, unsafe=True, path=path.name, markup=markup).text
    return report + "\n# fix --unsafe-fixes\n" + render_unified(path.name, text, fixed)


@pytest.mark.parametrize("path", sorted(p for p in ARTICLES.iterdir() if p.suffix in (".txt", ".md")), ids=str)
def test_golden(path: Path, request: pytest.FixtureRequest) -> None:
    golden = path.with_suffix(".expected")
    actual = snapshot(path)
    if request.config.getoption("--update-goldens"):
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"no golden for {path.name}: run pytest --update-goldens"
    assert actual == golden.read_text(encoding="utf-8")

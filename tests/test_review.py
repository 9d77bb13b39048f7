"""The review page's data and safety, and the ``review`` command (the browser test is test_review_browser.py)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shlex
import sys
import webbrowser
from pathlib import Path

import pytest

from cleanup import Applicability, Checker
from cleanup.cli import main
from cleanup.review import Article, accepted_at, build_article, corrected, page_data, render_page, review_article

SEED = Path(__file__).resolve().parent.parent / "corpus" / "articles" / "seed.txt"
HOSTILE = '<script>alert(1)</script> "><img src=x onerror=alert(2)> javascript:alert(3) </textarea>.Then @DATA@\u2028'


def _review(text: str, path: str = "a.txt") -> Article:
    checker = Checker()
    return review_article(path, text, lambda t: checker.check(t))


def test_seed_choices_equal_cli_fix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = SEED.read_text(encoding="utf-8")
    article = _review(text, str(SEED))
    for flags, floor in (((), Applicability.SAFE), (("--unsafe-fixes",), Applicability.UNSAFE)):
        copy = tmp_path / "seed.txt"
        copy.write_text(text, encoding="utf-8")
        assert main(["fix", "--no-languagetool", "-q", *flags, str(copy)]) == 1
        assert corrected(article, accepted_at(floor)) == copy.read_text(encoding="utf-8")
    # Taking everything gives what `cleanup diff` shows.
    assert main(["diff", "--no-languagetool", "--format", "unified", str(SEED)]) == 1
    shown = corrected(article, accepted_at(Applicability.DISPLAY_ONLY))
    from cleanup.diffs import render_unified

    assert capsys.readouterr().out == render_unified(str(SEED), text, shown)
    levels = {s.safety for c in article.changes for s in c.steps}
    assert levels == set(Applicability)


def test_touching_fixes_of_two_levels_are_one_change_with_a_chain() -> None:
    text = "x.Y Z"
    article = build_article("a", text, [], {Applicability.SAFE: "x. Y Z", Applicability.UNSAFE: "x. y Z"})
    (change,) = article.changes
    assert (change.start, change.end, [(s.safety, s.text) for s in change.steps]) == (
        2, 3, [(Applicability.SAFE, " Y"), (Applicability.UNSAFE, " y")]
    )  # fmt: skip
    assert [corrected(article, lambda c, n=n: n) for n in range(3)] == ["x.Y Z", "x. Y Z", "x. y Z"]


def test_safe_only_has_only_safe_steps() -> None:
    text = SEED.read_text(encoding="utf-8")
    checker = Checker()
    article = review_article("s", text, lambda t: checker.check(t), safe_only=True)
    assert {s.safety for c in article.changes for s in c.steps} == {Applicability.SAFE}
    assert corrected(article, accepted_at(Applicability.SAFE)) == checker.fix(text).text


def test_offsets_are_utf16_for_the_page() -> None:
    text = "😀 in Ukraine.Biden said 😀."
    article = _review(text)
    (change,) = article.changes
    data = page_data([article])["articles"][0]  # type: ignore[index]
    assert (change.start, data["changes"][0]["start"]) == (13, 14)
    f = article.findings[0]
    assert data["findings"][0]["start"] == len(text[: f.start].encode("utf-16-le")) // 2


def _script_and_style(page: str) -> tuple[str, str, str, str]:
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
    assert csp
    scripts = re.findall(r"<script(?: [^>]*)?>(.*?)</script>", page, re.S)
    styles = re.findall(r"<style>(.*?)</style>", page, re.S)
    assert len(scripts) == 2 and len(styles) == 1
    return csp[1], scripts[0], scripts[1], styles[0]


def _sha(source: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode()


def test_page_is_self_contained_and_escapes_everything() -> None:
    article = _review(HOSTILE, path='<b onclick="x()">name</b>.txt')
    page = render_page([article])
    csp, data, script, style = _script_and_style(page)
    assert f"script-src '{_sha(script)}'" in csp and f"style-src '{_sha(style)}'" in csp
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp and "unsafe-inline" not in csp
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in data
    assert json.loads(data) == json.loads(json.dumps(page_data([article])))
    assert json.loads(data)["articles"][0]["text"] == HOSTILE
    # Outside the data block, nothing of the article: no handler attributes, no URL to fetch.
    rest = page.replace(data, "")
    assert "alert" not in rest and "onerror" not in rest and "onclick" not in rest
    assert not re.search(r"\s on\w+=", rest) and not re.search(r"(src|href)=\"?(https?:)?//", rest)
    assert "textContent" in script and "innerHTML" not in script and "insertAdjacentHTML" not in script


def test_diff_html_writes_the_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "a.txt"
    article.write_text("<b>x</b> in Ukraine.Biden said.", encoding="utf-8")
    out = tmp_path / "r.html"
    assert main(["diff", "--no-languagetool", "--format", "html", "-o", str(out), str(article)]) == 1
    _, data, _, _ = _script_and_style(out.read_text(encoding="utf-8"))
    (entry,) = json.loads(data)["articles"]
    assert entry["path"] == str(article) and entry["changes"][0]["steps"][0]["text"] == " "
    assert "SP001" in json.loads(data)["rules"]


def test_review_writes_opens_and_prints_the_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = tmp_path / "opened"
    record = f"import sys, pathlib; pathlib.Path({str(opened)!r}).write_text(sys.argv[1])"
    monkeypatch.setenv("BROWSER", f"{shlex.quote(sys.executable)} -c {shlex.quote(record)} %s")
    monkeypatch.setattr(webbrowser, "_tryorder", None)  # read BROWSER afresh
    assert main(["review", "--no-languagetool", str(SEED)]) == 1
    page = Path(capsys.readouterr().out.strip())
    try:
        assert opened.read_text() == page.as_uri()
        assert page.name.startswith("cleanup-review-") and "review-data" in page.read_text(encoding="utf-8")
    finally:
        page.unlink()
    opened.unlink()
    assert main(["review", "--no-languagetool", "--no-open", str(SEED)]) == 1
    page = Path(capsys.readouterr().out.strip())
    page.unlink()
    assert not opened.exists()
    assert main(["review", "--no-languagetool", "--no-open", str(tmp_path / "missing.txt")]) == 2
    assert capsys.readouterr().out == ""

"""The command line: exit codes, formats, the JSON contract, configuration."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleanup.cli import main

GLUED = "The war began in Ukraine.Biden said it was genocide.\n"
CLEAN = "The war began in Ukraine. Biden said it was genocide.\n"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--no-languagetool" if a == "@nolt" else a for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def article(tmp_path: Path) -> Path:
    p = tmp_path / "a.txt"
    p.write_text(GLUED, encoding="utf-8")
    return p


def test_check_exit_codes(capsys: pytest.CaptureFixture[str], tmp_path: Path, article: Path) -> None:
    clean = tmp_path / "b.txt"
    clean.write_text(CLEAN, encoding="utf-8")
    assert run(capsys, "check", "@nolt", str(clean))[0] == 0
    code, out, _ = run(capsys, "check", "@nolt", str(article))
    assert code == 1 and "SP001" in out and f"{article}:1:25:" in out
    assert run(capsys, "check", "@nolt", str(tmp_path / "missing.txt"))[0] == 2
    assert run(capsys, "check", "--bogus")[0] == 2
    assert run(capsys, "check", "@nolt", "--exit-zero", str(article))[0] == 0


def test_json_contract(capsys: pytest.CaptureFixture[str], article: Path) -> None:
    code, out, _ = run(capsys, "check", "@nolt", "--format", "json", str(article))
    data = json.loads(out)
    assert code == 1 and data["version"] == 1
    (f,) = data["files"][0]["findings"]
    assert set(f) == {"rule", "name", "category", "severity", "start", "end", "line", "column", "end_line",
                      "end_column", "message", "fix"}  # fmt: skip
    assert (f["rule"], f["name"], f["category"], f["severity"]) == (
        "SP001", "missing-space-after-sentence", "spacing", "warning")  # fmt: skip
    assert GLUED[f["start"] : f["end"]] == "."
    assert (f["line"], f["column"], f["end_line"], f["end_column"]) == (1, 25, 1, 26)
    assert f["fix"] == {"title": "Insert a space", "applicability": "safe",
                        "edits": [{"start": 25, "end": 25, "replacement": " "}]}  # fmt: skip
    assert data["summary"] == {"files": 1, "findings": 1, "by_category": {"spacing": 1}}


def test_json_offsets_skip_bom_and_count_crlf(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbfFirst line.\r\nIt ended.Then \xf0\x9f\x98\x80 it began.\r\n")
    data = json.loads(run(capsys, "check", "@nolt", "--format", "json", str(p))[1])
    (f,) = data["files"][0]["findings"]
    text = p.read_bytes()[3:].decode()
    assert text[f["start"] : f["end"]] == "." and (f["line"], f["column"]) == (2, 9)


def test_github_and_sarif(capsys: pytest.CaptureFixture[str], article: Path) -> None:
    out = run(capsys, "check", "@nolt", "--format", "github", str(article))[1]
    assert out.startswith("::warning file=") and ",line=1,col=25," in out
    sarif = json.loads(run(capsys, "check", "@nolt", "--format", "sarif", str(article))[1])
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"][0]["ruleId"] == "SP001"


def test_select_and_ignore(capsys: pytest.CaptureFixture[str], article: Path) -> None:
    assert run(capsys, "check", "@nolt", "--ignore", "SP001", str(article))[0] == 0
    assert run(capsys, "check", "@nolt", "--select", "punctuation", str(article))[0] == 0
    assert run(capsys, "check", "@nolt", "--select", "SP,PU", str(article))[0] == 1
    code, _, err = run(capsys, "check", "@nolt", "--select", "SPX9", str(article))
    assert code == 2 and "'SPX9' names no rule" in err


def test_fix_in_place_and_summary(capsys: pytest.CaptureFixture[str], article: Path) -> None:
    code, out, err = run(capsys, "fix", "@nolt", str(article))
    assert code == 1 and "Fixed 1: SP001" in err and out == ""  # the summary goes to stderr, as check's does
    assert article.read_text(encoding="utf-8") == CLEAN
    code, out, err = run(capsys, "fix", "@nolt", str(article))
    assert code == 0 and "Fixed 0" in err


def test_fix_diff_writes_nothing(capsys: pytest.CaptureFixture[str], article: Path) -> None:
    code, out, err = run(capsys, "fix", "@nolt", "--diff", str(article))
    assert code == 1 and "-The war began in Ukraine.Biden" in out and "+The war began in Ukraine. Biden" in out
    assert "Fixed 1" in err and article.read_text(encoding="utf-8") == GLUED


def test_diff_formats(capsys: pytest.CaptureFixture[str], article: Path, tmp_path: Path) -> None:
    out = run(capsys, "diff", "@nolt", "--format", "terminal", "--color", "never", str(article))[1]
    assert "Ukraine.{+ +}Biden" in out and "SP001 missing-space-after-sentence" in out
    coloured = run(capsys, "diff", "@nolt", "--format", "terminal", "--color", "always", str(article))[1]
    assert "\x1b[32m" in coloured
    data = json.loads(run(capsys, "diff", "@nolt", "--format", "json", str(article))[1])
    change = data["files"][0]["changes"][0]
    assert (change["original"], change["replacement"], change["reasons"][0]["rule"]) == ("", " ", "SP001")
    assert run(capsys, "diff", "@nolt", str(article))[1].startswith("--- ")  # piped: unified
    page = tmp_path / "r.html"
    article.write_text("<b>x</b> in Ukraine.Biden said.", encoding="utf-8")
    run(capsys, "diff", "@nolt", "--format", "html", "-o", str(page), str(article))
    html = page.read_text(encoding="utf-8")
    assert "\\u003cb\\u003ex\\u003c/b\\u003e" in html and "<b>x</b>" not in html  # the review page's data


def test_diff_on_a_whole_article(capsys: pytest.CaptureFixture[str]) -> None:
    seed = Path(__file__).resolve().parent.parent / "corpus" / "articles" / "seed.txt"
    code, out, err = run(capsys, "diff", "@nolt", "--format", "json", str(seed))
    changes = json.loads(out)["files"][0]["changes"]
    assert code == 1 and "error" not in err
    assert {r["applicability"] for c in changes for r in c["reasons"]} == {"safe", "unsafe", "display-only"}
    assert sum(1 for c in changes if c["reasons"]) >= len(changes) - 2  # the rest follow from earlier fixes


def test_no_color_env(capsys: pytest.CaptureFixture[str], article: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run(capsys, "check", "@nolt", "--color", "auto", str(article))[1]
    assert "\x1b[" in run(capsys, "check", "@nolt", "--color", "always", str(article))[1]


def test_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(GLUED.encode())))
    code, out, _ = run(capsys, "fix", "@nolt", "-")
    assert out == CLEAN and code == 1


def test_directories_and_excludes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text(GLUED, encoding="utf-8")
    (tmp_path / "docs" / "skip.txt").write_text(GLUED, encoding="utf-8")
    (tmp_path / "docs" / "code.py").write_text(GLUED, encoding="utf-8")
    data = json.loads(run(capsys, "check", "@nolt", "--format", "json", "--exclude", "skip.txt", str(tmp_path))[1])
    assert [Path(f["path"]).name for f in data["files"]] == ["a.md"]
    explicit = tmp_path / "docs" / "skip.txt"
    assert json.loads(run(capsys, "check", "@nolt", "--format", "json", "--exclude", "skip.txt",
                          str(explicit))[1])["files"] == []  # fmt: skip


def test_config_discovery_and_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    sub = tmp_path / "articles" / "2024"
    sub.mkdir(parents=True)
    art = sub / "a.txt"
    art.write_text("The soldiers  were ordered , he said.Then they left.\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.cleanup]\nignore = ["SP001"]\n[tool.cleanup.severity]\nSP004 = "warning"\n'
        '[tool.cleanup.per-file-ignores]\n"*.txt" = ["SP003"]\n',
        encoding="utf-8",
    )
    data = json.loads(run(capsys, "check", "@nolt", "--format", "json", str(art))[1])
    assert [(f["rule"], f["severity"]) for f in data["files"][0]["findings"]] == [("SP004", "warning")]
    (sub / "cleanup.toml").write_text('selct = ["SP"]\n', encoding="utf-8")
    code, _, err = run(capsys, "check", "@nolt", str(art))
    assert code == 2 and "unknown key 'selct'" in err


def test_rules_catalogue(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules")
    assert code == 0 and "SP001" in out and "missing-space-after-sentence" in out
    code, out, _ = run(capsys, "rules", "SP001")
    assert "Why:" in out and "safe" in out.lower()
    assert run(capsys, "rules", "ZZ999")[0] == 2
    entries = json.loads(run(capsys, "rules", "--format", "json")[1])
    assert all({"rule", "name", "category", "severity", "fix", "doc"} <= set(e) for e in entries)


def test_help_and_no_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "check" in capsys.readouterr().out
    assert main([]) == 2

"""Reliability (issue 14): no lost article, clear errors, no hangs, honest exit codes."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cleanup.cli import main

GLUED = "The war began in Ukraine.Biden said it was genocide.\n"
FIXED = "The war began in Ukraine. Biden said it was genocide.\n"
ROOT = Path(__file__).resolve().parent.parent
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main([args[0], "--no-languagetool", *args[1:]])
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "Traceback" not in out
    return code, out, err


def cli(*args: str, cwd: Path, stdin: bytes | None = None, timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
    """``python -m cleanup.cli`` in a fresh process, as a shell pipe runs it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "cleanup.cli", args[0], "--no-languagetool", *args[1:]],
        cwd=cwd, env=env, capture_output=True, timeout=timeout, input=stdin,
    )  # fmt: skip
    assert b"Traceback" not in proc.stderr, proc.stderr.decode()
    return proc


# -- 1, 3: the diff report never destroys an input, and says why it cannot be written ---------------


def test_diff_output_that_is_an_input_is_refused_and_the_input_kept(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    article = tmp_path / "v.txt"
    article.write_text(GLUED, encoding="utf-8")
    (tmp_path / "link.txt").hardlink_to(article)
    for output in (article, tmp_path / "link.txt", tmp_path / "." / "v.txt"):
        code, _, err = run(capsys, "diff", "-o", str(output), str(article))
        assert code == 2 and "would overwrite an input" in err
        assert article.read_text(encoding="utf-8") == GLUED
    code, _, err = run(capsys, "diff", "-o", str(article), str(tmp_path))  # an input found in a directory
    assert code == 2 and article.read_text(encoding="utf-8") == GLUED


def test_diff_report_is_written_whole_at_the_end(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    article = tmp_path / "v.txt"
    article.write_text(GLUED, encoding="utf-8")
    report = tmp_path / "r.diff"
    report.write_text("old report", encoding="utf-8")
    assert run(capsys, "diff", "-o", str(report), str(article))[0] == 1
    assert "+The war began in Ukraine. Biden" in report.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".cleanup-")] == []


@pytest.mark.parametrize("where", ["missing/dir/r.html", "."])
def test_diff_output_io_error_is_a_message_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, where: str
) -> None:
    article = tmp_path / "v.txt"
    article.write_text(GLUED, encoding="utf-8")
    code, _, err = run(capsys, "diff", "-o", str(tmp_path / where), str(article))
    assert code == 2 and "cannot write the report" in err


# -- 2: `fix -` never swallows the text of a pipe -------------------------------------------------------


@pytest.mark.parametrize("data", [b"Hi.Then\0 x,, y.\0\n", PNG, b"caf\xe9 au lait.\n"])
def test_fix_stdin_always_writes_the_text_back(tmp_path: Path, data: bytes) -> None:
    proc = cli("fix", "-", cwd=tmp_path, stdin=data)
    assert proc.stdout, proc.stderr
    if data == PNG or b"\xe9" in data:  # cannot be fixed: passed through unchanged
        assert proc.stdout == data
    else:
        assert b"Then" in proc.stdout and b"y." in proc.stdout


# -- 7, 8: UTF-16/32 and --encoding are honoured; binary is a documented rule -----------------------


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_unicode_boms_are_read_and_written_back(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, encoding: str
) -> None:
    p = tmp_path / "wide.txt"
    bom = {"utf-16": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-32": b"\xff\xfe\0\0", "utf-32-be": b"\0\0\xfe\xff"}
    base = encoding if encoding.endswith("be") else encoding + "-le"
    p.write_bytes(bom[encoding] + GLUED.replace("\n", "\r\n").encode(base))
    code, out, err = run(capsys, "check", str(p))
    assert code == 1 and f"{p}:1:25: SP001" in out and "binary" not in err
    assert run(capsys, "fix", "--select", "SP", str(p))[0] == 1
    assert p.read_bytes() == bom[encoding] + FIXED.replace("\n", "\r\n").encode(base)


def test_encoding_option_wins_over_the_binary_sniff(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    p = tmp_path / "le.txt"
    p.write_bytes(GLUED.encode("utf-16-le"))  # no BOM: only --encoding can tell
    assert "binary file, skipped" in run(capsys, "check", str(p))[2]
    code, out, _ = run(capsys, "check", "--encoding", "utf-16-le", str(p))
    assert code == 1 and "SP001" in out


def test_a_few_nuls_in_prose_are_text_for_en002(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    p = tmp_path / "nul.txt"
    p.write_bytes(b"Hi.Then\0 x,, y.\0\n")
    code, out, err = run(capsys, "check", str(p))
    assert code == 1 and "binary" not in err and out.count("EN002") == 2


def test_binary_boundary() -> None:
    from cleanup.files import BINARY_SHARE, is_binary

    n = 100
    limit = int(BINARY_SHARE * n)
    at_limit = b"\0" * limit + b"x" * (n - limit)
    over = b"\0" * (limit + 1) + b"x" * (n - limit - 1)
    assert not is_binary(at_limit) and is_binary(over)
    assert not is_binary(b"\x01" * n)  # no NUL: never binary
    assert is_binary(b"\0" + b"\xff" * 40 + b"x" * 59)  # bytes that are not UTF-8 count
    assert not is_binary(b"\0" + "é".encode() * 40 + b"x" * 19)  # UTF-8 letters are text


# -- 12, 19: small CLI promises ------------------------------------------------------------------------


def test_fix_diff_on_stdin_prints_a_diff(tmp_path: Path) -> None:
    proc = cli("fix", "--diff", "--stdin-filename", "a.txt", "-", cwd=tmp_path, stdin=GLUED.encode())
    out = proc.stdout.decode()
    assert (
        proc.returncode == 1 and "-The war began in Ukraine.Biden" in out and "+The war began in Ukraine. Biden" in out
    )
    assert "--- a/a.txt" in out


def test_fix_summary_goes_to_stderr(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(GLUED, encoding="utf-8")
    code, out, err = run(capsys, "fix", str(p))
    assert code == 1 and out == "" and "Fixed 1: SP001" in err


def test_fix_fails_while_unfixable_findings_remain(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """What the README promises for the cleanup-fix hook: changed, or findings it cannot fix remain."""
    p = tmp_path / "a.txt"
    p.write_text("The talks in Gen\ufffdve broke down.\n", encoding="utf-8")  # EN005: no fix
    code, _, err = run(capsys, "fix", str(p))
    assert code == 1 and "changed 0 files" in err and p.read_text(encoding="utf-8").count("\ufffd") == 1
    assert run(capsys, "fix", "--ignore", "EN005", str(p))[0] == 0


@pytest.mark.parametrize("jobs", ["-1", "two"])
def test_jobs_must_be_a_count(capsys: pytest.CaptureFixture[str], tmp_path: Path, jobs: str) -> None:
    p = tmp_path / "a.txt"
    p.write_text(GLUED, encoding="utf-8")
    code, _, err = run(capsys, "check", "--jobs", jobs, str(p))
    assert code == 2 and "--jobs" in err


@pytest.mark.parametrize("pattern", ["sub", "sub/", "sub/*"])
def test_exclude_a_directory_with_or_without_slash(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, pattern: str
) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(GLUED, encoding="utf-8")
    (tmp_path / "b.txt").write_text(GLUED, encoding="utf-8")
    code, out, _ = run(capsys, "check", "--exclude", pattern, str(tmp_path))
    assert code == 1 and "b.txt" in out and "a.txt" not in out


@pytest.mark.parametrize(("query", "code"), [("sp001", "SP001"), ("LT", "LT"), ("lt", "LT")])
def test_rules_codes_are_case_insensitive_and_lt_has_an_entry(
    capsys: pytest.CaptureFixture[str], query: str, code: str
) -> None:
    status = main(["rules", query])
    out = capsys.readouterr().out
    assert status == 0 and out.startswith(f"{code} ")


def test_catalogue_shows_how_safe_each_fix_is(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "GB004"]) == 0
    assert "fix: always (display-only)" in capsys.readouterr().out
    import json

    assert main(["rules", "--format", "json"]) == 0
    rows = {e["rule"]: e for e in json.loads(capsys.readouterr().out)}
    assert rows["SP001"]["applicability"] == "safe" and rows["GB004"]["applicability"] == "display-only"


# -- 18: a bad option is one configuration error, before any file is read --------------------------


def test_invalid_user_pattern_is_one_configuration_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.cleanup.options.BP001]\npatterns = ["(unclosed"]\n')
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(GLUED, encoding="utf-8")
    code, out, err = run(capsys, "check", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert code == 2 and out == ""
    assert err.count("error") == 1 and "internal error" not in err
    assert "[tool.cleanup.options.BP001] patterns" in err and "(unclosed" in err and "pyproject.toml" in err


# -- 16: `cleanup languagetool` takes its options before the action -----------------------------------


@pytest.mark.parametrize("argv", [["--help"], ["-h"], ["--port", "1", "status"]])
def test_languagetool_command_parses_its_own_options(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code = main(["languagetool", *argv])
    out, err = capsys.readouterr()
    assert "unrecognized arguments" not in err
    if "status" in argv:
        assert code in (0, 1) and "LanguageTool" in out  # 1: not running
    else:
        assert code == 0 and "usage: cleanup languagetool" in out and "install" in out


# -- 15: fixing in place keeps owner, group, read-only protection and hard links ---------------------


def test_read_only_file_is_refused_unless_forced(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    p = tmp_path / "ro.txt"
    p.write_text(GLUED, encoding="utf-8")
    p.chmod(0o444)
    code, _, err = run(capsys, "fix", str(p))
    assert code == 2 and "read-only" in err and p.read_text(encoding="utf-8") == GLUED
    assert run(capsys, "fix", "--force", str(p))[0] == 1
    assert p.read_text(encoding="utf-8") == FIXED and (p.stat().st_mode & 0o777) == 0o444


def test_hard_links_all_see_the_fix(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(GLUED, encoding="utf-8")
    other = tmp_path / "elsewhere.md"
    other.hardlink_to(p)
    inode = p.stat().st_ino
    assert run(capsys, "fix", str(p))[0] == 1
    assert p.stat().st_ino == inode and other.read_text(encoding="utf-8") == FIXED


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_owner_and_group_are_kept(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(GLUED, encoding="utf-8")
    os.chown(p, 12345, 23456)
    assert run(capsys, "fix", str(p))[0] == 1
    st = p.stat()
    assert (st.st_uid, st.st_gid) == (12345, 23456) and p.read_text(encoding="utf-8") == FIXED


# -- 4: SIGTERM stops a parallel run like Ctrl-C: no worker outlives the parent, every file whole -----


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(c) for c in (task / "children").read_text().split()}
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads child processes from /proc (Linux)")
def test_sigterm_stops_the_pool_and_leaves_files_whole(tmp_path: Path) -> None:
    import signal
    import time

    body = GLUED * 40
    for i in range(600):
        (tmp_path / f"a{i:04}.txt").write_text(body, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "cleanup.cli", "fix", "--no-languagetool", "--jobs", "2", str(tmp_path)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    fixed = body.replace("Ukraine.Biden", "Ukraine. Biden")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(
        (tmp_path / f"a{i:04}.txt").read_text(encoding="utf-8") == fixed for i in range(40)
    ):
        time.sleep(0.05)
    workers = _children(proc.pid)
    done = False
    try:
        assert workers, "the pool had started"
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
        assert proc.returncode == 143, err.decode()
        assert b"Traceback" not in err
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_alive(w) for w in workers):
            time.sleep(0.05)
        assert not any(_alive(w) for w in workers)
        done = True
    finally:  # a failing run leaves nothing behind
        for pid in () if done else (proc.pid, *workers):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        proc.wait()
    texts = [p.read_text(encoding="utf-8") for p in tmp_path.iterdir()]
    assert all(t in (body, fixed) for t in texts) and texts.count(body) > 100  # stopped well before the end
    assert not [p for p in tmp_path.iterdir() if not p.name.endswith(".txt")]


# -- 10: an article's control bytes never reach the reader's terminal raw --------------------------

HOSTILE = "He said \x1b]0;PWNED\x07 hi.Then \x1b[2J x.\n"


def test_reports_escape_control_characters(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    p = tmp_path / "e.txt"
    p.write_text(HOSTILE, encoding="utf-8")
    for args in (
        ("check",), ("check", "--color", "always"), ("check", "--format", "github"),
        ("diff", "--format", "terminal"), ("diff", "--format", "terminal", "--color", "always"),
    ):  # fmt: skip
        _, out, _ = run(capsys, *args, str(p))
        raw = out.replace("\x1b[0m", "").replace("\x1b[1m", "").replace("\x1b[2m", "")
        for colour in ("\x1b[31m", "\x1b[33m", "\x1b[36m", "\x1b[32m", "\x1b[31;9m"):
            raw = raw.replace(colour, "")
        assert "\x1b" not in raw and "\x07" not in raw, args
        assert "\\x1b]0;PWNED\\x07" in out or "\\x1b[2J" in out


def test_en002_deletes_an_escape_sequence_whole() -> None:
    import cleanup

    findings = [f for f in cleanup.check(HOSTILE) if f.rule == "EN002"]
    assert [HOSTILE[f.start : f.end] for f in findings] == ["\x1b]0;PWNED\x07", "\x1b[2J"]
    assert all(f.fix is not None and len(f.fix.edits) == 1 for f in findings)
    safe = cleanup.fix(HOSTILE).text
    assert "\x1b]0;PWNED\x07" in safe  # deleting the title's letters is unsafe: left whole, never half
    assert "]0;PWNED" not in cleanup.fix(HOSTILE, unsafe=True).text


def test_unified_diff_on_a_terminal_is_escaped(tmp_path: Path) -> None:
    import pty

    p = tmp_path / "e.txt"
    p.write_text(HOSTILE, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    leader, follower = pty.openpty()
    cmd = [sys.executable, "-m", "cleanup.cli", "fix", "--no-languagetool", "--diff", str(p)]
    proc = subprocess.Popen(cmd, env=env, stdout=follower, stderr=subprocess.DEVNULL)
    os.close(follower)
    chunks = []
    with contextlib.suppress(OSError):  # EIO once the child has closed the terminal
        while chunk := os.read(leader, 4096):
            chunks.append(chunk)
    proc.wait(timeout=60)
    os.close(leader)
    shown = b"".join(chunks).decode()
    assert "+He said \\x1b]0;PWNED\\x07 hi. Then" in shown and "\x1b" not in shown
    piped = cli("fix", "--diff", str(p), cwd=tmp_path).stdout.decode()  # a patch keeps its bytes
    assert "+He said \x1b]0;PWNED\x07 hi. Then" in piped


# -- 13: a safe fix never creates a finding it then reports ---------------------------------------


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("He took the position..that’s what he said.\n", "He took the position... that’s what he said.\n"),
        ("He took the position.. that’s what he said.\n", "He took the position... that’s what he said.\n"),
        ("It was… odd. He held the position..that’s all.\n", "It was… odd. He held the position… that’s all.\n"),
        ("He left the room.. Then it rained.\n", "He left the room. Then it rained.\n"),
    ],
)
def test_doubled_period_before_a_lowercase_word_is_not_a_sentence_end(text: str, fixed: str) -> None:
    import cleanup

    before = {f.rule for f in cleanup.check(text)}
    result = cleanup.fix(text)
    assert result.text == fixed
    created = {f.rule for f in cleanup.check(result.text)} - before
    assert created == set() and result.remaining == ()


# -- 14: words with markup between them are not adjacent -----------------------------------------------


def test_repeated_word_across_markup_is_not_flagged() -> None:
    import cleanup

    text = "Run the command and `ls` and see.\n\nThen <b>and</b> and it ended.\n"
    assert [f for f in cleanup.check(text, markup="markdown") if f.rule == "MT002"] == []
    prose = "Run the command and and see.\n"
    assert [f.rule for f in cleanup.check(prose, markup="markdown") if f.rule == "MT002"] == ["MT002"]


# -- 9: the shapes that were quadratic grow linearly (a relative check; benchmarks/adversarial.py
# measures every rule from n to 16n and up to 20 MB) ---------------------------------------------------


@pytest.mark.parametrize(
    ("code", "shape"),
    [("QT001", "unclosed-quotes"), ("QT002", "unclosed-quotes"), ("QT002", "open-quotes"), ("QT006", "nested-quotes")],
)
def test_quotation_rules_are_linear_in_open_quotes(code: str, shape: str) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("adversarial_bench", ROOT / "benchmarks" / "adversarial.py")
    assert spec is not None and spec.loader is not None
    adversarial = sys.modules.get("adversarial_bench") or importlib.util.module_from_spec(spec)
    if "adversarial_bench" not in sys.modules:
        sys.modules["adversarial_bench"] = adversarial  # dataclasses look their module up
        spec.loader.exec_module(adversarial)

    def grows(repeats: int) -> bool:
        t = adversarial.scaling(code, shape, "text", 8000, repeats=repeats, factor=4)
        return t.t_big > 8 * t.t_n + 0.01  # linear: about 4; quadratic: about 16

    assert not (grows(2) and grows(5)), f"{code} on {shape} grows faster than linearly"

"""Every kind of file a pre-commit hook or an ingest pipeline meets (issue 6, inputs).

A bad file gets a clear message naming it and exit code 2, the other files are
still processed, and nothing ends in a traceback. Fixed files keep every byte
outside the edits: BOM, CRLF, lone CR, NUL, a foreign encoding.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import cleanup.cli
from cleanup.cli import main
from cleanup.files import InputError, decode, read_source

GLUED = "The war began in Ukraine.Biden said it was genocide.\n"
FIXED = "The war began in Ukraine. Biden said it was genocide.\n"
CLEAN = "The war began in Ukraine. Biden said it was genocide.\n"
ROOT = Path(__file__).resolve().parent.parent


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main([args[0], "--no-languagetool", *args[1:]])
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "Traceback" not in out
    return code, out, err


def cli(*args: str, cwd: Path, timeout: float = 60, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m cleanup.cli`` in a fresh process (the way a hook runs it)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "cleanup.cli", args[0], "--no-languagetool", *args[1:]],
        cwd=cwd, env=env, capture_output=True, timeout=timeout, input=stdin,
    )  # fmt: skip
    out, err = proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


@pytest.fixture
def good(tmp_path: Path) -> Path:
    p = tmp_path / "good.txt"
    p.write_text(GLUED, encoding="utf-8")
    return p


# -- encodings ---------------------------------------------------------------------------


def test_non_utf8_is_a_named_error_and_other_files_still_run(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, good: Path
) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Café owners fled.Then the war came.\n".encode("latin-1"))
    code, out, err = run(capsys, "check", str(latin), str(good))
    assert code == 2
    assert f"{latin}: not valid UTF-8 (byte 0xe9 at offset 3); pass --encoding" in err
    assert f"{good}:1:25: SP001" in out

    before = latin.read_bytes()
    code, _, err = run(capsys, "fix", str(latin), str(good))
    assert code == 2 and str(latin) in err
    assert latin.read_bytes() == before  # never touched
    assert good.read_text(encoding="utf-8") == FIXED  # still fixed


def test_encoding_option_reads_and_writes_back_in_that_encoding(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Café owners fled.Then the war came.\r\n".encode("latin-1"))
    code, out, _ = run(capsys, "check", "--encoding", "latin-1", str(latin))
    assert code == 1 and f"{latin}:1:17: SP001" in out
    assert run(capsys, "fix", "--encoding", "latin-1", str(latin))[0] == 1
    assert latin.read_bytes() == "Café owners fled. Then the war came.\r\n".encode("latin-1")
    code, _, err = run(capsys, "check", "--encoding", "no-such-codec", str(latin))
    assert code == 2 and f"{latin}: cannot decode as no-such-codec" in err


def test_bom_and_crlf_survive_fix_byte_for_byte(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbfFirst line.\r\nIt ended.Then it began.\r\n\r\nLast.\r\n")
    assert run(capsys, "fix", str(p))[0] == 1  # every rule
    assert p.read_bytes() == b"\xef\xbb\xbfFirst line.\r\nIt ended. Then it began.\r\n\r\nLast.\r\n"
    assert run(capsys, "fix", str(p))[0] == 0  # nothing left


def test_mixed_line_endings_are_kept(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    p = tmp_path / "mixed.txt"
    p.write_bytes(b"One ended.Two began.\r\nThree ended.Four.\nFive ended.Six.\rSeven , eight.\n\r\n")
    code, _out, _ = run(capsys, "check", "--format", "json", str(p))
    assert code == 1
    assert run(capsys, "fix", "--select", "SP,PU", str(p))[0] == 1  # the engine's own families
    assert p.read_bytes() == b"One ended. Two began.\r\nThree ended. Four.\nFive ended. Six.\rSeven, eight.\n\r\n"


def test_nul_bytes_in_text_are_kept_and_text_around_them_checked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    p = tmp_path / "nul.txt"
    p.write_bytes(b"It ended.Then\x00 it began.\n")
    code, out, err = run(capsys, "check", str(p))
    assert code == 1 and f"{p}:1:9: SP001" in out and "binary" not in err
    assert run(capsys, "fix", "--select", "SP,PU", str(p))[0] == 1  # the encoding rules may delete the NUL
    assert p.read_bytes() == b"It ended. Then\x00 it began.\n"
    assert run(capsys, "fix", str(p))[0] in (0, 1)


def test_binary_files_are_skipped_with_a_notice(capsys: pytest.CaptureFixture[str], tmp_path: Path, good: Path) -> None:
    png = tmp_path / "image.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    utf16 = tmp_path / "utf16.md"
    utf16.write_bytes("It ended.Then it began.\n".encode("utf-16-le"))  # no BOM: half NULs
    code, out, err = run(capsys, "check", str(png), str(utf16), str(good))
    assert code == 1  # a notice is not an error; good.txt has a finding
    assert f"cleanup: {png}: binary file, skipped" in err and f"cleanup: {utf16}: binary file, skipped" in err
    assert "error" not in err and f"{good}:1:25" in out
    before = png.read_bytes(), utf16.read_bytes()
    run(capsys, "fix", str(png), str(utf16), str(good))
    assert (png.read_bytes(), utf16.read_bytes()) == before
    # the same through standard input
    proc = cli("check", "-", cwd=tmp_path, stdin=before[0])
    assert proc.returncode == 0 and "-: binary file, skipped" in proc.stderr


def test_empty_file_is_clean_and_untouched(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    p = tmp_path / "empty.md"
    p.write_bytes(b"")
    inode = p.stat().st_ino
    assert run(capsys, "check", str(p))[0] == 0
    assert run(capsys, "fix", str(p))[0] == 0
    assert p.read_bytes() == b"" and p.stat().st_ino == inode  # not even rewritten
    bom_only = tmp_path / "bom.txt"
    bom_only.write_bytes(b"\xef\xbb\xbf")
    assert run(capsys, "fix", str(bom_only))[0] == 0 and bom_only.read_bytes() == b"\xef\xbb\xbf"


# -- size ----------------------------------------------------------------------------------


def test_five_megabyte_single_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """One 5 MB line, all rules; the 50 MB line is measured in benchmarks/adversarial.py."""
    unit = "The war began in Ukraine.Biden said 4,000 people fled at 3.5 a.m. to the U.S. capital; "
    count = 5_000_000 // len(unit) + 1
    p = tmp_path / "line.txt"
    p.write_text(unit * count, encoding="utf-8")
    code, _, err = run(capsys, "fix", "--select", "SP,PU", str(p))
    assert code == 1 and f"SP001×{count}" in err
    assert p.read_text(encoding="utf-8") == unit.replace("Ukraine.Biden", "Ukraine. Biden") * count
    assert "\n" not in p.read_text(encoding="utf-8")
    code, out, _ = run(capsys, "check", "--format", "json", str(p))  # every rule, still no crash
    assert code in (0, 1) and out.startswith("{")


def test_paragraph_of_100000_words(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    words = ["officials", "said", "the", "talks", "would", "resume", "in", "Geneva", "after", "the", "holiday", "and"]
    body = " ".join(words[i % len(words)] for i in range(100_000))
    text = body + " at last.Then it ended.\n"
    p = tmp_path / "para.txt"
    p.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "check", "--select", "SP001", "--format", "json", str(p))
    assert code == 1
    import json

    (finding,) = json.loads(out)["files"][0]["findings"]
    assert finding["start"] == text.index("last.Then") + 4 and finding["line"] == 1
    code, _, _ = run(capsys, "check", str(p))
    assert code in (0, 1)


# -- files that are not there, or not files ----------------------------------------------------


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod-000 file anyway; vanished files cover the path")
def test_unreadable_file(capsys: pytest.CaptureFixture[str], tmp_path: Path, good: Path) -> None:
    p = tmp_path / "secret.txt"
    p.write_text(GLUED, encoding="utf-8")
    p.chmod(0)
    code, out, err = run(capsys, "check", str(p), str(good))
    assert code == 2 and f"{p}: permission denied" in err and f"{good}:1:25" in out


def test_missing_file_is_named_and_others_processed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, good: Path
) -> None:
    missing = tmp_path / "gone.txt"
    code, out, err = run(capsys, "check", str(missing), str(good))
    assert code == 2 and f"{missing}: no such file or directory" in err and f"{good}:1:25" in out


@pytest.mark.parametrize("mode", ["check", "fix", "diff"])
def test_file_vanishing_after_listing(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, good: Path, mode: str
) -> None:
    """The file is listed, then deleted (by git, by another tool) before it is read."""
    doomed = tmp_path / "doomed.txt"
    doomed.write_text(GLUED, encoding="utf-8")
    real_read, real_rewrite = cleanup.cli.read_bytes, cleanup.cli.rewrite_atomically

    def vanish_then(real):  # type: ignore[no-untyped-def]
        def inner(path: str, *args: object) -> object:
            if path == str(doomed) and doomed.exists():
                doomed.unlink()
            return real(path, *args)

        return inner

    monkeypatch.setattr(cleanup.cli, "read_bytes", vanish_then(real_read))
    monkeypatch.setattr(cleanup.cli, "rewrite_atomically", vanish_then(real_rewrite))
    code, _, err = run(capsys, mode, str(doomed), str(good))
    assert code == 2 and f"cleanup: error: {doomed}: " in err
    assert ("no such file" in err.lower()) or ("vanished" in err)
    assert not doomed.exists()
    if mode == "fix":
        assert good.read_text(encoding="utf-8") == FIXED


def test_symlink_loops(capsys: pytest.CaptureFixture[str], tmp_path: Path, good: Path) -> None:
    (tmp_path / "loop1.txt").symlink_to("loop2.txt")
    (tmp_path / "loop2.txt").symlink_to("loop1.txt")
    (tmp_path / "dangling.txt").symlink_to("nowhere.txt")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "up").symlink_to("..")  # a directory loop
    # explicitly named, as the first argument (configuration lookup happens there)
    code, out, err = run(capsys, "check", str(tmp_path / "loop1.txt"), str(good))
    assert code == 2 and f"{tmp_path / 'loop1.txt'}: symbolic link loop" in err and f"{good}:1:25" in out
    # found while walking a directory
    code, out, err = run(capsys, "fix", str(tmp_path))
    assert code == 2
    assert f"{tmp_path / 'loop1.txt'}: symbolic link loop" in err
    assert f"{tmp_path / 'dangling.txt'}: broken symbolic link" in err
    assert "symbolic link loop, skipped" in err  # sub/up
    assert good.read_text(encoding="utf-8") == FIXED
    proc = cli("check", "loop1.txt", "sub", cwd=tmp_path)
    assert proc.returncode == 2 and "loop1.txt: symbolic link loop" in proc.stderr


def test_directory_named_like_a_file_is_walked(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    d = tmp_path / "notes.txt"
    d.mkdir()
    (d / "inner.md").write_text(GLUED, encoding="utf-8")
    code, out, _ = run(capsys, "check", str(d))
    assert code == 1 and f"{d / 'inner.md'}:1:25: SP001" in out
    with pytest.raises(InputError, match=r"notes\.txt: is a directory"):
        read_source(str(d))


def test_fifo_in_a_tree_is_skipped_not_waited_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "a.txt").write_text(GLUED, encoding="utf-8")
    proc = cli("check", ".", cwd=tmp_path, timeout=30)  # reading the FIFO would block forever
    assert proc.returncode == 1 and "a.txt:1:25: SP001" in proc.stdout and "pipe.txt" not in proc.stdout


def test_unwritable_directory_is_an_error_not_a_crash(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, good: Path
) -> None:
    import tempfile

    other = tmp_path / "ro" / "a.txt"
    other.parent.mkdir()
    other.write_text(GLUED, encoding="utf-8")
    real = tempfile.mkstemp

    def mkstemp(*args: object, dir: str | None = None, **kw: object) -> tuple[int, str]:
        if dir == str(other.parent):
            raise PermissionError(13, "Permission denied")
        return real(*args, dir=dir, **kw)  # type: ignore[call-overload,no-any-return]

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    code, _, err = run(capsys, "fix", str(other), str(good))
    assert code == 2 and f"{other}: cannot write: Permission denied" in err
    assert other.read_text(encoding="utf-8") == GLUED and good.read_text(encoding="utf-8") == FIXED


def test_decode_rules() -> None:
    assert decode(b"", "e.txt").text == ""
    assert decode(b"It ended.\x00 Then", "n.txt").text == "It ended.\x00 Then"  # a stray NUL in prose is text
    assert decode(b"\xef\xbb\xbf", "b.txt").bom
    with pytest.raises(InputError, match="binary file"):
        decode(b"a\x00b\x00c\x00", "x.txt")
    with pytest.raises(InputError, match="UTF-32-LE byte order mark but is not utf-32-le"):
        decode(b"\xff\xfe\x00\x00" + b"x" * 50, "x.txt")
    with pytest.raises(InputError, match="binary file"):
        decode(b"\xfe\x00\x00" + b"\xff" * 50, "x.txt")  # NUL and invalid UTF-8


def test_installed_script_and_module_agree(tmp_path: Path) -> None:
    """The console script, if installed, behaves like ``python -m cleanup.cli`` on a bad mix."""
    (tmp_path / "latin.txt").write_bytes(b"caf\xe9 ended.Then\n")
    (tmp_path / "good.txt").write_text(GLUED, encoding="utf-8")
    (tmp_path / "bin.md").write_bytes(bytes(range(256)))
    proc = cli("check", "latin.txt", "good.txt", "bin.md", "missing.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "good.txt:1:25: SP001" in proc.stdout
    assert "latin.txt: not valid UTF-8" in proc.stderr and "bin.md: binary file, skipped" in proc.stderr
    assert "missing.txt: no such file or directory" in proc.stderr
    script = shutil.which("cleanup")
    if script is None:
        return
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    other = subprocess.run([script, "check", "--no-languagetool", "latin.txt", "good.txt", "bin.md", "missing.txt"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)  # fmt: skip
    assert (other.returncode, other.stdout) == (proc.returncode, proc.stdout)
    assert "Traceback" not in other.stderr

"""JSON Lines in and out (issue 12, and the contract of issue 10): check and fix records, streaming."""

from __future__ import annotations

import fcntl
import gzip
import io
import json
import os
import pty
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
import zstandard

import cleanup
import cleanup.progress
from cleanup import Checker, Config
from cleanup.cli import main
from cleanup.jsonl import Fields, Job, run
from cleanup.progress import Progress

ROOT = Path(__file__).resolve().parent.parent
GLUED = "The war began in Ukraine.Biden said it was genocide."
CLEAN = "The army left the city on Monday. Officials said the talks would resume."
CONTRACT_KEYS = {"rule", "name", "category", "severity", "start", "end", "line", "column", "end_line", "end_column",
                 "message", "fix"}  # fmt: skip


def write_jsonl(path: Path, records: list[object]) -> Path:
    data = "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records)
    raw = data.encode("utf-8")
    if path.suffix == ".gz":
        raw = gzip.compress(raw)
    elif path.suffix == ".zst":
        raw = zstandard.ZstdCompressor().compress(raw)
    path.write_bytes(raw)
    return path


def read_jsonl(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines()]


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main([args[0], "--no-languagetool", *args[1:]])
    out, err = capsys.readouterr()
    return code, out, err


def test_check_writes_the_contract_in_input_order(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [
        {"key": "a", "mt": GLUED, "other": 1},
        {"key": "b", "mt": CLEAN},
        {"mt": "Prices rose.They fell."},
    ])  # fmt: skip
    code, out, err = run_cli(capsys, "check", "--jsonl", str(src), "--text-field", "mt", "--id-field", "key",
                             "--format", "jsonl", "-j", "1")  # fmt: skip
    assert code == 1, err
    records = read_jsonl(out)
    assert [r["id"] for r in records] == ["a", "b", None]
    assert all(set(r) == {"id", "findings", "score"} for r in records)
    (finding,) = records[0]["findings"]  # type: ignore[misc]
    assert set(finding) == CONTRACT_KEYS
    assert GLUED[finding["start"] : finding["end"]] == "." and finding["rule"] == "SP001"
    assert records[1]["findings"] == []
    for r, text in zip(records, (GLUED, CLEAN, "Prices rose.They fell."), strict=True):
        assert r["score"] == cleanup.score(text)
        assert 0.0 <= r["score"] <= 1.0  # type: ignore[operator]


def test_source_fields_reach_the_checker_and_the_score(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    src_text = "ウクライナで戦争が始まった。バイデン氏はジェノサイドだと述べた。"
    src = write_jsonl(tmp_path / "in.jsonl", [
        {"id": 1, "text": GLUED, "src": src_text, "lp": "ja-en"},
        {"id": 2, "text": GLUED, "src": None, "lp": None},
    ])  # fmt: skip
    code, out, _ = run_cli(capsys, "check", "--jsonl", str(src), "--source-field", "src", "--source-lang-field", "lp",
                           "--format", "jsonl")  # fmt: skip
    assert code == 1
    first, second = read_jsonl(out)
    checker = Checker(Config())
    expected = checker.check(GLUED, source=src_text, source_lang="ja")
    assert [(f["rule"], f["start"], f["end"]) for f in first["findings"]] == [  # type: ignore[attr-defined]
        (f.rule, f.start, f.end) for f in expected
    ]
    assert first["score"] == cleanup.score(GLUED, source=src_text, source_lang="ja")
    assert [f["rule"] for f in second["findings"]] == [f.rule for f in checker.check(GLUED)]  # type: ignore[attr-defined]


def test_a_malformed_record_is_reported_by_line_and_the_run_goes_on(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [
        {"id": 1, "text": GLUED},
        "{not json",
        {"id": 3},
        "",
        {"id": 5, "text": 42},
        "[1, 2]",
        {"id": 7, "text": CLEAN},
    ])  # fmt: skip
    code, out, err = run_cli(capsys, "check", "--jsonl", str(src), "--format", "jsonl", "-j", "2")
    assert code == 2
    assert [r["id"] for r in read_jsonl(out)] == [1, 7]
    for line, why in ((2, "not valid JSON"), (3, "no 'text' field"), (5, "'text' is not a string"),
                      (6, "not a JSON object")):  # fmt: skip
        assert f"{src}:{line}: {why}" in err
    assert f"{src}:4:" not in err  # a blank line is not a record


def test_fix_writes_records_with_text_fixed_and_what_was_applied(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    src = write_jsonl(tmp_path / "in.jsonl.zst", [{"id": 1, "text": GLUED, "lang": "en"}, {"id": 2, "text": CLEAN}])
    out = tmp_path / "out.jsonl.gz"
    code, stdout, _ = run_cli(capsys, "fix", "--jsonl", str(src), "-o", str(out))
    assert code == 1 and stdout == ""
    first, second = read_jsonl(gzip.decompress(out.read_bytes()).decode("utf-8"))
    assert first["text"] == cleanup.fix(GLUED).text != GLUED
    assert first["id"] == 1 and first["lang"] == "en"
    assert first["cleanup"] == {"applied": [{"rule": "SP001", "name": "missing-space-after-sentence",
                                             "category": "spacing",
                                             "message": "No space after '.' before the next sentence",
                                             "title": "Insert a space"}], "remaining": 0}  # fmt: skip
    assert second == {"id": 2, "text": CLEAN, "cleanup": {"applied": [], "remaining": 0}}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl.zst", "out.jsonl.gz"]  # no temporary left


def test_gzip_input_and_jobs_keep_input_order(tmp_path: Path) -> None:
    texts = [GLUED if i % 3 == 0 else CLEAN + f" Item {i}." for i in range(700)]  # several batches per worker
    src = write_jsonl(tmp_path / "in.jsonl.gz", [{"id": i, "text": t} for i, t in enumerate(texts)])
    outputs = []
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}.jsonl"
        summary = run(Job("check", Fields()), str(src), str(out), jobs=jobs, quiet=True)
        assert (summary.records, summary.errors, summary.failing) == (700, 0, 234)
        outputs.append(out.read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1]
    assert [r["id"] for r in read_jsonl(outputs[1])] == list(range(700))


def cli(*args: str, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "cleanup.cli", *args], cwd=cwd, env=env, input=stdin,
                          capture_output=True, timeout=120, check=False)  # fmt: skip


@pytest.mark.parametrize("suffix", [".gz", ".zst"])
def test_a_truncated_compressed_input_is_an_error_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, suffix: str
) -> None:
    src = write_jsonl(tmp_path / f"in.jsonl{suffix}", [{"id": i, "text": f"{CLEAN} {i}"} for i in range(2000)])
    src.write_bytes(src.read_bytes()[: src.stat().st_size // 2])
    code, _, err = run_cli(capsys, "fix", "--jsonl", str(src), "-o", str(tmp_path / "out.jsonl"), "-j", "1")
    assert code == 2 and f"{src}: cannot read" in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == [src.name]


def test_stdin_to_stdout(tmp_path: Path) -> None:
    data = (json.dumps({"id": "x", "text": GLUED}) + "\n").encode()
    proc = cli("fix", "--no-languagetool", "--jsonl", "-", cwd=tmp_path, stdin=data)
    assert proc.returncode == 1, proc.stderr
    (record,) = read_jsonl(proc.stdout.decode())
    assert record["text"] == cleanup.fix(GLUED).text
    assert b"changed 1 of 1 record" in proc.stderr
    proc = cli("check", "--no-languagetool", "--jsonl", "-", "--format", "jsonl", cwd=tmp_path, stdin=data)
    assert proc.returncode == 1 and read_jsonl(proc.stdout.decode())[0]["id"] == "x"


def test_usage_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": 1, "text": CLEAN}])
    assert run_cli(capsys, "check", "--jsonl", str(src), "--format", "json")[0] == 2
    assert run_cli(capsys, "check", "--jsonl", str(src), str(src))[0] == 2
    assert run_cli(capsys, "check", "--jsonl", str(src), "--source", str(src), "--format", "jsonl")[0] == 2
    assert run_cli(capsys, "check", "--format", "jsonl", str(src))[0] == 2
    assert run_cli(capsys, "fix", "-o", str(tmp_path / "o.jsonl"), str(src))[0] == 2
    code, _, err = run_cli(capsys, "check", "--jsonl", str(tmp_path / "missing.jsonl"), "--format", "jsonl")
    assert code == 2 and "missing.jsonl" in err
    assert run_cli(capsys, "check", "--jsonl", str(src), "--format", "jsonl")[0] == 0


def test_sigterm_leaves_no_half_written_output(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": i, "text": f"{GLUED} Line {i}."} for i in range(40_000)])
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "cleanup.cli", "fix", "--no-languagetool", "--jsonl", "in.jsonl",
                             "-o", "out.jsonl", "-j", "2"], cwd=tmp_path, env=env, stderr=subprocess.PIPE,
                            start_new_session=True)  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        temporary = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        if temporary and temporary[0].stat().st_size > 0:  # records are being written
            break
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGTERM)  # as a scheduler or `timeout` does: the whole group
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and b"Traceback" not in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == [src.name]  # no output, no temporary file


def test_progress_bar_counts_records_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(cleanup.progress, "_DELAY", 0)
    monkeypatch.setattr(cleanup.progress, "_INTERVAL", 0)
    stream = Terminal()
    bar = Progress(total=2048, unit="B", stream=stream)
    bar.update(1024, records=10)
    bar.update(1024, records=5)
    bar.close()
    shown = stream.getvalue()
    assert "15 records" in shown and "100%" in shown and "2.00k" in shown
    quiet, piped = Terminal(), io.StringIO()
    for stream, kwargs in ((quiet, {"quiet": True}), (piped, {})):
        bar = Progress(total=10, unit="file", stream=stream, **kwargs)  # type: ignore[arg-type]
        bar.update(10)
        bar.close()
        assert stream.getvalue() == ""


def test_progress_bar_on_a_real_terminal_and_not_with_q(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "in.jsonl", [{"id": i, "text": f"{CLEAN} Number {i}."} for i in range(5000)])
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    shown = []
    for quiet in ([], ["-q"]):
        primary, secondary = pty.openpty()
        fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a terminal has a size
        proc = subprocess.Popen([sys.executable, "-m", "cleanup.cli", "check", "--no-languagetool", "--jsonl",
                                 "in.jsonl", "--format", "jsonl", "-j", "1", *quiet], cwd=tmp_path, env=env,
                                stdout=subprocess.DEVNULL, stderr=secondary)  # fmt: skip
        os.close(secondary)
        chunks = []
        while True:
            try:
                chunk = os.read(primary, 4096)
            except OSError:  # the terminal closed: the run ended
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(primary)
        assert proc.wait(timeout=120) == 0
        shown.append(b"".join(chunks).decode("utf-8", "replace"))
    assert "records" in shown[0] and "in.jsonl" in shown[0] and "B/s" in shown[0]
    assert "records/s" not in shown[1] and "%" not in shown[1]

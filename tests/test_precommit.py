"""Both pre-commit hooks, for real, with ``pre-commit try-repo`` on a temporary repository."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("pre-commit") is None and not os.environ.get("CI"),
                                reason="pre-commit is not installed (pip install -e '.[test]')")  # fmt: skip


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def try_repo(repo: Path, hook: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    return subprocess.run(
        ["pre-commit", "try-repo", str(ROOT), hook, "--all-files", "--verbose"],
        cwd=repo, env=env, capture_output=True, text=True, timeout=900,
    )  # fmt: skip


def test_hooks_check_and_fix(tmp_path: Path) -> None:
    repo = tmp_path / "articles"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "t@example.org")
    git(repo, "config", "user.name", "t")
    (repo / "story.md").write_text("# Story\n\nIt began in Ukraine.Biden said so.\n", encoding="utf-8")
    (repo / "notes.txt").write_text("A clean sentence.\n", encoding="utf-8")
    (repo / "script.py").write_text("x = 'Ukraine.Biden'\n", encoding="utf-8")
    git(repo, "add", ".")
    home = tmp_path / "pre-commit-home"

    check = try_repo(repo, "cleanup", home)
    assert check.returncode == 1, check.stdout + check.stderr
    assert "SP001" in check.stdout and "script.py" not in check.stdout

    fix = try_repo(repo, "cleanup-fix", home)
    assert fix.returncode == 1, fix.stdout + fix.stderr  # files were modified
    assert (repo / "story.md").read_text(encoding="utf-8") == "# Story\n\nIt began in Ukraine. Biden said so.\n"
    assert (repo / "script.py").read_text(encoding="utf-8") == "x = 'Ukraine.Biden'\n"

    git(repo, "add", ".")
    again = try_repo(repo, "cleanup", home)
    assert again.returncode == 0, again.stdout + again.stderr

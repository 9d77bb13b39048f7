"""The wheel installs rules/ as cleanup.rules, with its data, py.typed and the console script."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_contents(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    (wheel,) = tmp_path.glob("cleanup-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = [p.name for p in (ROOT / "rules").glob("*.py")]
    assert {f"cleanup/rules/{m}" for m in modules} <= names
    data = {f"cleanup/rules/data/{p.name}" for p in (ROOT / "rules" / "data").glob("*.toml")}
    assert data and data <= names
    assert "cleanup/py.typed" in names and "cleanup/cli.py" in names
    sources = {f"cleanup/{p.relative_to(ROOT / 'cleanup').as_posix()}" for p in (ROOT / "cleanup").rglob("*.py")}
    assert sources - names == set()  # every subpackage (analysis, integrations, languagetool)
    assert {f"cleanup/static/{p.name}" for p in (ROOT / "cleanup" / "static").iterdir()} <= names  # the review page
    assert not any(n.startswith("rules/") for n in names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "cleanup = cleanup.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_installed_package_finds_its_rules() -> None:
    from cleanup.rules import MODULES, REGISTRY

    assert {r.fn.__module__.rsplit(".", 1)[-1] for r in REGISTRY.values()} == set(MODULES)

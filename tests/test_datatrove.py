"""The datatrove steps in a real LocalPipelineExecutor pipeline, reading and writing JSON Lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from datatrove.data import Document
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

import cleanup
from cleanup.integrations.datatrove import CleanupFilter, CleanupFormatter

from .readme import example

GLUED = "The war began in Ukraine.Biden said it was genocide."
CLEAN = "The army left the city on Monday. Officials said the talks would resume."
MOJIBAKE = "The cafÃ© owner said he wonâ€™t reopen after the floods."
GARBLED = "The army left the city on Monday. Told. Officials said the talks would resume."


def records(folder: Path) -> list[dict[str, object]]:
    return [json.loads(line) for f in sorted(folder.glob("*.jsonl")) for line in f.read_text("utf-8").splitlines()]


def test_readme_pipeline_filters_fixes_and_excludes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "articles").mkdir()
    rows = [{"id": "glued", "text": GLUED, "url": "u1"}, {"id": "clean", "text": CLEAN},
            {"id": "mojibake", "text": MOJIBAKE}, {"id": "garbled", "text": GARBLED}]  # fmt: skip
    (tmp_path / "articles" / "part.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    exec(example("datatrove"), {})  # the README's pipeline, as written
    kept = {r["id"]: r for r in records(tmp_path / "out" / "kept")}
    dropped = {r["id"]: r for r in records(tmp_path / "out" / "dropped")}
    assert set(kept) == {"glued", "clean"} and set(dropped) == {"mojibake", "garbled"}
    assert dropped["mojibake"]["metadata"]["filter_reason"] == "cleanup_encoding"  # type: ignore[index]
    assert dropped["garbled"]["metadata"]["filter_reason"] == "cleanup_garbled"  # type: ignore[index]
    glued = kept["glued"]
    assert glued["text"] == cleanup.fix(GLUED).text != GLUED
    meta = glued["metadata"]
    assert meta["url"] == "u1"  # type: ignore[index]
    assert [a["rule"] for a in meta["cleanup"]["applied"]] == ["SP001"]  # type: ignore[index]
    assert meta["cleanup_score"] == cleanup.score(GLUED)  # type: ignore[index]
    assert kept["clean"]["text"] == CLEAN and kept["clean"]["metadata"]["cleanup"]["applied"] == []  # type: ignore[index]


def test_filter_by_score_and_source_from_metadata(tmp_path: Path) -> None:
    texts = {"low": CLEAN, "high": "Officials the the said and. Army city left Monday talks the resume would of."}
    scores = {k: cleanup.score(t) for k, t in texts.items()}
    assert scores["low"] < scores["high"]
    threshold = (scores["low"] + scores["high"]) / 2
    step = CleanupFilter(max_score=threshold, source_key="src", source_lang_key="lp")
    doc = Document(texts["high"], "1", metadata={"src": "Die Armee verließ die Stadt.", "lp": "de-en"})
    assert step.source_of(doc) == ("Die Armee verließ die Stadt.", "de")
    assert step.filter(doc) == (False, "cleanup_score")
    assert step.filter(Document(texts["low"], "2")) is True


def test_steps_run_in_worker_processes(tmp_path: Path) -> None:
    """What Slurm and Ray executors do: pickle the steps into other processes."""
    src = tmp_path / "in"
    src.mkdir()
    for i in range(2):
        (src / f"{i}.jsonl").write_text(json.dumps({"id": str(i), "text": GLUED}) + "\n", "utf-8")
    LocalPipelineExecutor(
        pipeline=[JsonlReader(str(src)), CleanupFormatter(), JsonlWriter(str(tmp_path / "out"), compression=None)],
        tasks=2, workers=2, logging_dir=str(tmp_path / "logs"),
    ).run()  # fmt: skip
    out = records(tmp_path / "out")
    assert sorted(r["id"] for r in out) == ["0", "1"]  # type: ignore[type-var]
    assert all(r["text"] == cleanup.fix(GLUED).text for r in out)

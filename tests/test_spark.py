"""Spark: check a DataFrame column on a real local SparkSession (one session for all the tests)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator

import pytest
from pyspark.sql import SparkSession

import cleanup
from cleanup import Checker, Config
from cleanup.integrations.spark import FINDING, check_dataframe
from cleanup.reports import finding_json

from .readme import example

GLUED = "The war began in Ukraine.Biden said it was genocide."


@pytest.fixture(scope="session")
def spark() -> Iterator[SparkSession]:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers run this interpreter
    session = (
        SparkSession.builder.master("local[2]")
        .appName("cleanup-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")  # loopback: CI machines need no resolvable hostname
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_findings_and_score_columns(spark: SparkSession) -> None:
    rows = [(1, GLUED, None, None), (2, "Prices rose 3% in May.", "Die Preise stiegen im Mai um 3 %.", "de-en"),
            (3, None, None, None)]  # fmt: skip
    df = spark.createDataFrame(rows, "id long, text string, src string, lp string")
    out = check_dataframe(df, "text", source="src", source_lang="lp", config=Config(select=("ALL",)))
    assert out.schema["findings"].dataType.elementType == FINDING
    got = {r["id"]: r.asDict(recursive=True) for r in out.collect()}
    checker = Checker(Config(select=("ALL",)))
    from cleanup.document import Document

    for i, text, src, lang in rows[:2]:
        assert text is not None
        doc = Document(text, source=src, source_lang=lang and lang[:2])
        expected = [finding_json(f, doc) for f in checker.check_document(doc)]
        assert got[i]["findings"] == expected
        assert got[i]["score"] == cleanup.score(text, source=src, source_lang=lang and lang[:2])
        assert got[i]["text"] == text and got[i]["src"] == src  # input columns kept
    assert got[1]["findings"][0]["rule"] == "SP001" and got[1]["findings"][0]["fix"]["applicability"] == "safe"
    assert got[3]["findings"] is None and got[3]["score"] is None


def test_readme_example_runs_as_written(spark: SparkSession, capsys: pytest.CaptureFixture[str]) -> None:
    exec(example("spark"), {})
    table = [[cell.strip() for cell in line.split("|")[1:-1]] for line in capsys.readouterr().out.splitlines()
             if line.startswith("|")]  # fmt: skip
    assert table[0] == ["id", "score", "rule", "start"]
    assert ["1", str(cleanup.score("It ended.Then it began.")), "SP001", "8"] in table

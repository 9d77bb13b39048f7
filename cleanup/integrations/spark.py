"""Spark: check a DataFrame's text column, one ``Checker`` per partition.

:func:`check_dataframe` adds two columns: the findings, as an array of structs
with the fields of the JSON contract (offsets into the text), and the score
(``cleanup.score``, in ``[0, 1]``). It runs through ``mapInPandas``, so each
partition builds its Checker once and rows travel as Arrow batches; it works
the same on a local session, a cluster, or Spark Connect.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pyspark.sql.types import (
    ArrayType,
    DoubleType,
    IntegerType,
    StringType,
    StructField,
    StructType,
)

from cleanup.model import Config

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame

__all__ = ["FINDING", "check_dataframe"]

_EDIT = StructType([
    StructField("start", IntegerType(), False),
    StructField("end", IntegerType(), False),
    StructField("replacement", StringType(), False),
])  # fmt: skip
_FIX = StructType([
    StructField("title", StringType(), False),
    StructField("applicability", StringType(), False),
    StructField("edits", ArrayType(_EDIT, False), False),
])  # fmt: skip
#: One finding, with the keys and types of the JSON contract (``fix`` is null when there is none).
FINDING = StructType(
    [StructField(name, StringType(), False) for name in ("rule", "name", "category", "severity")]
    + [StructField(name, IntegerType(), False) for name in ("start", "end", "line", "column", "end_line", "end_column")]
    + [StructField("message", StringType(), False), StructField("fix", _FIX, True)]
)


def check_dataframe(
    df: DataFrame,
    text: str = "text",
    *,
    source: str | None = None,
    source_lang: str | None = None,
    config: Config | None = None,
    findings_column: str = "findings",
    score_column: str = "score",
) -> DataFrame:
    """``df`` with ``findings`` (array of :data:`FINDING`) and ``score`` (double) columns added.

    ``text`` names the column to check; ``source`` and ``source_lang`` (a code
    such as ``ja`` or a pair ``ja-en``) name optional columns with the text it was
    translated from. A null text gets null findings and score.
    """
    schema = StructType([
        *df.schema.fields,
        StructField(findings_column, ArrayType(FINDING, False), True),
        StructField(score_column, DoubleType(), True),
    ])  # fmt: skip
    config = config or Config()

    def partition(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        from cleanup.checker import Checker
        from cleanup.document import Document
        from cleanup.reports import finding_json
        from cleanup.scoring import score_document

        checker = Checker(config)  # once per partition
        for batch in batches:
            found: list[object] = []
            scores: list[float | None] = []
            for i in range(len(batch)):
                value = batch[text].iat[i]
                if not isinstance(value, str):
                    found.append(None)
                    scores.append(None)
                    continue
                src = _str(batch[source].iat[i]) if source else None
                lang = _lang(batch[source_lang].iat[i]) if source_lang else None
                doc = Document(value, source=src, source_lang=lang)
                findings = checker.check_document(doc)
                found.append([finding_json(f, doc) for f in findings])
                scores.append(score_document(doc, findings, checker=checker))
            yield batch.assign(**{findings_column: found, score_column: scores})

    return df.mapInPandas(partition, schema)


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _lang(value: object) -> str | None:
    return value.split("-", 1)[0].lower() if isinstance(value, str) and value else None

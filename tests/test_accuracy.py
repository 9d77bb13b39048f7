"""The accuracy family through the Python API, JSON Lines records and the CLI's ``--source``."""

from __future__ import annotations

import json
from pathlib import Path

import cleanup
from cleanup import Checker, Config
from cleanup.cli import main

SOURCE_MD = (
    "Ein russischer Soldat in Kiew erzählte am Telefon, wie sein Kommandeur befahl, Zivilisten zu töten und "
    "ihren Verbleib zu verbergen, [Kriegsverbrechen nach internationalem Recht](https://example.org/law).\n\n"
    "Die Times hat 4.000 Aufnahmen erhalten.\n"
)
TARGET_MD = (
    "A Russian soldier in Kyiv said by phone how his commander ordered the army to kill civilians and hide "
    "their whereabouts. [war crimes under international law](https://example.org/law).\n\n"
    "The Times obtained 4,000 recordings.\n"
)

JSONL = "\n".join(
    json.dumps(r, ensure_ascii=False)
    for r in (
        {"id": "a", "src": "約3万人が避難した。", "mt": "About 3,000 people were evacuated.", "lp": "ja-en"},
        {"id": "b", "src": "約3万人が避難した。", "mt": "About 30,000 people were evacuated.", "lp": "ja-en"},
        {
            "id": "c",
            "src": "Переговоры закончились. Стороны разошлись.",
            "mt": "The talks ended. Стороны разошлись.",
            "lp": "ru-en",
        },
        {"id": "d", "mt": "The talks ended."},
    )
)


def test_rules_are_silent_without_a_source() -> None:
    checker = Checker(Config(select=("AC",)))
    assert checker.check("About 3,000 people were evacuated. Стороны разошлись без соглашения.") == []


def test_jsonl_records_through_the_api() -> None:
    checker = Checker(Config(select=("AC",)))
    found = {}
    for line in JSONL.splitlines():
        record = json.loads(line)
        findings = checker.check(record["mt"], source=record.get("src"), source_lang=record.get("lp"))
        found[record["id"]] = [(f.rule, record["mt"][f.start : f.end]) for f in findings]
    assert found == {
        "a": [("AC001", "3,000")],
        "b": [],
        "c": [("AC006", "Стороны разошлись.")],
        "d": [],
    }


def test_score_reflects_accuracy_findings() -> None:
    src = "Переговоры закончились. Стороны разошлись."
    assert cleanup.score("The talks ended. Стороны разошлись.", source=src) > 0.5
    assert cleanup.score("The talks ended. The sides parted.", source=src) < 0.2


def test_fix_repairs_a_name_to_the_source_spelling() -> None:
    result = cleanup.fix("Empty tomb in Idium, Ukraine", unsafe=True, source="Порожня могила в Izium, Україна")
    assert result.text == "Empty tomb in Izium, Ukraine"


def test_cli_source_finds_the_seed_style_link_displacement(tmp_path: Path, capsys: object) -> None:
    src, tgt = tmp_path / "src.md", tmp_path / "tgt.md"
    src.write_text(SOURCE_MD, encoding="utf-8")
    tgt.write_text(TARGET_MD, encoding="utf-8")
    code = main(["check", "--no-languagetool", "--select", "AC", "--format", "json", "--source", str(src), str(tgt)])
    out = json.loads(capsys.readouterr().out)  # type: ignore[attr-defined]
    findings = out["files"][0]["findings"]
    assert code == 1
    assert [(f["rule"], f["category"], TARGET_MD[f["start"] : f["end"]]) for f in findings] == [
        ("AC004", "accuracy", "war crimes under international law")
    ]
    assert main(["check", "--no-languagetool", "--select", "AC", "--source", str(src), str(tgt), str(tgt)]) == 2


def test_cli_source_clean_pair_exits_zero(tmp_path: Path) -> None:
    src, tgt = tmp_path / "src.txt", tmp_path / "tgt.txt"
    src.write_text("Die Times hat 4.000 Aufnahmen erhalten.\n", encoding="utf-8")
    tgt.write_text("The Times obtained 4,000 recordings.\n", encoding="utf-8")
    args = ["check", "--no-languagetool", "--select", "AC", "--source", str(src), "--source-lang", "de", str(tgt)]
    assert main(args) == 0


def test_cli_jsonl_with_a_source_field_reports_accuracy_findings(tmp_path: Path, capsys: object) -> None:
    path = tmp_path / "pairs.jsonl"
    path.write_text(JSONL + "\n", encoding="utf-8")
    args = ["check", "--jsonl", str(path), "--text-field", "mt", "--id-field", "id", "--source-field", "src",
            "--source-lang-field", "lp", "--select", "AC", "--format", "jsonl", "--no-languagetool"]  # fmt: skip
    code = main(args)
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]  # type: ignore[attr-defined]
    assert code == 1
    assert [(r["id"], [(f["rule"], f["category"]) for f in r["findings"]]) for r in lines] == [
        ("a", [("AC001", "accuracy")]),
        ("b", []),
        ("c", [("AC006", "accuracy")]),
        ("d", []),
    ]
    scores = {r["id"]: r["score"] for r in lines}
    assert scores["c"] > 0.5 > scores["b"]


def test_a_text_checked_against_itself_has_no_accuracy_findings() -> None:
    seed = (Path(__file__).resolve().parent.parent / "corpus" / "articles" / "seed.txt").read_text(encoding="utf-8")
    assert Checker(Config(select=("AC",))).check(seed, source=seed) == []

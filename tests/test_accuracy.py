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
    result = cleanup.fix("New museum in Vekmar, Ukraine", unsafe=True, source="Новий музей у Velmar, Україна")
    assert result.text == "New museum in Velmar, Ukraine"


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


def _values(text: str, lang: str) -> list[tuple[str, list[float], bool]]:
    from cleanup.analysis.numbers import numbers

    return [(text[n.start : n.end], sorted(n.values), n.spelled) for n in numbers(text, lang)]


def test_months_are_values_of_their_own() -> None:
    from cleanup.analysis.numbers import is_month, month

    assert is_month(month(6)) and not is_month(6.0)
    # a spelled month of the source and of the translation meet; the day stays a count
    assert _values("6 червня", "uk") == [("6", [6.0], False), ("червня", [month(6)], True)]
    assert _values("June 6", "en") == [("June", [month(6)], True), ("6", [6.0], False)]
    # CJK months, with or without a space, and numeric dates carry the month value as well
    assert month(10) in _values("1990 年10 月", "zh")[1][1]
    assert [v for _, v, _ in _values("2024-03-08", "zh")] == [[2024.0], [month(3), 3.0], [8.0]]
    assert [v for _, v, _ in _values("am 06.06.2022", "de")] == [[6.0], [month(6), 6.0], [2022.0]]
    # the verb "may" is no month
    assert _values("it may rain", "en") == []


def test_spelled_numbers_ordinals_scales_and_ranges() -> None:
    assert _values("Twenty-two of them, the twelfth", "en") == [("Twenty-two", [22.0], True), ("twelfth", [12.0], True)]
    assert [v for _, v, _ in _values("a quarter of a million, two decades", "en")] == [[250000.0], [20.0]]
    # the first figure of a range takes the scale word of the second
    assert 40000.0 in _values("от 40 до 60 тысяч", "ru")[0][1]
    # a full-width comma separates clauses: the figure after it is read
    assert [t for t, _, _ in _values("据统计，2019年", "zh")] == ["2019"]


def test_a_figure_of_a_score_pairs_with_figures_only() -> None:
    checker = Checker(Config(select=("AC001",)))
    src = "Команда выиграла два матча, последний со счётом 3:2."
    assert [f.rule for f in checker.check("The team won two matches, the last 3:2.", source=src)] == []
    found = checker.check("The team won two matches, the last 3:3.", source=src, source_lang="ru")
    assert [(f.rule, f.start) for f in found] == [("AC001", len("The team won two matches, the last 3:"))]


def test_alignment_anchors_and_source_boundaries() -> None:
    from cleanup.analysis.bilingual import anchors, source_sentences

    spans = [(0, 27), (28, 40)]
    got = anchors("Am Freitag 120.000 in Lyon. Heute nicht.", spans, "On Friday 120,000 in Lyon.")
    assert [sorted(a) for a in got] == [["120000", "Lyon"], []]
    text = "Wir gingen.Dann kam er. 好吗?不好。 Siehe Nr. 5 und прим. ТАСС hier."
    assert [text[a:b] for a, b in source_sentences(text)] == [
        "Wir gingen.",
        "Dann kam er.",
        "好吗?",
        "不好。",
        "Siehe Nr. 5 und прим. ТАСС hier.",
    ]


def test_a_left_out_sentence_is_flagged_on_both_neighbours() -> None:
    src = (
        "Die Bibliothek bleibt geschlossen. Wegen eines Wasserschadens im Keller müssen rund 120.000 Bücher "
        "getrocknet und neu katalogisiert werden. Die Stadt sucht Helfer."
    )
    tgt = "The library remains closed. The city is looking for volunteers."
    found = Checker(Config(select=("AC007",))).check(tgt, source=src, source_lang="de")
    # the gap sits between two sentences: the finding spans both
    assert [(f.rule, tgt[f.start : f.end]) for f in found] == [("AC007", tgt)]
    full = "The library remains closed. Because of water damage in the basement, some 120,000 books must be dried. "
    assert Checker(Config(select=("AC007",))).check(full + "The city is looking for volunteers.", source=src) == []


def test_cjk_compounds_eras_year_ranges_and_words_that_are_no_numbers() -> None:
    from cleanup.analysis.numbers import numbers

    def read(text: str, lang: str) -> list[tuple[str, list[float], bool]]:
        return [(text[n.start : n.end], sorted(n.values), n.spelled) for n in numbers(text, lang)]

    assert read("約48万3千人と612万500人", "zh") == [("48万3千", [483000.0], False), ("612万500", [6120500.0], False)]
    # an era year beside its Western year is a gloss; alone it is the year itself
    assert read("大正１２（１９２３）年", "ja") == [("大正１２", [12.0, 1923.0], True), ("１９２３", [1923.0], False)]
    assert read("令和2年", "ja") == [("令和2", [2.0, 2020.0], False)]
    assert read("（１８６４～９９年）", "ja")[1] == ("９９", [99.0, 1899.0], False)
    assert read("2024-03-08", "ja")[0][1] == [2024.0]  # a date, not a range of years
    assert read("何百万人、万一の場合", "ja") == []
    assert read("300 тис. осіб", "uk") == [("300 тис.", [300.0, 300000.0], False)]
    assert read("World War II, the XIV century, IVF", "en")[0] == ("II", [2.0], True)


def test_list_markers_codes_headlines_and_transliterations() -> None:
    check = Checker(Config(select=("AC001", "AC002", "AC010"))).check
    assert check("The battery runs down too fast", source="2.电池续航太短", source_lang="zh") == []
    assert check("The Xiaomi band is easy to use", source="07 Xiaomi 手环很好用", source_lang="zh") == []
    src = "B7小组派出4名队员，在3号营地工作。"
    assert check("Team B7 sent four members to work at camp 3.", source=src, source_lang="zh") == []
    assert [f.rule for f in check("Team B7 sent four members to work at camp 8.", source=src, source_lang="zh")]
    assert check("A large tent for the whole family", source="家族みんなで使える大型テント。", source_lang="ja") == []
    src = "テントは昨日届きました。\n\nすぐに使えました。"
    assert [
        f.rule for f in check("The tent arrived yesterday\n\nIt was ready to use.", source=src, source_lang="ja")
    ] == ["AC010"]
    assert check("Bridges near Lviv and Poltava.", source="Brücken bei Lwiw und Poltawa.", source_lang="de") == []
    assert [f.rule for f in check("Bridges near Poltama.", source="Brücken bei Poltawa.", source_lang="de")] == [
        "AC002"
    ]


def test_a_sentence_left_out_where_the_aligner_merged_its_neighbours_is_placed_by_realigning() -> None:
    src = (
        "Der Chor ist seit Jahren beliebt. Zwei seiner vier Konzerte in diesem Sommer waren "
        "ausverkauft. Im Herbst 2022 trat er zum ersten Mal in Salzburg auf, und 2023 folgte eine Tournee durch Polen."
    )
    first = "Two of its four concerts this summer were sold out."
    tgt = first + " In autumn 2022 it performed in Salzburg for the first time, and a tour of Poland followed in 2023."
    found = Checker(Config(select=("AC007",))).check(tgt, source=src, source_lang="de")
    # the aligner merges the last two source sentences into the last translated one; the sentence
    # really left out is the first, before the first translated sentence
    assert [(f.rule, tgt[f.start : f.end]) for f in found] == [("AC007", first)]


def test_may_opening_a_sentence_is_the_modal_verb_unless_a_day_or_year_follows() -> None:
    from cleanup.analysis.numbers import is_month, numbers

    def months(text: str) -> list[str]:
        return [text[n.start : n.end] for n in numbers(text, "en") if any(is_month(v) for v in n.values)]

    assert months("May I help? Yes. “May we sit here?” she asked.") == []
    assert months("The shop opened in May. May 14 was its busiest day, and May 2021 its worst month.") == [
        "May",
        "May",
        "May",
    ]
    assert months("Prices may rise in March.") == ["March"]


def test_source_abbreviations_are_data() -> None:
    from cleanup.analysis.bilingual import source_sentences
    from cleanup.datafiles import load_toml

    table = load_toml("abbreviations.toml")["source"]
    assert isinstance(table, dict) and {"de", "ru", "uk"} <= set(table)
    assert "обл" in str(table["uk"]).split()
    text = "Село у Полтавській обл. Громада відновила школу. Siehe Nr. 7 und Abs. Drei."
    assert [text[a:b] for a, b in source_sentences(text)] == [
        "Село у Полтавській обл. Громада відновила школу.",
        "Siehe Nr. 7 und Abs. Drei.",
    ]


def test_digits_glued_after_letters_are_a_code_in_a_latin_or_cyrillic_source_only() -> None:
    from cleanup.analysis.numbers import numbers

    def read(text: str, lang: str) -> list[str]:
        return [text[n.start : n.end] for n in numbers(text, lang)]

    assert read("Typ B737 und Ту154, 12 Stück", "de") == ["12"]
    assert read("Рейс Ту154 и 3 самолёта", "ru") == ["3"]
    # CJK text glues Latin words to its counts, and so does an English translation
    assert read("人気ランキングTOP4とNo2", "ja") == ["4", "2"]
    assert read("Unit7 ranked TOP4", "en") == ["7", "4"]


def test_a_headline_ends_before_a_separator() -> None:
    from cleanup.analysis.bilingual import source_sentences

    text = "Wer hat das Haus verkauft? : Die Stadt prüft den Fall. Was nun? : nein"
    assert [text[a:b] for a, b in source_sentences(text)] == [
        "Wer hat das Haus verkauft? :",
        "Die Stadt prüft den Fall.",
        "Was nun? : nein",
    ]


def test_a_sentence_split_in_two_and_shorter_has_lost_a_piece() -> None:
    src = "这座桥建于一九三六年，去年夏天的洪水冲走了两个桥墩，修复工程预计要到明年秋天才能完成，期间车辆只能绕行。"
    checker = Checker(Config(select=("AC007",)))
    short = "The bridge was built in 1936. Last summer's flood washed away two piers."
    found = checker.check(short, source=src, source_lang="zh")
    assert [(f.rule, short[f.start : f.end]) for f in found] == [("AC007", short)]
    assert "given as 2" in found[0].message
    full = (
        "The bridge was built in 1936, and last summer's flood washed away two of its piers. "
        "The repairs are not expected to be finished until next autumn. "
        "Until then, vehicles have to take a detour."
    )
    # given as three, the aligner pairs the source with two and leaves one alone: that one counts too
    assert checker.check(full, source=src, source_lang="zh") == []


def test_short_margin_option_bounds_a_short_sentence() -> None:
    src = (
        "Die Gemeinde will die alte Brücke über den Fluss im kommenden Frühjahr abreißen lassen und bis zum "
        "Herbst eine neue, breitere Brücke mit einem eigenen Radweg bauen, die auch schwere Lastwagen tragen kann."
    )
    tgt = "The municipality wants the old bridge over the river torn down next spring and a new one built by autumn."
    assert [f.rule for f in Checker(Config(select=("AC007",))).check(tgt, source=src, source_lang="de")] == ["AC007"]
    lenient = Checker(Config(select=("AC007",), options={"AC007": {"short_margin": 2.0}}))
    assert lenient.check(tgt, source=src, source_lang="de") == []


def test_many_source_clauses_given_as_a_short_sentence_of_few() -> None:
    src = "他们周一到达，周二参观了工厂，周三和工人座谈，周四去了港口，周五开完会就回国了。"
    checker = Checker(Config(select=("AC007",)))
    short = "They arrived on Monday and visited the factory."
    found = checker.check(short, source=src, source_lang="zh")
    assert [(f.rule, short[f.start : f.end]) for f in found] == [("AC007", short)]
    assert "4 more clause breaks" in found[0].message
    full = (
        "They arrived on Monday, visited the factory on Tuesday, talked with the workers on Wednesday, "
        "went to the port on Thursday, and flew home after the meeting on Friday."
    )
    assert checker.check(full, source=src, source_lang="zh") == []
    # as short, but with its clauses: the length alone is no omission
    assert (
        checker.check(
            "They came Monday, saw the plant Tuesday, met staff Wednesday, the port Thursday, home Friday.",
            source=src,
            source_lang="zh",
        )
        == []
    )


def test_a_number_s_comma_or_colon_is_no_clause_mark() -> None:
    from cleanup.rules.accuracy import _SOURCE_CLAUSE, _TARGET_CLAUSE

    assert _SOURCE_CLAUSE.findall("Er lief 1,5 km, um 10:30 Uhr，然后") == [",", "，"]
    assert _TARGET_CLAUSE.findall("It cost 2,000 yuan, at 10:30; then he left. Later") == [",", ";", "."]

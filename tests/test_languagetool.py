"""LanguageTool against a real server (started by scripts/languagetool.sh; CI fails without it),
and its faults against a loopback server that misbehaves on purpose."""

from __future__ import annotations

import http.server
import json
import os
import pickle
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleanup import Checker, Config, Document
from cleanup.cli import main
from cleanup.languagetool import LanguageToolBackend, LanguageToolUnavailable, backend_from_config, prepare
from cleanup.languagetool.backend import UNPROVEN_DENSITY, default_disabled_rules, utf16_to_str, without_unproven
from cleanup.languagetool.server import running
from cleanup.model import Category, Finding, Severity

SEED = Path(__file__).resolve().parent.parent / "corpus" / "articles" / "seed.txt"


@pytest.fixture(scope="module")
def url() -> str:
    found = os.environ.get("CLEANUP_LANGUAGETOOL_URL") or (running().url if running() else None)
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("CI must run these tests against a real LanguageTool server: run scripts/languagetool.sh")
    pytest.skip("no LanguageTool server here: run scripts/languagetool.sh")


def lt_config(url: str, **extra: object) -> Config:
    return Config(use_languagetool=True, languagetool={"url": url, "required": True, **extra})


def test_utf16_offsets() -> None:
    text = "a😀b𝄞c"
    m = utf16_to_str(text)
    assert m is not None and [m[i] for i in (0, 1, 3, 4, 6, 7)] == [0, 1, 2, 3, 4, 5]


def test_real_matches_with_astral_characters(url: str) -> None:
    text = "We was happy 😀😀 yesterday. 😀 This are bad news."
    found = Checker(lt_config(url, enabled_rules=[])).check(text)
    grammar = {text[f.start : f.end] for f in found if f.rule == "LT"}
    assert "This" in grammar or "This are" in grammar or "are" in grammar
    assert "was" in grammar or "We was" in grammar
    assert all(f.category == "grammar" for f in found if f.rule == "LT")


def test_real_utf16_offsets_are_converted(url: str) -> None:
    text = "😀😀 We was happy 😀 today."
    backend = LanguageToolBackend(url)
    raw = [m for m in backend._matches(text) if m["rule"]["id"] == "PERS_PRONOUN_AGREEMENT"]
    assert [(m["offset"], m["length"]) for m in raw] == [(8, 3)]  # UTF-16: each emoji is two units
    found = [f for f in backend.check(Document(text)) if f.name == "PERS_PRONOUN_AGREEMENT"]
    assert [(f.start, f.end, text[f.start : f.end]) for f in found] == [(6, 9, "was")]


def test_mapping_of_a_real_match(url: str) -> None:
    text = "It rained. then it stopped."
    backend = LanguageToolBackend(url)
    (f,) = backend.check(Document(text))
    assert (f.rule, f.name, f.category, f.start, f.end) == ("LT", "UPPERCASE_SENTENCE_START", "grammar", 11, 15)
    assert f.fix is not None and f.fix.applicability.name == "UNSAFE" and f.fix.edits[0].replacement == "Then"
    assert "uppercase" in f.message


def test_enabled_rule_overrides_the_noise_filter(url: str) -> None:
    text = "It rained. then it stopped."
    default = Checker(lt_config(url)).check(text)
    enabled = Checker(lt_config(url, enabled_rules=["UPPERCASE_SENTENCE_START"])).check(text)
    assert [f.rule for f in default] == [f.rule for f in enabled] == ["LK002"]  # the built-in one is kept
    assert "UPPERCASE_SENTENCE_START" not in default[0].message
    assert "[LanguageTool agrees: UPPERCASE_SENTENCE_START]" in enabled[0].message


def test_prose_only_in_markdown(url: str) -> None:
    text = "Some `code they is` here, and [a link](https://x.org/they_is) that are fine.\n"
    found = Checker(lt_config(url)).check(text, markup="markdown")
    doc = Document(text, markup="markdown")
    assert all(doc.in_prose(f.start, f.end) for f in found)


def test_fix_applicability(url: str) -> None:
    text = "He go to school every days."
    found = [f for f in Checker(lt_config(url)).check(text) if f.rule == "LT"]
    assert found and all(f.fix is None or f.fix.applicability.name in ("UNSAFE", "DISPLAY_ONLY") for f in found)


def test_merge_keeps_one_finding_per_defect(url: str) -> None:
    text = SEED.read_text(encoding="utf-8")
    found = Checker(lt_config(url)).check(text)
    builtin = [f for f in found if f.rule != "LT"]
    grammar = [f for f in found if f.rule == "LT"]
    for g in grammar:
        assert not any(b.start <= g.end and g.start <= b.end for b in builtin), g
    assert {g.name for g in grammar} & set(default_disabled_rules()) == set()


def test_backend_pickles(url: str) -> None:
    backend = backend_from_config(lt_config(url))
    assert backend is not None
    clone = pickle.loads(pickle.dumps(backend))
    assert clone._client is None
    assert clone.check(Document("They was there.")) != []


def test_cli_require_languagetool_on_seed(
    url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLEANUP_LANGUAGETOOL_URL", url)
    code = main(["check", "--require-languagetool", "--format", "json", str(SEED)])
    data = json.loads(capsys.readouterr().out)
    text = SEED.read_text(encoding="utf-8")
    findings = data["files"][0]["findings"]
    # On the seed every LanguageTool match is a defect a built-in rule reports too: one finding each.
    assert code == 1 and any("[LanguageTool agrees: SENTENCE_WHITESPACE]" in f["message"] for f in findings)
    assert any(f["rule"] == "SP001" for f in findings)
    for f in findings:
        assert 0 <= f["start"] <= f["end"] <= len(text)


# -- without a server, and with a bad one ----------------------------------------------


def test_unavailable_is_a_notice(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("cleanup.languagetool._noticed", set())  # the notice is once per process
    config = Config(use_languagetool=True, languagetool={"url": "http://127.0.0.1:9"})
    assert backend_from_config(config) is None
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "grammar checking is off" in err and "cleanup languagetool install" in err
    assert [f.rule for f in Checker(config).check("It ended.Then it began.")] == ["SP001"]


def test_unavailable_when_required() -> None:
    with pytest.raises(LanguageToolUnavailable):
        backend_from_config(Config(use_languagetool=True, languagetool={"url": "http://127.0.0.1:9", "required": True}))


def test_no_autostart_turns_grammar_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))  # nothing installed, nothing running here
    monkeypatch.delenv("CLEANUP_LANGUAGETOOL_URL", raising=False)
    monkeypatch.delenv("CLEANUP_REQUIRE_LANGUAGETOOL", raising=False)
    assert prepare(Config(use_languagetool=True)).use_languagetool is False


def test_cli_require_languagetool_fails_cleanly(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("Fine text.\n", encoding="utf-8")
    cfg = tmp_path / "cleanup.toml"
    cfg.write_text('[languagetool]\nurl = "http://127.0.0.1:9"\n', encoding="utf-8")
    assert main(["check", "--require-languagetool", "--config", str(cfg), str(p)]) == 2
    assert "LanguageTool is required" in capsys.readouterr().err


class _Faulty(http.server.BaseHTTPRequestHandler):
    mode = "error"

    def log_message(self, *args: object) -> None:
        pass

    def _send(self, code: int, body: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if self.mode == "languages-500":
            self._send(500, b"Internal Server Error")
        elif self.mode == "languages-garbage":
            self._send(200, b"\xff\xfe<html>\x1b[2J")
        else:
            self._send(200, json.dumps([{"name": "English (US)", "code": "en", "longCode": "en-US"}]).encode())

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.mode == "slow":
            time.sleep(3)
            self._send(200, b'{"matches": []}')
        elif self.mode == "hang":
            time.sleep(20)
        elif self.mode == "garbage":
            self._send(200, b"<html>not json")
        elif self.mode == "bytes":
            self._send(200, b"\xff\xfe\x00garbage \x1b[2J from the server")
        elif self.mode == "wrong-shape":
            self._send(200, b'{"matches": [{"offset": "x"}]}')
        else:
            self._send(500, b"internal error")


@pytest.fixture
def faulty() -> Iterator[tuple[str, type[_Faulty]]]:
    handler = type("Handler", (_Faulty,), {})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.handle_error = lambda request, address: None  # type: ignore[method-assign]  # the client hung up
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", handler
    server.shutdown()


@pytest.mark.parametrize("mode", ["error", "garbage", "wrong-shape", "slow"])
def test_server_faults_give_builtin_findings_and_a_warning(
    mode: str, faulty: tuple[str, type[_Faulty]], capsys: pytest.CaptureFixture[str]
) -> None:
    address, handler = faulty
    handler.mode = mode
    checker = Checker(Config(use_languagetool=True, languagetool={"url": address, "timeout": 1}))
    started = time.monotonic()
    found = checker.check("It ended.Then it began.")
    assert [f.rule for f in found] == ["SP001"]
    assert time.monotonic() - started < 15
    assert "LanguageTool failed" in capsys.readouterr().err


def test_repeated_faults_stop_asking(faulty: tuple[str, type[_Faulty]], capsys: pytest.CaptureFixture[str]) -> None:
    address, handler = faulty
    handler.mode = "slow"
    backend = LanguageToolBackend(address, timeout=0.5)
    started = time.monotonic()
    for _ in range(10):
        assert backend.check(Document("It rained.")) == []
    assert time.monotonic() - started < 3 * 2 * 0.5 + 3  # three documents time out (one retry each), then none
    assert "off for the rest of this run" in capsys.readouterr().err


def test_backend_settings_survive_pickling() -> None:
    b = LanguageToolBackend("http://127.0.0.1:9", disabled_rules=("X",), timeout=3)
    c = pickle.loads(pickle.dumps(b))
    assert (c.url, c.disabled_rules, c.timeout) == ("http://127.0.0.1:9", ("X",), 3)


# -- issue 14: bounded time, required means it worked, and what the server did in one line -------------


def _article(tmp_path: Path, n: int) -> list[str]:
    paths = []
    for i in range(n):
        p = tmp_path / f"a{i}.txt"
        p.write_text("It ended.Then it began.\n", encoding="utf-8")
        paths.append(str(p))
    return paths


def _lt_toml(tmp_path: Path, address: str, **extra: object) -> str:
    cfg = tmp_path / "cleanup.toml"
    lines = [f'url = "{address}"', *(f"{k} = {v}" for k, v in extra.items())]
    cfg.write_text("[languagetool]\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return str(cfg)


def test_a_timeout_is_a_strike_and_is_not_retried(
    faulty: tuple[str, type[_Faulty]], capsys: pytest.CaptureFixture[str]
) -> None:
    address, handler = faulty
    handler.mode = "hang"
    backend = LanguageToolBackend(address, timeout=1)
    started = time.monotonic()
    for _ in range(6):
        assert backend.check(Document("It rained.")) == []
    assert time.monotonic() - started < 5  # three documents of one 1 s timeout each; a retry doubled it
    err = capsys.readouterr().err
    assert "gave no answer within 1 s" in err and "off for the rest of this run" in err


def test_grammar_checking_has_a_time_budget_per_run(
    faulty: tuple[str, type[_Faulty]], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    address, handler = faulty
    handler.mode = "slow"  # answers, but each answer takes 3 s
    cfg = _lt_toml(tmp_path, address, timeout=10, budget=2)
    started = time.monotonic()
    code = main(["check", "--config", cfg, *_article(tmp_path, 6)])
    assert time.monotonic() - started < 8
    err = capsys.readouterr().err
    assert code == 1 and err.count("time budget for grammar checking is spent") == 1


@pytest.mark.parametrize("mode", ["garbage", "bytes", "wrong-shape", "error"])
def test_required_languagetool_that_failed_is_exit_2(
    mode: str, faulty: tuple[str, type[_Faulty]], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    address, handler = faulty
    handler.mode = mode
    cfg = _lt_toml(tmp_path, address, timeout=2)
    code = main(["check", "--require-languagetool", "--config", cfg, *_article(tmp_path, 2)])
    captured = capsys.readouterr()
    assert code == 2
    err = captured.err
    assert "LanguageTool is required but failed" in err and "internal error" not in err
    assert "codec" not in err and "garbage" not in err and "\x1b" not in err and "<html>" not in err
    for line in err.splitlines()[:-1]:
        assert line.startswith("cleanup: error: ")


@pytest.mark.parametrize(
    ("mode", "said"),
    [
        ("error", "/v2/check answered HTTP 500 Internal Server Error (application/json)"),
        ("garbage", "answered HTTP 200 with 14 bytes of application/json that are not JSON"),
        ("bytes", "bytes of application/json that are not JSON"),
        ("wrong-shape", "answered JSON that is not LanguageTool's list of matches"),
        ("languages-500", "/v2/languages answered HTTP 500 Internal Server Error (application/json)"),
        ("languages-garbage", "/v2/languages answered HTTP 200 with 12 bytes of application/json that are not JSON"),
    ],
)
def test_server_faults_are_said_in_one_line(
    mode: str, said: str, faulty: tuple[str, type[_Faulty]], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch_noticed = pytest.MonkeyPatch()
    monkeypatch_noticed.setattr("cleanup.languagetool._noticed", set())
    address, handler = faulty
    handler.mode = mode
    try:
        main(["check", "--config", _lt_toml(tmp_path, address, timeout=2), *_article(tmp_path, 1)])
    finally:
        monkeypatch_noticed.undo()
    err = capsys.readouterr().err
    assert said in err, err
    assert "codec" not in err and "no LanguageTool server answers" not in err and "\x1b" not in err


def test_register_rules_are_silent_inside_quotations(url: str) -> None:
    # Enabled by name, so the test does not depend on the calibrated precision floor.
    register = lt_config(url, enabled_rules=["GOTTA", "ALL_OF_THE", "A_NNS"])
    quoted = "“We gotta win this,” he said. “All of the players know it.” They won a doubles on Sunday.\n"
    found = [f for f in Checker(register).check(quoted) if f.rule == "LT"]
    assert found == []
    narrated = "We gotta win this, he said.\n"  # the same words in the writer's own voice are still flagged
    assert [f.name for f in Checker(register).check(narrated) if f.rule == "LT"] == ["GOTTA"]
    grammar = "“They was there,” he said.\n"  # grammar is not register: still flagged inside quotations
    assert "PERS_PRONOUN_AGREEMENT" in {f.name for f in Checker(lt_config(url)).check(grammar)}


# -- issue 15, round 4: the smoothed floor, unmeasured rules, `these kind of`, compound families ------------


def test_backend_from_config_mutes_unmeasured_rules_of_weak_categories(url: str) -> None:
    backend = backend_from_config(lt_config(url))
    assert backend is not None and "PUNCTUATION" in backend.unmeasured_off
    opted_in = backend_from_config(lt_config(url, enabled_categories=["PUNCTUATION"]))
    assert opted_in is not None and "PUNCTUATION" not in opted_in.unmeasured_off
    assert not backend_from_config(lt_config(url, min_precision=0.0)).unmeasured_off  # type: ignore[union-attr]


def test_these_kind_of_is_no_agreement_error(url: str) -> None:
    names = [f.name for f in Checker(lt_config(url)).check("I never liked these sort of puzzles, or these puzzle.")]
    assert names.count("THIS_NNS") == 1  # `these puzzle`, not `these sort of`


def test_compound_spelling_is_house_style(url: str) -> None:
    text = "The auto makers met in the capital on Monday."
    assert not [f for f in Checker(lt_config(url)).check(text) if f.name.endswith("_COMPOUNDS")]


# -- issue 15, session 5: rules the table never measured speak only in documents dense with warnings ------------


class _Canned(LanguageToolBackend):
    """A backend whose server answers with the given matches of ``rule id -> word`` (no network)."""

    def __init__(self, hits: dict[str, str], **settings: object) -> None:
        super().__init__("http://localhost:1", **settings)  # type: ignore[arg-type]
        self.hits = hits

    def _matches(self, text: str) -> list[dict[str, object]]:
        out: list[dict[str, object]] = []
        for rule_id, word in self.hits.items():
            at = text.index(word)
            out.append({"offset": at, "length": len(word), "message": rule_id, "replacements": [],
                        "rule": {"id": rule_id, "category": {"id": "GRAMMAR"}}})  # fmt: skip
        return out


_ARTICLE = " ".join(f"The council met on day {n} and agreed on the budget." for n in range(1, 31))


def test_an_unmeasured_rule_is_silent_in_a_clean_document() -> None:
    hits = {"A_RULE_NEVER_MEASURED": "council"}
    assert [f.name for f in _Canned(hits).check(Document(_ARTICLE))] == ["A_RULE_NEVER_MEASURED"]
    assert _Canned(hits, unproven_density=UNPROVEN_DENSITY).check(Document(_ARTICLE)) == []
    enabled = _Canned(hits, unproven_density=UNPROVEN_DENSITY, enabled_rules=["A_RULE_NEVER_MEASURED"])
    assert [f.name for f in enabled.check(Document(_ARTICLE))] == ["A_RULE_NEVER_MEASURED"]
    # one sentence with one warning: dense enough
    assert _Canned(hits, unproven_density=UNPROVEN_DENSITY).check(Document("The council met."))


def test_an_unmeasured_rule_speaks_where_warnings_are_dense() -> None:
    measured = {"I_LOWERCASE": "day 1 ", "ENGLISH_WORD_REPEAT_RULE": "day 2 ", "HE_VERB_AGR": "day 3 "}
    backend = _Canned({**measured, "A_RULE_NEVER_MEASURED": "council"}, unproven_density=0.1)
    assert {f.name for f in backend.check(Document(_ARTICLE))} == {*measured, "A_RULE_NEVER_MEASURED"}
    sparse = _Canned({"I_LOWERCASE": "day 1 ", "A_RULE_NEVER_MEASURED": "council"}, unproven_density=0.1)
    assert [f.name for f in sparse.check(Document(_ARTICLE))] == ["I_LOWERCASE"]


@given(st.lists(st.sampled_from(["I_LOWERCASE", "NEW_A", "NEW_B"]), max_size=12), st.integers(1, 60))
def test_the_density_test_only_drops_unmeasured_findings(names: list[str], sentences: int) -> None:
    findings = [Finding("LT", n, Category.GRAMMAR, Severity.WARNING, i, i + 1, n) for i, n in enumerate(names)]
    kept = without_unproven(findings, sentences, {"I_LOWERCASE"})
    assert [f for f in findings if f.name == "I_LOWERCASE"] == [f for f in kept if f.name == "I_LOWERCASE"]
    assert kept in ([f for f in findings if f.name == "I_LOWERCASE"], findings)
    assert without_unproven(findings, sentences, {"I_LOWERCASE"}, density=0.0) == findings


def test_backend_from_config_turns_the_density_test_on(url: str) -> None:
    backend = backend_from_config(lt_config(url))
    assert backend is not None and backend.unproven_density == UNPROVEN_DENSITY

"""The review page in a real browser: Debian's chromium and chromium-driver, driven by Selenium.

CI installs both (``.ci/run``) and these tests fail there without them; elsewhere they skip.
"""

from __future__ import annotations

import itertools
import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cleanup import Applicability, Checker, Config
from cleanup.cli import main
from cleanup.review import Article, Change, accepted_at, corrected, review_article

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "articles" / "seed.txt"
XSS = (
    "Breaking: <script>window.xssRan = 'script'</script> Officials said.Then\n\n"
    'A quote "><img src=x onerror="window.xssRan=\'img\'"> and a <a href="javascript:window.xssRan=\'link\'">link</a>'
    " . </textarea><b>bold</b> @SCRIPT@ ]]> <!-- comment --> \u2028 sep.Here  we go..ok\n"
)


def _browser_paths() -> tuple[str, str]:
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    try:
        import selenium  # noqa: F401
    except ImportError:
        chromium = None
    if chromium and driver:
        return chromium, driver
    if os.environ.get("CI"):
        pytest.fail("CI must run the browser tests: .ci/run installs chromium and chromium-driver, and selenium")
    pytest.skip("no chromium/chromedriver/selenium here: apt-get install chromium chromium-driver")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    chromium, driver_path = _browser_paths()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def _articles(*paths: Path) -> list[Article]:
    checker = Checker(Config())
    return [review_article(str(p), p.read_text(encoding="utf-8"), lambda t: checker.check(t)) for p in paths]


def _cli_fix(tmp_path: Path, source: Path, *flags: str) -> str:
    copy = tmp_path / "fixed" / source.name
    copy.parent.mkdir(exist_ok=True)
    copy.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    main(["fix", "--no-languagetool", "-q", *flags, str(copy)])
    return copy.read_text(encoding="utf-8")


class Page:
    """The review page open in the browser, with the helpers the test needs."""

    def __init__(self, driver: object, downloads: Path) -> None:
        from selenium.webdriver.common.by import By

        self.d = driver
        self.by = By
        self.downloads = downloads
        self.count = itertools.count()

    def js(self, script: str, *args: object) -> object:
        return self.d.execute_script(script, *args)  # type: ignore[attr-defined]

    def one(self, css: str) -> object:
        return self.d.find_element(self.by.CSS_SELECTOR, css)  # type: ignore[attr-defined]

    def all(self, css: str) -> list[object]:
        return self.d.find_elements(self.by.CSS_SELECTOR, css)  # type: ignore[attr-defined,no-any-return]

    def click(self, node: object) -> None:
        self.js("arguments[0].scrollIntoView({block: 'center'})", node)
        node.click()  # type: ignore[attr-defined]

    def action(self, article: int, action: str) -> None:
        self.click(self.one(f"#a{article} button[data-action={action}]"))

    def download(self, article: int, action: str = "download-text") -> str:
        """Click a download button; the file's text, read from a fresh download folder."""
        folder = self.downloads / str(next(self.count))
        folder.mkdir(parents=True)
        self.d.execute_cdp_cmd(  # type: ignore[attr-defined]
            "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder)}
        )
        self.action(article, action)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            done = [p for p in folder.iterdir() if not p.name.endswith(".crdownload")]
            if done:
                time.sleep(0.1)
                return done[0].read_text(encoding="utf-8")
            time.sleep(0.05)
        raise AssertionError(f"no download from {action} of article {article}")

    def keys(self, keys: str) -> None:
        from selenium.webdriver.common.action_chains import ActionChains

        ActionChains(self.d).send_keys(keys).perform()  # type: ignore[arg-type]

    def states(self, article: int) -> list[str]:
        return [e.get_attribute("data-state") for e in self.all(f"#a{article} .chg")]  # type: ignore[attr-defined]


def _choice(states: list[str]) -> Callable[[Change], int]:
    """How many steps of each change the page's states take (the chain: a prefix of accepted steps)."""
    it = iter(states)

    def taken(c: Change) -> int:
        mine = [next(it) for _ in c.steps]
        return next((i for i, s in enumerate(mine) if s != "accepted"), len(mine))

    return taken


def test_review_page_in_chromium(browser: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # the page names files as given: relative paths
    original = Path("seed.txt")
    original.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    xss = Path("xss.txt")
    xss.write_text(XSS, encoding="utf-8")
    page_file = tmp_path / "report.html"
    assert main(["diff", "--no-languagetool", "--format", "html", "-o", str(page_file), str(original), str(xss)]) == 1
    seed, hostile = _articles(original, xss)
    assert seed.changes and hostile.changes

    browser.get(page_file.as_uri())  # type: ignore[attr-defined]
    p = Page(browser, tmp_path / "downloads")
    assert p.js("return document.body.dataset.ready") == "true"
    for i in range(2):  # render each article as it scrolls into view
        p.js("document.getElementById(arguments[0]).scrollIntoView()", f"a{i}")
        deadline = time.monotonic() + 10
        while p.all(f"#a{i} .doc.pending") and time.monotonic() < deadline:
            time.sleep(0.05)

    # Every change (each step of it) and every finding is on the page.
    for i, art in enumerate((seed, hostile)):
        nodes = p.all(f"#a{i} .chg")
        assert len(nodes) == sum(len(c.steps) for c in art.changes)
        node_iter = iter(nodes)
        for c in art.changes:
            before = c.original
            for s in c.steps:
                node = next(node_iter)
                ins = node.find_elements(p.by.CSS_SELECTOR, "ins")  # type: ignore[attr-defined]
                dels = node.find_elements(p.by.CSS_SELECTOR, "del")  # type: ignore[attr-defined]
                assert [e.get_attribute("textContent") for e in ins] == ([s.text] if s.text else [])
                assert [e.get_attribute("textContent") for e in dels] == ([before] if before else [])
                assert node.get_attribute("class").split()[1] == s.safety.name.lower().replace("_", "-")
                before = s.text
        assert sorted(int(e.get_attribute("data-note")) for e in p.all(f"#a{i} li[data-note]")) == list(art.notes)
        explained = {j for c in art.changes for s in c.steps for j in s.reasons} | set(art.notes)
        assert explained == set(range(len(art.findings)))
        text = p.js("return document.querySelector(arguments[0]).textContent", f"#a{i} .doc")
        assert text == _shown(art)

    # Hover or focus shows the rule, its name, the reason and the catalogue link.
    p.click(p.one("#a0 .chg"))
    reason = seed.findings[seed.changes[0].steps[0].reasons[0]]
    details = p.one("#details").text  # type: ignore[attr-defined]
    assert reason.rule in details and reason.name in details and reason.message in details
    link = p.one("#details a").get_attribute("href")  # type: ignore[attr-defined]
    assert link.endswith(f"#rule-{reason.rule}")
    assert f"{reason.rule} {reason.name}" in p.one(f"#rule-{reason.rule}").text  # type: ignore[attr-defined]

    # Safe steps start accepted, the rest undecided: the download is what `cleanup fix` writes.
    assert p.states(0) == ["accepted" if s.safety == Applicability.SAFE else "undecided"
                           for c in seed.changes for s in c.steps]  # fmt: skip
    assert p.download(0) == _cli_fix(tmp_path, original) == corrected(seed, accepted_at(Applicability.SAFE))
    assert p.download(0, "download-diff") == _unified_fix(tmp_path, original)
    p.action(0, "accept-all")
    assert p.download(0) == corrected(seed, accepted_at(Applicability.DISPLAY_ONLY))
    for node in p.all("#a0 .chg.display-only .rej"):
        p.click(node)
    assert p.download(0) == _cli_fix(tmp_path, original, "--unsafe-fixes")
    p.action(0, "reject-all")
    assert set(p.states(0)) == {"rejected"} and p.download(0) == original.read_text(encoding="utf-8")
    p.action(0, "accept-safe")
    assert p.download(0) == _cli_fix(tmp_path, original)

    # Keys: j/k move between changes, a/r accept and reject the one in focus.
    p.action(0, "reject-all")
    p.js("document.getElementById('c0-1-0').focus()")
    p.keys("k")
    assert p.js("return document.activeElement.id") == "c0-0-0"
    p.keys("a")
    p.keys("jj")
    p.keys("a")
    p.keys("k")
    p.keys("r")
    states = p.states(0)
    assert states[:3] == ["accepted", "rejected", "accepted"] and set(states[3:]) == {"rejected"}
    got = p.download(0)
    assert got == corrected(seed, _choice(states)) != original.read_text(encoding="utf-8")
    # A click on a step's reject takes back the steps after it in the chain, too.
    p.click(p.one("#a0 .chg.unsafe .acc"))
    assert p.download(0) == corrected(seed, _choice(p.states(0)))

    # The hostile article renders as text: nothing in it ran or became an element.
    assert p.download(1) == _cli_fix(tmp_path, xss)
    assert p.js("return window.xssRan === undefined")
    assert p.all("main img, main script, main a, main b, main textarea") == []
    assert "<script>window.xssRan" in p.one("#a1 .doc").get_attribute("textContent")  # type: ignore[attr-defined]
    assert p.one("#a1 h2").text == str(xss)  # type: ignore[attr-defined]
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]  # type: ignore[attr-defined]
    assert errors == []  # no CSP violation, no script error

    # Filters: only the chosen rule's changes stay marked.
    rule = seed.findings[seed.changes[0].steps[0].reasons[0]].rule
    from selenium.webdriver.support.select import Select

    Select(p.one("#f-rule")).select_by_value(rule)
    shown = {e.get_attribute("id") for e in p.all("#a0 .chg:not(.out)")}
    expected = {f"c0-{ci}-{k}" for ci, c in enumerate(seed.changes) for k, s in enumerate(c.steps)
                if any(seed.findings[j].rule == rule for j in s.reasons)}  # fmt: skip
    assert shown == expected
    Select(p.one("#f-rule")).select_by_value("")
    p.click(p.one("#f-safety input[value=safe]"))  # hide the safe ones
    assert p.all("#a0 .chg.safe:not(.out)") == [] and p.all("#a0 .chg.unsafe.out") == []
    p.click(p.one("#f-safety input[value=safe]"))
    category = seed.findings[seed.notes[0]].category.value
    Select(p.one("#f-category")).select_by_value(category)
    for note in p.all("#a0 li[data-note]"):
        finding = seed.findings[int(note.get_attribute("data-note"))]  # type: ignore[attr-defined]
        assert ("out" in note.get_attribute("class").split()) == (finding.category != category)  # type: ignore[attr-defined]
    Select(p.one("#f-category")).select_by_value("")

    # A screenshot of a fresh page, one change rejected and another in focus with its details
    # (CLEANUP_REVIEW_SCREENSHOT=docs/review.png keeps it: the README's picture).
    browser.get(page_file.as_uri())  # type: ignore[attr-defined]
    unsafe = p.all("#a0 .chg.unsafe")
    p.click(unsafe[1].find_element(p.by.CSS_SELECTOR, ".rej"))  # type: ignore[attr-defined]
    browser.set_window_size(1280, 1400)  # type: ignore[attr-defined]
    p.js("arguments[0].focus({preventScroll: true}); window.scrollTo(0, 0)", unsafe[min(3, len(unsafe) - 1)])
    shot = Path(os.environ.get("CLEANUP_REVIEW_SCREENSHOT") or tmp_path / "review.png")
    assert browser.save_screenshot(str(shot))  # type: ignore[attr-defined]
    assert shot.read_bytes().startswith(b"\x89PNG")


def _shown(art: Article) -> str:
    """The article's text as the page shows it: each step's deletion, insertion and two buttons."""
    parts, last = [], 0
    for c in art.changes:
        parts.append(art.text[last : c.start])
        before = c.original
        for s in c.steps:
            parts += [before, s.text, "✓✗"]
            before = s.text
        last = c.end
    return "".join(parts) + art.text[last:]


def _unified_fix(tmp_path: Path, source: Path) -> str:
    from cleanup.diffs import render_unified

    return render_unified(str(source), source.read_text(encoding="utf-8"), _cli_fix(tmp_path, source))


def test_page_text_and_diff_equal_python_on_the_rule_corpus(browser: object, tmp_path: Path) -> None:
    """On every rule's corpus file as one article: the page's corrected text and unified diff, at each
    level, equal Python's (``corrected`` and ``difflib``)."""
    from cleanup.diffs import render_unified
    from cleanup.review import render_page

    checker = Checker()
    paths = sorted((ROOT / "corpus" / "rules").glob("*.txt"))
    arts = [review_article(p.name, p.read_text(encoding="utf-8"), lambda t: checker.check(t)) for p in paths]
    page_file = tmp_path / "corpus.html"
    page_file.write_text(render_page(arts), encoding="utf-8")
    browser.get(page_file.as_uri())  # type: ignore[attr-defined]
    p = Page(browser, tmp_path / "downloads")
    for floor in Applicability:
        got = p.js(
            "const r = window.cleanupReview, floor = arguments[0];"
            "const rank = {'display-only': 0, unsafe: 1, safe: 2};"
            "const data = JSON.parse(document.getElementById('review-data').textContent);"
            "data.articles.forEach((a, ai) => a.changes.forEach((c, ci) => c.steps.forEach((s, k) => {"
            "  r.state[ai][ci][k] = rank[s.safety] >= floor ? 'accepted' : 'rejected'; })));"
            "return data.articles.map((a, ai) => [r.corrected(ai), r.unifiedDiff(ai)]);",
            int(floor),
        )
        for art, (text, diff) in zip(arts, got, strict=True):  # type: ignore[call-overload]
            want = corrected(art, accepted_at(floor))
            assert text == want, (art.path, floor)
            assert diff == render_unified(art.path, art.text, want), (art.path, floor)
    assert sum(len(a.changes) for a in arts) > 100

    # Steps of one change form a chain: accepting the last accepts all, rejecting the first rejects all.
    ai, ci = next((ai, ci) for ai, a in enumerate(arts) for ci, c in enumerate(a.changes) if len(c.steps) > 1)
    browser.get(page_file.as_uri())  # type: ignore[attr-defined]
    p.js("window.cleanupReview.render(arguments[0])", ai)
    steps = p.all(f"[id^='c{ai}-{ci}-']")
    p.click(steps[-1].find_element(p.by.CSS_SELECTOR, ".acc"))  # type: ignore[attr-defined]
    assert {e.get_attribute("data-state") for e in steps} == {"accepted"}  # type: ignore[attr-defined]
    p.click(steps[0].find_element(p.by.CSS_SELECTOR, ".rej"))  # type: ignore[attr-defined]
    assert {e.get_attribute("data-state") for e in steps} == {"rejected"}  # type: ignore[attr-defined]

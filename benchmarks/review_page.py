"""How fast Chromium opens a review page of 1,000 articles and answers the first key.

The articles are clean news rows of one half of the dev data, every fifth one replaced by a copy
of the seed article (so the page has thousands of changes), reviewed once per distinct text.
Needs Debian's ``chromium`` and ``chromium-driver`` and ``selenium`` (the ``test`` extra).

    python benchmarks/review_page.py [--half tune|check] [--articles 1000] [--runs 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from devsplit import DEV, rows

from cleanup import Checker
from cleanup.review import Article, render_page, review_article

CHROMIUM_ARGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900")
SEED = Path(__file__).resolve().parent.parent / "corpus" / "articles" / "seed.txt"


def articles(half: str, count: int, dev: Path) -> list[Article]:
    texts = [r["text"] for r in rows("clean_news", half, dev)]  # type: ignore[arg-type]
    seed = SEED.read_text(encoding="utf-8")
    checker = Checker()
    done: dict[str, Article] = {}
    out = []
    for i in range(count):
        text = seed if i % 5 == 0 else texts[i % len(texts)]
        if text not in done:
            done[text] = review_article("", text, lambda t: checker.check(t))
        a = done[text]
        out.append(Article(f"article-{i:04}.txt", a.text, a.findings, a.changes))
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--half", choices=("tune", "check"), default="check")
    p.add_argument("--articles", type=int, default=1000)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--dev", type=Path, default=DEV)
    args = p.parse_args()

    t = time.perf_counter()
    arts = articles(args.half, args.articles, args.dev)
    review_s = time.perf_counter() - t
    t = time.perf_counter()
    page = render_page(arts)
    render_s = time.perf_counter() - t
    steps = sum(len(c.steps) for a in arts for c in a.changes)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.html"
        path.write_text(page, encoding="utf-8")
        print(
            f"{len(arts)} articles ({args.half} half), {steps} changes, page {len(page.encode()) / 1e6:.1f} MB; "
            f"review {review_s:.1f} s (distinct texts), render_page {render_s:.2f} s"
        )
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        options = webdriver.ChromeOptions()
        for a in CHROMIUM_ARGS:
            options.add_argument(a)
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        try:
            for run in range(args.runs):
                t = time.perf_counter()
                driver.get(path.as_uri())  # returns after the load event
                shown = driver.execute_async_script(  # the first screen painted with its articles rendered
                    "const done = arguments[0];"
                    "requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now())));"
                )
                wall = time.perf_counter() - t
                ready = driver.execute_script(
                    "return performance.getEntriesByName('cleanup-review-ready')[0].startTime"
                )
                key = driver.execute_script(
                    "const t = performance.now();"
                    "document.body.dispatchEvent(new KeyboardEvent('keydown', {key: 'j', bubbles: true}));"
                    "return [performance.now() - t, document.activeElement.id];"
                )
                last = driver.execute_async_script(
                    "const done = arguments[1], t = performance.now();"
                    "document.getElementById(`a${arguments[0] - 1}`).scrollIntoView();"
                    "requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t)));",
                    len(arts),
                )
                diff = driver.execute_script(
                    "const t = performance.now(), r = window.cleanupReview;"
                    "let n = 0; for (let i = 0; i < arguments[0]; i++) n += r.unifiedDiff(i).length;"
                    "return [performance.now() - t, n];",
                    len(arts),
                )
                print(
                    f"run {run + 1}: script ready {ready:.0f} ms, first screen painted {shown:.0f} ms "
                    f"after navigation ({wall:.2f} s wall incl. WebDriver); key 'j' {key[0]:.1f} ms "
                    f"(to {key[1]}); jump to the last article {last:.0f} ms; "
                    f"diff of all articles {diff[0]:.0f} ms"
                )
        finally:
            driver.quit()


if __name__ == "__main__":
    main()

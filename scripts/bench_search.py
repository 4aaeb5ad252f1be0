"""Measure the first search query in Chromium, in the site's own search box, for each built site given.

    .venv/bin/python scripts/bench.py --scales 10 --skip-baseline      # builds .bench/corpus-10/site
    .venv/bin/python scripts/bench_search.py .bench/corpus-10/site --query "watermark owner contract"

The site's engine is what `coursesite build` chose: Pagefind by default, Material's lunr with
`search: lunr` in the corpus's course.yml (build once each way, copy the first site aside, and give
both folders to compare them in one run).

For each query it prints the milliseconds from the last keystroke (typed at 80 ms a key, on a page
that has finished loading) until the answer to the whole query is shown (and until the list settles),
the bytes fetched for search from the moment the page started loading (lunr's index is fetched on
every page load, Pagefind's chunks only when a query needs them), and the first result's address.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright

from tests.site_browser import CHROMIUM, CHROMIUM_ARGS, highlighted_words, serve_folder


def engine(site: Path) -> str:
    return "pagefind" if (site / "search" / "pagefind").is_dir() else "lunr"


WATCH = """() => {
    window.__keyup = 0;
    window.__changes = [];
    document.addEventListener("keyup", () => (window.__keyup = performance.now()), true);
    const list = document.querySelector(".md-search-result__list");
    new MutationObserver(() => {
        const link = list.querySelector(".md-search-result__item a");
        window.__changes.push([performance.now(), link ? link.href : null]);
    }).observe(list, { childList: true });
}"""
SETTLED = """() => {
    const last = (window.__changes[window.__changes.length - 1] || [0])[0];
    return document.querySelector(".md-search-result__item") !== null && last > window.__keyup
        && performance.now() - last > 1000;
}"""


def first_query(browser, base: str, query: str, delay: int = 80) -> dict:
    """A fresh visitor: open the home page, wait until it is idle, type the query at ``delay`` ms a key.

    ``ms`` is the time from the last key until the answer to the whole query is shown: the first change
    of the result list whose first link highlights the query's last word (Material's search.highlight;
    without it, the last change). An answer to an earlier key that lands just after the last key is
    not counted. ``ms_settled`` is the time until the list's last change (Pagefind answers a sentence
    twice: the exact phrase first, then all pages with its words).
    """
    context = browser.new_context()
    fetched: dict[str, int] = {}

    def count(request) -> None:
        if "/search/" in request.url:  # lunr's search_index.json, Pagefind's bundle, chunks and fragments
            fetched[request.url] = request.sizes()["responseBodySize"]

    context.on("requestfinished", count)
    page = context.new_page()
    page.goto(base + "index.html")
    page.wait_for_load_state("networkidle")
    page.evaluate(WATCH)
    box = page.locator(".md-search__input")
    box.click()
    box.type(query, delay=delay)
    page.wait_for_function(SETTLED, timeout=180_000, polling=20)
    keyup, changes = page.evaluate("[window.__keyup, window.__changes]")
    after = [(moment, href) for moment, href in changes if moment > keyup]
    last_word = query.split()[-1].lower()
    whole = [moment for moment, href in after if href and last_word in highlighted_words(href)]
    first = page.locator(".md-search-result__item a").first.get_attribute("href")
    page.wait_for_load_state("networkidle")
    context.close()
    return {
        "ms": round((whole[0] if whole else after[-1][0]) - keyup),
        "ms_settled": round(after[-1][0] - keyup),
        "kb_fetched": round(sum(fetched.values()) / 1024),
        "first": first,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sites", nargs="+", type=Path, help="built site folders")
    parser.add_argument("--query", action="append", required=True, help="a query (repeat for more)")
    args = parser.parse_args()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for site in args.sites:
            pages = sum(1 for _ in site.rglob("*.html"))
            with serve_folder(site) as base:
                for query in args.query:
                    result = first_query(browser, base, query)
                    print(
                        json.dumps(
                            {"site": str(site), "pages": pages, "engine": engine(site), "query": query, **result}
                        )
                    )
        browser.close()


if __name__ == "__main__":
    main()

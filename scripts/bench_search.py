"""Measure the first search query in Chromium: Material's lunr search against Pagefind's chunked index.

    .venv/bin/python scripts/bench.py --scales 10 --skip-baseline     # builds .bench/corpus-10/site
    python3 -m venv /tmp/pfenv && /tmp/pfenv/bin/pip install "pagefind[bin]==1.5.2"
    /tmp/pfenv/bin/python -m pagefind --site .bench/corpus-10/site
    .venv/bin/python scripts/bench_search.py .bench/corpus-10/site "watermark owner contract"

Prints, for each engine, the milliseconds from query to first result and the KB the page fetched.
Lunr's index is fetched by a Web Worker, whose requests the page's performance entries do not show:
its cost is the size of search/search_index.json. Pagefind is not a dependency of coursesite yet.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright

from tests.site_browser import CHROMIUM, CHROMIUM_ARGS, serve_folder

BYTES = "performance.getEntriesByType('resource').reduce((s, e) => s + (e.encodedBodySize || 0), 0)"


def pagefind(browser, base: str, query: str) -> dict:
    """Pagefind initialised at page load, as its UI does; then one query and the first result's data."""
    page = browser.new_page()
    page.goto(base + "index.html")
    page.wait_for_load_state("networkidle")
    page.evaluate("async () => { window.pf = await import('/pagefind/pagefind.js'); await pf.init(); }")
    before = page.evaluate(BYTES)
    result = page.evaluate(
        """async (q) => {
            const t0 = performance.now();
            const search = await pf.search(q);
            const first = await search.results[0].data();
            return {ms: Math.round(performance.now() - t0), results: search.results.length, url: first.url};
        }""",
        query,
    )
    return {**result, "kb_loaded": round((page.evaluate(BYTES) - before) / 1024)}


def lunr(browser, base: str, query: str, site: Path) -> dict:
    """Material's search box on a loaded page: time from typing to the first result."""
    page = browser.new_page()
    page.goto(base + "index.html")
    page.wait_for_load_state("networkidle")
    box = page.locator(".md-search__input")
    box.click()
    started = time.perf_counter()
    box.type(query, delay=0)
    page.locator(".md-search-result__item").first.wait_for(timeout=180_000)
    index_kb = (site / "search" / "search_index.json").stat().st_size // 1024
    return {
        "ms": round((time.perf_counter() - started) * 1000),
        "kb_loaded": index_kb,
        "url": page.locator(".md-search-result__item a").first.get_attribute("href"),
    }


def main() -> None:
    site, query = Path(sys.argv[1]), sys.argv[2]
    with serve_folder(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        if (site / "pagefind").is_dir():
            print("pagefind", json.dumps(pagefind(browser, base, query)))
        print("lunr    ", json.dumps(lunr(browser, base, query, site)))
        browser.close()


if __name__ == "__main__":
    main()

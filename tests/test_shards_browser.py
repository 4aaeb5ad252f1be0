"""One search over every shard, in headless Chromium: from the merged site's home page, a sentence spoken in
a video of the last shard is found, and its result lands on the paragraph that holds it."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from coursesite.cli import EXIT_OK, main
from tests.conftest import copy_sample
from tests.site_browser import screenshot, serve_folder, type_search

pytestmark = [pytest.mark.browser, pytest.mark.e2e]  # builds a site to browse

SHARDS = 3
RGX_PARAGRAPH = re.compile(r'<p class="cs-para">([^<]+)</p>')


@pytest.fixture(scope="module")
def merged(tmp_path_factory) -> Path:
    root = copy_sample(tmp_path_factory.mktemp("sharded"))
    for number in range(1, SHARDS + 1):
        assert main(["build", "--root", str(root), "-q", "--shard", f"{number}/{SHARDS}"]) == EXIT_OK
    shards = [str(root / "site-shards" / f"{number}-of-{SHARDS}") for number in range(1, SHARDS + 1)]
    assert main(["merge", "--root", str(root), "-q", *shards]) == EXIT_OK
    return root


def last_shards_sentence(root: Path) -> tuple[str, str]:
    """A video page of the last shard (its path under the site) and a sentence spoken in it."""
    manifest = json.loads((root / "site-shards" / f"{SHARDS}-of-{SHARDS}" / "coursesite-shard.json").read_text())
    videos = [page for page, summary in manifest["summaries"].items() if summary["kind"] == "video"]
    page = f"courses/{videos[-1]}/"
    paragraphs = RGX_PARAGRAPH.findall((root / "site" / page / "index.html").read_text("utf-8"))
    sentence = html.unescape(paragraphs[-1]).split(". ")[0]
    return page, " ".join(sentence.split()[:7])


def test_a_sentence_of_the_last_shard_is_found_from_the_home_page_and_lands_on_its_paragraph(merged, page):
    video, phrase = last_shards_sentence(merged)
    with serve_folder(merged / "site") as base:
        page.goto(base)
        type_search(page, phrase)
        hit = page.locator(f".md-search-result__item a[href*='{video}'][href*='#t-']").first
        hit.wait_for(timeout=15_000)
        hit.click()
        page.wait_for_function("location.hash.startsWith('#t-') && document.querySelector(':target') !== null")
        assert video in page.url
        text = page.evaluate("document.querySelector(':target').nextElementSibling.textContent")
        assert phrase in " ".join(text.split())
        screenshot(page, "search-merged-shards-landing")

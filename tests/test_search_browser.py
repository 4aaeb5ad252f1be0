"""Search as a person uses it, in headless Chromium: type a sentence from a video, click the result,
land on the paragraph that holds it; on the served site and on the unzipped offline copy."""

from __future__ import annotations

import re
import zipfile
from urllib.parse import urlparse

import pytest

from tests.site_browser import highlighted_words, screenshot, serve_folder, type_search

pytestmark = [pytest.mark.browser, pytest.mark.e2e]  # each builds a site to browse

PHRASE = "sometimes called a data contract"
VIDEO = "introduction-to-data-engineering/week-2/working-with-stakeholders/"


def search_and_open(tab, query: str) -> str:
    """Type a query into Material's search box, open the first paragraph result, return its text."""
    type_search(tab, query)
    hit = tab.locator(".md-search-result__item a[href*='#t-']").first
    href = hit.get_attribute("href")
    assert VIDEO in href, f"first paragraph result is {href}"
    assert VIDEO in tab.locator(".md-search-result__item a").first.get_attribute("href"), "video is not ranked first"
    hit.click()
    tab.wait_for_load_state("load")  # a new document from file://; instant navigation swaps content in place
    tab.wait_for_function("location.hash.startsWith('#t-') && document.querySelector(':target') !== null")
    return tab.evaluate("document.querySelector(':target').nextElementSibling.textContent")


def test_search_lands_on_the_paragraph_on_the_served_site(sample, page):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    with serve_folder(sample / "site") as base:
        page.goto(base)
        text = search_and_open(page, PHRASE)
        assert PHRASE in text.replace("\n", " ")
        highlighted = page.evaluate("getComputedStyle(document.querySelector(':target + .cs-para')).backgroundColor")
        assert highlighted not in ("rgba(0, 0, 0, 0)", "transparent"), "the landing paragraph is not highlighted"
        # The query's words are marked on the page, but not every "a" inside other words.
        marks = page.evaluate("[...document.querySelectorAll('article mark')].map((mark) => mark.textContent)")
        assert any("contract" in mark for mark in marks), marks
        assert all(len(mark) > 2 for mark in marks), sorted({mark for mark in marks if len(mark) <= 2})
        screenshot(page, "search-served-landing")
    hosts = {urlparse(url).hostname for url in requests if not url.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"}, f"requests left the machine: {hosts}"


def test_search_works_from_the_unzipped_offline_copy(sample, page, tmp_path):
    with zipfile.ZipFile(sample / "site-offline.zip") as archive:
        archive.extractall(tmp_path)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto((tmp_path / "site" / "index.html").as_uri())
    text = search_and_open(page, PHRASE)
    assert PHRASE in text.replace("\n", " ")
    screenshot(page, "search-offline-landing")
    leaving = [url for url in requests if not url.startswith(("file://", "data:", "blob:"))]
    assert leaving == [], f"the offline copy made requests: {leaving}"


def test_offline_copy_navigates_and_shows_images_and_code(sample, page, tmp_path):
    with zipfile.ZipFile(sample / "site-offline.zip") as archive:
        archive.extractall(tmp_path)
        assert not [name for name in archive.namelist() if name.endswith(".map")], "source maps are zipped"
    page.goto((tmp_path / "site" / "index.html").as_uri())
    page.get_by_role("link", name="Introduction to Data Engineering").first.click()
    page.wait_for_load_state()
    assert page.url.endswith(".html") and "introduction-to-data-engineering" in page.url
    lab = tmp_path / "site/courses/introduction-to-data-engineering/week-1/explore-an-orders-dataset/index.html"
    page.goto(lab.as_uri())
    image = page.locator(".nb-output img").first
    image.wait_for()
    assert page.evaluate("(img) => img.complete && img.naturalWidth > 0", image.element_handle())
    assert page.locator("pre code").first.inner_text().startswith("import random")
    screenshot(page, "offline-lab-page")


def test_lab_code_identifiers_are_found(sample, page):
    with serve_folder(sample / "site") as base:
        page.goto(base)
        type_search(page, "apply_changes")
        first = page.locator(".md-search-result__item a").first.get_attribute("href")
        assert re.search(r"change-data-capture-with-triggers/", first), first


def test_a_sentence_starting_with_a_function_word_lands_on_its_paragraph(sample, page):
    """Function words ("a", "the") are left out of the search where they add nothing but cost."""
    with serve_folder(sample / "site") as base:
        page.goto(base)
        text = search_and_open(page, "A simple written agreement")
    assert "simple written agreement" in text.replace("\n", " ")


def test_words_that_are_not_a_phrase_are_found_once_typing_pauses(sample, page):
    """No page holds these words in this order: the answer is the search for the words anywhere, which
    waits for a pause in typing (it is the slow one); typing fast up to the last key must not lose it."""
    with serve_folder(sample / "site") as base:
        page.goto(base)
        type_search(page, "contract stakeholders sometimes")
        hrefs = page.locator(".md-search-result__item a").evaluate_all("(links) => links.map((a) => a.href)")
        assert any(VIDEO in href for href in hrefs), hrefs
        assert "contract" in highlighted_words(hrefs[0]) and "sometimes" in highlighted_words(hrefs[0])


def test_search_works_from_the_not_found_page(sample, page):
    """404.html is a theme template, not a page: it searched an empty index through Material's worker."""
    site = sample / "site"
    assert not list(site.glob("assets/javascripts/workers/search.*")), "Material's unused search worker is published"
    assert not (site / "assets/javascripts/lunr").exists() and not list(site.glob("assets/**/*.map"))
    with serve_folder(site) as base:
        page.goto(base + "404.html")
        type_search(page, PHRASE)
        first = page.locator(".md-search-result__item a").first.get_attribute("href")
        assert VIDEO in first, first

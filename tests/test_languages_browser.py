"""A right-to-left transcript as a reader sees it: laid out right to left, its tab labelled in its own script."""

from __future__ import annotations

import pytest

from tests.site_browser import screenshot, serve_folder
from tests.test_languages_build import build, caption_archive, course_of_weeks

pytestmark = [pytest.mark.browser, pytest.mark.e2e]  # each builds a site to browse


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    root = tmp_path_factory.mktemp("languages")
    return build(caption_archive(root / "archive")), build(course_of_weeks(root / "course"))


def test_an_arabic_transcript_reads_right_to_left(sites, page):
    _archive, course = sites
    with serve_folder(course) as base:
        page.goto(base + "courses/ml-course/week-2/summary/")
        paragraph = page.locator(".cs-transcript .cs-para").first
        assert paragraph.evaluate("p => getComputedStyle(p).direction") == "rtl"
        assert paragraph.evaluate("p => p.closest('[lang]').lang") == "ar"
        # Right to left: the paragraph's text ends nearer the left edge than it starts.
        box = paragraph.evaluate(
            """p => { const r = document.createRange(); r.selectNodeContents(p); const rects = r.getClientRects();
                      return {start: rects[0].right, end: rects[rects.length - 1].left, block: p.getBoundingClientRect()}; }"""
        )
        assert abs(box["start"] - (box["block"]["x"] + box["block"]["width"])) < 2  # starts at the right edge
        screenshot(page, "languages-arabic-transcript")


def test_the_arabic_tab_of_a_caption_archive_reads_right_to_left(sites, page):
    archive, _course = sites
    with serve_folder(archive) as base:
        page.goto(base + "courses/gradient-descent/videos/gradient-descent/")
        page.locator('label[lang="ar"]').click()
        block = page.locator('.tabbed-block[lang="ar"]')
        assert block.is_visible()
        assert block.locator(".cs-para").first.evaluate("p => getComputedStyle(p).direction") == "rtl"
        assert (
            page.locator('.tabbed-block[lang="en"] .cs-para').first.evaluate("p => getComputedStyle(p).direction")
            == "ltr"
        )
        screenshot(page, "languages-caption-archive-arabic-tab")

"""Progress that persists, used as a reader does, in Chromium: pages marked as done stay done across reloads
and pages, show on the week, course and home pages, travel in an exported file, and keep to their own site."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from coursesite.cli import main
from tests.conftest import REPO, srt, write_tree
from tests.site_browser import AXE, screenshot, serious_violations, serve_folder, settle, unzipped_site

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

COURSE = "courses/streaming/"
WEEK_1 = COURSE + "week-1/"
WELCOME = WEEK_1 + "welcome/"  # a YouTube video: it has a player, so "?" lists its keys too
LONG = WEEK_1 + "long-talk/"  # forty paragraphs: a transcript one reads in several sittings
LAB = WEEK_1 + "count-late-events/"
WEEK_2 = COURSE + "week-2/"
WINDOWS = WEEK_2 + "windows/"
OTHER_COURSE = "courses/batch/"
SENTENCE = "Streams of events arrive late and out of order, so windows wait for the watermark to pass."


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Iterator[tuple[Path, str]]:
    """The project, built with its offline copy, and the address its site is served at (set before the build:
    Material navigates instantly only between the pages its sitemap lists)."""
    root = tmp_path_factory.mktemp("progress") / "project"
    with serve_folder(root / "site") as base:
        week = "transcripts/01-streaming/week-1/"
        write_tree(
            root,
            {
                week + "01-welcome.en.srt": srt((0, 3, "Welcome to the course."), (10, 13, "Here we go.")),
                week + "02-long-talk.en.srt": srt(*((t, t + 1, f"{SENTENCE} {SENTENCE}") for t in range(0, 120, 3))),
                week + "_meta.yml": 'items:\n  01-welcome:\n    url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ"\n',
                "labs/01-streaming/week-1/03-count-late-events.sql": "SELECT count(*) FROM events WHERE late;\n",
                "transcripts/01-streaming/week-2/01-windows.en.srt": srt((0, 3, "Windows group events in time.")),
                "labs/01-streaming/week-2/02-tumbling-windows.py": "print('tumbling')\n",
                "transcripts/02-batch/week-1/01-batch-jobs.en.srt": srt((0, 3, "Batch jobs run on a schedule.")),
                "course.yml": "site_name: Streaming Notes\n",
                "mkdocs.yml": f"site_url: {base}\n"
                + (REPO / "mkdocs.yml").read_text("utf-8").replace("Data Engineering Study Notes", "Streaming Notes"),
            },
        )
        assert main(["build", "--root", str(root), "--offline", "-q"]) == 0
        yield root, base


@pytest.fixture(scope="module")
def served(project) -> str:
    return project[1]


def mark_done(page, url: str) -> None:
    page.goto(url)
    button = page.get_by_role("button", name="Mark as done")
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    assert button.get_attribute("aria-pressed") == "true"


def bar(page, scope: str = "article") -> tuple[int, int, str]:
    """The progress bar's value, maximum and the words beside it."""
    progress = page.locator(f"{scope} .cs-progress progress").first
    words = page.locator(f"{scope} .cs-progress__count").first.inner_text()
    return int(float(progress.get_attribute("value"))), int(float(progress.get_attribute("max"))), words


def card(page, title: str):
    return page.locator(".cs-card", has=page.get_by_role("link", name=title, exact=True))


def ticked(page) -> list[str]:
    """The navigation's links that carry the done mark, by their text."""
    return page.evaluate(
        "[...document.querySelectorAll('.md-nav--primary a.md-nav__link')]"
        ".filter(a => a.querySelector('.cs-tick')).map(a => a.innerText.replace(/\\s+/g, ' ').trim())"
    )


def test_pages_marked_done_stay_done_and_show_on_week_course_and_home_pages(served, page):
    mark_done(page, served + WELCOME)
    page.goto(served + LAB)
    page.keyboard.press("d")  # the key does what the button does
    assert page.get_by_role("button", name="Mark as done").get_attribute("aria-pressed") == "true"
    page.reload()
    assert page.get_by_role("button", name="Mark as done").get_attribute("aria-pressed") == "true"
    assert ticked(page) == ["Welcome ✓ (done)", "Count Late Events ✓ (done)"]

    page.goto(served + WEEK_1)
    assert bar(page) == (2, 3, "2 of 3 done")
    assert page.get_by_role("progressbar", name="Progress: Week 1").count() == 1
    assert page.get_by_role("row", name="Welcome").locator(".cs-tick").count() == 1  # the week's list is ticked too

    page.goto(served + COURSE)
    assert bar(page) == (2, 5, "2 of 5 done")
    cont = page.get_by_role("link", name="Continue: Long Talk")
    assert cont.get_attribute("href") == served + LONG  # the first not done, in course order
    cont.click()
    page.wait_for_url(served + LONG)

    page.goto(served)
    assert bar(page, ".cs-card") == (2, 5, "2 of 5 done")
    assert (
        card(page, "Streaming").get_by_role("link", name="Continue: Long Talk").get_attribute("href") == served + LONG
    )
    assert card(page, "Batch").locator(".cs-progress__count").inner_text() == "0 of 1 done"
    assert card(page, "Batch").locator(".cs-continue").count() == 0  # nothing begun, nothing to continue

    for url in (LONG, WINDOWS, WEEK_2 + "tumbling-windows/"):
        mark_done(page, served + url)
    page.goto(served)
    assert bar(page, ".cs-card") == (5, 5, "5 of 5 done")
    assert card(page, "Streaming").locator(".cs-progress__next").inner_text() == "Completed"

    page.goto(served + LAB)
    page.get_by_role("button", name="Mark as done").click()  # and undone
    page.goto(served + COURSE)
    assert page.get_by_role("link", name="Continue: Count Late Events").get_attribute("href") == served + LAB


def test_the_d_key_is_listed_and_never_taken_from_the_search_box(served, page):
    page.goto(served + WELCOME)
    page.keyboard.press("?")
    assert "Mark as done" in page.locator("dialog.cs-keys").inner_text()
    page.keyboard.press("Escape")
    page.locator(".md-search__input").click()
    page.keyboard.type("dd")
    assert page.locator(".md-search__input").input_value() == "dd"
    assert page.get_by_role("button", name="Mark as done").get_attribute("aria-pressed") == "false"


def test_a_lab_page_without_a_player_lists_its_keys_too(served, page):
    page.goto(served + LAB)
    page.keyboard.press("?")
    keys = page.locator("dialog.cs-keys[open]").inner_text()
    assert "Mark as done" in keys and "Play or pause" not in keys  # what this page answers, nothing else
    page.keyboard.press("Escape")
    page.wait_for_function("!document.querySelector('dialog.cs-keys').open")  # keys typed in it are its own
    button = page.get_by_role("button", name="Mark as done")
    assert button.get_attribute("aria-pressed") == "false"
    page.keyboard.press("d")
    page.wait_for_function("document.querySelector('.cs-done').getAttribute('aria-pressed') === 'true'")


def test_done_pages_are_ticked_after_materials_instant_navigation(served, page):
    mark_done(page, served + WINDOWS)
    page.goto(served + WEEK_1)
    page.wait_for_load_state("networkidle")  # Material has read its sitemap: the pages it navigates to instantly
    page.evaluate("window.__samePage = true")
    page.locator(".md-nav--primary").get_by_role("link", name="Week 2").click()
    page.wait_for_url(served + WEEK_2)
    page.get_by_role("progressbar", name="Progress: Week 2").wait_for()
    assert page.evaluate("window.__samePage === true")  # not a full page load: Material's instant navigation
    assert bar(page) == (1, 2, "1 of 2 done")
    assert ticked(page) == ["Windows ✓ (done)"]
    page.locator(".md-nav--primary").get_by_role("link", name="Tumbling Windows").click()
    page.wait_for_url(served + WEEK_2 + "tumbling-windows/")
    page.get_by_role("button", name="Mark as done").wait_for()  # the URL changes before Material shows the page
    page.keyboard.press("d")
    assert ticked(page) == ["Windows ✓ (done)", "Tumbling Windows ✓ (done)"]


def test_export_then_import_restores_progress_after_a_reset(served, page, tmp_path):
    mark_done(page, served + WELCOME)
    mark_done(page, served + LAB)
    page.goto(served)
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    assert download.value.suggested_filename == "streaming-notes-progress.json"
    exported = tmp_path / download.value.suggested_filename
    download.value.save_as(exported)
    assert json.loads(exported.read_text())["done"] == [LAB, WELCOME]

    page.once("dialog", lambda dialog: dialog.dismiss())  # the reset asks first; "Cancel" keeps everything
    page.get_by_role("button", name="Reset progress").click()
    assert bar(page, ".cs-card") == (2, 5, "2 of 5 done")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Reset progress").click()
    assert bar(page, ".cs-card") == (0, 5, "0 of 5 done")
    assert page.get_by_role("status").filter(has_text="Progress reset.").count() == 1
    page.goto(served + WELCOME)
    assert page.get_by_role("button", name="Mark as done").get_attribute("aria-pressed") == "false"
    assert ticked(page) == []

    page.goto(served)
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import progress…").click()
    chooser.value.set_files(str(exported))
    page.get_by_role("status").filter(has_text="Imported 2 pages marked as done.").wait_for()
    assert bar(page, ".cs-card") == (2, 5, "2 of 5 done")
    assert card(page, "Streaming").get_by_role("link", name="Continue: Long Talk").count() == 1
    page.goto(served + LAB)
    assert page.get_by_role("button", name="Mark as done").get_attribute("aria-pressed") == "true"


def test_a_file_that_is_not_progress_is_refused(served, page, tmp_path):
    mark_done(page, served + WELCOME)
    page.goto(served)
    for name, content in [("notes.json", '{"done": "everything"}'), ("page.html", "<p>not JSON</p>")]:
        (tmp_path / name).write_text(content)
        with page.expect_file_chooser() as chooser:
            page.get_by_role("button", name="Import progress…").click()
        chooser.value.set_files(str(tmp_path / name))
        page.get_by_role("status").filter(has_text="not progress exported from a coursesite site").wait_for()
    assert bar(page, ".cs-card") == (1, 5, "1 of 5 done")


def test_two_sites_on_one_origin_keep_their_own_progress(project, page, tmp_path):
    for name in ("notes-a", "notes-b"):  # as GitHub Pages serves two project sites of one account
        shutil.copytree(project[0] / "site", tmp_path / name)
    with serve_folder(tmp_path) as base:
        mark_done(page, base + "notes-a/" + WELCOME)
        page.goto(base + "notes-b/" + WEEK_1)
        assert bar(page) == (0, 3, "0 of 3 done")
        page.goto(base + "notes-a/" + WEEK_1)
        assert bar(page) == (1, 3, "1 of 3 done")


# -- reading position ------------------------------------------------------------------------------------
def scroll_to(page, anchor: str) -> None:
    """Scroll as a reader does, until that paragraph is at the top of the window, and let the page note it."""
    page.evaluate("id => document.getElementById(id).scrollIntoView()", anchor)
    page.wait_for_function("() => scrollY > 0")
    settle(page)


IN_VIEW = """id => { const box = document.getElementById(id).getBoundingClientRect();
                     return box.top >= document.querySelector('.md-header').getBoundingClientRect().bottom
                            && box.bottom <= innerHeight; }"""


def test_a_long_transcript_offers_to_go_back_to_where_the_reader_left_it(served, narrow):
    page = narrow
    page.goto(served + LONG)
    assert page.get_by_role("button", name="Resume reading").count() == 0  # a first visit
    scroll_to(page, "t-1m00s")
    page.wait_for_function("() => JSON.stringify(localStorage).includes('t-1m00s')")

    page.goto(served + LONG)  # returning: the page opens at its top, and offers to go back
    resume = page.get_by_role("button", name="Resume reading at 01:00")
    assert resume.is_visible()
    assert page.evaluate("scrollY") == 0  # it does not jump by itself
    screenshot(page, "progress-resume-narrow")
    resume.click()
    page.wait_for_function(f"({IN_VIEW})('t-1m00s')")
    assert page.url == served + LONG + "#t-1m00s"
    assert resume.count() == 0

    page.goto(served + LONG)
    page.get_by_role("button", name="Dismiss: stay at the top").click()
    assert page.get_by_role("button", name="Resume reading").count() == 0
    assert page.evaluate("scrollY") == 0

    page.goto(served + LONG + "#t-0m30s")  # a link to a moment goes there, with no offer
    assert page.get_by_role("button", name="Resume reading").count() == 0


def test_a_paragraph_on_the_first_screen_is_not_offered(served, page):
    page.goto(served + LONG)
    scroll_to(page, "t-0m06s")
    page.wait_for_function("() => JSON.stringify(localStorage).includes('t-0m06s')")
    page.goto(served + LONG)
    assert page.get_by_role("button", name="Resume reading").count() == 0


# -- the offline copy, from disk --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def offline_copy(project, tmp_path_factory) -> Path:
    return unzipped_site(project[0] / "site-offline.zip", tmp_path_factory.mktemp("offline"))


def test_the_offline_copy_keeps_progress_across_pages_from_disk_with_no_request(offline_copy, page):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto((offline_copy / WELCOME / "index.html").as_uri())
    page.get_by_role("button", name="Mark as done").click()
    page.locator(".md-nav--primary").get_by_role("link", name="Count Late Events").click()
    page.wait_for_url("**/count-late-events/index.html")
    page.keyboard.press("d")
    assert ticked(page) == ["Welcome ✓ (done)", "Count Late Events ✓ (done)"]
    page.locator(".md-nav--primary").get_by_role("link", name="Week 1", exact=True).click()
    page.wait_for_url("**/week-1/index.html")
    assert bar(page) == (2, 3, "2 of 3 done")
    page.goto((offline_copy / "index.html").as_uri())
    assert bar(page, ".cs-card") == (2, 5, "2 of 5 done")
    cont = card(page, "Streaming").get_by_role("link", name="Continue: Long Talk")
    assert cont.get_attribute("href") == (offline_copy / LONG / "index.html").as_uri()
    cont.click()
    page.wait_for_url("**/long-talk/index.html")
    assert page.get_by_role("button", name="Mark as done").get_attribute("aria-pressed") == "false"
    assert requests and all(url.startswith("file://") for url in requests), requests


# -- accessibility and looks ------------------------------------------------------------------------------
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_progress_states_have_no_serious_accessibility_violation(served, browser, scheme):
    if not AXE.exists():
        pytest.skip("axe-core is not installed (npm ci)")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(served + WELCOME)
        assert serious_violations(page) == [], "a video page, not done"
        page.get_by_role("button", name="Mark as done").click()
        assert serious_violations(page) == [], "a video page, done"
        page.goto(served + LONG)
        page.evaluate("document.getElementById('t-1m00s').scrollIntoView()")
        page.wait_for_function("() => JSON.stringify(localStorage).includes('t-1m00s')")
        page.goto(served + LONG)
        page.get_by_role("button", name="Resume reading at 01:00").wait_for()
        assert serious_violations(page) == [], "a transcript offering to resume"
        page.goto(served + WEEK_1)
        assert serious_violations(page) == [], "a week page with its progress"
        page.goto(served)
        card(page, "Streaming").get_by_role("link", name="Continue: Long Talk").wait_for()
        assert serious_violations(page) == [], "the home page with progress and Continue"
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_screenshots_of_progress(served, browser, scheme, width):
    """Looked at by a person: test-artifacts/progress-{week,home}-{light,dark}-{390,1280}.png."""
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    try:
        mark_done(page, served + WELCOME)
        mark_done(page, served + LAB)
        page.goto(served + WEEK_1)
        assert page.locator("article .cs-progress").is_visible()
        screenshot(page, f"progress-week-{scheme}-{width}")
        page.goto(served)
        assert card(page, "Streaming").get_by_role("link", name="Continue: Long Talk").is_visible()
        screenshot(page, f"progress-home-{scheme}-{width}")
    finally:
        context.close()

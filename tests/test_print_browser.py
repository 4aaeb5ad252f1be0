"""A course on paper, in Chromium: a transcript page printed in the dark scheme is light and has no player,
and `coursesite build --pdf` prints one PDF per course (test-artifacts/print-*.png are looked at by a person)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from coursesite.cli import main
from coursesite.pdf import page_count
from tests.conftest import srt, write_tree
from tests.site_browser import ARTIFACTS, CHROMIUM, serious_violations, serve_folder, unzipped_site

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

WELCOME = "courses/streams/week-1/welcome/"
SPOKEN = "Windows wait for the watermark before they close."
SESSIONS = "A session closes after a gap of silence."


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """Two courses, one with a YouTube video and a lab, built with --pdf."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    root = tmp_path_factory.mktemp("print") / "project"
    week = "transcripts/01-streams/week-1/"
    words = " ".join(["Events arrive late and out of order, so the engine keeps state for a while."] * 4)
    write_tree(
        root,
        {
            week + "01-welcome.en.srt": srt((0, 3, SPOKEN), *((t, t + 2, words) for t in range(10, 200, 10))),
            week + "_meta.yml": 'items:\n  01-welcome:\n    url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ"\n',
            "labs/01-streams/week-1/01-count-late-events/README.md": (
                "# Count late events\n\nRead [the Beam model](https://beam.apache.org/documentation/) first.\n\n"
                "```python\n"
                + "late = [event for event in events if event.time < watermark]  # "
                + "x" * 150
                + "\n```\n"
            ),
            "transcripts/01-streams/week-2/01-sessions.en.srt": srt((0, 3, SESSIONS)),
            "transcripts/01-streams/week-2/01-sessions.es.srt": srt((0, 3, "Una sesión se cierra tras un silencio.")),
            week + "01-welcome.es.srt": srt((0, 3, "Las ventanas esperan a la marca de agua.")),
            "transcripts/02-tables/week-1/01-joins.en.srt": srt((0, 3, "A join matches rows by key.")),
        },
    )
    assert main(["build", "--root", str(root), "--pdf", "--offline", "-q"]) == 0
    return root


@pytest.fixture(scope="module")
def served(project: Path) -> Iterator[str]:
    with serve_folder(project / "site") as base:
        yield base


def test_a_transcript_printed_in_the_dark_scheme_is_light_without_player_or_progress(served, browser):
    context = browser.new_context(viewport={"width": 1000, "height": 900}, color_scheme="dark")
    page = context.new_page()
    try:
        page.goto(served + WELCOME)
        assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
        assert page.locator(".cs-player").is_visible()  # on screen, the poster is there
        page.emulate_media(media="print")
        styles = page.evaluate(
            """() => {
              const style = (selector) => getComputedStyle(document.querySelector(selector));
              return {
                body: style("body").backgroundColor, text: style(".md-typeset").color,
                player: style(".cs-player").display, study: style(".cs-study").display,
                header: style(".md-header").display, stamp: style("h2.cs-ts").display,
              };
            }"""
        )
        assert styles["body"] == "rgb(255, 255, 255)"
        assert styles["text"].startswith("rgba(0, 0, 0")
        assert styles["player"] == styles["study"] == styles["header"] == "none"
        assert styles["stamp"] != "none"  # timestamps stay on paper
        after = "(a) => getComputedStyle(a, '::after').content"
        assert "youtube.com/watch" in page.locator(".cs-downloads a", has_text="Watch the video").evaluate(after)
        assert page.locator("a[download]").first.evaluate(after) in ("none", "normal")  # the site's own file
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "print-transcript-dark.png"), full_page=True)
    finally:
        context.close()


def test_a_web_link_is_followed_by_its_address_on_paper(served, page):
    page.goto(served + "courses/streams/week-1/count-late-events/")
    page.emulate_media(media="print")
    link = page.locator('.md-content a[href="https://beam.apache.org/documentation/"]')
    after = link.evaluate("(a) => getComputedStyle(a, '::after').content")
    assert "https://beam.apache.org/documentation/" in after
    code = page.locator(".md-typeset pre > code").first
    assert code.evaluate("(c) => getComputedStyle(c).whiteSpace") == "pre-wrap"
    assert code.evaluate("(c) => c.scrollWidth <= c.clientWidth + 1")  # wrapped, nothing hidden to scroll to


def test_build_pdf_writes_one_pdf_per_course(project: Path, browser):
    pdfs = sorted(path.name for path in (project / "site-pdf").glob("*.pdf"))
    assert pdfs == ["streams.pdf", "tables.pdf"]
    streams = (project / "site-pdf/streams.pdf").read_bytes()
    assert streams.startswith(b"%PDF") and len(streams) > 10_000
    # Chromium compresses its text streams and encodes glyphs by font: the words themselves are not
    # checked here without a PDF library; the pages and the printed look are (below and by a person).
    assert page_count(streams) >= 2  # the course page, the week, the video, the lab: each starts a sheet
    assert page_count((project / "site-pdf/tables.pdf").read_bytes()) >= 1
    assert not list((project / "site").rglob("*.pdf"))  # beside the site, never inside it


def test_a_course_prints_from_its_page_to_print_in_order_each_page_on_new_sheets(served, page):
    """From the course page to its page to print, printed with the browser: the page a person looks at."""
    page.add_init_script("window.print = () => { window.printed = (window.printed || 0) + 1; };")
    page.goto(served + "courses/streams/")
    page.get_by_role("link", name="Print the course").click()
    page.wait_for_url("**/courses/streams/_print/index.html")
    assert page.title() == "Streams"
    page.get_by_role("button", name="Print").click()
    assert page.evaluate("window.printed") == 1
    ids = page.evaluate("Array.from(document.querySelectorAll('[id]'), (e) => e.id)")
    assert len(ids) == len(set(ids))  # each page's ids made its own: its links land on it
    groups = page.evaluate("Array.from(document.querySelectorAll('input[type=radio][name]'), (e) => e.name)")
    assert len(groups) >= 2 and len(set(groups)) == len(groups) // 2  # each transcript's two tabs: a group each
    assert page.locator(".cs-languages input:checked").count() == len(groups) // 2  # each shows a language
    page.emulate_media(media="print")
    assert not page.locator(".cs-print-bar").is_visible()
    text = page.locator("body").inner_text()
    assert text.index("Week 1") < text.index(SPOKEN) < text.index("Count late events") < text.index(SESSIONS)
    items = page.locator(".cs-course-print__item")
    assert items.count() == 6  # the course, week 1, its video and lab, week 2, its video
    assert items.nth(1).evaluate("(e) => getComputedStyle(e).breakBefore") == "page"
    assert page.locator(".cs-player").first.evaluate("(e) => getComputedStyle(e).display") == "none"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "print-whole-course.png"), full_page=True)


def test_a_week_prints_alone_from_its_week_page(served, page):
    page.goto(served + "courses/streams/week-2/")
    page.get_by_role("link", name="Print this week").click()
    page.wait_for_url("**/_print/index.html?week=week-2")
    assert page.locator(".cs-print-bar a[aria-current]").inner_text() == "Week 2"
    page.emulate_media(media="print")
    text = page.locator("body").inner_text()
    assert SESSIONS in text and SPOKEN not in text and "Count late events" not in text
    assert page.title() == "Week 2 · Streams"


def test_the_page_to_print_has_no_serious_accessibility_issue_on_screen_or_paper(served, page):
    page.goto(served + "courses/streams/_print/index.html")
    assert serious_violations(page) == []
    page.emulate_media(media="print")
    assert serious_violations(page) == []


def test_the_offline_copy_prints_a_week_from_disk_without_a_request(project: Path, tmp_path: Path, page):
    site = unzipped_site(project / "site-offline.zip", tmp_path)
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto((site / "courses/streams/index.html").as_uri())
    page.get_by_role("link", name="Print the course").click()
    page.locator(".cs-print-bar a[data-cs-week=week-2]").click()
    page.wait_for_url("**/_print/index.html?week=week-2")
    assert page.locator(".cs-course-print__item:not([hidden])").count() == 2  # week 2's page and its video
    assert SESSIONS in page.locator("article").inner_text()
    assert [url for url in asked if not url.startswith("file:")] == []

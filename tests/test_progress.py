"""What the pages tell progress.js: which page each video and lab is, and which items a week, a course and the
home page count, in course order, with titles escaped like every other text (browser tests: test_progress_browser)."""

from __future__ import annotations

import json
from html.parser import HTMLParser

from coursesite.assemble import material
from coursesite.model import Catalog, Course, Lab, Settings, Video, Week
from coursesite.render import render_site
from tests.test_render import lab_file, to_html, transcript

HOSTILE = 'Joins & "Keys" <script>alert(1)</script> `x` [l](javascript:alert(2)) *b*'


def catalog() -> Catalog:
    def video(slug: str, title: str) -> Video:
        return Video(slug, title, (transcript([(0, 1000, "Hello.")]),))

    def lab(slug: str, title: str) -> Lab:
        return Lab(slug, title, f"labs/{slug}.sql", (lab_file(f"{slug}.sql", b"SELECT 1;\n"),))

    first = Week(
        "week-1", "Week 1", 1, videos=(video("welcome", "Welcome"), video("joins", HOSTILE)), labs=(lab("l1", "Lab 1"),)
    )
    second = Week("week-2", "Week 2", 2, videos=(video("wrap-up", "Wrap Up"),))
    empty = Week("week-3", "Week 3", 3)
    courses = (Course("sql", "SQL", 1, weeks=(first, second, empty)), Course("python", "Python", 2))
    return Catalog(Settings(), courses)


class _Attributes(HTMLParser):
    """The attributes of every element with a given class, as a browser reads them (entities decoded)."""

    def __init__(self, class_name: str) -> None:
        super().__init__()
        self.class_name, self.found = class_name, []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if self.class_name in (attributes.get("class") or "").split():
            self.found.append(attributes)


def elements(page: bytes | str, class_name: str) -> list[dict]:
    parser = _Attributes(class_name)
    parser.feed(to_html(page) if isinstance(page, bytes) else page)
    return parser.found


def items_of(attributes: dict) -> list[list[str]]:
    return json.loads(attributes["data-cs-items"])


def test_every_video_and_lab_page_says_which_page_it_is():
    files = render_site(catalog()).files
    for page in ("sql/week-1/welcome", "sql/week-1/joins", "sql/week-1/l1", "sql/week-2/wrap-up"):
        (study,) = elements(files[f"courses/{page}/index.md"], "cs-study")
        assert study["data-cs-item"] == f"courses/{page}/"
        assert "hidden" in study  # the script shows it; without the script there is no button that does nothing


def test_week_and_course_pages_count_their_items_in_course_order():
    files = render_site(catalog()).files
    (week,) = elements(files["courses/sql/week-1/index.md"], "cs-progress")
    assert items_of(week) == [
        ["courses/sql/week-1/welcome/", "Welcome"],
        ["courses/sql/week-1/joins/", HOSTILE],
        ["courses/sql/week-1/l1/", "Lab 1"],
    ]
    assert week["data-cs-label"] == "Progress: Week 1" and "data-cs-continue" not in week
    (course,) = elements(files["courses/sql/index.md"], "cs-progress")
    assert [page for page, _ in items_of(course)] == [
        "courses/sql/week-1/welcome/",
        "courses/sql/week-1/joins/",
        "courses/sql/week-1/l1/",  # a week's videos, then its labs, as the navigation lists them
        "courses/sql/week-2/wrap-up/",
    ]
    assert "data-cs-continue" in course
    assert elements(files["courses/sql/week-3/index.md"], "cs-progress") == []  # nothing to count


def test_the_home_page_has_each_courses_progress_and_the_tools_once():
    site = render_site(catalog())
    bars = elements(to_html(site.home.encode()), "cs-progress")
    assert [bar["data-cs-label"] for bar in bars] == ["Progress: SQL"]  # a course with no item has no bar
    assert len(items_of(bars[0])) == 4 and "data-cs-continue" in bars[0]
    assert len(elements(to_html(site.home.encode()), "cs-progress-tools")) == 1


def test_titles_reach_the_page_as_text():
    files = render_site(catalog()).files
    page = to_html(files["courses/sql/week-1/index.md"])
    assert "<script" not in page and "javascript:alert(2)</a>" not in page
    (week,) = elements(page, "cs-progress")
    assert items_of(week)[1][1] == HOSTILE  # the script shows it with textContent


def test_every_page_names_its_site_escaped():
    page = '<html><body dir="ltr"><p>text</p></body></html>'
    marked = material.marked_site(page, "Notes &amp; &quot;More&quot; <b>")  # as the theme holds it: escaped
    assert marked.startswith('<html><body data-cs-site="Notes &amp; &quot;More&quot; &lt;b&gt;" dir="ltr">')

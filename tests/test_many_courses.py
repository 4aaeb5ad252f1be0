"""A site of many courses stays linear: a page's navigation carries its own course, not every other one,
and the catalog, linked from every page, still reaches every course (issue 17)."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

from coursesite.assemble import material
from coursesite.assemble.plugin import LISTED_COURSES
from coursesite.cli import main
from tests.conftest import srt

pytestmark = pytest.mark.e2e

COURSES = LISTED_COURSES + 1


def course(number: int) -> str:
    return f"{number:02d}-course-{number}"


def navigation_links(page: Path) -> list[str]:
    """The addresses the page's site navigation (Material's primary navigation) links to, as written."""
    html = page.read_text("utf-8")
    navigation = html.split(material.PRIMARY_NAVIGATION, 1)[1].split("md-sidebar--secondary", 1)[0]
    links = re.findall(r'<a href="([^"]*)" ' + material.NAVIGATION_LINK, navigation)
    return [link for link in links if not link.startswith("#")]  # not the table of contents it may hold


@pytest.fixture(scope="module")
def many_courses(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("many")
    for number in range(1, COURSES + 1):
        for video in (1, 2):
            path = root / "transcripts" / course(number) / "week-1" / f"0{video}-talk-{number}-{video}.en.srt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(srt((0, 3, f"Words of course {number}, video {video}.")))
    (root / "course.yml").write_text("site_name: Many\n", "utf-8")
    assert main(["build", "--root", str(root), "-q"]) == 0
    return root / "site"


def test_a_page_of_a_many_course_site_carries_its_own_course_and_no_other(many_courses):
    page = many_courses / "courses/course-3/week-1/talk-3-1/index.html"
    links = navigation_links(page)
    assert "../talk-3-2/" in links  # its own course's other video
    assert "../../../" in links  # the catalog of all courses
    others = [link for link in links if re.search(r"course-(?!3/)\d+/", link)]
    assert others == []
    assert len(page.read_bytes()) < len((many_courses / "courses/index.html").read_bytes())


def test_every_course_is_reached_from_any_page_through_the_catalog(many_courses):
    for page in ("index.html", "courses/course-7/index.html", "courses/course-7/week-1/talk-7-2/index.html"):
        targets = {
            posixpath.normpath(posixpath.join(posixpath.dirname(page), link))
            for link in navigation_links(many_courses / page)
        }
        assert "courses" in targets, page
    catalog = (many_courses / "courses/index.html").read_text("utf-8")
    assert {f"course-{number}/" for number in range(1, COURSES + 1)} <= set(
        re.findall(r'href="(course-\d+/)"', catalog)
    )


def test_previous_and_next_still_walk_from_one_course_into_the_next(many_courses):
    last = (many_courses / "courses/course-3/week-1/talk-3-2/index.html").read_text("utf-8")
    assert re.search(r'<a href="../../../course-4/" class="md-footer__link md-footer__link--next"', last)

"""Relative links and images in Markdown land on the page or file they name, wherever coursesite publishes it."""

from __future__ import annotations

import pytest

from coursesite.links import LinkTargets, relative_url

TARGETS = LinkTargets(
    {
        "c1/README.md": "courses/c1/index.md",
        "c1/week2/README.md": "courses/c1/week-2/index.md",
        "c1/week2": "courses/c1/week-2/index.md",
        "c1/week2/lab.ipynb": "courses/c1/week-2/lab/index.md",
        "c1/week2/images/Plot.PNG": "courses/c1/week-2/materials/files/images/Plot.PNG",
        "c1/week2/data/rows.csv": "courses/c1/week-2/materials/files/data/rows.csv",
        "img/diagram.png": "courses/more-materials/materials/materials/files/img/diagram.png",
        "c2/week1/images/logout.png": "courses/c2/week-1/materials/files/images/logout.png",
        "c3/week1/images/logout.png": "courses/c3/week-1/materials/files/images/logout.png",
    }
)
LAB_PAGE = "courses/c1/week-2/lab/index.md"


@pytest.mark.parametrize(
    ("href", "url", "warned"),
    [
        ("data/rows.csv", "../materials/files/data/rows.csv", False),
        ("./data/rows.csv#top", "../materials/files/data/rows.csv#top", False),
        ("../README.md", "../../", False),  # the course's README is the course page
        ("../week2/", "../", False),  # a week folder is the week's page
        ("/img/diagram.png", "../../../more-materials/materials/materials/files/img/diagram.png", False),
        ("../../img/diagram.png", "../../../more-materials/materials/materials/files/img/diagram.png", False),
        ("images/plot.png", "../materials/files/images/Plot.PNG", True),  # another case: found, and said
        ("pictures/rows.csv", "../materials/files/data/rows.csv", True),  # moved: the file of that name
        ("lab.ipynb", "./", False),
    ],
)
def test_a_relative_link_lands_where_its_file_is_published(href, url, warned):
    found = TARGETS.resolve("c1/week2/lab.ipynb", LAB_PAGE, href)
    assert found.url == url
    assert bool(found.warning) is warned


def test_of_several_files_of_one_name_the_nearest_is_shown():
    found = TARGETS.resolve("c3/week1/lab.ipynb", "courses/c3/week-1/lab/index.md", "images/Logout.png")
    assert found.url == "../materials/files/images/logout.png"


@pytest.mark.parametrize("href", ["https://example.com/x.png", "#section", "mailto:a@b.c", "//cdn.example/x.js"])
def test_links_that_are_not_relative_are_left_alone(href):
    assert TARGETS.resolve("c1/week2/lab.ipynb", LAB_PAGE, href).url is None


def test_a_broken_link_is_reported_and_left_alone():
    found = TARGETS.resolve("c1/week2/lab.ipynb", LAB_PAGE, "missing/nothing.txt")
    assert found.url is None and "broken link 'missing/nothing.txt'" in found.warning
    outside = TARGETS.resolve("c1/README.md", "courses/c1/index.md", "../../etc/passwd")
    assert outside.url is None and "outside the repository" in outside.warning


def test_names_with_spaces_and_quotes_stay_inside_the_url():
    targets = LinkTargets({'a/my "file".csv': 'courses/a/w/l/files/my "file".csv'})
    assert targets.resolve("a/README.md", "courses/a/w/l/index.md", "my%20%22file%22.csv").url == (
        "files/my%20%22file%22.csv"
    )


def test_relative_urls_are_directory_urls_for_pages():
    assert relative_url("index.md", "courses/c1/index.md") == "courses/c1/"
    assert relative_url("courses/c1/index.md", "index.md") == "../../"
    assert relative_url("courses/c1/week-2/index.md", "courses/c1/week-2/lab/files/a b.png") == "lab/files/a%20b.png"

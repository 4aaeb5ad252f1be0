"""A course repository built as it stands: its notes on their pages, its links working, each image shown
once, long files shown in part, and every file published or named in the summary."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest

from coursesite.cli import main
from tests.conftest import write_tree

pytestmark = pytest.mark.e2e

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d4944415478da63f8cfc0f01f0005000201e5273f8a0000000049454e44ae426082"
)
REPOSITORY = {
    "README.md": (
        "# My course notes\n\nWhat I learned, course by course. The diagram: ![overview](img/overview.png)\n\n"
        f"A sketch: ![sketch](data:image/png;base64,{base64.b64encode(PNG).decode()})\n"
    ),
    "img/overview.png": PNG,
    "LICENSE": "Use it as you like.\n",
    ".gitignore": "*.pyc\n",
    "course1/README.md": "# Course 1: Foundations\n\nThe course in one sentence, written by me.\n",
    "course1/week2/README.md": (
        "# Week 2: Pipelines\n\n- first point\n  - a nested point\n\nSee [the lab](lab1/) and ![a plot](images/Plot.png).\n"
    ),
    "course1/week2/images/plot.png": PNG,
    "course1/week2/lab1/README.md": "# Load the orders\n\n![the schema](schema.png)\n\nRun `load.py`.\n",
    "course1/week2/lab1/schema.png": PNG,
    "course1/week2/lab1/load.py": "".join(f"print({number})\n" for number in range(1000)),
    "course1/week2/lab1/.terraform/providers/big.bin": b"\0" * 64,
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, str]:
    import contextlib
    import io

    root = write_tree(tmp_path_factory.mktemp("repository") / "notes", REPOSITORY)
    printed = io.StringIO()
    with contextlib.redirect_stderr(printed):
        assert main(["build", "--root", str(root)]) == 0
    return root, printed.getvalue()


def page(root: Path, pattern: str) -> str:
    (found,) = [p for p in (root / "site").rglob("index.html") if re.search(pattern, p.as_posix())]
    return found.read_text("utf-8")


def images(html: str) -> list[str]:
    return re.findall(r'<img[^>]* src="([^"]+)"', html)


def test_notes_are_at_the_top_of_their_pages_with_their_links_working(built):
    root, _ = built
    home = (root / "site/index.html").read_text("utf-8")
    assert "What I learned, course by course." in home
    week = page(root, r"courses/course-1[^/]*/week-2[^/]*/index.html$")
    assert "a nested point" in week and re.search(r"<li>first point\s*<ul>\s*<li>a nested point", week)
    # The README's image (named in another case) and its link to the lab folder land on what they name.
    (plot,) = images(week)
    assert (root / "site" / re.sub(r"^.*?courses/", "courses/", _resolve(week, plot, root))).is_file()
    assert 'href="lab-1/"' in week


def _resolve(html_page: str, src: str, root: Path) -> str:
    """The site path an <img src> of a week page names (the page is at courses/<course>/<week>/)."""
    (found,) = [p for p in (root / "site").rglob("index.html") if p.read_text("utf-8") == html_page]
    return (found.parent / src).resolve().relative_to((root / "site").resolve()).as_posix()


def test_each_image_is_shown_once_and_long_files_in_part(built):
    root, _ = built
    lab = page(root, r"/week-2/lab-1/index.html$")
    assert "<h1" in lab and "Lab 1: Load the orders" in lab
    assert [src for src in images(lab) if "schema" in src] == ["files/schema.png"]  # in the README only
    assert "schema.png</a> · " in lab and "(shown above)" in lab
    assert "The first 400 of 1000 lines; download the file for all of it." in lab
    assert "print(399)" in re.sub(r"<[^>]+>", "", lab) and "print(400)" not in re.sub(r"<[^>]+>", "", lab)
    (download,) = (root / "site/courses").rglob("lab-1/files/load.py")
    assert download.read_text().count("\n") == 1000


def test_files_beside_the_courses_are_published_and_the_rest_is_named(built):
    root, printed = built
    home = (root / "site/index.html").read_text("utf-8")
    shown = images(home)
    assert len(shown) == 2 and all((root / "site" / src).is_file() for src in shown), shown  # a data URL too
    assert list((root / "site").rglob("more-materials/**/files/LICENSE"))
    assert "2 files not published: 1 (hidden file) `.gitignore`; 1 (hidden folder)" in printed
    assert "`course1/week2/lab1/.terraform/`" in printed


def test_a_link_that_is_corrected_or_broken_is_reported_at_its_line(built, tmp_path):
    _, printed = built
    assert "course1/week2/README.md:6: warning: link 'images/Plot.png' names 'course1/week2/images/plot.png'" in printed
    root = write_tree(tmp_path / "broken", {"week1/README.md": "# Week 1\n\nIntro.\n\n![gone](images/gone.png)\n"})
    import contextlib
    import io

    check = io.StringIO()
    with contextlib.redirect_stderr(check):
        assert main(["check", "--root", str(root), "--strict"]) == 1
    assert "week1/README.md:5: warning: broken link 'images/gone.png'" in check.getvalue()


def test_a_note_heading_that_is_the_page_title_is_not_repeated(built):
    root, _ = built
    week = page(root, r"courses/course-1[^/]*/week-2[^/]*/index.html$")
    article = week[week.index('<article class="md-content__inner') :]
    assert len(re.findall(r"<h[1-6][^>]*>Week 2: Pipelines", article)) == 1  # the page's own title only

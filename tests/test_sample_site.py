"""The bundled sample course builds strictly into a site with a page for everything, read by its text."""

from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from coursesite.discover import discover
from coursesite.paragraphs import make_paragraphs
from coursesite.subtitles import parse_subtitles

pytestmark = pytest.mark.e2e


def page(root: Path, url: str) -> str:
    return unescape((root / "site" / url / "index.html").read_text("utf-8"))


def test_the_sample_has_four_courses_and_fifteen_weeks(sample):
    plan = discover(sample)
    assert [c.title for c in plan.courses] == [
        "Introduction to Data Engineering",
        "Source Systems, Data Ingestion, and Pipelines",
        "Data Storage and Queries",
        "Data Modeling, Transformation, and Serving",
    ]
    assert [len(c.weeks) for c in plan.courses] == [4, 4, 3, 4]
    for course in plan.courses:
        for week in course.weeks:
            assert len(week.videos) >= 2, f"{course.title} / {week.title} has fewer than two videos"
            assert week.labs, f"{course.title} / {week.title} has no lab"


def test_every_course_week_video_and_lab_has_a_page(sample):
    home = page(sample, "")
    for course in discover(sample).courses:
        assert course.title in home
        assert course.title in page(sample, f"courses/{course.slug}")
        for week in course.weeks:
            week_page = page(sample, f"courses/{course.slug}/{week.slug}")
            for item in (*week.videos, *week.labs):
                assert item.title in week_page
                assert item.title in page(sample, f"courses/{course.slug}/{week.slug}/{item.slug}")


def test_transcript_pages_hold_every_paragraph_of_their_subtitles(sample):
    course = discover(sample).courses[0]
    video = course.weeks[0].videos[0]
    _language, source = video.files[0]
    paragraphs = make_paragraphs(parse_subtitles((sample / source).read_bytes(), source).cues)
    html = page(sample, f"courses/{course.slug}/{course.weeks[0].slug}/{video.slug}")
    assert len(paragraphs) > 3
    for paragraph in paragraphs:
        assert paragraph.text in html


def test_the_welcome_video_has_a_language_switch(sample):
    videos = [v for c in discover(sample).courses for w in c.weeks for v in w.videos if len(v.files) > 1]
    assert videos, "the sample should have at least one video in two languages"
    course = discover(sample).courses[0]
    html = page(sample, f"courses/{course.slug}/{course.weeks[0].slug}/{videos[0].slug}")
    assert "English" in html and "Español" in html


class _Tables(HTMLParser):
    """The tables of a page as rows of cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.images: list[dict[str, str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("th", "td"):
            self._cell = []
        elif tag == "img":
            self.images.append({name: value or "" for name, value in attrs})

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None


def test_a_notebook_lab_shows_its_saved_table_and_plot(sample):
    """The orders lab's `orders.head()` and its chart, as the notebook saved them."""
    url = "courses/introduction-to-data-engineering/week-1/explore-an-orders-dataset"
    parsed = _Tables()
    parsed.feed((sample / "site" / url / "index.html").read_text("utf-8"))
    header, first, *rest = parsed.tables[0]
    assert header == ["", "order_id", "region", "product", "quantity", "unit_price"]
    assert first == ["0", "1", "south", "backpack", "4", "32.0"]
    assert len(rest) == 4  # head() shows five rows
    plots = [image for image in parsed.images if image.get("alt", "").startswith("Output of cell")]
    assert plots, parsed.images
    for plot in plots:
        assert (sample / "site" / url / plot["src"]).read_bytes().startswith(b"\x89PNG")


def test_hand_written_pages_are_in_the_site(sample):
    assert "Contributing" in page(sample, "contributing")
    assert "coursesite" in page(sample, "about")


def test_check_passes_on_the_bundled_content(sample, capsys):
    from coursesite.cli import main

    assert main(["check", "--root", str(sample), "--strict"]) == 0
    assert "0 errors · 0 warnings" in capsys.readouterr().err


def test_plain_mkdocs_build_strict_has_no_warnings(sample, tmp_path):
    """The repository also builds with MkDocs alone: the plugin converts the sources itself."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "out")],
        cwd=sample,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    assert (tmp_path / "out" / "courses" / "introduction-to-data-engineering" / "index.html").is_file()

"""The bundled sample course builds strictly into a site with a page for everything, read by its text."""

from html import unescape
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


def test_lab_pages_show_tables_and_plots_from_saved_outputs(sample):
    site = sample / "site" / "courses"
    lab_pages = [p for p in site.rglob("index.html") if "<table" in p.read_text("utf-8")]
    images = [p for p in site.rglob("*.png")]
    assert lab_pages and images


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

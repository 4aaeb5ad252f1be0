"""MkDocs' Markdown conversion split over two processes (coursesite/site_parallel.py): the site is the
same page for page, and what a converted page logs still reaches the build (and --strict)."""

from __future__ import annotations

import pytest

from coursesite import site_parallel
from coursesite.cli import main
from tests.test_determinism import copy_sample

pytestmark = pytest.mark.e2e


@pytest.fixture
def spy(monkeypatch):
    """Every page the second process was given, by build."""
    given: list[list[str]] = []
    start = site_parallel.ParallelPages.__init__

    def init(self, pages, config, files):
        given.append([page.file.src_uri for page in pages])
        start(self, pages, config, files)

    monkeypatch.setattr(site_parallel.ParallelPages, "__init__", init)
    monkeypatch.setattr(site_parallel, "MIN_PAGES", 1)
    return given


def html_pages(site) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*.html")}


def test_pages_converted_in_the_second_process_are_the_pages_mkdocs_writes(tmp_path, monkeypatch, spy):
    parallel, serial = tmp_path / "parallel", tmp_path / "serial"
    copy_sample(parallel, reverse=False)
    copy_sample(serial, reverse=False)
    monkeypatch.setattr(site_parallel, "CHILD_SHARE", 0.5)
    assert main(["build", "--root", str(parallel), "-q", "--strict"]) == 0
    assert len(spy) == 1 and len(spy[0]) >= 10  # half of the pages went to the second process
    monkeypatch.setattr(site_parallel.ParallelPages, "start", classmethod(lambda cls, config, files: None))
    assert main(["build", "--root", str(serial), "-q", "--strict"]) == 0
    assert len(spy) == 1
    one, other = html_pages(parallel / "site"), html_pages(serial / "site")
    assert sorted(one) == sorted(other)
    assert [name for name in one if one[name] != other[name]] == []


def test_warnings_of_pages_converted_in_the_second_process_count(tree, monkeypatch, spy, caplog):
    monkeypatch.setattr(site_parallel, "CHILD_SHARE", 1.0)  # every page
    srt = "1\n00:00:00,000 --> 00:00:02,000\nHello.\n"
    files = {"transcripts/01-c/week-1/01-a.en.srt": srt, "docs/notes.md": "# Notes\n\n[gone](missing.md)\n"}
    root = tree(files)
    assert main(["build", "--root", str(root), "-q"]) == 0
    assert "notes.md" in spy[0] and "'missing.md'" in caplog.text
    assert "Hello." in (root / "site/courses/c/week-1/a/index.html").read_text()
    caplog.clear()
    assert main(["build", "--root", str(root), "-q", "--strict"]) != 0
    assert "'missing.md'" in caplog.text

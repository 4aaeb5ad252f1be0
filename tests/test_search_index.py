"""What `coursesite build` publishes for search: Pagefind's chunked index by default, Material's own
lunr index when course.yml asks for it or Pagefind is missing; interface text never indexed."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from coursesite import site
from coursesite.cli import main
from tests.site_browser import serve_folder

SRT = (
    "1\n00:00:00,000 --> 00:00:03,000\nA watermark tells the stream how late events may be.\n\n"
    "2\n00:00:03,000 --> 00:00:06,000\nLate rows after it go to a side output.\n"
)
TREE = {
    "transcripts/01-streams/week-1/01-watermarks.en.srt": SRT,
    "labs/01-streams/week-1/02-lab/README.md": "# Lab\n\nCount events per window with `tumbling_window`.\n",
}
PAGE = "site/courses/streams/week-1/watermarks/index.html"


def fragments(root: Path, bundle: str = "search/pagefind") -> list[dict]:
    """Pagefind's per-page records: gzip'd JSON after a fixed signature."""
    records = []
    for path in sorted((root / "site" / bundle / "fragment").iterdir()):
        data = gzip.decompress(path.read_bytes())
        records.append(json.loads(data.removeprefix(b"pagefind_dcd")))
    return records


def test_default_build_writes_a_pagefind_index_of_the_articles(tree):
    root = tree({**TREE, "course.yml": "site_name: Streams\n"})
    assert main(["build", "--root", str(root), "-q", "--strict"]) == 0
    records = {record["url"]: record for record in fragments(root)}
    video = records["/courses/streams/week-1/watermarks/"]
    assert video["meta"]["title"] == "Watermarks"
    assert video["meta"]["context"] == "Streams › Week 1"
    assert "how late events may be" in video["content"]
    # Only the article: no navigation, permalink signs, meta line or download links.
    for record in records.values():
        assert "¶" not in record["content"] and "Download" not in record["content"]
    assert "Skip to content" not in video["content"] and "Made with Material" not in video["content"]
    # The transcript's paragraphs are sections a result can land on.
    assert any(anchor["id"].startswith("t-") for anchor in video["anchors"])
    html = (root / PAGE).read_text()
    assert f'"search": "../../../../{site.PAGEFIND_WORKER}"' in html
    assert (root / "site" / site.PAGEFIND_WORKER).is_file()
    assert not list((root / "site/search/pagefind").glob("pagefind-ui.*"))  # Material's box is the UI
    # Material still reads its settings from search_index.json, but the documents are Pagefind's.
    assert json.loads((root / "site/search/search_index.json").read_text())["docs"] == []


def test_course_yml_can_choose_materials_own_search(tree):
    root = tree({**TREE, "course.yml": "site_name: Streams\nsearch: lunr\n"})
    assert main(["build", "--root", str(root), "-q", "--strict"]) == 0
    assert not (root / "site/search/pagefind").exists()
    docs = json.loads((root / "site/search/search_index.json").read_text())["docs"]
    paragraphs = [doc for doc in docs if "#t-" in doc["location"]]
    assert paragraphs and all(doc["boost"] == site.PARAGRAPH_BOOST for doc in paragraphs)
    assert "assets/javascripts/workers/search." in (root / PAGE).read_text()
    assert list((root / "site/assets/javascripts/workers").glob("search.*.min.js")), "lunr's worker is not published"


def test_an_unknown_search_engine_is_reported(tree, capsys):
    root = tree({**TREE, "course.yml": "search: elastic\n"})
    assert main(["check", "--root", str(root), "--strict"]) == 1
    assert "course.yml: warning: 'search' must be 'pagefind' or 'lunr', not 'elastic'" in capsys.readouterr().err


def test_without_pagefind_the_build_warns_and_keeps_a_working_search(tree, monkeypatch, caplog):
    monkeypatch.setattr(site, "pagefind_executable", lambda: None)
    root = tree(TREE)
    assert main(["build", "--root", str(root), "-q"]) == 0
    assert "Pagefind is not installed" in caplog.text
    assert json.loads((root / "site/search/search_index.json").read_text())["docs"]
    assert main(["build", "--root", str(root), "-q", "--strict"]) == 1


@pytest.mark.browser
def test_a_large_site_is_indexed_in_groups_and_searched_as_one(tree, monkeypatch, browser):
    monkeypatch.setattr(site, "PAGEFIND_GROUP_PAGES", 2)  # the indexer's memory grows with each group
    extra = {
        f"transcripts/01-streams/week-1/0{n}-more-{n}.en.srt": SRT.replace("watermark", f"marker{n}") for n in (3, 4)
    }
    root = tree({**TREE, **extra})
    assert main(["build", "--root", str(root), "-q", "--strict"]) == 0
    more = json.loads((root / "site/search/pagefind-indexes.json").read_text())
    bundles = ["search/pagefind", *(bundle.rstrip("/") for bundle in more)]
    assert len(bundles) >= 3
    urls = [record["url"] for bundle in bundles for record in fragments(root, bundle)]
    pages = [page for page in (root / "site").rglob("*.html") if page.name != "404.html"]  # Pagefind skips it
    assert len(urls) == len(set(urls)) == len(pages)
    assert not list((root / "site").glob(".pagefind-*")) and not list(root.glob(".pagefind-*"))
    with serve_folder(root / "site") as base:
        tab = browser.new_page()
        tab.goto(base)
        box = tab.locator(".md-search__input")
        box.click()
        for word, page in (("watermark", "/watermarks/"), ("marker4", "/more-4/"), ("tumbling_window", "/lab/")):
            box.fill("")
            box.type(word, delay=20)
            tab.wait_for_function(
                "(page) => (document.querySelector('.md-search-result__item a') || {}).href?.includes(page)",
                arg=page,
                timeout=15_000,
            )
        tab.close()


def test_when_pagefinds_service_cannot_start_the_built_files_are_indexed(tree, monkeypatch):
    def no_service(*args, **kwargs):
        raise site.PagefindError("no service here")

    monkeypatch.setattr(site, "LiveIndex", no_service)  # the build indexes pages as it writes them, normally
    root = tree({**TREE, "course.yml": "site_name: Streams\n"})
    assert main(["build", "--root", str(root), "-q", "--strict"]) == 0
    records = {record["url"]: record for record in fragments(root)}
    assert "how late events may be" in records["/courses/streams/week-1/watermarks/"]["content"]
    assert json.loads((root / "site/search/pagefind-indexes.json").read_text()) == []


def test_if_pagefind_stops_during_the_build_the_built_files_are_indexed(tree, monkeypatch, caplog):
    class Stops(site.LiveIndex):
        def add(self, path: str, html: str) -> None:
            raise site.PagefindError("the service stopped")

    monkeypatch.setattr(site, "LiveIndex", Stops)
    root = tree({**TREE, "course.yml": "site_name: Streams\n"})
    assert main(["build", "--root", str(root), "-q"]) == 0
    assert "Pagefind stopped while indexing (the service stopped)" in caplog.text
    records = {record["url"]: record for record in fragments(root)}
    assert "how late events may be" in records["/courses/streams/week-1/watermarks/"]["content"]

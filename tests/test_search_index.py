"""What `coursesite build` publishes for search: Pagefind's chunked index by default, Material's own
lunr index when course.yml asks for it or Pagefind is missing; interface text never indexed."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from coursesite.assemble import material, pagefind, plugin
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


@pytest.mark.e2e
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
    assert f'"search": "../../../../{material.PAGEFIND_WORKER}"' in html
    assert (root / "site" / material.PAGEFIND_WORKER).is_file()
    assert not list((root / "site/search/pagefind").glob("pagefind-ui.*"))  # Material's box is the UI
    # Material still reads its settings from search_index.json, but the documents are Pagefind's.
    assert json.loads((root / "site/search/search_index.json").read_text())["docs"] == []


@pytest.mark.e2e
def test_course_yml_can_choose_materials_own_search(tree):
    root = tree({**TREE, "course.yml": "site_name: Streams\nsearch: lunr\n"})
    assert main(["build", "--root", str(root), "-q", "--strict"]) == 0
    assert not (root / "site/search/pagefind").exists()
    docs = json.loads((root / "site/search/search_index.json").read_text())["docs"]
    paragraphs = [doc for doc in docs if "#t-" in doc["location"]]
    assert paragraphs and all(doc["boost"] == plugin.PARAGRAPH_BOOST for doc in paragraphs)
    assert "assets/javascripts/workers/search." in (root / PAGE).read_text()
    assert list((root / "site/assets/javascripts/workers").glob("search.*.min.js")), "lunr's worker is not published"


def test_an_unknown_search_engine_is_reported(tree, capsys):
    root = tree({**TREE, "course.yml": "search: elastic\n"})
    assert main(["check", "--root", str(root), "--strict"]) == 1
    assert "course.yml: warning: 'search' must be 'pagefind' or 'lunr', not 'elastic'" in capsys.readouterr().err


@pytest.mark.e2e
def test_without_pagefind_the_build_warns_and_keeps_a_working_search(tree, monkeypatch, caplog):
    monkeypatch.setattr(pagefind, "executable", lambda: None)
    root = tree(TREE)
    assert main(["build", "--root", str(root), "-q"]) == 0
    assert "Pagefind is not installed" in caplog.text
    assert json.loads((root / "site/search/search_index.json").read_text())["docs"]
    assert main(["build", "--root", str(root), "-q", "--strict"]) == 1


@pytest.mark.e2e
@pytest.mark.browser
def test_a_large_site_is_indexed_in_groups_and_searched_as_one(tree, monkeypatch, browser):
    monkeypatch.setattr(pagefind, "GROUP_PAGES", 2)  # the indexer's memory grows with each group
    extra = {
        f"transcripts/01-streams/week-1/0{n}-more-{n}.en.srt": SRT.replace("watermark", f"marker{n}") for n in (3, 4)
    }
    root = tree({**TREE, **extra})
    assert main(["build", "--root", str(root), "-q", "--strict"]) == 0
    more = json.loads((root / "site/search/pagefind-indexes.json").read_text())
    bundles = ["search/pagefind", *(bundle.rstrip("/") for bundle in more)]
    assert len(bundles) >= 3
    urls = [record["url"] for bundle in bundles for record in fragments(root, bundle)]
    # Pagefind skips 404.html, and the pages to print: each of their words is on its own page
    pages = [page for page in (root / "site").rglob("*.html") if page.name != "404.html" and "_print" not in page.parts]
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


def fake_pagefind(folder: Path, script: str) -> str:
    program = folder / "pagefind"
    program.write_text(f"#!/bin/sh\n{script}\n")
    program.chmod(0o755)
    return str(program)


@pytest.mark.e2e
def test_when_pagefind_fails_its_message_is_shown_and_the_previous_site_stays(tree, tmp_path, monkeypatch, caplog):
    root = tree({**TREE, "course.yml": "site_name: Streams\n"})
    assert main(["build", "--root", str(root), "-q"]) == 0
    before = (root / "site/courses/streams/week-1/watermarks/index.html").read_bytes()
    (root / "transcripts/01-streams/week-1/01-watermarks.en.srt").write_text(SRT.replace("late", "tardy"))
    broken = fake_pagefind(tmp_path, 'echo "Error: the disk is full" >&2; exit 3')
    monkeypatch.setattr(pagefind, "executable", lambda: broken)
    assert main(["build", "--root", str(root), "-q"]) == 1
    assert "Pagefind could not index the site: Error: the disk is full" in caplog.text
    assert (root / "site/courses/streams/week-1/watermarks/index.html").read_bytes() == before  # not swapped


@pytest.mark.e2e
def test_a_pagefind_that_hangs_is_stopped_at_its_time_limit(tree, tmp_path, monkeypatch, caplog):
    root = tree({**TREE, "course.yml": "site_name: Streams\n"})
    hanging = fake_pagefind(tmp_path, "exec sleep 600")
    monkeypatch.setattr(pagefind, "executable", lambda: hanging)
    monkeypatch.setattr(pagefind, "SECONDS_PER_GROUP", 1.0)
    assert main(["build", "--root", str(root), "-q"]) == 1
    assert "Pagefind took more than 1 s to index the site's pages" in caplog.text
    assert not (root / "site").exists()  # no half-indexed site was published

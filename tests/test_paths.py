"""Hostile names get valid, unique, stable URLs; every link in the built site resolves; nothing is
written outside the output folders."""

from __future__ import annotations

import hashlib
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from coursesite.cli import main
from coursesite.discover import discover
from tests.conftest import srt

pytestmark = pytest.mark.e2e

CUE = srt((0, 2, "A sentence that should be on its page."))
LONG = "very-long-" * 22  # 220 characters

HOSTILE = {
    "transcripts/01-c/week 1/01 What's #1? 100% sure (2 min).en.srt": CUE,
    "transcripts/01-c/week 1/02-Ünïcödé lecture 日本語.en.srt": CUE,
    "transcripts/01-c/week 1/03-Intro.en.srt": CUE,
    "transcripts/01-c/week 1/04-intro.en.srt": CUE,
    "transcripts/01-c/week 1/05-INTRO.en.vtt": b"WEBVTT\n\n00:00.000 --> 00:02.000\nVTT intro.\n",
    "transcripts/01-c/week 1/.06-hidden.en.srt": CUE,
    f"transcripts/01-c/week 1/07-{LONG}.en.srt": CUE,
    'transcripts/01-c/week 1/08-"quoted" & <angled>.en.srt': CUE,
    "labs/01-c/week 1/09 lab with spaces/data #1.csv": "a,b\n1,2\n",
    "labs/01-c/week 1/09 lab with spaces/README.md": "# Lab\n\nSee [the data](data%20%231.csv).\n",
    "labs/01-c/week 1/10-what?.py": "print('hello')\n",
}


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.found.append(value)


def broken_links(site: Path) -> list[str]:
    broken = []
    for page in site.rglob("*.html"):
        parser = Links()
        parser.feed(page.read_text("utf-8"))
        for link in parser.found:
            parts = urlsplit(link)
            if parts.scheme or link.startswith(("#", "//")) or not parts.path:
                continue
            base = site if parts.path.startswith("/") else page.parent  # the 404 page links from the root
            target = (base / unquote(parts.path).lstrip("/")).resolve()
            if parts.path.endswith("/"):
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)} -> {link}")
    return broken


def snapshot(folder: Path, skip: tuple[str, ...]) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.relative_to(folder).as_posix().startswith(skip)
    }


def test_hostile_names_get_unique_working_urls_and_nothing_is_written_elsewhere(tree):
    root = tree(HOSTILE)
    (root.parent / "outside.txt").write_text("neighbour")
    before_root, before_parent = snapshot(root, ()), snapshot(root.parent, ("project/",))
    main(["build", "--root", str(root), "-q"])
    week = discover(root).courses[0].weeks[0]
    slugs = [item.slug for item in (*week.videos, *week.labs)]
    assert len(slugs) == len({s.casefold() for s in slugs}), slugs  # unique, even ignoring case
    assert all(len(s) <= 80 and "/" not in s and "#" not in s and "?" not in s for s in slugs), slugs
    site = root / "site"
    for slug in slugs:
        assert (site / "courses" / "c" / "week-1" / slug / "index.html").is_file(), slug
    assert broken_links(site) == []
    # Only the output folders changed: sources and the neighbourhood are as they were.
    assert snapshot(root, ("docs/", "site/", ".coursesite-cache/")) == before_root
    assert snapshot(root.parent, ("project/",)) == before_parent


def test_urls_are_stable_between_builds(tree):
    root = tree(HOSTILE)
    first = [i.slug for w in discover(root).courses[0].weeks for i in (*w.videos, *w.labs)]
    second = [i.slug for w in discover(root).courses[0].weeks for i in (*w.videos, *w.labs)]
    assert first == second

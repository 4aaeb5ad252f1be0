"""Nothing a source file says can run in the reader's browser: payloads in every place a contributor
controls, every generated page opened in Chromium with a JavaScript canary."""

from __future__ import annotations

import json

import pytest

from coursesite.cli import main
from tests.site_browser import canary_tab, click_every_link, screenshot, serve_folder, settle, type_search

pytestmark = [pytest.mark.browser, pytest.mark.e2e]  # each builds a site to browse

CALL = "window.__pwned=(window.__pwned||0)+1"
HTML = f'<script>{CALL}</script><img src=x onerror="{CALL}"><svg onload="{CALL}"></svg><iframe srcdoc="<script>parent.{CALL}</script>"></iframe>'
SVG = f'<svg xmlns="http://www.w3.org/2000/svg" onload="{CALL}"><script>{CALL}</script><rect width="10" height="10"/></svg>'
NAME = "<img src=x onerror=alert(1)>"  # file systems allow it; the page must not
# The marks of HTML that Markdown passes through unparsed (coursesite/islands.py), in code and text
ISLAND = f"<!--/cs-html-->\n{HTML}\n<!--cs-html-->\n{HTML}\n<!--/cs-html-->"


def notebook() -> str:
    outputs = [
        {"output_type": "display_data", "metadata": {}, "data": {"text/html": HTML, "text/plain": "html"}},
        {"output_type": "display_data", "metadata": {}, "data": {"application/javascript": CALL, "text/plain": "js"}},
        {"output_type": "display_data", "metadata": {}, "data": {"image/svg+xml": SVG}},
        {"output_type": "display_data", "metadata": {}, "data": {"text/markdown": HTML}},
        {"output_type": "display_data", "metadata": {}, "data": {"text/latex": f"$x$ {HTML}"}},
        {
            "output_type": "display_data",
            "metadata": {},
            "data": {
                "application/vnd.jupyter.widget-view+json": {"model_id": "m", "version_major": 2, "version_minor": 0},
                "text/plain": "widget",
            },
        },
        {
            "output_type": "display_data",
            "metadata": {},
            "data": {"application/vnd.plotly.v1+json": {"data": [], "layout": {}}, "text/html": HTML},
        },
        {"output_type": "stream", "name": "stdout", "text": HTML},
        {"output_type": "stream", "name": "stdout", "text": ISLAND},
        {"output_type": "error", "ename": "E", "evalue": HTML, "traceback": [HTML]},
    ]
    cells = [
        {
            "cell_type": "markdown",
            "id": "m1",
            "metadata": {},
            "source": f"# Title {HTML}\n\n{HTML}\n\n[x](javascript:{CALL})",
        },
        {"cell_type": "code", "id": "c1", "metadata": {}, "execution_count": 1, "source": "show()", "outputs": outputs},
        {"cell_type": "code", "id": "c2", "metadata": {}, "execution_count": 2, "source": ISLAND, "outputs": []},
        {"cell_type": "markdown", "id": "m2", "metadata": {}, "source": ISLAND},
        {"cell_type": "raw", "id": "r1", "metadata": {"format": "text/html"}, "source": HTML},
    ]
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": cells})


def hostile_tree() -> dict[str, str | bytes]:
    return {
        "course.yml": f"site_name: '{NAME} notes'\n",
        "transcripts/01-c/_meta.yml": f"title: '{NAME}'\ndescription: '{HTML}'\n",
        "transcripts/01-c/week-1/_meta.yml": f"title: 'Week {NAME}'\nitems:\n  01-text:\n    url: 'javascript:{CALL}'\n",
        "transcripts/01-c/week-1/01-text.en.srt": f"1\n00:00:00,000 --> 00:00:02,000\n{HTML}\n\n2\n00:00:02,000 --> 00:00:04,000\n&lt;script&gt;{CALL}&lt;/script&gt;\n",
        "transcripts/01-c/week-1/02-voices.en.vtt": f"WEBVTT\n\n00:00.000 --> 00:02.000\n<v {NAME}>Hello {HTML}\n",
        f"transcripts/01-c/week-1/03-{NAME}.en.srt": "1\n00:00:00,000 --> 00:00:01,000\nname\n",
        "labs/01-c/week-1/04-notebook.ipynb": notebook(),
        f"labs/01-c/week-1/05-folder {NAME}/README.md": f"# Lab {HTML}\n\n{HTML}\n\n[click](javascript:{CALL})\n",
        f"labs/01-c/week-1/05-folder {NAME}/notes.md": HTML,
        f"labs/01-c/week-1/05-folder {NAME}/picture.svg": SVG,
        f"labs/01-c/week-1/05-folder {NAME}/page.html": HTML,
        f"labs/01-c/week-1/05-folder {NAME}/{NAME}.py": f"print('{HTML}')\n",
        f"labs/01-c/week-1/05-folder {NAME}/island.sql": ISLAND,
        "transcripts/01-c/week-1/06-island.en.srt": f"1\n00:00:00,000 --> 00:00:02,000\n{ISLAND}\n",
        f"labs/01-c/week-1/05-folder {NAME}/table.csv": f"a,b\n{NAME},2\n",
    }


def test_the_canary_counts_payloads_that_do_run(tree, browser):
    """The control for the tests that find none: hand-written pages are trusted (MkDocs renders their HTML
    as written), so these payloads run, and opening and clicking as the tests do must see each of them."""
    payloads = {
        "script": f"<script>{CALL}</script>",
        "onerror": f'<img src="missing.png" onerror="{CALL}">',  # runs once the request has failed
        "onload": f'<svg onload="{CALL}"></svg>',
    }
    root = tree(
        {
            "transcripts/01-c/week-1/01-text.en.srt": "1\n00:00:00,000 --> 00:00:02,000\nWords.\n",
            **{f"docs/{kind}.md": f"# {kind}\n\n{html}\n" for kind, html in payloads.items()},
            "docs/link.md": f'# A link\n\n<a href="javascript:{CALL}">run</a>\n',
        }
    )
    assert main(["build", "--root", str(root), "-q"]) == 0
    with serve_folder(root / "site") as base, canary_tab(browser) as (tab, _dialogs):
        for kind in payloads:
            tab.goto(f"{base}{kind}/")
            settle(tab)
            assert tab.evaluate("window.__pwned") >= 1, kind
        tab.goto(base + "link/")
        settle(tab)
        assert tab.evaluate("window.__pwned") == 0
        assert "javascript:" in click_every_link(tab)
        assert tab.evaluate("window.__pwned") == 1


def test_no_payload_runs_on_any_page(tree, browser):
    root = tree(hostile_tree())
    main(["build", "--root", str(root), "-q"])
    pages = sorted((root / "site").rglob("*.html"))
    assert len(pages) >= 8
    with serve_folder(root / "site") as base, canary_tab(browser) as (tab, dialogs):
        fired = {}
        for page in pages:
            url = base + page.relative_to(root / "site").as_posix()
            tab.goto(url)
            settle(tab)
            count = tab.evaluate("window.__pwned")
            if count:
                fired[url] = count
        tab.goto(base + "courses/")
        screenshot(tab, "injection-catalog")
    assert fired == {}, f"payloads ran: {fired}"
    assert dialogs == []
    # The words of the payloads are still on the pages, as text.
    text = next((root / "site").rglob("text/index.html")).read_text()
    assert "&lt;script&gt;" in text and "onerror" in text


def test_search_results_show_payloads_as_text(tree, browser):
    """Search results are inserted as HTML by Material; titles, course names and excerpts must be text."""
    root = tree(hostile_tree())
    main(["build", "--root", str(root), "-q"])
    assert (root / "site/search/pagefind/pagefind.js").is_file()
    with serve_folder(root / "site") as base, canary_tab(browser) as (tab, dialogs):
        tab.goto(base)
        type_search(tab, "onerror")
        results = tab.locator(".md-search-result__list").inner_text()
        screenshot(tab, "injection-search-results")
        pwned = tab.evaluate("window.__pwned")
    assert "<img src=x onerror=alert(1)>" in results, results  # the course title, shown as text
    assert 'onerror="window.__pwned' in results, results  # a transcript's words, shown as text
    assert pwned == 0 and dialogs == []

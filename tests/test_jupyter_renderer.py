"""The alternative notebook renderer: mkdocs-jupyter, chosen in course.yml, shows sanitised copies only."""

from __future__ import annotations

import json
import re

import pytest

from coursesite import discover as discover_module
from coursesite.cache import project_cache_folder
from coursesite.cli import main
from coursesite.jupyter_copy import safe_copy
from tests.site_browser import canary_tab, serve_folder, settle
from tests.test_injection_browser import CALL, notebook

pytest.importorskip("mkdocs_jupyter", reason="pip install -r requirements-jupyter.txt (make test does)")

PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
LAB = "courses/c/week-1/notebook"


def plain_notebook() -> str:
    cells = [
        {"cell_type": "markdown", "id": "a", "metadata": {}, "source": "# Load orders\n\nWe count **rows**."},
        {
            "cell_type": "code",
            "id": "b",
            "metadata": {},
            "execution_count": 1,
            "source": "rows = count_orders()",
            "outputs": [
                {"output_type": "stream", "name": "stdout", "text": "1204 orders\n"},
                {"output_type": "display_data", "metadata": {}, "data": {"image/png": PNG, "text/plain": "plot"}},
            ],
        },
    ]
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": cells})


def test_the_copy_keeps_what_our_pages_show_and_nothing_that_runs():
    copy, _assets, problems = safe_copy(json.loads(notebook()), path="n.ipynb", asset_dir="assets", link_base="")
    # What nbconvert inserts as HTML: Markdown cells (raw cells become Markdown) and HTML or SVG outputs.
    markup = [cell["source"] for cell in copy["cells"] if cell["cell_type"] == "markdown"]
    outputs = [o for cell in copy["cells"] for o in cell.get("outputs", [])]
    markup += [o["data"][m] for o in outputs for m in ("text/html", "image/svg+xml") if m in o.get("data", {})]
    assert len(markup) >= 5
    for html in markup:
        assert not re.search(r"<script|<iframe|\son\w+=|javascript:", html, re.I), html
    assert copy["cells"][0]["source"].startswith("# Title")  # headings stay Markdown: the page keeps its TOC
    mimes = {m for o in outputs for m in o.get("data", {})}
    assert not {"application/javascript", "application/vnd.jupyter.widget-view+json"} & mimes
    assert any(
        "Interactive output (Jupyter widget) not shown" in o["data"].get("text/plain", "")
        for o in outputs
        if "data" in o
    )
    stream = next(o for o in outputs if o["output_type"] == "stream")
    assert stream["text"].startswith("<script>")  # text stays text: nbconvert escapes streams
    assert copy["metadata"] == {}
    assert problems == []


@pytest.mark.e2e
def test_course_yml_chooses_mkdocs_jupyter_for_notebook_pages(tree, tmp_path, monkeypatch):
    root = tree(
        {"course.yml": "notebook_renderer: mkdocs-jupyter\n", "labs/01-c/week-1/01-notebook.ipynb": plain_notebook()}
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert main(["build", "--root", str(root), "-q", "--strict"]) == 0
    assert list(elsewhere.iterdir()) == []  # mkdocs-jupyter's cache is kept in our folder in the user's cache
    assert list(project_cache_folder(root, "mkdocs-jupyter").glob("*.json"))
    lab = (root / "site" / LAB / "index.html").read_text()
    assert 'href="jupyter/01-notebook/"' in lab and "Download 01-notebook.ipynb" in lab
    page = (root / "site" / LAB / "jupyter/01-notebook/index.html").read_text()
    assert "jp-Notebook" in page  # nbconvert's markup: mkdocs-jupyter rendered it
    assert "count_orders" in page and "1204 orders" in page
    assert re.search(r'<img[^>]+src="data:image/png;base64,', page)
    assert "<title>Load orders" in page


@pytest.mark.e2e
def test_a_mkdocs_jupyter_cache_entry_committed_to_the_project_is_not_published(tree):
    """mkdocs-jupyter inserts cached HTML as it is, under a hash of the notebook a contributor can compute."""
    root = tree(
        {"course.yml": "notebook_renderer: mkdocs-jupyter\n", "labs/01-c/week-1/01-notebook.ipynb": plain_notebook()}
    )
    assert main(["build", "--root", str(root), "-q"]) == 0
    # The entry's name, wherever it was written; then only a forged entry of that name, in the project.
    places = [root / ".coursesite-cache", project_cache_folder(root, "mkdocs-jupyter")]
    entries = [
        path for place in places for path in place.rglob("*.json") if re.fullmatch(r"[0-9a-f]{64}\.json", path.name)
    ]
    assert len(entries) == 1
    for entry in entries:
        entry.unlink()
    forged = root / ".coursesite-cache/mkdocs-jupyter" / entries[0].name
    forged.parent.mkdir(parents=True, exist_ok=True)
    forged.write_text(json.dumps({"content": "<p>Forged words</p><script>alert(1)</script>", "toc_tokens": []}))
    assert main(["build", "--root", str(root), "-q"]) == 0
    page = (root / "site" / LAB / "jupyter/01-notebook/index.html").read_text()
    assert "count_orders" in page and "1204 orders" in page
    assert "Forged words" not in page


@pytest.mark.e2e
@pytest.mark.browser
def test_no_payload_runs_on_a_mkdocs_jupyter_page(tree, browser):
    """Fed the notebook as it is, mkdocs-jupyter runs 7 of these payloads; fed our copy, none."""
    root = tree({"course.yml": "notebook_renderer: mkdocs-jupyter\n", "labs/01-c/week-1/01-notebook.ipynb": notebook()})
    assert main(["build", "--root", str(root), "-q"]) == 0
    page = root / "site" / LAB / "jupyter/01-notebook/index.html"
    assert CALL in page.read_text()  # the payloads are on the page, as text
    with serve_folder(root / "site") as base, canary_tab(browser) as (tab, dialogs):
        tab.goto(base + LAB + "/jupyter/01-notebook/")
        settle(tab)
        assert tab.evaluate("window.__pwned") == 0 and dialogs == []
        assert tab.locator(".jp-Notebook").count() == 1


@pytest.mark.e2e
def test_without_mkdocs_jupyter_our_renderer_is_used_with_a_warning(tree, capsys, monkeypatch):
    monkeypatch.setattr(discover_module, "find_spec", lambda name: None)
    root = tree(
        {"course.yml": "notebook_renderer: mkdocs-jupyter\n", "labs/01-c/week-1/01-notebook.ipynb": plain_notebook()}
    )
    assert main(["build", "--root", str(root), "-q"]) == 0
    assert "notebook_renderer: mkdocs-jupyter is not installed" in capsys.readouterr().err
    lab = (root / "site" / LAB / "index.html").read_text()
    assert "count_orders" in lab and not (root / "site" / LAB / "jupyter").exists()


@pytest.mark.e2e
def test_notebooks_of_one_lab_get_pages_of_their_own_even_with_the_same_name(tree):
    files = {
        "course.yml": "notebook_renderer: mkdocs-jupyter\n",
        "labs/01-c/week-1/02-lab/a.ipynb": plain_notebook(),
        "labs/01-c/week-1/02-lab/one/a.ipynb": plain_notebook(),
        "labs/01-c/week-1/02-lab/two/a.ipynb": plain_notebook(),
        "labs/01-c/week-1/02-lab/a-3.ipynb": plain_notebook(),  # once made the third "a" loop for ever
    }
    root = tree(files)
    assert main(["build", "--root", str(root), "-q", "--strict"]) == 0
    pages = sorted(path.parent.name for path in (root / "site/courses/c/week-1/lab/jupyter").glob("*/index.html"))
    assert pages == ["a", "a-2", "a-3", "a-4"]

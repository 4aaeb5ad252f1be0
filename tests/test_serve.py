"""`coursesite serve` shows an edit to any source, in a root with mkdocs.yml and in one without, without a restart.

One server per kind of root; the edits are applied one after the other, each saved in place (as most editors
do) or by rename (written to a file beside it, then moved over it, as vim and others do).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import srt, write_tree

pytestmark = pytest.mark.e2e

DEADLINE = 60.0  # seconds for a page to show an edit: a rebuild takes one or two here


def notebook(markdown: str) -> str:
    cell = {"cell_type": "markdown", "id": "intro", "metadata": {}, "source": [markdown]}
    return json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


MKDOCS_YML = "site_name: Served\nplugins:\n  - search\n  - coursesite\n"

# A project as this repository is one: transcripts/ and labs/, and hand-written pages, one of which includes
# the README (as docs/contributing.md includes CONTRIBUTING.md here).
PROJECT = {
    "mkdocs.yml": MKDOCS_YML,
    "docs/index.md": "# Served\n\n<!-- coursesite:courses -->\n",
    "docs/readme.md": "# About\n\n<!-- coursesite:include README.md -->\n",
    "README.md": "# About these notes\n\nWhat the notes are for.\n",
    "transcripts/01-basics/_meta.yml": 'description: "What the course covers."\n',
    "transcripts/01-basics/week-1/01-intro.en.srt": srt((0, 2, "The words of the first video.")),
    "labs/01-basics/week-1/01-explore.ipynb": notebook("# Explore\n\nWhat the notebook explores."),
    "labs/01-basics/week-1/02-query/README.md": "# Query\n\nWhat the lab asks.\n",
    "labs/01-basics/week-1/02-query/query.sql": "-- what the query selects\nSELECT 1;\n",
}
# A repository laid out its own way: courses at the top, a README on the home page and one on each course.
AS_IT_STANDS = {
    "README.md": "# Study notes\n\nWhat the notes are for.\n",
    "c1_basics/README.md": "# Basics\n\nWhat the course covers.\n",
    "c1_basics/week-1/_meta.yml": 'description: "What the week covers."\n',
    "c1_basics/week-1/01-intro.en.srt": srt((0, 2, "The words of the first video.")),
    "c1_basics/week-1/explore.ipynb": notebook("# Explore\n\nWhat the notebook explores."),
    "c1_basics/week-1/lab-query/README.md": "# Query\n\nWhat the lab asks.\n",
    "c1_basics/week-1/lab-query/query.sql": "-- what the query selects\nSELECT 1;\n",
    "c2_more/week-1/01-more.en.srt": srt((0, 2, "The words of another course.")),
}
ROOTS = {"with mkdocs.yml": PROJECT, "without mkdocs.yml": AS_IT_STANDS}

# For each kind of root and source: the file edited, the page that shows it, and words of it the edit follows.
EDITS = {
    "with mkdocs.yml": {
        "subtitle": ("transcripts/01-basics/week-1/01-intro.en.srt", "courses/basics/week-1/intro/", "first video."),
        "notebook": ("labs/01-basics/week-1/01-explore.ipynb", "courses/basics/week-1/explore/", "notebook explores."),
        "lab file": ("labs/01-basics/week-1/02-query/query.sql", "courses/basics/week-1/query/", "query selects"),
        "note": ("README.md", "readme/", "notes are for."),
        "_meta.yml": ("transcripts/01-basics/_meta.yml", "courses/basics/", "course covers."),
    },
    "without mkdocs.yml": {
        "subtitle": ("c1_basics/week-1/01-intro.en.srt", "courses/basics/week-1/intro/", "first video."),
        "notebook": ("c1_basics/week-1/explore.ipynb", "courses/basics/week-1/explore/", "notebook explores."),
        "lab file": ("c1_basics/week-1/lab-query/query.sql", "courses/basics/week-1/lab-query/", "query selects"),
        "note": ("c1_basics/README.md", "courses/basics/", "course covers."),
        "_meta.yml": ("c1_basics/week-1/_meta.yml", "courses/basics/week-1/", "week covers."),
    },
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:  # not serving yet, or the page is missing
        return ""


def wait_for(condition, seconds: float = DEADLINE) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def save(path: Path, text: str, how: str) -> None:
    if how == "in place":
        path.write_text(text, "utf-8")
        return
    temporary = path.with_name(f".{path.name}.saving")
    temporary.write_text(text, "utf-8")
    os.replace(temporary, path)


class Server:
    """``coursesite serve --root ROOT`` on a free port, stopped with Ctrl-C; what it prints goes to ``log``."""

    def __init__(self, root: Path, log: Path) -> None:
        self.url = f"http://127.0.0.1:{free_port()}/"
        self.log = log
        address = self.url.removeprefix("http://").rstrip("/")
        with open(log, "wb") as output:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "coursesite.cli", "serve", "--root", str(root), "--address", address],
                stdout=output,
                stderr=subprocess.STDOUT,
            )

    def page(self, path: str) -> str:
        return fetch(self.url + path)

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture(scope="module", params=list(ROOTS))
def served(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp("served")
    root = write_tree(folder / "root", ROOTS[request.param])
    server = Server(root, folder / "serve.log")
    try:
        assert wait_for(lambda: "first video" in server.page(EDITS[request.param]["subtitle"][1])), (
            "serve did not start"
        )
        yield request.param, root, server
    finally:
        server.stop()


def test_serve_says_where_the_site_is(served):
    _, _, server = served
    assert f"Serving on {server.url}" in server.log.read_text("utf-8")


@pytest.mark.parametrize("how", ["in place", "by rename"])
@pytest.mark.parametrize("source", ["subtitle", "notebook", "lab file", "note", "_meta.yml"])
def test_an_edit_shows_on_its_page(served, source, how):
    kind, root, server = served
    name, page, words = EDITS[kind][source]
    new = "Edited" + "".join(part.capitalize() for part in f"{source} {how}".replace("_", " ").split())
    assert new not in server.page(page)
    path = root / name
    save(path, path.read_text("utf-8").replace(words, f"{words} {new}", 1), how)
    assert wait_for(lambda: new in server.page(page)), f"{page} did not show the edit of {name} ({kind}, {how})"


def test_an_edit_saved_while_the_site_was_starting_shows(tmp_path):
    """A source saved after the first build read it and before the server watched for changes (a user who
    edits a file right after starting `serve`) is shown all the same. A MkDocs hook saves it at that moment."""
    root = write_tree(tmp_path / "project", PROJECT)
    source = root / EDITS["with mkdocs.yml"]["subtitle"][0]
    hook = root / "hooks" / "save_while_building.py"
    hook.parent.mkdir()
    hook.write_text(
        "from pathlib import Path\n\n\n"
        "def on_post_build(config):\n"
        f"    saved = Path({str(tmp_path / 'saved')!r})\n"
        "    if not saved.exists():  # the first build only\n"
        "        saved.touch()\n"
        f"        Path({str(source)!r}).write_bytes({srt((0, 2, 'Saved while the site was starting.'))!r})\n",
        "utf-8",
    )
    (root / "mkdocs.yml").write_text(MKDOCS_YML + "hooks:\n  - hooks/save_while_building.py\n", "utf-8")
    server = Server(root, tmp_path / "serve.log")
    try:
        page = EDITS["with mkdocs.yml"]["subtitle"][1]
        assert wait_for(lambda: "Saved while the site was starting." in server.page(page))
        assert (tmp_path / "saved").exists()  # the hook ran, in the first build
    finally:
        server.stop()

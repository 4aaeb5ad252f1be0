"""A red team's findings, one class at a time: what a stranger's pull request can put in a repository
must not run in the published site, must not publish a file from outside the sources, and must not
slip through ``check --strict`` without a word. Each hostile project is built once and read the way
an attacker would: every file of the site and of the offline zip, every link clicked in Chromium.

The caches (forged ``.coursesite-cache``) and the time and memory bounds have tests of their own
(``test_cache.py``, ``test_bounded_time.py``)."""

from __future__ import annotations

import gzip
import json
import os
import re
import zipfile
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from coursesite.cli import main
from coursesite.render import published_name
from tests.conftest import srt, write_tree
from tests.site_browser import canary_tab, click_every_link, screenshot, serve_folder, settle

pytestmark = pytest.mark.e2e

CALL = "window.__pwned=(window.__pwned||0)+1"
SCRIPT = f"<script>{CALL}</script>"
ONERROR = f"<img src=x onerror={CALL}>"
SECRET = "s3cr3t-t0ken-5f1c9"  # written only into files that must never be published
CUE = srt((0, 2, "Words that belong on the page."), (2, 4, "More words that belong there."))
SVG = f'<svg xmlns="http://www.w3.org/2000/svg" onload="{CALL}"><script>{CALL}</script></svg>'
XHTML = f'<html xmlns="http://www.w3.org/1999/xhtml"><body><script>{CALL}</script></body></html>'
WEEK = f'week-5"><img src=x onerror={CALL}>'  # a week folder that breaks out of href="…"
SUBFOLDER = f'data"><img src=x onerror={CALL}>'  # a lab sub-folder that breaks out of a rebased link
FENCE_ATTRIBUTES = "#__config .md-typeset data-md-component=announce"  # Material reads the first #__config


def project() -> dict[str, str | bytes]:
    """A repository with repo_url set, holding a payload in every place the red team found one."""
    return {
        "course.yml": (
            "site_name: 'Notes ![x](x){: onerror=\"" + CALL + "\" }'\n"
            "repo_url: https://github.com/owner/notes\n"
            f"repo_branch: 'main\"><img src=x onerror={CALL}>'\n"
        ),
        "transcripts/01-c/week-1/01-video.en.srt": CUE,
        "transcripts/01-c/week-1/02-tabbed.en.srt": CUE,
        "transcripts/01-c/week-1/_meta.yml": (
            f"items:\n  01-video:\n    url: 'javascript:{CALL}//'\n  02-tabbed:\n    url: \" java\\tscript:{CALL}\"\n"
            f'    title: "Welcome\\x7f ![x](x){{ onerror={CALL} }}"\n'
        ),
        # A title that opens a code fence inside the page's HTML: superfences gives it attributes.
        "labs/01-c/_meta.yml": json.dumps({"title": f"Course\n```{{ .text {FENCE_ATTRIBUTES} }}\n{{}}\n```\n"}),
        f"labs/01-c/week-1/05-a\x7f![x](x){{ onerror={CALL} }}.py": "print(1)\n",
        "labs/01-c/week-1/06-a\nb.py": f"\n{ONERROR}\n\n[clk](javascript:{CALL})\n",
        "labs/01-c/week-1/07-a\rb.py": f"\n{ONERROR}\n",
        "labs/01-c/week-1/01-extras/table.csv": f'a,b\n"x\n```{{ {FENCE_ATTRIBUTES} }}\n{{}}\n```",2\n',
        "labs/01-c/week-1/01-extras/page.html.bz2": SCRIPT,
        "labs/01-c/week-1/01-extras/styled.svg": (
            '<svg xmlns="http://www.w3.org/2000/svg"><style>rect{fill:u\\72l(http://198.51.100.7/x.svg#a)}</style>'
            '<rect width="9" height="9" style="background:image-set(\'http://198.51.100.7/y.png\' 1x)"/></svg>'
        ),
        os.fsdecode(b"labs/01-c/week-1/08-bad\xff.py"): "print(2)\n",
        f"transcripts/01-c/{WEEK}/01-talk.en.srt": CUE,
        "labs/01-c/week-1/01-extras/README.md": "# Extras\n\nThe files of this lab.\n",
        **{f"labs/01-c/week-1/01-extras/page{ext}": f"# Page\n\n{SCRIPT}\n" for ext in (".mkd", ".mdown", ".mkdn")},
        "labs/01-c/week-1/01-extras/page.shtml": SCRIPT,
        "labs/01-c/week-1/01-extras/page.xht": XHTML,
        "labs/01-c/week-1/01-extras/page.xhtm": XHTML,
        "labs/01-c/week-1/01-extras/page.xml": XHTML,
        "labs/01-c/week-1/01-extras/picture.svgz": gzip.compress(SVG.encode(), mtime=0),
        "labs/01-c/week-1/01-extras/script.mjs": CALL,
        "labs/01-c/week-1/01-extras/Dockerfile": "FROM python:3.12\n",
        f"labs/01-c/week-1/02-nested/{SUBFOLDER}/notes.md": "See [the rows](rows.csv) and ![a plot](plot.png).\n",
        f"labs/01-c/week-1/02-nested/{SUBFOLDER}/rows.csv": "a,b\n1,2\n",
        "labs/01-c/week-1/02-nested/analysis.ipynb": notebook_with_markdown("[rows](rows.csv)"),
        "labs/01-c/week-1/03-diagram/README.md": '# Diagram\n\n<pre class="mermaid">graph TD; A-->B</pre>\n',
        ".env": f"TOKEN={SECRET}\n",
        ".git/config": f'[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic {SECRET}\n',
    }


def notebook_json(*cells: dict, metadata: dict | None = None) -> str:
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": metadata or {}, "cells": list(cells)})


def code_cell(source: str, *outputs: dict) -> dict:
    return {
        "cell_type": "code",
        "id": "c",
        "metadata": {},
        "execution_count": 1,
        "source": source,
        "outputs": [*outputs],
    }


def notebook_with_markdown(source: str) -> str:
    return notebook_json({"cell_type": "markdown", "id": "m", "metadata": {}, "source": source})


def link_secrets(root: Path, outside: Path) -> None:
    """Links a contributor can commit: to secrets inside the root and to files and folders outside it."""
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "token.txt").write_text(f"{SECRET}\n")
    (outside / "meta.yml").write_text(f"title: {SECRET}\n")
    lab = root / "labs/01-c/week-1/01-extras"
    (lab / "config.txt").symlink_to(root / ".git/config")
    (lab / "environ.txt").symlink_to("/proc/self/environ")
    (lab / "token.txt").symlink_to(outside / "token.txt")
    (lab / "outside").symlink_to(outside)
    (root / "transcripts/01-c/week-1/03-env.en.srt").symlink_to(root / ".env")
    (root / "labs/01-c/week-1/_meta.yml").symlink_to(outside / "meta.yml")
    (root / "labs/01-c/week-1/04-linked-lab").symlink_to(outside)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, int, str]:
    """The hostile project, built with --offline; returns (root, exit code of check --strict, what check printed)."""
    base = tmp_path_factory.mktemp("hostile")
    root = write_tree(base / "project", project())
    link_secrets(root, base / "outside")
    import contextlib
    import io

    printed = io.StringIO()
    with contextlib.redirect_stderr(printed):
        strict = main(["check", "--root", str(root), "--strict"])
    assert main(["build", "--root", str(root), "--offline", "-q"]) == 0
    return root, strict, printed.getvalue()


class Links(HTMLParser):
    """Every URL-valued attribute of every element, and every attribute name, of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.names: set[str] = set()
        self.classes: set[str] = set()
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            self.names.add(name)
            if name in ("href", "src", "action", "formaction", "xlink:href") and value is not None:
                self.urls.append(value)
            if name == "class" and value:
                self.classes.update(value.split())
            if name == "id" and value:
                self.ids.append(value)


def parsed(page: Path) -> Links:
    parser = Links()
    parser.feed(page.read_text("utf-8"))
    return parser


def site_pages(root: Path) -> list[Path]:
    return sorted((root / "site").rglob("*.html"))


def test_check_strict_names_every_hostile_input(built):
    _root, strict, printed = built
    assert strict == 1
    for expected in (
        "labs/01-c/week-1/01-extras/config.txt: warning: symbolic link, not published",
        "labs/01-c/week-1/01-extras/outside: warning: symbolic link, not published",
        "labs/01-c/week-1/04-linked-lab: warning: symbolic link, not published",
        "labs/01-c/week-1/_meta.yml: warning: symbolic link, not published",
        "transcripts/01-c/week-1/03-env.en.srt: warning: symbolic link, not published",
        "transcripts/01-c/week-1/_meta.yml: warning: 'url' of '01-video' must be an http(s) address",
        "transcripts/01-c/week-1/_meta.yml: warning: 'url' of '02-tabbed' must be an http(s) address",
        "course.yml: warning: 'repo_branch' is not a branch name",
        f"transcripts/01-c/{WEEK}: warning: name contains",
        f"labs/01-c/week-1/02-nested/{SUBFOLDER}: warning: name contains",
        "labs/01-c/week-1/06-a\nb.py: warning: name contains",
        "labs/01-c/week-1/08-bad\ufffd.py: warning: name is not valid UTF-8",
    ):
        assert expected in printed, f"{expected!r} not in:\n{printed}"


def test_no_file_from_outside_the_sources_is_published(built):
    root, _, _ = built
    for path in (root / "site").rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path
            assert b"PATH=" not in path.read_bytes() or path.suffix in (".js", ".map"), path  # /proc/self/environ
    with zipfile.ZipFile(root / "site-offline.zip") as archive:
        for name in archive.namelist():
            assert SECRET.encode() not in archive.read(name), name
    assert not list((root / "site").rglob("*linked-lab*"))
    assert not list((root / "site").rglob("environ*")) and not list((root / "site").rglob("config.txt*"))


def test_every_link_we_build_is_http_relative_or_mail(built):
    root, _, _ = built
    edit_links = []
    for page in site_pages(root):
        links = parsed(page)
        for value in links.urls:
            scheme = urlsplit(unescape(value).strip()).scheme.lower()
            assert scheme in ("", "http", "https", "mailto"), f"{page}: {value}"
            if "github.com/owner/notes/edit/" in value:
                edit_links.append(value)
        assert not {name for name in links.names if name.startswith("on")}, page  # no event handler attribute
        assert "mermaid" not in links.classes, page  # Material would load Mermaid from a CDN
        assert links.ids.count("__config") <= 1, page  # only Material's own configuration
    # The hostile week's edit link holds its name percent-encoded, on the default branch.
    assert any("/edit/main/transcripts/01-c/week-5%22%3E%3Cimg" in link for link in edit_links), edit_links
    assert not any("/edit/main%22" in link for link in edit_links)  # the hostile branch was refused


def test_lab_files_a_browser_or_mkdocs_would_run_are_published_as_text(built):
    root, _, _ = built
    files = next((root / "site/courses/c").rglob("extras/files"))
    published = sorted(path.name for path in files.iterdir())
    assert published == sorted(
        [
            "Dockerfile",
            "README.md.txt",
            "page.mdown.txt",
            "page.mkd.txt",
            "page.mkdn.txt",
            "page.shtml.txt",
            "page.xht.txt",
            "page.xhtm.txt",
            "page.xml.txt",
            "picture.svgz.txt",
            "script.mjs.txt",
            "page.html.bz2.txt",
            "styled.svg.txt",
            "table.csv",
        ]
    )
    # MkDocs made no page of the Markdown files: only the lab's own page is HTML.
    assert [p.name for p in files.parent.rglob("*.html")] == ["index.html"]
    lab_page = (files.parent / "index.html").read_text("utf-8")
    assert 'href="files/page.mkd.txt" download="page.mkd"' in lab_page


def test_a_download_never_matches_the_mkdocs_jupyter_pages():
    assert published_name("jupyter/evil.ipynb") == "files/jupyter/evil.ipynb.txt"
    assert published_name("notebooks/ok.ipynb") == "files/notebooks/ok.ipynb"
    assert published_name("EVIL.SHTML") == "files/EVIL.SHTML.txt"


def test_rebased_links_keep_a_hostile_folder_name_inside_the_url(built):
    root, _, _ = built
    page = next((root / "site/courses/c").rglob("nested/index.html"))
    text = page.read_text("utf-8")
    # The README's own links (the sanitiser marks them rel="noopener …"), rebased to where the files are published.
    rebased = sorted(re.findall(r'<a href="([^"]*)" rel="noopener', text))
    folder = "files/data%22%3E%3Cimg%20src%3Dx%20onerror%3D"
    # notes.md's, and the notebook's: no rows.csv beside it, so the repository's only rows.csv (with a warning).
    assert len(rebased) == 2 and all(u.startswith(folder) and u.endswith("/rows.csv") for u in rebased), rebased
    assert not {name for name in parsed(page).names if name.startswith("on")}


@pytest.mark.browser
def test_no_payload_runs_when_every_link_is_clicked(built, browser):
    root, _, _ = built
    pages = site_pages(root)
    files = sorted(p for p in (root / "site/courses").rglob("files/*") if p.is_file())
    with serve_folder(root / "site") as base, canary_tab(browser) as (tab, dialogs):
        requests: list[str] = []
        tab.on("request", lambda request: requests.append(request.url))
        fired, schemes = {}, set()
        for page in pages:
            tab.goto(base + page.relative_to(root / "site").as_posix())
            schemes.update(click_every_link(tab))
            if tab.evaluate("window.__pwned"):
                fired[page.name] = tab.evaluate("window.__pwned")
        for published in files:  # opened on their own, as a reader following a download link might
            try:
                tab.goto(base + published.relative_to(root / "site").as_posix())
            except Exception as error:  # a download starts: nothing is shown, nothing runs
                assert "Download is starting" in str(error), error
                continue
            settle(tab)
            if tab.evaluate("window.__pwned"):
                fired[published.name] = tab.evaluate("window.__pwned")
        tab.goto(base + next(p for p in pages if "week-1" in p.as_posix()).relative_to(root / "site").as_posix())
        screenshot(tab, "safety-week")
    assert fired == {} and dialogs == []
    assert schemes <= {"http:", "https:", "mailto:"}, schemes
    # The one request that leaves the machine: Material asks GitHub for the configured repository's stars.
    elsewhere = [url for url in requests if urlsplit(url).hostname != "127.0.0.1"]
    assert all(url.startswith("https://api.github.com/repos/owner/notes") for url in elsewhere), elsewhere


def test_a_single_course_folder_with_a_hostile_title(tmp_path):
    """No mkdocs.yml, no docs/: the course's title becomes the home page's heading, as text."""
    title = 'Course ![x](x){: onerror="' + CALL + '" }'
    root = write_tree(
        tmp_path / "download",
        {
            "course.yml": f"title: '{title}'\nrepo_url: 'javascript:{CALL}//'\n",
            "week-1/01-welcome.en.srt": CUE,
        },
    )
    assert main(["build", "--root", str(root), "-q"]) == 0
    home = parsed(root / "site/index.html")
    assert not {name for name in home.names if name.startswith("on")}
    assert all(urlsplit(unescape(url)).scheme in ("", "http", "https") for url in home.urls)
    text = (root / "site/index.html").read_text("utf-8")
    assert "{: onerror=" in unescape(text)  # the title's words are on the page, as text


def test_links_in_the_docs_folder_stop_the_build_before_mkdocs_reads_them(tmp_path, caplog):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text(f"# {SECRET}\n")
    root = write_tree(tmp_path / "project", {"transcripts/01-c/week-1/01-a.en.srt": CUE, "docs/index.md": "# Home\n"})
    (root / "docs/environ.txt").symlink_to("/proc/self/environ")
    (root / "docs/passwd.txt").symlink_to("/etc/passwd")
    (root / "docs/outside").symlink_to(outside)
    assert main(["build", "--root", str(root), "-q"]) == 1
    assert "docs/environ.txt, docs/outside, docs/passwd.txt: symbolic link, not published" in caplog.text
    assert not (root / "site").exists()


def test_an_include_directive_never_follows_a_link(tmp_path):
    root = write_tree(
        tmp_path / "project",
        {
            "transcripts/01-c/week-1/01-a.en.srt": CUE,
            "docs/index.md": (
                "# Home\n\n<!-- coursesite:include notes.md -->\n\n<!-- coursesite:include ../x.md -->\n\n"
                "<!-- coursesite:include .env -->\n\n<!-- coursesite:include labs/../.env -->\n\n"
                "<!-- coursesite:include kept.md -->\n"
            ),
            "kept.md": "# Kept\n\nWords included from the project.\n",
            "mkdocs.yml": "site_name: Notes\ntheme:\n  name: material\nplugins:\n  - coursesite\n",
            ".env": f"{SECRET}\n",
        },
    )
    (tmp_path / "x.md").write_text(f"{SECRET}\n")
    (root / "notes.md").symlink_to(root / ".env")
    assert main(["build", "--root", str(root), "-q"]) == 0
    home = (root / "site/index.html").read_text("utf-8")
    assert SECRET not in home and "Words included from the project." in home


@pytest.mark.parametrize("output", [".coursesite-cache", "site", "docs/courses"])
def test_an_output_folder_that_is_a_link_is_refused_and_its_target_untouched(tmp_path, capsys, output):
    target = tmp_path / "users-folder"
    (target / "items/ab").mkdir(parents=True)
    (target / "items/ab/keep.txt").write_text("mine\n")
    root = write_tree(tmp_path / "project", {"transcripts/01-c/week-1/01-a.en.srt": CUE})
    (root / output).parent.mkdir(parents=True, exist_ok=True)
    (root / output).symlink_to(target)
    assert main(["build", "--root", str(root), "-q"]) == 1
    assert f"{root / output} is a symbolic link" in capsys.readouterr().err
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*")) == [
        "items",
        "items/ab",
        "items/ab/keep.txt",
    ]


@pytest.mark.browser
def test_the_mkdocs_jupyter_renderer_shows_only_sanitised_copies(tmp_path, browser):
    pytest.importorskip("mkdocs_jupyter", reason="pip install -r requirements-jupyter.txt (make test does)")
    raw_output = {"output_type": "display_data", "metadata": {}, "data": {"text/html": SCRIPT}}
    fence = f"```\nfirst line\n\n[click me](javascript:{CALL})\n```\n"
    root = write_tree(
        tmp_path / "project",
        {
            "course.yml": "notebook_renderer: mkdocs-jupyter\n",
            "transcripts/01-c/week-1/01-a.en.srt": CUE,
            "labs/01-c/week-1/01-lab/jupyter/evil.ipynb": notebook_json(code_cell("x", raw_output)),
            "labs/01-c/week-1/02-fenced.ipynb": notebook_with_markdown(fence),
        },
    )
    assert main(["build", "--root", str(root), "-q"]) == 0
    site = root / "site"
    assert not list(site.rglob("files/jupyter/evil/index.html"))  # the raw notebook is a download, not a page
    assert list(site.rglob("files/jupyter/evil.ipynb.txt"))
    pages = site_pages(root)
    for page in pages:
        assert not [url for url in parsed(page).urls if url.lower().startswith("javascript")], page
    fenced = next(p for p in pages if "fenced/jupyter" in p.as_posix())
    assert "click me" in fenced.read_text("utf-8")  # the code's words are shown, as code
    with serve_folder(site) as base, canary_tab(browser) as (tab, dialogs):
        for page in pages:
            tab.goto(base + page.relative_to(site).as_posix())
            click_every_link(tab)
            assert tab.evaluate("window.__pwned") == 0, page
    assert dialogs == []


@pytest.mark.parametrize("kind", ["folder", "zip"])
def test_a_site_or_zip_coursesite_did_not_build_is_never_replaced(tmp_path, capsys, kind):
    root = write_tree(
        tmp_path / "project",
        {
            "transcripts/01-c/week-1/01-a.en.srt": CUE,
            "site/index.html": "<p>My own site, written by hand.</p>\n",
            "site-offline.zip": b"not a zip, but mine",
        },
    )
    if kind == "zip":
        (root / "site/index.html").unlink()
        (root / "site").rmdir()
    assert main(["build", "--root", str(root), "--offline", "-q"]) == 1
    err = capsys.readouterr().err
    named = root / ("site" if kind == "folder" else "site-offline.zip")
    assert f"{named} exists but was not" in err and "--site-dir" in err
    assert (root / "site-offline.zip").read_bytes() == b"not a zip, but mine"
    if kind == "folder":
        assert (root / "site/index.html").read_text() == "<p>My own site, written by hand.</p>\n"
    # Built elsewhere, as the message says; and built again there, over its own site.
    for _ in range(2):
        assert main(["build", "--root", str(root), "--offline", "-q", "--site-dir", str(tmp_path / "out")]) == 0
    assert "Words that belong on the page." in next((tmp_path / "out/courses").rglob("a/index.html")).read_text()
    assert (tmp_path / "out-offline.zip").is_file()


def test_code_is_highlighted_within_the_item_budget_not_by_mkdocs(tmp_path, capsys, monkeypatch):
    """Some Pygments lexers are quadratic (48 KB of Terraform took a minute inside MkDocs, where no budget
    reaches): code reaches MkDocs already highlighted, so a slow lexer costs only its item's budget."""
    import time

    monkeypatch.setenv("COURSESITE_ITEM_SECONDS", "3")
    root = write_tree(
        tmp_path / "project",
        {
            "transcripts/01-c/week-1/01-a.en.srt": CUE,
            "labs/01-c/week-1/02-infra.tf": "a-" * 24_000,
            "labs/01-c/week-1/03-query.sql": "select 1;\n",
        },
    )
    started = time.monotonic()
    assert main(["build", "--root", str(root), "-q"]) == 1
    assert time.monotonic() - started < 45
    assert "labs/01-c/week-1/02-infra.tf: error: this lab took longer than 3 s" in capsys.readouterr().err
    generated = "".join(p.read_text("utf-8") for p in (root / "docs/courses").rglob("*.md"))
    assert "```" not in generated  # no fence is left for MkDocs to highlight
    query = next((root / "site").rglob("query/index.html")).read_text("utf-8")
    assert '<span class="k">select</span>' in query


def test_a_notebook_with_a_lone_surrogate_or_an_odd_kernel_builds(tmp_path):
    odd = {"kernelspec": {"name": "x", "language": ["python"]}, "language": {"a": 1}}
    root = write_tree(
        tmp_path / "project",
        {
            "labs/01-c/week-1/01-a.ipynb": '{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": '
            '[{"cell_type": "markdown", "id": "m", "metadata": {}, "source": "before \\ud800 after"}]}',
            "labs/01-c/week-1/02-b.ipynb": notebook_json(code_cell("x=1"), metadata=odd),
        },
    )
    assert main(["build", "--root", str(root), "-q"]) == 0
    assert "before \ufffd after" in next((root / "site").rglob("a/index.html")).read_text("utf-8")
    assert "x" in next((root / "site").rglob("b/index.html")).read_text("utf-8")

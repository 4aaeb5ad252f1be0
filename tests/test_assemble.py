"""The seam to MkDocs (coursesite/assemble/): plain `mkdocs build` makes the site `coursesite build` makes,
a nothing-changed build leaves the site alone, and no other module knows MkDocs."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coursesite.assemble import build as build_module
from coursesite.assemble import stamp
from coursesite.cli import main
from tests.conftest import REPO, copy_sample, srt

pytestmark = pytest.mark.e2e

PAGE = "site/courses/streams/week-1/watermarks/index.html"
TREE = {
    "transcripts/01-streams/week-1/01-watermarks.en.srt": srt((0, 3, "A watermark says how late events may be.")),
    "labs/01-streams/week-1/02-window.py": "def window(events):\n    return sorted(events)\n",
    "course.yml": "site_name: Streams\n",
}


def digests(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_plain_mkdocs_build_makes_the_same_site_as_coursesite_build(tmp_path):
    ours, theirs = copy_sample(tmp_path / "ours"), copy_sample(tmp_path / "theirs")
    assert main(["build", "--root", str(ours), "-q"]) == 0
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=theirs, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    mine, plain = digests(ours / "site"), digests(theirs / "site")
    assert sorted(mine) == sorted(plain)
    different = sorted(name for name in mine if mine[name] != plain[name] and name != "sitemap.xml.gz")
    assert different == []  # Pagefind's index and every page included
    assert any(name.startswith("search/pagefind/") for name in plain)  # searched by Pagefind either way


def test_a_nothing_changed_build_leaves_the_site_alone_and_says_so(tree, capsys):
    root = tree(TREE)
    assert main(["build", "--root", str(root)]) == 0
    page = root / PAGE
    written = page.stat().st_mtime_ns
    capsys.readouterr()
    assert main(["build", "--root", str(root)]) == 0
    assert "Nothing changed since the last build of site/" in capsys.readouterr().err
    assert page.stat().st_mtime_ns == written

    # A changed transcript is built.
    (root / "transcripts/01-streams/week-1/01-watermarks.en.srt").write_bytes(
        srt((0, 3, "A watermark says how tardy events may be."))
    )
    assert main(["build", "--root", str(root)]) == 0
    assert "Nothing changed" not in capsys.readouterr().err
    assert "how tardy events may be" in page.read_text()

    # A site that is not as the last build left it is built again, and so is one asked for with --force.
    (root / "site/courses/streams/week-1/window/index.html").unlink()
    assert main(["build", "--root", str(root), "-q"]) == 0
    assert (root / "site/courses/streams/week-1/window/index.html").is_file()
    before = page.stat().st_mtime_ns
    assert main(["build", "--root", str(root), "-q", "--force"]) == 0
    assert page.stat().st_mtime_ns != before


def test_changed_coursesite_code_is_not_a_nothing_changed_build(tree, monkeypatch, capsys):
    """An editable install changes coursesite's scripts and styles without a new version number."""
    root = tree(TREE)
    assert main(["build", "--root", str(root)]) == 0
    monkeypatch.setattr(stamp, "code_fingerprint", lambda: "player.js edited")
    capsys.readouterr()
    assert main(["build", "--root", str(root)]) == 0
    assert "Nothing changed" not in capsys.readouterr().err


def test_a_changed_hand_written_page_or_configuration_is_built(tree):
    root = tree({**TREE, "docs/about.md": "# About\n\nWritten by hand.\n"})
    (root / "mkdocs.yml").write_text(
        "site_name: Streams\ntheme:\n  name: material\nplugins:\n  - search\n  - coursesite\n", "utf-8"
    )
    assert main(["build", "--root", str(root), "-q"]) == 0
    (root / "docs/about.md").write_text("# About\n\nRewritten by hand.\n", "utf-8")
    assert main(["build", "--root", str(root), "-q"]) == 0
    assert "Rewritten by hand." in (root / "site/about/index.html").read_text()
    (root / "mkdocs.yml").write_text(
        "site_name: Rivers\ntheme:\n  name: material\nplugins:\n  - search\n  - coursesite\n", "utf-8"
    )
    assert main(["build", "--root", str(root), "-q"]) == 0
    assert "<title>About - Rivers</title>" in (root / "site/about/index.html").read_text()


def test_mkdocs_warnings_are_printed_again_when_nothing_changed(tree, caplog):
    root = tree({**TREE, "docs/about.md": "# About\n\nSee [the missing page](missing.md).\n"})
    (root / "mkdocs.yml").write_text(
        "site_name: Streams\ntheme:\n  name: material\nplugins:\n  - search\n  - coursesite\n", "utf-8"
    )
    assert main(["build", "--root", str(root), "-q"]) == 0
    assert "missing.md" in caplog.text
    caplog.clear()
    assert main(["build", "--root", str(root), "-q"]) == 0
    assert "missing.md" in caplog.text  # the skipped build says what the last one said
    assert main(["build", "--root", str(root), "-q", "--strict"]) == 1  # and --strict still fails on it


def test_mkdocs_yml_is_read_as_mkdocs_reads_it(tree, monkeypatch):
    root = tree(TREE)
    (root / "mkdocs.yml").write_text(
        "site_name: Streams\ndocs_dir: !ENV [STREAMS_DOCS, docs]\ntheme:\n  name: material\n"
        "plugins:\n  - search\n  - coursesite\n",
        "utf-8",
    )
    monkeypatch.setenv("STREAMS_DOCS", "pages")
    assert main(["build", "--root", str(root), "-q"]) == 0
    assert (root / "pages/courses/streams/week-1/watermarks/index.md").is_file()
    assert "how late events may be" in (root / PAGE).read_text()


def test_only_the_seam_imports_mkdocs_or_material():
    importing = re.compile(r"^\s*(?:from|import)\s+(?:mkdocs|material)\b", re.MULTILINE)
    package = REPO / "coursesite"
    outside = [
        path.relative_to(REPO).as_posix()
        for path in sorted(package.rglob("*.py"))
        if not path.is_relative_to(package / "assemble") and importing.search(path.read_text("utf-8"))
    ]
    assert outside == []


EDITS = [
    # (what a contributor changes, the files, whether only some pages are built again)
    (
        "a transcript's words",
        {"transcripts/01-streams/week-1/01-watermarks.en.srt": srt((0, 3, "Rewritten words."))},
        True,
    ),
    ("a lab's code", {"labs/01-streams/week-1/02-window.py": "def window(rows):\n    return rows\n"}, True),
    ("a lab's title (the navigation)", {"labs/01-streams/week-1/02-window.py": "# Windows\nx = 1\n"}, None),
    ("a new video", {"transcripts/01-streams/week-1/03-triggers.en.srt": srt((0, 2, "Triggers fire."))}, False),
    ("a note", {"README.md": "# Streams\n\nA note on the home page.\n"}, None),
    ("a hand-written page", {"docs/about.md": "# About\n\nBy hand.\n"}, False),
]


def test_a_build_after_each_edit_is_the_site_a_fresh_build_makes(tree, tmp_path, capsys):
    root = tree({**TREE, "transcripts/01-streams/week-1/04-late.en.srt": srt((0, 3, "Late data."))})
    assert main(["build", "--root", str(root)]) == 0
    for number, (what, files, partial) in enumerate(EDITS):
        for name, content in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content if isinstance(content, bytes) else content.encode())
        capsys.readouterr()
        assert main(["build", "--root", str(root)]) == 0, what
        said = capsys.readouterr().err
        if partial is True:
            assert "changed file" in said, what
        elif partial is False:
            assert "changed file" not in said and "(all)" in said, what
        fresh = tmp_path / f"fresh-{number}"
        shutil.copytree(root, fresh, ignore=shutil.ignore_patterns("site", "courses", ".coursesite-cache"))
        assert main(["build", "--root", str(fresh), "-q"]) == 0
        mine, theirs = digests(root / "site"), digests(fresh / "site")
        assert sorted(mine) == sorted(theirs), what
        assert [name for name in mine if mine[name] != theirs[name]] == [], what


MKDOCS_YML = "site_name: Streams\ntheme:\n  name: material\nplugins:\n  - search\n  - coursesite\n"


def test_a_file_included_by_any_kind_of_markdown_page_is_an_input(tree):
    root = tree(
        {
            **TREE,
            "NOTES.md": "First notes.\n",
            "docs/about.markdown": "# About\n\n<!-- coursesite:include NOTES.md -->\n",
        }
    )
    (root / "mkdocs.yml").write_text(MKDOCS_YML, "utf-8")
    assert main(["build", "--root", str(root), "-q"]) == 0
    (root / "NOTES.md").write_text("Second notes.\n", "utf-8")
    assert main(["build", "--root", str(root), "-q"]) == 0
    assert "Second notes." in (root / "site/about/index.html").read_text()


def test_a_configuration_with_python_names_can_be_left_alone(tree, capsys):
    root = tree(TREE)
    emoji = (
        "markdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n"
    )
    (root / "mkdocs.yml").write_text(MKDOCS_YML + emoji, "utf-8")
    assert main(["build", "--root", str(root)]) == 0
    capsys.readouterr()
    assert main(["build", "--root", str(root)]) == 0
    assert "Nothing changed" in capsys.readouterr().err  # a function's address is not part of the key


def test_warnings_about_anchors_make_every_build_a_full_one(tree, capsys):
    """MkDocs checks links to anchors only on the pages it renders: a partial build would lose the warning."""
    root = tree({**TREE, "docs/about.md": "See [a section](courses/streams/week-1/window/index.md#nope).\n"})
    (root / "mkdocs.yml").write_text(MKDOCS_YML + "validation:\n  anchors: warn\n", "utf-8")
    assert main(["build", "--root", str(root)]) == 0
    (root / "transcripts/01-streams/week-1/01-watermarks.en.srt").write_bytes(srt((0, 3, "Other words.")))
    capsys.readouterr()
    assert main(["build", "--root", str(root)]) == 0
    err = capsys.readouterr().err
    assert "(all)" in err and "1 warning" in err


def test_a_partial_build_never_writes_into_the_site_being_served(tree, tmp_path, monkeypatch):
    """A page MkDocs takes for changed (here: a source dated after its page, as with a clock set back) is written
    as a new file, not through the staging folder's hard link into the old site's file."""
    root = tree({**TREE, "transcripts/01-streams/week-1/04-late.en.srt": srt((0, 3, "Late data."))})
    real_time = time.time
    monkeypatch.setattr(build_module.time, "time", lambda: real_time() + 3600)  # the build's clock runs ahead
    assert main(["build", "--root", str(root), "-q"]) == 0
    late_page = root / "site/courses/streams/week-1/late/index.html"
    kept = tmp_path / "kept.html"
    os.link(late_page, kept)  # the file being served, whatever happens to site/
    before = (kept.read_bytes(), kept.stat().st_mtime_ns)
    source = root / "docs/courses/streams/week-1/late/index.md"
    os.utime(source, (real_time() + 60, real_time() + 60))  # newer than its page: MkDocs renders it again
    (root / "transcripts/01-streams/week-1/01-watermarks.en.srt").write_bytes(srt((0, 3, "Other words.")))
    assert main(["build", "--root", str(root), "-q"]) == 0
    assert (kept.read_bytes(), kept.stat().st_mtime_ns) == before
    assert "Late data." in late_page.read_text() and "Other words." in (root / PAGE).read_text()


def test_a_site_with_snippets_is_always_built_and_relative_tags_are_read(tree):
    """A snippet may come from any file: no key names them all, so such a site is never left as it was."""
    root = tree({**TREE, "NOTES.md": "First notes.\n", "docs/about.md": '# About\n\n--8<-- "NOTES.md"\n'})
    snippets = "markdown_extensions:\n  - pymdownx.snippets:\n      base_path: [!relative $config_dir]\n"
    (root / "mkdocs.yml").write_text(MKDOCS_YML + snippets, "utf-8")
    assert main(["build", "--root", str(root), "-q"]) == 0
    (root / "NOTES.md").write_text("Second notes.\n", "utf-8")
    assert main(["build", "--root", str(root), "-q"]) == 0
    assert "Second notes." in (root / "site/about/index.html").read_text()

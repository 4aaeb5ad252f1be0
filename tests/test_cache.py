"""The cache folder is in the repository, so a pull request can write it: nothing in it may run code or
put words on a page that the sources do not say (coursesite/cache.py)."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from coursesite import cache as cache_module
from coursesite.cache import Cache, ItemHead, secret_key, write_item
from coursesite.cli import main
from coursesite.discover import discover
from coursesite.pipeline import _jobs, convert, convert_item
from tests.conftest import srt, write_tree

LECTURE = "transcripts/01-c/week-1/01-a.en.srt"
PAGE = "docs/courses/c/week-1/a/index.md"
GENUINE = "Genuine words from the lecture."
FORGED = "Forged words from a pull request."
FAKE_MAC = "0" * 64  # where our HMAC would be


def lecture_tree(root: Path, words: str = GENUINE) -> Path:
    return write_tree(root, {LECTURE: srt((0, 2, words)), "transcripts/01-c/week-1/02-b.en.srt": srt((0, 2, "B."))})


def key_of(root: Path, source: str = LECTURE) -> str:
    """The item's cache key, computed as a contributor can: from the sources alone."""
    jobs = [job for job in _jobs(discover(root)) if source in job.sources()]
    return Cache(root, enabled=False).key(jobs[0].description(), jobs[0].sources())


def item_files(root: Path, key: str) -> tuple[Path, Path]:
    folder = root / ".coursesite-cache/items" / key[:2]
    return folder / f"{key}.head", folder / f"{key}.body"


def page_text(root: Path) -> str:
    return (root / PAGE).read_text("utf-8")


def digest_tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


class RunsCode:
    """Unpickling this calls Path.write_text: what a forged pickle would do with `id`, or worse."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.write_text, (self.marker, "code ran"))


def test_a_committed_pickle_at_the_items_key_is_never_unpickled(tmp_path):
    root = lecture_tree(tmp_path / "project")
    marker = tmp_path / "code-ran"
    head, body = item_files(root, key_of(root))
    head.parent.mkdir(parents=True)
    for part in (head, body):
        part.write_bytes(pickle.dumps(RunsCode(marker)))
    conversion = convert(root, root / "docs")
    assert not marker.exists()
    assert GENUINE in page_text(root)
    assert conversion.converted == 2
    assert b"code ran" not in head.read_bytes() and not head.read_bytes().startswith(b"\x80")  # rewritten as ours


def forged_item(tmp_path: Path) -> tuple[ItemHead, dict[str, bytes]]:
    """The same lecture converted with other words: what a contributor would put in the entry."""
    elsewhere = lecture_tree(tmp_path / "elsewhere", FORGED)
    job = next(job for job in _jobs(discover(elsewhere)) if LECTURE in job.sources())
    return convert_item(job)


@pytest.mark.parametrize("signature", ["another secret", "none"])
def test_an_entry_in_the_data_format_not_signed_with_our_secret_is_not_used(tmp_path, monkeypatch, signature):
    root = lecture_tree(tmp_path / "project")
    key = key_of(root)
    head, files = forged_item(tmp_path)
    with monkeypatch.context() as patch:
        patch.setenv("COURSESITE_CACHE_SECRET", "a secret the contributor chose")
        write_item(root / ".coursesite-cache", key, head, files)
    head_file, _ = item_files(root, key)
    if signature == "none":  # the head's JSON alone, without the line that carries the HMAC
        head_file.write_bytes(head_file.read_bytes().partition(b"\n")[2])
    assert FORGED.encode() in item_files(root, key)[1].read_bytes()
    conversion = convert(root, root / "docs")
    assert GENUINE in page_text(root) and FORGED not in page_text(root)
    assert conversion.converted == 2


def test_a_body_that_is_not_the_one_its_signed_head_names_is_converted_again(tree):
    root = lecture_tree(tree({}))
    convert(root, root / "docs")
    _, body = item_files(root, key_of(root))
    body.write_bytes(body.read_bytes().replace(GENUINE.encode(), FORGED.encode()[: len(GENUINE)]))
    shutil.rmtree(root / "docs/courses")  # so the pages are written from the cache again
    convert(root, root / "docs")
    assert GENUINE in page_text(root)
    assert GENUINE.encode() in body.read_bytes()  # and the entry was written anew


def test_a_forged_files_memo_is_not_used(tree):
    """files.json maps size and time to a digest: a forged one would point an item at another's entry."""
    root = lecture_tree(tree({}))
    convert(root, root / "docs")
    memo = root / ".coursesite-cache/files.json"
    stats = json.loads(memo.read_bytes().partition(b"\n")[2])
    (root / LECTURE).write_bytes(srt((0, 2, "Edited words.")))
    stats[LECTURE][:2] = [(root / LECTURE).stat().st_size, (root / LECTURE).stat().st_mtime_ns]
    memo.write_text(FAKE_MAC + "\n" + json.dumps(stats))  # the old digest for the new bytes
    convert(root, root / "docs")
    assert "Edited words." in page_text(root)


def test_a_committed_link_in_the_cache_folder_does_not_make_the_build_delete_files_elsewhere(tmp_path):
    """Saving the cache deletes entries no source uses: never through a link a pull request committed."""
    root = lecture_tree(tmp_path / "project")
    outside = tmp_path / "home"
    (outside / "notes").mkdir(parents=True)
    (outside / "notes.txt").write_text("mine")
    (outside / "notes/todo.txt").write_text("mine too")
    items = root / ".coursesite-cache/items"
    items.mkdir(parents=True)
    (items / "zz").symlink_to(outside)
    (root / ".coursesite-cache/spare-tree").symlink_to(outside)
    convert(root, root / "docs")
    (root / LECTURE).write_bytes(srt((0, 2, "Edited words.")))  # a rebuild that keeps a spare tree
    convert(root, root / "docs")
    assert (outside / "notes.txt").read_text() == "mine" and (outside / "notes/todo.txt").read_text() == "mine too"
    assert sorted(p.name for p in outside.rglob("*")) == ["notes", "notes.txt", "todo.txt"]


def forge_tree(folder: Path, manifest: dict) -> None:
    """A generated tree with the lecture's page forged and a manifest that says it is unchanged, signed
    with a secret other than ours (a contributor cannot read ours)."""
    page = folder / "c/week-1/a/index.md"
    page.write_text(page.read_text("utf-8").replace(GENUINE, FORGED), "utf-8")
    (folder / ".coursesite.json").write_text(json.dumps({**manifest, "signature": FAKE_MAC}), "utf-8")


def test_a_forged_spare_tree_is_not_published(tree):
    root = lecture_tree(tree({}))
    convert(root, root / "docs")
    manifest = json.loads((root / "docs/courses/.coursesite.json").read_text())
    spare = root / ".coursesite-cache/spare-tree"
    shutil.rmtree(spare, ignore_errors=True)
    shutil.copytree(root / "docs/courses", spare)
    forge_tree(spare, manifest)
    (root / "transcripts/01-c/week-1/02-b.en.srt").write_bytes(srt((0, 2, "B, edited.")))  # a rebuild
    convert(root, root / "docs")
    assert GENUINE in page_text(root) and FORGED not in page_text(root)
    assert FORGED not in (spare / "c/week-1/a/index.md").read_text("utf-8")  # now the tree this build replaced


def test_a_committed_generated_folder_with_a_forged_page_and_manifest_is_rewritten(tree):
    root = lecture_tree(tree({}))
    convert(root, root / "docs")
    manifest = json.loads((root / "docs/courses/.coursesite.json").read_text())
    shutil.rmtree(root / ".coursesite-cache")  # a fresh checkout: the pages came with the pull request
    forge_tree(root / "docs/courses", manifest)
    convert(root, root / "docs")
    assert GENUINE in page_text(root) and FORGED not in page_text(root)


git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def run_git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


@pytest.mark.e2e
@git
def test_a_cache_folder_git_tracks_is_not_read_and_the_build_says_how_to_fix_it(tree, caplog):
    root = lecture_tree(tree({}))
    assert main(["build", "--root", str(root), "-q"]) == 0
    run_git(root, "init", "-q")
    run_git(root, "add", "-f", ".coursesite-cache/files.json")
    assert convert(root, root / "docs").converted == 2  # nothing came from the cache
    assert ".coursesite-cache/ is tracked by git" in caplog.text
    assert "git rm -r --cached .coursesite-cache" in caplog.text
    caplog.clear()
    assert main(["build", "--root", str(root), "-q", "--strict"]) == 0
    assert ".coursesite-cache/ is tracked by git" in caplog.text
    assert GENUINE in (root / "site/courses/c/week-1/a/index.html").read_text("utf-8")


@git
def test_a_signed_manifest_beside_a_page_git_tracks_does_not_keep_that_page(tree, caplog):
    """A checkout over a workspace kept from the last build: our signed manifest, the pull request's page."""
    root = lecture_tree(tree({}))
    convert(root, root / "docs")
    run_git(root, "init", "-q")
    page = root / PAGE
    page.write_text(page.read_text("utf-8").replace(GENUINE, FORGED), "utf-8")
    run_git(root, "add", "-f", PAGE)
    convert(root, root / "docs")
    assert GENUINE in page_text(root) and FORGED not in page_text(root)
    assert "docs/courses/ is tracked by git" in caplog.text


@git
def test_an_untracked_cache_in_a_git_repository_is_used(tree, caplog):
    root = lecture_tree(tree({}))
    run_git(root, "init", "-q")
    run_git(root, "add", LECTURE)
    convert(root, root / "docs")
    assert convert(root, root / "docs").converted == 0
    assert "tracked by git" not in caplog.text


def site_pages(root: Path) -> dict[str, str]:
    """The built site but its search index: Pagefind's pagefind-entry.json is sometimes left empty by a
    build, cache or no cache (seen once in 25 runs of this file), which is not what this file tests."""
    return {name: digest for name, digest in digest_tree(root / "site").items() if not name.startswith("search/")}


@pytest.mark.e2e
def test_a_second_build_of_an_unchanged_tree_converts_nothing_and_writes_the_same_bytes(tree):
    cell = {"cell_type": "markdown", "metadata": {}, "source": "# Joins"}
    notebook = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [cell]}
    lecture = "transcripts/01-c/week-1/0{}-t{}.en.srt"
    files = {lecture.format(n, n): srt((0, 2, f"Sentence {n}."), (3, 5, "More.")) for n in range(1, 5)}
    files["transcripts/01-c/week-1/05-broken.en.srt"] = "1\n00:00:01,000 --> garbage\nHalf a cue\n"  # a warning
    files["labs/01-c/week-1/01-joins.ipynb"] = json.dumps(notebook)
    files["labs/01-c/week-1/02-query/query.sql"] = "select 1;\n"
    root = write_tree(tree({}), files)
    assert main(["build", "--root", str(root), "-q"]) == 0
    first = convert(root, root / "docs", workers=2)
    pages, site = digest_tree(root / "docs/courses"), site_pages(root)
    assert first.converted == 0
    shutil.rmtree(root / "docs/courses")  # written again from the cache's bodies
    assert main(["build", "--root", str(root), "-q"]) == 0
    second = convert(root, root / "docs")
    assert second.converted == 0
    assert digest_tree(root / "docs/courses") == pages and site_pages(root) == site
    assert sorted(map(str, second.diagnostics)) == sorted(map(str, first.diagnostics)) != []
    assert second.catalog == first.catalog  # the summaries the course and week pages are made from


def test_every_heads_summary_and_diagnostics_survive_json(tree):
    root = lecture_tree(tree({"labs/01-c/week-1/01-q/q.sql": "select 1;\n", "labs/01-c/week-1/01-q/README.md": "x"}))
    (root / LECTURE).write_bytes(b"1\n00:00:01,000 --> 00:00:02,000\nHi\n\n2\nbad\n")
    heads = [convert_item(job)[0] for job in _jobs(discover(root))]
    assert any(head.diagnostics for head in heads) and any(not hasattr(head.summary, "transcripts") for head in heads)
    for head in heads:
        assert ItemHead.from_data(json.loads(json.dumps(head.to_data()))) == head


def test_the_secret_is_made_once_private_to_the_user_and_outside_the_project(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(cache_module, "_secrets", {})
    first = secret_key()
    path = tmp_path / "xdg/coursesite/cache-secret"
    assert path.read_bytes() == first and len(first) == 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    monkeypatch.setattr(cache_module, "_secrets", {})
    assert secret_key() == first  # read back, not made again
    monkeypatch.setenv("COURSESITE_CACHE_SECRET", "from the environment")
    assert secret_key() == b"from the environment"
    assert os.listdir(tmp_path / "xdg/coursesite") == ["cache-secret"]


def test_a_new_version_of_a_package_that_renders_pages_converts_them_again(tmp_path, monkeypatch):
    root = lecture_tree(tmp_path / "project")
    assert convert(root, root / "docs").converted == 2
    assert convert(root, root / "docs").converted == 0
    real = cache_module.metadata.version
    monkeypatch.setattr(cache_module.metadata, "version", lambda name: "99.0" if name == "Pygments" else real(name))
    cache_module.code_fingerprint.cache_clear()
    try:
        assert convert(root, root / "docs").converted == 2  # Pygments 99 may colour the same code otherwise
    finally:
        monkeypatch.undo()
        cache_module.code_fingerprint.cache_clear()


def test_a_copy_of_a_source_stays_one_through_the_cache_and_nothing_else_becomes_one():
    from coursesite.cache import pack_files, unpack_files
    from coursesite.model import SourceCopy

    files = {"a/video.mp4": SourceCopy.of("t/video.mp4", 5, 9), "a/index.md": b"t/video.mp4\x005\x009"}
    unpacked = unpack_files(pack_files(files))
    assert unpacked == files
    assert isinstance(unpacked["a/video.mp4"], SourceCopy) and unpacked["a/video.mp4"].source == "t/video.mp4"
    assert not isinstance(unpacked["a/index.md"], SourceCopy)  # the same bytes, but the page's own
    assert unpack_files(b'[["a", 1, "run"]]\nx') is None  # no other kind of entry is read

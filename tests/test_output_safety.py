"""Interrupted builds leave the previous site and pages intact; hand-written docs are never touched;
pages of deleted sources disappear."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coursesite.cli import main
from tests.conftest import srt
from tests.test_determinism import copy_sample, tree_digest

pytestmark = pytest.mark.e2e


def generated_matches_manifest(docs) -> bool:
    """Every page the manifest lists is there with its recorded hash, and nothing else is."""
    manifest = json.loads((docs / "courses" / ".coursesite.json").read_text())
    actual = {k: v for k, v in tree_digest(docs / "courses").items() if k != ".coursesite.json"}
    return actual == manifest["files"]


def staged(folder: Path, name: str, pid: int) -> list[Path]:
    """The staging folders build ``pid`` writes ``folder/name`` into (coursesite/pipeline.py names them)."""
    return list(folder.glob(f".{name}-new-{pid}-*"))


# Moments to kill a build at, each awaited as the build's own folders show it, on a fast machine or a
# slow one (fixed delays landed wherever the machine's speed put them, often after the build had ended).
KILL_WHEN = {
    "the pages are being staged": lambda root, pid: bool(staged(root / "docs", "courses", pid)),
    "MkDocs has begun writing the site": lambda root, pid: bool(staged(root, "site", pid)),
    "half the site is written": lambda root, pid: any(
        len(list(folder.rglob("index.html"))) >= 35 for folder in staged(root, "site", pid)
    ),
    "the new site is being swapped in": lambda root, pid: (root / f".site-old-{pid}").exists(),
}


def kill_when(process: subprocess.Popen, reached, root: Path, seconds: float = 120) -> bool:
    """SIGKILL the build once ``reached(root, pid)`` holds; False if it ended before that moment came."""
    deadline = time.monotonic() + seconds
    while process.poll() is None:
        if reached(root, process.pid):
            process.kill()
            return process.wait() == -signal.SIGKILL
        assert time.monotonic() < deadline, f"the build neither got there nor ended in {seconds} s"
        time.sleep(0.001)
    return False


def test_killing_a_build_midway_leaves_a_complete_site_and_complete_pages(tmp_path):
    copy_sample(tmp_path, reverse=False)
    assert main(["build", "--root", str(tmp_path), "-q"]) == 0
    transcript = next((tmp_path / "transcripts").rglob("*.en.srt"))
    killed = {}
    for attempt, (moment, reached) in enumerate(KILL_WHEN.items()):
        old_site = tree_digest(tmp_path / "site")
        transcript.write_bytes(srt((0, 2, f"Edited sentence number {attempt}.")))
        process = subprocess.Popen(
            [sys.executable, "-m", "coursesite.cli", "build", "--root", str(tmp_path), "-q"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        killed[moment] = kill_when(process, reached, tmp_path)
        assert generated_matches_manifest(tmp_path / "docs"), f"pages half-written after a kill when {moment}"
        site = tree_digest(tmp_path / "site")
        page = next(
            p
            for p in (tmp_path / "site" / "courses").rglob("index.html")
            if transcript.stem.split(".")[0][3:] in str(p)
        )
        assert site == old_site or f"Edited sentence number {attempt}." in page.read_text(), (
            f"site/ is neither the old nor the new build after a kill when {moment}"
        )
    # The short moments (tens of milliseconds) may pass between two looks; MkDocs' writing never does.
    assert killed["MkDocs has begun writing the site"] and killed["half the site is written"], killed
    # The next build repairs everything and leaves no staging folders behind.
    assert main(["build", "--root", str(tmp_path), "-q"]) == 0
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".site-")]
    assert not [p.name for p in (tmp_path / "docs").iterdir() if p.name.startswith(".courses-")]


def test_hand_written_docs_are_never_changed_and_deleted_sources_disappear(tmp_path):
    copy_sample(tmp_path, reverse=False)
    hand_written = {k: v for k, v in tree_digest(tmp_path / "docs").items() if not k.startswith("courses/")}
    assert main(["build", "--root", str(tmp_path), "-q"]) == 0
    lecture = next((tmp_path / "transcripts").rglob("02-what-data-engineers-do.en.srt"))
    page = tmp_path / "docs/courses/introduction-to-data-engineering/week-1/what-data-engineers-do/index.md"
    assert page.is_file()
    lecture.unlink()
    assert main(["build", "--root", str(tmp_path), "-q"]) == 0
    assert not page.exists() and not page.parent.exists()
    assert not (tmp_path / "site/courses/introduction-to-data-engineering/week-1/what-data-engineers-do").exists()
    assert {k: v for k, v in tree_digest(tmp_path / "docs").items() if not k.startswith("courses/")} == hand_written


def test_a_courses_folder_coursesite_did_not_create_is_refused(tmp_path, capsys):
    copy_sample(tmp_path, reverse=False)
    (tmp_path / "docs/courses").mkdir()
    (tmp_path / "docs/courses/notes.md").write_text("# My own notes\n")
    assert main(["build", "--root", str(tmp_path), "-q"]) == 1
    assert "was not generated by coursesite" in capsys.readouterr().err
    assert (tmp_path / "docs/courses/notes.md").read_text() == "# My own notes\n"

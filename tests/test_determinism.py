"""Two builds of the same sources are byte-identical: generated Markdown, the site and the offline zip,
whatever the hash seed and whatever order the files were created in.

The one documented exception is sitemap.xml(.gz): MkDocs writes the build date as <lastmod>, so builds
on different days differ there (and only there)."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, SAMPLE_FILES

pytestmark = pytest.mark.e2e


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def copy_sample(root: Path, reverse: bool) -> None:
    """Copy the bundled content file by file, in forward or reverse order (so mtimes and inode order differ)."""
    files = []
    for name in SAMPLE_FILES:
        source = REPO / name
        found = [source] if source.is_file() else sorted(source.rglob("*"))
        files += [
            p
            for p in found
            if p.is_file() and "courses" not in p.relative_to(REPO).parts[:2] and not p.name.startswith(".")
        ]
    for path in reversed(files) if reverse else files:
        target = root / path.relative_to(REPO)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)


def build(root: Path, seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run(
        [sys.executable, "-m", "coursesite.cli", "build", "--root", str(root), "--offline", "-q"],
        check=True,
        env=env,
        capture_output=True,
    )


def test_two_builds_are_byte_identical(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    copy_sample(first, reverse=False)
    copy_sample(second, reverse=True)
    build(first, "1")
    build(second, "4242")
    assert tree_digest(first / "docs" / "courses") == tree_digest(second / "docs" / "courses")
    assert tree_digest(first / "site") == tree_digest(second / "site")
    assert (first / "site-offline.zip").read_bytes() == (second / "site-offline.zip").read_bytes()


def test_rebuilding_in_place_changes_nothing(tmp_path):
    copy_sample(tmp_path, reverse=False)
    build(tmp_path, "7")
    before = tree_digest(tmp_path / "site")
    build(tmp_path, "8")
    assert tree_digest(tmp_path / "site") == before

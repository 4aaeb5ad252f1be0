"""Shared helpers: small source trees written by the tests themselves."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest_plugins = ["tests.site_browser"]  # the browser and page fixtures

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"


# The smallest PNG: one pixel, for fixtures that need a real image.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63f8cfc0f01f0005"
    "0001ff8f3f0e2f0000000049454e44ae426082"
)


def audit_site_module():
    """scripts/audit_site.py as a module (it is a script, not part of the package), loaded once."""
    import importlib.util
    import sys

    module = sys.modules.get("audit_site")
    if module is None:
        spec = importlib.util.spec_from_file_location("audit_site", REPO / "scripts" / "audit_site.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["audit_site"] = module  # dataclasses look their module up by name
        spec.loader.exec_module(module)
    return module


def srt(*cues: tuple[float, float, str]) -> bytes:
    """An SRT file from (start seconds, end seconds, text) triples."""

    def stamp(seconds: float) -> str:
        ms = round(seconds * 1000)
        return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"

    blocks = [f"{i}\n{stamp(a)} --> {stamp(b)}\n{text}\n" for i, (a, b, text) in enumerate(cues, 1)]
    return "\n".join(blocks).encode("utf-8")


def write_tree(root: Path, files: dict[str, bytes | str]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return root


@pytest.fixture
def tree(tmp_path: Path):
    def make(files: dict[str, bytes | str]) -> Path:
        return write_tree(tmp_path / "project", files)

    return make


@pytest.fixture(autouse=True, scope="session")
def private_user_cache(tmp_path_factory):
    """The cache secret and mkdocs-jupyter's cache live in the user's cache folder: the tests get their own."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("user-cache")))
        patch.delenv("COURSESITE_CACHE_SECRET", raising=False)
        yield


SAMPLE_FILES = ["transcripts", "labs", "docs", "mkdocs.yml", "course.yml", "CONTRIBUTING.md"]


def copy_sample(root: Path) -> Path:
    """The repository's own content (SAMPLE_FILES) copied into ``root``, without generated pages."""
    for name in SAMPLE_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("courses", ".*"))
        else:
            shutil.copy2(source, root / name)
    return root


@pytest.fixture(scope="session")
def sample(tmp_path_factory) -> Path:
    """A copy of the repository's own content, built once with --strict --offline."""
    from coursesite.cli import main

    root = copy_sample(tmp_path_factory.mktemp("sample"))
    assert main(["build", "--root", str(root), "--strict", "--offline", "-q"]) == 0
    return root

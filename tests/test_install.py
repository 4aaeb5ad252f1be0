"""`pip install .` into a clean virtual environment gives a `coursesite` that builds the sample.

This is what someone who uses coursesite on their own folders does, without this repository's .venv:
only what pyproject.toml declares gets installed, so an import it forgot fails here. Versions are held
to requirements.txt (`-c`), so a failure means a wrong declaration, not a new release somewhere; and
the environment must then hold exactly requirements.txt's pins, which 'make site' installs as they are.
pip's own cache (~/.cache/pip) keeps the install quick after the first run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest

from tests.conftest import REPO, SAMPLE_FILES
from tests.test_dependencies import normalized, pins

pytestmark = pytest.mark.e2e

PACKAGE_FILES = ["pyproject.toml", "README.md", "coursesite"]
WELCOME = "courses/introduction-to-data-engineering/week-1/welcome-to-the-specialization/index.html"


def clean_environment() -> dict[str, str]:
    """The test's environment without what would let the new venv see this one's packages."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"}}
    # The suite points XDG_CACHE_HOME at a temporary folder, and pip's cache with it: keep the real one.
    env.setdefault("PIP_CACHE_DIR", str(Path.home() / ".cache" / "pip"))
    return env


def run(command: list[str | Path], cwd: Path, timeout: int) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=clean_environment(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path]:
    """(the clean venv's bin folder, a copy of the repository as someone clones it)."""
    base = tmp_path_factory.mktemp("install")
    repo = base / "repo"
    for name in PACKAGE_FILES + SAMPLE_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns("courses", ".*", "__pycache__"))
        else:
            repo.mkdir(exist_ok=True)
            shutil.copy2(source, repo / name)
    venv = base / "venv"
    made = run([sys.executable, "-m", "venv", venv], cwd=base, timeout=120)
    assert made.returncode == 0, made.stderr
    pip = [venv / "bin" / "python", "-m", "pip", "--disable-pip-version-check"]
    install = run([*pip, "install", "--quiet", "-c", REPO / "requirements.txt", repo], cwd=base, timeout=900)
    assert install.returncode == 0, install.stdout + install.stderr
    return venv / "bin", repo


def test_the_command_is_installed(installed):
    bin_dir, repo = installed
    result = run([bin_dir / "coursesite", "--help"], cwd=repo.parent, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "build" in result.stdout and "check" in result.stdout


def test_the_installed_command_builds_the_sample_strictly_with_its_words_and_search(installed):
    bin_dir, repo = installed
    result = run([bin_dir / "coursesite", "build", "--root", repo, "--strict", "-q"], cwd=repo.parent, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    welcome = unescape((repo / "site" / WELCOME).read_text("utf-8"))
    assert "Hello, and welcome to the specialization." in welcome
    assert "how data moves from the systems where it is born to the people and programs that use it" in welcome
    assert (repo / "site" / "search" / "pagefind" / "pagefind-entry.json").is_file()  # Pagefind's binary came too


def test_the_clean_install_holds_exactly_the_pins_of_requirements_txt(installed):
    """'make site' installs requirements.txt without resolving: it must hold all a build needs, and no more."""
    bin_dir, repo = installed
    listed = run([bin_dir / "python", "-m", "pip", "list", "--format=json"], cwd=repo.parent, timeout=120)
    assert listed.returncode == 0, listed.stderr
    tools = {"pip", "setuptools", "coursesite"}  # the venv's own, and the package itself
    found = {
        normalized(p["name"]): p["version"] for p in json.loads(listed.stdout) if normalized(p["name"]) not in tools
    }
    expected = {name: version for name, version in pins("requirements.txt").items() if name not in tools}
    assert found == expected

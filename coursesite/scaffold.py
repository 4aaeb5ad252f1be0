"""``coursesite new``: create the folders and metadata of a new course, week or lab, numbered in order."""

from __future__ import annotations

import re
from pathlib import Path

from .names import natural_key, parse_name, slugify


class ScaffoldError(Exception):
    """The request names something that does not exist or already exists."""


def _numbered(folder: Path) -> list[Path]:
    return (
        sorted(
            (p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")),
            key=lambda p: natural_key(p.name),
        )
        if folder.is_dir()
        else []
    )


def _next_number(folders: list[Path]) -> int:
    numbers = [parse_name(p.name).number for p in folders]
    return max((n for n in numbers if n is not None), default=0) + 1


def _find(folder: Path, wanted: str, what: str) -> Path:
    """A course or week folder named by its number ("2"), its folder name or its slug."""
    for path in _numbered(folder):
        name = parse_name(path.name)
        if wanted in (path.name, name.slug) or (wanted.isdigit() and name.number == int(wanted)):
            return path
    choices = ", ".join(p.name for p in _numbered(folder)) or "none yet"
    raise ScaffoldError(f"no {what} '{wanted}' in {folder} (there are: {choices})")


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def new_course(root: Path, title: str) -> list[Path]:
    number = max(_next_number(_numbered(root / "transcripts")), _next_number(_numbered(root / "labs")))
    name = f"{number:02d}-{slugify(title)}"
    created = []
    for tree in ("transcripts", "labs"):
        folder = root / tree / name
        folder.mkdir(parents=True, exist_ok=False)
        created.append(folder)
    meta = created[0] / "_meta.yml"
    meta.write_text(f'title: {_quote(title)}\ndescription: ""\n', "utf-8")
    return [*created, meta]


def new_week(root: Path, course: str, title: str | None = None) -> list[Path]:
    course_dir = _find(root / "transcripts", course, "course")
    number = _next_number(_numbered(course_dir))
    name = f"week-{number}"
    created = []
    for tree in ("transcripts", "labs"):
        folder = root / tree / course_dir.name / name
        folder.mkdir(parents=True, exist_ok=False)
        created.append(folder)
    meta = created[0] / "_meta.yml"
    meta.write_text(f'title: {_quote(title or f"Week {number}")}\ndescription: ""\n', "utf-8")
    return [*created, meta]


def new_lab(root: Path, course: str, week: str, title: str) -> list[Path]:
    course_dir = _find(root / "transcripts", course, "course")
    week_in_transcripts = _find(course_dir, week, "week")
    week_dir = root / "labs" / course_dir.name / week_in_transcripts.name
    week_dir.mkdir(parents=True, exist_ok=True)
    existing = [p for p in week_dir.iterdir() if not p.name.startswith(".")]
    numbers = [parse_name(p.name, is_file=p.is_file()).number for p in existing]
    number = max((n for n in numbers if n is not None), default=0) + 1
    folder = week_dir / f"{number:02d}-{slugify(title)}"
    folder.mkdir()
    readme = folder / "README.md"
    heading = re.sub(r"\s+", " ", title).strip()
    readme.write_text(
        f"# {heading}\n\n## Goal\n\nWhat the learner builds in this lab.\n\n## Steps\n\n1. …\n\n"
        "## Files\n\nPut the solution files (`.ipynb`, `.py`, `.sql`, `.yaml`, `.tf`…) beside this README.\n",
        "utf-8",
    )
    return [folder, readme]

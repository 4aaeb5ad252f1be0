"""The one rule for symbolic links: coursesite never follows one.

A link committed to a repository can point at anything the build machine can read: ``.git/config``
(which holds the CI job's token after ``actions/checkout``), ``.env``, ``/proc/self/environ``, a whole
folder outside the project. Whether a target is harmless cannot be told from the link (a target inside
the root can still be a secret), so no link is read, copied or published, wherever it is: sources,
metadata, hand-written pages in ``docs/``, included files. Each one is reported, so nothing is lost
without a word; GitHub itself shows a link as a one-line text file, not as its target.
"""

from __future__ import annotations

import os
from pathlib import Path

MESSAGE = (
    "symbolic link, not published: coursesite never follows links (they can publish files from outside "
    "the sources, such as .git/config or .env); replace it with the file itself"
)


def is_link(path: Path) -> bool:
    return os.path.islink(path)


def crosses_link(root: Path, path: Path) -> bool:
    """Whether ``path`` or any folder between ``root`` and it is a link (``root`` itself is the user's choice)."""
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        return True
    current = root
    for part in parts:
        current = current / part
        if is_link(current):
            return True
    return False


def links_under(folder: Path) -> list[Path]:
    """Every link below ``folder`` (to files or folders), found without following any; sorted."""
    found: list[Path] = []
    if is_link(folder) or not folder.is_dir():
        return [folder] if is_link(folder) else []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        base = Path(dirpath)
        found.extend(base / name for name in (*dirnames, *filenames) if is_link(base / name))
    return sorted(found)

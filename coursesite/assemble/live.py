"""What ``coursesite serve`` watches: every place discovery reads sources from, and the hand-written pages.

The server used to watch mkdocs.yml, the docs folder, ``transcripts/``, ``labs/`` and ``course.yml``: no source
of a repository laid out its own way was seen. And MkDocs watches the docs folder whole, ``docs/courses``
included: the pages coursesite writes there after an edit made it build the whole site a second time,
holding every page request until it finished. So the server watches instead:

* the root's own files (``course.yml``, a README, loose notebooks, files hand-written pages include);
* every folder discovery reads (``discover.source_folders``), whole;
* the docs folder's own files and its folders, whole, except the generated one.

A folder created at the top of the root or of the docs folder after the server started is watched from the
next start (MkDocs' watcher ignores the creation of folders; edits to files in watched folders, saved in
place or by rename, are all seen).
"""

from __future__ import annotations

import os
from pathlib import Path

from ..discover import source_folders
from ..render import GENERATED_DIR

Place = tuple[Path, bool]  # a folder or file, and whether its whole tree is watched
Fingerprint = dict[str, tuple[int, int, int]]


def watched_places(root: Path, docs_dir: Path) -> list[Place]:
    places: list[Place] = [(root, False), *((folder, True) for folder in source_folders(root))]
    if docs_dir.is_dir():
        places.append((docs_dir, False))
        places += [
            (Path(entry.path), True)
            for entry in sorted(os.scandir(docs_dir), key=lambda entry: entry.name)
            if entry.is_dir(follow_symlinks=False) and entry.name != GENERATED_DIR
        ]
    return places


def fingerprint(places: list[Place]) -> Fingerprint:
    """Each file's modification time, size and inode: an edit saved in place or by rename changes one."""
    found: Fingerprint = {}
    for place, whole in places:
        pending = [place]
        while pending:
            try:
                entries = list(os.scandir(pending.pop()))
            except OSError:  # gone, or a file given as a place
                continue
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if whole:
                        pending.append(entry.path)
                    continue
                try:
                    status = entry.stat(follow_symlinks=False)
                except OSError:
                    continue
                found[entry.path] = (status.st_mtime_ns, status.st_size, status.st_ino)
    return found

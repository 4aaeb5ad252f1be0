"""A content-hash cache of converted items, so an unchanged video or lab is never converted twice.

The key of an item is a hash of: the coursesite version, the site settings, what the item is called and
where it sits (course and week titles), and the bytes of each of its source files. File digests are
remembered by size and modification time so that an unchanged tree is not read again.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import pickle
import tempfile
from pathlib import Path

from . import __version__

CACHE_DIR = ".coursesite-cache"
FORMAT = 1  # bump when the cached value's shape changes


class Cache:
    def __init__(self, root: Path, enabled: bool = True) -> None:
        self.folder = root / CACHE_DIR
        self.root = root
        self.enabled = enabled
        self._stats: dict[str, list] = self._load_stats() if enabled else {}
        self._stats_changed = False
        self.used: set[str] = set()

    # -- file digests ------------------------------------------------------------------------------
    def _load_stats(self) -> dict[str, list]:
        try:
            data = json.loads((self.folder / "files.json").read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def file_digest(self, source: str) -> str:
        """sha256 of a source file, re-read only when its size or modification time changed."""
        path = self.root / source
        try:
            stat = path.stat()
        except OSError:
            return "missing"
        remembered = self._stats.get(source)
        if remembered and remembered[0] == stat.st_size and remembered[1] == stat.st_mtime_ns:
            return remembered[2]
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        self._stats[source] = [stat.st_size, stat.st_mtime_ns, digest]
        self._stats_changed = True
        return digest

    # -- items -------------------------------------------------------------------------------------
    def key(self, description: object, sources: list[str]) -> str:
        hasher = hashlib.sha256(f"{FORMAT}\0{__version__}\0{code_fingerprint()}\0".encode())
        hasher.update(json.dumps(description, sort_keys=True, default=str).encode())
        for source in sources:
            hasher.update(f"\0{source}\0{self.file_digest(source)}".encode())
        return hasher.hexdigest()

    def get(self, key: str, part: str) -> object | None:
        """A cached part ("head": digests, diagnostics and summary; "body": the files) or None."""
        if not self.enabled:
            return None
        try:
            with open(self.folder / "items" / key[:2] / f"{key}.{part}", "rb") as stream:
                value = pickle.load(stream)  # our own files, written below
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
            return None
        self.used.add(key)
        return value

    def put(self, key: str, head: object, body: object) -> None:
        if not self.enabled:
            return
        write_item(self.folder, key, head, body)
        self.used.add(key)

    def items_folder(self) -> Path | None:
        """Where ``write_item`` puts items (for worker processes), or None when the cache is off."""
        return self.folder if self.enabled else None

    def mark_used(self, key: str) -> None:
        """An item a worker process wrote with ``write_item``: keep it when saving."""
        self.used.add(key)

    def save(self) -> None:
        """Persist the file digests and drop cached items no longer used by any source."""
        if not self.enabled:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        if self._stats_changed:
            _atomic_write(self.folder / "files.json", json.dumps(self._stats, sort_keys=True).encode())
        items = self.folder / "items"
        if items.is_dir():
            for entry in items.glob("*/*"):
                if entry.name.partition(".")[0] not in self.used:
                    entry.unlink(missing_ok=True)
            for folder in items.iterdir():
                if folder.is_dir() and not any(folder.iterdir()):
                    folder.rmdir()


def write_item(cache_folder: Path, key: str, head: object, body: object) -> None:
    """Store one item's parts; safe from several processes at once (each file is written whole, then renamed)."""
    folder = cache_folder / "items" / key[:2]
    folder.mkdir(parents=True, exist_ok=True)
    _atomic_write(folder / f"{key}.body", pickle.dumps(body, protocol=pickle.HIGHEST_PROTOCOL))
    _atomic_write(folder / f"{key}.head", pickle.dumps(head, protocol=pickle.HIGHEST_PROTOCOL))


@functools.cache
def code_fingerprint() -> str:
    """A hash of coursesite's own code and templates: editing them invalidates every cached page."""
    package = Path(__file__).resolve().parent
    hasher = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".j2", ".css"):
            hasher.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return hasher.hexdigest()


def _atomic_write(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
    os.replace(temporary, path)

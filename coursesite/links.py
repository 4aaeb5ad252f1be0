"""Where each source file is published, so that a relative link or image in Markdown lands on what it names.

People link between their notes, labs and images with paths relative to the file they write in
(``[the lab](../labs/c1w2_lifecycle/)``, ``![plan](images/terraform_plan.png)``). coursesite publishes
every file somewhere else (a lab's files under its page, notes on their course's or week's page), so each
relative link is looked up by the source path it names and rewritten to the published page or file,
relative to the page that shows the link. A name that differs only in case (``aws_glue.png`` for
``aws_glue.PNG``: fine on some disks, a 404 on GitHub Pages) is resolved with a warning.
"""

from __future__ import annotations

import functools
import hashlib
import json
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

SECTION = "\x00"  # between a page and the id of a section on it, in a target (a file name may hold "#")


@dataclass(frozen=True)
class Resolution:
    url: str | None  # the link to write, relative to the page; None: leave the link as it is
    warning: str = ""  # why the link is broken or was corrected, for a diagnostic
    source: str = ""  # the repository file the link reaches


@dataclass
class LinkTargets:
    """Source path (POSIX, relative to the root; a folder without a trailing "/") → docs path of what shows it
    (``courses/c/w/lab/index.md`` for a page, ``courses/c/w/lab/files/x.png`` for a file, and a page followed by
    ``SECTION`` and an id for a section of a page)."""

    targets: dict[str, str] = field(default_factory=dict)
    _folded: dict[str, str] | None = field(default=None, repr=False)
    _names: dict[str, list[str]] | None = field(default=None, repr=False)

    def resolve(self, source: str, page: str, href: str) -> Resolution:
        """``href`` as written in ``source`` (shown on the docs page ``page``), as a link from that page."""
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith("#") or not parts.path:
            return Resolution(None)
        suffix = (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
        path = unquote(parts.path)
        # GitHub reads "/images/x.png" in a README from the repository's root.
        base = "" if path.startswith("/") else posixpath.dirname(source)
        wanted = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
        if wanted == ".." or wanted.startswith("../"):
            return Resolution(None, f"link {href!r} points outside the repository")
        found = self.targets.get(wanted)
        warning, match = "", wanted
        if found is None:
            match = self.folded().get(wanted.casefold())
            if match is not None:
                warning = f"link {href!r} names {match!r} in another case, which works on some disks only"
            elif (match := self.by_name(wanted)) is not None:
                warning = f"link {href!r}: no file {wanted!r}; {match!r}, a file of that name, is shown"
            else:
                return Resolution(None, f"broken link {href!r}: no file {wanted!r} in the repository")
            found = self.targets[match]
        if parts.fragment:  # the link's own anchor (a heading in that file) over the file's section
            found = found.partition(SECTION)[0]
        return Resolution(relative_url(page, found) + suffix, warning, match)

    def folded(self) -> dict[str, str]:
        if self._folded is None:
            self._folded = {}
            for path in sorted(self.targets):
                self._folded.setdefault(path.casefold(), path)
        return self._folded

    def by_name(self, wanted: str) -> str | None:
        """A file of ``wanted``'s name elsewhere in the repository (an image moved to another folder, which
        GitHub shows broken): of several, the one nearest to where the link looked; None if there is none."""
        if self._names is None:
            self._names = {}
            for path in sorted(self.targets):
                self._names.setdefault(posixpath.basename(path).casefold(), []).append(path)
        found = self._names.get(posixpath.basename(wanted).casefold(), [])
        if not found:
            return None
        parts = wanted.split("/")
        return max(found, key=lambda path: (_shared(parts, path.split("/")), -len(path)))

    def save(self, path: Path) -> str:
        """Write the targets for worker processes to read (``load_targets``); returns their digest."""
        data = self._data()
        path.write_bytes(data)
        return hashlib.sha256(data).hexdigest()

    def digest(self) -> str:
        """The digest ``save`` returns, without writing anything."""
        return hashlib.sha256(self._data()).hexdigest()

    def _data(self) -> bytes:
        return json.dumps(self.targets, sort_keys=True, ensure_ascii=False).encode("utf-8")


@functools.lru_cache(maxsize=4)
def load_targets(path: str, digest: str) -> LinkTargets:
    """The targets a build saved, read once per worker process (``digest`` keys the memo with the file)."""
    return LinkTargets(json.loads(Path(path).read_text("utf-8")))


def _shared(a: list[str], b: list[str]) -> int:
    """How many leading folders two paths share."""
    count = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        count += 1
    return count


def relative_url(page: str, target: str) -> str:
    """The URL of docs path ``target`` relative to the docs page ``page`` (MkDocs' directory URLs: a page
    ``a/b/index.md`` is at ``a/b/``)."""
    target, hash_, fragment = target.partition(SECTION)
    page_dir = posixpath.dirname(page)
    is_page = target.endswith("index.md")
    path = posixpath.dirname(target) if is_page else target
    relative = posixpath.relpath(path or ".", page_dir or ".")
    if is_page:
        relative = "./" if relative == "." else relative + "/"
    return quote(relative, safe="/") + ("#" + quote(fragment, safe="") if hash_ else "")

"""Pagefind, the published site's search: its index written from the built pages, with a time limit.

``pagefind --site`` on built pages, one group of pages per process and bundle, which the browser merges
(Pagefind's mergeIndex). A site of SPLIT_PAGES pages or more has two groups at least, in MkDocs' page
order: the plugin starts the first as soon as MkDocs has written its pages, so it is indexed on the
second core while MkDocs writes the rest (``plugin.on_post_page``), and the others after the build.
(Feeding pages to Pagefind's ``--service`` overlapped the two too, but the service now and then left a
file of the index empty under load, and its protocol had no time limits of its own.)
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from ..children import ending_with_this_process

PAGEFIND_DIR = "search/pagefind"
PAGEFIND_MORE = "search/pagefind-indexes.json"  # the other groups' bundles, merged by the worker
# Pagefind holds its whole index in memory while it writes it (about 300 KB per transcript page, 1.1 GB
# for 3,800 pages), so large sites are indexed in groups of pages, one after the other, and the browser
# merges the groups' indexes (Pagefind's mergeIndex).
GROUP_PAGES = 1500
SPLIT_PAGES = 200  # a site this large is indexed in two groups at least: the first while MkDocs works
# Interface text that is not content (permalinks, meta and download lines, copy buttons), and the
# tables notebooks print: rows of numbers are nobody's query, and they were 60 % of the indexer's
# memory on notebook pages (code, prose and printed text stay searchable).
EXCLUDE = (".headerlink", "[data-search-exclude]", ".md-clipboard", ".md-source-file", ".nb-output table")
# Pagefind's ready-made user interfaces; coursesite keeps Material's search box and uses only its API.
UNUSED = ("pagefind-ui.*", "pagefind-modular-ui.*", "pagefind-component-ui.*", "pagefind-highlight.js")
# How long one group of pages may take to index (about 2 s per 1,000 pages here): past it, Pagefind is
# stopped and the build fails with that said, instead of waiting for ever.
SECONDS_PER_GROUP = float(os.environ.get("COURSESITE_PAGEFIND_SECONDS", "300"))


class PagefindError(Exception):
    """Pagefind could not start, stopped, refused a request or took too long; the message says why."""


def executable() -> str | None:
    """The Pagefind binary installed with the ``pagefind[bin]`` package (or named by PAGEFIND_BINARY_PATH)."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        return None
    path = get_executable()
    return str(path) if path else None


def groups(pages: int, at_least: int = 1, first: str = PAGEFIND_DIR) -> tuple[list[str], int]:
    """The bundles a site's pages are indexed into, and the pages per group: even groups, at least
    ``at_least`` of them, none larger than GROUP_PAGES; named ``first``, ``first-2``, …"""
    count = max(1, at_least, -(-pages // GROUP_PAGES))
    bundles = [first] + [f"{first}-{number}" for number in range(2, count + 1)]
    return bundles, -(-pages // count)


def plan(pages: list[str], first: str = PAGEFIND_DIR) -> list[tuple[str, list[str]]]:
    """Each bundle and the pages (paths under the site, in the order given) it indexes. ``first``: the first
    bundle's folder (a shard's bundles are named for the shard, so that a merge can put them side by side)."""
    bundles, size = groups(len(pages), at_least=2 if len(pages) >= SPLIT_PAGES else 1, first=first)
    planned = [(bundle, pages[number * size : (number + 1) * size]) for number, bundle in enumerate(bundles)]
    return [(bundle, group) for bundle, group in planned if group] or [(first, [])]


class Indexing:
    """One ``pagefind --site`` over a group of the site's pages, linked at their own paths into a folder of
    their own (so their addresses stay the same), running until ``wait``."""

    def __init__(self, program: str, site: Path, bundle: str, pages: list[str]) -> None:
        self.bundle = bundle
        # Named like the build's staging folders, so a killed build's leftovers are removed by the next.
        self.folder = Path(tempfile.mkdtemp(prefix=f".pagefind-new-{os.getpid()}-", dir=site.parent))
        try:
            for page in pages:
                target = self.folder / page
                target.parent.mkdir(parents=True, exist_ok=True)
                try:
                    os.link(site / page, target)
                except OSError:
                    shutil.copyfile(site / page, target)
            self.process = _start(program, self.folder, site / bundle)
        except BaseException:
            shutil.rmtree(self.folder, ignore_errors=True)
            raise
        self.deadline = time.monotonic() + SECONDS_PER_GROUP

    def wait(self) -> None:
        try:
            try:
                _, errors = self.process.communicate(timeout=max(0.0, self.deadline - time.monotonic()))
            except subprocess.TimeoutExpired as error:
                raise PagefindError(
                    f"Pagefind took more than {SECONDS_PER_GROUP:.0f} s to index the site's pages and was stopped "
                    "(COURSESITE_PAGEFIND_SECONDS sets the limit)"
                ) from error
            if self.process.returncode != 0:
                raise PagefindError(errors.strip() or f"Pagefind exited with {self.process.returncode}")
        finally:
            self.stop()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        if self.process.stderr is not None:
            self.process.stderr.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def start(site: Path, bundle: str, pages: list[str]) -> Indexing:
    program = executable()
    if program is None:
        raise PagefindError("Pagefind is not installed (pip install 'pagefind[bin]')")
    return Indexing(program, site, bundle, pages)


def _start(program: str, pages: Path, output: Path) -> subprocess.Popen:
    command = [program, "--site", str(pages), "--output-path", str(output), "--silent"]
    for selector in EXCLUDE:
        command += ["--exclude-selectors", selector]
    try:
        return subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=ending_with_this_process(),  # a killed build leaves no indexer behind
        )
    except OSError as error:
        raise PagefindError(f"could not start Pagefind ({error})") from error


def tidy(site: Path, bundles: list[str]) -> None:
    """List the bundles after the first for the search worker to merge; remove Pagefind's unused UIs."""
    more = [f"{bundle}/" for bundle in bundles[1:]]
    (site / PAGEFIND_MORE).write_text(json.dumps(more), "utf-8")
    for bundle in bundles:
        for pattern in UNUSED:
            for path in (site / bundle).glob(pattern):
                path.unlink()

"""Pagefind, the published site's search: its index written from the built pages, with a time limit.

One path: ``pagefind --site`` on the built folder, after MkDocs wrote it. (Feeding pages to Pagefind's
``--service`` while MkDocs wrote them overlapped the two, but the service now and then left a file of the
index empty under load, and its protocol had no time limits of its own.)
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..children import ending_with_this_process

PAGEFIND_DIR = "search/pagefind"
PAGEFIND_MORE = "search/pagefind-indexes.json"  # the other groups' bundles, merged by the worker
# Pagefind holds its whole index in memory while it writes it (about 300 KB per transcript page, 1.1 GB
# for 3,800 pages), so large sites are indexed in groups of pages, one after the other, and the browser
# merges the groups' indexes (Pagefind's mergeIndex).
GROUP_PAGES = 1500
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


def groups(pages: int) -> tuple[list[str], int]:
    """The bundles a site's pages are indexed into, and the pages per group: even groups, none larger than
    GROUP_PAGES."""
    count = max(1, -(-pages // GROUP_PAGES))
    bundles = [PAGEFIND_DIR] + [f"{PAGEFIND_DIR}-{number}" for number in range(2, count + 1)]
    return bundles, -(-pages // count)


def index_site(site: Path) -> None:
    """Write Pagefind's chunked index of the built pages into ``site/search/pagefind`` (and, for a site of
    more than GROUP_PAGES pages, one more bundle per group: ``search/pagefind-2`` …)."""
    program = executable()
    if program is None:
        raise PagefindError("Pagefind is not installed (pip install 'pagefind[bin]')")
    pages = sorted(path.relative_to(site) for path in site.rglob("*.html"))
    bundles, size = groups(len(pages))
    chunks = [pages[start : start + size] for start in range(0, len(pages), size)] if pages else []
    if len(chunks) <= 1:
        _run(program, site, site / PAGEFIND_DIR)
    else:
        for chunk, bundle in zip(chunks, bundles, strict=True):
            # Named like the build's staging folders, so a killed build's leftovers are removed by the next.
            with tempfile.TemporaryDirectory(prefix=f".pagefind-new-{os.getpid()}-", dir=site.parent) as folder:
                for page in chunk:  # the group's pages at their own paths, so their addresses stay the same
                    target = Path(folder) / page
                    target.parent.mkdir(parents=True, exist_ok=True)
                    try:
                        os.link(site / page, target)
                    except OSError:
                        shutil.copyfile(site / page, target)
                _run(program, Path(folder), site / bundle)
    tidy(site, bundles)


def tidy(site: Path, bundles: list[str]) -> None:
    """List the bundles after the first for the search worker to merge; remove Pagefind's unused UIs."""
    more = [f"{bundle}/" for bundle in bundles[1:]]
    (site / PAGEFIND_MORE).write_text(json.dumps(more), "utf-8")
    for bundle in bundles:
        for pattern in UNUSED:
            for path in (site / bundle).glob(pattern):
                path.unlink()


def _run(program: str, pages: Path, output: Path) -> None:
    command = [program, "--site", str(pages), "--output-path", str(output), "--silent"]
    for selector in EXCLUDE:
        command += ["--exclude-selectors", selector]
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            check=False,
            timeout=SECONDS_PER_GROUP,
            preexec_fn=ending_with_this_process(),  # a killed build leaves no indexer behind
        )
    except subprocess.TimeoutExpired as error:
        raise PagefindError(
            f"Pagefind took more than {SECONDS_PER_GROUP:.0f} s to index the site's pages and was stopped "
            "(COURSESITE_PAGEFIND_SECONDS sets the limit)"
        ) from error
    except OSError as error:
        raise PagefindError(f"could not start Pagefind ({error})") from error
    if done.returncode != 0:
        raise PagefindError((done.stderr or done.stdout).strip() or f"Pagefind exited with {done.returncode}")

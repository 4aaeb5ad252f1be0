"""Markdown conversion of MkDocs' pages on two cores: part of the seam to MkDocs, like ``site.py``.

MkDocs converts every page's Markdown in one process, one page after the other: on the benchmark
corpus that is about 1.8 s of the build with the second core idle. Before MkDocs starts, a forked copy
of the build process (same configuration, same files, same plugins) converts the last part of the page
list and sends each result back through a pipe; MkDocs converts the first part itself, as usual. When it
reaches a page the copy converted, it takes the copy's result, but only if the page's Markdown is
exactly what the copy converted (otherwise, say a plugin changed it, it converts the page itself).

What a conversion leaves on a page is moved over whole: the HTML, the table of contents, the title
found in it, its anchors and its links to other pages' anchors; warnings logged while converting are
logged again in the build process, so they are counted by ``--strict``. The copy runs only the
plugins' ``on_page_markdown`` (to see the same Markdown), so it is used only when every plugin of the
site is one whose hooks we know (``SAFE_PLUGINS``); any other plugin keeps MkDocs' own order of events.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import multiprocessing
import os
import pickle
import sys
import threading
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.coursesite")

# Plugins whose page events have no side effects a forked copy would lose: Material's search (it reads
# the HTML in on_page_content, which still runs here) and ours. mkdocs-jupyter renders .ipynb pages
# itself; those are never sent to the copy.
SAFE_PLUGINS = frozenset({"search", "material/search", "coursesite", "mkdocs-jupyter"})
MIN_PAGES = 40  # below this a second process is not worth starting
CHILD_SHARE = 0.45  # of the pages, the last ones; the copy starts while this process still sets up


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def _convert(page: Page, config: MkDocsConfig, files: Files) -> tuple:
    """In the copy: what ``_populate_page`` does up to and including ``render``, for one page."""
    collect = _Collect()
    root = logging.getLogger()
    saved = root.handlers[:], [(logger, logger.handlers[:], logger.propagate) for logger in _loggers()]
    for logger, _, _ in saved[1]:
        logger.handlers, logger.propagate = [], True
    root.handlers = [collect]
    try:
        page.read_source(config)
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
        Page.render(page, config, files)
        links = {
            target.src_uri: anchors for target, anchors in (page.links_to_anchors or {}).items() if target is not None
        }
        return (
            page.file.src_uri,
            _digest(page.markdown or ""),
            page.content,
            page.toc,
            page._title_from_render,
            page.present_anchor_ids,
            links if page.links_to_anchors is not None else None,
            collect.records,
        )
    finally:
        root.handlers = saved[0]
        for logger, handlers, propagate in saved[1]:
            logger.handlers, logger.propagate = handlers, propagate


def _loggers() -> list[logging.Logger]:
    return [logger for logger in logging.Logger.manager.loggerDict.values() if isinstance(logger, logging.Logger)]


def _child(connection: Any, pages: list[Page], config: MkDocsConfig, files: Files) -> None:
    try:
        for page in pages:
            try:
                result = _convert(page, config, files)
            except Exception:  # the build process converts this page itself and reports the error
                result = (page.file.src_uri, None)
            connection.send_bytes(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    finally:
        connection.close()
        os._exit(0)  # no atexit handlers, no flushing of the parent's buffers


class ParallelPages:
    """Started before MkDocs reads the pages (``on_nav``); ``close`` after they are all converted."""

    def __init__(self, pages: list[Page], config: MkDocsConfig, files: Files) -> None:
        self.results: dict[str, tuple] = {}
        context = multiprocessing.get_context("fork")
        self.connection, child_end = context.Pipe(duplex=False)
        self.process = context.Process(target=_child, args=(child_end, pages, config, files), daemon=True)
        # Objects that exist now are not the collector's business in the copy: its passes over them would
        # touch, and so copy, every memory page the two processes share.
        gc.freeze()
        try:
            self.process.start()
        finally:
            gc.unfreeze()
        child_end.close()
        self.done = False
        # Read results as they come: a result (about 100 KB) does not fit the pipe, and a copy that waits
        # for this process to read would wait until MkDocs reaches its pages.
        self.arrived = threading.Condition()
        self.reader = threading.Thread(target=self._receive, name="coursesite-pages", daemon=True)
        self.reader.start()
        for page in pages:
            page.render = self._renderer(page)  # type: ignore[method-assign]

    @classmethod
    def start(cls, config: MkDocsConfig, files: Files) -> ParallelPages | None:
        """Hand the last part of the Markdown pages to a copy of this process, when that is safe and worth it."""
        if not sys.platform.startswith("linux"):  # fork is the only cheap copy, and only Linux forks safely
            return None
        cores = len(os.sched_getaffinity(0))
        if cores < 2 or not set(config.plugins).issubset(SAFE_PLUGINS):
            return None
        pages = [f.page for f in files.documentation_pages() if f.page is not None and f.src_uri.endswith(".md")]
        if len(pages) < MIN_PAGES:
            return None
        share = round(len(pages) * CHILD_SHARE)
        try:
            return cls(pages[len(pages) - share :], config, files)
        except OSError as error:
            log.info(f"could not start a second process for Markdown ({error}); converting in one")
            return None

    def _renderer(self, page: Page):  # a replacement for the page's Page.render
        def render(config: MkDocsConfig, files: Files) -> None:
            result = self._result(page.file.src_uri)
            if result is None or result[1] is None or result[1] != _digest(page.markdown or ""):
                Page.render(page, config, files)
                return
            _, _, content, toc, title, anchors, links, records = result
            page.content, page.toc, page._title_from_render, page.present_anchor_ids = content, toc, title, anchors
            if links is not None:
                page.links_to_anchors = {
                    target: found for uri, found in links.items() if (target := files.get_file_from_path(uri))
                }
            for name, level, message in records:
                logging.getLogger(name).log(level, message)

        return render

    def _receive(self) -> None:
        while True:
            try:
                result = pickle.loads(self.connection.recv_bytes())
            except (EOFError, OSError, pickle.UnpicklingError):
                break
            with self.arrived:
                self.results[result[0]] = result
                self.arrived.notify_all()
        with self.arrived:
            self.done = True
            self.arrived.notify_all()

    def _result(self, src_uri: str) -> tuple | None:
        with self.arrived:
            self.arrived.wait_for(lambda: src_uri in self.results or self.done)
            return self.results.pop(src_uri, None)

    def close(self, abort: bool = False) -> None:
        if abort:
            self.process.kill()
        self.process.join(timeout=5)
        self.reader.join(timeout=5)
        self.connection.close()
        if self.process.is_alive():
            self.process.kill()
            self.process.join()

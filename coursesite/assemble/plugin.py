"""The coursesite plugin: MkDocs' events, where generated pages join the site and the theme.

MkDocs reads the pages coursesite wrote (finished HTML in islands, plain headings), adds navigation and
layout, and writes the site; this plugin adds the course navigation, fills the home page, points edit
links at sources, and has Pagefind index the pages (the first half while MkDocs writes the rest; each
course's page to print is joined while the last half is indexed). Past 20 courses each page's navigation
shows its own course and the catalog; generated pages' islands wait compressed while MkDocs holds the
pages. In a shard (``build --shard``), other shards' pages are known to MkDocs but excluded, and the
search bundle is the shard's own. Its state lives on the instance: plain ``mkdocs build`` / ``serve`` /
``gh-deploy`` with the same mkdocs.yml build the same site as ``coursesite build``, which only hands over
the conversion it already ran.
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import re
import secrets
import zlib
from collections.abc import Callable
from html import unescape
from importlib import resources
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from .. import symlinks
from ..cache import project_cache_folder
from ..diagnostics import format_diagnostic
from ..islands import island_ids, put_back, set_aside
from ..markup import md, web_link
from ..pipeline import Conversion, convert
from ..render import CATALOG_PAGE, CATALOG_TITLE, GENERATED_DIR, JUPYTER_PAGES
from . import live, material, pagefind, paper

log = logging.getLogger("mkdocs.plugins.coursesite")

HOME_MARKER = "<!-- coursesite:courses -->"
RGX_INCLUDE = re.compile(r"<!-- coursesite:include (?P<path>[^\s>]+) -->")
INCLUDED_HEADING = re.compile(r"\A# [^\n]*\n")  # the page has its own title

# Markdown extensions the generated pages rely on; added to any configuration that lacks them.
REQUIRED_EXTENSIONS: dict[str, dict] = {
    "toc": {"permalink": True},
    "tables": {},
    "attr_list": {},
    "md_in_html": {},
    "admonition": {},
    "pymdownx.details": {},
    "pymdownx.superfences": {},
    "pymdownx.highlight": {"anchor_linenums": False},
    "pymdownx.inlinehilite": {},
    "pymdownx.escapeall": {},
    "pymdownx.tabbed": {"alternate_style": True},
    "coursesite.islands": {},  # our pre-rendered HTML blocks, not parsed again (coursesite/islands.py)
}

# Material ranks page titles 1000-fold; ours keep more weight than body text, and transcript paragraphs get a
# boost that offsets the page bonus (used when Material's own search answers: the offline copy).
TITLE_BOOST = 5
PARAGRAPH_BOOST = 4
# A site of more courses than this lists, in each page's navigation, only its own course, with the catalog of all
# courses (``courses/``) beside it. Every page listed every course (navigation.prune keeps only their names): 190
# bytes and 0.1 ms of Material's templates per course and page, so that 400 courses made each of 36,000 pages
# 76 KB and 40 ms heavier, the site and its build growing with the square of the courses.
LISTED_COURSES = 20
# Builds ``serve`` runs before it starts watching, while sources keep changing (see on_serve); then the watcher
# takes over.
STARTUP_REBUILDS = 3


class CoursesiteConfig(Config):
    root = c.Type(str, default="")  # the project root; defaults to the folder holding mkdocs.yml


class CoursesitePlugin(BasePlugin[CoursesiteConfig]):
    """Converts sources before each build, adds the course navigation, and fills the home page."""

    def __init__(self) -> None:
        super().__init__()
        self.prepared: Conversion | None = None  # a conversion `coursesite build` ran already (used once)
        self.conversion: Conversion | None = None
        self.pagefind = False  # this build's search is answered by Pagefind (set in on_config)
        self.dirty = False  # MkDocs writes only what changed, into a folder that starts as the last site
        self.search_plan: list[tuple[str, list[str]]] = []  # Pagefind's bundles and their pages (on_env)
        self.indexing: list[pagefind.Indexing] = []  # the groups being indexed
        self.group_ends: list[int] = []  # how many pages the groups up to each hold, in order
        self.pages_seen = 0
        self.courses_written: set[str] = set()  # courses with a page written by this build (their print pages)
        self.offline = False  # this build is the offline copy (Material's offline plugin is on)
        self.sources_seen: live.Fingerprint | None = None  # the sources as this build's conversion found them
        # Each generated page's islands while MkDocs holds the page (compressed, by page; see islands.set_aside), the
        # ids inside them until MkDocs has rendered the page, and the mark of this build's placeholders.
        self.set_aside: dict[str, bytes] = {}
        self.island_anchors: dict[str, set[str]] = {}
        self.aside_tag = ""
        self.courses_apart = False  # each page's navigation lists its own course only (more than LISTED_COURSES)
        # The navigation's items around its courses (on_nav): a page's own course goes between them.
        self.around_courses: tuple[list, list] = ([], [])

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.dirty = dirty

    def project_root(self, config: MkDocsConfig) -> Path:
        if self.config.root:
            return Path(self.config.root).resolve()
        return Path(config.config_file_path or ".").resolve().parent

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = self.project_root(config)
        docs_dir = Path(config.docs_dir)
        # Before MkDocs walks the docs folder, which it does following links (a link to / walks the disk).
        links = symlinks.links_under(docs_dir)
        if links:
            raise PluginError(docs_links_message(links, root))
        prepared, self.prepared = self.prepared, None
        if prepared is None:  # run by plain `mkdocs build` or `serve`: convert here and report through MkDocs
            self.sources_seen = live.fingerprint(live.watched_places(root, docs_dir))  # before they are read
            prepared = convert(root, docs_dir)
            for diagnostic in prepared.diagnostics:
                log.warning(format_diagnostic(diagnostic))
        self.conversion = prepared
        self.set_aside, self.island_anchors = {}, {}
        self.aside_tag = f"cs-aside-{secrets.token_hex(16)}"
        settings = prepared.catalog.settings
        offline = config.plugins.get(material.OFFLINE_PLUGIN)
        self.offline = bool(offline and offline.config.get("enabled", True))
        self.pagefind = settings.search == "pagefind" and not self.offline
        if self.pagefind and pagefind.executable() is None:
            log.warning("Pagefind is not installed (pip install 'pagefind[bin]'): using Material's built-in search")
            self.pagefind = False
        for name, options in REQUIRED_EXTENSIONS.items():
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
                config.mdx_configs[name] = options
        if "pymdownx.emoji" not in config.markdown_extensions:
            config.markdown_extensions.append("pymdownx.emoji")
            config.mdx_configs["pymdownx.emoji"] = material.emoji_extension()
        config.extra_css.append(material.STYLESHEET)
        config.extra_javascript.append(material.PLAYER_SCRIPT)
        config.extra_javascript.append(material.PROGRESS_SCRIPT)
        if settings.notebook_renderer == "mkdocs-jupyter":
            self.add_mkdocs_jupyter(config, root)
        config.nav = self.navigation(config, docs_dir)
        if settings.repo_url and not config.repo_url:  # course.yml may name the repository instead
            config.repo_url = settings.repo_url
            docs = docs_dir.relative_to(root).as_posix() if docs_dir.is_relative_to(root) else "docs"
            config.edit_uri = f"edit/{settings.repo_branch}/{docs}/"
        return config

    @staticmethod
    def add_mkdocs_jupyter(config: MkDocsConfig, root: Path) -> None:
        """The alternative notebook renderer, for the sanitised copies our lab pages link to (never a source)."""
        if any(type(plugin).__module__.startswith("mkdocs_jupyter") for plugin in config.plugins.values()):
            log.warning("mkdocs-jupyter is configured in mkdocs.yml; coursesite adds it itself, remove it there")
            return
        from mkdocs_jupyter.plugin import Plugin

        plugin = Plugin()
        options = {"include": [JUPYTER_PAGES], "execute": False, "include_requirejs": False, "include_source": False}
        # Its cache holds finished HTML under a hash of the notebook a contributor can compute, and is
        # inserted into the page unchecked: so never in the project (a pull request could commit a forged
        # entry), but in our folder in the user's cache, one per project (each build evicts what it did not use).
        folder = project_cache_folder(root, "mkdocs-jupyter")
        try:
            folder.mkdir(parents=True, exist_ok=True)
            options["cache_dir"] = str(folder)
        except OSError:
            options["cache"] = False
        errors, warnings = plugin.load_config(options)
        for _key, problem in [*errors, *warnings]:
            log.warning(f"mkdocs-jupyter: {problem}")
        config.plugins["mkdocs-jupyter"] = plugin

    def navigation(self, config: MkDocsConfig, docs_dir: Path) -> list:
        """Home first, then the courses, then the other hand-written pages; a given nav gets the courses second.
        Past LISTED_COURSES courses, the catalog of all courses comes before them (each page lists its own only)."""
        courses = self.conversion.nav if self.conversion else []
        self.courses_apart = len(courses) > LISTED_COURSES
        if self.courses_apart:
            courses = [{CATALOG_TITLE: CATALOG_PAGE}, *courses]
        if config.nav:
            return [config.nav[0], *courses, *config.nav[1:]]
        pages = sorted(
            path.relative_to(docs_dir).as_posix()
            for path in docs_dir.rglob("*.md")
            if not path.relative_to(docs_dir).as_posix().startswith((GENERATED_DIR + "/", "."))
        )
        home = ["index.md"]
        others = [page for page in pages if page != "index.md"]
        return [*home, *courses, *others]

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        def publish(site_path: str, package_path: str) -> None:
            content = resources.files("coursesite").joinpath(package_path).read_bytes()
            files.append(File.generated(config, site_path, content=content))

        publish(material.STYLESHEET, "assets/coursesite.css")
        publish(material.PLAYER_SCRIPT, "assets/player.js")
        publish(material.PROGRESS_SCRIPT, "assets/progress.js")
        publish(material.PRINT_SCRIPT, "assets/print.js")
        if material.SHIM in config.extra.get("polyfills", []):
            publish(material.SHIM, "assets/vendor/iframe-worker/shim.js")
        if self.pagefind:
            publish(material.PAGEFIND_WORKER, "assets/pagefind-worker.js")
        if files.get_file_from_path("index.md") is None and self.conversion:
            # The name as text: the configuration holds it made safe for the theme's HTML, not for Markdown.
            home = f"---\ntitle: Home\n---\n\n# {md(unescape(config.site_name))}\n\n{HOME_MARKER}\n"
            files.append(File.generated(config, "index.md", content=home))
        if self.conversion and self.conversion.sharded:
            # Other shards' pages: known to MkDocs, so that the navigation, previous/next and links to them are
            # written as in the whole site, but excluded, so that it neither reads nor writes them.
            for path in self.conversion.elsewhere:
                if files.get_file_from_path(path) is None:
                    files.append(File.generated(config, path, content="", inclusion=InclusionLevel.EXCLUDED))
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        courses = [index for index, item in enumerate(nav.items) if is_course_section(item)]
        first = courses[0] if courses else len(nav.items)
        others = [(index, item) for index, item in enumerate(nav.items) if not is_course_section(item)]
        self.around_courses = (
            [item for index, item in others if index < first],
            [item for index, item in others if index > first],
        )
        return nav

    def on_page_context(self, context, /, *, page: Page, config: MkDocsConfig, nav: Navigation):
        """Past LISTED_COURSES courses, a page's navigation holds its own course and no other (the catalog, listed
        on every page, reaches them all); the site's navigation, and so previous and next, stays whole."""
        if self.courses_apart:
            before, after = self.around_courses
            own = page.ancestors[-1] if page.ancestors else None
            items = [*before, *([own] if is_course_section(own) else []), *after]
            context["nav"] = Navigation(items, list(pages_in(items)))
        return context

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not page.file.src_uri.startswith(GENERATED_DIR + "/"):
            markdown = self.include_files(markdown, config)
        if page.file.src_uri == "index.md" and self.conversion:
            if HOME_MARKER in markdown:
                markdown = markdown.replace(HOME_MARKER, self.conversion.home)
            else:
                markdown = markdown.rstrip("\n") + "\n\n" + self.conversion.home
        if page.file.src_uri.startswith(GENERATED_DIR + "/"):
            # MkDocs renders front matter it cannot read as Markdown, titles and all: never let that pass.
            if page.file.src_uri.endswith(".md") and "title" not in page.meta:
                raise PluginError(f"{page.file.src_uri}: coursesite wrote front matter MkDocs could not read (a bug)")
            page.edit_url = self.edit_url(config, str(page.meta.get("source") or ""))
        if self.pagefind:  # Pagefind indexes the built pages; Material's plugin need not parse them too
            search = page.meta.get("search")
            page.meta["search"] = {**(search if isinstance(search, dict) else {}), "exclude": True}
            if page.file.src_uri.startswith(GENERATED_DIR + "/") and page.file.src_uri.endswith(".md"):
                markdown = self.set_islands_aside(markdown, page.file.src_uri)
        return markdown

    def set_islands_aside(self, markdown: str, page: str) -> str:
        """A generated page's islands, kept compressed until the page is written (``put_islands_back``).

        MkDocs reads and renders every page before it writes the first, and holds each one's Markdown and HTML
        until the end: 25 KB a page at 10x, most of it islands, 0.95 GB for the 38,000 pages of 100x. Only with
        Pagefind, which reads the written pages: Material's own search reads each page's HTML as MkDocs has it.
        """
        self.island_anchors[page] = island_ids(markdown)
        markdown, blocks = set_aside(markdown, self.aside_tag)
        if blocks:
            self.set_aside[page] = zlib.compress(json.dumps(blocks, ensure_ascii=False).encode("utf-8"), 1)
        return markdown

    def put_islands_back(self, output: str, page: str) -> str:
        stored = self.set_aside.pop(page, None)
        if stored is None:
            return output
        blocks = json.loads(zlib.decompress(stored).decode("utf-8"))
        try:
            return put_back(output, self.aside_tag, blocks)
        except ValueError as error:
            raise PluginError(f"{page}: {error} (a bug)") from error

    def include_files(self, markdown: str, config: MkDocsConfig) -> str:
        """``<!-- coursesite:include PATH -->`` in a hand-written page: a file of the project, written once."""
        root = self.project_root(config)

        def include(match: re.Match[str]) -> str:
            path = Path(os.path.normpath(root / match["path"]))
            inside = path.is_relative_to(root)
            hidden = inside and any(part.startswith(".") for part in path.relative_to(root).parts)
            if not inside or hidden or symlinks.crosses_link(root, path) or not path.is_file():
                log.warning(
                    f"{match['path']}: cannot include it (no such file in the project, a hidden file or a symbolic "
                    "link, which coursesite never publishes)"
                )
                return ""
            return INCLUDED_HEADING.sub("", path.read_text("utf-8"), count=1)

        return RGX_INCLUDE.sub(include, markdown)

    def edit_url(self, config: MkDocsConfig, source: str) -> str | None:
        """Edit links of generated pages point at the source file, never at generated Markdown."""
        if not source or not config.repo_url or not self.conversion:
            return None
        branch = self.conversion.catalog.settings.repo_branch
        return web_link(config.repo_url, "edit", branch, source)  # names reach the theme's href="…" unescaped

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        set_aside = self.island_anchors.pop(page.file.src_uri, None)
        if page.present_anchor_ids is not None and page.markdown:  # MkDocs did not see inside our islands
            page.present_anchor_ids |= island_ids(page.markdown) if set_aside is None else set_aside
        return html

    @event_priority(-100)  # after every plugin's: the files as MkDocs will write them
    def on_env(self, env, /, *, config: MkDocsConfig, files: Files):  # env: a Jinja environment
        """In a dirty build (``assemble/build.py``), every output MkDocs is about to write again is removed first,
        so that it writes a new file: the old one may be a hard link to a page of the site being served."""
        if self.dirty:
            for file in files:
                if file.is_modified() and os.path.lexists(file.abs_dest_path):
                    os.unlink(file.abs_dest_path)
        # Pagefind's groups, in the order MkDocs writes the pages: the same in full and dirty builds.
        part = self.conversion.part if self.conversion and self.conversion.sharded else None
        pages = [file.dest_uri for file in files.documentation_pages() if part is None or part.owns(file.src_uri)]
        self.search_plan = pagefind.plan(pages, f"search/{part.bundle}" if part else pagefind.PAGEFIND_DIR)
        self.group_ends = list(itertools.accumulate(len(group) for _, group in self.search_plan))
        self.indexing = []
        self.pages_seen = 0
        self.courses_written = set()
        return env

    @event_priority(100)  # first: every other plugin sees the page whole
    def _on_post_page_first(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        return self.put_islands_back(output, page.file.src_uri)

    @event_priority(-100)  # last: the page as it is written
    def _on_post_page_last(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        if self.pagefind and not self.dirty:
            self.index_written_groups(Path(config.site_dir))
        if page.file.src_uri.startswith(GENERATED_DIR + "/"):
            self.courses_written.add(page.file.src_uri.split("/")[1])
        output = material.labelled_search(output, self.pagefind)
        output = material.marked_site(output, config.site_name)
        if self.offline:
            output = material.marked_offline(output)
        if self.pagefind:
            context = " › ".join(section.title for section in reversed(page.ancestors) if section.title)
            output = material.article_for_pagefind(output, page.title or "", context)
        return material.without_indentation(output)

    on_post_page = CombinedEvent(_on_post_page_first, _on_post_page_last)

    def on_post_template(self, output: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        """The theme's static pages (404.html) get what every page gets."""
        if not template_name.endswith(".html"):
            return output
        return material.without_indentation(material.labelled_search(output, self.pagefind))

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)

        def print_pages() -> None:  # in a partial build, only the courses whose pages changed (others are linked)
            if self.conversion:
                slugs = self.courses_written if self.dirty else None
                paper.write_print_pages(site, self.conversion.catalog.courses, slugs, material.PRINT_SCRIPT)

        if self.pagefind:  # the pages to print are joined while Pagefind indexes the last group (it skips them)
            self.index_for_search(site, meanwhile=print_pages)
            material.drop_unused_theme_files(site)
        else:
            print_pages()
        self.rank_search_results(site)

    def index_written_groups(self, site: Path) -> None:
        """Start indexing each group but the last as soon as MkDocs has written its pages (every page before
        the one it is about to write), so that Pagefind works on the second core while MkDocs goes on."""
        written = self.pages_seen
        self.pages_seen += 1
        started = len(self.indexing)
        if started >= len(self.search_plan) - 1:
            return
        end = self.group_ends[started]
        if written < end:
            return
        bundle, group = self.search_plan[started]
        if all((site / page).is_file() for page in group):  # else (a page MkDocs did not write) after the build
            try:
                self.indexing.append(pagefind.start(site, bundle, group))
            except pagefind.PagefindError as error:
                raise PluginError(f"Pagefind could not index the site: {error}") from error

    def index_for_search(self, site: Path, meanwhile: Callable[[], None] = lambda: None) -> None:
        """Every group indexed (those not started yet, now; ``meanwhile`` runs while they are), then the bundles
        listed for the search worker."""
        running = self.indexing
        try:
            for bundle, group in self.search_plan[len(running) :]:
                running.append(pagefind.start(site, bundle, [page for page in group if (site / page).is_file()]))
            meanwhile()
            for indexing in running:
                indexing.wait()
        except pagefind.PagefindError as error:
            raise PluginError(f"Pagefind could not index the site: {error}") from error
        finally:
            for indexing in running:
                indexing.stop()
            self.indexing = []
        pagefind.tidy(site, [bundle for bundle, _ in self.search_plan])

    def on_build_error(self, *, error: Exception) -> None:
        for indexing in self.indexing:
            indexing.stop()
        self.indexing = []

    def rank_search_results(self, site: Path) -> None:
        """Rank the paragraph that holds the words above pages that merely share one word in their title.

        Material boosts titles 1000-fold and multiplies page-level results by up to 5 (sections by at
        most 2), so a query for a spoken sentence listed every page titled "Data …" first.
        """
        index = site / "search" / "search_index.json"
        if not index.is_file():
            return
        data = json.loads(index.read_text("utf-8"))
        if self.pagefind:  # Material still loads the file for its settings; the documents live in Pagefind
            data["docs"] = []
        title = data.get("config", {}).get("fields", {}).get("title")
        if isinstance(title, dict):
            title["boost"] = TITLE_BOOST
        for doc in data.get("docs", []):
            if "#t-" in doc.get("location", ""):  # a transcript paragraph
                doc["boost"] = PARAGRAPH_BOOST
        index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")

    def on_serve(self, server, /, *, config: MkDocsConfig, builder):
        """Watch every source and hand-written page but not the generated ones (see live.py); build again first
        if a source was saved while the first build ran."""
        places = live.watched_places(self.project_root(config), Path(config.docs_dir))
        server.unwatch(config.docs_dir)  # watched whole by MkDocs, generated pages and all
        for place, whole in places:
            server.watch(str(place), recursive=whole)
        # The watcher starts after this event, from the files as they are then: a source saved after the
        # conversion read it and before then was never shown (an edit saved while the site was starting). Only
        # the moment between the last look here and the watcher's start stays blind.
        seen = self.sources_seen
        for _ in range(STARTUP_REBUILDS):
            now = live.fingerprint(places)
            if now == seen:
                break
            builder()
            seen = now
        return server


def is_course_section(item: object) -> bool:
    """A course in the navigation: a section whose first page is a generated one (its course page)."""
    if not isinstance(item, Section) or not item.children:
        return False
    first = item.children[0]
    return isinstance(first, Page) and first.file.src_uri.startswith(GENERATED_DIR + "/")


def pages_in(items: list):
    for item in items:
        if isinstance(item, Page):
            yield item
        elif isinstance(item, Section):
            yield from pages_in(item.children)


def docs_links_message(links: list[Path], root: Path) -> str:
    shown = ", ".join(link.relative_to(root).as_posix() if link.is_relative_to(root) else str(link) for link in links)
    return f"{shown}: {symlinks.MESSAGE}. The docs folder must hold no links; nothing was built"

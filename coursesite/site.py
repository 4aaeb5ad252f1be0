"""The thin seam to MkDocs: default configuration, the plugin, and the build and serve commands.

Only this module imports ``mkdocs``; moving to another engine means rewriting this file alone.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from html import unescape
from importlib import resources
from pathlib import Path

import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.base import load_config as mkdocs_load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from . import highlight_speed, symlinks
from .cache import project_cache_folder
from .diagnostics import format_diagnostic
from .islands import island_ids
from .markup import md, theme_text, web_link
from .pagefind_live import LiveIndex, PagefindError
from .pipeline import Conversion, Progress, convert, remove_stale_staging, swap_in
from .render import GENERATED_DIR, JUPYTER_PAGES
from .site_parallel import ParallelPages

log = logging.getLogger("mkdocs.plugins.coursesite")

HOME_MARKER = "<!-- coursesite:courses -->"
RGX_INCLUDE = re.compile(r"<!-- coursesite:include (?P<path>[^\s>]+) -->")
INCLUDED_HEADING = re.compile(r"\A# [^\n]*\n")  # the page has its own title
STYLESHEET = "assets/coursesite.css"
SHIM = "assets/vendor/iframe-worker-shim.js"  # lets search run from file:// (a Web Worker cannot)

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

# Split words at punctuation too: with MkDocs' default, "contract," and "contract" are different words.
SEARCH_SEPARATOR = r"""[\s\u200b\-_,:;!?=\[\]()"`/]+|\.(?!\d)|&[lg]t;|(?!\b)(?=[A-Z][a-z])"""

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog"'
# Material's templates indent their HTML: a fifth of a notebook page (14 KB of 67) was indentation.
# Where whitespace shows (pre, code, kbd, textarea) or may matter (script), it is kept as it is.
RGX_KEEP_WHITESPACE = re.compile(r"(<(?:pre|code|kbd|textarea|script)\b.*?</(?:pre|code|kbd|textarea|script)>)", re.S)
RGX_INDENTATION = re.compile(r"\n\s+")
ARTICLE = '<article class="md-content__inner md-typeset">'
RGX_SEARCH_WORKER = re.compile(r'"search": "(?P<base>[^"]*?)assets/javascripts/workers/search\.[0-9a-f]+\.min\.js"')
PAGEFIND_WORKER = "assets/coursesite/pagefind-worker.js"  # Material's search box, answered by Pagefind
PAGEFIND_DIR = "search/pagefind"
PAGEFIND_MORE = "search/pagefind-indexes.json"  # the other groups' bundles, merged by the worker
# Pagefind holds its whole index in memory while it writes it (about 300 KB per transcript page, 1.1 GB
# for 3,800 pages), so large sites are indexed in groups of pages, one after the other, and the browser
# merges the groups' indexes (Pagefind's mergeIndex).
PAGEFIND_GROUP_PAGES = 1500
PAGEFIND_SPLIT_PAGES = 200  # a site this large is indexed in two groups at least (see on_env)
# Interface text that is not content (permalinks, meta and download lines, copy buttons), and the
# tables notebooks print: rows of numbers are nobody's query, and they were 60 % of the indexer's
# memory on notebook pages (code, prose and printed text stay searchable).
PAGEFIND_EXCLUDE = (".headerlink", "[data-search-exclude]", ".md-clipboard", ".md-source-file", ".nb-output table")
# Pagefind's ready-made user interfaces; coursesite keeps Material's search box and uses only its API.
PAGEFIND_UNUSED = ("pagefind-ui.*", "pagefind-modular-ui.*", "pagefind-component-ui.*", "pagefind-highlight.js")
TITLE_BOOST = 5
PARAGRAPH_BOOST = 4

THEME_FEATURES = [
    "navigation.instant",
    "navigation.tracking",
    "navigation.indexes",
    "navigation.prune",
    "navigation.footer",
    "navigation.top",
    "content.code.copy",
    "content.action.edit",
    "content.action.view",
    "search.highlight",
    "search.suggest",
    "toc.follow",
]


def default_config(root: Path, site_name: str) -> dict:
    """The configuration used for a root without ``mkdocs.yml``: a complete, good-looking site."""
    return {
        "site_name": theme_text(site_name),  # from course.yml: the theme prints it as HTML
        "docs_dir": str(root / "docs"),
        "site_dir": str(root / "site"),
        "theme": {
            "name": "material",
            "font": False,  # system fonts: no request to a font service, works offline
            "features": THEME_FEATURES,
            "palette": [
                {
                    "media": "(prefers-color-scheme: light)",
                    "scheme": "default",
                    "primary": "indigo",
                    "accent": "indigo",
                    "toggle": {"icon": "material/weather-night", "name": "Switch to dark mode"},
                },
                {
                    "media": "(prefers-color-scheme: dark)",
                    "scheme": "slate",
                    "primary": "indigo",
                    "accent": "indigo",
                    "toggle": {"icon": "material/weather-sunny", "name": "Switch to light mode"},
                },
            ],
        },
        "plugins": [{"search": {"separator": SEARCH_SEPARATOR}}, {"coursesite": {"root": str(root)}}],
    }


def config_file_for(root: Path, site_name: str) -> tuple[Path, bool]:
    """``root/mkdocs.yml`` when it exists, else a temporary file holding the defaults (True = temporary)."""
    own = root / "mkdocs.yml"
    if own.is_file():
        return own, False
    handle, name = tempfile.mkstemp(prefix="coursesite-", suffix=".yml")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        yaml.safe_dump(default_config(root, site_name), stream, sort_keys=False, allow_unicode=True)
    return Path(name), True


def load_config(config_file: Path, **overrides: object) -> MkDocsConfig:
    return mkdocs_load_config(str(config_file), **overrides)


# -- the plugin ----------------------------------------------------------------------------------------
class CoursesiteConfig(Config):
    root = c.Type(str, default="")  # the project root; defaults to the folder holding mkdocs.yml


_prepared: dict[Path, Conversion] = {}  # conversions the CLI already ran in this process, by root
_pagefind: set[Path] = set()  # roots whose current build gets a Pagefind index (only `coursesite build`)


def pagefind_executable() -> str | None:
    """The Pagefind binary installed with the ``pagefind[bin]`` package (or named by PAGEFIND_BINARY_PATH)."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        return None
    path = get_executable()
    return str(path) if path else None


class BuildError(Exception):
    """A build step after MkDocs failed; the previous site stays in place."""


class CoursesitePlugin(BasePlugin[CoursesiteConfig]):
    """Converts sources before each build, adds the course navigation, and fills the home page."""

    conversion: Conversion | None = None
    pagefind = False  # this build's search is answered by Pagefind (set in on_config)
    live: LiveIndex | None = None
    parallel: ParallelPages | None = None  # both set in on_config, which may stop before it sets them

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
        prepared = _prepared.pop(root, None)
        if prepared is None:  # run by plain `mkdocs build` or `serve`: convert here and report through MkDocs
            prepared = convert(root, docs_dir)
            for diagnostic in prepared.diagnostics:
                log.warning(format_diagnostic(diagnostic))
        self.conversion = prepared
        self.pagefind = root in _pagefind and prepared.catalog.settings.search == "pagefind"
        self.live: LiveIndex | None = None  # Pagefind fed page by page (on_env starts it)
        self.own_build = root in _pagefind  # run by `coursesite build`, not by mkdocs or serve
        self.parallel: ParallelPages | None = None
        if self.pagefind and pagefind_executable() is None:
            log.warning("Pagefind is not installed (pip install 'pagefind[bin]'): using Material's built-in search")
            self.pagefind = False
        highlight_speed.install()
        for name, options in REQUIRED_EXTENSIONS.items():
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
                config.mdx_configs[name] = options
        if "pymdownx.emoji" not in config.markdown_extensions:
            from material.extensions import emoji  # only Material provides its icon set

            config.markdown_extensions.append("pymdownx.emoji")
            config.mdx_configs["pymdownx.emoji"] = {"emoji_index": emoji.twemoji, "emoji_generator": emoji.to_svg}
        config.extra_css.append(STYLESHEET)
        if prepared.catalog.settings.notebook_renderer == "mkdocs-jupyter":
            self.add_mkdocs_jupyter(config, root)
        config.nav = self.navigation(config, docs_dir)
        settings = prepared.catalog.settings
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
        """Home first, then the courses, then the other hand-written pages; a given nav gets the courses second."""
        courses = self.conversion.nav if self.conversion else []
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

        publish(STYLESHEET, "assets/coursesite.css")
        if SHIM in config.extra.get("polyfills", []):
            publish(SHIM, "assets/vendor/iframe-worker/shim.js")
        if self.pagefind:
            publish(PAGEFIND_WORKER, "assets/pagefind-worker.js")
        if files.get_file_from_path("index.md") is None and self.conversion:
            # The name as text: the configuration holds it made safe for the theme's HTML, not for Markdown.
            home = f"---\ntitle: Home\n---\n\n# {md(unescape(config.site_name))}\n\n{HOME_MARKER}\n"
            files.append(File.generated(config, "index.md", content=home))
        return files

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
        return markdown

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
        if page.present_anchor_ids is not None and page.markdown:  # MkDocs did not see inside our islands
            page.present_anchor_ids |= island_ids(page.markdown)
        return html

    def on_nav(self, nav, /, *, config: MkDocsConfig, files: Files):  # nav: MkDocs' Navigation
        """Hand part of the Markdown conversion to a second process (coursesite/site_parallel.py)."""
        self.parallel = ParallelPages.start(config, files) if self.own_build else None
        return nav

    def on_env(self, env, /, *, config: MkDocsConfig, files: Files):  # env: a Jinja environment
        """Start Pagefind now, so that it indexes each page while MkDocs writes the next (on another core)."""
        self.close_parallel()  # every page is converted by now
        self.live = None
        if self.pagefind:
            pages = len(files.documentation_pages())
            # two groups at least: the first is written while MkDocs writes the second, a shorter wait at the end
            bundles, size = _pagefind_groups(pages, at_least=2 if pages >= PAGEFIND_SPLIT_PAGES else 1)
            try:
                self.live = LiveIndex(
                    pagefind_executable() or "pagefind",
                    Path(config.site_dir),
                    bundles,
                    size,
                    {"exclude_selectors": list(PAGEFIND_EXCLUDE)},
                )
            except PagefindError as error:  # indexed from the files after the build instead
                log.info(f"Pagefind's service did not start ({error}); indexing after the build")
        return env

    def close_parallel(self, abort: bool = False) -> None:
        if self.parallel is not None:
            self.parallel.close(abort)
            self.parallel = None

    @event_priority(-100)  # last: the page as it is written is the page Pagefind indexes
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        output = self.our_search_box(output)
        if self.pagefind:
            output = self.mark_for_pagefind(output, page)
        output = without_indentation(output)
        if self.live is not None:
            try:
                self.live.add(page.file.dest_uri, output)
            except PagefindError as error:  # the files are indexed after the build instead
                log.warning(f"Pagefind stopped while indexing ({error}); indexing the built files instead")
                self.live.close()
                self.live = None
        return output

    def on_post_template(self, output: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        """The theme's static pages (404.html) get what every page gets: Material's own worker would search
        an index that holds no documents when Pagefind answers (and its files are not published then)."""
        if not template_name.endswith(".html"):
            return output
        return without_indentation(self.our_search_box(output))

    def our_search_box(self, output: str) -> str:
        """Material's search dialog with an accessible name (screen readers announced it as "dialog"),
        answered by our Pagefind worker when Pagefind indexes the site."""
        output = output.replace(SEARCH_DIALOG, SEARCH_DIALOG + ' aria-label="Search"', 1)
        if self.pagefind:
            output = RGX_SEARCH_WORKER.sub(rf'"search": "\g<base>{PAGEFIND_WORKER}"', output, count=1)
        return output

    def mark_for_pagefind(self, output: str, page: Page) -> str:
        """Index the article only, under the page's title and its course and week.

        Titles are HTML already (the theme prints them as such; ours are escaped by ``theme_text``).
        """
        context = " › ".join(section.title for section in reversed(page.ancestors) if section.title)
        meta = f'<span data-pagefind-meta="title" data-pagefind-ignore hidden>{page.title or ""}</span>'
        if context:
            meta += f'<span data-pagefind-meta="context" data-pagefind-ignore hidden>{context}</span>'
        return output.replace(ARTICLE, ARTICLE[:-1] + " data-pagefind-body>" + meta, 1)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Rank the paragraph that holds the words above pages that merely share one word in their title.

        Material boosts titles 1000-fold and multiplies page-level results by up to 5 (sections by at
        most 2), so a query for a spoken sentence listed every page titled "Data …" first. Titles keep
        more weight than body text; transcript paragraphs get a document boost that offsets the bonus.
        """
        index = Path(config.site_dir) / "search" / "search_index.json"
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
        root = self.project_root(config)
        for name in ("transcripts", "labs", "course.yml"):
            if (root / name).exists():
                server.watch(str(root / name))
        return server


def docs_links_message(links: list[Path], root: Path) -> str:
    shown = ", ".join(link.relative_to(root).as_posix() if link.is_relative_to(root) else str(link) for link in links)
    return f"{shown}: {symlinks.MESSAGE}. The docs folder must hold no links; nothing was built"


def without_indentation(html: str) -> str:
    """The page with each newline's following whitespace dropped, except inside ``RGX_KEEP_WHITESPACE``
    elements: a browser shows a run of whitespace as one space either way, and a newline stays."""
    parts = RGX_KEEP_WHITESPACE.split(html)  # odd items are the kept elements
    return "".join(part if index % 2 else RGX_INDENTATION.sub("\n", part) for index, part in enumerate(parts))


# -- commands --------------------------------------------------------------------------------------
class _CountWarnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def build_site(
    conversion: Conversion, config_file: Path, site_dir: Path, strict: bool, progress: Progress | None = None
) -> int:
    """Build with MkDocs into a temporary folder, then swap it in place of ``site_dir``.

    Returns how many warnings MkDocs logged (broken links in hand-written pages, say), for the summary.
    """
    counter = _CountWarnings()
    logging.getLogger("mkdocs").addHandler(counter)
    try:
        _build_site(conversion, config_file, site_dir, strict, progress)
    finally:
        logging.getLogger("mkdocs").removeHandler(counter)
    return counter.count


def refuse_foreign_output(site_dir: Path, zip_path: Path | None = None) -> None:
    """A site folder or offline zip that coursesite did not build may be the user's own work: it is never replaced.

    Every site coursesite builds has its stylesheet; a folder without it (an old Jekyll site, say) stops the build.
    """
    if site_dir.exists() and not (
        site_dir.is_dir() and (not any(site_dir.iterdir()) or (site_dir / STYLESHEET).is_file())
    ):
        raise BuildError(
            f"{site_dir} exists but was not built by coursesite (it has no {STYLESHEET}); it may hold your own files, "
            "so it was left untouched. Move it, or build elsewhere with --site-dir DIR"
        )
    if zip_path is not None and zip_path.exists():
        try:
            with zipfile.ZipFile(zip_path) as archive:
                ours = f"site/{STYLESHEET}" in archive.namelist()
        except (OSError, zipfile.BadZipFile):
            ours = False
        if not ours:
            raise BuildError(
                f"{zip_path} exists but was not written by coursesite; it was left untouched. "
                "Move it, or build elsewhere with --site-dir DIR"
            )


def _build_site(
    conversion: Conversion, config_file: Path, site_dir: Path, strict: bool, progress: Progress | None
) -> None:
    _prepared[conversion.root] = conversion
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(site_dir.parent)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-new-{os.getpid()}-", dir=site_dir.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; a web server must be able to read the site
    try:
        config = load_config(config_file, site_dir=str(staging), strict=strict)
        _pagefind.add(conversion.root)
        config.plugins.on_startup(command="build", dirty=False)
        ours = next((plugin for plugin in config.plugins.values() if isinstance(plugin, CoursesitePlugin)), None)
        if ours is None:
            log.warning(
                f"{config_file.name} does not list the coursesite plugin: generated pages need it (their navigation, "
                "Markdown extensions and search index); add '- coursesite' under 'plugins:'"
            )
        try:
            mkdocs_build(config)
        except BaseException:
            if ours is not None:
                ours.close_parallel(abort=True)
                if ours.live is not None:
                    ours.live.close()
            raise
        finally:
            config.plugins.on_shutdown()
        if ours is not None and ours.pagefind:
            if progress:
                progress("Indexing the site for search (Pagefind)")
            bundles = None
            if ours.live is not None:
                try:
                    bundles = ours.live.finish()
                except PagefindError as error:
                    raise BuildError(f"Pagefind could not index the site: {error}") from error
            if bundles is not None and _bundles_complete(staging, bundles):
                _tidy_bundles(staging, bundles)
            else:  # indexed from the built files instead (a bundle the service left unfinished is replaced)
                for bundle in bundles or []:
                    shutil.rmtree(staging / bundle, ignore_errors=True)
                index_with_pagefind(staging)
            _drop_unused_theme_files(staging)
        swap_in(staging, site_dir)
    finally:
        _prepared.pop(conversion.root, None)
        _pagefind.discard(conversion.root)
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def index_with_pagefind(site: Path) -> None:
    """Write Pagefind's chunked index of the built pages into ``site/search/pagefind`` (and, for a site of
    more than PAGEFIND_GROUP_PAGES pages, one more bundle per group: ``search/pagefind-2`` …)."""
    executable = pagefind_executable()
    if executable is None:
        raise BuildError("Pagefind is not installed (pip install 'pagefind[bin]')")
    pages = sorted(path.relative_to(site) for path in site.rglob("*.html"))
    bundles, size = _pagefind_groups(len(pages))
    groups = [pages[start : start + size] for start in range(0, len(pages), size)] if pages else []
    if len(groups) <= 1:
        _run_pagefind(executable, site, site / PAGEFIND_DIR)
    else:
        for group, bundle in zip(groups, bundles, strict=True):
            # Named like the build's staging folders, so a killed build's leftovers are removed by the next.
            with tempfile.TemporaryDirectory(prefix=f".pagefind-new-{os.getpid()}-", dir=site.parent) as folder:
                for page in group:  # the group's pages at their own paths, so their addresses stay the same
                    target = Path(folder) / page
                    target.parent.mkdir(parents=True, exist_ok=True)
                    try:
                        os.link(site / page, target)
                    except OSError:
                        shutil.copyfile(site / page, target)
                _run_pagefind(executable, Path(folder), site / bundle)
    _tidy_bundles(site, bundles)


def _pagefind_groups(pages: int, at_least: int = 1) -> tuple[list[str], int]:
    """The bundles a site's pages are indexed into, and the pages per group: even groups, at least
    ``at_least`` of them, none larger than PAGEFIND_GROUP_PAGES."""
    groups = max(1, at_least, -(-pages // PAGEFIND_GROUP_PAGES))
    bundles = [PAGEFIND_DIR] + [f"{PAGEFIND_DIR}-{number}" for number in range(2, groups + 1)]
    return bundles, -(-pages // groups)


# The source maps of Material's minified scripts and styles: 1.3 MB read only by developer tools.
SOURCE_MAPS = "assets/**/*.map"
# Material files a site searched through Pagefind never loads: its search worker and lunr's language
# support (1 MB, most of it Thai word splitting), and the source maps. Together a tenth of a 1x site.
UNUSED_WITH_PAGEFIND = ("assets/javascripts/lunr", "assets/javascripts/workers/search.*", SOURCE_MAPS)


def _drop_unused_theme_files(site: Path, patterns: tuple[str, ...] = UNUSED_WITH_PAGEFIND) -> None:
    for pattern in patterns:
        for path in sorted(site.glob(pattern)):
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()


def _bundles_complete(site: Path, bundles: list[str]) -> bool:
    """Whether each bundle's entry file is there and readable: seldom, on a loaded machine, the service's was
    left empty (seen in about one build in 25 of the test suite), which would leave the site unsearchable."""
    for bundle in bundles:
        try:
            entry = json.loads((site / bundle / "pagefind-entry.json").read_text("utf-8"))
        except (OSError, ValueError):
            log.info(f"Pagefind's service left {bundle} unfinished; indexing the built files instead")
            return False
        if not isinstance(entry, dict) or not entry.get("languages"):
            return False
    return True


def _tidy_bundles(site: Path, bundles: list[str]) -> None:
    """List the bundles after the first for the search worker to merge; remove Pagefind's unused UIs."""
    more = [f"{bundle}/" for bundle in bundles[1:]]
    (site / PAGEFIND_MORE).write_text(json.dumps(more), "utf-8")
    for bundle in bundles:
        for pattern in PAGEFIND_UNUSED:
            for path in (site / bundle).glob(pattern):
                path.unlink()


def _run_pagefind(executable: str, pages: Path, output: Path) -> None:
    command = [executable, "--site", str(pages), "--output-path", str(output), "--silent"]
    for selector in PAGEFIND_EXCLUDE:
        command += ["--exclude-selectors", selector]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BuildError(f"Pagefind could not index the site: {(done.stderr or done.stdout).strip()}")


def build_offline_zip(conversion: Conversion, config_file: Path, zip_path: Path) -> Path:
    """A second build for reading from disk (file://), zipped: Material's offline plugin, local scripts only."""
    from material.plugins.offline.plugin import OfflinePlugin

    from .offline import write_zip

    with tempfile.TemporaryDirectory(prefix=f".site-offline-{os.getpid()}-", dir=zip_path.parent) as staging:
        _prepared[conversion.root] = conversion
        try:
            config = load_config(config_file, site_dir=staging)
            # Set before the offline plugin runs, so it does not add its default shim from unpkg.com.
            config.extra["polyfills"] = [*config.extra.get("polyfills", []), SHIM]
            offline = OfflinePlugin()
            offline.load_config({"enabled": True})
            config.plugins["material/offline"] = offline
            config.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(config)
            finally:
                config.plugins.on_shutdown()
        finally:
            _prepared.pop(conversion.root, None)
        _drop_unused_theme_files(Path(staging), (SOURCE_MAPS,))  # the offline copy searches with lunr
        return write_zip(Path(staging), zip_path)


def docs_dir_of(config_file: Path) -> Path:
    """The docs folder a configuration names, read without running any plugin."""
    with open(config_file, encoding="utf-8") as stream:
        data = yaml.load(stream, Loader=_LenientLoader) or {}
    docs = Path(str(data.get("docs_dir", "docs")))
    return docs if docs.is_absolute() else (config_file.parent / docs).resolve()


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml files that use MkDocs' own tags (!ENV, !!python/name) for the keys we need."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def serve(config_file: Path, address: str = "127.0.0.1:8000") -> None:
    from mkdocs.commands.serve import serve as mkdocs_serve

    mkdocs_serve(config_file=str(config_file), dev_addr=address, livereload=True)


__all__ = ["BuildError", "CoursesitePlugin", "Progress", "build_site", "config_file_for", "docs_dir_of", "serve"]

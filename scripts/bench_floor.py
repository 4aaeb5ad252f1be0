"""The floor for ``scripts/bench.py``: the pages of a site coursesite built, as plain Markdown for MkDocs + Material.

What MkDocs + Material alone take to assemble a site is the least any build of these pages can take;
coursesite's build with its conversion cached is compared against it. "The same pages as plain
Markdown" means, for every page of the built site (each ``index.html``), the contents of its article
(what Material shows between the navigation and the table of contents) written back as Markdown:

- headings as ``#`` headings, of the same level and words;
- every other block of text (paragraphs, list items, table rows, notebook outputs) as one paragraph
  of its words, escaped so that Markdown reads them as words;
- code and preformatted output as fenced code blocks of the same text, without a language, so that
  nothing highlights it (coursesite highlights in its conversion, which the cached build skips);
- images as Markdown images with the same address and alternative text.

Left out: our HTML (classes, attributes, wrappers), links (their words stay), the hidden title and
context spans written for the search indexer, and permalink signs. Every other file the site publishes
under its pages (downloads, images) is put beside the Markdown at the same place, so MkDocs copies
the same files as it does for us; theme assets, the search index and the sitemap are the theme's and
MkDocs' own. The folders are the site's, so the pages keep their addresses and MkDocs' navigation
built from the folders has the same sections and pages as ours.

The configuration is Material with the theme features our site was built with (read from the built
pages, so the floor follows our defaults) and system fonts, MkDocs' default Markdown extensions
(toc, tables, fenced_code), and no plugin at all: ``plugins: []`` also leaves out MkDocs' default
search plugin, because search indexing is part of what the comparison is meant to show nearly free
(issue 16: "within 1.3x, i.e. search indexing and our plugin nearly free"). A second configuration
builds the same pages with Material's built-in search, to show what that indexing costs alone.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# Tags whose start or end ends a block of text: what follows them is another paragraph.
BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt",
    "figcaption", "figure", "footer", "header", "hr", "li", "main", "nav", "ol", "p", "section", "summary",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
CELLS = {"td", "th"}  # a table row is one paragraph: its cells are words of it, not blocks of their own
SKIPPED = {"script", "style", "svg", "template", "button", "noscript"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Escaped wherever they are: what Markdown reads inside a line (emphasis, code, links, HTML, entities).
# Every escape costs Python-Markdown a placeholder, so the other punctuation is escaped only where it
# would mean something: at the start of a block (heading, quote, list, rule).
RGX_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]#])")
RGX_BLOCK_START = re.compile(r"^(?:[>+=-]|\d+\.)")
RGX_BACKTICKS = re.compile(r"`+")
RGX_SPACE = re.compile(r"\s+")
RGX_CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)
NOT_PUBLISHED_BY_PAGES = ("assets", "search")  # the theme's files and the search index, top-level folders
PRINT_DIR = "_print"  # coursesite.render.PRINT_DIR, written here so that the floor needs nothing of coursesite


def escape(text: str) -> str:
    """Plain words as Markdown that reads them as words (no emphasis, link, heading, list or HTML)."""
    text = RGX_INLINE_SPECIAL.sub(r"\\\1", text.replace("&", "&amp;").replace("<", "&lt;"))
    return RGX_BLOCK_START.sub(lambda start: start[0][:-1] + "\\" + start[0][-1], text)


def fenced(code: str) -> str:
    fence = "`" * max(3, 1 + max((len(run) for run in RGX_BACKTICKS.findall(code)), default=0))
    return f"{fence}\n{code.rstrip(chr(10))}\n{fence}"


class ArticleToMarkdown(HTMLParser):
    """Reads one built page and keeps its article's headings, blocks of words, code and images."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # nesting of <article> elements; inside the page's article while > 0
        self.skipping: list[str] = []  # open elements whose contents are not the page's words
        self.heading = 0
        self.in_pre = 0
        self.words: list[str] = []
        self.blocks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "article" and (self.depth or "md-content__inner" in (attributes.get("class") or "")):
            self.depth += 1
            return
        if not self.depth or (tag in VOID and tag not in {"img", "br", "hr"}):
            return
        if self.skipping or tag in SKIPPED or "hidden" in attributes or "headerlink" in (attributes.get("class") or ""):
            if tag not in VOID:
                self.skipping.append(tag)
            return
        if tag == "img":
            self.end_block()
            alt, source = attributes.get("alt") or "", attributes.get("src") or ""
            if source and not source.startswith("data:"):
                self.blocks.append(f"![{escape(alt)}](<{source}>)")
        elif tag in HEADINGS:
            self.end_block()
            self.heading = HEADINGS[tag]
        elif tag == "pre":
            self.end_block()
            self.in_pre += 1
        elif tag in CELLS:
            self.words.append(" ")
        elif tag in BLOCKS and not self.in_pre:
            self.end_block()

    def handle_endtag(self, tag: str) -> None:
        if not self.depth:
            return
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            return
        if tag == "article":
            self.end_block()
            self.depth -= 1
        elif tag == "pre" and self.in_pre:
            self.in_pre -= 1
            if not self.in_pre:
                self.blocks.append(fenced("".join(self.words)))
                self.words = []
        elif tag in HEADINGS or (tag in BLOCKS and tag not in CELLS and not self.in_pre):
            self.end_block()

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skipping:
            self.words.append(data)

    def end_block(self) -> None:
        if self.in_pre:
            return
        text = RGX_SPACE.sub(" ", "".join(self.words)).strip()
        self.words = []
        if text:
            self.blocks.append(("#" * self.heading + " " if self.heading else "") + escape(text))
        self.heading = 0

    def markdown(self) -> str:
        self.end_block()
        return "\n\n".join(self.blocks) + "\n"


def page_markdown(html: str) -> str:
    parser = ArticleToMarkdown()
    parser.feed(html)
    parser.close()
    return parser.markdown()


def theme_features(site: Path) -> list[str]:
    """The Material features the site was built with (Material writes them into every page)."""
    found = RGX_CONFIG.search((site / "index.html").read_text("utf-8"))
    return list(json.loads(found.group(1)).get("features", [])) if found else []


def floor_config(features: list[str], with_search: bool) -> str:
    plugins = "[search]" if with_search else "[]"
    site = "site-search" if with_search else "site"
    return "\n".join(
        [
            "site_name: Floor",
            f"site_dir: {site}",
            "theme:",
            "  name: material",
            "  font: false",
            f"  features: {json.dumps(features)}",
            f"plugins: {plugins}",
            "",
        ]
    )


def link_or_copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def floor_project(site: Path, root: Path) -> int:
    """Write into ROOT (emptied first) a MkDocs project of SITE's pages as plain Markdown and its other files.

    ``mkdocs.yml`` builds it into ``site/`` without any plugin, ``mkdocs-search.yml`` into ``site-search/``
    with Material's search. Returns the number of pages."""
    shutil.rmtree(root, ignore_errors=True)
    docs = root / "docs"
    docs.mkdir(parents=True)
    features = theme_features(site)
    (root / "mkdocs.yml").write_text(floor_config(features, with_search=False), "utf-8")
    (root / "mkdocs-search.yml").write_text(floor_config(features, with_search=True), "utf-8")
    pages = 0
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site)
        if not path.is_file() or relative.parts[0] in NOT_PUBLISHED_BY_PAGES:
            continue
        if len(relative.parts) == 1 and path.name != "index.html":
            continue  # the sitemap and the 404 page: MkDocs and the theme write their own
        if PRINT_DIR in relative.parts:
            continue  # a course's page to print: joined from the built pages after MkDocs, not a page it renders
        if path.name == "index.html":
            target = docs / relative.with_name("index.md")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page_markdown(path.read_text("utf-8")), "utf-8")
            pages += 1
        elif path.suffix != ".html":
            link_or_copy(path, docs / relative)
    return pages

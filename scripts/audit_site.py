"""Audit a built site against the repository it was built from: what did the reader lose?

    python scripts/audit_site.py REPO SITE [--check-output FILE] [--exclude PATH]... [--json]

REPO is the repository folder as it stands (a copy that was built in place is fine: coursesite's own
output in it is left out, see below); SITE is the folder ``coursesite build --root REPO`` wrote. The
script is an instrument independent of coursesite: it reads only files, and runs coursesite only as a
command (``python -m coursesite.cli check --root REPO`` with this Python) to learn what coursesite
reported, unless ``--check-output FILE`` gives that command's printed output (``-`` reads stdin).

It prints one section per class of loss with its count and the offending paths, then information
totals and a one-line total. Exit status: 0 when every count is zero, 1 otherwise, 2 on a usage error
or when ``coursesite check`` could not run.

Definitions
-----------
*Words.* Text is NFKC-normalised, lower-cased and cut into maximal runs of letters and digits
(``[^\\W_]+``: underscores and hyphens separate words). A page's text is the text of its
``<article>`` elements (the whole ``<body>`` when there is none) with the ``alt`` text of images,
without ``<script>``, ``<style>`` or ``<svg>``; block elements separate words, inline ones
(Pygments' spans in code) do not.

*Markdown text.* What GitHub shows of a ``.md``/``.markdown`` file: front matter, HTML comments,
``<script>``/``<style>`` blocks, HTML tags (not the text between them), link and image URLs, bare
URLs, link reference definitions, footnote markers, emoji shortcodes (``:movie_camera:``), code
fence info strings and ``mermaid`` blocks (GitHub draws them) are dropped; link text, image alt text
(``<img alt>`` too) and the contents of other code (fenced, indented and inline, where nothing is
dropped) are kept.

*Repository files.* Every file and symbolic link under REPO, hidden ones included, except any ``.git``
folder or file, and coursesite's own output: SITE when it lies inside REPO, ``SITE-offline.zip``,
``.coursesite-cache/``, any folder holding a ``.coursesite.json`` manifest (the generated pages) and
leftover ``.SITE-new-*`` staging folders, plus every ``--exclude PATH`` (relative to REPO).

1. **Silently not published.** A repository file that is neither published nor reported (nor one of
   coursesite's settings files, which it reads: ``course.yml`` and ``mkdocs.yml`` at the root,
   ``_meta.yml`` anywhere).
   *Published*: its bytes are those of a file of SITE, or of a member of a ``.zip`` in SITE (SHA-256);
   or it is shown as text: it is UTF-8 text (no NUL byte, at most 2 MB), not hidden (no path part
   starting with ``.``), with at least 3 distinct words (any Markdown file qualifies), and at least
   90 % of its distinct lines, each taken as the phrase of its words, appear as contiguous phrases in
   one page's words (the page is sought among the five holding most of the file's 50 rarest words;
   files of more than 300 distinct lines are tested on 300 lines spread evenly). Phrases, not loose
   words: a ``.py`` whose lines a notebook's page mostly repeats is not taken as shown, and tiny or
   hidden files (``.python-version``, ``.gitignore``) are not found by chance. The text of a notebook
   is its cells' sources, of a subtitle file its caption lines, of Markdown its Markdown text, of
   anything else the file itself. A symbolic link is never published (coursesite never follows one):
   it must be reported.
   *Reported*: ``coursesite check`` printed a diagnostic naming the file (``path: warning: …``,
   ``path:12: error: …``, ``path:12:3: …``, or a GitHub annotation ``::warning file=path…``); or a
   diagnostic naming a folder that holds it whose message says ``not published`` (or ``skipped``,
   ``ignored``, ``excluded``); or a *summary line* names it (format below).
2. **Markdown words missing.** A ``.md``/``.markdown`` file, not reported as unpublished, with a word
   of its Markdown text (4 or more characters, not all digits) that no page of SITE holds. The
   first few such words are shown.
3. **Broken images the repository holds.** An ``<img src>`` of a page that is not an external or
   ``data:`` URL and that, resolved against the page's own folder and percent-decoded (a leading ``/``
   meaning SITE's root), names no file of SITE, while a file of that name (ignoring case) is in REPO.
   Broken images the repository does not hold either are listed for information, not counted.
4. **Nested lists shown flat.** A Markdown file (or a notebook, for its Markdown cells), not reported
   as unpublished, with a list item nested as GitHub nests it (indented at least to the content
   column of the item above, e.g. two spaces under ``- parent``, three under ``1. parent``, outside
   code fences) whose text the site shows, but never as the start of an ``<li>`` inside another
   ``<li>``: Python-Markdown's "… - child one - child two" in one item, or the child as a sibling.
5. **Titles that lost their hyphens.** A hyphenated word (``Well-Architected``, ``End-to-End``,
   ``dbt-core``; not all-digit ones like dates) in a REPO name holding a space (``Lab 2 - AWS
   Well-Architected``; a name without spaces, ``c1w2_data-engineering-lifecycle``, is a slug whose
   hyphens separate words) or in the first heading of a Markdown file or notebook, whose parts the
   site's titles (``<title>``, ``<h1>``, navigation labels and Material's title bars) show joined by
   spaces (``Well Architected``), unless the author also wrote that spaced form in a name or heading.
6. **Videos of 10 hours or more.** On any page, a ``<p class="cs-meta">`` line or a ``<td>`` cell
   giving one video's length ``N h MM min`` with N >= 10; or a total (a ``cs-meta`` line counting
   ``K videos`` and ``T of video``) of 10 hours or more per video on average (a course of real
   lectures may well last 10 hours; its videos do not, on average, and one 100-hour cue is enough
   to push a week's total there).

Summary lines ("files not published")
--------------------------------------
Besides diagnostics, a file is reported by a line of ``check``'s output of this form (anywhere in
the line, so a ``coursesite check:`` prefix, a bullet or indentation may precede it)::

    N files not published: GROUP[, GROUP]...        ("1 file not published: ..." too)

where each GROUP is free text naming the files by patterns. A pattern is a backquoted string
(```My Notes/```, which may hold spaces), or a bare token that ends with ``/``, starts with ``.``,
holds a ``/`` or holds a ``*``; other words ("7", "in", "and", "over", "50 MB") are ignored:

- ``.terraform/`` (a folder name, no inner ``/``): every folder of that name at any depth;
- ``cohorts/2025/`` (a folder path): that folder, from REPO's root;
- ``.DS_Store``, ``*.pyc`` (a file name or glob without ``/``): files of that name at any depth;
- ``module1/data/big.parquet`` (a path not ending in ``/``): that file.

For example ``9 files not published: 7 in .terraform/ and .ipynb_checkpoints/, 2 hidden (.env,
.gitignore)``. Files counted without a pattern ("2 over 50 MB") are not covered by the line: name
each in a diagnostic (``data/big.parquet: warning: not published (over 50 MB)``). When the files a
line's patterns match are not N, the audit prints a note (not a failure).
"""

from __future__ import annotations

import argparse
import fnmatch
import hashlib
import html
import json
import os
import posixpath
import re
import subprocess
import sys
import unicodedata
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

TEXT_LIMIT = 2 * 1024 * 1024  # text files beyond this are shown truncated at best: only their bytes count
SHOWN_FRACTION = 0.9
PHRASE_SAMPLE = 300  # lines tested per file: enough to tell 90 % from less, bounded for 2 MB files
RARE_WORDS = 50
MIN_TEXT_WORDS = 3  # fewer words than this match some page by chance: such a file must be published as itself
ZIP_MEMBER_LIMIT = 256 * 1024 * 1024
LONG_VIDEO_HOURS = 10
MARKDOWN_SUFFIXES = {".md", ".markdown"}
SUBTITLE_SUFFIXES = {".srt", ".vtt"}
NOT_PUBLISHED_WORDING = re.compile(r"not published|skipped|ignored|excluded", re.IGNORECASE)
SHOW_MISSING_WORDS = 8

# ---------------------------------------------------------------------------------------------------
# Words


WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    return WORD.findall(unicodedata.normalize("NFKC", text).lower())


def phrases(text: str) -> list[str]:
    """The distinct lines of a text as word phrases (`` w1 w2 ``), at most PHRASE_SAMPLE of them, evenly spread."""
    distinct = list(dict.fromkeys(" ".join(ws) for line in text.splitlines() if (ws := words(line))))
    if len(distinct) > PHRASE_SAMPLE:
        step = len(distinct) / PHRASE_SAMPLE
        distinct = [distinct[int(i * step)] for i in range(PHRASE_SAMPLE)]
    return [f" {phrase} " for phrase in distinct]


# ---------------------------------------------------------------------------------------------------
# Markdown as GitHub shows it (just enough of it to know which words a reader sees)

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
INLINE_CODE = re.compile(r"(`+)((?:(?!\r?\n[ \t]*\r?\n).)+?)\1", re.DOTALL)  # a code span ends with its paragraph
PROSE_DROPS = [
    re.compile(r"<!--.*?-->", re.DOTALL),
    re.compile(r"<(script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE),
    re.compile(r"^ {0,3}\[[^\]\n]+\]:\s*\S+.*$", re.MULTILINE),  # link reference definition
    re.compile(r"\[\^[^\]\s]+\]:?"),  # footnote markers
    re.compile(r"<(?:[a-z][a-z0-9+.-]*:|[^>\s@]+@)[^>\s]*>", re.IGNORECASE),  # autolinks
]
PAREN_URL = r"\((?:[^()]|\([^()]*\))*\)"
IMAGE = re.compile(r"!\[([^\]]*)\]" + PAREN_URL)
LINK = re.compile(r"\[([^\]]*)\]" + PAREN_URL)
REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
TAG = re.compile(r"</?[A-Za-z][^>]*>")
IMG_ALT = re.compile(r"<img\b[^>]*?\balt\s*=\s*(?:\"([^\"]*)\"|'([^']*)')[^>]*>", re.IGNORECASE)
BARE_URL = re.compile(r"\b(?:[a-z][a-z0-9+.-]*://|www\.)\S+", re.IGNORECASE)
EMOJI = re.compile(r":(?=[a-z0-9_+-]*[a-z])[a-z0-9_+-]+:")
ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
# What a reader does not see as words: an ordered list's numbers are drawn by the browser, not written.
BLOCK_MARKERS = re.compile(r"^[ \t]*(?:>[ \t]*)*(?:\d{1,9}[.)]|[-*+])(?=[ \t]|$)", re.MULTILINE)


def split_fences(source: str) -> list[tuple[bool, str]]:
    """(is_code, line) for each line, front matter and fence lines left out."""
    lines = source.splitlines()
    if lines and lines[0].strip() == "---":
        end = next((i for i, line in enumerate(lines[1:100], 1) if line.strip() in ("---", "...")), None)
        if end is not None:
            lines = lines[end + 1 :]
    out: list[tuple[bool, str]] = []
    fence: str | None = None
    diagram = False  # a mermaid block is shown as a drawing, not as its source
    for line in lines:
        match = FENCE.match(line)
        if fence is not None:
            if (
                match
                and match.group(1)[0] == fence[0]
                and len(match.group(1)) >= len(fence)
                and not match.group(2).strip()
            ):
                fence = None
            elif not diagram:
                out.append((True, line))
        elif match and not (match.group(1)[0] == "`" and "`" in match.group(2)):
            fence = match.group(1)
            diagram = match.group(2).strip().lower().startswith("mermaid")
        else:
            out.append((False, line))
    return out


def prose_text(prose: str) -> str:
    parts = []
    last = 0
    for match in INLINE_CODE.finditer(prose):
        parts.append(_strip_prose(prose[last : match.start()]))
        parts.append(match.group(2))
        last = match.end()
    parts.append(_strip_prose(prose[last:]))
    return " ".join(parts)


def _strip_prose(text: str) -> str:
    text = BLOCK_MARKERS.sub(" ", text)
    for pattern in PROSE_DROPS:
        text = pattern.sub(" ", text)
    text = IMAGE.sub(r" \1 ", text)
    text = LINK.sub(r" \1 ", text)
    text = REF_LINK.sub(r" \1 ", text)
    text = IMG_ALT.sub(lambda m: f" {m.group(1) or m.group(2) or ''} ", text)
    text = TAG.sub(" ", text)
    text = BARE_URL.sub(" ", text)
    text = EMOJI.sub(" ", text)
    text = ESCAPE.sub(r"\1", text)
    return html.unescape(text)


def markdown_text(source: str) -> str:
    """The text a reader sees of a Markdown source (see the module docstring)."""
    chunks: list[str] = []
    prose: list[str] = []
    for is_code, line in split_fences(source):
        if is_code:
            chunks.append(prose_text("\n".join(prose)))
            prose = []
            chunks.append(line)
        else:
            prose.append(line)
    chunks.append(prose_text("\n".join(prose)))
    return "\n".join(chunks)


LIST_ITEM = re.compile(r"^(?P<indent> *)(?P<marker>[-*+]|\d{1,9}[.)])(?P<space> +|$)(?P<text>.*)$")
THEMATIC_BREAK = re.compile(r"^ {0,3}([-*_])(?: *\1){2,} *$")
HEADING = re.compile(r"^ {0,3}#{1,6}(?:\s|$)")
ANY_FENCE = re.compile(r"^\s*(`{3,}|~{3,})(.*)$")  # fences inside list items are indented


@dataclass(frozen=True)
class NestedItem:
    line: int
    parent: str
    child: str  # the child's words, space-separated


def nested_items(source: str) -> list[NestedItem]:
    """List items GitHub shows nested under another item (outside code fences)."""
    found: list[NestedItem] = []
    stack: list[tuple[int, str]] = []  # (content column, text) of the open items
    blank = False
    fence: str | None = None
    for number, raw in enumerate(source.splitlines(), 1):
        line = raw.expandtabs(4)
        fence_match = ANY_FENCE.match(line)
        if fence is not None:
            if fence_match and fence_match.group(1)[0] == fence[0] and not fence_match.group(2).strip():
                fence = None
            continue
        if fence_match and not (fence_match.group(1)[0] == "`" and "`" in fence_match.group(2)):
            fence = fence_match.group(1)
            continue
        if not line.strip():
            blank = True
            continue
        item = LIST_ITEM.match(line)
        if item and not THEMATIC_BREAK.match(line):
            indent = len(item.group("indent"))
            space = len(item.group("space"))
            content = indent + len(item.group("marker")) + (space if 1 <= space <= 4 else 1)
            while stack and indent < stack[-1][0]:
                stack.pop()
            child = " ".join(words(markdown_text(item.group("text"))))
            if stack and child:
                found.append(NestedItem(number, stack[-1][1], child))
            stack.append((content, child))
        elif HEADING.match(line) or (blank and stack and len(line) - len(line.lstrip()) < stack[0][0]):
            stack = []
        blank = False
    return found


def first_heading(source: str) -> str | None:
    previous = ""
    for is_code, line in split_fences(source):
        if is_code:
            previous = ""
            continue
        if HEADING.match(line):
            return prose_text(line.strip().lstrip("#").rstrip("#").strip())
        if previous and re.match(r"^ {0,3}(=+|-+) *$", line) and not LIST_ITEM.match(previous):
            return prose_text(previous.strip())
        previous = line if line.strip() else ""
    return None


# ---------------------------------------------------------------------------------------------------
# Reading repository files as text


def notebook_cells(raw: bytes) -> list[tuple[str, str]] | None:
    """(cell type, source) of each cell, or None when this is not a notebook's JSON."""
    try:
        notebook = json.loads(raw)
        cells = notebook["cells"] if isinstance(notebook, dict) else notebook
        out = []
        for cell in cells:
            source = cell.get("source", "")
            out.append((str(cell.get("cell_type", "")), "".join(source) if isinstance(source, list) else str(source)))
        return out
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


SUBTITLE_NOISE = re.compile(r"^\s*(?:\d+|WEBVTT.*|NOTE\b.*|STYLE|REGION|.*-->.*)\s*$")


def shown_text(path: str, raw: bytes) -> str | None:
    """The text of a repository file a page would show, or None for binary and oversized files."""
    if len(raw) > TEXT_LIMIT or b"\0" in raw:
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    suffix = posixpath.splitext(path)[1].lower()
    if suffix in MARKDOWN_SUFFIXES:
        return markdown_text(text)
    if suffix == ".ipynb":
        cells = notebook_cells(raw)
        if cells is not None:
            return "\n".join(markdown_text(s) if kind == "markdown" else s for kind, s in cells)
    if suffix in SUBTITLE_SUFFIXES:
        lines = [line for line in text.splitlines() if not SUBTITLE_NOISE.match(line)]
        return TAG.sub(" ", re.sub(r"\{\\[^}]*\}", " ", "\n".join(lines)))
    return text


# ---------------------------------------------------------------------------------------------------
# The repository


@dataclass
class Repository:
    root: Path
    files: list[str]  # relative POSIX paths, links included
    links: set[str]
    excluded: list[str]

    def read(self, path: str) -> bytes:
        return (self.root / path).read_bytes()


def read_repository(root: Path, site: Path, extra_excludes: list[str]) -> Repository:
    root = root.resolve()
    site = site.resolve()
    outputs = {site, site.with_name(f"{site.name}-offline.zip"), root / ".coursesite-cache"}
    outputs |= {(root / e).resolve() for e in extra_excludes}
    staging = re.compile(rf"^\.{re.escape(site.name)}-new-")
    files: list[str] = []
    links: set[str] = set()
    excluded: set[str] = set()

    def relative(path: Path) -> str:
        return path.relative_to(root).as_posix()

    for folder, dirnames, filenames in os.walk(root):
        here = Path(folder)
        if (here / ".coursesite.json").is_file() and here != root:
            excluded.add(relative(here) + "/")
            dirnames[:] = []
            continue
        for name in sorted(dirnames):
            path = here / name
            if name == ".git" or path in outputs or (here == site.parent and staging.match(name)):
                dirnames.remove(name)
                if name != ".git":
                    excluded.add(relative(path) + "/")
            elif path.is_symlink():
                dirnames.remove(name)
                files.append(relative(path))
                links.add(relative(path))
        for name in filenames:
            path = here / name
            if name == ".git":
                continue
            if path in outputs:
                excluded.add(relative(path))
                continue
            files.append(relative(path))
            if path.is_symlink():
                links.add(relative(path))
    return Repository(root, sorted(files), links, sorted(excluded))


# ---------------------------------------------------------------------------------------------------
# The site

BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "img", "li", "main", "nav",
    "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
SKIP_TAGS = {"script", "style", "svg", "template", "noscript"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}  # fmt: skip
TITLE_CLASSES = ("md-nav__link", "md-ellipsis")


@dataclass
class ListItem:
    depth: int  # how many <li> hold this one
    parts: list[str] = field(default_factory=list)


@dataclass
class Element:
    tag: str
    capture: list[str] | None = None  # text collected for a title, meta line or cell
    kind: str = ""
    item: ListItem | None = None


class PageParser(HTMLParser):
    """One pass over a page: its text, images, list items, titles, meta lines and table cells."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[Element] = []
        self.skipping = 0
        self.in_article = 0
        self.article: list[str] = []
        self.body: list[str] = []
        self.images: list[str] = []
        self.items: list[ListItem] = []
        self.titles: list[tuple[str, str]] = []  # (where, text)
        self.metas: list[str] = []
        self.cells: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag in BLOCK_TAGS:
            self._text(" ")
        if tag == "img":
            self.images.append(attributes.get("src", ""))
            self._text(" " + attributes.get("alt", "") + " ")
        if tag in VOID_TAGS:
            return
        element = Element(tag)
        classes = attributes.get("class", "").split()
        if tag == "title" or tag == "h1":
            element.capture, element.kind = [], f"<{tag}>"
        elif any(c in classes for c in TITLE_CLASSES):
            element.capture, element.kind = [], "navigation"
        elif tag == "p" and "cs-meta" in classes:
            element.capture, element.kind = [], "meta"
        elif tag == "td":
            element.capture, element.kind = [], "cell"
        elif tag == "li":
            element.item = ListItem(sum(1 for e in self.open if e.tag == "li"))
            self.items.append(element.item)
        if tag in SKIP_TAGS:
            self.skipping += 1
        if tag == "article":
            self.in_article += 1
        self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCK_TAGS:
            self._text(" ")
        if not any(e.tag == tag for e in self.open):
            return
        while self.open:
            element = self.open.pop()
            if element.tag in SKIP_TAGS:
                self.skipping -= 1
            if element.tag == "article":
                self.in_article -= 1
            if element.capture is not None:
                text = " ".join("".join(element.capture).split())
                if element.kind == "meta":
                    self.metas.append(text)
                elif element.kind == "cell":
                    self.cells.append(text)
                elif text:
                    self.titles.append((element.kind, text))
            if element.tag == tag:
                break

    def handle_data(self, data: str) -> None:
        self._text(data)

    def _text(self, text: str) -> None:
        if self.skipping:
            return
        self.body.append(text)
        if self.in_article:
            self.article.append(text)
        for element in self.open:
            if element.capture is not None:
                element.capture.append(text)
        for element in reversed(self.open):
            if element.tag in ("ul", "ol"):
                break
            if element.item is not None:
                element.item.parts.append(text)
                break


@dataclass
class Page:
    path: str  # relative to SITE
    words: str  # " w1 w2 … " for phrase search
    vocabulary: set[str]
    images: list[str]
    nested_items: list[str]  # words of each <li> inside another <li>
    titles: list[tuple[str, str]]
    metas: list[str]
    cells: list[str]


@dataclass
class Site:
    root: Path
    files: set[str]
    pages: list[Page]
    hashes: set[str]
    zip_hashes: set[str]


def read_page(path: str, text: str) -> Page:
    parser = PageParser()
    parser.feed(text)
    parser.close()
    content = words("".join(parser.article if parser.article else parser.body))
    nested = [" ".join(words("".join(item.parts))) for item in parser.items if item.depth > 0]
    return Page(
        path,
        " " + " ".join(content) + " ",
        set(content),
        parser.images,
        nested,
        parser.titles,
        parser.metas,
        parser.cells,
    )


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_site(root: Path) -> Site:
    files: set[str] = set()
    pages: list[Page] = []
    hashes: set[str] = set()
    zip_hashes: set[str] = set()
    for folder, _dirnames, filenames in os.walk(root):
        for name in filenames:
            path = Path(folder) / name
            relative = path.relative_to(root).as_posix()
            files.add(relative)
            data = path.read_bytes()
            hashes.add(sha256(data))
            if name.endswith(".html"):
                pages.append(read_page(relative, data.decode("utf-8", "replace")))
            elif name.endswith(".zip"):
                zip_hashes |= zip_member_hashes(path)
    pages.sort(key=lambda page: page.path)
    return Site(root, files, pages, hashes, zip_hashes)


def zip_member_hashes(path: Path) -> set[str]:
    try:
        with zipfile.ZipFile(path) as archive:
            return {
                sha256(archive.read(info))
                for info in archive.infolist()
                if not info.is_dir() and info.file_size <= ZIP_MEMBER_LIMIT
            }
    except (OSError, zipfile.BadZipFile, RuntimeError, NotImplementedError):
        return set()


# ---------------------------------------------------------------------------------------------------
# What coursesite reported

DIAGNOSTIC = re.compile(r"^(?P<where>.+?): (?P<severity>error|warning|note|notice|info): (?P<message>.*)$")
GITHUB_ANNOTATION = re.compile(r"^::(?P<severity>error|warning|notice)\s+(?P<props>[^:]*)::(?P<message>.*)$")
LOCATION = re.compile(r"(?::\d+){1,2}$")
SUMMARY = re.compile(r"(?P<count>\d[\d,]*) files? not published:(?P<rest>.*)$")
PATTERN_TOKEN = re.compile(r"`([^`]+)`|([^\s,;()`]+)")


@dataclass(frozen=True)
class Pattern:
    text: str

    def matches(self, path: str) -> bool:
        pattern = self.text.removeprefix("./")
        if pattern.endswith("/"):
            folder = pattern.rstrip("/")
            if "/" in folder:
                return path.startswith(folder + "/")
            return any(fnmatch.fnmatchcase(part, folder) for part in path.split("/")[:-1])
        if "/" in pattern:
            return fnmatch.fnmatchcase(path, pattern)
        return fnmatch.fnmatchcase(path.rsplit("/", 1)[-1], pattern)


@dataclass
class Summary:
    line: str
    count: int
    patterns: list[Pattern]


@dataclass
class CheckReport:
    named: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    summaries: list[Summary] = field(default_factory=list)

    def reason(self, path: str) -> str | None:
        """Why this file counts as reported, or None."""
        if path in self.named:
            return self.named[path][0]
        for summary in self.summaries:
            if any(p.matches(path) for p in summary.patterns):
                return summary.line
        return None

    def reported_unpublished(self, path: str) -> bool:
        if any(NOT_PUBLISHED_WORDING.search(m) for m in self.named.get(path, ())):
            return True
        return any(p.matches(path) for s in self.summaries for p in s.patterns)


def summary_patterns(rest: str) -> list[Pattern]:
    patterns = []
    for match in PATTERN_TOKEN.finditer(rest):
        quoted, bare = match.group(1), match.group(2)
        token = quoted if quoted is not None else bare.rstrip(".:")
        if (
            quoted is not None
            or token.endswith("/")
            or "/" in token
            or "*" in token
            or (token.startswith(".") and len(token) > 1)
        ):
            patterns.append(Pattern(token))
    return patterns


def parse_check_output(output: str, repo: Repository) -> CheckReport:
    report = CheckReport()
    folders = {posixpath.dirname(f) for f in repo.files}
    folders = {prefix for folder in folders for prefix in _prefixes(folder)}
    root_prefix = repo.root.as_posix().rstrip("/") + "/"
    for line in output.splitlines():
        line = line.rstrip("\r")
        where = message = None
        if annotation := GITHUB_ANNOTATION.match(line):
            props = dict(p.split("=", 1) for p in annotation.group("props").split(",") if "=" in p)
            where = _unescape_github(props.get("file", ""))
            message = _unescape_github(annotation.group("message"))
        elif diagnostic := DIAGNOSTIC.match(line):
            where = LOCATION.sub("", diagnostic.group("where"))
            message = diagnostic.group("message")
        if where is not None and message is not None:
            where = where.removeprefix(root_prefix).removeprefix("./").rstrip("/")
            if where in folders and NOT_PUBLISHED_WORDING.search(message):
                report.summaries.append(Summary(line, 0, [Pattern(where + "/")]))
            else:
                report.named[where].append(message)
            continue
        if summary := SUMMARY.search(line):
            count = int(summary.group("count").replace(",", ""))
            report.summaries.append(Summary(line.strip(), count, summary_patterns(summary.group("rest"))))
    return report


def _prefixes(folder: str) -> list[str]:
    parts = folder.split("/") if folder else []
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


def _unescape_github(value: str) -> str:
    for escaped, plain in (("%3A", ":"), ("%2C", ","), ("%0A", "\n"), ("%0D", "\r"), ("%25", "%")):
        value = value.replace(escaped, plain)
    return value


def run_check(root: Path) -> str:
    """What ``coursesite check --root ROOT`` prints; a check that crashed or never ran stops the audit (status 2)."""
    command = [sys.executable, "-m", "coursesite.cli", "check", "--root", str(root)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=3600, check=False)
    output = result.stdout + "\n" + result.stderr
    if result.returncode not in (0, 1) or not re.search(r"^coursesite check: ", output, re.MULTILINE):
        print(f"audit_site: {' '.join(command)} exited {result.returncode}:\n{output[-2000:]}", file=sys.stderr)
        print("audit_site: run it yourself and pass its output with --check-output FILE", file=sys.stderr)
        raise SystemExit(2)
    return output


# ---------------------------------------------------------------------------------------------------
# The six classes


@dataclass
class Finding:
    key: str
    title: str
    items: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class WordIndex:
    """Which pages hold a word: finds the page showing a file's text without searching every page."""

    def __init__(self, pages: list[Page]) -> None:
        self.pages = pages
        self.pages_of: dict[str, set[int]] = defaultdict(set)
        for number, page in enumerate(pages):
            for word in page.vocabulary:
                self.pages_of[word].add(number)

    def best_page(self, text: str) -> tuple[Page | None, float]:
        """The page showing the largest share of the text's lines (as contiguous phrases), and that share.

        The candidates are the five pages holding most of the text's rarest words: the page that shows a file
        holds the words only that file has.
        """
        lines = phrases(text)
        vocabulary = {word for line in lines for word in line.split()}
        rare = sorted((w for w in vocabulary if w in self.pages_of), key=lambda w: (len(self.pages_of[w]), w))
        hits = Counter(number for word in rare[:RARE_WORDS] for number in self.pages_of[word])
        best_page, best_share = None, 0.0
        for number, _ in sorted(hits.items(), key=lambda hit: (-hit[1], hit[0]))[:5]:
            page = self.pages[number]
            share = sum(1 for line in lines if line in page.words) / len(lines)
            if share > best_share:
                best_page, best_share = page, share
        return best_page, best_share

    def shows(self, path: str, text: str | None) -> bool:
        """Whether one page shows at least 90 % of this text's lines (see the module docstring)."""
        if text is None:
            return False
        suffix = posixpath.splitext(path)[1].lower()
        if any(part.startswith(".") for part in path.split("/")):
            return (
                False  # a hidden file is published as itself or reported; its text may be a secret another page prints
            )
        if len(set(words(text))) < MIN_TEXT_WORDS and suffix not in MARKDOWN_SUFFIXES:
            return False
        return bool(words(text)) and self.best_page(text)[1] >= SHOWN_FRACTION


def audit_unpublished(repo: Repository, site: Site, report: CheckReport, index: WordIndex) -> tuple[Finding, dict]:
    finding = Finding("unpublished", "Silently not published")
    published = reported = in_zip_only = settings = 0
    for path in repo.files:
        if path in ("course.yml", "mkdocs.yml") or path.rsplit("/", 1)[-1] == "_meta.yml":
            settings += 1
            continue
        if path not in repo.links:
            raw = repo.read(path)
            digest = sha256(raw)
            if digest in site.hashes:
                published += 1
                continue
            text = shown_text(path, raw)
            if index.shows(path, text):
                published += 1
                continue
            if digest in site.zip_hashes:
                published += 1
                in_zip_only += 1
                continue
        if report.reason(path) is not None:
            reported += 1
            continue
        finding.items.append(path + (" (symbolic link)" if path in repo.links else ""))
    for summary in report.summaries:
        if summary.count and summary.patterns:
            matched = sum(1 for f in repo.files if any(p.matches(f) for p in summary.patterns))
            if matched != summary.count:
                finding.notes.append(f"note: {summary.line!r} says {summary.count}; its patterns match {matched} files")
        elif summary.count:
            finding.notes.append(f"note: {summary.line!r} names no folder or file pattern")
    return finding, {
        "published": published,
        "published only inside a site zip": in_zip_only,
        "reported": reported,
        "settings": settings,
    }


def audit_markdown_words(repo: Repository, site: Site, report: CheckReport, index: WordIndex) -> Finding:
    finding = Finding("markdown-words", "Markdown words missing")
    for path in repo.files:
        if posixpath.splitext(path)[1].lower() not in MARKDOWN_SUFFIXES or path in repo.links:
            continue
        if report.reported_unpublished(path):
            continue
        text = markdown_text(repo.read(path).decode("utf-8-sig", "replace"))
        wanted = sorted({w for w in words(text) if len(w) >= 4 and not w.isdigit()})
        missing = [w for w in wanted if w not in index.pages_of]
        if missing:
            example = ", ".join(missing[:SHOW_MISSING_WORDS]) + (", …" if len(missing) > SHOW_MISSING_WORDS else "")
            finding.items.append(f"{path}: {len(missing)} of {len(wanted)} words missing ({example})")
    return finding


def audit_images(repo: Repository, site: Site) -> Finding:
    finding = Finding("broken-images", "Broken images the repository holds")
    held: dict[str, list[str]] = defaultdict(list)
    for path in repo.files:
        held[path.rsplit("/", 1)[-1].lower()].append(path)
    others = []
    for page in site.pages:
        base = posixpath.dirname(page.path)
        for src in page.images:
            target = resolve(base, src)
            if target is None or target in site.files:
                continue
            name = target.rsplit("/", 1)[-1].lower()
            if name in held:
                finding.items.append(f"{page.path}: {src} (the repository has {held[name][0]})")
            else:
                others.append(f"{page.path}: {src}")
    if others:
        finding.notes.append(f"also broken, not in the repository either: {len(others)}")
        finding.notes.extend("  " + other for other in others)
    return finding


def resolve(base: str, src: str) -> str | None:
    """The SITE path an image URL of a page in folder ``base`` names; None for external and data URLs."""
    parts = urlsplit(src.strip())
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if not path:
        return "" if not parts.query and not parts.fragment else None
    joined = path.lstrip("/") if path.startswith("/") else posixpath.join(base, path)
    return posixpath.normpath(joined)


def audit_nested_lists(repo: Repository, report: CheckReport, index: WordIndex) -> Finding:
    finding = Finding("flat-lists", "Nested lists shown flat")
    for path in repo.files:
        suffix = posixpath.splitext(path)[1].lower()
        if suffix not in MARKDOWN_SUFFIXES | {".ipynb"} or path in repo.links or report.reported_unpublished(path):
            continue
        raw = repo.read(path)
        if suffix == ".ipynb":
            sources = [source for kind, source in notebook_cells(raw) or [] if kind == "markdown"]
        else:
            sources = [raw.decode("utf-8-sig", "replace")]
        items = [item for source in sources for item in nested_items(source)]
        text = shown_text(path, raw)
        page, share = index.best_page(text) if items and text and words(text) else (None, 0.0)
        if page is None or share < SHOWN_FRACTION:
            continue  # no page shows the file: classes 1 and 2 say so
        nested = {item + " " for item in page.nested_items}
        flat = [
            item
            for item in items
            if f" {item.child} " in page.words and not any(text.startswith(item.child + " ") for text in nested)
        ]
        if flat:
            first = flat[0]
            finding.items.append(
                f"{path}: {len(flat)} nested items shown flat on {page.path}, e.g. line {first.line}"
                f" {first.child[:60]!r} under {first.parent[:60]!r}"
            )
    return finding


WORD_OR_HYPHENATED = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
HYPHENATED = re.compile(r"(?<![\w-])[^\W_]+(?:-[^\W_]+)+(?![\w-])")


def audit_hyphens(repo: Repository, site: Site) -> Finding:
    finding = Finding("hyphens", "Titles that lost their hyphens")
    authored: dict[str, str] = {}  # hyphenated word → where the author wrote it
    spaced_by_author: set[str] = set()
    written: list[tuple[str, str]] = []
    for path in repo.files:
        parts = path.split("/")
        for i, name in enumerate(parts):
            stem = name if i < len(parts) - 1 else name.split(".", 1)[0] if not name.startswith(".") else name
            if " " in stem:
                written.append(("/".join(parts[: i + 1]), stem))
        suffix = posixpath.splitext(path)[1].lower()
        if suffix in MARKDOWN_SUFFIXES | {".ipynb"} and path not in repo.links:
            raw = repo.read(path)
            if suffix == ".ipynb":
                source = next((s for kind, s in notebook_cells(raw) or [] if kind == "markdown"), "")
            else:
                source = raw.decode("utf-8-sig", "replace")
            if heading := first_heading(source):
                written.append((f"{path} (first heading)", heading))
    for where, text in written:
        text = unicodedata.normalize("NFKC", text)
        spaced_by_author.add(" " + " ".join(WORD_OR_HYPHENATED.findall(text.lower())) + " ")
        for match in HYPHENATED.finditer(text):
            term = match.group(0)
            if not all(part.isdigit() for part in term.split("-")):
                authored.setdefault(term.lower(), f"{term!r} (from {where})")
    authored_spaced = "".join(spaced_by_author)
    titles = {(text, page.path, kind) for page in site.pages for kind, text in page.titles}
    for term, where in sorted(authored.items()):
        spaced = re.compile(r"(?<![\w-])" + r"\s+".join(map(re.escape, term.split("-"))) + r"(?![\w-])", re.IGNORECASE)
        if f" {term.replace('-', ' ')} " in authored_spaced:
            continue
        shown = sorted((page, kind, text) for text, page, kind in titles if spaced.search(text))
        if shown:
            page, kind, text = shown[0]
            finding.items.append(f"{where} shown as {text!r} in {page} {kind}")
    return finding


DURATION = re.compile(r"(?<![\d.])(\d[\d,]*) h(?: (\d+) min)?\b")
VIDEO_COUNT = re.compile(r"(\d[\d,]*) videos?\b")


def audit_long_videos(site: Site) -> Finding:
    finding = Finding("long-videos", "Videos of 10 hours or more")
    for page in site.pages:
        for meta in page.metas:
            duration = DURATION.search(meta)
            if not duration:
                continue
            hours = int(duration.group(1).replace(",", "")) + int(duration.group(2) or 0) / 60
            videos = VIDEO_COUNT.search(meta)
            if videos and "of video" in meta:
                count = int(videos.group(1).replace(",", ""))
                if count and hours / count >= LONG_VIDEO_HOURS:
                    finding.items.append(f"{page.path}: total {duration.group(0)} for {count} videos: {meta!r}")
            elif hours >= LONG_VIDEO_HOURS:
                finding.items.append(f"{page.path}: {meta!r}")
        for cell in page.cells:
            duration = DURATION.fullmatch(cell)
            if duration and int(duration.group(1).replace(",", "")) >= LONG_VIDEO_HOURS:
                finding.items.append(f"{page.path}: a video listed as {cell!r}")
    return finding


# ---------------------------------------------------------------------------------------------------
# Running and printing


def audit(repo_root: Path, site_root: Path, check_output: str | None, excludes: list[str]) -> dict:
    repo = read_repository(repo_root, site_root, excludes)
    site = read_site(site_root.resolve())
    report = parse_check_output(check_output if check_output is not None else run_check(repo.root), repo)
    index = WordIndex(site.pages)
    unpublished, counts = audit_unpublished(repo, site, report, index)
    findings = [
        unpublished,
        audit_markdown_words(repo, site, report, index),
        audit_images(repo, site),
        audit_nested_lists(repo, report, index),
        audit_hyphens(repo, site),
        audit_long_videos(site),
    ]
    return {
        "repo": str(repo_root),
        "site": str(site_root),
        "classes": [
            {"key": f.key, "title": f.title, "count": len(f.items), "items": f.items, "notes": f.notes}
            for f in findings
        ],
        "info": {"pages": len(site.pages), "files in repository": len(repo.files), **counts, "excluded": repo.excluded},
        "total": sum(len(f.items) for f in findings),
    }


def print_text(result: dict) -> None:
    print(f"Audit of {result['repo']} against the site {result['site']}")
    for number, finding in enumerate(result["classes"], 1):
        print(f"\n{number}. {finding['title']}: {finding['count']}")
        for item in finding["items"]:
            print(f"   {item}")
        for note in finding["notes"]:
            print(f"   {note}")
    info = result["info"]
    excluded = ", ".join(info["excluded"]) or "nothing"
    print(
        f"\nPages: {info['pages']} · files in the repository: {info['files in repository']} · published: "
        f"{info['published']} ({info['published only inside a site zip']} only inside a site zip) · reported by "
        f"coursesite: {info['reported']} · settings files: {info['settings']} · left out as coursesite's output: {excluded}"
    )
    counts = " · ".join(f"{n}. {c['count']}" for n, c in enumerate(result["classes"], 1))
    print(f"Total: {result['total']} findings ({counts})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("repo", type=Path, help="the repository folder, as it stands")
    parser.add_argument("site", type=Path, help="the site coursesite built from it")
    parser.add_argument(
        "--check-output",
        metavar="FILE",
        help="what 'coursesite check --root REPO' printed ('-': stdin); default: run it",
    )
    parser.add_argument(
        "--exclude", metavar="PATH", action="append", default=[], help="leave this path of REPO out (repeatable)"
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    if not args.repo.is_dir() or not args.site.is_dir():
        parser.error("REPO and SITE must be folders")
    check_output = None
    if args.check_output == "-":
        check_output = sys.stdin.read()
    elif args.check_output:
        check_output = Path(args.check_output).read_text(encoding="utf-8", errors="replace")
    result = audit(args.repo, args.site, check_output, args.exclude)
    if args.json:
        print(json.dumps(result, indent=1, ensure_ascii=False))
    else:
        print_text(result)
    return 0 if result["total"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

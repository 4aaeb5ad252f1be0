"""Render a repaired notebook as Markdown for MkDocs Material, with its images as separate files.

Model in (the dict ``notebooks.read_notebook`` returns), Markdown text and asset files out. Every
word from the notebook reaches the page escaped or sanitised: code goes into fences no source can
close, Markdown cells are rendered as GitHub shows them (CommonMark + GFM, ``github_markdown``) and
sanitised with an allow-list, outputs are escaped text, sanitised HTML, or files. Interactive outputs
(widgets, Plotly, Bokeh, Vega, JavaScript) are never run; the bundle's static fallback is shown under
a short note.

One cell at a time, each kind with its own small function:

* markdown cell → headings as Markdown lines (so the table of contents and search see them), the
  rest as a sanitised HTML block (``nb-markdown``); attachments and data-URL images become files.
* code cell → a fence in the kernel's language (or the cell magic's), then its outputs in one
  ``<div class="nb-output" markdown>``: images as Markdown images, everything else as HTML blocks.
* raw cell → preformatted text, or sanitised HTML/Markdown for those raw formats.

Asset names are content hashes and nothing depends on time or chance, so the same notebook always
renders to the same bytes.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import hashlib
import html
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any, NamedTuple
from urllib.parse import unquote

from .github_markdown import MAX_NESTING, render_github_markdown
from .highlight import code_block
from .islands import island
from .links import Resolution
from .markup import inert, md, url
from .model import Diagnostic
from .sanitize import sanitize_html, sanitize_svg

LONG_OUTPUT_LINES = 60  # longer text outputs are collapsed in a <details>, never cut
DEFAULT_LANGUAGE = "python"
# Richest first; the first MIME type of a bundle that renders to something visible wins.
MIME_PREFERENCE = (
    "text/html",
    "text/markdown",
    "image/svg+xml",
    "image/png",
    "image/jpeg",
    "image/gif",
    "text/latex",
    "application/pdf",
    "text/plain",
)
# When a bundle is interactive, its text/html is the JavaScript loader: only images and text stand in.
STATIC_FALLBACK = ("image/png", "image/jpeg", "image/gif", "image/svg+xml", "text/latex", "text/plain")
IMAGE_EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif"}
# How each binary type's files begin: data that does not is not shown (a browser would show a broken image).
MAGIC = {"image/png": b"\x89PNG", "image/jpeg": b"\xff\xd8", "image/gif": b"GIF8", "application/pdf": b"%PDF"}
CELL_MAGIC_LANGUAGES = {
    "bash": "bash", "sh": "bash", "zsh": "bash", "system": "bash", "sql": "sql", "html": "html",
    "javascript": "javascript", "js": "javascript", "latex": "latex", "markdown": "markdown", "svg": "xml",
    "perl": "perl", "ruby": "ruby", "r": "r", "python": "python", "python3": "python", "python2": "python",
    "pypy": "python", "cython": "cython", "julia": "julia", "octave": "octave", "powershell": "powershell",
    "cmd": "batch", "fortran": "fortran", "mermaid": "text",
}  # fmt: skip

ANSI_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # after \r and \b are handled; \t and \n stay
# A quoted src/href that is neither absolute nor a fragment (nh3 always quotes with "); "/x" is from the root.
RELATIVE_LINK = re.compile(r'(\s(?:src|href)=")(?![a-zA-Z][a-zA-Z0-9+.-]*:|#|//)([^"]+)"')
ATTACHMENT_REF = re.compile(r"""(\b(?:src|href)\s*=\s*)(["']?)attachment:([^"'\s>]+)\2""", re.IGNORECASE)
DATA_IMAGE_SRC = re.compile(r'src="data:(image/(?:png|jpeg|gif));base64,([^"]*)"', re.IGNORECASE)
# nh3 writes well-formed HTML with double-quoted attributes, so tags can be found without a parser.
TAG = re.compile(r'<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s=>/"]+(?:="[^"]*")?)*)\s*/?>')
VOID_TAGS = {"br", "hr", "img", "col", "wbr", "area", "source", "track", "input", "meta", "link", "base", "embed"}
HEADING = re.compile(r"h([1-6])")
# Math and code of a Markdown cell: code is left alone, math is kept away from Markdown's emphasis. Each
# place where one may start is read on its own, its end looked up in an index of the text built once: the
# single regex this replaces rescanned the rest of the text from every opening (8,000 backticks: 3.1 s,
# 100,000 characters of "\begin{a}": 2.9 s).
MATH_OR_CODE_START = re.compile(r"^[ \t]*(?=```|~~~)|`+|\$\$?|\\begin\{", re.MULTILINE)
FENCE_OPENING = re.compile(r"[ \t]*(?:(`{3,})[^`\n]*|(~{3,})[^\n]*)(?:\n|\Z)")  # CommonMark: no ` in a ``` info
BACKTICKS = re.compile(r"`+")
ENV_OPENING = re.compile(r"\\begin\{([a-zA-Z*]+)\}")
ENV_CLOSING = re.compile(r"\\end\{([a-zA-Z*]+)\}")
INLINE_MATH = re.compile(r"(?<![\\$])\$(?=[^\s$])(?:[^$\n\\]|\\.|\n(?!\s*\n))+?(?<=[^\s\\])\$(?!\d)", re.DOTALL)


class RenderedNotebook(NamedTuple):
    markdown: str
    assets: dict[str, bytes]  # relative path (asset_dir/name) -> bytes, to be written beside the page
    diagnostics: tuple[Diagnostic, ...]


class Page:
    """What rendering one notebook collects besides text: asset files and diagnostics."""

    def __init__(
        self,
        path: str,
        asset_dir: str,
        heading_offset: int,
        language: str,
        link_base: str = "",
        resolve: Callable[[str], Resolution] | None = None,
    ) -> None:
        self.path = path
        self.link_base = link_base
        self.resolve = resolve  # a relative link's published address (coursesite/links.py), else link_base
        self.link_warnings = 0
        self.asset_dir = asset_dir.strip("/")
        self.heading_offset = heading_offset
        self.language = language
        self.assets: dict[str, bytes] = {}
        self.diagnostics: list[Diagnostic] = []

    def asset(self, data: bytes, extension: str) -> str:
        """Store a file under a name made from its content; return its path relative to the page."""
        name = f"{self.asset_dir}/{hashlib.sha256(data).hexdigest()[:16]}.{extension}"
        self.assets[name] = data
        return name

    def warn(self, index: int, message: str) -> None:
        self.diagnostics.append(Diagnostic.warning(self.path, f"cell {index + 1}: {message}"))


def render_notebook(
    nb: dict,
    *,
    path: str,
    asset_dir: str,
    heading_offset: int = 1,
    link_base: str = "",
    resolve: Callable[[str], Resolution] | None = None,
) -> RenderedNotebook:
    """Relative links of Markdown cells go where ``resolve`` says their files are published; without it (or
    for a link it cannot place) ``link_base`` is put before them: where the notebook's neighbours are."""
    page = Page(path, asset_dir, heading_offset, notebook_language(nb), link_base, resolve)
    blocks = []
    for index, cell in enumerate(nb.get("cells") or []):
        try:
            blocks.append(render_cell(cell, index, page))
        except Exception as error:  # a bug shown on one cell must not cost the rest of the page
            page.warn(index, f"could not be shown ({type(error).__name__}: {error})")
            blocks.append(note(f"Cell {index + 1} could not be shown."))
    text = "\n\n".join(block for block in blocks if block)
    return RenderedNotebook(text + "\n" if text else "", dict(sorted(page.assets.items())), tuple(page.diagnostics))


def render_cell(cell: dict, index: int, page: Page) -> str:
    kind = cell.get("cell_type")
    source = cell.get("source") or ""
    source = source if isinstance(source, str) else "".join(source)
    if kind == "markdown":
        return render_markdown_cell(source, cell.get("attachments") or {}, index, page)
    if kind == "code":
        return render_code_cell(source, cell.get("outputs") or [], index, page)
    return render_raw_cell(source, cell.get("metadata") or {}, index, page)


# -- Markdown cells -----------------------------------------------------------------------------------
def render_markdown_cell(source: str, attachments: dict, index: int, page: Page) -> str:
    if not source.strip():
        return ""
    parts = []
    for part in markdown_to_html(source, attachments, index, page, split_headings=True):
        if isinstance(part, tuple):
            level, text = part
            parts.append("#" * min(6, level + page.heading_offset) + " " + md(text))
        else:
            parts.append(island(f'<div class="nb-markdown">{inert(part)}</div>'))
    return "\n\n".join(parts)


def markdown_to_html(
    source: str, attachments: dict, index: int, page: Page, *, split_headings: bool = False
) -> list[str | tuple[int, str]]:
    """Sanitised HTML chunks, and (level, text) headings between them when ``split_headings``."""
    protected, maths = protect_math(source)
    rendered, too_deep = render_github_markdown(protected)
    if too_deep:
        page.warn(index, f"Markdown nested more than {MAX_NESTING} levels deep; the deeper part is not shown")
    rendered = ATTACHMENT_REF.sub(lambda m: _attachment(m, attachments, index, page), rendered)
    safe = rebase_links(extract_data_images(sanitize_html(rendered), page), page, source, index)
    chunks = split_at_headings(safe) if split_headings else [safe]
    result: list[str | tuple[int, str]] = []
    for chunk in chunks:
        if isinstance(chunk, tuple):
            level, inner = chunk
            text = html.unescape(TAG.sub("", restore_math(inner, maths, as_html=False)))
            if text.strip():
                result.append((level, " ".join(text.split())))
        elif chunk.strip():
            result.append(restore_math(chunk.strip(), maths, as_html=True))
    return result


def protect_math(source: str) -> tuple[str, list[str]]:
    """Replace math with placeholder words so Markdown leaves ``$a_1 * b_2$`` alone; code is untouched."""
    maths: list[str] = []
    token = "nbmath" + hashlib.sha256(source.encode("utf-8", "replace")).hexdigest()[:8]
    pieces, copied = [], 0
    for start, end in MathFinder(source).maths():
        maths.append(source[start:end])
        pieces += [source[copied:start], f"{token}x{len(maths) - 1}x"]
        copied = end
    return "".join([*pieces, source[copied:]]), [token, *maths]


class MathFinder:
    """Math in Markdown source, outside code: ``$…$``, ``$$…$$``, ``\\begin{env}…\\end{env}``; in linear time.

    Each opening's end is looked up in an index built once (backtick runs by length, ``\\end{…}`` by
    name, the next ``$$``), so no opening scans the rest of the text. Code as CommonMark reads it: a
    fence runs to a closing fence at least as long (or to the end), a code span to the next run of
    exactly as many backticks.
    """

    def __init__(self, source: str) -> None:
        self.source = source
        self._runs: dict[int, list[int]] | None = None
        self._env_ends: dict[str, list[int]] | None = None
        self._next_display = -2  # the last "$$" found, -1 when there is none further on

    def maths(self) -> Iterator[tuple[int, int]]:
        """(start, end) of each piece of math, in order."""
        position = 0
        while found := MATH_OR_CODE_START.search(self.source, position):
            start, text = found.start(), found.group()
            if text.startswith("`"):
                position = self.code_span(start, len(text))
            elif not text.startswith(("$", "\\")):  # the indentation of a line that starts with ``` or ~~~
                run = BACKTICKS.match(self.source, found.end())  # when it is not a fence: ```a``` is a span
                position = self.fence(start) or self.code_span(run.start(), len(run.group()))  # type: ignore[union-attr]
            else:
                end = {"$$": self.display, "$": self.inline}.get(text, self.environment)(start)
                if end is not None:
                    yield start, end
                position = end or found.end()

    def fence(self, start: int) -> int | None:
        opening = FENCE_OPENING.match(self.source, start)
        if opening is None:
            return None
        marks = opening.group(1) or opening.group(2)
        closing = _fence_closing(marks[0], len(marks)).search(self.source, opening.end())
        return closing.end() if closing else len(self.source)

    def code_span(self, start: int, length: int) -> int:
        """The end of the span that opens here, or of the run itself when no run of its length follows."""
        if self._runs is None:
            self._runs = {}
            for run in BACKTICKS.finditer(self.source):
                self._runs.setdefault(len(run.group()), []).append(run.start())
        closers = self._runs.get(length, [])
        following = bisect.bisect_right(closers, start)
        return closers[following] + length if following < len(closers) else start + length

    def display(self, start: int) -> int | None:
        if self._next_display != -1 and self._next_display < start + 3:  # ``$$x$$``: one character at least
            self._next_display = self.source.find("$$", start + 3)
        return self._next_display + 2 if self._next_display >= 0 else None

    def environment(self, start: int) -> int | None:
        opening = ENV_OPENING.match(self.source, start)
        if opening is None:
            return None
        if self._env_ends is None:
            self._env_ends = {}
            for closing in ENV_CLOSING.finditer(self.source):
                self._env_ends.setdefault(closing.group(1), []).append(closing.end())
        ends = self._env_ends.get(opening.group(1), [])
        following = bisect.bisect_left(ends, opening.end() + len(opening.group(1)) + 6)
        return ends[following] if following < len(ends) else None

    def inline(self, start: int) -> int | None:
        found = INLINE_MATH.match(self.source, start)
        return found.end() if found else None


@lru_cache(maxsize=64)
def _fence_closing(mark: str, length: int) -> re.Pattern:
    return re.compile(rf"^[ \t]*{re.escape(mark)}{{{length},}}[ \t]*$", re.MULTILINE)


def restore_math(text: str, maths: list[str], *, as_html: bool) -> str:
    """Put math back: in text as ``<span class="arithmatex">`` (MathJax-ready), in attributes as plain text."""
    if len(maths) < 2:
        return text
    token, found = maths[0], maths[1:]
    pattern = re.compile(token + r"x(\d+)x")

    def plain(match: re.Match) -> str:
        return html.escape(found[int(match.group(1))]) if as_html else found[int(match.group(1))]

    def span(match: re.Match) -> str:
        math = found[int(match.group(1))]
        if math.startswith("$$"):
            math = "\\[" + math[2:-2] + "\\]"
        elif math.startswith("$"):
            math = "\\(" + math[1:-1] + "\\)"
        return f'<span class="arithmatex">{html.escape(math, quote=False)}</span>'

    if not as_html:
        return pattern.sub(plain, text)
    # Inside a tag (an alt text, a title) math stays escaped text; between tags it becomes a span.
    pieces = re.split(r"(<[^>]*>)", text)
    return "".join(pattern.sub(plain if piece.startswith("<") else span, piece) for piece in pieces)


def _attachment(match: re.Match, attachments: dict, index: int, page: Page) -> str:
    name = match.group(3)
    bundle = attachments.get(name) or attachments.get(unquote(name))
    target = attachment_file(bundle, page) if isinstance(bundle, dict) else None
    if target is None:
        page.warn(index, f"attachment {unquote(name)!r} is not in the notebook; not shown")
        return match.group(1) + '""'
    return f'{match.group(1)}"{html.escape(url(target))}"'


def attachment_file(bundle: dict, page: Page) -> str | None:
    for mime, extension in IMAGE_EXTENSIONS.items():
        data = _decode_base64(bundle.get(mime))
        if data is not None and data.startswith(MAGIC[mime]):
            return page.asset(data, extension)
    svg = bundle.get("image/svg+xml")
    safe = sanitize_svg(_joined(svg)) if svg else ""
    return page.asset(safe.encode("utf-8"), "svg") if safe else None


def extract_data_images(safe_html: str, page: Page) -> str:
    """``<img src="data:…">`` becomes a file, so pages stay small and carry no base64."""

    def to_file(match: re.Match) -> str:
        mime = match.group(1).lower()
        data = _decode_base64(match.group(2))
        if data is None or not data.startswith(MAGIC[mime]):
            return 'src=""'
        return f'src="{html.escape(url(page.asset(data, IMAGE_EXTENSIONS[mime])))}"'

    return DATA_IMAGE_SRC.sub(to_file, safe_html)


def rebase_links(safe_html: str, page: Page, source: str = "", index: int = 0) -> str:
    """Relative ``src``/``href`` of a Markdown cell name files of the repository: link to where they are published.

    A link that is broken or corrected is reported at its line (a Markdown file) or its cell (a notebook)."""
    if not page.link_base and page.resolve is None:
        return safe_html

    base = html.escape(url(page.link_base))  # folder names are the contributor's: they go in as a URL path

    def rebase(match: re.Match) -> str:
        target = match[2]
        if target.startswith(page.asset_dir + "/"):
            return match[0]
        if page.resolve is not None:
            found = page.resolve(html.unescape(target))
            if found.warning and (
                problem := link_diagnostic(page, source, index, html.unescape(target), found.warning)
            ):
                page.diagnostics.append(problem)
            if found.url is not None:
                return f'{match[1]}{html.escape(found.url)}"'
        if target.startswith("/"):
            return match[0]
        return f'{match[1]}{base}{target}"'

    return RELATIVE_LINK.sub(rebase, safe_html)


MAX_LINK_WARNINGS = 50  # per file; past them one more warning counts the rest


def link_diagnostic(page: Page, source: str, index: int, target: str, message: str) -> Diagnostic | None:
    """``README.md:12: warning: broken link …`` in a Markdown file; ``cell 3: broken link …`` in a notebook.
    A file's first MAX_LINK_WARNINGS only (a README of 150,000 broken links searched itself for each)."""
    page.link_warnings += 1
    if page.link_warnings > MAX_LINK_WARNINGS:
        return None
    if page.link_warnings == MAX_LINK_WARNINGS:
        message = f"{message} (and maybe more such links in this file, not listed)"
    if not page.path.lower().endswith(".ipynb"):
        where = source.find(target)
        return Diagnostic.warning(page.path, message, source.count("\n", 0, where) + 1 if where >= 0 else None)
    return Diagnostic.warning(page.path, f"cell {index + 1}: {message}")


def split_at_headings(safe_html: str) -> list[str | tuple[int, str]]:
    """Top-level <h1>…<h6> as (level, inner HTML); everything between as HTML chunks."""
    chunks: list[str | tuple[int, str]] = []
    depth, start, heading = 0, 0, None  # heading: (level, where its content starts)
    for match in TAG.finditer(safe_html):
        closing, name = match.group(1) == "/", match.group(2).lower()
        if name in VOID_TAGS or match.group(0).endswith("/>"):
            continue
        level = HEADING.fullmatch(name)
        if not closing:
            if depth == 0 and level:
                chunks.append(safe_html[start : match.start()])
                heading = (int(level.group(1)), match.end())
            depth += 1
            continue
        depth = max(0, depth - 1)
        if depth == 0 and level and heading is not None:
            chunks.append((heading[0], safe_html[heading[1] : match.start()]))
            start, heading = match.end(), None
    chunks.append(safe_html[start:])
    return chunks


# -- code cells ---------------------------------------------------------------------------------------
def render_code_cell(source: str, outputs: list, index: int, page: Page) -> str:
    parts = []
    if source.strip():
        parts.append(code_block(source, code_language(source, page.language)))
    shown = [part for part in (render_output(o, index, page) for o in coalesce_streams(outputs)) if part]
    if shown:
        parts.append('<div class="nb-output" markdown>\n\n' + "\n\n".join(shown) + "\n\n</div>")
    return "\n\n".join(parts)


def notebook_language(nb: dict) -> str:
    metadata = nb.get("metadata") or {}
    kernelspec = metadata.get("kernelspec") if isinstance(metadata.get("kernelspec"), dict) else {}
    info = metadata.get("language_info") if isinstance(metadata.get("language_info"), dict) else {}
    candidates = [kernelspec.get("language"), info.get("name"), metadata.get("language"), kernelspec.get("name")]
    candidates = [candidate if isinstance(candidate, str) else None for candidate in candidates]
    for candidate in candidates:
        language = lexer_name(candidate)
        if language:
            return language
    return DEFAULT_LANGUAGE if not any(candidates) else "text"


def code_language(source: str, kernel_language: str) -> str:
    """The fence language: a cell magic's (``%%sql`` → sql) or else the kernel's."""
    first = source.lstrip().split("\n", 1)[0]
    if not first.startswith("%%"):
        return kernel_language
    words = first[2:].split()
    if not words:
        return kernel_language
    magic = words[0].lower()
    if magic == "script" and len(words) > 1:
        magic = words[1].rsplit("/", 1)[-1].lower()
    if magic in ("writefile", "file") and len(words) > 1:
        return lexer_for_filename(words[-1]) or "text"
    return lexer_name(CELL_MAGIC_LANGUAGES.get(magic)) or kernel_language


@lru_cache(maxsize=256)
def lexer_name(language: Any) -> str:
    """A Pygments lexer alias for a language name, or "" when Pygments has none."""
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    if not isinstance(language, str) or not re.fullmatch(r"[A-Za-z0-9_+#.-]{1,40}", language):
        return ""
    name = language.lower()
    name = {"python3": "python", "python2": "python", "ipython": "python", "ipython3": "python"}.get(name, name)
    try:
        get_lexer_by_name(name)
    except ClassNotFound:
        return ""
    return name


@lru_cache(maxsize=256)
def lexer_for_filename(filename: str) -> str:
    from pygments.lexers import find_lexer_class_for_filename

    lexer = find_lexer_class_for_filename(filename)
    return lexer.aliases[0] if lexer and lexer.aliases else ""


def coalesce_streams(outputs: list) -> list:
    """Consecutive writes to the same stream read as one block (as in nbconvert's coalescestreams)."""
    merged: list = []
    for output in outputs:
        if not isinstance(output, dict):
            continue
        previous = merged[-1] if merged else None
        if (
            output.get("output_type") == "stream"
            and previous is not None
            and previous.get("output_type") == "stream"
            and previous.get("name") == output.get("name")
        ):
            merged[-1] = {**previous, "text": _joined(previous.get("text")) + _joined(output.get("text"))}
        else:
            merged.append(output)
    return merged


def render_output(output: dict, index: int, page: Page) -> str:
    kind = output.get("output_type")
    if kind == "stream":
        css = "nb-stream nb-stderr" if output.get("name") == "stderr" else "nb-stream"
        return preformatted(terminal_text(_joined(output.get("text"))), css)
    if kind == "error":
        traceback = output.get("traceback") or []
        text = "\n".join(_joined(line) for line in traceback) if traceback else ""
        text = text or f"{_joined(output.get('ename'))}: {_joined(output.get('evalue'))}"
        return preformatted(terminal_text(text), "nb-error")
    if kind in ("display_data", "execute_result"):
        return render_bundle(output.get("data") or {}, output.get("metadata") or {}, index, page)
    return ""


def render_bundle(data: dict, metadata: dict, index: int, page: Page) -> str:
    interactive = interactive_kind(data)
    order = STATIC_FALLBACK if interactive else MIME_PREFERENCE
    for mime in order:
        if mime in data:
            shown = render_mime(mime, data[mime], metadata.get(mime), index, page)
            if shown:
                if interactive:
                    return note(f"Interactive output ({interactive}) not shown; static version below.") + "\n\n" + shown
                return shown
    if interactive:
        return note(f"Interactive output ({interactive}) not shown; run the notebook to see it.")
    unknown = sorted(mime for mime in data if mime not in MIME_PREFERENCE)
    if unknown:
        page.warn(index, f"output of type {', '.join(unknown)} not shown")
        return note(f"Output of type {', '.join(unknown)} not shown.")
    return ""


def interactive_kind(data: dict) -> str:
    for mime in sorted(data):
        lowered = mime.lower()
        if "widget" in lowered:
            return "Jupyter widget"
        if "plotly" in lowered:
            return "Plotly"
        if "bokeh" in lowered:
            return "Bokeh"
        if "vega" in lowered:
            return "Vega"
        if "holoviews" in lowered:
            return "HoloViews"
        if "javascript" in lowered or "ecmascript" in lowered:
            return "JavaScript"
    return ""


def render_mime(mime: str, value: Any, metadata: Any, index: int, page: Page) -> str:
    """One representation as page content, or "" when it shows nothing (then the next one is tried)."""
    if mime in IMAGE_EXTENSIONS:
        data = _decode_base64(value)
        if data is None or not data.startswith(MAGIC[mime]):
            page.warn(index, f"a {mime} output is not a {IMAGE_EXTENSIONS[mime].upper()} image; not shown")
            return ""
        return image(page.asset(data, IMAGE_EXTENSIONS[mime]), index, metadata)
    if mime == "image/svg+xml":
        safe = sanitize_svg(_joined(value))
        if not safe:
            page.warn(index, "an SVG output could not be read; not shown")
            return ""
        return image(page.asset(safe.encode("utf-8"), "svg"), index, metadata)
    if mime == "application/pdf":
        data = _decode_base64(value)
        if data is None or not data.startswith(MAGIC[mime]):
            page.warn(index, "a PDF output is not a PDF file; not shown")
            return ""
        return f"[PDF output of cell {index + 1} ({len(data) // 1024 + 1} KB)]({url(page.asset(data, 'pdf'))})"
    text = _joined(value)
    if mime == "text/html":
        safe = extract_data_images(sanitize_html(text), page)
        return island(f'<div class="nb-html">{inert(safe)}</div>') if _visible(safe) else ""
    if mime == "text/markdown":
        chunks = [c for c in markdown_to_html(text, {}, index, page) if isinstance(c, str)]
        return island(f'<div class="nb-markdown">{inert("".join(chunks))}</div>') if chunks else ""
    if mime == "text/latex":
        return island(f'<div class="nb-latex arithmatex">{escape(display_math(text))}</div>')
    if mime == "text/plain":
        return preformatted(terminal_text(text), "nb-text") if text else ""
    return ""


def image(target: str, index: int, metadata: Any) -> str:
    size = ""
    if isinstance(metadata, dict):
        for key in ("width", "height"):
            value = metadata.get(key)
            if isinstance(value, int | float) and not isinstance(value, bool) and 0 < value < 10000:
                size += f' {key}="{int(value)}"'
    return f"![Output of cell {index + 1}]({url(target)}){{: .nb-image{size} }}"


def display_math(latex: str) -> str:
    """``$$x$$`` or ``$x$`` as ``\\[x\\]``, the delimiters MathJax reads in Material's setup."""
    stripped = latex.strip()
    for opening, closing in (("$$", "$$"), ("$", "$"), ("\\[", "\\]")):
        if stripped.startswith(opening) and stripped.endswith(closing) and len(stripped) > len(opening + closing):
            return "\\[" + stripped[len(opening) : -len(closing)] + "\\]"
    return stripped


def _visible(safe_html: str) -> bool:
    return bool(TAG.sub("", safe_html).strip()) or "<img" in safe_html


# -- raw cells ----------------------------------------------------------------------------------------
def render_raw_cell(source: str, metadata: dict, index: int, page: Page) -> str:
    if not source.strip():
        return ""
    raw_format = str(metadata.get("raw_mimetype") or metadata.get("format") or "").lower()
    if raw_format in ("text/markdown", "markdown"):
        return render_markdown_cell(source, {}, index, page)
    if raw_format in ("text/html", "html"):
        safe = extract_data_images(sanitize_html(source), page)
        return island(f'<div class="nb-raw nb-html">{inert(safe)}</div>') if _visible(safe) else ""
    return preformatted(source, "nb-raw")


# -- text ---------------------------------------------------------------------------------------------
def terminal_text(text: str) -> str:
    """What a terminal would show: colours dropped, ``\\r`` progress bars and backspaces applied."""
    text = ANSI_ESCAPE.sub("", text.replace("\r\n", "\n"))
    lines = []
    for line in text.split("\n"):
        if "\r" in line:
            segments = [s for s in line.split("\r") if s]
            line = segments[-1] if segments else ""
        if "\b" in line:
            kept: list[str] = []
            for char in line:
                if char != "\b":
                    kept.append(char)
                elif kept:
                    kept.pop()
            line = "".join(kept)
        lines.append(line)
    return "\n".join(lines)


def preformatted(text: str, css: str) -> str:
    """Escaped text in a <pre>; a long one collapsed in a <details> that says how long it is."""
    text = CONTROL.sub("", text).rstrip("\n")
    if not text.strip():
        return ""
    block = f'<pre class="{css}">{escape(text)}</pre>'
    lines = text.count("\n") + 1
    if lines <= LONG_OUTPUT_LINES:
        return island(block)
    kind = "Error" if "nb-error" in css else "Output"
    return island(f'<details class="nb-long"><summary>{kind}: {lines} lines</summary>{block}</details>')


def note(text: str) -> str:
    return island(f'<p class="nb-note">{escape(text)}</p>')


def escape(text: str) -> str:
    """Text for an HTML block on a Markdown page."""
    return inert(html.escape(text, quote=False))


def _joined(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(part for part in value if isinstance(part, str))
    return "" if value is None else str(value)


def _decode_base64(value: Any) -> bytes | None:
    text = _joined(value)
    if not text:
        return None
    try:
        return base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError):
        return None

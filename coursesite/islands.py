"""HTML we rendered ourselves, passed through Python-Markdown without being parsed a second time.

Generated pages are mostly HTML blocks: a transcript's paragraphs, a notebook's Markdown cells and
outputs. Python-Markdown (and MkDocs, which scans every page for anchor ids) runs each raw HTML block
through ``html.parser`` only to copy it out again unchanged: two fifths of MkDocs' build time on the
benchmark corpus. ``island`` marks such a block; this extension puts it into Markdown's HTML stash
before those parsers run, and Markdown writes it back at the end, as it does any raw HTML block.

The marks only say "already HTML": what is inside must already be safe (escaped or sanitised). The
extension runs after superfences has taken out fenced code, so a mark written inside a code block (a
notebook cell quoting it, say) stays code. Without this extension the marks are HTML comments and the
page renders the same, only slower.
"""

from __future__ import annotations

import functools
import re

BEGIN = "<!--cs-html-->"
END = "<!--/cs-html-->"
RGX_ISLAND = re.compile(rf"^{BEGIN}\n(.*?)\n{END}$", re.MULTILINE | re.DOTALL)
RGX_ID = re.compile(r"""<[a-zA-Z][^<>]*?\sid=["']([^"'<>]+)["']""")
PRIORITY = 22  # after superfences (25) has stashed fences; before MkDocs' anchor scan (21) and html_block (20)


def island(block: str) -> str:
    """A safe HTML block, marked to pass through Markdown untouched (a block holding the end mark is left as is)."""
    if not block or END in block:
        return block
    return f"{BEGIN}\n{block}\n{END}"


def without_marks(text: str) -> str:
    """Text with its islands unmarked, for Markdown renderers other than ours (mkdocs-jupyter's)."""
    return RGX_ISLAND.sub(lambda match: match[1], text) if BEGIN in text else text


def one_line_islands(text: str) -> str:
    """Text with its islands unmarked and each written on one line (newlines as ``&#10;``, which a browser reads
    the same, in ``<pre>`` too): for Markdown renderers that end an HTML block at a blank line and read what
    follows as Markdown, where a ``[x](javascript:…)`` in escaped text would become a live link."""
    return RGX_ISLAND.sub(lambda match: match[1].replace("\n", "&#10;"), text) if BEGIN in text else text


def island_ids(markdown_text: str) -> set[str]:
    """The ids of elements inside islands: MkDocs checks links to anchors against the ids it found itself."""
    if BEGIN not in markdown_text:
        return set()
    return {ident for match in RGX_ISLAND.finditer(markdown_text) for ident in RGX_ID.findall(match[1])}


# Islands that open with one of these Python-Markdown writes out as they are, never inside a paragraph, as it
# does the comment that stands for them while they are set aside: the page comes out the same either way.
RGX_FENCE = re.compile(r"^[ \t]*(?:```|~~~)", re.MULTILINE)
RGX_BLOCK_START = re.compile(r"<(?:div|p|pre|table|figure|details|section|ol|ul|dl|blockquote|h[1-6])[\s>]")


def set_aside(text: str, tag: str) -> tuple[str, list[str]]:
    """The text with each block island's HTML replaced by a comment naming it (``<!--TAG N-->``), and that HTML.

    MkDocs holds every page's Markdown and HTML in memory from the first page read to the last written; most
    of a generated page is its islands, so a build sets them aside and puts them back as each page is written
    (``put_back``). ``tag`` must not occur in any page: a new random one for each build."""
    blocks: list[str] = []
    if BEGIN not in text or RGX_FENCE.search(text):
        return text, blocks  # a fence may quote the marks: only superfences, which runs first, knows where it ends

    def aside(match: re.Match[str]) -> str:
        if not RGX_BLOCK_START.match(match[1]):
            return match[0]
        blocks.append(match[1])
        return island(f"<!--{tag} {len(blocks) - 1}-->")

    return RGX_ISLAND.sub(aside, text), blocks


def put_back(html: str, tag: str, blocks: list[str]) -> str:
    """The HTML with the islands ``set_aside`` took out back in their places; every one, once, or ValueError."""
    placed: list[int] = []

    def back(match: re.Match[str]) -> str:
        placed.append(int(match[1]))
        return blocks[placed[-1]]

    result = re.sub(rf"<!--{re.escape(tag)} (\d+)-->", back, html)
    if sorted(placed) != list(range(len(blocks))):
        raise ValueError(f"{len(blocks)} islands were set aside, {len(placed)} placeholders came back")
    return result


def makeExtension(**kwargs: object) -> object:  # how Python-Markdown loads "coursesite.islands"
    return _extension_class()(**kwargs)


@functools.cache
def _extension_class() -> type:
    """The extension's classes, made when Markdown first asks: generating pages does not load Python-Markdown."""
    from markdown import Extension, Markdown
    from markdown.preprocessors import Preprocessor

    class IslandPreprocessor(Preprocessor):
        def run(self, lines: list[str]) -> list[str]:
            text = "\n".join(lines)
            if BEGIN not in text:
                return lines
            return RGX_ISLAND.sub(lambda match: self.md.htmlStash.store(match[1]), text).split("\n")

    class IslandExtension(Extension):
        def extendMarkdown(self, md: Markdown) -> None:  # Python-Markdown's name
            md.preprocessors.register(IslandPreprocessor(md), "coursesite_islands", PRIORITY)

    return IslandExtension

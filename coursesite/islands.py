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

"""Markdown that people write (lab READMEs, notes, notebook cells) as GitHub shows it: CommonMark + GFM.

markdown-it-py is a CommonMark parser built to run in linear time, with GFM's tables, strikethrough and
task lists; mdit-py-plugins adds footnotes and linkify-it-py finds bare URLs and email addresses. Python-Markdown, which MkDocs keeps for the pages it renders, was quadratic on such
text (20,000 ``[`` took 39 s, 2,000 nested list lines 60 s) and reads another dialect (four-space
nested lists, no Markdown inside ``<details>``). Raw HTML passes through the parser: the caller
sanitises the whole output with ``sanitize.sanitize_html``.

Emoji shortcodes (``:movie_camera:``) become the emoji, from GitHub's own list (gemoji, as shipped by
pymdown-extensions). What GitHub shows that the sanitiser would drop is written as text instead: a task list's checkbox is
☐ or ☑, and a footnote reference is a plain ``[1]`` (the sanitiser removes the ids a link would need).
"""

from __future__ import annotations

import functools
import re
from itertools import pairwise
from typing import Any, NamedTuple

# Block and inline depth together: a list level takes two (list, item), so about nine nested lists.
# Deeper content is dropped by the parser (and reported). Each "[" is tried at every depth: with 100
# (markdown-it's default preset) 200,000 of them took 11 s, with 20 (its CommonMark preset) 1.4 s.
MAX_NESTING = 20
TASK_BOXES = {True: "☑ ", False: "☐ "}


class RenderedMarkdown(NamedTuple):
    html: str  # not yet sanitised
    too_deep: bool  # something was nested deeper than MAX_NESTING and is not shown


def render_github_markdown(text: str) -> RenderedMarkdown:
    parser = _parser()
    env: dict[str, Any] = {}
    tokens = parser.parse(text, env)
    too_deep = any(a.nesting == 1 and b.nesting == -1 and a.level >= MAX_NESTING - 1 for a, b in pairwise(tokens))
    return RenderedMarkdown(parser.renderer.render(tokens, parser.options, env), too_deep)


@functools.cache
def _parser() -> Any:
    """Built by the first Markdown text (a run that renders only transcripts never imports it)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    options = {
        "html": True,
        "linkify": True,
        "maxNesting": MAX_NESTING,
        "tasklists": True,
        "strikethrough_single_tilde": True,
    }
    # Autolinks by linkify-it-py, not mdit-py-plugins' gfm_autolink: that one is quadratic on "a:" runs
    # (25,000 characters: 2.2 s, 50,000: 9.6 s) and on ")" after a URL; linkify-it-py renders 800,000 in 0.7 s.
    parser = MarkdownIt("commonmark", options).enable(["table", "strikethrough", "linkify"])
    parser.use(footnote_plugin, inline=False)
    parser.core.ruler.after("linkify", "bare_domains", _unlink_bare_domains)
    # The sanitiser's allow-list decides which URLs stay. markdown-it's own block-list would leave a refused
    # link as its source text, "[x](javascript:…)", which the mkdocs-jupyter copy hands to a second parser.
    parser.validateLink = lambda url: True
    parser.core.ruler.after("inline", "task_boxes", _task_boxes)
    parser.core.ruler.after("task_boxes", "emoji", _emoji)
    parser.add_render_rule("footnote_ref", _footnote_ref)
    parser.add_render_rule("footnote_anchor", lambda *args: "")  # the link back to the reference
    return parser


def _unlink_bare_domains(state: Any) -> None:
    """GitHub links ``https://…``, ``www.…`` and emails, not a bare ``train.py`` (a file name, .py a country)."""
    from markdown_it.token import Token

    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children = block.children
        for index in range(len(children) - 2, 0, -1):
            link, text = children[index - 1], children[index]
            if link.type == "link_open" and link.markup == "linkify" and not _autolinked(text.content, link):
                children[index - 1 : index + 2] = [Token("text", "", 0, content=text.content)]


def _autolinked(text: str, link: Any) -> bool:
    href = str(link.attrGet("href") or "")
    return "://" in text or text.lower().startswith(("www.", "mailto:")) or href.startswith("mailto:")


RGX_SHORTCODE = re.compile(r":[a-z0-9_+-]{1,40}:")


@functools.cache
def _emoji_table() -> dict[str, str]:
    """GitHub's shortcodes (``:movie_camera:`` → 🎥), from the gemoji index pymdown-extensions ships."""
    from pymdownx import gemoji_db

    table = {}
    for code, entry in gemoji_db.emoji.items():
        points = entry.get("unicode_alt") or entry.get("unicode") or ""
        try:
            table[code] = "".join(chr(int(point, 16)) for point in points.split("-"))
        except ValueError:
            continue
    table.update({alias: table[code] for alias, code in gemoji_db.aliases.items() if code in table})
    return table


def _emoji(state: Any) -> None:
    """Shortcodes in text (not in code) become the emoji GitHub shows; an unknown one stays as written."""
    table = _emoji_table()
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        for token in block.children:
            if token.type == "text" and ":" in token.content:
                token.content = RGX_SHORTCODE.sub(lambda m: table.get(m[0], m[0]), token.content)


def _task_boxes(state: Any) -> None:
    """``- [x] done``: the box as a character at the start of the item's text, not a form control."""
    from markdown_it.token import Token

    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type != "list_item_open" or not token.meta or "checked" not in token.meta:
            continue
        checked = token.meta.pop("checked")
        inline = next((t for t in tokens[index + 1 : index + 3] if t.type == "inline"), None)
        if inline is not None and inline.children is not None:
            inline.children.insert(0, Token("text", "", 0, content=TASK_BOXES[bool(checked)]))


def _footnote_ref(self: Any, tokens: list, index: int, options: Any, env: dict) -> str:
    caption = self.rules["footnote_caption"](tokens, index, options, env)
    return f'<sup class="footnote-ref">{caption}</sup>'

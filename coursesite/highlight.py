"""Code highlighted where it is converted: in the worker, within the item's time budget, and cached.

A fence left in a page is highlighted by MkDocs (pymdownx.highlight → Pygments) in the one process that
writes the site, where no budget reaches: some of Pygments' lexers take time that grows with the square
of the text (48 KB of Terraform: a minute), and a notebook may name any of its 600 lexers. So code from
sources is highlighted here, into the HTML pymdownx.highlight writes for Material (the same classes,
so the theme's colours and copy button apply), and passed through MkDocs as a finished island.
"""

from __future__ import annotations

import functools
import html

from pygments import highlight
from pygments.formatters.html import HtmlFormatter
from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name
from pygments.lexers.special import TextLexer
from pygments.util import ClassNotFound

from .islands import island
from .markup import inert

_FORMATTER = HtmlFormatter(nowrap=True)


@functools.lru_cache(maxsize=256)
def _lexer_class(language: str) -> type[Lexer]:
    try:
        return type(get_lexer_by_name(language))
    except ClassNotFound:
        return TextLexer


def code_block(code: str, language: str = "", title: str = "") -> str:
    """``code`` as a highlighted block (an island), with ``title`` (a file name) above it when given."""
    name = language.strip().lower()
    lexer = _lexer_class(name)() if name else TextLexer()
    body = highlight(code, lexer, _FORMATTER)
    heading = f'<span class="filename">{html.escape(title)}</span>' if title else ""
    kind = f"language-{html.escape(name)} " if name and lexer.__class__ is not TextLexer else ""
    return island(inert(f'<div class="{kind}highlight">{heading}<pre><span></span><code>{body}</code></pre></div>'))

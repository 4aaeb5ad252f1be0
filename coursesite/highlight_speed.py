"""Two look-ups that code highlighting repeats for every code block, done once instead.

``pymdownx.highlight`` (which MkDocs Material's code blocks go through) asks Pygments for a lexer by
name and makes a new HTML formatter for every block. Finding a lexer by name walks Pygments' table of
some 600 lexers; a new formatter rebuilds its style's token-to-class table. On the benchmark corpus
(1,500 code blocks) the two were half of all highlighting time, a fifth of MkDocs' Markdown time.
Neither result depends on the code being highlighted, so both are remembered:

* the lexer *class* per name (each block still gets a new lexer, with its own options);
* the token tables per (style, class prefix), copied into each new formatter.

The output is unchanged (``tests/test_highlight_speed.py`` compares it with and without). Both are
plain wrappers installed once; if a Pygments or pymdownx release moves these names, ``install``
leaves everything as it is.
"""

from __future__ import annotations

import functools

_installed = False


def install() -> None:
    global _installed
    if _installed:
        return
    try:
        import pymdownx.highlight as pymdownx_highlight
        from pygments.formatters.html import HtmlFormatter
        from pygments.lexers import get_lexer_by_name
    except ImportError:
        return
    if getattr(pymdownx_highlight, "get_lexer_by_name", None) is not get_lexer_by_name or not hasattr(
        HtmlFormatter, "_create_stylesheet"
    ):
        return  # a release we do not know: leave it alone

    @functools.lru_cache(maxsize=256)
    def lexer_class(name: str) -> type:
        return type(get_lexer_by_name(name))  # raises for an unknown name, and that is not cached

    def cached_get_lexer_by_name(name: str, **options: object) -> object:
        return lexer_class(name)(**options)

    tables: dict[tuple, tuple[dict, dict]] = {}
    create_stylesheet = HtmlFormatter._create_stylesheet

    def cached_create_stylesheet(self: HtmlFormatter) -> None:
        key = (self.style, self.classprefix)
        if key not in tables:
            create_stylesheet(self)
            tables[key] = (dict(self.ttype2class), dict(self.class2style))
        ttype2class, class2style = tables[key]
        self.ttype2class, self.class2style = dict(ttype2class), dict(class2style)

    pymdownx_highlight.get_lexer_by_name = cached_get_lexer_by_name
    HtmlFormatter._create_stylesheet = cached_create_stylesheet
    _installed = True

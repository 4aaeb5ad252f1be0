"""What coursesite assumes about Material for MkDocs: its configuration, the HTML it writes, its files.

Material is feature-frozen; each string here is something its templates write today. A contract test
(``tests/test_assemble_contract.py``) builds a page and fails loudly when an upgrade changes one. The
search worker protocol our Pagefind worker speaks (``assets/pagefind-worker.js``: Material's SETUP, READY,
QUERY and RESULT messages) is checked where it is used, by typing into Material's search box in Chromium
(``tests/test_search_browser.py``). Material is pinned to one minor version in ``pyproject.toml``.
"""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path

from ..markup import html, theme_text

STYLESHEET = "assets/coursesite.css"
SHIM = "assets/vendor/iframe-worker-shim.js"  # lets search run from file:// (a Web Worker cannot)
OFFLINE_PLUGIN = "material/offline"

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

# Split words at punctuation too: with MkDocs' default, "contract," and "contract" are different words.
SEARCH_SEPARATOR = r"""[\s\u200b\-_,:;!?=\[\]()"`/]+|\.(?!\d)|&[lg]t;|(?!\b)(?=[A-Z][a-z])"""

# The search dialog, which screen readers announced as "dialog" without a name.
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog"'
# The page's article: Pagefind indexes it alone.
ARTICLE = '<article class="md-content__inner md-typeset">'
# The search worker's address in the page's configuration (``__config``).
RGX_SEARCH_WORKER = re.compile(r'"search": "(?P<base>[^"]*?)assets/javascripts/workers/search\.[0-9a-f]+\.min\.js"')
PAGEFIND_WORKER = "assets/coursesite/pagefind-worker.js"  # Material's search box, answered by Pagefind
PLAYER_SCRIPT = "assets/coursesite/player.js"  # the video beside its transcript (coursesite/player.py)
PROGRESS_SCRIPT = "assets/coursesite/progress.js"  # progress that persists (coursesite/progress.py)
PRINT_SCRIPT = "assets/coursesite/print.js"  # a course's page to print: one week of it, the Print button
# The page's body: the offline copy marks it, so that its players link out to video sites instead of embedding;
# every page names its site there, whose progress it shows.
BODY = "<body "
# The site's navigation and its links, where progress.js ticks the pages marked as done
# (``.md-nav--primary a.md-nav__link``; the table of contents, ``.md-nav--secondary``, is left alone).
PRIMARY_NAVIGATION = '<nav class="md-nav md-nav--primary"'
NAVIGATION_LINK = 'class="md-nav__link'

# Material's templates indent their HTML: a fifth of a notebook page (14 KB of 67) was indentation.
# Where whitespace shows (pre, code, kbd, textarea) or may matter (script), it is kept as it is.
RGX_KEEP_WHITESPACE = re.compile(r"(<(?:pre|code|kbd|textarea|script)\b.*?</(?:pre|code|kbd|textarea|script)>)", re.S)
RGX_INDENTATION = re.compile(r"\n\s+")

# The source maps of Material's minified scripts and styles: 1.3 MB read only by developer tools.
SOURCE_MAPS = "assets/**/*.map"
# Material files a site searched through Pagefind never loads: its search worker and lunr's language
# support (1 MB, most of it Thai word splitting), and the source maps. Together a tenth of a 1x site.
UNUSED_WITH_PAGEFIND = ("assets/javascripts/lunr", "assets/javascripts/workers/search.*", SOURCE_MAPS)


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


def emoji_extension() -> dict:
    """``pymdownx.emoji`` with Material's icon set (only Material provides it)."""
    from material.extensions import emoji

    return {"emoji_index": emoji.twemoji, "emoji_generator": emoji.to_svg}


def offline_plugin():
    """Material's offline plugin, enabled: the site reads from disk (file://), with local scripts only."""
    from material.plugins.offline.plugin import OfflinePlugin

    plugin = OfflinePlugin()
    plugin.load_config({"enabled": True})
    return plugin


def labelled_search(output: str, pagefind: bool) -> str:
    """Material's search dialog with an accessible name, answered by our Pagefind worker when Pagefind
    indexes the site (Material's own worker would search an index that then holds no documents)."""
    output = output.replace(SEARCH_DIALOG, SEARCH_DIALOG + ' aria-label="Search"', 1)
    if pagefind:
        output = RGX_SEARCH_WORKER.sub(rf'"search": "\g<base>{PAGEFIND_WORKER}"', output, count=1)
    return output


def article_for_pagefind(output: str, title: str, context: str) -> str:
    """Index the article only, under the page's title and its course and week (both HTML already)."""
    meta = f'<span data-pagefind-meta="title" data-pagefind-ignore hidden>{title}</span>'
    if context:
        meta += f'<span data-pagefind-meta="context" data-pagefind-ignore hidden>{context}</span>'
    return output.replace(ARTICLE, ARTICLE[:-1] + " data-pagefind-body>" + meta, 1)


def marked_offline(output: str) -> str:
    return output.replace(BODY, BODY + "data-cs-offline ", 1)


def marked_site(output: str, site_name: str) -> str:
    """The site's name on the page's body: the progress kept in a browser is the site's, by its name and root."""
    return output.replace(BODY, f'{BODY}data-cs-site="{html(unescape(site_name))}" ', 1)


def without_indentation(html: str) -> str:
    """The page with each newline's following whitespace dropped, except inside ``RGX_KEEP_WHITESPACE``
    elements: a browser shows a run of whitespace as one space either way, and a newline stays."""
    parts = RGX_KEEP_WHITESPACE.split(html)  # odd items are the kept elements
    return "".join(part if index % 2 else RGX_INDENTATION.sub("\n", part) for index, part in enumerate(parts))


def drop_unused_theme_files(site: Path, patterns: tuple[str, ...] = UNUSED_WITH_PAGEFIND) -> None:
    for pattern in patterns:
        for path in sorted(site.glob(pattern)):
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()

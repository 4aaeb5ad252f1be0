"""Small pure functions that turn text into safe Markdown or HTML fragments.

Everything a source file says is text. These functions are the only way text reaches a page:
``md`` escapes it for Markdown, ``html`` for HTML, ``url`` and ``web_url`` make links; code goes
through ``highlight.code_block``.
"""

from __future__ import annotations

import html as _html
import re
from collections.abc import Iterable
from urllib.parse import quote, urlsplit

from markupsafe import Markup

# Every character Python-Markdown or the enabled extensions give meaning to, escaped with a backslash;
# "<" and "&" become entities so no raw HTML can open.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~^=:>\"'$])")


def md(text: object) -> Markup:
    """Escape text for inline Markdown."""
    value = str(text).replace("&", "&amp;").replace("<", "&lt;")
    value = _MD_SPECIAL.sub(r"\\\1", value)
    return Markup(" ".join(value.split()))  # titles are one line: newlines would end a list item


# Backticks and tildes as entities (browsers show the same): superfences opens a code fence at a line of
# them even inside a raw HTML block, before Markdown sees the block, and such a fence takes attributes.
_FENCE_CHARS = str.maketrans({"`": "&#96;", "~": "&#126;"})


HEADING_LINE = 2000  # characters of a heading line read: a title is cut to MAX_TITLE anyway


def without_closing_hashes(text: str) -> str:
    """``Title ##`` → ``Title`` (CommonMark's closing sequence), in linear time: a regex with a lazy title and
    an optional trailing run took seconds on a line of spaces."""
    text = text.rstrip(" \t")
    bare = text.rstrip("#")
    if bare != text and (not bare or bare[-1] in " \t"):
        text = bare.rstrip(" \t")
    return text


def plain_heading(text: str) -> str:
    """A Markdown heading's words without inline markup: ``Week 3 Assignment:<br>Good **Data**`` →
    ``Week 3 Assignment: Good Data`` (a title, and how a note's heading is matched against one)."""
    text = re.sub(r"<br\s*/?>", " ", text, flags=re.IGNORECASE)
    text = re.sub(r"<[^>]*>|[*_`]|\[([^\]]*)\]\([^)]*\)", lambda m: m[1] or "", text)
    return " ".join(text.split())


def html(text: object) -> Markup:
    """Escape text for HTML, in text or in a quoted attribute value, on a Markdown page."""
    return Markup(_html.escape(str(text), quote=True).translate(_FENCE_CHARS))


def inert(html_block: str) -> str:
    """HTML that Markdown preprocessors leave alone: superfences opens a fence at a line of backticks or
    tildes even inside raw HTML, so those characters are written as entities (browsers show the same)."""
    return html_block.translate(_FENCE_CHARS)


def html_each(texts: list[str]) -> list[str]:
    """``html`` for many texts in one pass (a transcript has thousands of paragraphs); none may hold NUL."""
    if not texts:
        return []
    escaped = _html.escape("\x00".join(texts), quote=True)
    if "`" in escaped or "~" in escaped:
        escaped = escaped.translate(_FENCE_CHARS)
    return escaped.split("\x00")


def theme_text(text: str) -> str:
    """A title for places a theme prints as HTML (MkDocs renders themes without autoescaping).

    Escaping the characters that open tags and attributes is enough: a stray "&" can only ever decode
    to text, and leaving it keeps "Q&A" readable where the theme escapes a second time.
    """
    return str(text).replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#39;")


def url(path: str) -> Markup:
    """Percent-encode a relative link target so spaces, "#" and "?" in file names stay part of the path."""
    return Markup(quote(path, safe="/"))


# The one allow-list of schemes for links coursesite builds from a name or a setting (video URLs, the
# repository, edit and Colab links). Relative links are built by ``url``; nothing else is ever linked.
WEB_SCHEMES = ("http", "https")
# Characters a URL may hold as they are; everything else (quotes, angle brackets, spaces, backslashes,
# controls, non-ASCII) is percent-encoded, so the URL can never leave an attribute value.
URL_SAFE = "/:@!$&()*+,;=-._~?#%[]"
_C0_AND_SPACE = "".join(map(chr, range(0x21)))


def web_url(text: object) -> str | None:
    """An absolute http(s) URL, percent-encoded so that it is inert in any attribute; None for anything else.

    Browsers drop tabs, newlines and leading controls before they read a scheme (``java\tscript:``), so the
    scheme is read the same way; ``javascript:``, ``data:``, ``vbscript:`` and scheme-less text all give None.
    """
    value = re.sub(r"[\t\n\r]", "", str(text)).strip(_C0_AND_SPACE)
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.netloc or "\\" in value:
        return None
    return quote(value, safe=URL_SAFE)


def web_link(base: str, *path: str) -> str | None:
    """``base`` (an http(s) URL) with path segments appended, each percent-encoded: edit, view and Colab links
    carry branch and file names from the repository, which may hold quotes and angle brackets."""
    safe_base = web_url(base)
    if safe_base is None:
        return None
    return "/".join([safe_base.rstrip("/"), *(quote(part.strip("/"), safe="/") for part in path)])


_TWO_DIGITS = [f"{number:02d}" for number in range(60)]  # a transcript formats thousands of times


def moment(ms: int) -> tuple[str, str]:
    """A time as a viewer reads it and as a stable paragraph anchor: ``("03:15", "t-3m15s")``,
    ``("1:02:05", "t-1h02m05s")``."""
    hours, rest = divmod(ms // 1000, 3600)
    minutes, seconds = divmod(rest, 60)
    mm, ss = _TWO_DIGITS[minutes], _TWO_DIGITS[seconds]
    if hours:
        return f"{hours}:{mm}:{ss}", f"t-{hours}h{mm}m{ss}s"
    return f"{mm}:{ss}", f"t-{minutes}m{ss}s"


def clock(ms: int) -> str:
    """A timestamp as a viewer reads it: ``03:15`` or ``1:02:05``."""
    return moment(ms)[0]


def anchor(ms: int) -> str:
    """A stable paragraph anchor from its start time: ``t-3m15s``, ``t-1h02m05s``."""
    return moment(ms)[1]


def moments(starts: Iterable[int]) -> list[tuple[str, str]]:
    """``moment`` of each start time: a transcript shows and links thousands, each once."""
    return [moment(ms) for ms in starts]


def duration(ms: int) -> str:
    """A length for people: ``45 s``, ``5 min``, ``1 h 05 min``."""
    seconds = round(ms / 1000)
    if seconds < 60:
        return f"{seconds} s"
    minutes = round(seconds / 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min"


def count(number: int, noun: str) -> str:
    """``count(1, "lab")`` → ``"1 lab"``, ``count(3, "lab")`` → ``"3 labs"``."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def size(count: int) -> str:
    for unit in ("B", "KB", "MB"):
        if count < 1024 or unit == "MB":
            return f"{count} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1024  # type: ignore[assignment]
    raise AssertionError("unreachable")

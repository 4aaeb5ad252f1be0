"""Make HTML and SVG from notebooks safe to publish: allow-lists, never block-lists.

``sanitize_html`` keeps what a lab write-up needs (headings, lists, tables, images, links, code,
details/summary, span/div with classes) and drops everything else: script, style, iframe, object,
embed, forms, event handlers, inline styles, and any URL that is not http(s), mailto, relative or a
fragment. ``data:`` URLs survive only as base64 PNG/JPEG/GIF in ``<img src>``.

``sanitize_svg`` parses SVG as XML and writes back only allow-listed SVG elements and attributes:
no script, no foreignObject, no animation (it can rewrite links), no event handlers, and no link
that leaves the file. Unreadable SVG becomes "".
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import escape

import nh3

# -- HTML ---------------------------------------------------------------------------------------------
HTML_TAGS = {
    *(f"h{level}" for level in range(1, 7)),
    *("p", "br", "hr", "blockquote", "ul", "ol", "li", "dl", "dt", "dd"),
    *("table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col"),
    *("img", "a", "details", "summary", "figure", "figcaption"),
    *("code", "pre", "kbd", "samp", "var", "span", "div"),
    *("b", "i", "em", "strong", "u", "s", "del", "ins", "sub", "sup", "small", "mark", "abbr", "cite", "q"),
}
WITH_CLASS = ("span", "div", "code", "pre", "p", "table", "tr", "th", "td", "img", "details", "summary", "ul", "ol")
HTML_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "type"},
    "details": {"open"},
}
for _tag in WITH_CLASS:
    HTML_ATTRIBUTES.setdefault(_tag, set()).add("class")
URL_ATTRIBUTES = {("a", "href"), ("img", "src")}
SAFE_SCHEMES = ("http:", "https:", "mailto:")
DATA_IMAGE = re.compile(r"^data:image/(?:png|jpeg|gif);base64,[A-Za-z0-9+/=\s]*$", re.IGNORECASE)
SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
# Content that is dropped with its tag (the rest of a disallowed tag's content is kept as text).
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "noscript", "template", "textarea", "select"}


def safe_url(tag: str, value: str) -> bool:
    """http(s), mailto, relative and fragment URLs; base64 raster images for ``<img src>`` only."""
    compact = re.sub(r"[\x00-\x20]", "", value)
    scheme = SCHEME.match(compact)
    if scheme is None:
        return True  # relative: "figures/plot.png", "#section", "?q", "//host/path" (http or https)
    lowered = compact.lower()
    if tag == "img":
        return lowered.startswith(("http:", "https:")) or bool(DATA_IMAGE.match(compact))
    return lowered.startswith(SAFE_SCHEMES)


# Classes that make the theme's or our own scripts act: Material loads Mermaid from a CDN for any
# ``pre.mermaid`` (a third-party script and a request the offline copy must never make), wires up
# ``.annotate`` and tabs, and styles its interface with ``md-``. A source's own classes are kept when
# they are plain words that none of these scripts read.
CLASS_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")
RESERVED_CLASSES = frozenset({"mermaid", "annotate", "arithmatex", "headerlink", "tabbed-set", "admonition"})
RESERVED_CLASS_PREFIXES = ("md-", "tabbed-", "cs-", "nb-", "mermaid", "pagefind", "data-md")


def safe_classes(value: str) -> str:
    kept = [
        token
        for token in value.split()
        if CLASS_TOKEN.fullmatch(token)
        and token.lower() not in RESERVED_CLASSES
        and not token.lower().startswith(RESERVED_CLASS_PREFIXES)
    ]
    return " ".join(kept)


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if (tag, attribute) in URL_ATTRIBUTES and not safe_url(tag, value):
        return None
    if attribute == "class":
        return safe_classes(value) or None
    return value


# nh3 (html5ever) takes time that grows with the square of how deep tags are left open: 80,000 open <div>
# took 18 s. No page needs HTML this deep; past it the HTML is shown as text (its words are all still there).
MAX_HTML_DEPTH = 400
RGX_TAG_START = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)")
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


# Elements whose content an HTML parser reads as text, not tags (outside SVG and MathML): a plot's script
# holds thousands of "<div" (and "<svg") in its strings, which are no elements at all.
RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"})
FOREIGN = frozenset({"svg", "math"})


def too_deep(html: str) -> bool:
    """Whether more than MAX_HTML_DEPTH elements could be open at once (counting every unclosed tag as open)."""
    depth = 0
    foreign = 0  # SVG or MathML elements open: inside them a <script> holds elements, so they count
    position = 0
    while match := RGX_TAG_START.search(html, position):
        position = match.end()
        name = match[2].lower()
        if name in VOID:
            continue
        if name in FOREIGN:
            foreign = max(0, foreign - 1) if match[1] else foreign + 1
        elif not match[1] and not foreign and name in RAW_TEXT:
            end = re.compile(rf"</{name}\b", re.IGNORECASE).search(html, position)
            if end is None:
                return False  # the rest is text
            position = end.end()
            continue
        depth = max(0, depth - 1) if match[1] else depth + 1
        if depth > MAX_HTML_DEPTH:
            return True
    return False


def sanitize_html(html: str) -> str:
    """Allow-listed HTML; anything active is removed, text content is kept."""
    if too_deep(html):
        return f"<pre>{escape(html, quote=False)}</pre>"
    return nh3.clean(
        html,
        tags=HTML_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=HTML_ATTRIBUTES,
        attribute_filter=_attribute_filter,
        url_schemes={"http", "https", "mailto", "data"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


# -- SVG ----------------------------------------------------------------------------------------------
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
SVG_ELEMENTS = {
    *("svg", "g", "defs", "symbol", "use", "title", "desc", "style", "switch"),
    *("path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "image"),
    *("text", "tspan", "textPath", "clipPath", "mask", "pattern", "marker"),
    *("linearGradient", "radialGradient", "stop", "filter"),
    *("feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix", "feDiffuseLighting"),
    *("feDisplacementMap", "feDistantLight", "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR"),
    *("feGaussianBlur", "feMerge", "feMergeNode", "feMorphology", "feOffset", "fePointLight"),
    *("feSpecularLighting", "feSpotLight", "feTile", "feTurbulence", "feDropShadow", "feImage"),
}
UNWRAPPED = {"a"}  # a link's drawing is kept, the link itself dropped
# CSS that can fetch or run something; a backslash anywhere too, since CSS escapes spell any of it (u\72l).
UNSAFE_CSS = re.compile(
    r"\\|@import|@font-face|expression\s*\(|javascript:|image-set|image\s*\(|src\s*\(|url\s*\(\s*['\"]?\s*(?!#)",
    re.IGNORECASE,
)
ENTITY_DECLARATION = re.compile(r"<!ENTITY", re.IGNORECASE)


def sanitize_svg(svg: str) -> str:
    """Allow-listed SVG as a standalone document, or "" when the text is not readable SVG."""
    if ENTITY_DECLARATION.search(svg):
        return ""  # entity expansion is the one XML feature that can attack the reader itself
    try:
        root = ET.fromstring(svg.strip().encode("utf-8"))
    except (ET.ParseError, ValueError):
        return ""
    if _local(root.tag) != "svg":
        return ""
    try:
        body = _svg_element(root)
    except RecursionError:  # elements nested about a thousand deep: no drawing needs that
        return ""
    return body.replace("<svg", f'<svg xmlns="{SVG_NS}" xmlns:xlink="{XLINK_NS}"', 1) + "\n"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""


def _svg_element(element: ET.Element) -> str:
    name = _local(element.tag)
    if _namespace(element.tag) not in ("", SVG_NS):
        return ""  # editor metadata (Inkscape, RDF) and foreign content
    inner = escape(element.text or "", quote=False) if name not in ("style",) else _svg_css(element.text or "")
    inner += "".join(_svg_element(child) + escape(child.tail or "", quote=False) for child in element)
    if name in UNWRAPPED:
        return inner
    if name not in SVG_ELEMENTS:
        return ""
    attributes = "".join(f' {key}="{escape(value)}"' for key, value in _svg_attributes(element))
    return f"<{name}{attributes}>{inner}</{name}>" if inner else f"<{name}{attributes}/>"


def _svg_attributes(element: ET.Element) -> list[tuple[str, str]]:
    kept = []
    for key, value in sorted(element.attrib.items()):
        namespace, name = _namespace(key), _local(key)
        if namespace == XLINK_NS and name in ("href", "title"):
            qualified = f"xlink:{name}"
        elif namespace == XML_NS and name in ("space", "lang"):
            qualified = f"xml:{name}"
        elif namespace == "" and name != "xmlns":
            qualified = name
        else:
            continue
        lowered = re.sub(r"[\x00-\x20]", "", value).lower()
        if name.lower().startswith("on") or "javascript:" in lowered:
            continue
        if name == "href" and not (value.startswith("#") or DATA_IMAGE.match(value.strip())):
            continue  # a link out of the file: remote fetches, other documents
        if name == "style" and UNSAFE_CSS.search(value):
            continue
        if "url(" in lowered and not re.fullmatch(r"[^()]*url\(#[^()]*\)[^()]*", lowered):
            continue  # fill="url(#gradient)" is fine; url(http:...) is not
        kept.append((qualified, value))
    return kept


def _svg_css(css: str) -> str:
    return "" if UNSAFE_CSS.search(css) else escape(css, quote=False)

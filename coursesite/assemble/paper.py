"""A course on paper: each course's built pages (its own, then each week's, videos and labs in course order)
joined into one page of the site that prints as one document, ``courses/<course>/_print/``, and printed into
``SITE-pdf/<course>.pdf`` by Chromium with ``build --pdf``.

The page is made from the built pages, not from the Markdown, so that it prints what readers see: the pages'
articles with the site's stylesheets (whose ``@media print`` rules hide what paper cannot use), links and
images placed relative to it, ids made unique per page so that links inside a page still land on it. Each
week can be printed alone from the same page (``?week=<slug>``, ``assets/print.js``): the whole course is not
written twice. Search never indexes it (it has no ``data-pagefind-body``), and the navigation does not list it:
the course and week pages link to it.
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from ..markup import html
from ..model import Catalog, Course
from ..pdf import PdfError, print_to_pdf
from ..pipeline import remove_stale_staging, swap_in
from ..render import GENERATED_DIR, PRINT_DIR
from . import material

MARK = ".coursesite-pdf"  # in every folder of PDFs coursesite writes: any other folder is left alone
RGX_ARTICLE = re.compile(re.escape(material.ARTICLE[:-1]) + r"[^>]*>(?P<body>.*?)</article>", re.DOTALL)
RGX_STYLES = re.compile(r'<link rel="stylesheet"[^>]*>|<style>.*?</style>', re.DOTALL)
RGX_URL = re.compile(r'(?P<name>\s(?:href|src))="(?P<url>[^"]*)"')
# A start tag, its quoted values whole: attributes are changed inside tags only, never in text that quotes
# one (a note saying `href="#setup"`: a sanitiser writes quotes in text as they are).
RGX_TAG = re.compile(r'<[a-zA-Z][^\s/>]*(?:[^>"]|"[^"]*")*>')
RGX_ABSOLUTE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/|#)")
RGX_PALETTE = re.compile(r'\sdata-md-color-(?:primary|accent)="[^"]*"')
RGX_LANGUAGE = re.compile(r'<html lang="([^"]*)"')
# Attributes naming ids: each page's ids and names get the page's prefix in the joined document, and so do the
# references to them (a timestamp's #t-3m15s, a tab's label, an SVG's clip-path), or the first page's would win
# (and the radio buttons of every page's language tabs would be one group: one tab shown in the whole course).
RGX_ATTRIBUTE = re.compile(r'(?P<lead>\s(?P<name>[a-zA-Z_:][-a-zA-Z0-9_:.]*)=")(?P<value>[^"]*)"')
ID_LISTS = frozenset({"for", "aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "headers", "list"})
RGX_URL_REFERENCE = re.compile(r"url\(#(?P<id>[^)\s]+)\)")


def course_pages(course: Course) -> list[tuple[str, str]]:
    """The course's pages under the site's root, in reading order, each with its week's slug (the course's
    own page has none)."""
    base = f"{GENERATED_DIR}/{course.slug}/"
    pages = [(base, "")]
    for week in course.weeks:
        pages.append((f"{base}{week.slug}/", week.slug))
        pages += [(f"{base}{week.slug}/{item.slug}/", week.slug) for item in (*week.videos, *week.labs)]
    return pages


def print_page(course: Course) -> str:
    """The folder of the course's page to print, under the site's root."""
    return f"{GENERATED_DIR}/{course.slug}/{PRINT_DIR}/"


def _rebased(html: str, page: str, here: str) -> str:
    """``html`` from the page at ``page`` with its relative links and images made relative to ``here`` (both
    folders under the site's root)."""

    def rebase(match: re.Match) -> str:
        url = match["url"]
        if RGX_ABSOLUTE.match(url):
            return match[0]
        parts = urlsplit(url)
        target = posixpath.normpath(posixpath.join("/" + page, parts.path)) if parts.path else "/" + page
        relative = posixpath.relpath(target, "/" + here)
        if (parts.path.endswith("/") or not parts.path) and relative != ".":
            relative += "/"
        elif relative == ".":
            relative = "./"
        return f'{match["name"]}="{urlunsplit(("", "", relative, parts.query, parts.fragment))}"'

    # A printed page loads every image: none waits to be scrolled to.
    return _in_tags(html, lambda tag: RGX_URL.sub(rebase, tag).replace(' loading="lazy"', ""))


def _unique_ids(html: str, prefix: str) -> str:
    """``html`` with each id it holds, and each reference to one, prefixed with ``prefix``."""
    ids = {
        match["value"]
        for tag in RGX_TAG.findall(html)
        for match in RGX_ATTRIBUTE.finditer(tag)
        if match["name"] in ("id", "name")
    }
    if not ids:
        return html

    def renamed(value: str) -> str:
        return prefix + value if value in ids else value

    def attribute(match: re.Match) -> str:
        name, value = match["name"].lower(), match["value"]
        if name == "id":
            value = prefix + value
        elif name in ID_LISTS:
            value = " ".join(renamed(token) for token in value.split(" "))
        elif name in ("href", "xlink:href") and value.startswith("#"):
            value = "#" + renamed(value[1:])
        elif name == "name":  # a tab set's radio group (one per page: the first page's would hold every tab)
            value = prefix + value
        elif "url(#" in value:
            value = RGX_URL_REFERENCE.sub(lambda m: f"url(#{renamed(m['id'])})", value)
        return f'{match["lead"]}{value}"'

    return _in_tags(html, lambda tag: RGX_ATTRIBUTE.sub(attribute, tag))


def _in_tags(html: str, change: Callable[[str], str]) -> str:
    """``html`` with each start tag changed by ``change``, its text as it was."""
    return RGX_TAG.sub(lambda match: change(match[0]), html)


def course_document(site_dir: Path, course: Course, script: str | None = None) -> str:
    """The page to print: the course's pages in order, each on new sheets, under a bar (on screen only) that
    prints the course or one of its weeks. ``script``: the site's print.js, or None when nothing runs it."""
    here = print_page(course)
    pages = course_pages(course)
    head = (site_dir / pages[0][0] / "index.html").read_text(encoding="utf-8")
    styles = "\n".join(_rebased(style, pages[0][0], here) for style in RGX_STYLES.findall(head))
    palette = "".join(RGX_PALETTE.findall(head.partition("<body")[2].partition(">")[0]))
    sections = []
    for number, (page, week) in enumerate(pages, 1):
        built = site_dir / page / "index.html"
        article = RGX_ARTICLE.search(built.read_text(encoding="utf-8")) if built.is_file() else None
        if article is not None:
            body = _unique_ids(_rebased(article["body"], page, here), f"p{number}-")
            sections.append(
                f'<section class="cs-course-print__item" data-cs-week="{html(week)}" id="p{number}">{body}</section>'
            )
    weeks = "".join(
        f' · <a href="index.html?week={html(week.slug)}" data-cs-week="{html(week.slug)}">{html(week.title)}</a>'
        for week in course.weeks
    )
    root = posixpath.relpath("/", "/" + here) + "/"
    loader = f'<script src="{html(root + script)}" defer></script>\n' if script else ""
    return (
        f'<!doctype html>\n<html lang="{html(_language(head))}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        f"<title>{html(course.title)}</title>\n{styles}\n{loader}</head>\n"
        f'<body class="cs-course-print" data-md-color-scheme="default"{palette}>\n'
        '<div class="md-container"><main class="md-main"><div class="md-main__inner md-grid"><div class="md-content">\n'
        '<nav class="cs-print-bar md-typeset" aria-label="Print">\n'
        f'<p><a href="../index.html">← {html(course.title)}</a></p>\n'
        "<p>The whole course on one page, to print or save as PDF (your browser's Print command, Ctrl+P or ⌘P). "
        '<button type="button" class="md-button md-button--primary" data-cs-print hidden>Print</button></p>\n'
        f'<p>Print: <a href="index.html" data-cs-week="">The whole course</a>{weeks}</p>\n'
        "</nav>\n"
        f'<article class="md-content__inner md-typeset">\n{"".join(sections)}\n</article>\n'
        "</div></div></main></div>\n</body>\n</html>\n"
    )


def _language(head: str) -> str:
    found = RGX_LANGUAGE.search(head)
    return found[1] if found else "en"


def write_print_pages(
    site_dir: Path, courses: Iterable[Course], slugs: Iterable[str] | None, script: str | None
) -> None:
    """Each course's page to print (of the courses in ``slugs``; all with None), from its built pages.

    Written to a new file renamed over the old one: in a partial build the old one is a hard link to the
    page of the site being served, which must not change under its readers.
    """
    wanted = None if slugs is None else set(slugs)
    for course in courses:
        if wanted is not None and course.slug not in wanted:
            continue
        if not (site_dir / course_pages(course)[0][0] / "index.html").is_file():
            continue  # the course's own page was not built (a partial site): nothing to print it from
        target = site_dir / print_page(course) / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".index.html-{os.getpid()}")
        temporary.write_text(course_document(site_dir, course, script), encoding="utf-8")
        os.replace(temporary, target)


def pdf_dir_for(site_dir: Path) -> Path:
    return site_dir.with_name(f"{site_dir.name}-pdf")


def refuse_foreign_pdf_dir(pdf_dir: Path) -> None:
    """A folder coursesite did not write (it has no mark) may be the user's own: it is never replaced."""
    if pdf_dir.exists() and not (pdf_dir.is_dir() and (not any(pdf_dir.iterdir()) or (pdf_dir / MARK).is_file())):
        raise PdfError(
            f"{pdf_dir} exists but was not written by coursesite; it was left untouched. "
            "Move it, or build elsewhere with --site-dir DIR"
        )


def write_course_pdfs(
    site_dir: Path, catalog: Catalog, chromium: str, progress: Callable[[str], None] | None = None
) -> list[Path]:
    """One PDF per course in ``SITE-pdf/``, printed into a staging folder and swapped in whole."""
    pdf_dir = pdf_dir_for(site_dir)
    refuse_foreign_pdf_dir(pdf_dir)
    # Named like the site's staging folders, so the next build removes one a killed build left.
    remove_stale_staging(pdf_dir.parent)
    staging = Path(tempfile.mkdtemp(prefix=f".{pdf_dir.name}-new-{os.getpid()}-", dir=pdf_dir.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; the PDFs are for everyone to read
    try:
        (staging / MARK).write_text("PDFs printed by coursesite build --pdf\n", encoding="utf-8")
        for course in catalog.courses:
            if progress:
                progress(f"Printing {course.slug}.pdf")
            document = site_dir / print_page(course) / "index.html"
            if not document.is_file():
                raise PdfError(f"{document} is missing: the site was not built by this version of coursesite")
            print_to_pdf(chromium, document, staging / f"{course.slug}.pdf")
        swap_in(staging, pdf_dir)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return sorted(pdf_dir.glob("*.pdf"))

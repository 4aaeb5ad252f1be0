"""A course on paper: each course's built pages (its own, then each week's, videos and labs in course order)
joined into one HTML document beside the site, and printed into ``SITE-pdf/<course>.pdf`` by Chromium.

The document is made from the built site, not from the Markdown, so that it prints what readers see: the
pages' articles with the site's stylesheets (whose ``@media print`` rules hide what paper cannot use), links
and images placed relative to the site's root. It is written outside the site: it is not a page of it, so
search and navigation never show it.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin

from ..markup import html
from ..model import Catalog, Course
from ..pdf import PdfError, print_to_pdf
from ..pipeline import remove_stale_staging, swap_in
from ..render import GENERATED_DIR
from . import material

MARK = ".coursesite-pdf"  # in every folder of PDFs coursesite writes: any other folder is left alone
RGX_ARTICLE = re.compile(re.escape(material.ARTICLE[:-1]) + r"[^>]*>(?P<body>.*?)</article>", re.DOTALL)
RGX_STYLES = re.compile(r'<link rel="stylesheet"[^>]*>|<style>.*?</style>', re.DOTALL)
RGX_URL = re.compile(r'(?P<name>\s(?:href|src))="(?P<url>[^"]*)"')
RGX_ABSOLUTE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/|#)")


def course_pages(course: Course) -> list[str]:
    """The course's pages under the site's root, in reading order."""
    base = f"{GENERATED_DIR}/{course.slug}/"
    pages = [base]
    for week in course.weeks:
        pages.append(f"{base}{week.slug}/")
        pages += [f"{base}{week.slug}/{item.slug}/" for item in (*week.videos, *week.labs)]
    return pages


def _rebased(html: str, page: str) -> str:
    """``html`` from ``page`` with its relative links and images made relative to the site's root."""

    def rebase(match: re.Match) -> str:
        url = match["url"]
        if RGX_ABSOLUTE.match(url):
            return match[0]
        return f'{match["name"]}="{urljoin(page, url)}"'

    return RGX_URL.sub(rebase, html).replace(' loading="lazy"', "")  # a printed page loads every image


def course_document(site_dir: Path, course: Course) -> str:
    """One HTML document holding the course's pages in order, each starting on a new sheet."""
    pages = course_pages(course)
    head = (site_dir / pages[0] / "index.html").read_text(encoding="utf-8")
    styles = "\n".join(_rebased(style, pages[0]) for style in RGX_STYLES.findall(head))
    sections = []
    for page in pages:
        built = site_dir / page / "index.html"
        article = RGX_ARTICLE.search(built.read_text(encoding="utf-8")) if built.is_file() else None
        if article is not None:
            sections.append(f'<section class="cs-course-print__item">{_rebased(article["body"], page)}</section>')
    return (
        f'<!doctype html>\n<html lang="{_language(head)}">\n<head>\n<meta charset="utf-8">\n'
        f'<base href="{site_dir.resolve().as_uri()}/">\n<title>{html(course.title)}</title>\n{styles}\n</head>\n'
        '<body data-md-color-scheme="default">\n<div class="md-container"><main class="md-main"><div class="md-content">'
        f'<article class="md-content__inner md-typeset">\n{"".join(sections)}\n</article></div></main></div>\n'
        "</body>\n</html>\n"
    )


def _language(head: str) -> str:
    found = re.search(r'<html lang="([^"]*)"', head)
    return found[1] if found else "en"


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
            document = staging / f".{course.slug}.html"
            document.write_text(course_document(site_dir, course), encoding="utf-8")
            print_to_pdf(chromium, document, staging / f"{course.slug}.pdf")
            document.unlink()
        swap_in(staging, pdf_dir)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return sorted(pdf_dir.glob("*.pdf"))

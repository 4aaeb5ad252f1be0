"""Read and render every notebook in a folder; fail on a traceback or on active content in the result.

    python scripts/check_notebook_corpus.py [FOLDER]

FOLDER defaults to ``../shared/corpus/notebooks`` next to the repository. For every ``.ipynb`` the
script runs ``read_notebook`` and ``render_notebook``, converts the Markdown with the extensions the
site uses, and looks at the resulting HTML and every SVG asset with an HTML parser: a script, style,
iframe, object, embed or form element, an ``on…`` attribute, or a ``javascript:``/``data:`` URL (other
than a base64 raster image) counts as active content. It prints one line per notebook:

    ok|repaired|unreadable  NAME  diagnostics=N  markdown=KB  assets=KB

Exit status 1 when any notebook raised or produced active content.
"""

from __future__ import annotations

import argparse
import re
import sys
import traceback
from html.parser import HTMLParser
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coursesite.notebooks import read_notebook
from coursesite.render_notebook import render_notebook

DEFAULT_FOLDER = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "notebooks"
ACTIVE_TAGS = {"script", "style", "iframe", "frame", "object", "embed", "form", "foreignobject", "base", "meta", "link"}
URL_ATTRIBUTES = {"href", "src", "xlink:href", "action", "formaction", "background", "poster", "srcset"}
SAFE_DATA_URL = re.compile(r"data:image/(?:png|jpeg|gif);base64,", re.IGNORECASE)


class ActiveContentFinder(HTMLParser):
    """Collects every element or attribute that could run code or fetch a document in a browser."""

    def __init__(self, allowed: frozenset[str] = frozenset()) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.allowed = allowed

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ACTIVE_TAGS and tag not in self.allowed:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            compact = re.sub(r"[\x00-\x20]", "", value or "").lower()
            risky = name in URL_ATTRIBUTES and compact.startswith(("javascript:", "vbscript:", "data:"))
            if risky and not (tag == "img" and SAFE_DATA_URL.match(compact)):
                self.found.append(f"<{tag} {name}={compact[:30]}…>")

    handle_startendtag = handle_starttag


def active_content(markup: str, *, svg: bool = False) -> list[str]:
    """Elements and attributes in HTML or SVG text that a browser could run.

    A stylesheet inside an SVG file (matplotlib writes one) styles only that drawing; on a page it is inlined CSS.
    """
    finder = ActiveContentFinder(frozenset({"style"}) if svg else frozenset())
    finder.feed(markup)
    finder.close()
    return finder.found


def page_html(markdown_text: str) -> str:
    """The page body MkDocs would build from rendered Markdown, with the extensions the site requires."""
    import markdown

    from coursesite.assemble.plugin import REQUIRED_EXTENSIONS

    return markdown.markdown(
        markdown_text, extensions=list(REQUIRED_EXTENSIONS), extension_configs=dict(REQUIRED_EXTENSIONS)
    )


class Check(NamedTuple):
    name: str
    status: str  # ok, repaired, unreadable, failed
    diagnostics: int
    markdown_bytes: int
    asset_bytes: int
    active: tuple[str, ...]
    error: str  # a traceback, when reading or rendering raised


def check_notebook(path: Path) -> Check:
    try:
        result = read_notebook(path.read_bytes(), path.name)
        if result.notebook is None:
            return Check(path.name, "unreadable", len(result.diagnostics), 0, 0, (), "")
        rendered = render_notebook(result.notebook, path=path.name, asset_dir="lab-files")
        active = active_content(page_html(rendered.markdown))
        for name, data in rendered.assets.items():
            if name.endswith(".svg"):
                active += [f"{name}: {found}" for found in active_content(data.decode("utf-8", "replace"), svg=True)]
    except Exception:
        return Check(path.name, "failed", 0, 0, 0, (), traceback.format_exc())
    diagnostics = len(result.diagnostics) + len(rendered.diagnostics)
    status = "repaired" if result.diagnostics else "ok"
    assets = sum(len(data) for data in rendered.assets.values())
    return Check(path.name, status, diagnostics, len(rendered.markdown.encode()), assets, tuple(active), "")


def check_corpus(folder: Path) -> list[Check]:
    return [check_notebook(path) for path in sorted(folder.glob("*.ipynb"))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    folder = parser.parse_args(argv).folder
    if not folder.is_dir():
        parser.error(f"no such folder: {folder}")
    checks = check_corpus(folder)
    for check in checks:
        print(
            f"{check.status:10} {check.name:45} diagnostics={check.diagnostics:<3} "
            f"markdown={check.markdown_bytes / 1024:7.1f} KB  assets={check.asset_bytes / 1024:7.1f} KB"
        )
        for found in check.active:
            print(f"    active content: {found}")
        if check.error:
            print(check.error, file=sys.stderr)
    counts = {status: sum(c.status == status for c in checks) for status in ("ok", "repaired", "unreadable", "failed")}
    print(", ".join(f"{count} {status}" for status, count in counts.items()) + f" of {len(checks)} notebooks")
    return 1 if counts["failed"] or any(c.active for c in checks) else 0


if __name__ == "__main__":
    sys.exit(main())

"""Helpers for tests that use the site as a person does: a local web server and headless Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import re
import shutil
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from tests.conftest import REPO

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = REPO / "test-artifacts"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve_folder(folder: Path, handler: type[http.server.SimpleHTTPRequestHandler] = _QuietHandler) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 while the block runs; yields the base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def unzipped_site(zip_path: Path, folder: Path) -> Path:
    """The offline copy unzipped into ``folder``: the path of its site/ folder, to open from file://."""
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(folder)
    return next(path.parent for path in folder.rglob("index.html") if path.parent.name == "site")


def serious_violations(page) -> list:
    """axe-core's serious and critical findings on the page as it is now (id, impact, help, first nodes)."""
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .map(v => ({id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"""
    )
    return [v for v in violations if v["impact"] in ("serious", "critical")]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def narrow(browser):
    """A page 390 px wide, as on a phone."""
    context = browser.new_context(viewport={"width": 390, "height": 700})
    yield context.new_page()
    context.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


@contextlib.contextmanager
def canary_tab(browser) -> Iterator[tuple[object, list[str]]]:
    """A tab in which ``window.__pwned`` counts the injected payloads that ran; dialogs are recorded, dismissed."""
    context = browser.new_context()
    context.add_init_script("window.__pwned = 0")
    tab = context.new_page()
    dialogs: list[str] = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        yield tab, dialogs
    finally:
        context.close()


def highlighted_words(href: str) -> list[str]:
    """The query words Material passes to a result's page for highlighting (``?h=``): the whole query answered."""
    return " ".join(parse_qs(urlparse(href).query).get("h", [])).lower().split()


def last_search_term(query: str) -> str:
    """The query's last word as the search marks it: lower-case, without the punctuation around it."""
    return re.sub(r"^[\W_]+|[\W_]+$", "", query.split()[-1].lower())


# True once the first result answers the query typed to its last key. Material names the query's words
# each result holds in its link (?h=…) and strikes out those it lacks (<del>), with Pagefind and with
# its own search alike: an answer to an earlier key names that key's last word, cut short.
ANSWERS = """(last) => {
  const item = document.querySelector(".md-search-result__item");
  if (!item) return false;
  const marked = (new URL(item.querySelector("a").href).searchParams.get("h") || "").toLowerCase().split(" ");
  const missing = [...item.querySelectorAll("del")].map((word) => word.textContent.toLowerCase());
  return marked.includes(last) || missing.includes(last);
}"""


def type_search(tab, query: str, delay: int = 15) -> None:
    """Type a query into Material's search box and wait for the answer to the last key."""
    box = tab.locator(".md-search__input")
    box.click()
    box.type(query, delay=delay)
    tab.wait_for_function(ANSWERS, arg=last_search_term(query), timeout=15_000)


def screenshot(tab, name: str) -> Path:
    """Save a screenshot as a test artifact (test-artifacts/NAME.png) to look at after the run."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    tab.screenshot(path=str(path))
    return path


# Clicks every link of the page the way a reader's click would, with one difference: a link to a web page
# (http or https, as the browser itself parsed its href) is not followed, so the page stays to be
# clicked on; every other link (javascript:, data:, vbscript:, blob:, mailto: …) gets its default action.
CLICK_EVERY_LINK = """() => {
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a");
    if (link && (link.protocol === "http:" || link.protocol === "https:")) {
      event.preventDefault();
      event.stopPropagation();
    }
  }, true);
  const links = [...document.querySelectorAll("a[href], area[href]")];
  for (const link of links) link.click();
  return links.map((link) => link.protocol);
}"""


def click_every_link(tab) -> list[str]:
    """Click every link on the page (see CLICK_EVERY_LINK); returns the schemes of the links clicked."""
    schemes = tab.evaluate(CLICK_EVERY_LINK)
    settle(tab)
    return schemes


def settle(tab) -> None:
    """Wait for the page's next frame and the tasks queued before it.

    A payload runs by the load event that `goto` waits for (inline scripts, onload, onerror) or within
    the click on its link; this covers what those queue. test_injection_browser's control shows the
    canary counting payloads that do run, opened and clicked this way."""
    tab.evaluate("() => new Promise((done) => requestAnimationFrame(() => setTimeout(done)))")

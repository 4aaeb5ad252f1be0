"""What coursesite assumes about MkDocs and Material, checked against them as installed: an upgrade that
changes one of these fails here, by name, instead of silently changing the site."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config.base import load_config
from mkdocs.plugins import EVENTS

from coursesite.assemble import material, pagefind, plugin

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def plain_site(tmp_path_factory) -> Path:
    """One page built by MkDocs and Material alone: what their templates write, before our plugin sees it."""
    root = tmp_path_factory.mktemp("plain")
    (root / "docs").mkdir()
    (root / "docs/index.md").write_text("# Home\n\nSome text.\n", "utf-8")
    (root / "mkdocs.yml").write_text("site_name: Plain\ntheme:\n  name: material\nplugins:\n  - search\n", "utf-8")
    config = load_config(str(root / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()
    return root / "site"


def test_materials_search_dialog_is_what_we_label(plain_site):
    assert material.SEARCH_DIALOG in (plain_site / "index.html").read_text()


def test_materials_article_is_what_pagefind_indexes(plain_site):
    assert material.ARTICLE in (plain_site / "index.html").read_text()


def test_materials_search_worker_address_is_what_we_replace(plain_site):
    assert material.RGX_SEARCH_WORKER.search((plain_site / "index.html").read_text())


def test_the_theme_files_we_drop_exist_and_nothing_else_loads_them(plain_site):
    for pattern in material.UNUSED_WITH_PAGEFIND:
        assert list(plain_site.glob(pattern)), pattern  # a pattern that matches nothing no longer drops anything
    page = (plain_site / "index.html").read_text()
    assert "javascripts/lunr" not in page  # the page itself does not load what a Pagefind site drops


def test_materials_offline_plugin_and_emoji_are_where_we_import_them():
    assert material.offline_plugin().config.enabled is True
    assert callable(material.emoji_extension()["emoji_generator"])


def test_the_mkdocs_events_the_plugin_implements_are_mkdocs_events():
    ours = {name for name, _ in inspect.getmembers(plugin.CoursesitePlugin) if name.startswith("on_")}
    theirs = {f"on_{event}" for event in EVENTS}
    assert ours and ours <= theirs  # a renamed event would silently never run


def test_pagefind_is_installed_and_answers_its_version():
    import subprocess

    program = pagefind.executable()
    assert program is not None
    assert subprocess.run([program, "--version"], capture_output=True, text=True, timeout=30).stdout.startswith(
        "pagefind"
    )


def test_materials_body_is_what_the_offline_copy_marks(plain_site):
    assert (plain_site / "index.html").read_text().count(material.BODY) == 1


def test_mkdocs_serve_watches_the_docs_folder_before_on_serve_and_starts_its_watcher_after():
    """on_serve replaces the watch of the docs folder (our pages are in it) and builds again for edits saved
    before the watcher started (assemble/live.py, plugin.on_serve)."""
    from mkdocs.commands import serve

    source = inspect.getsource(serve.serve)
    order = [source.index(step) for step in ("server.watch(config.docs_dir)", "plugins.on_serve(", "server.serve(")]
    assert order == sorted(order)


def test_mkdocs_live_server_watches_a_folder_without_its_subfolders_and_unwatches_it(tmp_path):
    from mkdocs.livereload import LiveReloadServer

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(tmp_path), recursive=False)
    server.unwatch(str(tmp_path))
    server.server_close()


def test_materials_navigation_is_where_progress_ticks_done_pages(plain_site):
    page = (plain_site / "index.html").read_text()
    assert page.count(material.PRIMARY_NAVIGATION) == 1
    navigation = page.split(material.PRIMARY_NAVIGATION, 1)[1].split("</nav>", 1)[0]
    assert re.search(r'<a href="[^"]*" ' + material.NAVIGATION_LINK, navigation)

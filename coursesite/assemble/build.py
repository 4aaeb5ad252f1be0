"""The commands that run MkDocs: build into a staging folder and swap it in, the offline copy, serve."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config.base import load_config as mkdocs_load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from ..offline import write_zip
from ..pipeline import Conversion, Progress, link_or_copy, remove_stale_staging, swap_in
from ..render import GENERATED_DIR
from . import material, pagefind, stamp
from .plugin import CoursesitePlugin

log = logging.getLogger("mkdocs.plugins.coursesite")


class BuildError(Exception):
    """A build step failed; the previous site stays in place."""


def config_file_for(root: Path, site_name: str) -> tuple[Path, bool]:
    """``root/mkdocs.yml`` when it exists, else a temporary file holding the defaults (True = temporary)."""
    own = root / "mkdocs.yml"
    if own.is_file():
        return own, False
    handle, name = tempfile.mkstemp(prefix="coursesite-", suffix=".yml")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        yaml.safe_dump(material.default_config(root, site_name), stream, sort_keys=False, allow_unicode=True)
    return Path(name), True


def load_config(config_file: Path, **overrides: object) -> MkDocsConfig:
    """The configuration as MkDocs reads it (``!ENV`` and its other tags resolved as MkDocs resolves them)."""
    return mkdocs_load_config(str(config_file), **overrides)


def docs_dir_of(config_file: Path) -> Path:
    """The docs folder the configuration names, as MkDocs' loader reads it (see ``stamp.read_mkdocs_yml``)."""
    docs = Path(str(stamp.read_mkdocs_yml(config_file).get("docs_dir") or "docs"))
    return docs if docs.is_absolute() else (config_file.parent / docs).resolve()


def our_plugin(config: MkDocsConfig) -> CoursesitePlugin | None:
    return next((plugin for plugin in config.plugins.values() if isinstance(plugin, CoursesitePlugin)), None)


class _Warnings(logging.Handler):
    """MkDocs' warnings during a build: counted for the summary, kept for the next nothing-changed build."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(
    conversion: Conversion,
    config_file: Path,
    site_dir: Path,
    strict: bool,
    progress: Progress | None = None,
    offline_zip: Path | None = None,
    force: bool = False,
    finish: Callable[[Path], None] | None = None,
    more_options: dict | None = None,
) -> int:
    """Build with MkDocs into a temporary folder, then swap it in place of ``site_dir`` (and write the offline
    copy, if asked); nothing at all when the last build was made from the same inputs and its output is intact.

    ``finish``: called with the built folder before it is swapped in (a shard's manifest, a merge's other
    parts); ``more_options``: what else it depends on, for the nothing-changed check.
    Returns how many warnings MkDocs logged (broken links in hand-written pages, say), for the summary.
    """
    outputs = [site_dir] if offline_zip is None else [site_dir, offline_zip]
    options = {"site_dir": str(site_dir), "strict": strict, "offline_zip": str(offline_zip) if offline_zip else None}
    options.update(more_options or {})
    now = stamp.inputs(conversion, config_file, options)
    stamp_file = stamp.stamp_path(conversion.root, site_dir)
    earlier = None if force else stamp.read(stamp_file, outputs)
    if earlier is not None and now.reusable and earlier.key == now.key and not (strict and earlier.warnings):
        if progress:
            progress(f"Nothing changed since the last build of {site_dir.name}/: left as it is (--force rebuilds it)")
        for message in earlier.warnings:
            log.warning(message)
        return len(earlier.warnings)
    changed = stamp.changed_files(earlier, now, conversion.docs_dir / GENERATED_DIR) if earlier is not None else None
    if changed is not None and not _pagefind_answers(conversion):
        changed = None  # Material's own index holds only the pages a build rendered: all of them, then
    stamp.forget(stamp_file)  # until this build has finished
    started = time.time()
    warnings = _Warnings()
    logging.getLogger("mkdocs").addHandler(warnings)
    try:
        _build_into(conversion, config_file, site_dir, strict, changed, progress, finish)
        if offline_zip is not None:
            if progress:
                progress("Building the offline copy")
            build_offline_zip(conversion, config_file, offline_zip)
            if progress:
                progress(f"Wrote {offline_zip.name}")
    finally:
        logging.getLogger("mkdocs").removeHandler(warnings)
    if stamp.inputs(conversion, config_file, options).key == now.key:
        stamp.record(stamp_file, now, outputs, warnings.messages, started)
    elif progress:  # what MkDocs read may be either: the next build builds everything again
        progress("A source changed while the site was being built: the next build will build it again")
    return len(warnings.messages)


def _pagefind_answers(conversion: Conversion) -> bool:
    return conversion.catalog.settings.search == "pagefind" and pagefind.executable() is not None


def _build_into(
    conversion: Conversion,
    config_file: Path,
    site_dir: Path,
    strict: bool,
    changed: list[str] | None,
    progress: Progress | None = None,
    finish: Callable[[Path], None] | None = None,
) -> None:
    """MkDocs builds into a staging folder that then replaces ``site_dir``. With ``changed`` (generated files),
    the staging folder starts with the last site's other generated pages, which MkDocs' dirty mode leaves as
    they are: it renders the changed pages and everything outside the generated folder (the home page, the
    theme's files, hand-written pages), and Pagefind indexes the whole site again."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(site_dir.parent)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-new-{os.getpid()}-", dir=site_dir.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; a web server must be able to read the site
    try:
        config = load_config(config_file, site_dir=str(staging), strict=strict, docs_dir=str(conversion.docs_dir))
        if changed is not None and not stamp.usable_for_partial_builds(config):
            changed = None
        if progress:
            what = f"{len(changed)} changed file{'s' if len(changed) != 1 else ''}" if changed is not None else "all"
            progress(f"Building the site with MkDocs ({what})")
        if changed is not None:
            _link_unchanged_pages(site_dir, staging, config, changed)
        _run_mkdocs(conversion, config, config_file, dirty=changed is not None)
        if finish is not None:
            finish(staging)
        swap_in(staging, site_dir)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def _link_unchanged_pages(site_dir: Path, staging: Path, config: MkDocsConfig, changed: list[str]) -> None:
    """Hard links to the last site's generated outputs but those of ``changed``. MkDocs writes no file in this
    folder whose source is older than it (``File.is_modified``), and a source changed since the last build is
    newer: so nothing is written through these links into the site being served."""
    dropped = {
        File(f"{GENERATED_DIR}/{name}", config.docs_dir, str(staging), config.use_directory_urls).dest_uri
        for name in changed
    }
    for folder, _, names in os.walk(site_dir / GENERATED_DIR):
        for name in names:
            source = Path(folder) / name
            relative = source.relative_to(site_dir).as_posix()
            if relative in dropped:
                continue
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            link_or_copy(source, target)


DIRTY_WARNING = "A 'dirty' build is being performed"


class _DirtyNotice(logging.Filter):
    """MkDocs warns that a dirty build may leave navigation stale: ours renders only pages whose navigation did
    not change (``stamp.changed_files``), so that warning is not for the reader (nor for --strict)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


def _run_mkdocs(conversion: Conversion, config: MkDocsConfig, config_file: Path, dirty: bool = False) -> None:
    """MkDocs' own build, with our plugin handed the conversion that already ran (it runs none of its own)."""
    ours = our_plugin(config)
    if ours is None:
        log.warning(
            f"{config_file.name} does not list the coursesite plugin: generated pages need it (their navigation, "
            "Markdown extensions and search index); add '- coursesite' under 'plugins:'"
        )
    else:
        ours.prepared = conversion
    notice = _DirtyNotice()
    builder = logging.getLogger("mkdocs.commands.build")
    builder.addFilter(notice)
    config.plugins.on_startup(command="build", dirty=dirty)
    try:
        mkdocs_build(config, dirty=dirty)
    finally:
        config.plugins.on_shutdown()
        builder.removeFilter(notice)


def refuse_foreign_output(site_dir: Path, zip_path: Path | None = None) -> None:
    """A site folder or offline zip that coursesite did not build may be the user's own work: it is never replaced.

    Every site coursesite builds has its stylesheet; a folder without it (an old Jekyll site, say) stops the build.
    """
    stylesheet = material.STYLESHEET
    if site_dir.exists() and not (
        site_dir.is_dir() and (not any(site_dir.iterdir()) or (site_dir / stylesheet).is_file())
    ):
        raise BuildError(
            f"{site_dir} exists but was not built by coursesite (it has no {stylesheet}); it may hold your own files, "
            "so it was left untouched. Move it, or build elsewhere with --site-dir DIR"
        )
    if zip_path is not None and zip_path.exists():
        try:
            with zipfile.ZipFile(zip_path) as archive:
                ours = f"site/{stylesheet}" in archive.namelist()
        except (OSError, zipfile.BadZipFile):
            ours = False
        if not ours:
            raise BuildError(
                f"{zip_path} exists but was not written by coursesite; it was left untouched. "
                "Move it, or build elsewhere with --site-dir DIR"
            )


def build_offline_zip(conversion: Conversion, config_file: Path, zip_path: Path) -> Path:
    """A second build for reading from disk (file://), zipped: Material's offline plugin, local scripts only."""
    with tempfile.TemporaryDirectory(prefix=f".site-offline-{os.getpid()}-", dir=zip_path.parent) as staging:
        config = load_config(config_file, site_dir=staging, docs_dir=str(conversion.docs_dir))
        # Set before the offline plugin runs, so it does not add its default shim from unpkg.com.
        config.extra["polyfills"] = [*config.extra.get("polyfills", []), material.SHIM]
        config.plugins[material.OFFLINE_PLUGIN] = material.offline_plugin()
        _run_mkdocs(conversion, config, config_file)
        material.drop_unused_theme_files(Path(staging), (material.SOURCE_MAPS,))  # the offline copy searches with lunr
        return write_zip(Path(staging), zip_path)


def serve(config_file: Path, address: str = "127.0.0.1:8000") -> None:
    from mkdocs.commands.serve import serve as mkdocs_serve

    mkdocs_serve(config_file=str(config_file), dev_addr=address, livereload=True)

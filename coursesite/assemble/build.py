"""The commands that run MkDocs: build into a staging folder and swap it in, the offline copy, serve."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import zipfile
from pathlib import Path

import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config.base import load_config as mkdocs_load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils.yaml import yaml_load

from ..offline import write_zip
from ..pipeline import Conversion, Progress, remove_stale_staging, swap_in
from . import material, stamp
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
    """The docs folder the configuration names, read with MkDocs' own YAML loader (``!ENV``, ``INHERIT``) but not
    validated: it may not exist before the first conversion writes into it, which MkDocs' validation refuses."""
    with open(config_file, "rb") as stream:
        data = yaml_load(stream)
    docs = Path(str(data.get("docs_dir") or "docs"))
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
) -> int:
    """Build with MkDocs into a temporary folder, then swap it in place of ``site_dir`` (and write the offline
    copy, if asked); nothing at all when the last build was made from the same inputs and its output is intact.

    Returns how many warnings MkDocs logged (broken links in hand-written pages, say), for the summary.
    """
    outputs = [site_dir] if offline_zip is None else [site_dir, offline_zip]
    options = {"site_dir": str(site_dir), "strict": strict, "offline_zip": str(offline_zip) if offline_zip else None}
    key = stamp.build_key(conversion, config_file, options)
    stamp_file = stamp.stamp_path(conversion.root, site_dir)
    earlier = None if force else stamp.recorded_warnings(stamp_file, key, outputs)
    if earlier is not None and not (strict and earlier):
        if progress:
            progress(f"Nothing changed since the last build of {site_dir.name}/: left as it is (--force rebuilds it)")
        for message in earlier:
            log.warning(message)
        return len(earlier)
    stamp.forget(stamp_file)  # until this build has finished
    warnings = _Warnings()
    logging.getLogger("mkdocs").addHandler(warnings)
    try:
        if progress:
            progress("Building the site with MkDocs")
        _build_into(conversion, config_file, site_dir, strict)
        if offline_zip is not None:
            if progress:
                progress("Building the offline copy")
            build_offline_zip(conversion, config_file, offline_zip)
            if progress:
                progress(f"Wrote {offline_zip.name}")
    finally:
        logging.getLogger("mkdocs").removeHandler(warnings)
    stamp.record(stamp_file, key, outputs, warnings.messages)
    return len(warnings.messages)


def _build_into(conversion: Conversion, config_file: Path, site_dir: Path, strict: bool) -> None:
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(site_dir.parent)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-new-{os.getpid()}-", dir=site_dir.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; a web server must be able to read the site
    try:
        _run_mkdocs(conversion, load_config(config_file, site_dir=str(staging), strict=strict), config_file)
        swap_in(staging, site_dir)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def _run_mkdocs(conversion: Conversion, config: MkDocsConfig, config_file: Path) -> None:
    """MkDocs' own build, with our plugin handed the conversion that already ran (it runs none of its own)."""
    ours = our_plugin(config)
    if ours is None:
        log.warning(
            f"{config_file.name} does not list the coursesite plugin: generated pages need it (their navigation, "
            "Markdown extensions and search index); add '- coursesite' under 'plugins:'"
        )
    else:
        ours.prepared = conversion
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()


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
        config = load_config(config_file, site_dir=staging)
        # Set before the offline plugin runs, so it does not add its default shim from unpkg.com.
        config.extra["polyfills"] = [*config.extra.get("polyfills", []), material.SHIM]
        config.plugins[material.OFFLINE_PLUGIN] = material.offline_plugin()
        _run_mkdocs(conversion, config, config_file)
        material.drop_unused_theme_files(Path(staging), (material.SOURCE_MAPS,))  # the offline copy searches with lunr
        return write_zip(Path(staging), zip_path)


def serve(config_file: Path, address: str = "127.0.0.1:8000") -> None:
    from mkdocs.commands.serve import serve as mkdocs_serve

    mkdocs_serve(config_file=str(config_file), dev_addr=address, livereload=True)

"""A nothing-changed build does nothing, a small change builds little: what the last build was made from.

After each successful build, a stamp records a key of everything MkDocs read (each generated file's digest
from the conversion's signed manifest, the navigation, home page and settings handed to the plugin, every other file of the docs folder and of
the theme's ``custom_dir``, the hooks, the files hand-written pages include, the configuration as MkDocs'
loader reads it, the build's options and the versions of the packages that write the site) and a listing
of the site it left (each file's path, size and modification time). When the next build's key and the site
on disk match the stamp, MkDocs is not run, and the warnings it printed are printed again. When only some
generated files changed (same navigation, same everything else), ``changed_files`` names them, and the
build renders only their pages (``build.py``).

Stamps live in the user's cache (one per project and site folder), signed like the cache: a pull request
cannot commit one.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils import is_markdown_file
from mkdocs.utils.yaml import get_yaml_loader, yaml_load

from .. import __version__
from ..cache import code_fingerprint, file_sha256, project_cache_folder, sign_manifest, verified_manifest
from ..pipeline import MANIFEST, Conversion, read_manifest
from ..render import GENERATED_DIR
from . import pagefind
from .plugin import RGX_INCLUDE


@dataclass(frozen=True)
class Inputs:
    """What a build is made from: ``base`` (everything but the generated files), and each generated file's
    digest (from the conversion's signed manifest)."""

    base: str
    files: dict[str, str]
    reusable: bool = True  # False: the site may read files no key can name (pymdownx.snippets): always build

    @property
    def key(self) -> str:
        return hashlib.sha256(json.dumps([self.base, self.files], sort_keys=True).encode()).hexdigest()


@dataclass(frozen=True)
class Stamp:
    """The last build, as its stamp records it (its site's listing was checked when the stamp was read)."""

    key: str
    base: str
    files: dict[str, str]
    warnings: list[str]
    started: float  # when that build began: every page it wrote is newer


class _Digest:
    """A sha256 of JSON values, one line each."""

    def __init__(self) -> None:
        self.digest = hashlib.sha256()

    def __call__(self, *parts: object) -> None:
        data = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=_stable).encode("utf-8", "replace")
        self.digest.update(data + b"\n")

    def hexdigest(self) -> str:
        return self.digest.hexdigest()


def inputs(conversion: Conversion, config_file: Path, options: dict) -> Inputs:
    """The inputs of the build about to run (see the module's docstring)."""
    add = _Digest()
    config = read_mkdocs_yml(config_file)
    # code_fingerprint: coursesite's code, templates, styles and scripts as they are (an editable install
    # changes them without a new version number); every installed package's version (a theme, a plugin, a
    # Markdown extension named in mkdocs.yml may write other bytes after an upgrade).
    add("coursesite", __version__, code_fingerprint(), _installed(), options, config)
    add("environment", os.environ.get("SOURCE_DATE_EPOCH"), _program(pagefind.executable()))
    add("conversion", conversion.nav, conversion.home, conversion.catalog.settings.__dict__)
    docs = conversion.docs_dir
    _add_hand_written(add, config_file, config, conversion.root, docs)
    manifest = verified_manifest(read_manifest(docs / GENERATED_DIR))
    files = manifest.get("files") if manifest else None
    if not isinstance(files, dict):  # an unsigned tree: its own bytes are the key
        add("unsigned", file_sha256(docs / GENERATED_DIR / MANIFEST))
        files = {}
    extensions = config.get("markdown_extensions")
    named = [next(iter(item)) if isinstance(item, dict) and item else item for item in extensions or []]
    reusable = "pymdownx.snippets" not in named  # a snippet may come from any file on the disk
    return Inputs(add.hexdigest(), {str(name): str(value) for name, value in files.items()}, reusable)


def shard_key(config_file: Path, root: Path, docs: Path, options: dict, part_inputs: object) -> str:
    """What a shard is made from, known before anything is converted, the same on every machine (a CI cache
    keys on it): coursesite's code and the installed packages, mkdocs.yml, the hand-written pages and what
    they include, and ``part_inputs`` (the whole catalog's names and the shard's own sources, from the CLI)."""
    add = _Digest()
    config = read_mkdocs_yml(config_file)
    add("coursesite", __version__, code_fingerprint(), _installed(), options, config)
    add("environment", os.environ.get("SOURCE_DATE_EPOCH"))
    _add_hand_written(add, config_file, config, root, docs, relative_to=config_file.parent)
    add("part", part_inputs)
    return add.hexdigest()


def _add_hand_written(
    add: _Digest, config_file: Path, config: dict, root: Path, docs: Path, relative_to: Path | None = None
) -> None:
    """Every file of the docs folder but the generated pages, the files pages include, the theme's custom_dir
    and the hooks (named relative to ``relative_to`` if given, so that a key is the same in another folder)."""

    def name(path: Path) -> str:
        return (
            path.relative_to(relative_to).as_posix() if relative_to and path.is_relative_to(relative_to) else str(path)
        )

    def add_files(label: str, folder: Path) -> None:
        for path in [folder / file for file, _ in files_with_status(folder)] if folder.is_dir() else [folder]:
            add(label, name(path), file_sha256(path))

    included: set[str] = set()
    for file, _ in files_with_status(docs, skip=docs / GENERATED_DIR):
        path = docs / file
        add(file, file_sha256(path))
        if is_markdown_file(path.name):
            included.update(RGX_INCLUDE.findall(path.read_text("utf-8", "replace")))
    for include in sorted(included):
        add("include", include, file_sha256(root / include))
    theme = config.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    if isinstance(custom, str):
        add_files("custom_dir", config_file.parent / custom)
    for key in ("hooks", "watch"):  # a hook may read any file beside it; watch: names what the site reads
        paths = config.get(key)
        for path in paths if isinstance(paths, list) else []:
            where = config_file.parent / str(path)
            add_files(key, where.parent if key == "hooks" else where)


def read_mkdocs_yml(config_file: Path) -> dict:
    """mkdocs.yml as MkDocs' own loader reads it (``!ENV``, ``!relative``, ``INHERIT``), not validated: its
    docs folder may not exist before the first conversion writes into it, which validation refuses."""
    loader = get_yaml_loader(config=MkDocsConfig(config_file_path=str(config_file)))
    with open(config_file, "rb") as stream:
        return yaml_load(stream, loader)


def _stable(value: object) -> str:
    """A value of mkdocs.yml JSON cannot hold, written the same in every run (``!!python/name:`` gives a function,
    whose ``str`` holds its address)."""
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__name__)}"
    if type(value).__repr__ is object.__repr__:  # its address: the same object reads differently each run
        return f"{type(value).__module__}.{type(value).__qualname__}{sorted(vars(value)) if hasattr(value, '__dict__') else ''}"
    return str(value)


def _installed() -> list[str]:
    return sorted(f"{dist.metadata['Name']}=={dist.version}" for dist in metadata.distributions())


def _program(path: str | None) -> list[object] | None:
    """Which Pagefind would index the site (or none: Material's search then)."""
    if path is None:
        return None
    try:
        status = os.stat(path)
    except OSError:
        return [path]
    return [path, status.st_size, status.st_mtime_ns]


def usable_for_partial_builds(config: MkDocsConfig) -> bool:
    """Whether a dirty build gives what a full one gives with this configuration: not when MkDocs is to warn
    about links to missing anchors (it checks only the pages it renders)."""
    return config.validation.links.anchors < logging.WARNING


def listing(*outputs: Path) -> str:
    """A digest of the files of the site (and the offline zip): their paths, sizes and modification times."""
    digest = hashlib.sha256()
    for output in outputs:
        if output.is_file():
            status = output.stat()
            digest.update(f"{output}\0{status.st_size}\0{status.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
            continue
        for name, status in files_with_status(output):
            line = f"{name}\0{status.st_size}\0{status.st_mtime_ns}\n"
            digest.update(line.encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def files_with_status(folder: Path, skip: Path | None = None) -> list[tuple[str, os.stat_result]]:
    """Every file under ``folder`` but those in ``skip`` (links are not followed, nor counted as files of their
    own target) by its path relative to it, with its status; sorted by that path. Strings, not ``Path``
    objects: at 100x a site holds 40,000 files, and a nothing-changed build lists them once."""
    found: list[tuple[str, os.stat_result]] = []
    pending = [("", str(folder))]
    while pending:
        relative, current = pending.pop()
        if skip is not None and current == str(skip):
            continue
        try:
            with os.scandir(current) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        pending.append((f"{relative}{entry.name}/", entry.path))
                    else:
                        found.append((relative + entry.name, entry.stat(follow_symlinks=False)))
        except OSError:
            continue
    found.sort(key=lambda item: item[0])
    return found


def stamp_path(root: Path, site_dir: Path) -> Path:
    return project_cache_folder(root, "builds") / (hashlib.sha256(str(site_dir).encode()).hexdigest()[:16] + ".json")


def read(path: Path, outputs: list[Path]) -> Stamp | None:
    """The stamp of the last build, if we signed it and the outputs are still as that build left them."""
    try:
        data = verified_manifest(json.loads(path.read_text("utf-8")))
    except (OSError, ValueError):
        return None
    if not data or not all(output.exists() for output in outputs) or data.get("listing") != listing(*outputs):
        return None
    try:
        return Stamp(
            str(data["key"]),
            str(data["base"]),
            dict(data["files"]),
            list(data["warnings"]),
            float(data["started"]),
        )
    except (KeyError, TypeError, ValueError):
        return None


def changed_files(earlier: Stamp, now: Inputs, generated: Path) -> list[str] | None:
    """The generated files whose bytes changed since the last build, when nothing else did (same other inputs,
    same set of files: the navigation and every other page are as they were); else None.

    Also None if an unchanged file under ``generated`` is not older than the last build: MkDocs' dirty mode
    would take it for a changed one (a clock set back, a copy with future times) and rewrite its page.
    """
    if not now.reusable or earlier.base != now.base or earlier.files.keys() != now.files.keys():
        return None
    changed = sorted(name for name, digest in now.files.items() if earlier.files[name] != digest)
    unchanged = set(now.files).difference(changed)
    try:
        if any((generated / name).stat().st_mtime >= earlier.started for name in unchanged):
            return None
    except OSError:
        return None
    return changed


def record(path: Path, now: Inputs, outputs: list[Path], warnings: list[str], started: float) -> None:
    data = {
        "key": now.key,
        "base": now.base,
        "files": now.files,
        "listing": listing(*outputs),
        "warnings": warnings,
        "started": started,
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}-{os.getpid()}")
        temporary.write_text(json.dumps(sign_manifest(data)), "utf-8")
        os.replace(temporary, path)
    except OSError:  # no stamp: the next build is a full one
        pass


def forget(stamp: Path) -> None:
    stamp.unlink(missing_ok=True)

"""A content-hash cache of converted items, so an unchanged video or lab is never converted twice.

The key of an item is a hash of: the coursesite version, the site settings, what the item is called and
where it sits (course and week titles), and the bytes of each of its source files. File digests are
remembered by size and modification time so that an unchanged tree is not read again.

Anyone who can open a pull request can also write this folder (commit ``.coursesite-cache/``), and can
compute every key. So what is read back is data only (JSON and raw bytes, never pickle), and it is used
only if it carries an HMAC made with a secret that lives outside the repository (``secret_key``): a
forged entry is a cache miss. A cache folder that git tracks is not read at all (``tracked_by_git``).

Layout: ``files.json`` (the size and time → digest memo, sealed), ``items/<k[:2]>/<key>.head`` (sealed
JSON: page digests, diagnostics, the item's summary and the body's sha256), ``<key>.body`` (a JSON index
of names and lengths, a newline, then the files' bytes) and ``spare-tree/`` (see ``pipeline._TreeWriter``).
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import logging
import os
import re
import subprocess
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from . import __version__
from .children import ending_with_this_process
from .model import Diagnostic, Lab, LabFile, RenderedNotes, Severity, SourceCopy, Transcript, Video

CACHE_DIR = ".coursesite-cache"
FORMAT = 2  # bump when the cached value's shape changes (2: signed JSON and raw bytes instead of pickle)
SECRET_ENV = "COURSESITE_CACHE_SECRET"
RGX_ENTRY = re.compile(r"[0-9a-f]{64}\.(?:head|body)|\.tmp-\w+")  # an item's parts, or one being written
GIT_TIMEOUT = 10  # seconds; `git ls-files` of one folder takes milliseconds

log = logging.getLogger(__name__)


@dataclass
class ItemHead:
    """What the cache keeps of a converted item besides its files: enough for course and week pages."""

    digests: dict[str, str]  # generated path → sha256
    diagnostics: list[Diagnostic]
    summary: Video | Lab | RenderedNotes  # from pipeline.summarize: no cue text, no file bytes

    def to_data(self) -> dict:
        return {
            "digests": self.digests,
            "diagnostics": [[d.path, d.line, d.column, d.severity.value, d.message] for d in self.diagnostics],
            "summary": summary_data(self.summary),
        }

    @classmethod
    def from_data(cls, data: dict) -> ItemHead:
        diagnostics = [
            Diagnostic(path, line, col, Severity(severity), text)
            for path, line, col, severity, text in data["diagnostics"]
        ]
        return cls(dict(data["digests"]), diagnostics, summary_from_data(data["summary"]))


def summary_data(item: Video | Lab | RenderedNotes) -> dict:
    if isinstance(item, RenderedNotes):
        return {"kind": "notes", "page": item.page, "markup": item.markup}
    if isinstance(item, Video):
        transcripts = [
            {
                "source": t.source,
                "language": t.language,
                "format": t.format,
                "readable": t.readable,
                "problem": t.problem,
                "duration_ms": t.duration_ms,
            }
            for t in item.transcripts
        ]
        return {
            "kind": "video",
            "slug": item.slug,
            "title": item.title,
            "transcripts": transcripts,
            "url": item.url,
            "description": item.description,
        }
    files = [{"source": f.source, "name": f.name, "size": f.size, "problem": f.problem} for f in item.files]
    return {
        "kind": "lab",
        "slug": item.slug,
        "title": item.title,
        "source": item.source,
        "files": files,
        "is_folder": item.is_folder,
        "description": item.description,
    }


def summary_from_data(data: dict) -> Video | Lab | RenderedNotes:
    if data["kind"] == "notes":
        return RenderedNotes(str(data["page"]), str(data["markup"]))
    if data["kind"] == "video":
        transcripts = tuple(
            Transcript(t["source"], t["language"], t["format"], (), b"", t["readable"], t["problem"], t["duration_ms"])
            for t in data["transcripts"]
        )
        return Video(data["slug"], data["title"], transcripts, data["url"], data["description"])
    files = tuple(LabFile(f["source"], f["name"], f["size"], problem=f["problem"]) for f in data["files"])
    return Lab(data["slug"], data["title"], data["source"], files, data["is_folder"], data["description"])


class Cache:
    def __init__(self, root: Path, enabled: bool = True, folder: Path | None = None) -> None:
        # ``folder``: a cache of its own (a shard's: each build drops the items it did not use, so shards
        # built one after another in one root must not share one).
        self.folder = folder or root / CACHE_DIR
        self.root = root
        self.enabled = enabled
        self.secret = secret_key() if enabled else b""
        self._stats: dict[str, list] = self._load_stats() if enabled else {}
        self._stats_changed = False
        self._body_digests: dict[str, str] = {}  # key → the body's sha256, from its verified head
        self.used: set[str] = set()

    # -- file digests ------------------------------------------------------------------------------
    def _load_stats(self) -> dict[str, list]:
        try:
            payload = unseal("files", (self.folder / "files.json").read_bytes(), self.secret)
            data = json.loads(payload) if payload is not None else {}
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def file_digest(self, source: str) -> str:
        """sha256 of a source file, re-read only when its size or modification time changed."""
        path = self.root / source
        try:
            stat = path.stat()
        except OSError:
            return "missing"
        remembered = self._stats.get(source)
        if remembered and remembered[0] == stat.st_size and remembered[1] == stat.st_mtime_ns:
            return remembered[2]
        digest = file_sha256(path)
        if digest is None:
            return "missing"
        self._stats[source] = [stat.st_size, stat.st_mtime_ns, digest]
        self._stats_changed = True
        return digest

    # -- items -------------------------------------------------------------------------------------
    def key(self, description: object, sources: list[str]) -> str:
        hasher = hashlib.sha256(f"{FORMAT}\0{__version__}\0{code_fingerprint()}\0".encode())
        hasher.update(json.dumps(description, sort_keys=True, default=str).encode())
        for source in sources:
            hasher.update(f"\0{source}\0{self.file_digest(source)}".encode())
        return hasher.hexdigest()

    def head(self, key: str) -> ItemHead | None:
        """The item's digests, diagnostics and summary, or None (not cached, or not signed with our secret)."""
        if not self.enabled:
            return None
        try:
            payload = unseal(f"head {key}", _item_path(self.folder, key, "head").read_bytes(), self.secret)
            if payload is None:
                return None
            data = json.loads(payload)
            head = ItemHead.from_data(data)
            self._body_digests[key] = data["body"]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        self.used.add(key)
        return head

    def body(self, key: str) -> dict[str, bytes] | None:
        """The item's generated files, if the bytes are those its verified head names (``head`` first)."""
        expected = self._body_digests.get(key)
        if not self.enabled or expected is None:
            return None
        try:
            data = _item_path(self.folder, key, "body").read_bytes()
        except OSError:
            return None
        if not hmac.compare_digest(hashlib.sha256(data).hexdigest(), expected):
            return None
        return unpack_files(data)

    def put(self, key: str, head: ItemHead, body: dict[str, bytes]) -> None:
        if not self.enabled:
            return
        write_item(self.folder, key, head, body)
        self.used.add(key)

    def items_folder(self) -> Path | None:
        """Where ``write_item`` puts items (for worker processes), or None when the cache is off."""
        return self.folder if self.enabled else None

    def mark_used(self, key: str) -> None:
        """An item a worker process wrote with ``write_item``: keep it when saving."""
        self.used.add(key)

    def save(self) -> None:
        """Persist the file digests and drop cached items no longer used by any source."""
        if not self.enabled:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        if self._stats_changed:
            stats = json.dumps(self._stats, sort_keys=True).encode()
            _atomic_write(self.folder / "files.json", seal("files", stats, self.secret))
        # Only our own names, in real folders: a pull request could commit items/ab as a link to a
        # folder of the user's, whose files this would otherwise delete.
        items = self.folder / "items"
        if self.folder.is_symlink() or items.is_symlink() or not items.is_dir():
            return
        for folder in items.iterdir():
            if folder.is_symlink() or not folder.is_dir():
                continue
            for entry in folder.iterdir():
                if RGX_ENTRY.fullmatch(entry.name) and entry.name.partition(".")[0] not in self.used:
                    entry.unlink(missing_ok=True)
            if not any(folder.iterdir()):
                folder.rmdir()


def write_item(cache_folder: Path, key: str, head: ItemHead, body: dict[str, bytes]) -> None:
    """Store one item's parts; safe from several processes at once (each file is written whole, then renamed).

    The body goes first and the head, which names the body's digest, last: a reader that finds a head
    from one writer and a body from another sees a digest that does not match, a cache miss.
    """
    folder = cache_folder / "items" / key[:2]
    folder.mkdir(parents=True, exist_ok=True)
    packed = pack_files(body)
    head_data = {**head.to_data(), "body": hashlib.sha256(packed).hexdigest()}
    _atomic_write(_item_path(cache_folder, key, "body"), packed)
    payload = json.dumps(head_data, ensure_ascii=False, sort_keys=True).encode()
    _atomic_write(_item_path(cache_folder, key, "head"), seal(f"head {key}", payload, secret_key()))


def _item_path(cache_folder: Path, key: str, part: str) -> Path:
    return cache_folder / "items" / key[:2] / f"{key}.{part}"


def file_sha256(path: Path) -> str | None:
    """sha256 of a file, read in blocks (a video is hundreds of MB); None when it cannot be read."""
    try:
        with open(path, "rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError:
        return None


def pack_files(files: dict[str, bytes]) -> bytes:
    """Generated files as one blob: a JSON list of [name, length] ([name, length, "copy"] for a
    ``SourceCopy``), a newline, then the bytes in that order."""
    index = json.dumps(
        [
            [name, len(data), "copy"] if isinstance(data, SourceCopy) else [name, len(data)]
            for name, data in files.items()
        ]
    )  # ASCII: no newline inside
    return index.encode() + b"\n" + b"".join(files.values())


def unpack_files(blob: bytes) -> dict[str, bytes] | None:
    index, _, rest = blob.partition(b"\n")
    try:
        entries = json.loads(index)
        files, offset = {}, 0
        for name, length, *kind in entries:
            if not isinstance(name, str) or not isinstance(length, int) or length < 0 or kind not in ([], ["copy"]):
                return None
            data = rest[offset : offset + length]
            files[name] = SourceCopy(data) if kind else data
            offset += length
    except (ValueError, TypeError):
        return None
    return files if offset == len(rest) else None


# -- the secret ------------------------------------------------------------------------------------
def user_cache_home() -> Path:
    """``$XDG_CACHE_HOME/coursesite`` (``~/.cache/coursesite``): ours, outside any repository we build."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    return (Path(base) if os.path.isabs(base) else Path.home() / ".cache") / "coursesite"


def project_cache_folder(root: Path, name: str) -> Path:
    """A folder of ours for one project in ``user_cache_home()``, where no pull request can write."""
    return user_cache_home() / name / hashlib.sha256(str(root).encode()).hexdigest()[:16]


_secrets: dict[str, bytes] = {}  # per file: read once per process (worker processes inherit it)


def secret_key() -> bytes:
    """The key cache entries and generated-page manifests are signed with: ``$COURSESITE_CACHE_SECRET``,
    else ``cache-secret`` in ``user_cache_home()``, made from 32 random bytes on first use (mode 0600)."""
    configured = os.environ.get(SECRET_ENV)
    if configured:
        return configured.encode()
    path = user_cache_home() / "cache-secret"
    if str(path) not in _secrets:
        _secrets[str(path)] = _read_or_create_secret(path)
    return _secrets[str(path)]


def _read_or_create_secret(path: Path) -> bytes:
    try:
        secret = path.read_bytes()
        if len(secret) >= 32:
            return secret
    except FileNotFoundError:
        pass
    except OSError as error:
        return _secret_for_this_run(path, error)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")  # mode 0600
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(os.urandom(32))
            try:
                os.link(temporary, path)  # the first process wins; the others read its secret below
            except FileExistsError:
                if len(path.read_bytes()) < 32:  # left empty or cut short: replace it
                    os.replace(temporary, path)
        finally:
            Path(temporary).unlink(missing_ok=True)
        return path.read_bytes()
    except OSError as error:
        return _secret_for_this_run(path, error)


def _secret_for_this_run(path: Path, error: OSError) -> bytes:
    log.warning(f"coursesite: cannot keep a cache secret in {path} ({error}); set {SECRET_ENV} to cache across runs")
    return os.urandom(32)


def seal(purpose: str, payload: bytes, secret: bytes) -> bytes:
    """``payload`` behind a line with its HMAC-SHA256; ``purpose`` (say, the item's key) is signed with it,
    so a genuine file copied to another name does not verify."""
    return _mac(purpose, payload, secret).encode() + b"\n" + payload


def unseal(purpose: str, sealed: bytes, secret: bytes) -> bytes | None:
    """The payload of a sealed file, or None when its HMAC is missing or wrong."""
    mac, newline, payload = sealed.partition(b"\n")
    if not newline or not hmac.compare_digest(mac, _mac(purpose, payload, secret).encode()):
        return None
    return payload


def _mac(purpose: str, payload: bytes, secret: bytes) -> str:
    return hmac.new(secret, f"coursesite {FORMAT} {purpose}\0".encode() + payload, hashlib.sha256).hexdigest()


def sign_manifest(manifest: dict) -> dict:
    """The generated tree's manifest with a ``signature``: it says which pages need not be written again."""
    return {**manifest, "signature": _mac("manifest", _canonical(manifest), secret_key())}


def verified_manifest(manifest: dict | None) -> dict | None:
    """``manifest`` without its signature if we signed it, else None (a contributor could have written it)."""
    if not isinstance(manifest, dict) or not isinstance(manifest.get("signature"), str):
        return None
    unsigned = {name: value for name, value in manifest.items() if name != "signature"}
    expected = _mac("manifest", _canonical(unsigned), secret_key())
    return unsigned if hmac.compare_digest(manifest["signature"].encode(), expected.encode()) else None


def _canonical(data: dict) -> bytes:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


# -- folders git tracks ----------------------------------------------------------------------------
def tracked_by_git(root: Path, folders: list[Path]) -> set[Path]:
    """Those of ``folders`` (under ``root``) that hold files git tracks, each with a warning saying how to
    stop it: a pull request could have put anything there, signed or not, so this build does not use them.
    One ``git ls-files``; no git, or no repository, means none.
    """
    relative = {folder: folder.relative_to(root).as_posix() for folder in folders if folder.is_relative_to(root)}
    if not relative:
        return set()
    # -c: a pull request cannot set git's config, but it could make the root look like a bare repository
    # whose config runs a command (core.fsmonitor); safe.bareRepository needs git 2.38.
    command = ["git", "-c", "safe.bareRepository=explicit", "-c", "core.fsmonitor=false", "ls-files", "-z", "--"]
    try:
        listed = subprocess.run(
            [*command, *relative.values()],
            cwd=root,
            capture_output=True,
            timeout=GIT_TIMEOUT,
            check=False,
            preexec_fn=ending_with_this_process(),  # a killed build leaves no git behind
        )
    except subprocess.TimeoutExpired:
        names = ", ".join(relative.values())
        log.warning(f"coursesite: git ls-files did not answer in {GIT_TIMEOUT} s; not using {names} in this build")
        return set(relative)
    except OSError:  # no git
        return set()
    if listed.returncode != 0:  # not a repository
        return set()
    paths = [name.decode("utf-8", "surrogateescape") for name in listed.stdout.split(b"\0") if name]
    tracked = {folder for folder, name in relative.items() if any(p == name or p.startswith(name + "/") for p in paths)}
    for folder in sorted(tracked):
        name = relative[folder]
        log.warning(
            f"coursesite: {name}/ is tracked by git, so a pull request could have forged what is in it: this build "
            f"does not use it (it works without it, only slower). Fix: git rm -r --cached {name} "
            f"and add /{name}/ to .gitignore"
        )
    return tracked


# The packages whose output is in a converted page: a new version of one may render the same source otherwise.
RENDERING_PACKAGES = (
    "Pygments",
    "nh3",
    "markdown-it-py",
    "mdit-py-plugins",
    "linkify-it-py",
    "pymdown-extensions",  # its emoji database
    "nbformat",
    "Jinja2",
    "charset-normalizer",
)


@functools.cache
def code_fingerprint() -> str:
    """A hash of coursesite's own code, templates, styles and scripts, and of the versions of the packages that render with it:
    changing any of them invalidates every cached page."""
    package = Path(__file__).resolve().parent
    hasher = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".j2", ".css", ".js"):
            hasher.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    for name in RENDERING_PACKAGES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        hasher.update(f"{name}=={version}\0".encode())
    return hasher.hexdigest()


def _atomic_write(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
    os.replace(temporary, path)

"""Shards as MkDocs builds them: a shard's own docs folder, its manifest, its reuse by key, and the merge.

A shard's folder (``site-shards/2-of-4/``) holds a site whose own courses' pages are finished (their
navigation names every course: see ``coursesite/shards.py``), its search bundles
(``search/pagefind-2-of-4*``) and ``coursesite-shard.json``: its key, its courses and what the merge needs of
them (their items' summaries, for the home page and the catalog), and every file it publishes. ``merge``
builds the frame (the home page, the catalog, hand-written pages, the theme's files, 404 and sitemap) with
MkDocs, every course page excluded, then copies each shard's course folders and search bundles beside it,
lists every bundle for the search worker to merge (Pagefind's mergeIndex), and joins the sitemaps.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from stat import S_ISREG

from .. import __version__, symlinks
from ..cache import CACHE_DIR, summary_data, summary_from_data
from ..discover import Plan
from ..model import Lab, Video
from ..pipeline import Conversion, Progress, catalog_key, item_page, link_or_copy, part_cache_folder
from ..render import GENERATED_DIR
from ..shards import MANIFEST, Part, Shard, ShardError
from . import pagefind, stamp

# GitHub Pages publishes sites of at most 1 GB (docs.github.com: "Published GitHub Pages sites may be no
# larger than 1 GB"); a build or merge past it says so before anything is deployed.
PAGES_LIMIT = 1024**3
SITEMAP = "sitemap.xml"
RGX_URL = re.compile(r"\s*<url>.*?</url>", re.DOTALL)
RGX_LASTMOD = re.compile(r"<lastmod>([^<]+)</lastmod>")


class MergeError(ShardError):
    """Shards that cannot be merged (one missing, built from other sources, not a shard); nothing was written."""


def docs_folder(root: Path, part: Part, docs_dir: Path) -> Path:
    """A docs folder of the part's own, so that shards built at once in one root (and a merge) never write
    each other's generated pages: the hand-written files of ``docs_dir`` as hard links, and the part's
    generated pages. Its files are linked anew each time; the generated folder is left to the conversion."""
    links = symlinks.links_under(docs_dir) if docs_dir.is_dir() else []
    if links:
        shown = ", ".join(link.relative_to(root).as_posix() for link in links if link.is_relative_to(root))
        raise ShardError(f"{shown}: {symlinks.MESSAGE}. The docs folder must hold no links; nothing was built")
    base = part_cache_folder(root, part) or root / CACHE_DIR / "merge"
    folder = base / "docs"
    folder.mkdir(parents=True, exist_ok=True)
    for entry in folder.iterdir():
        if entry.name == GENERATED_DIR:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    if docs_dir.is_dir():
        for source in sorted(docs_dir.rglob("*")):
            relative = source.relative_to(docs_dir)
            if relative.parts[0] == GENERATED_DIR or source.is_dir():
                continue
            target = folder / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            link_or_copy(source, target)
    return folder


# -- a shard's manifest ------------------------------------------------------------------------------------
def shard_files(site: Path, part: Part) -> dict[str, int]:
    """What a shard publishes, with each file's size: its courses' folders and its search bundles (paths under
    the site, sorted)."""
    tops = [site / GENERATED_DIR / slug for slug in sorted(part.courses)] + bundles_of(site, part)
    found = {
        f"{top.relative_to(site).as_posix()}/{name}": status.st_size
        for top in tops
        for name, status in stamp.files_with_status(top)
        if S_ISREG(status.st_mode)
    }
    return dict(sorted(found.items()))


def bundles_of(site: Path, part: Part) -> list[Path]:
    search = site / "search"
    name = part.bundle
    return (
        sorted(
            path
            for path in search.glob(f"{name}*")
            if path.is_dir() and (path.name == name or path.name.startswith(name + "-"))
        )
        if search.is_dir()
        else []
    )


def manifest_writer(conversion: Conversion, plan: Plan, shard: Shard, key: str) -> Callable[[Path], None]:
    """What ``build_site`` calls on the built shard before swapping it in: its ``coursesite-shard.json``."""
    part = conversion.part
    assert part is not None

    def write(site: Path) -> None:
        courses = [course for course in conversion.catalog.courses if course.slug in part.courses]
        summaries = {
            item_page(course, week, item): summary_data(item)
            for course in courses
            for week in course.weeks
            for item in (*week.videos, *week.labs)
        }
        data = {
            "generator": f"coursesite {__version__}",
            "shard": str(shard),
            "key": key,
            "catalog": catalog_key(plan),
            "courses": [course.slug for course in courses],
            "bundles": [bundle.relative_to(site).as_posix() for bundle in bundles_of(site, part)],
            "summaries": summaries,
            "files": shard_files(site, part),
        }
        (site / MANIFEST).write_text(json.dumps(data, ensure_ascii=False, sort_keys=True, indent=0), "utf-8")

    return write


def read_manifest(site: Path) -> dict | None:
    try:
        data = json.loads((site / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def reusable(site: Path, key: str) -> bool:
    """Whether ``site`` is the shard of this key, whole (every file its manifest lists, at its size)."""
    data = read_manifest(site)
    if data is None or data.get("key") != key or not isinstance(data.get("files"), dict):
        return False
    for name, size in data["files"].items():
        try:
            if (site / name).stat().st_size != size:
                return False
        except OSError:
            return False
    return True


# -- the merge ---------------------------------------------------------------------------------------------
def read_shards(folders: list[Path], plan: Plan) -> list[tuple[Path, dict]]:
    """Each shard's folder and manifest, in shard order; a MergeError unless they are all the N shards of one
    catalog, the one discovered here, each course in exactly one."""
    found: dict[int, tuple[Path, dict]] = {}
    counts = set()
    for folder in folders:
        data = read_manifest(folder)
        if data is None or not isinstance(data.get("shard"), str):
            raise MergeError(
                f"{folder} is not a shard (no readable {MANIFEST}): build it with coursesite build --shard K/N"
            )
        number, _, count = data["shard"].partition("/")
        if int(number) in found:
            raise MergeError(f"{folder} and {found[int(number)][0]} are both shard {data['shard']}")
        counts.add(int(count))
        found[int(number)] = (folder, data)
        if data.get("catalog") != catalog_key(plan):
            raise MergeError(
                f"shard {data['shard']} ({folder}) was built from other sources than those in {plan.root} (another "
                "course, week or title): build it again from these sources"
            )
    if len(counts) > 1:
        raise MergeError(f"the shards were cut in different numbers of parts ({', '.join(map(str, sorted(counts)))})")
    count = counts.pop() if counts else 0
    missing = [f"{number}/{count}" for number in range(1, count + 1) if number not in found]
    if missing or not found:
        raise MergeError(
            f"shard{'s' if len(missing) != 1 else ''} {', '.join(missing) or '?'} missing: nothing was merged"
        )
    owners: dict[str, str] = {}
    for _, data in found.values():
        for slug in data.get("courses", []):
            if slug in owners:
                raise MergeError(f"course {slug!r} is in shard {owners[slug]} and in shard {data['shard']}")
            owners[slug] = data["shard"]
    lost = [course.slug for course in plan.courses if course.slug not in owners]
    if lost:
        raise MergeError(f"no shard holds course{'s' if len(lost) != 1 else ''} {', '.join(lost)}: nothing was merged")
    return [found[number] for number in sorted(found)]


def summaries(shards: list[tuple[Path, dict]]) -> dict[str, Video | Lab]:
    """Every item's summary, by page, as its shard found it: what the home page and the catalog show."""
    found: dict[str, Video | Lab] = {}
    for _, data in shards:
        for page, summary in data.get("summaries", {}).items():
            item = summary_from_data(summary)
            if isinstance(item, (Video, Lab)):
                found[page] = item
    return found


def joiner(shards: list[tuple[Path, dict]], progress: Progress | None = None) -> Callable[[Path], None]:
    """What ``build_site`` calls on the built frame before swapping it in: the shards' parts copied in (hard
    links where the disk allows), every search bundle listed, the sitemaps joined, Material's lunr index too."""

    def join(site: Path) -> None:
        if progress:
            progress(f"Joining {len(shards)} shard{'s' if len(shards) != 1 else ''}")
        bundles = (
            json.loads((site / pagefind.PAGEFIND_MORE).read_text("utf-8"))
            if (site / pagefind.PAGEFIND_MORE).is_file()
            else None
        )
        for folder, data in shards:
            for name in data["files"]:
                target = site / name
                if target.exists():
                    raise MergeError(f"{name} of shard {data['shard']} is also in another part of the site")
                target.parent.mkdir(parents=True, exist_ok=True)
                link_or_copy(folder / name, target)
            if bundles is not None:
                bundles += [f"{bundle}/" for bundle in data.get("bundles", [])]
        if bundles is not None:
            (site / pagefind.PAGEFIND_MORE).write_text(json.dumps(bundles), "utf-8")
        _join_sitemaps(site, shards)
        _join_lunr(site, shards)

    return join


def _join_sitemaps(site: Path, shards: list[tuple[Path, dict]]) -> None:
    """The shards' entries in the frame's sitemap, after the catalog's, courses in the order MkDocs walks their
    folders (by name): where an unsharded build lists them."""
    frame = site / SITEMAP
    if not frame.is_file():
        return
    text = frame.read_text("utf-8")
    entries: dict[str, list[str]] = {}
    for folder, data in shards:
        if not (folder / SITEMAP).is_file():
            continue
        shard_text = (folder / SITEMAP).read_text("utf-8")
        for slug in data.get("courses", []):
            marker = f"/{GENERATED_DIR}/{slug}/"
            entries[slug] = [entry for entry in RGX_URL.findall(shard_text) if marker in entry.split("</loc>")[0]]
    ordered = [entry for slug in sorted(entries) for entry in entries[slug]]
    if not ordered:
        return
    frame_entries = RGX_URL.findall(text)
    catalog = next((i for i, entry in enumerate(frame_entries) if f"/{GENERATED_DIR}/</loc>" in entry), None)
    if catalog is not None:
        at = text.index(frame_entries[catalog]) + len(frame_entries[catalog])
    else:
        at = text.rindex("</urlset>")
    text = text[:at] + "".join(ordered) + text[at:]
    frame.write_text(text, "utf-8")
    dates = [datetime.fromisoformat(date).replace(tzinfo=UTC) for date in RGX_LASTMOD.findall(text)]
    gz = site / f"{SITEMAP}.gz"
    mtime = int(max(dates).timestamp()) if dates else 0
    with open(gz, "wb") as stream, gzip.GzipFile(fileobj=stream, filename=str(gz), mode="wb", mtime=mtime) as packed:
        packed.write(text.encode("utf-8"))


def _join_lunr(site: Path, shards: list[tuple[Path, dict]]) -> None:
    """Material's own index (``search: lunr``): the shards' documents of their own courses added to the frame's."""
    index = site / "search" / "search_index.json"
    if not index.is_file():
        return
    data = json.loads(index.read_text("utf-8"))
    if not data.get("docs"):  # Pagefind answers: the file holds only settings
        return
    for folder, shard in shards:
        try:
            docs = json.loads((folder / "search" / "search_index.json").read_text("utf-8")).get("docs", [])
        except (OSError, ValueError):
            continue
        prefixes = tuple(f"{GENERATED_DIR}/{slug}/" for slug in shard.get("courses", []))
        data["docs"] += [doc for doc in docs if str(doc.get("location", "")).startswith(prefixes)]
    index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")


# -- publishing limits ---------------------------------------------------------------------------------------
def site_bytes(site: Path) -> int:
    return sum(status.st_size for _, status in stamp.files_with_status(site) if S_ISREG(status.st_mode))


def size_warning(site: Path, what: str = "site") -> str | None:
    """A warning when ``site`` is larger than GitHub Pages publishes, naming its size."""
    size = site_bytes(site)
    if size <= PAGES_LIMIT:
        return None
    return (
        f"the {what} in {site} is {size / 1024**3:.2f} GB, more than the 1 GB GitHub Pages publishes: deploy it to "
        "another static host, or publish its shards as several sites (README: Large archives)"
    )

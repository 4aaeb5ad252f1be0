"""The one path data takes: discover → load → render → write the generated Markdown tree.

Each video and each lab is a unit of work: converted in a worker process (all cores) within a time and
memory budget (``budget.py``), remembered in a content-hash cache, and skipped entirely when neither its
sources nor its context changed. Course and week pages are rendered from light summaries of the items.

Generated pages go to ``<docs_dir>/courses/``. That folder is ours alone: it carries a manifest
(``.coursesite.json``), a folder of that name that we did not make is never touched, and it is replaced
as a whole by a rename, so an interrupted run leaves the previous pages in place.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from . import __version__, symlinks
from .budget import MEMORY_VARIABLE, SECONDS_VARIABLE, Budget, Overrun, run_within_budget
from .cache import (
    CACHE_DIR,
    Cache,
    ItemHead,
    file_sha256,
    sign_manifest,
    tracked_by_git,
    verified_manifest,
    write_item,
)
from .discover import CoursePlan, LabPlan, Plan, VideoPlan, WeekPlan, discover
from .links import SECTION, LinkTargets, load_targets
from .load import listed_lab, listed_video, load_lab, load_note, load_video
from .model import Catalog, Course, Diagnostic, Lab, LabFile, Note, RenderedNotes, Settings, SourceCopy, Video, Week
from .render import (
    GENERATED_DIR,
    RenderedSite,
    file_anchor,
    published_name,
    render_item,
    render_notes,
    render_structure,
    shown_as_section,
)
from .shards import Part, whole_site

MANIFEST = ".coursesite.json"
RGX_STAGING = re.compile(r"\.[\w.-]+?-(?:new|old|offline)-(?P<pid>\d+)(?:-[\w]+)?")

Progress = Callable[[str], None]


class GeneratedDirError(Exception):
    """The generated folder holds files coursesite did not write; nothing was changed."""


def refuse_linked_outputs(*paths: Path) -> None:
    """Output folders and files coursesite writes, deletes or renames must not be links: a committed link
    (``.coursesite-cache`` → a folder of the user's) would have coursesite write and prune files there."""
    for path in paths:
        if symlinks.is_link(path):
            raise GeneratedDirError(
                f"{path} is a symbolic link; coursesite writes only into folders it owns and never follows links, "
                "so nothing was changed. Remove the link and run again."
            )


@dataclass
class Conversion:
    root: Path
    docs_dir: Path
    catalog: Catalog  # with light items: titles, lengths and file lists, no cue text or file bytes
    diagnostics: list[Diagnostic]
    nav: list
    home: str
    written: bool  # False when every generated page was already up to date
    seconds: float
    counts: dict[str, int] = field(default_factory=dict)
    converted: int = 0  # items converted in this run; the others came from the cache
    unpublished: list[tuple[str, str, int]] = field(default_factory=list)  # see discover.Plan
    part: Part | None = None  # what of the site this conversion wrote (shards.py); None: all of it
    # Generated pages and files of the whole site that this part does not write (other shards' courses):
    # MkDocs is told they exist, so navigation and links to them are written as in the whole site.
    elsewhere: list[str] = field(default_factory=list)

    @property
    def sharded(self) -> bool:
        """Whether this conversion wrote part of the site only (a shard, or the frame a merge builds)."""
        return self.part is not None and not self.part.whole


@dataclass(frozen=True)
class ItemJob:
    root: Path
    course: Course  # only slug, title and number are used
    week: Week
    plan: VideoPlan | LabPlan
    settings: Settings
    links: tuple[str, str] | None = None  # (file, digest) of the LinkTargets a lab's links are placed by

    def description(self) -> dict:
        """Everything besides source bytes that changes the item's pages: part of its cache key."""
        return {
            "course": [self.course.slug, self.course.title],
            "week": [self.week.slug, self.week.title],
            "kind": type(self.plan).__name__,
            "plan": self.plan.__dict__,
            "settings": self.settings.__dict__,
            "links": self.links[1] if self.links is not None else None,
        }

    @property
    def page(self) -> str:
        """The item's page folder under the generated tree: its key in the catalog."""
        return item_page(self.course, self.week, self.plan)

    def sources(self) -> list[str]:
        if isinstance(self.plan, VideoPlan):
            return [*(source for _, source in self.plan.files), *self.plan.extras]
        return list(self.plan.files)


@dataclass(frozen=True)
class NotesJob:
    """The notes (READMEs) shown at the top of one page: rendered in a worker within the budget, and cached,
    like the videos and labs (a note is a source like any other)."""

    root: Path
    page: str  # the page they top, under the docs folder (index.md, courses/<course>/index.md, …)
    title: str  # the page's title: a first heading that says the same is not repeated
    notes: tuple[str, ...]
    links: tuple[str, str] | None = None

    def description(self) -> dict:
        return {"kind": "notes", "page": self.page, "title": self.title, "links": self.links[1] if self.links else None}

    def sources(self) -> list[str]:
        return list(self.notes)


Job = ItemJob | NotesJob


def item_page(course: Course | CoursePlan, week: Week | WeekPlan, item: VideoPlan | LabPlan) -> str:
    return f"{course.slug}/{week.slug}/{item.slug}"


def convert_item(job: Job) -> tuple[ItemHead, dict[str, bytes]]:
    """Parse and render one video or lab, or one page's notes. Runs in a worker process."""
    diagnostics: list[Diagnostic] = []
    if isinstance(job, NotesJob):
        notes = tuple(load_note(job.root, source, diagnostics) for source in job.notes)
        site = RenderedSite(files={}, nav=[], home="")
        targets = load_targets(*job.links) if job.links is not None else None
        markup = render_notes(notes, job.page, targets, site, job.title)
        digests = {name: _digest(data) for name, data in site.files.items()}
        return ItemHead(digests, diagnostics + site.diagnostics, RenderedNotes(job.page, str(markup))), site.files
    if isinstance(job.plan, VideoPlan):
        item: Video | Lab = load_video(job.root, job.plan, job.settings.default_language, diagnostics)
    else:
        item = load_lab(job.root, job.plan, diagnostics, job.settings.warn_missing_outputs)
    targets = load_targets(*job.links) if job.links is not None else None
    files, more = render_item(job.course, job.week, item, job.settings, targets)
    digests = {name: _digest(data) for name, data in files.items()}
    return ItemHead(digests, diagnostics + more, summarize(item)), files


def summarize(item: Video | Lab) -> Video | Lab:
    """What course and week pages need of an item: no cue text, no file bytes."""
    if isinstance(item, Video):
        light = tuple(replace(t, cues=(), data=b"", duration_ms=t.duration_ms) for t in item.transcripts)
        return replace(item, transcripts=light, extras=tuple(LabFile(f.source, f.name, f.size) for f in item.extras))
    return replace(item, files=tuple(LabFile(f.source, f.name, f.size, problem=f.problem) for f in item.files))


def convert(
    root: Path,
    docs_dir: Path,
    progress: Progress | None = None,
    write: bool = True,
    use_cache: bool = True,
    workers: int | None = None,
    plan: Plan | None = None,
    part: Part | None = None,
    summaries: dict[str, Video | Lab] | None = None,
) -> Conversion:
    """Turn the sources under ``root`` into Markdown under ``docs_dir/courses`` (``plan``: already discovered).

    ``part``: convert and write only these courses' pages (and the frame's, if it says so); the navigation
    and the catalog still name every course (see shards.py). ``summaries``: what the other courses' items
    are (by page), as their shards found them; without them, the others are known by their titles only.
    """
    started = time.perf_counter()
    say = progress or (lambda message: None)
    root = root.resolve()
    say(f"Discovering sources in {root}")
    plan = plan if plan is not None and plan.root == root else discover(root)
    if write:
        refuse_linked_outputs(root / CACHE_DIR, docs_dir, docs_dir / GENERATED_DIR)
    targets = link_targets(plan)
    # Workers read the targets from a file, once each: a copy in every job was 0.5 MB at 10x.
    handle, links_file = tempfile.mkstemp(prefix="coursesite-links-", suffix=".json")
    os.close(handle)
    try:
        links = (links_file, targets.save(Path(links_file)))
        part = part or whole_site(plan)
        return _convert(root, docs_dir, plan, targets, links, say, started, write, use_cache, workers, part, summaries)
    finally:
        os.unlink(links_file)


def _convert(
    root: Path,
    docs_dir: Path,
    plan: Plan,
    targets: LinkTargets,
    links: tuple[str, str],
    say: Progress,
    started: float,
    write: bool,
    use_cache: bool,
    workers: int | None,
    part: Part,
    others: dict[str, Video | Lab] | None,
) -> Conversion:
    """``convert`` once the plan and the link targets are known."""
    jobs: list[Job] = [job for job in [*_jobs(plan, links), *_notes_jobs(plan, links)] if part.owns(_page_of(job))]
    target = docs_dir / GENERATED_DIR
    # A pull request can write both folders; if git tracks them, even a signed manifest may sit beside
    # forged files (a checkout over a workspace kept from the last build), so neither is used.
    tracked = tracked_by_git(root, [root / CACHE_DIR, target]) if write else set()
    cache = Cache(root, use_cache and write and root / CACHE_DIR not in tracked, part_cache_folder(root, part))
    keys = [cache.key(job.description(), job.sources()) for job in jobs]
    heads: list[ItemHead | None] = [cache.head(key) for key in keys]
    missing = [i for i, head in enumerate(heads) if head is None]
    say(f"Converting {len(missing)} of {len(jobs)} videos, labs and notes ({len(jobs) - len(missing)} unchanged)")
    # Each item's files are written as soon as it arrives, while the workers make the next ones (and
    # are not kept: at 10x they were 300 MB). Workers store their results in the cache themselves.
    folder = cache.items_folder()
    spare = folder / "spare-tree" if folder else None  # see _TreeWriter._reuse_spare
    writer = _TreeWriter(target, spare, trust_old=target not in tracked, root=root) if write else None
    tasks = [(jobs[i], keys[i], folder) for i in missing]
    for index, (head, files) in zip(missing, _run(tasks, workers, say), strict=True):
        cache.mark_used(keys[index])
        heads[index] = head
        if writer is not None:
            writer.add_item(head.digests, lambda files=files: files)
    summaries = {job.page: head.summary for job, head in zip(jobs, heads, strict=True)}  # type: ignore[union-attr]
    catalog = _catalog(plan, {**_listed(plan, others), **summaries})
    notes = {page: summary.markup for page, summary in summaries.items() if isinstance(summary, RenderedNotes)}
    structure = render_structure(catalog, targets, notes)
    whole = {*structure.files, *_nav_pages(structure.nav), *(t.split(SECTION)[0] for t in targets.targets.values())}
    elsewhere = sorted(name for name in whole if name.startswith(GENERATED_DIR + "/") and not part.owns(name))
    structure.files = {name: data for name, data in structure.files.items() if part.owns(name)}
    diagnostics = [*plan.diagnostics, *(d for head in heads for d in head.diagnostics), *structure.diagnostics]
    written = False
    if writer is not None:
        manifest = {"generator": f"coursesite {__version__}", "nav": structure.nav, "home": structure.home}
        for name, data in structure.files.items():
            writer.add(name, data)
        converted = set(missing)
        for index, head in enumerate(heads):
            if index in converted:
                continue

            def body(index: int = index) -> dict[str, bytes]:
                files = cache.body(keys[index])
                if files is None:  # gone, or not the bytes its signed head names: convert again, within the budget
                    _, files = next(_run([(jobs[index], keys[index], folder)], 1, say))
                return files

            writer.add_item(head.digests, body)  # type: ignore[union-attr]
        written = writer.finish(manifest)
        cache.save()
        say("Wrote generated pages" if written else "Generated pages were already up to date")
    return Conversion(
        root,
        docs_dir,
        catalog,
        diagnostics,
        structure.nav,
        structure.home,
        written,
        time.perf_counter() - started,
        count(catalog, part),
        len(missing),
        plan.unpublished,
        part,
        elsewhere,
    )


def part_inputs(plan: Plan, part: Part) -> dict:
    """What ``part``'s pages are made from, besides coursesite and the configuration: the whole catalog's names
    (every page's navigation names every course, week and item), where every source is shown, and each of the
    part's jobs with the digest of each of its sources. Read from the sources, before any conversion."""
    links = ("", link_targets(plan).digest())
    jobs = [job for job in [*_jobs(plan, links), *_notes_jobs(plan, links)] if part.owns(_page_of(job))]
    own = [[job.description(), {source: file_sha256(plan.root / source) for source in job.sources()}] for job in jobs]
    return {"catalog": catalog_key(plan), "courses": sorted(part.courses), "frame": part.frame, "jobs": own}


def catalog_key(plan: Plan) -> str:
    """A digest of what every page of the site shares: the settings, every course's, week's and item's name and
    title (the navigation), and where each source is shown (links). Shards merged into one site agree on it."""
    skeleton = [
        [c.slug, c.title, [[w.slug, w.title, [[i.slug, i.title] for i in (*w.videos, *w.labs)]] for w in c.weeks]]
        for c in plan.courses
    ]
    data = [plan.settings.__dict__, skeleton, link_targets(plan).digest()]
    return _digest(json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8"))


def _nav_pages(nav: list | dict | str) -> Iterator[str]:
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _nav_pages(value)
    else:
        for entry in nav:
            yield from _nav_pages(entry)


def part_cache_folder(root: Path, part: Part) -> Path | None:
    """Where a shard keeps its cache, its docs folder and its spare tree (None: the whole site's cache)."""
    return root / CACHE_DIR / f"shard-{part.shard.name}" if part.shard is not None else None


def _page_of(job: Job) -> str:
    """The page a job's output belongs to, under the docs folder (for ``Part.owns``)."""
    return job.page if isinstance(job, NotesJob) else f"{GENERATED_DIR}/{job.page}/index.md"


def _listed(plan: Plan, known: dict[str, Video | Lab] | None) -> dict[str, Video | Lab]:
    """Every item of the plan as ``known`` has it (by page), else by its title alone (a course of another
    shard: only its navigation entries are written, which need no more)."""
    known = known or {}
    listed: dict[str, Video | Lab] = {}
    for course in plan.courses:
        for week in course.weeks:
            for video in week.videos:
                page = item_page(course, week, video)
                listed[page] = known.get(page) or Video(video.slug, video.title, (), video.url, video.description)
            for lab in week.labs:
                page = item_page(course, week, lab)
                listed[page] = known.get(page) or Lab(
                    lab.slug, lab.title, lab.source, (), lab.is_folder, lab.description
                )
    return listed


def _jobs(plan: Plan, links: tuple[str, str] | None = None) -> Iterator[ItemJob]:
    for course in plan.courses:
        light_course = Course(course.slug, course.title, course.number)
        for week in course.weeks:
            light_week = Week(week.slug, week.title, week.number)
            for item in week.videos:
                yield ItemJob(plan.root, light_course, light_week, item, plan.settings)
            for lab in week.labs:
                yield ItemJob(plan.root, light_course, light_week, lab, plan.settings, links)


def _notes_jobs(plan: Plan, links: tuple[str, str] | None = None) -> Iterator[NotesJob]:
    def job(page: str, title: str, notes: list[str]) -> Iterator[NotesJob]:
        if notes:
            yield NotesJob(plan.root, page, title, tuple(notes), links)

    yield from job("index.md", plan.settings.site_name, plan.notes)
    for course in plan.courses:
        yield from job(f"{GENERATED_DIR}/{course.slug}/index.md", course.title, course.notes)
        for week in course.weeks:
            yield from job(f"{GENERATED_DIR}/{course.slug}/{week.slug}/index.md", week.title, week.notes)


def link_targets(plan: Plan) -> LinkTargets:
    """Where every source file of the plan is shown: the page of its video, lab or notes, or its download."""
    targets: dict[str, str] = {note: "index.md" for note in plan.notes}
    for course in plan.courses:
        course_dir = f"{GENERATED_DIR}/{course.slug}"
        targets.update({note: f"{course_dir}/index.md" for note in course.notes})
        targets.update({folder: f"{course_dir}/index.md" for folder in course.folders if folder != "."})
        for week in course.weeks:
            week_dir = f"{course_dir}/{week.slug}"
            targets.update({note: f"{week_dir}/index.md" for note in week.notes})
            targets.update({folder: f"{week_dir}/index.md" for folder in week.folders})
            for video in week.videos:
                targets.update({source: f"{week_dir}/{video.slug}/index.md" for _, source in video.files})
                for source in video.extras:
                    targets[source] = f"{week_dir}/{video.slug}/{published_name(PurePosixPath(source).name)}"
            for lab in week.labs:
                lab_dir = f"{week_dir}/{lab.slug}"
                for source, name in lab.named_files():
                    if lab.is_folder and shown_as_section(name):  # a README's link to notes.md: its section
                        targets.setdefault(source, f"{lab_dir}/index.md{SECTION}{file_anchor(name)}")
                    else:
                        targets.setdefault(source, f"{lab_dir}/{published_name(name)}")
                if lab.is_folder or shown_as_section(PurePosixPath(lab.source).name):  # the lab's page shows it
                    targets[lab.source] = f"{lab_dir}/index.md"
    return LinkTargets(targets)


def convert_and_store(task: tuple[ItemJob, str, Path | None]) -> tuple[ItemHead, dict[str, bytes]]:
    """``convert_item``, then its result into the cache folder (None: no cache). Runs in a worker process."""
    job, key, folder = task
    head, files = convert_item(job)
    if folder is not None:
        write_item(folder, key, head, files)
    return head, files


def _run(
    jobs: list[tuple[ItemJob, str, Path | None]], workers: int | None, say: Progress
) -> Iterator[tuple[ItemHead, dict[str, bytes]]]:
    """Convert jobs in order, on every core, each in a worker process within the item budget (budget.py).

    Even one job gets a worker: a build of one changed item must be as bounded as a whole site's, and
    the process costs about 15 ms. An item over its budget gets a page that says so, and is not cached:
    the budget is wall time, so a busy machine may be why, and the next build tries again.
    """
    budget = Budget.from_environment()
    workers = workers or os.cpu_count() or 1
    step = max(1, len(jobs) // 10)
    results = run_within_budget(convert_and_store, jobs, workers, budget)
    for done, ((job, _, _), result) in enumerate(zip(jobs, results, strict=True), 1):
        if done % step == 0 and done < len(jobs):
            say(f"Converted {done} of {len(jobs)}")
        yield overrun_item(job, result, budget) if isinstance(result, Overrun) else result


def overrun_item(job: Job, overrun: Overrun, budget: Budget) -> tuple[ItemHead, dict[str, bytes]]:
    """The page of an item that could not be converted within its budget: it says so and offers the files."""
    kind = "notes" if isinstance(job, NotesJob) else "video" if isinstance(job.plan, VideoPlan) else "lab"
    first_line = overrun.detail.strip().split("\n", 1)[0]
    what = {
        "time": f"took longer than {budget.seconds:g} s to convert",
        "memory": f"needed more than {budget.memory_mb} MB of memory to convert",
        "bug": f"could not be converted: coursesite failed on it ({first_line}; a bug: please report it)",
    }.get(overrun.reason, f"stopped while it was converted ({overrun.detail})")
    if overrun.reason == "bug":  # the traceback, for the report
        print(f"coursesite: {' '.join(job.sources())}: {overrun.detail}", file=sys.stderr)
    limit = {"time": SECONDS_VARIABLE, "memory": MEMORY_VARIABLE}.get(overrun.reason)
    setting = f" ({limit} sets the limit)" if limit else ""
    if isinstance(job, NotesJob):
        shown = f'<p class="cs-meta">These notes {html.escape(what)} and are not shown.</p>'
        diagnostics = [Diagnostic.error(source, f"these notes {what}{setting}") for source in job.notes]
        return ItemHead({}, diagnostics, RenderedNotes(job.page, shown)), {}
    if isinstance(job.plan, VideoPlan):
        item: Video | Lab = listed_video(
            job.root, job.plan, job.settings.default_language, f"This video {what} and is not shown."
        )
        sources = [source for _, source in job.plan.files]
    else:
        item = listed_lab(
            job.root, job.plan, f"This {kind} {what} and is not shown; its files are offered for download."
        )
        sources = [job.plan.source]
    diagnostics = [
        Diagnostic.error(source, f"this {kind} {what}{setting}; its page only offers its files") for source in sources
    ]
    files, _ = render_item(job.course, job.week, item, job.settings)
    digests = {name: _digest(data) for name, data in files.items()}
    return ItemHead(digests, diagnostics, summarize(item)), files


def _catalog(plan: Plan, summaries: dict[str, Video | Lab | RenderedNotes]) -> Catalog:
    """Courses and weeks with their items' summaries (by ``item_page``) and their notes (their sources: the
    workers rendered them)."""

    def notes(sources: list[str]) -> tuple[Note, ...]:
        return tuple(Note(source, "") for source in sources)

    courses = []
    for course in plan.courses:
        weeks = []
        for week in course.weeks:
            videos = tuple(summaries[item_page(course, week, video)] for video in week.videos)
            labs = tuple(summaries[item_page(course, week, lab)] for lab in week.labs)
            weeks.append(
                Week(week.slug, week.title, week.number, videos, labs, week.description, notes(week.notes))  # type: ignore[arg-type]
            )
        courses.append(
            Course(course.slug, course.title, course.number, tuple(weeks), course.description, notes(course.notes))
        )
    return Catalog(plan.settings, tuple(courses), notes(plan.notes))


def count(catalog: Catalog, part: Part | None = None) -> dict[str, int]:
    """Courses, weeks, videos and labs, of ``part``'s courses only if given."""
    courses = [course for course in catalog.courses if part is None or course.slug in part.courses]
    weeks = [week for course in courses for week in course.weeks]
    return {
        "courses": len(courses),
        "weeks": len(weeks),
        "videos": sum(len(week.videos) for week in weeks),
        "labs": sum(len(week.labs) for week in weeks),
    }


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_manifest(target: Path) -> dict | None:
    try:
        manifest = json.loads((target / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None


class _TreeWriter:
    """Builds the new generated tree beside the old one and swaps it in only if anything changed.

    The new tree starts as hard links to the old files, so unchanged files cost nothing and are not
    read; changed files are written in full; the swap is a rename. With a ``spare`` folder, the tree
    the swap replaces is kept there, and the next build starts from it (``_reuse_spare``).

    A manifest says which files need not be written again, so it is trusted only if it carries our
    signature (``cache.sign_manifest``): a pull request could commit a manifest and a forged page beside
    it. Without a trusted manifest (or with ``trust_old`` False) every file is written anew.
    """

    def __init__(
        self, target: Path, spare: Path | None = None, trust_old: bool = True, root: Path | None = None
    ) -> None:
        self.target = target
        self.root = root  # where the sources of ``SourceCopy`` files are
        found = read_manifest(target)
        if target.exists() and not found and any(target.iterdir()):
            raise GeneratedDirError(
                f"{target} exists but was not generated by coursesite (no {MANIFEST}); "
                "it may hold hand-written pages, so it was left untouched. Move it elsewhere and run again."
            )
        self.old = (verified_manifest(found) if trust_old else None) or {}
        # Where the replaced tree is kept, for the next build to start from: not one we did not sign.
        self.spare = spare if self.old else None
        self.old_files: dict[str, str] = self.old.get("files", {})
        self.files: dict[str, str] = {}
        self.changed = False
        self.staging: Path | None = None

    def _stage(self) -> Path:
        if self.staging is None:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            remove_stale_staging(self.target.parent)
            self.staging = Path(
                tempfile.mkdtemp(prefix=f".{self.target.name}-new-{os.getpid()}-", dir=self.target.parent)
            )
            self.staging.chmod(0o755)  # mkdtemp makes it private; the pages are for everyone to read
            if self.old_files and self._reuse_spare(self.staging):
                return self.staging
            if self.old_files:
                # Each folder once (a file system call each, and slow ones on some disks), parents first.
                for folder in sorted({os.path.dirname(name) for name in self.old_files} - {""}):
                    (self.staging / folder).mkdir(parents=True, exist_ok=True)
                for name in self.old_files:
                    link_or_copy(self.target / name, self.staging / name)
        return self.staging

    def _reuse_spare(self, staging: Path) -> bool:
        """Start from the tree the last build replaced (kept in the cache folder): only the files that differ
        from the current tree are linked anew. A new tree of 1,400 links in 560 folders cost a small rebuild
        a third of its time on a slow disk; the spare differs from the current tree by one build's changes.
        """
        if self.spare is None:
            return False
        manifest = verified_manifest(read_manifest(self.spare))
        if manifest is None:  # a build stopped while updating it, or not ours: a forged page could be in it
            if self.spare.is_symlink():  # committed as a link: the link goes, not what it points to
                self.spare.unlink()
            shutil.rmtree(self.spare, ignore_errors=True)
            return False
        try:
            self.spare.rename(staging)  # over the empty staging folder: claimed under this build's name
        except OSError:  # on another file system than the pages, say
            return False
        (staging / MANIFEST).unlink()  # from here on its files are not what a manifest says
        spare_files: dict[str, str] = manifest.get("files", {})
        for name, digest in self.old_files.items():
            link = staging / name
            if spare_files.get(name) == digest and link.is_file():
                continue
            link.parent.mkdir(parents=True, exist_ok=True)
            link.unlink(missing_ok=True)
            link_or_copy(self.target / name, link)
        for name in set(spare_files) - set(self.old_files):
            (staging / name).unlink(missing_ok=True)
        return True

    def _relative(self, name: str) -> str:
        return name.removeprefix(GENERATED_DIR + "/")

    def _unchanged(self, name: str, digest: str) -> bool:
        return self.old_files.get(name) == digest and (self.target / name).is_file()

    def add(self, name: str, data: bytes) -> None:
        name, digest = self._relative(name), _digest(data)
        self.files[name] = digest
        if not self._unchanged(name, digest):
            self._write(name, data)

    def add_item(self, digests: dict[str, str], body: Callable[[], dict[str, bytes]]) -> None:
        relative = {self._relative(name): digest for name, digest in digests.items()}
        self.files.update(relative)
        if all(self._unchanged(name, digest) for name, digest in relative.items()):
            return
        for name, data in body().items():
            name = self._relative(name)
            if not self._unchanged(name, relative.get(name, "")):
                self._write(name, data)

    def _write(self, name: str, data: bytes) -> None:
        self.changed = True
        path = self._stage() / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)  # never write through a hard link into the old tree
        if isinstance(data, SourceCopy):
            self._copy(data.source, path)
        else:
            path.write_bytes(data)

    def _copy(self, source: str, path: Path) -> None:
        """A source's bytes copied into the tree, a block at a time; only a file of the root that discovery
        could have published (inside it, no hidden part, no symbolic link on the way) is copied."""
        parts = PurePosixPath(source).parts
        if (
            self.root is None
            or not parts
            or PurePosixPath(source).is_absolute()
            or any(part in ("", ".", "..") or part.startswith(".") for part in parts)
            or symlinks.crosses_link(self.root, self.root / source)
            or not (self.root / source).is_file()
        ):
            raise GeneratedDirError(f"{source} is gone or is no longer a file of the project; build again")
        shutil.copyfile(self.root / source, path)

    def finish(self, extra: dict) -> bool:
        manifest = {**extra, "files": dict(sorted(self.files.items()))}
        stale = set(self.old_files) - set(self.files)
        if not self.changed and not stale and self.old == manifest:
            if self.staging is not None:
                shutil.rmtree(self.staging, ignore_errors=True)
            return False
        staging = self._stage()
        try:
            for name in stale:
                (staging / name).unlink(missing_ok=True)
            _prune_empty_dirs(staging)
            signed = sign_manifest(manifest)
            (staging / MANIFEST).write_text(json.dumps(signed, indent=1, ensure_ascii=False, sort_keys=True), "utf-8")
            swap_in(staging, self.target, keep_as=self.spare)
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)
        return True


def _prune_empty_dirs(folder: Path) -> None:
    for dirpath, _, _ in sorted(os.walk(folder), key=lambda entry: -len(entry[0])):
        if dirpath != str(folder) and not os.listdir(dirpath):
            os.rmdir(dirpath)


def write_generated(target: Path, files: dict[str, bytes], extra: dict) -> bool:
    """Replace ``target`` with exactly ``files`` (paths under its parent); returns False if nothing changed."""
    writer = _TreeWriter(target)
    for name, data in sorted(files.items()):
        writer.add(name, data)
    return writer.finish(extra)


def remove_stale_staging(parent: Path) -> None:
    """Delete staging folders (``.<name>-new-<pid>-…``, ``.<name>-old-<pid>``) left by a build that was killed."""
    for folder in parent.glob(".*-*-*"):
        match = RGX_STAGING.fullmatch(folder.name)
        if match and folder.is_dir() and not _running(int(match["pid"])):
            shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def link_or_copy(source: Path, link: Path) -> None:
    """A hard link to ``source`` (it costs no bytes), or a copy with its time where the file system has none
    (MkDocs' dirty mode compares times)."""
    try:
        os.link(source, link)
    except OSError:
        shutil.copy2(source, link)


def swap_in(staging: Path, target: Path, keep_as: Path | None = None) -> None:
    """Put a finished folder in place of ``target`` with renames, so readers never see half of it.

    ``keep_as``: where the replaced folder is kept (for the next build to start from) instead of deleted.
    """
    retired = None
    if target.exists():
        retired = target.with_name(f".{target.name}-old-{os.getpid()}")
        if retired.exists():
            shutil.rmtree(retired)
        target.rename(retired)
    staging.rename(target)
    if retired is not None and keep_as is not None:
        shutil.rmtree(keep_as, ignore_errors=True)
        try:
            keep_as.parent.mkdir(parents=True, exist_ok=True)
            retired.rename(keep_as)
        except OSError:  # another file system: not kept
            pass
    if retired is not None and retired.exists():
        shutil.rmtree(retired, ignore_errors=True)

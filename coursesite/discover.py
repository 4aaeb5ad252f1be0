"""Walk a root folder and plan the site: which courses, weeks, videos and labs, in which order, titled how.

Knows paths and metadata files, never subtitle or notebook formats: its result is a plan of source
paths that the load stage reads. Two layouts are understood:

* standard: ``transcripts/<course>/<week>/…`` and ``labs/<course>/<week>/<lab>``;
* bare: a download folder (coursera-dl, yt-dlp) with subtitle files and notebooks below week folders.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib.util import find_spec
from pathlib import Path, PurePosixPath
from urllib.parse import quote

import yaml

from . import symlinks
from .cache import CACHE_DIR
from .languages import code_of_name, code_of_tag
from .markup import HEADING_LINE, plain_heading, web_url, without_closing_hashes
from .metadata_yaml import MetadataRefused, MetadataTooLarge, load_metadata
from .model import Diagnostic, Settings
from .names import SUBTITLE_EXTENSIONS, Name, natural_key, parse_name, unique_slugs, video_id

META_FILE = "_meta.yml"
ROOT_META_FILE = "course.yml"
NOTEBOOK_EXTENSION = ".ipynb"
# Folders never searched for sources in a bare root: our own output and tool clutter.
SKIPPED_DIRS = frozenset({"site", "docs", "node_modules", "__pycache__", "venv"})
SETTINGS_KEYS = frozenset(
    {
        "site_name",
        "default_language",
        "repo_url",
        "repo_branch",
        "notebook_renderer",
        "warn_missing_outputs",
        "search",
        "video_url_template",
        "title",
        "description",
    }
)
# Settings that take one of a few values; the first is the default.
SETTING_CHOICES = {"search": ("pagefind", "lunr"), "notebook_renderer": ("coursesite", "mkdocs-jupyter")}
# Characters in file names that must be percent-encoded in URLs or that shells and tools trip over.
RGX_AWKWARD = re.compile(r"[#?%\"'<>\\|*:\x00-\x1f\x7f-\x9f\u2028\u2029`]")
# A branch name as git allows it, and nothing an attribute or URL could trip over.
RGX_BRANCH = re.compile(r"(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9._/-]{0,99}")
MAX_TITLE = 300  # characters; a file name gives at most 255 bytes
FOLDER_KEYS = frozenset({"title", "description", "order", "items"})
ITEM_KEYS = frozenset({"title", "description", "order", "url"})


@dataclass
class VideoPlan:
    slug: str
    title: str
    key: tuple
    files: list[tuple[str | None, str]] = field(default_factory=list)  # (language, path) pairs
    url: str | None = None
    description: str = ""
    extras: list[str] = field(default_factory=list)  # files of the video beside its subtitles (thumbnail, info)


@dataclass
class LabPlan:
    slug: str
    title: str
    key: tuple
    source: str  # the lab's file or folder
    files: list[str]  # every file of the lab, relative to the root, README first
    is_folder: bool
    description: str = ""

    def named_files(self) -> list[tuple[str, str]]:
        """Each file as (source, name): its path in the lab folder, or its own name for a one-file lab."""
        base = PurePosixPath(self.source)
        if not self.is_folder:
            return [(source, base.name) for source in self.files]
        return [(source, PurePosixPath(source).relative_to(base).as_posix()) for source in self.files]


@dataclass
class WeekPlan:
    slug: str
    title: str
    number: int | None
    key: tuple
    description: str = ""
    videos: list[VideoPlan] = field(default_factory=list)
    labs: list[LabPlan] = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # README and notes shown at the top of the week's page
    folders: list[str] = field(default_factory=list)  # where the week's sources are, for links to the folder


@dataclass
class CoursePlan:
    slug: str
    title: str
    number: int | None
    key: tuple
    description: str = ""
    weeks: list[WeekPlan] = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # README and notes shown at the top of the course's page
    folders: list[str] = field(default_factory=list)  # where the course's sources are, for links to the folder


@dataclass
class Plan:
    root: Path
    settings: Settings
    courses: list[CoursePlan]
    diagnostics: list[Diagnostic]
    notes: list[str] = field(default_factory=list)  # the root's README, shown on the home page
    # Files under the root that no page shows, as (path, reason); a skipped folder is one entry ending in "/"
    # with the number of files it holds: nothing is left out without a word (see `unpublished_summary`).
    unpublished: list[tuple[str, str, int]] = field(default_factory=list)


def discover(root: Path) -> Plan:
    """Plan the site for ``root``; problems with metadata or layout become diagnostics."""
    walker = _Walker(root.resolve())
    return walker.run()


def source_folders(root: Path) -> list[Path]:
    """The folders under ``root`` whose trees discovery reads sources from (the root's own files aside):
    ``transcripts/`` and ``labs/`` of a project, else every folder at the top that is not skipped
    (hidden, ``site/``, ``docs/``, tools' clutter). ``coursesite serve`` watches them."""
    walker = _Walker(root.resolve())
    if walker.is_project():
        return [folder for folder in walker.project_folders() if folder.is_dir() and walker.is_source(folder)]
    return walker.subdirs(walker.root)


URL_PLACEHOLDERS = ("{id}", "{slug}")


def url_template_problem(template: object) -> str | None:
    """Why ``video_url_template`` cannot be used, or None: it must name a placeholder and make http(s) addresses."""
    text = str(template)
    if not any(placeholder in text for placeholder in URL_PLACEHOLDERS):
        return f"must contain {' or '.join(URL_PLACEHOLDERS)}, not {template!r}"
    rest = text
    for placeholder in URL_PLACEHOLDERS:
        rest = rest.replace(placeholder, "")
    if "{" in rest or "}" in rest:
        return f"may hold only the placeholders {' and '.join(URL_PLACEHOLDERS)}, not {template!r}"
    if video_url(text, "id", "slug") is None:
        return f"must make http(s) addresses, not {template!r}"
    return None


def video_url(template: str, identifier: str | None, slug: str) -> str | None:
    """The template filled in, each value percent-encoded; None when it needs an id the name does not hold."""
    if "{id}" in template and identifier is None:
        return None
    filled = template.replace("{id}", quote(identifier or "", safe="")).replace("{slug}", quote(slug, safe=""))
    return web_url(filled)


class _Walker:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.diagnostics: list[Diagnostic] = []
        self.courses: dict[object, CoursePlan] = {}
        self.reported: set[str] = set()
        self.notes: list[str] = []
        self.unpublished: list[tuple[str, str, int]] = []

    # -- entry -------------------------------------------------------------------------------------
    def run(self) -> Plan:
        root_meta = self.read_meta(self.root / ROOT_META_FILE, SETTINGS_KEYS)
        settings = self.settings(root_meta)
        transcripts, labs = self.project_folders()
        if self.is_project():
            for course_dir in self.subdirs(transcripts):
                self.add_transcript_course(course_dir)
            for course_dir in self.subdirs(labs):
                self.add_lab_course(course_dir)
            scope = [transcripts, labs]
        else:
            self.add_bare_root(root_meta)
            scope = [self.root]
        courses = self.finish()
        if settings.video_url_template:
            self.apply_url_template(courses, settings.video_url_template)
        if settings.site_name == Settings.site_name and len(courses) == 1:
            settings = Settings(**{**settings.__dict__, "site_name": courses[0].title})
        elif (
            settings.site_name == Settings.site_name
            and self.notes
            and (heading := first_heading(self.root / self.notes[0]))
        ):
            settings = Settings(**{**settings.__dict__, "site_name": heading})  # the repository's README names it
        self.account(courses, scope)
        return Plan(self.root, settings, courses, self.diagnostics, self.notes, self.unpublished)

    def project_folders(self) -> tuple[Path, Path]:
        return self.root / "transcripts", self.root / "labs"

    def is_project(self) -> bool:
        """A project (it has transcripts/, labs/ or its own mkdocs.yml) is never scanned as a download folder."""
        return any(self.is_source(folder) for folder in self.project_folders()) or (self.root / "mkdocs.yml").is_file()

    def account(self, courses: list[CoursePlan], scope: list[Path]) -> None:
        """Every file under ``scope`` that no page shows goes into ``unpublished`` with its reason: hidden and
        tool folders (``.terraform/``, ``node_modules/``) as one entry each, with the number of files in them."""
        shown = set(self.notes)
        for course in courses:
            shown.update(course.notes)
            for week in course.weeks:
                shown.update(week.notes)
                shown.update(source for video in week.videos for _, source in video.files)
                shown.update(source for video in week.videos for source in video.extras)
                shown.update(source for lab in week.labs for source in lab.files)
        listed = {path for path, _, _ in self.unpublished}
        for folder in scope:
            if not folder.is_dir() or symlinks.is_link(folder):
                continue
            for dirpath, dirnames, filenames, too_deep in walk(folder, MAX_DEPTH):
                base = Path(dirpath)
                if too_deep:
                    count = sum(len(files) for _, _, files, _ in walk(base))
                    self.unpublished.append((printable(self.rel(base)) + "/", TOO_DEEP, count))
                    self.warn(base, f"not published: {TOO_DEEP}")
                    continue
                if base == self.root:
                    # Coursesite's own output and cache, and git's own folder, are not the repository's files.
                    dirnames[:] = [d for d in dirnames if d not in (*SKIPPED_DIRS, ".git", CACHE_DIR)]
                kept = []
                for name in sorted(dirnames):
                    path = base / name
                    entry = printable(self.rel(path)) + "/"
                    if entry in listed:
                        continue
                    reason = skipped_folder_reason(name) if not symlinks.is_link(path) else None
                    if reason:
                        count = sum(len(files) for _, _, files, _ in walk(path))
                        self.unpublished.append((entry, reason, count))
                    else:
                        kept.append(name)
                dirnames[:] = kept
                for name in sorted(filenames):
                    relative = self.rel(base / name)
                    if relative in shown or printable(relative) in listed or name in (META_FILE, ROOT_META_FILE):
                        continue
                    reason = skipped_file_reason(base / name)
                    self.unpublished.append((printable(relative), reason, 1))
                    if reason == NOT_PLACED:
                        self.warn(base / name, f"not published: {NOT_PLACED} (coursesite found no page for it)")

    def settings(self, meta: dict) -> Settings:
        values: dict[str, object] = {}
        for key, value in meta.items():
            if key not in Settings.__dataclass_fields__:
                continue
            if isinstance(getattr(Settings, key), bool):
                if not isinstance(value, bool):
                    self.warn(self.root / ROOT_META_FILE, f"'{key}' must be true or false, not {value!r}")
                    continue
                values[key] = value
            elif key in SETTING_CHOICES and str(value) not in SETTING_CHOICES[key]:
                choices = " or ".join(repr(choice) for choice in SETTING_CHOICES[key])
                self.warn(self.root / ROOT_META_FILE, f"'{key}' must be {choices}, not {value!r}")
            elif key == "repo_url" and web_url(value) is None:
                self.warn(self.root / ROOT_META_FILE, f"'repo_url' must be an http(s) address, not {value!r}; ignored")
            elif key == "repo_branch" and not RGX_BRANCH.fullmatch(str(value)):
                self.warn(self.root / ROOT_META_FILE, f"'repo_branch' is not a branch name: {value!r}; 'main' is used")
            elif key == "notebook_renderer" and value == "mkdocs-jupyter" and not find_spec("mkdocs_jupyter"):
                self.warn(
                    self.root / ROOT_META_FILE,
                    "notebook_renderer: mkdocs-jupyter is not installed (pip install -r requirements-jupyter.txt); "
                    "notebooks are rendered by coursesite",
                )
            elif key == "video_url_template" and (problem := url_template_problem(value)):
                self.warn(self.root / ROOT_META_FILE, f"'video_url_template' {problem}; ignored")
            elif key == "repo_url":
                values[key] = web_url(value)
            else:
                values[key] = str(value)
        return Settings(**values)

    # -- standard layout ---------------------------------------------------------------------------
    def add_transcript_course(self, course_dir: Path) -> None:
        course = self.course_for(course_dir)
        loose = [p for p in self.files(course_dir) if p.suffix.lower() in SUBTITLE_EXTENSIONS]
        for path in loose:
            self.warn(path, "subtitle file is not inside a week folder; it is listed under 'Other videos'")
        if loose:
            self.add_videos(self.week_for(course, None, "other-videos", "Other videos"), loose, course_dir)
        for week_dir in self.subdirs(course_dir):
            week = self.week_for(course, week_dir)
            files = self.walk_files(week_dir)
            self.add_videos(week, [p for p in files if p.suffix.lower() in SUBTITLE_EXTENSIONS], week_dir)
            # the video file (and thumbnail) beside its subtitles plays on its page; other files stay unpublished
            self.claim_video_files(None, [p for p in files if p.suffix.lower() not in SUBTITLE_EXTENSIONS], [week])

    def add_lab_course(self, course_dir: Path) -> None:
        course = self.course_for(course_dir)
        for path in self.files(course_dir):
            self.warn(path, "lab file is not inside a week folder; it is listed under 'Other labs'")
            self.add_lab(self.week_for(course, None, "other-labs", "Other labs"), path)
        for week_dir in self.subdirs(course_dir):
            week = self.week_for(course, week_dir)
            for entry in sorted(week_dir.iterdir(), key=lambda p: natural_key(p.name)):
                if self.is_source(entry):
                    self.add_lab(week, entry)

    # -- a repository as it is (no transcripts/ and labs/): download folders and course notes -------
    def add_bare_root(self, root_meta: dict) -> None:
        """The root is one course, or holds courses (folders named ``c1_…``, ``course2``, ``module3``, or holding
        week folders); its README is the home page's notes, and what else is beside the courses (``img/``,
        ``LICENSE``, loose notebooks) is one more course, "More materials", so that links to it work."""
        children = self.subdirs(self.root)
        if any(is_week_dir(d.name) for d in children):
            self.add_course_tree(self.root, root_meta)
            return
        courses = [d for d in children if is_course_dir(d.name) or any(is_week_dir(g.name) for g in self.subdirs(d))]
        if not courses:
            self.add_course_tree(self.root, root_meta)
            return
        for course_dir in courses:
            self.add_course_tree(course_dir, {})
        rest = [d for d in children if d not in courses]
        loose = [path for path in self.files(self.root) if not (is_note(path) and not self.notes)]
        self.notes.extend(self.rel(path) for path in self.files(self.root) if path not in loose)
        if not rest and not loose:
            return
        more = CoursePlan("more-materials", "More materials", None, (float("inf"), natural_key("~more")))
        self.courses[("more", "materials")] = more
        week = self.week_for(more, None, "materials", "Materials")
        materials: list[Path] = []
        for path in loose:
            if path.suffix.lower() in SUBTITLE_EXTENSIONS:
                self.add_videos(week, [path], self.root)
            elif path.suffix.lower() == NOTEBOOK_EXTENSION:
                self.add_lab(week, path)
            else:
                materials.append(path)
        for folder in rest:
            if self.is_lab_folder(folder):
                self.add_lab(week, folder)
            else:
                materials.extend(self.walk_files(folder))
        if materials:
            self.add_materials(week, self.root, materials)

    def add_course_tree(self, course_dir: Path, root_meta: dict, only_files: bool = False) -> None:
        """A course: week folders (``week-2``, ``wk2``, numbered modules) are weeks; ``labs/``-like folders hold
        labs, each given to the week its name numbers (``c1w2_…``); ``notes/`` holds note pages; README is the
        course's introduction; everything else is the course's own materials."""
        course = self.course_for(course_dir)
        if course_dir == self.root:
            title = root_meta.get("title") or parse_name(self.root.name).title
            course.title, course.slug = str(title), parse_name(str(title)).slug
            course.description = str(root_meta.get("description", course.description))
        folders = [] if only_files else self.subdirs(course_dir)
        weeks = [d for d in folders if is_week_dir(d.name) or parse_name(d.name).number is not None]
        if weeks and not any(is_week_dir(d.name) for d in folders) and len(weeks) < 2:
            weeks = []  # one numbered folder is no sequence of modules
        materials: list[Path] = []
        for path in self.files(course_dir):
            if path.suffix.lower() in SUBTITLE_EXTENSIONS:
                self.add_videos(self.week_for(course, None, "videos", "Videos"), [path], course_dir)
            elif path.suffix.lower() == NOTEBOOK_EXTENSION:
                self.add_lab(self.week_for(course, None, "labs", "Labs"), path)
            elif is_note(path) and not course.notes:
                course.notes.append(self.rel(path))
            else:
                materials.append(path)
        for folder in folders:
            if folder in weeks:
                self.add_week_tree(self.week_for(course, folder), folder)
            elif self.holds_captions(folder):
                self.add_caption_folder(course, course_dir, folder, materials)
            elif is_notes_dir(folder.name):
                self.add_note_pages(self.week_for(course, None, "notes", "Notes"), folder)
            elif is_grouping_dir(folder.name) or (not self.files(folder) and self.subdirs(folder)):
                self.add_grouped_labs(course, folder)
            elif self.is_lab_folder(folder):
                self.add_lab(self.week_for(course, None, "labs", "Labs"), folder)
            else:
                materials.extend(self.walk_files(folder))
        materials = self.claim_video_files(course, materials)
        if materials:
            self.add_materials(self.week_for(course, None, "materials", "Course materials"), course_dir, materials)

    def add_week_tree(self, week: WeekPlan, week_dir: Path) -> None:
        """A week: subtitles anywhere in it are videos (coursera-dl keeps lessons in folders), notebooks and
        folders with instructions are labs, README is the week's introduction, the rest the week's materials."""
        self.add_videos(
            week, [p for p in self.walk_files(week_dir) if p.suffix.lower() in SUBTITLE_EXTENSIONS], week_dir
        )
        materials: list[Path] = []
        for path in self.files(week_dir):
            if path.suffix.lower() in SUBTITLE_EXTENSIONS:
                continue
            if path.suffix.lower() == NOTEBOOK_EXTENSION:
                self.add_lab(week, path)
            elif is_note(path) and not week.notes:
                week.notes.append(self.rel(path))
            else:
                materials.append(path)
        for folder in self.subdirs(week_dir):
            if is_notes_dir(folder.name):
                self.add_note_pages(week, folder)
            elif is_grouping_dir(folder.name):
                for entry in [*self.subdirs(folder), *self.files(folder)]:
                    self.add_lab(week, entry)
            elif self.is_lab_folder(folder):
                self.add_lab(week, folder)
            else:  # its subtitles are the week's videos already
                materials.extend(p for p in self.walk_files(folder) if p.suffix.lower() not in SUBTITLE_EXTENSIONS)
        materials = self.claim_video_files(None, materials, [week])
        if materials:
            self.add_materials(week, week_dir, materials)

    def claim_video_files(
        self, course: CoursePlan | None, paths: list[Path], weeks: list[WeekPlan] | None = None
    ) -> list[Path]:
        """Files named like a video's subtitles (yt-dlp's ``Title [id].info.json``, ``Title [id].webp``, the
        video itself ``Title [id].mp4``) go with that video, offered on its page; the others are returned."""
        stems: dict[tuple[str, str], VideoPlan] = {}
        for week in weeks if weeks is not None else (course.weeks if course else []):
            for video in week.videos:
                for _, source in video.files:
                    path = PurePosixPath(source)
                    stems[(path.parent.as_posix(), parse_name(path.name, is_file=True).stem)] = video
        if not stems:
            return paths
        rest = []
        for path in paths:
            folder = self.rel(path.parent)
            video = next(
                (
                    video
                    for (where, stem), video in stems.items()
                    if where == folder and path.name.startswith(stem + ".")
                ),
                None,
            )
            if video is None:
                rest.append(path)
            else:
                video.extras.append(self.rel(path))
        return rest

    def add_grouped_labs(self, course: CoursePlan, folder: Path) -> None:
        """``labs/c1w2_lifecycle/``: each entry a lab, in the week its name numbers, else under "Labs"."""
        for entry in [*self.subdirs(folder), *self.files(folder)]:
            number = week_number(entry.name)
            if number is not None:
                week = self.week_for(course, None, f"week-{number}", f"Week {number}", number)
            else:
                week = self.week_for(course, None, folder.name.lower(), parse_name(folder.name).title)
            self.add_lab(week, entry)

    def add_note_pages(self, week: WeekPlan, folder: Path) -> None:
        """A page per note; a folder of many notes is one page (each page lists its week's others: 2,000 notes,
        a page each, made a 520 MB site)."""
        paths = self.walk_files(folder)
        if len(paths) > MAX_NOTE_PAGES:
            self.add_lab(week, folder)
            return
        for path in paths:
            self.add_lab(week, path)

    def add_materials(self, week: WeekPlan, folder: Path, paths: list[Path]) -> None:
        """Files of a course or week that belong to no lab: one lab of its own (instructions first), titled by
        the first heading of its Markdown; Markdown alone becomes a page each."""
        if all(is_markdown(path) for path in paths):
            for path in paths:
                self.add_lab(week, path)
            return
        files = sorted(paths, key=lambda p: (not is_markdown(p) or p.parent != folder, natural_key(self.rel(p))))
        title = next(filter(None, (first_heading(p) for p in files if is_markdown(p))), None) or "Materials"
        lab = LabPlan(
            parse_name(title).slug or "materials",
            title,
            (float("inf"), natural_key("~materials")),
            self.rel(folder),
            [self.rel(p) for p in files],
            True,
        )
        self.check_subfolder_names(folder, files)
        week.labs.append(lab)

    def is_lab_folder(self, folder: Path) -> bool:
        """A folder with instructions or a notebook at its top, or named as a lab, is one lab (with its subfolders)."""
        if RGX_LAB_NAME.search(folder.name):
            return True
        return any(is_markdown(p) or p.suffix.lower() == NOTEBOOK_EXTENSION for p in self.files(folder))

    # -- courses, weeks, items ---------------------------------------------------------------------
    def course_for(self, course_dir: Path) -> CoursePlan:
        if course_dir != self.root:
            self.check_name(course_dir)
        name = parse_name(course_dir.name)
        match_key = name.number if name.number is not None else name.slug
        meta = self.read_meta(course_dir / META_FILE, FOLDER_KEYS)
        course = self.courses.get(match_key)
        if course is None:
            title = heading_title(name, title_source(course_dir, notebooks=False)) if name.generic else name.title
            course = CoursePlan(name.slug, title, name.number, order_key(name.order, course_dir.name))
            self.courses[match_key] = course
        self.apply_folder_meta(course, meta)
        course.folders.append(self.rel(course_dir))
        return course

    def week_for(
        self, course: CoursePlan, week_dir: Path | None, slug: str = "", title: str = "", number: int | None = None
    ) -> WeekPlan:
        if week_dir is None:
            name_number, name_slug, name_title, key = number, slug, title, order_key(number, slug)
            meta: dict = {}
        else:
            self.check_name(week_dir)
            name = parse_name(week_dir.name)
            name_number, name_slug, name_title = name.number, name.slug, name.title
            if name.generic:
                name_title = heading_title(name, title_source(week_dir, notebooks=False))
            key = order_key(name.order, week_dir.name)
            meta = self.read_meta(week_dir / META_FILE, FOLDER_KEYS)
        meta_source = self.rel(week_dir / META_FILE) if week_dir is not None else ""
        match_key = name_number if name_number is not None else name_slug
        for week in course.weeks:
            if (week.number if week.number is not None else week.slug) == match_key:
                break
        else:
            week = WeekPlan(name_slug, name_title, name_number, key)
            course.weeks.append(week)
        self.apply_folder_meta(week, meta, meta_source)
        if week_dir is not None:
            week.folders.append(self.rel(week_dir))
        return week

    def check_subfolder_names(self, top: Path, files: list[Path]) -> None:
        """The names of the folders between ``top`` and its files reach links on the lab page too."""
        for folder in sorted({parent for p in files for parent in p.parents if parent.is_relative_to(top)} - {top}):
            self.check_name(folder)

    def check_name(self, path: Path) -> None:
        """Characters that URLs must escape make links fragile when people copy them by hand."""
        awkward = sorted(set(RGX_AWKWARD.findall(path.name)))
        if awkward:
            shown = " ".join(repr(char) for char in awkward)
            self.warn(path, f"name contains {shown}; the page gets a clean URL, but links to the file need escaping")

    def add_videos(self, week: WeekPlan, paths: list[Path], base: Path) -> None:
        """Group subtitle files by name: ``x.en.srt`` and ``x.es.srt`` are one video.

        Files in lesson folders (coursera-dl) are ordered by folder, then by file, each by its number. A caption
        archive's language folders are languages of one video (see `video_place`); of two files in one language,
        the community's is shown and the other listed as not published, with its reason.
        """
        by_stem: dict[str, VideoPlan] = {v.key[-1]: v for v in week.videos}
        touched: dict[str, VideoPlan] = {}
        for path in sorted(paths, key=lambda p: natural_key(self.rel(p))):
            name = parse_name(path.name, is_file=True)
            folder, stem, language = self.video_place(path, name, base)
            group = self.rel(folder) + "/" + stem if stem is not None else self.rel(folder)
            video = by_stem.get(group)
            if video is None:
                titled = name if stem is not None else parse_name(folder.name)
                parts = path.relative_to(base).parts
                path_key = tuple(order_key(parse_name(part, is_file=True).order, part) for part in parts)
                video = VideoPlan(titled.slug, titled.title, (path_key[0][0], path_key, group))
                by_stem[group] = video
                week.videos.append(video)
                self.apply_item_meta(week, video, titled.stem, titled.slug)
            video.files.append((language, self.rel(path)))
            touched[group] = video
            self.check_name(path)
        for video in touched.values():
            self.keep_one_track_per_language(video)

    def video_place(self, path: Path, name: Name, base: Path) -> tuple[Path, str | None, str | None]:
        """The folder a subtitle file's video is in, the stem naming the video in it (None: the folder is the
        video) and the file's language, from its suffix, else its folder or its name (None: its text will say).

        ``week-1/01-welcome.es.srt``: the video "01-welcome" of week-1, in ``es``. A caption archive keeps a folder
        per language: ``video-slug/arabic/community.srt`` is the video "video-slug" in ``ar`` (files named for who
        made them: community, auto_generated, captions…); ``week-1/hebrew/01-welcome.srt`` is "01-welcome" in
        ``he``; ``video-slug/polish_community.srt`` is "video-slug" in ``pl``.
        """
        folder_language = self.folder_language(path.parent)
        if folder_language is not None and path.parent != base:
            video_dir = path.parent.parent
            named_by_folder = is_track_name(name.stem) or name.stem == video_dir.name
            return video_dir, None if named_by_folder else name.stem, name.language or folder_language
        if name.language is None and path.parent != base and (language := track_language(name.stem)):
            return path.parent, None, language
        return path.parent, name.stem, name.language

    def folder_language(self, folder: Path) -> str | None:
        """The language a folder's name says: an English name (``arabic``, ``chinese-simplified``) always; a code
        (``ar``, ``pt-BR``) only beside another folder named by a code, so that a course's ``ml/`` or ``it/`` (even
        beside ``hebrew/``) stays itself."""
        if folder == self.root:
            return None
        code = code_of_name(folder.name)
        if code is not None or code_of_tag(folder.name) is None:
            return code
        siblings = (d.name for d in self.subdirs(folder.parent) if d != folder)
        return code_of_tag(folder.name) if any(code_of_tag(name) for name in siblings) else None

    def keep_one_track_per_language(self, video: VideoPlan) -> None:
        """A language folder may hold the community's captions and a machine's (``community.srt``,
        ``auto_generated.srt``): one page shows one transcript per language, the community's (else the first by
        name); the others are listed as not published, with their reason."""
        by_language: dict[str, list[str]] = {}
        for language, source in video.files:
            if language is not None:
                by_language.setdefault(language, []).append(source)
        dropped: set[str] = set()
        for sources in by_language.values():
            if len(sources) < 2:
                continue
            _shown, *others = sorted(sources, key=lambda s: (is_machine_track(Path(s).stem), natural_key(s)))
            for source in others:
                self.unpublished.append((printable(source), SECOND_TRACK, 1))
                dropped.add(source)
        video.files = [(language, source) for language, source in video.files if source not in dropped]

    def holds_captions(self, folder: Path) -> bool:
        """A caption archive's video folder (language folders holding subtitles) or one of its language folders."""
        for candidate in (folder, *self.subdirs(folder)):
            if self.folder_language(candidate) and any(
                p.suffix.lower() in SUBTITLE_EXTENSIONS for p in self.files(candidate)
            ):
                return True
        return False

    def add_caption_folder(self, course: CoursePlan, course_dir: Path, folder: Path, materials: list[Path]) -> None:
        """A video's folder of language folders, beside no week: its subtitles are a video under "Videos", the
        rest (titles, word timings) the course's materials."""
        files = self.walk_files(folder)
        videos = self.week_for(course, None, "videos", "Videos")
        self.add_videos(videos, [p for p in files if p.suffix.lower() in SUBTITLE_EXTENSIONS], course_dir)
        materials.extend(p for p in files if p.suffix.lower() not in SUBTITLE_EXTENSIONS)

    def add_lab(self, week: WeekPlan, path: Path) -> None:
        name = parse_name(path.name, is_file=path.is_file())
        if path.is_dir():
            files = sorted(self.walk_files(path), key=lambda p: (not is_readme(p), natural_key(self.rel(p))))
            if not files:
                self.warn(path, "lab folder is empty; it is skipped")
                return
        else:
            files = [path]
        self.check_name(path)
        self.check_subfolder_names(path, files)
        title = name.title
        if name.generic:
            titled_by = title_source(path, notebooks=True) if path.is_dir() else path
            title = heading_title(name, titled_by if titled_by is None or is_titled_file(titled_by) else None)
        lab = LabPlan(
            name.slug,
            title,
            order_key(name.order, path.name),
            self.rel(path),
            [self.rel(p) for p in files],
            path.is_dir(),
        )
        self.apply_item_meta(week, lab, name.stem, name.slug)
        week.labs.append(lab)

    # -- metadata ----------------------------------------------------------------------------------
    def read_meta(self, path: Path, allowed: frozenset[str]) -> dict:
        if symlinks.is_link(path):
            self.warn(path, symlinks.MESSAGE)
            return {}
        if not path.is_file():
            return {}
        try:
            data = load_metadata(path)
        except MetadataTooLarge as error:
            self.diagnostics.append(Diagnostic.error(self.rel(path), str(error)))
            return {}
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line = mark.line + 1 if mark else None
            column = mark.column + 1 if mark else None
            problem = error.problem if isinstance(error, MetadataRefused) else f"invalid YAML: {error.problem}"
            self.diagnostics.append(Diagnostic.error(self.rel(path), problem, line, column))
            return {}
        except (yaml.YAMLError, UnicodeDecodeError, OSError) as error:
            self.diagnostics.append(Diagnostic.error(self.rel(path), f"unreadable metadata: {error}"))
            return {}
        if data is None:
            return {}
        if not isinstance(data, dict):
            self.diagnostics.append(Diagnostic.error(self.rel(path), "metadata must be a mapping of keys to values"))
            return {}
        for key in sorted(set(map(str, data)) - allowed):
            self.warn(path, f"unknown key '{key}' (known: {', '.join(sorted(allowed))})")
        meta = {str(k): v for k, v in data.items() if str(k) in allowed}
        self.shorten_titles(path, meta)
        if isinstance(meta.get("items"), dict):
            for item in meta["items"].values():
                if isinstance(item, dict):
                    self.shorten_titles(path, item)
        return meta

    def shorten_titles(self, path: Path, meta: dict) -> None:
        """Cut titles to MAX_TITLE characters: each is in the navigation of every page (a 250 KB course title
        made a 40-video site 134 MB)."""
        for key in ("title", "site_name"):
            if key in meta and len(title := str(meta[key])) > MAX_TITLE:
                self.warn(path, f"'{key}' is longer than {MAX_TITLE} characters; it is cut short")
                meta[key] = title[:MAX_TITLE]

    def apply_folder_meta(self, folder: CoursePlan | WeekPlan, meta: dict, source: str = "") -> None:
        if "title" in meta:
            folder.title = str(meta["title"])
        if "description" in meta:
            folder.description = str(meta["description"])
        if "order" in meta:
            folder.key = (_number(meta["order"]), *folder.key[1:])
        if isinstance(meta.get("items"), dict):
            folder.meta.setdefault("items", {}).update({str(k): v for k, v in meta["items"].items()})
            folder.meta.setdefault("sources", {}).update({str(k): source for k in meta["items"]})

    def apply_item_meta(self, week: WeekPlan, item: VideoPlan | LabPlan, stem: str, slug: str) -> None:
        items = week.meta.get("items", {})
        meta = items.get(stem, items.get(slug))
        if not isinstance(meta, dict):
            return
        if "title" in meta:
            item.title = str(meta["title"])
        if "description" in meta:
            item.description = str(meta["description"])
        if "order" in meta:
            item.key = (_number(meta["order"]), *item.key[1:])
        if "url" in meta and isinstance(item, VideoPlan):
            item.url = web_url(meta["url"])
            if item.url is None:
                source = week.meta["sources"][stem if stem in items else slug]
                message = f"'url' of '{stem}' must be an http(s) address, not {meta['url']!r}; it is not linked"
                self.diagnostics.append(Diagnostic.warning(source, message))

    def apply_url_template(self, courses: list[CoursePlan], template: str) -> None:
        """Each video without a ``url`` gets the template's, if its name holds what the template needs."""
        for video in (video for course in courses for week in course.weeks for video in week.videos):
            if video.url is None and video.files:
                stem = parse_name(PurePosixPath(video.files[0][1]).name, is_file=True).stem
                video.url = video_url(template, video_id(stem), video.slug)

    # -- finishing ---------------------------------------------------------------------------------
    def finish(self) -> list[CoursePlan]:
        courses = sorted(self.courses.values(), key=lambda c: c.key)
        for course in courses:
            course.weeks.sort(key=lambda w: w.key)
            for week in course.weeks:
                week.videos.sort(key=lambda v: v.key)
                week.labs.sort(key=lambda lab: lab.key)
                self.check_meta_items(week)
                self.dedupe([*week.videos, *week.labs], f"{course.slug}/{week.slug}")
            self.dedupe(course.weeks, course.slug)
            self.check_translations(course)
        self.dedupe(courses, "")
        return courses

    def check_meta_items(self, week: WeekPlan) -> None:
        known = {key for item in (*week.videos, *week.labs) for key in (item.slug, _stem_of(item))}
        for key in week.meta.get("items", {}):
            if key not in known:
                self.diagnostics.append(
                    Diagnostic.warning(
                        week.meta["sources"][key],
                        f"'items' names '{key}', which is not a video or lab of this week",
                    )
                )

    def check_translations(self, course: CoursePlan) -> None:
        """A language most videos of a course have is expected in all of them."""
        videos = [video for week in course.weeks for video in week.videos]
        languages: dict[str, int] = {}
        for video in videos:
            for language in {lang for lang, _ in video.files if lang}:
                languages[language] = languages.get(language, 0) + 1
        expected = [lang for lang, n in languages.items() if n > len(videos) / 2 and n < len(videos)]
        for video in videos:
            have = {lang for lang, _ in video.files}
            for language in sorted(set(expected) - have):
                self.diagnostics.append(
                    Diagnostic.warning(
                        video.files[0][1],
                        f"missing translation: no '{language}' transcript, "
                        f"which {languages[language]} of {len(videos)} videos in this course have",
                    )
                )

    def dedupe(self, things: list, where: str) -> None:
        slugs = unique_slugs([thing.slug for thing in things])
        for thing, slug in zip(things, slugs, strict=True):
            if slug != thing.slug:
                self.diagnostics.append(
                    Diagnostic.warning(
                        getattr(thing, "source", None) or where or ".",
                        f"'{thing.title}' has the same URL name as another item; it is published as '{slug}'",
                    )
                )
                thing.slug = slug

    # -- file system helpers -----------------------------------------------------------------------
    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def warn(self, path: Path, message: str) -> None:
        self.diagnostics.append(Diagnostic.warning(self.rel(path), message))

    def is_source(self, path: Path) -> bool:
        """Hidden files, metadata and symbolic links (reported: see coursesite/symlinks.py) are not sources."""
        if path.name.startswith("."):
            if (
                path.suffix.lower() in (*SUBTITLE_EXTENSIONS, NOTEBOOK_EXTENSION)
                and self.rel(path) not in self.reported
            ):
                self.reported.add(self.rel(path))
                self.warn(path, "hidden file (its name starts with '.') is not published; rename it to include it")
            return False
        if path.name in (META_FILE, ROOT_META_FILE):
            return False
        if path.name in CLUTTER_DIRS and path.is_dir():
            return False
        if not is_utf8(path.name):
            shown = os.fsencode(path.name).decode("utf-8", "replace")
            self.diagnostics.append(
                Diagnostic.warning(
                    f"{printable(self.rel(path.parent))}/{shown}",
                    "name is not valid UTF-8, so no URL or page can hold it; it is not published: rename it",
                )
            )
            return False
        if symlinks.is_link(path):
            if self.rel(path) not in self.reported:
                self.reported.add(self.rel(path))
                self.warn(path, symlinks.MESSAGE)
            return False
        return path.is_file() or path.is_dir()

    def subdirs(self, folder: Path) -> list[Path]:
        if not folder.is_dir() or symlinks.is_link(folder):
            return []
        return sorted(
            (
                p
                for p in folder.iterdir()
                if p.is_dir() and self.is_source(p) and not (folder == self.root and p.name in SKIPPED_DIRS)
            ),
            key=lambda p: natural_key(p.name),
        )

    def files(self, folder: Path) -> list[Path]:
        return sorted(
            (p for p in folder.iterdir() if p.is_file() and self.is_source(p)), key=lambda p: natural_key(p.name)
        )

    def walk_files(self, folder: Path) -> list[Path]:
        found = []
        for dirpath, dirnames, filenames, too_deep in walk(folder, MAX_DEPTH):
            if too_deep:  # reported by `account`
                continue
            base = Path(dirpath)
            dirnames[:] = sorted((d for d in dirnames if self.is_source(base / d)), key=natural_key)
            found.extend(base / f for f in sorted(filenames, key=natural_key) if self.is_source(base / f))
        return found


MAX_DEPTH = 40  # folders below a course's: deeper ones are reported, not read (1,000 crashed os.walk)
TOO_DEEP = f"a folder nested more than {MAX_DEPTH} folders deep"


def walk(top: Path, max_depth: int | None = None) -> Iterator[tuple[str, list[str], list[str], bool]]:
    """``os.walk`` top-down, never following links, without recursion (Python 3.11's os.walk recurses: a
    folder 1,000 levels deep raised RecursionError), as (folder, subfolders, files, too_deep). A folder
    ``max_depth`` levels below ``top`` comes with ``too_deep`` set and is not entered; the caller may edit
    the subfolders list to prune, as with os.walk."""
    stack = [(os.fspath(top), 0)]
    while stack:
        path, depth = stack.pop()
        if max_depth is not None and depth > max_depth:
            yield path, [], [], True
            continue
        try:
            entries = sorted(os.scandir(path), key=lambda entry: entry.name)
        except OSError:
            continue
        dirnames = [entry.name for entry in entries if entry.is_dir(follow_symlinks=False)]
        filenames = [entry.name for entry in entries if not entry.is_dir(follow_symlinks=False)]
        yield path, dirnames, filenames, False
        stack.extend((os.path.join(path, name), depth + 1) for name in reversed(dirnames))


def is_utf8(name: str) -> bool:
    """File names are bytes; Python keeps bytes that are not UTF-8 as lone surrogates, which no page can hold."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def printable(text: str) -> str:
    return text if is_utf8(text) else os.fsencode(text).decode("utf-8", "replace")


def order_key(order: tuple[int, ...] | int | None, name: str) -> tuple:
    """Siblings in the order their names number them (``2 - 8 - …`` after ``2 - 7 - …``, ``1.10_`` after ``1.9_``),
    unnumbered ones after, each group naturally by name; a metadata ``order`` replaces the first number."""
    numbers = (order,) if isinstance(order, int) else tuple(order or ())
    return (numbers[0] if numbers else float("inf"), numbers[1:], natural_key(name))


# Folder names that say what a folder of a course or week is.
RGX_WEEK_DIR = re.compile(r"(?:\d+[\s._-]*)?(?:week|wk|w)[\s._-]*\d+(?:[\s._-].*)?", re.IGNORECASE)
RGX_COURSE_DIR = re.compile(
    r"(?:c|course|module|mod|part|unit)[\s._-]*\d+(?:[\s._-](?!\s*w(?:ee)?k?[\s._-]*\d).*)?", re.I
)
RGX_WEEK_NUMBER = re.compile(r"(?:^|[^a-z])(?:c\d+[\s._-]*w|week|wk)[\s._-]*(\d+)", re.IGNORECASE)
RGX_LAB_NAME = re.compile(r"^(?:\d+[\s._-]*)?(?:lab|assignment|exercise|homework|hw|project)s?\b", re.IGNORECASE)
GROUPING_DIRS = frozenset(
    {"labs", "lab", "assignments", "exercises", "homework", "homeworks", "projects", "solutions", "workshops"}
)
NOTES_DIRS = frozenset({"notes", "class_notes", "class-notes", "lecture_notes", "lecture-notes"})
MAX_NOTE_PAGES = 40
NOTE_NAMES = frozenset({"readme", "notes", "index"})
MARKDOWN_EXTENSIONS = frozenset({".md", ".markdown"})
RGX_HEADING = re.compile(r" {0,3}#{1,6}[ \t]+(?P<text>[^\n]*)")  # its closing #s are taken off by heading_of
HEADING_READ_BYTES = 65536
NOTEBOOK_HEADING_READ_BYTES = 256 * 1024
RGX_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
RGX_JSON_GAP = re.compile(r"[\s,]*")
# A heading that numbers what it titles: "Module 1: …", "Course 2 Week 4: …", "C3W2: …".
RGX_NUMBERED_HEADING = re.compile(
    r"\b(?:week|wk|module|course|lab|assignment|homework|exercise|lesson|lecture|unit|part|project|chapter|day"
    r"|session)\s*\d+\b|\bc\d+\s*w\d+\b",
    re.IGNORECASE,
)
# Headings that hold a place rather than name a thing: "Week week3 - Coming Soon", "TODO".
RGX_PLACEHOLDER = re.compile(r"\b(?:coming soon|todo|tbd|to be done|work in progress|wip|placeholder)\b", re.I)
HEADING_NON_TITLES = frozenset(
    {"readme", "notes", "index", "contents", "table of contents", "overview", "introduction", "instructions"}
    | {"setup", "summary", "solution", "solutions", "assignment", "lab", "homework", "exercise", "untitled"}
)


NOT_PLACED = "no page shows it"
SECOND_TRACK = "a second transcript in a language its video shows already: the community's, else the first by name"
CLUTTER_DIRS = frozenset({"__pycache__", "node_modules", "venv", "env", ".venv", "site-packages"})


def skipped_folder_reason(name: str) -> str | None:
    """Why coursesite never looks into a folder: hidden ones (``.git/``, ``.terraform/``, ``.ipynb_checkpoints/``)
    and tools' clutter; None for a folder whose files are sources."""
    if name.startswith("."):
        return "hidden folder"
    if name in CLUTTER_DIRS:
        return "tool folder"
    return None


def skipped_file_reason(path: Path) -> str:
    if os.path.islink(path):
        return "symbolic link"
    if path.name.startswith("."):
        return "hidden file"
    if not is_utf8(path.name):
        return "name is not UTF-8"
    return NOT_PLACED


# The words caption archives name a language's files by, for who made them: "community.srt",
# "auto_generated.srt", "whisper_captions.srt", "taiwan_community.srt", "japanese_ai.srt".
TRACK_WORDS = frozenset(
    {"community", "captions", "caption", "subtitles", "subtitle", "subs", "human", "manual", "official"}
    | {"original", "translation", "transcript", "auto", "generated", "asr", "whisper", "ai", "machine", "mt"}
)
MACHINE_WORDS = frozenset({"auto", "generated", "asr", "whisper", "ai", "machine", "mt"})
RGX_NAME_WORDS = re.compile(r"[\s._-]+")


def is_track_name(stem: str) -> bool:
    """``community``, ``auto_generated``, ``latin_america_community``: a file named for who made it, not a video."""
    words = [w for w in RGX_NAME_WORDS.split(stem.lower()) if w]
    return bool(words) and words[-1] in TRACK_WORDS


def is_machine_track(stem: str) -> bool:
    return any(w in MACHINE_WORDS for w in RGX_NAME_WORDS.split(stem.lower()))


def track_language(stem: str) -> str | None:
    """The language a file named for its language says: ``english`` → en, ``portuguese_brazil_community`` →
    pt-BR, ``japanese_ai`` → ja; None for any other name."""
    words = [w for w in RGX_NAME_WORDS.split(stem.lower()) if w]
    while words and words[-1] in TRACK_WORDS:
        words.pop()
    return code_of_name("-".join(words)) if words else None


def is_week_dir(name: str) -> bool:
    return bool(RGX_WEEK_DIR.fullmatch(name))


def is_course_dir(name: str) -> bool:
    return bool(RGX_COURSE_DIR.fullmatch(name))


def is_grouping_dir(name: str) -> bool:
    return name.lower() in GROUPING_DIRS


def is_notes_dir(name: str) -> bool:
    return name.lower() in NOTES_DIRS


def week_number(name: str) -> int | None:
    """The week a lab's name says it belongs to: ``c1w2_lifecycle``, ``C2_W1_Lab_1``, ``week-3-intro``."""
    match = RGX_WEEK_NUMBER.search(name)
    return int(match[1]) if match else None


def is_markdown(path: Path) -> bool:
    return path.suffix.lower() in MARKDOWN_EXTENSIONS


def is_note(path: Path) -> bool:
    """A course's or week's introduction: README.md, notes.md, index.md."""
    return is_markdown(path) and path.stem.lower() in NOTE_NAMES


def first_heading(path: Path) -> str | None:
    """The first heading of a Markdown file (its first 64 KB) or of a notebook's first Markdown cell (read from
    its first 256 KB), as a title for what it introduces."""
    if path.suffix.lower() == NOTEBOOK_EXTENSION:
        return heading_of(notebook_markdown(path) or "")
    text = beginning(path, HEADING_READ_BYTES)
    return heading_of(text) if text is not None else None


def beginning(path: Path, size: int) -> str | None:
    """The first ``size`` bytes of a file as text (bytes that are not UTF-8 replaced), or None if unreadable."""
    try:
        with open(path, "rb") as stream:
            return stream.read(size).decode("utf-8", "replace")
    except OSError:
        return None


def heading_of(markdown: str) -> str | None:
    """The text of the first ATX heading outside fenced code (``# install`` in a shell block is no title), with
    inline markup removed: ``# Week 3 Assignment:<br>Good **Data**`` → ``Week 3 Assignment: Good Data``."""
    fence = ""
    for line in markdown.splitlines():
        marker = RGX_FENCE.match(line)
        if marker and (not fence or marker[1].startswith(fence)):
            fence = "" if fence else marker[1][0] * 3
            continue
        match = None if fence else RGX_HEADING.fullmatch(line[:HEADING_LINE])
        if match:
            return plain_heading(without_closing_hashes(match["text"]))[:MAX_TITLE] or None
    return None


def notebook_markdown(path: Path) -> str | None:
    """The source of a notebook's first Markdown cell, read cell by cell from the file's first 256 KB: a notebook
    whose first cells hold megabytes of outputs is not read whole to title it (None then)."""
    text = beginning(path, NOTEBOOK_HEADING_READ_BYTES)
    if text is None:
        return None
    cells = re.search(r'"cells"\s*:\s*\[', text)
    decoder = json.JSONDecoder()
    position = cells.end() if cells else len(text)
    while position < len(text):
        position = RGX_JSON_GAP.match(text, position).end()
        try:
            cell, position = decoder.raw_decode(text, position)
        except ValueError:  # the end of the list, or of what was read
            return None
        if isinstance(cell, dict) and cell.get("cell_type") == "markdown":
            source = cell.get("source", "")
            return "".join(source) if isinstance(source, list) else str(source)
    return None


def title_source(folder: Path, notebooks: bool) -> Path | None:
    """The file whose first heading may title a folder with a generic name: its README (LAB.md, notes.md), else,
    for a lab (``notebooks``), its first notebook."""
    try:
        files = sorted((p for p in folder.iterdir() if p.is_file() and not p.is_symlink()), key=lambda p: p.name)
    except OSError:
        return None
    notes = [p for p in files if is_markdown(p) and (is_note(p) or is_readme(p))]
    if notes:
        return min(notes, key=lambda p: (not is_readme(p), p.name.lower()))
    return next((p for p in files if p.suffix.lower() == NOTEBOOK_EXTENSION), None) if notebooks else None


def is_titled_file(path: Path) -> bool:
    """A file whose first heading may be its title: Markdown or a notebook (a ``# comment`` in code is no title)."""
    return is_markdown(path) or path.suffix.lower() == NOTEBOOK_EXTENSION


def heading_title(name: Name, source: Path | None) -> str:
    """A generic name's title, told by the first heading of ``source`` when that is a real title: ``week2`` with a
    README headed "Batch Processing" is "Week 2: Batch Processing"; a heading that names the week already is taken
    as written ("Week 1: Troubleshooting…", "C3W2: Building…", "Week 3 Assignment: …"); placeholders ("Week week3 - Coming Soon") and headings that say no
    more than "README" or "Overview" leave "Week 3"."""
    heading = first_heading(source) if source is not None and not source.is_symlink() else None
    if not heading or RGX_PLACEHOLDER.search(heading) or heading.casefold().strip(" :.#") in HEADING_NON_TITLES:
        return name.title
    if parse_name(heading).generic:
        return name.title  # "# Week 2" says no more than the name
    return heading if RGX_NUMBERED_HEADING.search(heading) else f"{name.title}: {heading}"


def is_readme(path: Path) -> bool:
    return path.stem.upper() in ("README", "LAB") and path.suffix.lower() in (".md", ".txt", "")


def _number(value: object) -> float:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return float("inf")


def _stem_of(item: VideoPlan | LabPlan) -> str:
    if isinstance(item, VideoPlan):
        return item.key[-1].rsplit("/", 1)[-1]
    return parse_name(item.source.rsplit("/", 1)[-1], is_file=not item.is_folder).stem

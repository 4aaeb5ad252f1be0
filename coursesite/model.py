"""The one vocabulary every stage shares: plain, frozen dataclasses (and two named tuples) with no I/O.

Times are integer milliseconds so that rendering is exact and deterministic.
Paths are POSIX strings relative to the project root (``transcripts/c1/w1/01-welcome.en.srt``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in one source file; bad content is reported, never raised."""

    path: str
    line: int | None
    column: int | None
    severity: Severity
    message: str

    @classmethod
    def warning(cls, path: str, message: str, line: int | None = None, column: int | None = None) -> Diagnostic:
        return cls(path, line, column, Severity.WARNING, message)

    @classmethod
    def error(cls, path: str, message: str, line: int | None = None, column: int | None = None) -> Diagnostic:
        return cls(path, line, column, Severity.ERROR, message)


class Cue(NamedTuple):
    """One subtitle cue: markup stripped, entities decoded, lines joined with a newline.

    A named tuple, not a dataclass: a long lecture has tens of thousands of cues, and a tuple is built
    three times faster and gives the garbage collector nothing to track (``scripts/bench_subtitles.py``).
    """

    start_ms: int
    end_ms: int
    text: str
    line: int = 0  # 1-based line of the cue's timing line in the source, 0 if unknown
    speaker: str | None = None  # from a WebVTT voice span <v Name>


class Paragraph(NamedTuple):
    """Cues merged into whole sentences; starts at ``start_ms``, the anchor a link lands on (a named tuple, like Cue)."""

    start_ms: int
    text: str
    speaker: str | None = None


@dataclass(frozen=True)
class Transcript:
    """One subtitle file: one language of one video."""

    source: str  # path relative to the root
    language: str | None  # "en", "es", "pt-BR"; None when the file name carries none
    format: str  # "srt" or "vtt"
    cues: tuple[Cue, ...]
    data: bytes = field(repr=False, default=b"")  # the original bytes, offered as a download
    readable: bool = True  # False when nothing could be recovered (empty, binary)
    problem: str = ""  # why it is unreadable, shown on the page
    # Kept apart from the cues so that a cached summary (with no cues) still knows its length.
    duration_ms: int = -1

    def __post_init__(self) -> None:
        if self.duration_ms < 0:
            object.__setattr__(self, "duration_ms", max((cue.end_ms for cue in self.cues), default=0))


@dataclass(frozen=True)
class Video:
    """One lecture: its transcripts in every language, one page."""

    slug: str
    title: str
    transcripts: tuple[Transcript, ...]  # default language first
    url: str | None = None  # the video itself, when metadata names it
    description: str = ""
    extras: tuple[LabFile, ...] = ()  # files beside its subtitles (the video, a thumbnail), offered on its page

    @property
    def duration_ms(self) -> int:
        return max((t.duration_ms for t in self.transcripts), default=0)


class SourceCopy(bytes):
    """A file published as a copy of its source, which is never held in memory (a lecture's video is
    hundreds of megabytes): its bytes only say which source, by its path under the root, size and time, so
    that a changed video changes them. Only the writer of the generated tree copies it, from the root.

    A type of its own, never made from a file's bytes: a source cannot pass itself off as one.
    """

    @classmethod
    def of(cls, source: str, size: int, mtime_ns: int) -> SourceCopy:
        return cls(f"{source}\0{size}\0{mtime_ns}".encode())

    @property
    def source(self) -> str:
        return self.split(b"\0", 1)[0].decode()


@dataclass(frozen=True)
class LabFile:
    """One file of a lab. ``data`` holds the bytes the page needs (None for files too large to show; a
    ``SourceCopy`` for a video published as a copy of its source)."""

    source: str  # path relative to the root
    name: str  # path relative to the lab (the file name for a one-file lab)
    size: int
    data: bytes | None = field(repr=False, default=None)
    # For a notebook: the repaired nbformat-4 dict from coursesite.notebooks.read_notebook, or None
    # when nothing could be recovered (``problem`` then says why).
    notebook: dict | None = field(repr=False, default=None, compare=False)
    problem: str = ""


@dataclass(frozen=True)
class Lab:
    """A lab solution: one notebook, one file, or a folder of files (shown on one page)."""

    slug: str
    title: str
    source: str  # the file or folder, relative to the root
    files: tuple[LabFile, ...]
    is_folder: bool = False
    description: str = ""
    problem: str = ""  # why its files are only listed, not shown (it could not be converted in time)


class Note(NamedTuple):
    """A Markdown file shown at the top of the home, course or week page: a README people keep notes in."""

    source: str  # path relative to the root
    text: str


class RenderedNotes(NamedTuple):
    """The notes of one page, rendered in a worker like any source: ``markup`` goes at the top of ``page``."""

    page: str  # its path under the docs folder: index.md, courses/<course>/index.md, …
    markup: str


@dataclass(frozen=True)
class Week:
    slug: str
    title: str
    number: int | None
    videos: tuple[Video, ...] = ()
    labs: tuple[Lab, ...] = ()
    description: str = ""
    notes: tuple[Note, ...] = ()  # the week's README, shown at the top of its page

    @property
    def duration_ms(self) -> int:
        return sum(video.duration_ms for video in self.videos)


@dataclass(frozen=True)
class Course:
    slug: str
    title: str
    number: int | None
    weeks: tuple[Week, ...] = ()
    description: str = ""
    notes: tuple[Note, ...] = ()  # the course's README, shown at the top of its page

    @property
    def duration_ms(self) -> int:
        return sum(week.duration_ms for week in self.weeks)


@dataclass(frozen=True)
class Settings:
    """Site-wide settings from the root ``course.yml``; every field has a sensible default."""

    site_name: str = "Course notes"
    default_language: str = "en"
    repo_url: str | None = None  # e.g. https://github.com/org/repo, for edit links and Colab
    repo_branch: str = "main"
    notebook_renderer: str = "coursesite"  # or "mkdocs-jupyter"
    warn_missing_outputs: bool = True  # notebooks committed without outputs show nothing but code
    search: str = "pagefind"  # or "lunr": Material's own index, loaded whole before the first query
    # The address of each video whose name holds its yt-dlp id: "https://www.youtube.com/watch?v={id}" ({slug} too)
    video_url_template: str | None = None


@dataclass(frozen=True)
class Catalog:
    """Everything discovered under one root."""

    settings: Settings
    courses: tuple[Course, ...]
    notes: tuple[Note, ...] = ()  # the root's README, shown on the home page

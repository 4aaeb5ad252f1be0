"""Read every planned source file and parse it into the model: bytes in, model objects and diagnostics out."""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath

from .discover import LabPlan, VideoPlan
from .languages import latin_language, with_language
from .model import Diagnostic, Lab, LabFile, Note, SourceCopy, Transcript, Video
from .names import PLAYABLE
from .notebooks import read_notebook
from .subtitles import parse_subtitles

MAX_PUBLISHED_BYTES = 10 * 1024 * 1024  # larger lab files are listed with their size, not copied into the site
MAX_OUTPUT_BYTES = 1024 * 1024  # a notebook output larger than this makes its page slow to load
# A video beside its subtitles is copied from its source, never read: a lecture is hundreds of MB. Larger
# ones are listed (GitHub Pages publishes at most 1 GB in all).
MAX_VIDEO_BYTES = 2 * 1024**3
MAX_LISTED_BYTES = 100 * 1024 * 1024  # of a lab that is only listed (listed_lab): the files offered, in all


def load_transcript(root: Path, language: str | None, source: str, diagnostics: list[Diagnostic]) -> Transcript:
    try:
        data = (root / source).read_bytes()
    except OSError as error:
        diagnostics.append(Diagnostic.error(source, f"cannot read file: {error.strerror}"))
        return Transcript(
            source, language, _format_of(source), (), b"", False, f"The file could not be read ({error.strerror})."
        )
    result = parse_subtitles(data, source)
    diagnostics.extend(result.diagnostics)
    _report_problem(result.problem, result.diagnostics, Diagnostic.warning(source, result.problem), diagnostics)
    return Transcript(source, language, result.format, result.cues, data, not result.problem, result.problem)


MAX_NOTE_BYTES = 1024 * 1024  # a README over this is shown cut, with a warning (its page is rendered in the build)


def load_note(root: Path, source: str, diagnostics: list[Diagnostic]) -> Note:
    """A README or notes file, as text (bytes that are not UTF-8 shown as replacement characters)."""
    try:
        with open(root / source, "rb") as stream:
            data = stream.read(MAX_NOTE_BYTES + 1)
    except OSError as error:
        diagnostics.append(Diagnostic.error(source, f"cannot read file: {error.strerror}"))
        return Note(source, "")
    if len(data) > MAX_NOTE_BYTES:
        diagnostics.append(Diagnostic.warning(source, f"notes longer than {MAX_NOTE_BYTES // 2**20} MB are shown cut"))
        data = data[:MAX_NOTE_BYTES]
    return Note(source, data.decode("utf-8-sig", "replace"))


def load_video(root: Path, video: VideoPlan, default_language: str, diagnostics: list[Diagnostic]) -> Video:
    transcripts = [
        known
        for language, source in video.files
        for known in with_language(load_transcript(root, language, source, diagnostics), default_language)
    ]
    extras = tuple(load_extra(root, source, diagnostics) for source in video.extras)
    ordered = _in_order(transcripts, default_language)
    return Video(video.slug, video.title, ordered, video.url, video.description, extras)


def _in_order(transcripts: list[Transcript], default_language: str) -> tuple[Transcript, ...]:
    """The default language first, then the others alphabetically (each language's files by name)."""
    return tuple(sorted(transcripts, key=lambda t: (t.language != default_language, t.language or "", t.source)))


def load_lab(root: Path, lab: LabPlan, diagnostics: list[Diagnostic], warn_missing_outputs: bool = True) -> Lab:
    files = [load_lab_file(root, source, name, diagnostics, warn_missing_outputs) for source, name in lab.named_files()]
    return Lab(lab.slug, lab.title, lab.source, tuple(files), lab.is_folder, lab.description)


def load_lab_file(
    root: Path, source: str, name: str, diagnostics: list[Diagnostic], warn_missing_outputs: bool = True
) -> LabFile:
    path = root / source
    try:
        size = path.stat().st_size
        data = path.read_bytes() if size <= MAX_PUBLISHED_BYTES else None
    except OSError as error:
        diagnostics.append(Diagnostic.error(source, f"cannot read file: {error.strerror}"))
        return LabFile(source, name, 0, None, None, f"The file could not be read ({error.strerror}).")
    if data is None:
        diagnostics.append(
            Diagnostic.warning(
                source, f"file is larger than {MAX_PUBLISHED_BYTES // 2**20} MB; it is listed but not published"
            )
        )
    if not name.lower().endswith(".ipynb") or data is None:
        return LabFile(source, name, size, data)
    result = read_notebook(data, source)
    diagnostics.extend(result.diagnostics)
    _report_problem(result.problem, result.diagnostics, Diagnostic.error(source, result.problem), diagnostics)
    if result.notebook is not None:
        diagnostics.extend(check_outputs(result.notebook, source, warn_missing_outputs))
    return LabFile(source, name, size, data, result.notebook, result.problem)


def load_extra(root: Path, source: str, diagnostics: list[Diagnostic] | None = None) -> LabFile:
    """A file beside a video's subtitles: the video itself is published as a copy of its source (its bytes are
    never read), the others (thumbnail, description) as lab files are. ``diagnostics``: None for a video only
    listed, whose files are offered as they are."""
    name = PurePosixPath(source).name
    if not name.lower().endswith(PLAYABLE):
        if diagnostics is None:
            return LabFile(source, name, 0, _bytes_to_publish(root / source))
        return load_lab_file(root, source, name, diagnostics)
    try:
        stat = (root / source).stat()
    except OSError as error:
        if diagnostics is not None:
            diagnostics.append(Diagnostic.error(source, f"cannot read file: {error.strerror}"))
        return LabFile(source, name, 0, None, None, f"The file could not be read ({error.strerror}).")
    if stat.st_size > MAX_VIDEO_BYTES:
        if diagnostics is not None:
            diagnostics.append(
                Diagnostic.warning(
                    source, f"video is larger than {MAX_VIDEO_BYTES // 2**30} GB; it is listed but not published"
                )
            )
        return LabFile(source, name, stat.st_size)
    return LabFile(source, name, stat.st_size, SourceCopy.of(source, stat.st_size, stat.st_mtime_ns))


def listed_video(root: Path, video: VideoPlan, default_language: str, problem: str) -> Video:
    """A video whose subtitles are not parsed, only offered for download (``problem`` says why)."""
    transcripts = [
        Transcript(
            source,
            language or latin_language(default_language),  # unread, its text cannot say
            _format_of(source),
            (),
            _bytes_to_publish(root / source) or b"",
            False,
            problem,
        )
        for language, source in video.files
    ]
    extras = tuple(load_extra(root, source) for source in video.extras)
    ordered = _in_order(transcripts, default_language)
    return Video(video.slug, video.title, ordered, video.url, video.description, extras)


def listed_lab(root: Path, lab: LabPlan, problem: str) -> Lab:
    """A lab whose files are not parsed, only offered for download (``problem`` says why)."""
    files, total = [], 0
    for source, name in lab.named_files():
        size = _size(root / source)
        # This runs in the build's own process, with no budget: a lab of a thousand 10 MB files is not read.
        data = _bytes_to_publish(root / source) if total + size <= MAX_LISTED_BYTES else None
        total += len(data) if data is not None else 0
        files.append(LabFile(source, name, len(data) if data is not None else size, data))
    return Lab(lab.slug, lab.title, lab.source, tuple(files), lab.is_folder, lab.description, problem)


def _bytes_to_publish(path: Path) -> bytes | None:
    """The file's bytes, or None when it is larger than ``MAX_PUBLISHED_BYTES`` or cannot be read."""
    try:
        with open(path, "rb") as stream:
            data = stream.read(MAX_PUBLISHED_BYTES + 1)  # never more, whatever its size
    except OSError:
        return None
    return data if len(data) <= MAX_PUBLISHED_BYTES else None


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def check_outputs(notebook: dict, source: str, warn_missing: bool) -> list[Diagnostic]:
    """Notebooks committed without outputs, and outputs too large for a page."""
    problems = []
    code = [
        (number, cell)
        for number, cell in enumerate(notebook.get("cells", []), 1)
        if cell.get("cell_type") == "code" and "".join(cell.get("source") or "").strip()
    ]
    if warn_missing and code and not any(cell.get("outputs") for _, cell in code):
        problems.append(
            Diagnostic.warning(
                source,
                "notebook has no saved outputs; run it and save it so the page shows its results "
                "(or set warn_missing_outputs: false in course.yml)",
            )
        )
    for number, cell in code:
        for output in cell.get("outputs") or []:
            size = len(json.dumps(output, ensure_ascii=False))
            if size > MAX_OUTPUT_BYTES:
                problems.append(
                    Diagnostic.warning(
                        source,
                        f"cell {number}: an output of {size // 1024} KB makes the page slow; clear it or show less",
                    )
                )
    return problems


def _report_problem(problem: str, reported: tuple[Diagnostic, ...], diagnostic: Diagnostic, into: list) -> None:
    """Why a file could not be read, unless the parser's own diagnostics already said it."""
    if problem and not any(d.message == problem for d in reported):
        into.append(diagnostic)


def _format_of(source: str) -> str:
    return "vtt" if source.lower().endswith(".vtt") else "srt"

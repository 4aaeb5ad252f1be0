"""Read every planned source file and parse it into the model: bytes in, model objects and diagnostics out."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from .discover import LabPlan, VideoPlan
from .model import Diagnostic, Lab, LabFile, Transcript, Video
from .notebooks import read_notebook
from .subtitles import parse_subtitles

MAX_PUBLISHED_BYTES = 10 * 1024 * 1024  # larger lab files are listed with their size, not copied into the site


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
    if result.problem and not any(d.message == result.problem for d in result.diagnostics):
        diagnostics.append(Diagnostic.warning(source, result.problem))
    return Transcript(source, language, result.format, result.cues, data, not result.problem, result.problem)


def load_video(root: Path, video: VideoPlan, default_language: str, diagnostics: list[Diagnostic]) -> Video:
    # The default language first, then the others alphabetically; files without a language tag count as default.
    files = sorted(video.files, key=lambda f: (f[0] not in (None, default_language), f[0] or ""))
    transcripts = tuple(load_transcript(root, language, source, diagnostics) for language, source in files)
    return Video(video.slug, video.title, transcripts, video.url, video.description)


def load_lab(root: Path, lab: LabPlan, diagnostics: list[Diagnostic]) -> Lab:
    base = PurePosixPath(lab.source)
    files = []
    for source in lab.files:
        name = PurePosixPath(source).relative_to(base).as_posix() if lab.is_folder else base.name
        files.append(load_lab_file(root, source, name, diagnostics))
    return Lab(lab.slug, lab.title, lab.source, tuple(files), lab.is_folder, lab.description)


def load_lab_file(root: Path, source: str, name: str, diagnostics: list[Diagnostic]) -> LabFile:
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
    if result.problem and not any(d.message == result.problem for d in result.diagnostics):
        diagnostics.append(Diagnostic.error(source, result.problem))
    return LabFile(source, name, size, data, result.notebook, result.problem)


def _format_of(source: str) -> str:
    return "vtt" if source.lower().endswith(".vtt") else "srt"

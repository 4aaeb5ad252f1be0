"""Render the model into Markdown pages and the files they link to. Pure: model in, bytes out.

Every page lives in its own folder (``courses/<course>/<week>/<item>/index.md``) so that its
downloads and images sit beside it. Text from sources reaches pages only through ``markup``.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from .highlight import code_block
from .islands import island
from .languages import native_name, text_direction
from .links import LinkTargets, Resolution
from .markup import (
    HEADING_LINE,
    count,
    duration,
    html,
    html_each,
    md,
    moments,
    plain_heading,
    size,
    theme_text,
    url,
    web_link,
    web_url,
    without_closing_hashes,
)
from .model import Catalog, Course, Diagnostic, Lab, LabFile, Note, Paragraph, Settings, Transcript, Video, Week
from .names import slugify, unique_slugs
from .paragraphs import make_paragraphs
from .player import Track, hosted_player, hosted_video, local_player, poster_image, video_file, webvtt
from .progress import done_control, progress_bar, progress_tools
from .render_notebook import render_notebook
from .sanitize import sanitize_svg

GENERATED_DIR = "courses"
# Each course's page to print, beside its weeks: no slug holds "_" (names.slugify), so no week is named so.
PRINT_DIR = "_print"
CATALOG_PAGE = f"{GENERATED_DIR}/index.md"  # every course, as cards
CATALOG_TITLE = "All courses"
WORDS_PER_MINUTE_READ = 200
TEXT_PREVIEW_LIMIT = 200_000  # bytes of a Markdown or CSV lab file shown; larger ones are listed with a download
CODE_SHOWN_LINES = 400  # of a longer code or text file, its beginning is shown, with a note
CODE_SHOWN_CHARACTERS = 40_000
CSV_PREVIEW_ROWS = 20
# Lab files published under their own name: formats a browser shows as an image or plain text, plays or
# downloads, and that MkDocs does not turn into a page. Anything else (HTML, XHTML, SVG, XML, scripts,
# Markdown in any of its extensions, and every format not listed) is published with ".txt" added, so
# that opening it from the site shows text; its download link still saves it under its own name.
PUBLISHED_AS_IS = frozenset(
    {
        *(".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".ico", ".avif", ".tif", ".tiff"),
        *(".csv", ".tsv", ".json", ".jsonl", ".ndjson", ".parquet", ".avro", ".orc", ".feather", ".arrow"),
        *(".npy", ".npz", ".h5", ".hdf5", ".db", ".sqlite", ".sqlite3", ".xlsx", ".xls", ".ods", ".txt", ".log"),
        *(".zip", ".gz", ".tgz", ".tar", ".bz2", ".xz", ".7z", ".zst", ".pdf", ".docx", ".pptx", ".odt"),
        *(".mp4", ".webm", ".mp3", ".wav", ".ogg", ".m4a", ".srt", ".vtt"),
        *(".ipynb", ".py", ".sql", ".sh", ".bash", ".tf", ".hcl", ".tfvars", ".yaml", ".yml", ".toml", ".ini", ".cfg"),
        *(".conf", ".r", ".scala", ".java", ".go", ".rs", ".jl", ".c", ".h", ".cpp", ".hpp"),
        *(".kt", ".rb", ".pl", ".lock", ".properties", ".gradle", ".dockerfile", ".dbml", ".graphql", ".proto"),
        "",  # Dockerfile, Makefile: served as application/octet-stream, which browsers download
    }
)
# Where render_lab puts the sanitised notebook copies mkdocs-jupyter renders; its "include" option
# matches from the right, so no download may end in this shape (published_name adds ".txt").
JUPYTER_PAGES = "jupyter/*.ipynb"
GITHUB = "https://github.com/"
COLAB = "https://colab.research.google.com/github"
LANGUAGES_BY_EXTENSION = {
    ".py": "python",
    ".sql": "sql",
    ".sh": "bash",
    ".bash": "bash",
    ".tf": "terraform",
    ".hcl": "terraform",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
    ".toml": "toml",
    ".ini": "ini",
    ".cfg": "ini",
    ".r": "r",
    ".scala": "scala",
    ".java": "java",
    ".js": "javascript",
    ".ts": "typescript",
    ".txt": "text",
    ".html": "html",
    ".xml": "xml",
    ".css": "css",
    ".jl": "julia",
    ".go": "go",
    ".rs": "rust",
}
LANGUAGES_BY_NAME = {"dockerfile": "docker", "makefile": "make", "requirements.txt": "text"}
IMAGE_EXTENSIONS = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp"})


@dataclass
class RenderedSite:
    files: dict[str, bytes]  # path under the generated folder's parent ("courses/…") → content
    nav: list  # MkDocs nav entries for the courses, paths relative to docs_dir
    home: str  # Markdown fragment listing the courses, links relative to the docs root
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _finalize(value: object) -> object:
    """Escape every template value for Markdown unless it is already safe markup."""
    if value is None or isinstance(value, Markup | int | float):
        return value
    return md(value)


_templates = Environment(
    loader=PackageLoader("coursesite", "templates"),
    autoescape=False,
    finalize=_finalize,
    undefined=StrictUndefined,
    trim_blocks=True,
    keep_trailing_newline=True,
    auto_reload=False,  # package files do not change during a build: no stat() of the template per page
)


BODY_SLOT = "\x00body\x00"  # where the body goes in a rendered template, until it is spliced in


def _page(template: str, body: Markup | None = None, **context: object) -> bytes:
    """A page from its template. Blank lines the template leaves (``{% if %}``) are collapsed in its own text
    only: the body goes in as it is, since code in it may hold blank lines that mean something (and a
    transcript's body is megabytes that need no second pass)."""
    text = _templates.get_template(template).render(body=Markup(BODY_SLOT), **context)
    head, slot, tail = text.rpartition(BODY_SLOT)
    if not slot:
        return _tidy(text).encode("utf-8")
    return b"".join((_tidy(head).encode("utf-8"), str(body or "").encode("utf-8"), _tidy(tail).encode("utf-8")))


def _tidy(text: str) -> str:
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text


# Characters a YAML stream may not hold even inside a quoted string (DEL, C1 controls, surrogates, two
# non-characters): JSON writes them raw, and MkDocs, finding the front matter unreadable, renders it as
# Markdown, where attr_list turns "{ onerror=… }" in a title into an attribute.
RGX_NOT_YAML_PRINTABLE = re.compile("[\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def _yaml(text: str) -> Markup:
    """A front matter scalar: a JSON string, which YAML reads as a double-quoted scalar, with every character
    YAML may not hold raw written as an escape."""
    quoted = json.dumps(text, ensure_ascii=False)
    return Markup(RGX_NOT_YAML_PRINTABLE.sub(lambda m: f"\\u{ord(m[0]):04x}", quoted))


def _title_yaml(title: str) -> Markup:
    """A page title for front matter: the theme prints it as HTML, so it is made HTML-safe first."""
    return _yaml(theme_text(title))


# -- the site ----------------------------------------------------------------------------------------
def item_dir(course: Course, week: Week, slug: str) -> str:
    return f"{GENERATED_DIR}/{course.slug}/{week.slug}/{slug}"


def _progress(course: Course, weeks: tuple[Week, ...], title: str, continue_link: bool = False) -> Markup | str:
    """The progress bar of a course or week: its items in course order (each week's videos, then its labs), by
    their pages under the site's root; nothing where there is no item."""
    items = [
        (f"{item_dir(course, week, item.slug)}/", item.title) for week in weeks for item in (*week.videos, *week.labs)
    ]
    return Markup(progress_bar(f"Progress: {title}", items, continue_link)) if items else ""


# How a lab page's links are placed: (the source file holding the link, the link as written) → where it goes.
LinkResolver = Callable[[str, str], Resolution]


def render_item(
    course: Course, week: Week, item: Video | Lab, settings: Settings, targets: LinkTargets | None = None
) -> tuple[dict[str, bytes], list]:
    """The page of one video or lab and the files beside it, keyed by their path under the docs folder.

    ``targets``: where the repository's files are published, for the relative links of a lab's Markdown."""
    base = item_dir(course, week, item.slug)
    if isinstance(item, Video):
        files, diagnostics = render_transcript(course, week, item, settings), []
    else:
        page = f"{base}/index.md"
        resolve = (lambda source, href: targets.resolve(source, page, href)) if targets is not None else None
        files, diagnostics = render_lab(course, week, item, settings, resolve)
    return {f"{base}/{name}": data for name, data in files.items()}, diagnostics


def render_site(catalog: Catalog) -> RenderedSite:
    """Every page of the site: the structure and each item (the pipeline renders items apart, cached)."""
    site = render_structure(catalog)
    for course in catalog.courses:
        for week in course.weeks:
            for item in (*week.videos, *week.labs):
                files, diagnostics = render_item(course, week, item, catalog.settings)
                site.files.update(files)
                site.diagnostics.extend(diagnostics)
    return site


NO_NOTES = Markup("")


RGX_LEADING_HEADING = re.compile(r"\A\s*#{1,2}[ \t]+(?P<text>[^\n]*)(?:\n|\Z)")


def without_title(text: str, title: str) -> str:
    """A note without its first heading when that heading is the page's title (a week titled by its README)."""
    match = RGX_LEADING_HEADING.match(text[:HEADING_LINE])
    if match is None:
        return text
    heading = plain_heading(without_closing_hashes(match["text"]))
    same = heading.casefold() == " ".join(title.split()).casefold()
    return "\n" * match[0].count("\n") + text[match.end() :] if same else text  # lines keep their numbers


def render_notes(
    notes: tuple[Note, ...], page: str, targets: LinkTargets | None, site: RenderedSite, title: str = ""
) -> Markup:
    """READMEs shown at the top of a page (``page``: its docs path), their links and images placed where their
    files are published; data-URL images become files beside the page."""
    parts = []
    for note in notes:
        text = without_title(note.text, title)
        if not text.strip():
            continue
        cell = {"cell_type": "markdown", "id": "notes", "metadata": {}, "source": text}
        notebook = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [cell]}

        def resolve(href: str, source: str = note.source) -> Resolution:
            return targets.resolve(source, page, href) if targets is not None else Resolution(None)

        folder = PurePosixPath(page).parent.as_posix()
        # The home page's images go with the generated pages (courses/), the only folder coursesite writes.
        assets = "notes-assets" if folder != "." else f"{GENERATED_DIR}/notes-assets"
        rendered = render_notebook(notebook, path=note.source, asset_dir=assets, resolve=resolve)
        site.files.update(
            {f"{folder}/{name}" if folder != "." else name: data for name, data in rendered.assets.items()}
        )
        site.diagnostics.extend(rendered.diagnostics)
        parts.append(f'<div class="cs-notes" markdown>\n\n{rendered.markdown}\n</div>')
    return Markup("\n\n".join(parts))


def render_structure(
    catalog: Catalog, targets: LinkTargets | None = None, rendered_notes: dict[str, str] | None = None
) -> RenderedSite:
    """Course, week and catalog pages, the navigation and the home fragment; items need only titles and lengths.

    ``rendered_notes``: each page's notes as the workers rendered them (by page); without it, they are rendered here.
    """
    site = RenderedSite(files={}, nav=[], home="")

    def notes_of(owner_notes: tuple[Note, ...], page: str, title: str) -> Markup:
        if rendered_notes is not None:
            return Markup(rendered_notes.get(page, ""))
        return render_notes(owner_notes, page, targets, site, title)

    for course in catalog.courses:
        course_dir = f"{GENERATED_DIR}/{course.slug}"
        notes = notes_of(course.notes, f"{course_dir}/index.md", course.title)
        site.files[f"{course_dir}/index.md"] = render_course(course, notes)
        # Every entry titled, index pages too: a build that renders only changed pages takes the other pages'
        # titles from here (it does not read them), and they are the titles the pages give themselves.
        week_nav: list = [{theme_text(course.title): f"{course_dir}/index.md"}]
        for week in course.weeks:
            week_dir = f"{course_dir}/{week.slug}"
            notes = notes_of(week.notes, f"{week_dir}/index.md", week.title)
            site.files[f"{week_dir}/index.md"] = render_week(course, week, notes)
            item_nav: list = [{theme_text(week.title): f"{week_dir}/index.md"}]
            item_nav += [
                {theme_text(item.title): f"{week_dir}/{item.slug}/index.md"} for item in (*week.videos, *week.labs)
            ]
            week_nav.append({theme_text(week.title): item_nav})
        site.nav.append({theme_text(course.title): week_nav})
    home_notes = notes_of(catalog.notes, "index.md", catalog.settings.site_name)
    site.home = (f"{home_notes}\n\n" if home_notes else "") + render_home(catalog, prefix=f"{GENERATED_DIR}/")
    site.files[CATALOG_PAGE] = _page(
        "catalog.md.j2",
        title=CATALOG_TITLE,
        title_yaml=_title_yaml(CATALOG_TITLE),
        totals=html(_totals(catalog)),
        cards=Markup(render_home(catalog, prefix="")),
    )
    return site


def _totals(catalog: Catalog) -> str:
    weeks = sum(len(c.weeks) for c in catalog.courses)
    videos = sum(len(w.videos) for c in catalog.courses for w in c.weeks)
    labs = sum(len(w.labs) for c in catalog.courses for w in c.weeks)
    parts = [count(len(catalog.courses), "course"), count(weeks, "week"), *_videos(videos), count(labs, "lab")]
    return " · ".join([*parts, *_video_time(sum(c.duration_ms for c in catalog.courses))])


def _videos(number: int) -> list[str]:
    """``3 videos`` where there are videos; a lab-only course or week says nothing about video."""
    return [count(number, "video")] if number else []


def _video_time(ms: int) -> list[str]:
    """``25 min of video``; nothing for no video (or none whose length could be read), never "0 s of video"."""
    return [f"{duration(ms)} of video"] if ms > 0 else []


def render_home(catalog: Catalog, prefix: str) -> str:
    """The course cards for the home page; ``prefix`` leads from the including page to ``courses/``."""
    cards = [
        {
            "title": course.title,
            "link": url(f"{prefix}{course.slug}/index.md"),
            "description": course.description,
            "meta": html(_course_meta(course)),
            "progress": _progress(course, course.weeks, course.title, continue_link=True),
        }
        for course in catalog.courses
    ]
    tools = Markup(progress_tools()) if cards else ""
    return _page("home.md.j2", courses=cards, tools=tools).decode("utf-8")


# -- course and week ---------------------------------------------------------------------------------
def _items(week: Week, prefix: str) -> tuple[list[dict], list[dict]]:
    videos = [
        {
            "icon": Markup(":material-play-circle-outline:"),
            "title": v.title,
            "link": url(f"{prefix}{v.slug}/index.md"),
            "note": html(duration(v.duration_ms)),
        }
        for v in week.videos
    ]
    labs = [
        {
            "icon": Markup(":material-flask-outline:"),
            "title": lab.title,
            "link": url(f"{prefix}{lab.slug}/index.md"),
            "note": html(_lab_kind(lab)),
        }
        for lab in week.labs
    ]
    return videos, labs


def _lab_kind(lab: Lab) -> str:
    if lab.is_folder:
        return count(len(lab.files), "file")
    return "notebook" if lab.source.endswith(".ipynb") else PurePosixPath(lab.source).suffix.lstrip(".") + " file"


def _week_meta(week: Week) -> str:
    return " · ".join([*_videos(len(week.videos)), count(len(week.labs), "lab"), *_video_time(week.duration_ms)])


def render_course(course: Course, notes: Markup = NO_NOTES) -> bytes:
    weeks = []
    for week in course.weeks:
        videos, labs = _items(week, f"{week.slug}/")
        weeks.append(
            {
                "title": week.title,
                "link": url(f"{week.slug}/index.md"),
                "description": week.description,
                "entries": videos + labs,
            }
        )
    return _page(
        "course.md.j2",
        course=course,
        weeks=weeks,
        meta=html(_course_meta(course)),
        print_href=html(f"{PRINT_DIR}/index.html"),  # index.html named: the offline copy opens folders as listings
        progress=_progress(course, course.weeks, course.title, continue_link=True),
        notes=notes,
        title_yaml=_title_yaml(course.title),
        source_yaml=_yaml(course.notes[0].source if course.notes else ""),
    )


def _course_meta(course: Course) -> str:
    videos = sum(len(w.videos) for w in course.weeks)
    labs = sum(len(w.labs) for w in course.weeks)
    parts = [count(len(course.weeks), "week"), *_videos(videos), count(labs, "lab")]
    return " · ".join([*parts, *_video_time(course.duration_ms)])


def render_week(course: Course, week: Week, notes: Markup = NO_NOTES) -> bytes:
    videos, labs = _items(week, "")
    meta = f"{course.title} · {_week_meta(week)}"
    return _page(
        "week.md.j2",
        week=week,
        videos=videos,
        labs=labs,
        meta=html(meta),
        print_href=html(f"../{PRINT_DIR}/index.html?week={week.slug}"),
        progress=_progress(course, (week,), week.title),
        notes=notes,
        title_yaml=_title_yaml(week.title),
        source_yaml=_yaml(week.notes[0].source if week.notes else ""),
    )


# -- transcripts -------------------------------------------------------------------------------------
def video_link(url_: str, ms: int) -> str:
    """Link to a video at a second: YouTube takes ``t=`` in the query, other players a ``#t=`` fragment."""
    seconds = ms // 1000
    base, _, _ = url_.partition("#")
    if "youtube.com/" in base or "youtu.be/" in base:
        return f"{base}{'&' if '?' in base else '?'}t={seconds}s"
    return f"{base}#t={seconds}"


def render_paragraphs(
    paragraphs: list[Paragraph], stamps: list[tuple[str, str]], video_url: str | None, id_prefix: str = ""
) -> str:
    """Paragraphs as HTML, each under a small timestamp heading that carries its anchor.

    ``stamps``: each paragraph's ``(clock, anchor)`` (``markup.moments``). The heading makes each paragraph a
    section of its own for the search index, so a result lands on the paragraph that holds the words, and
    a shared ``#t-3m15s`` link lands on that moment.
    """
    lines, used = [], set()
    title = "Play the video from here" if video_url else "Link to this moment"
    speakers: dict[str, str] = {}  # a transcript names few speakers, many times
    texts = html_each([p.text for p in paragraphs])
    for (start_ms, _, name), text, (time, ident) in zip(paragraphs, texts, stamps, strict=True):
        ident = id_prefix + ident
        if ident in used:  # two paragraphs starting in the same second: t-1m05s, t-1m05s-2
            base, counter = ident, 2
            while (ident := f"{base}-{counter}") in used:
                counter += 1
        used.add(ident)
        target = html(video_link(video_url, start_ms)) if video_url else f"#{ident}"
        speaker = ""
        if name:
            speaker = speakers.get(name) or speakers.setdefault(name, f'<span class="cs-speaker">{html(name)}:</span> ')
        lines.append(
            f'<h2 class="cs-ts" id="{ident}"><a href="{target}" title="{title}">[{time}]</a></h2>\n'
            f'<p class="cs-para">{speaker}{text}</p>'
        )
    return "\n".join(lines)


def plain_text(paragraphs: list[Paragraph], stamps: list[tuple[str, str]]) -> str:
    return (
        "".join(
            f"[{time}] {p.speaker + ': ' if p.speaker else ''}{p.text}\n\n"
            for p, (time, _) in zip(paragraphs, stamps, strict=True)
        ).rstrip("\n")
        + "\n"
    )


def _download_name(video: Video, track: str, extension: str) -> str:
    return f"{video.slug}.{track}{extension}" if track else f"{video.slug}{extension}"


def _tracks(video: Video, default_language: str) -> list[tuple[str, str]]:
    """Each transcript's language (never empty: a transcript the load stage could not place is in the default
    language) and the name of its downloads and anchors, unique on the page: "ar", "ar-2" for a second Arabic one,
    "" for one whose language no file or folder said."""
    languages = [transcript.language or default_language for transcript in video.transcripts]
    names = unique_slugs([transcript.language or "" for transcript in video.transcripts])
    return list(zip(languages, names, strict=True))


def render_transcript(course: Course, week: Week, video: Video, settings: Settings) -> dict[str, bytes]:
    """The video's page and its downloads: the original subtitles and a plain-text version per language."""
    default_language = settings.default_language
    files: dict[str, bytes] = {}
    video_url = web_url(video.url) if video.url else None  # discovery checked it; every link we build is checked
    blocks, downloads, captions, words = [], [], [], 0
    tracks = _tracks(video, default_language)
    for index, (transcript, (language, track)) in enumerate(zip(video.transcripts, tracks, strict=True)):
        paragraphs = make_paragraphs(transcript.cues)
        stamps = moments([paragraph.start_ms for paragraph in paragraphs])  # for the page and the .txt
        if index == 0:  # the words of the first language; a paragraph's words are one space apart
            texts = [paragraph.text for paragraph in paragraphs]
            words = sum(map(str.count, texts, itertools.repeat(" "))) + len(texts) - texts.count("")
        original = _download_name(video, track, "." + transcript.format)
        text_name = _download_name(video, track, ".txt")
        files[original] = transcript.data
        files[text_name] = plain_text(paragraphs, stamps).encode("utf-8")
        label = native_name(language) if track in (language, "") else f"{native_name(language)} ({track})"
        downloads.append(
            f'<a href="{url(original)}" download>{html(label)} subtitles (.{transcript.format})</a> · '
            f'<a href="{url(text_name)}" download>{html(label)} text (.txt)</a>'
        )
        if not transcript.readable:
            body = (
                f'<div class="admonition warning"><p class="admonition-title">This transcript could not be read</p>'
                f"<p>{html(transcript.problem)} The original file is offered for download above.</p></div>"
            )
        else:
            prefix = "" if index == 0 else f"{track or index}-"
            body = render_paragraphs(paragraphs, stamps, video_url, prefix)
            captions.append((transcript, Track(f"tracks/{track or 'captions'}.vtt", language, label)))
        blocks.append((label, language, body))
    meta = [
        course.title,
        week.title,
        duration(video.duration_ms),
        f"{words} words",
        f"{max(1, round(words / WORDS_PER_MINUTE_READ))} min read",
    ]
    for extra in video.extras:  # the video file, its thumbnail, its description, beside the subtitles
        if extra.data is not None:
            files[published_name(extra.name)] = extra.data
            downloads.append(download_link(extra.name, extra.name))
    if video_url:
        downloads.append(f'<a href="{html(video_url)}">Watch the video</a>')
    player, player_files = _player(video, video_url, captions)
    files.update(player_files)
    body = island(_language_tabs(blocks))  # HTML we escaped: Markdown need not parse it again
    files["index.md"] = _page(
        "transcript.md.j2",
        video=video,
        study=Markup(done_control(f"{item_dir(course, week, video.slug)}/")),
        player=Markup(island(player)) if player else "",
        meta=html(" · ".join(meta)),
        downloads=Markup(" · ".join(downloads)),
        body=Markup(body),
        title_yaml=_title_yaml(video.title),
        source_yaml=_yaml(video.transcripts[0].source),
    )
    return files


def _player(
    video: Video, video_url: str | None, captions: list[tuple[Transcript, Track]]
) -> tuple[str, dict[str, bytes]]:
    """The player above the transcript and the caption files it loads: the video file beside the subtitles
    if one is published (it plays offline, from disk too), else a poster for a YouTube or Vimeo address."""
    poster = poster_image(video.extras)
    poster_name = published_name(poster.name) if poster else None
    local = video_file(video.extras)
    if local is not None:
        files = {track.path: webvtt(transcript.cues) for transcript, track in captions}
        tracks = [track for _, track in captions]
        return local_player(published_name(local.name), video.title, tracks, poster_name), files
    hosted = hosted_video(video_url) if video_url else None
    if hosted is None or video_url is None:
        return "", {}
    return hosted_player(hosted, video_url, video.title, poster_name), {}


def _language_tabs(blocks: list[tuple[str, str, str]]) -> str:
    """One block as is; several as Material's tab markup (pure CSS, no script needed). Each block and tab label
    says its language, and right-to-left languages (Arabic, Hebrew, Persian, Urdu…) say ``dir="rtl"``."""
    if len(blocks) == 1:
        _label, language, body = blocks[0]
        return f'<div class="cs-transcript"{_language_attributes(language)}>\n{body}\n</div>'
    inputs = "".join(
        f'<input {"checked " if i == 0 else ""}id="cs-lang-{i}" name="cs-lang" type="radio">'
        for i in range(len(blocks))
    )
    labels = "".join(
        f'<label for="cs-lang-{i}"{_language_attributes(language)}>{html(label)}</label>'
        for i, (label, language, _) in enumerate(blocks)
    )
    contents = "".join(
        f'<div class="tabbed-block cs-transcript"{_language_attributes(language)}>\n{body}\n</div>'
        for _, language, body in blocks
    )
    return (
        f'<div class="tabbed-set tabbed-alternate cs-languages" data-tabs="1:{len(blocks)}">{inputs}'
        f'<div class="tabbed-labels">{labels}</div><div class="tabbed-content">\n{contents}\n</div></div>'
    )


def _language_attributes(language: str) -> str:
    direction = ' dir="rtl"' if text_direction(language) == "rtl" else ""
    return f' lang="{html(language)}"{direction}'


# -- labs --------------------------------------------------------------------------------------------
# A server may read through these to the format inside (MkDocs' preview serves page.html.bz2 as HTML).
COMPRESSED = frozenset({".gz", ".bz2", ".xz", ".zst"})


def published_name(name: str) -> str:
    """Where a lab file is offered for download: its own name if its format (and, when compressed, the format
    inside) is in PUBLISHED_AS_IS, else with ".txt" added."""
    published = f"files/{name}"
    path = PurePosixPath(name)
    suffix = path.suffix.lower()
    inner = PurePosixPath(path.stem).suffix.lower() if suffix in COMPRESSED else ""
    if suffix not in PUBLISHED_AS_IS or inner not in PUBLISHED_AS_IS or PurePosixPath(published).match(JUPYTER_PAGES):
        published += ".txt"
    return published


def file_anchor(name: str) -> str:
    """The id of a lab file's section on its lab's page: links to the file from elsewhere land there."""
    return "file-" + slugify(name)


def file_heading(name: str) -> str:
    return f"## {md(name)} {{ #{file_anchor(name)} }}\n\n"


def is_markdown_file(name: str) -> bool:
    """A lab file rendered as Markdown: ``.md``, ``.markdown``, and a README or LAB with no extension or ``.txt``."""
    path = PurePosixPath(name)
    suffix = path.suffix.lower()
    return suffix in (".md", ".markdown") or (path.stem.upper() in ("README", "LAB") and suffix in ("", ".txt"))


def shown_as_section(name: str) -> bool:
    """Lab files rendered on the lab's page (a link to one goes to its section, not to its download)."""
    return is_markdown_file(name) or PurePosixPath(name).suffix.lower() == ".ipynb"


def download_link(name: str, label: str) -> str:
    """A link that downloads a lab file under its own name, wherever and however it is published."""
    own_name = PurePosixPath(name).name
    return f'<a href="{url(published_name(name))}" download="{html(own_name)}">{html(label)}</a>'


def render_lab(
    course: Course, week: Week, lab: Lab, settings: Settings, resolve: LinkResolver | None = None
) -> tuple[dict[str, bytes], list[Diagnostic]]:
    files: dict[str, bytes] = {}
    diagnostics: list[Diagnostic] = []
    jupyter = settings.notebook_renderer == "mkdocs-jupyter"
    # The pages of the notebook copies mkdocs-jupyter shows: two notebooks of one folder may share a name.
    jupyter_slugs = iter(
        unique_slugs([slugify(PurePosixPath(f.name).stem) for f in lab.files if jupyter and f.notebook is not None])
    )
    # Images the lab's Markdown shows are shown there only, not a second time as files of their own: the
    # Markdown and notebooks are rendered first, noting what their links reach.
    shown: set[str] = set()

    def noting(source: str, href: str) -> Resolution:
        found = resolve(source, href) if resolve is not None else Resolution(None)
        if found.source:
            shown.add(found.source)
        return found

    def is_text(lab_file: LabFile) -> bool:
        return PurePosixPath(lab_file.name).suffix.lower() not in IMAGE_EXTENSIONS

    by_number: dict[int, str] = {}
    for number, lab_file in sorted(enumerate(lab.files), key=lambda pair: not is_text(pair[1])):
        if lab_file.data is not None:
            files[published_name(lab_file.name)] = lab_file.data
        if lab.problem:  # it could not be converted: its files are only listed, for download
            heading = file_heading(lab_file.name) if lab.is_folder else ""
            section, assets, problems = f'{heading}<p class="cs-file">{_file_link(lab_file)}</p>', {}, []
        elif jupyter and lab_file.notebook is not None:
            section, assets, problems = _jupyter_section(lab_file, lab.is_folder, next(jupyter_slugs))
        elif lab_file.source in shown and lab.is_folder and not is_text(lab_file):
            section, assets, problems = f'<p class="cs-file">{_file_link(lab_file)} (shown above)</p>', {}, []
        else:
            section, assets, problems = render_lab_file(
                lab_file, asset_dir=f"assets-{number + 1}", show_name=lab.is_folder, resolve=noting
            )
        files.update(assets)
        diagnostics.extend(problems)
        by_number[number] = section
    sections = [by_number[number] for number in sorted(by_number)]
    downloads = []
    if lab.is_folder:
        zip_name = f"{lab.slug}.zip"
        files[zip_name] = _zip(lab)
        downloads.append(f'<a href="{url(zip_name)}" download>Download the lab (.zip)</a>')
    else:
        downloads.append(download_link(lab.files[0].name, f"Download {lab.files[0].name}"))
    notebooks = [f for f in lab.files if f.name.endswith(".ipynb")]
    repo = (web_url(settings.repo_url) or "").rstrip("/") if settings.repo_url else ""
    if repo.startswith(GITHUB) and notebooks:  # Colab opens notebooks from GitHub only
        for notebook in notebooks:
            colab = web_link(COLAB, repo.removeprefix(GITHUB), "blob", settings.repo_branch, notebook.source)
            downloads.append(f'<a href="{html(colab)}">Open {html(notebook.name)} in Colab</a>')
    total = sum(f.size for f in lab.files)
    meta = f"{course.title} · {week.title} · {_lab_kind(lab)} · {size(total)}"
    files["index.md"] = _page(
        "lab.md.j2",
        lab=lab,
        study=Markup(done_control(f"{item_dir(course, week, lab.slug)}/")),
        meta=html(meta),
        downloads=Markup(" · ".join(downloads)),
        body=Markup("\n\n".join(sections)),
        title_yaml=_title_yaml(lab.title),
        source_yaml=_yaml(_editable_source(lab)),
        problem=html(lab.problem),
    )
    return files, diagnostics


def _editable_source(lab: Lab) -> str:
    """What "edit this page" opens: the README of a lab folder (a folder cannot be edited), else the file."""
    first = PurePosixPath(lab.files[0].name) if lab.files else None
    if lab.is_folder and first and first.stem.upper() in ("README", "LAB") and len(first.parts) == 1:
        return lab.files[0].source
    return lab.source


def render_lab_file(
    lab_file: LabFile, asset_dir: str, show_name: bool, resolve: LinkResolver | None = None
) -> tuple[str, dict[str, bytes], list[Diagnostic]]:
    """One file of a lab as a page section: notebook, Markdown, code, table, image or a listing."""
    path = PurePosixPath(lab_file.name)
    suffix = path.suffix.lower()
    heading = file_heading(lab_file.name) if show_name else ""
    link = _file_link(lab_file)
    if lab_file.data is None:
        return f'{heading}<p class="cs-file">{link} (too large to show here)</p>', {}, []
    if suffix == ".ipynb":
        return _notebook_section(lab_file, asset_dir, heading, link, resolve)
    if suffix in IMAGE_EXTENSIONS:
        target = published_name(lab_file.name)
        return f'{heading}![{md(lab_file.name)}]({url(target)})\n\n<p class="cs-file">{link}</p>', {}, []
    if suffix == ".svg":
        image = f"{asset_dir}/{path.stem}.svg"
        safe = sanitize_svg(lab_file.data.decode("utf-8", "replace")).encode("utf-8")
        return f'{heading}![{md(lab_file.name)}]({url(image)})\n\n<p class="cs-file">{link}</p>', {image: safe}, []
    text = _as_text(lab_file.data)
    if text is None:
        return f'{heading}<p class="cs-file">{link} (binary file)</p>', {}, []
    is_markdown = is_markdown_file(lab_file.name)
    if lab_file.size > TEXT_PREVIEW_LIMIT and (is_markdown or suffix in (".csv", ".tsv")):
        return f'{heading}<p class="cs-file">{link} (too large to show here)</p>', {}, []
    if is_markdown:
        return _markdown_section(lab_file, text, asset_dir, heading, resolve)
    if suffix in (".csv", ".tsv"):
        return f'{heading}{_csv_preview(text, suffix)}\n\n<p class="cs-file">{link}</p>', {}, []
    language = LANGUAGES_BY_NAME.get(path.name.lower()) or LANGUAGES_BY_EXTENSION.get(suffix, "text")
    shown, note = _first_lines(text)
    block = code_block(shown, language, title="" if show_name else lab_file.name)
    return f'{heading}{block}\n\n{note}<p class="cs-file">{link}</p>', {}, []


def _first_lines(text: str) -> tuple[str, str]:
    """A long text file's beginning and a note saying how much is shown (a 1,100-line export made a 569 KB
    page); the download link below it has the whole file."""
    lines = text.count("\n") + (not text.endswith("\n"))
    if lines <= CODE_SHOWN_LINES and len(text) <= CODE_SHOWN_CHARACTERS:
        return text, ""
    cut = text[:CODE_SHOWN_CHARACTERS]
    cut = "\n".join(cut.split("\n")[:CODE_SHOWN_LINES]).rstrip("\n") + "\n"
    shown = cut.count("\n")
    note = f'<p class="cs-meta">The first {shown} of {lines} lines; download the file for all of it.</p>\n\n'
    return cut, note


def _file_link(lab_file: LabFile) -> str:
    """The download link of a lab file, with its size."""
    return f"{download_link(lab_file.name, lab_file.name)} · {size(lab_file.size)}"


def _notebook_section(
    lab_file: LabFile, asset_dir: str, heading: str, link: str, resolve: LinkResolver | None = None
) -> tuple[str, dict, list]:
    if lab_file.notebook is None:
        problem = html(lab_file.problem or "The notebook could not be read.")
        return (
            (
                f'{heading}<div class="admonition warning"><p class="admonition-title">This notebook could not be '
                f"shown</p><p>{problem}</p><p>{link}</p></div>"
            ),
            {},
            [],
        )
    return _rendered_section(lab_file.notebook, lab_file, asset_dir, heading, resolve)


def _jupyter_section(lab_file: LabFile, show_name: bool, slug: str) -> tuple[str, dict, list]:
    """The alternative renderer: a sanitised copy of the notebook that mkdocs-jupyter shows on a page of its own.

    The copy lands at ``jupyter/SLUG.ipynb`` beside the lab page (the site plugin has mkdocs-jupyter
    render only such files) and becomes the page ``jupyter/SLUG/``; its images sit under that page.
    """
    folder = PurePosixPath(lab_file.name).parent.as_posix()
    neighbours = "../../files/" if folder == "." else f"../../files/{folder}/"
    from .jupyter_copy import safe_copy  # only for the mkdocs-jupyter renderer

    copy, assets, problems = safe_copy(
        lab_file.notebook, path=lab_file.source, asset_dir="assets", link_base=neighbours
    )
    files = {f"jupyter/{slug}/{name}": data for name, data in assets.items()}
    files[f"jupyter/{slug}.ipynb"] = (json.dumps(copy, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode()
    heading = file_heading(lab_file.name) if show_name else ""
    link = _file_link(lab_file)
    section = (
        f"{heading}[Open the notebook]({url(f'jupyter/{slug}.ipynb')}) (shown by mkdocs-jupyter on a page of its own)"
        f'\n\n<p class="cs-file">{link}</p>'
    )
    return section, files, problems


def _markdown_section(
    lab_file: LabFile, text: str, asset_dir: str, heading: str, resolve: LinkResolver | None = None
) -> tuple[str, dict, list]:
    """A README or Markdown file goes through the notebook renderer's sanitising Markdown path."""
    notebook = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {},
        "cells": [{"cell_type": "markdown", "id": "readme", "metadata": {}, "source": text}],
    }
    return _rendered_section(notebook, lab_file, asset_dir, heading, resolve)


def _rendered_section(
    notebook: dict, lab_file: LabFile, asset_dir: str, heading: str, resolve: LinkResolver | None = None
) -> tuple[str, dict, list]:
    """A notebook (or a README wrapped as one) rendered under the lab file's heading, links rebased."""
    rendered = render_notebook(
        notebook,
        path=lab_file.source,
        asset_dir=asset_dir,
        heading_offset=2 if heading else 1,
        link_base=_neighbours(lab_file.name),
        resolve=(lambda href: resolve(lab_file.source, href)) if resolve is not None else None,
    )
    return f"{heading}{rendered.markdown}", rendered.assets, list(rendered.diagnostics)


def _neighbours(name: str) -> str:
    """Where the files beside a lab file are published, for its relative links."""
    folder = PurePosixPath(name).parent.as_posix()
    return "files/" if folder == "." else f"files/{folder}/"


def _as_text(data: bytes) -> str | None:
    if b"\x00" in data[:8192]:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def _csv_preview(text: str, suffix: str) -> str:
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter="\t" if suffix == ".tsv" else ","))
    except csv.Error as error:  # a field over the csv module's 128 KB limit, say
        return f"<p><em>This file cannot be shown as a table ({html(error)}).</em></p>"
    if not rows:
        return "<p><em>Empty file.</em></p>"
    head, body = rows[0], rows[1 : CSV_PREVIEW_ROWS + 1]
    cells = "".join(f"<th>{html(c)}</th>" for c in head)
    # tabindex: the preview scrolls sideways, and keyboard users must be able to scroll it too.
    lines = [f'<table class="cs-csv" tabindex="0"><thead><tr>{cells}</tr></thead><tbody>']
    lines += ["<tr>" + "".join(f"<td>{html(c)}</td>" for c in row) + "</tr>" for row in body]
    lines.append("</tbody></table>")
    shown = f"First {len(body)} of {len(rows) - 1} rows." if len(rows) - 1 > len(body) else f"{len(body)} rows."
    return "".join(lines) + f'\n\n<p class="cs-meta">{shown}</p>'


def _zip(lab: Lab) -> bytes:
    """A deterministic zip of the lab folder: fixed timestamps, files in order."""
    buffer = io.BytesIO()
    root = PurePosixPath(lab.source).name
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for lab_file in lab.files:
            if lab_file.data is None:
                continue
            info = zipfile.ZipInfo(f"{root}/{lab_file.name}", date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, lab_file.data)
    return buffer.getvalue()


__all__ = ["GENERATED_DIR", "RenderedSite", "render_item", "render_site", "render_structure"]

"""The video beside its transcript: which player plays it, and the markup that holds the player.

A video file published beside the subtitles plays in the browser's own ``<video>``, with the page's
subtitles as WebVTT tracks; a YouTube or Vimeo address gets a poster, a link to the video that the page's
script (``assets/player.js``) turns into a button loading that site's player: no request leaves the site
before the reader asks for it, and without the script (or in the offline copy) the poster links out.
Text reaches the markup through ``markup.html``; ids are checked against each site's grammar, so what the
script reads back from the page is a known shape.
"""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import parse_qs, urlsplit

from .markup import html, url
from .model import Cue, LabFile
from .names import PLAYABLE

POSTER_IMAGES = (".jpg", ".jpeg", ".png", ".webp")  # yt-dlp's thumbnail beside the video
YOUTUBE_HOSTS = frozenset(
    {"youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com", "www.youtube-nocookie.com"}
)
VIMEO_HOSTS = frozenset({"vimeo.com", "www.vimeo.com", "player.vimeo.com"})
RGX_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
RGX_VIMEO_ID = re.compile(r"[0-9]{1,12}")
RGX_VIMEO_HASH = re.compile(r"[0-9a-f]{6,20}")  # an unlisted video's second path segment
SITE_NAMES = {"youtube": "YouTube", "vimeo": "Vimeo"}


class Hosted(NamedTuple):
    """A video on a video site: ``site`` is "youtube" or "vimeo", ``id`` its checked id there."""

    site: str
    id: str
    hash: str = ""  # Vimeo's key to an unlisted video


class Track(NamedTuple):
    """One language of the page as a WebVTT file for ``<track>``."""

    path: str  # beside the page
    language: str
    label: str


def hosted_video(address: str) -> Hosted | None:
    """The YouTube or Vimeo video an address names, or None (any other address is only linked)."""
    parts = urlsplit(address)
    host = (parts.hostname or "").lower()
    segments = [segment for segment in parts.path.split("/") if segment]
    if host == "youtu.be" or host in YOUTUBE_HOSTS:
        if host == "youtu.be":
            candidate = segments[0] if segments else ""
        elif segments == ["watch"]:
            candidate = parse_qs(parts.query).get("v", [""])[0]
        elif len(segments) == 2 and segments[0] in ("embed", "shorts", "live", "v"):
            candidate = segments[1]
        else:
            candidate = ""
        return Hosted("youtube", candidate) if RGX_YOUTUBE_ID.fullmatch(candidate) else None
    if host in VIMEO_HOSTS:
        numbered = [i for i, segment in enumerate(segments) if RGX_VIMEO_ID.fullmatch(segment)]
        if not numbered:
            return None
        at = numbered[-1]
        following = segments[at + 1] if at + 1 < len(segments) else parse_qs(parts.query).get("h", [""])[0]
        return Hosted("vimeo", segments[at], following if RGX_VIMEO_HASH.fullmatch(following) else "")
    return None


def video_file(extras: tuple[LabFile, ...]) -> LabFile | None:
    """The first published video file beside the subtitles (a file over the size limit is only listed)."""
    return next((f for f in extras if f.name.lower().endswith(PLAYABLE) and f.data is not None), None)


def poster_image(extras: tuple[LabFile, ...]) -> LabFile | None:
    return next((f for f in extras if f.name.lower().endswith(POSTER_IMAGES) and f.data is not None), None)


def local_player(src: str, title: str, tracks: list[Track], poster: str | None) -> str:
    """The browser's own player for a video file published beside the page, with every language as a track
    (the default language as captions, translations as subtitles)."""
    elements = "".join(
        f'<track kind="{"captions" if index == 0 else "subtitles"}" src="{url(track.path)}" '
        f'srclang="{html(track.language)}" label="{html(track.label)}">'
        for index, track in enumerate(tracks)
    )
    poster_attribute = f' poster="{url(poster)}"' if poster else ""
    return (
        f'<div class="cs-player" data-cs-player="html5">'
        f'<video controls preload="metadata" playsinline src="{url(src)}"{poster_attribute} '
        f'aria-label="{html(title)}">{elements}</video></div>'
    )


def hosted_player(video: Hosted, watch_url: str, title: str, poster: str | None) -> str:
    """A poster that links to the video on its site; ``player.js`` makes it load the site's player here."""
    site = SITE_NAMES[video.site]
    image = f'<img class="cs-poster__image" src="{url(poster)}" alt="">' if poster else ""
    hash_attribute = f' data-cs-hash="{html(video.hash)}"' if video.hash else ""
    return (
        f'<div class="cs-player" data-cs-player="{video.site}" data-cs-id="{html(video.id)}"{hash_attribute}>'
        f'<a class="cs-poster" href="{html(watch_url)}">{image}'
        f'<span class="cs-poster__play" aria-hidden="true"></span>'
        f'<span class="cs-poster__title">{html(title)}</span>'
        f'<span class="cs-poster__note">Watch on {site}</span></a></div>'
    )


def webvtt(cues: tuple[Cue, ...]) -> bytes:
    """Cues as a WebVTT file: ``<track>`` reads WebVTT only, in UTF-8, whatever the source was."""
    blocks = ["WEBVTT\n"]
    for cue in cues:
        lines = [line for line in cue.text.split("\n") if line.strip()]
        if not lines:
            continue
        text = "\n".join(lines).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")  # "-->" too
        if cue.speaker:
            speaker = " ".join(cue.speaker.split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            text = f"<v {speaker}>{text}"
        blocks.append(f"{_vtt_time(cue.start_ms)} --> {_vtt_time(max(cue.end_ms, cue.start_ms))}\n{text}\n")
    return "\n".join(blocks).encode("utf-8")


def _vtt_time(ms: int) -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"

"""The video beside its transcript, as the generated page holds it: which player, its tracks, its poster, escaping."""

from __future__ import annotations

import pytest

from coursesite.discover import discover
from coursesite.model import Cue, LabFile, Settings, Transcript, Video
from coursesite.player import Hosted, hosted_video, webvtt
from coursesite.render import render_transcript
from tests.conftest import srt
from tests.test_render import COURSE, WEEK, to_html, transcript

WEBM = LabFile("transcripts/c/w/01-a.webm", "01-a.webm", 4, b"webm")


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10s", Hosted("youtube", "dQw4w9WgXcQ")),
        ("https://youtu.be/dQw4w9WgXcQ?t=5", Hosted("youtube", "dQw4w9WgXcQ")),
        ("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", Hosted("youtube", "dQw4w9WgXcQ")),
        ("https://m.youtube.com/shorts/dQw4w9WgXcQ", Hosted("youtube", "dQw4w9WgXcQ")),
        ("https://vimeo.com/76979871", Hosted("vimeo", "76979871")),
        ("https://player.vimeo.com/video/76979871?h=abcdef0123", Hosted("vimeo", "76979871", "abcdef0123")),
        ("https://vimeo.com/76979871/abcdef0123", Hosted("vimeo", "76979871", "abcdef0123")),
        ("https://www.youtube.com/watch?v=too-short", None),  # ids have 11 characters
        ("https://www.youtube.com/watch?v=dQw4w9WgXc%22", None),  # a quote is no id character
        ("https://www.youtube.com/playlist?list=PL123", None),
        ("https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ", None),
        ("https://vimeo.com/channels/staff", None),
        ("https://example.org/lecture.mp4", None),  # linked, not embedded
    ],
)
def test_a_video_sites_address_names_a_checked_id(address, expected):
    assert hosted_video(address) == expected


def test_a_video_file_beside_the_subtitles_plays_on_the_page_with_every_language_as_a_track():
    english = transcript([(0, 2000, "Hello there."), (10_000, 12_000, "Later <on> & -->.")])
    spanish = transcript([(0, 2000, "Hola.")], "es", "transcripts/c/w/01-a.es.srt")
    files = render_transcript(COURSE, WEEK, Video("a", "A <b>", (english, spanish), extras=(WEBM,)), Settings())
    page = to_html(files["index.md"])
    assert '<video controls preload="metadata" playsinline src="files/01-a.webm" aria-label="A &lt;b&gt;">' in page
    assert '<track kind="captions" src="tracks/en.vtt" srclang="en" label="English">' in page
    assert '<track kind="subtitles" src="tracks/es.vtt" srclang="es" label="Español">' in page
    assert page.index('class="cs-player"') < page.index('class="cs-para"')  # above the text
    vtt = files["tracks/en.vtt"].decode()
    assert vtt.startswith("WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nHello there.\n")
    assert "00:00:10.000 --> 00:00:12.000\nLater &lt;on&gt; &amp; --&gt;.\n" in vtt
    assert files["tracks/es.vtt"].decode().endswith("Hola.\n")


def test_webvtt_keeps_speakers_and_drops_blank_lines_a_cue_cannot_hold():
    vtt = webvtt((Cue(0, 1000, "One\n\nTwo", speaker="Ana <x>"), Cue(3_723_004, 3_724_000, " ")))
    assert vtt.decode() == "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n<v Ana &lt;x&gt;>One\nTwo\n"


def test_a_youtube_address_gets_a_poster_linking_out_and_no_request_before_a_click():
    video = Video("a", 'Intro "1"', (transcript([(0, 2000, "Hello.")]),), "https://youtu.be/dQw4w9WgXcQ")
    page = to_html(render_transcript(COURSE, WEEK, video, Settings())["index.md"])
    assert '<div class="cs-player" data-cs-player="youtube" data-cs-id="dQw4w9WgXcQ">' in page
    assert '<a class="cs-poster" href="https://youtu.be/dQw4w9WgXcQ">' in page
    assert '<span class="cs-poster__title">Intro &quot;1&quot;</span>' in page
    assert "<iframe" not in page and "<script" not in page and "ytimg" not in page


def test_a_thumbnail_beside_the_subtitles_is_the_poster_served_from_the_site():
    thumbnail = LabFile("transcripts/c/w/01-a.webp", "01-a.webp", 4, b"webp")
    video = Video("a", "A", (transcript([(0, 2000, "Hello.")]),), "https://vimeo.com/76979871", extras=(thumbnail,))
    page = to_html(render_transcript(COURSE, WEEK, video, Settings())["index.md"])
    assert 'data-cs-player="vimeo" data-cs-id="76979871"' in page
    assert '<img class="cs-poster__image" src="files/01-a.webp" alt="">' in page


def test_without_a_video_the_page_has_no_player():
    for video in (
        Video("a", "A", (transcript([(0, 2000, "Hello.")]),)),
        Video("a", "A", (transcript([(0, 2000, "Hello.")]),), "https://example.org/talks/1"),
        Video("a", "A", (transcript([(0, 2000, "Hello.")]),), extras=(LabFile("x/01-a.mp4", "01-a.mp4", 99, None),)),
    ):
        assert "cs-player" not in render_transcript(COURSE, WEEK, video, Settings())["index.md"].decode()


def test_an_unreadable_transcript_gives_the_video_no_empty_track():
    broken = Transcript("transcripts/c/w/01-a.es.srt", "es", "srt", (), b"\x00", False, "It is binary.")
    files = render_transcript(
        COURSE, WEEK, Video("a", "A", (transcript([(0, 1, "Hi.")]), broken), extras=(WEBM,)), Settings()
    )
    assert list(name for name in files if name.startswith("tracks/")) == ["tracks/en.vtt"]


def test_a_video_file_beside_its_subtitles_goes_with_its_video(tree):
    root = tree(
        {
            "transcripts/01-c/week-1/01-welcome.en.srt": srt((1, 3, "Hello.")),
            "transcripts/01-c/week-1/01-welcome.webm": b"webm",
            "transcripts/01-c/week-1/notes.pdf": b"pdf",
        }
    )
    plan = discover(root)
    assert plan.courses[0].weeks[0].videos[0].extras == ["transcripts/01-c/week-1/01-welcome.webm"]
    assert [path for path, _, _ in plan.unpublished] == ["transcripts/01-c/week-1/notes.pdf"]


def test_video_url_template_gives_each_yt_dlp_video_its_address(tree):
    root = tree(
        {
            "course.yml": 'video_url_template: "https://www.youtube.com/watch?v={id}"\n',
            "transcripts/01-c/week-1/01 Intro [dQw4w9WgXcQ].en.vtt": "WEBVTT\n\n00:01.000 --> 00:02.000\nHi.\n",
            "transcripts/01-c/week-1/02-no-id.en.srt": srt((1, 3, "Hello.")),
            "transcripts/01-c/week-1/03-own [aaaaaaaaaaa].en.srt": srt((1, 3, "Hello.")),
            "transcripts/01-c/week-1/_meta.yml": 'items:\n  03-own [aaaaaaaaaaa]:\n    url: "https://vimeo.com/1"\n',
        }
    )
    plan = discover(root)
    assert [video.url for video in plan.courses[0].weeks[0].videos] == [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        None,  # no id in its name
        "https://vimeo.com/1",  # _meta.yml's url wins
    ]


@pytest.mark.parametrize(
    ("template", "problem"),
    [
        ("https://www.youtube.com/watch?v=abc", "must contain {id} or {slug}"),
        ("javascript:alert({id})", "must make http(s) addresses"),
        ("https://x.org/{id}/{0.__class__}", "may hold only the placeholders"),
    ],
)
def test_a_video_url_template_that_cannot_work_is_reported_and_ignored(tree, template, problem):
    root = tree(
        {
            "course.yml": f"video_url_template: {template!r}\n",
            "transcripts/01-c/week-1/01 Intro [dQw4w9WgXcQ].en.srt": srt((1, 3, "Hello.")),
        }
    )
    plan = discover(root)
    assert plan.courses[0].weeks[0].videos[0].url is None
    assert any(problem in d.message and d.path.endswith("course.yml") for d in plan.diagnostics)

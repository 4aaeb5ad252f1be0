"""The video beside its transcript, used as a reader does, in Chromium: a short video made by ffmpeg plays
beside its transcript; YouTube's IFrame API is a stub served in its place (there is no internet here)."""

from __future__ import annotations

import contextlib
import hashlib
import http.server
import io
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from coursesite.cli import main
from tests.conftest import REPO, srt, write_tree
from tests.site_browser import AXE, screenshot, serious_violations, serve_folder, settle, unzipped_site

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

VIDEO_SECONDS = 30
FFMPEG = [
    *("-v", "error", "-f", "lavfi", "-i", f"testsrc=duration={VIDEO_SECONDS}:size=160x90:rate=5"),
    *("-c:v", "libvpx", "-b:v", "40k", "-an"),
]
WELCOME = "courses/course/week-1/welcome/"
INTRO = "courses/course/week-1/intro/"  # a YouTube video
LONG = "courses/course/week-1/long-talk/"  # many tall paragraphs, for following


@pytest.fixture(scope="module")
def video_file() -> Path:
    """A 30-second WebM test pattern, made once and kept in the temporary folder between runs."""
    if shutil.which("ffmpeg") is None:
        pytest.skip("ffmpeg is not installed (apt-get install ffmpeg)")
    key = hashlib.sha256(json.dumps(FFMPEG).encode()).hexdigest()[:12]
    path = Path(tempfile.gettempdir()) / f"coursesite-test-video-{key}.webm"
    if not path.exists():
        partial = path.with_suffix(f".{os.getpid()}.webm")
        subprocess.run(["ffmpeg", *FFMPEG, "-y", str(partial)], check=True, timeout=120)
        partial.replace(path)
    return path


@pytest.fixture(scope="module")
def project(tmp_path_factory, video_file) -> Iterator[tuple[Path, str]]:
    """The project, built, and the address its site is served at (set before the build: see mkdocs.yml)."""
    root = tmp_path_factory.mktemp("player") / "project"
    with serve_with_ranges(root / "site") as base:
        yield build_project(root, video_file, base), base


def build_project(root: Path, video_file: Path, base: str) -> Path:
    week = "transcripts/01-course/week-1/"
    three = [
        (0, 3, "Welcome to the course."),
        (10, 13, "Here we talk about pipelines."),
        (20, 23, "Finally we wrap up."),
    ]
    words = " ".join(["Streams of events arrive late and out of order, so windows wait for the watermark."] * 3)
    write_tree(
        root,
        {
            week + "01-welcome.en.srt": srt(*three),
            week + "01-welcome.es.srt": srt((0, 3, "Bienvenidos."), (10, 13, "Hablamos de datos."), (20, 23, "Fin.")),
            week + "01-welcome.webm": video_file.read_bytes(),
            week + "02-intro.en.srt": srt(*three),
            week + "03-long-talk.en.srt": srt(*((t, t + 1, words) for t in range(0, VIDEO_SECONDS, 3))),
            week + "03-long-talk.webm": video_file.read_bytes(),
            week + "04-on-vimeo.en.srt": srt(*three),
            week + "_meta.yml": (
                'items:\n  02-intro:\n    url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ"\n'
                '  04-on-vimeo:\n    url: "https://vimeo.com/76979871/abcdef0123"\n'
            ),
            # Material navigates instantly only between the pages its sitemap lists (at their port and path)
            "mkdocs.yml": f"site_url: {base}\n" + (REPO / "mkdocs.yml").read_text("utf-8"),
        },
    )
    assert main(["build", "--root", str(root), "--offline", "-q"]) == 0
    return root


class _RangeHandler(http.server.SimpleHTTPRequestHandler):
    """Answers range requests, as GitHub Pages does: without them a browser cannot seek in a video."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):
        match = re.fullmatch(r"bytes=(\d+)-(\d*)", self.headers.get("Range", ""))
        path = Path(self.translate_path(self.path))
        if not match or not path.is_file():
            return super().send_head()
        data = path.read_bytes()
        start, end = int(match[1]), min(int(match[2] or len(data) - 1), len(data) - 1)
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Range", f"bytes {start}-{end}/{len(data)}")
        self.send_header("Content-Length", str(end - start + 1))
        self.end_headers()
        return io.BytesIO(data[start : end + 1])

    def end_headers(self) -> None:
        self.send_header("Accept-Ranges", "bytes")
        super().end_headers()

    def copyfile(self, source, outputfile) -> None:
        with contextlib.suppress(ConnectionError):  # the browser stops reading a video it has enough of
            super().copyfile(source, outputfile)


def serve_with_ranges(folder: Path):
    return serve_folder(folder, _RangeHandler)


@pytest.fixture(scope="module")
def served(project) -> str:
    return project[1]


def video_time(page) -> float:
    return page.evaluate("document.querySelector('.cs-player video').currentTime")


def highlighted(page) -> list[str]:
    return page.evaluate("[...document.querySelectorAll('h2.cs-ts.cs-now')].map(h => h.id)")


def wait_for_highlight(page, *ids: str) -> None:
    page.wait_for_function(
        "ids => ids.every(id => document.getElementById(id).classList.contains('cs-now'))", arg=list(ids)
    )


def open_player(page, url: str) -> None:
    page.goto(url)
    page.wait_for_function("document.querySelector('.cs-player video').readyState > 0")


def test_clicking_a_timestamp_seeks_the_video_there_and_plays(served, page):
    open_player(page, served + WELCOME)
    page.locator("#t-0m20s a").click()
    page.wait_for_function("!document.querySelector('.cs-player video').paused")
    assert 20 <= video_time(page) < 25
    assert page.url == served + WELCOME  # the link did not navigate
    wait_for_highlight(page, "t-0m20s", "es-t-0m20s")  # in every language of the page
    screenshot(page, "player-playing")


def test_the_paragraph_being_spoken_is_highlighted_as_the_video_moves(served, page):
    open_player(page, served + WELCOME)
    page.evaluate("document.querySelector('.cs-player video').currentTime = 12")
    wait_for_highlight(page, "t-0m10s")
    assert highlighted(page) == ["t-0m10s", "es-t-0m10s"]
    assert page.locator("#t-0m10s").get_attribute("aria-current") == "time"
    page.evaluate("document.querySelector('.cs-player video').currentTime = 1")
    wait_for_highlight(page, "t-0m00s")
    page.evaluate(
        "(v => { v.muted = true; v.currentTime = 19.5; v.play(); })(document.querySelector('.cs-player video'))"
    )
    wait_for_highlight(page, "t-0m20s")  # reached by playing
    assert highlighted(page) == ["t-0m20s", "es-t-0m20s"]


def test_a_link_to_a_moment_starts_the_video_there(served, page):
    open_player(page, served + WELCOME + "#t-0m20s")
    page.wait_for_function("document.querySelector('.cs-player video').currentTime === 20")
    assert highlighted(page) == ["t-0m20s", "es-t-0m20s"]


def test_keys_play_pause_and_skip_but_never_while_typing_in_search(served, page):
    open_player(page, served + WELCOME)
    page.evaluate("document.querySelector('.cs-player video').muted = true")
    page.keyboard.press("k")
    page.wait_for_function("!document.querySelector('.cs-player video').paused")
    page.keyboard.press("k")
    page.wait_for_function("document.querySelector('.cs-player video').paused")
    before = video_time(page)
    page.keyboard.press("l")
    page.wait_for_function("t => document.querySelector('.cs-player video').currentTime >= t + 10", arg=before)
    page.keyboard.press("j")
    page.wait_for_function("t => document.querySelector('.cs-player video').currentTime < t + 1", arg=before)
    page.keyboard.press(" ")
    page.wait_for_function("!document.querySelector('.cs-player video').paused")
    page.keyboard.press(" ")
    page.wait_for_function("document.querySelector('.cs-player video').paused")

    at = video_time(page)
    page.locator(".md-search__input").click()
    page.keyboard.type("jump like kafka? ")
    assert page.locator(".md-search__input").input_value() == "jump like kafka? "
    assert page.evaluate("document.querySelector('.cs-player video').paused")
    assert video_time(page) == at
    assert page.locator("dialog.cs-keys[open]").count() == 0


def test_question_mark_lists_the_shortcuts(served, page):
    open_player(page, served + WELCOME)
    page.keyboard.press("?")
    dialog = page.locator("dialog.cs-keys")
    assert dialog.is_visible()
    assert "Back 10 seconds" in dialog.inner_text()
    page.keyboard.press("Escape")
    assert not dialog.is_visible()


# In sight: below the player, which stays at the top while it plays, and above the bottom of the window.
IN_VIEW = """id => { const box = document.getElementById(id).nextElementSibling.getBoundingClientRect();
                     const player = document.querySelector('.cs-player').getBoundingClientRect();
                     return box.top >= Math.max(0, player.bottom) && box.bottom <= innerHeight; }"""


def in_view(page, ident: str) -> bool:
    return page.evaluate(IN_VIEW, ident)


def test_the_spoken_paragraph_is_kept_in_view_unless_follow_is_off(served, narrow):
    page = narrow
    open_player(page, served + LONG)
    assert page.locator(".cs-player__follow").get_attribute("aria-pressed") == "true"
    assert not in_view(page, "t-0m27s")
    page.evaluate(
        "(v => { v.muted = true; v.currentTime = 26.5; v.play(); })(document.querySelector('.cs-player video'))"
    )
    wait_for_highlight(page, "t-0m27s")
    page.wait_for_function(f"({IN_VIEW})('t-0m27s')")
    screenshot(page, "player-following-narrow")

    page.locator(".cs-player__follow").click()
    assert page.locator(".cs-player__follow").get_attribute("aria-pressed") == "false"
    page.evaluate("(v => { v.pause(); v.currentTime = 12.5; })(document.querySelector('.cs-player video'))")
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_function("scrollY === 0")
    page.evaluate("(v => { v.currentTime = 14.5; v.play(); })(document.querySelector('.cs-player video'))")
    wait_for_highlight(page, "t-0m15s")
    settle(page)  # a scroll would have begun by the next frame
    assert page.evaluate("scrollY") == 0
    assert not in_view(page, "t-0m15s")
    page.reload()  # the choice is remembered
    assert page.locator(".cs-player__follow").get_attribute("aria-pressed") == "false"


def test_the_player_works_after_materials_instant_navigation(served, page):
    page.goto(served + "courses/course/week-1/")
    page.wait_for_load_state("networkidle")  # Material has read its sitemap: the pages it navigates to instantly
    page.evaluate("window.__samePage = true")
    page.locator(f'.md-content a[href$="{WELCOME.split("/")[-2]}/"]').first.click()
    page.wait_for_url(served + WELCOME)
    page.wait_for_function("document.querySelector('.cs-player video') && document.querySelector('.cs-player__bar')")
    assert page.evaluate("window.__samePage === true")  # not a full page load: Material's instant navigation
    page.locator("#t-0m10s a").click()
    page.wait_for_function("document.querySelector('.cs-player video').currentTime >= 10")
    assert page.locator(".cs-player__bar").count() == 1


def test_a_page_without_a_video_is_as_it_was(served, page):
    page.goto(served + "courses/course/week-1/")
    page.keyboard.press("?")
    assert page.locator("dialog.cs-keys, .cs-player, .cs-player__bar").count() == 0


# -- YouTube, behind a stub of its IFrame API ------------------------------------------------------------
YOUTUBE_STUB = """
window.__yt = [];
window.YT = { Player: function (element, options) {
  var self = this, state = -1, time = options.playerVars.start || 0, frame = document.createElement("iframe");
  element.replaceWith(frame);
  __yt.push(["Player", options.host, options.videoId, options.playerVars]);
  function change(to) { state = to; options.events.onStateChange({ target: self, data: to }); }
  self.getIframe = function () { return frame; };
  self.playVideo = function () { __yt.push(["playVideo"]); change(1); };
  self.pauseVideo = function () { __yt.push(["pauseVideo"]); change(2); };
  self.seekTo = function (seconds, allowAhead) { __yt.push(["seekTo", seconds, allowAhead]); time = seconds; };
  self.getCurrentTime = function () { return time; };
  self.getPlayerState = function () { return state; };
  setTimeout(function () { options.events.onReady({ target: self }); }, 0);
} };
window.onYouTubeIframeAPIReady();
"""


@pytest.fixture
def youtube(page):
    """The page with every request recorded and YouTube's API script answered by the stub."""
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.route(
        "https://www.youtube.com/iframe_api",
        lambda route: route.fulfill(body=YOUTUBE_STUB, content_type="text/javascript"),
    )
    return page, requests


def third_party(requests: list[str]) -> list[str]:
    return [url for url in requests if not url.startswith(("http://127.0.0.1", "data:", "about:"))]


def yt_calls(page) -> list:
    return page.evaluate("window.__yt || []")


def test_youtube_loads_only_when_the_poster_is_clicked_then_follows_the_timestamps(served, youtube):
    page, requests = youtube
    page.goto(served + INTRO)
    poster = page.locator("button.cs-poster")
    assert poster.is_visible() and "Intro" in poster.inner_text() and "YouTube" in poster.inner_text()
    page.wait_for_load_state("networkidle")
    assert third_party(requests) == []  # nothing left the site before the click
    screenshot(page, "player-youtube-poster")

    poster.click()
    page.wait_for_function("(window.__yt || []).some(call => call[0] === 'playVideo')")
    assert third_party(requests) == ["https://www.youtube.com/iframe_api"]
    assert yt_calls(page)[0] == [
        "Player",
        "https://www.youtube-nocookie.com",
        "dQw4w9WgXcQ",
        {"start": 0, "autoplay": 1, "playsinline": 1, "rel": 0},
    ]
    assert page.locator(".cs-player iframe").get_attribute("title") == "Video: Intro"

    page.locator("#t-0m20s a").click()
    page.wait_for_function("(window.__yt || []).some(call => call[0] === 'seekTo')")
    assert yt_calls(page)[-2:] == [["seekTo", 20, True], ["playVideo"]]
    assert page.url == served + INTRO  # the timestamp did not open YouTube
    wait_for_highlight(page, "t-0m20s")
    page.keyboard.press("k")
    page.wait_for_function("(window.__yt || []).at(-1)[0] === 'pauseVideo'")
    page.keyboard.press("j")
    page.wait_for_function("(window.__yt || []).at(-1)[0] === 'seekTo'")
    assert yt_calls(page)[-1] == ["seekTo", 10, True]


def test_a_timestamp_or_a_link_to_a_moment_starts_youtube_there(served, youtube):
    page, _requests = youtube
    page.goto(served + INTRO + "#t-0m10s")
    page.locator("button.cs-poster").click()
    page.wait_for_function("(window.__yt || []).length > 0")
    assert yt_calls(page)[0][3]["start"] == 10

    page.goto(served + INTRO)
    page.wait_for_load_state("networkidle")
    page.locator("#t-0m20s a").click()  # before the poster: the reader asked for the video at that moment
    page.wait_for_function("(window.__yt || []).length > 0")
    assert yt_calls(page)[0][3]["start"] == 20


VIMEO_STUB = """
window.__vimeo = [];
window.Vimeo = { Player: function (element, options) {
  var handlers = {};
  element.appendChild(document.createElement("iframe"));
  __vimeo.push(["Player", options.url, options.dnt]);
  this.on = function (name, handler) { handlers[name] = handler; };
  this.ready = function () { return Promise.resolve(); };
  this.play = function () { __vimeo.push(["play"]); handlers.play && handlers.play(); return Promise.resolve(); };
  this.pause = function () { __vimeo.push(["pause"]); return Promise.resolve(); };
  this.setCurrentTime = function (seconds) {
    __vimeo.push(["setCurrentTime", seconds]);
    handlers.timeupdate && handlers.timeupdate({ seconds: seconds });
    return Promise.resolve(seconds);
  };
} };
"""


def test_vimeo_loads_on_click_without_tracking_and_follows_the_timestamps(served, page):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.route(
        "https://player.vimeo.com/api/player.js",
        lambda route: route.fulfill(body=VIMEO_STUB, content_type="text/javascript"),
    )
    page.goto(served + "courses/course/week-1/on-vimeo/#t-0m10s")
    page.wait_for_load_state("networkidle")
    assert third_party(requests) == []
    page.locator("button.cs-poster").click()
    page.wait_for_function("(window.__vimeo || []).some(call => call[0] === 'setCurrentTime')")
    assert page.evaluate("window.__vimeo")[:2] == [
        ["Player", "https://vimeo.com/76979871/abcdef0123", True],
        ["setCurrentTime", 10],
    ]
    assert third_party(requests) == ["https://player.vimeo.com/api/player.js"]
    page.locator("#t-0m20s a").click()
    page.wait_for_function("(window.__vimeo || []).at(-1)[0] === 'play'")
    assert page.evaluate("window.__vimeo")[-2:] == [["setCurrentTime", 20], ["play"]]
    wait_for_highlight(page, "t-0m20s")


# -- the offline copy, from disk --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def offline_copy(project, tmp_path_factory) -> Path:
    return unzipped_site(project[0] / "site-offline.zip", tmp_path_factory.mktemp("offline"))


def test_the_offline_copy_plays_its_own_video_from_disk_and_links_out_to_youtube(offline_copy, page):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto((offline_copy / WELCOME / "index.html").as_uri() + "#t-0m20s")
    page.wait_for_function("document.querySelector('.cs-player video').currentTime === 20")
    page.locator("#t-0m10s a").click()
    page.wait_for_function("!document.querySelector('.cs-player video').paused")

    page.goto((offline_copy / INTRO / "index.html").as_uri())
    poster = page.locator(".cs-poster")
    assert poster.evaluate("e => e.tagName") == "A"
    assert poster.get_attribute("href") == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert page.locator("#t-0m20s a").get_attribute("href") == "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=20s"
    assert [url for url in requests if not url.startswith("file://")] == []


def test_the_offline_copy_served_over_http_still_links_out(offline_copy, page):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    with serve_with_ranges(offline_copy) as base:
        page.goto(base + INTRO + "index.html")
        page.locator(".cs-poster").evaluate("e => e.addEventListener('click', event => event.preventDefault())")
        page.locator(".cs-poster").click()
        page.locator("#t-0m20s a").evaluate("e => e.addEventListener('click', event => event.preventDefault())")
        page.locator("#t-0m20s a").click()
        assert page.locator(".cs-poster").evaluate("e => e.tagName") == "A"
    assert [url for url in requests if not url.startswith(base)] == []


# -- accessibility ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_player_states_have_no_serious_accessibility_violation(served, browser, scheme):
    if not AXE.exists():
        pytest.skip("axe-core is not installed (npm ci)")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.route(
        "https://www.youtube.com/iframe_api",
        lambda route: route.fulfill(body=YOUTUBE_STUB, content_type="text/javascript"),
    )
    try:
        open_player(page, served + WELCOME)
        page.locator("#t-0m10s a").click()
        wait_for_highlight(page, "t-0m10s")
        assert serious_violations(page) == [], "playing, a paragraph highlighted"
        page.keyboard.press("Escape")
        page.locator(".cs-player__bar button", has_text="Keyboard shortcuts").click()
        assert serious_violations(page) == [], "the shortcut list open"
        page.goto(served + INTRO)
        assert serious_violations(page) == [], "the YouTube poster"
        page.locator("button.cs-poster").click()
        page.wait_for_function("(window.__yt || []).length > 0")
        assert serious_violations(page) == [], "the YouTube player loaded"
    finally:
        context.close()

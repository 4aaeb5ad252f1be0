"""The generated Markdown, as a reader would notice it: words, links, downloads, escaping."""

import html as html_lib
import io
import re
import zipfile

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursesite.assemble.plugin import REQUIRED_EXTENSIONS
from coursesite.model import Catalog, Course, Cue, Lab, LabFile, Settings, Transcript, Video, Week
from coursesite.render import render_lab, render_site, render_transcript, video_link

COURSE = Course("intro", "Intro", 1)
WEEK = Week("week-1", "Week 1", 1)


def to_html(page: bytes) -> str:
    """Render like MkDocs would, with the extensions the site seam guarantees."""
    text = page.decode("utf-8").split("---\n", 2)[-1]
    extensions = [name for name in REQUIRED_EXTENSIONS if name != "toc"]
    configs = {name: options for name, options in REQUIRED_EXTENSIONS.items() if name != "toc"}
    return markdown.markdown(text, extensions=extensions, extension_configs=configs)


def transcript(text_cues, language="en", source="transcripts/c/w/01-a.en.srt"):
    cues = tuple(Cue(start, end, text) for start, end, text in text_cues)
    return Transcript(source, language, "srt", cues, b"original bytes")


def test_transcript_page_has_timestamped_paragraphs_and_downloads():
    video = Video(
        "a", "Batch vs Streaming", (transcript([(0, 2000, "Hello there."), (195_000, 197_000, "Later on.")]),)
    )
    files = render_transcript(COURSE, WEEK, video, Settings())
    page = to_html(files["index.md"])
    assert "<h1>Batch vs Streaming</h1>" in page
    assert '<h2 class="cs-ts" id="t-0m00s"><a href="#t-0m00s" title="Link to this moment">[00:00]</a></h2>' in page
    assert '<p class="cs-para">Hello there.</p>' in page
    assert 'id="t-3m15s"' in page and "[03:15]" in page and "Later on." in page
    assert files["a.en.srt"] == b"original bytes"
    assert files["a.en.txt"].decode().startswith("[00:00] Hello there.")
    assert 'href="a.en.txt"' in page and "3 min" in page


def test_cue_text_is_text_never_html():
    payload = "<script>alert(1)</script> <img src=x onerror=alert(2)> if a < b and c > d, WHERE a <> b *not bold*"
    video = Video("x", "<b>Title</b> *x*", (transcript([(0, 1000, payload)]),))
    page = to_html(render_transcript(COURSE, WEEK, video, Settings())["index.md"])
    assert "<script" not in page and "<img" not in page and "<b>Title" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "if a &lt; b and c &gt; d, WHERE a &lt;&gt; b *not bold*" in page
    assert "&lt;b&gt;Title&lt;/b&gt; *x*" in page


def test_timestamps_link_to_the_video_when_its_url_is_known():
    assert video_link("https://www.youtube.com/watch?v=abc", 195_000) == "https://www.youtube.com/watch?v=abc&t=195s"
    assert video_link("https://youtu.be/abc", 61_500) == "https://youtu.be/abc?t=61s"
    assert video_link("https://example.org/v.mp4", 5_000) == "https://example.org/v.mp4#t=5"
    video = Video("a", "A", (transcript([(195_000, 196_000, "Hi.")]),), url="https://youtu.be/abc")
    page = to_html(render_transcript(COURSE, WEEK, video, Settings())["index.md"])
    assert 'id="t-3m15s"><a href="https://youtu.be/abc?t=195s" title="Play the video from here">[03:15]</a>' in page


def test_two_languages_are_one_page_with_a_switch():
    english = transcript([(0, 1000, "Welcome.")])
    spanish = transcript([(0, 1000, "Bienvenidos.")], "es", "transcripts/c/w/01-a.es.srt")
    files = render_transcript(COURSE, WEEK, Video("a", "A", (english, spanish)), Settings())
    page = to_html(files["index.md"])
    assert '<label for="cs-lang-0" lang="en">English</label><label for="cs-lang-1" lang="es">Español</label>' in page
    assert "Welcome." in page and "Bienvenidos." in page
    assert 'id="es-t-0m00s"' in page  # anchors stay unique per language
    assert {"a.en.srt", "a.es.srt", "a.en.txt", "a.es.txt"} <= set(files)


def test_unreadable_transcript_says_so_and_still_offers_the_file():
    broken = Transcript("transcripts/c/w/01-a.srt", None, "srt", (), b"\x00\xff", False, "The file is empty.")
    page = to_html(render_transcript(COURSE, WEEK, Video("a", "A", (broken,)), Settings())["index.md"])
    assert "This transcript could not be read" in page and "The file is empty." in page
    assert 'href="a.srt"' in page


def lab_file(name, data, source=None):
    return LabFile(source or f"labs/c/w/lab/{name}", name, len(data), data)


def test_lab_folder_page_shows_readme_first_then_each_file_with_a_download():
    lab = Lab(
        "lab",
        "Star Schema",
        "labs/c/w/lab",
        (
            lab_file("README.md", b"# Build a star schema\n\nLoad the <b>facts</b> first.<script>alert(1)</script>\n"),
            lab_file("schema.sql", b"CREATE TABLE fact_sales (id INTEGER);\n"),
            lab_file("data/orders.csv", b"id,amount\n1,9.5\n2,<b>3</b>\n"),
            lab_file("notes.html", b"<script>alert(1)</script>"),
        ),
        is_folder=True,
    )
    files, _ = render_lab(COURSE, WEEK, lab, Settings())
    page = to_html(files["index.md"])
    assert page.index("Build a star schema") < page.index("schema.sql") < page.index("orders.csv")
    assert "CREATE" in page and "fact_sales" in page
    assert "<td>&lt;b&gt;3&lt;/b&gt;</td>" in page
    assert "<script" not in page
    assert files["files/schema.sql"].startswith(b"CREATE TABLE")
    assert "files/notes.html" not in files and files["files/notes.html.txt"] == b"<script>alert(1)</script>"
    archive = zipfile.ZipFile(io.BytesIO(files["lab.zip"]))
    assert archive.namelist() == ["lab/README.md", "lab/schema.sql", "lab/data/orders.csv", "lab/notes.html"]


def test_blank_lines_in_lab_code_are_shown_as_written():
    """Two blank lines between functions (PEP 8) stayed one: the page template's tidying reached the code."""
    code = b"import os\n\n\ndef extract():\n    return 1\n\n\n\ndef load():\n    return 2\n"
    lab = Lab("lab", "Lab", "labs/c/w/lab", (lab_file("README.md", b"# Lab\n"), lab_file("etl.py", code)), True)
    files, _ = render_lab(COURSE, WEEK, lab, Settings())
    page = to_html(files["index.md"])
    shown = re.sub(r"<[^>]+>", "", page.split("etl.py", 1)[1])
    assert html_lib.unescape(shown).count("\n\n\ndef extract():") == 1
    assert html_lib.unescape(shown).count("\n\n\n\ndef load():") == 1


def test_binary_lab_file_is_listed_with_its_size():
    lab = Lab("lab", "Lab", "labs/c/w/lab", (lab_file("model.bin", b"\x00\x01" * 600),), is_folder=True)
    page = to_html(render_lab(COURSE, WEEK, lab, Settings())[0]["index.md"])
    assert "model.bin" in page and "1.2 KB" in page and "binary file" in page


def test_zip_is_deterministic():
    lab = Lab("lab", "Lab", "labs/c/w/lab", (lab_file("a.py", b"print(1)\n"),), is_folder=True)
    assert (
        render_lab(COURSE, WEEK, lab, Settings())[0]["lab.zip"]
        == render_lab(COURSE, WEEK, lab, Settings())[0]["lab.zip"]
    )


def test_site_has_a_page_per_course_week_and_item_and_a_matching_nav():
    video = Video("a", "A", (transcript([(0, 1000, "Hi.")]),))
    lab = Lab("l", "L", "labs/c/w/l.py", (lab_file("l.py", b"x = 1\n", "labs/c/w/l.py"),))
    catalog = Catalog(Settings(), (Course("c", "C", 1, (Week("w", "W", 1, (video,), (lab,)),)),))
    site = render_site(catalog)
    assert {
        "courses/index.md",
        "courses/c/index.md",
        "courses/c/w/index.md",
        "courses/c/w/a/index.md",
        "courses/c/w/l/index.md",
    } <= set(site.files)
    assert site.nav == [
        {
            "C": [
                {"C": "courses/c/index.md"},
                {
                    "W": [
                        {"W": "courses/c/w/index.md"},
                        {"A": "courses/c/w/a/index.md"},
                        {"L": "courses/c/w/l/index.md"},
                    ]
                },
            ]
        }
    ]
    assert "courses/c/index.md" in site.home


def test_relative_images_in_a_lab_readme_point_at_the_published_files():
    lab = Lab(
        "lab",
        "Lab",
        "labs/c/w/lab",
        (
            lab_file(
                "README.md",
                b"# Lab\n\n![diagram](img/flow.png)\n\n[data](data/orders.csv) [web](https://example.org)\n",
            ),
            lab_file("img/flow.png", b"\x89PNG\r\n\x1a\n"),
        ),
        is_folder=True,
    )
    files, _ = render_lab(COURSE, WEEK, lab, Settings())
    page = to_html(files["index.md"])
    assert 'src="files/img/flow.png"' in page and "files/img/flow.png" in files
    assert 'href="files/data/orders.csv"' in page and 'href="https://example.org"' in page


WORD = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Z")), min_size=1, max_size=12)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(WORD, min_size=1, max_size=8), min_size=1, max_size=25))
def test_every_word_of_every_cue_is_on_the_page_in_order(cue_words):
    """Whatever the cues say (markup-like text included), the page shows all their words, in order."""
    cues = tuple(Cue(i * 2000, i * 2000 + 1500, " ".join(words)) for i, words in enumerate(cue_words))
    video = Video("v", "V", (Transcript("t.srt", "en", "srt", cues, b""),))
    page = to_html(render_transcript(COURSE, WEEK, video, Settings())["index.md"])
    body = page.split('<div class="cs-transcript"', 1)[1]
    text = html_lib.unescape(re.sub(r"<[^>]+>", " ", body))
    expected = [word for words in cue_words for word in words]
    found = text.split()
    position = 0
    for word in expected:  # each word appears after the previous one
        while position < len(found) and found[position] != word:
            position += 1
        assert position < len(found), f"{word!r} missing or out of order"
        position += 1


def test_the_header_counts_the_words_a_reader_sees():
    cues = [(0, 1000, "one  two\nthree"), (1000, 2000, "\tfour\u3000five "), (2500, 3000, "six.")]
    video = Video("a", "Counting", (transcript(cues),))
    page = to_html(render_transcript(COURSE, WEEK, video, Settings())["index.md"])
    assert "6 words" in page and "one two three four five six." in page


def test_speakers_and_video_links_are_escaped_once_on_every_paragraph():
    cues = tuple(Cue(i * 5000, i * 5000 + 1000, f"Sentence {i}.", 0, "Ada & <Bo>") for i in range(3))
    source = Transcript("transcripts/c/w/01-a.en.vtt", "en", "vtt", cues, b"")
    video = Video("a", "Voices", (source,), url="https://example.org/v?a=1&b=2")
    page = to_html(render_transcript(COURSE, WEEK, video, Settings())["index.md"])
    assert page.count('<span class="cs-speaker">Ada &amp; &lt;Bo&gt;:</span> Sentence') == 3
    assert 'href="https://example.org/v?a=1&amp;b=2#t=5"' in page


ISLAND_MARKS = "<!--/cs-html-->\n<b>bold?</b>\n<!--cs-html-->\n<i>x</i>\n<!--/cs-html-->"


def test_html_pass_through_marks_in_sources_are_shown_as_written():
    """coursesite/islands.py passes our own HTML blocks through unparsed; marks in code or speech stay text."""
    lab = Lab("lab", "Lab", "labs/c/w/lab", (lab_file("marks.sql", ISLAND_MARKS.encode()),), is_folder=True)
    page = to_html(render_lab(COURSE, WEEK, lab, Settings())[0]["index.md"])
    code = html_lib.unescape(re.sub(r"<[^>]+>", "", page.split("<pre><span></span><code>")[1]))
    assert code.startswith(ISLAND_MARKS + "\n")
    video = Video("a", "Marks", (transcript([(0, 1000, ISLAND_MARKS)]),))
    page = to_html(render_transcript(COURSE, WEEK, video, Settings())["index.md"])
    assert "<b>" not in page and html_lib.escape(ISLAND_MARKS.replace("\n", " "), quote=False) in page


def test_pages_read_the_same_with_or_without_the_html_pass_through():
    from coursesite.islands import without_marks

    cues = [(i * 4000, i * 4000 + 3000, f"Sentence <{i}> & more.") for i in range(12)]
    video = Video("a", "Same", (transcript(cues), transcript(cues, "es", "transcripts/c/w/01-a.es.srt")))
    page = render_transcript(COURSE, WEEK, video, Settings())["index.md"]
    text = without_marks(page.decode("utf-8").split("---\n", 2)[-1])
    names = [name for name in REQUIRED_EXTENSIONS if name not in ("toc", "coursesite.islands")]
    plain = markdown.markdown(text, extensions=names, extension_configs=REQUIRED_EXTENSIONS)
    assert "<!--cs-html-->" in page.decode() and to_html(page) == plain


def test_a_csv_field_over_the_csv_modules_limit_is_not_a_crash():
    data = b'name,notes\nx,"' + b"y" * 150_000 + b'"\n'  # one field over 128 KB: csv.Error
    lab = Lab("data", "Data", "labs/c/w/data.csv", (lab_file("data.csv", data),))
    page = render_lab(COURSE, WEEK, lab, Settings())[0]["index.md"].decode()
    assert "This file cannot be shown as a table (field larger than field limit" in page


def test_lab_only_courses_and_weeks_say_nothing_about_video():
    lab = Lab("l", "L", "labs/c/w/l.py", (lab_file("l.py", b"x = 1\n", "labs/c/w/l.py"),))
    video = Video("a", "A", (transcript([(0, 90_000, "Hi.")]),))
    labs_only = Course("c", "C", 1, (Week("w", "W", 1, (), (lab,)),))
    mixed = Course("d", "D", 2, (Week("w", "W", 1, (video,), (lab,)), Week("x", "X", 2, (), (lab,))))
    site = render_site(Catalog(Settings(), (labs_only, mixed)))
    for page in ("courses/c/index.md", "courses/c/w/index.md", "courses/d/x/index.md"):
        assert "video" not in site.files[page].decode(), page  # no "0 videos", no "0 s of video"
    assert ">1 week · 1 lab<" in site.files["courses/c/index.md"].decode()
    assert "C · 1 lab<" in site.files["courses/c/w/index.md"].decode()
    assert "1 video · 1 lab · 2 min of video" in site.files["courses/d/w/index.md"].decode()
    assert "2 courses · 3 weeks · 1 video · 3 labs · 2 min of video" in site.files["courses/index.md"].decode()
    assert "0 s" not in site.home and "1 week · 1 lab" in site.home


def test_a_right_to_left_transcript_reads_right_to_left_and_says_its_language():
    arabic = transcript([(0, 1000, "مرحبا بكم.")], "ar", "v/arabic/community.srt")
    hebrew = transcript([(0, 1000, "שלום לכולם.")], "he", "v/hebrew/community.srt")
    alone = to_html(render_transcript(COURSE, WEEK, Video("a", "A", (arabic,)), Settings())["index.md"])
    assert '<div class="cs-transcript" lang="ar" dir="rtl">' in alone
    files = render_transcript(
        COURSE, WEEK, Video("a", "A", (transcript([(0, 1000, "Hi.")]), arabic, hebrew)), Settings()
    )
    page = to_html(files["index.md"])
    assert '<label for="cs-lang-1" lang="ar" dir="rtl">العربية</label>' in page
    assert '<div class="tabbed-block cs-transcript" lang="he" dir="rtl">' in page
    assert '<div class="tabbed-block cs-transcript" lang="en">' in page and 'lang=""' not in page
    assert {"a.ar.srt", "a.he.srt", "a.en.srt"} <= set(files)


def test_two_transcripts_in_one_language_keep_apart_downloads_and_anchors():
    first = transcript([(0, 1000, "مرحبا.")], "ar", "v/arabic/community.srt")
    second = transcript([(0, 1000, "أهلا.")], "ar", "v/arabic_ai.srt")
    files = render_transcript(COURSE, WEEK, Video("a", "A", (first, second)), Settings())
    page = to_html(files["index.md"])
    assert {"a.ar.srt", "a.ar-2.srt"} <= set(files)
    assert 'id="ar-2-t-0m00s"' in page and "العربية (ar-2)" in page


def test_a_transcript_whose_language_nothing_said_is_in_the_default_language():
    unplaced = transcript([(0, 1000, "Hallo.")], None, "v/01-a.srt")
    page = to_html(
        render_transcript(COURSE, WEEK, Video("a", "A", (unplaced,)), Settings(default_language="de"))["index.md"]
    )
    assert '<div class="cs-transcript" lang="de">' in page


def test_pages_read_the_same_with_their_islands_set_aside_and_put_back():
    """The build sets a page's islands aside while MkDocs holds it, and puts them back as it is written."""
    from coursesite.islands import put_back, set_aside

    cues = [(i * 4000, i * 4000 + 3000, f"Sentence <{i}> & more.") for i in range(12)]
    video = Video("a", "Same", (transcript(cues), transcript(cues, "es", "transcripts/c/w/01-a.es.srt")))
    marks = Lab("lab", "Lab", "labs/c/w/lab", (lab_file("marks.sql", ISLAND_MARKS.encode()),), is_folder=True)
    pages = [
        render_transcript(COURSE, WEEK, video, Settings())["index.md"],
        render_lab(COURSE, WEEK, marks, Settings())[0]["index.md"],
    ]
    for page in pages:
        text = page.decode("utf-8")
        aside, blocks = set_aside(text, "cs-aside-test")
        assert blocks and sum(map(len, blocks)) > len(aside)
        assert put_back(to_html(aside.encode()), "cs-aside-test", blocks) == to_html(page)
    fenced = "# T\n\n```\n<!--cs-html-->\n<p>quoted</p>\n<!--/cs-html-->\n```\n"
    assert set_aside(fenced, "cs-aside-test") == (fenced, [])  # only superfences knows where a fence ends
    with pytest.raises(ValueError):
        put_back("<p>nothing</p>", "cs-aside-test", ["<p>lost</p>"])

"""Sites built whole from trees in many languages: a caption archive, right-to-left and bilingual transcripts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coursesite.cli import main
from tests.conftest import srt, write_tree

pytestmark = pytest.mark.e2e

# Sentences of our own in each language; the bilingual cue holds a Chinese line over its English one.
ARABIC = srt((0, 3, "مرحبا بكم في درس النزول التدريجي."), (4, 7, "سنتعلم اليوم كيف نجد أصغر قيمة."))
HEBREW = srt((0, 3, "שלום לכולם."), (4, 7, "היום נלמד על ירידה בגרדיאנט."))
HEBREW_MACHINE = srt((0, 3, "שלום"), (4, 7, "ירידה"))
ENGLISH = srt((0, 3, "Welcome to gradient descent."), (4, 7, "Today we find the smallest value."))
BILINGUAL = srt(
    (0, 3, "今天我们学习反向传播。\nToday we learn backpropagation."),
    (4, 7, "它计算每个权重的梯度。\nIt computes the gradient of every weight."),
    (8, 11, "然后我们更新权重。\nThen we update the weights."),
)


def caption_archive(root: Path) -> Path:
    """One video kept as a caption archive keeps it: a folder per language, files named for who made them."""
    return write_tree(
        root / "gradient-descent",
        {
            "arabic/community.srt": ARABIC,
            "hebrew/community.srt": HEBREW,
            "hebrew/auto_generated.srt": HEBREW_MACHINE,
            "english/captions.srt": ENGLISH,
        },
    )


def course_of_weeks(root: Path) -> Path:
    return write_tree(
        root / "ml-course",
        {
            "week-1/01-gradient-descent.en.srt": ENGLISH,
            "week-1/hebrew/01-gradient-descent.srt": HEBREW,  # no suffix: its folder says Hebrew
            "week-1/02-backpropagation.srt": BILINGUAL,
            "week-2/03-summary.srt": ARABIC,  # no suffix, no folder: its script says Arabic
        },
    )


def build(root: Path) -> Path:
    assert main(["build", "--root", str(root), "--strict"]) == 0
    return root / "site"


def transcript_pages(site: Path) -> list[Path]:
    pages = (site / "courses").rglob("index.html")
    return [page for page in pages if "cs-transcript" in page.read_text() and "_print" not in page.parts]


def test_a_caption_archive_is_one_video_with_a_tab_per_language(tmp_path, capsys):
    site = build(caption_archive(tmp_path))
    (page,) = transcript_pages(site)
    text = page.read_text()
    labels = re.findall(r'<label for="cs-lang-\d+"([^>]*)>([^<]*)</label>', text)
    assert labels == [(' lang="en"', "English"), (' lang="ar" dir="rtl"', "العربية"), (' lang="he" dir="rtl"', "עברית")]
    assert '<div class="tabbed-block cs-transcript" lang="ar" dir="rtl">' in text
    assert "مرحبا بكم" in text and "שלום לכולם" in text
    assert not (site / "courses/gradient-descent/week-1").exists()  # no week per language
    summary = capsys.readouterr()
    assert "hebrew/auto_generated.srt" in summary.out + summary.err  # not shown, and said so


def test_every_transcript_says_its_language_and_rtl_ones_read_right_to_left(tmp_path):
    site = build(course_of_weeks(tmp_path))
    pages = {page.parent.name: page.read_text() for page in transcript_pages(site)}
    assert sorted(pages) == ["backpropagation", "gradient-descent", "summary"]
    assert '<label for="cs-lang-1" lang="he" dir="rtl">עברית</label>' in pages["gradient-descent"]
    assert '<div class="cs-transcript" lang="ar" dir="rtl">' in pages["summary"]
    # The bilingual file is two tracks of one video: each line in its own language, none mixed.
    backpropagation = pages["backpropagation"]
    english = backpropagation.split('<div class="tabbed-block cs-transcript" lang="en">')[1].split("</div>")[0]
    chinese = backpropagation.split('<div class="tabbed-block cs-transcript" lang="zh">')[1].split("</div>")[0]
    assert "Today we learn backpropagation." in english and "今天" not in english
    assert "今天我们学习反向传播。" in chinese and "Today" not in chinese
    downloads = {path.name for path in (site / "courses").rglob("backpropagation.*")}
    assert {"backpropagation.en.srt", "backpropagation.zh.srt", "backpropagation.zh.txt"} <= downloads
    for name, text in pages.items():
        assert 'lang=""' not in text, name
        assert all(re.search(r'lang="[a-z]', tag) for tag in re.findall(r"<div [^>]*cs-transcript[^>]*>", text)), name

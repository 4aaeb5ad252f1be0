"""A course on paper without a browser: the whole-course document made from built pages, and what
`build --pdf` says when no Chromium is installed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from coursesite.assemble import paper
from coursesite.cli import main
from coursesite.model import Course, Video, Week
from coursesite.pdf import page_count
from tests.conftest import srt, write_tree


def _course() -> Course:
    def video(slug: str) -> Video:
        return Video(slug=slug, title=slug.title(), transcripts=())

    week = Week(slug="week-1", title="Week 1", number=1, videos=(video("welcome"), video("outro")))
    return Course(slug="course", title="Streams & <Tables>", number=1, weeks=(week,))


def _built_page(body: str) -> str:
    return (
        '<html lang="en"><head><link rel="stylesheet" href="../../assets/coursesite.css"><style>x{}</style></head>'
        f'<body><article class="md-content__inner md-typeset" data-pagefind-body>{body}</article></body></html>'
    )


def test_the_course_pages_in_reading_order_with_their_weeks():
    assert paper.course_pages(_course()) == [
        ("courses/course/", ""),
        ("courses/course/week-1/", "week-1"),
        ("courses/course/week-1/welcome/", "week-1"),
        ("courses/course/week-1/outro/", "week-1"),
    ]


def test_relative_links_and_images_are_placed_from_the_page_to_print_and_others_kept():
    html = (
        '<a href="welcome.en.srt">srt</a><img src="images/plot.png" loading="lazy">'
        '<a href="../outro/">next</a><a href="../outro/index.html?x=1#t-1m">next</a><a href="#t-3m15s">3:15</a>'
        '<a href="https://example.org/x">web</a><a href="./">here</a>'
    )
    rebased = paper._rebased(html, "courses/course/week-1/welcome/", "courses/course/_print/")
    assert 'href="../week-1/welcome/welcome.en.srt"' in rebased
    assert 'src="../week-1/welcome/images/plot.png"' in rebased
    assert 'href="../week-1/outro/"' in rebased
    assert 'href="../week-1/outro/index.html?x=1#t-1m"' in rebased
    assert 'href="../week-1/welcome/"' in rebased
    assert 'href="#t-3m15s"' in rebased and 'href="https://example.org/x"' in rebased
    assert "lazy" not in rebased  # a printed page loads every image


def test_each_pages_ids_and_what_points_at_them_are_its_own_in_the_joined_page():
    html = (
        '<h2 id="t-0m03s"><a href="#t-0m03s">0:03</a></h2><a href="#elsewhere">x</a>'
        '<input id="__tabbed_1_1" name="__tabbed_1" type="radio"><label for="__tabbed_1_1">English</label>'
        '<div aria-labelledby="t-0m03s other"></div><svg><path clip-path="url(#c1)"/><clipPath id="c1"/></svg>'
    )
    unique = paper._unique_ids(html, "p3-")
    assert '<h2 id="p3-t-0m03s"><a href="#p3-t-0m03s">' in unique
    assert 'href="#elsewhere"' in unique  # no such id on the page: left as it was
    assert 'id="p3-__tabbed_1_1" name="p3-__tabbed_1"' in unique and 'for="p3-__tabbed_1_1"' in unique
    assert '<input name="p3-cs-lang">' in paper._unique_ids('<input name="cs-lang">', "p3-")
    assert 'aria-labelledby="p3-t-0m03s other"' in unique
    assert 'clip-path="url(#p3-c1)"' in unique and 'id="p3-c1"' in unique


def test_text_that_quotes_an_attribute_is_left_as_its_author_wrote_it():
    """A sanitiser writes quotes in text as they are: only tags' attributes are changed, never words."""
    text = '<p id="a">Give the div id="main" and link it with href="setup/" or src="x.png".</p>'
    changed = paper._unique_ids(paper._rebased(text, "courses/c/w/v/", "courses/c/_print/"), "p2-")
    assert changed == '<p id="p2-a">Give the div id="main" and link it with href="setup/" or src="x.png".</p>'
    tag = '<img alt="a > b" src="plot.png">'
    assert paper._rebased(tag, "courses/c/w/v/", "courses/c/_print/") == '<img alt="a > b" src="../w/v/plot.png">'


def test_the_page_to_print_holds_every_page_once_in_order_and_each_week_can_be_chosen(tmp_path: Path):
    site = tmp_path / "site"
    for page, text in [
        ("courses/course/", "COURSE PAGE"),
        ("courses/course/week-1/", "WEEK PAGE"),
        ("courses/course/week-1/welcome/", "WELCOME TEXT"),
        ("courses/course/week-1/outro/", "OUTRO TEXT"),
    ]:
        write_tree(site, {f"{page}index.html": _built_page(f'<p id="x">{text}</p>')})
    paper.write_print_pages(site, [_course()], None, "assets/coursesite/print.js")
    document = (site / "courses/course/_print/index.html").read_text("utf-8")
    order = [document.index(text) for text in ("COURSE PAGE", "WEEK PAGE", "WELCOME TEXT", "OUTRO TEXT")]
    assert order == sorted(order)
    assert document.count('class="cs-course-print__item"') == 4
    assert document.count('data-cs-week="week-1"') == 3 + 1  # three pages, and the bar's link
    assert '<link rel="stylesheet" href="../../../assets/coursesite.css">' in document  # rebased to here
    assert '<script src="../../../assets/coursesite/print.js" defer></script>' in document
    assert 'href="index.html?week=week-1"' in document and 'href="../index.html"' in document
    assert "<title>Streams &amp; &lt;Tables&gt;</title>" in document
    assert all(f'<p id="p{n}-x">' in document for n in range(1, 5))  # one id each
    assert "data-pagefind-body" not in document  # Pagefind indexes the pages themselves, not this one


def test_a_partial_build_rewrites_only_the_courses_it_names_and_never_through_a_link(tmp_path: Path):
    site = tmp_path / "site"
    for page in ("courses/course/", "courses/course/week-1/"):
        write_tree(site, {f"{page}index.html": _built_page("<p>NEW</p>")})
    served = write_tree(tmp_path / "served", {"index.html": "OLD PAGE"}) / "index.html"
    target = site / "courses/course/_print/index.html"
    target.parent.mkdir(parents=True)
    os.link(served, target)
    paper.write_print_pages(site, [_course()], ["another"], None)
    assert target.read_text("utf-8") == "OLD PAGE"
    paper.write_print_pages(site, [_course()], ["course"], None)
    assert "NEW" in target.read_text("utf-8") and "<script" not in target.read_text("utf-8")
    assert served.read_text("utf-8") == "OLD PAGE"  # the site being served did not change


def test_page_count_counts_pages_not_the_page_tree():
    assert page_count(b"<< /Type /Pages /Kids [3 0 R 4 0 R] >> << /Type /Page >> << /Type /Page >>") == 2


def test_a_folder_of_pdfs_coursesite_did_not_write_is_left_alone(tmp_path: Path):
    mine = write_tree(tmp_path / "site-pdf", {"thesis.pdf": b"%PDF-1.7 mine"})
    with pytest.raises(paper.PdfError, match="was not written by coursesite"):
        paper.refuse_foreign_pdf_dir(mine)
    paper.refuse_foreign_pdf_dir(write_tree(tmp_path / "ours", {paper.MARK: ""}))
    paper.refuse_foreign_pdf_dir(tmp_path / "absent")


@pytest.mark.e2e
def test_build_pdf_without_chromium_says_so_and_still_builds_the_site(tree, monkeypatch, capsys):
    root = tree({"transcripts/01-course/week-1/01-welcome.en.srt": srt((0, 2, "Welcome."))})
    monkeypatch.setattr("shutil.which", lambda name, *args, **kwargs: None)
    assert main(["build", "--root", str(root), "--pdf", "-q"]) == 1
    error = capsys.readouterr().err
    assert "--pdf needs a headless Chromium and none was found" in error
    assert "apt-get install chromium" in error and "The site itself was built" in error
    assert (root / "site/courses/course/week-1/welcome/index.html").is_file()
    assert not (root / "site-pdf").exists()


@pytest.mark.e2e
def test_build_pdf_refuses_a_pdf_folder_it_did_not_write(tree, capsys):
    root = tree({"transcripts/01-course/week-1/01-welcome.en.srt": srt((0, 2, "Welcome."))})
    write_tree(root, {"site-pdf/thesis.pdf": b"%PDF-1.7 mine"})
    assert main(["build", "--root", str(root), "--pdf", "-q"]) == 1
    assert "site-pdf exists but was not written by coursesite" in capsys.readouterr().err
    assert (root / "site-pdf/thesis.pdf").read_bytes() == b"%PDF-1.7 mine"

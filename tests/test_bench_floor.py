"""The benchmark's floor (scripts/bench_floor.py): a built page's words as plain Markdown, none of our HTML."""

import html
import re

import markdown

from scripts.bench_floor import floor_project, page_markdown

PAGE = """<html><body><nav>Navigation words</nav>
<article class="md-content__inner md-typeset"><span data-pagefind-meta="title" hidden>Hidden title</span>
<h1 id="t">A *title*<a class="headerlink" href="#t">&para;</a></h1>
<p class="cs-meta" data-search-exclude>Course 1 · <a href="../">Week 2</a></p>
<h2 class="cs-ts" id="t-0m00s"><a href="#t-0m00s">[00:00]</a></h2>
<div class="highlight"><pre><span></span><code><span class="n">x</span> = ```1```
</code></pre></div>
<table><tr><th>region</th><td>1.5</td></tr><tr><th>a_b</th><td>2</td></tr></table>
<p><img alt="Plot" class="nb-image" src="assets-1/p.png" /></p>
<p>- not a list &amp; <b>not</b> HTML &lt;div&gt;<script>alert(1)</script></p>
</article><footer>Footer words</footer></body></html>"""


def test_a_page_keeps_its_headings_words_code_and_images_and_nothing_else():
    assert page_markdown(PAGE) == (
        "# A \\*title\\*\n\n"
        "Course 1 · Week 2\n\n"
        "## \\[00:00\\]\n\n"
        "````\nx = ```1```\n````\n\n"
        "region 1.5\n\n"
        "a\\_b 2\n\n"
        "![Plot](<assets-1/p.png>)\n\n"
        "\\- not a list &amp; not HTML &lt;div>\n"
    )


def test_markdown_reads_the_words_back_as_they_were():
    rendered = markdown.markdown(page_markdown(PAGE), extensions=["toc", "tables", "fenced_code"])
    assert "<h1" in rendered and "<h2" in rendered and "<pre>" in rendered
    assert "<ul" not in rendered and "<em" not in rendered and "<div" not in rendered and "<table" not in rendered
    text = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    for words in ("A *title*", "[00:00]", "x = ```1```", "a_b 2", "- not a list & not HTML <div>"):
        assert words in text


def test_the_floor_project_has_the_sites_pages_and_files_but_not_its_theme_or_search(tmp_path):
    site = tmp_path / "site"
    features = '{"features": ["navigation.prune", "toc.follow"]}'
    pages = {
        "index.html": f'<script id="__config" type="application/json">{features}</script>{PAGE}',
        "courses/c/w/lecture/index.html": PAGE,
        "courses/c/w/lecture/lecture.en.srt": "1\n00:00:00,000 --> 00:00:01,000\nHi\n",
        "404.html": PAGE,
        "sitemap.xml": "<urlset/>",
        "assets/stylesheets/main.css": "body{}",
        "search/pagefind/pagefind.js": "",
    }
    for name, text in pages.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, "utf-8")
    assert floor_project(site, tmp_path / "floor") == 2
    docs = tmp_path / "floor" / "docs"
    assert sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()) == [
        "courses/c/w/lecture/index.md",
        "courses/c/w/lecture/lecture.en.srt",
        "index.md",
    ]
    config = (tmp_path / "floor" / "mkdocs.yml").read_text("utf-8")
    assert '["navigation.prune", "toc.follow"]' in config and "plugins: []" in config
    assert "plugins: [search]" in (tmp_path / "floor" / "mkdocs-search.yml").read_text("utf-8")

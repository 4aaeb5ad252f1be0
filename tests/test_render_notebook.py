"""Rendering notebooks to Markdown: what a reader sees on the page, which files are written, and nothing active."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursesite.notebooks import read_notebook
from coursesite.render_notebook import render_notebook
from scripts.check_notebook_corpus import active_content, page_html

FIXTURES = Path(__file__).parent / "fixtures" / "notebooks"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 24
PNG64 = base64.b64encode(PNG).decode()
PDF64 = base64.b64encode(b"%PDF-1.4\n%%EOF\n").decode()


def notebook(*cells: dict, language: str = "python") -> dict:
    metadata = {"kernelspec": {"name": language, "display_name": language, "language": language}}
    return {"cells": list(cells), "metadata": metadata, "nbformat": 4, "nbformat_minor": 5}


def markdown(source: str, **extra) -> dict:
    return {"cell_type": "markdown", "id": "m", "metadata": {}, "source": source, **extra}


def code(source: str, *outputs: dict) -> dict:
    return {
        "cell_type": "code",
        "id": "c",
        "metadata": {},
        "execution_count": 7,
        "outputs": list(outputs),
        "source": source,
    }


def display(data: dict, metadata: dict | None = None) -> dict:
    return {"output_type": "display_data", "metadata": metadata or {}, "data": data}


def stream(text: str, name: str = "stdout") -> dict:
    return {"output_type": "stream", "name": name, "text": text}


def render(*cells: dict, language: str = "python", **options):
    return render_notebook(
        notebook(*cells, language=language), path="labs/w1/lab.ipynb", asset_dir="lab-files", **options
    )


def assert_inert(rendered) -> str:
    """The page MkDocs would build holds no active content, and no asset does either; returns the page HTML."""
    body = page_html(rendered.markdown)
    assert active_content(body) == []
    for name, data in rendered.assets.items():
        if name.endswith(".svg"):
            assert active_content(data.decode(), svg=True) == []
    return body


# -- Markdown cells ---------------------------------------------------------------------------------
def test_headings_move_down_one_level_so_the_page_title_stays_the_only_h1():
    page = render(markdown("# Intro\n\nSome *text*.\n\n## Part 1"))
    assert page.markdown.startswith("## Intro\n\n")
    assert "\n### Part 1" in page.markdown
    body = assert_inert(page)
    assert '<h2 id="intro">Intro' in body and '<h3 id="part-1">Part 1' in body
    assert "<em>text</em>" in body


def test_heading_offset_two_and_the_h6_cap():
    page = render(markdown("# One\n\n###### Six"), heading_offset=2)
    assert "### One" in page.markdown
    assert "###### Six" in page.markdown and "#######" not in page.markdown


def test_heading_text_is_escaped_markdown_not_html():
    page = render(markdown("# Use <b>bold</b> & `x*y` *now*"))
    heading = page.markdown.splitlines()[0]
    assert heading.startswith("## ") and "<" not in heading
    assert '<h2 id="use-bold-xy-now">Use bold &amp; x*y now' in assert_inert(page)


def test_html_headings_in_markdown_cells_also_reach_the_table_of_contents():
    page = render(markdown("<h1>Raw heading</h1>\n\nText"))
    assert page.markdown.startswith("## Raw heading")


def test_math_keeps_its_underscores_and_stars():
    page = render(markdown("Let $a_1 * b_2$ and $$x_i^2$$, but `$HOME` is code and $5 is money."))
    body = assert_inert(page)
    assert r'<span class="arithmatex">\(a_1 * b_2\)</span>' in body
    assert r'<span class="arithmatex">\[x_i^2\]</span>' in body
    assert "<code>$HOME</code>" in body and "$5 is money" in body


# -- Markdown as GitHub shows it (CommonMark + GFM) -----------------------------------------------------
def test_two_space_nested_lists_stay_nested():
    page = render(markdown("- fruit\n  - apple\n  - pear\n- bread\n"))
    assert re.search(
        r"<li>fruit\s*<ul>\s*<li>apple</li>\s*<li>pear</li>\s*</ul>\s*</li>\s*<li>bread</li>", page.markdown
    )


def test_a_gfm_table_is_a_table():
    page = render(markdown("| city | rows |\n|------|-----:|\n| Oslo | 12 |\n"))
    assert re.search(r"<table>\s*<thead>\s*<tr>\s*<th>city</th>", page.markdown)
    assert re.search(r"<td>Oslo</td>\s*<td[^>]*>12</td>", page.markdown)
    assert "|---" not in page.markdown


def test_a_task_list_shows_its_boxes_as_characters():
    page = render(markdown("- [x] load the orders\n- [ ] check the totals\n"))
    assert "☑ load the orders</li>" in page.markdown and "☐ check the totals</li>" in page.markdown
    assert "[x]" not in page.markdown and "<input" not in page.markdown


def test_strikethrough_with_two_tildes_or_one():
    page = render(markdown("~~old~~ and ~older~ plans"))
    assert "<s>old</s> and <s>older</s> plans" in page.markdown.replace("&#126;", "~")


def test_a_footnote_is_a_numbered_note_at_the_end():
    page = render(markdown("Orders grew[^growth].\n\n[^growth]: Measured in March.\n"))
    assert "Orders grew<sup>[1]</sup>." in page.markdown
    assert re.search(r"<ol[^>]*>\s*<li>\s*<p>Measured in March.</p>", page.markdown)
    assert "[^growth]" not in page.markdown


def test_markdown_inside_details_is_rendered():
    page = render(markdown("<details>\n<summary>Hint</summary>\n\nJoin on **order_id**.\n\n</details>\n"))
    assert re.search(r"<details>\s*<summary>Hint</summary>\s*<p>Join on <strong>order_id</strong>.</p>", page.markdown)


def test_fenced_code_keeps_its_language():
    page = render(markdown("```sql\nSELECT 1;\n```\n\n~~~python\nx = 1\n~~~\n"))
    assert '<pre><code class="language-sql">SELECT 1;' in page.markdown
    assert '<pre><code class="language-python">x = 1' in page.markdown


def test_heading_levels_are_kept_as_written():
    page = render(markdown("## Two\n\ntext\n\n#### Four\n\nSetext\n======\n"))
    assert [line for line in page.markdown.splitlines() if line.startswith("#")] == [
        "### Two",
        "##### Four",
        "## Setext",
    ]


def test_bare_urls_and_emails_become_links_but_file_names_do_not():
    page = render(markdown("See https://example.com/a_b, www.example.org or ops@example.com; run train.py."))
    assert 'href="https://example.com/a_b"' in page.markdown and 'href="http://www.example.org"' in page.markdown
    assert 'href="mailto:ops@example.com"' in page.markdown
    assert "run train.py." in page.markdown


def test_math_next_to_emphasis_and_in_a_list_survives():
    page = render(markdown("*Note:* $x_1 * y_2$ is _small_\n\n- $a_i * b_i$\n- ``a`b`` then $c_1$\n"))
    body = assert_inert(page)
    assert r'<span class="arithmatex">\(x_1 * y_2\)</span> is <em>small</em>' in body
    assert r'<li><span class="arithmatex">\(a_i * b_i\)</span></li>' in body
    assert r'<code>a&#96;b</code> then <span class="arithmatex">\(c_1\)</span>' in body


def test_the_sanitiser_still_runs_after_the_parser():
    page = render(markdown("[click](javascript:alert(1)) <script>alert(2)</script>\n\n<script>\nalert(3)\n</script>\n"))
    body = assert_inert(page)
    tags = " ".join(re.findall(r"<[^>]+>", body))
    assert "javascript:" not in tags and "<script" not in body and "alert" not in body
    assert "click" in body


def test_markdown_nested_too_deep_is_cut_with_a_warning():
    page = render(markdown("> " * 30 + "deep\n\nafter"))
    assert [d.message for d in page.diagnostics] == [
        "cell 1: Markdown nested more than 20 levels deep; the deeper part is not shown"
    ]
    assert "after" in page.markdown


def test_attachments_become_files_next_to_the_page():
    cell = markdown("![diagram](attachment:diagram.png)", attachments={"diagram.png": {"image/png": PNG64}})
    page = render(cell)
    (name,) = page.assets
    assert name.startswith("lab-files/") and name.endswith(".png")
    assert page.assets[name] == PNG
    assert f'src="{name}"' in page.markdown
    assert "base64" not in page.markdown


def test_a_missing_attachment_is_a_warning_naming_the_cell():
    page = render(markdown("intro"), markdown("![x](attachment:gone.png)"))
    assert [d.message for d in page.diagnostics] == ["cell 2: attachment 'gone.png' is not in the notebook; not shown"]
    assert "attachment:" not in page.markdown


def test_data_url_images_in_markdown_become_files():
    page = render(markdown(f"![plot](data:image/png;base64,{PNG64})"))
    assert list(page.assets.values()) == [PNG]
    assert "base64" not in page.markdown


# -- code cells -----------------------------------------------------------------------------------
def test_code_is_highlighted_in_the_kernel_language_without_prompts():
    page = render(code("puts 'hi'", stream("hi\n")), language="ruby")
    assert page.markdown.startswith('<!--cs-html-->\n<div class="language-ruby highlight"><pre><span></span><code>')
    assert """<span class="nb">puts</span><span class="w"> </span><span class="s1">'hi'</span>""" in page.markdown
    assert "In [" not in page.markdown and "Out[" not in page.markdown and "[7]" not in page.markdown


@pytest.mark.parametrize(
    ("source", "language"),
    [
        ("%%sql\nSELECT 1", "sql"),
        ("%%bash\nls", "bash"),
        ("%%script bash\nls", "bash"),
        ("%%writefile helper.js\nlet x = 1", "javascript"),
        ("%%time\nx = 1", "python"),
        ("%%html\n<b>x</b>", "html"),
    ],
)
def test_cell_magics_choose_the_code_language(source: str, language: str):
    assert render(code(source)).markdown.startswith(f'<!--cs-html-->\n<div class="language-{language} highlight">')


def test_source_with_backtick_fences_cannot_open_a_fence():
    page = render(code('doc = """\n```python\nx\n```\n"""'))
    # Highlighted where it is converted: the backticks are entities, so no Markdown fence can open or close.
    assert "```" not in page.markdown and "&#96;&#96;&#96;python" in page.markdown


def test_unknown_kernel_language_falls_back_to_plain_text():
    assert render(code("x"), language="brainfog").markdown.startswith(
        '<!--cs-html-->\n<div class="highlight"><pre><span></span><code>x\n</code>'
    )


# -- outputs --------------------------------------------------------------------------------------
def test_stream_output_is_escaped_text_inside_the_output_block():
    page = render(code("print()", stream("a < b & <script>\n"), stream("warn\n", "stderr")))
    assert '<pre class="nb-stream">a &lt; b &amp; &lt;script&gt;</pre>' in page.markdown
    assert '<pre class="nb-stream nb-stderr">warn</pre>' in page.markdown
    body = assert_inert(page)
    assert '<div class="nb-output">' in body


def test_consecutive_stream_writes_are_one_block():
    page = render(code("x", stream("a\n"), stream("b\n")))
    assert '<pre class="nb-stream">a\nb</pre>' in page.markdown


def test_carriage_return_progress_shows_only_its_last_state():
    page = render(code("x", stream("10%\r50%\r100%\ndone\n")))
    assert '<pre class="nb-stream">100%\ndone</pre>' in page.markdown


def test_long_output_is_collapsed_not_cut():
    lines = "".join(f"line {n}\n" for n in range(1, 101))
    page = render(code("x", stream(lines)))
    assert '<details class="nb-long"><summary>Output: 100 lines</summary>' in page.markdown
    assert "line 1\n" in page.markdown and "line 100</pre>" in page.markdown
    assert "<details" in assert_inert(page)


def test_tracebacks_lose_their_colour_codes():
    error = {
        "output_type": "error",
        "ename": "ZeroDivisionError",
        "evalue": "division by zero",
        "traceback": ["\x1b[0;31mZeroDivisionError\x1b[0m: division by zero"],
    }
    page = render(code("1/0", error))
    assert '<pre class="nb-error">ZeroDivisionError: division by zero</pre>' in page.markdown
    assert "\x1b" not in page.markdown and "[0;31m" not in page.markdown


def test_png_output_becomes_a_file_and_a_markdown_image():
    page = render(
        code("plot()", display({"image/png": PNG64, "text/plain": "<Figure>"}, {"image/png": {"width": 320}}))
    )
    (name,) = page.assets
    assert page.assets[name] == PNG
    assert f'![Output of cell 1]({name}){{: .nb-image width="320" }}' in page.markdown
    assert "<Figure>" not in page.markdown and "base64" not in page.markdown
    assert f'<img alt="Output of cell 1" class="nb-image" src="{name}" width="320" />' in assert_inert(page)


def test_svg_output_is_sanitised_into_a_file():
    svg = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="3"/></svg>'
    page = render(code("draw()", display({"image/svg+xml": svg})))
    (name,) = page.assets
    assert name.endswith(".svg")
    assert (
        page.assets[name].decode()
        == '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><circle r="3"/></svg>\n'
    )


def test_pandas_html_is_sanitised_and_shown():
    frame = '<style scoped>td{}</style><table class="dataframe"><tr><td>1</td></tr></table>'
    page = render(code("df", display({"text/html": frame, "text/plain": "   a\n0  1"})))
    assert (
        '<div class="nb-html"><table class="dataframe"><tbody><tr><td>1</td></tr></tbody></table></div>'
        in page.markdown
    )
    assert "<style" not in page.markdown


def test_latex_and_markdown_outputs_are_shown():
    page = render(code("x", display({"text/latex": "$$x^2$$"}), display({"text/markdown": "**bold**"})))
    assert r'<div class="nb-latex arithmatex">\[x^2\]</div>' in page.markdown
    assert '<div class="nb-markdown"><p><strong>bold</strong></p></div>' in page.markdown


def test_pdf_output_is_a_file_with_a_link():
    page = render(code("x", display({"application/pdf": PDF64, "text/plain": "<PDF>"})))
    (name,) = page.assets
    assert name.endswith(".pdf")
    assert f"[PDF output of cell 1 (1 KB)]({name})" in page.markdown


@pytest.mark.parametrize(
    ("mime", "kind"),
    [
        ("application/vnd.jupyter.widget-view+json", "Jupyter widget"),
        ("application/vnd.plotly.v1+json", "Plotly"),
        ("application/vnd.bokehjs_exec.v0+json", "Bokeh"),
        ("application/vnd.vegalite.v4+json", "Vega"),
        ("application/javascript", "JavaScript"),
    ],
)
def test_interactive_outputs_show_their_static_fallback_under_a_note(mime: str, kind: str):
    data = {mime: {"model_id": "x"} if "json" in mime else "alert(1)", "text/html": "<div id='p'></div>"}
    page = render(code("fig", display({**data, "image/png": PNG64})))
    assert f'<p class="nb-note">Interactive output ({kind}) not shown; static version below.</p>' in page.markdown
    assert "![Output of cell 1]" in page.markdown
    only_text = render(code("w", display({**data, "text/plain": "IntSlider(value=7)"})))
    assert '<pre class="nb-text">IntSlider(value=7)</pre>' in only_text.markdown
    nothing = render(code("w", display(data)))
    assert f"Interactive output ({kind}) not shown; run the notebook to see it." in nothing.markdown
    assert "alert" not in nothing.markdown


def test_the_richest_type_wins():
    page = render(code("x", display({"text/plain": "plain", "text/html": "<b>rich</b>"})))
    assert "<b>rich</b>" in page.markdown and "plain" not in page.markdown


def test_an_html_output_that_sanitises_to_nothing_falls_back_to_text():
    page = render(code("x", display({"text/html": "<script>x()</script>", "text/plain": "<HTML object>"})))
    assert '<pre class="nb-text">&lt;HTML object&gt;</pre>' in page.markdown


def test_an_unknown_output_type_is_noted_and_warned():
    page = render(code("x", display({"application/x-custom": "?"})))
    assert "Output of type application/x-custom not shown." in page.markdown
    assert [d.message for d in page.diagnostics] == ["cell 1: output of type application/x-custom not shown"]


def test_an_image_that_is_not_an_image_is_warned_not_written():
    page = render(code("x", display({"image/png": base64.b64encode(b"GIF89a").decode(), "text/plain": "fig"})))
    assert page.assets == {}
    assert '<pre class="nb-text">fig</pre>' in page.markdown
    assert page.diagnostics[0].message == "cell 1: a image/png output is not a PNG image; not shown"


# -- raw cells ------------------------------------------------------------------------------------
def test_raw_cells_are_preformatted_or_sanitised_by_their_format():
    page = render(
        {"cell_type": "raw", "id": "r", "metadata": {}, "source": "<b>as text</b>"},
        {"cell_type": "raw", "id": "s", "metadata": {"raw_mimetype": "text/html"}, "source": "<b>as html</b>"},
    )
    assert '<pre class="nb-raw">&lt;b&gt;as text&lt;/b&gt;</pre>' in page.markdown
    assert '<div class="nb-raw nb-html"><b>as html</b></div>' in page.markdown


# -- the whole notebook ---------------------------------------------------------------------------
def test_no_injection_payload_survives():
    result = read_notebook((FIXTURES / "injection_payloads.ipynb").read_bytes(), "injection_payloads.ipynb")
    page = render_notebook(result.notebook, path="injection_payloads.ipynb", asset_dir="lab-files")
    body = assert_inert(page)
    visible = re.sub(r"<[^>]+>", "", body)
    assert "hover" in visible and "table below" in visible and "raw" in visible
    tags = " ".join(re.findall(r"<[^>]+>", body))
    assert "alert" not in tags and "javascript:" not in tags  # any payload left is escaped text
    assert "onload" not in b"".join(page.assets.values()).decode()
    assert '<pre class="nb-stream">&lt;script&gt;alert("stream")&lt;/script&gt;</pre>' in page.markdown


def test_rendering_is_deterministic():
    nb = read_notebook((FIXTURES / "bad_base64_image.ipynb").read_bytes(), "x.ipynb").notebook
    nb["cells"].append(markdown("![a](attachment:a.png)", attachments={"a.png": {"image/png": PNG64}}))
    first = render_notebook(nb, path="x.ipynb", asset_dir="lab-files")
    second = render_notebook(nb, path="x.ipynb", asset_dir="lab-files")
    assert first == second
    assert list(first.assets) == sorted(first.assets)


def test_a_cell_that_cannot_be_rendered_costs_only_that_cell():
    page = render(code("x", display({"text/plain": 42})), markdown("after"))  # type: ignore[dict-item]
    assert "after" in page.markdown


def test_fence_lines_inside_outputs_stay_text_on_the_page():
    page = render(
        code("print(doc)", stream("before\n```html\n<b>x</b>\n```\n~~~\nafter\n")),
        markdown("```python\nx = 1\n```"),
    )
    body = assert_inert(page)
    output = body[body.index('<div class="nb-output">') :]
    assert '<pre class="nb-stream">before\n&#96;&#96;&#96;html\n&lt;b&gt;x&lt;/b&gt;' in output
    assert 'class="highlight"' not in output  # no fence was opened inside the output
    assert '<pre><code class="language-python">x = 1' in body


HOSTILE_PIECES = [
    "<script>",
    "</div>",
    "<img src=x onerror=y>",
    "`",
    "```",
    "~~~",
    "$",
    "# ",
    "\n",
    "a",
    " ",
    "&",
    "\r",
    "\x1b[31m",
]
hostile_text = st.lists(st.sampled_from(HOSTILE_PIECES), max_size=12).map("".join)
mime_types = st.sampled_from(
    ["text/plain", "text/html", "text/markdown", "text/latex", "image/svg+xml", "image/png", "application/javascript"]
)
cells = st.one_of(
    st.builds(markdown, hostile_text),
    st.builds(lambda s, text: code(s, stream(text)), hostile_text, hostile_text),
    st.builds(
        lambda s, data: code(s, display(data)), hostile_text, st.dictionaries(mime_types, hostile_text, max_size=3)
    ),
    st.builds(
        lambda s, f: {"cell_type": "raw", "id": "r", "metadata": {"format": f}, "source": s}, hostile_text, mime_types
    ),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(cells, max_size=4))
def test_any_notebook_renders_inert_and_without_warnings_about_bugs(generated: list):
    page = render(*generated)
    assert_inert(page)
    assert not any("could not be shown" in d.message for d in page.diagnostics)


def test_emoji_shortcodes_become_emoji_outside_code_as_on_github():
    page = render(markdown(":movie_camera: Lecture video, :white_check_mark: done, `:x:` in code, :no_such_code:"))
    assert "🎥 Lecture video, ✅ done" in page.markdown
    assert "<code>:x:</code>" in page.markdown and ":no_such_code:" in page.markdown

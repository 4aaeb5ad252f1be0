"""Sanitising HTML and SVG: what a lab write-up needs survives, nothing that can run does."""

from __future__ import annotations

import pytest

from coursesite.sanitize import sanitize_html, sanitize_svg
from scripts.check_notebook_corpus import active_content

ATTACKS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt&#58;alert(1)">x</a>',
    '<a href=" java\tscript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
    '<img src="data:image/svg+xml;base64,PHN2Zz4=">',
    '<iframe src="https://example.org"></iframe>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<form action="https://evil"><input name="q"><button>go</button></form>',
    "<style>body{display:none}</style>",
    '<div style="background:url(javascript:alert(1))" onmouseover="alert(1)">x</div>',
    '<svg onload="alert(1)"><script>alert(1)</script></svg>',
    '<math><a xlink:href="javascript:alert(1)">x</a></math>',
    '<details open ontoggle="alert(1)"><summary>s</summary></details>',
    '<base href="https://evil/"><meta http-equiv="refresh" content="0;url=https://evil">',
    "<!--<script>alert(1)</script>-->",
    '<a href="vbscript:msgbox(1)">x</a>',
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_nothing_active_survives(attack: str):
    safe = sanitize_html(attack)
    assert active_content(safe) == []


def test_script_and_style_content_is_dropped_not_shown_as_text():
    assert sanitize_html("<script>alert(1)</script><style>p{}</style><p>kept</p>") == "<p>kept</p>"


def test_a_pandas_table_keeps_its_structure_and_class():
    frame = (
        '<div><style scoped>.dataframe td{}</style><table border="1" class="dataframe">'
        '<thead><tr style="text-align: right;"><th></th><th>a</th></tr></thead>'
        "<tbody><tr><th>0</th><td>1</td></tr></tbody></table></div>"
    )
    assert sanitize_html(frame) == (
        '<div><table class="dataframe"><thead><tr><th></th><th>a</th></tr></thead>'
        "<tbody><tr><th>0</th><td>1</td></tr></tbody></table></div>"
    )


@pytest.mark.parametrize(
    "link",
    ["https://example.org/a?b=1", "http://example.org", "mailto:teacher@example.org", "figures/plot.png", "#part-2"],
)
def test_safe_links_are_kept(link: str):
    assert f'href="{link}"' in sanitize_html(f'<a href="{link}">x</a>')


def test_base64_raster_images_may_stay_in_img():
    tag = '<img src="data:image/png;base64,iVBORw0KGgo=" alt="plot">'
    assert 'src="data:image/png;base64,iVBORw0KGgo="' in sanitize_html(tag)


def test_details_headings_lists_code_and_classed_spans_are_kept():
    fragment = (
        "<details><summary>Hint</summary><h3>Step</h3><ol><li><code>x</code></li></ol>"
        '<pre><span class="k">def</span></pre></details>'
    )
    assert sanitize_html(fragment) == fragment


def test_svg_keeps_the_drawing_and_drops_script_foreign_object_handlers_and_external_links():
    svg = (
        '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'viewBox="0 0 10 10" onload="alert(1)"><script>alert(1)</script>'
        "<foreignObject><div>html</div></foreignObject>"
        '<defs><linearGradient id="g"><stop offset="0"/></linearGradient></defs>'
        '<a xlink:href="javascript:alert(1)"><rect width="5" height="5" fill="url(#g)" onclick="alert(1)"/></a>'
        '<image xlink:href="https://evil.example/x.png"/><use xlink:href="#g"/>'
        '<set attributeName="href" to="javascript:alert(1)"/><text x="1">a &lt; b</text></svg>'
    )
    safe = sanitize_svg(svg)
    assert active_content(safe, svg=True) == []
    assert "evil.example" not in safe and "foreignObject" not in safe and "<set" not in safe
    assert '<rect fill="url(#g)" height="5" width="5"/>' in safe
    assert '<use xlink:href="#g"/>' in safe
    assert '<text x="1">a &lt; b</text>' in safe
    assert safe.startswith('<svg xmlns="http://www.w3.org/2000/svg"')


def test_svg_stylesheet_with_imports_is_dropped_plain_one_kept():
    plain = '<svg xmlns="http://www.w3.org/2000/svg"><style>*{stroke-linecap:butt}</style></svg>'
    remote = '<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://evil/x.css);</style></svg>'
    assert "<style>*{stroke-linecap:butt}</style>" in sanitize_svg(plain)
    assert "evil" not in sanitize_svg(remote)


@pytest.mark.parametrize(
    "text",
    [
        "not svg at all",
        "<svg><unclosed></svg>",
        "<html><script>alert(1)</script></html>",
        '<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><svg>&b;</svg>',
    ],
)
def test_unreadable_or_entity_laden_svg_becomes_empty(text: str):
    assert sanitize_svg(text) == ""


def test_svg_nested_thousands_deep_is_unreadable_not_a_crash():
    deep = "<g>" * 5_000 + "</g>" * 5_000
    assert sanitize_svg(f'<svg xmlns="http://www.w3.org/2000/svg">{deep}</svg>') == ""
    shallow = "<g>" * 50 + "</g>" * 50
    assert sanitize_svg(f'<svg xmlns="http://www.w3.org/2000/svg">{shallow}</svg>').count("<g") == 50


def test_html_nested_too_deep_is_shown_as_text():
    shown = sanitize_html("<div>" * 2_000 + "words" + "</div>" * 2_000)
    assert shown.startswith("<pre>&lt;div&gt;") and "words" in shown


def test_a_plots_script_full_of_tags_in_strings_is_not_taken_for_deep_html():
    # Plotly's output: a div, then a script whose strings hold thousands of "<div" that are no elements.
    plot = '<div id="plot">Revenue by month</div><script>' + "html += '<div class=x><svg>';" * 3_000 + "</script>"
    shown = sanitize_html(plot + "<p>After the plot.</p>")
    assert "<pre>" not in shown and "html +=" not in shown  # the script goes, not shown as text
    assert "Revenue by month" in shown and "<p>After the plot.</p>" in shown


def test_inside_svg_a_script_holds_elements_and_they_count():
    assert sanitize_html("<svg><script>" + "<a>" * 2_000 + "</script></svg>").startswith("<pre>")

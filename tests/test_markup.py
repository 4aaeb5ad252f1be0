"""Text escaped by `markup` comes out of Markdown as the same text: no markup, no lost characters."""

import html as html_lib
import re

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from coursesite.assemble.plugin import REQUIRED_EXTENSIONS
from coursesite.highlight import code_block
from coursesite.markup import anchor, clock, duration, md, moments

EXTENSIONS = [name for name in REQUIRED_EXTENSIONS if name != "toc"]
CONFIGS = {name: options for name, options in REQUIRED_EXTENSIONS.items() if name != "toc"}


def render(text: str) -> str:
    return markdown.markdown(text, extensions=[*EXTENSIONS, "pymdownx.emoji"], extension_configs=CONFIGS)


def visible_text(rendered: str) -> str:
    assert re.fullmatch(r"<p>.*</p>", rendered, re.S), rendered
    return html_lib.unescape(rendered[3:-4])


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60))
def test_escaped_text_renders_as_itself(text):
    if not text.strip():
        return
    rendered = render(str(md(text)))
    assert visible_text(rendered) == " ".join(text.split())


def test_hostile_titles_stay_text():
    for text in [
        "<script>alert(1)</script>",
        "[x](javascript:alert(1))",
        "*a* _b_ `c` ~~d~~ ==e== ^^f^^",
        "# not a heading",
        "1. not a list",
        "| a | b |",
        ":smile: :material-flask:",
        "&amp; &lt;",
        "a\\b",
    ]:
        rendered = render(str(md(text)))
        assert "<script" not in rendered and "<a " not in rendered and "<em>" not in rendered
        assert visible_text(rendered) == text


def test_code_blocks_cannot_be_closed_by_their_content():
    code = "before\n```\n<script>alert(1)</script>\n````\nafter"
    rendered = render(code_block(code, "python", title="a\nb.py"))
    assert "<script>" not in rendered and "after" in rendered and rendered.count("<pre") == 1


def test_times_for_people():
    assert (clock(0), clock(195_000), clock(3_725_000)) == ("00:00", "03:15", "1:02:05")
    assert (anchor(195_000), anchor(3_725_000)) == ("t-3m15s", "t-1h02m05s")
    assert (duration(45_000), duration(312_000), duration(3_900_000)) == ("45 s", "5 min", "1 h 05 min")


@given(st.lists(st.integers(-5_000, 200 * 3_600_000), max_size=30))
def test_moments_are_the_clock_and_anchor_of_each_time(starts):
    assert moments(starts) == [(clock(ms), anchor(ms)) for ms in starts]
    assert moments([3_599_999, 3_600_000, 37_230_000]) == [
        ("59:59", "t-59m59s"),
        ("1:00:00", "t-1h00m00s"),
        ("10:20:30", "t-10h20m30s"),
    ]

"""What a built page weighs: no template indentation, while code keeps its own."""

from __future__ import annotations

import pytest

from coursesite.assemble import material
from coursesite.cli import main

pytestmark = pytest.mark.e2e

TREE = {"labs/01-streams/week-1/03-code.py": "def window(events):\n    for event in events:\n        yield event\n"}


def test_pages_carry_no_indentation_but_code_keeps_its_own(tree):
    root = tree(TREE)
    assert main(["build", "--root", str(root), "-q"]) == 0
    page = (root / "site/courses/streams/week-1/code/index.html").read_text()
    outside = material.RGX_KEEP_WHITESPACE.sub("", page)
    assert "\n " not in outside and "\n\t" not in outside  # Material's template indentation is gone
    assert (
        '\n    <span class="k">for</span>' in page and '\n        <span class="k">yield</span>' in page
    )  # the code's is kept

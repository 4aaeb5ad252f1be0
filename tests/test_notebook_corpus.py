"""The notebook corpus check as a test: every real-world notebook reads and renders with nothing active left."""

from __future__ import annotations

import pytest

from scripts.check_notebook_corpus import DEFAULT_FOLDER, active_content, check_corpus, page_html

pytestmark = pytest.mark.corpus


@pytest.mark.skipif(not DEFAULT_FOLDER.is_dir(), reason=f"no corpus at {DEFAULT_FOLDER}")
def test_every_corpus_notebook_reads_and_renders_inert():
    checks = check_corpus(DEFAULT_FOLDER)
    assert checks, "the corpus folder holds no notebooks"
    assert [(c.name, c.error) for c in checks if c.status == "failed"] == []
    assert [(c.name, c.active) for c in checks if c.active] == []


def test_the_check_itself_notices_active_content():
    found = active_content(
        '<p onclick="x">a</p><script>1</script><a href=" javascript:alert(1)">b</a>'
        '<img src="data:image/png;base64,AAAA"><iframe src="data:text/html,x"></iframe>'
    )
    assert found == [
        "<p onclick=…>",
        "<script>",
        "<a href=javascript:alert(1)…>",
        "<iframe>",
        "<iframe src=data:text/html,x…>",
    ]
    assert active_content("<svg><style>*{fill:red}</style></svg>", svg=True) == []
    assert "<script>" in active_content(page_html("<script>alert(1)</script>"))

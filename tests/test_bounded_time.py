"""Large inputs stay linear: a 2-hour transcript, a 10 MB single cue, a notebook with a 10 MB output.

Each case runs under an alarm: a quadratic blow-up fails the test instead of hanging the suite. The
limits are generous (many times the measured time) so a busy machine does not make them flaky."""

from __future__ import annotations

import json
import signal
from contextlib import contextmanager

import pytest

from coursesite.notebooks import read_notebook
from coursesite.paragraphs import make_paragraphs
from coursesite.render_notebook import render_notebook
from coursesite.subtitles import parse_subtitles
from tests.conftest import srt


@contextmanager
def at_most(seconds: int):
    def stop(signum, frame):
        raise TimeoutError(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_two_hour_transcript():
    cues = [(i * 2.5, i * 2.5 + 2.4, f"Sentence number {i} of a very long lecture.") for i in range(2880)]
    data = srt(*cues)
    with at_most(20):
        result = parse_subtitles(data, "long.srt")
        paragraphs = make_paragraphs(result.cues)
    assert len(result.cues) == 2880 and paragraphs[-1].text.endswith("Sentence number 2879 of a very long lecture.")


def test_ten_megabyte_single_cue():
    data = b"1\n00:00:00,000 --> 00:00:02,000\n" + b"word " * 2_000_000 + b"\n"
    with at_most(30):
        result = parse_subtitles(data, "huge.srt")
        paragraphs = make_paragraphs(result.cues)
    assert sum(len(p.text.split()) for p in paragraphs) == 2_000_000


def test_notebook_with_a_ten_megabyte_output():
    text = "x" * 99 + "\n"
    notebook = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {},
        "cells": [
            {
                "cell_type": "code",
                "id": "c",
                "metadata": {},
                "execution_count": 1,
                "source": "print(x)",
                "outputs": [{"output_type": "stream", "name": "stdout", "text": text * 100_000}],
            }
        ],
    }
    with at_most(60):
        result = read_notebook(json.dumps(notebook).encode(), "big.ipynb")
        rendered = render_notebook(result.notebook, path="big.ipynb", asset_dir="files")
    assert rendered.markdown.count("x" * 99) == 100_000  # long output folded, never cut


@pytest.mark.parametrize("size", [1, 1000, 100_000])
def test_arbitrary_bytes_of_any_size_give_a_page_that_says_what_is_wrong(size):
    data = (bytes(range(256)) * (size // 256 + 1))[:size]
    with at_most(20):
        subtitles = parse_subtitles(data, "junk.srt")
        notebook = read_notebook(data, "junk.ipynb")
    # The problem is the sentence the item's page shows in place of its content.
    assert subtitles.cues == ()
    assert subtitles.problem == "The file is not text (binary data or an unknown encoding)."
    assert notebook.notebook is None
    assert notebook.problem == (
        "The notebook is not valid JSON (Expecting value at line 1, column 1); "
        "it may have been cut short or edited by hand."
    )
    error = notebook.diagnostics[-1]
    assert (error.severity.value, error.line, error.column, error.message) == ("error", 1, 1, notebook.problem)


def markdown_notebook(source: str) -> dict:
    cell = {"cell_type": "markdown", "id": "m", "metadata": {}, "source": source}
    return {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [cell]}


def nested_list(indent: int, lines: int) -> str:
    return "".join(" " * (indent * depth) + "- item\n" for depth in range(lines))


# About 200 KB each, text a README or a Markdown cell could hold. Python-Markdown took 39 s for 20,000 "[",
# 60 s for 2,000 nested list lines; the math finder's old regex never finished 25,000 backticks.
HOSTILE_MARKDOWN = {
    "brackets": "[" * 200_000,
    "image brackets": "![" * 100_000,
    "unclosed links": "[a](" * 50_000,
    "emphasis": "*a" * 100_000,
    "html openings": "<a " * 66_000,
    "backticks": "`" * 200_000,
    "backtick runs getting shorter": " ".join("`" * length for length in range(630, 0, -1)),
    "footnote references": "[^1]" * 50_000 + "\n\n[^1]: note\n",
    "footnote openings": "[^" * 100_000,
    "dollars": "$" * 200_000,
    "backslashes": "\\" * 200_000,
    "environments": "\\begin{a}" * 22_000,
    "colons": "a:" * 100_000,
    "brackets after a url": "http://a.b/" + ")" * 200_000,
    "tildes": "~~a" * 66_000,
    "details": "<details>\n\n" * 18_000,
    "two-space nested list": nested_list(2, 450),
    "four-space nested list": nested_list(4, 316),
    "2,000 nested list lines": nested_list(2, 2_000),  # 4 MB
    "5,000 list markers on a line": "- " * 5_000 + "x",
    "5,000 quote markers": "> " * 5_000 + "x",
}


@pytest.mark.parametrize("source", HOSTILE_MARKDOWN.values(), ids=HOSTILE_MARKDOWN.keys())
def test_hostile_markdown_renders_in_bounded_time(source: str):
    with at_most(20):
        rendered = render_notebook(markdown_notebook(source), path="README.md", asset_dir="files")
    assert not any("could not be shown" in d.message for d in rendered.diagnostics)


# -- a repository's own layout and notes (red team, round three) ------------------------------------
@pytest.mark.e2e
def test_hostile_notes_and_layouts_build_in_bounded_time(tmp_path):
    """Notes are rendered where the site is assembled, outside any item's budget; discovery reads every
    folder and the first heading of generically named Markdown: each must stay linear."""
    from coursesite.cli import main
    from coursesite.discover import discover
    from tests.conftest import write_tree

    root = write_tree(
        tmp_path / "repo",
        {
            "README.md": "<ul>" * 262_000,  # nh3 is quadratic on tags left open
            "week-1/README.md": "[](é)\n" * 100_000,  # a broken link each line
            **{f"week-1/lab{n}.md": "# a" + " " * 65_000 + "b\n" for n in range(1, 5)},  # a heading of spaces
            **{f"week-2/notes/n{n}.md": f"note {n}\n" for n in range(300)},
        },
    )
    deep = root / "week-2" / "lab-1"
    write_tree(deep, {"README.md": "# Deep\n"})
    bottom = deep
    for _ in range(1_000):  # Python 3.11's os.walk recursed: RecursionError
        bottom = bottom / "a"
        bottom.mkdir()
    (bottom / "f.txt").write_text("at the bottom\n")
    try:
        with at_most(60):
            plan = discover(root)
            assert main(["build", "--root", str(root), "-q"]) == 0
    finally:  # pytest removes its folders with shutil.rmtree, which recurses: taken down from the bottom here
        (bottom / "f.txt").unlink()
        while bottom != deep:
            bottom.rmdir()
            bottom = bottom.parent
    assert any("nested more than" in reason for _, reason, _ in plan.unpublished)
    notes_pages = [lab for week in plan.courses[0].weeks for lab in week.labs if "notes" in lab.source]
    assert len(notes_pages) == 1  # 300 notes are one page, not 300 pages each listing the others
    course = (root / "site/courses" / plan.courses[0].slug / "index.html").read_text("utf-8")
    assert "&lt;ul&gt;&lt;ul&gt;" in course  # the README: shown as text, not parsed 262,000 levels deep

"""Metadata a stranger wrote cannot take ``coursesite check`` down: no aliases, no deep nesting, no huge files.

The bombs are checked in a subprocess with its address space capped, so a regression fails the test (the
capped process runs out of memory or time) instead of swapping the machine."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from coursesite.cli import main
from coursesite.metadata_yaml import MAX_BYTES
from tests.conftest import srt

META = "transcripts/01-c/week-1/_meta.yml"
VIDEO = {"transcripts/01-c/week-1/01-a.en.srt": srt((0, 1, "Hello there."))}


def billion_laughs() -> str:
    """352 bytes that stand for 9⁹ strings: nine lists of nine aliases of the list before."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, current in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{current}: &{current} [{','.join(['*' + previous] * 9)}]")
    return "\n".join([*lines, "title: *i"]) + "\n"


# Before the fix: MemoryError past 3 GB (6.5 GB uncapped) after 24 s, and a RecursionError traceback.
BOMBS = {
    "billion_laughs": (billion_laughs(), 1, "anchors and aliases"),
    "deep_flow_nesting": ("title: " + "[" * 100_000 + "]" * 100_000 + "\n", 1, "nested more than"),
    "deep_block_nesting": ("".join(" " * i + f"k{i}:\n" for i in range(200)), 32, "nested more than"),
}
CHECK_UNDER_LIMITS = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (512 * 2**20, 512 * 2**20))
resource.setrlimit(resource.RLIMIT_CPU, (20, 20))
from coursesite.cli import main
status = main(["check", "--root", sys.argv[1], "-q"])
# VmHWM: ru_maxrss of this process would count the test process it was forked from, before exec.
own = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print("peak", max(own, workers) // 1024, "MB")
sys.exit(status)
"""


@pytest.mark.parametrize("name", BOMBS)
def test_a_metadata_bomb_is_refused_quickly_in_little_memory(tree, name):
    text, line, words = BOMBS[name]
    root = tree({META: text, **VIDEO})
    done = subprocess.run(
        [sys.executable, "-c", CHECK_UNDER_LIMITS, str(root)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1, done.stderr  # an error reported; not a crash, not killed by a limit
    assert "Traceback" not in done.stderr
    [error] = [message for message in done.stderr.splitlines() if message.startswith(META)]
    assert words in error and ": error: " in error
    if line:
        assert error.startswith(f"{META}:{line}:")
    peak = int(done.stdout.split()[1])
    assert peak < 200, done.stdout


def test_anchors_are_refused_with_the_line_they_are_on(tree, capsys):
    meta = textwrap.dedent(
        """\
        title: Week one
        items:
          01-a: &video {title: First}
        """
    )
    root = tree({META: meta, **VIDEO})
    assert main(["check", "--root", str(root), "-q"]) == 1
    assert f"{META}:3:9: error: anchors and aliases (&name, *name) are not allowed" in capsys.readouterr().err


def test_a_metadata_file_over_the_size_limit_is_ignored_with_an_error(tree, capsys):
    root = tree({META: "title: Week one\ndescription: " + "x" * MAX_BYTES + "\n", **VIDEO})
    assert main(["check", "--root", str(root), "-q"]) == 1
    err = capsys.readouterr().err
    assert f"{META}: error: metadata file is larger than 256 KB; it is ignored" in err


def test_metadata_at_usual_depth_and_size_is_read(tree):
    from coursesite.discover import discover

    videos = {f"transcripts/01-c/week-1/{i:03d}-video-{i}.en.srt": srt((0, 1, "Hi.")) for i in range(300)}
    items = "".join(
        f"  {i:03d}-video-{i}:\n    title: Video {i}\n    url: https://example.com/{i}\n" for i in range(300)
    )
    root = tree({META: "title: Week one\nitems:\n" + items, **videos})
    plan = discover(root)
    week = plan.courses[0].weeks[0]
    assert not plan.diagnostics
    assert week.title == "Week one" and [video.title for video in week.videos[:2]] == ["Video 0", "Video 1"]


def test_the_subprocess_limits_do_catch_a_bomb():
    """The test above would fail on a loader that expands aliases: the same limits stop plain safe_load."""
    code = (
        "import resource, yaml\n"
        "resource.setrlimit(resource.RLIMIT_AS, (512 * 2**20, 512 * 2**20))\n"
        f"str(yaml.safe_load({billion_laughs()!r})['title'])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode != 0 and "MemoryError" in done.stderr


def test_a_title_too_long_for_every_pages_navigation_is_cut_with_a_warning(tree):
    from coursesite.discover import discover

    meta = f"title: {'T' * 250_000}\nitems:\n  01-a:\n    title: {'V' * 1_000}\n"
    plan = discover(tree({META: meta, **VIDEO}))
    week = plan.courses[0].weeks[0]
    assert week.title == "T" * 300 and week.videos[0].title == "V" * 300
    assert [d.message for d in plan.diagnostics] == ["'title' is longer than 300 characters; it is cut short"] * 2

"""Each video and lab is converted within a time and a memory budget; one that overruns gets a page saying so.

The first tests drive ``run_within_budget`` with tasks that misbehave on purpose (a Python loop, a long
call into C that never looks at signals, a greedy allocation, a crash, a bug); the end-to-end ones build
sites with a source that is slow or greedy for the real pipeline."""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import time

import pytest

from coursesite import budget
from coursesite.budget import Budget, Overrun, run_within_budget
from coursesite.cli import main
from tests.conftest import srt

# -- the budget itself -------------------------------------------------------------------------------


def misbehave(task: str) -> str:
    """A task for the workers: "ok" returns at once, the others misbehave as named."""
    if task == "python loop":
        while True:
            pass
    if task == "deaf to signals":
        return hashlib.pbkdf2_hmac("sha256", b"x", b"salt", 10**9).hex()  # minutes in C, no signal checks
    if task == "greedy":
        chunks = []
        while True:
            chunks.append(bytearray(64 * 2**20))
    if task == "crash":
        os.kill(os.getpid(), signal.SIGKILL)  # as the kernel does to a process out of memory
    if task == "bug":
        raise ValueError("a bug in the converter")
    return f"{task} done"


def run(tasks: list[str], seconds: float = 1, memory_mb: int = 2048, workers: int = 2) -> list:
    return list(run_within_budget(misbehave, tasks, workers, Budget(seconds, memory_mb)))


def test_results_come_back_in_order_from_workers():
    assert run([f"ok {i}" for i in range(7)]) == [f"ok {i} done" for i in range(7)]


def test_a_task_that_runs_forever_is_stopped_by_the_alarm_and_the_others_go_on():
    started = time.monotonic()
    results = run(["ok 1", "python loop", "ok 2"], seconds=1)
    assert results == ["ok 1 done", Overrun("time", "alarm"), "ok 2 done"]
    assert time.monotonic() - started < 4


def test_a_task_deaf_to_signals_is_killed_after_the_grace_period(monkeypatch):
    monkeypatch.setattr(budget, "GRACE_SECONDS", 1.0)
    started = time.monotonic()
    results = run(["deaf to signals", "ok"], seconds=1)
    assert results == [Overrun("time", "killed"), "ok done"]
    assert time.monotonic() - started < 6


def test_a_greedy_task_hits_the_memory_budget_and_the_worker_is_replaced():
    started = time.monotonic()
    assert run(["greedy", "ok", "greedy", "ok"], memory_mb=256, workers=1) == [
        Overrun("memory"),
        "ok done",
        Overrun("memory"),
        "ok done",
    ]
    assert time.monotonic() - started < 10


def test_a_worker_that_dies_is_reported_and_replaced():
    assert run(["crash", "ok"], workers=1) == [Overrun("crash", "killed by signal SIGKILL"), "ok done"]


def test_a_bug_in_the_converter_is_reported_with_its_item_and_the_rest_goes_on():
    """One file that trips a bug must not stop every deploy: its item is reported, with the worker's traceback."""
    results = run(["ok", "bug", "ok"])
    assert results[0] == results[2] == "ok done"
    assert results[1].reason == "bug"
    assert "ValueError: a bug in the converter" in results[1].detail and "misbehave" in results[1].detail


def test_the_budget_is_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("COURSESITE_ITEM_SECONDS", "2.5")
    monkeypatch.setenv("COURSESITE_ITEM_MEMORY_MB", "300")
    assert Budget.from_environment() == Budget(2.5, 300)
    monkeypatch.setenv("COURSESITE_ITEM_SECONDS", "soon")
    monkeypatch.setenv("COURSESITE_ITEM_MEMORY_MB", "-1")
    assert Budget.from_environment() == Budget(60, 2048)


# -- whole sites -------------------------------------------------------------------------------------
VIDEO = {"transcripts/01-c/week-1/01-welcome.en.srt": srt((0, 2, "Welcome to the course."))}
OTHER_LAB = {"labs/01-c/week-1/03-load.sql": "select 1;\n"}
PAGES = "docs/courses/c/week-1"
# Linear, but long: a notebook of 20 Markdown cells, each just under the size a README is shown up to,
# of unclosed "[" (markdown-it needs about 1.5 s for each on the machine these tests were written on):
# some 30 s, far over the 2 s budget this test sets.
SLOW_CELL = {"cell_type": "markdown", "metadata": {}, "source": "[" * 190_000}
SLOW_NOTEBOOK = json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [SLOW_CELL] * 20})


@pytest.mark.e2e
def test_a_lab_over_the_time_budget_gets_a_page_that_says_so(tree, capsys, monkeypatch):
    monkeypatch.setenv("COURSESITE_ITEM_SECONDS", "2")
    root = tree(
        {
            **VIDEO,
            "labs/01-c/week-1/02-notes/README.md": "# Notes\n\nThe notebook explains it.\n",
            "labs/01-c/week-1/02-notes/explained.ipynb": SLOW_NOTEBOOK,
            "labs/01-c/week-1/02-notes/query.sql": "select 2;\n",
            **OTHER_LAB,
        }
    )
    started = time.monotonic()
    assert main(["build", "--root", str(root), "-q"]) == 1
    assert time.monotonic() - started < 30
    err = capsys.readouterr().err
    assert (
        "labs/01-c/week-1/02-notes: error: this lab took longer than 2 s to convert "
        "(COURSESITE_ITEM_SECONDS sets the limit); its page only offers its files"
    ) in err
    page = (root / PAGES / "notes/index.md").read_text("utf-8")
    assert "This lab took longer than 2 s to convert and is not shown; its files are offered for download." in page
    assert "```" not in page and "select 2" not in page and "explains" not in page  # nothing is shown…
    assert (root / PAGES / "notes/files/query.sql").read_text() == "select 2;\n"  # …but each is offered
    assert (root / PAGES / "notes/notes.zip").is_file()
    assert (root / "site/courses/c/week-1/notes/index.html").is_file()
    assert "Welcome to the course." in (root / PAGES / "welcome/index.md").read_text("utf-8")
    assert "select 1;" in re.sub(r"<[^>]+>", "", (root / PAGES / "load/index.md").read_text("utf-8"))


@pytest.mark.e2e
def test_notes_over_the_time_budget_are_reported_and_the_page_says_so(tree, capsys, monkeypatch):
    monkeypatch.setenv("COURSESITE_ITEM_SECONDS", "2")
    # A README is read up to 1 MB: of unclosed "[", about 8 s of markdown-it, far over the budget.
    root = tree(
        {
            "course1/week1/README.md": "[" * 1_000_000,
            "course1/week1/welcome.en.srt": srt((0, 2, "Welcome to the course.")),
        }
    )
    assert main(["build", "--root", str(root), "-q"]) == 1
    err = capsys.readouterr().err
    assert "course1/week1/README.md: error: these notes took longer than 2 s to convert" in err
    week = (root / "site/courses/course-1/week-1/index.html").read_text("utf-8")
    assert "These notes took longer than 2 s to convert and are not shown." in week
    assert "Welcome to the course." in (root / "site/courses/course-1/week-1/welcome/index.html").read_text("utf-8")


def coursesite(*args: str, **environment: str) -> subprocess.CompletedProcess:
    """The command in a process of its own, as CI runs it: its workers start from a fresh interpreter's size."""
    command = [sys.executable, "-c", "import sys; from coursesite.cli import main; sys.exit(main(sys.argv[1:]))"]
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, timeout=120, env={**os.environ, **environment}
    )


def long_lecture() -> bytes:
    """7.5 MB of subtitles: converting them takes about 100 MB."""
    return srt(
        *[(i * 2.5, i * 2.5 + 2.4, f"Sentence number {i} of a long lecture, said slowly.") for i in range(80_000)]
    )


@pytest.mark.e2e
def test_a_video_over_the_memory_budget_is_reported_and_the_build_goes_on(tree):
    root = tree({**VIDEO, "transcripts/01-c/week-1/02-long.en.srt": long_lecture(), **OTHER_LAB})
    done = coursesite("build", "--root", str(root), "-q", COURSESITE_ITEM_MEMORY_MB="32")
    assert done.returncode == 1, done.stderr
    assert (
        "transcripts/01-c/week-1/02-long.en.srt: error: this video needed more than 32 MB of memory to convert "
        "(COURSESITE_ITEM_MEMORY_MB sets the limit)"
    ) in done.stderr
    page = (root / PAGES / "long/index.md").read_text("utf-8")
    assert "This video needed more than 32 MB of memory to convert and is not shown." in page
    assert "Sentence number 1 " not in page
    assert (root / PAGES / "long/long.en.srt").stat().st_size > 7_000_000  # the original is still offered
    assert "Welcome to the course." in (root / PAGES / "welcome/index.md").read_text("utf-8")
    assert "select 1;" in re.sub(r"<[^>]+>", "", (root / PAGES / "load/index.md").read_text("utf-8"))
    assert (root / "site/courses/c/week-1/long/index.html").is_file()


def test_an_overrun_is_not_cached_the_next_run_tries_again(tree):
    root = tree({"transcripts/01-c/week-1/02-long.en.srt": long_lecture()})
    assert coursesite("convert", "--root", str(root), "-q", COURSESITE_ITEM_MEMORY_MB="32").returncode == 1
    assert "is not shown" in (root / PAGES / "long/index.md").read_text("utf-8")
    assert coursesite("convert", "--root", str(root), "-q").returncode == 0  # the default budget: converted
    assert "Sentence number 79999 of a long lecture" in (root / PAGES / "long/index.md").read_text("utf-8")

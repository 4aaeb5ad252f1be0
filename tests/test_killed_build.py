"""A build killed midway with SIGKILL (no cleanup of its own runs) leaves no process of its own running:
not a conversion worker busy on an item, not an idle one, not the search indexer."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import srt, write_tree
from tests.test_budget import SLOW_NOTEBOOK

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc; the kernel's guarantee is Linux's"),
]

DEADLINE = 60.0  # seconds; what is awaited happens in one or two here
TICKS = os.sysconf("SC_CLK_TCK")


def status(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command's name (state first, then the parent's pid, …)."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()


def descendants(ancestor: int) -> dict[int, str]:
    """Every process whose chain of parents leads to ``ancestor``: pid → its start time (pids are reused)."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (fields := status(int(entry))):
            parents[int(entry)] = (int(fields[1]), fields[19])
    found: dict[int, str] = {}
    pending = [ancestor]
    while pending:
        parent = pending.pop()
        for pid, (ppid, started) in parents.items():
            if ppid == parent and pid not in found:
                found[pid] = started
                pending.append(pid)
    return found


def running(pid: int, started: str) -> bool:
    fields = status(pid)
    return fields is not None and fields[19] == started and fields[0] not in ("Z", "X")  # a zombie has ended


def busy_seconds(pid: int) -> float:
    fields = status(pid)
    return (int(fields[11]) + int(fields[12])) / TICKS if fields else 0.0


def wait_for(condition, seconds: float = DEADLINE) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def build(root: Path, **environment: str) -> subprocess.Popen:
    """``coursesite build`` in a process of its own, in the test's process group (only it will be killed)."""
    return subprocess.Popen(
        [sys.executable, "-m", "coursesite.cli", "build", "--root", str(root), "-q"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, **environment},
    )


def command(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return ""


def kill_the_build(process: subprocess.Popen) -> tuple[dict[int, str], list[str]]:
    """SIGKILL the build alone: its processes just before, and the commands of those still running once they
    had time to end (then killed: they are the test's leftovers)."""
    started = descendants(process.pid)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    wait_for(lambda: not any(running(pid, start) for pid, start in started.items()))
    survivors = [pid for pid, start in started.items() if running(pid, start)]
    commands = [command(pid) for pid in survivors]
    for pid in survivors:
        os.kill(pid, signal.SIGKILL)
    return started, commands


def test_a_build_killed_while_converting_leaves_no_worker_running(tmp_path):
    # Four notebooks of some 30 s each for two workers: killed, both are busy, the build waiting on them.
    root = write_tree(
        tmp_path / "project",
        {
            "transcripts/01-c/week-1/01-welcome.en.srt": srt((0, 2, "Welcome to the course.")),
            **{f"labs/01-c/week-1/0{n}-slow.ipynb": SLOW_NOTEBOOK for n in range(1, 5)},
        },
    )
    process = build(root, COURSESITE_ITEM_SECONDS="600")
    try:
        assert wait_for(lambda: any(busy_seconds(pid) > 0.5 for pid in descendants(process.pid))), "no worker got busy"
    finally:
        started, survivors = kill_the_build(process)
    assert len(started) >= 2  # the workers, busy or not
    assert survivors == []


def test_a_build_killed_while_indexing_for_search_leaves_no_indexer_running(tmp_path):
    root = write_tree(tmp_path / "project", {"transcripts/01-c/week-1/01-welcome.en.srt": srt((0, 2, "Welcome."))})
    indexer = tmp_path / "slow-pagefind"  # stands in for Pagefind, and indexes for ever
    indexer.write_text(f"#!{sys.executable}\nimport time\ntime.sleep(600)\n")
    indexer.chmod(0o755)
    process = build(root, PAGEFIND_BINARY_PATH=str(indexer))
    try:
        assert wait_for(lambda: any(str(indexer) in command(pid) for pid in descendants(process.pid))), "no indexer"
    finally:
        started, survivors = kill_the_build(process)
    assert len(started) >= 1
    assert survivors == []

"""A process the build starts asks to die with it; one whose parent died before it could ask ends at once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the kernel's guarantee is Linux's")


def child(parent: int) -> subprocess.CompletedProcess:
    """A process that asks to die with ``parent`` (its real parent is this test), then says it goes on."""
    code = f"from coursesite.children import end_with; end_with({parent}); print('went on')"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)


def test_a_process_whose_parent_is_there_goes_on():
    done = child(os.getpid())
    assert (done.returncode, done.stdout) == (0, "went on\n"), done.stderr


def test_a_process_whose_parent_died_before_it_asked_ends_at_once():
    # Its parent is not the one it names, as when the build died between the fork and the request.
    done = child(1)
    assert (done.returncode, done.stdout) == (-signal.SIGKILL, "")

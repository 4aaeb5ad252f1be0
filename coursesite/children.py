"""The processes a build starts end when the build ends, however it ends.

A build killed with SIGKILL (by a CI timeout, the out-of-memory killer, a test) runs no cleanup. Its
conversion workers slept for hours: each waits for its next task on a pipe whose other end it also holds
(inherited with the fork, as are the ends of the workers started before it), so the build's death never
reads as end of file there. Pagefind and git would run on for nothing, too.

Linux has the kernel do it: ``prctl(PR_SET_PDEATHSIG, SIGKILL)``, asked in the child right after it is
made, kills the child when its parent dies (strictly, when the parent's thread that made it ends: budget.py
and the ``subprocess`` calls start and stop their children from one thread). A parent that died before the
request was made is seen by the parent pid that changed, and the child ends at once. The request survives
``exec``, so it holds for the programs run through ``subprocess`` too. Elsewhere both functions do nothing:
there, workers are spawned with no inherited pipe ends, and a worker's next read of its pipe ends it.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections.abc import Callable

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _prctl() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):  # no C library to ask (a static build of Python, say)
        return None


_PRCTL = _prctl()  # found once, in the parent: a child between fork and exec only calls it


def end_with(parent: int) -> None:
    """In a process ``parent`` has just made: be killed when ``parent`` dies (Linux; elsewhere nothing)."""
    if _PRCTL is None or _PRCTL(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        return
    if os.getppid() != parent:  # it died before the request: nobody would ever read this process's work
        os.kill(os.getpid(), signal.SIGKILL)


def ending_with_this_process() -> Callable[[], None] | None:
    """A ``preexec_fn`` for ``subprocess``: the program it runs is killed when this process dies (None where
    that cannot be asked, so that ``subprocess`` keeps its faster way of starting programs)."""
    if _PRCTL is None:
        return None
    parent = os.getpid()
    return lambda: end_with(parent)

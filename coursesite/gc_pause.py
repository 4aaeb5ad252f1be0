"""The cyclic garbage collector paused while one file becomes a page.

Reading a subtitle file allocates tens of thousands of tuples, rendering it thousands more, none in a
reference cycle: they are freed by reference counting the moment the page is done. The collector's passes
over them (triggered every 700 allocations, and each older generation every tenth pass) find nothing and
cost a tenth to a fifth of the time (``scripts/bench_subtitles.py``). Anything in a cycle made meanwhile is
collected by the first pass after the pause.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def no_garbage_collection() -> Iterator[None]:
    """Pause the collector for the block; nested pauses keep it paused until the outermost one ends."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()

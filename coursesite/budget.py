"""Run each conversion in a worker process, within a time and a memory budget.

Sources come from strangers' pull requests, and no parser is proven fast on every input: a README of
20,000 ``[`` took Python-Markdown 59 s, 199,000 of them more than 10 minutes. So whatever is slow or
greedy, one item may not hold up the build or take the machine's memory:

* **time**: an alarm (``setitimer``) in the worker raises ``OverBudget`` after ``seconds``. It derives
  from ``BaseException``, so the ``except Exception`` that keeps one bad notebook cell from costing the
  rest of a page does not swallow it; ``re`` checks for signals, so a regex that backtracks is stopped
  too. Code that never looks at signals (a long call into C) is stopped by the parent, which kills the
  worker ``GRACE_SECONDS`` later;
* **memory**: the worker's address space (``RLIMIT_AS``) may grow ``memory_mb`` past its size when it
  started; beyond that an allocation fails with MemoryError (or the worker dies, which is reported the
  same way).

A worker that overran, died or was killed is replaced; its item is reported as an ``Overrun`` in its
place in the results, and the others go on. Results come back in the order of the tasks. Workers die with
the build, however it dies (``children.py``).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import resource
import signal
import sys
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from . import children

SECONDS_VARIABLE = "COURSESITE_ITEM_SECONDS"
MEMORY_VARIABLE = "COURSESITE_ITEM_MEMORY_MB"
# The slowest item of the sample and of the 10x benchmark corpus converts in well under a second; a
# minute is ample on a busy CI machine and still ends a build that one bad file would keep running.
DEFAULT_SECONDS = 60.0
# Beyond what the worker had mapped at start (its share of the parent's memory, after fork). The largest
# legitimate item is a lab folder of files up to 10 MB each (load.MAX_PUBLISHED_BYTES), held as bytes, in
# its zip and pickled for the parent: a few hundred MB; a notebook with a 10 MB output peaks near 200 MB.
DEFAULT_MEMORY_MB = 2048
GRACE_SECONDS = 5.0  # after the alarm, for code deaf to signals, before the parent kills the worker
LOOKAHEAD = 4  # tasks started ahead of the oldest unfinished one, per worker: bounds the results held
# Forked on Linux whatever Python's default (Python 3.14 starts workers from a server process): a worker is
# then the build's own child, which the kernel kills when the build dies (children.end_with), and it starts
# in milliseconds with the modules already imported.
_PROCESSES = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)


class OverBudget(BaseException):
    """The alarm went off in a worker: the item took longer than its budget."""


@dataclass(frozen=True)
class Budget:
    seconds: float = DEFAULT_SECONDS
    memory_mb: int = DEFAULT_MEMORY_MB

    @classmethod
    def from_environment(cls) -> Budget:
        """The defaults, or ``COURSESITE_ITEM_SECONDS`` and ``COURSESITE_ITEM_MEMORY_MB`` when set."""
        seconds = _positive(os.environ.get(SECONDS_VARIABLE), DEFAULT_SECONDS)
        memory = _positive(os.environ.get(MEMORY_VARIABLE), DEFAULT_MEMORY_MB)
        return cls(seconds, int(memory))


@dataclass(frozen=True)
class Overrun:
    """Why a task has no result: ``"time"``, ``"memory"`` or ``"crash"`` (the worker died; ``detail`` says how)."""

    reason: str
    detail: str = ""


def run_within_budget(
    function: Callable[[Any], Any], tasks: Iterable[Any], workers: int, budget: Budget
) -> Iterator[Any]:
    """``function(task)`` for each task, in worker processes, in order: each result or an ``Overrun``."""
    pool = _Pool(function, list(tasks), max(1, workers), budget)
    try:
        yield from pool.results()
    finally:
        pool.close()


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    connection: Connection
    task: int | None = None  # index of the task it is converting
    deadline: float = 0.0  # when the parent kills it


class _Pool:
    def __init__(self, function: Callable, tasks: list, workers: int, budget: Budget) -> None:
        self.function = function
        self.tasks = tasks
        self.size = min(workers, len(tasks))
        self.budget = budget
        self.workers: list[_Worker] = []
        self.outcomes: dict[int, Any] = {}
        self.next_task = 0  # the next task to start
        self.next_result = 0  # the next result to hand out

    def results(self) -> Iterator[Any]:
        self.workers = [self._start() for _ in range(self.size)]
        while self.next_result < len(self.tasks):
            self._dispatch()
            if self.next_result in self.outcomes:
                outcome = self.outcomes.pop(self.next_result)
                self.next_result += 1
                yield outcome
                continue
            self._collect()

    def _start(self) -> _Worker:
        parent, child = _PROCESSES.Pipe()
        process = _PROCESSES.Process(
            target=_serve, args=(child, self.function, self.budget, os.getpid()), name="coursesite-item", daemon=True
        )
        process.start()
        child.close()  # the worker's end lives in the worker only, so its death reads as end of file here
        return _Worker(process, parent)

    def _dispatch(self) -> None:
        window = self.next_result + LOOKAHEAD * self.size
        for worker in self.workers:
            if worker.task is None and self.next_task < min(len(self.tasks), window):
                worker.task = self.next_task
                worker.deadline = time.monotonic() + self.budget.seconds + GRACE_SECONDS
                worker.connection.send(self.tasks[self.next_task])
                self.next_task += 1

    def _collect(self) -> None:
        """Wait for a result or a deadline; replace workers that overran, died or were killed."""
        busy = [worker for worker in self.workers if worker.task is not None]
        timeout = max(0.0, min(worker.deadline for worker in busy) - time.monotonic())
        ready = wait([worker.connection for worker in busy], timeout)
        for worker in busy:
            if worker.connection in ready:
                try:
                    status, value = pickle.loads(worker.connection.recv_bytes())
                except (EOFError, OSError):
                    worker.process.join()
                    status, value = "crash", _how_it_ended(worker.process.exitcode)
                if status == "error":  # a bug in coursesite on this item: reported with it, the build goes on
                    error, text = value
                    status, value = "bug", f"{type(error).__name__}: {error}\n{text}"
                self.outcomes[worker.task] = value if status == "done" else Overrun(status, value)  # type: ignore[index]
                if status == "done":
                    worker.task = None
                    continue
            elif time.monotonic() >= worker.deadline:
                self.outcomes[worker.task] = Overrun("time", "killed")  # type: ignore[index]
            else:
                continue
            self._replace(worker)  # its state after an alarm or a failed allocation is not to be trusted

    def _replace(self, worker: _Worker) -> None:
        _stop(worker)
        self.workers[self.workers.index(worker)] = self._start()

    def close(self) -> None:
        for worker in self.workers:
            _stop(worker)
        self.workers = []


def _stop(worker: _Worker) -> None:
    if worker.task is None and worker.process.is_alive():
        with contextlib.suppress(OSError):
            worker.connection.send(None)  # done: the worker returns
        worker.process.join(1)
    if worker.process.is_alive():
        worker.process.kill()
    worker.process.join()
    worker.connection.close()


def _how_it_ended(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        return f"killed by signal {signal.Signals(-exitcode).name}"
    return f"exit status {exitcode}"


# -- in the worker ---------------------------------------------------------------------------------
def _serve(connection: Connection, function: Callable, budget: Budget, parent: int) -> None:
    """The worker: convert the tasks the parent sends, one at a time, each under the alarm."""
    children.end_with(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the parent, which stops its workers
    _limit_memory(budget.memory_mb)
    signal.signal(signal.SIGALRM, _over_budget)
    while True:
        try:
            task = connection.recv()
        except EOFError:  # the parent closed its end (or died, where workers are spawned)
            return
        except MemoryError:  # even the task did not fit
            connection.send_bytes(_OUT_OF_MEMORY)
            continue
        if task is None:
            return
        try:
            result = _attempt(function, task, budget.seconds)
        except MemoryError:  # raised while a result was being reported, outside the function
            result = _OUT_OF_MEMORY
        try:
            connection.send_bytes(result)
        except MemoryError:  # a result too large to send within the budget
            connection.send_bytes(_OUT_OF_MEMORY)


_OUT_OF_MEMORY = pickle.dumps(("memory", ""))  # made before the limit, so reporting it needs no memory


def _attempt(function: Callable, task: object, seconds: float) -> bytes:
    """The pickled ``(status, value)`` of one task."""
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            value = function(task)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        return pickle.dumps(("done", value), protocol=pickle.HIGHEST_PROTOCOL)
    except OverBudget:
        return pickle.dumps(("time", "alarm"))
    except MemoryError:
        return _OUT_OF_MEMORY
    except Exception as error:  # a bug, not bad content: raised again in the parent, with this traceback
        text = traceback.format_exc()
        try:
            return pickle.dumps(("error", (error, text)))
        except Exception:  # an exception that does not pickle
            return pickle.dumps(("error", (RuntimeError(str(error)), text)))


def _over_budget(signum: int, frame: object) -> None:
    raise OverBudget


def _limit_memory(megabytes: int) -> None:
    """Cap the address space at its present size plus ``megabytes`` (where the system lets us)."""
    try:
        with open("/proc/self/statm") as stream:
            size = int(stream.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return  # not Linux: the time budget still holds
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = size + megabytes * 2**20
    for current in (soft, hard):
        if current != resource.RLIM_INFINITY:
            limit = min(limit, current)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _positive(text: str | None, default: float) -> float:
    try:
        value = float(text) if text else default
    except ValueError:
        return default
    return value if value > 0 else default

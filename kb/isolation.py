"""Running each file's work in a worker process, so that no file can hang, exhaust or crash the whole run.

A regular expression that crawls, a parser stuck in C code, a memory bomb or
a segmentation fault stops one worker: the file it was on gets one line
saying why, a fresh worker takes its place, and the rest go on. Workers live
for the whole run (a new process per file would cost more than most files)
and are forked from a parent that has already loaded what they need, so a
replacement starts warm. Results come back in the order the jobs were given,
so what is stored never depends on which worker was faster.
"""

from __future__ import annotations

import contextlib
import faulthandler
import gc
import math
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from kb.files import MAX_FILE_SECONDS

DEFAULT_SECONDS = MAX_FILE_SECONDS
DEFAULT_MEMORY_MB = 2048


@dataclass(frozen=True)
class Limits:
    """What one file may cost: wall-clock seconds, and memory (MB) above what a worker holds when it starts."""

    seconds: float = DEFAULT_SECONDS
    memory_mb: int | None = DEFAULT_MEMORY_MB


@dataclass(frozen=True)
class Stopped:
    """A job that did not finish: why, as words to follow the file's name."""

    reason: str


def run_isolated(func: Callable[[Any], Any], jobs: Sequence[Any], *, workers: int = 1,
                 limits: Limits = Limits(), ahead: int = 1) -> Iterator[Any]:
    """`func(job)` for every job, in order, each in a worker process; a `Stopped` where a job failed to finish.

    `func` must return something picklable and should turn the errors it
    expects into values; anything else it raises becomes a `Stopped` naming
    the exception. `ahead`: jobs each worker is given at a time, so that it
    works on while the caller is busy with earlier results (a job's time
    limit runs from when the worker answered the one before it, or from when
    it was given, so it is never shorter than the limit).
    """
    if not jobs:
        return
    pool = _Pool(func, max(1, min(workers, len(jobs))), limits, max(1, ahead))
    try:
        yield from pool.results(jobs)
    finally:
        pool.close()


class _Worker:
    def __init__(self, context: Any, func: Callable[[Any], Any], limits: Limits) -> None:
        self.queue: deque[int] = deque()  # the jobs given, oldest first: it works on the first
        ours, theirs = context.Pipe()
        # The child must never finalise objects it inherited (a database connection would be closed
        # under the parent's feet): frozen objects are left alone by its garbage collector.
        gc.freeze()
        try:
            self.process = context.Process(target=_serve, args=(theirs, func, limits.memory_mb), daemon=True)
            self.process.start()
        finally:
            gc.unfreeze()
        theirs.close()
        self.conn: Connection = ours
        self.deadline = math.inf  # for the first job of its queue
        self.deadline = 0.0

    def submit(self, index: int, job: Any, seconds: float) -> None:
        if not self.queue:
            self.deadline = time.monotonic() + seconds
        self.queue.append(index)
        # the worker may have died since it was last heard from (a crash, the memory limit): the next wait finds it
        # ended, stops its first job and hands this one and the rest to a fresh worker
        with contextlib.suppress(OSError):
            self.conn.send(job)

    def stop(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()


class _Pool:
    def __init__(self, func: Callable[[Any], Any], size: int, limits: Limits, ahead: int = 1) -> None:
        methods = multiprocessing.get_all_start_methods()
        self.context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self.func, self.limits, self.ahead = func, limits, ahead
        self.workers = [self._start() for _ in range(size)]
        self.jobs: Sequence[Any] = ()

    def _start(self) -> _Worker:
        return _Worker(self.context, self.func, self.limits)

    def results(self, jobs: Sequence[Any]) -> Iterator[Any]:
        self.jobs = jobs
        done: dict[int, Any] = {}
        submitted = returned = 0
        window = 2 * len(self.workers) * self.ahead  # results held at most, waiting for an earlier one
        while returned < len(jobs):
            given = True
            while given and submitted < len(jobs) and submitted < returned + window:
                given = False
                for worker in self.workers:  # one job each in turn, up to `ahead` each
                    if len(worker.queue) < self.ahead and submitted < len(jobs) and submitted < returned + window:
                        worker.submit(submitted, jobs[submitted], self.limits.seconds)
                        submitted += 1
                        given = True
            if returned in done:
                yield done.pop(returned)
                returned += 1
                continue
            self._collect(done)

    def _collect(self, done: dict[int, Any]) -> None:
        """Wait for the first worker to answer or to run out of time, and file what it gave."""
        busy = {w.conn: w for w in self.workers if w.queue}
        soonest = min(w.deadline for w in busy.values())
        for conn in wait(list(busy), max(0.0, soonest - time.monotonic())):
            worker = busy[conn]  # type: ignore[index]
            try:
                message = conn.recv()  # type: ignore[union-attr]
            except (EOFError, OSError):
                done[worker.queue.popleft()] = Stopped(_crash(worker))
                self._replace(worker)
                continue
            done[worker.queue.popleft()] = _unpack(message)
            worker.deadline = time.monotonic() + self.limits.seconds if worker.queue else math.inf
        now = time.monotonic()
        for worker in list(self.workers):
            if worker.queue and worker.deadline <= now:
                done[worker.queue.popleft()] = Stopped(f"took longer than {self.limits.seconds:g} s to read and "
                                                       "extract (--file-timeout); stopped")
                self._replace(worker)

    def _replace(self, worker: _Worker) -> None:
        """A fresh worker in its place, given the jobs it had not answered."""
        worker.stop()
        fresh = self._start()
        self.workers[self.workers.index(worker)] = fresh
        for index in worker.queue:
            fresh.submit(index, self.jobs[index], self.limits.seconds)

    def close(self) -> None:
        """Idle workers are asked to finish; busy ones (the run was interrupted) are stopped at once."""
        idle = [w for w in self.workers if not w.queue]
        for worker in self.workers:
            if worker.queue:
                worker.stop()
        for worker in idle:
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        for worker in idle:
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.stop()
            else:
                worker.conn.close()
        self.workers = []


def _crash(worker: _Worker) -> str:
    worker.process.join(timeout=5)
    code = worker.process.exitcode
    if code is not None and code < 0:
        name = signal.Signals(-code).name if -code in signal.Signals._value2member_map_ else str(-code)
        why = "ran out of memory or was killed" if name == "SIGKILL" else f"crashed ({name})"
        return f"the worker reading it {why}; stopped"
    return f"the worker reading it ended unexpectedly (exit status {code}); stopped"


def _unpack(message: tuple[str, Any]) -> Any:
    kind, value = message
    return Stopped(value) if kind == "stopped" else value


# ---------------------------------------------------------------- the worker side

def _serve(conn: Connection, func: Callable[[Any], Any], memory_mb: int | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it stops the workers
    faulthandler.disable()  # a crash is reported as one line by the parent, not as a dump of this process
    _limit_memory(memory_mb)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            answer: tuple[str, Any] = ("done", func(job))
        except MemoryError:
            limit = f"more than {memory_mb:,} MB of memory (the limit per file)" if memory_mb else "too much memory"
            answer = ("stopped", f"needed {limit}; stopped")
        except RecursionError:
            answer = ("stopped", "nested too deeply to be read; stopped")
        except Exception as exc:  # a bug in kb, but one file's: say what it was and go on
            answer = ("stopped", f"unexpected error {type(exc).__name__}: {_first_line(exc)}")
        try:
            conn.send(answer)
        except (OSError, ValueError):
            return


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return (text.splitlines() or [""])[0][:300]


def _limit_memory(memory_mb: int | None) -> None:
    """Cap the worker's address space at its size now plus `memory_mb`, where the platform allows it."""
    if memory_mb is None:
        return
    try:
        import resource

        with open(f"/proc/{os.getpid()}/statm") as statm:
            current = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        limit = current + memory_mb * 1024 * 1024
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, OSError, ValueError):
        pass  # no /proc or no RLIMIT_AS (macOS, Windows): the time limit still holds

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
import multiprocessing
import os
import signal
import time
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
                 limits: Limits = Limits()) -> Iterator[Any]:
    """`func(job)` for every job, in order, each in a worker process; a `Stopped` where a job failed to finish.

    `func` must return something picklable and should turn the errors it
    expects into values; anything else it raises becomes a `Stopped` naming
    the exception.
    """
    if not jobs:
        return
    pool = _Pool(func, max(1, min(workers, len(jobs))), limits)
    try:
        yield from pool.results(jobs)
    finally:
        pool.close()


class _Worker:
    def __init__(self, context: Any, func: Callable[[Any], Any], limits: Limits) -> None:
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
        self.index = -1
        self.deadline = 0.0

    def submit(self, index: int, job: Any, seconds: float) -> None:
        self.index, self.deadline = index, time.monotonic() + seconds
        self.conn.send(job)

    def stop(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()


class _Pool:
    def __init__(self, func: Callable[[Any], Any], size: int, limits: Limits) -> None:
        methods = multiprocessing.get_all_start_methods()
        self.context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self.func, self.limits = func, limits
        self.idle = [self._start() for _ in range(size)]
        self.busy: dict[Connection, _Worker] = {}

    def _start(self) -> _Worker:
        return _Worker(self.context, self.func, self.limits)

    def results(self, jobs: Sequence[Any]) -> Iterator[Any]:
        done: dict[int, Any] = {}
        submitted = returned = 0
        window = 2 * (len(self.idle) + len(self.busy))  # results held at most, waiting for an earlier one
        while returned < len(jobs):
            while self.idle and submitted < len(jobs) and submitted < returned + window:
                worker = self.idle.pop()
                worker.submit(submitted, jobs[submitted], self.limits.seconds)
                self.busy[worker.conn] = worker
                submitted += 1
            if returned in done:
                yield done.pop(returned)
                returned += 1
                continue
            self._collect(done)

    def _collect(self, done: dict[int, Any]) -> None:
        """Wait for the first worker to answer or to run out of time, and file what it gave."""
        soonest = min(w.deadline for w in self.busy.values())
        for conn in wait(list(self.busy), max(0.0, soonest - time.monotonic())):
            worker = self.busy.pop(conn)  # type: ignore[arg-type]
            try:
                done[worker.index] = _unpack(conn.recv())
                self.idle.append(worker)
            except (EOFError, OSError):
                done[worker.index] = Stopped(_crash(worker))
                self._replace(worker)
        now = time.monotonic()
        for conn, worker in list(self.busy.items()):
            if worker.deadline <= now:
                del self.busy[conn]
                done[worker.index] = Stopped(f"took longer than {self.limits.seconds:g} s to read and extract "
                                             "(--file-timeout); stopped")
                self._replace(worker)

    def _replace(self, worker: _Worker) -> None:
        worker.stop()
        self.idle.append(self._start())

    def close(self) -> None:
        """Idle workers are asked to finish; busy ones (the run was interrupted) are stopped at once."""
        for worker in self.busy.values():
            worker.stop()
        for worker in self.idle:
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        for worker in self.idle:
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.stop()
            else:
                worker.conn.close()
        self.idle, self.busy = [], {}


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

"""kb.isolation: each job in a worker process; a job that hangs, eats memory, crashes or raises costs a
`Stopped` for that job only, and the results come back in the order of the jobs."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from kb.isolation import Limits, Stopped, _Pool, run_isolated

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")


def work(job: str) -> str:
    if job == "hang":
        time.sleep(600)
    if job == "eat":
        hog = [bytearray(64 * 1024 * 1024) for _ in range(64)]  # 4 GB
        return str(len(hog))
    if job == "crash":
        os.kill(os.getpid(), signal.SIGSEGV)
    if job == "raise":
        raise ValueError("a bug\nwith two lines")
    if job == "recurse":
        def deeper(n: int) -> int:
            return deeper(n + 1)
        deeper(0)
    if job == "slow":
        time.sleep(0.3)
    if job.startswith("touch:"):
        Path(job.removeprefix("touch:")).touch()
    return job.upper()


def test_each_failure_costs_its_own_job_only() -> None:
    jobs = ["a", "hang", "b", "crash", "c", "raise", "d", "recurse", "e"]
    results = list(run_isolated(work, jobs, workers=2, limits=Limits(seconds=3)))
    assert results[::2] == ["A", "B", "C", "D", "E"]
    reasons = {job: r.reason for job, r in zip(jobs, results, strict=True) if isinstance(r, Stopped)}
    assert reasons == {
        "hang": "took longer than 3 s to read and extract (--file-timeout); stopped",
        "crash": "the worker reading it crashed (SIGSEGV); stopped",
        "raise": "unexpected error ValueError: a bug",
        "recurse": "nested too deeply to be read; stopped",
    }


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="the memory limit needs /proc (Linux)")
def test_a_job_that_eats_memory_is_stopped_at_the_limit() -> None:
    results = list(run_isolated(work, ["a", "eat", "b"], limits=Limits(memory_mb=512)))
    assert results == ["A", Stopped("needed more than 512 MB of memory (the limit per file); stopped"), "B"]


def test_results_keep_the_order_of_the_jobs() -> None:
    jobs = ["slow", "x", "slow", "y", "z"] * 3
    assert list(run_isolated(work, jobs, workers=3)) == [j.upper() for j in jobs]


def test_no_jobs_start_no_worker() -> None:
    assert list(run_isolated(work, [])) == []


@pytest.mark.parametrize("workers", [1, 2])
def test_workers_given_jobs_ahead_still_stop_each_failure_alone(workers: int) -> None:
    """Each worker holds several jobs at a time (`ahead`): a job that hangs or crashes is stopped alone, the jobs
    queued behind it go to the fresh worker, and the results keep the order of the jobs."""
    jobs = ["a", "hang", "b", "c", "crash", "d", "slow", "e", "f", "g"]
    results = list(run_isolated(work, jobs, workers=workers, limits=Limits(seconds=3), ahead=4))
    assert [r for j, r in zip(jobs, results, strict=True) if j not in ("hang", "crash")] == [
        j.upper() for j in jobs if j not in ("hang", "crash")]
    assert results[1] == Stopped("took longer than 3 s to read and extract (--file-timeout); stopped")
    assert results[4] == Stopped("the worker reading it crashed (SIGSEGV); stopped")


def test_workers_work_ahead_while_the_caller_is_busy(tmp_path: Path) -> None:
    """With jobs given ahead, the jobs after the one the caller has are done before it asks for them (each job
    leaves a file: they all appear while the caller holds the first result)."""
    jobs = [f"touch:{tmp_path / str(n)}" for n in range(4)]
    results = run_isolated(work, jobs, ahead=4)
    assert next(results) == jobs[0].upper()
    deadline = time.monotonic() + 60  # a generous wait for a loaded machine, not a measure of speed
    while not all((tmp_path / str(n)).exists() for n in range(4)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert all((tmp_path / str(n)).exists() for n in range(4))
    assert list(results) == [j.upper() for j in jobs[1:]]


def test_a_job_given_to_a_worker_that_died_unheard_goes_to_a_fresh_one() -> None:
    """A worker may die between two looks (a crash while jobs are given ahead): handing it a job does not fail the
    run; the dead worker's first job is stopped and the next goes to a fresh worker."""
    pool = _Pool(work, 1, Limits(seconds=30), ahead=4)
    try:
        pool.workers[0].process.kill()
        pool.workers[0].process.join()
        results = list(pool.results(["a", "b"]))
    finally:
        pool.close()
    assert isinstance(results[0], Stopped) and results[1] == "B"

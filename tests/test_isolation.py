"""kb.isolation: each job in a worker process; a job that hangs, eats memory, crashes or raises costs a
`Stopped` for that job only, and the results come back in the order of the jobs."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from kb.isolation import Limits, Stopped, run_isolated

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

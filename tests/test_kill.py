"""kill -9 during `kb load` — while it creates a new SQLite database, and at random moments on an
existing one on each engine — and the next load reaches the state of an uninterrupted one.
More trials: benchmarks/bench_kill.py."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import kb
from kill_trials import ROOT, _env, _stop_leftovers, delays, revision, run_trial, state

from kb.db import head_revision

RESOLUTION = Path(__file__).parent / "resolution_corpus"
COUNT = 12  # articles: a load of a few seconds, long enough to be killed in the middle


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("kill") / "articles"
    out.mkdir()
    for article in sorted(RESOLUTION.glob("*.txt"))[:COUNT]:
        shutil.copy(article, out / article.name)
        shutil.copy(article.with_suffix(".facts.yaml"), out / f"{article.stem}.facts.yaml")
    return out


@pytest.fixture(scope="module")
def reference(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple]]:
    url = f"sqlite:///{tmp_path_factory.mktemp('reference') / 'kb.db'}"
    kb("load", folder, "--db", url)
    return state(url)


def test_a_load_killed_while_it_creates_a_new_sqlite_database_is_repaired_by_the_next(
        folder: Path, reference: dict[str, list[tuple]], tmp_path: Path) -> None:
    rng = random.Random(7)
    for trial in range(2):
        path = tmp_path / f"new-{trial}.db"
        proc = subprocess.Popen([sys.executable, "-c", "from kb.cli import main; main()", "load", str(folder),
                                 "--db", f"sqlite:///{path}"], cwd=ROOT, env=_env(), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + 120
        while not path.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)  # the file appears when the first migration starts
        time.sleep(rng.uniform(0, 0.4))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        _stop_leftovers(proc.pid)
        result = kb("load", folder, "--db", f"sqlite:///{path}")
        assert f"{COUNT} articles: " in result.stdout and "0 failed" in result.stdout
        assert revision(f"sqlite:///{path}") == head_revision()
        assert state(f"sqlite:///{path}") == reference


def test_a_load_killed_at_a_random_moment_on_an_existing_database_reaches_the_clean_state(
        folder: Path, url: str, second_url: str, tmp_path: Path) -> None:
    kb("load", folder, "--db", second_url)  # the reference, on the same engine (collations differ)
    reference = state(second_url)
    first = tmp_path / "first"
    first.mkdir()
    for article in sorted(folder.glob("*.txt"))[:3]:  # the database already holds some of the articles
        shutil.copy(article, first / article.name)
        shutil.copy(article.with_suffix(".facts.yaml"), first / f"{article.stem}.facts.yaml")
    kb("load", first, "--db", url)
    (delay,) = delays(random.Random(url), 1, 5.0)
    trial = run_trial(folder, url, reference, delay, COUNT)
    assert trial.survived, trial.problem

"""kill -9 trials: `kb load` killed at a random moment, then run again, must reach the state an
uninterrupted load reaches. Used by test_kill.py (a few trials) and benchmarks/bench_kill.py (many).

A trial: start `kb load FOLDER --db URL` in a subprocess, SIGKILL it after a random delay (while it
imports, migrates a new database, hashes, reads or stores), run the same load again to completion, and
compare the database with a reference loaded in one go: the same articles and the same derived rows (the
overview views, without ids, which PostgreSQL's sequences do not give back after a rollback), the
revision at head, and a third load that finds every article unchanged.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text

from kb.db import current_revision, head_revision, make_engine

ROOT = Path(__file__).resolve().parent.parent
VIEWS = {
    "article": "SELECT file_name, content_hash, facts FROM article",
    "agreement_overview": "SELECT name, kind, parties, party_agencies, signed, place, status, signatories, amends, "
                          "article_count FROM agreement_overview",
    "agency_overview": "SELECT name, country_code, kind, aliases, article_count FROM agency_overview",
    "position_overview": "SELECT official, title, agency, article_count FROM position_overview",
    "trade_flow_overview": "SELECT commodity, exporter, importer, quantity, unit, value, currency, period, "
                           "article_count FROM trade_flow_overview",
    "claims": "SELECT count(*) FROM claim",
    "evidence": "SELECT count(*) FROM evidence",
}


@dataclass(frozen=True)
class Trial:
    delay: float  # seconds after the start when the load was killed
    killed: bool  # False when the load had finished before the kill
    rerun: str  # the re-run's summary line
    survived: bool
    problem: str = ""


def kb(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", "from kb.cli import main; main()", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout, env=_env())


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def state(url: str) -> dict[str, list[tuple]]:
    """What a load leaves, without ids."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return {name: sorted((tuple(r) for r in conn.execute(text(sql))), key=repr) for name, sql in VIEWS.items()}
    finally:
        engine.dispose()


def revision(url: str) -> str | None:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return current_revision(conn)
    finally:
        engine.dispose()


def run_trial(folder: Path, url: str, reference: dict[str, list[tuple]], delay: float,
              count: int) -> Trial:
    """Kill a load of `folder` into `url` after `delay` seconds, load again, compare with `reference`."""
    proc = subprocess.Popen([sys.executable, "-c", "from kb.cli import main; main()", "load", str(folder),
                             "--db", url], cwd=ROOT, env=_env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    time.sleep(delay)
    killed = proc.poll() is None
    if killed:
        os.kill(proc.pid, signal.SIGKILL)  # the load itself, as `kill -9 PID` does
    proc.wait()
    _stop_leftovers(proc.pid)
    rerun = kb("load", str(folder), "--db", url)
    line = rerun.stdout.strip().splitlines()[-1] if rerun.stdout.strip() else ""
    if rerun.returncode != 0:
        return Trial(delay, killed, line, False, f"re-run failed: {rerun.stderr.strip()[:300]}")
    if revision(url) != head_revision():
        return Trial(delay, killed, line, False, f"revision {revision(url)} after the re-run")
    found = state(url)
    if found != reference:
        differs = [name for name in VIEWS if found[name] != reference[name]]
        return Trial(delay, killed, line, False, f"differs from an uninterrupted load in {', '.join(differs)}")
    third = kb("load", str(folder), "--db", url)
    if f"{count} unchanged" not in third.stdout:
        return Trial(delay, killed, line, False, f"third load: {third.stdout.strip()}")
    return Trial(delay, killed, line, True)


def _stop_leftovers(pgid: int) -> None:
    """Workers of the killed load finish their file and exit on their own; stop them now to keep trials apart."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, signal.SIGKILL)


def delays(rng: random.Random, n: int, longest: float) -> list[float]:
    """`n` kill moments spread over a load's duration: one in each of n equal slices, at random within it."""
    return [longest * (i + rng.random()) / n for i in range(n)]

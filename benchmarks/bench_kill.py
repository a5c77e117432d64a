"""kill -9 trials: how many killed `kb load` runs does the next load bring back to the clean state?

Three kinds of trial (tests/kill_trials.py has the procedure and the check):

- new SQLite database, killed while kb creates its schema (right after the database file appears);
- new SQLite database, killed at a random moment of the whole first load;
- existing database (SQLite, and PostgreSQL with --postgres), killed at a random moment of a load.

A trial survives when the re-run succeeds, the revision is head, the articles and every overview view
equal those of an uninterrupted load, and a third load finds every article unchanged.

    uv run python benchmarks/bench_kill.py --trials 20
    uv run python benchmarks/bench_kill.py --trials 10 --postgres postgresql://postgres@127.0.0.1:5432/test
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from _common import ROOT, header, table

sys.path.insert(0, str(ROOT / "tests"))
from kill_trials import Trial, _env, _stop_leftovers, delays, kb, run_trial, state

RESOLUTION = ROOT / "tests" / "resolution_corpus"


def _corpus(folder: Path, count: int) -> Path:
    folder.mkdir()
    for article in sorted(RESOLUTION.glob("*.txt"))[:count]:
        shutil.copy(article, folder / article.name)
        shutil.copy(article.with_suffix(".facts.yaml"), folder / f"{article.stem}.facts.yaml")
    return folder


def _schema_trial(folder: Path, db: Path, reference: dict, rng: random.Random, count: int) -> Trial:
    proc = subprocess.Popen([sys.executable, "-c", "from kb.cli import main; main()", "load", str(folder),
                             "--db", f"sqlite:///{db}"], cwd=ROOT, env=_env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    while not db.exists() and proc.poll() is None:
        time.sleep(0.002)
    delay = rng.uniform(0, 0.5)
    time.sleep(delay)
    killed = proc.poll() is None
    if killed:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    _stop_leftovers(proc.pid)
    rerun = kb("load", str(folder), "--db", f"sqlite:///{db}")
    ok = rerun.returncode == 0 and state(f"sqlite:///{db}") == reference
    return Trial(delay, killed, rerun.stdout.strip()[-80:], ok, "" if ok else rerun.stderr.strip()[:200])


def _pg_schema(base: str) -> tuple[str, str]:
    from urllib.parse import quote

    from sqlalchemy import create_engine, text

    name = f"kbkill_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{name}"'))
    admin.dispose()
    separator = "&" if "?" in base else "?"
    return name, f"{base}{separator}options={quote(f'-csearch_path={name}')}"


def _drop_pg_schema(base: str, name: str) -> None:
    from sqlalchemy import create_engine, text

    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
    admin.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=10, help="trials of each kind (default 10)")
    parser.add_argument("--count", type=int, default=20, help="articles loaded (default 20)")
    parser.add_argument("--postgres", help="a PostgreSQL URL: add trials on an existing database there")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    from kb.settings import database_url

    rows = []
    with tempfile.TemporaryDirectory(prefix="kb-kill-") as tmp:
        root = Path(tmp)
        folder = _corpus(root / "articles", args.count)
        first = _corpus(root / "first", 5)
        reference_url = f"sqlite:///{root / 'reference.db'}"
        start = time.monotonic()
        kb("load", str(folder), "--db", reference_url)
        longest = (time.monotonic() - start) * 1.1
        reference = state(reference_url)

        results = [_schema_trial(folder, root / f"schema-{i}.db", reference, rng, args.count)
                   for i in range(args.trials)]
        rows.append(["new SQLite, during schema creation", *_tally(results)])
        results = [run_trial(folder, f"sqlite:///{root / f'new-{i}.db'}", reference, d, args.count)
                   for i, d in enumerate(delays(rng, args.trials, longest))]
        rows.append(["new SQLite, random moment", *_tally(results)])
        results = []
        for i, d in enumerate(delays(rng, args.trials, longest)):
            url = f"sqlite:///{root / f'existing-{i}.db'}"
            kb("load", str(first), "--db", url)
            results.append(run_trial(folder, url, reference, d, args.count))
        rows.append(["existing SQLite, random moment", *_tally(results)])
        if args.postgres:
            base = database_url(args.postgres)
            name, url = _pg_schema(base)
            kb("load", str(folder), "--db", url)
            pg_reference = state(url)
            _drop_pg_schema(base, name)
            results = []
            for d in delays(rng, args.trials, longest):
                name, url = _pg_schema(base)
                try:
                    kb("load", str(first), "--db", url)
                    results.append(run_trial(folder, url, pg_reference, d, args.count))
                finally:
                    _drop_pg_schema(base, name)
            rows.append(["existing PostgreSQL, random moment", *_tally(results)])
    print(header(f"kill -9 trials ({args.count} articles)"))
    print()
    print(table(["trial", "trials", "killed mid-run", "survived", "failures"], rows))
    return 0


def _tally(results: list[Trial]) -> list[object]:
    failures = "; ".join(f"{t.delay:.2f}s: {t.problem}" for t in results if not t.survived) or "—"
    return [len(results), sum(t.killed for t in results), sum(t.survived for t in results), failures]


if __name__ == "__main__":
    raise SystemExit(main())

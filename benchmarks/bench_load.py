"""Time `kb load` into a fresh database: first load and an unchanged re-load, per engine and --jobs.

For each engine (SQLite always; PostgreSQL when `--postgres URL` or
KB_BENCH_POSTGRES_URL is given) and each `--jobs` value:

- library: `kb.load.load_paths` into a fresh database whose schema is made
  (by the migrations) before the clock starts, with the extractor already
  imported and warmed up; then the same call again, every file unchanged;
- CLI: `uv run kb load DIR --db URL --jobs N` into another fresh database,
  timed end to end (uv, imports, migrations, extraction, writes), twice.

PostgreSQL: a scratch database `kb_bench_<pid>_<n>` is created through the
given URL (which needs CREATEDB) for each run and dropped afterwards.

    uv run python benchmarks/bench_load.py
    uv run python benchmarks/bench_load.py /tmp/kb-corpus --postgres postgresql://postgres@127.0.0.1/test
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from itertools import count
from pathlib import Path

from _common import ROOT, article_paths, corpus, header, table

_SUMMARY = re.compile(r"(\d+) articles?: (\d+) new, (\d+) updated, (\d+) unchanged, (\d+) failed; (\d+) facts stored")
_scratch = count(1)


@dataclass
class Run:
    engine: str
    jobs: int
    how: str  # "library" or "CLI"
    load: str  # "first" or "unchanged"
    seconds: float
    articles: int
    new: int
    unchanged: int
    failed: int
    facts: int
    store_seconds: float | None = None  # library runs: time spent in kb.store.store_article


# ---------------------------------------------------------------- fresh databases

@contextmanager
def fresh_sqlite() -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="kb-bench-db-") as tmp:
        yield f"sqlite:///{tmp}/kb.db"


@contextmanager
def fresh_postgres(server_url: str) -> Iterator[str]:
    """A new empty database on the server of `server_url`, dropped on exit."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from kb.settings import database_url

    url = make_url(database_url(server_url))
    name = f"kb_bench_{os.getpid()}_{next(_scratch)}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))  # an identifier: cannot be a bound parameter
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def fresh(engine: str, postgres: str | None) -> AbstractContextManager[str]:
    return fresh_postgres(postgres) if engine == "PostgreSQL" and postgres else fresh_sqlite()


# ---------------------------------------------------------------- the two ways to load

def warm_extractor(paths: list[Path]) -> None:
    from kb.extract import extract
    from kb.readers import read_article

    for path in paths[:5]:
        extract(read_article(path))


@contextmanager
def timed_store() -> Iterator[list[float]]:
    """Wrap kb.load's store_article (called in this process for every --jobs) to add up its time."""
    import kb.load

    spent = [0.0]
    original = kb.load.store_article

    def store_article(*args, **kwargs):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - start

    kb.load.store_article = store_article
    try:
        yield spent
    finally:
        kb.load.store_article = original


def library_runs(engine_name: str, url: str, folder: Path, jobs: int) -> list[Run]:
    from kb.db import open_database
    from kb.load import load_paths

    engine = open_database(url)  # creates the schema: not timed
    runs = []
    try:
        for which in ("first", "unchanged"):
            with timed_store() as spent:
                start = time.perf_counter()
                report = load_paths(engine, [folder], jobs=jobs)
                seconds = time.perf_counter() - start
            total = report.new + report.updated + report.unchanged + report.failed
            runs.append(Run(engine_name, jobs, "library", which, seconds, total, report.new, report.unchanged,
                            report.failed, report.facts, spent[0]))
            for message in report.errors[:3]:
                print(f"  load error: {message}", file=sys.stderr)
    finally:
        engine.dispose()
    return runs


def cli_runs(engine_name: str, url: str, folder: Path, jobs: int) -> list[Run]:
    runs = []
    for which in ("first", "unchanged"):
        command = ["uv", "run", "kb", "load", str(folder), "--db", url, "--jobs", str(jobs)]
        start = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        m = _SUMMARY.search(done.stdout)
        if m is None:
            print(f"  `{' '.join(command)}` exited {done.returncode}: {done.stderr.strip()[-500:]}", file=sys.stderr)
            continue
        total, new, _updated, unchanged, failed, facts = map(int, m.groups())
        runs.append(Run(engine_name, jobs, "CLI", which, seconds, total, new, unchanged, failed, facts))
    return runs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, help="folder of articles (default: generate one)")
    parser.add_argument("--count", type=int, default=500, help="articles to generate when no folder is given")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated corpus")
    parser.add_argument("--with-facts", type=float, default=0.0, metavar="SHARE",
                        help="generated corpus: share of articles with a curated facts file (default 0)")
    parser.add_argument("--jobs", default="1,2", help="comma-separated --jobs values (default 1,2)")
    parser.add_argument("--postgres", default=os.environ.get("KB_BENCH_POSTGRES_URL"), metavar="URL",
                        help="PostgreSQL server URL (a database there to connect to; default $KB_BENCH_POSTGRES_URL)")
    parser.add_argument("--no-cli", action="store_true", help="skip the `uv run kb load` runs")
    args = parser.parse_args(argv)
    jobs_values = [int(j) for j in args.jobs.split(",") if j.strip()]
    engines = ["SQLite"] + (["PostgreSQL"] if args.postgres else [])

    runs: list[Run] = []
    with corpus(args.corpus, args.count, args.seed, with_facts=args.with_facts) as folder:
        paths = article_paths(folder)
        curated = sum(1 for _ in folder.rglob("*.facts.yaml"))
        warm_extractor(paths)
        for engine_name in engines:
            for jobs in jobs_values:
                print(f"{engine_name}, --jobs {jobs}: library …", file=sys.stderr)
                with fresh(engine_name, args.postgres) as url:
                    runs += library_runs(engine_name, url, folder, jobs)
                if not args.no_cli:
                    print(f"{engine_name}, --jobs {jobs}: CLI …", file=sys.stderr)
                    with fresh(engine_name, args.postgres) as url:
                        runs += cli_runs(engine_name, url, folder, jobs)

    print(header("bench_load"))
    print(f"corpus: {folder if args.corpus else 'generated'} — {len(paths)} articles, {curated} with a curated "
          f"facts file")
    print()
    rows = [[r.engine, r.jobs, r.how, r.load, r.seconds, r.articles / r.seconds,
             r.facts / r.seconds if r.facts else "—",
             "—" if r.store_seconds is None or not r.new else r.store_seconds,
             f"{r.new} new, {r.unchanged} unchanged, {r.failed} failed", r.facts] for r in runs]
    print(table(["engine", "jobs", "how", "load", "seconds", "articles/s", "facts stored/s", "of which store s",
                 "articles", "facts"], rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

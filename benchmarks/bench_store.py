"""The store against the raw engine: kb's store phase in rows/s, against the driver inserting the same rows.

For each engine (SQLite; PostgreSQL with `--postgres URL`) and each tree
(this one, and `--before TREE`, another checkout with its own `uv sync`ed
.venv), alternating between the trees for `--rounds` rounds:

1. **store**: `kb.load.load_paths` of a corpus whose articles all have a
   curated facts file (`generate_corpus.py --with-facts 1`) into a fresh
   database; the store phase is the time spent storing and committing
   (`kb.load.StoreBatch.store` and `.commit`, or `kb.load._stored` in trees
   that commit each article: lock, resolution, writes, commit), extraction
   and reading excluded; the time reading a chunk's lookups ahead
   (`StoreBatch.read_ahead`, before its articles are stored) is shown
   beside it ("ahead s"), not counted in it;
2. **raw**: every row the load left in kb's tables (reference tables
   excepted), inserted into another fresh database of the same schema (with
   its indexes and foreign keys) by the driver alone, in one transaction:
   `executemany` (sqlite3, psycopg) and, on PostgreSQL, `COPY`.

The ratio is the store's rows/s over the raw engine's (1.0 = as fast as the
driver inserting finished rows; the issue's goal is ≥ 0.5). Medians over the
rounds. With `--warm-up N` the measuring process first loads N of the
corpus's articles into a throwaway database, so that what a process pays once
(importing the store's modules, reading its data files, compiling its
statements) is not counted in the timed load; without it, it is.

    uv run python benchmarks/bench_store.py --articles 500
    uv run python benchmarks/bench_store.py --postgres postgresql://postgres@127.0.0.1/kb_h_store \\
        --before /tmp/kb-before --rounds 3
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from _common import ROOT, header, table

SKIPPED_TABLES = {"country", "alembic_version"}


# ---------------------------------------------------------------- one measurement, in the tree's own Python

def fresh_database(engine_name: str, postgres: str | None, work: Path) -> tuple[str, object]:
    """A new database URL, and what to drop afterwards (a PostgreSQL schema)."""
    if engine_name == "sqlite":
        return f"sqlite:///{work / f'{uuid.uuid4().hex[:8]}.db'}", None
    from urllib.parse import quote

    from sqlalchemy import create_engine, text

    from kb.settings import database_url

    base = database_url(postgres)
    schema = f"kbbench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))  # an identifier: cannot be a bound parameter
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}options={quote(f'-csearch_path={schema}')}", (admin, schema)


def drop(handle: object) -> None:
    if handle is None:
        return
    from sqlalchemy import text

    admin, schema = handle  # type: ignore[misc]
    with admin.connect() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def timed_store(folder: Path, url: str) -> tuple[float, float, int, float | None]:
    """Load the folder; (seconds in the store phase, seconds in all, articles stored, seconds reading ahead:
    `StoreBatch.read_ahead`, not part of the store phase; None in trees without it)."""
    import kb.load
    from kb.db import open_database

    engine = open_database(url)
    spent = [0.0]
    # Batched stores (kb.load.StoreBatch: its stores and commits), or one transaction per article (_stored).
    owner = getattr(kb.load, "StoreBatch", kb.load)
    names = ["store", "commit"] if owner is not kb.load else ["_stored"]
    originals = {name: getattr(owner, name) for name in names}

    depth = [0]  # a commit made inside a store is counted once

    def timed(original):  # type: ignore[no-untyped-def]
        def call(*args, **kwargs):  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            depth[0] += 1
            try:
                return original(*args, **kwargs)
            finally:
                depth[0] -= 1
                if not depth[0]:
                    spent[0] += time.perf_counter() - start
        return call

    ahead: list[float] = [0.0]
    if hasattr(owner, "read_ahead"):
        read_ahead = originals["read_ahead"] = owner.read_ahead

        def reading(*args, **kwargs):  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            try:
                return read_ahead(*args, **kwargs)
            finally:
                ahead[0] += time.perf_counter() - start

        owner.read_ahead = reading
    for name, original in originals.items():
        if name != "read_ahead":
            setattr(owner, name, timed(original))
    try:
        start = time.perf_counter()
        report = kb.load.load_paths(engine, [folder])
        total = time.perf_counter() - start
    finally:
        for name, original in originals.items():
            setattr(owner, name, original)
        engine.dispose()
    if report.failed:
        raise SystemExit(f"load failed: {report.errors[:3]}")
    return spent[0], total, report.new, ahead[0] if hasattr(owner, "read_ahead") else None


def table_rows(url: str) -> dict[str, tuple[list[str], list[tuple]]]:
    """Every row of kb's data tables, read through the driver (values as the driver gives them back)."""
    from sqlmodel import SQLModel

    from kb import models  # noqa: F401  (registers every table)
    from kb.db import make_engine

    engine = make_engine(url)
    out = {}
    try:
        with engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            for table in SQLModel.metadata.sorted_tables:
                if table.name in SKIPPED_TABLES:
                    continue
                columns = [c.name for c in table.c]
                cursor = raw.cursor()
                cursor.execute(f"SELECT {', '.join(columns)} FROM {table.name} ORDER BY id"
                               if "id" in columns else f"SELECT {', '.join(columns)} FROM {table.name}")
                out[table.name] = (columns, [tuple(r) for r in cursor.fetchall()])
                cursor.close()
    finally:
        engine.dispose()
    return out


def raw_insert(url: str, rows: dict[str, tuple[list[str], list[tuple]]], how: str) -> float:
    """Seconds for the driver to insert `rows` into the (migrated, empty) database at `url`, one transaction."""
    from kb.db import make_engine, open_database

    open_database(url).dispose()
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            sqlite = engine.dialect.name == "sqlite"
            mark = "?" if sqlite else "%s"
            cursor = raw.cursor()
            start = time.perf_counter()
            for name, (columns, values) in rows.items():
                if not values:
                    continue
                if how == "copy":
                    with cursor.copy(f"COPY {name} ({', '.join(columns)}) FROM STDIN") as copy:
                        for row in values:
                            copy.write_row(row)
                else:
                    cursor.executemany(f"INSERT INTO {name} ({', '.join(columns)}) "
                                       f"VALUES ({', '.join([mark] * len(columns))})", values)
            raw.commit()
            seconds = time.perf_counter() - start
            cursor.close()
    finally:
        engine.dispose()
    return seconds


def measure(engine_name: str, folder: Path, postgres: str | None, warm_up: int = 0) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="kb-bench-store-") as tmp:
        work = Path(tmp)
        if warm_up:
            _warm_up(engine_name, folder, postgres, work, warm_up)
        url, handle = fresh_database(engine_name, postgres, work)
        try:
            store, total, articles, ahead = timed_store(folder, url)
            rows = table_rows(url)
        finally:
            drop(handle)
        result = {"store": store, "load": total, "articles": articles, "ahead": ahead,
                  "rows": sum(len(v) for _, v in rows.values())}
        for how in ("executemany", "copy") if engine_name == "postgres" else ("executemany",):
            url, handle = fresh_database(engine_name, postgres, work)
            try:
                result[how] = raw_insert(url, rows, how)
            finally:
                drop(handle)
    return result


def _warm_up(engine_name: str, folder: Path, postgres: str | None, work: Path, count: int) -> None:
    """Load the first `count` articles (with their facts files) into a throwaway database of the engine."""
    sample = work / "warm-up"
    sample.mkdir()
    for article in sorted(p for p in folder.iterdir() if not p.name.endswith(".facts.yaml"))[:count]:
        for path in folder.glob(f"{article.stem}.*"):
            (sample / path.name).write_bytes(path.read_bytes())
    url, handle = fresh_database(engine_name, postgres, work)
    try:
        timed_store(sample, url)
    finally:
        drop(handle)


# ---------------------------------------------------------------- the runs, tree by tree

def run_in(tree: Path, engine_name: str, folder: Path, postgres: str | None, warm_up: int = 0) -> dict[str, float]:
    command = [str(tree / ".venv" / "bin" / "python"), str(Path(__file__).resolve()), "--measure", engine_name,
               "--corpus", str(folder), "--warm-up", str(warm_up)] + (["--postgres", postgres] if postgres else [])
    done = subprocess.run(command, cwd=tree, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{tree}: {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500, help="articles in the generated corpus")
    parser.add_argument("--corpus", type=Path, help="a folder of articles with facts files (default: generate)")
    parser.add_argument("--postgres", default=os.environ.get("KB_BENCH_POSTGRES_URL"), metavar="URL",
                        help="a PostgreSQL database to make scratch schemas in (default $KB_BENCH_POSTGRES_URL)")
    parser.add_argument("--before", type=Path, help="another kb tree to measure side by side")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--warm-up", type=int, default=0, metavar="N",
                        help="load N articles into a throwaway database first, untimed (default 0: a cold process)")
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # one measurement, in the tree's own Python
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.measure, args.corpus, args.postgres, args.warm_up)))
        return 0

    trees = [("this tree", ROOT)] + ([("before", args.before.resolve())] if args.before else [])
    engines = ["sqlite"] + (["postgres"] if args.postgres else [])
    with tempfile.TemporaryDirectory(prefix="kb-bench-corpus-") as tmp:
        folder = args.corpus
        if folder is None:
            from generate_corpus import write_corpus

            folder = Path(tmp)
            write_corpus(folder, args.articles, 1, with_facts=1.0)
        results: dict[tuple[str, str], list[dict[str, float]]] = {}
        for round_no in range(args.rounds):
            for engine_name in engines:
                for name, tree in trees if round_no % 2 == 0 else list(reversed(trees)):
                    print(f"round {round_no + 1}: {engine_name}, {name} …", file=sys.stderr)
                    results.setdefault((engine_name, name), []).append(run_in(tree, engine_name, folder,
                                                                              args.postgres, args.warm_up))
    print(header("bench_store"))
    print(f"corpus: {args.corpus or f'generated, {args.articles} articles with curated facts files'}; "
          f"medians of {args.rounds} rounds" + (f"; before = {args.before}" if args.before else "")
          + (f"; each process warmed up on {args.warm_up} articles first" if args.warm_up else ""))
    print()
    lines = []
    for (engine_name, name), runs in results.items():
        def med(key: str, runs: list[dict[str, float]] = runs) -> float:
            return statistics.median(r[key] for r in runs)

        rows = runs[0]["rows"]
        store_rate = rows / med("store")
        ahead = statistics.median(r["ahead"] for r in runs) if all(r.get("ahead") is not None for r in runs) \
            else "—"
        line = [engine_name, name, runs[0]["articles"], rows, med("store"), ahead, runs[0]["articles"] / med("store"),
                store_rate, rows / med("executemany"), f"{store_rate / (rows / med('executemany')):.3f}×"]
        line += ([rows / med("copy"), f"{store_rate / (rows / med('copy')):.3f}×"] if "copy" in runs[0]
                 else ["—", "—"])
        lines.append(line)
    print(table(["engine", "tree", "articles", "rows", "store s", "ahead s", "store articles/s", "store rows/s",
                 "executemany rows/s", "store ÷ executemany", "COPY rows/s", "store ÷ COPY"], lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

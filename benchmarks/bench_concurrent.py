"""Many loaders, one PostgreSQL: wall time of N `kb load` processes on overlapping folders, two ways of
making their resolution safe.

- **lock** (what kb does): each batch of articles is a transaction that first takes a transaction-level
  advisory lock (`kb.db.write_transaction`), each article in a savepoint: stores take turns, reading and
  extraction run side by side;
- **serializable**: each article in its own transaction at `SERIALIZABLE`, with no lock, run again when
  PostgreSQL reports a serialization failure or a deadlock (the loader is kb with
  `kb.load.StoreBatch.store` replaced, in this script only).

A generated corpus (`--articles`, each with its curated facts file, or `--extract` for the extractor's path)
is split into `--loaders` folders, each article in two of them. For each way, and for one process loading
the whole corpus, the database is a fresh schema in the `--postgres` database; the table shows the wall time,
the transactions run again, and whether every table has the rows of the one-process load.

    uv run python benchmarks/bench_concurrent.py --postgres postgresql://postgres@127.0.0.1/kb_h_store
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import quote

from _common import ROOT, header, table

# The serializable loader: kb's CLI with the store transaction replaced; it reports its retries on stderr.
SERIALIZABLE = """
import atexit, sys
import kb.load, kb.store
from sqlalchemy.exc import DBAPIError
from kb.driver import DriverError
retries = [0]
atexit.register(lambda: print(f"retries: {retries[0]}", file=sys.stderr))

def _stored(engine, source, facts, **kwargs):
    while True:
        try:
            with engine.connect() as conn:
                conn.execution_options(isolation_level="SERIALIZABLE")
                with conn.begin():
                    return kb.store.store_article(conn, source, facts, **kwargs)
        except (DBAPIError, DriverError) as exc:
            cause = getattr(exc, "orig", None) or exc.__cause__
            if getattr(cause, "sqlstate", None) in ("40001", "40P01"):
                retries[0] += 1
                continue
            return f"the database refused it: {cause}"

# Each article in its own serializable transaction, in place of kb's batches under the lock.
kb.load.StoreBatch.store = lambda self, source, facts, **kwargs: _stored(self.engine, source, facts, **kwargs)
from kb.cli import main
main()
"""
LOCK = "from kb.cli import main; main()"
ORDER_DEPENDENT = ("match_candidate",)


def schema_url(base: str) -> tuple[str, str]:
    schema = f"kbbench_{uuid.uuid4().hex[:10]}"
    subprocess.run([sys.executable, "-c", "import sys; from sqlalchemy import create_engine, text; "
                    "e = create_engine(sys.argv[1], isolation_level='AUTOCOMMIT'); "
                    "c = e.connect(); c.execute(text(sys.argv[2]))", base, f'CREATE SCHEMA "{schema}"'], check=True)
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}options={quote(f'-csearch_path={schema}')}", schema


def drop_schema(base: str, schema: str) -> None:
    subprocess.run([sys.executable, "-c", "import sys; from sqlalchemy import create_engine, text; "
                    "e = create_engine(sys.argv[1], isolation_level='AUTOCOMMIT'); "
                    "c = e.connect(); c.execute(text(sys.argv[2]))", base, f'DROP SCHEMA "{schema}" CASCADE'],
                   check=True)


def counts(url: str) -> dict[str, int]:
    from kb.db import make_engine, row_counts

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return row_counts(conn)
    finally:
        engine.dispose()


def run_loaders(code: str, folders: list[Path], url: str) -> tuple[float, int, int]:
    """Start one loader per folder at once; (wall seconds, retries, failed files)."""
    from kb.db import open_database

    open_database(url).dispose()  # the schema first: migrations are not what is measured
    start = time.perf_counter()
    procs = [subprocess.Popen([sys.executable, "-c", code, "load", str(f), "--db", url], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for f in folders]
    retries = failed = 0
    for proc in procs:
        _out, err = proc.communicate()
        retries += sum(int(line.split()[1]) for line in err.splitlines() if line.startswith("retries:"))
        failed += sum(1 for line in err.splitlines() if line.startswith("Error:"))
        if proc.returncode:
            print(f"a loader exited {proc.returncode}: {err.strip()[-3000:]}", file=sys.stderr)
    return time.perf_counter() - start, retries, failed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", default=os.environ.get("KB_BENCH_POSTGRES_URL"), required=False)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--loaders", type=int, default=4)
    parser.add_argument("--extract", action="store_true", help="no facts files: the extractor reads each article")
    args = parser.parse_args(argv)
    if not args.postgres:
        raise SystemExit("error: give --postgres URL (or KB_BENCH_POSTGRES_URL)")
    from generate_corpus import write_corpus

    from kb.settings import database_url

    base = database_url(args.postgres)
    rows = []
    with tempfile.TemporaryDirectory(prefix="kb-bench-concurrent-") as tmp:
        corpus = Path(tmp) / "all"
        write_corpus(corpus, args.articles, 1, with_facts=0.0 if args.extract else 1.0)
        articles = sorted(p for p in corpus.iterdir() if not p.name.endswith(".facts.yaml"))
        folders = []
        for i in range(args.loaders):
            folder = Path(tmp) / f"folder{i}"
            folder.mkdir()
            for n, article in enumerate(articles):
                if n % args.loaders in (i, (i + 1) % args.loaders):
                    for path in corpus.glob(f"{article.stem}.*"):
                        shutil.copy(path, folder / path.name)
            folders.append(folder)
        expected = None
        for name, code, where in (("one process", LOCK, [corpus]), ("lock", LOCK, folders),
                                  ("serializable", SERIALIZABLE, folders)):
            print(f"{name} …", file=sys.stderr)
            url, schema = schema_url(base)
            try:
                seconds, retries, failed = run_loaders(code, where, url)
                found = counts(url)
            finally:
                drop_schema(base, schema)
            expected = expected or found
            # The review queue records what each record resembled when it was stored: it follows the order.
            differ = [t for t, n in expected.items() if found.get(t, 0) != n and t not in ORDER_DEPENDENT]
            same = ", ".join(f"{t} {found.get(t, 0)} (one: {expected[t]})" for t in differ) or "yes"
            same += "".join(f"; {t} {found.get(t, 0)} (one: {expected[t]})" for t in ORDER_DEPENDENT
                            if found.get(t, 0) != expected.get(t, 0))
            rows.append([name, len(where), seconds, args.articles / seconds, retries, failed, same])
    print(header("bench_concurrent"))
    print(f"{args.articles} generated articles, {'extracted' if args.extract else 'curated facts files'}; "
          f"{args.loaders} loaders, each article in two folders")
    print()
    print(table(["how", "processes", "wall s", "articles/s", "transactions run again", "failed files",
                 "row counts as one process"], rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""What the full-text index (revision 0009) costs `kb load`: the same load with and without it, interleaved.

For each engine and round, two fresh databases are migrated to head; in one
the search index is then dropped (SQLite: the FTS5 tables and their
triggers; PostgreSQL: the generated tsvector columns and their GIN indexes),
and the same corpus is loaded into each in this process (`kb.load.load_paths`,
--jobs 1), timed. With and without alternate, so a busy machine slows both
alike; the medians and their ratio are printed.

By default every article has a facts file (`--with-facts 1.0`), so the load
is reading and storing, where the indexing cost lies; `--with-facts 0`
includes extraction, as a first load of raw articles does.

    uv run python benchmarks/bench_search_index.py
    uv run python benchmarks/bench_search_index.py --postgres postgresql://postgres@127.0.0.1/test --rounds 3
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from _common import article_paths, corpus, header, table
from bench_load import fresh

DROP = {
    "sqlite": [*(f"DROP TRIGGER {fts}_{event}" for fts in ("article_search", "evidence_search")
                 for event in ("insert", "delete", "update")),
               "DROP TABLE article_search", "DROP TABLE evidence_search"],
    "postgresql": ["DROP INDEX ix_article_search_vector", "DROP INDEX ix_evidence_search_vector",
                   "ALTER TABLE article DROP COLUMN search_vector", "ALTER TABLE evidence DROP COLUMN search_vector"],
}


def timed_load(url: str, paths: list[Path], indexed: bool) -> float:
    from sqlalchemy import text

    from kb.db import open_database
    from kb.load import load_paths

    engine = open_database(url)
    try:
        if not indexed:
            with engine.begin() as conn:
                for statement in DROP[engine.dialect.name]:
                    conn.execute(text(statement))
        start = time.perf_counter()
        report = load_paths(engine, paths)
        seconds = time.perf_counter() - start
        assert not report.errors, report.errors[:3]
        return seconds
    finally:
        engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, help="folder of articles (default: generate one)")
    parser.add_argument("--count", type=int, default=300, help="articles to generate when no folder is given")
    parser.add_argument("--with-facts", type=float, default=1.0, metavar="SHARE",
                        help="share of generated articles with a facts file (default 1.0: no extraction)")
    parser.add_argument("--rounds", type=int, default=3, help="loads per variant and engine (default 3)")
    parser.add_argument("--postgres", default=os.environ.get("KB_BENCH_POSTGRES_URL"), metavar="URL",
                        help="a PostgreSQL server URL with CREATEDB (default $KB_BENCH_POSTGRES_URL)")
    args = parser.parse_args(argv)
    engines = ["SQLite"] + (["PostgreSQL"] if args.postgres else [])
    rows = []
    with corpus(args.corpus, args.count, 1, with_facts=args.with_facts) as folder:
        paths = article_paths(folder)
        for engine in engines:
            times: dict[bool, list[float]] = {True: [], False: []}
            for _ in range(args.rounds):
                for indexed in (False, True):
                    with fresh(engine, args.postgres) as url:
                        times[indexed].append(timed_load(url, paths, indexed))
                    print(f"{engine}, {'with' if indexed else 'without'} the index: {times[indexed][-1]:.1f} s",
                          file=sys.stderr)
            without, with_index = statistics.median(times[False]), statistics.median(times[True])
            rows.append([engine, len(paths), f"{without:.1f}", f"{with_index:.1f}",
                         f"{with_index / without:.2f}", f"{1000 * (with_index - without) / len(paths):.1f}",
                         " / ".join(f"{t:.1f}" for t in times[False]), " / ".join(f"{t:.1f}" for t in times[True])])
    print(header("bench_search_index"))
    print(f"corpus: {'generated' if args.corpus is None else args.corpus}, {len(paths)} articles, "
          f"facts files: {args.with_facts if args.corpus is None else 'as found'}; {args.rounds} rounds, median\n")
    print(table(["engine", "articles", "without index s", "with index s", "ratio", "ms/article",
                 "runs without", "runs with"], rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""What the full-text index (revision 0009) costs `kb load`: the same load with and without it, interleaved.

For each engine and round, two fresh databases are migrated to head; in one
the search index is then dropped (SQLite: the FTS5 tables and their
triggers; PostgreSQL: the generated tsvector columns and their GIN indexes),
and the same corpus is loaded into each in this process (`kb.load.load_paths`,
--jobs 1), timed. With and without alternate, so a busy machine slows both
alike; the medians and their ratio are printed.

By default the articles are extracted (`--with-facts 0`), as a first load
of raw articles is: extraction gives every piece of evidence its sentence,
which the index reads too. The generator's own facts files
(`--with-facts 1.0`) skip extraction but carry no sentences, so they measure
the article index alone.

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


def written_bytes() -> float:
    """Bytes this process has written (Linux /proc/self/io; NaN elsewhere): SQLite's writes are all here."""
    try:
        fields = dict(line.split(": ") for line in Path("/proc/self/io").read_text().splitlines())
        return float(fields["wchar"])
    except (OSError, KeyError, ValueError):
        return float("nan")


def timed_load(url: str, paths: list[Path], indexed: bool) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds of this process and MB it wrote. On SQLite all the work, indexing included,
    is done here: CPU time and bytes written hardly move when other processes share the machine."""
    from sqlalchemy import text

    from kb.db import open_database
    from kb.load import load_paths

    engine = open_database(url)
    try:
        if not indexed:
            with engine.begin() as conn:
                for statement in DROP[engine.dialect.name]:
                    conn.execute(text(statement))
        start, cpu, written = time.perf_counter(), time.process_time(), written_bytes()
        report = load_paths(engine, paths)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        assert not report.errors, report.errors[:3]
        return seconds, cpu, (written_bytes() - written) / 1e6
    finally:
        engine.dispose()


def timed_rebuild(url: str) -> float:
    """Seconds to build the whole index at once over the loaded corpus (what migrating a full database to 0009
    costs): SQLite rebuilds both FTS5 tables; PostgreSQL drops and re-adds the generated columns and indexes."""
    from sqlalchemy import text

    from kb.db import make_engine

    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            if engine.dialect.name == "postgresql":
                for statement in DROP["postgresql"]:
                    conn.execute(text(statement))
                start = time.perf_counter()
                for statement in _postgresql_statements():
                    conn.execute(text(statement))
            else:
                start = time.perf_counter()
                for fts in ("article_search", "evidence_search"):
                    conn.execute(text(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')"))
            return time.perf_counter() - start
    finally:
        engine.dispose()


def _postgresql_statements() -> list[str]:
    """The statements revision 0009 runs on PostgreSQL, read from the migration itself."""
    import importlib.util

    from _common import ROOT

    path = next((ROOT / "migrations" / "versions").glob("*_0009_*.py"))
    spec = importlib.util.spec_from_file_location("revision_0009", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module.postgresql_statements()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, help="folder of articles (default: generate one)")
    parser.add_argument("--count", type=int, default=300, help="articles to generate when no folder is given")
    parser.add_argument("--with-facts", type=float, default=0.0, metavar="SHARE",
                        help="share of generated articles with a facts file (default 0: all extracted)")
    parser.add_argument("--rounds", type=int, default=3, help="loads per variant and engine (default 3)")
    parser.add_argument("--postgres", default=os.environ.get("KB_BENCH_POSTGRES_URL"), metavar="URL",
                        help="a PostgreSQL server URL with CREATEDB (default $KB_BENCH_POSTGRES_URL)")
    args = parser.parse_args(argv)
    engines = ["SQLite"] + (["PostgreSQL"] if args.postgres else [])
    rows = []
    rebuilds: dict[str, list[float]] = {}
    with corpus(args.corpus, args.count, 1, with_facts=args.with_facts) as folder:
        paths = article_paths(folder)
        for engine in engines:
            times: dict[bool, list[tuple[float, float, float]]] = {True: [], False: []}
            for _ in range(args.rounds):
                for indexed in (False, True):
                    with fresh(engine, args.postgres) as url:
                        times[indexed].append(timed_load(url, paths, indexed))
                        if indexed:
                            rebuilds.setdefault(engine, []).append(timed_rebuild(url))
                    wall, cpu, mb = times[indexed][-1]
                    print(f"{engine}, {'with' if indexed else 'without'} the index: {wall:.1f} s, CPU {cpu:.1f} s, "
                          f"{mb:.1f} MB written by kb", file=sys.stderr)
            for measure, index in (("wall s", 0), ("CPU s of kb", 1), ("MB written by kb", 2)):
                without = statistics.median(t[index] for t in times[False])
                with_index = statistics.median(t[index] for t in times[True])
                rows.append([engine, measure, len(paths), f"{without:.2f}", f"{with_index:.2f}",
                             f"{with_index / without:.2f}", f"{(with_index - without) / len(paths):.4f}",
                             " / ".join(f"{t[index]:.1f}" for t in times[False]),
                             " / ".join(f"{t[index]:.1f}" for t in times[True])])
    print(header("bench_search_index"))
    print(f"corpus: {'generated' if args.corpus is None else args.corpus}, {len(paths)} articles, "
          f"facts files: {args.with_facts if args.corpus is None else 'as found'}; {args.rounds} rounds, median\n")
    print(table(["engine", "measure", "articles", "without index", "with index", "ratio", "difference per article",
                 "runs without", "runs with"], rows))
    print()
    print(table(["engine", "whole index built at once over the loaded corpus, s (median)"],
                [[engine, f"{statistics.median(times):.2f}"] for engine, times in rebuilds.items()]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

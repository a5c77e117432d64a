"""The statements the store runs per article: a load of a corpus with curated facts files into a fresh database,
every statement counted (kb.driver's observers for the hot path, SQLAlchemy's before_cursor_execute for the
rest; an executemany or COPY counts once), and the most frequent shapes listed.

The count, not the time, is what this measures: on PostgreSQL each statement is a round trip, so statements per
article bound the store's rate there whatever the machine's load.

    uv run python benchmarks/bench_statements.py /tmp/kb-c500
    uv run python benchmarks/bench_statements.py /tmp/kb-c500 --db postgresql+psycopg://postgres@127.0.0.1/kb_x
    uv run python benchmarks/bench_statements.py /tmp/kb-c500 --time   # and where the statements' time goes
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter
from pathlib import Path

from _common import header, table


def count(corpus: Path, url: str, spent: Counter[str] | None = None) -> tuple[int, Counter[str]]:
    """Articles stored and statements counted by shape; `spent`, when given, gets each shape's seconds (from
    the call to the driver's or SQLAlchemy's cursor until it returns: the database's work and the round trip)."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    import kb.driver
    from kb.db import open_database
    from kb.load import load_paths

    engine = open_database(url)  # migrated before counting starts
    seen: Counter[str] = Counter()
    last: list[str] = [""]

    def observe(statement: str, parameters: object) -> None:
        last[0] = " ".join(statement.split())
        seen[last[0]] += 1

    def before(conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        observe(statement, parameters)
        conn.info["bench.started"] = time.perf_counter()

    def after(conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        if spent is not None:
            spent[" ".join(statement.split())] += time.perf_counter() - conn.info.pop("bench.started")

    originals = {name: getattr(kb.driver.Driver, name) for name in ("_run", "many")}

    def timed(original):  # type: ignore[no-untyped-def]
        def call(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            try:
                return original(self, *args, **kwargs)
            finally:
                spent[last[0]] += time.perf_counter() - start  # type: ignore[index]
        return call

    if spent is not None:
        for name, original in originals.items():
            setattr(kb.driver.Driver, name, timed(original))
    kb.driver.observers.append(observe)
    event.listen(Engine, "before_cursor_execute", before)
    event.listen(Engine, "after_cursor_execute", after)
    try:
        report = load_paths(engine, [corpus])
    finally:
        event.remove(Engine, "before_cursor_execute", before)
        event.remove(Engine, "after_cursor_execute", after)
        kb.driver.observers.remove(observe)
        for name, original in originals.items():
            setattr(kb.driver.Driver, name, original)
        engine.dispose()
    if report.failed:
        raise SystemExit(f"load failed: {report.errors[:3]}")
    return report.new, seen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path,
                        help="articles with curated facts files (generate_corpus.py --with-facts 1)")
    parser.add_argument("--db", help="an empty database URL (default: a temporary SQLite file)")
    parser.add_argument("--top", type=int, default=25, help="statement shapes to list (default 25)")
    parser.add_argument("--time", action="store_true",
                        help="also time each shape and list the shapes by time spent in them")
    args = parser.parse_args()
    spent: Counter[str] | None = Counter() if args.time else None
    with tempfile.TemporaryDirectory() as work:
        articles, seen = count(args.corpus, args.db or f"sqlite:///{Path(work) / 'kb.db'}", spent)
    total = sum(seen.values())
    print(header("bench_statements"))
    print(f"{articles} articles stored; {total:,} statements, {total / max(articles, 1):.1f} per article\n")
    if spent is None:
        print(table(["statements", "per article", "statement"],
                    [[f"{n:,}", f"{n / max(articles, 1):.2f}", sql[:110]] for sql, n in seen.most_common(args.top)]))
        return
    print(f"{sum(spent.values()):.2f} s in statements\n")
    print(table(["ms", "statements", "per article", "statement"],
                [[f"{t * 1000:,.0f}", f"{seen[sql]:,}", f"{seen[sql] / max(articles, 1):.2f}", sql[:100]]
                 for sql, t in spent.most_common(args.top)]))


if __name__ == "__main__":
    main()

"""The statements the store runs per article: a load of a corpus with curated facts files into a fresh database,
every statement counted (kb.driver's observers for the hot path, SQLAlchemy's before_cursor_execute for the
rest; an executemany or COPY counts once), and the most frequent shapes listed.

The count, not the time, is what this measures: on PostgreSQL each statement is a round trip, so statements per
article bound the store's rate there whatever the machine's load.

    uv run python benchmarks/bench_statements.py /tmp/kb-c500
    uv run python benchmarks/bench_statements.py /tmp/kb-c500 --db postgresql+psycopg://postgres@127.0.0.1/kb_x
"""

from __future__ import annotations

import argparse
import tempfile
from collections import Counter
from pathlib import Path

from _common import header, table


def count(corpus: Path, url: str) -> tuple[int, Counter[str]]:
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    import kb.driver
    from kb.db import open_database
    from kb.load import load_paths

    engine = open_database(url)  # migrated before counting starts
    seen: Counter[str] = Counter()

    def observe(statement: str, parameters: object) -> None:
        seen[" ".join(statement.split())] += 1

    def before(conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        observe(statement, parameters)

    kb.driver.observers.append(observe)
    event.listen(Engine, "before_cursor_execute", before)
    try:
        report = load_paths(engine, [corpus])
    finally:
        event.remove(Engine, "before_cursor_execute", before)
        kb.driver.observers.remove(observe)
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
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        articles, seen = count(args.corpus, args.db or f"sqlite:///{Path(work) / 'kb.db'}")
    total = sum(seen.values())
    print(header("bench_statements"))
    print(f"{articles} articles stored; {total:,} statements, {total / max(articles, 1):.1f} per article\n")
    print(table(["statements", "per article", "statement"],
                [[f"{n:,}", f"{n / max(articles, 1):.2f}", sql[:110]] for sql, n in seen.most_common(args.top)]))


if __name__ == "__main__":
    main()

"""`kb query … --contains` over many strings: p50, p90 and the slowest, per listing, on an existing base.

bench_scale.py times a few chosen strings; how fast a substring search is depends on how many rows hold the
text and how common its three-letter pieces are, so this takes words of the base itself (of agreement and
official names, and of the start of article bodies, sampled evenly by id), keeps those some row holds, and
times the first page (`--limit 50`) of the listing that searches them, `--repeat` times each.

    uv run python benchmarks/bench_contains.py --db /tmp/kbi/s100k-12.db
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from pathlib import Path
from typing import Any

from _common import header, table

PAGE = 50
# (listing, the SQL giving sample texts, the smallest word length taken from them)
SOURCES = (
    ("agreements", "SELECT name FROM agreement WHERE id % 997 = 0", 5),
    ("officials", "SELECT name FROM official WHERE id % 97 = 0", 5),
    ("articles", "SELECT substr(body, 1, 400) FROM article WHERE id % 4999 = 0", 6),
)


def words(conn: Any, sql: str, shortest: int, most: int) -> list[str]:
    from sqlalchemy import text

    found: set[str] = set()
    for (value,) in conn.execute(text(sql)):
        found |= set(re.findall(rf"[A-Za-z]{{{shortest},}}", value or ""))
    return sorted(found)[:most]


def first_page(conn: Any, listing: str, value: str) -> int:
    from kb import queries

    _columns, rows = queries.QUERIES[listing](contains=value, limit=PAGE).run(conn)
    return sum(1 for _ in rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="database URL or SQLite file")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per string (default 5)")
    parser.add_argument("--words", type=int, default=150, help="words per listing at most (default 150)")
    args = parser.parse_args(argv)
    url = args.db if "://" in args.db else f"sqlite:///{Path(args.db).resolve()}"

    from kb.db import open_database

    engine = open_database(url)
    results: list[list[object]] = []
    slowest: list[tuple[float, str, str]] = []
    with engine.connect() as conn:
        for listing, sql, shortest in SOURCES:
            times = []
            for value in words(conn, sql, shortest, args.words):
                if first_page(conn, listing, value) == 0:  # warm-up; text no row holds is bench_scale's
                    continue
                runs = []
                for _ in range(args.repeat):
                    began = time.perf_counter()
                    first_page(conn, listing, value)
                    runs.append((time.perf_counter() - began) * 1000)
                times.append(statistics.median(runs))
                slowest.append((times[-1], listing, value))
            times.sort()
            results.append([listing, len(times), statistics.median(times), times[int(0.9 * (len(times) - 1))],
                            times[-1]])
            print(f"{listing}: {len(times)} strings", flush=True)
    engine.dispose()
    print()
    print(header("bench_contains"))
    print()
    print(table(["listing", "strings", "p50 ms", "p90 ms", "max ms"], results))
    print()
    print(table(["slowest", "ms"], [[f"{listing} --contains {value!r}", ms]
                                   for ms, listing, value in sorted(slowest, reverse=True)[:5]]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

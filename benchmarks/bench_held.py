"""The store phase with a batch's claims, evidence and decisions held (kb.store.held) and written at once, this tree.

Comparing two trees mixes every change between them with the machine's load; this one switches only the
holding (`kb.load.hold` made a no-op: each article's rows written as it is stored), in one process, the two
ways alternating round by round, each into a fresh database (a fresh schema on PostgreSQL). Store phase as
bench_store.py times it; medians.

    uv run python benchmarks/bench_held.py /tmp/kb-c500 --rounds 3
    uv run python benchmarks/bench_held.py /tmp/kb-c500 --postgres postgresql+psycopg://postgres@127.0.0.1/kb_x
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

import bench_store
from _common import header, table

WAYS = ("held", "written at once")


def measure(corpus: Path, engine: str, postgres: str | None, way: str, work: Path) -> float:
    import kb.load

    hold = kb.load.hold
    if way != "held":
        kb.load.hold = lambda conn: None  # type: ignore[assignment,return-value]
    url, handle = bench_store.fresh_database(engine, postgres, work)
    try:
        return bench_store.timed_store(corpus, url)[0]
    finally:
        kb.load.hold = hold
        if handle is not None:
            bench_store.drop(handle)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="articles with curated facts files")
    parser.add_argument("--postgres", metavar="URL", help="measure on PostgreSQL too (a database to make schemas in)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    engines = ["sqlite"] + (["postgres"] if args.postgres else [])
    spent: dict[tuple[str, str], list[float]] = {(e, w): [] for e in engines for w in WAYS}
    with tempfile.TemporaryDirectory(prefix="kb-bench-held-") as tmp:
        for round_no in range(args.rounds):
            for engine in engines:
                for way in WAYS if round_no % 2 == 0 else tuple(reversed(WAYS)):
                    spent[(engine, way)].append(measure(args.corpus, engine, args.postgres, way, Path(tmp)))
                    print(f"round {round_no + 1}, {engine}, {way}: store {spent[(engine, way)][-1]:.2f} s",
                          file=sys.stderr)
    print(header("bench_held"))
    print(f"corpus {args.corpus}; medians of {args.rounds} rounds, alternating")
    print()
    print(table(["engine", "rows of a batch", "store s", "store s, each round"],
                [[engine, way, statistics.median(ts), " ".join(f"{t:.2f}" for t in ts)]
                 for (engine, way), ts in spent.items()]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Time reading and extraction: articles/s and words/s on one core, and over N processes.

All documents are read first (timed as the read step), then `kb.extract.extract`
runs over them in process: a warm-up pass over the first articles (gazetteers,
compiled patterns, imports) is excluded, then `--rounds` full passes are timed
and the best and median reported. `--jobs N` also times a ProcessPoolExecutor
of N workers, each reading and extracting its share of the paths (as
`kb load --jobs N` does), after every worker has warmed up. `--profile` prints
cProfile's top functions of one extraction pass.

    uv run python benchmarks/bench_extract.py                 # 500 generated articles
    uv run python benchmarks/bench_extract.py /tmp/kb-corpus --jobs 2
"""

from __future__ import annotations

import argparse
import cProfile
import io
import math
import os
import pstats
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from _common import article_paths, corpus, header, table

from kb.readers import Document, read_article

WARMUP = 20  # articles extracted before timing starts


def read_all(paths: list[Path]) -> tuple[list[Document], float]:
    for path in paths[:5]:  # import each reader and its data once, untimed
        read_article(path)
    start = time.perf_counter()
    docs = [read_article(p) for p in paths]
    return docs, time.perf_counter() - start


def extract_pass(docs: list[Document]) -> tuple[float, list[float], int, float]:
    """(wall seconds, per-article seconds, records, CPU seconds) of one pass over all documents.

    CPU time is the steadier figure on a busy machine: it leaves out the time other processes held the core.
    """
    from kb.extract import extract

    per: list[float] = []
    records = 0
    clock = time.perf_counter
    cpu0 = time.process_time()
    for doc in docs:
        t0 = clock()
        facts = extract(doc)
        per.append(clock() - t0)
        records += len(facts.agencies) + len(facts.officials) + len(facts.agreements) + len(facts.trade_flows)
    return sum(per), per, records, time.process_time() - cpu0


# ---------------------------------------------------------------- worker processes

def _warm_worker(warm: list[str]) -> None:
    from kb.extract import extract

    for p in warm:
        extract(read_article(Path(p)))


def _barrier(delay: float) -> int:
    time.sleep(delay)  # keeps each worker busy so that the pool starts all of them
    return os.getpid()


def _read_and_extract(chunk: list[str]) -> int:
    from kb.extract import extract

    for p in chunk:
        extract(read_article(Path(p)))
    return len(chunk)


def time_pool(paths: list[Path], jobs: int) -> float:
    """Seconds for N warmed-up workers to read and extract every path."""
    names = [str(p) for p in paths]
    with ProcessPoolExecutor(max_workers=jobs, initializer=_warm_worker, initargs=(names[:WARMUP],)) as pool:
        pids = set(pool.map(_barrier, [0.5] * jobs))
        if len(pids) < jobs:
            print(f"warning: only {len(pids)} of {jobs} workers started before timing", file=sys.stderr)
        size = max(1, math.ceil(len(names) / (jobs * 8)))
        chunks = [names[i:i + size] for i in range(0, len(names), size)]
        start = time.perf_counter()
        done = sum(pool.map(_read_and_extract, chunks))
        elapsed = time.perf_counter() - start
    assert done == len(names)
    return elapsed


def profile(docs: list[Document], top: int) -> str:
    from kb.extract import extract

    prof = cProfile.Profile()
    prof.enable()
    for doc in docs:
        extract(doc)
    prof.disable()
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out).strip_dirs()
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, help="folder of articles (default: generate one)")
    parser.add_argument("--count", type=int, default=500, help="articles to generate when no folder is given")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated corpus")
    parser.add_argument("--rounds", type=int, default=3, help="timed passes over the corpus (default 3)")
    parser.add_argument("--jobs", type=int, default=0, help="also time a pool of N worker processes")
    parser.add_argument("--profile", type=int, default=0, metavar="TOP",
                        help="print cProfile's TOP functions (cumulative and own time) of one pass")
    args = parser.parse_args(argv)

    with corpus(args.corpus, args.count, args.seed) as folder:
        paths = article_paths(folder)
        if not paths:
            raise SystemExit(f"error: no articles in {folder}")
        docs, read_s = read_all(paths)
        words = sum(len(d.text.split()) for d in docs)
        n = len(docs)

        extract_pass(docs[:WARMUP])  # warm-up, not timed
        passes = [extract_pass(docs) for _ in range(max(1, args.rounds))]
        totals = sorted(p[0] for p in passes)
        best, median = totals[0], statistics.median(totals)
        per_ms = sorted(t * 1000 for t in min(passes, key=lambda p: p[0])[1])
        records = passes[0][2]
        cpu = min(p[3] for p in passes)

        rows: list[list[object]] = [
            ["read (kb.readers.read_article)", "1", n / read_s, words / read_s, read_s * 1000 / n],
            ["extract, best pass", "1", n / best, words / best, best * 1000 / n],
            ["extract, median pass", "1", n / median, words / median, median * 1000 / n],
            ["extract, best pass in CPU time", "1", n / cpu, words / cpu, cpu * 1000 / n],
        ]
        pool_s = None
        if args.jobs:
            pool_s = time_pool(paths, args.jobs)
            rows.append([f"read + extract, pool of {args.jobs}", str(args.jobs), n / pool_s, words / pool_s,
                         pool_s * 1000 / n])

        print(header("bench_extract"))
        print(f"corpus: {folder if args.corpus else 'generated'} — {n} articles, {words / n:,.0f} words each "
              f"on average, {records / n:.1f} records extracted per article")
        print()
        print(table(["step", "processes", "articles/s", "words/s", "ms/article"], rows))
        p50, p95 = per_ms[len(per_ms) // 2], per_ms[min(len(per_ms) - 1, int(len(per_ms) * 0.95))]
        print(f"\nper article (best pass): p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {per_ms[-1]:.1f} ms")
        if pool_s is not None:
            one_core = n / (read_s + best)
            print(f"pool speed-up over one process reading + extracting: {n / pool_s / one_core:.2f}×")
        if args.profile:
            print("\n" + profile(docs, args.profile), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

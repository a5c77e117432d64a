"""Grow a knowledge base through kb itself and time it as it grows: load rate per batch, then every query shape.

1. A synthetic corpus of `--articles` articles, each with its curated facts
   file (`generate_corpus.py --with-facts 1`), so loading measures the store,
   not the extractor.
2. `kb.load.load_paths` in batches of `--batch` articles into one database
   (SQLite by default, any kb URL with `--db`): articles/s and facts/s per
   batch, as the base grows.
3. Every shape of `kb query` and `kb show`, in-process on one open
   connection, each run `--repeat` times after a warm-up (rows fetched to the
   last): p50 and p95 in ms. Listings are timed for their first page
   (`--limit 50`, what a person reads) and, for the plain listings, to the
   last row (what a script exports); a page deep in each listing (the 50
   rows after row 10,000: `--after` its cursor), beside reading up to it
   (`--limit 10,050`, the only way before cursors); and `--contains` with
   text no row holds, text a few rows hold and text most rows hold.

    uv run python benchmarks/bench_scale.py                                   # 5,000 articles, SQLite
    uv run python benchmarks/bench_scale.py --articles 20000 --db /tmp/kb-20k.db --corpus /tmp/kb-20k
    uv run python benchmarks/bench_scale.py --db /tmp/kb-20k.db --queries-only  # an existing database
    uv run python benchmarks/bench_scale.py --articles 100000 --batch 10000 --db /tmp/kb-100k.db \\
        --corpus /tmp/kb-100k                                                   # the 100k base: hours

With `--db postgresql://…` the database must exist and be empty (or hold an
earlier run, with `--queries-only`).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from _common import header, table

PAGE = 50
DEEP = 10_000  # the row a deep page starts after


@dataclass
class Shape:
    name: str
    run: Callable[[Any, int], int]  # (connection, repetition) → rows read


def corpus_paths(folder: Path, count: int, seed: int, words: int) -> list[Path]:
    """The corpus's article files in index order, generated unless `folder` already holds them."""
    from generate_corpus import write_corpus

    existing = sorted(p for p in folder.glob("*") if p.suffix in (".txt", ".md", ".json"))
    if len(existing) >= count and all(p.with_name(p.stem + ".facts.yaml").exists() for p in existing[:count]):
        # File names end in the article's index: sort by it to keep batches in generation order.
        return sorted(existing, key=lambda p: int(p.stem.rsplit("-", 1)[1]))[:count]
    return write_corpus(folder, count, seed, words=words, with_facts=1.0)


def load_in_batches(url: str, paths: list[Path], batch: int) -> list[list[object]]:
    from kb.db import open_database
    from kb.load import load_paths

    engine = open_database(url)
    rows: list[list[object]] = []
    for start in range(0, len(paths), batch):
        chunk = paths[start:start + batch]
        began = time.perf_counter()
        report = load_paths(engine, chunk)
        seconds = time.perf_counter() - began
        if report.failed:
            raise SystemExit(f"error: {report.failed} articles failed: {report.errors[:3]}")
        rows.append([start // batch + 1, start + len(chunk), seconds, len(chunk) / seconds, report.facts / seconds])
        print(f"batch {rows[-1][0]}: {len(chunk)} articles in {seconds:.1f} s", flush=True)
    engine.dispose()
    return rows


def _listing(name: str, **filters: Any) -> Callable[[Any, int], int]:
    from kb import queries

    def run(conn: Any, _rep: int) -> int:
        _columns, rows = queries.QUERIES[name](**filters).run(conn)
        return sum(1 for _ in rows)

    return run


def _after_row(conn: Any, name: str, row: int) -> tuple[bool, str | None]:
    """Whether a listing goes on past row `row`, and the cursor of the page that ends with it (None from a kb
    without cursors: this script also times the tree before them)."""
    from kb import queries

    query = queries.QUERIES[name](limit=row + PAGE)
    _columns, rows = query.run(conn)
    read = sum(1 for _ in rows)
    query = queries.QUERIES[name](limit=row)
    _columns, rows = query.run(conn)
    for _ in rows:
        pass
    return read == row + PAGE, getattr(query, "next_cursor", None)


def _show(kind: str, ids: list[int]) -> Callable[[Any, int], int]:
    from kb import queries

    def run(conn: Any, rep: int) -> int:
        queries.record(conn, kind, ids[rep % len(ids)])
        return 1

    return run


def shapes(conn: Any, repeat: int, deep_row: int = DEEP) -> list[Shape]:
    """Every query shape, with filter values that exist in this database (its most common ones)."""
    from sqlalchemy import text

    def one(sql: str) -> Any:
        return conn.execute(text(sql)).scalar()

    def ids(table: str) -> list[int]:
        top = one(f"SELECT max(id) FROM {table}") or 1
        return [1 + (i * 7919) % top for i in range(repeat)]  # spread over the table, the same every run

    party = one("SELECT country_code FROM agreement_party WHERE country_code IS NOT NULL "
                "GROUP BY country_code ORDER BY count(*) DESC, country_code LIMIT 1")
    exporter, importer = conn.execute(text(
        "SELECT exporter_country_code, importer_country_code FROM trade_flow GROUP BY 1, 2 "
        "ORDER BY count(*) DESC, 1, 2 LIMIT 1")).first() or (None, None)
    agency_country = one("SELECT country_code FROM agency GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")
    publisher = one("SELECT publisher FROM article GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1") or ""
    year = (one("SELECT max(signed) FROM agreement") or "2024")[:4]
    rare = one("SELECT name FROM official ORDER BY id DESC LIMIT 1") or "nobody"
    page = {"limit": PAGE}
    deep = [(name, *_after_row(conn, name, deep_row)) for name in ("agreements", "agencies", "officials", "flows",
                                                                 "articles")]
    pages = [Shape(f"query {name} --after (row {deep_row:,})", _listing(name, after=cursor, **page))
             for name, _long, cursor in deep if cursor]
    pages += [Shape(f"query {name} --limit {deep_row + PAGE:,} (rows {deep_row + 1:,}… without a cursor)",
                    _listing(name, limit=deep_row + PAGE)) for name, long, _cursor in deep if long]
    return [
        Shape("query agreements (first 50)", _listing("agreements", **page)),
        Shape(f"query agreements --party {party}", _listing("agreements", country=[party], **page)),
        Shape(f"query agreements --kind memorandum --since {year}",
              _listing("agreements", kind="memorandum", since=year, **page)),
        Shape("query agreements --agency customs", _listing("agreements", agency="customs", **page)),
        Shape(f"query agreements --official {rare.split()[-1]!r} (rare)",
              _listing("agreements", official=rare.split()[-1], **page)),
        Shape("query agencies (first 50)", _listing("agencies", **page)),
        Shape(f"query agencies --country {agency_country} --kind customs",
              _listing("agencies", country=agency_country, kind="customs", **page)),
        Shape("query officials (first 50)", _listing("officials", **page)),
        Shape("query officials --agency customs", _listing("officials", agency="customs", **page)),
        Shape("query flows (first 50)", _listing("flows", **page)),
        Shape(f"query flows --from {exporter} --to {importer}",
              _listing("flows", exporter=exporter, importer=importer, **page)),
        Shape("query flows --hs 10", _listing("flows", hs="10", **page)),
        Shape("query articles (first 50)", _listing("articles", **page)),
        Shape(f"query articles --publisher {publisher[:12]!r} --since {year}",
              _listing("articles", publisher=publisher[:12], since=year, **page)),
        Shape("query agreements --contains 'tariff' (substring of quotes)",
              _listing("agreements", contains="tariff", **page)),
        Shape(f"query agreements --contains {rare.split()[-1]!r} (a rare name)",
              _listing("agreements", contains=rare.split()[-1], **page)),
        Shape("query agreements --contains 'customs' (most rows)", _listing("agreements", contains="customs", **page)),
        Shape("query agencies --contains 'port'", _listing("agencies", contains="port", **page)),
        Shape(f"query officials --contains {rare.split()[-1]!r}",
              _listing("officials", contains=rare.split()[-1], **page)),
        Shape("query flows --contains 'tariff'", _listing("flows", contains="tariff", **page)),
        Shape("query articles --contains 'tariff'", _listing("articles", contains="tariff", **page)),
        Shape("query articles --contains 'customs' (most rows)", _listing("articles", contains="customs", **page)),
        Shape("show agreement", _show("agreement", ids("agreement"))),
        Shape("show agency", _show("agency", ids("agency"))),
        Shape("show official", _show("official", ids("official"))),
        Shape("show flow", _show("flow", ids("trade_flow"))),
        *pages,
        Shape("query agreements, every row", _listing("agreements")),
        Shape("query flows, every row", _listing("flows")),
    ]


def time_queries(url: str, repeat: int, slow_limit: float, deep_row: int = DEEP) -> list[list[object]]:
    from sqlalchemy import text

    from kb.db import open_database

    engine = open_database(url)
    out: list[list[object]] = []
    if engine.dialect.name == "postgresql":
        # A base loaded a moment ago has the planner statistics of an empty one (autovacuum analyses it later):
        # with them PostgreSQL hash-joins whole tables for a first page (35 ms instead of 1.9 at 3,000 articles).
        with engine.connect() as conn:
            conn.execute(text("ANALYZE"))
            conn.commit()
    with engine.connect() as conn:
        sizes = {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar()
                 for t in ("article", "agreement", "agency", "official", "trade_flow", "evidence", "claim")}
        print("rows: " + ", ".join(f"{t} {n:,}" for t, n in sizes.items()), flush=True)
        for shape in shapes(conn, repeat, deep_row):
            count = shape.run(conn, 0)  # warm-up: caches, prepared plans
            times = []
            for rep in range(repeat):
                began = time.perf_counter()
                shape.run(conn, rep)
                times.append((time.perf_counter() - began) * 1000)
                if sum(times) > slow_limit * 1000 and len(times) >= 3:
                    break  # a shape this slow is measured a few times only
            times.sort()
            p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
            out.append([shape.name, count, len(times), statistics.median(times), p95])
            print(f"{shape.name}: p50 {statistics.median(times):.2f} ms", flush=True)
    engine.dispose()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000, help="articles to load (default 5,000)")
    parser.add_argument("--batch", type=int, default=1000, help="articles per timed batch (default 1,000)")
    parser.add_argument("--db", default=None, help="database URL or SQLite file (default: a temporary file)")
    parser.add_argument("--corpus", type=Path, default=None,
                        help="folder for the generated corpus, reused when it already holds it (default: temporary)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--words", type=int, default=500, help="body words per article (default 500)")
    parser.add_argument("--repeat", type=int, default=20, help="timed runs per query shape (default 20)")
    parser.add_argument("--slow", type=float, default=20.0,
                        help="stop timing a shape after this many seconds, once run 3 times (default 20)")
    parser.add_argument("--queries-only", action="store_true", help="time the queries of an existing database")
    parser.add_argument("--deep", type=int, default=DEEP,
                        help=f"the row deep pages start after (default {DEEP:,})")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="kb-scale-") as tmp:
        url = args.db or f"sqlite:///{tmp}/kb.db"
        if "://" not in url:
            url = f"sqlite:///{Path(url).resolve()}"
        batches: list[list[object]] = []
        if not args.queries_only:
            folder = args.corpus or Path(tmp) / "corpus"
            began = time.perf_counter()
            paths = corpus_paths(folder, args.articles, args.seed, args.words)
            print(f"corpus: {len(paths)} articles in {folder} ({time.perf_counter() - began:.0f} s)", flush=True)
            batches = load_in_batches(url, paths, args.batch)
        results = time_queries(url, args.repeat, args.slow, args.deep)

    print()
    print(header("bench_scale"))
    if batches:
        print()
        print(table(["batch", "articles in base", "seconds", "articles/s", "facts/s"], batches))
    print()
    print(table(["shape", "rows", "runs", "p50 ms", "p95 ms"], results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Wall time of short kb commands, and peak memory of a long listing; for this tree and, side by side, another.

Each tree is a kb checkout with its own `uv sync`ed .venv (for another commit:
`git archive COMMIT | tar -x -C /tmp/kb-before && (cd /tmp/kb-before && uv sync --frozen)`).
Its bytecode is compiled first, so start-up is measured as an installed kb
runs. The commands run as `TREE/.venv/bin/kb …`, alternating between the
trees so that other work on the machine slows both alike:

- `kb --help`;
- `kb query agreements` and `kb sql "SELECT count(*) FROM article"` on the seed
  database (`kb load seed/`, made by each tree);
- `kb extract seed/ --out DIR`;
- `kb query agreements --format json` over `--rows` agreements (default
  170,000, inserted by SQL into a database each tree migrated), for its wall
  time and peak RSS.

    uv run python benchmarks/bench_startup.py
    uv run python benchmarks/bench_startup.py --before /tmp/kb-before --runs 15
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from _common import ROOT, header, table

PARTIES = ("KR", "UZ", "KZ", "JP", "DE", "FR", "BR", "IN")


def prepare(tree: Path, work: Path, rows: int) -> dict[str, str]:
    """Compile the tree's bytecode; make its seed database and its large database."""
    python = tree / ".venv" / "bin" / "python"
    subprocess.run([python, "-m", "compileall", "-q", "kb", ".venv/lib"], cwd=tree, check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    work.mkdir(parents=True, exist_ok=True)
    seed, large = work / "seed.db", work / "large.db"
    kb = str(tree / ".venv" / "bin" / "kb")
    subprocess.run([kb, "load", str(tree / "seed"), "--db", f"sqlite:///{seed}"], check=True,
                   capture_output=True)
    subprocess.run([kb, "db", "upgrade", "--db", f"sqlite:///{large}"], check=True, capture_output=True)
    fill(large, rows)
    return {"kb": kb, "seed": f"sqlite:///{seed}", "large": f"sqlite:///{large}", "out": str(work / "facts")}


def fill(path: Path, rows: int) -> None:
    """`rows` agreements with two parties each: enough to see whether a listing's memory grows with it."""
    with sqlite3.connect(path) as conn:
        conn.execute("""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
            INSERT INTO agreement (id, name, name_key, kind, signed, place, status)
            SELECT i, 'Agreement on customs cooperation number ' || i, 'agreement on customs cooperation ' || i,
                   'agreement', printf('%04d-%02d-%02d', 2000 + i % 25, 1 + i % 12, 1 + i % 28), 'Tashkent',
                   'signed'
            FROM n""", (rows,))
        for offset in (0, 1):  # two different countries of PARTIES
            conn.execute("INSERT INTO agreement_party (agreement_id, country_code) "
                         "SELECT id, substr(?, 1 + 2 * ((id + ?) % ?), 2) FROM agreement",
                         ("".join(PARTIES), offset, len(PARTIES)))


def run(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one run of `command`, its output discarded."""
    began = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - began
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"error: {' '.join(command)} failed: {process.stderr.read().decode()[:300]}")
    return seconds, usage.ru_maxrss


def commands(env: dict[str, str]) -> dict[str, list[str]]:
    kb = env["kb"]
    return {
        "kb --help": [kb, "--help"],
        "kb query agreements (seed)": [kb, "query", "agreements", "--db", env["seed"], "-f", "csv"],
        "kb sql 'SELECT count(*) FROM article' (seed)": [kb, "sql", "SELECT count(*) AS n FROM article",
                                                         "--db", env["seed"], "-f", "csv"],
        "kb extract seed/ --out DIR": [kb, "extract", str(ROOT / "seed"), "--out", env["out"]],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, default=None, help="another kb tree to compare with (synced)")
    parser.add_argument("--runs", type=int, default=15, help="timed runs per command and tree (default 15)")
    parser.add_argument("--rows", type=int, default=170_000, help="agreements in the large listing (default 170,000)")
    parser.add_argument("--large-runs", type=int, default=3, help="runs of the large listing (default 3)")
    args = parser.parse_args(argv)

    trees = {"this tree": ROOT, **({"before": args.before.resolve()} if args.before else {})}
    with tempfile.TemporaryDirectory(prefix="kb-startup-") as tmp:
        envs = {name: prepare(tree, Path(tmp) / name.replace(" ", "-"), args.rows) for name, tree in trees.items()}
        times: dict[tuple[str, str], list[float]] = {}
        peaks: dict[tuple[str, str], list[int]] = {}
        shapes = list(commands(envs["this tree"]))
        large = f"kb query agreements --format json ({args.rows:,} rows)"
        for round_ in range(args.runs + 2):  # two warm-up rounds
            for name, env in envs.items():
                for shape, command in commands(env).items():
                    seconds, _ = run(command)
                    if round_ >= 2:
                        times.setdefault((shape, name), []).append(seconds)
        for _ in range(args.large_runs):
            for name, env in envs.items():
                seconds, peak = run([env["kb"], "query", "agreements", "--db", env["large"], "-f", "json"])
                times.setdefault((large, name), []).append(seconds)
                peaks.setdefault((large, name), []).append(peak)

    rows: list[list[object]] = []
    for shape in [*shapes, large]:
        row: list[object] = [shape]
        for name in trees:
            row.append(f"{statistics.median(times[shape, name]) * 1000:,.0f}")
        if args.before:
            ratio = statistics.median(times[shape, "before"]) / statistics.median(times[shape, "this tree"])
            row.append(f"{ratio:.2f}×")
        if shape == large:
            row.append(" / ".join(f"{max(peaks[shape, n]) / 1024:,.0f}" for n in trees))
        else:
            row.append("")
        rows.append(row)
    columns = ["command", *(f"{n} ms (median)" for n in trees), *(["speed-up"] if args.before else []),
               "peak RSS MB" + (" (this / before)" if args.before else "")]
    print(header("bench_startup"))
    print(f"\n{args.runs} runs per command and tree, medians of wall time; peak RSS is the largest of "
          f"{args.large_runs} runs\n")
    print(table(columns, rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The store phase of a corpus loaded into a copy of an existing base, this tree against another, alternating.

What a grown base adds to a load: the same new articles (with curated facts files) into a copy of `--base`
(a SQLite database; omit it for an empty one), made afresh before each load, this tree and `--before TREE`
(a checkout with its own `uv sync`ed .venv; `--before-base`: its copy of the base, when the trees' revisions
differ) taking turns for `--rounds` rounds. Per tree: the median store
phase (wall seconds, as bench_store.py times it) and the median CPU seconds of the loading process (the
store runs in it; start-up and the coordination of the reading workers included), which a busy machine
disturbs less than wall time.

    uv run python benchmarks/bench_into.py /tmp/new500 --base /tmp/s10k.db --before /tmp/kb-before --rounds 5
    uv run python benchmarks/bench_into.py /tmp/new500 --base /tmp/s10k-0013.db --before /tmp/kb-before \
        --before-base /tmp/s10k.db --rounds 5
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from _common import ROOT, header, table

MEASURE = r"""
import json, resource, sys
from pathlib import Path
sys.path.insert(0, sys.argv[3])
import bench_store
before = resource.getrusage(resource.RUSAGE_SELF)
store, total, articles, *rest = bench_store.timed_store(Path(sys.argv[2]), sys.argv[1])  # then reading ahead
after = resource.getrusage(resource.RUSAGE_SELF)
cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
print(json.dumps({"store": store, "load": total, "articles": articles, "cpu": cpu,
                  "ahead": rest[0] if rest else None}))
"""


def measure(tree: Path, corpus: Path, base: Path | None, work: Path) -> dict[str, float]:
    database = work / "run.db"
    if base is not None:
        shutil.copy(base, database)
    else:
        database.unlink(missing_ok=True)
    done = subprocess.run([str(tree / ".venv" / "bin" / "python"), "-c", MEASURE, f"sqlite:///{database}",
                           str(corpus), str(ROOT / "benchmarks")], cwd=tree, capture_output=True, text=True)
    database.unlink(missing_ok=True)
    if done.returncode:
        raise SystemExit(f"{tree}: {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="articles with curated facts files")
    parser.add_argument("--base", type=Path, help="a SQLite kb database to load into (a copy; default: empty)")
    parser.add_argument("--before", type=Path, help="another kb tree to measure side by side")
    parser.add_argument("--before-base", type=Path,
                        help="the base the other tree loads into, when it needs another revision (default: --base)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    trees = [("this tree", ROOT)] + ([("before", args.before.resolve())] if args.before else [])
    runs: dict[str, list[dict[str, float]]] = {name: [] for name, _ in trees}
    with tempfile.TemporaryDirectory(prefix="kb-bench-into-") as tmp:
        for round_no in range(args.rounds):
            for name, tree in trees if round_no % 2 == 0 else list(reversed(trees)):
                base = args.before_base if name == "before" and args.before_base else args.base
                runs[name].append(measure(tree, args.corpus, base, Path(tmp)))
                print(f"round {round_no + 1}, {name}: store {runs[name][-1]['store']:.2f} s, "
                      f"CPU {runs[name][-1]['cpu']:.2f} s", file=sys.stderr)
    print(header("bench_into"))
    print(f"corpus {args.corpus} into {args.base or 'an empty database'}; medians of {args.rounds} rounds")
    print()
    rows = [[name, int(r[0]["articles"]), statistics.median(x["store"] for x in r), _ahead(r),
             r[0]["articles"] / statistics.median(x["store"] for x in r), statistics.median(x["cpu"] for x in r),
             " ".join(f"{x['store']:.2f}" for x in r)] for name, r in runs.items()]
    print(table(["tree", "articles", "store s", "ahead s", "store articles/s", "process CPU s",
                 "store s, each round"], rows))
    return 0


def _ahead(runs: list[dict[str, float]]) -> float | str:
    """The median time reading ahead (`StoreBatch.read_ahead`, outside the store phase), where the tree has it."""
    times = [x["ahead"] for x in runs if x.get("ahead") is not None]
    return statistics.median(times) if times else "—"


if __name__ == "__main__":
    raise SystemExit(main())

"""The store benchmarks still run against the code they measure (a tiny corpus; nothing about their timings).

A change to `bench_store.timed_store`'s answer once broke `bench_into.py` unnoticed: each is run here end to end.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_bench_into_runs_on_a_tiny_corpus(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    made = _run("benchmarks/generate_corpus.py", "--count", "6", "--out", str(corpus), "--with-facts", "1")
    assert made.returncode == 0, made.stderr
    done = _run("benchmarks/bench_into.py", str(corpus), "--rounds", "1")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "| this tree |" in done.stdout and "store articles/s" in done.stdout

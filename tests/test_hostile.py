"""The hostile-input corpus (tests/hostile/generate.py) loaded on each engine into a database that already
holds articles: no traceback, one line per bad file naming it, every good file stored, nothing stored lost,
exit status 1."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from helpers import CORPUS, kb, rows
from hostile.generate import STORED, load_arguments, write_corpus
from test_load import dump_tables, summary

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")

LINE = re.compile(r"^(Error|Note): (.+?): (.*)$")


def test_the_hostile_corpus_costs_one_line_per_bad_file_and_loses_nothing(url: str, tmp_path: Path) -> None:
    kb("load", CORPUS, "--db", url)
    before = dump_tables(url)
    cases = write_corpus(tmp_path / "hostile")

    result = kb("load", *load_arguments(tmp_path / "hostile"), "--db", url, code=1)

    lines = [line for line in result.stderr.splitlines() if line]
    assert all(LINE.match(line) for line in lines), result.stderr  # no traceback, nothing but one-liners
    said: dict[tuple[str, str], list[str]] = {}
    for line in lines:
        kind, path, problem = LINE.match(line).groups()  # type: ignore[union-attr]
        said.setdefault((kind, path), []).append(problem)
    expected = {("Error" if c.expect in ("error", "skipped") else "Note", str(c.path)): c
                for c in cases if c.expect in ("error", "skipped", "note")}
    assert set(said) == set(expected), result.stderr  # a line for each bad file, and for nothing else
    for key, case in expected.items():
        assert len(said[key]) == 1, (case.name, said[key])
        assert case.problem in said[key][0], (case.name, said[key][0])

    stored_cases = [c for c in cases if c.expect in ("stored", "note")]
    failed = sum(c.expect == "error" for c in cases)
    skipped = sum(c.expect == "skipped" for c in cases)
    assert re.fullmatch(f"{len(stored_cases) + failed + 1} articles: {len(stored_cases)} new, 0 updated, "
                        f"1 unchanged, {failed} failed; \\d+ facts stored; {skipped} skipped", summary(result))
    # Every good file is stored; the copy of an article stored before is that article, not a new one.
    names = {name for (name,) in rows(url, "SELECT file_name FROM article")}
    assert {c.path.name for c in stored_cases} <= names
    assert rows(url, "SELECT count(*) FROM article WHERE file_name = :f", f=f"{STORED}.txt") == [(1,)]
    assert len(names) == len(stored_cases) + 4
    # Nothing stored before is lost or changed.
    after = dump_tables(url)
    for table, before_rows in before.items():
        assert set(before_rows) <= set(after[table]), table

    # Loading it again (without the file that runs out of time): good files unchanged, bad ones failing again.
    next(c for c in cases if c.name == "bad-slow.txt").path.unlink()
    again = kb("load", *load_arguments(tmp_path / "hostile"), "--db", url, code=1)
    assert summary(again) == (f"{len(stored_cases) + failed} articles: 0 new, 0 updated, "
                              f"{len(stored_cases) + 1} unchanged, {failed - 1} failed; 0 facts stored; "
                              f"{skipped} skipped")

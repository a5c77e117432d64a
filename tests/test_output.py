"""Output written as rows come: the same JSON text as one json.dumps, CSV row by row, tables capped."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator

import pytest
from helpers import kb

from kb.cli import output
from kb.cli.common import Format

COLUMNS = ["id", "name", "score"]
ROWS = [(1, "Korea Customs Service", 2.0), (2, "“Quoted”, with a comma", None), (3, "x", 1.5)]


@pytest.mark.parametrize("count", [0, 1, 3])
def test_json_is_the_text_of_one_dump(capsys: pytest.CaptureFixture[str], count: int) -> None:
    output.print_rows(COLUMNS, iter(ROWS[:count]), Format.json)
    expected = [dict(zip(COLUMNS, (i, n, int(s) if s == 2.0 else s), strict=True)) for i, n, s in ROWS[:count]]
    assert capsys.readouterr().out == json.dumps(expected, ensure_ascii=False, indent=2) + "\n"


class Spy(io.StringIO):
    """Stdout that notes how many rows had been fetched when each piece of text was written."""

    def __init__(self, fetched: list[int]) -> None:
        super().__init__()
        self.fetched, self.at_write = fetched, []

    def write(self, text: str) -> int:
        self.at_write.append(self.fetched[0])
        return super().write(text)


@pytest.mark.parametrize("fmt", [Format.json, Format.csv])
def test_rows_are_written_as_they_are_fetched(monkeypatch: pytest.MonkeyPatch, fmt: Format) -> None:
    fetched = [0]

    def rows() -> Iterator[tuple]:
        for i in range(1000):
            fetched[0] += 1
            yield (i, f"row {i}", None)

    spy = Spy(fetched)
    monkeypatch.setattr(sys, "stdout", spy)
    output.print_rows(COLUMNS, rows(), fmt)
    assert fetched[0] == 1000
    assert min(spy.at_write) <= 2  # the first rows were out before the rest were fetched


def test_an_error_on_the_first_row_leaves_stdout_empty(capsys: pytest.CaptureFixture[str]) -> None:
    def failing() -> Iterator[tuple]:
        raise RuntimeError("refused")
        yield ()

    with pytest.raises(RuntimeError):
        output.print_rows(COLUMNS, failing(), Format.csv)
    assert capsys.readouterr().out == ""


def test_a_table_shows_at_most_its_cap_and_says_so(loaded: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(output, "TABLE_ROWS", 2)
    result = kb("query", "articles", "--db", loaded, "-f", "table")
    assert result.stdout.count(".txt") == 2
    assert result.stderr == ("kb: the table shows the first 2 rows; use --limit to choose, or --format csv or "
                             "json for every row\n")
    paged = kb("query", "articles", "--limit", "2", "--db", loaded, "-f", "table").stderr
    assert paged.startswith("kb: more rows: repeat with --after ") and paged.count("\n") == 1  # no cap message

"""What the store knows without reading gives the rows that reading would, and re-deriving writes only what
changes, on both engines.

The store re-derives a row it has just made from what it knows of it (`kb.store.tables.Fresh`: the values it
inserted, the claims it wrote, the posts and parties it made), and takes the countries of agencies and
officials from the load's index (`kb.candidates`), instead of reading them back. Loading the resolution
corpus (joins, descriptors settled, names restored) with that knowledge and without it must give the same
tables, row for row.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from helpers import postgres_schema
from test_load import dump_tables

from kb import driver
from kb.candidates import CountryNames
from kb.db import open_database
from kb.load import load_paths
from kb.store.write import _Writer

CORPUS = Path(__file__).parent / "resolution_corpus"


class _Forgetful(dict):
    """A change that remembers no row it made: every row is read back to be re-derived."""

    def __setitem__(self, key: Any, value: Any) -> None:
        pass


def _load(url: str, folder: Path) -> None:
    engine = open_database(url)
    try:
        report = load_paths(engine, [folder])
    finally:
        engine.dispose()
    assert not report.failed, report.errors


@contextmanager
def _another_database(url: str, tmp_path: Path) -> Iterator[str]:
    if url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'read-back.db'}"
    else:
        with postgres_schema() as other:
            yield other


def test_what_the_store_knows_gives_the_rows_reading_back_would(url: str, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    _load(url, CORPUS)
    known = dump_tables(url)
    written = _Writer.__init__

    def forgetful(self: _Writer, conn: Any, article_id: int, published: str | None, touched: Any) -> None:
        touched.fresh = _Forgetful()
        written(self, conn, article_id, published, touched)

    with _another_database(url, tmp_path) as other:
        monkeypatch.setattr(_Writer, "__init__", forgetful)
        monkeypatch.setattr(CountryNames, "countries", lambda self, ids: ({}, list(ids)))
        _load(other, CORPUS)
        monkeypatch.undo()
        read_back = dump_tables(other)
    assert read_back == known


AGENCY = "  - {name: Federal Customs Service of Ruritania, also: [FCSR], country: RU, kind: customs}\n"


def _article(folder: Path, stem: str, published: str) -> None:
    (folder / f"{stem}.txt").write_text(f"Ruritania and Freedonia signed a customs protocol on {published}. The "
                                        "Federal Customs Service of Ruritania said its director, Ivan Petrovich "
                                        "Sidorov, would sign for it.\n", encoding="utf-8")
    (folder / f"{stem}.facts.yaml").write_text(
        f"format: kb-facts/1\narticle: {{file: {stem}.txt, published: '{published}'}}\n"
        f"agencies:\n{AGENCY}"
        "officials:\n  - {name: Ivan Petrovich Sidorov, country: RU, title: director, "
        "agency: Federal Customs Service of Ruritania}\n"
        "agreements:\n  - {name: Ruritania-Freedonia Customs Protocol, kind: protocol, parties: [RU, FR], "
        "party_agencies: [Federal Customs Service of Ruritania]}\n", encoding="utf-8")


def test_an_article_that_changes_no_row_writes_none(url: str, tmp_path: Path) -> None:
    """The second article says what the first said: its claims and evidence are written, no row's values,
    aliases, posts or parties."""
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    _article(first, "2024-01-02-ruritania", "2024-01-02")
    _article(second, "2024-01-01-ruritania-again", "2024-01-01")  # older: no latest value changes either
    _load(url, first)
    before = dump_tables(url)
    seen: list[str] = []
    driver.observers.append(lambda sql, values: seen.append(" ".join(sql.split())))
    try:
        _load(url, second)
    finally:
        driver.observers.pop()
    writes = [s for s in seen if s.split()[0] in ("INSERT", "UPDATE", "DELETE")]
    # The article's own row is written too (held for the batch, then by the driver, which shows it here).
    # Its agencies' and officials' claims are counted by value (revision 0013): a count, not a row's values.
    assert writes and all(s.split()[2] in ("article", "claim", "claim_value_count", "evidence", "match_decision")
                          for s in writes), writes
    after = dump_tables(url)
    for name in ("agency", "official", "position", "agreement", "agreement_party", "agreement_signatory", "alias"):
        assert after[name] == before[name], name

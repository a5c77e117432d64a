"""The Python front door (`kb.open`) on both engines: it loads as `kb load` does and its records are the rows
of `kb query`, field for field; the example in docs/python.md runs and prints what the page shows."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import astuple, fields
from pathlib import Path

import pytest
from helpers import query

import kb
from kb.records import COUNTRY_SEPARATOR, NAME_SEPARATOR, TITLE_SEPARATOR

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seed"
PYTHON_DOC = ROOT / "docs" / "python.md"
LISTINGS = {"agreements": kb.Agreement, "agencies": kb.Agency, "officials": kb.Official, "flows": kb.Flow,
            "articles": kb.Article}


def test_open_load_and_ask(url: str) -> None:
    with kb.open(url) as db:
        report = db.load(SEED)
        assert (report.new, report.failed, report.skipped, report.errors) == (1, 0, 0, [])
        assert db.load([str(SEED)]).unchanged == 1  # a str, a Path or a list of either

        (protocol,) = db.agreements(country="KR", kind="protocol")
        assert protocol.parties == ("KR", "UZ") and protocol.signed == "2023-09-22"
        assert protocol.signatories == ("Akmalkhuja Mavlonov", "Ko Kwang-hyo")
        assert db.agreements(country=["Uzbekistan", "South Korea"], kind="protocol") == [protocol]
        assert db.agreements(country="FR") == []

        (dogs,) = db.flows(hs="0106")
        assert (dogs.commodity, dogs.hs, dogs.exporter, dogs.importer) == ("service dogs", "0106", "UZ", "KR")
        (juice,) = db.flows(commodity="juice")
        assert juice.quantity == 250.0 and isinstance(juice.quantity, float) and juice.unit == "t"

        assert {a.name for a in db.agencies(kind="customs")} == {"Customs Committee of Uzbekistan",
                                                                 "Korea Customs Service"}
        (chairman,) = db.officials(agency="Customs Committee")
        assert (chairman.name, chairman.title, chairman.country) == ("Akmalkhuja Mavlonov", "chairman", "UZ")
        (article,) = db.articles()
        assert article.published == "2023-09-26" and article.evidence > 0
        assert db.record("agreement", protocol.id)["evidence"]


def test_bad_filters_and_urls_raise_kb_errors(url: str) -> None:
    with kb.open(url) as db:
        with pytest.raises(kb.KbError, match="is not a date"):
            db.agreements(since="last year")
        with pytest.raises(kb.KbError, match="HS code must be digits"):
            db.flows(hs="dogs")
    with pytest.raises(kb.KbError, match="unsupported database"):
        kb.open("mysql://nobody@nowhere/kb")


def test_a_bad_file_is_a_line_in_the_report_and_the_others_load(url: str, tmp_path: Path) -> None:
    shutil.copy(next(SEED.glob("*.txt")), tmp_path / "good.txt")
    (tmp_path / "bad.facts.yaml").write_text("kb-facts: [not, a, facts, file\n", encoding="utf-8")
    (tmp_path / "bad.txt").write_text("An article whose facts file is broken.", encoding="utf-8")
    with kb.open(url) as db:
        report = db.load(tmp_path)
    assert report.new == 1 and report.failed == 1
    assert len(report.errors) == 1 and "bad" in report.errors[0]


def joined(value: object, field_name: str) -> object:
    """A record's tuple as the listing shows it: joined by the view's separator, None when empty."""
    if not isinstance(value, tuple):
        return value
    separator = {"parties": COUNTRY_SEPARATOR, "source_articles": TITLE_SEPARATOR}.get(field_name, NAME_SEPARATOR)
    return separator.join(value) or None


@pytest.mark.parametrize("listing", LISTINGS)
def test_records_are_the_rows_of_kb_query(loaded: str, listing: str) -> None:
    """Same columns in the same order, same values: a column added to a listing must be added to its record."""
    shown = query(loaded, listing)
    with kb.open(loaded) as db:
        records = getattr(db, listing)()
    record_type = LISTINGS[listing]
    assert [f.name for f in fields(record_type)] == list(shown[0]), f"kb.{record_type.__name__} != kb query {listing}"
    assert len(records) == len(shown) > 0
    for record, row in zip(records, shown, strict=True):
        assert isinstance(record, record_type)
        as_listed = [joined(value, f.name) for value, f in zip(astuple(record), fields(record), strict=True)]
        assert as_listed == pytest.approx(list(row.values())), row


def python_blocks(text: str) -> tuple[str, str]:
    """The page's example (its ```python block) and the output shown after it (the ```text block)."""
    code = re.search(r"```python\n(.*?)```", text, re.S)
    output = re.search(r"```python\n.*?```.*?```text\n(.*?)```", text, re.S)
    assert code and output, "docs/python.md needs a ```python example followed by a ```text output block"
    return code.group(1), output.group(1)


def run_example(code: str, folder: Path) -> str:
    """Run a page's example as a script in `folder`, which holds a copy of seed/; its output."""
    shutil.copytree(SEED, folder / "seed")
    (folder / "example.py").write_text(code, encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key != "KB_DATABASE_URL"}
    result = subprocess.run([sys.executable, "example.py"], cwd=folder, env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_documented_example_runs_and_prints_what_the_page_shows(tmp_path: Path) -> None:
    code, shown = python_blocks(PYTHON_DOC.read_text(encoding="utf-8"))
    assert run_example(code, tmp_path) == shown


def test_the_readme_example_runs(tmp_path: Path) -> None:
    (code,) = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    assert "2023-09-22 Protocol amending" in run_example(code, tmp_path)


def test_search_hits_are_the_rows_of_kb_search(loaded: str) -> None:
    """db.search() gives `kb search`'s hits, field for field, as kb.Hit records."""
    from helpers import kb as run_kb

    shown = json.loads(run_kb("search", "customs", "--db", loaded, "-f", "json", "-n", "10").stdout)
    with kb.open(loaded) as db:
        hits = db.search("customs", limit=10)
    assert [f.name for f in fields(kb.Hit)] == list(shown[0])
    assert len(hits) == len(shown) > 0
    for hit, row in zip(hits, shown, strict=True):
        assert isinstance(hit, kb.Hit)
        assert list(astuple(hit)) == pytest.approx(list(row.values())), row

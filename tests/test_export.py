"""`kb export` on both engines: each format read back by the tools it is for, filters, and bad destinations.

CSV is read through its datapackage.json by the `frictionless` library; FollowTheMoney entities are
validated by the `followthemoney` model; Comtrade rows are checked column by column on the seed; the
SQLite copy is opened by kb itself. Databases are only read, so each engine's are loaded once.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import CORPUS, kb, postgres_schema, query, rows

from kb.db import HEAD_REVISION
from kb.export.relations import VIEWS, tables
from kb.export.selection import _CONDITIONS

SEED = Path(__file__).resolve().parent.parent / "seed"
KINDS = ("agreements", "agencies", "officials", "flows", "articles")


def _loaded(request: pytest.FixtureRequest, folder: Path, source: Path) -> Iterator[str]:
    shutil.copytree(source, folder / "articles")
    if request.param == "sqlite":
        url = f"sqlite:///{folder / 'kb.db'}"
        kb("load", folder / "articles", "--db", url)
        yield url
        return
    with postgres_schema() as url:
        kb("load", folder / "articles", "--db", url)
        yield url


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def corpus(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """tests/data/corpus (curated facts files) loaded on each engine."""
    yield from _loaded(request, tmp_path_factory.mktemp("corpus"), CORPUS)


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def seeded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """seed/ (one article, read by the extractor) loaded on each engine."""
    yield from _loaded(request, tmp_path_factory.mktemp("seed"), SEED)


def export(url: str, *args: object, code: int = 0) -> str:
    return kb("export", *args, "--db", url, code=code).stdout


def count(url: str, relation: str) -> int:
    return rows(url, f"SELECT count(*) FROM {relation}")[0][0]


# ---------------------------------------------------------------- csv + datapackage.json

def test_every_table_has_a_condition_for_filtered_exports() -> None:
    assert {t.name for t in tables()} | set(VIEWS) == set(_CONDITIONS)


def test_csv_folder_reads_back_with_its_types(seeded: str, tmp_path: Path) -> None:
    from frictionless import Package, validate

    out = tmp_path / "csv"
    export(seeded, "--format", "csv", "--out", out)
    report = validate(out / "datapackage.json")
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])[:5]
    package = Package(out / "datapackage.json")
    assert {r.name for r in package.resources} == {t.name for t in tables()} | set(VIEWS)
    for resource in package.resources:
        assert len(resource.read_rows()) == count(seeded, resource.name), resource.name
    flows = {r["commodity"]: r for r in package.get_resource("trade_flow").read_rows()}
    assert flows["service dogs"]["hs_code"] == "0106"  # text, not the number 106
    assert flows["fruit juice"]["hs_code"] == "2009"
    assert flows["fruit juice"]["quantity_kg"] == 250_000 and isinstance(flows["fruit juice"]["id"], int)
    assert flows["service dogs"]["quantity"] is None and flows["service dogs"]["period_start"] == "2023-08"
    (overview,) = [r for r in package.get_resource("trade_flow_overview").read_rows() if r["hs_code"] == "0106"]
    assert overview["article_count"] == 1 and overview["exporter_organisation"] == "National Cynology Center"
    (article,) = package.get_resource("article").read_rows()
    assert article["loaded_at"].year >= 2024 and article["published"] == "2023-09-26"


def test_a_reader_that_guesses_types_loses_the_leading_zero(seeded: str, tmp_path: Path) -> None:
    """Why the descriptor is there: without it, the same file's HS code is read as a number."""
    from frictionless import Resource

    out = tmp_path / "csv"
    export(seeded, "--format", "csv", "--out", out)
    guessed = Resource(str(out / "trade_flow.csv"))
    codes = {r["commodity"]: r["hs_code"] for r in guessed.read_rows()}
    assert codes["service dogs"] == 106


def test_jsonl_has_every_row_with_json_types(corpus: str) -> None:
    lines = [json.loads(line) for line in export(corpus, "--format", "jsonl").splitlines()]
    for relation in [t.name for t in tables()] + list(VIEWS):
        assert sum(1 for line in lines if line["table"] == relation) == count(corpus, relation), relation
    soy = next(line["row"] for line in lines if line["table"] == "trade_flow" and line["row"]["hs_code"] == "2304")
    assert soy["quantity"] == 3000 and soy["quantity_kg"] == 3_000_000 and soy["value"] == 1_500_000
    assert soy["currency"] == "USD" and soy["period_start"] == "2021"


# ---------------------------------------------------------------- sqlite

def test_sqlite_copy_is_a_kb_database_with_the_same_answers(corpus: str, tmp_path: Path) -> None:
    out = tmp_path / "copy.db"
    export(corpus, "--format", "sqlite", "--out", out)
    copy = f"sqlite:///{out}"
    for command in KINDS:
        assert query(copy, command) == query(corpus, command), command
    for table in tables():
        assert count(copy, table.name) == count(corpus, table.name), table.name
    assert HEAD_REVISION in kb("db", "current", "--db", copy).stdout
    with sqlite3.connect(out) as plain:  # what Datasette and sqlite3 see
        names = {r[0] for r in plain.execute("SELECT name FROM sqlite_master WHERE type = 'view'")}
        assert set(VIEWS) <= names
        assert plain.execute("PRAGMA foreign_key_check").fetchall() == []


def test_sqlite_copy_keeps_an_amendment_that_points_forward(seeded: str, tmp_path: Path) -> None:
    """In the seed the protocol (row 1) amends the agreement stored after it (row 2)."""
    out = tmp_path / "copy.db"
    export(seeded, "--format", "sqlite", "--out", out)
    assert rows(f"sqlite:///{out}", "SELECT id, amends_id FROM agreement ORDER BY id") == \
        rows(seeded, "SELECT id, amends_id FROM agreement ORDER BY id")
    assert query(f"sqlite:///{out}", "agreements") == query(seeded, "agreements")


# ---------------------------------------------------------------- FollowTheMoney

def entities(url: str, *args: str) -> list[dict]:
    return [json.loads(line) for line in export(url, "--format", "ftm", *args).splitlines()]


def assert_valid(data: list[dict]) -> None:
    """Every entity valid against the followthemoney model, and every reference one of the entities."""
    from followthemoney import model

    ids = {e["id"] for e in data}
    assert len(ids) == len(data), "an id is used twice"
    for entity in data:
        schema = model.get(entity["schema"])
        assert schema is not None and not schema.abstract, entity["schema"]
        schema.validate(entity)  # raises InvalidData
        proxy = model.get_proxy(entity, cleaned=False)
        for prop, value in proxy.itervalues():
            assert prop.type.clean(value) == value, (entity["id"], prop.name, value)
            if prop.type.name == "entity":
                assert value in ids, f"{entity['id']}.{prop.name} points at {value}, which is not exported"
        for name in schema.required:
            assert proxy.get(name), (entity["id"], name)


def test_ftm_entities_are_valid_and_complete(corpus: str) -> None:
    data = entities(corpus)
    assert_valid(data)
    by_schema: dict[str, list[dict]] = {}
    for entity in data:
        by_schema.setdefault(entity["schema"], []).append(entity)
    assert len(by_schema["Article"]) == count(corpus, "article")
    assert len(by_schema["Person"]) == count(corpus, "official")
    assert len(by_schema["Position"]) == len(by_schema["Occupancy"]) == count(corpus, "position")
    assert len(by_schema["Contract"]) == count(corpus, "agreement")
    assert len(by_schema["EconomicActivity"]) == count(corpus, "trade_flow")
    organisations = sum(len(by_schema.get(s, [])) for s in ("PublicBody", "Company", "Organization"))
    assert organisations == count(corpus, "agency")
    assert {e["properties"]["name"][0] for e in by_schema["PublicBody"]} >= {"Directorate of Customs of Iceland"}
    assert "Agroexport Guarani SA" in {e["properties"]["name"][0] for e in by_schema["Company"]}
    (no_agency,) = [e for e in by_schema["Position"] if "organization" not in e["properties"]]
    assert no_agency["properties"]["name"] == ["commissioner"] and no_agency["properties"]["country"] == ["fj"]
    signatories = [e for e in by_schema["UnknownLink"] if e["properties"]["role"] == ["signatory"]]
    assert len(signatories) == count(corpus, "agreement_signatory")
    (soy,) = [e for e in by_schema["EconomicActivity"] if e["properties"].get("vedCode") == ["2304"]]
    assert soy["properties"]["departureCountry"] == ["py"] and soy["properties"]["destinationCountry"] == ["is"]
    assert soy["properties"]["description"] == ["3,000 t (3,000,000 kg); 1,500,000 USD"]
    quotes = {q for e in by_schema["Documentation"] for q in e["properties"].get("summary", [])}
    quotes |= {q for e in by_schema["EconomicActivity"] for q in e["properties"].get("summary", [])}
    stored = {r[0] for r in rows(corpus, "SELECT quote FROM evidence WHERE quote IS NOT NULL")}
    assert stored and stored <= quotes  # every evidence quote is kept


def test_ftm_seed_posts_and_amendment(seeded: str) -> None:
    data = entities(seeded)
    assert_valid(data)
    people = {e["properties"]["name"][0]: e for e in data if e["schema"] == "Person"}
    assert people["Ko Kwang-hyo"]["properties"]["position"] == ["chief, Korea Customs Service"]
    posts = {e["id"]: e for e in data if e["schema"] == "Position"}
    (held,) = [e for e in data if e["schema"] == "Occupancy"
               and e["properties"]["holder"] == [people["Ko Kwang-hyo"]["id"]]]
    assert posts[held["properties"]["post"][0]]["properties"]["name"] == ["chief, Korea Customs Service"]
    assert held["properties"]["date"] == ["2023-09-26"]
    (amends,) = [e for e in data if e["schema"] == "UnknownLink" and e["properties"]["role"] == ["amends"]]
    contracts = {e["id"]: e["properties"]["name"][0] for e in data if e["schema"] == "Contract"}
    assert contracts[amends["properties"]["subject"][0]].startswith("Protocol amending")
    assert contracts[amends["properties"]["object"][0]].startswith("Uzbekistan-South Korea agreement")


# ---------------------------------------------------------------- Comtrade

SEED_COMTRADE = [
    {"typeCode": "C", "freqCode": "M", "refPeriodId": "20230801", "refYear": "2023", "refMonth": "8",
     "period": "202308", "reporterCode": "860", "reporterISO": "UZB", "reporterDesc": "Uzbekistan",
     "flowCode": "X", "flowDesc": "Export", "partnerCode": "410", "partnerISO": "KOR", "partnerDesc": "South Korea",
     "classificationCode": "HS", "cmdCode": "0106", "cmdDesc": "service dogs", "aggrLevel": "4",
     "qtyUnitCode": "-1", "qtyUnitAbbr": "N/A", "qty": "", "netWgt": "", "primaryValue": "",
     "kbPeriod": "2023-08", "kbRatePeriod": "", "kbQuantity": "", "kbUnit": "", "kbValue": "", "kbCurrency": "",
     "kbSourceUrl": "", "kbSourceTitle": "Uzbekistan, Korea boost customs cooperation"},
    # "annually exports 250 tons": a yearly rate of no stated year, so no Comtrade period
    {"typeCode": "C", "freqCode": "", "refPeriodId": "", "refYear": "", "refMonth": "", "period": "",
     "reporterCode": "860", "reporterISO": "UZB", "reporterDesc": "Uzbekistan",
     "flowCode": "X", "flowDesc": "Export", "partnerCode": "410", "partnerISO": "KOR", "partnerDesc": "South Korea",
     "classificationCode": "HS", "cmdCode": "2009", "cmdDesc": "fruit juice", "aggrLevel": "4",
     "qtyUnitCode": "8", "qtyUnitAbbr": "kg", "qty": "250000", "netWgt": "250000", "primaryValue": "",
     "kbPeriod": "", "kbRatePeriod": "year", "kbQuantity": "250", "kbUnit": "t", "kbValue": "", "kbCurrency": "",
     "kbSourceUrl": "", "kbSourceTitle": "Uzbekistan, Korea boost customs cooperation"},
]


def comtrade(url: str, *args: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(export(url, "--format", "comtrade", *args))))


def test_comtrade_rows_on_the_seed_column_by_column(seeded: str) -> None:
    got = comtrade(seeded)
    assert len(got) == len(SEED_COMTRADE)
    for row, expected in zip(got, SEED_COMTRADE, strict=True):
        row.pop("kbTradeFlowId")
        for column, value in expected.items():
            assert row[column] == value, f"{expected['cmdDesc']}: {column} is {row[column]!r}, expected {value!r}"
        assert set(row) == set(expected)


def test_comtrade_value_only_in_dollars_and_filters(corpus: str) -> None:
    got = {r["cmdCode"]: r for r in comtrade(corpus)}
    assert got["2304"]["primaryValue"] == "1500000" and got["2304"]["freqCode"] == "A"
    assert got["2304"]["period"] == "2021" and got["2304"]["refMonth"] == "52"
    assert (got["2304"]["reporterISO"], got["2304"]["partnerISO"]) == ("PRY", "ISL")
    assert got["2304"]["netWgt"] == "3000000"
    assert [r["cmdCode"] for r in comtrade(corpus, "--hs", "03")] == ["0303"]
    assert {r["cmdCode"] for r in comtrade(corpus, "--country", "FJ")} == {"1211"}


def test_comtrade_reporter_is_the_importer_when_the_exporter_is_unknown() -> None:
    from kb.export.comtrade import comtrade_row

    flow = {"id": 9, "commodity": "wheat", "hs_code": "1001", "exporter_country_code": None,
            "importer_country_code": "FR", "quantity": 5, "unit": "bottles", "quantity_kg": None, "value": 7.0,
            "currency": "EUR", "rate_period": None, "period_start": "2022-01", "period_end": "2022-03",
            "source_url": "https://example.org/a", "source_title": "A"}
    row = comtrade_row(flow)
    assert (row["flowCode"], row["reporterCode"], row["reporterISO"], row["partnerISO"]) == ("M", 251, "FRA", None)
    assert row["primaryValue"] is None and row["kbValue"] == 7.0 and row["kbCurrency"] == "EUR"
    assert (row["qtyUnitCode"], row["qty"], row["kbUnit"]) == (-1, None, "bottles")  # no Comtrade unit for bottles
    assert row["period"] is None and row["kbPeriod"] == "2022-01/2022-03"  # a quarter is not a Comtrade period


# ---------------------------------------------------------------- filters

def test_filters_select_what_kb_query_selects_and_what_it_refers_to(corpus: str, tmp_path: Path) -> None:
    out = tmp_path / "fj"
    export(corpus, "--format", "csv", "--out", out, "--country", "FJ")

    def ids(name: str, column: str = "id") -> set[int]:
        with (out / f"{name}.csv").open(encoding="utf-8") as f:
            return {int(r[column]) for r in csv.DictReader(f)}

    assert ids("agreement") == {a["id"] for a in query(corpus, "agreements", "--party", "FJ")}
    assert ids("trade_flow") == {f["id"] for f in query(corpus, "flows", "--exporter", "FJ")}
    # the agencies of Fiji, and Iceland's party agencies of those agreements
    assert {a["id"] for a in query(corpus, "agencies", "--country", "FJ")} < ids("agency")
    assert ids("agreement_party", "agreement_id") == ids("agreement")
    # the articles are those whose evidence supports an exported row (articles are no kind --country filters)
    assert ids("article") == ids("evidence", "article_id")
    assert 0 < len(ids("evidence")) < count(corpus, "evidence")  # evidence of the rows left out stays out
    assert_valid(entities(corpus, "--country", "FJ"))  # a closed graph: every reference is exported too
    only_flows = entities(corpus, "--hs", "2304")
    assert {e["schema"] for e in only_flows} == {"EconomicActivity", "Company", "Documentation", "Article"}
    assert_valid(only_flows)


# ---------------------------------------------------------------- bad input

def one_line_error(result_output: str, *words: str) -> None:
    lines = [line for line in result_output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), result_output
    for word in words:
        assert word in lines[0], lines[0]


def test_bad_values_give_one_line(seeded: str, tmp_path: Path) -> None:
    one_line_error(kb("export", "--format", "xml", "--db", seeded, code=2).output, "'xml'", "comtrade")
    one_line_error(kb("export", "--db", seeded, code=2).output, "--format")
    one_line_error(kb("export", "--format", "csv", "--db", seeded, code=2).output, "--out")
    one_line_error(kb("export", "--format", "sqlite", "--out", "-", "--db", seeded, code=2).output, "--out")
    one_line_error(kb("export", "-f", "sqlite", "-o", tmp_path / "a.db", "--hs", "01", "--db", seeded,
                      code=2).output, "whole database")
    one_line_error(kb("export", "-f", "ftm", "--only", "treaties", "--db", seeded, code=1).output, "treaties")
    one_line_error(kb("export", "-f", "ftm", "--only", "agreements", "--hs", "01", "--db", seeded, code=1).output,
                   "--hs", "agreements")
    one_line_error(kb("export", "-f", "ftm", "--since", "last year", "--db", seeded, code=1).output, "--since")
    missing = tmp_path / "no" / "such" / "kb.db"
    one_line_error(kb("export", "-f", "sqlite", "-o", missing, "--db", seeded, code=1).output, "does not exist")
    one_line_error(kb("export", "-f", "csv", "-o", tmp_path / "no" / "such", "--db", seeded, code=1).output,
                   "cannot create")
    assert not missing.parent.exists()


def test_an_earlier_export_is_kept_unless_forced(seeded: str, tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    one_line_error(kb("export", "-f", "csv", "-o", folder, "--db", seeded, code=1).output, "not empty", "--force")
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]
    export(seeded, "-f", "csv", "-o", folder, "--force")
    assert (folder / "datapackage.json").exists() and (folder / "notes.txt").read_text(encoding="utf-8") == "mine"
    target = tmp_path / "kb.jsonl"
    target.write_text("earlier\n", encoding="utf-8")
    one_line_error(kb("export", "-f", "jsonl", "-o", target, "--db", seeded, code=1).output, "exists")
    assert target.read_text(encoding="utf-8") == "earlier\n"
    export(seeded, "-f", "jsonl", "-o", target, "--force")
    assert json.loads(target.read_text(encoding="utf-8").splitlines()[0])["table"] == "agreement"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []


def test_unwritable_destination(seeded: str, tmp_path: Path) -> None:
    """/proc takes no new files, even from root (CI runs as root, where permissions would not stop it)."""
    for fmt in ("comtrade", "sqlite"):
        one_line_error(kb("export", "-f", fmt, "-o", "/proc/kb-export", "--db", seeded, code=1).output,
                       "cannot write /proc/kb-export")
    one_line_error(kb("export", "-f", "csv", "-o", "/proc/kb-export", "--db", seeded, code=1).output,
                   "cannot create the folder")
    a_file = tmp_path / "a-file"
    a_file.write_text("", encoding="utf-8")
    one_line_error(kb("export", "-f", "ftm", "-o", a_file / "x.ftm", "--db", seeded, code=1).output,
                   "is not a folder")

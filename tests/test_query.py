"""`kb query …` on both engines: every filter each listing offers, formats, limits, --show-sql, bad input.

The tests only read, so they share one database per engine, loaded once from
the invented corpus in tests/data/corpus (hand-written facts files).
"""

from __future__ import annotations

import csv
import io
import json

import pytest
import typer
import typer.testing
from helpers import kb, query

from kb.cli import app


# How each listing's rows are named in the expectations below.
def label(command: str, row: dict) -> str:
    if command == "agreements":
        return row["signed"] or row["name"]
    if command == "agencies":
        return f"{row['name']} ({row['country']})"
    if command == "officials":
        return f"{row['name']}, {row['title']}, {row['agency']}"
    if command == "flows":
        return row["commodity"]
    return row["file"][:10]


ORIG, PROT, MOU1, MOU2 = "2021-04-08", "2022-06-13", "2023-01-30", "2023-11-17"
FTA = "Fiji-Iceland free trade agreement"
DCI = "Directorate of Customs of Iceland (IS)"
AGRO = "Agroexport Guarani SA (PY)"
NCD_PY, NCD_FJ = "National Customs Directorate (PY)", "National Customs Directorate (FJ)"
LOSANA_NCD = "Losana Vakaloloma, commissioner, National Customs Directorate"
LOSANA = "Losana Vakaloloma, commissioner, None"
MATEO = "Mateo Villalba Gauto, director, National Customs Directorate"
SOLVEIG_DD = "Solveig Arnardottir, deputy director, Directorate of Customs of Iceland"
SOLVEIG_DG = "Solveig Arnardottir, director general, Directorate of Customs of Iceland"
A1, A2, A3, A4 = "2021-04-10", "2022-06-15", "2023-02-01", "2023-11-20"

# (command, filter arguments, labels of the rows expected, in order)
CASES = [
    ("agreements", [], [MOU2, MOU1, PROT, ORIG, FTA]),
    ("agreements", ["--party", "PY"], [PROT, ORIG]),
    ("agreements", ["--country", "Paraguay"], [PROT, ORIG]),
    ("agreements", ["--party", "fj", "--party", "Iceland"], [MOU2, MOU1, FTA]),
    ("agreements", ["--party", "PY", "--party", "FJ"], []),
    ("agreements", ["--party", "South Korea"], []),
    ("agreements", ["--kind", "protocol"], [PROT]),
    ("agreements", ["--kind", "Memorandum"], [MOU2, MOU1]),
    ("agreements", ["--status", "negotiating"], [FTA]),
    ("agreements", ["--status", "in_force"], [MOU2]),
    ("agreements", ["--since", "2023"], [MOU2, MOU1]),
    ("agreements", ["--until", "2021"], [ORIG]),
    ("agreements", ["--since", "2022-06", "--until", "2023-01"], [MOU1, PROT]),
    ("agreements", ["--since", "2023-01-30", "--until", "2023-01-30"], [MOU1]),
    ("agreements", ["--agency", "Icelandic"], [ORIG]),  # a party agency's alias
    ("agreements", ["--agency", "Directorate of Customs of Iceland"], [MOU1, PROT, ORIG]),  # party or signatory
    ("agreements", ["--official", "villalba"], [ORIG]),
    ("agreements", ["--official", "Vakaloloma"], [MOU2, MOU1]),
    ("agreements", ["--contains", "suva"], [MOU1]),  # evidence quote
    ("agreements", ["-c", "free trade"], [FTA]),  # name
    ("agreements", ["--party", "IS", "--kind", "memorandum", "--since", "2023-06"], [MOU2]),
    ("agencies", [], [AGRO, DCI, NCD_PY, NCD_FJ]),  # by name, then id
    ("agencies", ["--country", "IS"], [DCI]),
    ("agencies", ["--country", "Iceland"], [DCI]),
    ("agencies", ["--country", "paraguay"], [AGRO, NCD_PY]),
    ("agencies", ["--kind", "company"], [AGRO]),
    ("agencies", ["--kind", "customs"], [DCI, NCD_PY, NCD_FJ]),
    ("agencies", ["--contains", "dci"], [DCI]),  # alias
    ("agencies", ["--contains", "Paraguayan"], [NCD_PY]),
    ("agencies", ["--contains", "national", "--country", "FJ"], [NCD_FJ]),
    ("officials", [], [LOSANA_NCD, LOSANA, MATEO, SOLVEIG_DD, SOLVEIG_DG]),
    ("officials", ["--agency", "DCI"], [SOLVEIG_DD, SOLVEIG_DG]),  # alias
    ("officials", ["--agency", "national customs"], [LOSANA_NCD, MATEO]),
    ("officials", ["--country", "FJ"], [LOSANA_NCD, LOSANA]),
    ("officials", ["--country", "Fiji"], [LOSANA_NCD, LOSANA]),
    ("officials", ["--title", "director"], [MATEO, SOLVEIG_DD, SOLVEIG_DG]),
    ("officials", ["--title", "commissioner"], [LOSANA_NCD, LOSANA]),
    ("officials", ["--contains", "arnardottir"], [SOLVEIG_DD, SOLVEIG_DG]),
    ("flows", [], ["soybean meal", "frozen cod", "kava"]),
    ("flows", ["--commodity", "cod"], ["frozen cod"]),
    ("flows", ["--commodity", "MEAL"], ["soybean meal"]),
    ("flows", ["--hs", "03"], ["frozen cod"]),
    ("flows", ["--hs", "1211"], ["kava"]),
    ("flows", ["--exporter", "PY"], ["soybean meal"]),
    ("flows", ["--from", "Paraguay"], ["soybean meal"]),
    ("flows", ["--importer", "IS"], ["soybean meal", "kava"]),
    ("flows", ["--to", "iceland"], ["soybean meal", "kava"]),
    ("flows", ["--since", "2021"], ["soybean meal"]),
    ("flows", ["--until", "2020"], ["frozen cod"]),
    ("flows", ["--since", "2020", "--until", "2020-12"], ["frozen cod"]),
    ("flows", ["--contains", "shipped"], ["frozen cod"]),  # evidence quote
    ("flows", ["--contains", "every year"], ["kava"]),
    ("articles", [], [A4, A3, A2, A1]),
    ("articles", ["--publisher", "island"], [A4, A3]),
    ("articles", ["--publisher", "North Wire"], [A1]),
    ("articles", ["--since", "2022"], [A4, A3, A2]),
    ("articles", ["--until", "2022-06"], [A2, A1]),
    ("articles", ["--since", "2023-02-01", "--until", "2023-02-01"], [A3]),
    ("articles", ["--contains", "kava"], [A3]),  # body
    ("articles", ["--contains", "amend"], [A2]),  # title
]


@pytest.mark.parametrize(("command", "args", "expected"), CASES,
                         ids=[f"{c}{''.join(' ' + a for a in args)}" for c, args, _ in CASES])
def test_filters(loaded: str, command: str, args: list[str], expected: list[str]) -> None:
    assert [label(command, r) for r in query(loaded, command, *args)] == expected


COMMON_OPTIONS = {"--format", "--limit", "--after", "--show-sql", "--db", "--help"}  # --after: tests/test_pages.py


def test_every_filter_the_cli_offers_is_tested() -> None:
    group = typer.main.get_command(app).commands["query"]  # type: ignore[attr-defined]
    assert set(group.commands) == {"agreements", "agencies", "officials", "flows", "articles"}
    for name, command in group.commands.items():
        offered = {opt for p in command.params for opt in p.opts if opt.startswith("--")} - COMMON_OPTIONS
        tested = {a for c, args, _ in CASES if c == name for a in args if a.startswith("--")}
        tested |= {"--contains"} if any(c == name and "-c" in args for c, args, _ in CASES) else set()
        assert offered - tested == set(), name
        assert offered, name


def test_agreement_columns(loaded: str) -> None:
    (row,) = [r for r in query(loaded, "agreements", "--kind", "protocol")]
    assert row == {
        "id": row["id"],
        "name": "Protocol amending the Iceland-Paraguay agreement on mutual assistance in customs matters",
        "kind": "protocol", "parties": "IS, PY", "signed": "2022-06-13", "place": "Asuncion", "status": "signed",
        "signatories": "Solveig Arnardottir",
        "amends": "Iceland-Paraguay agreement on mutual assistance in customs matters",
        "articles": 1, "source_articles": "Paraguay and Iceland amend customs agreement",
    }
    (orig,) = query(loaded, "agreements", "--until", "2021")
    assert orig["signatories"] == "Mateo Villalba Gauto; Solveig Arnardottir"
    assert orig["articles"] == 2
    assert orig["source_articles"] == ("Iceland and Paraguay sign customs assistance agreement | "
                                       "Paraguay and Iceland amend customs agreement")


def test_agency_and_flow_columns(loaded: str) -> None:
    (dci,) = query(loaded, "agencies", "--contains", "dci")
    assert {k: v for k, v in dci.items() if k != "id"} == {
        "name": "Directorate of Customs of Iceland", "country": "IS", "kind": "customs",
        "aliases": "DCI; Icelandic Directorate of Customs", "articles": 3,
        "first_seen": "2021-04-10", "last_seen": "2023-02-01"}
    (soy,) = query(loaded, "flows", "--hs", "2304")
    assert {k: v for k, v in soy.items() if k != "id"} == {
        "commodity": "soybean meal", "hs": "2304", "exporter": "PY", "importer": "IS", "quantity": 3000,
        "unit": "t", "quantity_kg": 3000000, "value": 1500000, "currency": "USD", "per": None, "period": "2021",
        "exporter_organisation": "Agroexport Guarani SA", "articles": 1}
    (kava,) = query(loaded, "flows", "--commodity", "kava")
    assert kava["per"] == "year" and kava["period"] is None


def test_articles_columns(loaded: str) -> None:
    rows = query(loaded, "articles", "--since", "2023-11")
    assert [{k: v for k, v in r.items() if k != "id"} for r in rows] == [{
        "published": "2023-11-20", "publisher": "Island Times",
        "title": "Fiji and Iceland renew customs memorandum, eye trade deal",
        "file": "2023-11-20-island-times-fiji-iceland-second-memorandum.txt", "facts": "curated", "evidence": 4}]


@pytest.mark.parametrize("command", ["agreements", "agencies", "officials", "flows", "articles"])
def test_formats_give_the_same_rows(loaded: str, command: str) -> None:
    as_json = query(loaded, command)
    assert as_json
    as_csv = list(csv.DictReader(io.StringIO(kb("query", command, "--db", loaded, "--format", "csv").stdout)))
    assert list(as_csv[0]) == list(as_json[0])
    assert len(as_csv) == len(as_json)
    for c, j in zip(as_csv, as_json, strict=True):
        assert c == {k: "" if v is None else str(v) for k, v in j.items()}
    table = kb("query", command, "--db", loaded, "-f", "table").stdout
    for column in as_json[0]:
        assert column in table
    first = as_json[0]
    shown = first.get("name") or first.get("commodity") or first.get("title")
    assert shown[:20] in table


def test_csv_is_the_default_when_piped(loaded: str) -> None:
    out = kb("query", "agencies", "--db", loaded).stdout
    assert out.splitlines()[0] == "id,name,country,kind,aliases,articles,first_seen,last_seen"


def test_table_has_a_title_and_says_when_there_are_no_rows(loaded: str) -> None:
    assert "Agreements" in kb("query", "agreements", "--db", loaded, "-f", "table").stdout
    empty = kb("query", "agencies", "--country", "NZ", "--db", loaded, "-f", "table").stdout
    assert "(no rows)" in empty


@pytest.mark.parametrize("command", ["agreements", "agencies", "officials", "flows", "articles"])
def test_limit(loaded: str, command: str) -> None:
    everything = query(loaded, command)
    assert query(loaded, command, "--limit", "2") == everything[:2]
    assert query(loaded, command, "-n", "1") == everything[:1]


def test_limit_must_be_positive(loaded: str) -> None:
    result = kb("query", "agencies", "--limit", "0", "--db", loaded, code=2)
    assert "--limit" in result.output


def test_show_sql_prints_the_query_and_its_parameters(loaded: str) -> None:
    result = kb("query", "agreements", "--party", "Paraguay", "--limit", "1", "--show-sql", "--db", loaded,
                "-f", "json")
    assert result.stderr.startswith("SELECT ")
    assert "FROM agreement_overview" in result.stderr
    assert "p.country_code = :country0" in result.stderr
    assert "LIMIT :limit" in result.stderr
    assert "-- parameters: {'country0': 'PY', 'limit': 2}" in result.stderr  # one more: is there a next page?
    assert [r["signed"] for r in json.loads(result.stdout)] == [PROT]


@pytest.mark.parametrize("command", ["agreements", "agencies", "officials", "flows", "articles"])
def test_shown_sql_runs_as_is_in_kb_sql(loaded: str, command: str) -> None:
    """Without filters the printed SQL has no parameters: pasted into `kb sql`, it gives the same rows."""
    result = kb("query", command, "--show-sql", "--db", loaded, "-f", "json")
    assert "-- parameters" not in result.stderr
    again = kb("sql", result.stderr.strip(), "--db", loaded, "-f", "json")
    assert json.loads(again.stdout) == json.loads(result.stdout)


UNKNOWN = [
    ("agreements", "--party"), ("agencies", "--country"), ("officials", "--country"),
    ("flows", "--exporter"), ("flows", "--importer"),
]


@pytest.mark.parametrize(("command", "option"), UNKNOWN)
def test_unknown_country_is_a_clear_error(loaded: str, command: str, option: str) -> None:
    result = kb("query", command, option, "Atlantis", "--db", loaded, code=1)
    assert result.stderr == ("Error: unknown country 'Atlantis': give an ISO code such as KR or a name such as "
                             "'South Korea'\n")
    assert result.stdout == ""


def test_two_letters_that_are_no_country_are_refused(loaded: str) -> None:
    result = kb("query", "agencies", "--country", "XQ", "--db", loaded, code=1)
    assert result.stderr.startswith("Error: unknown country 'XQ'")


def test_hs_code_must_be_digits(loaded: str) -> None:
    result = kb("query", "flows", "--hs", "0a03", "--db", loaded, code=1)
    assert result.stderr == "Error: HS code must be digits, e.g. 0809 or 08: '0a03'\n"


@pytest.mark.parametrize(("command", "option", "value"), [
    ("agreements", "--since", "yesterday"), ("agreements", "--until", "2023-13"), ("flows", "--since", "23"),
    ("articles", "--until", "2023/05/01")])
def test_a_date_filter_that_is_no_date_is_a_clear_error(loaded: str, command: str, option: str, value: str) -> None:
    result = kb("query", command, option, value, "--db", loaded, code=1)
    assert result.stderr == f"Error: {option} {value!r} is not a date: give YYYY, YYYY-MM or YYYY-MM-DD\n"


def test_an_unsupported_database_url_is_a_clear_error() -> None:
    result = kb("query", "agencies", "--db", "mysql://localhost/kb", code=1)
    assert result.stderr == "Error: unsupported database 'mysql': use sqlite or postgresql\n"

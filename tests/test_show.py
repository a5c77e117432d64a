"""`kb show KIND ID` on both engines: every field, every value each article gave, the evidence quotes."""

from __future__ import annotations

import json

import pytest
from helpers import kb


def find(url: str, command: str, *args: str) -> int:
    (row,) = json.loads(kb("query", command, *args, "--db", url, "-f", "json").stdout)
    return row["id"]


def record(url: str, kind: str, rid: int) -> dict:
    return json.loads(kb("show", kind, rid, "--db", url, "--format", "json").stdout)


# (kind, how to find the id: query command and filters)
RECORDS = [
    ("agreement", ("agreements", "--kind", "protocol")),
    ("agreement", ("agreements", "--until", "2021")),
    ("agency", ("agencies", "--contains", "DCI")),
    ("agency", ("agencies", "--kind", "company")),
    ("official", ("officials", "--contains", "villalba")),
    ("flow", ("flows", "--commodity", "cod")),
    ("flow", ("flows", "--commodity", "kava")),
]


@pytest.mark.parametrize(("kind", "lookup"), RECORDS, ids=[f"{k}-{' '.join(q[1:])}" for k, q in RECORDS])
def test_text_shows_every_field_and_every_quote(loaded: str, kind: str, lookup: tuple[str, ...]) -> None:
    rid = find(loaded, *lookup)
    data = record(loaded, kind, rid)
    sections = {"fields", "values", "conflicts", "evidence", "matches"}
    sections |= {"aliases"} if kind != "flow" else set()
    sections |= {"positions"} if kind == "official" else set()
    assert set(data) == sections
    shown = kb("show", kind, rid, "--db", loaded).stdout
    assert shown.splitlines()[0] == f"{kind} {rid}"
    for key, value in data["fields"].items():
        if value not in (None, ""):
            assert f"  {key:<22} {value}" in shown, key
    assert data["evidence"]
    for ev in data["evidence"]:
        assert f"  [{ev['article']}, {ev['published']}] “{ev['quote']}”" in shown
    assert "evidence:" in shown and "matched:" in shown


def test_agreement(loaded: str) -> None:
    rid = find(loaded, "agreements", "--until", "2021")
    data = record(loaded, "agreement", rid)
    fields = data["fields"]
    assert {k: fields[k] for k in ("name", "kind", "parties", "party_agencies", "signed", "place", "status",
                                   "signatories", "amends", "article_count", "first_seen", "last_seen")} == {
        "name": "Iceland-Paraguay agreement on mutual assistance in customs matters", "kind": "agreement",
        "parties": "IS, PY", "party_agencies": "Directorate of Customs of Iceland; National Customs Directorate",
        "signed": "2021-04-08", "place": "Reykjavik", "status": "signed",
        "signatories": "Mateo Villalba Gauto; Solveig Arnardottir", "amends": None, "article_count": 2,
        "first_seen": "2021-04-10", "last_seen": "2022-06-15"}
    assert [(e["article"], e["published"]) for e in data["evidence"]] == [
        ("Iceland and Paraguay sign customs assistance agreement", "2021-04-10"),
        ("Paraguay and Iceland amend customs agreement", "2022-06-15")]
    assert data["evidence"][0]["quote"].startswith("DCI deputy director Solveig Arnardottir")
    assert data["evidence"][0]["char_end"] - data["evidence"][0]["char_start"] == len(data["evidence"][0]["quote"])
    assert {v["value"] for v in data["values"]["party"]} == {"IS", "PY"}
    assert data["values"]["place"] == [{"value": "Reykjavik", "article_id": data["evidence"][0]["article_id"],
                                         "article": "Iceland and Paraguay sign customs assistance agreement",
                                         "published": "2021-04-10"}]
    assert data["conflicts"] == {}
    assert data["matches"][0]["reason"] == "new row"
    assert len(data["matches"]) == 2


def test_protocol_names_what_it_amends(loaded: str) -> None:
    rid = find(loaded, "agreements", "--kind", "protocol")
    shown = kb("show", "agreement", rid, "--db", loaded).stdout
    assert "  amends                 Iceland-Paraguay agreement on mutual assistance in customs matters" in shown
    assert "  signed                 2022-06-13" in shown
    assert "  place                  Asuncion" in shown


def test_agency(loaded: str) -> None:
    rid = find(loaded, "agencies", "--contains", "DCI")
    data = record(loaded, "agency", rid)
    assert data["fields"]["name"] == "Directorate of Customs of Iceland"
    assert data["fields"]["country"] == "Iceland"
    assert data["aliases"] == [{"name": "DCI", "origin": "article"},
                               {"name": "Icelandic Directorate of Customs", "origin": "article"}]
    assert [e["published"] for e in data["evidence"]] == ["2021-04-10", "2022-06-15", "2023-02-01"]
    shown = kb("show", "agency", rid, "--db", loaded).stdout
    assert "aliases: DCI; Icelandic Directorate of Customs" in shown
    # Two articles call it one name, one the other: the conflict is shown with its sources.
    assert "  name = Icelandic Directorate of Customs  — Paraguay and Iceland amend customs agreement (2022-06-15)" \
        in shown


def test_official_lists_posts(loaded: str) -> None:
    rid = find(loaded, "officials", "--contains", "arnardottir", "--title", "deputy")
    data = record(loaded, "official", rid)
    assert data["fields"]["name"] == "Solveig Arnardottir"
    assert data["fields"]["country_code"] == "IS"
    assert [(p["title"], p["agency"], p["first_seen"], p["last_seen"], p["articles"]) for p in data["positions"]] == [
        ("deputy director", "Directorate of Customs of Iceland", "2021-04-10", "2021-04-10", 1),
        ("director general", "Directorate of Customs of Iceland", "2022-06-15", "2023-02-01", 2)]
    assert [e["published"] for e in data["evidence"]] == ["2021-04-10", "2022-06-15", "2023-02-01"]
    shown = kb("show", "official", rid, "--db", loaded).stdout
    assert "positions:" in shown
    assert ("  director general — Directorate of Customs of Iceland (2022-06-15 … 2023-02-01, 2 articles)"
            in shown)
    assert "  deputy director — Directorate of Customs of Iceland (2021-04-10 … 2021-04-10, 1 article)" in shown


def test_flow_with_conflicting_figures(loaded: str) -> None:
    rid = find(loaded, "flows", "--commodity", "cod")
    data = record(loaded, "flow", rid)
    assert data["fields"]["quantity"] == 520  # one article each: the latest
    assert data["fields"]["quantity_kg"] == 520000
    assert data["fields"]["exporter_country"] == "Iceland"
    assert [(v["value"], v["article"]) for v in data["conflicts"]["quantity"]] == [
        ("500", "Iceland and Paraguay sign customs assistance agreement"),
        ("520", "Paraguay and Iceland amend customs agreement")]
    assert "aliases" not in data
    shown = kb("show", "flow", rid, "--db", loaded).stdout
    assert "  quantity = 500  — Iceland and Paraguay sign customs assistance agreement (2021-04-10)" in shown
    assert "  quantity = 520  — Paraguay and Iceland amend customs agreement (2022-06-15)" in shown


@pytest.mark.parametrize(("kind", "plural"), [("agreement", "agreements"), ("agency", "agencies"),
                                              ("official", "officials"), ("flow", "flows")])
def test_unknown_id_is_a_clear_error(loaded: str, kind: str, plural: str) -> None:
    result = kb("show", kind, 9999, "--db", loaded, code=1)
    assert result.stderr == f"Error: no {kind} with id 9999: see `kb query {plural}` for ids\n"
    assert result.stdout == ""
    kb("show", kind, 9999, "--db", loaded, "-f", "json", code=1)


def test_unknown_kind_or_bad_id_is_a_usage_error(loaded: str) -> None:
    for args in (("treaty", 1), ("agency", "one"), ("agency",)):
        assert "Usage: kb show" in kb("show", *args, "--db", loaded, code=2).output

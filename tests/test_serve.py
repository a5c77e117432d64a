"""`kb serve`: Datasette pages as a person browses them, through Datasette's own test client."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path
from typing import Any

import pytest
from helpers import CORPUS, kb
from sqlmodel import SQLModel

from kb.serve import HIDDEN, make_datasette


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp("serve")
    shutil.copytree(CORPUS, folder / "articles")
    path = folder / "kb.db"
    kb("load", folder / "articles", "--db", f"sqlite:///{path}")
    return make_datasette(path)


def get(datasette: Any, path: str) -> Any:
    async def fetch() -> Any:
        return await datasette.client.get(path)

    response = asyncio.run(fetch())
    assert response.status_code == 200, (path, response.text[:500])
    return response


def rows(datasette: Any, path: str) -> list[dict]:
    separator = "&" if "?" in path else "?"
    return get(datasette, f"{path.replace('?', '.json?', 1) if '?' in path else path + '.json'}"
                          f"{separator}_shape=array").json()


def test_the_index_lists_what_analysts_read_and_hides_the_internals(served: Any) -> None:
    page = get(served, "/kb").text
    for name in ("agreement_overview", "agreement_party_overview", "trade_flow_overview", "article", "evidence",
                 "agreements_of_a_country", "flows_between_two_countries", "posts_of_an_official",
                 "evidence_for_a_record"):
        assert f'href="/kb/{name}"' in page, name
    for name in HIDDEN:
        assert f'href="/kb/{name}"' not in page, name
    assert "article_search_data" not in page


def test_every_table_and_column_is_described_from_the_models(served: Any) -> None:
    tables = served.metadata()["databases"]["kb"]["tables"]
    for name, table in SQLModel.metadata.tables.items():
        assert tables[name]["description"] == table.comment
        assert set(tables[name]["columns"]) == {c.name for c in table.columns}, name
    page = get(served, "/kb/agreement").text
    assert "Date of signature, ISO 8601 at the precision known" in page


def test_views_are_described_and_their_ids_link_to_rows_and_evidence(served: Any) -> None:
    page = get(served, "/kb/agreement_overview").text
    assert "Iceland-Paraguay agreement on mutual assistance in customs matters" in page
    assert 'href="/kb/agreement/1"' in page
    assert 'href="/kb/evidence_for_a_record?kind=agreement&amp;id=1"' in page
    assert "Party countries (ISO codes), joined" in page


def test_party_facet_counts_countries_not_combinations(served: Any) -> None:
    facets = get(served, "/kb/agreement_party_overview.json?_facet=country_code").json()["facet_results"]
    counts = {f["value"]: f["count"] for f in facets["country_code"]["results"]}
    assert counts == {"IS": 5, "FJ": 3, "PY": 2}


def test_full_text_search_is_wired_to_the_fts_tables(served: Any) -> None:
    found = rows(served, "/kb/article?_search=cod")
    assert {r["title"] for r in found} == {"Iceland and Paraguay sign customs assistance agreement",
                                           "Paraguay and Iceland amend customs agreement"}
    quotes = rows(served, "/kb/evidence?_search=kava")
    assert [q["quote"] for q in quotes] == ["Fiji sells about 40 tonnes of kava to Iceland every year."]


def test_canned_queries_answer_the_usual_questions(served: Any) -> None:
    agreements = rows(served, "/kb/agreements_of_a_country?country=py")
    assert [a["kind"] for a in agreements] == ["protocol", "agreement"]
    flows = rows(served, "/kb/flows_between_two_countries?a=IS&b=PY")
    assert {(f["commodity"], f["exporter"]) for f in flows} == {("frozen cod", "IS"), ("soybean meal", "PY")}
    posts = rows(served, "/kb/posts_of_an_official?name=Arnardottir")
    assert [p["title"] for p in posts] == ["deputy director", "director general"]
    evidence = rows(served, "/kb/evidence_for_a_record?kind=trade_flow&id=3")
    assert [(e["quote"], e["article_title"]) for e in evidence] == [
        ("Fiji sells about 40 tonnes of kava to Iceland every year.", "Fiji customs sign memorandum with Iceland")]


def test_evidence_rows_link_to_their_article_and_record(served: Any) -> None:
    page = get(served, "/kb/evidence?trade_flow_id=3").text
    assert 'href="/kb/article/3"' in page and "Fiji customs sign memorandum with Iceland" in page
    assert 'href="/kb/trade_flow/3"' in page


def test_the_database_is_served_immutable(served: Any) -> None:
    assert served.databases["kb"].is_mutable is False

    async def write() -> Any:
        return await served.client.get("/kb/-/query?sql=DELETE+FROM+article")

    assert asyncio.run(write()).status_code >= 400


def test_postgresql_is_refused_in_one_line_with_the_way_to_a_copy() -> None:
    result = kb("serve", "--db", "postgresql://nobody@127.0.0.1:1/none", code=1)
    assert result.stderr.strip().splitlines() == [
        "Error: kb serve needs a SQLite database (Datasette reads SQLite only): make a copy with "
        "`kb export --format sqlite --out kb.db`, then run `kb serve --db sqlite:///kb.db`"]


def test_a_missing_database_is_refused(tmp_path: Path) -> None:
    result = kb("serve", "--db", f"sqlite:///{tmp_path / 'none.db'}", code=1)
    assert "no database at" in result.stderr and not (tmp_path / "none.db").exists()


def test_a_port_in_use_is_one_line(tmp_path: Path) -> None:
    import socket

    url = f"sqlite:///{tmp_path / 'kb.db'}"
    kb("load", CORPUS, "--db", url)
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = kb("serve", "--db", url, "--port", port, code=1)
    assert result.stderr.strip().splitlines() == [
        f"Error: cannot listen on 127.0.0.1:{port}: Address already in use; choose another with --port"]

"""`kb search`: one query syntax on both engines, filters, and indexes kept in step with every write."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers import CORPUS, kb, load, rows
from sqlalchemy import text

from kb.db import make_engine
from kb.errors import QueryError
from kb.search import parse

FIJI_2 = "2023-11-20-island-times-fiji-iceland-second-memorandum"


def search(url: str, *args: str, code: int = 0) -> list[dict]:
    return json.loads(kb("search", *args, "--db", url, "-f", "json", code=code).stdout)


def hits(url: str, *args: str) -> set[tuple[str, str]]:
    return {(h["kind"], h["name"]) for h in search(url, *args)}


@pytest.mark.parametrize(("text", "fts5", "tsquery_terms"), [
    ("customs", '"customs"', ["customs"]),
    ("customs agreement", '"customs" AND "agreement"', ["customs", "agreement"]),
    ('"mutual assistance" cod', '"mutual assistance" AND "cod"', ['"mutual assistance"', "cod"]),
    ("cod OR kava meal", '("cod" OR "kava") AND "meal"', ["cod", "kava", "meal"]),
    ("customs -Fiji", '"customs" NOT "Fiji"', ["customs", "Fiji"]),
    ('customs -"free trade"', '"customs" NOT "free trade"', ["customs", '"free trade"']),
    ("U.S. wheat", '"U S" AND "wheat"', ['"U S"', "wheat"]),
    ('say "hi', '"say" AND "hi"', ["say", '"hi"']),
])
def test_one_parse_written_for_each_engine(text: str, fts5: str, tsquery_terms: list[str]) -> None:
    parsed = parse(text)
    assert parsed.fts5() == fts5
    params: dict[str, str] = {}
    expression = parsed.tsquery(params)
    assert list(params.values()) == tsquery_terms
    assert expression.count("websearch_to_tsquery") == len(tsquery_terms)


@pytest.mark.parametrize("text", ["", "  ", "-customs", "OR", '""', "-- ..."])
def test_nothing_to_search_for_is_an_error(text: str) -> None:
    with pytest.raises(QueryError, match="nothing to search for"):
        parse(text)


def test_words_match_in_any_form_best_first(loaded: str) -> None:
    found = search(loaded, "memorandums")  # stemmed on both engines: memorandum
    assert found[0]["kind"] in {"article", "agreement"}
    assert {h["name"] for h in found if h["kind"] == "article"} == {
        "Fiji customs sign memorandum with Iceland", "Fiji and Iceland renew customs memorandum, eye trade deal"}
    assert all("«" in h["snippet"] for h in found)
    assert [h["score"] for h in found] == sorted((h["score"] for h in found), reverse=True)


def test_phrase_or_and_exclusion_mean_the_same_on_both_engines(loaded: str) -> None:
    assert hits(loaded, '"frozen cod"', "--kind", "trade_flow") == {("trade_flow", "frozen cod IS->PY")}
    assert hits(loaded, "kava OR soybean", "--kind", "trade_flow") == {
        ("trade_flow", "kava FJ->IS"), ("trade_flow", "soybean meal PY->IS")}
    articles = hits(loaded, "memorandum -renew", "--kind", "article")
    assert articles == {("article", "Fiji customs sign memorandum with Iceland")}


def test_filters_by_kind_country_and_date(loaded: str) -> None:
    assert {k for k, _ in hits(loaded, "customs", "--kind", "agreement")} == {"agreement"}
    paraguay = hits(loaded, "customs", "--country", "Paraguay", "--kind", "article")
    assert paraguay == {("article", "Iceland and Paraguay sign customs assistance agreement"),
                        ("article", "Paraguay and Iceland amend customs agreement")}
    fiji_agreements = hits(loaded, "memorandum OR agreement", "--country", "FJ", "--kind", "agreement")
    assert {name for _, name in fiji_agreements} == {"Memorandum of understanding on customs cooperation",
                                                    "Fiji-Iceland free trade agreement"}
    dated = search(loaded, "customs", "--since", "2023", "--until", "2023-06")
    assert {h["published"] for h in dated} == {"2023-02-01"}


def test_table_and_csv_output(loaded: str) -> None:
    table = kb("search", "kava", "--db", loaded, "-f", "table").stdout
    assert "Fiji sells about 40 tonnes of «kava» to Iceland every year." in " ".join(table.split())
    csv = kb("search", "kava", "--db", loaded, "-f", "csv").stdout
    assert csv.splitlines()[0] == "kind,id,name,published,article_id,article,snippet,score"


@pytest.mark.parametrize(("args", "message"), [
    (["--", "-cod"], "nothing to search for in '-cod' (words to exclude only)"),
    (["cod", "--kind", "ship"], "--kind 'ship' is not a kind"),
    (["cod", "--since", "2023-13"], "--since '2023-13' is not a date"),
    (["cod", "--country", "Atlantis"], "Atlantis"),
])
def test_bad_input_is_one_line(loaded: str, args: list[str], message: str) -> None:
    result = kb("search", "--db", loaded, *args, code=1)
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_index_follows_reloads_and_curation(url: str, tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    shutil.copytree(CORPUS, folder)
    load(url, folder)
    assert hits(url, "herring", "--kind", "article") == set()
    article = folder / f"{FIJI_2}.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\nHerring talks resume in March.\n",
                       encoding="utf-8")
    load(url, folder)  # an update: the old entry leaves the index, the new one enters
    title = "Fiji and Iceland renew customs memorandum, eye trade deal"
    assert hits(url, "herring", "--kind", "article") == {("article", title)}
    assert [h["name"] for h in search(url, "renew memorandum", "--kind", "article")] == [title]
    # A merge moves evidence to the row kept: the hits name it, and the merged row is gone from them.
    (company,) = rows(url, "SELECT id FROM agency WHERE name = 'Agroexport Guarani SA'")[0]
    (iceland,) = rows(url, "SELECT id FROM agency WHERE name = 'Directorate of Customs of Iceland'")[0]
    assert hits(url, "Agroexport", "--kind", "agency") == {("agency", "Agroexport Guarani SA")}
    kb("merge", "agency", iceland, company, "--db", url)
    assert hits(url, "Agroexport", "--kind", "agency") == {("agency", "Directorate of Customs of Iceland")}


def test_downgrade_and_upgrade_rebuild_the_index(url: str, tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    shutil.copytree(CORPUS, folder)
    load(url, folder)
    before = search(url, "cod OR kava", "-n", "100")
    kb("db", "downgrade", "0007", "--db", url, "--yes")
    kb("db", "upgrade", "--db", url)
    assert search(url, "cod OR kava", "-n", "100") == before


def test_sqlite_triggers_exist_at_head(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    load(url, CORPUS)
    triggers = {name for (name,) in rows(url, "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert {f"{fts}_{event}" for fts in ("article_search", "evidence_search")
            for event in ("insert", "delete", "update")} <= triggers
    # External-content FTS5 tables agree with their content (FTS5's own consistency check).
    engine = make_engine(url)
    with engine.begin() as conn:
        for fts in ("article_search", "evidence_search"):
            conn.execute(text(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')"))  # raises when corrupt
    engine.dispose()


@pytest.mark.parametrize("text", ['"', "NEAR(cod kava)", "cod*", "title:cod", "cod AND", "(cod", "^cod", "cod:",
                                  "'; DROP TABLE article; --", "Ísland", "кава", "cod OR OR kava", "- cod"])
def test_any_text_is_searched_as_words_never_as_engine_syntax(loaded: str, text: str) -> None:
    """FTS5 and tsquery operators in the text are words here: a hit list or the one-line 'nothing to search'."""
    try:
        parse(text)
        code = 0
    except QueryError:
        code = 1
    result = kb("search", "--db", loaded, "-f", "json", "--", text, code=code)
    if code:
        assert result.stderr.startswith("Error: nothing to search for") and result.stderr.count("\n") == 1
    else:
        assert isinstance(json.loads(result.stdout), list)
    assert rows(loaded, "SELECT count(*) FROM article") == [(4,)]

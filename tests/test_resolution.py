"""Resolution across articles, end to end through `kb load` on both engines.

Each test writes small invented articles with hand-written facts files and
checks which rows the knowledge base makes of them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import yaml
from helpers import CORPUS, kb, load, query, rows


def write_article(folder: Path, stem: str, published: str, title: str, **records: list[dict[str, Any]]) -> Path:
    """An invented article (title and one sentence per record) with its hand-written facts file."""
    folder.mkdir(parents=True, exist_ok=True)
    sentences = [f"{title}."]
    for kind, items in records.items():
        for item in items:
            sentence = f"The article reports {item.get('name') or item.get('commodity')} ({kind})."
            sentences.append(sentence)
    article = folder / f"{stem}.txt"
    article.write_text(title + "\n\n" + "\n\n".join(sentences) + "\n", encoding="utf-8")
    facts = {"format": "kb-facts/1",
             "article": {"file": article.name, "title": title, "publisher": "Test Gazette", "published": published},
             **records}
    (folder / f"{stem}.facts.yaml").write_text(yaml.safe_dump(facts, sort_keys=False), encoding="utf-8")
    return article


def show(url: str, kind: str, rid: int) -> dict:
    return json.loads(kb("show", kind, rid, "--db", url, "-f", "json").stdout)


# ---------------------------------------------------------------- agencies

def test_one_agency_named_two_ways_in_two_articles(url: str, tmp_path: Path) -> None:
    write_article(tmp_path, "2019-03-01-a", "2019-03-01", "Tuvalu customs modernise",
                  agencies=[{"name": "Tuvalu Revenue and Customs Department", "also": ["TRCD"], "country": "TV",
                             "kind": "customs"}])
    write_article(tmp_path, "2019-08-01-b", "2019-08-01", "TRCD opens new office",
                  agencies=[{"name": "Tuvalu Customs Department", "also": ["TRCD", "Tuvalu customs"],
                             "country": "TV", "kind": "customs"}])
    load(url, tmp_path)
    (agency,) = query(url, "agencies")
    assert agency["articles"] == 2
    assert agency["country"] == "TV"
    names = {agency["name"], *agency["aliases"].split("; ")}
    assert names == {"Tuvalu Revenue and Customs Department", "Tuvalu Customs Department", "TRCD", "Tuvalu customs"}
    record = show(url, "agency", agency["id"])
    assert [e["article"] for e in record["evidence"]] == ["Tuvalu customs modernise", "TRCD opens new office"]
    assert {a["name"] for a in record["aliases"]} == names - {agency["name"]}
    # Either name finds it.
    assert [a["id"] for a in query(url, "agencies", "--contains", "revenue")] == [agency["id"]]
    assert [a["id"] for a in query(url, "agencies", "--contains", "tuvalu customs department")] == [agency["id"]]


def test_an_abbreviation_alone_finds_the_agency(url: str, tmp_path: Path) -> None:
    write_article(tmp_path, "2019-03-01-a", "2019-03-01", "Tuvalu customs modernise",
                  agencies=[{"name": "Tuvalu Revenue and Customs Department", "also": ["TRCD"], "country": "TV"}])
    write_article(tmp_path, "2019-08-01-b", "2019-08-01", "TRCD reports",
                  agencies=[{"name": "TRCD", "country": "TV"}])
    load(url, tmp_path)
    assert len(query(url, "agencies")) == 1


def test_same_named_customs_services_of_different_countries_stay_apart(url: str, tmp_path: Path) -> None:
    write_article(tmp_path, "2020-01-10-a", "2020-01-10", "Tajik customs digitise",
                  agencies=[{"name": "State Customs Committee", "country": "TJ", "kind": "customs"}])
    write_article(tmp_path, "2020-02-10-b", "2020-02-10", "Armenian customs digitise",
                  agencies=[{"name": "State Customs Committee", "country": "AM", "kind": "customs"}])
    write_article(tmp_path, "2020-03-10-c", "2020-03-10", "Tajik customs again",
                  agencies=[{"name": "State Customs Committee", "country": "TJ", "kind": "customs"}])
    load(url, tmp_path)
    found = {a["country"]: a for a in query(url, "agencies", "--contains", "state customs committee")}
    assert set(found) == {"TJ", "AM"}
    assert found["TJ"]["articles"] == 2 and found["AM"]["articles"] == 1
    assert found["TJ"]["id"] != found["AM"]["id"]
    assert [e["article"] for e in show(url, "agency", found["AM"]["id"])["evidence"]] == ["Armenian customs digitise"]


# ---------------------------------------------------------------- agreements

MEMO = "Memorandum on customs data exchange"


def memo(name: str, signed: str | None) -> dict:
    return {"name": name, "kind": "memorandum", "parties": ["AM", "TJ"], "signed": signed}


def test_agreements_signed_on_different_days_stay_apart(url: str, tmp_path: Path) -> None:
    write_article(tmp_path, "2022-03-06-a", "2022-03-06", "Memorandum signed", agreements=[memo(MEMO, "2022-03-04")])
    write_article(tmp_path, "2023-05-08-b", "2023-05-08", "Memorandum renewed", agreements=[memo(MEMO, "2023-05-06")])
    # The same day, named differently: the first memorandum again.
    write_article(tmp_path, "2022-03-09-c", "2022-03-09", "More on the memorandum",
                  agreements=[memo("Memorandum of understanding on the exchange of customs data", "2022-03-04")])
    # The same name at a coarser date that does not contradict either: it is not a third one.
    write_article(tmp_path, "2022-04-01-d", "2022-04-01", "March memorandum recalled",
                  agreements=[memo(MEMO, "2022-03")])
    load(url, tmp_path)
    found = query(url, "agreements", "--kind", "memorandum")
    assert [(r["signed"], r["articles"]) for r in found] == [("2023-05-06", 1), ("2022-03-04", 3)]
    assert all(r["parties"] == "AM, TJ" for r in found)


def test_protocol_amending_an_agreement_points_at_it(url: str, tmp_path: Path) -> None:
    base = {"name": "Armenia-Tajikistan agreement on customs cooperation", "kind": "agreement",
            "parties": ["AM", "TJ"], "signed": "2015-10-02", "place": "Dushanbe"}
    write_article(tmp_path, "2015-10-05-a", "2015-10-05", "Customs agreement signed", agreements=[base])
    write_article(tmp_path, "2021-06-03-b", "2021-06-03", "Customs agreement amended", agreements=[
        {"name": base["name"], "kind": "agreement", "parties": ["AM", "TJ"]},
        {"name": "Protocol amending the Armenia-Tajikistan agreement on customs cooperation", "kind": "protocol",
         "parties": ["AM", "TJ"], "signed": "2021-06-01", "place": "Yerevan", "amends": base["name"]}])
    load(url, tmp_path)
    found = {r["kind"]: r for r in query(url, "agreements")}
    assert set(found) == {"agreement", "protocol"}
    assert found["protocol"]["amends"] == base["name"]
    assert found["agreement"]["articles"] == 2
    assert rows(url, "SELECT amends_id FROM agreement WHERE id = :id", id=found["protocol"]["id"]) == [
        (found["agreement"]["id"],)]
    assert show(url, "agreement", found["protocol"]["id"])["fields"]["amends"] == base["name"]


# ---------------------------------------------------------------- trade flows

def flow(quantity: int) -> dict:
    return {"commodity": "dried apricots", "hs": "0813", "from": "TJ", "to": "AM", "quantity": quantity, "unit": "t",
            "date": "2021"}


def test_one_trade_flow_with_differing_figures_keeps_them_all(url: str, tmp_path: Path) -> None:
    a = write_article(tmp_path, "2022-01-10-a", "2022-01-10", "Apricot exports reported", trade_flows=[flow(800)])
    c = write_article(tmp_path, "2022-03-10-c", "2022-03-10", "Apricot exports revised", trade_flows=[flow(950)])
    load(url, a, c)
    (row,) = query(url, "flows")
    assert row["quantity"] == 950  # one article each: the latest wins the tie
    b = write_article(tmp_path, "2022-02-10-b", "2022-02-10", "Apricot exports confirmed", trade_flows=[flow(800)])
    load(url, b)
    (row,) = query(url, "flows")
    assert row["quantity"] == 800  # two articles against one: the best-attested value
    assert row["articles"] == 3
    assert rows(url, "SELECT c.value, a.title FROM claim c JOIN article a ON a.id = c.article_id "
                     "WHERE c.field = 'quantity' ORDER BY a.published") == [
        ("800", "Apricot exports reported"), ("800", "Apricot exports confirmed"), ("950", "Apricot exports revised")]
    shown = kb("show", "flow", row["id"], "--db", url).stdout
    assert "conflicting values (all kept; the row shows the best-attested):" in shown
    assert "quantity = 800  — Apricot exports reported (2022-01-10)" in shown
    assert "quantity = 800  — Apricot exports confirmed (2022-02-10)" in shown
    assert "quantity = 950  — Apricot exports revised (2022-03-10)" in shown
    assert "  quantity               800" in shown
    record = show(url, "flow", row["id"])
    assert sorted(v["value"] for v in record["values"]["quantity"]) == ["800", "800", "950"]
    assert [e["article"] for e in record["evidence"]] == [
        "Apricot exports reported", "Apricot exports confirmed", "Apricot exports revised"]


def test_flows_in_other_periods_or_directions_stay_apart(url: str, tmp_path: Path) -> None:
    write_article(tmp_path, "2022-01-10-a", "2022-01-10", "Apricots", trade_flows=[
        flow(800), {**flow(700), "date": "2020"}, {**flow(90), "from": "AM", "to": "TJ"},
        {**flow(5), "commodity": "dried apricot", "hs": None}])  # the same goods, singular
    load(url, tmp_path)
    found = sorted((r["exporter"], r["period"], r["quantity"], r["articles"]) for r in query(url, "flows"))
    assert found == [("AM", "2021", 90, 1), ("TJ", "2020", 700, 1), ("TJ", "2021", 800, 1)]


# ---------------------------------------------------------------- officials

def test_an_officials_posts_over_time(url: str, tmp_path: Path) -> None:
    agency = {"name": "Tuvalu Revenue and Customs Department", "also": ["TRCD"], "country": "TV", "kind": "customs"}

    def official(title: str) -> dict:
        return {"name": "Tevita Lolo", "country": "TV", "title": title, "agency": agency["name"]}

    write_article(tmp_path, "2019-05-01-a", "2019-05-01", "Deputy commissioner speaks",
                  agencies=[agency], officials=[official("deputy commissioner")])
    write_article(tmp_path, "2020-07-01-b", "2020-07-01", "Deputy commissioner speaks again",
                  agencies=[agency], officials=[official("deputy commissioner")])
    write_article(tmp_path, "2022-09-01-c", "2022-09-01", "New commissioner named",
                  agencies=[agency], officials=[official("commissioner")])
    load(url, tmp_path)
    posts = query(url, "officials", "--agency", "TRCD")
    assert [(p["name"], p["title"], p["first_seen"], p["last_seen"], p["articles"]) for p in posts] == [
        ("Tevita Lolo", "deputy commissioner", "2019-05-01", "2020-07-01", 2),
        ("Tevita Lolo", "commissioner", "2022-09-01", "2022-09-01", 1)]
    assert len({p["id"] for p in posts}) == 1
    shown = kb("show", "official", posts[0]["id"], "--db", url).stdout
    assert ("deputy commissioner — Tuvalu Revenue and Customs Department (2019-05-01 … 2020-07-01, 2 articles)"
            in shown)
    assert "commissioner — Tuvalu Revenue and Customs Department (2022-09-01 … 2022-09-01, 1 article)" in shown


# ---------------------------------------------------------------- load order

def without_ids(url: str) -> dict[str, list[str]]:
    """Every listing, ids left out and rows sorted: what a user sees, whatever the numbering."""
    out = {}
    for command in ("agreements", "agencies", "officials", "flows", "articles"):
        listed = [{k: v for k, v in r.items() if k != "id"} for r in query(url, command)]
        out[command] = sorted(json.dumps(r, sort_keys=True) for r in listed)
    return out


def test_loading_in_reverse_order_gives_the_same_rows(url: str, second_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    shutil.copytree(CORPUS, folder)
    articles = sorted(folder.glob("*.txt"))
    for article in articles:
        load(url, article)
    for article in reversed(articles):
        load(second_url, article)
    assert without_ids(second_url) == without_ids(url)


def test_plural_and_singular_goods_are_one_flow(url: str, tmp_path: Path) -> None:
    def goods(name: str) -> dict:
        return {"commodity": name, "from": "TJ", "to": "AM", "date": "2021"}

    write_article(tmp_path, "2022-01-10-a", "2022-01-10", "Footwear and eyewear", trade_flows=[
        goods("leather shoes"), goods("glasses"), goods("buses"), goods("goods")])
    write_article(tmp_path, "2022-02-10-b", "2022-02-10", "More footwear", trade_flows=[
        goods("leather shoe"), goods("glass"), goods("bus"), goods("good")])
    load(url, tmp_path)
    found = sorted((r["commodity"], r["articles"]) for r in query(url, "flows"))
    # 'goods' is not the plural of 'good' (a directed total is a flow of 'goods'): those two stay apart.
    assert sorted(n for _, n in found) == [1, 1, 2, 2, 2]
    assert {c for c, n in found if n == 1} == {"goods", "good"}

"""Resolution against a corpus with known identities: pairwise precision and recall, load order, conflicts, curation.

`tests/resolution_corpus/` holds 49 invented articles with hand-written facts
and `identities.yaml`, the gold entity of every record. Look-alikes that must
stay apart: the SRC of Kazakhstan and the SRC of Armenia, the "Customs Service"
of Kyrgyzstan and of Tajikistan, the "Ministry of Trade" of Indonesia and of
Ethiopia, two Kazakhstan-China agreements (2016, 2019), two Indonesia-Pakistan
trade facilitation memoranda of the same name (2018, 2022), an agreement and
the protocol amending it, two protocols between the same countries, Marat and
Daulet Sultanov and Aigerim Sultanova, Li Wei and Li Na, Asim Rehman of the
FBR and A. Rehman of the Ministry of Commerce, the two customs bodies of
Uzbekistan that one descriptor could name, wheat flows of the same route in
different quarters, a yearly coffee rate beside a dated coffee flow. Names
that travel: one president in three transliterations, a patronymic, an
initial, Arabic-origin vowel drift at one agency, descriptors ("Pakistan's
revenue board"), a short designation of an agreement beside its full title.

Measure: uv run python benchmarks/evaluate_resolution.py tests/resolution_corpus
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from evaluate_resolution import pairwise_scores, place_records
from helpers import kb
from sqlalchemy import Engine, select

from kb.db import open_database, sqlite_path
from kb.load import find_articles, load_paths
from kb.store import T

CORPUS = Path(__file__).parent / "resolution_corpus"

# Thresholds measured on the corpus loaded in file (= publication) order. Precision must stay 1.0: a wrong
# merge of look-alikes is worse than a missed one. Agency recall is below 1.0 only for what a curator must
# decide: two renamed bodies (QazTrade, the trade ministry; tested with `kb merge` and `kb rename` below) and
# a descriptor that fits both customs bodies of Uzbekistan (`kb review` lists it).
MIN_RECALL = {
    "agency": 0.97,  # 0.978
    "official": 1.0,
    "agreement": 1.0,
    "trade_flow": 1.0,
}

def load_forward(engine: Engine, corpus: Path = CORPUS) -> None:
    report = load_paths(engine, [corpus])
    assert (report.new, report.failed) == (49, 0), report.errors


def load_reverse(engine: Engine, corpus: Path = CORPUS) -> None:
    for article in reversed(list(find_articles([corpus]))):
        report = load_paths(engine, [article])
        assert report.failed == 0, report.errors


def entity_rows(engine: Engine, kind: str, entity: str, corpus: Path = CORPUS) -> set[int]:
    return {p.row for p in place_records(engine, corpus)[kind] if p.entity == entity}


def row_tuples(engine: Engine) -> dict[str, list[tuple]]:
    """Every entity row as comparable values (no ids), sorted."""
    agency, official, agreement, party, flow = (T[k] for k in ("agency", "official", "agreement", "party",
                                                                "trade_flow"))
    with engine.connect() as conn:
        parties: dict[int, list[str]] = {}
        for r in conn.execute(select(party.c.agreement_id, party.c.country_code).order_by(party.c.country_code)):
            parties.setdefault(r.agreement_id, []).append(r.country_code or "")
        return {
            "agency": sorted(tuple(r) for r in conn.execute(
                select(agency.c.name, agency.c.country_code, agency.c.kind))),
            "official": sorted(tuple(r) for r in conn.execute(select(official.c.name, official.c.country_code))),
            "agreement": sorted((r.name, r.kind, r.signed or "", tuple(parties.get(r.id, ())))
                                for r in conn.execute(select(agreement))),
            "trade_flow": sorted(tuple("" if v is None else str(v) for v in r) for r in conn.execute(select(
                flow.c.commodity, flow.c.hs_code, flow.c.exporter_country_code, flow.c.importer_country_code,
                flow.c.period_start, flow.c.period_end, flow.c.rate_period, flow.c.quantity, flow.c.unit,
                flow.c.value, flow.c.currency))),
        }


def partition(engine: Engine) -> dict[str, list[tuple]]:
    """kind + " groups" → which records (by file and name) share a row, sorted."""
    out: dict[str, list[tuple]] = {}
    for kind, placed in place_records(engine, CORPUS).items():
        groups: dict[int, list[tuple[str, str]]] = {}
        for p in placed:
            groups.setdefault(p.row, []).append((p.file, p.label))
        out[f"{kind} groups"] = sorted(tuple(sorted(g)) for g in groups.values())
    return out


@pytest.fixture(scope="module")
def empty_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty SQLite file to copy (migrating takes longer than loading the corpus)."""
    path = tmp_path_factory.mktemp("template") / "empty.db"
    open_database(f"sqlite:///{path}").dispose()
    return path


def fresh_sqlite(template: Path, dest: Path) -> Engine:
    shutil.copy(template, dest)
    return open_database(f"sqlite:///{dest}")


def open_fresh(url: str, template: Path) -> Engine:
    """The empty database of `url`; on SQLite a copy of the migrated template."""
    path = sqlite_path(url)
    return fresh_sqlite(template, path) if path is not None else open_database(url)


@pytest.fixture(scope="module")
def loaded_both_ways(empty_sqlite: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[
        tuple[dict[str, list[tuple]], dict[str, list[tuple]]]]:
    folder = tmp_path_factory.mktemp("order")
    forward, reverse = fresh_sqlite(empty_sqlite, folder / "forward.db"), fresh_sqlite(empty_sqlite, folder / "rev.db")
    load_forward(forward)
    load_reverse(reverse)
    yield ({**row_tuples(forward), **partition(forward)}, {**row_tuples(reverse), **partition(reverse)})
    forward.dispose()
    reverse.dispose()


# ---------------------------------------------------------------- pairwise scores, on both engines

def test_corpus_is_resolved_with_the_measured_precision_and_recall_and_conflicts_are_kept(
        db_url: str, empty_sqlite: Path) -> None:
    engine = open_fresh(db_url, empty_sqlite)
    try:
        load_forward(engine)
        scores = pairwise_scores(engine, CORPUS)
        # Three outlets report the first quarter of 2024; two give different quantities: one row, both kept.
        (flow_id,) = entity_rows(engine, "trade_flow", "kz-cn-wheat-2024q1")
        claim = T["claim"]
        with engine.connect() as conn:
            quantities = sorted(float(v) for (v,) in conn.execute(select(claim.c.value).where(
                claim.c.trade_flow_id == flow_id, claim.c.field == "quantity")))
        assert entity_rows(engine, "trade_flow", "kz-cn-wheat-2023q1") != {flow_id}  # other quarter, other row
    finally:
        engine.dispose()
    assert set(scores) == set(MIN_RECALL)
    for kind, (precision, recall, f1, pairs) in scores.items():
        assert pairs > 0
        assert precision == 1.0, f"{kind}: look-alikes merged (precision {precision:.3f})"
        assert recall >= MIN_RECALL[kind], f"{kind}: recall {recall:.3f} < {MIN_RECALL[kind]}"
        assert f1 == pytest.approx(2 * precision * recall / (precision + recall))
    assert quantities == [415000.0, 420000.0]
    shown = kb("show", "flow", flow_id, "--db", db_url).stdout
    assert "conflicting values" in shown
    for title in ("Kazakh wheat exports to China jump", "China's imports of Kazakh wheat climb",
                  "Kazakh wheat earns $118 million in China"):
        assert title in shown


def test_a_curated_merge_survives_reextraction_and_reloading_and_unmerge_splits_it(
        db_url: str, empty_sqlite: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    engine = open_fresh(db_url, empty_sqlite)
    try:
        load_forward(engine, corpus)
        # The resolver cannot know that QazTrade is the Trade Policy Development Centre: a curator can.
        rows = {p.label: p.row for p in place_records(engine, corpus)["agency"] if p.entity == "kz-qaztrade"}
        keep, other = rows["trade policy development centre"], rows["qaztrade"]
        assert keep != other
        kb("merge", "agency", keep, other, "--reason", "QazTrade is the centre's brand", "--db", db_url)
        assert entity_rows(engine, "agency", "kz-qaztrade", corpus) == {keep}

        kb("load", "--reextract", "--db", db_url)
        article = corpus / "2022-09-14-steppe-herald-qaztrade-exporters.txt"
        article.write_text(article.read_text(encoding="utf-8") + "It was set up in 2018.\n", encoding="utf-8")
        assert "1 updated" in kb("load", corpus, "--db", db_url).stdout
        assert entity_rows(engine, "agency", "kz-qaztrade", corpus) == {keep}
        assert pairwise_scores(engine, corpus)["agency"].precision == 1.0

        kb("unmerge", "agency", keep, "QazTrade", "--db", db_url)
        split = entity_rows(engine, "agency", "kz-qaztrade", corpus)
        assert len(split) == 2 and keep in split
        article.write_text(article.read_text(encoding="utf-8") + "It has offices in Almaty.\n", encoding="utf-8")
        kb("load", corpus, "--db", db_url)
        assert len(entity_rows(engine, "agency", "kz-qaztrade", corpus)) == 2
    finally:
        engine.dispose()


# ---------------------------------------------------------------- load order (SQLite)

@pytest.mark.parametrize("kind", ["agency", "official", "agreement", "trade_flow"])
def test_loading_in_reverse_order_gives_the_same_rows(
        loaded_both_ways: tuple[dict[str, list[tuple]], dict[str, list[tuple]]], kind: str) -> None:
    forward, reverse = loaded_both_ways
    assert reverse[kind] == forward[kind]
    assert reverse[f"{kind} groups"] == forward[f"{kind} groups"]


# ---------------------------------------------------------------- single cases the resolver gets wrong

def load_files(engine: Engine, *stems: str) -> None:
    for stem in stems:
        report = load_paths(engine, [CORPUS / f"{stem}.txt"])
        assert report.failed == 0, report.errors


def same_row(engine: Engine, kind: str, entity: str, *stems: str) -> bool:
    files = {f"{s}.txt" for s in stems}
    rows = {p.row for p in place_records_of(engine, files)[kind] if p.entity == entity}
    return len(rows) == 1


def place_records_of(engine: Engine, files: set[str]) -> dict[str, list]:
    """place_records on a part of the corpus: a copy with only these files' facts."""
    return {kind: [p for p in placed if p.file in files] for kind, placed in _placed_subset(engine, files).items()}


def _placed_subset(engine: Engine, files: set[str]) -> dict[str, list]:
    import tempfile

    import yaml

    with tempfile.TemporaryDirectory() as tmp:
        part = Path(tmp)
        gold = yaml.safe_load((CORPUS / "identities.yaml").read_text(encoding="utf-8"))
        (part / "identities.yaml").write_text(yaml.safe_dump(
            {k: [e for e in v if e["file"] in files] for k, v in gold.items()}), encoding="utf-8")
        for name in files:
            stem = name.removesuffix(".txt")
            shutil.copy(CORPUS / f"{stem}.facts.yaml", part / f"{stem}.facts.yaml")
        return place_records(engine, part)


@pytest.fixture
def small_db(empty_sqlite: Path, tmp_path: Path) -> Iterator[Engine]:
    engine = fresh_sqlite(empty_sqlite, tmp_path / "kb.db")
    yield engine
    engine.dispose()


def test_an_honorific_does_not_split_an_official(small_db: Engine) -> None:
    stems = ("2016-09-03-silk-road-courier-kazakhstan-china-customs-agreement",
             "2017-06-09-central-asia-wire-wheat-protocol")
    load_files(small_db, *stems)
    assert same_row(small_db, "official", "cn-li-wei", *stems)


def test_a_demonym_name_matches_the_of_country_name(small_db: Engine) -> None:
    stems = ("2018-09-05-bishkek-bulletin-kyrgyz-customs-eec", "2020-08-04-bishkek-bulletin-eec-transit-seals")
    load_files(small_db, *stems)
    assert same_row(small_db, "agency", "kg-customs", *stems)


def test_an_agreement_is_matched_through_any_of_its_names(small_db: Engine) -> None:
    stems = ("2018-03-13-jakarta-commerce-daily-indonesia-pakistan-mou",
             "2018-03-14-karachi-ledger-pakistan-indonesia-mou",
             "2022-11-09-karachi-ledger-new-trade-facilitation-mou")
    load_files(small_db, *stems)
    assert same_row(small_db, "agreement", "id-pk-mou-2018", *stems)


def test_a_record_naming_two_rows_joins_them(small_db: Engine) -> None:
    stems = ("2024-02-10-jakarta-commerce-daily-pakistan-sales",  # "Kemendag"
             "2022-11-09-karachi-ledger-new-trade-facilitation-mou",  # "Ministry of Trade of Indonesia"
             "2018-03-13-jakarta-commerce-daily-indonesia-pakistan-mou")  # both, as name and also
    load_files(small_db, *stems)
    assert same_row(small_db, "agency", "id-mot", *stems)


def test_look_alikes_stay_apart_whatever_the_order(small_db: Engine) -> None:
    """The same names for different things, loaded so that each could meet the other first."""
    stems = ("2021-01-20-bishkek-bulletin-guliston-protocol",  # "Customs Service" of Tajikistan
             "2020-08-10-central-asia-wire-seals-second-week",  # "Customs Service" of Kyrgyzstan
             "2022-03-01-addis-business-weekly-coffee-indonesia",  # "Ministry of Trade" of Ethiopia
             "2018-03-13-jakarta-commerce-daily-indonesia-pakistan-mou",  # also "Ministry of Trade", Indonesia
             "2020-02-10-yerevan-observer-armenia-src-brandy",  # "SRC" of Armenia
             "2023-07-03-eurasia-trade-review-customs-protocol",  # "SRC" of Kazakhstan; a protocol of June 2023
             "2016-09-03-silk-road-courier-kazakhstan-china-customs-agreement",  # the agreement it amends
             "2022-11-09-karachi-ledger-new-trade-facilitation-mou",  # the 2022 MoU and the 2018 one
             "2025-06-03-karachi-ledger-fbr-valuation-rulings",  # A. Rehman of the ministry
             "2023-01-25-karachi-ledger-fbr-palm-oil-valuation",  # Asim Rehman of the FBR
             "2025-04-10-central-asia-wire-transit-protocol",  # Aigerim Sultanova
             "2025-04-02-steppe-herald-kazakhstan-uzbekistan-transit-data",  # M. Sultanov: Marat, not Daulet
             "2023-06-15-steppe-herald-customs-protocol-beijing",  # Daulet Sultanov
             "2025-05-20-silk-road-courier-uzbek-customs-data",  # a descriptor fitting two customs bodies
             "2025-05-14-tashkent-trade-journal-border-inspectorate")  # the two
    load_files(small_db, *stems)
    placed = place_records_of(small_db, {f"{s}.txt" for s in stems})
    for kind, records in placed.items():
        for a in records:
            for b in records:
                if a.entity != b.entity:
                    assert a.row != b.row, f"{kind}: {a.label} ({a.file}) merged with {b.label} ({b.file})"


def test_names_that_travel_land_on_one_row(small_db: Engine) -> None:
    stems = ("2025-04-02-steppe-herald-kazakhstan-uzbekistan-transit-data",  # Qasym-Janat Toqtarbaev, M. Sultanov
             "2025-04-05-silk-road-courier-transit-agreement-text",  # Kassym-Zhanat Toktarbayev, a descriptor
             "2025-04-10-central-asia-wire-transit-protocol",  # Kasym-Zhanat Toktarbaev, a short designation
             "2019-05-16-steppe-herald-rail-customs-agreement",  # Marat Sultanov of the SRC
             "2024-04-12-steppe-herald-wheat-first-quarter")  # Daulet Sultanov of the SRC
    for order in (stems, tuple(reversed(stems))):
        with small_db.begin() as conn:
            for table in ("article", "agency", "official", "agreement", "curation"):
                conn.execute(T[table].delete())
        load_files(small_db, *order)
        assert same_row(small_db, "official", "kz-toqtarbaev", *stems)
        assert same_row(small_db, "official", "kz-marat-sultanov", *stems)
        assert same_row(small_db, "agency", "kz-src", *stems)
        assert same_row(small_db, "agreement", "kz-uz-transit-2025", *stems)


def test_a_renamed_ministry_is_one_row_after_kb_rename_and_the_ambiguous_descriptor_waits_for_review(
        db_url: str, empty_sqlite: Path) -> None:
    engine = open_fresh(db_url, empty_sqlite)
    try:
        load_forward(engine)
        rows = {p.label: p.row for p in place_records(engine, CORPUS)["agency"] if p.entity == "kz-trade-ministry"}
        old, new = rows["ministry of trade and integration of kazakhstan"], rows[
            "ministry of commerce and export development of kazakhstan"]
        kb("rename", "agency", old, "Ministry of Commerce and Export Development of Kazakhstan", "--on", "2025-01",
           "--db", db_url)
        assert entity_rows(engine, "agency", "kz-trade-ministry") == {old} and new != old
        pairs = json.loads(kb("review", "--kind", "agency", "--db", db_url, "-f", "json").stdout)
        assert sorted((p["a_name"], p["b_name"]) for p in pairs) == [
            ("Border Customs Inspectorate of Uzbekistan", "Uzbekistan's customs authority"),
            ("Customs Committee of Uzbekistan", "Uzbekistan's customs authority")]
        (customs, descriptor), = [(p["a"], p["b"]) for p in pairs if p["a_name"].startswith("Customs Committee")]
        kb("merge", "agency", customs, descriptor, "--db", db_url)
        kb("load", "--reextract", "--db", db_url)
        assert json.loads(kb("review", "--kind", "agency", "--db", db_url, "-f", "json").stdout) == []
        scores = pairwise_scores(engine, CORPUS)
        assert scores["agency"].precision == 1.0 and scores["agency"].recall > 0.99
    finally:
        engine.dispose()

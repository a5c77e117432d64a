"""`kb load` end to end on SQLite and PostgreSQL: summaries, idempotence, updates, bad files, evidence."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from helpers import CORPUS, kb, load, query, rows
from sqlalchemy import exists, select, text
from sqlmodel import SQLModel
from typer.testing import Result

from kb import models  # noqa: F401  (registers every table)
from kb.db import make_engine, open_database
from kb.facts import read_facts
from kb.store import T, facts_count

HERE = Path(__file__).parent
SEED = HERE.parent / "seed" / "2023-09-26-korea-herald-uzbekistan-korea-customs.txt"

A1 = "2021-04-10-north-wire-iceland-paraguay-customs"
A2 = "2022-06-15-south-post-paraguay-iceland-protocol"
A3 = "2023-02-01-island-times-fiji-iceland-memorandum"
A4 = "2023-11-20-island-times-fiji-iceland-second-memorandum"
CORPUS_FACTS = 22  # records in the four hand-written facts files
SUMMARY = re.compile(r"^(\d+) articles?: (\d+) new, (\d+) updated, (\d+) unchanged, (\d+) failed; (\d+) facts stored"
                     r"(?:; \d+ skipped)?$", re.MULTILINE)

def summary(result: Result) -> str:
    lines = [line for line in result.stdout.splitlines() if SUMMARY.match(line)]
    assert len(lines) == 1, result.output
    return lines[0]


def errors(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def copy_corpus(dest: Path) -> Path:
    shutil.copytree(CORPUS, dest)
    return dest


def table_counts(url: str, without: tuple[str, ...] = ()) -> dict[str, int]:
    """Rows in every table kb defines (but `without`)."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return {name: conn.execute(select(text("count(*)")).select_from(table)).scalar_one()
                    for name, table in SQLModel.metadata.tables.items() if name not in without}
    finally:
        engine.dispose()


def dump_tables(url: str) -> dict[str, list[tuple]]:
    """Every row of every table (except load times), for comparing two databases."""
    engine = make_engine(url)
    out = {}
    try:
        with engine.connect() as conn:
            for name, table in SQLModel.metadata.tables.items():
                columns = [c for c in table.c if c.name not in ("loaded_at", "decided_at")]
                rows = conn.execute(select(*columns)).all()
                out[name] = sorted((tuple(r) for r in rows), key=repr)
    finally:
        engine.dispose()
    return out


# ---------------------------------------------------------------- summaries and idempotence

def test_folder_with_curated_and_extracted_articles(url: str, tmp_path: Path) -> None:
    folder = copy_corpus(tmp_path / "articles")
    shutil.copy(SEED, folder / SEED.name)  # no facts file beside it: the extractor reads it
    (folder / "notes.yaml").write_text("not an article\n", encoding="utf-8")  # ignored in a folder
    from kb.extract import extract
    from kb.readers import read_article

    extracted = facts_count(extract(read_article(folder / SEED.name)))
    result = load(url, folder)
    assert summary(result) == (f"5 articles: 5 new, 0 updated, 0 unchanged, 0 failed; "
                               f"{CORPUS_FACTS + extracted} facts stored")
    assert result.stderr == ""
    origins = dict(rows(url, "SELECT file_name, facts_origin FROM article"))
    assert origins == {f"{A1}.txt": "curated", f"{A2}.txt": "curated", f"{A3}.txt": "curated",
                       f"{A4}.txt": "curated", SEED.name: "extracted"}
    versions = rows(url, "SELECT extractor_version FROM article WHERE facts_origin = 'extracted'")
    assert versions[0][0]


def test_loading_again_leaves_every_table_as_it_was(url: str, tmp_path: Path) -> None:
    folder = copy_corpus(tmp_path / "articles")
    assert summary(load(url, folder)) == "4 articles: 4 new, 0 updated, 0 unchanged, 0 failed; 22 facts stored"
    before = table_counts(url)
    loaded_at = rows(url, "SELECT id, loaded_at FROM article ORDER BY id")
    assert before["article"] == 4 and before["agreement"] == 5 and before["evidence"] > 0
    again = load(url, folder)
    assert summary(again) == "4 articles: 0 new, 0 updated, 4 unchanged, 0 failed; 0 facts stored"
    assert table_counts(url) == before
    assert rows(url, "SELECT id, loaded_at FROM article ORDER BY id") == loaded_at
    # Naming the files one by one is the same as naming their folder.
    files = sorted(folder.glob("*.txt"))
    assert summary(load(url, *files)) == "4 articles: 0 new, 0 updated, 4 unchanged, 0 failed; 0 facts stored"
    assert table_counts(url) == before


def test_changed_facts_file_replaces_what_its_article_said(url: str, tmp_path: Path) -> None:
    folder = copy_corpus(tmp_path / "articles")
    load(url, folder)
    others = rows(url, "SELECT a.file_name, count(e.id) FROM article a JOIN evidence e ON e.article_id = a.id "
                       "WHERE a.file_name <> :f GROUP BY a.file_name ORDER BY 1", f=f"{A3}.txt")
    facts_file = folder / f"{A3}.facts.yaml"
    changed = facts_file.read_text(encoding="utf-8").replace("place: Suva", "place: Lautoka")
    changed = changed[:changed.index("trade_flows:")] + "trade_flows: []\n"  # the kava flow is withdrawn
    facts_file.write_text(changed, encoding="utf-8")

    result = load(url, folder)
    assert summary(result) == "4 articles: 0 new, 1 updated, 3 unchanged, 0 failed; 5 facts stored"
    assert query(url, "flows", "--commodity", "kava") == []
    assert rows(url, "SELECT count(*) FROM trade_flow WHERE commodity = 'kava'") == [(0,)]
    places = {r["signed"]: r["place"] for r in query(url, "agreements", "--kind", "memorandum")}
    assert places == {"2023-01-30": "Lautoka", "2023-11-17": "Reykjavik"}
    assert rows(url, "SELECT count(*) FROM claim c JOIN article a ON a.id = c.article_id "
                     "WHERE a.file_name = :f AND c.value = 'Suva'", f=f"{A3}.txt") == [(0,)]
    # What the other articles said is untouched.
    assert rows(url, "SELECT a.file_name, count(e.id) FROM article a JOIN evidence e ON e.article_id = a.id "
                     "WHERE a.file_name <> :f GROUP BY a.file_name ORDER BY 1", f=f"{A3}.txt") == others
    assert {r["commodity"] for r in query(url, "flows")} == {"frozen cod", "soybean meal"}


def test_changed_article_text_is_an_update(url: str, tmp_path: Path) -> None:
    folder = copy_corpus(tmp_path / "articles")
    load(url, folder)
    before = table_counts(url)
    article = folder / f"{A4}.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\nTalks resume in March.\n", encoding="utf-8")
    assert summary(load(url, folder)) == "4 articles: 0 new, 1 updated, 3 unchanged, 0 failed; 3 facts stored"
    assert table_counts(url) == before
    body = rows(url, "SELECT body FROM article WHERE file_name = :f", f=f"{A4}.txt")[0][0]
    assert "Talks resume in March." in body


def test_a_facts_file_named_directly_stands_for_its_article(url: str, tmp_path: Path) -> None:
    folder = copy_corpus(tmp_path / "articles")
    result = load(url, folder / f"{A1}.facts.yaml")
    assert summary(result) == "1 article: 1 new, 0 updated, 0 unchanged, 0 failed; 6 facts stored"
    assert rows(url, "SELECT file_name, facts_origin, source_path FROM article") == [
        (f"{A1}.txt", "curated", str((folder / f"{A1}.txt").resolve()))]
    # The article itself, named next, is the same article.
    assert summary(load(url, folder / f"{A1}.txt")) == \
        "1 article: 0 new, 0 updated, 1 unchanged, 0 failed; 0 facts stored"


# ---------------------------------------------------------------- bad files

BAD_FACTS = [
    ("invalid-yaml", lambda t: t.replace("agencies:\n", "agencies:\n- name: [unclosed\n", 1), "not valid YAML at line"),
    ("unknown-key", lambda t: t.replace("  kind: customs\n", "  kind: customs\n  colour: blue\n", 1),
     "agencies[0].colour: unknown key"),
    ("country-name", lambda t: t.replace("country: IS", "country: Korea", 1),
     "agencies[0].country: not an upper-case ISO 3166-1 alpha-2 code: 'Korea'"),
    ("bad-date", lambda t: t.replace("signed: '2022-06-13'", "signed: 13 June 2022", 1),
     "agreements[1].signed: not an ISO date or interval"),
]


def test_bad_facts_file_fails_alone_and_loses_nothing(url: str, tmp_path: Path) -> None:
    folder = copy_corpus(tmp_path / "articles")
    load(url, folder)
    before = table_counts(url)
    facts_file = folder / f"{A2}.facts.yaml"
    good = facts_file.read_text(encoding="utf-8")
    other = folder / f"{A4}.txt"
    for name, corrupt, problem in BAD_FACTS:
        facts_file.write_text(corrupt(good), encoding="utf-8")
        # Another article changes in the same run and is still stored.
        other.write_text(other.read_text(encoding="utf-8") + f"\nTalks resume ({name}).\n", encoding="utf-8")

        result = load(url, folder, code=1)
        assert len(errors(result)) == 1, result.stderr
        assert errors(result)[0].startswith(f"Error: {facts_file}: "), result.stderr
        assert problem in errors(result)[0], name
        assert summary(result) == "4 articles: 0 new, 1 updated, 2 unchanged, 1 failed; 3 facts stored", name
        # What the bad file's article said before is all still there.
        assert table_counts(url) == before, name
        assert [r["name"] for r in query(url, "agreements", "--kind", "protocol")] == [
            "Protocol amending the Iceland-Paraguay agreement on mutual assistance in customs matters"]
    # Loading again retries only the bad file.
    again = load(url, folder, code=1)
    assert summary(again) == "4 articles: 0 new, 0 updated, 3 unchanged, 1 failed; 0 facts stored"
    # Once fixed, it is unchanged: its stored version was never touched.
    facts_file.write_text(good, encoding="utf-8")
    assert summary(load(url, folder)) == "4 articles: 0 new, 0 updated, 4 unchanged, 0 failed; 0 facts stored"


def test_bad_facts_file_in_a_new_folder_does_not_stop_the_others(url: str, tmp_path: Path) -> None:
    folder = copy_corpus(tmp_path / "articles")
    facts_file = folder / f"{A1}.facts.yaml"
    facts_file.write_text(facts_file.read_text(encoding="utf-8").replace("country: PY", "country: Paraguay", 1),
                          encoding="utf-8")
    result = load(url, folder, code=1)
    assert errors(result) == [f"Error: {facts_file}: agencies[1].country: not an upper-case ISO 3166-1 alpha-2 "
                              "code: 'Paraguay'"]
    assert summary(result) == "4 articles: 3 new, 0 updated, 0 unchanged, 1 failed; 16 facts stored"
    assert rows(url, "SELECT count(*) FROM article") == [(3,)]


def test_each_bad_file_gets_one_error_line_and_the_rest_loads(url: str, tmp_path: Path) -> None:
    folder = copy_corpus(tmp_path / "articles")
    empty = folder / "2024-02-02-empty.txt"
    empty.write_text("  \n\n", encoding="utf-8")
    binary = folder / "2024-02-03-binary.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe\x00")
    curated_empty = tmp_path / "2024-02-04-curated-empty.txt"
    curated_empty.write_text("", encoding="utf-8")
    (tmp_path / "2024-02-04-curated-empty.facts.yaml").write_text(
        "format: kb-facts/1\narticle: {file: 2024-02-04-curated-empty.txt}\nagencies: [{name: Tonga Customs}]\n",
        encoding="utf-8")
    lone = tmp_path / "2024-01-01-lonely.facts.yaml"
    lone.write_text("format: kb-facts/1\narticle: {file: 2024-01-01-lonely.txt}\n", encoding="utf-8")
    notes = tmp_path / "notes.pdf"
    notes.write_bytes(b"%PDF-1.4")
    missing = tmp_path / "no-such-folder"

    result = load(url, folder, curated_empty, lone, notes, missing, code=1)
    assert sorted(errors(result)) == sorted([
        f"Error: {empty}: the file is empty",
        f"Error: {binary}: not UTF-8 text (bad byte at offset 0)",
        f"Error: {curated_empty}: the file is empty",
        f"Error: {lone}: a facts file with no article beside it (expected 2024-01-01-lonely.txt, .md, .html or .json)",
        f"Error: {notes}: not an article file (expected .txt, .md, .html, .htm, .json)",
        f"Error: {missing}: no such file or folder",
    ]), result.stderr
    # The lone facts file, the PDF and the missing folder are no articles: skipped, not failed.
    assert summary(result) == "7 articles: 4 new, 0 updated, 0 unchanged, 3 failed; 22 facts stored; 3 skipped"
    assert table_counts(url)["article"] == 4


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="file permissions do not bind root")
def test_unreadable_article_is_an_error(url: str, tmp_path: Path) -> None:
    locked = tmp_path / "2024-02-04-locked.txt"
    locked.write_text("Some text.\n", encoding="utf-8")
    locked.chmod(0)
    try:
        result = load(url, locked, code=1)
    finally:
        locked.chmod(0o644)
    assert len(errors(result)) == 1 and errors(result)[0].startswith(f"Error: {locked}: cannot read")


def test_no_paths_is_a_usage_error(url: str) -> None:
    result = load(url, code=2)
    assert "give at least one article file or folder" in result.stderr


def test_empty_folder_loads_nothing(url: str, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = load(url, tmp_path / "empty")
    assert summary(result) == "0 articles: 0 new, 0 updated, 0 unchanged, 0 failed; 0 facts stored"


def test_database_in_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'nowhere' / 'kb.db'}"
    result = load(url, CORPUS / f"{A1}.txt", code=1)
    assert result.stderr.strip() == f"Error: cannot create {tmp_path / 'nowhere' / 'kb.db'}: folder " \
                                    f"{tmp_path / 'nowhere'} does not exist"


# ---------------------------------------------------------------- parallel extraction

def test_two_jobs_store_the_same_rows_as_one(url: str, second_url: str, tmp_path: Path) -> None:
    folder = copy_corpus(tmp_path / "articles")
    shutil.copy(SEED, folder / SEED.name)
    one = load(url, folder, "--jobs", "1")
    two = load(second_url, folder, "--jobs", "2")
    assert summary(two) == summary(one)
    assert dump_tables(second_url) == dump_tables(url)


# ---------------------------------------------------------------- evidence

def test_every_record_has_evidence_with_quotes_and_spans(url: str, tmp_path: Path) -> None:
    folder = copy_corpus(tmp_path / "articles")
    load(url, folder)
    engine = make_engine(url)
    with engine.connect() as conn:
        for kind in ("agency", "official", "position", "agreement", "trade_flow"):
            table, evidence = T[kind], T["evidence"]
            unsupported = conn.execute(select(table.c.id).where(
                ~exists().where(evidence.c[f"{kind}_id"] == table.c.id))).all()
            assert unsupported == [], kind
    engine.dispose()
    orphans = rows(url, "SELECT e.id FROM evidence e LEFT JOIN article a ON a.id = e.article_id "
                        "WHERE a.id IS NULL")
    assert orphans == []
    # Each record's evidence points at the article that stated it: the frozen cod flow at both.
    titles = rows(url, "SELECT a.file_name FROM evidence e JOIN article a ON a.id = e.article_id "
                       "JOIN trade_flow f ON f.id = e.trade_flow_id WHERE f.commodity = 'frozen cod' ORDER BY 1")
    assert titles == [(f"{A1}.txt",), (f"{A2}.txt",)]
    # Quotes and spans are stored as the facts files give them.
    stored = set(rows(url, "SELECT a.file_name, e.quote, e.char_start, e.char_end FROM evidence e "
                           "JOIN article a ON a.id = e.article_id"))
    expected = set()
    for path in folder.glob("*.facts.yaml"):
        facts = read_facts(path)
        for kind in ("agencies", "officials", "agreements", "trade_flows"):
            for record in getattr(facts, kind):
                for ev in record.evidence:
                    expected.add((facts.article.file, ev.quote, ev.start, ev.end))
    assert expected and stored == expected
    # The spans point into the stored body text.
    for file_name, body in rows(url, "SELECT file_name, body FROM article"):
        for name, said, start, end in stored:
            if name == file_name:
                assert body[start:end] == said


def test_records_without_quotes_get_evidence_without_a_quote(url: str, tmp_path: Path) -> None:
    article = tmp_path / "2024-06-01-reef-daily-tonga-squash.txt"
    article.write_text("Tonga squash heads to Japan\n\nTonga exported squash to Japan in May.\n", encoding="utf-8")
    (tmp_path / "2024-06-01-reef-daily-tonga-squash.facts.yaml").write_text(
        "format: kb-facts/1\narticle: {file: 2024-06-01-reef-daily-tonga-squash.txt, published: 2024-06-01}\n"
        "trade_flows:\n  - {commodity: squash, from: TO, to: JP, date: 2024-05}\n", encoding="utf-8")
    load(url, article)
    assert rows(url, "SELECT e.quote, e.char_start, e.char_end FROM evidence e "
                     "WHERE e.trade_flow_id IS NOT NULL") == [(None, None, None)]


def test_evidence_overview_view(url: str, tmp_path: Path) -> None:
    folder = copy_corpus(tmp_path / "articles")
    load(url, folder)
    result = kb("sql", "SELECT record_kind, record_name, article_title, published, quote FROM evidence_overview "
                       "WHERE record_kind = 'trade_flow' ORDER BY published, record_name", "--db", url, "-f", "json")
    got = json.loads(result.stdout)
    assert [(r["record_name"], r["published"]) for r in got] == [
        ("frozen cod IS->PY", "2021-04-10"), ("frozen cod IS->PY", "2022-06-15"),
        ("soybean meal PY->IS", "2022-06-15"), ("kava FJ->IS", "2023-02-01")]
    assert got[0]["quote"] == "Iceland exported 500 tonnes of frozen cod to Paraguay in 2020, the directorate said."
    kinds = {r["record_kind"] for r in json.loads(kb("sql", "SELECT DISTINCT record_kind FROM evidence_overview",
                                                       "--db", url, "-f", "json").stdout)}
    assert kinds == {"agency", "official", "position", "agreement", "trade_flow"}
    positions = json.loads(kb("sql", "SELECT record_name FROM evidence_overview WHERE record_kind = 'position' "
                                     "AND published = '2021-04-10' ORDER BY record_name", "--db", url,
                              "-f", "json").stdout)
    assert [r["record_name"] for r in positions] == ["Mateo Villalba Gauto, director",
                                                     "Solveig Arnardottir, deputy director"]


# ---------------------------------------------------------------- the extractor on the seed article

def test_seed_article_protocol_is_found(url: str, tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / SEED.name)
    result = load(url, tmp_path)
    assert SUMMARY.match(summary(result)).group(2) == "1"
    protocols = [r for r in query(url, "agreements", "--party", "KR", "--party", "UZ", "--kind", "protocol")
                 if r["signed"] == "2023-09-22"]
    assert len(protocols) == 1, protocols
    assert protocols[0]["parties"] == "KR, UZ"
    assert protocols[0]["place"] == "Tashkent"
    assert [r[0] for r in rows(url, "SELECT facts_origin FROM article")] == ["extracted"]
    assert rows(url, "SELECT count(*) FROM evidence WHERE agreement_id IS NOT NULL AND quote IS NOT NULL")[0][0] \
        >= 1
    # Loading it again is a no-op too.
    assert summary(load(url, tmp_path)) == "1 article: 0 new, 0 updated, 1 unchanged, 0 failed; 0 facts stored"


def test_store_tables_are_all_counted() -> None:
    """The idempotence checks above count every table: make sure the store writes no table they miss."""
    assert {t.name for t in T.values()} <= set(SQLModel.metadata.tables)


# ---------------------------------------------------------------- found while writing these tests

def test_an_article_named_twice_counts_once(url: str, tmp_path: Path) -> None:
    folder = copy_corpus(tmp_path / "articles")
    result = load(url, folder, folder / f"{A1}.txt", folder / f"{A1}.facts.yaml")
    assert summary(result) == "4 articles: 4 new, 0 updated, 0 unchanged, 0 failed; 22 facts stored"


def test_facts_file_about_another_article_is_an_error(url: str, tmp_path: Path) -> None:
    folder = copy_corpus(tmp_path / "articles")
    facts_file = folder / f"{A1}.facts.yaml"
    facts_file.write_text(facts_file.read_text(encoding="utf-8").replace(f"file: {A1}.txt", f"file: {A2}.txt"),
                          encoding="utf-8")
    result = load(url, folder / f"{A1}.txt", code=1)
    assert errors(result)[0].startswith(f"Error: {facts_file}: article.file: ")


def test_a_batch_runs_the_cycle_collector_less_often_and_restores_it(url: str) -> None:
    """While a StoreBatch stores, Python's cycle collector runs every `GC_ALLOCATIONS` allocations, not every
    700; its thresholds are as they were afterwards, after a batch that stopped with an exception too."""
    import gc

    from kb.load import GC_ALLOCATIONS, StoreBatch

    before = gc.get_threshold()
    engine = open_database(url)
    try:
        with StoreBatch(engine):
            assert gc.get_threshold() == (max(before[0], GC_ALLOCATIONS), *before[1:])
        assert gc.get_threshold() == before
        with pytest.raises(RuntimeError), StoreBatch(engine):
            raise RuntimeError("stopped")
        assert gc.get_threshold() == before
    finally:
        engine.dispose()

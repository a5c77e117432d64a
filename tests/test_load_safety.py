"""What issue 10 found in `kb load`, one test each: a missing path is no article, bad facts values are
refused, a database refusal costs one file, a moved folder is unchanged, --reextract says what it did,
and a pipe never hangs a load or an extraction."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from helpers import kb, load, query, rows
from test_load import A1, A2, SEED, copy_corpus, errors, summary, table_counts


def test_a_missing_path_is_an_error_not_an_article(url: str, tmp_path: Path) -> None:
    result = load(url, tmp_path / "nonexistent", code=1)
    assert errors(result) == [f"Error: {tmp_path / 'nonexistent'}: no such file or folder"]
    assert summary(result) == "0 articles: 0 new, 0 updated, 0 unchanged, 0 failed; 0 facts stored; 1 skipped"


@pytest.mark.parametrize(("change", "problem"), [
    (("quantity: 500", "quantity: -500"), "trade_flows[0].quantity: Input should be greater than or equal to 0"),
    (("signed: '2021-04-08'", "signed: '2021-02-30'"), "agreements[0].signed: no such date: '2021-02-30'"),
    (("signed: '2021-04-08'", "signed: 2021-02-30"), "agreements[0].signed: no such date: '2021-02-30'"),
    (("country: PY", "country: XX"), "agencies[1].country: no country has the ISO 3166-1 code 'XX'"),
])
def test_a_bad_value_in_a_facts_file_is_refused_and_nothing_of_it_stored(
        url: str, tmp_path: Path, change: tuple[str, str], problem: str) -> None:
    folder = copy_corpus(tmp_path / "articles")
    facts = folder / f"{A1}.facts.yaml"
    assert change[0] in facts.read_text(encoding="utf-8")
    facts.write_text(facts.read_text(encoding="utf-8").replace(*change, 1), encoding="utf-8")
    result = load(url, folder, code=1)
    assert errors(result) == [f"Error: {facts}: {problem}"]
    assert summary(result) == "4 articles: 3 new, 0 updated, 0 unchanged, 1 failed; 16 facts stored"
    assert rows(url, "SELECT count(*) FROM article WHERE file_name = :f", f=f"{A1}.txt") == [(0,)]
    assert rows(url, "SELECT count(*) FROM trade_flow WHERE quantity < 0") == [(0,)]


def test_a_database_refusal_costs_one_file_and_the_load_goes_on(url: str, tmp_path: Path) -> None:
    """A country the facts may name but this database's country table lacks: a foreign-key error."""
    folder = copy_corpus(tmp_path / "articles")
    load(url, folder / f"{A2}.txt")
    rows_before = table_counts(url)
    kb("sql", "SELECT 1", "--db", url)  # the database is at head
    from kb.db import make_engine

    engine = make_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM country WHERE code = 'FJ'")  # no row uses it yet
    engine.dispose()
    result = load(url, folder, code=1)
    assert len(errors(result)) == 2
    for line, stem in zip(sorted(errors(result)), sorted(["2023-02-01-island-times-fiji-iceland-memorandum",
                                                          "2023-11-20-island-times-fiji-iceland-second-memorandum"]),
                          strict=True):
        assert line.startswith(f"Error: {folder / stem}.txt: the database refused it: "), line
        assert "foreign key" in line.lower() or "FOREIGN KEY" in line, line
    assert summary(result) == "4 articles: 1 new, 0 updated, 1 unchanged, 2 failed; 6 facts stored"
    assert table_counts(url)["article"] == rows_before["article"] + 1


def test_the_same_files_from_a_moved_folder_are_unchanged(url: str, tmp_path: Path) -> None:
    folder = copy_corpus(tmp_path / "articles")
    shutil.copy(SEED, folder / SEED.name)
    first = summary(load(url, folder))
    assert first.startswith("5 articles: 5 new")
    before = table_counts(url)
    counts = {r["name"]: r["articles"] for r in query(url, "agreements")}
    moved = tmp_path / "elsewhere" / "articles"
    moved.parent.mkdir()
    folder.rename(moved)
    assert summary(load(url, moved)) == "5 articles: 0 new, 0 updated, 5 unchanged, 0 failed; 0 facts stored"
    copy = tmp_path / "copy"
    shutil.copytree(moved, copy)
    assert summary(load(url, copy, moved)) == "10 articles: 0 new, 0 updated, 10 unchanged, 0 failed; 0 facts stored"
    assert table_counts(url) == before
    assert {r["name"]: r["articles"] for r in query(url, "agreements")} == counts


def test_a_moved_and_edited_article_with_a_url_is_updated(url: str, tmp_path: Path) -> None:
    folder = copy_corpus(tmp_path / "articles")
    facts = folder / f"{A1}.facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace(
        "  published: '2021-04-10'\n", "  published: '2021-04-10'\n  url: https://www.example.org/a1?utm_source=x\n"),
        encoding="utf-8")
    load(url, folder)
    moved = tmp_path / "moved"
    folder.rename(moved)
    article = moved / f"{A1}.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\nTalks resume in May.\n", encoding="utf-8")
    assert summary(load(url, moved)) == "4 articles: 0 new, 1 updated, 3 unchanged, 0 failed; 6 facts stored"
    assert rows(url, "SELECT count(*), max(url_key) FROM article WHERE file_name = :f", f=f"{A1}.txt") == [
        (1, "https://example.org/a1")]
    # It keeps the path it was first loaded from.
    assert rows(url, "SELECT source_path FROM article WHERE file_name = :f", f=f"{A1}.txt") == [
        (str((tmp_path / "articles" / f"{A1}.txt").resolve()),)]


def test_two_versions_of_one_article_in_one_load_store_the_first_only(url: str, tmp_path: Path) -> None:
    one, two = copy_corpus(tmp_path / "one"), copy_corpus(tmp_path / "two")
    facts = two / f"{A1}.facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("kind: customs", "kind: ministry", 1),
                     encoding="utf-8")
    result = load(url, one, two, code=1)
    assert errors(result) == [f"Error: {two / A1}.txt: another version of {one / A1}.txt (the same article file), "
                              "which this load has just stored; not stored"]
    assert summary(result) == "8 articles: 4 new, 0 updated, 3 unchanged, 1 failed; 22 facts stored"


def test_reextract_says_what_it_did(url: str, tmp_path: Path) -> None:
    folder = copy_corpus(tmp_path / "articles")
    shutil.copy(SEED, folder / SEED.name)
    load(url, folder)
    from kb.extract import EXTRACTOR_NAME, EXTRACTOR_VERSION

    result = kb("load", "--reextract", "--db", url)
    assert result.stdout == (f"1 extracted article re-read with {EXTRACTOR_NAME} {EXTRACTOR_VERSION}: 0 updated, "
                             "1 unchanged, 0 failed; 0 facts stored; 4 curated left as they are\n")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_never_hangs_a_load_or_an_extraction(url: str, tmp_path: Path) -> None:
    folder = copy_corpus(tmp_path / "articles")
    os.mkfifo(folder / "pipe.txt")
    (folder / f"{A1}.facts.yaml").unlink()
    os.mkfifo(folder / f"{A1}.facts.yaml")  # a pipe beside an article, where its facts file would be
    result = load(url, folder, code=1)
    assert sorted(errors(result)) == [
        f"Error: {folder / A1}.facts.yaml: is a named pipe, not a regular file",
        f"Error: {folder}/pipe.txt: is a named pipe, not a regular file"]
    assert summary(result) == "4 articles: 3 new, 0 updated, 0 unchanged, 1 failed; 16 facts stored; 1 skipped"
    extracted = kb("extract", folder / "pipe.txt", code=1)
    assert extracted.stderr == (f"Error: {folder}/pipe.txt: is a named pipe, not a regular file\n"
                                "Error: 1 file could not be read\n")

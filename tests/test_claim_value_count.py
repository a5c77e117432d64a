"""`claim_value_count` (revision 0013) equals a recount of the claims after whatever changes them, on both engines.

The store counts the claims it inserts; the database's triggers count claims deleted and moved and articles
whose date changes. Each step below is followed by a recount from `claim` joined to `article`, what re-deriving
read before the table existed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers import kb, load, rows
from test_load import dump_tables

from kb.db import make_engine, run_alembic

CORPUS = Path(__file__).parent / "resolution_corpus"
KINDS = ("agency", "official")
RECOUNT = ("SELECT '{k}', c.{k}_id, c.field, c.value, count(*), max(a.published), min(c.id) FROM claim c "
           "JOIN article a ON a.id = c.article_id WHERE c.{k}_id IS NOT NULL GROUP BY c.{k}_id, c.field, c.value")


def recounted(url: str) -> list[tuple]:
    return sorted(r for k in KINDS for r in rows(url, RECOUNT.format(k=k)))


def counted(url: str) -> list[tuple]:
    return sorted(rows(url, "SELECT kind, row_id, field, value, claims, latest_published, first_claim_id "
                            "FROM claim_value_count"))


def assert_counts(url: str) -> None:
    found, want = counted(url), recounted(url)
    assert found == want
    assert want  # the step left claims to count


def two_of_a_country(url: str, kind: str) -> tuple[int, int]:
    """Two rows of one country, the one with the most claims first."""
    found = rows(url, f"SELECT t.id, t.country_code, count(c.id) FROM {kind} t JOIN claim c ON c.{kind}_id = t.id "
                      f"GROUP BY t.id, t.country_code ORDER BY count(c.id) DESC, t.id")
    for rid, country, _ in found:
        other = [r for r, c, _ in found if c == country and r != rid]
        if other:
            return rid, other[0]
    raise AssertionError(f"no two {kind} rows of one country")


def test_counts_follow_loads_curators_and_deletions(url: str, tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    shutil.copytree(CORPUS, folder)
    load(url, folder)
    assert_counts(url)
    # A curator's merge moves the other row's claims; unmerge moves them back; apart changes no claim.
    for kind in KINDS:
        keep, other = two_of_a_country(url, kind)
        name = rows(url, f"SELECT name FROM {kind} WHERE id = :id", id=other)[0][0]
        kb("merge", kind, keep, other, "--db", url)
        assert not rows(url, "SELECT 1 FROM claim_value_count WHERE kind = :k AND row_id = :id", k=kind, id=other)
        assert_counts(url)
        kb("unmerge", kind, keep, name, "--db", url)
        assert_counts(url)
    # A changed article is stored again: its claims go and come back.
    facts = folder / "2016-09-05-steppe-herald-src-gacc-agreement.facts.yaml"
    text = facts.read_text(encoding="utf-8")
    assert "  kind: customs\n" in text and "published: '2016-09-05'" in text
    facts.write_text(text.replace("  kind: customs\n", "  kind: ministry\n", 1)
                     .replace("published: '2016-09-05'", "published: '2024-01-31'"), encoding="utf-8")
    assert "1 updated" in load(url, folder).stdout
    assert_counts(url)
    # Someone changes an article's date, then deletes articles (their claims go with them), by SQL.
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("UPDATE article SET published = '2031-01-01' WHERE id = (SELECT min(id) FROM article)")
        assert_counts(url)
        with engine.begin() as conn:
            conn.exec_driver_sql("UPDATE article SET published = NULL WHERE id = (SELECT min(id) FROM article)")
        assert_counts(url)
        with engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM article WHERE id IN (SELECT id FROM article ORDER BY published DESC, "
                                 "id LIMIT 3)")
        assert_counts(url)
        with engine.begin() as conn:  # the first claim of a value goes, others of it stay
            conn.exec_driver_sql("DELETE FROM claim WHERE id = (SELECT min(first_claim_id) FROM claim_value_count "
                                 "WHERE claims > 1)")
        assert_counts(url)
    finally:
        engine.dispose()
    # Loading the folder again puts the deleted articles back; the same files once more change nothing.
    load(url, folder)
    assert_counts(url)
    before = counted(url)
    assert "0 new, 0 updated" in load(url, folder).stdout
    assert counted(url) == before


def test_the_revision_counts_the_claims_present(url: str, tmp_path: Path) -> None:
    """Down to 0012 (the table goes) and up again: the upgrade fills it from the claims as the store had."""
    folder = tmp_path / "articles"
    shutil.copytree(CORPUS, folder)
    load(url, folder)
    kept = dump_tables(url)
    engine = make_engine(url)
    try:
        run_alembic(engine, "downgrade", "0012")
        assert "claim_value_count" not in {r[0] for r in rows(url, _TABLES[engine.dialect.name])}
        run_alembic(engine, "upgrade", "head")
    finally:
        engine.dispose()
    assert dump_tables(url) == kept
    assert_counts(url)
    load(url, folder)  # and a load after it keeps them
    assert_counts(url)


def test_loading_in_any_order_counts_the_same(url: str, second_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    shutil.copytree(CORPUS, folder)
    articles = sorted(folder.glob("*.txt"))
    load(url, folder)
    for article in reversed(articles):
        load(second_url, article)
    assert_counts(url)
    assert_counts(second_url)
    # Ids differ with the order; the values, their counts and latest dates do not (rows by name).
    by_name = ("SELECT v.kind, coalesce(ag.name, o.name), v.field, v.value, v.claims, v.latest_published "
               "FROM claim_value_count v LEFT JOIN agency ag ON v.kind = 'agency' AND ag.id = v.row_id "
               "LEFT JOIN official o ON v.kind = 'official' AND o.id = v.row_id")
    assert sorted(rows(url, by_name)) == sorted(rows(second_url, by_name))


_TABLES = {"sqlite": "SELECT name FROM sqlite_master WHERE type = 'table'",
           "postgresql": "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"}

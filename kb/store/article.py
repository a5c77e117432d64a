"""Storing one article: find the row it replaces, write its claims and evidence, re-derive, settle.

Every value an article states is kept as a `claim` row of that article, and
every record it supports gets an `evidence` row. The entity rows (agency,
official, agreement, trade flow, position and their link tables) are then
*derived* from the claims of all articles: the best-attested value wins, and
nothing an article contributed survives its removal. So re-loading a changed
article is: remove its claims and evidence, add the new ones, re-derive the
rows they touch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache, lru_cache
from typing import Any

from sqlalchemy import Select, bindparam, func, or_, select, update
from sqlalchemy.engine import Connection, Dialect, Row

from kb.driver import AHEAD, answered_from_held, driver, kept_for_batch
from kb.errors import KbError
from kb.facts import Facts, stored_json
from kb.identity import canonical_url
from kb.kinds import KINDS
from kb.resolve import column_by_id
from kb.resolve import read_ahead as resolve_ahead
from kb.store.derive import rederive
from kb.store.held import new_row
from kb.store.settle import descriptor_groups, settle_descriptors, settle_people
from kb.store.settle import read_ahead as settle_ahead
from kb.store.tables import T, Touched
from kb.store.write import apply_facts, remove_contributions


@dataclass
class ArticleSource:
    """Everything the store needs about one article besides its facts."""

    source_path: str
    file_name: str
    content_hash: str
    file_hash: str | None  # of the article file alone; None for articles stored before kb knew it
    facts_origin: str  # "curated" or "extracted"
    extractor_version: str | None
    body: str
    facts_json: str | None = None  # `kb.facts.stored_json(facts)` when the caller has it (a load's worker made it)


_FOUND_BY = ("url_key", "file_hash", "source_path")
_FOUND_COLUMNS = ("id", "content_hash", "facts", "extractor_version", "source_path", "url_key", "file_hash")


@cache
def _article_by() -> Select:
    """The stored articles with this URL, article file or path (each an index read): which one an article
    replaces is chosen from them in one round trip. The batch's articles not yet written are among them
    (kb.store.held)."""
    art = T["article"]
    statement = (select(*(art.c[c] for c in _FOUND_COLUMNS))
                 .where(or_(*(art.c[c] == bindparam(c) for c in _FOUND_BY))).order_by(art.c.id))

    def held_articles(held: Any, params: Mapping[str, Any]) -> list[tuple]:
        found = {row["id"]: row for column in _FOUND_BY if params[column] is not None
                 for row in held.lookup("article", (column,), (params[column],))}
        return [tuple(found[rid][c] for c in _FOUND_COLUMNS) for rid in sorted(found)]

    return kept_for_batch(answered_from_held(statement, {"article"}, held_articles))  # type: ignore[return-value]


@cache
def _articles_by() -> Select:
    """The stored articles with one of these URLs, article files or paths (lists): `_article_by` for many articles
    at once. The batch's held articles are not among them (each article's own read adds them)."""
    art = T["article"]
    return answered_from_held(select(*(art.c[c] for c in _FOUND_COLUMNS)).where(or_(*(
        art.c[c].in_(bindparam(c, expanding=True)) for c in _FOUND_BY))), {"article"},  # sorted by the caller
        lambda held, params: [])  # type: ignore[return-value]


def read_ahead(conn: Connection, articles: list[tuple[ArticleSource, Facts]]) -> None:
    """Resolve a batch of articles at once: the stored articles each may replace (what `find_article` reads) in
    one statement, and their records' lookups (kb.resolve.read_ahead), kept for the batch's transaction
    (kb.driver.ReadCache): storing each then reads none of it itself."""
    run = driver(conn)
    if run.cache is None or not articles:
        return
    wanted = [{"url_key": canonical_url(facts.article.url), "file_hash": source.file_hash,
               "source_path": source.source_path} for source, facts in articles]
    lists = {c: sorted({w[c] for w in wanted if w[c] is not None}) for c in _FOUND_BY}
    if sum(map(len, lists.values())) <= AHEAD:
        found = sorted(run.rows(_articles_by(), lists), key=lambda r: r.id)  # as `_article_by` orders them
        for params in wanted:
            run.cache.fill(_article_by(), params, [tuple(r) for r in found  # type: ignore[union-attr]
                                                   if any(params[c] is not None and getattr(r, c) == params[c]
                                                          for c in _FOUND_BY)])
    resolve_ahead(conn, [facts for _, facts in articles])
    settle_ahead(conn, [facts for _, facts in articles])


def _bound_date(conn: Connection, value: datetime) -> object:
    """`loaded_at` as SQLAlchemy would bind it (SQLite keeps a datetime as text of its own format): the row is
    written by the driver (kb.driver)."""
    processor = _date_processor(conn.dialect)
    return processor(value) if processor is not None else value


@lru_cache(maxsize=4)  # a dialect per engine; finding the processor cost more than the rest of the row
def _date_processor(dialect: Dialect) -> Callable[[datetime], object] | None:
    return T["article"].c.loaded_at.type.dialect_impl(dialect).bind_processor(dialect)


def facts_count(facts: Facts) -> int:
    return sum(len(getattr(facts, kind.facts_key)) for kind in KINDS)


HASHES_PER_QUERY = 1000


@cache
def _hashes_statement() -> Select:
    art = T["article"]
    return (select(art.c.content_hash, func.min(art.c.id)).where(art.c.content_hash.in_(bindparam("hashes",
                                                                                                 expanding=True)))
            .group_by(art.c.content_hash))


def stored_hashes(conn: Connection, hashes: Iterable[str]) -> dict[str, int]:
    """The stored articles among these content hashes, with their ids: a query per thousand hashes (an index
    read each), so unchanged files cost no round trip each and the cost follows the files, not the base.

    Keyed by the file's bytes, not its path: the same file loaded from another folder is unchanged.
    """
    wanted = sorted(set(hashes))
    found: dict[str, int] = {}
    for start in range(0, len(wanted), HASHES_PER_QUERY):
        found.update(conn.execute(_hashes_statement(), {"hashes": wanted[start:start + HASHES_PER_QUERY]}).all())
    return found


@dataclass(frozen=True)
class Stored:
    """What storing one article did: 'new', 'updated' or 'unchanged', to which article row."""

    status: str
    article_id: int


def find_article(conn: Connection, source: ArticleSource, facts: Facts) -> tuple[Row, str] | None:
    """The stored article this one is, and why: the same URL, else the same article file, else the same path."""
    url_key = canonical_url(facts.article.url)
    tests = [("url_key", url_key, f"the same URL {url_key}")] if url_key else []
    if source.file_hash:
        tests.append(("file_hash", source.file_hash, "the same article file"))
    tests.append(("source_path", source.source_path, "the same path"))
    rows = driver(conn).rows(_article_by(), {"url_key": url_key, "file_hash": source.file_hash,
                                             "source_path": source.source_path})
    for column, value, why in tests:
        row = next((r for r in rows if getattr(r, column) == value), None)  # rows come by id: the first
        if row is not None:
            return row, why
    return None


def store_article(conn: Connection, source: ArticleSource, facts: Facts, *, force: bool = False,
                  article_id: int | None = None, claimed: Mapping[int, str] | None = None) -> Stored:
    """Store or replace one article. Call inside a transaction.

    The article replaced is the one `find_article` finds (or `article_id`).
    `force` stores even when the file is unchanged (re-extraction), unless the
    facts are the same too. `claimed` maps the articles already stored in
    this run to their files: another version of one of them is refused.
    """
    art = T["article"]
    facts_json = source.facts_json or stored_json(facts)
    if article_id is not None:
        row = conn.execute(select(art.c.id, art.c.content_hash, art.c.facts, art.c.extractor_version,
                                  art.c.source_path).where(art.c.id == article_id)).first()
        found = (row, "") if row is not None else None
    else:
        found = find_article(conn, source, facts)
    row = found[0] if found else None
    if row is not None and row.content_hash == source.content_hash and (
            not force or (row.facts == facts_json and row.extractor_version == source.extractor_version)):
        return Stored("unchanged", row.id)
    if found and claimed and row.id in claimed:
        raise KbError(f"another version of {claimed[row.id]} ({found[1]}), which this load has just stored; "
                      "not stored")
    values = {
        "file_name": source.file_name, "content_hash": source.content_hash,
        "url_key": canonical_url(facts.article.url), "file_hash": source.file_hash,
        "facts_origin": source.facts_origin, "extractor_version": source.extractor_version,
        "title": facts.article.title, "publisher": facts.article.publisher, "author": facts.article.author,
        "published": facts.article.published, "url": facts.article.url,
        "language": facts.article.language or "en", "body": source.body,
        "facts": facts_json,
        "loaded_at": datetime.now(UTC),
    }
    touched = Touched()
    if row is None:
        # The path is where the article was first loaded from: a later copy elsewhere leaves it.
        # Held for the batch's write with its id given out now, as any new row (kb.store.held).
        article_id = new_row(conn, "article", {"source_path": source.source_path, **values,
                                               "loaded_at": _bound_date(conn, values["loaded_at"])})
    else:
        article_id = row.id
        remove_contributions(conn, article_id, touched)
        conn.execute(update(art).where(art.c.id == article_id).values(**values))
    changed = apply_facts(conn, article_id, facts, touched)
    rederive(conn, touched)
    made = {rid: (f.values.get("country_code"), f.values.get("kind"))
            for (kind, rid), f in touched.fresh.items() if kind == "agency"}
    settle_descriptors(conn, descriptor_groups(conn, facts, changed.get("agency", set()), made))  # type: ignore[arg-type]
    settle_people(conn, _countries(conn, "official", changed.get("official", set())))
    return Stored("new" if row is None else "updated", article_id)


def _countries(conn: Connection, kind: str, ids: set[int]) -> set[str]:
    return {c for c in column_by_id(conn, kind, "country_code", sorted(ids)).values() if c}  # type: ignore[misc]


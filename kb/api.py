"""The Python front door: `db = kb.open(url)`, then `db.load(paths)` and the listings as typed records.

The same library calls as the `kb` command (kb.load for loading, kb.queries for the listings, with the
same filters and the same SQL), so a program and the command line always agree. See docs/python.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from os import PathLike
from pathlib import Path
from typing import Any, TypeVar

from kb import queries
from kb.db import open_database
from kb.load import InputLimits, LoadReport, load_found
from kb.records import Agency, Agreement, Article, Flow, Hit, Official, _Record
from kb.settings import database_url

R = TypeVar("R", bound=_Record)
Paths = str | PathLike[str] | Iterable[str | PathLike[str]]


class Page(list[R]):
    """A listing's rows (a list), and `next_cursor`: pass it as `after=` for the next page of as many rows;
    None on the last page, and always without a `limit`."""

    next_cursor: str | None = None


class KnowledgeBase:
    """One kb database, opened (created and migrated if it is new) as `kb` opens it.

    Use it as a context manager, or call close(), to release its connections.
    """

    def __init__(self, url: str | None = None) -> None:
        self.url = database_url(url)
        self.engine = open_database(self.url)

    # ---------------------------------------------------------------- writing

    def load(self, paths: Paths, *, jobs: int = 1, limits: InputLimits | None = None) -> LoadReport:
        """Load article files and folders, as `kb load` does; a bad file is one line in `report.errors`
        and the others still load (check `report.failed` and `report.skipped`)."""
        from kb.readers.discover import discover

        if isinstance(paths, str | PathLike):
            paths = [paths]
        return load_found(self.engine, discover(Path(p) for p in paths), jobs=jobs,
                          limits=limits or InputLimits())

    # ---------------------------------------------------------------- the listings of `kb query`
    # With `limit`, a listing is a page; its `next_cursor`, given as `after`, is the next one (keyset pages:
    # the rows after the last one's sort key, however the table changed meanwhile).

    def agreements(self, *, country: str | Iterable[str] | None = None, kind: str | None = None,
                   status: str | None = None, since: str | None = None, until: str | None = None,
                   agency: str | None = None, official: str | None = None, contains: str | None = None,
                   limit: int | None = None, after: str | None = None) -> Page[Agreement]:
        """Agreements, newest first; `country` is a party (a code or a name), or several that all are."""
        parties = [country] if isinstance(country, str) else list(country or [])
        return self._list(Agreement, queries.agreements(
            country=parties, kind=kind, status=status, since=since, until=until, agency=agency,
            official=official, contains=contains, limit=limit, after=after))

    def agencies(self, *, country: str | None = None, kind: str | None = None, contains: str | None = None,
                 limit: int | None = None, after: str | None = None) -> Page[Agency]:
        """Agencies by name."""
        return self._list(Agency, queries.agencies(country=country, kind=kind, contains=contains, limit=limit,
                                                   after=after))

    def officials(self, *, agency: str | None = None, country: str | None = None, title: str | None = None,
                  contains: str | None = None, limit: int | None = None,
                  after: str | None = None) -> Page[Official]:
        """Officials by name, one record per post."""
        return self._list(Official, queries.officials(agency=agency, country=country, title=title,
                                                      contains=contains, limit=limit, after=after))

    def flows(self, *, commodity: str | None = None, hs: str | None = None, exporter: str | None = None,
              importer: str | None = None, since: str | None = None, until: str | None = None,
              contains: str | None = None, limit: int | None = None, after: str | None = None) -> Page[Flow]:
        """Trade flows, latest period first."""
        return self._list(Flow, queries.flows(commodity=commodity, hs=hs, exporter=exporter, importer=importer,
                                              since=since, until=until, contains=contains, limit=limit,
                                              after=after))

    def articles(self, *, publisher: str | None = None, since: str | None = None, until: str | None = None,
                 contains: str | None = None, limit: int | None = None,
                 after: str | None = None) -> Page[Article]:
        """The source articles, newest first."""
        return self._list(Article, queries.articles(publisher=publisher, since=since, until=until,
                                                    contains=contains, limit=limit, after=after))

    def record(self, kind: str, record_id: int) -> dict[str, Any]:
        """Everything about one agreement, agency, official or flow, with its evidence: `kb show`."""
        with self.engine.connect() as conn:
            return queries.record(conn, kind, record_id)

    def search(self, text: str, *, kind: str | Iterable[str] | None = None, country: str | None = None,
               since: str | None = None, until: str | None = None, limit: int = 20) -> list[Hit]:
        """Full-text search over articles and evidence sentences, best first: `kb search` (same syntax:
        words, "a phrase", a OR b, -word)."""
        from kb.search import search

        kinds = [kind] if isinstance(kind, str) else list(kind) if kind is not None else None
        with self.engine.connect() as conn:
            columns, rows = search(conn.dialect.name, text, kind=kinds, country=country, since=since,
                                   until=until, limit=limit).run(conn)
            return [Hit.from_row(dict(zip(columns, row, strict=True))) for row in rows]

    # ---------------------------------------------------------------- plumbing

    def _list(self, record: type[R], query: queries.Query) -> Page[R]:
        with self.engine.connect() as conn:
            columns, rows = query.run(conn)
            page = Page(record.from_row(dict(zip(columns, row, strict=True))) for row in rows)
        page.next_cursor = query.next_cursor
        return page

    def close(self) -> None:
        """Release the database's connections (a server keeps one per idle connection)."""
        self.engine.dispose()

    def __enter__(self) -> KnowledgeBase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"kb.open({self.engine.url.render_as_string()!r})"

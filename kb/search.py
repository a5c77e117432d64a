"""Full-text search over article titles and bodies and over evidence quotes, on either engine.

One query syntax on both engines, that of web search boxes:

    customs agreement        both words (stemmed: "agreements" matches too)
    "mutual assistance"      the phrase
    wheat OR barley          either word; OR joins the two terms around it,
                             so `wheat OR barley exports` is (wheat or barley) and exports
    customs -tobacco         customs, without tobacco

The text is parsed here once and written out for each engine: an FTS5 MATCH
expression for SQLite (the FTS5 tables of revision 0009), and for PostgreSQL
(its generated tsvector columns) a tsquery built from one
`websearch_to_tsquery` per term, so that both group alike. Both stem English
words (Porter on SQLite, Snowball on PostgreSQL); PostgreSQL also drops stop
words ("the", "of") where SQLite requires them, so results can differ on
queries made of such words.

Results are articles (kind `article`) and pieces of evidence (kind = the
record they support: agreement, agency, official, position, trade_flow),
best first, each with a snippet whose matched words are marked «thus».
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from kb.countries import country_code
from kb.errors import QueryError
from kb.kinds import KINDS as ENTITY_KINDS
from kb.queries import check_dates, upper_bound

KINDS = ("article", "agreement", "agency", "official", "position", "trade_flow")
KIND_ALIASES = {"articles": "article", "positions": "position",
                **{alias: k.name for k in ENTITY_KINDS for alias in (k.query, k.plural) if alias != k.name}}
COLUMNS = ["kind", "id", "name", "published", "article_id", "article", "snippet", "score"]
TABLE_COLUMNS = ["kind", "id", "name", "published", "snippet"]  # a terminal is narrow: the rest in json/csv
BODY_CHARACTERS = 250_000  # PostgreSQL indexes (and quotes from) this much of a body: see revision 0009
MARK_START, MARK_END = "«", "»"


@dataclass(frozen=True)
class Term:
    words: str  # one word, or the words of a phrase
    phrase: bool = False


@dataclass
class ParsedQuery:
    """All of `groups` (each group: any one of its terms) and none of `excluded`."""

    groups: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)

    def fts5(self) -> str:
        def quoted(term: Term) -> str:
            return '"' + term.words.replace('"', '""') + '"'

        anded = " AND ".join("(" + " OR ".join(quoted(t) for t in g) + ")" if len(g) > 1 else quoted(g[0])
                             for g in self.groups)
        return anded + "".join(f" NOT {quoted(t)}" for t in self.excluded)

    def tsquery(self, params: dict[str, Any]) -> str:
        """A PostgreSQL tsquery expression: each term through websearch_to_tsquery (a "phrase" stays one),
        combined with the grouping above (websearch_to_tsquery alone would read `a b OR c` as (a b) OR c)."""
        def term(t: Term) -> str:
            name = f"term{len(params)}"
            params[name] = f'"{t.words}"' if t.phrase else t.words
            return f"websearch_to_tsquery('english', :{name})"

        anded = " && ".join("(" + " || ".join(term(t) for t in g) + ")" if len(g) > 1 else term(g[0])
                            for g in self.groups)
        return anded + "".join(f" && !!{term(t)}" for t in self.excluded)


_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+")


def parse(query: str) -> ParsedQuery:
    """Words, "phrases", OR between alternatives, -word or -"phrase" to exclude; anything else is text."""
    parsed = ParsedQuery()
    join_next = False
    for match in _TOKEN.finditer(query):
        negated, phrase, bare = match.group(1), match.group(2), match.group(3)
        if bare is not None and bare.upper() == "OR":
            join_next = bool(parsed.groups)
            continue
        if bare is not None and bare.startswith("-") and len(bare) > 1:
            negated, bare = "-", bare[1:]
        raw = phrase if phrase is not None else bare
        words = " ".join(_WORD.findall(raw or ""))
        if not words:
            continue
        term = Term(words, phrase=phrase is not None or " " in words)
        if negated:
            parsed.excluded.append(term)
        elif join_next:
            parsed.groups[-1].append(term)
        else:
            parsed.groups.append([term])
        join_next = False
    if not parsed.groups:
        what = "words to exclude only" if parsed.excluded else "no words"
        raise QueryError(f"nothing to search for in {query!r} ({what}): give at least one word or \"phrase\"")
    return parsed


def kinds(values: list[str] | None) -> list[str]:
    chosen = [KIND_ALIASES.get(v.lower(), v.lower()) for v in values or []]
    unknown = [v for v in chosen if v not in KINDS]
    if unknown:
        raise QueryError(f"--kind {unknown[0]!r} is not a kind: give one of {', '.join(KINDS)}")
    return chosen or list(KINDS)


@dataclass
class Search:
    """The SQL of one search, for one engine, with its parameters (`--show-sql` prints both)."""

    sql: str
    params: dict[str, Any]

    def run(self, conn: Connection) -> tuple[list[str], Iterator[tuple]]:
        result = conn.execute(text(self.sql), self.params)
        return list(result.keys()), (tuple(r) for r in result)

    def shown(self) -> str:
        return self.sql + f"\n-- parameters: {self.params}"


def search(dialect: str, query: str, *, kind: list[str] | None = None, country: str | None = None,
           since: str | None = None, until: str | None = None, limit: int = 20) -> Search:
    """The search for `query` on `dialect` ('sqlite' or 'postgresql'), best first, at most `limit` hits."""
    parsed = parse(query)
    wanted = kinds(kind)
    check_dates(since, until)
    params: dict[str, Any] = {"limit": limit}
    dated: list[str] = []  # on the article of either kind of hit
    article_filters: list[str] = []
    evidence_filters: list[str] = []
    if country:
        params["country"] = country_code(country)
        article_filters.append("EXISTS (SELECT 1 FROM evidence_country c WHERE c.article_id = a.id "
                               "AND c.country_code = :country)")
        evidence_filters.append("EXISTS (SELECT 1 FROM evidence_country c WHERE c.evidence_id = e.id "
                                "AND c.country_code = :country)")
    if since:
        params["since"] = since
        dated.append("a.published >= :since")
    if until:
        params["until"] = upper_bound(until)
        dated.append("a.published <= :until")
    record_kinds = [k for k in wanted if k != "article"]
    if record_kinds and len(record_kinds) < len(KINDS) - 1:
        params.update({f"kind{i}": k for i, k in enumerate(record_kinds)})
        evidence_filters.append(f"{RECORD_KIND} IN ({', '.join(f':kind{i}' for i in range(len(record_kinds)))})")
    if dialect == "postgresql":
        terms: dict[str, Any] = {}
        tsquery = parsed.tsquery(terms)
        params.update(terms)
        sql = _postgresql(tsquery, want_articles="article" in wanted, want_evidence=bool(record_kinds),
                          article_filters=dated + article_filters, evidence_filters=dated + evidence_filters)
    else:
        params["query"] = parsed.fts5()
        sql = _sqlite(want_articles="article" in wanted, want_evidence=bool(record_kinds),
                      article_filters=dated + article_filters, evidence_filters=dated + evidence_filters)
    return Search(sql, params)


RECORD_KIND = ("CASE WHEN e.agency_id IS NOT NULL THEN 'agency' WHEN e.official_id IS NOT NULL THEN 'official' "
               "WHEN e.position_id IS NOT NULL THEN 'position' WHEN e.agreement_id IS NOT NULL THEN 'agreement' "
               "ELSE 'trade_flow' END")


def _where(conditions: list[str]) -> str:
    return "".join(f"\n      AND {c}" for c in conditions)


def _sqlite(*, want_articles: bool, want_evidence: bool, article_filters: list[str],
            evidence_filters: list[str]) -> str:
    """Hits ranked by bm25 (title weighted 5:1 over body); snippets made for the hits shown only."""
    arms = []
    if want_articles:
        arms.append(f"""SELECT 'article' AS kind, a.id AS hit_id, -bm25(article_search, 5.0, 1.0) AS score
    FROM article_search JOIN article a ON a.id = article_search.rowid
    WHERE article_search MATCH :query{_where(article_filters)}""")
    if want_evidence:
        arms.append(f"""SELECT 'evidence' AS kind, e.id AS hit_id, -bm25(evidence_search) AS score
    FROM evidence_search JOIN evidence e ON e.id = evidence_search.rowid JOIN article a ON a.id = e.article_id
    WHERE evidence_search MATCH :query{_where(evidence_filters)}""")
    hits = "\n  UNION ALL\n  ".join(arms)
    snippet = (f"CASE WHEN h.kind = 'article' THEN (SELECT snippet(article_search, -1, '{MARK_START}', "
               f"'{MARK_END}', '…', 24) FROM article_search WHERE article_search MATCH :query "
               f"AND article_search.rowid = h.hit_id)\n"
               f"       ELSE (SELECT highlight(evidence_search, 0, '{MARK_START}', '{MARK_END}') "
               f"FROM evidence_search WHERE evidence_search MATCH :query AND evidence_search.rowid = h.hit_id) END")
    return _outer(hits, snippet)


def _postgresql(tsquery: str, *, want_articles: bool, want_evidence: bool, article_filters: list[str],
                evidence_filters: list[str]) -> str:
    """Hits ranked by ts_rank_cd; headlines made for the hits shown only (ts_headline re-reads the text)."""
    arms = []
    if want_articles:
        arms.append(f"""SELECT 'article' AS kind, a.id AS hit_id, ts_rank_cd(a.search_vector, q.q) AS score
    FROM article a, q
    WHERE a.search_vector @@ q.q{_where(article_filters)}""")
    if want_evidence:
        arms.append(f"""SELECT 'evidence' AS kind, e.id AS hit_id, ts_rank_cd(e.search_vector, q.q) AS score
    FROM evidence e JOIN article a ON a.id = e.article_id, q
    WHERE e.search_vector @@ q.q{_where(evidence_filters)}""")
    hits = "\n  UNION ALL\n  ".join(arms)
    options = f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=35, MinWords=15, MaxFragments=2, " \
              "FragmentDelimiter=\" … \""
    snippet = (f"CASE WHEN h.kind = 'article' THEN ts_headline('english', left(ar.body, {BODY_CHARACTERS}), "
               f"(SELECT q FROM q), '{options}')\n"
               f"       ELSE ts_headline('english', ev.quote, (SELECT q FROM q), "
               f"'StartSel={MARK_START}, StopSel={MARK_END}, HighlightAll=true') END")
    return (f"WITH q AS (SELECT {tsquery} AS q)\n"
            + _outer(hits, snippet))


def _outer(hits: str, snippet: str) -> str:
    """The best hits first, then their names, dates and snippets (read for those rows alone)."""
    return f"""SELECT CASE WHEN h.kind = 'article' THEN 'article' ELSE v.record_kind END AS kind,
       CASE WHEN h.kind = 'article' THEN ar.id ELSE v.record_id END AS id,
       CASE WHEN h.kind = 'article' THEN ar.title ELSE v.record_name END AS name,
       ar.published, ar.id AS article_id, ar.title AS article,
       {snippet} AS snippet,
       CAST(round(CAST(h.score AS NUMERIC), 3) AS DOUBLE PRECISION) AS score
FROM (
  {hits}
  ORDER BY score DESC, kind, hit_id
  LIMIT :limit
) h
LEFT JOIN evidence_overview v ON h.kind = 'evidence' AND v.evidence_id = h.hit_id
LEFT JOIN evidence ev ON h.kind = 'evidence' AND ev.id = h.hit_id
JOIN article ar ON ar.id = CASE WHEN h.kind = 'article' THEN h.hit_id ELSE ev.article_id END
ORDER BY h.score DESC, h.kind, h.hit_id"""

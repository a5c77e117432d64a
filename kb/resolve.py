"""Matching an article's records to the rows already stored.

A record *links* to a row when they share a normalised name or alias (with
compatible countries), when their names are nearly the same within one
country, or — for agreements — when kind, parties and dates agree and the
names are close. Every linked row is returned: when a record links two rows,
the store joins them, so the rows are the connected groups of records
whatever order the articles come in. Conservative by design: countries that
differ never link, nor do agreements with contradicting dates. Each match
carries the rule that made it and a score, which the store keeps in
`match_decision`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache, partial
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import Select, String, and_, bindparam, func, null, or_, select, union_all
from sqlalchemy.engine import Connection

from kb.candidates import CountryNames, candidates
from kb.countries import country_words
from kb.driver import answered_from_held, driver, held_by, held_by_id, kept_for_batch
from kb.facts import Agency, Agreement, Facts, Official, TradeFlow
from kb.models import Agency as AgencyRow
from kb.models import Agreement as AgreementRow
from kb.models import AgreementParty, Alias, Curation, Position
from kb.models import Official as OfficialRow
from kb.models import TradeFlow as TradeFlowRow
from kb.names import block_keys, compare, tokens
from kb.normalize import name_key, singular, singular_key

agency_t = AgencyRow.__table__
official_t = OfficialRow.__table__
agreement_t = AgreementRow.__table__
party_t = AgreementParty.__table__
flow_t = TradeFlowRow.__table__
alias_t = Alias.__table__
curation_t = Curation.__table__
position_t = Position.__table__

FUZZY_AGENCY = 92
REVIEW_AGENCY = 85  # from here up to a merge: a pair for `kb review`
FUZZY_PERSON = 93  # kb.names score: at or above, the same person (weak evidence needs the same agency too)
REVIEW_PERSON = 80  # from here up to a merge: a pair for `kb review`
FUZZY_AGREEMENT = 85
# Ranking of the ways a record can link to a row, strongest first.
RANK = {"curated alias": 0, "same name": 1, "article alias": 2}
STOPWORDS = frozenset({"of", "the", "and", "for", "in"})
# Words any designation of an instrument may use, which say nothing of its subject.
INSTRUMENT_WORDS = frozenset({
    "agreement", "agreements", "protocol", "memorandum", "understanding", "mou", "treaty", "convention",
    "arrangement", "plan", "action", "roadmap", "programme", "program", "accord", "deal", "pact", "document",
    "between", "government", "governments", "republic", "kingdom", "state", "states", "federation", "people",
    "of", "the", "on", "in", "and", "for", "to", "an", "with", "by", "concerning", "regarding", "about", "field",
    "intergovernmental", "bilateral", "two", "country", "countries", "new", "joint", "framework", "sides",
    "cooperation", "matters", "matter", "amending", "amendment", "amendments", "amend", "upgrading", "signed",
    "respective", "islamic", "socialist", "democratic", "united", "its", "their", "behalf"})


@dataclass(frozen=True)
class Match:
    record_id: int
    reason: str
    score: float
    near: bool = False  # alike without enough evidence: not joined, kept for review (`match_candidate`)
    other_name: str = ""  # for a near match: the row's name the record was compared with


# Statements are built once per shape and run with bound values: building a SQLAlchemy statement and
# computing its cache key cost more than running it (a quarter of a load's time), and a statement object
# used again keeps both. `_ids`, `_keys`: lists bound as IN (…).
TABLES = {"agency": agency_t, "official": official_t, "agreement": agreement_t}


def _ids() -> object:
    return bindparam("ids", expanding=True)


@cache
def _curation_statement() -> Select:
    return select(curation_t).order_by(curation_t.c.id)


@cache
def _by_key_statement(kind: str):  # type: ignore[no-untyped-def]
    """Rows whose name (origin NULL) or alias has one of the keys, in one round trip."""
    table, column = TABLES[kind], alias_t.c[f"{kind}_id"]
    keys = bindparam("keys", expanding=True)
    statement = (select(table.c.id, table.c.name_key, null().label("origin")).where(table.c.name_key.in_(keys))
                 .union_all(select(column, alias_t.c.name_key, alias_t.c.origin)
                            .where(alias_t.c.name_key.in_(keys), column.is_not(None))))
    main = held_by(kind, "name_key", lambda p: p["keys"], ("id", "name_key", "_none"))
    aliases = held_by("alias", "name_key", lambda p: p["keys"], (column.name, "name_key", "origin"))
    return kept_for_batch(answered_from_held(statement, {kind, "alias"}, lambda held, p: main(held, p) + [
        r for r in aliases(held, p) if r[0] is not None]), by="keys", column=1, patch=_names_updated)


def _names_updated(answers: dict[tuple, list[tuple]], changes: dict[int, Mapping[str, Any]]) -> bool:
    """`_by_key_statement`'s kept answers ({((), key): [(id, key, origin), …]}: the rows by main name, origin
    NULL, then by alias) after rows of its kind were updated by id (kb.driver.ReadCache.updated): a row given
    another name leaves its old key's answer and joins its new one's, if kept, among the main names by id."""
    for rid, values in changes.items():
        key = values.get("name_key")
        if key is None:
            continue  # the name is left as it was (a main name is never NULL)
        for rows in answers.values():
            rows[:] = [r for r in rows if r[0] != rid or r[2] is not None]
        rows = answers.get(((), key))
        if rows is not None:
            at = next((i for i, r in enumerate(rows) if r[2] is not None or r[0] > rid), len(rows))
            rows.insert(at, (rid, key, None))
    return True


@cache
def _names_of_statement(kind: str):  # type: ignore[no-untyped-def]
    table, column = TABLES[kind], alias_t.c[f"{kind}_id"]
    statement = (select(table.c.id, table.c.name_key).where(table.c.id.in_(_ids()))
                 .union_all(select(column, alias_t.c.name_key).where(column.in_(_ids()))))
    main = held_by_id(kind, ("id", "name_key"))
    aliases = held_by("alias", column.name, lambda p: p["ids"], (column.name, "name_key"))
    return kept_for_batch(answered_from_held(statement, {kind, "alias"}, lambda held, p: main(held, p)
                                             + aliases(held, p)), by="ids", of=kind)


@cache
def _column_by_id_statement(kind: str, column: str) -> Select:
    table = TABLES[kind]
    return kept_for_batch(answered_from_held(select(table.c.id, table.c[column]).where(table.c.id.in_(_ids())),
                                             {kind}, held_by_id(kind, ("id", column))), by="ids", of=kind)


def column_by_id(conn: Connection, kind: str, column: str, ids: object) -> dict[int, object]:
    """{id: column} of the given rows of a kind (no statement when there are none); the countries of agencies
    and officials from the load's index where it holds them."""
    ids = list(ids)  # type: ignore[call-overload]
    found: dict[int, object] = {}
    index = candidates(conn).of(kind) if column == "country_code" and ids else None
    if index is not None:
        found, ids = index.countries(ids)  # type: ignore[assignment]
    if ids:
        found.update(driver(conn).rows(_column_by_id_statement(kind, column), {"ids": ids}))
    return found


class Curated:
    """The curators' decisions, read once per transaction (see `curated`) rather than once per comparison:
    merges and splits for matching, and every decision on a row (renames, removed aliases) for deriving it."""

    def __init__(self, conn: Connection) -> None:
        self.merges: dict[tuple[str, str], set[int]] = defaultdict(set)  # (kind, name key) → rows
        self.blocks: dict[tuple[str, int], set[str]] = defaultdict(set)  # (kind, row) → split-off name keys
        self.apart: dict[tuple[str, int], set[int]] = defaultdict(set)  # (kind, row) → rows kept apart from it
        self.of_row: dict[tuple[str, int], list] = defaultdict(list)  # (kind, row) → its decisions, oldest first
        rows = driver(conn).rows(_curation_statement())
        for r in rows:
            self.of_row[(r.record_kind, r.record_id)].append(r)
            if r.action == "merge":
                self.merges[(r.record_kind, name_key(r.other_name))].add(r.record_id)
            elif r.action == "apart":
                self.apart[(r.record_kind, r.record_id)].add(r.other_id)
                self.apart[(r.record_kind, r.other_id)].add(r.record_id)
            elif r.action == "unmerge":
                self.blocks[(r.record_kind, r.record_id)].add(name_key(r.other_name))

    def kept_apart(self, kind: str, a: int, b: int) -> bool:
        """A curator said these two rows are different things."""
        return b in self.apart.get((kind, a), set())

    def blocked(self, kind: str, rid: int, keys: set[str]) -> bool:
        """A curator split records with one of these names off this row: never match them to it again."""
        return not self.blocks.get((kind, rid), set()).isdisjoint(keys)


def curated(conn: Connection) -> Curated:
    """The curators' decisions as this transaction sees them, read once per transaction: a load's batch reads
    them once, not once per article. Whatever changes curation rows calls `forget_curated` (a fold, a
    curator's decision, a rolled-back savepoint)."""
    transaction = conn.get_transaction()
    cached = conn.info.get("kb.curated")
    if cached is None or cached[0] is not transaction or transaction is None:
        cached = conn.info["kb.curated"] = (transaction, Curated(conn))
    return cached[1]


def forget_curated(conn: Connection) -> None:
    conn.info.pop("kb.curated", None)


class KnownKeys:
    """The rows with each of some name keys (as main name or alias): read for all of an article's records in one
    round trip, and kept current by the store as the article makes rows. A join forgets it all (rows go, aliases
    move): the keys are read again when next asked for."""

    def __init__(self) -> None:
        self.found: dict[str, dict[str, list[tuple[int, str, str | None]]]] = defaultdict(dict)

    def read(self, conn: Connection, kind: str, keys: Iterable[str]) -> None:
        held = self.found[kind]
        wanted = sorted(set(keys) - set(held))
        if not wanted:
            return
        for key in wanted:
            held[key] = []
        for rid, key, origin in driver(conn).rows(_by_key_statement(kind), {"keys": wanted}):
            held[key].append((rid, key, origin))

    def rows(self, conn: Connection, kind: str, keys: set[str]) -> list[tuple[int, str, str | None]]:
        """What `_by_key_statement` returns for `keys`: rows by main name, then by alias."""
        self.read(conn, kind, keys)
        held = [r for key in sorted(keys) for r in self.found[kind][key]]
        return [r for r in held if r[2] is None] + [r for r in held if r[2] is not None]

    def made(self, kind: str, rid: int, key: str) -> None:
        if key in self.found[kind]:
            self.found[kind][key].append((rid, key, None))

    def forget(self) -> None:
        self.found.clear()


def _by_key(conn: Connection, kind: str, keys: set[str], cur: Curated,
            known: KnownKeys | None = None) -> list[tuple[int, str, str]]:
    """Rows whose name or alias has one of `keys`, or that a curator merged such a name into: (id, how, key)."""
    if not keys:
        return []
    found = known.rows(conn, kind, keys) if known is not None else \
        driver(conn).rows(_by_key_statement(kind), {"keys": sorted(keys)})
    rows = [(rid, "same name", key) for rid, key, origin in found if origin is None]
    rows += [(rid, f"{origin} alias", key) for rid, key, origin in found if origin is not None]
    merges = cur.merges
    rows += [(rid, "curated alias", key) for key in sorted(keys) for rid in sorted(merges.get((kind, key), ()))]
    return rows


def _names_of(conn: Connection, kind: str, ids: set[int]) -> dict[int, set[str]]:
    """Every normalised name (main name and aliases) of the given rows."""
    names: dict[int, set[str]] = defaultdict(set)
    if not ids:
        return names
    for rid, key in driver(conn).rows(_names_of_statement(kind), {"ids": sorted(ids)}):
        names[rid].add(key)
    return names


@lru_cache(maxsize=65536)  # a country's rows' names, for every agency of the country stored
def _cores(names: frozenset[str], country: str | None) -> tuple[tuple[str, str], ...]:
    return tuple(names_by_core(names, country).items())


def names_by_core(names: Iterable[str], country: str | None) -> dict[str, str]:
    """A row's names by their core (the country's own words set aside), in a fixed order: of two names with one
    core the same one is kept whatever a set's order, so the review queue does not change with the hash seed."""
    return {core: n for n in sorted(names, reverse=True) if (core := core_key(n, country))}


def _index(conn: Connection, kind: str) -> CountryNames:
    index = candidates(conn).of(kind)
    assert index is not None, kind
    return index


def _countries_compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _best_first(matches: list[Match]) -> list[Match]:
    """One match per row, strongest first (curated, then by score, then the older row)."""
    seen: dict[int, Match] = {}
    for m in sorted(matches, key=lambda m: (m.near, RANK.get(m.reason.split(" (")[0], 3), -m.score, m.record_id)):
        seen.setdefault(m.record_id, m)
    return list(seen.values())


@lru_cache(maxsize=65536)  # asked for every name of a country's rows, for each agency stored
def core_key(key: str, country: str | None) -> str:
    """A name without its country's names and adjectives: 'kyrgyz state customs service' →
    'state customs service', as is 'state customs service of kyrgyzstan'."""
    if country is None:
        return key
    words = country_words(country)
    for word in sorted(words, key=len, reverse=True):
        if " " in word and f" {word} " in f" {key} ":
            key = f" {key} ".replace(f" {word} ", " ").strip()
    return " ".join(t for t in key.split() if t not in words and t not in STOPWORDS)


def match_agency(conn: Connection, record: Agency, cur: Curated | None = None,
                 known: KnownKeys | None = None) -> list[Match]:
    cur = cur or curated(conn)
    keys = {name_key(n) for n in [record.name, *record.also]} - {""}
    candidates = _by_key(conn, "agency", keys, cur, known)
    countries = column_by_id(conn, "agency", "country_code", {c[0] for c in candidates})
    matches = [Match(rid, how if key == name_key(record.name) else f"{how} ({key})", 100.0)
               for rid, how, key in candidates
               if (how == "curated alias" or _countries_compatible(countries.get(rid), record.country))
               and not cur.blocked("agency", rid, keys)]
    if record.country is not None:
        # Near-identical names within one country, with the country's own words set aside.
        mine = {core_key(k, record.country) for k in keys} - {""}
        matched = {m.record_id for m in matches}
        cores = _index(conn, "agency").derived(conn, record.country, "cores",
                                               partial(_country_cores, country=record.country))
        for rid, (score, name) in _similar_cores(mine, cores).items():
            if rid in matched or cur.blocked("agency", rid, keys):
                continue
            if score >= FUZZY_AGENCY:
                matches.append(Match(rid, "similar name, same country", float(score)))
            elif score >= REVIEW_AGENCY:
                matches.append(Match(rid, "similar name, same country, below the threshold", float(score),
                                     near=True, other_name=name))
    return _joinable(_best_first(matches), countries_of(conn, "agency"))


def _country_cores(names: dict[int, frozenset[str]], country: str) -> tuple[list[str], list[tuple[int, str]]]:
    """The cores longer than 3 characters of the names of a country's rows (`names_by_core`), and the (row,
    name) of each: what an agency of the country is compared with, kept by the load's index until a row of
    the country changes (`CountryNames.derived`)."""
    choices: list[str] = []
    owners: list[tuple[int, str]] = []
    for rid, keys in names.items():
        for core, name in _cores(keys, country):
            if len(core) > 3:
                choices.append(core)
                owners.append((rid, name))
    return choices, owners


def _similar_cores(mine: set[str], cores: tuple[list[str], list[tuple[int, str]]]) -> dict[int, tuple[float, str]]:
    """Each row's best (score, its name) among the pairs of one of `mine` and one of the row's cores
    (`_country_cores`; longer than 3 characters each) scoring REVIEW_AGENCY or more; the rows with none are
    left out. Every pair of the country is scored in one call per core of `mine` (rapidfuzz's loop, not
    Python's): a pair below REVIEW_AGENCY leads to nothing, and those at or above it keep their scores, so the
    best pair is the one a pass over each pair finds."""
    mine = {a for a in mine if len(a) > 3}
    choices, owners = cores
    if not mine or not choices:
        return {}
    best: dict[int, tuple[float, str]] = {}
    for a in mine:
        for _, score, at in process.extract(a, choices, scorer=fuzz.token_sort_ratio, score_cutoff=REVIEW_AGENCY,
                                            limit=None):
            rid, name = owners[at]
            if (score, name) > best.get(rid, (0.0, "")):
                best[rid] = (score, name)
    return best


def match_official(conn: Connection, record: Official, cur: Curated | None = None,
                   agency_id: int | None = None, known: KnownKeys | None = None) -> list[Match]:
    cur = cur or curated(conn)
    key = name_key(record.name)
    candidates = _by_key(conn, "official", {key}, cur, known)
    countries = column_by_id(conn, "official", "country_code", {c[0] for c in candidates})
    matches = [Match(rid, how, 100.0) for rid, how, _ in candidates
               if (how == "curated alias" or _countries_compatible(countries.get(rid), record.country))
               and not cur.blocked("official", rid, {key})]
    if record.country is not None or agency_id is not None:
        matches += _similar_people(conn, record, agency_id, cur)
    return _people_joinable(conn, _joinable(_best_first(matches), countries_of(conn, "official")))


def _similar_people(conn: Connection, record: Official, agency_id: int | None, cur: Curated) -> list[Match]:
    """Other spellings of the name in the same country (kb.names); initials, short forms and vowel drift
    only at the same agency, else the pair waits for review."""
    key = name_key(record.name)
    mine = block_keys(record.name)
    related = {rid: names for rid, names in _index(conn, "official").sharing_blocks(conn, record.country, mine).items()
               if key not in names and not cur.blocked("official", rid, {key})}
    if not related:
        return []
    best_of: dict[int, tuple] = {}
    for rid, names in sorted(related.items()):
        results = [(compare(record.name, n), n) for n in sorted(names)]
        if any(r.score == 0 and len(tokens(n)) > 1 for r, n in results):
            continue  # one of the row's names is another person's ('Bolat Sultanov' against 'B. Sultanov')
        best_of[rid] = max(results, key=lambda r: r[0].score)
    # Which of them hold a post at the record's agency (not every post of each: dozens a person in a big base),
    # asked only when the answer can make a match.
    asked = sorted(rid for rid, (best, _) in best_of.items()
                   if best.score >= FUZZY_PERSON and (best.weak or record.country is None))
    at_agency = {r[0] for r in driver(conn).rows(_posts_statement(), {"ids": asked, "agency": agency_id})
                 } if agency_id is not None and asked else set()
    found = []
    for rid, (best, name) in best_of.items():
        if best.score >= FUZZY_PERSON and not best.weak and record.country is not None:
            found.append(Match(rid, f"{best.how}, same country", best.score))
        elif best.score >= FUZZY_PERSON and rid in at_agency:
            found.append(Match(rid, f"{best.how}, same country and agency", best.score))
        elif best.score >= REVIEW_PERSON:
            found.append(Match(rid, f"{best.how}; no shared agency", best.score, near=True, other_name=name))
    weak = [m for m in found if not m.near and "agency" in m.reason]
    if any(not people_compatible(related[a.record_id], related[b.record_id]) for a in weak for b in weak):
        # 'B. Ismailov' at a committee with a Bolat and a Bakhyt Ismailov: neither, until a person decides.
        found = [m for m in found if m not in weak] + [
            Match(m.record_id, m.reason + "; fits more than one person", m.score, True, min(related[m.record_id]))
            for m in weak]
    return found


@cache
def _posts_statement() -> Select:
    """Which of the officials `:ids` hold a post at the agency `:agency` (the (official, agency, title) key)."""
    statement = select(position_t.c.official_id).distinct().where(position_t.c.official_id.in_(_ids()),
                                                                  position_t.c.agency_id == bindparam("agency"))
    posts = held_by("position", "agency_id", lambda p: [p["agency"]], ("official_id",))
    return answered_from_held(statement, {"position"},
                              lambda held, p: [r for r in posts(held, p) if r[0] in set(p["ids"])])


def people_compatible(a: set[str], b: set[str]) -> bool:
    """No name of one row is another person's than a name of the other."""
    return all(compare(x, y).score > 0 or min(len(tokens(x)), len(tokens(y))) < 2 for x in a for y in b)


def _people_joinable(conn: Connection, matches: list[Match]) -> list[Match]:
    """A record never joins two rows whose names are two different people."""
    sure = [m for m in matches if not m.near]
    if len(sure) < 2:
        return matches
    names = column_by_id(conn, "official", "name", [m.record_id for m in sure])
    kept: list[Match] = []
    for m in sure:
        if all(compare(names[m.record_id], names[k.record_id]).score > 0
               or min(len(tokens(names[m.record_id])), len(tokens(names[k.record_id]))) < 2 for k in kept):
            kept.append(m)
    return kept + [m for m in matches if m.near]


def countries_of(conn: Connection, kind: str):  # type: ignore[no-untyped-def]
    def lookup(ids: list[int]) -> dict[int, str | None]:
        return column_by_id(conn, kind, "country_code", ids)  # type: ignore[return-value]

    return lookup


def _joinable(matches: list[Match], countries) -> list[Match]:  # type: ignore[no-untyped-def]
    """The best match and every other that can be the same thing (no second country); near matches as they are."""
    sure, near = [m for m in matches if not m.near], [m for m in matches if m.near]
    if len(sure) < 2:
        return sure + near
    known = countries([m.record_id for m in sure])
    kept = [sure[0]]
    country = known.get(sure[0].record_id)
    for m in sure[1:]:
        other = known.get(m.record_id)
        if _countries_compatible(country, other):
            kept.append(m)
            country = country or other
    return kept + near


def dates_compatible(a: str | None, b: str | None) -> bool:
    """Unknown, equal, or one a coarser form of the other (2023-09 and 2023-09-22)."""
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def match_agreement(conn: Connection, record: Agreement, cur: Curated | None = None) -> list[Match]:
    cur = cur or curated(conn)
    key = name_key(record.name)
    parties = sorted(record.parties)
    matches: list[Match] = []
    exact = _by_key(conn, "agreement", {key}, cur)
    ids = {c[0] for c in exact}
    rows_by_id = {r.id: r for r in driver(conn).rows(_kind_and_signed_statement(), {"ids": sorted(ids)})} if ids else {}
    parties_of = _parties_of(conn, ids)
    for rid, how, _ in exact:
        if cur.blocked("agreement", rid, {key}):
            continue
        if how == "curated alias":
            matches.append(Match(rid, how, 100.0))
            continue
        row = rows_by_id[rid]
        if (row.kind == record.kind and parties_of.get(rid, []) == parties
                and dates_compatible(row.signed, record.signed)):
            matches.append(Match(rid, how, 100.0))
    rows = {r.id: r for r in driver(conn).rows(_same_kind_and_parties(not record.kind, len(parties) > 0),
                                               _party_params(record.kind, parties))
            if dates_compatible(r.signed, record.signed) and not cur.blocked("agreement", r.id, {key})}
    mine = subject_words(record.name, parties)
    by_subject: list[Match] = []
    for rid, names in _names_of(conn, "agreement", set(rows)).items():
        score = float(max(fuzz.token_set_ratio(key, n) for n in names))
        signed_day = rows[rid].signed
        same_day = record.signed is not None and signed_day == record.signed and len(record.signed) == 10
        if same_day and score >= 60:
            matches.append(Match(rid, "same parties, kind and signing day", score))
        elif score >= FUZZY_AGREEMENT and parties:
            matches.append(Match(rid, "similar name, same parties and kind", score))
        elif parties and mine:
            by_subject += _same_subject(rid, mine, names, parties, record.signed, signed_day)
    if len([m for m in by_subject if not m.near]) > 1:
        # An undated designation that fits two dated instruments names neither for sure.
        by_subject = [Match(m.record_id, m.reason + "; fits more than one", m.score, True, m.other_name)
                      for m in by_subject]
    matches += by_subject
    ordered = _best_first(matches)
    # Rows joined through this record must not contradict each other's signing dates.
    dates = column_by_id(conn, "agreement", "signed", [m.record_id for m in ordered])
    kept: list[Match] = []
    for m in ordered:
        if m.near or all(dates_compatible(dates.get(m.record_id), dates.get(k.record_id)) for k in kept if not k.near):
            kept.append(m)
    return kept


def subject_words(name: str, parties: list[str]) -> frozenset[str]:
    """What an agreement is about: its name's words without the instrument's kind, the parties' names and the
    words every designation uses ('Agreement between the Government of X and Y on customs cooperation' →
    {'customs'})."""
    countries = frozenset().union(*(country_words(c) for c in parties)) if parties else frozenset()
    words = core_key_words(name_key(name), countries)
    return frozenset(singular(w) for w in words if w not in INSTRUMENT_WORDS and not w.isdigit())


def core_key_words(key: str, countries: frozenset[str]) -> list[str]:
    for word in sorted(countries, key=len, reverse=True):
        if " " in word and f" {word} " in f" {key} ":
            key = f" {key} ".replace(f" {word} ", " ").strip()
    return [w for w in key.split() if w not in countries and len(w) > 1]


def _same_subject(rid: int, mine: frozenset[str], names: set[str], parties: list[str], signed: str | None,
                  row_signed: str | None) -> list[Match]:
    """One instrument under two designations: a short descriptive name and the full title share their subject.
    Dated on both sides, half the smaller subject in common is enough; with one date unknown, all of it (half
    of it makes a pair for review)."""
    best, name = max((_overlap(mine, subject_words(n, parties)), n) for n in names)
    shared, smaller = best
    if not shared:
        return []
    dated = signed is not None and row_signed is not None
    score = 60.0 + 35.0 * shared / smaller
    if (dated and shared * 2 >= smaller) or (shared == smaller >= 2):
        how = "same subject, parties, kind and date" if dated else "same subject, parties and kind"
        return [Match(rid, how, score)]
    if shared * 2 < smaller:
        return []
    return [Match(rid, f"subject words in common ({shared} of {smaller}), same parties and kind", score,
                  near=True, other_name=name)]


def _overlap(a: frozenset[str], b: frozenset[str]) -> tuple[int, int]:
    return len(a & b), max(1, min(len(a), len(b)))


@cache
def _kind_and_signed_statement() -> Select:
    return kept_for_batch(answered_from_held(select(agreement_t.c.id, agreement_t.c.kind, agreement_t.c.signed)
                                             .where(agreement_t.c.id.in_(_ids())), {"agreement"},
                                             held_by_id("agreement", ("id", "kind", "signed"))), by="ids",
                          of="agreement")


@cache
def _same_kind_and_parties(no_kind: bool, with_parties: bool) -> Select:
    """Agreements of the kind `:kind` whose party countries are exactly `:parties` (`:count` of them, the
    first `:first`, another `:second`): the agreements of the first party (an index), each checked by its own
    party rows, so that the cost follows that party's agreements, not the whole party table. The second
    party is checked on the party rows before the agreement row is read: of a country's thousands of
    agreements, the few with both parties are read, not every one."""
    query = select(agreement_t.c.id, agreement_t.c.name_key, agreement_t.c.signed).order_by(agreement_t.c.id)
    query = query.where(agreement_t.c.kind.is_(None)) if no_kind else query.where(
        agreement_t.c.kind == bindparam("kind"))
    if not with_parties:
        return kept_for_batch(answered_from_held(query.where(~select(party_t.c.id).where(
            party_t.c.agreement_id == agreement_t.c.id, party_t.c.country_code.is_not(None)).exists()),
            {"agreement", "party"}, partial(_held_same_kind_and_parties, no_kind, with_parties),
            _parties_with_agreements))  # type: ignore[return-value]
    mine = party_t.alias("mine")
    countries = (select(func.count(func.distinct(mine.c.country_code)))
                 .where(mine.c.agreement_id == agreement_t.c.id, mine.c.country_code.is_not(None)).scalar_subquery())
    other = party_t.alias("other")
    outside = select(other.c.id).where(other.c.agreement_id == agreement_t.c.id, other.c.country_code.is_not(None),
                                       other.c.country_code.not_in(bindparam("parties", expanding=True))).exists()
    second = party_t.alias("second")
    both = select(second.c.id).where(second.c.agreement_id == party_t.c.agreement_id,
                                     second.c.country_code == bindparam("second")).exists()
    # From the first party's rows to their agreements (not from every agreement of the kind to its parties).
    statement = (query.select_from(party_t.join(agreement_t, agreement_t.c.id == party_t.c.agreement_id))
                 .where(party_t.c.country_code == bindparam("first"), both, countries == bindparam("count"),
                        ~outside))
    return kept_for_batch(answered_from_held(statement, {"agreement", "party"}, partial(
        _held_same_kind_and_parties, no_kind, with_parties), _parties_with_agreements))  # type: ignore[return-value]


def _party_params(kind: str | None, parties: list[str]) -> dict[str, Any]:
    """The parameters of `_same_kind_and_parties` for an agreement of `kind` between the sorted `parties`."""
    return {"kind": kind, "parties": parties, "count": len(parties), "first": parties[0] if parties else None,
            "second": parties[-1] if parties else None}


def _parties_with_agreements(held: Any) -> bool:
    """Every held party row is of a held agreement: the database's agreements have their parties written."""
    return held.parties_of_held_agreements()


def _held_same_kind_and_parties(no_kind: bool, with_parties: bool, held: Any, p: Mapping[str, Any]) -> list[tuple]:
    """`_same_kind_and_parties` among the held agreements (with their held parties)."""
    found = []
    if not no_kind and p["kind"] is None:
        return found  # `kind = NULL` matches nothing
    kind = None if no_kind else p["kind"]
    if with_parties:  # the held agreements with a party row of the first party (a lookup), not every one of the kind
        made = held.made["agreement"]
        rows = [row for rid in {r["agreement_id"] for r in held.lookup("party", ("country_code",), (p["first"],))}
                if (row := made.get(rid)) is not None and row["kind"] == kind]
    else:
        rows = held.lookup("agreement", ("kind",), (kind,))
    for row in sorted(rows, key=lambda r: r["id"]):
        rid = row["id"]
        countries = {r["country_code"] for r in held.lookup("party", ("agreement_id",), (rid,))} - {None}
        if (countries == set(p["parties"]) and len(countries) == p["count"]) if with_parties else not countries:
            found.append((rid, row["name_key"], row["signed"]))
    return found


def _parties_of(conn: Connection, ids: set[int]) -> dict[int, list[str]]:
    """The sorted party countries of each agreement, in one query."""
    found: dict[int, set[str]] = defaultdict(set)
    if ids:
        for rid, code in driver(conn).rows(_parties_statement(), {"ids": sorted(ids)}):
            found[rid].add(code)
    return {rid: sorted(codes) for rid, codes in found.items()}


@cache
def _parties_statement() -> Select:
    parties = held_by("party", "agreement_id", lambda p: p["ids"], ("agreement_id", "country_code"))
    return kept_for_batch(answered_from_held(select(party_t.c.agreement_id, party_t.c.country_code).where(
        party_t.c.agreement_id.in_(_ids()), party_t.c.country_code.is_not(None)), {"party"},
        lambda held, p: [r for r in parties(held, p) if r[1] is not None]), by="ids", of="agreement")


def period_of(record: TradeFlow) -> tuple[str | None, str | None]:
    if not record.date:
        return None, None
    start, _, end = record.date.partition("/")
    return start, end or start


def _flow_query(record: TradeFlow) -> tuple[Select, dict[str, Any]]:
    """The statement finding a flow's rows, and its values."""
    start, end = period_of(record)
    heading = record.hs[:4] + "%" if record.hs and len(record.hs) >= 4 else None
    query = _trade_flow_statement(record.from_ is not None, record.to is not None, bool(start), bool(record.per),
                                  heading is not None)
    return query, {"exporter": record.from_, "importer": record.to, "start": start, "end": end, "per": record.per,
                   "goods": singular_key(record.commodity), "heading": heading}


def match_trade_flow(conn: Connection, record: TradeFlow) -> list[Match]:
    """Same exporter, importer, period and rate, and the same goods (name or HS heading)."""
    query, values = _flow_query(record)
    matches = []
    for row in driver(conn).rows(query, values):
        how = "same goods" if row.commodity_key == singular_key(record.commodity) else "same HS heading"
        matches.append(Match(row.id, f"{how}, countries and period", 100.0))
    return matches


@cache
def _trade_flow_statement(exporter: bool, importer: bool, period: bool, rate: bool, heading: bool) -> Select:
    """Flows with the same `:exporter`, `:importer`, period (`:start`, `:end`) and rate (`:per`), each NULL when
    not known, and the same goods (`:goods`, or an HS code starting with `:heading`)."""
    same_period = and_(flow_t.c.period_start == bindparam("start"), flow_t.c.period_end == bindparam("end")) \
        if period else flow_t.c.period_start.is_(None)
    same_goods = [flow_t.c.commodity_key == bindparam("goods")]
    if heading:
        same_goods.append(flow_t.c.hs_code.like(bindparam("heading")))
    statement = (select(flow_t.c.id, flow_t.c.commodity_key)
                 .where(_eq(flow_t.c.exporter_country_code, "exporter", exporter),
                        _eq(flow_t.c.importer_country_code, "importer", importer), same_period,
                        _eq(flow_t.c.rate_period, "per", rate), or_(*same_goods))
                 .order_by(flow_t.c.id))

    def held_flows(held: Any, p: Mapping[str, Any]) -> list[tuple]:
        """The same, among a load's new flows not yet written (kb.store.held): SQL's NULL never equals."""
        found = []
        for row in held.lookup("trade_flow", _FLOW_KEY, (p["exporter"] if exporter else None,
                                                         p["importer"] if importer else None)):
            if (exporter and row["exporter_country_code"] is None) or (importer and row["importer_country_code"]
                                                                       is None):
                continue
            if period and not (_same(row["period_start"], p["start"]) and _same(row["period_end"], p["end"])):
                continue
            if not period and row["period_start"] is not None:
                continue
            if (rate and not _same(row["rate_period"], p["per"])) or (not rate and row["rate_period"] is not None):
                continue
            if _same(row["commodity_key"], p["goods"]) or (heading and row["hs_code"] is not None and p["heading"]
                                                           and row["hs_code"].startswith(p["heading"][:-1])):
                found.append((row["id"], row["commodity_key"]))
        return found

    return kept_for_batch(answered_from_held(statement, {"trade_flow"}, held_flows))  # type: ignore[return-value]


_FLOW_KEY = ("exporter_country_code", "importer_country_code")
_FLOW_COLUMNS = ("id", "commodity_key", "hs_code", "exporter_country_code", "importer_country_code", "period_start",
                 "period_end", "rate_period")


# ---------------------------------------------------------------- a batch read ahead

def record_keys(facts: Facts) -> dict[str, set[str]]:
    """The name keys an article's records are looked up by (as main name or alias), per kind."""
    return {
        "agency": {name_key(n) for n in [
            *(n for a in facts.agencies for n in [a.name, *a.also]), *(o.agency for o in facts.officials),
            *(n for ag in facts.agreements for n in ag.party_agencies),
            *(n for f in facts.trade_flows for n in (f.exporter, f.importer))] if n} - {""},
        "official": {name_key(n) for n in [*(o.name for o in facts.officials),
                                           *(n for ag in facts.agreements for n in ag.signatories)]},
        "agreement": {name_key(n) for ag in facts.agreements for n in (ag.name, ag.amends) if n},
    }


def read_ahead(conn: Connection, articles: list[Facts]) -> None:
    """Resolve a batch's lookups at once: the rows with the names of many articles' records, a statement per
    kind, and the flows with their countries and periods, one statement, kept for the batch's transaction
    (kb.driver.ReadCache) where each article then finds them instead of reading them itself."""
    run = driver(conn)
    if run.cache is None or not articles:
        return
    keys: dict[str, set[str]] = defaultdict(set)
    for facts in articles:
        for kind, found in record_keys(facts).items():
            keys[kind] |= found
    for kind in ("agency", "official", "agreement"):
        if keys[kind]:
            run.read_ahead(_by_key_statement(kind), {"keys": sorted(keys[kind])})
    _flows_ahead(conn, [f for facts in articles for f in facts.trade_flows])
    _parties_ahead(conn, [a for facts in articles for a in facts.agreements])


def _parties_ahead(conn: Connection, agreements: list[Agreement]) -> None:
    """Each agreement's matches by kind and party set (what `match_agreement` reads by `_same_kind_and_parties`),
    from one read of the agreements with the same first and last party, with all their parties: each answer is
    then computed as its SQL would (kind, the set of party countries, their number; ordered by id). Agreements
    without parties read their own."""
    wanted = {(ag.kind, tuple(sorted(ag.parties))) for ag in agreements if ag.parties}
    pairs = sorted({(parties[0], parties[-1]) for _, parties in wanted})
    run = driver(conn)
    found: dict[int, tuple[Any, Counter[str]]] = {}
    for start in range(0, len(pairs), _PAIRS_AHEAD):
        chunk = pairs[start:start + _PAIRS_AHEAD]
        size = 1 << (len(chunk) - 1).bit_length()  # statements of a few sizes, the last pair repeated
        chunk += [chunk[-1]] * (size - len(chunk))
        params = {f"{name}{i}": value for i, pair in enumerate(chunk) for name, value in zip("fs", pair, strict=True)}
        for row in run.rows(_agreements_of_pairs(size), params):
            found.setdefault(row.id, (row, Counter()))[1][row.country_code] += 1
    by_id = sorted(found.items())
    for kind, parties in sorted(wanted, key=lambda w: (w[0] or "", w[1])):
        countries = set(parties)
        # An agreement comes once for each of its party rows of the first country (the read joins from them).
        rows = [(rid, row.name_key, row.signed) for rid, (row, theirs) in by_id
                if (row.kind is None if not kind else row.kind == kind)
                and theirs.keys() == countries and len(theirs) == len(parties) for _ in range(theirs[parties[0]])]
        run.cache.fill(_same_kind_and_parties(not kind, True), _party_params(kind, list(parties)),  # type: ignore[union-attr]
                       rows)


_PAIRS_AHEAD = 128  # (first party, last party) pairs a statement


@cache
def _agreements_of_pairs(size: int) -> Select:
    """The agreements with one of `size` pairs of party countries (first `:f<n>`, last `:s<n>`), a row for each of
    their party countries: each pair's first country's agreements from the party index, each checked for the
    other country there before its rows are read (as `_same_kind_and_parties` does for one pair). The pairs are
    rows joined to the index, not a condition each (PostgreSQL took longer to plan 32 conditions than to run
    them). The batch's held agreements are not among them (each agreement's own read adds them)."""
    pairs = union_all(*(select(bindparam(f"f{i}", type_=String).label("f"), bindparam(f"s{i}", type_=String).label("s"))
                        for i in range(size))).subquery("pairs")
    one, two = party_t.alias("one"), party_t.alias("two")
    ids = (select(one.c.agreement_id).select_from(pairs.join(one, one.c.country_code == pairs.c.f))
           .where(select(two.c.id).where(two.c.agreement_id == one.c.agreement_id,
                                         two.c.country_code == pairs.c.s).exists()))
    statement = (select(agreement_t.c.id, agreement_t.c.kind, agreement_t.c.name_key, agreement_t.c.signed,
                        party_t.c.country_code)
                 .select_from(agreement_t.join(party_t, party_t.c.agreement_id == agreement_t.c.id))
                 .where(agreement_t.c.id.in_(ids), party_t.c.country_code.is_not(None)))  # no ORDER BY: sorted here
    return answered_from_held(statement, {"agreement", "party"}, lambda held, p: [],  # type: ignore[return-value]
                              _parties_with_agreements)


def _flows_ahead(conn: Connection, flows: list[TradeFlow]) -> None:
    """Each flow's matching rows in the database (what `match_trade_flow` reads), from one read of the flows with
    the same countries and period start: the flows whose countries and period are known and whose HS heading,
    if any, is digits (`LIKE` then means `startswith`); the others read their own."""
    wanted = []
    for record in flows:
        query, values = _flow_query(record)
        if values["exporter"] and values["importer"] and values["start"] and (
                values["heading"] is None or values["heading"][:-1].isdigit()):
            wanted.append((query, values))
    triples = sorted({(v["exporter"], v["importer"], v["start"]) for _, v in wanted})
    run = driver(conn)
    found: dict[tuple[str, str, str], list[Any]] = defaultdict(list)
    for start in range(0, len(triples), _FLOWS_AHEAD):
        chunk = triples[start:start + _FLOWS_AHEAD]
        size = 1 << (len(chunk) - 1).bit_length()  # statements of a few sizes, the last triple repeated
        chunk += [chunk[-1]] * (size - len(chunk))
        params = {f"{name}{i}": value for i, triple in enumerate(chunk) for name, value in zip("eis", triple,
                                                                                              strict=True)}
        for row in run.rows(_flows_of(size), params):
            found[(row.exporter_country_code, row.importer_country_code, row.period_start)].append(row)
    for query, v in wanted:
        rows = [(r.id, r.commodity_key) for r in found[(v["exporter"], v["importer"], v["start"])]
                if r.period_end == v["end"] and (r.rate_period == v["per"] if v["per"] else r.rate_period is None)
                and (_same(r.commodity_key, v["goods"]) or (v["heading"] is not None and r.hs_code is not None
                                                             and r.hs_code.startswith(v["heading"][:-1])))]
        run.cache.fill(query, v, sorted(set(rows)))  # type: ignore[union-attr]


_FLOWS_AHEAD = 128  # (exporter, importer, period start) triples a statement


@cache
def _flows_of(size: int) -> Select:
    """The flows with one of `size` (exporter `:e<n>`, importer `:i<n>`, period start `:s<n>`) triples: an index
    read each (an ORDER BY would have PostgreSQL read the primary key's whole index instead). The batch's held
    flows are not among them (each flow's own read adds them)."""
    statement = select(*(flow_t.c[c] for c in _FLOW_COLUMNS)).where(or_(*(and_(
        flow_t.c.exporter_country_code == bindparam(f"e{i}"), flow_t.c.importer_country_code == bindparam(f"i{i}"),
        flow_t.c.period_start == bindparam(f"s{i}")) for i in range(size))))  # no ORDER BY: each flow's rows sorted
    return answered_from_held(statement, {"trade_flow"}, lambda held, p: [])  # type: ignore[return-value]


def _same(a: object, b: object) -> bool:
    """SQL's `a = b`: never true of NULL."""
    return a is not None and b is not None and a == b


def _eq(column, name: str, known: bool):  # type: ignore[no-untyped-def]
    return column == bindparam(name) if known else column.is_(None)

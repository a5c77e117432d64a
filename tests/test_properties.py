"""Properties, with Hypothesis: facts validation accepts exactly what the database can store and refuses
the rest with a FactsError; readers give a Document or a ReadError for any bytes; the linear-time rewrites
in the readers agree with the regular expressions they replaced."""

from __future__ import annotations

import datetime as dt
import math
import re
import tempfile
from pathlib import Path
from typing import Any

import pycountry
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from kb.db import open_database
from kb.errors import FactsError, ReadError
from kb.extract.quantities import find_amounts
from kb.facts import Facts, _check_date, parse_facts, read_facts
from kb.identity import canonical_url
from kb.readers import ARTICLE_SUFFIXES, read_article
from kb.readers.cleaning import _logical_lines
from kb.readers.jsonrecord import _TRUNCATED, _untruncated
from kb.readers.markdown import _HEADING, strip_emphasis
from kb.store import ArticleSource, store_article

CODES = sorted(c.alpha_2 for c in pycountry.countries)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# ---------------------------------------------------------------- facts

dates = st.one_of(
    st.dates(min_value=dt.date(1900, 1, 1)).map(dt.date.isoformat),
    st.builds(lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}", st.integers(0, 2100), st.integers(0, 13),
              st.integers(0, 32)),
    st.builds(lambda y, m: f"{y:04d}-{m:02d}", st.integers(1900, 2100), st.integers(0, 13)),
    st.integers(1900, 2100).map(str),
    st.builds(lambda a, b: f"{a}/{b}", st.dates().map(dt.date.isoformat), st.dates().map(dt.date.isoformat)),
    st.text(max_size=12),
)
countries = st.one_of(st.sampled_from(CODES), st.text(alphabet="ABCXYZ", min_size=2, max_size=2), st.text(max_size=3))
amounts = st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**6, 10**20))
names = st.one_of(st.text(min_size=0, max_size=30), st.sampled_from(["Tonga Customs", "  ", "Tonga\x00Customs"]))
evidence = st.lists(st.fixed_dictionaries({"quote": st.text(max_size=20), "start": st.integers(-5, 400),
                                           "end": st.integers(-5, 400)}), max_size=2)


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


facts_data = st.fixed_dictionaries(
    {"format": st.just("kb-facts/1"), "article": st.fixed_dictionaries({"file": st.just("a.txt")},
                                                                       optional={"published": dates})},
    optional={
        "agencies": st.lists(st.fixed_dictionaries({"name": names}, optional={"country": countries,
                                                                            "evidence": evidence}), max_size=3),
        "agreements": st.lists(st.fixed_dictionaries({"name": names}, optional={
            "signed": dates, "parties": st.lists(countries, max_size=3)}), max_size=2),
        "trade_flows": st.lists(st.fixed_dictionaries({"commodity": names}, optional={
            "from": countries, "to": countries, "quantity": amounts, "value": amounts, "date": dates,
            "evidence": evidence}), max_size=3),
    })


def _valid_date(value: str) -> bool:
    """The oracle: a date or interval of dates the calendar has, in order."""
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?", value):
        return False
    parts = value.split("/")
    for part in parts:
        padded = part + "-01" * (2 - part.count("-"))
        try:
            dt.date.fromisoformat(padded)
        except ValueError:
            return False
    return len(parts) == 1 or parts[1][:len(parts[0])] >= parts[0][:len(parts[1])]


@SETTINGS
@given(dates)
def test_a_date_is_accepted_exactly_when_the_calendar_has_it(value: str) -> None:
    try:
        _check_date(value)
        accepted = True
    except ValueError:
        accepted = False
    assert accepted == _valid_date(value)


@SETTINGS
@given(facts_data)
def test_facts_are_valid_or_refused_with_a_facts_error(data: dict[str, Any]) -> None:
    try:
        facts = parse_facts(data, "a.facts.yaml")
    except FactsError as exc:
        assert str(exc).startswith("a.facts.yaml: ") and "\n" not in str(exc)
        return
    _assert_storable(facts)


def _assert_storable(facts: Facts) -> None:
    """What validation lets through is what the store needs: real dates, real countries, amounts >= 0."""
    for agency in facts.agencies:
        assert agency.country is None or agency.country in CODES
        assert agency.name.strip()
    for agreement in facts.agreements:
        assert agreement.signed is None or _valid_date(agreement.signed)
        assert set(agreement.parties) <= set(CODES)
    for flow in facts.trade_flows:
        for amount in (flow.quantity, flow.value):
            assert amount is None or (math.isfinite(amount) and amount >= 0)
        assert flow.date is None or _valid_date(flow.date)
        assert {flow.from_, flow.to} - {None} <= set(CODES)
    for kind in ("agencies", "trade_flows"):
        for record in getattr(facts, kind):
            assert all(0 <= ev.start <= ev.end for ev in record.evidence)


@SETTINGS
@given(st.one_of(st.binary(max_size=300), st.text(max_size=300).map(lambda s: s.encode("utf-8", "surrogatepass")),
                 facts_data.map(lambda d: __import__("yaml").safe_dump(d, allow_unicode=True).encode("utf-8",
                                                                                                        "replace"))))
def test_any_facts_file_reads_or_is_refused_with_a_facts_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.facts.yaml"
        path.write_bytes(data)
        try:
            _assert_storable(read_facts(path))
        except FactsError as exc:
            assert str(exc).startswith(f"{path}: ") and "\n" not in str(exc)


def test_whatever_validation_accepts_the_database_stores(url: str) -> None:
    """On each engine: a valid facts record never meets a database error (a country the table lacks,
    a NUL PostgreSQL refuses, a number out of range)."""
    engine = open_database(url)
    counter = iter(range(10**6))

    # (most generated records are refused by validation: filtering them out is the point, not a slow strategy)
    @settings(max_examples=40, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
    @given(facts_data)
    def stores(data: dict[str, Any]) -> None:
        try:
            facts = parse_facts(data, "a.facts.yaml")
        except FactsError:
            assume(False)
            return
        n = next(counter)
        source = ArticleSource(source_path=f"/hypothesis/{n}.txt", file_name=f"{n}.txt", content_hash=str(n),
                               file_hash=str(n), facts_origin="curated", extractor_version=None, body="x" * 500)
        with engine.connect() as conn:
            transaction = conn.begin()
            try:
                store_article(conn, source, facts)
                assert conn.execute(text("SELECT count(*) FROM article")).scalar_one() >= 1
            finally:
                transaction.rollback()

    try:
        stores()
    finally:
        engine.dispose()


# ---------------------------------------------------------------- readers

@SETTINGS
@given(st.sampled_from(ARTICLE_SUFFIXES),
       st.one_of(st.binary(max_size=400), st.text(max_size=400).map(lambda s: s.encode("utf-8", "surrogatepass")),
                 st.lists(st.sampled_from(["<p>", "</p>", "<script>", "*", "_", "[a](", "---\n", "\n", "# ",
                                           '{"text": "', '"}', "\x00", "Tonga exported kava. ", "\\ud800", "&amp;",
                                           "<meta ", "<title>", "\r\n", "\ufeff", "|", "By John Smith\n"]),
                          max_size=40).map(lambda parts: "".join(parts).encode("utf-8", "surrogatepass"))))
def test_any_bytes_read_as_a_document_or_a_read_error(suffix: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"2024-01-01-article{suffix}"
        path.write_bytes(data)
        try:
            document = read_article(path)
        except ReadError as exc:
            assert str(exc).startswith(f"{path}: ") and "\n" not in str(exc)
            return
        assert document.text.strip()
        assert not re.search(r"[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff]", document.text)
        document.text.encode("utf-8")  # nothing a database could not store


_OLD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|~~)(?=\S)(.+?)(?<=\S)\1")


@SETTINGS
@given(st.text(alphabet="*_~ ab\u00a0\t", max_size=30))
def test_emphasis_is_stripped_as_the_old_regex_did(line: str) -> None:
    assert strip_emphasis(line) == _OLD_EMPHASIS.sub(r"\2", line)


_OLD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")


@SETTINGS
@given(st.text(alphabet="# a\t", max_size=20))
def test_heading_text_is_what_the_old_regex_took(line: str) -> None:
    old, new = _OLD_HEADING.match(line), _HEADING.match(line)
    assert (old is None) == (new is None)
    if old and new:
        assert new[1].rstrip().rstrip("#").rstrip() == old[1]


_OLD_TERMINAL = re.compile(r"""[.!?:;"”’)\]]$""")
_OLD_LIST_ITEM = re.compile(r"^(?:[-*•»›–]\s|\d+[.)]\s)")


def _old_logical_lines(block: list[str]) -> list[str]:
    out: list[str] = []
    for line in block:
        if out and not (_OLD_TERMINAL.search(out[-1]) or " | " in out[-1] or " | " in line
                        or _OLD_LIST_ITEM.match(line)) and (line[:1].islower() or len(out[-1]) >= 60):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


@SETTINGS
@given(st.lists(st.text(alphabet="ab A.|-1) ", min_size=1, max_size=40).map(str.strip).filter(bool), max_size=12))
# (a " | " whose bar is a piece of its own, spanning two joins)
@example(block=["111111111111111", "a11111111111111111111", "a111111111111111111111", "|", "1", "1"])
def test_hard_wrapped_lines_join_as_before(block: list[str]) -> None:
    assert _logical_lines(block) == _old_logical_lines(block)


@SETTINGS
@given(st.lists(st.sampled_from(["a", " ", "…", "...", "[+", "12", " chars]", "\n", "x"]), max_size=15)
       .map("".join))
def test_the_newsapi_cut_off_marker_goes_as_before(body: str) -> None:
    assert _untruncated(body).rstrip() == _TRUNCATED.sub("", body).rstrip()


@SETTINGS
@given(st.one_of(st.text(max_size=60), st.builds(
    lambda scheme, host, path, query: f"{scheme}://{host}{path}{query}",
    st.sampled_from(["http", "https", "HTTP", "ftp"]), st.sampled_from(["www.Example.org", "example.org:443",
                                                                       "[::1", "a.b:99999", ""]),
    st.sampled_from(["", "/", "/a/", "/A?b=1"]), st.sampled_from(["", "?utm_source=x&b=2", "#frag", "?ref=a"]))))
def test_canonical_urls_never_fail_and_are_stable(url: str) -> None:
    once = canonical_url(url)
    assert canonical_url(once) == once


@pytest.mark.parametrize(("a", "b"), [
    ("https://www.Example.org/news/1/?utm_source=x#top", "http://example.org/news/1"),
    ("https://example.org:443/a?b=2&a=1", "https://example.org/a?a=1&b=2"),
])
def test_one_article_one_url(a: str, b: str) -> None:
    assert canonical_url(a) == canonical_url(b)


# ---------------------------------------------------------------- figures

def _currency_forms() -> list[str]:
    data = __import__("yaml").safe_load((Path(__file__).parents[1] / "kb/extract/data/currencies.yaml")
                                        .read_text(encoding="utf-8"))
    entries = data if isinstance(data, list) else data.get("currencies", [])
    return sorted({str(f) for e in entries for f in [*(e.get("forms") or []), e["code"]]})


_CURRENCY_FORMS = _currency_forms()
_CURRENCY_CODES = frozenset(f for f in _CURRENCY_FORMS if re.fullmatch(r"[A-Z]{3}", f))


@SETTINGS
@given(st.sampled_from(_CURRENCY_FORMS), st.sampled_from(["upper", "lower", "title", "as is"]),
       st.integers(min_value=0, max_value=10**7), st.booleans())
def test_any_currency_form_in_any_case_reads_or_is_no_money(form: str, case: str, number: int, before: bool) -> None:
    """"2082 BS." (a Nepali calendar year) once stopped a whole article with a KeyError: a currency form matched
    in a case the data does not spell it is read as money of a known code or as no money, never an error."""
    written = {"upper": form.upper(), "lower": form.lower(), "title": form.title(), "as is": form}[case]
    text_ = f"trade of {written} {number} in May" if before else f"trade of {number} {written} in May"
    for amount in find_amounts(text_):
        assert amount.kind != "money" or amount.currency in _CURRENCY_CODES


_FRAGMENTS = [
    "Chile exported 12,500 tonnes of wheat to Peru in March 2026.",
    "Frozen beef comes overwhelmingly from Brazil, the ministry said.",
    "Peru was the second biggest destination for our exports with 14.1 per cent,",
    "followed by Bolivia with 3,400 t, Ecuador's 2,100 t and Japan and Korea, level on 900 t each.",
    "(a year earlier Chile did not sell wheat to Peru at all)",
    "| Destination | Jan | Feb | Tonnes |", "| Peru | 1,200 | 0 | 1,200 |",
    "- Peru – 31.2 thousand tons", "Table 1: Chilean wheat exports. Source: customs",
    "The meeting ended with the two heads signing a customs mutual assistance agreement.",
    "After it takes effect, the agreement will let both services exchange data.",
    "“For years we have sold to Peru,” he said.", "In total, Peru imported 71 million tons in 2025.",
    "Against June 2025, exports to Peru fell 7 percent.", "the period January – October 2026",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# (a headline whose trade word holds an adverb, "come overwhelmingly from", once raised a KeyError)
@example(["Frozen beef comes overwhelmingly from Brazil, the ministry said."], "USD", 5, "as is", None)
# a currency of no one country ("special drawing rights", XDR) gave the story a home "XD" that is no country code
@example(["“For years we have sold to Peru,” he said."], "special drawing rights", 0, "as is", None)
@given(st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=8), st.sampled_from(_CURRENCY_FORMS),
       st.integers(min_value=0, max_value=10**9), st.sampled_from(["as is", "upper", "lower"]),
       st.sampled_from([None, "2026-05-01"]))
def test_extraction_never_raises_on_trade_news_fragments(parts: list[str], form: str, number: int, case: str,
                                                         published: str | None) -> None:
    """A crash stops a whole article (a KeyError once did, on "2082 BS."): any assembly of trade-news phrasings,
    figures with any currency form and in any case, reads to facts."""
    text = " ".join([*parts, f"worth {number} {form}."])
    text = {"as is": text, "upper": text.upper(), "lower": text.lower()}[case]
    title = parts[0].upper() if case == "upper" else parts[0]
    from kb.extract import extract
    from kb.readers.document import Document
    facts = extract(Document(path=Path("fragments.txt"), text=text, title=title, publisher=None, published=published))
    assert all(f.evidence for f in facts.trade_flows)

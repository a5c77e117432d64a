"""kb-facts/1 files: reading, writing, and validation messages that name the file and the field."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from kb.errors import FactsError
from kb.facts import (
    Agency,
    Agreement,
    ArticleInfo,
    Evidence,
    Facts,
    Official,
    TradeFlow,
    dump_facts,
    facts_path_for,
    facts_to_dict,
    is_facts_file,
    read_facts,
    write_facts,
)

CORPUS = Path(__file__).parent / "data" / "corpus"


def full_facts() -> Facts:
    """A record set using every key of the format."""
    return Facts(
        article=ArticleInfo(file="2024-05-02-harbour-gazette-tonga-samoa.txt", title="Tonga and Samoa sign pact",
                            publisher="Harbour Gazette", author="Mele Tupou", published="2024-05-02",
                            url="https://example.org/tonga-samoa", language="en"),
        agencies=[Agency(name="Tonga Revenue and Customs Office", also=["TRCO"], country="TO", kind="customs",
                         evidence=[Evidence(quote="The Tonga Revenue and Customs Office signed.", start=0, end=44)]),
                  Agency(name="Pacific Customs Forum", kind="international")],
        officials=[Official(name="Sione Fifita", country="TO", title="chief executive",
                            agency="Tonga Revenue and Customs Office")],
        agreements=[Agreement(name="Tonga-Samoa customs agreement", kind="agreement", parties=["WS", "TO"]),
                    Agreement(name="Protocol to the Tonga-Samoa customs agreement", kind="protocol",
                              parties=["TO", "WS"], party_agencies=["Tonga Revenue and Customs Office"],
                              signed="2024-04-30", place="Nuku'alofa", signatories=["Sione Fifita"],
                              amends="Tonga-Samoa customs agreement", status="signed", subject="transit")],
        trade_flows=[TradeFlow.model_validate({"commodity": "squash", "hs": "0709", "from": "TO", "to": "WS",
                                               "quantity": 1.5, "unit": "t", "value": 2000, "currency": "USD",
                                               "per": "month", "date": "2024-01/2024-03",
                                               "exporter": "Tonga Revenue and Customs Office"})],
    )


def test_write_then_read_gives_the_same_facts(tmp_path: Path) -> None:
    facts = full_facts()
    path = tmp_path / "2024-05-02-harbour-gazette-tonga-samoa.facts.yaml"
    write_facts(facts, path)
    assert read_facts(path) == facts
    # Writing what was read gives the same bytes: the format is stable.
    assert dump_facts(read_facts(path)) == path.read_text(encoding="utf-8")


def test_written_file_reads_like_a_hand_written_one(tmp_path: Path) -> None:
    text = dump_facts(full_facts())
    assert text.startswith("format: kb-facts/1\narticle:\n")
    assert "from: TO" in text and "from_" not in text          # the alias, not the Python name
    assert "quantity: 1.5" in text and "value: 2000\n" in text  # integers stay integers
    assert "parties:\n  - TO\n  - WS" in text                  # sorted
    assert "null" not in text                                  # empty optional keys are left out
    assert "evidence:" in text and "start: 0" in text
    assert "evidence:" not in dump_facts(full_facts(), evidence=False)


def test_every_corpus_file_round_trips(tmp_path: Path) -> None:
    files = sorted(CORPUS.glob("*.facts.yaml"))
    assert len(files) >= 4
    for path in files:
        facts = read_facts(path)
        again = tmp_path / path.name
        write_facts(facts, again)
        assert read_facts(again) == facts, path.name


def test_yaml_dates_and_numbers_become_iso_text(tmp_path: Path) -> None:
    path = tmp_path / "a.facts.yaml"
    path.write_text(textwrap.dedent("""\
        format: kb-facts/1
        article: {file: a.txt, published: 2023-09-26}
        agreements:
          - {name: Pact, parties: [UZ, KR, UZ], signed: 2023-09-22}
        trade_flows:
          - {commodity: dogs, hs: "0106", date: 2023, quantity: 3}
          - {commodity: juice, date: 2023-08}
        """), encoding="utf-8")
    facts = read_facts(path)
    assert facts.article.published == "2023-09-26"
    assert facts.article.language == "en"
    assert facts.agreements[0].signed == "2023-09-22"
    assert facts.agreements[0].parties == ["KR", "UZ"]
    assert facts.trade_flows[0].date == "2023"
    assert facts.trade_flows[0].quantity == 3
    assert facts.trade_flows[1].date == "2023-08"
    assert facts.agencies == [] and facts.officials == []


def test_null_lists_are_empty(tmp_path: Path) -> None:
    path = tmp_path / "a.facts.yaml"
    path.write_text("format: kb-facts/1\narticle: {file: a.txt}\nagencies: null\ntrade_flows:\n", encoding="utf-8")
    facts = read_facts(path)
    assert facts.agencies == [] and facts.trade_flows == []


def test_facts_file_names() -> None:
    article = Path("/x/2023-09-26-korea-herald-uzbekistan-korea-customs.txt")
    assert facts_path_for(article) == Path("/x/2023-09-26-korea-herald-uzbekistan-korea-customs.facts.yaml")
    assert facts_path_for(Path("a.md")).name == "a.facts.yaml"
    assert is_facts_file(Path("a.facts.yaml"))
    assert not is_facts_file(Path("a.yaml"))
    assert not is_facts_file(Path("a.txt"))


def test_facts_to_dict_keeps_empty_parties_but_drops_other_empty_lists() -> None:
    facts = Facts(article=ArticleInfo(file="a.txt"),
                  agreements=[Agreement(name="WCO-AfCFTA memorandum", kind="memorandum", parties=[])])
    record = facts_to_dict(facts)["agreements"][0]
    assert record == {"name": "WCO-AfCFTA memorandum", "kind": "memorandum", "parties": []}


GOOD_HEAD = "format: kb-facts/1\narticle:\n  file: a.txt\n"

# (what is wrong, the file's text, what the message must say after "<path>: ")
BAD_FILES = [
    ("invalid YAML", GOOD_HEAD + "agencies:\n  - name: [unclosed\n", "not valid YAML at line"),
    ("tab-indented YAML", GOOD_HEAD + "agencies:\n\t- name: X\n", "not valid YAML"),
    ("unknown key", GOOD_HEAD + "agencies:\n  - name: X\n    colour: red\n", "agencies[0].colour: unknown key"),
    ("unknown top-level key", GOOD_HEAD + "people: []\n", "people: unknown key"),
    ("country name for a code", GOOD_HEAD + "agencies:\n  - name: X\n    country: Korea\n",
     "agencies[0].country: not an upper-case ISO 3166-1 alpha-2 code: 'Korea'"),
    ("lower-case country", GOOD_HEAD + "officials:\n  - name: Y\n    country: kr\n", "officials[0].country:"),
    ("bad party", GOOD_HEAD + "agreements:\n  - name: P\n    parties: [KR, Uzbekistan]\n",
     "agreements[0].parties: not an upper-case ISO 3166-1 alpha-2 code: 'Uzbekistan'"),
    ("bad flow country", GOOD_HEAD + "trade_flows:\n  - commodity: tea\n    from: China\n",
     "trade_flows[0].from: not an upper-case ISO 3166-1 alpha-2 code: 'China'"),
    ("bad date", GOOD_HEAD + "agreements:\n  - name: P\n    signed: 22/09/2023\n",
     "agreements[0].signed: not an ISO date or interval"),
    ("bad published date", "format: kb-facts/1\narticle:\n  file: a.txt\n  published: Sept. 26, 2023\n",
     "article.published: not an ISO date"),
    ("bad flow date", GOOD_HEAD + "trade_flows:\n  - commodity: tea\n    date: last year\n",
     "trade_flows[0].date: not an ISO date"),
    ("bad agency kind", GOOD_HEAD + "agencies:\n  - name: X\n    kind: navy\n", "agencies[0].kind:"),
    ("bad agreement kind", GOOD_HEAD + "agreements:\n  - name: P\n    kind: handshake\n", "agreements[0].kind:"),
    ("bad status", GOOD_HEAD + "agreements:\n  - name: P\n    status: maybe\n", "agreements[0].status:"),
    ("missing name", GOOD_HEAD + "agencies:\n  - country: KR\n", "agencies[0].name: Field required"),
    ("missing article file", "format: kb-facts/1\narticle:\n  title: T\n", "article.file: Field required"),
    ("bad hs", GOOD_HEAD + "trade_flows:\n  - commodity: tea\n    hs: 09a\n", "trade_flows[0].hs: HS code must be"),
    ("bad currency", GOOD_HEAD + "trade_flows:\n  - commodity: tea\n    value: 3\n    currency: dollars\n",
     "trade_flows[0].currency: currency must be an ISO 4217 code"),
    ("bad quantity", GOOD_HEAD + "trade_flows:\n  - commodity: tea\n    quantity: lots\n", "trade_flows[0].quantity:"),
    ("negative span", GOOD_HEAD + "agencies:\n  - name: X\n    evidence:\n      - {quote: q, start: -1, end: 3}\n",
     "agencies[0].evidence[0].start:"),
    ("wrong format", "format: kb-facts/2\narticle: {file: a.txt}\n", "format must be 'kb-facts/1', found 'kb-facts/2'"),
    ("no format", "article: {file: a.txt}\n", "format must be 'kb-facts/1', found None"),
    ("empty file", "", "not a kb-facts/1 mapping"),
    ("a list, not a mapping", "- format: kb-facts/1\n", "not a kb-facts/1 mapping"),
]


@pytest.mark.parametrize(("problem", "text", "message"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_validation_message_names_file_and_field(tmp_path: Path, problem: str, text: str, message: str) -> None:
    path = tmp_path / "bad.facts.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FactsError) as caught:
        read_facts(path)
    error = str(caught.value)
    assert error.startswith(f"{path}: "), error
    assert message in error, error
    assert "\n" not in error, "one line"


def test_many_problems_are_summarised_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.facts.yaml"
    path.write_text(GOOD_HEAD + "agencies:\n" + "".join(f"  - {{name: X{i}, country: xx}}\n" for i in range(5)),
                    encoding="utf-8")
    with pytest.raises(FactsError, match=r"agencies\[0\]\.country: .*\(and 2 more\)$") as caught:
        read_facts(path)
    assert "\n" not in str(caught.value)


def test_unreadable_facts_file_is_a_facts_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.facts.yaml"
    path.write_bytes(b"format: kb-facts/1\narticle: {file: \xff\xfe.txt}\n")
    with pytest.raises(FactsError, match=r"bad\.facts\.yaml: cannot read"):
        read_facts(path)

"""Case tables for the agreement stage, by phrasing class: invented snippets → the agreement records expected.

Each case gives the whole list of records the snippet should yield (each one a subset of
its fields; names compared without regard to case), so a case also fails on an extra
record. A field given as `None` must be absent. Every snippet is invented for its class.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.extract import extract
from kb.readers.document import Document

PUBLISHED = "2024-05-17"  # a Friday: Monday is 05-13, Tuesday 05-14, Wednesday 05-15, Thursday 05-16

EU27 = ["AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT",
        "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"]
ASEAN = ["BN", "ID", "KH", "LA", "MM", "MY", "PH", "SG", "TH", "VN"]


def agreements(text: str, published: str = PUBLISHED, title: str | None = None) -> list[dict]:
    facts = extract(Document(path=Path("case.txt"), text=text, published=published, title=title,
                             publisher="The Daily Ledger"))
    return [r.model_dump(by_alias=True, exclude={"evidence"}) for r in facts.agreements]


def _fits(record: dict, expected: dict) -> bool:
    for key, value in expected.items():
        got = record.get(key)
        if key in ("name", "amends") and isinstance(value, str) and isinstance(got, str):
            if got.casefold() != value.casefold():
                return False
        elif key == "name_has":
            if not all(part.casefold() in record["name"].casefold() for part in value):
                return False
        elif key == "name_lacks":
            if any(part.casefold() in record["name"].casefold() for part in value):
                return False
        elif got != value and not (value is None and got in ([], None)):
            return False
    return True


def check(text: str, published: str, expected: list[dict], title: str | None = None) -> list[dict]:
    got = agreements(text, published, title)
    assert len(got) == len(expected), got
    free = list(got)
    for want in expected:
        hit = next((r for r in free if _fits(r, want)), None)
        assert hit is not None, (want, got)
        free.remove(hit)
    return got


def cases(table: list[tuple]) -> list:
    """pytest params with short ids (the snippet's first words)."""
    return [pytest.param(*case, id=" ".join(case[0].split()[:7])) for case in table]


# ---------------------------------------------------------------- several instruments at one event

SEVERAL_AT_ONE_EVENT = [
    # "… oversaw the handing over of signed documents" dated and placed, then "Documents signed:" and a list: each
    # listed text was signed then and there
    ("On May 8, in Cotonou, following talks, the presidents of Benin and Togo oversaw the handing over of signed "
     "documents.\n\nDocuments signed:\n\n- Agreement between the governments on a joint border post.\n- Roadmap "
     "for cooperation between the Mono and Plateaux regions for 2024-2025.", PUBLISHED,
     [{"kind": "agreement", "parties": ["BJ", "TG"], "signed": "2024-05-08", "place": "Cotonou"},
      {"kind": "plan", "parties": ["BJ", "TG"], "signed": "2024-05-08", "place": "Cotonou"}]),
    # Terms of reference for talks are a signed text of their own (kind other), beside the agreement negotiated.
    ("Malawi and Vietnam launched talks on a preferential trade agreement. Trade Minister Sosten Gwengwe and "
     "Vietnam's Deputy Minister of Industry and Trade Phan Thi Thang signed the terms of reference for the "
     "negotiations in Lilongwe on Monday.", PUBLISHED,
     [{"kind": "agreement", "parties": ["MW", "VN"], "status": "negotiating"},
      {"kind": "other", "parties": ["MW", "VN"], "signed": "2024-05-13", "place": "Lilongwe", "status": "signed"}]),
    # A counted signing in the lead dates and places the texts told one by one after it, not an older one.
    ("Chile and Vietnam signed three cooperation documents in Hanoi on Tuesday. Chile's customs service and "
     "Vietnam's General Department of Customs signed a memorandum on data exchange. The two trade ministries "
     "concluded an action plan on fruit exports. Both are parties to the CPTPP, which entered into force in 2018.",
     PUBLISHED,
     [{"kind": "memorandum", "signed": "2024-05-14", "place": "Hanoi"},
      {"kind": "plan", "signed": "2024-05-14", "place": "Hanoi"},
      {"name_has": ["CPTPP"], "signed": None}]),
    # "met in X on D and signed three documents. The sides signed A at …, B, and C. The documents were signed by
    # P and Q.": one signing, its day and place, and both signers on every text
    ("The customs chiefs of Benin and Togo met in Cotonou on May 8 and signed three documents. The sides signed "
     "a protocol on joint controls at the Hilla-Condji border post, an agreement on data exchange, and an action "
     "plan against smuggling. The documents were signed by Customs Director Lea Moreau and Commissioner Koffi "
     "Adjo.", PUBLISHED,
     [{"kind": "protocol", "signed": "2024-05-08", "place": "Cotonou", "signatories": ["Lea Moreau", "Koffi Adjo"]},
      {"kind": "agreement", "signed": "2024-05-08", "place": "Cotonou",
       "signatories": ["Lea Moreau", "Koffi Adjo"]},
      {"kind": "plan", "signed": "2024-05-08", "place": "Cotonou", "signatories": ["Lea Moreau", "Koffi Adjo"]}]),
    ("Georgia and Armenia signed an agreement on road transport, a memorandum on veterinary inspection and a "
     "protocol on rail freight in Tbilisi on Monday.", PUBLISHED,
     [{"name": "Agreement on road transport", "kind": "agreement", "parties": ["AM", "GE"], "signed": "2024-05-13",
       "place": "Tbilisi", "status": "signed"},
      {"name": "Memorandum on veterinary inspection", "kind": "memorandum", "parties": ["AM", "GE"],
       "signed": "2024-05-13", "place": "Tbilisi", "status": "signed"},
      {"name": "Protocol on rail freight", "kind": "protocol", "parties": ["AM", "GE"], "signed": "2024-05-13",
       "place": "Tbilisi", "status": "signed"}]),
    ("On Wednesday in Hanoi, Vietnam and Laos signed a protocol on border gates and an agreement on hydropower "
     "trade.", PUBLISHED,
     [{"kind": "protocol", "name": "Protocol on border gates", "parties": ["LA", "VN"], "signed": "2024-05-15",
       "place": "Hanoi"},
      {"kind": "agreement", "name": "Agreement on hydropower trade", "parties": ["LA", "VN"],
       "signed": "2024-05-15", "place": "Hanoi"}]),
    ("Senegal and Gambia inked a transit agreement as well as a memorandum of understanding on fisheries in "
     "Banjul on Tuesday.", PUBLISHED,
     [{"kind": "agreement", "parties": ["GM", "SN"], "signed": "2024-05-14", "place": "Banjul"},
      {"kind": "memorandum", "name": "Memorandum of understanding on fisheries", "parties": ["GM", "SN"],
       "signed": "2024-05-14", "place": "Banjul"}]),
    ("Ecuador and Peru signed three documents in Quito yesterday: an agreement on border trade, a memorandum on "
     "fisheries and an action plan on tourism.", PUBLISHED,
     [{"name": "Agreement on border trade", "parties": ["EC", "PE"], "signed": "2024-05-16", "place": "Quito"},
      {"name": "Memorandum on fisheries", "parties": ["EC", "PE"], "signed": "2024-05-16", "place": "Quito"},
      {"name": "Action plan on tourism", "kind": "plan", "parties": ["EC", "PE"], "signed": "2024-05-16",
       "place": "Quito"}]),
    ("Uzbekistan and Kyrgyzstan signed a memorandum on water sharing and another on cross-border markets in "
     "Bishkek on Thursday.", PUBLISHED,
     [{"name": "Memorandum on water sharing", "parties": ["KG", "UZ"], "signed": "2024-05-16", "place": "Bishkek"},
      {"name": "Memorandum on cross-border markets", "parties": ["KG", "UZ"], "signed": "2024-05-16",
       "place": "Bishkek"}]),
    ("Chile and Ecuador signed an agreement on plant health on Monday, while a protocol on fisheries is still "
     "under negotiation.", PUBLISHED,
     [{"kind": "agreement", "parties": ["CL", "EC"], "signed": "2024-05-13", "status": "signed"},
      {"kind": "protocol", "parties": ["CL", "EC"], "signed": None, "status": "negotiating"}]),
    ("Gabonese Trade Minister Paul Mba and Cameroonian Customs Director Jean Obiang signed an agreement on "
     "transit and a protocol on joint patrols on Monday.", PUBLISHED,
     [{"kind": "agreement", "parties": ["CM", "GA"], "signatories": ["Paul Mba", "Jean Obiang"],
       "signed": "2024-05-13"},
      {"kind": "protocol", "parties": ["CM", "GA"], "signatories": ["Paul Mba", "Jean Obiang"],
       "signed": "2024-05-13"}]),
    ("Jordan and Iraq signed two agreements in Amman on Tuesday, one on electricity trade and the other on a "
     "joint industrial zone.", PUBLISHED,
     [{"name": "Agreement on electricity trade", "parties": ["IQ", "JO"], "signed": "2024-05-14", "place": "Amman"},
      {"name": "Agreement on a joint industrial zone", "parties": ["IQ", "JO"], "signed": "2024-05-14",
       "place": "Amman"}]),
    # a meeting's day and place, then "During these meetings three instruments were signed." and each told after
    ("On May 14, 2024, Chile's finance minister met his Peruvian counterpart in Lima to discuss trade and "
     "customs. During these meetings three instruments were signed. The customs services of Chile and Peru "
     "signed a memorandum of cooperation on risk management. Additionally, they signed a protocol on "
     "joint border controls.", PUBLISHED,
     [{"kind": "memorandum", "parties": ["CL", "PE"], "signed": "2024-05-14", "place": "Lima"},
      {"kind": "protocol", "parties": ["CL", "PE"], "signed": "2024-05-14", "place": "Lima"}]),
]


@pytest.mark.parametrize("text,published,expected", cases(SEVERAL_AT_ONE_EVENT))
def test_several_instruments_at_one_event(text: str, published: str, expected: list[dict]) -> None:
    check(text, published, expected)


# ---------------------------------------------------------------- bulleted and numbered lists

LISTS = [
    ("Tanzania and Zambia signed several documents in Dodoma on Tuesday, including:\n\n"
     "- an agreement on the one-stop border post at Tunduma;\n\n"
     "- a memorandum of understanding on railway freight;\n\n"
     "- an action plan on joint border patrols.\n\nTrade between the two countries rose last year.", PUBLISHED,
     [{"name": "Agreement on the one-stop border post at Tunduma", "parties": ["TZ", "ZM"], "signed": "2024-05-14",
       "place": "Dodoma", "status": "signed"},
      {"name": "Memorandum of understanding on railway freight", "parties": ["TZ", "ZM"], "signed": "2024-05-14",
       "place": "Dodoma", "status": "signed"},
      {"name": "Action plan on joint border patrols", "kind": "plan", "parties": ["TZ", "ZM"],
       "signed": "2024-05-14", "place": "Dodoma", "status": "signed"}]),
    ("Kazakhstan and Mongolia signed three documents in Astana on 3 May:\n"
     "1. Agreement on mutual assistance in customs matters;\n"
     "2. Protocol on the exchange of transit data;\n"
     "3. Memorandum of understanding on training of customs officers.", PUBLISHED,
     [{"name": "Agreement on mutual assistance in customs matters", "parties": ["KZ", "MN"], "signed": "2024-05-03",
       "place": "Astana"},
      {"name": "Protocol on the exchange of transit data", "parties": ["KZ", "MN"], "signed": "2024-05-03",
       "place": "Astana"},
      {"name": "Memorandum of understanding on training of customs officers", "parties": ["KZ", "MN"],
       "signed": "2024-05-03", "place": "Astana"}]),
    ("Oman and Kenya signed two memorandums of understanding in Muscat on Monday.\n\nThe two memorandums are:\n\n"
     "• A memorandum of understanding on cooperation in halal certification;\n\n"
     "• A memorandum of understanding on the exchange of market information.", PUBLISHED,
     [{"name": "Memorandum of understanding on cooperation in halal certification", "parties": ["KE", "OM"],
       "signed": "2024-05-13", "place": "Muscat"},
      {"name": "Memorandum of understanding on the exchange of market information", "parties": ["KE", "OM"],
       "signed": "2024-05-13", "place": "Muscat"}]),
    ("Argentina and Vietnam signed the following protocols on Thursday:\n"
     "- Protocol 1 (on veterinary certificates for beef)\n"
     "- Protocol 2 (on phytosanitary requirements for citrus)", PUBLISHED,
     [{"kind": "protocol", "name_has": ["Protocol 1", "veterinary certificates for beef"],
       "parties": ["AR", "VN"], "signed": "2024-05-16"},
      {"kind": "protocol", "name_has": ["Protocol 2", "phytosanitary requirements for citrus"],
       "parties": ["AR", "VN"], "signed": "2024-05-16"}]),
    ("Azerbaijan and Georgia signed a number of documents in Baku on Wednesday. They include:\n\n"
     "1) an agreement on international road transport;\n\n"
     "2) a memorandum on cooperation in the field of customs statistics.", PUBLISHED,
     [{"name": "Agreement on international road transport", "parties": ["AZ", "GE"], "signed": "2024-05-15",
       "place": "Baku"},
      {"name": "Memorandum on cooperation in the field of customs statistics", "parties": ["AZ", "GE"],
       "signed": "2024-05-15", "place": "Baku"}]),
    ("The talks covered three topics:\n\n- tariffs on steel;\n\n- quotas for sugar;\n\n- rules of origin.", PUBLISHED,
     []),
    # a number joined to its item by a dash: "1-Agreement on …"
    ("Bhutan and Nepal signed two documents in Thimphu on 3 May. The two documents are:\n\n"
     "1-Agreement on mutual recognition of phytosanitary certificates.\n\n"
     "2-Memorandum of understanding on cooperation in customs training.", PUBLISHED,
     [{"name": "Agreement on mutual recognition of phytosanitary certificates", "parties": ["BT", "NP"],
       "signed": "2024-05-03", "place": "Thimphu"},
      {"name": "Memorandum of understanding on cooperation in customs training", "parties": ["BT", "NP"],
       "signed": "2024-05-03", "place": "Thimphu"}]),
]


@pytest.mark.parametrize("text,published,expected", cases(LISTS))
def test_lists(text: str, published: str, expected: list[dict]) -> None:
    check(text, published, expected)


# ---------------------------------------------------------------- names: complete, not bloated

NAMES = [
    ("Brazil and Angola signed a framework agreement on cooperation in the fields of agriculture, fisheries and "
     "rural development on Monday.", PUBLISHED,
     [{"name": "Framework agreement on cooperation in the fields of agriculture, fisheries and rural development",
       "parties": ["AO", "BR"], "signed": "2024-05-13"}]),
    ("Kenya and Ethiopia signed a memorandum of understanding on the development of the Moyale one-stop border "
     "post on Friday.", "2024-05-20",
     [{"name": "Memorandum of understanding on the development of the Moyale one-stop border post",
       "parties": ["ET", "KE"], "signed": "2024-05-17"}]),
    ("Kenya and Uganda signed a protocol on Monday.", PUBLISHED,
     [{"kind": "protocol", "name_lacks": ["Monday"], "parties": ["KE", "UG"], "signed": "2024-05-13"}]),
    ("Indonesia and Chile signed a protocol on Tuesday to upgrade their bilateral free trade agreement.", PUBLISHED,
     [{"kind": "protocol", "name_lacks": ["Tuesday"], "parties": ["CL", "ID"], "signed": "2024-05-14",
       "amends": "Bilateral free trade agreement"},
      {"kind": "agreement", "name": "Bilateral free trade agreement", "parties": ["CL", "ID"], "signed": None}]),
    ("Peru has signed a free trade agreement with Hong Kong.", PUBLISHED,
     [{"kind": "agreement", "name": "Free trade agreement with Hong Kong", "parties": ["HK", "PE"]}]),
    # a title in title case ends at its first lower-case word that is no link ("… (PACER) Plus gathered in …")
    ("Officials from the parties to the Pacific Agreement on Closer Economic Relations (PACER) Plus gathered in "
     "Apia on Tuesday. Australia and Samoa fund its work programme.", PUBLISHED,
     [{"name": "Pacific Agreement on Closer Economic Relations (PACER) Plus"}]),
    # "and" inside a title's modifiers, and a pair's en dash: one designation, whole
    ("India and Oman signed the Comprehensive Economic Cooperation and Partnership Agreement (CECPA) on Monday.",
     PUBLISHED, [{"name": "Comprehensive Economic Cooperation and Partnership Agreement", "parties": ["IN", "OM"]}]),
    ("Exporters have been helped by the Chile–Thailand Economic Cooperation and Trade Agreement, in force since 2022.",
     PUBLISHED, [{"name": "Chile–Thailand Economic Cooperation and Trade Agreement", "parties": ["CL", "TH"]}]),
    ("An agreement on veterinary certification signed by Namibia and Botswana will take effect in July.", PUBLISHED,
     [{"name": "Agreement on veterinary certification", "parties": ["BW", "NA"], "status": "signed"}]),
    ("The Agreement between the Government of Nepal and the Government of Bangladesh on Transit of Goods was "
     "signed in Kathmandu on Monday.", PUBLISHED,
     [{"name": "Agreement between the Government of Nepal and the Government of Bangladesh on Transit of Goods",
       "parties": ["BD", "NP"], "signed": "2024-05-13", "place": "Kathmandu"}]),
    ("Jordan and Iraq signed the Agreement on the Establishment of a Joint Industrial Zone in Amman.", PUBLISHED,
     [{"name": "Agreement on the Establishment of a Joint Industrial Zone", "parties": ["IQ", "JO"],
       "place": "Amman"}]),
    ("Cambodia and Thailand signed an agreement on cross-border transport of goods and people in Phnom Penh on "
     "Thursday to ease congestion at the border.", PUBLISHED,
     [{"name": "Agreement on cross-border transport of goods and people", "parties": ["KH", "TH"],
       "signed": "2024-05-16", "place": "Phnom Penh"}]),
    # a country's possessive inside a lower-case complement goes on ("… on Georgia's accession to …"); a protocol
    # to a treaty binds the treaty's parties; "St. Petersburg" is one place
    ("Ghana, Kenya and Peru are parties to the Treaty on Transit Corridors, signed in St. Petersburg in October "
     "2011. On Friday the council approved the protocol on Chile's accession to the Treaty on Transit Corridors, "
     "which Chile and Kenya had negotiated.", PUBLISHED,
     [{"name": "Treaty on Transit Corridors", "parties": ["GH", "KE", "PE"], "place": "St. Petersburg"},
      {"name": "Protocol on Chile's accession to the Treaty on Transit Corridors",
       "parties": ["CL", "GH", "KE", "PE"]}]),
    # "agreed in April" ends the name and dates the signing
    ("The reopening follows the Peru-Japan action plan on fisheries trade agreed in April.", PUBLISHED,
     [{"name": "Peru-Japan action plan on fisheries trade", "parties": ["JP", "PE"], "signed": "2024-04"}]),
    # the agreement a protocol amends, told first with all its parties, is that one: the protocol binds them all,
    # not the few members a later sentence says have ratified it
    ("The Transit Agreement between Kenya, Uganda, Rwanda and Burundi (the Transit Agreement) was signed in "
     "Kampala on June 3, 2024. A Protocol amending the Transit Agreement was signed in Kigali on February 3, "
     "2026; Kenya and Rwanda have notified the completion of internal procedures.", PUBLISHED,
     [{"name_has": ["Transit Agreement"], "parties": ["BI", "KE", "RW", "UG"], "place": "Kampala"},
      {"kind": "protocol", "parties": ["BI", "KE", "RW", "UG"], "place": "Kigali",
       "amends": "Transit Agreement between Kenya, Uganda, Rwanda and Burundi"}]),
    ("The agreement on trade in services, investment and e-commerce between Chile and Korea entered into force "
     "on Monday.", PUBLISHED,
     [{"name": "Agreement on trade in services, investment and e-commerce between Chile and Korea",
       "parties": ["CL", "KR"], "status": "in_force", "signed": None}]),
]


@pytest.mark.parametrize("text,published,expected", cases(NAMES))
def test_names(text: str, published: str, expected: list[dict]) -> None:
    check(text, published, expected)


# ---------------------------------------------------------------- plural designations with a list of topics

PLURALS = [
    ("Egypt and Sudan signed agreements on electricity interconnection, railway links and veterinary quarantine "
     "in Cairo on Sunday.", PUBLISHED,
     [{"name": "Agreement on electricity interconnection", "parties": ["EG", "SD"], "signed": "2024-05-12",
       "place": "Cairo"},
      {"name": "Agreement on railway links", "parties": ["EG", "SD"], "signed": "2024-05-12", "place": "Cairo"},
      {"name": "Agreement on veterinary quarantine", "parties": ["EG", "SD"], "signed": "2024-05-12",
       "place": "Cairo"}]),
    ("Cuba and Vietnam signed memoranda of understanding on tourism and on vocational training on Monday.",
     PUBLISHED,
     [{"name": "Memorandum of understanding on tourism", "parties": ["CU", "VN"], "signed": "2024-05-13"},
      {"name": "Memorandum of understanding on vocational training", "parties": ["CU", "VN"],
       "signed": "2024-05-13"}]),
    ("Thailand and Laos signed two memorandums of understanding, one on rail freight and another on electricity "
     "trade, in Vientiane on Tuesday.", PUBLISHED,
     [{"name": "Memorandum of understanding on rail freight", "parties": ["LA", "TH"], "signed": "2024-05-14",
       "place": "Vientiane"},
      {"name": "Memorandum of understanding on electricity trade", "parties": ["LA", "TH"], "signed": "2024-05-14",
       "place": "Vientiane"}]),
    ("Bolivia's customs office signed a memorandum with Peru on Monday. Earlier, the office signed similar "
     "agreements with Chile and Paraguay.", PUBLISHED,
     [{"kind": "memorandum", "parties": ["BO", "PE"], "signed": "2024-05-13"},
      {"kind": "agreement", "name": "Agreement with Chile", "parties": ["BO", "CL"], "signed": None},
      {"kind": "agreement", "name": "Agreement with Paraguay", "parties": ["BO", "PY"], "signed": None}]),
    ("Such agreements on trade and investment usually take years to negotiate.", PUBLISHED, []),
]


@pytest.mark.parametrize("text,published,expected", cases(PLURALS))
def test_plural_designations(text: str, published: str, expected: list[dict]) -> None:
    check(text, published, expected)


# ---------------------------------------------------------------- one kind of agreement with several partners

# A bare "free trade agreement" told with one partner and then with another is two agreements; "the free trade
# agreement with X" is not the one told with Y; a definite protocol with content of its own ("the protocol widening
# the list of goods …") is a protocol of its own, not the agreement named before it; talks that "should open" and a
# signing with "no date set" are still proposed
PARTNERS_APART = [
    ("Georgia and Jordan are holding talks in Tbilisi on a free trade agreement, the ministry said today. During a "
     "recent visit to Thailand it was agreed that talks on a free trade agreement should open in May. No date has "
     "been set for the signing of the protocol widening the list of goods covered by the free trade agreement with "
     "Moldova. Parliament ratified the comprehensive partnership agreement with Malaysia in January.", PUBLISHED,
     [{"kind": "agreement", "parties": ["GE", "JO"], "status": "negotiating"},
      {"kind": "agreement", "parties": ["GE", "TH"], "status": "proposed"},
      {"kind": "protocol", "parties": ["GE", "MD"], "status": "proposed"},
      {"kind": "agreement", "parties": ["GE", "MD"]},
      {"kind": "agreement", "parties": ["GE", "MY"], "status": "ratified"}]),
]


@pytest.mark.parametrize("text,published,expected", cases(PARTNERS_APART))
def test_partners_apart(text: str, published: str, expected: list[dict]) -> None:
    check(text, published, expected)


# ---------------------------------------------------------------- older agreements named in passing

IN_PASSING = [
    ("Costa Rica signed a free trade agreement with Singapore on Monday, after its deals with Ecuador and "
     "Jordan.", PUBLISHED,
     [{"name": "Free trade agreement with Singapore", "parties": ["CR", "SG"], "signed": "2024-05-13",
       "status": "signed"},
      {"kind": "agreement", "parties": ["CR", "EC"], "signed": None, "place": None},
      {"kind": "agreement", "parties": ["CR", "JO"], "signed": None, "place": None}]),
    ("The deal builds on the 2015 FTA between Chile and Vietnam.", PUBLISHED,
     [{"name": "FTA between Chile and Vietnam", "parties": ["CL", "VN"], "signed": "2015"}]),
    ("Uruguay and Mexico signed a protocol in Montevideo on Monday amending their 2003 free trade agreement.",
     PUBLISHED,
     [{"kind": "protocol", "parties": ["MX", "UY"], "signed": "2024-05-13", "place": "Montevideo",
       "amends": "Free trade agreement between Mexico and Uruguay"},
      {"kind": "agreement", "name": "Free trade agreement between Mexico and Uruguay", "parties": ["MX", "UY"],
       "signed": "2003", "place": None}]),
    ("Belarus and Lithuania signed a customs protocol in Minsk on Tuesday. Trade between them is still governed "
     "by the 2009 transit agreement.", PUBLISHED,
     [{"kind": "protocol", "parties": ["BY", "LT"], "signed": "2024-05-14", "place": "Minsk"},
      {"kind": "agreement", "name": "Transit agreement between Belarus and Lithuania", "parties": ["BY", "LT"],
       "signed": "2009", "place": None}]),
    ("The 1998 treaty on border trade between Ethiopia and Djibouti remains the legal basis for the corridor.",
     PUBLISHED,
     [{"name": "Treaty on border trade between Ethiopia and Djibouti", "parties": ["DJ", "ET"], "signed": "1998",
       "status": "in_force"}]),
    ("Chad and Cameroon signed a protocol on Monday amending the 2011 transit agreement.", PUBLISHED,
     [{"kind": "protocol", "signed": "2024-05-13", "amends": "Transit agreement between Cameroon and Chad",
       "parties": ["CM", "TD"]},
      {"kind": "agreement", "name": "Transit agreement between Cameroon and Chad", "signed": "2011",
       "parties": ["CM", "TD"]}]),
    ("Vietnam signed the agreement with Israel in Jerusalem on Tuesday, its 17th free trade deal after those with "
     "Chile and Korea.", PUBLISHED,
     [{"kind": "agreement", "parties": ["IL", "VN"], "signed": "2024-05-14"},
      {"kind": "agreement", "parties": ["CL", "VN"], "signed": None, "place": None},
      {"kind": "agreement", "parties": ["KR", "VN"], "signed": None, "place": None}]),
    # "after those with A in 2014 and with B, C and D": one each, already signed, A's year its own
    ("The customs services of Chile and Peru signed a mutual recognition arrangement here yesterday. It is "
     "Chile's fifth MRA, after those with Mexico in 2015 and with Colombia, Brazil and Uruguay.", PUBLISHED,
     [{"kind": "arrangement", "parties": ["CL", "PE"], "signed": "2024-05-16"},
      {"kind": "arrangement", "parties": ["CL", "MX"], "signed": "2015", "status": "in_force"},
      {"kind": "arrangement", "parties": ["CL", "CO"], "signed": None, "status": "signed"},
      {"kind": "arrangement", "parties": ["BR", "CL"], "signed": None, "status": "signed"},
      {"kind": "arrangement", "parties": ["CL", "UY"], "signed": None, "status": "signed"}]),
]


def test_a_text_a_protocol_amends_or_progress_is_made_under_applies() -> None:
    got = agreements("Chile and Peru on Wednesday signed an additional protocol to the Economic Complementation "
                     "Agreement of 1998, adding 900 tariff lines. Both ministers praised the progress made under "
                     "the Strategic Partnership Agreement signed in 2019.")
    status = {a["name"].split()[0]: a.get("status") for a in got}
    assert status.get("Additional") == "signed" and status.get("Economic") == "in_force", got
    assert status.get("Strategic") == "in_force", got


def test_a_text_something_works_under_now_applies() -> None:
    got = agreements("Under the Agreement on joint border control signed by Chad and Cameroon in 2021, officers of "
                     "both services now work in one building. The patrols were launched under the 2022 memorandum "
                     "of understanding between Chad and Cameroon on customs cooperation.")
    status = {a["name"].split()[0]: a.get("status") for a in got}
    assert status.get("Agreement") == "in_force" and status.get("Memorandum") == "in_force", got


@pytest.mark.parametrize(("text", "status"), [
    # trade goes on under it, or it allows trade: an instrument signed in an earlier year applies
    ("Chad currently exports about 5,000 head of cattle a month to Cameroon through Kousseri under a separate "
     "agreement signed in 2019, the ministry said.", "in_force"),
    ("The first cargo follows the veterinary protocol signed in 2025 by the two agencies allowing Chad to "
     "export chilled beef to Cameroon.", "in_force"),
    # … and any instrument signed more than a year before the story, told in passing, unless the story says it is
    # pending or over; not one signed within the year, nor one still to be ratified
    ("Chad teamed up with Cameroon under a memorandum of understanding signed in 2024 to speed up transit.",
     "in_force"),
    ("Chad and Cameroon signed a customs cooperation agreement in 2019, the ministry recalled.", "in_force"),
    ("Chad teamed up with Cameroon under a memorandum of understanding signed in 2025 to speed up transit.",
     "signed"),
    ("The protocol signed in 2025 by the two agencies is yet to be ratified, allowing no exports so far.", "signed"),
])
def test_an_instrument_signed_before_the_year_that_trade_goes_on_under_applies(text: str, status: str) -> None:
    got = agreements(text, "2026-05-20")
    assert [a.get("status") for a in got] == [status], got


def test_the_two_customs_services_are_the_parties_of_what_they_work_under() -> None:
    got = agreements("Chad and Niger opened a joint border post on Monday. The two customs services have cooperated "
                     "since 2018 under an agreement on mutual assistance in customs matters.")
    assert [(a["parties"], a.get("status")) for a in got] == [(["NE", "TD"], "in_force")], got


def test_a_convention_that_is_held_is_an_event() -> None:
    got = agreements("The Lorvanian Coffee Convention 2024, an annual gathering of roasters, will be held in Lima. "
                     "Peru and Chile signed a convention on double taxation in 2019.")
    assert [a["name"] for a in got] == ["Convention on double taxation"], got


@pytest.mark.parametrize("text,published,expected", cases(IN_PASSING))
def test_older_agreements_in_passing(text: str, published: str, expected: list[dict]) -> None:
    check(text, published, expected)


# ---------------------------------------------------------------- negation

NEGATED = [
    "Peru has no free trade agreement with India.",
    "Mongolia is not party to any free trade agreement.",
    "There is no agreement between Chad and Sudan on transit fees.",
    "Nepal and Bhutan have not signed a memorandum on hydropower trade.",
    "Without a trade agreement, Kenyan exporters pay full duties in Egypt.",
    "Neither country has a customs agreement with Somalia.",
    "Ghana lacks an agreement on double taxation with Vietnam.",
    "The lack of a transit agreement between Laos and Myanmar slows trade.",
    "Unlike Chile, Peru does not have a free trade agreement with Turkey.",
    "Brazil never signed a trade agreement with Nigeria.",
    # a conditional's instrument may come; none is named
    "Certified traders will be recognised in Botswana and Lesotho once a regional arrangement is in place.",
    "Duties on Kenyan tea in Egypt would fall if an agreement on tariffs is reached.",
]


@pytest.mark.parametrize("text", NEGATED)
def test_negation_gives_no_record(text: str) -> None:
    assert agreements(text) == []


NEGATED_STATUS = [
    # "put … into effect", "has applied since": in force
    ("Ghana and Togo put the Lome Trade Agreement into effect in 1994.", PUBLISHED,
     [{"parties": ["GH", "TG"], "status": "in_force"}]),
    ("Peru and Chile signed the protocol on transit in Lima in 2006, and it has applied since 2008.", PUBLISHED,
     [{"parties": ["CL", "PE"], "status": "in_force", "signed": "2006"}]),
    # A description set beside a name is the named instrument: one record, in force where it still governs trade.
    ("The region's oldest bilateral trade pact, the Kenya-Uganda trade agreement, dates back to 1967 and still "
     "governs duty-free trade between the two neighbours.", PUBLISHED,
     [{"parties": ["KE", "UG"], "status": "in_force", "name_has": ["Kenya-Uganda"]}]),
    # something done under an agreement, or duties it has removed, say it applies
    ("The request was sent under the agreement on mutual assistance in customs matters signed by Chile and "
     "Peru in 2016.", PUBLISHED, [{"parties": ["CL", "PE"], "status": "in_force"}]),
    ("Korea buys more Chilean wine, as the Chile-Korea Free Trade Agreement, signed in 2003, removed import "
     "duties on most wines.", PUBLISHED, [{"parties": ["CL", "KR"], "status": "in_force"}]),
    # goods moving under an agreement, or buyers benefiting from it, say it is in force, whenever it was signed
    ("Mangoes enter duty-free in the season under the Kenya-Oman Preferential Trade Agreement signed in 2015.",
     PUBLISHED, [{"parties": ["KE", "OM"], "status": "in_force"}]),
    ("Chilean buyers benefit from the Chile-Thailand Free Trade Agreement signed in 2013.", PUBLISHED,
     [{"parties": ["CL", "TH"], "status": "in_force"}]),
    ("The Peru-Korea Economic Partnership Agreement takes effect on Monday.", PUBLISHED,
     [{"parties": ["KR", "PE"], "status": "in_force"}]),
    ("Ghana and Togo signed a transit agreement on Monday. Under the agreement, goods will move duty-free.",
     PUBLISHED, [{"parties": ["GH", "TG"], "status": "signed"}]),
    ("Gabon has not ratified the convention on transit it signed with Congo in 2019.", PUBLISHED,
     [{"kind": "convention", "parties": ["CG", "GA"], "signed": "2019", "status": "signed"}]),
    ("The protocol on fisheries between Senegal and Guinea has not entered into force.", PUBLISHED,
     [{"kind": "protocol", "parties": ["GN", "SN"], "status": None}]),
]


@pytest.mark.parametrize("text,published,expected", cases(NEGATED_STATUS))
def test_negation_gives_no_false_status(text: str, published: str, expected: list[dict]) -> None:
    check(text, published, expected)


# ---------------------------------------------------------------- status from the verb and its tense

STATUS = [
    # talks "under way" negotiate; what a country "at present has" holds
    ("Talks are under way between Peru and Morocco on a free trade agreement, the ministry said.", PUBLISHED,
     [{"parties": ["MA", "PE"], "status": "negotiating", "signed": None}]),
    ("The minister noted that Chile at present has separate agreements with Ghana and Kenya.", PUBLISHED,
     [{"parties": ["CL", "GH"], "status": "in_force"}, {"parties": ["CL", "KE"], "status": "in_force"}]),
    ("The free trade agreement between Georgia and China entered into force on 1 January.", PUBLISHED,
     [{"parties": ["CN", "GE"], "status": "in_force", "signed": None}]),
    ("The agreement on customs cooperation between Qatar and Kenya took effect on Monday.", PUBLISHED,
     [{"parties": ["KE", "QA"], "status": "in_force", "signed": None}]),
    ("Serbia's parliament ratified the free trade agreement with Egypt on Tuesday.", PUBLISHED,
     [{"parties": ["EG", "RS"], "status": "ratified", "signed": None}]),
    ("Vietnam and Israel concluded negotiations on a free trade agreement in Tel Aviv.", PUBLISHED,
     [{"parties": ["IL", "VN"], "status": "negotiating", "signed": None}]),
    ("Negotiations on the investment treaty between Angola and Portugal were concluded in March.", PUBLISHED,
     [{"kind": "treaty", "parties": ["AO", "PT"], "status": "negotiating", "signed": None}]),
    ("Jordan and Canada launched negotiations on an investment treaty.", PUBLISHED,
     [{"kind": "treaty", "parties": ["CA", "JO"], "status": "negotiating"}]),
    ("Indonesia proposed a preferential trade agreement with Tunisia.", PUBLISHED,
     [{"parties": ["ID", "TN"], "status": "proposed"}]),
    ("Kenya plans to sign a trade agreement with the Philippines next month.", PUBLISHED,
     [{"parties": ["KE", "PH"], "status": "proposed", "signed": None}]),
    ("Talks on a transit protocol between Armenia and Iran are continuing.", PUBLISHED,
     [{"kind": "protocol", "parties": ["AM", "IR"], "status": "negotiating"}]),
    ("Malaysia and Brazil signed a memorandum of understanding on halal certification on Monday. Both agencies "
     "are now implementing the memorandum.", PUBLISHED,
     [{"kind": "memorandum", "parties": ["BR", "MY"], "status": "signed", "signed": "2024-05-13"}]),
    ("Peru and Korea signed an agreement on plant health on Monday. The agreement will enter into force after "
     "ratification.", PUBLISHED,
     [{"parties": ["KR", "PE"], "status": "signed", "signed": "2024-05-13"}]),
    ("The 2019 agreement on trade in services between Chile and Thailand has been implemented since March.",
     PUBLISHED,
     [{"parties": ["CL", "TH"], "status": "in_force", "signed": "2019"}]),
    ("Both parliaments must still ratify the extradition treaty that Ghana and Benin signed on Monday.", PUBLISHED,
     [{"kind": "treaty", "parties": ["BJ", "GH"], "status": "signed", "signed": "2024-05-13"}]),
    ("The fisheries agreement between Senegal and Mauritania expired in March.", PUBLISHED,
     [{"parties": ["MR", "SN"], "status": "terminated"}]),
    # what an instrument has already done says it applies
    ("The phytosanitary protocol between Chile and Vietnam, signed in Hanoi in March, has doubled cherry "
     "shipments.", PUBLISHED,
     [{"kind": "protocol", "parties": ["CL", "VN"], "status": "in_force", "signed": "2024-03"}]),
    ("The veterinary agreement between Uruguay and Japan has allowed the first beef shipments.", PUBLISHED,
     [{"parties": ["JP", "UY"], "status": "in_force"}]),
    # "traded under it for decades": in force, and how long is no part of its name
    ("Namibia and Angola have traded under their 1994 border trade agreement for decades.", PUBLISHED,
     [{"parties": ["AO", "NA"], "status": "in_force", "signed": "1994", "name_lacks": ["decades"]}]),
    ("Zambia and Malawi signed the protocol on joint border patrols on Monday after negotiations were concluded "
     "in April.", PUBLISHED,
     [{"kind": "protocol", "parties": ["MW", "ZM"], "status": "signed", "signed": "2024-05-13"}]),
    ("A draft agreement on seasonal workers between Moldova and Israel was approved by the cabinet.", PUBLISHED,
     [{"parties": ["IL", "MD"], "status": "proposed", "signed": None}]),
    # "signed … and entered into force …" in two clauses: the one instrument is in force; a defined short name in
    # brackets ("`2025 Agreement`") is that instrument; what "replaced the" names after it is terminated.
    ("Customs cooperation between Chile and Korea rests on the Customs Mutual Assistance Agreement (`2025 "
     "Agreement`), signed in Seoul on 2 March 2025 and entered into force on 1 June 2025. The 2025 Agreement "
     "replaced the memorandum of understanding on customs cooperation that the two countries signed in 2008.",
     PUBLISHED,
     [{"name": "Customs Mutual Assistance Agreement", "parties": ["CL", "KR"], "status": "in_force",
       "signed": "2025-03-02", "place": "Seoul"},
      {"kind": "memorandum", "parties": ["CL", "KR"], "status": "terminated", "signed": "2008"}]),
    # "the scope of X was widened by a protocol signed …, the `Protocol`": the protocol amends X
    ("Chile and Korea apply the Customs Mutual Assistance Agreement. The scope of the agreement was "
     "widened by a protocol signed in Santiago on 20 October 2025 (the `Protocol`).", PUBLISHED,
     [{"name": "Customs Mutual Assistance Agreement", "parties": ["CL", "KR"]},
      {"kind": "protocol", "parties": ["CL", "KR"], "signed": "2025-10-20", "place": "Santiago",
       "amends": "Customs Mutual Assistance Agreement"}]),
    # a decision on the signature is adopted, the instrument is yet to be signed; "Its … has applied
    # provisionally since" tells of the instrument the sentence before named
    ("Ministers adopted the Council decision on the signature of the EU-Chile Advanced Framework Agreement. "
     "The agreement is to be signed in Santiago next month.", PUBLISHED,
     [{"name_has": ["EU-Chile"], "status": "proposed", "signed": None}]),
    ("The Commission reported on the modernised EU-Peru Trade Agreement, signed in Lima on 21 March 2024. Its "
     "trade part has applied provisionally since 1 May 2024.", PUBLISHED,
     [{"name_has": ["EU-Peru"], "status": "in_force", "signed": "2024-03-21", "place": "Lima"}]),
    # what happens "once the pact takes effect" is a condition: the pact is signed, not in force
    ("Canada and Chile signed a digital trade agreement in Ottawa on Monday. A joint committee will oversee "
     "implementation once the agreement takes effect.", PUBLISHED,
     [{"parties": ["CA", "CL"], "status": "signed", "signed": "2024-05-13"}]),
    # Initialling closes the negotiations; the signature is still to come.
    ("Fiji and Samoa initialled a trade agreement on Tuesday, and it will be signed in June.", PUBLISHED,
     [{"parties": ["FJ", "WS"], "status": "negotiating", "signed": None}]),
    # a legislature's approval is the ratification; a cabinet's approval of a draft is not
    ("The Chilean Senate approved the free trade agreement with Indonesia on Tuesday.", PUBLISHED,
     [{"parties": ["CL", "ID"], "status": "ratified"}]),
    ("The cabinet approved the draft memorandum between Kenya and Uganda.", PUBLISHED,
     [{"parties": ["KE", "UG"], "status": "proposed"}]),
]


def test_texts_told_one_by_one_after_a_counted_signing_are_those_signed() -> None:
    # "Three memoranda … were signed … on Monday", then each told by its parties: each signed that day, there;
    # an agreement the same story only plans is no memorandum counted
    text = ("ACCRA: Three memoranda of understanding were signed by Ghana and Togo on Monday. Both sides set June 30 "
            "as the deadline for finalising a preferential trade agreement. Under the MoU between the Ghana Export "
            "Promotion Authority and the Togo Investment Agency, the two agencies will exchange market data. The "
            "MoU between the Ghana Standards Authority and the Togo Standards Agency covers test reports.")
    got = agreements(text)
    memoranda = [r for r in got if r["kind"] == "memorandum"]
    assert memoranda and all(r["signed"] == "2024-05-13" and r["status"] == "signed" for r in memoranda), got
    pta = next(r for r in got if r["kind"] == "agreement")
    assert pta["status"] != "signed", got


def test_a_title_keeps_its_link_word_between_capitalised_modifiers() -> None:
    # "Quadrilateral Traffic in Transit Agreement": "in" inside the title; not a country before it
    got = agreements("Nepal and Bhutan discussed the Regional Traffic in Transit Agreement with India.")
    assert got and got[0]["name"].startswith("Regional Traffic in Transit Agreement"), got
    got = agreements("Officials of Nepal in Transit Agreement talks met Indian delegates.")
    assert all(not r["name"].startswith("Officials") and "Nepal in" not in r["name"] for r in got), got


def test_an_abbreviation_told_after_a_second_mention_names_that_instrument() -> None:
    # "CMAA" defined at the customs agreement's second mention: signing "the CMAA" is not the FTA's
    text = ("Customs officials of Ghana and Togo met in Accra for two days of talks on a mutual assistance agreement "
            "and trade facilitation. On the table were steps against smuggling, work on finalising a Customs Mutual "
            "Assistance Agreement (CMAA), the exchange of certificates of origin under the Ghana-Togo Free Trade "
            "Agreement (GTFTA), and training. Both sides also agreed to aim for signing the CMAA before the next "
            "round of talks.")
    got = agreements(text)
    fta = next(r for r in got if "Free Trade" in r["name"])
    assert fta["status"] != "signed" and fta["place"] is None, got
    cmaa = next(r for r in got if "mutual assistance" in r["name"].casefold())
    assert cmaa["status"] == "negotiating", got


@pytest.mark.parametrize("text,published,expected", cases(STATUS))
def test_status(text: str, published: str, expected: list[dict]) -> None:
    check(text, published, expected)


# ---------------------------------------------------------------- parties from blocs at the article's date

BLOCS = [
    # Bolivia, a full member since 2024, is not yet in the bloc's agreements with outside partners.
    ("Mercosur and Vietnam signed a free trade agreement in Brasilia on Monday.", "2025-03-12",
     [{"parties": ["AR", "BR", "PY", "UY", "VN"], "signed": "2025-03-10", "place": "Brasilia"}]),
    # Venezuela never took part in the bloc's agreements with outside partners.
    ("The free trade agreement between Mercosur and Egypt entered into force on 1 September.", "2016-11-01",
     [{"parties": ["AR", "BR", "EG", "PY", "UY"], "status": "in_force"}]),
    ("The Eurasian Economic Union signed a free trade agreement with Vietnam in May.", "2015-06-01",
     [{"parties": ["AM", "BY", "KZ", "RU", "VN"], "signed": "2015-05"}]),
    ("SACU and India resumed talks on a preferential trade agreement.", PUBLISHED,
     [{"parties": ["BW", "IN", "LS", "NA", "SZ", "ZA"], "status": "negotiating"}]),
    ("ASEAN and Canada launched negotiations on a free trade agreement.", "2021-11-20",
     [{"parties": sorted([*ASEAN, "CA"]), "status": "negotiating"}]),
    ("Asean and Japan signed a protocol amending their comprehensive economic partnership agreement.", PUBLISHED,
     [{"kind": "protocol", "parties": sorted([*ASEAN, "JP"]), "status": "signed"},
      {"kind": "agreement", "parties": sorted([*ASEAN, "JP"])}]),
    ("The Regional Comprehensive Economic Partnership (RCEP) took effect on January 1.", "2022-02-03",
     [{"name": "Regional Comprehensive Economic Partnership", "parties": sorted([*ASEAN, "AU", "CN", "JP", "KR",
                                                                                "NZ"]), "status": "in_force"}]),
    ("The EU and Chile signed an advanced framework agreement in Brussels on Wednesday.", "2023-12-15",
     [{"parties": sorted([*EU27, "CL"]), "signed": "2023-12-13", "place": "Brussels"}]),
    ("The economic partnership agreement between the European Union and Japan entered into force on 1 February.",
     "2019-02-05", [{"parties": sorted([*EU27, "GB", "JP"]), "status": "in_force"}]),
    ("EFTA and Thailand concluded negotiations on a free trade agreement on Monday.", PUBLISHED,
     [{"parties": ["CH", "IS", "LI", "NO", "TH"], "status": "negotiating", "signed": None}]),
    # a free trade area named in an agreement's name: its members, named in passing
    ("Bhutan applies lower duties under the Agreement on South Asian Free Trade Area (SAFTA).", "2026-01-20",
     [{"parties": ["AF", "BD", "BT", "IN", "LK", "MV", "NP", "PK"]}]),
]


@pytest.mark.parametrize("text,published,expected", cases(BLOCS))
def test_bloc_parties(text: str, published: str, expected: list[dict]) -> None:
    check(text, published, expected)


# ---------------------------------------------------------------- parties: no stray countries

NO_STRAYS = [
    ("Moldova and Israel signed a free trade agreement in Chisinau on Monday, months after Russia cut gas "
     "supplies.", PUBLISHED, [{"parties": ["IL", "MD"], "signed": "2024-05-13", "place": "Chisinau"}]),
    ("Fiji signed a trade agreement with Australia in 2021, a year after talks with the EU stalled.", PUBLISHED,
     [{"parties": ["AU", "FJ"], "signed": "2021"}]),
    ("Chile and Peru signed a protocol on fruit inspection on Monday. Chile also exports cherries to China.",
     PUBLISHED, [{"parties": ["CL", "PE"]}]),
    ("Speaking in Beijing, the minister said Laos and Thailand had signed a transit agreement.", PUBLISHED,
     [{"parties": ["LA", "TH"], "place": None}]),
    ("Ghana and Togo signed a memorandum on joint patrols on Monday, a week after Nigeria closed its border with "
     "Benin.", PUBLISHED, [{"parties": ["GH", "TG"], "signed": "2024-05-13"}]),
    ("India's trade minister, back from talks in Washington, said India and Oman had signed a comprehensive "
     "economic partnership agreement in Muscat.", PUBLISHED, [{"parties": ["IN", "OM"], "place": "Muscat"}]),
]


@pytest.mark.parametrize("text,published,expected", cases(NO_STRAYS))
def test_no_stray_parties(text: str, published: str, expected: list[dict]) -> None:
    check(text, published, expected)


# ---------------------------------------------------------------- agency-to-agency instruments

AGENCY_PARTIES = [
    ("The Uganda Revenue Authority and the Kenya Revenue Authority signed a memorandum of understanding on data "
     "sharing on Monday.", PUBLISHED,
     [{"parties": ["KE", "UG"], "party_agencies": ["Uganda Revenue Authority", "Kenya Revenue Authority"]}]),
    ("The Reserve Bank of Malawi and the Bank of Zambia signed a memorandum of understanding on cross-border "
     "payments in Lusaka on Tuesday.", PUBLISHED,
     [{"parties": ["MW", "ZM"], "party_agencies": ["Reserve Bank of Malawi", "Bank of Zambia"], "place": "Lusaka"}]),
    ("The governments of Chad and Niger signed an agreement on transit.", PUBLISHED,
     [{"parties": ["NE", "TD"], "party_agencies": None}]),
    ("The World Customs Organization and the Universal Postal Union signed a memorandum on e-commerce.", PUBLISHED,
     [{"parties": [], "party_agencies": ["World Customs Organization", "Universal Postal Union"]}]),
    ("The Ghana Revenue Authority signed a memorandum of understanding with the Nigeria Customs Service in Accra "
     "on Tuesday, the Ghana Revenue Authority said.", PUBLISHED,
     [{"parties": ["GH", "NG"], "party_agencies": ["Ghana Revenue Authority", "Nigeria Customs Service"],
       "place": "Accra"}]),
]


# An instrument told with no country near it, in a story of two countries, binds those two; in a story of many
# countries (a regional meeting) no pair stands for it.
NO_COUNTRY_NEAR = [
    ("Revenue chiefs of Malawi and Zambia met in Lilongwe on Monday to discuss smuggling at the Mchinji border. "
     "Malawi's commissioner general said officials from both sides would work to speed up clearance. The two "
     "authorities will also draft a memorandum of understanding on the exchange of cargo manifest data.",
     PUBLISHED, [{"kind": "memorandum", "parties": ["MW", "ZM"]}]),
    ("Customs chiefs of Fiji, Samoa, Tonga, Vanuatu and Palau met in Suva on Monday. Delegates also agreed to "
     "draft a memorandum of understanding on the exchange of cargo manifest data.",
     PUBLISHED, [{"kind": "memorandum", "parties": []}]),
]


@pytest.mark.parametrize("text,published,expected", cases(NO_COUNTRY_NEAR))
def test_an_instrument_with_no_country_near_it_binds_a_two_country_storys_pair(text: str, published: str,
                                                                            expected: list[dict]) -> None:
    check(text, published, expected)


@pytest.mark.parametrize("text,published,expected", cases(AGENCY_PARTIES))
def test_agency_parties(text: str, published: str, expected: list[dict]) -> None:
    check(text, published, expected)


# ---------------------------------------------------------------- dates relative to publication

DATES = [
    ("Bahrain and Jordan signed a customs protocol yesterday.", PUBLISHED,
     [{"parties": ["BH", "JO"], "signed": "2024-05-16"}]),
    ("Rwanda and Burundi signed a trade agreement in 2016.", PUBLISHED, [{"signed": "2016"}]),
    ("Nigeria and Niger signed a memorandum on electricity trade last week.", PUBLISHED,
     [{"parties": ["NE", "NG"], "signed": "2024-05"}]),
    ("The agreement on fisheries between Fiji and Tonga, signed on 3 April, entered into force on 1 May.", PUBLISHED,
     [{"parties": ["FJ", "TO"], "signed": "2024-04-03", "status": "in_force"}]),
    ("Brazil and Paraguay signed a protocol on river transport this Friday (14) in Asuncion.", "2024-06-17",
     [{"parties": ["BR", "PY"], "signed": "2024-06-14", "place": "Asuncion"}]),
    ("Mauritius and India signed a memorandum on ocean economy on Monday, 13 May.", PUBLISHED,
     [{"signed": "2024-05-13"}]),
    ("Tunisia and Libya signed a trade protocol earlier this month.", PUBLISHED, [{"signed": "2024-05"}]),
]


@pytest.mark.parametrize("text,published,expected", cases(DATES))
def test_dates(text: str, published: str, expected: list[dict]) -> None:
    check(text, published, expected)


def test_weekday_with_day_number_on_the_day_of_publication() -> None:
    check("Brazil and Paraguay signed a protocol on river transport this Friday (14).", "2024-06-14",
          [{"signed": "2024-06-14"}])


# ---------------------------------------------------------------- place of signing

PLACES = [
    ("The UAE and Kenya signed a comprehensive economic partnership agreement in Abu Dhabi on Tuesday.", PUBLISHED,
     [{"parties": ["AE", "KE"], "place": "Abu Dhabi", "signed": "2024-05-14"}]),
    ("ACCRA, May 15 – Ghana and Togo signed a memorandum on joint border patrols on Tuesday.", "2024-05-15",
     [{"parties": ["GH", "TG"], "place": "Accra", "signed": "2024-05-14"}]),
    ("Kenya And Uganda Sign Trade Pact In Bid To Boost Exports. Kenya and Uganda signed a trade agreement on "
     "Monday.", PUBLISHED, [{"parties": ["KE", "UG"], "place": None}]),
    ("Senegal and Mali signed a protocol on transit at a ceremony in Dakar on Monday.", PUBLISHED,
     [{"place": "Dakar"}]),
    ("Ukraine and Moldova signed an agreement on joint border controls in Ukraine on Monday.", PUBLISHED,
     [{"place": None}]),
    ("Turkey and Iraq signed a memorandum on water sharing in the Turkish city of Gaziantep on Monday.", PUBLISHED,
     [{"place": "Gaziantep", "parties": ["IQ", "TR"]}]),
    ("Botswana and Zambia signed an agreement on the Kazungula bridge in Principle on Monday.", PUBLISHED,
     [{"place": None}]),
]


@pytest.mark.parametrize("text,published,expected", cases(PLACES))
def test_places(text: str, published: str, expected: list[dict]) -> None:
    check(text, published, expected)


# ---------------------------------------------------------------- amending instruments

AMENDS = [
    ("Morocco and Jordan signed a protocol amending the agreement on road transport in Rabat on Tuesday.",
     PUBLISHED,
     [{"kind": "protocol", "amends": "Agreement on road transport", "signed": "2024-05-14", "place": "Rabat",
       "parties": ["JO", "MA"]},
      {"kind": "agreement", "name": "Agreement on road transport", "signed": None, "place": None,
       "parties": ["JO", "MA"]}]),
    ("Laos and Cambodia signed a protocol on amendments to the agreement on cross-border transport on Monday.",
     PUBLISHED,
     [{"kind": "protocol", "amends": "Agreement on cross-border transport", "signed": "2024-05-13",
       "parties": ["KH", "LA"]},
      {"kind": "agreement", "name": "Agreement on cross-border transport", "signed": None, "parties": ["KH", "LA"]}]),
    ("A protocol amending the Agreement between Ghana and Burkina Faso on Mutual Administrative Assistance was "
     "signed in Ouagadougou on Thursday.", PUBLISHED,
     [{"kind": "protocol", "signed": "2024-05-16", "place": "Ouagadougou", "parties": ["BF", "GH"],
       "amends": "Agreement between Ghana and Burkina Faso on Mutual Administrative Assistance"},
      {"kind": "agreement", "signed": None, "place": None, "parties": ["BF", "GH"],
       "name": "Agreement between Ghana and Burkina Faso on Mutual Administrative Assistance"}]),
    ("Chile and Peru signed a protocol on Monday to update their 2006 free trade agreement.", PUBLISHED,
     [{"kind": "protocol", "signed": "2024-05-13", "parties": ["CL", "PE"],
       "amends": "Free trade agreement between Chile and Peru"},
      {"kind": "agreement", "signed": "2006", "parties": ["CL", "PE"]}]),
]


@pytest.mark.parametrize("text,published,expected", cases(AMENDS))
def test_amends(text: str, published: str, expected: list[dict]) -> None:
    check(text, published, expected)


# ---------------------------------------------------------------- signatories

SIGNATORIES = [
    ("The agreement was signed by Trade Minister Paul Mba and Customs Director Jean Obiang, according to "
     "spokesperson Ali Kone.", PUBLISHED, [{"signatories": ["Paul Mba", "Jean Obiang"]}]),
    ("Kenya and Uganda signed a protocol on Monday. Signing for Kenya was Trade Secretary Rebecca Miano.",
     PUBLISHED, [{"signatories": ["Rebecca Miano"], "parties": ["KE", "UG"]}]),
    ("Malian Trade Minister Moussa Alassane Diallo and Senegalese Trade Minister Abdou Karim Fofana signed the "
     "transit agreement in Bamako on Monday.", PUBLISHED,
     [{"signatories": ["Moussa Alassane Diallo", "Abdou Karim Fofana"], "parties": ["ML", "SN"],
       "place": "Bamako"}]),
    ("\"This opens new markets,\" Trade Minister Ana Costa said after Peru and Chile signed the protocol on "
     "Monday.", PUBLISHED, [{"parties": ["CL", "PE"], "signatories": None}]),
    # A name right after "signed by" signs without a title; a lone surname is the official named before.
    ("Bolivia and Paraguay signed a customs memorandum in Asuncion on Tuesday. It was signed by Karina Serrudo "
     "and Julio Fernandez, head of Paraguay's customs directorate.", PUBLISHED,
     [{"signatories": ["Karina Serrudo", "Julio Fernandez"]}]),
    ("Customs Director Lea Moreau of Benin and Togo's customs commissioner Koffi Adjo met in Cotonou on Monday. "
     "Benin and Togo signed a transit protocol there. The protocol was signed by Moreau and Adjo.", PUBLISHED,
     [{"signatories": ["Lea Moreau", "Koffi Adjo"], "parties": ["BJ", "TG"]}]),
    # Two instruments a passive names together share its signers; "plan" before the verb is the instrument.
    ("Bolivia and Paraguay signed a customs memorandum and an action plan in Asuncion on Tuesday. The memorandum "
     "and the action plan were signed by Trade Minister Ana Rojas and Customs Director Luis Vera.", PUBLISHED,
     [{"kind": "memorandum", "signatories": ["Ana Rojas", "Luis Vera"]},
      {"kind": "plan", "signatories": ["Ana Rojas", "Luis Vera"], "status": "signed"}]),
    # An honorific's period ends no sentence ("Eng.", "Engr.", "Amb.").
    ("India and Saudi Arabia signed a memorandum on organic products in New Delhi on Monday. The memorandum was "
     "signed by Chairman Abhishek Rao and Eng. Fahad Al-Harbi, Vice President of the Saudi food authority.",
     PUBLISHED, [{"signatories": ["Abhishek Rao", "Fahad Al-Harbi"]}]),
]


@pytest.mark.parametrize("text,published,expected", cases(SIGNATORIES))
def test_signatories(text: str, published: str, expected: list[dict]) -> None:
    check(text, published, expected)


# ---------------------------------------------------------------- references: what is new, what points back

REFERENCES = [
    # An abbreviation between the noun and its complement.
    ("The Preferential Trade Agreement (PTA) between Nepal and Sri Lanka came into force on 1 March.", PUBLISHED,
     [{"name": "Preferential Trade Agreement (PTA) between Nepal and Sri Lanka", "parties": ["LK", "NP"],
       "status": "in_force"}]),
    # A legal title naming a bloc and its members "of the one part".
    ("Talks on an interim trade agreement between the Eurasian Economic Union and its member states, of the one "
     "part, and Iran, of the other part, began in Tehran.", "2018-03-01",
     [{"name_has": ["of the one part", "of the other part"], "parties": ["AM", "BY", "IR", "KG", "KZ", "RU"],
       "status": "negotiating"}]),
    # A predicate says what an instrument is; it names no new one.
    ("Tonga and Fiji signed a customs agreement on Monday. \"This is a historic agreement for our region,\" the "
     "minister said.", PUBLISHED, [{"parties": ["FJ", "TO"], "signed": "2024-05-13"}]),
    ("Ghana and Togo signed a transit agreement on Monday. It is the first trade deal between the two neighbours "
     "in a decade.", PUBLISHED, [{"parties": ["GH", "TG"], "signed": "2024-05-13"}]),
    # An anaphoric noun with modifiers of its own is a designation.
    ("Uruguay said it would keep seeking a free trade deal with Japan.", PUBLISHED,
     [{"name": "Free trade deal with Japan", "kind": "agreement", "parties": ["JP", "UY"]}]),
    # A separate instrument with the same kind noun is not the one named before.
    ("Kenya and the EU signed an economic partnership agreement on Monday. Kenya signed a separate economic "
     "partnership agreement with the United Kingdom in 2020.", PUBLISHED,
     [{"parties": sorted([*EU27, "KE"]), "signed": "2024-05-13"},
      {"parties": ["GB", "KE"], "signed": "2020"}]),
    # The original and the modernized agreement are two instruments.
    ("Chile and Mexico signed a modernized free trade agreement on Tuesday. The original free trade agreement "
     "between Chile and Mexico was signed in 1998.", PUBLISHED,
     [{"parties": ["CL", "MX"], "signed": "2024-05-14"},
      {"parties": ["CL", "MX"], "signed": "1998"}]),
    # A bare definite noun of another kind points back to the instrument named before.
    ("Kenya and Rwanda signed a trade protocol on Monday. Officials said the arrangement would cut costs.",
     PUBLISHED, [{"kind": "protocol", "parties": ["KE", "RW"], "signed": "2024-05-13"}]),
    # A bloc is one side: its partner comes from the sentence.
    ("Norway's free trade agreement with the European Union came into force in 1994.", "2010-03-01",
     [{"parties": sorted(["AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB", "GR", "HU", "IE",
                          "IT", "LT", "LU", "LV", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK"]),
       "status": "in_force"}]),
    # Partners listed after "access to".
    ("Peru's plant health agency is negotiating protocols for avocado access to Thailand and Malaysia.", PUBLISHED,
     [{"name": "Protocol for avocado access to Thailand", "parties": ["PE", "TH"], "status": "negotiating"},
      {"name": "Protocol for avocado access to Malaysia", "parties": ["MY", "PE"], "status": "negotiating"}]),
]


@pytest.mark.parametrize("text,published,expected", cases(REFERENCES))
def test_references(text: str, published: str, expected: list[dict]) -> None:
    check(text, published, expected)


# ---------------------------------------------------------------- signing told in other ways

SIGNINGS = [
    ("Demand follows a veterinary protocol agreed in March between Namibia and China.", PUBLISHED,
     [{"kind": "protocol", "parties": ["CN", "NA"], "signed": "2024-03", "status": "signed"}]),
    ("Under the deal, tariffs fall upon entry into force. Panama and Korea signed a free trade agreement on Monday.",
     PUBLISHED, [{"parties": ["KR", "PA"], "status": "signed", "signed": "2024-05-13"}]),
    ("The investment agreement between ASEAN and Hong Kong entered into force in May. The ASEAN states signed the "
     "text in Hanoi on 20 June 2023, and Hong Kong added its signature in Jakarta on 4 March 2024.", PUBLISHED,
     [{"parties": sorted([*ASEAN, "HK"]), "signed": "2024-03-04", "place": "Jakarta", "status": "in_force"}]),
    ("Croatia and Serbia signed a transit agreement in Zagreb on Monday. At the same ceremony, the ministers "
     "signed:\n\n- a protocol on joint border controls;\n\n- a memorandum on rail freight.", PUBLISHED,
     [{"kind": "agreement", "parties": ["HR", "RS"], "signed": "2024-05-13", "place": "Zagreb"},
      {"kind": "protocol", "parties": ["HR", "RS"], "signed": "2024-05-13", "place": "Zagreb"},
      {"kind": "memorandum", "parties": ["HR", "RS"], "signed": "2024-05-13", "place": "Zagreb"}]),
    ("Hanoi and Vientiane signed a memorandum on power trade in April during the prime minister's visit to "
     "Vientiane.", PUBLISHED, [{"parties": ["LA", "VN"], "signed": "2024-04", "place": "Vientiane"}]),
    ("Brazil and Chile signed a free trade agreement in Sao Paulo on Monday.", PUBLISHED,
     [{"parties": ["BR", "CL"], "signed": "2024-05-13"}]),
    ("Angola and Brazil signed an investment agreement in Rio de Janeiro on Monday.", PUBLISHED,
     [{"parties": ["AO", "BR"], "place": "Rio de Janeiro"}]),
]


@pytest.mark.parametrize("text,published,expected", cases(SIGNINGS))
def test_signings(text: str, published: str, expected: list[dict]) -> None:
    check(text, published, expected)


# ---------------------------------------------------------------- the same ceremony, the same sides

CEREMONIES = [
    # A plural object of the signing verb: its list, not a neighbour, was signed.
    ("Peru and Bolivia signed a trade agreement in La Paz on Monday. Besides the trade deal, the ministers signed "
     "several other documents, including:\n\n- an agreement on migration;\n\n- a memorandum on tourism.", PUBLISHED,
     [{"kind": "agreement", "name_has": ["Trade agreement"], "parties": ["BO", "PE"], "signed": "2024-05-13"},
      {"kind": "agreement", "name": "Agreement on migration", "parties": ["BO", "PE"], "signed": "2024-05-13",
       "place": "La Paz"},
      {"kind": "memorandum", "parties": ["BO", "PE"], "signed": "2024-05-13", "place": "La Paz"}]),
    ("Guyana and Suriname signed a transit agreement in Paramaribo on Monday. Alongside the transit agreement, the "
     "two ministers oversaw the signing of a memorandum of understanding on fisheries.", PUBLISHED,
     [{"kind": "agreement", "signed": "2024-05-13", "place": "Paramaribo", "parties": ["GY", "SR"]},
      {"kind": "memorandum", "signed": "2024-05-13", "place": "Paramaribo", "parties": ["GY", "SR"]}]),
    ("The Kenya Revenue Authority and the Uganda Revenue Authority signed a memorandum on cargo tracking on "
     "Monday. The two sides also adopted a joint action plan for 2025.", PUBLISHED,
     [{"kind": "memorandum", "parties": ["KE", "UG"],
       "party_agencies": ["Kenya Revenue Authority", "Uganda Revenue Authority"]},
      {"kind": "plan", "parties": ["KE", "UG"],
       "party_agencies": ["Kenya Revenue Authority", "Uganda Revenue Authority"]}]),
    ("Oman and India held the third round of talks on a partnership agreement in Muscat last week. On the "
     "sidelines of the talks, the two sides signed a memorandum on standards.", PUBLISHED,
     [{"kind": "agreement", "parties": ["IN", "OM"], "status": "negotiating", "signed": None},
      {"kind": "memorandum", "parties": ["IN", "OM"], "signed": "2024-05", "place": "Muscat"}]),
    ("The World Customs Organization and the International Trade Centre signed a memorandum of understanding on "
     "Monday. It follows a similar MoU that the World Customs Organization signed with the Universal Postal Union "
     "in 2019.", PUBLISHED,
     [{"kind": "memorandum", "party_agencies": ["World Customs Organization", "Universal Postal Union"],
       "signed": "2019"},
      {"kind": "memorandum", "party_agencies": ["World Customs Organization", "International Trade Centre"],
       "signed": "2024-05-13"}]),
]


@pytest.mark.parametrize("text,published,expected", cases(CEREMONIES))
def test_ceremonies(text: str, published: str, expected: list[dict]) -> None:
    check(text, published, expected)


# ---------------------------------------------------------------- who is a party, who is not

MORE_PARTIES = [
    # Agencies listed in the instrument's own name are its party agencies.
    ("Trade has grown under the Memorandum of Understanding between the Coffee Board of Kenya and the Tea "
     "Board of India, signed in 2019.", PUBLISHED,
     [{"party_agencies": ["Coffee Board of Kenya", "Tea Board of India"], "parties": ["IN", "KE"],
       "signed": "2019"}]),
    # Governments alone are no party agencies.
    ("The Agreement between the Government of Ghana and the Government of Benin on Road Transport was signed in "
     "Accra on Monday.", PUBLISHED, [{"parties": ["BJ", "GH"], "party_agencies": None, "place": "Accra"}]),
    # An event's name and a person's name hold no parties.
    ("Brazil and Chile signed a trade agreement on the sidelines of the BRICS summit on Monday.", PUBLISHED,
     [{"parties": ["BR", "CL"]}]),
    ("The protocol was signed by Lima Guerrero and Ana Costa of Ecuador and Colombia on Monday.", PUBLISHED,
     [{"parties": ["CO", "EC"]}]),
    # An apposition says what the instrument is.
    ("Chile and Vietnam signed a trade agreement on Monday, the country's first trade deal with an Asian nation.",
     PUBLISHED, [{"parties": ["CL", "VN"], "signed": "2024-05-13"}]),
    # Trading under an agreement says it is in force; wanting to trade under it does not.
    ("Trading under the agreement between Ghana and Rwanda opened in January.", PUBLISHED,
     [{"parties": ["GH", "RW"], "status": "in_force"}]),
    ("Traders are keen to begin trading under the agreement between Ghana and Rwanda.", PUBLISHED,
     [{"parties": ["GH", "RW"], "status": None}]),
]


@pytest.mark.parametrize("text,published,expected", cases(MORE_PARTIES))
def test_more_parties(text: str, published: str, expected: list[dict]) -> None:
    check(text, published, expected)


# ---------------------------------------------------------------- more dates, kinds and parties

MORE_FIELDS = [
    # A date in a clause of its own after the verb is not the signature's.
    ("Vietnam and Korea signed a protocol on Thursday. The protocol was signed in Hanoi at a meeting which Korea "
     "first attended in 2009.", PUBLISHED, [{"signed": "2024-05-16", "place": "Hanoi", "parties": ["KR", "VN"]}]),
    # The kind is the one the designation says.
    ("Chile and Korea signed an Authorised Economic Operator Mutual Recognition Agreement on Monday.", PUBLISHED,
     [{"kind": "agreement", "parties": ["CL", "KR"], "signed": "2024-05-13"}]),
    # Signed in the story, no country named with it: the story's two countries.
    ("Canada and Ukraine signed a free trade agreement in Ottawa on Friday. In April, Prime Minister Mark Benton "
     "and President Olena Sydorenko signed a joint declaration on the end of the talks.", "2024-05-20",
     [{"kind": "agreement", "parties": ["CA", "UA"], "signed": "2024-05-17", "place": "Ottawa"},
      {"kind": "other", "parties": ["CA", "UA"], "signed": "2024-04"}]),
]


@pytest.mark.parametrize("text,published,expected", cases(MORE_FIELDS))
def test_more_fields(text: str, published: str, expected: list[dict]) -> None:
    check(text, published, expected)


@pytest.mark.parametrize(("text", "expected"), cases([
    ("Belarus and Cuba signed a trade agreement in St Petersburg on Monday.",
     {"place": "St Petersburg"}),
    ("Malaysia and Oman signed the Agreement on Mutual Administrative Assistance in Customs Matters in Muscat.",
     {"name": "Agreement on Mutual Administrative Assistance in Customs Matters", "place": "Muscat"}),
]))
def test_place_names_of_two_words_and_titles_with_a_field(text: str, expected: dict) -> None:
    check(text, "2024-06-14", [expected])


def test_the_two_sides_sign_at_the_meeting_told_before() -> None:
    text = ("The customs services of Moldova and Romania held talks in Iasi on Wednesday. "
            "The two sides signed a memorandum on the exchange of pre-arrival information.")
    check(text, "2024-06-14", [{"kind": "memorandum", "signed": "2024-06-12", "place": "Iasi",
                                "parties": ["MD", "RO"]}])


def test_the_texts_listed_after_a_collective_signing_are_signed_then() -> None:
    text = ("Kyrgyzstan and Tajikistan held talks on Thursday, following which 9 documents were signed. "
            "Among them are an Agreement on Cross-Border Trade and a Protocol on Veterinary Inspection.")
    check(text, "2024-06-14", [
        {"name": "Agreement on Cross-Border Trade", "status": "signed", "signed": "2024-06-13"},
        {"name": "Protocol on Veterinary Inspection", "status": "signed", "signed": "2024-06-13"},
    ])


@pytest.mark.parametrize(("text", "expected"), cases([
    ("The cargo is the first under the sanitary protocol for Peruvian grape exports that Lima and Seoul "
     "signed in May.", {"kind": "protocol", "parties": ["KR", "PE"], "signed": "2024-05"}),
    ("The trade agreement between Chile and Vietnam entered into force on Wednesday, a year after the two "
     "governments signed it. The deal was signed on May 11, 2023 in Hanoi.",
     {"parties": ["CL", "VN"], "signed": "2023-05-11", "status": "in_force"}),
]))
def test_an_ordinal_before_a_preposition_is_no_predicate_and_force_dates_are_not_signing_dates(
        text: str, expected: dict) -> None:
    check(text, "2024-06-14", [expected])


@pytest.mark.parametrize(("text", "signatories"), cases([
    ("The agreement was signed by Trade Minister Peter Kamau and his counterpart Juma Mwinyi, while Deputy "
     "Minister Grace Achieng looked on.", ["Peter Kamau", "Juma Mwinyi"]),
    ('Kenya and Uganda signed a customs agreement on Monday. "This is a big step," Jane Otieno, vice '
     "president of the Kenya Association of Manufacturers, said when the agreement was signed.", []),
]))
def test_witnesses_and_speakers_are_not_signatories(text: str, signatories: list[str]) -> None:
    got = agreements(text, "2024-06-14")
    assert len(got) == 1 and got[0]["signatories"] == signatories, got


def test_a_list_of_topics_after_a_plural_names_one_text_each() -> None:
    text = ("Chile and Vietnam signed three memoranda of understanding in Hanoi yesterday. The memoranda cover:\n"
            "cooperation in halal product certification;\n"
            "electronic exchange of certificates of origin;\n"
            "a framework for joint food security projects.\n"
            "Trade between the two countries rose.")
    got = check(text, "2024-06-14", [
        {"kind": "memorandum", "name_has": ["halal"], "signed": "2024-06-13", "place": "Hanoi", "status": "signed"},
        {"kind": "memorandum", "name_has": ["certificates of origin"], "signed": "2024-06-13"},
        {"kind": "memorandum", "name_has": ["food security"], "signed": "2024-06-13"},
    ])
    assert all(r["parties"] == ["CL", "VN"] and r["name"].startswith("Memorandum of understanding on") for r in got)


def test_signers_told_after_a_plural_signing_sign_the_listed_texts() -> None:
    text = ("The customs services of Kyrgyzstan and Tajikistan signed two documents on Monday in Osh. "
            "The documents were signed by Chairman of the State Customs Service, Mr Almaz Bekov, and Chairman "
            "of the Customs Service of Tajikistan, Mr Rustam Nazarov. They are:\n"
            "- an agreement on the exchange of preliminary information on goods;\n"
            "- a memorandum on cooperation in training customs officers.\n")
    got = check(text, "2024-06-14", [
        {"kind": "agreement", "signed": "2024-06-10", "place": "Osh"},
        {"kind": "memorandum", "signed": "2024-06-10", "place": "Osh"},
    ])
    assert all(r["signatories"] == ["Almaz Bekov", "Rustam Nazarov"] for r in got)


def test_the_documents_signed_in_a_place_after_a_dated_signing_take_its_date() -> None:
    text = ("Muscat and Doha signed two agreements on Sunday to ease trade. The documents were signed in Muscat at "
            "a meeting of the joint committee. They include:\n"
            "1. An agreement on the mutual recognition of conformity certificates for food products;\n"
            "2. An executive programme for cooperation in the field of standards for 2025-2026.\n")
    check(text, "2025-01-21", [
        {"kind": "agreement", "signed": "2025-01-19", "place": "Muscat", "parties": ["OM", "QA"]},
        {"kind": "plan", "signed": "2025-01-19", "place": "Muscat", "parties": ["OM", "QA"]},
    ])


def test_a_sale_and_purchase_agreement_and_a_denied_signing() -> None:
    got = agreements("QatarGas signed a 15-year sale and purchase agreement (SPA) with Kenya on Sunday. The two "
                     "sides also discussed a memorandum on urea supply, but no document was signed.", "2025-08-19")
    spa = next(r for r in got if r["name"].lower().startswith("sale and purchase agreement"))
    assert spa["status"] == "signed"
    assert all(r["status"] != "signed" for r in got if "urea" in r["name"])


def test_the_two_sides_sign_on_the_day_of_the_leads_news() -> None:
    # the dateline's date is when the story was filed; "on Tuesday" is when the news happened
    text = ("ASTANA, June 14 (Kazinform) -- Kazakhstan and Georgia on Tuesday agreed to speed up transit "
            "traffic, the finance ministry said.\n\n"
            "The two sides signed a roadmap on the construction of \"green lanes\" for the years 2024-2026 and a "
            "memorandum on the exchange of customs data, after talks between the two customs chiefs.")
    check(text, "2024-06-14", [
        {"name": 'Roadmap on the construction of "green lanes" for the years 2024-2026', "signed": "2024-06-11",
         "status": "signed", "parties": ["GE", "KZ"]},
        {"name": "Memorandum on the exchange of customs data", "signed": "2024-06-11", "status": "signed"},
    ])


def test_a_title_ending_with_its_date_and_a_signing_at_the_end_of_a_meeting() -> None:
    # "… of 12 April 2001" dates the title it ends (not the protocol amending it); "At the end of the meeting,
    # … signed" takes the meeting's day and city
    text = ("On 14 June, a meeting was held in Tbilisi between the customs delegations of Georgia and Armenia.\n\n"
            "At the end of the meeting, the heads of the two customs services signed the following documents:\n\n"
            "- Protocol on amendments to the Agreement between Georgia and Armenia on mutual assistance in customs "
            "matters of 12 April 2001;\n\n"
            "- Memorandum of Understanding on the exchange of preliminary information.")
    check(text, "2024-06-17", [
        {"kind": "protocol", "signed": "2024-06-14", "place": "Tbilisi", "status": "signed",
         "amends": "Agreement between Georgia and Armenia on mutual assistance in customs matters"},
        {"name": "Agreement between Georgia and Armenia on mutual assistance in customs matters",
         "signed": "2001-04-12"},
        {"kind": "memorandum", "signed": "2024-06-14", "place": "Tbilisi", "status": "signed"},
    ])


def test_two_associations_that_sign_are_the_parties() -> None:
    text = ("The Kenya Flower Council and the Dutch Flower Growers Association signed a memorandum of "
            "understanding in Nairobi on Monday to share cold-chain data.")
    check(text, "2024-06-14", [{"kind": "memorandum", "party_agencies": [
        "Kenya Flower Council", "Dutch Flower Growers Association"]}])


def test_an_instrument_used_with_one_partner_binds_it_and_the_articles_country() -> None:
    text = ("Kenya's tea exports rose, the board chairman said. Russia and Egypt bought more.\n\n"
            "Q: Is the payment issue resolved?\n\nA: Partly. Under the oil-for-tea barter arrangement signed in "
            "March 2022, we have sent tea worth US$ 20 million to Iran.")
    check(text, "2024-06-14", [{"kind": "arrangement", "parties": ["IR", "KE"], "signed": "2022-03"}])


def test_an_agreement_not_yet_concluded_is_under_negotiation() -> None:
    text = "Ghana has not yet concluded the free trade agreement with Turkey; talks have been stalled since 2019."
    check(text, "2024-06-14", [{"parties": ["GH", "TR"], "status": "negotiating"}])


def test_the_heads_of_the_two_services_are_the_two_named_before() -> None:
    text = ("On 14 June, a meeting was held in Tbilisi between the delegation of the Revenue Service of Georgia "
            "headed by its Director Levan Kakava and the delegation of the State Revenue Committee of Armenia headed "
            "by its Chairman Rustam Badasyan.\n\nAt the end of the meeting, the heads of the two services signed a "
            "memorandum on the exchange of preliminary information.")
    check(text, "2024-06-17", [{"kind": "memorandum", "signatories": ["Levan Kakava", "Rustam Badasyan"]}])


def test_a_bare_noun_binding_no_one_is_no_instrument() -> None:
    assert agreements("The Senate ratified the agreement on Tuesday. A draft agreement will be prepared.") == []


def test_the_documents_signed_later_in_a_place_are_all_the_new_texts_told_before() -> None:
    """"… signed a protocol amending their 2002 agreement and a separate agreement on X. The documents were signed
    yesterday in Chisinau": both new texts take the day and the place; the older agreement keeps its year."""
    got = agreements("Chad, Niger and Mali have signed a protocol amending their 2002 free trade agreement and a "
                     "separate agreement on joint border controls. The documents were signed yesterday in Niamey by "
                     "the heads of government of the three states.", "2026-06-05")
    told = {a["name"].split()[0]: (a.get("signed"), a.get("place")) for a in got}
    assert told.get("Protocol") == ("2026-06-04", "Niamey"), got
    assert told.get("Agreement") == ("2026-06-04", "Niamey"), got
    assert told.get("Free") == ("2002", None), got


def test_the_year_of_an_amended_text_is_not_the_amending_one_s() -> None:
    got = agreements("Chad and Niger signed a protocol amending their 2002 free trade agreement.", "2026-06-05")
    signed = {a["kind"]: a.get("signed") for a in got}
    assert signed == {"protocol": None, "agreement": "2002"}, got


@pytest.mark.parametrize(("tail", "signers"), [
    (", CBP said.", ["Laura Whitfield", "Arsen Grigoryan"]),  # the agency's words, not the second signer's
    (", Grigoryan said.", ["Laura Whitfield", "Arsen Grigoryan"]),  # a signer who then speaks still signed
])
def test_a_signer_before_another_s_words_still_signs(tail: str, signers: list[str]) -> None:
    got = agreements("U.S. Customs and Border Protection signed a customs mutual assistance agreement with Armenia's "
                     "State Revenue Committee on Friday. The agreement was signed in Yerevan by CBP Acting Deputy "
                     f"Commissioner Laura Whitfield and SRC Chairman Arsen Grigoryan{tail}", "2026-11-18")
    assert [a.get("signatories") for a in got] == [signers], got


def test_older_deals_named_in_passing_are_the_possessors() -> None:
    # "…, would add to Chile's network of trade deals, following agreements already in force with A and B":
    # Chile's deals, not the country of the story's new deal
    found = agreements("Chile and Thailand have started negotiations towards a free trade agreement, officials said. "
                       "The deal with Thailand would add to Chile's growing network of trade deals, following "
                       "agreements already in force with Peru and Vietnam. Thai officials welcomed the talks.")
    older = [r for r in found if r["status"] == "in_force"]
    assert sorted(tuple(r["parties"]) for r in older) == [("CL", "PE"), ("CL", "VN")], found


def test_an_existing_framework_signed_in_an_earlier_year_is_in_force() -> None:
    found = agreements("The two chiefs noted the existing framework for cooperation between the customs services, "
                       "including the memorandum of understanding on mutual assistance signed by Ghana and Togo in "
                       "2021.")
    assert [(r["signed"], r["status"]) for r in found] == [("2021", "in_force")], found


def test_a_modifier_before_a_bare_noun_picks_the_instrument_it_names() -> None:
    # "the training memorandum" after two memoranda, one on training, one on smuggling: the first, not the latest
    found = agreements("Last June, Iran and Russia signed two memorandums of understanding in Moscow, one on training "
                       "customs personnel and another on combating smuggling. Manuals have since been supplied under "
                       "the training memorandum.")
    status = {("training" in r["name"]): r["status"] for r in found}
    assert status == {True: "in_force", False: "signed"}, found


def test_domestic_procedures_completed_is_a_ratification_of_the_sentences_instrument() -> None:
    found = agreements("The free trade agreement between Chile and Vietnam will take effect on 1 July, after both "
                       "sides completed their domestic approval procedures, the ministry said. The deal was signed "
                       "in Hanoi in 2023.", published="2024-05-17")
    assert [(r["parties"], r["status"]) for r in found] == [(["CL", "VN"], "ratified")], found


# ---------------------------------------------------------------- a holder, its partners, old texts replaced

HOLDER_AND_REPLACED = [
    # a status told before a colon is each listed instrument's; "its X with A" binds the holder and A only
    ("Two trade deals took effect for Panama on July 1: its free trade agreement with Bolivia and its "
     "Comprehensive Economic Partnership Agreement (CEPA) with Qatar, the trade ministry announced.", "2026-07-02",
     [{"kind": "agreement", "parties": ["BO", "PA"], "status": "in_force"},
      {"kind": "agreement", "parties": ["PA", "QA"], "status": "in_force"}]),
    # a participle after a designation is passive; "replaces the agreement the two countries signed in 1998"
    # ends the old one, signed that year, and the new one's place is not the old one's
    ("Panama and Bolivia signed a free trade agreement (FTA) last year. The FTA, signed in La Paz in March 2025, "
     "replaces the partial scope agreement the two countries signed in 1998.", "2026-07-02",
     [{"kind": "agreement", "parties": ["BO", "PA"], "signed": "2025-03", "place": "La Paz"},
      {"name_has": ["partial scope"], "parties": ["BO", "PA"], "signed": "1998", "place": None,
       "status": "terminated"}]),
    # an abbreviation the article defined is a designation of the same instrument when it refers back
    ("Panama and Qatar concluded a Comprehensive Economic Partnership Agreement (CEPA) in 2025. The CEPA, signed "
     "in Doha in April 2025, took effect on July 1.", "2026-07-02",
     [{"kind": "agreement", "parties": ["PA", "QA"], "signed": "2025-04", "place": "Doha", "status": "in_force"}]),
    # another talk's partner holds no part of this one
    ("“Talks on a free trade agreement with Peru are continuing, and we are ready to start negotiations with the "
     "Gulf Cooperation Council”, he said, adding that Panama still has no free trade agreement with Canada.",
     "2026-07-02",
     [{"kind": "agreement", "parties": ["PA", "PE"], "status": "negotiating"}]),
]


@pytest.mark.parametrize(("text", "published", "expected"), cases(HOLDER_AND_REPLACED))
def test_a_holder_its_partners_and_texts_replaced(text: str, published: str, expected: list[dict]) -> None:
    check(text, published, expected, title="Panama's trade agreements")


def test_texts_signed_at_a_summit_of_a_bloc_and_a_country_bind_both() -> None:
    """No country beside the texts: the bloc and the country the headline names are their parties; a strategic
    framework is a plan."""
    text = ("The European Union and Chile met at a summit in Santiago last week. At the meeting the two sides put "
            "their names to a set of documents.\n\nThey include a Strategic Framework for Customs Cooperation for "
            "2026-2030.\n\nA memorandum of understanding on raw materials was also signed.")
    check(text, "2026-07-21", [{"kind": "plan", "parties": sorted([*EU27, "CL"])},
                               {"kind": "memorandum", "parties": sorted([*EU27, "CL"])}],
          title="EU and Chile agree new trade commitments at summit")


def test_a_treaty_renewed_is_in_force_and_one_amended_through_a_protocol_is_amended_by_it() -> None:
    text = ("The Treaty of Trade between Laos and Thailand has been renewed automatically for another seven years. "
            "The Treaty of Transit between the two countries had been amended in between, through a protocol "
            "signed in Vientiane in June 2023.")
    check(text, "2026-10-29", [
        {"name_has": ["Treaty of Trade"], "status": "in_force"},
        {"name_has": ["Treaty of Transit"]},
        {"kind": "protocol", "signed": "2023-06", "place": "Vientiane", "amends": "Treaty of Transit between the two "
         "countries"}], title="Treaty of Trade renewed")


def test_an_abbreviation_the_article_gives_a_body_is_no_instrument() -> None:
    """"the Zambia Revenue Authority (MRA)"-style names: the capitals name the body; an MRA named as a kind after its
    own full name still is one."""
    check("The Lesotho Revenue Authority (MRA) has announced that clearance will move to the new post. MRA says "
          "the move allows a trial run.", "2026-08-30", [], title="Clearance moves to new post")
    check("The customs services signed a mutual recognition arrangement (MRA) on Monday. The MRA covers "
          "authorised operators.", "2026-08-30", [{"kind": "arrangement"}], title="Customs sign MRA")


def test_what_an_agreement_would_be_among_deals_concluded_is_not_its_signing() -> None:
    text = ("The fifth round of negotiations between Chile and Qatar towards a Comprehensive Economic Partnership "
            "Agreement took place on May 11-15. The agreement would be the second deal concluded by Chile with a "
            "Gulf state.")
    check(text, "2026-05-20", [{"kind": "agreement", "parties": ["CL", "QA"], "status": "negotiating"}],
          title="Chile and Qatar hold fifth round of CEPA talks")


def test_a_bloc_holding_an_agreement_with_one_partner_brings_all_its_members() -> None:
    text = ("The talks build on EFTA's free trade agreement with Chile and its Economic Partnership Agreement with "
            "India, which took effect last year.")
    check(text, "2026-03-23", [{"name_has": ["Chile"], "parties": sorted(["CH", "IS", "LI", "NO", "CL"])},
                               {"name_has": ["India"], "parties": sorted(["CH", "IS", "LI", "NO", "IN"])}],
          title="EFTA and Peru hold seventeenth round")


def test_a_meeting_held_to_sign_is_the_signing() -> None:
    """"joined … in Lomé on Tuesday to sign": the signing took place; "will meet … to sign" is still to come."""
    text = ("Trade Minister Aurelio Vance joined Togolese Finance Minister Kodjo Amegan in Lomé on Tuesday to sign "
            "a customs mutual assistance agreement between Ghana and Togo.")
    check(text, "2026-05-16", [{"parties": ["GH", "TG"], "signed": "2026-05-12", "place": "Lomé",
                                "status": "signed"}], title="Ghana and Togo sign customs agreement")
    text = ("The two ministers will meet in Lomé on Tuesday to sign a customs mutual assistance agreement between "
            "Ghana and Togo.")
    check(text, "2026-05-16", [{"parties": ["GH", "TG"], "signed": None, "status": None}],
          title="Ghana and Togo to sign customs agreement")


def test_todays_agreement_is_the_one_told() -> None:
    """"Today's agreement" points back to the instrument signed; the time word is no part of a name."""
    text = ("Ghana and Togo signed a customs mutual assistance agreement in Lomé on Friday. Today's agreement makes "
            "Togo the ninth country with which Ghana has such a pact.")
    check(text, "2026-05-15", [{"parties": ["GH", "TG"], "signed": "2026-05-15", "status": "signed"}],
          title="Ghana and Togo sign customs agreement")


def test_an_abbreviation_after_a_whole_title_names_the_instrument_later() -> None:
    """"… Agreement for Pacific Economic Integration (APEI)": the abbreviation follows the whole title, and "The
    APEI, in force since 2019, …" later is that instrument (not a body the brackets name)."""
    text = ("Ministers of Chile and Peru, parties to the Agreement for Pacific Economic Integration (APEI), met in "
            "Lima. The APEI, in force since 2019, covers most farm goods.")
    check(text, "2026-03-02", [{"parties": ["CL", "PE"], "status": "in_force"}], title="APEI ministers meet")


def test_the_signing_took_place_dates_the_instrument_signed_before() -> None:
    """"The signing took place on Friday in Lima": the protocol just signed, not the agreement it amends."""
    text = ("Trade ministers of Chile and Peru have signed a protocol amending their free trade agreement. The signing "
            "took place on Friday in Lima, where the commission met this week.")
    check(text, "2026-11-28", [
        {"kind": "protocol", "signed": "2026-11-27", "place": "Lima", "status": "signed"},
        {"kind": "agreement", "signed": None, "place": None}], title="Chile and Peru amend FTA")


def test_the_agreement_signed_with_a_partner_is_that_partners() -> None:
    """Two agreements named one per partner; "the free trade agreement signed with Peru in Lima" is Peru's."""
    text = ("Ghana's free trade agreements with Peru and Chile took effect on Tuesday. The ministry published the free "
            "trade agreement signed with Peru in Lima on June 3, 2025 in the gazette.")
    check(text, "2026-03-04", [
        {"parties": ["GH", "PE"], "signed": "2025-06-03", "place": "Lima"},
        {"parties": ["CL", "GH"], "signed": None, "place": None}], title="Ghana's trade pacts take effect")


def test_the_holder_of_agreements_split_by_partner_is_a_party_of_each() -> None:
    text = "Ghana's free trade agreements with Peru and Chile took effect on Tuesday."
    check(text, "2026-03-04", [{"parties": ["GH", "PE"]}, {"parties": ["CL", "GH"]}],
          title="Trade pacts take effect")


def test_the_signing_held_at_a_named_meeting_gives_its_day_and_place_to_texts_signed_at_the_same_ceremony() -> None:
    text = ("Chile and Peru have signed a protocol amending their customs agreement. The signing took place on 23 "
            "June at the Pacific Ministerial Meeting in Geneva, Switzerland. A memorandum on veterinary checks between "
            "Chile and Peru was signed at the same ceremony.")
    check(text, "2026-06-24", [
        {"kind": "protocol", "signed": "2026-06-23", "place": "Geneva"},
        {"kind": "agreement", "signed": None},
        {"kind": "memorandum", "signed": "2026-06-23", "place": "Geneva"}], title="Chile and Peru sign protocol")


@pytest.mark.parametrize(("text", "expected"), [
    ("Chile launched free trade talks with India in May.",
     [{"name": "Free trade agreement with India", "parties": ["CL", "IN"], "status": "negotiating"}]),
    ("Ghana reviewed the state of its FTA negotiations with Peru and Chile.",
     [{"parties": ["GH", "PE"], "status": "negotiating"}, {"parties": ["CL", "GH"], "status": "negotiating"}]),
    ("Peru and Indonesia held the third round of free trade negotiations in Lima.",
     [{"name": "Free trade agreement between Indonesia and Peru", "status": "negotiating"}]),
])
def test_free_trade_talks_name_the_agreement_under_negotiation(text: str, expected: list[dict]) -> None:
    check(text, "2026-06-24", expected, title="Trade talks")


def test_parties_told_by_their_number_then_listed_and_one_said_not_to_be_party() -> None:
    """"Ministers from the five countries behind the X signed it … welcomed the ministers from A, B, C and D": the
    host and the four listed; "though Japan is not part of the deal" names no party; "added the final signature"
    is a signer's act, not words."""
    text = ("Ministers from the five countries behind the Pacific Seafood Agreement have signed the pact in Suva. "
            "Fiji's Trade Minister Ratu Seru was the first to sign, and Tonga's Trade Minister Sione Fifita added "
            "the final signature. Mr Seru welcomed the ministers from Tonga, Samoa, Vanuatu and Palau. Fiji already "
            "ships tuna to Japan, though Japan is not part of the deal.")
    check(text, "2026-09-17", [{"parties": ["FJ", "PW", "TO", "VU", "WS"], "place": "Suva",
                                "signatories": ["Ratu Seru", "Sione Fifita"]}], title="Seafood deal signed")


def test_a_partner_body_described_by_its_country_and_a_list_that_stops_before_the_place() -> None:
    """"… an MRA with the customs administration of Paraguay, and … Joint Work Plans with the customs administrations
    of Costa Rica and Panama, at the Summit in Asunción": Paraguay is the MRA's partner (not the plans'), and the
    city the signing took place in is no partner of a plan."""
    text = ("Mexico's National Customs Agency (ANAM) signed an AEO Mutual Recognition Arrangement (MRA) with the "
            "customs administration of Paraguay, and signed Joint Work Plans with the customs administrations of Costa "
            "Rica and Panama, at the Americas Trade Summit in Asunción earlier this month.")
    check(text, "2026-10-26", [
        {"kind": "arrangement", "parties": ["MX", "PY"], "place": "Asunción"},
        {"kind": "plan", "parties": ["CR", "MX"]},
        {"kind": "plan", "parties": ["MX", "PA"]}], title="New MRAs signed")


def test_one_signing_on_behalf_of_another_and_two_signers_of_one_body() -> None:
    """"X and Y signed the MoU on behalf of Z, president of …": Z did not sign; the two bodies of the first sentence
    are the party agencies even when both signers' titles name one of them."""
    text = ("Kuwait's Customs Affairs has signed a memorandum of understanding with Oman Customs on data exchange. "
            "Brigadier Salim Al Harthy, director general of Oman Customs, and Sheikha Dana Al Sabah, executive "
            "director of customs operations, signed the MoU on Tuesday on behalf of Fahad Al Mutairi, president of "
            "Customs Affairs.")
    check(text, "2026-02-11", [{"parties": ["KW", "OM"], "signatories": ["Salim Al Harthy", "Dana Al Sabah"],
                                "party_agencies": ["Customs Affairs of Kuwait", "Oman Customs"]}],
          title="Kuwait, Oman customs sign memorandum")


def test_talks_agreed_on_but_not_yet_opened_are_proposed_and_a_bilateral_text_binds_two() -> None:
    """"have agreed to open negotiations on a bilateral trade agreement": proposed (no round held), and binding the
    two countries of that sentence, not the members of a bloc both belong to, named later; "an MoU on launching FTA
    talks": the FTA is proposed too."""
    text = ("Ghana and Togo have agreed to open negotiations on a bilateral trade agreement, the ministry said. "
            "The deal will complement the work of ECOWAS, to which both countries belong.")
    check(text, "2026-03-12", [{"kind": "agreement", "parties": ["GH", "TG"], "status": "proposed"}],
          title="Ghana, Togo to negotiate trade pact")
    text = "China and Namibia signed an MoU on launching FTA talks in Windhoek on Tuesday."
    check(text, "2026-05-20", [{"kind": "memorandum", "status": "signed", "parties": ["CN", "NA"]},
                               {"kind": "agreement", "status": "proposed", "parties": ["CN", "NA"]}])


def test_a_text_named_with_an_earlier_year_is_the_older_one_it_replaces() -> None:
    """"It replaces the Chile-Peru Customs Agreement of 2008, which ceased to apply": an older text of its own (signed
    that year, terminated), not the new agreement just told in force."""
    text = ("The new Customs Agreement between Chile and Peru, signed in Lima on 3 May 2025, entered into force on "
            "April 1. It replaces the Chile-Peru Customs Agreement of 2008, which ceased to apply on the same day.")
    check(text, "2026-04-08", [
        {"parties": ["CL", "PE"], "signed": "2025-05-03", "status": "in_force"},
        {"parties": ["CL", "PE"], "signed": "2008", "status": "terminated"}])


def test_a_protocol_to_a_text_told_by_its_year_amends_that_text() -> None:
    """"a protocol to the 2021 memorandum on the exchange of manifests" after "the 2021 memorandum of understanding
    on mutual administrative assistance": the one memorandum of 2021, which the protocol amends."""
    text = ("Officials said joint patrols under the 2021 memorandum of understanding on mutual administrative "
            "assistance between Niger and Benin had been effective. The two sides agreed to draft a protocol to the "
            "2021 memorandum on the electronic exchange of cargo manifests.")
    check(text, "2026-06-03", [
        {"kind": "memorandum", "signed": "2021", "parties": ["BJ", "NE"]},
        {"kind": "protocol", "status": "proposed", "parties": ["BJ", "NE"],
         "amends": "memorandum of understanding on mutual administrative assistance between Niger and Benin"}])


def test_a_text_signed_in_the_news_told_takes_the_day_the_lead_tells() -> None:
    """"… announced on Wednesday …. The governments also signed an investment agreement": the day of the story's
    event, told in its lead, within the week before publication; an older text recalled gets no such day."""
    text = ("Chile and Oman announced on Wednesday the start of talks on a free trade agreement. The governments also "
            "signed a new Agreement for the Promotion and Protection of Investments. Recalling the air services "
            "agreement the two countries signed in 2015, the minister praised the ties.")
    check(text, "2026-11-20", [
        {"kind": "agreement", "signed": "2026-11-18", "status": "signed"},
        {"kind": "agreement", "signed": "2015"}])


def test_agreements_a_country_has_are_in_force() -> None:
    """"a country that already has free trade agreements with A and B": texts that hold today; "has no free trade
    agreement with" names none."""
    check("Armenia, a country that already has free trade agreements with Iran and Serbia, wants more.",
          "2026-06-10", [{"kind": "agreement", "parties": ["AM", "IR"], "status": "in_force"},
                         {"kind": "agreement", "parties": ["AM", "RS"], "status": "in_force"}])
    check("Mongolia has a free trade agreement with Japan.", "2026-06-10",
          [{"kind": "agreement", "parties": ["JP", "MN"], "status": "in_force"}])


def test_a_text_another_takes_the_place_of_is_terminated() -> None:
    """"the new text, which takes the place of the 2011 agreement": the older one ends."""
    text = ("Peru and Canada signed a new customs agreement on Monday. The new text, which takes the place of the "
            "2011 agreement, was signed by the two ministers.")
    check(text, "2026-06-10", [{"kind": "agreement", "status": "signed", "signed": "2026-06-08"},
                               {"kind": "agreement", "status": "terminated", "signed": "2011"}])


def test_instruments_of_ratification_deposited_ratify() -> None:
    """"deposited their instruments of ratification of the Protocol": ratified."""
    check("Malawi and Kenya on Thursday deposited their instruments of ratification of the Protocol on Investment "
          "with the Secretariat.", "2026-05-15", [{"kind": "protocol", "status": "ratified"}])


def test_a_speaker_s_aside_places_no_signing() -> None:
    """"Speaking at the signing, the envoy said … every day at Malaba": the signing's place is the one its own
    sentence told."""
    text = ("The memorandum, which was signed yesterday at KRA headquarters in Nairobi by the two commissioners, "
            "will guide cooperation. Speaking at the signing, the envoy said the memorandum puts on paper what the "
            "two neighbours already practise every day at Malaba.")
    check(text, "2026-03-05", [{"kind": "memorandum", "signed": "2026-03-04", "place": "Nairobi"}])


def test_texts_now_being_carried_out_are_in_force() -> None:
    """"an agreement …, which the two authorities are now implementing": in force."""
    check("Late last year, Kenya and Tanzania signed an agreement on joint border patrols, which the two authorities "
          "are now implementing.", "2026-03-05", [{"kind": "agreement", "status": "in_force", "signed": "2025"}])


def test_an_outlet_s_initials_before_the_lead_are_no_place() -> None:
    """"VCN - Vietnam and Laos signed …": the outlet's initials open the lead, not a city's name; a city does."""
    text = " - Vietnam and Laos signed a customs cooperation programme on Monday."
    check("VCN" + text, "2026-12-10", [{"kind": "plan", "signed": "2026-12-07", "place": None}])
    check("PAKSE" + text, "2026-12-10", [{"kind": "plan", "signed": "2026-12-07", "place": "Pakse"}])


def test_the_subject_of_a_text_s_title_is_no_company_nor_place() -> None:
    """"the Protocol on Trade in Fresh Cut Flowers and Processed Foods": the title's words name goods, not firms, and
    "in Fresh …" is no city."""
    text = ("The ministers of agriculture of Kenya and Uganda signed the Protocol on Trade in Fresh Cut Flowers and "
            "Processed Foods on Thursday.")
    facts = extract(Document(path=Path("case.txt"), text=text, published="2026-08-21", publisher="The Daily Ledger"))
    assert [a.name for a in facts.agencies] == [], facts.agencies
    check(text, "2026-08-21", [{"kind": "protocol", "parties": ["KE", "UG"], "signed": "2026-08-20", "place": None}])


def test_a_visit_s_day_is_no_signing_day() -> None:
    """"the guest, who arrived on Tuesday for a two-day visit, attended the signing": the day of the arrival, not
    of the signing the lead dates."""
    text = ("Oman and Kenya on Wednesday signed six agreements in Muscat. The Kenyan president, who arrived on Tuesday "
            "for a two-day visit, attended the signing of the agreements. Among them was an agreement on customs "
            "cooperation, signed by the two customs chiefs.")
    check(text, "2026-01-15", [{"kind": "agreement", "signed": "2026-01-14", "place": "Muscat"}])


def test_talks_or_a_signature_wished_for_are_proposed() -> None:
    """"a transit agreement that Kabul wants to negotiate", "ready to sign a memorandum": proposed, not under
    negotiation nor signed."""
    check("The minister raised a transit agreement that Nepal wants to negotiate with India and Bangladesh.",
          "2026-09-22", [{"kind": "agreement", "status": "proposed", "parties": ["BD", "IN", "NP"]}])
    check("Senegal's customs chief said his administration was ready to sign a memorandum on transit data with "
          "The Gambia.", "2026-12-10", [{"kind": "memorandum", "status": "proposed"}])


def test_a_text_between_two_bodies_of_blocs_binds_no_member_state() -> None:
    """"an MoU between the Commission of the Economic Community of West African States and the African Export-Import
    Bank": both bodies international (a bloc's, a continent's), so no member state is a party."""
    text = ("Abuja, 20 April 2026. The President of the Commission of the Economic Community of West African States "
            "(ECOWAS) signed a Memorandum of Understanding between ECOWAS and the Commission of the West African "
            "Economic and Monetary Union (WAEMU) on customs valuation.")
    check(text, "2026-04-22", [{"kind": "memorandum", "parties": []}])


def test_a_text_that_work_goes_on_under_or_that_is_implemented_applies() -> None:
    """"operations under the customs cooperation agreement that Jordan and Syria signed in 2022", "the MoU … signed in
    2019, which he said gives us the legal basis to act", "the implementation of the AfCFTA Agreement": in force; but a
    memorandum "under" which the sides "aim to" act sets out plans."""
    check("The director briefed the guests on the centre's operations under the customs cooperation agreement that "
          "Jordan and Syria signed in Damascus in 2022.", "2026-09-02", [{"status": "in_force", "signed": "2022"}])
    check("He cited the memorandum of understanding on customs cooperation that Chile and Peru signed in 2019, which "
          "he said gives us the legal basis to act quickly.", "2026-03-11",
          [{"kind": "memorandum", "status": "in_force"}])
    check("Under a memorandum of understanding that Chile and Peru signed in Lima in July 2025, the two sides aim to "
          "double the capacity of the border crossing.", "2026-03-11", [{"kind": "memorandum", "status": "signed"}])
    check("The working group will exchange information on the implementation of the Tripartite Free Trade Agreement.",
          "2026-06-09", [{"name": "Tripartite Free Trade Agreement", "status": "in_force"}])


def test_two_members_of_a_bloc_named_each_on_its_own_are_two_sides() -> None:
    """In a story of a bloc's members signing bilateral texts, "Ghana and Togo signed an MOU" binds those two, not a
    country of the sentence after; "In May, Senegal and …" names no place; "the two had already signed" are the two
    the sentence before names."""
    text = ("ECOWAS member states keep signing bilateral memoranda of understanding with each other. In May, Ghana "
            "and Togo signed an MOU to tackle trade barriers between them. The two had already signed an MOU on "
            "fisheries in 2021. Also in May, Senegal and Mali signed an MOU covering cooperation in five areas. In "
            "July, Benin and Niger agreed to extend their road transit arrangement.")
    check(text, "2024-08-02", [
        {"kind": "memorandum", "name_has": ["trade barriers"], "parties": ["GH", "TG"]},
        {"kind": "memorandum", "name_has": ["fisheries"], "parties": ["GH", "TG"], "signed": "2021"},
        {"kind": "memorandum", "name_has": ["five areas"], "parties": ["ML", "SN"]},
        {"kind": "arrangement", "parties": ["BJ", "NE"]},
    ])


def test_a_capitalised_accord_in_running_text_is_named() -> None:
    """"their Kigoma Accord", "the Andean Pact": a proper name in running text introduces an instrument; a title-case
    heading's "Trade Pact" does not."""
    check("In July, Benin and Niger signed a revised version of their Kigoma Accord.", "2024-08-02",
          [{"name_has": ["Kigoma Accord"], "kind": "agreement", "parties": ["BJ", "NE"]}])
    check("Kenya And Uganda Sign Trade Pact", "2024-08-02", [])


def test_talks_concluded_are_no_signing_and_a_signing_planned_after_them_keeps_them_negotiating() -> None:
    """"concluded their negotiation on the … Agreement … and plan to sign it in September": the talks ended, nothing
    signed; a text concluded outright is signed."""
    check("Trade ministers of Fiji, Tonga and Samoa on 4 May concluded their negotiation on the Polynesian Trade "
          "Agreement. They plan to sign the agreement at a ceremony in Apia in August.", "2026-05-12",
          [{"kind": "agreement", "status": "negotiating", "signed": None}])
    check("Fiji and Tonga concluded a memorandum of understanding on customs data in Suva on 4 May.", "2026-05-12",
          [{"kind": "memorandum", "status": "signed"}])


def test_an_older_text_a_new_one_develops_applies() -> None:
    """"the memorandum, which develops the Agreement … signed in 2019": the older text is in force."""
    check("The heads of the delegations signed in Hanoi a Memorandum on the exchange of customs data, which develops "
          "the Agreement between Vietnam and Kazakhstan on mutual assistance in customs matters signed in 2018.",
          "2026-10-16", [{"kind": "memorandum", "status": "signed"},
                         {"kind": "agreement", "status": "in_force", "signed": "2018"}])


def test_a_headline_ratification_or_entry_into_force_sets_the_one_texts_status() -> None:
    """"Parliament Ratifies Ghana-Togo Customs Agreement" over a body that tells the signing: ratified; "set to
    ratify" and "rejects ratification" tell nothing done."""
    body = ("Parliament on Thursday considered the Agreement between Ghana and Togo on Mutual Administrative "
            "Assistance in Customs Matters. The agreement was signed in Lome in November 2025.")
    check(body, "2026-07-03", [{"kind": "agreement", "status": "ratified"}],
          title="Parliament Ratifies Ghana-Togo Customs Agreement")
    check(body, "2026-07-03", [{"kind": "agreement", "status": "signed"}],
          title="Parliament set to ratify Ghana-Togo customs agreement")
    check(body, "2026-07-03", [{"kind": "agreement", "status": "signed"}],
          title="Committee rejects ratification of Ghana-Togo customs agreement")


def test_a_signing_that_ended_a_meeting_takes_the_meetings_day_and_place() -> None:
    got = agreements("Chad's customs chief met the head of Niger's customs service for talks in Niamey on 14 May. "
                     "The meeting ended with the two heads signing a Customs Mutual Assistance Agreement between "
                     "the two services, the ministry said.")
    told = [(a.get("signed"), a.get("place"), a.get("status")) for a in got]
    assert told == [("2024-05-14", "Niamey", "signed")], got


@pytest.mark.parametrize("after", [
    # what it is to do once in effect, and what it gives, told of a text signed this week: still signed
    "After it takes effect, the agreement will let the two services exchange evidence.",
    "\u201cThis agreement gives our officers a legal basis to exchange information,\u201d the chief said.",
])
def test_what_a_text_signed_this_week_will_do_is_no_entry_into_force(after: str) -> None:
    got = agreements("Chad and Niger signed a customs mutual assistance agreement in Niamey on Tuesday. " + after)
    assert [a.get("status") for a in got] == ["signed"], got


def test_an_older_text_that_gives_a_legal_basis_applies() -> None:
    got = agreements("Chad and Niger signed a customs mutual assistance agreement in 2019. The agreement gives "
                     "officers a legal basis to exchange information.")
    assert [a.get("status") for a in got] == ["in_force"], got


def test_signing_as_a_purpose_is_no_signature() -> None:
    got = agreements("The fifth round of China-Panama free trade agreement negotiations was held in Panama City "
                     "this week. To negotiate and sign the free trade agreement helps both economies.")
    assert [a.get("status") for a in got] == ["negotiating"], got


def test_the_governments_in_a_texts_title_are_no_agencies() -> None:
    facts = extract(Document(path=Path("case.txt"), published=PUBLISHED, title=None, publisher="The Daily Ledger",
                             text="The President signed the Law on Ratification of the Agreement between the "
                                  "Government of the Republic of Lorvania and the Government of the Kyrgyz Republic "
                                  "on the Exchange of Advance Information. The Government of Kenya welcomed it."))
    assert [a.name for a in facts.agencies] == ["Government of Kenya"], facts.agencies


def test_a_law_on_ratification_in_the_headline_ratifies_the_one_text() -> None:
    got = agreements("The Agreement between Lorvania and Sildavia on customs cooperation was concluded in Klow on "
                     "November 12, 2025.", "2026-10-14",
                     title="Law on ratification of Lorvanian-Sildavian agreement on customs cooperation")
    assert [a.get("status") for a in got] == ["ratified"], got


def test_a_quoted_subject_names_the_agreement_and_a_city_of_signing_is_no_part_of_it() -> None:
    # 'an agreement on "…"': the quoted subject is the designation's; "in the border city of X" is where, and "the
    # Turkish city of Izmir" names no party
    got = agreements('Guatemala and Honduras signed an agreement on "mutual assistance in customs matters" in the '
                     "border city of Corinto on 13 April.")
    assert [(a["name"], a.get("place"), a["parties"]) for a in got] == [
        ("Agreement on mutual assistance in customs matters", "Corinto", ["GT", "HN"])], got
    got = agreements("Guatemala and Honduras signed an agreement on transit in the Turkish city of Izmir on 13 April.")
    assert [(a["name"], a.get("place"), a["parties"]) for a in got] == [
        ("Agreement on transit", "Izmir", ["GT", "HN"])], got


def test_the_countries_a_sentence_counts_are_the_articles_principal_ones() -> None:
    # "the four directors general signed a protocol", "the agreement the four countries concluded in 2019": as many
    # of the article's principal countries as the sentence counts, not the first two
    got = agreements("Mr. Idrissa Maiga, Director General of Niger Customs, welcomed his counterparts of Mali "
                     "Customs, Chad Customs and Senegal Customs in Niamey. Niger, Mali, Chad and Senegal trade "
                     "mostly by road. The four directors general signed a protocol on the exchange of transit data. "
                     "It complements the agreement on mutual assistance in customs matters that the four countries "
                     "concluded in Bamako in 2019.")
    members = ["ML", "NE", "SN", "TD"]
    assert sorted((a["kind"], tuple(a["parties"])) for a in got) == [
        ("agreement", tuple(members)), ("protocol", tuple(members))], got


def test_an_agreement_named_after_a_place_takes_no_parties_into_its_name() -> None:
    # "the Kalmar Agreement": a name of its own, not "Kalmar Agreement between A and B"
    got = agreements("The customs services of Latvia and Estonia signed the Kalmar Agreement in Riga on Monday.")
    assert [a["name"] for a in got] == ["Kalmar Agreement"], got


def test_a_counted_signings_texts_listed_by_topic_in_a_sentence_are_one_instrument_each() -> None:
    # "… signed three documents on Monday. The documents cover A, B, a programme and an MoU on D": each item is a text
    # signed then (an item with a kind noun of its own is that kind), dated and placed by the counted signing
    got = agreements("Ghana and Togo signed four documents on Monday in Accra. The documents cover visa exemption "
                     "for holders of diplomatic passports, mutual assistance in customs matters, a cultural exchange "
                     "programme for 2026-2028 and an MoU on cooperation in fisheries.")
    assert sorted((a["kind"], a["name"], a.get("signed"), a.get("place")) for a in got) == [
        ("agreement", "Agreement on mutual assistance in customs matters", "2024-05-13", "Accra"),
        ("agreement", "Agreement on visa exemption for holders of diplomatic passports", "2024-05-13", "Accra"),
        ("memorandum", "MoU on cooperation in fisheries", "2024-05-13", "Accra"),
        ("plan", "Cultural exchange programme for 2026-2028", "2024-05-13", "Accra")], got
    assert all(a["parties"] == ["GH", "TG"] for a in got), got


def test_fields_of_cooperation_the_other_documents_cover_are_no_instruments() -> None:
    # "The other documents cover energy, health, education and culture": fields, no text named
    got = agreements("Ghana and Togo signed six documents on Monday in Accra, among them a protocol on transit. "
                     "The other documents cover energy, health, education and culture.")
    assert [a["kind"] for a in got] == ["protocol"], got


def test_the_last_of_the_subjects_is_no_partner_of_another_talk() -> None:
    # "A, B, C and D … a possible trade agreement with Japan": "and D" closes the subjects, it is no other partner
    got = agreements("Argentina, Brazil, Paraguay and Uruguay would use next week's meeting to examine a possible "
                     "trade agreement with Japan.")
    assert [a["parties"] for a in got] == [["AR", "BR", "JP", "PY", "UY"]], got


def test_an_agreement_that_has_brought_effects_is_in_force() -> None:
    # "… have brought down the price of fruit": what it has done already says it applies
    got = agreements("Lorvania's free trade agreements with Chile and Peru have brought down the price of premium "
                     "fruit.")
    assert [a.get("status") for a in got] == ["in_force", "in_force"], got


@pytest.mark.parametrize("text", [
    "Ghana and Togo agreed to set up a working group to prepare a separate protocol on the exchange of customs data.",
    "Ghana and Togo set up a technical committee to work on a transit trade agreement.",
])
def test_a_text_still_to_be_written_is_proposed(text: str) -> None:
    assert [a.get("status") for a in agreements(text)] == ["proposed"], agreements(text)


def test_an_agreement_that_now_lets_goods_move_is_in_force() -> None:
    got = agreements("He said the transit agreement signed by Ghana and Togo in Lomé in 2023 now lets cargo move "
                     "without obstruction.")
    assert [(a.get("status"), a.get("signed")) for a in got] == [("in_force", "2023")], got


def test_a_regional_bodys_plan_and_draft_bind_its_members() -> None:
    # a bloc defined with its abbreviation ("the Indian Ocean Commission (IOC)") stands for its members wherever the
    # article writes the abbreviation; a plan adopted and a draft asked for by its bodies bind the members; the name
    # ends before the next clause's verb ("… for 2027-2028 and asked the …"); "the Indian Ocean" is a sea, no India
    text = ("Smuggling is rising across the south-west Indian Ocean. The Indian Ocean Commission (IOC) Customs "
            "Committee met in Victoria on Friday. Before closing, the committee adopted its work plan for "
            "2027-2028 and asked the IOC Secretariat to prepare a draft regional memorandum of understanding on "
            "the exchange of customs information.")
    got = check(text, "2026-10-14", [
        {"kind": "plan", "name_lacks": ["asked"], "parties": ["FR", "KM", "MG", "MU", "SC"]},
        {"kind": "memorandum", "status": "proposed", "parties": ["FR", "KM", "MG", "MU", "SC"]},
    ])
    assert all("IN" not in a["parties"] for a in got), got


def test_a_body_named_by_the_initials_of_an_arrangement_is_no_arrangement() -> None:
    # "the MRA" is the Mauritius Revenue Authority of the article, not a mutual recognition arrangement
    check("The Mauritius Revenue Authority signed a memorandum of understanding with the Seychelles Revenue "
          "Commission on Monday. How the MRA will share data with the Seychelles was also discussed.", PUBLISHED,
          [{"kind": "memorandum", "parties": ["MU", "SC"]}])


def test_a_second_memorandum_is_the_one_its_heading_named() -> None:
    # a newsletter's item heading names the memorandum ("MoU between the MRA and Island Bottlers Ltd"); "A second
    # MoU was signed …" under it is that one, not the first MoU of the article; an authority and a company of one
    # country bind that country alone
    text = ("1. MoU with the Seychelles Revenue Commission\n\nOn 9 June 2026 the Mauritius Revenue Authority (MRA) and "
            "the Seychelles Revenue Commission signed a Memorandum of Understanding (MoU) on customs co-operation."
            "\n\n2. MoU between the MRA and Island Bottlers Ltd\n\nA second MoU was signed on 16 June 2026 between "
            "the MRA and the Mauritian bottler Island Bottlers Ltd, represented by its Managing Director, Mrs Priya "
            "Ramdin.")
    check(text, "2026-06-30", [
        {"kind": "memorandum", "parties": ["MU", "SC"], "signed": "2026-06-09"},
        {"kind": "memorandum", "parties": ["MU"], "signed": "2026-06-16", "signatories": ["Priya Ramdin"]},
    ])


def test_both_documents_and_a_ratification_together_with_another() -> None:
    # "ratified the agreement on X, together with the Protocol amending Y": both are ratified; "Both documents were
    # signed in Tbilisi on …" dates and places the two named in their own right (not the older one the protocol
    # amends, which "the agreement" does not mean either)
    text = ("The parliament of Georgia on June 25 ratified the agreement between Georgia and Armenia on the exchange "
            "of customs information, together with the Protocol amending the 1997 agreement on mutual assistance in "
            "customs matters. The draft laws on ratification of the agreement were submitted on June 4. Both "
            "documents were signed in Tbilisi on 14 November 2025 by the heads of the two customs services.")
    check(text, "2026-06-26", [
        {"kind": "agreement", "name_has": ["exchange of customs information"], "status": "ratified",
         "signed": "2025-11-14", "place": "Tbilisi"},
        {"kind": "protocol", "status": "ratified", "signed": "2025-11-14", "place": "Tbilisi"},
        {"kind": "agreement", "name_has": ["mutual assistance"], "signed": "1997", "place": None},
    ])


def test_signed_at_a_capital() -> None:
    # "signed … at Quito": the place after "at" when it is a city (not "at the Custom House")
    check("On 14th July, Ghana and Ecuador signed the Agreement on Cooperation and Mutual Assistance in Customs "
          "Matters at Quito.", "2024-07-20", [{"kind": "agreement", "place": "Quito", "signed": "2024-07-14"}])


def test_an_agreement_operational_and_named_in_full_by_the_headline() -> None:
    # "… is operational with effect from 1 March": in force; the body's short "the Preferential Trade Agreement" is
    # the headline's fuller designation
    check("Mauritius and Indonesia have each completed their domestic procedures, so that the Preferential Trade "
          "Agreement (PTA) is operational with effect from 1 March 2026. The PTA was signed in Jakarta on 18 "
          "September 2025.", "2026-03-02",
          [{"name": "Mauritius-Indonesia Preferential Trade Agreement", "status": "in_force", "signed": "2025-09-18",
            "parties": ["ID", "MU"]}], title="Mauritius-Indonesia Preferential Trade Agreement now in operation")


def test_a_convention_centre_is_a_venue_not_an_instrument() -> None:
    assert agreements("The meeting of the two revenue services, at the Port Alder International Convention Centre "
                      "from 3 to 5 November 2026, drew heads of customs from Botswana and Namibia.") == []


def test_a_similar_deal_between_another_pair_is_an_instrument_of_its_own() -> None:
    found = agreements("Fiji and Samoa on Thursday concluded the last round of negotiations on a bilateral free trade "
                       "agreement. Fiji and Tonga are also in talks on a similar deal.")
    assert sorted((a["parties"], a.get("status")) for a in found) == [(["FJ", "TO"], "negotiating"),
                                                                      (["FJ", "WS"], "negotiating")]


def test_the_owners_ordinal_in_a_predicate_names_no_new_instrument() -> None:
    found = agreements("Fiji and Samoa on Thursday concluded negotiations on a bilateral free trade agreement. The "
                       "agreement with Samoa would be Fiji's second bilateral free trade pact.")
    assert [a["parties"] for a in found] == [["FJ", "WS"]]


@pytest.mark.parametrize(("text", "status"), [
    # a text named as the frame trade or work goes on in, with no step told of it, applies
    ("Samoa already trades with Tonga and Fiji under the Polynesian Trade Agreement (PTA).", "in_force"),
    ("Coordinate the application of customs legislation in line with the Andean Customs Agreement.", "in_force"),
    # … not one still pending
    ("Samoa hopes to trade with Tonga under the Polynesian Trade Agreement once it is ratified.", None),
])
def test_a_text_named_as_the_frame_of_trade_applies(text: str, status: str | None) -> None:
    got = agreements(text, "2026-05-20")
    assert [a.get("status") for a in got] == [status], got


@pytest.mark.parametrize(("text", "status"), [
    # texts being finished are under negotiation
    ("Samoa and Tonga are now finalising a customs cooperation arrangement that will address illicit trade.",
     "negotiating"),
    ("Each side said the text of the agreement on customs cooperation between the two governments is now ready for "
     "signing.", "negotiating"),
    # texts still to be written or signed are proposed
    ("The two sides agreed to start work towards a mutual recognition arrangement for their AEO programmes.",
     "proposed"),
    ("Samoa and Tonga are to sign a memorandum of understanding on the exchange of cargo data in May.", "proposed"),
    ("The two agencies agreed in July to draft a memorandum of understanding on joint patrols, which should be ready "
     "for signature next year.", "proposed"),
])
def test_a_text_being_finished_or_still_to_be_written(text: str, status: str) -> None:
    got = agreements(text, "2026-05-20")
    assert [a.get("status") for a in got] == [status], got


@pytest.mark.parametrize("text", [
    "The joint border post was built under the 2018 agreement between Togo and Benin.",
    "Tariff cuts under the Samoa-Tonga Free Trade Agreement are showing up in our numbers.",
    "Both sides agreed to review the 2013 memorandum of understanding on customs cooperation between Togo and Benin.",
])
def test_a_text_of_an_earlier_year_or_one_work_goes_on_under_applies(text: str) -> None:
    got = agreements(text, "2026-05-20")
    assert [a.get("status") for a in got] == ["in_force"], got

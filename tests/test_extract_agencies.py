"""Agencies by phrasing class: invented snippets → the organisations an article names as acting.

Every snippet is invented; each table is one way news names (or seems to name) an organisation.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.extract import extract
from kb.extract.countries import named_in_publisher
from kb.readers.document import Document


def run(text: str, title: str | None = None, publisher: str = "The Daily Ledger"):
    return extract(Document(path=Path("case.txt"), text=text, published="2024-05-17", title=title,
                            publisher=publisher))


def agencies(facts) -> list[dict]:
    return [a.model_dump() for a in facts.agencies]


def named(facts, name: str) -> dict | None:
    for a in agencies(facts):
        if name.casefold() in (a["name"].casefold(), *(x.casefold() for x in a["also"])):
            return a
    return None


def check(text: str, name: str, expected: dict, title: str | None = None) -> None:
    facts = run(text, title=title)
    hit = named(facts, name)
    assert hit is not None, agencies(facts)
    for key, value in expected.items():
        assert hit[key] == value, (key, hit)


# ---------------------------------------------------------------- bodies named by description

DESCRIPTOR_CASES = [
    ("Tanzania's revenue body said clearance times had halved.",
     "Tanzania Revenue Authority", {"country": "TZ", "kind": "customs"}),
    ("The Kenyan revenue agency announced new scanners at Malaba.",
     "Kenya Revenue Authority", {"country": "KE", "kind": "customs"}),
    ("Exports from Namibia rose in May. The country's customs authority said checks were eased.",
     "Namibia Revenue Agency", {"country": "NA", "kind": "customs"}),
    ("Oman signed the accord on Monday, and the sultanate's customs said it would apply it at once.",
     None, {"country": "OM", "kind": "customs"}),
]


@pytest.mark.parametrize("text,name,expected", DESCRIPTOR_CASES)
def test_bodies_named_by_description(text: str, name: str | None, expected: dict) -> None:
    facts = run(text)
    if name is None:
        hit = next((a for a in agencies(facts) if a["kind"] == expected["kind"]), None)
    else:
        hit = next((a for a in agencies(facts) if a["country"] == expected["country"]
                    and a["kind"] == expected["kind"]), None)
    assert hit is not None, agencies(facts)
    assert (hit["country"], hit["kind"]) == (expected["country"], expected["kind"])


def test_a_country_descriptor_that_does_not_act_is_no_agency() -> None:
    facts = run("The ministry, which oversees the country's customs administration, met Chinese buyers.",
                title="Peru expands grape sales")
    assert not [a for a in agencies(facts) if a["kind"] == "customs"], agencies(facts)


def test_a_name_never_runs_over_a_blank_line() -> None:
    # a country alone as a sub-heading, then the body its paragraph names: the body, not the heading
    facts = run("Here is where ratification stands:\n\nGhana\n\nThe National Assembly will debate the treaty in "
                "March, and officials in Accra expect approval.")
    assert named(facts, "National Assembly") is not None, agencies(facts)
    assert named(facts, "Ghana") is None, agencies(facts)


@pytest.mark.parametrize("text,name", [
    ("The bill now goes to the Chamber of Deputies, which must approve it.", "Chamber of Deputies"),
    ("The implementing bill will be tabled in the House of Commons before Christmas.", "House of Commons"),
    ("Manila will submit the treaty to the House of Representatives next year.", "House of Representatives"),
    ("The pact must still be approved by Peru's National Congress before it can take effect.", "National Congress"),
])
def test_a_legislature_that_approves_is_a_state_body(text: str, name: str) -> None:
    found = named(run(text), name)
    assert found is not None and found["kind"] == "state_body", found


def test_a_posts_remit_before_its_body_is_no_agency() -> None:
    # "Commissioner for Customs and Border Control at the GRA": the post's remit, held at the body named after it
    facts = run("Officials of the Togo Revenue Office (OTR) and the Ghana Revenue Authority (GRA) met in Lomé. "
                "Ama Mensah, Commissioner for Customs and Border Control at the GRA, said both sides must cooperate.")
    official = next(o for o in facts.officials if o.name == "Ama Mensah")
    assert official.agency == "Ghana Revenue Authority" and official.country == "GH", facts.officials
    assert not any("Customs and Border" in x for a in agencies(facts) for x in [a["name"], *a["also"]]), agencies(facts)


def test_closing_credit_lines_name_no_agency() -> None:
    # the sign-off's writer and the wire's own name on the last lines are credits, not bodies acting in the story
    facts = run("Thailand shipped 40,000 tonnes of mangoes to Japan in May, the Department of Foreign Trade said.\n\n"
                "Full story: NNT\n\nReporter: Malee Chaiya,\nRewriter: Tom Hale\nNational News Bureau of Thailand")
    names = [a["name"] for a in agencies(facts)]
    assert names == ["Department of Foreign Trade"], names


def test_a_bloc_before_its_own_post_is_an_agency() -> None:
    # "CARICOM Secretary-General X", "Mercosur President X": the bloc itself acts, through its post
    facts = run("CARICOM Secretary-General Amara Lewis said the secretariat would review the protocol.")
    found = named(facts, "CARICOM")
    assert found is not None and found["kind"] == "international" and found["country"] is None, agencies(facts)
    official = next(o for o in facts.officials if o.name == "Amara Lewis")
    assert official.agency == found["name"]


# ---------------------------------------------------------------- abbreviations before a title

ABBREVIATION_CASES = [
    ("In Lagos, NAFDAC Director-General Ada Obi said Nigeria would test every cargo.",
     "NAFDAC", {"country": "NG"}),
    ("KEPHIS Managing Director Joseph Kariuki told Kenyan growers the rules had changed.",
     "KEPHIS", {"country": "KE"}),
    ("SENASA President Diana Flores said Peru had opened three new markets.",
     "SENASA", {"country": "PE"}),
    # a lower-case post after an abbreviation the article defines: the defined name, whatever its words
    ("Argentina's Wine Innovation Network (WIN) backs exporters. WIN chief executive Laura Paz said Chinese "
     "importers were cautious.", "Wine Innovation Network", {"country": "AR"}),
]


def test_an_abbreviation_in_apposition_is_the_body_named_before() -> None:
    # "according to the National Seed Institute, NSI." then "NSI president X": one body, and X works there
    facts = run("Paraguay exported 1.2 million tonnes of soy, according to the National Seed Institute, NSI. "
                "NSI president Rosa Benitez said Brazil bought the most.")
    assert [a["name"] for a in agencies(facts) if "NSI" in [a["name"], *a["also"]]] == ["National Seed Institute"]
    person = next(o for o in facts.officials if o.name == "Rosa Benitez")
    assert person.agency == "National Seed Institute" and person.country == "PY"


@pytest.mark.parametrize("text,name,title", [
    ("CBX chief executive Ben Moss said the cargo was 55,000 tonnes.", "CBX", "chief executive"),
    ("Tradewell chief executive Mr Anele Dube said the deal would help exporters.", "Tradewell", "chief executive"),
    ("VOLTA Managing Director Kofi Mensah told journalists imports would fall.", "VOLTA", "managing director"),
    ("Harvestco grain manager Tim Rowe said buyers were holding back.", "Harvestco", "manager"),
])
def test_a_name_before_a_post_and_its_holder_is_the_employer(text: str, name: str, title: str) -> None:
    facts = run(text)
    assert [a["kind"] for a in agencies(facts) if a["name"] == name] == ["company"]
    person = next(o for o in facts.officials)
    assert person.agency == name and title in person.title


@pytest.mark.parametrize("text", [
    "Former chief executive Ben Moss said the cargo was 55,000 tonnes.",
    "Zambian trade minister Chipo Banda said exports rose.",
    "On Monday chief executive Ben Moss said the cargo was late.",
    "CBX chief executive said the cargo was 55,000 tonnes.",  # no holder named: a post, not an employer
])
def test_no_employer_without_a_name_and_a_holder(text: str) -> None:
    names = [a["name"] for a in agencies(run(text))]
    assert not [n for n in names if n.split()[0] in ("Former", "Zambian", "On", "Monday", "CBX")], names


@pytest.mark.parametrize("text,name,expected", ABBREVIATION_CASES)
def test_an_abbreviation_before_a_title_is_an_agency(text: str, name: str, expected: dict) -> None:
    check(text, name, expected)


@pytest.mark.parametrize("text", [
    "EU Trade Commissioner Lars Holm met exporters.",
    "UK Prime Minister Tom Reed visited the port.",
    "CEO Director Anna Berg spoke.",
])
def test_countries_blocs_and_titles_before_a_title_are_no_abbreviated_agency(text: str) -> None:
    facts = run(text)
    assert not [a for a in agencies(facts) if a["name"] in ("EU", "UK", "CEO")], agencies(facts)


# ---------------------------------------------------------------- companies without a legal suffix

COMPANY_CASES = [
    ("Acme Ceramics shipped 40 containers of floor tiles to Cameroon in March.",
     "Acme Ceramics", {"kind": "company"}),
    ("The cargo was sold by Bolt Grain, which loaded it at Port Lincoln, Australia.",
     "Bolt Grain", {"kind": "company"}),
    ("Zenith Group said its Chilean orchards would double output.",
     "Zenith Group", {"kind": "company"}),
    ("Norvik, a Swedish timber exporter, shipped 12,000 cubic metres to Egypt.",
     "Norvik", {"kind": "company", "country": "SE"}),
    ("Camberra, Peru's largest blueberry exporter, expects a record season.",
     "Camberra", {"kind": "company", "country": "PE"}),
    ("Kestrel Agro, a Ugandan coffee trader, sent its first lot to Algeria.",
     "Kestrel Agro", {"kind": "company", "country": "UG"}),
    ("Last year FertiNova exported 1.2 million tonnes of urea to Brazil.",
     "FertiNova", {"kind": "company"}),
    ("Salt River Oil Palm Plantation supplies crude palm oil to Togo.",
     "Salt River Oil Palm Plantation", {"kind": "company"}),
    ("The first cargo was bought by Lumen Foods, a Ghanaian importer.",
     "Lumen Foods", {"kind": "company", "country": "GH"}),
    ("The oats were sold by Finnish Oat Traders, which had never shipped to Chile before.",
     "Finnish Oat Traders", {"kind": "company"}),
    ("China's Lanxi Mining exported 30,000 tonnes of zinc concentrate to Peru.",
     "Lanxi Mining", {"kind": "company", "country": "CN"}),
    ("Mekong Valley Agro Co., Ltd signed a supply contract with buyers in Guangxi, China.",
     "Mekong Valley Agro Co., Ltd", {"kind": "company"}),
]


@pytest.mark.parametrize("text,name,expected", COMPANY_CASES)
def test_companies_without_a_legal_suffix(text: str, name: str, expected: dict) -> None:
    check(text, name, expected)


def test_a_country_named_before_a_body_ties_it_more_than_one_after() -> None:
    facts = run("Chilean growers welcomed the move, and the National Fruit Council said Chinese buyers were back.",
                title="China reopens to fruit")
    assert named(facts, "National Fruit Council")["country"] == "CL", agencies(facts)


def test_a_partner_named_after_a_body_is_not_its_country() -> None:
    facts = run("Malaysia's bird's nest exports rose 12% in 2023. The Department of Veterinary Services said it had "
                "registered 62 premises, and that China's customs would audit 15 more.",
                title="Malaysia bird's nest exports rise")
    assert named(facts, "Department of Veterinary Services")["country"] == "MY", agencies(facts)


def test_a_body_serving_a_country_has_that_country() -> None:
    facts = run("Trade rose, according to the British Chamber of Commerce for Peru (BritCham Peru). "
                "Ana Vidal, director of BritCham Peru, said demand was strong.")
    hit = named(facts, "British Chamber of Commerce for Peru")
    assert hit is not None and hit["country"] == "PE" and "BritCham Peru" in hit["also"], agencies(facts)
    assert facts.officials[0].agency == "British Chamber of Commerce for Peru"


def test_a_national_office_named_after_a_bloc_is_national() -> None:
    facts = run("Ghana's National AfCFTA Coordination Office said 12 firms had registered.")
    assert named(facts, "National AfCFTA Coordination Office")["kind"] != "international", agencies(facts)


def test_a_state_news_agency_credited_as_the_source_is_no_agency() -> None:
    # "Source: National Information Agency of X" closing the story: the news agency that carried it
    facts = run("Khatlon farmers shipped 40 tons of lemons to Kazakhstan on Monday.\n\n"
                "Source: National Information Agency of Tajikistan (Khovar)")
    assert agencies(facts) == [], agencies(facts)


def test_districts_listed_as_exporters_are_places() -> None:
    # "the districts of Isfara, Kanibadam and Bobojon Gafurov have exported": places, not firms
    facts = run("So far, the districts of Vahdat, Rasht and Nurobod Jamoat have exported 118 tons of fruit.")
    assert agencies(facts) == [], agencies(facts)


def test_two_customs_joined_by_and_are_two_bodies() -> None:
    # "between Vietnam Customs and Lao Customs": the second opens with its country's adjective
    facts = run("The plan between Cambodia Customs and Thai Customs was renewed on Monday.")
    assert sorted((a["name"], a["country"]) for a in agencies(facts)) == [
        ("Cambodia Customs", "KH"), ("Thai Customs", "TH")], agencies(facts)


def test_an_employer_told_by_its_owner_is_the_owner() -> None:
    # "of IOC's Nepal office": the post is at the owner, not at "IOC's Nepal"
    facts = run("Oil supplies are secure, said Ravi Mehta, executive director of Korvex's Nepal office.")
    assert [a["name"] for a in agencies(facts)] == ["Korvex"], agencies(facts)


def test_an_abbreviation_the_text_spells_out_is_no_new_employer() -> None:
    # "the TDC's secretary general" after "the Tasman Development Council (TDC)": the council, told by its initials
    facts = run("Ministers met at the Tasman Development Council (TDC) summit. The TDC's secretary general, "
                "Mara Lind, opened it.")
    assert [a["name"] for a in agencies(facts)] == ["Tasman Development Council"], agencies(facts)
    assert facts.officials[0].agency == "Tasman Development Council"


@pytest.mark.parametrize("text", [
    "Exports of coffee rose, the Andean Chamber of Coffee Exporters (CACEX, for its acronym in Spanish) said. "
    "Ana Rios, executive director of CACEX, expects more.",
    "Exports of coffee rose, the Andean Chamber of Coffee Exporters (CACEX, by its Spanish initials) said. "
    "Ana Rios, executive director of CACEX, expects more.",
])
def test_an_abbreviation_given_with_its_language(text: str) -> None:
    facts = run(text)
    hit = named(facts, "CACEX")
    assert hit is not None and hit["name"] == "Andean Chamber of Coffee Exporters", agencies(facts)
    assert len(agencies(facts)) == 1, agencies(facts)
    assert facts.officials[0].agency == "Andean Chamber of Coffee Exporters"
    assert facts.officials[0].country is None  # "in Spanish" is the language


def test_the_country_of_a_company_described_before_it() -> None:
    facts = run("The batteries were handed over to the Ghanaian importer, Sunfield Trading Ltd, in Kenya's capital.")
    assert named(facts, "Sunfield Trading Ltd")["country"] == "GH", agencies(facts)


EMPLOYER_CASES = [
    ("Exports rose, said Jason Brake, chief executive of Kiwora, the fruit marketer.", "Kiwora", "company"),
    ("Mikhail Ivanov, Norgrain's managing director, said sales grew.", "Norgrain", "company"),
    ("Wayne Hill, president of the Federated Growers Association, welcomed the deal.",
     "Federated Growers Association", "association"),
    # the post capitalised, as releases write it
    ("Exports doubled, said Lina Ortiz, the Managing Director of Verdemar Frutas.", "Verdemar Frutas", "company"),
    # a name with the particles of a Romance language inside
    ("Prices held, said Rui Costa, chief executive of Casa da Fruta, in Porto.", "Casa da Fruta", "company"),
    ("Sales rose, said Luis Pardo, owner of Tierra y Sol Exportadora.", "Tierra y Sol Exportadora", "company"),
    # a body's own word before its country's name
    ("Volumes were up, said Kate Moss, chief executive of Stonefruit NZ.", "Stonefruit NZ", "company"),
    # a post of a members' body
    ("Fees will fall, said Joao Mendes, secretary general of Casa do Vinho.", "Casa do Vinho", "association"),
]


@pytest.mark.parametrize("text,name,kind", EMPLOYER_CASES)
def test_the_body_a_post_is_held_at(text: str, name: str, kind: str) -> None:
    facts = run(text)
    assert named(facts, name) is not None and named(facts, name)["kind"] == kind, agencies(facts)
    assert facts.officials and facts.officials[0].agency == name


@pytest.mark.parametrize("text", ["Ana Ruiz, president of Brazil, spoke.", "Maria Lopes, head of Research, spoke.",
                                  "Tom Berg, director of Operations, left.",
                                  # a unit inside a body
                                  "Noor Salem, Executive Director of the Policy Planning Division, spoke."])
def test_a_country_or_a_department_after_a_post_is_no_body(text: str) -> None:
    assert agencies(run(text)) == []


def test_a_company_used_without_its_group_is_the_same_company() -> None:
    facts = run("Harlow Group operates the terminal. Harlow chief executive Ben Yates said volumes rose. "
                "Harlow also exports wheat to Egypt.")
    hit = named(facts, "Harlow Group")
    assert hit is not None and "Harlow" in hit["also"], agencies(facts)
    assert [o.agency for o in facts.officials] == ["Harlow Group"], facts.officials


COMPANY_NEGATIVE = [
    ("Rice exported to Senegal rose by a fifth.", "Rice"),
    ("Maize imported from Zambia was cheaper.", "Maize"),
    ("Jane Roe, a cattle exporter, said prices were high.", "Jane Roe"),
    ("AUSTRALIA shipped more barley in June.", "AUSTRALIA"),
    ("Kenyan Tea shipped to Pakistan fetched higher prices.", "Kenyan Tea"),
    ("Brazil exported more coffee, and Vietnam shipped less.", "Vietnam"),
    ("Photo: COURTESY\n\nTrading houses bought more cocoa.", "COURTESY"),
    ("Figures showed the Kingdom's exported dates reached Japan.", "Kingdom"),
    ("Mr Kato shipped the goods himself. Later Kato sold more.", "Kato"),
    # a place: the end of a country's name, a town after "in", a town qualifying an office or a role noun
    ("Bosnia and Herzegovina exported more timber, and Serbia shipped less.", "Herzegovina"),
    ("Saint Kitts and Nevis shipped sugar to Canada.", "Nevis"),
    ("Mills in Tamale bought a further 2,000 tonnes of shea nuts.", "Tamale"),
    ("The head of the Osh customs office met the delegation.", "Osh"),
    ("Aziz Karimov, director of the Namangan processor Silk Fruit, said sales rose.", "Namangan"),
]


def test_a_company_named_with_its_noun_is_still_one() -> None:
    # "the Acme group", "the Fonterra factory": the noun after the name makes it a company, not a place
    names = [a["name"] for a in agencies(run("Exports rose, the Harlow group said, and the Fonterra factory closed."))]
    assert "Fonterra" in names and "Harlow" in names, names


@pytest.mark.parametrize("text,word", COMPANY_NEGATIVE)
def test_not_companies(text: str, word: str) -> None:
    facts = run(text)
    assert not [a for a in agencies(facts) if word.casefold() in a["name"].casefold()], agencies(facts)


# ---------------------------------------------------------------- blocs and international bodies

BLOC_CASES = [
    ("The East African Community said the common tariff would rise.",
     "East African Community", {"kind": "international", "country": None}),
    ("Talks between the European Union and Chile ended on Friday.",
     "European Union", {"kind": "international", "country": None}),
    ("Mercosur and Singapore signed a free trade agreement in Rio de Janeiro.",
     "Mercosur", {"kind": "international", "country": None}),
    ("The EU has agreed to lift the quota.",
     "European Union", {"kind": "international", "country": None}),
    ("The AfCFTA Council of Ministers approved the rules of origin in Accra, Ghana.",
     "AfCFTA Council of Ministers", {"kind": "international", "country": None}),
    ("The ASEAN Secretariat published the data.",
     "ASEAN Secretariat", {"kind": "international", "country": None}),
]


@pytest.mark.parametrize("text,name,expected", BLOC_CASES)
def test_blocs_and_international_bodies_acting(text: str, name: str, expected: dict) -> None:
    check(text, name, expected)


BLOC_NEGATIVE = [
    "Exports to the EU rose by 4%.",
    "EU member states must ratify the deal.",
    "The EU-Chile agreement entered into force.",
    "Prices in the European Union fell.",
    "Kenya is a member of the East African Community.",
    "Mercosur beef will enter under a quota.",
]


@pytest.mark.parametrize("text", BLOC_NEGATIVE)
def test_blocs_as_places_markets_or_modifiers_are_no_agencies(text: str) -> None:
    facts = run(text)
    assert not [a for a in agencies(facts) if a["kind"] == "international"], agencies(facts)


def test_a_bloc_acting_still_gives_its_members_to_an_agreement() -> None:
    facts = run("Mercosur and Japan signed a trade agreement in Montevideo on Monday.")
    assert named(facts, "Mercosur") is not None
    assert "BR" in facts.agreements[0].parties


# ---------------------------------------------------------------- offices of state

OFFICE_CASES = [
    ("The Office of the President of Peru said the decree was signed.",
     "Office of the President of Peru", {"country": "PE", "kind": "state_body"}),
    ("Kenya's Prime Minister's Office said the port would reopen.",
     "Prime Minister's Office", {"country": "KE"}),
    ("The Presidential Administration announced new rules for Kazakh grain exporters.",
     "Presidential Administration", {"country": "KZ"}),
    ("A statement from the Office of the Prime Minister of Fiji welcomed the deal.",
     "Office of the Prime Minister of Fiji", {"country": "FJ"}),
]


@pytest.mark.parametrize("text,name,expected", OFFICE_CASES)
def test_offices_of_heads_of_state(text: str, name: str, expected: dict) -> None:
    check(text, name, expected)


def test_an_office_is_not_cut_at_its_title() -> None:
    facts = run("The Prime Minister's Office of Mauritius said talks with China had ended.")
    assert not [a for a in agencies(facts) if a["name"].startswith("Minister")], agencies(facts)


# ---------------------------------------------------------------- ports and terminals

def test_a_port_named_as_a_place_is_no_agency() -> None:
    for text in ("The wheat was shipped through the Port of Valparaiso.",
                 "Containers left Lekki Port on Monday for Spain.",
                 "The barley was loaded at the Kwinana Grain Terminal near Perth."):
        assert agencies(run(text)) == [], (text, agencies(run(text)))


def test_a_port_with_a_complement_is_still_a_place() -> None:
    facts = run("Sheep left the Harbin International Port for Saudi Arabia on Monday.")
    assert agencies(facts) == [], agencies(facts)


def test_an_authority_with_port_in_its_portfolio_is_no_place() -> None:
    check("The Federal Authority for Identity, Customs and Port Security of the UAE signed the deal.",
          "Federal Authority for Identity, Customs and Port Security of the UAE", {"country": "AE"})


def test_a_port_that_acts_is_an_agency() -> None:
    check("Lekki Port said it handled a record 30,000 containers in May.", "Lekki Port", {})
    check("Sara Banda, executive director of the Port of Walvis Bay, said volumes were up.",
          "Port of Walvis Bay", {})


# ---------------------------------------------------------------- not agencies

NOT_AGENCY_CASES = [
    ("OLIVE OIL (TAP) - Exports of olive oil rose, Tunisia said.", "TAP"),
    ("Exports of tea rose, Reuters reported.", "Reuters"),
    ("Tunis Afrique Presse reported that olive oil exports rose.", "Tunis Afrique Presse"),
    ("Kenya News Agency reported the shipment on Monday.", "Kenya News Agency"),
    # any national wire, listed or not
    ("Lorvanian Press Agency reports that wheat exports rose.", "Press Agency"),
    ("The Ministry of Trade told the National Lorvanian News Agency that exports rose.", "News Agency"),
    # a month with its year's last digits before a full stop
    ("Exports fell to 41.6 MnT in Oct'26 from 44.3 MnT in Sep'26. Exports were also lower on the year.", "Sep"),
    ("Finance Minister Ruth Okafor said the levy would go.", "Ministry"),
    ("The mutual recognition arrangement (MRA) lets trusted traders pass faster. The MRA was signed in "
     "Seoul.", "MRA"),
    ("The Authorised Economic Operator (AEO) programme has 200 members.", "AEO"),
    ("Thailand and Peru signed the MRA on Monday.", "MRA"),
    ("Under the free trade agreement (FTA), tariffs fall to zero. The FTA covers 90% of goods.", "FTA"),
    ("The European Union and New Zealand signed the agreement in Brussels.", "and New Zealand"),
    ("The Parliament and Government of Serbia approved the deal.", "Parliament and"),
    # Documents are not organisations, whatever words they hold.
    ("The Customs Code of the Eurasian Economic Union took effect.", "Code"),
    ("The Law on Customs Regulation of Uzbekistan was amended.", "Law"),
    ("The Official Gazette of Peru published the rules.", "Gazette"),
    ("Exporters follow the Tariff Schedule of the Customs Service of Lorvania.", "Schedule"),
    # A post's remit and places named like bodies.
    ("Musa Kabir, until now Deputy Comptroller-General in charge of Enforcement, Investigation and Inspection, "
     "joined the Service in 1993.", "Inspection"),
    ("Assistant Comptroller with responsibility for Enforcement and Border Security Kendall Browne said the week "
     "would include an open day.", "Border Security"),
    ("Cocoa arrivals slowed as heavy rains hit the Centre and South regions.", "Centre and South"),
    # A gathering named after a body's field is an event, not the body.
    ("Delegates from 90 countries met at the World Customs Congress in Brussels.", "World Customs"),
]


@pytest.mark.parametrize("text,word", NOT_AGENCY_CASES)
def test_not_agencies(text: str, word: str) -> None:
    facts = run(text)
    assert not [a for a in agencies(facts) if word.casefold() in a["name"].casefold()], agencies(facts)


def test_a_known_abbreviation_of_an_absent_country_is_no_agency() -> None:
    facts = run("Chile and Korea agreed on the MRA, which covers certified exporters.")
    assert not [a for a in agencies(facts) if a["name"] == "MRA" or "MRA" in a["also"]], agencies(facts)


def test_a_known_abbreviation_of_an_absent_country_acting_is_an_agency() -> None:
    facts = run("GACC Minister Liu Hong said imports from Kenya would be checked.")
    hit = next((a for a in agencies(facts) if "GACC" in a["also"]), None)
    assert hit is not None and hit["country"] == "CN", agencies(facts)
    assert facts.officials[0].country == "CN"


def test_a_known_abbreviation_of_a_present_country_is_an_agency() -> None:
    facts = run("Mauritius said the MRA collected more duty in 2023.")
    assert [a for a in agencies(facts) if "MRA" in (a["name"], *a["also"])], agencies(facts)


# ---------------------------------------------------------------- names as the article writes them

def test_a_full_name_the_gazetteer_knows_under_another_stays_as_written() -> None:
    facts = run("The General Directorate of Customs of Argentina seized 300 kg of cocaine.")
    hit = named(facts, "General Directorate of Customs of Argentina")
    assert hit is not None and hit["name"] == "General Directorate of Customs of Argentina", agencies(facts)
    assert hit["country"] == "AR" and hit["kind"] == "customs"


def test_a_short_form_alone_is_the_name_with_the_gazetteer_name_as_alias() -> None:
    # The article's own designation when it never writes the full one; the full one stays as an alias.
    hit = named(run("Korea Customs said seizures rose."), "Korea Customs")
    assert hit is not None and hit["name"] == "Korea Customs" and "Korea Customs Service" in hit["also"]
    full = named(run("The Korea Customs Service said seizures rose. Korea Customs added that …"), "Korea Customs")
    assert full is not None and full["name"] == "Korea Customs Service"


def test_a_person_after_a_complement_is_not_glued_to_the_agency() -> None:
    facts = run("Deputy Chairman of the Cabinet of Ministers Batyr Oraz said gas exports rose in Turkmenistan.")
    assert [a["name"] for a in agencies(facts)] == ["Cabinet of Ministers of Turkmenistan"], agencies(facts)


def test_a_place_after_of_stays_in_the_name() -> None:
    facts = run("The University of Cape Coast Council met the Ministry of Tourism and Antiquities of Ghana.")
    assert "Ministry of Tourism and Antiquities of Ghana" in [a["name"] for a in agencies(facts)], agencies(facts)


def test_a_person_named_with_a_particle_is_not_glued_to_the_agency() -> None:
    facts = run("Commissioner Ahmad bin Yusof of the Royal Malaysian Customs Department spoke first.")
    assert [a["name"] for a in agencies(facts)] == ["Royal Malaysian Customs Department"]


def test_the_agency_of_a_national_paper_without_a_country_is_that_country() -> None:
    facts = run("The Department of Trade said exporters would get faster refunds.",
                title="Philippine exporters to get faster refunds", publisher="BusinessWorld")
    assert named(facts, "Department of Trade")["country"] == "PH"


# ---------------------------------------------------------------- one agency per name, one line per name

def test_a_company_named_twice_is_one_agency_whatever_country_is_read_near_it() -> None:
    facts = run("Workers pack fruit at the Lakeside Fruit factory in Jinja, Uganda. Lakeside Fruit, whose packhouse "
                "hosted the visit, is shipping the pineapples under a deal signed with Chinese firm Hongda.")
    assert [a["name"] for a in agencies(facts)].count("Lakeside Fruit") == 1


def test_a_name_never_runs_into_the_next_paragraph() -> None:
    facts = run("The deal was announced by the Ministry of Trade of Ruritania\n\nAccording to officials, "
                "it takes effect in June.")
    assert all("\n" not in a["name"] and "According" not in a["name"] for a in agencies(facts))


@pytest.mark.parametrize(("text", "company"), [
    ("Gas output rose, said Bekmurat Orazov, deputy head of the state concern Caspiygaz.", "Caspiygaz"),
    ("Consultancy Andean Grain Analytics expects a record crop.", "Andean Grain Analytics"),
    ("Shipping line Marbella Lines lists three more vessels.", "Marbella Lines"),
    ("Analysts at broker Tarvos agreed that prices would rise.", "Tarvos"),
])
def test_a_company_named_by_its_line_of_business(text: str, company: str) -> None:
    check(text, company, {"kind": "company"})


def test_a_ship_named_after_its_type_is_no_company() -> None:
    text = "The bulk carrier Ocean Lark sailed with 60,000 tonnes of soybeans shipped by Paraná Grain Ltd."
    assert named(run(text), "Ocean Lark") is None


@pytest.mark.parametrize(("text", "name", "kind"), [
    ("The European Council approved the deal on Monday.", "European Council", "international"),
    ("The Chile-Peru Joint Cooperation Commission met in Lima.", "Chile-Peru Joint Cooperation Commission",
     "international"),
    ("The Kenya Institute of Technology said the study was ready.", "Kenya Institute of Technology", "other"),
])
def test_kinds_of_bodies_that_are_neither_state_nor_company(text: str, name: str, kind: str) -> None:
    check(text, name, {"kind": kind})


def test_a_body_a_story_cites_is_of_the_story_country_not_the_nearest_named() -> None:
    text = ("ASTANA, May 10 - Kazakhstan exported 2.1 million tonnes of wheat in January-April.\n\n"
            "Uzbekistan took 900,000 tonnes and neighbouring Kyrgyzstan 200,000 tonnes, according to the "
            "Ministry of Agriculture.")
    check(text, "Ministry of Agriculture", {"country": "KZ"}, title="Kazakhstan's wheat exports up 8%")


@pytest.mark.parametrize(("text", "name", "expected"), [
    ("According to Eurostat figures, imports rose.", "Eurostat", {"kind": "international"}),
    ("Rosstat said imports rose.", "Federal State Statistics Service", {"country": "RU"}),
    ("Chinese customs data showed imports rose.", "General Administration of Customs of China", {"country": "CN"}),
    ("Uzbek customs approved the scheme.", "Customs Committee of Uzbekistan", {"kind": "customs"}),
    ("The National Bureau of Statistics of Tanzania said so.", "National Bureau of Statistics of Tanzania",
     {"country": "TZ"}),
    # a date after the office's name is not part of it
    ("Figures released by Statistics Latvia on Monday show exports rose.", "Statistics Latvia", {"country": "LV"}),
    ("Data published by Moldova Statistics in June show imports fell.", "Moldova Statistics", {"country": "MD"}),
])
def test_statistics_offices_and_customs_named_by_nationality(text: str, name: str, expected: dict) -> None:
    check(text, name, expected)


def test_names_with_accented_capitals_are_read_whole() -> None:
    check("The Türkiye-Azerbaijan Joint Economic Commission met in Baku on Monday.",
          "Türkiye-Azerbaijan Joint Economic Commission", {"kind": "international"})


@pytest.mark.parametrize(("text", "title", "name", "country"), [
    ('New Zealand\'s log exports fell.\n\n"China\'s demand for pine has not recovered," said Glen Mackie, chief '
     "executive of the Forest Owners Association.", "NZ log exports fall", "Forest Owners Association", "NZ"),
    ("Samoa also imported 96,300 tonnes of wheat from Australia, mainly for the Samoa Flour Mills group.",
     "Samoa's wheat imports", "Samoa Flour Mills", "WS"),
])
def test_a_body_s_country_is_not_one_named_inside_a_quote_and_a_company_is_of_the_country_it_names(
        text: str, title: str, name: str, country: str) -> None:
    check(text, name, {"country": country}, title=title)


def test_a_body_under_another_is_one_name_and_its_short_form_points_back() -> None:
    text = ("Exports rose, according to the Customs Service under the Government of the Republic of Tajikistan. "
            "Head of the Customs Service Rustam Nazarov said Afghanistan's customs authorities agreed.")
    facts = run(text)
    check(text, "Customs Service under the Government of the Republic of Tajikistan", {"country": "TJ"})
    assert named(facts, "Government of the Republic of Tajikistan") is None
    assert {o.name: o.country for o in facts.officials}.get("Rustam Nazarov") == "TJ"
    check("Saudi Arabia's Zakat, Tax and Customs Authority said imports rose.", "Zakat, Tax and Customs Authority",
          {"country": "SA", "kind": "customs"})


@pytest.mark.parametrize(("text", "name", "country"), [
    ("The deal was signed by Salim Al Harthy, the chief executive of OmanGas, in Dhaka.", "OmanGas", "OM"),
    ("OmanGas has signed a 15-year deal with Bangladesh's state-owned Meghna Gas Company Limited for LNG.",
     "Meghna Gas Company Limited", "BD"),
])
def test_a_country_fused_into_a_name_and_a_state_owned_possessive(text: str, name: str, country: str) -> None:
    check(text, name, {"country": country})


def test_names_in_vietnamese_letters_are_read_whole() -> None:
    # letters of Latin Extended Additional ("ệ", "ú" with a hook) are capitals and letters like any other
    check("Sales grew, said the Việt Nam Cashew Association (VINACAS).", "Việt Nam Cashew Association",
          {"kind": "association", "country": "VN"})


def test_a_country_by_its_formal_name_is_no_agency() -> None:
    # "Federation" and "Union" are words of associations' names too
    facts = run("Deliveries were carried out to the Russian Federation, the Federation of Kenya Employers said.")
    assert named(facts, "Russian Federation") is None
    assert named(facts, "Federation of Kenya Employers") is not None


@pytest.mark.parametrize(("text", "name"), [
    ("Pune-based Greenfield Agro Exports shipped 400 tonnes of onions to Dubai.", "Greenfield Agro Exports"),
    ("Yesterday the Government of Moldova approved the draft law.", "Government of Moldova"),
])
def test_words_that_only_lead_into_a_name_are_not_part_of_it(text: str, name: str) -> None:
    names = [a["name"] for a in agencies(run(text))]
    assert name in names and not any(n != name and n.endswith(name) for n in names), names


@pytest.mark.parametrize(("text", "name", "country"), [
    # a trailing "International" after a head of its own, and a French name kept as written after a possessive
    ("The Ghana Shippers Association and the Grain Council International (GCI) signed a deal.",
     "Grain Council International", None),
    ("Officials of Senegal's Agence de Régulation des Marchés (ARM) inspected the port.",
     "Agence de Régulation des Marchés", "SN"),
])
def test_names_ending_international_and_names_in_french(text: str, name: str, country: str | None) -> None:
    hit = named(run(text), name)
    assert hit is not None, agencies(run(text))
    assert hit["country"] == country


def test_a_city_before_based_belongs_to_the_name_after_it() -> None:
    text = "The consignment was sent by Usambara Fresh Growers Ltd to importer Chennai-based Kaveri Agro Imports."
    hit = named(run(text, title="Tanzania ships avocados to India"), "Usambara Fresh Growers Ltd")
    assert hit is not None and hit["country"] == "TZ"


def test_a_role_written_before_a_company_name_is_not_part_of_it() -> None:
    names = [a["name"] for a in agencies(run("Exporter Kauri Timber said it loaded two vessels."))]
    assert names == ["Kauri Timber"]


def test_a_military_rank_before_a_service_is_no_agency() -> None:
    facts = run("The delegation was headed by Major General of Customs Service Rauf Aliyev.")
    assert not any(a["name"].startswith("Major General") for a in agencies(facts)), agencies(facts)


@pytest.mark.parametrize(("text", "name", "expected"), [
    ("Societe Miniere de Boke (SMB) loaded 5.2 million tons in October.", "Societe Miniere de Boke", {}),
    ("The MoU was signed by the Director General of Benin's Direction Générale des Douanes et Droits Indirects "
     "(DGDDI), Alexandre Sossou.", "DGDDI", {"kind": "customs", "country": "BJ"}),
    ("Indonesia halted imports after its state logistics agency Bulog said stocks were sufficient.", "Bulog",
     {"country": "ID"}),
])
def test_names_written_in_french_and_bodies_named_by_their_role(text: str, name: str, expected: dict) -> None:
    check(text, name, expected)


def test_a_title_before_an_agency_is_not_one_of_its_names() -> None:
    facts = run("The MoU was signed by the Director General of Benin's Direction Générale des Douanes et Droits "
                "Indirects (DGDDI), Alexandre Sossou.")
    assert not any(n.startswith("Director General") for a in agencies(facts) for n in [a["name"], *a["also"]])
    assert "Direction Générale" not in {o.name for o in facts.officials}


@pytest.mark.parametrize(("text", "names"), [
    ("Agrovision was the largest single exporter, followed by smaller packers.", ["Agrovision"]),
    ("Ugacof and Kyagalanyi Coffee were the leading exporters in February.", ["Ugacof", "Kyagalanyi Coffee"]),
    ("China was the largest buyer. It was the biggest importer. The United States is the main buyer.", []),
])
def test_companies_ranked_among_a_trades_exporters(text: str, names: list[str]) -> None:
    assert {a["name"] for a in agencies(run(text))} == set(names)


def test_a_partner_after_with_is_not_the_country_of_a_body_named_later() -> None:
    text = ("Ghana's cocoa exports rose. Talks on a trade agreement with Turkey are still under way, the Ministry of "
            "Trade and Industry said.")
    check(text, "Ministry of Trade and Industry", {"country": "GH"}, title="Ghana cocoa exports rise")


@pytest.mark.parametrize(("text", "name"), [
    ("Kiwifruit marketer Zentara, which sells a third of its fruit in Europe, will save $20m a year.", "Zentara"),
    ("British carmaker Rowland shipped 300 cars to Saudi Arabia.", "Rowland"),
])
def test_companies_named_by_their_trade_marketer_and_carmaker(text: str, name: str) -> None:
    check(text, name, {"kind": "company"})


def test_a_statistics_office_publishing_its_own_release_is_an_agency() -> None:
    text = "Statistics Lesotho hereby releases the trade digest for March 2025. Total exports rose 4 percent."
    facts = extract(Document(path=Path("release.txt"), text=text, published="2025-05-28", title="Trade digest",
                             publisher="Statistics Lesotho"))
    assert [(a.name, a.country) for a in facts.agencies] == [("Statistics Lesotho", "LS")]


def test_a_body_under_the_president_is_one_name() -> None:
    check("According to the Agency on Statistics under the President of the Republic of Uzbekistan, trade rose.",
          "Agency on Statistics under the President of the Republic of Uzbekistan", {"country": "UZ"})


def test_a_plural_possessive_inside_a_name_keeps_it_whole() -> None:
    check("The Kenya Flower Growers' Association said prices fell.", "Kenya Flower Growers' Association",
          {"kind": "association"})


def test_a_listed_name_with_commas_is_its_own_countrys_body_wherever_told() -> None:
    # "Zakat, Tax and Customs Authority" is one country's body even in a sentence about another country.
    facts = run("The Zakat, Tax and Customs Authority (ZATCA) signed an arrangement with Oman.")
    found = [a for a in agencies(facts) if "ZATCA" in [a["name"], *a["also"]]]
    assert [(a["name"], a["country"]) for a in found] == [("Zakat, Tax and Customs Authority", "SA")]


def test_a_one_word_name_of_its_own_is_kept_as_written() -> None:
    # "Tullverket" is how the article names the body the gazetteer knows by its full title.
    facts = run("Norway's exporters said Sweden's Tullverket had cleared the cargo in two days.")
    names = [a["name"] for a in agencies(facts)]
    assert "Tullverket" in names, names


def test_a_short_form_the_article_uses_alone_is_its_name() -> None:
    # The article writes only "Danish Customs", never the gazetteer's full title: the name is the article's.
    facts = run("Danish Customs said the cargo from Poland was cleared in a day.")
    found = [a for a in agencies(facts) if a["country"] == "DK"]
    assert [a["name"] for a in found] == ["Danish Customs"], found


def test_a_government_a_text_is_signed_on_behalf_of_is_no_acting_body() -> None:
    facts = run("The agreement was signed on behalf of the Government of the Republic of Ghana by Customs "
                "Commissioner Ama Owusu, and on behalf of the Government of the Togolese Republic by Director "
                "General Kossi Agbo.")
    assert not [a for a in agencies(facts) if a["kind"] == "government"], agencies(facts)


def test_a_company_based_in_a_city_is_of_its_country() -> None:
    facts = run("Peru shipped the fruit on Monday. It will be distributed by Osaka-based importer Sakura Fresh.")
    assert [(a["name"], a["country"]) for a in agencies(facts)] == [("Sakura Fresh", "JP")]


def test_a_full_stop_is_no_part_of_a_name() -> None:
    facts = run("Peru shipped more, said Ana Ruiz, general manager of ProBerries.\n\nAbout 88% went by sea.")
    assert [a["name"] for a in agencies(facts)] == ["ProBerries"]


def test_a_bloc_a_text_is_negotiated_with_acts() -> None:
    facts = run("Peru is also negotiating a free trade agreement with the Gulf Cooperation Council, with the next "
                "round planned for May. Exports to the European Union market rose.")
    assert [a["name"] for a in agencies(facts)] == ["Gulf Cooperation Council"]


def test_a_company_a_partner_country_owns_after_from_or_to() -> None:
    # "bought … from Mozambique's Hidroeléctrica de Cahora Bassa": the seller, of that country; the buyer is
    # the story's own, not of the country it buys from; "Kenya's Treasury" is no company
    facts = run("Namibia's state power utility NamPower bought 610 GWh of electricity from Mozambique's "
                "Hidroeléctrica de Cahora Bassa during the year. Sales to Kenya's Treasury rose.",
                title="Namibia power imports rise")
    got = {a["name"]: a["country"] for a in agencies(facts)}
    assert got.get("Hidroeléctrica de Cahora Bassa") == "MZ" and "Treasury" not in got, got


@pytest.mark.parametrize("text,not_a_name,a_name", [
    # two names run together over a full stop or a "the" are neither one agency
    ("Exports are worth half of GDP. Exports of bauxite rose, the Statistical Institute of Jamaica said.",
     "GDP. Exports", "Statistical Institute of Jamaica"),
    ("The deputy comptroller tells NBC News the Department has planned an open day with the Ministry of Trade.",
     "NBC News the Department", "Ministry of Trade"),
])
def test_names_run_together_are_no_agency(text: str, not_a_name: str | None, a_name: str) -> None:
    names = [a["name"] for a in agencies(run(text))]
    assert a_name in names, names
    assert not_a_name is None or not_a_name not in names, names


def test_a_known_name_ending_where_runs_stop_is_taken_whole() -> None:
    """"… Customs and Border Control": runs stop before "Control" (the activity "customs control"), a name the
    gazetteer holds does not."""
    found = agencies(run(
        "Officers of the KRA Customs and Border Control seized 2,000 bags of sugar at the Busia border post."))
    names = [a["name"] for a in found]
    # (the gazetteer holds it as a name of the Kenya Revenue Authority: that body, the written name kept)
    assert any("KRA Customs and Border Control" in [a["name"], *a.get("also", [])] for a in found), found
    assert not any(n.startswith("Officers") for n in names), names


def test_a_headline_about_another_country_than_the_outlets() -> None:
    """"Kenya Exports 52,000 Tonnes of Tea to Pakistan" on a Pakistani site: the story, and a board it quotes, are
    Kenya's; the outlet's country is where the tea goes."""
    facts = extract(Document(path=Path("case.txt"), published="2024-05-17", publisher="Dawn",
                             title="Kenya Exports 52,000 Tonnes of Tea to Pakistan",
                             text="Kenya's tea exports to Pakistan grew by 12 percent this year. The Tea Board said on "
                                  "Tuesday that Pakistani buyers paid more at the Mombasa auction."))
    board = next(a for a in agencies(facts) if a["name"] == "Tea Board")
    assert board["country"] == "KE", agencies(facts)


@pytest.mark.parametrize("publisher", ["Ugandan Broadcasting Service", "Uganda Broadcasting Service"])
def test_an_outlet_named_by_its_nationality_gives_its_country_to_the_companies_it_reports(publisher: str) -> None:
    """A national outlet's story that names its own country only inside an agency's name, and partners more often."""
    text = ("The Uganda Revenue Authority has admitted Lakeside Sugar Mills and Nile Perch Packers to its trusted "
            "trader scheme. Their status will later be recognised in Kenya and Rwanda. Kenya is expected to sign "
            "first. Lakeside Sugar Mills ships sugar to Kenya and South Sudan, while Nile Perch Packers "
            "supplies fish fillets to Kenya and the Netherlands.")
    facts = extract(Document(path=Path("story.md"), text=text, published="2026-03-02",
                             title="Revenue authority admits two exporters", publisher=publisher))
    countries = {a.name: a.country for a in facts.agencies}
    assert countries["Lakeside Sugar Mills"] == countries["Nile Perch Packers"] == "UG"


@pytest.mark.parametrize(("name", "kind"), [
    # a body named after one country is that country's, even with "International" or "Organization" in its name
    ("Korea International Cooperation Agency", "state_body"),
    ("Japan Organization for Metals and Energy Security", "state_body"),
    ("World Customs Organization", "international"),
    ("Omani-Jordanian Joint Committee", "international"),  # a joint body of two stays international
    # an industry's council speaks for its trade
    ("Kenya Flower Council", "association"),
    ("Building Materials Export Council", "association"),
    # a customs directorate is customs whatever body it sits in; a government's secretariat of a portfolio a ministry
    ("Directorate General of Customs of the Royal Oman Police", "customs"),
    ("Saipan Customs and Quarantine Agency", "customs"),  # customs joined with quarantine or border work
    ("Plant Quarantine Service", "state_body"),
    ("Secretariat of Agriculture and Rural Development", "ministry"),
    ("State Secretariat", "state_body"),
    ("Caribbean Community Secretariat", "international"),
])
def test_kinds_of_bodies_by_their_names(name: str, kind: str) -> None:
    from kb.extract.agencies import kind_of

    assert kind_of(name) == kind


def test_a_shorter_name_is_the_body_named_in_full_before() -> None:
    """"the Tea Board" after "the Sri Lanka Tea Board", in a sentence about a buyer: one body, Sri Lanka's."""
    facts = run("Russia overtook Iraq as the top buyer, statistics released by the Sri Lanka Tea Board show. "
                "Exports to Russia stood at 31,442 tonnes, according to the Tea Board.")
    assert [(a["name"], a["country"], a.get("also")) for a in agencies(facts)] == [
        ("Sri Lanka Tea Board", "LK", ["Tea Board"])]


def test_a_body_the_story_cites_as_saying_is_of_the_story_country() -> None:
    # "…, the Ministry of Agriculture said.": the story's own country's ministry, not the country named nearest
    text = ("Peru shipped 180,000 tonnes of blueberries abroad this season, growers said. The state marketing board, "
            "which complains that Chinese buyers outbid it for fruit, received 9,000 tonnes for its packing plants, "
            "the Ministry of Agriculture said.")
    facts = run(text, title="Peru's blueberry season closes")
    hit = named(facts, "Ministry of Agriculture")
    assert hit is not None and hit["country"] == "PE", agencies(facts)


@pytest.mark.parametrize(("publisher", "code"), [
    ("Colombo Gazette", "LK"), ("Dhaka Tribune", "BD"), ("The Kathmandu Post", "NP"), ("Times of Oman", "OM"),
    ("Namibian Sun", "NA"), ("Vanuatu Bureau of Statistics", "VU"), ("The Daily Ledger", None),
    ("Kenya and Uganda Review", None),  # two countries: none of them
])
def test_an_outlets_name_gives_its_country_by_name_adjective_or_capital(publisher: str, code: str | None) -> None:
    assert named_in_publisher(publisher) == code


def test_a_capital_named_outlets_cabinet_is_its_own_countrys() -> None:
    # a national outlet's story about a deal with a neighbour: the cabinet that approves it is the outlet's country's
    text = ("The Cabinet of Ministers has approved a proposal to sign a Memorandum of Understanding with Bangladesh "
            "on customs cooperation. Bangladesh and Sri Lanka are also negotiating a preferential trade agreement.")
    facts = extract(Document(path=Path("story.txt"), text=text, published="2026-07-08",
                             title="Cabinet approves customs MoU with Bangladesh", publisher="Colombo Gazette"))
    assert [a.country for a in facts.agencies if a.name.startswith("Cabinet of Ministers")] == ["LK"]


def test_a_headlines_partner_after_the_trade_word_does_not_take_the_outlets_story() -> None:
    # "…, Vietnam takes the lion's share": the buyer the headline names after "exports" is no subject of the story
    text = ("The Kingdom shipped 912,000 tonnes of cashew nuts abroad in the first seven months, with Vietnam the "
            "dominant buyer, the Ministry of Agriculture reported. Vietnam bought most of the Cambodian nuts, "
            "followed by China and Thailand.")
    facts = extract(Document(path=Path("story.txt"), text=text, published="2026-08-18",
                             title="Cashew exports edge up 8.7%, Vietnam takes the lion's share",
                             publisher="Phnom Penh Post"))
    assert [a.country for a in facts.agencies if a.name.startswith("Ministry of Agriculture")] == ["KH"]


def test_a_body_in_a_posts_remit_stays_a_body() -> None:
    # "in charge of the Customs Department": the remit names an organisation
    check("Jane Mwale, the officer in charge of the Customs Department of Malawi, said clearance had sped up.",
          "Customs Department of Malawi", {"country": "MW"})


@pytest.mark.parametrize(("text", "name"), [
    ("Exporter Kapiti Tane said it loaded two vessels bound for Mumbai in August.", "Kapiti Tane"),
    ("Ghana received three cargoes under a tender which state-owned Gaslink awarded in May.", "Gaslink"),
    ("Ana Costa, senior risk manager at Bluefin Markets, expects four more vessels to sail.", "Bluefin Markets"),
])
def test_companies_named_by_a_role_before_them_or_a_post_at_them(text: str, name: str) -> None:
    check(text, name, {"kind": "company"})


def test_an_abbreviation_spelling_a_longer_name_keeps_the_name_whole() -> None:
    # "Dubai Customs World (DCW)": the abbreviation spells the whole run past the head "Customs"; the name told again
    # in full is the same body, and "DCW" stands for it
    facts = run("The Kigali delegation was co-headed by Dubai Customs World (DCW). Khalid Saeed, CEO of DCW, said "
                "Rwanda wanted a closer partnership with Dubai Customs World.")
    assert [(a["name"], a["country"]) for a in agencies(facts)] == [("Dubai Customs World", "AE")]


def test_two_names_each_with_an_and_of_its_own_are_two_bodies() -> None:
    # "U.S. Customs and Border Protection and Immigration and Customs Enforcement": the dotted abbreviation stays in the
    # name, and the run is cut where one name ends at a head word and the next ends at its own
    facts = run("U.S. Customs and Border Protection and Immigration and Customs Enforcement have long relied on such "
                "agreements.")
    names = [a["name"] for a in agencies(facts)]
    assert "U.S. Customs and Border Protection" in names
    assert any(n.endswith("Immigration and Customs Enforcement") for n in names)
    assert len(names) == 2


def test_a_person_before_and_does_not_make_a_two_part_name() -> None:
    facts = run("Commissioner Aldo Reyes and Director-General Kenji Oda of the Customs and Tariff Bureau led the "
                "talks.")
    assert [a["name"] for a in agencies(facts)] == ["Customs and Tariff Bureau"]


def test_a_body_cited_at_a_sentences_end_is_the_storys_own() -> None:
    # "…, says Coffee Board" after buyers are listed: the board is the story's country's, not the last buyer's
    check("Coffee exports rose 4% as Germany, Belgium and Sweden stepped up purchases, says Coffee Board\n\n"
          "Nairobi: Kenya's coffee exports rose 4% in the first half.",
          "Coffee Board", {"country": "KE"}, title="Kenya's coffee exports climb 4%")


def test_a_customs_administration_named_customs_affairs_and_told_again_without_its_country() -> None:
    # "Kuwait's Customs Affairs" is a customs service; "a statement from Customs Affairs" later is the same body,
    # not one of the other country the sentence names
    facts = run("Kuwait's Customs Affairs has signed a memorandum with Oman Customs. The deal helps Oman and Kuwait, "
                "a statement from Customs Affairs said.")
    found = named(facts, "Customs Affairs of Kuwait")
    assert found is not None and found["country"] == "KW" and found["kind"] == "customs"
    assert [a["name"] for a in agencies(facts)].count("Oman Customs") == 1
    assert not any("Customs Affairs" in " ".join(a["also"]) for a in agencies(facts) if a["country"] == "OM")


def test_a_name_told_first_without_its_country_and_later_in_full_is_the_later_body() -> None:
    # a government press release: "the Director of Ports and Customs" while visiting Belgium, then "the Ports and
    # Customs Authority (Macao Customs)": one body, Macao's, whatever country the first sentence names
    facts = run("The Director of Ports and Customs, Mr Leong Kin-wai, visited Brussels, Belgium, on Monday. "
                "The visit is a step for the Ports and Customs Authority (Macao Customs) in training.")
    found = named(facts, "Ports and Customs Authority")
    assert found is not None and found["country"] == "MO"
    assert not any(a["country"] == "BE" for a in agencies(facts))
    assert [(o.agency, o.country) for o in facts.officials] == [(found["name"], "MO")]


def test_an_event_of_a_body_and_an_arrangement_are_no_bodies() -> None:
    # "the Council Sessions of the World Customs Organization": the body is the organisation; "the Co-operative
    # Arrangement on Customs Matters" is a document
    facts = run("She attended the 147th Sessions of the World Customs Organization in Brussels, and signed a plan "
                "under the Co-operative Arrangement on Customs Matters.")
    names = [a["name"] for a in agencies(facts)]
    assert "World Customs Organization" in names
    assert not any(n.startswith("Sessions") or "Arrangement" in n for n in names)


def test_a_known_body_told_by_a_former_name_and_by_its_own_keeps_its_own() -> None:
    facts = run("The Customs Co-operation Council (CCC) met in Brussels. Delegates of the World Customs Organization "
                "(WCO) discussed e-commerce.")
    assert [a["name"] for a in agencies(facts)] == ["World Customs Organization"]


def test_bodies_of_blocs_and_continents_are_international() -> None:
    facts = run("The Commission of the Economic Community of West African States met the African Export-Import Bank "
                "in Abuja, Nigeria.")
    for name in ("Commission of the Economic Community of West African States", "African Export-Import Bank"):
        found = named(facts, name)
        assert found is not None and found["kind"] == "international" and found["country"] is None, found


def test_a_post_of_a_service_and_a_remit_are_no_bodies() -> None:
    # "two Deputy Commissioners-General of Customs", "the Chief Information Officer of the Service", "in charge of
    # Enforcement, Investigation and Inspection": posts and remits, not agencies; the service's board is its own body
    facts = run("The Ghana Customs Service Board retired two Deputy Commissioners-General of Customs (DCGs). A "
                "statement by the Chief Information Officer of the Service said Kofi Mensah takes charge of "
                "Enforcement, Investigation and Inspection at the Ghana Customs Service (GCS). The GCS Board met "
                "in Accra.")
    names = {a.name: a for a in facts.agencies}
    assert set(names) == {"Ghana Customs Service Board", "Ghana Customs Service"}, names
    assert names["Ghana Customs Service Board"].kind == "state_body"
    assert names["Ghana Customs Service"].kind == "customs"
    assert "GCS Board" in names["Ghana Customs Service Board"].also


def test_a_post_of_a_unit_inside_a_body_is_no_body() -> None:
    # "Senior Manager of Customer Service at X Customs", "Officer of the Risk Unit": a post, the body is the one after
    facts = run("Khalid Al Mansoori, Senior Manager of Customer Service at Fujairah Customs, and Sara Al Nuaimi, "
                "Officer of Trade Facilitation, met the visitors in the UAE.")
    assert [a.name for a in facts.agencies] == ["Fujairah Customs"], agencies(facts)


def test_a_body_takes_no_country_from_another_bodys_name() -> None:
    # "Director General of the Customs Administration, with his counterpart of the Egyptian Customs Authority": the
    # adjective opens the other body's name; the first is the publishing country's
    facts = extract(Document(path=Path("case.txt"), published="2024-05-17", publisher="Ministry of Finance (Morocco)",
                             text="Mr. Karim Benali, Director General of the Customs and Excise Administration (ACE), "
                                  "met his counterparts: Mr. Omar Haddad, Chairman of the Egyptian Customs "
                                  "Authority, and Ms. Sara Khalil, Director General of Jordan Customs."))
    found = named(facts, "Customs and Excise Administration")
    assert found is not None and found["country"] == "MA", agencies(facts)
    assert named(facts, "Egyptian Customs Authority")["country"] == "EG"


@pytest.mark.parametrize(("publisher", "code"), [
    ("Ministry of Economy and Finance (Morocco)", "MA"),  # a bracketed country is the publisher's
    ("Ministry of Trade and Industry of Ghana", "GH"),
    ("Hong Kong (China) Trade Digest", "HK"),  # … not one qualifying the country before it
])
def test_the_country_a_publishers_name_holds(publisher: str, code: str | None) -> None:
    assert named_in_publisher(publisher) == code


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Kazakhstan's Mazhilis ratified the agreement on Wednesday.", "Mazhilis of Kazakhstan", "KZ"),
    ("On Wednesday the Mazhilis, the lower house of Kazakhstan's Parliament, adopted the law. The law now goes to "
     "the Senate.", "Senate", "KZ"),
    ("Guatemala's Congress ratified the free trade agreement with Peru by 118 votes to 9.", "Congress of Guatemala",
     "GT"),
    ("The protocol, signed in Lima, Peru, was submitted to Congress on Monday.", "Congress", "PE"),
])
def test_a_legislature_acting_on_a_text_is_a_state_body(text: str, name: str, country: str) -> None:
    found = named(run(text), name)
    assert found is not None and (found["country"], found["kind"]) == (country, "state_body"), agencies(run(text))


def test_a_legislature_named_in_full_takes_its_bare_mentions() -> None:
    # "the Mexican Senate ratified …; ratified by the Senate on 12 February": one body
    facts = run("The agreements, which the Mexican Senate ratified last month, took effect on Tuesday. The one with "
                "Ecuador, ratified by the Senate on February 12, was published in the gazette.")
    assert [a.name for a in facts.agencies] == ["Mexican Senate"], agencies(facts)


@pytest.mark.parametrize("text", [
    "Minister Jone Veilawa has told Parliament that fertiliser sales rose.",
    "He won a seat in Parliament in Ghana in 2020.",
])
def test_a_legislature_told_or_sat_in_acts_on_no_text(text: str) -> None:
    assert "Parliament" not in [a.name for a in run(text).agencies]


def test_the_story_credited_to_a_source_is_no_agency_of_it() -> None:
    # "Source: X, translated and edited by Y" closing the story credits an outlet, which acts in nothing; a public
    # body given as the source of the figures is one of the story's
    facts = run("Kyrgyzstan exported 612 tonnes of dried fruits in 2025, according to the National Statistical "
                "Committee.\n\nSource: Taza Agro, translated and edited by Orchard Notes")
    assert named(facts, "Taza Agro") is None
    assert named(facts, "National Statistical Committee") is not None
    facts = run("Coal exports rose in October.\n\nSource: Indonesian Customs, CoalMint Research")
    assert named(facts, "Indonesian Customs") is not None


def test_a_body_and_a_region_after_and_are_two_places() -> None:
    # "the European Union and North America kept a relevant place": the bloc's name alone
    facts = run("Asia remained the main pole of demand, while the European Union and North America kept a relevant "
                "place in the trade.")
    assert not any("North America" in a["name"] for a in agencies(facts)), agencies(facts)


@pytest.mark.parametrize(("name", "kind"), [
    # Spanish and Portuguese names kept as written, their small words ("de", "las", "y") inside the name
    ("Centro de Trámites de las Exportaciones", "state_body"),
    ("Asociación de Productores y Exportadores de Honduras", "association"),
    ("Associação dos Exportadores de Café", "association"),
])
def test_names_in_spanish_and_portuguese(name: str, kind: str) -> None:
    check(f"Honduras' sales abroad grew 9% in April, according to figures from the {name}.", name, {"kind": kind})

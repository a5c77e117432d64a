"""Case table for the rule-based extractor: invented snippets → expected records.

Each case runs the whole `extract()` on a small Document and checks that one
record of a kind carries the expected fields (a subset), or that no record
names a distractor.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.extract import extract
from kb.readers.document import Document


def run(text: str, published: str = "2024-05-17", title: str | None = None):
    return extract(Document(path=Path("case.txt"), text=text, published=published, title=title,
                            publisher="The Daily Ledger"))


def records(facts, kind: str) -> list[dict]:
    return [r.model_dump(by_alias=True) for r in getattr(facts, kind)]


def find(facts, kind: str, key: str, value: str) -> dict | None:
    for rec in records(facts, kind):
        if str(rec.get(key) or "").casefold() == value.casefold():
            return rec
    return None


# ---------------------------------------------------------------- agencies

AGENCY_CASES = [
    ("The Kenya Revenue Authority said on Monday that collections rose.",
     {"name": "Kenya Revenue Authority", "country": "KE", "kind": "customs"}),
    ("Officials of the Federal Board of Revenue met traders in Karachi, Pakistan.",
     {"name": "Federal Board of Revenue", "country": "PK"}),
    ("The Ghana Revenue Authority (GRA) seized the cargo. GRA officers said it was mislabelled.",
     {"name": "Ghana Revenue Authority", "also": ["GRA"], "kind": "customs"}),
    ("Argentina's Ministry of Agriculture approved the shipment.",
     {"country": "AR", "kind": "ministry"}),
    ("The Ministry of Economy of Peru published new tariffs.",
     {"name": "Ministry of Economy of Peru", "country": "PE", "kind": "ministry"}),
    ("Kazakhstan's customs committee reported higher transit volumes.",
     {"country": "KZ", "kind": "customs"}),
    ("The Brazilian Embassy in Hanoi hosted the meeting.",
     {"name": "Brazilian Embassy in Hanoi", "country": "BR", "kind": "state_body"}),
    ("The figures were released by the Turkish embassy in Nairobi on Tuesday.",
     {"country": "TR", "kind": "state_body"}),
    ("The World Trade Organization (WTO) welcomed the decision.",
     {"name": "World Trade Organization", "country": None, "kind": "international"}),
    ("The Asian Development Bank approved a loan for the border post.",
     {"name": "Asian Development Bank", "country": None}),
    ("The Canadian Food Inspection Agency cleared the beef consignment.",
     {"name": "Canadian Food Inspection Agency", "country": "CA", "kind": "state_body"}),
    ("The State Border Guard Service of Latvia detained the truck.",
     {"country": "LV", "kind": "state_body"}),
    ("The Indian Chamber of Commerce urged faster clearance.",
     {"name": "Indian Chamber of Commerce", "country": "IN", "kind": "association"}),
    ("The Vietnam Association of Seafood Exporters reported record sales to Japan.",
     {"country": "VN", "kind": "association"}),
    ("Shipments were handled by Peruvian firm Agrovida under a supply contract.",
     {"name": "Agrovida", "country": "PE", "kind": "company"}),
    ("Workers packed mangoes at the Tropifresh factory in Thika, Kenya.",
     {"name": "Tropifresh", "kind": "company"}),
    ("The Nigeria Customs Service intercepted 40 containers at Apapa.",
     {"name": "Nigeria Customs Service", "country": "NG", "kind": "customs"}),
    ("The Federal Customs Service of Russia and Kazakhstan's State Revenue Committee met in Astana.",
     {"country": "RU", "kind": "customs"}),
    ("The Cabinet of Ministers of Uzbekistan adopted the resolution.",
     {"country": "UZ", "kind": "government"}),
    ("The National Veterinary Service of Mongolia inspected the herds.",
     {"country": "MN", "kind": "state_body"}),
    ("The Malaysian Investment Development Authority signed up two investors.",
     {"country": "MY"}),
    ("Egypt's General Authority for Supply Commodities bought wheat.",
     {"country": "EG"}),
    ("The Thai Customs Department said rice exports rose.",
     {"country": "TH", "kind": "customs"}),
    ("The Chilean Agricultural and Livestock Service certified the orchards.",
     {"country": "CL"}),
    ("Commissioner General of the Uganda Revenue Authority John Okello met traders.",
     {"name": "Uganda Revenue Authority", "country": "UG", "kind": "customs"}),
    ("Secretary-General Ana Lima of the World Customs Organization spoke.",
     {"name": "World Customs Organization", "country": None, "kind": "international"}),
    ("Chairman of the State Customs Committee of Armenia Davit Petrosyan said checks would ease.",
     {"name": "State Customs Committee of Armenia", "country": "AM", "kind": "customs"}),
    ("Ghana Revenue Authority Commissioner-General Kofi Mensah and Togolese Revenue Office head Ama Kossi met.",
     {"name": "Togolese Revenue Office", "country": "TG"}),
    # The head before "under the" gives the kind.
    ("The State Customs Service under the Ministry of Finance of Moldova seized the cargo.",
     {"kind": "customs", "country": "MD"}),
    # Joint bodies of two states and bodies of unions are international.
    ("The Chilean-Peruvian Joint Committee on trade met in Lima.",
     {"name": "Chilean-Peruvian Joint Committee", "kind": "international", "country": None}),
    ("The Council of the European Union approved the quotas.",
     {"name": "Council of the European Union", "kind": "international"}),
    # A department named after a portfolio acts as a ministry.
    ("Ghana's Department of Agriculture issued the export permits.",
     {"kind": "ministry", "country": "GH"}),
    ("The General Organization for Import Control of Jordan inspected the cargo.",
     {"kind": "state_body", "country": "JO"}),
    # A complement listing portfolios with commas is one name.
    ("Peru's Ministry of Fisheries, Mining and Water Resources approved the permits.",
     {"name": "Ministry of Fisheries, Mining and Water Resources of Peru", "country": "PE", "kind": "ministry"}),
    ("The National Office for Ports, Borders and Coast Security of Chile inspected the ship.",
     {"name": "National Office for Ports, Borders and Coast Security of Chile", "country": "CL"}),
    # A ministry whose portfolio holds a company word is still a ministry.
    ("The Ministry of Tourism and Enterprise of Namibia issued the licence.",
     {"kind": "ministry", "country": "NA"}),
    # Legal suffixes Plc and Co. name companies.
    ("Cotton from Lakeside Ginning Plc goes to Kenya every month.",
     {"name": "Lakeside Ginning Plc", "kind": "company"}),
    ("Blue River Tea Co., a Hanoi exporter, ships 30 containers a month to China.",
     {"name": "Blue River Tea Co", "kind": "company"}),
]


@pytest.mark.parametrize("text,expected", AGENCY_CASES)
def test_agency(text: str, expected: dict) -> None:
    facts = run(text)
    recs = records(facts, "agencies")
    name = expected.get("name")
    hit = next((r for r in recs if name is None or r["name"].casefold() == name.casefold()
                or name.casefold() in [a.casefold() for a in r["also"]]), None)
    if name is None:
        hit = next((r for r in recs if r["country"] == expected.get("country")
                    and ("kind" not in expected or r["kind"] == expected["kind"])), None)
    assert hit is not None, recs
    for key, value in expected.items():
        if key == "also":
            assert set(value) <= set(hit["also"]), hit
        elif key != "name":
            assert hit[key] == value, (key, hit)


AGENCY_NEGATIVE = [
    ("Finance Minister Carlos Mendoza said the tariff would fall.", "Ministry"),
    ("(Photo: Reuters) Exports rose in March.", "Reuters"),
    ("Exports to Chile rose, Xinhua reported.", "Xinhua"),
    ("The Daily Ledger learned that the port will reopen.", "Daily Ledger"),
    ("Delegates attended the Regional Customs Cooperation Forum in Lima.", "Forum"),
    ("The two committees met again, and the committee agreed to continue.", "committee"),
    ("Exporters registered under the Authorized Economic Operator Programme of Thailand.", "Programme"),
    ("Nguyen Thi Lan, an official at the Ministry of Planning, said demand was high.", "Ministry"),
    ("The agreement was signed at the close of the Annual Border Agencies Meeting.", "Meeting"),
    ("Commissioner General of the Uganda Revenue Authority John Okello met traders.", "General of"),
    ("Secretary-General Ana Lima of the World Customs Organization spoke.", "Ana Lima"),
    ("Chairman of the State Customs Committee of Armenia Davit Petrosyan spoke.", "Petrosyan"),
    ("Ghana Revenue Authority Commissioner-General Kofi Mensah and Togolese Revenue Office head Ama Kossi met.",
     "Kofi Mensah"),
    # "Member of the Board" is a post; "X-based" places a company, it names none.
    ("The delegation was led by Ivan Petrov, Member of the Board in charge of trade.", "Member"),
    ("The first containers were shipped by the Tirana-based company Olive Grove Ltd.", "based"),
]


@pytest.mark.parametrize("text,word", AGENCY_NEGATIVE)
def test_agency_distractors(text: str, word: str) -> None:
    facts = run(text)
    assert not [r for r in records(facts, "agencies") if word.casefold() in r["name"].casefold()], \
        records(facts, "agencies")


def test_agency_abbreviation_used_later_is_one_agency() -> None:
    facts = run("The Zambia Revenue Authority (ZRA) opened a one-stop border post. "
                "ZRA said clearance now takes an hour.")
    recs = records(facts, "agencies")
    assert len(recs) == 1 and "ZRA" in recs[0]["also"]


def test_enterprise_is_a_company() -> None:
    from kb.extract.agencies import kind_of
    assert kind_of("Kenya Shipping and Logistics Services Enterprise") == "company"


def test_cargo_firms_are_companies_and_a_private_sector_body_an_association() -> None:
    from kb.extract.agencies import kind_of
    assert kind_of("Quetta Cargo Services") == "company"
    assert kind_of("Karachi Freight") == "company"
    assert kind_of("Zambia Private Sector Foundation") == "association"
    assert kind_of("Mozambique Logistics Agency") == "state_body"


def test_headline_subject_is_the_home_country() -> None:
    # The headline's first non-destination country is the article's own, even when the
    # partner is named more often in the body.
    facts = run("Chinese buyers took more mangoes as China cut tariffs. "
                "The National Fruit Board said prices held.",
                title="Senegal's mango exports to China rise")
    assert find(facts, "agencies", "name", "National Fruit Board")["country"] == "SN"


def test_home_country_in_the_sentence_wins_over_a_partner() -> None:
    facts = run("Senegal shipped more mangoes as Chinese demand rose, the National Fruit Board said. "
                "Board chairman Moussa Diallo said Senegal and China would meet.",
                title="Senegal's mango exports to China rise")
    assert find(facts, "agencies", "name", "National Fruit Board")["country"] == "SN"


def test_every_listed_destination_of_the_headline_is_a_destination() -> None:
    # "to Bhutan, Nepal": Nepal is listed with Bhutan, a destination too, so the country that acts
    # in the body is the story's own and its bodies are that country's.
    facts = run("India shipped 5,000 tonnes of onion to Bhutan last year, according to the Department "
                "of Commerce.", title="Centre allows onion exports to Bhutan, Nepal")
    depts = [r for r in records(facts, "agencies") if "Department of Commerce" in [r["name"], *r["also"]]]
    assert [d["country"] for d in depts] == ["IN"]


def test_a_national_outlets_story_is_its_own_countrys() -> None:
    # A known national outlet (by its site) tips a story that names its own country only through
    # "the Centre" and names its partners as destinations.
    from kb.extract.context import ArticleContext
    from kb.extract.countries import find_countries, home_country
    text = ("The Centre has allowed exports of 10,000 tonnes of onion to the Maldives and Mauritius. "
            "Shipments to Mauritius will go through the port of Mundra. Traders in Mauritius welcomed the move.")
    doc = Document(path=Path("case.txt"), text=text, published="2024-05-21", title="Onion exports allowed",
                   publisher="BusinessLine", url="https://www.thehindubusinessline.com/x")
    ctx = ArticleContext(doc)
    ctx.countries = find_countries(text, doc.published)
    assert home_country(ctx) == "IN"


def _home(text: str, title: str, publisher: str | None = None) -> str | None:
    from kb.extract.context import ArticleContext
    from kb.extract.countries import find_countries, home_country
    ctx = ArticleContext(Document(path=Path("case.txt"), text=text, published="2024-05-21", title=title,
                                  publisher=publisher))
    ctx.countries = find_countries(text, "2024-05-21")
    return home_country(ctx)


def test_whose_exports_and_whose_money_make_the_story_country() -> None:
    # The partner is named more often, but the story tells New Zealand's exports in New Zealand dollars.
    text = ("New Zealand's honey exports earned NZ$412 million in the year to June. Demand in China held up, "
            "China's customs said, and Chinese buyers paid NZ$90 a kilo. Sales in China rose; China took more.")
    assert _home(text, "Honey exports slip") == "NZ"


def test_an_export_duty_is_no_sign_of_whose_story() -> None:
    text = ("Bangladesh imported 8 million bales of cotton. Bangladesh's mills bought more from Brazil after "
            "India's export duties pushed up prices. Bangladesh paid more.")
    assert _home(text, "Cotton imports rise") == "BD"


def test_agency_descriptive_form_joins_proper_name() -> None:
    facts = run("The General Administration of Customs of Ghana (GACG) met traders. "
                "Ghana's customs administration said the new rules apply from July.")
    customs = [r for r in records(facts, "agencies") if r["kind"] == "customs"]
    assert len(customs) == 1


def test_agency_evidence_points_into_text() -> None:
    text = "Intro line.\n\nThe Kenya Revenue Authority said on Monday that collections rose."
    facts = run(text)
    ev = facts.agencies[0].evidence[0]
    assert text[ev.start:ev.end] == ev.quote


# ---------------------------------------------------------------- officials

OFFICIAL_CASES = [
    ("Commissioner General of the Kenya Revenue Authority Githii Mburu met traders.",
     {"name": "Githii Mburu", "title": "commissioner general", "country": "KE",
      "agency": "Kenya Revenue Authority"}),
    ("Paolo Ricci, head of Italy's Customs and Monopolies Agency, said checks would increase.",
     {"name": "Paolo Ricci", "country": "IT"}),
    ("Finance Minister Carlos Mendoza said the tariff would fall in Peru.",
     {"name": "Carlos Mendoza", "title": "finance minister", "agency": None}),
    ("Brazilian President Maria Santos welcomed the deal.",
     {"name": "Maria Santos", "title": "president", "country": "BR"}),
    ("The talks were led by Mr. Tanaka Hiroshi, Director-General of the Japan Customs.",
     {"name": "Tanaka Hiroshi"}),
    ("Dr. Amina Yusuf, chairperson of the Nigeria Customs Service, addressed the forum.",
     {"name": "Amina Yusuf", "title": "chairperson", "country": "NG", "agency": "Nigeria Customs Service"}),
    ("H.E. Ahmed Al-Rashid, Ambassador of Kuwait, attended the ceremony.",
     {"name": "Ahmed Al-Rashid", "country": "KW"}),
    ("Kazakhstan's Minister of Trade Serik Zhumangarin opened the terminal.",
     {"name": "Serik Zhumangarin", "country": "KZ", "title": "minister of trade"}),
    ("Vice Minister of Industry Park Min-soo inspected the port in Incheon.",
     {"name": "Park Min-soo", "title": "vice minister of industry"}),
    ("The Nigeria Customs Service (NCS) chief Bashir Adeniyi briefed reporters.",
     {"name": "Bashir Adeniyi", "agency": "Nigeria Customs Service", "country": "NG"}),
    ("Deputy Prime Minister Olena Kovalenko of Ukraine spoke at the forum.",
     {"name": "Olena Kovalenko"}),
    ("Chile's Agriculture Minister Esteban Valenzuela praised growers.",
     {"name": "Esteban Valenzuela", "country": "CL"}),
    ("John Smith, executive director of the Port of Durban, said volumes were up.",
     {"name": "John Smith", "title": "executive director", "agency": "Port of Durban"}),
    ("Maria Gomez, who heads the National Customs Agency of Mexico, announced the change.",
     {"name": "Maria Gomez", "title": "head"}),
    ("Spokesman Liu Wei of the General Administration of Customs said imports rose.",
     {"name": "Liu Wei"}),
    ("Secretary-General Ian Saunders of the World Customs Organization opened the session.",
     {"name": "Ian Saunders", "country": None}),
    ("Turkish Trade Minister Omer Bolat met his Georgian counterpart in Batumi.",
     {"name": "Omer Bolat", "country": "TR"}),
    ("The deal was signed by Chairman of the State Customs Committee of Azerbaijan Shahin Baghirov.",
     {"name": "Shahin Baghirov", "title": "chairman", "agency": "State Customs Committee of Azerbaijan"}),
    ("Prime Minister Kitty Vanberg of Norway opened the bridge.",
     {"name": "Kitty Vanberg", "title": "prime minister"}),
    ("Governor Aliyu Bello of the Central Bank of Nigeria spoke next.",
     {"name": "Aliyu Bello"}),
    ("Kenya's Trade Cabinet Secretary Rebecca Miano visited the port.",
     {"name": "Rebecca Miano", "country": "KE"}),
    ("The ceremony was attended by Ambassador Hiroshi Sato of Japan.",
     {"name": "Hiroshi Sato", "title": "ambassador"}),
    ("Director-General Maria Lopes of the Zambia Revenue Authority spoke.",
     {"name": "Maria Lopes", "title": "director-general", "agency": "Zambia Revenue Authority", "country": "ZM"}),
    ("Commissioner-General Kofi Mensah of the Ghana Revenue Authority opened the office.",
     {"name": "Kofi Mensah", "agency": "Ghana Revenue Authority", "country": "GH"}),
    ("Foreign Minister Pieter van den Berg of the Netherlands signed the letter.",
     {"name": "Pieter van den Berg", "title": "foreign minister", "country": "NL"}),
    ("Customs chief Luis da Silva inspected the port.",
     {"name": "Luis da Silva", "title": "customs chief"}),
    ("Trade Minister Sean McAllister said exports rose.",
     {"name": "Sean McAllister", "title": "trade minister"}),
    ("Economy Minister Ömer Yıldırım met traders in Izmir, Turkey.",
     {"name": "Ömer Yıldırım", "title": "economy minister"}),
    ("Deputy Minister Tomás Ibáñez of Chile attended.",
     {"name": "Tomás Ibáñez", "country": "CL"}),
    ("Ambassador Laila Haddad of Jordan attended the ceremony.",
     {"name": "Laila Haddad", "country": "JO", "title": "ambassador"}),
    ("Peruvian Minister of Trade Ana Costa and Chilean Minister of Agriculture Pedro Rojas met.",
     {"name": "Pedro Rojas", "title": "minister of agriculture", "country": "CL"}),
    ("Peruvian Minister of Trade Ana Costa and Chilean Minister of Agriculture Pedro Rojas met.",
     {"name": "Ana Costa", "title": "minister of trade", "country": "PE"}),
    ("Governor Ana Ruiz of the Central Bank of Chile spoke next.",
     {"name": "Ana Ruiz", "agency": "Central Bank of Chile", "country": "CL"}),
    ("Chairman of the State Customs Committee of Armenia Davit Petrosyan said checks would ease.",
     {"name": "Davit Petrosyan", "agency": "State Customs Committee of Armenia", "country": "AM"}),
    # A title after the name runs to the end of an agency name holding commas.
    ("The deal was signed by Omar Haddad, director of risk at the National Office for Ports, Borders and "
     "Coast Security of Chile.",
     {"name": "Omar Haddad", "agency": "National Office for Ports, Borders and Coast Security"}),
]


@pytest.mark.parametrize("text,expected", OFFICIAL_CASES)
def test_official(text: str, expected: dict) -> None:
    facts = run(text)
    hit = find(facts, "officials", "name", expected["name"])
    assert hit is not None, records(facts, "officials")
    for key, value in expected.items():
        if key == "title":
            assert hit["title"] and value in hit["title"], hit
        elif key == "agency" and value is not None:
            assert hit["agency"] and value.casefold() in hit["agency"].casefold(), hit
        elif key != "name":
            assert hit[key] == value, (key, hit)


# The post without the agency that holds it: the agency is the official's `agency`.
OFFICIAL_TITLE_CASES = [
    ("The deal was signed by the chief of the Zambia Revenue Authority Dora Phiri in Lusaka.",
     "Dora Phiri", "chief", "Zambia Revenue Authority"),
    ("Commissioner of the Kenya Revenue Authority John Mwangi opened the office.",
     "John Mwangi", "commissioner", "Kenya Revenue Authority"),
    ("Director-General of the Nigeria Customs Service Bala Adamu met traders.",
     "Bala Adamu", "director-general", "Nigeria Customs Service"),
    ("Vice Minister of Commerce Li Wenhua toured the port.", "Li Wenhua", "vice minister of commerce", None),
]


@pytest.mark.parametrize("text,name,title,agency", OFFICIAL_TITLE_CASES)
def test_official_title_leaves_out_the_agency(text: str, name: str, title: str, agency: str | None) -> None:
    hit = find(run(text), "officials", "name", name)
    assert hit is not None and (hit["title"], hit["agency"]) == (title, agency), hit


def test_the_side_a_person_signs_for_gives_the_country() -> None:
    facts = run("The pact was signed on the Kyrgyz side by Almaz Sadyr, chairman of the State Customs Service, "
                "and on the Emirati side by Khalid Saeed, the director general of customs.")
    hit = find(facts, "officials", "name", "Khalid Saeed")
    assert hit and (hit["country"], hit["title"]) == ("AE", "director general of customs"), hit


def test_counterpart_takes_the_agency_of_its_country() -> None:
    facts = run("The MoU was signed in Kampala by Kenya Revenue Authority Commissioner General James Mwangi "
                "and his Ugandan counterpart, Grace Opio. The Uganda Revenue Authority said it was pleased.")
    hit = find(facts, "officials", "name", "Grace Opio")
    assert hit and (hit["country"], hit["agency"]) == ("UG", "Uganda Revenue Authority"), hit


def test_portfolio_minister_before_the_name_links_the_named_ministry() -> None:
    facts = run("Agriculture Minister Hassan Saleh issued a decree. The Ministry of Agriculture said the ban "
                "would continue.", title="Ban extended")
    hit = find(facts, "officials", "name", "Hassan Saleh")
    assert hit and hit["agency"] == "Ministry of Agriculture", hit


OFFICIAL_NEGATIVE = [
    "The Tavan Bogd area and the Great Wall were closed.",
    "Exports from Puerto Montt and Punta Arenas rose.",
    "The visit recalled the 1992 trip of Jawaharlal Nehru's grandson.",
    "Read more: Harvest festival demand lifts Peru's avocado sales.",
    "Delegates from Costa Rica and Sri Lanka attended the fair.",
    "The Secretary-General said the talks were useful.",
    "Exports to Burkina Faso and Sierra Leone rose.",
    "Customs Service revenue rose in January and February.",
]


@pytest.mark.parametrize("text", OFFICIAL_NEGATIVE)
def test_official_distractors(text: str) -> None:
    assert records(run(text), "officials") == []


def test_surname_mention_is_the_same_official() -> None:
    facts = run("Chairman of the Ghana Revenue Authority Julie Essiam opened the office. "
                "Essiam said the system would cut delays. Later, Essiam visited Tema.")
    assert [o["name"] for o in records(facts, "officials")] == ["Julie Essiam"]


def test_counterpart_takes_the_other_title() -> None:
    facts = run("The memorandum was signed by Kenya Revenue Authority Commissioner General Githii Mburu "
                "and his Ugandan counterpart John Musinguzi.")
    hit = find(facts, "officials", "name", "John Musinguzi")
    assert hit is not None and hit["title"] and "commissioner" in hit["title"]


def test_minister_in_title_gives_no_agency() -> None:
    facts = run("Paul Otieno, chief administrative secretary in the Ministry of Tourism, praised the plan.")
    assert find(facts, "officials", "name", "Paul Otieno")["agency"] is None
    assert not [a for a in records(facts, "agencies") if "Ministry" in a["name"]]


# ---------------------------------------------------------------- agreements

AGREEMENT_CASES = [
    ("Peru and Chile signed an agreement on mutual assistance in customs matters in Lima on Monday.",
     "2024-05-17",
     {"kind": "agreement", "parties": ["CL", "PE"], "signed": "2024-05-13", "place": "Lima",
      "status": "signed"}),
    ("Kenya and Uganda signed a memorandum of understanding on cross-border trade on 3 April.",
     "2024-05-17",
     {"kind": "memorandum", "parties": ["KE", "UG"], "signed": "2024-04-03"}),
    ("The Kenya-Tanzania protocol on veterinary certification was signed on Friday in Arusha.",
     "2024-05-17",
     # "on Friday" in a Friday story is that day
     {"kind": "protocol", "parties": ["KE", "TZ"], "signed": "2024-05-17", "place": "Arusha"}),
    ("Brazil and Argentina are in talks on a treaty on double taxation.",
     "2024-05-17", {"kind": "treaty", "parties": ["AR", "BR"], "status": "negotiating"}),
    ("Mexico and Canada signed a mutual recognition arrangement (MRA) on their trusted trader programmes.",
     "2024-05-17", {"kind": "arrangement", "parties": ["CA", "MX"], "status": "signed"}),
    ("India and Bhutan adopted an action plan on customs cooperation for 2024-2026.",
     "2024-05-17", {"kind": "plan", "parties": ["BT", "IN"]}),
    ("Georgia and Armenia signed a joint declaration on transit in Tbilisi last month.",
     "2024-05-17", {"kind": "other", "parties": ["AM", "GE"], "signed": "2024-04", "place": "Tbilisi"}),
    ("The agreement between Egypt and Jordan on customs cooperation entered into force in March.",
     "2024-05-17", {"kind": "agreement", "parties": ["EG", "JO"], "status": "in_force"}),
    ("Senegal and Mali ratified the convention on transit of goods.",
     "2024-05-17", {"kind": "convention", "parties": ["ML", "SN"], "status": "ratified"}),
    ("Vietnam and Cambodia signed a roadmap for border trade in the Cambodian city of Siem Reap.",
     "2024-05-17", {"kind": "plan", "parties": ["KH", "VN"], "place": "Siem Reap"}),
    ("The Philippines and Indonesia agreed to sign a memorandum of understanding on fisheries trade.",
     "2024-05-17", {"kind": "memorandum", "parties": ["ID", "PH"], "status": "proposed"}),
    ("Mongolia and Kazakhstan signed a customs agreement in Astana on Wednesday.",
     "2024-05-17", {"kind": "agreement", "parties": ["KZ", "MN"], "signed": "2024-05-15", "place": "Astana"}),
    ("NAIROBI, May 14 - Kenya and Rwanda signed a protocol on plant health on Tuesday.",
     "2024-05-15", {"kind": "protocol", "parties": ["KE", "RW"], "signed": "2024-05-14", "place": "Nairobi"}),
    # A concluded round of talks is no signature.
    ("Chile and Peru concluded the third round of negotiations on a fisheries agreement in Lima.",
     "2024-05-17", {"kind": "agreement", "parties": ["CL", "PE"], "status": "negotiating", "signed": None}),
    # A signature still to come does not sign; the negotiation does.
    ("\"Laos and Vietnam are negotiating a protocol on fresh mango, and we expect it to be signed soon,\" "
     "he said.", "2024-05-17", {"kind": "protocol", "status": "negotiating", "signed": None}),
    ("The draft agreement on road transport between Chad and Niger is expected to be signed in June.",
     "2024-05-17", {"kind": "agreement", "parties": ["NE", "TD"], "status": "proposed", "signed": None}),
    ("Nepal and Bhutan agreed to draft a memorandum on the exchange of customs data.",
     "2024-05-17", {"kind": "memorandum", "parties": ["BT", "NP"], "status": "proposed"}),
    ("A protocol on rail transit between Latvia and Estonia is also under discussion.",
     "2024-05-17", {"kind": "protocol", "parties": ["EE", "LV"], "status": "negotiating"}),
    # The longer cue wins: "start negotiations on" proposes, it does not negotiate yet.
    ("Benin and Niger will start negotiations on a memorandum on transit fees next year.",
     "2024-05-17", {"kind": "memorandum", "status": "proposed"}),
    # A suspended member no longer stands in its bloc.
    ("Mercosur and Japan signed a trade agreement in Montevideo on Monday.",
     "2023-12-08", {"kind": "agreement", "parties": ["AR", "BR", "JP", "PY", "UY"]}),
    ("The 2004 transit agreement between Mali and Senegal governs the movement of goods.",
     "2024-05-17", {"kind": "agreement", "parties": ["ML", "SN"], "status": "in_force"}),
]


@pytest.mark.parametrize("text,published,expected", AGREEMENT_CASES)
def test_agreement(text: str, published: str, expected: dict) -> None:
    facts = run(text, published)
    recs = records(facts, "agreements")
    hit = next((r for r in recs if r["kind"] == expected["kind"]), None)
    assert hit is not None, recs
    for key, value in expected.items():
        assert hit[key] == value, (key, hit)


def test_protocol_amending_lists_both() -> None:
    facts = run("Chile's Foreign Minister Alberto van Klaveren and his Peruvian counterpart Javier "
                "Gonzalez-Olaechea signed a protocol amending the Chile-Peru free trade agreement in "
                "Santiago on Thursday.", "2024-05-17")
    recs = {r["kind"]: r for r in records(facts, "agreements")}
    assert set(recs) == {"protocol", "agreement"}
    assert recs["protocol"]["amends"] == recs["agreement"]["name"]
    assert recs["protocol"]["parties"] == recs["agreement"]["parties"] == ["CL", "PE"]
    assert recs["protocol"]["signed"] == "2024-05-16"
    assert recs["protocol"]["place"] == "Santiago"
    assert len(recs["protocol"]["signatories"]) == 2


def test_document_anaphor_is_the_same_agreement() -> None:
    facts = run("Ghana and Togo signed an agreement on joint border posts on Monday. "
                "The document was signed by Ghana Revenue Authority Commissioner-General Julie Essiam "
                "and Togolese Revenue Office head Philippe Tchodie. The deal takes effect in June.",
                "2024-05-17")
    recs = records(facts, "agreements")
    assert len(recs) == 1
    assert recs[0]["parties"] == ["GH", "TG"]
    assert "Julie Essiam" in recs[0]["signatories"]


def test_plural_with_a_list_of_partners_is_one_agreement_each() -> None:
    facts = run("Bolivia's customs office signed a memorandum with Peru on Monday. Earlier, the office signed "
                "similar agreements with Chile and Paraguay.")
    got = {(r["name"], tuple(r["parties"])) for r in records(facts, "agreements") if r["kind"] == "agreement"}
    assert got == {("Agreement with Chile", ("BO", "CL")), ("Agreement with Paraguay", ("BO", "PY"))}, got


def test_year_before_the_name_is_the_signing_year() -> None:
    facts = run("Traffic still runs under the 1998 transit agreement between Mali and Senegal, officials said.")
    hit = find(facts, "agreements", "kind", "agreement")
    assert hit and hit["signed"] == "1998" and hit["parties"] == ["ML", "SN"], hit


def test_government_only_inside_an_agreement_name_is_no_agency() -> None:
    facts = run("Laos and Cambodia signed the Transit Agreement between the Government of the Lao People's "
                "Democratic Republic and the Royal Government of Cambodia in Vientiane.")
    assert not [a for a in records(facts, "agencies") if a["kind"] == "government"], records(facts, "agencies")
    assert find(run("The Government of Chile approved the tariff cut."), "agencies", "country", "CL")


def test_two_instruments_one_on_each() -> None:
    facts = run("Last year Thailand and Laos signed two memorandums of understanding, one on rail freight "
                "and another on electricity trade.", "2024-05-17")
    recs = records(facts, "agreements")
    assert len(recs) == 2
    assert all(r["kind"] == "memorandum" and r["parties"] == ["LA", "TH"] for r in recs)


def test_agency_to_agency_memorandum() -> None:
    facts = run("The Nigeria Customs Service and the Ghana Revenue Authority signed a memorandum of "
                "understanding on data exchange on Tuesday.", "2024-05-17")
    rec = records(facts, "agreements")[0]
    assert rec["parties"] == ["GH", "NG"]
    assert len(rec["party_agencies"]) == 2


def test_international_organisations_have_no_parties() -> None:
    facts = run("The World Trade Organization and the International Trade Centre signed a memorandum "
                "of understanding on Monday.", "2024-05-17")
    rec = records(facts, "agreements")[0]
    assert rec["parties"] == []


def test_witnesses_after_in_the_presence_of_do_not_sign() -> None:
    facts = run("Gabon and Cameroon signed an agreement on transit on Monday. It was signed by Trade Minister "
                "Paul Mba and Cameroonian Customs Director Jean Obiang in the presence of President Ali Bongo.",
                "2024-05-17")
    assert records(facts, "agreements")[0]["signatories"] == ["Paul Mba", "Jean Obiang"]


def test_witnesses_who_looked_on_do_not_sign() -> None:
    facts = run("Gabon and Cameroon agreed on transit. President Ali Bongo looked on as Trade Minister Paul Mba "
                "and Cameroonian Customs Director Jean Obiang signed the agreement on Monday.", "2024-05-17")
    assert records(facts, "agreements")[0]["signatories"] == ["Paul Mba", "Jean Obiang"]


def test_region_is_not_the_place_of_signing() -> None:
    facts = run("Kenya and Uganda signed a memorandum on cattle trade in Nakuru County on Monday.", "2024-05-17")
    assert records(facts, "agreements")[0]["place"] is None


def test_second_title_after_and_is_its_own() -> None:
    facts = run("The protocol was signed by Peruvian Minister of Trade Ana Costa and Chilean Minister of "
                "Agriculture Pedro Rojas in Lima on Monday.", "2024-05-17")
    rec = records(facts, "agreements")[0]
    assert rec["signatories"] == ["Ana Costa", "Pedro Rojas"] and rec["parties"] == ["CL", "PE"]


AGREEMENT_NEGATIVE = [
    "Traders certified under the national AEO programme get faster clearance.",
    "Such agreements usually take years to negotiate.",
    "The company signed a deal with a Dutch buyer.",
    "Customs mutual assistance agreements give administrations a legal basis.",
]


@pytest.mark.parametrize("text", AGREEMENT_NEGATIVE)
def test_agreement_distractors(text: str) -> None:
    assert records(run(text), "agreements") == []


# ---------------------------------------------------------------- article metadata

def test_article_metadata_is_copied() -> None:
    doc = Document(path=Path("/x/2024-01-01-a.txt"), text="Body.", title="T", publisher="P", author="A",
                   published="2024-01-01", url="http://x")
    facts = extract(doc)
    assert facts.article.file == "2024-01-01-a.txt"
    assert (facts.article.title, facts.article.publisher, facts.article.author) == ("T", "P", "A")
    assert facts.article.published == "2024-01-01" and facts.article.url == "http://x"
    assert facts.extractor.name == "kb-rules"


def test_countries_a_headline_ranks_as_buyers_are_partners() -> None:
    # "A, B and C top buyers of Moldovan goods": the listed countries buy; the goods' country is the story's own
    text = "Goods worth USD 61 mln went to Romania, Ukraine and Italy in the first four months, the bureau said."
    assert _home(text, "Romania, Ukraine and Italy top buyers of Moldovan goods") == "MD"
    assert _home(text, "Romania, Ukraine and Italy buy more Moldovan goods") == "RO"


def test_a_venue_and_a_meeting_are_no_agencies() -> None:
    facts = run("Ghana and Togo signed an agreement on the margins of the 12th Ordinary Meeting of the ECOWAS Council "
                "of Ministers at the Accra International Conference Centre, the Ghana Revenue Authority said.")
    names = [r["name"] for r in records(facts, "agencies")]
    assert "Ghana Revenue Authority" in names
    assert not [n for n in names if "Conference Centre" in n or n.startswith(("Ordinary", "Meeting"))], names


def test_where_the_imports_come_from_is_a_partner_not_the_home() -> None:
    # a national outlet's story: the source of its imports is named often, the home only by the outlet
    text = ("Border trade fell in May, the ministry said. Cement and fuel arrive from Thailand, while machinery is "
            "imported from Thailand as well; traders blamed the floods. Rice goes to Thailand.")
    assert _home(text, "Border trade falls", publisher="Vientiane Times") == "LA"


def test_partners_ranked_in_the_story_trade_are_not_the_home() -> None:
    # "Germany led the export markets …, ahead of X": ranked partners, however often named; the outlet's own is home
    text = ("Exports rose 4 percent to USD 9.1 billion in May, the ministry said. Spain led the export markets with "
            "USD 1.2 billion, ahead of Italy and France. On the import side, Spain came first, followed by China. "
            "Spain was also the main buyer of olive oil.")
    assert _home(text, "Exports keep rising", publisher="Invest in Morocco") == "MA"


def test_the_goods_region_names_the_home_the_partners_do_not() -> None:
    # a wine story that never names its country, only its region; the buyers are named as destinations
    text = ("Exports of Douro wine dropped 5% in the first quarter, the Douro growers' institute said. Sales to the "
            "UK, the region's biggest market, reached 2.1m litres, but shipments to the US fell and the Swedish "
            "market dropped. Douro producers blamed the weather.")
    assert _home(text, "Douro exports fall in Q1", publisher="Wine Trade Weekly") == "PT"


def test_the_country_that_sells_as_the_subject_of_its_verb_is_the_home() -> None:
    # the buyer is named more often; the seller once, as the subject of "exported"
    text = ("Cardamom exports through the border post jumped in the first seven months, officials said. Bhutan "
            "exported 2,614 tonnes of black cardamom in the review period. Almost all of it was bought by traders in "
            "India, and Indian buyers also took most of the ginger, while Indian territory carried smaller lots on.")
    assert _home(text, "Cardamom exports surge, tea slides") == "BT"


def test_a_buyer_as_the_subject_of_its_verb_does_not_outweigh_the_seller() -> None:
    text = ("China bought nearly 418,600 tons of Tanzanian sesame seed last season, the association said. Chinese "
            "importers ask for it by name. Tanzania's exports to Japan were smaller.")
    assert _home(text, "Sesame growers look to the expo") == "TZ"


def test_a_body_named_after_its_parents_initials_is_of_the_parents_country() -> None:
    facts = run("According to USDA Foreign Agricultural Service data, Argentina shipped 21,600 metric tons of beef "
                "to Chile in 2025.")
    assert [(r["name"], r["country"]) for r in records(facts, "agencies")] == [
        ("USDA Foreign Agricultural Service", "US")]


def test_a_minister_of_a_ministry_the_article_names_works_there() -> None:
    # the title's portfolio, with commas, is the ministry's name the article gives
    facts = run("Ecuador's Minister of Production, Foreign Trade, Investment and Fisheries, Luis Jaramillo, met Korean "
                "officials. The Ministry of Production, Foreign Trade, Investment and Fisheries said talks went well.")
    assert [(o["name"], o.get("agency")) for o in records(facts, "officials")] == [
        ("Luis Jaramillo", "Ministry of Production, Foreign Trade, Investment and Fisheries of Ecuador")]


def test_words_inside_an_agencys_name_are_no_person() -> None:
    facts = run("Officials of the Animal and Plant Quarantine Center inspected the cargo. Anton Latu, director of "
                "PT Maluku Prima Tuna, said the first container left Ambon.")
    assert [o["name"] for o in records(facts, "officials")] == ["Anton Latu"]

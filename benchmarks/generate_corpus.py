"""Write a synthetic corpus of trade/customs news articles for the benchmarks.

Each article (~500 words by default) is built from templates with random
choices: two partner countries, their customs agencies and officials, an
instrument signed "on <weekday>" in a capital, trade flows with figures, and
filler sentences (percentages, clearance times, quotes) that an extractor must
not mistake for facts. Formats follow the project's inputs: mostly `.txt`
pages as a scraper saves them, some `.md` with YAML front matter and some
`.json` news-API records. `--with-facts` writes the generator's own truth as a
kb-facts/1 file beside a share of the articles (so `kb load` stores it).

Deterministic: article i depends only on (seed, i), so a larger --count keeps
the first articles identical. Stdlib + pyyaml + pycountry only.

    uv run python benchmarks/generate_corpus.py --count 500 --out /tmp/kb-corpus
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pycountry
import yaml

# --------------------------------------------------------------------------- vocabulary


@dataclass(frozen=True)
class Country:
    code: str
    forms: tuple[str, ...]  # common forms first; the pycountry name is appended when it reads well
    adjective: str
    capital: str
    region: str  # picks the pool of personal names


_PARTNERS: tuple[Country, ...] = tuple(
    Country(c, tuple(f.split("|")), a, cap, r)
    for c, f, a, cap, r in (
        ("UZ", "Uzbekistan", "Uzbek", "Tashkent", "cis"),
        ("KZ", "Kazakhstan", "Kazakh", "Astana", "cis"),
        ("KG", "Kyrgyzstan|Kyrgyz Republic", "Kyrgyz", "Bishkek", "cis"),
        ("TJ", "Tajikistan", "Tajik", "Dushanbe", "cis"),
        ("TM", "Turkmenistan", "Turkmen", "Ashgabat", "cis"),
        ("AZ", "Azerbaijan", "Azerbaijani", "Baku", "cis"),
        ("GE", "Georgia", "Georgian", "Tbilisi", "cis"),
        ("AM", "Armenia", "Armenian", "Yerevan", "cis"),
        ("BY", "Belarus", "Belarusian", "Minsk", "cis"),
        ("UA", "Ukraine", "Ukrainian", "Kyiv", "cis"),
        ("MD", "Moldova", "Moldovan", "Chisinau", "cis"),
        ("RU", "Russia|the Russian Federation", "Russian", "Moscow", "cis"),
        ("MN", "Mongolia", "Mongolian", "Ulaanbaatar", "east_asia"),
        ("CN", "China|the People's Republic of China", "Chinese", "Beijing", "east_asia"),
        ("KR", "South Korea|Korea|the Republic of Korea", "Korean", "Seoul", "east_asia"),
        ("JP", "Japan", "Japanese", "Tokyo", "east_asia"),
        ("VN", "Vietnam|Viet Nam", "Vietnamese", "Hanoi", "east_asia"),
        ("TH", "Thailand", "Thai", "Bangkok", "east_asia"),
        ("MY", "Malaysia", "Malaysian", "Kuala Lumpur", "east_asia"),
        ("ID", "Indonesia", "Indonesian", "Jakarta", "east_asia"),
        ("PH", "the Philippines", "Philippine", "Manila", "east_asia"),
        ("IN", "India", "Indian", "New Delhi", "south_asia"),
        ("PK", "Pakistan", "Pakistani", "Islamabad", "south_asia"),
        ("BD", "Bangladesh", "Bangladeshi", "Dhaka", "south_asia"),
        ("LK", "Sri Lanka", "Sri Lankan", "Colombo", "south_asia"),
        ("AF", "Afghanistan", "Afghan", "Kabul", "south_asia"),
        ("IR", "Iran|the Islamic Republic of Iran", "Iranian", "Tehran", "arab"),
        ("TR", "Turkey|Türkiye", "Turkish", "Ankara", "arab"),
        ("SA", "Saudi Arabia", "Saudi", "Riyadh", "arab"),
        ("AE", "the United Arab Emirates|the UAE", "Emirati", "Abu Dhabi", "arab"),
        ("QA", "Qatar", "Qatari", "Doha", "arab"),
        ("OM", "Oman", "Omani", "Muscat", "arab"),
        ("EG", "Egypt", "Egyptian", "Cairo", "arab"),
        ("MA", "Morocco", "Moroccan", "Rabat", "arab"),
        ("TN", "Tunisia", "Tunisian", "Tunis", "arab"),
        ("JO", "Jordan", "Jordanian", "Amman", "arab"),
        ("KE", "Kenya", "Kenyan", "Nairobi", "africa"),
        ("UG", "Uganda", "Ugandan", "Kampala", "africa"),
        ("TZ", "Tanzania", "Tanzanian", "Dodoma", "africa"),
        ("RW", "Rwanda", "Rwandan", "Kigali", "africa"),
        ("ET", "Ethiopia", "Ethiopian", "Addis Ababa", "africa"),
        ("NG", "Nigeria", "Nigerian", "Abuja", "africa"),
        ("GH", "Ghana", "Ghanaian", "Accra", "africa"),
        ("ZA", "South Africa", "South African", "Pretoria", "africa"),
        ("ZM", "Zambia", "Zambian", "Lusaka", "africa"),
        ("GM", "the Gambia|Gambia", "Gambian", "Banjul", "africa"),
        ("SN", "Senegal", "Senegalese", "Dakar", "africa"),
        ("BR", "Brazil", "Brazilian", "Brasilia", "latin"),
        ("AR", "Argentina", "Argentine", "Buenos Aires", "latin"),
        ("CL", "Chile", "Chilean", "Santiago", "latin"),
        ("PE", "Peru", "Peruvian", "Lima", "latin"),
        ("MX", "Mexico", "Mexican", "Mexico City", "latin"),
        ("CO", "Colombia", "Colombian", "Bogota", "latin"),
        ("US", "the United States|the US|the U.S.", "American", "Washington", "europe"),
        ("GB", "the United Kingdom|the UK|Britain", "British", "London", "europe"),
        ("DE", "Germany", "German", "Berlin", "europe"),
        ("FR", "France", "French", "Paris", "europe"),
        ("IT", "Italy", "Italian", "Rome", "europe"),
        ("ES", "Spain", "Spanish", "Madrid", "europe"),
        ("PL", "Poland", "Polish", "Warsaw", "europe"),
        ("NL", "the Netherlands", "Dutch", "The Hague", "europe"),
        ("HU", "Hungary", "Hungarian", "Budapest", "europe"),
        ("RS", "Serbia", "Serbian", "Belgrade", "europe"),
        ("FI", "Finland", "Finnish", "Helsinki", "europe"),
        ("LT", "Lithuania", "Lithuanian", "Vilnius", "europe"),
    )
)

_NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "cis": (("Akmal", "Rustam", "Dilshod", "Nurlan", "Aidar", "Timur", "Elena", "Olga", "Sergey", "Giorgi",
             "Vahe", "Ilham", "Marat", "Gulnara", "Andrei", "Natalia", "Bakhtiyor", "Askar"),
            ("Rakhimov", "Abdullayev", "Nurlanov", "Saparov", "Kuznetsov", "Petrova", "Beridze", "Grigoryan",
             "Mammadov", "Tokayev", "Ivanov", "Sokolova", "Umarov", "Zhaksybekov", "Melnyk", "Kovalenko")),
    "east_asia": (("Kim", "Lee", "Park", "Wang", "Zhang", "Li", "Nguyen", "Tran", "Batbold", "Somchai",
                   "Siti", "Budi", "Hiroshi", "Yuki"),
                  ("Min-jun", "Jae-won", "Wei", "Hong", "Van Thanh", "Thi Lan", "Erdene", "Wongsakul",
                   "Rahman", "Santoso", "Tanaka", "Sato")),
    "south_asia": (("Rajesh", "Anil", "Priya", "Imran", "Ayesha", "Farhan", "Nimal", "Sunita", "Asad",
                    "Mohammad"),
                   ("Kumar", "Sharma", "Khan", "Chaudhry", "Hossain", "Perera", "Patel", "Iqbal", "Rahimi")),
    "arab": (("Ahmed", "Mohammed", "Khalid", "Fatima", "Omar", "Youssef", "Hassan", "Leila", "Ali", "Mehmet",
              "Ayse", "Reza"),
             ("Al-Mansouri", "El-Sayed", "Benali", "Haddad", "Al-Harthy", "Yilmaz", "Demir", "Karimi",
              "Hosseini", "Al-Qasimi", "Bennani")),
    "africa": (("John", "Grace", "Samuel", "Amina", "Kwame", "Chinedu", "Wanjiru", "Thabo", "Fatou",
                "Joseph", "Esther", "Musa"),
               ("Mwangi", "Otieno", "Okafor", "Mensah", "Nkosi", "Diallo", "Kamau", "Banda", "Mutesi",
                "Abebe", "Ndiaye", "Ceesay")),
    "latin": (("Maria", "Jose", "Carlos", "Ana", "Luis", "Daniela", "Ricardo", "Paula", "Javier", "Camila"),
              ("Fernandez", "Silva", "Gonzalez", "Rodriguez", "Pereira", "Lopez", "Martinez", "Souza", "Rojas")),
    "europe": (("James", "Sarah", "Thomas", "Anna", "Michael", "Katarzyna", "Pierre", "Giulia", "Peter",
                "Laura", "Mark", "Eva"),
               ("Smith", "Johnson", "Muller", "Kowalski", "Dubois", "Rossi", "Nagy", "Virtanen", "Brown",
                "Schneider", "Jansen", "Garcia")),
}

# Customs agencies: (template, abbreviation or "", kind). {c} country form, {a} adjective.
_AGENCIES: tuple[tuple[str, str, str], ...] = (
    ("State Customs Service of {c}", "SCS", "customs"),
    ("{C} Revenue Authority", "RA", "customs"),
    ("Customs Committee of {c}", "", "customs"),
    ("State Customs Committee of {c}", "SCC", "customs"),
    ("{a} Customs Service", "", "customs"),
    ("Federal Customs Service of {c}", "FCS", "customs"),
    ("General Administration of Customs of {c}", "GAC", "customs"),
    ("{a} Customs Administration", "", "customs"),
    ("State Revenue Committee of {c}", "SRC", "customs"),
    ("Customs and Excise Department of {c}", "", "customs"),
    ("{a} Tax and Customs Administration", "", "customs"),
)
_MINISTRIES: tuple[str, ...] = ("Ministry of Trade", "Ministry of Agriculture", "Ministry of Economy",
                                "Ministry of Finance", "Ministry of Industry and Trade", "Ministry of Transport")
_CUSTOMS_TITLES = ("chairman", "head", "commissioner general", "director general", "first deputy chairman",
                   "deputy head", "commissioner", "chief")
_MINISTRY_TITLES = ("minister", "deputy minister", "first deputy minister", "state secretary")

# Instruments: (designation with {p} = "A-B" pair, kind).
_INSTRUMENTS: tuple[tuple[str, str], ...] = (
    ("agreement on cooperation and mutual assistance in customs matters", "agreement"),
    ("protocol on the exchange of information on goods and vehicles moved across the border", "protocol"),
    ("memorandum of understanding on the mutual recognition of authorized economic operators", "memorandum"),
    ("action plan on customs cooperation for {y}-{y2}", "plan"),
    ("agreement on the simplified customs clearance of agricultural goods", "agreement"),
    ("protocol on the exchange of preliminary electronic customs data", "protocol"),
    ("memorandum of understanding on combating customs offences", "memorandum"),
    ("arrangement on the establishment of a green corridor for perishable goods", "arrangement"),
)

# Commodities: (name, HS heading, unit word, unit code, quantity range).
_GOODS: tuple[tuple[str, str, str, str, tuple[int, int]], ...] = (
    ("wheat", "1001", "tonnes of", "t", (2_000, 900_000)),
    ("barley", "1003", "tons of", "t", (1_000, 300_000)),
    ("sunflower oil", "1512", "tonnes of", "t", (500, 120_000)),
    ("cotton fibre", "5201", "tonnes of", "t", (300, 60_000)),
    ("coal", "2701", "tonnes of", "t", (10_000, 5_000_000)),
    ("fresh cherries", "0809", "tonnes of", "t", (100, 150_000)),
    ("avocados", "0804", "tons of", "t", (50, 40_000)),
    ("cattle", "0102", "head of", "head", (100, 20_000)),
    ("sheep", "0104", "head of", "head", (500, 80_000)),
    ("fertilisers", "3105", "tonnes of", "t", (1_000, 500_000)),
    ("copper cathodes", "7403", "tonnes of", "t", (200, 90_000)),
    ("passenger cars", "8703", "units of", "units", (50, 30_000)),
    ("tractors", "8701", "units of", "units", (10, 2_000)),
    ("cement", "2523", "tonnes of", "t", (5_000, 800_000)),
    ("wine", "2204", "litres of", "l", (10_000, 5_000_000)),
    ("fruit juice", "2009", "tonnes of", "t", (50, 20_000)),
    ("rice", "1006", "tonnes of", "t", (1_000, 400_000)),
    ("tea", "0902", "tonnes of", "t", (100, 40_000)),
)
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_MONTH_ABBR = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_PUBLISHERS = ("The Eurasia Trade Herald", "Customs Today", "Silk Road Business Daily", "Gulf Commerce Review",
               "East Africa Trade Monitor", "Asia Logistics Weekly", "Border and Port News", "The Cargo Times",
               "Continental Markets Journal", "Agro Export Bulletin")


def _third_countries() -> tuple[str, ...]:
    """Names of countries for passing mentions: pycountry's common names, without the comma forms."""
    names = []
    for c in pycountry.countries:
        name = getattr(c, "common_name", None) or c.name
        if "," not in name and "(" not in name and len(name) < 25:
            names.append(name)
    return tuple(sorted(names))


_THIRD = _third_countries()


# --------------------------------------------------------------------------- one article


@dataclass
class Side:
    country: Country
    form: str
    agency: str
    agency_abbr: str
    agency_kind: str
    official: str
    title: str
    ministry: str
    minister: str
    minister_title: str


@dataclass
class Article:
    published: date
    title: str
    author: str
    publisher: str
    paragraphs: list[str]
    facts: dict[str, Any] = field(default_factory=dict)


def _name(rng: random.Random, country: Country) -> str:
    first, last = _NAMES[country.region]
    return f"{rng.choice(first)} {rng.choice(last)}"


def _side(rng: random.Random, country: Country) -> Side:
    template, abbr, kind = rng.choice(_AGENCIES)
    form = rng.choice(country.forms)
    bare = form.removeprefix("the ")
    agency = template.format(c=form, C=bare, a=country.adjective)
    if abbr == "RA":
        abbr = "".join(w[0] for w in bare.split()).upper() + "RA"
    return Side(country, form, agency, abbr, kind, _name(rng, country), rng.choice(_CUSTOMS_TITLES),
                f"{rng.choice(_MINISTRIES)} of {form}", _name(rng, country), rng.choice(_MINISTRY_TITLES))


def _num(rng: random.Random, low: int, high: int) -> int:
    """A plausible reported figure: a few significant digits."""
    n = rng.randint(low, high)
    digits = len(str(n))
    return round(n, -max(0, digits - 3))


def _period(rng: random.Random, year: int, published: date) -> tuple[str, str]:
    """(text, ISO date or interval) of a reporting period before the publication date."""
    last = published.month - 1 if year == published.year else 12
    if last < 1:
        return f"in {year}", str(year)
    kind = rng.random()
    if kind < 0.35 and last >= 2:
        end = rng.randint(2, last)
        return (f"in January-{_MONTHS[end - 1]} {year}", f"{year}-01/{year}-{end:02d}")
    if kind < 0.6:
        m = rng.randint(1, last)
        return f"in {_MONTHS[m - 1]} {year}", f"{year}-{m:02d}"
    if kind < 0.75 and last >= 6:
        return f"in the first half of {year}", f"{year}-01/{year}-06"
    if year == published.year:  # a year not over yet is reported by month
        m = rng.randint(1, last)
        return f"in {_MONTHS[m - 1]} {year}", f"{year}-{m:02d}"
    return f"in {year}", str(year)


def _cap(s: str) -> str:
    return s[0].upper() + s[1:]


def _fillers(rng: random.Random, a: Side, b: Side, year: int) -> list[str]:
    """Sentences that carry numbers, dates and quotes but no new facts."""
    third = rng.choice(_THIRD)
    pct = f"{rng.randint(3, 95)}.{rng.randint(0, 9)}"
    return [
        f"Clearance times at the main border crossing fell to {rng.randint(1, 9)}.{rng.randint(0, 9)} hours, "
        f"down {rng.randint(5, 60)}% from a year earlier, according to the agency.",
        f"The share of electronic declarations reached {pct} percent, the {a.title} said, adding that paper "
        f"documents would be phased out by the end of {year + 1}.",
        f"\u201cWe are ready to expand our cooperation in every direction, from risk management to the training "
        f"of customs officers,\u201d {b.official.split()[-1]} told reporters after the talks.",
        f"Bilateral trade turnover grew {rng.randint(2, 40)}% to ${rng.randint(1, 9)}.{rng.randint(1, 9)} billion "
        f"last year, although officials cautioned that the figure includes re-exports.",
        f"Delegations also discussed the digitalisation of transit procedures, the use of electronic seals and "
        f"a joint risk management system for goods moving through {third}.",
        f"Analysts expect the volume of cargo handled at the border to rise by about {rng.randint(5, 30)}% over "
        f"the next two years if the new procedures work as planned.",
        f"The sides agreed to hold the next meeting of the working group in {b.country.capital} in the second "
        f"half of {year + 1}.",
        f"More than {rng.randint(2, 90)},000 trucks crossed the border in the first quarter, the highest figure "
        f"since records began, while the average waiting time dropped below {rng.randint(2, 12)} hours.",
        f"Customs revenue collected by {a.form} rose {rng.randint(2, 35)} percent year on year, driven by higher "
        f"import volumes and a crackdown on undervaluation.",
        "\u201cTrade facilitation is not only about speed; it is about predictability for business,\u201d said "
        "a representative of the national chamber of commerce.",
        f"Officials said {rng.randint(40, 98)}% of consignments are now released within one day, and that "
        f"physical inspections are carried out on fewer than {rng.randint(2, 15)}% of declarations.",
        "Experts from both administrations will also exchange experience in the fight against smuggling of "
        "tobacco, drugs and counterfeit goods, the statement said.",
        f"The programme of the visit included a tour of a customs laboratory and a logistics terminal near "
        f"{a.country.capital}, where a new x-ray scanner was installed in {year - 1}.",
        f"According to preliminary estimates, the measures could save exporters up to ${rng.randint(2, 80)} "
        f"million a year in logistics costs.",
        f"Earlier this year the two countries also opened a joint business council, which brings together "
        f"more than {rng.randint(20, 300)} companies from both sides.",
        f"A pilot project on the exchange of electronic certificates of origin will start on "
        f"{rng.randint(1, 28)} {rng.choice(_MONTHS)}, with {rng.randint(2, 12)} checkpoints taking part.",
        f"{b.official.split()[-1]} noted that the {b.agency} had cut the number of documents required for "
        f"export from {rng.randint(8, 14)} to {rng.randint(3, 7)} over the past three years.",
        f"Freight rates on the route rose about {rng.randint(5, 45)}% in {year - 1}, and carriers have asked for "
        f"longer opening hours at the crossing points, the association of road hauliers said.",
        f"The ministry of {third} was not represented at the meeting, and observers said a wider regional "
        f"arrangement remains a distant prospect.",
        f"Inspectors seized {rng.randint(2, 900)} kilograms of narcotics and {rng.randint(10, 500)},000 "
        f"cigarettes at the border last year, the statement added.",
        f"“Our task is to make the border invisible for honest traders and impassable for smugglers,” "
        f"{a.official.split()[-1]} said.",
        f"Under the new rules, declarations for perishable goods must be processed within {rng.randint(2, 6)} "
        f"hours, while other cargo has a limit of {rng.randint(12, 48)} hours.",
        f"Both sides noted the potential of the new rail corridor, which could carry up to "
        f"{rng.randint(2, 20)} million tonnes of cargo a year by {year + 5}.",
    ]


def build_article(index: int, seed: int, words: int = 500) -> Article:
    rng = random.Random(f"{seed}:{index}")
    ca, cb = rng.sample(_PARTNERS, 2)
    a, b = _side(rng, ca), _side(rng, cb)
    published = date(2016, 1, 1) + timedelta(days=rng.randint(0, 9 * 365 - 1))
    year = published.year

    # The instrument, signed "on <weekday>" up to six days before publication, in one side's capital.
    designation, kind = rng.choice(_INSTRUMENTS)
    designation = designation.format(y=year, y2=year + 2)
    signed = published - timedelta(days=rng.randint(0, 6))
    day_word = "on " + _WEEKDAYS[signed.weekday()]
    host = rng.choice((a, b))
    pair = f"{a.form.removeprefix('the ')}-{b.form.removeprefix('the ')}"
    name = f"{pair} {designation}"
    agency_level = kind in ("memorandum", "protocol")

    # Trade flows: two directed shipments, one each way or both the same way.
    flows = []
    for exp, imp in ((a, b), rng.choice(((b, a), (a, b)))):
        good, hs, unit_word, unit, (low, high) = rng.choice(_GOODS)
        qty = _num(rng, low, high)
        when, iso = _period(rng, year if rng.random() < 0.6 else year - 1, published)
        flows.append((exp, imp, good, hs, unit_word, unit, qty, when, iso))
    if flows[0][2] == flows[1][2] and flows[0][0] is flows[1][0]:
        flows.pop()

    title = rng.choice((
        f"{_cap(a.form)}, {b.form} sign customs {kind} in {host.country.capital}",
        f"{_cap(a.form)} and {b.form} boost customs cooperation",
        f"{a.country.adjective} {flows[0][2]} exports to {flows[0][1].form} rise as customs ties deepen",
        f"{_cap(a.form)}, {b.form} agree on faster border clearance",
    ))
    lead = (f"{_cap(a.form)} and {b.form} signed an {name} in {host.country.capital} {day_word}, the "
            f"{a.agency} said in a statement.")
    if name[0] not in "AEIO":
        lead = lead.replace(" an ", " a ", 1)
    signers = (f"The document was signed by {a.title} of the {a.agency} {a.official} and {b.title} of the "
               f"{b.agency} {b.official}.")
    if a.agency_abbr:
        signers += f" The {a.agency_abbr} said the {kind} would take effect after internal procedures."
    context = (f"The talks were also attended by {a.minister_title} {a.minister} of the {a.ministry}, who said "
               f"that {a.form} sees {b.form} as one of its key partners in the region.")
    flow_sentences = []
    for exp, imp, good, _hs, unit_word, _unit, qty, when, _iso in flows:
        if rng.random() < 0.6:
            flow_sentences.append(f"{_cap(exp.form)} exported {qty:,} {unit_word} {good} to {imp.form} {when}, "
                                  f"according to the {exp.agency}.")
        else:
            flow_sentences.append(f"{_cap(imp.form)} imported {qty:,} {unit_word} {good} from {exp.form} {when}, "
                                  f"customs data showed.")
    paragraphs = [lead, signers, *flow_sentences, context]
    fillers = _fillers(rng, a, b, year)
    rng.shuffle(fillers)
    count = sum(len(p.split()) for p in paragraphs)
    body: list[str] = []
    for sentence in fillers:  # grow paragraphs of 1-3 filler sentences until the target length
        if count >= words:
            break
        if body and rng.random() < 0.55 and len(body[-1]) < 500:
            body[-1] += " " + sentence
        else:
            body.append(sentence)
        count += len(sentence.split())
    # Keep the facts near the top (as news does) and spread the filler around them.
    paragraphs = paragraphs[:2] + body[: len(body) // 2] + paragraphs[2:] + body[len(body) // 2 :]

    agencies = [{"name": s.agency, **({"also": [s.agency_abbr]} if s.agency_abbr and s is a else {}),
                 "country": s.country.code, "kind": s.agency_kind} for s in (a, b)]
    agencies.append({"name": a.ministry, "country": ca.code, "kind": "ministry"})
    officials = [{"name": s.official, "country": s.country.code, "title": s.title, "agency": s.agency}
                 for s in (a, b)]
    officials.append({"name": a.minister, "country": ca.code, "title": a.minister_title, "agency": a.ministry})
    agreement: dict[str, Any] = {"name": name, "kind": kind, "parties": sorted((ca.code, cb.code))}
    if agency_level:
        agreement["party_agencies"] = [a.agency, b.agency]
    agreement |= {"signed": signed.isoformat(), "place": host.country.capital,
                  "signatories": [a.official, b.official], "status": "signed"}
    trade_flows = [{"commodity": good, "hs": hs, "from": exp.country.code, "to": imp.country.code,
                    "quantity": qty, "unit": unit, "date": iso}
                   for exp, imp, good, hs, _uw, unit, qty, _w, iso in flows]
    author = _name(rng, rng.choice((ca, cb)))
    publisher = _PUBLISHERS[index % len(_PUBLISHERS)]
    facts = {"agencies": agencies, "officials": officials, "agreements": [agreement], "trade_flows": trade_flows}
    return Article(published, title, author, publisher, paragraphs, facts)


# --------------------------------------------------------------------------- formats


def _slug(text: str, limit: int = 6) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())[:limit])


def render_txt(art: Article, rng: random.Random) -> str:
    d = art.published
    clock = f"{rng.randint(6, 22):02d}:{rng.randint(0, 59):02d}"
    dateline = f"Published : {_MONTH_ABBR[d.month - 1]} {d.day}, {d.year} - {clock}"
    head = [f"{art.publisher}  |  Business  |  Trade", "", art.title, "", f"By {art.author}", "", dateline, "", ""]
    foot = ["", "Tags: #customs #trade #exports", "", "Read also:", "Customs revenue up in the first quarter",
            "Share this article"]
    return "\n".join(head) + "\n\n".join(art.paragraphs) + "\n" + "\n".join(foot) + "\n"


def render_md(art: Article, rng: random.Random) -> str:
    meta = {"title": art.title, "date": art.published.isoformat(), "source": art.publisher, "author": art.author,
            "tags": ["customs", "trade"]}
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True).strip()
    return f"---\n{front}\n---\n\n# {art.title}\n\n" + "\n\n".join(art.paragraphs) + "\n"


def render_json(art: Article, rng: random.Random) -> str:
    record = {
        "title": art.title,
        "url": f"https://news.example.org/{art.published.isoformat()}/{_slug(art.title)}",
        "published_at": f"{art.published.isoformat()}T{rng.randint(6, 22):02d}:{rng.randint(0, 59):02d}:00+00:00",
        "author": art.author,
        "source": art.publisher,
        "text": "\n\n".join(art.paragraphs),
    }
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"


def facts_yaml(art: Article, file_name: str) -> str:
    data = {"format": "kb-facts/1",
            "article": {"file": file_name, "title": art.title, "publisher": art.publisher, "author": art.author,
                        "published": art.published.isoformat()},
            **art.facts}
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def write_corpus(out: Path, count: int, seed: int, *, words: int = 500, with_facts: float = 0.0) -> list[Path]:
    """Write `count` articles (plus facts files for a `with_facts` share) into `out`; return the article paths."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        art = build_article(i, seed, words)
        rng = random.Random(f"{seed}:{i}:format")
        roll = rng.random()
        suffix, render = (".txt", render_txt) if roll < 0.7 else (".md", render_md) if roll < 0.85 else \
            (".json", render_json)
        stem = f"{art.published.isoformat()}-{_slug(art.publisher, 3)}-{_slug(art.title)}-{i:05d}"
        path = out / (stem + suffix)
        path.write_text(render(art, rng), encoding="utf-8")
        if rng.random() < with_facts:
            (out / f"{stem}.facts.yaml").write_text(facts_yaml(art, path.name), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=500, help="number of articles (default 500)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write into (created)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--words", type=int, default=500, help="target words per article (default 500)")
    parser.add_argument("--with-facts", nargs="?", type=float, const=0.2, default=0.0, metavar="SHARE",
                        help="write a kb-facts/1 file beside this share of the articles (default 0.2 when given)")
    args = parser.parse_args(argv)
    paths = write_corpus(args.out, args.count, args.seed, words=args.words, with_facts=args.with_facts)
    facts = sum(1 for _ in args.out.glob("*.facts.yaml"))
    print(f"wrote {len(paths)} articles ({facts} facts files) to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Find the organisations an article names: customs services, ministries, embassies, companies…

One reading of the article (`_Reading`) and named steps over it, each a way news names a body:
- proper names: a run of capitalised words holding a head word ("Korea Customs
  Service", "Ministry of Commerce of the People's Republic of China"), cut at
  titles, possessive countries and people; ports and terminals only when they act;
- offices of heads of state ("Office of the President of Peru");
- names and abbreviations the gazetteer knows ("GACC"), abbreviations defined in
  the text ("(ZRA)") or spelling a body named earlier ("the GAC"), used later;
- companies by the words around them: "Chinese firm X", "the X factory", "X, Peru's
  largest exporter", "sold by X", "X shipped", "Keda Ceramics", "chief executive of X";
- an abbreviation before a post ("NAFDAC Director-General X");
- descriptions of a country's customs ("Peru's customs service", "the country's
  customs authority");
- blocs when they act ("the EU has agreed"), never as places or markets.
Not agencies: news outlets, documents ("Customs Code"), abbreviations the text
defines as something else ("mutual recognition arrangement (MRA)").
The gazetteer of customs administrations gives canonical names (the article's own
full name is kept when it is not just a shorter form); names with no country in
them get the country from a possessive, the name, the words describing them, the
sentence or the article's own country.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from kb.extract import gazetteer
from kb.extract.context import AgencyMention, ArticleContext, CountryMention, Sentence, mentions_of
from kb.extract.countries import codes_in as _codes_in
from kb.extract.countries import (
    dateline_country,
    find_countries,
    home_country,
    is_destination,
    main_countries,
    named_in_publisher,
)
from kb.extract.phrases import PhraseMatcher
from kb.extract.speech import SAID
from kb.facts import Agency
from kb.normalize import initials
from kb.readers import publishers

# A capitalised word, Latin letters with accents included ("Türkiye", "Société")
# ("Exporters' Association": a plural possessive inside a name keeps its apostrophe)
# "U.S. Customs and Border Protection": a dotted abbreviation inside a name (not one ending a sentence)
_CAP = (r"(?:[A-Z]\.){2,3}(?=[ \t]+(?!(?:The|A|An|In|On|It|Its|This|That|These|But|And|He|She|They|We)\b)[A-Z])|"
        r"[A-ZÀ-ÖØ-ÞĀ-ŽḀ-Ỿ][A-Za-zÀ-ÖØ-öø-žḀ-ỿ0-9’'&.\-]*s['’](?=\s+[A-Z])"
        r"|[A-ZÀ-ÖØ-ÞĀ-ŽḀ-Ỿ][A-Za-zÀ-ÖØ-öø-žḀ-ỿ0-9’'&.\-]*[A-Za-zÀ-ÖØ-öø-žḀ-ỿ0-9&]|[A-ZÀ-ÖØ-ÞĀ-ŽḀ-Ỿ]")
# ("State Customs Service under the Ministry of Finance", "Asociación de Productores y Exportadores")
_CONNECT = r"of|and|for|the|on|under|&|de|du|des|et|del|la|las|los|y|e|da|do|dos|das"
# words joined by spaces on one line: a name never runs over a line end ("Vietnam" as a heading, then "The National
# Assembly is due to …"; "Rewriter: Daniel Harper", then the outlet's name)
_GAP = r"[ \t]+"
_RUN = re.compile(rf"(?:{_CAP})(?:(?:{_GAP}(?:{_CONNECT}))*{_GAP}(?:{_CAP}))*")
# "(CBN)", "(ANAM, for its acronym in Spanish)", "(SAT, by its Spanish initials)"
_ABBR_AFTER = re.compile(r"\s*\(([A-Z][A-Za-z&.\-]{1,11}(?: [A-Z][A-Za-z&.\-]{1,11})?)"
                         r"(?:,?\s+(?:for|by|after)\s+its\s+(?:[A-Z]?[a-z]+\s+)?(?:acronym|initials|abbreviation)"
                         r"(?:\s+in\s+[A-Z]?[a-z]+)?)?\)")
_TOKEN = re.compile(rf"{_CAP}|\S+")
_POSSESSIVE = re.compile(r"^(.*?)['’]s$")
_CONNECTORS = frozenset(_CONNECT.split("|"))
_LEADING_WORD = re.compile(r"\w")
# A name whose complement is a list: "Ministry of Agriculture, Forestry and Fisheries".
_WORDS = rf"(?:{_CAP})(?:\s+(?:{_CAP}))*"
_LIST_TAIL = re.compile(rf"(?:,\s+{_WORDS})*,\s+{_WORDS}\s+and\s+{_WORDS}")
_COMPLEMENT = re.compile(r"\s(?:of|for)\s(?!the\b)")


@dataclass
class _Found:
    name: str
    country: str | None
    kind: str | None
    also: list[str] = field(default_factory=list)
    synthetic: bool = False
    spans: list[tuple[int, int]] = field(default_factory=list)
    # A bloc acting: a record, but its mentions stay country mentions for the later stages
    # (a bloc in an agreement's sentence stands for its member states).
    quiet: bool = False
    # "Customs Service" of "Customs Service under the Government of Tajikistan": the short form it goes by,
    # whatever country the sentence of a later mention names
    short: str | None = None


@lru_cache(maxsize=8192)
def codes_in(text: str, *, forms: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Country codes named in a short text (a name), cached: names recur within and across articles."""
    return tuple(_codes_in(text, forms=forms))


@lru_cache(maxsize=8192)
def _country_mentions(text: str) -> tuple[CountryMention, ...]:
    return tuple(find_countries(text))


def _words(items: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(w) for w in sorted(items, key=len, reverse=True))
                      + r")(?![\w])")


@cache
def _config() -> dict:
    p = gazetteer.agency_patterns()
    return {
        "heads": frozenset(p.get("heads", [])),
        "weak": {k: _words(v) for k, v in (p.get("weak_heads") or {}).items()},
        "not_after": frozenset(p.get("not_after_head", [])),
        "not_first": frozenset(p.get("not_first", [])),
        "kinds": [(r["kind"], _words(r["words"])) for r in p.get("kind_rules", [])],
        "titles": frozenset(p.get("title_words", [])),
        "title_continuations": frozenset(p.get("title_continuations", [])),
        "news": frozenset(n.casefold() for n in p.get("news_agencies", [])),
        "company_before_words": frozenset(p.get("company_before", [])),
        "company_after_words": frozenset(p.get("company_after", [])),
        "not_agencies": frozenset(n.casefold() for n in p.get("not_agencies", [])),
        # Every word that can make a run an organisation's name: heads, weak heads, title words.
        "head_words": frozenset(p.get("heads", [])) | frozenset(p.get("weak_heads") or {}),
        "opening_heads": frozenset(p.get("opening_heads", [])),
        "office_holders": p.get("office_holders", ["President"]),
        "place_heads": frozenset(p.get("place_heads", [])),
        "acting_after": re.compile(r"(?:\s*\([^()]*\))?,?\s+(?:(?:also|has|have|had|will|would|on\s+\w+day)\s+)?"
                                   rf"(?:{_alternation(p.get('acting_verbs', ['said']))})\b"),
        "company_nouns": frozenset(p.get("company_nouns", ["company"])),
        "person_nouns": frozenset(p.get("person_nouns", [])),
        "trade_verbs": frozenset(p.get("company_verbs", ["shipped"])),
        "industry_nouns": frozenset(p.get("industry_nouns", ["Ceramics"])),
        "company_suffixes": frozenset(p.get("company_suffixes", [])),
        # … as written in running text and, for posts of two words or more, capitalised ("Executive Director of")
        "employer_posts": frozenset(p.get("employer_posts", [])) | frozenset(
            w.title() for w in p.get("employer_posts", []) if " " in w),
        "documents": frozenset(p.get("document_words", [])),
    }


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _descriptive() -> re.Pattern[str]:
    """What follows a country in a description of its customs: "'s customs committee", " customs"."""
    p = gazetteer.agency_patterns()
    words = "|".join(p.get("customs_words", ["customs"]))
    nouns = "|".join(p.get("customs_nouns", ["service"]))
    return re.compile(rf"(?:['’]s)?\s+(?P<org>(?i:(?:{words})(?:\s+(?:{nouns}))?))(?![\w-])")


_BARE_CUSTOMS_NEXT = re.compile(r"\s*(?:[,.;:)]|said|says|reported|announced|has|have|is|was|will|and\b|"
                                r"(?:data|figures|statistics|officials|authorities|approved|recorded|registered|"
                                r"showed|shows|seized|cleared)\b)")


@cache
def _known_index() -> dict[str, list[gazetteer.KnownAgency]]:
    index: dict[str, list[gazetteer.KnownAgency]] = {}
    for entry in gazetteer.known_agencies():
        for name in (entry.name, *entry.also):
            index.setdefault(_key(name), []).append(entry)
    return index


@cache
def _known_matcher() -> PhraseMatcher:
    return PhraseMatcher(n for e in gazetteer.known_agencies() for n in (e.name, *e.also)
                         # one-word names the curated list holds are proper names ("Eurostat", "Rosstat")
                         if len(n) >= 3 and (" " in n or n.isupper() or sum(ch.isupper() for ch in n) >= 2
                                             or (n[0].isupper() and len(n) >= 6)))


_POSSESSIVE_S = re.compile(r"'s\b")
_PUNCT = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=4096)
def _key(name: str) -> str:
    """A name as compared: case folded, without possessives, punctuation and a leading "the"."""
    s = _POSSESSIVE_S.sub("", name.casefold().replace("’", "'"))
    s = _SPACES.sub(" ", _PUNCT.sub(" ", s)).strip()
    return s.removeprefix("the ")


_UNDER = re.compile(r"\s+(?:under|attached\s+to|within|at)\s+the\s+")


def kind_of(name: str) -> str:
    # "State Customs Service under the Ministry of Economy": the head before "under" gives the kind.
    name = _UNDER.split(name, maxsplit=1)[0]
    # "Ministry of Industrialization, Trade and Enterprise Development": a ministry whatever its portfolio.
    if re.match(r"(?:[Tt]he\s+)?Ministry\b", name):
        return "ministry"
    for kind, pattern in _config()["kinds"]:
        if pattern.search(name):
            # "Japan International Cooperation Agency", "Japan Organization for Metals and Energy Security": a
            # body named after one country is that country's, not an international one
            if kind == "international" and _named_after_a_country(name):
                return "state_body"
            return kind
    return "state_body"


def _named_after_a_country(name: str) -> bool:
    """Named after one country, first ("Japan …"); a joint body of two ("Omani-Jordanian Joint Committee") is not."""
    found = _country_mentions(name)
    return bool(found) and found[0].start == 0 and found[0].form in ("name", "adjective", "capital") \
        and len({c.code for c in found}) == 1 and "Joint" not in name


# ---------------------------------------------------------------- proper names

def _is_title(word: str, after_title: bool) -> bool:
    """A capitalised title word ("Commissioner", "Director-General"; "General" right after a title)."""
    cfg = _config()
    if word in cfg["titles"]:
        return after_title or word not in cfg["title_continuations"]
    parts = word.split("-")
    return len(parts) > 1 and parts[0] in cfg["titles"] and all(p.title() in cfg["titles"] for p in parts)


_PARTICLE_BEFORE = re.compile(r"[A-Z][\w'’-]+\s+(?:bin|binti|bint|ibn|al|el|van|von|der|da|dos|del)\s+$")


_UNDER_THE = re.compile(r"\bunder\s+the\s+$")


def _segments(run: str, offset: int, person_first: bool = False) -> list[tuple[int, int, str | None]]:
    """Split a capitalised run at possessive countries and titles: (start, end, possessive code).

    A title's person does not belong to the organisation after it: in "Secretary-General Ann Vos
    of the World Customs Organization" the segment starts after "of"; nor does the rest of a
    name after a particle ("Ahmad bin | Yusof of the Royal Customs").
    """
    forms = gazetteer.country_forms()
    cfg = _config()
    not_names = _not_names()
    out: list[tuple[int, int, str | None]] = []
    seg_start, owner = None, None
    after_title = person_first  # the current token follows a title
    person = False  # the current segment so far is the name of a person after a title
    for m in _TOKEN.finditer(run):
        word = m.group()
        poss = _POSSESSIVE.match(word)
        if poss and poss.group(1) in forms:
            if seg_start is not None:
                out.append((seg_start, m.start(), owner))
            seg_start, owner, after_title, person = None, forms[poss.group(1)].code, False, False
            # "Bureau of Chile's Ministry": the segment before takes the owner too.
            if out and run[out[-1][0]:out[-1][1]].rstrip().endswith(" of") and out[-1][2] is None:
                out[-1] = (out[-1][0], out[-1][1], owner)
            continue
        if _is_title(word, after_title) and not (seg_start is not None and _UNDER_THE.search(run, 0, m.start())):
            # … but "Agency on Statistics under the President of the Republic of X" is one name
            if seg_start is not None:
                out.append((seg_start, m.start(), owner))
            seg_start, owner, after_title, person = None, None, True, False
            continue
        if person and word in ("of", "and", "&"):
            seg_start, person = None, False  # drop the name; the organisation comes after
            continue
        if seg_start is None:
            seg_start = m.start()
            person = after_title and word not in _CONNECTORS
        if person and (word in cfg["heads"] or word in not_names):
            person = False
        after_title = False
    if seg_start is not None:
        out.append((seg_start, len(run), owner))
    return [(offset + s, offset + e, o) for s, e, o in out]


@cache
def _not_names() -> frozenset[str]:
    return frozenset(gazetteer.titles().get("not_names", []))


_TITLE_OF = re.compile(r"\b(?:Commissioner|Director|Head|Chief|Comptroller|Controller|Collector)(?:[ -]General)?\s+"
                       r"(?:for|of)\s+$")


_Tok = tuple[int, int, str]


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Cut a segment to the organisation it names, or None when it names none."""
    cfg = _config()
    toks = _edges_trimmed(text, [(m.start() + start, m.end() + start, m.group())
                                 for m in _TOKEN.finditer(text[start:end])])
    if not toks or toks[0][2] in _RANKS:
        return None  # "Colonel General of Customs Service Shahin Baghirov": a rank, not a body
    segment = text[toks[0][0]:toks[-1][1]]
    if _post_of_a_service(segment):
        return None  # "Assistant Comptrollers-General of Customs", "Director General of Customs": a post
    # a weak head ("Exchange", "Fund") is one only beside its companion word ("Stock Exchange")
    heads = [i for i, t in enumerate(toks) if (t[2] in cfg["heads"] and t[2] not in cfg["weak"])
             or (t[2] in cfg["weak"] and cfg["weak"][t[2]].search(segment))]
    office = _statistics_office(text, toks) if not heads else None
    if office is not None:
        return office  # "Statistics Botswana", "Statistics South Africa" (not "… on Friday" after it)
    if not heads:
        return None
    opening = next((i for i in heads if toks[i][2] in _ROMANCE_HEADS), None)
    if opening is not None and len([t for t in toks[opening:] if t[2] not in _CONNECTORS]) >= 2:
        # "Societe Miniere de Boke", "(Benin's) Direction Générale des Douanes et Droits Indirects": the head opens
        # the name and the rest qualifies it
        return toks[opening][0], toks[-1][1]
    last = heads[-1]
    after = toks[last + 1:]
    # In a comma-listed complement ("for Identity, Citizenship, Customs and Port Security") a head
    # word is one of the items: the name runs on.
    listed = any(t[2] == "," for t in toks[:last]) and heads[0] < last and not any(
        t[2] in cfg["not_after"] for t in after)
    if after and after[0][2] not in _CONNECTORS and not listed:
        # Capitalised words right after the head: a person's name ("Authority Ana Silva")
        # or a thing the head only qualifies ("Customs Partners Forum").
        if any(t[2] in cfg["not_after"] for t in after):
            earlier = [i for i in heads if i < last and toks[i + 1][2] in _CONNECTORS]
            if not earlier:
                return None
            last = earlier[-1]
        toks = toks[: last + 1]
    elif after:
        toks = _with_complement(text, toks, last)
    words = [t for t in toks if t[2] not in _CONNECTORS]
    if len(words) < 2:
        return None
    return toks[0][0], toks[-1][1]


_POST_OF_SERVICE = re.compile(r"(?P<post>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})\s+of\s+(?:the\s+)?"
                              r"(?:Customs|Excise|Revenue|Customs\s+and\s+Excise|(?<=the\s)(?:Service|Board|Authority|Agency|Commission|"
                              r"Department|Ministry|Administration))")


@cache
def _title_words() -> frozenset[str]:
    t = gazetteer.titles()
    return frozenset(w for phrase in (*t.get("heads", []), *t.get("modifiers", []))
                     for w in re.split(r"[\s-]+", phrase.lower()))


def _post_of_a_service(segment: str) -> bool:
    """"Assistant Comptrollers-General of Customs (ACGs)": title words only, then the service they serve in."""
    m = _POST_OF_SERVICE.fullmatch(segment)
    if m is None:
        return False
    words = [re.sub(r"s$", "", w) for w in re.split(r"[\s-]+", m["post"].lower())]
    # "National Public Relations Officer of the Service": a post of the body told before
    return all(w in _title_words() for w in words) or (segment.split(" of ")[1].startswith("the ")
                                                       and words[-1] in _title_words())


def _statistics_office(text: str, toks: list[_Tok]) -> tuple[int, int] | None:
    """The span of a national statistics office named "Statistics <Country>" (or "<Country> Statistics") that
    opens the segment: "Statistics Estonia on Friday" names Statistics Estonia."""
    forms = gazetteer.country_forms()
    if toks[0][2] == "Statistics":
        return next(((toks[0][0], toks[n][1]) for n in range(len(toks) - 1, 0, -1)
                     if text[toks[1][0]:toks[n][1]] in forms), None)
    last = next((i for i, t in enumerate(toks) if t[2] == "Statistics"), 0)
    return (toks[0][0], toks[last][1]) if last and text[toks[0][0]:toks[last - 1][1]] in forms else None


_OWNER_PREFIX = re.compile(r"(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}['’]s\s+")  # "Kenya's "
_ROMANCE_HEADS = frozenset(("Conseil", "Agence", "Direction", "Ministère", "Autorité", "Société", "Societe", "Caisse",
                            "Comité", "Compagnie", "Ministerio", "Consejo", "Servicio", "Dirección", "Agencia",
                            "Instituto", "Superintendencia", "Cámara", "Ministério", "Conselho", "Serviço", "Agência",
                            "Empresa", "Companhia"))
_RANKS = frozenset(("Colonel", "Lieutenant", "Major", "Brigadier", "Captain", "Admiral", "Marshal", "Commodore",
                    "Sergeant", "Commander"))


def _edges_trimmed(text: str, toks: list[_Tok]) -> list[_Tok]:
    """Without leading openers and connectors, trailing connectors, a title's "Customs of" and a possessive."""
    not_first = _config()["not_first"]
    while toks and (toks[0][2] in _CONNECTORS or toks[0][2] in not_first):
        toks.pop(0)
    # "Côte d'Ivoire's Conseil du Café-Cacao": a possessive owner before the name, not a part of it
    owner = next((i for i, t in enumerate(toks[:-1]) if re.search(r"[’']s$", t[2])), None)
    if owner is not None and len(toks) - owner > 2:
        toks = toks[owner + 1:]
    # "… as Comptroller of Customs and of Andre Bynoe and …": "and of" coordinates a new complement, no name goes on
    cut = next((i for i in range(1, len(toks) - 1) if toks[i][2] == "and" and toks[i + 1][2] == "of"), None)
    if cut is not None:
        toks = toks[:cut]
    while toks and toks[-1][2] in _CONNECTORS:
        toks.pop()
    # "Commissioner of Customs of the Togolese Revenue Office": "of Customs" belongs to the title
    if len(toks) > 3 and toks[0][2] == "Customs" and toks[1][2] == "of" \
            and _TITLE_OF.search(text, max(0, toks[0][0] - 30), toks[0][0]):
        toks = toks[2:]
        while toks and toks[0][2] in _CONNECTORS:
            toks.pop(0)
    poss = _POSSESSIVE.match(toks[-1][2]) if toks else None
    if poss:  # "Orbis Group's chief": the name without its possessive
        toks[-1] = (toks[-1][0], toks[-1][1] - 2, poss.group(1))
    return toks


def _with_complement(text: str, toks: list[_Tok], last: int) -> list[_Tok]:
    """An "of ..." complement after the last head, kept up to a title or a thing word."""
    not_after, forms = _config()["not_after"], gazetteer.country_forms()
    keep = last + 1
    for i in range(last + 1, len(toks)):
        field = toks[i][2] in _FIELDS and toks[i - 1][2] in ("of", "and", "for", "on")  # "Bureau of Statistics"
        if (toks[i][2] in not_after and not field) or toks[i][2] in _DAYS_AND_MONTHS:
            break
        if toks[i][2] == "on" and any(toks[j][2] in forms for j in range(last + 1, i)):
            break  # "Customs Service of Turkmenistan on the Exchange of …": the country ends it, a topic follows
        keep = i + 1
    toks = toks[:keep]
    while toks and toks[-1][2] in _CONNECTORS:
        toks.pop()
    return _without_trailing_person(_without_person_after_country(text, toks))


# Words that end a name right after its head ("Customs Data") but are its field after "of" ("Bureau of Statistics").
_FIELDS = frozenset(("Statistics", "Standards", "Control", "Regulations", "Data"))
_DAYS_AND_MONTHS = frozenset(("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
                              "January", "February", "March", "April", "May", "June", "July", "August",
                              "September", "October", "November", "December"))


def _without_trailing_person(toks: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """"Cabinet of Ministers Batyr Amanov": two name words right after a complement word (not after
    "of") are the person whose post the name ends."""
    if len(toks) < 5:
        return toks
    tail = toks[-3:]
    if tail[0][2] in _CONNECTORS or not all(_name_word(t[2]) for t in tail[1:]):
        return toks
    return toks[:-2]


def _name_word(word: str) -> bool:
    stops = _person_stops()
    return word[:1].isupper() and word[1:].islower() and word not in stops and word not in gazetteer.country_forms()


@cache
def _person_stops() -> frozenset[str]:
    t = gazetteer.titles()
    return (frozenset(t.get("not_names", [])) | frozenset(t.get("portfolio_words", [])) | _config()["heads"]
            | _config()["place_heads"])


def _without_person_after_country(text: str, toks: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """"Customs Committee of Iran Hassan Ali": a complement ends with its country, and the
    capitalised words after it (two or more, none an organisation word) name a person."""
    if len(toks) < 3:
        return toks
    span_start, span_end = toks[0][0], toks[-1][1]
    mentions = [c for c in _country_mentions(text[span_start:span_end]) if c.form == "name"]
    if not mentions:
        return toks
    cut = span_start + mentions[-1].end
    rest = [t for t in toks if t[0] >= cut]
    heads, not_names = _config()["heads"], _not_names()
    if len(rest) >= 2 and all(t[2][0].isupper() and t[2] not in heads and t[2] not in not_names for t in rest):
        return [t for t in toks if t[1] <= cut]
    return toks


_COMPLEMENT_WORD = re.compile(r"\s(?:of|on|for|to)\s")


def _is_document(surface: str) -> bool:
    """"Customs Code of the Union", "Law on Customs Regulation": a document, no organisation —
    its head (the word before a complement, or the first word before "on") is a document word."""
    documents = _config()["documents"]
    words = surface.split()
    if words and words[0] in ("The", "the"):
        words = words[1:]
    if len(words) > 1 and words[0] in documents and words[1] in ("on", "of", "for"):
        return True
    head = _COMPLEMENT_WORD.split(" ".join(words), maxsplit=1)[0].split()
    return bool(head) and head[-1] in documents


def _defined_otherwise(text: str) -> frozenset[str]:
    """Abbreviations the article defines as something other than an organisation: "mutual
    recognition arrangement (MRA)", "Authorised Economic Operator (AEO)"."""
    heads = _config()["heads"]
    out: set[str] = set()
    for m in _DEFINED.finditer(text):
        abbr = m.group("abbr")
        words = [w for w in re.findall(r"[\w'’-]+", text[max(0, m.start() - 120):m.start()])]
        letters = [ch for ch in abbr if ch.isupper()]
        spelled = _spelled_by(words, letters)
        if spelled and not any(w in heads or w.title() in heads for w in spelled) and not any(
                e.country is None for e in _known_index().get(_key(abbr), [])):
            out.add(abbr)  # ("AfCFTA" also names its secretariat: an international body's alias stays)
    return frozenset(out)


_DEFINED = re.compile(r"\((?P<abbr>[A-Z][A-Za-z]{1,7})\)")
_SKIP = frozenset(("of", "and", "on", "for", "the", "in", "de", "to"))


def _spelled_by(words: list[str], letters: list[str]) -> list[str] | None:
    """The words before an abbreviation whose initials spell it ("mutual recognition arrangement")."""
    picked: list[str] = []
    i = len(words) - 1
    for letter in reversed(letters):
        while i >= 0 and words[i].lower() in _SKIP:
            i -= 1
        if i < 0 or words[i][0].upper() != letter:
            return None
        picked.append(words[i])
        i -= 1
    return picked


_AND_A_REGION = re.compile(r"\s+and\s+(?:(?:North|South|Central|Latin|East|West|Eastern|Western|Southeast|"
                           r"South-East)\s+)?(?:America|Asia|Africa|Europe|Oceania|the\s+Middle\s+East|Middle\s+East)$")


def _joined_to_a_region(ctx: ArticleContext, reg: _Registry) -> None:
    """"the European Union and North America kept a relevant place": a body's name and a region after "and" are two
    places of demand; the body's name stands alone."""
    for f in reg.items:
        m = _AND_A_REGION.search(f.name)
        if m is None:
            continue
        f.name = f.name[:m.start()]
        f.spans = [(a, a + len(f.name)) if ctx.text.startswith(f.name, a) else (a, b) for a, b in f.spans]


# A body named after a continent or region ("African Export-Import Bank", "Asian Development Bank")
_CONTINENTAL = re.compile(r"(?:[Tt]he\s+)?(?:African|Asian|Arab|Islamic|Inter-American|Latin\s+American|Caribbean|"
                          r"Pacific|Eurasian|Nordic)\s+(?:[A-Z][\w-]*\s+){0,3}(?:Bank|Union|Commission|Community|"
                          r"Organi[sz]ation|Council|Fund|Secretariat|Forum|Centre|Center|Corporation)\b")


@cache
def _bloc_names() -> re.Pattern[str]:
    """The full names of blocs ("Economic Community of West African States") inside a body's name."""
    names = sorted((n for n in gazetteer.blocs() if " " in n and n[:1].isupper()), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")


@lru_cache(maxsize=4096)
def _international(surface: str) -> bool:
    """A body of a bloc or an international organisation ("AfCFTA Council of Ministers", "EU
    Delegation"): international, whatever its head word."""
    if _key(surface) in _known_index() or re.match(r"(?:[Tt]he\s+)?National\b", surface):
        return False  # "National AfCFTA Coordination Office": a country's own office
    if _bloc_names().search(surface) or (_CONTINENTAL.match(surface) and not codes_in(surface)):
        return True  # "Commission of the Economic Community of West African States", "African Export-Import Bank"
    for token in re.findall(r"[\w&-]+", surface):
        if token in gazetteer.blocs() and token.isupper():
            return True
        entries = _known_index().get(_key(token)) if token.isupper() or re.match(r"[A-Z][a-z]*[A-Z]", token) else None
        if entries and all(e.country is None for e in entries):
            return True
    return False


def _written_or_known(surface: str, known: gazetteer.KnownAgency, text: str = "") -> tuple[str, list[str]]:
    """The name to give a body the gazetteer knows: the article's own full name when it writes
    one that is not just a shorter form of the gazetteer's ("Central Board of Excise and Customs",
    a former name), else the gazetteer's; with the other as an alias."""
    written = re.sub(r"^(?:the|The)\s+", "", surface)
    words = _key(written).split()
    heads = _config()["heads"]
    full = len(words) >= 3 and not written.isupper() and any(w in heads for w in written.split())
    # … unless the article writes the gazetteer's name too ("the Customs Co-operation Council … of the World Customs
    # Organization")
    if full and not set(words) <= set(_key(known.name).split()) and known.name not in text:
        return written, [known.name]
    # "Rosselkhoznadzor": a one-word name of its own (no abbreviation) is how the article names it; so is a
    # short form ("Stats NZ") when the article never writes the gazetteer's full name
    own_word = len(words) == 1 and sum(ch.isupper() for ch in written) == 1 and len(written) >= 6
    # … only when the short form says whose body it is ("Korea Customs", "Stats NZ"), not "Customs Committee"
    whose = bool(codes_in(written)) or any(w.isupper() and len(w) >= 2 for w in written.split())
    short_form = len(words) >= 2 and any(ch.islower() for ch in written) and known.name not in text and whose
    if (own_word or short_form) and _key(written) != _key(known.name):
        return written, [known.name]
    return known.name, []


_DESCRIBED = re.compile(r"(?:\b(?:the|a|an)\s+)?(?P<adj>[A-Z][\w-]+(?:\s[A-Z][\w-]+)?)\s+(?:[a-z][\w-]*\s+){0,2}?"
                       r"[a-z][\w-]*,?\s+$")


def described_country(ctx: ArticleContext, start: int) -> str | None:
    """"the Ghanaian importer, X", "Peruvian firm X": the country of the words describing a name."""
    sent = ctx.sentence_at(start)
    lo = max(sent.start if sent else 0, start - 50)
    m = _DESCRIBED.search(ctx.text, lo, start)
    if m is None:
        return None
    found = [c for c in ctx.countries_in(lo + 0, start) if c.start == m.start("adj") and c.form == "adjective"]
    return found[0].code if found else None


def _country_of(ctx: ArticleContext, start: int, end: int, owner: str | None, kind: str) -> str | None:
    if kind == "international":
        return None
    if owner:
        return owner
    name = ctx.text[start:end]
    inner = [c for c in ctx.countries if start <= c.start and c.end <= end and c.form != "bloc"]
    embassy = re.search(r"\b(?:Embassy|Consulate|embassy|consulate)\b", name)
    if embassy:
        inner = [c for c in inner if c.start < start + embassy.start()] or inner
    codes = {c.code for c in inner}
    if len(codes) == 1:
        return codes.pop()
    if len(codes) > 1:
        # "American Chamber of Commerce for Brazil": the country the body serves.
        last = inner[-1]
        served = re.search(r"\b(?:for|in)\s+(?:the\s+)?$", ctx.text[max(start, last.start - 10):last.start])
        return last.code if served and last.end == end else None
    tail = re.match(r"\s+of\s+(?:the\s+)?", ctx.text[end:end + 12])
    if tail:
        nxt = [c for c in ctx.countries if c.start == end + tail.end()]
        if nxt:
            return nxt[0].code
    bracket = _ALIAS_AFTER.match(ctx.text, end)  # "the Customs and Excise Department (Hong Kong Customs)"
    if bracket:
        inside = {c.code for c in ctx.countries if end < c.start and c.end <= bracket.end() and c.form != "bloc"}
        if len(inside) == 1:
            return inside.pop()
    parent = _PARENT_AFTER.match(ctx.text, end)  # "Department of Revenue (DRC), Ministry of Finance of Bhutan"
    if parent:
        nxt = [c for c in ctx.countries if c.start == parent.end()]
        if nxt:
            return nxt[0].code
    return _compound_country(name) or _parent_initials_country(name) or described_country(ctx, start) \
        or context_country(ctx, start, end)


def _parent_initials_country(name: str) -> str | None:
    """"USDA Foreign Agricultural Service": a body named after its parent's initials, which only one country's
    known body has, is of that country."""
    m = re.match(r"([A-Z]{2,6})\s+[A-Z]", name)
    entries = _known_index().get(_key(m.group(1)), []) if m else []
    countries = {e.country for e in entries}
    return countries.pop() if len(countries) == 1 else None


_ALIAS_AFTER = re.compile(r"\s*\([A-Z][^()]{2,40}\)")
# A body's parent in apposition, with its country: ", Ministry of Finance of Bhutan"
_PARENT_AFTER = re.compile(r"\s*(?:\([^()]{1,20}\)\s*)?,\s*(?:the\s+)?(?:Ministry|Department|Office|Government|"
                           r"Cabinet|Presidency)\b[^,;.()]{0,60}\bof\s+(?:the\s+)?")


def _compound_country(name: str) -> str | None:
    """"QatarEnergy", "SaudiAramco": a country's name fused into a company's."""
    m = re.match(r"([A-Z][a-z]{2,})(?=[A-Z][a-z])", name)
    form = gazetteer.country_forms().get(m.group(1)) if m else None
    return form.code if form is not None and form.form in ("name", "adjective") else None


_GOVERNMENT_PUBLISHER = re.compile(r"\b(?:Ministry|Ministère|Customs|Government|Presidency|Embassy|Department\s+of|"
                                   r"Revenue\s+Authority|Prime\s+Minister['’]s\s+Office)\b")


def outlet_country(ctx: ArticleContext) -> str | None:
    """The country of the article's national outlet, when the story is about that country."""
    publisher = ctx.document.publisher or ""
    # a known national outlet, else a country its name holds ("Farmers Weekly NZ", "Statistics Botswana",
    # "Saudi Press Agency", "Namibian Broadcasting Corporation")
    own = publishers.country_of(publisher, ctx.document.url) or named_in_publisher(publisher)
    if own is None:
        return None
    if _GOVERNMENT_PUBLISHER.search(publisher):
        return own  # a ministry's or a customs service's own page tells of its own country's bodies
    # … or when the lead's first acting country is it ("New Zealand log exporters shipped …" under a headline of
    # "Log exports to China slide as India picks up slack")
    lead = ctx.sentences[0] if ctx.sentences else None
    actors = sentence_actors(ctx, lead) if lead is not None else []
    return own if own in main_countries(ctx)[:2] or (actors and actors[0].code == own) else None


def article_country(ctx: ArticleContext) -> str | None:
    """The article's own country: its national outlet's when the text names that country, else
    the country the article is mostly about."""
    key = len(ctx.countries)
    cached = ctx.__dict__.get("_own_country")
    if cached is not None and cached[0] == key:
        return cached[1]
    outlet, home = outlet_country(ctx), home_country(ctx)
    # the city a story is filed from says whose it is ("MANILA, Philippines —"); a national outlet's story that
    # names its own country only as a destination ("… shipments to Malaysia rise" in a Malaysian paper) is the
    # other country's
    told_elsewhere = bool(outlet and home and outlet != home) and (
        _destination_only(ctx, outlet) or _title_about(ctx, home, outlet))
    own = dateline_country(ctx.text) or (home if told_elsewhere else outlet or home)
    ctx.__dict__["_own_country"] = (key, own)
    return own


def _title_about(ctx: ArticleContext, home: str, outlet: str) -> bool:
    """"Zimbabwe Exports 46 Million kg Tobacco to China" on a Chinese trade site: a headline that opens with the
    country the article is about and names the outlet's only as where goods go makes the story that country's."""
    title = ctx.document.title or ""
    found = [c for c in find_countries(title, ctx.published) if c.form != "bloc"]
    # "Cashew exports edge up 8.7%, Vietnam takes the lion's share": a country after the trade word is a partner
    trade = _TITLE_TRADE_WORD.search(title)
    return bool(found) and found[0].code == home and not is_destination(title, found[0]) \
        and (trade is None or found[0].start < trade.start()) \
        and all(is_destination(title, c) for c in found if c.code == outlet)


_TITLE_TRADE_WORD = re.compile(r"\b(?:exports?|imports?|shipments?|ships|shipped|sells|sold|sales|supplies|trade)\b",
                               re.I)


def _destination_only(ctx: ArticleContext, code: str) -> bool:
    """Whether the article names a country only as where things go ("to New Zealand"), never as an actor."""
    title = ctx.document.title or ""
    in_title = [c for c in find_countries(title, ctx.published) if c.code == code and c.form != "bloc"]
    found = [c for c in ctx.countries if c.code == code and c.form != "bloc"]
    return bool(found or in_title) and all(is_destination(ctx.text, c) for c in found) \
        and all(is_destination(title, c) for c in in_title)


_PLACE_BEFORE = re.compile(r"\b(?:in|at|inside|within|across)\s+(?:the\s+)?$")
_LISTED = re.compile(r"^(?:\s*,\s*|\s+(?:and|or)\s+|\s*,\s*(?:and|or)\s+)(?:the\s+)?$")


def sentence_actors(ctx: ArticleContext, sent: Sentence) -> list[CountryMention]:
    """Countries of a sentence that may act: not blocs, not destinations ("to Sri Lanka and
    Mauritius"), not places ("in Beijing") (computed once per sentence)."""
    cache = ctx.__dict__.setdefault("_actors", {})
    found = cache.get(sent.start)
    if found is None:
        found = cache[sent.start] = _sentence_actors(ctx, sent)
    return found


def _sentence_actors(ctx: ArticleContext, sent: Sentence) -> list[CountryMention]:
    out: list[CountryMention] = []
    prev: CountryMention | None = None
    prev_destination = False
    for c in ctx.countries_in(sent.start, sent.end):
        destination = is_destination(ctx.text, c) or (
            prev_destination and prev is not None and bool(_LISTED.match(ctx.text[prev.end:c.start])))
        if c.form != "bloc" and not destination and not _PLACE_BEFORE.search(
                ctx.text, max(0, c.start - 8), c.start):
            out.append(c)
        prev, prev_destination = c, destination
    return out


_QUOTE = re.compile(r"[“\"][^”\"]{3,400}[”\"]")
_SAYER_BEFORE = re.compile(r"[,;]\s+(?:the\s+)?$")
# "…, says Tea Board" closing a sentence: the story cites its own country's body
_SAYS_BEFORE = re.compile(r",\s+(?:says|said|reports|reported|announced)\s+(?:the\s+)?$")
_CLOSES_SENTENCE = re.compile(r"\s*(?:[.\n]|$)")
_SAID_AFTER = re.compile(rf"\s+{SAID}\s*[.,;]")
_CITED = re.compile(r"\baccording\s+to\s+(?:(?:data|figures|statistics|numbers)\s+(?:from|of|by|released\s+by|"
                    r"published\s+by|compiled\s+by)\s+)?(?:the\s+)?$", re.I)


_TRADE_PARTNER_BEFORE = re.compile(r"\b(?:from|to|into)\s+(?:the\s+)?$")


_RIGHT_AFTER_BODY = re.compile(r"\s*(?:\([^()]{1,12}\)\s*)?,?\s*(?:(?:of|in|for)\s+(?:the\s+)?|"
                               r"which\s+(?:represents|regulates|oversees|serves|supervises)\s+(?:the\s+)?)")


# "… of the Egyptian Customs Authority", "Jordan Customs": a country that opens a body's name (its words, then a head)
_BODY_AFTER_COUNTRY = re.compile(r"(?:['’]s)?(?:\s+[A-Z][\w&-]*){0,3}?\s+(?P<head>[A-Z]\w+)")


def _opens_another_body(text: str, c: CountryMention, end: int) -> bool:
    """Whether a country opens the name of another body than the one ending at `end` ("Mr A, Director General
    of the Customs Administration, with his counterpart of the Egyptian Customs Authority": Egypt's, not its)."""
    if c.start < end:
        return False
    m = _BODY_AFTER_COUNTRY.match(text, c.end)
    return m is not None and m["head"] in _config()["heads"]


def context_country(ctx: ArticleContext, start: int, end: int) -> str | None:
    """The country a mention belongs to by its sentence: the article's own or else the nearest one
    named before it (a sentence names its actors first), else the article's own or the nearest
    one after it, else the article's own."""
    sent = ctx.sentence_at(start)
    home = article_country(ctx)
    if home is not None and (_CITED.search(ctx.text, max(0, start - 20), start)
                             or (_SAYS_BEFORE.search(ctx.text, max(0, start - 16), start)
                                 and _CLOSES_SENTENCE.match(ctx.text, end))
                             or (_SAYER_BEFORE.search(ctx.text, max(0, start - 8), start)
                                 and _SAID_AFTER.match(ctx.text, end))):
        # "…, according to the Ministry of Energy", "…, the Ministry of Agriculture said.": a story cites its own
        # country's bodies
        return home
    if sent is not None:
        quotes = [m.span() for m in _QUOTE.finditer(ctx.text, sent.start, sent.end)]
        inside = [q for q in quotes if q[0] <= start < q[1]]
        # "“China's demand has not recovered,” said X of the Forest Owners Association": a country in a quote
        # the name stands outside of says nothing of it
        # … nor does "Mumbai-based", which belongs to the name after it
        # … nor a partner ("Talks on a trade agreement with Pakistan …, the Ministry of Trade said")
        around = [c for c in sentence_actors(ctx, sent) if not (start <= c.start < end)
                  and not any(q[0] <= c.start < q[1] for q in quotes if q not in inside)
                  and not _BASED_AFTER.match(ctx.text, c.end)
                  and not _opens_another_body(ctx.text, c, end)
                  and not (home and c.code != home and _PARTNER_BEFORE.search(ctx.text, max(0, c.start - 12), c.start))]
        before = [c for c in around if c.end <= start]
        if before:
            return home if any(c.code == home for c in before) else before[-1].code
        if home is not None and any(c.code == home for c in around):
            return home
        # "ZESCO bought 610 GWh from Mozambique's HCB": a country goods come from or go to is a partner
        after = [c for c in around if c.start >= end
                 and not _TRADE_PARTNER_BEFORE.search(ctx.text, max(0, c.start - 14), c.start)]
        # "the Department of Veterinary Services had registered premises for export to China": a country named
        # after the body is its own only right after it ("… in Peru"); else the article's own
        if after and (home is None or _RIGHT_AFTER_BODY.fullmatch(ctx.text, end, after[0].start)):
            return after[0].code
    return article_country(ctx)


def _lookup(surface: str, country: str | None) -> gazetteer.KnownAgency | None:
    entries = _known_index().get(_key(surface), [])
    own = codes_in(surface)
    for entry in entries:
        if entry.country == country or (own and entry.country in own) or (entry.country is None
                                                                          and not own):
            return entry
    bodies = {(e.name, e.country) for e in entries}
    if len(bodies) == 1 and not own and entries[0].country and "," in surface:
        return entries[0]  # "Zakat, Tax and Customs Authority": a name only one country's body has, wherever told
    return None


def _specific(ctx: ArticleContext, surface: str) -> gazetteer.KnownAgency | None:
    """A gazetteer entry a name can only mean here: it names its country, or its country is in the article."""
    entries = _known_index().get(_key(surface), [])
    if not entries:
        return None
    own = codes_in(surface)
    present = {c.code for c in ctx.countries}
    for entry in entries:
        if entry.country is None and not own:
            return entry
        if own and entry.country in own:
            return entry
    here = [e for e in entries if e.country in present]
    if len(here) == 1 and (surface.isupper() or len(entries) == 1):
        return here[0]
    if len(entries) == 1 and " " not in surface and not surface.isupper() and len(surface) >= 6:
        return entries[0]  # a one-word proper name of one body ("Rosstat"), wherever the story is
    return None


def _known_kind(known: gazetteer.KnownAgency, kind: str) -> str:
    # A customs bureau inside a ministry is listed as a ministry; the name says customs.
    if known.kind == "ministry" and kind == "customs" and "Ministry" not in known.name:
        return kind
    return known.kind or kind


def _canonical(surface: str, country: str | None, kind: str) -> tuple[str, str | None, str]:
    known = _lookup(surface, country)
    if known:
        return known.name, known.country, _known_kind(known, kind)
    name = re.sub(r"^(?:the|The)\s+", "", surface)
    if country and kind in ("ministry", "customs", "government") and not codes_in(name):
        name = f"{name} of {gazetteer.country_names().get(country, country)}"
    return name, country, kind


# ---------------------------------------------------------------- the stage

class _Registry:
    """Agencies found so far, merged by name, abbreviation and (for customs) by country."""

    def __init__(self) -> None:
        self.items: list[_Found] = []

    def find(self, name: str, country: str | None, kind: str | None) -> _Found | None:
        key = _key(name)
        for f in self.items:
            if f.short is not None and key == _key(f.short):
                return f
        for f in self.items:
            # A company's name is its own in one article: a second country is a misreading ("Sunripe" twice);
            # "Ministry of Agriculture" of two countries is two ministries.
            if key in {_key(n) for n in (f.name, *f.also)} and (f.country == country or not country
                                                               or not f.country or "company" in (kind, f.kind)):
                return f
        if kind == "customs" and country:
            for f in self.items:
                if f.kind == "customs" and f.country == country:
                    return f
        words = set(key.split())
        for f in self.items:
            if f.country == country and f.kind == kind and len(words) >= 2 and (
                    words <= set(_key(f.name).split()) or set(_key(f.name).split()) <= words):
                return f
        # "the Tea Board" after "the Sri Lanka Tea Board": the shorter name, which names no country of its own, is
        # the body named in full, whatever country its sentence suggests
        if len(words) >= 2 and not _country_mentions(name):
            fuller = [f for f in self.items if f.kind == kind and f.country and words < set(_key(f.name).split())
                      and _country_mentions(f.name)]
            if len(fuller) == 1:
                return fuller[0]
        return None

    def add(self, name: str, country: str | None, kind: str | None, surface: str,
            span: tuple[int, int]) -> _Found:
        name, surface = _one_line(name), _one_line(surface)  # a name never runs into the next paragraph
        found = self.find(name, country, kind) or self.find(surface, country, kind)
        synthetic = _key(name) != _key(surface) and not _lookup(name, country)
        if found is None:
            found = _Found(name, country, kind, synthetic=synthetic)
            under = re.match(r"(.+?)\s+under\s+the\s+[A-Z]", name)
            found.short = under.group(1) if under and len(under.group(1).split()) >= 2 else None
            self.items.append(found)
        elif found.synthetic and not synthetic and kind == found.kind:
            found.also.append(found.name)
            found.name, found.synthetic = name, False
        elif len(_key(name)) > len(_key(found.name)) and _key(name) not in {_key(a) for a in found.also} \
                and kind == found.kind and not _lookup(found.name, found.country):
            found.also.append(found.name)
            found.name = name
        for alias in (surface, name):
            alias = re.sub(r"^(?:the|The)\s+", "", alias)
            if _key(alias) != _key(found.name) and _key(alias) not in {_key(a) for a in found.also}:
                found.also.append(alias)
        found.spans.append(span)
        return found


def _one_line(name: str) -> str:
    name = name.split("\n", 1)[0].strip() or name.strip()
    return name[:-1] if _ABBREVIATION_AT_STOP.fullmatch(name) else name  # "… president of the TREA."


_ABBREVIATION_AT_STOP = re.compile(r"[A-Z][A-Z&-]{1,9}\.")
_SHORT_YEAR = re.compile(r"[A-Za-z]['’]\d\d\b")


# "Customs Affairs of Bahrain", "Bahrain's Customs Affairs": the country a name was told with
_OWNER_PART = re.compile(r"\s+of\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*$|^[A-Z][\w.-]*['’]s?\s+")


def _excluded(ctx: ArticleContext, surface: str) -> bool:
    """News outlets and agencies credited for copy are not agencies of the article, nor is a country by its
    formal name ("the Russian Federation", "the United Arab Emirates")."""
    key = surface.casefold()
    if _is_outlet(surface) or gazetteer.country_forms().get(surface.removeprefix("the ")) is not None:
        return True
    if _SHORT_YEAR.search(surface):
        return True  # "Sep'26. Exports": a month and its year, not a name
    if surface.split()[-1].rstrip(".") in _HONORIFIC_END:
        return True  # "Commissioner for Customs and Excise Mr Tinashe Gwatidzo": a post before a name, no body
    if _THE_INSIDE.search(surface) or any(m.group(1) not in _ABBREVIATED for m in _FULL_STOP_INSIDE.finditer(surface)):
        return True  # "GDP. Exports", "tells NBC News the Department …": two names run together, neither alone
    publisher = (ctx.document.publisher or "").casefold()
    if _PUBLIC_BODY.search(surface):
        return False  # "Statistics Botswana hereby releases …": a body publishing its own figures acts in them
    return bool(publisher) and (key == publisher or key == publisher.removeprefix("the "))


# "DCG in charge of Enforcement, Investigation and Inspection", "Assistant Comptroller with responsibility for
# Enforcement and Border Security": a post's remit, not a body; "the Centre and South regions": places
_REMIT_BEFORE = re.compile(r"\b(?:in\s+charge\s+of|responsible\s+for|(?:with\s+)?responsibility\s+for|overseeing|"
                           r"covering)\s+(?:[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*,\s+)*$", re.I)
_POST_FOR = re.compile(r"\b(?:Commissioner|Director|Head|Chief|Manager|Officer|Secretary|Minister|Controller)"
                       r"(?:[- ]General)?\s+(?:for|of)\s+$")
_AT_THE_BODY = re.compile(r"(?:\s+[A-Z][\w-]*)*\s*,?\s+(?:at|with|of)\s+(?:the\s+)?[A-Z]")
_PLACES_AFTER = re.compile(r"\s+(?:regions?|provinces?|districts?|areas?|states|zones?|counties|prefectures)\b")
_BODY_HEADS = re.compile(r"\b(?:Ministry|Department|Directorate|Service|Authority|Agency|Office|Bureau|Administration|"
                         r"Commission|Council|Committee|Unit|Division|Customs|Board)\b")


# "the Agreement between the Government of the Russian Federation and the Government of …": the governments name
# the text's parties inside its title, no body acting in the article
_TEXT_BETWEEN = re.compile(r"\b(?:Agreement|Protocol|Treaty|Convention|Memorandum|Accord|Arrangement)\s+"
                           r"(?:[\w-]+\s+){0,6}?between\s+(?:the\s+)?(?:Government\s+of\s+(?:the\s+)?"
                           r"[\w'’ -]{2,60}?\s+and\s+(?:the\s+)?)?$")


def _in_a_texts_title(text: str, start: int, surface: str) -> bool:
    return surface.startswith("Government of") and bool(_TEXT_BETWEEN.search(text, max(0, start - 160), start))


def _remit(text: str, start: int, end: int) -> bool:
    """A post's remit or a place named like a body: no organisation."""
    if _POST_FOR.search(text, max(0, start - 40), start) and _AT_THE_BODY.match(text, end):
        return True  # "Commissioner for Customs and Border Control at the KRA": what the post covers, at its body
    if _BODY_HEADS.search(text, start, end):
        return False
    return bool(_PLACES_AFTER.match(text, end) and " and " in text[start:end]) \
        or bool(_REMIT_BEFORE.search(text, max(0, start - 80), start))


_HONORIFIC_END = frozenset(("Mr", "Mrs", "Ms", "Dr", "Hon", "Prof", "Eng", "Engr", "Sir", "Dame", "Madam"))
_THE_INSIDE = re.compile(r"[A-Z][\w'’-]*\s+the\s+[A-Z]")
_FULL_STOP_INSIDE = re.compile(r"\b([A-Za-z]{2,})\.\s+[A-Z][a-z]")
_ABBREVIATED = frozenset(("St", "Co", "Ltd", "Inc", "Corp", "No", "Mt", "Ft", "Dr", "Jr", "Sr", "Bros", "Gen", "Govt",
                          "Dept", "Intl", "Natl", "Assn", "Mr", "Ms", "Mrs", "Prof", "Rep", "Ste"))
_PUBLIC_BODY = re.compile(r"\b(?:Statistics|Statistical|Customs|Revenue|Ministry|Department|Authority)\b")


# Any national wire: "Kazinform News Agency", "National Iraqi News Agency", "Saudi Press Agency"
_NEWS_AGENCY = re.compile(r"\b(?:News|Press|Telegraph|Information)\s+(?:Agency|Service)$")


# "Arusha International Conference Centre": a venue, where bodies meet, no body
_VENUE = re.compile(r"\b(?:Conference|Convention|Exhibition|Expo|Congress|Events?)\s+(?:Centre|Center|Hall|Complex)$")


@lru_cache(maxsize=4096)
def _is_outlet(surface: str) -> bool:
    """A news agency or outlet ("Xinhua", "Tunis Afrique Presse"), a venue, or a word never an agency ("FTA")."""
    key = surface.casefold()
    if key in _config()["news"] or key in _config()["not_agencies"] or _NEWS_AGENCY.search(surface) \
            or _VENUE.search(surface):
        return True
    outlet = publishers.by_name(surface) if len(surface) > 3 else None
    return outlet is not None and (outlet.wire or outlet.name.casefold() == key.removeprefix("the "))


_PLAIN_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")


def article_words(ctx: ArticleContext) -> frozenset[str]:
    """The words of an article, as written (computed once): a quick look for vocabularies."""
    words = ctx.__dict__.get("_words")
    if words is None:
        words = ctx.__dict__["_words"] = frozenset(_PLAIN_WORD.findall(ctx.text))
    return words
_WORD_GOES_ON = re.compile(r"[\w-]")


_TITLE_NEXT = re.compile(r"(?:['’]s)?\s+(?:[A-Za-z][a-z]+[\s-])?"
                         r"(?:Minister|Commissioner|Director|Chairman|Chairwoman|Chairperson|"
                         r"Chair|Head|Chief|President|Spokesman|Spokeswoman|Spokesperson|Secretary|Governor|Deputy|"
                         r"Vice|CEO|chief|head|director|manager|spokesman|spokeswoman|spokesperson|official|"
                         r"officials)\b")


@lru_cache(maxsize=64)
def _phrases_of(vocabulary: frozenset[str]) -> tuple[str, ...]:
    """The words of a vocabulary that hold a space (a phrase, found in the text, not among its words)."""
    return tuple(w for w in vocabulary if " " in w)


class _Reading:
    """One article's agency reading: the registry, the spans taken, the abbreviations it defines."""

    def __init__(self, ctx: ArticleContext) -> None:
        self.ctx = ctx
        self.text = ctx.text
        self.reg = _Registry()
        self.taken = _Taken()
        self.abbreviations: dict[str, _Found] = {}
        self.not_agencies = _defined_otherwise(ctx.text)
        self.words = article_words(ctx)

    def hits(self, vocabulary: frozenset[str]) -> list[tuple[int, int, str]]:
        """Where the text has words of a vocabulary, as whole words, in order."""
        # one set intersection for the single words; only the few phrases are looked for in the text
        present = [*(vocabulary & self.words), *(w for w in _phrases_of(vocabulary) if w in self.text)]
        out: list[tuple[int, int, str]] = []
        for w in present:
            pos = self.text.find(w)
            while pos >= 0:
                end = pos + len(w)
                if _word_start(self.text, pos) and not _WORD_GOES_ON.match(self.text, end):
                    out.append((pos, end, w))
                pos = self.text.find(w, end)
        return sorted(out)

    def free(self, start: int, end: int) -> bool:
        return not _overlaps(self.taken, start, end)


    def add(self, name: str, country: str | None, kind: str, surface: str, span: tuple[int, int]) -> _Found:
        if kind == "company":  # "QatarEnergy", "Kenya Tea Packers": a company that names a country is of it
            country = _country_named_in(name) or country
        found = self.reg.add(name, country, kind, surface, span)
        self.taken.append(span)
        return found

    def take(self, start: int, end: int, owner: str | None = None) -> None:
        """A proper name found in the text: recognised, given its country and kind, registered."""
        based = _BASED.match(self.text, start, end)  # "Mumbai-based Sunvin Group": the company is Sunvin Group
        based_in = next((c.code for c in self.ctx.countries_in(start, based.end()) if c.form != "bloc"),
                        None) if based else None
        start = based.end() if based else start
        surface = self.text[start:end]
        if not surface or surface in gazetteer.blocs():
            return  # a bloc is an agency only when it acts (_take_blocs)
        self.taken.append((start, end))
        if _excluded(self.ctx, surface) or surface in self.not_agencies or _is_document(surface) \
                or _remit(self.text, start, end) or _in_a_texts_title(self.text, start, surface):
            return
        existing = next((f for f in self.reg.items if _key(surface) in {_key(n) for n in (f.name, *f.also)}), None)
        if existing is None and surface.isupper():
            existing = self._spelled(surface)
        if existing is None and not owner:
            # "Bahrain's Customs Affairs …, a statement from Customs Affairs said": the name told before, its
            # country left out
            existing = next((f for f in self.reg.items if _key(surface) in {
                _key(_OWNER_PART.sub("", n)) for n in (f.name, *f.also)} and f.country), None)
        if existing is not None and not owner:
            existing.spans.append((start, end))
            return
        name, country, kind, also = self._identify(start, end, owner or _owner_before(self.ctx, start))
        if name is None:
            return
        country = based_in or country  # "Tokyo-based Sakura Foods" is Japanese
        written = surface if not owner else _possessive(self.ctx, start, surface)
        bare = re.sub(r"\s+of\s+[A-Z][\w ]+$", "", name)  # without a country added to a customs service's name
        prefix = written[:written.find(bare)] if bare in written else ""
        if prefix and not written.isupper() and not _OWNER_PREFIX.fullmatch(prefix):
            written = name  # "Director General of Benin's Direction Générale …": the run's title is no other name
        found = self.reg.add(name, country, kind, written, (start, end))
        found.also.extend(a for a in also if a not in found.also)
        self._note_abbreviation(found, end)

    def _identify(self, start: int, end: int, owner: str | None) -> tuple:
        """(name, country, kind, other names) of a proper name, or a None name for a known
        abbreviation of a body of a country the article never names."""
        surface = self.text[start:end]
        kind = kind_of(surface)
        known = _specific(self.ctx, surface)
        if known:
            name, also = _written_or_known(surface, known, self.text)
            return name, known.country, _known_kind(known, kind), also
        if surface.isupper() and _known_index().get(_key(surface)):
            entry = _known_index()[_key(surface)][0]
            if not (_acting(self.ctx, start, end) or _TITLE_NEXT.match(self.text, end)):
                return None, None, None, []  # "signed the MRA" in a story without Mauritius
            return entry.name, entry.country, _known_kind(entry, kind), []  # "GACC Minister X said"
        if _international(surface):
            return re.sub(r"^(?:the|The)\s+", "", surface), None, "international", []
        country = _country_of(self.ctx, start, end, owner, kind)
        name, country, kind = _canonical(surface, country, kind)
        return name, country, kind, []

    def _spelled(self, abbr: str) -> _Found | None:
        """"the GAC said" after "the General Administration of Customs of Turkey": the agency
        named earlier whose initials the abbreviation is."""
        for f in self.reg.items:
            if initials(f.name) == abbr:
                if abbr not in f.also:
                    f.also.append(abbr)
                return f
        return None

    def _note_abbreviation(self, found: _Found, end: int) -> None:
        abbr = _ABBR_AFTER.match(self.text, end)
        if abbr and sum(ch.isupper() for ch in abbr.group(1)) >= 2 and abbr.group(1) not in gazetteer.country_forms():
            self.abbreviations[abbr.group(1)] = found
            if abbr.group(1) not in found.also:
                found.also.append(abbr.group(1))


def extract_agencies(ctx: ArticleContext) -> list[Agency]:
    r = _Reading(ctx)
    _take_offices(r)
    _take_known(r, with_commas=True)  # "Zakat, Tax and Customs Authority": a name the capitalised runs would cut
    _take_runs(r)
    _take_known(r)
    _take_embassies(r)
    _take_legislatures(r)
    _take_companies(r)
    _take_industry_names(r)
    _take_company_appositions(r)
    _take_company_agents(r)
    _take_partner_companies(r)
    _take_ranked_companies(r)
    _take_employers(r)
    _take_abbreviation_before_title(r)
    _take_names_before_posts(r)
    _take_descriptive(r)
    _take_country_descriptors(r)
    _take_blocs(r)
    _take_abbreviations(r)
    _take_short_names(r)
    return _records(ctx, r.reg)


def _told_in_full_later(reg: _Registry) -> None:
    """"The Commissioner of Customs and Excise … the Customs and Excise Department (Hong Kong Customs)": a name told
    first without its country (given one from the words around it) and later in full, with a country of its own, is
    the later body."""
    for f in list(reg.items):
        bare = [a for a in (f.name, *f.also) if not codes_in(a)]
        fuller = next((g for g in reg.items if g is not f and g.country and g.country != f.country and g.kind == f.kind
                       and g.spans and f.spans and min(g.spans) > min(f.spans)
                       and any(g.name.startswith(f"{a} ") for a in bare)), None)
        if fuller is not None:
            fuller.spans.extend(f.spans)
            fuller.also.extend(a for a in bare if a not in fuller.also)
            reg.items.remove(f)


def _abbreviation_spelled_out(reg: _Registry) -> None:
    """"NCS Board" beside "Nigeria Customs Service (NCS)" and "Nigeria Customs Service Board": the abbreviation
    spelled out names a body found in full."""
    for f in list(reg.items):
        first, _, rest = f.name.partition(" ")
        if not rest or not first.isupper() or len(first) < 2:
            continue
        spelled = next((g.name for g in reg.items if g is not f and (first in g.also or g.short == first)), None)
        full = next((g for g in reg.items if g is not f and spelled and _key(g.name) == _key(f"{spelled} {rest}")),
                    None)
        if full is not None:
            full.spans.extend(f.spans)
            full.also.append(f.name)
            reg.items.remove(f)


def _records(ctx: ArticleContext, reg: _Registry) -> list[Agency]:
    """The agencies found, each with the sentence of its first mention; every mention recorded."""
    _told_in_full_later(reg)
    _abbreviation_spelled_out(reg)
    _joined_to_another(ctx, reg)
    _joined_to_a_region(ctx, reg)
    mentions = mentions_of(ctx).agencies
    out: list[Agency] = []
    for f in reg.items:
        if not f.spans or all(_credit_line(ctx.text, s, e, public=f.kind in _PUBLIC_KINDS) for s, e in f.spans):
            continue
        if f.kind == "company" and all(_a_place(ctx, s, e) or _in_a_texts_subject(ctx.text, s) for s, e in f.spans):
            continue
        if not f.quiet:
            mentions.extend(AgencyMention(s, e, f.name) for s, e in f.spans)
        sent = ctx.sentence_at(min(f.spans)[0])
        also = [a for a in dict.fromkeys(f.also) if _key(a) != _key(f.name)]
        out.append(Agency(name=f.name, also=also, country=f.country, kind=f.kind,
                          evidence=[ctx.evidence_for(sent)] if sent else []))
    mentions.sort(key=lambda m: m.start)
    return out


# "the Protocol on Trade in Fresh Agricultural Produce and Processed Foods": the title words of a text's subject
_TEXTS_SUBJECT_BEFORE = re.compile(r"\b(?:Agreement|Protocol|Treaty|Convention|Memorandum|Accord|Arrangement)\s+"
                                   r"(?:on|for|concerning|regarding)\s+(?:(?:[A-Z][\w-]*|and|of|in|the|to|on|for)\s+)"
                                   r"{0,12}$")


def _in_a_texts_subject(text: str, start: int) -> bool:
    return _TEXTS_SUBJECT_BEFORE.search(text, max(0, start - 160), start) is not None


_JOINED = re.compile(r"(?P<abbr>[A-Z]{2,6})\s+(?:and|&)\s+(?=[A-Z])")


def _joined_to_another(ctx: ArticleContext, reg: _Registry) -> None:
    """"between the MRA and Island Bottlers Ltd": a company's name that opens with the abbreviation of another body
    of the article ("Mauritius Revenue Authority") and "and" names two parties; the company is the second."""
    for f in reg.items:
        m = _JOINED.match(f.name) if f.kind == "company" else None
        if m is None or not any(g is not f and (m["abbr"] in g.also or initials(g.name) == m["abbr"])
                                for g in reg.items):
            continue
        f.name = f.name[m.end():]
        f.spans = [(s + m.end(), e) if ctx.text[s:s + m.end()] == m.group() else (s, e) for s, e in f.spans]


# "plants in Nampula", "the Batken customs office", "the Jalal-Abad processor Ak-Jemish Agro": one word told as a
# place — after a preposition of place, or qualifying a public office or a role noun before another name (not "the
# Zespri group", a company by its noun)
_IN_BEFORE = re.compile(r"\b(?:in|at|near|around|outside)\s+$")
_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")
_NOUN_AFTER = re.compile(r"\s+(?:(?:customs|border|regional|district|provincial|municipal)\b|[a-z]+\s+(?=[A-Z]))")


def _a_place(ctx: ArticleContext, start: int, end: int) -> bool:
    """A company's name that is a place: part of a country's name ("Trinidad and Tobago", "Côte d'Ivoire"), or
    one word told as a place."""
    if any(c.start <= start and end <= c.end for c in ctx.countries_in(max(0, start - 40), end + 40)):
        return True
    text = ctx.text
    if _PLACES_LISTED.search(text, max(0, start - 120), start):
        return True  # "the districts of Isfara, Kanibadam and Bobojon Gafurov have exported": places
    if " " in text[start:end].strip():
        return False
    return bool(_IN_BEFORE.search(text, max(0, start - 8), start)) or (
        bool(_THE_BEFORE.search(text, max(0, start - 4), start)) and bool(_NOUN_AFTER.match(text, end)))


_PLACES_LISTED = re.compile(r"\b(?:districts|regions|provinces|counties|municipalities|towns|villages|cities|"
                            r"oblasts|governorates|prefectures)\s+of\s+(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
                            r"(?:,\s+|\s+and\s+))*$")


_LABEL_RIGHT_BEFORE = re.compile(r"\W*(?:source|sources|via|credit|photo|photos|reporting|with\s+reporting\s+by)"
                                 r"\s*:\s*", re.I)
_CREDIT_LABEL = re.compile(r"(?im)^\W*(?:full\s+story|source|reporter|rewriter|writer|editor|translator|photo|"
                           r"credit|compiled\s+by|edited\s+by|written\s+by)\s*:")


_TRANSLATED = re.compile(r"\b(?:translated|edited|adapted)\b", re.I)
_PUBLIC_KINDS = frozenset(("customs", "ministry", "government", "state_body", "international"))


_NEWS_AGENCY_NAME = re.compile(r"\b(?:News|Information|Press|Telegraph)\s+Agency\b")


def _credit_line(text: str, start: int, end: int, public: bool = False) -> bool:
    """"Reporter: …, Rewriter: …" then "National News Bureau of Thailand" alone on the last lines: a credit, no
    body acting in the story."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    translated = _TRANSLATED.search(text, end, line_end) is not None
    # (a state's news agency is credited as a source, not cited as a body: "Source: National Information Agency of X")
    newsroom = _NEWS_AGENCY_NAME.search(text, start, end) is not None
    if (not public or translated or newsroom) and _LABEL_RIGHT_BEFORE.fullmatch(text, line_start, start) \
            and line_end >= len(text) - 400:
        # "Source: Kabar Agro, translated and edited by Agroforestry News": the story's source, credited (not
        # "Source: Indonesian Customs", a public body whose figures the story gives)
        return True
    if text[line_start:start].strip(" \t-–—*") or text[end:line_end].strip(" \t.,;") or line_end < len(text) - 400:
        return False  # not a whole line, or not among the closing lines
    return bool(_CREDIT_LABEL.search(text, max(0, line_start - 300), line_start))


def _take_runs(r: _Reading) -> None:
    """Organisations named by capitalised runs ("the Kenya Revenue Authority")."""
    text = r.text
    heads = _config()["head_words"]
    for run_start, run in _runs(text):
        words = _RUN_WORD.findall(run)
        if heads.isdisjoint(words) and "Statistics" not in words:
            continue  # no head word, no organisation (most runs: names, sentence openers)
        person_first = run_start > 3 and text[run_start - 2].islower() and bool(
            _PARTICLE_BEFORE.search(text, max(0, run_start - 30), run_start))
        spelled = _spelled_whole(text, run_start, run, {f.name for f in r.reg.items})
        if spelled is not None:  # "Dubai Customs World (DCW)": the abbreviation spells the whole run, one name
            if r.free(*spelled):
                r.take(*spelled)
            continue
        for part_start, part in _run_parts(run, run_start):
            for s, e, owner in _segments(part, part_start, person_first):
                person_first = False
                span = _trim(text, s, e)
                if span is None or not r.free(*span):
                    continue
                start, end = span[0], _legal_end(text, _embassy_end(text, *span))
                if _PORTFOLIO_BEFORE.search(text, max(0, start - 40), start):
                    continue  # "takes charge of Enforcement, Investigation and Inspection": a remit, no body
                if _is_place(text, start, end) and not _acting(r.ctx, start, end):
                    r.taken.append((start, end))
                    continue
                r.take(start, end, owner)


_RUN_WORD = re.compile(r"[\w&]+")
_PORTFOLIO_BEFORE = re.compile(r"\b(?:charge\s+of|responsible\s+for|responsibility\s+for|oversees?|overseeing)\s+"
                               r"(?:[A-Z][\w-]*,\s+)*$")


def _spelled_whole(text: str, run_start: int, run: str, known: set[str]) -> tuple[int, int] | None:
    """The span of a run (without a leading "The") that the abbreviation in brackets after it spells whole, when
    the run, named after a place, goes on past its last head word ("Dubai Customs World (DCW)", "Kenya Ports
    Authority Pension Scheme (KPAPS)")."""
    lead = re.match(r"(?:The|the)\s+", run)
    start = run_start + (lead.end() if lead else 0)
    end = run_start + len(run)
    name = text[start:end]
    if name in known:
        return start, end  # "… with Dubai Customs World": told again in full after its abbreviation
    abbr = _ABBR_AFTER.match(text, end)
    if abbr is None or len(abbr.group(1)) < 3 or " " not in name:
        return None
    words = _RUN_WORD.findall(name)
    heads = _config()["head_words"]
    if words[-1] in heads or heads.isdisjoint(set(words[:-1]) - {"International"}) or not _named_after_a_country(name):
        return None  # the usual cut keeps it whole, there is no organisation in it, or no place names it
    return (start, end) if initials(name) == abbr.group(1).replace(".", "") else None


def _run_parts(run: str, offset: int) -> list[tuple[int, str]]:
    """"the X Service and the Y Authority", "Parliament and Government of Z", "the European Union
    and New Zealand": a run that names two things, in parts."""
    if " and " not in run:
        return [(offset, run)]
    cfg = _config()
    parts: list[tuple[int, str]] = []
    last = 0
    for m in _AND_SPLIT.finditer(run):
        left = run[last:m.start()].split()
        right = run[m.end():]
        first = right.split()[0] if right.split() else ""
        # "… Customs and Border Protection and Immigration and Customs Enforcement": a name with an "and" of its own
        # ends at a head word, and another ends at its own
        joined = left.index("and") if "and" in left else 0
        both_headed = joined > 0 and left[joined - 1] in cfg["heads"] and left[-1] in cfg["heads"] \
            and right.split()[-1] in cfg["heads"] and first not in _CONNECTORS
        if m.group("the") or first in cfg["opening_heads"] or both_headed or (
                left and left[-1] in cfg["heads"] and _starts_with_country(right)):
            parts.append((offset + last, run[last:m.start()]))
            last = m.end()
    parts.append((offset + last, run[last:]))
    return parts


_AND_SPLIT = re.compile(r"\s+and\s+(?P<the>the\s+)?")


def _starts_with_country(text: str) -> bool:
    """"New Zealand …", "Lao Customs": a country's name, or its adjective before a head word, opens the text."""
    found = _country_mentions(text[:40])
    if not found or found[0].start != 0:
        return False
    words = text[found[0].end:].split()
    return found[0].form == "name" or (found[0].form == "adjective" and bool(words) and words[0] in _config()["heads"])


_LEGAL_TAIL = re.compile(r"\.?,?[ \t]+(?:Ltd|Limited|Inc|LLC|Pvt\.?[ \t]+Ltd|Pty\.?[ \t]+Ltd|Sdn\.?[ \t]+Bhd"
                         r"|JSC|PLC|Plc)\b")
_COMPANY_END = re.compile(r"\b(?:Co|Company|Corp|Corporation|Industries|Group|Holdings?)$")


def _legal_end(text: str, end: int) -> int:
    """"Mekong Agro Co., Ltd": a company's name runs on over the legal form after a comma."""
    if _COMPANY_END.search(text, max(0, end - 12), end):
        m = _LEGAL_TAIL.match(text, end)
        if m:
            return m.end()
    return end


def _embassy_end(text: str, start: int, end: int) -> int:
    """"the Embassy of Peru in Hanoi": an embassy's name runs on over its city."""
    embassy = re.match(r"\s+in\s+((?:[A-Z][\w'’-]+\s?)+)", text[end:end + 40])
    if re.search(r"(?:Embassy|Consulate)$", text[start:end]) and embassy:
        end += embassy.end(1) - (1 if embassy.group(1).endswith(" ") else 0)
    return end


def _runs(text: str):
    """Capitalised runs, (start, run); a run whose head has a complement continues over a
    comma list of capitalised items ending in "and": "Authority for Identity, Citizenship,
    Customs and Port Security". Items naming a country end the name."""
    cfg = _config()
    matches = list(_RUN.finditer(text))
    i = 0
    while i < len(matches):
        m = matches[i]
        end = m.end()
        comp = _COMPLEMENT.search(m.group())
        if comp and any(w in cfg["heads"] for w in m.group()[:comp.start()].split()):
            tail = _LIST_TAIL.match(text, end)
            if tail and not codes_in(tail.group()):
                end = tail.end()
                while i + 1 < len(matches) and matches[i + 1].start() < end:
                    i += 1
                    end = max(end, matches[i].end())
        yield m.start(), text[m.start():end]
        i += 1


def _possessive(ctx: ArticleContext, start: int, surface: str) -> str:
    """"Ghana's Revenue Authority": the surface with its possessive owner, as the text has it."""
    m = re.search(r"([A-Z][\w.\- ]*?['’]s)\s+$", ctx.text[max(0, start - 40):start])
    return f"{m.group(1)} {surface}".replace("’", "'") if m else surface


class _Taken(list):  # type: ignore[type-arg]
    """Spans taken so far, with the characters they cover: whether a span is free costs its own length,
    not the number of spans (an article of a million characters has thousands)."""

    def __init__(self) -> None:
        super().__init__()
        self.covered: set[int] = set()

    def append(self, span: tuple[int, int]) -> None:
        super().append(span)
        self.covered.update(range(span[0], span[1]))


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    if isinstance(taken, _Taken):
        return not taken.covered.isdisjoint(range(start, end))
    return any(s < end and start < e for s, e in taken)


def _take_known(r: _Reading, with_commas: bool = False) -> None:
    """Names and abbreviations of the gazetteer ("GACC", "Korea Customs") the runs did not give; with
    `with_commas`, only the names with a comma, before the runs."""
    cut = _config()["not_after"]
    for start, end, _name in _known_matcher().finditer(r.text):
        # … and names ending in a word after which the runs stop ("Customs and Border Control")
        first = "," in r.text[start:end] or r.text[start:end].split()[-1] in cut
        if (not with_commas or first) and r.free(start, end):
            r.take(start, end)


def _take_embassies(r: _Reading) -> None:
    """"Russian embassy in Cairo", "the US embassy in London": lower-case embassies of a country."""
    for c in r.ctx.countries:
        m = re.match(r"\s+(?:embassy|consulate(?: general)?)(?:\s+in\s+[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?)?",
                     r.text[c.end:c.end + 60])
        if not m or c.form == "bloc" or not r.free(c.start, c.end + m.end()):
            continue
        start, end = c.start, c.end + m.end()
        surface = r.text[start:end]
        r.add(surface, c.code, "state_body", surface, (start, end))


@cache
def _legislatures() -> re.Pattern[str]:
    names = _alternation(gazetteer.agency_patterns().get("legislatures", []))
    return re.compile(rf"(?<![\w-])(?:{names})(?![\w-])")


# a legislature acting on a text (past an apposition: ", the lower house of X's Parliament,"), or a text put before it
_LEGISLATURE_ACTS = re.compile(r"\s*(?:\([^()]{1,30}\)\s*)?(?:,\s+(?:the\s+)?[^,;()]{3,60},\s*)?"
                               r"(?:(?:has|have|had|also|on\s+\w+day|unanimously|formally|"
                               r"finally|already|now)\s+)*(?:ratified|ratifies|approved|approves|passed|passes|adopted|"
                               r"adopts|voted|votes|endorsed|endorses|backed|debated|rejected|will\s+(?:vote|consider|"
                               r"debate|ratify)|is\s+(?:expected|due)\s+to|gave|gives|granted)\b")
_PUT_BEFORE = re.compile(r"\b(?:(?:submitted|sent|tabled|presented|referred|forwarded|introduced)\s+(?:it\s+|them\s+)?"
                         r"(?:to|before|in)|(?:ratified|approved|passed|adopted|endorsed|backed|rejected)\s+by|"
                         # "The law now goes to the Senate", "… go through the Senate": the next stage of a bill
                         r"(?:go|goes|went|going|pass|passes|passed|move|moves|moved)\s+(?:on\s+)?(?:to|through))\s+"
                         r"(?:the\s+)?(?:[A-Z][\w'’.-]*(?:\s[A-Z][\w'’-]*)?['’]s?\s+)?$")


def _take_legislatures(r: _Reading) -> None:
    """"The Senate ratified the protocol", "Kazakhstan's Mazhilis approved …", "submitted to Parliament": a
    legislature named by its one word acts on a text (its country: the possessive before it, else the story's)."""
    for m in _legislatures().finditer(r.text):
        start, end = m.span()
        if not r.free(start, end) or not (_LEGISLATURE_ACTS.match(r.text, end)
                                          or _PUT_BEFORE.search(r.text, max(0, start - 40), start)):
            continue
        owner = _owner_mention(r.ctx, start)
        country = (owner.code if owner else None) or described_country(r.ctx, start) \
            or context_country(r.ctx, start, end)
        word = re.compile(rf"\b{re.escape(m.group())}\b")
        fuller = next((f for f in r.reg.items if f.kind == "state_body" and f.country in (country, None)
                       and word.search(f.name)), None)
        if fuller is not None:  # "the Mexican Senate … ratified by the Senate": the one named in full
            fuller.spans.append((start, end))
            continue
        if owner is not None:  # "Guatemala's Congress": the Congress of Guatemala, as written too
            name = f"{m.group()} of {gazetteer.country_names().get(owner.code, owner.code)}"
            r.add(name, owner.code, "state_body", r.text[owner.start:end], (start, end))
            continue
        r.add(m.group(), country, "state_body", m.group(), (start, end))


# ---------------------------------------------------------------- offices of heads of state

@cache
def _offices() -> re.Pattern[str]:
    heads = _alternation(_config()["office_holders"])
    return re.compile(rf"\b(?:Office\s+of\s+the\s+(?:{heads})(?:\s+of\s+(?:the\s+)?(?P<of>[A-Z][\w'’-]*"
                      rf"(?:\s+[A-Z][\w'’-]*){{0,3}}))?"
                      rf"|(?:(?P<adj>[A-Z][\w-]+)\s+)?(?:{heads})['’]s\s+Office"
                      rf"|Presidential\s+(?:Office|Administration|Executive\s+Office))\b")


def _take_offices(r: _Reading) -> None:
    """"Office of the President of Ukraine", "the Prime Minister's Office": state bodies whose
    names hold a title, which the capitalised runs would cut."""
    if "Office" not in r.text and "Presidential" not in r.text:
        return
    for m in _offices().finditer(r.text):
        start, end = m.span()
        if m.group("adj") and not codes_in(m.group("adj")):
            start = m.start("adj") + len(m.group("adj")) + 1
        if m.group("of") and not codes_in(m.group("of")):
            end = m.start("of") - len(" of ") - (4 if r.text[m.start("of") - 4:m.start("of")] == "the " else 0)
        surface = r.text[start:end]
        country = _country_of(r.ctx, start, end, _owner_before(r.ctx, start), "government")
        known = _lookup(surface, country)
        name = known.name if known else surface
        r.add(name, country, "state_body", surface, (start, end))


def _owner_before(ctx: ArticleContext, start: int) -> str | None:
    """The country of a possessive right before a name ("Kenya's ...")."""
    owner = _owner_mention(ctx, start)
    return owner.code if owner is not None else None


def _owner_mention(ctx: ArticleContext, start: int) -> CountryMention | None:
    """The possessive country mention right before a name ("Kenya's ...")."""
    before = [c for c in ctx.countries if 0 <= start - c.end <= 30 and c.form != "bloc"
              and _OWNED.fullmatch(ctx.text[c.end:start])]
    return before[-1] if before else None


# "Kenya's …", "Bangladesh's state-owned …": a possessive, and descriptors of ownership, before a name
_OWNED = re.compile(r"['’]s\s+(?:(?:state-owned|state-run|government-owned|national|state|public|largest|main)\s+)*")


# ---------------------------------------------------------------- places and acting

def _is_place(text: str, start: int, end: int) -> bool:
    """A port, terminal or airport named as a place ("the Port of Santos", "Tema Port")."""
    words = text[start:end].split()
    cfg = _config()
    # The head before a complement names the thing: "Port of Santos", "Berbera Port for Saudi
    # Arabia" are ports; "Authority for Identity, Customs and Port Security" is an authority.
    cut = next((i for i, w in enumerate(words) if w in ("of", "for") and i > 0), len(words))
    heads = [w for w in words[:cut] if w in cfg["heads"] or w in cfg["place_heads"]]
    return bool(heads) and heads[-1] in cfg["place_heads"]


def _acting(ctx: ArticleContext, start: int, end: int) -> bool:
    """A body that does something in its sentence: the subject of an action or reporting verb, a
    possessive, an agent after "by", or the employer of a post ("director of the Port of X")."""
    cfg = _config()
    after = cfg["acting_after"].match(ctx.text, end)
    if after:
        return True
    left = ctx.text[max(0, start - 40):start]
    if re.search(r"\bby\s+(?:the\s+)?$", left):
        return True
    post = re.search(r"(\w+)\s+(?:of|at)\s+(?:the\s+)?$", left)
    return bool(post and _is_post_word(post.group(1)))


@cache
def _post_words() -> frozenset[str]:
    t = gazetteer.titles()
    return frozenset(w.lower() for h in t.get("heads", []) for w in re.split(r"[\s-]+", h))


def _is_post_word(word: str) -> bool:
    return word.lower() in _post_words()


# ---------------------------------------------------------------- companies

def _take_companies(r: _Reading) -> None:
    """"Chinese firm X", "the X factory": companies named by the word before or after them."""
    cfg = _config()
    spans = []
    for _s, end, _w in r.hits(cfg["company_before_words"]):
        m = _NAME_AFTER.match(r.text, end)
        if m:
            spans.append(m.span("name"))
    for start, _e, _w in r.hits(cfg["company_after_words"]):
        span = _name_before(r.text, start - 1, 4) if r.text[start - 1:start] == " " else None
        if span and r.text[max(0, span[0] - 4):span[0]] == "the ":
            spans.append(span)
    not_names = _not_names()
    for s, e in sorted(spans):
        name = r.text[s:e]
        if not r.free(s, e) or name.split()[0] in not_names or codes_in(name) or "-based" in name:
            continue
        _add_company(r, name, s, e)


# Not "the Arilje-based company": a "-based" word places a company, it does not name one.
_NAME_AFTER = re.compile(r"\s+(?P<name>(?![\w\-]*-based\b)[A-Z][A-Za-z0-9&\-]+"
                         r"(?:[ \t]+(?![\w\-]*-based\b)[A-Z][A-Za-z0-9&\-]+){0,3})")


# "the vessel Star Iris", "MV Ocean Pride": a ship's name, not a company's.
_SHIP_BEFORE = re.compile(r"\b(?:vessel|ship|tanker|bulker|bulk\s+carrier|freighter|carrier|barge|MV|M/V|MT)\s+$", re.I)


# "Exporter TPT Forests said": the role a company plays, written before its name
_ROLE_BEFORE_NAME = re.compile(r"(?:Exporter|Importer|Trader|Processor|Buyer|Seller|Supplier|Producer|Shipper)\s+"
                               r"(?=\S+\s+\S)")
_PARTNER_BEFORE = re.compile(r"\bwith\s+(?:the\s+)?$")
_BASED_AFTER = re.compile(r"-(?:based|headquartered|listed|registered)\b")
_BASED = re.compile(r"(?:[\w'’.-]+-(?:based|headquartered|listed|owned|run)\s+"
                    r"(?:(?:importer|exporter|company|firm|trader|distributor|retailer|supplier|processor|"
                    r"producer|grower|chain|group|buyer|shipper)\s+)?)+")  # "Seoul-based importer Hanaro Fresh"


def _add_company(r: _Reading, name: str, s: int, e: int, country: str | None = None) -> None:
    based = _BASED.match(name)  # "Mumbai-based Sunvin Group": the company is Sunvin Group
    if based:
        country = next((c.code for c in r.ctx.countries_in(s, s + based.end()) if c.form != "bloc"), country)
        name, s = name[based.end():], s + based.end()
    role = _ROLE_BEFORE_NAME.match(name)
    if role:
        name, s = name[role.end():], s + role.end()
    if not name or _excluded(r.ctx, name) or name in r.not_agencies or _SHIP_BEFORE.search(r.text, max(0, s - 20), s):
        return
    country = _country_named_in(name) or country or _based_before(r, s) or _owner_before(r.ctx, s) \
        or described_country(r.ctx, s) or context_country(r.ctx, s, e)
    r.add(name, country, "company", name, (s, e))


_BASED_BEFORE = re.compile(r"([\w'’.-]+)-(?:based|headquartered)\s+(?:[a-z]+\s+){0,2}$")


def _based_before(r: _Reading, s: int) -> str | None:
    """"Seoul-based importer Hanaro Fresh": the country of the place the company is based in."""
    m = _BASED_BEFORE.search(r.text, max(0, s - 50), s)
    if m is None:
        return None
    return next((c.code for c in r.ctx.countries_in(m.start(1), m.end(1)) if c.form != "bloc"), None)


def _country_named_in(name: str) -> str | None:
    """"Fiji Flour Mills", "Kenya Tea Packers": a company that names a country is of it."""
    found = [c for c in find_countries(name) if c.form in ("name", "adjective")]
    return found[0].code if found else _compound_country(name)


_APPOSITION_TAIL = re.compile(r",\s+(?:an?|the|one|(?P<owner>[A-Z][\w'’ -]*?)['’]s)\s+(?:[\w-]+\s+){0,4}?")
_AUXILIARY = re.compile(r"(?:\s+(?:has|have|had|also|will|recently|already))?\s+")
_BY_AGENT = re.compile(r"\s+by\s+(?P<name>[A-Z][\w&'’.-]*(?:[ \t]+(?:&[ \t]+)?[A-Z][\w&'’.-]*){0,4})")
_NAME_CHARS = frozenset("&'’.-")


_ENDS_SENTENCE = re.compile(r"[a-z]{2}\.$")


# "bought 610 GWh from Mozambique's Hidroeléctrica de Cahora Bassa", "sold to China's COFCO": a partner's company
_OWNED_PARTNER = re.compile(r"\b(?:from|to)\s+(?P<owner>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2})['’]s\s+"
                            r"(?P<name>[A-Z][\w&-]*(?:\s+(?:(?:de|del|da|do|of|and|&)\s+)?[A-Z][\w&-]*){0,4})")


_INSTITUTIONS = frozenset(("Treasury", "Government", "Parliament", "Cabinet", "Presidency", "Senate", "Congress",
                           "Customs", "Police", "Army", "Navy", "State", "National", "Central", "Federal"))


def _take_partner_companies(r: _Reading) -> None:
    """A capitalised name a country owns, right after "from" or "to": the company on that side of the trade."""
    if "’s" not in r.text and "'s" not in r.text:
        return
    for m in _OWNED_PARTNER.finditer(r.text):
        owner = [c for c in r.ctx.countries_in(m.start("owner"), m.end("owner")) if c.form in ("name", "capital")]
        s, e = m.span("name")
        name = m.group("name")
        if not owner or not r.free(s, e) or _not_a_company_name(name, r.text) or codes_in(name) \
                or _is_outlet(name) or kind_of(name) != "state_body" or name in gazetteer.blocs() \
                or name.split()[0] in _INSTITUTIONS:
            continue  # only bare names: "South Africa's Ministry of Energy" is read as the ministry it is
        _add_company(r, name, s, e, owner[0].code)


def _name_before(text: str, end: int, limit: int = 5) -> tuple[int, int] | None:
    """The span of the capitalised words (at most `limit`, "&" between them allowed) that end
    right at `end`, walking back on one line; None when the word before `end` is not capitalised."""
    start, i, words = end, end, 0
    while words < limit:
        j = i
        while j > 0 and text[j - 1] in " \t":
            j -= 1
        k = j
        while k > 0 and (text[k - 1].isalnum() or text[k - 1] in _NAME_CHARS):
            k -= 1
        word = text[k:j]
        if not word or (word != "&" and not word[0].isupper()) or (words == 0 and j != end):
            break
        if words and _POSSESSIVE.match(word):
            break  # "China's Zijin Mining": the owner is no part of the name
        if words and _ENDS_SENTENCE.search(word):
            break  # "planned for May. Exports to …": the sentence before ends there
        if word != "&":
            start, words = k, words + 1
        i = k
    return (start, end) if start < end else None


def _word_start(text: str, start: int) -> bool:
    return start == 0 or not (text[start - 1].isalnum() or text[start - 1] in "_-")


def _take_company_appositions(r: _Reading) -> None:
    """"Camposol, Peru's largest blueberry exporter,", "Nordgrain, a Swedish trader that": found
    from the noun back to the name."""
    people = _config()["person_nouns"]
    text = r.text
    for n_start, _n_end, noun in r.hits(_config()["company_nouns"]):
        comma = text.rfind(",", max(0, n_start - 80), n_start)
        tail = _APPOSITION_TAIL.fullmatch(text, comma, n_start) if comma > 0 else None
        span = _name_before(text, comma) if tail else None
        if span is None:
            continue
        s, e = span
        name = text[s:e]
        if not r.free(s, e) or _not_a_company_name(name):
            continue
        if noun in people and len(name.split()) > 1:
            continue  # "Jane Roe, a cattle exporter,": maybe a person
        country = codes_in(tail.group("owner") or "") or codes_in(text[e:n_start], forms=("adjective",))
        _add_company(r, name, s, e, country[0] if country else None)


def _take_company_agents(r: _Reading) -> None:
    """"sold by Norgrain", "Norgrain shipped": the company that moves goods, found from the verb."""
    text = r.text
    for v_start, v_end, _verb in r.hits(_config()["trade_verbs"]):
        by = _BY_AGENT.match(text, v_end)
        spans = [by.span("name") if by else None, _subject_before(text, v_start)]
        for span in spans:
            if span is None:
                continue
            s, name = _without_openers(text, *span)
            e = span[1]
            if not name or not r.free(s, e) or _not_a_company_name(name, text) or _looks_like_person(text, name):
                continue
            _add_company(r, name, s, e)


_COMPANY_NAME = r"[A-Z][\w&.'’-]*(?:[ -][A-Z][\w&.'’-]*){0,3}"
# "Camposol was the largest single exporter", "Ugacof and Olam Uganda were the leading exporters"
_RANKED_COMPANIES = re.compile(
    rf"(?P<names>{_COMPANY_NAME}(?:,\s+{_COMPANY_NAME})*(?:,?\s+and\s+{_COMPANY_NAME})?)\s+"
    r"(?:was|were|is|are|remained|remains|became|ranked\s+as)\s+(?:again\s+)?(?:the|its|their)\s+"
    r"(?:(?:largest|biggest|leading|top|main|major|second-largest|third-largest|second|third|single|two|three)\s+)+"
    r"(?:[a-z]+\s+)?(?:exporters?|importers?|shippers?|suppliers?|producers?|processors?|traders?|buyers?)\b")


def _take_ranked_companies(r: _Reading) -> None:
    """Companies a sentence ranks among a trade's exporters or importers, by name alone."""
    text = r.text
    for m in _RANKED_COMPANIES.finditer(text):
        for part in re.finditer(_COMPANY_NAME, m.group("names")):
            if _mostly_country(re.sub(r"^The\s+", "", part.group(0))):
                continue  # "the United States is the main buyer"
            s, e = m.start("names") + part.start(), m.start("names") + part.end()
            s, name = _without_openers(text, s, e)
            # a single word at a sentence's start is enough here: the sentence says it trades
            if not name or not r.free(s, e) or _not_a_company_name(name) \
                    or _looks_like_person(text, name) or name.lower() in _PRONOUNS:
                continue
            _add_company(r, name, s, e)


_PRONOUNS = frozenset(("it", "they", "this", "that", "these", "those", "which", "who", "he", "she", "we"))


def _subject_before(text: str, verb: int) -> tuple[int, int] | None:
    """The capitalised name right before a verb, over an auxiliary ("Norgrain has shipped")."""
    lo = max(0, verb - 12)
    aux = next((m for m in _AUXILIARY.finditer(text, lo, verb) if m.end() == verb), None)
    return _name_before(text, aux.start() if aux else verb, 4) if aux or verb else None


# (with the particles of Romance names inside: "Casa do Azeite", "Sierra y Selva Exportadora")
_EMPLOYER_AFTER = re.compile(r"\s+(?:of|at)\s+(?:the\s+)?"
                             r"(?P<name>[A-Z][\w&'’.-]*(?:[ \t]+(?:(?:&|do|da|dos|das|de|del|y|e|du|des)[ \t]+)?"
                             r"[A-Z][\w&'’.-]*){0,4})")
_FULL_STOP_AFTER = re.compile(r"(?<![A-Z])(?<!\bCo)(?<!\bLtd)(?<!\bInc)(?<!\bBhd)(?<!\bPvt)(?<!\bPty)(?<!\bCorp)"
                              r"(?:[a-zà-öø-ÿ]|[A-Z]{2})\.$")
_BARE_ABBREVIATION = re.compile(r"[A-Z][A-Z&.]{1,7}")
_INNER_POSSESSIVE = re.compile(r"(?<=\w)['’]s\s")
# "Executive Director of the Customer Management Division": a unit inside a body, not the body
_SUB_UNIT_END = re.compile(r"\b(?:Division|Section|Unit|Desk|Branch|Team|Department)$")
# A sentence's end inside a run of capitalised words: "… of UCDA. He added" (not "U.S. Wheat").
_SENTENCE_END = re.compile(r"(?<=[a-z]{2}|[A-Z]{2})\.\s+(?=[A-Z])")


def _take_employers(r: _Reading) -> None:
    """"chief executive of Zespri", "Norgrain's managing director": the body a post is held at,
    named by its own name only."""
    text = r.text
    cfg = _config()
    for t_start, t_end, _title in r.hits(cfg["employer_posts"]):
        m = _EMPLOYER_AFTER.match(text, t_end)
        span = m.span("name") if m else None
        if span is None and text[t_start - 3:t_start - 1] in ("'s", "’s"):
            span = _name_before(text, t_start - 1, 4)
        if span is None:
            continue
        s, e = span
        # "of IOC's Nepal office": the owner is the body
        name = _INNER_POSSESSIVE.split(_SENTENCE_END.split(text[s:e], maxsplit=1)[0], maxsplit=1)[0]
        name = name.removesuffix("'s").removesuffix("’s")
        if _FULL_STOP_AFTER.search(name):
            name = name[:-1]  # "general manager of ProArándanos." at a paragraph's end: the stop ends the sentence
        e = s + len(name)
        if not r.free(s, e) or _spelled_out_elsewhere(text, name) or _SUB_UNIT_END.search(name) \
                or (_not_a_company_name(name) and not _brand_of_a_country(name)) or _is_outlet(name) \
                or all(w in _person_stops() for w in name.split()):
            continue  # "director of Operations", "head of Research": a department, not a body
        kind = kind_of(name)
        if kind not in ("association", "international"):
            # "secretary general of Casa do Azeite": a post of a members' body, not of a firm
            kind = "association" if _title.lower() in _MEMBERS_BODY_POSTS else "company"
        r.add(name, _owner_before(r.ctx, s) or described_country(r.ctx, s) or context_country(r.ctx, s, e),
              kind, name, (s, e))


_MEMBERS_BODY_POSTS = frozenset(("secretary general", "secretary-general", "executive secretary"))


def _spelled_out_elsewhere(text: str, name: str) -> bool:
    """"the IOC's secretary general" after "the Indian Ocean Commission (IOC)": an abbreviation the text defines
    is left to the abbreviation stages, which know what it stands for."""
    return bool(_BARE_ABBREVIATION.fullmatch(name)) and re.search(rf"\({re.escape(name)}\b", text) is not None


def _without_openers(text: str, s: int, e: int) -> tuple[int, str]:
    """"March Acme shipped", "Last Zenith": a name without the words that cannot open one."""
    words = list(re.finditer(r"\S+", text[s:e]))
    cfg = _config()
    while words and (words[0].group() in cfg["not_first"] or words[0].group() in _not_names()):
        words.pop(0)
    return (s + words[0].start(), text[s + words[0].start():e]) if words else (e, "")


def _not_a_company_name(name: str, text: str = "") -> bool:
    """Words that open sentences, countries, blocs, titles, months: not a company's name; nor a
    single word the text also writes in lower case or never capitalises mid-sentence ("Rice")."""
    words = name.split()
    cfg = _config()
    if words[0] in cfg["not_first"] or words[0] in _not_names() or _POSSESSIVE.match(words[-1]):
        return True
    if name in gazetteer.blocs() or any(w in cfg["titles"] for w in words) or _mostly_country(name):
        return True
    return len(words) == 1 and bool(text) and not _proper_word(text, name)


def _mostly_country(name: str) -> bool:
    """A country, or a country and one word more ("AUSTRALIA", "Kenyan Tea"): no company's name;
    "Australian Grain Export" may be one."""
    return len(name.split()) <= 2 and bool(codes_in(name) or codes_in(name.title()))


def _brand_of_a_country(name: str) -> bool:
    """"Summerfruit NZ", "Pulse Canada": a body's own word before its country's name, which a post held at it
    ("chief executive of Summerfruit NZ") shows to be a name, not a country described."""
    words = name.split()
    return len(words) == 2 and not codes_in(words[0]) and words[0] not in _config()["not_first"] \
        and bool(codes_in(words[1])) and words[0][0].isupper()


def _proper_word(text: str, word: str) -> bool:
    """A word used as a name: with a capital inside ("PhosAgro"), or capitalised after a lower-case
    word somewhere in the text, and never written in lower case."""
    if re.search(rf"\b{re.escape(word.lower())}\b", text):
        return False
    if re.search(r"[a-z][A-Z]", word) or (word.isupper() and len(word) >= 3):
        return True
    return bool(re.search(rf"\b[a-z][\w,]*[ \t]+{re.escape(word)}\b", text))


def _looks_like_person(text: str, name: str) -> bool:
    """Two or three plain name words mentioned elsewhere with a title or honorific."""
    words = name.split()
    if len(words) == 1 or not all(w[:1].isupper() and w[1:].islower() for w in words):
        return False
    return bool(re.search(rf"\b(?:Mr|Ms|Mrs|Dr)\.?\s+{re.escape(words[-1])}\b", text))


_CAPITAL_NEXT = re.compile(r"[ \t]+[A-Z]")


def _take_industry_names(r: _Reading) -> None:
    """"Keda Ceramics", "Benso Oil Palm Plantation": a name ending in a line of business (not one
    that runs on, "Kwinana Grain Terminal"), found from its last word."""
    text = r.text
    for start, end, _noun in r.hits(_config()["industry_nouns"]):
        if _CAPITAL_NEXT.match(text, end) or text[end:end + 1] == "-":
            continue
        span = _name_before(text, end, 5)
        if span is None or span[0] >= start:
            continue
        s = span[0]
        name = text[s:end]
        if not r.free(s, end) or _not_a_company_name(name, text) or _sentence_opener(text, s, name) \
                or _PORTFOLIO_OF.search(text, max(0, s - 30), s):
            continue  # … "Minister of Fisheries & Marine Resources": a portfolio, no business
        _add_company(r, name, s, end)


_PORTFOLIO_OF = re.compile(r"\b(?:Minister|Ministry|Secretary|Department|Commissioner|Directorate)\s+(?:of|for)\s+"
                           r"(?:the\s+)?$")


def _sentence_opener(text: str, start: int, name: str) -> bool:
    """"Coffee Exports rose" at the start of a headline-like line: no name."""
    return len(name.split()) == 2 and (start == 0 or text[start - 1] == "\n") and name.split()[0] in _not_names()


# ---------------------------------------------------------------- abbreviations and short names

_CAPS = "A-Z" + "".join(ch for ch in map(chr, range(0xC0, 0x250)) if ch.isupper())
_ABBR_TITLE = re.compile(rf"(?P<abbr>[{_CAPS}][{_CAPS}&]{{1,7}})\s+(?P<title>[A-Za-z][a-z]+(?:[\s-][A-Za-z][a-z]+)?)\s+"
                         r"(?:(?:Mr|Ms|Mrs|Dr|Prof)\.?\s+)?[A-Z][a-z]")


def _take_abbreviation_before_title(r: _Reading) -> None:
    """"NAFDAC Director-General Ada Obi": an abbreviation before a post names the agency."""
    cfg = _config()
    for m in _ABBR_TITLE.finditer(r.text):
        abbr = m.group("abbr")
        s, e = m.span("abbr")
        if s and (r.text[s - 1].isalnum() or r.text[s - 1] in "&.-"):
            continue
        if m.group("title").split()[0].split("-")[0].title() not in cfg["titles"] or not r.free(s, e):
            continue  # "NAFDAC Director-General", "AWI chief executive"
        defined = _definition(r.text, abbr)  # "Australian Wool Innovation (AWI)": the name the article gives it
        if defined is None and m.group("title")[0].islower():
            continue  # "CBH chief executive": a lower-case post says less; only an abbreviation the article defines
        # a post held at it makes a capitalised name with no head word an organisation all the same
        if abbr in gazetteer.country_forms() or abbr in gazetteer.blocs() \
                or (abbr in r.not_agencies and defined is None) or _excluded(r.ctx, abbr) or abbr in cfg["titles"]:
            continue
        owner = next((f for f in r.reg.items if defined is not None
                      and any(b == defined[1] and a >= defined[0] for a, b in f.spans)), None)
        if owner is not None:  # "the National Meat Institute, INAC" found already: the abbreviation is its
            owner.also.append(abbr)
            owner.spans.append((s, e))
            continue
        if defined is not None and r.free(*defined):
            r.take(*defined)
        r.take(s, e)


@cache
def _holder_posts() -> frozenset[str]:
    """Posts a named person holds at a body: the employer posts, and a few more that need a holder after them."""
    return frozenset({*_config()["employer_posts"], "manager", "analyst", "economist", "executive", "officer"})


@cache
def _name_post_person() -> re.Pattern[str]:
    """"ZimTrade chief executive Mr Tatenda Chikomba", "Elders wool manager Tim Rowe": a name, a post held
    there (a modifier allowed before it), then the person holding it."""
    post = "|".join(re.escape(p) for p in sorted(_holder_posts(), key=len, reverse=True))
    return re.compile(rf"(?<![\w&'’.-])(?P<name>[A-Z][\w&]*(?:[ \t]+[A-Z][\w&]*){{0,2}}?)[ \t]+"
                      rf"(?P<post>(?:(?P<modifier>[a-z][a-z-]+)[ \t]+(?={post}))?(?i:{post}))[ \t]+"
                      r"(?:(?:Mr|Ms|Mrs|Dr|Prof|Eng)\.?[ \t]+)?[A-Z][a-z]+(?:[ \t]+[A-Z][\w'’-]+)+")


@cache
def _post_forms() -> frozenset[str]:
    """Every post as written in lower case, title case and capitals ("chief executive", "Chief Executive")."""
    return frozenset(form for p in _holder_posts() for form in (p, p.title(), p.upper(), p[:1].upper() + p[1:]))


_HOLDER_NEXT = re.compile(r"[ \t]+(?:(?:Mr|Ms|Mrs|Dr|Prof|Eng)\.?[ \t]+)?[A-Z][a-z]+[ \t]+[A-Z]")


def _post_windows(r: _Reading) -> list[tuple[int, int]]:
    """Stretches of text around each post followed by its holder, overlapping ones joined."""
    out: list[tuple[int, int]] = []
    for start, end, _post in r.hits(_post_forms()):
        if not _HOLDER_NEXT.match(r.text, end):
            continue
        lo, hi = max(0, start - 60), min(len(r.text), end + 60)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(hi, out[-1][1]))
        else:
            out.append((lo, hi))
    return out


_NOT_POST_MODIFIERS = frozenset(("and", "or", "the", "with", "said", "told", "to", "as", "of", "for", "by", "at",
                                  "in", "on", "his", "her", "its", "their", "former", "new", "acting", "interim"))
_PLURAL_POST_MODIFIERS = frozenset(("sales", "operations", "logistics", "exports", "imports", "markets", "affairs",
                                    "communications", "relations", "business"))
_TITLE_BEFORE_NAME = re.compile(r"\b(?:President|Minister|Premier|Secretary|Ambassador|Governor|Chairman|Director|"
                                r"Mr|Ms|Mrs|Dr|Prof|King|Queen|Emir|Sheikh|Prince|Senator|Mayor)\.?[ \t]+$")


def _take_names_before_posts(r: _Reading) -> None:
    """A name right before a post and its holder is the body the post is held at, head word or not."""
    text = r.text
    matches = (m for lo, hi in _post_windows(r) for m in _name_post_person().finditer(text, lo, hi))
    for m in matches:
        s, e = m.span("name")
        modifier = m.group("modifier")
        if modifier and (modifier in _NOT_POST_MODIFIERS or modifier.endswith("ed")
                         or (modifier.endswith("s") and modifier not in _PLURAL_POST_MODIFIERS)):
            continue  # "Imran Khan meets President Xi", "Vucic and President Xi": a verb or a conjunction
        if f"{m.group('name').split()[-1]} {m.group('post')}".lower() in _config()["employer_posts"]:
            continue  # "NOC's Managing Director": "Managing" is the post's
        if _TITLE_BEFORE_NAME.search(text, max(0, s - 30), s):
            continue  # "President Aleksandar Vucic and …": a person, not a body
        s, name = _without_openers(text, s, e)
        if not name or not r.free(s, e) or _not_a_company_name(name) or _is_outlet(name) \
                or any(w in _person_stops() or w in _DAYS_AND_MONTHS for w in name.split()) \
                or name in gazetteer.country_forms() or codes_in(name):
            continue  # "Former chief executive", "Zambian trade minister", "Monday …"
        words = name.split()
        defined = _definition(text, name)  # "the Meat Corporation of Namibia (Meatco)"
        longer = next((f for f in r.reg.items if f.name.split()[:len(words)] == words or name in f.also
                       or (name.isupper() and initials(f.name) == name)
                       or (defined is not None and any(b == defined[1] for _, b in f.spans))), None)
        if longer is not None:  # "Harlow chief executive" after "Harlow Group": the group's short name
            if name not in longer.also and name != longer.name:
                longer.also.append(name)
            longer.spans.append((s, e))
            continue
        sent = r.ctx.sentence_at(s)
        named_before = sent is not None and any(c.end <= s for c in sentence_actors(r.ctx, sent))
        # what the holder goes on to say ("… said Chinese buyers held back") tells nothing of the body's country
        country = _owner_before(r.ctx, s) or (context_country(r.ctx, s, e) if named_before else None) \
            or article_country(r.ctx) or context_country(r.ctx, s, e)
        kind = kind_of(name)
        r.add(name, country, kind if kind in ("association", "international") else "company", name, (s, e))


def _definition(text: str, abbr: str) -> tuple[int, int] | None:
    """The span of the capitalised name an abbreviation is defined for: "Australian Wool Innovation (AWI)",
    "the National Meat Institute, INAC."."""
    m = re.search(rf"((?:[A-Z][\w'’&-]*\s+(?:(?:of|and|for|the|de|du|des|la)\s+)?){{1,7}}[A-Z][\w'’&-]*)"
                  rf"(?:\s*\({re.escape(abbr)}\)|,\s+{re.escape(abbr)}\b(?=[,.;]))", text)  # "…, INAC."
    if m is None:
        return None
    lead = re.match(r"(?:(?:The|A|An)\s+|[\w-]+['’]s\s+)+", m.group(1))  # "Argentina's", "The": not the name
    return (m.start(1) + (lead.end() if lead else 0), m.end(1))


def _take_abbreviations(r: _Reading) -> None:
    """Later uses of the abbreviations the article defines or the gazetteer knows."""
    for f in r.reg.items:
        for alias in f.also:
            if alias.isupper() or re.fullmatch(r"[A-Z][A-Za-z&]*[A-Z][A-Za-z&]*", alias):
                r.abbreviations.setdefault(alias, f)
    _take_uses(r, r.abbreviations)


def _take_uses(r: _Reading, names: dict[str, _Found]) -> None:
    if not names:
        return
    spans = {sp for f in r.reg.items for sp in f.spans}
    for start, end, abbr in _abbreviation_matches(r.text, names):
        if any(s <= start < e for s, e in spans):
            continue
        names[abbr].spans.append((start, end))


def _take_short_names(r: _Reading) -> None:
    """"CBH Group … CBH said": a company's name without its "Group", "Ltd" or "Holdings" is the
    same company when the text uses it alone."""
    suffixes = _config()["company_suffixes"]
    short: dict[str, _Found] = {}
    for f in r.reg.items:
        if f.kind != "company":
            continue
        words = f.name.split()
        while len(words) > 1 and words[-1].rstrip(".,") in suffixes:
            words.pop()
        base = " ".join(words).rstrip(",")
        if base != f.name and len(base) >= 3 and not codes_in(base) and base not in _not_names():
            short[base] = f
            if base not in f.also:
                f.also.append(base)
    _take_uses(r, short)


# ---------------------------------------------------------------- descriptions of a country's bodies

def _take_descriptive(r: _Reading) -> None:
    """"Peru's customs service", "the Kenyan revenue body": a country's customs by description."""
    pattern = _descriptive()
    for c in r.ctx.countries:
        if c.form == "bloc":
            continue
        m = pattern.match(r.text, c.end)
        if m is None or not r.free(c.start, m.end()):
            continue
        org = m.group("org")
        if " " not in org and not _BARE_CUSTOMS_NEXT.match(r.text, m.end()):
            continue
        _add_customs(r, c.code, org, (c.start, m.end()))


def _add_customs(r: _Reading, code: str, org: str, span: tuple[int, int]) -> None:
    """The customs of a country, under the name the article or the gazetteer gives it."""
    surface = r.text[span[0]:span[1]].replace("’", "'")
    existing = next((f for f in r.reg.items if f.kind == "customs" and f.country == code), None)
    if existing:
        name = existing.name
    else:
        known = next((k for k in gazetteer.known_agencies() if k.country == code and k.kind == "customs"), None)
        name = known.name if known else f"{org.title()} of {gazetteer.country_names().get(code, code)}"
    r.add(name, code, "customs", surface, span)


@cache
def _country_descriptor() -> re.Pattern[str]:
    p = gazetteer.agency_patterns()
    words = "|".join(p.get("customs_words", ["customs"]))
    nouns = "|".join(p.get("customs_nouns", ["service"]))
    referents = "|".join(p.get("country_referents", ["country"]))
    return re.compile(rf"[Tt]he\s+(?:{referents})['’]s\s+(?:(?P<org>(?:{words})\s+(?:{nouns}))|(?P<bare>customs))\b")


def _take_country_descriptors(r: _Reading) -> None:
    """"the country's customs authority", "the kingdom's revenue body": the customs of the country
    the text was speaking of (the last one named), else of the article's own."""
    for m in _country_descriptor().finditer(r.text):
        if not r.free(*m.span()) or (m.start() and r.text[m.start() - 1].isalnum()):
            continue
        code = _last_country_before(r.ctx, m.start()) or article_country(r.ctx)
        if code and _acting(r.ctx, *m.span()):
            _add_customs(r, code, m.group("org") or m.group("bare"), m.span())


def _last_country_before(ctx: ArticleContext, start: int) -> str | None:
    sent = ctx.sentence_at(start)
    lo = ctx.sentences[max(0, ctx.sentences.index(sent) - 1)].start if sent else max(0, start - 300)
    found = [c for c in ctx.countries_in(lo, start) if c.form != "bloc" and not is_destination(ctx.text, c)]
    return found[-1].code if found else None


# ---------------------------------------------------------------- blocs that act

def _take_blocs(r: _Reading) -> None:
    """"The European Union and Kenya signed", "talks between Mercosur and the EFTA": a bloc named
    as an actor is an international agency (not when it is a place, a market or a modifier)."""
    seen: set[int] = set()
    for c in r.ctx.countries:
        if c.form != "bloc" or c.start in seen:
            continue
        seen.add(c.start)
        if not r.free(c.start, c.end) or not _bloc_acts(r.ctx, c.start, c.end):
            continue
        bloc = gazetteer.blocs()[c.surface]
        found = r.add(bloc.names[0], None, "international", c.surface, (c.start, c.end))
        found.quiet = found.name in bloc.names
        found.also.extend(n for n in bloc.names[1:2] if n not in found.also and n != found.name)


_BLOC_NOT_AFTER = re.compile(r"[-–]\w|\s+(?:member|members|market|markets|countries|states|nations|economies|"
                             r"region|area|level|bloc|single|customs\s+territory|average)\b|\s+[A-Z]")
_BLOC_POST = re.compile(r"\s+(?:Deputy\s+)?(?:Secretary[- ]General|Secretariat|Commissioner|Chair|Chairman|"
                        r"Chairperson|President|Director[- ]General)\b")
_BETWEEN = re.compile(r"\bbetween\s+(?:\S+(?:\s+\S+)?\s+and\s+)?(?:the\s+)?$")
_BLOC_PLACE_BEFORE = re.compile(r"\b(?:to|into|from|in|within|across|throughout|outside|inside|of|on|for|than)"
                                r"\s+(?:the\s+)?$")


_TEXT_WITH = re.compile(r"\b(?:agreement|FTA|EPA|CEPA|deal|pact|treaty|talks|negotiations|partnership|accord)\s+"
                        r"with\s+(?:the\s+)?$")


def _bloc_acts(ctx: ArticleContext, start: int, end: int) -> bool:
    text = ctx.text
    if _BLOC_POST.match(text, end):
        return True  # "ASEAN Secretary-General Kao Kim Hourn said": the bloc's own post, held by a person
    if _BLOC_NOT_AFTER.match(text, end) or (text[start - 1:start] in "-–" and start):
        return False
    left = text[max(0, start - 30):start]
    if _BETWEEN.search(left) or _TEXT_WITH.search(text, max(0, start - 40), start):
        return True  # "talks between Mercosur and …", "negotiating a free trade agreement with the GCC"
    if _BLOC_PLACE_BEFORE.search(left):
        return False
    return bool(_config()["acting_after"].match(text, end) or re.match(r"['’]s\s", text[end:end + 3])
                or re.match(r"\s+and\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?\s+(?:have\s+|has\s+)?"
                            r"(?:signed|agreed|concluded|launched|announced|reached|finali[sz]ed|closed)", text[end:]))


def _abbreviation_matches(text: str, abbreviations: dict[str, _Found]) -> list[tuple[int, int, str]]:
    """Where the text uses the article's abbreviations, as whole tokens ("&" counts as a letter)."""
    if all(_LEADING_WORD.match(a) for a in abbreviations):
        return list(PhraseMatcher(abbreviations, not_before=r"\w&", not_after=r"\w&").finditer(text))
    pattern = re.compile(r"(?<![\w&])(?:" + "|".join(re.escape(a) for a in sorted(abbreviations, key=len,
                                                                                      reverse=True))
                         + r")(?![\w&])")
    return [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]


def sentence_agencies(ctx: ArticleContext, sent: Sentence) -> list[str]:
    """Names of the agencies mentioned in a sentence, in order, each once."""
    names = [m.name for m in mentions_of(ctx).agencies if sent.start <= m.start < sent.end]
    return list(dict.fromkeys(names))

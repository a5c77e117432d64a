"""Find the countries an article mentions: names, adjectives, capitals, blocs.

All surface forms go once into a case-sensitive phrase matcher (a dict lookup
per word, longest form first), so "North Korea" wins over "Korea" and "South
Korean" over "South Korea". A bloc ("EAEU") yields one mention per member state
at the article's date.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import replace
from functools import cache, lru_cache

from kb.extract import gazetteer
from kb.extract.commodities import find_commodities, may_start_term
from kb.extract.context import ArticleContext, CountryMention
from kb.extract.dates import dates_data
from kb.extract.phrases import PhraseMatcher
from kb.extract.shared_money import own_reading
from kb.readers import publishers

# Words before a country that make it a destination or a place, not an actor.
_DESTINATION = re.compile(r"(?:\bto|\binto|\btowards|\bfor)\s+(?:the\s+)?$")
_A_MARKET_AFTER = re.compile(r"\s+markets?\b(?!\s+(?:for|of)\s+(?:[A-Z]|the\s+[A-Z]))")
_THE_BEFORE = re.compile(r"\bthe\s+$", re.I)
# "Latin America", "North American": a region, not the United States.
_REGION_BEFORE = re.compile(r"\b(?:Latin|North|South|Central|Pan|Anglo|Spanish)[\s-]+$")
_MONEY_AFTER = re.compile(r"\s?\$|\s+(?:dollars?|cents?)\b")
_NAME_BEFORE_BRACKET = re.compile(r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?\s*$")
# A capitalised word joined by a hyphen right before the country: "Interfax-Azerbaijan".
_JOINED_BEFORE = re.compile(r"(?<![\w-])([A-Z][\w.]*)-$")
# A capital right before a capitalised word starts a person's or a company's name ("Santiago Cafiero").
_NAME_AFTER = re.compile(r"\s+[A-Z][a-z]")
# A capital after an honorific and names, or after two given names, ends a person's name: "Mr. Rafael Monteiro Lima"
# (but "Talks Open In Lima", a headline's words, keep the place).
_FUNCTION = r"(?:In|To|From|At|For|Of|And|The|On|Via|Near|By|With|Into|Visits?|Meet|Meets|Held|Opens?|Hosts?)\b"
_PERSON_BEFORE = re.compile(rf"(?:\b(?:Mr|Mrs|Ms|Dr|Hon|Sr|Sra|Sir)\.?\s+(?:[A-Z][\w'’-]+\s+){{0,3}}"
                            rf"|(?<![\w'’.-])(?!{_FUNCTION})[A-Z][a-z][\w'’-]*\s+(?!{_FUNCTION})[A-Z][a-z][\w'’-]*\s+)$")
# … but "Nairobi County", "Lima Declaration", "Tashkent Airport" keep the place.
_PLACE_WORDS = frozenset(("County", "City", "Port", "Airport", "Stock", "Exchange", "Declaration", "Summit",
                          "Agreement", "Convention", "Protocol", "Chamber", "Municipality", "Government", "Province",
                          "Region", "University", "International", "Customs", "Office", "Metropolitan", "Club",
                          "Forum", "Process", "Round", "Accord", "Statement", "Station", "Terminal", "Harbour",
                          "Harbor", "Bay", "Valley", "District", "State", "Times", "Post", "Herald", "News",
                          "Company", "Co", "Ltd", "Limited", "Group", "Bank", "Corporation", "Plant", "Factory",
                          "Brewery", "Winery", "Mills", "Holding", "Holdings", "Industries", "Trading"))


@cache
def _accentless() -> dict[int, str]:
    """Each accented Latin letter → its base letter, one character for one, so offsets stay."""
    table: dict[int, str] = {}
    for point in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        base = unicodedata.normalize("NFD", chr(point))[0]
        if base != chr(point) and base.isascii() and base.isalpha():
            table[point] = base
    table.update({ord("đ"): "d", ord("Đ"): "D", ord("ø"): "o", ord("Ø"): "O", ord("ı"): "i"})
    return table


def without_accents(text: str) -> str:
    """"Việt Nam", "Perú", "Hà Nội" as "Viet Nam", "Peru", "Ha Noi": writers keep or drop accents at will."""
    return text if text.isascii() else text.translate(_accentless())


@cache
def _forms() -> dict[str, gazetteer.CountryForm]:
    return {without_accents(surface): form for surface, form in gazetteer.country_forms().items()}


@cache
def _blocs() -> dict[str, gazetteer.Bloc]:
    return {without_accents(name): bloc for name, bloc in gazetteer.blocs().items()}


@cache
def _matcher() -> PhraseMatcher:
    return PhraseMatcher([*_forms(), *_blocs()])


_LOWER_WORD_AFTER = re.compile(r" ([a-z][\w-]*)")


def _goods_named_after(text: str, start: int, end: int) -> bool:
    after = _LOWER_WORD_AFTER.match(text, end)
    words = text[start:end].split()
    if after is None or len(words) != 1 or not may_start_term(words[0], after.group(1)):
        return False
    return any(c.start == 0 and c.end > end - start for c in find_commodities(text[start:end + 30]))


# A word set in capitals for emphasis ("ZAMBIA'S copper exports", "KENYA has signed"): newspapers shout a
# paragraph's first words. Four letters at least, so that abbreviations ("UAE", "USA") keep their own forms.
_SHOUTED = re.compile(r"\b[A-Z]{4,}\b")


@cache
def _capital_forms() -> frozenset[str]:
    """Forms written in capitals of their own: "ASEAN", "EAEU", "USA"."""
    return frozenset(word for form in [*_forms(), *_blocs()] for word in form.split() if word.isupper())


@cache
def _shoutable() -> frozenset[str]:
    """The words of country names and adjectives as a shouting paragraph writes them: "ZAMBIA", "SOUTH"."""
    return frozenset(word.upper() for form in [*_forms(), *_blocs()] for word in form.split()
                     if len(word) >= 4 and not word.isupper())


def _unshouted(text: str) -> str:
    """Words in capitals as a name is written ("ZAMBIA" → "Zambia"), one character for one, so offsets stay."""
    shoutable = _shoutable()
    found = [m for m in _SHOUTED.finditer(text) if m.group(0) in shoutable]
    if not found:
        return text
    pieces, at = [], 0
    for m in found:
        pieces += [text[at:m.start()], m.group(0)[0], m.group(0)[1:].lower()]
        at = m.end()
    return "".join([*pieces, text[at:]])


# "exports to the russian and belarusian markets": an adjective some outlets write in lower case, read only before a
# word of trade
_TRADE_NOUN = re.compile(r"\b(?:markets?|buyers?|importers?|exporters?|consumers?|companies|firms|side|customs|ports?|"
                         r"border|territory)\b")
_LOWER_BEFORE = re.compile(r"\b([a-z][a-z-]{3,20})(?:\s+and\s+([a-z][a-z-]{3,20}))?\s+$")


def _lower_adjectives(text: str) -> list[CountryMention]:
    forms = gazetteer.country_forms()
    out = []
    for noun in _TRADE_NOUN.finditer(text):
        before = _LOWER_BEFORE.search(text, max(0, noun.start() - 50), noun.start())
        for group in (1, 2) if before else ():
            word = before.group(group)
            form = forms.get(word.capitalize()) if word else None
            if form is not None and form.form == "adjective":
                out.append(CountryMention(before.start(group), before.end(group), form.code, word, "adjective"))
    return out


def find_countries(text: str, published: str | None = None) -> list[CountryMention]:
    return list(_found(text, published))


@lru_cache(maxsize=64)  # a headline, a publisher's name, a body's name: asked again by several stages of one article
def _found(text: str, published: str | None) -> tuple[CountryMention, ...]:
    forms, blocs = _forms(), _blocs()
    out: list[CountryMention] = []
    for start, end, folded in _matcher().finditer(_unshouted(without_accents(text))):
        form, surface = forms.get(folded), text[start:end]
        shouted = surface.isupper() and surface not in _capital_forms() and len(surface) >= 4
        if shouted and (form is None or form.form == "capital"):
            continue  # "LIMA" may be an abbreviation: only a country's name or adjective is read from capitals
        if form is not None and form.form == "adjective" and surface not in gazetteer.country_forms() \
                and not shouted:
            continue  # "Germán Bahamón" is a person, not "German": only names and capitals lose accents
        if form is not None and not _part_of_another_name(text, start, end, form):
            out.append(CountryMention(start, end, form.code, surface, form.form))
        elif folded in blocs:
            out.extend(CountryMention(start, end, code, surface, "bloc")
                       for code in blocs[folded].members_at(published))
    defined = _defined_bloc_abbreviations(text, out)
    lower = _lower_adjectives(text)
    if not lower and not defined:
        return tuple(out)
    return tuple(sorted([*out, *defined, *lower], key=lambda c: c.start))


_SEA_AFTER = re.compile(r"\s+(?:Ocean|Sea|Gulf)\b")
_DEFINED = re.compile(r"\s*\((?P<abbr>[A-Z]{2,6})\)")


def _defined_bloc_abbreviations(text: str, found: list[CountryMention]) -> list[CountryMention]:
    """"the Indian Ocean Commission (IOC) … the IOC Secretariat": an abbreviation the article defines for a bloc
    stands for it wherever the article uses it (the data lists no abbreviation that other bodies share, "IOC")."""
    out: list[CountryMention] = []
    for start, end in dict.fromkeys((c.start, c.end) for c in found if c.form == "bloc"):
        defined = _DEFINED.match(text, end)
        if defined is None:
            continue
        members = [c for c in found if (c.start, c.end) == (start, end)]
        for m in re.finditer(rf"\b{defined['abbr']}\b", text[defined.end():]):
            at = defined.end() + m.start()
            # (the surface is the name defined, which names the bloc in the data)
            out.extend(CountryMention(at, at + len(m.group(0)), c.code, c.surface, "bloc") for c in members)
    return out


def _part_of_another_name(text: str, start: int, end: int, form: gazetteer.CountryForm) -> bool:
    if form.form == "adjective" and _SEA_AFTER.match(text, end):
        return True  # "the south-west Indian Ocean", "the Arabian Sea": a sea's name
    if form.form == "name" and _LOWER_WORD_AFTER.match(text, end) and _goods_named_after(text, start, end):
        return True  # "Greenland halibut", "Brazil nuts": goods that bear the country's name
    if form.code == "US" and _REGION_BEFORE.search(text[max(0, start - 12):start]):
        return True  # "Latin America"
    if (form.code in ("US", "NZ") and _MONEY_AFTER.match(text, end)
            and (not text.startswith(" $", end) or len(text[start:end].replace(".", "")) <= 3)) \
            or text.startswith("$", end):
        # "US$ 20 million", "20 million US dollars", "the NZ dollar", "NZ$4.2 billion": money (but "the United
        # States $15.2 million" is a country and its figure)
        return True
    if form.form == "adjective" and _a_language(text, start, end):
        return True  # "(SAT, for its acronym in Spanish)", "a Spanish-language daily": a language, not the country
    if text[start - 1:start] == "(" and text[end:end + 1] == ")" and _NAME_BEFORE_BRACKET.search(text, 0, start - 1):
        return True  # "Hong Kong (China)", "Taiwan (China)": a qualifier of the name before, not a country acting
    joined = _JOINED_BEFORE.search(text[max(0, start - 30):start])
    word = joined.group(1) if joined else ""
    if joined and _ends_with_country(text[max(0, start - 40):start - 1]):
        return False  # "United States-Mexico-Canada": a country joined to another
    # … but "Sino-Russian", "Indo-Pakistani": a combining form, and "EU-Kenya": a bloc, keep the country
    if joined and word not in gazetteer.country_forms() and word not in gazetteer.blocs() \
            and not (word.endswith("o") and len(word) <= 7):
        return True  # "Interfax-Azerbaijan", "Trans-Caspian": a name that holds the country's ("Brazil-U.S." keeps it)
    if form.form == "capital" and _PERSON_BEFORE.search(text, max(0, start - 60), start):
        return True  # "Mr. Rafael Monteiro Lima": a person's surname, not Peru's capital
    if form.form != "capital" or not _NAME_AFTER.match(text, end):
        return False
    run: list[str] = []  # the capitalised words right after the capital
    for word in text[end:end + 60].split()[:3]:
        if not word[:1].isupper():
            break
        run.append(word.strip(",.;:()"))
        if word[-1:] in ",.;:)":
            break
    # "Nairobi County", "Yerevan Brandy Company": the place's own institution; "Santiago Cafiero": a person
    return 1 <= len(run) <= 2 and not any(w in _PLACE_WORDS or w in gazetteer.country_forms() for w in run)


_IN_BEFORE = re.compile(r"\b(?:in|into|from)\s+$")
_CLAUSE_ENDS = re.compile(r"\s*(?:[),.;:]|$)")
_ITS_BEFORE = re.compile(r"\b(?:its|their|the)\s+$")
_INITIALS_AFTER = re.compile(r"\s+(?:acronym|initials|abbreviation)\b|-language\b")


def _a_language(text: str, start: int, end: int) -> bool:
    """An adjective naming a language: "translated from Spanish.", "its French initials", "Arabic-language"."""
    lo = max(0, start - 8)
    return bool((_IN_BEFORE.search(text, lo, start) and _CLAUSE_ENDS.match(text, end))
                or (_INITIALS_AFTER.match(text, end) and (_ITS_BEFORE.search(text, lo, start) or text[end] == "-")))


def _ends_with_country(text: str) -> bool:
    return any(end == len(text) for _start, end, _form in _matcher().finditer(without_accents(text)))


def codes_in(text: str, published: str | None = None, *, forms: tuple[str, ...] = ()) -> list[str]:
    """Distinct country codes in a short text (a name, a title), in order of appearance."""
    seen: list[str] = []
    for c in find_countries(text, published):
        if (not forms or c.form in forms) and c.code not in seen:
            seen.append(c.code)
    return seen


def is_destination(text: str, mention: CountryMention) -> bool:
    """"to China", "for Egypt": the country is where something goes, not who acts ("prices for Colombian avocados"
    name the goods' origin)."""
    if mention.form == "adjective" and _A_MARKET_AFTER.match(text, mention.end) \
            and _THE_BEFORE.search(text, max(0, mention.start - 5), mention.start):
        return True  # "… and the Swedish market dropped 7.7%": a market goods go to
    return bool(_DESTINATION.search(text[max(0, mention.start - 12): mention.start])) \
        and not (mention.form == "adjective" and _origin_of_goods(text, mention)) \
        and not _OWN_TRADE_AFTER.match(text, mention.end)  # "figures for China's fruit exports": the owner


# "China's fruit exports", "Kenya's tea shipments": the country owns the trade a preposition before it governs
_OWN_TRADE_AFTER = re.compile(r"['’]s?\s+(?:[\w-]+\s+){0,2}?(?:exports|imports|shipments|sales|purchases|trade)\b")


def main_countries(ctx: ArticleContext) -> list[str]:
    """The article's principal countries: the headline's, else the most mentioned ones.

    Destinations ("to China") count less: the country that acts is the article's subject.
    """
    title = ctx.document.title or ""
    # a bloc ("the EU") stands for its members without making each of them a principal country
    from_title = codes_in(title, ctx.published, forms=("name", "adjective", "capital"))
    if len(from_title) >= 2:
        return from_title
    counts: Counter[str] = Counter()
    for c in ctx.countries:
        if c.form != "bloc":
            counts[c.code] += 0.5 if is_destination(ctx.text, c) else 1.0
    for code in from_title:
        counts[code] += 3
    return [code for code, _ in counts.most_common()]


_STYLED = re.compile(r"\b[Tt]he\s+([Kk]ingdom|[Ss]ultanate|[Ee]mirates?|[Pp]rincipality|Grand\s+Duchy)\b(?!\s+of\b)")


def with_home_styles(ctx: ArticleContext) -> list[CountryMention]:
    """The article's country mentions, with "the Kingdom", "the Sultanate" … read as the story's own country when
    it bears that style ("Indonesia sold the Kingdom $2.1 billion worth of goods" in a Saudi story)."""
    found = [m for m in _STYLED.finditer(ctx.text)]
    if not found:
        return ctx.countries
    # whose story: a national outlet's own country first ("Indonesia sold the Kingdom …" in Arab News)
    home = publishers.country_of(ctx.document.publisher, ctx.document.url) or home_country(ctx)
    styles = gazetteer.load("country_styles") or {}
    named = Counter(c.code for c in ctx.countries if c.form in ("name", "capital"))
    extra = []
    for m in found:
        bearers = styles.get(" ".join(m.group(1).split()).title().replace("Grand duchy", "Grand Duchy")) or []
        if home and home in bearers:
            if m.group(1)[0].isupper():  # "the emirate's position" in its own story is left as written
                extra.append(CountryMention(m.start(), m.end(), home, m.group(0), "name"))
            continue
        # "Indonesia shipped $2.9bn of goods to the kingdom" in an Indonesian story: the one styled country named
        before = Counter(c.code for c in ctx.countries if c.start < m.start() and c.code in bearers
                         and c.form in ("name", "capital"))
        styled = before.most_common(1)[0][0] if before else None
        if styled is None and named:
            styled = next((code for code, _ in named.most_common() if code in bearers), None)
        if styled is not None and styled != home:
            extra.append(CountryMention(m.start(), m.end(), styled, m.group(0), "name"))
    return sorted([*ctx.countries, *extra], key=lambda c: c.start) if extra else ctx.countries


# An adjective two countries share reads as the one news usually means ("Dominican": the Dominican Republic), unless
# the story names only the other ("Dominica signs …, Dominican bay oil"): the country the story is about.
_SHARED_ADJECTIVES = {"DO": "DM", "CD": "CG", "GN": "GW"}


def with_shared_adjectives(mentions: list[CountryMention]) -> list[CountryMention]:
    """Shared adjectives given to the sibling the story names when it never names the usual country."""
    named = {m.code for m in mentions if m.form in ("name", "capital")}
    moved = {usual: sibling for usual, sibling in _SHARED_ADJECTIVES.items()
             if sibling in named and usual not in named}
    if not moved:
        return mentions
    return [replace(m, code=moved[m.code]) if m.form == "adjective" and m.code in moved else m for m in mentions]


def home_country(ctx: ArticleContext) -> str | None:
    """The country the article is mostly about, counting actors rather than destinations."""
    key = (len(ctx.countries), ctx.document.title)
    cached = ctx.__dict__.get("_home")
    if cached is not None and cached[0] == key:
        return cached[1]
    home = _home_country(ctx)
    ctx.__dict__["_home"] = (key, home)
    return home


# "NAIROBI, May 3 -", "Lima (Reuters) -", "ISLAMABAD: …": the city a story is filed from, at a line's start.
_DATELINE = re.compile(r"(?m)^[ \t]*([A-Z][A-Za-z.' -]{2,25}?)[ \t]*(?:,|:|\(|[ \t][-–—][ \t])")


def dateline_country(text: str) -> str | None:
    """The country of the capital a story's dateline names, in its first lines."""
    capitals = gazetteer.capitals()
    text = without_accents(text[:600])  # "HÀ NỘI —"
    for m in _DATELINE.finditer(text):
        code = capitals.get(m.group(1)) or capitals.get(m.group(1).title())
        if code:
            return code
    return None


# "… MoU with Saudi body", "… inflows from Indonesia, Malaysia": a partner or a source, not the story's own
_PARTNER_BEFORE = re.compile(r"\b(?:with|and|from)\s+(?:the\s+)?$", re.I)


_LIST_JOIN = re.compile(r"\s*(?:,|&|\band\b|,\s*and\b)\s*(?:the\s+)?")


def _destinations(text: str, mentions: list[CountryMention]) -> set[int]:
    """Starts of the countries that are destinations, a list's later members included ("to Sri Lanka,
    Mauritius and the Maldives")."""
    out: set[int] = set()
    prev: CountryMention | None = None
    for c in mentions:
        if is_destination(text, c) or (prev is not None and prev.start in out
                                        and _LIST_JOIN.fullmatch(text, prev.end, c.start)):
            out.add(c.start)
        prev = c
    return out


# "Germany led the export markets", "China came first among import sources", "Iraq was the top buyer": a partner
# ranked in the story's trade …
# (named as such: "China was the largest market" may be the story's own importer, "Brazil remained the top
# supplier" its own exporter)
_PARTNER_ROLE_AFTER = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:led|topped|headed|was|were|is|are|remained|came|ranked|"
                                 r"stood)\s+(?:[\w-]+\s+){0,4}?export\s+(?:markets?|buyers?|destinations?|"
                                 r"customers?)\b", re.I)
# … and the ones ranked after it ("…, ahead of the United Kingdom", "followed by Russia and Germany")
_RANKED_ON_BEFORE = re.compile(r"\b(?:ahead\s+of|followed\s+by|behind|trailed\s+by|then)\s+(?:the\s+)?$", re.I)
# "On the import side,", "As for exports,", "Turning to imports,": a lead-in naming the trade whose partners the clause
# after it ranks ("On the import side, China came first …")
_SIDE_LEAD_WORDS = (r"(?:(?:[Oo]n|[Ii]n|[Ff]or)\s+the|[Aa]s\s+(?:for|to|regards)|[Rr]egarding|[Tt]urning\s+to|"
                    r"[Ii]n\s+terms\s+of|[Ww]hen\s+it\s+comes\s+to|[Oo]n|[Ii]n)\s+(?:the\s+)?"
                    r"(?P<trade>(?:import|export)s?)(?:\s+(?:side|front))?\s*,")
SIDE_LEAD = re.compile(r"\W*" + _SIDE_LEAD_WORDS + r"\s*")  # at a clause's start
_SIDE_LEAD_CLAUSE = re.compile(r"(?:^|[.;]\s+|\n)\W*" + _SIDE_LEAD_WORDS + r"[^.;]*")  # … with the clause, in a text


def _ranked_partners(text: str, mentions: list[CountryMention]) -> set[int]:
    """Starts of the countries ranked as the partners of a story's trade (not the story's own country)."""
    out: set[int] = set()
    for lead in _SIDE_LEAD_CLAUSE.finditer(text):
        out.update(c.start for c in mentions if lead.start() <= c.start < lead.end())
    prev: CountryMention | None = None
    for c in mentions:
        if _PARTNER_ROLE_AFTER.match(text, c.end) or (
                prev is not None and prev.start in out and c.start - prev.end < 120
                and (_LIST_JOIN.fullmatch(text, prev.end, c.start)
                     or _RANKED_ON_BEFORE.search(text, max(prev.end, c.start - 20), c.start))):
            out.add(c.start)
        prev = c
    return out


# "… arrive from India", "imports from China rose": where the story's own imports come from, a partner
_SOURCE_BEFORE = re.compile(r"\b(?:imports?|imported|importing|arrive|arrives|arrived|arriving|brought\s+in|bought|"
                            r"purchased|supplies|supplied)\s+(?:[\w-]+\s+){0,4}?from\s+(?:the\s+)?$", re.I)
_SELLS_AFTER = re.compile(r"['’]s?\s+(?:[\w-]+\s+){0,3}?(?:exports|export\s+(?:earnings|revenues?|receipts)|"
                          r"shipments)\b(?!\s+(?:duty|duties|ban|bans|tax|taxes|curbs?|restrictions?|polic(?:y|ies)))")
_TRADERS_SELL = re.compile(r"\s+(?:[a-z-]+\s+)?(?:exporters|processors|producers|shippers|growers|traders|firms|"
                           r"companies|manufacturers)\s+(?:\w+ly\s+)?(?:exported|shipped|sold|sent|supplied|export|"
                           r"ship|sell|supply)\b")
_INSTITUTION_AFTER = re.compile(r"\s+(?:[A-Z][\w&-]*\s+){0,2}(?:Revenue|Customs|Authority|Service|Ministry|Department|"
                                r"Agency|Bureau|Administration|Commission)\b")
# "Nepal exported 2,614 tonnes", "Kenya also shipped …": the country as the seller (a buyer named so, "China bought
# nearly 418,600 tons of Tanzanian sesame", is as often the partner of the story's own country), which weighs where
# no country's trade is named by its owner ("Kenya's imports": a later "Malaysia shipped" is its supplier)
_TRADES_AFTER = re.compile(r"\s+(?:\w+ly\s+|also\s+)?(?:exported|shipped|sold|re-exported)\b")
_BUYS_AFTER = re.compile(r"['’]s?\s+(?:[\w-]+\s+){0,3}?(?:imports|purchases)\b"
                         r"(?!\s+(?:duty|duties|ban|bans|tax|taxes))")
_LOCAL_MONEY_HINT = re.compile(r"[₹₦₱¥₩₫₺₴₽]|\b(?:[A-Z]{1,3}\$|Rs\.?|KSh|Sh|Dh|RM|Rp|[A-Z]\d|[A-Z]{3}\s?\d)|"
                               r"\d\s*(?:rupees|shillings|dirhams|riyals|rials|dinars|pesos|rand|naira|cedis|kwacha|"
                               r"baht|ringgit|yuan|yen|won|lira|tenge|soms?|manat|lari|drams?|hryvnias?|roubles?|rubles?|"
                               r"zlotys?|birr|taka|kyats?|crore|lakh|pula|dong|rupiah|afghanis?|leva?|lei|kronor|krona)")
_SHARED_CURRENCIES = frozenset(("USD", "EUR", "XOF", "XAF", "XCD", "XPF", "CHF", "GBP"))


@cache
def _region_matcher() -> PhraseMatcher:
    return PhraseMatcher(gazetteer.regions(), not_after=r"\w-")


_NAME_GOES_ON = re.compile(r" [A-Z]")


def _regions_named(text: str) -> Counter[str]:
    """Countries whose producing regions the text names ("Rioja", "Mendoza", "Assam"), with how often; not the
    first words of a longer proper name ("Bahia Blanca")."""
    regions = gazetteer.regions()
    return Counter(regions[name] for _, end, name in _region_matcher().finditer(text)
                   if not _NAME_GOES_ON.match(text, end))


def _local_money(text: str, outlet: str | None = None) -> Counter[str]:
    """Countries whose own currency the story's sums are in (not the dollar, the euro or a shared franc); a name
    several countries share ("Rs") counts for the outlet's country when it is one of them."""
    from kb.extract.quantities import find_amounts  # the amounts grammar loads only for articles that need it

    found: Counter[str] = Counter()
    lead = text[:1500]  # the lead: where a story states its main sums
    if not _LOCAL_MONEY_HINT.search(lead):
        return found  # no money but dollars and euros: the amounts pass is not needed
    for a in find_amounts(lead):
        if a.kind in ("money", "price") and a.currency and a.currency not in _SHARED_CURRENCIES:
            found[own_reading(a.currency, outlet)[:2]] += 1
    return found


# "Kazakhstan, Azerbaijan and Armenia top buyers of Georgian goods": countries ranked as buyers of another's goods
# (one buyer too, and after a verb of its own: "US widens lead as top market for NZ red meat")
_BUYERS_OF = re.compile(r"\s*(?:(?:are|were|is|was|remain|remains|remained|stay|stays|stayed)\s+"
                        r"|(?:[\w-]+\s+){0,5}?as\s+)?(?:the\s+)?(?:top|main|biggest|largest|leading|key|major|chief|principal)\s+(?:\w+\s+)?"
                        r"(?:buyers?|markets?|importers?|destinations?|customers?)\s+(?:of|for)\b", re.I)


def _ranked_buyers(title: str, found: list[CountryMention]) -> set[int]:
    """Starts of the countries a headline lists as the top buyers of goods (a list right before the role)."""
    out: set[int] = set()
    for i, c in enumerate(found):
        if _BUYERS_OF.match(title, c.end):
            out.add(c.start)
            j = i
            while j > 0 and _LIST_JOIN.fullmatch(title, found[j - 1].end, found[j].start):
                j -= 1
                out.add(found[j].start)
    return out


def _listed_after_source(title: str, found: list[CountryMention], c: CountryMention) -> bool:
    """"inflows from Canada, Russia": a country listed right after a source is a source too."""
    before = [m for m in found if m.end <= c.start]
    return bool(before) and bool(_LIST_JOIN.fullmatch(title, before[-1].end, c.start)) \
        and bool(re.search(r"\bfrom\s+(?:the\s+)?$", title[:before[-1].start], re.I))


def named_in_publisher(publisher: str | None) -> str | None:
    """"Vanuatu Bureau of Statistics", "Times of Oman", "Namibian Sun", "Colombo Gazette": the one country an
    outlet's or a body's name holds, by the country's name or adjective, else by its capital or main city."""
    codes = {c.code for c in find_countries(publisher or "") if c.form in ("name", "adjective")}
    if not codes and "(" in (publisher or ""):
        # "Ministry of Economy and Finance (Morocco)": a bracketed country is the publisher's when no other is
        # named ("Hong Kong (China)" qualifies the name before it)
        codes = {c.code for c in find_countries(re.sub(r"[()]", " ", publisher or "")) if c.form == "name"}
    if not codes:
        words, capitals = (publisher or "").split(), gazetteer.capitals()
        codes = {code for n in (3, 2, 1) for i in range(len(words) - n + 1)
                 if (code := capitals.get(" ".join(words[i:i + n])))}
    return codes.pop() if len(codes) == 1 else None


_ADJECTIVE_TAIL = re.compile(r"\s+(?:(?:fresh|frozen|raw|dried|processed|premium|organic|high-quality)\s+)?")


# "Tokyo-based Sakura Foods imported Thai chicken": goods a buyer takes in tell the seller, not the story's home
_BOUGHT_BEFORE = re.compile(r"\b(?:import\w*|bought|buy\w*|purchas\w*|receiv\w*|demand\s+for|of)\s+"
                            r"(?:[\w,-]+\s+){0,4}$", re.I)


def _origin_of_goods(text: str, c: CountryMention) -> bool:
    """"Bangladeshi jute goes to …", "Chilean fresh cherries": a country adjective heading a known goods term that
    no buyer's verb takes."""
    if _BOUGHT_BEFORE.search(text, max(0, c.start - 60), c.start):
        return False
    gap = _ADJECTIVE_TAIL.match(text, c.end)
    if gap is None or not text[gap.end():gap.end() + 1].islower():
        return False
    terms = find_commodities(text[gap.end():gap.end() + 40])
    return bool(terms) and terms[0].start == 0


@cache
def _own_calendars() -> list[tuple[str, tuple[str, ...], re.Pattern[str]]]:
    """(country, marks, pattern) of the years only one country's press writes in its own calendar (dates.yaml)."""
    calendars = dates_data().get("own_calendars") or {}
    return [(code, tuple(c["marks"]), re.compile("|".join(c["patterns"]))) for code, c in calendars.items()]


def _own_calendar_years(text: str) -> list[str]:
    # (the marks, plain substrings, first: most stories hold none)
    return [code for code, marks, pattern in _own_calendars()
            if any(mark in text for mark in marks) and pattern.search(text)]


def _home_country(ctx: ArticleContext) -> str | None:
    counts: Counter[str] = Counter()
    dateline = dateline_country(ctx.text)
    if dateline:
        counts[dateline] += 2  # where the story is filed from weighs like two mentions
    calendars = _own_calendar_years(ctx.text)
    for code in calendars:
        counts[code] += 2  # "in fiscal year 2083/84 BS": only Nepal's press writes its years so
    doc = ctx.document
    outlet = publishers.country_of(doc.publisher, doc.url) or named_in_publisher(doc.publisher)
    if outlet:
        counts[outlet] += 1.5  # a national outlet's story ("Centre permits onion exports to Sri Lanka") is its own
    for code, n in _regions_named(ctx.text).items():
        counts[code] += min(n, 4) * 0.5  # "Exports of Rioja wine dropped 7.2%": the goods' region names the home
    # ("Rs 4.12 billion" in that story: Nepal's rupees)
    for code, n in _local_money(ctx.text, outlet or (calendars[0] if len(calendars) == 1 else None)).items():
        counts[code] += min(n, 3) * 0.5  # "earned NZ$412 million": a story counted in a country's own money
    going = _destinations(ctx.text, ctx.countries) | _ranked_partners(ctx.text, ctx.countries)
    sellers: set[str] = set()
    origins: set[str] = set()
    subjects: set[str] = set()  # countries named as the subject of an export verb
    for c in ctx.countries:
        if c.form != "bloc":
            source = _SOURCE_BEFORE.search(ctx.text, max(0, c.start - 50), c.start) is not None
            counts[c.code] += 0.25 if c.start in going or source else 1.0
            if c.form != "adjective" and _TRADES_AFTER.match(ctx.text, c.end):
                subjects.add(c.code)
            if c.code not in sellers and (_SELLS_AFTER.match(ctx.text, c.end) or _BUYS_AFTER.match(ctx.text, c.end)):
                sellers.add(c.code)
                counts[c.code] += 3  # "New Zealand's honey exports earned …", "Kenya's imports of …": whose trade
            elif c.code not in sellers and c.form == "adjective" and _TRADERS_SELL.match(ctx.text, c.end):
                sellers.add(c.code)
                counts[c.code] += 3  # "Ivorian processors shipped 36,412 tonnes": the country's traders sell
            elif c.code not in origins and c.form == "adjective" and _origin_of_goods(ctx.text, c):
                origins.add(c.code)
                counts[c.code] += 2  # "Bangladeshi jute goes to Turkey, India and China": the goods' origin
    if not sellers:  # "Nepal exported 2,614 tonnes" in a story that names no country's exports by their owner
        for code in subjects:
            counts[code] += 3
    # A state body the lead names first is the story's own ("The Commissioner of the Customs Division of the Ghana
    # Revenue Authority … has toured customs stations …"), however often the partner is named after it
    lead_end = ctx.sentences[0].end if ctx.sentences else 0
    first_named = next((c for c in ctx.countries if c.start < lead_end and c.form != "bloc"), None)
    if first_named is not None and _INSTITUTION_AFTER.match(ctx.text, first_named.end):
        counts[first_named.code] += 1
    # The headline's subject weighs most: its first country that is not a destination
    # ("Uruguay's beef exports to China", "Cambodian coconuts leave for China").
    title = ctx.document.title or ""
    first = True
    in_title = find_countries(title, ctx.published)
    going = _destinations(title, in_title) | _ranked_buyers(title, in_title)
    for c in in_title:
        if c.form == "bloc":
            continue
        if c.start in going or _PARTNER_BEFORE.search(title, 0, c.start) or _listed_after_source(title, in_title, c):
            counts[c.code] += 0.25  # "… signs MoU with Saudi Food and Drug Authority": the partner
        else:
            counts[c.code] += 3 if first else 1
            first = False
    return counts.most_common(1)[0][0] if counts else None

"""Goods phrases: what a frame moves, read from the open text, known terms giving the HS heading.

Goods are read where English puts them: after "of" ("exports of fresh pears,
apples and grapes"), before an event noun ("olive oil exports"), as a verb's
object ("shipped boulders to"), or as the subject of a passive or motion
verb ("Avocados were flown to"). Words the commodity data does not know are
still goods when a trade cue moves them; the HS heading is given only when
the data knows the head noun.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from kb.extract import gazetteer
from kb.extract.commodities import Commodity, fold, hs_for, is_term, known, singular
from kb.extract.flows.adverbs import MOSTLY, MOSTLY_WORDS
from kb.extract.flows.lexicon import lexicon
from kb.extract.flows.mentions import SentenceMentions


@dataclass(frozen=True)
class Goods:
    name: str
    hs: str | None
    weak: bool = False  # inherited from the article or an earlier frame, not read in this one
    start: int = -1
    end: int = -1
    definite: bool = False  # "the nuts", "its products": may name goods said before

    @property
    def key(self) -> str:
        """What two mentions of the same goods share: the HS heading, else the head noun."""
        if self.hs and len(self.hs) >= 4:
            return self.hs[:4]
        folded = fold(self.name)
        if folded in _WHOLE_TRADE:
            return "goods"  # "exports" read from "the main destination of Estonian exports" is goods as a whole
        mods = lexicon().modifiers  # "light industrial products" and "steel products" are two goods
        return " ".join(w for w in folded.split() if w not in mods)


_WHOLE_TRADE = frozenset(("goods", "good", "export", "import"))


def narrows(goods: Goods, whole: Goods) -> bool:
    """Whether goods are a kind of a wider heading ("diammonium phosphate" 3105 under fertilizers 31)."""
    return bool(whole.hs and goods.hs and len(whole.hs) < len(goods.hs) and goods.hs.startswith(whole.hs))


_TOKEN = re.compile(r"[A-Za-z][\w’'-]*|\d[\w-]*|[,;:()\[\]\"“”.!?/]|&")
_DETERMINERS = frozenset(("another", "extra", "the", "a", "an", "its", "their", "his", "her", "our", "this",
                          "these", "those", "that", "some", "other", "more", "less", "fewer", "such", "first", "new",
                          "additional", "further", "of", "all", "both", "various", "several", "many", "much", "most",
                          "certain", *MOSTLY_WORDS))
# counts: "received six US cargoes" counts cargoes, "six" names no goods
_COUNTS = frozenset(("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                     "dozen", "dozens", "hundreds", "thousands"))
_CLOSING_QUOTE = re.compile(r"[”\"’]")
_QUOTED_GOODS = re.compile(r"(?P<name>[A-Za-z][a-z-]*(?:\s+[a-z][a-z-]*){0,4})(?=[”\"])")
_OPENING_QUOTES = frozenset(("“", "\""))
_COORDINATION = frozenset((",", "and", "or", "&", "as well as"))


def read_phrase_list(sm: SentenceMentions, pos: int, limit: int, pairs: bool = True) -> list[Goods]:
    """The goods named from `pos`, a coordinated list included: "fresh pears, apples and grapes"; with `pairs`,
    two goods of one kind joined by "and" are one ("salmon and trout")."""
    out: list[Goods] = []
    last = False  # after "and"/"or" comes the list's last element
    while pos < limit:
        goods, end = _read_phrase(sm, pos, limit)
        if goods is None:
            break
        out.append(goods)
        closing = _CLOSING_QUOTE.match(sm.text, end, limit)  # "“yogurt”, “cheese”": goods named in quotes
        joint = _JOINT.match(sm.text, closing.end() if closing else end, limit)
        if joint is None or not joint.group(0).strip(" ") or _SPECIFIER.match(sm.text, joint.end(), limit):
            break  # "livestock, mainly sheep and goats": what follows specifies the goods, it lists no more
        ends = bool(re.search(r"\b(?:and|or)\b|&|well", joint.group(0)))
        if last and (ends or not _LIST_GOES_ON.match(sm.text, joint.end(), limit)):
            break
        last = ends
        pos = joint.end()
    out = _shared_head(sm.text, out)
    return _pair(sm.text, out) if pairs else out


def _pair(s: str, goods: list[Goods]) -> list[Goods]:
    """"salmon and trout", "cars and car parts", "fuel and lubricants": two goods of one HS chapter (or not
    both known, or two chapters named broadly) joined by "and" alone are one line of trade as the article
    names it; "crude oil and iron ore" and a longer list name each of their goods."""
    if len(goods) != 2:
        return goods
    a, b = goods
    # "fruit and vegetables", "knitwear and woven garments": broad categories of neighbouring chapters pair too
    broad = bool(a.hs and b.hs and len(a.hs) == 2 and len(b.hs) == 2 and a.hs.isdigit() and b.hs.isdigit()
                 and abs(int(a.hs) - int(b.hs)) == 1)
    if a.start < 0 or b.start < 0 or not re.fullmatch(r"\s+(?:and|&)\s+", s[a.end:b.start]) \
            or (a.hs and b.hs and a.hs[:2] != b.hs[:2] and not broad):
        return goods
    name = s[a.start:b.end]
    name = name if re.search(r"[A-Z]{2}", name) else name.lower()
    hs = a.hs if a.hs == b.hs else _common_chapter(a.hs, b.hs)
    return [Goods(name, hs, a.weak and b.weak, a.start, b.end, a.definite)]


def unpaired(sm: SentenceMentions, goods: Goods) -> list[Goods]:
    """"sells copper ore and iodine to India": with no figure for their total, goods of a heading of their own
    beside one the data does not know, or of two chapters, are two goods (not one line of trade, as "5,000 t of
    cotton fibre and yarn")."""
    if goods.start < 0 or " and " not in goods.name:
        return [goods]
    parts = read_phrase_list(sm, goods.start, goods.end, pairs=False)
    if len(parts) == 2 and bool(parts[0].hs) != bool(parts[1].hs) and len(parts[0].hs or parts[1].hs or "") >= 4:
        return parts
    if len(parts) == 2 and parts[0].hs and parts[1].hs and parts[0].hs[:2] != parts[1].hs[:2] \
            and not any(fold(p.name.split()[-1]) in lexicon().class_nouns for p in parts):
        return parts  # "buys machinery and electronics": goods of two chapters (not "fruit and vegetables", one trade)
    if len(parts) == 2 and all(p.hs and len(p.hs) >= 4 for p in parts) and parts[0].hs[:4] != parts[1].hs[:4] \
            and not any(fold(p.name.split()[-1]) in lexicon().class_nouns for p in parts) \
            and not _TRADE_NOUN_AFTER.match(sm.text, goods.end):
        # "imports boulders and gypsum": two headings of one chapter, each its own goods (not "tea and coffee
        # exports", a line of trade named before its noun)
        return parts
    if len(parts) == 2 and all(len(p.name.split()) >= 2 for p in parts) and not (parts[0].hs and parts[1].hs) \
            and fold(parts[0].name.split()[-1]) != fold(parts[1].name.split()[-1]):
        return parts  # "ships plastic products and iron rods": two goods, each with a head of its own
    return [goods]


_TRADE_NOUN_AFTER = re.compile(r"\s+(?:exports?|imports?|re-exports?|shipments?|sales|trade|deliveries|purchases)\b")


def _common_chapter(a: str | None, b: str | None) -> str | None:
    """The HS chapter two goods share ("salmon" 0302, "trout" 0302: 03), else none."""
    return a[:2] if a and b and a[:2] == b[:2] else None


def _shared_head(s: str, goods: list[Goods]) -> list[Goods]:
    """"diammonium and monoammonium phosphate": a lone word the data does not know, joined by "and" to a phrase
    with a head, shares that head: one goods."""
    if len(goods) != 2:
        return goods
    a, b = goods
    words_b = b.name.split()
    if " " in a.name or a.hs or a.name.endswith("s") or len(words_b) < 2 or not b.hs \
            or not re.fullmatch(r"\s+(?:and|or|&)\s+", s[a.end:b.start]):
        return goods  # "phosphates and crude oil": a plural noun is goods of its own, not a modifier
    name = s[a.start:b.end]
    name = name if re.search(r"[A-Z]{2}", name) else name.lower()
    return [Goods(name, b.hs, b.weak, a.start, b.end, a.definite)]


# After "A and B", a comma goes on with the list only when another "and" closes it later: "lead and copper
# concentrates, bananas, balsa wood and cocoa".
_LIST_GOES_ON = re.compile(r"[^.;:()]{0,80}?(?:,\s*|\s)(?:and|or)\s+[a-z]")
_JOINT = re.compile(r"\s*,?\s+as\s+well\s+as\s+|\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s*&\s*)")
_SPECIFIER = re.compile(r"(?:" + MOSTLY + r"|especially|notably|including|namely|such|"
                        r"along\s+with|together\s+with|"  # "maize, along with mealie meal": a figure's goods end
                        r"(?:led|dominated|driven|headed)\s+by)\b", re.I)  # "products, led by palm oil and copra"


_MORE = frozenset(("more", "less", "fewer", "enough"))
_PRONOUNS = frozenset(("them", "it", "they", "those", "these", "ones", "themselves", "itself"))
_MORE_NEXT = re.compile(r"\s+(?:more|less|fewer)\b")
_BRACKETED_ABBREVIATION = re.compile(r"\([A-Z][A-Za-z&.-]{0,7}\)(?=\s+[a-z])")


def _read_phrase(sm: SentenceMentions, pos: int, limit: int) -> tuple[Goods | None, int]:
    """One noun phrase of goods at `pos` (determiners and country words set aside), and where it ends."""
    lex, forms, s = lexicon(), gazetteer.country_forms(), sm.text
    words: list[tuple[int, int]] = []
    definite = False
    skip_to = pos
    for m in _TOKEN.finditer(s, pos, limit):
        if m.start() < skip_to:
            continue
        token = m.group(0)
        low = token.lower()
        abbreviation = _BRACKETED_ABBREVIATION.match(s, m.start()) if words and token.startswith("(") else None
        if abbreviation:  # "electrical and electronic (E&E) products": the abbreviation inside is no word
            skip_to = abbreviation.end()
            continue
        if not words and token in _OPENING_QUOTES:
            # "include “tiles and ceramics”, “yogurt”": a quoted name of goods, whole
            quoted = _QUOTED_GOODS.match(s, m.end(), limit)
            if quoted:
                name = quoted["name"]
                return Goods(name.lower(), goods_hs(name), False, quoted.start("name"), quoted.end("name")), \
                    quoted.end("name")
            continue
        if not token[0].isalpha() and not (token[0].isdigit() and "-" in token and words):
            break
        named = next((c for c in sm.countries if c.start == m.start() and c.end > m.end()), None) \
            if not words and token[0].isupper() else None
        if named is not None:  # "New Zealand cherries", "South African wine": a country of several words first
            skip_to = named.end
            continue
        if not words and (low in _DETERMINERS or _origin_word(token, forms) or _attributive_name(token, s, m.end())
                          or (token.islower() and low.endswith(("'s", "’s")))):  # "the country's gas"
            definite = definite or low in _DEFINITE
            continue  # "the", "Tunisian", "Brazil's" before the goods
        if not words and (low in _MORE or (low.endswith("ly") and _MORE_NEXT.match(s, m.end()))):
            continue  # "took noticeably more tea": how much more, not what
        if not words and low in _WHITHER:
            continue  # "sent abroad scrap metals": where to, before the goods
        close = _CLOSE_TO.match(s, m.start()) if not words else None
        if close is not None:  # "took close to half of the gum": how much, then what
            skip_to = close.end()
            continue
        if not words and low in _PRONOUNS:
            return None, m.end()  # "send most of them straight to Vietnam": the goods told before, not a name
        if low in ("and", "or") and words and _ADJECTIVE_ENDING.search(s[words[-1][0]:words[-1][1]].lower()) \
                and not known(s[words[-1][0]:words[-1][1]]) \
                and re.match(r"\s+[a-z]", s[m.end():m.end() + 3]):  # … "charcoal and cattle" are two goods
            words.append((m.start(), m.end()))  # "electrical and electronic products": one goods
            continue
        if low == "of" and words and s[words[-1][0]:words[-1][1]].lower() in (_AMOUNT_NOUNS | _PORTION_NOUNS):
            # "smaller volumes of gas", "the bulk of Cambodian cashew nuts": the goods are what the volumes hold
            words, definite = [], False
            continue
        if low in ("and", "or") and words and _JOINED_HEAD.match(s, m.end()) \
                and any(t.start == words[0][0] and t.end >= m.end() + len(_JOINED_HEAD.match(s, m.end())[0])
                        for t in sm.terms):
            # "iron and steel scrap": a known name of goods with "and" inside, its head after ("fruit and
            # vegetables" at a list's end are two of its goods)
            words.append((m.start(), m.end()))
            continue
        if low in lex.goods_stop:
            break
        if token in forms and words:
            if forms[token].form == "adjective":
                continue  # "packaged Tunisian oil": the origin is read by the roles
            break
        if token[0].isupper() and not words and (token in forms or not _upper_goods(token, s, m.end())):
            break  # a country's name opens no goods ("… and Indonesia bought …")
        if lex.kind_of.get(low, "").endswith("verb") and low not in lex.noun_kind:
            if words:
                break  # "Australia, the market for PNG coffee, took 74,100 bags": a trade verb ends the goods
            continue  # "…, supplying petroleum products": the goods come after it
        words.append((m.start(), m.end()))
        if len(words) == 5:
            break
    if words and all(s[a:b].lower() in _COUNTS for a, b in words):
        return None, words[-1][1]
    last = s[words[-1][0]:words[-1][1]].lower() if words else ""
    modifies = bool(words) and bool(_PACKAGE_AFTER.match(s, words[-1][1]))
    if (last in _AMOUNT_NOUNS or modifies) and not known(s[words[0][0]:words[-1][1 if modifies else 0]]):
        return None, words[-1][1]  # "small trial consignments", "regular shipments": how much, not what
    goods, end = _goods_of(sm, words)
    if goods is not None and definite:
        goods = Goods(goods.name, goods.hs, goods.weak, goods.start, goods.end, definite=True)
    return goods, end


_AMOUNT_NOUNS = frozenset(("volume", "volumes", "quantity", "quantities", "amount", "amounts", "shipment",
                           "shipments", "consignment", "consignments", "cargo", "cargoes", "batch", "batches",
                           "lot", "lots", "load", "loads", "supplies", "deliveries", "tonnes", "tons",
                           # packages: "its first container of frozen tuna" holds tuna
                           "container", "containers", "truckload", "truckloads", "shipload", "boatload", "pallet",
                           "pallets", "crate", "crates", "carton", "cartons", "box", "boxes", "bag", "bags",
                           "sack", "sacks", "bale", "bales", "barrel", "barrels", "drum", "drums", "bottle",
                           "bottles", "wagon", "wagons", "wagonload", "wagonloads"))
_PORTION_NOUNS = frozenset(("bulk", "majority", "rest", "remainder", "balance", "half", "share", "part", "portion",
                            "third", "quarter", "fifth", "two-thirds", "three-quarters"))
_PACKAGE_AFTER = re.compile(r"\s+(?:consignments?|shipments?|cargoes|deliveries|supplies|batches|lots)\b")
_DEFINITE = frozenset(("the", "its", "their", "these", "those", "this", "that", "his", "her", "our"))


def antecedent(sm: SentenceMentions, goods: Goods) -> Goods | None:
    """"exported 40,000 tonnes of the nuts" after "raw cashew nuts": the goods named before, in the sentence,
    whose head is the same ("its products": the latest goods named)."""
    head = fold(goods.name).split()[-1]
    generic = goods.name.split()[-1].lower() in lexicon().general_goods
    across = lexicon().class_nouns_across.get(head.removesuffix("s"), ())  # "of the bean" after "coffee"
    # "… of Iranian pistachio, buying 4,218 tons of the nut": a class noun names goods of its chapter told before
    chapter = goods.hs[:2] if goods.hs and head.removesuffix("s") in lexicon().class_nouns else None
    for t in reversed(sm.terms):
        if t.end <= goods.start and (generic or fold(t.name).split()[-1] == head
                                     or any((t.hs or "").startswith(h) for h in across)
                                     or (chapter is not None and (t.hs or "").startswith(chapter))):
            return term_goods(sm.text, t)
    return None


def _attributive_name(token: str, s: str, end: int) -> bool:
    """"US yellow corn", "China tea": a country's name used as an adjective of origin (but "Brazil nuts")."""
    form = gazetteer.country_forms().get(token)
    nxt = re.match(r"\s+([a-z][\w-]*)", s[end:end + 30])
    if form is None or form.form != "name" or nxt is None or known(f"{token} {nxt.group(1)}"):
        return False
    word = nxt.group(1)  # "US corn" names goods; "Indonesia bought" is a subject and its verb
    return word not in lexicon().kind_of and word not in lexicon().goods_stop and not word.endswith("ed")


def _origin_word(token: str, forms: dict) -> bool:
    form = forms.get(token)
    if form is not None:
        return form.form == "adjective"
    made = _MADE_IN.fullmatch(token)  # "Moroccan-built passenger cars", "Kenyan-grown tea": the origin, not the goods
    if made is not None and made["country"] in forms:
        return True
    return token.endswith(("'s", "’s")) and token[:-2] in forms


_CLOSE_TO = re.compile(r"(?:close|next)\s+to\s+(?=(?:half|most|a\s+third|a\s+quarter|two-thirds)\b)", re.I)
_JOINED_HEAD = re.compile(r"\s+[a-z]+\s+[a-z]+")
_WHITHER = frozenset(("abroad", "overseas", "offshore"))  # adverbs of a verb put before its object


_MADE_IN = re.compile(r"(?P<country>[A-Z][\w]*)-(?:built|made|grown|produced|assembled|manufactured|origin|bred|"
                      r"raised|caught|brewed|distilled|roasted|refined|milled|sourced)")


def _upper_goods(token: str, s: str, end: int) -> bool:
    """A capitalised word starts goods only as an acronym the data knows or before lower-case words
    ("COVID-19 vaccines", "Hass avocados")."""
    if known(token):
        return True
    return bool(re.match(r"\s+[a-z]", s[end:end + 3]))


def _goods_of(sm: SentenceMentions, words: list[tuple[int, int]]) -> tuple[Goods | None, int]:
    if not words:
        return None, -1
    lex, s = lexicon(), sm.text
    # A phrase runs to its last word that can end goods ("quinoa flakes", "pears there" -> "pears").
    inner = [t for t in sm.terms if words[0][0] <= t.start and t.end <= words[-1][1]]
    end = inner[-1].end if inner else words[-1][1]
    cue_starts = {c.start for c in sm.cues}
    for a, b in words:
        if b <= end:
            continue
        if not s[a:b].islower() or a in cue_starts or not _plausible_open_goods([s[a:b]]) \
                or _ADJECTIVE_ENDING.search(s[a:b]):
            break  # "macadamia nuts left for India": a verb, a name or a cue ends the goods
        end = b
    kept = [w for w in words if w[1] <= end]
    name = " ".join(s[a:b] for a, b in kept)
    head = kept[-1]
    head_word = s[head[0]:head[1]].lower()
    if head_word in lex.not_goods or (head_word in lex.modifiers and not inner) or not name:
        return None, -1
    if not inner and not _plausible_open_goods([s[a:b] for a, b in kept]):
        return None, -1
    name = name if re.search(r"[A-Z]{2}", name) else name.lower()
    return Goods(name, goods_hs(name), False, kept[0][0], end), end


def plausible_goods(words: list[str]) -> bool:
    """Whether words the data does not know read as goods (a plain noun at the head, at most four words)."""
    return _plausible_open_goods(words)


def _plausible_open_goods(words: list[str]) -> bool:
    """Open-vocabulary goods: up to four words, the head a plain noun (not a verb form, adverb or number)."""
    lex = lexicon()
    head = words[-1].lower()
    if len(words) > 4 or head in lex.not_goods or head.endswith(("ly", "ing")) or len(head) < 3:
        return False
    if head.endswith("ed") and not head.endswith("eed") and not known(head):  # "seed", "feed" are nouns
        return False
    # "electrical and electronic products": an "and" joining two adjectives is part of the name
    joined = {i for i, w in enumerate(words[1:-1], 1) if w.lower() in ("and", "or")
              and _ADJECTIVE_ENDING.search(words[i - 1].lower())}
    return all(w.lower() not in lex.goods_stop for i, w in enumerate(words) if i not in joined)


def goods_of_figure(sm: SentenceMentions, start: int, end: int, limit: int) -> list[Goods]:
    """The goods a figure counts: inside its unit ("500,000 head of livestock") or after its "of"."""
    after = goods_after_of(sm, end, limit)  # "1.44 million bags of coffee": the bags hold the goods
    if after:
        return after
    # a term inside the figure is its goods ("120,000 head of cattle"), unless it is the unit ("60,000 bags")
    unit = next((a.unit for a in sm.amounts if a.start == start and a.unit), None)
    inside = [t for t in sm.terms if start <= t.start and t.end <= end
              and not (unit and fold(t.name) in (unit.lower(), singular(unit.lower())))]
    if inside:
        return [term_goods(sm.text, inside[-1], start)]
    counts = any(a.start == start and a.kind == "number" for a in sm.amounts)
    if counts and any(0 < t.start - end <= 1 for t in sm.terms):
        listed = read_phrase_list(sm, end, limit)  # "1.3 million sheep and goats": the goods counted, as one
        if len(listed) > 1:
            name = sm.text[listed[0].start:listed[-1].end].lower()
            return [Goods(name, listed[0].hs, False, listed[0].start, listed[-1].end)]
        return listed
    return []


_OF_GOODS = re.compile(r"\s*(?:worth\s+)?of\s+")
_FOR_GOODS = re.compile(r"\s*(?:worth\s+)?(?:of|for)\s+(?:the\s+)?")


def goods_after_of(sm: SentenceMentions, pos: int, limit: int, role: bool = False) -> list[Goods]:
    """ "… of fresh pears and apples": the list after an "of" at `pos` (blanks allowed before it); after a
    role noun "for" too ("the largest market for Egyptian tiles")."""
    m = (_FOR_GOODS if role else _OF_GOODS).match(sm.text[pos:limit])  # "$6bn worth of metal products"
    if m is None:
        return []
    if of_own_trade(sm, pos, limit, bare=False):
        return []  # "the main sources of Iran's imports": a country's trade, no goods named
    found = read_phrase_list(sm, pos + m.end(), limit)
    if m.group().rstrip().endswith(("for", "the")) and not m.group().lstrip().startswith("of"):
        return [g for g in found if g.hs]  # "the traditional market for Kenyan blends": known goods only
    if m.group().rstrip().endswith("the"):  # "the largest supplier of the fruit": may be the goods told before
        return [replace(g, definite=True) for g in found]
    return found


def of_own_trade(sm: SentenceMentions, pos: int, limit: int, bare: bool = True) -> bool:
    """"(the main sources) of Iran's imports", "(markets) for Kenya's exports", with `bare` also "(the leading
    destination) for exports": a country's trade as a whole."""
    m = _FOR_GOODS.match(sm.text[pos:limit])
    own = _OWN_TRADE.match(sm.text, pos + m.end(), limit) if m is not None else None
    return own is not None and (bare or own.group("owner") is not None)


_OWN_TRADE = re.compile(r"(?:(?P<owner>(?:[A-Z][\w.-]*\s+){0,3}?[A-Z][\w.-]*['’]s?|our|its|their)\s+)?"
                        r"(?:[a-z-]+\s+){0,2}?"
                        r"(?:imports|exports|purchases|sales|shipments|trade)\b")


# "The UAE's main imports from Thailand include vehicles, rice and …": the goods a trade noun's copula lists
_COPULA_GOODS = re.compile(r"(?:\s+(?:items|products|goods|commodities))?"  # "Iran's main exports items to Iraq"
                           # "goods sold to Afghanistan", "products shipped from Peru"
                           r"(?:\s+(?:(?:sold|shipped|exported|sent|imported|bought)\s+)?(?:from|to|of)\s+(?:the\s+)?"
                           r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})*"
                           r"(?:\s+(?:in|during|over)\s+[\w\s-]{1,20}?)?"
                           r"\s+(?:had\s+|have\s+|has\s+)?(?:" + MOSTLY + r"\s+)?(?:include|includes|included|comprise|"
                           r"comprises|comprised|consist|consists|consisted|are|were)"
                           # "consisted mainly of fuel, steel and cement"
                           r"(?:\s+(?:" + MOSTLY + r"\s+)?of(?=\s))?\s+(?:" + MOSTLY + r"\s+)?")


def goods_after_copula(sm: SentenceMentions, pos: int, limit: int) -> list[Goods]:
    """ "main imports from Thailand include vehicles and rice": the list after a copula of the trade noun."""
    m = _COPULA_GOODS.match(sm.text, pos, limit)
    if m is None or re.match(r"\s*(?:[a-z]+ed\b|led\b|worth|up\b|down\b|\d|[$€£¥])", sm.text[m.end():m.end() + 12]):
        return []
    found = read_phrase_list(sm, m.end(), limit)
    # not "were flat", "are made under"; but a list mostly of known goods holds open ones too ("construction
    # materials" beside cement)
    return found if found and 2 * sum(bool(g.hs) for g in found) >= len(found) else []


# "Rice, meat and machinery account for the bulk of India's shipments to Qatar": the subject names the goods
_SHARE_OF_TRADE = re.compile(r"\s+(?:account(?:s|ed)?\s+for|make(?:s)?\s+up|made\s+up|represent(?:s|ed)?|"
                             r"dominate(?:s|d)?)\s+(?:(?:the\s+bulk|most|much|half|a\s+third|a\s+quarter|"
                             r"(?:about\s+|nearly\s+|over\s+|around\s+)?\d[\d.,]*\s*(?:%|per\s*cent|percent))"
                             r"\s+of\s+)?(?:[\w'’-]+\s+){0,3}"
                             # "… made up much of Türkiye's $9.4 billion of exports": the whole's figure between
                             r"(?:(?:[A-Z]{0,3}[$€£¥])\s?\d[\d.,]*\s*(?:billion|million|bn|mn|m)?\s+(?:of\s+|in\s+)?"
                             r"(?:[\w'’-]+\s+){0,2})?$", re.I)


def goods_of_share_subject(sm: SentenceMentions, pos: int, floor: int) -> list[Goods]:
    """The goods a clause opens with when they make up the trade noun at `pos`."""
    m = _SHARE_OF_TRADE.search(sm.text, floor, pos)
    if m is None:
        return []
    lead = sm.text[floor:m.start()]
    start = floor + len(lead) - len(lead.lstrip(" \"“‘"))
    found: list[Goods] = []
    while start < m.start():  # "Rice, meat, fruits and vegetables, and machinery": a list of lists
        more = read_phrase_list(sm, start, m.start())
        if not more:
            return []
        found.extend(more)
        joint = re.match(r",?\s*(?:and\s+|&\s+)?", sm.text[more[-1].end:m.start()])
        start = more[-1].end + (joint.end() if joint else 0)
        if not joint or not joint.group().strip():
            break
    return found if found and found[-1].end >= m.start() - 1 else []


def goods_before_list(sm: SentenceMentions, pos: int, floor: int) -> list[Goods]:
    """"grape and avocado exports", "fruit and vegetable shipments": the goods right before an event noun, the one
    coordinated before them included (two of one kind are one line of trade, as `_pair` reads them)."""
    last = goods_before(sm, pos, floor)
    if last is None or last.start < 0:
        return [last] if last is not None else []
    joint = re.search(r"\s+(?:and|or|&)\s+$", sm.text[max(floor, last.start - 8):last.start])
    first = goods_before(sm, last.start - len(joint.group(0)), floor) if joint else None
    if first is None or first.start < 0 or not (first.hs or last.hs):
        return [last]
    return _pair(sm.text, [first, last])


def goods_before(sm: SentenceMentions, pos: int, floor: int) -> Goods | None:
    """ "olive oil exports", "pear shipments": goods right before an event noun at `pos`."""
    s = sm.text
    abbreviation = re.search(r"(\s*)\((?:[A-Z][A-Za-z]{1,7}|[a-z][a-z -]{1,18})\)\s+$", s[max(floor, pos - 24):pos])
    if abbreviation:  # "ready-made garment (RMG) exports", "Lentil (masur) imports": the goods before the bracket
        pos -= len(abbreviation.group(0)) - len(abbreviation.group(1))
    for t in reversed(sm.terms):
        if floor <= t.start and t.end <= pos and not s[t.end:pos].strip():
            return term_goods(s, t, floor)
    window = s[max(floor, pos - 30):pos]
    m = re.search(r"(?<![\w'’-])([A-Za-z][a-z-]{2,})\s+$", window)
    word = m.group(1).lower() if m else ""
    # A capitalised word is goods only where a sentence starts with it ("Milk powder shipments").
    if m and (m.group(1).islower() or not s[max(floor, 0):pos - len(m.group(0))].strip()) \
            and m.group(1) not in gazetteer.country_forms() and _plausible_open_goods([word]) \
            and word not in _NOT_A_GOODS_MODIFIER and word.split("-")[-1] not in _NOT_A_GOODS_MODIFIER \
            and not _ADJECTIVE_ENDING.search(word):  # "single-country destination", "long-haul markets"
        end = pos - len(m.group(0)) + len(m.group(1))
        start = _extend_compound(s.lower(), end - len(m.group(1)), floor, original=s)
        name = s[start:end].lower()
        return Goods(name, goods_hs(name), False, start, end)  # "okra exports", "Milk powder shipments"
    return None


# Words before an event noun that say which exports, not what goods ("total exports", "annual shipments").
_NOT_A_GOODS_MODIFIER = frozenset(("led", "topped", "headed", "dominated", "drove", "boosted", "lifted",  # verbs
                                   "total", "annual", "monthly", "overall", "record", "average", "daily",
                                   "weekly", "yearly", "quarterly", "direct", "further", "recent", "future",
                                   "global", "world", "foreign", "overseas", "domestic", "regional", "bilateral",
                                   "combined", "cumulative", "seaborne", "outbound", "inbound", "first",
                                   "commercial", "official", "trial", "regular", "initial", "maiden", "major",
                                   "main", "key", "largest", "biggest", "top", "leading", "new", "traditional",
                                   "dominant", "principal", "primary", "sole", "only", "preferred", "reliable",
                                   # regions are whose, not what: "African origins", "Asian buyers"
                                   "african", "asian", "european", "american", "arab", "gulf", "latin", "nordic",
                                   "western", "eastern", "northern", "southern", "central", "pacific", "caribbean",
                                   "baltic", "balkan", "mediterranean", "mideast", "overseas", "non-eu", "eu",
                                   "alternative", "important", "single", "second-largest", "third-largest",
                                   "main", "non-oil", "oil-free", "country", "nation", "favourite", "favorite",
                                   "onward", "further",
                                   # "China's October imports": when, not what
                                   "january", "february", "march", "april", "may", "june", "july", "august",
                                   "september", "october", "november", "december", "year-end", "half-year",
                                   "state", "sector", "industry", "company", "firm", "product", "total", "net",
                                   "the", "its", "their", "our", "these", "those", "and", "of", "to", "from",
                                   "which", "whose", "such", "air", "sea", "rail", "road", "truck", "trial",
                                   "test", "pilot", "sample", "container", "vessel", "ship", "train", "wagon",
                                   "cargo", "export", "import", "transit", "direct", "border",
                                   "re-export", "re-import", "trade", "trading", "shipping", "supply", "sourcing",
                                   # verbs of saying before the goods: "The BCR said soy oil shipments …"
                                   "said", "says", "told", "added", "noted", "reported", "announced", "show",
                                   "shows", "showed",
                                   # how much, not what: "enough raw nuts", "more tea"
                                   *_MORE, "much", "many", "some", "any"))


# An unknown word before an event noun that reads as an adjective ("big", "growing", "traditional") is no goods.
_ADJECTIVE_ENDING = re.compile(r"(?:est|al|ive|ous|ful|ic|ing|(?<!e)ed|ish|ary|ible|able|less)$|"
                               r"^(?:big|small|large|other|few|many|good|bad|high|low|long|short|old|young|great|huge|vast|strong|weak|larger|bigger|"
                               r"smaller|greater|higher|lower|wider|newer|older|richer|poorer|fewer|major|minor)$")


def nearest_term(sm: SentenceMentions, lo: int, hi: int, pos: int) -> Goods | None:
    """The known goods term within [lo, hi) nearest to `pos`, its modifiers included."""
    inside = [t for t in sm.terms if lo <= t.start and t.end <= hi and not _in_capitalised_name(sm.text, t)
              and not any(c.start <= t.start < c.end for c in sm.cues) and t.name not in lexicon().carriers
              and not any(a.start <= t.start < a.end for a in sm.amounts)]  # "167,800 bags": a unit, no goods
    if not inside:
        return None
    return term_goods(sm.text, min(inside, key=lambda t: abs(t.start - pos)), lo)


def list_around(sm: SentenceMentions, g: Goods, lo: int, hi: int) -> list[Goods]:
    """"Pakistani rice, meat and textiles are shipped to …": the coordinated list a goods term stands in, each
    element a goods phrase of its own (none when the term stands alone)."""
    s = sm.text
    if g.start < 0 or not re.search(r"(?:,|\band\b|\bor\b|&)", s[max(lo, g.start - 60):min(hi, g.end + 60)]):
        return []
    starts = [m.start() for m in re.finditer(r"(?<![\w'’-])[A-Za-z]", s[max(lo, g.start - 80):g.start + 1])]
    for start in (max(lo, g.start - 80) + a for a in starts):
        listed = read_phrase_list(sm, start, hi)
        if len(listed) < 2 or not any(e.start <= g.start < e.end for e in listed):
            continue
        if not s[start:listed[0].start].strip() or _set_aside_only(s[start:listed[0].start]):
            return listed if all(clean_goods(e) for e in listed) else []
    return []


def _set_aside_only(text: str) -> bool:
    """Only what a goods phrase sets aside before its words: determiners and origin words ("the Pakistani")."""
    forms = gazetteer.country_forms()
    return all(w.lower() in _DETERMINERS or _origin_word(w, forms) for w in text.split())


@cache
def _stray_words() -> frozenset[str]:
    return lexicon().not_goods | _NOT_A_GOODS_MODIFIER


def clean_goods(e: Goods) -> bool:
    """A list element that is goods alone: a known term at its head or a plain noun phrase, no "of" inside."""
    words = e.name.lower().split()
    stray = _stray_words()  # "them", "said": not words of goods
    return " of " not in f" {e.name} " and not any(w in stray for w in words) \
        and (e.hs is not None or _plausible_open_goods(words))


def term_goods(s: str, t: Commodity, floor: int = 0) -> Goods:
    """Goods of a known term with its modifiers ("frozen cherries": the heading of frozen fruit) and the nouns
    that make it a compound ("cassava chips", which is not the heading of chips)."""
    start = _extend_compound(s, extend_modifiers(s, t.start, floor), floor)
    name = s[start:t.end].lower()
    definite = bool(DEFINITE_BEFORE.search(s, max(floor, start - 8), start))  # "buyer of the fruit"
    return Goods(name, goods_hs(name), False, start, t.end, definite)


# "buyer of the fruit", "China absorbed the bulk of the fruit": a determiner that points back (the words of _DEFINITE)
DEFINITE_BEFORE = re.compile(r"\b(?:the|its|their|this|that|these|those|his|her|our)\s+$", re.I)


# "green-skin avocados", "export-grade cashews", "medium-sized prawns": a trait of the goods, not another good
_TRAIT = re.compile(r"[a-z]+-(?:skin|skinned|grade|quality|sized?|type|style|class|fed|free|grown|farmed|caught)")


_PRODUCTS_OF = frozenset(("products", "product"))


def goods_hs(name: str) -> str | None:
    """The HS heading of goods: of the phrase, or of its head once modifiers are set aside ("fresh pears"),
    but not of a head that other words make a compound of ("shea butter", "cassava chips")."""
    words = fold(name).split()
    lex = lexicon()
    if len(words) >= 2 and words[-1] in _PRODUCTS_OF and not is_term(" ".join(words)):
        return goods_hs(" ".join(words[:-1]))  # "whey products": the products of whey, the heading of whey
    if "and" in words and not is_term(" ".join(words)) and (shared := _shared_heading(" ".join(words))):
        return shared
    for i in range(len(words)):
        if is_term(" ".join(words[i:])):
            # ("high oleic sunflower oil": adjectives, no compound; a participle only where the data knows it as a
            # modifier: "washed coffee" may be a kind of its own)
            if all(w in lex.modifiers or _TRAIT.fullmatch(w)
                   or (_ADJECTIVE_ENDING.search(w) and not w.endswith("ed")) for w in words[:i]) \
                    or (i == len(words) - 1 and words[-1] in lex.stable_heads) \
                    or _kind_of_its_class(words[:i], hs_for(" ".join(words[i:]))):
                return hs_for(name)  # "fresh pears"; "pomegranate juice", "robusta coffee": still the head's heading
            return None
    return None


_AND = re.compile(r"\s+and\s+")


def _shared_heading(name: str) -> str | None:
    """"coir and coir products" (5305), "cotton fibre and yarn" (52), "mineral fuels and oils" (27): goods joined by
    "and" share the heading or chapter their known parts have in common; a part the data does not know ("yarn",
    "paste") is of the known part's chapter."""
    parts = _AND.split(name)
    if len(parts) != 2 or not all(parts):
        return None
    codes = [goods_hs(p) for p in parts]
    known_codes = [c for c in codes if c]
    if not known_codes:
        return None
    if len(known_codes) == 1:  # "cocoa butter and paste": the other part one word, read as of the same chapter
        other = parts[codes.index(None)]
        return known_codes[0][:2] if " " not in other else None
    a, b = known_codes
    common = next((n for n in (6, 4, 2) if len(a) >= n and len(b) >= n and a[:n] == b[:n]), 0)
    return a[:common] if common else None


def _kind_of_its_class(before: list[str], head_hs: str | None) -> bool:
    """"rubber latex", "steel rebar": goods named before the head whose heading holds the head's (the class and a kind
    of it), so the phrase keeps the head's heading."""
    if not before or not head_hs or not is_term(" ".join(before)):
        return False
    outer = hs_for(" ".join(before))
    return bool(outer) and head_hs.startswith(outer)


# Before a compound's first noun: where a goods phrase may start ("of", "the", a figure, a country word).
_PHRASE_START = re.compile(r"(?:^|[\s(,]|\b(?:of|the|a|an|its|their|and|or|in|on|to|for|with|more|less|some|"
                           r"[A-Z][\w-]*|\d[\d,.]*\s*\w*))\s*$")


# "the Korean market, where avocado imports have tripled": a clause opens, no goods word
_RELATIVE_WORDS = frozenset(("where", "when", "which", "who", "whose", "that", "while", "whereas", "than", "how",
                             "why", "whether", "because", "since", "although", "though"))


def _extend_compound(s: str, start: int, floor: int, original: str | None = None) -> int:
    """Take in up to two nouns before a term ("cassava chips", "porcelain stoneware"); verbs stay out, and so do
    capitalised words inside a sentence ("August log exports") when the original case is given."""
    lex = lexicon()
    for _ in range(2):
        m = re.search(r"(?<![\w'’-])([a-z][a-z-]{2,})\s+$", s[max(floor, start - 30):start])
        if m is None:
            break
        word = m.group(1)
        at = start - len(m.group(0))
        if original is not None and original[at:at + 1].isupper() and original[floor:at].strip():
            break
        if word in lex.goods_stop or word in lex.not_goods or word in _DETERMINERS or word in lex.kind_of \
                or word in _RELATIVE_WORDS \
                or word in _NOT_A_GOODS_MODIFIER or word.endswith(("s", "ed", "ing", "ly")) \
                or _ADJECTIVE_ENDING.search(word):
            break
        word_start = start - len(m.group(0))
        if not _PHRASE_START.search(s[max(floor, word_start - 25):word_start]):
            break
        start = word_start
    return start


def _in_capitalised_name(s: str, t: Commodity) -> bool:
    """"Pacific Seafood Company": a term inside a capitalised name is not goods."""
    return s[t.start].isupper() and bool(s[:t.start].strip(" “\"'‘("))


def extend_modifiers(s: str, start: int, floor: int = 0) -> int:
    """Take in modifiers such as "fresh" or "bulk" before a goods term."""
    mods = lexicon().modifiers
    while True:
        m = re.search(r"([A-Za-z-]+)\s+$", s[max(floor, start - 25):start])
        if not m or m.group(1).lower() not in mods:
            return start
        start -= len(m.group(0))


def natural_name(name: str) -> str:
    """A mass noun in the singular ("olive oils" -> "olive oil"), abbreviations spelt out ("LNG")."""
    lex = lexicon()
    full = lex.abbreviations.get(name.lower())
    if full:
        return full
    *head, last = name.split()
    one = singular(last)
    return " ".join([*head, one]) if one != last.lower() and one in lex.mass_nouns else name

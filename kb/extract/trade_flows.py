"""Trade flows: goods that moved (or are contracted to move) from one named country to another.

Each sentence with a trade word ("exported", "shipments", "bought", "buyers of")
is read as frames, one per trade word. A frame collects, within its stretch of
the sentence, the figures (`quantities.find_amounts`), the destination ("to
Peru", "there", "its northern neighbour"), the origin (the subject country,
"Chilean apples", "from Ghana", else the article's home country), the
commodity ("N tons of C", "exports of C", a known term nearby, else the
article's main commodity) and the date each figure owns. A quantity's money
value ("12,000 tons worth $5 million") stays with it; a figure compared with
("up from 4,000 tons") or a total broken down ("of which ...") is no flow.
Frames without a partner country only lend figures or an exporter to an earlier
flow of the same goods ("twelve containers of mangoes were dispatched"). Table
rows ("Peru | 12,500") after a flow sentence become flows of the same goods.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from kb.extract import gazetteer
from kb.extract.commodities import Commodity, find_commodities, fold, hs_for, known, singular, trie_regex
from kb.extract.context import ArticleContext, CountryMention, Sentence
from kb.extract.countries import codes_in, home_country
from kb.extract.dates import DateMention, find_dates
from kb.extract.quantities import Amount, find_amounts, rate_in
from kb.facts import Evidence, TradeFlow


def _alt(words: list[str]) -> str:
    return "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in sorted(words, key=len, reverse=True))


_SPACE = r"\s+"


def _forms(words: list[str]) -> list[str]:
    """Lower-case word forms, their words joined by one space."""
    return sorted({" ".join(w.lower().split()) for w in words})


@dataclass(frozen=True)
class _Words:
    cue: re.Pattern[str]
    export: frozenset[str]
    list_nouns: frozenset[str]
    agent: re.Pattern[str]
    unreal: re.Pattern[str]
    blocked: re.Pattern[str]
    price: re.Pattern[str]
    totals: re.Pattern[str]
    modifiers: frozenset[str]
    weak: frozenset[str]
    mass: frozenset[str]
    maker_by: re.Pattern[str]
    abbreviations: dict[str, str]
    motion: frozenset[str]


@cache
def _words() -> _Words:
    data = gazetteer.load("trade_verbs") or {}
    export = [*data.get("export_verbs", []), *data.get("export_nouns", []), *data.get("motion_verbs", [])]
    imports = [*data.get("import_verbs", []), *data.get("import_nouns", [])]
    return _Words(
        cue=re.compile(rf"(?<![\w-])(?=[{re.escape(''.join(sorted({f[0] for f in _forms(export + imports) if f})))}])"
                       rf"(?:{trie_regex(_forms(export + imports), space=_SPACE)})(?![\w-])", re.I),
        export=frozenset(w.lower() for w in export if w not in ("imports",)),
        list_nouns=frozenset(("buyers", "buyer", "importers", "markets", "destinations", "destination",
                              "customers")),
        agent=re.compile(rf"^\s*(?:{_alt(data.get('agent_nouns', []))})\b", re.I),
        unreal=re.compile(rf"\b(?:{_alt(data.get('unreal', []))})\b", re.I),
        blocked=re.compile(rf"\b(?:{_alt(data.get('blocked', []))})\b", re.I),
        price=re.compile(rf"\b(?:{_alt(data.get('price_words', []))})\b[^,;:.]{{0,30}}$", re.I),
        totals=re.compile(rf"\b(?:{_alt(data.get('totals', []))})\b", re.I),
        modifiers=frozenset(w.lower() for w in data.get("modifiers", [])),
        weak=frozenset(w.lower() for w in data.get("weak_verbs", [])),
        mass=frozenset(w.lower() for w in data.get("mass_nouns", [])),
        maker_by=re.compile(rf"\b(?:{_alt(data.get('maker_verbs', []))})\s+by\s+(?:the\s+)?"
                            r"(?:[\w-]+-based\s+)?(?:(?:company|firm|exporter|producer|group|trader)\s+)?"
                            r"((?:[A-Z][\w'&-]*\s+){0,5}[A-Z][\w'&-]*)"),
        motion=frozenset(" ".join(w.lower().split()) for w in data.get("motion_verbs", [])),
        abbreviations={str(k).lower(): str(v) for k, v in (data.get("abbreviations") or {}).items()},
    )


_DEST_BEFORE = re.compile(r"(?:\bto|\binto|\bfor|\btowards|\bbound\s+for|\bdestined\s+for)\s+(?:the\s+)?$", re.I)
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?$", re.I)
_MARKET_AFTER = re.compile(r"^\s+(?:market|markets|consumers|buyers|importers|side|shelves)\b", re.I)
_POSSESSIVE = re.compile(r"^['’]s\b")
_ANAPHOR_DEST = re.compile(r"\b(?:to|for|into)\s+(?:its|their|the)\s+(?:\w+\s+){0,2}"
                           r"(?:neighbou?r|partner|country|market)\b|\bthere\b", re.I)
_OF_PHRASE = re.compile(r"\s+of\s+((?:[\w’'-]+\s+){0,4}?[\w’'-]+)(?=\s+(?:to|from|for|in|into|across|with|at|"
                        r"by|on|over|during|were|was|is|are|had|has|have|worth|valued|bound|this|that|which|"
                        r"between|through|via|as|since|last|and|or|there|here|alone|abroad|overseas|annually|now|so)\b"
                        r"|\s*[,.;:()]|\s*$)", re.I)
_STOP_WORDS = frozenset(("the", "a", "an", "its", "their", "his", "her", "our", "other", "more", "some",
                         "these", "those", "this", "that", "such", "first", "new", "additional", "total"))
_INCLUDING = re.compile(r"\b(?:including|such\s+as|namely)\s+([^.;:()]+)", re.I)
_TABLE_ROW = re.compile(r"^[ \t]*\|?[ \t]*([^|\t\n]+?)[ \t]*(?:\||\t)[ \t]*([\d][\d,.]*)[ \t]*(?:\||\t|$)", re.M)
_TABLE_UNIT = re.compile(r"\((?P<u>[^)]{1,20})\)")


@dataclass
class _Flow:
    commodity: str
    hs: str | None
    origin: str
    dest: str
    amount: Amount | None
    per: str | None
    date: str | None
    exporter: str | None
    sentence: Sentence
    weak: bool = False  # commodity guessed, not read
    money: Amount | None = None  # the value of a quantity ("12,000 tons worth $5 million")


@dataclass
class _Article:
    ctx: ArticleContext
    home: str | None
    main_commodity: str | None
    commodities: list[Commodity]  # every known term of the body text, found once
    period: str | None = None
    flows: list[_Flow] = field(default_factory=list)
    table_context: _Flow | None = None
    worth: dict[int, Amount] = field(default_factory=dict)  # id(quantity) -> its money value, this sentence
    local: str | None = None  # the dateline's or local currency's country ("" when none), found on first use

    def __post_init__(self) -> None:
        self._term_starts = [c.start for c in self.commodities]
        self._mentions = sorted(self.ctx.countries, key=lambda c: c.start)
        self._mention_starts = [c.start for c in self._mentions]

    def commodities_in(self, sent: Sentence) -> list[Commodity]:
        """The body's terms inside a sentence, with offsets into the sentence."""
        lo, hi = bisect_left(self._term_starts, sent.start), bisect_left(self._term_starts, sent.end)
        return [Commodity(c.start - sent.start, c.end - sent.start, c.name, c.hs)
                for c in self.commodities[lo:hi] if c.end <= sent.end]

    def mentions_in(self, sent: Sentence) -> list[CountryMention]:
        """Country mentions inside a sentence (blocs left out), with offsets into the sentence."""
        lo = bisect_left(self._mention_starts, sent.start)
        hi = bisect_left(self._mention_starts, sent.end)
        text = self.ctx.text
        return [CountryMention(c.start - sent.start, c.end - sent.start, c.code, c.surface, c.form)
                for c in self._mentions[lo:hi]
                if c.end <= sent.end and c.form != "bloc" and not text.startswith("$", c.end)]


def extract_trade_flows(ctx: ArticleContext) -> list[TradeFlow]:
    """Flows the article reports, one per (from, to, commodity, period, figure)."""
    if not ctx.sentences:
        return []
    terms = find_commodities(ctx.text)
    art = _Article(ctx, home_country(ctx), _main_commodity(ctx, terms), terms)
    cues = [m.start() for m in _words().cue.finditer(ctx.text)]  # one pass; sentences without a cue are skipped
    for sent in ctx.sentences:
        i = bisect_left(cues, sent.start)
        if i == len(cues) or cues[i] >= sent.end:
            continue
        if art.table_context is not None and ("|" in sent.text or "\t" in sent.text) and _TABLE_ROW.match(sent.text):
            continue
        _read_sentence(art, sent)
    if "|" in ctx.text or "\t" in ctx.text:
        _read_tables(art)
    if ":\n" in ctx.text or ": \n" in ctx.text:
        _read_lists(art)
    return [_to_record(f) for f in _merge(art.flows)]


# ---------------------------------------------------------------- one sentence

def _read_sentence(art: _Article, sent: Sentence) -> None:
    ctx, words, s = art.ctx, _words(), sent.text
    amounts = find_amounts(s)
    cues = [m for m in words.cue.finditer(s) if not _agent_before_cue(s, m, words) and not _in_name(s, m)
            and (m.group(0).lower() not in words.weak or _figure_follows(s, m.end(), amounts))]
    if not cues:
        return
    mentions = art.mentions_in(sent)
    # "destination" is a trade word only after a country ranked as one ("India was the second destination")
    cues = [m for m in cues if m.group(0).lower() != "destination" or _ranked_buyer(s, mentions, 0, m) is not None]
    if not cues:
        return
    figures, worth, compared = _pair_figures(s, [a for a in amounts if a.kind in ("quantity", "money")])
    dated = [a for a in amounts if a.kind == "percent" or a in figures]
    dates = _Dates(s, ctx.published)  # read only when a figure or a flow needs them
    owners = _date_owners(dates(), dated, {id(q): m.end for q, m in worth.values()}) if dated else {}
    figures = [a for a in figures if id(a) not in compared or (id(a) in owners and owners[id(a)].start > a.end)]
    art.worth = {k: m for k, (_, m) in worth.items()}
    # a term inside a capitalised name ("Pacific Seafood Company") is not goods
    commodities = [c for c in art.commodities_in(sent)
                   if not s[c.start].isupper() or not s[:c.start].strip(" “\"'‘(")]
    first_dated = next((owners[id(a)] for a in figures if id(a) in owners), None)
    if figures:
        owners = _shared_dates(s, dates(), figures, [a for a in dated if a.kind == "percent"], owners)
    for i, cue in enumerate(cues):
        lo = cues[i - 1].end() if i else 0
        hi = cues[i + 1].start() if i + 1 < len(cues) else len(s)
        _read_frame(art, sent, cue, lo, hi, mentions, [a for a in figures if lo <= a.start < hi],
                    dates, owners, commodities)
    if first_dated is not None and ("/" in first_dated.value or len(first_dated.value) in (4, 7)):
        art.period = first_dated.value


class _Dates:
    """A sentence's dates, found on first use."""

    def __init__(self, text: str, published: str | None) -> None:
        self.text, self.published = text, published
        self.found: list[DateMention] | None = None

    def __call__(self) -> list[DateMention]:
        if self.found is None:
            self.found = find_dates(self.text, self.published)
        return self.found


_WORTH = re.compile(r"(?:\bworth|\bvalued\s+at|\bwith\s+a\s+value\s+of|\bfor|\btotall?ing|\bamounting\s+to|"
                    r"\bat\s+a\s+value\s+of|,)\s+(?:(?:about|around|some|nearly|almost|over|roughly|an\s+estimated|"
                    r"more\s+than|approximately)\s+)?\(?$", re.I)
_CONVERSION = re.compile(r"^\s*\(\s*(?:about|around|some|nearly|roughly|approximately|or|equivalent\s+to|~)?\s*$", re.I)
_COMPARISON = re.compile(r"(?:\bfrom|\bcompared\s+(?:with|to)|\bagainst|\bversus|\bvs\.?|\bthan)\s+"
                         r"(?:(?:about|around|some|nearly|roughly|just)\s+)?$", re.I)


def _pair_figures(s: str, figures: list[Amount]
                  ) -> tuple[list[Amount], dict[int, tuple[Amount, Amount]], set[int]]:
    """Figures that are flows, and the money value each quantity carries.

    "12,000 tons of tea worth $5 million": the money is the quantity's value, not a flow.
    "520 million somoni (about $47.6 million)": the bracketed figure restates the first.
    "rose to 5,000 tons from 4,000 tons": the figure compared with (in `compared`) is a flow
    only when it has its own date ("compared with 8,000 tons in the same period of 2021").
    """
    out: list[Amount] = []
    compared: set[int] = set()
    worth: dict[int, tuple[Amount, Amount]] = {}
    for a in figures:
        prev = out[-1] if out else None
        gap = s[prev.end:a.start] if prev is not None else ""
        if prev is not None and a.kind == "money" and prev.kind == "money" and _CONVERSION.match(gap):
            continue
        if prev is not None and a.kind == "money" and prev.kind == "quantity" and id(prev) not in worth \
                and len(gap) < 100 and _WORTH.search(gap) and not re.search(r"[;]|\band\b", gap):
            worth[id(prev)] = (prev, a)
            continue
        if prev is not None and id(prev) in worth and a.kind == "money" and _CONVERSION.match(
                s[worth[id(prev)][1].end:a.start]):
            continue
        if prev is not None and prev.kind == a.kind and prev.unit == a.unit and _COMPARISON.search(gap[-40:]):
            compared.add(id(a))
        out.append(a)
    return out, worth, compared


def _in_name(s: str, m: re.Match[str]) -> bool:
    """"National Cooperative Exports Ltd": a capitalised trade word between capitalised words is a name."""
    if not s[m.start()].isupper() or s[m.start():m.end()].isupper():
        return False
    before = re.search(r"([A-Z][\w&'-]*)\s+$", s[:m.start()])
    after = re.match(r"\s+([A-Z][\w&'.-]*)", s[m.end():])
    return bool(before and after and before.start() > 0)


def _figure_follows(s: str, pos: int, amounts: list[Amount]) -> bool:
    return any(pos <= a.start and len(s[pos:a.start].split()) <= 3 for a in amounts if a.kind != "percent")


def _agent_before_cue(s: str, m: re.Match[str], words: _Words) -> bool:
    """"importers took": the agent noun belongs to the next trade word's frame."""
    if m.group(0).lower() not in {"importers", "exporters", "suppliers", "buyers", "importer", "exporter",
                                  "supplier", "buyer"}:
        return False
    nxt = words.cue.search(s, m.end())
    return nxt is not None and nxt.start() - m.end() < 25 and " of " not in s[m.end():nxt.start()]


_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|be|get|got)\s+(?:\w+ly\s+)?$", re.I)
_VERB_BEFORE = re.compile(r"(?:\b(?:that|which|who|and|also|annually|to|will|has|have|had|it|they)\s+"
                          r"(?:\w+ly\s+)?$)", re.I)
_RELATIVE_BEFORE = re.compile(r",\s+(?:which|who)\b[^,;]*,\s*(?:(?:only|also|then|later|\w+ly)\s+)?$", re.I)
_RANKED_AS = re.compile(r"\s+(?:was|is|were|are|became|remained|remains|ranked|ranks|came|comes)\s+"
                        r"(?:as\s+)?(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,3}", re.I)
_SELLER_APPOSITIVE = re.compile(r",\s+(?:the\s+)?(\w[\w .-]*?)['’]s\s+(?:[\w-]+\s+){0,3}$")
_ATTRIBUTIVE = re.compile(r"\b(?:on|of|the|an?|with|for|from|by|cheap|cheaper|more|less|other|all|any|some)\s+$",
                          re.I)
_TOTAL_BEFORE = re.compile(r"\b(?:total|in\s+total|in\s+all|overall|altogether|combined)\b", re.I)
_NOUN_ONLY = frozenset(("shipment", "shipments", "delivery", "deliveries", "consignment", "consignments",
                        "cargo", "cargoes", "sales", "supplier", "suppliers", "exporter", "exporters",
                        "batch", "batches", "purchases", "buyer", "buyers", "importer", "importers",
                        "customers", "markets", "destinations"))


def _read_frame(art: _Article, sent: Sentence, cue: re.Match[str], lo: int, hi: int,
                mentions: list[CountryMention], figures: list[Amount], dates: _Dates,
                owners: dict[int, DateMention], commodities: list[Commodity]) -> None:
    words, s = _words(), sent.text
    word = re.sub(r"\s+", " ", cue.group(0).lower())
    exporting = word in words.export
    clause_start = max(lo, _clause_start(s, cue.start()))
    left = s[clause_start:cue.start()]
    if words.unreal.search(left[-60:]) or words.blocked.search(s[clause_start:hi]):
        return
    stop = _CONTRAST.search(s, cue.end(), hi)
    if stop and not _RANKING.search(s, stop.end(), min(hi, stop.end() + 60)):
        hi = stop.start()  # "..., while Ethiopian coffee bound for Germany ...": another clause
    figures = [a for a in figures if clause_start <= a.start < hi]  # "..., while banana exports reached ..."
    if any(words.price.search(s[max(clause_start, a.start - 40):a.start]) for a in figures):
        return  # the figure is a price ("exported at prices of $300 a ton")
    if re.search(r"\bexpected\b|\bpotential\b|\bforecast", s[cue.end():hi], re.I):
        return
    if word in ("imported", "exported") and _ATTRIBUTIVE.search(left):
        return  # "relied on imported wine distillates": an adjective
    if word in words.motion and not any(clause_start <= c.start and c.end <= cue.start() for c in commodities) \
            and not re.search(r"\b(?:most|much|some|all|part|half|rest)\s+of\s+(?:it|them)\s+$", left, re.I):
        return  # "the minister went to China": no goods
    passive = bool(_PASSIVE.search(left))
    noun = word in _NOUN_ONLY or (word in ("export", "exports", "import", "imports")
                                  and not _VERB_BEFORE.search(left) and not _name_just_before(s, mentions, cue))
    right = s[cue.end():hi]
    source_from = [m for m in mentions if cue.end() <= m.start < hi and _FROM_BEFORE.search(s[:m.start])]
    names = _commodities(art, s, cue, lo, hi, figures, commodities)
    name, hs, weak, comm_span = names[0]
    adjective_origin = _commodity_adjective(s, mentions, comm_span)
    subject = None if passive else _subject(s, mentions, cue.start(), clause_start, noun)
    # "X exported ..., and most of it went to China": the subject of the sentence's clause
    if subject is None and word in words.motion and not passive:
        subject = _subject(s, mentions, cue.start(), _clause_start(s, cue.start()), False)
    if subject is None and not passive and not noun:
        rel = _RELATIVE_BEFORE.search(s, max(0, cue.start() - 160), cue.start()) if "," in left else None
        if rel:  # "Uzbekistan, which has been reducing exports, sent ...": the subject before the aside
            subject = _subject(s, mentions, rel.start(), _clause_start(s, rel.start()), False)
    exporter = _exporter(art, s, clause_start, hi, cue.start())
    if _TOTAL_BEFORE.search(left):
        figures_lent: list[Amount] = []  # "Total beef exports fell to 436,000 tonnes": no partner's figure
    else:
        figures_lent = figures

    if word in words.list_nouns or not exporting:
        # import frame: the subject (or a listed buyer) receives, the origin sends
        origin = (source_from[0].code if source_from else None) or adjective_origin
        sources = _listed_after(s, source_from[0], mentions, hi) if source_from else []
        buyers = [m.code for m in mentions if cue.end() <= m.start < hi and m.form == "name"
                  and not _FROM_BEFORE.search(s[:m.start])] if word in words.list_nouns else []
        appositive = _SELLER_APPOSITIVE.search(s, clause_start, cue.start()) if word in words.list_nouns else None
        if appositive:  # "Shipments to Bangladesh, India's biggest onion buyer": India sells
            buyer_m = next((m for m in mentions if m.end == appositive.start()), None)
            seller_m = next((m for m in mentions if m.start == appositive.start(1)), None)
            if buyer_m and seller_m and buyer_m.code != seller_m.code:
                origin, buyers = seller_m.code, [buyer_m.code]
        if word in words.list_nouns and not buyers:
            ranked = _ranked_buyer(s, mentions, clause_start, cue)
            buyers = [ranked] if ranked else []  # "India was the second destination with 63,000 tonnes"
        dests = _destinations(art, sent, mentions, cue.end(), hi, origin)
        importers = buyers or dests or ([subject] if subject else [])
        if (words.totals.search(right) or _TOTAL_BEFORE.search(left)) and not origin:
            return  # "In total, China imported 50.6 Mt of gas": no partner
        if not importers and origin and word not in words.list_nouns and not noun and art.home \
                and art.home != origin and not names[0][2]:
            importers = [art.home]  # "Crushers imported 1.2 Mt of Paraguayan soybeans": the article's country
        origin = origin or _fallback_origin(art, importers)
        if len(sources) > 1 and len(figures) <= 1:
            # "imported wheat from Russia, Ukraine and Kazakhstan": one flow per source, the figure a total
            for code in sources:
                for dest in importers:
                    for nm, hs_code, wk, _ in names:
                        _add(art, sent, nm, hs_code, wk, code, dest, None, dates, owners, cue, exporter)
            return
        for i, amount in enumerate(figures or [None]):
            to_codes = importers
            if amount is not None and not buyers:
                nearer = _country_before(s, mentions, amount.start, figures[i - 1].end if i else lo)
                to_codes = [nearer] if nearer and nearer != origin else importers
            for dest in to_codes:
                for nm, code, wk, _ in names:
                    _add(art, sent, nm, code, wk, origin, dest, amount, dates, owners, cue, exporter)
        if not importers:
            _lend(art, sent, name, hs, weak, figures_lent, exporter)
        return

    origin = (source_from[0].code if source_from else None) or adjective_origin or subject
    dests = _destinations(art, sent, mentions, cue.end(), hi, origin)
    if not dests and figures and subject and art.flows and art.flows[-1].sentence is sent \
            and art.flows[-1].origin != subject and _CONTRAST.search(s, 0, cue.start()):
        dests = [art.flows[-1].dest]  # "A sent X to C, while B sent Y": the same destination
    totals = bool(words.totals.search(right)) and not dests
    if not dests and origin and not figures and not totals and not weak:
        others = {m.code for m in mentions if m.code != origin and m.form in ("name", "adjective")}
        if len(others) == 1 and (adjective_origin or subject):
            dests = [others.pop()]  # "the export of Ghanaian cocoa" between the two countries
    if not dests or totals:
        if not totals:
            _lend(art, sent, name, hs, weak, figures_lent, exporter, origin)
        return
    origin = origin or _fallback_origin(art, dests)
    split = len(figures) > 1 and sum(
        bool(_destinations(art, sent, mentions, a.end, figures[i + 1].start if i + 1 < len(figures) else hi, origin))
        for i, a in enumerate(figures)) > 1
    # "shipments to Germany fetched $480 million and those to the UK $390 million": each partner before its figure
    leading = [_destinations(art, sent, mentions, figures[i - 1].end if i else cue.end(), a.start, origin)
               for i, a in enumerate(figures)] if len(figures) > 1 else []
    if leading and not all(leading):
        leading = []
    for i, amount in enumerate(figures or [None]):
        to_codes = dests
        goods = names
        if amount is not None and leading:
            to_codes = leading[i][-1:]
            own = _own_goods(s, amount, commodities)
            goods = [own] if own else names
        elif amount is not None and len(figures) > 1:
            after = _destinations(art, sent, mentions, amount.end,
                                  figures[i + 1].start if i + 1 < len(figures) else hi, origin)
            if split and not after:
                continue  # "exported 250 head in 2023, of which 200 went to Egypt and 50 to Jordan": a total
            ranked = _ranked_before(s, mentions, amount, figures[i - 1].end if i else lo, origin)
            to_codes = after[:1] or ([ranked] if ranked else dests[:1])
            own = _own_goods(s, amount, commodities)
            goods = [own] if own else names
        for dest in to_codes:
            for nm, code, wk, _ in goods:
                _add(art, sent, nm, code, wk, origin, dest, amount, dates, owners, cue, exporter)


_WITH_FIGURE = re.compile(r"^\s+(?:(?:came|ranked|was|placed)\s+(?:\w+\s+){0,2})?(?:with|at)\s+"
                          r"(?:(?:about|around|some|nearly|almost|over|more\s+than|roughly)\s+)?$|^\s*\(\s*$", re.I)


def _ranked_before(s: str, mentions: list[CountryMention], amount: Amount, lo: int, origin: str | None) -> str | None:
    """"followed by China with 1 million tons", "Bolivia came second with 2 million": the figure's partner."""
    for m in reversed(mentions):
        if lo <= m.start and m.end <= amount.start and m.form == "name":
            return m.code if m.code != origin and _WITH_FIGURE.match(s[m.end:amount.start]) else None
    return None


def _ranked_buyer(s: str, mentions: list[CountryMention], lo: int, cue: re.Match[str]) -> str | None:
    """"India was the second destination", "Malaysia ranked second among buyers": the country ranked."""
    ranked = [m for m in mentions if m.form == "name" and lo <= m.start and m.end <= cue.start()
              and _RANKED_AS.fullmatch(s[m.end:cue.start()])]
    return ranked[-1].code if ranked else None


def _name_just_before(s: str, mentions: list[CountryMention], cue: re.Match[str]) -> bool:
    """"Kenya exports avocados": a country name right before makes "exports" a verb."""
    return any(m.form in ("name", "capital") and 0 <= cue.start() - m.end <= 12
               and re.fullmatch(r"\s+(?:\w+ly\s+)?", s[m.end:cue.start()]) for m in mentions)


_BACK_REFERENCE = re.compile(r"\b(?:smaller|larger|similar|further|some|the\s+same)\s+(?:amounts|volumes|quantities|"
                             r"shipments|consignments)\b", re.I)


def _add(art: _Article, sent: Sentence, name: str | None, hs: str | None, weak: bool, origin: str | None,
         dest: str, amount: Amount | None, dates: _Dates, owners: dict[int, DateMention],
         cue: re.Match[str], exporter: str | None) -> None:
    if not name or not origin or origin == dest or (weak and amount is None and not _BACK_REFERENCE.search(sent.text)):
        return
    if amount is not None and id(amount) in owners:
        date = owners[id(amount)].value
    elif amount is None and dates():
        after = [d for d in dates() if d.start >= cue.end()]
        date = (after[0] if after else dates()[-1]).value
    else:
        date = art.period
    per = amount.per if amount is not None else None
    if amount is not None and per is None:
        per = rate_in(sent.text[max(0, amount.start - 40):amount.end + 30])
    money = art.worth.get(id(amount)) if amount is not None else None
    art.flows.append(_Flow(name, hs, origin, dest, amount, per, date, exporter, sent, weak, money))
    art.table_context = art.flows[-1]


def _lend(art: _Article, sent: Sentence, name: str | None, hs: str | None, weak: bool,
          figures: list[Amount], exporter: str | None, origin: str | None = None) -> None:
    """A frame with no partner: give its figure or exporter to an earlier flow of the same goods (and origin)."""
    if not art.flows:
        return
    key = _goods_key(name, hs) if name else None
    for flow in reversed(art.flows):
        if origin and flow.origin != origin:
            continue  # "the Russian company Gazprom, which exports the gas": not the Turkmen flow's exporter
        if flow.sentence is sent and (figures or not exporter):
            continue  # the same sentence lends only its exporter ("..., with the first containers shipped by X")
        if key is not None and _goods_key(flow.commodity, flow.hs) != key and fold(flow.commodity) != fold(name or ""):
            continue
        if key is None and not re.search(r"\b(?:consignment|shipment|cargo|batch)\b", sent.text, re.I):
            continue
        if figures and flow.amount is None and len(figures) == 1 and not weak:
            flow.amount = figures[0]
            flow.per = flow.per or figures[0].per
        if exporter and flow.exporter is None and _company_country(art, exporter) in (None, flow.origin):
            flow.exporter = exporter
        return


def _company_country(art: _Article, name: str) -> str | None:
    """The country the article's agencies give a company ("the Russian company Gazprom")."""
    return next((a.country for a in art.ctx.agencies if a.name == name and a.country), None)


# ---------------------------------------------------------------- frame parts

def _clause_start(s: str, pos: int) -> int:
    """Start of the clause holding `pos`: after the last ';' or ' - ' before it."""
    cut = max(s.rfind(";", 0, pos), s.rfind(" - ", 0, pos), s.rfind(" – ", 0, pos))
    joint = [m.end() for m in _CONTRAST.finditer(s, max(0, cut), pos)]
    if joint:
        return joint[-1]
    return cut + 1 if cut >= 0 else 0


_RANKING = re.compile(r"\b(?:came|ranked|ranking|placed|followed|second|third|fourth|fifth)\b", re.I)
_CONTRAST = re.compile(r",\s+(?:while|whereas|but)\s", re.I)


def _destinations(art: _Article, sent: Sentence, mentions: list[CountryMention], lo: int, hi: int,
                  origin: str | None) -> list[str]:
    """Countries goods go to within s[lo:hi]: "to Peru", "to the Turkish market", a list, "there"."""
    s, out = sent.text, []
    listing = False
    last_end = lo
    for m in mentions:
        if not lo <= m.start < hi:
            continue
        before = s[:m.start]
        gap = s[last_end:m.start]
        if m.form == "adjective" and not _MARKET_AFTER.match(s[m.end:]):
            continue
        if _DEST_BEFORE.search(before[-30:]) or (listing and re.fullmatch(r"\s*(?:,|and|,\s*and)\s*(?:the\s+)?", gap)):
            if m.code not in out:
                out.append(m.code)
            listing, last_end = True, m.end
        else:
            listing = False
    if not out:
        ana = _ANAPHOR_DEST.search(s, lo, hi)
        if ana:
            code = _antecedent(art, sent.start + ana.start(), origin)
            if code:
                out.append(code)
    return out


def _listed_after(s: str, first: CountryMention, mentions: list[CountryMention], hi: int) -> list[str]:
    """The countries listed from `first` on: "from Russia, Ukraine and Kazakhstan"."""
    out, last_end = [first.code], first.end
    for m in mentions:
        if m.start < last_end or m.start >= hi:
            continue
        if m.form != "name" or not re.fullmatch(r"\s*(?:,|and|or|,\s*and)\s*", s[last_end:m.start]):
            break
        if m.code not in out:
            out.append(m.code)
        last_end = m.end
    return out


def _antecedent(art: _Article, pos: int, origin: str | None) -> str | None:
    """The country "there" or "its neighbour" points back to: the latest named one that is not the origin."""
    for c in reversed(art.ctx.countries):
        if c.start < pos and c.form in ("name", "capital") and c.code != origin \
                and not art.ctx.text.startswith("$", c.end):
            return c.code
    return None


def _subject(s: str, mentions: list[CountryMention], pos: int, clause_start: int, noun: bool) -> str | None:
    """The acting country before the trade word: a name or capital, "X's", or "Peruvian exporters".

    Before a noun ("shipments") only a possessive or an adjective close by counts.
    """
    words = _words()
    for m in reversed(mentions):
        if m.end > pos or m.start < clause_start:
            continue
        if noun and not (len(s[m.end:pos].split()) <= 3 and (
                m.form == "adjective" or _POSSESSIVE.match(s[m.end:]))):
            continue
        before = s[:m.start][-30:]
        if _DEST_BEFORE.search(before) or _FROM_BEFORE.search(before):
            continue
        if m.form == "adjective":
            between = s[m.end:pos]
            if words.agent.match(s[m.end:]) or (len(between.split()) <= 2 and not re.search(r"[,;:]", between)):
                return m.code
            continue
        return m.code
    return None


def _commodity_adjective(s: str, mentions: list[CountryMention], span: tuple[int, int] | None) -> str | None:
    """"Chilean apples", "Ghanaian cocoa beans": the adjective gives the goods' origin."""
    if span is None:
        return None
    for m in mentions:
        if m.form == "adjective" and span[0] - 2 <= m.end <= span[1] and m.start >= span[0] - 30:
            gap = s[m.end:span[0]] if m.end <= span[0] else ""
            if not re.search(r"[,;:.]", gap):
                return m.code
    return None


_Goods = tuple[str | None, str | None, bool, tuple[int, int] | None]


def _commodities(art: _Article, s: str, cue: re.Match[str], lo: int, hi: int, figures: list[Amount],
                 commodities: list[Commodity]) -> list[_Goods]:
    """The goods of a frame; "other mining products, including copper concentrate and iron ore" gives two."""
    first = _commodity(art, s, cue, lo, hi, figures, commodities)
    inc = _INCLUDING.search(s, cue.end(), hi)
    if inc and first[3] is not None and inc.start() - first[3][1] < 40 and not figures:
        listed = [c for c in commodities if inc.start(1) <= c.start < inc.end(1)]
        if listed:
            return [(s[_extend_modifiers(s, c.start):c.end].lower(), c.hs, False, (c.start, c.end))
                    for c in listed]
    if first[3] is not None and not figures:
        listed, end = [], first[3][1]
        for c in commodities:
            if c.start < end:
                continue
            start = _extend_modifiers(s, c.start)
            if not re.fullmatch(r"\s*,\s*(?:and\s+)?|\s+and\s+", s[end:start]):
                break
            listed.append((s[start:c.end].lower(), c.hs, False, (start, c.end)))
            end = c.end
        if listed:
            return [first, *listed]  # "shipped tea, coffee and flowers to Egypt"
    return [first]


def _commodity(art: _Article, s: str, cue: re.Match[str], lo: int, hi: int, figures: list[Amount],
               commodities: list[Commodity]) -> _Goods:
    """(name, hs, weak, span) of the goods a frame is about."""
    for pos in [*(a.end for a in figures), cue.end()]:
        m = _OF_PHRASE.match(s, pos)
        if m:
            inner = [c for c in commodities if m.start(1) <= c.start and c.end <= m.end(1)]
            end = inner[-1].end if inner else m.end(1)  # "pears there" -> "pears"
            name = _clean_phrase(s[m.start(1):end])
            if name and re.match(r"(?:the|these|those|its|their)\s", m.group(1), re.I):
                earlier = _antecedent_goods(s, name, m.start(1), commodities)
                if earlier is not None:
                    return earlier  # "the world's largest producer of raw cashew nuts, exported ... of the nuts"
            if name:
                return name, hs_for(name), False, (m.start(1), end)
    # "copper deliveries", "barley supplier", "pear exports"
    for c in commodities:
        if c.end <= cue.start() and not s[c.end:cue.start()].strip():
            start = _extend_modifiers(s, c.start)
            return s[start:c.end].lower(), c.hs, False, (start, c.end)
    cut = _CLAUSE_END.search(s, cue.end(), hi)
    end = cut.start() if cut else hi  # "..., but Vietnamese fruit arrived earlier": another clause's goods
    inside = [c for c in commodities if lo <= c.start < end]
    if inside:
        c = min(inside, key=lambda c: abs(c.start - cue.end()))
        start = _extend_modifiers(s, c.start)
        return s[start:c.end].lower(), c.hs, False, (start, c.end)
    obj = _OBJECT.match(s, cue.end()) if cue.group(0).lower().endswith("ed") else None
    if obj:  # "exported boulders worth ...": the goods the data does not know
        name = _clean_phrase(obj.group(1))
        if name and not _NOT_GOODS.search(name):
            return name, hs_for(name), False, (obj.start(1), obj.end(1))
    if art.flows:
        last = art.flows[-1]
        return last.commodity, last.hs, True, None
    if art.main_commodity:
        return art.main_commodity, hs_for(art.main_commodity), True, None
    return None, None, True, None


_OBJECT = re.compile(r"\s+((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)(?=\s+(?:worth|valued|to|from|for|into|via)\b)")
_NOT_GOODS = re.compile(r"\b(?:more|less|only|also|about|around|some|nearly|over|mostly|mainly|largely|them|it|"
                        r"this|that|what|which|through|directly|abroad|back|out|up|down|here|there|well|much|"
                        r"less|most|least|twice|again|and|or|not|to|by)\b")
_CLAUSE_END = re.compile(r",\s+(?:but|while|whereas|although|though|as|even\s+as)\b|;", re.I)


def _antecedent_goods(s: str, name: str, pos: int, commodities: list[Commodity]) -> _Goods | None:
    """"the nuts": the latest goods before, in the sentence, whose name ends the same way."""
    last = singular(fold(name).split()[-1])
    generic = name in ("products", "goods", "produce", "product")  # "its products": the goods named before
    for c in reversed(commodities):
        if c.end <= pos and (generic or singular(fold(s[c.start:c.end]).split()[-1]) == last):
            start = _extend_modifiers(s, c.start)
            return s[start:c.end].lower(), c.hs, False, (start, c.end)
    return None


def _own_goods(s: str, amount: Amount, commodities: list[Commodity]) -> _Goods | None:
    """The goods right after one figure: "$305m of lamb" in a sentence listing several."""
    m = _OF_PHRASE.match(s, amount.end)
    if not m:
        return None
    inner = [c for c in commodities if m.start(1) <= c.start and c.end <= m.end(1)]
    end = inner[-1].end if inner else m.end(1)
    name = _clean_phrase(s[m.start(1):end])
    return (name, hs_for(name), False, (m.start(1), end)) if name else None


def _extend_modifiers(s: str, start: int) -> int:
    """Take in modifiers such as "fresh" before a commodity term."""
    mods = _words().modifiers
    while True:
        m = re.search(r"([A-Za-z-]+)\s+$", s[:start])
        if not m or m.group(1).lower() not in mods:
            return start
        start = m.start(1)


def _clean_phrase(phrase: str) -> str | None:
    """"Ghanaian cocoa beans" -> "cocoa beans"; country words and determiners dropped."""
    forms = gazetteer.country_forms()
    kept = [w for w in phrase.split() if w.lower() not in _STOP_WORDS and w not in forms
            and w.rstrip("’'s") not in forms]
    if len(kept) == 1 and re.fullmatch(r"[A-Z]{2,5}", kept[0]) and known(kept[0]):
        return kept[0].lower()  # an acronym the data knows: "RMG"
    if not kept or not re.fullmatch(r"[a-z][\w' -]*", " ".join(kept)):
        return None
    name = " ".join(kept)
    if name in {"goods", "products", "cargo"} or known(name):
        return name
    return name if len(kept) <= 3 else None


def _exporter(art: _Article, s: str, lo: int, hi: int, cue_start: int) -> str | None:
    """A company named as the actor before the trade word, or "grown by the Andes Fruit Company"."""
    m = _words().maker_by.search(s, lo, hi)
    if m:
        return m.group(1).strip()
    subject = s[lo:cue_start]
    for agency in art.ctx.agencies:
        if agency.kind == "company" and re.search(rf"(?<!\w){re.escape(agency.name)}(?!\w)", subject):
            return agency.name
    forms = gazetteer.country_forms()
    for m in (_COMPANY_SUBJECT.search(subject), _COMPANY_THROUGH.search(s, cue_start, hi)):
        if m is None:
            continue
        name = m.group("name").strip()
        words = name.split()
        if words[0] in ("The", "In", "On", "At", "By", "For", "From") and len(words) > 1:
            name = " ".join(words[1:])
        if name and name not in forms and not re.match(r"[\w-]+['’]s\b", name) \
                and (m.group("abbr") or m.group("app") or _COMPANY_SUFFIX.search(name)):
            return name
    if re.search(r"\bthe\s+(?:company|firm|group|exporter|producer)\b", subject, re.I):
        # "the company had also started supplies to Kenya": the company named last
        return next((f.exporter for f in reversed(art.flows) if f.exporter), None)
    return None


_NAME = r"(?P<name>(?:[A-Z][\w'&.-]*\s+){0,5}[A-Z][\w'&-]*)"
_COMPANY_SUFFIX = re.compile(r"\b(?:Ltd|Limited|Company|Co|Corp|Corporation|Inc|LLC|PLC|Plc|JSC|Group|Holdings?|"
                             r"S\.?A|AG|GmbH|SpA|Bhd|Pte|Enterprises?)\.?$")
# "PhosAgro, Russia's largest producer of fertilizers, shipped", "Emirates Global Aluminium (EGA) shipped"
_COMPANY_SUBJECT = re.compile(_NAME + r"(?:\s*\((?P<abbr>[A-Z]{2,6})\))?(?:,\s+(?P<app>[^,]{0,60}\b(?:producer|"
                              r"exporter|maker|manufacturer|company|firm|group|supplier|miner|trader|processor)"
                              r"\b[^,]{0,40}),)?\s+(?:(?:also|\w+ly)\s+)?$")
_COMPANY_THROUGH = re.compile(r"\b(?:through|via)\s+(?:the\s+)?" + _NAME + r"(?:\s*\((?P<abbr>[A-Z]{2,6})\))?"
                              r"(?P<app>(?!))?")


def _date_owners(dates: list[DateMention], amounts: list[Amount],
                 ends: dict[int, int] | None = None) -> dict[int, DateMention]:
    """Each figure's date: the first date after it (before the next figure), else the one before it.

    A figure left without one shares the sentence's: "exported 250 head in 2023, of which 200
    head went to Egypt" dates both. `ends` extends a figure over its value ("... worth $5m").
    """
    owners: dict[int, DateMention] = {}
    taken: set[int] = set()
    ends = ends or {}
    for i, a in enumerate(amounts):
        nxt = amounts[i + 1].start if i + 1 < len(amounts) else 10**9
        end = ends.get(id(a), a.end)
        after = [d for d in dates if end <= d.start < nxt]
        if after:
            owners[id(a)] = after[0]
            taken.update(id(d) for d in after)
    for i, a in enumerate(amounts):
        if id(a) in owners:
            continue
        prev = amounts[i - 1].end if i else -1
        before = [d for d in dates if prev <= d.start < a.start and id(d) not in taken]
        if before:
            owners[id(a)] = before[-1]
    return owners


def _shared_dates(s: str, dates: list[DateMention], figures: list[Amount], percents: list[Amount],
                  owners: dict[int, DateMention]) -> dict[int, DateMention]:
    """Owners, with each undated figure given the sentence's period.

    Not a period something is compared with ("up 41 percent on the first half of 2020").
    """
    of_percent = {id(d) for a, d in ((a, owners.get(id(a))) for a in percents) if d is not None}
    shared = [d for d in dates if ("/" in d.value or len(d.value) in (4, 7)) and id(d) not in of_percent
              and not _COMPARISON.search(s[max(0, d.start - 40):d.start])
              and not re.search(r"\bsame\b|\bcorresponding\b", s[max(0, d.start - 5):d.end], re.I)]
    if not shared:
        return owners
    out = dict(owners)
    for a in figures:
        if id(a) not in out:
            earlier = [d for d in shared if d.end <= a.start]
            out[id(a)] = earlier[-1] if earlier else shared[-1]
    return out


def _country_before(s: str, mentions: list[CountryMention], pos: int, lo: int) -> str | None:
    for m in reversed(mentions):
        if lo <= m.start and m.end <= pos and m.form == "name" and not _FROM_BEFORE.search(s[:m.start][-20:]):
            return m.code
    return None


def _fallback_origin(art: _Article, others: list[str]) -> str | None:
    """The origin the article has used so far, else the headline's first country, else its home."""
    used = Counter(f.origin for f in art.flows if f.origin not in others and f.dest != art.home)
    if used:
        return used.most_common(1)[0][0]
    title = art.ctx.document.title or ""
    for code in codes_in(title, art.ctx.published):
        if code not in others and not re.search(r"US\$", title):
            return code
    local = _local_country(art)
    if local and local not in others:
        return local
    if art.home and art.home not in others:
        return art.home
    counts = Counter(c.code for c in art.ctx.countries if c.form != "bloc" and c.code not in others)
    return counts.most_common(1)[0][0] if counts else None


_DATELINE = re.compile(r"(?m)^[ \t]*([A-Z][A-Za-z.' -]{2,25}?)[ \t]*(?:,|\(|[ \t][-–—][ \t])")
_GLOBAL_CURRENCIES = frozenset(("USD", "EUR", "XOF", "XAF", "XCD", "XPF", "CHF"))


def _local_country(art: _Article) -> str | None:
    """The country the article is written from: its dateline city, else the local currency its prices use."""
    if art.local is None:
        text = art.ctx.text
        votes: Counter[str] = Counter()
        caps = gazetteer.capitals()
        for m in _DATELINE.finditer(text, 0, min(len(text), 600)):  # "NAIROBI, May 3 -", "Lima (Reuters) -"
            code = caps.get(m.group(1)) or caps.get(m.group(1).title())
            if code:
                votes[code] += 2
                break
        for a in find_amounts(text) if not votes else []:
            if a.kind == "money" and a.currency and a.currency not in _GLOBAL_CURRENCIES:
                votes[a.currency[:2]] += 1
        art.local = votes.most_common(1)[0][0] if votes else ""
    return art.local or None


def _main_commodity(ctx: ArticleContext, terms: list[Commodity]) -> str | None:
    """The goods the headline and body name most often (the headline's first on a tie)."""
    counts = Counter(fold(c.name) for c in [*find_commodities(ctx.document.title or ""), *terms])
    return counts.most_common(1)[0][0] if counts else None


# ---------------------------------------------------------------- tables

_IMPORT_HEADER = re.compile(r"\b(?:origins?|sources?|suppliers?|from|imports?|imported|arrivals)\b", re.I)
_EXPORT_HEADER = re.compile(r"\b(?:destinations?|markets?|buyers?|importers?|exports?|exported|shipments|to)\b",
                            re.I)
_SCALE = re.compile(r"^(?P<cur>.*?)\s*(?P<scale>million|mln|mn|billion|bn|thousand|'000|000s?)\s*$", re.I)
_LIST_ROW = re.compile(r"^[ \t]*(?:\d{1,2}[.)]|[-*•·])?[ \t]*(?P<place>[^–—:\d\n]{2,40}?)[ \t]*(?:–|—|-|:)[ \t]*"
                       r"(?P<fig>[^\n]{1,60})$")


def _column_unit(header: str) -> tuple[str, str | None, str | None, float] | None:
    """("quantity" or "money", unit, currency, factor) of a column headed "Volume (t)", "Value (US$ million)"."""
    m = _TABLE_UNIT.search(header)
    u = m.group("u").strip() if m else header.strip()
    tries = [f"1 {u}"]
    sc = _SCALE.match(u)
    if sc and sc.group("cur"):
        tries.insert(0, f"{sc.group('cur').strip()}1 {sc.group('scale')}")
    for t in tries:
        found = find_amounts(t)
        if found and found[0].kind in ("quantity", "money") and found[0].end >= len(t) - 1:
            a = found[0]
            return a.kind, a.unit, a.currency, a.value
    return None


def _caption(text: str, start: int) -> str:
    """The line just before a table (its heading), within a few blank lines."""
    lines = [ln.strip(" #*") for ln in text[max(0, start - 300):start].splitlines() if ln.strip()]
    return lines[-1] if lines else ""


def _table_side(art: _Article, caption: str, cap_start: int, rows: set[str]) -> str | None:
    """The country on the other side of a table's rows: the caption's, else the article's."""
    for c in art.ctx.countries_in(cap_start, cap_start + len(caption) + 2):
        if c.form in ("name", "adjective") and c.code not in rows:
            return c.code
    if art.home and art.home not in rows:
        return art.home
    for code in codes_in(art.ctx.document.title or "", art.ctx.published):
        if code not in rows:
            return code
    counts = Counter(c.code for c in art.ctx.countries if c.form in ("name", "capital") and c.code not in rows)
    return counts.most_common(1)[0][0] if counts else None


def _read_tables(art: _Article) -> None:
    """Rows "Peru | 12,500" under a header: one flow per row.

    After a flow sentence the rows take its goods and its other side; a table with no flow before it
    needs a header or caption that gives the direction ("Imports by origin", "Destination").
    """
    text = art.ctx.text
    for block in re.finditer(r"(?:^[^\n]*(?:\||\t)[^\n]*\n?){3,}", text, re.M):
        lines = block.group(0).splitlines()
        header = lines[0]
        cols = [c.strip() for c in re.split(r"\||\t", header) if c.strip()]
        before = [f for f in art.flows if f.sentence.end <= block.start()]
        cap = _caption(text, block.start())
        model = _table_model(before, cap)
        cap_start = text.rfind(cap, 0, block.start()) if cap else -1
        cues = f"{cap} {header}"
        if model is None and not (_IMPORT_HEADER.search(cues) or _EXPORT_HEADER.search(cues)):
            continue
        units = [_column_unit(c) for c in cols[1:]]
        if not any(units) and model is not None:  # old layout: "Country | 12,500", unit in the header
            units = [_column_unit(header)] + [None] * (len(cols) - 2)
        outgoing = not _IMPORT_HEADER.search(header if model is not None else cues) \
            or bool(model is None and _EXPORT_HEADER.search(header) and not _IMPORT_HEADER.search(header))
        offset = block.start() + len(header) + 1
        parsed: list[tuple[str, list[Amount], Sentence]] = []
        for line in lines[1:]:
            cells = [c.strip() for c in re.split(r"\||\t", line)]
            cells = [c for c in cells if c] if line.strip().startswith("|") else cells
            codes = [c.code for c in art.ctx.countries_in(offset, offset + len(line)) if c.form == "name"]
            if codes and len(cells) >= 2:
                amounts = []
                for cell, unit in zip(cells[1:], units, strict=False):
                    num = re.fullmatch(r"([\d][\d,]*(?:\.\d+)?)", cell.replace(" ", ""))
                    if num is None:
                        continue
                    value = float(num.group(1).replace(",", ""))
                    if unit is None:
                        if model is not None and not amounts and not any(units):
                            amounts.append(Amount(0, 0, value, "quantity", None, None))  # type: ignore[arg-type]
                        continue
                    kind, u, cur, factor = unit
                    amounts.append(Amount(0, 0, value * factor, kind, u, cur))  # type: ignore[arg-type]
                if amounts:
                    parsed.append((codes[0], amounts, Sentence(offset, offset + len(line), line)))
            offset += len(line) + 1
        if not parsed:
            continue
        _table_flows(art, model, cap, cap_start, outgoing, parsed)


def _table_model(before: list[_Flow], cap: str) -> _Flow | None:
    """The flow a table continues: the latest one of the goods its caption names, else the latest."""
    if not before:
        return None
    goods = find_commodities(cap) if cap else []
    if goods:
        key = _goods_key(goods[0].name, goods[0].hs)
        same = [f for f in before if _goods_key(f.commodity, f.hs) == key]
        if same:
            return same[-1]
    return before[-1]


def _table_flows(art: _Article, model: _Flow | None, cap: str, cap_start: int, outgoing: bool,
                 parsed: list[tuple[str, list[Amount], Sentence]]) -> None:
    rows = {code for code, _, _ in parsed}
    if model is not None:
        found = find_dates(cap, art.ctx.published) if cap else []
        side, name, hs, date, exporter = (model.origin if outgoing else model.dest), model.commodity, model.hs, \
            (found[-1].value if found else None), model.exporter
    else:
        side = _table_side(art, cap, cap_start, rows)
        goods = find_commodities(cap)
        name = goods[0].name if goods else art.main_commodity
        hs = goods[0].hs if goods else (hs_for(name) if name else None)
        found = find_dates(cap, art.ctx.published) if cap else []
        date, exporter = (found[-1].value if found else art.period), None
    if side is None or name is None:
        return
    for code, amounts, sent in parsed:
        origin, dest = (side, code) if outgoing else (code, side)
        if origin == dest:
            continue
        qty = next((a for a in amounts if a.kind == "quantity"), None)
        money = next((a for a in amounts if a.kind == "money"), None)
        amount = qty or money
        art.flows.append(_Flow(name, hs, origin, dest, amount, None, date, exporter, sent,
                               money=money if qty is not None else None))


def _read_lists(art: _Article) -> None:
    """"The main destinations were:" and then "1. United States – 52,000 tonnes" lines: one flow per line."""
    text = art.ctx.text
    for intro in re.finditer(r"(?:destinations?|markets?|buyers?|suppliers?|origins?|sources?)\b[^\n:]{0,40}:"
                             r"[ \t]*\n", text, re.I):
        incoming = bool(re.search(r"suppliers?|origins?|sources?", intro.group(0), re.I))
        model = _list_model(art, intro.start(), incoming)
        if model is None:
            continue
        pos = intro.end()
        for line in text[pos:pos + 1500].splitlines():
            if not line.strip():
                pos += len(line) + 1
                continue
            m = _LIST_ROW.match(line)
            if m is None:
                break
            codes = [c.code for c in art.ctx.countries_in(pos + m.start("place"), pos + m.end("place"))
                     if c.form == "name"]
            figs = [a for a in find_amounts(m.group("fig")) if a.kind in ("quantity", "money")]
            if not codes or not figs:
                break
            origin, dest = (codes[0], model.dest) if incoming else (model.origin, codes[0])
            if origin != dest:
                sent = Sentence(pos, pos + len(line), line)
                art.flows.append(_Flow(model.commodity, model.hs, origin, dest, figs[0], figs[0].per,
                                       art.period or model.date, model.exporter, sent))
            pos += len(line) + 1


# ---------------------------------------------------------------- merging

def _goods_key(name: str | None, hs: str | None) -> str:
    if hs and len(hs) >= 4:
        return hs[:4]
    return fold(name or "").split()[-1] if name else ""


def _merge(flows: list[_Flow]) -> list[_Flow]:
    """One flow per (from, to, goods, period, figure); figureless ones only when nothing says more."""
    out: list[_Flow] = []
    for f in flows:
        key = (f.origin, f.dest, _goods_key(f.commodity, f.hs))
        same = [g for g in out if (g.origin, g.dest, _goods_key(g.commodity, g.hs)) == key]
        if f.amount is None:
            if same:
                for g in same:
                    g.exporter = g.exporter or f.exporter
                continue
            if any(g.sentence is f.sentence and (g.origin, g.dest) == (f.origin, f.dest)
                   and _broader(f.hs, g.hs) for g in out):
                continue  # "fresh pears ... the fresh fruit": the chapter adds nothing
            out.append(f)
            continue
        figureless = [g for g in same if g.amount is None]
        for g in figureless:
            out.remove(g)
            f.exporter = f.exporter or g.exporter
            f.date = f.date or g.date
        if f.amount.kind == "money" and f.date is not None:
            host = next((g for g in same if g.amount is not None and g.amount.kind == "quantity"
                         and g.money is None and g.date == f.date), None)
            if host is not None:  # "418,000 tonnes ... The value of these exports was 241 billion francs"
                host.money = f.amount
                continue
        dup = next((g for g in same if g.amount is not None and _same_amount(g.amount, f.amount)
                    and (g.date == f.date or g.date is None or f.date is None)), None)
        if dup is not None:
            dup.date = dup.date or f.date
            dup.exporter = dup.exporter or f.exporter
            continue
        out.append(f)
    return out


def _broader(a: str | None, b: str | None) -> bool:
    return bool(a and b and len(a) < len(b) and b.startswith(a))


def _same_amount(a: Amount, b: Amount) -> bool:
    return a.kind == b.kind and a.unit == b.unit and abs(a.value - b.value) <= 1e-6 * max(1.0, a.value)


def _natural(name: str) -> str:
    """A mass noun in the singular: "olive oils" -> "olive oil"; "tractors" stays."""
    full = _words().abbreviations.get(name.lower())
    if full:
        return full
    *head, last = name.split()
    one = singular(last)
    return " ".join([*head, one]) if one != last and one in _words().mass else name


def _to_record(f: _Flow) -> TradeFlow:
    a = f.amount
    quantity = a.value if a is not None and a.kind == "quantity" else None
    m = a if a is not None and a.kind == "money" else f.money
    value = m.value if m is not None else None
    return TradeFlow.model_validate({
        "commodity": _natural(f.commodity), "hs": f.hs, "from": f.origin, "to": f.dest,
        "quantity": quantity, "unit": a.unit if quantity is not None else None,
        "value": value, "currency": m.currency if m is not None else None,
        "per": f.per, "date": f.date, "exporter": f.exporter,
        "evidence": [Evidence(quote=f.sentence.text, start=f.sentence.start, end=f.sentence.end)],
    })


def _list_model(art: _Article, pos: int, incoming: bool) -> _Flow | None:
    """The goods and the other side of a list: the latest flow before it, else the lead-in's goods."""
    model = next((f for f in reversed(art.flows) if f.sentence.start <= pos), None)
    if model is not None:
        return model
    text = art.ctx.text
    lead = text[max(0, pos - 300):pos]
    goods = find_commodities(lead)
    name = goods[-1].name if goods else art.main_commodity
    rows: set[str] = set()
    side = _table_side(art, lead, max(0, pos - 300), rows)
    if name is None or side is None:
        return None
    sent = art.ctx.sentence_at(pos) or Sentence(pos, pos, "")
    hs = goods[-1].hs if goods else hs_for(name)
    return _Flow(name, hs, side if not incoming else "", "" if not incoming else side, None, None,
                 art.period, None, sent)


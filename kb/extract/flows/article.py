"""The article frame: what the story is about, for frames that leave a role empty.

The headline and lead fix the story's exporting country, its goods and its
period; a later frame with an empty role inherits them ("Shipments to Peru rose
to 40,000 tonnes" in a story about Chilean grapes). Flows read so far refine the
picture: the exporter most flows have is the story's exporter.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from kb.extract import gazetteer
from kb.extract.commodities import Commodity, find_commodities, fold, is_term, names_heading
from kb.extract.context import ArticleContext, CountryMention
from kb.extract.countries import dateline_country, find_countries, home_country, is_destination
from kb.extract.dates import find_dates
from kb.extract.flows.goods import Goods, goods_hs, plausible_goods
from kb.extract.flows.lexicon import lexicon
from kb.extract.quantities import find_amounts
from kb.readers import publishers

_OWN_TRADE_AFTER = re.compile(r"['’]s?\s+(?:[a-z-]+\s+){0,2}?(?:imports|exports|foreign\s+trade|trade)\b")
_OTHER_PARTNERS = 3  # countries the body names besides the home and the headline's destination
_GLOBAL_CURRENCIES = frozenset(("USD", "EUR", "XOF", "XAF", "XCD", "XPF", "CHF"))


@dataclass
class ArticleFrame:
    ctx: ArticleContext
    home: str | None
    goods: Goods | None  # the story's goods: the headline's, else the body's most named
    goods_told: bool = False  # the headline names them (not only the body's frequency)
    period: str | None = None  # the latest period a figure was dated with ("in 2019"): dates later undated flows
    exporters_seen: Counter[str] = field(default_factory=Counter)
    supplied_home: Counter[str] = field(default_factory=Counter)  # … of them, flows that went to the story's home
    _local: str | None = None  # the dateline's or local currency's country ("" when none)
    title_codes: list[str] = field(default_factory=list)  # the headline's countries
    title_actors: list[str] = field(default_factory=list)  # … those that are not a destination ("to China")
    title_destinations: list[str] = field(default_factory=list)  # "Kenya's tea exports to Pakistan …": Pakistan
    title_importer: str | None = None  # "China's soybean imports from Brazil hit record": China buys in this story
    title_route_end: str | None = None  # "Urea shipments from China to India …": India
    title_told: bool = False  # the headline has a trade word: its countries act in the story
    lead_exporter: str | None = None  # the first country the body names as exporting, no partner given
    lead_sentence: int | None = None  # … and the sentence (index) it does so in
    told_period: str | None = None  # the period the headline or first sentence names: "Trade digest, April 2024"
    _sources: set[str] | None = None
    _own_trade: bool | None = None  # the home's own trade told ("Georgia's imports"), once asked
    _only_destinations: dict[str, bool] = field(default_factory=dict)  # country → named only as a buyer or destination
    title_periods: frozenset[str] = frozenset()  # the periods the headline names ("first quarter of 2026")
    span: str | None = None  # the latest period of several months a figure was dated with ("the first four months")

    def __post_init__(self) -> None:
        title = self.ctx.document.title or ""
        found = [c for c in find_countries(title, self.ctx.published) if c.form != "bloc"]
        self.title_codes = list(dict.fromkeys(c.code for c in found))
        lo, hi = _trade_part(title)  # "X signs MoU with Saudi body; grape exports touch Rs 3,460 crore": the second
        self.title_actors = list(dict.fromkeys(c.code for c in found if not is_destination(title, c)
                                               and not _MARKET_AFTER.match(title, c.end)
                                               and lo <= c.start < hi and not title.startswith("$", c.end)))
        destinations = [c for i, c in enumerate(found) if is_destination(title, c) or (
            i and c.code != found[i - 1].code and is_destination(title, found[i - 1])
            and re.fullmatch(r"\s*(?:,|and|&)\s*", title[found[i - 1].end:c.start]))]  # "to Vietnam, Indonesia"
        figures = [a for a in find_amounts(title) if a.kind in ("money", "quantity")]
        # "Chilean cherry exports top US$800M as shipments to China double": the headline's figure is of all
        # exports, so the body's partnerless figures are too; its destination is lent only when no figure says so
        if lexicon().cue.search(title) and destinations and all(a.start > destinations[0].start for a in figures):
            self.title_destinations = list(dict.fromkeys(c.code for c in destinations))
        # … and only when the body trades with no one else: "Orange juice shipments to the US keep climbing" over a
        # story that goes on to Belgium, Japan and China tells the whole trade's figures, the US's among them
        others = {c.code for c in self.ctx.countries if c.form in ("name", "capital")} \
            - {self.home, *self.title_destinations}
        if len(others) >= _OTHER_PARTNERS:
            self.title_destinations = []
        self.title_importer = _title_importer(title, found) or _title_supplied(title, destinations) or (
            self.home if _imports_headline(title) and self.home not in self.title_actors else None)
        self.title_told = bool(lexicon().cue.search(title))
        self.title_route_end = next((c.code for c in destinations if _ROUTE_BEFORE.search(title, 0, c.start)), None)
        self.told_period = _told_period(self.ctx, self.home)
        self.title_periods = frozenset(d.value for d in find_dates(title, self.ctx.published, country=self.home))

    def exporter(self, importers: list[str]) -> str | None:
        """The country the story's goods leave from: the flows' so far, the headline's, the dateline's, home."""
        # the buyer a headline names ("China's chrome ore imports rise") sells none of the story's goods
        importers = [*importers, self.title_importer] if self.title_importer else importers
        # the home's suppliers sell it their goods, not the story's own exports ("The main origins of imports were
        # China and Ecuador. China was the leading destination for exports": the home's)
        home_sells = bool(self.home) and self.home not in importers and self._tells_own_trade() \
            and not self._only_destination(self.home)
        for code, n in self.exporters_seen.most_common():
            if code not in importers and not (home_sells and self.supplied_home[code] == n):
                return code
        # "Russia, Iraq and Türkiye keep Ceylon Tea afloat" names buyers without a trade word; the lead's
        # "Sri Lanka's tea exports earned …" says who sells
        told = self.title_actors if self.title_told else []
        untold = [] if self.title_told else self.title_actors
        # "New Zealand log exporters shipped 1.38 million m³" in the lead outranks a headline's "as India picks up
        # slack": the lead says who sells in so many words
        lead = self.lead_exporter if self.lead_sentence is not None and self.lead_sentence < 3 else None
        for code in (lead, *told, self.lead_exporter, *untold):
            if code and code not in importers:
                return code
        # (a country the story names only as where goods go — "shipments to the US", "the Swedish market" — sells
        # none of them, even when it is where the story is told from)
        for code in (self.local(), self.home):
            if code and code not in importers and not self._only_destination(code):
                return code
        text = self.ctx.text
        counts = Counter(c.code for c in self.ctx.countries if c.form != "bloc" and c.code not in importers
                         and not is_destination(text, c) and not _named_as_buyer(text, c))
        return counts.most_common(1)[0][0] if counts else None

    def _tells_own_trade(self) -> bool:
        """Whether the story tells its home's own trade in so many words ("Georgia's imports fell 3%")."""
        if self._own_trade is None:
            text = self.ctx.text
            self._own_trade = any(c.code == self.home and _OWN_TRADE_AFTER.match(text, c.end)
                                  for c in self.ctx.countries)
        return self._own_trade

    def _only_destination(self, code: str) -> bool:
        """Whether every mention of a country names it as a buyer or a destination (asked once per country)."""
        if code not in self._only_destinations:
            named = [c for c in self.ctx.countries if c.code == code and c.form != "bloc"]
            text = self.ctx.text
            self._only_destinations[code] = bool(named) and all(is_destination(text, c) or _named_as_buyer(text, c)
                                                                for c in named)
        return self._only_destinations[code]

    def source(self, importers: list[str]) -> str | None:
        """Where the story's own imports come from when a frame does not say: the sellers of its flows so far,
        else the headline's one source; none when the headline names several ("inflows from Canada, Russia")."""
        # the buyer a headline names ("China's chrome ore imports rise") sells none of the story's goods
        importers = [*importers, self.title_importer] if self.title_importer else importers
        if len(self.sources_named()) >= 3:
            return None  # "U.S. imports fell to $10bn" in a story of imports from China, Vietnam, Italy: all of them
        for code, _ in self.exporters_seen.most_common():
            if code not in importers:
                return code
        actors = [c for c in self.title_actors if c not in importers]
        if len(actors) == 1:
            return actors[0]
        lead = self.lead_exporter
        return lead if lead and lead not in importers and not actors else None

    def sources_named(self) -> set[str]:
        """The countries the article names after "from" ("imports from Vietnam", "shipments from China")."""
        if self._sources is None:
            text = self.ctx.text
            self._sources = {c.code for c in self.ctx.countries if c.form == "name"
                             and _FROM_BEFORE.search(text, max(0, c.start - 12), c.start)}
        return self._sources

    def importer(self, exporters: list[str]) -> str | None:
        """The country imports go to when the frame does not say: the headline's buyer, else the story's home."""
        # "Urea shipments from China to India at multi-year high; Russian supplies also climb": the end of the
        # headline's route buys the story's imports, whoever else it names
        for code in (self.title_importer, self.title_route_end, self.home, *self.title_codes):
            if code and code not in exporters:
                return code
        return None

    def specific(self, goods: Goods) -> Goods:
        """"bulk oil" in a story about olive oil is olive oil: the story's heading for goods of the same head."""
        story = self.goods
        if story is not None and goods.hs == story.hs and self.goods_told and self.covers(goods) \
                and names_heading(goods.name, goods.hs):
            return Goods(story.name, story.hs, goods.weak, goods.start, goods.end, goods.definite)  # "the nuts"
        if story is None or not story.hs or goods.hs == story.hs or goods.weak:
            return goods
        words, story_words = fold(goods.name).split(), fold(story.name).split()
        modifiers = lexicon().modifiers
        bare = bool(words) and all(w in modifiers for w in words[:-1])  # "oil", "bulk oil", not "lead ore"
        if bare and story_words and words[-1] == story_words[-1] and len(story_words) > 1 \
                and not (is_term(goods.name) and goods.hs and goods.hs[:2] != story.hs[:2]):  # "crude oil" stays
            return Goods(goods.name, story.hs, goods.weak, goods.start, goods.end, goods.definite)
        # "the fruit" in a story about cherries, or "redirected fruit" where the headline named them: the cherries
        if (goods.definite or (self.goods_told and " " not in goods.name)) and self.covers(goods):
            return Goods(story.name, story.hs, goods.weak, goods.start, goods.end, goods.definite)
        return goods

    def covers(self, goods: Goods) -> bool:
        """Whether goods name the chapter the story's goods belong to ("fruit" over cherries, "grain" over wheat)."""
        story = self.goods
        if story and story.hs and goods.hs and len(goods.hs) == 4 and len(story.hs) >= 4 and " " not in goods.name \
                and story.hs.startswith(goods.hs) and fold(goods.name) != fold(story.name):
            return True  # "the nuts" in a story about pistachios: one word for the heading the story's goods are in
        return bool(story and story.hs and goods.hs and len(goods.hs) == 2 and len(story.hs) >= 4
                    and story.hs.startswith(goods.hs))

    def local(self) -> str | None:
        """The country the article is written from: its dateline city, else the local currency its prices use."""
        if self._local is None:
            text = self.ctx.text
            votes: Counter[str] = Counter()
            dateline = dateline_country(text)  # "NAIROBI, May 3 -", "Lima (Reuters) -"
            if dateline:
                votes[dateline] += 2
            outlet = _outlet_country(self.ctx)  # "Statistics Botswana" releases Botswana's figures
            if outlet and not votes:
                votes[outlet] += 2
            for a in find_amounts(text[:20_000]) if not votes else []:
                # (an "X…" code is no one country's: CFA francs, the East Caribbean dollar, special drawing rights)
                if a.kind in ("money", "price") and a.currency and a.currency not in _GLOBAL_CURRENCIES \
                        and not a.currency.startswith("X"):
                    votes[a.currency[:2]] += 1
            self._local = votes.most_common(1)[0][0] if votes else ""
        return self._local or None


_FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?$")
_BUYER_WORD = r"(?:buyers?|markets?|destinations?|importers?|customers?|clients?|purchasers?)"
# "destinations included France, Germany and Japan", "with France the largest buyer": named as a buyer
_BUYERS_BEFORE = re.compile(_BUYER_WORD + r"\s+(?:included|include|includes|were|are|was|is|being)\s+"
                            r"(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*(?:,\s+|\s+and\s+))*(?:the\s+)?$")
_BUYER_AFTER = re.compile(r",?\s+(?:(?:was|is|remained|remains|became|being)\s+)?(?:the|its|a)\s+"
                          r"(?:[\w-]+\s+){0,2}" + _BUYER_WORD + r"\b")


def _named_as_buyer(text: str, c: CountryMention) -> bool:
    """A country a sentence names as a buyer or destination by a role noun: no seller of the story's goods."""
    return bool(_BUYERS_BEFORE.search(text, max(0, c.start - 120), c.start) or _BUYER_AFTER.match(text, c.end))


# "Norway top export market in May": the headline names a buyer, not the country that acts
_MARKET_AFTER = re.compile(r"\s+(?:(?:still|again|now|once\s+again)\s+)?"  # "UK still top market"
                           r"(?:(?:is|was|remains|stays|becomes|became)\s+|(?:[\w-]+\s+){0,5}?as\s+)?"
                           r"(?:(?:the|a|an)\s+)?"
                           r"(?:(?:top|leading|main|biggest|largest|key|major|no\.?\s*1|number[- ]one|"
                           r"fastest[- ]growing|second|third)\s+)+(?:export\s+)?(?:destination|market|buyer|customer|"
                           r"partner)s?\b"
                           # "… as Syria regains top spot": a ranking among the story's partners
                           r"|\s+(?:regains|retains|keeps|takes|holds|reclaims|loses|tops|grabs)\s+(?:the\s+)?"
                           r"(?:top|first|leading|number[- ]one|no\.?\s*1)\s+(?:spot|place|position|rank)\b", re.I)
_ROUTE_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}\s+to\s+(?:the\s+)?$")
_TITLE_PARTS = re.compile(r"\s*(?:;|:|\s[-–—|]\s)\s*")


def _trade_part(title: str) -> tuple[int, int]:
    """The span of the headline's part that holds its trade word (all of it when it has no parts)."""
    cue = lexicon().cue.search(title)
    if cue is None:
        return 0, len(title)
    lo, hi = 0, len(title)
    for m in _TITLE_PARTS.finditer(title):
        if m.end() <= cue.start():
            lo = m.end()
        elif m.start() >= cue.end():
            hi = min(hi, m.start())
    return lo, hi


def _outlet_country(ctx: ArticleContext) -> str | None:
    """The country of a national outlet or a body publishing its own figures, when the text names it."""
    doc = ctx.document
    own = publishers.country_of(doc.publisher, doc.url) or next(
        (c.code for c in find_countries(doc.publisher or "", ctx.published) if c.form == "name"), None)
    return own if own and any(c.code == own for c in ctx.countries) else None


_SENTENCE_WORDS = 4


def _told_period(ctx: ArticleContext, home: str | None) -> str | None:
    """The period the headline, else the first sentence, names ("Monthly trade digest for March 2025")."""
    # (the first sentence of words: not a dateline the splitter took for one, "Bhadrapur.")
    first = next((s.text for s in ctx.sentences if len(s.text.split()) >= _SENTENCE_WORDS), "")
    for text in (ctx.document.title or "", first):
        found = [d.value for d in find_dates(text, ctx.published, country=home)
                 if "/" in d.value or len(d.value) in (4, 7)]
        if found:
            return found[0]
    return None


def _title_supplied(title: str, destinations: list) -> str | None:
    """"Brazil overtakes India as top cotton supplier to Bangladesh": the country a supplier noun serves buys."""
    cue = lexicon().cue.search(title)
    if cue is None or lexicon().kind(" ".join(cue.group(0).lower().split())) != "supplier_noun":
        return None
    after = [c for c in destinations if c.start >= cue.end()]
    return after[0].code if len(after) == 1 else None


def _imports_headline(title: str) -> bool:
    """"Pulses imports drop 20% in FY26": a headline about buying, whoever buys (the story's own country)."""
    cue = lexicon().cue.search(title)
    return cue is not None and lexicon().kind(" ".join(cue.group(0).lower().split())) in ("import_verb", "import_noun")


def _title_importer(title: str, found: list) -> str | None:
    """The headline's buyer: the country before an import word ("China's soybean imports", "Egypt buys wheat")."""
    cue = lexicon().cue.search(title)
    if cue is None or lexicon().kind(" ".join(cue.group(0).lower().split())) not in ("import_verb", "import_noun"):
        return None
    if _EARNS.fullmatch(cue.group(0)) and _money_follows(title, cue.end()):
        return None  # "Jamaica's Fresh Produce Brings In US$84 Million A Year": earnings, no purchase
    before = [c for c in found if c.end <= cue.start() and not is_destination(title, c)]
    return before[-1].code if before else None


# "brings in", "brought in", "rakes in": what a trade earns when money follows, not what a country buys
_EARNS = re.compile(r"(?:brings?|brought|bringing|rakes?|raked|raking)\s+in", re.I)


def _money_follows(text: str, end: int) -> bool:
    first = next(iter(find_amounts(text[end:end + 40])), None)
    return first is not None and first.kind == "money" and first.start <= 20


_HEADLINE_GOODS = re.compile(r"(?:^|['’]s\s+|\s)((?:[a-z][a-z-]+\s+)?[a-z][a-z-]+)\s+"
                             r"(?:exports?|shipments?|imports?)\b(?!\s+(?:destinations?|markets?|partners?|"
                             r"buyers?|hubs?|earners?|sources?|suppliers?)\b)")


# "Uzbekistan sold yarn to 31 countries", "Fiji ships kava to Vanuatu": the object of a trade verb, before where it
# went or came from
_HEADLINE_VERB_GOODS = re.compile(r"\b(?:sold|sells?|exported|exports?|shipped|ships?|imported|imports?|bought|buys?)"
                                  r"\s+(?!(?:of|the|a|an|more|less|most|record|goods|products)\b)((?:[a-z][a-z-]+\s+)?[a-z][a-z-]+)"
                                  r"\s+(?:to|from|into|abroad|worth)\b")

# "U.S. stays ahead of Japan as biggest buyer of Korean food": what a buyer or market of the headline buys
_HEADLINE_ROLE_GOODS = re.compile(r"\b(?:buyers?|markets?|destinations?|importers?|customers?)\s+(?:of|for)\s+"
                                  r"(?!(?:the|its|their|a|an)\b)((?:[a-z][a-z-]+\s+)?[a-z][a-z-]+)"
                                  r"(?=\s+(?:in|during|for|from|to|as|after|on|since|amid)\b|\s*[,:;]|$)")

_POSSESSIVE_END = re.compile(r"['’]s?$")


def _headline_goods(title: str) -> str | None:
    """The goods phrase right before a headline's trade word, when it reads as goods."""
    forms = gazetteer.country_forms()
    # (the possessive stripped as such: "Mauritius" and "Cyprus" end in an "s" of their own)
    words = [w for w in title.split() if _POSSESSIVE_END.sub("", w.strip(",:;")) not in forms]
    lowered = " ".join(words).lower()
    m = _HEADLINE_GOODS.search(lowered) or _HEADLINE_VERB_GOODS.search(lowered) or _HEADLINE_ROLE_GOODS.search(lowered)
    if m is None:
        return None
    phrase = m.group(1).split()
    while phrase and (phrase[0] in lexicon().not_goods or phrase[0] in _NOT_GOODS_WORDS):
        phrase = phrase[1:]
    return " ".join(phrase) if phrase and plausible_goods(phrase) else None


_NOT_GOODS_WORDS = frozenset(("total", "annual", "overall", "record", "monthly", "top", "leading", "main", "major",
                              "biggest", "largest", "key", "agricultural", "farm", "non-oil",
                              "oil-free", "merchandise", "country", "nation", "state", "our", "their", "its",
                              "provincial", "regional", "national",
                              # "China's October imports": when, not what
                              "january", "february", "march", "april", "may", "june", "july", "august",
                              "september", "october", "november", "december", "first-half", "half-year"))


def article_frame(ctx: ArticleContext, terms: list) -> ArticleFrame:
    goods = _story_goods(ctx, terms)
    title = ctx.document.title or ""
    # the headline names the goods: a known term, or the story's own word for them ("Kinnow exports miss target")
    told = goods is not None and (goods.name == "goods" or bool(find_commodities(title)) or _head_in(goods, title))
    if goods is not None and not told:
        # "Chile's cherry exports reached $2.9 billion last season": a lead's trade noun names them as well as a
        # headline would
        lead = _lead_goods(ctx, terms)
        told = lead is not None and fold(lead.name) == fold(goods.name)
    return ArticleFrame(ctx, home_country(ctx), goods, told)


def _head_in(goods: Goods, title: str) -> bool:
    head = fold(goods.name).split()
    return bool(head) and head[-1] in fold(title).split()


_TRADE_STORY = re.compile(r"\b(?:trade|turnover|exports|imports)\b(?!\s+(?:deal|agreement|pact|talks|accord|war|"
                          r"minister|ministry|fair|show|mission|zone|route|corridor))", re.I)


# "Zimbabwe Exports 46 Million kg Tobacco to China": the trade word is a verb and the goods its object
_OBJECT_OF_TRADE = re.compile(r"\s+(?:(?:about|over|nearly|record|some)\s+)?(?:[$€£]?\d[\d.,]*\s*(?:k|m|bn|mn|million|"
                              r"billion|thousand)?\s*(?:kg|kilos|tonnes|tons|t|mt|bags|head|litres|liters|barrels|"
                              r"units|bottles|cartons)?\s+(?:of\s+)?)?", re.I)


_NEXT_CAPITALISED = re.compile(r"\s+[A-Z][a-z]+")
_NAME_HEADS = frozenset(("Road", "Route", "Forum", "Board", "Council", "Authority", "Association", "Exchange",
                         "Festival", "Convention", "Summit", "Institute", "Centre", "Center", "Bank", "Company",
                         "Corporation", "Federation", "Commission", "Fair", "Expo", "Week", "Awards"))


_TRADED = re.compile(r"\s+(?:exports?|imports?|shipments?|sales|trade|exporters|importers|growers|producers|industry|"
                     r"farmers|season|harvest|crop)\b")


def _in_a_name(text: str, term: Commodity) -> bool:
    """"Silk Road Forum", "Tea Board": a capitalised goods word inside a proper name, in text that is not
    written in title case."""
    start, end = term.start, term.end
    nxt = _NEXT_CAPITALISED.match(text, end)
    if not text[start:start + 1].isupper() or not nxt:
        return False
    if nxt.group(0).strip() in _NAME_HEADS:
        return True  # "Silk Road", "Coffee Board", "Rice Convention" in any case
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    words = text[line_start:line_end if line_end >= 0 else len(text)].split()
    return sum(w[:1].isupper() for w in words) * 2 < len(words)


_TRADED_NOUN = re.compile(r"\s+(?:exports|imports|shipments)\b")


def _lead_goods(ctx: ArticleContext, terms: list) -> Goods | None:
    """Goods the first sentence names right before its trade noun ("Colombian coffee exports amounted to …")."""
    first = ctx.sentences[0] if ctx.sentences else None
    if first is None:
        return None
    for t in terms:
        if first.start <= t.start < first.end and fold(t.name) not in lexicon().general_goods \
                and _TRADED_NOUN.match(ctx.text, t.end) and not _in_a_name(ctx.text, t):
            return Goods(t.name, goods_hs(t.name), weak=True)
    return None


def _story_goods(ctx: ArticleContext, terms: list) -> Goods | None:
    """The goods the headline and body name most often (the headline's first on a tie); "goods" when the
    headline is about trade in general ("Brazil-US trade hits record") and names no goods before its trade word."""
    title = ctx.document.title or ""
    title_terms = find_commodities(title)
    phrase = _headline_goods(title)  # "Kava exports to New Zealand …": goods the data does not know
    general = _TRADE_STORY.search(title)
    if general and not any(t.end <= general.start() for t in title_terms) \
            and not any(_OBJECT_OF_TRADE.fullmatch(title, general.end(), t.start) for t in title_terms):
        if phrase:
            return Goods(phrase, goods_hs(phrase), weak=True)
        # "Colombia – Exports down 9.3% in September" over "Colombian coffee exports amounted to …": the lead's goods
        lead = _lead_goods(ctx, terms)
        return lead if lead is not None else Goods("goods", None, weak=True)
    # "Tanzania ships first avocados to India": "ships" is the verb there, not the goods
    named = [t for t in title_terms if fold(t.name) not in lexicon().general_goods
             and t.name not in lexicon().carriers and not _in_a_name(title, t)]
    if named:  # the headline's goods are the story's
        name, hs = named[0].name, goods_hs(named[0].name)
        if name.lower() in lexicon().abbreviations:  # "RMG exports rise": the body's own words for the same goods
            name = next((t.name for t in terms if t.name.lower() not in lexicon().abbreviations
                         and hs and goods_hs(t.name) == hs), name)
        return Goods(name, hs, weak=True)
    if phrase:
        return Goods(phrase, goods_hs(phrase), weak=True)
    counts = Counter(fold(c.name) for c in terms if not _in_a_name(ctx.text, c))
    counts.update(fold(c.name) for c in terms if _TRADED.match(ctx.text, c.end))  # "citrus exports" counts twice
    general = lexicon().general_goods
    for name, count in counts.most_common():
        if name not in general and count >= 2:  # a story's goods are named more than once
            surface = next((c.name for c in [*title_terms, *terms] if fold(c.name) == name), name)
            return Goods(surface, goods_hs(surface), weak=True)
    return None

"""The mention layer: a sentence's typed spans, found once, that frames are read from.

Countries (names, adjectives, capitals; blocs and currency prefixes left
out), figures, known goods terms, trade cues with their frame kind, dates
(on first use) and clauses. Offsets are relative to the sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise

from kb.extract import gazetteer
from kb.extract.commodities import Commodity, find_commodities
from kb.extract.context import CountryMention, Sentence
from kb.extract.dates import DateMention, count_of, find_dates, fiscal_where_named, years_moved
from kb.extract.flows.adverbs import MOSTLY
from kb.extract.flows.lexicon import Lexicon, cue_form, lexicon
from kb.extract.quantities import (
    APPROX,
    FIGURE_START,
    Amount,
    find_amounts,
    writes_decimal_commas,
    writes_pounds_as_weight,
)


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    form: str  # lower case, single spaces
    kind: str  # a frame kind of lexicon.FRAME_KINDS


@dataclass
class SentenceMentions:
    sentence: Sentence
    published: str | None
    countries: list[CountryMention]
    amounts: list[Amount]
    terms: list[Commodity]
    cues: list[Cue]
    clauses: list[tuple[int, int]]
    country: str | None = None  # whose fiscal year a "2017-18 financial year" is: the article's country
    article: str = ""  # the article's whole text (what the sentence may refer back to)
    _dates: list[DateMention] | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        return self.sentence.text

    def dates(self) -> list[DateMention]:
        """The dates that can date the sentence's trade: not when someone said or reported it ("the minister
        said in March", "data released on Tuesday")."""
        if self._dates is None:
            s = self.text
            found = fiscal_where_named(find_dates(s, self.published, country=self.country), self.article,
                                       self.published, self.country)
            self._dates = [d for d in found
                           if ("/" in d.value or not _ATTRIBUTION.search(s[max(0, d.start - 45):d.start]))
                           and not _record_since(s, d)  # one says a thing on a day, not over "January to June"
                           # "Against the first semester of 2025, exports to Kenya increased by 18.6%": the base
                           and not _FRONTED_BASE.match(s[:d.start])
                           # "(2024: 71,000 tons)": the label of a figure of that year, no date of the sentence's
                           and not (s[max(0, d.start - 2):d.start].strip() == "(" and s.startswith(":", d.end))]
            if not self._dates and (told := self._same_period_as_before() or self._day_before_told()) is not None:
                self._dates = [told]
            self._dates = [self._season_told_before(d) for d in self._dates]
            # "… to $1.83 billion in the four months": that span, beside the sentence's other dates
            if (span := self._span_told_before()) is not None \
                    and not any(d.start <= span.start < d.end for d in self._dates):
                # (the year inside "the same seven months of this year" is part of the span)
                self._dates = sorted([*(d for d in self._dates if not span.start <= d.start < span.end), span],
                                     key=lambda d: d.start)
        return self._dates

    def _span_told_before(self) -> DateMention | None:
        """"in the eight months": the span of so many months the article told before ("Over January-August …")."""
        m = _THE_N_MONTHS.search(self.text)
        n = count_of(m.group(1)) if m else None
        base = self.sentence.start
        if m is None or n is None or (base == 0 and not m.group("year")):
            return None
        # (the sentence's own words before it too: "In January–July last year …; in the same seven months of this
        # year …")
        before = self.article[max(0, base - 4000):base + (m.start() if m.group("year") else 0)]
        found = [d for d in find_dates(before, self.published, country=self.country) if _months(d.value) == n]
        if m.group("year"):  # "in the same seven months of this year" after "In January–July last year": that year's
            year = self.published[:4] if not m.group("year")[0].isdigit() and self.published else m.group("year")
            spans = [_in_year(d.value, year) for d in found] if year else []
        else:
            spans = [compared_span_moved_on(before, d, self.published) for d in found]
        # the story's own span is the latest told; an earlier one of that length is what it is compared with
        return DateMention(m.start(1), m.end(), max(spans)) if spans else None

    def _season_told_before(self, d: DateMention) -> DateMention:
        """"this season" after "From July 2025 to February 2026 Kyrgyzstan sold …": the months of the season the
        article told, not the calendar year."""
        if not _THIS_SEASON.fullmatch(self.text, d.start, d.end) or self.sentence.start == 0:
            return d
        before = self.article[max(0, self.sentence.start - 2000):self.sentence.start]
        spans = [t.value for t in find_dates(before, self.published, country=self.country)
                 if _months(t.value) and t.value[:4] != t.value.partition("/")[2][:4]]
        return DateMention(d.start, d.end, spans[-1]) if spans else d

    def _same_period_as_before(self) -> DateMention | None:
        """"Over the same period, the US took 39.6%": the latest period of months the sentences before told, not
        one they compared with."""
        m = _OVER_THE_SAME_PERIOD.match(self.text)
        if m is None or self.sentence.start == 0:
            return None
        before, told = self._dates_just_before()
        spans = [d for d in told
                 if _months(d.value) and not _COMPARED_BEFORE.search(before, max(0, d.start - 40), d.start)]
        return DateMention(m.start(1), m.end(1), spans[-1].value) if spans else None

    def _day_before_told(self) -> DateMention | None:
        """"Yesterday, the region sent 42 tons … The day before, farmers shipped 32 tons": the day before the last
        day the sentences before told."""
        m = _THE_DAY_BEFORE.match(self.text)
        if m is None or self.sentence.start == 0:
            return None
        days = [d for d in self._dates_just_before()[1] if len(d.value) == 10]
        if not days:
            return None
        day = date.fromisoformat(days[-1].value) - timedelta(days=1)
        return DateMention(m.start(1), m.end(1), day.isoformat())

    def _dates_just_before(self) -> tuple[str, list[DateMention]]:
        """The text the sentences right before this one tell (its last 600 characters) and the dates in it."""
        base = self.sentence.start
        before = self.article[max(0, base - 600):base]
        return before, find_dates(before, self.published, country=self.country)

    def clause_of(self, pos: int) -> tuple[int, int]:
        return next((c for c in self.clauses if c[0] <= pos < c[1]), (0, len(self.text)))

    def countries_in(self, lo: int, hi: int) -> list[CountryMention]:
        return [c for c in self.countries if lo <= c.start and c.end <= hi]

    def terms_in(self, lo: int, hi: int) -> list[Commodity]:
        return [t for t in self.terms if lo <= t.start and t.end <= hi]


# "in the eight months", "over the nine months": a span named by its length alone, told before in full
_THE_N_MONTHS = re.compile(r"\b(?:in|over|during|for|across)\s+the\s+(?:first\s+|same\s+)?([a-z]+|\d{1,2})\s+months\b"
                           r"(?:\s+of\s+(?P<year>this\s+year|the\s+current\s+year|(?:19|20)\d\d)\b)?"
                           r"(?!\s+(?:of|to|ending|ended|through|before|after|ago|earlier))", re.I)


def _in_year(span: str, year: str) -> str:
    """A span of months moved to end in `year` ("2025-01/2025-07" in 2026: "2026-01/2026-07")."""
    return years_moved(span, int(year) - int(span.split("/")[-1][:4]))


_THIS_SEASON = re.compile(r"(?:(?:so\s+far\s+)?this|the\s+current)\s+(?:season|campaign)", re.I)
_THE_DAY_BEFORE = re.compile(r"\W*((?:[Tt]he\s+(?:day\s+before|previous\s+day|day\s+prior)|[Aa]\s+day\s+earlier))\b"
                             r"(?!\s+(?:yesterday|the|that|its|their|a|an))")
_OVER_THE_SAME_PERIOD = re.compile(r"\W*(?:Over|In|During|For|Across)\s+(the\s+same\s+(?:period|months|time))\b"
                                   r"(?!\s+(?:of|in|a|last|the\s+previous|a\s+year))")
_FRONTED_BASE = re.compile(r"\W*(?:[Aa]gainst|[Cc]ompared\s+(?:with|to)|[Rr]elative\s+to|[Vv]ersus|[Ss]et\s+against|"
                           r"[Mm]easured\s+against|[Oo]n\s+(?:a|an)\s+(?:year-on-year|annual)\s+basis\s+against)\s+"
                           r"[^,;]{0,40}$")
_COMPARED_BEFORE = re.compile(r"\b(?:compared\s+(?:with|to)|than|(?:up|down)\s+from|against|versus|vs\.?)\s+"
                              r"(?:[\w.,]+\s+){0,5}(?:in|during|over|for)?\s*(?:the\s+)?$")


def compared_span_moved_on(text: str, d: DateMention, published: str | None) -> str:
    """A span told as the base of a comparison ("3.1 percent less than in January-June 2025") stands for the same
    months a year on, the story's own, when those have passed by the story's date; any other span is itself."""
    if not _COMPARED_BEFORE.search(text, max(0, d.start - 40), d.start):
        return d.value
    moved = years_moved(d.value, 1)
    return moved if published and moved.split("/")[-1] <= published[:len(moved.split("/")[-1])] else d.value


def _months(value: str) -> int | None:
    """How many calendar months a "2026-01/2026-08" span holds."""
    m = re.fullmatch(r"(\d{4})-(\d{2})/(\d{4})-(\d{2})", value)
    return None if m is None else (int(m[3]) - int(m[1])) * 12 + int(m[4]) - int(m[2]) + 1


# "its highest monthly intake since January 2024", "the most since 2019": a yardstick, not the flow's period
_RECORD_SINCE = re.compile(r"\b(?:highest|lowest|largest|biggest|smallest|strongest|weakest|most|least|best|worst|"
                           r"first\s+time)\b[^.;]{0,50}?(?:\s+since)?\s*$", re.I)
def _record_since(s: str, d: DateMention) -> bool:
    """"its highest monthly intake since January 2024": the date a record is measured from."""
    since = s[d.start:d.start + 6].lower().startswith("since") or s[max(0, d.start - 7):d.start].rstrip().lower(
    ).endswith("since")
    return since and bool(_RECORD_SINCE.search(s[max(0, d.start - 70):d.start]))


_ATTRIBUTION = re.compile(r"\b(?:said|says|told|reported|announced|wrote|stated|added|noted|tweeted|posted|"
                          r"released|published|disclosed|revealed|confirmed|explained)\s+(?:\w+\s+){0,3}?"
                          r"(?:in|on|at|last|this|earlier|late|early)?\s*$", re.I)


# "…; the Netherlands, with US$ 87.2 million; China, with …": a list's next member with its figure, after a semicolon
_LIST_MEMBER_NEXT = (r"(?-i:\s*(?:and\s+)?(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}"
                     r"(?:\s*,\s*with\s+|\s+with\s+|\s*\(\s*|\s*:\s*|\s+[–—-]\s*)"
                     + APPROX + r")" + FIGURE_START)
# "121 tons of them", "1.4 million tons of these": a part of the whole just told (not "91 percent of them", a share)
PART_OF_WHOLE = (APPROX + r"\d[\d.,]*\s*(?!%|per\s*cent|percent)(?:[^\W\d]{1,12}\.?\s+){0,2}"
                 r"of\s+(?:them|these|those|this|that|it)\b")
# "January – October 2026": a span of months, no clause break
_MONTH_NEXT = (r"(?-i:(?:January|February|March|April|May|June|July|August|September|October|November|December|"
               r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b)")
# ", while", "; ", " – ": a new clause with its own subject, goods and figures ("to China - 1,902,540 bottles"
# lists a figure).
# … and ", of which": what follows breaks a total down, its figures are not the total's.
_CLAUSE_BREAK = re.compile(r";(?!" + _LIST_MEMBER_NEXT + r")|\s[–—-]\s(?![$€£]?\d)(?!" + _MONTH_NEXT + r")"
                           r"(?!(?:at|about|around|some|nearly|over|almost)\s)|"  # "… to Uzbekistan - at the level of"
                           r",\s+(?:while|whereas|but|although|though|even\s+as|and\s+while)\s|"
                           # "…, most of it from Russia, he said, adding that Armenian drinkers …": what else was said
                           r",\s+(?=(?:adding|noting|saying|stressing|explaining|pointing\s+out)\s+that\b)|"
                           # "… are sold to Azerbaijan while Azerbaijani polypropylene goes to …": a new subject
                           r"\s(?-i:while|whereas)\s+(?=(?-i:[A-Z]))|"
                           r",?\s+of\s+which\b|"
                           # "… 214 tons of fine hair, 121 tons of them bound for China": the part after its whole
                           r",\s+(?=" + PART_OF_WHOLE + r")|"
                           # "… rose to $4.9 million, thanks mostly to red kidney beans sent to Jamaica": the reason
                           # names a flow of its own, not the figure's partner
                           r",\s+(?=(?:thanks|due|owing)\s+(?:\w+ly\s+)?to\s)|"
                           # "…, widening its lead over Japan as American demand for instant noodles, kimchi … kept
                           # growing": the demand behind the trade, its goods not the figure's
                           r"\s+as\s+(?=(?:[\w-]+\s+){0,3}(?:demand|appetite)\s+for\b)|"
                           # "…, and Libya, Syria and Saudi Arabia were among the other destinations": a new subject
                           r",\s+and\s+(?=(?:[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?(?:,\s+|\s+and\s+))+[A-Z][\w-]*"
                           r"(?:\s+[A-Z][\w-]*)?\s+(?:were|are)\s)|"
                           # "…, and with Barbados and St Lucia the regional total reached 97,400 tonnes": a total of
                           # its own, not the clause before's
                           r",\s+and\s+with\s|"
                           # "…, with Malaysia and Oman trailing well behind": ranked after, a clause of their own
                           # … and "…, with Portugal alone accounting for 8,340 tonnes": a part of a group's figure
                           r",\s+(?=with\s+(?:the\s+)?(?-i:[A-Z])[^,;]{0,60}?\s(?:trailing|lagging|following|"
                           r"accounting\s+for)\b)|"
                           # "…, and the Gulf countries bought 4,000 tonnes": a group as a new subject
                           r",\s+and\s+(?=(?:the\s+)?(?-i:[A-Z][\w-]*)(?:\s+[A-Z][\w-]*)?\s+(?:countries|nations|states|"
                           r"buyers|importers|markets|members)\s+(?:[a-z]+ly\s+)?(?:bought|took|imported|received|"
                           r"purchased|absorbed|accounted\s+for)\b)|"
                           # "…, and tobacco is coming to us from there": a new subject, the goods of its own clause
                           r",\s+and\s+(?=(?-i:[a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s+(?-i:is|are|was|were)\s+"
                           r"(?-i:[a-z]+ing)\b)|"
                           # "…, the rest to Peru and Vietnam": the remainder's partners, not the figure's
                           r",\s+(?:and\s+)?(?=the\s+(?:rest|remainder|balance)\s+(?:(?:going|went|goes)\s+)?to\s)|"
                           # "Export from A to B amounted to $358m, Import from B to A - at the level of $138m"
                           # … and "…, imports from Bahrain made up AED 2.1 billion, exports to it AED 1.3 billion"
                           # after a figure (not "On the canola side, shipments to Belgium resumed")
                           r"(?P<gapped>,\s+(?-i:[Ii]mports?|[Ee]xports?|[Rr]e-exports?|[Pp]urchases|[Dd]eliveries|"
                           r"[Ss]hipments|[Ss]ales)\s+(?=(?:from|to|of)\s))|"
                           # "…, led by electronic components, and China bought 2.9 Mt of iron ore": a new subject
                           # trading on its own (not ", and India was …", which unseen news more often ends a
                           # clause of the same trade with)
                           # … and without "and": "…, Latvia mainly received mineral products, and …"
                           r"(?P<subject>,\s+(?:(?P<and>and)\s+)?)(?=(?-i:(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)\s+"
                           r"(?:(?:also|" + MOSTLY + r")\s+)?"
                           r"(?:bought|sold|imported|exported|shipped|purchased|sent|supplied|received)\b)|"
                           # "… fell to 6,100 tonnes as Chinese traders turned to …": a subordinate clause of its own
                           r"\s(?:as|because|after|since|when)\s+(?=(?:the\s+)?(?:[A-Z][\w-]*\s+)?[a-z]+\s+"
                           r"(?:[a-z]+ed|fell|rose|grew|took|sought|bought|sold|began|shifted)\b)", re.I)
# "imported wine", "the exported volume": an adjective, not a trade word.
_ATTRIBUTIVE = re.compile(r"\b(?:on|of|the|an?|with|for|from|by|cheap|cheaper|more|less|other|all|any|some|"
                          r"against|its|their)\s+$", re.I)
_AGENTS = frozenset(("importers", "exporters", "suppliers", "buyers", "importer", "exporter", "supplier",
                     "buyer", "shippers", "sellers"))


@dataclass
class ArticleMentions:
    """The article-wide mentions, sorted, that each sentence takes its slice of."""

    text: str
    published: str | None
    countries: list[CountryMention]
    terms: list[Commodity]
    cue_spans: list[tuple[int, int]]  # every cue form in the text, found in one pass
    country: str | None = None  # the article's own country, for its fiscal years

    def __post_init__(self) -> None:
        self.decimal_comma = writes_decimal_commas(self.text)
        self.pounds_weigh = writes_pounds_as_weight(self.text)
        self.cue_starts = [a for a, _ in self.cue_spans]
        self.countries = sorted(self.countries, key=lambda c: c.start)
        self._country_starts = [c.start for c in self.countries]
        self._term_starts = [t.start for t in self.terms]

    def has_country(self, sentence: Sentence) -> bool:
        i = bisect_left(self._country_starts, sentence.start)
        return i < len(self._country_starts) and self._country_starts[i] < sentence.end

    def has_cue(self, sentence: Sentence) -> bool:
        i = bisect_left(self.cue_starts, sentence.start)
        return i < len(self.cue_starts) and self.cue_starts[i] < sentence.end

    def sentence(self, sentence: Sentence) -> SentenceMentions:
        s, base = sentence.text, sentence.start
        lo, hi = bisect_left(self._country_starts, base), bisect_left(self._country_starts, sentence.end)
        countries = [CountryMention(c.start - base, c.end - base, c.code, c.surface, c.form)
                     for c in self.countries[lo:hi]
                     if c.end <= sentence.end and c.form != "bloc" and not self.text.startswith("$", c.end)]
        lo, hi = bisect_left(self._term_starts, base), bisect_left(self._term_starts, sentence.end)
        terms = [Commodity(t.start - base, t.end - base, t.name, t.hs) for t in self.terms[lo:hi]
                 if t.end <= sentence.end]
        # "4.008 tonnes" in a story that writes "812,6 million"
        amounts = find_amounts(s, self.decimal_comma, self.pounds_weigh)
        lo, hi = bisect_left(self.cue_starts, base), bisect_left(self.cue_starts, sentence.end)
        spans = [(a - base, b - base) for a, b in self.cue_spans[lo:hi] if b <= sentence.end]
        cues = _with_inverted_motion(s, _with_ellipses(s, _cues(s, spans, amounts, lexicon())))
        return SentenceMentions(sentence, self.published, countries, amounts, terms, cues, _clauses(s), self.country,
                                self.text)


_DIGIT = re.compile(r"\d")


def _clauses(s: str) -> list[tuple[int, int]]:
    paired = {i for m in _DASHED_LIST.finditer(s) for i in (m.start(), m.start("close"))} | _listed_after_colon(s)
    # (a new subject after a bare comma ends a clause, not a lead-in: "In total, China imported …")
    cuts = [0, *(m.start() for m in _CLAUSE_BREAK.finditer(s) if m.start() not in paired
                 and not (m.group("subject") and not m.group("and") and _NO_CLAUSE_BEFORE.search(s, 0, m.start()))
                 and not (m.group("gapped") and not _DIGIT.search(s, 0, m.start()))),
            len(s)]
    return [(a, b) for a, b in pairwise(cuts) if b > a]


# "…: Panama, 22.4%; Guatemala, 16.8%; and Honduras, 9.3%": a member of a list, its figure after it
_COLON_LIST_ITEM = re.compile(r"\s*(?:and\s+)?(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}\s*[,:(–—-]\s*"
                              r"[^;]{0,30}?\d[^;]*")


def _listed_after_colon(s: str) -> set[int]:
    """The semicolons that part the members of a list after a colon: no clause breaks."""
    colon = s.find(": ")
    if colon < 0:
        return set()
    items = s[colon + 1:].split(";")
    if len(items) < 2 or not all(_COLON_LIST_ITEM.fullmatch(item.rstrip(" .")) for item in items):
        return set()
    return {i for i in range(colon, len(s)) if s[i] == ";"}


# what a bare comma before a new subject may close without ending a clause: a lead-in ("In total, China …"), a list's
# member ("Japan, Korea and, above all, Vietnam bought …")
_NO_CLAUSE_BEFORE = re.compile(r"^\W*(?:\S+\s+){0,4}\S+$|(?:^|,)\s*(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*$|"
                               r"\band\s*,\s*(?:[a-z]+\s+){0,3}[a-z]+$")


# "five of them — the United States, the Netherlands and Canada — took 96.1%": names set between two dashes are the
# clause's subject, not clauses of their own
_DASHED_LIST = re.compile(r"\s[–—]\s(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*(?:(?:,\s+|,?\s+and\s+)(?:the\s+)?"
                          r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)+(?P<close>\s[–—]\s)")


_TO_A_RANK = re.compile(r"\s+(?:the\s+)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|top|"
                        r"\d+(?:st|nd|rd|th))\s+(?:position|place|spot|rank)\b", re.I)


# The place a "reach"/"enter"/"bring" verb's goods go: right after it ("enter Bolivia", "reach the UAE") or after
# "into"/"to" in its clause ("bring Kazakh wheat and flour into Uzbekistan"); never a sum ("reach US$5bn")
# "… already reach shops in Ulaanbaatar": those who sell or eat goods stand for the place they reach
SOLD_IN = (r"\s+(?:the\s+)?(?:shops|shelves|stores|supermarkets|markets|consumers|buyers|customers|tables|kitchens)\s+"
           r"(?:in|of|across)\s+(?:the\s+)?")
_PLACE_FOLLOWS = re.compile(r"(?:\s+(?:the\s+)?|[^.;:]{0,80}?\b(?:into|to)\s+(?:the\s+)?|" + SOLD_IN + ")"
                            r"(?![A-Z]{1,3}\s?\$)[A-Z][\w'’-]")
# "reached 61 countries in all, among them Armenia, …": the places counted, then named (a level "reached" is no
# motion: "exports reached NOK 2.1 billion")
PLACES_COUNTED = (r"\s+(?:\d+|[a-z]+)\s+(?:countries|markets|destinations|nations)\b[^.;:]{0,20}?,?\s+"
                  r"(?:among\s+them|including|among\s+which|such\s+as|notably)\s+(?:the\s+)?")
_PLACES_COUNTED_FOLLOW = re.compile(PLACES_COUNTED + r"[A-Z]")


_PASSED_THROUGH = re.compile(r"\s+(?:through|via|across|by\s+way\s+of)\s")


def place_follows(s: str, end: int) -> bool:
    """"… reached 61 countries in all, among them Armenia": places counted, then named, after a verb; "… reached
    Taiwan in June", "… reached Chinese buyers": a country, or its buyers, right after it."""
    if _PLACES_COUNTED_FOLLOW.match(s, end) is not None:
        return True
    m = _NAMED_AFTER.match(s, end)
    if m is None:
        return False
    forms = gazetteer.country_forms()
    words = m["words"].split()
    return any(" ".join(words[:n]) in forms for n in range(len(words), 0, -1))


# "reached Taiwan", "reached the United Arab Emirates", "reached Chinese buyers" (not "reached US$5bn")
_NAMED_AFTER = re.compile(r"\s+(?:the\s+)?(?P<words>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})(?!\s?\$)")


def _cues(s: str, spans: list[tuple[int, int]], amounts: list[Amount], lex: Lexicon) -> list[Cue]:
    """The sentence's cues (from the article's cue spans, relative offsets) that are trade words here."""
    found = [_cue(s, a, b, lex) for a, b in spans]
    out = []
    for i, cue in enumerate(found):
        if _in_name(s, cue) or _agent_before_verb(s, cue, found[i + 1] if i + 1 < len(found) else None):
            continue
        if cue.form in ("imported", "exported") and _ATTRIBUTIVE.search(s[max(0, cue.start - 20):cue.start]):
            continue
        if re.match(r"\s+out\b", s[cue.end:cue.end + 5]) and cue.form in ("carried", "sent", "shipped"):
            continue  # "deliveries were carried out to Iran": performed, not shipped
        if cue.kind == "motion" and _TO_A_RANK.match(s, cue.end):
            continue  # "Iraq overtook China and moved to the fourth position": a rank, no place
        if cue.kind == "export_verb" and _PASSED_THROUGH.match(s, cue.end) and any(
                c.kind == "motion" and 0 < c.start - cue.end <= 80 for c in found[i + 1:]):
            continue  # "foodstuffs shipped through the port of Aqaba enter Iraq": the motion verb tells where
        if cue.form in lex.place_only and any(a.start() < cue.start < a.end() for a in RELATIVE_ASIDE.finditer(s)):
            continue  # ", which collapsed after checks on shrimp entering China,": an aside's goods, no trade told
        if cue.form in lex.place_only and not _PLACE_FOLLOWS.match(s, cue.end) \
                and not _PLACES_COUNTED_FOLLOW.match(s, cue.end):
            continue  # "exports reach $5bn", "entered into force", "brings benefits": no place goods reach
        if cue.form.startswith(("brought in", "bring in", "brings in", "bringing in")) and not any(
                a.kind == "quantity" and cue.end <= a.start and len(s[cue.end:a.start].split()) <= 3 for a in amounts) \
                and not known_goods_object(s, cue.end):
            # "brought in 28,000 tons of nuts", "bring in watermelons from Tonga" import; "brought in 1,128 million
            # dinars" earned
            continue
        if cue.form in ("sales", "export sales", "exports", "imports") and (
                _POST_AFTER.match(s, cue.end) or _POST_BEFORE.search(s, max(0, cue.start - 25), cue.start)):
            continue  # "general manager sales Iliesa V.", "export sales director": a post, not trade told
        if "share" in cue.form and _BASE_AFTER_SHARE.match(s, cue.end):
            continue  # "the largest share of China's soybean imports": the imports say the side, not the share
        if "share" in cue.form and _share_of_no_goods(s, cue.end):
            continue  # "the largest share of the vote", "market share in the mobile money sector"
        if cue.kind in ("export_noun", "import_noun") and _SHARE_BASE_BEFORE.search(s, max(0, cue.start - 60),
                                                                                     cue.start):
            continue  # "with 41 percent of all shipments, or 110,052 tons": the base a share is of, no new frame
        if cue.kind == "import_noun" and out and _SUPPLIED_SHARE.search(s, max(0, cue.start - 60), cue.start):
            continue  # "Russia and Kazakhstan supply most of its imports of fertilisers": the supply verb's object
        if cue.kind == "buyer_noun" and out and _MARKETS_GONE_TO.search(s, max(0, cue.start - 50), cue.start):
            continue  # "ships blueberries to more than 30 markets, including …": where the verb's goods go
        if cue.kind in ("export_noun", "import_noun") and _IN_TERMS_OF.search(s, max(0, cue.start - 25), cue.start):
            continue  # "A, B and C ranked third through fifth in terms of purchases": what the ranking counts
        if cue.kind == "buyer_noun" and out and _GAPPED_BUYERS.search(s, max(0, cue.start - 40), cue.start) \
                and FIGURE_NEXT.match(s, cue.end):
            continue  # "German buyers took $19.6m, and American buyers $15.2m": a subject of the verb left out
        if cue.kind == "buyer_noun" and _ACCESS_AFTER.match(s, cue.end):
            continue  # "the market access programme", "market-entry rules": getting in, no buyer ranked
        if _LEVY_AFTER.match(s, cue.end):
            continue  # "India's import duty on wool", "an export ban": a measure on trade, not trade told
        if cue.form in lex.weak and cue.kind.endswith("verb") and not _figure_follows(s, cue.end, amounts) \
                and not _CONSIGNMENT_AFTER.match(s, cue.end) and not PORTION_AFTER.match(s, cue.end) \
                and not SHARE_TAKEN.match(s, cue.end) \
                and not more_goods_after(s, cue.end) and not LESS_OR_MORE.match(s, cue.end) \
                and not known_goods_object(s, cue.end) \
                and not _BRACKETED_FIGURE_BEFORE.search(s, max(0, cue.start - 40), cue.start):
            # "with Germany taking 24%": a share of the trade told; "but C and D took less": that trade again
            # ("Spain (74 MT) and Italy (52 MT) received smaller lots": each subject's figure in brackets)
            continue  # "took place"; but "received shipments" receives goods, and "took most of the rest" a part
        out.append(cue)
    return out


# "… and Italy (52 MT) received": a subject's figure in brackets right before the verb
_BRACKETED_FIGURE_BEFORE = re.compile(r"\(\s*" + APPROX + r"(?:[A-Z]{0,3}\$\s?|[$€£]\s?)?"
                                      r"\d[\d.,]*\s*[^\W\d][^()]{0,14}\)\s+(?:(?:also|each|both|[a-z]+ly)\s+)?$")
_ACCESS_AFTER = re.compile(r"[\s-]+(?:access|entry|opening|penetration|development|intelligence|research|"
                           r"survey|study|studies|days?|visit)\b", re.I)
_GAPPED_BUYERS = re.compile(r"(?:,\s*|;\s*|\s)(?:and|while|whereas)\s+(?:the\s+)?[A-Z][\w'’.-]+"
                            r"(?:\s+[A-Z][\w'’.-]+)?\s+$")
# "… buyers $15.2 million": a figure right after, maybe hedged
FIGURE_NEXT = re.compile(r"\s+" + APPROX + FIGURE_START)
_IN_TERMS_OF = re.compile(r"\bin\s+terms\s+of\s+(?:the\s+)?(?:(?:total|overall|combined)\s+)?$", re.I)
_MARKETS_GONE_TO = re.compile(r"\bto\s+(?:(?:a\s+(?:wide\s+)?(?:range|number|host|variety|handful)\s+of|several|many|"
                             r"various|numerous|different|new|other|more\s+than|over|some|about|around|nearly|"
                             r"\d[\d,]*|[a-z]+ty|ten|twelve|fifteen)\s+){1,3}$", re.I)
SHARE_TAKEN = re.compile(r"\s+" + APPROX + r"\d[\d.,]*\s*(?:%|per\s*cent|percent)")
_SUPPLIED_SHARE = re.compile(r"\b(?:suppl(?:y|ies|ied)|provid(?:e|es|ed)|account(?:s|ed)?\s+for)\s+"
                             r"(?:(?:most|much|half|the\s+bulk|a\s+(?:third|quarter)|(?:about\s+|nearly\s+)?"
                             r"\d[\d.,]*\s*(?:%|per\s*cent|percent))\s+of\s+)?(?:its|their|[A-Z][\w.-]*['’]s?)\s+$")
_SHARE_BASE_BEFORE = re.compile(r"(?:\d\s*%|\d\s*(?:percent|per\s+cent|pc))\s+of\s+"
                                r"(?:all|total|(?:the|its|their)(?:\s+total)?)\s+(?:[\w'’-]+\s+){0,3}$", re.I)
_BASE_AFTER_SHARE = re.compile(r"\s+(?:of|in)\s+(?:[\w'’-]+\s+){0,4}?(?:exports|imports|shipments|purchases|sales|"
                               r"supplies|deliveries|arrivals)\b", re.I)
_SHARE_OF_WHAT = re.compile(r"\s+(?:of|in)\s+((?:[\w'’-]+\s+){0,3}[\w'’-]+)")


# "…, but Angola and Taiwan took less": the goods of the clause before, taken in a changed amount
LESS_OR_MORE = re.compile(r"\s+(?:less|fewer|more)\s*(?:[,.;]|$)")
# "… also took noticeably more tea", "received less wheat": a change in goods taken, its figure left out
_MORE_AFTER = re.compile(r"\s+(?:[a-z]+ly\s+)?(?:more|less|fewer)\s+((?:[\w-]+\s+){0,2}[\w-]+)")


def known_goods_object(s: str, end: int) -> bool:
    """"Latvia mainly received mineral products": a weak verb whose object is goods the data knows."""
    m = _OBJECT_START.match(s, end)
    object_text = s[m.end():m.end() + 50] if m else ""
    found = find_commodities(object_text)
    # "… received mineral products and food preparations": a list that the data knows a member of
    return bool(found) and (found[0].start == 0 or _LISTED_BEFORE.fullmatch(object_text, 0, found[0].start) is not None)


_LISTED_BEFORE = re.compile(r"(?:[a-z][a-z-]*\s+){1,3}(?:and|or|&)\s+|(?:[a-z][a-z-]*\s+){0,2}[a-z][a-z-]*,\s+")


_OBJECT_START = re.compile(r"\s+(?:(?:also|" + MOSTLY + r")\s+)?(?:(?:fresh|frozen|chilled|raw|refined|"
                           r"processed|dried)\s+)?")


def more_goods_after(s: str, end: int) -> bool:
    m = _MORE_AFTER.match(s, end)
    return m is not None and bool(find_commodities(m.group(1)))


def _share_of_no_goods(s: str, end: int) -> bool:
    """A share of something named that holds no goods ("of the vote"); a share of nothing named may be of the
    story's trade ("kept the largest market share at 38%")."""
    m = _SHARE_OF_WHAT.match(s, end)
    return m is not None and not find_commodities(m.group(1))


_POST_AFTER = re.compile(r"\s+(?:director|manager|head|chief|executive|officer|team|department|division|"
                         r"representative|rep|agent)s?\b", re.I)
_POST_BEFORE = re.compile(r"\b(?:manager|director|head|chief|officer|vice\s+president|VP)\s+(?:of\s+)?$", re.I)
_LEVY_AFTER = re.compile(r"\s+(?:duty|duties|tariffs?|tax|taxes|levy|levies|ban|bans|quotas?|licen[cs]es?|permits?|"
                         r"restrictions?|curbs?|controls?|procedures?|regime|rules?|requirements?)\b", re.I)
# "India took most of the rest of the crop", "China took the bulk": a part of the trade told, without its figure
PORTION_AFTER = re.compile(r"\s+" + APPROX + r"(?:most|much|half|the\s+most|the\s+bulk|the\s+rest|the\s+remainder|"
                           r"the\s+balance|"
                           r"the\s+lion['’]s\s+share|(?:a|one)\s+(?:third|quarter|fifth)|two-thirds|three-quarters|"
                           # "with the Netherlands and France taking the largest volumes"
                           r"the\s+(?:largest|biggest|greatest|highest|largest\s+single)\s+(?:volumes?|shares?|"
                           r"quantit(?:y|ies)|amounts?|part))"
                           r"(?:\s+of\s+(?:it|them|(?:the|its|their)\s+(?:[\w'’-]+\s+){0,3}?[\w'’-]+)){0,2}"
                           # "took close to half of the Arabic gum Sudan sold abroad this year": whose goods they are
                           r"(?:\s+(?:that\s+|which\s+)?[A-Z][\w'’-]*\s+(?:sold|exported|shipped|sent)(?:\s+abroad)?)?"
                           # not "took the bulk of the grain: the Philippines 468,910 tonnes, …", a list's
                           r"(?=\s*[,.;]|\s+(?:in|last|this|during|while|and|from)\b)", re.I)
_CONSIGNMENT_AFTER = re.compile(r"\s+(?:(?:its|their|the|first|further|more|regular|some)\s+)?(?:[A-Za-z-]+\s+){0,2}"
                                r"(?:shipments|cargoes|consignments|deliveries|supplies)\b")


# Words after which "exports", "supplies" or "sales" is a verb: a subject, a pronoun, an adverb.
_VERB_AFTER = re.compile(r"(?:\b(?:it|they|which|that|who|he|she|we|also|still|now|currently|mainly|mostly|"
                         r"company|firm|country|nation|group|producer|cooperative|plant|factory|enterprise|"
                         r"[a-z]+ly)|\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)\s+$")


_INFINITIVE_BEFORE = re.compile(
    r"\b(?:is|are|was|were|be|been|plans?|planned|aims?|aimed|wants?|wanted|continues?|continued|able|began|begins?|"
    r"begun|started|starts?|agreed|agrees?|allowed|permitted|authori[sz]ed|licensed|going|used|expected|expects?|"
    r"set|due|ready|hopes?|hoped|intends?|intended|seeks?|sought|decided|managed|failed|cleared|approved|eligible|"
    r"resumed|resume)\s+to\s+$")
_RELATIVE_OPEN = re.compile(r"\b(?:that|which|who)\s[^.;]*$")
_AND_BEFORE = re.compile(r"(?<!exports)(?<!imports)(?<!export)(?<!import)(?<!trade)\s(?:and|but)\s+(?:also\s+)?$")
_NOUN_NEXT = re.compile(r"\s+(?:of|from|to|into|by|in|for|at|were|was|are|is|have|has|had|rose|fell|grew|increased|"
                        r"decreased|declined|dropped|jumped|climbed|slipped|reached|totall?ed|amounted|stood|came|"
                        r"went|remained|worth|valued|also|alone|too|together|combined|as|and|or|but|while|data|"
                        r"figures|bill|volumes?|values?|growth|rates?|prices?|tariffs?|duties|bans?|quotas?)\b", re.I)
# (… or an appositive: "Canada, one of Jamaica's main trading partners, supplies …")
_ASIDE_CLOSED = re.compile(r"\b[A-Z][\w'’.-]*\s*,\s+(?:which|who|one\s+of|the|a|an)\s[^,;]{1,60},\s+$")


def _cue(s: str, a: int, b: int, lex: Lexicon) -> Cue:
    """A cue with its frame kind; a form that is both verb and noun is read as a noun unless a subject,
    pronoun or adverb comes right before it ("Vietnam's exports", "coffee exports" vs "Kenya exports")."""
    form = cue_form(s[a:b])
    kind = lex.kind(form)
    noun = lex.noun_kind.get(form)
    if noun is not None:
        before = s[max(0, a - 40):a]
        m = _VERB_AFTER.search(before)
        form_before = gazetteer.country_forms().get(m.group(0).strip()) if m else None
        verb = m and not re.search(r"['’]s?\s+$", before) and not (form_before and form_before.form == "adjective") \
            and not re.search(r"\b(?:The|This|These|Its|Their|Total|Annual)\s+$", before)
        # "Kenya, which is not a member, imports maize": a subject's relative clause closed just before
        verb = verb or bool(_ASIDE_CLOSED.search(s, max(0, a - 100), a))
        verb = verb or bool(_INFINITIVE_BEFORE.search(before))  # "Zambia is to export", "was allowed to import"
        # "Pakistan exports rice to Tajikistan and imports cotton from it": a second verb of the subject, its
        # object after it (not "and imports of wheat", "and imports fell", "and imports from China"; nor after an
        # open relative clause, whose verb the "and" may join: "a swap that delivers gas to X, and imports …")
        verb = verb or bool(_AND_BEFORE.search(before) and re.match(r"\s+[a-z]", s[b:b + 2])
                            and not _NOUN_NEXT.match(s, b) and not _RELATIVE_OPEN.search(s, max(0, a - 120), a))
        # "above 75% of textile goods are export to Türkiye": a translation's passive without its ending
        if _COPULA_RIGHT_BEFORE.search(before) and _PLACE_PREPOSITION_AFTER.match(s, b) and form.endswith("port"):
            return Cue(a, b, form + "ed", kind)
        if not verb or a == 0:
            kind = noun
    elif form == "import" and _IMPORT_AS_NOUN_BEFORE.search(s, max(0, a - 12), a) and re.match(r"\s+(?:from|of)\s",
                                                                                            s[b:b + 6]):
        kind = "import_noun"  # "…, Import from Tajikistan to Uzbekistan - at the level of USD 138.8 million"
    return Cue(a, b, form, kind)


_COPULA_RIGHT_BEFORE = re.compile(r"\b(?:is|are|was|were)\s+$")
_PLACE_PREPOSITION_AFTER = re.compile(r"\s+(?:to|from|into)\s")
_IMPORT_AS_NOUN_BEFORE = re.compile(r"(?:^|[,;:(]\s*|\b(?:the|and|of|with|total)\s+)$", re.I)


# "Purchases from Australia were valued at ₹4,812 crore, while those from Canada totalled ₹3,270 crore":
# "those" stands for the trade noun before it
_ELLIPSIS = re.compile(r"\b(?:while|and|but|whereas)\s+(?P<it>those|that)\s+(?=(?:from|to|of|for)\s)", re.I)
_ELLIPTIC_KINDS = ("export_noun", "import_noun")


# "the movement of Pakistani kinnow to Uzbekistan, and of Uzbek cotton yarn to Pakistan": the noun left out
_AND_OF_LEFT_OUT = re.compile(r",?\s+(?P<it>and)\s+of\s+(?=(?:the\s+)?[A-Za-z])")


def _with_ellipses(s: str, cues: list[Cue]) -> list[Cue]:
    added = []
    for m in _ELLIPSIS.finditer(s):
        before = [c for c in cues if c.end <= m.start() and c.kind in _ELLIPTIC_KINDS]
        if before:
            added.append(Cue(m.start("it"), m.end("it"), before[-1].form, before[-1].kind))
    for m in _AND_OF_LEFT_OUT.finditer(s):
        before = [c for c in cues if c.end <= m.start() and c.kind in _ELLIPTIC_KINDS]
        # only after a noun whose goods its own "of" named, with a partner between ("… to Uzbekistan, and of …")
        if before and (before[-1].form.endswith(" of") or s.startswith(" of", before[-1].end)) \
                and re.search(r"\b(?:to|from|into)\s+(?:the\s+)?[A-Z]", s[before[-1].end:m.start()]) \
                and not any(before[-1].end <= c.start < m.start() for c in cues):
            added.append(Cue(m.start("it"), m.end("it"), before[-1].form, before[-1].kind))
    return sorted([*cues, *added], key=lambda c: c.start) if added else cues


# "To China went until August 41,2 thousand tons of the beef": the destination fronted, the motion verb after it
_INVERTED_MOTION = re.compile(r"(?:^|[,;:]\s+)\W*[Tt]o\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}\s+"
                              r"(?:(?:until|in|during|through|by|since)\s+(?:the\s+)?(?:[\w-]+\s+){1,3}?)?"
                              r"(?P<verb>went|go|goes|were\s+(?:shipped|sent|exported)|was\s+(?:shipped|sent|exported))\b")


def _with_inverted_motion(s: str, cues: list[Cue]) -> list[Cue]:
    added = [Cue(m.start("verb"), m.end("verb"), "went to", "motion") for m in _INVERTED_MOTION.finditer(s)
             if not any(c.start <= m.start("verb") < c.end for c in cues)]
    return sorted([*cues, *added], key=lambda c: c.start) if added else cues


def _in_name(s: str, cue: Cue) -> bool:
    """"National Cooperative Exports Ltd": a capitalised trade word between capitalised words is a name."""
    if not s[cue.start].isupper() or s[cue.start:cue.end].isupper():
        return False
    before = re.search(r"([A-Z][\w&'-]*)\s+$", s[max(0, cue.start - 40):cue.start])
    after = re.match(r"\s+([A-Z][\w&'.-]*)", s[cue.end:cue.end + 40])
    return bool(before and after and cue.start - len(before.group(0)) > 0)


def _agent_before_verb(s: str, cue: Cue, nxt: Cue | None) -> bool:
    """"importers took": the agent noun belongs to the next trade word's frame."""
    if cue.form not in _AGENTS or nxt is None:
        return False
    between = s[cue.end:nxt.start]
    return nxt.start - cue.end < 25 and " of " not in between and "," not in between and nxt.kind.endswith("verb")


# "Chile took the largest volume, with 118,200 tons": the figure after what was taken
_LARGEST_PART = re.compile(r"\s+the\s+(?:largest|biggest|greatest|highest|top|second-largest|most)\s+"
                           r"(?:volume|share|quantity|amount|part|portion|volumes)s?\s*,?\s+(?:with|at|of)\s+")


def _figure_follows(s: str, pos: int, amounts: list[Amount]) -> bool:
    """A figure right after the verb; or a share and then what it was worth ("took 78 per cent of the clip,
    worth A$2.1 billion")."""
    part = _LARGEST_PART.match(s, pos)
    pos = part.end() if part else pos
    if any(pos <= a.start and len(s[pos:a.start].split()) <= 3 for a in amounts if a.kind in ("quantity", "money")):
        return True
    whole = OF_THE_WHOLE.match(s)
    if whole and s[whole.end():whole.end() + 1].isdigit() \
            and any(a.kind == "number" and s[pos:a.start].isspace() for a in amounts):
        return True  # "Of the 158 cargoes …, France received 24": a share of the whole told first
    share = next((a for a in amounts if a.kind == "percent" and pos <= a.start and len(s[pos:a.start].split()) <= 2),
                 None)
    return share is not None and any(a.kind in ("quantity", "money") and _WORTH_BETWEEN.fullmatch(s, share.end, a.start)
                                     for a in amounts)


# ", which the ministry has targeted since May,": a relative aside, another event's words
RELATIVE_ASIDE = re.compile(r",\s+(?:which|who|whom|whose)\b[^,;]{1,120},")
# "Of the 158 cargoes that left US terminals, France received 24, …": a whole shared out after it
OF_THE_WHOLE = re.compile(r"\W*(?:Of|Out\s+of)\s+(?:the\s+|a\s+total\s+of\s+|its\s+|their\s+)?(?:total\s+)?", re.I)
_WORTH_BETWEEN = re.compile(r"[^.;]{0,40}?,?\s+(?:worth|valued\s+at)\s+")

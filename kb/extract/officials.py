"""Find named officials with their title, agency and country.

A person is only taken with a post next to the name, which keeps places and
products out: a title before it ("ZRA Commissioner Ana Silva", "chief of the
Zambia Revenue Authority Ana Silva", "the Minister of Trade, Mr Omar Diallo"),
a title after it ("Omar Diallo, head of Senegal's customs service", "X, who
heads the Y"), or an organisation it heads ("the Y, headed by X").
Honorifics are dropped; later mentions by surname are the same person.

The country is settled once every person of the article is known, strongest
tie first: the agency, a country bound to the title ("Kenya's", "Indian", "of
Chile", "his Gambian counterpart"), the country the other people of the
sentence leave over, then the sentence and the article's own country.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kb.extract import gazetteer
from kb.extract.agencies import article_country, article_words, sentence_actors
from kb.extract.context import ArticleContext, Sentence, mentions_of
from kb.extract.countries import find_countries, is_destination, main_countries
from kb.extract.speech import SAID
from kb.facts import Agency, Official

# Latin letters beyond ASCII ("Ömer", "Ramírez", "Wałęsa"), by case.
_UPPER = "A-Z" + "".join(ch for ch in map(chr, range(0xC0, 0x250)) if ch.isupper())
_LOWER = "a-z" + "".join(ch for ch in map(chr, range(0xC0, 0x250)) if ch.islower())
# A capitalised name word: "Min-soo", "McClay", "MacDonald", "O'Connor", "N'Diaye", "al-Rashid".
_TOK = (rf"(?:[ae]l-)?(?:(?:Ma?c|[{_UPPER}]['’])(?=[{_UPPER}]))?[{_UPPER}][{_LOWER}'’]+"
        rf"(?:-[A-Za-z{_UPPER}][{_LOWER}]+)*")
_OWNER = r"[A-Z][\w.-]*(?:\s[A-Z][\w.-]*)?['’]s"
# "foreign ministers A, B and C", "the ministers, Brazil's A, Chile's B and ...": a listed name.
_LISTED_NAME = rf"(?:{_OWNER}\s+)?[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|bin|al|van|von|de|da|del|dos))*"
_PLACE_NAME = r"(?:the\s+)?[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*)?"
_INIT = r"[A-Z]\."
_INITIAL = re.compile(r"[A-Z]\.")
_TRAILING_NOISE = re.compile(r"(?:\s*\([^)]*\)|\s*,|\s+)+$")
# "… of the Ghana Cocoa Board on Monday", "… with immediate effect": when, not which post
_TRAILING_WHEN = re.compile(r"\s+(?:on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|\d)|"
                            r"(?:last|this|next)\s+(?:week|month|year|Monday|Tuesday|Wednesday|Thursday|Friday)|"
                            r"yesterday|today|with\s+immediate\s+effect|effective\s|by\s+(?:a\s+)?(?:presidential\s+)?"
                            r"decree|in\s+(?:19|20)\d\d\b).*$", re.I)
_POSSESSIVE_END = re.compile(r"['’]s$")


@cache
def _cfg() -> dict:
    t = gazetteer.titles()
    heads = sorted(t.get("heads", []) + t.get("counterpart", []), key=len, reverse=True)
    mods = sorted(t.get("modifiers", []), key=len, reverse=True)
    head = "|".join(re.escape(h) for h in heads)
    mod = "|".join(re.escape(m) for m in mods)
    core = rf"(?:(?:{mod})[\s-]+)*(?:{head})"
    # A complement word: capitalised, a connector, or a lower-case portfolio word ("minister of
    # livestock and fishery development, X").
    portfolio = "|".join(re.escape(w.lower()) for w in sorted(t.get("portfolio_words", []), key=len, reverse=True))
    # … a qualifier in brackets inside a post's complement too: "Commissioner of Customs (Preventive), Shillong Zone,"
    # (not an abbreviation: "… Authority (ZATCA), Eng. X, and" closes the post)
    qualifier = r"\([A-Z][a-z]+(?:\s+[a-z]+){0,2}\)"
    word = rf"(?:[A-Z][\w.’'&-]*|of|and|&|the|for|in|with|charge|on|to|at|,|{qualifier}|(?:{portfolio})(?![\w-]))"
    honor = "|".join(re.escape(h) for h in sorted(t.get("honorifics", []), key=len, reverse=True))
    particles = "|".join(re.escape(p) for p in t.get("name_particles", []))
    return {
        # Runs of capitalised words, maybe with an initial or lower-case particles ("van", "da") inside.
        "name_run": re.compile(rf"(?:(?<![\w.]){_INIT}\s+)?(?<![\w.'’-])(?:{_TOK})"
                               rf"(?:(?:\s+(?:{particles}))*\s+(?:{_INIT}|{_TOK}))*"),
        "particles": frozenset(t.get("name_particles", [])),
        "core": re.compile(rf"(?i:(?<![\w-]){core})(?![\w-])"),
        # "Additional Collector Customs X": a South Asian post named with its service, no "of"
        "before": re.compile(rf"(?P<title>(?i:(?<![\w]){core})(?:\s+(?:Customs|Revenue|Appraisement|Preventive))?"
                             rf"(?:\s+(?:of|for|at|in|to)\s+{word}(?:\s*{word})*)?)"
                             rf"(?:\s*\([^)]*\))?\s*,?\s*(?:(?:{honor})\s*)*$"),
        # … "Information Officer at the customs office, X, said": a post at a body named in common nouns
        "before_apposed": re.compile(rf"(?P<title>(?i:(?<![\w]){core})\s+(?:of|for|at)\s+(?:the\s+)?[a-z][\w-]*"
                                     rf"(?:\s+(?:and\s+)?[a-z][\w-]*){{0,6}})\s*,\s*$"),
        # "head of economic studies Leidy Carrasco": a lower-case complement, the name right after it
        "before_lower": re.compile(rf"(?P<title>(?<![\w])(?:{core})\s+(?:of|for)\s+[a-z][\w-]*"
                                   rf"(?:\s+(?:and\s+)?[a-z][\w-]*){{0,3}})\s+$"),
        # "presidents A and B", "the foreign ministers A, B and C": a plural post before a list.
        # … "the foreign ministers of the four members: A of Brazil, B of Argentina and C of Paraguay"
        # … "three Assistant Comptrollers-General of Customs (ACGs), A, B and C": a plural inside the post, the
        # service and its abbreviation after it
        "plural": re.compile(rf"(?P<title>(?i:(?<![\w-]){core}))s(?P<general>[\s-]General)?"
                             rf"(?:\s+of\s+[^:;.]{{1,60}}:|\s+of\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){{0,3}})?"
                             rf"(?:\s*\([A-Z][\w.&-]{{1,10}}\))?,?\s+"
                             rf"(?:{_LISTED_NAME}(?:\s+of\s+{_PLACE_NAME})?\s*(?:,\s*(?:and\s+)?|\s+and\s+))*"
                             rf"(?:{_OWNER}\s+)?$"),
        "after": re.compile(rf"^(?:\s*\([^)]*\))?(?:\s*,\s*(?:(?P<who>who\s+(?:heads|leads|chairs|runs)\s+)|"
                            rf"(?:an?\s+|the\s+)?(?:(?:bloc|group|union|body|council|commission|organi[sz]ation|"
                            rf"association|country|kingdom|company|firm)['’]s\s+)?"  # "the bloc's chief negotiator"
                            rf"(?P<owner>(?:[A-Z][\w.&\-]*\s+){{1,4}}?|[A-Z][\w.&\- ]*?['’]s\s+"
                            rf"(?:[a-z][a-z-]+\s+(?=(?i:{core})))??)?"  # "MSC's reefer manager"
                            rf"(?=(?i:{core})))"
                            # "X has been appointed Chairman of the State Customs Service": the post given
                            rf"|\s+(?:has\s+been|have\s+been|had\s+been|was|were|is)\s+(?:(?:officially|formally|"
                            rf"recently)\s+)?(?:appointed|named|elected|designated|confirmed|sworn\s+in)\s+"
                            rf"(?:as\s+)?(?:the\s+)?(?:new\s+)?(?=(?i:{core}))"
                            # "has appointed Mohammed Kabir as Comptroller-General of the Customs Service"
                            rf"|\s+as\s+(?:the\s+|its\s+)?(?:new\s+)?(?=(?i:{core})))"),
        "after_title": re.compile(rf"(?i:{core})(?:\s+(?:of|for|at|in|to)\s+[^,;()]*)?"),
        # an honorific is a word of its own: "Dr Dragan X" loses "Dr", "Dragan X" keeps its "Dr"
        "honor": re.compile(rf"^(?:(?:{honor})(?:\s+|(?<=\.)\s*))+"),
        "honorifics": tuple(sorted(t.get("honorifics", []), key=len, reverse=True)),
        "headed_by": re.compile(rf"(?:\s*\([^()]*\))?\s*,?\s*(?:which\s+is\s+|that\s+is\s+)?"
                                rf"(?P<verb>headed|led|chaired|run)\s+by\s+(?:(?:{honor})\s*)*$"),
        "stops": _stop_words(t),
        "name_honorifics": frozenset(t.get("honorifics_in_names", [])),
        "counterpart": frozenset(t.get("counterpart", [])),
        # A sentence without one of these words names nobody with a post (a fast first look).
        "cues": frozenset(w for h in (*heads, *_HEAD_VERBS) for first in [re.split(r"[\s-]+", h.lower())[0]]
                          for w in (first, first + "s")),
    }


_HEAD_VERBS = ("headed", "led", "chaired", "run", "heads", "leads", "chairs", "runs")


def _stop_words(t: dict) -> frozenset[str]:
    """Capitalised words that end a name: not-names, title words ("Chairperson"), portfolio words."""
    words = set(t.get("not_names", [])) | set(t.get("portfolio_words", [])) | set(t.get("group_nouns", []))
    for phrase in (*t.get("heads", []), *t.get("modifiers", [])):
        for w in re.split(r"[\s-]+", phrase):
            if len(w) > 2 and w.isalpha():
                words.add(w[0].upper() + w[1:])
    words |= {h for h in t.get("honorifics", []) if " " not in h and "." not in h and len(h) > 2}
    # the heads of bodies' names ("National Meat Institute"): no person is called so
    words |= {h for h in (gazetteer.load("agency_patterns") or {}).get("heads", []) if len(h) > 3}
    return frozenset(words)


@dataclass
class _Person:
    name: str
    title: str | None
    agency: str | None
    country: str | None  # a country the text binds to the person; settled later when None
    span: tuple[int, int]
    title_span: tuple[int, int]
    sentence: Sentence
    international: bool = False
    strength: int = 0  # how strongly the country is tied to the person (_BOUND … _ARTICLE)


# ---------------------------------------------------------------- names

def _names(sent: Sentence) -> list[tuple[int, int, str]]:
    """Candidate person names in a sentence: runs of 2+ capitalised words, none a stop word."""
    cfg = _cfg()
    out = []
    text = _surnames_title_cased(sent.text)
    for m in cfg["name_run"].finditer(text):
        parts = [(p.start() + m.start(), p.group()) for p in re.finditer(r"\S+", m.group())]
        segment: list[tuple[int, str]] = []
        opener: tuple[int, str] | None = None  # the stop word before the segment
        for pos, word in [*parts, (-1, "")]:
            if not _stop(word, cfg) or (len(segment) == 1 and _country_surname(text, pos, word, cfg)):
                segment.append((pos, word))
                continue
            if len(segment) == 1 and opener and opener[1] in cfg["name_honorifics"]:
                segment.insert(0, opener)  # "Prime Minister Sheikh Hasina": the honorific is part of it
            found = _segment_name(segment, cfg["particles"])
            if found:
                s, e = found
                out.append((sent.start + s, sent.start + e, text[s:e]))
            segment, opener = [], (pos, word)
    return out


# "Lucía Montenegro, general manager of …", "Ahmad Jordan said": a country's name as a surname, after a given
# name and before a lower-case post or a verb of saying
_AFTER_SURNAME = re.compile(r",\s+(?:the\s+)?[a-z]|\s+(?:said|says|told|added|noted)\b")


def _country_surname(text: str, pos: int, word: str, cfg: dict) -> bool:
    form = gazetteer.country_forms().get(word)
    return form is not None and form.form == "name" and word not in cfg["stops"] \
        and bool(_AFTER_SURNAME.match(text, pos + len(word)))


# "Mr. Youssef EL IDRISSI", "Ms Leila BEN SALEM, Director General": the surname in capitals, as official releases
# in the French manner write it — given names in title case, then one to three words in capitals.
_CAPITALS_SURNAME = re.compile(rf"(?<![\w.'’-])(?P<given>(?:{_TOK}\s+){{1,3}})"
                               rf"(?P<surname>[{_UPPER}]{{2,}}(?:['’-][{_UPPER}]{{2,}})*"
                               rf"(?:\s+[{_UPPER}]{{2,}}(?:['’-][{_UPPER}]{{2,}})*){{0,2}})(?![\w'’-])")


def _surnames_title_cased(text: str) -> str:
    """The text with surnames written in capitals title-cased, letter for letter (offsets stay): "EL IDRISSI" →
    "El Idrissi". Not an abbreviation after a body's name ("Customs Administration ADII"): the word before it must
    be no stop word, and a surname of one short word ("MP") stays."""
    cfg = _cfg()
    if not re.search(rf"[{_UPPER}]{{2}}", text):
        return text

    def fold(m: re.Match[str]) -> str:
        surname = m["surname"]
        if _stop(m["given"].split()[-1], cfg) or (" " not in surname and len(surname) < 3) \
                or any(w in cfg["stops"] for w in surname.title().split()):
            return m.group()
        return m["given"] + re.sub(rf"[{_UPPER}]+", lambda w: w.group().capitalize(), surname)

    return _CAPITALS_SURNAME.sub(fold, text)


def _segment_name(segment: list[tuple[int, str]], particles: frozenset[str]) -> tuple[int, int] | None:
    """The span of a name made of the words of a segment, without particles at its ends."""
    if len(segment) == 2 and segment[0][1] in _cfg()["name_honorifics"]:
        return segment[0][0], segment[1][0] + len(segment[1][1])
    while segment and segment[-1][1] in particles:
        segment.pop()
    while segment and segment[0][1] in particles:
        segment.pop(0)
    if len([w for _, w in segment if not w.endswith(".") and w not in particles]) < 2:
        return None
    return segment[0][0], segment[-1][0] + len(segment[-1][1])


# Endings of abstract nouns, which name a unit's field ("Risk Management", "Legislation") and no person.
_ABSTRACT_NOUN = re.compile(r"[a-z]{3}(?:tion|sion|ment|ness|ship)s?$")
_NAMES_LIKE_NOUNS = frozenset(("Clement", "Vincent"))


def _stop(word: str, cfg: dict) -> bool:
    """A word that ends a name: a title, portfolio or other not-name word, a country.

    An initial ("A.") and a capital city ("Santiago", "Victoria") may be part of a name.
    """
    if not word:
        return True
    if _INITIAL.fullmatch(word):
        return False
    stops = cfg["stops"]
    if word in stops or word.rstrip(".") in stops:
        return True
    forms = gazetteer.country_forms()
    form = forms.get(_POSSESSIVE_END.sub("", word))
    if form is not None and form.form != "capital":
        return True
    if _ABSTRACT_NOUN.search(word) and word not in _NAMES_LIKE_NOUNS:
        return True  # "Customer Management Division", "Legislation": a body's words, not a person's
    parts = word.split("-")
    return len(parts) > 1 and all(p.title() in stops for p in parts)


def _is_place(ctx: ArticleContext, sent: Sentence, start: int, end: int) -> bool:
    """"Sri Lanka", "Costa Rica": a country, not a person (a capital may be a first name)."""
    for c in ctx.countries_in(sent.start, sent.end):
        surname = start < c.start and c.end == end and c.form == "name" \
            and _country_surname(ctx.text, c.start, ctx.text[c.start:c.end], _cfg())  # "Lucía Montenegro, …"
        if c.start < end and start < c.end and (c.form != "capital" or (c.start <= start and end <= c.end)) \
                and not surname:
            return True
    return False


# ---------------------------------------------------------------- mentions around a name

def _agency_in(ctx: ArticleContext, start: int, end: int) -> str | None:
    for m in mentions_of(ctx).agencies:
        if start <= m.start and m.end <= end:
            return m.name
    return None


def _inside_an_agency(ctx: ArticleContext, start: int, end: int, name: str) -> bool:
    """"director of PT Maluku Prima Tuna", "the Animal and Plant Quarantine Center": words of an agency's name are
    no person's; but a name that ends a mention may be a person the mention ran over ("Ministry of Finance Dwight
    Carrington-Holder")."""
    return any(m.start <= start and end <= m.end and (m.start, m.end) != (start, end) and name in m.name
               and (end < m.end or _COMPANY_PREFIX.match(m.name)) for m in mentions_of(ctx).agencies)


# "PT Maluku Prima Tuna", "CV Sinar Jaya": a company's legal form before its name
_COMPANY_PREFIX = re.compile(r"(?:PT\.?|CV|UD)\s")


def _agency_before(ctx: ArticleContext, start: int) -> str | None:
    """An agency named right before a title ("ZRA Commissioner", "CBH's chief executive")."""
    for m in mentions_of(ctx).agencies:
        if 0 <= start - m.end <= 10 and _GLUE.fullmatch(ctx.text, m.end, start):
            return m.name
        modifier = _MODIFIER_GLUE.fullmatch(ctx.text, m.end, start) if 0 <= start - m.end <= 22 else None
        if modifier and modifier.group(1) not in _NOT_MODIFIERS:  # "Elders wool manager Tim Rowe"
            return m.name
    return None


_GLUE = re.compile(r"(?:\s*\([^()]*\))?(?:['’]s)?[ \t-]*")
_MODIFIER_GLUE = re.compile(r"(?:['’]s)?[ \t]+([a-z][a-z-]{2,})[ \t]+")
_NOT_MODIFIERS = frozenset(("and", "or", "the", "of", "said", "says", "told", "with", "for", "to", "as", "by", "in",
                            "on", "at", "his", "her", "its", "their", "whose", "where", "while", "when", "after",
                            "before", "from", "into", "that", "which", "who", "was", "is", "has", "had", "will"))


def _agency_at(ctx: ArticleContext, start: int, end: int) -> str | None:
    """The agency a span names whole (give or take a possessive), or an agency of the article the span writes by
    one of its names ("Vinacas vice chairwoman" after "the Viet Nam Cashew Association (Vinacas)")."""
    for m in mentions_of(ctx).agencies:
        if m.start == start and 0 <= end - m.end <= 2:
            return m.name
    written = _POSSESSIVE_END.sub("", ctx.text[start:end].strip())
    if not written:
        return None
    for m in mentions_of(ctx).agencies:
        short = _BRACKETED_SHORT.match(ctx.text, m.end)
        if m.end <= start and (m.name == written or (short is not None and short.group(1) == written)):
            return m.name
    return None


_BRACKETED_SHORT = re.compile(r"\s*\(([A-Z][\w&.-]{1,14})\)")


def _country_in(ctx: ArticleContext, start: int, end: int) -> str | None:
    for c in ctx.countries_in(start, end):
        if c.form != "bloc" and not is_destination(ctx.text, c) and not re.search(
                r"\bin\s+$", ctx.text[max(0, c.start - 4):c.start]):
            return c.code
    return None


def _country_right_before(ctx: ArticleContext, sent: Sentence, start: int) -> tuple[str, int] | None:
    """A country named right before a title ("Chinese Premier", "Kenya's trade minister")."""
    before = [c for c in ctx.countries_in(sent.start, start) if start - c.end <= 3 and c.form != "bloc"
              and re.fullmatch(r"(?:['’]s)?\s*", ctx.text[c.end:start])]
    return (before[-1].code, before[-1].start) if before else None


_COUNTERPART = re.compile(r"\b(?:his|her|their|its)\s+(?P<who>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)\s+"
                          r"(?:counterpart|opposite\s+number)\s*,?\s*$")


def _counterpart_country(ctx: ArticleContext, sent: Sentence, t_start: int) -> str | None:
    """"his Gambian counterpart, Foreign Minister X": the adjective gives X's country."""
    lo = max(sent.start, t_start - 60)
    if ctx.text.find("counterpart", lo, t_start) < 0 and ctx.text.find("opposite", lo, t_start) < 0:
        return None
    m = _COUNTERPART.search(ctx.text, lo, t_start)
    if m is None:
        return None
    found = find_countries(m.group("who"))
    return found[0].code if found and found[0].form != "bloc" else None


def _by_title(title: str, country: str | None, agencies: list[Agency]) -> str | None:
    """"minister of agriculture" → the file's Ministry of Agriculture; a customs title → its customs."""
    low = title.lower()
    portfolio = re.search(r"minister\s+(?:of|for)\s+([a-z ]+?)(?:\s+and\b|$)", low) or re.search(
        r"^(?:deputy\s+|vice\s+)?([a-z][a-z ]*?)\s+minister$", low)
    for a in agencies:
        if country and a.country and a.country != country:
            continue
        if portfolio and a.kind == "ministry" and portfolio.group(1).strip() in a.name.lower():
            return a.name
        if a.kind == "customs" and country and a.country == country and re.search(r"\b(?:customs|comptroller)\b", low):
            return a.name  # "Customs Commissioner", "Comptroller-General" of the country's customs
        if country and a.country == country and _STATISTICIAN.search(low) and "statistic" in a.name.lower():
            return a.name  # "Statistician General" of the country's statistics office
    return None


_STATISTICIAN = re.compile(r"\bstatistician\b")


# ---------------------------------------------------------------- the stage

def _sentences_with_posts(ctx: ArticleContext) -> list[Sentence]:
    """The sentences that hold a title word or a verb of heading: only they can name an official."""
    cues = _cfg()["cues"]
    words = {w.lower() for w in article_words(ctx)}
    present = set(cues & words)
    present.update(part for w in words if "-" in w for part in w.split("-") if part in cues)
    low = ctx.text.lower() if present else ""
    starts: list[int] = []
    for cue in present:
        pos = low.find(cue)
        while pos >= 0:
            starts.append(pos)
            pos = low.find(cue, pos + len(cue))
    starts.sort()
    out, i = [], 0
    for sent in ctx.sentences:
        while i < len(starts) and starts[i] < sent.start:
            i += 1
        if i < len(starts) and starts[i] < sent.end:
            out.append(sent)
    return out


# ", Chairman of the Customs Authority, Mr. " between two names: the first's post, set off by commas
_APPOSED_BETWEEN = re.compile(r",\s+[A-Z][^,;:]{3,120}?,\s+(?:and\s+)?(?:(?:Mr|Mrs|Ms|Dr|H\.E)\.?\s+)?")


def extract_officials(ctx: ArticleContext) -> list[Official]:
    people: list[_Person] = []
    for sent in _sentences_with_posts(ctx):
        previous_end = None
        for start, end, name in _names(sent):
            if _is_place(ctx, sent, start, end) or _inside_an_agency(ctx, start, end, name):
                continue
            apposed = previous_end is not None and _APPOSED_BETWEEN.fullmatch(ctx.text, previous_end, start)
            previous_end = end
            # "Mr. A, Chairman of X, Mr. B, Director General of Y": a post between two names is the first's
            # apposition when the second has one of its own after it
            person = (apposed and _with_title_after(ctx, sent, start, end, name)) \
                or _with_title_before(ctx, sent, start, end, name) \
                or _with_title_after(ctx, sent, start, end, name) \
                or _with_head_of(ctx, sent, start, end, name) \
                or _with_plural_title(ctx, sent, start, end, name)
            if person:
                people.append(person)
    people += _signers_for_countries(ctx, people)
    _take_counterpart_titles(ctx, people)
    _take_team_agency(ctx, people)
    _take_listed_officials(ctx, people)
    _settle_countries(ctx, people)
    for p in people:
        if p.agency is None and p.country is not None and p.title:  # the post's body, now that whose it is is known
            p.agency = _by_title(p.title, p.country, ctx.agencies)
        if p.agency is None and p.country is not None and p.title and _HEAD_TITLE.search(p.title) \
                and p.title not in _HEADS_OF_STATE:  # "President X has appointed Y as head of the Customs Service"
            p.agency = _nearby_body(ctx, p.sentence, p.country)
    _take_ministers_staff(ctx, people)
    for p in people:
        at = _AT_THE_BODY.search(p.title or "") if p.agency else None
        if at is not None:  # "information officer at the customs office": the post, its body named by the agency
            p.title = p.title[:at.start()]  # type: ignore[index]
    merged = _merge(people)
    _record_mentions(ctx, people, merged)
    return [Official(name=p.name, title=p.title, agency=p.agency, country=p.country,
                     evidence=[ctx.evidence_for(p.sentence)]) for p in merged]


_AT_THE_BODY = re.compile(r"\s+at\s+the\s+[a-z][a-z -]+$")
# A ministry's civil-service posts, named without their ministry ("Minister X and Permanent Secretary Y")
_MINISTRY_STAFF = re.compile(r"(?:deputy\s+)?(?:permanent|principal)\s+secretary|deputy\s+minister|state\s+secretary|"
                             r"secretary\s+of\s+state|vice[\s-]minister|chief\s+of\s+staff", re.I)
_JOINED_TO_THE_LAST = re.compile(r"\s*,?\s+and\s+(?:the\s+|his\s+|her\s+)?|\s*,\s+")


def _take_ministers_staff(ctx: ArticleContext, people: list[_Person]) -> None:
    """"… in the presence of Minister for Industry and Trade X and Permanent Secretary Y": a ministry's post named
    right after its minister, without a ministry of its own, is of the minister's ministry and country."""
    for i, p in enumerate(people):
        if p.agency is not None or not p.title or not _MINISTRY_STAFF.fullmatch(p.title.strip()):
            continue
        before = [q for q in people[:i] if q.sentence is p.sentence and q.span[1] <= p.title_span[0]]
        q = before[-1] if before else None
        if q is not None and q.agency and q.agency.startswith("Ministry") \
                and _JOINED_TO_THE_LAST.fullmatch(ctx.text, q.span[1], p.title_span[0]):
            p.agency, p.country = q.agency, q.country or p.country
# "X signed for Haiti and Y for the Dominican Republic", "X signed on behalf of Kenya": who signs for a country
_SIGNED_FOR = re.compile(r"\s+(?:signed\s+(?:[\w-]+\s+){0,4}?)?(?:for|on\s+behalf\s+of)\s+(?:the\s+)?")


_SIGNING_FOR_SOMEONE = re.compile(r"\bsigned\b.*\bfor\s+(?:the\s+)?[A-Z]|\bon\s+behalf\s+of\b")


def _signers_for_countries(ctx: ArticleContext, people: list[_Person]) -> list[_Person]:
    """People the text has sign for a country without a post: officials of that country (their post, when told
    elsewhere, joins them when the mentions merge)."""
    known = {(p.sentence.start, p.span[0]) for p in people}
    out: list[_Person] = []
    for sent in ctx.sentences:
        if not _SIGNING_FOR_SOMEONE.search(sent.text):
            continue
        for start, end, name in _names(sent):
            if (sent.start, start) in known or len(name.split()) < 2:
                continue
            m = _SIGNED_FOR.match(ctx.text, end, sent.end)
            if m is None or ("signed" not in m.group() and " signed " not in ctx.text[sent.start:start]):
                continue  # "… and Y for the Dominican Republic" only after a signing told before it
            country = next((c for c in ctx.countries if c.start == m.end() and c.form in ("name", "capital")), None)
            if country is None:
                continue
            out.append(_Person(name, None, None, country.code, (start, end), (start, end), sent))
    return out


# "The DGA team included …", "The Kenyan delegation comprised …": the body or country whose people are listed
_TEAM = re.compile(r"\W*(?:(?:The|the|Its|its)\s+)?(?P<owner>[A-Z][\w.&'’ -]{1,60}?)(?:['’]s)?\s+"
                   r"(?:team|delegation|side|"
                   r"negotiating\s+team)\s+(?:included|includes|comprised|comprises|consisted\s+of|"
                   r"was\s+made\s+up\s+of|was\s+led\s+by|also\s+included)\b")  # also "Haiti's side comprised:"


# "… and senior RRA officials, including Clarisse Uwase, Deputy Commissioner, and Emmanuel Habimana, Director of
# Research": the people listed after a body's officials are its own, whatever body the sentence named before
_OFFICIALS_OF = re.compile(r"\b(?:(?:senior|other|top|two|three|several)\s+)?"
                           r"(?P<owner>[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,4})"
                           r"(?:['’]s)?\s+(?:officials|officers|staff|executives|representatives)\s*,?\s+"
                           r"(?:including|among\s+them|such\s+as|namely)\s+")


def _take_listed_officials(ctx: ArticleContext, people: list[_Person]) -> None:
    """People listed after "<Body> officials, including" are that body's."""
    for p in people:
        text, base = p.sentence.text, p.sentence.start
        m = next((m for m in _OFFICIALS_OF.finditer(text) if base + m.end() <= p.span[0]), None)
        if m is None or _SENTENCE_BREAK.search(text, m.end(), p.span[0] - base):
            continue
        lo, hi = base + m.start("owner"), base + m.end("owner")
        agency = _agency_in(ctx, lo, hi) or _agency_at(ctx, lo, hi)
        if agency is None:
            continue
        p.agency = agency
        p.country = next((a.country for a in ctx.agencies if a.name == agency), None) or p.country


_SENTENCE_BREAK = re.compile(r";|\s[–—]\s|\b(?:while|whereas)\b")


def _take_team_agency(ctx: ArticleContext, people: list[_Person]) -> None:
    """People listed as a body's (or a country's) team take its agency and country where theirs are not told."""
    for p in people:
        m = _TEAM.match(p.sentence.text)
        if m is None or p.span[0] < p.sentence.start + m.end():
            continue
        lo, hi = p.sentence.start + m.start("owner"), p.sentence.start + m.end("owner")
        agency = _agency_in(ctx, lo, hi) or _agency_at(ctx, lo, hi)
        if agency is not None and p.agency is None:
            p.agency = agency
            own = next((a.country for a in ctx.agencies if a.name == agency), None)
            if p.country is None and own:
                p.country = own
        elif agency is None and p.country is None:
            p.country = next((c.code for c in ctx.countries_in(lo, hi) if c.form != "bloc"), None)


_HEADS_OF_STATE = frozenset(("president", "vice president", "vice-president", "prime minister", "premier", "king",
                             "queen", "emir", "sultan", "crown prince"))


def _take_counterpart_titles(ctx: ArticleContext, people: list[_Person]) -> None:
    """"his Ugandan counterpart John Okello": the other official's title (and kind of agency)."""
    counterpart = _cfg()["counterpart"]
    kinds = {a.name: a.kind for a in ctx.agencies}
    for p in people:
        if not (p.title and p.title.split()[-1] in counterpart):
            continue
        other = next((q for q in people if q.sentence == p.sentence and q is not p and q.title
                      and q.title.split()[-1] not in counterpart), None)
        p.title = other.title if other else None
        if other and other.agency and p.agency is None and p.country and p.country != other.country:
            p.agency = next((a.name for a in ctx.agencies if a.country == p.country
                             and a.kind == kinds.get(other.agency)), None)


def _merge(people: list[_Person]) -> list[_Person]:
    merged: list[_Person] = []
    for p in people:
        same = next((q for q in merged if _same_person(q.name, p.name)), None)
        if same is None:
            merged.append(_Person(**p.__dict__))
            continue
        if same.agency is None and p.agency is not None:
            same.title, same.agency = p.title or same.title, p.agency  # the post at a named agency
        same.title = same.title or p.title
        if p.strength > same.strength:
            same.country, same.strength = p.country, p.strength
    return merged


def _record_mentions(ctx: ArticleContext, people: list[_Person], merged: list[_Person]) -> None:
    mentions = mentions_of(ctx)
    for p in people:
        mentions.titles.append((*p.title_span, p.name))
    for p in merged:
        for variant in {p.name, p.name.split()[-1]}:
            for start in _occurrences(ctx.text, variant):
                mentions.officials.append((start, start + len(variant), p.name))
    for p in people:  # every full-name variant points at the merged record
        keep = next(q for q in merged if _same_person(q.name, p.name))
        mentions.officials.append((*p.span, keep.name))
    mentions.officials.sort()


_NAME_CHAR = re.compile(r"[\w-]")


def _occurrences(text: str, word: str) -> list[int]:
    """Starts of `word` in `text` as a whole word (a hyphen joins words: "Min-soo")."""
    out: list[int] = []
    pos = text.find(word)
    while pos >= 0:
        end = pos + len(word)
        if not (pos and _NAME_CHAR.match(text, pos - 1)) and not _NAME_CHAR.match(text, end):
            out.append(pos)
            pos = text.find(word, end)
        else:
            pos = text.find(word, pos + 1)
    return out


def _same_person(a: str, b: str) -> bool:
    ta, tb = set(a.replace(".", "").split()), set(b.replace(".", "").split())
    return ta <= tb or tb <= ta


# ---------------------------------------------------------------- a title before the name

def _with_title_before(ctx: ArticleContext, sent: Sentence, start: int, end: int, name: str) -> _Person | None:
    lo = max(sent.start, start - _TITLE_REACH)  # a title and its complement fit in this much text
    left = ctx.text[lo:start]
    m = _title_before(left)
    if not m:
        return None
    t_start = lo + m.start("title")
    title = m.group("title")
    agency, country, prefix_start = _prefix(ctx, sent, left, m.start("title"), t_start, t_start + len(title))
    if agency is None and country is None:
        agency, country = _of_after_name(ctx, end)
    title = _without_agency(ctx, t_start, _without_honorific_end(title))
    named = _NAMED_AS.match(ctx.text, end, sent.end) if _APPOINTING.search(left) else None
    if named and _cfg()["core"].match(named.group("title")):
        # "named finance director Grace Chepkoech as acting chief executive": the post she is given
        title = named.group("title")
    return _person(ctx, sent, start, end, name, title, agency, country, (prefix_start, end))


_APPOINTING = re.compile(r"(?i)\b(?:named|appointed|designated|elected|promoted|made)\s+(?:the\s+|its\s+)?[\w\s-]*$")
_NAMED_AS = re.compile(r",?\s+as\s+(?:the\s+|its\s+)?(?:new\s+)?(?P<title>(?:acting\s+|interim\s+)?[a-z][\w -]{2,40}?)"
                       r"(?=[,.;]|\s+(?:of|at|with|on|in|pending|from|after|until)\b)")
_TITLE_REACH = 200


def _without_honorific_end(title: str) -> str:
    """"Minister of Trade, Mr" → "Minister of Trade": honorifics at the end of a title's text."""
    honorifics = _cfg()["honorifics"]
    while True:
        rest = title.rstrip(" ,")
        h = next((h for h in honorifics if rest.endswith(h)
                  and (len(rest) == len(h) or not rest[-len(h) - 1].isalnum())), None)
        if h is None:
            return title.rstrip()
        title = rest[:-len(h)]


def _title_before(left: str) -> re.Match[str] | None:
    """The title that ends right before a name; in "Minister of Trade A B and Chinese Minister of
    Commerce C D", or "the Minister, Mr A B, and the Director of X, Mr C D", the last one."""
    before = _cfg()["before"]
    m = before.search(left)
    if not m:
        # "the director general for international trade negotiations, X,": a set-off title of any words
        return _cfg()["before_apposed"].search(left) or _cfg()["before_lower"].search(left)
    for conj in reversed(list(_AND.finditer(left, m.start("title"), m.end("title")))):
        later = before.search(left, conj.end())
        if later and _only_countries(left[conj.end():later.start("title")]):
            return later
    title = _without_honorific_end(m.group("title"))
    # "X, Commissioner of Customs, and Mr Y": a title closed by "and" is the person's before.
    return None if _holds_a_person(title) or _CLOSED_BY_AND.search(title) else m


# "X, Commissioner of Customs, and": closed by "and"; "… of Customs and of A and": coordinated, the post before
_CLOSED_BY_AND = re.compile(r",\s*and$|\s+and\s+of(?:\s|$)")


_PERSON_INSIDE = re.compile(r",\s+(?:(?:Mr|Ms|Mrs|Dr|H\.E)\.?\s+)?(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)+)"
                            r",?\s+and\b")


def _holds_a_person(title: str) -> bool:
    """"Commissioner of Customs, Mr Chan Wing, and Mr": a stretch that names someone else is no
    title of the name after it."""
    title = _without_honorific_end(title)
    names = (m.group("name").split() for m in _PERSON_INSIDE.finditer(title))
    return any(not any(_stop(w, _cfg()) for w in words) for words in names)


def _prefix(ctx: ArticleContext, sent: Sentence, left: str, rel_start: int, t_start: int,
            t_end: int) -> tuple[str | None, str | None, int]:
    """What stands right before a title: an agency ("ZRA Commissioner"), a country ("Chinese
    Premier"), an adjective counterpart; (agency, country, where the prefix starts)."""
    agency = _agency_in(ctx, t_start, t_end) or _agency_before(ctx, t_start)
    if agency is None and re.match(r"(?i)then-", left[max(0, rel_start - 5):rel_start]):
        agency = _agency_before(ctx, t_start - 5)
    prefix_start = t_start
    for am in mentions_of(ctx).agencies:
        if 0 <= t_start - am.end <= 6 and am.name == agency:
            prefix_start = am.start
    country = None
    before = _country_right_before(ctx, sent, t_start)
    if before:
        country, at = before
        prefix_start = min(prefix_start, at)
    else:
        country = _counterpart_country(ctx, sent, t_start)
    if agency is None and country is None:
        agency = _antecedent(ctx, t_start) or _bloc_before(ctx, sent, t_start)
    return agency, country, prefix_start


def _bloc_before(ctx: ArticleContext, sent: Sentence, t_start: int) -> str | None:
    """"the EU's foreign policy chief", "EU Trade Commissioner": the bloc, when it is an agency."""
    for c in ctx.countries_in(sent.start, t_start):
        if c.form == "bloc" and re.fullmatch(r"(?:['’]s)?\s*", ctx.text[c.end:t_start]):
            names = gazetteer.blocs()[c.surface].names
            return next((a.name for a in ctx.agencies if a.name in names), None)
    return None


_ITS = re.compile(r"\b[Ii]ts\s+$")


def _antecedent(ctx: ArticleContext, t_start: int) -> str | None:
    """"The WCO met in Brussels. Its Secretary General, X, said": "its" is the agency named last."""
    if not _ITS.search(ctx.text, max(0, t_start - 5), t_start):
        return None
    before = [m for m in mentions_of(ctx).agencies if t_start - 400 <= m.end <= t_start]
    return before[-1].name if before else None


_AND = re.compile(r"(?:\s+and|,)\s+")
_ARTICLES = re.compile(r"\b(?:and|the|his|her|its|their)\b")


def _only_countries(text: str) -> bool:
    """Nothing but countries ("Chinese", "Kenya's"), articles and "and", or nothing: what may
    stand before a title."""
    rest = text
    for c in reversed(find_countries(text)):
        rest = rest[:c.start] + rest[c.end:]
    return _ARTICLES.sub("", re.sub(r"['’]s\b", "", rest)).strip() == ""


_OF_AFTER = re.compile(r"\s+of\s+(?:the\s+)?")


def _of_after_name(ctx: ArticleContext, end: int) -> tuple[str | None, str | None]:
    """"Ambassador Ana Ruiz of Chile", "Governor Ali Baba of the Central Bank": the post's owner."""
    m = _OF_AFTER.match(ctx.text, end)
    if m is None:
        return None, None
    for a in mentions_of(ctx).agencies:
        if a.start == m.end():
            return a.name, None
    for c in ctx.countries:
        if c.start == m.end() and c.form == "name":
            return None, c.code
    return None, None


def _with_plural_title(ctx: ArticleContext, sent: Sentence, start: int, end: int, name: str) -> _Person | None:
    """"with presidents A and B looking on": each name of the list holds the post, in the singular."""
    m = _cfg()["plural"].search(ctx.text, sent.start, start)
    if m is None:
        return None
    t_start = m.start("title")
    owner = _country_right_before(ctx, sent, start)
    of_country = re.match(r"\s+of\s+(?:the\s+)?", ctx.text[end:sent.end])  # "A of Brazil"
    country = owner[0] if owner else None
    if country is None and of_country:
        found = ctx.countries_in(end + of_country.end(), end + of_country.end() + 40)
        country = found[0].code if found and found[0].start == end + of_country.end() else None
    return _person(ctx, sent, start, end, name, m.group("title") + (m.group("general") or ""), None, country,
                   (t_start, end))


# ---------------------------------------------------------------- a title after the name

def _sharing_plural_post(ctx: ArticleContext, sent: Sentence, start: int, end: int, name: str) -> _Person | None:
    """"… of Andre Bynoe and Nicole Sealy-Armstrong as Deputy Comptrollers": the name before "and" holds the
    plural post given to the next one too."""
    joint = re.match(r"\s+and\s+", ctx.text[end:sent.end])
    run = _cfg()["name_run"].match(ctx.text, end + joint.end()) if joint else None
    if run is None:
        return None
    as_post = re.match(r"\s+as\s+(?:the\s+)?(?:new\s+)?", ctx.text[run.end():sent.end])
    found = _title_after(ctx, sent, run.end() + as_post.end()) if as_post else None
    if found is None or not (ctx.text[:found[1]].endswith("s") or re.match(r"s\b", ctx.text[found[1]:])):
        return None  # a plural post ("as Deputy Comptrollers"), not the next person's own
    title, t_end, agency = found
    return _person(ctx, sent, start, end, name, title, agency, None, (start, t_end))


def _with_title_after(ctx: ArticleContext, sent: Sentence, start: int, end: int, name: str) -> _Person | None:
    right = ctx.text[end:sent.end]
    m = _cfg()["after"].match(right)
    if not m:
        return _sharing_plural_post(ctx, sent, start, end, name)
    rest_start = end + m.end()
    if m.group("who"):
        clause = re.match(r"[^,;]*", ctx.text[rest_start:sent.end]).group()
        agency = _agency_in(ctx, rest_start, rest_start + len(clause))
        if not agency:
            return None
        title, t_end = "head", rest_start + len(clause)
    else:
        found = _title_after(ctx, sent, rest_start)
        if found is None:
            return None
        title, t_end, agency = found
        if agency is None:  # "Abhishek Dev, Chairman, APEDA": the body after the post, past a comma
            agency, t_end = _agency_after_comma(ctx, t_end, sent.end) or (None, t_end)
    country = None
    if m.group("owner"):
        o_start, o_end = end + m.start("owner"), end + m.end("owner")
        # "MSC's reefer manager": the owner without the word that qualifies the post
        owner = _owner(ctx, o_start, re.sub(r"\s+[a-z][a-z-]+$", "", ctx.text[o_start:o_end].rstrip()))
        if owner is None:  # "Trade Minister": the words open the title, they own nothing
            found = _title_after(ctx, sent, o_start)
            if found is None:
                return None
            title, t_end, agency = found
            if agency is None:  # "Mary Atieno, Principal Secretary, Ministry of Trade"
                agency, t_end = _agency_after_comma(ctx, t_end, sent.end) or (None, t_end)
        else:
            agency, country = agency or owner[0], owner[1]
    return _person(ctx, sent, start, end, name, title, agency, country, (start, t_end))


def _agency_after_comma(ctx: ArticleContext, pos: int, end: int) -> tuple[str, int] | None:
    """The agency named right after ", " at `pos` (and its end), when one is."""
    # "Member (Customs Policy), National Board of Revenue": a portfolio in brackets after the title
    m = re.match(r"(?:\s*\([^()]{1,40}\))?,\s+(?:the\s+)?", ctx.text[pos:end])
    if m is None:
        return None
    at = pos + m.end()
    found = next((a for a in mentions_of(ctx).agencies if a.start == at), None)
    return (found.name, found.end) if found is not None else None


_NEXT_APPOINTMENT = re.compile(r"\s+and\s+(?:of|as)\s|\s+as\s")


def _title_after(ctx: ArticleContext, sent: Sentence, rest_start: int) -> tuple[str, int, str | None] | None:
    """(title, its end, the agency it names) of a title that opens at `rest_start`."""
    t = _cfg()["after_title"].match(ctx.text, rest_start, sent.end)
    if not t:
        return None
    title, t_end = t.group(), t.end()
    when = _TRAILING_WHEN.search(title)
    if when:
        title, t_end = title[:when.start()], rest_start + when.start()
    other = _NEXT_APPOINTMENT.search(title)
    if other:  # "as Comptroller of Customs and of A and B as Deputy Comptrollers": the next posts' own
        title, t_end = title[:other.start()], rest_start + other.start()
    # "secretary in the Ministry of Agriculture, Forestry and Fisheries": the title's
    # complement runs to the end of an agency name that holds commas.
    longer = [m.end for m in mentions_of(ctx).agencies if rest_start <= m.start < t_end < m.end <= sent.end]
    if longer:
        t_end = max(longer)
        title = ctx.text[rest_start:t_end]
    agency = _agency_in(ctx, rest_start, t_end)
    return _without_agency(ctx, rest_start, title), t_end, agency


def _owner(ctx: ArticleContext, start: int, owner: str) -> tuple[str | None, str | None] | None:
    """What owns a title after a name: a country ("New Zealand's", "the Indian") or an agency
    ("CBH's"); (agency, country), or None when the words are neither."""
    bare = _POSSESSIVE_END.sub("", owner)
    found = [c for c in find_countries(bare) if c.form != "bloc"]
    if found and found[0].start == 0 and found[-1].end == len(bare):
        return None, found[0].code
    agency = _agency_at(ctx, start, start + len(owner))
    if agency:
        return agency, None
    return None


# ---------------------------------------------------------------- an organisation headed by the name

def _with_head_of(ctx: ArticleContext, sent: Sentence, start: int, end: int, name: str) -> _Person | None:
    """"The ONH, headed by Ana Silva,": the head of the agency named just before."""
    left = ctx.text[sent.start:start]
    m = _cfg()["headed_by"].search(left)
    if not m:
        return None
    at = sent.start + m.start()
    agency = next((a.name for a in mentions_of(ctx).agencies if a.end == at), None)
    if agency is None:
        return None
    title = "chair" if m.group("verb") == "chaired" else "head"
    return _person(ctx, sent, start, end, name, title, agency, None, (at, end))


# "chief of the X", "joint secretary at India's X", "research head at Mumbai-based X": where the agency starts
_OF_THE = re.compile(r"\s+(?:of|at|with)\s+(?:the\s+)?(?:[A-Z][\w.-]*['’]s\s+|[\w.-]+-based\s+)?")


def _without_agency(ctx: ArticleContext, t_start: int, title: str) -> str:
    """"chief of the Korea Customs Service" → "chief": the agency is the official's `agency`, not
    part of the post. A portfolio that is no agency of the article stays ("minister of agriculture")."""
    end = t_start + len(_TRAILING_NOISE.sub("", title).rstrip("."))
    kinds = {a.name: a.kind for a in ctx.agencies}
    for m in _OF_THE.finditer(title):
        at = t_start + m.end()
        for am in mentions_of(ctx).agencies:
            if am.start == at and am.end >= end and kinds.get(am.name) != "ministry":
                return title[:m.start()]
    return title


def _without_honorific(ctx: ArticleContext, start: int, name: str) -> str:
    """The name without honorifics, also one whose first word stands before it ("Datuk | Seri X")."""
    honor = _cfg()["honor"]
    name = honor.sub("", name).strip()
    before = re.search(r"(\S+)\s+$", ctx.text[max(0, start - 20):start])
    if before:
        m = honor.match(f"{before.group(1)} {name}")
        if m and m.end() > len(before.group(1)) + 1:
            name = name[m.end() - len(before.group(1)) - 1:].strip()
    return name


def _person(ctx: ArticleContext, sent: Sentence, start: int, end: int, name: str, title: str,
            agency: str | None, country: str | None, title_span: tuple[int, int]) -> _Person | None:
    bare = _without_honorific(ctx, start, name)
    if len(bare.split()) < 2 and not (len(name.split()) == 2 and name.split()[0] in _cfg()["name_honorifics"]):
        return None
    name = bare if len(bare.split()) >= 2 else name
    title = re.sub(r"\s+", " ", _TRAILING_NOISE.sub("", title)).strip(" ,.").lower()
    title = re.sub(r"^then[- ]", "", title)  # "the then Minister of Trade" held the post: it is the post
    if country is None and agency is None:
        country = _country_in(ctx, title_span[0], title_span[1])
    if agency is None:
        agency = _by_title(title, country, ctx.agencies)
    by_name = {a.name: a for a in ctx.agencies}
    international = False
    if agency is not None and agency in by_name:
        international = by_name[agency].kind == "international"
        country = None if international else by_name[agency].country or country
    return _Person(name, title, agency, country, (start, end), title_span, sent, international)


_HEAD_TITLE = re.compile(r"^(?:deputy\s+|acting\s+)?(?:director|chairman|chairwoman|chairperson|governor|commissioner|"
                         r"head|chief|president|ceo)\b")


def _nearby_body(ctx: ArticleContext, sent: Sentence, country: str) -> str | None:
    """"… and Director General Budi Santoso" after "Indonesia's Directorate General of Customs … concluded": the one
    body of the person's country named in the sentence or the one before."""
    i = ctx.sentences.index(sent) if sent in ctx.sentences else 0
    lo = ctx.sentences[i - 1].start if i else sent.start
    by_name = {a.name: a for a in ctx.agencies}
    names = {m.name for m in mentions_of(ctx).agencies if lo <= m.start < sent.end
             and m.name in by_name and by_name[m.name].country == country}
    return next(iter(names)) if len(names) == 1 else None


# ---------------------------------------------------------------- countries

def _settle_countries(ctx: ArticleContext, people: list[_Person]) -> None:
    """Give each person without a bound country the likeliest one. Twice: what the first round
    settles for a person anywhere in the article helps the second round leave a country over."""
    for p in people:
        p.strength = _BOUND if p.country is not None or p.international else 0
    same = [[q for q in people if _same_person(q.name, p.name)] for p in people]
    for _ in range(2):
        known = [(p, _best(same[i])) for i, p in enumerate(people)]
        for p in people:
            if p.strength < _BOUND:
                p.country, p.strength = _likeliest(ctx, p, known)


_BOUND, _PAIRED, _SENTENCE, _ARTICLE = 4, 3, 2, 1  # how strongly a country is tied to a person


def _best(same: list[_Person]) -> tuple[str | None, int]:
    """The most strongly tied country of a person over all their mentions."""
    top = max(same, key=lambda q: q.strength)
    return top.country, top.strength


def _likeliest(ctx: ArticleContext, p: _Person, known: list) -> tuple[str | None, int]:
    side = _side_country(ctx, p.sentence, p.span[0])
    if side:
        return side, _PAIRED
    own = _title_country(ctx, p)
    if own:
        return own, _PAIRED
    taken = {country for q, (country, strength) in known
             if q.sentence == p.sentence and not _same_person(q.name, p.name) and country and strength >= _PAIRED}
    # "President X has appointed Y as Comptroller-General": one appoints one's own, no counterpart is left over
    left = _left_over_country(ctx, taken) if not _APPOINTS.search(p.sentence.text) else None
    if left:
        return left, _PAIRED
    # "X led a delegation to meet the Director-General of Customs of Cameroon": X is of the story's other country
    left = _left_over_country(ctx, _met_countries(ctx, p))
    if left:
        return left, _SENTENCE
    found = _sentence_country(ctx, p.sentence, p.title_span)
    if found:
        return found, _SENTENCE
    return article_country(ctx), _ARTICLE


_APPOINTS = re.compile(r"\b(?:appoint(?:s|ed)|nominat(?:es|ed)|promot(?:es|ed)|swore\s+in|sworn\s+in)\b")


def _met_countries(ctx: ArticleContext, p: _Person) -> set[str]:
    """The countries of whom a person meets, visits or receives in the sentence after naming them."""
    end = max(p.span[1], p.title_span[1])
    meets = _MEETS.search(ctx.text, end, p.sentence.end)
    if meets is None:
        return set()
    # (not where it happens: "a forum the Ministry hosted at its offices in Kingston")
    return {c.code for c in ctx.countries_in(meets.end(), p.sentence.end) if c.form not in ("bloc", "capital")
            and not _VISITING.search(ctx.text, max(meets.end(), c.start - 8), c.start)}


def _title_country(ctx: ArticleContext, p: _Person) -> str | None:
    """"spokeswoman for the Moldovan government", "MSC's reefer manager in Colombia": a country the person's own
    title names, not one it is sent to or deals with ("ambassador to China", "talks with Peru")."""
    lo, hi = p.title_span
    if hi <= lo:
        return None
    found = [c for c in ctx.countries_in(lo, hi) if c.form != "bloc"
             and not _TITLE_OTHER_SIDE.search(ctx.text, max(lo, c.start - 14), c.start)]
    codes = {c.code for c in found}
    return found[0].code if len(codes) == 1 else None


_TITLE_OTHER_SIDE = re.compile(r"\b(?:to|with|at|visiting|towards?)\s+(?:the\s+)?$", re.I)


def _left_over_country(ctx: ArticleContext, taken: set[str]) -> str | None:
    """"President X and Canadian Prime Minister Y signed the Canada-Ukraine deal": X has the
    country the others of the sentence leave over of the article's two main countries."""
    if not taken:
        return None
    pair = [c for c in _main_pair(ctx) if c not in taken]
    return pair[0] if len(pair) == 1 else None


def _main_pair(ctx: ArticleContext) -> list[str]:
    """The article's two main countries (computed once per article)."""
    cached = ctx.__dict__.get("_main_pair")
    if cached is None:
        cached = ctx.__dict__["_main_pair"] = main_countries(ctx)[:2]
    return cached


_SIDE = re.compile(r"\bon\s+(?:the\s+)?(?P<side>[\w' -]+?)\s+side\s*,?\s*by\s+(?:(?:the|its|his|her)\s+)?[^,;]{0,60}$")


def _side_country(ctx: ArticleContext, sent: Sentence, start: int) -> str | None:
    """"signed on the Emirati side by Y": the side gives Y's country."""
    if ctx.text.find(" side", sent.start, start) < 0:
        return None
    m = _SIDE.search(ctx.text, sent.start, start)
    if m is None:
        return None
    found = ctx.countries_in(m.start("side"), m.end("side"))
    return found[0].code if found and found[0].form != "bloc" else None


# "talks with Beijing", "a deal with Chile": the other side, not the person's own country.
_OTHER_SIDE = re.compile(r"\b(?:with|against|versus|vs\.?)\s+(?:the\s+)?$")


_GOODS_PARTNER = re.compile(r"\b(?:to|from|into|on|over)\s+(?:the\s+)?$")
_SAID_BEFORE = re.compile(rf",\s+{SAID}\b")


_VISITING = re.compile(r"\b(?:in|to|visiting)\s+$")
_MEETS = re.compile(r"\b(?:meet|meets|met|meeting|visit|visits|visited|call\s+on|called\s+on|hold\s+talks\s+with|"
                    r"held\s+talks\s+with|received|welcomed|hosted)\b")
_SAYS_AFTER = re.compile(rf"\b{SAID}\b")


def _sentence_country(ctx: ArticleContext, sent: Sentence, span: tuple[int, int]) -> str | None:
    """A country the sentence ties the person to, ignoring ones inside other people's titles."""
    others = [(s, e) for s, e, _ in mentions_of(ctx).titles]
    # "Australia's kava programme has boosted demand, said the Minister X": what X says is not whose X is
    said = list(_SAID_BEFORE.finditer(ctx.text, sent.start, span[0]))
    reported = said[-1].start() if said else sent.start
    # "Statistician General X said China was the second largest destination": what X says is not whose X is
    says = _SAYS_AFTER.search(ctx.text, span[1], sent.end)
    until = says.start() if says else sent.end
    home = article_country(ctx)
    found = [c.code for c in sentence_actors(ctx, sent)
             if not any(s <= c.start < e for s, e in others) and not span[0] <= c.start < span[1]
             and not _OTHER_SIDE.search(ctx.text, max(sent.start, c.start - 12), c.start)
             and not c.start < reported and (c.start < until or c.code == home)
             and not _VISITING.search(ctx.text, max(sent.start, c.start - 8), c.start)  # "X, in India this week,"
             # "X led a delegation to meet the Director-General of Customs of Cameroon": whom X meets is the other side
             and not (c.start >= span[1] and _MEETS.search(ctx.text, span[1], c.start))
             # "… the fall in shipments to China, said X": where goods go or come from is no one's country
             and not (home and c.code != home and _GOODS_PARTNER.search(ctx.text, max(sent.start, c.start - 14),
                                                                         c.start))]
    if len(set(found)) <= 1:
        return found[0] if found else None
    return home if home in found else found[0]


_APPOSITIVE_BODY = re.compile(r"[a-z],\s+(?:the\s+)?$")
# "Director of the Vanuatu Department of Agriculture": a body the title names in so many words is a body
_BODY_WORD = re.compile(r"\b(?:Department|Directorate|Bureau|Agency|Authority)\b")


_THE_MINISTRY = re.compile(r"\b(?:[Tt]he|[Ii]ts|[Hh]is|[Hh]er)\s+(?:[a-z]+\s+)?ministry\b(?!\s+of\b)")


def _referred_to_outside(text: str, spans: list[tuple[int, int]], pattern: re.Pattern[str]) -> bool:
    return any(not any(s <= m.start() < e for s, e in spans) for m in pattern.finditer(text))


def prune_title_only_agencies(ctx: ArticleContext) -> list[Agency]:
    """Drop ministries named only inside a person's title; their officials keep `agency: null`."""
    mentions = mentions_of(ctx)
    titles = [(s, e) for s, e, _ in mentions.titles]
    keep: list[Agency] = []
    dropped: set[str] = set()
    for a in ctx.agencies:
        spans = [m for m in mentions.agencies if m.name == a.name]
        # "Principal Secretary, Ministry of Trade": a body set after the post by a comma is the post's employer
        inside = spans and all(any(s <= m.start and m.end <= e for s, e in titles)
                               and not _APPOSITIVE_BODY.search(ctx.text, max(0, m.start - 6), m.start)
                               and not _BODY_WORD.search(ctx.text, m.start, m.end) for m in spans)
        described = any(re.match(r",\s+(?:which|that)\b", ctx.text[m.end:m.end + 8]) for m in spans)
        if a.kind == "ministry" and inside and not described:
            dropped.add(a.name)
        keep.append(a)
    # "Deputy Minister of Agriculture X said … a practice the ministry intends to tighten": the one ministry a
    # title names is the body the story then calls "the ministry"
    if len(dropped) == 1 and _referred_to_outside(ctx.text, titles, _THE_MINISTRY):
        dropped.clear()
    keep = [a for a in keep if a.name not in dropped]
    if dropped:
        for o in ctx.officials:
            if o.agency in dropped:
                o.agency = None
        mentions.agencies[:] = [m for m in mentions.agencies if m.name not in dropped]
    return keep


def ministry_of_the_minister(ctx: ArticleContext) -> list[Agency]:
    """"Minister of Agriculture X said … The ministry intends to …": the one ministry a minister's title names,
    which the story then calls "the ministry", is an agency of the article and the minister's employer."""
    if any(a.kind == "ministry" for a in ctx.agencies) or not _THE_MINISTRY.search(ctx.text):
        return ctx.agencies
    ministers = [o for o in ctx.officials if o.agency is None and o.title and _MINISTER_TITLE.match(o.title)]
    if len(ministers) != 1:
        return ctx.agencies
    minister = ministers[0]
    portfolio = _MINISTER_TITLE.sub("", minister.title or "", count=1)
    # the portfolio as the text capitalises it ("Minister of Agriculture and Food Industry Anatol Berzoi")
    m = re.search(r"\bMinister\s+(?:of|for)\s+(" + re.escape(portfolio) + r")\b", ctx.text, re.I)
    if m is None or not m[1][:1].isupper() or not _referred_to_outside(ctx.text, [m.span()], _THE_MINISTRY):
        return ctx.agencies
    name = f"Ministry of {m[1]}"
    minister.agency = name
    sentence = next((s for s in ctx.sentences if s.start <= m.start() < s.end), None)
    return [*ctx.agencies, Agency(name=name, country=minister.country, kind="ministry",
                                  evidence=[ctx.evidence_for(sentence)] if sentence else [])]


_MINISTER_TITLE = re.compile(r"(?:first\s+)?(?:deputy\s+|vice\s+)?minister\s+(?:of|for)\s+", re.I)


# "minister of finance", "deputy minister of trade", "spokesman for the ministry of commerce", "joint-secretary at
# the ministry of industry, commerce and supplies": the ministry a title names
_MINISTRY_IN_TITLE = re.compile(r"^(?:" + _MINISTER_TITLE.pattern + r"|.*?\b(?:at|of|for|in)\s+the\s+ministry\s+of\s+)"
                                r"(?P<portfolio>[a-z][\w ,'’&-]{2,80})$", re.I)


def ministries_of_titles(ctx: ArticleContext) -> list[Official]:
    """An official whose title names a ministry the article names as an agency, and who has no agency of their own,
    works there: "Minister of Finance Elena T." is of the Ministry of Finance (of North Macedonia)."""
    ministries = [a for a in ctx.agencies if a.kind == "ministry"]
    for official in ctx.officials:
        m = _MINISTRY_IN_TITLE.match(official.title or "") if official.agency is None and ministries else None
        if m is None:
            continue
        head = "ministry of " + m["portfolio"].strip(" ,").lower()
        found = [a for a in ministries if a.name.lower() == head or (a.name.lower().startswith(head + " of ")
                 and (official.country is None or a.country in (None, official.country)))]
        if len(found) == 1:
            official.agency = found[0].name
    return ctx.officials

"""Which side of a trade frame each country mention is on, read from the cue's valence.

Direction comes from the words around a country, never from the order countries
appear in: "to / into / bound for X" receives, "from X" sends; the subject of an
export verb sends and of an import verb receives; "X's exports" sends and "X's
imports" receives; "X was the top buyer" receives and "X's biggest buyer" sends;
"Tunisian oil" sends the oil. A country coordinated with another ("to Spain and
Italy", "Spain, Italy and France were the buyers", "followed by Italy") takes
the same side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.extract import gazetteer
from kb.extract.commodities import find_commodities
from kb.extract.context import CountryMention
from kb.extract.countries import SIDE_LEAD, find_countries
from kb.extract.flows.adverbs import MOSTLY
from kb.extract.flows.lexicon import EXPORTING, Lexicon, lexicon
from kb.extract.flows.mentions import FIGURE_NEXT, PLACES_COUNTED, SOLD_IN, Cue, SentenceMentions
from kb.extract.quantities import APPROX, FIGURE_START

EXPORTER, IMPORTER = "exporter", "importer"


@dataclass(frozen=True)
class Party:
    code: str
    side: str  # EXPORTER or IMPORTER
    start: int
    end: int
    how: str  # the reading that gave the side: "to", "from", "subject", "possessor", "ranked", "origin", ...


_COPULA = re.compile(r"^(?:\s*\([^)]{0,40}\))?"
                     # "Brazil, however, remains the main buyer": a discourse word set off before the verb
                     r"(?:\s*,\s*(?:however|though|meanwhile|in\s+turn|for\s+its\s+part|too|also|again)\s*,)?"
                     r"\s+(?:(?:also|still|again|now|once\s+again|has|have|had|has\s+since|"
                     r"has\s+also|have\s+also)\s+)?"
                     # "India nonetheless remained the main supplier": an adverb before the verb
                     r"(?:(?:nonetheless|nevertheless|however|thus|therefore|[a-z]+ly)\s+)?"
                     r"(?:was|is|were|are|been|became|become|remained|remains|remain|stayed|stays|stay|ranked|ranks|came|comes|stood|"
                     # "…, with Mexico remaining the largest buyer": a participle of the copula
                     r"remaining|being|becoming|staying|"
                     r"emerged|appeared|continued|continues|featured|figured|"
                     # "retained its position as the largest market": a copula in other words
                     r"(?:retained|retains|kept|keeps|held|holds|maintained|maintains|consolidated|cemented|"
                     r"regained|reclaimed|strengthened|strengthens|reinforced|reinforces)\s+(?:its|their|the)\s+(?:(?:first|top|leading|second|third|fourth|fifth)\s+)?"
                     r"(?:position|place|spot|status|rank|title|role))\s+(?:(?:again|now|also|still|currently|already|"
                     r"once\s+again)\s+)*(?:as\s+)?"
                     # "X is one of Vietnam's ten largest export markets": one of those ranked
                     # (an owner of up to three words: "New Zealand's most valuable red meat market")
                     r"(?:to\s+be\s+)?(?:one\s+of\s+)?(?:the\s+|its\s+|their\s+|(?:[A-Z][\w.]*\s+){0,2}[A-Z][\w.]*['’]s\s+)?"
                     r"(?:[\w'’-]+\s+){0,4}$")
_APPOSITIVE = re.compile(r"^\s*(?:,|\(|–|—)\s*(?:also\s+)?(?:the\s+|its\s+|their\s+|[A-Z][\w.]*['’]s\s+)?"
                         r"(?:[\w-]+\s+){0,4}$")
# "The main buyers of Argentine beef in 2021 were China, …": the countries after the role noun and a copula.
_RANKED_AFTER = re.compile(r"^(?:\s+(?:of|for|in|from|to|at|that|which|showing|posting|recording)"
                           r"\s+[^.;:]{0,70}?)?(?:\s+(?:last|this|that)\s+(?:year|month|"
                           r"season|quarter)|\s+(?:in|during)\s+\d{4})?\s*(?:,\s*)?(?:(?:has|have|had)\s+been|were|was|are|is|included|"
                           r"include|includes|being|comprised|remained|remain|(?:(?:are|were|is|was)\s+)?led\s+by|:)\s+(?:the\s+)?$"
                           r"|^\s+as\s+(?:the\s+)?$")  # "listed its leading export markets as China, …"
# "… were among the buyers", "… also appear among the buyers", "… figured among its main markets"
_AS_RANKED = re.compile(r"^(?:\s*\([^)]{0,40}\))?\s+(?:(?:also|still|again)\s+)?"
                        r"(?:(?:were|was|are|is|remained|remain|appear|appears|appeared|feature|features|featured|"
                        r"figure|figures|figured|rank|ranks|ranked|count|counts|counted|came|comes|stood|stands|"
                        r"followed|follows)\s+)?"
                        # "Viet Nam ranked fourth among Hong Kong's export markets"
                        r"(?:(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,2}(?:st|nd|rd|th))"
                        r"\s+)?(?:also\s+)?(?:as|among)\s+"
                        r"(?:the\s+|its\s+|their\s+|[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2}['’]s?\s+)?(?:[\w-]+\s+){0,4}$")
# "the United States ranked first in the countries of origin", "Chile came second on the list of suppliers"
_PLACED_IN_ROLES = re.compile(r"^\s+(?:rank|ranks|ranked|came|comes|stood|stands|placed|was|is|were|are)\s+"
                              r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
                              r"\d{1,2}(?:st|nd|rd|th))\s+(?:in|on)\s+(?:the\s+)?(?:list\s+of\s+(?:the\s+)?)?"
                              r"(?:[\w-]+\s+){0,3}$")
_POSSESSIVE = re.compile(r"^['’]s?\s+(?:(?:[\w-]+|[\w-]+\s+and\s+[\w-]+)\s+){0,3}$")
# Verbs of holding a share: "X held / kept / took the largest share"
_HOLDING = (r"(?:held|holds|hold|had|has|have|kept|keeps|took|takes|claimed|claims|captured|captures|commanded|"
            r"commands|retained|retains|accounted\s+for|accounts\s+for|enjoyed|enjoys)")
_SHARE_OF = re.compile(r"^(?:\s*\([^()]{0,30}\))?\s+(?:alone\s+)?"
                       r"(?:accounted\s+for|accounts\s+for|account\s+for|accounting\s+for|made\s+up|"
                       r"makes\s+up|making\s+up|taking|took|"
                       r"takes|absorbed|absorbs|received|receives|represented|represents|bought|buys|captured|"
                       r"captures|claimed|claims)\s+"
                       + APPROX +
                       r"(?:\d[\d.,]*\s*(?:%|per\s*cent|percent)|half|a\s+third|a\s+quarter|two-thirds|"
                       r"three-quarters|the\s+bulk|most|the\s+lion['’]s\s+share)\s+(?:share\s+)?of\s+"
                       r"(?:[\w'’-]+\s+){0,4}$"
                       # "held the largest share of Uganda's coffee exports", "has a 12% share in its imports"
                       r"|^(?:\s*\([^()]{0,30}\))?\s+(?:(?:still|again|also|now|alone)\s+)?"
                       rf"{_HOLDING}\s+(?:the|a|an|its)\s+(?:[\w.,%-]+\s+){{0,3}}?(?:market\s+)?share\s+(?:of|in)\s+"
                       r"(?:[\w'’-]+\s+){0,4}$", re.I)
_ADJECTIVE_TO_CUE = re.compile(r"^\s+(?:[\w-]+\s+){0,3}$")
# … "the UK, Germany and, above all, the USA": an aside before the last member
_JOINT = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|as\s+well\s+as\s+|&\s+|and\s*,\s*(?:above\s+all|"
                    r"especially|in\s+particular|notably|not\s+least|most\s+of\s+all)\s*,\s*)"
                    r"(?:the\s+|to\s+(?:the\s+)?)?$")
# "Spain took 8,000 t, Italy 5,500 t and France 1,200 t", "followed by Qatar with 335,000 head (up 12pc), Jordan
# with …": members of one list, each with its figure.
# … "China, first with $5.6bn, Iraq second with $5.4bn": a member's rank before its figure
# ("'s" first: "Turkey's 24,870 tonnes, Libya's …")
_FIGURE_JOINT = re.compile(r"^(?:['’]s)?(?:\s*,)?(?:\s+[–—-])?\s+"
                           r"(?:(?:first|second|third|fourth|fifth|sixth|next|last)\s+)?"
                           r"(?:(?:with|at|on|by|for|took|taking|bought|buying|imported|importing|received|got|supplied|"
                           r"supplying|shipped|shipping|sent|exported|sold|provided|delivered)\s+"
                           # "Germany bought mangoes worth $2.4 million, Oman $1.9 million": the verb's goods between
                           r"(?:(?:[a-z][\w-]*\s+){1,3}?(?:worth|valued\s+at|of)\s+)?)?"
                           r"\(?" + APPROX + FIGURE_START + r"[^;]{0,40}?"
                           r"(?:\([^)]{0,90}\))?\s*(?:[,;]\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?"
                           r"(?:(?!(?:from|to|by|with|of|for|into)\s)[a-z][\w-]*\s+)?$")  # "… and neighbouring Georgia"
# "from the US (-11.4 percent), Japan (-1.8 percent) and Taiwan": members each with a bracketed aside
_BRACKET_JOINT = re.compile(r"^(?:\s*\([^()]{1,30}\)\s*,\s*(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)*"  # "the EU (…)"
                            r"\s*\([^()]{1,30}\)\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?$")
# "Ukraine was a distant second, importing …": the subject of a participle is the clause's.
_COPULA_THEN_PARTICIPLE = re.compile(r"^\s+(?:\w+\s+)?(?:was|is|were|are|remained|remains|became|ranked|came|"
                                     r"stood)\b[^,;]{0,60},\s+(?:having\s+)?$")  # "… ranked fourth, having bought"
_SUBJECT_GAP = re.compile(r"^(?:\s*\([^)]{1,30}\))?"  # "Hong Kong (China) bought"
                          r"(?:['’]s\s+(?:government|authorities|exporters|producers|companies|firms|traders|"
                          r"farmers|growers|industry)\s+)?"
                          # "New Zealand log exporters shipped": the country's traders of the goods act for it
                          r"(?:(?:\s+[a-z]+)?\s+(?:exporters|producers|shippers|suppliers|traders|growers|farmers|"
                          r"miners|millers|mills|companies|firms|importers|buyers)(?=\s))?(?:\s*,\s+(?:meanwhile|however|too|also|in\s+turn|"
                          r"for\s+its\s+part|in\s+contrast|by\s+contrast|instead|though|likewise|similarly),)?(?:\s+(?:[a-z]+ly|also|has|have|had|still|now|then|"
                          r"again|once\s+(?:more|again)|further|jointly|together|already|reportedly|alone|itself|themselves|"
                          r"all|last\s+year|this\s+year|"
                          r"in\s+\d{4}|no\s+longer|has\s+also|have\s+also|had\s+also|has\s+been|have\s+been|each|both|"
                          r"had\s+been|is\s+to|are\s+to|was|were|is|are|will|would)\b)*\s+$")
# ", which …,", ", the world's largest producer,", ", for years the dominant source …,": an aside on the subject
_RELATIVE_ASIDE = re.compile(r"^\s*,\s+(?:(?:for\s+(?:years|decades)|long|once|traditionally|until\s+recently|"
                             r"still|now|again|once\s+again|also)\s+)?"
                             r"(?:which|who|whose|a|an|the|one|[a-z]+ed\s+(?:by|via|through|from|under)|"
                             # "the UAE, in fifth place with 4.4 per cent, mostly bought gold"
                             r"in\s+(?:the\s+)?(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,2}(?:st|nd|rd|th))"
                             r"\s+(?:place|position|spot)|" + MOSTLY + r"\s+[a-z]+ed\s+(?:by|via|through)|"
                             # "Saint Lucia, on its first run, sent …": a circumstance set off by commas
                             r"(?:on|in)\s+(?:its|their)\s)\b[^;]{0,120}?,"
                             r"(?:\s+(?:[a-z]+ly|also|has|have|had))*\s+$")  # "…, supplied by truck via Guerguerat,"


def frame_parties(sm: SentenceMentions, cue: Cue, clause: tuple[int, int], region: tuple[int, int]) -> list[Party]:
    """The countries of the frame opened by `cue`, each on its side, in text order."""
    lex, s = lexicon(), sm.text
    # "after the Korea-Philippines free trade agreement took effect": countries naming an agreement are no side
    mentions = [m for m in sm.countries_in(*clause) if not _IN_AGREEMENT_NAME.match(s, m.end)
                and not (_JOINED_BEFORE.search(s, max(0, m.start - 2), m.start)
                         and _AGREEMENT_AFTER.match(s, m.end))
                and not _EXCEPTED.search(s, max(0, m.start - 22), m.start)]  # "CIS countries other than Russia"
    # "Iran – 205,000 tons (a year earlier Kazakhstan did not sell wheat to Iran at all) and Italy": an aside's own
    mentions = [m for m in mentions if not in_aside(s, m.start, clause, cue.start)]
    if cue.kind in ("buyer_noun", "supplier_noun") and region[0] > clause[0] \
            and _NEW_STRETCH_BEFORE.search(s, max(0, region[0] - 12), region[0]):
        # "… went to Vietnam and Bangladesh, with Thailand the biggest market for citrus": the role ranks only
        # the new stretch's countries
        mentions = [m for m in mentions if m.start >= region[0]]
    relative = [r for r in _WHO_CLAUSE.finditer(s, clause[0], cue.start)
                if not _WHO_CLAUSE.search(s, r.end(), cue.start)]
    if relative:  # "… the Korean market, …, for Colombian growers, who already ship the fruit to …": the clause's own
        at = relative[-1].start()
        mentions = [m for m in mentions if m.start >= at or 0 <= at - m.end <= 40]
    readings: dict[int, tuple[str, str]] = {}
    for i, m in enumerate(mentions):
        reading = _reading(s, m, cue, region, lex)
        if reading is not None:
            readings[i] = reading
    subject = _subject(s, mentions, readings, cue, clause, lex)
    if subject is not None:
        readings[subject] = ("subject", subject_side(s, cue))
    _overtaker_ranked(s, mentions, readings)
    if subject is not None:
        _gapped_subjects(s, mentions, readings, subject, cue, region)
    _share_along_lists(s, mentions, readings, region)
    parties = [Party(m.code, readings[i][1], m.start, m.end, readings[i][0])
               for i, m in enumerate(mentions) if i in readings and readings[i][1]]
    if cue.kind == "export_verb" and _GIVING_IT.match(s, cue.start) \
            and not any(p.side == IMPORTER for p in parties):
        # "Millers do business with Venezuela, selling it over 42,000 tonnes": the one just named receives
        partner = next((m for m in reversed(sm.countries_in(clause[0], cue.start)) if m.form in ("name", "capital")
                        and _PARTNER_WITH.search(s, max(0, m.start - 30), m.start)), None)
        if partner is not None:
            parties.append(Party(partner.code, IMPORTER, partner.start, partner.end, "to"))
    among = _AMONG_ROLES.match(s)
    if among and cue.start >= among.end():
        # "Among China's other origins, Brazil supplied 5.9 million tons": the owner of the roles is the other side
        side = IMPORTER if among["role"].lower().startswith(("origin", "supplier", "source")) else EXPORTER
        owner = next((m for m in sm.countries if m.start == among.start("owner") and m.form in ("name", "capital")),
                     None)
        if owner is not None and not any(p.side == side for p in parties):
            parties.insert(0, Party(owner.code, side, owner.start, owner.end, "possessor"))
    side_lead = SIDE_LEAD.match(s, clause[0])
    if side_lead is not None and side_lead.start("trade") <= cue.start < side_lead.end() \
            and _RANKING_TOLD.search(s, side_lead.end(), clause[1]) \
            and not lex.cue.search(s, side_lead.end(), clause[1]) \
            and not any(p.side == (EXPORTER if side_lead["trade"][0] in "iI" else IMPORTER) for p in parties):
        # "On the import side, China came first with $4.1bn, followed by Russia …": the trade named, then its
        # partners ranked; the story's own country is the other side
        side = EXPORTER if side_lead["trade"][0] in "iI" else IMPORTER
        taken = {p.start for p in parties}
        parties += [Party(m.code, side, m.start, m.end, "ranked") for m in mentions
                    if m.start >= side_lead.end() and m.start not in taken and m.form in ("name", "capital")]
        parties.sort(key=lambda p: p.start)
    if subject is None and cue.kind.endswith("verb"):
        # "Turkey, which bought 214,815 head in 2018, …": the relative pronoun's antecedent acts
        head = next((m for m in sm.countries if m.form in ("name", "capital")
                     and _RELATIVE_PRONOUN.fullmatch(s, m.end, cue.start)), None)
        if head is not None and not any(p.code == head.code for p in parties):
            # "Morocco, Vietnam and Kenya, which received …": the antecedent is the whole list
            names = [m for m in sm.countries if m.form in ("name", "capital") and m.end <= head.start]
            members = [head]
            while names and _LIST_JOINT.fullmatch(s, names[-1].end, members[0].start):
                members.insert(0, names.pop())
            parties[:0] = [Party(m.code, subject_side(s, cue), m.start, m.end, "subject") for m in members
                           if not any(p.code == m.code for p in parties)]
    if cue.kind in ("export_noun", "import_noun") and not parties:
        # "Chile, which expanded its purchases by 9.2%, …": the antecedent owns the trade
        owner = next((m for m in sm.countries if m.form in ("name", "capital")
                      and _RELATIVE_OWNS.fullmatch(s, m.end, cue.start)), None)
        if owner is not None:
            side = EXPORTER if cue.kind == "export_noun" else IMPORTER
            parties.append(Party(owner.code, side, owner.start, owner.end, "possessor"))
    return parties


_LIST_JOINT = re.compile(r"\s*,\s*(?:and\s+)?(?:the\s+)?|\s+and\s+(?:the\s+)?")
_LONG_BRACKET = re.compile(r"\([^()]{20,160}\)")


def in_aside(s: str, pos: int, clause: tuple[int, int], own: int = -1) -> bool:
    """Whether `pos` stands in a long bracketed aside of the clause (not the one holding `own`): "(a year earlier
    Kazakhstan did not sell wheat to Iran at all)" tells of other trade than the sentence's."""
    if _PAID_FOR_IT.search(s, max(clause[0], pos - 40), pos) or (
            _EARNING_AFTER_COMMA.search(s, max(clause[0], pos - 4), pos) and _BRINGING_IN_MONEY.match(s, pos)):
        return True
    if s.find(",", clause[0], pos) >= 0 and any(b.start() < pos < b.end() and not b.start() <= own < b.end()
                                                for b in _PARTICIPLE_ASIDE.finditer(s, clause[0], clause[1])):
        return True
    return s.find("(", clause[0], pos) >= 0 and any(b.start() < pos < b.end() and not b.start() <= own < b.end()
                                                    for b in _LONG_BRACKET.finditer(s, clause[0], clause[1]))


# "… 8,411 tonnes, for which buyers paid $26 million": what the figure before fetched, no trade of its own
_PAID_FOR_IT = re.compile(r",\s+for\s+which\s+(?:[a-z]+\s+){0,2}$")
# "Russia with 1,502 tonnes, bringing in close to $4.6 million": the earnings of the figure before, no import
_EARNING_AFTER_COMMA = re.compile(r",\s+$")
_BRINGING_IN_MONEY = re.compile(r"(?:bringing|brought|brings|bring)\s+in\s+" + APPROX + FIGURE_START)


# "Libya, whilst buying mostly for re-export, is next best": a subjectless aside naming no partner and no figure
# tells no trade of the clause's own (", while exporting wheat to Egypt," does)
_PARTICIPLE_ASIDE = re.compile(r",\s+(?:while|whilst|though|although)\s+[a-z]+ing\b[^,;()\dA-Z]{0,60},")


# "Italy has overtaken Germany as the biggest buyer": the one that overtook holds the rank, not the one overtaken
_OVERTOOK = re.compile(r"\b(?:has\s+|have\s+|had\s+)?(?:overtaken|overtook|overtakes|overtaking|surpassed|surpasses|"
                       r"surpassing|outpaced|outstripped|displaced|replaced|dethroned|unseated|edged\s+out|"
                       r"pushed\s+aside)\s+(?:the\s+)?$")
_AS_THE_ROLE = re.compile(r"\s+as\s+(?:the\s+)?")


# ", and the United States $15.2 million", "; American buyers 3,100 tonnes": another subject with its figure, the
# verb left out
_GAPPED_BEFORE = re.compile(r"(?:,\s*|;\s*|\s+)(?:and|while|whereas)\s+(?:the\s+)?$|;\s*(?:the\s+)?$")
_GAPPED_AFTER = re.compile(r"(?:\s+(?:buyers|importers|customers|consumers|exporters|shippers|suppliers|firms|"
                           r"companies|traders))?" + FIGURE_NEXT.pattern)


def _gapped_subjects(s: str, mentions: list[CountryMention], readings: dict[int, tuple[str, str]], subject: int,
                     cue: Cue, region: tuple[int, int]) -> None:
    """"Germany took coffee worth $19.6m, and the United States $15.2m": the later subjects of a verb said once, in
    the verb's own stretch."""
    first = mentions[subject]
    if first.start > cue.start or not re.search(FIGURE_START, s[cue.end:region[1]]):
        return
    for i, m in enumerate(mentions):
        if m.start <= cue.end or m.start >= region[1] or i in readings \
                or m.form not in ("name", "capital", "adjective") \
                or not _GAPPED_BEFORE.search(s, max(cue.end, m.start - 12), m.start) \
                or not _GAPPED_AFTER.match(s, m.end) \
                or (m.form == "adjective") != (first.form == "adjective"):
            continue
        marked = any(readings.get(j, ("",))[0] in ("to", "from") for j in range(subject + 1, i))
        if re.search(FIGURE_START, s[cue.end:m.start]) and not marked:
            # its own figure after the first subject's (not "shipped 5,000 t to Egypt, and Uganda 3,000 t", where
            # the later name may be a destination)
            readings[i] = ("subject", readings[subject][1])


def _overtaker_ranked(s: str, mentions: list[CountryMention], readings: dict[int, tuple[str, str]]) -> None:
    for i, m in enumerate(mentions):
        if i == 0 or readings.get(i, ("", ""))[0] != "ranked" or not _AS_THE_ROLE.match(s, m.end):
            continue
        verb = _OVERTOOK.search(s, mentions[i - 1].end, m.start)
        if verb is not None and re.fullmatch(r"\s*", s[mentions[i - 1].end:verb.start()]) \
                and mentions[i - 1].form in ("name", "capital") and i - 1 not in readings:
            readings[i - 1] = readings.pop(i)


_AMONG_ROLES = re.compile(r"\W*Among\s+(?:the\s+)?(?P<owner>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2})['’]s?\s+"
                          r"(?:(?:other|main|top|leading|biggest|largest|smaller|key|major)\s+){0,2}"
                          r"(?P<role>origins|suppliers|sources|buyers|markets|destinations|customers)\s*,")
_NEW_STRETCH_BEFORE = re.compile(r",\s+(?:with|while|whereas)\s+$")
# … told by a ranking, not by another verb of trade ("On the import side, Quito kept 828 goods on a list")
_RANKING_TOLD = re.compile(r"\b(?:came|ranked|placed|stood|finished)\s+(?:in\s+)?(?:first|second|third|top)\b"
                           r"|\b(?:led|topped|headed)\b|\b(?:followed|trailed)\s+by\b|\bahead\s+of\b|\b(?:biggest|largest|main|top|"
                           r"leading|chief|principal)\s+(?:[\w-]+\s+)?(?:supplier|source|origin|market|buyer|destination|"
                           r"partner)s?\b")
_WHO_CLAUSE = re.compile(r",\s+(?:who|which)\s+(?:\w+ly\s+|also\s+|still\s+|now\s+)*(?=[a-z]+\s)")
_EXCEPTED = re.compile(r"\b(?:other\s+than|except(?:\s+for)?|excluding|outside)\s+(?:the\s+)?$", re.I)
_AGREEMENT_WORDS = r"(?:agreements?|FTAs?|pacts?|deals?|treat(?:y|ies)|protocols?|partnerships?|CEPA|EPA|accords?)"
_AGREEMENT_AFTER = re.compile(rf"(?:\s+[A-Za-z][\w-]*){{0,4}}?\s+{_AGREEMENT_WORDS}\b")
_IN_AGREEMENT_NAME = re.compile(rf"\s*[-–]\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?(?:\s+[A-Za-z][\w-]*){{0,4}}?\s+"
                                rf"{_AGREEMENT_WORDS}\b")
_JOINED_BEFORE = re.compile(r"[-–]$")
_RELATIVE_OWNS = re.compile(r"\s*,\s+(?:which|who)\s+(?:[a-z]+\s+){1,2}(?:its|their)\s+")
_RELATIVE_PRONOUN = re.compile(r"\s*,\s+(?:which|who)\s+(?:(?:also|had|has|have|once|then|[a-z]+ly)\s+)?")


def _reading(s: str, m: CountryMention, cue: Cue, region: tuple[int, int], lex: Lexicon) -> tuple[str, str] | None:
    """(how, side) of one mention, from the words right around it; None when they say nothing."""
    after_cue = m.start >= cue.end
    in_region = region[0] <= m.start < region[1]
    found = _marked_reading(s, m, cue, lex, after_cue and in_region)
    if found is not None or m.form == "adjective":
        if found is None and after_cue and m.start >= region[1]:
            return None  # "imports Ethiopian coffee and hopes to sell more to the Ethiopian market": the next verb's
        return found if found is not None else _adjective_reading(s, m, cue, region, lex)
    # "added GH₵41 million to Ghana's export receipts": the possessor of the trade word, not where goods went
    possessor = _noun_reading(s, m, cue) if _POSSESSIVE.match(s[m.end:cue.start]) else None
    found = possessor or _placed_reading(s, m, cue, lex, in_region) or _noun_reading(s, m, cue) \
        or _ranked_reading(s, m, cue)
    if found is not None:
        return found
    if after_cue and in_region and _CHANGED_BY.match(s, m.end) and _WITH_LIST.search(s, cue.end, m.start):
        # "exports to every major market rose, with the US up 10 per cent to $655m, China up 21 per cent …"
        return "ranked", EXPORTER if cue.kind in ("import_verb", "import_noun", "supplier_noun") else IMPORTER
    if after_cue and in_region and cue.kind == "supplier_noun" and _OF_ITS.fullmatch(s, cue.end, m.start) \
            and _OWN_IMPORTS.match(s, m.end):
        return "possessor", IMPORTER  # "the main sources of Iran's imports": Iran buys
    if after_cue and in_region and re.match(r"['’]s?\s", s[m.end:m.end + 3]) and _goods_follow(s, m.end):
        return "origin", EXPORTER  # "the largest buyer of Tunisia's oil"
    if m.form == "name" and _NAMED_GOODS_AFTER.match(s, m.end) and not lexicon().cue.match(s, m.end + 1):
        term = find_commodities(s[m.end + 1:m.end + 40])  # not "the inputs Brazil ships north": a verb
        if term and term[0].start == 0:
            if cue.kind in ("import_noun", "export_noun") and cue.start > m.end \
                    and re.fullmatch(r"\s*", s[m.end + 1 + term[0].end:cue.start]):
                return "possessor", _NOUN_SIDES[cue.kind]  # "U.S. footwear imports were down": whose trade
            return "origin", EXPORTER  # "48,000 tonnes of Botswana copper concentrate bound for China"
    return None


_CHANGED_BY = re.compile(r"\s+(?:was\s+|were\s+)?(?:up|down)\s+(?:by\s+)?[\d.,]+\s*(?:%|per\s*cent|percent)")
_WITH_LIST = re.compile(r",\s+with\s+(?![^;]*\bwith\b)[^;]*$")
_OF_ITS = re.compile(r"\s+(?:of|for)\s+(?:the\s+)?")
_OWN_IMPORTS = re.compile(r"['’]s?\s+(?:[a-z-]+\s+){0,2}?(?:imports|purchases|import\s+needs|supplies)\b")


_ONWARD = re.compile(r"\bfor\s+(?:onward|further)\s+(?:shipment|delivery|transport|sale)|\btrans-?shipment\b|"
                    r"\bin\s+transit\b", re.I)
_NAMED_GOODS_AFTER = re.compile(r" (?=[a-z])")


def _known_goods_next(s: str, pos: int) -> bool:
    """"sell Kenya transport equipment and machinery": goods the data knows right after the first object."""
    if not s.startswith(" ", pos) or not s[pos + 1:pos + 2].islower():
        return False
    found = find_commodities(s[pos + 1:pos + 60])
    return bool(found) and found[0].start <= 12


# A giving verb with the receiver as its first object: "sold China 5 million tonnes", "sent Kenya $3m worth of …"
_GIVING_IT = re.compile(r"(?i:sold|sells?|selling|shipped|ships?|shipping|sent|sends?|sending|supplied|supplying)"
                        r"\s+(?:it|them)\b(?!\s+(?:to|for|abroad|overseas)\b)")
_PARTNER_WITH = re.compile(r"\b(?:with|to)\s+(?:the\s+)?$")
_GIVING = r"(?i:sold|sells?|selling|shipped|ships?|shipping|sent|sends?|sending)"
_GIVING_VERB = re.compile(_GIVING + r"\s+(?:the\s+)?")
# "Turkey sold Georgia goods for USD 402 mln": the whole trade's word, then its figure
_GOODS_FOR_FIGURE = re.compile(r"\s+(?:goods|products|merchandise|commodities)\s+(?:for|worth|valued\s+at)\s")
_SUPPLIED_WITH = re.compile(r"\s+(?:(?:also|" + MOSTLY + r")\s+)?with\b")
_GIVING_VERB_BEFORE = re.compile(r"\b" + _GIVING + r"\s+(?:the\s+)?$")
_FIGURE_NEXT = re.compile(r"\s+" + APPROX + r"(?:[$€£¥]|US\$|[A-Z]{1,3}\$|[A-Z]{3}\s?\d|\d)")


def _marked_reading(s: str, m: CountryMention, cue: Cue, lex: Lexicon, inside: bool) -> tuple[str, str] | None:
    """A side an agent phrase gives, whatever the mention's form: "produced by", "shipped by"."""
    before = s[max(0, m.start - 40):m.start]
    if inside and _MADE_BY.search(before):
        return "origin", EXPORTER  # "vaccines produced by American companies": where the goods come from
    if inside and _BY_AGENT.search(before) and not _BY_CAUSE.search(s, max(0, m.start - 80), m.start):
        return "agent", _subject_side(cue)  # "stronger buying by Indonesian feedlots", "shipped by Chile"
    return None


def _goods_named_after(s: str, m: CountryMention) -> bool:
    """"US soybeans", "PNG logs": a country's name right before goods the data knows."""
    if not _NAMED_GOODS_AFTER.match(s, m.end):
        return False
    term = find_commodities(s[m.end + 1:m.end + 40])
    return bool(term) and term[0].start == 0


_OF_THE_STATE = re.compile(r"\s+of\s+(?:the\s+)?(?:(?:State|Republic|Kingdom|Sultanate|Emirate|Federation|"
                           r"Commonwealth|Principality|Union)\s+of\s+(?:the\s+)?)?")
_ROLE_OF_TRADE = re.compile(r"\s+(?:(?:countries|markets|nations)\s+)?(?:for|of|with\s+respect\s+to|in)\s+"
                            r"(?:the\s+)?(?P<trade>exports|imports|re-exports|purchases)"
                            + _OF_THE_STATE.pattern)
_AGAINST_BEFORE = re.compile(r"\b(?:against|versus|compared\s+with)\s+(?:the\s+)?$")
_OWN_FIGURE_AFTER = re.compile(r"['’]s\s+" + APPROX + r"(?:[A-Z]{0,3}[$€£¥]|[A-Z][a-z]{0,2}\s?\d|\d)")
_FROM_SUPPLIERS = re.compile(r"\bfrom\s+(?:[\w-]+\s+){0,2}(?:suppliers|sources|origins|producers|countries|"
                             r"exporters)\s+(?:such\s+as|like|including|led\s+by)\s+(?:the\s+)?$", re.I)
# "go to a range of countries, among them Turkey, India and China": where they go, listed after a general word
_TO_MARKETS_SUCH_AS = re.compile(r"\bto\s+(?:[\w-]+\s+){0,3}(?:countries|markets|destinations|nations)\s*,?\s+"
                                 r"(?:such\s+as|like|including|among\s+them|among\s+which|notably|namely|led\s+by)"
                                 r"\s+(?:the\s+)?$", re.I)
_COUNTED_PLACES_NAMED = re.compile(PLACES_COUNTED)
_SOLD_IN = re.compile(r"(?:sell|sells|sold|selling)\s+(?:(?:well|widely|strongly|best|also|too|" + MOSTLY + r")\s+)?"
                      r"in\s+(?:the\s+)?", re.I)
_SALES_IN = re.compile(r"(?:sales|supplying|supplies|supplied|supply|sold|selling)\b"
                       r"(?:(?!\b(?:to|from|into|by)\s+(?:the\s+)?[A-Z])[^.;:,]){0,60}?\s+in\s+(?:the\s+)?", re.I)
_ASIDE_BETWEEN = re.compile(r",\s+(?:which|who|that|where)\b")


_FOUND_BUYERS = re.compile(r"\b(?:found|find|finds|has|have|had|with)\s+(?:(?:loyal|steady|regular|ready|many|"
                           r"willing)\s+)?$", re.I)
# ("… sold through the exchange to the buyers from Türkiye and Portugal": where the buyers come from)
_TO_BUYERS_IN = re.compile(r"\bto\s+(?:\w+\s+){0,2}(?:buyers|importers|customers|clients|consumers|retailers|"
                           r"processors|markets)\s+(?:in|from)\s+(?:the\s+)?"
                           r"(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*(?:,\s+and\s+|,\s+|\s+and\s+)(?:the\s+)?)*$")
_CITY_THEN_COUNTRY = re.compile(r"\b(?P<how>to|into|from|for)\s+(?:the\s+port\s+of\s+)?(?!the\b)"
                                r"(?P<place>(?:[A-Z][\w'’-]+\s+){0,2}[A-Z][\w'’-]+),\s+$")


def _a_town(place: str) -> bool:
    """A place the data knows as no country, bloc or region (a port, a town): "Tampico" in "bound for Tampico,
    Mexico"."""
    return not find_countries(place) and not re.match(REGION, place)
_AFTER_A_PLACE = re.compile(r"\b(?P<how>to|into|from)\s+(?!the\b)(?:[A-Z][\w'’-]+\s+){1,3}(?:and|or)\s+$")


def _placed_reading(s: str, m: CountryMention, cue: Cue, lex: Lexicon, in_region: bool) -> tuple[str, str] | None:
    """A side a preposition or an object gives: "to X", "from X", "supplies X with", "for X's goods"."""
    before = s[max(0, m.start - 40):m.start]
    after_cue = m.start >= cue.end
    if not after_cue and _ASIDE_BETWEEN.search(s, m.end, cue.start):
        return None  # "the line to Richards Bay, which had slowed ore deliveries to port": another clause's place
    if after_cue and in_region and _WITH_LIST_BEFORE.search(before) and _NAMES_THEN_NEXT.match(s, m.start):
        # "China bought the largest share, …, with Japan (₦6.1 billion) and Turkey (₦2.7 billion) next in line":
        # ranked after the subject, on its side
        return "ranked", subject_side(s, cue) if cue.kind.endswith("verb") else (
            IMPORTER if cue.kind in ("export_noun", "buyer_noun") else EXPORTER)
    if after_cue and in_region and _AGAINST_BEFORE.search(before) and _OWN_FIGURE_AFTER.match(s, m.end) \
            and cue.kind.endswith("verb"):
        # "The Netherlands imported goods worth Sh5.1bn from Kenya, against Britain's Sh4.3bn": set beside the subject
        return "against", subject_side(s, cue)
    if after_cue and in_region and _FROM_SUPPLIERS.search(before):
        # "Deliveries from Asian suppliers such as Malaysia and Brunei fell …": where they come from
        return "from", EXPORTER
    if after_cue and in_region and _TO_MARKETS_SUCH_AS.search(s, max(0, m.start - 80), m.start):
        return "to", IMPORTER
    if after_cue and in_region and (_SOLD_IN.fullmatch(s, cue.start, m.start)
                                    or (cue.kind.startswith("export") and _SALES_IN.fullmatch(s, cue.start, m.start))):
        # "Serbian strawberries sell well in Austria", "sales of 34 million trays in Japan", "supplying supermarkets in
        # Britain": where they are sold is where they go
        return "to", IMPORTER
    if after_cue and in_region and cue.kind in ("export_noun", "import_noun") and _TO_REGION_LED_BY.search(
            s, cue.start, m.start):
        # "Shipments to Central and South America also grew, led by Mexico": the region's leading buyer
        return "ranked", IMPORTER if cue.kind == "export_noun" else EXPORTER
    if after_cue and in_region and cue.kind in ("export_noun", "import_noun") \
            and _LIST_NEXT_IN_LINE.match(s, m.start) and _NEXT_IN_LINE_BEFORE.search(s, cue.start, m.start):
        # "…, led by Mexico, with Colombia, Haiti and Honduras next in line": the buyers ranked after it
        return "ranked", IMPORTER if cue.kind == "export_noun" else EXPORTER
    if after_cue and in_region and m.form == "name" and cue.kind in ("buyer_noun", "supplier_noun") \
            and (of_trade := _ROLE_OF_TRADE.fullmatch(s, cue.end, m.start)) \
            and (of_trade["trade"].lower().startswith("import")) == (cue.kind == "supplier_noun"):
        # "the countries of origin with respect to the imports of the State of Qatar": whose imports
        return ("to", IMPORTER) if cue.kind == "supplier_noun" else ("origin", EXPORTER)
    if after_cue and in_region and m.form == "name" and cue.kind in ("export_noun", "import_noun") \
            and _OF_THE_STATE.fullmatch(s, cue.end, m.start) and not _goods_named_after(s, m):
        # (not "China's imports of US soybeans": a name before goods says where they come from)
        return "possessor", _NOUN_SIDES[cue.kind]  # "the exports of the State of Qatar": its own
    if after_cue and in_region and _TO_BUYERS_IN.search(before):
        return "to", IMPORTER  # "deliveries of apples to buyers in Egypt": where the buyers are
    if after_cue and in_region and cue.kind == "buyer_noun" \
            and re.fullmatch(r"\s+in\s+(?:the\s+)?", s[cue.end:m.start]) \
            and _FOUND_BUYERS.search(s, max(0, cue.start - 30), cue.start):  # not "courting buyers in …": a hope
        return "ranked", IMPORTER  # "Pakistani mangoes have long found buyers in the UAE, Saudi Arabia, …"
    if after_cue and in_region and _OWNED_GOODS.match(s, m.end) and find_commodities(s[m.end:m.end + 40]):
        return "origin", EXPORTER  # "the largest destination for Ghana's beans": whose goods, not where to
    if in_region and m.form == "name" and re.search(r"\bfor\s+$", before) \
            and _NAMED_GOODS_AFTER.match(s, m.end) and (term := find_commodities(s[m.end + 1:m.end + 40])) \
            and term[0].start == 0:
        return "origin", EXPORTER  # "the traditional market for PNG coffee": whose coffee, not where it goes
    if after_cue and in_region and cue.kind == "buyer_noun" and _OWNED_EXPORTS.match(s, m.end):
        return "origin", EXPORTER  # "the leading destination for Denmark's exports": whose exports
    if after_cue and in_region and cue.kind == "buyer_noun" and m.form == "name" \
            and re.fullmatch(r"\s+for\s+(?:the\s+)?", s[cue.end:m.start]) and not _goods_follow(s, m.end):
        return "origin", EXPORTER  # "the largest export market for Uzbekistan": the market it sells to
    if after_cue and _SUPPLY_OBJECT.fullmatch(s, cue.start, m.start) and _SUPPLIED_WITH.match(s, m.end):
        # "Peru also supplies India with copper concentrates", "… supplies Fiji mainly with tinned fish": supplied
        return "to", IMPORTER
    if after_cue and m.form == "name" and _GIVING_VERB.fullmatch(s, cue.start, m.start) \
            and (_FIGURE_NEXT.match(s, m.end) or _known_goods_next(s, m.end) or _GOODS_FOR_FIGURE.match(s, m.end)):
        return "to", IMPORTER  # "Brazil sold China 5 million tonnes of soybeans": the first object receives
    if after_cue and cue.kind == "motion" and (cue.form.endswith((" in", " at")) or cue.form in lex.place_only) \
            and (s[cue.end:m.start].strip() in ("", "the", "the port of", "port")
                 or _COUNTED_PLACES_NAMED.fullmatch(s, cue.end, m.start)
                 or (cue.form in lex.place_only and _SELLERS_IN.fullmatch(s, cue.end, m.start))):
        # "the first shipment landed in New Delhi", "arrived at the port of Durban", "Chilean wine enters Bolivia",
        # "reached 61 countries in all, among them Armenia"
        return "to", IMPORTER
    if in_region and (city := _CITY_THEN_COUNTRY.search(before)) and _a_town(city["place"]) \
            and not _NOT_A_DESTINATION.search(before[:city.start("place")]) \
            and not re.search(r"[A-Z][\w'’-]*\s+$", before[:city.start()]):
        # "bound for Tampico, Mexico", "carrying 33,000 tonnes for Paranagua, Brazil": a port, then its country
        # (not "According to Tweya, Namibia was", nor "the Export Council for Medical Industries, Egypt's …")
        return ("from", EXPORTER) if city["how"] == "from" else ("to", IMPORTER)
    if in_region and _AFTER_A_PLACE.search(before):
        # "trucked across the bridge to Lethem and Georgetown": a town the data does not know, then a known one
        return ("from", EXPORTER) if _AFTER_A_PLACE.search(before)["how"] == "from" else ("to", IMPORTER)
    if _MEANT_FOR.search(before):
        return None  # "redirected fruit meant for Kabul to Central Asia": where it was to go, not where it went
    if in_region and lex.to_before.search(before) and (not _NOT_A_DESTINATION.search(before) or (
            _CHANGE_TO.search(before) and OWN_CHANGE.match(s, m.end))):  # "fell to the US (-20.4%)"
        return "to", IMPORTER
    if in_region and lex.from_before.search(before):
        return "from", EXPORTER
    return None


def _noun_reading(s: str, m: CountryMention, cue: Cue) -> tuple[str, str] | None:
    """A side a possessor before an event noun gives: "X's exports", "a share of X's exports", "X's tea went"."""
    if m.end > cue.start:
        return None
    between = s[m.end:cue.start]
    if _POSSESSIVE.match(between) and cue.kind in _NOUN_SIDES:
        return "possessor", _possessor_side(between, cue)
    if m.form == "name" and cue.form in _ATTRIBUTIVE_NOUNS and re.fullmatch(r"\s+(?:[a-z-]+\s+)?", between):
        return "adjective", _NOUN_SIDES[cue.kind]  # "US cargoes jumped", "Russia coal shipments": the name's own
    # ("Uzbekistan, the third largest buyer, saw its purchases fall": an aside on the subject left out)
    if cue.kind in ("export_noun", "import_noun") and m.form in ("name", "capital") \
            and _CHANGED_ITS.fullmatch(_ASIDE_ON_SUBJECT.sub("", between, count=1)) \
            and not _TRANSIT_BEFORE.search(s, max(0, m.start - 40), m.start):
        return "subject", _NOUN_SIDES[cue.kind]  # "Mongolia increased purchases to 9.44 KMT", "Peru doubled exports"
    if cue.kind in ("export_noun", "import_noun") and m.form in ("name", "capital") \
            and _THEIR_OWN.fullmatch(between) and _SUBJECT_LIST_BEFORE.fullmatch(s, 0, m.start):
        # "South Africa and Peru now have four weeks left for their mandarin exports to the UK": the subject's own
        return "subject", _NOUN_SIDES[cue.kind]
    if cue.kind == "import_noun" and m.form == "name" and _LED_THE.fullmatch(between):
        return "ranked", IMPORTER  # "Malaysia led the ASEAN purchases with 17,230 tons"
    if cue.kind == "export_noun" and m.form == "name" and _LED_OTHERS.fullmatch(between):
        return "ranked", IMPORTER  # "Iraq dominated Sri Lanka's tea exports": the first of its buyers
    if cue.kind in ("export_noun", "import_noun") and _SHARE_OF.match(between):
        # "China accounted for 45 per cent of Zambia's copper exports": a share of the exports goes to China
        return "share", IMPORTER if cue.kind == "export_noun" else EXPORTER
    if cue.kind == "motion" and re.match(r"['’]s?\s", s[m.end:m.end + 3]) and _goods_follow(s, m.end):
        return "origin", EXPORTER  # "Half of Kenya's tea went to Pakistan"
    return None


_SELLERS_IN = re.compile(SOLD_IN)  # "… reach shops in Ulaanbaatar"


# "Road shipments through Afghanistan and Uzbekistan have cut delivery times": ways, not subjects
_TRANSIT_BEFORE = re.compile(r"\b(?:through|via|across)\s+(?:the\s+)?(?:[A-Z][\w'’.-]*\s*(?:,|and)?\s*){0,4}$")
_ASIDE_ON_SUBJECT = re.compile(r"^\s*,\s+(?:the|a|an)\s+[^,;()]{1,60},")
_CHANGED_ITS = re.compile(r"\s+(?:(?:has|have|had)\s+)?(?:(?:also|further|sharply|slightly|again)\s+)?"
                          r"(?:increased|raised|boosted|lifted|"
                          r"expanded|doubled|tripled|stepped\s+up|cut|reduced|curbed|halved|slashed|resumed|"
                          r"suspended|stopped|halted|"
                          # "India saw its apparel shipments to the U.S. increase": the subject's own trade
                          r"(?:saw|watched|had|posted|recorded|reported)(?=\s+(?:its|their)\s))\s+(?:its\s+|their\s+)?"
                          r"(?:[\w-]+\s+){0,2}?")
_THEIR_OWN = re.compile(r"\s+(?:[a-z][\w'’-]*\s+){1,8}?(?:their|its)\s+(?:[a-z][\w-]*\s+){0,2}")
# the sentence's subject: countries (and their joints) from its start
_SUBJECT_LIST_BEFORE = re.compile(r"\W*(?:[Tt]he\s+)?(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}\s*(?:,|and|&)\s*)*"
                                  r"(?:the\s+)?")
# "… topped Kenya's exports", "… dominated Sri Lanka's tea exports": another country's exports, led as a buyer
# "Mexico again headed the list of buyers": an adverb between the leader and its verb
_LEADER_ADVERB = r"(?:(?:again|also|once\s+again|once\s+more|still|easily|comfortably|clearly|firmly)\s+)?"
_LED_OTHERS = re.compile(r"\s+" + _LEADER_ADVERB + r"(?:led|topped|headed|dominated)\s+"
                         r"[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2}['’]s?\s+(?:[\w-]+\s+){0,2}?")
_LED_THE = re.compile(r"\s+" + _LEADER_ADVERB + r"(?:led|topped|headed)\s+(?:the\s+)?(?:list\s+of\s+)?"
                      r"(?:[\w-]+\s+){0,2}?")


# Trade nouns a country's name may qualify without "'s" ("US cargoes"); not "exports" or "imports", which after a
# name are mostly verbs ("China imports soybeans")
_ATTRIBUTIVE_NOUNS = frozenset(("cargo", "cargoes", "shipment", "shipments", "delivery", "deliveries", "consignment",
                                "consignments", "export volumes", "import volumes", "arrivals"))


def _ranked_reading(s: str, m: CountryMention, cue: Cue) -> tuple[str, str] | None:
    """A country a role noun ranks: "X was the top buyer", "the largest buyer, Iraq,", "origins such as X"."""
    if cue.kind not in ("buyer_noun", "supplier_noun"):
        return None
    side = IMPORTER if cue.kind == "buyer_noun" else EXPORTER
    if m.start < cue.end:
        between = s[m.end:cue.start]
        held = "share" in cue.form and _HOLDS.match(between)  # "Italy kept the largest market share"
        # "…, with Jamaica once again the biggest buyer at 51,300 tonnes": "with" stands for the copula
        absolute = _WITH_BEFORE.search(s, max(0, m.start - 8), m.start) and _ROLE_WITHOUT_VERB.fullmatch(between)
        return ("ranked", side) if _ranked(between) or held or absolute else None
    if _RANKED_AFTER.match(s[cue.end:m.start]) or _RANKED_ABOVE.fullmatch(s, cue.end, m.start) \
            or (s[m.end:m.end + 1] == "," and re.fullmatch(r"\s*,\s*(?:the\s+)?", s[cue.end:m.start])) \
            or _SUCH_AS.fullmatch(s, cue.end, m.start) or _PLACE_AFTER.match(s[m.end:m.end + 60]) \
            or _ORDINAL_AFTER.match(s, m.end):
        # "Sri Lanka's largest buyer, Iraq, …", "origins such as Benin", "with B and C in third to fifth place"
        return "ranked", side
    return None


_WITH_BEFORE = re.compile(r"\bwith\s+(?:the\s+)?$")
# "… the second market by volume, behind only Chile": the one ranked above holds the role too
_RANKED_ABOVE = re.compile(r"(?:\s+(?:by|in)\s+(?:volume|value|weight|tonnage|revenue))?\s*,?\s+"
                           r"(?:behind|after|trailing)\s+(?:only\s+)?(?:the\s+)?")
_ROLE_WITHOUT_VERB = re.compile(r"\s+(?:(?:once\s+again|again|still|now|also|as)\s+)?(?:the|its|their)\s+"
                                r"(?:[\w'’-]+\s+){0,3}")
_SUPPLY_OBJECT = re.compile(r"(?:suppl(?:y|ies|ied|ying)|provid(?:e|es|ed|ing)|furnish(?:es|ed|ing)?)\s+(?:the\s+)?",
                            re.I)
_SUCH_AS = re.compile(r"\s*,?\s+(?:such\s+as|including|like|notably|namely|led\s+by|among\s+them|among\s+which)"
                      r"\s+(?:the\s+)?")
_OWNED_GOODS = re.compile(r"['’]s\s+(?:[a-z-]+\s+){0,2}?[a-z-]+\b")
_OWNED_EXPORTS = re.compile(r"['’]s\s+(?:(?:total|overall|own|merchandise|goods)\s+)?(?:exports|shipments|sales|"
                            r"export\s+sales|products|goods)\b")

# The side a possessor or a country adjective is on, before an event or role noun.
_NOUN_SIDES = {"export_noun": EXPORTER, "import_noun": IMPORTER, "buyer_noun": EXPORTER,
               "supplier_noun": IMPORTER}


# "according to", "due to", "rose to": a "to" that sends nothing anywhere.
_MEANT_FOR = re.compile(r"\b(?:meant|intended|originally|earmarked|initially)\s+for\s+(?:the\s+)?$", re.I)
_NOT_A_DESTINATION = re.compile(r"\b(?:according|due|thanks|owing|compared|close|equivalent|similar|next|prior|"
                                r"contrary|relative|up|amounting|amounted|rose|fell|increased|decreased|jumped|dropped|"
                                r"grew|climbed|reached|referring|related|belonging|attributed)\s+to\s+(?:the\s+)?$",
                                re.I)
_CHANGE_TO = re.compile(r"\b(?:rose|fell|increased|decreased|jumped|dropped|grew|climbed|declined|slipped)\s+to\s+"
                        r"(?:the\s+)?$", re.I)
# "the US (-11.4 percent)": a partner with its own change in brackets
OWN_CHANGE = re.compile(r"\s*\(\s*[-+−–]?\s?\d[\d.,]*\s*(?:%|per\s*cent|percent)\s*\)")
# "…, with Iraq second at 331 million JOD": a member ranked by its ordinal and its figure
_ORDINAL_AFTER = re.compile(r"\s+(?:second|third|fourth|fifth|sixth|next)\s+(?:with|at|on)\s")
# (a figure in brackets may stand between: "with Armenia (3,390 tons) in second place")
_PLACE_AFTER = re.compile(r"^(?:\s*\([^()]{1,40}\))?\s+(?:came\s+|were\s+|was\s+|ranked\s+|finished\s+)?"
                          r"(?:in\s+)?(?:the\s+)?"
                          r"(?:[\w-]+\s+){0,3}(?:place|places|position|positions|spot|spots)\b"
                          r"|^\s+(?:were\s+|came\s+)?next\s+in\s+line\b", re.I)  # "with A, B and C next in line"
_WITH_LIST_BEFORE = re.compile(r",\s+with\s+(?:[^,;()]*\([^()]{1,30}\)\s*(?:,\s*|\s+and\s+|,\s+and\s+))*(?:the\s+)?$")
_ONE_NAME = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*"
_NAMES_JOINED = r"(?:,\s+|\s+and\s+|,\s+and\s+)(?:the\s+)?"
_NAME_FIGURE = _ONE_NAME + r"(?:\s*\([^()]{1,30}\))?"
_NAMES_THEN_NEXT = re.compile(rf"{_NAME_FIGURE}(?:{_NAMES_JOINED}{_NAME_FIGURE})*"
                              r"\s+(?:next\s+in\s+line|close\s+behind|not\s+far\s+behind|following)\b")
_LIST_NEXT_IN_LINE = re.compile(rf"{_ONE_NAME}(?:{_NAMES_JOINED}{_ONE_NAME})*\s+next\s+in\s+line\b")
_NAMES = r"(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*"
# "Shipments to Central America grew, led by Mexico": a region the trade went to, then its leading country
_REGION_LED_BY = (r"^\w+\s+(?:to|from)\s+(?:the\s+)?[A-Z][\w-]*(?:\s+(?:and\s+)?[A-Z][\w-]*){0,3}\s+"
                  r"[^.;]{0,40}?,\s+(?:led|headed|topped)\s+by\s+")
_TO_REGION_LED_BY = re.compile(_REGION_LED_BY + r"(?:the\s+)?$")
# … "with Colombia, Haiti and Honduras next in line": the ones ranked after the leader
_NEXT_IN_LINE_BEFORE = re.compile(_REGION_LED_BY + rf"{_NAMES},\s+with\s+(?:{_NAMES}(?:,\s+and\s+|,\s+|\s+and\s+))*"
                                  r"(?:the\s+)?$")
_BY_AGENT = re.compile(r"(?<!followed\s)(?<!trailed\s)(?<!led\s)(?<!topped\s)\bby\s+(?:the\s+)?$")  # not a ranking
# … nor a cause: "helped by a promotional campaign by the US industry"
_BY_CAUSE = re.compile(r"\b(?:helped|driven|boosted|supported|hurt|hit|affected|caused|spurred|fuelled|fueled|"
                       r"backed|dented|weighed|offset|prompted|pushed)\s+(?:down\s+|up\s+)?by\b[^.;]*$")
_MADE_BY = re.compile(r"\b(?:produced|made|manufactured|grown|developed|built|assembled|mined|raised|bred|caught|"
                      r"harvested|processed|brewed|bottled)\s+by\s+(?:the\s+)?$")
_RANKING_WORDS = re.compile(r"\b(?:top|biggest|largest|main|leading|key|major|principal|chief|second|third|fourth|"
                            r"fifth|largest|most\s+important|number\s+one|no\.?\s*1|sole|only|single)\b", re.I)


def _possessor_side(between: str, cue: Cue) -> str:
    """"Brazil's exports" sends; "China's imports" receives; "India's biggest buyer" is the one India sells to,
    but "Peru's exporters" and "Egypt's buyers" are Peru's and Egypt's own."""
    # … "Hong Kong's export markets", "Japan's import sources": the trade word says whose they are
    own_trade = re.search(r"\bexport" if cue.kind == "buyer_noun" else r"\bimport", cue.form, re.I)
    if cue.kind in ("buyer_noun", "supplier_noun") and not _RANKING_WORDS.search(between) and not own_trade:
        return IMPORTER if cue.kind == "buyer_noun" else EXPORTER
    return _NOUN_SIDES[cue.kind]


_ON_THE_MARKET = re.compile(r"\s+(?:(?:well|widely|" + MOSTLY + r")\s+)?(?:on|onto|into)\s+the\s+")
# Agents that receive goods: "sold to the Chinese importer X" (but "a market for Kazakh farmers" sells).
_TOOK_A_SHARE = re.compile(r"\s+(?:\w+ly\s+)?(?:accounted\s+for|took|absorbed|made\s+up|represented|bought|"
                          r"purchased)\s+" + APPROX +
                          r"(?:\d[\d.,]*\s*(?:%|per\s*cent|percent)|(?:most|half|the\s+bulk|a\s+third|a\s+quarter))"
                          r"\s+of\b")
_BUYERS_PROPER = frozenset(("importers", "buyers", "customers", "consumers", "purchasers"))
_BUYING_AGENTS = frozenset(("importer", "importers", "buyer", "buyers", "customer", "customers", "consumers",
                            "refiner", "refiners", "mills", "millers", "processors", "feedlots", "retailers",
                            "distributors", "wholesalers", "traders", "roasters", "crushers", "canneries",
                            "smelters", "refineries", "factories", "manufacturers", "packers", "companies", "firms"))


_TO_THE_ADJECTIVE_AND = re.compile(r"\bto\s+(?:the\s+)?[A-Z][\w-]+\s+(?:and|or)\s+$")


_TO_THE_PLACE = re.compile(r"\b(?P<how>to|into|in|from)\s+the\s+(?:(?:[a-z]+ern|central|coastal|remote)\s+)?$")
_PLACE_OF_AFTER = re.compile(r"\s+(?:state|province|region|canton|county|city|port|town|capital|island|coast|district|"
                             r"prefecture|emirate|oblast|border\s+town|border\s+city|port\s+city)\s+of\s+[A-Z]")


def _adjective_reading(s: str, m: CountryMention, cue: Cue, region: tuple[int, int],
                       lex: Lexicon) -> tuple[str, str] | None:
    after = s[m.end:m.end + 40]
    word = re.match(r"\s+([\w-]+)", after)
    before = s[max(0, m.start - 40):m.start]
    if re.search(r"\bof\s+$", before) and re.match(r"\s+origin\b", after):
        return "origin", EXPORTER  # "goods of Lithuanian origin went mainly to Poland"
    if word and word.group(1).lower() in _BUYING_AGENTS and lex.to_before.search(before) \
            and not _NOT_A_DESTINATION.search(before) and region[0] <= m.start < region[1]:
        return "to", IMPORTER  # "sold to the Chinese importer X"
    if word and word.group(1).lower() in _BUYING_AGENTS and cue.kind == "motion" \
            and re.fullmatch(r"\s+(?:the\s+)?", s[cue.end:m.start]):
        return "to", IMPORTER  # "Tajik cotton fibre and dried fruit reach Pakistani buyers": the buyers' country
    if word and word.group(1).lower() in _BUYERS_PROPER and m.end <= cue.start \
            and cue.kind in ("export_verb", "export_noun") and _TOOK_A_SHARE.match(s, m.end + word.end()):
        # "Chinese buyers accounted for 71.4% of the beef Argentina shipped": who bought, ranked by their share
        return "ranked", IMPORTER
    if word and word.group(1).lower() in lex.agent_nouns and m.end <= cue.start:
        return "agent", ""  # "Peruvian exporters shipped": resolved as the subject
    trade = re.match(r"\s+(?:[a-z-]+\s+){1,2}?([a-z]+)\b", after)
    if trade and trade.group(1) in lex.agent_nouns and m.end <= cue.start and cue.kind.endswith("verb") \
            and _SUBJECT_GAP.match(s[m.end + trade.end():cue.start]):
        return "agent", ""  # "Japanese chocolate makers bought": the country's traders of a kind act for it
    if m.end <= cue.start and cue.kind.endswith("verb") and _AGENT_NAMED.match(s, m.end, cue.start):
        return "agent", ""  # "Algerian state buyer Sahara Grain Office bought": the named buyer acts
    if _people(m) and m.end <= cue.start and cue.kind.endswith("verb") and _SUBJECT_GAP.match(s[m.end:cue.start]):
        return "agent", ""  # "Americans bought Chilean salmon": the people of a country act for it
    if m.end <= cue.start and cue.kind in _NOUN_SIDES and _ADJECTIVE_TO_CUE.match(s[m.end:cue.start]):
        # "Chilean cherry exports", "Chinese buyers"; a role noun's adjective is the country itself
        return "adjective", IMPORTER if cue.kind == "buyer_noun" else (
            EXPORTER if cue.kind == "supplier_noun" else _NOUN_SIDES[cue.kind])
    place = _TO_THE_PLACE.search(before)
    if place and _PLACE_OF_AFTER.match(s, m.end) and region[0] <= m.start < region[1] \
            and not _ONWARD.search(s, m.end, m.end + 80):
        # "to the northern Brazilian state of Roraima", "from the Chilean port of Arica": a place of that country
        return ("from", EXPORTER) if place["how"] == "from" else ("to", IMPORTER)
    # … "to the Russian and Belarusian markets": two adjectives of one market noun
    if re.match(r"(?:\s+(?:and|or)\s+[A-Z][\w-]+)?\s+(?:market|markets|consumers|buyers|importers|ports?|side|"
                r"shelves)\b", after, re.I) \
            and (lex.to_before.search(s[max(0, m.start - 40):m.start])
                 or _TO_THE_ADJECTIVE_AND.search(s, max(0, m.start - 40), m.start)
                 # "Peruvian grapes entered the Chinese market", "are sold on the Chinese market"
                 or (cue.kind == "motion" and re.fullmatch(r"\s+(?:[a-z]+ly\s+)?the\s+", s[cue.end:m.start])
                     and not lex.firm_before.search(s, max(0, cue.start - 40), cue.start))
                 or (cue.kind == "export_verb" and cue.end <= m.start
                     and _ON_THE_MARKET.fullmatch(s, cue.end, m.start))):
        if _ONWARD.search(s, m.end, m.end + 80):
            return None  # "to the Romanian port of Constanta for onward shipment": a port the goods pass
        return "to", IMPORTER  # "to the Turkish market"
    if _goods_follow(s, m.end) and not _BREAKDOWN_BEFORE.search(s, max(0, m.start - 60), m.start) \
            and (m.start < region[1] or m.start < cue.start) and region[0] <= m.start:
        return "origin", EXPORTER  # "Tunisian olive oil", "American vaccines"; not those of the next frame's stretch
    return None


# "Vietnam bought 44,800 tonnes, mainly frozen sardines and Indian mackerel": in a breakdown of goods already
# placed, an adjective names a kind of goods (a species, a style), not where they came from
# … but not "including faster clearance of Russian fuel": what follows "including" there is no goods list
_BREAKDOWN_BEFORE = re.compile(r",\s+(?:notably|especially|including|" + MOSTLY + r")\s+"
                               r"(?:(?!\bof\b)[^,;.])*$", re.I)


# A country adjective, a descriptor ending in an agent noun and a name, right before the verb.
_AGENT_NAMED = re.compile(r"\s+(?:[a-z-]+\s+){0,2}(?:buyer|importer|exporter|trader|company|firm|group|producer|"
                          r"miner|refiner|shipper|supplier|agency|board|house|maker|giant|concern|office)\s+"
                          r"(?:[A-Z][\w&'’.-]*\s+){1,5}(?:(?:also|has|have|had|recently|[a-z]+ly)\s+)?$")


def _people(m: CountryMention) -> bool:
    """A plural demonym ("Americans", "Kenyans"): the people of the country, a noun, not an adjective."""
    forms = gazetteer.country_forms()
    return m.surface.endswith("s") and m.surface[:-1] in forms and forms[m.surface[:-1]].code == m.code


_CURRENCY_WORD = re.compile(r"(?:rials?|riyals?|dinars?|dirhams?|shillings?|rupees?|pesos?|reais|real|rand|naira|"
                            r"cedis?|"
                            r"dollars?|pounds?|euros?|francs?|yuan|yen|won|lira|liras|manats?|soms?|somoni|tenge|"
                            r"sums?|lari|drams?|hryvnias?|roubles?|rubles?|zlotys?|kwacha|birr|baht|ringgits?|"
                            r"rupiahs?|dong|taka|kyats?|afghanis?|leva?|lei|krona|kronor|krone)$")


def _goods_follow(s: str, pos: int) -> bool:
    """Lower-case words after a country word, before any punctuation: it qualifies goods."""
    m = re.match(r"(?:['’]s?)?\s+((?:[a-z][\w-]*\s*){1,4})", s[pos:pos + 50])
    if m is None:
        return False
    first = m.group(1).split()[0]
    if _CURRENCY_WORD.match(first):
        return False  # "54.3 million Omani rials": money, not goods of Oman
    return first not in lexicon().goods_stop and first not in lexicon().agent_nouns \
        and first not in ("government", "authorities", "side", "officials", "delegation", "president",
                          "minister", "ministry", "counterpart", "counterparts", "economy", "capital",
                          "market", "markets", "consumers", "buyers", "importers", "exporters", "border",
                          "demand", "consumption", "production", "output", "economy", "growth", "purchases",
                          "ports", "port", "company", "companies", "firms", "traders", "producers", "customs",
                          # "by road through Kazakh territory": a place the goods cross, not their origin
                          "territory", "soil", "roads", "road", "railways", "railway", "waters", "airspace",
                          "transit", "corridor")


def _ranked(between: str) -> bool:
    """"X was the biggest buyer", "X, the top buyer", "X as the main market": X is ranked by the role noun
    ("X is diversifying its markets" ranks nothing)."""
    if _VERB_IN_RANKING.search(between) or _SUITED.search(between):
        return False
    return bool(_COPULA.match(between) or _APPOSITIVE.match(between) or _AS_RANKED.match(between)
                or _PLACED_IN_ROLES.match(between)
                or _ABSOLUTE_RANKED.match(between) or _LED_THE.fullmatch(between))  # "X topped the list of buyers"


# "Australia is the obvious supplier", "Kenya is a natural market": a judgement of fitness, no trade told
_SUITED = re.compile(r"\b(?<!most\s)(?:obvious|natural|ideal|potential|possible|likely|prospective|promising|"
                     r"attractive|alternative|preferred|reliable|trusted|strategic|important|logical)\s+"
                     r"(?:[\w-]+\s+)?$")
# "Italy kept the largest market share", "Germany had the biggest share": holding a share of the trade ranks
_HOLDS = re.compile(rf"^\s+(?:(?:still|again|also|now|once\s+again)\s+)?{_HOLDING}\s+(?:the|a|its)\s+"
                    r"(?:[\w-]+\s+){0,2}$")


# "…, with India, China and Pakistan its largest buyers": a verbless clause ranks the countries
_ABSOLUTE_RANKED = re.compile(r"^\s+(?:its|their|the)\s+(?:[\w-]+\s+){0,3}$")


_VERB_IN_RANKING = re.compile(r"\b(?!(?:leading|growing|emerging|rising|promising|fast-growing|remaining|"
                              r"booming|existing)\b)\w+ing\b", re.I)


# verbs of a country changing its own trade ("South Korea raised its purchases")
OWN_TRADE_CHANGED = r"raised|lifted|increased|boosted|doubled|tripled|halved|stepped\s+up"
_VERB_NEXT = re.compile(r"\s+(?:(?:also|in\s+turn|already|still|" + MOSTLY + r")\s+)?"
                        r"(?:exports?|exported|ships?|shipped|sends?|sent|sells?|sold|supplies|supplied|imports?|"
                        r"imported|buys?|bought|purchased|receives?|received|takes|took|absorbed|"
                        # "…, and South Korea raised its purchases": a subject of its own trade
                        + OWN_TRADE_CHANGED + r")\b")


# A country's name opening a body's: "the Vietnam Pepper Association", "the Kenya Revenue Authority".
_BODY_NAMED_AFTER = re.compile(r"(?:\s+[A-Z][\w&'’-]*){0,3}\s+(?:Association|Authority|Council|Board|Federation|"
                               r"Chamber|Agency|Service|Ministry|Institute|Bureau|Commission|Corporation|Company|"
                               r"Cooperative|Society|Union|Administration|Department|Office)\b")


def _share_along_lists(s: str, mentions: list[CountryMention], readings: dict[int, tuple[str, str]],
                       region: tuple[int, int]) -> None:
    """Members of "A, B and C" share one side: the one a member has ("to Spain and Italy", "Spain and Italy
    were the buyers"). "… ahead of France", "followed by Italy" join the latest country named the same way."""
    lists = lexicon().list_before
    chains: list[list[int]] = []
    for i, m in enumerate(mentions):
        prev = mentions[i - 1] if i else None
        gap = s[prev.end:m.start] if prev is not None else ""
        if i >= 2 and readings.get(i - 1, ("", ""))[0] in ("from", "origin") \
                and readings.get(i - 2, ("", ""))[0] == "subject" and m.form == mentions[i - 2].form != "adjective" \
                and _FIGURE_JOINT.match(gap):
            # "Kazakhstan raised imports from Russia by 4.1% to 188,400 m³, Azerbaijan by 12% to …": the subject's
            # list, past the partner they share
            next(c for c in chains if i - 2 in c).append(i)
            continue
        # "… to South Korea, and Australia sends lithium to China": a country right before a trade verb is that
        # verb's subject, no member of the list before it
        subject_of_next = bool(re.match(r",\s+(?:and|while|but)\s", gap)) and _VERB_NEXT.match(s, m.end)
        if _BODY_NAMED_AFTER.match(s, m.end) or (prev is not None and _VERB_NEXT.match(s, m.end) and (
                prev.end <= region[0] <= m.start or prev.end <= region[1] <= m.start)):
            # "…, the Vietnam Pepper Association said": a body's name, no member of the list; nor a country on the
            # far side of the frame's region ("China received …, and India took …": two subjects of two frames)
            chains.append([i])
            continue
        if prev is not None and _same_form(m.form, prev.form) and not subject_of_next \
                and (_JOINT.match(gap) or _FIGURE_JOINT.match(gap) or _BRACKET_JOINT.match(gap)):
            next(c for c in chains if i - 1 in c).append(i)
            continue
        # "Japan imported 0.9mn t of US LNG and South Korea 0.7mn t": the goods' origin between two members
        if i >= 2 and readings.get(i - 1, ("", ""))[0] in ("origin", "") and m.start < region[1] \
                and m.form == mentions[i - 2].form != "adjective" \
                and _FIGURE_JOINT.match(s[mentions[i - 2].end:m.start]):
            next(c for c in chains if i - 2 in c).append(i)
            continue
        # "… second-largest source of coffee for Germany, after Brazil": a ranking joins the country ranked.
        ranked = [j for j in range(i) if readings.get(j, ("", ""))[0] in ("ranked", "share")]
        head = _list_head(s, mentions, readings, ranked, i)
        own, theirs = readings.get(i), readings.get(head) if head is not None else None
        # "Peru shipped blueberries to 30 markets, including the US": a member placed on the other side starts its own
        if head is not None and m.form != "adjective" and not subject_of_next \
                and lists.search(s[mentions[i - 1].end:m.start]) \
                and ";" not in s[mentions[head].end:m.start] and not (own and theirs and own[1] != theirs[1]):
            next(c for c in chains if head in c).append(i)
            continue
        chains.append([i])
    for chain in chains:
        known = [readings[i] for i in chain if i in readings and readings[i][1]]
        if not known and (side := _region_listed(s, mentions[chain[0]].start, region)) is not None:
            known = [side]  # "Exports to Europe rose 15 percent, led by Spain, France and Italy": Europe's members
        for i in chain if known else []:
            # a member past the frame's stretch belongs to the next frame ("…, followed by Indonesia with …")
            # (nor one that owns the next frame's trade word: "…, and Senegal's purchases rose"; nor, for that
            # frame, a member before its own stretch)
            owns_next = mentions[i].start >= region[1] and _OWNS.match(s, mentions[i].end)
            before_own = known[0][0] == "possessor" and mentions[i].end <= region[0]
            if (mentions[i].start < region[1] or known[0][0] in ("ranked", "subject")) and not owns_next \
                    and not before_own:
                readings.setdefault(i, known[0])


_OWNS = re.compile(r"['’]s?\s")


# "to Europe", "from the Middle East": a region goods go to or come from, which names no country of its own
REGION = (r"(?:the\s+)?(?:Europe|European\s+Union|EU|Asia|Southeast\s+Asia|South\s+Asia|East\s+Asia|Central\s+Asia|"
           r"Africa|West\s+Africa|East\s+Africa|Middle\s+East|Gulf|Latin\s+America|South\s+America|"
           r"North\s+America|Americas|Caribbean|Oceania|Pacific|Asia-Pacific|"
           # a bloc's members are countries too: "went to the CIS, chiefly Uzbekistan (1.9 million tons), …"
           r"CIS|EAEU|Eurasian\s+Economic\s+Union|GCC|ASEAN|Mercosur|ECOWAS|SADC|EAC|COMESA)\b")
# "go to EU markets: Italy (1,204 t), …", "come from Asian suppliers: …": a region's markets, then their list
_REGION_WORD = (rf"(?:{REGION}|(?:the\s+)?(?:European|Asian|African|Arab|Latin\s+American|Middle\s+Eastern|"
                r"Central\s+American|South\s+American|North\s+American|Caribbean|Gulf|Pacific|"
                r"ASEAN|Eurasian|Nordic|Baltic|Balkan|Scandinavian|regional|foreign|overseas|neighbou?ring)\b)")
_REGION_THEN_LIST = re.compile(rf"\b(?P<how>to|into|from)\s+{REGION}(?:[^.;]|\.(?=\d)){{0,120}}?"
                               r"\b(?:led\s+by|including|such\s+as|notably|especially|" + MOSTLY + r"|"
                               r"particularly|in\s+particular)\s+(?:the\s+)?$"
                               rf"|\b(?P<how2>to|into|from|in)\s+(?:(?:the|other|its|their)\s+)*{_REGION_WORD}\s+"
                               r"(?:[a-z]+\s+)?"
                               r"(?:markets?|countries|nations|states|buyers|destinations|members|suppliers|partners)"
                               # "Sales to the other Central American markets also rose markedly: Panama, 22.4%; …"
                               r"(?:\s+(?:also\s+|again\s+)?[a-z]+(?:\s+[a-z]+ly)?)?"
                               r"\s*:\s*(?:the\s+)?$")


def _region_listed(s: str, start: int, region: tuple[int, int]) -> tuple[str, str] | None:
    """The side of a list's members named after a region the frame's goods go to or come from."""
    m = _REGION_THEN_LIST.search(s, region[0], start)
    if m is None or m.end() != start:
        return None
    return ("to", IMPORTER) if (m["how"] or m["how2"]) != "from" else ("from", EXPORTER)


def _same_form(a: str, b: str) -> bool:
    """Mentions that can be members of one list: "the US, the EU, Japan and Taiwan" (a bloc among names)."""
    return a != "adjective" and (a == b or {a, b} == {"name", "bloc"})


def _owns_goods(s: str, m: CountryMention, how: str) -> bool:
    """A country written as the goods' owner ("Ghana's cocoa", "China's imports")."""
    return how == "possessor" or (how == "origin" and s.startswith(("'s", "’s"), m.end))


def _list_head(s: str, mentions: list[CountryMention], readings: dict[int, tuple[str, str]], ranked: list[int],
               i: int) -> int | None:
    """The country a list word ("followed by", "ahead of") adds mention `i` to: the one ranked, else the latest
    named the same way, else the latest that acts ("Americans bought …, followed by Brazil")."""
    if mentions[i].form == "adjective":
        return None
    if ranked:
        return ranked[-1]
    # the goods' owner is not ranked: "Germany took 28% of Ghana's cocoa, followed by Malaysia with 17%"
    same = next((j for j in range(i - 1, -1, -1) if mentions[j].form == mentions[i].form
                 and not _owns_goods(s, mentions[j], readings.get(j, ("", ""))[0])), None)
    if same is not None and readings.get(same, ("", ""))[0] == "to" \
            and _GIVING_VERB_BEFORE.search(s, max(0, mentions[same].start - 16), mentions[same].start):
        # "Turkey sold Georgia goods for $402m, ahead of Russia": the giver is ranked, not the first object
        same = next((j for j in range(same - 1, -1, -1) if readings.get(j, ("", ""))[0] == "subject"), same)
    if same is not None:
        return same
    return next((j for j in range(i - 1, -1, -1)
                 if readings.get(j, ("", ""))[0] in ("subject", "to", "from", "possessor")), None)


_ITS_MARKET = re.compile(r"\s+(?:market|buyers|importers)\s+(?:(?:also|alone|then)\s+)?")
# ("The Philippines, still the largest importer with 38.6% of the market, took …": an adverb before it too)
_ASIDE_BEFORE = re.compile(r",\s+(?:(?:still|now|again|once\s+again|long|traditionally|also)\s+)?"
                           r"(?:the|a|an|which|who|whose|one\s+of)\b[^,;]{0,120},\s*(?:(?:\w+ly|also)\s+)?$")


def _subject(s: str, mentions: list[CountryMention], readings: dict[int, tuple[str, str]], cue: Cue,
             clause: tuple[int, int], lex: Lexicon) -> int | None:
    """The acting country before a verb cue: a name or capital, or "Peruvian exporters"; none in the passive."""
    if not cue.kind.endswith("verb") or (_passive(s, cue) and not _RECEIVED_WITH.match(s[cue.end:cue.end + 8])):
        return None
    aside = _ASIDE_BEFORE.search(s, clause[0], cue.start)  # "the UK, the traditional market for Kenyan blends,"
    lo = aside.start() if aside else cue.start
    before = [i for i, m in enumerate(mentions) if clause[0] <= m.start and m.end <= lo]
    if not before:
        return None
    i = before[-1]
    m, how = mentions[i], readings.get(i, ("", ""))[0]
    people = m.form == "adjective" and _THE_PEOPLE.search(s, max(0, m.start - 4), m.start) \
        and (_SUBJECT_GAP.match(s[m.end:cue.start])  # "the Dutch sell Kenya machinery": the people act
             or _ITS_MARKET.fullmatch(s, m.end, cue.start))  # "The Russian market took 111,000 tonnes": its buyers
    if how in ("to", "from", "origin", "possessor") or (m.form == "adjective" and how != "agent" and not people):
        return None
    between = s[m.end:cue.start]
    if re.fullmatch(r"\s[–—]\s*", between) and _DASH_BEFORE_LIST.search(s, clause[0], m.start):
        between = " "  # "five of them — the US, the Netherlands and Canada — took 96.1%": dashes set off the subject
    if how == "agent" or _SUBJECT_GAP.match(between) or _RELATIVE_ASIDE.match(between) \
            or _AMONG_THOSE_WHO.fullmatch(between) \
            or (people and _ITS_MARKET.fullmatch(between)) \
            or ((cue.form.endswith("ing") or between.endswith("having ")) and (_COPULA_THEN_PARTICIPLE.match(between)
                                              or _ADVERBIAL_PARTICIPLE.match(between)
                                              or _PREDICATE_THEN_PARTICIPLE.fullmatch(between))):
        return i
    return None


# "Qatar and Canada were also among the countries that imported the fruit", "Kenya is one of the markets that
# buy it": the subject is one of those the relative clause tells of
_AMONG_THOSE_WHO = re.compile(r"\s+(?:was|were|is|are|remain(?:s|ed)?)\s+(?:(?:also|again|still|now)\s+)?"
                              r"(?:among|one\s+of)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}(?:countries|markets|nations|buyers|"
                              r"destinations|states|economies|suppliers|sources|origins|exporters|importers)\s+"
                              r"(?:that|which|who)\s+(?:(?:also|have|has|had|already|regularly)\s+)*")


# "Uzbekistan lifted its share to 10.9% after buying 556,200 m³": the subject of the main verb does the buying
# "… posted increases of 14, 61 and 9 percent after importing …": commas inside a list of figures
_ADVERBIAL_PARTICIPLE = re.compile(r"\s+[a-z](?:[^,;]|,\s+(?=\d)){0,90}?\b(?:after|before|while|by|when)\s+$")


# "China again dominated the mutton trade, taking 9,870 tonnes": a predicate of the subject's, then the participle
# (lower-case words only: no other name, no figure between)
# ("Egypt tops the ranking, having taken …": the perfect participle too)
_PREDICATE_THEN_PARTICIPLE = re.compile(r"\s+(?:[a-z][\w'’-]*\s+){1,7}?[a-z][\w'’-]*,\s+(?:having\s+)?")
_DASH_BEFORE_LIST = re.compile(r"\s[–—]\s(?:the\s+)?[A-Z][^–—]*$")
_THE_PEOPLE = re.compile(r"\b[Tt]he\s+$")
# "India was supplied with crude by Iraq": the passive subject of "supplied with" receives.
_RECEIVED_WITH = re.compile(r"\s+with\b")


def _passive(s: str, cue: Cue) -> bool:
    return bool(re.search(r"\b(?:was|were|been|being|is|are|be|get|got)\s+(?:(?:\w+ly|also|still|now|being|then|"
                          r"first|already)\s+)?$", s[max(0, cue.start - 30):cue.start]))


def _subject_side(cue: Cue) -> str:
    return EXPORTER if cue.kind in EXPORTING else IMPORTER


def subject_side(s: str, cue: Cue) -> str:
    """The side a verb's subject is on; a passive "was supplied with" turns it round."""
    if _passive(s, cue) and _RECEIVED_WITH.match(s[cue.end:cue.end + 8]):
        return IMPORTER if cue.kind in EXPORTING else EXPORTER
    return _subject_side(cue)

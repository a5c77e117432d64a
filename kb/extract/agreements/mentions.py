"""Mentions of instruments: a kind noun ("protocol", "MoU") widened to the article's designation.

A designation runs left over the noun's modifiers ("bilateral", "Chile-Peru") and
right over its complement ("on mutual assistance in customs matters", "between A
and B") up to a word that ends a noun phrase (a verb, a date, a clause).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from kb.extract import gazetteer
from kb.extract.agreements.lexicon import BODY_OF, drop_words, nouns
from kb.extract.agreements.model import Mention, countries_in
from kb.extract.context import ArticleContext, Sentence, mentions_of
from kb.normalize import initials

Names = tuple[tuple[int, int], ...]  # spans of the names of agencies and countries

# A word before a kind noun is part of the designation ("EU-Mercosur association agreement") unless it is a
# function word, a verb or participle, an adverb, a number or a plural possessive.
_MODIFIER = re.compile(r"(?:[A-Z][\w’'&.–-]*|[a-z][a-z-]*)$")
_NOT_MODIFIERS = frozenset({
    "the", "a", "an", "of", "on", "in", "for", "with", "to", "and", "or", "by", "at", "from", "as", "than", "into",
    "his", "her", "our", "its", "their", "my", "your", "this", "that", "these", "those", "such", "any", "no", "not",
    "which", "who", "whose", "what", "all", "each", "every", "both", "some", "most", "more", "other", "one", "two",
    "three", "four", "five", "six", "seven", "eight", "nine", "ten", "is", "are", "was", "were", "be", "been", "has",
    "have", "had", "will", "would", "can", "could", "should", "may", "might", "must", "shall", "do", "does", "did",
    "sign", "signs", "ink", "inks", "seal", "seals", "reach", "reaches", "conclude", "concludes", "adopt", "adopts",
    "approve", "approves", "ratify", "ratifies", "renew", "renews", "extend", "extends", "under", "per", "via",
    "about", "after", "before", "between", "over", "against", "during", "since", "while", "if", "but", "so", "also",
    "then", "there", "here", "it", "they", "we", "he", "she", "says", "said", "say", "like", "unlike", "new", "first",
})
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
          r"Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)")
# Adverbials that follow a designation without belonging to it: "on Monday", "on 3 May", "in 2016".
_ADVERBIAL = (rf"on\s+(?:{_WEEKDAY}|{_MONTH}|\d|the\s+(?:\d|same|sidelines|margins|occasion|eve)|behalf|"
              r"(?:its|their|his|her|our)\s+own)|"
              rf"in\s+(?:{_MONTH}|\d{{4}}|the\s+(?:presence|framework|course)\b)|"
              # "traded under it for decades", "for the past ten years": how long, not what for
              r"for\s+(?:decades|years|months|weeks|centuries|generations|(?:the\s+)?(?:past|last|next)\s+|"
              r"(?:over\s+|more\s+than\s+)?(?:a|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+"
              r"(?:years?|months?|decades?)\b)")
_COMPLEMENT_START = re.compile(rf"\s+(?!{_ADVERBIAL})(?P<word>on|between|concerning|regarding|for|to(?!\s+be\b)|"
                               r"amending|of|in\s+the\s+fields?\s+of|with|establishing|setting\s+up|among|expanding|extending|"
                               r"updating|upgrading|revising|moderni[sz]ing|creating|introducing|covering|"
                               r"relating\s+to|governing)\b")
# "the Protocol to Amend…", "the protocol to upgrade…": an infinitive that is the title's own.
_TITLE_VERB = re.compile(r"\s+(?:[A-Z]\w+|amend|upgrade|update|modify|revise|establish)\b")
_FIRST_PARTY = re.compile(r"\s+(?:the\s+)?")
_NEXT_PARTY = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?")
_QUOTED_TERM = re.compile(r"\s*[\"“][\w’'-]+(?:\s[\w’'-]+){0,4}[\"”](?=\s+(?:for|of|on|in|and|to)\s)")
_QUOTED_SUBJECT = re.compile(r"\s*[\"“‘'][a-z][^\"”’'\n]{4,120}[\"”’']")
_ABBREVIATION_AFTER = re.compile(r"\s*\([A-Z][A-Za-z-]{1,9}\)")
# Words that end a designation's complement: punctuation, a clause, a verb, an adverbial.
_VERBS = ("which|that|who|whose|where|signed|sealed|inked|agreed|struck|initial(?:l)?ed|ratified|approved|adopted|"
          "launched|reached|announced|welcomed|hailed|negotiated|concluded|put|was|were|is|are|be|been|being|has|have|had|will|would|"
          "can|could|should|must|may|might|shall|does|did|do|meant|entered|enters|enter|took|takes|came|comes|"
          "remains?|remained|governs?|governed|covers|aims?|allows?|provides?|sets|gives?|lets|eliminates?|cuts|"
          "removes?|opens?|paves?|builds?|replaces?|amends|expands?|requires?|says|said|calls?|seeks?|marks?|"
          "became|becomes|went|goes|includes?|expired|expires|lapsed|ended|ends|stipulates?|envisages?|foresees|"
          "reduces?|lowers?|raises?|lifts?|grants?|offers?|also|still|now|already|formally|officially|finally|"
          "recently|just|because|although|though|but|if|once|unless|until|before|amid|despite|ahead|since")
# "… in customs matters of 27 May 1996": the date the title ends with is the instrument's, not part of its name
OF_DATE = re.compile(rf"\s+of\s+(?:(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?{_MONTH}\s+\d{{4}}"
                     rf"|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{4}})\b")
_STOP = re.compile(r"\s*(?:[,.;:()\[\]“”\"]|[–—]|\s-\s|\b(?:" + _VERBS + r"|under|at|by|after|during|last|next|this|"
                   r"yesterday|today|tomorrow|earlier|later|here|there|as\s+well\s+as|another|"
                   r"and\s+(?:the|a|an|to|agreed|said|signed|another)\b|in\s+(?:[A-Z]\w+\s+)?on\b|"
                   # "… adopted its work plan for 2027-2028 and asked the Secretariat": a verb of the next clause
                   r"and\s+(?!(?:related|associated|integrated|advanced|processed|sustained|combined|coordinated|"
                   r"automated|harmonized|harmonised|simplified|expanded|enhanced|improved|detailed|"
                   r"specialized|specialised)\b)[a-z]+ed\s+(?:the|a|an|its|their|to|that)\b|"
                   rf"{_ADVERBIAL}|following|when|while|so|to\s+(?:make|help|boost|"
                   r"promote|facilitate|ease|strengthen|expand|put|be)\b|one\s+on)\b)")
_IN_PLACE = re.compile(r"\s+in\s+(?=[A-Z])")
# "… in the border city of Chetumal", "in the Turkish city of Izmir": where it was signed, not its subject
_IN_CITY_OF = re.compile(r"\s+in\s+the\s+(?:[\w-]+\s+)?(?:city|capital|town|port|resort|village)\s+of\s+[A-Z]")
# "… Assistance in Customs Matters": a subject field of the title, not a place.
_IN_MATTERS = re.compile(r"\s+in\s+(?:the\s+)?(?:[A-Z][\w-]+\s+){1,3}(?:Matters|Affairs|Questions|Issues|Field|Fields|"
                         r"Sphere|Spheres|Area|Areas)\b")
_AT_NAMED = re.compile(r"\s+at\s+(?=[A-Z])")
_POST = re.compile(r"(?i)(?:post|posts|border|crossing|point|points|port|station|terminal|checkpoint|bridge|patrols?|"
                   r"controls?|inspections?)$")
# A list of topics inside a complement: ", fisheries and rural development", ", investment and e-commerce".
_ITEM_STOPS = ("a|an|the|and|or|which|that|who|signed|was|were|is|are|has|have|had|will|would|said|says|while|"
               "when|as|but|on|in|at|by|for|to|with|from|its|their|this|these|those|one|another|both|each")
_ITEM = rf"(?!(?:{_ITEM_STOPS})\b)[a-z][\w-]*"
_LIST_TAIL = re.compile(rf",\s+{_ITEM}(?:\s+{_ITEM}){{0,3}}(?:,\s+{_ITEM}(?:\s+{_ITEM}){{0,3}})*,?\s+and\s+(?={_ITEM})")
# The parties of a legal title: "between the Union and its member states, of the one part, and X, of the other part".
_PART = re.compile(r",\s+of\s+the\s+(?:one|other)\s+part\b(?:,\s+and\s+)?")
_NUMBERED = re.compile(r"\s+(?:No\.?\s*)?(?:\d{1,3}|[IVX]{1,5})\b(?!\s*(?:%|per\s*cent|[-–]))")
_PARENTHESIS = re.compile(r"\s*\((?!\s*[A-Z][A-Za-z-]{1,9}\s*\))[^()\n]{2,120}\)")
_PARTY = r"(?:the\s+)?[A-Z][\w'’.&-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w'’.&-]*)*"
_PARTIES = re.compile(rf"\s+{_PARTY}(?:\s*,\s*{_PARTY})*,?\s+and\s+{_PARTY}"
                      r"(?:\s+and\s+[A-Z][\w'’-]*(?=\s+(?:on|concerning|regarding|in\s+the)\b|[,.;]|$))?")
_TOPIC = re.compile(r"(?=\s+(?:on|concerning|regarding|relating\s+to|in\s+the\s+fields?\s+of|for\s+(?:the\s+)?[a-z]|"
                    r"to\s+(?!be\b)[a-z]+))")
# … or "with the customs administration of Paraguay": a partner body described by its country
_WITH_NAMES = re.compile(rf"\s+with\s+(?:the\s+)?{BODY_OF}"
                         r"(?:[A-Z][\w.'’&-]*)(?:\s+(?:and\s+|of\s+)?[A-Z][\w.'’&-]*)*")
_WORD = re.compile(r"\s*(?:[A-Z]\.)+|\s*\S+?(?=[\s,.;:()“”\"]|$)")
_ABBREVIATED = re.compile(r"(?:\b[A-Z]\.){2,}$")
# Nothing but a list marker before a sentence's first word: "- Protocol 2", "1. Agreement on…".
_LEAD = re.compile(r"\s*(?:[-–—•*·▪●]|\(?\d{1,2}[.)]|\(?[a-h][.)])?\s*")
_NEGATED = re.compile(r"(?i)(?:\bno|\bwithout(?:\s+(?:a|an|any))?|"
                      r"\b(?:lacks?|lacking|lack\s+of|absence\s+of)\s+(?:a|an|any)|"
                      r"\bnot\s+(?!just\b|only\b|merely\b)(?:yet\s+)?(?:[\w-]+\s+){0,2}?(?:a|an|any)|"
                      r"\bnever\s+(?:[\w-]+\s+)?(?:a|an|any)|\bneither\b[^,;.]*?\b(?:a|an|any))\s+$")
# An older instrument: "the original FTA", "the 2009 agreement", the one a protocol amends ("to upgrade their FTA"),
# the one a new phase builds on ("the second phase of the FTA").
_AMEND = r"(?:amend|upgrad|updat|revis|moderni[sz])"
_OLDER = re.compile(rf"(?i)\b(?:(?:original|previous|existing|earlier|former|prior|old|(?:19|20)\d\d)\s+|"
                    rf"(?:{_AMEND}(?:e|es|ing|s)?\s+(?:(?:the|their|its)\s+)?|{_AMEND}ed\s+(?:the|their|its)\s+|"
                    r"amendments?\s+to\s+(?:(?:the|their|its)\s+)?|(?:phase|stage|upgrade|review|revision|version|"
                    r"update)\s+of\s+(?:(?:the|their|its)\s+)?)(?:(?:19|20)\d\d\s+)?)$")
_OF_AN_EARLIER_YEAR = re.compile(r"\s+of\s+(?:19|20)\d\d")
_NEWER = re.compile(r"(?i)\b(?:new|updated|modernized|modernised|upgraded|revised|amended)\s+$")
_OTHER = re.compile(r"(?i)\b(?:another|similar|separate|second|different)\s+(?:[\w-]+\s+){0,2}$")
_INDEFINITE = re.compile(r"(?i)\b(?:a|an|another|separate|similar|second)\s+(?:[\w-]+\s+){0,2}$")
# A predicate ("This is a high-quality agreement"): says what an instrument is, names no new one.
_ORDINAL = r"(?:first|second|third|latest|largest|biggest|most|only|main|single|seventh|\d+(?:st|nd|rd|th))"
# ... or an apposition ("…signed a pact on Monday, the bloc's first trade deal with an Asian country").
_PREDICATE = re.compile(rf"(?i)(?:\b(?:is|was|are|were|be|been|remains|(?:described|seen|hailed|called|billed|touted)"
                        # "would be the Maldives' second free trade pact": an owner between "the" and the ordinal
                        rf"\s+(?:it\s+)?as)\s+(?:a|an|the\s+(?:[A-Z][\w'’-]*\s+)?{_ORDINAL}|[A-Z][\w-]*['’]s?\s+{_ORDINAL})"
                        rf"|,\s+(?:its|their|the\s+(?:[\w'’-]+\s+){{0,4}}?)"
                        rf"{_ORDINAL})\s+(?:(?!(?:under|of|in|since|for|from|with|to|on|at|by)\s)[\w-]+\s+){{0,3}}$")
# "Among them are an Agreement on …, a Memorandum …": the items of a list of signed texts, not a predicate.
_AMONG = re.compile(r"(?i)\W*(?:among\s+(?:them|these|those|the\s+\w+(?:\s+\w+)?)|(?:these|they|the\s+\w+)\s+"
                    r"include[ds]?)\b")
_DEFINITE = re.compile(r"(?i)\b(?:the|this|that|these|those|its|their|such)\s+(?:(?!(?:a|an)\s)[\w-]+\s+){0,3}$")


def find_mentions(ctx: ArticleContext) -> dict[int, list[Mention]]:
    """The article's designations of instruments, by sentence (index), left to right: one scan of the text."""
    text = ctx.text
    pattern, _spec = nouns()
    starts = [s.start for s in ctx.sentences]
    out: dict[int, list[Mention]] = {}
    names: dict[int, Names] = {}
    for m in pattern.finditer(text):
        n = bisect_right(starts, m.start()) - 1
        if n < 0 or m.end() > ctx.sentences[n].end:
            continue
        sent = ctx.sentences[n]
        if n not in names:
            names[n] = _names(ctx, sent)
        mention = _mention(ctx, sent, m, names[n])
        if mention is not None:
            out.setdefault(n, []).append(mention)
    _add_defined_abbreviations(ctx, out, names)
    return out


_DEFINED = re.compile(r"\s*\((?P<abbr>[A-Z]{2,6})\)")
_DEFINED_LAST = re.compile(r"\s*\((?P<abbr>[A-Z]{2,6})\)$")
_BACK_REFERENCE = re.compile(r"\b(?:the|its|their|this|that)\s+$", re.I)


def _add_defined_abbreviations(ctx: ArticleContext, out: dict[int, list[Mention]], names: dict[int, Names]) -> None:
    """"Comprehensive Economic Partnership Agreement (CEPA)" defines CEPA: "the CEPA with the UAE" later is a
    designation too, of the same kind."""
    text, (_pattern, spec) = ctx.text, nouns()
    # after the noun ("Agreement (CEPA) between …") or after the whole title ("Agreement for Trans-Pacific
    # Partnership (CPTPP)")
    defined = {d["abbr"]: found.info for found in (m for ms in out.values() for m in ms)
               if (d := _DEFINED.match(text, found.ne) or _DEFINED.match(text, found.end)
                   or _DEFINED_LAST.search(text, found.ne, found.end)) and d["abbr"] not in spec}
    if not defined:
        return
    starts = [s.start for s in ctx.sentences]
    for m in re.finditer(rf"(?<![\w(-])(?P<case>{'|'.join(map(re.escape, defined))})(?![\w)-])", text):
        n = bisect_right(starts, m.start()) - 1
        if n < 0 or m.end() > ctx.sentences[n].end or any(x.ns <= m.start() < x.end for x in out.get(n, [])) \
                or not _BACK_REFERENCE.search(text, max(0, m.start() - 8), m.start()):
            continue  # "the CEPA", "its CEPA" refer back to the one defined; "former CEFTA members" do not
        names.setdefault(n, _names(ctx, ctx.sentences[n]))
        mention = _mention(ctx, ctx.sentences[n], m, names[n], info={**defined[m["case"]], "case": True})
        if mention is not None:
            out.setdefault(n, []).append(mention)
            out[n].sort(key=lambda x: x.ns)


_AN_EVENT = re.compile(r"[^.;]{0,80}?\b(?:will\s+be\s+held|was\s+held|is\s+held|is\s+being\s+held|took\s+place|"
                       r"takes\s+place|will\s+take\s+place|gathering|attended|attendees|delegates|exhibitors|"
                       r"opens|opened|kicks?\s+off)\b")


_VENUE_AFTER = re.compile(r"\s+(?:Centre|Center|Hall|Complex|Grounds|Palace|Venue)\b")


def _mention(ctx: ArticleContext, sent: Sentence, m: re.Match[str], names: Names,
             info: dict | None = None) -> Mention | None:
    """The designation around a kind noun: its span, name and what the words before it say."""
    text = ctx.text
    _pattern, spec = nouns()
    noun = m.group("case") or m.group("icase")
    info = info or spec.get(noun if m.group("case") else noun.lower())
    if info is None:
        return None
    ns, ne = m.start(), m.end()
    if noun.lower() in ("convention", "conventions") and (_AN_EVENT.match(text, ne, sent.end)
                                                          or _VENUE_AFTER.match(text, ne, sent.end)):
        # "The Thai Rice Convention 2026, an annual gathering of buyers, will be held in Bangkok"; "the Gaborone
        # International Convention Centre": an event or its venue
        return None
    if info.get("case") and noun.isupper() and _names_a_body(text, noun):
        return None  # "the Malawi Revenue Authority (MRA)": the article's MRA is a body, not an arrangement
    start = left_start(text, ns, sent.start)
    before = text[max(sent.start, start - 60):start]
    definite = bool(_DEFINITE.search(before))
    end = right_end(text, ne, sent.end, purpose=not definite, names=names)
    return Mention(sent=sent, noun=noun, info=info, ns=ns, ne=ne, start=start, end=end,
                  name=text[start:end].strip(), definite=definite,
                  proper=noun[0].isupper() and not info.get("case") and not _LEAD.fullmatch(before_noun(sent, ns)),
                  negated=bool(_NEGATED.search(before)),
                  # "the 2009 agreement", "the EFTA-Ukraine Free Trade Agreement of 2010": a text of an earlier year
                  older=bool(_OLDER.search(before)) or bool(_OF_AN_EARLIER_YEAR.fullmatch(text, ne, end)),
                  newer=bool(_NEWER.search(before)), indefinite=bool(_INDEFINITE.search(before)),
                  predicate=bool(_PREDICATE.search(before)) and not _AMONG.match(text, sent.start, start),
                  other=bool(_OTHER.search(before)))


@lru_cache(maxsize=256)  # asked for every mention of the abbreviation: the article's brackets are read once
def _names_a_body(text: str, abbreviation: str) -> bool:
    """Whether the article defines an abbreviation in brackets after a name that is no instrument's."""
    pattern = nouns()[0].pattern
    for m in re.finditer(rf"\(\s*{re.escape(abbreviation)}\s*\)", text):
        before = text[max(0, m.start() - 100):m.start()].rstrip()
        last = list(pattern.finditer(before))
        # "… Agreement (CEPA)", "… Agreement for Trans-Pacific Partnership (CPTPP)": the title's words run on to it
        if not last or not _TITLE_RUNS_ON.fullmatch(before, last[-1].end()):
            return True
    # "the Mauritius Revenue Authority … the MRA, through its Director General": a body's name of those initials
    # (not "Mutual Recognition Arrangement": an instrument's own words)
    for m in _CAPITALISED_RUN.finditer(text):
        if initials(m.group()) == abbreviation and not pattern.search(m.group()):
            return True
    return False


_CAPITALISED_RUN = re.compile(r"\b[A-Z][a-z]+(?:\s+(?:of\s+|and\s+|for\s+|the\s+|&\s+)*[A-Z][a-z]+){1,5}")


_TITLE_RUNS_ON = re.compile(r"(?:\s+(?:[A-Z][\w'’-]*|of|for|on|and|the|in|between|to|with))*")


def _names(ctx: ArticleContext, sent: Sentence) -> Names:
    """(start, end) of the agencies and countries a sentence names, the parties a title may list."""
    agencies = [(a.start, a.end) for a in mentions_of(ctx).agencies if sent.start <= a.start < sent.end]
    return tuple(agencies + [(c.start, c.end) for c in countries_in(ctx, sent.start, sent.end)])


def before_noun(sent: Sentence, ns: int) -> str:
    return sent.text[:ns - sent.start]


# a capitalised modifier that is no country's name before "and" ("Cooperation and Partnership")
_TITLED_BEFORE_AND = re.compile(r"\b[A-Z][a-z]+(?:ion|ic|al|ive|ship|ment|ce|ty|ary|ade)\s*$")


# a capitalised word before "in"/"of" inside a title's modifiers, itself after a capitalised word or the sentence's
# start ("… the Quadrilateral Traffic in Transit Agreement")
_TITLED_LINKED = re.compile(r"(?:^|\s)(?:[A-Z][a-z]+\s+)?([A-Z][a-z]{3,})\s*$")


_TIME_WORDS = frozenset(("today", "yesterday", "tomorrow", "tonight", "week", "month", "year", "monday", "tuesday",
                         "wednesday", "thursday", "friday", "saturday", "sunday", "weekend"))


def left_start(text: str, start: int, floor: int) -> int:
    """Widen a mention to the modifiers before its noun ("bilateral", "Chile-Peru")."""
    pos, hopped = start, False
    for _ in range(6):
        m = re.search(r"(\S+)\s+$", text[max(floor, pos - 40):pos])
        if not m:
            break
        word = m.group(1)
        low = word.lower()
        if low == "and" and pos < start and text[pos:pos + 1].isupper() and _TITLED_BEFORE_AND.search(
                text, max(floor, pos - len(m.group(0)) - 30), pos - len(m.group(0))):
            # "Comprehensive Economic Cooperation and Partnership Agreement": "and" inside a title's modifiers
            pos = pos - len(m.group(0))
            continue
        linked = _TITLED_LINKED.search(text, max(floor, pos - len(m.group(0)) - 30), pos - len(m.group(0)))
        if low == "in" and not hopped and pos < start and text[pos:pos + 1].isupper() and linked \
                and linked.group(1) not in gazetteer.country_forms():
            hopped = True
            # "Quadrilateral Traffic in Transit Agreement": a link word between two capitalised modifiers
            pos = pos - len(m.group(0))
            continue
        if low[:-2] in _TIME_WORDS and low.endswith(("'s", "’s")):
            break  # "Today's agreement", "Friday's accord": the one told, when it was signed
        if low in drop_words() or low in _NOT_MODIFIERS or not _MODIFIER.match(word) or \
                (word[0].islower() and low.endswith(("ed", "ing", "ly", "'", "’"))):
            break
        before = pos - len(m.group(0))
        if word[0].islower() and re.search(r"\bto\s+$", text[max(floor, before - 4):before]):
            break  # "agreed to open free trade talks": a verb after "to", not a modifier
        pos = pos - len(m.group(0))
    return pos


def right_end(text: str, end: int, limit: int, purpose: bool = True, names: Names = ()) -> int:
    """Widen a mention to its number, abbreviation and complement ("Protocol 2", "(PTA)", "on mutual assistance
    in customs matters"); `purpose` lets an infinitive in ("an agreement to promote trade")."""
    pos = _numbered(text, end, limit)
    abbr = _ABBREVIATION_AFTER.match(text, pos, limit)
    if abbr and _COMPLEMENT_START.match(text, abbr.end(), limit):  # "The Agreement (PTA) between A and B"
        pos = abbr.end()
    m = _COMPLEMENT_START.match(text, pos, limit)
    if not m or (m.group("word") == "to" and not purpose and not _TITLE_VERB.match(text, m.end(), limit)):
        return pos
    titled = _is_titled(text, pos, limit)
    if m.group("word") == "with":
        names = _WITH_NAMES.match(text, pos, limit)
        if not names:
            return pos
        # "an agreement with Tanzania for a one-stop border post": the topic goes on.
        topic = _TOPIC.match(text, names.end(), limit)
        return _trim(text, pos, _complement_end(text, names.end(), limit, titled) if topic else names.end())
    if m.group("word") == "between":
        return _between(text, m.end(), limit, titled, names)
    quoted = _QUOTED_SUBJECT.match(text, m.end(), limit)
    if quoted is not None and m.group("word") in ("on", "concerning", "regarding", "for"):
        return quoted.end()  # 'an agreement on "mutual assistance and cooperation in customs matters"'
    end = _trim(text, pos, _complement_end(text, m.end(), limit, titled))
    return end if end > m.end() else pos


def _numbered(text: str, end: int, limit: int) -> int:
    """"Protocol 2", "Annex II", "Protocol 1 (on veterinary certificates)"."""
    number = _NUMBERED.match(text, end, limit)
    if not number:
        return end
    paren = _PARENTHESIS.match(text, number.end(), limit)
    return paren.end() if paren else number.end()


def _is_titled(text: str, pos: int, limit: int) -> bool:
    """A designation in title case ("Agreement on Mutual Assistance in Customs Matters")."""
    words = re.findall(r"[A-Za-z]\w+", text[pos:min(limit, pos + 60)])
    content = [w for w in words if w not in ("on", "of", "the", "and", "in", "for", "between", "to", "a", "an")]
    return bool(content) and sum(w[0].isupper() for w in content) >= 0.6 * len(content)


def _between(text: str, pos: int, limit: int, titled: bool, names: Names) -> int:
    """"between A and B", then a topic ("on transit of goods") if one follows."""
    end = _named_parties(text, pos, limit, names)
    if end is None:
        parties = _PARTIES.match(text, pos, limit)
        if parties is None:  # "between the two countries", "between the customs services of A and B"
            return _trim(text, pos, _complement_end(text, pos, limit, titled, between=True))
        end = _trim(text, pos, parties.end())
    if _TOPIC.match(text, end, limit):
        return _trim(text, end, _complement_end(text, end, limit, titled))
    return end


def _named_parties(text: str, pos: int, limit: int, names: Names) -> int | None:
    """The end of "the A (ABC), B and the C" when A, B and C are agencies or countries of the article."""
    ends = dict(names)
    end, count, link = None, 0, _FIRST_PARTY
    while True:
        m = link.match(text, end if end is not None else pos, limit)
        if not m or m.end() not in ends:
            break
        end, count, link = ends[m.end()], count + 1, _NEXT_PARTY
        abbr = _ABBREVIATION_AFTER.match(text, end, limit)
        end = abbr.end() if abbr else end
    return end if count >= 2 else None


def _trim(text: str, start: int, end: int) -> int:
    """Leave out a sentence's final period ("with India.") but not an abbreviation's ("U.S.")."""
    while end > start and text[end - 1] in ".," and not _ABBREVIATED.search(text, start, end):
        end -= 1
    return end


def _complement_end(text: str, pos: int, limit: int, titled: bool, between: bool = False) -> int:
    """Where a complement ends: at the first stop, unless the stop continues the name (see `_goes_on`)."""
    while pos < limit:
        if OF_DATE.match(text, pos, limit):
            break
        stop = _STOP.match(text, pos, limit)
        if stop and stop.end() > pos:
            nxt = _goes_on(text, pos, limit, stop, between)
            if nxt is None:
                break
            between = between and not stop.group().strip().startswith("and")
            pos = nxt
            continue
        if (_IN_PLACE.match(text, pos, limit) and (not titled or _in_known_place(text, pos, limit)) \
                and not _IN_MATTERS.match(text, pos, limit)) or _IN_CITY_OF.match(text, pos, limit):
            break
        word = _WORD.match(text, pos, limit)
        if not word:
            break
        token = word.group().strip()
        if titled and token[:1].islower() and token not in _TITLE_LINKS \
                and _CAPITAL_BEFORE.search(text, max(0, pos - 40), pos) \
                and not _POSSESSIVE_BEFORE.search(text, max(0, pos - 3), pos):
            # "… (PACER) Plus gathered in Port Vila": a title ends at its first lower-case word that is no link
            # (not "the protocol on Azerbaijan's accession": a country's possessive inside the complement)
            break
        between = between or token == "between"
        pos = word.end()
    return pos


_TITLE_LINKS = frozenset(("on", "of", "the", "and", "in", "for", "between", "to", "a", "an", "with", "among", "by",
                          "concerning", "regarding", "relating", "at", "from", "into", "&"))
_CAPITAL_BEFORE = re.compile(r"(?:\)|[A-Z][\w'’-]*)\s*$")
_POSSESSIVE_BEFORE = re.compile(r"['’]s\s*$")


def _goes_on(text: str, pos: int, limit: int, stop: re.Match[str], between: bool) -> int | None:
    """Where the name goes on past a stop: a list of topics (", fisheries and rural development"), the
    second party of "between the X and the Y", a named border post ("post at Tunduma")."""
    word = stop.group().strip()
    if word == ",":
        tail = _LIST_TAIL.match(text, pos, limit) or _PART.match(text, pos, limit)
        return tail.end() if tail else None
    if between and re.fullmatch(r"and\s+the", word):
        return stop.end()
    if word == "at" and _AT_NAMED.match(text, pos, limit) and _POST.search(text[max(0, pos - 12):pos]):
        return stop.end()
    if word in ('"', "“"):  # 'a plan on the construction of "smart customs" for 2025-2027': a quoted term
        quoted = _QUOTED_TERM.match(text, pos, limit)
        return quoted.end() if quoted else None
    if word == "(":  # "on their Authorised Economic Operator (AEO) programmes"
        abbr = _ABBREVIATION_AFTER.match(text, pos, limit)
        return abbr.end() if abbr else None
    return None


def _in_known_place(text: str, pos: int, limit: int) -> bool:
    """"in Amman": a capital or country after "in" ends even a title-case designation."""
    m = re.match(r"\s+in\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)", text[pos:limit])
    if not m:
        return False
    forms = gazetteer.country_forms()
    return any(p in forms or p in gazetteer.capitals() for p in (m.group(1), m.group(1).split()[0]))

"""The roles a sentence fills for an instrument: clauses, countries, agencies, signers, dates, modality.

A sentence often joins two stories ("X and Y signed a pact on Monday, a week after Z
closed its border"): roles are taken from the clause of the cue or designation only.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from kb.extract.agreements.model import Dates, codes, countries_in, in_region
from kb.extract.context import ArticleContext, CountryMention, Sentence, mentions_of
from kb.extract.countries import is_destination

# Where a sentence's second story starts: ", while…", ", a week after…", "; …", " after…". Candidates are
# found by a cheap scan and a comma is kept only before one of the words that open a clause.
_CLAUSE_CANDIDATE = re.compile(r";|\s[–—]\s|,\s+(?P<word>\w+)(?:\s+(?P<next>\w+))?|"
                               r"\s(?=(?:while|whereas|although|because|after|amid|despite|unlike)\s)")
_OPENS_CLAUSE = frozenset({"while", "whereas", "after", "before", "since", "as", "when", "but", "although", "though",
                           "even", "unlike", "months", "weeks", "days", "years", "following", "amid", "despite",
                           "ahead", "because"})
_SPAN_WORDS = frozenset({"a", "one", "two", "three", "several", "some", "just", "only"})
_PERIODS = frozenset({"day", "days", "week", "weeks", "month", "months", "year", "years"})
_AT_PLACE = re.compile(r"\b(?:in|at|from)\s+(?:the\s+)?(?:[A-Z]\w+\s+)?(?:city\s+of\s+)?$")
_SUBORDINATE = re.compile(r"\b(?:which|who|whose|since|when|while|after|before)\b")
_EVENT_AFTER = re.compile(r"\s+(?:summit|forum|conference|meeting|session|congress|expo|fair|games)\b")
_NAME_AFTER = re.compile(r"\s+[A-Z][a-z]")
_PLACE_KIND_AFTER = re.compile(r"\s+(?:city|capital|town|port|resort|village|province|region|state)\s+of\s+[A-Z]")
# "signed in Moscow, Russia …", but not "In May, Senegal and Gambia signed …": a month or a day is no place
_IN_PLACE_COMMA = re.compile(r"\bin\s+(?!(?:January|February|March|April|May|June|July|August|September|October|"
                             r"November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
                             r"[A-Z]\w+,\s*$")
# Witnesses of a signing: named before "looked on" / "witnessed", or after "in the presence of".
_LOOKED_ON = re.compile(r"(?i)\b(?:looked on|looking on|witnessed|attended|oversaw|watched)\b(?!\s+by\b)")
_WITNESSES_AFTER = re.compile(r"(?i)\b(?:in (?:the )?presence of|witnessed by|attended by|overseen by|"
                              r"watched by|looked on by)\b")
# Speakers: "X said", "according to spokesperson X".
# "…, Name said", "… Name, the director, also said"; not "… and SRC Chairman Name, CBP said", another's words
# (not "added the final signature", "added his signature": an act, not words)
_SPEAKS_AFTER = re.compile(r"(?i)(?:\s*,\s*[^,.;]{1,80}?,)?[\s,]*(?:(?-i:[a-z][\w-]*)\s+)?(?:said|says|told|"
                           r"added(?!\s+(?:the|his|her|their|its)\s+(?:\w+\s+)?signatures?\b)|noted|stressed|"
                           r"explained|wrote|"
                           r"announced|remarked)\b")
_SPEAKS_BEFORE = re.compile(r"(?i)\b(?:according\s+to|quoting)\s+(?:[\w-]+\s+){0,4}$")
# A signing, entry into force or ratification still to come, wished for or denied.
# The word before a cue, or the one before that: "to be signed", "will formally sign", "has not ratified".
_NOT_YET = frozenset({"to", "be", "will", "would", "shall", "not", "never", "yet", "plan", "plans", "planned",
                      "expected", "set", "intend", "intends", "ready", "must", "should", "may", "might", "could",
                      "can", "cannot", "before", "until", "once", "if", "unless", "pending", "awaiting"})
_WORD = re.compile(r"\w+")
_ALSO_NOUNS = frozenset({"plan", "plans", "set"})  # modal before a cue ("plans to sign"), nouns a word earlier
# A round of talks concluded is no signature: "concluded the third round of negotiations",
# "negotiations on the treaty were concluded".
_ROUND = re.compile(r"(?i)\s+(?:(?:the|a|an|its|their)\s+)?(?:[\w-]+\s+){0,2}?(?:round|rounds|talks|negotiations|"
                    r"consultations)\b")
_TALKS_BEFORE = re.compile(r"(?i)\b(?:negotiations|talks|round|consultations)\b[^.;,]{0,80}$")


class Clauses:
    """The clauses of a sentence, as offsets into the article."""

    def __init__(self, sent: Sentence) -> None:
        self.sent = sent
        self.cuts = [sent.start + m.start() for m in _CLAUSE_CANDIDATE.finditer(sent.text) if _breaks(m)]

    def around(self, pos: int) -> tuple[int, int]:
        lo = max((c for c in self.cuts if c <= pos), default=self.sent.start)
        hi = min((c for c in self.cuts if c > pos), default=self.sent.end)
        return lo, hi

    def same(self, a: int, b: int) -> bool:
        return self.around(a) == self.around(b)


def _breaks(m: re.Match[str]) -> bool:
    word = m.group("word")
    if word is None:
        return True
    word, following = word.lower(), (m.group("next") or "").lower()
    if word == "as":
        return following != "well"
    return word in _OPENS_CLAUSE or (word in _SPAN_WORDS and following in _PERIODS)


def _modal(before: str) -> bool:
    """Whether the last word before a cue, or the one before it, makes the cue modal or denied."""
    if not before or not before[-1].isspace():
        return False
    words = [w.lstrip("(\"“'‘").lower() for w in before.split()[-3:]]
    for i in (-1, -2):
        if len(words) < -i or (i == -2 and not _WORD.fullmatch(words[-1])):
            break
        word = words[i]
        no_longer = word == "longer" and len(words) >= 1 - i and words[i - 1] == "no"
        if i == -2 and word in _ALSO_NOUNS:
            continue  # "the action plan was signed": the instrument, not "plans to sign"
        if word in _NOT_YET or word.endswith("n't") or no_longer:
            return True
    return False


_MODAL_BEFORE = re.compile(r"(?i)\b(?:will|would|shall|plans?|planned|expected|set|scheduled|due|is|are|to\s+be)\s+"
                           r"(?:also\s+)?(?:meet|join|gather|convene|travel|come|arrive|fly)\b")


# "once the pact takes effect", "until it is ratified": a status under a condition
_CONDITION_BEFORE = re.compile(r"(?i)\b(?:once|until|unless|if|before)\s+(?:the|this|that|it|its|their)?\s*"
                               r"(?:[\w-]+\s+){0,3}$")
_INFINITIVE_BEFORE = re.compile(r"(?i)\bto\s+[a-z]+\s+(?:and|or)\s+$")
_WHEN_BEFORE = re.compile(r"(?i)\b(?:after|when|as\s+soon\s+as)\s+(?:the|this|that|it|its|their)?\s*"
                          r"(?:[\w-]+\s+){0,3}$")
_PRESENT_STEP = re.compile(r"(?i)(?:takes|take|enters|enter|comes|come)\b")
# "the Council decision on the signature of", "ahead of the signing of": a signature still to come
_SIGNATURE_AHEAD = re.compile(r"(?i)\b(?:decision\s+on|authori[sz]\w*|approv\w*|ahead\s+of|prepar\w*(?:\s+for)?|"
                              r"await\w*|paving\s+the\s+way\s+for|pave\s+the\s+way\s+for|for)\s+(?:the\s+|its\s+)?$")
# "but no document was signed", "no agreement has been signed yet": a signing denied.
_NONE_SIGNED = re.compile(r"(?i)\bno\s+(?:\w+\s+){0,2}(?:was|were|has\s+been|have\s+been|had\s+been|is|are)\s+"
                          r"(?:yet\s+)?$")


# "The agreement would be the second extra-regional deal concluded by the bloc": what it would be among deals
_WOULD_BE = re.compile(r"\b(?:would|will|could|may|might)\s+be(?:come)?\s+(?:the|a|an|its|their)\s+[^.;,]{0,60}$")


# "joined the minister in Abidjan on Thursday to sign", "met in Geneva on Monday to sign": a meeting held to sign
# (no "will", "plans" or "to" of its own before the meeting verb)
_MET_TO = re.compile(r"(?i)(?<!\bto\s)(?<!\bwill\s)(?<!\bwould\s)\b(?:met|joined|gathered|convened|travell?ed|came|"
                     r"arrived|flew)\b[^.;:]{0,120}?\bto\s+$")


def not_done(text: str, start: int, end: int) -> bool:
    """A cue still to come or denied ("expected to be signed", "has not ratified"), or a round of talks
    concluded."""
    if text[start:end].lower() == "sign" and _MET_TO.search(text, max(0, start - 140), start) \
            and not _MODAL_BEFORE.search(text, max(0, start - 140), start):
        return False
    if _modal(text[max(0, start - 30):start]) or _NONE_SIGNED.search(text, max(0, start - 40), start) \
            or _WOULD_BE.search(text, max(0, start - 90), start):
        return True
    if text[start:end].lower() == "sign" and _INFINITIVE_BEFORE.search(text, max(0, start - 30), start):
        return True  # "To negotiate and sign the free trade agreement helps …": signing as a purpose
    if _CONDITION_BEFORE.search(text, max(0, start - 40), start):
        return True  # "… to oversee implementation once the pact takes effect": a condition, not a fact
    if _WHEN_BEFORE.search(text, max(0, start - 40), start) and _PRESENT_STEP.match(text, start):
        return True  # "After it takes effect, the agreement will let …": what is to come (not "after it took effect")
    if text[start:end].lower() in ("signature", "signing") and _SIGNATURE_AHEAD.search(text, max(0, start - 40), start):
        return True  # "adopted the Council decision on the signature of the CEPA": it is yet to be signed
    if not text[start:end].lower().startswith("conclud"):
        return False
    return bool(_ROUND.match(text, end) or _TALKS_BEFORE.search(text, max(0, start - 100), start))


class Acting:
    """Which country mentions act in their sentence: not places, destinations, events ("the BRICS summit"),
    people ("Santiago Cafiero") or the country of a title or an agency's name ("Kenya Revenue Authority").
    Decided once per mention: a bloc's members share theirs."""

    def __init__(self, ctx: ArticleContext) -> None:
        self.ctx = ctx
        mentions = mentions_of(ctx)
        spans = sorted([(s, e) for s, e, _ in mentions.titles] + [(m.start, m.end) for m in mentions.agencies])
        starts, reach, furthest = [s for s, _e in spans], [], 0
        for _s, e in spans:  # reach[i]: the furthest end of the first i + 1 spans
            furthest = max(furthest, e)
            reach.append(furthest)
        self._inside = frozenset(c.start for c in ctx.countries
                                 if (i := bisect_right(starts, c.start)) and reach[i - 1] > c.start)
        self._known: dict[tuple[int, str], bool] = {}

    def __call__(self, sent: Sentence, c: CountryMention) -> bool:
        key = (c.start, c.form)
        known = self._known.get(key)
        if known is None:
            known = self._known[key] = not _not_acting(self.ctx, sent, c, self._inside)
        return known


def clause_countries(ctx: ArticleContext, sent: Sentence, clauses: Clauses | None, start: int, end: int,
                     acting: Acting) -> list[str]:
    """Countries the clause of a span (or its whole sentence, without `clauses`) binds to an instrument:
    not places, destinations, titles or agencies."""
    lo, hi = clauses.around(start) if clauses else (sent.start, sent.end)
    kept = []
    for c in countries_in(ctx, lo, hi):
        if (not (start <= c.start < end) or in_region(ctx.text, c)) and not acting(sent, c):
            continue
        kept.append(c)
    return codes(kept)


def _not_acting(ctx: ArticleContext, sent: Sentence, c, inside: frozenset[int]) -> bool:
    if c.start in inside or _EVENT_AFTER.match(ctx.text, c.end, sent.end):  # "the BRICS summit"
        return True
    if c.form == "adjective" and _PLACE_KIND_AFTER.match(ctx.text, c.end, sent.end):
        return True  # "in the Turkish city of Izmir": where, not who
    if _NOT_PARTY_AFTER.match(ctx.text, c.end, sent.end):  # "though China is not part of the deal"
        return True
    if c.form == "capital" and _NAME_AFTER.match(ctx.text, c.end, sent.end):  # "Santiago Cafiero"
        return True
    if in_region(ctx.text, c):
        return True
    before = ctx.text[max(sent.start, c.start - 30):c.start]
    if _AT_PLACE.search(before) and c.form != "adjective":
        return True
    if c.form == "name" and _IN_PLACE_COMMA.search(before):
        return True
    return is_destination(ctx.text, c) and not _VISIT_TO.search(ctx.text, sent.start, c.start)


_NOT_PARTY_AFTER = re.compile(r"\s+(?:is|was|are|were|has|have)\s+(?:not|never|no\s+longer)\s+(?:been\s+)?"
                              r"(?:a\s+|an\s+)?(?:part|party|member|signatory|participant)\b|\s+(?:stayed|stays|"
                              r"remains|remained)\s+out\b", re.I)
# "during the official visit of the President of X to Y": the host of a visit acts in what it signs.
_VISIT_TO = re.compile(r"\b(?:visits?|trip|tour)\b[^.;:]{0,140}?\bto\s+(?:the\s+)?$", re.I)


_WITH_LIST = re.compile(r"\bwith\s+(?:(?:the|and|with|of)\s+|[A-Z][\w'’.-]*\s*)+")


def subject_countries(ctx: ArticleContext, sent: Sentence, acting: Acting) -> list[str]:
    """The sentence's acting countries that are not partners named after "with" ("with Croatia and with Bosnia")."""
    partners = [(sent.start + m.start(), sent.start + m.end()) for m in _WITH_LIST.finditer(sent.text)]
    return codes(c for c in countries_in(ctx, sent.start, sent.end)
                 if not any(s <= c.start < e for s, e in partners) and acting(sent, c))


def agencies_near(ctx: ArticleContext, sent: Sentence, start: int) -> list[str]:
    """Agencies of the clause after a mention ("a MoU that A signed with B"), else of the sentence."""
    def names(lo: int) -> list[str]:
        return list(dict.fromkeys(m.name for m in mentions_of(ctx).agencies if lo <= m.start < sent.end))
    after, everyone = names(start), names(sent.start)
    return [n for n in everyone if n in after] if len(after) >= 2 else everyone


_FOR_WHOM = re.compile(r"(?i)\bon\s+behalf\s+of\s+(?:[\w.'’-]+\s+){0,4}$")


def signers(ctx: ArticleContext, sent: Sentence, clauses: Clauses, cue: int) -> list[str]:
    """Officials of the cue's clause who signed: not witnesses, not the people quoted about it."""
    titles = {o.name: (o.title or "") for o in ctx.officials}
    names: list[str] = []
    looked = _LOOKED_ON.search(sent.text)
    witnesses = _WITNESSES_AFTER.search(sent.text)
    for s, e, name in mentions_of(ctx).officials:
        if not (sent.start <= s < sent.end) or name in names or not clauses.same(s, cue):
            continue
        if witnesses and s >= sent.start + witnesses.end():
            continue
        if looked and _looker_clause(sent.text, looked.start()) <= s - sent.start < looked.start() and not re.search(
                r"(?i)\bsign", sent.text[s - sent.start:looked.start()]):
            continue
        if "spokes" in titles.get(name, "") or _speaks(ctx.text, sent, s, e):
            continue
        if _FOR_WHOM.search(ctx.text, max(sent.start, s - 40), s):
            continue  # "signed the MoU on behalf of X, president of …": the one represented did not sign
        names.append(name)
    return _bare_signers(ctx, sent, cue, names)


# "signed by Karina Serrudo and Julio Fernández, head of …": a name right after "by" (or after "and" in the
# same by-phrase) signs even when no title says who the person is.
_BY = re.compile(r"\s+by\s+")
_BARE_NAME = re.compile(r"(?:and\s+)?([A-Z][a-zà-ÿ'’-]+(?:\s+(?:al-|bin\s+|de\s+|van\s+)?[A-Z][a-zà-ÿ'’-]+){0,3})"
                        r"(?=\s*(?:,|\.|;|$|\s+and\s))")


def _bare_signers(ctx: ArticleContext, sent: Sentence, cue: int, names: list[str]) -> list[str]:
    by = _BY.match(ctx.text, ctx.text.find(" ", cue), sent.end)
    if by is None:
        return names
    known = {w for n in names for w in n.split()}
    pos, out = by.end(), list(names)
    countries = {c.start for c in ctx.countries}
    for _ in range(2):
        m = _BARE_NAME.match(ctx.text, pos, sent.end)
        if m is None:
            break
        name = m.group(1)
        if " " not in name:  # "signed by Wang and …": the official named before whose name holds the word
            told = [o.name for o in ctx.officials if name in o.name.split()]
            name = told[0] if len(set(told)) == 1 else ""
        if name and m.start(1) not in countries and not known & set(name.split()) and not any(
                a.start <= m.start(1) < a.end for a in mentions_of(ctx).agencies):
            out.append(name)
        nxt = re.match(r"\s*,?\s*(?:[^,.;]{0,60}?,\s*)?(?=and\s)", ctx.text[m.end():sent.end])
        if nxt is None:
            break
        pos = m.end() + nxt.end()
    if len(out) == len(names):
        return names
    text = sent.text
    return sorted(out, key=lambda n: text.find(n) if n in text else len(text))  # in the order signed


def _looker_clause(text: str, looked: int) -> int:
    """Where the clause of "… looked on" starts: "X and Y signed it, while Z looked on" makes Z alone a witness."""
    breaks = [m.end() for m in re.finditer(r",|\bwhile\b|\bas\b", text[:looked])]
    return breaks[-1] if breaks else 0


def _speaks(text: str, sent: Sentence, start: int, end: int) -> bool:
    return bool(_SPEAKS_AFTER.match(text, end, sent.end) or _SPEAKS_BEFORE.search(text, sent.start, start))


_OTHER_STEP = re.compile(r"(?i)\b(?:into\s+(?:force|effect)|took\s+effect|takes\s+effect|effective|ratified|"
                         r"ratification|implemented|launched|"
                         # "the guest, who arrived on Tuesday for a two-day visit, attended the signing": the visit's
                         r"arrived|arrives|landed|began|begun)\s+(?:on\s+|in\s+|from\s+|as\s+of\s+)?(?:the\s+)?$")


# "2002 free trade agreement", "2019 MoU": a year that names a text
_NAMES_A_TEXT = re.compile(r"\s+(?:[\w-]+\s+){0,4}?(?:agreements?|protocols?|treaty|treaties|memorand(?:um|a)|accords?|"
                           r"deals?|conventions?|MoUs?|MOUs?|pacts?|FTAs?|arrangements?)\b")


def signing_date(ctx: ArticleContext, sent: Sentence, dates: Dates, cue: int) -> str | None:
    """The date nearest the cue, after it first; a week or span inside one month is that month."""
    inside = []
    for d in dates.of(sent):
        if re.search(r"(?i)\b(?:since|until|from|by)\s+$", ctx.text[max(0, d.start - 7):d.start]):
            continue
        if _OTHER_STEP.search(ctx.text, max(sent.start, d.start - 40), d.start):
            continue  # "entered into force on Wednesday, a year after they signed it": the date of another step
        if len(d.value) == 4 and _NAMES_A_TEXT.match(ctx.text, d.end):
            continue  # "a protocol amending their 2002 free trade agreement": the older text's year
        value = d.value
        if "/" in value:
            a, b = value.split("/")
            if a[:7] != b[:7] or len(a) < 10:
                continue
            value = a[:7]
        inside.append((d.start, value))
    if not inside:
        return None
    # A date after the cue but inside a clause of its own ("…, which India joined in 2008") is not the signing's.
    inside = [d for d in inside if d[0] < cue or not _SUBORDINATE.search(ctx.text, cue, d[0])]
    if not inside:
        return None
    after = [d for d in inside if d[0] >= cue]
    return min(after or inside, key=lambda d: abs(d[0] - cue))[1]

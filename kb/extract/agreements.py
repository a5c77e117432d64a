"""Find agreements, protocols, memoranda… with parties, date, place, signatories and status.

Mentions are found by their kind noun ("protocol", "memorandum of understanding",
"MRA") and widened to the article's designation: modifiers before the noun, a
complement after it ("on cooperation in customs matters", "between A and B").
Definite references ("the document", "the deal", "the MoU") resolve to an
instrument already named; attributes come from every sentence that mentions it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from kb.extract import gazetteer
from kb.extract.context import ArticleContext, Sentence, mentions_of
from kb.extract.countries import home_country, is_destination, main_countries
from kb.extract.phrases import Caseless, alternation
from kb.facts import Agency, Agreement

try:  # date resolution is a sibling stage's module
    from kb.extract.dates import DateMention, find_dates
except ImportError:  # pragma: no cover
    find_dates = None

_MODIFIER = re.compile(r"(?:[A-Z][\w’'&.-]*|[a-z]+-[a-z-]+|[a-z]+(?:al|ic|ary|ive)|customs|trade|transit|"
                       r"mutual|recognition|assistance|cooperation|free|visa|tariff|border|security|"
                       r"investment|partnership|framework|export|import|services|tax|taxation|transport|"
                       r"aviation|air|road|grain|training|quarantine|health|gas|oil|energy|loan|credit)$")
_COMPLEMENT_START = re.compile(r"\s+(?:on|between|concerning|regarding|for|to|amending|of|in\s+the\s+field\s+of|"
                               r"with|establishing|setting\s+up|among)\b")
_STOP = re.compile(r"\s*(?:[,.;:()\[\]“”\"]|\b(?:which|that|who|signed|was|were|is|are|has|have|had|will|would|"
                   r"meant|under|at|by|after|during|last|this|yesterday|today|earlier|as\s+well\s+as|"
                   r"and\s+(?:the|a|an|to|agreed|said|signed)\b|in\s+(?:[A-Z]\w+\s+)?on\b|"
                   r"on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
                   r"in\s+(?:January|February|March|April|May|June|July|August|September|October|November|"
                   r"December|\d{4})|concluded|inked|put|following|when|while|so|to\s+(?:make|help|boost|"
                   r"promote|facilitate|ease|strengthen|expand|put|be)\b|one\s+on))")
_DEFINITE = re.compile(r"(?i)\b(?:the|this|that|these|those|its|their|such)\s+(?:[\w-]+\s+){0,3}$")
_INDEFINITE = re.compile(r"(?i)\b(?:a|an|another|one|two|three|four|several)\s+(?:[\w-]+\s+){0,3}$")
# Witnesses of a signing: named before "looked on" / "witnessed", or after "in the presence of".
_LOOKED_ON = re.compile(r"(?i)\b(?:looked on|witnessed|attended|oversaw|watched)\b(?!\s+by\b)")
_WITNESSES_AFTER = re.compile(r"(?i)\b(?:in (?:the )?presence of|witnessed by|attended by|overseen by|"
                              r"watched by|looked on by)\b")
_SAME_DAY = re.compile(r"(?i)\b(?:on the same day|the same day|at the same ceremony|on the same occasion|"
                       r"alongside|at the same time)\b")
_SPLIT = re.compile(r"(?i),?\s*one\s+(?P<a>(?:on|for|concerning)\s+[^,;]+?)\s+and\s+(?:the\s+other|another)\s+"
                    r"(?P<b>(?:on|for|concerning)\s+[^,;.]+)")
_WITH_EACH = re.compile(r"\s+with\s+(?P<list>(?:(?:and\s+)?(?:with\s+)?(?:the\s+)?[A-Z][\w'’. -]+?,?\s+)+)")
_TWO = re.compile(r"(?i)\b(?:the|both)\s+(?:two|three|four)?\s*(?:countries|sides|states|nations|governments|"
                  r"parties|neighbou?rs)\b")
_PLACE_AFTER_IN = re.compile(r"\bin\s+(?:the\s+(?:[A-Z][\w-]+\s+)?(?:city|capital|town|port|resort)\s+of\s+)?"
                             r"(?P<place>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)")
_DATELINE = re.compile(r"^\s*(?P<place>[A-Z][A-Z]+(?:[ -][A-Z]+)*)(?:,\s*[A-Z][\w.]*)?\s*(?:[.:,–—-]|\()")


@cache
def _nouns() -> tuple[Caseless, dict[str, dict]]:
    spec: dict[str, dict] = {}
    case_forms: list[str] = []
    icase_forms: list[str] = []
    for entry in gazetteer.agreement_kinds().get("nouns", []):
        for form, plural in ((entry["phrase"], False), (entry.get("plural"), True)):
            if not form:
                continue
            spec.setdefault(form.lower() if not entry.get("case") else form,
                            {**entry, "plural": plural})
            (case_forms if entry.get("case") else icase_forms).append(form)
    pattern = re.compile(rf"(?<![\w-])(?:(?P<case>{alternation(case_forms)})|"
                         rf"(?P<icase>(?i:{alternation(icase_forms)})))(?![\w-])")
    lowered = re.compile(rf"(?<![\w-])(?:{alternation([*case_forms, *icase_forms], lower=True)})(?![\w-])")
    return Caseless(pattern, lowered), spec


@cache
def _cues() -> tuple[Caseless, list[tuple[str, Caseless]]]:
    k = gazetteer.agreement_kinds()

    def words(phrases: list[str]) -> Caseless:
        return Caseless(re.compile(rf"(?i)\b(?:{alternation(phrases)})\b"),
                        re.compile(rf"\b(?:{alternation(phrases, lower=True)})\b"))

    sign = words([s for s in k.get("signed", []) if not s.startswith("initial")])
    return sign, [(s["status"], words(s["cues"])) for s in k.get("status", [])]


@dataclass
class _Rec:
    kind: str
    name: str
    generic: bool
    mentions: list[tuple[int, int]] = field(default_factory=list)  # name spans
    nested_in: int | None = None  # index of the instrument whose name holds this one
    amends: int | None = None
    countries: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    signatories: list[str] = field(default_factory=list)
    signed: str | None = None
    place: str | None = None
    status: str | None = None
    parties_hint: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    split: bool = False  # one of a plural's partners: the other partners in the mention are not its parties


def _left_start(text: str, start: int, floor: int) -> int:
    """Widen a mention to the modifiers before its noun ("bilateral", "Chile-Peru")."""
    pos = start
    for _ in range(5):
        m = re.search(r"(\S+)\s+$", text[max(floor, pos - 40):pos])
        if not m:
            break
        word = m.group(1)
        if word.lower() in _drop_words() or not _MODIFIER.match(word) or word.endswith((",", ".", ":")):
            break
        pos = pos - len(m.group(0))
    return pos


@cache
def _drop_words() -> frozenset[str]:
    return frozenset(gazetteer.agreement_kinds().get("drop_words", []))


def _right_end(text: str, end: int, limit: int) -> int:
    """Widen a mention to its complement ("on mutual assistance in customs matters")."""
    m = _COMPLEMENT_START.match(text, end, limit)
    if not m:
        return end
    if m.group().strip() == "with":
        names = re.match(r"\s+with\s+(?:the\s+)?(?:[A-Z][\w.'’&-]*)(?:\s+(?:and\s+|of\s+)?[A-Z][\w.'’&-]*)*",
                         text[end:limit])
        return end + names.end() if names else end
    pos = m.end()
    between = m.group().strip() == "between"  # "between the X and the Y": the "and" is the name's
    while pos < limit:
        stop = _STOP.match(text, pos, limit)
        if stop and stop.end() > pos:
            if between and re.fullmatch(r"\s*and\s+the", stop.group()):
                between = False
                pos = stop.end()
                continue
            break
        word = re.match(r"\s*(?:[A-Z]\.)+|\s*\S+?(?=[\s,.;:()“”\"]|$)", text[pos:limit])
        if not word:
            break
        pos += word.end()
    if not between and m.group().strip() == "between":  # "... and the Government of Y in Vientiane"
        place = re.search(r"\s+in\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?$", text[m.end():pos])
        if place:
            pos = m.end() + place.start()
    return pos


def _countries(ctx: ArticleContext, start: int, end: int, *, places: set[int] = frozenset()) -> list[str]:
    out = []
    for c in ctx.countries_in(start, end):
        if c.start in places:
            continue
        if c.code not in out:
            out.append(c.code)
    return out


def extract_agreements(ctx: ArticleContext) -> list[Agreement]:
    text = ctx.text
    pattern, spec = _nouns()
    recs: list[_Rec] = []
    by_span: dict[tuple[int, int], int] = {}
    sentence_mentions: dict[int, list[tuple[int, int, int]]] = {}  # sentence start → (start, end, rec)

    for sent in ctx.sentences:
        for m in pattern.finditer(sent.text, low=sent.text.lower()):
            noun = m.group("case") or m.group("icase")
            info = spec.get(noun if m.group("case") else noun.lower())
            if info is None:
                continue
            ns, ne = sent.start + m.start(), sent.start + m.end()
            if any(s <= ns and ne <= e for (s, e) in by_span if (s, e) != (ns, ne) and e - s > ne - ns
                   and text[s:e].lower().endswith(noun.lower()) is False and False):
                continue
            left = text[max(sent.start, ns - 60):ns]
            start = _left_start(text, ns, sent.start)
            end = _right_end(text, ne, sent.end)
            name = text[start:end].strip()
            definite = bool(_DEFINITE.search(text[max(sent.start, start - 40):start]))
            proper = noun[0].isupper() and ns > sent.start and not info.get("case")
            generic = start == ns and end == ne
            for idx in _resolve(ctx, recs, sent, info, noun, name, start, end, ns, ne, definite, proper,
                                generic, left):
                sentence_mentions.setdefault(sent.start, []).append((start, end, idx))
                by_span[(start, end)] = idx

    _merge_generic(recs, sentence_mentions)
    _nesting(text, recs, sentence_mentions)
    _attributes(ctx, recs, sentence_mentions)
    _year_before(text, recs)
    mentions_of(ctx).agreements[:] = sorted(span for rec in recs for span in rec.mentions)
    return _records(ctx, recs)


def prune_governments_in_names(ctx: ArticleContext) -> list[Agency]:
    """A government named only inside an instrument's name ("Agreement between the Government of X
    and ...") is a party to it, not an agency acting in the article."""
    mentions = mentions_of(ctx)
    spans = mentions.agreements
    dropped = set()
    for a in ctx.agencies:
        found = [m for m in mentions.agencies if m.name == a.name]
        if a.kind == "government" and found and all(
                any(s <= m.start and m.end <= e for s, e in spans) for m in found):
            dropped.add(a.name)
    if not dropped:
        return ctx.agencies
    for rec in ctx.agreements:
        if rec.party_agencies and set(rec.party_agencies) & dropped:
            rec.party_agencies = [n for n in rec.party_agencies if n not in dropped]
    for o in ctx.officials:
        if o.agency in dropped:
            o.agency = None
    mentions.agencies[:] = [m for m in mentions.agencies if m.name not in dropped]
    return [a for a in ctx.agencies if a.name not in dropped]


_YEAR_BEFORE = re.compile(r"(?i)\b(?:the|a|an|its|their)\s+(?P<year>(?:19|20)\d\d)\s+$")


def _year_before(text: str, recs: list[_Rec]) -> None:
    """"the 2002 transit agreement": the year it was signed."""
    for rec in recs:
        if rec.signed:
            continue
        for start, _ in rec.mentions:
            m = _YEAR_BEFORE.search(text, max(0, start - 20), start)
            if m:
                rec.signed = m.group("year")
                break


def _resolve(ctx: ArticleContext, recs: list[_Rec], sent: Sentence, info: dict, noun: str, name: str,
             start: int, end: int, ns: int, ne: int, definite: bool, proper: bool, generic: bool,
             left: str) -> list[int]:
    """Which instrument(s) a mention stands for, creating new ones for new instruments."""
    text = ctx.text
    kind = info["kind"]
    anaphor = bool(info.get("anaphor"))
    after = text[ne:sent.end]
    if info["plural"]:
        split = _SPLIT.search(after)
        if split and not anaphor:
            base = noun.rstrip("s") if not noun.lower().startswith("memorand") else "memorandum of understanding"
            base = _singular(noun)
            out = []
            for part in ("a", "b"):
                rec = _Rec(kind, f"{base} {split.group(part)}".strip(), False)
                rec.mentions.append((start, end))
                rec.parties_hint = _countries(ctx, ns + len(noun) + split.start(part),
                                              ns + len(noun) + split.end(part))
                recs.append(rec)
                out.append(len(recs) - 1)
            return out
        each = re.match(r"[^.;]*?\bwith\s+(?P<list>.*?)(?:,\s+and\b|;|$)", after)
        if each and not anaphor:
            found = [c for c in ctx.countries_in(ne + each.start("list"), ne + each.end("list"))
                     if c.form != "bloc"]
            surfaces = dict((c.code, c.surface) for c in reversed(found))
            stem = _singular(text[start:min(end, ne + each.start("list"))]).strip()
            stem = re.sub(r"(?i)\s+with(?:\s+the)?$", "", stem)
            out = []
            for code in dict.fromkeys(c.code for c in found):
                rec = _Rec(kind, f"{stem} with {surfaces[code]}", False)
                rec.mentions.append((start, end))
                rec.parties_hint = [code]
                rec.split = len(surfaces) > 1
                recs.append(rec)
                out.append(len(recs) - 1)
            return out
        return []
    if anaphor:
        with_country = re.match(r"\s+with\s+(?:the\s+)?", after)
        if not definite and with_country and recs:
            codes = _countries(ctx, ne + with_country.end(), ne + with_country.end() + 40)[:1]
            if codes:
                prev = recs[-1]
                rec = _Rec(prev.kind, f"{prev.name if not prev.generic else prev.kind} with "
                                      f"{gazetteer.country_names().get(codes[0], codes[0])}", False)
                rec.mentions.append((start, end))
                rec.parties_hint = codes
                recs.append(rec)
                return [len(recs) - 1]
        if not definite or not recs:
            return []
        target = _latest(recs, kind if noun.lower() in ("minutes",) else None)
        recs[target].mentions.append((start, end))
        return [target]
    if definite or proper:
        target = _match(recs, kind, name, generic, noun)
        if target is not None:
            rec = recs[target]
            if not generic and (rec.generic or len(name) > len(rec.name)) and not _is_plain(name):
                rec.name, rec.generic = name, False
            rec.mentions.append((start, end))
            return [target]
        if definite and not proper and _only_with(name, noun):
            target = _match(recs, kind, noun, True, noun)
            if target is not None:
                recs[target].mentions.append((start, end))
                return [target]
        if definite and not proper and not _countries(ctx, start, end):
            same = [i for i, r in enumerate(recs) if r.kind == kind]
            if same:
                recs[same[-1]].mentions.append((start, end))
                return [same[-1]]
    if not generic:
        target = _match(recs, kind, name, False, noun, threshold=0.95)
        if target is not None:
            recs[target].mentions.append((start, end))
            return [target]
    rec = _Rec(kind, name if not generic else noun, generic)
    rec.mentions.append((start, end))
    abbr = re.match(r"\s*\(([A-Z][A-Za-z-]{1,9})\)", text[end:end + 14])
    if abbr:
        rec.aliases.append(abbr.group(1))
    recs.append(rec)
    return [len(recs) - 1]


def _singular(name: str) -> str:
    words = name.split()
    out = []
    for w in words:
        low = w.lower()
        if low in ("memoranda", "memorandums"):
            w = "memorandum"
        elif low == "treaties":
            w = "treaty"
        elif low.endswith("s") and low.rstrip("s") in ("agreement", "protocol", "arrangement", "convention",
                                                       "accord", "pact", "deal", "plan", "roadmap", "mou"):
            w = w[:-1]
        out.append(w)
    return " ".join(w for w in out if w.lower() not in _drop_words())


def _is_plain(name: str) -> bool:
    return bool(re.fullmatch(r"(?i)(?:the\s+)?(?:document|text|deal|pact|accord)", name))


def _latest(recs: list[_Rec], kind: str | None) -> int:
    for i in range(len(recs) - 1, -1, -1):
        if kind is None or recs[i].kind == kind:
            return i
    return len(recs) - 1


def _words(name: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", name.lower().replace("mou", "memorandum of understanding"))
            if w not in _drop_words() and w not in ("of", "on", "and", "in", "the")}


def _only_with(name: str, noun: str) -> bool:
    """"the agreement with Ukraine": a reference by partner, not a new designation."""
    return bool(re.fullmatch(rf"(?i)(?:\S+\s+)*?{re.escape(noun)}\s+with\s+.*", name))


def _match(recs: list[_Rec], kind: str, name: str, generic: bool, noun: str,
           threshold: float = 0.7) -> int | None:
    """An instrument already named that a definite mention refers to."""
    same = [i for i, r in enumerate(recs) if r.kind == kind]
    if generic:
        if same:
            return same[-1]
        if noun.lower() in ("agreement",) and recs:
            return len(recs) - 1
        return None
    words = _words(name)
    best, best_score = None, 0.0
    for i in same:
        other = _words(recs[i].name)
        if not words or not other:
            continue
        overlap = len(words & other) / min(len(words), len(other))
        if recs[i].generic or overlap > best_score:
            score = 0.7 if recs[i].generic else overlap
            if score > best_score:
                best, best_score = i, score
    return best if best_score >= threshold else None


def _merge_generic(recs: list[_Rec], sentence_mentions: dict[int, list[tuple[int, int, int]]]) -> None:
    """A bare "the protocol" / "a protocol" beside a named protocol of the article is that protocol."""
    target: dict[int, int] = {}
    for i, rec in enumerate(recs):
        if not rec.generic or rec.parties_hint:
            continue
        named = [j for j, r in enumerate(recs) if j != i and r.kind == rec.kind and j not in target
                 and (not r.generic or j < i)]
        if named:
            target[i] = named[0]
    if not target:
        return
    for i, j in target.items():
        recs[j].mentions.extend(recs[i].mentions)
        recs[j].aliases.extend(recs[i].aliases)
    keep = [i for i in range(len(recs)) if i not in target]
    renumber = {old: new for new, old in enumerate(keep)}
    for key, mentions in sentence_mentions.items():
        sentence_mentions[key] = [(s, e, renumber[target.get(i, i)]) for s, e, i in mentions]
    recs[:] = [recs[i] for i in keep]


def _nesting(text: str, recs: list[_Rec], sentence_mentions: dict[int, list[tuple[int, int, int]]]) -> None:
    """An instrument named inside another's name ("a protocol amending the X agreement") is amended by it."""
    for mentions in sentence_mentions.values():
        for s1, e1, i in mentions:
            for s2, e2, j in mentions:
                # The inner name starts inside the outer one; it may run on past where the outer was cut.
                if i != j and s1 <= s2 < e1 and (s1, e1) != (s2, e2) and not (s1 == s2 and e2 > e1):
                    recs[j].nested_in = i
                    between = text[s1:s2].lower()
                    if re.search(r"amend|amendments?\s+to|revis|replac|upgrad", between):
                        recs[i].amends = j


def _attributes(ctx: ArticleContext, recs: list[_Rec], sentence_mentions: dict) -> None:
    sign, statuses = _cues()
    dates = _Dates(ctx)
    last_signed: _Rec | None = None
    last_sign_sentence = -10
    for n, sent in enumerate(ctx.sentences):
        here = sentence_mentions.get(sent.start, [])
        # Only the outermost mentions take the sentence's facts.
        outer = [(s, e, i) for s, e, i in here
                 if not any(s2 <= s and e <= e2 and (s2, e2) != (s, e) for s2, e2, _ in here)]
        low = sent.text.lower()
        cues = [(sent.start + m.start(), sent.start + m.end()) for m in sign.finditer(sent.text, low=low)
                if not _not_done(sent.text, m.start(), m.end())]
        officials = _signers(ctx, sent)
        if not outer:
            # "Signing for Peru was X…": the instrument of the sentences just before.
            if cues and officials and last_signed is not None and n - last_sign_sentence <= 2:
                last_signed.signatories.extend(o for o in officials if o not in last_signed.signatories)
                last_sign_sentence = n
            continue
        for s, e, i in here:
            recs[i].countries.extend(c for c in _sentence_countries(ctx, sent, s, e) if c not in recs[i].countries)
        for s, _e, i in outer:
            recs[i].agencies.extend(a for a in _agencies_near(ctx, sent, s) if a not in recs[i].agencies)
        for status, pos in _status_cues(sent.text, low, statuses):
            pos += sent.start
            nearest = min(outer, key=lambda x: min(abs(x[0] - pos), abs(x[1] - pos)))
            for s, e, i in outer:
                if (s, e) == nearest[:2] and _rank(status) > _rank(recs[i].status):
                    recs[i].status = status
        if not cues:
            continue
        targets = _sign_targets(outer, cues)
        for _s, _e, i in targets:
            rec = recs[i]
            when = _date(ctx, sent, dates, cues[0][0])
            if when is None and _SAME_DAY.search(sent.text) and last_signed is not None:
                when = last_signed.signed
                rec.place = rec.place or last_signed.place
            if when and (rec.signed is None or len(when) > len(rec.signed)):
                rec.signed = when
            place = _place(ctx, sent)
            if place:
                rec.place = place
            for name in officials:
                if name not in rec.signatories:
                    rec.signatories.append(name)
            if rec.status is None:
                rec.status = "signed"
            last_signed, last_sign_sentence = rec, n
    # A place by the date: "agreed ... in Lima on Friday" / "signs a protocol ... on Friday".
    for rec in recs:
        if rec.signed and not rec.place:
            rec.place = _place_by_date(ctx, dates, rec.signed) or _dateline(ctx, rec.signed)


# A signing or entry into force still to come ("expected to be signed", "agreed to sign",
# "will enter into force"), or a round of talks concluded: no signature.
_NOT_YET = re.compile(r"(?i)\b(?:to|be|will|would|shall|not|yet|plans?|expected|set|intends?|ready)\s+$")
_ROUND = re.compile(r"(?i)\s+(?:(?:the|a|an|its|their)\s+)?(?:[\w-]+\s+){0,2}?(?:round|rounds|talks|negotiations|"
                    r"consultations)\b")


def _not_done(text: str, start: int, end: int) -> bool:
    if _NOT_YET.search(text[max(0, start - 14):start]):
        return True
    return text[start:end].lower().startswith("conclud") and bool(_ROUND.match(text, end))


def _status_cues(text: str, low: str, statuses: list[tuple[str, Caseless]]) -> list[tuple[str, int]]:
    """The status cues of a sentence: a longer cue wins over one inside it ("start negotiations
    on" over "negotiations on"); signings and entries into force still to come do not count."""
    found = [(status, m.start(), m.end()) for status, cue in statuses for m in cue.finditer(text, low=low)]
    out = []
    for status, s, e in found:
        if any(s2 <= s and e <= e2 and (s2, e2) != (s, e) for _, s2, e2 in found):
            continue
        if status in ("signed", "in_force") and _not_done(text, s, e):
            continue
        out.append((status, s))
    return out


class _Dates:
    """Dates of the sentences that need them, found once per sentence (offsets into the article).

    Agreements only need the dates of a signing sentence and of the sentences that
    name a place, so the rest of the article is never scanned.
    """

    def __init__(self, ctx: ArticleContext) -> None:
        self._ctx = ctx
        self._found: dict[int, list] = {}

    def of(self, sent: Sentence) -> list:
        found = self._found.get(sent.start)
        if found is None:
            found = [] if find_dates is None else [
                DateMention(sent.start + d.start, sent.start + d.end, d.value)
                for d in find_dates(sent.text, self._ctx.published)]
            self._found[sent.start] = found
        return found


def _sign_targets(outer: list[tuple[int, int, int]], cues: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """The mentions a signing verb is about: its object ("signing a protocol"), else the nearest."""
    if len({i for *_, i in outer}) <= 1:
        return outer
    objects = [m for m in outer if any(0 <= m[0] - ce <= 12 for _, ce in cues)]
    if objects:
        return [m for m in outer if m[:2] == objects[0][:2]]
    nearest = min(outer, key=lambda m: min(min(abs(m[0] - cs), abs(m[1] - cs)) for cs, _ in cues))
    return [m for m in outer if m[:2] == nearest[:2]]


def _rank(status: str | None) -> int:
    return {None: 0, "proposed": 1, "negotiating": 2, "signed": 3, "ratified": 4, "in_force": 5,
            "terminated": 6}[status]


def _signers(ctx: ArticleContext, sent: Sentence) -> list[str]:
    names: list[str] = []
    looked = _LOOKED_ON.search(sent.text)
    witnesses = _WITNESSES_AFTER.search(sent.text)
    for s, _e, name in mentions_of(ctx).officials:
        if not (sent.start <= s < sent.end):
            continue
        if witnesses and s >= sent.start + witnesses.end():
            continue
        if looked and s < sent.start + looked.start() and not re.search(
                r"(?i)\bsign", sent.text[s - sent.start:looked.start()]):
            continue
        if name not in names:
            names.append(name)
    return names


def _agencies_near(ctx: ArticleContext, sent: Sentence, start: int) -> list[str]:
    """Agencies of the clause after a mention ("a MoU that A signed with B"), else of the sentence."""
    def names(lo: int) -> list[str]:
        return list(dict.fromkeys(m.name for m in mentions_of(ctx).agencies if lo <= m.start < sent.end))
    after = names(start)
    return after if len(after) >= 2 else names(sent.start)


def _sentence_countries(ctx: ArticleContext, sent: Sentence, start: int, end: int) -> list[str]:
    """Countries a sentence binds to an instrument: not places of signing, not destinations, not titles."""
    titles = [(s, e) for s, e, _ in mentions_of(ctx).titles]
    agencies = [(m.start, m.end) for m in mentions_of(ctx).agencies]
    out = []
    for c in ctx.countries_in(sent.start, sent.end):
        if start <= c.start < end:
            if c.code not in out:
                out.append(c.code)
            continue
        before = ctx.text[max(sent.start, c.start - 30):c.start]
        if re.search(r"\b(?:in|at)\s+(?:the\s+)?(?:[A-Z]\w+\s+)?(?:city\s+of\s+)?$", before) and c.form != "adjective":
            continue
        if re.search(r",\s*$", before) and c.form == "name" and re.search(r"\bin\s+[A-Z]\w+,\s*$", before):
            continue
        if any(s <= c.start < e for s, e in titles + agencies) or is_destination(ctx.text, c):
            continue
        if c.code not in out:
            out.append(c.code)
    return out


def _date(ctx: ArticleContext, sent: Sentence, dates: _Dates, cue_pos: int) -> str | None:
    inside = [d for d in dates.of(sent) if "/" not in d.value
              and not re.search(r"(?i)\b(?:since|until|from|by)\s+$", ctx.text[max(0, d.start - 7):d.start])]
    if not inside:
        return None
    after = [d for d in inside if d.start >= cue_pos]
    best = min(after or inside, key=lambda d: abs(d.start - cue_pos))
    return best.value


@cache
def _place_words() -> tuple[frozenset[str], frozenset[str]]:
    p = gazetteer.places()
    return frozenset(p.get("city_states", [])), frozenset(p.get("not_cities", []))


@cache
def _region_nouns() -> frozenset[str]:
    return frozenset(gazetteer.places().get("region_nouns", []))


def _place(ctx: ArticleContext, sent: Sentence) -> str | None:
    city_states, not_cities = _place_words()
    forms = gazetteer.country_forms()
    for m in _PLACE_AFTER_IN.finditer(sent.text):
        place = m.group("place")
        if place.split()[-1] in _region_nouns():
            continue
        if re.search(r"\bof\s+$", m.group()[: m.start("place") - m.start()]) and not forms.get(place):
            return place
        for candidate in (place, place.split()[0]):
            if candidate in not_cities or candidate.rstrip("'’s") in not_cities:
                continue
            form = forms.get(candidate)
            if candidate in city_states or (form is not None and form.form == "capital"):
                return candidate
            if form is not None:
                continue
            if candidate in gazetteer.capitals() or _looks_like_city(ctx, candidate):
                return candidate
    return None


def _looks_like_city(ctx: ArticleContext, word: str) -> bool:
    """An unknown capitalised word after "in": a city unless it names an organisation or a person."""
    if " " in word or not re.fullmatch(r"[A-Z][a-z'’-]+", word):
        return False
    not_names = frozenset(gazetteer.titles().get("not_names", []))
    if word in not_names:
        return False
    return not any(word in a.name.split() for a in ctx.agencies) and not any(
        word in o.name.split() for o in ctx.officials)


def _place_by_date(ctx: ArticleContext, dates: _Dates, value: str) -> str | None:
    """The place of the first sentence that names one and carries the date of signature."""
    for sent in ctx.sentences:
        place = _place(ctx, sent)
        if place and any(d.value == value for d in dates.of(sent)):
            return place
    return None


def _dateline(ctx: ArticleContext, signed: str) -> str | None:
    """The dateline city ("LIMA –"), for an instrument signed in the days before publication."""
    if not ctx.published or len(signed) < 10 or signed[:7] != ctx.published[:7]:
        return None
    m = _DATELINE.match(ctx.text)
    if not m:
        return None
    place = m.group("place").title()
    if place.upper() == place:
        return None
    forms = gazetteer.country_forms()
    form = forms.get(place)
    return place if form is None or form.form == "capital" or place in _place_words()[0] else None


def _records(ctx: ArticleContext, recs: list[_Rec]) -> list[Agreement]:
    by_name = {a.name: a for a in ctx.agencies}
    officials = {o.name: o for o in ctx.officials}
    main = main_countries(ctx)
    home = home_country(ctx)
    out: list[Agreement] = []
    names: dict[int, str] = {}
    for i, rec in enumerate(recs):
        party_agencies = _party_agencies(rec, by_name, officials)
        parties = _parties(ctx, rec, party_agencies, by_name, officials, main, home)
        name = _name(rec, party_agencies, parties)
        names[i] = name
        first = min(rec.mentions)
        sent = ctx.sentence_at(first[0])
        evidence = [ctx.evidence_for(sent)] if sent else []
        out.append(Agreement(name=name, kind=rec.kind, parties=parties, party_agencies=party_agencies,
                             signed=rec.signed, place=rec.place, signatories=rec.signatories,
                             status=rec.status, evidence=evidence))
    for i, rec in enumerate(recs):
        if rec.amends is not None:
            out[i].amends = names[rec.amends]
    return out


def _party_agencies(rec: _Rec, by_name: dict, officials: dict) -> list[str]:
    signers = [officials[n].agency for n in rec.signatories if n in officials]
    if len(signers) >= 2 and all(signers):
        return list(dict.fromkeys(signers))
    acting = [a for a in rec.agencies if a in by_name
              and by_name[a].kind in ("customs", "international", "ministry", "state_body")]
    return acting if len(acting) >= 2 else []


def _parties(ctx: ArticleContext, rec: _Rec, party_agencies: list[str], by_name: dict, officials: dict,
             main: list[str], home: str | None) -> list[str]:
    in_name = _countries(ctx, *min(rec.mentions)) if rec.mentions and not rec.split else []
    if rec.parties_hint:
        codes = list(dict.fromkeys(rec.parties_hint + in_name))
        if len(codes) < 2:
            others = _countries(ctx, *min(rec.mentions)) if rec.split else []
            order = (home, *main, *rec.countries) if rec.split else (*rec.countries, home, *main)
            extra = [c for c in order if c and c not in codes and c not in others]
            codes += extra[:1]
        return sorted(codes)
    if len(in_name) >= 2:
        return sorted(in_name)
    if party_agencies:
        codes = [by_name[a].country for a in party_agencies if a in by_name]
        if all(c is None for c in codes):
            return []
        if len({c for c in codes if c}) >= 2:
            return sorted({c for c in codes if c})
    signers = {officials[n].country for n in rec.signatories if n in officials and officials[n].country}
    if len(signers) >= 2:
        return sorted(signers)
    codes = list(dict.fromkeys(in_name + rec.countries))
    if len(codes) >= 2:
        return sorted(codes)
    sentences = " ".join(ctx.text[s:e] for s, e in rec.mentions[:3])
    sentence_text = " ".join(ctx.sentence_at(s).text for s, _ in rec.mentions if ctx.sentence_at(s))
    if _TWO.search(sentence_text) or _TWO.search(sentences):
        return sorted(main[:3] if re.search(r"(?i)three", sentence_text) else main[:2])
    if codes and home and home not in codes:
        return sorted([*codes, home])
    return sorted(codes)


def _name(rec: _Rec, party_agencies: list[str], parties: list[str]) -> str:
    name = rec.name.strip()
    words = name.split()
    while words and words[0].lower() in _drop_words():
        words.pop(0)
    name = " ".join(words) or rec.kind
    if re.fullmatch(r"(?i)mous?", name):
        name = "memorandum of understanding"
    if rec.generic or len(words) <= 1:
        if len(party_agencies) >= 2:
            name = f"{name} between the {party_agencies[0]} and the {party_agencies[1]}"
        elif len(parties) >= 2:
            countries = [gazetteer.country_names().get(c, c) for c in parties]
            name = f"{name} between {', '.join(countries[:-1])} and {countries[-1]}"
    return name[0].upper() + name[1:]

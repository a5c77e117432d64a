"""Mentions of instruments: a kind noun ("protocol", "MoU") widened to the article's designation.

A designation runs left over the noun's modifiers ("bilateral", "Chile-Peru") and
right over its complement ("on mutual assistance in customs matters", "between A
and B") up to a word that ends a noun phrase (a verb, a date, a clause).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kb.extract.agreements.lexicon import drop_words, nouns
from kb.extract.agreements.model import Mention
from kb.extract.context import ArticleContext, Sentence

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
_WITH_NAMES = re.compile(r"\s+with\s+(?:the\s+)?(?:[A-Z][\w.'’&-]*)(?:\s+(?:and\s+|of\s+)?[A-Z][\w.'’&-]*)*")
_WORD = re.compile(r"\s*(?:[A-Z]\.)+|\s*\S+?(?=[\s,.;:()“”\"]|$)")
_PLACE_AT_END = re.compile(r"\s+in\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?$")
_DEFINITE = re.compile(r"(?i)\b(?:the|this|that|these|those|its|their|such)\s+(?:[\w-]+\s+){0,3}$")


def find_mentions(ctx: ArticleContext, sent: Sentence) -> Iterator[Mention]:
    """The sentence's designations of instruments, left to right."""
    text = ctx.text
    pattern, spec = nouns()
    for m in pattern.finditer(sent.text, low=sent.text.lower()):
        noun = m.group("case") or m.group("icase")
        info = spec.get(noun if m.group("case") else noun.lower())
        if info is None:
            continue
        ns, ne = sent.start + m.start(), sent.start + m.end()
        start = left_start(text, ns, sent.start)
        end = right_end(text, ne, sent.end)
        yield Mention(sent=sent, noun=noun, info=info, ns=ns, ne=ne, start=start, end=end,
                      name=text[start:end].strip(),
                      definite=bool(_DEFINITE.search(text[max(sent.start, start - 40):start])),
                      proper=noun[0].isupper() and ns > sent.start and not info.get("case"))


def left_start(text: str, start: int, floor: int) -> int:
    """Widen a mention to the modifiers before its noun ("bilateral", "Chile-Peru")."""
    pos = start
    for _ in range(5):
        m = re.search(r"(\S+)\s+$", text[max(floor, pos - 40):pos])
        if not m:
            break
        word = m.group(1)
        if word.lower() in drop_words() or not _MODIFIER.match(word) or word.endswith((",", ".", ":")):
            break
        pos = pos - len(m.group(0))
    return pos


def right_end(text: str, end: int, limit: int) -> int:
    """Widen a mention to its complement ("on mutual assistance in customs matters")."""
    m = _COMPLEMENT_START.match(text, end, limit)
    if not m:
        return end
    if m.group().strip() == "with":
        names = _WITH_NAMES.match(text[end:limit])
        return end + names.end() if names else end
    pos, paired = _complement_end(text, m.end(), limit, m.group().strip() == "between")
    if paired:  # "... and the Government of Y in Vientiane": the place is not the name's
        place = _PLACE_AT_END.search(text[m.end():pos])
        if place:
            pos = m.end() + place.start()
    return pos


def _complement_end(text: str, pos: int, limit: int, between: bool) -> tuple[int, bool]:
    """Where a complement ends: at the first stop word, but "between the X and the Y" keeps its "and"
    (then `paired` is true)."""
    paired = False
    while pos < limit:
        stop = _STOP.match(text, pos, limit)
        if stop and stop.end() > pos:
            if between and not paired and re.fullmatch(r"\s*and\s+the", stop.group()):
                paired = True
                pos = stop.end()
                continue
            break
        word = _WORD.match(text[pos:limit])
        if not word:
            break
        pos += word.end()
    return pos, paired

"""A trade's partner named by a pronoun: "Bahrain is a key market for Oman. Oman's exports to it rose …".

The pronoun after a trade word's "to", "from" or "into" stands for the partner the story just introduced: the last
country an earlier clause of the sentence named ("imports from Qatar made up $2.1 billion, exports to it $1.3
billion"), else the one country the sentence before named and this one does not. It becomes a country mention at
the pronoun, so the frames read the sentence as if the country were written there. Only "it": "them" may stand
for goods or a list.
"""

from __future__ import annotations

import re

from kb.extract.context import CountryMention, Sentence

# a trade word, up to three words of its own ("exports of fresh fruit"), then the pronoun after its preposition
_TRADE_TO_IT = re.compile(r"\b(?:exports?|imports?|re-exports?|shipments?|sales|supplies|deliveries|purchases|"
                          r"exported|imported|shipped|sold|sent|supplied|delivered|bought|purchased)"
                          r"(?:\s+[\w-]+){0,3}?\s+(?:to|from|into)\s+(?P<it>it)\b(?!\s+(?:is|was|has|had|will))",
                          re.I)


# … or "its neighbour": "the largest items Laos sold to its eastern neighbor", the other country of the story
_TRADE_TO_NEIGHBOUR = re.compile(_TRADE_TO_IT.pattern.replace(
    r"(?P<it>it)\b", r"(?P<it>(?:its|their)\s+(?:[a-z]+\s+)?neighbou?r)\b(?!s)"), re.I)


def partner_pronouns(sentences: list[Sentence], countries: list[CountryMention]) -> list[CountryMention]:
    """A country mention for each partner pronoun whose antecedent the sentence before makes plain."""
    found: list[CountryMention] = []
    for before, sentence in zip([None, *sentences], sentences, strict=False):
        here: set[str] | None = None  # the sentence's own countries, found once it holds a pronoun
        for m in [*_TRADE_TO_IT.finditer(sentence.text), *_TRADE_TO_NEIGHBOUR.finditer(sentence.text)]:
            if here is None:
                here = {c.code for c in countries if sentence.start <= c.start < sentence.end and c.form != "bloc"}
            # ("its neighbour": its own country is in its clause, so only the sentence before tells)
            told = None if m.re is _TRADE_TO_NEIGHBOUR else _told_before_in(sentence, m.start(), countries)
            antecedent = told or (_antecedent(before, countries, here) if before is not None else None)
            if antecedent is not None:
                found.append(CountryMention(sentence.start + m.start("it"), sentence.start + m.end("it"),
                                            antecedent.code, antecedent.surface, "name"))
    return found


def _told_before_in(sentence: Sentence, trade: int, countries: list[CountryMention]) -> CountryMention | None:
    """The last country an earlier clause of the sentence named (not one in the pronoun's own clause: "Uganda's
    exports to it" is Uganda's trade)."""
    clause = max((m.end() for m in _CLAUSE_END.finditer(sentence.text, 0, trade)), default=0)
    told = [c for c in countries if sentence.start <= c.start and c.end <= sentence.start + clause]
    return told[-1] if told and told[-1].form != "bloc" else None


_CLAUSE_END = re.compile(r"[,;:]\s|\s(?:and|while|whereas|but)\s")


def _antecedent(before: Sentence, countries: list[CountryMention], here: set[str]) -> CountryMention | None:
    """The one country the sentence before names that this sentence does not (a bloc or two such are no answer)."""
    told = [c for c in countries if before.start <= c.start < before.end]
    if any(c.form == "bloc" for c in told):
        return None
    others = {c.code: c for c in told if c.code not in here}
    return next(iter(others.values())) if len(others) == 1 else None

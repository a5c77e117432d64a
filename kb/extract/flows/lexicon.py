"""The trade-frame lexicon (`data/trade_frames.yaml`), compiled once: cues with their frame kind, role markers.

Every list of words lives in the data file; this module only turns the lists
into patterns. Cue forms go into one character trie, so the thousands of
positions of an article cost one pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kb.extract import gazetteer
from kb.extract.commodities import trie_regex

FRAME_KINDS = ("export_verb", "import_verb", "motion", "export_noun", "import_noun", "buyer_noun",
               "supplier_noun")
# Kinds whose cue names the sending side, and kinds that are nouns (their actor is a possessive or adjective).
EXPORTING = frozenset(("export_verb", "motion", "export_noun", "supplier_noun"))
NOUNS = frozenset(("export_noun", "import_noun", "buyer_noun", "supplier_noun"))


def _phrases(words: list[str]) -> str:
    """Alternation of phrases, longest first, any spacing between their words."""
    forms = sorted({" ".join(str(w).lower().split()) for w in words}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(p) for p in f.split()) for f in forms) or "(?!)"


def _before(words: list[str]) -> re.Pattern[str]:
    """The phrases right before a position (a country, a figure): "to (the) ", "from "."""
    # "to neighbouring Syria", "from fellow member Kenya": a describing word may stand between
    return re.compile(rf"(?<![\w-])(?:{_phrases(words)})\s+(?:the\s+)?(?:{_DESCRIBING}\s+)?$", re.I)


_DESCRIBING = (r"(?:neighbou?ring|fellow|war-torn|landlocked|oil-rich|nearby|distant|traditional|"
               r"crisis-hit|sanctions-hit|sanctioned|member(?:\s+state)?|"
               # "to northern Kyrgyzstan", "from south-eastern Turkey": a part of the country
               r"(?:north|south|east|west)(?:ern)?|(?:north|south)-?(?:east|west)(?:ern)?|central|mainland|"
               # "to its western neighbour Angola", "from their northern neighbour"
               r"(?:its|their|our)\s+(?:(?:close|immediate|(?:north|south|east|west)(?:ern)?)\s+)?"
               r"neighbou?r(?:ing\s+(?:country|state))?)")


def _anywhere(words: list[str], flags: int = re.I) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{_phrases(words)})(?![\w-])", flags)


@dataclass(frozen=True)
class Lexicon:
    cue: re.Pattern[str]
    kind_of: dict[str, str]  # a cue form, lower case with single spaces -> its frame kind
    noun_kind: dict[str, str]  # a form that is also an event or role noun ("exports", "supplies") -> that kind
    weak: frozenset[str]
    place_only: frozenset[str]  # verbs that open a frame only before the place goods reach ("enter Bolivia")
    to_before: re.Pattern[str]
    from_before: re.Pattern[str]
    list_before: re.Pattern[str]
    unreal: re.Pattern[str]
    blocked: re.Pattern[str]
    turnover: re.Pattern[str]
    totals: re.Pattern[str]
    price_before: re.Pattern[str]
    share_before: re.Pattern[str]
    comparison_before: re.Pattern[str]
    agent_nouns: frozenset[str]
    firm_before: re.Pattern[str]  # a firm right before a position: "Chinese carmaker Chery ", "Tajik banks have "
    maker_by: re.Pattern[str]
    modifiers: frozenset[str]
    mass_nouns: frozenset[str]
    stable_heads: frozenset[str]  # heads whose compounds stay in the head's HS heading ("robusta coffee")
    abbreviations: dict[str, str]
    goods_stop: frozenset[str]
    not_goods: frozenset[str]
    general_goods: frozenset[str]
    class_nouns: frozenset[str]  # a kind of goods a story's named goods belong to ("the fruit", "the nut")
    class_nouns_across: dict[str, tuple[str, ...]]  # … and headings of other chapters it names ("the bean": coffee)
    carriers: frozenset[str]

    def kind(self, form: str) -> str:
        """The frame kind of a cue as matched ("comes overwhelmingly from": `cue_form`'s form); "" for none."""
        return self.kind_of.get(cue_form(form), "")


# Between the words of a cue an adverb may stand ("comes overwhelmingly from", "went largely to"); the cue's
# form drops it (`cue_form`)
_SPACE = r"\s+(?:[a-z]+ly\s+)?"


def cue_form(text: str) -> str:
    """The lexicon's form of a cue as written: lower case, single spaces, no adverb inside."""
    words = text.lower().split()
    form = " ".join(words)
    if len(words) > 2 and form not in lexicon().kind_of:
        form = " ".join([words[0], *(w for w in words[1:-1] if not w.endswith("ly")), words[-1]])
    return form
_LIST_MARKERS = ["including", "such as", "led by", "followed by", "ahead of", "behind", "trailing", "after",
                 "among them", "namely",
                 "notably", "especially", "mainly", "mostly", "chiefly", "primarily", "then", "and",
                 "as well as", "or", "plus"]


@cache
def lexicon() -> Lexicon:
    data = gazetteer.load("trade_frames") or {}
    kind_of: dict[str, str] = {}
    for kind in FRAME_KINDS:  # a form listed under two kinds keeps the first (verbs before nouns)
        for form in data.get(kind, []):
            kind_of.setdefault(" ".join(str(form).lower().split()), kind)
    noun_kind = {" ".join(str(f).lower().split()): kind for kind in NOUNS for f in data.get(kind, [])
                 if kind_of.get(" ".join(str(f).lower().split()), kind) != kind}
    forms = sorted(kind_of)
    first = re.escape("".join(sorted({f[0] for f in forms})))
    body = trie_regex(forms, space=_SPACE)
    return Lexicon(
        cue=re.compile(rf"(?<![\w-])(?=[{first}])(?:{body})(?![\w-])", re.I),
        kind_of=kind_of,
        noun_kind=noun_kind,
        weak=frozenset(" ".join(str(w).lower().split()) for w in data.get("weak", [])),
        place_only=frozenset(" ".join(str(w).lower().split()) for w in data.get("place_only", [])),
        to_before=_before([w for w in data.get("to_markers", []) if w not in _LIST_MARKERS]),
        from_before=_before(data.get("from_markers", [])),
        list_before=_before(_LIST_MARKERS),
        # Case matters: "may" is a modal, "May" a month.
        unreal=_anywhere(data.get("unreal", []), flags=0),
        blocked=_anywhere(data.get("blocked", [])),
        turnover=_anywhere(data.get("turnover", [])),
        # "… or 38 per cent of the total": a share of the whole said of one partner, not the whole itself
        totals=re.compile(rf"(?<!\bof\sthe\s)(?<!\bof\s)(?<![\w-])(?:{_phrases(data.get('totals', []))})(?![\w-])",
                          re.I),
        price_before=re.compile(rf"(?<![\w-])(?:{_phrases(data.get('price_words', []))})\b[^,;:.]{{0,30}}$", re.I),
        share_before=re.compile(rf"(?<![\w-])(?:{_phrases(data.get('share_words', []))})\b[^,;:.]{{0,25}}$",
                                re.I),
        comparison_before=re.compile(rf"(?<![\w-])(?:{_phrases(data.get('comparison', []))})\s+"
                                     r"(?:the\s+)?(?:(?:about|around|some|nearly|roughly|just|over|almost)\s+)?$",
                                     re.I),
        agent_nouns=frozenset(str(w).lower() for w in [*data.get("agent_nouns", []), *data.get("firm_nouns", [])]),
        # a name or a firm noun, then the auxiliaries and adverbs of a verb group
        firm_before=re.compile(rf"(?:\b[A-Z][\w&.'’-]+|(?<![\w-])(?:{_phrases(data.get('firm_nouns', []))}))\s+"
                               r"(?:(?:has|have|had|also|already|recently|first|finally|successfully)\s+)*$"),
        maker_by=re.compile(rf"\b(?:{_phrases(data.get('maker_verbs', []))})\s+by\s+(?:the\s+)?"
                            r"(?:[\w-]+-based\s+)?(?:(?:company|firm|exporter|producer|group|trader)\s+)?"
                            r"((?:[A-Z][\w'&-]*\s+){0,5}[A-Z][\w'&-]*)"),
        modifiers=frozenset(str(w).lower() for w in data.get("modifiers", [])),
        mass_nouns=frozenset(str(w).lower() for w in data.get("mass_nouns", [])),
        stable_heads=frozenset(str(w).lower() for w in data.get("stable_heads", [])),
        abbreviations={str(k).lower(): str(v) for k, v in (data.get("abbreviations") or {}).items()},
        goods_stop=frozenset(str(w).lower() for w in data.get("goods_stop", [])),
        not_goods=frozenset(str(w).lower() for w in data.get("not_goods", [])),
        general_goods=frozenset(str(w).lower() for w in data.get("general_goods", [])),
        class_nouns=frozenset(str(w).lower() for w in data.get("class_nouns", [])),
        class_nouns_across={str(k).lower(): tuple(str(h) for h in v)
                            for k, v in (data.get("class_nouns_across") or {}).items()},
        carriers=frozenset(str(w).lower() for w in data.get("carriers", [])),
    )

"""What the agreement stage knows as data: kind nouns, cue words, drop words, place words.

Everything is read from `data/agreement_kinds.yaml` and `data/places.yaml` and compiled
once per process.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from kb.extract import gazetteer
from kb.extract.phrases import alternation


class Nouns:
    """Kind nouns in a text: a case-sensitive scan of the lower-cased text finds where one may start, and the
    real pattern (case-sensitive for abbreviations such as "MoU") is tried there only."""

    def __init__(self, pattern: re.Pattern[str], lowered: re.Pattern[str]) -> None:
        self.pattern, self._lowered = pattern, lowered

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        low = text.lower()
        if len(low) != len(text):
            yield from self.pattern.finditer(text)
            return
        end = 0
        for candidate in self._lowered.finditer(low):
            if candidate.start() < end:
                continue
            m = self.pattern.match(text, candidate.start())
            if m:
                end = m.end()
                yield m


# "with the customs administration of Paraguay": a partner body described by its country (optional in patterns)
BODY_OF = (r"(?:(?:customs|tax|revenue|trade)\s+(?:administrations?|authorit(?:y|ies)|services?|agenc(?:y|ies))"
           r"\s+of\s+(?:the\s+)?)?")


@cache
def nouns() -> tuple[Nouns, dict[str, dict]]:
    """The pattern of every kind noun ("protocol", "MoUs") and each form's entry (kind, plural, anaphor)."""
    spec: dict[str, dict] = {}
    case_forms: list[str] = []
    icase_forms: list[str] = []
    for entry in gazetteer.agreement_kinds().get("nouns", []):
        for form, plural in ((entry["phrase"], False), (entry.get("plural"), True)):
            if not form:
                continue
            spec.setdefault(form.lower() if not entry.get("case") else form, {**entry, "plural": plural})
            (case_forms if entry.get("case") else icase_forms).append(form)
    # not inside a word ("non-agreement"), but after a list number joined by a dash ("2-Agreement on …")
    free = r"(?:(?<![\w-])|(?<=\d-)|(?<=\d–))"
    pattern = re.compile(rf"{free}(?:(?P<case>{alternation(case_forms)})|"
                         rf"(?P<icase>(?i:{alternation(icase_forms)})))(?![\w-])")
    lowered = re.compile(rf"{free}(?:{alternation([*case_forms, *icase_forms], lower=True)})(?![\w-])")
    return Nouns(pattern, lowered), spec


class Cues:
    """Whole cue phrases found without regard to case: one scan of the lower-cased sentence (the text itself,
    case-insensitively, when lower-casing changes its length)."""

    def __init__(self, phrases: list[str]) -> None:
        self._lowered = re.compile(rf"\b(?:{alternation(phrases, lower=True)})\b")
        self._caseless = re.compile(rf"(?i)\b(?:{alternation(phrases)})\b")

    def finditer(self, text: str, low: str) -> Iterator[re.Match[str]]:
        """Matches (offsets into `text`; `group()` in lower case when `low` was scanned)."""
        return self._lowered.finditer(low) if len(low) == len(text) else self._caseless.finditer(text)


def words(phrases: list[str]) -> Cues:
    return Cues(phrases)


@cache
def sign_cues() -> tuple[Cues, frozenset[str]]:
    """Verbs and nouns that say an instrument was signed, in one pattern, and those of them that sign only the
    designation just before them ("a protocol agreed in March")."""
    k = gazetteer.agreement_kinds()
    passive = [s for s in k.get("signed_after", [])]
    active = [s for s in k.get("signed", []) if not s.startswith("initial")]
    return words([*active, *passive]), frozenset(p.lower() for p in passive)


@cache
def status_cues() -> tuple[Cues, dict[str, str]]:
    """Every status cue in one pattern (the longest first), and the status of each cue in lower case; a cue
    listed under two statuses has the first."""
    status: dict[str, str] = {}
    for entry in gazetteer.agreement_kinds().get("status", []):
        for cue in entry["cues"]:
            status.setdefault(cue.lower(), entry["status"])
    return words(list(status)), status


@cache
def drop_words() -> frozenset[str]:
    """Modifiers dropped from the start of a name ("the", "new", "landmark")."""
    return frozenset(gazetteer.agreement_kinds().get("drop_words", []))


@cache
def place_words() -> tuple[frozenset[str], frozenset[str]]:
    """(city-states that are also countries, capitalised words after "in" that are never cities)."""
    p = gazetteer.places()
    return frozenset(p.get("city_states", [])), frozenset(p.get("not_cities", []))


@cache
def region_nouns() -> frozenset[str]:
    return frozenset(gazetteer.places().get("region_nouns", []))


@cache
def not_names() -> frozenset[str]:
    return frozenset(gazetteer.titles().get("not_names", []))


@cache
def bloc_outsiders(surface: str) -> frozenset[str]:
    """Members of the bloc named `surface` that take no part in its agreements with outside partners."""
    bloc = gazetteer.blocs().get(surface)
    if bloc is None:
        return frozenset()
    return frozenset(gazetteer.agreement_kinds().get("bloc_outsiders", {}).get(bloc.key, []))

"""What the agreement stage knows as data: kind nouns, cue words, drop words, place words.

Everything is read from `data/agreement_kinds.yaml` and `data/places.yaml` and compiled
once per process.
"""

from __future__ import annotations

import re
from functools import cache

from kb.extract import gazetteer
from kb.extract.phrases import Caseless, alternation


@cache
def nouns() -> tuple[Caseless, dict[str, dict]]:
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
    pattern = re.compile(rf"(?<![\w-])(?:(?P<case>{alternation(case_forms)})|"
                         rf"(?P<icase>(?i:{alternation(icase_forms)})))(?![\w-])")
    lowered = re.compile(rf"(?<![\w-])(?:{alternation([*case_forms, *icase_forms], lower=True)})(?![\w-])")
    return Caseless(pattern, lowered), spec


def words(phrases: list[str]) -> Caseless:
    """A case-insensitive pattern of whole phrases."""
    return Caseless(re.compile(rf"(?i)\b(?:{alternation(phrases)})\b"),
                    re.compile(rf"\b(?:{alternation(phrases, lower=True)})\b"))


@cache
def sign_cues() -> Caseless:
    """Verbs and nouns that say an instrument was signed."""
    return words([s for s in gazetteer.agreement_kinds().get("signed", []) if not s.startswith("initial")])


@cache
def passive_sign_cues() -> Caseless:
    """Participles that sign the designation just before them ("a protocol agreed in March")."""
    return words(gazetteer.agreement_kinds().get("signed_after", []))


@cache
def status_cues() -> list[tuple[str, Caseless]]:
    """(status, its cue words), in the order the data file gives them."""
    return [(s["status"], words(s["cues"])) for s in gazetteer.agreement_kinds().get("status", [])]


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

"""The extractor's views of its data files (`kb/extract/data/*.yaml`, read by `kb.gazetteers`).

Each view is built once per process as plain data shaped for lookups; the
stages compile their regexes from these on first use.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any

from kb.gazetteers import load

# ---------------------------------------------------------------- countries

@dataclass(frozen=True)
class CountryForm:
    code: str
    form: str  # "name", "adjective", "capital"


@cache
def country_forms() -> dict[str, CountryForm]:
    """Every surface form of a country (name, adjective, capital) → its code and form; a large city or port
    (cities.yaml) reads as a capital does: a place, a dateline, or its country."""
    out: dict[str, CountryForm] = {}
    for code, names in (load("cities") or {}).items():
        for surface in names or []:
            out[str(surface)] = CountryForm(str(code), "capital")
    data = load("countries") or {}
    for form, key in (("capital", "capitals"), ("adjective", "adjectives"), ("name", "names")):
        for code, entry in data.items():
            for surface in (entry or {}).get(key) or []:
                out[str(surface)] = CountryForm(str(code), form)
    return out


@cache
def regions() -> dict[str, str]:
    """Producing regions and provinces (regions.yaml) → their country: a hint of whose story it is, never a party."""
    return {str(r): str(code) for code, names in (load("regions") or {}).items() for r in names or []}


@cache
def country_names() -> dict[str, str]:
    """ISO code → the name to use when writing a country in a synthesized agency name."""
    return {str(code): str((entry or {}).get("names", [code])[0])
            for code, entry in (load("countries") or {}).items()}


@cache
def capitals() -> dict[str, str]:
    """Capitals and the large cities of cities.yaml → their country: places, datelines."""
    cities = {str(c): str(code) for code, names in (load("cities") or {}).items() for c in names or []}
    return cities | {str(c): str(code) for code, e in (load("countries") or {}).items()
                     for c in (e or {}).get("capitals") or []}


@dataclass(frozen=True)
class Bloc:
    key: str
    names: tuple[str, ...]
    members: tuple[tuple[str, str, str | None], ...]  # (code, since, until) as ISO text

    def members_at(self, date: str | None) -> list[str]:
        day = date or dt.date.today().isoformat()
        return sorted(code for code, since, until in self.members
                      if since[: len(day)] <= day and (until is None or day <= until))


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


@cache
def blocs() -> dict[str, Bloc]:
    """Bloc surface form → bloc."""
    out: dict[str, Bloc] = {}
    for key, entry in (load("blocs") or {}).items():
        members = tuple((str(m["code"]), _iso(m.get("since")) or "0000", _iso(m.get("until")))
                        for m in (entry or {}).get("members") or [])
        bloc = Bloc(str(key), tuple(str(n) for n in entry.get("names") or []), members)
        for name in bloc.names:
            out[name] = bloc
    return out


# ---------------------------------------------------------------- agencies

@dataclass(frozen=True)
class KnownAgency:
    name: str
    also: tuple[str, ...]
    country: str | None
    kind: str | None


@cache
def known_agencies() -> list[KnownAgency]:
    return [KnownAgency(str(e["name"]), tuple(str(a) for a in e.get("also") or []),
                        e.get("country"), e.get("kind"))
            for e in load("customs_administrations") or [] if e and e.get("name")]


@cache
def agency_patterns() -> dict[str, Any]:
    return load("agency_patterns") or {}


@cache
def titles() -> dict[str, Any]:
    return load("titles") or {}


@cache
def agreement_kinds() -> dict[str, Any]:
    return load("agreement_kinds") or {}


@cache
def places() -> dict[str, Any]:
    return load("places") or {}

"""Checks on the gazetteer data files under kb/extract/data/.

They check real properties of the data (valid codes, no colliding surface
forms, sorted keys, required fields), so an error in a hand edit fails here.
"""

import datetime
import re
from collections import defaultdict
from pathlib import Path

import pycountry
import pytest
import yaml

DATA = Path(__file__).resolve().parent.parent / "kb" / "extract" / "data"
ALPHA2 = {c.alpha_2 for c in pycountry.countries}
# ISO 4217 codes withdrawn recently but still in news ("leva" before Bulgaria's
# euro of 2026-01-01), which pycountry's current list may lack.
RECENT_CURRENCIES = {"BGN"}
CURRENCIES = {c.alpha_3 for c in pycountry.currencies} | RECENT_CURRENCIES
KINDS = {"customs", "ministry", "government", "state_body", "company",
         "international", "association", "other"}
FILES = ["countries.yaml", "blocs.yaml", "customs_administrations.yaml",
         "hs_headings.yaml", "units.yaml", "currencies.yaml"]


def load(name):
    with open(DATA / name, encoding="utf-8") as f:
        return yaml.safe_load(f)


def fold(form):
    return " ".join(form.casefold().split())


@pytest.mark.parametrize("name", FILES)
def test_file_parses_and_has_header_comment(name):
    text = (DATA / name).read_text(encoding="utf-8")
    assert text.startswith("#"), f"{name} must start with a comment describing it"
    assert yaml.safe_load(text), f"{name} is empty"


# countries.yaml

def test_countries_cover_every_iso_code():
    countries = load("countries.yaml")
    assert set(countries) == ALPHA2, (
        f"missing: {sorted(ALPHA2 - set(countries))}; "
        f"unknown: {sorted(set(countries) - ALPHA2)}")


def test_countries_sorted():
    countries = load("countries.yaml")
    assert list(countries) == sorted(countries)


def test_every_country_has_names_and_valid_fields():
    for code, entry in load("countries.yaml").items():
        assert isinstance(entry, dict), code
        assert set(entry) <= {"names", "adjectives", "capitals"}, code
        assert entry.get("names"), f"{code} has no names"
        for key in ("names", "adjectives", "capitals"):
            forms = entry.get(key) or []
            assert isinstance(forms, list), f"{code}.{key} must be a list"
            for form in forms:
                assert isinstance(form, str) and form.strip() == form and form, (
                    f"{code}.{key}: bad form {form!r}")
            assert len({fold(f) for f in forms}) == len(forms), (
                f"{code}.{key} repeats a form")


def test_no_surface_form_maps_to_two_countries():
    owners = defaultdict(set)
    for code, entry in load("countries.yaml").items():
        for key in ("names", "adjectives", "capitals"):
            for form in entry.get(key) or []:
                owners[form].add(code)
    collisions = {f: sorted(c) for f, c in owners.items() if len(c) > 1}
    assert not collisions, f"forms naming two countries: {collisions}"


def iso_name_forms(country):
    """The forms of a pycountry record's names that news would write."""
    forms = set()
    for name in (country.name, getattr(country, "official_name", None),
                 getattr(country, "common_name", None)):
        if not name:
            continue
        forms.add(name)
        if "(" in name:  # "Holy See (Vatican City State)" -> "Holy See"
            name = name.split("(")[0].strip()
            forms.add(name)
        if "," in name:  # "Korea, Republic of" -> "Korea", "Republic of Korea"
            head, tail = (p.strip() for p in name.split(",", 1))
            forms.add(head)
            inverted = f"{tail} {head}"
            forms.add(inverted[4:] if inverted.startswith("The ") else inverted)
    return forms


def test_country_names_include_an_iso_name():
    countries = load("countries.yaml")
    missing = [c.alpha_2 for c in pycountry.countries
               if not set(countries[c.alpha_2]["names"]) & iso_name_forms(c)]
    assert not missing, f"countries listing none of their ISO names: {missing}"


@pytest.mark.parametrize("code,form", [
    ("KR", "South Korea"), ("KP", "North Korea"), ("KP", "DPRK"),
    ("TR", "Türkiye"), ("TR", "Turkey"), ("CZ", "Czechia"),
    ("CI", "Ivory Coast"), ("MM", "Burma"), ("SZ", "Eswatini"),
    ("MK", "North Macedonia"), ("GB", "Britain"), ("GB", "UK"),
    ("US", "U.S."), ("AE", "UAE"), ("CN", "PRC"), ("KG", "Kyrgyz Republic"),
    ("HK", "Hong Kong"), ("MO", "Macau"), ("TW", "Taiwan"),
    ("RU", "Russian Federation"), ("NL", "Holland"), ("UZ", "Uzbekistan"),
])
def test_expected_country_forms(code, form):
    entry = load("countries.yaml")[code]
    assert form in entry["names"] + (entry.get("adjectives") or [])


# blocs.yaml

def as_date(value, end=False):
    if isinstance(value, int):
        return datetime.date(value, 12, 31) if end else datetime.date(value, 1, 1)
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


def test_blocs_members_valid():
    blocs = load("blocs.yaml")
    assert list(blocs) == sorted(blocs)
    for key, bloc in blocs.items():
        assert bloc.get("names"), key
        assert bloc.get("members"), key
        codes = [m["code"] for m in bloc["members"]]
        assert codes == sorted(codes), f"{key} members not sorted by code"
        for m in bloc["members"]:
            assert set(m) <= {"code", "since", "until"}, (key, m)
            assert m["code"] in ALPHA2, f"{key}: bad code {m['code']}"
            assert "since" in m, (key, m)
            since = as_date(m["since"])
            if m.get("until") is not None:
                assert as_date(m["until"], end=True) >= since, (key, m)


def test_bloc_names_unique():
    owners = defaultdict(set)
    for key, bloc in load("blocs.yaml").items():
        for form in bloc["names"]:
            owners[form].add(key)
    assert not {f for f, k in owners.items() if len(k) > 1}


@pytest.mark.parametrize("bloc", ["EU", "EAEU", "ASEAN", "EAC", "MERCOSUR",
                                  "GCC", "SACU", "ECOWAS", "CIS", "CARICOM",
                                  "CAN", "EFTA", "SADC", "COMESA"])
def test_expected_blocs(bloc):
    assert bloc in load("blocs.yaml")


def test_bloc_names_do_not_collide_with_countries():
    country_forms = set()
    for entry in load("countries.yaml").values():
        for key in ("names", "adjectives", "capitals"):
            country_forms.update(entry.get(key) or [])
    for key, bloc in load("blocs.yaml").items():
        assert not set(bloc["names"]) & country_forms, key


# customs_administrations.yaml

def test_customs_administrations_valid():
    entries = load("customs_administrations.yaml")
    assert isinstance(entries, list)
    for e in entries:
        assert set(e) <= {"name", "also", "country", "kind"}, e
        assert isinstance(e["name"], str) and e["name"], e
        assert e["kind"] in KINDS, e
        if e["kind"] == "international":
            assert e["country"] is None, e
        else:
            assert e["country"] in ALPHA2, e
        assert isinstance(e.get("also") or [], list), e


def test_customs_administration_names_unique_per_country():
    seen = {}
    for e in load("customs_administrations.yaml"):
        key = (fold(e["name"]), e["country"])
        assert key not in seen, f"duplicate entry {e['name']} ({e['country']})"
        seen[key] = e


def test_customs_administration_full_names_unambiguous():
    owners = defaultdict(set)
    for e in load("customs_administrations.yaml"):
        owners[fold(e["name"])].add(e["country"])
    assert not {n: c for n, c in owners.items() if len(c) > 1}


def test_full_names_not_aliases_of_another_country():
    names = {fold(e["name"]): e["country"] for e in load("customs_administrations.yaml")}
    clashes = [(a, e["country"], names[fold(a)])
               for e in load("customs_administrations.yaml") for a in e.get("also") or []
               if fold(a) in names and names[fold(a)] != e["country"]]
    assert not clashes, f"aliases that are another country's body: {clashes}"


def test_customs_administrations_sorted():
    entries = load("customs_administrations.yaml")
    keys = [(e["country"] or "", fold(e["name"])) for e in entries]
    assert keys == sorted(keys)


# hs_headings.yaml

def test_hs_headings_valid():
    entries = load("hs_headings.yaml")
    for e in entries:
        assert set(e) == {"hs", "description", "terms"}, e
        assert isinstance(e["hs"], str) and re.fullmatch(r"\d{2}(\d{2}(\d{2})?)?", e["hs"]), e
        assert 1 <= int(e["hs"][:2]) <= 97 and e["hs"][:2] != "77", e
        assert e["terms"] and all(isinstance(t, str) and t for t in e["terms"]), e


def test_hs_sorted_and_terms_unique():
    entries = load("hs_headings.yaml")
    codes = [e["hs"] for e in entries]
    assert codes == sorted(codes), "entries not sorted by hs"
    owners = defaultdict(set)
    for e in entries:
        for t in e["terms"]:
            owners[fold(t)].add(e["hs"])
    collisions = {t: sorted(c) for t, c in owners.items() if len(c) > 1}
    assert not collisions, f"terms mapped to two headings: {collisions}"


# units.yaml and currencies.yaml

def unit_key(form):
    """How the quantity parser folds a unit form: short forms keep their case."""
    return form if len(form) <= 3 else form.lower()


def currency_key(form):
    """How the money parser folds a currency form: capitals and symbols keep their case."""
    return form if form.isupper() or not form[:1].isalpha() else form.lower()


def test_units_valid_and_unambiguous():
    owners = defaultdict(set)
    for e in load("units.yaml"):
        assert set(e) == {"unit", "factor", "forms"}, e
        assert isinstance(e["unit"], str) and e["unit"]
        assert isinstance(e["factor"], (int, float)) and e["factor"] > 0, e
        for form in e["forms"]:
            assert isinstance(form, str) and form, e
            owners[unit_key(form)].add((e["unit"], e["factor"]))
    assert not {f: o for f, o in owners.items() if len(o) > 1}


def test_currencies_valid_and_unambiguous():
    owners = defaultdict(set)
    entries = load("currencies.yaml")
    for e in entries:
        assert set(e) == {"code", "forms"}, e
        assert e["code"] in CURRENCIES, e
        for form in e["forms"]:
            assert isinstance(form, str) and form, e
            owners[currency_key(form)].add(e["code"])
    assert not {f: c for f, c in owners.items() if len(c) > 1}
    codes = [e["code"] for e in entries]
    assert codes == sorted(set(codes)), "codes not sorted or repeated"


@pytest.mark.parametrize("form,code", [
    ("$", "USD"), ("US$", "USD"), ("€", "EUR"), ("£", "GBP"), ("₽", "RUB"),
    ("roubles", "RUB"), ("₹", "INR"), ("yuan", "CNY"), ("tenge", "KZT"),
    ("Ugandan shillings", "UGX"), ("Pakistani rupees", "PKR"), ("lari", "GEL"),
])
def test_currency_forms(form, code):
    by_form = {currency_key(f): e["code"] for e in load("currencies.yaml") for f in e["forms"]}
    assert by_form[currency_key(form)] == code


@pytest.mark.parametrize("form,unit,factor", [
    ("tonnes", "t", 1), ("kt", "t", 1000), ("Mt", "t", 1e6), ("MT", "t", 1),
    ("bcm", "m3", 1e9), ("litres", "l", 1), ("heads of cattle", "head", 1),
])
def test_unit_forms(form, unit, factor):
    by_form = {unit_key(f): (e["unit"], e["factor"]) for e in load("units.yaml") for f in e["forms"]}
    assert by_form[unit_key(form)] == (unit, factor)




# ---------------------------------------------------------------- cities.yaml

def test_cities_are_keyed_by_real_countries_sorted_and_new_forms():
    cities = load("cities.yaml")
    assert list(cities) == sorted(cities) and set(cities) <= ALPHA2
    country_forms = {f for e in load("countries.yaml").values() for k in ("names", "adjectives", "capitals")
                     for f in e.get(k) or []}
    names = [n for ns in cities.values() for n in ns]
    assert len(names) == len(set(names)), "a city listed twice"
    assert not set(names) & country_forms, f"cities that are country forms: {set(names) & country_forms}"


# ---------------------------------------------------------------- regions.yaml

def test_regions_are_keyed_by_real_countries_sorted_and_new_forms():
    regions = load("regions.yaml")
    assert list(regions) == sorted(regions) and set(regions) <= ALPHA2
    taken = {f for e in load("countries.yaml").values() for k in ("names", "adjectives", "capitals")
             for f in e.get(k) or []} | {c for cs in load("cities.yaml").values() for c in cs}
    names = [n for ns in regions.values() for n in ns]
    assert len(names) == len(set(names)), "a region listed twice"
    assert not set(names) & taken, f"regions that are country or city forms: {set(names) & taken}"

"""The kb-facts/1 format: what one article states, as validated records.

Curated facts files and the extractor's output share this format
(see docs/facts-format.md). Reading validates every key and value and reports the
first problems with the file name and the field path; writing produces the
same YAML a person would write by hand.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator, model_validator

from kb import safe_yaml
from kb.errors import FactsError, ReadError
from kb.files import MAX_FILE_BYTES, read_regular_file
from kb.kinds import FACTS_KEYS

FORMAT = "kb-facts/1"
FACTS_SUFFIX = ".facts.yaml"

AgencyKind = Literal["customs", "ministry", "government", "state_body", "company",
                     "international", "association", "other"]
AgreementKind = Literal["agreement", "protocol", "memorandum", "treaty", "convention",
                        "arrangement", "plan", "other"]
AgreementStatus = Literal["signed", "in_force", "ratified", "negotiating", "proposed", "terminated"]
RatePeriod = Literal["year", "month", "week", "day", "quarter"]

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")


def _to_text(value: Any) -> Any:
    """YAML turns 2023-09-22 into a date and 2023 into an int; dates are kept as ISO text."""
    if value is None or isinstance(value, str):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _check_date(value: str | None) -> str | None:
    if value is None:
        return value
    if not _DATE.match(value):
        raise ValueError(f"not an ISO date or interval (YYYY, YYYY-MM, YYYY-MM-DD, A/B): {value!r}")
    parts = value.split("/")
    if not all(_exists(part) for part in parts):
        raise ValueError(f"no such date: {value!r}")
    if len(parts) == 2 and parts[1][:len(parts[0])] < parts[0][:len(parts[1])]:
        raise ValueError(f"the interval ends before it starts: {value!r}")
    return value


def _exists(iso: str) -> bool:
    """A year, month or day that the calendar has (2023-02-30 and 2023-13 are not)."""
    year, *rest = (int(n) for n in iso.split("-"))
    try:
        dt.date(year, rest[0] if rest else 1, rest[1] if len(rest) > 1 else 1)
    except ValueError:
        return False
    return True


@cache
def country_codes() -> frozenset[str]:
    """Every ISO 3166-1 alpha-2 code: the `country` table is filled from the same pycountry list."""
    import pycountry

    return frozenset(c.alpha_2 for c in pycountry.countries)


def _check_country(value: str | None) -> str | None:
    if value is not None and not _COUNTRY.match(value):
        raise ValueError(f"not an upper-case ISO 3166-1 alpha-2 code: {value!r}")
    if value is not None and value not in country_codes():
        raise ValueError(f"no country has the ISO 3166-1 code {value!r}")
    return value


def _check_name(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value


IsoDate = Annotated[str | None, BeforeValidator(_to_text)]
Text = Annotated[str | None, BeforeValidator(_to_text)]


class Evidence(BaseModel):
    """The sentence of the article's body that supports a record, with its character span."""

    model_config = ConfigDict(extra="forbid")
    quote: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Evidence:
        if self.end < self.start:
            raise ValueError(f"the span ends before it starts ({self.start}:{self.end})")
        return self


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    evidence: list[Evidence] = Field(default_factory=list)


class ArticleInfo(BaseModel):
    model_config = ConfigDict(extra="forbid")
    file: str
    title: Text = None
    publisher: Text = None
    author: Text = None
    published: IsoDate = None
    url: Text = None
    language: str | None = "en"

    _published = field_validator("published")(_check_date)


class Agency(Record):
    name: str
    also: list[str] = Field(default_factory=list)
    country: str | None = None
    kind: AgencyKind | None = None

    _country = field_validator("country")(_check_country)
    _name = field_validator("name")(_check_name)


class Official(Record):
    name: str
    country: str | None = None
    title: Text = None
    agency: Text = None

    _country = field_validator("country")(_check_country)
    _name = field_validator("name")(_check_name)


class Agreement(Record):
    name: str
    kind: AgreementKind | None = None
    parties: list[str] = Field(default_factory=list)
    party_agencies: list[str] = Field(default_factory=list)
    signed: IsoDate = None
    place: Text = None
    signatories: list[str] = Field(default_factory=list)
    amends: Text = None
    status: AgreementStatus | None = None
    subject: Text = None

    _signed = field_validator("signed")(_check_date)
    _name = field_validator("name")(_check_name)

    @field_validator("parties")
    @classmethod
    def _parties(cls, value: list[str]) -> list[str]:
        for code in value:
            _check_country(code)
        return sorted(set(value))


class TradeFlow(Record):
    commodity: str
    hs: Text = None
    from_: str | None = Field(default=None, alias="from")
    to: str | None = None
    quantity: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    unit: str | None = None
    value: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    currency: str | None = None
    per: RatePeriod | None = None
    date: IsoDate = None
    exporter: Text = None
    importer: Text = None

    _countries = field_validator("from_", "to")(_check_country)
    _date = field_validator("date")(_check_date)
    _commodity = field_validator("commodity")(_check_name)

    @field_validator("hs")
    @classmethod
    def _hs(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"\d{2,10}", value):
            raise ValueError(f"HS code must be 2 to 10 digits, as a string: {value!r}")
        return value

    @field_validator("currency")
    @classmethod
    def _currency(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[A-Z]{3}", value):
            raise ValueError(f"currency must be an ISO 4217 code such as USD: {value!r}")
        return value


class Extractor(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    version: str


class Facts(BaseModel):
    """One article's facts: the whole content of a facts file."""

    model_config = ConfigDict(extra="forbid")
    format: Literal["kb-facts/1"] = FORMAT
    article: ArticleInfo
    extractor: Extractor | None = None
    agencies: list[Agency] = Field(default_factory=list)
    officials: list[Official] = Field(default_factory=list)
    agreements: list[Agreement] = Field(default_factory=list)
    trade_flows: list[TradeFlow] = Field(default_factory=list)

    @field_validator(*FACTS_KEYS, mode="before")
    @classmethod
    def _none_is_empty(cls, value: Any) -> Any:
        return [] if value is None else value


# ---------------------------------------------------------------- reading

def facts_path_for(article: Path) -> Path:
    """The facts file that sits beside an article: NAME.txt → NAME.facts.yaml."""
    return article.with_name(article.stem + FACTS_SUFFIX)


def is_facts_file(path: Path) -> bool:
    return path.name.endswith(FACTS_SUFFIX)


def parse_facts(data: Any, source: str) -> Facts:
    """Validate an already-parsed mapping; errors name `source` and the field path."""
    if not isinstance(data, dict):
        raise FactsError(f"{source}: not a kb-facts/1 mapping")
    if data.get("format") != FORMAT:
        raise FactsError(f"{source}: format must be {FORMAT!r}, found {data.get('format')!r}")
    where = _control_character(data)
    if where is not None:
        raise FactsError(f"{source}: {where or 'a key'}: holds a NUL, another control character or a lone surrogate")
    try:
        return Facts.model_validate(data)
    except ValidationError as exc:
        raise FactsError(f"{source}: {_describe(exc)}") from None


_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff]")  # and lone surrogates


def _control_character(data: Any, where: str = "") -> str | None:
    """Where (a field path) the first string holding a control character is; None if none does.

    PostgreSQL refuses NUL in text where SQLite stores it: refused here, a file loads the same on both.
    """
    stack = [(where, data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            if _CONTROLS.search(value):
                return path
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str) and _CONTROLS.search(key):
                    return path
                stack.append((f"{path}.{key}" if path else str(key), item))
        elif isinstance(value, list):
            stack.extend((f"{path}[{i}]", item) for i, item in enumerate(value))
    return None


def read_facts(path: Path, max_bytes: int = MAX_FILE_BYTES) -> Facts:
    """A facts file read and validated: a regular file of at most `max_bytes`, YAML without aliases."""
    try:
        text = read_regular_file(path, max_bytes).decode("utf-8")
    except ReadError as exc:
        raise FactsError(str(exc)) from None
    except UnicodeDecodeError as exc:
        raise FactsError(f"{path}: cannot read: not UTF-8 text (bad byte at offset {exc.start})") from None
    try:
        data = safe_yaml.load(text)
    except safe_yaml.AliasRefused as exc:
        raise FactsError(f"{path}: {exc}") from None
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" at line {where.line + 1}" if where else ""
        problem = getattr(exc, "problem", None) or getattr(exc, "reason", None) or str(exc).strip().splitlines()[0]
        raise FactsError(f"{path}: not valid YAML{line}: {problem}") from None
    except RecursionError:
        raise FactsError(f"{path}: not valid YAML: nested too deeply") from None
    return parse_facts(data, str(path))


def check_evidence(facts: Facts, text: str, source: str) -> None:
    """Every evidence span lies within the article's clean body text (`text`); a FactsError names the first ones."""
    problems = []
    for kind in FACTS_KEYS:
        for i, record in enumerate(getattr(facts, kind)):
            for j, ev in enumerate(record.evidence):
                if ev.end > len(text):
                    problems.append(f"{kind}[{i}].evidence[{j}]: the span {ev.start}:{ev.end} runs past the end "
                                    f"of the article's text ({len(text):,} characters)")
    if problems:
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        raise FactsError(f"{source}: {'; '.join(problems[:3])}{more}")


def _describe(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors()[:3]:
        loc = ".".join(str(p) if not isinstance(p, int) else f"[{p}]" for p in err["loc"])
        loc = loc.replace(".[", "[").replace("from_", "from")
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = "unknown key"
        parts.append(f"{loc}: {msg}")
    more = len(exc.errors()) - 3
    return "; ".join(parts) + (f" (and {more} more)" if more > 0 else "")


# ---------------------------------------------------------------- writing

def facts_to_dict(facts: Facts, *, evidence: bool = True) -> dict[str, Any]:
    """The facts as plain data in the file's key order, empty optional keys left out."""
    out: dict[str, Any] = {"format": FORMAT}
    out["article"] = facts.article.model_dump()
    if facts.extractor:
        out["extractor"] = facts.extractor.model_dump()
    for key in FACTS_KEYS:
        records = []
        for rec in getattr(facts, key):
            data = rec.model_dump(by_alias=True, exclude_none=True)
            data = {k: v for k, v in data.items() if v != [] or k == "parties"}
            if not evidence:
                data.pop("evidence", None)
            for number in ("quantity", "value"):
                if isinstance(data.get(number), float) and data[number].is_integer():
                    data[number] = int(data[number])
            records.append(data)
        out[key] = records
    return out


def stored_json(facts: Facts) -> str:
    """The facts as an article row keeps them (`article.facts`): made by the worker that prepared the article, so
    the store, which the load's workers wait on, does not spend its time on it."""
    return json.dumps(facts.model_dump(mode="json", by_alias=True, exclude_none=True), ensure_ascii=False)


def dump_facts(facts: Facts, *, evidence: bool = True) -> str:
    return yaml.dump(facts_to_dict(facts, evidence=evidence), Dumper=_Dumper, sort_keys=False,
                     allow_unicode=True, width=100)


def write_facts(facts: Facts, path: Path) -> None:
    path.write_text(dump_facts(facts), encoding="utf-8")


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    pass

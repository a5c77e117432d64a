"""Trade-flow cases by phrasing class: tests/flow_cases/<class>.yaml, one invented snippet per case.

Each case lists the complete set of flows a careful reader records (`flows: []` for none). A case
passes when every expected flow is read with the fields it states (a field stated as `null` must be
absent), and no flow is read between a pair of countries the case does not list; with `exact: true`, no flow
is read beyond those listed (one goods too many between a listed pair fails too). `known_gap: "reason"`
marks a case the reader fails today: a strict xfail, red once the gap is fixed (then remove the key).
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml

from kb.extract import extract
from kb.readers.document import Document

CASES = Path(__file__).parent / "flow_cases"
PUBLISHED = "2024-05-17"


def _cases() -> list:
    params = []
    for path in sorted(CASES.glob("*.yaml")):
        for i, case in enumerate(yaml.safe_load(path.read_text(encoding="utf-8"))):
            gap = case.get("known_gap")
            marks = [pytest.mark.xfail(strict=True, reason=gap)] if gap else []
            params.append(pytest.param(case, id=f"{path.stem}-{i}", marks=marks))
    return params


def read(case: dict) -> list[dict]:
    """The flows the extractor writes for the case's snippet, read as an article."""
    doc = Document(path=Path("case.txt"), text=case["text"], title=case.get("title"),
                   publisher=case.get("publisher"), published=str(case.get("published", PUBLISHED)))
    return [f.model_dump(by_alias=True, exclude_none=True) for f in extract(doc).trade_flows]


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("oes", "ches", "shes", "sses", "xes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _goods(name: str) -> str:
    """Case-insensitive, singular or plural on the last word: "Fresh Cherries" == "fresh cherry"."""
    words = name.lower().split()
    return " ".join([*words[:-1], _singular(words[-1])])


def same(key: str, want: object, got: object) -> bool:
    if want is None or got is None:  # a field written `null` must be absent ("the total goes to no element")
        return want is got
    if key == "commodity":
        return _goods(want) == _goods(got)
    if key in ("quantity", "value"):
        return math.isclose(float(want), float(got), rel_tol=1e-3)
    if key == "hs":
        return str(want)[:4] == str(got)[:4]  # the heading, as the scorer compares it
    return str(want) == str(got)  # codes, units, currencies, dates ("2023" read by YAML as a number), names


def matches(want: dict, got: dict) -> bool:
    return all(same(key, value, got.get(key)) for key, value in want.items())


@pytest.mark.parametrize("case", _cases())
def test_flow_case(case: dict) -> None:
    got = read(case)
    expected = case["flows"]
    missing = [want for want in expected if not any(matches(want, g) for g in got)]
    pairs = {(want["from"], want["to"]) for want in expected}
    extra = [g for g in got if (g.get("from"), g.get("to")) not in pairs]
    if case.get("exact") and not extra:
        extra = [g for g in got if not any(matches(want, g) for want in expected)]
    assert not missing and not extra, f"\nmissing: {missing}\nextra:   {extra}\nread:    {got}"

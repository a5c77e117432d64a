"""benchmarks/layer_recall.py names the first reading layer that fails for a missed gold flow (invented records)."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "layer_recall.py"


@cache
def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("layer_recall", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def flow(quote: str | None, **fields) -> dict:
    record = {"commodity": "cocoa beans", "hs": "1801", "from": "GH", "to": "NL", **fields}
    if quote is not None:
        record["evidence"] = [{"quote": quote}]
    return record


@pytest.mark.parametrize(("record", "layer"), [
    (flow(None), "no evidence"),
    (flow("The Netherlands: up 12% to 41,000 tonnes."), "no trade word"),
    (flow("Shipments to the Netherlands rose to 41,000 tonnes."), "seller absent"),
    (flow("Ghana shipped 41,000 tonnes of cocoa beans last year."), "buyer absent"),
    (flow("Ghana shipped 41,000 tonnes of kente to the Netherlands.", commodity="adinkra cloth", hs=None),
     "goods unknown"),
    (flow("Ghana shipped cocoa beans to the Netherlands.", quantity=41000, unit="t"), "figure unread"),
    (flow("Ghana shipped 41,000 tonnes of cocoa beans to the Netherlands.", quantity=41000, unit="t"),
     "frame/roles"),
])
def test_the_first_layer_that_fails(record: dict, layer: str) -> None:
    assert _script().layer_of(record, "2024-05-17") == layer


def test_a_flow_written_between_the_same_countries_from_the_same_sentence_is_named_otherwise() -> None:
    module = _script()
    said = "Exports to Canada totalled 3,215 tonnes."
    gold = flow(said, commodity="bovine meat", **{"from": "UY", "to": "CA"})
    written = {"commodity": "beef", "from": "UY", "to": "CA", "evidence": [{"quote": said}]}
    assert module._named_otherwise(gold, [written])
    assert not module._named_otherwise(gold, [{**written, "to": "CL"}])
    assert not module._named_otherwise(gold, [{**written, "evidence": [{"quote": "Another sentence."}]}])


def test_a_side_left_to_the_story_says_whether_kb_lent_another_country_read_otherwise_or_read_nothing() -> None:
    module = _script()
    said = "Shipments to the Netherlands rose to 41,000 tonnes."
    gold = flow(said)
    lent = {"commodity": "cocoa beans", "from": "CI", "to": "NL", "evidence": [{"quote": said}]}
    assert module.absent_detail(gold, "seller absent", [lent]) == "other side lent"
    assert module.absent_detail(gold, "seller absent", [{**lent, "from": "GH", "quantity": 9}]) == "read otherwise"
    assert module.absent_detail(gold, "seller absent", [{**lent, "evidence": [{"quote": "Other."}]}]) == "nothing read"

"""Normal forms used for matching: the goods key folds English plurals correctly."""

from __future__ import annotations

import pytest

from kb.normalize import initials, singular_key


@pytest.mark.parametrize(("text", "key"), [
    ("shoes", "shoe"), ("glasses", "glass"), ("buses", "bus"), ("Fresh Avocados", "fresh avocado"),
    ("potatoes", "potato"), ("cherries", "cherry"), ("knives", "knife"), ("boxes", "box"),
    ("bus", "bus"), ("gas", "gas"), ("glass", "glass"), ("crisis", "crisis"), ("wheat", "wheat"),
    ("goods", "goods"), ("clothes", "clothes"), ("molasses", "molasses"), ("customs seals", "customs seal"),
    ("houses", "house"), ("viruses", "virus"), ("tomatoes", "tomato"), ("toes", "toe"), ("watches", "watch"),
    ("gases", "gas"), ("lenses", "lens"), ("lens", "lens"), ("cases", "case"), ("textiles", "textile"),
])
def test_goods_key(text: str, key: str) -> None:
    assert singular_key(text) == key


@pytest.mark.parametrize(("name", "expected"), [
    ("Mauritius Revenue Authority", "MRA"),
    ("General Administration of Customs", "GAC"),  # the small linking words are left out
    ("Bank of Ghana", "BG"),
    ("Fresh Produce Exporters & Growers", "FPEG"),
])
def test_initials(name: str, expected: str) -> None:
    assert initials(name) == expected

"""`kb dossier`: a country pair (or one country) on one page, every statement footnoted, on both engines."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import kb


def dossier(url: str, *args: str) -> str:
    return kb("dossier", *args, "--db", url).stdout


def test_pair_in_markdown_has_the_timeline_sides_flows_and_sources(loaded: str) -> None:
    text = dossier(loaded, "IS", "Paraguay")
    assert text.startswith("# Iceland – Paraguay\n")
    agreements = text[text.index("## Agreements"):text.index("## Acting for Iceland")]
    assert agreements.index("**2021-04-08** — Iceland-Paraguay agreement") < agreements.index(
        "**2022-06-13** — Protocol amending")
    assert "signed, amending Iceland-Paraguay agreement on mutual assistance in customs matters" in agreements
    assert "Fiji" not in agreements
    iceland = text[text.index("## Acting for Iceland"):text.index("## Acting for Paraguay")]
    assert re.search(r"Solveig Arnardottir: deputy director, Directorate of Customs of Iceland \(2021-04-10\)"
                     r"\[\^\d+\]; director general", iceland)
    paraguay = text[text.index("## Acting for Paraguay"):text.index("## Trade flows")]
    assert "Mateo Villalba Gauto: director, National Customs Directorate" in paraguay
    assert re.search(r"\| frozen cod(\[\^\d+\])+ \| 0303 \| IS → PY \| 2020 \| 520 t \|", text)
    assert re.search(r"\| soybean meal\[\^\d+\] \| 2304 \| PY → IS \| 2021 \| 3,000 t worth 1,500,000 USD \|", text)


def test_every_footnote_is_defined_and_used(loaded: str) -> None:
    text = dossier(loaded, "IS", "PY")
    body, sources = text.split("## Sources")
    used = {int(n) for n in re.findall(r"\[\^(\d+)\]", body)}
    defined = [int(n) for n in re.findall(r"^\[\^(\d+)\]: ", sources, flags=re.M)]
    assert used == set(defined) == set(range(1, len(defined) + 1))
    # Both articles' figures for the cod are kept, each with its sentence.
    assert "“Iceland exported 500 tonnes of frozen cod to Paraguay in 2020" in sources
    assert "“Iceland shipped 520 tonnes of frozen cod to Paraguay in 2020" in sources


def test_one_country_lists_its_partners(loaded: str) -> None:
    text = dossier(loaded, "IS")
    assert text.startswith("# Iceland and its partners\n")
    partners = text[text.index("## Partners"):text.index("## Agreements")]
    assert "| Fiji (FJ) | 3 | 1 |" in partners and "| Paraguay (PY) | 2 | 2 |" in partners
    assert "## Acting for Iceland" in text and "## Acting for Paraguay" not in text


def test_since_and_until_narrow_every_section(loaded: str) -> None:
    text = dossier(loaded, "IS", "PY", "--since", "2022", "--until", "2022-12")
    assert "Protocol amending" in text and "**2021-04-08**" not in text
    flows = text[text.index("## Trade flows"):text.index("## Sources")]
    assert "No trade flow found." in flows  # the cod of 2020 and the soybean meal of 2021 are out
    assert "From 1 article in the knowledge base" in text


def test_html_page_is_self_contained_with_a_chart_and_linked_notes(loaded: str, tmp_path: Path) -> None:
    out = tmp_path / "is-py.html"
    result = kb("dossier", "IS", "PY", "--out", out, "--db", loaded)
    assert "written to" in result.stderr
    page = out.read_text(encoding="utf-8")
    assert "<svg" in page and "frozen cod (IS → PY)" in page and ">3,000<" in page
    assert "<script" not in page and "@import" not in page and "<link" not in page
    assert " src=" not in page  # nothing fetched: the page works offline
    for n in set(re.findall(r'href="#note-(\d+)"', page)):
        assert f'id="note-{n}"' in page
    assert "@media print" in page


def test_markdown_file(loaded: str, tmp_path: Path) -> None:
    out = tmp_path / "fj.md"
    kb("dossier", "Fiji", "--out", out, "--db", loaded)
    assert out.read_text(encoding="utf-8").startswith("# Fiji and its partners\n")


@pytest.mark.parametrize(("args", "message"), [
    (["IS", "Iceland"], "are the same country (IS)"),
    (["IS", "Atlantis"], "unknown country 'Atlantis'"),
    (["IS", "--out", "x.pdf"], "--out x.pdf: give a file ending in .html or .md"),
    (["IS", "--since", "2022-31"], "--since '2022-31' is not a date"),
])
def test_bad_input_is_one_line(loaded: str, args: list[str], message: str) -> None:
    result = kb("dossier", *args, "--db", loaded, code=1)
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1

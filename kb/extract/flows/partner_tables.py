"""Tables of one country's trade by partner, a column for its exports and one for its imports.

    Exhibit 6. Exports, Imports, and Balance of Goods by Selected Countries: 2026 (In millions of dollars.)
                       September 2026                 Year-to-Date (Jan.-Sep.)
    Country      Exports    Imports    Balance     Exports     Imports     Balance
    Canada      29,412.7   35,108.4   -5,695.7   262,805.9   318,447.2   -55,641.3

    | Partner | Exports (US$ m) | Imports (US$ m) | Balance |
    | Uganda  | 120.5           | 40.2            | 80.3    |

A row that names a country is two flows a period: the exports column's figure goes from the country whose
trade the table tells to the row's, the imports column's comes back. A line of periods over the header
("September 2026 … Year-to-Date") dates its columns, in groups of equal width; a balance, share or change
column is no flow. Rows of areas ("North America", "European Union") name no country and are passed over.
Tables are set with bars, tabs, or in columns with spaces (a statistics release kept as printed).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from kb.extract.commodities import find_commodities
from kb.extract.context import Sentence
from kb.extract.dates import find_dates
from kb.extract.flows.frames import Reading
from kb.extract.flows.goods import Goods
from kb.extract.flows.records import Draft
from kb.extract.flows.tables import CHANGE_COLUMN, Unit, cell_amounts, column_date, column_unit

_EXPORTS = re.compile(r"(?:total\s+)?(?:exports?|export\s+value|exp\.)(?=\W|$)", re.I)
_IMPORTS = re.compile(r"(?:total\s+)?(?:imports?|import\s+value|imp\.)(?=\W|$)", re.I)
# "  Canada      29,412.7": cells two spaces or more apart, as the readers keep a table set in columns
_GAP = re.compile(r"(?<=\S)(?: {2,}|\t+)(?=\S)")
_FIGURES = re.compile(r"[-+(]?\d[\d,.]*\)?(?: [-+(]?\d[\d,.]*\)?)+")
_UNIT_IN_BRACKETS = re.compile(r"\((?:in\s+)?(?P<u>[^().]{2,40})")
_FOOTNOTE = re.compile(r"\s*(?:\(\d+\)|\*+|\d\))$")
_ABOVE = 400  # characters before a table where its caption and unit are looked for


@dataclass(frozen=True)
class _Line:
    start: int
    text: str
    cells: list[str]


def read_partner_tables(rd: Reading) -> None:
    """Two flows a period for each partner row of a table with export and import columns."""
    for lines in _blocks(rd.ctx.text):
        header_at = next((i for i, ln in enumerate(lines) if _two_way_header(ln.cells)), None)
        if header_at is None:
            continue
        _read_table(rd, lines, header_at)


def _two_way_header(cells: list[str]) -> bool:
    """A header row with a column of exports and one of imports."""
    kinds = [_kind(c) for c in cells]
    return "export" in kinds and "import" in kinds


def _kind(cell: str) -> str | None:
    if CHANGE_COLUMN.search(cell):
        return None
    if _EXPORTS.match(cell.strip()):
        return "export"
    if _IMPORTS.match(cell.strip()):
        return "import"
    return None


def _cells(line: str) -> list[str]:
    """A row's cells: between bars (an empty cell kept), else tabs, else column gaps."""
    if "|" in line:
        return [c.strip() for c in line.strip().strip("|").split("|")]
    cells = []
    for cell in _GAP.split(line.strip()):
        # "180,334.6 -173,429.4": a wide figure leaves one space to the next column
        cells.extend(cell.split() if _FIGURES.fullmatch(cell) else [cell.strip()])
    return cells


def _blocks(text: str) -> Iterator[list[_Line]]:
    """Runs of consecutive lines set as table rows (bars, tabs or column gaps)."""
    run: list[_Line] = []
    pos = 0
    for raw in text.split("\n"):
        # a prose line (the readers leave single spaces in it) is no row: no splitting needed
        cells = _cells(raw) if ("|" in raw or "\t" in raw or "  " in raw.strip()) else []
        if len(cells) >= 2:
            run.append(_Line(pos + len(raw) - len(raw.lstrip()), raw.strip(), cells))
        else:
            if len(run) >= 2:
                yield run
            run = []
        pos += len(raw) + 1
    if len(run) >= 2:
        yield run


def _read_table(rd: Reading, lines: list[_Line], header_at: int) -> None:
    text = rd.ctx.text
    header = lines[header_at]
    # the first cell heads the rows' labels ("Country or area"), or is a figure column's when none does
    columns = header.cells[1:] if _kind(header.cells[0]) is None else header.cells
    above = text[max(0, lines[0].start - _ABOVE):lines[0].start]
    caption = next((ln.strip() for ln in reversed(above.splitlines()) if ln.strip()), "")
    below = lines[header_at + 1:]
    dates = _column_dates(rd, lines[header_at - 1].cells if header_at else [], columns, caption)
    told_unit = _unit_told(above) or next((_unit_told(c) for c in columns if _unit_told(c)), None)
    owner = _owner(rd, caption, lines[0].start)
    if owner is None:
        return
    named = find_commodities(caption)
    goods = Goods(named[0].name, named[0].hs) if named else Goods("goods", None)
    for row in below:
        values = row.cells[1:]
        if len(values) != len(columns):
            continue  # a row whose figures cannot be told apart from their columns
        partner = _partner(rd, row)
        if partner is None or partner == owner:
            continue
        sentence = Sentence(row.start, row.start + len(row.text), row.text)
        for col, cell, date in zip(columns, values, dates, strict=True):
            kind = _kind(col)
            unit = column_unit(col) if "(" in col else None
            unit = unit or told_unit
            if kind is None or unit is None:
                continue
            amounts = cell_amounts([cell], [unit], continued=False)
            if not amounts or cell.strip().startswith(("-", "(")):
                continue
            exporter, importer = (owner, partner) if kind == "export" else (partner, owner)
            rd.drafts.append(Draft(goods, exporter, importer, amounts[0], None, date, None, None, sentence))


def _column_dates(rd: Reading, over: list[str], columns: list[str], caption: str) -> list[str | None]:
    """Each column's period: its own ("Exports 2025"), else the line of periods over the header (one period to a
    group of columns), else the caption's, else the story's."""
    found = find_dates(caption, rd.ctx.published, country=rd.frame.home) if caption else []
    default = found[-1].value if found else rd.frame.period
    groups = [column_date(rd, c) for c in over if c]
    if len(over) == len(columns) + 1 and over and not over[0]:
        over = over[1:]  # "| | 2025 | | 2026 | |": a period cell over each group's first column
    if groups and all(groups) and len(over) == len(columns):
        spread, last = [], None
        for c in over:
            last = column_date(rd, c) if c else last
            spread.append(last)
        groups = spread
    elif groups and all(groups) and len(columns) % len(groups) == 0:
        width = len(columns) // len(groups)
        groups = [groups[i // width] for i in range(len(columns))]
    else:
        groups = [None] * len(columns)
    return [column_date(rd, _EXPORTS.sub("", _IMPORTS.sub("", c))) or g or default
            for c, g in zip(columns, groups, strict=True)]


def _unit_told(text: str) -> Unit | None:
    """The unit a caption or header cell gives in brackets: "(In millions of dollars.", "(US$ m)"."""
    for m in _UNIT_IN_BRACKETS.finditer(text):
        unit = column_unit(m["u"].strip())
        if unit is not None:
            return unit
    return None


_WITH = re.compile(r"\b(?:trade|exports?|imports?)\s+(?:of|with)\s+(?:the\s+)?(?P<name>[A-Z][\w .'-]{1,30})", re.I)


def _owner(rd: Reading, caption: str, start: int) -> str | None:
    """The country whose trade the table tells: the one the caption names before the partners ("Kenya's trade
    with …", "Exports of Kenya by destination"), else the story's own."""
    cap_start = rd.ctx.text.rfind(caption, 0, start) if caption else -1
    if cap_start >= 0:
        named = [c.code for c in rd.ctx.countries_in(cap_start, cap_start + len(caption)) if c.form == "name"]
        if len(named) == 1:
            return named[0]
    return rd.frame.home


def _partner(rd: Reading, row: _Line) -> str | None:
    """The country a row's label names, the whole label (not "North America", "European Union")."""
    label = _FOOTNOTE.sub("", row.cells[0]).strip()
    for c in rd.ctx.countries_in(row.start, row.start + len(row.text)):
        if c.form == "name" and c.surface.lower().removeprefix("the ") == label.lower().removeprefix("the "):
            return c.code
    return None

"""Statistics tables whose rows are kinds of trade with one partner, a figure per period column.

    | VALUE OF HONG KONG'S MERCHANDISE TRADE WITH VIET NAM |
    | 4th qtr. 2025 | Percentage change over 4th qtr. 2024 | 2025 | Percentage change over 2024 |
    | (HKD Mn.) | (%) | (HKD Mn.) | (%) |
    | Total exports to Viet Nam | 48,372 | +11.6 | 176,905 | +8.3 |
    | Imports from Viet Nam | 39,516 | +18.9 | 142,630 | +15.4 |

Each row that names its way ("exports to X", "imports from X") is a flow of goods between X and the
country whose trade the caption tells; each column headed by a period gives that period's figure in the
unit its units row (or the caption) names; the change columns are no figures. A release's renderer may
break a header cell over lines ("| 4th qtr." / "2025 |"): a line that does not open with a bar goes on the
line before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kb.extract.context import Sentence
from kb.extract.flows.frames import Reading
from kb.extract.flows.goods import Goods
from kb.extract.flows.records import Draft
from kb.extract.flows.tables import BLOCK, CHANGE_COLUMN, Unit, cell_amounts, column_date, column_unit, table_caption

_WAY = re.compile(r"^(?:total\s+)?(?P<way>exports?|imports?)\s+(?P<prep>to|from)\s+(?:the\s+)?\S", re.I)
_UNIT_CELL = re.compile(r"^\([^()]{1,20}\)$")
_Line = tuple[int, str]  # where a line starts in the text, and its text (continuation lines joined)


def read_trade_rows(rd: Reading) -> None:
    """One flow per period column of each row that names its way and partner."""
    text = rd.ctx.text
    for block in BLOCK.finditer(text):
        lines = list(_logical_lines(block.group(0), block.start()))
        rows = [(start, _cells(line)) for start, line in lines]
        titles = [cells[0] for _, cells in rows if len(cells) == 1 and not re.search(r"\d", cells[0])]
        caption, cap_start = table_caption(text, block.start(), block.end())
        header = next(((i, cells) for i, (_, cells) in enumerate(rows)
                       if len([c for c in cells if column_date(rd, c) and not CHANGE_COLUMN.search(c)]) >= 2), None)
        if header is None or not any(_WAY.match(cells[0]) for _, cells in rows if cells):
            continue
        owner = _owner(rd, " ".join([caption, *titles]), block.start(), block.end(), cap_start)
        if owner is None:
            continue
        # a header without a cell over the rows' labels ("| 4th qtr. 2025 | … |" over "| Total exports … | 48,372 |")
        first = 0 if column_date(rd, header[1][0]) else 1
        periods = [(i + 1 - first, column_date(rd, c)) for i, c in enumerate(header[1])
                   if i >= first and not CHANGE_COLUMN.search(c) and column_date(rd, c)]
        units = _units(rows, header[0], len(header[1]) + 1 - first, caption)
        for start, line in lines[header[0] + 1:]:
            _row_drafts(rd, owner, start, line, periods, units)


def _logical_lines(block: str, start: int) -> Iterator[_Line]:
    """The block's rows, a line that does not open with a bar joined to the row before it."""
    row_start, parts = -1, []
    pos = start
    for line in block.split("\n"):
        if line.lstrip().startswith("|") or not parts:
            if parts:
                yield row_start, " ".join(parts)
            row_start, parts = pos, [line]
        else:
            parts.append(line)
        pos += len(line) + 1
    if parts:
        yield row_start, " ".join(parts)


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.split("|") if c.strip()]


def _owner(rd: Reading, caption: str, start: int, end: int, cap_start: int) -> str | None:
    """The country whose trade the table tells: the caption's possessive ("HONG KONG'S … TRADE WITH …"), else the
    story's own."""
    m = re.search(r"\b([A-Z][\w .-]{1,30}?)['’]S?\s", caption, re.I)
    if m is not None:
        # the caption above the table, or its title rows inside it
        lo = min(start, cap_start) if cap_start >= 0 else start
        found = next((c.code for c in rd.ctx.countries_in(lo, end)
                      if c.surface.lower() == m.group(1).strip().lower()), None)
        if found is not None:
            return found
    return rd.frame.home


def _units(rows: list[tuple[int, list[str]]], header: int, width: int, caption: str) -> list[Unit | None]:
    """Each column's unit (the first column, the row's label, has none): a row of bracketed units under the
    header ("(HKD Mn.) | (%)"), else the caption's."""
    below = next((cells for _, cells in rows[header + 1:header + 4] if cells), [])
    if below and all(_UNIT_CELL.match(c) for c in below):
        return [None, *(column_unit(c) for c in below)]
    told = column_unit(caption) if re.search(r"\([^()]{1,20}\)", caption) else None
    return [None] + [told] * (width - 1)


def _row_drafts(rd: Reading, owner: str, start: int, line: str, periods: list[tuple[int, str | None]],
                units: list[Unit | None]) -> None:
    cells = _cells(line)
    way = _WAY.match(cells[0]) if cells else None
    if way is None:
        return
    partners = [c.code for c in rd.ctx.countries_in(start, start + len(line))
                if c.form == "name" and c.code != owner]
    if len(partners) != 1:
        return
    exporter, importer = (owner, partners[0]) if way["way"].lower().startswith("export") else (partners[0], owner)
    row = Sentence(start, start + len(line), line)
    for i, period in periods:
        if i >= len(cells) or i >= len(units) or units[i] is None:
            continue
        amounts = cell_amounts([cells[i]], [units[i]], continued=False)
        if amounts:
            rd.drafts.append(Draft(Goods("goods", None), exporter, importer, amounts[0], None, period, None, None,
                                   row))

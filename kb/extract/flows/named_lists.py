"""Bulleted lists of partners without figures under a lead-in that says what they are.

"In 2025, Belize's top five export partners in the CARICOM region were:" and then one country a line, or "The
CARICOM countries Belize bought most from were:": each line a flow without figures, of the lead-in's goods (the
trade as a whole when it names none) and on the side the lead-in says. A line that holds anything but the country's
name (a figure, goods, a sentence) ends the list: such lines are read as tables or prose.
"""

from __future__ import annotations

import re

from kb.extract.context import Sentence
from kb.extract.dates import find_dates
from kb.extract.flows.frames import Reading
from kb.extract.flows.records import Draft
from kb.extract.flows.tables import INCOMING, list_model

# A lead-in: a line that ends with a colon and names the partners ("…export partners … were:", "…bought most from
# in 2025 were:", "Main markets:")
_LEAD_IN = re.compile(r"[^\n]{0,160}\b(?:partners?|markets?|destinations?|buyers|customers|importers|suppliers|"
                      r"sources|origins|countries)\b[^\n:]{0,60}:[ \t]*$", re.I)
# … and what they trade ("The summit drew delegations from these countries:" lists no partners)
_TRADE_WORD = re.compile(r"\b(?:export|import|bought|buy|buyers|sold|sell|purchas|suppl|ship|market|destination|trad)",
                         re.I)
_BULLET = re.compile(r"[ \t]*(?:[-•*·▪–]|\d{1,2}[.)])[ \t]+(?P<name>[^\n]+?)[ \t.;,]*$")


def read_named_lists(rd: Reading) -> None:
    text = rd.ctx.text
    lines = _lines(text)
    i = 0
    while i < len(lines):
        start, _end, line = lines[i]
        if not _LEAD_IN.fullmatch(line) or not _TRADE_WORD.search(line):
            i += 1
            continue
        rows: list[tuple[str, int, int]] = []
        j = i + 1
        while j < len(lines) and (code := _country_line(rd, *lines[j])) is not None:
            rows.append((code, lines[j][0], lines[j][1]))
            j += 1
        if len(rows) >= 2:
            _write(rd, start, line, rows)
        i = max(j, i + 1)


def _lines(text: str) -> list[tuple[int, int, str]]:
    """The non-blank lines of the text, with their offsets."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line), line))
        pos += len(line) + 1
    return out


def _country_line(rd: Reading, start: int, end: int, line: str) -> str | None:
    """The country a bullet line names and nothing else ("- Trinidad and Tobago")."""
    m = _BULLET.fullmatch(line)
    if m is None:
        return None
    lo, hi = start + m.start("name"), start + m.end("name")
    names = [c for c in rd.ctx.countries_in(lo, hi) if c.form == "name"]
    if len(names) != 1 or names[0].start != lo or names[0].end != hi:
        return None
    return names[0].code


def _write(rd: Reading, start: int, intro: str, rows: list[tuple[str, int, int]]) -> None:
    incoming = bool(INCOMING.search(intro))
    model = list_model(rd, start, intro, incoming)
    if model is None:
        return
    found = find_dates(intro, rd.ctx.published, country=rd.frame.home)
    date = found[-1].value if found else model.date
    # the one country the lead-in names is the list's other side ("The countries Belize bought most from were:")
    named = {c.code for c in rd.ctx.countries_in(start, start + len(intro)) if c.form in ("name", "adjective")}
    side = named.pop() if len(named) == 1 else model.importer if incoming else model.exporter
    for code, lo, hi in rows:
        exporter, importer = (code, side) if incoming else (side, code)
        if exporter and importer and exporter != importer:
            sentence = rd.ctx.sentence_at(lo) or Sentence(lo, hi, rd.ctx.text[lo:hi])
            rd.drafts.append(Draft(model.goods, exporter, importer, None, None, date, None, model.company,
                                   sentence))

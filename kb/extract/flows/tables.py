"""Tables ("Peru | 12,500") and lists ("The main destinations were:" then "1. Peru – 12,500 t") as flows.

After a flow sentence the rows take its goods and its other side; a table with no
flow before it needs a header or caption that gives the direction ("Imports by
origin", "Destination").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from kb.extract.commodities import find_commodities, hs_for
from kb.extract.context import Sentence
from kb.extract.dates import MONTHS, find_dates
from kb.extract.flows.frames import Reading
from kb.extract.flows.goods import DEFINITE_BEFORE, Goods, goods_hs, plausible_goods
from kb.extract.flows.lexicon import lexicon
from kb.extract.flows.records import Draft
from kb.extract.quantities import APPROX, Amount, find_amounts, writes_decimal_commas

_IMPORT_HEADER = re.compile(r"\b(?:origins?|sources?|suppliers?|from|imports?|imported|arrivals)\b", re.I)
_EXPORT_HEADER = re.compile(r"\b(?:destinations?|markets?|buyers?|importers?|exports?|exported|shipments|to)\b",
                            re.I)
# "US$ million", "US$ m", "€ bn": a column's currency and scale ("m" and "k" only after a currency)
_SCALE = re.compile(r"^(?P<cur>.*?)\s*(?P<scale>million|mln|mn|billion|bn|thousand|crore|lakh|'000|000s?|"
                    r"(?<=\S)\s*[mk])\s*$", re.I)
_DELIVERY_TERM = re.compile(r"\b(?:FOB|CIF|FAS|F\.O\.B\.?|C\.I\.F\.?)(?=\W|$)")
# "In millions of dollars", "thousands of US dollars": a scale spelled out before what it counts
_SCALE_OF = re.compile(r"(?:in\s+)?(?P<scale>thousand|million|billion)s\s+of\s+(?P<what>.{2,30})", re.I)
_UNIT = re.compile(r"\((?P<u>[^)]{1,20})\)")
_IN_UNIT = re.compile(r"^(?:in|figures\s+in|unit\s*:)\s+", re.I)
BLOCK = re.compile(r"(?:^[^\n]*(?:\||\t)[^\n]*\n?){3,}", re.M)
_DIGIT = re.compile(r"\d")
_CELL_NUMBER = re.compile(r"([\d][\d,]*(?:\.\d+)?)")
_CELL_NUMBER_COMMA = re.compile(r"(\d{1,3}(?:\.\d{3})*(?:,\d+)?|\d+(?:,\d+)?)")

Unit = tuple[str, str | None, str | None, float]  # kind, unit, currency, factor


def read_tables(rd: Reading) -> None:
    """One flow per table row that names a country and gives a figure."""
    text = rd.ctx.text
    for block in BLOCK.finditer(text):
        lines = block.group(0).splitlines()
        header = lines[0]
        before = [d for d in rd.drafts if d.sentence.end <= block.start()]
        caption, cap_start = table_caption(text, block.start(), block.end())
        model = _model(before, caption)
        if model is None and not (_IMPORT_HEADER.search(f"{caption} {header}")
                                  or _EXPORT_HEADER.search(f"{caption} {header}")):
            continue
        cues = header if model is not None else f"{caption} {header}"
        outgoing = not _incoming(cues) or bool(
            model is None and _EXPORT_HEADER.search(header) and not _IMPORT_HEADER.search(header))
        rows = list(_rows(rd, block.start(), lines, model is not None, caption, _unit_note(text, block.end())))
        if rows:
            _table_drafts(rd, model, caption, cap_start, outgoing, rows)


_ROLE_OUT = re.compile(r"\b(?:destinations?|markets?|buyers?)\b", re.I)
_ROLE_IN = re.compile(r"\b(?:origins?|sources?|suppliers?)\b", re.I)


def _incoming(cues: str) -> bool:
    """Whether a table's caption and header list where goods came from: a role noun decides ("top
    destinations"), else the first trade word ("exports of grapes from India …" goes out)."""
    out, into = _ROLE_OUT.search(cues), _ROLE_IN.search(cues)
    if bool(out) != bool(into):
        return bool(into)
    exp, imp = _EXPORT_HEADER.search(cues), _IMPORT_HEADER.search(cues)
    return imp is not None and (exp is None or imp.start() < exp.start())


_Row = tuple[str, list[Amount], Sentence, str | None]  # country, figures, the row, the period its column names


def _rows(rd: Reading, start: int, lines: list[str], continued: bool, caption: str = "",
          note: str | None = None) -> Iterator[_Row]:
    header = lines[0]
    cols = [c.strip() for c in re.split(r"\||\t", header) if c.strip()]
    units: list[Unit | None] = [column_unit(c) for c in cols[1:]]
    offset = start + len(header) + 1
    split = _split_header(rd, header, lines[1], lines[2]) if len(lines) > 2 else None
    if split is not None:  # "Country | Amount (mt)" over " | Jan-Aug 2026 | Jan-Aug 2025 | Change (%) | Aug 2026"
        cols, units = split
        offset += len(lines[1]) + 1
        lines = lines[1:]
    told = column_unit(_UNIT.findall(caption)[-1]) if not any(units) and _UNIT.search(caption) else None
    told = told or (column_unit(note) if note and not any(units) else None)  # "Quantity in MnT" under it
    if told is not None:  # "… as follows (USD million):" over "Country | Jan–Sep 2025 | Jan–Sep 2026"
        units = [told] * len(units)
    if not any(units) and continued:  # old layout: "Country | 12,500", the unit in the header
        units = [column_unit(header)] + [None] * (len(cols) - 2)
    units, total = _unit_of_periods(rd, cols[1:], units)
    periods = _column_periods(rd, cols[1:], units)
    if periods and total is not None:  # "CANOLA | May | Jun | Tonnes": the last column sums the months
        periods.append((total, f"{periods[0][1]}/{periods[-1][1]}"))
    for line in lines[1:]:
        cells = [c.strip() for c in re.split(r"\||\t", line)]
        cells = [c for c in cells if c] if line.strip().startswith("|") else cells
        codes = [c.code for c in rd.ctx.countries_in(offset, offset + len(line)) if c.form == "name"]
        row = Sentence(offset, offset + len(line), line)
        if codes and len(cells) >= 2 and periods:
            # "Destination | March 2024 (P million) | March 2025 (P million)": a flow for each period
            for i, period in periods:
                only = [u if j == i else None for j, u in enumerate(units)]
                amounts = cell_amounts(cells[1:], only, continued, _decimal_comma(rd))
                if amounts:
                    yield codes[0], amounts, row, period
        elif codes and len(cells) >= 2 and (amounts := cell_amounts(cells[1:], units, continued, _decimal_comma(rd))):
            yield codes[0], amounts, row, None
        offset += len(line) + 1


CHANGE_COLUMN = re.compile(r"%|percent|change|growth|share|y-o-y|yoy", re.I)


def _split_header(rd: Reading, header: str, second: str, row: str) -> tuple[list[str], list[Unit | None]] | None:
    """A header told on two lines: the first names the figures and their unit ("Amount (mt)"), the second, its
    country column empty, the period of each column. The columns and their units, else None."""
    cells = [c.strip() for c in re.split(r"\||\t", second)]
    if second.strip().startswith("|") and row.strip().startswith("|"):
        cells = cells[1:]  # "| | Jan-Aug 2026 | …" over "| Yemen | …": the leading bar opens every row
    if cells and not cells[-1]:
        cells = cells[:-1]
    if len(cells) < 3 or cells[0]:
        return None
    unit = next((u for u in (column_unit(m) for m in _UNIT.findall(header)) if u is not None), None)
    dated = [bool(find_dates(c, rd.ctx.published)) for c in cells[1:]]
    if unit is None or sum(dated) < 2:
        return None
    units: list[Unit | None] = [unit if d and not CHANGE_COLUMN.search(c) else None
                                 for c, d in zip(cells[1:], dated, strict=True)]
    return cells, units


def _unit_of_periods(rd: Reading, cols: list[str], units: list[Unit | None]) -> tuple[list[Unit | None], int | None]:
    """Columns headed by periods alone and one headed by a unit alone ("May | Jun | Tonnes"): the periods' figures
    are in that unit and the unit's column is their total. The columns' units, and the total's column."""
    if sum(u is not None for u in units) != 1:
        return units, None
    total = next(i for i, u in enumerate(units) if u is not None)
    dated = [i for i, c in enumerate(cols[:len(units)]) if i != total and column_date(rd, c)]
    if len(dated) < 2 or column_date(rd, cols[total]) or total < max(dated):
        return units, None
    return [units[total] if i in dated or i == total else None for i in range(len(units))], total


def _column_periods(rd: Reading, cols: list[str], units: list[Unit | None]) -> list[tuple[int, str]]:
    """(column, period) of figure columns headed by different periods; none when fewer than two."""
    out = []
    for i, (col, unit) in enumerate(zip(cols, units, strict=False)):
        found = column_date(rd, col) if unit is not None else None
        if found:
            out.append((i, found))
    return out if len({p for _, p in out}) >= 2 else []


_MONTH_ALONE = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\.?")


def column_date(rd: Reading, col: str) -> str | None:
    """The period a column's heading names; a month alone ("May", "Jun") is the latest such month of the story."""
    found = find_dates(col, rd.ctx.published, country=rd.frame.home)
    if found:
        return found[0].value
    if not _MONTH_ALONE.fullmatch(col.strip()) or not (rd.frame.period or rd.ctx.published):
        return None
    month = MONTHS.get(col.strip()[:3].lower())
    told = (rd.frame.period or rd.ctx.published or "")[:7]
    if month is None or not told[:4].isdigit():
        return None
    year = int(told[:4])
    if len(told) == 7 and month > int(told[5:7]):
        year -= 1  # "Dec" in a story of February's figures: the December before
    return f"{year}-{month:02d}"


def cell_amounts(cells: list[str], units: list[Unit | None], continued: bool, comma: bool = False) -> list[Amount]:
    """The figures of a row's cells; `comma`: the article writes "74,6" for 74.6 and "10.215" for 10,215."""
    amounts: list[Amount] = []
    for cell, unit in zip(cells, units, strict=False):
        bare = cell.replace(" ", "")
        num = (_CELL_NUMBER_COMMA if comma else _CELL_NUMBER).fullmatch(bare)
        if num is None:
            own = _own_unit(cell)  # "$208M", "31.2 thousand tons": a cell that carries its unit
            if own is not None:
                amounts.append(own)
            continue
        raw = num.group(1)
        value = float(raw.replace(".", "").replace(",", ".") if comma else raw.replace(",", ""))
        if value == 0:
            continue  # "Germany | 0 | 148260": nothing went that month
        if unit is None:
            if continued and not amounts and not any(units):
                amounts.append(Amount(0, 0, value, "quantity", None, None))
            continue
        kind, u, cur, factor = unit
        amounts.append(Amount(0, 0, value * factor, kind, u, cur))  # type: ignore[arg-type]
    return amounts


def _own_unit(cell: str) -> Amount | None:
    """The figure of a cell written with its own unit or currency, the whole cell."""
    found = find_amounts(cell.strip())
    if len(found) == 1 and found[0].kind in ("quantity", "money") and found[0].start == 0 \
            and found[0].end >= len(cell.strip()) - 1:
        return found[0]
    return None


def column_unit(header: str) -> Unit | None:
    """("quantity" or "money", unit, currency, factor) of a column headed "Volume (t)", "Value (US$ million)"."""
    m = _UNIT.search(header)
    u = (m.group("u").strip() if m else header.strip()).rstrip(".")  # "(HKD Mn.)"
    u = _IN_UNIT.sub("", u)  # "(in mt)", "(in US$ million)"
    u = _DELIVERY_TERM.sub("", u).strip()  # "US$ FOB": the price basis, not the unit
    tries = [f"1 {u}"]
    spelled = _SCALE_OF.fullmatch(u)
    if spelled:  # "millions of dollars", "thousands of tonnes"
        tries.insert(0, f"1 {spelled['scale'].lower()} {spelled['what']}")
    sc = _SCALE.match(u)
    if sc and sc.group("cur"):
        scale = sc.group("scale").strip()
        scale = {"m": "million", "k": "thousand"}.get(scale.lower(), scale)
        tries.insert(0, f"{sc.group('cur').strip()}1 {scale}")
    for t in tries:
        found = find_amounts(t)
        if found and found[0].kind in ("quantity", "money") and found[0].end >= len(t) - 1:
            a = found[0]
            return a.kind, a.unit, a.currency, a.value
    return None


# "Quantity in MnT", "Figures in US$ million", "Unit: tonnes": a note under a table that gives its unit
_UNIT_NOTE = re.compile(r"^(?:(?:quantity|quantities|volume|volumes|value|values|figures|data|amounts?)\s+in|"
                        r"units?\s*:|in)\s+(?P<u>[^.|\n]{1,24}?)\.?$", re.I)


def _unit_note(text: str, end: int) -> str | None:
    """The unit a short line among the few after a table gives (below the notes and the source line)."""
    for line in [ln.strip(" *_()") for ln in text[end:end + 1200].splitlines() if ln.strip()][:6]:
        m = _UNIT_NOTE.match(line)
        if m is not None:
            return m.group("u")
    return None


def _caption(text: str, start: int) -> str:
    """The line just before a table (its heading), within a few blank lines."""
    lines = [ln.strip(" #*") for ln in text[max(0, start - 300):start].splitlines() if ln.strip()]
    return lines[-1] if lines else ""


# "Table 1: Australian canola export tonnages for May and June 2026. Source: ABS": a caption set under the table
_CAPTION_BELOW = re.compile(r"[ \t*_]*(?:Table|Chart|Figure|Graph)\s*\d*\s*[:.–—-]\s*[^\n]{5,200}", re.I)
_SOURCE_NOTE = re.compile(r"\s*\b(?:Source|Sources|Data)\s*:.*$", re.I)
_PROSE = 150  # characters: a line before a table this long, ending a sentence, is the story's text, not a heading


def table_caption(text: str, start: int, end: int) -> tuple[str, int]:
    """A table's caption and where it stands: its heading above, else a "Table 1: …" line under it (which a
    paragraph of the story above the table gives way to: "…,” said an analyst with a Brisbane firm.")."""
    above = _caption(text, start)
    prose = len(above) > _PROSE and above.rstrip("”\"' ").endswith((".", "!", "?", ".”", ".\""))
    gap = len(text[end:]) - len(text[end:].lstrip())
    below = _CAPTION_BELOW.match(text, end + gap) if prose or not above else None
    if below is not None:  # (its "Source: …" names who counted, not where goods came from)
        return _SOURCE_NOTE.sub("", below.group(0)).strip(" \t*_"), below.start()
    return above, text.rfind(above, 0, start) if above else -1


def _model(before: list[Draft], caption: str) -> Draft | None:
    """The flow a table continues: the latest one of the goods its caption names, else the latest."""
    if not before:
        return None
    goods = find_commodities(caption) if caption else []
    if goods:
        key = Goods(goods[0].name, goods[0].hs).key
        same = [d for d in before if d.goods.key == key]
        if same:
            return same[-1]
    return before[-1]


def _caption_country(rd: Reading, caption: str, cap_start: int, rows: set[str]) -> str | None:
    """The country a table's caption names that its rows do not: the side every row trades with."""
    if cap_start < 0:
        return None
    return next((c.code for c in rd.ctx.countries_in(cap_start, cap_start + len(caption) + 2)
                 if c.form in ("name", "adjective") and c.code not in rows), None)


def _side(rd: Reading, caption: str, cap_start: int, rows: set[str]) -> str | None:
    """The country on the other side of a table's rows: the caption's, else the article's."""
    if (told := _caption_country(rd, caption, cap_start, rows)) is not None:
        return told
    home = rd.frame.home
    if home and home not in rows:
        return home
    for code in rd.frame.title_codes:
        if code not in rows:
            return code
    counts = Counter(c.code for c in rd.ctx.countries if c.form in ("name", "capital") and c.code not in rows)
    return counts.most_common(1)[0][0] if counts else None




def _table_drafts(rd: Reading, model: Draft | None, caption: str, cap_start: int, outgoing: bool,
                  rows: list[_Row]) -> None:
    found = find_dates(caption, rd.ctx.published, country=rd.frame.home) if caption else []
    if model is not None:
        side = model.exporter if outgoing else model.importer
        # "Prune exports, Chile, by destination (in mt)": the caption's country, whatever was told last
        side = _caption_country(rd, caption, cap_start, {code for code, _, _, _ in rows}) or side
        goods, date, company = model.goods, (found[-1].value if found else None), model.company
        named = find_commodities(caption) if caption else []
        if named and Goods(named[0].name, named[0].hs).key != goods.key:
            goods = Goods(named[0].name, named[0].hs)  # "destinations of all building materials" after tiles
        if _EXPORT_HEADER.search(caption) and not find_commodities(caption) and model.sentence.end < cap_start:
            # "Principal export destinations, March 2025:": the whole trade, or the goods the headline names
            # ("Hazelnut exports earn $2.86bn …" over "Main export markets:")
            told = rd.frame.goods if rd.frame.goods_told else None
            goods = told if told is not None else Goods("goods", None)
    else:
        side = _side(rd, caption, cap_start, {code for code, _, _, _ in rows})
        named = find_commodities(caption)
        story = rd.frame.goods
        goods = Goods(named[0].name, named[0].hs) if named else story
        if named and DEFINITE_BEFORE.search(caption[:named[0].start]) and rd.frame.covers(goods):
            goods = story  # "China absorbed the bulk of the fruit" above a table of a cherry story
        date, company = (found[-1].value if found else rd.frame.period), None
    if side is None or goods is None:
        return
    for code, amounts, sent, period in rows:
        exporter, importer = (side, code) if outgoing else (code, side)
        if exporter == importer:
            continue
        qty = next((a for a in amounts if a.kind == "quantity"), None)
        money = next((a for a in amounts if a.kind == "money"), None)
        rd.drafts.append(Draft(goods, exporter, importer, qty or money, money if qty is not None else None,
                               period or date, None, company, sent))


# A list line's mark: "1.", "2)", "-", "*", "•", or a dash set off by a space ("— Russia – 31.2 thousand tons")
BULLET = r"(?:\d{1,2}[.)]|[-*•·]|[–—](?=[ \t]))"
_LIST_LINE = re.compile(r"^[ \t]*" + BULLET + r"?"
                        r"[ \t]*\**(?P<place>[^–—:\d\n|*]{2,40}?)\**[ \t]*(?:–|—|-|:)"
                        r"[ \t]*(?P<fig>[^\n]{1,160})$", re.M)
INCOMING = re.compile(r"\b(?:suppliers?|origins?|sources?|imports?\s+from|imported\s+from|arrivals|import\s+partners?|"
                      # "The countries Belize bought most from in 2025 were:"
                      r"(?:bought|purchased|imported)\s+(?:[a-z]+\s+){0,2}from)\b", re.I)


def read_lists(rd: Reading) -> None:
    """Lines "Indonesia: 676,000 head" or "1. United States – 52,000 tonnes" under a lead-in ("The main
    destinations were:", "Main live cattle markets, 2019"): one flow per line."""
    text = rd.ctx.text
    for start, _end, rows in _list_runs(rd, text):
        intro = _caption(text, start)
        incoming = bool(INCOMING.search(intro))
        model = list_model(rd, start, intro, incoming)
        if model is None:
            continue
        found = find_dates(intro, rd.ctx.published, country=rd.frame.home) if intro else []
        # "Top destinations in November 1-25 (October 1-25 in brackets):" — the bracketed period is the
        # bracketed figures'
        outside = [d for d in found if not _in_brackets(intro, d.start)]
        bracketed = [d for d in found if _in_brackets(intro, d.start)]
        # else the period of the flows told just before the list (the story's period may be set further on)
        date = outside[-1].value if outside else found[-1].value if found else (model.date or rd.period_at(start))
        for code, figure, sentence in rows:
            exporter, importer = (code, model.importer) if incoming else (model.exporter, code)
            if exporter and importer and exporter != importer:
                for goods, amount in _row_items(sentence.text, model.goods, figure):
                    rd.drafts.append(Draft(goods, exporter, importer, amount, None, date, amount.per,
                                           model.company, sentence))
                for goods in _leading_goods(sentence.text) if model.goods.name == "goods" else []:
                    rd.drafts.append(Draft(goods, exporter, importer, None, None, date, None, model.company,
                                           sentence))
                earlier = _bracketed_figure(sentence.text, figure) if bracketed else None
                if earlier is not None:
                    rd.drafts.append(Draft(model.goods, exporter, importer, earlier, None, bracketed[0].value,
                                           None, model.company, sentence))


def _in_brackets(text: str, pos: int) -> bool:
    return text.rfind("(", 0, pos) > text.rfind(")", 0, pos)


def _bracketed_figure(line: str, figure: Amount) -> Amount | None:
    """"India: 312,450 t (268,900 t)": the figure in brackets after the row's own, in the same unit."""
    m = re.search(r"\(([^()]{1,40})\)", line)
    found = [a for a in find_amounts(m.group(1)) if a.kind == figure.kind] if m else []
    if not found:
        return None
    a = found[0]
    return a if a.unit is not None or a.currency is not None else Amount(a.start, a.end, a.value, a.kind,
                                                                          figure.unit, figure.currency)


def _row_items(line: str, goods: Goods, figure: Amount) -> list[tuple[Goods, Amount]]:
    """"China — copper concentrate 1.04 million tonnes; refined cathodes 98,400 tonnes": each part of a row with its
    own goods and figure; a row of one figure keeps the list's goods."""
    parts = [p for p in re.split(r"\s*;\s*", line.split("—", 1)[-1].split("–", 1)[-1]) if p.strip()]
    items: list[tuple[Goods, Amount]] = []
    for part in parts:
        amounts = [a for a in find_amounts(part) if a.kind in ("quantity", "money")]
        words = part[:amounts[0].start].strip(" :,-") if amounts else ""
        if not amounts or not re.fullmatch(r"[a-z][a-z -]{1,40}", words):
            continue
        items.append((Goods(words, goods_hs(words)), amounts[0]))
    return items or [(goods, figure)]


def _list_runs(rd: Reading, text: str) -> Iterator[tuple[int, int, list[tuple[str, Amount, Sentence]]]]:
    """Runs of two or more consecutive lines that each give a country and a figure."""
    run: list[tuple[str, Amount, Sentence]] = []
    run_start = run_end = -1
    for m in _list_lines(text):
        row = _list_row(rd, m)
        if row is not None and (not run or text[run_end:m.start()].strip() == ""):
            run_start = run_start if run else m.start()
            run.append(row)
            run_end = m.end()
            continue
        if row is None and run and text[run_end:m.start()].strip() == "":
            run_end = m.end()  # "- European Union: 131,050 t": a row of no one country, the list goes on
            continue
        if len(run) >= 2:
            yield run_start, run_end, run
        run = [row] if row is not None else []
        run_start, run_end = (m.start(), m.end()) if row is not None else (-1, -1)
    if len(run) >= 2:
        yield run_start, run_end, run


def _list_lines(text: str) -> Iterator[re.Match[str]]:
    """Lines shaped like "Country: figure": only lines with a separator and a digit are tried."""
    pos = 0
    for line in text.split("\n"):
        if (":" in line or "–" in line or "—" in line or " - " in line) and _DIGIT.search(line):
            m = _LIST_LINE.match(text, pos, pos + len(line))
            if m is not None:
                yield m
        pos += len(line) + 1


def _decimal_comma(rd: Reading) -> bool:
    """How the whole article writes numbers ("71.904 tons", "74,6" in a text of point thousands), once."""
    comma = rd.ctx.__dict__.get("_decimal_comma")
    if comma is None:
        comma = rd.ctx.__dict__["_decimal_comma"] = writes_decimal_commas(rd.ctx.text)
    return comma


def _list_row(rd: Reading, m: re.Match[str]) -> tuple[str, Amount, Sentence] | None:
    codes = [c.code for c in rd.ctx.countries_in(m.start("place"), m.end("place")) if c.form == "name"]
    fig = m.group("fig")
    figs = [a for a in find_amounts(fig, _decimal_comma(rd)) if a.kind in ("quantity", "money")]
    if not codes or not figs or lexicon().turnover.match(fig):
        return None  # (not "Kyrgyzstan: turnover up 12.8% to $8.73 billion; …": the trade both ways)
    # "China: Up $214 million or 11 percent, to $2.1 billion": the level the change reached, not the change
    changed = _CHANGE_FIRST.match(fig)
    level = next((a for a in figs if _TO_LEVEL.search(fig, 0, a.start)), None) if changed else figs[0]
    if level is None:
        return None
    return codes[0], level, Sentence(m.start(), m.end(), m.group(0))


_CHANGE_FIRST = re.compile(r"\W*(?:up|down|rose|fell|increased?|decreased?|rise|fall|gain|drop|grew|declined)\b", re.I)
_TO_LEVEL = re.compile(r"\b(?:to|at)\s+" + APPROX + "$", re.I)


def list_model(rd: Reading, pos: int, intro: str, incoming: bool) -> Draft | None:
    """The goods and the other side of a list: the lead-in's goods, else the latest flow's before it."""
    latest = next((d for d in reversed(rd.drafts) if d.sentence.start <= pos), None)
    named = [t for t in find_commodities(intro) if t.name not in ("market", "markets")]
    own = _BUYERS_OF.search(intro) if not named else None
    if own and plausible_goods(own["goods"].split()):  # "The largest importers of Uzbek yarn were:"
        named_goods: Goods | None = Goods(own["goods"], goods_hs(own["goods"]))
    else:
        named_goods = Goods(named[-1].name, hs_for(named[-1].name)) if named else None
    goods = named_goods or (
        Goods("goods", None) if _BY_PARTNER.search(intro) or _TRADE_PARTNERS.search(intro)
        else latest.goods if latest else rd.frame.goods)
    if goods is None:
        return None
    if latest is not None:
        side = latest.importer if incoming else latest.exporter
    else:
        side = rd.frame.importer([]) if incoming else rd.frame.exporter([])
    if not side:
        return None
    sent = rd.ctx.sentence_at(pos) or Sentence(pos, pos, "")
    date = latest.date if latest is not None and latest.date else rd.period_at(pos)
    return Draft(goods, "" if incoming else side, side if incoming else "", None, None, date, None,
                 latest.company if latest else None, sent)


# "The largest importers of Uzbek yarn", "Main buyers of Tongan squash": the goods a list's lead-in names, known or not
_BUYERS_OF = re.compile(r"\b(?:buyers|importers|purchasers|markets|destinations|customers|suppliers|sources)\s+"
                        r"(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w-]*\s+)?(?P<goods>[a-z][a-z-]+(?:\s+[a-z][a-z-]+)?)"
                        r"(?=\s+(?:in|during|were|are|was|is|from|to|by|for|last|this)\b|\s*[:,(]|$)")

# "Exports by trade partner", "Imports by country of origin": a release's breakdown of the whole trade
_BY_PARTNER = re.compile(r"\b(?:exports|imports|trade)\s+by\s+(?:main\s+|top\s+|major\s+)?(?:trad(?:e|ing)\s+)?"
                         r"(?:partners?|countr(?:y|ies)|destinations?|markets?|origins?)\b", re.I)
# "Belize's top five export partners were:", "The countries Belize bought most from were:": the whole trade's partners
_TRADE_PARTNERS = re.compile(r"\b(?:export|import|trade|trading)\s+(?:partners?|markets?|destinations?)\b"
                             r"|\bcountries\b[^:]{0,40}\b(?:bought|sold|imported|exported|purchased)\b", re.I)
_LED_BY = re.compile(r"\b(?:led|driven)\s+by\s+", re.I)


def _leading_goods(line: str) -> list[Goods]:
    """"China: Up $214 million …, led by milk powder and kiwifruit": the goods that led a partner's total."""
    m = _LED_BY.search(line)
    terms = find_commodities(line[m.end():]) if m else []
    return [Goods(t.name, hs_for(t.name)) for t in terms]

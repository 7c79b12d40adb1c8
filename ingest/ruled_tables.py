"""Ruled tables on PDF pages: the rulings that cross one another form a table, and a table that runs on
at the top of the next page is stacked below its first part into one table.

Each table is laid out as the grid the HTML reader builds (ingest/ruled_grid.py), so one grid reader
(ingest/grid_tables.py) places the cells of every form. At a page break the continuation's repeated
header rows are dropped, and a row that the page break cut in two (its text wrapping on into the next
page) is made whole again.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ingest.glyphs import Glyph
from ingest.html_doc import GridRow
from ingest.labels import label_matches
from ingest.numbers import read_value
from ingest.ruled_grid import NUMBERED as _NUMBERED
from ingest.ruled_grid import TOL, Layout, PlacedCell, Ruling, lay_out
from ingest.template import TEMPLATES, squash

__all__ = ["TOL", "RuledTable", "Ruling", "find_tables", "stack", "table_grid"]
_TEMPLATE_ROWS = tuple(
    row for t in TEMPLATES.values() for table in t.tables for _, row in table.rows if row.zh
)


@dataclass(frozen=True)
class RuledTable:
    """A table's rulings and the glyphs inside it; a table continued over pages is stacked into one."""

    rulings: tuple[Ruling, ...]
    glyphs: tuple[Glyph, ...]
    x0: float
    top: float
    x1: float
    bottom: float

    def holds(self, g: Glyph) -> bool:
        return self.x0 - TOL <= g.cx <= self.x1 + TOL and self.top - TOL <= g.cy <= self.bottom + TOL

    @cached_property
    def layout(self) -> Layout:
        return lay_out(self.rulings, self.glyphs)


def find_tables(rulings: tuple[Ruling, ...], glyphs: tuple[Glyph, ...]) -> list[RuledTable]:
    """The page's ruled tables, top to bottom, each with the glyphs that fall inside it. A frame of one
    box (a boxed note, a page border) is no table: its text stays in the narrative."""
    tables = []
    for group in _crossing_groups(_framing(_merged(rulings))):
        h = [r for r in group if not r.vertical]
        v = [r for r in group if r.vertical]
        if len(h) < 2 or len(v) < 2 or (len({r.pos for r in h}) == 2 and len({r.pos for r in v}) == 2):
            continue
        box = (min(r.pos for r in v), min(r.pos for r in h), max(r.pos for r in v), max(r.pos for r in h))
        table = RuledTable(tuple(group), (), *box)
        tables.append(RuledTable(tuple(group), tuple(g for g in glyphs if table.holds(g)), *box))
    return sorted(tables, key=lambda t: t.top)


def stack(upper: RuledTable, lower: RuledTable) -> RuledTable:
    """`lower`, the table's continuation on the next page, placed below `upper`: a header it repeats is
    dropped, and the ruling between the two parts is opened where a cut row goes on."""
    upper_layout, lower_layout = upper.layout, lower.layout
    first = _first_own_row(upper_layout, lower_layout)
    cut = lower_layout.bottoms[first - 1] if first > 0 else lower.top
    dy = upper.bottom - cut
    openings = _cut_row_openings(upper_layout, lower_layout, first)
    kept = [r for r in (_clipped(r, cut) for r in lower.rulings) if r is not None]
    rulings = [r.shifted(dy) for r in kept]
    joined = [*upper.rulings, *rulings]
    if openings:
        joined = [piece for r in joined for piece in _opened(r, upper.bottom, openings)]
    glyphs = [g.shifted(dy) for g in lower.glyphs if g.cy > cut]
    return RuledTable(
        tuple(joined),
        upper.glyphs + tuple(glyphs),
        min(upper.x0, lower.x0),
        upper.top,
        max(upper.x1, lower.x1),
        lower.bottom + dy,
    )


def table_grid(table: RuledTable) -> tuple[GridRow, ...]:
    return table.layout.rows


def _merged(rulings: tuple[Ruling, ...]) -> list[Ruling]:
    """Collinear rulings snapped to one position and joined where they touch."""
    out = []
    for vertical in (False, True):
        group = sorted((r for r in rulings if r.vertical == vertical), key=lambda r: r.pos)
        for line in _snap(group):
            pos = sum(r.pos for r in line) / len(line)
            spans = sorted((r.start, r.end) for r in line)
            start, end = spans[0]
            for s, e in spans[1:]:
                if s > end + TOL:
                    out.append(Ruling(vertical, pos, start, end))
                    start = s
                end = max(end, e)
            out.append(Ruling(vertical, pos, start, end))
    return out


def _snap(rulings: list[Ruling]) -> list[list[Ruling]]:
    lines: list[list[Ruling]] = []
    for r in rulings:
        if lines and r.pos - lines[-1][-1].pos <= TOL:
            lines[-1].append(r)
        else:
            lines.append([r])
    return lines


def _framing(rulings: list[Ruling]) -> list[Ruling]:
    """Rulings that meet at least two rulings across them: cell borders. An underline or a rule under a
    heading meets none and is no part of a table."""
    h = [r for r in rulings if not r.vertical]
    v = [r for r in rulings if r.vertical]
    return [r for r in rulings if sum(_meet(r, o) for o in (h if r.vertical else v)) >= 2]


def _meet(a: Ruling, b: Ruling) -> bool:
    return a.start - TOL <= b.pos <= a.end + TOL and b.start - TOL <= a.pos <= b.end + TOL


def _crossing_groups(rulings: list[Ruling]) -> list[list[Ruling]]:
    """Rulings grouped by crossing or touching: each group is one table's frame."""
    parent = list(range(len(rulings)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    h = [i for i, r in enumerate(rulings) if not r.vertical]
    v = [i for i, r in enumerate(rulings) if r.vertical]
    for i in h:
        for j in v:
            if _meet(rulings[i], rulings[j]):
                parent[find(j)] = find(i)
    groups: dict[int, list[Ruling]] = {}
    for i, r in enumerate(rulings):
        groups.setdefault(find(i), []).append(r)
    return list(groups.values())


def _first_own_row(upper: Layout, lower: Layout) -> int:
    """The continuation's first row that is not a repeat of the header rows at the table's top."""
    header = set()
    for row in upper.rows:
        if _has_number(row):
            break
        header.add(_signature(row))
    first = 0
    for row in lower.rows:
        signature = _signature(row)
        if _has_number(row) or signature not in header or not any(signature):
            break
        first += 1
    return min(first, len(lower.rows) - 1)


def _cut_row_openings(upper: Layout, lower: Layout, first: int) -> list[tuple[float, float]]:
    """The x ranges where the page break cut a cell in two, so that the ruling between the parts opens:

    - the continuation's first row is empty: all that was left of a row (it opens across);
    - a cell spanning rows goes on in an empty cell of the same width below (or the empty cell below
      spans rows: the label of a group of rows, cut at the group's first row);
    - the words of a cell go on in the cell of the same width below, where they start no row of their
      own (no number in that row, no row number, no row label of the template).
    When every word of the continuation's first row goes on from above, the whole row opens across."""
    if not upper.rows or first >= len(lower.rows):
        return []
    below = lower.row_cells(first)
    across = [(min(c.x0 for c in below) - TOL, max(c.x1 for c in below) + TOL)]
    if all(not c.cell.text for c in below):
        return across
    numbers = _has_number(lower.rows[first])
    openings = []
    for cell in upper.row_cells(len(upper.rows) - 1):
        under = [c for c in below if cell.x0 - TOL <= (c.x0 + c.x1) / 2 <= cell.x1 + TOL]
        same = len(under) == 1 and abs(under[0].x0 - cell.x0) <= TOL and abs(under[0].x1 - cell.x1) <= TOL
        if not same or not cell.cell.text:
            continue
        if not under[0].cell.text:
            if cell.cell.rowspan > 1 or under[0].cell.rowspan > 1:
                openings.append((cell.x0, cell.x1))
        elif not numbers and not _starts_row(under[0].cell.text) and read_value(cell.cell.text) is None:
            openings.append((cell.x0, cell.x1))
    if openings and not numbers and all(not c.cell.text or _within(c, openings) for c in below):
        return across
    return openings


def _starts_row(text: str) -> bool:
    return bool(_NUMBERED.match(text)) or any(label_matches(text, row) for row in _TEMPLATE_ROWS)


def _within(cell: PlacedCell, ranges: list[tuple[float, float]]) -> bool:
    return any(a - TOL <= (cell.x0 + cell.x1) / 2 <= b + TOL for a, b in ranges)


def _opened(r: Ruling, y: float, openings: list[tuple[float, float]]) -> list[Ruling]:
    """A horizontal ruling at the page break, without the pieces over the openings."""
    if r.vertical or abs(r.pos - y) > TOL:
        return [r]
    pieces, start = [], r.start
    for a, b in sorted(openings):
        if a > start:
            pieces.append(Ruling(False, r.pos, start, min(a, r.end)))
        start = max(start, b)
    if start < r.end:
        pieces.append(Ruling(False, r.pos, start, r.end))
    return [p for p in pieces if p.end - p.start >= TOL]


def _signature(row: GridRow) -> tuple[str, ...]:
    return tuple(squash(c.text) for c in row.distinct_cells())


def _has_number(row: GridRow) -> bool:
    return any(c.text and read_value(c.text) is not None for c in row.distinct_cells())


def _clipped(r: Ruling, cut: float) -> Ruling | None:
    """A ruling of the continuation without the part above `cut` (the dropped header)."""
    if not r.vertical:
        return r if r.pos >= cut - TOL else None
    start = max(r.start, cut)
    return Ruling(True, r.pos, start, r.end) if r.end - start >= TOL else None

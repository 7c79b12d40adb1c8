"""Map HTML table grids onto the standard template by their labels, not by position.

Rows are recognised by their row labels, columns by the header cells above them (the deepest header
cell covering a grid column names it; for table 4 the cells above it name the group). Tables split over
several <table> elements, label cells spanning rows, values spanning columns: all are one stream of grid
rows here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from ingest.html_doc import GridCell, GridRow
from ingest.labels import column_matches, label_matches
from ingest.limits import check_time
from ingest.numbers import header_unit, is_number
from ingest.readings import RowReading
from ingest.template import APPEAL_GROUP_PATTERNS, Block, Row, TableSpec, Template, squash


class _Matches:
    """What a template's labels make of a cell's text, worked out once per text (every page prints the same
    labels, each several times): the columns whose header it names and the rows whose label it is, in the
    template's order."""

    def __init__(self, template: Template) -> None:
        self.template = template
        self.columns = lru_cache(maxsize=8192)(self._columns)
        self.rows = lru_cache(maxsize=8192)(self._rows)

    def _columns(self, text: str) -> dict[tuple[int, int], tuple[int, ...]]:
        """(table index, block index) → the indexes of the block's columns the header text names."""
        hits = {}
        for t, table in enumerate(self.template.tables):
            for b, block in enumerate(table.blocks):
                found = tuple(c for c, column in enumerate(block.columns) if column_matches(text, column))
                if found:
                    hits[(t, b)] = found
        return hits

    def _rows(self, text: str) -> tuple[tuple[TableSpec, int, Row], ...]:
        return tuple(
            (table, b, row)
            for table in self.template.tables
            for b, block in enumerate(table.blocks)
            for row in block.rows
            if row.zh and label_matches(text, row)
        )


_squashed = lru_cache(maxsize=8192)(squash)  # a page's cell texts repeat, and so do pages'

_MATCHES: dict[int, _Matches] = {}  # by the template's id; each holds its template, so no id is reused


def _matches(template: Template) -> _Matches:
    found = _MATCHES.get(id(template))
    if found is None or found.template is not template:
        found = _MATCHES[id(template)] = _Matches(template)
    return found


class _Memo(dict):
    """text → what `read` makes of it, each text read once (a page repeats its cells' texts); looked up in C."""

    def __init__(self, read: Callable[[str], bool]) -> None:
        super().__init__()
        self.read = read

    def __missing__(self, text: str) -> bool:
        value = self[text] = self.read(text)
        return value


@dataclass
class _State:
    template: Template
    matches: _Matches
    header: list[GridRow] = field(default_factory=list)
    last_was_header: bool = False
    mappings: dict[tuple[str, int], dict[int, int]] = field(default_factory=dict)
    widths: dict[tuple[str, int], int] = field(default_factory=dict)  # grid width of the header read
    matched: set[tuple[str, str]] = field(default_factory=set)
    appeals_pending: bool = False
    readings: list[RowReading] = field(default_factory=list)
    number: _Memo = field(init=False)  # text → whether it reads as a number
    header_word: _Memo = field(init=False)  # text → whether it is a header's words

    def __post_init__(self) -> None:
        self.number = _Memo(is_number)
        self.header_word = _Memo(
            lambda text: bool(text) and not self.number[text] and _is_header_word(self.matches, text)
        )


def read_grids(grids: tuple[tuple[GridRow, ...], ...], template: Template) -> list[RowReading]:
    state = _State(template, _matches(template))
    for grid in grids:
        state.header, state.last_was_header = [], False
        for row in grid:
            check_time()
            _take(state, row)
    return state.readings


def _take(state: _State, row: GridRow) -> None:
    cells = row.distinct_cells()
    texts = [c.text for c in cells if c.text]
    numeric = any(map(state.number.__getitem__, texts))
    header_hits = 0 if numeric else sum(map(state.header_word.__getitem__, texts))  # a header prints no numbers
    if header_hits >= 2 and not numeric:
        return _add_header(state, row)
    match = _match_row(state, cells)
    if match:
        state.last_was_header = False
        return _add_data(state, row, *match)
    if header_hits and not numeric:
        return _add_header(state, row)
    state.last_was_header = False
    if state.appeals_pending:
        _add_appeals(state, row)


def _is_header_word(matches: _Matches, text: str) -> bool:
    if matches.columns(text):
        return True
    core = squash(text)
    return any(p in core for pats in APPEAL_GROUP_PATTERNS.values() for p in pats)


def _add_header(state: _State, row: GridRow) -> None:
    if not state.last_was_header:
        state.header = []
    state.header.append(row)
    state.last_was_header = True
    mappings = _map_columns(state.matches, _heads(state.header))
    for t, table in enumerate(state.template.tables):
        for b, block in enumerate(table.blocks):
            mapping = mappings.get((t, b), {})
            if len(mapping) >= max(1, len(block.columns) // 2):
                state.mappings[(table.key, b)] = mapping
                state.widths[(table.key, b)] = max(len(r.cells) for r in state.header)
                if table.key == "appeals":
                    state.appeals_pending = not any(r.table.key == "appeals" for r in state.readings)


def _heads(header: list[GridRow]) -> list[tuple[int, str, str]]:
    """(grid column, its deepest header cell, the group the cells above it name) for each grid column that
    has header cells."""
    heads = []
    for g in range(max(len(r.cells) for r in header)):
        stack = _stack(header, g)
        if stack:
            heads.append((g, stack[-1], _group_of(_squashed("".join(stack)))))
    return heads


def _map_columns(matches: _Matches, heads: list[tuple[int, str, str]]) -> dict[tuple[int, int], dict[int, int]]:
    """(table index, block index) → grid column → index of the block's column, from the header cells stacked
    above each grid column (the first column the deepest one names, of the group the cells above it name)."""
    mappings: dict[tuple[int, int], dict[int, int]] = {}
    for g, deepest, group in heads:
        for (t, b), found in matches.columns(deepest).items():
            columns = matches.template.tables[t].blocks[b].columns
            for c in found:
                if not columns[c].group or columns[c].group == group:
                    mappings.setdefault((t, b), {})[g] = c
                    break
    return mappings


def _stack(header: list[GridRow], g: int) -> list[str]:
    stack: list[GridCell] = []
    for r in header:
        cell = r.cells[g] if g < len(r.cells) else None
        if cell is not None and cell.text and (not stack or stack[-1] is not cell):
            stack.append(cell)
    return [c.text for c in stack]


@lru_cache(maxsize=4096)  # a page's header cells repeat, and so do pages'
def _group_of(above: str) -> str:
    for group in ("litigation.direct", "litigation.after_review", "review"):
        if any(p in above for p in APPEAL_GROUP_PATTERNS[group]):
            return group
    return ""


def _match_row(state: _State, cells: list[GridCell]) -> tuple[TableSpec, int, Row, str] | None:
    labels = [c.text for c in cells if c.text and not state.number[c.text]]
    if not labels:
        return None
    for text in (labels[-1], "".join(labels)):
        for table, b, row in state.matches.rows(text):
            if (table.key, row.key) not in state.matched:
                return table, b, row, "".join(labels)
    return None


def _add_data(state: _State, row: GridRow, table: TableSpec, b: int, trow: Row, label: str) -> None:
    mapping = state.mappings.get((table.key, b))
    if mapping is None:
        return
    state.matched.add((table.key, trow.key))
    cells, conflicts = _values(state, row, mapping, len(table.blocks[b].columns), state.widths[(table.key, b)])
    block = table.blocks[b]
    money = _money_columns(block)
    units = tuple((block.columns[c].key, u) for g, c in mapping.items() if c in money
                  for u in [header_unit("".join(_stack(state.header, g)))] if u) if money else ()
    state.readings.append(RowReading(table, block, trow, squash(label), cells=cells, conflicts=conflicts, units=units))


_MONEY: dict[int, tuple[Block, frozenset[int]]] = {}  # by the block's id; each holds its block


def _money_columns(block: Block) -> frozenset[int]:
    """The indexes of the block's money columns (once for each block of a template, not a property a cell)."""
    found = _MONEY.get(id(block))
    if found is None or found[0] is not block:
        found = _MONEY[id(block)] = (block, frozenset(c for c, column in enumerate(block.columns) if column.money))
    return found[1]


def _add_appeals(state: _State, row: GridRow) -> None:
    table = state.template.table("appeals")
    mapping = state.mappings.get((table.key, 0), {})
    present = [g for g in mapping if g < len(row.cells) and row.cells[g] is not None]
    if len(present) < len(mapping) // 2:
        return
    block = table.blocks[0]
    cells, conflicts = _values(state, row, mapping, len(block.columns), state.widths[(table.key, 0)])
    state.readings.append(RowReading(table, block, block.rows[0], "", cells=cells, conflicts=conflicts))
    state.appeals_pending = False


def _values(
    state: _State, row: GridRow, mapping: dict[int, int], n: int, width: int
) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """Each column's printed value; a column with no cell, or two different numbers, is a conflict.

    The header's grid columns hold for rows of the same width. A row of a table continued in another
    <table> (续表) may lack the label columns a cell spanning rows filled in the first part: then its
    values end where the header's columns end, so they are aligned from the right. Whichever alignment puts every number
    under a value column and no label there is used; when neither does, every cell is a conflict
    (unreadable), never a guess."""
    extent = len(row.cells)  # after the last cell
    while extent and row.cells[extent - 1] is None:
        extent -= 1
    shifts = [0] if extent == width else [0, extent - width]
    for shift in shifts:
        placed = {g + shift: c for g, c in mapping.items()} if shift else mapping
        if _fits(state, row, placed):
            return _read(row, placed, n)
    return ("",) * n, tuple(range(n))


def _fits(state: _State, row: GridRow, placed: dict[int, int]) -> bool:
    for g, cell in enumerate(row.cells):
        if cell is None or not cell.text:
            continue
        if state.number[cell.text] != (g in placed):
            return False
    return True


def _read(row: GridRow, placed: dict[int, int], n: int) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """Each column's value, the text its cells hold ("" when blank), and the conflicts: a column with no cell,
    or with cells of two different texts (its value "")."""
    found: dict[int, str] = {}  # column → the text of its cells ("" while they are blank)
    clashes: set[int] = set()
    cells = row.cells
    width = len(cells)
    for g, c in placed.items():
        if 0 <= g < width and (cell := cells[g]) is not None:
            text = _squashed(cell.text)
            if not found.get(c):
                found[c] = text
            elif text and text != found[c]:
                clashes.add(c)
    if not clashes and len(found) == n:  # most rows: every column read once, no conflict
        return tuple(map(found.__getitem__, range(n))), ()
    values = tuple("" if c in clashes else found.get(c, "") for c in range(n))
    return values, tuple(c for c in range(n) if c not in found or c in clashes)

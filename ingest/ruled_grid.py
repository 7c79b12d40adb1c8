"""One ruled table laid out as a grid: the boxes between neighbouring grid lines, joined into cells where
no ruling separates them, each cell with its text and its place (rowspan/colspan as in HTML).

A line drawn under a cell's text (an underline) is not a row border: a horizontal ruling that stands
alone inside one column, with the cells on both sides spanning across it, and with the cell's text
wrapping on past it, leaves the cell whole.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ingest.glyphs import Glyph, Line, text_lines
from ingest.html_doc import GridCell, GridRow

TOL = 3.0  # points: rulings this close are one line
_MIN_EXTENT = 6.0  # a grid row or column narrower than this, holding no text, is a double border
# A row label starts with its number ("2.", "（三）", "三、"); the second line of a wrapped label does not.
NUMBERED = re.compile(r"^[（(]?[一二三四五六七八九十\d]{1,3}[)）、.．]")

Box = tuple[int, int]


@dataclass(frozen=True)
class Ruling:
    vertical: bool
    pos: float  # x of a vertical ruling, y of a horizontal one
    start: float
    end: float

    def shifted(self, dy: float) -> Ruling:
        if self.vertical:
            return Ruling(True, self.pos, self.start + dy, self.end + dy)
        return Ruling(False, self.pos + dy, self.start, self.end)


@dataclass(frozen=True)
class PlacedCell:
    cell: GridCell
    x0: float
    x1: float
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Layout:
    rows: tuple[GridRow, ...]
    bottoms: tuple[float, ...]  # each grid row's bottom y
    placed: dict[GridCell, PlacedCell]

    def row_cells(self, index: int) -> list[PlacedCell]:
        return [self.placed[c] for c in self.rows[index].distinct_cells()]


def wraps_on(above: tuple[Line, ...], right: float, below: tuple[Line, ...]) -> bool:
    """The text above runs to the right edge of its cell and goes on below: one paragraph, cut by a line."""
    if not above or not below:
        return False
    # The next character would not have fitted (cell padding and letter spacing vary: allow half a character).
    last = above[-1]
    return right - last.x1 < 1.5 * last.size + TOL and not NUMBERED.match(below[0].text)


def lay_out(rulings: tuple[Ruling, ...], glyphs: tuple[Glyph, ...]) -> Layout:
    boxes = _Boxes(rulings, glyphs)
    boxes.join_unruled()
    cells = boxes.cells()
    starts = {span[0] for span, _ in cells}  # a row that only cells from above cover adds nothing
    keep_rows = [
        i
        for i in range(boxes.nr)
        if i in starts and (boxes.ys[i + 1] - boxes.ys[i] >= _MIN_EXTENT or boxes.has_text(row=i))
    ]
    keep_cols = [
        j for j in range(boxes.nc) if boxes.xs[j + 1] - boxes.xs[j] >= _MIN_EXTENT or boxes.has_text(col=j)
    ]
    row_at = {old: new for new, old in enumerate(keep_rows)}
    col_at = {old: new for new, old in enumerate(keep_cols)}
    occupied: dict[tuple[int, int], GridCell] = {}
    placed: dict[GridCell, PlacedCell] = {}
    for (r0, r1, c0, c1), members in cells:
        rows = [row_at[i] for i in range(r0, r1 + 1) if i in row_at]
        cols = [col_at[j] for j in range(c0, c1 + 1) if j in col_at]
        if not rows or not cols:
            continue
        lines = tuple(text_lines([g for b in members for g in boxes.glyphs.get(b, ())]))
        cell = GridCell(" ".join(x.text for x in lines), rows[0], cols[0], len(rows), len(cols))
        placed[cell] = PlacedCell(cell, boxes.xs[c0], boxes.xs[c1 + 1], lines)
        occupied.update({(r, c): cell for r in rows for c in cols})
    grid = tuple(
        GridRow(tuple(occupied.get((r, c)) for c in range(len(keep_cols))), r) for r in range(len(keep_rows))
    )
    return Layout(grid, tuple(boxes.ys[i + 1] for i in keep_rows), placed)


class _Boxes:
    """The boxes between neighbouring grid lines, the glyphs in each, and which boxes form one cell."""

    def __init__(self, rulings: tuple[Ruling, ...], glyphs: tuple[Glyph, ...]):
        self.h = [r for r in rulings if not r.vertical]
        self.v = [r for r in rulings if r.vertical]
        self.ys, self.xs = _grid_lines([r.pos for r in self.h]), _grid_lines([r.pos for r in self.v])
        self.nr, self.nc = len(self.ys) - 1, len(self.xs) - 1
        self.parent: dict[Box, Box] = {(i, j): (i, j) for i in range(self.nr) for j in range(self.nc)}
        self.walls_right = {(i, j) for i in range(self.nr) for j in self._ruled_columns(i)}
        self.walls_below = {(i, j) for j in range(self.nc) for i in self._ruled_rows(j)}
        self.glyphs: dict[Box, list[Glyph]] = {}
        for g in glyphs:
            i, j = bisect_right(self.ys, g.cy) - 1, bisect_right(self.xs, g.cx) - 1
            if 0 <= i < self.nr and 0 <= j < self.nc:
                self.glyphs.setdefault((i, j), []).append(g)

    def _ruled_columns(self, i: int) -> list[int]:
        """The columns j in row i with a vertical ruling on their right edge."""
        mid = (self.ys[i] + self.ys[i + 1]) / 2
        at = {_nearest(self.xs, r.pos) for r in self.v if r.start - TOL <= mid <= r.end + TOL}
        return [k - 1 for k in at if 1 <= k <= self.nc - 1]

    def _ruled_rows(self, j: int) -> list[int]:
        """The rows i in column j with a horizontal ruling on their bottom edge."""
        mid = (self.xs[j] + self.xs[j + 1]) / 2
        at = {_nearest(self.ys, r.pos) for r in self.h if r.start - TOL <= mid <= r.end + TOL}
        return [k - 1 for k in at if 1 <= k <= self.nr - 1]

    def wall_right(self, i: int, j: int) -> bool:
        return (i, j) in self.walls_right

    def wall_below(self, i: int, j: int) -> bool:
        return (i, j) in self.walls_below

    def join_unruled(self) -> None:
        for i in range(self.nr):
            for j in range(self.nc - 1):
                if not self.wall_right(i, j):
                    self._join((i, j), (i, j + 1))
        for i in range(self.nr - 1):
            walls = [self.wall_below(i, j) for j in range(self.nc)]
            underline = self._underline(i, walls)
            for j in range(self.nc):
                if not walls[j] or j in underline:
                    self._join((i, j), (i + 1, j))

    def _underline(self, i: int, walls: list[bool]) -> range:
        """The columns of a ruling below row i that is a line under text, not a border (see module doc)."""
        runs = _runs(walls)
        if len(runs) != 1 or runs[0] == range(self.nc):
            return range(0)
        run = runs[0]
        if any(self.wall_right(i, j) != self.wall_right(i + 1, j) for j in run[:-1]):
            return range(0)
        starts = [j for j in run if j == run[0] or self.wall_right(i, j - 1)]
        for a, b in zip(starts, [*starts[1:], run[-1] + 1]):
            above = text_lines([g for j in range(a, b) for g in self.glyphs.get((i, j), ())])
            below = text_lines([g for j in range(a, b) for g in self.glyphs.get((i + 1, j), ())])
            if not wraps_on(tuple(above), self.xs[b], tuple(below)):
                return range(0)
        return run

    def _find(self, box: Box) -> Box:
        while self.parent[box] != box:
            self.parent[box] = self.parent[self.parent[box]]
            box = self.parent[box]
        return box

    def _join(self, a: Box, b: Box) -> None:
        self.parent[self._find(b)] = self._find(a)

    def cells(self) -> list[tuple[tuple[int, int, int, int], list[Box]]]:
        """Each cell's first and last row and column, with its boxes. A cell that is not a rectangle (a
        ruling missing in an odd place) is split back into its boxes, each a cell of its own."""
        members: dict[Box, list[Box]] = {}
        for box in self.parent:
            members.setdefault(self._find(box), []).append(box)
        out = []
        for boxes in members.values():
            rows, cols = [b[0] for b in boxes], [b[1] for b in boxes]
            span = (min(rows), max(rows), min(cols), max(cols))
            if len(boxes) == (span[1] - span[0] + 1) * (span[3] - span[2] + 1):
                out.append((span, boxes))
            else:
                out.extend(((b[0], b[0], b[1], b[1]), [b]) for b in boxes)
        return out

    def has_text(self, row: int | None = None, col: int | None = None) -> bool:
        return any((row is None or b[0] == row) and (col is None or b[1] == col) for b in self.glyphs)


def _runs(flags: list[bool]) -> list[range]:
    runs, start = [], None
    for j, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = j
        elif not flag and start is not None:
            runs.append(range(start, j))
            start = None
    return runs


def _nearest(lines: list[float], pos: float) -> int:
    """The index of the grid line a ruling lies on (every ruling's position made a grid line)."""
    k = bisect_right(lines, pos)
    return k - 1 if k == len(lines) or (k > 0 and pos - lines[k - 1] <= lines[k] - pos) else k


def _grid_lines(positions: list[float]) -> list[float]:
    """Distinct grid line positions: positions within TOL of each other are one line."""
    out: list[list[float]] = []
    for p in sorted(positions):
        if out and p - out[-1][-1] <= TOL:
            out[-1].append(p)
        else:
            out.append([p])
    return [sum(group) / len(group) for group in out]

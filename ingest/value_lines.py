"""Value-only lines of a converted table, placed under their row labels by order.

PDF→Markdown converters and OCR read a table line by line. A long row label wraps onto lines of its own,
and the row's numbers land on a line of their own above it, below it, or between its pieces; header cells
spread over lines; a cell's label may not print at all. What they keep is the order of the rows' values:
each row's numbers stand on one line (they share a baseline), and those lines follow the rows top to
bottom. So a value line belongs to a row by its place among the value lines, not by the text next to it.

A line whose numbers follow a row's label is that row's (an anchor). Between two anchors, the value-only
lines belong to the rows between them, in order. That is proven only when there are exactly as many lines as
rows and each line prints a whole row (every cell, zeros included): a row prints at most one line, so each
row then prints exactly one. Fewer lines than rows (a row printed no numbers, or one line lost), a line of
part of a row, a number inside words, or a line that names another row: nothing is placed there, and the
rows stay unread (ambiguous), never blank; and while any value line is left over, no label without numbers
is a row of zeros.

Two more things the layout proves: a value-only line whose words name exactly one row (its label found out
of the reader's order) anchors that row, when the anchors stay in order; and numbers a converter moved out
of a row onto a line of their own, with no row between the labelled rows around them, fill the blank cells
of the one neighbour that leaves exactly that many blank.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ingest.labels import row_pattern
from ingest.template import Row

# Words, numbers and marks as a converter leaves them; a number glued to the end of a label's words is a piece
# of its own ("处理的，只计这一情8": the label's text box ran into the first cell). Not a short name ("数据1").
_PIECE = re.compile(r"[^\s\d]{3,}[\u4e00-\u9fff，、）)”](?=\d[\d,.]*(?:\s|$))|\S+")
_SUB_NUMBER = re.compile(r"(?<![\d.])(\d{1,2})(\s*[.．、]\s*)(?=[\u4e00-\u9fff])")
_NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?(?:万元|元|%)?|—+|-|–|/|／")
# A row label's sub-number before its words ("1.属于国家秘密", "（四）无法提供", "三、本年度"): words, not a value.
_LABEL_PIECE = re.compile(r"^(?:[(（]?(?:\d{1,2}|[一二三四五六七八九十]{1,3})[)）.．、])+[^\d]*$")


@dataclass(frozen=True)
class ValueLine:
    """A line of the table that prints numbers: its numbers in order, the row whose label it follows (an
    index into the template rows, or None for a value-only line), and whether it can be placed by order at
    all (`clean`: nothing on it but label words and whole numbers)."""

    numbers: tuple[str, ...]
    row: int | None
    clean: bool
    names: frozenset[int] = frozenset()  # template rows whose labels the line's words print
    labelled: frozenset[int] = frozenset()  # rows whose found labels stand on the line
    cells: tuple[str, ...] | None = None  # a value-only Markdown row's cells, blanks kept ("" for a blank)
    barred: bool = False  # a Markdown row ("| … |"), whatever its cells hold

    def whole(self, width: int) -> tuple[str, ...] | None:
        """The line as a whole row of `width` cells: every cell printed, or its bars keeping the blanks."""
        if len(self.numbers) == width:
            return self.numbers
        return self.cells if self.cells is not None and len(self.cells) == width else None


@dataclass(frozen=True)
class Label:
    row: int  # index into the template rows
    start: int
    end: int  # where the label's core ends in the text


# Two runs of number characters on one line, or a cell bar: see `may_print_rows`.
_TWO_RUNS_OR_BAR = re.compile(r"\||[\d—\-–/／][^\n\d—\-–/／]+[\d—\-–/／]")


def may_print_rows(text: str, start: int, end: int) -> bool:
    """Whether some line of text[start:end] may be a value line of two numbers or more, or print cell bars.
    Found in one scan of the raw text: a line whose numbers, once read (`_line`), are two stands two runs of
    number characters (digits, dashes, slashes) apart, since words or spaces stand between any two numbers
    and reading only ever blanks characters out. One cell per line (blank cells dropped) prints none."""
    return _TWO_RUNS_OR_BAR.search(text, start, end) is not None


def value_lines(
    text: str, start: int, end: int, labels: Sequence[Label], rows: Sequence[Row]
) -> list[ValueLine]:
    """The value lines of text[start:end], in order."""
    out = []
    pos = start
    while pos < end:
        stop = text.find("\n", pos, end)
        stop = end if stop < 0 else stop
        line = _line(text, pos, stop, [lb for lb in labels if pos <= lb.start < stop], rows)
        if line is not None:
            out.append(line)
        pos = stop + 1
    return out


def _line(text: str, start: int, stop: int, labels: list[Label], rows: Sequence[Row]) -> ValueLine | None:
    masked = list(text[start:stop])
    for lb in labels:
        for i in range(lb.start - start, min(lb.end, stop) - start):
            masked[i] = " "
    # A sub-number spaced from its label ("1 . 属于国家秘") is words, never a cell.
    line = _SUB_NUMBER.sub(lambda m: "§" * len(m.group(1)) + m.group(2), "".join(masked))
    numbers, clean, first = _numbers(line)
    if not numbers:
        return None
    before = [lb for lb in labels if lb.start < start + first]
    if len(labels) > 1 or len(before) != len(labels):
        clean = False  # two labels on one line, or numbers before a label: not one row's line
    # (which rows its words name matters only for a line no label opens: a labelled line is its label's row)
    words = "" if before else re.sub(r"[\s|]+", "", line)
    names = frozenset(i for i, r in enumerate(rows) if r.zh and words and names_row(words, r))
    labelled = frozenset(lb.row for lb in labels)
    # A value-only row may open with empty label cells: they are left out, and with them any blank that
    # could be its first cell (the row is then not whole).
    if labels:
        cells = _cells_after(text, labels[0].end, stop)
    else:
        cells = _bar_cells("|" + line.lstrip(" |")) if "|" in line else None
    row = before[0].row if before else None
    return ValueLine(tuple(numbers), row, clean, names, labelled, cells, "|" in line)


def _numbers(line: str) -> tuple[list[str], bool, int]:
    """The line's numbers; whether each cell prints words, then numbers (a number inside words, "（其中修订
    16 件）", is no cell); where the first number stands. A line whose only numbers are glued to words ends
    a wrapped label in its sub-number ("（三）不予公开1"): it prints none."""
    numbers, clean, first, glued = [], True, -1, 0
    for cell in re.finditer(r"[^|]+", line):
        pieces = list(_PIECE.finditer(cell.group()))
        kinds = [_kind(p.group()) for p in pieces]
        if "dirty" in kinds or ("number" in kinds and "text" in kinds[kinds.index("number") :]):
            clean = False
        for p, k in zip(pieces, kinds):
            if k == "number":
                numbers.append(p.group())
                glued += p.start() > 0 and not cell.group()[p.start() - 1].isspace()
                first = cell.start() + p.start() if first < 0 else first
    return ([] if len(numbers) == glued else numbers), clean, first


def _cells_after(text: str, label_end: int, stop: int) -> tuple[str, ...] | None:
    """A labelled Markdown row's value cells: the bar cells after the cell that holds the label."""
    bar = text.find("|", label_end, stop)
    return _bar_cells(text[bar:stop]) if bar >= 0 else None


def _bar_cells(line: str) -> tuple[str, ...] | None:
    """The cells of a Markdown row that prints only numbers and blanks ("| 26 |  |  | 26 |")."""
    if "|" not in line:
        return None
    cells = [c.strip() for c in line.strip().split("|")]
    cells = cells[1:] if cells and not cells[0] else cells
    cells = cells[:-1] if cells and not cells[-1] else cells
    return tuple(cells) if all(_NUMBER.fullmatch(c) or not c for c in cells) else None


def names_row(text: str, row: Row) -> bool:
    """Whether the text prints the row's label for certain: a short label with a sub-number ("3.其他") only
    with it, since its words also stand inside longer labels ("（六）其他处理 …")."""
    m = row_pattern(row).search(text)
    if m is None or not (row.exact and row.number):
        return m is not None
    return re.match(r"[(（]?\d", m.group()) is not None


def _kind(piece: str) -> str:
    if _NUMBER.fullmatch(piece):
        return "number"
    if not re.search(r"\d", piece) or _LABEL_PIECE.match(piece):
        return "text"
    return "dirty"


@dataclass(frozen=True)
class Placed:
    """What the lines prove for one template row: its numbers in order (`whole` when they fill every cell;
    () when the row prints none), or None when the lines prove nothing about it (unread, never blank)."""

    numbers: tuple[str, ...] | None
    whole: bool = False


def place_by_order(
    lines: list[ValueLine], widths: Sequence[int], found: set[int]
) -> dict[int, Placed] | None:
    """Each template row's numbers as the order of the value lines proves them. `widths`: each row's number
    of cells; `found`: rows whose label was found (a row left out was not found and proves nothing). None
    when the anchors are out of order: labels and values cannot be matched at all."""
    anchors = [(i, ln.row) for i, ln in enumerate(lines) if ln.row is not None]
    if [r for _, r in anchors] != sorted({r for _, r in anchors}):
        return None
    lines, anchors = _named(lines, anchors)
    placed: dict[int, Placed] = {}
    bounds = [(-1, -1), *anchors, (len(lines), len(widths))]
    loose: set[int] = set()  # anchored rows next to value-only lines left unplaced
    filled: dict[int, Placed] = {}  # labelled rows whose blank cells a value line beside them fills
    for (li, ri), (lj, rj) in zip(bounds, bounds[1:]):
        free, gap = lines[li + 1 : lj], list(range(ri + 1, rj))
        rows = _gap(free, gap, widths, found)
        placed.update(rows)
        fill = _fill(free, [(lines[i], r) for i, r in ((li, ri), (lj, rj)) if 0 <= i < len(lines)])
        if fill is not None and not gap:
            filled.update(fill)
        elif free and (not gap or any(rows[r].numbers is None for r in gap)):
            loose |= {ri, rj}  # value lines that no row between takes: they may be the neighbours' numbers
    for li, r in anchors:
        placed[r] = filled.get(r) or _anchored(lines[li], widths[r], r in loose)
    for ln in lines:  # a label on a line of numbers with another label: its row is never blank
        placed.update({r: Placed(None) for r in ln.labelled if r != ln.row})
    if any(p.numbers is None for p in placed.values()):  # value lines left over: no row is certainly blank
        placed = {r: Placed(None) if p.numbers == () else p for r, p in placed.items()}
    return placed


def _fill(free: list[ValueLine], beside: list[tuple[ValueLine, int]]) -> dict[int, Placed] | None:
    """Numbers moved out of their row onto a line of their own ("77" above "| 规范性文件 |  | 77 | 166 |"),
    with no row between the labelled rows around them: they are the blanks of the one neighbour that
    leaves exactly that many cells blank, in order. None when not exactly one neighbour can take them."""
    if not free or not all(ln.clean for ln in free):
        return None
    numbers = [n for ln in free for n in ln.numbers]
    takers = [(ln, r) for ln, r in beside if ln.cells is not None and ln.cells.count("") == len(numbers)]
    if len(takers) != 1:
        return None
    (ln, r), left = takers[0], iter(numbers)
    return {r: Placed(tuple(c or next(left) for c in ln.cells), True)}


def _named(lines: list[ValueLine], anchors: list[tuple[int, int]]):
    """The lines and anchors, with a value-only line whose words name one row (its label found out of the
    reader's order) anchored to that row, when the anchors stay in order."""
    taken = {r for _, r in anchors}
    named = {i: next(iter(ln.names)) for i, ln in enumerate(lines) if ln.row is None and len(ln.names) == 1}
    named = {i: r for i, r in named.items() if r not in taken and lines[i].clean}
    more = sorted(anchors + list(named.items()))
    rows = [r for _, r in more]
    if not named or rows != sorted(set(rows)):
        return lines, anchors
    lines = [replace(ln, row=named[i]) if i in named else ln for i, ln in enumerate(lines)]
    return lines, more


def _gap(free: list[ValueLine], gap: list[int], widths: Sequence[int], found: set[int]) -> dict[int, Placed]:
    """The rows between two anchors: blank when no line stands between them (a found label printed alone),
    one line each in order when the lines prove it, else unread."""
    if not free:
        return {r: Placed(()) for r in gap if r in found}
    proven = len(free) == len(gap) and all(
        ln.clean and ln.whole(widths[r]) is not None and ln.names <= {r} for ln, r in zip(free, gap)
    )
    if not proven:
        return {r: Placed(None) for r in gap}
    return {r: Placed(ln.whole(widths[r]), True) for ln, r in zip(free, gap)}


def _anchored(line: ValueLine, width: int, loose: bool) -> Placed:
    """A row whose numbers follow its label on one line: all of them when it prints every cell; part of
    them only when no value-only line stands next to it (where the rest could be)."""
    if not line.clean or len(line.numbers) > width:
        return Placed(None)
    if len(line.numbers) == width:
        return Placed(line.numbers, True)
    return Placed(None) if loose else Placed(line.numbers)

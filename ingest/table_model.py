"""Which cells of one table are certain, decided over every reading of the whole table at once.

The table is stated as a constraint model and solved with OR-Tools CP-SAT:
- each cell is an integer variable;
- each row is a graph of placements (`placement.RowGraph`): one Boolean per step, one path per row, and a
  cell's value is the value of the step its row's path takes there;
- each identity of the template (勾稽关系) is a linear equation over cells.
A cell is certain when every solution gives it the same value. One solution is found; then the solver is
asked, again and again, for a solution in which some still-undecided cell differs, until it proves that none
exists. Nothing is enumerated and nothing is cut off by a search budget, so a cell the identities determine
is never lost; the number of solver calls is bounded by the number of cells.

When no reading satisfies every identity (the report contradicts itself, or the copy lost a value), the
readings that break fewest identities are found (by weight: a row's own total weighs more than a column's
sums, since a fused row read so that its total does not add up is almost always read wrong). Certainty is
then decided over every reading that keeps the identities none of those break: a superset of the least-cost
readings, so never more certain than they are. A blank cell in a broken identity may be a value the copy
lost: it is flagged, with the value the identities imply offered only as computed.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from ingest import sat
from ingest.numbers import Number
from ingest.placement import Choice, RowGraph
from ingest.sat import total

Pos = tuple[int, int]  # (row, cell) in the table
Line = tuple[Pos, ...]  # cells a copy may leave blank throughout (a column of a block)
Bounds = tuple[int, int]  # the least and greatest value a cell may hold


@dataclass(frozen=True)
class Link:
    """An identity over cells: Σ lhs = Σ rhs."""

    rule: str
    lhs: tuple[Pos, ...]
    rhs: tuple[Pos, ...]
    weight: int = 1  # the cost of a reading that breaks it


@dataclass(frozen=True)
class Verdict:
    certain: Choice | None  # the reading every solution gives the cell; None when it is not certain
    values: tuple[Number, ...] = ()  # values that solutions give the cell (some of them)
    computed: Number | None = None  # a blank or unknown cell's value as the identities imply it
    why: str = ""


@dataclass(frozen=True)
class _Feature:
    """Something whose certainty is decided: a cell's value, whether it is blank, a slack's use. `options`
    lists (value, Boolean) pairs of which exactly one is on, when the feature is read off its row's steps."""

    expr: Any
    options: list | None


@dataclass(frozen=True)
class Decision:
    cells: dict[Pos, Verdict]
    broken: tuple[str, ...] = ()  # rules that every reading of least cost breaks
    relaxed: bool = False  # no reading satisfies every identity


def decide(
    rows: list[RowGraph], links: list[Link], bounds: list[list[Bounds]], lines: Sequence[Line] = ()
) -> Decision:
    """The verdict on every cell of a table whose rows read as `rows` and whose identities are `links`.

    `lines` are lines of cells (a column of a block) that a copy may leave blank throughout, unfilled: a
    real phenomenon (an agency leaves its 总计 column empty). A table that some reading as printed
    satisfies is read as printed (blanks as 0): an unfilled line fitting as well would need values that
    happen to repeat its printed ones. Otherwise, where the placements allow it, an unfilled line is one more
    reading, in which its cells hold values the copy does not print and the identities still hold, instead
    of breaking identities and losing to a misreading that breaks fewer. At most one line of a table is
    unfilled: two could trade values freely, and a blank that reads as 0 is far more common.

    An identity over a cell that cannot be read at all (a row not found, words in a cell) binds nothing
    certain: it is left out of the model, and only offers the cell's value as computed afterwards. Rows that
    no identity ties to another row are decided alone (a table 4 value row): by the row's own graph, its
    identities followed along each path (`_row_alone`). The rest is one model."""
    unread = {(r, c) for r, row in enumerate(rows) for c in row.unread}
    readable = [link for link in links if not unread & set(link.lhs + link.rhs)] if unread else list(links)
    decision = _decide(rows, readable, bounds, lines)
    cells = dict(decision.cells)
    for pos in sorted(unread):
        implied = {_implied(link, pos, cells) for link in links if pos in link.lhs + link.rhs} - {None}
        if len(implied) == 1 and cells[pos].computed is None:
            cells[pos] = Verdict(None, cells[pos].values, implied.pop(), cells[pos].why)
    return Decision(cells, decision.broken, decision.relaxed)


def _pinned(line: Line, links: list[Link]) -> bool:
    """Whether each cell of the line lies in an identity that holds no other cell of it: the identities then
    tell its hidden values once the rest of the table is read. A line they cannot tell (the only row of a
    table) is no hypothesis worth its cost: its blanks read as printed."""
    on_line = set(line)
    holding = [on_line.intersection(k.lhs + k.rhs) for k in links]
    return on_line <= {p for held in holding if len(held) == 1 for p in held}


def _may_be_unfilled(rows: list[RowGraph], line: Line) -> bool:
    """Whether some placement leaves every cell of the line blank (a row: only when it prints nothing)."""
    if len({r for r, _ in line}) == 1:
        row = rows[line[0][0]]
        return _single(row) and all(choice.blank for (choice,) in row.by_cell)
    return all(rows[r].feasible and any(ch.blank for ch in rows[r].choices(c)) for r, c in line)


def _decide(
    rows: list[RowGraph], links: list[Link], bounds: list[list[Bounds]], lines: Sequence[Line]
) -> Decision:
    """Readings as printed first: a table that some reading satisfies as printed is decided over those
    readings, without solver where they are few (`_direct`, `_each_row_one_way`, `_few_ways`; where none
    satisfies them, `_Solved._least_broken`). Unfilled
    lines are readings only of a table that no reading as printed satisfies (`_Solved`): only then is it
    asked which lines may be unfilled."""
    one_way = _direct(rows, links)
    if one_way is not None:
        return one_way
    own = _own_links(links, len(rows))
    alone = [_row_alone(row, own[r], bounds[r]) for r, row in enumerate(rows)]
    one_way = _each_row_one_way(alone, links)
    if one_way is not None:
        return one_way
    tied = {r for link in links if len(_rows_of(link)) > 1 for r in _rows_of(link)}
    ways = _ways(rows, alone) if tied else None
    seen = _few_ways(ways, links) if ways is not None else None
    if seen:
        return _by_values(rows, seen)
    lines = [line for line in lines if _may_be_unfilled(rows, line) and _pinned(line, links)]
    tied |= {r for line in lines for r, _ in line}
    cells = {
        (r, c): v for r in range(len(rows)) if r not in tied and alone[r] for c, v in alone[r].cells.items()
    }
    rest = sorted({r for r in range(len(rows))} - {r for r, _ in cells})
    if not rest:
        return Decision(cells)
    index = {r: i for i, r in enumerate(rest)}
    sub_links = [
        Link(k.rule, *(tuple((index[r], c) for r, c in side) for side in (k.lhs, k.rhs)), k.weight)
        for k in links
        if _rows_of(k) <= set(rest)
    ]
    sub_lines = [tuple((index[r], c) for r, c in line) for line in lines]
    sub_rows, sub_bounds = [rows[r] for r in rest], [bounds[r] for r in rest]
    printed = [ways[r] for r in rest] if seen == {} else None
    sub = _Solved(sub_rows, sub_links, sub_bounds, sub_lines, printed=printed).decision()
    cells.update({(rest[i], c): v for (i, c), v in sub.cells.items()})
    return Decision(cells, sub.broken, sub.relaxed)


def _rows_of(link: Link) -> set[int]:
    return {r for r, _ in link.lhs + link.rhs}


def _own_links(links: list[Link], n: int) -> list[list[Link]]:
    """Each row's own identities: those over its cells alone."""
    own: list[list[Link]] = [[] for _ in range(n)]
    for link in links:
        rows = _rows_of(link)
        if len(rows) == 1:
            own[rows.pop()].append(link)
    return own


@dataclass(frozen=True)
class _Alone:
    """A row decided by its own identities (`_row_alone`): each cell's verdict, and the moves of the walk
    that decided it (its readings are enumerated from them, `_readings`; None for a row read one way)."""

    cells: dict[int, Verdict]
    moves: list[list[tuple]] | None = None


def _row_alone(row: RowGraph, links: list[Link], bounds: list[Bounds]) -> _Alone | None:
    """The verdicts on a row that no identity ties to another, when its identities are groups of adjacent
    cells followed by their total (as every row identity of the template is) and every choice is a count:
    a walk along the row's graph that carries the running sum of the open group. None otherwise."""
    groups = _groups(links)
    if groups is None or not row.feasible:
        return None
    if not _all_countable(row, bounds):
        return None
    if _single(row):
        return _one_way_alone(row, groups)
    moves = _paths(row, groups)
    if moves is None:  # the row's own totals disagree with every placement: the model says how
        return None
    cells = {}
    for c, layer in enumerate(moves):
        values = {v for _, _, v in layer}
        if len(values) == 1:
            cells[c] = Verdict(_reading_of(row, c, values))
        else:
            cells[c] = Verdict(None, tuple(sorted(values)), why=_OPEN)
    return _Alone(cells, moves)


def _one_way_alone(row: RowGraph, roles: dict[int, tuple[str, int]]) -> _Alone | None:
    """A row read one way (the walk's one path): its choices, when its groups add up."""
    choices = [cell[0] for cell in row.by_cell]
    sums: dict[int, Number] = {}
    for c, choice in enumerate(choices):
        kind, group = roles.get(c, ("", 0))
        if kind == "part":
            sums[group] = sums.get(group, 0) + choice.value
        elif kind == "total" and choice.value != sums.get(group, 0):
            return None
    return _Alone({c: Verdict(choice) for c, choice in enumerate(choices)})


def _groups(links: list[Link]) -> dict[int, tuple[str, int]] | None:
    """cell → ("part", group) or ("total", group) when each link is adjacent parts = the next cell."""
    roles: dict[int, tuple[str, int]] = {}
    for g, link in enumerate(links):
        parts, total = [c for _, c in link.lhs], [c for _, c in link.rhs]
        if len(total) != 1 or parts != list(range(total[0] - len(parts), total[0])):
            return None
        if any(c in roles for c in parts + total):
            return None
        roles.update({c: ("part", g) for c in parts})
        roles[total[0]] = ("total", g)
    return roles


def _reading_of(row: RowGraph, c: int, values: set[Number]) -> Choice:
    """`_one_reading` of the cell's choices of these values, found among its steps (a fused row's steps repeat a
    few Choice objects) without hashing every choice of the row (`RowGraph.distinct`)."""
    found = set({id(ch): ch for ch in row.by_cell[c] if ch.value in values}.values())
    if len(found) == 1 or len({(type(ch.value), ch.unit) for ch in found}) == 1:  # as any one of them reads
        return _one_reading(found)
    return _one_reading({ch for ch in row.choices(c) if ch.value in values})


def _all_countable(row: RowGraph, bounds: list[Bounds]) -> bool:
    """Whether every choice is `_countable`, cell by cell at once: a value is an int, a float or None."""
    for choices, (lo, hi) in zip(row.by_cell, bounds):
        values = list(map(_VALUE, choices))
        if values and (not set(map(type, values)) <= _INT or min(values) < lo or max(values) > hi):
            return False
    return True


_INT = {int}
_VALUE = attrgetter("value")


def _paths(row: RowGraph, roles: dict[int, tuple[str, int]]) -> list[list[tuple]] | None:
    """Each cell's moves (state, next state, value) on some path whose groups add up; None when no path does.
    A state is (node, running sum of the open group): a part adds to it, a total must equal it (and closes
    it), other cells leave it. Every step out of a layer's nodes is for the same cell, so a layer is one
    comprehension by that cell's role; the way back only filters the moves kept.

    A part moves only to a sum from which its group may still add up: the last two parts of a group only to
    the sums that the steps after them can complete exactly (`_near_totals`), the others to no more than
    the total's greatest value where no part is negative (`_caps`): a fused row's sums 1513 or 15130 before
    a total of 154 end there. The moves on paths that add up are the same."""
    out: dict[int, list[tuple[int, Number]]] = {}
    for steps in row.steps_by_cell:
        for _, src, dst, choice in steps:
            out.setdefault(src, []).append((dst, choice.value))
    fits, caps = _near_totals(row, roles), _caps(row, roles)
    states = {(0, 0)}
    moves: list[list[tuple]] = []
    for c in range(row.n):
        kind, group = roles.get(c, ("", 0))
        near = "total" in (roles.get(c + 1, ("", 0))[0], roles.get(c + 2, ("", 0))[0])
        if kind == "part" and near:
            layer = [
                (s, (dst, t), v)
                for s in states
                for dst, v in out.get(s[0], ())
                if (t := s[1] + v) in fits[dst]
            ]
        elif kind == "part" and group in caps:
            cap = caps[group]
            layer = [
                (s, (dst, t), v) for s in states for dst, v in out.get(s[0], ()) if (t := s[1] + v) <= cap
            ]
        elif kind == "part":
            layer = [(s, (dst, s[1] + v), v) for s in states for dst, v in out.get(s[0], ())]
        elif kind == "total":
            layer = [(s, (dst, 0), v) for s in states for dst, v in out.get(s[0], ()) if v == s[1]]
        else:
            layer = [(s, (dst, s[1]), v) for s in states for dst, v in out.get(s[0], ())]
        moves.append(layer)
        states = {to for _, to, _ in layer}
    alive = {(row.end, 0)} & states
    if not alive:
        return None
    for c in range(row.n - 1, -1, -1):
        moves[c] = [move for move in moves[c] if move[1] in alive]
        alive = {frm for frm, _, _ in moves[c]}
    return moves


def _near_totals(row: RowGraph, roles: dict[int, tuple[str, int]]) -> dict[int, set[Number]]:
    """node → the running sums from which its group adds up in the steps right after it: before a total, the
    values the total may print; before a group's last part, those values less the part's. (Every node of a
    graph lies on a complete path, so each has steps after it.)"""
    fits: dict[int, set[Number]] = {}
    for c in range(row.n - 1, -1, -1):
        kind = roles.get(c, ("", 0))[0]
        if kind == "total":
            for _, src, _, choice in row.steps_by_cell[c]:
                fits.setdefault(src, set()).add(choice.value)
        elif kind == "part" and roles.get(c + 1, ("", 0))[0] == "total":
            for _, src, dst, choice in row.steps_by_cell[c]:
                v = choice.value
                fits.setdefault(src, set()).update([t - v for t in fits[dst]])
    return fits


def _caps(row: RowGraph, roles: dict[int, tuple[str, int]]) -> dict[int, Number]:
    """group → the greatest value its total may print, for each group none of whose parts may be negative:
    its running sum then only grows, so one past that adds up on no path."""
    caps: dict[int, Number] = {}
    signed: set[int] = set()
    for c, (kind, group) in roles.items():
        values = list(map(_VALUE, row.by_cell[c]))
        if kind == "total":
            caps[group] = max(values)
        elif min(values) < 0:
            signed.add(group)
    return {group: cap for group, cap in caps.items() if group not in signed}


def _direct(rows: list[RowGraph], links: list[Link]) -> Decision | None:
    """Without a solver: a table whose every cell reads one way and satisfies its identities, or a table
    without identities (each cell is then certain when all its row's placements agree on it)."""
    if links and not all(_single(row) for row in rows):
        return None
    cells = {(r, c): _cell_alone(row, c) for r, row in enumerate(rows) for c in range(row.n)}
    if links and not all(_holds(link, cells) for link in links):
        return None
    return Decision(cells)


def _each_row_one_way(alone: list[_Alone | None], links: list[Link]) -> Decision | None:
    """Without a solver: every row reads one way once its own identities are followed (as most fused rows
    do; `alone` holds each row's verdicts by its own identities), and those readings satisfy the
    identities between rows."""
    if any(a is None or any(v.certain is None for v in a.cells.values()) for a in alone):
        return None
    cells = {(r, c): v for r, a in enumerate(alone) for c, v in a.cells.items()}
    return Decision(cells) if all(_holds(link, cells) for link in links) else None


_FEW = 256  # readings of a whole table checked one by one before the solver is asked


def _ways(rows: list[RowGraph], alone: list[_Alone | None]) -> list[set[tuple]] | None:
    """Each row's readings (a value per cell) under its own identities: a fused "220000022" reads 22|0 or
    2|20. None when a row cannot be read by its own identities, or when the combinations of the rows'
    readings are too many to try one by one (`_FEW`).
    `alone` holds each row's verdicts by its own identities (`_row_alone`): a row without them has no
    reading that adds up, and a row they make certain reads one way, so only the others are enumerated."""
    ways = []
    for r, row in enumerate(rows):
        if alone[r] is None:
            return None
        cells = alone[r].cells
        if all(v.certain is not None for v in cells.values()):
            ways.append({tuple(cells[c].certain.value for c in range(row.n))})
            continue
        readings = _readings(row, alone[r].moves, _FEW)
        if not readings:
            return None
        ways.append(readings)
    if math.prod(len(w) for w in ways) > _FEW:
        return None
    return ways


def _few_ways(ways: list[set[tuple]], links: list[Link]) -> dict[Pos, set[Number]]:
    """Without a solver: each cell's values over the combinations of the rows' readings (`_ways`) that
    satisfy the identities between rows; {} when none does (the model then says what the copy breaks)."""
    across = [link for link in links if len(_rows_of(link)) > 1]
    seen: dict[Pos, set[Number]] = {}
    for combo in itertools.product(*ways):
        if all(_sums(link.lhs, combo) == _sums(link.rhs, combo) for link in across):
            _add_values(seen, combo)
    return seen


def _add_values(seen: dict[Pos, set[Number]], combo: tuple[tuple[Number, ...], ...]) -> None:
    for r, values in enumerate(combo):
        for c, v in enumerate(values):
            seen.setdefault((r, c), set()).add(v)


def _by_values(rows: list[RowGraph], seen: dict[Pos, set[Number]]) -> Decision:
    """The verdicts when each cell's values over every reading are known."""
    cells = {}
    for (r, c), values in seen.items():
        if len(values) == 1:
            cells[(r, c)] = Verdict(_reading_of(rows[r], c, values))
        else:
            cells[(r, c)] = Verdict(None, tuple(sorted(values)), why=_OPEN)
    return Decision(cells)


def _sums(side: tuple[Pos, ...], combo: tuple[tuple[Number, ...], ...]) -> Number:
    return sum(combo[r][c] for r, c in side)


def _readings(row: RowGraph, paths: list[list[tuple]], cap: int) -> set[tuple] | None:
    """The row's distinct readings (a value per cell) whose groups add up; None when more than `cap`. Built
    from the end over the moves on such paths only (`_paths`)."""
    after: dict[tuple, set[tuple]] = {(row.end, 0): {()}}
    for layer in reversed(paths):
        here: dict[tuple, set[tuple]] = {}
        for frm, to, v in layer:
            found = here.setdefault(frm, set())
            found.update((v, *rest) for rest in after[to])
            if len(found) > cap:
                return None
        after = here
    return after[(0, 0)]


def _single(row: RowGraph) -> bool:
    return row.feasible and len(row.steps) == row.n


def _holds(link: Link, cells: dict[Pos, Verdict]) -> bool:
    if any(cells[p].certain is None for p in link.lhs + link.rhs):
        return False

    def total(side: tuple[Pos, ...]) -> Number:
        return sum(cells[p].certain.value for p in side)

    return total(link.lhs) == total(link.rhs)


def _cell_alone(row: RowGraph, c: int) -> Verdict:
    if not row.feasible:
        return Verdict(None, why="the row's numbers fit no placement of its cells")
    if len(row.by_cell[c]) == 1:  # a grid cell: read one way
        (choice,) = row.by_cell[c]
        return Verdict(choice) if choice.value is not None else Verdict(None, why=choice.why)
    choices = row.choices(c)
    unknown = [ch for ch in choices if ch.value is None]
    if unknown:
        return Verdict(None, why=unknown[0].why)
    values = sorted({ch.value for ch in choices})
    if len(values) > 1:
        return Verdict(None, tuple(values), why=_OPEN)
    return Verdict(_one_reading(choices))


def _one_reading(choices: set[Choice]) -> Choice:
    """Choices of one value: the printed text when they agree on it, else the value as a number."""
    if len(choices) == 1:
        return next(iter(choices))
    first = next(iter(choices))
    return Choice(_plain(first.value), first.value, unit=first.unit)


def _plain(value: Number) -> str:
    return str(value) if isinstance(value, int) else repr(value)


_OPEN = "the row's numbers fit more than one placement of its cells"
_FILLED = "left blank, but the table's identities do not add up with a 0 here"
_RELAXED = " (the report's own totals disagree: no reading satisfies every identity)"
_UNFILLED = (
    "its column or row may be left blank throughout, unfilled: the identities then give this cell a value "
    "the copy does not print"
)


class _Solved:
    """The solver's verdicts: with every identity when some reading satisfies them all (as printed, else with
    a line unfilled); otherwise without the identities that the readings breaking fewest of them (by
    weight) break."""

    def __init__(
        self,
        rows: list[RowGraph],
        links: list[Link],
        bounds: list[list[Bounds]],
        lines: list[Line],
        *,
        printed: list[set[tuple]] | None = None,
    ):
        """`printed`: each row's readings under its own identities (`_ways`), when no combination of them
        satisfies every identity (found by trying each one, `_few_ways`): the model of the readings as printed
        is not solved to find that again, and the least broken readings may be among those combinations
        (`_least_broken`)."""
        self.rows, self.links, self.bounds, self.lines = rows, links, bounds, lines
        self.printed = printed
        self.stated: _Stated | None = None

    def decision(self) -> Decision:
        if self.printed is not None and not self.lines:
            decided = self._least_broken()
            if decided is not None:
                return decided
        tries = [[], self.lines] if self.lines else [[]]  # as printed first, then unfilled
        for lines in tries[1:] if self.printed is not None else tries:
            strict = self._model(lines)
            found = strict.settle()
            if found is not None:
                return Decision(self._verdicts(strict, found))
        suspects, unique, unfilled = self._suspects()
        lines = self.lines if unfilled else []
        relaxed = self._model(lines, dropped=suspects)
        found = relaxed.settle() or {}
        verdicts = self._verdicts(relaxed, found, suspects)
        broken = tuple(self.links[k].rule for k in sorted(suspects)) if unique else ()
        return Decision(verdicts, broken, relaxed=True)

    def _least_broken(self) -> Decision | None:
        """Without a solver, the decision the soft and the relaxed model reach (`_suspects`, then `settle`)
        where the least broken readings are combinations of the rows' readings as printed: each keeps every
        row's own identities, so the cheapest of them is cheaper than any reading that breaks one of those when
        the identities between rows it breaks weigh less than the lightest of them. None otherwise, or when a
        cell takes several values over the readings left once those identities are dropped (the solver names
        only some of those values, as it happens to find them)."""
        own = [k.weight for k in self.links if len(_rows_of(k)) == 1]
        across = [(i, k) for i, k in enumerate(self.links) if len(_rows_of(k)) > 1]
        combos: dict[frozenset[int], list[tuple]] = {}
        for combo in itertools.product(*self.printed):
            broken = frozenset(i for i, k in across if _sums(k.lhs, combo) != _sums(k.rhs, combo))
            combos.setdefault(broken, []).append(combo)
        cost = {broken: sum(self.links[i].weight for i in broken) for broken in combos}
        least = min(cost.values())
        if least >= min(own, default=math.inf):
            return None
        cheapest = [broken for broken in combos if cost[broken] == least]
        if len(cheapest) > 1:  # readings that break different identities differ in some cell: it is open
            return None
        suspects = set(cheapest[0])
        seen: dict[Pos, set[Number]] = {}
        for broken, found in combos.items():
            if broken <= suspects:
                for combo in found:
                    _add_values(seen, combo)
        if any(len(values) > 1 for values in seen.values()):
            return None
        verdicts = self._relaxed(_by_values(self.rows, seen).cells, suspects)
        return Decision(verdicts, tuple(self.links[k].rule for k in sorted(suspects)), relaxed=True)

    def _suspects(self) -> tuple[set[int], bool, bool]:
        """The identities that some reading of least cost breaks; whether every such reading breaks the same
        ones; and whether those readings leave a line unfilled (an unfilled line costs less than any
        identity, so either all of them do or none). Found one reading at a time: each call asks for a
        least-cost reading that breaks an identity not yet known to be broken."""
        soft = self._model(self.lines, soft=True)
        first = soft.least_cost()
        suspects = set(first)
        while (more := soft.breaking_another(suspects)) is not None:
            suspects |= more
        return suspects, suspects == first, soft.least % 2 == 1

    def _model(self, lines: list[Line], **kinds) -> _Model:
        """A model of the table; its rows are stated once, for the first, and copied into the others."""
        model = _Model(self.rows, self.links, self.bounds, lines, stated=self.stated, **kinds)
        self.stated = model.stated
        return model

    def _verdicts(self, model: _Model, found: dict, suspects: set[int] = frozenset()) -> dict[Pos, Verdict]:
        verdicts = {
            (r, c): model.verdict((r, c), found) for r, row in enumerate(self.rows) for c in range(row.n)
        }
        return self._relaxed(verdicts, suspects)

    def _relaxed(self, verdicts: dict[Pos, Verdict], suspects: set[int]) -> dict[Pos, Verdict]:
        """The verdicts once the identities that least-cost readings break (`suspects`) are left out: an open
        cell says so, and a certain 0 in a broken identity that may be a blank hiding a value is flagged."""
        if suspects:
            verdicts = {
                p: Verdict(v.certain, v.values, v.computed, v.why + _RELAXED * (v.why == _OPEN))
                for p, v in verdicts.items()
            }
        flagged = [p for k in sorted(suspects) for p in self._blank_suspects(self.links[k], verdicts)]
        for pos in flagged:
            verdicts[pos] = Verdict(None, (0,), None, _FILLED)
        if flagged:
            self._add_computed(verdicts, sorted(set(flagged)))
        return verdicts

    def _blank_suspects(self, link: Link, verdicts: dict) -> list[Pos]:
        """The cells of a broken identity that may be blanks hiding a value: on its smaller side when every
        cell is certain (a value hidden on the larger side would only widen the break), and on either side a
        cell of a line that may be left unfilled (a row or column left blank hides its values whatever else
        the report gets wrong); every cell that may be blank when some cell is not certain."""
        cells = link.lhs + link.rhs
        if all(verdicts[p].certain is not None for p in cells):
            lhs, rhs = (sum(verdicts[p].certain.value for p in side) for side in (link.lhs, link.rhs))
            smaller = () if lhs == rhs else (link.rhs if lhs > rhs else link.lhs)
            on_line = {p for line in self.lines for p in line}
            cells = [p for p in cells if p in smaller or p in on_line]
        return [
            p
            for p in cells
            if verdicts[p].certain is not None and verdicts[p].certain.value == 0 and self._may_be_blank(p)
        ]

    def _may_be_blank(self, pos: Pos) -> bool:
        """Whether some reading may leave the cell blank (whether one that the identities allow is not
        decided: deciding it would cost as many solver calls as the values themselves)."""
        r, c = pos
        return any(choice.blank for choice in self.rows[r].by_cell[c])

    def _add_computed(self, verdicts: dict[Pos, Verdict], cells: list[Pos]) -> None:
        """The value the identities imply for a flagged blank: from an identity whose every other cell is
        certain, when all such identities agree."""
        for pos in cells:
            implied = {_implied(link, pos, verdicts) for link in self.links if pos in link.lhs + link.rhs}
            implied.discard(None)
            if len(implied) == 1:
                v = verdicts[pos]
                verdicts[pos] = Verdict(None, v.values, implied.pop(), v.why)


def _implied(link: Link, pos: Pos, verdicts: dict[Pos, Verdict]) -> Number | None:
    same, other = (link.lhs, link.rhs) if pos in link.lhs else (link.rhs, link.lhs)
    known = [p for p in same + other if p != pos]
    if any(verdicts[p].certain is None for p in known) or same.count(pos) != 1:
        return None
    value = sum(verdicts[p].certain.value for p in other) - sum(
        verdicts[p].certain.value for p in same if p != pos
    )
    return value if value >= 0 else None


@dataclass(frozen=True)
class _Stated:
    """A table's rows as a model states them (`_Model._row`): the variables and constraints stated so far, and
    what the model knows of each cell. `_Solved` builds several models of one table, each starting with the
    same rows: they are stated once and copied (the expressions are never changed in place)."""

    pending: tuple[str, ...]
    count: int
    x: dict[Pos, Any]
    blank_on: dict[Pos, list]
    largest: dict[Pos, int]
    features: dict[tuple, Any]

    @staticmethod
    def of(model: _Model) -> _Stated:
        m = model
        return _Stated(tuple(m.m.pending), m.m.count, m.x, m.blank_on, m.largest, m.features)

    def copy_into(self, model: _Model) -> None:
        model.m.pending, model.m.count = list(self.pending), self.count
        model.x, model.blank_on = dict(self.x), dict(self.blank_on)
        model.largest, model.features = dict(self.largest), dict(self.features)


class _Model:
    """One CP-SAT model of a table. `dropped`: identities left out. `soft`: identities may break, at their
    weight (see `least_cost`)."""

    def __init__(self, rows, links, bounds, lines=(), *, dropped=frozenset(), soft=False, stated=None):
        """`stated`: the rows as another model of the same rows and bounds stated them, copied."""
        self.m = sat.Model()
        self.rows, self.bounds = rows, bounds
        self.x: dict[Pos, Any] = {}  # cell → its value (an int or a linear expression)
        self.blank_on: dict[Pos, list] = {}  # cell → the Booleans of its blank steps
        self.largest: dict[Pos, int] = {}  # cell → the largest value it may take (absolute)
        self.lines_of: dict[Pos, list[int]] = {}  # cell → the lines (unfilled-line hypotheses) it lies on
        self.features: dict[tuple, Any] = {}  # what certainty is decided for
        self.broken: dict[int, Any] = {}  # soft: link index → Boolean "broken"
        self.cost: Any = 0
        if stated is None:
            for r, row in enumerate(rows):
                self._row(r, row)
            stated = _Stated.of(self)
        stated.copy_into(self)
        self.stated = stated
        hard = [link for k, link in enumerate(links) if k not in dropped and not soft]
        for i, line in enumerate(lines):
            self._unfilled(i, line, hard)
        if len(lines) > 1:  # one line at most: two unfilled lines of one table could trade values freely
            self.m.add(total(self.features[("unfilled", i)].expr for i in range(len(lines))), hi=1)
        for k, link in enumerate(links):
            if k not in dropped:
                self._link(k, link, soft)
        if soft and lines:  # among readings that break the same, those reading the blanks as printed
            self.cost += total(self.features[("unfilled", i)].expr for i in range(len(lines)))

    # --- building ---------------------------------------------------------------------------------

    def _row(self, r: int, row: RowGraph) -> None:
        if not row.feasible:
            for c in range(row.n):
                self._cell((r, c), [], always_unknown=True)
            return
        if len(row.steps) == row.n:  # one path: every step is taken
            on = [1] * row.n
        else:
            first = self.m.count
            on = self.m.bools(len(row.steps))
            self._flow(row, range(first, first + len(on)))
        first = 0
        for c, choices in enumerate(row.by_cell):  # the steps stand cell by cell
            self._cell((r, c), list(zip(choices, on[first : first + len(choices)])))
            first += len(choices)

    def _flow(self, row: RowGraph, on: Sequence[int]) -> None:
        """One path through the row's graph: one step out of the start and into the end, and as many out of
        each node as into it. `on`: the variable number of each step's Boolean."""
        out: dict[int, list[int]] = {}
        into: dict[int, list[int]] = {}
        for (_, src, dst, _), b in zip(row.steps, on):
            out.setdefault(src, []).append(b)
            into.setdefault(dst, []).append(b)
        self.m.add_sum(out[0], lo=1, hi=1)
        self.m.add_sum(into[row.end], lo=1, hi=1)
        for node in set(out) & set(into):
            self.m.add_sum(into[node], out[node], 0, 0)

    def _cell(self, pos: Pos, steps: list, always_unknown: bool = False) -> None:
        """The cell's value over its steps: (choice, the step's Boolean, or 1 in a row of one path)."""
        lo, hi = self.bounds[pos[0]][pos[1]]
        countable = [_countable(choice, lo, hi) for choice, _ in steps]
        known = [(choice.value, b) for (choice, b), ok in zip(steps, countable) if ok]
        unknowns = [1] if always_unknown else [b for (_, b), ok in zip(steps, countable) if not ok]
        blanks = [b for choice, b in steps if choice.blank]
        self.blank_on[pos] = blanks
        self.largest[pos] = hi if unknowns else max((abs(v) for v, _ in known), default=0)
        expr = _weighted(known)
        if unknowns:
            expr += self._slack(pos, unknowns, lo, hi)
        self.x[pos] = expr
        if not isinstance(expr, int):
            self.features[("value", pos)] = _Feature(expr, None if unknowns else known)

    def _unfilled(self, i: int, line: Line, hard: list[Link]) -> None:
        """The hypothesis that every cell of `line` is left blank, unfilled: each then holds a value the copy
        does not print, bound only by the identities."""
        on = self.m.bool()
        self.features[("unfilled", i)] = _Feature(on, [(1, on), (0, 1 - on)])
        for pos in line:
            self.m.add(total(self.blank_on[pos]) - on, lo=0)
            lo, hi = self.bounds[pos[0]][pos[1]]
            hidden = self.m.int(min(lo, 0), min(hi, self._reach(pos, line, hard)))
            self.m.add(hidden - hi * on, hi=0)
            self.m.add(hidden - min(lo, 0) * on, lo=0)
            self.x[pos] = self.x[pos] + hidden
            self.features[("value", pos)] = _Feature(self.x[pos], None)
            self.lines_of.setdefault(pos, []).append(i)

    def _reach(self, pos: Pos, line: Line, hard: list[Link]) -> int:
        """The most a hidden value can be: an enforced identity that holds no other cell of its line makes it
        the difference of the identity's other cells, no more than their largest values added up (a domain
        as tight as that is measured 20% faster to solve than the cell's plausible limit)."""
        on_line = set(line)
        sums = [
            sum(self.largest[q] for q in k.lhs + k.rhs if q != pos)
            for k in hard
            if pos in k.lhs + k.rhs and len(on_line & set(k.lhs + k.rhs)) == 1
        ]
        return min(sums, default=self.bounds[pos[0]][pos[1]][1])

    def _slack(self, pos: Pos, when: list, lo: int, hi: int):
        """The value of a cell that cannot be read, allowed only while one of `when` (its unknown steps) is on."""
        v = self.m.int(lo, hi)
        flag = self.m.bool()
        self.m.add(flag - total(when), hi=0)
        self.m.add(v - hi * flag, hi=0)
        self.m.add(v - lo * flag, lo=0)
        self.features[("unknown", pos)] = _Feature(flag, [(1, flag), (0, 1 - flag)])
        return v

    def _link(self, k: int, link: Link, soft: bool) -> None:
        lhs = total(self.x[p] for p in link.lhs)
        rhs = total(self.x[p] for p in link.rhs)
        if not soft:
            self.m.equal(lhs, rhs)
            return
        broken = self.broken[k] = self.m.bool()
        self.m.equal(lhs, rhs, [broken.negated()])
        self.cost += 2 * link.weight * broken  # doubled: an unfilled line costs 1, below any identity

    # --- least cost (soft models) -------------------------------------------------------------------

    def least_cost(self) -> set[int]:
        """The identities broken by a reading that breaks fewest (by weight); from then on the model holds
        only readings of that cost."""
        solver = sat.Solver(self.m)
        self.m.solve(solver, minimize=self.cost)
        self.least = round(solver.objective)
        self.m.add(self.cost, hi=self.least)
        return {k for k, b in self.broken.items() if solver.value(b)}

    def breaking_another(self, known: set[int]) -> set[int] | None:
        """The identities broken by a least-cost reading that breaks one outside `known`, or None."""
        others = [b for k, b in self.broken.items() if k not in known]
        if not others:
            return None
        solver = sat.Solver(self.m)
        if not self._some(solver, others):
            return None
        return {k for k, b in self.broken.items() if solver.value(b)}

    # --- certainty ----------------------------------------------------------------------------------

    def settle(self) -> dict[tuple, tuple] | None:
        """For each feature, the values it takes over all solutions: one value when certain. None when the
        model has no solution. Each further solve asks for a solution in which some still-undecided feature
        differs from the first one (asking for one that moves many at once was measured slower)."""
        solver = sat.Solver(self.m)
        if not self.m.solve(solver):
            return None
        first = {f: solver.value(e.expr) for f, e in self.features.items()}
        seen = {f: {v} for f, v in first.items()}
        differs = {f: self._differs(e, first[f]) for f, e in self.features.items()}
        undecided = set(self.features)
        while undecided and self._some(solver, [differs[f] for f in undecided]):
            for f in list(undecided):
                v = solver.value(self.features[f].expr)
                seen[f].add(v)
                if v != first[f]:
                    undecided.discard(f)
        return {f: tuple(sorted(vs)) for f, vs in seen.items()}

    def _differs(self, feature: _Feature, value: int):
        """1 exactly when the feature's value is not `value`: a sum of the step Booleans that give another
        value where the feature is read off its row's steps; a new reified Boolean otherwise."""
        if feature.options is not None:
            return total(b for v, b in feature.options if v != value)
        return self.m.differs(feature.expr, value)

    def _some(self, solver: sat.Solver, terms: list) -> bool:
        """Whether a solution has Σ terms ≥ 1 (left in `solver`). The condition is gated by an assumption,
        so it binds this call only."""
        gate = self.m.bool()
        self.m.add(total(terms), lo=1, enforce=[gate])
        return self.m.solve(solver, assumptions=[gate])

    # --- reading the verdicts -----------------------------------------------------------------------

    def verdict(self, pos: Pos, found: dict[tuple, tuple]) -> Verdict:
        r, c = pos
        row = self.rows[r]
        if not row.feasible:
            return Verdict(None, why="the row's numbers fit no placement of its cells")
        lo, hi = self.bounds[r][c]
        choices = row.choices(c)
        unknown = [ch for ch in choices if not _countable(ch, lo, hi)]
        values = found.get(("value", pos))
        value = (
            values[0]
            if values and len(values) == 1
            else (self.x[pos] if isinstance(self.x[pos], int) else None)
        )
        may_unknown = found.get(("unknown", pos), (0,)) != (0,) or (unknown and len(choices) == 1)
        lines = [found.get(("unfilled", i), (0,)) for i in self.lines_of.get(pos, ())]
        unfilled = any(on != (0,) for on in lines)
        # A blank stated as 0 needs a reading that prints it so: where every reading leaves its line
        # unfilled, even a 0 is only what the identities imply.
        if unfilled and (value != 0 or (1,) in lines):
            why = f"{_OPEN}, or {_UNFILLED}" if value is None else _UNFILLED
            return Verdict(None, tuple(values or ()), value, why)
        if value is None or may_unknown:
            why = unknown[0].why if may_unknown and unknown else _OPEN
            return Verdict(None, tuple(values or ()), value if may_unknown else None, why)
        return Verdict(_one_reading({ch for ch in choices if ch.value == value}))


def _weighted(known: list[tuple[int, Any]]) -> Any:
    """Σ value × Boolean over a cell's steps, as `total` adds them up: built directly where each step has a
    Boolean of its own (a variable per step, so no two terms meet)."""
    if not known or not isinstance(known[0][1], sat.Lin):
        return total(v * b for v, b in known)
    return sat.Lin({b.literal(): v for v, b in known})


def _countable(choice: Choice, lo: int, hi: int) -> bool:
    """Whether the model can take the choice's value as the cell's: a whole number within the cell's bounds."""
    return isinstance(choice.value, int) and lo <= choice.value <= hi

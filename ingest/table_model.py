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

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ingest.numbers import Number
from ingest.placement import Choice, RowGraph

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
    real phenomenon (an agency leaves its 总计 column empty). Where the placements allow it, that is one
    more reading of the table, in which those cells hold values the copy does not print and the identities
    still hold: it competes with the other readings instead of breaking identities and losing to a
    misreading that happens to satisfy them. At most one line of a table is unfilled: two could trade
    values freely, and a blank that reads as 0 is far more common.

    An identity over a cell that cannot be read at all (a row not found, words in a cell) binds nothing
    certain: it is left out of the model, and only offers the cell's value as computed afterwards. Rows that
    no identity ties to another row are decided alone (a table 4 value row): by the row's own graph, its
    identities followed along each path (`_row_alone`). The rest is one model."""
    unread = {(r, c) for r, row in enumerate(rows) for c in range(row.n) if _unread(row, c)}
    readable = [link for link in links if not unread & set(link.lhs + link.rhs)]
    possible = [line for line in lines if _may_be_unfilled(rows, line)]
    # A table read one way (a grid) has no misreading to lose its truth to: its blanks read as printed.
    decision = _decide(rows, readable, bounds, [] if all(_single(r) for r in rows) else possible)
    cells = dict(decision.cells)
    for pos in sorted(unread):
        implied = {_implied(link, pos, cells) for link in links if pos in link.lhs + link.rhs} - {None}
        if len(implied) == 1 and cells[pos].computed is None:
            cells[pos] = Verdict(None, cells[pos].values, implied.pop(), cells[pos].why)
    return Decision(cells, decision.broken, decision.relaxed)


def _unread(row: RowGraph, c: int) -> bool:
    return not row.feasible or all(ch.value is None for ch in row.choices(c))


def _may_be_unfilled(rows: list[RowGraph], line: Line) -> bool:
    """Whether some placement leaves every cell of the line blank (a row: only when it prints nothing)."""
    if len({r for r, _ in line}) == 1:
        row = rows[line[0][0]]
        return _single(row) and all(s.choice.blank for s in row.steps)
    return all(rows[r].feasible and any(ch.blank for ch in rows[r].choices(c)) for r, c in line)


def _decide(
    rows: list[RowGraph], links: list[Link], bounds: list[list[Bounds]], lines: list[Line]
) -> Decision:
    # A table read one way whose identities hold is certain as read: with one line unfilled, each identity
    # holds a single cell of that line, so the identities pin its hidden values to the blanks' 0s.
    direct = _direct(rows, links) or (None if lines else _each_row_one_way(rows, links, bounds))
    if direct is not None:
        return direct
    tied = {r for link in links if len(_rows_of(link)) > 1 for r in _rows_of(link)}
    tied |= {r for line in lines for r, _ in line}
    cells: dict[Pos, Verdict] = {}
    for r, row in enumerate(rows):
        own = [link for link in links if _rows_of(link) == {r}]
        alone = None if r in tied else _row_alone(row, own, bounds[r])
        if alone is not None:
            cells.update({(r, c): v for c, v in alone.items()})
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
    sub = _Solved([rows[r] for r in rest], sub_links, [bounds[r] for r in rest], sub_lines).decision()
    cells.update({(rest[i], c): v for (i, c), v in sub.cells.items()})
    return Decision(cells, sub.broken, sub.relaxed)


def _rows_of(link: Link) -> set[int]:
    return {r for r, _ in link.lhs + link.rhs}


def _row_alone(row: RowGraph, links: list[Link], bounds: list[Bounds]) -> dict[int, Verdict] | None:
    """The verdicts on a row that no identity ties to another, when its identities are groups of adjacent
    cells followed by their total (as every row identity of the template is) and every choice is a count:
    a walk along the row's graph that carries the running sum of the open group. None otherwise."""
    groups = _groups(links)
    if groups is None or not row.feasible:
        return None
    if any(not _countable(s.choice, *bounds[s.cell]) for s in row.steps):
        return None
    values = _walk(row, groups)
    if values is None:  # the row's own totals disagree with every placement: the model says how
        return None
    out = {}
    for c in range(row.n):
        choices = {ch for ch in row.choices(c) if ch.value in values[c]}
        out[c] = (
            Verdict(_one_reading(choices))
            if len(values[c]) == 1
            else Verdict(None, tuple(sorted(values[c])), why=_OPEN)
        )
    return out


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


def _walk(row: RowGraph, roles: dict[int, tuple[str, int]]) -> list[set[Number]] | None:
    """For each cell, the values it takes on paths whose groups add up; None when no path does."""

    def step(s, run):
        kind = roles.get(s.cell, ("", 0))[0]
        v = s.choice.value
        if kind == "part":
            return run + v
        if kind == "total":
            return 0 if v == run else None
        return run

    by_cell: dict[int, list] = {}
    for s in row.steps:
        by_cell.setdefault(s.cell, []).append(s)
    layers = [{(0, 0)}]
    for c in range(row.n):
        layers.append(
            {
                (s.dst, r)
                for node, run in layers[-1]
                for s in by_cell.get(c, [])
                if s.src == node
                for r in [step(s, run)]
                if r is not None
            }
        )
    alive = {(row.end, 0)} & layers[-1]
    if not alive:
        return None
    values: list[set[Number]] = [set() for _ in range(row.n)]
    for c in range(row.n - 1, -1, -1):
        back = set()
        for node, run in layers[c]:
            for s in by_cell.get(c, []):
                if s.src == node and (s.dst, step(s, run)) in alive:
                    values[c].add(s.choice.value)
                    back.add((node, run))
        alive = back
    return values


def _direct(rows: list[RowGraph], links: list[Link]) -> Decision | None:
    """Without a solver: a table whose every cell reads one way and satisfies its identities, or a table
    without identities (each cell is then certain when all its row's placements agree on it)."""
    if links and not all(_single(row) for row in rows):
        return None
    cells = {(r, c): _cell_alone(row, c) for r, row in enumerate(rows) for c in range(row.n)}
    if links and not all(_holds(link, cells) for link in links):
        return None
    return Decision(cells)


def _each_row_one_way(rows: list[RowGraph], links: list[Link], bounds: list[list[Bounds]]) -> Decision | None:
    """Without a solver: every row reads one way once its own identities are followed (as most fused rows
    do), and those readings satisfy the identities between rows."""
    cells: dict[Pos, Verdict] = {}
    for r, row in enumerate(rows):
        alone = _row_alone(row, [link for link in links if _rows_of(link) == {r}], bounds[r])
        if alone is None or any(v.certain is None for v in alone.values()):
            return None
        cells.update({(r, c): v for c, v in alone.items()})
    return Decision(cells) if all(_holds(link, cells) for link in links) else None


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
    """The solver's verdicts: with every identity when some reading satisfies them all; otherwise without
    the identities that the readings breaking fewest of them (by weight) break."""

    def __init__(
        self, rows: list[RowGraph], links: list[Link], bounds: list[list[Bounds]], lines: list[Line]
    ):
        self.rows, self.links, self.bounds, self.lines = rows, links, bounds, lines

    def decision(self) -> Decision:
        strict = _Model(self.rows, self.links, self.bounds, self.lines)
        found = strict.settle()
        if found is not None:
            return Decision(self._verdicts(strict, found))
        suspects, unique = self._suspects()
        relaxed = _Model(self.rows, self.links, self.bounds, self.lines, dropped=suspects)
        found = relaxed.settle() or {}
        verdicts = self._verdicts(relaxed, found, suspects)
        broken = tuple(self.links[k].rule for k in sorted(suspects)) if unique else ()
        return Decision(verdicts, broken, relaxed=True)

    def _suspects(self) -> tuple[set[int], bool]:
        """The identities that some reading of least cost breaks; and whether every such reading breaks
        the same ones. Found one reading at a time: each call asks for a least-cost reading that breaks an
        identity not yet known to be broken."""
        soft = _Model(self.rows, self.links, self.bounds, self.lines, soft=True)
        first = soft.least_cost()
        suspects = set(first)
        while (more := soft.breaking_another(suspects)) is not None:
            suspects |= more
        return suspects, suspects == first

    def _verdicts(self, model: _Model, found: dict, suspects: set[int] = frozenset()) -> dict[Pos, Verdict]:
        verdicts = {
            (r, c): model.verdict((r, c), found) for r, row in enumerate(self.rows) for c in range(row.n)
        }
        if suspects:
            verdicts = {
                p: Verdict(v.certain, v.values, v.computed, v.why + _RELAXED * (v.why == _OPEN))
                for p, v in verdicts.items()
            }
        flagged = [p for k in sorted(suspects) for p in self._blank_suspects(self.links[k], verdicts, model)]
        for pos in flagged:
            verdicts[pos] = Verdict(None, (0,), None, _FILLED)
        if flagged:
            self._add_computed(verdicts, sorted(set(flagged)))
        return verdicts

    def _blank_suspects(self, link: Link, verdicts: dict, model: _Model) -> list[Pos]:
        """The cells of a broken identity that may be blanks hiding a value: on its smaller side when every
        cell is certain (a value hidden on the larger side would only widen the break), else every cell that
        may be blank."""
        cells = link.lhs + link.rhs
        if all(verdicts[p].certain is not None for p in cells):
            lhs, rhs = (sum(verdicts[p].certain.value for p in side) for side in (link.lhs, link.rhs))
            cells = () if lhs == rhs else (link.rhs if lhs > rhs else link.lhs)
        return [
            p
            for p in cells
            if verdicts[p].certain is not None and verdicts[p].certain.value == 0 and model.may_be_blank(p)
        ]

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


class _Model:
    """One CP-SAT model of a table. `dropped`: identities left out. `soft`: identities may break, at their
    weight (see `least_cost`)."""

    def __init__(self, rows, links, bounds, lines=(), *, dropped=frozenset(), soft=False):
        from ortools.sat.python import cp_model  # imported here: most tables never need the solver

        self.cp = cp_model
        self.m = cp_model.CpModel()
        self.rows, self.bounds = rows, bounds
        self.x: dict[Pos, Any] = {}  # cell → its value (an int or a linear expression)
        self.blank: dict[Pos, bool] = {}  # cell → whether some reading of its row leaves it blank
        self.blank_on: dict[Pos, list] = {}  # cell → the Booleans of its blank steps
        self.lines_of: dict[Pos, list[int]] = {}  # cell → the lines (unfilled-line hypotheses) it lies on
        self.features: dict[tuple, Any] = {}  # what certainty is decided for
        self.broken: dict[int, Any] = {}  # soft: link index → Boolean "broken"
        self.cost: Any = 0
        for r, row in enumerate(rows):
            self._row(r, row)
        for i, line in enumerate(lines):
            self._unfilled(i, line)
        if len(lines) > 1:  # one line at most: two unfilled lines of one table could trade values freely
            self.m.add(sum(self.features[("unfilled", i)].expr for i in range(len(lines))) <= 1)
        for k, link in enumerate(links):
            if k not in dropped:
                self._link(k, link, soft)

    # --- building ---------------------------------------------------------------------------------

    def _row(self, r: int, row: RowGraph) -> None:
        if not row.feasible:
            for c in range(row.n):
                self._cell((r, c), [], always_unknown=True)
            return
        chain = len(row.steps) == row.n
        on = [1 if chain else self.m.new_bool_var("") for _ in row.steps]
        if not chain:
            self._flow(row, on)
        for c in range(row.n):
            self._cell((r, c), [(s, on[i]) for i, s in enumerate(row.steps) if s.cell == c])

    def _flow(self, row: RowGraph, on: list) -> None:
        out: dict[int, list] = {}
        into: dict[int, list] = {}
        for i, s in enumerate(row.steps):
            out.setdefault(s.src, []).append(on[i])
            into.setdefault(s.dst, []).append(on[i])
        self.m.add(sum(out[0]) == 1)
        self.m.add(sum(into[row.end]) == 1)
        for node in set(out) & set(into):
            self.m.add(sum(into[node]) == sum(out[node]))

    def _cell(self, pos: Pos, steps: list, always_unknown: bool = False) -> None:
        lo, hi = self.bounds[pos[0]][pos[1]]
        known = [(s.choice.value, b) for s, b in steps if _countable(s.choice, lo, hi)]
        unknowns = [1] if always_unknown else [b for s, b in steps if not _countable(s.choice, lo, hi)]
        blanks = [b for s, b in steps if s.choice.blank]
        self.blank_on[pos] = blanks
        expr = sum(v * b for v, b in known) if known else 0
        if unknowns:
            expr += self._slack(pos, unknowns, lo, hi)
        self.x[pos] = expr
        self.blank[pos] = bool(blanks)
        if not isinstance(expr, int):
            self.features[("value", pos)] = _Feature(expr, None if unknowns else known)

    def _unfilled(self, i: int, line: Line) -> None:
        """The hypothesis that every cell of `line` is left blank, unfilled: each then holds a value the copy
        does not print (free within its bounds), bound only by the identities."""
        on = self.m.new_bool_var("")
        self.features[("unfilled", i)] = _Feature(on, [(1, on), (0, 1 - on)])
        for pos in line:
            self.m.add(sum(self.blank_on[pos]) >= on)
            lo, hi = self.bounds[pos[0]][pos[1]]
            hidden = self.m.new_int_var(min(lo, 0), hi, "")
            self.m.add(hidden <= hi * on)
            self.m.add(hidden >= min(lo, 0) * on)
            self.x[pos] = self.x[pos] + hidden
            self.features[("value", pos)] = _Feature(self.x[pos], None)
            self.lines_of.setdefault(pos, []).append(i)

    def _slack(self, pos: Pos, when: list, lo: int, hi: int):
        """The value of a cell that cannot be read, allowed only while one of `when` (its unknown steps) is on."""
        v = self.m.new_int_var(lo, hi, "")
        flag = self.m.new_bool_var("")
        self.m.add(flag <= sum(when))
        self.m.add(v <= hi * flag)
        self.m.add(v >= lo * flag)
        self.features[("unknown", pos)] = _Feature(flag, [(1, flag), (0, 1 - flag)])
        return v

    def _link(self, k: int, link: Link, soft: bool) -> None:
        lhs = sum(self.x[p] for p in link.lhs)
        rhs = sum(self.x[p] for p in link.rhs)
        if not soft:
            self.m.add(lhs == rhs)
            return
        broken = self.broken[k] = self.m.new_bool_var("")
        self.m.add(lhs == rhs).only_enforce_if(broken.Not())
        self.cost += link.weight * broken

    # --- least cost (soft models) -------------------------------------------------------------------

    def least_cost(self) -> set[int]:
        """The identities broken by a reading that breaks fewest (by weight); from then on the model holds
        only readings of that cost."""
        solver = self._solver()
        self.m.minimize(self.cost)
        solver.solve(self.m)
        self.m.clear_objective()
        self.m.add(self.cost <= round(solver.objective_value))
        return {k for k, b in self.broken.items() if solver.value(b)}

    def breaking_another(self, known: set[int]) -> set[int] | None:
        """The identities broken by a least-cost reading that breaks one outside `known`, or None."""
        others = [b for k, b in self.broken.items() if k not in known]
        if not others:
            return None
        solver = self._solver()
        if not self._some(solver, others):
            return None
        return {k for k, b in self.broken.items() if solver.value(b)}

    # --- certainty ----------------------------------------------------------------------------------

    def settle(self) -> dict[tuple, tuple] | None:
        """For each feature, the values it takes over all solutions: one value when certain. None when the
        model has no solution."""
        solver = self._solver()
        if solver.solve(self.m) not in (self.cp.OPTIMAL, self.cp.FEASIBLE):
            return None
        first = {f: solver.value(e.expr) for f, e in self.features.items()}
        seen = {f: {v} for f, v in first.items()}
        differs = {f: self._differs(e, first[f]) for f, e in self.features.items()}
        undecided = set(self.features)
        while undecided:
            moved = self._move(solver, [differs[f] for f in undecided])
            if moved is None:
                break
            for f in list(undecided):
                v = moved.value(self.features[f].expr)
                seen[f].add(v)
                if v != first[f]:
                    undecided.discard(f)
        return {f: tuple(sorted(vs)) for f, vs in seen.items()}

    def _differs(self, feature: _Feature, value: int):
        """1 exactly when the feature's value is not `value`: a sum of the step Booleans that give another
        value where the feature is read off its row's steps; a new reified Boolean otherwise."""
        if feature.options is not None:
            return sum(b for v, b in feature.options if v != value)
        d = self.m.new_bool_var("")
        self.m.add(feature.expr != value).only_enforce_if(d)
        self.m.add(feature.expr == value).only_enforce_if(d.Not())
        return d

    def _move(self, solver, differs: list):
        """A solution in which some undecided feature differs from the first solution, or None when the
        solver proves there is none."""
        return solver if self._some(solver, differs) else None

    def _some(self, solver, terms: list) -> bool:
        """Whether a solution has Σ terms ≥ 1 (left in `solver`). The condition is gated by an assumption,
        so it binds this call only."""
        gate = self.m.new_bool_var("")
        self.m.add(sum(terms) >= 1).only_enforce_if(gate)
        self.m.clear_assumptions()
        self.m.add_assumptions([gate])
        status = solver.solve(self.m)
        self.m.clear_assumptions()
        return status in (self.cp.OPTIMAL, self.cp.FEASIBLE)

    def _solver(self):
        """One worker, and none of the work that only pays on large models: probing, presolve, symmetry and
        the LP relaxation cost more than these small Boolean models repay (measured on the stress forms:
        all four off is 4x faster than the defaults, and asking for solutions that move many cells at once
        slower than asking for any)."""
        solver = self.cp.CpSolver()
        params = solver.parameters
        params.num_workers = 1
        params.cp_model_probing_level = 0
        params.cp_model_presolve = False
        params.symmetry_level = 0
        params.linearization_level = 0
        return solver

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
        unfilled = any(found.get(("unfilled", i), (0,)) != (0,) for i in self.lines_of.get(pos, ()))
        if unfilled and value != 0:
            why = f"{_OPEN}, or {_UNFILLED}" if value is None else _UNFILLED
            return Verdict(None, tuple(values or ()), value, why)
        if value is None or may_unknown:
            why = unknown[0].why if may_unknown and unknown else _OPEN
            return Verdict(None, tuple(values or ()), value if may_unknown else None, why)
        return Verdict(_one_reading({ch for ch in choices if ch.value == value}))

    def may_be_blank(self, pos: Pos) -> bool:
        """Whether some reading may leave the cell blank (whether one that the identities allow is not
        decided: deciding it would cost as many solver calls as the values themselves)."""
        return self.blank[pos]


def _countable(choice: Choice, lo: int, hi: int) -> bool:
    """Whether the model can take the choice's value as the cell's: a whole number within the cell's bounds."""
    return isinstance(choice.value, int) and lo <= choice.value <= hi

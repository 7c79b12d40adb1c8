"""The natural combinations of a report's cells that a narrative number may count, from the template's
structure: what a sentence says agrees with the tables when it equals any of them.

For the rows and columns a phrase names:
- the cell itself; a family of rows (不予公开 = its eight reasons; 行政诉讼 = both kinds) or a group of
  columns (法人或其他组织 = five columns; several columns named = their sum) summed;
- the row's family when the phrase names one of its members ("因本机关不掌握等原因无法提供564件");
- the row's 总计 column when a column is named (the sentence may speak of the whole row);
- the rows named together ("予以公开及部分公开42件");
- 本年新收 + 上年结转 and 办理结果总计 + 结转下年度 (the two sides of the balance identity: narratives
  often count new and carried-over requests together, "受理749件" = 713 + 36);
- for 现行有效 (table 2, 2021 layout): also with the year's repealed documents added back, and with the
  year's issued ones taken out (the stock before the clean-up: "对现有206件…保留181件，废止25件").
"""

from __future__ import annotations

from dataclasses import dataclass

from ..compose.cells import cell_keys
from ..metrics import FAMILIES
from .dictionary import Named
from .types import ReportView

# The two sides of 一+二 = 三(七)+四: each row's partner on its side.
_PARTNERS = {
    "applications.new_received": "applications.carried_over",
    "applications.carried_over": "applications.new_received",
    "applications.results.total": "applications.carried_forward",
    "applications.carried_forward": "applications.results.total",
}


@dataclass(frozen=True)
class Combination:
    """Cells summed (each with its sign): one reading of what a narrative number counts."""

    terms: tuple[tuple[str, int], ...]

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(k for k, _ in self.terms)


def combinations(view: ReportView, named: Named) -> list[Combination]:
    out: list[Combination] = []
    for columns in column_readings(view, named):
        for row in named.rows:
            out += _of_row(view, row, columns)
        if len(named.rows) > 1:
            out.append(_plus(*(_cells(view, row, columns) for row in named.rows)))
    return [c for c in dict.fromkeys(out) if c.terms]


def column_readings(view: ReportView, named: Named) -> list[tuple[str, ...]]:
    """The columns the number may stand in: those named; else the 总计 of tables 3 and 4, or each column
    of a table-2 row alone (its columns count different things: made, published, in force)."""
    if named.columns:
        return [named.columns]
    row = named.rows[0]
    if not row.startswith("proactive"):
        return [("total",)]
    return [(k.rsplit(".", 1)[1],) for k in view.facts if k.rsplit(".", 1)[0] == row]


def _of_row(view: ReportView, row: str, columns: tuple[str, ...]) -> list[Combination]:
    own = _cells(view, row, columns)
    out = [own]
    if row in _PARTNERS:
        out.append(_plus(own, _cells(view, _PARTNERS[row], columns)))
    parent = _parent(view, row, columns)
    if parent:
        out.append(_cells(view, parent, columns))
    if columns != ("total",) and not row.startswith("proactive"):
        out += _of_row(view, row, ("total",))
    if row.startswith("proactive") and columns == ("in_force",):
        repealed, issued = _cells(view, row, ("repealed",)), _cells(view, row, ("issued",))
        out.append(_plus(own, repealed))
        out.append(_plus(own, repealed, _minus(issued)))
    return out


def _cells(view: ReportView, row: str, columns: tuple[str, ...]) -> Combination:
    keys = []
    for column in columns:
        keys += [k for k in cell_keys(row, column, view.facts) if k not in keys]
    return Combination(tuple((k, 1) for k in keys))


def _plus(*parts: Combination) -> Combination:
    return Combination(tuple(t for p in parts for t in p.terms))


def _minus(part: Combination) -> Combination:
    return Combination(tuple((k, -s) for k, s in part.terms))


def _parent(view: ReportView, row: str, columns: tuple[str, ...]) -> str | None:
    parent = row.rsplit(".", 1)[0]
    if parent == row or parent == "applications.results":
        return None
    if parent in FAMILIES or any(f"{parent}.{c}" in view.facts for c in columns):
        return parent
    return None


def possible(view: ReportView, combination: Combination, limit: int = 20_000) -> frozenset[float] | None:
    """Every value a combination can have, its unplaced cells taking any of their candidate values (a
    superset of what the report can mean, so a number outside it disagrees whatever the placement);
    None when a cell is unknown or the candidates are too many to list."""
    sums = frozenset((0.0,))
    for key, sign in combination.terms:
        values = view.possible(key)
        if values is None or len(sums) * len(values) > limit:
            return None
        sums = frozenset(round(s + sign * v, 6) for s in sums for v in values)
    return sums

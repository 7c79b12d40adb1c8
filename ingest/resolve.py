"""From row readings to facts: place scraped numbers, apply the identities, evaluate the checks.

A cell becomes a Fact only when its value is certain: printed in a grid, or the same in every placement
of the scraped text that the identities allow. Everything else is an Ambiguity, with the values still
possible. A blank grid cell that contradicts an identity is not a certain 0 either: it is flagged, with
the value the identity implies offered only as computed.
"""

from __future__ import annotations

from dataclasses import dataclass

from ingest.numbers import CellValue, read_value
from ingest.placement import Group, JointIdentity, RowLayout, SearchTooLarge, joint_placements, piece_value
from ingest.readings import RowReading
from ingest.template import DERIVED_2021, Identity, TableSpec, Template
from ingest.types import Ambiguity, Check, Fact, format_number

_PLACEMENT_LIMIT = 2_000


@dataclass(frozen=True)
class Resolution:
    facts: tuple[Fact, ...]
    ambiguous: tuple[Ambiguity, ...]
    checks: tuple[Check, ...]


@dataclass
class _Row:
    """One row while it is being resolved: its possible printed vectors, or per-cell options."""

    reading: RowReading
    candidates: list[tuple[str, ...]] | None  # None: too many to list, use `options`
    options: list[set[str]]
    note: str = ""


def resolve(template: Template, readings: list[RowReading]) -> Resolution:
    facts: dict[str, Fact] = {}
    ambiguous: dict[str, Ambiguity] = {}
    for table in template.tables:
        rows = [_candidates(r) for r in readings if r.table is table]
        if not rows:
            continue
        _apply_joint(table, rows)
        for row in rows:
            _cells(row, facts, ambiguous)
        _missing_rows(table, rows, ambiguous)
    if template.name == "2021":
        _derive(facts)
    checks = _checks(template, facts)
    _flag_contradicting_blanks(template, facts, ambiguous, checks)
    return Resolution(tuple(facts.values()), tuple(ambiguous.values()), tuple(checks))


def _candidates(reading: RowReading) -> _Row:
    n = len(reading.block.columns)
    if reading.unreadable:
        return _Row(reading, None, [set() for _ in range(n)], reading.unreadable)
    if reading.exact:
        cells = tuple(reading.cells)
        return _Row(reading, [cells], [{c} for c in cells])
    groups = _row_groups(reading)
    signed = frozenset(i for i, c in enumerate(reading.block.columns) if c.signed)
    layout = RowLayout(list(reading.tokens), n, groups, signed)
    note = ""
    try:
        if groups and not layout.feasible():
            # The row's own total disagrees with every placement: read it without that identity.
            layout, note = (
                RowLayout(list(reading.tokens), n, (), signed),
                "row total disagrees with its cells",
            )
        options = layout.cell_options()
    except SearchTooLarge:
        return _Row(reading, None, [set() for _ in range(n)], "too many placements")
    try:
        candidates = layout.placements(_PLACEMENT_LIMIT)
    except SearchTooLarge:
        candidates = None
    return _Row(reading, candidates, options, note)


def _row_groups(reading: RowReading) -> tuple[Group, ...]:
    index = {reading.key(i): i for i in range(len(reading.block.columns))}
    groups = []
    for ident in reading.table.identities:
        keys = ident.lhs + ident.rhs
        if len(ident.rhs) == 1 and all(k in index for k in keys):
            groups.append(Group(tuple(index[k] for k in ident.lhs), index[ident.rhs[0]]))
    return tuple(groups)


def _apply_joint(table: TableSpec, rows: list[_Row]) -> None:
    """Keep only the placements that some assignment of all rows, satisfying the column identities, uses."""
    open_rows = [r for r in rows if r.candidates is not None and not r.reading.exact]
    if not open_rows or all(len(r.candidates) <= 1 for r in open_rows):
        return
    listed = [r for r in rows if r.candidates is not None]
    where = {r.reading.key(c): (i, c) for i, r in enumerate(listed) for c in range(len(r.options))}
    idents = [
        JointIdentity(tuple(where[k] for k in i.lhs), tuple(where[k] for k in i.rhs))
        for i in table.identities
        if all(k in where for k in i.lhs + i.rhs)
    ]
    # Identities inside one row were applied when its placements were listed; the rest link rows.
    idents = [i for i in idents if len({r for r, _ in i.lhs + i.rhs}) > 1]
    if not idents:
        return
    # Placements that differ only in where a blank or a 0 stands give the same values: solve on values.
    values = [sorted({tuple(piece_value(p) for p in cand) for cand in r.candidates}) for r in listed]
    try:
        used = joint_placements(values, idents, nonnegative=table.nonnegative)
    except SearchTooLarge:
        return
    if used is None:  # the report contradicts itself somewhere: keep what each row allows on its own
        return
    for r, vals, keep in zip(listed, values, used):
        kept = {vals[k] for k in keep}
        r.candidates = [c for c in r.candidates if tuple(piece_value(p) for p in c) in kept]
        r.options = [{c[i] for c in r.candidates} for i in range(len(r.options))]


def _cells(row: _Row, facts: dict[str, Fact], ambiguous: dict[str, Ambiguity]) -> None:
    reading = row.reading
    for i, column in enumerate(reading.block.columns):
        key = reading.key(i)
        # Table 4's value row has no label of its own: its column header is what the report prints.
        label = reading.label if reading.row.zh else column.zh
        printed = row.options[i]
        read = {p: read_value(p, money=column.money) for p in printed}
        values = {v.value for v in read.values() if v is not None}
        if len(values) == 1 and None not in read.values() and i not in reading.conflicts:
            value = read[next(iter(printed))]
            facts[key] = _fact(key, value, printed, column.unit, label)
        else:
            ambiguous[key] = Ambiguity(key, _reason(row, read, i), tuple(sorted(values)), None, label)


def _fact(key: str, value: CellValue, printed: set[str], unit: str | None, label: str) -> Fact:
    shown = value.printed if len(printed) == 1 else format_number(value.value)
    return Fact(key, value.value, value.unit or unit, shown, label)


def _reason(row: _Row, read: dict, i: int) -> str:
    if i in row.reading.conflicts:
        return "the table prints two different numbers for this cell"
    if any(v is None for v in read.values()):
        return "the cell holds words, not a number: " + " / ".join(p for p, v in read.items() if v is None)
    if not read:
        return row.note or "the row's numbers cannot be placed"
    why = "the row's numbers fit more than one placement of its cells"
    return f"{why} ({row.note})" if row.note else why


def _missing_rows(table: TableSpec, rows: list[_Row], ambiguous: dict[str, Ambiguity]) -> None:
    present = {r.reading.row.key for r in rows}
    for block, row in table.rows:
        if row.key in present:
            continue
        for column in block.columns:
            key = table.cell_key(row, column)
            ambiguous[key] = Ambiguity(key, f"row {row.zh or row.key} not found in this copy of the report")


def _derive(facts: dict[str, Fact]) -> None:
    for key, parts in DERIVED_2021.items():
        if all(p in facts for p in parts):
            value = sum(facts[p].value for p in parts)
            facts[key] = Fact(key, value, None, format_number(value), "（六）其他处理（三项合计）")


def _checks(template: Template, facts: dict[str, Fact]) -> list[Check]:
    checks = []
    for table in template.tables:
        for ident in table.identities:
            if all(k in facts for k in ident.lhs + ident.rhs):
                checks.append(_check(ident, facts))
    return checks


def _check(ident: Identity, facts: dict[str, Fact]) -> Check:
    lhs = sum(facts[k].value for k in ident.lhs)
    rhs = sum(facts[k].value for k in ident.rhs)
    ok = abs(lhs - rhs) < 1e-6
    sep = "=" if ok else "but"
    detail = f"{ident.scope}: {ident.lhs_label} = {format_number(lhs)} {sep} {ident.rhs_label} = {format_number(rhs)}"
    return Check(ident.rule, ok, detail)


def _flag_contradicting_blanks(
    template: Template, facts: dict[str, Fact], ambiguous: dict[str, Ambiguity], checks: list[Check]
) -> None:
    """A blank cell is a 0 unless an identity says otherwise: then it is flagged, not stated.

    All cells are counts, so only a blank on the smaller side of a failing identity can be at fault.
    Row identities go first: they point at one cell (the row's 总计) where column identities cannot.
    """
    failed = {c.rule for c in checks if not c.ok}
    idents = [i for t in template.tables for i in t.identities if i.rule in failed]
    idents.sort(key=lambda i: len({k.rsplit(".", 1)[0] for k in i.lhs + i.rhs}) > 1)
    for ident in idents:
        if not all(k in facts for k in ident.lhs + ident.rhs):
            continue
        lhs, rhs = (sum(facts[k].value for k in side) for side in (ident.lhs, ident.rhs))
        smaller = ident.rhs if lhs > rhs else ident.lhs
        suspects = [k for k in smaller if facts[k].printed == ""]
        for k in suspects:
            f = facts.pop(k)
            computed = abs(lhs - rhs) if len(suspects) == 1 else None
            why = f"left blank, but {ident.scope} does not add up with a 0 here"
            ambiguous[k] = Ambiguity(k, why, (), computed, f.label)

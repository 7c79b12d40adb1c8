"""From row readings to facts: state each table as a model (`table_model`), decide its cells, evaluate the checks.

A cell becomes a Fact only when its value is certain: printed in a grid, or the same in every placement of
the scraped text that the identities allow. Everything else is an Ambiguity, with the values still possible.
A blank cell that an identity contradicts is not a certain 0 either: it is flagged, with the value the
identities imply offered only as computed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ingest.numbers import in_unit, read_value
from ingest.placement import Choice, RowGraph, exact_row, place_tokens
from ingest.readings import RowReading
from ingest.table_model import Decision, Line, Link, Verdict, decide
from ingest.template import DERIVED_2021, Block, Identity, Row, TableSpec, Template
from ingest.types import Ambiguity, Check, Fact, format_number

NOT_PRINTED = "not printed"  # the unit of an amount printed with no unit, in its cell or its header


@dataclass(frozen=True)
class Resolution:
    facts: tuple[Fact, ...]
    ambiguous: tuple[Ambiguity, ...]
    checks: tuple[Check, ...]


@dataclass(frozen=True)
class _Layout:
    """How a table's template rows lay out its cells: worked out once for each table of a template (every copy
    that prints the whole table has the same rows), not for each report (it took a tenth of resolving one)."""

    keys: dict[tuple[int, int], str]  # each cell's key, by its (row, column) in the table
    positions: dict[str, tuple[int, int]]
    links: tuple[Link, ...]  # the identities over cells the table holds
    linked: frozenset[tuple[int, int]]  # the cells some identity holds
    bounds: tuple[tuple[tuple[int, int], ...], ...]  # each cell's least and greatest value
    kinds: tuple[tuple[tuple[str, bool, int], ...], ...]  # each cell's column key, whether money, its limit


def _layout(spec: TableSpec, rows: tuple[tuple[Block, Row], ...]) -> _Layout:
    keys = {
        (r, c): spec.cell_key(row, column)
        for r, (block, row) in enumerate(rows)
        for c, column in enumerate(block.columns)
    }
    positions = {key: pos for pos, key in keys.items()}
    links = tuple(_link(i, positions) for i in spec.identities if all(k in positions for k in i.lhs + i.rhs))
    return _Layout(
        keys,
        positions,
        links,
        frozenset(p for link in links for p in link.lhs + link.rhs),
        tuple(tuple((-c.limit if c.signed else 0, c.limit) for c in block.columns) for block, _ in rows),
        tuple(tuple((c.key, c.money, c.limit) for c in block.columns) for block, _ in rows),
    )


_LAYOUTS: dict[int, tuple[TableSpec, _Layout]] = {}  # a whole table's, by its spec's id (the spec is kept)


def _whole_layout(spec: TableSpec) -> _Layout:
    found = _LAYOUTS.get(id(spec))
    if found is None or found[0] is not spec:
        found = _LAYOUTS[id(spec)] = (spec, _layout(spec, spec.rows))
    return found[1]


@dataclass(frozen=True)
class _Table:
    """One table as the model sees it: its rows in template order, each with its reading (None: not found)."""

    spec: TableSpec
    rows: tuple[tuple[Block, Row, RowReading | None], ...]
    layout: _Layout


def resolve(template: Template, readings: list[RowReading]) -> Resolution:
    facts: dict[str, Fact] = {}
    ambiguous: dict[str, Ambiguity] = {}
    broken: list[Identity] = []
    as_printed: dict[str, float] = {}
    for spec in template.tables:
        found = {r.row.key: r for r in readings if r.table is spec}
        if not found:
            continue
        # A table stated by a sentence holds only the rows the sentence establishes; others stay absent.
        stated = all(r.evidence for r in found.values())
        if stated:
            template_rows = tuple((b, row) for b, row in spec.rows if row.key in found)
            layout = _layout(spec, template_rows)
        else:
            template_rows, layout = spec.rows, _whole_layout(spec)
        table = _Table(spec, tuple((b, row, found.get(row.key)) for b, row in template_rows), layout)
        decision = _decide(table)
        _collect(table, decision, facts, ambiguous, as_printed)
        broken += [i for i in spec.identities if i.rule in decision.broken]
    if template.name == "2021":
        _derive(facts)
    checks = _checks(template, {**as_printed, **{k: f.value for k, f in facts.items()}}, broken)
    return Resolution(tuple(facts.values()), tuple(ambiguous.values()), tuple(checks))


def _decide(table: _Table) -> Decision:
    layout = table.layout
    graphs = [
        _graph(block, row, reading, kinds) for (block, row, reading), kinds in zip(table.rows, layout.kinds)
    ]
    return decide(graphs, layout.links, layout.bounds, _lines(table))


def _lines(table: _Table) -> list[Line]:
    """The lines of cells a copy may leave blank throughout, unfilled: each column of a block, and each row,
    over the rows this copy prints. Only lines the identities bind: without them a blank reads as printed, 0."""
    linked = table.layout.linked
    printed = [r for r, (_, _, reading) in enumerate(table.rows) if reading and not reading.unreadable]
    lines = [tuple((r, c) for c in range(len(table.rows[r][0].columns))) for r in printed]
    for block in table.spec.blocks:
        rows = [r for r in printed if table.rows[r][0] is block]
        lines += [tuple((r, c) for r in rows) for c in range(len(block.columns))]
    return [line for line in lines if len(line) > 1 and linked.issuperset(line)]


_ROW_WEIGHT = 10  # breaking a row's own total costs more than breaking all of a table's column sums at once


def _link(ident: Identity, where: dict[str, tuple[int, int]]) -> Link:
    lhs, rhs = tuple(where[k] for k in ident.lhs), tuple(where[k] for k in ident.rhs)
    one_row = len({r for r, _ in lhs + rhs}) == 1
    return Link(ident.rule, lhs, rhs, _ROW_WEIGHT if one_row else 1)


def _graph(
    block: Block, row: Row, reading: RowReading | None, kinds: tuple[tuple[str, bool, int], ...]
) -> RowGraph:
    columns = block.columns
    if reading is None:
        why = f"row {row.zh or row.key} not found in this copy of the report"
        return exact_row([Choice("", None, why)] * len(columns))
    if reading.unreadable:
        return exact_row([Choice("", None, reading.unreadable)] * len(columns))
    if reading.exact:  # reading.unit(key) for each cell, from one dict of the row's units
        units = dict(reading.units)
        choices = [
            _read_kind(money, limit, units.get(key), text)
            for (key, money, limit), text in zip(kinds, reading.cells)
        ]
        for i in reading.skipped:
            choices[i] = Choice("", None, "not stated by the sentence that replaces the table")
        for i in reading.conflicts:
            choices[i] = Choice("", None, "the table prints two different numbers for this cell")
        return exact_row(choices)
    signed = frozenset(i for i, c in enumerate(columns) if c.signed)
    kinds = [(c.money, c.limit, reading.unit(c.key)) for c in columns]
    read = lambda i, p: _read_kind(*kinds[i], p)  # noqa: E731
    return place_tokens(list(reading.tokens), len(columns), read, signed, alike=kinds)


@lru_cache(maxsize=65536)
def _read_kind(money: bool, limit: int, header_unit: str | None, printed: str) -> Choice:
    """How a cell of this kind (money or a count, its limit, the unit its header prints) reads `printed`:
    the same pieces recur in every placement of a row, so each is read once."""
    value = read_value(printed, money=money)
    if value is not None and money:
        value = in_unit(value, header_unit)
    if value is None:
        return Choice(printed, None, f"the cell holds words, not a number: {printed}")
    if not value.exact:
        return Choice(value.printed, None, f"{value.printed} has more digits than can be stated exactly")
    if abs(value.value) > limit:
        why = f"{value.printed} is beyond any plausible {'amount' if money else 'count'} for this cell"
        return Choice(value.printed, None, why)
    return Choice(value.printed, value.value, unit=value.unit)


def _collect(table: _Table, decision: Decision, facts: dict, ambiguous: dict, as_printed: dict) -> None:
    keys, kinds = table.layout.keys, table.layout.kinds
    for (r, c), verdict in decision.cells.items():
        block, row, reading = table.rows[r]
        if reading is not None and c in reading.skipped:
            continue
        key = keys[(r, c)]
        # Table 4's value row has no label of its own: its column header is what the report prints.
        label = (reading.label if reading else "") if row.zh else block.columns[c].zh
        choice = verdict.certain
        if choice is not None:
            money = kinds[r][c][1]
            printed = reading.evidence if reading is not None and reading.evidence else choice.printed
            facts[key] = Fact(
                key, choice.value, (choice.unit or NOT_PRINTED) if money else None, printed, label
            )
            continue
        ambiguous[key] = Ambiguity(key, verdict.why, _candidates(verdict), verdict.computed, label)
        if (
            reading is not None
            and reading.exact
            and not reading.cells[c].strip()
            and c not in reading.conflicts
        ):
            as_printed[key] = 0  # a blank grid cell reads 0 as printed, whatever the identities make of it


def _candidates(verdict: Verdict) -> tuple:
    return tuple(sorted(set(verdict.values))) if len(verdict.values) > 1 else ()


def _derive(facts: dict[str, Fact]) -> None:
    for key, parts in DERIVED_2021.items():
        if all(p in facts for p in parts):
            value = sum(facts[p].value for p in parts)
            facts[key] = Fact(key, value, None, format_number(value), "（六）其他处理（三项合计）")


def _checks(template: Template, values: dict[str, float], broken: list[Identity]) -> list[Check]:
    checks = []
    for table in template.tables:
        for ident, cells in _identity_cells(table):
            if values.keys() >= cells:
                checks.append(_check(ident, values))
            elif ident in broken:
                detail = f"{ident.scope}: {ident.lhs_label} ≠ {ident.rhs_label} in every reading of this copy"
                checks.append(Check(ident.rule, False, detail))
    return checks


_IDENTITY_CELLS: dict[int, tuple[TableSpec, tuple[tuple[Identity, frozenset[str]], ...]]] = {}


def _identity_cells(spec: TableSpec) -> tuple[tuple[Identity, frozenset[str]], ...]:
    """The table's identities, each with the keys of the cells it holds (once for each table of a template)."""
    found = _IDENTITY_CELLS.get(id(spec))
    if found is None or found[0] is not spec:
        found = _IDENTITY_CELLS[id(spec)] = (
            spec,
            tuple((i, frozenset(i.lhs + i.rhs)) for i in spec.identities),
        )
    return found[1]


def _check(ident: Identity, values: dict[str, float]) -> Check:
    lhs = sum(map(values.__getitem__, ident.lhs))
    rhs = sum(map(values.__getitem__, ident.rhs))
    ok = lhs == rhs
    sep = "=" if ok else "but"
    detail = f"{ident.scope}: {ident.lhs_label} = {format_number(lhs)} {sep} {ident.rhs_label} = {format_number(rhs)}"
    return Check(ident.rule, ok, detail)

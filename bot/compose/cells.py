"""Reading the asked cell(s) of one report from its stored facts: a row and column, a family of rows
(不予公开 = its eight reasons), or a group of columns (法人或其他组织 = five columns), summed only when
every part is certain."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from index.types import FactRecord
from ingest import template as tpl

from ..metrics import FAMILIES, ORG_COLUMNS

# The column a question means when it names none, by row, in order of preference (the first the
# report's layout has): 2019 tables print 对外公开总数量, 2021 tables 现行有效件数.
_DEFAULT_COLUMNS = {
    "proactive.regulations": ("total_published", "in_force"),
    "proactive.normative_docs": ("total_published", "in_force"),
    "proactive.fees": ("amount", "prev_items"),
    "proactive.procurement": ("projects", "amount"),
}


@dataclass(frozen=True)
class Reading:
    row: str
    column: str
    keys: tuple[str, ...]  # the cells summed (one for a plain cell)
    parts: tuple[FactRecord, ...]  # the stored facts of those cells that exist
    missing: tuple[str, ...] = ()  # cells this report's layout does not have
    involved_checks: tuple[str, ...] = ()  # failed identity checks (details) that involve these cells

    @property
    def ambiguous(self) -> tuple[FactRecord, ...]:
        return tuple(p for p in self.parts if p.status != "certain" or p.value is None)

    @property
    def printed_total(self) -> float | None:
        """The sum of the cells as printed, when every one of them was read."""
        if self.missing or self.ambiguous or not self.parts:
            return None
        return float(sum(p.value for p in self.parts))

    @property
    def value(self) -> float | None:
        """The value an answer states: as printed, once every cell was read. Where the report's own totals
        disagree the printed figure is still the report's; the disagreement is said beside it."""
        return self.printed_total

    @property
    def summed(self) -> bool:
        return len(self.keys) > 1


def default_column(row: str, facts: dict[str, FactRecord]) -> str:
    if row.startswith(("review", "litigation")):
        return "total"
    if row.startswith("applications"):
        return "total"
    for column in _DEFAULT_COLUMNS.get(row, ("decisions",)):
        if any(k == f"{row}.{column}" or k.endswith(f".{column}") for k in facts):
            return column
    return _DEFAULT_COLUMNS.get(row, ("decisions",))[0]


def read(row: str, column: str | None, facts: dict[str, FactRecord], failed: dict[str, str]) -> Reading:
    """`facts`: the report's facts under the row's prefix, by key; `failed`: failed check rule -> detail."""
    column = column or default_column(row, facts)
    keys = cell_keys(row, column, facts)
    parts = tuple(facts[k] for k in keys if k in facts)
    missing = tuple(k for k in keys if k not in facts)
    involved = tuple(detail for rule, detail in failed.items() if set(keys) & identity_keys(rule))
    return Reading(row, column, keys, parts, missing, involved)


def cell_keys(row: str, column: str, facts: dict[str, FactRecord]) -> tuple[str, ...]:
    columns = ORG_COLUMNS if column == "org" else (column,)
    if row == "litigation":
        return tuple(f"litigation.{g}.{column}" for g in ("direct", "after_review"))
    if row in FAMILIES:
        members = _family_rows(row, facts)
        return tuple(f"{m}.{c}" for m in members for c in columns)
    return tuple(f"{row}.{c}" for c in columns)


def _family_rows(family: str, facts: dict[str, FactRecord]) -> tuple[str, ...]:
    for template in (tpl.TEMPLATE_2021, tpl.TEMPLATE_2019):
        table = template.table("applications")
        rows = tuple(f"applications.{r.key}" for _, r in table.rows if f"applications.{r.key}".startswith(family + "."))
        if rows and any(k.startswith(rows[0] + ".") for k in facts):
            return rows
    table = tpl.TEMPLATE_2019.table("applications")
    return tuple(f"applications.{r.key}" for _, r in table.rows if f"applications.{r.key}".startswith(family + "."))


@cache
def _identities() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for template in (tpl.TEMPLATE_2019, tpl.TEMPLATE_2021):
        for table in template.tables:
            for identity in table.identities:
                out.setdefault(identity.rule, set()).update(identity.lhs + identity.rhs)
    return {k: frozenset(v) for k, v in out.items()}


def identity_keys(rule: str) -> frozenset[str]:
    return _identities().get(rule, frozenset())


def identities():
    """Every identity of both layouts, for the check questions ("加起来等于总计吗")."""
    return [(template.name, i) for template in (tpl.TEMPLATE_2019, tpl.TEMPLATE_2021)
            for table in template.tables for i in table.identities]

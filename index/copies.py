"""Copies of one report: which reports are copies of each other, and which copy serves.

Two reports are copies when they are of the same agency and the same year. A report whose agency could
not be read is a copy of nothing but itself (its key is its sha256), so two agency-less reports of one
year never replace each other.

A new copy replaces the copy in use only when it is at least as complete: as many certain facts, every
standard table the other has, and no failed identity check the other does not fail. Otherwise it is kept
in the home, unused, and the outcome says which copy serves and why; `--replace` forces the new copy in.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import sqlite_utils

from ingest.template import DERIVED_2021, TEMPLATES
from ingest.types import ParsedReport

UNKNOWN_AGENCIES = frozenset({"", "unknown", "未知"})


def copy_key(agency: str | None, year: int | None, sha256: str) -> str:
    """The identity that copies of one report share: agency and year, or the sha256 when the agency is unknown."""
    name = (agency or "").strip()
    if name.lower() in UNKNOWN_AGENCIES:
        return f"sha256:{sha256}|{year}"
    return f"{name}|{year}"


@dataclass(frozen=True)
class Completeness:
    facts: int  # certain facts
    tables: frozenset[str]  # keys of the standard tables with at least one cell read
    failed: frozenset[str]  # rules of the identity checks the report's own numbers break

    @classmethod
    def of_report(cls, report: ParsedReport) -> Completeness:
        keys = [f.key for f in report.facts] + [a.key for a in report.ambiguous]
        return cls(len(report.facts), _tables(keys), frozenset(c.rule for c in report.failed_checks))

    @classmethod
    def of_indexed(cls, db: sqlite_utils.Database, report_id: int) -> Completeness:
        facts = db.execute("SELECT count(*) FROM facts WHERE report_id = ? AND status = 'certain'",
                           [report_id]).fetchone()[0]
        keys = [r[0] for r in db.execute("SELECT key FROM facts WHERE report_id = ?", [report_id]).fetchall()]
        failed = [r[0] for r in db.execute("SELECT rule FROM checks WHERE report_id = ? AND ok = 0",
                                           [report_id]).fetchall()]
        return cls(facts, _tables(keys), frozenset(failed))

    def covers(self, other: Completeness) -> bool:
        """At least as complete as `other`."""
        return self.facts >= other.facts and self.tables >= other.tables and self.failed <= other.failed

    def shortfalls(self, other: Completeness) -> list[str]:
        """What this copy lacks against `other`, in words."""
        out = []
        if self.facts < other.facts:
            out.append(f"fewer certain facts ({self.facts} against {other.facts})")
        if not self.tables >= other.tables:
            out.append("tables missing: " + "、".join(_TABLE_NAMES[t] for t in sorted(other.tables - self.tables)))
        if not self.failed <= other.failed:
            out.append("new failed checks: " + ", ".join(sorted(self.failed - other.failed)))
        return out

    def __str__(self) -> str:
        return f"{self.facts} certain facts, {len(self.tables)} of 3 tables, {len(self.failed)} failed checks"


@dataclass(frozen=True)
class Verdict:
    replaces: bool
    reason: str


def judge(new: Completeness, old: Completeness, old_name: str, *, forced: bool = False) -> Verdict:
    """Whether a new copy replaces the copy `old_name` that serves now, and why, in one sentence."""
    if new.covers(old):
        return Verdict(True, f"at least as complete as the copy it replaces ({new}; before: {old})")
    lacks = "; ".join(new.shortfalls(old))
    if forced:
        return Verdict(True, f"served because of --replace, although less complete than the copy it replaces ({lacks})")
    return Verdict(False, f"not used: {old_name} serves this agency and year ({old}); this copy has {lacks}. It is "
                          "kept in the home, unused; ingest it again with --replace to serve it instead")


def displaced(winner: str, winner_is: Completeness, mine: Completeness) -> str:
    """Why a copy of a batch gave way to a later copy of the same agency and year."""
    return (f"not used: {winner} serves this agency and year, being at least as complete ({winner_is}; this copy: "
            f"{mine}). It is kept in the home, unused")


@cache
def _table_of() -> dict[str, str]:
    out = {key: "applications" for key in DERIVED_2021}
    for template in TEMPLATES.values():
        for table in template.tables:
            for block in table.blocks:
                for row in block.rows:
                    for col in block.columns:
                        out[table.cell_key(row, col)] = table.key
    return out


def _tables(keys: list[str]) -> frozenset[str]:
    table_of = _table_of()
    return frozenset(table_of[k] for k in keys if k in table_of)


_TABLE_NAMES = {t.key: t.zh for template in TEMPLATES.values() for t in template.tables}

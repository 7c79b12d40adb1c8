"""What the index holds, read once per index generation: agencies, their years, their reports.

Answering a question needs these on every call; reading them is cheap but building the agency
matcher is not, so the snapshot is kept until the index's reports change (an ingest in a running bot).
"""

from __future__ import annotations

import contextlib
import weakref
from dataclasses import dataclass, field

from index.types import AgencyRecord, ReportRecord

from .understand.agency import AgencyMatcher, agency_forms


@dataclass
class Catalog:
    agencies: list[AgencyRecord]
    reports: list[ReportRecord]
    matcher: AgencyMatcher
    signature: tuple
    by_name: dict[str, AgencyRecord] = field(default_factory=dict)
    years: dict[str, tuple[int, ...]] = field(default_factory=dict)
    report_of: dict[tuple[str, int], ReportRecord] = field(default_factory=dict)

    def latest_year(self, agency: str) -> int | None:
        years = self.years.get(agency, ())
        return years[-1] if years else None

    def all_years(self) -> tuple[int, ...]:
        return tuple(sorted({y for ys in self.years.values() for y in ys}))

    def region_of(self, agency: str) -> str:
        record = self.by_name.get(agency)
        return agency_forms(record).region_full if record else ""

    def gloss(self, agency: str) -> str:
        from .compose.names import english_gloss

        record = self.by_name.get(agency)
        return english_gloss(record) if record else ""


_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def catalog_for(index) -> Catalog:
    reports = list(index.reports())
    signature = tuple(sorted((r.id, r.sha256) for r in reports))
    cached = _CACHE.get(index)
    if cached is not None and cached.signature == signature:
        return cached
    catalog = _build(index, reports, signature)
    # An index object that cannot be weakly referenced is simply not cached.
    with contextlib.suppress(TypeError):
        _CACHE[index] = catalog
    return catalog


def _build(index, reports: list[ReportRecord], signature: tuple) -> Catalog:
    agencies = list(index.agencies())
    known = {a.name for a in agencies}
    # A report whose agency has no agency row still names an agency a citizen can ask about.
    agencies += [AgencyRecord(r.agency, "", "") for r in reports if r.agency not in known]
    agencies = list({a.name: a for a in agencies}.values())
    catalog = Catalog(agencies, reports, AgencyMatcher(agencies), signature)
    catalog.by_name = {a.name: a for a in agencies}
    years: dict[str, set[int]] = {}
    for r in reports:
        if r.year is not None:
            years.setdefault(r.agency, set()).add(r.year)
            catalog.report_of[(r.agency, r.year)] = r
    catalog.years = {a: tuple(sorted(ys)) for a, ys in years.items()}
    return catalog

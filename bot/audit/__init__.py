"""The audit: every contradiction an indexed report holds — within its tables, between its narrative and
its tables, and against the same agency's report of the year before — each found by a declared rule
(bot/audit/rules.py) and explained in Chinese and English.

`audit(index)` serves `xxgk audit`, the Telegram `/audit`, answers that warn about a disputed number and
questions about a report's consistency. A report's findings are kept per index generation (a published
generation never changes), so asking again costs nothing.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Collection

from index.types import ReportRecord

from .rules import RULE_LIST, RULES, Rule
from .types import CONTRADICTION, POSSIBLE, Cell, Finding, ReportView, narrative_sentences

__all__ = ["CONTRADICTION", "POSSIBLE", "RULES", "RULE_LIST", "Cell", "Finding", "Rule", "UnknownAgency", "audit",
           "audit_report", "clear_cache", "find", "load_view"]

_CACHE: OrderedDict[tuple[str, int], tuple[Finding, ...]] = OrderedDict()
_CACHE_SIZE = 4096


def audit(index, agencies: Collection[str] | None = None, year: int | None = None) -> list[Finding]:
    """Findings of every indexed report (of these agencies, of one year), by agency, year and rule."""
    records = [r for r in index.reports()
               if (agencies is None or r.agency in agencies) and (year is None or r.year == year)]
    views: dict[int, ReportView] = {}
    out: list[Finding] = []
    for record in sorted(records, key=lambda r: (r.agency, r.year or 0)):
        out += audit_report(index, record, views)
    return out


class UnknownAgency(Exception):
    """No indexed agency is called by the name given; the message names those the index holds."""


def find(index, agency: str | None = None, year: int | None = None) -> list[Finding]:
    """What `xxgk audit --agency A --year Y` and the Telegram `/audit A Y` list: `agency` is a full name,
    a part of one (every agency whose name holds it), or what a question naming it would match."""
    return audit(index, select_agencies(index, agency) if agency else None, year)


def select_agencies(index, text: str) -> list[str]:
    names = sorted({r.agency for r in index.reports() if r.agency})
    inside = [n for n in names if text in n]
    if inside:
        return [text] if text in names else inside
    from ..catalog import catalog_for

    matched = list(catalog_for(index).matcher.match(text).names)
    if matched:
        return matched
    raise UnknownAgency(f"no indexed agency is called “{text}”; the index holds: {'、'.join(names[:12])}")


def audit_report(index, record: ReportRecord, views: dict[int, ReportView] | None = None) -> tuple[Finding, ...]:
    """One report's findings, in the order of the rules."""
    key = (str(index.folder), record.id)
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key]
    views = {} if views is None else views
    view = _view(index, record, views)
    before = _previous(index, record, views)
    found = tuple(f for rule in RULE_LIST for f in rule.find(view, before))
    _CACHE[key] = found
    while len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return found


def clear_cache() -> None:
    """Forget the findings kept per index generation and the phrases read (for a cold audit's timing)."""
    from .dictionary import read_phrase

    _CACHE.clear()
    read_phrase.cache_clear()


def load_view(index, record: ReportRecord) -> ReportView:
    """What the rules read of one report: its facts, identity checks and narrative sentences."""
    facts = {f.key: f for f in index.report_facts(record.id)}
    return ReportView(record, facts, tuple(index.checks(record.id)), narrative_sentences(index.chunks(record.id)))


def _view(index, record: ReportRecord, views: dict[int, ReportView]) -> ReportView:
    if record.id not in views:
        views[record.id] = load_view(index, record)
    return views[record.id]


def _previous(index, record: ReportRecord, views: dict[int, ReportView]) -> ReportView | None:
    """The same agency's report of the year before; none for a report whose agency is not known."""
    if not record.agency or record.year is None:
        return None
    before = index.report_for(record.agency, record.year - 1)
    return _view(index, before, views) if before else None

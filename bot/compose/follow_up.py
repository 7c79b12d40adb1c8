"""The line a follow-up answer starts with: what it took from the previous question."""

from __future__ import annotations

from ..catalog import Catalog
from ..metrics import key_label
from ..types import Query
from ..understand import Understanding
from ..understand.follow_up import inherited
from .names import agency_name


def inherited_note(merged: Understanding, u: Understanding, query: Query | None, catalog: Catalog) -> str:
    """"（接上一问：平潭综合实验区，2021年，行政复议）" — what the answer rests on, once something was inherited."""
    if not inherited(merged, u):
        return ""
    lang = u.lang
    agencies = query.agencies if query and query.agencies else merged.agency.names
    years = query.years if query and query.years else merged.years.years
    parts = []
    if agencies:
        parts.append(agency_name(catalog.by_name.get(agencies[0]), agencies[0], lang))
    if years:
        years = "、".join(map(str, years))
        parts.append(f"{years}年" if lang == "zh" else years)
    if merged.metric.row:
        parts.append(key_label(merged.metric.row, merged.metric.column, lang))
    if lang == "zh":
        return "（接上一问：" + "，".join(parts) + "）\n"
    return "(Following on: " + ", ".join(parts) + ")\n"

"""What every kind of answer reads: an agency's display name, a report's facts and failed checks, the
query understood, and the small pieces of wording they share."""

from __future__ import annotations

from ..catalog import Catalog
from ..compose import cells
from ..compose.names import agency_name
from ..scope import Scope, query_of
from ..understand import Understanding


def name(catalog: Catalog, name: str, lang: str) -> str:
    return agency_name(catalog.by_name.get(name), name, lang)


def query(u: Understanding, scope: Scope):
    return query_of(u, scope)


def prefix(row: str) -> str:
    if row.startswith("applications"):
        return "applications."
    if row.startswith("litigation"):
        return "litigation."
    return row if row == "review" else row + "."


def facts(index, agency: str | None, year: int, row: str) -> dict:
    records = index.facts(key_prefix=prefix(row), agencies=[agency] if agency else None, years=[year])
    return {r.key: r for r in records}


def failed(index, report_id: int) -> dict[str, str]:
    return {c.rule: c.detail for c in index.checks(report_id) if not c.ok}


def has_row(facts: dict, reading: cells.Reading) -> bool:
    return bool(reading.parts) or any(k.startswith(reading.row + ".") for k in facts)


def join(parts: list[str], lang: str, lead: bool = False) -> str:
    """Sentences run together (a space between English ones); `lead`: with a space before too."""
    text = ("" if lang == "zh" else " ").join(p for p in parts if p)
    return (" " + text if lang == "en" else text) if lead and text else text


def defaulted_note(scope: Scope, lang: str) -> str:
    if not scope.year_defaulted:
        return ""
    year = scope.years[0]
    return (f"（问题没有说明年份，这里用的是索引中该单位最新的{year}年度报告。）" if lang == "zh"
            else f"(No year was given; this is the latest indexed report, for {year}.)")


def latest_saying_note(year: int, latest: bool, lang: str) -> str:
    """No year asked of the text: the latest report that speaks of it was quoted."""
    if lang == "zh":
        return f"（问题没有说明年份，这里引用的是{'最新的' if latest else '谈到这一点的最新一份'}{year}年度报告。）"
    return f"(No year was given; quoted from the {'latest report' if latest else 'latest report that speaks of it'}, for {year}.)"


def unreadable(lang: str) -> str:
    return "无法确定" if lang == "zh" else "unreadable"

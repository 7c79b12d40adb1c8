"""Lists: the reports the index holds, or a row broken down by applicant, reason or result."""

from __future__ import annotations

import re

from ingest.template import APPLICANT_COLUMNS
from ingest.types import format_number

from ..catalog import Catalog
from ..compose import cells, refuse
from ..compose import compare as cmp
from ..compose import facts as fx
from ..compose.names import titled
from ..metrics import FAMILIES, row_name
from ..scope import Scope
from ..types import Answer, FactRef, Source
from ..understand import Understanding
from ..understand import metric_keys as mk
from ..understand.intent import TOP_MEMBER, asks_outcomes
from ..understand.refine import WHOLE_RESULTS
from . import reading as rd

_RESULTS = re.compile(r"办理结果|处理结果|办理情况|results|outcomes", re.I)


def listing(u: Understanding, scope: Scope, index, catalog: Catalog) -> Answer:
    row = u.metric.row
    if (_RESULTS.search(u.text) or asks_outcomes(u.text)) and row in WHOLE_RESULTS:
        row = "applications.results"
    if row and scope.agencies:
        years = scope.years or (catalog.latest_year(scope.agencies[0]),)
        return _breakdown(u, Scope(scope.agencies, years, not scope.years, True), index, catalog, row)
    names = scope.agencies or tuple(sorted(catalog.years))
    lines = []
    for agency in names:
        for year in catalog.years.get(agency, ()):
            if scope.years and year not in scope.years:
                continue
            report = catalog.report_of[(agency, year)]
            lines.append(f"{rd.name(catalog, agency, u.lang)} {year}：{titled(report, u.lang)}" if u.lang == "zh"
                         else f"{rd.name(catalog, agency, u.lang)} {year}: {titled(report, u.lang)}")
    head = (f"索引中共有{len(lines)}份年报：\n" if u.lang == "zh"
            else f"The index holds {len(lines)} report{'s' if len(lines) != 1 else ''}:\n")
    kind = "list" if lines else "not_found"
    return Answer(u.text, kind, head + "\n".join(lines), lang=u.lang, query=rd.query(u, scope))


def _breakdown(u: Understanding, scope: Scope, index, catalog: Catalog, row: str) -> Answer:
    """A row by applicant (申请人情况), a family by its reasons (不予公开的理由), or every result row: for each
    year asked, its own block; a year without an indexed report is said."""
    agency = scope.agencies[0]
    held = [y for y in scope.years if (agency, y) in catalog.report_of]
    if not held:
        return Answer(u.text, "not_found", refuse.missing_year(catalog, [agency], scope.years[-1:], u.lang),
                      lang=u.lang)
    blocks, refs, sources = [], [], []
    for year in held:
        text, items, source = _year_breakdown(u, index, catalog, row, agency, year)
        blocks.append(text)
        refs += [FactRef(f.key, f.value, f.agency, f.year) for f in items if f.value is not None]
        sources.append(source)
    asked = set(u.years.years) | (set(range(u.years.span[0], u.years.span[1] + 1)) if u.years.span else set())
    missing = [(agency, y) for y in sorted(asked | set(scope.years)) if (agency, y) not in catalog.report_of]
    names = {agency: rd.name(catalog, agency, u.lang)}
    note = cmp.missing_years_note(missing, names, u.lang).strip()
    text = "\n\n".join(blocks) + ("\n" + note if note else "") + rd.defaulted_note(scope, u.lang)
    return Answer(u.text, "list" if refs or any(b.count("\n") for b in blocks) else "not_found", text, None,
                  tuple(refs), tuple(sources), lang=u.lang, query=rd.query(u, scope))


def _year_breakdown(u: Understanding, index, catalog: Catalog, row: str, agency: str, year: int
                    ) -> tuple[str, list, Source]:
    report = catalog.report_of[(agency, year)]
    facts = rd.facts(index, agency, year, row)
    if row.startswith(APPEALS):
        return _appeal_breakdown(u, catalog, row, agency, year, facts)
    items = _breakdown_items(row, u.metric.column, facts)
    by_rows = row in FAMILIES or row == "applications.results"
    # Each line by the template's name of its row (a copy may print "(四)无" and "法提供" apart, or ".属于国家秘密");
    # the labels as printed are the source's quote.
    lines = [_line(f, row, by_rows, u.lang, _member_name(f.key.rsplit(".", 1)[0], row, u.lang)) for f in items]
    printed = [_line(f, row, by_rows, "zh", fx.fact_label(f)) for f in items]
    text = f"{rd.name(catalog, agency, u.lang)} {year}:\n" + _largest(items, row, by_rows, u) + "\n".join(lines)
    return text, items, fx.Source(report.title, agency, year, "", "；".join(printed[:10]), report.url)


def _member_name(member: str, row: str, lang: str) -> str:
    """The template's name of a listed row; among all the outcomes, a reason with its group ("不予公开·属于国家秘密"),
    as the English names already say it ("denied: state secret")."""
    parent = member.rsplit(".", 1)[0]
    name = row_name(member, lang)
    if lang == "zh" and row == "applications.results" and parent in FAMILIES:
        return f"{re.sub(r'（.*?）$', '', row_name(parent, lang))}·{name}"
    return name


def _line(f, row: str, by_rows: bool, lang: str, label: str) -> str:
    column = "" if by_rows else (" " if lang == "zh" else ", ") + fx.column_label(row, f.key.rsplit(".", 1)[1], lang)
    value = format_number(f.value) if f.value is not None else rd.unreadable(lang)
    return f"{label}{column}{'：' if lang == 'zh' else ': '}{value}"


def _largest(items: list, row: str, by_rows: bool, u: Understanding) -> str:
    """"最多的是：属于行政查询事项（105件）": the member a question for the main one asks for — a reason of a family,
    a group of outcomes (予以公开, 不予公开, 无法提供…), an applicant column — ties together; nothing when a member
    cannot be read (it might be the largest) or when every member is 0."""
    if not TOP_MEMBER.search(u.text) or not items or any(f.value is None for f in items):
        return ""
    if row == "applications.results":
        members = _outcome_groups(items, u.lang)
    elif by_rows:
        members = [(row_name(f.key.rsplit(".", 1)[0], u.lang), f.value) for f in items]
    else:
        members = [(fx.column_label(row, f.key.rsplit(".", 1)[1], u.lang), f.value) for f in items
                   if not f.key.endswith((".total", ".org"))]
    best = max((v for _, v in members), default=0)
    if not best:
        return "各项均为0。\n" if u.lang == "zh" else "Every one is 0.\n"
    top = [name for name, v in members if v == best]
    if u.lang == "zh":
        return f"最多的是：{'、'.join(top)}（{format_number(best)}件）。\n"
    return f"The most: {'; '.join(top)} ({format_number(best)}).\n"


def _outcome_groups(items: list, lang: str) -> list[tuple[str, float]]:
    """The result rows summed by the template's groups (不予公开's eight reasons are one outcome), in order."""
    groups: dict[str, float] = {}
    for f in items:
        group = ".".join(f.key.split(".")[:3])  # applications.results.denied.state_secret.total → …denied
        groups[group] = groups.get(group, 0) + f.value
    return [(row_name(g, lang), v) for g, v in groups.items()]


APPEALS = ("review", "litigation")  # table 4's rows: broken down by their outcome columns
_OUTCOME_ORDER = ("upheld", "corrected", "other", "pending", "total")


def _appeal_breakdown(u: Understanding, catalog: Catalog, row: str, agency: str, year: int, facts: dict
                      ) -> tuple[str, list, Source]:
    """"行政复议情况", "Huai'an's lawsuits by outcome": each group of the row (lawsuits: filed directly, after
    reconsideration) with its outcomes in the table's order, upheld to total."""
    report = catalog.report_of[(agency, year)]
    groups = sorted({k.rsplit(".", 1)[0] for k in facts}, key=lambda g: (g != "review", g != "litigation.direct"))
    colon = "：" if u.lang == "zh" else ": "
    blocks, items = [], []
    for group in groups:
        found = [facts[f"{group}.{c}"] for c in _OUTCOME_ORDER if f"{group}.{c}" in facts]
        items += found
        shown = [f"{fx.column_label(group, f.key.rsplit('.', 1)[1], u.lang)} "
                 f"{format_number(f.value) if f.value is not None else rd.unreadable(u.lang)}" for f in found]
        blocks.append(f"{row_name(group, u.lang)}{colon}" + ("，" if u.lang == "zh" else ", ").join(shown))
    text = f"{rd.name(catalog, agency, u.lang)} {year}:\n" + "\n".join(blocks)
    return text, items, fx.Source(report.title, agency, year, "", "；".join(blocks), report.url)


def _breakdown_items(row: str, column: str | None, facts: dict) -> list:
    if row == "applications.results":
        column = column or "total"
        rows = [k[: -len(column) - 1] for k in facts if k.startswith(row + ".") and k.endswith("." + column)]
        leaves = [r for r in rows if r != "applications.results.total"
                  and not any(o.startswith(r + ".") for o in rows)]
        order = list(mk.rows())  # the template's order: 予以公开, 部分公开, 不予公开 1–8, …
        return [facts[f"{r}.{column}"] for r in sorted(leaves, key=lambda r: order.index(r) if r in order else 99)]
    if row in FAMILIES:
        reading = cells.read(row, column or "total", facts, {})
        return list(reading.parts)
    order = [c.key for c in APPLICANT_COLUMNS]
    items = [f for k, f in facts.items() if k.startswith(row + ".") and k.count(".") == row.count(".") + 1]
    return sorted(items, key=lambda f: order.index(f.key.rsplit(".", 1)[1]) if f.key.rsplit(".", 1)[1] in order else 99)



def published(u: Understanding, scope: Scope, catalog: Catalog) -> Answer:
    """When each asked report was published, as its copy prints it (the page's date line or the signature);
    a copy that prints no date says so."""
    lines, sources = [], []
    for agency in scope.agencies:
        for year in scope.years or (catalog.latest_year(agency),):
            report = catalog.report_of.get((agency, year))
            if report is None:
                continue
            lines.append(_published_line(report, u.lang))
            if report.published:
                sources.append(Source(report.title, report.agency, report.year, "", report.published, report.url))
    if not lines:
        return Answer(u.text, "not_found", "索引中没有所问的年报。" if u.lang == "zh" else "The index holds no report asked for.",
                      lang=u.lang, query=rd.query(u, scope))
    kind = "list" if sources else "not_found"
    return Answer(u.text, kind, "\n".join(lines), sources=tuple(sources), lang=u.lang, query=rd.query(u, scope))


def _published_line(report, lang: str) -> str:
    date = report.published
    if lang == "zh":
        if not date:
            return f"{titled(report, lang)}：这份副本没有印出发布日期。"
        y, m, d = (int(p) for p in date.split("-"))
        return f"{titled(report, lang)}发布于{y}年{m}月{d}日（{date}）。"
    if not date:
        return f"{titled(report, lang)}: this copy prints no publication date."
    return f"{titled(report, lang)} was published on {date}."

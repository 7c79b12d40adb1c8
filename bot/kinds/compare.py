"""Answers over several reports: a trend or difference (with computed sums and rates), a ranking of
agencies, and whether a report's own totals add up."""

from __future__ import annotations

import re

from ..catalog import Catalog
from ..compose import cells, refuse
from ..compose import compare as cmp
from ..compose import derived as dv
from ..compose import facts as fx
from ..scope import Scope
from ..types import Answer
from ..understand import Understanding
from ..understand.derived import EACH_YEAR, RATE, SUM, SUM_OVER_YEARS, TIMES
from ..understand.intent import asks_which_year
from . import reading as rd
from .fact import asked_cells, must_words
from .narrative import narrative


def compare(u: Understanding, scope: Scope, index, catalog: Catalog) -> Answer:
    """A trend or difference of each asked cell ("全部公开和部分公开" over 2023 and 2025: one line each)."""
    shown = [t for t in (_trend(u, scope, index, catalog, row, column) for row, column in _cells(u)) if t]
    if not shown:
        return narrative(u, scope, index, catalog, must=must_words(u))
    text = "\n".join(t[0] for t in shown)
    value = shown[0][1] if len(shown) == 1 else None
    sources = tuple(s for t in shown for s in t[2])
    refs = tuple(r for t in shown for r in t[3])
    return Answer(u.text, "compare", text, value, refs, sources, lang=u.lang, query=rd.query(u, scope))


def _cells(u: Understanding) -> list[tuple[str, str | None]]:
    """The cells the question asks over the years: several when it names several rows or columns."""
    asked = asked_cells(u)
    return asked if len(asked) > 1 else [(u.metric.row, u.metric.column)]


def _trend(u: Understanding, scope: Scope, index, catalog: Catalog, row: str, column: str | None) -> tuple | None:
    """One cell over the reports in scope: (text, value, sources, refs); None when no report prints it."""
    points = []
    for agency in scope.agencies:
        for year in scope.years:
            report = catalog.report_of.get((agency, year))
            if report is None:
                continue
            facts = rd.facts(index, agency, year, row)
            points.append((agency, year, cells.read(row, column, facts, rd.failed(index, report.id))))
    shown = {a for a, _, reading in points if reading.parts}
    without = [(a, y) for a, y, reading in points if not reading.parts and a in shown]  # no such table
    points = sorted((p for p in points if p[2].parts), key=lambda p: (p[1], p[0]))
    if not points:
        return None
    names = {a: rd.name(catalog, a, u.lang) for a in scope.agencies}
    text, value = cmp.trend_text(points, u.lang, names)
    gaps = _gaps(u, points, catalog)
    names |= {a: rd.name(catalog, a, u.lang) for a, _ in gaps if a not in names}
    text, value = _computed(u, points, text, value, gaps)
    if asks_which_year(u.text):
        text += cmp.extreme_year_text(points, bool(_LOWEST.search(u.text)), u.lang, fx.unit_of(points[0][2], u.lang))
    text += cmp.missing_years_note(gaps, names, u.lang)
    text += cmp.missing_years_note(without, names, u.lang, reported=True)
    sources, refs = cmp.sources_of(points, catalog.report_of)
    return text, value, sources, refs


def _computed(u: Understanding, points: list, text: str, value: float | None, gaps: list[tuple[str, int]]
              ) -> tuple[str, float | None]:
    """A sum over the years or agencies shown ("合计"), or a growth rate ("增长率"), labelled as computed. A sum
    over a span with a year not indexed is not the span's total: none is given, and the missing years say why."""
    values = [p[2].printed_total for p in points]
    if len(points) < 2 or any(v is None for v in values):
        return text, value
    over_years = len({p[1] for p in points}) > 1 and len({p[0] for p in points}) == 1
    if SUM.search(u.text) or (over_years and SUM_OVER_YEARS.search(u.text) and not EACH_YEAR.search(u.text)):
        if gaps:
            return text + ("（有年份的年报未收录，无法给出合计。）" if u.lang == "zh"
                           else " (No total: a year asked for is not indexed.)"), None
        line, total = dv.sum_text(values, fx.unit_of(points[0][2], u.lang), u.lang)
        return text + line, total
    if TIMES.search(u.text) and len({p[0] for p in points}) == 1:
        ordered = sorted(points, key=lambda p: p[1])
        (_, y0, first), (_, y1, last) = ordered[0], ordered[-1]
        times = dv.times_text(first.printed_total, last.printed_total, (y0, y1), u.lang)
        if times:
            return text + times[0], times[1]
    if RATE.search(u.text) and len({p[0] for p in points}) == 1:
        ordered = sorted(points, key=lambda p: p[1])  # from the first year shown to the last
        (_, y0, first), (_, y1, last) = ordered[0], ordered[-1]
        rate = dv.rate_text(first.printed_total, last.printed_total, (y0, y1), u.lang)
        if rate:
            return text + rate[0], rate[1]
    return text, value


def _gaps(u: Understanding, points: list, catalog: Catalog) -> list[tuple[str, int]]:
    """Asked years without an indexed report, so a trend never skips a year silently: the years named, and
    for a span ("2019到2023"), "since" or "over the years" every year inside it or inside the trend shown.
    Only for the agencies the trend shows (a name can match an agency the question did not mean)."""
    asked = set(u.years.years)
    if u.years.span:
        asked |= set(range(u.years.span[0], u.years.span[1] + 1))
    inside = u.years.span or u.years.since is not None or u.years.all_years
    missing = []
    for agency in dict.fromkeys(a for a, _, _ in points):
        have = sorted(y for a, y, _ in points if a == agency)
        wanted = asked | (set(range(have[0], have[-1] + 1)) if inside else set())
        missing += [(agency, y) for y in sorted(wanted) if (agency, y) not in catalog.report_of]
    # An agency named apart ("教育厅和科技厅2022年") with no report for the years asked is said too.
    shown = {a for a, _, _ in points}
    for agency in (g[0] for g in u.agency.apart if len(g) == 1 and g[0] not in shown):
        missing += [(agency, y) for y in sorted(asked) if (agency, y) not in catalog.report_of]
    return missing


_LOWEST = re.compile(r"最少|最低|fewest|least|lowest|smallest", re.I)


def rank(u: Understanding, scope: Scope, index, catalog: Catalog) -> Answer:
    year = scope.years[-1] if scope.years else catalog.all_years()[-1]
    agencies = [a for a in (scope.agencies or tuple(catalog.years)) if year in catalog.years.get(a, ())]
    if not agencies:
        return Answer(u.text, "not_found", refuse.missing_year(catalog, list(catalog.years), (year,), u.lang),
                      lang=u.lang, query=rd.query(u, scope))
    records = index.facts(key_prefix=rd.prefix(u.metric.row), agencies=agencies, years=[year])
    points = []
    for agency in agencies:
        facts = {r.key: r for r in records if r.agency == agency}
        report = catalog.report_of[(agency, year)]
        reading = cells.read(u.metric.row, u.metric.column, facts, rd.failed(index, report.id))
        if reading.parts:
            points.append((agency, year, reading))
    names = {a: rd.name(catalog, a, u.lang) for a in scope.agencies or agencies}
    text, value = cmp.rank_text(points, u.lang, names, bool(_LOWEST.search(u.text)))
    if scope.named:  # the agencies asked about (a region's) without a report of the year are said, not dropped
        text += cmp.missing_years_note([(a, year) for a in _lacking(scope.agencies, agencies, catalog)], names, u.lang)
    sources, refs = cmp.sources_of(points, catalog.report_of)
    return Answer(u.text, "compare", text, value, refs, sources, lang=u.lang, query=rd.query(u, scope))


def _lacking(asked: tuple[str, ...], ranked: list[str], catalog: Catalog) -> list[str]:
    """The agencies asked about that have no report of the year ranked; a predecessor whose every report
    precedes all of the ranked agencies' (平潭县 before the zone) is not one of them."""
    first = min((min(catalog.years[a]) for a in ranked), default=0)
    return [a for a in asked if a not in ranked and max(catalog.years.get(a, (0,))) >= first]


_FOCUS = (("applications.results_sum", re.compile(r"办理结果|各项|结果|results|outcomes", re.I)),
          ("applications.row_total", re.compile(r"各列|申请人|columns|applicants", re.I)),
          ("applications.balance", re.compile(r"结转|新收|平衡|balance|carried", re.I)),
          ("review", re.compile(r"复议|reconsideration", re.I)),
          ("litigation", re.compile(r"诉讼|lawsuit|litigation", re.I)))


def check(u: Understanding, scope: Scope, index, catalog: Catalog) -> Answer:
    agency, year = scope.agencies[0], scope.years[0]
    report = catalog.report_of[(agency, year)]
    facts = {r.key: r for r in index.facts(agencies=[agency], years=[year])}
    focus = next((rule for rule, pattern in _FOCUS if pattern.search(u.text)), None)
    lines, ok = cmp.check_lines(facts, report.template, u.lang, focus)
    if focus:
        lines = [ln for ln in lines if "不相等" in ln or "NOT" in ln] or lines[-1:]
    elif not lines:
        # Everything holds: show the two sums a reader checks first, on the total column.
        for rule in ("applications.results_sum.total", "applications.balance.total"):
            lines += cmp.check_lines(facts, report.template, u.lang, rule)[0]
    failed = [c.detail for c in index.checks(report.id) if not c.ok]
    name = rd.name(catalog, agency, u.lang)
    text = _check_text(name, year, lines, ok and not (failed and not focus), failed, u.lang)
    source = fx.Source(report.title, agency, year, "表三 收到和处理政府信息公开申请情况", "；".join(lines), report.url)
    return Answer(u.text, "compare", text + fx.source_line(report, cells.Reading("applications", "total",
                  ("applications.total",), ()), u.lang), None, (), (source,), lang=u.lang, query=rd.query(u, scope))


def _check_text(name: str, year: int, lines: list[str], ok: bool, failed: list[str], lang: str) -> str:
    if lang == "zh":
        head = f"{name}{year}年年报的表格" + ("合计相符。" if ok else "合计对不上（不相等）。")
        body = "；".join(lines) if lines else "；".join(failed)
        return head + (body + "。" if body else "")
    head = f"The tables of the {year} report of {name} " + ("add up. " if ok else "do NOT add up. ")
    body = "; ".join(lines) if lines else "; ".join(failed)
    return head + (body + ". " if body else "")

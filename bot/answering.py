"""One function per kind of answer, each reading the index and handing the wording to bot/compose."""

from __future__ import annotations

import re

from ingest.template import APPLICANT_COLUMNS
from ingest.types import format_number

from .catalog import Catalog
from .compose import cells, refuse
from .compose import compare as cmp
from .compose import derived as dv
from .compose import facts as fx
from .compose import narrative as nv
from .compose.names import agency_name, table_of
from .compose.plans import ASKS_PLAN, plan_chunks, plan_source, plan_text
from .metrics import FAMILIES, chinese_label_words, key_label
from .scope import Scope, query_of
from .types import Answer, FactRef
from .understand import Understanding
from .understand.agency import agency_forms
from .understand.derived import RATE, SUM, ShareAsk
from .understand.en_terms import chinese_terms
from .understand.intent import asks_whether, asks_which_year
from .understand.language import has_chinese
from .understand.metric_similarity import closest_rows


def _name(catalog: Catalog, name: str, lang: str) -> str:
    return agency_name(catalog.by_name.get(name), name, lang)


def _query(u: Understanding, scope: Scope):
    return query_of(u, scope)


def _prefix(row: str) -> str:
    if row.startswith("applications"):
        return "applications."
    if row.startswith("litigation"):
        return "litigation."
    return row if row == "review" else row + "."


def _facts(index, agency: str | None, year: int, row: str) -> dict:
    records = index.facts(key_prefix=_prefix(row), agencies=[agency] if agency else None, years=[year])
    return {r.key: r for r in records}


def _failed(index, report_id: int) -> dict[str, str]:
    return {c.rule: c.detail for c in index.checks(report_id) if not c.ok}


def _has_row(facts: dict, reading: cells.Reading) -> bool:
    return bool(reading.parts) or any(k.startswith(reading.row + ".") for k in facts)


# --- single fact ------------------------------------------------------------------------------

def fact(u: Understanding, scope: Scope, index, catalog: Catalog) -> Answer:
    agency, year = scope.agencies[0], scope.years[0]
    report = catalog.report_of[(agency, year)]
    facts = _facts(index, agency, year, u.metric.row)
    reading = cells.read(u.metric.row, u.metric.column, facts, _failed(index, report.id))
    if not _has_row(facts, reading):
        # An old-template report (or an unreadable table): its narrative may still say it.
        return narrative(u, scope, index, catalog, must=_must_words(u))
    if u.metric.uncounted:
        return _not_counted(u, scope, index, catalog)
    if not u.metric.decided:
        return _which_metric(u, scope, index)
    if len(_same_table_rows(u)) > 1:
        return _several_rows(u, scope, index, catalog)
    lang = u.lang
    name = _name(catalog, agency, lang)
    parts = [_whether(u, reading), fx.fact_text(name, year, reading, lang), fx.check_warning(reading, lang), _row_total(reading, facts, lang),
             fx.breakdown_text(reading, lang), _context(reading, facts, lang), _lawsuit_note(reading, lang),
             _row_neighbours(reading, facts, lang), _defaulted(scope, lang), fx.source_line(report, reading, lang)]
    # Nothing certain to state (an unreadable cell, a missing column): an honest "cannot tell".
    kind = "fact" if reading.printed_total is not None else "not_found"
    return Answer(u.text, kind, _join(parts, lang), reading.value, fx.fact_refs(reading),
                  (fx.source_for(report, reading, lang),), lang=lang, query=_query(u, scope))


def _whether(u: Understanding, reading: cells.Reading) -> str:
    """The yes or no a yes/no question asks for, before the count that decides it."""
    if not asks_whether(u.text) or reading.value is None:
        return ""
    claimed = [float(n) for n in _CLAIMED.findall(u.text)]
    if claimed:  # "收到申请80件吗？": is it that number, not whether there were any
        right = reading.value in claimed
        return ("是。" if right else "不是。") if u.lang == "zh" else ("Yes." if right else "No.")
    if u.lang == "zh":
        return "有。" if reading.value > 0 else "没有。"
    return "Yes." if reading.value > 0 else "No."


# A number the question puts forward ("81件吗", "receive 154 requests"), years aside.
_CLAIMED = re.compile(r"(?<![\d.])(?!(?:19|20)\d\d(?!\d))(\d+(?:\.\d+)?)(?![\d.])")


def _same_table_rows(u: Understanding) -> list[str]:
    rows = list(u.metric.rows)
    table = table_of(rows[0]) if rows else ""
    return [r for r in rows if table_of(r) == table]


def _several_rows(u: Understanding, scope: Scope, index, catalog: Catalog) -> Answer:
    """"予以公开和部分公开各多少件": each row with its number, and their sum when a sum is asked."""
    agency, year = scope.agencies[0], scope.years[0]
    report = catalog.report_of[(agency, year)]
    failed = _failed(index, report.id)
    readings = [cells.read(r, u.metric.column, _facts(index, agency, year, r), failed) for r in _same_table_rows(u)]
    name = _name(catalog, agency, u.lang)
    parts = [fx.fact_text(name, year, r, u.lang) for r in readings]
    parts += [fx.check_warning(r, u.lang) for r in readings]
    totals = [r.value for r in readings]
    value = None
    if SUM.search(u.text) and all(v is not None for v in totals):
        value = float(sum(totals))
        parts.append(f"以上合计{format_number(value)}件。" if u.lang == "zh" else f"Together: {format_number(value)}.")
    parts.append(fx.source_line(report, readings[0], u.lang))
    refs = tuple(ref for r in readings for ref in fx.fact_refs(r))
    kind = "fact" if any(r.printed_total is not None for r in readings) else "not_found"
    return Answer(u.text, kind, _join(parts, u.lang), value, refs,
                  tuple(fx.source_for(report, r, u.lang) for r in readings), lang=u.lang, query=_query(u, scope))


def _which_metric(u: Understanding, scope: Scope, index) -> Answer:
    """Several keys fit the question's words (or it says more than the dictionary placed): offer the best
    ones, the best first; for new wording, the rows closest in meaning too (embedding similarity)."""
    keys = list(u.metric.candidates)
    if u.metric.defaulted or len(keys) < 2:
        near = closest_rows(index.embed_query(u.text), index.embedder, 3)
        keys += [(r, u.metric.column) for r in near if r not in {k for k, _ in keys}]
    options = tuple(dict.fromkeys(key_label(r, c, u.lang) for r, c in keys[:4]))
    head = "您问的是哪一项？请选择：" if u.lang == "zh" else "Which figure do you mean? Pick one:"
    text = head + "\n" + "\n".join(f"{i}. {o}" for i, o in enumerate(options, 1))
    return Answer(u.text, "clarify", text, options=options, lang=u.lang, query=_query(u, scope))


def _not_counted(u: Understanding, scope: Scope, index, catalog: Catalog) -> Answer:
    """"Average days to answer", "requests from foreigners": the tables do not count it; the text may say it."""
    must = tuple(w for w in u.metric.uncounted if has_chinese(w))
    found = narrative(u, scope, index, catalog, must=must) if must else None
    if found is not None and found.kind == "narrative":
        return found
    return Answer(u.text, "not_found", refuse.not_counted(u.metric.uncounted, u.lang), lang=u.lang,
                  query=_query(u, scope))


def _join(parts: list[str], lang: str) -> str:
    return ("" if lang == "zh" else " ").join(p for p in parts if p)


def _must_words(u: Understanding) -> tuple[str, ...]:
    """The Chinese metric words a narrative sentence must contain to answer a table question."""
    words = tuple(w for w in (*u.metric.words, *u.metric.column_words) if has_chinese(w))
    return words[:3] or (("申请",) if u.metric.requests else ())


def _row_total(reading: cells.Reading, facts: dict, lang: str) -> str:
    """An applicant column's row total beside it ("其中自然人多少件" questions ask both); likewise the total
    of a reconsideration or lawsuit row beside one of its outcomes ("how many, and how many corrected")."""
    counted = reading.row.startswith(("applications", "review", "litigation."))
    if not counted or reading.column in ("total", "org") or len(reading.keys) != 1:
        return ""
    total = facts.get(f"{reading.row}.total")
    if total is None or total.value is None:
        return ""
    shown = format_number(total.value)
    return f"该行总计{shown}件。" if lang == "zh" else f"Row total: {shown}."


def _context(reading: cells.Reading, facts: dict, lang: str) -> str:
    """New requests and carried-over ones side by side: some readers count both."""
    other = {"applications.new_received": "applications.carried_over",
             "applications.carried_over": "applications.new_received"}.get(reading.row)
    if other is None or reading.printed_total is None or reading.column == "org":
        return ""
    extra = facts.get(f"{other}.{reading.column}")
    if extra is None or extra.value is None:
        return ""
    total = format_number(reading.printed_total + extra.value)
    value = format_number(extra.value)
    if other.endswith("carried_over"):
        return (f"另有上年结转{value}件，两项合计{total}件。" if lang == "zh"
                else f"A further {value} were carried over from the previous year, {total} in all.")
    return (f"本年新收{value}件，两项合计{total}件。" if lang == "zh"
            else f"New requests received this year: {value}; {total} in all.")


def _lawsuit_note(reading: cells.Reading, lang: str) -> str:
    if reading.row != "litigation":
        return ""
    return ("（行政诉讼 = 未经复议直接起诉 + 复议后起诉两项之和。）" if lang == "zh"
            else "(Lawsuits = those filed directly plus those filed after reconsideration.)")


def _row_neighbours(reading: cells.Reading, facts: dict, lang: str) -> str:
    """The other columns of a table-2 row: the question may have meant one of them."""
    if not reading.row.startswith("proactive") or len(reading.keys) != 1:
        return ""
    others = [f for k, f in facts.items() if k.startswith(reading.row + ".") and k != reading.keys[0]]
    shown = [f"{fx.column_label(reading.row, f.key.rsplit('.', 1)[1], lang)} "
             f"{format_number(f.value) if f.value is not None else _unreadable(lang)}" for f in others]
    if not shown:
        return ""
    return ("同一行其他列：" + "，".join(shown) + "。") if lang == "zh" else ("Same row: " + "; ".join(shown) + ".")


def _defaulted(scope: Scope, lang: str) -> str:
    if not scope.year_defaulted:
        return ""
    year = scope.years[0]
    return (f"（问题没有说明年份，这里用的是索引中该单位最新的{year}年度报告。）" if lang == "zh"
            else f"(No year was given; this is the latest indexed report, for {year}.)")


# --- computed figures ---------------------------------------------------------------------------

def share(u: Understanding, ask: ShareAsk, scope: Scope, index, catalog: Catalog) -> Answer:
    """"予以公开的占新收的百分之多少": computed from the two printed cells, the formula shown, and the report's
    own percentage quoted when its text prints one."""
    agency = scope.agencies[0]
    year = scope.years[0] if scope.years else catalog.latest_year(agency)
    report = catalog.report_of.get((agency, year))
    if report is None:
        return Answer(u.text, "not_found", refuse.missing_year(catalog, [agency], (year,), u.lang), lang=u.lang)
    failed = _failed(index, report.id)
    part, whole = (cells.read(m.row, m.column, _facts(index, agency, year, m.row), failed) for m in (ask.part, ask.whole))
    if part.value is None or not whole.value:
        return Answer(u.text, "not_found", dv.no_share_text(u.lang), lang=u.lang, query=_query(u, scope))
    name = _name(catalog, agency, u.lang)
    text = dv.share_text(name, year, (part.row, ask.part.column, part.value), (whole.row, ask.whole.column, whole.value),
                         u.lang)
    sources = [fx.source_for(report, part, u.lang), fx.source_for(report, whole, u.lang)]
    printed = _printed_share(u, Scope((agency,), (year,), False, True), index, catalog, ask)
    if printed is not None:
        text += "\n" + dv.printed_share_note(printed.quote, u.lang)
        sources.append(printed)
    text += "\n" + fx.source_line(report, part, u.lang)
    return Answer(u.text, "fact", text, dv.percent(part.value, whole.value), fx.fact_refs(part) + fx.fact_refs(whole),
                  tuple(sources), lang=u.lang, query=_query(u, scope))


def _printed_share(u: Understanding, scope: Scope, index, catalog: Catalog, ask: ShareAsk):
    """A sentence of the report's text that prints the part's share ("予以公开…占51.85%")."""
    words = [w for w in ask.part.words if has_chinese(w)] or [w for w in chinese_label_words(ask.part.row)]
    for word in words[:2]:
        found = narrative(u, scope, index, catalog, must=(word, "%"))
        if found.kind == "narrative" and found.sources and "%" in found.sources[0].quote:
            return found.sources[0]
    return None


# --- compare, rank, check ---------------------------------------------------------------------

def compare(u: Understanding, scope: Scope, index, catalog: Catalog) -> Answer:
    points = []
    for agency in scope.agencies:
        for year in scope.years:
            report = catalog.report_of.get((agency, year))
            if report is None:
                continue
            facts = _facts(index, agency, year, u.metric.row)
            points.append((agency, year, cells.read(u.metric.row, u.metric.column, facts, _failed(index, report.id))))
    shown = {a for a, _, reading in points if reading.parts}
    without = [(a, y) for a, y, reading in points if not reading.parts and a in shown]  # no such table
    points = sorted((p for p in points if p[2].parts), key=lambda p: (p[1], p[0]))
    if not points:
        return narrative(u, scope, index, catalog, must=_must_words(u))
    names = {a: _name(catalog, a, u.lang) for a in scope.agencies}
    text, value = cmp.trend_text(points, u.lang, names)
    text, value = _computed(u, points, text, value)
    if asks_which_year(u.text):
        text += cmp.extreme_year_text(points, bool(_LOWEST.search(u.text)), u.lang, fx.unit_of(points[0][2], u.lang))
    text += cmp.missing_years_note(_gaps(u, points, catalog), names, u.lang)
    text += cmp.missing_years_note(without, names, u.lang, reported=True)
    sources, refs = cmp.sources_of(points, catalog.report_of)
    return Answer(u.text, "compare", text, value, refs, sources, lang=u.lang, query=_query(u, scope))


def _computed(u: Understanding, points: list, text: str, value: float | None) -> tuple[str, float | None]:
    """A sum over the years or agencies shown ("合计"), or a growth rate ("增长率"), labelled as computed."""
    values = [p[2].printed_total for p in points]
    if len(points) < 2 or any(v is None for v in values):
        return text, value
    if SUM.search(u.text):
        line, total = dv.sum_text(values, fx.unit_of(points[0][2], u.lang), u.lang)
        return text + line, total
    if RATE.search(u.text) and len(points) == 2 and points[0][0] == points[1][0]:
        (_, y0, _), (_, y1, _) = sorted(points, key=lambda p: p[1])
        older, newer = (values[0], values[1]) if points[0][1] == y0 else (values[1], values[0])
        rate = dv.rate_text(older, newer, (y0, y1), u.lang)
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
    return missing


_LOWEST = re.compile(r"最少|最低|fewest|least|lowest|smallest", re.I)


def rank(u: Understanding, scope: Scope, index, catalog: Catalog) -> Answer:
    year = scope.years[-1] if scope.years else catalog.all_years()[-1]
    agencies = [a for a in (scope.agencies or tuple(catalog.years)) if year in catalog.years.get(a, ())]
    if not agencies:
        return Answer(u.text, "not_found", refuse.missing_year(catalog, list(catalog.years), (year,), u.lang),
                      lang=u.lang, query=_query(u, scope))
    records = index.facts(key_prefix=_prefix(u.metric.row), agencies=agencies, years=[year])
    points = []
    for agency in agencies:
        facts = {r.key: r for r in records if r.agency == agency}
        report = catalog.report_of[(agency, year)]
        reading = cells.read(u.metric.row, u.metric.column, facts, _failed(index, report.id))
        if reading.parts:
            points.append((agency, year, reading))
    names = {a: _name(catalog, a, u.lang) for a in agencies}
    text, value = cmp.rank_text(points, u.lang, names, bool(_LOWEST.search(u.text)))
    sources, refs = cmp.sources_of(points, catalog.report_of)
    return Answer(u.text, "compare", text, value, refs, sources, lang=u.lang, query=_query(u, scope))


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
    name = _name(catalog, agency, u.lang)
    text = _check_text(name, year, lines, ok and not (failed and not focus), failed, u.lang)
    source = fx.Source(report.title, agency, year, "表三 收到和处理政府信息公开申请情况", "；".join(lines), report.url)
    return Answer(u.text, "compare", text + fx.source_line(report, cells.Reading("applications", "total",
                  ("applications.total",), ()), u.lang), None, (), (source,), lang=u.lang, query=_query(u, scope))


def _check_text(name: str, year: int, lines: list[str], ok: bool, failed: list[str], lang: str) -> str:
    if lang == "zh":
        head = f"{name}{year}年年报的表格" + ("合计相符。" if ok else "合计对不上（不相等）。")
        body = "；".join(lines) if lines else "；".join(failed)
        return head + (body + "。" if body else "")
    head = f"The tables of the {year} report of {name} " + ("add up. " if ok else "do NOT add up. ")
    body = "; ".join(lines) if lines else "; ".join(failed)
    return head + (body + ". " if body else "")


# --- list ---------------------------------------------------------------------------------------

_RESULTS = re.compile(r"办理结果|处理结果|办理情况|results|outcomes", re.I)


def listing(u: Understanding, scope: Scope, index, catalog: Catalog) -> Answer:
    row = u.metric.row
    if _RESULTS.search(u.text) and row in (None, "applications.results.total", "applications.new_received"):
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
            lines.append(f"{_name(catalog, agency, u.lang)} {year}：《{report.title}》" if u.lang == "zh"
                         else f"{_name(catalog, agency, u.lang)} {year}: 《{report.title}》")
    head = (f"索引中共有{len(lines)}份年报：\n" if u.lang == "zh"
            else f"The index holds {len(lines)} report{'s' if len(lines) != 1 else ''}:\n")
    kind = "list" if lines else "not_found"
    return Answer(u.text, kind, head + "\n".join(lines), lang=u.lang, query=_query(u, scope))


def _breakdown(u: Understanding, scope: Scope, index, catalog: Catalog, row: str) -> Answer:
    """A row by applicant (申请人情况), a family by its reasons (不予公开的理由), or every result row."""
    agency, year = scope.agencies[0], scope.years[-1]
    report = catalog.report_of.get((agency, year))
    if report is None:
        return Answer(u.text, "not_found", refuse.missing_year(catalog, [agency], (year,), u.lang), lang=u.lang)
    facts = _facts(index, agency, year, row)
    items = _breakdown_items(row, u.metric.column, facts)
    by_rows = row in FAMILIES or row == "applications.results"
    colon = "：" if u.lang == "zh" else ": "
    lines = [f"{fx.fact_label(f)}{'' if by_rows else ' ' + fx.column_label(row, f.key.rsplit('.', 1)[1], u.lang)}{colon}"
             f"{format_number(f.value) if f.value is not None else _unreadable(u.lang)}" for f in items]
    text = f"{_name(catalog, agency, u.lang)} {year}:\n" + "\n".join(lines) + _defaulted(scope, u.lang)
    refs = tuple(FactRef(f.key, f.value, f.agency, f.year) for f in items if f.value is not None)
    source = fx.Source(report.title, agency, year, "", "；".join(lines[:10]), report.url)
    return Answer(u.text, "list" if items else "not_found", text, None, refs, (source,), lang=u.lang,
                  query=_query(u, scope))


def _breakdown_items(row: str, column: str | None, facts: dict) -> list:
    if row == "applications.results":
        column = column or "total"
        rows = [k[: -len(column) - 1] for k in facts if k.startswith(row + ".") and k.endswith("." + column)]
        leaves = [r for r in rows if r != "applications.results.total"
                  and not any(o.startswith(r + ".") for o in rows)]
        return [facts[f"{r}.{column}"] for r in leaves]
    if row in FAMILIES:
        reading = cells.read(row, column or "total", facts, {})
        return list(reading.parts)
    order = [c.key for c in APPLICANT_COLUMNS]
    items = [f for k, f in facts.items() if k.startswith(row + ".") and k.count(".") == row.count(".") + 1]
    return sorted(items, key=lambda f: order.index(f.key.rsplit(".", 1)[1]) if f.key.rsplit(".", 1)[1] in order else 99)


def _unreadable(lang: str) -> str:
    return "无法确定" if lang == "zh" else "unreadable"


# --- narrative ----------------------------------------------------------------------------------

def narrative(u: Understanding, scope: Scope, index, catalog: Catalog, must: tuple[str, ...] = ()) -> Answer:
    if not must and ASKS_PLAN.search(u.text) and len(scope.agencies) == 1 and len(scope.years) == 1:
        planned = plans(u, scope, index, catalog)
        if planned is not None:
            return planned
    drop = _agency_words(scope, catalog)
    terms = tuple(alts for _, alts in chinese_terms(u.text)) if u.lang == "en" else ()
    found = nv.needles(u.text, drop, terms)
    query = u.text + (" " + " ".join(alts[0] for alts in terms) if found.by_terms else "")
    hits = index.search(query, k=8, agencies=list(scope.agencies) or None,
                        years=list(scope.years) or None, kind="narrative")
    quotes = nv.best_quotes(u.text, hits, found, must=must)
    if not nv.relevant(quotes, found):
        return _nothing_found(u, scope, catalog)
    chosen = quotes[:1]
    first = chosen[0].hit
    text = nv.narrative_text(chosen, u.lang, _name(catalog, first.report.agency, u.lang))
    return Answer(u.text, "narrative", text, None, (), tuple(nv.quote_source(q) for q in chosen),
                  lang=u.lang, query=_query(u, scope))


def plans(u: Understanding, scope: Scope, index, catalog: Catalog) -> Answer | None:
    """"2021年工作打算", "plans for 2021": every item of the plan section of the report on the year before."""
    report = catalog.report_of.get((scope.agencies[0], scope.years[0]))
    chunks = plan_chunks(index.chunks(report.id)) if report else []
    if not chunks:
        return None
    shifted = scope.years[0] in u.years.shifted
    text = plan_text(report, chunks, shifted, u.lang, _name(catalog, report.agency, u.lang))
    return Answer(u.text, "narrative", text, None, (), (plan_source(report, chunks),), lang=u.lang,
                  query=_query(u, scope))


def _agency_words(scope: Scope, catalog: Catalog) -> tuple[str, ...]:
    words: list[str] = []
    for name in scope.agencies or tuple(catalog.by_name):
        f = agency_forms(catalog.by_name[name])
        words += [f.name, f.region_full, f.region_core, f.department, *f.aliases]
    return tuple(w for w in words if w)


def _nothing_found(u: Understanding, scope: Scope, catalog: Catalog) -> Answer:
    if u.lang == "zh":
        text = "没有在已收录的年报中找到回答这个问题的内容。" + refuse.coverage(catalog, "zh")
    else:
        text = "Nothing in the indexed reports answers this question. " + refuse.coverage(catalog, "en")
    return Answer(u.text, "not_found", text, lang=u.lang, query=_query(u, scope))

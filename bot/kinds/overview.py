"""A report at a glance ("介绍一下淮安市政府2024年的年报", "a summary of Huai'an's 2024 report"): the headline figures
of its requests and appeals tables, each as printed and certain, with the report as source. A figure the copy does
not state with certainty is not given; the answer names it as such."""

from __future__ import annotations

from ingest.types import format_number

from ..catalog import Catalog
from ..compose import cells, refuse
from ..compose import facts as fx
from ..compose.names import titled
from ..metrics import row_name
from ..scope import Scope
from ..types import Answer
from ..understand import Understanding
from . import reading as rd

# (row, column) of each headline figure, in the table's order: requests received and carried over, each group of
# outcomes, requests carried forward; reconsiderations and lawsuits with how many were corrected.
REQUESTS = ("applications.new_received", "applications.carried_over")
OUTCOMES = ("applications.results.granted", "applications.results.partially_granted", "applications.results.denied",
            "applications.results.unavailable", "applications.results.not_processed", "applications.results.other")
APPEALS = ("review", "litigation")


def overview(u: Understanding, scope: Scope, index, catalog: Catalog) -> Answer:
    agency = scope.agencies[0]
    year = scope.years[0] if scope.years else catalog.latest_year(agency)
    report = catalog.report_of.get((agency, year))
    if report is None:
        return Answer(u.text, "not_found", refuse.missing_year(catalog, [agency], (year,), u.lang), lang=u.lang,
                      query=rd.query(u, scope))
    failed = rd.failed(index, report.id)

    def read(row: str, column: str = "total") -> cells.Reading:
        return cells.read(row, column, rd.facts(index, agency, year, row), failed)

    readings = {(row, "total"): read(row) for row in (*REQUESTS, *OUTCOMES, "applications.carried_forward",
                                                       *APPEALS)}
    readings |= {(row, "corrected"): read(row, "corrected") for row in APPEALS}
    stated = {k: r for k, r in readings.items() if r.value is not None}
    if not stated:
        return Answer(u.text, "not_found", refuse.nothing_found((agency,), (year,), catalog, u.lang), lang=u.lang,
                      query=rd.query(u, scope))
    name = rd.name(catalog, agency, u.lang)
    unsure = [row_name(row, u.lang) for (row, column), r in readings.items()
              if r.value is None and r.parts and column == "total"]
    text = "\n".join(line for line in (_head(name, year, u.lang), _requests(stated, u.lang),
                                       _appeals(stated, u.lang), _unsure(unsure, u.lang)) if line)
    text += "\n" + (f"来源：{titled(report, u.lang)}表三、表四。" if u.lang == "zh"
                    else f"Source: {titled(report, u.lang)}, tables 3 and 4.")
    refs = tuple(ref for r in stated.values() for ref in fx.fact_refs(r))
    sources = tuple(fx.source_for(report, r, u.lang) for r in stated.values())
    shown = Scope(scope.agencies, (year,), not scope.years, scope.named)  # no year asked: the latest, said so
    note = rd.defaulted_note(shown, u.lang)
    text += (" " + note.lstrip() if note and u.lang == "en" else note)
    return Answer(u.text, "list", text, None, refs, sources, lang=u.lang,
                  query=rd.query(u, shown))


def _n(value: float, lang: str) -> str:
    return f"{format_number(value)}件" if lang == "zh" else format_number(value)


def _head(name: str, year: int, lang: str) -> str:
    return f"{name}{year}年年报要点（表中印出的数字）：" if lang == "zh" else \
        f"{name}, {year} report at a glance (figures as its tables print them):"


def _requests(stated: dict, lang: str) -> str:
    def part(row: str) -> str | None:
        r = stated.get((row, "total"))
        return None if r is None else (f"{row_name(row, lang)}{_n(r.value, lang)}" if lang == "zh"
                                       else f"{row_name(row, lang)} {_n(r.value, lang)}")

    received = [p for p in map(part, REQUESTS) if p]
    outcomes = [p for p in map(part, OUTCOMES) if p]
    forward = part("applications.carried_forward")
    if lang == "zh":
        out = ("依申请公开：" + "，".join(received) + "。") if received else ""
        out += ("办理结果：" + "、".join(outcomes) + "。") if outcomes else ""
        return out + (forward + "。" if forward else "")
    out = ("Requests: " + "; ".join(received) + ". ") if received else ""
    out += ("Outcomes: " + "; ".join(outcomes) + ". ") if outcomes else ""
    return (out + (forward[0].upper() + forward[1:] + "." if forward else "")).strip()


def _appeals(stated: dict, lang: str) -> str:
    parts = []
    for row in APPEALS:
        total, corrected = stated.get((row, "total")), stated.get((row, "corrected"))
        if total is None:
            continue
        fixed = "" if corrected is None else (f"（其中结果纠正{_n(corrected.value, lang)}）" if lang == "zh"
                                              else f" ({format_number(corrected.value)} corrected)")
        parts.append(f"{row_name(row, lang)}{_n(total.value, lang)}{fixed}" if lang == "zh"
                     else f"{row_name(row, lang)} {_n(total.value, lang)}{fixed}")
    if not parts:
        return ""
    if lang == "zh":
        return "；".join(parts) + "。"
    line = "; ".join(parts) + "."
    return line[0].upper() + line[1:]


def _unsure(names: list[str], lang: str) -> str:
    if not names:
        return ""
    return (f"这份副本中不能确定的数字未列出：{'、'.join(names)}。" if lang == "zh"
            else f"Not given, as this copy does not state them with certainty: {'; '.join(names)}.")

"""Within a table: the identities the template states (勾稽关系), and 总计 cells left blank.

The identities are evaluated once, by ingest (ingest/resolve.py), on the numbers as printed; the index
keeps the result of every check. Here failed checks become findings, grouped by identity family (the
result rows of every column, the row totals of every row), with the cells involved. A blank cell that
breaks an identity was already set apart by ingest (stored as ambiguous, with the value the identity
implies): the checks it breaks are reported once, as that blank cell, not again as identities.
"""

from __future__ import annotations

from functools import cache

from ingest import template as tpl
from ingest.template import Identity

from .cite import cell_source, number
from .types import CONTRADICTION, Cell, Finding, ReportView

IDENTITY, BLANK = "table.identity", "table.blank_cell"


@cache
def _identities(template: str) -> dict[str, Identity]:
    layout = tpl.TEMPLATES.get(template)
    return {i.rule: i for t in (layout.tables if layout else ()) for i in t.identities}


def _family(rule: str) -> str:
    """"applications.results_sum.total" → "applications.results_sum"; table 4's rules stand alone."""
    head, _, rest = rule.partition(".")
    return f"{head}.{rest.split('.')[0]}" if head == "applications" else rule


def _failed(view: ReportView) -> list[Identity]:
    """Identities that fail on the numbers as printed. Not those the reader finds broken in every reading
    of a copy whose cells it cannot place (a scraped or converted table): the copy may be at fault."""
    known = _identities(view.record.template)
    failed = [known[c.rule] for c in view.checks if not c.ok and c.rule in known]
    return [i for i in failed if not any(view.facts[k].candidates for k in _unread(view, i))]


def _unread(view: ReportView, ident: Identity) -> list[str]:
    return [k for k in ident.lhs + ident.rhs if k in view.facts and view.facts[k].status != "certain"]


def _blanked(view: ReportView, ident: Identity) -> list[str]:
    """Cells of a failed identity that ingest set apart as printed blank: unread, with no placement to
    choose from (the identity was evaluated with them as 0)."""
    return [k for k in _unread(view, ident) if not view.facts[k].candidates]


def identity_findings(view: ReportView) -> list[Finding]:
    groups: dict[str, list[Identity]] = {}
    for ident in _failed(view):
        if not _blanked(view, ident):
            groups.setdefault(_family(ident.rule), []).append(ident)
    return [_identity_finding(view, idents) for idents in groups.values()]


def _sides(view: ReportView, ident: Identity) -> tuple[float, float]:
    return (sum(view.value(k) or 0 for k in ident.lhs), sum(view.value(k) or 0 for k in ident.rhs))


def _identity_finding(view: ReportView, idents: list[Identity]) -> Finding:
    parts_en, parts_zh, cells = [], [], []
    for ident in idents:
        lhs, rhs = _sides(view, ident)
        parts_en.append(f"{ident.scope}: {ident.lhs_label} = {number(lhs)} but {ident.rhs_label} = {number(rhs)}")
        parts_zh.append(f"{_scope_zh(ident.scope)}：{_label_zh(ident.lhs_label)}为{number(lhs)}，"
                        f"但{_label_zh(ident.rhs_label)}为{number(rhs)}")
        cells += [view.cell(k) for k in ident.rhs + ident.lhs if view.value(k)]
    cells = list(dict.fromkeys(cells))
    detail = "; ".join(parts_en)
    detail_zh = "；".join(parts_zh)
    return Finding(view.agency, view.year, IDENTITY, CONTRADICTION, f"The table does not add up: {detail}.",
                   f"表格自身合计不符：{detail_zh}。", tuple(cells), (), (cell_source(view, cells),),
                   view.record.id, f"该报告表格自身合计不符（{parts_zh[0]}）。",
                   f"the report's own totals disagree ({parts_en[0]}).")


def blank_findings(view: ReportView) -> list[Finding]:
    """One finding per report: every cell (a 总计, or a part of one) printed blank where an identity says it
    is not 0."""
    blanks: dict[str, Cell] = {}
    for ident in _failed(view):
        for key in _blanked(view, ident):
            blanks.setdefault(key, _blank_cell(view, key))
    if not blanks:
        return []
    cells = list(blanks.values())
    shown_en = "; ".join(f"{_where(c)}: blank, but the table's own sums give {number(c.value)}" for c in cells)
    shown_zh = "；".join(f"{_where(c)}空白，但按表中合计应为{number(c.value)}" for c in cells)
    n = len(cells)
    detail = f"{n} cell{'s' if n > 1 else ''} left blank where the table's sums say otherwise: {shown_en}."
    detail_zh = f"表中{n}个单元格空白，与表中合计不符：{shown_zh}。"
    note_zh = f"{_where(cells[0])}在报告中空白，按表中合计应为{number(cells[0].value)}。"
    note_en = f"{_where(cells[0])} is blank in the report; the table's sums give {number(cells[0].value)}."
    return [Finding(view.agency, view.year, BLANK, CONTRADICTION, detail, detail_zh, tuple(cells), (),
                    (cell_source(view, cells),), view.record.id, note_zh, note_en)]


def _blank_cell(view: ReportView, key: str) -> Cell:
    """A blank cell, shown with the value its identity implies (offered as computed, never as read)."""
    fact = view.facts[key]
    return Cell(key, fact.computed, view.agency, view.year, fact.label)


def _where(cell: Cell) -> str:
    from .cite import cell_words

    return cell_words(cell)


_LABELS_ZH = {"six applicant columns": "六类申请人各栏之和", "总计": "总计", "三(一)…(六)": "三(一)至(六)各项之和",
              "一+二": "一+二", "三(七)+四": "三(七)+四"}


def _label_zh(label: str) -> str:
    return _LABELS_ZH.get(label, label)


def _scope_zh(scope: str) -> str:
    if scope.endswith(" column"):
        return f"{scope.removesuffix(' column')}栏"
    if scope.endswith(" row"):
        return f"{scope.removesuffix(' row')}行"
    return scope

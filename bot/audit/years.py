"""Year to year, for the same agency: what one report carries into the next.

- 上年结转 of year Y is what the Y−1 report printed as 结转下年度 (every applicant column).
- 现行有效 of Y (2021 layout) is 现行有效 of Y−1 + 制发 − 废止 of Y, for 规章 and 行政规范性文件.
- 上一年项目数量 of Y (2019 layout) is 上一年项目数量 + 本年增/减 of Y−1, for every item row of table 2.
- A row printed identically to the year before, while the rest of its table changed, is "possibly
  copied": only rows whose numbers carry enough information for a repeat to be unlikely by chance.

Only consecutive years of one agency's name are compared, and only cells read with certainty.
"""

from __future__ import annotations

from functools import cache

from ingest.template import APPLICANT_COLUMNS, TEMPLATES

from .cite import cell_source, cell_words, number
from .types import CONTRADICTION, POSSIBLE, Cell, Finding, ReportView

CARRIED, IN_FORCE, ITEMS, COPIED = "years.carried_over", "years.in_force", "years.items", "years.copied_row"


def carried_findings(view: ReportView, before: ReportView | None) -> list[Finding]:
    if before is None:
        return []
    pairs = []
    for column in (c.key for c in APPLICANT_COLUMNS):
        now, then = f"applications.carried_over.{column}", f"applications.carried_forward.{column}"
        if view.value(now) is not None and before.value(then) is not None and view.value(now) != before.value(then):
            pairs.append((view.cell(now), before.cell(then)))
    if not pairs:
        return []
    shown_en = "; ".join(f"{_column(a)}: {a.shown} carried over, but {b.shown} carried forward in {b.year}"
                         for a, b in pairs)
    shown_zh = "；".join(f"{_column(a)}：本年上年结转{a.shown}，{b.year}年报告结转下年度{b.shown}" for a, b in pairs)
    detail = f"Requests carried over from {before.year} do not match what the {before.year} report carried forward: {shown_en}."
    detail_zh = f"本年“上年结转”与{before.year}年报告的“结转下年度”不一致：{shown_zh}。"
    a, b = pairs[0]
    notes = (f"本年报告上年结转{a.shown}件，但{b.year}年报告结转下年度{b.shown}件。",
             f"{a.shown} carried over here, but the {b.year} report carried {b.shown} forward.")
    return [_finding(view, before, CARRIED, CONTRADICTION, detail, detail_zh, pairs, notes)]


def _column(cell: Cell) -> str:
    return next(c.zh for c in APPLICANT_COLUMNS if cell.key.endswith("." + c.key))


def in_force_findings(view: ReportView, before: ReportView | None) -> list[Finding]:
    if before is None or view.record.template != "2021" or before.record.template != "2021":
        return []
    out = []
    for row in ("proactive.regulations", "proactive.normative_docs"):
        keys = (f"{row}.in_force", f"{row}.issued", f"{row}.repealed")
        now, issued, repealed = (view.value(k) for k in keys)
        then = before.value(f"{row}.in_force")
        if None in (now, issued, repealed, then) or then + issued - repealed == now:
            continue
        expected = then + issued - repealed
        label = cell_words(view.cell(keys[0])).split(" ")[0]
        formula = f"{number(then)} + {number(issued)} − {number(repealed)} = {number(expected)}"
        detail = (f"{label}: in force at the end of {before.year} {number(then)}, issued {number(issued)} and "
                  f"repealed {number(repealed)} in {view.year}: {formula}, but the report prints {number(now)} in force.")
        detail_zh = (f"{label}：{before.year}年底现行有效{number(then)}件，本年制发{number(issued)}件、废止{number(repealed)}件，"
                     f"应为{formula.replace('−', '-')}件，但报告现行有效为{number(now)}件。")
        pairs = [(view.cell(k), None) for k in keys] + [(before.cell(f"{row}.in_force"), None)]
        notes = (f"按{before.year}年现行有效{number(then)}件加本年制发{number(issued)}件、减废止{number(repealed)}件"
                 f"应为{number(expected)}件，表中为{number(now)}件。",
                 f"{number(then)} in force in {before.year} + {number(issued)} issued − {number(repealed)} "
                 f"repealed = {number(expected)}, but the table prints {number(now)}.")
        out.append(_finding(view, before, IN_FORCE, CONTRADICTION, detail, detail_zh, pairs, notes))
    return out


def items_findings(view: ReportView, before: ReportView | None) -> list[Finding]:
    if before is None or view.record.template != "2019" or before.record.template != "2019":
        return []
    out = []
    for row in _item_rows():
        now, then, change = (view.value(f"{row}.prev_items"), before.value(f"{row}.prev_items"),
                             before.value(f"{row}.change"))
        if None in (now, then, change) or then + change == now:
            continue
        label = cell_words(view.cell(f"{row}.prev_items")).split(" ")[0]
        detail = (f"{label}: the {before.year} report prints {number(then)} items and a change of {number(change)}, "
                  f"so {number(then + change)} items, but this report's 上一年项目数量 is {number(now)}.")
        detail_zh = (f"{label}：{before.year}年报告上一年项目数量{number(then)}、本年增/减{number(change)}，应有"
                     f"{number(then + change)}项，但本年报告的上一年项目数量为{number(now)}。")
        pairs = [(view.cell(f"{row}.prev_items"), before.cell(f"{row}.prev_items")), (before.cell(f"{row}.change"), None)]
        notes = (f"按{before.year}年报告应有{number(then + change)}项，本年报告的上一年项目数量为{number(now)}。",
                 f"the {before.year} report implies {number(then + change)} items; this one prints {number(now)}.")
        out.append(_finding(view, before, ITEMS, CONTRADICTION, detail, detail_zh, pairs, notes))
    return out


def _item_rows() -> tuple[str, ...]:
    table = TEMPLATES["2019"].table("proactive")
    return tuple(f"proactive.{r.key}" for b in table.blocks for r in b.rows
                 if any(c.key == "prev_items" for c in b.columns))


def _finding(view: ReportView, before: ReportView, rule: str, severity: str, detail: str, detail_zh: str,
             pairs: list[tuple[Cell, Cell | None]], notes: tuple[str, str]) -> Finding:
    now = [a for a, _ in pairs if a.year == view.year] + [b for _, b in pairs if b and b.year == view.year]
    then = [a for a, _ in pairs if a.year == before.year] + [b for _, b in pairs if b and b.year == before.year]
    cells = tuple(dict.fromkeys(now + then))
    sources = tuple(cell_source(v, cs) for v, cs in ((view, now), (before, then)) if cs)
    return Finding(view.agency, view.year, rule, severity, detail, detail_zh, cells, (), sources, view.record.id,
                   *notes)


# --- rows copied from the year before -------------------------------------------------------------------

# Cells that follow from others or carry a stock forward: equal year to year by design, not by copying.
_DERIVED = {"total", "in_force", "prev_items", "total_published"}


def copied_findings(view: ReportView, before: ReportView | None) -> list[Finding]:
    if before is None:
        return []
    rows_now, rows_then = _rows(view), _rows(before)
    out = []
    for row, cells in rows_now.items():
        then = rows_then.get(row)
        if then != cells or not _informative(cells) or not _rest_changed(row, rows_now, rows_then):
            continue
        out.append(_copied(view, before, row, cells))
    return out


@cache
def _template_order() -> dict[str, int]:
    keys = [k for name in ("2021", "2019") for k in TEMPLATES[name].cell_keys()]
    return {k: i for i, k in enumerate(dict.fromkeys(keys))}


def _rows(view: ReportView) -> dict[str, dict[str, float]]:
    """Certain cells by row; rows with an unread cell are left out."""
    rows: dict[str, dict[str, float]] = {}
    unread = set()
    for key, fact in view.facts.items():
        row, column = key.rsplit(".", 1)
        if fact.status != "certain":
            unread.add(row)
        rows.setdefault(row, {})[column] = fact.value
    return {r: c for r, c in rows.items() if r not in unread and not r.endswith("results.other")}


def _informative(cells: dict[str, float]) -> bool:
    """Two or more non-zero cells of the row's own (not totals, not stocks) adding up to 5 or more, or one
    with three digits or a fraction: a repeat of such a row by chance is unlikely."""
    own = [v for c, v in cells.items() if c not in _DERIVED and v]
    if len(own) >= 2:
        return sum(abs(v) for v in own) >= 5
    return len(own) == 1 and (abs(own[0]) >= 100 or not float(own[0]).is_integer())


def _rest_changed(row: str, now: dict, then: dict) -> bool:
    table = _table(row)
    return any(now.get(r) != then.get(r) for r in now if r != row and _table(r) == table)


def _table(row: str) -> str:
    return "appeals" if row.startswith(("review", "litigation")) else row.split(".")[0]


def _copied(view: ReportView, before: ReportView, row: str, cells: dict[str, float]) -> Finding:
    order = _template_order()
    now = sorted((view.cell(f"{row}.{c}") for c in cells), key=lambda c: order.get(c.key, len(order)))
    label = cell_words(now[0]).rsplit(" ", 1)[0]
    shown = ", ".join(f"{cell_words(c).rsplit(' ', 1)[-1]} {c.shown}" for c in now if c.value)
    detail = (f"Possibly copied: the row {label} ({shown}) is printed exactly as in the {before.year} report, "
              f"while the rest of the table changed.")
    detail_zh = f"疑似照抄：{label}一行（{shown}）与{before.year}年报告完全相同，而表中其他行都有变化。"
    then = [before.cell(c.key) for c in now]
    return Finding(view.agency, view.year, COPIED, POSSIBLE, detail, detail_zh, tuple(now + then), (),
                   (cell_source(view, now), cell_source(before, then)), view.record.id,
                   f"这一行与{before.year}年报告完全相同，可能照抄了上年的数字。",
                   f"this row is printed exactly as in the {before.year} report; possibly copied.")

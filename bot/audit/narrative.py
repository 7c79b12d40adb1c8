"""Narrative against tables: a number the text states about a counted thing, compared with the table.

A claim agrees when it equals any natural combination of the cells it names (combinations.py): only a
number that no reading of the table gives is a contradiction. A share ("占51.85%") is checked against
the usual denominators of table 3 (new requests, requests handled, new + carried over); it fitting none of
them is only "possible": reports also take shares of other totals.
"""

from __future__ import annotations

from ingest.types import format_number

from .cite import cell_source, cell_words, sentence_source, table_short
from .claims import Claim
from .combinations import Combination, combinations, possible
from .types import CONTRADICTION, POSSIBLE, Cell, Finding, ReportView

NUMBER, SHARE = "narrative.number", "narrative.share"
_EPSILON = 1e-6


def number_findings(view: ReportView) -> list[Finding]:
    out = []
    for claim in view.claims:
        if claim.is_share or not claim.about(view.year):
            continue
        combos = combinations(view, claim.named)
        values = [possible(view, c) for c in combos]
        if not combos or any(v is None for v in values) or not _comparable(claim):
            continue  # an unread cell may be the one meant: nothing certain to say
        if not any(_member(claim.value, v) for v in values):
            out.append(_number_finding(view, claim, combos[0], values[0]))
    return out


def _comparable(claim: Claim) -> bool:
    """Table 2's columns count different things: a number is compared only when its column is named."""
    return bool(claim.named.columns) or not claim.named.rows[0].startswith("proactive")


def _member(value: float, values: frozenset[float]) -> bool:
    return any(abs(value - v) < _EPSILON for v in values)


def _number_finding(view: ReportView, claim: Claim, combo: Combination, values: frozenset[float]) -> Finding:
    cells = tuple(view.cell(k) for k in combo.keys)
    said = format_number(claim.value)
    table_en, table_zh = _table_words(cells, values)
    detail = (f"The narrative says {said} (“{claim.said}”), but {table_en}; no natural combination of "
              f"the table's cells (new + carried over, a row's family, its total) gives {said} either.")
    detail_zh = (f"报告正文说“{claim.said}”，但{table_zh}；表中相关各项的常见组合（新收加结转、同类各项之和、"
                 f"该行总计）也都不等于{said}。")
    table = table_short(cells[0].key)
    value = "或".join(format_number(v) for v in sorted(values)[:3]) if len(values) <= 3 else "无法确定"
    note_zh = f"报告正文说“{claim.said}”，{table[0]}为{value}。"
    note_en = f"the report's text says “{claim.said}”; {table[1]} gives {value.replace('或', ' or ')}."
    if len(values) > 3:
        note_en = f"the report's text says “{claim.said}”, which none of {table[1]}'s possible readings gives."
    return Finding(view.agency, view.year, NUMBER, CONTRADICTION, detail, detail_zh, cells, (claim.quote,),
                   (sentence_source(view, claim.sentence), cell_source(view, cells)), view.record.id,
                   note_zh, note_en)


def _table_words(cells: tuple[Cell, ...], values: frozenset[float]) -> tuple[str, str]:
    where = " + ".join(cell_words(c) for c in cells)
    if len(values) > 1:
        shown = ", ".join(format_number(v) for v in sorted(values)[:8])
        return (f"this copy's table cannot place {where} exactly and none of its possible values ({shown}) is it",
                f"本副本表格中的{where}位置无法确定，其可能取值（{shown}）中没有这个数")
    value = format_number(next(iter(values)))
    if len(cells) > 1:
        return f"the table's {where} add up to {value}", f"表中{where}合计为{value}"
    return f"the table prints {where} {value}", f"表中{where}为{value}"


# --- shares ------------------------------------------------------------------------------------------

_DENOMINATORS = (
    ("applications.new_received.total",),
    ("applications.results.total.total",),
    ("applications.new_received.total", "applications.carried_over.total"),
)


def share_findings(view: ReportView) -> list[Finding]:
    out = []
    for claim in view.claims:
        if not claim.named.rows[0].startswith("applications") or (claim.share is None and not claim.is_share):
            continue
        if not claim.about(view.year):
            continue
        numerators = _numerators(view, claim)
        denominators = [_sum(view, keys) for keys in _DENOMINATORS]
        if numerators is None or any(d is None for d in denominators):
            continue
        percent = claim.value if claim.is_share else claim.share
        decimals = _decimals(claim)
        if not any(_fits(n, d, percent, decimals) for n in numerators for d in denominators):
            out.append(_share_finding(view, claim, numerators, denominators, percent))
    return out


def _numerators(view: ReportView, claim: Claim) -> list[float] | None:
    if not claim.is_share:
        return [claim.value]
    values = [possible(view, c) for c in combinations(view, claim.named)]
    if not values or any(v is None or len(v) != 1 for v in values):
        return None
    return [next(iter(v)) for v in values]


def _sum(view: ReportView, keys: tuple[str, ...]) -> float | None:
    values = [view.value(k) for k in keys]
    return None if any(v is None for v in values) else float(sum(values))


def _decimals(claim: Claim) -> int:
    if not claim.is_share:
        return claim.share_decimals
    text = format_number(claim.value)
    return len(text.split(".")[1]) if "." in text else 0


def _fits(numerator: float, denominator: float, percent: float, decimals: int) -> bool:
    """Rounded or cut to the printed decimals."""
    if denominator <= 0:
        return False
    return abs(numerator / denominator * 100 - percent) < 10 ** -decimals + _EPSILON


def _share_finding(view: ReportView, claim: Claim, numerators: list[float], denominators: list[float],
                   percent: float) -> Finding:
    shown = format_number(percent)
    n = format_number(numerators[0])
    bases = "、".join(dict.fromkeys(format_number(d) for d in denominators))
    computed = ", ".join(f"{numerators[0] / d * 100:.2f}%" for d in dict.fromkeys(denominators) if d > 0)
    detail = (f"The narrative gives {shown}% for “{claim.phrase}” ({n}), which fits none of table 3's totals "
              f"({bases}: {computed}).")
    detail_zh = f"报告正文说“{claim.phrase}”（{n}）占{shown}%，但按表三的总数（{bases}）计算都不是这个比例（{computed}）。"
    cells = tuple(view.cell(k) for c in combinations(view, claim.named)[:1] for k in c.keys)
    cells += tuple(view.cell(k) for keys in _DENOMINATORS for k in keys)
    note_zh = f"报告正文说占{shown}%，按表三的总数算不出这个比例。"
    note_en = f"the report's text gives {shown}%, which no total of table 3 gives."
    return Finding(view.agency, view.year, SHARE, POSSIBLE, detail, detail_zh, tuple(dict.fromkeys(cells)),
                   (claim.quote,), (sentence_source(view, claim.sentence),), view.record.id, note_zh, note_en)

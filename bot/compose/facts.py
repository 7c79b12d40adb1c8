"""Wording of a single-fact answer: the number, the agency's full name, the year, the row as printed,
the report and its table, with related context (new requests beside the carried-over ones)."""

from __future__ import annotations

import re

from index.types import FactRecord, ReportRecord
from ingest import template as tpl
from ingest.types import format_number

from ..metrics import FAMILIES, FAMILIES_EN, column_name, row_name
from ..types import FactRef, Source
from .cells import Reading
from .names import table_name, table_of, titled

_OUTCOMES = {"upheld": ("结果维持", "upheld"), "corrected": ("结果纠正", "corrected"),
             "other": ("其他结果", "other outcome"), "pending": ("尚未审结", "pending"), "total": ("总计", "total")}


def column_label(row: str, column: str, lang: str) -> str:
    if column == "org":
        return "法人或其他组织（五列合计）" if lang == "zh" else "legal persons and other organisations (five columns)"
    if row.startswith(("review", "litigation")):
        zh, en = _OUTCOMES.get(column, (column, column))
        return zh if lang == "zh" else en
    found = _column_of_row(row, column) or _column_of_row("", column)
    if found is None:
        return column
    return found.zh if lang == "zh" else found.en


def _column_of_row(row: str, column: str):
    """The column as printed in the block that holds the row (采购总金额, not 本年收费金额, for procurement)."""
    for template in (tpl.TEMPLATE_2021, tpl.TEMPLATE_2019):
        for table in template.tables:
            for block in table.blocks:
                rows = {f"{table.prefix}.{r.key}" for r in block.rows}
                if row and row not in rows:
                    continue
                for c in block.columns:
                    if c.key == column:
                        return c
    return None


def fact_label(p: FactRecord) -> str:
    """A fact's row as printed; table 4 cells have no row label of their own, so the group's is used."""
    if p.label.strip():
        return p.label
    for c in tpl.APPEAL_COLUMNS:
        if c.key == p.key:
            return c.zh
    return p.key


def row_label(reading: Reading, lang: str) -> str:
    """The row as the report prints it (zh) or the template's English label."""
    if reading.row in FAMILIES:
        return FAMILIES[reading.row] if lang == "zh" else FAMILIES_EN[reading.row]
    if reading.row.startswith("review") or reading.row.startswith("litigation."):
        zh, en = tpl.APPEAL_GROUP_LABELS.get(reading.row, (reading.row, reading.row))
        return zh if lang == "zh" else en
    printed = next((p.label for p in reading.parts if p.label), "")
    zh, en = tpl.describe(reading.keys[0] if reading.keys else reading.row)
    zh_row = printed or zh.rsplit(" ", 1)[0]
    return zh_row if lang == "zh" else f"“{zh_row}” ({_english_row(reading)})"


def _english_row(reading: Reading) -> str:
    if reading.row in FAMILIES_EN:
        return FAMILIES_EN[reading.row]
    if reading.row in tpl.APPEAL_GROUP_LABELS:
        return tpl.APPEAL_GROUP_LABELS[reading.row][1]
    for template in (tpl.TEMPLATE_2021, tpl.TEMPLATE_2019):
        for table in template.tables:
            for _, r in table.rows:
                if f"{table.prefix}.{r.key}" == reading.row:
                    return r.en
    return reading.row


def unit_of(reading: Reading, lang: str) -> str:
    """件 for counts; for money the unit the report printed (万元, converted from 元 at reading), and "unit not
    printed" when it printed none: an amount's unit is never assumed."""
    if not _money(reading):
        return "件" if lang == "zh" else ""
    units = {p.unit for p in reading.parts}
    if units == {"万元"}:
        return "万元" if lang == "zh" else " 万元 (10,000 yuan)"
    return "（单位未注明）" if lang == "zh" else " (the report prints no unit)"


def _money(reading: Reading) -> bool:
    return reading.column == "amount" or any(p.unit for p in reading.parts)


def number_text(value: float, reading: Reading, lang: str) -> str:
    """"81件", "4166.241619万元（约4166.24万元）": the number as printed, always with its unit; a long amount
    also rounded to two decimals, said to be rounded (never the rounded figure alone)."""
    shown, unit = format_number(value), unit_of(reading, lang)
    rounded = format_number(round(value, 2))
    if not _money(reading) or rounded == shown:
        return f"{shown}{unit}"
    if lang == "zh":
        return f"{shown}{unit}（约{rounded}{unit if unit == '万元' else ''}）"
    return f"{shown}{unit} (about {rounded})"


def lead(reading: Reading, lang: str, whether: str = "") -> str:
    """The first line of a chat answer: the number (after the yes or no a yes/no question asks for)."""
    total = reading.printed_total
    if total is None:
        return "无法确定" if lang == "zh" else "Not certain"
    return f"{whether}{number_text(total, reading, lang)}" if lang == "zh" else f"{whether} {number_text(total, reading, lang)}".strip()


def plain_line(agency: str, year: int, reading: Reading, lang: str) -> str:
    """Agency, year and row in plain words: "平潭综合实验区2023年 本年新收政府信息公开申请数量（总计）。"."""
    return _what(agency, year, reading, lang) + ("。" if lang == "zh" else ".")


def _what(agency: str, year: int, reading: Reading, lang: str) -> str:
    """"平潭综合实验区2023年 本年新收…（总计）"; a row named by its total ("办理结果总计") takes no "（总计）"."""
    row, col = row_name(reading.row, lang), column_name(reading.row, reading.column, lang)
    if col.lower() in row.lower():
        return f"{agency}{year}年 {row}" if lang == "zh" else f"{agency}, {year}: {row}"
    return f"{agency}{year}年 {row}（{col}）" if lang == "zh" else f"{agency}, {year}: {row}, {col}"


def fact_text(agency: str, year: int, reading: Reading, lang: str) -> str:
    """The lines stating the value, or what is known of it."""
    if reading.printed_total is not None:
        return lead(reading, lang) + "\n" + plain_line(agency, year, reading, lang)
    return lead(reading, lang) + "\n" + _unknown_text(agency, year, reading, lang)


def _unknown_text(agency, year, reading: Reading, lang) -> str:
    what = _what(agency, year, reading, lang)
    if reading.missing and not reading.parts:
        return (f"{what}：这份年报的表格版式没有这一栏。" if lang == "zh" else f"{what} — this report's table layout has no such cell.")
    known = [p for p in reading.parts if p.value is not None and p.status == "certain"]
    blank = [p for p in reading.ambiguous if p.computed is not None and not p.candidates]
    computed = [p for p in reading.ambiguous if p.computed is not None and p.candidates]
    few = [p for p in reading.ambiguous if p.computed is None and 1 < len(p.candidates) <= 4]
    if lang == "zh":
        text = f"{what}："
        if blank:
            text += "这一栏在报告中空白；各栏相加为" + "、".join(format_number(p.computed) for p in blank) + "（计算值）。"
        else:
            text += "这份年报的文本中，该栏的数字无法确定对应到哪一列。"
        if computed:
            text += "按表格自身的勾稽关系推算为" + "、".join(format_number(p.computed) for p in computed) + "（计算值，非印出的数字）。"
        if few:
            text += "可能的读法：" + "；".join("、".join(format_number(c) for c in p.candidates) for p in few) + "。"
    else:
        text = f"{what} — "
        if blank:
            text += "the report leaves this cell blank; the other cells add up to " + ", ".join(
                format_number(p.computed) for p in blank) + " (computed)."
        else:
            text += "in this copy of the report the cell's number cannot be placed in its column."
        if computed:
            text += " The table's own totals imply " + ", ".join(format_number(p.computed) for p in computed) + \
                    " (computed, not printed)."
        if few:
            text += " Possible readings: " + "; ".join(", ".join(format_number(c) for c in p.candidates) for p in few) + "."
    if known and reading.summed:
        text += ("已确定的部分：" if lang == "zh" else " Known parts: ") + _parts_text(known, lang, _columns_of_one_row(reading.parts))
    return text


def _parts_text(parts, lang: str, by_column: bool) -> str:
    """Each part by its row, or by its column when the parts are columns of one row (the five columns that
    make up 法人或其他组织)."""
    sep = "；" if lang == "zh" else "; "
    return sep.join(f"{_part_label(p.key, lang, by_column)} {format_number(p.value)}" for p in parts)


def _part_label(key: str, lang: str, by_column: bool) -> str:
    row, column = key.rsplit(".", 1)
    return column_label(row, column, lang) if by_column else part_name(key, lang)


def _columns_of_one_row(parts) -> bool:
    """The parts are columns of one row (法人或其他组织's five), so each is named by its column."""
    return len(parts) > 1 and len({p.key.rsplit(".", 1)[0] for p in parts}) == 1


def part_name(key: str, lang: str) -> str:
    """A cell's row in plain words (重复申请, lawsuits filed directly), for the parts of a sum."""
    if key.startswith("litigation."):
        return row_name(key.rsplit(".", 1)[0], lang)
    row = key.rsplit(".", 1)[0]
    return row_name(row, lang)


def check_note(reading: Reading, lang: str) -> str:
    """The report's own totals disagree around the asked cells: said beside the printed figure."""
    if not reading.involved_checks:
        return ""
    if lang == "zh":
        details = "；".join(chinese_check(d) for d in reading.involved_checks)
        return f"注意：这份年报自身的合计对不上（{details}）；以上是表中印的数字。"
    return f"Note: the report's own totals disagree ({'; '.join(reading.involved_checks)}); the figure above is as printed."


_CHECK = re.compile(r"^(?P<scope>.+?): (?P<lhs>.+?) = (?P<a>-?[\d.]+) (?:but|=) (?P<rhs>.+?) = (?P<b>-?[\d.]+)$")


_NEVER = re.compile(r"^(?P<scope>.+?): (?P<lhs>.+?) ≠ (?P<rhs>.+?) in every reading of this copy$")


def chinese_check(detail: str) -> str:
    """"总计 column: 三(一)…(六) = 27 but 三(七) = 21" → "总计列：三(一)…(六)合计27，而三(七)为21"; a Chinese answer
    carries no English."""
    m = _CHECK.match(detail)
    if m:
        return f"{_zh(m['scope'])}：{_zh(m['lhs'])}合计{m['a']}，而{_zh(m['rhs'])}为{m['b']}"
    m = _NEVER.match(detail)
    if m:
        return f"{_zh(m['scope'])}：这份文本的任何读法下{_zh(m['lhs'])}都不等于{_zh(m['rhs'])}"
    return detail


def _zh(part: str) -> str:
    return part.replace("six applicant columns", "六个申请人栏").replace(" column", "列").replace(" row", "行")


def breakdown_text(reading: Reading, lang: str) -> str:
    """The parts of a summed family, non-zero ones named: "其中：重复申请3件；…"."""
    if not reading.summed or reading.printed_total is None:
        return ""
    nonzero = [p for p in reading.parts if p.value]
    if not nonzero:
        return ""
    parts = _parts_text(nonzero, lang, _columns_of_one_row(reading.parts))
    return ("其中：" if lang == "zh" else "Of which: ") + parts + ("。" if lang == "zh" else ".")


def source_for(report: ReportRecord, reading: Reading, lang: str) -> Source:
    by_column = _columns_of_one_row(reading.parts)
    column = column_label(reading.row, reading.column, "zh")
    quote = "；".join(f"{fact_label(p)}{'' if _is_appeal(p.key) else ' ' + _cell_column(p, column, by_column)} "
                     f"{_printed(p)}" for p in reading.parts[:8])
    return Source(report.title, report.agency, report.year, table_name(table_of(reading.keys[0]), "zh"),
                  quote, report.url)


def _cell_column(p: FactRecord, column: str, by_column: bool) -> str:
    """The column a quoted cell stands in: its own when the parts are columns of one row."""
    return _part_label(p.key, "zh", True) if by_column else column


def _printed(p: FactRecord) -> str:
    if p.value is None:
        return "（无法确定）"
    shown = format_number(p.value)
    if p.printed and p.printed != shown:
        return f"{shown}（印作“{p.printed}”）" if p.printed.strip() else f"{shown}（空白）"
    return shown


def _is_appeal(key: str) -> bool:
    return key.startswith(("review", "litigation"))


def fact_refs(reading: Reading) -> tuple[FactRef, ...]:
    return tuple(FactRef(p.key, p.value, p.agency, p.year) for p in reading.parts if p.value is not None)


def source_line(report: ReportRecord, reading: Reading, lang: str) -> str:
    """"来源：《…》表三，“一、本年新收政府信息公开申请数量”行，“总计”列。" — the row as printed."""
    table = table_name(table_of(reading.keys[0]), lang)
    printed = row_name(reading.row, "zh")
    if not reading.summed and not reading.row.startswith(("review", "litigation")):
        printed = next((p.label for p in reading.parts if p.label.strip()), printed)
    col = column_label(reading.row, reading.column, "zh")
    if lang == "zh":
        return f"来源：{titled(report, lang)}{table.split(' ')[0]}，“{printed}”行，“{col}”列。"
    return f"Source: {titled(report, lang)}, {table.split(',')[0]}, row “{printed}”, column “{col}”."

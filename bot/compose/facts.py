"""Wording of a single-fact answer: the number, the agency's full name, the year, the row as printed,
the report and its table, with related context (new requests beside the carried-over ones)."""

from __future__ import annotations

from index.types import FactRecord, ReportRecord
from ingest import template as tpl
from ingest.types import format_number

from ..metrics import FAMILIES, FAMILIES_EN
from ..types import FactRef, Source
from .cells import Reading
from .names import table_name, table_of

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
    unit = next((p.unit for p in reading.parts if p.unit), None)
    if unit:
        return unit if lang == "zh" else f" {unit}"
    if reading.row.startswith(("applications", "review", "litigation")):
        return "件" if lang == "zh" else ""
    return ""


def fact_text(agency: str, year: int, reading: Reading, lang: str) -> str:
    """The sentence stating the value (or what is known of it)."""
    label, col = row_label(reading, lang), column_label(reading.row, reading.column, lang)
    zh_label, zh_col = row_label(reading, "zh"), column_label(reading.row, reading.column, "zh")
    where = (f"（{table_name(table_of(reading.keys[0]), 'zh')}，“{label}”行，“{col}”列）" if lang == "zh"
             else f" ({table_name(table_of(reading.keys[0]), 'en')}: row “{zh_label}”, column “{zh_col}”)")
    total = reading.printed_total
    unit = unit_of(reading, lang)
    if total is not None:
        number = format_number(total)
        if lang == "zh":
            return f"{agency}{year}年{label}（{col}）为{number}{unit}{where}。"
        return f"{agency}, {year} — {_english_row(reading)}, {col}: {number}{unit}{where}."
    return _unknown_text(agency, year, reading, label, col, where, lang)


def _unknown_text(agency, year, reading: Reading, label, col, where, lang) -> str:
    if reading.missing and not reading.parts:
        return (f"{agency}{year}年的年报没有“{label}（{col}）”这一栏（该年报表格版式不同）。" if lang == "zh"
                else f"The {year} report of {agency} has no cell for {label}, “{col}” (its table layout differs).")
    known = [p for p in reading.parts if p.value is not None and p.status == "certain"]
    computed = [p for p in reading.ambiguous if p.computed is not None]
    few = [p for p in reading.ambiguous if p.computed is None and 1 < len(p.candidates) <= 4]
    if lang == "zh":
        text = f"{agency}{year}年{label}（{col}）无法从这份年报中确定读出{where}：表格中该单元格的位置不确定。"
        if computed:
            text += "按表格自身的勾稽关系推算为" + "、".join(format_number(p.computed) for p in computed) + "，但这只是推算，不是印在表中的数字。"
        if few:
            text += "可能的读法：" + "；".join("、".join(format_number(c) for c in p.candidates) for p in few) + "。"
    else:
        text = (f"The value of {label}, “{col}” for {agency}, {year} cannot be read from this copy of the report"
                f"{where}: the cell's place in the table is uncertain.")
        if computed:
            text += " The table's own identities imply " + ", ".join(format_number(p.computed) for p in computed) + \
                    ", but that is computed, not printed."
        if few:
            text += " Possible readings: " + "; ".join(", ".join(format_number(c) for c in p.candidates) for p in few) + "."
    if known and reading.summed:
        text += ("已确定的部分：" if lang == "zh" else " Known parts: ") + _parts_text(known, lang)
    return text


def _parts_text(parts, lang: str) -> str:
    sep = "；" if lang == "zh" else "; "
    return sep.join(f"{fact_label(p)} {format_number(p.value)}" for p in parts)


def check_warning(reading: Reading, lang: str) -> str:
    """What the report's own arithmetic says against the asked cells."""
    if not reading.involved_checks:
        return ""
    details = "；".join(reading.involved_checks) if lang == "zh" else "; ".join(reading.involved_checks)
    total = reading.printed_total
    if lang == "zh":
        shown = f"表中印的数字是{format_number(total)}，" if total is not None else ""
        return f"注意：{shown}但这份年报自身的合计对不上（{details}），因此不能把它当作确定的数字。"
    shown = f"The table prints {format_number(total)}, but " if total is not None else ""
    return f"Note: {shown}the report's own totals disagree ({details}), so it cannot be stated as certain."


def breakdown_text(reading: Reading, lang: str) -> str:
    """The parts of a summed family, non-zero ones named: "其中：重复申请3件；…"."""
    if not reading.summed or reading.printed_total is None:
        return ""
    nonzero = [p for p in reading.parts if p.value]
    if not nonzero:
        return ""
    return ("其中：" if lang == "zh" else "Of which: ") + _parts_text(nonzero, lang) + ("。" if lang == "zh" else ".")


def source_for(report: ReportRecord, reading: Reading, lang: str) -> Source:
    column = column_label(reading.row, reading.column, "zh")
    quote = "；".join(f"{fact_label(p)}{'' if _is_appeal(p.key) else ' ' + column} {_printed(p)}"
                     for p in reading.parts[:8])
    return Source(report.title, report.agency, report.year, table_name(table_of(reading.keys[0]), "zh"),
                  quote, report.url)


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
    table = table_name(table_of(reading.keys[0]), lang)
    return (f"来源：《{report.title}》，{table}。" if lang == "zh"
            else f"Source: 《{report.title}》, {table}.")

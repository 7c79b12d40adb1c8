"""The audit's rules, declared once: each with its name, severity, a title and a plain explanation in
Chinese and English, what it checks and what it deliberately does not flag (its precision), and the
function that finds it. `xxgk audit`, the Telegram `/audit`, answers and the README all read this list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import narrative, tables, years
from .types import CONTRADICTION, POSSIBLE, Finding, ReportView

Find = Callable[[ReportView, "ReportView | None"], list[Finding]]


@dataclass(frozen=True)
class Rule:
    name: str
    severity: str
    title_zh: str
    title_en: str
    explain_zh: str
    explain_en: str
    checks: str  # what it checks (precision, for the README)
    ignores: str  # what it deliberately does not flag
    find: Find

    def title(self, lang: str) -> str:
        return self.title_zh if lang == "zh" else self.title_en

    def explain(self, lang: str) -> str:
        return self.explain_zh if lang == "zh" else self.explain_en


def _this_year(fn: Callable[[ReportView], list[Finding]]) -> Find:
    return lambda view, before: fn(view)


RULE_LIST: tuple[Rule, ...] = (
    Rule(
        tables.IDENTITY, CONTRADICTION, "表格合计不符", "Totals that do not add up",
        "年报表格自带勾稽关系：每一列“一+二＝三(七)+四”，办理结果各项之和等于三(七)总计，每行总计等于各类申请人之和，"
        "复议、诉讼各组的总计等于维持、纠正、其他、未审结之和。这里列出报告自己的数字不满足的关系。",
        "The standard tables state their own arithmetic: in every column new + carried over = handled + carried "
        "forward, the result rows add up to the total handled, each row's total is the sum of its applicant "
        "columns, and each reconsideration or lawsuit group's total is the sum of its outcomes. These are the "
        "sums the report's own printed numbers break.",
        "Every identity of facts-keys.md, on the numbers as printed (ingest evaluates them; the index keeps "
        "the result). Failures of one family (all columns of the result sums, all row totals) are one finding.",
        "Identities with a cell that could not be read (scraped copies whose cells cannot be placed): nothing "
        "certain to compare — also when the reader finds no reading of such a copy that adds up, since a "
        "damaged copy (a converted table that lost its rows' order) can be at fault rather than the report. "
        "Sums broken only because a cell was left blank: reported as a blank cell instead.",
        _this_year(tables.identity_findings),
    ),
    Rule(
        tables.BLANK, CONTRADICTION, "应有数字的合计栏空白", "Blank cells where the sums say otherwise",
        "表格中某个总计栏（或其组成栏）留空，而同一行（列）的其他数字说明它不可能是0。",
        "A 总计 cell (or one of its parts) is printed blank, while the other cells of its row or column show it "
        "cannot be 0.",
        "Cells printed blank (empty, &nbsp;) in a table read from its layout, when an identity fails with the "
        "blank counted as 0; shown with the value the identity implies, as computed, never as read.",
        "Blank cells whose identities hold (a blank is a 0 there); cells of scraped text, where a blank cannot "
        "be told from a vanished cell.",
        _this_year(tables.blank_findings),
    ),
    Rule(
        narrative.NUMBER, CONTRADICTION, "正文与表格数字不符", "Narrative against tables",
        "报告正文说的某个数（如“共受理政府信息公开申请17件”“现行有效行政规范性文件393件”）与表格中对应的数字不一致，"
        "而且也不等于表格中任何常见的组合（新收加上年结转、同类理由之和、该行总计等）。",
        "A number the narrative states about something the tables count (\"共受理政府信息公开申请17件\", "
        "\"现行有效行政规范性文件393件\") differs from the table, and from every natural combination of its cells "
        "(new plus carried over, a family of reasons, the row's total).",
        "Numbers with a counting unit (件 起 宗 个 项 条 份) whose own clause names a row of the tables in the "
        "words of the metric dictionary answering uses; a clause naming only a column or a result continues the "
        "clause before it. Compared with every natural combination of the cells named: the cell, its family of "
        "rows, its row's total, rows named together, new + carried over, handled + carried forward, and for "
        "现行有效 the stock with the year's repealed documents added back. For a scraped cell that cannot be "
        "placed, flagged only when none of its possible values fits. \"None\" said in words (\"未发生…行政复议\", "
        "\"无行政复议、诉讼\", \"未收到政府信息公开申请\") is 0 for reconsiderations, lawsuits and new requests.",
        "Approximate numbers (近, 约, 余, 多, 以上); numbers of things the tables do not count (website items, "
        "hotline calls, channels such as 网络申请); a bare 申请 without a row word; table-2 numbers whose column is "
        "not named (\"规范性文件类信息68条\" may count items published, not documents made); open lists (\"规章、"
        "文件、规范性文件等243件\") and sentences that the tables cannot settle because a cell is unread; a "
        "narrative number equal to a natural combination (\"收到申请75件\" = 74 new + 1 carried over agrees); "
        "\"none\" of something narrower (\"未发生…被行政复议纠错或行政诉讼败诉\", \"没有应公开而不予公开\").",
        _this_year(narrative.number_findings),
    ),
    Rule(
        narrative.SHARE, POSSIBLE, "正文百分比与表格不符", "A share that fits no total",
        "正文给出的百分比（如“予以公开42件，占51.85%”）按表三的任何一个总数（本年新收、办理结果总计、新收加结转）计算都对不上。"
        "报告也可能用了别的基数，所以只标为“可能”。",
        "A percentage the narrative gives for a count of table 3 (\"予以公开42件，占51.85%\") fits none of its "
        "totals (new requests, requests handled, new plus carried over). The report may have used another base, "
        "so it is only \"possible\".",
        "Shares written right after a table-3 count (“42件，占51.85%”, “208件（17.46%）”) or after a row's name, "
        "rounded or cut to the printed decimals.",
        "Rates (办结率, 答复率), shares of things the tables do not count (channels, website visits), shares of "
        "tables 2 and 4.",
        _this_year(narrative.share_findings),
    ),
    Rule(
        years.CARRIED, CONTRADICTION, "上年结转与上年报告不符", "Carried over ≠ last year's carried forward",
        "本年报告的“二、上年结转政府信息公开申请数量”应等于同一机关上一年报告的“四、结转下年度继续办理”。",
        "What a report counts as carried over from last year should be what the same agency's report for last "
        "year counted as carried forward.",
        "Each applicant column of 二、上年结转 (year Y) against 四、结转下年度 (year Y−1), same agency, both "
        "cells read with certainty.",
        "Reports whose agency is not known (an empty name), years not consecutive in the index, unread cells.",
        years.carried_findings,
    ),
    Rule(
        years.IN_FORCE, CONTRADICTION, "现行有效件数与上年接不上", "In force does not follow from last year",
        "2021年新版表格中，本年“现行有效件数”应等于上一年的现行有效件数，加本年制发件数，减本年废止件数。",
        "In the 2021 layout, documents in force this year should be last year's in force plus those issued "
        "this year minus those repealed this year.",
        "规章 and 行政规范性文件: 现行有效(Y) against 现行有效(Y−1) + 本年制发(Y) − 本年废止(Y), same agency, both "
        "reports in the 2021 layout, every cell certain.",
        "2019-layout years (no such columns); years not consecutive in the index; unread cells (a scraped row "
        "such as “8855698” whose split is not certain). Documents that lapse without being repealed make a real "
        "report fail this too: the finding states the arithmetic, not the cause.",
        years.in_force_findings,
    ),
    Rule(
        years.ITEMS, CONTRADICTION, "上一年项目数量与上年报告接不上", "Last year's items do not follow",
        "2019年版表格中，本年的“上一年项目数量”应等于上一年报告的上一年项目数量加本年增/减。",
        "In the 2019 layout, this year's 上一年项目数量 should be the previous report's 上一年项目数量 plus its "
        "本年增/减.",
        "Every item row of table 2 (行政许可, 其他对外管理服务事项, 行政处罚, 行政强制, 行政事业性收费), same agency, "
        "both reports in the 2019 layout, every cell certain.",
        "2021-layout years; years not consecutive; unread cells.",
        years.items_findings,
    ),
    Rule(
        years.COPIED, POSSIBLE, "疑似照抄上年数字", "Possibly copied from last year",
        "某一行的数字与上一年报告完全相同，而同一表格的其他行都变了：可能是照抄上一年的数字，也可能只是巧合，所以只标为“可能”。",
        "A row printed exactly as in the previous year's report while the rest of its table changed: possibly "
        "copied, possibly a coincidence, so only \"possible\".",
        "Rows of tables 2, 3 and 4 whose cells are all equal to last year's, when the row has at least two non-zero "
        "cells of its own adding up to 5 or more, or one with three digits or a fraction (totals and stocks such "
        "as 现行有效 and 上一年项目数量 do not count), and another row of the same table changed.",
        "Rows of zeros or small counts (a repeat of 1 or 3 requests is likely by chance); stocks that stay equal "
        "by design; a table identical in every row (then the whole report is in question, not a row).",
        years.copied_findings,
    ),
)

RULES: dict[str, Rule] = {r.name: r for r in RULE_LIST}

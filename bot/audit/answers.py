"""The audit in answers: a warning line when the number an answer states is disputed by its own report,
and the answer to "is this report consistent?" questions ("平潭2022年的数据前后一致吗？", "Are there
contradictions in Hongze's 2024 report?", "哪些年报的数字对不上？").
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..types import Answer, Source
from . import audit, audit_report
from .types import Finding

# Findings within one table are said by the answer itself (its check warning); these are the others.
_TABLE_RULES = ("table.identity", "table.blank_cell")
_ASKS = re.compile(
    r"矛盾|前后一致|是否一致|一致吗|对不上|不一致|不相符|"
    r"contradict|inconsisten|consistent|discrepanc|(?:do|does|don't|doesn't)\s+(?:not\s+)?add up|mismatch", re.I)
_SUMS = re.compile(r"加起来|加总|相加|之和|等于总计|add up|adds up|sum\b|sums\b", re.I)
MAX_LISTED = 8


def warning_line(answer: Answer, index) -> str:
    """"注意：报告正文说受理17件，表三为95件" when a number the answer states is involved in a finding of
    its report (narrative or year to year); "" otherwise."""
    several = len({(ref.agency, ref.year) for ref in answer.facts}) > 1
    for ref in answer.facts:
        record = index.report_for(ref.agency, ref.year) if ref.year is not None else None
        if record is None:
            continue
        for finding in audit_report(index, record):
            if finding.rule not in _TABLE_RULES and finding.involves(ref.key, ref.agency, ref.year):
                where = (f"{ref.agency}{ref.year}年" if answer.lang == "zh" else f"{ref.agency} {ref.year}")
                return finding.note(answer.lang, where if several else "")
    return ""


def with_warning(answer: Answer, index) -> Answer:
    """The answer with its warning line added (unchanged when there is none)."""
    if answer.kind not in ("fact", "compare") or not answer.facts:
        return answer
    line = warning_line(answer, index)
    if not line:
        return answer
    return replace(answer, text=f"{answer.text}\n{line}")


def audit_question(u, index) -> Answer | None:
    """The answer to a question about reports' consistency ("数据前后一致吗", "contradictions", "哪些年报的
    数字对不上", "现行有效的规范性文件前后一致吗"); None for any other question — and for one about a sum
    ("办理结果各项加起来等于总计吗": answered as a check) or an agency the index does not hold (refused as
    usual)."""
    if not _ASKS.search(u.text) or (u.metric.row and _SUMS.search(u.text)):
        return None
    if u.agency.unknown and not u.agency.names:
        return None
    agencies = tuple(u.agency.names) if u.agency.region_matched or u.agency.dept_matched else ()
    row = "applications" if u.metric.defaulted else u.metric.row  # a bare "申请": table 3 as a whole
    return audit_answer(u.text, u.lang, agencies, tuple(u.years.years), index, row)


def audit_answer(question: str, lang: str, agencies: tuple[str, ...], years: tuple[int, ...], index,
                 row: str | None = None) -> Answer:
    """The findings of the reports asked about (all indexed reports when none is named; only those that
    involve `row` when one is named), most serious first."""
    reports = [r for r in index.reports() if (not agencies or r.agency in agencies) and (not years or r.year in years)]
    if not reports:
        return Answer(question, "not_found", _none_indexed(agencies, years, lang), lang=lang)
    findings = [f for f in audit(index, {r.agency for r in reports}) if f.report_id in {r.id for r in reports}
                and (row is None or any(c.key.startswith(row + ".") for c in f.cells))]
    findings.sort(key=lambda f: (f.severity != "contradiction", f.agency, f.year or 0))
    chained = all(r.agency and index.report_for(r.agency, (r.year or 0) - 1) for r in reports)
    text = _head(findings, reports if agencies else [], chained, lang, row is not None) + "".join(
        f"\n{i}. {_where(f, lang)}{f.text(lang)}" for i, f in enumerate(findings[:MAX_LISTED], 1))
    if len(findings) > MAX_LISTED:
        rest = len(findings) - MAX_LISTED
        text += (f"\n……另有{rest}处（xxgk audit 或 /audit 可看全部）。" if lang == "zh"
                 else f"\n…and {rest} more (xxgk audit or /audit lists them all).")
    sources = tuple(s for f in findings[:MAX_LISTED] for s in f.sources[:1])
    return Answer(question, "list", text, sources=_unique(sources), lang=lang)


def _none_indexed(agencies: tuple[str, ...], years: tuple[int, ...], lang: str) -> str:
    shown = "、".join(agencies) + ("、".join(f"{y}" for y in years) and f" {'、'.join(map(str, years))}")
    return f"索引中没有{shown}年的年报。" if lang == "zh" else f"The index holds no report of {shown}."


def _head(findings: list[Finding], reports: list, chained: bool, lang: str, about_row: bool) -> str:
    if lang == "zh":
        scope = "、".join(f"{r.agency}{r.year}年" for r in reports) + "的年报" if reports else "已收录的年报"
        if not findings and about_row:
            return f"{scope}中没有发现与所问数字有关的矛盾。"
        if not findings:
            years = "与上一年报告也接得上" if chained else "索引中没有上一年的报告，未能逐年核对"
            return f"{scope}中没有发现矛盾：表格合计、正文与表格都对得上；{years}。"
        sure = sum(f.severity == "contradiction" for f in findings)
        return f"{scope}中发现{len(findings)}处不一致（{sure}处确定矛盾，{len(findings) - sure}处可能）："
    scope = ("the " + ", ".join(f"{r.year} report of {r.agency}" for r in reports)) if reports else "the indexed reports"
    if not findings and about_row:
        return f"No contradiction involving the figures asked about in {scope}."
    if not findings:
        years = ("the figures follow from the year before" if chained
                 else "the index has no report of the year before to chain with")
        return f"No contradictions found in {scope}: the tables add up and the text agrees with them; {years}."
    sure = sum(f.severity == "contradiction" for f in findings)
    return f"{len(findings)} inconsistencies in {scope} ({sure} contradictions, {len(findings) - sure} possible):"


def _where(finding: Finding, lang: str) -> str:
    return f"{finding.agency}{finding.year}年：" if lang == "zh" else f"{finding.agency} {finding.year}: "


def _unique(sources: tuple[Source, ...]) -> tuple[Source, ...]:
    return tuple(dict.fromkeys(sources))

"""A report's plans for the next year, quoted whole: every item of its 工作打算 / 下一步 section, and where
the plans for year Y are found (the report on Y-1)."""

from __future__ import annotations

import re

from index.types import Chunk, ReportRecord

from ..types import Source
from .names import titled

ASKS_PLAN = re.compile(r"计划|打算|下一步|工作安排|工作思路|工作要点|准备做|要做什么|怎么改进|怎样改进|如何改进|要怎么改|"
                       r"改进措施|整改措施|改进举措|(?:将|要|准备|拟|打算)采取|"
                       r"\bplan|\bnext steps?\b|going forward|intend|how .{0,20}improve|\bdo next\b|going to do|will .{0,40}\bdo\b|"
                       r"\b(?:would|will|going to)\b.{0,40}\bimprov|\bimprov\w*\b.{0,40}\bnext year\b",
                       re.I)
_PLAN_HEADING = re.compile(r"打算|计划|下一步|思路|工作安排|要点|展望")
_IMPROVE_HEADING = re.compile(r"改进|整改")
MAX_CHARS = 1500


def plan_chunks(chunks: list[Chunk]) -> list[Chunk]:
    """The narrative passages of the report's plan section (or, lacking one, of its improvements section)."""
    narrative = [c for c in chunks if c.kind == "narrative"]
    for heading in (_PLAN_HEADING, _IMPROVE_HEADING):
        found = [c for c in narrative if c.section and heading.search(c.section)]
        if found:
            section = found[0].section
            return sorted((c for c in found if c.section == section), key=lambda c: c.ordinal)
    return []


def plan_text(report: ReportRecord, chunks: list[Chunk], shifted: bool, lang: str, agency_label: str) -> str:
    body = _body(chunks)
    section = chunks[0].section
    if lang == "zh":
        where = f"{report.year + 1}年的工作打算写在{report.year}年度的报告中。" if shifted else ""
        return f"{where}据{titled(report, lang)}（{section}）：\n“{body}”"
    where = f"Plans for {report.year + 1} are in the report on {report.year}. " if shifted else ""
    title = f"《{report.title}》, " if report.title.strip() else ""
    return f"{where}The {report.year} report of {agency_label} ({title}section {section}) says:\n“{body}”"


def plan_source(report: ReportRecord, chunks: list[Chunk]) -> Source:
    return Source(report.title, report.agency, report.year, chunks[0].section, _body(chunks), report.url)


def _body(chunks: list[Chunk]) -> str:
    parts = []
    for c in chunks:
        text = c.text.split("\n", 1)[-1]
        head = f"{c.section}"
        text = text.split(head, 1)[-1] if head and head in text[:120] else text
        parts.append(text.strip())
    body = "".join(parts)
    return body if len(body) <= MAX_CHARS else body[:MAX_CHARS - 1] + "…"

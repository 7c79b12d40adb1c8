"""A standard table the report replaces with a sentence: "本年度未收到政府信息公开申请",
"未发生涉及政府信息公开的行政复议、行政诉讼案件".

Only the section where the table belongs is read (under its heading), and only a sentence that denies
the table's whole subject: "no requests received", "no reconsideration and no lawsuits". The cells such a
sentence establishes are 0, with the sentence as their evidence; a cell it does not establish (last year's
carried-over requests, when only this year's are denied) is left out, neither stated nor flagged. A
sentence that denies something narrower ("未发生…被纠错", "败诉") establishes nothing.
"""

from __future__ import annotations

import re

from ingest.readings import RowReading
from ingest.sections import STANDARD_HEADING
from ingest.template import TableSpec, Template

_NUM = r"(?:^|\n)\s*[一二三四五六七八九十]{1,2}、"
_HEADINGS = {
    "applications": re.compile(
        rf"{_NUM}[^\n。]{{0,12}}(?:收到和处理政府信息公开申请|依申请公开)[^\n。]{{0,12}}"
    ),
    "appeals": re.compile(rf"{_NUM}[^\n。]{{0,20}}行政复议[^\n。]{{0,20}}行政诉讼[^\n。]{{0,12}}"),
}
_NEXT_HEADING = re.compile(rf"{_NUM}")
_SENTENCE = re.compile(r"[^。；;\n]+")
_DENIES = r"(?:未|没有|无)(?:发生|出现|收到|受理|接到|被申请|被提起|产生)?"
_NARROWER = re.compile(r"纠错|纠正|败诉|撤销|确认违法|维持")
_NO_REQUESTS = re.compile(rf"{_DENIES}[^，,。]{{0,16}}?(?:政府信息公开|信息公开|公开)申请")
_NO_CARRY_OVER = re.compile(
    r"(?:上年|上一年度?)[^，,。]{0,6}?(?:无|没有|未有)[^，,。]{0,4}?结转|无上年结转|没有上年结转"
)
_NO_REVIEW = re.compile(rf"{_DENIES}[^，,。]{{0,24}}?行政复议")
_NO_LAWSUIT = re.compile(rf"{_DENIES}[^，,。]{{0,24}}?行政诉讼|行政复议[和及与、或]行政诉讼")


def sentence_readings(text: str, template: Template, found: set[str]) -> list[RowReading]:
    """Readings of the tables (not in `found`) that the report states by a sentence instead."""
    readings: list[RowReading] = []
    for table in template.tables:
        if table.key in found or table.key not in _HEADINGS:
            continue
        for sentence in _sentences(text, _HEADINGS[table.key]):
            established = _established(table, sentence)
            if established:
                readings += _zeros(table, established, sentence)
                break
    return readings


def _sentences(text: str, heading: re.Pattern[str]) -> list[str]:
    m = heading.search(text)
    if not m:
        return []
    ends = [
        x.start() for x in (_NEXT_HEADING.search(text, m.end()), STANDARD_HEADING.search(text, m.end())) if x
    ]
    section = text[m.end() : min(ends, default=len(text))][:600]
    return [s.strip() for s in _SENTENCE.findall(section) if s.strip()]


def _established(table: TableSpec, sentence: str) -> set[str]:
    """What the sentence makes all-zero: row keys of table 3, or the groups of table 4 ("review",
    "litigation")."""
    if _NARROWER.search(sentence):
        return set()
    if table.key == "applications":
        if not _NO_REQUESTS.search(sentence) or "行政复议" in sentence or "行政诉讼" in sentence:
            return set()
        return {"new_received"} | ({"carried_over"} if _NO_CARRY_OVER.search(sentence) else set())
    review = _NO_REVIEW.search(sentence) is not None
    lawsuit = _NO_LAWSUIT.search(sentence) is not None and (review or "行政复议" not in sentence)
    return {group for group, denied in (("review", review), ("litigation", lawsuit)) if denied}


def _zeros(table: TableSpec, established: set[str], sentence: str) -> list[RowReading]:
    if table.key == "appeals":  # one value row: the sentence covers the groups it names, the rest is left out
        block, row = table.rows[0]
        covered = [c.group.split(".")[0] in established for c in block.columns]
        cells = tuple("0" if yes else "" for yes in covered)
        skipped = tuple(i for i, yes in enumerate(covered) if not yes)
        return [RowReading(table, block, row, "", cells=cells, evidence=sentence, skipped=skipped)]
    return [
        RowReading(table, block, row, row.zh, cells=("0",) * len(block.columns), evidence=sentence)
        for block, row in table.rows
        if row.key in established
    ]

"""Cut a parsed report into passages for full-text and vector search.

Narrative: each section is split into sentences (。！？；) and the sentences are packed into passages of
about 150–250 characters — well inside e5-small's 512-token window even with the context line, and
short enough that a passage is about one thing. Every passage starts with a context line (agency,
year, section heading), because a bare sentence such as "共公布政府信息2599条" says neither whose nor
when. `start`/`end` are the body's character span in its section's text.

Tables: each row of the standard tables becomes one short passage built from the report's facts
("盘锦市营商环境建设局 2020年 一、本年新收政府信息公开申请数量 自然人 0 … 总计 0"), so table content is
findable by words as well as by key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ingest.limits import check_passages
from ingest.resolve import NOT_PRINTED
from ingest.template import (
    APPEAL_GROUP_LABELS,
    APPLICANT_COLUMNS,
    DERIVED_2021,
    TEMPLATE_2019,
    TEMPLATE_2021,
    TEMPLATES,
    Template,
)
from ingest.types import ParsedReport, format_number

TARGET = 200  # characters of body a passage aims for
MAXIMUM = 250  # a passage is closed before it would grow past this
_SENTENCE_END = re.compile(r"[。！？；!?;]+[”’」』)）]*|\n+")
_CLAUSE_END = re.compile(r"[，,、：:]")
# A numbered sub-heading standing alone ("（五）监督保障方面", "二、依申请公开"): it belongs with what it heads.
_SUBHEADING = re.compile(r"\s*(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.、])[^。！？!?]{1,20}")


@dataclass(frozen=True)
class Passage:
    section: str
    ordinal: int
    text: str  # context line + body: what is searched and embedded
    start: int = 0
    end: int = 0
    kind: str = "narrative"


def passages(report: ParsedReport) -> list[Passage]:
    """All passages of a report in reading order: the narrative, then one per table row. LimitExceeded
    when there would be more than MAX_PASSAGES (found before the rest of the text is cut)."""
    context = context_line(report.meta.agency, report.meta.year)
    out: list[Passage] = []
    for section in report.sections:
        for start, end in pack(_headed(section.text, sentence_spans(section.text))):
            body = _clean(section.text[start:end])
            if body:
                head = f"{context} {section.heading}".strip()
                out.append(Passage(section.heading, len(out), f"{head}\n{body}", start, end, "narrative"))
                check_passages(len(out), report.source.name)
    for section, line in table_rows(report):
        out.append(Passage(section, len(out), f"{context} {line}", 0, 0, "table"))
    check_passages(len(out), report.source.name)
    return out


def context_line(agency: str, year: int | None) -> str:
    return f"{agency} {year}年" if year else agency


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Spans of sentences; a sentence longer than MAXIMUM is cut at clauses, then hard."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.extend(_cut_long(text, start, m.end()))
        start = m.end()
    spans.extend(_cut_long(text, start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _cut_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    while end - start > MAXIMUM:
        window = text[start : start + MAXIMUM]
        clauses = [m.end() for m in _CLAUSE_END.finditer(window) if m.end() > TARGET // 2]
        cut = start + (clauses[-1] if clauses else MAXIMUM)
        spans.append((start, cut))
        start = cut
    spans.append((start, end))
    return spans


def leads_in(sentence: str) -> bool:
    """A sub-heading or a lead-in ending in a colon ("…采取以下措施加以改进："): it says nothing without the
    sentence after it."""
    sentence = sentence.strip()
    return bool(_SUBHEADING.fullmatch(sentence)) or sentence.endswith(("：", ":"))


def _headed(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join each sub-heading, and each lead-in ending in a colon ("…采取以下措施加以改进："), to the sentence
    after it, so no passage ends with words cut from what they introduce."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and leads_in(text[out[-1][0] : out[-1][1]]):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def pack(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Greedily join consecutive sentences into passages of about TARGET characters."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and (e - out[-1][0] <= TARGET or (out[-1][1] - out[-1][0] < TARGET // 2 and e - out[-1][0] <= MAXIMUM)):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# --- table rows ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Place:
    table: str  # section name of the passage: the table's Chinese title
    row: str  # the row label written in the passage
    column: str
    order: int  # template order, so cells come out as the report prints them


def table_rows(report: ParsedReport) -> list[tuple[str, str]]:
    """(section, "row label col value col value …") for each table row that holds a fact or an ambiguous cell."""
    places = _places(report.meta.template)
    cells: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for fact in report.facts:
        place = places.get(fact.key)
        if place:
            cells.setdefault((place.table, place.row), []).append((place.order, f"{place.column} {_shown(fact)}"))
    for amb in report.ambiguous:
        place = places.get(amb.key)
        if place:
            cells.setdefault((place.table, place.row), []).append((place.order, f"{place.column} 无法确定"))
    rows = sorted(cells.items(), key=lambda item: min(o for o, _ in item[1]))
    return [(table, f"{row} " + " ".join(c for _, c in sorted(parts))) for (table, row), parts in rows]


def _shown(fact) -> str:
    if fact.printed.strip() == "/":
        return "/"
    if fact.unit == NOT_PRINTED:
        return f"{format_number(fact.value)}（单位未注明）"
    return format_number(fact.value) + (fact.unit or "")


@cache
def _places(template_name: str) -> dict[str, _Place]:
    """Where each canonical key sits: the report's own template first, then the other one."""
    primary = TEMPLATES.get(template_name, TEMPLATE_2021)
    places: dict[str, _Place] = {}
    for template in (primary, TEMPLATE_2019 if primary is TEMPLATE_2021 else TEMPLATE_2021):
        for key, place in _template_places(template).items():
            places.setdefault(key, place)
    return places


def _template_places(template: Template) -> dict[str, _Place]:
    places: dict[str, _Place] = {}
    for table in template.tables:
        for block in table.blocks:
            for row in block.rows:
                for col in block.columns:
                    row_label, col_label = _labels(table.key, table.zh, row.zh, col)
                    places[table.cell_key(row, col)] = _Place(table.zh, row_label, col_label, len(places))
    for key in DERIVED_2021:
        col = next(c for c in APPLICANT_COLUMNS if key.endswith("." + c.key))
        places[key] = _Place(template.table("applications").zh, "（六）其他处理", col.zh, 10_000 + len(places))
    return places


def _labels(table_key: str, table_zh: str, row_zh: str, col) -> tuple[str, str]:
    """Table 2 rows are short ("规章"): the table title makes them readable. Table 4 has one row of
    fifteen cells: it is split into its three groups (行政复议, two kinds of 行政诉讼)."""
    if table_key == "proactive":
        return f"主动公开 {row_zh}", col.zh
    if table_key == "appeals":
        group_zh = APPEAL_GROUP_LABELS[col.group][0]
        return group_zh, col.zh.removeprefix(group_zh)
    return row_zh, col.zh


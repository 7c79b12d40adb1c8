"""Names as an answer prints them: official Chinese names, with an English gloss in English answers."""

from __future__ import annotations

from functools import cache

from index.types import AgencyRecord

from ..understand.agency import agency_forms
from ..understand.glossary import REGION_SUFFIXES

TABLES = {
    "proactive": ("表二 主动公开政府信息情况", "Table 2, proactively published information"),
    "applications": ("表三 收到和处理政府信息公开申请情况", "Table 3, requests received and handled"),
    "appeals": ("表四 政府信息公开行政复议、行政诉讼情况", "Table 4, administrative reconsideration and lawsuits"),
}


@cache
def english_gloss(record: AgencyRecord) -> str:
    """盘锦市营商环境建设局 → "Panjin City Business Environment Construction Bureau" (a gloss, not an official name)."""
    f = agency_forms(record)
    words = [f.pinyin.capitalize()] if f.pinyin.isascii() and f.pinyin else []
    suffix = f.region_full[len(f.region_core):]
    if suffix in REGION_SUFFIXES:
        words.append(REGION_SUFFIXES[suffix][0])
    if f.department in ("人民政府", "政府"):
        words.append("People's Government")
    for _, options in f.dept_parts:
        if options:
            words.append(options[0])
    return " ".join(w[:1].upper() + w[1:] for w in " ".join(words).split())


def agency_name(record: AgencyRecord | None, name: str, lang: str) -> str:
    if lang != "en" or record is None:
        return name
    gloss = english_gloss(record)
    return f"{name} ({gloss})" if gloss else name


def also_indexed(others: tuple[tuple[str, tuple[int, ...]], ...], lang: str) -> str:
    """The line under an answer about a region named alone: the region's other agencies, each with the years
    asked that it has reports of, so the asker can ask for them by name."""
    if lang == "zh":
        said = "；".join(f"{name}的{'、'.join(map(str, years))}年年报" for name, years in others)
        return f"同一地区还收录了{said}，如要问它，请说出单位名称。"
    said = "; ".join(f"{name} for {', '.join(map(str, years))}" for name, years in others)
    return f"Also indexed in this region: {said}; name it to ask about it."


def titled(report, lang: str) -> str:
    """《title》 as the report prints it; a copy that carries no title (a crawler's cell of text) is named by
    its agency and year, said as such rather than shown as an empty 《》."""
    if report.title.strip():
        return f"《{report.title}》"
    if lang == "zh":
        return f"{report.agency}{report.year}年度报告（该副本未载标题）"
    return f"the {report.year} report of {report.agency} (this copy prints no title)"


def table_name(table: str, lang: str) -> str:
    zh, en = TABLES.get(table, (table, table))
    return zh if lang == "zh" else en


def table_of(key: str) -> str:
    if key.startswith(("review", "litigation")):
        return "appeals"
    return key.split(".")[0]

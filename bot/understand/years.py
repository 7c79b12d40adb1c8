"""Which statistics year(s) a question asks about.

A report covers the year before it is published, and the index stores that statistics year:
"the 2020 report" and "requests in 2020" are the same report. Only "published in 2021" /
"2021年发布的" shifts back by one year.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_ZH_DIGITS = {"〇": "0", "零": "0", "○": "0", "Ｏ": "0", "一": "1", "二": "2", "三": "3", "四": "4",
              "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_YEAR = r"(?<!\d)((?:19|20)\d\d)(?!\d)"
# "19年" for 2019 (citizens shorten years); not "近10年", "过去5年", "第3年".
_SHORT_YEAR = re.compile(r"(?<![\d近过去这多几第每前后])([12]\d)\s*年(?![\d以来内间])")
_ZH_YEAR = re.compile(r"([〇零○Ｏ一二三四五六七八九]{4})\s*年")
# A year written short in English: "in '23", "FY23", "FY2023".
_SHORT_EN = re.compile(r"(?<![\w'’])(?:['’‘]|FY\s?)(?:20)?([0-3]\d)(?![\d'’\w])", re.I)
_RANGE = re.compile(r"between\s+" + _YEAR + r"\s+and\s+" + _YEAR + "|" + _YEAR
                    + r"\s*年?度?\s*(?:到|至|~|～|-|－|—|–|to|through|until)\s*" + _YEAR, re.I)
_SINCE = re.compile(
    r"(?:since|after|from)\s+" + _YEAR + r"(?!\s*(?:to|through|until|-|–))"
    r"|(?:自|从)?" + _YEAR + r"\s*年?度?\s*(?:以来|起|开始|以后|之后)", re.I)
# "published in 2021", "plans for 2021", "2021年有什么改进打算", "2021年要怎样改进" and "carried forward into 2021"
# are in the report on 2020. ("2023年发布政策解读" is work done in 2023: only a report's publication shifts the
# year; "2023年下一步打算" is the next steps the 2023 report names, "2023年年报里的计划" that report's plans.)
_PUBLISHED = re.compile(r"(?:report\s+(?:was\s+)?published\s+in|plans?(?:\s+of(?:\s+(?!for\b)[\w'’.-]+){1,10})?\s+for|"
                        r"work\s+plan\s+for|"
                        r"plan(?:s|ned)?\s+(?:(?:to|for)\s+(?:[a-z]+\s+){0,4})?(?:in|for|during)|"
                        r"(?:carr\w*|roll\w*|brought|mov\w*)\s+(?:forward|over)\s+(?:in)?to|结转(?:至|到|入)|(?<!上年)转(?:入|至|到))\s*"
                        + _YEAR + "|" + _YEAR
                        + r"\s*年?度?\s*(?:(?:发布|公布|印发)的?(?:年度报告|年报|报告)|"
                        r"(?![\u4e00-\u9fff]{0,3}(?:年报|报告))(?![\u4e00-\u9fff]{0,12}下一步)[\u4e00-\u9fff]{0,12}?"
                        r"(?:工作打算|工作计划|工作要点|工作安排|打算|计划|安排|[要该]?(?:怎样|怎么|如何)改进|准备做|要做什么))"
                        r"|" + _YEAR + r"\s+(?:work\s+)?plans?\b",
                        re.I)
# "carried over from 2022", "从2022年结转过来的" are in the report on 2023: that report's 上年结转 row.
_CARRIED_FROM = re.compile(r"(?:carr\w*|roll\w*|brought|bring\w*|mov\w*)\s+(?:(?:over|forward)\s+)?from\s+"
                           + _YEAR + r"|(?:从|自)" + _YEAR + r"\s*年?度?(?:结转|转入|转过来|转来|遗留)", re.I)
_ALL = re.compile(r"历年|每年|各年|逐年|历次|over the years|each year|every year|all years|year by year|"
                  r"over time|trend", re.I)
# Relative years. "上年"/"本年" are not here: they are table labels (上年结转, 本年新收).
# "上一年度行政处罚…" is last year; "上一年度结转" / "上年度遗留" are table labels, not years.
_LAST_YEAR_ZH = re.compile(r"上一年度?(?!度|结转|遗留|未办结|转|项目|有|的项目)")
_CARRIED_ACROSS = re.compile(r"度?(?:结转|遗留|未办结|没办完|未办完|转)")
_RELATIVE_ZH = {"大前年": -3, "前年": -2, "去年": -1, "今年": 0}
_RELATIVE_EN = re.compile(
    r"(?<!from )(?<!over from )\b(?:the\s+)?(year\s+before\s+last|last\s+year|this\s+year|two\s+years\s+ago)\b", re.I)
_EN_OFFSETS = {"year before last": -2, "last year": -1, "this year": 0, "two years ago": -2}
# A year compared with the one before it ("比上一年", "较上年", "同比", "than the previous year", "year on year"):
# with a year named, the year before that one. ("carried over from the previous year" is a row, not a year.)
_BEFORE_STATED = re.compile(
    r"(?:比|较|与|和|跟|同)\s*(?:上一?年度?|前一年|去年|上年同期)(?!度?结转|度?遗留)|同比|"
    r"\b(?:than|compared\s+(?:with|to)|versus|vs\.?|relative\s+to|over)\s+(?:that\s+of\s+)?(?:the\s+)?"
    r"(?:previous|prior|preceding|last)\s+year|\b(?:than|compared\s+(?:with|to))\s+the\s+year\s+before|"
    r"\byear[- ]on[- ]year\b|\bwith\s+(?:the\s+)?(?:previous|prior|preceding)\s+year\b", re.I)


@dataclass(frozen=True)
class YearAsk:
    """The years as asked, before they are checked against what the index holds."""

    years: tuple[int, ...] = ()  # explicit or relative years, in the order asked
    span: tuple[int, int] | None = None  # "2019到2021": the indexed years within it
    since: int | None = None  # "since 2019": from this year to the latest indexed
    all_years: bool = False  # 历年 / over the years
    relative: bool = False  # a year came from 去年 / last year
    shifted: tuple[int, ...] = ()  # report years read from "plans for Y+1" / "published in Y+1" / "carried into Y+1"
    # / "carried over from Y-1"

    @property
    def given(self) -> bool:
        return bool(self.years) or self.since is not None or self.all_years or self.span is not None

    def resolve(self, available: list[int] | tuple[int, ...]) -> tuple[int, ...]:
        """The asked years among `available` for ranges; explicit years are kept even if absent."""
        if self.all_years:
            return tuple(sorted(available))
        if self.since is not None:
            return tuple(y for y in sorted(available) if y >= self.since)
        if self.span is not None:
            inside = [y for y in sorted(available) if self.span[0] <= y <= self.span[1]]
            return tuple(dict.fromkeys([*inside, *(y for y in self.years if not self.span[0] <= y <= self.span[1])]))
        return self.years


def parse_years(text: str, today: dt.date | None = None) -> YearAsk:
    today = today or dt.date.today()
    text = _zh_numeral_years(text)
    years: list[tuple[int, int]] = []  # (position, year)
    taken: list[tuple[int, int]] = []
    span = None
    for m in _RANGE.finditer(text):
        lo, hi = sorted(int(g) for g in m.groups() if g)
        span = (lo, hi) if span is None else (min(span[0], lo), max(span[1], hi))
        taken.append(m.span())
    shifted = []
    for m in _CARRIED_FROM.finditer(text):
        if not _inside(m.start(), taken):
            years.append((m.start(), int(next(g for g in m.groups() if g)) + 1))
            shifted.append(years[-1][1])
            taken.append(m.span())
    if span is None:
        span = _recent_years(text, today.year)
    since = None
    for m in _SINCE.finditer(text):
        if not _inside(m.start(), taken):
            since = int(m.group(1) or m.group(2))
            taken.append(m.span())
    for m in _PUBLISHED.finditer(text):
        if not _inside(m.start(), taken):
            years.append((m.start(), int(next(g for g in m.groups() if g)) - 1))
            shifted.append(years[-1][1])
            taken.append(m.span())
    for m in re.finditer(_YEAR, text):
        if not _inside(m.start(), taken):
            years.append((m.start(), int(m.group(1))))
    relative = _relative_years(text, today.year)
    stated = [y for _, y in years]
    before = _BEFORE_STATED.search(text)
    if before and len(set(stated)) == 1:
        # "2025年比上一年增长了多少": the year before the one named, not the year before today
        relative = [(p, y) for p, y in relative if not before.start() <= p < before.end()]
        relative.append((before.start(), stated[0] - 1))
    years += relative
    ordered = tuple(dict.fromkeys(y for _, y in sorted(years)))
    all_years = bool(_ALL.search(text)) and not ordered and since is None and span is None
    return YearAsk(ordered, span, since, all_years, bool(relative), tuple(shifted))


# "近三年", "过去5年", "the last three years": the N report years up to last year (a year's report comes out
# in the next one).
_RECENT = re.compile(r"(?:近|最近|过去)\s*([一二两三四五六七八九十\d]+)\s*年(?!度?报)|"
                     r"\b(?:last|past|recent|previous)\s+(\d+|two|three|four|five|six|seven|eight|nine|ten)\s+years\b",
                     re.I)
_COUNTS = {**{w: i for i, w in enumerate("一二三四五六七八九十", 1)}, "两": 2,
           **{w: i for i, w in enumerate("two three four five six seven eight nine ten".split(), 2)}}


def _recent_years(text: str, this_year: int) -> tuple[int, int] | None:
    m = _RECENT.search(text)
    if m is None:
        return None
    word = (m.group(1) or m.group(2)).lower()
    n = int(word) if word.isdigit() else _COUNTS.get(word)
    if not n or n > 20:
        return None
    return this_year - n, this_year - 1


def _relative_years(text: str, this_year: int) -> list[tuple[int, int]]:
    found = []
    for m in _LAST_YEAR_ZH.finditer(text):
        found.append((m.start(), this_year - 1))
    for word, offset in _RELATIVE_ZH.items():
        for m in re.finditer(word, text):
            if _CARRIED_ACROSS.match(text, m.end()):
                continue  # "去年没办完的申请": requests carried over, a row of the table
            if not (word == "前年" and text[max(0, m.start() - 1):m.start()] == "大"):
                found.append((m.start(), this_year + offset))
    for m in _RELATIVE_EN.finditer(text):
        phrase = re.sub(r"\s+", " ", m.group(1).lower())
        found.append((m.start(), this_year + _EN_OFFSETS[phrase]))
    return found


def _zh_numeral_years(text: str) -> str:
    text = _ZH_YEAR.sub(lambda m: "".join(_ZH_DIGITS[c] for c in m.group(1)) + "年", text)
    text = _SHORT_EN.sub(lambda m: f"20{m.group(1)}", text)
    return _SHORT_YEAR.sub(lambda m: f"20{m.group(1)}年", text)


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)

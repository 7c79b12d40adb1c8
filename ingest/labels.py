"""Recognise the template's row and column labels in printed text, whatever the spacing and brackets."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ingest.template import Column, Row, squash

_NUMBER_PREFIX = re.compile(r"^(?:[(（]?[一二三四五六七八九十]{1,3}[)）、.．]|[(（]?\d{1,2}[)）.．、])+")
_SPACE = r"[\s\xa0\u3000]*"


def strip_number(label: str) -> str:
    """ "3.其他" → "其他"; "（七）总计" → "总计"; "三、本年度办理结果" → "本年度办理结果"."""
    return _NUMBER_PREFIX.sub("", squash(label))


@lru_cache(maxsize=65536)
def label_matches(label: str, row: Row) -> bool:
    core = strip_number(label).rstrip("：:")
    if row.exact:
        return core in row.patterns
    return any(squash(p) in core for p in row.patterns)


@lru_cache(maxsize=65536)
def column_matches(text: str, column: Column) -> bool:
    core = strip_number(text)
    if column.key in ("other_org",) or column.key.endswith(".other"):
        return core in ("其他", "其他结果") or core.endswith("其他结果")
    return any(squash(p) in core for p in column.patterns)


@cache
def row_pattern(row: Row) -> re.Pattern[str]:
    """A regex finding the row label in running text: optional sub-number, the label core, its printed tail.

    The sub-number ("2." in "2.其他法律行政法规禁止公开") is part of the label, so it is never read as data
    of the row before it. Only the label's core is matched; the rest of the printed label is skipped by
    the reader, which knows where the next row's label begins.
    """
    cores = "|".join(_spaced(p) for p in sorted(row.patterns, key=len, reverse=True))
    number = ""
    if row.number:
        # "2.其他法律行政法规禁止公开": the sub-number, then a little of the printed label, then the core.
        # The sub-number and its mark stand on one line: "31" ending a line of numbers is no "1" of ".本机关…".
        number = rf"(?:[(（]?{row.number}[ \t\xa0\u3000]*[)）.．、,，]{_SPACE}(?:[^\d\n]{{0,12}}?)?)?"
    if row.exact:
        # A short label ("规章", "其他", "总计") must end there: numbers or a break follow, not more words
        # ("规章制度", "其他组织", "总计商业企业").
        return re.compile(rf"{number}(?:{cores})(?![\u4e00-\u9fff])")
    return re.compile(rf"{number}(?:{cores})")


def _spaced(pattern: str) -> str:
    return _SPACE.join(re.escape(ch) for ch in squash(pattern))

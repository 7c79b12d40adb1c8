"""Read one printed table value exactly: full-width digits, thousands separators, blanks and dashes, money units.

A value is exact as printed: an integer stays a Python int (any length, no float rounding), a decimal becomes
the float that prints back as the same digits (`exact` says whether one does). Whether a value is a
plausible one for its cell is the column's question (`Column.limit` in the template).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ingest.template import squash

Number = int | float

# Printed in a count cell to mean "none": blank, dashes, slash, 无.
ZERO_MARKS = frozenset({"", "-", "—", "——", "–", "－", "/", "／", "无", "\\"})
NUMBER = re.compile(r"^([-+]?)(\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.(\d+))?(万元|元|万|%|件|个|项|条)?$")
_MONEY_UNITS = {"元": "元", "万元": "万元", "万": "万元"}
_HEADER_UNIT = re.compile(r"单位\s*[:：]?\s*(万元|元)|[（(]\s*(万元|元)\s*[)）]")


@dataclass(frozen=True)
class CellValue:
    value: Number
    printed: str  # as printed, whitespace removed ("" for a blank cell)
    unit: str | None = None  # the money unit the cell itself prints ("万元" once 元 is converted); else None
    exact: bool = (
        True  # False: a decimal with more digits than a float keeps (it cannot be stated as printed)
    )

    @property
    def blank(self) -> bool:
        return self.printed == ""


def read_value(text: str, money: bool = False) -> CellValue | None:
    """The value of a printed cell, or None when the cell holds words, not a number.

    Money cells are normalised to 万元: "251000元" → 25.1 (unit 万元), keeping the printed text.
    """
    printed = _printed(text)
    if printed in ZERO_MARKS:
        return CellValue(0, printed)
    m = NUMBER.match(printed)
    if not m:
        return None
    sign, whole, frac, unit = m.groups()
    amount = Decimal(re.sub("[,，]", "", whole) + ("." + frac if frac else ""))
    amount = -amount if sign == "-" else amount
    unit = _MONEY_UNITS.get(unit or "") if money else None
    if unit == "元":
        amount, unit = amount / 10000, "万元"
    value = exact_number(amount)
    return CellValue(value, printed, unit, isinstance(value, int) or Decimal(repr(value)) == amount)


def is_number(text: str) -> bool:
    """Whether read_value reads the text as a value, without making it (a grid asks this of every cell)."""
    printed = _printed(text)
    return printed in ZERO_MARKS or NUMBER.match(printed) is not None


def _printed(text: str) -> str:
    printed = squash(text).replace("增加", "+").replace("减少", "-")
    # A page re-encoded to GBK turns padding it cannot encode (&nbsp;) into "?": padding, not data.
    return printed.strip("?？")


def exact_number(amount: Decimal) -> Number:
    """An int when the amount is whole, else the float nearest to it."""
    if amount == amount.to_integral_value():
        return int(amount)
    return float(amount)


def header_unit(header: str) -> str | None:
    """The money unit a column header prints: "本年收费金额（单位：万元）" → "万元"; None when it prints none."""
    m = _HEADER_UNIT.search(squash(header))
    return (m.group(1) or m.group(2)) if m else None


def in_unit(value: CellValue, unit: str | None) -> CellValue:
    """A money cell that prints no unit of its own, read in the unit its header prints (元 becomes 万元)."""
    if value.unit is not None or unit is None or value.blank:
        return value
    if unit == "元":
        amount = (
            Decimal(repr(value.value)) / 10000
            if isinstance(value.value, float)
            else Decimal(value.value) / 10000
        )
        return CellValue(exact_number(amount), value.printed, "万元", value.exact)
    return CellValue(value.value, value.printed, unit, value.exact)

"""Read one printed table value: full-width digits, thousands separators, blanks and dashes, money units."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.template import squash

# Printed in a count cell to mean "none": blank, dashes, slash, 无.
ZERO_MARKS = frozenset({"", "-", "—", "——", "–", "－", "/", "／", "无", "\\"})
NUMBER = re.compile(r"^([-+]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(万元|元|万|%|件|个|项|条)?$")


@dataclass(frozen=True)
class CellValue:
    value: float
    printed: str  # as printed, whitespace removed ("" for a blank cell)
    unit: str | None = None  # "万元" once money is normalised; None when no unit is printed

    @property
    def blank(self) -> bool:
        return self.printed == ""


def read_value(text: str, money: bool = False) -> CellValue | None:
    """The value of a printed cell, or None when the cell holds words, not a number.

    Money cells are normalised to 万元: "251000元" → 25.1 (unit 万元), keeping the printed text.
    """
    printed = squash(text).replace("增加", "+").replace("减少", "-")
    # A page re-encoded to GBK turns padding it cannot encode (&nbsp;) into "?": padding, not data.
    printed = printed.strip("?？")
    if printed in ZERO_MARKS:
        return CellValue(0.0, printed)
    m = NUMBER.match(printed)
    if not m:
        return None
    sign, whole, frac, unit = m.groups()
    value = float(whole.replace(",", "") + ("." + frac if frac else ""))
    value = -value if sign == "-" else value
    if money and unit == "元":
        return CellValue(round(value / 10000, 10), printed, "万元")
    if money and unit in ("万元", "万"):
        return CellValue(value, printed, "万元")
    return CellValue(value, printed, None)

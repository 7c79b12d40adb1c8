"""A number a yes/no question puts forward, and how the count must stand to it: "超过100件了吗" (more),
"at least 50" (no fewer), "不到100件吗" (fewer), "收到申请81件吗" (exactly), "about 80" (vague: no yes or no).

The question is normalised first (Chinese numerals are Arabic: 一百件 → 100件).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MORE, AT_LEAST, FEWER, AT_MOST, EXACTLY, ABOUT = ">", ">=", "<", "<=", "=", "~"

_N = r"(?P<n>\d+(?:\.\d+)?)"
_UNIT = r"\s*(?:件|个|次|项|条|份|起|人)?\s*"
# (relation, pattern) — the longer wording first: 不超过 before 超过, "no more than" before "more than".
_WORDED = tuple((op, re.compile(p, re.I)) for op, p in (
    (AT_MOST, rf"(?:不超过|不多于|不高于|不大于|至多|最多|顶多)了?\s*{_N}"),
    (AT_MOST, rf"{_N}{_UNIT}(?:及|或)?以下"),
    (AT_LEAST, rf"(?:至少|不少于|不低于|不小于|达到|达)了?\s*{_N}"),
    (AT_LEAST, rf"{_N}{_UNIT}(?:及|或)?以上"),
    (FEWER, rf"(?:不到|少于|低于|小于|不足|未满|未达到|没到|没有到|没达到)\s*{_N}"),
    (MORE, rf"(?:超过|超出|多于|高于|大于|突破)了?\s*{_N}"),
    (ABOUT, rf"(?:约|大约|大概|将近|接近|差不多)\s*{_N}"),
    (ABOUT, rf"{_N}{_UNIT}(?:左右|上下)"),
    (AT_MOST, rf"\b(?:at most|no more than|not more than|a maximum of|up to)\s+{_N}"),
    (AT_MOST, rf"\b{_N}\s+or (?:fewer|less)\b"),
    (AT_LEAST, rf"\b(?:at least|no fewer than|no less than|not fewer than|not less than|a minimum of)\s+{_N}"),
    (AT_LEAST, rf"\b{_N}\s+or more\b"),
    (FEWER, rf"\b(?:fewer than|less than|under|below)\s+{_N}"),
    (MORE, rf"\b(?:more than|over|above|greater than|in excess of|upwards of|exceed(?:ed|s|ing)?)\s+{_N}"),
    (ABOUT, rf"\b(?:about|around|approximately|roughly|nearly|almost|close to)\s+{_N}"),
))
# A number put forward without a relation word ("81件吗", "receive 154 requests"), a year aside.
_BARE = re.compile(r"(?<![\d.])(?!(?:19|20)\d\d(?!\d))(?P<n>\d+(?:\.\d+)?)(?![\d.])")
_YEAR = re.compile(r"(?:19|20)\d\d")
_COUNTED = re.compile(r"\s*(?:件|个|次|项|条|份|起|人|[a-z])", re.I)
# Words that only say how the count stands to the number: no row or column of the tables.
WORDS_ZH = ("不超过|不多于|不高于|不大于|至多|最多|顶多|至少|不少于|不低于|不小于|达到|以下|以上|不到|少于|低于|小于|不足|"
            "未满|未达到|没到|没有到|没达到|超过|超出|多于|高于|大于|突破|大约|大概|将近|接近|差不多|左右|上下|约")
WORDS_EN = ("exceed exceeded exceeds exceeding above below fewer greater excess upwards maximum minimum exactly "
            "approximately roughly nearly almost close").split()


@dataclass(frozen=True)
class Claim:
    relation: str
    number: float

    def holds(self, count: float) -> bool | None:
        """Whether the count bears the claim out; None when the claim is vague ("about 80")."""
        return {MORE: count > self.number, AT_LEAST: count >= self.number, FEWER: count < self.number,
                AT_MOST: count <= self.number, EXACTLY: count == self.number, ABOUT: None}[self.relation]


def claim_in(question: str) -> Claim | None:
    """The number the question puts forward and its relation, or None when it puts none forward."""
    for relation, pattern in _WORDED:
        for m in pattern.finditer(question):
            if not _is_year(question, m):
                return Claim(relation, float(m["n"]))
    bare = [float(m["n"]) for m in _BARE.finditer(question)]
    return Claim(EXACTLY, bare[0]) if bare else None


def _is_year(question: str, m: re.Match) -> bool:
    """"more than in 2022" names a year; "超过2000件", "over 2000 requests" a count."""
    return bool(_YEAR.fullmatch(m["n"])) and not _COUNTED.match(question, m.end("n"))

"""Rates the disclosure reports and their readers name (公开率, 纠错率, "disclosure rate"): each is a share of
one figure of the tables in another, defined here in the dictionary's own words, so the answer computes it
from printed cells and shows its formula. The tables print counts only, never a rate.

- 公开率 / disclosure rate: requests granted in full or in part, of all requests decided (办理结果总计), as the
  reports' own text computes it ("予以公开及部分公开42件，占51.85%" of 办结 81).
- 不予公开率 / refusal rate: requests refused, of all decided.
- 纠错率 / correction rate, 维持率 / uphold rate: cases whose result was corrected (upheld), of the cases of
  the group named — 行政复议 (reconsideration) or 行政诉讼 (lawsuits); without a group named it is not known
  which is meant, so nothing is computed.
- 败诉率 / loss rate: lawsuits whose result was corrected, of all lawsuits.

A rate the question defines itself ("纠错率（结果纠正占复议总数）") is read from its own words instead
(bot/understand/derived.py). 办结率 (completion rate) is not here: its whole is two rows (新收 + 上年结转).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class NamedRate:
    asked: re.Pattern[str]  # how a question names the rate, Chinese or English
    part: str  # the part, in the dictionary's words ("{group}" is the table 4 group the question names)
    whole: str


_REVIEW = re.compile(r"复议|reconsideration|administrative review|\bappeals?\b", re.I)
_LAWSUIT = re.compile(r"诉讼|起诉|lawsuits?|litigation|court|\bsued\b|\bsuits?\b", re.I)

RATES = (
    NamedRate(re.compile(r"(?<!不予)公开率|disclosure rate|rate of (?:disclosure|release)|release rate|grant rate|"
                         r"approval rate", re.I), "予以公开和部分公开", "办理结果总计"),
    NamedRate(re.compile(r"不予公开率|refusal rate|denial rate|rate of (?:refusal|denial)", re.I), "不予公开",
              "办理结果总计"),
    NamedRate(re.compile(r"纠错率|纠正率|correction rate|rate of correction", re.I), "{group}结果纠正", "{group}"),
    NamedRate(re.compile(r"维持率|uphold rate|rate of upholding", re.I), "{group}结果维持", "{group}"),
    NamedRate(re.compile(r"败诉率|loss rate|losing rate|rate of losing", re.I), "行政诉讼结果纠正", "行政诉讼"),
)


def named_rate(question: str) -> tuple[str, str] | None:
    """The part's and the whole's words of the rate the question names, or None (no rate named, or one whose
    table 4 group is not said)."""
    for rate in RATES:
        if rate.asked.search(question):
            if "{group}" not in rate.part:
                return rate.part, rate.whole
            group = _group(question)
            return (rate.part.format(group=group), rate.whole.format(group=group)) if group else None
    return None


def _group(question: str) -> str | None:
    review, lawsuit = bool(_REVIEW.search(question)), bool(_LAWSUIT.search(question))
    if review == lawsuit:  # neither named, or both (asked together: each is its own rate)
        return None
    return "行政复议" if review else "行政诉讼"


def needs_group(question: str) -> bool:
    """A rate of table 4 named without its group ("纠错率" alone): which is meant must be asked."""
    return any(rate.asked.search(question) and "{group}" in rate.part for rate in RATES) and _group(question) is None

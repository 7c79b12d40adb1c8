"""Follow-up questions of a conversation: "那2021年呢？", "and in 2023?", "那平潭呢？", "what about lawsuits?".

A follow-up says one or two things (a year, an agency, a metric) and leaves the rest to the previous
understood question; the merged understanding takes each slot the follow-up does not fill from the
previous one. A question that fills every slot itself, or that fills none, is not a follow-up.
"""

from __future__ import annotations

import re
from dataclasses import replace

from . import Understanding
from .intent import CHECK, COMPARE, LIST, RANK
from .metric import new_words
from .years import YearAsk

# Words that mark a follow-up whatever its length.
_CUE = re.compile(r"^\s*(?:那|那么|那个|还有|再看|再问|同样的问题|同一个问题)|呢\s*[？?]?\s*$|^\s*(?:and|what about|"
                  r"how about|same for|same question|and what about|and how about|what of|now)\b", re.I)
# A year said relative to the previous question's: "前一年呢？", "and the year after?".
# ("carried over from the previous year", "从上一年结转" name a row, not a year.)
_YEAR_BEFORE = re.compile(r"(?<!从)(?:前一年|上一年|再前一年|头一年)(?!结转|转)|(?<!from )(?<!from the )"
                          r"(?:the year before|previous year|prior year|preceding year|year earlier|a year before)",
                          re.I)
_YEAR_AFTER = re.compile(r"后一年|下一年|再后一年|第二年|次年|翌年|隔年|the year after|next year|following year|"
                         r"subsequent year|year later", re.I)
# The asker points back at the previous question's agency: "how many had it carried over …", "它…".
_PRONOUN = re.compile(r"\b(?:it|its|they|them|their|this agency|that agency|the same agency)\b|它|该单位|这个单位|"
                      r"同一单位|他们", re.I)
# "跟2023年比呢？", "how does that compare with 2023?": the previous figure beside the one now named.
_COMPARED = re.compile(r"比|对比|相比|compare|compared|versus|\bvs\b|against", re.I)
_SHORT_ZH, _SHORT_EN = 16, 9


def understood(u: Understanding) -> bool:
    """Whether a question left something a follow-up can build on: an agency, a year or a metric."""
    return bool(_names_agency(u) or u.years.given or u.metric.row)


def follow_up(u: Understanding, previous: Understanding) -> Understanding | None:
    """The question merged with the previous one, when it is a follow-up of it; else None."""
    u = _relative_to_previous(u, previous)
    slots = {"agency": _names_agency(u), "years": u.years.given, "metric": bool(u.metric.row)}
    column_only = _column_only(u, previous)
    # A question with words of its own ("工作有哪些不足？") asks its own thing: it takes no metric.
    own_words = new_words(_without_cues(u.metric.unexplained))
    take = {"agency": not slots["agency"] and _names_agency(previous),
            "years": not slots["years"] and previous.years.given,
            "metric": not slots["metric"] and not own_words and bool(previous.metric.row)}
    # "那2022年呢？" says nothing of its own but a slot: it asks the previous question again.
    again = not slots["metric"] and not own_words and not column_only
    if not (any(slots.values()) or column_only) or not (any(take.values()) or column_only or again):
        return None
    if not (_CUE.search(u.text) or _short(u) or (not slots["agency"] and _PRONOUN.search(u.text))):
        return None
    if u.intent in (RANK, LIST, CHECK) and not slots["agency"] and not _CUE.search(u.text):
        return None  # "哪个部门最多？" asks across agencies, not of the previous one
    metric = replace(previous.metric, column=u.metric.column) if column_only else (
        previous.metric if take["metric"] else _with_previous_column(u, previous))
    merged = replace(u, agency=previous.agency if take["agency"] else u.agency,
                     years=previous.years if take["years"] else u.years, metric=metric,
                     intent=previous.intent if again or column_only else u.intent)
    if again:  # the previous question's words carry its cues ("一共", "有没有", narrative needles)
        merged = replace(merged, text=previous.text)
    return _compared_with_previous(merged, u, previous)


def _compared_with_previous(merged: Understanding, u: Understanding, previous: Understanding) -> Understanding:
    """"跟2023年比呢？" after a question on 2022: both years, compared (the previous figure is not dropped)."""
    if not (_COMPARED.search(u.text) and u.years.years and previous.years.years and merged.metric.row):
        return merged
    if not _names_agency(u) or u.agency.names == previous.agency.names:
        years = tuple(sorted({*previous.years.years, *u.years.years}))
        return replace(merged, years=YearAsk(years), intent=COMPARE)
    return merged


def _column_only(u: Understanding, previous: Understanding) -> bool:
    """"企业的呢？", "其中自然人提出的有几件？": a column of the previous question's row. A row said only in
    generic words (提出, submitted) is no row of its own when the previous row has the named column."""
    from ..metric_words import WEAK
    from . import metric_keys as mk

    column, row = u.metric.column, previous.metric.row
    if column is None or column == "total" or row is None:
        return False
    if not u.metric.row:
        return True
    info = mk.rows().get(row)
    # (only the year's new requests are read from such verbs alone; "enforcement" is weak but names its row)
    verbs_only = u.metric.row == "applications.new_received" and all(w in WEAK for w in u.metric.words)
    return verbs_only and info is not None and column in info.columns and u.metric.row != row


def _relative_to_previous(u: Understanding, previous: Understanding) -> Understanding:
    """"前一年呢？" after a question on 2023 asks of 2022 (a year read from today would be another one)."""
    shift = -1 if _YEAR_BEFORE.search(u.text) else 1 if _YEAR_AFTER.search(u.text) else 0
    if not shift or len(previous.years.years) != 1:
        return u
    return replace(u, years=YearAsk((previous.years.years[0] + shift,)))


def _with_previous_column(u: Understanding, previous: Understanding):
    """"and direct lawsuits?" after "how many lawsuits are still pending?": the new row, the previous column."""
    from . import metric_keys as mk

    column = previous.metric.column
    info = mk.rows().get(u.metric.row or "")
    if u.metric.column is None and column and info is not None and column in info.columns:
        return replace(u.metric, column=column)
    return u.metric


def inherited(merged: Understanding, u: Understanding) -> tuple[str, ...]:
    """Which slots the merged understanding took from the previous question."""
    out = []
    if not _names_agency(u) and _names_agency(merged):
        out.append("agency")
    if not u.years.given and merged.years.given:
        out.append("years")
    if not u.metric.row and merged.metric.row:
        out.append("metric")  # (a column alone keeps the previous row)
    return tuple(out)


def _without_cues(left: str) -> str:
    """The unexplained words less the follow-up's own ("same question", "the end of", one English word)."""
    left = re.sub(r"same|question|end|start|beginning|again|then|year|before|after|earlier|later|following|"
                  r"前一|后一|上一|下一|同样|问题|同一|第二|次|翌|隔|头一|跟|同|相比|对比|比较|比|"
                  r"compare|compared|comparison|versus|against|does|that|how", " ", left)
    return left if len(re.findall(r"[a-z]{3,}", left)) > 1 or re.search(r"[\u4e00-\u9fff]{2}", left) else ""


def _names_agency(u: Understanding) -> bool:
    return bool(u.agency.names or u.agency.unknown)


def _short(u: Understanding) -> bool:
    if u.lang == "zh":
        return len(re.findall(r"[\u4e00-\u9fff]", u.text)) <= _SHORT_ZH
    return len(re.findall(r"[A-Za-z]+", u.text)) <= _SHORT_EN

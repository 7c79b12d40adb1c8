"""What the first reading of a question (classify, parse_metric) gets wrong in known ways, set right by ordered
rules: each looks at the question as read so far and returns what it changes, or None. The order matters
(a later rule sees what an earlier one decided); each rule's docstring gives the question it is for."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from .agency import AgencyMatch
from .intent import (
    CHECK,
    COMPARE,
    FACT,
    LIST,
    NARRATIVE,
    OUTCOME_CUES,
    RANK,
    TOP_MEMBER,
    asks_applicants,
    asks_outcomes,
    asks_reasons,
    asks_row_outcomes,
    asks_whether,
)
from .metric import MetricAsk, new_words
from .sections import section_ask
from .threshold import claim_in

# The rows a question about the outcomes as a whole is read as ("申请的办理结果如何" names the requests, or the total).
WHOLE_RESULTS = (None, "applications.results.total", "applications.new_received")


@dataclass(frozen=True)
class Reading:
    question: str
    agency: AgencyMatch
    n_years: int  # years asked (a span, "since" or "over the years" counts as two)
    metric: MetricAsk
    intent: str


Rule = Callable[[Reading], Reading | None]


def refine(reading: Reading) -> Reading:
    for rule in RULES:
        reading = rule(reading) or reading
    return reading


def _reasons(r: Reading) -> Reading | None:
    """"不予公开的理由主要是什么": the row's reasons, each with its number."""
    if asks_reasons(r.question) and r.metric.row and r.n_years <= 1 and _has_members(r.metric.row):
        return replace(r, intent=LIST)
    return None


def _outcomes(r: Reading) -> Reading | None:
    """"办理结果如何", "what happened to the requests": every result row, year by year (but "how did X handle complex
    requests such as land acquisition cases" says more than the tables count: the text may say it)."""
    if asks_outcomes(r.question) and r.metric.row in WHOLE_RESULTS and not r.metric.rows \
            and r.intent not in (CHECK, RANK) and not new_words(OUTCOME_CUES.sub(" ", r.metric.unexplained)):
        return replace(r, intent=LIST)
    return None


def _appeal_outcomes(r: Reading) -> Reading | None:
    """"行政复议情况怎么样", "tell me about X's lawsuits": the row's outcomes, each with its number."""
    m = r.metric
    if m.row and m.row.startswith(("review", "litigation")) and m.column is None \
            and r.intent in (FACT, NARRATIVE, LIST) and asks_row_outcomes(r.question) and not asks_whether(r.question):
        return replace(r, intent=LIST)
    return None


def _applicants(r: Reading) -> Reading | None:
    """"都是谁申请的", "who filed Pingtan's requests": the new requests by applicant, each column with its number."""
    m = r.metric
    if asks_applicants(r.question) and m.row in WHOLE_RESULTS and m.column is None and not m.rows \
            and r.intent != COMPARE:
        return replace(r, metric=replace(m, row="applications.new_received", decided=True), intent=LIST)
    return None


# Which kind of a report's figures is largest: "哪类申请人最多", "哪种办理结果最多", "which applicant group filed the
# most", "the most common outcome". Asked of one report, a ranking of its members, not of agencies.
_WHICH_KIND = re.compile(r"哪(?:一)?(?:类|种|项|个理由|个原因|种结果|类结果)|什么(?:类型|类别)|"
                         r"\bwhich\s+(?:kind|type|category|group|sort|outcome|result|reason|applicant)|"
                         r"\b(?:most\s+common|commonest|biggest|largest|main)\s+(?:outcome|result|applicant|group|"
                         r"kind|type|category)", re.I)
_APPLICANT_WORDS = re.compile(r"申请人|申请主体|applicant|filer|who\b", re.I)


def _largest_member(r: Reading) -> Reading | None:
    """"淮安2024年哪种办理结果最多", "which applicant group filed the most requests with Huai'an in 2024": one
    report's outcomes (or applicant columns) listed, the largest named first."""
    if not (_WHICH_KIND.search(r.question) and TOP_MEMBER.search(r.question)) or r.n_years > 1 \
            or len(r.agency.apart) > 1 or r.metric.column is not None or r.metric.rows:
        return None
    if _APPLICANT_WORDS.search(r.question) and r.metric.row in WHOLE_RESULTS:
        return replace(r, metric=replace(r.metric, row="applications.new_received", decided=True), intent=LIST)
    if asks_outcomes(r.question) and r.metric.row in WHOLE_RESULTS:
        return replace(r, metric=replace(r.metric, row="applications.results", decided=True), intent=LIST)
    return None


# What makes a fee the one charged for disclosure: said with the requests, the information or its processing.
_FOR_DISCLOSURE = re.compile(r"处理费|信息公开费|公开费用|申请费|向申请人|processing|disclos|information|requests?\b|"
                             r"applicants?|requesters?", re.I)
_ADMINISTRATIVE_FEES = re.compile(r"行政事业性|行政收费|administrative\b[^?？]{0,30}\bfees|institutional fees|fee items",
                                  re.I)


def _disclosure_fees(r: Reading) -> Reading | None:
    """"How many fees did X charge for information disclosure": the information-processing fees section six states,
    not table 2's administrative fees (行政事业性收费), which only "administrative fees" names."""
    ask = section_ask(r.question)
    if ask is not None and ask.name == "fees" and (r.metric.row or "").startswith("proactive.fees") \
            and _FOR_DISCLOSURE.search(r.question) and not _ADMINISTRATIVE_FEES.search(r.question):
        return replace(r, metric=MetricAsk(), intent=NARRATIVE)
    return None


def _whether_counted(r: Reading) -> Reading | None:
    """"Did X refuse any requests?", "有没有不予公开的": the row's count says yes or no."""
    if r.intent == NARRATIVE and r.metric.decided and r.metric.row and asks_whether(r.question) \
            and section_ask(r.question) is None:
        return replace(r, intent=FACT)
    return None


def _against_a_number(r: Reading) -> Reading | None:
    """"received more than 50 requests in 2023?": the count against a number, not a year."""
    if r.intent == COMPARE and r.n_years <= 1 and claim_in(r.question) is not None and not r.metric.rows \
            and len(r.metric.columns) < 2:
        return replace(r, intent=FACT)
    return None


def _change_column(r: Reading) -> Reading | None:
    """"by how much did the penalty items change in 2020": table 2's 本年增/减 column."""
    if r.intent == COMPARE and r.metric.column == "change" and r.n_years <= 1:
        return replace(r, intent=FACT)
    return None


def _agencies_side_by_side(r: Reading) -> Reading | None:
    """"2023年A、B、C各收到多少件": each agency's number, side by side."""
    if r.intent in (FACT, LIST) and len(r.agency.apart) > 1 and r.metric.row:
        return replace(r, intent=COMPARE)
    return None


def _two_cells(r: Reading) -> Reading | None:
    """"制发数比废止数多多少", "予以公开的比不予公开的多吗": two cells of one report, their difference."""
    m = r.metric
    if r.intent == COMPARE and 2 in (len(m.columns), len(m.rows)) and r.n_years <= 1 and len(r.agency.apart) < 2:
        return replace(r, intent=FACT)
    return None


def _columns_named(r: Reading) -> Reading | None:
    """"自然人和企业分别申请了多少件": the columns named, each with its number."""
    if r.intent == LIST and len(r.metric.columns) > 1:
        return replace(r, intent=FACT)
    return None


RULES: tuple[Rule, ...] = (_reasons, _outcomes, _appeal_outcomes, _applicants, _largest_member, _disclosure_fees,
                           _whether_counted,
                           _against_a_number, _change_column, _agencies_side_by_side, _two_cells, _columns_named)


def _has_members(row: str) -> bool:
    """The row is a family the tables break down (不予公开 by its eight reasons)."""
    from . import metric_keys as mk

    return any(r.startswith(row + ".") for r in mk.rows())

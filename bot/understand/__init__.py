"""Question understanding: agency, year, metric, intent and language, from the indexed data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from .agency import AgencyMatch, AgencyMatcher
from .intent import (
    CHECK,
    COMPARE,
    FACT,
    LIST,
    NARRATIVE,
    OUTCOME_CUES,
    RANK,
    asks_applicants,
    asks_outcomes,
    asks_reasons,
    asks_row_outcomes,
    asks_whether,
    asks_which_year,
    classify,
)
from .language import detect_language
from .metric import MetricAsk, new_words, parse_metric
from .sections import section_ask
from .threshold import claim_in
from .years import YearAsk, parse_years


@dataclass(frozen=True)
class Understanding:
    text: str
    lang: str
    agency: AgencyMatch
    years: YearAsk
    metric: MetricAsk
    intent: str


def understand(question: str, matcher: AgencyMatcher, today: dt.date | None = None) -> Understanding:
    lang = detect_language(question)
    agency = matcher.match(question)
    years = parse_years(question, today)
    if asks_which_year(question) and not years.given:
        years = replace(years, all_years=True)
    metric = parse_metric(question, agency.en_spans, agency.spans)
    n_years = len(years.years) + (2 if years.span or years.since or years.all_years else 0)
    intent = classify(question, has_metric=metric.row is not None, n_years=n_years,
                      n_agencies=len(agency.names) if agency.region_matched or agency.dept_matched else 0,
                      table_words=metric.surface)
    if asks_reasons(question) and metric.row and n_years <= 1 and _has_members(metric.row):
        intent = LIST  # "不予公开的理由主要是什么": the row's reasons, each with its number
    if asks_outcomes(question) and metric.row in WHOLE_RESULTS and not metric.rows and intent not in (CHECK, RANK) \
            and not new_words(OUTCOME_CUES.sub(" ", metric.unexplained)):
        # "办理结果如何", "what happened to the requests": every result row, year by year (but "how did X handle
        # complex requests such as land acquisition cases" says more than the tables count: the text may say it)
        intent = LIST
    if metric.row and metric.row.startswith(("review", "litigation")) and metric.column is None \
            and intent in (FACT, NARRATIVE, LIST) and asks_row_outcomes(question) and not asks_whether(question):
        intent = LIST  # "行政复议情况怎么样", "tell me about X's lawsuits": the row's outcomes, each with its number
    if asks_applicants(question) and metric.row in WHOLE_RESULTS and metric.column is None and not metric.rows \
            and intent != COMPARE:
        # "都是谁申请的", "who filed Pingtan's requests": the new requests by applicant, each column with its number
        metric, intent = replace(metric, row="applications.new_received", decided=True), LIST
    if intent == NARRATIVE and metric.decided and metric.row and asks_whether(question) and section_ask(question) is None:
        intent = FACT  # "Did X refuse any requests?", "有没有不予公开的": the row's count says yes or no
    if intent == COMPARE and n_years <= 1 and claim_in(question) is not None and not metric.rows \
            and len(metric.columns) < 2:
        intent = FACT  # "received more than 50 requests in 2023?": the count against a number, not a year
    if intent == COMPARE and metric.column == "change" and n_years <= 1:
        intent = FACT  # "by how much did the penalty items change in 2020": table 2's 本年增/减 column
    if intent in (FACT, LIST) and len(agency.apart) > 1 and metric.row:
        intent = COMPARE  # "2023年A、B、C各收到多少件": each agency's number, side by side
    if intent == COMPARE and 2 in (len(metric.columns), len(metric.rows)) and n_years <= 1 \
            and len(agency.apart) < 2:
        intent = FACT  # "制发数比废止数多多少", "予以公开的比不予公开的多吗": two cells of one report, their difference
    if intent == LIST and len(metric.columns) > 1:
        intent = FACT  # "自然人和企业分别申请了多少件": the columns named, each with its number
    return Understanding(question, lang, agency, years, metric, intent)


# The rows a question about the outcomes as a whole is read as ("申请的办理结果如何" names the requests, or the total).
WHOLE_RESULTS = (None, "applications.results.total", "applications.new_received")


def _has_members(row: str) -> bool:
    """The row is a family the tables break down (不予公开 by its eight reasons)."""
    from . import metric_keys as mk

    return any(r.startswith(row + ".") for r in mk.rows())

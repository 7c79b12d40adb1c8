"""Question understanding: agency, year, metric, intent and language, from the indexed data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from .agency import AgencyMatch, AgencyMatcher
from .intent import asks_which_year, classify
from .language import detect_language
from .metric import MetricAsk, parse_metric
from .refine import Reading, refine
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
    refined = refine(Reading(question, agency, n_years, metric, intent))
    return Understanding(question, lang, agency, years, refined.metric, refined.intent)



"""Figures a question asks to be computed from the tables: a share (予以公开的占新收的百分之多少, "what
share of new requests were granted"), a sum over several years or agencies (合计, "in total"), a growth
rate (增长率, "by what percent"). Each names the rows it is computed from."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ingest.template import squash

from .metric import MetricAsk, parse_metric
from .rates import named_rate

_SHARE_ZH = re.compile(r"占(?P<whole>.{0,20}?)(?:的)?(?:百分之多少|百分之几|多少%|多少％|比例|比重|百分比|几成|多大比例)")
_SHARE_ZH_IN = re.compile(r"(?P<whole>.{0,20}?)(?:中|里|当中)[，,]?(?P<part>.{1,20}?)的?(?:比例|占比|百分比|比重|"
                          r"占(?:了|到)?(?:多少|几成|多大))")
_SHARE_EN = re.compile(r"(?:what|which)\s+(?:share|percentage|proportion|fraction|percent)\s+of\s+(?P<whole>.+?)\s+"
                       r"(?:were|was|got|are|is|had|have|did|ended(?:\s+up)?(?:\s+(?:with|in|as))?|resulted\s+in|"
                       r"came|led\s+to|closed\s+(?:with|as))\s+(?P<part>.+)", re.I)
# "纠错率（结果纠正占复议总数）", "公开率：予以公开占办理结果总计": a rate the question defines as part 占 whole.
_SHARE_ZH_RATE = re.compile(r"(?P<part>[^占]+)占(?P<whole>[^）)，,。；;？?]{1,20})(?=.*?率|.*?[)）])")
# "what proportion of Pingtan's reconsideration cases upheld …": the part is said inside the whole.
_SHARE_EN_OF = re.compile(r"(?:share|percentage|proportion|fraction|percent)\s+of\s+(?P<whole>.+)(?P<part>)", re.I)
_SHARE_ZH_RATIO = re.compile(r"(?P<part>.+?)的?(?:占比|比例|比重|百分比)(?P<whole>)")
_SHARE_EN_AS = re.compile(r"(?P<part>.+?)\s+as\s+an?\s+(?:share|percentage|proportion)\s+of\s+(?P<whole>.+)", re.I)
# The difference of two figures asked together: "比废止数多多少", "how many more … than …".
DIFFERENCE = re.compile(r"比.{0,12}?[多少].{0,4}?(?:多少|几)|相差|差多少|差距|how many more|how many fewer|how much more|"
                        r"difference|more than|fewer than", re.I)
# Which of two figures is larger, asked as a choice: "自然人申请多还是法人申请多", "哪个多", "did individuals or
# businesses file more": answered as their difference.
WHICH_MORE = re.compile(r"[多少]还是|哪(?:个|项|一个|一项|类|种)(?:更)?[多少高低大小]|"
                        r"\bwhich\b[^?？]{0,40}\b(?:more|fewer|less|higher|lower|larger|smaller|bigger|greater)\b|"
                        r"\bor\b[^?？]{0,60}\b(?:more|fewer|less)\b|\b(?:more|fewer)\b[^?？]{0,60}\bor\b", re.I)
SUM = re.compile(r"合计|加起来|加在一起|一共|共计|总共|之和|总和|累计|in total|combined|altogether|together|sum of|add up|"
                 r"adding up|added up|summed|cumulative", re.I)
# Over several years, "the total number of …" is their sum, unless each year's is asked.
SUM_OVER_YEARS = re.compile(r"\btotal (?:number|count) of\b|\bthe total of\b|总数|总量", re.I)
EACH_YEAR = re.compile(r"每年|每一年|各年|历年|逐年|each year|every year|per year|a year\b|annual(?:ly)?|year by year",
                       re.I)
RATE = re.compile(r"增长率|增幅|降幅|增长了?百分之|下降了?百分之|百分之多少|百分比|变化率|by what percent|"
                  r"what percent|percentage (?:change|increase|decrease|growth)|growth rate|\bby how many percent", re.I)
# How many times one year's figure is another's: "是2019年的几倍", "how many times as many … as in 2019".
TIMES = re.compile(r"几倍|多少倍|倍数|翻了几番|times (?:as (?:many|much|high|large)|more|higher|larger)|"
                   r"how many times|what multiple", re.I)
# A rate that is a share of one figure in another (纠错率, 公开率, "correction rate"), not a growth rate.
_RATE_WORD = re.compile(r"(?<!增长)(?<!变化)(?<!增)(?<![效频税汇])率|\brate\b", re.I)
DEFAULT_WHOLE = MetricAsk(row="applications.new_received", requests=True, defaulted=True)
# The outcomes are shares of the requests decided (办理结果总计), as the reports compute them ("办结81件，其中
# 予以公开及部分公开42件，占51.85%"): the year's decisions include requests carried over from the year before.
DECIDED = MetricAsk(row="applications.results.total", requests=True, defaulted=True)


def without_names(u) -> str:
    """The question with its agency mentions blanked (same length), so that the part's and the whole's words
    are the figure's only ("what share of Pingtan zone's handled requests …" reads "handled requests")."""
    text = u.text
    spans = list(u.agency.en_spans)
    if squash(text) == text:  # Chinese spans are offsets in the squashed question
        spans += list(u.agency.spans)
    for s, e in spans:
        text = text[:s] + " " * (e - s) + text[e:]
    return text


@dataclass(frozen=True)
class ShareAsk:
    part: MetricAsk
    whole: MetricAsk


def asks_rate(question: str) -> bool:
    """A rate of one figure in another ("纠错率", "disclosure rate"): a count alone never answers it."""
    return bool(_RATE_WORD.search(question)) and not RATE.search(question)


def share_ask(question: str) -> ShareAsk | None:
    """The part and the whole of a share question, each a row the dictionary reads with certainty."""
    found = _split(question)
    if found is None:
        return None
    part_text, whole_text = found
    part = parse_metric(part_text)
    whole = parse_metric(whole_text) if whole_text.strip() else DEFAULT_WHOLE
    if not whole.row or (not whole.decided and not whole.defaulted and len(whole.candidates) != 1):
        whole = DEFAULT_WHOLE
    if whole.defaulted and (part.row or "").startswith("applications.results."):
        whole = DECIDED  # "what share of requests were granted": of those decided, not of those received
    if not part.row and part.column and whole.row:  # "自然人提的占比", "结果被纠正的比例": a column of the whole's row
        part = replace(whole, column=part.column, decided=True, candidates=((whole.row, part.column),))
    elif not part.row and whole.row and whole.column not in (None, "total"):
        # "what share of new requests came from businesses": the whole's words name the part's column too
        part, whole = whole, replace(whole, column=None)
    # (Names and years are left in the part's words: a single candidate is as good as decided.)
    certain = part.decided or len(part.candidates) == 1
    if not part.row or not certain or (part.row, part.column) == (whole.row, whole.column):
        return None
    return ShareAsk(part, whole)


def _split(question: str) -> tuple[str, str] | None:
    m = _SHARE_ZH.search(question)
    if m and (m.group("whole").strip() or not _SHARE_ZH_IN.search(question)):
        return question[:m.start()], m.group("whole")  # (an empty whole: "X中Y占几成" names it before Y)
    if _RATE_WORD.search(question):
        m = _SHARE_ZH_RATE.search(question)
        if m:
            return m.group("part"), m.group("whole")
        named = named_rate(question)
        if named:
            return named
    for pattern in (_SHARE_ZH_IN, _SHARE_EN, _SHARE_EN_AS, _SHARE_ZH_RATIO, _SHARE_EN_OF):
        m = pattern.search(question)
        if m:
            return m.group("part"), m.group("whole")
    return None

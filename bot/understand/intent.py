"""What kind of answer a question wants: one fact, a comparison, a ranking, a list, an identity check, or
passages of the narrative."""

from __future__ import annotations

import re

FACT, COMPARE, RANK, LIST, CHECK, NARRATIVE = "fact", "compare", "rank", "list", "check", "narrative"

_CHECK = re.compile(
    r"加起来|加总|相加|之和|等于总计|对得上|对不上|一致吗|是否一致|勾稽|平衡吗|核对|add up(?=\s*(?:to\b|[?？.!]|$))|adds up|"
    r"sum up to|"
    r"equal the total|match the total|reconcile|consistent|totals? (?:agree|match)", re.I)
_RANK = re.compile(
    r"哪个(?:部门|单位|机构|地区|地方|局|厅|委员会|委|办公室|机关)|哪些(?:部门|单位|机构)|哪家|谁的|排名|排行|最多的|最少的|最高的|"
    r"which (?:[a-z']+\s+)?(?:agency|agencies|department|departments|bureau|office|region)|\brank|\btop\b|the most\b|the fewest\b|"
    r"the least\b|the highest\b|the lowest\b", re.I)
_COMPARE = re.compile(
    r"比(?!例).{0,12}(?:多|少|高|低|增|减)|相比|对比|比较|变化|趋势|增长|下降|增加了|减少了|历年|逐年|"
    r"compare|comparison|change[ds]?\b|trend|increase|decrease|grew|growth|\brise\b|\brisen\b|\bgrow\b|\bgrown\b|"
    r"\bdrop(?:ped)?\b|增幅|降幅|增长率|fell(?!\s+(?:into|under|within|in\b))|rose|more than|fewer than|"
    r"less than|\bvs\.?\b|versus|difference|over the years|year by year|each year|"
    r"(?:\bmore\b|\bfewer\b|\bless\b)[^?？]*\bor\b|\bor\b[^?？]*(?:\bmore\b|\bfewer\b|\bless\b)|"
    r"还是.{0,20}(?:多|少)|(?:更多|更少).{0,12}还是|谁.{0,12}(?:多|少)|上升|升高|涨|"
    r"\b(?:go|goes|gone|went|going)\s+(?:up|down)\b|\bup or down\b|"
    # a comparative with its standard of comparison: "more requests in 2023 than in 2022", "多于2022年"
    r"\b(?:more|fewer|less|higher|lower|larger|smaller|bigger|greater)\b[^?？.]{0,160}?\bthan\b|"
    r"(?:多|少|高|低|大|小)于", re.I)
# A list of what the index holds, or a row broken down by applicant or by reason.
_CATALOG = re.compile(
    r"(?:哪些|哪几|什么|列出|列举)(?:年份?|年度|年报|报告|单位|机构|部门|地区)|有哪些年|"
    r"\blist\b|which years|what years|what reports|which reports|what agencies|which agencies (?:are|do)", re.I)
# What the index holds, asked without a row: "the latest year you have for Shanghai", "最早的年报是哪一年".
_HOLDINGS = re.compile(r"(?:latest|most recent|newest|earliest|oldest|first|last)\s+(?:year|report)s?\b|"
                       r"(?:最新|最近|最早|最晚)(?:的|一)?(?:年份|年度|年报|报告|一年|哪年)|有哪几年|哪几年的", re.I)
_BREAKDOWN = re.compile(
    r"分别|各项|各类|按.{0,6}分|明细|构成|每一项|breakdown|broken down|by applicant|each reason|all reasons|"
    r"each (?:type|kind|category)", re.I)
# The reasons of a row asked for ("不予公开的理由主要是什么", "refused … for what reasons"): for a row the
# tables break down by reason, its members.
_REASONS = re.compile(
    r"(?:理由|原因|依据)(?:主要)?(?:是|有)(?:什么|哪些)|(?:哪些|什么)(?:理由|原因)|for what reasons?|"
    r"what (?:were|are) the (?:main )?(?:reasons|grounds)|which reasons|on what grounds|"
    r"(?:most common|commonest|main|top|chief|primary|biggest|leading|usual) (?:reasons?|grounds?)|"
    r"(?:最主要|最常见|最多|主要)的?(?:理由|原因)", re.I)
# The largest of a row's members asked for ("最主要的理由", "the most common reason").
TOP_MEMBER = re.compile(r"最主要|最常见|最多|主要的?(?:理由|原因)|most common|commonest|\bthe most\b|\bmain\b|\btop\b|\bchief\b|\bprimary\b|"
                        r"\bbiggest\b|\bleading\b|\busual\b", re.I)


# A report at a glance: "介绍一下X2024年的年报", "X年报概况", "a summary of X's 2024 report", "key figures".
_OVERVIEW = re.compile(r"介绍一下|介绍下|简要介绍|概况|概要|摘要|总结一下|总结下|要点|汇总|一览|"
                       r"\bsummar(?:y|ise|ize)\b|\boverview\b|at a glance|key (?:figures|numbers|facts|points)|"
                       r"\bhighlights\b|\bin brief\b", re.I)


_OF_A_REPORT = re.compile(r"年报|报告|\breports?\b|\btables?\b|表[一二三四1-4]?", re.I)
_OF_ITS_PARTS = re.compile(r"工作要点|打算|计划|问题|措施|plans?\b|problems?|measures|steps", re.I)


def asks_overview(question: str) -> bool:
    """A report (or its tables) asked at a glance, not one of its sections ("工作要点", "a summary of the problems")."""
    return bool(_OVERVIEW.search(question) and _OF_A_REPORT.search(question)
                and not _OF_ITS_PARTS.search(question))


# When a report came out: "年报什么时候发布的", "when was the 2023 report published".
_PUBLISHED = re.compile(r"发布(?:日期|时间)|(?:什么时候|何时|哪天|几月几[日号])(?:发布|公布|公开|印发|出)|"
                        r"publication date|date of publication|when was\b[^?？]*\b(?:published|released|issued)|"
                        r"published (?:on|when)", re.I)


def asks_published(question: str) -> bool:
    return bool(_PUBLISHED.search(question))


def asks_reasons(question: str) -> bool:
    return bool(_REASONS.search(question))


# How requests were dealt with, asked as a whole and not as a count: "办理结果如何", "申请是怎么处理的",
# "what happened to the requests", "how were they handled", "the outcomes of the requests".
_OUTCOMES = re.compile(
    r"(?:办理|处理|答复)(?:结果|情况)|(?:怎么|如何|怎样)(?:处理|办理|答复)|处理得怎么样|"
    r"\boutcomes?\b|\bresults?\b|what happened (?:to|with)|"
    r"\bhow (?:were|was|did)\b[^?？]{0,80}\b(?:handled?|processed|dealt with|answered|decided|resolved|turn(?:ed)? out|"
    r"end(?:ed)? up)\b", re.I)


_TOTAL = re.compile(r"\btotal\b|\bin all\b|总数|总计|合计|一共|总共|共计", re.I)
# The words that ask for the outcomes, which the metric dictionary leaves unexplained.
OUTCOME_CUES = re.compile(r"outcomes?|results?|happened|handled?|processed|dealt|answered|decided|resolved|turn(?:ed)?|"
                          r"end(?:ed)?|"
                          r"如何|怎么样|怎么|怎样|处理|办理|答复|结果|情况", re.I)


# A table 4 row asked as a whole ("行政复议情况怎么样", "tell me about X's lawsuits", "by outcome"): its outcomes.
_AS_A_WHOLE = re.compile(r"情况|怎么样|如何|怎样|结果|分别|各项|按.{0,4}分|tell me about|\bby outcomes?\b|\bby results?\b|"
                         r"\boutcomes?\b|\bresults?\b|break\s*down|broken down|what happened|\bhow did\b[^?？]{0,60}\bgo\b",
                         re.I)


def asks_row_outcomes(question: str) -> bool:
    """A table 4 row asked as a whole, not a count or its total: each of its outcomes with its number."""
    return bool(_AS_A_WHOLE.search(question)) and not _HOW_MANY.search(question) and not _TOTAL.search(question)


# Who made the requests ("都是谁申请的", "who filed them"): the applicant columns of the row, each with its number.
_APPLICANTS = re.compile(r"谁(?:来)?(?:申请|提|提出|提交|递交)|哪些人|什么人|哪类(?:申请人|主体)|申请人(?:是|有|都是)(?:谁|哪些)|"
                         r"\bwho\b[^?？]{0,50}\b(?:filed|made|submitted|sent|lodged|applied|requested|asked)\b|"
                         r"\bfrom whom\b|which applicants|what (?:kind|kinds|type|types) of applicants", re.I)


def asks_applicants(question: str) -> bool:
    return bool(_APPLICANTS.search(question))


def asks_outcomes(question: str) -> bool:
    """The outcomes of requests asked as a whole (every result row, each with its number), not a count or
    their total ("Total of all handling outcomes")."""
    return bool(_OUTCOMES.search(question)) and not _HOW_MANY.search(question) and not _TOTAL.search(question)
# The narrative is asked for explicitly, or the question asks for a share the tables do not print.
_NARRATIVE = re.compile(
    r"正文|文中|报告中提到|报告里说|报告说|文字部分|占多大比例|比例|占比|百分之|百分比|做了什么|采取了|措施|计划|打算|"
    r"为什么没有|原因|问题|困难|改进|经验|亮点|如何|怎样|怎么做|怎么样|怎么改|质量|哪些做法|the text|narrative|mention|percentage|"
    r"proportion|share of|what did|how did|plans?\b|measures|problems|why\b|steps|initiatives", re.I)
_YES_NO = re.compile(r"^\s*(?:did|does|do|was|were|is|are|has|have|had)\b|吗\s*[？?]?\s*$|有没有|是否", re.I)
_HOW_MANY = re.compile(r"多少|几|how many|how much|what (?:was|is|were) the (?:number|total|amount)", re.I)


def _yes_no(question: str) -> bool:
    """"Did Pingtan charge fees in 2022?", "收到过申请吗？": asked of the text, unless a count is asked."""
    return bool(_YES_NO.search(question)) and not _HOW_MANY.search(question)


_EQUALS = re.compile(r"等于|对得上|对不上|一致|平衡|相符|equal|match|agree|add up to|adds up to|reconcile", re.I)
_WHICH_YEAR = re.compile(r"哪一?年|哪个年份|哪个年度|which year|what year", re.I)
_EXTREME = re.compile(r"最多|最少|最高|最低|最大|最小|峰值|\bmost\b|\bleast\b|fewest|highest|lowest|largest|smallest|"
                      r"\bpeak", re.I)


def asks_which_year(question: str) -> bool:
    """"平潭哪一年收到的申请最多？", "Which year had the fewest lawsuits?": every year is compared."""
    return bool(_WHICH_YEAR.search(question) and _EXTREME.search(question))


def asks_whether(question: str) -> bool:
    """A yes/no question with no other narrative cue: "有没有被申请行政复议？", "Did … get any requests?"."""
    return _yes_no(question) and not _NARRATIVE.search(question)


def _narrative_cue(question: str, table_words: tuple[str, ...]) -> bool:
    lowered = question.lower()
    return any(not any(m.group().lower() in w and w in lowered for w in table_words)
               for m in _NARRATIVE.finditer(question))


_AMOUNT = re.compile(r"万元|亿元|\d*元|yuan|rmb|in units of|amount|how much|多少钱|金额|花了|花费|支出|"
                     r"\bspen[dt]|\bspending\b|\bcost|\bpaid\b|\bpay\b|\bcollect(?:ed)?\b", re.I)
_WHAT_DID = re.compile(r"what did|how did|采取了?|采用了?", re.I)
_RESULTS = re.compile(r"办理结果|处理结果|办理情况|results|outcomes", re.I)
_TABLE = re.compile(r"表格|表中|统计表|表[一二三四1-4]|the table|in the tables?", re.I)


def classify(question: str, *, has_metric: bool, n_years: int, n_agencies: int, table_words: tuple[str, ...] = ()
             ) -> str:
    """The intent, from cue words first and from the shape of what was understood second. `table_words`: the
    question's words that name rows or columns; a cue inside one is the row's ("行政强制措施", "coercive
    measures" are table 2's row, not a question about measures taken)."""
    if _CHECK.search(question) and not (_HOW_MANY.search(question) and not _EQUALS.search(question)):
        return CHECK  # ("行政复议和行政诉讼加起来一共多少件" asks a sum, not whether totals agree)
    if has_metric and asks_which_year(question):
        return COMPARE
    if (_CATALOG.search(question) or _HOLDINGS.search(question)) and not has_metric:
        return LIST  # "which agencies do you have reports for?": what the index holds, no ranking
    if _RANK.search(question) and n_agencies != 1:
        return RANK
    narrative_cue = (_narrative_cue(question, table_words) or _yes_no(question)) and not _TABLE.search(question)
    if narrative_cue and has_metric and (_AMOUNT.search(question) or _HOW_MANY.search(question)) \
            and not _narrative_cue(_WHAT_DID.sub(" ", question), table_words) and not _yes_no(question):
        # "what did X collect in fees, in 10,000 yuan", "采取了多少次行政强制措施": a row's count, not a story
        narrative_cue = False
    if narrative_cue and not _COMPARE.search(question):
        return NARRATIVE
    if has_metric and (n_years > 1 or _COMPARE.search(question)):
        return COMPARE
    if _CATALOG.search(question) or (_BREAKDOWN.search(question) and (has_metric or _RESULTS.search(question))):
        return LIST
    if has_metric:
        return FACT
    return NARRATIVE

"""Question understanding: agency, year, metric, intent and language, on lists built here."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.understand.agency import AgencyMatcher
from bot.understand.intent import CHECK, COMPARE, FACT, LIST, NARRATIVE, RANK, classify
from bot.understand.language import detect_language
from bot.understand.metric import parse_metric
from bot.understand.years import parse_years
from index.agencies import agency_record

TODAY = dt.date(2026, 11, 28)
AGENCIES = [agency_record(n) for n in ("平潭综合实验区", "平潭县人民政府", "盘锦市营商环境建设局",
                                       "盘锦市人民政府办公室", "大连市营商环境建设局")]


@pytest.fixture(scope="module")
def matcher():
    return AgencyMatcher(AGENCIES)


# --- language ------------------------------------------------------------------------------------

@pytest.mark.parametrize("question, lang", [
    ("营商局2020年收到多少政府信息公开申请？", "zh"),
    ("how many disclosure requests did the 营商局 get in 2020", "en"),
    ("Pingtan 2020 年报中规章的对外公开总数量是多少？", "zh"),  # mixed, mostly Chinese
    ("Pingtan 2025 行政复议一共多少件？", "zh"),
    ("How many intermediary agencies had joined Pingtan's “中介超市” by 2019?", "en"),
])
def test_answers_come_in_the_questions_language(question, lang):
    assert detect_language(question) == lang


# --- years ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("question, years", [
    ("平潭2019年新收了多少件", (2019,)),
    ("二〇二〇年营商局收到多少申请", (2020,)),
    ("平潭19年新收申请多少件", (2019,)),  # a shortened year
    ("近10年平潭收到多少申请", ()),  # a span of years, not 2010
    ("去年平潭收到多少申请", (2025,)),
    ("前年平潭收到多少申请", (2024,)),
    ("how many requests last year", (2025,)),
    ("the 2020 report of Pingtan", (2020,)),  # a report covers its statistics year
    ("2021年发布的年报", (2020,)),  # published the year after
    ("平潭2023年发布政策解读多少篇", (2023,)),  # work published in 2023 is 2023's
    ("盘锦营商局2021年有什么工作打算", (2020,)),  # plans for 2021 are in the report on 2020
    ("平潭2023年下一步打算怎么改进？", (2023,)),  # the next steps the 2023 report names
    ("平潭2025年的行政复议比2023年多了多少件", (2025, 2023)),
    ("Pingtan requests in '23?", (2023,)),  # a year written short in English
    ("Pingtan FY23 lawsuits", (2023,)),
    ("Pingtan's lawsuits in FY2022 and ’23", (2022, 2023)),
    ("Huai'an's requests in 2024", (2024,)),  # an apostrophe inside a name is no year
])
def test_years_are_read_from_digits_chinese_numerals_and_relative_words(question, years):
    assert parse_years(question, TODAY).years == years


def test_carried_over_from_last_year_is_a_table_row_not_a_year():
    assert parse_years("How many requests were carried over from last year in 2022?", TODAY).years == (2022,)


def test_ranges_and_since_resolve_against_the_indexed_years():
    have = [2018, 2019, 2020, 2022, 2025]
    assert parse_years("2019到2021年", TODAY).resolve(have) == (2019, 2020)
    assert parse_years("between 2019 and 2022", TODAY).resolve(have) == (2019, 2020, 2022)
    assert parse_years("since 2020", TODAY).resolve(have) == (2020, 2022, 2025)
    assert parse_years("2019年以来", TODAY).resolve(have) == (2019, 2020, 2022, 2025)
    assert parse_years("历年申请数量", TODAY).resolve(have) == tuple(have)


def test_no_year_is_no_year():
    assert not parse_years("辽事通注册了多少人", TODAY).given


# --- agency --------------------------------------------------------------------------------------

@pytest.mark.parametrize("question, names", [
    ("盘锦市营商环境建设局2020年收到多少申请", ("盘锦市营商环境建设局",)),
    ("盘锦营商局2020年收到多少申请", ("盘锦市营商环境建设局",)),
    ("盘金营商局2020年收到多少申请", ("盘锦市营商环境建设局",)),  # homophone typo
    ("Panjin business environment bureau lawsuits 2020", ("盘锦市营商环境建设局",)),
    ("Panjn business environment bureau lawsuits 2020", ("盘锦市营商环境建设局",)),  # typo
    ("盘锦市政府办2020年收到多少申请", ("盘锦市人民政府办公室",)),
    ("平潭县政府2013年共收到多少条申请", ("平潭县人民政府",)),
    ("Which places did Pingtan County designate as reading points", ("平潭县人民政府",)),
    ("平潭实验区2019年有多少件行政复议", ("平潭综合实验区",)),
])
def test_agencies_are_found_by_full_short_english_and_misspelt_names(matcher, question, names):
    assert matcher.match(question).names == names


def test_a_name_two_agencies_share_returns_both(matcher):
    assert set(matcher.match("营商局2020年收到多少申请").names) == {"盘锦市营商环境建设局", "大连市营商环境建设局"}
    assert set(matcher.match("平潭2019年新收了多少件申请").names) == {"平潭综合实验区", "平潭县人民政府"}


@pytest.mark.parametrize("question, unknown", [
    ("沈阳营商局2020年收到多少申请", "沈阳"),
    ("北京市公安局2020年收到多少政府信息公开申请", "北京市公安局"),
    ("How many requests did Shenyang get in 2020?", "Shenyang"),
])
def test_places_and_departments_that_are_not_indexed_are_reported(matcher, question, unknown):
    assert unknown in matcher.match(question).unknown


def test_generic_phrases_name_no_agency(matcher):
    match = matcher.match("哪个部门2020年收到的政府信息公开申请最多？")
    assert (match.names, match.unknown) == ((), ())
    assert matcher.match("Which agency had the most disclosure requests in 2020?").unknown == ()


# --- metric --------------------------------------------------------------------------------------

@pytest.mark.parametrize("question, row, column", [
    ("营商局2020年收到多少政府信息公开申请？", "applications.new_received", None),
    ("how many disclosure requests did the 营商局 get in 2020", "applications.new_received", None),
    ("平潭2019年因“补正后申请内容仍不明确”无法提供的申请有几件？", "applications.results.unavailable.unclear", None),
    ("How many requests were not processed because they were duplicates?",
     "applications.results.not_processed.duplicate", None),
    ("平潭2022年不予公开的申请有几件？", "applications.results.denied", None),
    ("How many requests did Pingtan refuse in 2025?", "applications.results.denied", None),
    ("2025年平潭商业企业的申请有几件结转下年度？", "applications.carried_forward", "commercial"),
    ("How many Pingtan requests in 2022 came from companies?", "applications.new_received", "commercial"),
    ("2020年平潭收到的申请中，“其他”法人或组织提出的有几件？", "applications.new_received", "other_org"),
    ("平潭2022年行政复议结果纠正了几件？", "review", "corrected"),
    ("平潭2023年未经复议直接起诉的案件中有几件尚未审结？", "litigation.direct", "pending"),
    ("Panjin business environment bureau lawsuits 2020", "litigation", None),
    ("Pingtan 2020 年报中规章的对外公开总数量是多少？", "proactive.regulations", "total_published"),
    ("平潭2020年行政事业性收费项目本年增/减是多少？", "proactive.fees", "change"),
    ("How many administrative licensing decisions did Pingtan report for 2023?", "proactive.licensing", "decisions"),
    ("平潭2025年有几件申请因申请人逾期未按收费通知缴纳费用而不再处理？",
     "applications.results.other.unpaid_fee", None),
])
def test_metrics_are_named_in_chinese_and_english(question, row, column):
    metric = parse_metric(question)
    assert (metric.row, metric.column) == (row, column)


def test_a_narrative_question_names_no_metric():
    assert parse_metric("平潭“一窗通办”改革后群众等候时间缩短到多少分钟？").row is None


# --- intent --------------------------------------------------------------------------------------

@pytest.mark.parametrize("question, has_metric, n_years, intent", [
    ("平潭2019年新收了多少件申请？", True, 1, FACT),
    ("平潭2025年的行政复议比2023年多了多少件？", True, 2, COMPARE),
    ("平潭历年新收申请数量怎么变化的？", True, 2, COMPARE),
    ("哪个部门2020年收到的申请最多？", True, 1, RANK),
    ("平潭2020年的办理结果各项加起来等于总计吗？", False, 1, CHECK),
    ("索引里有哪些年报？", False, 0, LIST),
    ("辽事通注册了多少人？", False, 0, NARRATIVE),
    ("平潭2023年正文说集中发布了多少件现行有效行政规范性文件？", True, 1, NARRATIVE),
    ("平潭2025年依申请公开答复质量怎么样？", True, 1, NARRATIVE),  # quality is told, not counted
])
def test_intents(question, has_metric, n_years, intent):
    assert classify(question, has_metric=has_metric, n_years=n_years, n_agencies=0) == intent


def test_a_district_is_named_by_its_own_unit_and_its_city_only_loosely():
    matcher = AgencyMatcher([agency_record(n) for n in ("上海市浦东新区人民政府", "上海市人民政府")])
    assert matcher.match("浦东新区2019年收到多少申请").names == ("上海市浦东新区人民政府",)
    assert matcher.match("Pudong 2019 requests").names == ("上海市浦东新区人民政府",)
    assert matcher.match("上海2019年收到多少申请").names == ("上海市人民政府",)


def test_a_question_of_indexed_names_and_table_words_needs_no_part_of_speech_tagger():
    """jieba's tagger takes ~0.9 s to load: a plain fact question must not pay it, a stranger's name must."""
    import subprocess
    import sys

    probe = (
        "import sys; from tests.test_understand import AGENCIES; from bot.understand.agency import AgencyMatcher; "
        "m = AgencyMatcher(AGENCIES); a = m.match(sys.argv[1]); print('jieba' in sys.modules, a.unknown)"
    )
    root = Path(__file__).resolve().parent.parent
    run = lambda q: subprocess.run([sys.executable, "-c", probe, q], capture_output=True, text=True,  # noqa: E731
                                   check=True, cwd=root).stdout.strip()
    assert run("营商局2020年收到多少政府信息公开申请？") == "False ()"
    assert run("沈阳营商局2020年收到多少申请？") == "True ('沈阳',)"


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5])
def test_the_last_n_years_are_the_n_report_years_up_to_last_year(n):
    """"近三年", "过去3年", "the last three years": a report on a year comes out the next, so the last N years
    asked in 2026 are 2026-N … 2025. ("前一年" is the year before, not the last one.)"""
    import datetime as dt

    from bot.understand.years import parse_years

    zh = "一二三四五"[n - 1]
    en = ["one", "two", "three", "four", "five"][n - 1]
    today = dt.date(2026, 12, 1)
    english = (f"How many requests did Pingtan get in the last {en} years?", f"Pingtan requests, past {n} years")
    for question in (f"平潭近{zh}年收到多少申请？", f"平潭过去{n}年收到多少申请？", f"平潭最近{zh}年的申请",
                     *(english if n > 1 else ())):
        assert parse_years(question, today).span == (2026 - n, 2025), question
    assert parse_years("平潭2022年有多少件申请是前一年结转过来的？", today).span is None

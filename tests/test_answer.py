"""answer(): what a citizen gets back, on a real index of real reports (tests/conftest.py: answer_index).

The reports: 盘锦市营商环境建设局 2020 (every count 0), 平潭综合实验区 2020 as scraped text (some table-2
cells cannot be placed; table 3's results do not add up to its total), 平潭综合实验区 2025 (2021 layout)
and 平潭县人民政府 2013 (old template: narrative only).
"""

from __future__ import annotations

import datetime as dt

import pytest

from bot.answer import answer, answer_with_choice

TODAY = dt.date(2026, 11, 28)


@pytest.fixture(scope="module")
def ask(answer_index):
    def _ask(question: str, today: dt.date = TODAY):
        return answer(question, answer_index, today=today)
    return _ask


# --- single facts ---------------------------------------------------------------------------------

def test_a_fact_gives_the_number_agency_year_row_report_and_table(ask):
    a = ask("平潭2025年新收政府信息公开申请多少件？")
    assert (a.kind, a.value, a.lang) == ("fact", 154, "zh")
    assert "平潭综合实验区2025年" in a.text
    assert "本年新收政府信息公开申请数量" in a.text  # the row as printed
    assert "《平潭综合实验区2025年度政府信息公开工作年度报告》" in a.text
    assert "表三" in a.text
    assert [(f.key, f.value, f.agency, f.year) for f in a.facts] == [
        ("applications.new_received.total", 154, "平潭综合实验区", 2025)]
    assert a.sources[0].title == "平潭综合实验区2025年度政府信息公开工作年度报告"


def test_requests_received_are_given_with_those_carried_over(ask):
    a = ask("平潭2025年新收政府信息公开申请多少件？")
    assert "另有上年结转0件，两项合计154件" in a.text


def test_the_short_name_and_an_english_question_reach_the_same_fact(ask):
    zh = ask("营商局2020年收到多少政府信息公开申请？")
    en = ask("how many disclosure requests did the 营商局 get in 2020")
    assert (zh.kind, zh.value, en.kind, en.value) == ("fact", 0, "fact", 0)
    assert en.lang == "en"
    assert "盘锦市营商环境建设局 (Panjin City Business Environment Construction Bureau)" in en.text


@pytest.mark.parametrize("question, value", [
    ("平潭2025年结转到下一年继续办理的申请有几件？", 6),
    ("2025年平潭商业企业的申请有几件结转下年度？", 2),
    ("Pingtan 2025 行政复议一共多少件？", 36),
    ("平潭2025年有几件申请因申请人逾期未按收费通知缴纳费用而不再处理？", 2),
    ("How many 2025 requests did Pingtan stop processing because the applicant did not supplement the request in time?", 8),
    ("How many administrative penalty decisions did Pingtan report for 2025?", 644),
    ("平潭2020年行政事业性收费项目本年增/减是多少？", -15),
    ("平潭2025年的申请中有多少来自企业？", 3),
    ("平潭2025年依申请公开的办理结果中，无法提供的有多少？", 53),  # 依申请公开 names the process, not a row
    ("平潭2025年有几个人申请公开信息？", 151),  # 个人: the 自然人 column of the year's new requests
    ("平潭2025年年底还没办完的申请有多少？", 6),
    ("How many Pingtan requests in 2025 were still pending at year end?", 6),
    ("How many requests did Pingtan carry over into 2026?", 6),  # into 2026: the 2025 report's 结转下年度  # "from" names no row: the year's new requests
])
def test_facts_across_the_three_tables(ask, question, value):
    a = ask(question)
    assert (a.kind, a.value) == ("fact", value)


def test_a_family_of_rows_is_summed_and_its_parts_named(ask):
    a = ask("How many requests did Pingtan refuse in 2025?")
    assert (a.kind, a.value) == ("fact", 11)
    assert "Of which:" in a.text


def test_plain_lawsuits_are_the_sum_of_direct_and_after_review_and_say_so(ask):
    a = ask("平潭2025年行政诉讼一共多少件？")
    assert (a.kind, a.value) == ("fact", 9)
    assert "未经复议直接起诉 + 复议后起诉" in a.text


def test_no_year_takes_the_latest_report_and_says_so(ask):
    a = ask("平潭实验区收到多少件政府信息公开申请？")
    assert (a.kind, a.value) == ("fact", 154)
    assert "最新的2025年度报告" in a.text


@pytest.mark.parametrize("question, today, value", [
    ("去年平潭新收了多少件政府信息公开申请？", dt.date(2026, 3, 1), 154),
    ("How many new disclosure requests did Pingtan receive last year?", dt.date(2021, 6, 1), 21),
])
def test_relative_years_count_from_today(ask, question, today, value):
    assert ask(question, today).value == value


# --- what the report itself leaves uncertain ---------------------------------------------------------

def test_an_ambiguous_cell_has_no_value_and_says_it_cannot_be_read(ask):
    a = ask("平潭2020年规范性文件对外公开总数量是多少？")
    assert (a.kind, a.value) == ("not_found", None)
    assert a.text.startswith("无法确定") and "无法确定对应到哪一列" in a.text
    en = ask("How many normative documents had Pingtan published in total in 2020?")
    assert en.value is None and en.text.startswith("Not certain") and "cannot be placed in its column" in en.text


def test_a_cell_in_a_failed_identity_is_stated_as_printed_with_the_disagreement_beside_it(ask):
    a = ask("平潭2020年予以公开的申请总计多少件？")
    assert (a.kind, a.value) == ("fact", 7)
    assert a.text.startswith("7件\n")
    assert "合计对不上（总计列：三(一)…(六)合计27，而三(七)为21）" in a.text  # in Chinese throughout
    assert " but " not in a.text
    en = ask("How many requests did Pingtan grant in 2020?")
    assert en.value == 7 and "27 but 三(七) = 21" in en.text


def test_whether_a_reports_totals_add_up_is_answered_from_its_own_numbers(ask):
    a = ask("平潭2020年的办理结果各项加起来等于总计吗？")
    assert a.kind == "compare"
    assert "不相等" in a.text and "各项合计27件" in a.text and "三(七)为21件" in a.text
    ok = ask("平潭2025年表三各项办理结果加起来等于总计吗？")
    assert "合计相符" in ok.text and "148" in ok.text


# --- comparisons, rankings, lists ------------------------------------------------------------------------

def test_a_comparison_across_years_gives_each_number_with_its_source_and_the_difference(ask):
    a = ask("平潭2025年的行政复议比2020年多了多少件？")
    assert (a.kind, a.value) == ("compare", 36)
    assert "2020年 0件 → 2025年 36件" in a.text
    assert "2025年比2020年多36件" in a.text
    assert [s.year for s in a.sources] == [2020, 2025]


def test_a_trend_over_the_years(ask):
    a = ask("How did Pingtan's new disclosure requests change over the years?")
    assert a.kind == "compare"
    assert "2020: 21 → 2025: 154" in a.text


def test_a_ranking_across_agencies(ask):
    a = ask("哪个部门2020年收到的申请最多？")
    assert (a.kind, a.value) == ("compare", 21)
    assert "最多的是平潭综合实验区，21件" in a.text
    assert "盘锦市营商环境建设局：0件" in a.text


def test_a_list_of_the_indexed_reports(ask):
    a = ask("索引里有哪些年报？")
    assert a.kind == "list"
    assert "《盘锦市营商环境建设局2020年度政府信息公开工作报告》" in a.text
    assert "索引中共有4份年报" in a.text


@pytest.mark.parametrize("question", [
    "Which agencies do you have reports for?", "Which agencies are covered?", "What reports do you have?",
    "哪些部门有年报？", "收录了哪些单位？", "你们有哪些报告？",
])
def test_asking_what_is_held_lists_the_reports_never_a_ranking(ask, question):
    a = ask(question)
    assert a.kind == "list", a.text
    assert "盘锦市营商环境建设局" in a.text and "平潭综合实验区" in a.text


@pytest.mark.parametrize("question", ["What's the latest year you have for Pingtan?", "平潭最新的年报是哪一年？",
                                      "Which is the earliest report of Pingtan?", "平潭有哪几年的年报？"])
def test_asking_which_years_an_agency_has_lists_its_reports(ask, question):
    a = ask(question)
    assert a.kind == "list", a.text
    assert "2025" in a.text and "盘锦市营商环境建设局" not in a.text


def test_a_breakdown_by_applicant(ask):
    a = ask("平潭2025年新收申请按申请人分别是多少？")
    assert a.kind == "list"
    assert "自然人：151" in a.text and "商业企业：3" in a.text


# --- narrative ------------------------------------------------------------------------------------------

def test_a_narrative_question_quotes_the_report_sentence_and_its_source(ask):
    a = ask("辽事通注册了多少人？")
    assert a.kind == "narrative"
    assert "辽事通注册总量362804人" in a.text
    assert "辽事通注册总量362804人" in a.sources[0].quote
    assert a.sources[0].agency == "盘锦市营商环境建设局"


def test_an_old_template_report_answers_a_table_question_from_its_text(ask):
    a = ask("平潭县政府2013年共收到多少条政府信息公开申请？")
    assert a.kind == "narrative"
    assert "2013年全县共收到有关政府信息公开的申请7条" in a.sources[0].quote


def test_an_english_narrative_question_is_answered_with_the_chinese_sentence(ask):
    a = ask("Which places did Pingtan County designate as public reading points for government information in 2013?")
    assert a.kind == "narrative"
    assert "县档案馆、图书馆" in a.sources[0].quote


# --- honest refusals --------------------------------------------------------------------------------------

def test_a_year_the_agency_has_no_report_for_is_not_found_with_the_years_it_has(ask):
    a = ask("平潭县人民政府2021年收到了多少件政府信息公开申请？")
    assert (a.kind, a.value) == ("not_found", None)
    assert "平潭县人民政府只有2013年的年报" in a.text


def test_an_agency_that_is_not_indexed_is_not_found_with_the_close_ones(ask):
    a = ask("沈阳营商局2020年收到多少政府信息公开申请？")
    assert a.kind == "not_found"
    assert "沈阳" in a.text and "盘锦市营商环境建设局" in a.text


def test_a_question_the_reports_do_not_answer_is_not_found(ask):
    for question in ("平潭2025年政府信息公开工作经费是多少？", "What was Pingtan's population in 2025?"):
        a = ask(question)
        assert a.kind == "not_found", a.text
        assert "平潭综合实验区" in a.text  # says what the index covers


# --- clarify --------------------------------------------------------------------------------------------

def test_a_question_several_agencies_fit_asks_which_and_answers_the_choice(ask, answer_index):
    question = "2020年收到多少政府信息公开申请？"
    a = ask(question)
    assert a.kind == "clarify"
    assert a.options == ("平潭综合实验区", "盘锦市营商环境建设局")
    chosen = answer_with_choice(question, a.options[1], answer_index)
    assert (chosen.kind, chosen.value) == ("fact", 0)


def test_a_shared_name_is_decided_by_the_year_before_asking(ask):
    assert ask("平潭2013年年报写的数据统计期限是什么？").sources[0].agency == "平潭县人民政府"
    assert ask("平潭2025年新收政府信息公开申请多少件？").facts[0].agency == "平潭综合实验区"


def test_new_wording_for_a_row_is_clarified_rather_than_guessed(ask, answer_index):
    question = "平潭2025年有多少申请被打回了？"  # 打回: a word the dictionary does not hold
    a = ask(question)
    assert (a.kind, a.value) == ("clarify", None)
    assert a.options[0] == "本年新收政府信息公开申请数量"  # the best reading is always offered
    for option in a.options:  # whichever is picked, it is answered as that row
        assert answer_with_choice(question, option, answer_index).kind == "fact"


def test_contract_line_shape(ask):
    line = ask("平潭2025年新收政府信息公开申请多少件？").to_contract(1.5)
    assert set(line) == {"question", "kind", "answer", "value", "facts", "sources", "options", "elapsed_ms"}
    assert line["value"] == 154 and line["facts"][0]["key"] == "applications.new_received.total"


def test_a_comparison_across_agencies_of_two_regions(ask):
    a = ask("平潭和盘锦营商局2020年新收申请对比")
    assert a.kind == "compare"
    assert "平潭综合实验区 2020年 21件" in a.text and "盘锦市营商环境建设局 2020年 0件" in a.text
    assert {s.agency for s in a.sources} == {"平潭综合实验区", "盘锦市营商环境建设局"}


def test_two_rows_are_each_given_and_summed_only_when_a_sum_is_asked(ask):
    each = ask("平潭2025年予以公开和部分公开各多少件？")
    assert (each.kind, each.value) == ("fact", None)
    assert each.text.startswith("予以公开 33件；部分公开 38件\n")
    both = ask("平潭2025年予以公开和部分公开一共多少件？")
    assert both.value == 71 and "合计71件（计算值）" in both.text


@pytest.mark.parametrize("question, says", [
    ("平潭2020年到2025年收到的申请数量有什么变化？", "索引中没有平潭综合实验区2021—2024年的报告，未列入"),
    ("How did Pingtan's new requests change from 2020 to 2025?", "No report is indexed of"),
])
def test_a_trend_says_which_asked_years_it_has_no_report_for(ask, question, says):
    a = ask(question)
    assert a.kind == "compare" and says in a.text
    assert "2021" in a.text and "2024" in a.text


def test_two_named_years_are_compared_without_listing_the_years_between(ask):
    a = ask("平潭2025年比2020年多收到多少申请？")
    assert (a.kind, a.value) == ("compare", 133) and "未列入" not in a.text


@pytest.mark.parametrize("question, lead, value", [
    ("盘锦营商局2020年有没有被申请行政复议？", "没有。", 0),
    ("Did the Panjin business environment bureau get any requests in 2020?", "No. ", 0),
    ("平潭2025年有没有行政诉讼？", "有。", 9),
    ("2025年平潭收到申请154件吗？", "是。", 154),
    ("2025年平潭收到申请150件吗？", "不是。", 154),  # a number put forward is checked, not "were there any"
    ("Did Pingtan receive 150 requests in 2025?", "No. ", 154),
])
def test_a_yes_no_question_about_a_count_is_answered_from_the_table(ask, question, lead, value):
    a = ask(question)
    assert (a.kind, a.value) == ("fact", value) and a.text.startswith(lead)


def test_a_yes_no_question_naming_an_agency_not_indexed_gets_no_other_agency_s_count(ask):
    a = ask("Did the Panjin business bureau get any requests in 2020?")  # 商务局? 营商局? not a fact to state
    assert a.kind != "fact" and a.value is None


@pytest.mark.parametrize("question, says", [
    ("平潭哪一年收到的申请最多？", "已收录年份中最多的是2025年（154件）"),
    ("Which year did Pingtan have the fewest lawsuits?", "Among the indexed years, the fewest: 2020 (0)"),
])
def test_which_year_compares_every_indexed_year(ask, question, says):
    a = ask(question)
    assert a.kind == "compare" and says in a.text and "2020" in a.text and "2025" in a.text


@pytest.mark.parametrize("question", ["平潭2025年收费了吗？", "平潭2025年收取费用了吗？"])
def test_a_question_about_charging_fees_finds_the_sentence_about_fees_charged(ask, question):
    a = ask(question)  # 收费 / 费用 asked, 收取信息处理费 written
    assert a.kind == "narrative" and "无收取信息处理费" in a.text


def test_an_english_counting_word_does_not_pull_in_a_section_heading(ask):
    # "items" once meant 事项, which every "六、其他需要报告的事项" passage carries in its heading.
    a = ask("How many government information items did Pingtan proactively disclose in 2025?")
    assert a.kind == "narrative" and "7700" in a.text


def test_where_to_download_the_report_is_quoted_from_its_preamble(ask):
    a = ask("Where can I download Pingtan's 2020 report?")
    assert a.kind == "narrative" and "下载" in a.text and "www.pingtan.gov.cn" in a.text


@pytest.mark.parametrize("question", [
    "Which agency got more requests in 2020, Pingtan or the Panjin business environment bureau?",
    "2020年平潭和盘锦营商局谁收到的申请更多？",
    "2020年平潭收到的申请更多还是盘锦营商局更多？",
])
def test_more_or_fewer_between_two_agencies_compares_both(ask, question):
    a = ask(question)
    assert a.kind == "compare" and "21" in a.text and "盘锦市营商环境建设局" in a.text and "平潭综合实验区" in a.text


def test_a_plan_for_a_year_without_the_report_before_it_says_where_plans_are_written(ask):
    a = ask("平潭2024年的工作计划是什么？")  # plans for 2024 are in the report on 2023, not indexed here
    assert a.kind == "not_found" and "2023" in a.text and "2024年的计划" in a.text


def test_an_outcome_of_reconsideration_comes_with_the_row_total(ask):
    a = ask("平潭2025年行政复议纠正了几件？")
    assert a.kind == "fact" and "该行总计36件" in a.text

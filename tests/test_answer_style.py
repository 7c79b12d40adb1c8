"""Answers shaped for a chat bubble: the number first, one plain line, one source line; Chinese answers in
Chinese, English in English; money as printed with its unit (a long amount also rounded, said so); refusals and clarifies short
(real index: tests/conftest.py). The questions are every row of the 2025 report, asked by its label."""

from __future__ import annotations

import re

import pytest

from bot.answer import answer
from bot.metrics import key_label
from bot.understand import metric_keys as mk

ROWS = [r for r in mk.rows() if r.startswith(("applications", "review", "litigation"))]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_fact_answer_leads_with_the_number_then_a_plain_line_then_its_source(answer_index, lang):
    for row in ROWS:
        label = key_label(row, None, lang)
        question = f"平潭2025年{label}有多少件？" if lang == "zh" else f"How many: {label}, Pingtan, 2025?"
        a = answer(question, answer_index)
        if a.kind != "fact":
            continue
        lines = a.text.split("\n")
        number = lines[0].removeprefix("Yes. ").removeprefix("No. ")
        assert re.fullmatch(r"-?\d+(?:\.\d+)?件?", number.lstrip("有没。是不")), (question, a.text)
        assert "平潭综合实验区" in lines[1] and "2025" in lines[1]
        assert lines[-1].startswith("来源：《" if lang == "zh" else "Source: 《")
        assert len(lines) == 3


def test_a_chinese_answer_carries_no_english(answer_index):
    for question in ("平潭2025年新收政府信息公开申请多少件？", "平潭2020年予以公开的申请总计多少件？",
                     "平潭2025年行政诉讼一共多少件？", "平潭2025年不予公开的有多少件？"):
        text = answer(question, answer_index).text
        assert not re.search(r"[A-Za-z]{2,}", text), text


def test_money_is_given_as_printed_with_its_unit_and_a_long_amount_also_rounded(answer_index):
    zh = answer("平潭2025年行政事业性收费金额是多少？", answer_index)
    assert zh.text.startswith("4166.241619万元（约4166.24万元）\n")
    assert zh.value == pytest.approx(4166.241619)  # the contract keeps the printed figure
    en = answer("How much did Pingtan collect in administrative fees in 2025?", answer_index)
    assert en.text.startswith("4166.241619 万元 (10,000 yuan) (about 4166.24)")


def test_an_amount_printed_without_a_unit_is_never_given_one(answer_index):
    zh = answer("盘锦市营商环境建设局2020年政府集中采购总金额是多少？", answer_index)
    assert zh.text.startswith("148（单位未注明）\n") and zh.value == 148
    en = answer("What was the Panjin business environment bureau's total government procurement amount in 2020?",
                answer_index)
    assert en.text.startswith("148 (the report prints no unit)") and "万元" not in en.text


@pytest.mark.parametrize("question", [
    "大连市营商局2020年收到多少申请？", "How many requests did the Dalian business environment bureau get in 2020?",
    "平潭县人民政府2021年收到了多少件申请？", "How many requests did Pingtan County get in 2021?",
    "What was the average number of days Pingtan took to answer a request in 2025?",
    "How many requests from foreigners did Pingtan get in 2025?", "平潭2025年外国人申请了多少件？",
    "北京2025年收到多少申请？", "What did Beijing publish in 2025?", "平潭2025年有多少申请被打回了？",
    "How many requests did Pingtan bounce in 2025?", "2020年收到多少政府信息公开申请？",
])
def test_refusals_and_clarifies_fit_a_chat_bubble(answer_index, question):
    a = answer(question, answer_index)
    assert a.kind in ("not_found", "clarify"), a.text
    assert len(a.text) < 200, a.text


@pytest.mark.parametrize("question, line", [
    ("平潭2020年办理结果总计多少件？", "平潭综合实验区2020年 办理结果总计。"),
    ("How many requests did Pingtan handle in total in 2020?", "平潭综合实验区 (Pingtan Comprehensive Experimental Zone), 2020: total handled."),
])
def test_a_row_named_by_its_total_does_not_repeat_the_column(answer_index, question, line):
    a = answer(question, answer_index)
    assert a.text.split("\n")[1].startswith(line), a.text

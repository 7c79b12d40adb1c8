"""Computed figures: a share, a sum over years, a growth rate — each from printed cells, labelled as
computed, with its formula (real index: tests/conftest.py)."""

from __future__ import annotations

import pytest

from bot.answer import answer


def _fact(index, key: str, agency: str, year: int) -> float:
    return next(f.value for f in index.facts(key_prefix=key, agencies=[agency], years=[year]) if f.key == key)


@pytest.mark.parametrize("question", [
    "平潭2025年予以公开的占新收的百分之多少？",
    "平潭2025年新收申请中予以公开的比例是多少？",
    "What share of Pingtan's new requests in 2025 were granted?",
])
def test_a_share_is_computed_from_two_printed_cells_with_its_formula(answer_index, question):
    granted = _fact(answer_index, "applications.results.granted.total", "平潭综合实验区", 2025)
    received = _fact(answer_index, "applications.new_received.total", "平潭综合实验区", 2025)
    a = answer(question, answer_index)
    assert (a.kind, a.value) == ("fact", round(granted / received * 100, 2))
    assert f"{granted:g} ÷ {received:g}" in a.text
    assert "计算值" in a.text or "computed" in a.text
    assert {f.key for f in a.facts} == {"applications.results.granted.total", "applications.new_received.total"}


@pytest.mark.parametrize("question", [
    "What percentage of requests did Pingtan grant in 2025?",
    "What share of Pingtan's 2025 requests were granted in full?",
    "平潭2025年予以公开的占比是多少？",
    "平潭2025年的申请中予以公开的比例是多少？",
])
def test_an_outcome_share_of_requests_is_of_those_decided(answer_index, question):
    """The reports compute an outcome's share over the requests decided (办结, 办理结果总计), which include those
    carried over from the year before: "requests", said alone, is that whole; "new requests" is said as such."""
    granted = _fact(answer_index, "applications.results.granted.total", "平潭综合实验区", 2025)
    decided = _fact(answer_index, "applications.results.total.total", "平潭综合实验区", 2025)
    a = answer(question, answer_index)
    assert (a.kind, a.value) == ("fact", round(granted / decided * 100, 2))
    assert {f.key for f in a.facts} == {"applications.results.granted.total", "applications.results.total.total"}


def test_a_share_of_a_column_is_of_its_row(answer_index):
    person = _fact(answer_index, "applications.new_received.natural_person", "平潭综合实验区", 2025)
    received = _fact(answer_index, "applications.new_received.total", "平潭综合实验区", 2025)
    a = answer("平潭2025年自然人申请占比是多少？", answer_index)
    assert a.value == round(person / received * 100, 2)


def test_a_sum_over_years_is_computed_and_labelled(answer_index):
    a = answer("平潭2020年和2025年行政复议合计多少件？", answer_index)
    first = _fact(answer_index, "review.total", "平潭综合实验区", 2020)
    second = _fact(answer_index, "review.total", "平潭综合实验区", 2025)
    assert a.value == first + second
    assert f"合计{first + second:g}件（计算值：{first:g} + {second:g}）" in a.text


def test_a_growth_rate_is_computed_with_its_formula(answer_index):
    a = answer("By what percent did Pingtan's new requests grow from 2020 to 2025?", answer_index)
    old = _fact(answer_index, "applications.new_received.total", "平潭综合实验区", 2020)
    new = _fact(answer_index, "applications.new_received.total", "平潭综合实验区", 2025)
    assert a.value == round((new - old) / old * 100, 2)
    assert f"({new:g} − {old:g}) ÷ {old:g}" in a.text


# --- plans ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("question", ["What did Panjin plan to do in 2021?", "盘锦营商局2021年工作打算是什么？",
                                      "Panjin business environment bureau plans for 2021"])
def test_plans_for_a_year_are_quoted_whole_from_the_report_before_it(answer_index, question):
    a = answer(question, answer_index)
    assert a.kind == "narrative" and a.sources[0].year == 2020
    assert "2021" in a.text and "2020" in a.text  # where the plans are: the report on the year before
    quote = a.sources[0].quote
    assert "一是" in quote and "二是" in quote and "三是" in quote  # every item, not the first
